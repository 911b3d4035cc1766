"""Feeds, JSON-LD, sharing tags and the dataset as a real build publishes them."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import feedparser
import jsonschema
import pytest

from conftest import build, make_project
from corpus import make_corpus, write_corpus
from test_escaping import HOSTILE

BASE = "https://briefings.example.com/"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("feeds"), {"2026/03/hostile.md": HOSTILE}, with_seed=True)
    write_corpus(project / "briefings", make_corpus())
    scratch = tmp_path_factory.mktemp("tmp")  # the build's own temporary folder, to see what it leaves there
    result = build(project, env={"TMPDIR": str(scratch)})
    assert result.ok, result.output
    result.scratch = scratch
    return result


def test_the_generated_files_are_copied_from_a_spool_the_build_removes(site):
    # The feeds and dataset wait on disk, not in memory, until MkDocs copies them; nothing is left behind.
    assert (site.site / "feed.xml").is_file() and (site.site / "briefings.json").is_file()
    assert list(site.scratch.iterdir()) == []


def jsonld(page) -> list[dict]:
    return [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]


def test_site_feeds_parse_and_list_the_newest(site):
    for path in ("feed.xml", "atom.xml"):
        ET.fromstring((site.site / path).read_bytes())  # well-formed XML, hostile titles included
        feed = feedparser.parse((site.site / path).read_bytes())
        assert not feed.bozo, (path, feed.bozo_exception)
        assert len(feed.entries) == 38  # 36 corpus + seed + hostile, under the limit of 50
        links = [e.link for e in feed.entries]
        assert BASE + "briefings/2026/02/ford-xiaomi-us-talks/" in links
        for entry in feed.entries:
            assert entry.link.startswith(BASE) and entry.title
    data = json.loads((site.site / "feed.json").read_text())
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["feed_url"] == BASE + "feed.json"
    assert all(item["id"] and ("content_text" in item or "content_html" in item) for item in data["items"])
    seed = next(i for i in data["items"] if i["url"].endswith("ford-xiaomi-us-talks/"))
    assert seed["_autobrief"]["status"] == "denied"
    assert seed["date_published"].startswith("2026-02-02")
    hostile = next(i for i in data["items"] if "hostile" in i["url"])
    assert hostile["title"].startswith('<script>alert("xss")</script>')


def test_term_feeds_and_autodiscovery(site):
    page = site.page("companies/ford/")
    alternates = {a["href"]: a["type"] for a in page.select('link[rel="alternate"]')}
    assert alternates["atom.xml"] == "application/atom+xml"
    assert alternates["../../feed.xml"] == "application/rss+xml"
    subscribe = page.select_one(".ab-subscribe a")
    assert subscribe["href"] == "atom.xml"
    feed = feedparser.parse((site.site / "companies/ford/atom.xml").read_bytes())
    assert not feed.bozo
    titles = [e.title for e in feed.entries]
    listed = [a.get_text(strip=True) for a in page.select(".ab-listing .ab-card__title a")]
    assert titles[: len(listed)] == listed
    ford = next(e for e in feed.entries if "ford-xiaomi" in e.link)
    terms = {(t.term, t.scheme) for t in ford.tags}
    assert ("Ford", BASE + "companies/") in terms and ("denied", BASE + "status/") in terms
    for kind in ("regions/us", "tags/tariffs", "sources/reuters", "stories/tesla-india-plant"):
        assert not feedparser.parse((site.site / kind / "atom.xml").read_bytes()).bozo, kind
    home = site.page("")
    assert {a["href"] for a in home.select(".ab-subscribe a")} == {"feed.xml", "atom.xml", "feed.json", "changes.xml"}


def test_briefing_page_json_ld_and_sharing_tags(site):
    page = site.page("briefings/2026/02/ford-xiaomi-us-talks/")
    (graph,) = jsonld(page)
    nodes = {n["@type"] if isinstance(n["@type"], str) else n["@type"][0]: n for n in graph["@graph"] if n["@type"] != "Claim"}
    article = nodes["NewsArticle"]
    assert article["headline"].startswith("Ford and Xiaomi talked")
    assert article["datePublished"].startswith("2026-02-02") and "dateModified" in article
    assert article["author"] and article["publisher"]["name"] == "Autobrief"
    assert {o["name"] for o in article["about"]} == {"Ford", "Xiaomi"}
    citations = {c["@id"]: c for c in article["citation"]}
    reuters = next(c for c in citations.values() if c.get("publisher", c.get("author", {})).get("name") == "Reuters")
    cited = reuters["isBasedOn"]
    cited_id = cited["@id"] if isinstance(cited, dict) else cited
    assert citations[cited_id].get("publisher", citations[cited_id].get("author"))["name"] == "Financial Times"
    claims = [n for n in graph["@graph"] if n["@type"] == "Claim"]
    denials = [c for c in claims if c.get("author", {}).get("@type") == "Organization"]
    assert sorted(c["author"]["name"] for c in denials) == ["Ford", "Xiaomi"]
    assert not any(n["@type"] == "ClaimReview" for n in graph["@graph"])
    og = {m["property"]: m["content"] for m in page.select("meta[property]")}
    assert og["og:title"].startswith("Ford and Xiaomi") and og["og:url"] == BASE + "briefings/2026/02/ford-xiaomi-us-talks/"
    assert page.select_one('meta[name="twitter:card"]')["content"]


def test_hostile_briefing_stays_inert_in_head_and_json_ld(site):
    page = site.page("briefings/2026/03/hostile/")
    scripts = page.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    raw = scripts[0].string
    assert "</script" not in raw.lower() and "<" not in raw
    graph = json.loads(raw)
    article = next(n for n in graph["@graph"] if n["@type"] == "NewsArticle")
    assert article["headline"].startswith('<script>alert("xss")</script>'[:20])
    for meta in page.select("meta"):
        assert not any(attr.startswith("on") for attr in meta.attrs)
    og_title = page.select_one('meta[property="og:title"]')["content"]
    assert og_title.startswith('<script>alert("xss")</script>')


def test_dataset_validates_against_the_published_schema_and_round_trips(site):
    data = json.loads((site.site / "briefings.json").read_text())
    schema = json.loads((site.site / "schema/briefing.json").read_text())
    assert data["version"] == 1 and data["count"] == len(data["briefings"]) == 38
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    corpus = {f"briefings/{i['path'][:-3].rsplit('/', 1)[0]}/{i['slug']}/": i for i in make_corpus()}
    for record in data["briefings"]:
        # url and path say where it lives, entities whom it names (v1.1): the rest is front matter
        front = {k: v for k, v in record.items() if k not in ("url", "path", "entities")}
        assert set(record["entities"]) == {"companies", "sources", "authors", "story"}
        assert not list(validator.iter_errors(front)), record["path"]
        item = corpus.get(record["path"])
        if item:
            expected = json.loads(json.dumps(item["front"], default=lambda d: d.isoformat()))
            for key, value in expected.items():
                got = record[key]
                if key == "sources" or key == "denials":
                    got = [{k: v for k, v in entry.items() if v is not None} for entry in got]
                assert got == value, (record["path"], key)


def test_sitemap_lastmod_from_front_matter(site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    tree = ET.parse(site.site / "sitemap.xml")
    for url in tree.findall("s:url", ns):
        loc = url.find("s:loc", ns).text
        if loc.endswith("/hostile/"):
            assert url.find("s:lastmod", ns).text == "2026-03-01"


def test_sitemap_lists_every_page_at_its_own_address(site):
    """Every HTML page of the site once, at its own URL: the stamped listings' shells too (their
    canonical URL is a marker only while the theme renders them)."""
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = [url.find("s:loc", ns).text for url in ET.parse(site.site / "sitemap.xml").findall("s:url", ns)]
    assert len(listed) == len(set(listed))
    pages = {"https://briefings.example.com/" + p.parent.relative_to(site.site).as_posix() + "/"
             for p in site.site.rglob("index.html")}
    pages = {p.replace("example.com/./", "example.com/") for p in pages}
    assert set(listed) == pages
