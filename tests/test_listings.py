"""Generated pages against figures computed independently from the corpus dicts."""

from __future__ import annotations

import math
import posixpath
from collections import Counter, defaultdict
from urllib.parse import unquote

import pytest

from conftest import build, make_project
from corpus import STATUSES, STORIES, make_corpus, write_corpus

PER_PAGE = 5
SLUGS = {"škoda": "skoda", "financial times": "financial-times", "automotive news": "automotive-news"}


def slug(name: str) -> str:
    key = name.casefold()
    return SLUGS.get(key, key.replace(" ", "-"))


def order(items):
    return sorted(items, key=lambda i: (i["front"]["date"], "briefings/" + i["path"]), reverse=True)


def titles(items):
    return [i["front"]["title"] for i in items]


@pytest.fixture(scope="module")
def corpus():
    return make_corpus()


@pytest.fixture(scope="module")
def site(tmp_path_factory, corpus):
    project = make_project(tmp_path_factory.mktemp("listings"), {})
    write_corpus(project / "briefings", corpus)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("folder: briefings", f"folder: briefings\n      per_page: {PER_PAGE}"))
    result = build(project)
    assert result.ok, result.output
    return result


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


def listing(site, url):
    """Titles across every page of a paginated listing, following rel=next; and the page count."""
    found, pages = [], 0
    while url is not None:
        page = site.page(url)
        pages += 1
        found += [text(a) for a in page.select(".ab-listing .ab-card__title a")]
        nxt = page.select_one(".ab-pager a[rel=next]")
        url = posixpath.normpath(posixpath.join(url, nxt["href"])) + "/" if nxt else None
    return found, pages


def groups(corpus, field):
    out = defaultdict(list)
    spellings = defaultdict(Counter)
    for item in corpus:
        for name in {n.casefold(): n for n in item["front"].get(field, [])}.values():
            out[slug(name)].append(item)
        for name in item["front"].get(field, []):
            spellings[slug(name)][name] += 1
    return out, spellings


@pytest.mark.parametrize("field, folder", [("companies", "companies"), ("regions", "regions"), ("tags", "tags")])
def test_term_pages_list_their_briefings_newest_first(site, corpus, field, folder):
    expected, spellings = groups(corpus, field)
    index = site.page(f"{folder}/")
    rows = {unquote(r.select_one("a")["href"]).strip("/"): r for r in index.select("table.ab-terms tbody tr")}
    assert set(rows) == set(expected)
    for key, items in expected.items():
        row = rows[key]
        assert text(row.select("td")[1]) == str(len(items))
        assert text(row.select_one("a")) == spellings[key].most_common(1)[0][0]
        found, pages = listing(site, f"{folder}/{key}/")
        assert found == titles(order(items)), key
        assert pages == max(1, math.ceil(len(items) / PER_PAGE))


def test_case_variants_are_one_company_with_the_most_used_spelling(site, corpus):
    page = site.page("companies/ford/")
    assert text(page.select_one("h1")) == "Ford"
    assert not (site.site / "companies/ford-2").exists()
    all_names = {n for i in corpus for n in i["front"]["companies"]}
    assert {"FORD", "ford", "Ford"} <= all_names


def test_pagination_urls_are_stable(site, corpus):
    n = len(corpus)
    pages = math.ceil(n / PER_PAGE)
    for number in range(2, pages + 1):
        assert (site.site / f"briefings/page/{number}/index.html").is_file()
    assert not (site.site / f"briefings/page/{pages + 1}").exists()
    found, count = listing(site, "briefings/")
    assert found == titles(order(corpus)) and count == pages
    second = site.page("briefings/page/2/")
    assert "(page 2)" in second.title.get_text()
    crumbs = [text(li) for li in second.select(".ab-breadcrumbs li")]
    assert crumbs == ["Home", "Briefings", "Page 2"]


def test_status_pages_and_home_counts(site, corpus):
    counts = Counter(i["front"]["status"] for i in corpus)
    assert set(counts) == set(STATUSES)
    for status in STATUSES:
        found, _ = listing(site, f"status/{status}/")
        assert found == titles(order([i for i in corpus if i["front"]["status"] == status]))
    home = site.page("")
    shown = {text(li.select_one(".ab-status")).split()[-1].lower(): int(text(li.select_one(".ab-counts__n")))
             for li in home.select(".ab-home__status .ab-counts li")}
    assert shown == dict(counts)


def test_source_track_record(site, corpus):
    reported = defaultdict(list)
    relayed = defaultdict(Counter)
    for item in corpus:
        for s in item["front"]["sources"]:
            reported[slug(s["name"])].append(item)
            if "via" in s:
                relayed[slug(s["via"])][s["name"]] += 1
    for key, items in reported.items():
        page = site.page(f"sources/{key}/")
        outcomes = {text(r.select_one(".ab-status")).split()[-1].lower(): int(text(r.select("td")[0]))
                    for r in page.select("table.ab-outcomes tbody tr")}
        assert outcomes == {s: sum(1 for i in items if i["front"]["status"] == s) for s in STATUSES}, key
        relays = {text(li.select_one("a")): li for li in page.select("#record ~ ul li") if "citing it in" in text(li)}
        assert set(relays) == set(relayed[key]), key
    # The FT is cited via Reuters even where it is not listed itself.
    ft = site.page("sources/financial-times/")
    assert "Reuters" in text(ft.select_one(".ab-record"))


