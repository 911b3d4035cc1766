"""Small parts every plan is made of."""

from __future__ import annotations

from dataclasses import dataclass

from ..core import addresses
from ..core.briefing import Briefing

Crumb = tuple[str, "str | None"]  # (label, site URL or None for the page itself)
HOME: Crumb = ("Home", addresses.HOME)


@dataclass(frozen=True)
class Section:
    """A second-level section of a page: its id and heading, in the page and its table of contents."""

    anchor: str
    title: str


@dataclass(eq=False)
class Chart:
    """Briefings per month by status, drawn when its page is rendered (not when the site is planned:
    a chart drawn for every company on every rebuild of a live preview would mostly be thrown away)."""

    briefings: list[Briefing]
    id: str
    subject: str


@dataclass(eq=False)
class StoryDrawing:
    """A story's timeline drawn oldest first, when its page is rendered."""

    timeline: list[Briefing]


@dataclass(eq=False)
class HistoryDrawing:
    """A briefing's status history drawn oldest first, when its page is rendered."""

    briefing: Briefing


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"
