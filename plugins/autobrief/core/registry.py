"""Who is who (contract v1.1): the registries of companies, outlets, stories and authors.

Four optional YAML files in ``registry/`` beside the briefings folder, each a mapping
from a key (a slug) to an entry. A name written in a briefing resolves to the entry
whose key, ``name`` or alias equals it, compared case-insensitively after NFC (and
without the invisible characters that draw nothing, as term names are compared
everywhere else); the site then uses the entry's key for the page's address and its
name for what it shows. A name in no registry works as in v1.

Errors have the briefings' shape, ``path:line: field: message``: a file that is not
YAML, an entry of the wrong shape, a name or alias that would mean two entries (both
named), a ``parent`` that names no company or makes a cycle. A story entry that no
briefing uses is a warning (``unused_stories``).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Iterable, Optional

import pycountry
from pydantic import AfterValidator, Field, StrictStr, ValidationError, WithJsonSchema

from .errors import BriefingError, BriefingFileError
from .model import (_END, MAX_SEGMENT, SLUG_RE, Name, Prose, Slug, Summary, TermName, Title, Url, _Strict, not_a_slug,
                    too_long_for_an_address)
from .reader import decode
from .slugs import without_ignorable
from .validate import error_line, error_message  # the briefings' wording of every kind of error
from .yamlsafe import format_path, load_yaml

REGISTRY_FOLDER = "registry"  # beside the briefings folder, unless the plugin's option moves it
# kind (as the site's terms name it) -> file
FILES: dict[str, str] = {"company": "companies.yml", "source": "outlets.yml", "story": "stories.yml",
                         "author": "authors.yml"}
NOUNS = {"company": "company", "source": "outlet", "story": "story", "author": "author"}
WIKIDATA_URL = "https://www.wikidata.org/wiki/"
LEI_URL = "https://search.gleif.org/#/record/"  # GLEIF's public record of an LEI


def _wikidata(value: str) -> str:
    if not re.fullmatch(r"Q[1-9][0-9]*", value):
        raise ValueError(f"'{value}' is not a Wikidata item: write Q and its number, e.g. Q1636958")
    return value


def _lei(value: str) -> str:
    """ISO 17442: 18 letters or digits, then two check digits (ISO 7064 MOD 97-10), so a typo shows."""
    if not re.fullmatch(r"[0-9A-Z]{18}[0-9]{2}", value):
        raise ValueError(f"'{value}' is not an LEI: 20 characters, 18 capital letters or digits then 2 digits")
    if int("".join(str(int(c, 36)) for c in value)) % 97 != 1:
        raise ValueError(f"'{value}' is not an LEI: its check digits do not match (a character is mistyped)")
    return value


def _country(value: str) -> str:
    if not re.fullmatch(r"[A-Z]{2}", value) or pycountry.countries.get(alpha_2=value) is None:
        raise ValueError(f"'{value}' is not an ISO 3166-1 alpha-2 country code: write two capital letters, "
                         "e.g. CN, US, JP")
    return value


Wikidata = Annotated[StrictStr, AfterValidator(_wikidata),
                     WithJsonSchema({"type": "string", "pattern": r"^Q[1-9][0-9]*" + _END,
                                     "description": "A Wikidata item, e.g. Q1636958"})]
Lei = Annotated[StrictStr, AfterValidator(_lei),
                WithJsonSchema({"type": "string", "pattern": r"^[0-9A-Z]{18}[0-9]{2}" + _END,
                                "description": "A Legal Entity Identifier (ISO 17442): 20 characters"})]
Country = Annotated[StrictStr, AfterValidator(_country),
                    WithJsonSchema({"type": "string", "enum": sorted(c.alpha_2 for c in pycountry.countries),
                                    "description": "ISO 3166-1 alpha-2 country code, e.g. CN"})]


class CompanyEntry(_Strict):
    """A company of `registry/companies.yml`."""

    name: Optional[TermName] = Field(None, description="The name the site shows")
    aliases: list[TermName] = Field(default_factory=list, description="Other names briefings write for it")
    wikidata: Optional[Wikidata] = Field(None, description="Its Wikidata item, e.g. Q1636958")
    lei: Optional[Lei] = Field(None, description="Its Legal Entity Identifier (20 characters)")
    country: Optional[Country] = Field(None, description="Where it is based: ISO 3166-1 alpha-2, e.g. CN")
    website: Optional[Url] = Field(None, description="Its website (http or https)")
    parent: Optional[Slug] = Field(None, description="The key of its parent company in this file")
    description: Optional[Prose] = Field(None, description="One or two sentences on who it is")


class OutletEntry(_Strict):
    """An outlet of `registry/outlets.yml`: a `sources` name or `via`."""

    name: Optional[TermName] = Field(None, description="The name the site shows")
    aliases: list[TermName] = Field(default_factory=list, description="Other names briefings write for it")
    wikidata: Optional[Wikidata] = Field(None, description="Its Wikidata item")
    country: Optional[Country] = Field(None, description="Where it is based: ISO 3166-1 alpha-2, e.g. GB")
    website: Optional[Url] = Field(None, description="Its website (http or https)")
    description: Optional[Prose] = Field(None, description="One or two sentences on who it is")


class StoryEntry(_Strict):
    """A story of `registry/stories.yml`, keyed by the slug briefings give in `story`."""

    title: Title = Field(description="The story's title, heading its page")
    summary: Optional[Summary] = Field(None, description="What the story is about, under its title")


class AuthorEntry(_Strict):
    """An author of `registry/authors.yml`; a briefing's `authors` entry is the key or the name."""

    name: Name = Field(description="The author's name as the site shows it")
    description: Optional[Prose] = Field(None, description="One or two sentences on the author")
    url: Optional[Url] = Field(None, description="The author's own page (http or https)")


