"""`autobrief registry add`: one entry appended to a registry file (contract v1.1).

The file is edited through ruamel.yaml's round trip, which keeps its comments, key order,
quoting and flow lists; its indentation is read from the file itself, and an entry is set
apart by a blank line when the file's entries are. The file, or the registry folder, is
created when missing. The result is read back as the build reads it (``load_registry``)
before anything is written: an entry that would be an error there (a name or alias of
another entry, a bad LEI, a parent that names no company, a key already there) is refused
with the registry's own error lines, and nothing is written. Then it is written atomically:
a temporary file beside it, then renamed (edits.py, shared with `autobrief status`).

No MkDocs import; ruamel.yaml is loaded when an entry is added.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .core.corpus import BRIEFINGS_FOLDER, briefings_folder
from .core.errors import BriefingError, BriefingFileError
from .core.model import SLUG_RE, not_a_slug
from .core.reader import decode
from .core.registry import FILES, NOUNS, REGISTRY_FOLDER, load_registry
from .core.slugs import briefing_slug
from .core.yamlsafe import load_yaml
from .edits import Changed, dump, first_line, relaid, round_trip, text_scalar, write

# The command's word for a kind -> the registry's kind
KINDS = {"company": "company", "outlet": "source", "story": "story", "author": "author"}
# The fields each kind's entry takes, in the order they are written (NAME gives the first).
FIELDS = {
    "company": ("name", "aliases", "wikidata", "lei", "country", "website", "parent", "description"),
    "source": ("name", "aliases", "wikidata", "country", "website", "description"),
    "story": ("title", "summary"),
    "author": ("name", "description", "url"),
}
# field -> the option that gives it
OPTIONS = {"key": "--key", "aliases": "--alias", "wikidata": "--wikidata", "lei": "--lei", "country": "--country",
           "website": "--website", "parent": "--parent", "description": "--description", "title": "--title",
           "summary": "--summary", "url": "--url"}


class Refusal(Exception):
    """Why nothing is written: a message, the registry's error lines behind it, and the exit status."""

    def __init__(self, message: str, errors: list[BriefingError] | None = None, code: int = 1):
        super().__init__(message)
        self.message = message
        self.errors = errors or []
        self.code = code


@dataclass
class Added:
    path: str  # the registry file, as errors show it
    line: int  # of the new entry's key
    key: str
    created: bool  # the file was new
    relaid: list[int] = field(default_factory=list)  # lines of the old file the round trip wrote otherwise


def default_folder(cwd: Path) -> Path:
    """The registry folder beside the briefings folder: ./briefings's, or the one the current folder is in."""
    if (cwd / BRIEFINGS_FOLDER).is_dir():
        return cwd / REGISTRY_FOLDER
    folder = briefings_folder(cwd)
    return folder.parent / REGISTRY_FOLDER if folder.name == BRIEFINGS_FOLDER else cwd / REGISTRY_FOLDER


def options_for(word: str) -> list[str]:
    """The options a kind takes (besides --registry)."""
    kind = KINDS[word]
    if kind == "story":  # NAME is its key
        return [OPTIONS[f] for f in FIELDS[kind]]
    return ["--key"] + [OPTIONS[f] for f in FIELDS[kind][1:]]  # NAME is its name


def entry_of(word: str, name: str, given: dict) -> tuple[str, dict]:
    """(key, fields in order) of the entry the command adds; Refusal (exit 2) for an option the kind does not take."""
    kind = KINDS[word]
    takes = set(options_for(word))
    for option_field, value in given.items():
        if value is not None and value != [] and OPTIONS[option_field] not in takes:
            article = "an" if word[0] in "aeiou" else "a"
            raise Refusal(f"{OPTIONS[option_field]} is not for {article} {word}: {article} {word} takes "
                          + ", ".join(sorted(takes)), code=2)
    if kind == "story":
        if not SLUG_RE.fullmatch(name):
            raise Refusal(f"a story's NAME is its key, the slug briefings give in `story`: {not_a_slug(name)}", code=2)
        if given.get("title") is None:
            raise Refusal("a story needs --title: the title that heads its page", code=2)
        key = name
        values = {"title": given["title"], "summary": given.get("summary")}
    else:
        key = given.get("key") or briefing_slug(name)
        if not key:
            raise Refusal(f"'{name}' gives no key (it has no Latin letters or digits): give one with --key", code=2)
        values = {"name": name, **{f: given.get(f) for f in FIELDS[kind][1:]}}
    return key, {f: v for f, v in values.items() if v is not None and v != []}


