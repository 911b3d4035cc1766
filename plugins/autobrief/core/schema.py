"""The JSON Schemas the project publishes, generated from the models so the two cannot drift.

``docs/schema/briefing.json`` is a briefing's front matter; ``docs/schema/registry/*.json``
are the four registry files of contract v1.1 (companies, outlets, stories, authors). Each
is published with the site under the path its ``$id`` names, and ``make schema`` writes
them all from :func:`published_schemas`.
"""

from __future__ import annotations

import json
from pathlib import Path

from .model import _END, MAX_SEGMENT, FrontMatter
from .registry import FILES, MODELS

BASE_URL = "https://autobrief.dev/"
SCHEMA_ID = BASE_URL + "schema/briefing.json"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
# A registry key: a slug, ended as the model's patterns are (end of text in ECMA-262 and Python alike).
KEY_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*" + _END
# kind -> what a file of that kind holds, for its schema's title and description
_REGISTRY_TEXT = {
    "company": ("companies", "The companies briefings name in `companies`"),
    "source": ("outlets", "The outlets briefings name in `sources[].name` and `sources[].via`"),
    "story": ("stories", "The stories briefings name in `story`, by their slug"),
    "author": ("authors", "The authors briefings name in `authors`, by key or name"),
}


def json_schema() -> dict:
    schema = FrontMatter.model_json_schema(mode="validation")
    return {
        "$schema": DRAFT,
        "$id": SCHEMA_ID,
        "title": "Autobrief briefing front matter (contract v1.1)",
        "description": "The YAML front matter of one briefing: what was reported, by whom, who denied it.",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def json_schema_text() -> str:
    return _text(json_schema())


def registry_path(kind: str) -> str:
    """Where the schema of a kind's registry file is published, under docs/ (and the site)."""
    return "schema/registry/" + FILES[kind].removesuffix(".yml") + ".json"


def registry_json_schema(kind: str) -> dict:
    """The schema of one registry file: a mapping from keys (slugs) to entries of the kind's model."""
    model = MODELS[kind]
    entry = model.model_json_schema(mode="validation")
    defs = entry.pop("$defs", {})
    name = model.__name__
    value: dict = {"$ref": f"#/$defs/{name}"}
    if _accepts_empty(model):
        # `xiaomi:` with nothing under it is an entry with no fields yet, as the build reads it.
        value = {"anyOf": [value, {"type": "null", "description": "An entry with no fields yet"}]}
    plural, holds = _REGISTRY_TEXT[kind]
    return {
        "$schema": DRAFT,
        "$id": BASE_URL + registry_path(kind),
        "title": f"Autobrief registry of {plural}: registry/{FILES[kind]} (contract v1.1)",
        "description": f"{holds}: a mapping from each one's key (a slug) to its entry. "
                       "An empty file (or only comments) has no entries yet.",
        "type": ["object", "null"],
        "propertyNames": {"type": "string", "pattern": KEY_PATTERN, "maxLength": MAX_SEGMENT,
                          "description": "The key: lowercase letters and digits in words joined by single "
                                         "hyphens, e.g. xiaomi"},
        "additionalProperties": value,
        "$defs": {name: entry, **defs},
    }


def published_schemas() -> dict[str, dict]:
    """Every published schema, by its path under docs/ (which is also its path on the site)."""
    schemas = {"schema/briefing.json": json_schema()}
    schemas.update((registry_path(kind), registry_json_schema(kind)) for kind in FILES)
    return schemas


def published_schema_texts() -> dict[str, str]:
    """Every published schema's file content, by its path under docs/."""
    return {path: _text(schema) for path, schema in published_schemas().items()}


def write_published(docs: str | Path = "docs") -> list[Path]:
    """Write every published schema under ``docs`` (what `make schema` runs); return the files."""
    written = []
    for path, text in published_schema_texts().items():
        file = Path(docs) / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")
        written.append(file)
    return written


def _text(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def _accepts_empty(model) -> bool:
    try:
        model.model_validate({})
    except ValueError:
        return False
    return True