MODELS = {"company": CompanyEntry, "source": OutletEntry, "story": StoryEntry, "author": AuthorEntry}
_REQUIRED = {"title": "is required: the story's title, which heads its page", "name": "is required: the author's name"}


@dataclass(eq=False)
class Entry:
    """One registry entry, as plain data (every field the contract names; None or [] when not given)."""

    kind: str
    key: str
    path: str  # the registry file, as errors show it
    line: int
    name: str | None = None
    aliases: list[str] = field(default_factory=list)
    wikidata: str | None = None
    lei: str | None = None
    country: str | None = None
    website: str | None = None
    parent: str | None = None
    description: str | None = None
    title: str | None = None  # a story's
    summary: str | None = None
    url: str | None = None  # an author's own page

    @property
    def shown(self) -> str | None:
        """What the site calls it: the name (a story's title); None when the entry gives none."""
        return self.title if self.kind == "story" else self.name

    @property
    def wikidata_url(self) -> str | None:
        return WIKIDATA_URL + self.wikidata if self.wikidata else None

    @property
    def lei_url(self) -> str | None:
        return LEI_URL + self.lei if self.lei else None

    @property
    def country_name(self) -> str | None:
        found = pycountry.countries.get(alpha_2=self.country) if self.country else None
        return (getattr(found, "common_name", None) or found.name) if found else None

    def spellings(self) -> list[tuple[str, tuple]]:
        """(text, path in the file) of every way a briefing may name it: key, name, aliases."""
        found = [(self.key, (self.key,))]
        if self.name:
            found.append((self.name, (self.key, "name")))
        found += [(alias, (self.key, "aliases", i)) for i, alias in enumerate(self.aliases)]
        return found


def fold(name: str) -> str:
    """The form names are compared in: NFC, case folded, invisible characters dropped."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", without_ignorable(name)).casefold()).strip()


@dataclass
class Registry:
    """Every registry file's entries, how names resolve, and what is wrong with them."""

    entries: dict[str, dict[str, Entry]] = field(default_factory=lambda: {kind: {} for kind in FILES})
    errors: list[BriefingError] = field(default_factory=list)
    present: dict[str, str] = field(default_factory=dict)  # kind -> its file as errors show it, when it exists
    digest: str = ""  # of every file's bytes: what a live preview compares
    _names: dict[str, dict[str, Entry]] = field(default_factory=lambda: {kind: {} for kind in FILES}, repr=False)
    _lines: dict[tuple[str, tuple], int] = field(default_factory=dict, repr=False)  # (kind, path) -> line

    def resolve(self, kind: str, name: str) -> Entry | None:
        """The entry a briefing's name means, if any (a story by its key alone)."""
        names = self._names.get(kind)
        if not names:
            return None
        return names.get(fold(name)) if kind != "story" else self.entries["story"].get(name)

    def entry(self, kind: str, key: str) -> Entry | None:
        return self.entries.get(kind, {}).get(key)

    def subsidiaries(self, key: str) -> list[Entry]:
        """The companies whose parent is ``key``, in the file's order."""
        return [e for e in self.entries["company"].values() if e.parent == key]

    def names(self, kind: str) -> dict[str, Entry]:
        """Every folded key, name and alias of a kind, with its entry."""
        return self._names.get(kind, {})

    def _add(self, entry: Entry) -> None:
        names = self._names[entry.kind]
        noun = NOUNS[entry.kind]
        for text, path in entry.spellings():
            key = fold(text)
            other = names.get(key)
            if other is None:
                names[key] = entry
            elif other is not entry:
                self.errors.append(BriefingError(entry.path, self.line_of(entry, path), format_path(path),
                                                 f"'{text}' also names {other.key} (line {other.line}): a name may "
                                                 f"mean one {noun} only; remove it from one of them"))
        self.entries[entry.kind][entry.key] = entry

    def line_of(self, entry: Entry, path: tuple) -> int:
        """The line of a path in an entry's file (an alias, its parent), else the entry's own."""
        while path:
            line = self._lines.get((entry.kind, path))
            if line:
                return line
            path = path[:-1]
        return entry.line

    def _check_parents(self) -> None:
        companies = self.entries["company"]
        for entry in companies.values():
            if entry.parent and entry.parent not in companies:
                self.errors.append(BriefingError(entry.path, self.line_of(entry, (entry.key, "parent")),
                                                 f"{entry.key}.parent",
                                                 f"names no company: there is no '{entry.parent}' in this file"))
        for entry in companies.values():
            chain, seen = [entry.key], {entry.key}
            here = entry
            while here.parent and here.parent in companies:
                if here.parent in seen:
                    if here.parent == entry.key:  # the cycle runs through this entry: say so at its parent
                        self.errors.append(BriefingError(
                            entry.path, self.line_of(entry, (entry.key, "parent")), f"{entry.key}.parent",
                            "makes a cycle: " + " → ".join(chain + [entry.key]) + ": a company cannot own itself"))
                    break
                seen.add(here.parent)
                chain.append(here.parent)
                here = companies[here.parent]

    def unused_stories(self, used: Iterable[str]) -> list[BriefingError]:
        """Warnings: the stories of stories.yml that no briefing names."""
        named = set(used)
        return [BriefingError(e.path, e.line, e.key, "no briefing has this story yet: its title and summary "
                              "show once one does") for e in self.entries["story"].values() if e.key not in named]


