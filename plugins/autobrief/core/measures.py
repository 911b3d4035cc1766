"""Measures of outlets and companies, from who reported, whom they cite, who denied and how it ended.

Definitions (docs/measures.md says them for readers; the tests compute them on their own):

* A briefing's **originators** are its sources that cite no one (no ``via``), plus every
  outlet named in a ``via`` that is not itself a source of the briefing. A source with a
  ``via`` is a **relay**; following ``via`` from a relay to an originator is its **chain**.
  Its **independent sources** are its distinct originators, after registry resolution: FT and
  "Reuters via FT" is 1; Asahi, Nikkei and "Reuters via Asahi" is 2.
* A claim is **resolved** when its status is confirmed, denied or retracted, **open** when
  reported or disputed.
* An outlet's **hit rate** is confirmed / resolved over the briefings it originated, with its
  95% Wilson score interval; the briefings it only relayed are counted apart.
* **Lead time**: for an originated claim now confirmed, the days from the outlet's report (its
  source's ``date``, else the briefing's) to the claim's confirmation (the start of its current
  run of ``confirmed`` in the history, else ``updated``, else ``date``); never below 0 (an outlet
  that reported it after the confirmation led by nothing). An outlet shows the median.
* A company's **denial record**: the denials it issued; how many are on claims now confirmed
  (contradicted); the median days from the briefing's ``date`` to the denial's ``date`` (denials
  with a date only; negative when the denial came before the briefing).

Outlets and companies are keyed as their pages are: the registry key, else the name's slug.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from statistics import median
from typing import TYPE_CHECKING, Annotated, Optional

from pydantic import BaseModel, ConfigDict, Field

from . import addresses
from .briefing import Briefing
from .claims import utc_day
from .model import instant

if TYPE_CHECKING:
    from .indexes import Index

RESOLVED = ("confirmed", "denied", "retracted")
OPEN = ("reported", "disputed")
Z95 = 1.959963984540054  # the standard normal quantile of 0.975: a two-sided 95% interval
DECIMALS = 4  # of hit rates and intervals in measures.json


def wilson(successes: int, trials: int, z: float = Z95) -> tuple[float, float] | None:
    """The Wilson score interval of a proportion; None when there are no trials."""
    if trials == 0:
        return None
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    spread = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    # At 0 of n the low end is 0, at n of n the high end 1, exactly (not 5.6e-17 of rounding)
    low = 0.0 if successes == 0 else max(0.0, centre - spread)
    high = 1.0 if successes == trials else min(1.0, centre + spread)
    return low, high


@dataclass(eq=False)
class Chain:
    """Who carried one briefing's claim: each outlet once (by key), whom each relay cites, who originated it."""

    names: dict[str, str]  # key -> name as the site shows it, in the order the briefing names them
    cites: list[tuple[str, str]]  # (relay, the outlet it cites): each `via`, once
    originators: list[str]  # keys, in the briefing's order

    @property
    def independent(self) -> int:
        return len(self.originators)

    @property
    def origin_names(self) -> list[str]:
        return [self.names[key] for key in self.originators]

    @property
    def relays(self) -> list[str]:
        return list(dict.fromkeys(relay for relay, _ in self.cites))

    def levels(self) -> dict[str, int]:
        """How far each outlet stands from an originator (0), following `via`: where a drawing puts it.
        Bounded passes: vias that cite each other in a circle end the count, they never loop."""
        level = {key: 0 for key in self.originators}
        for _ in range(len(self.names)):
            for relay, cited in self.cites:
                if relay not in self.originators and cited in level and level.get(relay, -1) < level[cited] + 1:
                    level[relay] = level[cited] + 1
        return {key: min(level.get(key, 1), len(self.names)) for key in self.names}