def add_entry(folder: Path, shown: str, word: str, name: str, given: dict) -> Added:
    """Append the entry to its file in ``folder`` (``shown``: the folder's path in messages); Refusal if not."""
    kind = KINDS[word]
    key, values = entry_of(word, name, given)
    if folder.exists() and not folder.is_dir():
        raise Refusal(f"{shown} is not a folder", code=2)
    file = folder / FILES[kind]
    path = f"{shown.rstrip('/')}/{FILES[kind]}" if shown else FILES[kind]
    try:
        was = file.read_bytes() if file.exists() else None
    except OSError as exc:
        raise Refusal(f"cannot read {path}: {exc.strerror or exc}") from None
    old_text, old_data = "", {}
    if was is not None:
        broken = [e for e in load_registry(folder, shown).errors if e.path == path]
        if broken:
            raise Refusal(f"{path} has errors: fix them first; nothing written", broken)
        old_text = decode(was)  # valid: the registry read it
        old_data = load_yaml(old_text).data or {}
        if key in old_data:
            line = load_yaml(old_text).lines.get((key,), 1)
            noun = NOUNS[kind]
            raise Refusal("nothing written", [BriefingError(
                path, line, key, f"is already a {noun} of this file: choose another key with --key, or edit it"
                if kind != "story" else "is already a story of this file: edit it there")])
    new_text, laid_anew = _appended(was, key, values)
    # The file's own line endings (LF or CRLF) and byte-order mark stay as they were.
    ending = "\r\n" if was is not None and b"\r\n" in was else "\n"
    bom = "\ufeff" if was is not None and was.startswith(b"\xef\xbb\xbf") else ""
    data = (bom + new_text.replace("\n", ending)).encode("utf-8")
    _validate(path, kind, shown, data, old_data, key, values)
    try:
        write(file, data, was)
    except Changed as changed:
        raise Refusal(str(changed)) from None
    except OSError as exc:
        raise Refusal(f"cannot write {path}: {exc.strerror or exc}") from None
    return Added(path, load_yaml(decode(data)).lines.get((key,), 1), key, was is None, laid_anew)


# --- the round trip ----------------------------------------------------------------------------


def _entry_map(values: dict):
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    entry = CommentedMap()
    for name, value in values.items():
        if isinstance(value, list):
            seq = CommentedSeq([text_scalar(v) for v in value])
            seq.fa.set_flow_style()  # `aliases: [Xiaomi Corp, 小米]`, as the contract writes them
            entry[name] = seq
        else:
            entry[name] = text_scalar(value)
    return entry


def _layout(text: str) -> tuple[int, int, int, bool]:
    """(mapping indent, sequence indent, dash offset, entries apart) as the file lays them out:
    ruamel.yaml's indent() for its own indentation, and whether a blank line precedes its entries."""
    mapping = sequence = offset = None
    apart = False
    lines = text.split("\n")
    parent = None  # the indentation of the last key line
    top_keys = 0
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(line.lstrip(" "))
        dash = re.match(r"( *)-( +)\S", line)
        if dash and parent is not None and sequence is None:
            offset = len(dash.group(1)) - parent
            sequence = offset + 1 + len(dash.group(2))
        elif not dash and re.match(r" *[^\s#'\"-][^:]*:(?:\s|$)", line):
            if indent == 0:
                top_keys += 1
                if top_keys > 1 and i > 0 and not lines[i - 1].strip():
                    apart = True
            elif mapping is None and parent == 0:
                mapping = indent
            parent = indent
    mapping = mapping or 2
    if sequence is None or offset is None or offset < 0 or sequence < offset + 2:
        sequence, offset = mapping + 2, mapping
    return mapping, sequence, offset, apart


def _yaml(text: str):
    mapping, sequence, offset, apart = _layout(text)
    return round_trip(mapping, sequence, offset), apart


def _appended(was: bytes | None, key: str, values: dict) -> tuple[str, list[int]]:
    """The file's text with the entry appended (LF line endings, as decode gives them), and the
    lines of the old text that the round trip lays out anew."""
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.error import YAMLError

    old = decode(was) if was is not None else ""
    rt, apart = _yaml(old)
    entry = CommentedMap([(text_scalar(key), _entry_map(values))])
    try:
        alone = dump(rt, entry)
        loaded = rt.load(old) if old.strip() else None
        if loaded is None:  # no file, an empty one, or only comments: keep what is there, then the entry
            return (old + ("\n" if old and not old.endswith("\n") else "") + alone), []
        if not isinstance(loaded, CommentedMap):
            raise Refusal("the file is not a mapping of entries; nothing written")
        loaded[text_scalar(key)] = entry[text_scalar(key)]
        text = dump(rt, loaded)
    except YAMLError as exc:
        first = first_line(exc)
        raise Refusal(f"ruamel.yaml cannot edit the file and keep its layout: {first}; nothing written") from None
    if apart:  # a blank line before the new entry, as before the file's own
        lines = text.split("\n")
        at = max(i for i, line in enumerate(lines) if line[:1] not in ("", " ", "#", "\t"))
        if at > 0 and lines[at - 1].strip():
            lines.insert(at, "")
        text = "\n".join(lines)
    return text, relaid(old, text, 1, lambda line, kind: kind == "delete" and not line.strip())


def _validate(path: str, kind: str, shown: str, data: bytes, old: dict, key: str, values: dict) -> None:
    """The new file as the build reads it: its registry errors, and nothing but the entry added."""
    with tempfile.TemporaryDirectory(prefix="autobrief-registry-") as temp:
        Path(temp, FILES[kind]).write_bytes(data)
        errors = [e for e in load_registry(temp, shown).errors if e.path == path]
    if errors:
        raise Refusal(f"{path} would have errors with this entry; nothing written", errors)
    try:
        new = load_yaml(decode(data)).data or {}
    except BriefingFileError as exc:  # the registry would have said so; kept for safety
        raise Refusal(f"{path}: {exc.message}; nothing written") from None
    if list(new) != [*old, key] or any(new[k] != old[k] for k in old) or new[key] != values:
        raise Refusal(f"{path}: ruamel.yaml would change other entries' values; nothing written")
