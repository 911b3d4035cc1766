"""All briefings of a site: read once, validated, with every error of every file."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from .briefing import Briefing
from .errors import BriefingError, BriefingFileError
from .reader import read
from .validate import validate

BRIEFING_SUFFIX = ".md"


@dataclass
class Corpus:
    briefings: list[Briefing] = field(default_factory=list)  # published, newest first
    drafts: list[Briefing] = field(default_factory=list)  # valid drafts left out of this build
    errors: list[BriefingError] = field(default_factory=list)
    files: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


class Cache:
    """Validated results keyed by path and content, kept across rebuilds of a live preview."""

    def __init__(self):
        self._entries: dict[str, tuple[bytes, tuple]] = {}
        self.hits = 0
        self.misses = 0

    def get(self, path: str, digest: bytes):
        entry = self._entries.get(path)
        if entry and entry[0] == digest:
            self.hits += 1
            return entry[1]
        self.misses += 1
        return None

    def put(self, path: str, digest: bytes, result: tuple) -> None:
        self._entries[path] = (digest, result)

    def prune(self, keep: set[str]) -> None:
        for path in set(self._entries) - keep:
            del self._entries[path]


def check_file(data: bytes, path: str, stem: str) -> tuple[Briefing | None, list[BriefingError]]:
    """Read and validate one file's bytes; errors carry ``path``."""
    try:
        raw = read(data)
    except BriefingFileError as exc:
        return None, [BriefingError(path, exc.line, exc.field, exc.message)]
    return validate(raw, path, stem)


def find_files(root: Path) -> list[Path]:
    """Every file under root that the contract speaks of, in a stable order.

    Hidden files that are not Markdown (.gitkeep, .DS_Store) are no briefings
    and are skipped; a hidden .md file is listed, so that it is reported.
    """
    found = []
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        hidden_folder = any(part.startswith(".") for part in Path(folder).relative_to(root).parts)
        for name in sorted(names):
            if (hidden_folder or name.startswith(".")) and not name.endswith(BRIEFING_SUFFIX):
                continue
            found.append(Path(folder) / name)
    return found


def files_under(folder: Path, shown: str) -> list[tuple[Path, str]]:
    """Each file under folder with the path errors give it: under the folder's shown path
    (resolving every file as display_path does costs more than checking it)."""
    return [(file, Path(shown, file.relative_to(folder)).as_posix()) for file in find_files(folder)]


def read_file(file: Path, shown: str) -> bytes | BriefingError:
    """The file's bytes, or the error that says why it cannot be read (e.g. a broken link)."""
    try:
        return file.read_bytes()
    except OSError as exc:
        return BriefingError(shown, 1, "file", f"cannot be read: {exc.strerror or exc}")


def misplaced(path: str) -> str | None:
    """Why a file under the briefings folder cannot be a briefing, if it cannot."""
    if not path.endswith(BRIEFING_SUFFIX):
        return "is not a briefing: only .md files belong in the briefings folder"
    if any(part.startswith(".") and part not in (".", "..") for part in Path(path).parts):
        return "is hidden (a name starting with a dot) and would not be published: rename it"
    return None


def load_corpus(
    root: str | os.PathLike,
    *,
    base: str | os.PathLike | None = None,
    include_drafts: bool = False,
    cache: Cache | None = None,
) -> Corpus:
    """Load every briefing under ``root``; paths in errors are relative to ``base``."""
    root = Path(root)
    base = Path(base) if base is not None else Path.cwd()
    corpus = Corpus()
    if not root.is_dir():
        corpus.errors.append(BriefingError(display_path(root, base), 0, "briefings", "folder not found"))
        return corpus
    published: list[Briefing] = []
    seen: set[str] = set()
    for file, shown in files_under(root, display_path(root, base)):
        seen.add(shown)
        corpus.files += 1
        problem = misplaced(file.relative_to(root).as_posix())
        if problem:
            corpus.errors.append(BriefingError(shown, 1, "file", problem))
            continue
        data = read_file(file, shown)
        if isinstance(data, BriefingError):
            corpus.errors.append(data)
            continue
        digest = hashlib.blake2b(data, digest_size=16).digest()
        result = cache.get(shown, digest) if cache else None
        if result is None:
            result = check_file(data, shown, file.stem)
            if cache:
                cache.put(shown, digest, result)
        briefing, errors = result
        corpus.errors.extend(errors)
        if briefing is None:
            continue
        if briefing.front.draft and not include_drafts:
            corpus.drafts.append(briefing)
        else:
            published.append(briefing)
    if cache:
        cache.prune(seen)
    corpus.errors.extend(duplicate_urls(published))
    corpus.briefings = sorted(published, key=lambda b: b.sort_key, reverse=True)
    corpus.errors.sort()
    return corpus


def duplicate_urls(briefings: list[Briefing]) -> list[BriefingError]:
    """Two briefings may never publish to one URL: name both files."""
    first: dict[str, Briefing] = {}
    errors = []
    for briefing in sorted(briefings, key=lambda b: b.path):
        other = first.setdefault(briefing.url, briefing)
        if other is not briefing:
            field_name = "slug" if briefing.front.slug else "date"
            errors.append(
                BriefingError(
                    briefing.path, briefing.line_of(field_name), field_name,
                    f"publishes to /{briefing.url} as {other.path} does already: give one of them another slug",
                )
            )
    return errors


def display_path(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
