"""Page plans: what every page the site makes shows, decided from the index alone.

A plan is a plain object: its URL, title, description, breadcrumbs and the
sections it holds, listed once, so that a page's table of contents and its
template are made from the same list and cannot disagree. The engine adapter
keeps one map of plans (source file -> plan) and turns each into a page;
render/ turns a plan into HTML. Nothing here imports an engine or renders.
"""

from __future__ import annotations

from ..core.errors import BriefingError
from ..core.indexes import Index
from ..core.preview import error_pages
from .base import Chart, Section, StoryDrawing
from .briefing import BriefingPlan, plan_briefing
from .errors import ErrorPlan
from .listings import ListingPlan, home_plan, plan_listings

Plan = BriefingPlan | ListingPlan | ErrorPlan


def plan_site(index: Index, *, per_page: int, errors: list[BriefingError] = (), folder: str = "") -> dict[str, Plan]:
    """Every page the plugin makes, by source file: briefings first (MkDocs writes them
    in this order, and search starts once they are on disk), then error pages, then listings."""
    plans: dict[str, Plan] = {}
    for b in index.briefings:
        plan = plan_briefing(b, index)
        plans[plan.src_uri] = plan
    taken = {b.url for b in index.briefings}
    for url, found in error_pages(list(errors), folder, taken).items():
        plan = ErrorPlan(url, found)
        plans.setdefault(plan.src_uri, plan)
    for plan in plan_listings(index, per_page):
        plans[plan.src_uri] = plan
    return plans


__all__ = [
    "BriefingPlan", "Chart", "ErrorPlan", "ListingPlan", "Plan", "Section", "StoryDrawing",
    "home_plan", "plan_briefing", "plan_listings", "plan_site",
]
