"""The writers' field reference, generated from the JSON Schema at build time so it cannot drift."""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup

from ..core.model import SLUG_PATTERN
from ..core.schema import json_schema
from . import environment

# A pattern may end "at the end of the text" as Python writes it ($) or as the schema does,
# in a form that ECMA-262 and Python read alike: the same slug pattern either way.
_END_ANCHORS = (r"(?![\s\S])", "$")
PROSE = "Ford called the report false."  # text any free-text field must accept
LONGEST_TRIED = 100_000  # characters: a pattern that accepts this many sets no length limit


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
        if "oneOf" in items:  # watch: a line of text, or a mapping
            kinds = ["text" if "$ref" not in o else _entry_name(o["$ref"]) + "s" for o in items["oneOf"]]
            kind_text = "list of " + " or ".join(kinds)
        elif "$ref" in items:
            kind_text = f"list of {_entry_name(items['$ref'])}s"
        else:
            item_kind, item_rules = _describe(items)
            kind_text = "list of " + {"text": "text", "slug": "slugs", "URL": "URLs"}.get(item_kind, item_kind)
            rules += [f"each entry {rule}" for rule in item_rules]
        if spec.get("minItems"):
            rules.append(f"at least {spec['minItems']}")
        return kind_text, rules
    if kind == "boolean":
        return "true or false", rules
    if spec.get("format") == "uri":
        return "URL", ["absolute, http:// or https:// only"]
    if "pattern" in spec:
        if _is_slug(spec["pattern"]):
            return "slug", ["lowercase letters and digits, words joined by single hyphens"]
        rules = list(_text_rules(spec["pattern"]))
        if "must contain visible text" in rules and spec.get("minLength") == 1:
            spec = {k: v for k, v in spec.items() if k != "minLength"}  # says no more than that
    if spec.get("minLength"):
        rules.append("must not be empty" if spec["minLength"] == 1 else f"at least {spec['minLength']} characters")
    if spec.get("maxLength"):
        rules.append(f"at most {spec['maxLength']} characters")
    return "text", rules


# $defs name -> what the guide calls one entry of it, and the field that lists them
ENTRIES = {"Source": ("source", "sources"), "Denial": ("denial", "denials"), "HistoryStep": ("history step", "history"),
           "Correction": ("correction", "corrections"), "WatchItem": ("watch item", "watch")}


def _entry_name(ref: str) -> str:
    name = ref.rsplit("/", 1)[-1]
    return ENTRIES.get(name, (name.lower(), ""))[0]


def _bare(pattern: str) -> str:
    """The pattern without its end-of-text anchor (a final "\\$" is a dollar sign, no anchor)."""
    for anchor in _END_ANCHORS:
        if pattern.endswith(anchor) and not pattern.endswith("\\" + anchor):
            return pattern[: -len(anchor)]
    return pattern


def _is_slug(pattern: str) -> bool:
    """Whether the pattern is the model's slug pattern (whatever end anchor it is written with)."""
    return _bare(pattern) == _bare(SLUG_PATTERN)


@lru_cache(maxsize=None)
def _text_rules(pattern: str) -> tuple[str, ...]:
    """What a pattern asks of free text, in words, found by trying it as the validator would.

    The schema gives text fields a pattern where JSON Schema has no other way to
    say it: "some visible character", or a length counted once the text is
    trimmed. A pattern that refuses ordinary prose is no such rule: it is shown as it is.
    """
    regex = re.compile(pattern)

    def ok(text: str) -> bool:
        return regex.search(text) is not None

    if not ok(PROSE):
        return (f"must match the pattern {pattern}",)
    rules = []
    if not ok("") and not ok(" \t\n"):
        rules.append("must contain visible text")
    if not ok("x" * LONGEST_TRIED):
        low, high = 1, LONGEST_TRIED  # ok("x" * low) and not ok("x" * high)
        while high - low > 1:
            middle = (low + high) // 2
            low, high = (middle, high) if ok("x" * middle) else (low, middle)
        trimmed = ok(f"  {'x' * low}  ")
        rules.append(f"at most {low} characters" + (", not counting spaces around them" if trimmed else ""))
    return tuple(rules)


def _rows(schema: dict) -> list[dict]:
    required = set(schema.get("required", []))
    rows = []
    for name, spec in schema["properties"].items():
        kind, rules = _describe(spec)
        rows.append({"name": name, "type": kind, "required": name in required, "rules": rules,
                     "description": _without_aside(spec.get("description", ""), rules)})
    return rows


def _without_aside(description: str, rules: list[str]) -> str:
    """The description without a closing "(…)" that one of the rules states already, and better."""
    aside = re.search(r"\s*\(([^()]*)\)$", description)
    if aside and any(rule.startswith(aside.group(1)) for rule in rules):
        return description[: aside.start()]
    return description


def reference_tables() -> Markup:
    schema = json_schema()
    defs = schema.get("$defs", {})
    tables = [("Briefing fields", "front-matter", _rows(schema))]
    for name, (entry, field) in ENTRIES.items():
        heading = f"Each entry of {field}" + (" written as a mapping" if name == "WatchItem" else "")
        tables.append((heading, entry.replace(" ", "-"), _rows(defs[name])))
    return Markup(environment().get_template("reference.html").render(tables=tables))
