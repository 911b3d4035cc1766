"""All briefings of a site: read once, validated, with every error of every file."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Iterable, NamedTuple

from . import addresses
from .addresses import reserved_source
from .briefing import Briefing
from .errors import BriefingError, BriefingFileError
from .reader import read
from .validate import validate

BRIEFING_SUFFIX = ".md"
BRIEFINGS_FOLDER = "briefings"  # the contract's name for the folder of briefings
PROJECT_FILE = "mkdocs.yml"


@dataclass
class Corpus:
    briefings: list[Briefing] = field(default_factory=list)  # published, newest first
    drafts: list[Briefing] = field(default_factory=list)  # valid drafts left out of this build
    errors: list[BriefingError] = field(default_factory=list)

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


def check_file(data: bytes, path: str, stem: str, source: str = "") -> tuple[Briefing | None, list[BriefingError]]:
    """Read and validate one file's bytes; errors carry ``path``, the briefing its ``source`` (path in the folder)."""
    try:
        raw = read(data)
    except BriefingFileError as exc:
        return None, [BriefingError(path, exc.line, exc.field, exc.message)]
    return validate(raw, path, stem, source)


def check_path(file: str | os.PathLike, shown: str, rel: str,
               cache: Cache | None = None) -> tuple[Briefing | None, list[BriefingError]]:
    """All that the build and `autobrief check` say about one file of a briefings folder.

    ``shown`` is the path errors give it; ``rel`` its path inside the briefings
    folder, which alone decides whether it is misplaced (so that a folder kept
    under a hidden one, e.g. .content/briefings, is judged by what is inside it).
    Then the file is read and validated, through ``cache`` when one is given.
    """
    if isinstance(file, Unlisted):
        return None, [BriefingError(shown, 1, "folder", file.why)]
    problem = misplaced(rel)
    if problem:
        return None, [BriefingError(shown, 1, "file", problem)]
    data = read_file(Path(file), shown)
    if isinstance(data, BriefingError):
        return None, [data]
    stem = PurePosixPath(rel).stem
    # What the briefing is made of: the cache's key, and its serial (briefing.py).
    digest = hashlib.blake2b(f"{shown}\0{rel}\0".encode("utf-8", "surrogateescape") + data, digest_size=16).digest()
    result = cache.get(shown, digest) if cache is not None else None
    if result is None:
        result = check_file(data, shown, stem, rel)
        if result[0] is not None:
            result[0].serial = int.from_bytes(digest[:8], "big")
        if cache is not None:
            cache.put(shown, digest, result)
    return result


def _hidden(part: str) -> bool:
    return part.startswith(".") and part not in (".", "..")


class Unlisted(NamedTuple):
    """A folder under the briefings folder whose files cannot be listed, and why (it is an error)."""

    path: Path
    why: str


def find_files(folder: Path, within: str = "") -> list[Path | Unlisted]:
    """Every file under folder that the contract speaks of, in a stable order.

    ``within`` is folder's own path inside the briefings folder ("" for the
    briefings folder itself). Hidden files that are not Markdown (.gitkeep,
    .DS_Store, anything in a hidden folder of the briefings folder) are no
    briefings and are skipped; a hidden .md file is listed, so that it is reported.
    Linked folders are followed; a folder that cannot be read, or a link back to
    a folder already listed (a loop), is listed as Unlisted: never skipped in silence.
    """
    found: list[Path | Unlisted] = []
    inside = PurePosixPath(within).parts
    walked: dict[str, Path] = {}  # real path -> the folder listed from it

    def unreadable(exc: OSError) -> None:
        found.append(Unlisted(Path(exc.filename), f"cannot be read: {exc.strerror or exc}: its briefings are missing"))

    for here, dirs, names in os.walk(folder, onerror=unreadable, followlinks=True):
        real = os.path.realpath(here)
        if real in walked:
            dirs[:] = []
            first = walked[real].relative_to(folder).as_posix()
            first = "the briefings folder" if first == "." else printable(first)
            found.append(Unlisted(Path(here), f"links to a folder already listed ({first}): "
                                               "its files are read once, from there; remove the link"))
            continue
        walked[real] = Path(here)
        dirs.sort()
        hidden_folder = any(map(_hidden, inside + Path(here).relative_to(folder).parts))
        for name in sorted(names):
            if (hidden_folder or name.startswith(".")) and not name.endswith(BRIEFING_SUFFIX):
                continue
            found.append(Path(here) / name)
    return found


def files_under(folder: Path, shown: str, within: str = "") -> list[tuple[Path, str, str]]:
    """(file, shown path, path in the briefings folder) of each file under folder, for check_path.

    ``shown`` is the folder's path in errors, ``within`` its path inside the
    briefings folder. Paths are joined as text: resolving every file as
    display_path does costs more than checking it.
    """
    listed = []
    for file in find_files(folder, within):
        rel = printable((file.path if isinstance(file, Unlisted) else file).relative_to(folder).as_posix())
        listed.append((file, Path(shown, rel).as_posix(), f"{within}/{rel}" if within else rel))
    return listed


