"""Safe, bounded YAML loading that remembers the line of every field.

PyYAML's safe loader never runs code, but it still expands aliases lazily:
``&a [*a, *a, ...]`` nested ten deep is a few hundred bytes of text and
billions of values to anyone who walks the result. We therefore compose the
node graph first, measure it with memoisation (linear in the text), and only
construct Python objects from a graph within bounds: in values, and in the
characters of text they hold (`claim: &a <20,000 characters>` then 5,000
`*a` is 100 MB to every page, feed and index that shows it).

Lines are the lines an editor shows: YAML 1.1 also breaks lines at U+0085,
U+2028 and U+2029, which editors (and the contract) do not.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import BriefingFileError

# Bounds far above any real briefing, far below what hurts a build.
MAX_NODES = 50_000  # values after alias expansion
MAX_DEPTH = 32  # nesting of lists and mappings
MAX_FRONT_MATTER = 1_000_000  # characters
MAX_EXPANDED = MAX_FRONT_MATTER  # characters of all keys and values, aliases expanded
EXPANDS = (f"expands to more than {MAX_EXPANDED:,} characters through aliases (&anchor and *alias): "
           "repeat the text less")

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader with YAML 1.2 booleans and forgiving timestamps."""


# YAML 1.1 reads `NO` (Norway), `on`, `yes` as booleans; a region list must not
# lose Norway. Keep only true/false, as YAML 1.2 does.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _timestamp(loader: SafeConstructor, node: ScalarNode) -> Any:
    # `2026-02-30` looks like a date but is none: keep the text so that the
    # validator can report it with its field and line instead of a traceback.
    try:
        return SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def _int(loader: SafeConstructor, node: ScalarNode) -> Any:
    # Python refuses to parse integers of more than 4,300 digits; no field is a
    # number, so stand in a number the validator reports as "must be text".
    try:
        return SafeConstructor.construct_yaml_int(loader, node)
    except ValueError:
        return float("inf")


_Loader.add_constructor("tag:yaml.org,2002:int", _int)
STR_TAG = "tag:yaml.org,2002:str"

Path = tuple  # a path of keys and list indexes, e.g. ("sources", 1, "url")


@dataclass
class LoadedYaml:
    data: Any
    lines: dict[Path, int] = field(default_factory=dict)  # 1-based, relative to the YAML text


def load_yaml(text: str, offset: int = 0) -> LoadedYaml:
    """Load one YAML document; raise BriefingFileError on failure.

    Lines, in errors and in ``LoadedYaml.lines``, are 1-based lines of the
    file: ``offset`` is the number of file lines before the YAML text.
    """
    if len(text) > MAX_FRONT_MATTER:
        raise BriefingFileError(1 + offset, "front matter", f"is larger than {MAX_FRONT_MATTER:,} characters")
    line_of = _Lines(text, offset)
    loader = _Loader(text)
    try:
        try:
            node = loader.get_single_node()
        except RecursionError:
            raise BriefingFileError(1 + offset, "front matter", f"is nested too deeply (limit {MAX_DEPTH} levels)")
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = line_of(mark) if mark else 1 + offset
            problem = " ".join(p for p in (exc.context, exc.problem) if p)
            raise BriefingFileError(line, "front matter", f"invalid YAML: {problem}")
        except yaml.reader.ReaderError as exc:
            line = text.count("\n", 0, max(exc.position, 0)) + 1 + offset
            char = exc.character if isinstance(exc.character, str) else chr(exc.character)
            raise BriefingFileError(
                line, "front matter", f"invalid YAML: the character U+{ord(char):04X} is not allowed: remove it"
            )
        except yaml.YAMLError as exc:
            raise BriefingFileError(1 + offset, "front matter", f"invalid YAML: {exc}")
        if node is None:
            return LoadedYaml(None)
        lines: dict[Path, int] = {}
        _Measure(lines, line_of).visit(node, (), 0)
        try:
            data = loader.construct_document(node)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            raise BriefingFileError(line_of(mark) if mark else 1 + offset, "front matter", f"invalid YAML: {exc.problem}")
        return LoadedYaml(data, lines)
    finally:
        loader.dispose()


