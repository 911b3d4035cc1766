"""The plans of the generated listing pages (one per URL) and of the home page's part."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from ..core import addresses
from ..core.feeds import CHANGE_FEED_KINDS, FEED_PATHS, TERM_FEED_KINDS
from ..core.indexes import KINDS, Index, Page, Term, paginate
from ..core.model import STATUSES
from .base import HOME, Chart, Crumb, Profile, StoryDrawing, plural

SITE_FEEDS = [("RSS", FEED_PATHS["rss"]), ("Atom", FEED_PATHS["atom"]), ("JSON Feed", FEED_PATHS["json"])]
STORIES_PER_PAGE = 50  # the stories index grows with the site: paginated, so no page grows with it
LEDGER_PER_PAGE = 100  # status changes, corrections and watch items: one line each, so more to a page
CHANGES_FEEDS = [("Status changes (Atom)", addresses.changes_feed())]
HOME_CHANGES = 5  # the latest status changes on the home page
DIGEST_FEEDS = [("Weekly digest (Atom)", addresses.DIGEST_FEEDS["atom"]), ("Weekly digest (RSS)", addresses.DIGEST_FEEDS["rss"])]


@dataclass(eq=False)
class ListingPlan:
    url: str  # site-relative directory URL, "" for the home page
    title: str  # plain text: escaped when rendered
    description: str
    crumbs: list[Crumb]
    part: str | None = None  # template of the page's own section
    page: Page | None = None  # the listing, when the page has one
    listing_heading: str = "Briefings"
    lead: str = ""
    data: dict[str, Any] = field(default_factory=dict)  # what the part shows (page.html reads it only through the part)
    feeds: list[tuple[str, str]] = field(default_factory=list)  # (label, site URL) for "Subscribe"
    cards: bool = True  # the page's items are briefings, shown as cards (else the part shows them)

    @property
    def src_uri(self) -> str:
        return addresses.source_file(self.url)

    @property
    def term(self) -> Term | None:
        """The company, outlet, story… the page is about, if it is about one."""
        return self.data.get("term")


def _paged(base: str, items: list, per_page: int, make) -> Iterator[ListingPlan]:
    for page in paginate(items, base, per_page):
        plan = make(page)
        plan.url, plan.page = page.url, page
        if page.number > 1:
            plan.title = f"{plan.title} (page {page.number})"
            plan.crumbs = plan.crumbs[:-1] + [(plan.crumbs[-1][0], base), (f"Page {page.number}", None)]
        yield plan


def plan_listings(index: Index, per_page: int = 20) -> Iterator[ListingPlan]:
    """Every generated listing page of the site."""
    n = len(index.briefings)
    yield from _paged(addresses.BRIEFINGS, index.briefings, per_page, lambda page: ListingPlan(
        addresses.BRIEFINGS, "All briefings",
        f"All {plural(n, 'briefing')}, newest first: what was reported, denied, disputed, confirmed or retracted.",
        [HOME, ("Briefings", None)], listing_heading="Newest first", feeds=SITE_FEEDS,
    ))
    for kind, (_, singular, plural_label) in KINDS.items():
        terms = index.sorted_terms(kind)
        if kind == "status":
            terms = [index.terms["status"][s] for s in STATUSES]
        description = f"Every {singular.lower()} in the briefings, with how many briefings name it."
        if kind == "story":
            yield from _story_index(index, terms, description)
        else:
            data = {"kind": kind, "terms": terms, "label": singular, "groups": []}
            if kind == "source":  # the outlets by their measures, in a table a reader may sort
                data["measures"] = index.measures.outlets
                description = "Every outlet in the briefings, with what it originated and relayed, its hit rate and lead time."
            yield ListingPlan(
                addresses.terms(kind), plural_label, description, [HOME, (plural_label, None)], part="part-index.html",
                data=data,
            )
        for term in terms:
            yield from _term_listings(index, term, per_page)
    yield from _archive_listings(index, per_page)
    yield from _claims_listings(index)
    yield from _digest_listings(index)


def _digest_listings(index: Index) -> Iterator[ListingPlan]:
    """The weekly digest: its index of weeks, and a page a week (core/digest.py)."""
    weeks = index.weeks
    digest = ("Weekly digest", addresses.DIGEST)
    yield from _paged(addresses.DIGEST, weeks, LEDGER_PER_PAGE, lambda page: ListingPlan(
        addresses.DIGEST, "Weekly digest",
        f"{plural(len(weeks), 'week')} of briefings, newest first: each week's new briefings, status moves, "
        "corrections, and watch items resolved or newly overdue. Subscribe to have each week by feed or email.",
        [HOME, (digest[0], None)], part="part-digest-index.html", cards=False, feeds=DIGEST_FEEDS,
    ))
    for i, week in enumerate(weeks):
        yield ListingPlan(
            week.url, week.label, f"{week.label}. {week.summary}",
            [HOME, digest, (f"Week {week.number}, {week.year}", None)], part="part-digest.html", cards=False,
            feeds=DIGEST_FEEDS,
            data={"week": week, "newer": weeks[i - 1] if i else None, "older": weeks[i + 1] if i + 1 < len(weeks) else None},
        )


def _claims_listings(index: Index) -> Iterator[ListingPlan]:
    """How claims move: every status change, every correction, and the ledger of what to watch."""
    claims = index.claims
    changes = claims.changes
    yield from _paged(addresses.CHANGES, changes, LEDGER_PER_PAGE, lambda page: ListingPlan(
        addresses.CHANGES, "Status changes",
        f"{plural(len(changes), 'status change')} of the claims the briefings track, newest first: "
        "each step of a claim's history, from its first report to how it ended.",
        [HOME, ("Status changes", None)], part="part-changes.html", cards=False, feeds=CHANGES_FEEDS,
    ))
    fixes = claims.corrections
    yield from _paged(addresses.CORRECTIONS, fixes, LEDGER_PER_PAGE, lambda page: ListingPlan(
        addresses.CORRECTIONS, "Corrections",
        f"{plural(len(fixes), 'correction')} to the briefings, newest first: what the desk got wrong, and when it fixed it.",
        [HOME, ("Corrections", None)], part="part-corrections.html", cards=False,
    ))
    watch = ("What to watch", addresses.WATCH)
    open_items, resolved, overdue = claims.open, claims.resolved, len(claims.overdue)
    counts = {"open": len(open_items), "overdue": overdue, "resolved": len(resolved)}
    yield from _paged(addresses.WATCH, open_items, LEDGER_PER_PAGE, lambda page: ListingPlan(
        addresses.WATCH, "What to watch",
        f"{plural(len(open_items), 'open watch item')} ({overdue:,} overdue) and {len(resolved):,} resolved: the signals "
        "the briefings wait for, overdue ones first.",
        [HOME, ("What to watch", None)], part="part-watch.html", cards=False,
        data={"counts": counts, "today": index.today, "resolved_page": False},
    ))
    yield from _paged(addresses.WATCH_RESOLVED, resolved, LEDGER_PER_PAGE, lambda page: ListingPlan(
        addresses.WATCH_RESOLVED, "Resolved watch items",
        f"{plural(len(resolved), 'watch item')} answered, latest first, each with the briefing that answered it.",
        [HOME, watch, ("Resolved", None)], part="part-watch.html", cards=False,
        data={"counts": counts, "today": index.today, "resolved_page": True},
    ))


def _story_index(index: Index, terms: list[Term], description: str) -> Iterator[ListingPlan]:
    """Developing stories first, then settled ones, each most recent first."""
    developing = index.developing_stories()
    open_ids = {id(t) for t in developing}
    settled = [t for t in sorted(terms, key=lambda t: t.last.sort_key, reverse=True) if id(t) not in open_ids]
    base = addresses.terms("story")
    yield from _paged(base, developing + settled, STORIES_PER_PAGE, lambda page: ListingPlan(
        base, "Stories", description, [HOME, ("Stories", None)], part="part-index.html", cards=False,
        data={"kind": "story", "terms": terms, "label": "Story", "groups": [
            ("Developing", [t for t in page.items if id(t) in open_ids]),
            ("Settled: confirmed or retracted", [t for t in page.items if id(t) not in open_ids]),
        ]},
    ))


def profile(index: Index, term: Term) -> Profile | None:
    """A term's profile, when the registry knows it: its parent and subsidiaries linked when they have pages."""
    entry = term.entry
    if entry is None:
        return None

    def link(key: str) -> Crumb:
        page = index.terms["company"].get(key)
        other = index.registry.entry("company", key)
        return (page.name, page.url) if page else ((other.name if other else None) or key, None)

    parent = link(entry.parent) if entry.parent else None
    subsidiaries = [link(e.key) for e in index.registry.subsidiaries(entry.key)] if term.kind == "company" else []
    return Profile(entry, term.aliases, parent, subsidiaries)


