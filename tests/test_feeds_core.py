"""RSS, Atom and JSON Feed, read back with feedparser and checked against the corpus dicts.

Expectations come from the dicts of tests/corpus.py (plus a hostile and a
long-titled briefing), never from autobrief.core, so the feeds cannot agree
with a bug in the model. The helpers here are shared by the other *_core tests.
"""

from __future__ import annotations

import calendar
import html
import json
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta, timezone
from urllib.parse import quote

import feedparser
import pytest

from autobrief.core import load_corpus
from autobrief.core.feeds import feed_links, site_feeds, term_feeds
from autobrief.core.indexes import Index
from autobrief.core.site import SiteInfo
from corpus import make_corpus, write_corpus

BASE = "https://briefings.example.com/"
SITE = SiteInfo(name="Auto & <Briefings>", url=BASE, description="News </script> & more")
# Control characters are refused by the model (tests/test_hostile.py), so none reaches a feed.
HOSTILE = "</script> ]]> <b>&amp; \u2028 x"
LONG_TITLE = "Volkswagen " + "and Rivian extend their software venture " * 4 + "(reported)"


def extra_items() -> list[dict]:
    """A briefing with markup, CDATA ends, entities and a control character in every string field; a long title."""
    h = HOSTILE
    hostile = {
        "title": f"T {h}",
        "date": datetime(2026, 3, 25, 9, 30, tzinfo=timezone(timedelta(hours=5, minutes=30))),
        "updated": date(2026, 3, 27),
        "status": "denied",
        "claim": f"C {h}",
        "summary": f"S {h}",
        "companies": [f"Evil {h}", "Ford"],
        "regions": [f"R {h}"],
        "tags": [f"t {h}"],
        "sources": [
            {"name": f"O {h}", "title": f"ST {h}", "url": "https://evil.example/?q=</script>&x=]]>",
             "date": date(2026, 3, 24)},
            {"name": f"Relay {h}", "via": f"O {h}"},
            {"name": "Third", "via": f"Unlisted {h}"},
        ],
        "denials": [{"party": f"Evil {h}", "statement": f"D {h}", "url": "https://evil.example/d?a=<b>&b=1",
                     "date": date(2026, 3, 26)}],
        "watch": [f"W {h}"],
        "authors": [f"A {h}", "Editor"],
    }
    long = {
        "title": LONG_TITLE,
        "date": date(2026, 1, 2),
        "status": "reported",
        "companies": ["Volkswagen", "Rivian"],
        "sources": [{"name": "Handelsblatt", "via": "Reuters"},
                    {"name": "Reuters", "url": "https://reuters.example/x"}],
    }
    return [
        {"path": "2026/03/hostile.md", "front": hostile, "body": "Body.\n", "slug": "hostile"},
        {"path": "2026/01/long-title.md", "front": long, "body": "First paragraph.\n", "slug": "long-title"},
    ]


def build(folder) -> tuple[list[dict], Index]:
    items = make_corpus() + extra_items()
    write_corpus(folder, items)
    corpus = load_corpus(folder, base=folder)
    assert corpus.ok, corpus.errors
    assert len(corpus.briefings) == len(items)
    return items, Index(corpus.briefings)


def moment(value: date) -> datetime:
    """A bare date is 00:00 UTC (the contract); a time keeps its offset."""
    return value if isinstance(value, datetime) else datetime(value.year, value.month, value.day, tzinfo=timezone.utc)


def modified(item: dict) -> datetime:
    return moment(item["front"].get("updated") or item["front"]["date"])


def page_url(item: dict) -> str:
    d = item["front"]["date"]
    return f"{BASE}briefings/{d.year:04d}/{d.month:02d}/{item['slug']}/"


def newest_first(items: list[dict]) -> list[dict]:
    return sorted(items, key=lambda i: (moment(i["front"]["date"]), i["path"]), reverse=True)


def xml_text(text: str) -> str:
    return text  # what a feed holds of a front-matter string: all of it


def summary_of(item: dict) -> str:
    return item["front"].get("summary") or item["body"].strip()


