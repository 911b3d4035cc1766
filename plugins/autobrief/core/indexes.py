"""Everything the listing pages show, computed once from the published briefings.

One pass over the briefings (newest first) fills every index, so each term's
list is already in order: building is linear in briefings x terms per briefing.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from datetime import date
from typing import Iterable

from . import addresses
from .briefing import Briefing
from .claims import Claims, utc_day
from .digest import Week, weekly
from .measures import Measures
from .site import build_date
from .model import STATUSES, Denial, Source, instant
from .registry import FILES as REGISTERED, Entry, Registry, fold
from .slugs import slugify

# kind -> (URL folder, singular, plural)
KINDS: dict[str, tuple[str, str, str]] = {
    kind: (addresses.TERM_FOLDERS[kind], singular, plural)
    for kind, singular, plural in (
        ("company", "Company", "Companies"), ("region", "Region", "Regions"), ("tag", "Tag", "Tags"),
        ("source", "Source", "Sources"), ("story", "Story", "Stories"), ("status", "Status", "Statuses"),
        ("author", "Author", "Authors"),
    )
}
CLOSED = ("confirmed", "retracted")  # a story whose newest briefing has one of these is settled
RELATED_LIMIT = 5
RELATED_WINDOW = 25  # neighbours in time per shared term: keeps "related" linear at any size


@dataclass(eq=False)
class Term:
    """One company, region, tag, outlet, story, status or author, and its briefings (newest first).

    A term in a registry (v1.1) has its entry: its slug is the entry's key, its name the entry's.
    """

    kind: str
    slug: str
    briefings: list[Briefing] = field(default_factory=list)
    spellings: Counter = field(default_factory=Counter)
    entry: Entry | None = None
    _positions: dict | None = field(default=None, init=False, repr=False)

    def position(self, b: Briefing) -> int:
        """Where b stands in this term's list (built on first use, once the list is complete)."""
        if self._positions is None:
            self._positions = {id(x): i for i, x in enumerate(self.briefings)}
        return self._positions[id(b)]

    @property
    def name(self) -> str:
        # The registry's name; else the most used spelling, ties going to the newest briefing's.
        if self.entry is not None and self.entry.shown:
            return self.entry.shown
        return self.spellings.most_common(1)[0][0] if self.spellings else self.slug

    def called(self, written: str) -> str:
        """What the site calls a name a briefing writes: the registry's name, else the name as written (v1)."""
        return self.name if self.entry is not None else written

    @property
    def heading(self) -> str:
        """What heads the term's page: a story's title (its registry entry's, else its newest briefing's)."""
        if self.kind == "story" and not (self.entry and self.entry.title) and self.briefings:
            return self.last.title
        return self.name

    @property
    def aliases(self) -> list[str]:
        """Other names it is written as: the registry's aliases and any other spelling the briefings use."""
        if self.entry is None:
            return []
        listed = list(self.entry.aliases) + [s for s, _ in self.spellings.most_common() if s != self.entry.key]
        seen = {fold(self.name)}  # a name written in other case or composition is the same name
        out = []
        for alias in listed:
            if fold(alias) not in seen:
                seen.add(fold(alias))
                out.append(alias)
        return out

    @property
    def url(self) -> str:
        return addresses.term(self.kind, self.slug)

    @property
    def count(self) -> int:
        return len(self.briefings)

    @property
    def first(self) -> Briefing:
        return self.briefings[-1]

    @property
    def last(self) -> Briefing:
        return self.briefings[0]

    def add(self, briefing: Briefing, spelling: str) -> None:
        self.spellings[spelling] += 1
        if not self.briefings or self.briefings[-1] is not briefing:
            self.briefings.append(briefing)


@dataclass
class CompanyRecord:
    by_status: dict[str, list[Briefing]]
    denials: list[tuple[Denial, Briefing]]  # newest briefing first


@dataclass
class SourceRecord:
    reported: list[Briefing]  # briefings that list this outlet as a source
    cited: list[Briefing]  # briefings in which another outlet cites this one
    outcomes: dict[str, int]  # status of the briefings it reported -> count
    relayed_by: Counter  # outlet name -> briefings in which it cites this one
    cites: Counter  # outlet name -> briefings in which this one cites it
    # status -> days from this outlet's report to the claim taking that status, for the briefings
    # it reported whose history says when (v1.1); a median is shown beside each status's count
    took: dict[str, list[int]] = field(default_factory=dict)

    def median_days(self, status: str) -> float | None:
        days = sorted(self.took.get(status, ()))
        if not days:
            return None
        middle = len(days) // 2
        return days[middle] if len(days) % 2 else (days[middle - 1] + days[middle]) / 2


@dataclass
class Month:
    year: int
    month: int
    briefings: list[Briefing] = field(default_factory=list)

    @property
    def url(self) -> str:
        return addresses.month(self.year, self.month)

    @property
    def label(self) -> str:
        return f"{date(self.year, self.month, 1):%B %Y}"


