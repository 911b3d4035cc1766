"""The front-matter contract (shared/briefing-format.md, v1 and v1.1) as pydantic models.

Field names, types and rules here are the contract: add optional fields, never
rename or drop one. Messages are written for writers, not programmers; see
``validate.py`` for how pydantic's errors become ``path:line: field: message``.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timezone
from typing import Annotated, Any, Literal, Optional, Union
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    PlainValidator,
    StrictBool,
    StrictStr,
    StringConstraints,
    Tag,
    WithJsonSchema,
    field_validator,
)

from .slugs import BLANK, char_class, slugify, without_ignorable

# status -> what it means; the order is the order of every listing and chart.
STATUSES: dict[str, str] = {
    "reported": "reported by media; no party has answered yet",
    "denied": "the parties named have denied it",
    "disputed": "accounts conflict: some confirm, some deny, or a denial is partial",
    "confirmed": "confirmed officially (an announcement, a filing)",
    "retracted": "the reporting outlet withdrew or corrected the report",
}
Status = Literal["reported", "denied", "disputed", "confirmed", "retracted"]

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SLUG_RE = re.compile(SLUG_PATTERN)


def not_a_slug(value: str) -> str:
    """What writers are told, by the build and by `autobrief`, when a slug has the wrong shape."""
    return f"'{value}' is not a slug: use lowercase letters, digits and single hyphens, e.g. ford-xiaomi-us-talks"

URL_SCHEMES = ("http", "https")

# A slug becomes a folder of the site (companies/<slug>/, briefings/YYYY/MM/<slug>/): a file name,
# at most 255 bytes on every common file system. 200 leaves room to spare, and no real name needs more.
MAX_SEGMENT = 200
# The years a briefing's dates may fall in: every date converts to UTC, sorts as text (four-digit
# years) and makes a valid feed date; the archive and its charts span decades, not millennia.
EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)


def too_long_for_an_address(value: str, size: int, fix: str = "shorten it") -> str:
    """What writers are told when a name's or slug's part of a web address is too long for a file name."""
    shown = value if len(value) <= 30 else value[:30] + "…"
    return f"'{shown}' makes a web address of {size} bytes; at most {MAX_SEGMENT}: {fix}"


# Text dates (quoted in YAML) as JSON Schema's "date" and "date-time" (RFC 3339) have them.
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})?)?")


def _when(value: Any) -> date:
    """A date, or a datetime that carries its UTC offset."""
    if isinstance(value, str):
        text = value
        try:
            if not _ISO_DATE.fullmatch(text):
                raise ValueError
            value = date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(
                f"{value!r} is not a date: write YYYY-MM-DD or an ISO 8601 time with offset, "
                "e.g. 2026-02-02T09:30:00+01:00"
            ) from None
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(
                f"{value.isoformat()} has no UTC offset: add one, e.g. {value.isoformat()}+00:00, "
                "or give the date alone"
            )
    elif not isinstance(value, date):
        raise ValueError("must be a date (YYYY-MM-DD) or an ISO 8601 time with offset")
    if not EARLIEST.year <= value.year <= LATEST.year:
        raise ValueError(f"{value.isoformat()} is out of range: use a date from {EARLIEST} to {LATEST}")
    return value


def _plain(value: str) -> str:
    """Text a page, a feed and a terminal can all show: no control characters or noncharacters."""
    for char in value:
        code = ord(char)
        if (code < 32 and char not in "\t\n\r") or 0x7F <= code < 0xA0 or 0xD800 <= code < 0xE000 \
                or 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE:
            raise ValueError(f"contains the control character U+{code:04X}: remove it")
    return value


_SHOWS = re.compile(char_class(BLANK, negate=True))  # a character that draws something
_REORDERING = r"\u202a-\u202e\u2066-\u2069"  # bidi embeddings, overrides and isolates
_REORDERS = re.compile(f"[{_REORDERING}]")


def _visible(value: str) -> str:
    """Text that shows: not only spaces, format characters (U+200B) and other invisible ones."""
    if not _SHOWS.search(value):
        raise ValueError(
            f"has no visible text, only invisible characters such as U+{ord(value[0]):04X}: write it in visible letters"
        )
    return value


def _in_order(value: str) -> str:
    """No bidi override, embedding or isolate: they make a name display as another."""
    found = _REORDERS.search(value)
    if found:
        char = found.group()
        raise ValueError(
            f"contains U+{ord(char):04X} ({unicodedata.name(char).lower()}), "
            "which changes the order in which text displays: remove it"
        )
    return value


def _term_segment(value: str) -> str:
    """A name that has a page of its own: its slug is a folder name."""
    size = len(slugify(value).encode("utf-8"))
    if size > MAX_SEGMENT:
        raise ValueError(too_long_for_an_address(value, size))
    return value


def _slug_segment(value: str) -> str:
    if len(value) > MAX_SEGMENT:  # a slug is ASCII: a character is a byte
        raise ValueError(too_long_for_an_address(value, len(value)))
    return value


def _at_most(limit: int):
    """At most ``limit`` characters as they show: counted once composed (NFC), so that an
    accent typed as a letter and a combining mark counts once, as it does on screen."""
    def check(value: str) -> str:
        length = len(value) if value.isascii() else len(unicodedata.normalize("NFC", value))
        if length > limit:
            raise ValueError(f"must be at most {limit} characters (it has {length})")
        return value

    return check


_NO_HOST = "must be an absolute http or https URL with a host and no spaces"
_BRACKETED = re.compile(r"\[[^\]]*\](?::[^:]*)?")  # an IPv6 host, then at most a port


def _url(value: str) -> str:
    value = value.strip()
    try:
        parts = urlsplit(value)
    except ValueError:  # brackets that hold no IPv6 address, a host that reads as @ or / under NFKC
        raise ValueError(_NO_HOST) from None
    if parts.scheme.lower() not in URL_SCHEMES:
        shown = f"'{parts.scheme}:'" if parts.scheme else "none (a relative URL)"
        raise ValueError(f"must be an absolute http or https URL; its scheme is {shown}")
    host = parts.netloc.rpartition("@")[2]
    if not parts.hostname or any(c.isspace() or ord(c) < 32 for c in value) \
            or (host.startswith("[") and not _BRACKETED.fullmatch(host)):  # [::1]x: text after the address
        raise ValueError(_NO_HOST)
    try:
        parts.port
    except ValueError:
        port = (host.partition("]")[2] if host.startswith("[") else host).partition(":")[2]
        raise ValueError(f"must be an absolute http or https URL; its port '{port}' is not a number from 0 to 65535") from None
    return value


When = Annotated[
    date,
    PlainValidator(_when),
    # ISO 8601 out, exactly as written in: a date stays a date, a time keeps its offset.
    PlainSerializer(lambda value: value.isoformat(), return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date", "pattern": r"^(?:19|2[0-9])[0-9][0-9]-"},
                {"type": "string", "format": "date-time",
                 "pattern": r"^(?:19|2[0-9])[0-9][0-9]-[\s\S]*(Z|[+-]\d\d:\d\d)$"},
            ],
            "description": f"YYYY-MM-DD, or an ISO 8601 date-time with its UTC offset; from {EARLIEST} to {LATEST}",
        }
    ),
]
# JSON Schema patterns, written so that ECMA-262 (editors) and Python (jsonschema) agree:
# (?![\s\S]) is "end of text" in both, where Python's $ also matches before a final newline.
_END = r"(?![\s\S])"
_SOME_TEXT = _SHOWS.pattern  # a character that draws something: not a space, control or format character
_SHOWN = r"(?=[\s\S]*" + _SOME_TEXT + ")"  # somewhere in the text
_IN_ORDER = f"(?=[^{_REORDERING}]*{_END})"  # no bidi control anywhere
Text = Annotated[StrictStr, StringConstraints(strip_whitespace=True), AfterValidator(_plain)]
# Prose that must say something (a denial's statement, a signal to watch).
Prose = Annotated[
    StrictStr, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_plain), AfterValidator(_visible),
    WithJsonSchema({"type": "string", "minLength": 1, "pattern": _SOME_TEXT}),
]
# A name (an author, a denying party): visible text, shown in the order it is written.
Name = Annotated[
    StrictStr, StringConstraints(strip_whitespace=True, min_length=1),
    AfterValidator(_plain), AfterValidator(_visible), AfterValidator(_in_order),
    WithJsonSchema({"type": "string", "minLength": 1, "pattern": "^" + _SHOWN + _IN_ORDER}),
]
# A name with a page of its own (a company, region, tag or outlet): its slug must fit in a file name.
TermName = Annotated[
    Name, AfterValidator(_term_segment),
    WithJsonSchema({
        "type": "string", "minLength": 1, "pattern": "^" + _SHOWN + _IN_ORDER,
        "description": f"Its page's address (the name's slug) may be at most {MAX_SEGMENT} bytes of UTF-8",
    }),
]
Slug = Annotated[
    StrictStr, StringConstraints(pattern=SLUG_PATTERN), AfterValidator(_slug_segment),
    WithJsonSchema({"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*" + _END, "maxLength": MAX_SEGMENT}),
]
# 1 to 200 characters once trimmed: first and last visible characters at most 200 apart.
Title = Annotated[
    StrictStr, StringConstraints(strip_whitespace=True, min_length=1),
    AfterValidator(_plain), AfterValidator(_visible), AfterValidator(_in_order), AfterValidator(_at_most(200)),
    WithJsonSchema({"type": "string", "pattern": "^" + _SHOWN + _IN_ORDER + r"\s*\S(?:[\s\S]{0,198}\S)?\s*" + _END}),
]
Summary = Annotated[
    StrictStr, StringConstraints(strip_whitespace=True), AfterValidator(_plain), AfterValidator(_at_most(400)),
    WithJsonSchema({"type": "string", "pattern": r"^\s*(?:\S(?:[\s\S]{0,398}\S)?)?\s*" + _END}),
]
# The host: after the last @ of the user part, a name or a bracketed IPv6 address; the port, 0 to 65535.
_AUTHORITY = (r"(?:[^\s/?#\[\]]*@)?(?:\[[0-9A-Fa-f:.]+\]|\[v[0-9A-Fa-f]+\.[^\s/?#\[\]]+\]|[^\s/?#@:\[\]]+)"
              r"(?::0*(?:[0-9]{0,4}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?")
Url = Annotated[
    StrictStr, AfterValidator(_url),
    WithJsonSchema({"type": "string", "format": "uri",
                    "pattern": r"^\s*[Hh][Tt][Tt][Pp][Ss]?://" + _AUTHORITY + r"(?:[/?#]\S*)?\s*" + _END}),
]

# Another briefing, by its address under briefings/ (v1.1 `watch[].by`): YYYY/MM/slug.
ADDRESS_PATTERN = r"^[0-9]{4}/(?:0[1-9]|1[0-2])/[a-z0-9]+(?:-[a-z0-9]+)*"
_ADDRESS_RE = re.compile(ADDRESS_PATTERN + r"\Z")
ADDRESS_EXAMPLE = "2026/06/ford-xiaomi-venture-announced"


def _address(value: str) -> str:
    if not _ADDRESS_RE.match(value):
        raise ValueError(f"'{value}' is not a briefing's address: write YYYY/MM/slug, e.g. {ADDRESS_EXAMPLE}")
    _slug_segment(value.rsplit("/", 1)[1])
    return value


Address = Annotated[
    StrictStr, AfterValidator(_address),
    # YYYY/MM/ is 8 characters: the length limit is the slug's own, which a pattern cannot count
    WithJsonSchema({"type": "string", "pattern": ADDRESS_PATTERN + _END, "maxLength": 8 + MAX_SEGMENT,
                    "description": "A briefing's address under briefings/: YYYY/MM/slug"}),
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Source(_Strict):
    """One outlet that carried the report; ``via`` names the outlet it cites."""

    name: TermName = Field(description="The outlet, e.g. Reuters")
    url: Optional[Url] = Field(None, description="Link to the report (http or https)")
    title: Optional[Text] = Field(None, description="The report's headline")
    date: Optional[When] = Field(None, description="When the outlet published it")
    via: Optional[TermName] = Field(None, description="The outlet this source cites, e.g. Financial Times")

    @field_validator("via")
    @classmethod
    def _not_itself(cls, via: Optional[str], info) -> Optional[str]:
        name = info.data.get("name")
        # Names that read the same are one outlet, whatever invisible characters they hold.
        if via and name and without_ignorable(via).casefold() == without_ignorable(name).casefold():
            raise ValueError("a source cannot cite itself")
        return via


class Denial(_Strict):
    """A named party's denial of the claim."""

    party: Name = Field(description="Who denied it, e.g. Ford")
    statement: Prose = Field(description="What they said, in plain text")
    date: Optional[When] = Field(None, description="When they said it")
    url: Optional[Url] = Field(None, description="Link to the statement (http or https)")


