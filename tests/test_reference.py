"""The writers' field reference on the site: each field described by what it is."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from autobrief.core.model import FrontMatter

TABLES = ("front-matter", "source", "denial")
SLUGS = {("front-matter", "slug"), ("front-matter", "story")}
# Text that a pattern in the schema only requires to hold some visible character.
VISIBLE_TEXT = {("front-matter", "title"), ("source", "name"), ("source", "via"),
                ("denial", "party"), ("denial", "statement")}
TEXT = VISIBLE_TEXT | {("front-matter", "summary"), ("front-matter", "claim"), ("source", "title")}


def reference(seed_site) -> dict[tuple[str, str], tuple[str, str]]:
    """(table, field) -> (type cell, rules) of the writers' guide as built: the rules that the
    reference derives from the schema, apart from the field's description."""
    page = seed_site.page("writing/")
    cells = {}
    for table in TABLES:
        rows = page.select(f"#ref-{table} + table tbody tr")
        assert rows, table
        for row in rows:
            td = row.select("td")
            rules = td[3].select_one(".ab-rules")
            cells[(table, row.select_one("code").get_text())] = (
                td[1].get_text(strip=True), rules.get_text(" ", strip=True) if rules else "")
    return cells


def longest(field: str) -> int:
    """The longest value of ``field`` the model accepts, found by asking it."""
    base = {"title": "T", "date": date(2026, 2, 2), "status": "denied", "sources": [{"name": "FT"}]}

    def ok(n: int) -> bool:
        try:
            FrontMatter.model_validate({**base, field: "x" * n})
        except ValidationError:
            return False
        return True

    low, high = 1, 100_000
    assert ok(low) and not ok(high)
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if ok(middle) else (low, middle)
    return low


def test_only_slugs_are_called_slugs(seed_site):
    cells = reference(seed_site)
    assert SLUGS | TEXT <= set(cells)
    for key, (kind, rules) in cells.items():
        if key in SLUGS:
            assert kind == "slug" and "lowercase letters and digits" in rules, (key, kind, rules)
        else:
            assert kind != "slug" and "lowercase" not in rules, (key, kind, rules)
    for key in TEXT:
        assert cells[key][0] == "text", (key, cells[key])


@pytest.mark.parametrize("key", sorted(VISIBLE_TEXT), ids="-".join)
def test_text_fields_say_they_need_visible_text(seed_site, key):
    kind, rules = reference(seed_site)[key]
    assert kind == "text" and "must contain visible text" in rules, rules


@pytest.mark.parametrize("field", ["title", "summary"])
def test_text_length_limits_are_the_models(seed_site, field):
    kind, rules = reference(seed_site)[("front-matter", field)]
    assert f"at most {longest(field)} characters" in rules, rules
