"""JSON-LD, Open Graph and Twitter tags, read back from their HTML as a crawler would."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import datetime

import pytest
from bs4 import BeautifulSoup

from autobrief.core.structured import briefing_jsonld, social_meta
from autobrief.render.head import jsonld_script, meta_tags
from test_feeds_core import BASE, HOSTILE, LONG_TITLE, SITE, build, modified, moment, page_url


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build(tmp_path_factory.mktemp("corpus"))


def pairs(built):
    """(corpus dict, briefing) for every briefing, matched by URL."""
    items, index = built
    by_url = {BASE + b.url: b for b in index.briefings}
    return [(item, by_url[page_url(item)]) for item in items]


def read_back(script: str) -> dict:
    soup = BeautifulSoup(script, "html.parser")
    tags = soup.find_all("script")
    assert len(tags) == 1 and tags[0]["type"] == "application/ld+json"
    return json.loads(tags[0].string)


def nodes(graph: dict, kind: str) -> list[dict]:
    return [n for n in graph["@graph"] if n["@type"] == kind]


def test_script_round_trips_and_cannot_be_closed_early(built):
    for _, b in pairs(built):
        data = briefing_jsonld(b, built[1], SITE)
        script = jsonld_script(data)
        body = script.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
        assert not re.search(r"[<>&\u2028\u2029]", body)  # so no </script, <!-- or ]]> either
        assert read_back(script) == data


def test_news_article_has_what_google_recommends(built):
    for item, b in pairs(built):
        front = item["front"]
        page = page_url(item)
        graph = read_back(jsonld_script(briefing_jsonld(b, built[1], SITE)))
        assert graph["@context"] == "https://schema.org"
        [article] = nodes(graph, "NewsArticle")
        assert article["@id"] == page + "#article"
        assert article["url"] == article["mainEntityOfPage"] == page
        assert len(article["headline"]) <= 110
        if len(front["title"]) <= 110:
            assert article["headline"] == front["title"]
        published = datetime.fromisoformat(article["datePublished"])
        assert published.tzinfo is not None and published == moment(front["date"])
        assert datetime.fromisoformat(article["dateModified"]) == modified(item)
        if front.get("authors"):
            # Each author is a Person with their author page (v1.1), as companies link their company page.
            assert [(p["@type"], p["name"]) for p in article["author"]] == [("Person", a) for a in front["authors"]]
            assert all(p["url"].startswith(BASE + "authors/") and p["url"].endswith("/") for p in article["author"])
        else:
            [org] = article["author"]
            assert (org["@type"], org["name"], org["url"]) == ("Organization", SITE.name, BASE)
        assert article["publisher"]["name"] == SITE.name and article["publisher"]["url"] == BASE
        assert [o["name"] for o in article.get("about", [])] == front.get("companies", [])
        for org in article.get("about", []):
            assert org["@type"] == "Organization" and org["url"].startswith(BASE + "companies/")
        assert [p["name"] for p in article.get("mentions", [])] == front.get("regions", [])
        assert article.get("keywords", []) == front.get("tags", [])
        assert article["inLanguage"] == "en"


def test_long_headline_is_cut_with_an_ellipsis(built):
    item, b = next(p for p in pairs(built) if p[0]["front"]["title"] == LONG_TITLE)
    [article] = nodes(briefing_jsonld(b, built[1], SITE), "NewsArticle")
    assert len(LONG_TITLE) > 110 and len(article["headline"]) <= 110
    assert article["headline"].endswith("…") and LONG_TITLE.startswith(article["headline"][:-1])


def test_source_chain_is_machine_readable(built):
    checked = 0
    for item, b in pairs(built):
        [article] = nodes(briefing_jsonld(b, built[1], SITE), "NewsArticle")
        works = article["citation"]
        assert [w["author"]["name"] for w in works] == [s["name"] for s in item["front"]["sources"]]
        by_id = {w["@id"]: w for w in works}
        assert len(by_id) == len(works)
        for source, work in zip(item["front"]["sources"], works):
            assert work["@type"] == "CreativeWork" and work["publisher"]["name"] == source["name"]
            assert work.get("url") == source.get("url") and work.get("headline") == source.get("title")
            if "via" not in source:
                assert "isBasedOn" not in work
                continue
            based = work["isBasedOn"]
            if based.keys() == {"@id"}:  # the cited outlet is listed: point at its report
                assert by_id[based["@id"]]["author"]["name"] == source["via"]
            else:
                assert source["via"] not in [s["name"] for s in item["front"]["sources"]]
                assert based["author"]["name"] == source["via"]
            checked += 1
    assert checked > 10


def test_claim_and_one_claim_per_denial(built):
    for item, b in pairs(built):
        front = item["front"]
        graph = briefing_jsonld(b, built[1], SITE)
        page = page_url(item)
        claims = {c["@id"]: c for c in nodes(graph, "Claim")}
        denials = [claims.pop(f"{page}#denial-{i}") for i in range(1, len(front.get("denials", [])) + 1)]
        assert len(claims) == (1 if front.get("claim") else 0)
        target = page + ("#claim" if front.get("claim") else "#article")
        for denial, given in zip(denials, front.get("denials", [])):
            assert denial["text"] == given["statement"]
            assert denial["author"]["@type"] == "Organization" and denial["author"]["name"] == given["party"]
            if given["party"] in front.get("companies", []):
                assert denial["author"]["url"].startswith(BASE + "companies/")
            assert denial["about"] == {"@id": target}
            assert denial.get("url") == given.get("url")
            if "date" in given:
                assert datetime.fromisoformat(denial["datePublished"]) == moment(given["date"])
        assert not nodes(graph, "ClaimReview")


def test_hostile_claim(built):
    item, b = next(p for p in pairs(built) if p[0]["slug"] == "hostile")
    graph = briefing_jsonld(b, built[1], SITE)
    page = page_url(item)
    claim = next(c for c in nodes(graph, "Claim") if c["@id"] == page + "#claim")
    assert claim["text"] == f"C {HOSTILE}"
    assert claim["firstAppearance"] == {"@id": page + "#source-1"}  # the one source citing nobody
    assert claim["appearance"] == [{"@id": page + "#source-2"}, {"@id": page + "#source-3"}]
    assert [o["name"] for o in claim["about"]] == [f"Evil {HOSTILE}", "Ford"]


def test_claim_review_only_when_asked(built):
    item, b = next(p for p in pairs(built) if p[0]["slug"] == "hostile")
    graph = briefing_jsonld(b, built[1], replace(SITE, claim_review=True))
    [review] = nodes(graph, "ClaimReview")
    assert review["reviewRating"]["alternateName"] == "denied"
    assert review["itemReviewed"] == {"@id": page_url(item) + "#claim"}
    assert review["claimReviewed"] == f"C {HOSTILE}" and review["url"] == page_url(item)


def test_social_meta(built):
    item, b = next(p for p in pairs(built) if p[0]["slug"] == "hostile")
    meta = social_meta(b, SITE)
    found = {}
    for attr, key, content in meta:
        found.setdefault(key, []).append(content)
        assert attr == ("name" if key.startswith("twitter:") else "property")
    assert found["og:type"] == ["article"] and found["twitter:card"] == ["summary"]
    assert found["og:title"] == found["twitter:title"] == [f"T {HOSTILE}"]
    assert found["og:description"] == found["twitter:description"] == [f"S {HOSTILE}"]
    assert found["og:url"] == [page_url(item)] and found["og:site_name"] == [SITE.name]
    assert datetime.fromisoformat(found["article:published_time"][0]) == moment(item["front"]["date"])
    assert datetime.fromisoformat(found["article:modified_time"][0]) == modified(item)
    assert found["article:tag"] == [f"t {HOSTILE}"]

    markup = meta_tags(b, SITE)
    assert "<script" not in markup and "<b>" not in markup
    soup = BeautifulSoup(markup, "html.parser")
    tags = soup.find_all("meta")
    assert len(tags) == len(meta) and len(soup.find_all(True)) == len(meta)
    for tag, (attr, key, content) in zip(tags, meta):
        assert tag[attr] == key and tag["content"] == content