def load_registry(folder: str | Path, shown: str = REGISTRY_FOLDER) -> Registry:
    """Read every registry file in ``folder`` (each optional); ``shown`` is the folder's path in errors."""
    registry = Registry()
    folder = Path(folder)
    seen = hashlib.blake2b(digest_size=16)
    for kind, name in FILES.items():
        file = folder / name
        path = f"{shown.rstrip('/')}/{name}" if shown else name
        if not file.exists():
            continue
        registry.present[kind] = path
        try:
            data = file.read_bytes()
        except OSError as exc:
            registry.errors.append(BriefingError(path, 1, "file", f"cannot be read: {exc.strerror or exc}"))
            continue
        seen.update(name.encode() + b"\0" + data + b"\0")
        _read(registry, kind, path, data)
    registry._check_parents()
    registry.errors.sort()
    registry.digest = seen.hexdigest()
    return registry


def _read(registry: Registry, kind: str, path: str, data: bytes) -> None:
    try:
        loaded = load_yaml(decode(data))
    except BriefingFileError as exc:
        field_name = "file" if exc.field in ("file", "front matter") else exc.field
        message = exc.message.replace("front matter", "the file")
        registry.errors.append(BriefingError(path, exc.line, field_name, message))
        return
    if loaded.data is None:
        return  # an empty file (or only comments): no entries yet
    if not isinstance(loaded.data, dict):
        registry.errors.append(BriefingError(path, 1, "file", "must be a mapping from keys to entries, e.g. "
                                             "`xiaomi:` then its fields: see the guide"))
        return
    lines = loaded.lines
    registry._lines.update({(kind, p): n for p, n in lines.items()})
    model = MODELS[kind]
    for key, value in loaded.data.items():
        line = lines.get((key,), 1)
        if not isinstance(key, str) or not SLUG_RE.fullmatch(key):
            registry.errors.append(BriefingError(path, line, str(key), "is not a key: " + not_a_slug(str(key))))
            continue
        if len(key) > MAX_SEGMENT:  # the key is its page's folder name
            registry.errors.append(BriefingError(path, line, key, "is not a key: " + too_long_for_an_address(key, len(key))))
            continue
        if value is None:
            value = {}
        if not isinstance(value, dict):
            registry.errors.append(BriefingError(path, line, key, "must be a mapping of fields, e.g. `name: Xiaomi`"))
            continue
        try:
            valid = model.model_validate(value)
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                registry.errors.append(_to_error(error, key, model, path, lines))
            continue
        registry._add(Entry(kind=kind, key=key, path=path, line=line, **valid.model_dump()))


def _to_error(error: dict, key: str, model, path: str, lines: dict) -> BriefingError:
    loc = (key, *error["loc"])
    kind = error["type"]
    name = str(loc[-1])
    if kind == "missing":
        message = _REQUIRED.get(name, "is required")
    else:
        message = error_message(loc, error, kind, known=tuple(model.model_fields))
    return BriefingError(path, error_line(loc, lines, kind), format_path(loc), message)