def jsonable(value):
    """Front-matter values as JSON has them: dates and times as ISO 8601 text."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    return value


def seconds(parsed) -> int:
    return calendar.timegm(parsed)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def feeds(built):
    return site_feeds(built[1], SITE)


def by_link(entries) -> dict:
    return {e.link: e for e in entries}


def test_site_feeds_are_the_three_formats(feeds):
    assert set(feeds) == {"feed.xml", "atom.xml", "feed.json"}
    assert all(isinstance(v, bytes) for v in feeds.values())


@pytest.mark.parametrize("path, version", [("feed.xml", "rss20"), ("atom.xml", "atom10")])
def test_xml_feeds_parse_and_match_front_matter(built, feeds, path, version):
    items, _ = built
    ET.fromstring(feeds[path])  # well-formed for a strict XML parser too
    parsed = feedparser.parse(feeds[path])
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == version
    assert xml_text(parsed.feed.title) == SITE.name
    expected = newest_first(items)
    assert [e.link for e in parsed.entries] == [page_url(i) for i in expected]
    ids = [e.id for e in parsed.entries]
    assert ids == [e.link for e in parsed.entries] and len(set(ids)) == len(ids)
    # The feed changed when its newest entry did: not when it was built.
    assert seconds(parsed.feed.updated_parsed) == int(max(modified(i) for i in items).timestamp())
    for item, entry in zip(expected, parsed.entries):
        front = item["front"]
        assert entry.title == xml_text(front["title"])
        assert entry.title_detail.type == "text/plain"
        assert html.unescape(entry.summary) == xml_text(summary_of(item))
        assert seconds(entry.published_parsed) == int(moment(front["date"]).timestamp())
        if version == "atom10":  # RSS has no updated per item
            assert seconds(entry.updated_parsed) == int(modified(item).timestamp())
        authors = [a["name"] for a in entry.authors]
        assert authors == [xml_text(a) for a in front.get("authors", []) or [SITE.name]]
        assert (BASE + "status/", front["status"]) in {(t.scheme, t.term) for t in entry.tags}
        cats = {(t.scheme, t.term.casefold()) for t in entry.tags}
        for field in ("companies", "regions", "tags"):
            names = {xml_text(n).casefold() for n in front.get(field, [])}
            assert {t for s, t in cats if s == BASE + field + "/"} == names


def test_hostile_text_is_escaped_not_interpreted(feeds):
    for path in ("feed.xml", "atom.xml"):
        raw = feeds[path]
        assert b"<script" not in raw and b"<b>" not in raw
        entry = by_link(feedparser.parse(raw).entries)[f"{BASE}briefings/2026/03/hostile/"]
        assert entry.title == xml_text(f"T {HOSTILE}")
        assert html.unescape(entry.summary) == xml_text(f"S {HOSTILE}")


def test_feed_limit_keeps_the_newest(built):
    items, index = built
    small = SiteInfo(name="S", url=BASE, feed_limit=5)
    newest = [page_url(i) for i in newest_first(items)[:5]]
    feeds = site_feeds(index, small)
    for path in ("feed.xml", "atom.xml"):
        assert [e.link for e in feedparser.parse(feeds[path]).entries] == newest
    assert [i["url"] for i in json.loads(feeds["feed.json"])["items"]] == newest


def test_feeds_are_reproducible(built, feeds):
    assert site_feeds(built[1], SITE) == feeds
    assert term_feeds(built[1], SITE) == term_feeds(built[1], SITE)


def test_empty_feed_uses_a_fixed_time(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    parsed = feedparser.parse(site_feeds(Index([]), SITE)["atom.xml"])
    assert parsed.bozo == 0 and not parsed.entries
    assert seconds(parsed.feed.updated_parsed) == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert seconds(feedparser.parse(site_feeds(Index([]), SITE)["feed.xml"]).feed.updated_parsed) == 1767225600


def test_json_feed_follows_the_spec(built, feeds):
    items, _ = built
    feed = json.loads(feeds["feed.json"])
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] == SITE.name and feed["home_page_url"] == BASE
    assert feed["feed_url"] == BASE + "feed.json"
    expected = newest_first(items)
    assert len(feed["items"]) == len(expected)
    assert len({i["id"] for i in feed["items"]}) == len(expected)
    for item, entry in zip(expected, feed["items"]):
        front = item["front"]
        assert isinstance(entry["id"], str) and entry["url"] == entry["id"] == page_url(item)
        assert entry.get("content_text") or entry.get("content_html")
        assert entry["title"] == front["title"] and entry["summary"] == summary_of(item)
        assert front.get("claim", "") in entry["content_text"]
        assert datetime.fromisoformat(entry["date_published"]) == moment(front["date"])
        assert datetime.fromisoformat(entry["date_modified"]) == modified(item)
        assert datetime.fromisoformat(entry["date_published"]).tzinfo is not None
        assert [a["name"] for a in entry["authors"]] == (front.get("authors") or [SITE.name])
        names = front.get("companies", []) + front.get("regions", []) + front.get("tags", [])
        assert {t.casefold() for t in entry["tags"]} == {n.casefold() for n in names}
        ext = entry["_autobrief"]
        assert ext["status"] == front["status"] and ext["claim"] == front.get("claim")
        assert ext["companies"] == front.get("companies", []) and ext["story"] == front.get("story")
        assert ext["sources"] == jsonable(front["sources"])
        assert ext["denials"] == jsonable(front.get("denials", []))


def test_json_feed_keeps_hostile_text_exactly(feeds):
    entry = next(i for i in json.loads(feeds["feed.json"])["items"] if i["url"].endswith("/hostile/"))
    assert entry["title"] == f"T {HOSTILE}" and entry["summary"] == f"S {HOSTILE}"


def test_term_feeds(built):
    items, index = built
    feeds = term_feeds(index, SITE)
    kinds = ("company", "region", "tag", "source", "story", "author")  # author pages have feeds too (v1.1)
    assert set(feeds) == {t.url + "atom.xml" for k in kinds for t in index.terms[k].values()}
    assert not any(path.startswith("status/") for path in feeds)

    def expected(kind: str, name: str) -> list[str]:
        def names(front):
            if kind == "source":
                return [s["name"] for s in front["sources"]] + [s["via"] for s in front["sources"] if "via" in s]
            if kind == "story":
                return [front["story"]] if "story" in front else []
            return front.get({"company": "companies", "region": "regions", "tag": "tags"}[kind], [])
        wanted = name.casefold()
        return [page_url(i) for i in newest_first(items) if wanted in {n.casefold() for n in names(i["front"])}]

    checked = 0
    for item in items:
        front = item["front"]
        pairs = [("company", n) for n in front.get("companies", [])] + [("region", n) for n in front.get("regions", [])]
        pairs += [("tag", n) for n in front.get("tags", [])] + [("source", s["name"]) for s in front["sources"]]
        pairs += [("story", front["story"])] if "story" in front else []
        for kind, name in pairs:
            path = index.term(kind, name).url + "atom.xml"
            parsed = feedparser.parse(feeds[path])
            assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
            assert [e.link for e in parsed.entries] == expected(kind, name)[: SITE.feed_limit], path
            assert parsed.feed.id == BASE + quote(path)  # 小米 -> %E5%B0%8F%E7%B1%B3: a URL, not an IRI
            assert {link.rel: link.href for link in parsed.feed.links}["self"] == BASE + quote(path)
            checked += 1
    assert checked > 100


def test_feed_links_for_autodiscovery(built):
    _, index = built
    site = [(t, h) for _, t, h in feed_links(SITE)]
    assert site == [("application/rss+xml", "feed.xml"), ("application/atom+xml", "atom.xml"),
                    ("application/feed+json", "feed.json"), ("application/atom+xml", "changes.xml")]
    ford = feed_links(SITE, index.term("company", "Ford"))
    assert ford[0][1:] == ("application/atom+xml", "companies/ford/atom.xml") and "Ford" in ford[0][0]
    # a company's (and a story's) status changes come next, then the site's feeds
    assert ford[1][1:] == ("application/atom+xml", "companies/ford/changes.xml") and "Ford" in ford[1][0]
    assert [(t, h) for _, t, h in ford[2:]] == site
    assert [(t, h) for _, t, h in feed_links(SITE, index.terms["status"]["denied"])] == site
