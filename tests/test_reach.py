"""Reaching readers where they are (issue 19), through real builds: briefings shown by markers in
docs pages, the weekly digest and its feeds, the news sitemap and robots.txt, and print.

The corpus is tests/claims_corpus.py (claims that move, corrections, watch items) and a few
briefings near the build's moment; every expected figure is computed here from those dicts.
"""

from __future__ import annotations

import io
import posixpath
import re
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import pypdf
import pytest
import xmlschema
from bs4 import BeautifulSoup

from browser import browser, serve
from claims_corpus import BUILD_DAY, CORPUS, FEED_LIMIT, SOURCE_DATE_EPOCH, _b, write
from conftest import ENV, build, make_project

SITE = "https://briefings.example.com/"
MOMENT = datetime.fromtimestamp(int(SOURCE_DATE_EPOCH), timezone.utc)  # 2026-04-15 12:00 UTC
SCHEMAS = Path(__file__).parent / "schemas"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
UTC = timezone.utc

# Briefings around the build's moment, for the news sitemap's two days.
RECENT = [
    _b("2026/04/gwm-europe", title="Great Wall Motor plans a European plant", date=datetime(2026, 4, 14, 8, 0, tzinfo=UTC),
       status="reported", companies=["Great Wall Motor"], regions=["EU"], sources=[{"name": "Reuters"}],
       authors=["Ana Novak"]),
    _b("2026/04/kia-inside", title="Kia & Hyundai <share> a battery line", date=datetime(2026, 4, 13, 13, 0, tzinfo=UTC),
       status="reported", companies=["Kia"], regions=["Korea"], sources=[{"name": "Yonhap"}], authors=["Ana Novak"]),
    _b("2026/04/kia-outside", title="Kia weighs a US plant", date=date(2026, 4, 13),  # 00:00 UTC: more than two days
       status="reported", companies=["Kia"], regions=["US"], sources=[{"name": "Yonhap"}]),
    _b("2026/04/hyundai-later", title="Hyundai to show a new EV", date=datetime(2026, 4, 15, 18, 0, tzinfo=UTC),
       status="reported", companies=["Hyundai"], regions=["Korea"], sources=[{"name": "Yonhap"}]),  # after the build
]
ITEMS = CORPUS + RECENT
BY_ADDRESS = {i["address"]: i for i in ITEMS}


def f(item: dict, name: str, default=None):
    return item["front"].get(name, default)


def instant(value: date) -> datetime:
    return value if isinstance(value, datetime) else datetime(value.year, value.month, value.day, tzinfo=UTC)


def utc_day(value: date) -> date:
    return instant(value).astimezone(UTC).date()


def newest_first(items: list[dict]) -> list[dict]:
    return sorted(items, key=lambda i: (instant(f(i, "date")), "briefings/" + i["path"]), reverse=True)


def week_id(value: date) -> str:
    year, week, _ = utc_day(value).isocalendar()
    return f"{year}-W{week:02d}"


def when(value: str) -> date:
    """A <time datetime> value: a date, or an aware date-time."""
    return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)


def text(node) -> str:
    return " ".join(node.get_text().split())


# The markers of the test's docs page: (marker, expected briefings as a function of the corpus).
def _tesla_or_byd_confirmed(i):
    return bool({"Tesla", "BYD"} & set(f(i, "companies", []))) and f(i, "status") == "confirmed"


