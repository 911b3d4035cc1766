"""Property tests: generated front matter, valid and broken, through the core and real builds.

Generated files are written as YAML (yaml.safe_dump, sometimes hand-mangled)
under briefings/YYYY/MM/ with unique, safe names. What is valid is decided
here, from the contract, never by asking autobrief.core.

Properties:
  (a) no traceback, ever;
  (b) a broken file is named as `path:line: field: message`, on one line, with
      the field that was broken;
  (c) every file is published (or a draft) or named in an error: nothing is lost;
  (d) a valid file publishes exactly its front matter: the page's h1 is the
      title, the dataset's record equals the front matter;
  (e) the model and the published JSON Schema agree on validity.

Contract v1.1 is generated too: `history`, `corrections` and watch entries as mappings
(`item`, `due`, `resolved`, `by`), valid and broken; a valid `by` names another valid file of
the same batch (by its address YYYY/MM/slug), one that is published whenever the naming one is.

Each property prints how many examples ran (pytest -s shows it).
"""

from __future__ import annotations

import json
import re
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from autobrief.core import load_corpus
from autobrief.core.model import FrontMatter
from autobrief.core.schema import json_schema
from conftest import build, make_project

STATUSES = ["reported", "denied", "disputed", "confirmed", "retracted"]
FIELDS = ["title", "date", "updated", "status", "claim", "summary", "companies", "regions", "tags", "story",
          "sources", "denials", "watch", "authors", "draft", "slug",
          "history", "corrections"]  # v1.1
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
# Unicode White_Space: what "after trimming" means in the contract.
WHITE_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"
ERROR_LINE = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+): (?P<field>[^\n]+?): (?P<message>[^\n]+)$")
LOG_LINE = re.compile(r"^(INFO|WARNING|ERROR|DEBUG)\s+-  ")

# Fixed examples (derandomize, no database): every run tries the same inputs.
SCHEMA = settings(max_examples=300, derandomize=True, database=None, deadline=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
# Batches of files write to disk (and builds take seconds): no shrinking, so that a failure costs
# seconds, not minutes. The assertion names each file, its kind and its field, one line per problem.
CORE = settings(SCHEMA, phases=[Phase.explicit, Phase.generate])
SINGLES = settings(CORE, max_examples=15)  # for each kind of broken file
BUILDS = settings(CORE, max_examples=12,
                  suppress_health_check=[*CORE.suppress_health_check, HealthCheck.filter_too_much])

pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")

RUNS: Counter = Counter()  # property -> examples run
KINDS: Counter = Counter()  # (property, kind of file) -> files generated


def _noncharacter(char: str) -> bool:
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def trim(text: str) -> str:
    return text.strip(WHITE_SPACE)


# Names and titles show visible text and hold no bidi control (U+202A-U+202E, U+2066-U+2069);
# names that differ only by default-ignorable characters are one name (Unicode 15 tables).
BIDI = set(map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))
DEFAULT_IGNORABLE = set(map(chr, [
    0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, *range(0x180B, 0x1810), *range(0x200B, 0x2010),
    *range(0x202A, 0x202F), *range(0x2060, 0x2070), 0x3164, *range(0xFE00, 0xFE10), 0xFEFF, 0xFFA0,
    *range(0xFFF0, 0xFFF9), *range(0x1BCA0, 0x1BCA4), *range(0x1D173, 0x1D17B), *range(0xE0000, 0xE1000)]))
BLANK = DEFAULT_IGNORABLE | set(map(chr, [0x2800, *range(0xFFF9, 0xFFFC), *range(0x13430, 0x13440)]))


def shows(text: str) -> bool:
    return any(unicodedata.category(c) not in ("Cc", "Cf", "Zs", "Zl", "Zp") and c not in BLANK for c in text)


def same_name(a: str, b: str) -> bool:
    bare = lambda s: "".join(c for c in trim(s) if c not in DEFAULT_IGNORABLE).casefold()  # noqa: E731
    return bare(a) == bare(b)


def fits_an_address(text: str) -> bool:
    """A name's slug is at most 200 bytes: bounded by its NFKD case-folded UTF-8 (the slug only drops or merges)."""
    return len(unicodedata.normalize("NFKD", trim(text).casefold()).encode("utf-8")) <= 200


def shown_length(text: str) -> int:
    return len(unicodedata.normalize("NFC", trim(text)))


# --- strategies ---------------------------------------------------------------------------

FRAGMENTS = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '" onmouseover="alert(1)', "'", '"', "&amp;", "&",
    "<", ">", "</", "]]>", "-->", "{{ 7*7 }}", "{% for x in range(3) %}x{% endfor %}", "{{ config }}", "#", ": ", "- ",
    "---", "...", "!!python/object/apply:os.system", "*a", "&a", "%", "@", "`", "|", ">-", "[", "]", "{", "}", ",",
    "?", "\\", "\t", "\n", "\r\n", " ", "\u00a0", "\u2028", "\u202e", "\ufeff", "yes",
    "NO", "null", "~", "true", "1e3", "0x1F", "2026-02-02", "小米", "Škoda", "😀", "Ford", "Reuters",
]


@dataclass(frozen=True)
class Sizes:
    """How big generated values get: the core takes the full size; a build of 20 files, a leaner one
    (Hypothesis caps the data behind one example)."""

    parts: int  # fragments or random runs per text
    chars: int  # characters per random run
    items: int  # entries per list field
    optional: int  # optional fields per front matter
    sources: int

    @property
    def raw_text(self) -> st.SearchStrategy:
        # Control characters and noncharacters are refused by the model (test_hostile.py covers them).
        chars = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")).filter(lambda c: not _noncharacter(c))
        return st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(chars, max_size=self.chars)),
                        max_size=self.parts).map("".join)

    @property
    def name(self) -> st.SearchStrategy:
        # Not a filter: one that fails three times running discards the whole example, and a batch draws
        # hundreds of names (Hypothesis draws "" often); a text that is no name gives way to a fragment that is.
        return st.tuples(self.raw_text, st.sampled_from(NAME_FRAGMENTS)).map(lambda t: t[0] if is_name(t[0]) else t[1])


def is_name(s: str) -> bool:
    return trim(s) != "" and len(s) < 80 and shows(s) and not BIDI & set(s) and fits_an_address(s)


def is_title(s: str) -> bool:
    return 1 <= len(trim(s)) <= 200 and shown_length(s) <= 200 and shows(s) and not BIDI & set(s)