class HistoryStep(_Strict):
    """One move of the claim's status (v1.1): the history runs oldest first and ends at ``status``."""

    date: When = Field(description="When the status changed")
    status: Status = Field(description="The status from that date on")
    note: Optional[Prose] = Field(None, description="What happened, in plain text")
    url: Optional[Url] = Field(None, description="Link to what moved it (http or https)")


class Correction(_Strict):
    """What the desk got wrong in the briefing, and when it fixed it (v1.1)."""

    date: When = Field(description="When the briefing was corrected")
    text: Prose = Field(description="What was wrong, and what it now says")


class WatchItem(_Strict):
    """A signal to watch, as a mapping (v1.1): when an answer is due, and what answered it."""

    item: Prose = Field(description="The signal that would change the status")
    due: Optional[When] = Field(None, description="When the desk expects an answer")
    resolved: Optional[When] = Field(None, description="When it was answered; never before the briefing's date")
    by: Optional[Address] = Field(None, description="The briefing that answered it, by its address: YYYY/MM/slug")


# A watch entry is text (v1) or a mapping (v1.1): told apart by its shape, so that an error
# in a mapping names the mapping's field rather than every member of the union.
WATCH_TEXT, WATCH_MAPPING = "text", "mapping"
WatchEntry = Annotated[
    Union[Annotated[Prose, Tag(WATCH_TEXT)], Annotated[WatchItem, Tag(WATCH_MAPPING)]],
    Discriminator(lambda value: WATCH_TEXT if isinstance(value, str) else WATCH_MAPPING),
]


