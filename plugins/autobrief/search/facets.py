"""What search knows of each briefing: its filter values, what a result shows, and the browse data.

A briefing's facets are needed three times a build (its page's hidden Pagefind
block, the browse data and, under ``serve --dirty``, its page's fingerprint),
so a :class:`Facets` made for one build's index works them out once each.
"""

from __future__ import annotations

import json
from datetime import timezone
from typing import Iterable

from markupsafe import Markup, escape

from ..core.addresses import SEARCH_DATA
from ..core.briefing import Briefing
from ..core.indexes import Index
from ..core.model import STATUSES
from ..render import STATUS_ICONS

FORMAT = 2  # version of the browse data: 2 names the records' fields and carries the status icons
CHUNK = 8  # briefings per records file: a page of 10 results fetches a few small files

# Filter keys, in the order of the facets on the search page.
KINDS: tuple[tuple[str, str], ...] = (
    ("status", "Status"), ("company", "Company"), ("source", "Source"),
    ("region", "Region"), ("tag", "Tag"), ("year", "Year"),
)
# What a result shows, in the order of a records row; all but the URL are also Pagefind metadata.
FIELDS = ("url", "title", "date", "iso", "status", "summary", "companies")


class Facets:
    """The filter values and result fields of one build's briefings, each worked out once."""

    def __init__(self, index: Index):
        self.index = index
        self._of: dict[int, dict[str, list[str]]] = {}  # id(briefing): the index holds every one

    def names(self, kind: str, names: Iterable[str]) -> list[str]:
        """Each name as its term page spells it (Ford for FORD), once, in the briefing's order."""
        out: list[str] = []
        for name in names:
            term = self.index.term(kind, name)
            canonical = term.name if term else name
            if canonical not in out:
                out.append(canonical)
        return out

    def of(self, b: Briefing) -> dict[str, list[str]]:
        """Every filter value of one briefing, by key."""
        facets = self._of.get(id(b))
        if facets is None:
            sources: list[str] = []
            for s in b.sources:
                sources += [s.name] + ([s.via] if s.via else [])
            facets = self._of[id(b)] = {
                "status": [b.status],
                "company": self.names("company", b.companies),
                "source": self.names("source", sources),
                "region": self.names("region", b.regions),
                "tag": self.names("tag", b.tags),
                "year": [str(b.date.year)],
            }
        return facets

    def shown(self, b: Briefing) -> dict[str, str]:
        """What a result shows, by field (FIELDS): the same from Pagefind and from the browse data."""
        return {
            "url": b.url, "title": b.title, "date": f"{b.date.day} {b.date:%B %Y}", "iso": b.date.isoformat(),
            "status": b.status, "summary": b.summary_text or "", "companies": ", ".join(self.of(b)["company"]),
        }


def sort_key(b: Briefing) -> str:
    """The publication instant in UTC, then the file: sorts as text in the listings' order."""
    return b.published.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") + " " + b.path


def pagefind_markup(b: Briefing, facets: Facets) -> Markup:
    """A hidden block of Pagefind filters, metadata and sort for one briefing.

    Values sit in attributes (``key:value``, one per element, so commas are safe),
    escaped like any attribute; the block adds no text to the page.
    """
    parts = []

    def tag(attr: str, key: str, value: str) -> None:
        parts.append(f'<span data-pagefind-{attr}="{escape(key)}:{escape(value)}"></span>')

    for key, value in facets.shown(b).items():
        if value and key != "url":  # Pagefind knows the page's URL
            tag("meta", key, value)
    for key, values in facets.of(b).items():
        for value in values:
            tag("filter", key, value)
    tag("sort", "date", sort_key(b))
    return Markup(f'<div class="ab-pagefind" hidden data-pagefind-ignore>{"".join(parts)}</div>')


def browse_data(facets: Facets) -> dict[str, bytes]:
    """The files that answer filter-only views, by path under the site root.

    Pagefind's own filter-only search loads its whole word index (megabytes at
    10,000 briefings); these small files answer it instead:

    * ``search/facets.json``: every filter value with its count (a value's number
      is its position in its list), the statuses' descriptions and icons, the
      records' field names, and the layout;
    * ``search/terms/<key>/<n>.json``: one value's briefings (numbers, newest
      first, as deltas) and, for every other value, how many of them it shares;
    * ``search/terms/<key>/<n>.rows.json``: the same briefings with all their
      values, to intersect two or more filters in the browser;
    * ``search/records/<k>.json``: what a result shows (rows of FIELDS) for
      briefings k*CHUNK to k*CHUNK+CHUNK-1.

    Briefing numbers are positions in the index's order, newest first.
    """
    briefings = facets.index.briefings
    per = [facets.of(b) for b in briefings]
    values: dict[str, list[str]] = {}
    members: dict[str, dict[str, list[int]]] = {}
    for kind, _ in KINDS:
        groups: dict[str, list[int]] = {}
        for i, values_of in enumerate(per):
            for value in values_of[kind]:
                groups.setdefault(value, []).append(i)
        if kind == "status":
            order = list(STATUSES)
        elif kind == "year":
            order = sorted(groups, reverse=True)
        else:
            order = sorted(groups, key=lambda v: (-len(groups[v]), v.casefold(), v))
        values[kind] = order
        members[kind] = {v: groups.get(v, []) for v in order}
    number = {kind: {v: n for n, v in enumerate(values[kind])} for kind in values}
    vectors = [[[number[kind][v] for v in values_of[kind]] for kind, _ in KINDS] for values_of in per]

    out: dict[str, bytes] = {}
    out[f"{SEARCH_DATA}/facets.json"] = _json({
        "format": FORMAT, "count": len(briefings), "chunk": CHUNK,
        "kinds": [[kind, label] for kind, label in KINDS],
        "values": {kind: [[v, len(members[kind][v])] for v in values[kind]] for kind, _ in KINDS},
        "statuses": dict(STATUSES),
        "icons": {status: STATUS_ICONS[status] for status in STATUSES},
        "fields": list(FIELDS),
    })
    for kind, _ in KINDS:
        for n, value in enumerate(values[kind]):
            ids = members[kind][value]
            counts: dict[str, dict[int, int]] = {other: {} for other, _ in KINDS}
            for i in ids:
                for j, (other, _) in enumerate(KINDS):
                    for m in vectors[i][j]:
                        counts[other][m] = counts[other].get(m, 0) + 1
            deltas = [b - a for a, b in zip([0] + ids, ids)] if ids else []
            if ids:
                deltas[0] = ids[0]
            out[f"{SEARCH_DATA}/terms/{kind}/{n}.json"] = _json({
                "count": len(ids), "ids": deltas,
                # flat pairs: value number, count
                "counts": {other: [x for m in sorted(c) for x in (m, c[m])] for other, c in counts.items()},
            })
            out[f"{SEARCH_DATA}/terms/{kind}/{n}.rows.json"] = _json([[i, *vectors[i]] for i in ids])
    for start in range(0, len(briefings), CHUNK):
        # Rows rather than objects: the field names are said once, in facets.json.
        out[f"{SEARCH_DATA}/records/{start // CHUNK}.json"] = _json([
            [shown[field] for field in FIELDS]
            for shown in map(facets.shown, briefings[start:start + CHUNK])
        ])
    return out


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