NAME_FRAGMENTS = [f for f in FRAGMENTS if is_name(f)]


FULL = Sizes(parts=6, chars=12, items=3, optional=12, sources=3)
LEAN = Sizes(parts=3, chars=6, items=2, optional=6, sources=2)
raw_text = FULL.raw_text
name = FULL.name
slug = st.lists(st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=6), min_size=1, max_size=3).map("-".join)
offsets = st.integers(-23 * 60 - 59, 23 * 60 + 59).map(lambda m: timezone(timedelta(minutes=m)))
plain_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31))  # the years the site accepts
aware = st.builds(lambda d, t, tz: datetime.combine(d, t, tzinfo=tz), plain_dates,
                  st.times(), offsets).filter(lambda d: _in_range(d))
when = st.one_of(plain_dates, aware)
hosts = st.lists(st.text("abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=8), min_size=1, max_size=3).map(".".join)
url_path = st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#[]@!$&'()*+,;=%\"<>{}|^`",
                   max_size=30)
good_url = st.builds(lambda scheme, host, path: f"{scheme}://{host}/{path}",
                     st.sampled_from(["http", "https", "HTTPS", "Http"]), hosts, url_path)
BAD_URLS = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "  javascript:alert(1)", "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>", "//host/path", "/relative", "relative/path", "../up",
            "ftp://example.com/", "https://", "https://exa mple.com/", "mailto:a@example.com", ""]
bad_url = st.one_of(st.sampled_from(BAD_URLS),
                    st.builds(lambda s, rest: f"{s}:{rest}", st.text("abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=10)
                              .filter(lambda s: s not in ("http", "https")), url_path))
BAD_DATES = ["2026-02-30", "2026-13-01", "last Monday", "02/02/2026", "2026-02-02T10:00:00", "2026", "", "tomorrow",
             "2026-02-02T25:00:00+00:00", "2026-W05"]
bad_when = st.one_of(st.sampled_from(BAD_DATES), st.text("abcdefghijklmnopqrstuvwxyz ", min_size=1, max_size=12),
                     st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2100, 1, 1)))  # no offset
BAD_STATUSES = ["deniedd", "denied\n", "Denied", "", "denied\nERROR    -  briefings/forged.md:1: title: forged", "confirmed "]
bad_slug = st.one_of(st.sampled_from(["../etc", "ford\n", "..", "a/../b", "a/b", "Ford", "a--b", "-a", "a-", "a b", ""]),
                     raw_text.filter(lambda s: not SLUG.fullmatch(s)))
not_text = st.one_of(st.integers(-10**6, 10**6), st.floats(allow_nan=False), st.booleans(), st.none(),
                     st.lists(st.integers(), max_size=2), st.dictionaries(st.sampled_from("ab"), st.integers(), max_size=1),
                     plain_dates)


def _in_range(value: datetime) -> bool:
    try:
        value.astimezone(timezone.utc)
        return True
    except OverflowError:
        return False


@st.composite
def source(draw, z: Sizes = FULL) -> dict:
    raw_text, name = z.raw_text, z.name
    out = {"name": draw(name)}
    if draw(st.booleans()):
        out["url"] = draw(good_url)
    if draw(st.booleans()):
        out["title"] = draw(raw_text)
    if draw(st.booleans()):
        out["date"] = draw(when)
    if draw(st.booleans()):
        via = draw(name)
        if not same_name(via, out["name"]):
            out["via"] = via
    return out


@st.composite
def denial(draw, z: Sizes = FULL) -> dict:
    name = z.name
    out = {"party": draw(name), "statement": draw(name)}
    if draw(st.booleans()):
        out["date"] = draw(when)
    if draw(st.booleans()):
        out["url"] = draw(good_url)
    return out


def later(value: date, days: int) -> date:
    """``value`` moved ``days`` later (or earlier), keeping its kind, or itself when out of range."""
    try:
        moved = value + timedelta(days=days)
    except OverflowError:
        return value
    return moved if 1900 <= moved.year <= 2999 else value


# --- v1.1: dates in order, whatever their kinds ----------------------------------------------
# A bare date spans its day (UTC); an offset moves a time's instant by less than a day either way.
# So two dates three days apart or more are in that order whatever their kinds, and two of one kind
# (a time keeping its offset) compare as written. The generator only makes dates whose order is one
# of these: it never asks whether 2026-02-02 is before 2026-02-02T23:00:00-10:00.

def shifted(value: date, delta: timedelta) -> date | None:
    """``value`` moved by ``delta``, keeping its kind (a time keeps its offset); None out of 1900-2999."""
    try:
        moved = value + delta
    except OverflowError:
        return None
    return moved if 1900 <= moved.year <= 2999 else None