class _Lines:
    """The file line of a YAML mark, counting only the line breaks an editor counts.

    YAML 1.1 (PyYAML, libyaml) also breaks lines at U+0085, U+2028 and U+2029; an editor
    does not. Marks carry their character index, so a file holding one of these is counted
    from its own newlines; any other file takes the mark's line as it is.
    """

    def __init__(self, text: str, offset: int):
        self.offset = offset
        odd = "\x85" in text or "\u2028" in text or "\u2029" in text
        self.breaks = [m.start() for m in re.finditer(r"\r\n|\r|\n", text)] if odd else None

    def __call__(self, mark) -> int:
        if self.breaks is None:
            return mark.line + 1 + self.offset
        return bisect.bisect_left(self.breaks, mark.index) + 1 + self.offset


# Every briefing's line table has the same keys ("sources", 0, "name")...: one tuple each for all,
# not one per briefing (75,000 tuples at 3,000 briefings, kept for the errors of later checks).
_PATHS: dict[Path, Path] = {}


def _shared(path: Path) -> Path:
    return _PATHS.setdefault(path, path)


class _Measure:
    """Walks a node graph once, counting expanded size (values and characters), depth,
    cycles and duplicate keys."""

    def __init__(self, lines: dict[Path, int], line_of: _Lines):
        self.lines = lines
        self.line_of = line_of
        self.sizes: dict[int, tuple[int, int]] = {}  # node -> (values, characters), aliases expanded
        self.open: set[int] = set()

    def visit(self, node: Node, path: Path, depth: int) -> tuple[int, int]:
        line = self.line_of(node.start_mark)
        if depth > MAX_DEPTH:
            raise BriefingFileError(line, _field(path), f"is nested too deeply (limit {MAX_DEPTH} levels)")
        key = id(node)
        if key in self.open:
            raise BriefingFileError(line, _field(path), "refers to itself through an alias")
        if key in self.sizes:  # an alias to a node already measured
            size, chars = self.sizes[key]
        else:
            self.open.add(key)
            size, chars = 1, len(node.value) if isinstance(node, ScalarNode) else 0
            for p, child in self._children(node, path):
                values, text = self.visit(child, p, depth + 1)
                size += values
                chars += text
                if chars > MAX_EXPANDED:  # stop at the alias that goes over, not after the whole list
                    raise BriefingFileError(line, _field(path), EXPANDS)
            self.open.discard(key)
            self.sizes[key] = (size, chars)
        if size > MAX_NODES:
            raise BriefingFileError(
                line, _field(path), f"expands to more than {MAX_NODES:,} values (too many aliases?)"
            )
        if chars > MAX_EXPANDED:
            raise BriefingFileError(line, _field(path), EXPANDS)
        return size, chars

    def _children(self, node: Node, path: Path):
        if isinstance(node, SequenceNode):
            for index, child in enumerate(node.value):
                sub = path + (index,)
                if len(sub) <= 3:
                    self.lines.setdefault(_shared(sub), self.line_of(child.start_mark))
                yield sub, child
        elif isinstance(node, MappingNode):
            seen: dict[Any, int] = {}
            for key_node, child in node.value:
                name = key_node.value if isinstance(key_node, ScalarNode) else "?"
                key_line = self.line_of(key_node.start_mark)
                if isinstance(key_node, ScalarNode) and key_node.tag != STR_TAG and name != "<<":
                    raise BriefingFileError(
                        key_line, _field(path + (name,)), "is not a field name: write field names as text, e.g. title"
                    )
                if isinstance(key_node, ScalarNode) and name != "<<":
                    if name in seen:
                        raise BriefingFileError(
                            key_line, _field(path + (name,)),
                            f"is given twice (first on line {seen[name]})",
                        )
                    seen[name] = key_line
                sub = path + (name,)
                if len(sub) <= 3:
                    self.lines.setdefault(_shared(sub), key_line)
                yield sub, key_node
                yield sub, child


def _field(path: Path) -> str:
    return format_path(path) or "front matter"


def format_path(path: Path) -> str:
    """("sources", 1, "url") -> "sources[1].url"."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
