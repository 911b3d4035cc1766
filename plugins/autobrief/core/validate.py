"""Validation of parsed front matter, with pydantic's errors turned into lines writers can act on."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import ValidationError

from .briefing import Briefing
from .errors import BriefingError
from .model import (
    DENIAL_FIELDS, FIELDS, MAX_SEGMENT, SLUG_RE, SOURCE_FIELDS, STATUSES, FrontMatter, not_a_slug,
    too_long_for_an_address,
)
from .reader import RawBriefing
from .slugs import briefing_slug
from .yamlsafe import format_path

_KNOWN = {(): FIELDS, "sources": SOURCE_FIELDS, "denials": DENIAL_FIELDS}
_REQUIRED_HINT = {
    "title": "is required: the briefing's headline",
    "date": "is required: the publication date, YYYY-MM-DD",
    "status": "is required: one of " + ", ".join(STATUSES),
    "sources": "is required: at least one source, e.g. `- name: Reuters`",
    "name": "is required: the outlet's name",
    "party": "is required: who denied it",
    "statement": "is required: what they said",
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


def _to_error(error: dict[str, Any], raw: RawBriefing, path: str) -> BriefingError:
    loc = tuple(error["loc"])
    kind = error["type"]
    return BriefingError(path, _line(loc, raw.lines, kind), format_path(loc) or "front matter", _message(loc, error, kind))


def _line(loc: tuple, lines: dict[tuple, int], kind: str) -> int:
    # A missing field has no line of its own: point at the mapping it belongs in.
    if kind == "missing":
        loc = loc[:-1]
    while loc:
        if loc in lines:
            return lines[loc]
        loc = loc[:-1]
    return 1


def _message(loc: tuple, error: dict[str, Any], kind: str) -> str:
    ctx = error.get("ctx") or {}
    value = error.get("input")
    name = loc[-1] if loc else ""
    if kind == "missing":
        return _REQUIRED_HINT.get(str(name), "is required")
    if kind == "extra_forbidden":
        parent = loc[0] if len(loc) > 1 else ()
        known = _KNOWN.get(parent, FIELDS)
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
