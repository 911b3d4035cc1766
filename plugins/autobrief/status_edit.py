"""`autobrief status`: a briefing's claim moved to a new status, the step appended to its `history`.

Only the front matter changes, through ruamel.yaml's round trip, which keeps its comments, key
order, quoting and flow lists; new list entries are indented as the file's `sources:`, and the body,
the line endings (LF or CRLF) and a byte-order mark are kept byte for byte. The result is checked as
`autobrief check` checks a file, and read back, before anything is written: what would fail the
check, or a round trip that would change another value, is refused and nothing is written. Then it
is written atomically: a temporary file beside it, then renamed.

No MkDocs import; ruamel.yaml is loaded when a briefing is moved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path, PurePosixPath

from .core.corpus import check_file
from .core.model import instant
from .core.reader import read
from .edits import Changed, dump, first_line, relaid, round_trip, text_scalar, write

_DELIMITER = re.compile(r"-{3,}\s*")  # a `---` line, as the reader (python-frontmatter) finds one
_LINE_ENDS = re.compile(r"(?<=\n)|(?<=\r)(?!\n)")  # after each line ending: \n, \r\n or a lone \r
_BOM = "\ufeff"


class Refusal(Exception):
    """Why `autobrief status` writes nothing: one message per line, and the exit status."""

    def __init__(self, messages: list[str], code: int = 1):
        super().__init__("; ".join(messages))
        self.messages = messages
        self.code = code


@dataclass
class Moved:
    old: str  # the status the briefing had
    relaid: list[int] = field(default_factory=list)  # lines of the old file the round trip wrote otherwise


def move(path: Path, was: bytes, shown: str, rel: str, status: str, note: str, url: str | None,
         when: date) -> Moved:
    """Move the briefing at ``path``, read as ``was`` and passing `autobrief check` (``shown``: its path in
    messages, ``rel``: in its briefings folder), to ``status`` with a step dated ``when``; Refusal if not."""
    text = was.decode("utf-8")
    bom = _BOM if text.startswith(_BOM) else ""
    opening, front, rest, ending = _split_front(text[len(bom):])
    plain = front.replace("\r\n", "\n").replace("\r", "\n")
    try:
        moved, old = _moved(plain, status, note, url, when)
        data = (bom + opening + moved.replace("\n", ending) + rest).encode("utf-8")
        # The build's own validator is the last word, as for `new`: what would fail `check` is never written.
        _, errors = check_file(data, shown, PurePosixPath(rel).stem, rel)
        if errors:
            raise Refusal([f"{e.field}: {e.message}" for e in errors])
        before = read(was).meta
        steps = [] if before.get("history") else [{"date": before["date"], "status": old}]
        steps.append({key: value for key, value in (("date", when), ("status", status), ("note", note),
                                                    ("url", url)) if value is not None})
        if read(data).meta != _expected(before, status, steps):  # ruamel.yaml must change nothing else
            raise Refusal(["front matter: ruamel.yaml would change other fields' values; nothing written"])
        write(path, data, was)
    except Changed as changed:
        raise Refusal([f"file: {changed}"]) from None
    except OSError as exc:
        raise Refusal([f"cannot write {shown}: {exc.strerror or exc}"]) from None
    # Lines of the file (the front matter starts on line 2) that the round trip wrote otherwise, besides
    # `status:`, `updated:` and the lines it added: e.g. `[ US,  China ]` spaced as `[US, China]`.
    return Moved(old, relaid(plain, moved, 2, lambda line, kind: line.startswith(("status:", "updated:"))))


def _split_front(text: str) -> tuple[str, str, str, str]:
    """(opening `---` line, front matter, closing `---` line and body, line ending), exactly as in the file."""
    lines = [line for line in _LINE_ENDS.split(text) if line]
    close = next(i for i in range(1, len(lines)) if _DELIMITER.fullmatch(lines[i].rstrip("\r\n")))
    ending = lines[0][len(lines[0].rstrip("\r\n")):] or "\n"
    return lines[0], "".join(lines[1:close]), "".join(lines[close:]), ending


def _indents(front: str) -> tuple[int, int, int]:
    """ruamel.yaml's (mapping, sequence, offset) for the file's own layout: the lists as `sources:`
    is laid out (else the first block list), block text as the first `key: >-` of the file."""
    mapping, lists = None, {}
    lines = front.split("\n")
    for i, line in enumerate(lines):
        key = re.match(r"([^\s#][^:]*):[ \t]*(?:([|>])[-+]?[ \t]*)?(?:#.*)?$", line)
        if not key:
            continue
        after = next((n for n in lines[i + 1:] if n.strip() and not n.lstrip().startswith("#")), "")
        if key.group(2):
            if mapping is None and after.startswith(" "):
                mapping = len(after) - len(after.lstrip(" "))
        else:
            dash = re.match(r"( *)-( +)\S", after)
            if dash:
                lists.setdefault(key.group(1), (len(dash.group(1)) + 1 + len(dash.group(2)), len(dash.group(1))))
    sequence, offset = lists.get("sources") or next(iter(lists.values()), (4, 2))
    return mapping or 2, sequence, offset


def _step(when, status: str, note: str | None = None, url: str | None = None):
    from ruamel.yaml.comments import CommentedMap

    step = CommentedMap(date=when, status=status)
    if note is not None:
        step["note"] = text_scalar(note)  # `yes` or `off` quoted: YAML 1.1 tools read them as true/false
    if url is not None:
        step["url"] = url
    return step


def _comment(value: str, column: int):
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    return CommentToken(value, CommentMark(column), None)


def _keep_after(last, step) -> None:
    """Blank and comment lines below the history's last step stay below the history, after ``step``."""
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.scalarstring import LiteralScalarString, FoldedScalarString

    if not isinstance(last, CommentedMap) or not last or last.fa.flow_style():
        return
    key = list(last)[-1]
    slot = last.ca.items.get(key)
    if not slot or len(slot) < 3 or slot[2] is None:
        return
    value = slot[2].value
    if isinstance(last[key], (LiteralScalarString, FoldedScalarString)):
        own, below = "", value  # a block of text ends its own line: all that follows is below it
    else:
        own, _, below = value.partition("\n")  # the line's own comment, if any, stays on its line
        own += "\n"
    if not below:
        return
    if own.strip():
        slot[2] = _comment(own, slot[2].column)
    else:
        slot[2] = None
        if not any(slot):
            del last.ca.items[key]
    step.ca.items[list(step)[-1]] = [None, None, _comment("\n" + below, 0), None]


