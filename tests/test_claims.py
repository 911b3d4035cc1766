"""Claims that evolve (issue 14, contract v1.1) on a built site, against figures computed from the corpus dicts.

Status history, corrections, the watch ledger, the feeds of status changes, JSON-LD, the
dataset, story timelines and sources' track records. Every expected value comes from
tests/claims_corpus.py alone, never from autobrief.core.
"""

from __future__ import annotations

import json
import posixpath
import statistics
from datetime import date, datetime, timedelta, timezone

import feedparser
import pytest

from claims_corpus import BUILD_DAY, CORPUS, FEED_LIMIT, SOURCE_DATE_EPOCH, write
from conftest import build, make_project

SITE = "https://briefings.example.com/"
STATUSES = ["reported", "denied", "disputed", "confirmed", "retracted"]
BY_ADDRESS = {item["address"]: item for item in CORPUS}
SLUGS = {"financial times": "financial-times", "automotive news": "automotive-news"}


# What the corpus says, computed here --------------------------------------------------------

def instant(value: date) -> datetime:
    """A date as an aware moment: a bare date is 00:00 UTC."""
    if isinstance(value, datetime):
        return value
    return datetime(value.year, value.month, value.day, tzinfo=timezone.utc)


def utc_day(value: date) -> date:
    return instant(value).astimezone(timezone.utc).date()


def human(value: date) -> str:
    text = f"{value.day} {value:%B %Y}"
    if isinstance(value, datetime):
        offset = value.strftime("%z")
        text += f", {value:%H:%M} UTC" + ("" if offset == "+0000" else f"{offset[:3]}:{offset[3:]}")
    return text


def url(item: dict) -> str:
    return f"briefings/{item['address']}/"


def slug(name: str) -> str:
    return SLUGS.get(name.casefold(), name.casefold().replace(" ", "-"))


def newest_first(items):
    return sorted(items, key=lambda i: (instant(i["front"]["date"]), "briefings/" + i["path"]), reverse=True)


def order_key(item: dict) -> tuple:
    return instant(item["front"]["date"]), "briefings/" + item["path"]


def f(item: dict, name: str, default=None):
    return item["front"].get(name, default)


def modified(item: dict) -> datetime:
    if f(item, "updated"):
        return instant(f(item, "updated"))
    moved = [instant(e["date"]) for e in f(item, "history", []) + f(item, "corrections", [])]
    return max(moved, default=instant(f(item, "date")))


def since(item: dict):
    """When the claim took its current status: the first step of the last run of that status."""
    history = f(item, "history", [])
    if not history:
        return None
    start = len(history) - 1
    while start > 0 and history[start - 1]["status"] == history[-1]["status"]:
        start -= 1
    return history[start]["date"]


def steps(items) -> list[dict]:
    """Every history step of the items, newest first; a later step of one day is newer."""
    found = []
    for item in items:
        previous = None
        for n, step in enumerate(f(item, "history", []), 1):
            found.append({"item": item, "n": n, "step": step, "previous": previous})
            previous = step["status"]
    return sorted(found, key=lambda c: (instant(c["step"]["date"]), order_key(c["item"]), c["n"]), reverse=True)


def watched() -> list[dict]:
    found = []
    for item in newest_first(CORPUS):
        for n, entry in enumerate(f(item, "watch", []), 1):
            w = {"item": entry} if isinstance(entry, str) else entry
            by = BY_ADDRESS[w["by"]] if w.get("by") else None
            resolved = w.get("resolved") or (f(by, "date") if by else None)
            is_open = resolved is None and by is None
            due = w.get("due")
            found.append({
                "briefing": item, "n": n, "text": w["item"], "due": due, "by": by, "resolved": resolved,
                "open": is_open, "overdue": bool(is_open and due is not None and utc_day(due) < BUILD_DAY),
            })
    return found


WATCHED = watched()
OPEN = [w for w in WATCHED if w["open"]]
OVERDUE = [w for w in OPEN if w["overdue"]]
RESOLVED = sorted((w for w in WATCHED if not w["open"]), key=lambda w: instant(w["resolved"]), reverse=True)
CHANGES = steps(CORPUS)
CORRECTIONS = sorted(
    ({"item": i, "n": n, **c} for i in CORPUS for n, c in enumerate(f(i, "corrections", []), 1)),
    key=lambda c: instant(c["date"]), reverse=True,
)
COMPANIES = sorted({slug(c) for i in CORPUS for c in f(i, "companies", [])})
STORIES = sorted({f(i, "story") for i in CORPUS if f(i, "story")})


