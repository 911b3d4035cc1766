"""Reading one briefing file: bytes -> text -> front matter + body.

python-frontmatter finds and splits the front matter; the YAML itself goes
through our bounded loader so that every field keeps its line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from frontmatter.default_handlers import YAMLHandler

from .errors import BriefingFileError
from .yamlsafe import LoadedYaml, load_yaml

_HANDLER = YAMLHandler()


@dataclass
class RawBriefing:
    """A file whose front matter parsed as YAML, not yet validated."""

    meta: Any
    lines: dict[tuple, int]
    body: str
    body_line: int  # the file line where the body starts


def decode(data: bytes) -> str:
    """UTF-8 (a byte-order mark is allowed), with any line endings made \\n."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BriefingFileError(
            line, "file", f"is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); save it as UTF-8"
        ) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def split(text: str) -> RawBriefing:
    if not text.strip():
        raise BriefingFileError(1, "file", "is empty; a briefing starts with front matter between --- lines")
    if not _HANDLER.detect(text):
        raise BriefingFileError(1, "file", "has no front matter: the first line must be --- and the fields follow")
    # The handler's own boundary pattern, walked by match so that lines stay exact.
    boundaries = _HANDLER.FM_BOUNDARY.finditer(text)
    opening = next(boundaries)
    closing = next(boundaries, None)
    if closing is None:
        raise BriefingFileError(1, "file", "front matter is not closed: add a --- line after the last field")
    fm = text[opening.end() : closing.start()]
    loaded: LoadedYaml = load_yaml(fm, offset=text.count("\n", 0, opening.end()))
    body = text[closing.end() :]
    stripped = body.lstrip("\n")
    body_line = text.count("\n", 0, closing.end()) + 1 + (len(body) - len(stripped))
    body = stripped
    return RawBriefing(loaded.data, loaded.lines, body, body_line)


def read(data: bytes) -> RawBriefing:
    return split(decode(data))