class FrontMatter(_Strict):
    """The front matter of one briefing, exactly as the contract fixes it."""

    title: Title = Field(
        description="The briefing's headline"
    )
    date: When = Field(description="Publication date of the briefing")
    updated: Optional[When] = Field(None, description="Last substantive update; never before date")
    status: Status = Field(description="Where the claim stands")
    claim: Optional[Text] = Field(None, description="The central claim being tracked, in plain text")
    summary: Optional[Summary] = Field(
        None, description="One or two sentences for listings and feeds (at most 400 characters)"
    )
    companies: list[TermName] = Field(default_factory=list, description="Companies the briefing is about")
    regions: list[TermName] = Field(default_factory=list, description="Countries or regions concerned")
    tags: list[TermName] = Field(default_factory=list, description="Topics")
    story: Optional[Slug] = Field(None, description="Slug grouping the briefings of one developing story")
    sources: list[Source] = Field(min_length=1, description="Who reported it, and whom they cite (via)")
    denials: list[Denial] = Field(default_factory=list, description="Named parties' denials")
    watch: list[WatchEntry] = Field(
        default_factory=list,
        description="Signals that would change the status: text, or a mapping with item, due, resolved and by",
    )
    authors: list[Name] = Field(default_factory=list, description="Who wrote the briefing")
    draft: StrictBool = Field(False, description="A draft is left out of a production build")
    slug: Optional[Slug] = Field(None, description="Overrides the URL slug taken from the file name")
    # v1.1. Rules across entries and fields (dates in order, the last status) are validate.rules().
    history: list[HistoryStep] = Field(
        default_factory=list, description="How the claim's status moved, oldest first; the last step is the status"
    )
    corrections: list[Correction] = Field(default_factory=list, description="What the desk corrected, and when")

    @field_validator("updated")
    @classmethod
    def _not_before_date(cls, updated: Optional[date], info) -> Optional[date]:
        published = info.data.get("date")
        if updated is not None and published is not None and instant(updated, end=True) < instant(published):
            raise ValueError(f"{updated.isoformat()} is earlier than date {published.isoformat()}")
        return updated


FIELDS = tuple(FrontMatter.model_fields)
SOURCE_FIELDS = tuple(Source.model_fields)
DENIAL_FIELDS = tuple(Denial.model_fields)
HISTORY_FIELDS = tuple(HistoryStep.model_fields)
CORRECTION_FIELDS = tuple(Correction.model_fields)
WATCH_FIELDS = tuple(WatchItem.model_fields)


def instant(value: date, end: bool = False) -> datetime:
    """An aware datetime for ordering; a bare date stands for its whole day (UTC).

    Safe for every date the model accepts: from EARLIEST to LATEST, with any UTC offset,
    it converts to UTC and compares without overflow."""
    if isinstance(value, datetime):
        return value
    moment = datetime(value.year, value.month, value.day, tzinfo=timezone.utc)
    return moment.replace(hour=23, minute=59, second=59) if end else moment