def _term_listings(index: Index, term: Term, per_page: int) -> Iterator[ListingPlan]:
    _, singular, plural_label = KINDS[term.kind]
    crumbs = [HOME, (plural_label, addresses.terms(term.kind)), (term.heading, None)]  # a story's title, else its name
    feeds = [(f"Atom feed of {term.name}", addresses.term_feed(term.url))] if term.kind in TERM_FEED_KINDS else []
    if term.kind in CHANGE_FEED_KINDS:
        feeds.append((f"Status changes of {term.name} (Atom)", addresses.changes_feed(term.url)))
    if term.kind == "story":
        timeline = index.story_timeline(term)
        summary = term.entry.summary if term.entry else None
        yield ListingPlan(
            term.url, f"Story: {term.heading}",
            summary or f"How the story developed, oldest first: {plural(term.count, 'briefing')}, now {term.last.status}.",
            crumbs, part="part-story.html", feeds=feeds, lead=summary or "",
            data={"term": term, "timeline": timeline, "drawing": StoryDrawing(timeline)},
        )
        return
    lead, part, data = "", None, {"term": term, "profile": profile(index, term)}
    if term.kind == "status":
        lead = f"{STATUSES[term.slug].capitalize()}."
        title = f"{term.name} briefings"
        description = f"{plural(term.count, 'briefing')} whose status is {term.slug}: {STATUSES[term.slug]}."
    else:
        title = term.name
        description = f"{plural(term.count, 'briefing')} on {term.name}, newest first."
    if term.kind == "company":
        part = "part-company.html"
        data.update(
            record=index.company_record(term), counts=index.status_counts(term.briefings), denial_limit=20,
            denial_record=index.measures.companies[term.slug],
            chart=Chart(term.briefings, "chart-company", term.name),
        )
        description = (
            f"{plural(term.count, 'briefing')} on {term.name} from {term.first.date.isoformat()} to "
            f"{term.last.date.isoformat()}: statuses, denials issued, and every briefing, newest first."
        )
    elif term.kind == "source":
        part = "part-source.html"
        measure = index.measures.outlets[term.slug]
        data.update(record=index.source_record(term), lookup=index.term, measures=measure,
                    originated_chart=Chart(measure.originated, "chart-originated", f"claims {term.name} originated"))
        description = f"{term.name}'s track record: {plural(term.count, 'briefing')}, how its reports stand now, and who relays it."
    elif term.kind == "author":
        part = "part-profile.html" if data["profile"] else None
        description = f"{plural(term.count, 'briefing')} by {term.name}, newest first."
    # The record (part) heads the first page only: later pages are the listing alone.
    yield from _paged(term.url, term.briefings, per_page, lambda page: ListingPlan(
        term.url, title, description, list(crumbs), part=part if page.number == 1 else None, lead=lead,
        data=data, feeds=feeds,
    ))