def day_of(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


@st.composite
def on_day(draw, day: date) -> date:
    """``day``, as a bare date or as any time of it with any offset."""
    if draw(st.booleans()):
        return day
    return datetime.combine(day, draw(st.times()), tzinfo=draw(offsets))


@st.composite
def on_or_after(draw, base: date) -> date:
    """A date the contract cannot read as earlier than ``base`` (and whose instant is not earlier)."""
    how = draw(st.sampled_from(["same", "later", "offset", "days"]))
    if how == "same":
        return base
    if how == "later":  # the same kind, later: a time keeps its offset
        delta = timedelta(days=draw(st.integers(0, 400)))
        if isinstance(base, datetime):
            delta += timedelta(minutes=draw(st.integers(0, 24 * 60)))
        return shifted(base, delta) or base
    if how == "offset" and isinstance(base, datetime):  # the same instant or later, with another offset
        moved = (shifted(base, timedelta(minutes=draw(st.integers(0, 600)))) or base).astimezone(draw(offsets))
        return moved if 1900 <= moved.year <= 2999 else base
    day = shifted(day_of(base), timedelta(days=draw(st.integers(3, 400))))
    return base if day is None else draw(on_day(day))


@st.composite
def earlier(draw, base: date) -> date | str:
    """A date the contract reads as earlier than ``base`` whatever the kinds; at the start of the
    calendar, where there is none, a value that is no date (the field is broken either way)."""
    if draw(st.booleans()):
        if isinstance(base, datetime):
            moved = shifted(base, -timedelta(minutes=draw(st.integers(1, 400 * 24 * 60))))
        else:
            moved = shifted(base, -timedelta(days=draw(st.integers(1, 400))))
        if moved is not None:
            return moved
    day = shifted(day_of(base), -timedelta(days=draw(st.integers(3, 400))))
    return "not a date" if day is None else draw(on_day(day))


@st.composite
def history_step(draw, when: date, status: str, z: Sizes = FULL) -> dict:
    out = {"date": when, "status": status}
    if draw(st.booleans()):
        out["note"] = draw(z.name)
    if draw(st.booleans()):
        out["url"] = draw(good_url)
    return out


@st.composite
def history_of(draw, front: dict, z: Sizes = FULL, dates: list | None = None) -> list[dict]:
    """1-4 steps, dates never decreasing and none before the briefing's, the last at its status
    (or steps on the ``dates`` given)."""
    if dates is None:
        dates = [draw(on_or_after(front["date"]))]
        for _ in range(draw(st.integers(0, 3))):
            dates.append(draw(on_or_after(dates[-1])))
    statuses = [draw(st.sampled_from(STATUSES)) for _ in dates[1:]] + [front["status"]]
    return [draw(history_step(d, s, z)) for d, s in zip(dates, statuses)]


@st.composite
def correction(draw, front: dict, z: Sizes = FULL) -> dict:
    return {"date": draw(on_or_after(front["date"])), "text": draw(z.name)}


address = st.builds(lambda y, m, s: f"{y:04d}/{m:02d}/{s}", st.integers(0, 9999), st.integers(1, 12), slug)
BAD_ADDRESSES = ["2026/13/ford", "2026/00/ford", "2026/2/ford", "26/02/ford", "2026/02", "2026/02/", "2026/02/ford/",
                 "/2026/02/ford", "briefings/2026/02/ford", "2026/02/Ford", "2026/02/a--b", "2026/02/ford\n",
                 " 2026/02/ford", "2026-02-ford", "2026/02/../ford", "2026/02/ford xiaomi", "", "\uff12026/02/ford",
                 "2026/02/" + "a" * 201, "https://example.com/2026/02/ford"]
bad_address = st.one_of(st.sampled_from(BAD_ADDRESSES), st.integers(0, 10**6), st.booleans(), plain_dates,
                        st.builds(lambda a, n: f"{a}{'-a' * n}", address, st.integers(100, 130)),  # slug over 200
                        st.lists(address, min_size=1, max_size=2), raw_text.filter(lambda s: not re.fullmatch(
                            r"[0-9]{4}/(0[1-9]|1[0-2])/[a-z0-9]+(-[a-z0-9]+)*", s)))


def address_of(front: dict, slug: str) -> str:
    d = front["date"]
    return f"{d.year:04d}/{d.month:02d}/{slug}"


@st.composite
def watch_entry(draw, front: dict, z: Sizes = FULL, by: st.SearchStrategy | None = None) -> str | dict:
    """A line of text (v1), or a mapping (v1.1); a ``by`` only from ``by`` (a batch gives its own)."""
    if draw(st.booleans()):
        return draw(z.name)
    out = {"item": draw(z.name)}
    if draw(st.booleans()):
        out["due"] = draw(when)  # any date: the contract sets no rule for it
    if draw(st.booleans()):
        out["resolved"] = draw(on_or_after(front["date"]))
    if by is not None and draw(st.booleans()):
        out["by"] = draw(by)
    return out


@st.composite
def valid_front(draw, drafts: bool = True, z: Sizes = FULL, by: st.SearchStrategy | None = None) -> dict:
    """``by``: what a watch item's by may name (a batch fills in its own, from its files)."""
    raw_text, name = z.raw_text, z.name
    title = draw(st.tuples(st.one_of(name, raw_text.map(lambda s: s + "x" * 190)), name).map(
        lambda t: next(filter(is_title, t), "Ford and Xiaomi")))
    front: dict = {"title": title, "date": draw(when), "status": draw(st.sampled_from(STATUSES)),
                   "sources": draw(st.lists(source(z), min_size=1, max_size=z.sources))}
    optional = draw(st.sets(st.sampled_from([f for f in FIELDS if f not in front]), max_size=z.optional))
    for key in sorted(optional):
        if key == "updated":
            front[key] = later(front["date"], draw(st.integers(0, 400)))
        elif key == "claim":
            front[key] = draw(raw_text)
        elif key == "summary":
            front[key] = draw(raw_text.filter(lambda s: len(trim(s)) <= 400))
        elif key in ("companies", "regions", "tags", "authors"):
            front[key] = draw(st.lists(name, max_size=z.items))
        elif key == "watch":
            front[key] = draw(st.lists(watch_entry(front, z, by), max_size=z.items))
        elif key == "history":
            front[key] = draw(history_of(front, z))
        elif key == "corrections":
            front[key] = draw(st.lists(correction(front, z), max_size=z.items))
        elif key == "story":
            front[key] = draw(slug)
        elif key == "denials":
            front[key] = draw(st.lists(denial(z), max_size=z.items))
        elif key == "draft":
            front[key] = draw(st.booleans()) if drafts else False
        # "slug" is set per file, to keep URLs unique in a batch
    return front


def _path_of(front: dict, path: tuple):
    node = front
    for part in path[:-1]:
        node = node[part]
    return node, path[-1]



def _put(draw, front: dict, where: str, key: str, value) -> str:
    """Set key of one entry of denials (when there are any) or sources; return the field's path."""
    where = where if front.get(where) else "sources"
    i = draw(st.integers(0, len(front[where]) - 1))
    front[where][i][key] = value
    return f"{where}[{i}].{key}"

V1_KINDS = ["missing", "unknown", "bad-date", "bad-url", "bad-slug", "wrong-type", "too-long", "empty-item", "bad-status",
            "self-cite", "updated-before", "empty-name"]
# v1.1. The first five and by-self break rules across entries, which the validator checks (JSON Schema
# cannot say them); by-unknown, one the corpus checks (it knows every briefing); by-shape and *-entry
# break one entry by itself (the model and the schema see those). broken/by-draft is made per batch (answers).
V11_KINDS = ["history-order", "history-before", "history-status", "correction-before", "resolved-before",
             "by-self", "by-unknown", "by-shape", "history-entry", "correction-entry", "watch-entry"]


def _insert(draw, front: dict, key: str, entry) -> int:
    """Put ``entry`` somewhere in the list ``key`` (made when absent); return its index."""
    items = list(front.get(key) or [])
    i = draw(st.integers(0, len(items)))
    front[key] = items[:i] + [entry] + items[i:]
    return i


@st.composite
def broken_front(draw, drafts: bool = True, z: Sizes = FULL, stem: str | None = None,
                 by: st.SearchStrategy | None = None, kind: str | None = None) -> tuple[dict, str, str]:
    """A front matter broken in one known way: (front, kind, field the error must name).

    ``stem``: the file's name, which gives its address when it has no slug (without one, by-self sets a slug)."""
    raw_text, name = z.raw_text, z.name
    front = draw(valid_front(drafts=drafts, z=z, by=by))
    sources = front["sources"]
    kind = kind or draw(st.sampled_from(V1_KINDS if draw(st.booleans()) else V11_KINDS))
    if kind in V11_KINDS:
        return (front, kind, draw(broken_v11(front, kind, z, stem)))
    if kind == "missing":
        key = draw(st.sampled_from(["title", "date", "status", "sources"]))
        del front[key]
        if key == "date":
            front.pop("updated", None)
        return front, kind, key
    if kind == "unknown":
        key = draw(st.one_of(st.sampled_from(["denails", "titel", "Title", "company", "source", "url", "tag", "body"]),
                             st.text("abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=10)).filter(lambda k: k not in FIELDS))
        front[key] = draw(st.one_of(raw_text, not_text))
        return front, kind, key
    if kind == "bad-date":
        where = draw(st.sampled_from(["date", "updated", "source", "denial"]))
        value = draw(bad_when)
        if where in ("date", "updated"):
            front[where] = value
            if where == "date":
                front.pop("updated", None)
            return front, kind, where
        return front, kind, _put(draw, front, "denials" if where == "denial" else "sources", "date", value)
    if kind == "bad-url":
        value = draw(bad_url)
        return front, kind, _put(draw, front, "denials" if draw(st.booleans()) else "sources", "url", value)
    if kind == "bad-slug":
        key = draw(st.sampled_from(["story", "slug"]))
        front[key] = draw(bad_slug)
        return front, kind, key
    if kind == "wrong-type":
        key = draw(st.sampled_from(["title", "status", "claim", "companies", "sources", "draft", "denials", "watch"]))
        if key in ("title", "status", "claim"):
            front[key] = draw(not_text.filter(lambda v: not (key == "claim" and v is None)))
        elif key == "draft":
            front[key] = draw(st.one_of(raw_text, st.integers(), st.none()))
        else:
            front[key] = draw(st.one_of(name, st.integers(), st.dictionaries(st.sampled_from("ab"), st.integers(), min_size=1, max_size=1)))
        return front, kind, key
    if kind == "too-long":
        key = draw(st.sampled_from(["title", "summary"]))
        limit = 200 if key == "title" else 400
        front[key] = draw(raw_text) + "y" * (limit + 1)
        return front, kind, key
    if kind == "empty-item":
        key = draw(st.sampled_from(["companies", "regions", "tags", "watch", "authors"]))
        items = front.get(key) or []
        i = draw(st.integers(0, len(items)))
        front[key] = items[:i] + [draw(st.sampled_from(["", " ", "\t", "\u3000", "\n"]))] + items[i:]
        return front, kind, f"{key}[{i}]"
    if kind == "bad-status":
        front["status"] = draw(st.one_of(st.sampled_from(BAD_STATUSES), raw_text.filter(lambda s: s not in STATUSES)))
        return front, kind, "status"
    if kind == "self-cite":
        i = draw(st.integers(0, len(sources) - 1))
        sources[i]["via"] = draw(st.sampled_from([str.upper, str.lower, str.swapcase, lambda s: " " + s,
                                                  lambda s: s + "\u200d"]))(sources[i]["name"])
        if not same_name(sources[i]["via"], sources[i]["name"]):
            sources[i]["via"] = sources[i]["name"]
        return front, kind, f"sources[{i}].via"
    if kind == "updated-before":
        earlier = later(front["date"], -draw(st.integers(3, 400)))
        if earlier == front["date"]:  # at the start of the calendar: break it another way
            front["updated"] = "not a date"
        else:
            front["updated"] = earlier
        return front, kind, "updated"
    # empty-name
    i = draw(st.integers(0, len(sources) - 1))
    sources[i]["name"] = draw(st.sampled_from(["", " ", "\u00a0", "\t\n"]))
    return front, kind, f"sources[{i}].name"


@st.composite
def broken_v11(draw, front: dict, kind: str, z: Sizes, stem: str | None) -> str:
    """Break ``front`` (valid) the v1.1 way ``kind``; return the field the error must name."""
    name, start = z.name, front["date"]
    if kind == "history-order":  # a step earlier than one before it, though not before the briefing
        n = draw(st.integers(1, 400))
        top = shifted(start, timedelta(days=n))  # same kind as date: the order is as written
        low = "not a date" if top is None else shifted(start, timedelta(days=draw(st.integers(0, n - 1))))
        top = top or start
        prefix = [start] if draw(st.booleans()) else []
        dates = [*prefix, top, low]
        for _ in range(draw(st.integers(0, 1))):
            dates.append(draw(on_or_after(top)))
        front["history"] = draw(history_of(front, z, dates))
        return f"history[{len(prefix) + 1}].date"
    if kind == "history-before":
        history = front.get("history") or draw(history_of(front, z))
        i = draw(st.integers(0, len(history) - 1))
        history[i]["date"] = draw(earlier(start))
        front["history"] = history
        return f"history[{i}].date"
    if kind == "history-status":
        history = front.get("history") or draw(history_of(front, z))
        history[-1]["status"] = draw(st.sampled_from([s for s in STATUSES if s != front["status"]]))
        front["history"] = history
        return f"history[{len(history) - 1}].status"
    if kind == "correction-before":
        i = _insert(draw, front, "corrections", {"date": draw(earlier(start)), "text": draw(name)})
        return f"corrections[{i}].date"
    if kind == "resolved-before":
        i = _insert(draw, front, "watch", {"item": draw(name), "resolved": draw(earlier(start))})
        return f"watch[{i}].resolved"
    if kind == "by-shape":
        i = _insert(draw, front, "watch", {"item": draw(name), "by": draw(bad_address)})
        return f"watch[{i}].by"
    if kind == "by-unknown":  # no file of a batch ends its name in -x: stems end in -N, slugs in -sN
        where = draw(st.one_of(st.just(start), plain_dates))
        i = _insert(draw, front, "watch", {"item": draw(name), "by": address_of({"date": where}, draw(slug) + "-x")})
        return f"watch[{i}].by"
    if kind == "by-self":
        if stem is None or draw(st.booleans()):
            front["slug"] = draw(slug)
        i = _insert(draw, front, "watch", {"item": draw(name), "by": address_of(front, front.get("slug") or stem)})
        return f"watch[{i}].by"
    # *-entry: one entry broken by itself, as the model (and the schema) see it
    target = {"history-entry": "history", "correction-entry": "corrections", "watch-entry": "watch"}[kind]
    if target == "history":
        entries = front.get("history") or draw(history_of(front, z))
        front["history"] = entries
        i = draw(st.integers(0, len(entries) - 1))
        how = draw(st.sampled_from(["missing", "bad-status", "bad-date", "bad-url", "empty-note", "unknown", "entry",
                                    "field"]))
        if how == "missing":
            key = draw(st.sampled_from(["date", "status"]))
            del entries[i][key]
            return f"history[{i}].{key}"
        if how == "bad-status":
            entries[i]["status"] = draw(st.one_of(st.sampled_from(BAD_STATUSES), not_text))
            return f"history[{i}].status"
        if how == "bad-date":
            entries[i]["date"] = draw(st.one_of(bad_when, st.none()))
            return f"history[{i}].date"
        if how == "bad-url":
            entries[i]["url"] = draw(bad_url)
            return f"history[{i}].url"
        if how == "empty-note":
            entries[i]["note"] = draw(st.sampled_from(["", " ", "\t", "\u3000"]))
            return f"history[{i}].note"
        if how == "unknown":
            key = draw(st.sampled_from(["notes", "statuss", "dates", "link", "text", "item"]))
            entries[i][key] = draw(name)
            return f"history[{i}].{key}"
        if how == "entry":
            entries[i] = draw(st.one_of(name, st.integers(), st.lists(st.integers(), max_size=1)))
            return f"history[{i}]"
        front["history"] = draw(st.one_of(name, st.integers(), st.just({"date": start, "status": front["status"]})))
        return "history"
    if target == "corrections":
        i = _insert(draw, front, "corrections", draw(correction(front, z)))
        entries = front["corrections"]
        how = draw(st.sampled_from(["missing", "bad-date", "empty-text", "unknown", "entry"]))
        if how == "missing":
            key = draw(st.sampled_from(["date", "text"]))
            del entries[i][key]
            return f"corrections[{i}].{key}"
        if how == "bad-date":
            entries[i]["date"] = draw(st.one_of(bad_when, st.none()))
            return f"corrections[{i}].date"
        if how == "empty-text":
            entries[i]["text"] = draw(st.sampled_from(["", " ", "\t", "\u3000", "\u200b"]))
            return f"corrections[{i}].text"
        if how == "unknown":
            key = draw(st.sampled_from(["txt", "note", "correction", "status", "url"]))
            entries[i][key] = draw(name)
            return f"corrections[{i}].{key}"
        entries[i] = draw(st.one_of(name, st.integers(), st.none()))
        return f"corrections[{i}]"
    entry = {"item": draw(name)}
    i = _insert(draw, front, "watch", entry)
    how = draw(st.sampled_from(["missing", "empty-item", "bad-date", "unknown", "entry"]))
    if how == "missing":
        del entry["item"]
        entry["due"] = draw(when)
        return f"watch[{i}].item"
    if how == "empty-item":
        entry["item"] = draw(st.one_of(st.sampled_from(["", " ", "\t", "\u3000"]), not_text))
        return f"watch[{i}].item"
    if how == "bad-date":
        key = draw(st.sampled_from(["due", "resolved"]))
        entry[key] = draw(bad_when)
        return f"watch[{i}].{key}"
    if how == "unknown":
        key = draw(st.sampled_from(["resolve", "due_date", "answered_by", "url", "status", "items"]))
        entry[key] = draw(name)
        return f"watch[{i}].{key}"
    front["watch"][i] = draw(st.one_of(st.integers(), st.booleans(), st.none(), st.lists(name, max_size=1), plain_dates))
    return f"watch[{i}]"


MANGLES_VALID = ["none", "bom", "crlf", "cr", "trailing-spaces", "long-dashes", "blank-lines-before-body"]
MANGLES_BROKEN = ["unclosed", "tab-first-line", "duplicate-title", "no-opening", "bad-utf8"]
body_text = st.lists(st.text("abcdefghijklmnopqrstuvwxyz ,.", min_size=1, max_size=40).filter(str.strip),
                     min_size=0, max_size=3).map(lambda ps: "\n\n".join(p.strip() for p in ps))


def dump_yaml(front: dict) -> str:
    """YAML for the front matter; raw UTF-8 where PyYAML's dumper round-trips it, escapes where it does not
    (its emitter writes U+0085 raw in single quotes, which its own loader folds into a space)."""
    for allow_unicode in (True, False):
        text = yaml.safe_dump(front, allow_unicode=allow_unicode, sort_keys=False)
        if yaml.safe_load(text) == front:
            return text
    raise AssertionError(f"the generator made front matter PyYAML cannot round-trip: {front!r}")


def render(front: dict, body: str, mangle: str = "none") -> bytes:
    opening, closing, fm, rest = "---\n", "---\n", dump_yaml(front), (body + "\n" if body else "")
    newline = "\n"
    if mangle == "bom":
        opening = "\ufeff" + opening
    elif mangle == "crlf":
        newline = "\r\n"
    elif mangle == "cr":
        newline = "\r"
    elif mangle == "trailing-spaces":
        opening, closing = "--- \t\n", "---  \n"
    elif mangle == "long-dashes":
        opening, closing = "-----\n", "--------\n"
    elif mangle == "blank-lines-before-body":
        closing = "---\n\n\n"
    elif mangle == "unclosed":
        closing = ""
    elif mangle == "tab-first-line":
        fm = "\t" + fm
    elif mangle == "duplicate-title":
        fm = fm + "title: again\n"
    elif mangle == "no-opening":
        opening = ""
    text = (opening + fm + closing + rest).replace("\n", newline)
    data = text.encode("utf-8")
    if mangle == "bad-utf8":
        data += b"caf\xe9\n"
    return data


@dataclass
class Generated:
    rel: str  # under briefings/
    data: bytes
    front: dict
    valid: bool
    kind: str
    field: str | None = None  # the field the error must name, when known
    slug: str = ""
    draft: bool = False
    body: str = ""
    mangle: str = "none"
    # Broken only across files (a watch item's `by`): the corpus may still list the briefing, as
    # core/corpus.py says it does, but must name it in an error (and the build fails).
    across: bool = False

    @property
    def address(self) -> str:
        return address_of(self.front, self.slug)

    @property
    def path(self) -> str:
        return "briefings/" + self.rel


@st.composite
def briefing_file(draw, index: int, allow: str = "any", drafts: bool = True, z: Sizes = FULL,
                  kind: str | None = None) -> Generated:
    """One file of a batch; ``allow`` is "valid", "broken" or "any"; ``kind``, a kind of broken file."""
    choice = allow if allow != "any" else draw(st.sampled_from(["valid", "valid", "broken", "mangled"]))
    stem = f"{draw(slug)}-{index}"
    folder = f"{draw(st.integers(1990, 2030))}/{draw(st.integers(1, 12)):02d}"
    body = draw(body_text)
    if choice == "valid" or (choice == "mangled" and draw(st.booleans())):
        front = draw(valid_front(drafts=drafts, z=z))
        if draw(st.booleans()):
            front["slug"] = f"{draw(slug)}-s{index}"
        mangle = draw(st.sampled_from(MANGLES_VALID)) if choice == "mangled" else "none"
        kind = "valid" if mangle == "none" else f"valid/{mangle}"
        return Generated(f"{folder}/{stem}.md", render(front, body, mangle), front, True, kind,
                         slug=front.get("slug", stem), draft=bool(front.get("draft")), body=body, mangle=mangle)
    if choice == "broken" or allow == "broken":
        front, kind, key = draw(broken_front(drafts=drafts, z=z, stem=stem, kind=kind))
        return Generated(f"{folder}/{stem}.md", render(front, body), front, False, f"broken/{kind}", key,
                         slug=front.get("slug", stem), draft=bool(front.get("draft")), body=body,
                         across=kind == "by-unknown")
    front = draw(valid_front(drafts=drafts, z=z))
    mangle = draw(st.sampled_from(MANGLES_BROKEN))
    if mangle == "unclosed" and not body:
        body = "text"
    return Generated(f"{folder}/{stem}.md", render(front, body, mangle), front, False, f"mangled/{mangle}")


def answers(draw, files: list[Generated], z: Sizes, allow: str) -> None:
    """The `by` of watch items, across a batch: a valid file's names another valid file that is
    published whenever it is (a draft may name a draft); in a batch that may hold broken files,
    a published file sometimes names a draft instead (broken/by-draft)."""
    valid = [g for g in files if g.valid]
    changed = set()
    if allow != "valid":
        for g in valid:
            drafts = [t for t in valid if t.draft and t is not g]
            if g.draft or not drafts or draw(st.integers(0, 5)):
                continue
            target = draw(st.sampled_from(drafts))
            i = _insert(draw, g.front, "watch", {"item": draw(z.name), "by": target.address})
            g.valid, g.kind, g.field, g.across = False, "broken/by-draft", f"watch[{i}].by", True
            changed.add(g.path)
    valid = [g for g in files if g.valid]
    for g in valid:
        targets = [t for t in valid if t is not g and (g.draft or not t.draft)]
        if not targets:
            continue
        items = [w for w in g.front.get("watch", []) if isinstance(w, dict)]
        if not items and not draw(st.integers(0, 2)):
            items = [{"item": draw(z.name)}]
            _insert(draw, g.front, "watch", items[0])
            changed.add(g.path)
        for w in items:
            if draw(st.booleans()):
                w["by"] = draw(st.sampled_from(targets)).address
                changed.add(g.path)
    for g in files:
        if g.path in changed:
            g.data = render(g.front, g.body, g.mangle)


@st.composite
def batch(draw, size: st.SearchStrategy, allow: str = "any", drafts: bool = True, must_break: bool = False,
          z: Sizes = FULL) -> list[Generated]:
    n = draw(size)
    files = [draw(briefing_file(i, allow, drafts, z)) for i in range(n)]
    if must_break and all(f.valid for f in files):
        files[-1] = draw(briefing_file(n - 1, "broken", drafts, z))
    answers(draw, files, z, allow)
    return files


# --- expectations ----------------------------------------------------------------------

def as_json(value):
    """The front matter as the dataset writes it: dates in ISO 8601, strings trimmed."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return trim(value)
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    return value


def expected_record(front: dict) -> dict:
    """Every field, with the contract's defaults for those not given."""
    out = {k: None for k in ("updated", "claim", "summary", "story", "slug")}
    out.update({k: [] for k in ("companies", "regions", "tags", "denials", "watch", "authors", "history", "corrections")})
    out["draft"] = False
    out.update(as_json(front))
    out["sources"] = [{"url": None, "title": None, "date": None, "via": None, **s} for s in out["sources"]]
    out["denials"] = [{"date": None, "url": None, **d} for d in out["denials"]]
    out["watch"] = [w if isinstance(w, str) else {"due": None, "resolved": None, "by": None, **w} for w in out["watch"]]
    out["history"] = [{"note": None, "url": None, **h} for h in out["history"]]
    return out


def moment(value: date) -> datetime:
    """A date as an instant: a time as written, a bare date at 00:00 UTC."""
    return value if isinstance(value, datetime) else datetime(value.year, value.month, value.day, tzinfo=timezone.utc)


def expected_modified(front: dict) -> datetime:
    """`updated`; without it, the latest date of the history and corrections (v1.1); else the date."""
    if front.get("updated") is not None:
        return moment(front["updated"])
    moved = [moment(e["date"]) for e in (*front.get("history", []), *front.get("corrections", []))]
    return max(moved, default=moment(front["date"]))


def url_of(g: Generated) -> str:
    d = g.front["date"]
    return f"briefings/{d.year:04d}/{d.month:02d}/{g.slug}/"


def check_errors(files: list[Generated], errors: list[str]) -> list[str]:
    """(b) and (c) for a set of error lines: each well-formed, each broken file named with its field."""
    problems = []
    by_path: dict[str, list[re.Match]] = {}
    paths = {g.path for g in files}
    for line in errors:
        m = ERROR_LINE.match(line)
        if not m or "\n" in line:
            problems.append(f"not one `path:line: field: message` line: {line!r}")
            continue
        if m["path"] not in paths:
            problems.append(f"an error names a file that was not written: {line!r}")
        by_path.setdefault(m["path"], []).append(m)
    for g in files:
        named = by_path.get(g.path, [])
        if g.valid and named:
            problems.append(f"valid file named in an error ({g.kind}): {[m.group(0) for m in named]}")
        if not g.valid and not named:
            problems.append(f"broken file ({g.kind}, {g.field}) not named in any error")
        if not g.valid and g.field and named and not any(
            m["field"] == g.field or m["field"].startswith(g.field + ".") or m["field"].startswith(g.field + "[")
            for m in named
        ):
            problems.append(f"{g.path} ({g.kind}): no error names {g.field!r}: {[m.group(0) for m in named]}")
    return problems


# --- (a)-(d) through the core ---------------------------------------------------------------

def core_problems(files: list[Generated]) -> list[str]:
    """(a)-(d) for one batch, through load_corpus."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for g in files:
            path = root / "briefings" / g.rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(g.data)
        corpus = load_corpus(root / "briefings", base=root, include_drafts=False)  # (a): raising fails the test
    problems = check_errors(files, [str(e) for e in corpus.errors])
    published = {b.path: b for b in corpus.briefings}
    drafts = {b.path: b for b in corpus.drafts}
    for g in files:
        if not g.valid:
            if (g.path in published or g.path in drafts) and not g.across:
                problems.append(f"broken file ({g.kind}, {g.field}) was accepted")
            continue
        b = published.get(g.path) or drafts.get(g.path)
        if b is None:  # (c)
            problems.append(f"valid file ({g.kind}) neither published nor named")
            continue
        if (g.path in drafts) != g.draft:
            problems.append(f"{g.path}: draft {g.draft} but {'kept apart' if g.path in drafts else 'published'}")
        if b.url != url_of(g):
            problems.append(f"{g.path}: url {b.url} != {url_of(g)}")
        got, want = b.front.model_dump(mode="json"), expected_record(g.front)
        if got != want:  # (d)
            problems.append(f"{g.path}: published {_diff(got, want)}")
        if b.modified != expected_modified(g.front) or b.modified.utcoffset() is None:  # (d), v1.1
            problems.append(f"{g.path}: modified {b.modified!r} != {expected_modified(g.front)!r}")
    return problems


@given(batch(st.integers(1, 6)))
@CORE
def _core_batches(files: list[Generated]) -> None:
    RUNS["core batches"] += 1
    KINDS.update(g.kind for g in files)
    problems = core_problems(files)
    assert not problems, "\n".join(problems)


def _diff(got: dict, want: dict) -> str:
    return "; ".join(f"{k}: got {got.get(k)!r}, wrote {want.get(k)!r}" for k in sorted(set(got) | set(want)) if got.get(k) != want.get(k))


def run_counted(prop, key: str, label: str, by: str = "kind") -> None:
    """Run a property, then print how many examples ran, whether it passed or not (and files by ``by``)."""
    RUNS[key] = 0
    KINDS.clear()
    try:
        prop()
    finally:
        kinds = f"; files by {by}: {dict(sorted(KINDS.items()))}" if KINDS else ""
        print(f"\n[properties] {key}: {RUNS[key]} examples{label}{kinds}")


def test_core_never_loses_a_file_and_names_every_broken_one():
    run_counted(_core_batches, "core batches", " of 1-6 files each")
    assert RUNS["core batches"] >= 250


# Batches cluster on a few kinds (Hypothesis mutates the examples it has found): a run may make no file
# of some kind at all. So each kind also runs on its own, one broken file at a time.
@pytest.mark.parametrize("kind", V1_KINDS + V11_KINDS)
def test_core_names_every_broken_file_of_each_kind(kind):
    key = f"broken/{kind}"

    @given(briefing_file(0, "broken", kind=kind))
    @SINGLES
    def one_file(g: Generated) -> None:
        RUNS[key] += 1
        KINDS[g.field] += 1
        problems = core_problems([g])
        assert not problems, "\n".join(problems)

    run_counted(one_file, key, " of one file each", by="field broken")
    assert RUNS[key] >= SINGLES.max_examples


def test_a_draft_whose_watch_item_names_no_briefing_is_named():
    """A case the generator makes (broken/by-unknown in a draft), kept to show on its own: the contract's
    `by` "must exist" holds for every briefing, so a production build names it as `autobrief check` does
    (load_corpus once checked the `by` of published briefings only)."""
    front = {"title": "Ford and Xiaomi", "date": date(2026, 2, 2), "status": "denied", "sources": [{"name": "Reuters"}],
             "draft": True, "watch": [{"item": "A joint filing.", "by": "2026/06/nothing-here-x"}]}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        path = root / "briefings" / "2026" / "02" / "talks.md"
        path.parent.mkdir(parents=True)
        path.write_bytes(render(front, "Body."))
        corpus = load_corpus(root / "briefings", base=root, include_drafts=False)
    errors = [str(e) for e in corpus.errors]
    assert any(e.startswith("briefings/2026/02/talks.md:") and ": watch[0].by: " in e for e in errors), errors


# --- (a)-(d) through real builds ------------------------------------------------------------

def stray_lines(output: str) -> list[str]:
    return [line for line in output.splitlines()
            if line.strip() and not LOG_LINE.match(line) and line.strip() != "Aborted with a BuildError!"]


def html_text(text: str) -> str:
    """Text as an HTML parser must give it back: line breaks normalised to LF (HTML's input preprocessing)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def run_build(files: list[Generated]):
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp), {g.rel: g.data for g in files})
        result = build(project, timeout=60)
        pages = {}
        dataset = None
        if result.ok:
            for g in files:
                page = result.site / url_of(g) / "index.html" if g.valid else None
                pages[g.path] = page.read_text(encoding="utf-8") if page and page.is_file() else None
            dataset = json.loads((result.site / "briefings.json").read_text(encoding="utf-8"))
        return result.ok, result.output, pages, dataset


@given(batch(st.just(20), allow="valid", z=LEAN))
@BUILDS
def _valid_builds(files: list[Generated]) -> None:
    RUNS["valid builds"] += 1
    KINDS.update(g.kind for g in files)
    ok, output, pages, dataset = run_build(files)
    assert ok, output[-3000:]
    problems = [f"stray output line: {line!r}" for line in stray_lines(output)]
    records = {r["path"]: r for r in dataset["briefings"]}
    for g in files:
        if g.draft:  # a draft is left out of a production build, by the contract
            if pages[g.path] is not None or url_of(g) in records:
                problems.append(f"{g.path}: a draft was published")
            continue
        if pages[g.path] is None:  # (c)
            problems.append(f"{g.path}: no page at {url_of(g)}")
            continue
        h1 = BeautifulSoup(pages[g.path], "html.parser").h1
        title = html_text(trim(g.front["title"]))
        if h1 is None or h1.get_text() != title:  # (d)
            problems.append(f"{g.path}: h1 {h1 and h1.get_text()!r} != title {title!r}")
        record = records.get(url_of(g))
        if record is None:
            problems.append(f"{g.path}: not in briefings.json")
            continue
        got = {k: v for k, v in record.items() if k not in ("url", "path", "entities")}  # entities: whom it names
        want = expected_record(g.front)
        if got != want:
            problems.append(f"{g.path}: briefings.json {_diff(got, want)}")
    if dataset["count"] != sum(not g.draft for g in files):
        problems.append(f"briefings.json counts {dataset['count']}")
    assert not problems, "\n".join(problems)


def test_builds_of_valid_batches_publish_every_file_exactly():
    run_counted(_valid_builds, "valid builds", " of 20 files each")
    assert RUNS["valid builds"] >= 10


@given(batch(st.just(20), must_break=True, z=LEAN))
@BUILDS
def _broken_builds(files: list[Generated]) -> None:
    RUNS["mixed builds"] += 1
    KINDS.update(g.kind for g in files)
    ok, output, _, _ = run_build(files)
    assert not ok, "a batch with broken files built"
    assert "Traceback" not in output, output[output.index("Traceback"):][-3000:]
    problems = [f"stray output line: {line!r}" for line in stray_lines(output)]
    lines = [m.group(1) for m in re.finditer(r"^ERROR\s+-  (briefings/.*)$", output, re.M)]
    problems += check_errors(files, lines)
    assert not problems, "\n".join(problems)


def test_builds_of_mixed_batches_name_every_broken_file():
    run_counted(_broken_builds, "mixed builds", " of 20 files each")
    assert RUNS["mixed builds"] >= 10


# --- (e) the model and the published JSON Schema agree ---------------------------------------

VALIDATOR = jsonschema.Draft202012Validator(json_schema(), format_checker=jsonschema.FormatChecker())
# What JSON Schema cannot say: rules across two fields. Only these may make the model stricter.
CROSS_FIELD = [re.compile(r"^sources\.\d+\.via$"), re.compile(r"^updated$")]


def jsonable(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return 0.5
    return value


def verdicts(front: dict) -> tuple[bool, bool, list[str]]:
    """(model accepts, schema accepts, model error locations)."""
    try:
        FrontMatter.model_validate(front)
        model_ok, locs = True, []
    except Exception as exc:  # pydantic.ValidationError
        model_ok = False
        locs = [".".join(map(str, e["loc"])) for e in exc.errors()]
    schema_ok = VALIDATOR.is_valid(front)
    return model_ok, schema_ok, locs


def agree(front: dict) -> str | None:
    model_ok, schema_ok, locs = verdicts(front)
    if model_ok == schema_ok:
        return None
    if not model_ok and all(any(rx.match(loc) for rx in CROSS_FIELD) for loc in locs):
        return None  # the model checks what a schema cannot
    return f"model {'accepts' if model_ok else 'rejects ' + str(locs)}, schema {'accepts' if schema_ok else 'rejects'}: {front!r}"


# FrontMatter alone, against the schema: the v1.1 rules across entries (dates in order and not before the
# briefing's, the last status, a `by` naming the briefing itself or none that exists) are validate()'s and
# the corpus's, which no JSON Schema can say; FrontMatter accepts those fronts as the schema does, and the
# core properties check the rules.
front_for_schema = st.one_of(valid_front(by=address), broken_front(by=address).map(lambda t: t[0])).map(jsonable)


@given(front_for_schema)
@SCHEMA
def _schema_agrees(front: dict) -> None:
    RUNS["schema"] += 1
    verdict = agree(front)
    assert verdict is None, verdict


def test_model_and_json_schema_agree_on_generated_front_matter():
    run_counted(_schema_agrees, "schema", " (model vs JSON Schema)")
    assert RUNS["schema"] >= 250


BASE = {"title": "Ford and Xiaomi", "date": "2026-02-02", "status": "denied", "sources": [{"name": "Reuters"}]}
# Counterexamples the property found, kept as named cases so each shows on its own.
DISAGREEMENTS = [
    # the model trims before it counts; the schema counts the spaces
    ("title-of-spaces", {"title": "   "}),
    ("title-201-with-spaces", {"title": " " + "x" * 200}),
    ("company-of-spaces", {"companies": [" "]}),
    ("watch-item-tab", {"watch": ["\t"]}),
    ("source-name-ideographic-space", {"sources": [{"name": "\u3000"}]}),
    ("denial-party-of-spaces", {"denials": [{"party": " ", "statement": "No."}]}),
    # the model trims URLs and dates; the schema's patterns and formats do not
    ("url-with-leading-space", {"sources": [{"name": "Reuters", "url": " https://example.com/"}]}),
    ("date-with-spaces", {"date": " 2026-02-02 "}),
    # the model checks the host and spaces; the schema only the scheme ("format": "uri" needs rfc3987)
    ("url-without-host", {"sources": [{"name": "Reuters", "url": "https://"}]}),
    ("url-with-space", {"sources": [{"name": "Reuters", "url": "https://exa mple.com/"}]}),
    # "format": "date-time" is checked only when rfc3339-validator is installed; the pattern lets these through
    ("date-time-impossible-day", {"date": "2026-02-30T10:00:00+00:00"}),
    ("date-time-hour-25", {"date": "2026-02-02T25:00:00+00:00"}),
    # Python's fromisoformat takes an offset without a colon; the schema's pattern does not
    ("date-time-offset-without-colon", {"date": "2026-02-02T10:00:00+0100"}),
    # Python's `$` (used by jsonschema for "pattern") matches before a final newline; pydantic's does not
    ("slug-trailing-newline", {"slug": "ford\n"}),
    ("story-trailing-newline", {"story": "ford\n"}),
    # v1.1: a `by` whose slug makes a web address over 200 bytes (the model's limit for a slug)
    ("watch-by-slug-201", {"watch": [{"item": "A joint filing.", "by": "2026/06/" + "a" * 201}]}),
]


@pytest.mark.parametrize("case_id, change", DISAGREEMENTS, ids=[c[0] for c in DISAGREEMENTS])
def test_model_and_json_schema_agree_on(case_id, change):
    verdict = agree({**BASE, **change})
    assert verdict is None, verdict
