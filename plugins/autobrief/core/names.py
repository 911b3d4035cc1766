"""The names briefings write that no registry entry resolves to (contract v1.1).

A company, outlet (a ``sources`` name or ``via``) or author that is in no registry works
as in v1. When the kind's registry has entries and the name is close to one of them, a
typo or a longer form of a known name, `autobrief check` warns, naming the entry; with
``closed`` (``autobrief check --closed``) every name of a kind whose registry file exists
must resolve, and one that does not is an error.

Close means: an edit distance (Levenshtein, on the folded forms the registry compares)
of at most 1 for names of up to 6 characters and at most 2 beyond, or one name inside the
other as whole words ("Xiaomi Corporation" and "Xiaomi"). Names shorter than 3
characters are never called close to anything.

Engine-free: no MkDocs import. The records are small tuples, sent between the worker
processes of `autobrief check`.
"""

from __future__ import annotations

import re
import shlex
from typing import Iterable, NamedTuple

from .errors import BriefingError
from .registry import NOUNS, Entry, Registry, fold
from .slugs import briefing_slug

NAMED_KINDS = ("company", "source", "author")  # the kinds whose names are judged here (a story is a slug)
SHORTEST = 3  # characters (folded): shorter names are close to nothing
MAX_SUGGESTIONS = 3
_WORD = re.compile(r"\w+")


class WrittenName(NamedTuple):
    """A name a briefing writes, and where: what `unknown_names` judges."""

    kind: str  # "company", "source" (an outlet) or "author"
    name: str
    path: str
    line: int
    field: str  # e.g. companies[1], sources[0].via


def written_names(briefing) -> list[WrittenName]:
    """Every company, outlet (each source's name and via) and author a briefing names, in file order."""
    front, path, found = briefing.front, briefing.path, []
    for i, company in enumerate(front.companies):
        found.append(WrittenName("company", company, path, briefing.line_of("companies", i), f"companies[{i}]"))
    for i, source in enumerate(front.sources):
        found.append(WrittenName("source", source.name, path, briefing.line_of("sources", i, "name"),
                                 f"sources[{i}].name"))
        if source.via:
            found.append(WrittenName("source", source.via, path, briefing.line_of("sources", i, "via"),
                                     f"sources[{i}].via"))
    for i, author in enumerate(front.authors):
        found.append(WrittenName("author", author, path, briefing.line_of("authors", i), f"authors[{i}]"))
    return found


def unknown_names(found: Iterable[WrittenName], registry: Registry,
                  closed: bool = False) -> tuple[list[BriefingError], list[BriefingError]]:
    """(errors, warnings), each sorted, for the names in ``found`` that no entry of ``registry`` resolves.

    A name close to a registry key, name or alias is a warning that names the entry (its
    line in the registry file). With ``closed``, a name of a kind whose registry file
    exists is an error instead, with that suggestion or else the command that adds it.
    """
    errors: list[BriefingError] = []
    warnings: list[BriefingError] = []
    indexes: dict[str, _Index] = {}
    hints: dict[tuple[str, str], str | None] = {}  # (kind, folded name) -> suggestion: one search per name
    for record in found:
        kind = record.kind
        if kind not in NAMED_KINDS or registry.resolve(kind, record.name) is not None:
            continue
        strict = closed and kind in registry.present
        if not strict and not registry.names(kind):
            continue
        folded = fold(record.name)
        if (kind, folded) not in hints:
            index = indexes.get(kind) or indexes.setdefault(kind, _Index(registry, kind))
            hints[kind, folded] = index.suggestion(folded)
        hint = hints[kind, folded]
        if hint:
            message = f"'{record.name}' is in no registry; {hint}"
        elif strict:
            file = registry.present[kind]
            message = f"'{record.name}' is in no registry; add it to {file} ({_command(kind, record.name, file)})"
        else:
            continue
        (errors if strict else warnings).append(BriefingError(record.path, record.line, record.field, message))
    return sorted(errors), sorted(warnings)


def _command(kind: str, name: str, file: str) -> str:
    """The `autobrief registry add` line that adds ``name`` to ``file``."""
    words = ["autobrief", "registry", "add", NOUNS[kind], shlex.quote(name)]
    if not briefing_slug(name):
        words += ["--key", "SLUG"]  # no Latin letters or digits: the key must be given
    folder = file.rsplit("/", 1)[0] if "/" in file else "."
    if folder != "registry":
        words += ["--registry", shlex.quote(folder)]
    return " ".join(words)


