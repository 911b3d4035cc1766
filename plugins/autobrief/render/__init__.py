"""HTML for briefings, from Jinja templates that ship beside this module.

Our own Jinja environment escapes every value (MkDocs' does not), and front
matter only ever reaches a template as data: it is never itself a template.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from typing import Callable, Iterable

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from ..core.briefing import Briefing
from ..core.model import STATUSES

# Icon and word for each status: the badge never relies on colour alone.
STATUS_ICONS = {"reported": "●", "denied": "✕", "disputed": "⇄", "confirmed": "✓", "retracted": "↺"}

Linker = Callable[[str, str], "str | None"]  # (kind, name) -> site URL of its page, if any


def relative(from_url: str, to_url: str) -> str:
    """A link from one site-relative directory URL ("a/b/") to another URL, as MkDocs writes them.

    Plain string work rather than posixpath.relpath: it runs for every link of
    every generated page.
    """
    target, _, anchor = to_url.partition("#")
    here = [p for p in from_url.split("/") if p]
    there = [p for p in target.split("/") if p]
    common = 0
    for a, b in zip(here, there):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(here) - common) + there[common:]
    rel = "/".join(parts)
    if rel and (target.endswith("/") or not there):
        rel += "/"
    elif not rel:
        rel = "./" if target or not anchor else ""
    return rel + (f"#{anchor}" if anchor else "")


def human_date(value: date) -> str:
    text = f"{value.day} {value:%B %Y}"
    if isinstance(value, datetime):
        offset = value.strftime("%z")
        text += f", {value:%H:%M} UTC{offset[:3]}:{offset[3:]}" if offset != "+0000" else f", {value:%H:%M} UTC"
    return text


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("autobrief.render", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        auto_reload=False,  # packaged templates do not change during a build; skip a stat per use
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["human_date"] = human_date
    env.filters["iso"] = lambda d: d.isoformat()
    env.globals["STATUSES"] = STATUSES
    env.globals["STATUS_ICONS"] = STATUS_ICONS
    env.globals["card"] = card
    return env


def card(b: Briefing, href: str) -> Markup:
    """A briefing's listing card: the same on every listing at the same depth, so rendered once."""
    key = ("card", href)
    if key not in b.memo:
        b.memo[key] = Markup(environment().get_template("card.html").render(b=b, href=href))
    return b.memo[key]


def _link(page_url: str) -> Callable[[str], str]:
    return lambda url: relative(page_url, url)


def _no_pages(kind: str, name: str) -> None:
    return None


def render_briefing_head(b: Briefing, page_url: str, *, draft: bool = False, crumbs=()) -> Markup:
    return Markup(
        environment().get_template("briefing-head.html").render(b=b, link=_link(page_url), draft=draft, crumbs=list(crumbs))
    )


def render_briefing_foot(
    b: Briefing, page_url: str, pages: Linker = _no_pages, *,
    older: Briefing | None = None, newer: Briefing | None = None, related: Iterable[Briefing] = (),
) -> Markup:
    return Markup(
        environment().get_template("briefing-foot.html").render(
            b=b, link=_link(page_url), page_of=pages, older=older, newer=newer, related=list(related),
        )
    )


def render_errors(errors: Iterable, heading: str = "This briefing has errors") -> Markup:
    return Markup(environment().get_template("errors.html").render(errors=list(errors), heading=heading))


__all__ = [
    "escape", "human_date", "relative", "render_briefing_foot", "render_briefing_head",
    "render_errors",
]
