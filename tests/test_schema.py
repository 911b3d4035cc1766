"""The published JSON Schema is the model's own, and the seed briefing satisfies it."""

from __future__ import annotations

import json

import jsonschema

from autobrief.core import load_corpus
from autobrief.core.schema import json_schema, json_schema_text
from conftest import ROOT


def test_committed_schema_is_generated_from_the_model():
    committed = (ROOT / "docs/schema/briefing.json").read_text(encoding="utf-8")
    assert committed == json_schema_text(), "run: make schema"


def test_seed_front_matter_validates_against_the_schema():
    corpus = load_corpus(ROOT / "briefings", base=ROOT)
    assert corpus.ok and corpus.briefings
    validator = jsonschema.Draft202012Validator(json_schema(), format_checker=jsonschema.FormatChecker())
    for briefing in corpus.briefings:
        data = json.loads(briefing.front.model_dump_json(exclude_defaults=True))
        errors = list(validator.iter_errors(data))
        assert not errors, errors


def test_schema_rejects_what_the_model_rejects():
    validator = jsonschema.Draft202012Validator(json_schema())
    base = {"title": "T", "date": "2026-02-02", "status": "denied", "sources": [{"name": "FT"}]}
    assert validator.is_valid(base)
    for bad in (
        {**base, "status": "deniedd"},
        {**base, "denails": []},
        {**base, "sources": []},
        {**base, "sources": [{"name": "FT", "url": "javascript:alert(1)"}]},
        {**base, "story": "../etc"},
        {**base, "summary": "x" * 401},
        {k: v for k, v in base.items() if k != "title"},
    ):
        assert not validator.is_valid(bad), bad


def test_writers_guide_reference_is_generated_from_the_schema(seed_site):
    from autobrief.core.model import DENIAL_FIELDS, FIELDS, SOURCE_FIELDS

    page = seed_site.page("writing/")
    schema = json_schema()
    for anchor, fields, spec in (("front-matter", FIELDS, schema),
                                 ("source", SOURCE_FIELDS, schema["$defs"]["Source"]),
                                 ("denial", DENIAL_FIELDS, schema["$defs"]["Denial"])):
        rows = page.select(f"#ref-{anchor} + table tbody tr")
        assert [r.select_one("code").get_text() for r in rows] == list(fields)
        required = {r.select_one("code").get_text() for r in rows if r.select("td")[2].get_text() == "yes"}
        assert required == set(spec.get("required", []))
    assert "<!-- briefings:reference -->" not in str(page)


def test_a_watch_items_by_is_as_long_in_the_schema_as_in_the_model():
    """`by` is YYYY/MM/ and a slug of at most 200 characters: 208 passes both, 209 neither."""
    import jsonschema

    from autobrief.core.model import FrontMatter

    schema = json.loads((ROOT / "docs/schema/briefing.json").read_text(encoding="utf-8"))
    base = {"title": "T", "date": "2026-02-02", "status": "denied", "sources": [{"name": "FT"}]}
    for length, ok in ((200, True), (201, False)):
        front = {**base, "watch": [{"item": "x", "by": "2026/02/" + "a" * length}]}
        schema_ok = jsonschema.Draft202012Validator(schema).is_valid(front)
        try:
            FrontMatter.model_validate(front)
            model_ok = True
        except Exception:
            model_ok = False
        assert schema_ok is model_ok is ok, (length, schema_ok, model_ok)