MARKERS = [
    ("<!-- briefings: company=Tesla -->", lambda i: "Tesla" in f(i, "companies", []), 10, "cards"),
    ("<!-- briefings: company=Tesla company=BYD status=confirmed layout=list -->", _tesla_or_byd_confirmed, 10, "list"),
    ("<!-- briefings: story=tesla-india-plant since=2026-02-01 until=2026-03-31 -->",
     lambda i: f(i, "story") == "tesla-india-plant" and date(2026, 2, 1) <= utc_day(f(i, "date")) <= date(2026, 3, 31), 10, "cards"),
    ('<!--briefings: company="Great Wall Motor" company=Kia author="Ana Novak"-->',
     lambda i: bool({"Great Wall Motor", "Kia"} & set(f(i, "companies", []))) and "Ana Novak" in f(i, "authors", []), 10, "cards"),
    ("<!-- briefings: region=US limit=2 layout=list -->", lambda i: "US" in f(i, "regions", []), 2, "list"),
    ("<!-- briefing: 2026/02/fx-talks -->", lambda i: i["address"] == "2026/02/fx-talks", 10, "cards"),
]
IN_CODE = "<!-- briefings: company=Ford -->"
EMBED_PAGE = """---
title: About
---

# About

Lines the markers sit among.

{markers}

A marker in a code block is text:

```markdown
{in_code}
```

And in a code span: `{in_code}`.
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("reach"), {})
    write(project / "briefings", ITEMS)
    page = EMBED_PAGE.format(markers="\n\n".join(m for m, *_ in MARKERS), in_code=IN_CODE)
    (project / "docs" / "about.md").write_text(page, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("folder: briefings", f"folder: briefings\n      feed_limit: {FEED_LIMIT}"))
    result = build(project, env={"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH})
    assert result.ok, result.output
    return result


# Markers ------------------------------------------------------------------------------------------

def test_markers_show_the_briefings_they_ask_for_newest_first(site):
    page = site.page("about/")
    embeds = page.select("article .ab-embed")
    assert len(embeds) == len(MARKERS)
    for embed, (marker, wanted, limit, layout) in zip(embeds, MARKERS):
        expected = [i for i in newest_first(ITEMS) if wanted(i)][:limit]
        assert expected, marker  # every marker of the test shows something
        links = embed.select(".ab-card__title a" if layout == "cards" else "li > a")
        assert [text(a) for a in links] == [f(i, "title") for i in expected], marker
        assert "ab-embed--" + layout in embed["class"]
        # each with its status, linking to its page (a real page of the site)
        badges = embed.select(".ab-status")
        assert [b["class"][1] for b in badges] == [f"ab-status--{f(i, 'status')}" for i in expected]
        for a, item in zip(links, expected):
            target = posixpath.normpath(posixpath.join("about", a["href"]))
            assert target == f"briefings/{item['address']}"
            assert (site.site / target / "index.html").is_file()
    # A title is escaped like any other front-matter string.
    assert "<share>" in text(page.select_one("article")) and not page.select("share")


def test_markers_in_code_stay_text(site):
    page = site.page("about/")
    code = [text(c) for c in page.select("article pre code, article p code")]
    assert code.count(IN_CODE) == 2
    assert len(page.select("article .ab-embed")) == len(MARKERS)
    assert "autobrief-embed" not in (site.site / "about" / "index.html").read_text()


BAD_PAGE = """---
title: About
---

# About

<!-- briefings: compnay=Tesla -->
<!-- briefings: status=rumoured limit=0 -->

<!-- briefings: since=2026-13-01 layout=grid -->
<!-- briefings: company=Teslla -->
<!-- briefing: 2026/02/fx-talk -->
<!-- briefings: company="Great Wall -->
<!-- briefings: since=2026-03-01 until=2026-02-01 -->