@dataclass(eq=False)
class OutletMeasure:
    key: str
    name: str
    originated: list[Briefing] = field(default_factory=list)  # newest first
    relayed: list[Briefing] = field(default_factory=list)  # relayed and not originated, newest first
    lead_days: list[int] = field(default_factory=list)

    def count(self, *statuses: str, relayed: bool = False) -> int:
        return sum(b.status in statuses for b in (self.relayed if relayed else self.originated))

    @property
    def resolved(self) -> int:
        return self.count(*RESOLVED)

    @property
    def confirmed(self) -> int:
        return self.count("confirmed")

    @property
    def hit_rate(self) -> float | None:
        return self.confirmed / self.resolved if self.resolved else None

    @property
    def interval(self) -> tuple[float, float] | None:
        return wilson(self.confirmed, self.resolved)

    @property
    def median_lead_days(self) -> float | None:
        return float(median(self.lead_days)) if self.lead_days else None

    def as_json(self) -> dict:
        rate, interval = self.hit_rate, self.interval
        return {
            "name": self.name, "originated": len(self.originated), "relayed": len(self.relayed),
            "confirmed": self.confirmed, "denied": self.count("denied"), "retracted": self.count("retracted"),
            "open": self.count(*OPEN),
            "hit_rate": None if rate is None else round(rate, DECIMALS),
            "interval": None if interval is None else [round(interval[0], DECIMALS), round(interval[1], DECIMALS)],
            "median_lead_days": self.median_lead_days,
            "relayed_confirmed": self.count("confirmed", relayed=True),
        }


@dataclass(eq=False)
class CompanyMeasure:
    key: str
    name: str
    denials: int = 0
    contradicted: int = 0  # denials on claims whose status is now confirmed
    days: list[int] = field(default_factory=list)  # briefing's date to the denial's, for dated denials

    @property
    def median_days_to_denial(self) -> float | None:
        return float(median(self.days)) if self.days else None

    def as_json(self) -> dict:
        return {"name": self.name, "denials": self.denials, "contradicted": self.contradicted,
                "median_days_to_denial": self.median_days_to_denial}


class Measures:
    """Every outlet's and company's measures and every briefing's chain, in one pass over the index."""

    def __init__(self, index: Index):
        self.briefings = index.briefings
        self.chains: dict[int, Chain] = {}
        self.outlets: dict[str, OutletMeasure] = {
            key: OutletMeasure(key, term.name) for key, term in sorted(index.terms["source"].items())}
        self.companies: dict[str, CompanyMeasure] = {
            key: CompanyMeasure(key, term.name) for key, term in sorted(index.terms["company"].items())}
        for b in index.briefings:  # newest first: each outlet's lists are too
            chain = self.chains[id(b)] = chain_of(b, index)
            self._count_outlets(b, chain, index)
            for d in b.denials:
                company = self.companies.get(index.key("company", d.party))
                if company is None:
                    continue  # a party that is no company of the site (a ministry, a spokesperson)
                company.denials += 1
                company.contradicted += b.status == "confirmed"
                if d.date is not None:
                    company.days.append((utc_day(d.date) - utc_day(b.date)).days)

    def _count_outlets(self, b: Briefing, chain: Chain, index: Index) -> None:
        for key in chain.originators:
            outlet = self.outlets[key]
            outlet.originated.append(b)
            if b.status == "confirmed":
                own = [s.date for s in b.sources if s.date and index.key("source", s.name) == key]
                report = min(own, key=instant) if own else b.date
                confirmed = b.since or b.updated or b.date
                outlet.lead_days.append(max(0, (utc_day(confirmed) - utc_day(report)).days))
        for key in chain.relays:
            if key not in chain.originators:
                self.outlets[key].relayed.append(b)

    def chain(self, b: Briefing) -> Chain:
        return self.chains[id(b)]

    def as_json(self) -> dict:
        return {
            "outlets": {key: m.as_json() for key, m in self.outlets.items()},
            "companies": {key: m.as_json() for key, m in self.companies.items()},
            "briefings": {b.url: {"independent_sources": self.chains[id(b)].independent,
                                  "originators": self.chains[id(b)].originators}
                          for b in sorted(self.briefings, key=lambda b: b.url)},
        }


