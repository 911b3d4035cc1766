"""The open dataset: every front-matter field of every briefing, valid against the published schema."""

from __future__ import annotations

import json
from datetime import datetime

import jsonschema
import pytest

from autobrief.core import FrontMatter
from autobrief.core.dataset import dataset
from autobrief.core.indexes import Index
from autobrief.core.schema import json_schema
from test_feeds_core import BASE, HOSTILE, SITE, built, jsonable, modified, newest_first, page_url  # noqa: F401 (built: a fixture)

ADDED = ("url", "path", "entities")  # where the briefing lives and who it names, resolved; everything else is front matter
DEFAULTS = (None, [], False)


def given(value):
    """A value without the nulls that stand for optional fields left out (sources[].via ...)."""
    if isinstance(value, list):
        return [given(v) for v in value]
    if isinstance(value, dict):
        return {k: given(v) for k, v in value.items() if v is not None}
    return value


@pytest.fixture(scope="module")
def data(built):
    return dataset(built[1], SITE)


def test_envelope(built, data):
    items, _ = built
    assert data.endswith(b"\n")
    doc = json.loads(data)
    assert (doc["version"], doc["format"], doc["site"]) == (1, "autobrief-briefings", BASE)
    assert doc["schema"] == BASE + "schema/briefing.json"
    assert doc["count"] == len(doc["briefings"]) == len(items)
    assert datetime.fromisoformat(doc["generated"]) == max(modified(i) for i in items)
    assert [r["url"] for r in doc["briefings"]] == [page_url(i) for i in newest_first(items)]
    assert all(BASE + r["path"] == r["url"] for r in doc["briefings"])


def test_records_validate_against_the_schema(data):
    validator = jsonschema.Draft202012Validator(json_schema(), format_checker=jsonschema.FormatChecker())
    for record in json.loads(data)["briefings"]:
        front = {k: v for k, v in record.items() if k not in ADDED}
        errors = list(validator.iter_errors(front))
        assert not errors, (record["url"], errors)


def test_every_field_round_trips(built, data):
    items, _ = built
    records = {r["url"]: r for r in json.loads(data)["briefings"]}
    fields = set(json_schema()["properties"])
    for item in items:
        record = records[page_url(item)]
        assert set(record) == fields | set(ADDED)  # every record has one shape
        for key in fields:
            if key in item["front"]:
                assert given(record[key]) == jsonable(item["front"][key]), (item["path"], key)
            else:
                assert record[key] in DEFAULTS, (item["path"], key)
        # ...and reads back into the very model it came from.
        front = {k: v for k, v in record.items() if k not in ADDED}
        assert FrontMatter.model_validate(front, strict=False).model_dump() == FrontMatter.model_validate(
            item["front"]
        ).model_dump()


def test_hostile_text_is_kept_exactly(data):
    record = next(r for r in json.loads(data)["briefings"] if r["path"].endswith("/hostile/"))
    assert record["title"] == f"T {HOSTILE}"
    assert record["sources"][0]["url"] == "https://evil.example/?q=</script>&x=]]>"
    assert record["denials"][0]["statement"] == f"D {HOSTILE}"


def test_dataset_is_reproducible(built, data, monkeypatch):
    assert dataset(built[1], SITE) == data
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    empty = json.loads(dataset(Index([]), SITE))
    assert empty["count"] == 0 and empty["briefings"] == []
    assert datetime.fromisoformat(empty["generated"]).timestamp() == 1767225600
