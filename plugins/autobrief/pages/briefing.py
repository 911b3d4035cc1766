"""The plan of a briefing's page: its place in the archive, its story and its sections."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core import addresses
from ..core.briefing import Briefing
from ..core.claims import Change, Watched, correction_id, history_id, watch_id
from ..core.indexes import Index
from .base import HOME, Crumb, Section

TITLE_ID, CLAIM_ID = "briefing-title", "claim"  # in the page's header (briefing-head.html)
# Corrections follow the body, where readers of news sites look for them (the header says
# "Corrected" and links here); then how the status moved, then the evidence.
CORRECTIONS = Section("corrections", "Corrections")
HISTORY = Section("history", "Status history")
SOURCES = Section("sources", "Sources")
DENIALS = Section("denials", "Denials")
WATCH = Section("watch", "What to watch")
ANSWERED = Section("answered", "What this briefing answered")
ABOUT = Section("about", "About")
STORY = Section("story", "In this story")
RELATED = Section("related", "Related briefings")
# every section a briefing page may have, in order
SECTIONS = (CORRECTIONS, HISTORY, SOURCES, DENIALS, WATCH, ANSWERED, ABOUT, STORY, RELATED)


def source_ids(count: int) -> list[str]:
    """The ids of a page's sources, source-1 to source-N (briefing-foot.html), which "via" links point at."""
    return [f"source-{n}" for n in range(1, count + 1)]


@dataclass(eq=False)
class BriefingPlan:
    briefing: Briefing
    src_uri: str  # from the file's place in the briefings folder (addresses.briefing_source)
    older: Briefing | None = None  # the story's previous briefing
    newer: Briefing | None = None
    related: list[Briefing] = field(default_factory=list)
    crumbs: list[Crumb] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)  # after the body, in page order
    history: list[Change] = field(default_factory=list)  # its status changes, oldest first
    watched: list[Watched] = field(default_factory=list)  # its watch items, with what answered them
    answered: list[Watched] = field(default_factory=list)  # other briefings' items that this one answered
    citations: list = field(default_factory=list)  # per source: the source of this briefing its `via` names, or None
    chain: object = None  # who cites whom, and who originated it (core.measures.Chain)

    @property
    def url(self) -> str:
        return self.briefing.url

    @property
    def title(self) -> str:
        return self.briefing.title

    @property
    def description(self) -> str:
        return self.briefing.summary_text

    @property
    def draft(self) -> bool:
        return self.briefing.front.draft

    @property
    def anchors(self) -> set[str]:
        """Every id the plugin's own parts of the page carry (a body heading must not take one)."""
        b = self.briefing
        ids = {TITLE_ID, *(s.anchor for s in self.sections), *source_ids(len(b.sources))}
        ids |= {history_id(n) for n in range(1, len(b.front.history) + 1)}
        ids |= {correction_id(n) for n in range(1, len(b.front.corrections) + 1)}
        ids |= {watch_id(n) for n in range(1, len(b.front.watch) + 1)}
        return ids | ({CLAIM_ID} if b.claim else set())


def plan_briefing(b: Briefing, index: Index) -> BriefingPlan:
    older, newer = index.story_neighbours(b)
    related = index.related(b)
    year, month = b.date.year, b.date.month
    crumbs = [HOME, ("Archive", addresses.ARCHIVE), (str(year), addresses.year(year)),
              (f"{b.date:%B}", addresses.month(year, month)), (b.title, None)]
    claims = index.claims
    answered = claims.answered(b)
    present = (
        (CORRECTIONS, b.front.corrections),
        (HISTORY, b.front.history),
        (SOURCES, True),
        (DENIALS, b.denials),
        (WATCH, b.watch),
        (ANSWERED, answered),
        (ABOUT, b.companies or b.regions or b.tags or b.story),
        (STORY, b.story and (older or newer)),
        (RELATED, related),
    )
    sections = [section for section, shown in present if shown]
    return BriefingPlan(b, addresses.briefing_source(b.source), older, newer, related, crumbs, sections,
                        claims.history_of(b), claims.watched(b), answered, [index.citing(b, s) for s in b.sources],
                        index.measures.chain(b))
