"""The generated pages of a site: one View per URL, planned from the Index alone.

A View knows its URL, title, description, breadcrumbs and what to render;
the engine adapter only has to turn each into a page of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from markupsafe import Markup

from ..core import addresses
from ..core.feeds import FEED_PATHS, TERM_FEED_KINDS
from ..core.indexes import KINDS, Index, Page, Term, paginate
from ..core.model import STATUSES
from . import environment, relative
from .charts import monthly_chart, story_timeline

HOME = ("Home", "")
SITE_FEEDS = [("RSS", FEED_PATHS["rss"]), ("Atom", FEED_PATHS["atom"]), ("JSON Feed", FEED_PATHS["json"])]


@dataclass
class View:
    url: str  # site-relative directory URL, "" for the home page
    title: str  # plain text: escaped when rendered
    description: str
    crumbs: list[tuple[str, str | None]]
    part: str | None = None  # template of the view's own section
    page: Page | None = None  # the listing, when the view has one
    listing_heading: str = "Briefings"
    lead: str = ""
    data: dict[str, Any] = field(default_factory=dict)  # what the part shows (page.html reads it only through the part)
    feeds: list[tuple[str, str]] = field(default_factory=list)  # (label, site URL) for "Subscribe"
    cards: bool = True  # the page's items are briefings, shown as cards (else the part shows them)

    @property
    def src_uri(self) -> str:
        return f"{self.url}index.md"

    def render(self, page_url: str | None = None) -> Markup:
        page_url = self.url if page_url is None else page_url
        link = lambda url: relative(page_url, url)  # noqa: E731
        return Markup(environment().get_template("page.html").render(view=self, link=link))


class Deferred:
    """Markup made when the page is rendered, not when the site is planned.

    A chart drawn at plan time would be drawn for every company on every
    rebuild of a live preview, and thrown away unless its page is rebuilt.
    What it draws comes from the view's other data (its term), which keys it.
    """

    def __init__(self, make):
        self._make, self._made = make, None

    def __html__(self) -> str:
        if self._made is None:
            self._made = self._make()
        return self._made


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _paged(base: str, items: list, per_page: int, make) -> Iterator[View]:
    for page in paginate(items, base, per_page):
        view = make(page)
        view.url, view.page = page.url, page
        if page.number > 1:
            view.title = f"{view.title} (page {page.number})"
            view.crumbs = view.crumbs[:-1] + [(view.crumbs[-1][0], base), (f"Page {page.number}", None)]
        yield view


def plan(index: Index, per_page: int = 20, site=None) -> Iterator[View]:
    """Every generated page of the site."""
    n = len(index.briefings)
    yield from _paged("briefings/", index.briefings, per_page, lambda page: View(
        "briefings/", "All briefings",
        f"All {plural(n, 'briefing')}, newest first: what was reported, denied, disputed, confirmed or retracted.",
        [HOME, ("Briefings", None)], listing_heading="Newest first", feeds=SITE_FEEDS,
    ))
    for kind, (folder, singular, plural_label) in KINDS.items():
        terms = index.sorted_terms(kind)
        if kind == "status":
            terms = [index.terms["status"][s] for s in STATUSES]
        description = f"Every {singular.lower()} in the briefings, with how many briefings name it."
        if kind == "story":
            yield from _story_index(index, terms, description)
        else:
            yield View(
                f"{folder}/", plural_label, description, [HOME, (plural_label, None)], part="part-index.html",
                data={"kind": kind, "terms": terms, "label": singular, "groups": []},
            )
        for term in terms:
            yield from _term_views(index, term, per_page)
    yield from _archive_views(index, per_page)


STORIES_PER_PAGE = 50  # the stories index grows with the site: paginated, so no page grows with it


def _story_index(index: Index, terms: list[Term], description: str) -> Iterator[View]:
    """Developing stories first, then settled ones, each most recent first."""
    developing = index.developing_stories()
    open_ids = {id(t) for t in developing}
    settled = [t for t in sorted(terms, key=lambda t: t.last.sort_key, reverse=True) if id(t) not in open_ids]
    yield from _paged("stories/", developing + settled, STORIES_PER_PAGE, lambda page: View(
        "stories/", "Stories", description, [HOME, ("Stories", None)], part="part-index.html", cards=False,
        data={"kind": "story", "terms": terms, "label": "Story", "groups": [
            ("Developing", [t for t in page.items if id(t) in open_ids]),
            ("Settled: confirmed or retracted", [t for t in page.items if id(t) not in open_ids]),
        ]},
    ))


def _term_views(index: Index, term: Term, per_page: int) -> Iterator[View]:
    folder, singular, plural_label = KINDS[term.kind]
    crumbs = [HOME, (plural_label, f"{folder}/"), (term.name, None)]
    feeds = [(f"Atom feed of {term.name}", addresses.term_feed(term.url))] if term.kind in TERM_FEED_KINDS else []
    if term.kind == "story":
        timeline = index.story_timeline(term)
        yield View(
            term.url, f"Story: {term.last.title}",
            f"How the story developed, oldest first: {plural(term.count, 'briefing')}, now {term.last.status}.",
            crumbs, part="part-story.html", feeds=feeds,
            data={"term": term, "timeline": timeline, "drawing": Deferred(lambda: story_timeline(timeline, environment()))},
        )
        return
    lead, part, data = "", None, {"term": term}
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
            chart=Deferred(lambda: monthly_chart(index.month_series(term.briefings), environment(), "chart-company", term.name)),
        )
        description = (
            f"{plural(term.count, 'briefing')} on {term.name} from {term.first.date.isoformat()} to "
            f"{term.last.date.isoformat()}: statuses, denials issued, and every briefing, newest first."
        )
    elif term.kind == "source":
        part = "part-source.html"
        data.update(record=index.source_record(term), lookup=index.term)
        description = f"{term.name}'s track record: {plural(term.count, 'briefing')}, how its reports stand now, and who relays it."
    # The record (part) heads the first page only: later pages are the listing alone.
    yield from _paged(term.url, term.briefings, per_page, lambda page: View(
        term.url, title, description, list(crumbs), part=part if page.number == 1 else None, lead=lead,
        data=data, feeds=feeds,
    ))


def _archive_views(index: Index, per_page: int) -> Iterator[View]:
    years = index.years()
    archive = ("Archive", "archive/")
    yield View("archive/", "Archive", "Every briefing by year and month.", [HOME, ("Archive", None)],
               part="part-archive.html", data={"years": years})
    for year, months in years.items():
        total = sum(len(m.briefings) for m in months)
        yield View(f"archive/{year}/", f"{year}", f"{plural(total, 'briefing')} published in {year}, by month.",
                   [HOME, archive, (str(year), None)], part="part-archive.html", data={"years": {year: months}})
        for month in months:
            crumbs = [HOME, archive, (str(year), f"archive/{year}/"), (month.label, None)]
            yield from _paged(month.url, month.briefings, per_page, lambda page, month=month, crumbs=crumbs: View(
                month.url, f"Briefings of {month.label}",
                f"{plural(len(month.briefings), 'briefing')} published in {month.label}, newest first.", crumbs,
            ))


def home_view(index: Index, latest: int = 20, site=None, developing: int = 10) -> View:
    stories = index.developing_stories()
    return View(
        "", "Home", "", [], part="part-home.html", feeds=SITE_FEEDS,
        data={
            "latest": index.briefings[:latest], "developing": stories[:developing],
            "more_developing": max(0, len(stories) - developing), "counts": index.status_counts(),
            "chart": monthly_chart(index.month_series(index.briefings), environment(), "chart-home", "all companies"),
        },
    )


def render_home(view: View) -> Markup:
    link = lambda url: relative("", url)  # noqa: E731
    return Markup(environment().get_template("home.html").render(view=view, link=link))