def answered(item: dict) -> list[dict]:
    return [w for w in WATCHED if w["by"] is item]


def open_order() -> list[dict]:
    """Overdue first, most overdue first; then by due date; then the items with none."""
    dated = sorted((w for w in OPEN if w["due"] is not None), key=lambda w: (not w["overdue"], utc_day(w["due"])))
    return dated + [w for w in OPEN if w["due"] is None]


def the(path: str) -> dict:
    return BY_ADDRESS[path]


# The site --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("claims"), {})
    write(project / "briefings")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("folder: briefings", f"folder: briefings\n      feed_limit: {FEED_LIMIT}"))
    result = build(project, env={"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH})
    assert result.ok, result.output
    return result


def text(node) -> str:
    return " ".join(node.get_text().split())


def resolve(page_url: str, href: str) -> str:
    """A relative link on the page at ``page_url`` as a site-relative URL (fragment kept)."""
    path, _, fragment = href.partition("#")
    target = posixpath.normpath(posixpath.join(page_url, path)) if path else page_url.rstrip("/")
    target = "" if target == "." else target + "/"
    return target + (f"#{fragment}" if fragment else "")


def badge(node) -> str:
    classes = [c for c in node.select_one(".ab-status")["class"] if c.startswith("ab-status--")]
    assert len(classes) == 1, classes
    return classes[0].removeprefix("ab-status--")


def badges(node) -> list[str]:
    return [next(c.removeprefix("ab-status--") for c in b["class"] if c.startswith("ab-status--"))
            for b in node.select(".ab-status")]


def feed(site, path: str):
    parsed = feedparser.parse((site.site / path).read_bytes())
    assert not parsed.bozo, (path, parsed.get("bozo_exception"))
    return parsed


def article(site, item: dict):
    page = site.page(url(item))
    return page, page.select_one("article.ab-briefing")


# The briefing page ----------------------------------------------------------------------

def expected_sections(item: dict) -> list[str]:
    story = f(item, "story")
    shown = [
        ("corrections", f(item, "corrections")), ("history", f(item, "history")), ("sources", True),
        ("denials", f(item, "denials")), ("watch", f(item, "watch")), ("answered", answered(item)),
        ("about", f(item, "companies") or f(item, "regions") or f(item, "tags") or story),
        ("story", story and sum(1 for i in CORPUS if f(i, "story") == story) > 1),
    ]
    return [anchor for anchor, present in shown if present]


@pytest.mark.parametrize("item", CORPUS, ids=lambda i: i["slug"])
def test_briefing_sections_in_order(site, item):
    _, body = article(site, item)
    found = [h["id"] for h in body.select(":scope > section > h2[id], :scope > nav > h2[id]")]
    if "related" in found:
        assert found[-1] == "related"
        found.remove("related")
    assert found == expected_sections(item)
    # The corrections box comes after the body, before the history.
    if f(item, "corrections"):
        assert body.select_one(".ab-body").find_next("section")["class"] == ["ab-corrections"]


@pytest.mark.parametrize("item", [i for i in CORPUS if f(i, "history")], ids=lambda i: i["slug"])
def test_status_history_list_badge_and_drawing(site, item):
    _, body = article(site, item)
    history = f(item, "history")
    status = body.select_one(".ab-briefing__head .ab-meta__status")
    assert badge(status) == f(item, "status")
    rows = body.select("section.ab-history .ab-history__list > li")
    assert [r["id"] for r in rows] == [f"history-{n}" for n in range(1, len(history) + 1)]
    for n, (row, step) in enumerate(zip(rows, history), 1):
        assert row.select_one("time")["datetime"] == step["date"].isoformat()
        assert text(row.select_one("time")) == human(step["date"])
        assert badges(row) == [step["status"]]
        note = row.select_one(".ab-step__note")
        assert (text(note) if note else None) == step.get("note")
        link = row.select_one("a.ab-step__link")
        assert (link["href"] if link else None) == step.get("url")
        was = row.select_one(".ab-step__from")
        previous = history[n - 2]["status"] if n > 1 else None
        moved = previous is not None and previous != step["status"]
        assert (text(was) if was else None) == (f"(was {previous})" if moved else None)
    svg = body.select_one("section.ab-history svg[role=img]")
    assert svg["aria-labelledby"] == svg.select_one("title")["id"]
    assert text(svg.select_one("title")) == "How the claim's status moved, oldest first: " + ", ".join(
        f"{human(s['date'])} {s['status']}" for s in history)
    # "since": when the claim took its current status (a later step that repeats it changes nothing).
    when = status.select_one(".ab-meta__since time")
    assert when["datetime"] == since(item).isoformat()
    assert text(status.select_one(".ab-meta__since")) == f"since {human(since(item))}"


def test_seed_like_same_day_move_is_kept(site):
    _, body = article(site, the("2026/02/fx-talks"))
    rows = body.select(".ab-history__list > li")
    assert [(r.select_one("time")["datetime"], badges(r)) for r in rows] == [
        ("2026-02-02", ["reported"]), ("2026-02-02", ["denied"])]


def test_a_v1_briefing_has_no_history_or_corrections(site):
    item = the("2026/01/toyota-plain-v1")
    assert not {"history", "corrections", "updated"} & set(item["front"])
    page, body = article(site, item)
    assert body.select_one("#history, #corrections, .ab-history, .ab-corrections, .ab-timeline") is None
    assert body.select_one(".ab-meta__since, .ab-meta__corrected") is None
    assert badge(body.select_one(".ab-meta__status")) == "reported"
    assert [text(li) for li in body.select(".ab-watch li")] == ["A plain v1 watch line."]
    ld = jsonld(page)
    assert "correction" not in ld
    assert datetime.fromisoformat(ld["dateModified"]) == instant(f(item, "date"))


@pytest.mark.parametrize("item", [i for i in CORPUS if f(i, "corrections")], ids=lambda i: i["slug"])
def test_corrections_box_and_header(site, item):
    _, body = article(site, item)
    fixes = f(item, "corrections")
    rows = body.select("section#corrections, section.ab-corrections")[0].select("li")
    assert [r["id"] for r in rows] == [f"correction-{n}" for n in range(1, len(fixes) + 1)]
    for row, fix in zip(rows, fixes):
        assert text(row) == f"Corrected on {human(fix['date'])}: {fix['text']}"
        assert row.select_one("time")["datetime"] == fix["date"].isoformat()
    latest = max((c["date"] for c in fixes), key=instant)
    corrected = body.select_one(".ab-briefing__head .ab-meta__corrected")
    assert corrected["href"] == "#corrections"
    assert corrected.select_one("time")["datetime"] == latest.isoformat()
    assert text(corrected) == f"Corrected {human(latest)}"


def test_corrections_page_newest_first(site):
    page = site.page("corrections/")
    rows = page.select(".ab-corrections-all .ab-ledger__item")
    assert len(rows) == len(CORRECTIONS) == 8
    for row, fix in zip(rows, CORRECTIONS):
        assert row.select_one("time")["datetime"] == fix["date"].isoformat()
        assert text(row.select_one(".ab-ledger__note")) == fix["text"]
        link = row.select_one("a")
        assert text(link) == fix["item"]["front"]["title"]
        assert resolve("corrections/", link["href"]) == url(fix["item"]) + f"#correction-{fix['n']}"
    home = text(site.page("").select_one(".ab-home__watch"))
    assert f"{len(CORRECTIONS)} corrections" in home


# The watch ledger -----------------------------------------------------------------------

def test_watch_counts_on_the_ledger_and_home(site):
    assert (len(OPEN), len(OVERDUE), len(RESOLVED)) == (14, 7, 5)  # the corpus is what it says
    for path in ("watch/", "watch/resolved/"):
        counts = [int(text(li.select_one(".ab-counts__n")).replace(",", ""))
                  for li in site.page(path).select(".ab-ledger__counts li")]
        assert counts == [len(OPEN), len(OVERDUE), len(RESOLVED)], path
    home = site.page("").select_one("section.ab-home__watch")
    assert home.select_one("h2")["id"] == "watching"
    said = text(home)
    assert f"{len(OPEN)} open watch items" in said
    assert f"{len(OVERDUE)} overdue" in said
    assert f"{len(RESOLVED)} resolved" in said


def test_open_items_overdue_first_and_marked(site):
    page = site.page("watch/")
    assert page.select_one(".ab-ledger__today time")["datetime"] == BUILD_DAY.isoformat()
    rows = page.select(".ab-watch-open .ab-ledger__item")
    expected = open_order()
    assert len(rows) == len(expected)
    dated = [w for w in expected if w["due"] is not None]
    assert [text(r).startswith(w["text"]) for r, w in zip(rows, dated)] == [True] * len(dated), \
        [text(r) for r in rows]
    # Items without a due date come last, in whatever order.
    assert sorted(text(r).split(" No due date")[0] for r in rows[len(dated):]) == \
        sorted(w["text"] for w in expected[len(dated):])
    for row, w in zip(rows, dated):
        overdue = "ab-ledger__item--overdue" in row["class"]
        assert overdue == w["overdue"], w["text"]
        assert (row.select_one(".ab-watch__meta .ab-overdue") is not None) == w["overdue"], w["text"]
        assert row.select_one(".ab-watch__meta time")["datetime"] == w["due"].isoformat()
    for row in rows:
        w = next(w for w in expected if text(row).startswith(w["text"]))
        asked = row.select_one(".ab-ledger__asked a")
        assert resolve("watch/", asked["href"]) == url(w["briefing"]) + f"#watch-{w['n']}"
        assert text(asked) == w["briefing"]["front"]["title"]
    # The most overdue item heads the list; the item due today is not overdue.
    assert text(rows[0]).startswith("Land allocated by the state government.")
    today = next(r for r in rows if text(r).startswith("An Indian tax ruling."))
    assert "ab-ledger__item--overdue" not in today["class"]


def test_resolved_items_link_their_answer(site):
    page = site.page("watch/resolved/")
    rows = page.select(".ab-watch-resolved .ab-ledger__item")
    assert len(rows) == len(RESOLVED)
    for row, w in zip(rows, RESOLVED):
        assert text(row).startswith(w["text"])
        meta = row.select_one(".ab-watch__meta")
        assert meta.select_one("time")["datetime"] == w["resolved"].isoformat()
        answer = meta.select_one("a")
        if w["by"] is None:
            assert answer is None
        else:
            target = resolve("watch/resolved/", answer["href"])
            assert target == url(w["by"])
            assert (site.site / target / "index.html").is_file()
            assert text(answer) == w["by"]["front"]["title"]
            assert text(site.page(target).select_one("h1")) == w["by"]["front"]["title"]
        asked = row.select_one(".ab-ledger__asked a")
        assert resolve("watch/resolved/", asked["href"]) == url(w["briefing"]) + f"#watch-{w['n']}"


@pytest.mark.parametrize("item", [i for i in CORPUS if f(i, "watch")], ids=lambda i: i["slug"])
def test_watch_items_on_the_briefing_page(site, item):
    _, body = article(site, item)
    rows = body.select("section.ab-watch li")
    mine = [w for w in WATCHED if w["briefing"] is item]
    assert [r["id"] for r in rows] == [f"watch-{w['n']}" for w in mine]
    for row, w in zip(rows, mine):
        assert text(row).startswith(w["text"])
        classes = set(row["class"])
        assert ("ab-watch__item--resolved" in classes) == (not w["open"])
        assert ("ab-watch__item--overdue" in classes) == w["overdue"]
        meta = row.select_one(".ab-watch__meta")
        if not w["open"]:
            assert text(meta).startswith("(resolved")
            assert meta.select_one("time")["datetime"] == w["resolved"].isoformat()
            link = meta.select_one("a")
            assert (resolve(url(item), link["href"]) if link else None) == (url(w["by"]) if w["by"] else None)
        elif w["overdue"]:
            assert text(meta) == f"(overdue: due {human(w['due'])})"
        elif w["due"] is not None:
            assert text(meta) == f"(due {human(w['due'])})"
        else:
            assert meta is None


@pytest.mark.parametrize("item", [i for i in CORPUS if answered(i)], ids=lambda i: i["slug"])
def test_resolving_briefing_lists_what_it_answered(site, item):
    _, body = article(site, item)
    section = body.select_one("section.ab-answered")
    assert section.select_one("h2")["id"] == "answered"
    assert text(section.select_one("h2")) == "What this briefing answered"
    rows = section.select("li")
    expected = answered(item)
    assert len(rows) == len(expected)
    for row, w in zip(rows, expected):
        assert text(row).startswith(w["text"])
        link = row.select_one("a")
        assert resolve(url(item), link["href"]) == url(w["briefing"]) + f"#watch-{w['n']}"
        assert text(link) == w["briefing"]["front"]["title"]


def test_no_answered_section_where_nothing_was_answered(site):
    for item in CORPUS:
        if not answered(item):
            assert article(site, item)[1].select_one("#answered") is None, item["slug"]


# Status changes ---------------------------------------------------------------------------

def feed_title(change: dict) -> str:
    moved = f"{change['previous']} → {change['step']['status']}" if change["previous"] else change["step"]["status"]
    return f"{change['item']['front']['title']}: {moved}"


def change_id(change: dict) -> str:
    return SITE + url(change["item"]) + f"#history-{change['n']}"


def test_site_changes_feed(site):
    parsed = feed(site, "changes.xml")
    expected = CHANGES[:FEED_LIMIT]
    assert len(CHANGES) == 24 and len(parsed.entries) == min(FEED_LIMIT, len(CHANGES))
    # What each entry says, then their order.
    assert {e.id: (e.title, datetime.fromisoformat(e.updated), e.link) for e in parsed.entries} == \
        {change_id(c): (feed_title(c), instant(c["step"]["date"]), change_id(c)) for c in expected}
    assert [e.id for e in parsed.entries] == [change_id(c) for c in expected]
    # The seed-like same-day move: the denial is newer than the report.
    ids = [change_id(c) for c in CHANGES]
    fx = SITE + "briefings/2026/02/fx-talks/"
    assert ids.index(fx + "#history-2") < ids.index(fx + "#history-1")


@pytest.mark.parametrize("kind, key", [("companies", c) for c in COMPANIES] + [("stories", s) for s in STORIES])
def test_term_changes_feeds(site, kind, key):
    if kind == "companies":
        members = [i for i in CORPUS if key in {slug(c) for c in f(i, "companies", [])}]
    else:
        members = [i for i in CORPUS if f(i, "story") == key]
    expected = steps(members)[:FEED_LIMIT]
    parsed = feed(site, f"{kind}/{key}/changes.xml")
    assert len(parsed.entries) == len(expected)
    assert {e.id: e.title for e in parsed.entries} == {change_id(c): feed_title(c) for c in expected}
    assert [e.id for e in parsed.entries] == [change_id(c) for c in expected]


def test_ford_and_story_feeds_are_not_empty(site):
    assert len(feed(site, "companies/ford/changes.xml").entries) == 6
    assert len(feed(site, "stories/tesla-india-plant/changes.xml").entries) == 7
    assert len(feed(site, "companies/toyota/changes.xml").entries) == 0


def test_changes_page_lists_every_step(site):
    page = site.page("changes/")
    rows = page.select(".ab-changes .ab-ledger__item")
    assert len(rows) == len(CHANGES)

    def shown(row):
        note = row.select_one(".ab-ledger__note")
        return (resolve("changes/", row.select_one("a")["href"]), row.select_one("time")["datetime"], badges(row),
                text(row.select_one("a")), text(note) if note else None)

    expected = [(url(c["item"]) + f"#history-{c['n']}", c["step"]["date"].isoformat(),
                 ([c["previous"]] if c["previous"] else []) + [c["step"]["status"]], c["item"]["front"]["title"],
                 c["step"].get("note")) for c in CHANGES]
    assert sorted(map(shown, rows)) == sorted(expected)  # every step, as it is
    assert [shown(r) for r in rows] == expected  # newest first


def test_ordinary_feeds_follow_the_modified_date(site):
    expected = newest_first(CORPUS)[:FEED_LIMIT]
    parsed = feed(site, "atom.xml")
    assert [e.id for e in parsed.entries] == [SITE + url(i) for i in expected]
    for entry, item in zip(parsed.entries, expected):
        assert datetime.fromisoformat(entry.updated) == modified(item), item["slug"]
        assert datetime.fromisoformat(entry.published) == instant(f(item, "date")), item["slug"]
    assert datetime.fromisoformat(parsed.feed.updated) == max(modified(i) for i in expected)
    items = json.loads((site.site / "feed.json").read_text(encoding="utf-8"))["items"]
    assert [(i["id"], datetime.fromisoformat(i["date_modified"])) for i in items] == \
        [(SITE + url(i), modified(i)) for i in expected]
    # Corrections alone, and updated given before the last step: each as the contract says.
    assert modified(the("2026/03/ford-cologne-cuts")) == instant(date(2026, 3, 11))
    assert modified(the("2026/03/tesla-india-confirmed")) == instant(date(2026, 3, 30))


# JSON-LD and the dataset ------------------------------------------------------------------

def jsonld(page) -> dict:
    for script in page.select('script[type="application/ld+json"]'):
        data = json.loads(script.string)
        for node in data.get("@graph", [data]):
            if node.get("@type") == "NewsArticle":
                return node
    raise AssertionError("no NewsArticle")


@pytest.mark.parametrize("item", CORPUS, ids=lambda i: i["slug"])
def test_jsonld_corrections_and_date_modified(site, item):
    page, _ = article(site, item)
    node = jsonld(page)
    assert datetime.fromisoformat(node["dateModified"]) == modified(item)
    fixes = f(item, "corrections", [])
    found = node.get("correction", [])
    assert [c["@type"] for c in found] == ["CorrectionComment"] * len(fixes)
    assert [c["text"] for c in found] == [c["text"] for c in fixes]
    assert [datetime.fromisoformat(c["datePublished"]) for c in found] == [instant(c["date"]) for c in fixes]
    assert [c["@id"] for c in found] == [SITE + url(item) + f"#correction-{n}" for n in range(1, len(fixes) + 1)]


def iso_text(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: iso_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [iso_text(v) for v in value]
    return value


def test_dataset_carries_history_corrections_and_watch(site):
    records = {r["path"]: r for r in json.loads((site.site / "briefings.json").read_text(encoding="utf-8"))["briefings"]}
    assert set(records) == {url(i) for i in CORPUS}
    for item in CORPUS:
        record = records[url(item)]
        history = [{"date": s["date"], "status": s["status"], "note": s.get("note"), "url": s.get("url")}
                   for s in f(item, "history", [])]
        watch = [w if isinstance(w, str) else {"item": w["item"], "due": w.get("due"), "resolved": w.get("resolved"),
                                                "by": w.get("by")} for w in f(item, "watch", [])]
        assert record["history"] == iso_text(history), item["slug"]
        assert record["corrections"] == iso_text(f(item, "corrections", [])), item["slug"]
        assert record["watch"] == iso_text(watch), item["slug"]
        assert record["updated"] == iso_text(f(item, "updated")), item["slug"]


# Stories and sources ----------------------------------------------------------------------

def moves(item: dict) -> list[tuple]:
    return [(s["date"], s["status"]) for s in f(item, "history", [])] or [(f(item, "date"), f(item, "status"))]


@pytest.mark.parametrize("story", STORIES)
def test_story_timeline_shows_each_briefings_moves(site, story):
    items = sorted((i for i in CORPUS if f(i, "story") == story), key=lambda i: instant(f(i, "date")))
    page = site.page(f"stories/{story}/")
    rows = page.select(".ab-story__list > li")
    assert [text(r.select_one(":scope > a")) for r in rows] == [i["front"]["title"] for i in items]
    for row, item in zip(rows, items):
        assert badge(row) == f(item, "status")
        shown = [(li.select_one("time")["datetime"], badges(li)) for li in row.select(".ab-story__moves > li")]
        history = f(item, "history", [])
        if len(history) > 1:
            assert shown == [(s["date"].isoformat(), [s["status"]]) for s in history], item["slug"]
        else:
            assert shown in ([], [(s["date"].isoformat(), [s["status"]]) for s in history]), item["slug"]
    title = page.select_one(".ab-timeline svg[role=img] title")
    assert text(title) == "How the story's status moved, oldest first: " + ", ".join(
        f"{human(d)} {s}" for i in items for d, s in moves(i))


def median_text(days: list[int]) -> str:
    if not days:
        return "–"
    middle = statistics.median(days)
    shown = f"{round(middle, 1)}".removesuffix(".0")
    return f"{shown} (of {len(days)} with a history)"


@pytest.mark.parametrize("outlet", ["Financial Times", "Reuters", "Bloomberg", "Handelsblatt"])
def test_source_days_to_get_there(site, outlet):
    took: dict[str, list[int]] = {s: [] for s in STATUSES}
    counts = {s: 0 for s in STATUSES}
    for item in CORPUS:
        mine = [s for s in f(item, "sources") if s["name"] == outlet]
        if not mine:
            continue
        counts[f(item, "status")] += 1
        history = f(item, "history", [])
        if history:
            dated = [s["date"] for s in mine if s.get("date")]
            report = min(dated, key=instant) if dated else f(item, "date")
            days = (utc_day(history[-1]["date"]) - utc_day(report)).days
            took[f(item, "status")].append(max(0, days))
    page = site.page(f"sources/{slug(outlet)}/")
    table = page.select_one("table.ab-outcomes")
    assert "Days to get there (median)" in [text(th) for th in table.select("thead th")]
    shown = {badge(r): (int(text(r.select("td")[0])), text(r.select("td")[2])) for r in table.select("tbody tr")}
    assert shown == {s: (counts[s], median_text(took[s])) for s in STATUSES}


def test_known_medians():
    """The figures the source test relies on, spelled out: even counts, a clamp at 0."""
    assert median_text([8, 0, 10, 0]) == "4 (of 4 with a history)"  # Reuters, confirmed
    assert median_text([0, 2]) == "1 (of 2 with a history)"  # Financial Times, denied
    assert median_text([3]) == "3 (of 1 with a history)"


# Overdue compares days in UTC -------------------------------------------------------------

def test_a_due_time_is_overdue_by_its_utc_day(tmp_path):
    """A due date-time counts on its UTC day: 01:00 at UTC+3 on the build day is the day before."""
    early = datetime(2026, 4, 15, 1, 0, tzinfo=timezone(timedelta(hours=3)))  # 2026-04-14 22:00 UTC
    late = datetime(2026, 4, 14, 23, 30, tzinfo=timezone(timedelta(hours=-3)))  # 2026-04-15 02:30 UTC
    assert utc_day(early) < BUILD_DAY == utc_day(late)
    item = {"path": "2026/04/due-times.md", "body": "Body.\n", "front": {
        "title": "Due times", "date": date(2026, 4, 1), "status": "reported", "sources": [{"name": "Reuters"}],
        "watch": [{"item": "Early in the day, east of UTC.", "due": early},
                  {"item": "Late in the day, west of UTC.", "due": late}]}}
    project = make_project(tmp_path, {})
    write(project / "briefings", [item])
    result = build(project, env={"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH})
    assert result.ok, result.output
    rows = result.page("briefings/2026/04/due-times/").select("section.ab-watch li")
    assert ["ab-watch__item--overdue" in r["class"] for r in rows] == [True, False]
    counts = [text(li.select_one(".ab-counts__n")) for li in result.page("watch/").select(".ab-ledger__counts li")]
    assert counts == ["2", "1", "0"]


# In a real browser ------------------------------------------------------------------------

def test_history_corrections_and_ledger_pass_axe(site):
    from axe_playwright_python.sync_playwright import Axe

    from browser import browser, serve

    axe = Axe()
    failures = []
    with serve(site.site) as base, browser() as chromium:
        page = chromium.new_page()
        for path in (url(the("2026/02/fx-talks")), url(the("2026/01/tesla-india-report")), "watch/",
                     "watch/resolved/", "corrections/", "changes/"):
            response = page.goto(base + path, wait_until="networkidle")
            assert response.status == 200, path
            assert page.locator(".ab-history, .ab-watch-open, .ab-watch-resolved, .ab-ledger").count() >= 1, path
            found = axe.run(page).response["violations"]
            failures += [(path, v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in found]
        page.close()
    assert failures == [], "\n".join(map(str, failures))
