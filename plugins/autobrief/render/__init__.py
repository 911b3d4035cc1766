"""HTML for planned pages, from Jinja templates that ship beside this module.

Our own Jinja environment escapes every value (MkDocs' does not), and front
matter only ever reaches a template as data: it is never itself a template.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..core import addresses
from ..core.indexes import month_series
from ..core.model import STATUSES
from ..pages.base import Chart, ChainDrawing, HistoryDrawing, StoryDrawing
from .charts import chain_graph, history_timeline, monthly_chart, story_timeline

# Icon and word for each status: the badge never relies on colour alone.
STATUS_ICONS = {"reported": "●", "denied": "✕", "disputed": "⇄", "confirmed": "✓", "retracted": "↺"}


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


def percent(share: float) -> str:
    """A share as a whole percentage, halves rounded up: 0.185 -> "19%"."""
    return f"{math.floor(share * 100 + 0.5)}%"


def days(value: float | None) -> str:
    """A median of days as read: "1 day", "2.5 days", "–" when there is none."""
    if value is None:
        return "–"
    shown = f"{value:g}"
    return f"{shown} day" if value == 1 else f"{shown} days"


def draw(spec: Chart | StoryDrawing | HistoryDrawing | ChainDrawing) -> Markup:
    """A plan's chart, timeline or chain of sources, drawn as inline SVG when its page is rendered."""
    if isinstance(spec, ChainDrawing):
        return chain_graph(spec.chain, environment())
    if isinstance(spec, StoryDrawing):
        return story_timeline(spec.timeline, environment())
    if isinstance(spec, HistoryDrawing):
        return history_timeline(spec.briefing, environment())
    return monthly_chart(month_series(spec.briefings), environment(), spec.id, spec.subject)


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
    env.filters["percent"] = percent
    env.filters["days"] = days
    env.globals["STATUSES"] = STATUSES
    env.globals["STATUS_ICONS"] = STATUS_ICONS
    env.globals["at"] = addresses  # templates spell no address themselves
    env.globals["draw"] = draw
    env.globals["HistoryDrawing"] = HistoryDrawing
    env.globals["ChainDrawing"] = ChainDrawing
    return env


__all__ = ["STATUS_ICONS", "draw", "environment", "human_date", "relative"]
