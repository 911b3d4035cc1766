"""The plan of a briefing's page: its place in the archive, its story and its sections."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core import addresses
from ..core.briefing import Briefing
from ..core.indexes import Index
from .base import HOME, Crumb, Section

TITLE_ID, CLAIM_ID = "briefing-title", "claim"  # in the page's header (briefing-head.html)
SOURCES = Section("sources", "Sources")
DENIALS = Section("denials", "Denials")
WATCH = Section("watch", "What to watch")
ABOUT = Section("about", "About")
STORY = Section("story", "In this story")
RELATED = Section("related", "Related briefings")
SECTIONS = (SOURCES, DENIALS, WATCH, ABOUT, STORY, RELATED)  # every section a briefing page may have, in order


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
        ids = {TITLE_ID, *(s.anchor for s in self.sections), *source_ids(len(self.briefing.sources))}
        return ids | ({CLAIM_ID} if self.briefing.claim else set())


def plan_briefing(b: Briefing, index: Index) -> BriefingPlan:
    older, newer = index.story_neighbours(b)
    related = index.related(b)
    year, month = b.date.year, b.date.month
    crumbs = [HOME, ("Archive", addresses.ARCHIVE), (str(year), addresses.year(year)),
              (f"{b.date:%B}", addresses.month(year, month)), (b.title, None)]
    present = (
        (SOURCES, True),
        (DENIALS, b.denials),
        (WATCH, b.watch),
        (ABOUT, b.companies or b.regions or b.tags or b.story),
        (STORY, b.story and (older or newer)),
        (RELATED, related),
    )
    sections = [section for section, shown in present if shown]
    return BriefingPlan(b, addresses.briefing_source(b.source), older, newer, related, crumbs, sections)