def within(a: str, b: str, bound: int) -> int | None:
    """The edit distance (Levenshtein) of ``a`` and ``b`` if it is at most ``bound``, else None.

    Only the diagonal band of width 2 * bound + 1 is computed, so a pair costs
    O(len * bound), and the search stops as soon as every cell of a row is over.
    """
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > bound:
        return None
    if a == b:
        return 0
    over = bound + 1
    previous = [j if j <= bound else over for j in range(len(b) + 1)]
    for i in range(1, len(a) + 1):
        current = [over] * (len(b) + 1)
        if i <= bound:
            current[0] = i
        low, high = max(1, i - bound), min(len(b), i + bound)
        for j in range(low, high + 1):
            cost = previous[j - 1] + (a[i - 1] != b[j - 1])
            current[j] = min(cost, previous[j] + 1, current[j - 1] + 1, over)
        if min(current[max(0, i - bound):high + 1]) > bound:
            return None
        previous = current
    return previous[len(b)] if previous[len(b)] <= bound else None


def bound_for(a: str, b: str) -> int:
    """How far apart two folded names may be and still be close: 1 up to 6 characters, 2 beyond."""
    return 1 if min(len(a), len(b)) <= 6 else 2


def contains_words(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    """Whether the words ``shorter`` run, in order and whole, inside ``longer``."""
    n = len(shorter)
    return 0 < n < len(longer) and any(longer[i:i + n] == shorter for i in range(len(longer) - n + 1))


class _Spelling(NamedTuple):
    folded: str
    words: tuple[str, ...]
    text: str  # as the registry writes it
    entry: Entry
    line: int
    rank: int  # 0 for the name the site shows, 1 for an alias, 2 for the key: the first is suggested


class _Index:
    """A kind's registry spellings (keys, names, aliases), looked up by length and by word."""

    def __init__(self, registry: Registry, kind: str):
        self.by_length: dict[int, list[_Spelling]] = {}
        self.by_word: dict[str, list[_Spelling]] = {}
        for entry in registry.entries.get(kind, {}).values():
            for text, path in entry.spellings():
                folded = fold(text)
                if len(folded) < SHORTEST:
                    continue
                rank = 2 if len(path) == 1 else 0 if text == entry.shown else 1
                line = registry.line_of(entry, path)  # of the spelling itself: the alias's line, say
                spelling = _Spelling(folded, tuple(_WORD.findall(folded)), text, entry, line, rank)
                self.by_length.setdefault(len(folded), []).append(spelling)
                for word in set(spelling.words):
                    self.by_word.setdefault(word, []).append(spelling)

    def near(self, folded: str) -> list[tuple[int, _Spelling]]:
        """(score, spelling) of every spelling close to ``folded``: its edit distance, or 3 for containment."""
        if len(folded) < SHORTEST:
            return []
        found = []
        for length in range(len(folded) - 2, len(folded) + 3):
            for spelling in self.by_length.get(length, ()):
                distance = within(folded, spelling.folded, bound_for(folded, spelling.folded))
                if distance is not None:
                    found.append((distance, spelling))
        words = tuple(_WORD.findall(folded))
        candidates = {id(s): s for word in set(words) for s in self.by_word.get(word, ())}
        for spelling in candidates.values():
            if contains_words(words, spelling.words) or contains_words(spelling.words, words):
                found.append((3, spelling))
        return found

    def suggestion(self, folded: str) -> str | None:
        """"did you mean X (registry/companies.yml:2)? ...", naming each close entry once, closest first."""
        matches: dict[int, list[tuple[int, _Spelling]]] = {}  # entry -> its close spellings
        for score, spelling in self.near(folded):
            matches.setdefault(id(spelling.entry), []).append((score, spelling))
        if not matches:
            return None
        # Entries closest first; of each, the name it shows, else an alias, else its key (written names are
        # names, not slugs), the closest of them.
        ranked = [(min(score for score, _ in found), min(found, key=lambda m: (m[1].rank, m[0]))[1])
                  for found in matches.values()]
        ranked.sort(key=lambda item: (item[0], item[1].entry.path, item[1].entry.line))
        shown = [f"{s.text} ({s.entry.path}:{s.line})" for _, s in ranked[:MAX_SUGGESTIONS]]
        which = "that name" if len(shown) == 1 else "one of those names"
        return f"did you mean {' or '.join(shown)}? add it as an alias or use {which}"