def test_company_record(site, corpus):
    items = [i for i in corpus if "tesla" in {c.casefold() for c in i["front"]["companies"]}]
    page = site.page("companies/tesla/")
    record = page.select_one(".ab-record")
    dates = sorted(i["front"]["date"] for i in items)
    times = [t["datetime"] for t in record.select("p time")[:2]]
    assert times == [dates[0].isoformat(), dates[-1].isoformat()]
    denials = [i for i in items for d in i["front"].get("denials", []) if d["party"] == "Tesla"]
    assert len(record.select(".ab-record__denials li")) == len(denials)
    svg = record.select_one("svg[role=img]")
    assert svg is not None and svg.select_one("title") and svg.select_one("desc")
    rows = record.select(".ab-chart__data tbody tr")
    assert sum(int(text(r.select("td")[-1])) for r in rows) == len(items)


def test_story_timelines_oldest_first(site, corpus):
    for story, statuses in STORIES.items():
        items = sorted((i for i in corpus if i["front"].get("story") == story), key=lambda i: i["front"]["date"])
        page = site.page(f"stories/{story}/")
        rows = page.select(".ab-story__list li")
        assert [text(r.select_one("a")) for r in rows] == titles(items)
        assert [text(r.select_one(".ab-status")).split()[-1].lower() for r in rows] == statuses
        assert page.select_one(".ab-timeline svg[role=img] title")
        # Previous and next within the story on each briefing page.
        for before, current, after in zip([None] + items[:-1], items, items[1:] + [None]):
            bpage = site.page(f"briefings/{current['path'][:-3].rsplit('/', 1)[0]}/{current['slug']}/")
            older = bpage.select_one(".ab-story-nav__older a")
            newer = bpage.select_one(".ab-story-nav__newer a")
            assert (text(older) if older else None) == (before["front"]["title"] if before else None)
            assert (text(newer) if newer else None) == (after["front"]["title"] if after else None)


def test_developing_stories_on_home(site):
    home = site.page("")
    shown = {unquote(a["href"]).strip("/").split("/")[-1] for a in home.select(".ab-home__stories .ab-stories a")}
    expected = {s for s, statuses in STORIES.items() if statuses[-1] not in ("confirmed", "retracted")}
    assert shown == expected


def test_archive_months(site, corpus):
    months = defaultdict(list)
    for i in corpus:
        months[i["front"]["date"].strftime("%Y/%m")].append(i)
    archive = site.page("archive/")
    listed = {a["href"].strip("/") for a in archive.select(".ab-archive a")}
    assert listed == set(months)
    for month, items in months.items():
        found, _ = listing(site, f"archive/{month}/")
        assert found == titles(order(items))


def test_briefing_links_to_its_pages_and_related(site, corpus):
    item = next(i for i in corpus if i["front"].get("story") and len(i["front"]["companies"]) > 1)
    url = f"briefings/{item['path'][:7]}/{item['slug']}/"
    page = site.page(url)
    hrefs = {unquote(posixpath.normpath(posixpath.join(url, a["href"]))) for a in page.select(".ab-about a")}
    for c in item["front"]["companies"]:
        assert f"companies/{slug(c)}" in hrefs
    for r in item["front"]["regions"]:
        assert f"regions/{slug(r)}" in hrefs
    assert f"stories/{item['front']['story']}" in hrefs
    records = {unquote(posixpath.normpath(posixpath.join(url, a["href"]))) for a in page.select(".ab-source__record")}
    assert records == {f"sources/{slug(s['name'])}" for s in item["front"]["sources"]}
    related = page.select(".ab-related li a")
    assert 1 <= len(related) <= 5
    assert item["front"]["title"] not in [text(a) for a in related]


def test_no_briefing_is_lost(site, corpus):
    """Every briefing is reachable from home (within two clicks), its month, and every page it names."""
    def links(url):
        page = site.page(url)
        return {posixpath.normpath(posixpath.join(url, a["href"])) + "/"
                for a in page.select("article a[href], .md-content a[href]")
                if not a["href"].startswith(("http", "#"))}

    reachable = set()
    frontier = {""}
    for _ in range(3):
        nxt = set()
        for url in frontier:
            if (site.site / url / "index.html").is_file():
                nxt |= links(url)
        reachable |= nxt
        frontier = nxt
    for item in corpus:
        url = f"briefings/{item['path'][:7]}/{item['slug']}/"
        assert url in reachable or unquote(url) in {unquote(u) for u in reachable}, url
        month_titles, _ = listing(site, f"archive/{item['path'][:7]}/")
        assert item["front"]["title"] in month_titles
        for field, folder in (("companies", "companies"), ("regions", "regions"), ("tags", "tags")):
            for name in item["front"][field]:
                found, _ = listing(site, f"{folder}/{slug(name)}/")
                assert item["front"]["title"] in found, (folder, name)
        for s in item["front"]["sources"]:
            found, _ = listing(site, f"sources/{slug(s['name'])}/")
            assert item["front"]["title"] in found


def test_generated_pages_have_titles_and_descriptions(site):
    for html in site.site.rglob("index.html"):
        rel = str(html.parent.relative_to(site.site))
        if rel.startswith(("companies", "sources", "stories", "archive", "status", "tags", "regions")):
            page = site.page(rel + "/")
            assert page.title.get_text().strip() != "Autobrief", rel
            description = page.select_one('meta[name="description"]')
            assert description and len(description["content"]) > 20, rel


def test_stories_index_lists_developing_then_settled(site):
    page = site.page("stories/")
    headings = [h.get_text(strip=True) for h in page.select(".md-content h2")]
    assert headings[:2] == ["Developing", "Settled: confirmed or retracted"]
    listed = [unquote(a["href"]).strip("/").split("/")[-1] for a in page.select(".ab-stories a")]
    developing = [s for s, statuses in STORIES.items() if statuses[-1] not in ("confirmed", "retracted")]
    assert sorted(listed[: len(developing)]) == sorted(developing)
    assert sorted(listed) == sorted(STORIES)
