"""Planned pages as HTML: a Renderer per build, with the caches of that build."""

from __future__ import annotations

from datetime import date
from typing import Callable, Iterable

from markupsafe import Markup

from ..core.briefing import Briefing
from ..core.digest import Week
from ..core.indexes import Term
from ..core.site import build_date
from ..pages import BriefingPlan, ErrorPlan, ListingPlan
from . import environment, relative
from .body import safe_body
from .headings import fix_headings, reserved_ids

Lookup = Callable[[str, str], "Term | None"]  # (kind, name) -> the term it names, with its page, if any


def _no_terms(kind: str, name: str) -> None:
    return None


class Renderer:
    """Turns plans into HTML. Made once per build: its card cache holds that build's briefings."""

    def __init__(self, term_of: Lookup = _no_terms, today: date | None = None,
                 absolute: Callable[[str], str] | None = None):
        self.term_of = term_of
        self.absolute = absolute  # site URL -> absolute URL: a printed briefing says where it is from
        self.today = today or build_date()  # what is overdue: the index's build date
        self._cards: dict[tuple[int, str], Markup] = {}

    def card(self, b: Briefing, href: str) -> Markup:
        """A briefing's listing card: the same on every listing at the same depth, so rendered once."""
        key = (b.serial, href)
        if key not in self._cards:
            self._cards[key] = Markup(environment().get_template("card.html").render(b=b, href=href))
        return self._cards[key]

    def _template(self, name: str, page_url: str, **context) -> Markup:
        link = lambda url: relative(page_url, url)  # noqa: E731
        return Markup(environment().get_template(name).render(link=link, card=self.card, **context))

    def briefing(self, plan: BriefingPlan, page_url: str, body: str, *, search_attrs: str = "",
                 search_block: str = "") -> Markup:
        """The whole article: header, the writer's body as rendered, the planned sections, search data."""
        address = self.absolute(plan.briefing.url) if self.absolute else None
        head = self._template("briefing-head.html", page_url, b=plan.briefing, draft=plan.draft, crumbs=plan.crumbs,
                              term_of=self.term_of, address=address)
        foot = self._template("briefing-foot.html", page_url, b=plan.briefing, plan=plan, term_of=self.term_of,
                              today=self.today)
        return Markup(f'<article class="ab-briefing"{search_attrs}>{head}<div class="ab-body">{body}</div>'
                      f'{foot}{search_block}</article>')

    def listing(self, plan: ListingPlan, page_url: str | None = None) -> Markup:
        return self._template("page.html", plan.url if page_url is None else page_url, view=plan)

    def home(self, plan: ListingPlan) -> Markup:
        return self._template("home.html", "", view=plan)

    def embed(self, briefings: list[Briefing], layout: str, page_url: str) -> Markup:
        """The briefings a marker in a docs page asks for (core/markers.py)."""
        return self._template("embed.html", page_url, briefings=briefings, layout=layout)

    def digest_email(self, week: Week) -> str:
        """A week of the digest as the body of an email: inline styles, absolute links, no script."""
        return environment().get_template("digest-week.html").render(week=week, email=True, link=self.absolute)

    def error_page(self, plan: ErrorPlan) -> Markup:
        return errors(plan.errors, heading=plan.heading)


def safe_briefing_body(plan: BriefingPlan, html: str) -> tuple[str, dict[str, str]]:
    """A briefing's body as rendered from its Markdown, made safe (body.py) and with its headings kept
    off the ids the page's own sections use (headings.py); and the ids it renamed."""
    return fix_headings(safe_body(html), reserved_ids(len(plan.briefing.sources), plan.anchors))


def errors(found: Iterable, heading: str = "This briefing has errors") -> Markup:
    return Markup(environment().get_template("errors.html").render(errors=list(found), heading=heading))