```
<!-- briefings: nonsense -->
```
<!-- briefings: tag=x
"""


def build_bad_page(tmp_path):
    """The claims corpus, and an About page of wrong markers: its build (which must fail)."""
    project = make_project(tmp_path, {})
    write(project / "briefings", CORPUS)
    (project / "docs" / "about.md").write_text(BAD_PAGE, encoding="utf-8")
    result = build(project, env={"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH})
    assert not result.ok
    return result


def test_marker_errors_stop_the_build_at_their_lines(tmp_path):
    result = build_bad_page(tmp_path)
    lines = BAD_PAGE.splitlines()

    def at(snippet: str) -> int:
        return next(n for n, line in enumerate(lines, 1) if snippet in line)

    expected = [
        f"docs/about.md:{at('compnay')}: briefings: unknown key 'compnay' (did you mean company?)",
        f"docs/about.md:{at('rumoured')}: briefings: status: 'rumoured' is not one of reported, denied, disputed, confirmed, retracted",
        f"docs/about.md:{at('rumoured')}: briefings: limit: '0' is not a whole number from 1 to 100",
        f"docs/about.md:{at('2026-13-01')}: briefings: since: '2026-13-01' is not a date: write YYYY-MM-DD, e.g. 2026-02-01",
        f"docs/about.md:{at('2026-13-01')}: briefings: layout: 'grid' is not one of cards, list",
        f"docs/about.md:{at('Teslla')}: briefings: company: neither a published briefing nor the registry names 'Teslla' (did you mean Tesla?)",
        f"docs/about.md:{at('fx-talk ')}: briefings: no published briefing has the address 2026/02/fx-talk (did you mean 2026/02/fx-talks?)",
        f"docs/about.md:{at('Great Wall')}: briefings: a value's double quote is not closed: write company=\"Great Wall Motor\"",
        f"docs/about.md:{at('until=')}: briefings: since (2026-03-01) is after until (2026-02-01)",
        f"docs/about.md:{at('tag=x')}: briefings: the marker is not closed: end it with -->",
    ]
    for line in expected:
        assert line in result.output, line
    assert "nonsense" not in result.output  # in a code block: text, not a marker
    assert "Traceback" not in result.output
    assert re.search(r"\d+ error\(s\) in 1 briefing or docs file\(s\); nothing was published", result.output)


# The weekly digest --------------------------------------------------------------------------------

def expected_weeks() -> dict[str, dict[str, list[str]]]:
    """Week id -> what each section lists (titles, or watch items' text), from the corpus dicts."""
    weeks: dict[str, dict[str, list]] = {}

    def week(value):
        return weeks.setdefault(week_id(value), {"new": [], "moved": [], "corrections": [], "resolved": [], "overdue": []})

    for i in ITEMS:
        week(f(i, "date"))["new"].append((instant(f(i, "date")), f(i, "title")))
        for step in f(i, "history", [])[1:]:
            week(step["date"])["moved"].append((instant(step["date"]), f(i, "title")))
        for c in f(i, "corrections", []):
            week(c["date"])["corrections"].append((instant(c["date"]), f(i, "title")))
        for w in f(i, "watch", []):
            if not isinstance(w, dict):
                continue
            answer = BY_ADDRESS.get(w.get("by")) if w.get("by") else None
            answered = w.get("resolved") or (f(answer, "date") if answer else None)
            if answered:
                week(answered)["resolved"].append((instant(answered), w["item"]))
            if w.get("due"):
                first = utc_day(w["due"]) + timedelta(days=1)
                still_open = not w.get("resolved") and not w.get("by")
                if first <= BUILD_DAY and (still_open or (answered and utc_day(answered) >= first)):
                    week(first)["overdue"].append((instant(first), w["item"]))
    return {k: {part: [name for _, name in sorted(v, key=lambda x: x[0], reverse=True)] for part, v in parts.items()}
            for k, parts in weeks.items()}


def test_a_digest_page_for_every_week(site):
    weeks = expected_weeks()
    built = sorted(p.name for p in (site.site / "digest").iterdir() if p.is_dir() and p.name != "page")
    assert built == sorted(weeks)
    headings = {"new": "New briefings", "moved": "Claims whose status moved", "corrections": "Corrections",
                "resolved": "Watch items resolved", "overdue": "Newly overdue"}
    for week, parts in weeks.items():
        page = site.page(f"digest/{week}/")
        digest = page.select_one("article .ab-digest")
        shown = {text(h): h.find_next_sibling("ul") for h in digest.select("h2")}
        for part, names in parts.items():
            if not names:
                assert headings[part] not in shown, (week, part)
                continue
            items = shown[headings[part]].find_all("li", recursive=False)
            if part in ("new", "moved", "corrections"):
                listed = [text(li.select_one("a[href*='briefings/']")) for li in items]
                if part == "moved":
                    listed = [text(li.find_all("a")[-1]) for li in items]
            else:
                listed = [text(li).split(" · ")[0] for li in items]
            assert sorted(listed) == sorted(names), (week, part)
            times = [when(li.select_one("time")["datetime"]) for li in items] if part != "overdue" else []
            assert [instant(t) for t in times] == sorted(map(instant, times), reverse=True), (week, part)  # newest first
    # The index lists every week, newest first.
    index = site.page("digest/")
    assert [a["href"].strip("/").split("/")[-1] for a in index.select(".ab-digest-weeks a")] == sorted(weeks, reverse=True)


def test_the_digest_counts_and_a_known_week(site):
    weeks = expected_weeks()
    # The week of 13-19 April 2026 (W16): counted from the corpus, then read off the page.
    week = week_id(date(2026, 4, 14))
    parts = weeks[week]
    page = site.page(f"digest/{week}/")
    words = {"new": ("new briefing", "new briefings"), "moved": ("status move", "status moves"),
             "corrections": ("correction", "corrections"),
             "resolved": ("watch item resolved", "watch items resolved"),
             "overdue": ("watch item newly overdue", "watch items newly overdue")}
    expected = ", ".join(f"{len(parts[p])} {one if len(parts[p]) == 1 else many}"
                         for p, (one, many) in words.items() if parts[p]) + "."
    assert sum(map(len, parts.values())) > 3 and len([p for p in parts.values() if p]) >= 2  # a week worth the test
    assert text(page.select_one(".ab-digest__counts")) == expected
    assert text(page.select_one("h1")) == "Week 16 of 2026: 13–19 April 2026"


def test_digest_feeds_parse_and_read_as_an_email(site):
    weeks = sorted(expected_weeks(), reverse=True)[:FEED_LIMIT]
    for path, version in (("digest/atom.xml", "atom10"), ("digest/feed.xml", "rss20")):
        feed = feedparser.parse((site.site / path).read_bytes())
        assert not feed.bozo, (path, feed.bozo_exception)
        assert feed.version == version
        assert [e.link for e in feed.entries] == [f"{SITE}digest/{w}/" for w in weeks]
        for entry in feed.entries:
            html = entry.content[0].value
            body = BeautifulSoup(html, "html.parser")
            assert not body.select("script, style, link, iframe, share")  # a title's "<share>" stays text
            assert not re.search(r"\son\w+=", html)  # no event handlers
            # Every link absolute, to a page of the site that exists.
            for a in body.select("a[href]"):
                assert a["href"].startswith(SITE), a["href"]
                target = a["href"][len(SITE):].split("#")[0]
                assert (site.site / target / "index.html").is_file(), a["href"]
            # Styled inline: mail clients drop stylesheets.
            for node in body.select("div, h2, ul, li, p, a, span, time"):
                assert node.get("style"), (entry.link, str(node)[:80])
    hostile = f(BY_ADDRESS["2026/04/kia-inside"], "title")
    week = next(e for e in feedparser.parse((site.site / "digest/atom.xml").read_bytes()).entries
                if e.link.endswith(f"/{week_id(f(BY_ADDRESS['2026/04/kia-inside'], 'date'))}/"))
    assert hostile in BeautifulSoup(week.content[0].value, "html.parser").get_text()
    # And the digest pages offer the feeds.
    page = site.page(f"digest/{weeks[0]}/")
    assert {a["href"] for a in page.select(".ab-subscribe a")} == {"../atom.xml", "../feed.xml"}


# News sitemap and robots.txt ----------------------------------------------------------------------

def test_news_sitemap_lists_the_last_two_days_and_is_valid(site):
    expected = [i for i in newest_first(ITEMS)
                if MOMENT - timedelta(days=2) < instant(f(i, "date")) <= MOMENT]
    assert [i["slug"] for i in expected] == ["gwm-europe", "kia-inside"]  # the corpus is what the test says
    path = site.site / "sitemap-news.xml"
    schema = xmlschema.XMLSchema(str(SCHEMAS / "sitemap.xsd"), locations=[(NEWS_NS, str(SCHEMAS / "sitemap-news.xsd"))])
    schema.validate(str(path))
    root = ElementTree.parse(path).getroot()
    ns = {"s": SITEMAP_NS, "n": NEWS_NS}
    urls = root.findall("s:url", ns)
    assert [u.findtext("s:loc", namespaces=ns) for u in urls] == [f"{SITE}briefings/{i['address']}/" for i in expected]
    for u, item in zip(urls, expected):
        assert u.findtext("n:news/n:title", namespaces=ns) == f(item, "title")
        assert datetime.fromisoformat(u.findtext("n:news/n:publication_date", namespaces=ns)) == instant(f(item, "date"))
        assert u.findtext("n:news/n:publication/n:name", namespaces=ns) == "Autobrief"
        assert u.findtext("n:news/n:publication/n:language", namespaces=ns) == "en"
    robots = (site.site / "robots.txt").read_text()
    assert f"Sitemap: {SITE}sitemap-news.xml" in robots.splitlines()
    assert f"Sitemap: {SITE}sitemap.xml" in robots.splitlines()
    # The schema is strict enough to fail: a news entry without its title is refused.
    broken = path.read_text().replace("<news:title>", "<news:keywords>").replace("</news:title>", "</news:keywords>")
    assert not schema.is_valid(broken)


def test_no_news_sitemap_without_recent_briefings_and_the_desks_robots_kept(tmp_path):
    project = make_project(tmp_path, {})
    write(project / "briefings", CORPUS)  # nothing in the two days before the build
    (project / "docs" / "robots.txt").write_text("User-agent: *\nDisallow: /drafts/\n", encoding="utf-8")
    result = build(project, env={"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH})
    assert result.ok, result.output
    assert not (result.site / "sitemap-news.xml").exists()
    assert (result.site / "robots.txt").read_text() == f"User-agent: *\nDisallow: /drafts/\nSitemap: {SITE}sitemap.xml\n"


# Print --------------------------------------------------------------------------------------------

POINTS = {"A4": (595.92, 842.88), "Letter": (612.0, 792.0)}


def test_a_briefing_prints_as_a_clean_document(site):
    item = BY_ADDRESS["2026/02/fx-talks"]
    url = f"briefings/{item['address']}/"
    page_html = site.page(url)
    nav_labels = [text(a) for a in page_html.select(".md-tabs__link")]
    assert nav_labels  # the screen has navigation tabs that print must drop
    with serve(site.site) as base, browser() as chromium:
        page = chromium.new_page()
        page.goto(base + url, wait_until="networkidle")
        for paper, (width, height) in POINTS.items():
            pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format=paper)))
            box = pdf.pages[0].mediabox
            assert (round(float(box.width), 1), round(float(box.height), 1)) == (round(width, 1), round(height, 1))
            printed = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
            first = " ".join(pdf.pages[0].extract_text().split())
            # The document: headline, its own address, status in words, the claim, sources with addresses, denials.
            assert first.startswith(" ".join(f(item, "title").split()[:4])), first[:200]
            assert f"{SITE}{url}" in first
            assert f(item, "status").capitalize() in first
            assert " ".join(f(item, "claim").split()) in printed
            solid = "".join(printed.split())  # an address may wrap anywhere
            for source in f(item, "sources"):
                assert source["name"] in printed
                if source.get("url"):  # outside links are followed by their address
                    assert f"<{source['url']}>" in solid
            for denial in f(item, "denials"):
                assert denial["party"] in printed
            # No navigation, search, footer or breadcrumbs.
            for absent in ("Search briefings", "Made with", "Autobrief briefing desk", "Skip to content",
                           "Subscribe:", "Back to top"):
                assert absent not in printed, (paper, absent)
            assert not any(printed.startswith(label) for label in nav_labels)
            assert len(pdf.pages) <= 6


def test_check_with_docs_prints_the_builds_marker_lines(tmp_path):
    built = build_bad_page(tmp_path)
    project = built.project
    expected = sorted(line.split("-  ", 1)[1] for line in built.output.splitlines() if "-  docs/about.md:" in line)
    assert len(expected) == 10
    result = subprocess.run([sys.executable, "-m", "autobrief.cli", "check", "briefings", "--docs", "docs"],
                            cwd=project, capture_output=True, text=True, env={**ENV, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH})
    assert result.returncode == 1
    assert sorted(result.stdout.splitlines()) == expected
    assert result.stderr.strip() == f"10 errors in 0 of {len(CORPUS)} files and 1 docs page"
    # Without --docs, check looks at the briefings alone, as before.
    alone = subprocess.run([sys.executable, "-m", "autobrief.cli", "check", "briefings"], cwd=project,
                           capture_output=True, text=True, env=ENV)
    assert alone.returncode == 0 and alone.stdout == ""
