"""The marker parser alone (core/markers.py, no MkDocs): where markers are, what they ask, their errors."""

from __future__ import annotations

import pytest

from autobrief.core import load_corpus
from autobrief.core.indexes import Index
from autobrief.core.markers import find_markers, select
from autobrief.core.registry import load_registry
from claims_corpus import CORPUS, write

PATH = "docs/page.md"


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> Index:
    root = tmp_path_factory.mktemp("markers")
    write(root / "briefings", CORPUS)
    (root / "registry").mkdir()
    (root / "registry" / "companies.yml").write_text("nio:\n  name: NIO\n  aliases: [Nio Inc]\n", encoding="utf-8")
    corpus = load_corpus(root / "briefings", base=root)
    assert not corpus.errors
    return Index(corpus.briefings, registry=load_registry(root / "registry"))


def lines_of(text: str, index: Index, first_line: int = 1) -> list[int]:
    return [m.line for m in find_markers(text, PATH, index, first_line).markers]


def test_markers_outside_code_only(index):
    text = "\n".join([
        "<!-- briefings: company=Tesla -->",          # 1
        "````markdown",                               # 2: a fence of four
        "```",                                        # 3: shorter: does not close it
        "<!-- briefings: company=Tesla -->",          # 4
        "````",                                       # 5
        "~~~",                                        # 6
        "<!-- briefings: company=Tesla -->",          # 7
        "~~~",                                        # 8
        "`<!-- briefings: company=Tesla -->` and <!-- briefings: company=BYD -->",  # 9: the second only
        "    ```python",                              # 10: an indented fence (in a list or admonition)
        "    <!-- briefings: company=Tesla -->",      # 11
        "    ```",                                    # 12
        "<!-- briefings:latest --> <!-- briefings: reference -->",  # 13: the plugin's own markers
        "<!--briefing:2026/02/fx-talks-->",           # 14
    ])
    assert lines_of(text, index) == [1, 9, 14]
    assert lines_of(text, index, first_line=5) == [5, 13, 18]  # the page's front matter took 4 lines


def test_a_marker_may_span_lines_and_its_line_is_where_it_opens(index):
    found = find_markers("Intro.\n\n<!-- briefings:\n  company=Tesla\n  limit=2 -->\n", PATH, index)
    assert [(m.line, m.limit, m.terms) for m in found.markers] == [(3, 2, {"company": ["Tesla"]})]
    assert found.errors == []


@pytest.mark.parametrize("marker, message", [
    ("<!-- briefings: -->", "say which briefings, e.g. <!-- briefings: company=Xiaomi limit=5 -->"),
    ("<!-- briefings: Tesla -->", "'Tesla' is not key=value: write e.g. company=Tesla"),
    ("<!-- briefings: limit=ten -->", "limit: 'ten' is not a whole number from 1 to 100"),
    ("<!-- briefings: limit=101 -->", "limit: '101' is not a whole number from 1 to 100"),
    ("<!-- briefings: company= -->", "company is empty: give it a value"),
    ("<!-- briefings: colour=red -->", "unknown key 'colour'; the keys are company, outlet, tag, region, story, "
                                       "status, author, since, until, limit, layout"),
    ("<!-- briefing: 2026/02/fx-talks limit=2 -->",
     "<!-- briefing: … --> takes one address, e.g. <!-- briefing: 2026/02/ford-xiaomi-ev-talks -->"),
    ("<!-- briefing: 2027/01/nothing-like-it -->", "no published briefing has the address 2027/01/nothing-like-it"),
])
def test_errors_in_writers_words(index, marker, message):
    found = find_markers(f"# Page\n\n{marker}\n", PATH, index)
    assert [str(e) for e in found.errors] == [f"{PATH}:3: briefings: {message}"]
    assert select(found.markers[0], index) == []  # a wrong marker shows nothing (a preview shows its errors)


def test_a_registry_name_without_briefings_is_no_error_and_lists_nothing(index):
    found = find_markers("<!-- briefings: company=\"Nio Inc\" -->", PATH, index)
    assert found.errors == []
    assert select(found.markers[0], index) == []


def test_either_and_both(index):
    def titles(marker: str) -> set[str]:
        found = find_markers(marker, PATH, index)
        assert found.errors == [], found.errors
        return {b.title for b in select(found.markers[0], index)}

    def expected(wanted) -> set[str]:
        return {i["front"]["title"] for i in CORPUS if wanted(i["front"])}

    assert titles("<!-- briefings: region=India region=Japan -->") == expected(
        lambda f: {"India", "Japan"} & set(f["regions"]))
    assert titles("<!-- briefings: region=US company=Ford -->") == expected(
        lambda f: "US" in f["regions"] and "Ford" in f["companies"])
    assert titles("<!-- briefings: outlet=Reuters status=retracted status=confirmed -->") == expected(
        lambda f: f["status"] in ("retracted", "confirmed")
        and any("Reuters" in (s["name"], s.get("via")) for s in f["sources"]))
