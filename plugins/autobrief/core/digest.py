"""The weekly digest: what happened to the briefings in each ISO week (UTC).

A week is in the digest when anything happened in it: a briefing was
published, a claim's status moved, a briefing was corrected, a watch item was
answered or fell overdue. Each week is a page (digest/2026-W06/) and an entry
of the digest's feeds, written to work as the body of an email.

Computed from the index's claims, once per build, newest week first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Iterable

from . import addresses
from .briefing import Briefing
from .claims import Change, Claims, Fix, Watched, utc_day
from .model import instant

ONE_DAY = timedelta(days=1)


@dataclass(eq=False)
class Week:
    year: int  # the ISO year, which is not always the calendar year of every day in it
    number: int
    new: list[Briefing] = field(default_factory=list)  # published this week, newest first
    moved: list[Change] = field(default_factory=list)  # status moves (not first reports), newest first
    corrections: list[Fix] = field(default_factory=list)  # newest first
    resolved: list[Watched] = field(default_factory=list)  # answered this week, latest first
    overdue: list[Watched] = field(default_factory=list)  # first overdue this week (due the day before)

    @property
    def id(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    @property
    def url(self) -> str:
        return addresses.digest_week(self.id)

    @property
    def start(self) -> date:
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def end(self) -> date:
        return date.fromisocalendar(self.year, self.number, 7)

    @property
    def label(self) -> str:
        start, end = self.start, self.end
        first = f"{start.day} {start:%B}" + (f" {start.year}" if start.year != end.year else "")
        first = first if start.month != end.month or start.year != end.year else str(start.day)
        return f"Week {self.number} of {self.year}: {first}–{end.day} {end:%B %Y}"

    @property
    def updated(self) -> datetime:
        """The latest moment of the week's events: the feed entry's time, from front matter alone."""
        moments = [b.published for b in self.new] + [instant(c.step.date) for c in self.moved]
        moments += [instant(f.correction.date) for f in self.corrections]
        moments += [instant(w.resolved) for w in self.resolved]
        moments += [instant(utc_day(w.item.due) + ONE_DAY) for w in self.overdue]
        return max(moments)

    @property
    def summary(self) -> str:
        """The week in one line of plain text: "2 new briefings, 1 status move, 1 correction"."""
        parts = [(len(self.new), "new briefing", "new briefings"), (len(self.moved), "status move", "status moves"),
                 (len(self.corrections), "correction", "corrections"),
                 (len(self.resolved), "watch item resolved", "watch items resolved"),
                 (len(self.overdue), "watch item newly overdue", "watch items newly overdue")]
        return ", ".join(f"{n:,} {one if n == 1 else many}" for n, one, many in parts if n) + "."


def week_of(value: date) -> tuple[int, int]:
    year, number, _ = utc_day(value).isocalendar()
    return year, number


def became_overdue(w: Watched, today: date) -> date | None:
    """The first day a watch item was overdue (the day after it was due), if it was by ``today``:
    it was still open then, or was answered only on that day or later."""
    if w.item.due is None:
        return None
    day = utc_day(w.item.due) + ONE_DAY
    if day > today:
        return None
    if w.is_open:
        return day
    answered = w.resolved
    return day if answered is not None and utc_day(answered) >= day else None


def weekly(briefings: Iterable[Briefing], claims: Claims) -> list[Week]:
    """Every week with something in it, newest first; each list in it newest first."""
    weeks: dict[tuple[int, int], Week] = {}

    def week(value: date) -> Week:
        key = week_of(value)
        return weeks.setdefault(key, Week(*key))

    for b in briefings:  # newest first
        week(b.date).new.append(b)
    for change in claims.changes:
        if change.previous is not None:
            week(change.step.date).moved.append(change)
    for fix in claims.corrections:
        week(fix.correction.date).corrections.append(fix)
    for w in claims.resolved:
        if w.resolved is not None:
            week(w.resolved).resolved.append(w)
    overdue = [(day, w) for w in (*claims.open, *claims.resolved) if (day := became_overdue(w, claims.today))]
    for day, w in sorted(overdue, key=lambda pair: pair[0], reverse=True):
        week(day).overdue.append(w)
    return [weeks[key] for key in sorted(weeks, reverse=True)]