def printable(name: str) -> str:
    """A file name as text that can be printed and written: bytes that are not UTF-8 (which
    Python keeps as lone surrogates) become \\xNN escapes, as the error lines show them."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def briefings_folder(path: Path) -> Path:
    """The briefings folder a path given on its own belongs to, to judge its files as the build does.

    The nearest of the path (a folder) and its parents named as the contract
    names it, ``briefings``, looked for no higher than the project (the folder
    holding mkdocs.yml); failing that, the folder given (or the file's folder).
    """
    given = Path(os.path.abspath(path))
    start = given if given.is_dir() else given.parent
    for folder in (start, *start.parents):
        if folder.name == BRIEFINGS_FOLDER:
            return folder
        if (folder / PROJECT_FILE).exists():
            break
    return start


def not_found(path: Path, shown: str, field: str, *, file_ok: bool = False) -> BriefingError | None:
    """Why ``path`` is no briefings folder (with ``file_ok``: nor a file to check), if it is not."""
    if path.is_dir() or (file_ok and path.is_file()):
        return None
    wanted = "file or folder" if file_ok else "folder"
    return BriefingError(shown, 0, field, f"is not a {wanted}" if path.exists() else f"no such {wanted}")


def read_file(file: Path, shown: str) -> bytes | BriefingError:
    """The file's bytes, or the error that says why it cannot be read (e.g. a broken link)."""
    try:
        return file.read_bytes()
    except OSError as exc:
        return BriefingError(shown, 1, "file", f"cannot be read: {exc.strerror or exc}")


def misplaced(rel: str) -> str | None:
    """Why a file cannot be a briefing, if it cannot, from ``rel``: its path inside the briefings folder."""
    if not rel.endswith(BRIEFING_SUFFIX):
        return "is not a briefing: only .md files belong in the briefings folder"
    if any(map(_hidden, PurePosixPath(rel).parts)):
        return "is hidden (a name starting with a dot) and would not be published: rename it"
    if reserved_source(rel):
        return ("stands where the site's list of all briefings is made (briefings/index.md, briefings/page/N/): "
                "move it into a folder, e.g. its YYYY/MM")
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
    shown_root = display_path(root, base)
    missing = not_found(root, shown_root, "briefings")
    if missing:
        corpus.errors.append(missing)
        return corpus
    published: list[Briefing] = []
    seen: set[str] = set()
    for file, shown, rel in files_under(root, shown_root):
        seen.add(shown)
        briefing, errors = check_path(file, shown, rel, cache)
        corpus.errors.extend(errors)
        if briefing is None:
            continue
        if briefing.front.draft and not include_drafts:
            corpus.drafts.append(briefing)
        else:
            published.append(briefing)
    if cache:
        cache.prune(seen)
    clashes = duplicate_urls(published)
    corpus.errors.extend(clashes)
    # A watch item answered `by` a briefing that is not there stays listed (unanswered) and is an error.
    every = published + corpus.drafts
    corpus.errors.extend(unknown_answers(map(url_claim, every), [r for b in every for r in watch_refs(b)]))
    # The later file of a clash is named in an error and left out: a live preview shows the first.
    named = {e.path for e in clashes}
    corpus.briefings = sorted((b for b in published if b.path not in named), key=lambda b: b.sort_key, reverse=True)
    corpus.errors.sort()
    return corpus


class UrlClaim(NamedTuple):
    """What the checks across files need of a briefing: small, to send between processes."""

    url: str
    path: str
    line: int
    field: str
    draft: bool = False


def url_claim(briefing: Briefing) -> UrlClaim:
    field_name = "slug" if briefing.front.slug else "date"
    return UrlClaim(briefing.url, briefing.path, briefing.line_of(field_name), field_name, briefing.front.draft)


class WatchRef(NamedTuple):
    """A watch item's ``by``: the briefing it names, and where it is written."""

    by: str  # YYYY/MM/slug
    path: str
    line: int
    field: str
    draft: bool  # the naming briefing is a draft (it may name another draft)


def watch_refs(briefing: Briefing) -> list[WatchRef]:
    return [WatchRef(item.by, briefing.path, briefing.line_of("watch", i, "by"), f"watch[{i}].by", briefing.front.draft)
            for i, item in enumerate(briefing.front.watch) if getattr(item, "by", None)]


def unknown_answers(claims: Iterable[UrlClaim], refs: Iterable[WatchRef]) -> list[BriefingError]:
    """A ``by`` must name a briefing that exists, and a published briefing may not name a draft."""
    drafts = {}
    for claim in claims:
        drafts[claim.url] = drafts.get(claim.url, True) and claim.draft
    errors = []
    for ref in refs:
        draft = drafts.get(addresses.briefing_at(ref.by))
        if draft is None:
            errors.append(BriefingError(ref.path, ref.line, ref.field, f"names no briefing: there is none at "
                                        f"{addresses.BRIEFINGS}{ref.by}/ (its date's year and month, then its slug)"))
        elif draft and not ref.draft:
            errors.append(BriefingError(ref.path, ref.line, ref.field, f"names {addresses.BRIEFINGS}{ref.by}/, "
                                        "a draft, which the published site leaves out: publish it first"))
    return errors


def duplicate_urls(briefings: Iterable[Briefing | UrlClaim]) -> list[BriefingError]:
    """Two briefings may never publish to one URL: name both files."""
    claims = [b if isinstance(b, UrlClaim) else url_claim(b) for b in briefings]
    first: dict[str, UrlClaim] = {}
    errors = []
    for claim in sorted(claims, key=lambda c: c.path):
        other = first.setdefault(claim.url, claim)
        if other is not claim:
            errors.append(
                BriefingError(
                    claim.path, claim.line, claim.field,
                    f"publishes to /{claim.url} as {other.path} does already: give one of them another slug",
                )
            )
    return errors


def display_path(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
