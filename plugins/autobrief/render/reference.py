"""The writers' field reference, generated from the JSON Schema at build time so it cannot drift."""

from __future__ import annotations

from markupsafe import Markup

from ..core.schema import json_schema
from . import environment


def _variant(spec: dict) -> dict:
    """The non-null branch of an optional field."""
    options = [o for o in spec.get("anyOf", [spec]) if o.get("type") != "null"]
    return options[0] if len(options) == 1 else {"anyOf": options}


def _describe(spec: dict) -> tuple[str, list[str]]:
    """(type in words, rules in words) for one property."""
    spec = _variant(spec)
    rules: list[str] = []
    if "anyOf" in spec:  # dates: a date or a date-time with its offset
        return "date", ["YYYY-MM-DD, or an ISO 8601 date-time with its UTC offset"]
    if "enum" in spec:
        return "text", ["one of " + ", ".join(spec["enum"])]
    kind = spec.get("type")
    if kind == "array":
        items = spec.get("items", {})
        if "$ref" in items:
            name = items["$ref"].rsplit("/", 1)[-1]
            kind_text = f"list of {name.lower()}s"
        else:
            kind_text = "list of text"
            if items.get("minLength"):
                rules.append("each entry non-empty")
        if spec.get("minItems"):
            rules.append(f"at least {spec['minItems']}")
        return kind_text, rules
    if kind == "boolean":
        return "true or false", rules
    if spec.get("format") == "uri":
        return "URL", ["absolute, http:// or https:// only"]
    if "pattern" in spec:
        return "slug", ["lowercase letters and digits, words joined by single hyphens"]
    if spec.get("minLength"):
        rules.append(f"at least {spec['minLength']} character" + ("s" if spec["minLength"] > 1 else ""))
    if spec.get("maxLength"):
        rules.append(f"at most {spec['maxLength']} characters")
    return "text", rules


def _rows(schema: dict) -> list[dict]:
    required = set(schema.get("required", []))
    rows = []
    for name, spec in schema["properties"].items():
        kind, rules = _describe(spec)
        rows.append({"name": name, "type": kind, "required": name in required, "rules": rules,
                     "description": spec.get("description", "")})
    return rows


def reference_tables() -> Markup:
    schema = json_schema()
    defs = schema.get("$defs", {})
    tables = [("Briefing fields", "front-matter", _rows(schema))]
    for name in ("Source", "Denial"):
        tables.append((f"Each entry of {name.lower()}s", name.lower(), _rows(defs[name])))
    return Markup(environment().get_template("reference.html").render(tables=tables))
