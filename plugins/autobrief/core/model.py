"""The front-matter contract (shared/briefing-format.md, v1) as pydantic models.

Field names, types and rules here are the contract: add optional fields, never
rename or drop one. Messages are written for writers, not programmers; see
``validate.py`` for how pydantic's errors become ``path:line: field: message``.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from typing import Annotated, Any, Literal, Optional
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StrictBool,
    StrictStr,
    StringConstraints,
    WithJsonSchema,
    field_validator,
)

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
        return value
    if isinstance(value, date):
        return value
    raise ValueError("must be a date (YYYY-MM-DD) or an ISO 8601 time with offset")


def _plain(value: str) -> str:
    """Text a page, a feed and a terminal can all show: no control characters or noncharacters."""
    for char in value:
        code = ord(char)
        if (code < 32 and char not in "\t\n\r") or 0x7F <= code < 0xA0 or 0xD800 <= code < 0xE000 \
                or 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE:
            raise ValueError(f"contains the control character U+{code:04X}: remove it")
    return value


def _url(value: str) -> str:
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme.lower() not in URL_SCHEMES:
        shown = f"'{parts.scheme}:'" if parts.scheme else "none (a relative URL)"
        raise ValueError(f"must be an absolute http or https URL; its scheme is {shown}")
    if not parts.netloc or any(c.isspace() or ord(c) < 32 for c in value):
        raise ValueError("must be an absolute http or https URL with a host and no spaces")
    return value


When = Annotated[
    date,
    PlainValidator(_when),
    # ISO 8601 out, exactly as written in: a date stays a date, a time keeps its offset.
    PlainSerializer(lambda value: value.isoformat(), return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date"},
                {"type": "string", "format": "date-time", "pattern": r"(Z|[+-]\d\d:\d\d)$"},
            ],
            "description": "YYYY-MM-DD, or an ISO 8601 date-time with its UTC offset",
        }
    ),
]
# JSON Schema patterns, written so that ECMA-262 (editors) and Python (jsonschema) agree:
# (?![\s\S]) is "end of text" in both, where Python's $ also matches before a final newline.
_END = r"(?![\s\S])"
_SOME_TEXT = r"\S"  # the model trims first: all-blank text is empty
Text = Annotated[StrictStr, StringConstraints(strip_whitespace=True), AfterValidator(_plain)]
Name = Annotated[
    StrictStr, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_plain),
    WithJsonSchema({"type": "string", "minLength": 1, "pattern": _SOME_TEXT}),
]
Slug = Annotated[
    StrictStr, StringConstraints(pattern=SLUG_PATTERN),
    WithJsonSchema({"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*" + _END}),
]
# 1 to 200 characters once trimmed: first and last visible characters at most 200 apart.
Title = Annotated[
    StrictStr, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), AfterValidator(_plain),
    WithJsonSchema({"type": "string", "pattern": r"^\s*\S(?:[\s\S]{0,198}\S)?\s*" + _END}),
]
Summary = Annotated[
    StrictStr, StringConstraints(strip_whitespace=True, max_length=400), AfterValidator(_plain),
    WithJsonSchema({"type": "string", "pattern": r"^\s*(?:\S(?:[\s\S]{0,398}\S)?)?\s*" + _END}),
]
Url = Annotated[
    StrictStr, AfterValidator(_url),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": r"^\s*[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#]+\S*\s*" + _END}),
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Source(_Strict):
    """One outlet that carried the report; ``via`` names the outlet it cites."""

    name: Name = Field(description="The outlet, e.g. Reuters")
    url: Optional[Url] = Field(None, description="Link to the report (http or https)")
    title: Optional[Text] = Field(None, description="The report's headline")
    date: Optional[When] = Field(None, description="When the outlet published it")
    via: Optional[Name] = Field(None, description="The outlet this source cites, e.g. Financial Times")

    @field_validator("via")
    @classmethod
    def _not_itself(cls, via: Optional[str], info) -> Optional[str]:
        name = info.data.get("name")
        if via and name and via.casefold() == name.casefold():
            raise ValueError("a source cannot cite itself")
        return via


class Denial(_Strict):
    """A named party's denial of the claim."""

    party: Name = Field(description="Who denied it, e.g. Ford")
    statement: Name = Field(description="What they said, in plain text")
    date: Optional[When] = Field(None, description="When they said it")
    url: Optional[Url] = Field(None, description="Link to the statement (http or https)")


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
    companies: list[Name] = Field(default_factory=list, description="Companies the briefing is about")
    regions: list[Name] = Field(default_factory=list, description="Countries or regions concerned")
    tags: list[Name] = Field(default_factory=list, description="Topics")
    story: Optional[Slug] = Field(None, description="Slug grouping the briefings of one developing story")
    sources: list[Source] = Field(min_length=1, description="Who reported it, and whom they cite (via)")
    denials: list[Denial] = Field(default_factory=list, description="Named parties' denials")
    watch: list[Name] = Field(default_factory=list, description="Signals that would change the status")
    authors: list[Name] = Field(default_factory=list, description="Who wrote the briefing")
    draft: StrictBool = Field(False, description="A draft is left out of a production build")
    slug: Optional[Slug] = Field(None, description="Overrides the URL slug taken from the file name")

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


def instant(value: date, end: bool = False) -> datetime:
    """An aware datetime for ordering; a bare date stands for its whole day (UTC)."""
    if isinstance(value, datetime):
        return value
    moment = datetime(value.year, value.month, value.day, tzinfo=timezone.utc)
    return moment.replace(hour=23, minute=59, second=59) if end else moment