def _set(front, key: str, new, text: str) -> None:
    """``key: new``, quoted as the old value was, its end-of-line comment as far from it as it was."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

    old = front[key]
    quoted = type(old) if isinstance(old, (SingleQuotedScalarString, DoubleQuotedScalarString)) else None
    front[key] = quoted(new) if quoted else new
    slot = front.ca.items.get(key)
    token = slot[2] if slot and len(slot) > 2 else None
    if token is None or not token.value.startswith("#"):
        return
    line = text.split("\n")[token.start_mark.line] if token.start_mark else ""
    gap = max(1, token.column - len(line[:token.column].rstrip()))
    shown = new.isoformat() if isinstance(new, date) else str(new)
    width = len(f"{key}: ") + len(shown) + (2 if quoted else 0)
    # An aligned comment stays in its column while the value fits; else it keeps its (usual) two spaces.
    slot[2] = _comment(token.value, max(token.column, width + min(gap, 2)))


def _when_copy(value):
    """The briefing's date as a value of its own, which ruamel.yaml writes out again rather than as
    an alias (`&id001`) of the date; a time keeps its offset and layout (ruamel's deepcopy drops them)."""
    if isinstance(value, datetime):
        return value.replace()  # ruamel's TimeStamp.replace copies its layout too
    return date(value.year, value.month, value.day)


def _moved(front: str, status: str, note: str, url: str | None, when: date) -> tuple[str, str]:
    """The front matter with the new step and status, and the status it had: through ruamel.yaml's
    round trip, which keeps comments, key order, quoting and flow lists."""
    from ruamel.yaml.comments import CommentedSeq
    from ruamel.yaml.error import YAMLError

    yaml_rt = round_trip(*_indents(front))
    try:
        meta = yaml_rt.load(front)
    except YAMLError as exc:
        raise Refusal([f"front matter: ruamel.yaml cannot read it to keep its layout: {first_line(exc)}"]) from None
    old = str(meta["status"])
    if old == status:
        raise Refusal([f"status: is already {old}"])
    history = meta.get("history")
    step = _step(when, status, note, url)
    if history:
        _keep_after(history[-1], step)
        history.append(step)
    else:
        steps = CommentedSeq([_step(_when_copy(meta["date"]), old), step])
        meta["history"] = steps  # in its place when it was there, empty; else last, as in the seed briefing
    _set(meta, "status", status, front)
    if _bumps(meta.get("updated"), when):  # a move is a substantive update: feeds and the sitemap follow it
        _set(meta, "updated", _when_copy(when), front)
    try:
        return dump(yaml_rt, meta), old
    except YAMLError as exc:
        raise Refusal([f"front matter: ruamel.yaml cannot write it: {first_line(exc)}"]) from None


def _bumps(updated, when: date) -> bool:
    """Whether a step dated ``when`` moves a given ``updated`` on (an absent one stays absent)."""
    return updated is not None and instant(when, end=True) > instant(updated, end=True)


def _expected(before: dict, status: str, steps: list[dict]) -> dict:
    after = dict(before, status=status)
    if _bumps(before.get("updated"), steps[-1]["date"]):
        after["updated"] = steps[-1]["date"]
    after["history"] = list(before.get("history") or []) + steps
    return after