def _archive_listings(index: Index, per_page: int) -> Iterator[ListingPlan]:
    years = index.years()
    archive = ("Archive", addresses.ARCHIVE)
    yield ListingPlan(addresses.ARCHIVE, "Archive", "Every briefing by year and month.", [HOME, ("Archive", None)],
                      part="part-archive.html", data={"years": years})
    for year, months in years.items():
        total = sum(len(m.briefings) for m in months)
        yield ListingPlan(addresses.year(year), f"{year}", f"{plural(total, 'briefing')} published in {year}, by month.",
                          [HOME, archive, (str(year), None)], part="part-archive.html", data={"years": {year: months}})
        for month in months:
            crumbs = [HOME, archive, (str(year), addresses.year(year)), (month.label, None)]
            yield from _paged(month.url, month.briefings, per_page, lambda page, month=month, crumbs=crumbs: ListingPlan(
                month.url, f"Briefings of {month.label}",
                f"{plural(len(month.briefings), 'briefing')} published in {month.label}, newest first.", crumbs,
            ))


def home_plan(index: Index, latest: int = 20, developing: int = 10) -> ListingPlan:
    """What the plugin adds to the home page (docs/index.md): latest briefings, statuses, developing stories."""
    stories = index.developing_stories()
    claims = index.claims
    return ListingPlan(
        addresses.HOME, "Home", "", [], part="part-home.html", feeds=SITE_FEEDS + CHANGES_FEEDS,
        data={
            "latest": index.briefings[:latest], "developing": stories[:developing],
            "more_developing": max(0, len(stories) - developing), "counts": index.status_counts(),
            "chart": Chart(index.briefings, "chart-home", "all companies"),
            "watch": {"open": len(claims.open), "overdue": len(claims.overdue), "resolved": len(claims.resolved)},
            "changes": claims.changes[:HOME_CHANGES], "corrections": len(claims.corrections),
        },
    )
