"""Validation of parsed front matter, with pydantic's errors turned into lines writers can act on."""

from __future__ import annotations

import difflib
from typing import Any

from types import SimpleNamespace

from pydantic import TypeAdapter, ValidationError

from . import addresses
from .briefing import Briefing
from .errors import BriefingError
from .model import (
    CORRECTION_FIELDS, DENIAL_FIELDS, FIELDS, HISTORY_FIELDS, MAX_SEGMENT, SLUG_RE, SOURCE_FIELDS, STATUSES,
    WATCH_FIELDS, WATCH_MAPPING, WATCH_TEXT, Correction, FrontMatter, HistoryStep, Slug, Status, WatchEntry,
    WatchItem, When, instant, not_a_slug, too_long_for_an_address,
)
from .reader import RawBriefing
from .slugs import briefing_slug
from .yamlsafe import format_path

_KNOWN = {(): FIELDS, "sources": SOURCE_FIELDS, "denials": DENIAL_FIELDS, "history": HISTORY_FIELDS,
          "corrections": CORRECTION_FIELDS, "watch": WATCH_FIELDS}
_ENTRY_HINT = {
    ("history", "date"): "is required: when the status changed, YYYY-MM-DD",
    ("corrections", "date"): "is required: when the briefing was corrected, YYYY-MM-DD",
}
_UNION_TAGS = {WATCH_TEXT, WATCH_MAPPING}  # pydantic's names for the shapes of a watch entry, in error locations
_REQUIRED_HINT = {
    "title": "is required: the briefing's headline",
    "date": "is required: the publication date, YYYY-MM-DD",
    "status": "is required: one of " + ", ".join(STATUSES),
    "sources": "is required: at least one source, e.g. `- name: Reuters`",
    "name": "is required: the outlet's name",
    "party": "is required: who denied it",
    "statement": "is required: what they said",
    "text": "is required: what was wrong, and what the briefing now says",
    "item": "is required: the signal to watch",
}


def validate(raw: RawBriefing, path: str, stem: str, source: str = "") -> tuple[Briefing | None, list[BriefingError]]:
    """Validate one file's front matter; return the briefing or its errors (never both)."""
    meta = raw.meta
    if meta is None:
        return None, [BriefingError(path, 1, "front matter", "is empty: title, date, status and sources are required")]
    if not isinstance(meta, dict):
        return None, [BriefingError(path, 1, "front matter", f"must be a mapping of fields, not {_kind(meta)}")]
    errors: list[BriefingError] = []
    try:
        front = FrontMatter.model_validate(meta)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            errors.append(_to_error(error, raw, path))
        front = None
    # The rules across entries, even when some field is broken: every broken rule at once.
    errors += rules(front or _salvage(meta), raw.lines, path, stem)
    slug = front.slug if front and front.slug else stem
    if front and not front.slug and not SLUG_RE.fullmatch(stem):
        errors.append(
            BriefingError(
                path, 1, "slug",
                f"the file name '{stem}' is not a valid URL slug (lowercase letters, digits, single hyphens): "
                f"rename the file or set `slug: {briefing_slug(stem) or 'briefing'}`",
            )
        )
    elif front and not front.slug and len(stem) > MAX_SEGMENT:  # a slug is ASCII: a character is a byte
        advice = "rename the file or set a shorter slug"
        errors.append(BriefingError(path, 1, "slug", "the file name " + too_long_for_an_address(stem, len(stem), advice)))
    if errors:
        return None, sorted(set(errors))
    return Briefing(path=path, front=front, body=raw.body, body_line=raw.body_line, slug=slug, lines=raw.lines,
                    source=source), []


def rules(front: FrontMatter, lines: dict[tuple, int], path: str, stem: str) -> list[BriefingError]:
    """The v1.1 rules that hold across entries and fields, each broken one at its entry's line.

    ``stem`` (the file name's) gives the briefing's own address, which a watch item's
    ``by`` may not name; whether it names one that exists is for the corpus to say
    (core/corpus.py), which knows every briefing.
    """
    errors = []

    def error(loc: tuple, message: str) -> None:
        errors.append(BriefingError(path, error_line(loc, lines, ""), format_path(loc), message))

    published = front.date
    start = instant(published) if published else None

    def before_date(when) -> bool:  # a bare date stands for its whole day
        return start is not None and instant(when, end=True) < start

    previous = None
    for i, step in enumerate(front.history):
        if step is None:  # broken itself: reported as such
            continue
        if before_date(step.date):
            error(("history", i, "date"), f"{step.date.isoformat()} is earlier than the briefing's date {published.isoformat()}")
        elif previous is not None and instant(step.date, end=True) < instant(previous):
            error(("history", i, "date"), f"{step.date.isoformat()} is earlier than a step before it "
                                          f"({previous.isoformat()}): history runs oldest first")
        previous = step.date if previous is None or instant(step.date) > instant(previous) else previous
    if front.history and front.history[-1] and front.status and front.history[-1].status != front.status:
        last = len(front.history) - 1
        error(("history", last, "status"), f"is '{front.history[-1].status}', but the briefing's status is "
                                           f"'{front.status}': the last step of the history is the current status")
    for i, correction in enumerate(front.corrections):
        if correction and before_date(correction.date):
            error(("corrections", i, "date"),
                  f"{correction.date.isoformat()} is earlier than the briefing's date {published.isoformat()}")
    # This briefing's own URL, which its watch items' `by` may not name
    here = addresses.briefing(published.year, published.month, front.slug or stem) if published else None
    for i, entry in enumerate(front.watch):
        if not isinstance(entry, WatchItem):
            continue
        if entry.resolved and before_date(entry.resolved):
            error(("watch", i, "resolved"),
                  f"{entry.resolved.isoformat()} is earlier than the briefing's date {published.isoformat()}")
        if entry.by and addresses.briefing_at(entry.by) == here:
            error(("watch", i, "by"), f"'{entry.by}' is this briefing: name the briefing that answered it")
    return errors