def chain_of(b: Briefing, index: Index) -> Chain:
    names: dict[str, str] = {}
    cites: list[tuple[str, str]] = []
    direct: list[str] = []  # sources that cite no one
    sources: list[str] = []
    for s in b.sources:
        key = index.key("source", s.name)
        names.setdefault(key, index.terms["source"][key].name)
        sources.append(key)
        if s.via:
            cited = index.key("source", s.via)
            names.setdefault(cited, index.terms["source"][cited].name)
            if (key, cited) not in cites:
                cites.append((key, cited))
        else:
            direct.append(key)
    named = set(sources)
    originators = direct + [cited for _, cited in cites if cited not in named]
    return Chain(names, cites, list(dict.fromkeys(originators)))


# measures.json, as its JSON Schema (measures.schema.json, beside it) describes it.
class _Fixed(BaseModel):
    model_config = ConfigDict(extra="forbid")


Count = Annotated[int, Field(ge=0)]
Share = Annotated[float, Field(ge=0, le=1)]


class OutletJson(_Fixed):
    """An outlet's measures over the briefings it originated (its relayed ones apart)."""

    name: str = Field(description="The outlet as the site names it")
    originated: Count = Field(description="Briefings it originated: a source citing no one, or named in a via")
    relayed: Count = Field(description="Briefings it only relayed (a source with via, not an originator there)")
    confirmed: Count = Field(description="Originated briefings now confirmed")
    denied: Count = Field(description="Originated briefings now denied")
    retracted: Count = Field(description="Originated briefings now retracted")
    open: Count = Field(description="Originated briefings now reported or disputed")
    hit_rate: Optional[Share] = Field(description="confirmed / (confirmed + denied + retracted), 4 decimals; "
                                                  "null without a resolved originated claim")
    interval: Optional[Annotated[list[Share], Field(min_length=2, max_length=2)]] = Field(
        description="The hit rate's 95% Wilson score interval [low, high], 4 decimals; null with hit_rate")
    median_lead_days: Optional[float] = Field(description="Median days from the outlet's report to the "
                                                          "confirmation, over its originated confirmed claims")
    relayed_confirmed: Count = Field(description="Relayed briefings now confirmed")


class CompanyJson(_Fixed):
    """A company's denial record."""

    name: str = Field(description="The company as the site names it")
    denials: Count = Field(description="Denials it issued")
    contradicted: Count = Field(description="Of those, denials on claims now confirmed")
    median_days_to_denial: Optional[float] = Field(description="Median days from the briefing's date to the "
                                                               "denial's, over dated denials")


class BriefingJson(_Fixed):
    independent_sources: Count = Field(description="Distinct originators of the claim")
    originators: list[str] = Field(description="Their keys, in the briefing's order")


class MeasuresJson(_Fixed):
    """measures.json: outlets and companies by key (the registry key, else the name's slug), briefings by path."""

    outlets: dict[str, OutletJson]
    companies: dict[str, CompanyJson]
    briefings: dict[str, BriefingJson]


def measures_schema(site_url: str) -> dict:
    schema = MeasuresJson.model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": site_url + addresses.MEASURES_SCHEMA,
            "title": "Autobrief measures (measures.json)", **{k: v for k, v in schema.items() if k != "title"}}


def measures_files(index: Index, site_url: str, cache=None) -> dict[str, bytes]:
    """measures.json and its schema, by path at the site root; the same briefings always give the same bytes."""
    def text(data) -> bytes:
        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

    key = (site_url, index.registry.digest, tuple(b.serial for b in index.briefings))
    made = {addresses.MEASURES: lambda: text(index.measures.as_json()),
            addresses.MEASURES_SCHEMA: lambda: text(measures_schema(site_url))}
    return {path: cache.get(path, key, make) if cache is not None else make() for path, make in made.items()}
