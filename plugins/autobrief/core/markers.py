"""Briefings inside any page: the markers a writer types in a Markdown page of docs/.

    <!-- briefings: company=Xiaomi status=denied limit=5 -->
    <!-- briefing: 2026/02/ford-xiaomi-ev-talks -->

The first lists the briefings that match, newest first; the second shows one
briefing by its address. A key given twice means either value, two keys mean
both. Markers inside fenced code (a guide showing the syntax) are text, not
markers. Every mistake is an error at the marker's line, in the one shape
writers know: ``docs/PAGE.md:LINE: briefings: message``.

Engine-free: a page's text in, markers (or errors) and selections out.
"""

from __future__ import annotations

import difflib
import re
import shlex
from dataclasses import dataclass, field
from datetime import date

from . import addresses
from .briefing import Briefing
from .claims import utc_day
from .errors import BriefingError
from .indexes import Index
from .model import STATUSES
from .registry import FILES as REGISTERED

FIELD = "briefings"  # the field every marker error names
# key -> the index's kind of term it filters on
TERM_KEYS = {"company": "company", "outlet": "source", "tag": "tag", "region": "region",
             "story": "story", "status": "status", "author": "author"}
KEYS = (*TERM_KEYS, "since", "until", "limit", "layout")
LAYOUTS = ("cards", "list")
DEFAULT_LIMIT = 10
MAX_LIMIT = 100  # a page of cards, not a second archive
# Markers the plugin already gave a meaning to: the home page's list, the writers' field reference
# (generated from the schema). They are filled in as they are, not parsed as a selection.
HOME_MARKER = "<!-- briefings:latest -->"
REFERENCE_MARKER = "<!-- briefings:reference -->"
RESERVED = ("latest", "reference")

_OPEN = re.compile(r"<!--\s*(briefings?)\s*:")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+).+?\1")


@dataclass
class Marker:
    """One marker as written: where it is, and what it asks for."""

    start: int  # offsets in the page's text, from "<!--" to past "-->"
    end: int
    line: int
    text: str
    address: str | None = None  # <!-- briefing: YYYY/MM/slug -->
    terms: dict[str, list[str]] = field(default_factory=dict)  # key -> values (either of them)
    since: date | None = None
    until: date | None = None
    limit: int = DEFAULT_LIMIT
    layout: str = "cards"
    errors: list[BriefingError] = field(default_factory=list)  # a marker with any shows them instead


@dataclass
class Found:
    """The markers of one page, right or wrong, and all their errors."""

    markers: list[Marker] = field(default_factory=list)
    errors: list[BriefingError] = field(default_factory=list)


def has_markers(text: str) -> bool:
    """A cheap test before the scan: most pages have no marker."""
    return _OPEN.search(text) is not None


def find_markers(text: str, path: str, index: Index, first_line: int = 1) -> Found:
    """Every marker of a page's Markdown, checked against the index.

    ``first_line`` is the line of the file ``text`` starts at (the engine hands
    over the page without its front matter).
    """
    found = Found()
    for start, line in _openings(text):
        opening = _OPEN.match(text, start)
        end = text.find("-->", opening.end())
        kind, inner = opening.group(1), text[opening.end():end if end >= 0 else len(text)]
        if kind == "briefings" and inner.strip() in RESERVED:
            continue
        line += first_line - 1
        if end < 0:
            found.errors.append(BriefingError(path, line, FIELD, "the marker is not closed: end it with -->"))
            break
        marker = Marker(start, end + 3, line, text[start:end + 3])
        marker.errors = [BriefingError(path, line, FIELD, p) for p in _parse(marker, kind, inner, index)]
        found.markers.append(marker)
        found.errors += marker.errors
    return found


def _openings(text: str):
    """(offset, line) of each "<!-- briefing(s):" outside fenced code and code spans."""
    offset, fence = 0, None
    for number, line in enumerate(text.splitlines(keepends=True), 1):
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence) \
                    and not line.strip()[len(opened.group(1)):].strip():
                fence = None
        elif opened:
            fence = opened.group(1)
        elif "<!--" in line:
            spans = [m.span() for m in _CODE_SPAN.finditer(line)]
            for m in _OPEN.finditer(line):
                if not any(a <= m.start() < b for a, b in spans):
                    yield offset + m.start(), number
        offset += len(line)


