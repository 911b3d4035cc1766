"""The JSON Schema of the front matter, generated from the model so the two cannot drift."""

from __future__ import annotations

import json

from .model import FrontMatter

SCHEMA_ID = "https://autobrief.dev/schema/briefing.json"


def json_schema() -> dict:
    schema = FrontMatter.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Autobrief briefing front matter (contract v1.1)",
        "description": "The YAML front matter of one briefing: what was reported, by whom, who denied it.",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def json_schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