@dataclass
class Page:
    """One page of a paginated listing."""

    number: int
    count: int  # pages in all
    items: list
    base: str

    @property
    def url(self) -> str:
        return addresses.page(self.base, self.number)

    @property
    def previous(self) -> str | None:
        return addresses.page(self.base, self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return addresses.page(self.base, self.number + 1) if self.number < self.count else None


def paginate(items: list, base: str, per_page: int) -> list[Page]:
    """Stable URLs: base/ for the first page, base/page/N/ after it; an empty list is one empty page."""
    chunks = [items[i : i + per_page] for i in range(0, len(items), per_page)] or [[]]
    return [Page(n, len(chunks), chunk, base) for n, chunk in enumerate(chunks, 1)]


def month_series(briefings: Iterable[Briefing]) -> list[tuple[tuple[int, int], dict[str, int]]]:
    """Briefings per month by status, oldest month first, with empty months filled in."""
    counts: dict[tuple[int, int], dict[str, int]] = {}
    for b in briefings:
        key = (b.date.year, b.date.month)
        counts.setdefault(key, dict.fromkeys(STATUSES, 0))[b.status] += 1
    if not counts:
        return []
    (y, m), last = min(counts), max(counts)
    series = []
    while (y, m) <= last:
        series.append(((y, m), counts.get((y, m), dict.fromkeys(STATUSES, 0))))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return series


class Index:
    """The published briefings, grouped every way the site lists them."""

    def __init__(self, briefings: Iterable[Briefing], today: date | None = None, registry: Registry | None = None):
        self.briefings: list[Briefing] = sorted(briefings, key=lambda b: b.sort_key, reverse=True)
        self.today = today or build_date()  # what is overdue on the watch ledger
        self.registry = registry or Registry()  # who is who (v1.1): names resolve to its entries
        self._keys: dict[tuple[str, str], str] = {}
        self.terms: dict[str, dict[str, Term]] = {kind: {} for kind in KINDS}
        for status in STATUSES:
            self.terms["status"][status] = Term("status", status, spellings=Counter({status.capitalize(): 1}))
        months: dict[tuple[int, int], Month] = {}
        for b in self.briefings:
            for kind, names in (("company", b.companies), ("region", b.regions), ("tag", b.tags)):
                for name in names:
                    self._term(kind, name).add(b, name)
            for source in b.sources:
                self._term("source", source.name).add(b, source.name)
                if source.via:
                    self._term("source", source.via).add(b, source.via)
            if b.story:
                self._term("story", b.story).add(b, b.story)
            for name in b.authors:
                self._term("author", name).add(b, name)
            self.terms["status"][b.status].briefings.append(b)
            key = (b.date.year, b.date.month)
            months.setdefault(key, Month(*key)).briefings.append(b)
        self.months: list[Month] = sorted(months.values(), key=lambda m: (m.year, m.month), reverse=True)
        self._position = {id(b): i for i, b in enumerate(self.briefings)}

    @cached_property
    def claims(self) -> Claims:
        """Status changes, corrections and watch items (v1.1)."""
        return Claims.of(self.briefings, self.today)

    @cached_property
    def weeks(self) -> list[Week]:
        """The weekly digest: every week with something in it, newest first (core/digest.py)."""
        return weekly(self.briefings, self.claims)

    @cached_property
    def measures(self) -> Measures:
        """Chains, hit rates, lead times and denial records (core/measures.py)."""
        return Measures(self)

    def _term(self, kind: str, name: str) -> Term:
        slug = self.key(kind, name)
        terms = self.terms[kind]
        term = terms.get(slug)
        if term is None:
            entry = self.registry.entry(kind, slug) if kind in REGISTERED else None
            term = terms[slug] = Term(kind, slug, entry=entry)
        return term

    # Lookups -----------------------------------------------------------------

    def key(self, kind: str, name: str) -> str:
        """The slug of the term a name means: its registry entry's key, else the name's slug (a story's
        and a status's name is its slug). "Xiaomi Corp" and "小米" are one company when the registry says so."""
        found = self._keys.get((kind, name))
        if found is None:
            entry = self.registry.resolve(kind, name) if kind in REGISTERED else None
            if entry is not None:
                found = entry.key
            else:
                found = name if kind in ("story", "status") else slugify(name)
            self._keys[(kind, name)] = found
        return found

    def term(self, kind: str, name: str) -> Term | None:
        return self.terms[kind].get(self.key(kind, name))

    def by_url(self, url: str) -> Briefing | None:
        """The published briefing at a site URL (briefings/YYYY/MM/slug/), if any."""
        return self._by_url.get(url)

    @cached_property
    def _by_url(self) -> dict[str, Briefing]:
        return {b.url: b for b in self.briefings}

    def terms_of(self, b: Briefing) -> list[Term]:
        """Every term a briefing names, once: its companies, regions, tags, outlets (and whom they cite),
        story and authors, and the denying parties that are companies of the site."""
        names = [("company", n) for n in b.companies] + [("region", n) for n in b.regions]
        names += [("tag", n) for n in b.tags] + [("author", n) for n in b.authors]
        names += [("source", n) for s in b.sources for n in (s.name, s.via) if n]
        names += [("story", b.story)] if b.story else []
        names += [("company", d.party) for d in b.denials]
        found = (self.term(kind, name) for kind, name in names)
        return list(dict.fromkeys(t for t in found if t is not None))

    def citing(self, b: Briefing, source: Source) -> Source | None:
        """The source of ``b`` that ``source.via`` names, if listed: "Reuters via FT" cites the
        source written "Financial Times" when the registry says FT is the Financial Times."""
        if not source.via:
            return None
        via = self.key("source", source.via)
        return next((other for other in b.sources if self.key("source", other.name) == via), None)

    def sorted_terms(self, kind: str) -> list[Term]:
        """Most briefings first, then by name: the order of every index page."""
        return sorted(self.terms[kind].values(), key=lambda t: (-t.count, t.name.casefold(), t.slug))

    def years(self) -> dict[int, list[Month]]:
        years: dict[int, list[Month]] = defaultdict(list)
        for month in self.months:
            years[month.year].append(month)
        return dict(years)

    def status_counts(self, briefings: Iterable[Briefing] | None = None) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for b in self.briefings if briefings is None else briefings:
            counts[b.status] += 1
        return counts

    # Stories -----------------------------------------------------------------

    def story_timeline(self, story: Term) -> list[Briefing]:
        return list(reversed(story.briefings))  # oldest first

    def story_neighbours(self, b: Briefing) -> tuple[Briefing | None, Briefing | None]:
        """The previous (older) and next (newer) briefing of the same story."""
        if not b.story:
            return None, None
        timeline = self.terms["story"][b.story].briefings  # newest first
        i = timeline.index(b)
        older = timeline[i + 1] if i + 1 < len(timeline) else None
        newer = timeline[i - 1] if i > 0 else None
        return older, newer

    def developing_stories(self) -> list[Term]:
        """Stories whose newest briefing is neither confirmed nor retracted, most recent first."""
        stories = [t for t in self.terms["story"].values() if t.last.status not in CLOSED]
        return sorted(stories, key=lambda t: t.last.sort_key, reverse=True)

    # Records -----------------------------------------------------------------

    def company_record(self, term: Term) -> CompanyRecord:
        by_status = {s: [b for b in term.briefings if b.status == s] for s in STATUSES}
        denials = [
            (d, b) for b in term.briefings for d in b.denials if self.key("company", d.party) == term.slug
        ]
        return CompanyRecord(by_status, denials)

    def source_record(self, term: Term) -> SourceRecord:
        reported, cited = [], []
        relayed_by, cites = Counter(), Counter()
        took: dict[str, list[int]] = {}
        for b in term.briefings:
            mine = [s for s in b.sources if self.key("source", s.name) == term.slug]
            if mine:
                reported.append(b)
                for s in mine:
                    if s.via:
                        cites[self.term("source", s.via).name] += 1  # one row per outlet, however written
                if b.since is not None:  # the outlet's report (its own date, else the briefing's) to the status
                    report = min((s.date for s in mine if s.date), key=instant, default=b.date)
                    days = (utc_day(b.since) - utc_day(report)).days
                    took.setdefault(b.status, []).append(max(0, days))  # a later report found it settled
            relaying = [self.term("source", s.name).name for s in b.sources
                        if s.via and self.key("source", s.via) == term.slug]
            if relaying:
                cited.append(b)
                relayed_by.update(list(dict.fromkeys(relaying)))  # once per briefing, in a stable order
        return SourceRecord(reported, cited, self.status_counts(reported), relayed_by, cites, took)

    # Related -----------------------------------------------------------------

    def related(self, b: Briefing, limit: int = RELATED_LIMIT) -> list[Briefing]:
        """Briefings sharing the most companies and tags, then the newest.

        Candidates are each shared term's briefings nearest in time to this one
        (RELATED_WINDOW either side), so a company with thousands of briefings
        costs the same as one with ten.
        """
        shared: Counter = Counter()
        for kind, names in (("company", b.companies), ("tag", b.tags)):
            for slug in {self.key(kind, n) for n in names}:
                term = self.terms[kind][slug]
                i = term.position(b)
                shared.update(term.briefings[max(0, i - RELATED_WINDOW) : i + RELATED_WINDOW + 1])
        shared.pop(b, None)
        position = self._position
        ranked = sorted(shared, key=lambda o: (-shared[o], position[id(o)]))
        return ranked[:limit]
