"""How claims move (contract v1.1): status changes, corrections and the ledger of what to watch.

Computed once from the published briefings, newest first, like the index. A
watch item is open until it has ``resolved`` or ``by``; an open item whose
``due`` date has passed (before the build's date: SOURCE_DATE_EPOCH, else
today) is overdue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timezone
from typing import Iterable

from . import addresses
from .briefing import Briefing
from .model import Correction, HistoryStep, WatchItem, instant


@dataclass(eq=False)
class Change:
    """One step of a briefing's history: the status it moved to, and from what."""

    briefing: Briefing
    step: HistoryStep
    number: int  # its place in the history, from 1: steps are only ever appended, so it is stable
    previous: str | None  # the status before it (None for the first step)

    @property
    def anchor(self) -> str:
        return history_id(self.number)

    @property
    def url(self) -> str:
        return f"{self.briefing.url}#{self.anchor}"


@dataclass(eq=False)
class Fix:
    """One correction of a briefing."""

    briefing: Briefing
    correction: Correction
    number: int

    @property
    def anchor(self) -> str:
        return correction_id(self.number)


@dataclass(eq=False)
class Watched:
    """One watch item of a briefing, and what answered it."""

    briefing: Briefing
    item: WatchItem
    number: int
    answer: Briefing | None = None  # the briefing its ``by`` names

    @property
    def anchor(self) -> str:
        return watch_id(self.number)

    @property
    def resolved(self) -> date | None:
        """When it was answered: ``resolved``, else the date of the briefing that answered it."""
        if self.item.resolved:
            return self.item.resolved
        return self.answer.date if self.answer else None

    @property
    def is_open(self) -> bool:
        return self.resolved is None and not self.item.by

    def overdue(self, today: date) -> bool:
        return self.is_open and self.item.due is not None and utc_day(self.item.due) < today


def history_id(number: int) -> str:
    return f"history-{number}"


def correction_id(number: int) -> str:
    return f"correction-{number}"


def watch_id(number: int) -> str:
    return f"watch-{number}"


def utc_day(value: date) -> date:
    """The calendar day of a date or a date-time, in UTC (as every date on the site)."""
    return instant(value).astimezone(timezone.utc).date()


def _newest(change: Change) -> tuple:
    """Sort key, reversed for newest first: by date, and a briefing's later step first on one day."""
    return instant(change.step.date), change.number


@dataclass
class Claims:
    """Every status change, correction and watch item of the published briefings."""

    today: date
    changes: list[Change] = field(default_factory=list)  # newest first
    corrections: list[Fix] = field(default_factory=list)  # newest first
    open: list[Watched] = field(default_factory=list)  # overdue first (most overdue first), then by due date
    resolved: list[Watched] = field(default_factory=list)  # latest answer first
    _answered: dict[int, list[Watched]] = field(default_factory=dict, repr=False)
    _watched: dict[int, list[Watched]] = field(default_factory=dict, repr=False)
    _changes: dict[int, list[Change]] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, briefings: Iterable[Briefing], today: date) -> "Claims":
        claims = cls(today)
        briefings = list(briefings)  # newest first
        by_address = {b.url: b for b in briefings}
        for b in briefings:
            previous, mine = None, []
            for n, step in enumerate(b.front.history, 1):
                mine.append(Change(b, step, n, previous))
                previous = step.status
            claims.changes += mine
            claims._changes[id(b)] = mine
            claims.corrections += [Fix(b, c, n) for n, c in enumerate(b.front.corrections, 1)]
            items = []
            for n, item in enumerate(b.watch_items, 1):
                answer = by_address.get(addresses.briefing_at(item.by)) if item.by else None
                watched = Watched(b, item, n, answer)
                items.append(watched)
                (claims.open if watched.is_open else claims.resolved).append(watched)
                if answer is not None:
                    claims._answered.setdefault(id(answer), []).append(watched)
            claims._watched[id(b)] = items
        # Sorted once, stably: equal dates keep the briefings' own order (newest first).
        claims.changes.sort(key=_newest, reverse=True)
        claims.corrections.sort(key=lambda f: instant(f.correction.date), reverse=True)
        claims.resolved.sort(key=lambda w: instant(w.resolved), reverse=True)
        far = date.max
        claims.open.sort(key=lambda w: (not w.overdue(today), utc_day(w.item.due) if w.item.due else far))
        return claims

    @property
    def overdue(self) -> list[Watched]:
        return [w for w in self.open if w.overdue(self.today)]

    def watched(self, b: Briefing) -> list[Watched]:
        """The briefing's own watch items, in its order."""
        return self._watched.get(id(b), [])

    def answered(self, b: Briefing) -> list[Watched]:
        """The watch items of other briefings that this one answered (their ``by`` names it), newest first."""
        return self._answered.get(id(b), [])

    def changes_of(self, briefings: Iterable[Briefing]) -> list[Change]:
        """The status changes of some briefings (a company's, a story's: newest first), newest first."""
        found = [c for b in briefings for c in self._changes.get(id(b), ())]
        return sorted(found, key=_newest, reverse=True)

    def history_of(self, b: Briefing) -> list[Change]:
        """The briefing's own history as changes, oldest first."""
        return self._changes.get(id(b), [])
