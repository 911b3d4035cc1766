"""A validated briefing: its front matter, body and place on the site."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from . import addresses
from .summary import summary_of
from .model import FrontMatter, HistoryStep, WatchItem, instant

# Every Briefing object gets a number no other briefing has: a live preview keeps
# unchanged briefings as the same objects, so a listing's serials say whether
# anything it shows may have changed (ids can be reused). One read from a file
# (corpus.check_path) is numbered from its path and bytes, the same in every
# process, so that the build cache can tell the same briefing in the next build.
_serials = itertools.count(1)


@dataclass(eq=False)
class Briefing:
    path: str  # as shown to writers, relative to the project (posix)
    front: FrontMatter
    body: str
    body_line: int
    slug: str
    lines: dict[tuple, int] = field(default_factory=dict, repr=False)
    source: str = ""  # its path inside the briefings folder ("2026/02/talks.md"), where the corpus found it
    serial: int = field(default_factory=lambda: next(_serials), repr=False, compare=False)

    # The contract's fields read straight through, so templates say b.title.
    def __getattr__(self, name: str):
        if name.startswith("_") or name == "front":
            raise AttributeError(name)
        return getattr(self.front, name)

    @cached_property
    def url(self) -> str:
        """Site-relative directory URL: briefings/YYYY/MM/<slug>/."""
        return addresses.briefing(self.front.date.year, self.front.date.month, self.slug)

    @cached_property
    def published(self) -> datetime:
        return instant(self.front.date)

    @cached_property
    def modified(self) -> datetime:
        """``updated``; without it, the latest history step or correction (v1.1); else the publication."""
        if self.front.updated:
            return instant(self.front.updated)
        moved = [instant(entry.date) for entry in (*self.front.history, *self.front.corrections)]
        return max(moved, default=self.published)

    @cached_property
    def moves(self) -> list[HistoryStep]:
        """How the status moved, oldest first: the history, or (without one) the status from the briefing's date."""
        return list(self.front.history) or [HistoryStep(date=self.front.date, status=self.front.status)]

    @cached_property
    def since(self):
        """When the claim took its current status, if the history says (a v1 briefing does not): the
        first step of the last run of that status (reported, disputed, disputed: since the first dispute)."""
        history = self.front.history
        if not history:
            return None
        i = len(history) - 1
        while i > 0 and history[i - 1].status == history[i].status:
            i -= 1
        return history[i].date

    @cached_property
    def last_correction(self):
        """The date of the latest correction (corrections need not be written in order)."""
        return max((c.date for c in self.front.corrections), key=instant, default=None)

    @cached_property
    def watch_items(self) -> list[WatchItem]:
        """Every watch entry as a mapping: a v1 line of text is an item with nothing more said."""
        return [w if isinstance(w, WatchItem) else WatchItem(item=w) for w in self.front.watch]

    @cached_property
    def sort_key(self) -> tuple:
        # Newest first when reversed; the path keeps equal dates in a stable order.
        return (self.published, self.path)

    @cached_property
    def summary_text(self) -> str:
        """The summary, or the body's first paragraph of prose as the reader sees it (core/summary.py)."""
        return self.front.summary or summary_of(self.body)

    def line_of(self, *path) -> int:
        return self.lines.get(tuple(path), 1)
