"""Small parts every plan is made of."""

from __future__ import annotations

from dataclasses import dataclass

from ..core import addresses
from ..core.briefing import Briefing
from ..core.registry import Entry

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


@dataclass(eq=False)
class ChainDrawing:
    """A briefing's chain of sources (who cites whom) drawn when its page is rendered."""

    chain: object  # core.measures.Chain


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


@dataclass(eq=False)
class Profile:
    """Who a company, outlet, author or story is, by the registry (v1.1): what its page shows above the record."""

    entry: Entry
    aliases: list[str]  # "also written as": the registry's aliases and other spellings in the briefings
    parent: Crumb | None = None  # (name, site URL of its page, or None when it has none)
    subsidiaries: list[Crumb] = None  # type: ignore[assignment]