def _salvage(meta: dict) -> SimpleNamespace:
    """What the rules read, from front matter that failed validation: each part that is valid on its own."""
    def valid(kind, value):
        try:
            return TypeAdapter(kind).validate_python(value, strict=True)
        except ValidationError:
            return None

    def entries(name: str, kind) -> list:
        value = meta.get(name)
        return [valid(kind, item) for item in value] if isinstance(value, list) else []

    slug = valid(Slug, meta.get("slug"))
    return SimpleNamespace(date=valid(When, meta.get("date")), status=valid(Status, meta.get("status")), slug=slug,
                           history=entries("history", HistoryStep), corrections=entries("corrections", Correction),
                           watch=entries("watch", WatchEntry))


def _to_error(error: dict[str, Any], raw: RawBriefing, path: str) -> BriefingError:
    loc = tuple(error["loc"])
    # ("watch", 2, "mapping", "due") -> ("watch", 2, "due"): where the writer typed it.
    if len(loc) > 2 and loc[0] == "watch" and loc[2] in _UNION_TAGS:
        if loc[2] == WATCH_MAPPING and len(loc) == 3 and error["type"] in ("model_type", "model_attributes_type"):
            value = error.get("input")
            return BriefingError(path, error_line(loc[:2], raw.lines, ""), format_path(loc[:2]),
                                 f"must be text, or a mapping with item (and due, resolved, by), not {_kind(value)}")
        loc = loc[:2] + loc[3:]
    kind = error["type"]
    return BriefingError(path, error_line(loc, raw.lines, kind), format_path(loc) or "front matter",
                         error_message(loc, error, kind))


def error_line(loc: tuple, lines: dict[tuple, int], kind: str) -> int:
    # A missing field has no line of its own: point at the mapping it belongs in.
    if kind == "missing":
        loc = loc[:-1]
    while loc:
        if loc in lines:
            return lines[loc]
        loc = loc[:-1]
    return 1


def error_message(loc: tuple, error: dict[str, Any], kind: str, known: tuple | None = None) -> str:
    """The writer's words for one pydantic error; ``known``: the fields beside it (else the briefing's)."""
    ctx = error.get("ctx") or {}
    value = error.get("input")
    name = loc[-1] if loc else ""
    if kind == "missing":
        entry = loc[0] if len(loc) == 3 else None  # ("history", 0, "date"): a field of an entry
        return _ENTRY_HINT.get((entry, str(name))) or _REQUIRED_HINT.get(str(name), "is required")
    if kind == "extra_forbidden":
        if known is None:
            known = _KNOWN.get(loc[0] if len(loc) > 1 else (), FIELDS)
        close = difflib.get_close_matches(str(name), known, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else "known fields: " + ", ".join(known)
        return f"unknown field; {hint}"
    if kind == "literal_error":
        statuses = ", ".join(STATUSES)
        if value is None:
            return f"is empty: use one of {statuses}"
        if not isinstance(value, str):
            return f"must be one of {statuses}, not {_kind(value)}"
        close = difflib.get_close_matches(value, STATUSES, n=1, cutoff=0.5)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"'{value}' is not a status: use one of {statuses}{hint}"
    if value is None and kind.endswith("_type"):
        return "is empty"
    if kind == "string_type":
        return f"must be text, not {_kind(value)}" + (" (put it in quotes)" if _scalar(value) else "")
    if kind == "list_type":
        return f"must be a list, not {_kind(value)}" + (f" (write [{value}])" if isinstance(value, str) else "")
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"must be a mapping of fields, not {_kind(value)}"
    if kind == "bool_type":
        return "must be true or false, not " + (f"'{value}'" if isinstance(value, str) else _kind(value))
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"must be at most {ctx.get('max_length')} characters (it has {len(str(value).strip())})"
    if kind == "too_short":
        return "needs at least one source" if name == "sources" else "must not be empty"
    if kind == "string_pattern_mismatch":
        return not_a_slug(value)
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return "is not valid here" + (f": it is {_kind(value)}" if value is not None else "")


def _scalar(value: Any) -> bool:
    """A value that quotes would make text: a number, true/false, a date."""
    return isinstance(value, (bool, int, float)) or hasattr(value, "isoformat")


def _kind(value: Any) -> str:
    """What a YAML value is, in a writer's words (never Python's type names)."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str):
        return "text"
    if isinstance(value, (set, frozenset)):
        return "a set (!!set)"
    if isinstance(value, tuple):
        return "a key: value pair (!!omap or !!pairs)"
    if isinstance(value, (bytes, bytearray)):
        return "binary data (!!binary)"
    if hasattr(value, "isoformat"):
        return "a date"
    return "a value of another kind"