def _parse(marker: Marker, kind: str, inner: str, index: Index) -> list[str]:
    """Fill the marker from its words; what is wrong with them, in writers' words."""
    try:
        words = shlex.split(inner)
    except ValueError:
        return ['a value\'s double quote is not closed: write company="Great Wall Motor"']
    if kind == "briefing":
        if len(words) != 1 or "=" in words[0]:
            return ["<!-- briefing: … --> takes one address, e.g. <!-- briefing: 2026/02/ford-xiaomi-ev-talks -->"]
        address = words[0].strip("/")
        if index.by_url(addresses.briefing_at(address)) is None:
            near = difflib.get_close_matches(addresses.briefing_at(address), [b.url for b in index.briefings], 1, 0.8)
            hint = f" (did you mean {near[0][len(addresses.BRIEFINGS):-1]}?)" if near else ""
            return [f"no published briefing has the address {address}{hint}"]
        marker.address = address
        return []
    if not words:
        return ["say which briefings, e.g. <!-- briefings: company=Xiaomi limit=5 -->"]
    problems: list[str] = []
    for word in words:
        key, equals, value = word.partition("=")
        if not equals:
            problems.append(f"'{word}' is not key=value: write e.g. company={word}")
            continue
        if key not in KEYS:
            near = difflib.get_close_matches(key, KEYS, 1)
            hint = f" (did you mean {near[0]}?)" if near else f"; the keys are {', '.join(KEYS)}"
            problems.append(f"unknown key '{key}'{hint}")
            continue
        if not value.strip():
            problems.append(f"{key} is empty: give it a value")
            continue
        problem = _value(marker, key, value, index)
        if problem:
            problems.append(problem)
    if marker.since and marker.until and marker.since > marker.until:
        problems.append(f"since ({marker.since}) is after until ({marker.until})")
    return problems


def _value(marker: Marker, key: str, value: str, index: Index) -> str | None:
    if key in ("since", "until"):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return f"{key}: '{value}' is not a date: write YYYY-MM-DD, e.g. 2026-02-01"
        setattr(marker, key, day)
    elif key == "limit":
        if not value.isdigit() or not 1 <= int(value) <= MAX_LIMIT:
            return f"limit: '{value}' is not a whole number from 1 to {MAX_LIMIT}"
        marker.limit = int(value)
    elif key == "layout":
        if value not in LAYOUTS:
            return f"layout: '{value}' is not one of {', '.join(LAYOUTS)}"
        marker.layout = value
    else:
        kind = TERM_KEYS[key]
        if key == "status" and value not in STATUSES:
            return f"status: '{value}' is not one of {', '.join(STATUSES)}"
        known = index.term(kind, value) is not None or (kind in REGISTERED and index.registry.resolve(kind, value))
        if not known:  # a typo would list nothing, silently: say so, with the nearest name
            names = [t.name for t in index.terms[kind].values()] + [t.slug for t in index.terms[kind].values()]
            near = difflib.get_close_matches(value, names, 1)
            hint = f" (did you mean {near[0]}?)" if near else ""
            return f"{key}: neither a published briefing nor the registry names '{value}'{hint}"
        marker.terms.setdefault(key, []).append(value)
    return None


def select(marker: Marker, index: Index) -> list[Briefing]:
    """The briefings a marker shows, newest first: one by address, or those matching every key."""
    if marker.errors:
        return []
    if marker.address is not None:
        found = index.by_url(addresses.briefing_at(marker.address))
        return [found] if found else []
    allowed = []  # per key, the briefings of any of its values
    for key, values in marker.terms.items():
        ids = set()
        for value in values:
            term = index.term(TERM_KEYS[key], value)
            ids.update(id(b) for b in (term.briefings if term else ()))
        allowed.append(ids)
    chosen = []
    for b in index.briefings:
        if all(id(b) in ids for ids in allowed) and _within(b, marker):
            chosen.append(b)
            if len(chosen) == marker.limit:
                break
    return chosen


def _within(b: Briefing, marker: Marker) -> bool:
    day = utc_day(b.date)
    return (marker.since is None or day >= marker.since) and (marker.until is None or day <= marker.until)
