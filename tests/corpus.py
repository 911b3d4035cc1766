"""A varied corpus of briefings for listing tests, written as plain dicts.

Tests compute what every page should show from these dicts alone (never from
autobrief.core), so a bug in the indexes cannot hide behind itself.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import yaml

STATUSES = ["reported", "denied", "disputed", "confirmed", "retracted"]
# Spelling variants on purpose: "Ford", "FORD" and "ford" are one company; "Ford" is the most used.
COMPANIES = ["Ford", "Ford", "Ford", "FORD", "ford", "Xiaomi", "BYD", "Volkswagen", "Tesla", "Toyota", "Škoda", "Rivian", "小米"]
REGIONS = ["US", "China", "EU", "Germany", "India", "Japan", "Norway"]
TAGS = ["electric-vehicles", "partnerships", "tariffs", "batteries", "software", "plants", "Batteries"]
OUTLETS = [("Financial Times", None), ("Reuters", "Financial Times"), ("Bloomberg", None), ("Handelsblatt", None),
           ("Automotive News", "Bloomberg"), ("Nikkei", None), ("Reuters", "Nikkei")]
STORIES = {
    # story -> statuses of its briefings, oldest first
    "tesla-india-plant": ["reported", "denied", "disputed", "confirmed"],
    "vw-rivian-software": ["reported", "reported", "confirmed"],
    "byd-europe-factory": ["reported", "disputed", "denied", "reported"],
    "toyota-solid-state": ["reported", "retracted", "reported"],
}


def make_corpus(n_single: int = 22, seed: int = 7) -> list[dict]:
    """Briefings as dicts: 'path' (under briefings/), 'front' (front matter) and 'body'."""
    rnd = random.Random(seed)
    start = date(2025, 11, 3)
    items: list[dict] = []
    day = 0
    for story, statuses in STORIES.items():
        company = {"tesla-india-plant": "Tesla", "vw-rivian-software": "Volkswagen",
                   "byd-europe-factory": "BYD", "toyota-solid-state": "Toyota"}[story]
        for i, status in enumerate(statuses):
            day += rnd.randint(3, 9)
            items.append(_briefing(rnd, f"{story}-{i + 1}", start + timedelta(days=day), status, story, company))
    for i in range(n_single):
        status = STATUSES[i % len(STATUSES)]
        items.append(_briefing(rnd, f"single-{i + 1:02d}", start + timedelta(days=rnd.randint(0, 140)), status, None, None))
    return items


def _briefing(rnd, slug, when: date, status, story, company) -> dict:
    companies = [company] if company else []
    companies += [c for c in rnd.sample(COMPANIES, rnd.randint(1, 3)) if c.casefold() not in {x.casefold() for x in companies}]
    outlets = rnd.sample(OUTLETS, rnd.randint(1, 3))
    sources, seen = [], set()
    for name, via in outlets:
        if name in seen:
            continue
        seen.add(name)
        source = {"name": name}
        if via and rnd.random() < 0.8:
            source["via"] = via
        if rnd.random() < 0.5:
            source["url"] = f"https://news.example.com/{slug}/{len(sources)}"
        sources.append(source)
    front = {
        "title": f"{companies[0]}: {slug.replace('-', ' ')} ({status})",
        "date": when,
        "status": status,
        "summary": f"Summary of {slug}.",
        "companies": companies,
        "regions": rnd.sample(REGIONS, rnd.randint(1, 2)),
        "tags": rnd.sample(TAGS, rnd.randint(1, 3)),
        "sources": sources,
    }
    if status in ("denied", "disputed"):
        front["denials"] = [{"party": companies[0], "statement": f"{companies[0]} denied {slug}.", "date": when}]
    if story:
        front["story"] = story
    return {"path": f"{when:%Y/%m}/{slug}.md", "front": front, "body": f"Body of {slug}.\n", "slug": slug}


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):  # plain YAML, as a writer types it
        return True


def write_corpus(folder, items: list[dict]) -> None:
    for item in items:
        path = folder / item["path"]
        path.parent.mkdir(parents=True, exist_ok=True)
        text = "---\n" + yaml.dump(item["front"], Dumper=_Dumper, allow_unicode=True, sort_keys=False) + "---\n" + item["body"]
        path.write_text(text, encoding="utf-8")
