"""The whole site: reproducible bytes, no broken internal link, accessible in a real browser."""

from __future__ import annotations

import gzip
import hashlib
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from browser import RequestLog, browser, serve
from links import broken_links
from conftest import ENGINE, build, make_project
from corpus import make_corpus, write_corpus

EPOCH = "1767225600"  # 2026-01-01T00:00:00Z


@pytest.fixture(scope="module")
def full_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("full"), {}, with_seed=True)
    write_corpus(project / "briefings", make_corpus())
    result = build(project, env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.ok, result.output
    return result


def digest_tree(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(full_site, tmp_path):
    # A copy of the sources at another path, built again: the same bytes.
    copy = tmp_path / "again"
    shutil.copytree(full_site.project, copy, ignore=shutil.ignore_patterns("site"))
    again = build(copy, env={"SOURCE_DATE_EPOCH": EPOCH})
    assert again.ok, again.output
    first, second = digest_tree(full_site.site), digest_tree(again.site)
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []
    # The sitemap takes its dates from the front matter, not from the day of the build.
    with gzip.open(full_site.site / "sitemap.xml.gz") as fh:
        assert fh.read() == (full_site.site / "sitemap.xml").read_bytes()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    sitemap = ElementTree.parse(full_site.site / "sitemap.xml")
    entry = next(u for u in sitemap.findall("s:url", ns) if "ford-xiaomi-us-talks" in u.find("s:loc", ns).text)
    assert entry.find("s:lastmod", ns).text == "2026-02-02"


def test_no_broken_internal_link_or_anchor(full_site):
    checked, broken = broken_links(full_site.site)
    assert checked > 1000
    assert broken == []


PAGES = {
    "home": "",
    "briefing": "briefings/2026/02/ford-xiaomi-us-talks/",
    "company": "companies/ford/",
    "source": "sources/reuters/",
    "sources": "sources/",  # the outlets' measures table, with its intervals drawn
    "story": "stories/tesla-india-plant/",
    "author": "authors/editor/",  # with its registry profile, as the company and source pages have
    "archive": "archive/",
    "digest": "digest/2026-W06/",  # a week of the digest
    "about": "about/",  # a docs page with briefings shown by a marker
}
AXE_RESULTS: dict[str, dict] = {}


@pytest.mark.parametrize("scheme, width", [("light", 1280), ("dark", 1280), ("light", 375)], ids=["desktop", "dark", "phone"])
def test_pages_in_a_real_browser_are_accessible_and_local(full_site, scheme, width):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    with serve(full_site.site) as base, browser() as chromium:
        context = chromium.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        requests = RequestLog(page)
        failures = []
        for name, url in PAGES.items():
            response = page.goto(base + url, wait_until="networkidle")
            assert response.status == 200, url
            if scheme == "dark":
                assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
            # Nothing wider than the screen on a phone.
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, (name, overflow)
            results = axe.run(page)
            serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
            AXE_RESULTS[f"{scheme}-{width}:{name}"] = {
                "violations": len(results.response["violations"]),
                "serious": len(serious),
                "rules": sorted(v["id"] for v in results.response["violations"]),
            }
            failures += [(name, v["id"], [n["target"] for n in v["nodes"][:3]]) for v in serious]
        assert failures == [], "\n".join(map(str, failures))
        # Click through: home -> a briefing -> its company.
        page.goto(base, wait_until="networkidle")
        page.click(".ab-listing .ab-card__title a >> nth=0")
        page.wait_for_selector("article.ab-briefing h1")
        page.click(".ab-about__company a.ab-chip >> nth=0")
        page.wait_for_selector(".ab-record")
        assert "/companies/" in page.url
        assert requests.foreign() == []
        # Feed links do not make Material fetch the whole sitemap on every page.
        assert not [u for u in requests.urls if u.endswith("sitemap.xml")]
        context.close()
    print(AXE_RESULTS)


def test_the_sources_table_sorts_in_a_real_browser(full_site):
    """Without a script the table reads in full; with it, a column heading sorts the rows by that column."""
    table = full_site.page("sources/").select_one("table.ab-measures-table")
    rows = [(tr["data-key"], [td.get("data-value") for td in tr.select("td")]) for tr in table.select("tbody tr")]
    assert len(rows) > 5

    def number(value: str) -> float:
        return float(value) if value else float("-inf")

    column = 2  # Originated
    expected_desc = [key for key, _ in sorted(rows, key=lambda r: -number(r[1][column]), )]
    with serve(full_site.site) as base, browser() as chromium:
        page = chromium.new_page()
        page.goto(base + "sources/", wait_until="networkidle")
        heading = page.locator("table.ab-measures-table thead th").nth(column)
        heading.locator("button").click()
        assert heading.get_attribute("aria-sort") == "descending"
        got = page.eval_on_selector_all("table.ab-measures-table tbody tr", "rows => rows.map(r => r.dataset.key)")
        values = {key: number(v[column]) for key, v in rows}
        assert [values[k] for k in got] == [values[k] for k in expected_desc]  # ties in any order
        heading.locator("button").click()
        assert heading.get_attribute("aria-sort") == "ascending"
        got = page.eval_on_selector_all("table.ab-measures-table tbody tr", "rows => rows.map(r => r.dataset.key)")
        assert [values[k] for k in got] == sorted(values[k] for k in got)


def test_the_site_is_built_by_the_engine_the_suite_names(full_site):
    # AUTOBRIEF_ENGINE=properdocs runs the build-and-browser tests on ProperDocs (`make test` does both).
    generator = BeautifulSoup((full_site.site / "index.html").read_text(encoding="utf-8"), "html.parser")
    content = generator.select_one('meta[name="generator"]')["content"]
    assert ("ProperDocs" in content) == (ENGINE == "properdocs"), content
