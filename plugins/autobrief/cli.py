"""The `autobrief` command: create and check briefings without building the site.

new     writes a briefing skeleton that `check` (and the build) accepts
status  moves a briefing's claim to a new status and appends the step to its `history`
check   validates briefings with the same core as the build, in parallel when there are many,
        and against the registries beside their folder (v1.1): the registry files' own errors,
        names close to a registry entry (warnings; with --closed, every unknown name is an error)
        and stories no briefing uses (warnings)
registry add  appends a company, outlet, story or author to its registry file
export  writes the site as a plain project that Zensical or a plain MkDocs builds (export.py)
search  runs the search step (the header box, Pagefind) over any built site
schema  prints the JSON Schema of the front matter

This module parses the arguments and runs `new`, `check` and `schema`; the edits live beside it:
status_edit.py moves a briefing's status, registry_edit.py adds a registry entry, and edits.py holds
what both share (the ruamel.yaml round trip, the atomic write).

No MkDocs import: it runs in CI and editors as it is. `status` and `registry add` alone load
ruamel.yaml, whose round trip keeps the comments and layout of the YAML they edit.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import NamedTuple

import yaml

from . import __version__
from .core.corpus import (BRIEFING_SUFFIX, UrlClaim, WatchRef, briefings_folder, check_file, check_path, load_corpus,
                          display_path, duplicate_urls, files_under, not_found, unknown_answers, url_claim, watch_refs)
from .core import addresses
from .core.errors import BriefingError
from .core.model import SLUG_RE, STATUSES, not_a_slug
from .core.names import WrittenName, unknown_names, written_names
from .core.registry import REGISTRY_FOLDER, load_registry
from .core.slugs import briefing_slug
from .core.schema import json_schema_text

PARALLEL_FROM = 500  # files; below this, starting worker processes costs more than it saves


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, not argparse's usage dump
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


# --- new ---------------------------------------------------------------------------------

SKELETON = """\
---
{title}{date}{status}\
# claim: >-
#   The central claim being tracked, in plain text.
# summary: >-
#   One or two sentences for listings and feeds (at most 400 characters).
{companies}{regions}{tags}{story}{sources}\
    # url: https://www.example.com/the-report
    # via: Financial Times  # the outlet this source cites
# denials:
#   - party: Ford
#     statement: Ford called the report false.
{watch}#   - item: A signal with dates, e.g. a US regulatory filing naming both companies.
#     due: 2026-06-30       # optional: when the desk expects an answer
#     resolved: 2026-06-10  # optional: when it was answered
#     by: 2026/06/ford-xiaomi-venture-announced  # optional: the briefing that answered it
{authors}{draft}# corrections:  # what the desk got wrong, and when it fixed it
#   - date: 2026-02-03
#     text: An earlier version said the talks were about batteries.
# history:  # how the status moved, oldest first; `autobrief status` appends to it
#   - date: 2026-02-02
#     status: reported
#     note: The FT reports exploratory talks.
#   - date: 2026-02-03
#     status: denied
#     note: Ford and Xiaomi call the report false.
#     url: https://www.example.com/the-statement
---

Write the briefing here, in Markdown: what was reported and by whom, what the
parties said, and why it matters. Until `summary` is set, this first paragraph
is the summary shown in listings.
"""


class _Dumper(yaml.SafeDumper):
    """Indents list items under their key, as the contract's examples do."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _yaml(key: str, value, block: bool = False) -> str:
    """One field as YAML. The safe dumper quotes whatever needs it: colons, quotes, `2026`, `NO`."""
    names = not block and isinstance(value, list) and all(isinstance(item, str) for item in value)
    # None puts a list of names inline, `[Ford, Xiaomi]`; False writes everything else in block style.
    return yaml.dump({key: value}, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     width=math.inf, default_flow_style=None if names else False)


def _optional(key: str, value, example: str) -> str:
    """The field when given, else a commented example for the writer to fill in."""
    return _yaml(key, value) if value else f"# {key}: {example}\n"


def skeleton(args: argparse.Namespace, when: date) -> str:
    return SKELETON.format(
        title=_yaml("title", args.title.strip()), date=_yaml("date", when), status=_yaml("status", args.status),
        companies=_optional("companies", args.company, "[Ford, Xiaomi]"),
        regions=_optional("regions", args.region, "[US, China]"),
        tags=_optional("tags", args.tag, "[electric-vehicles, partnerships]"),
        story=_optional("story", args.story, "ford-xiaomi-us-talks  # groups the briefings of one story"),
        sources=_yaml("sources", [{"name": name} for name in args.source]),
        # Sentences, one a line; the commented mapping form follows either way.
        watch=_yaml("watch", args.watch, block=True) if args.watch else
        "# watch:\n#   - A signal that would change the status, e.g. an official announcement.\n",
        authors=_optional("authors", args.author, "[Editor]"),
        draft="draft: true\n" if args.draft else "# draft: true  # keeps it off the published site\n",
    )


def cmd_new(args: argparse.Namespace) -> int:
    prog = "autobrief new"
    when = args.date or date.today()
    slug = args.slug or briefing_slug(args.title)
    if not slug:
        return _fail(prog, "the title gives no slug (no Latin letters or digits): give one with --slug", 2)
    path = Path(args.folder) / f"{when:%Y}" / f"{when:%m}" / f"{slug}{BRIEFING_SUFFIX}"
    text = skeleton(args, when)
    # The build's own validator is the last word: what would fail `check` is never written.
    _, errors = check_file(text.encode("utf-8"), path.as_posix(), slug)
    if errors:
        return _fail(prog, "; ".join(f"{e.field}: {e.message}" for e in errors), 2)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as file:  # "x": never overwrite a briefing
            file.write(text)
    except FileExistsError:
        return _fail(prog, f"{path.as_posix()} already exists; nothing written (choose another --slug)", 1)
    except OSError as exc:
        return _fail(prog, f"cannot write {path.as_posix()}: {exc.strerror or exc}", 1)
    print(path.as_posix())
    return 0


def _fail(prog: str, message: str, code: int) -> int:
    print(f"{prog}: error: {message}", file=sys.stderr)
    return code


def _slug_arg(text: str) -> str:
    if not SLUG_RE.fullmatch(text):
        raise argparse.ArgumentTypeError(not_a_slug(text))
    return text


def _date_arg(text: str) -> date:
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"'{text}' is not a date: write YYYY-MM-DD, e.g. 2026-02-02")


# --- check -------------------------------------------------------------------------------


@dataclass
class _Collected:
    """What `autobrief check PATHS` has to check: the items, each once, the errors of paths that are
    not there, the briefings folder of each item (by its shown path) and the folders given whole."""

    items: list[tuple]  # (file, shown path, path in its briefings folder)
    errors: list[BriefingError]
    folders: dict[str, Path] = field(default_factory=dict)
    whole: set[Path] = field(default_factory=set)


def _collect(paths: list[str], base: Path) -> _Collected:
    files: dict[str, tuple] = {}  # shown -> (file, or Unlisted folder; path in its briefings folder)
    found = _Collected([], [])
    for given in paths:
        path = Path(given)
        shown = display_path(path, base)  # the build's rule for paths in errors
        missing = not_found(path, shown, "path", file_ok=True)
        if missing:
            found.errors.append(missing)
            continue
        # Judged by its place in its briefings folder, as the build judges the files of its folder.
        folder = briefings_folder(path)
        within = Path(os.path.abspath(path)).relative_to(folder).as_posix()
        within = "" if within == "." else within
        if path.is_dir():
            if not within:
                found.whole.add(folder)
            for file, shown_file, rel in files_under(path, shown, within):
                files.setdefault(shown_file, (file, rel))
                found.folders.setdefault(shown_file, folder)
        else:
            files.setdefault(shown, (given, within))
            found.folders.setdefault(shown, folder)
    found.items = [(file, shown, rel) for shown, (file, rel) in files.items()]
    return found


class Checked(NamedTuple):
    """What the checks across files (and against the registries) need of one file: small, to send between processes."""

    claim: UrlClaim | None
    refs: list[WatchRef]
    errors: list[BriefingError]
    names: list[WrittenName] = []
    story: str | None = None


def _url_and_errors(item: tuple[str, str, str]) -> Checked:
    # check_path is the build's own step for one file; the URL claim, watch references and names
    # are all the checks across files need of a briefing, and cheap to send between processes.
    briefing, errors = check_path(*item)
    if briefing is None:
        return Checked(None, [], errors)
    return Checked(url_claim(briefing), watch_refs(briefing), errors, written_names(briefing), briefing.front.story)


def _check_all(items: list[tuple[str, str, str]]) -> list[Checked]:
    """_url_and_errors of each item, in order; over many files, in one process per CPU."""
    workers = os.cpu_count() or 1
    if len(items) >= PARALLEL_FROM and workers > 1:
        try:
            with ProcessPoolExecutor(workers) as pool:
                return list(pool.map(_url_and_errors, items, chunksize=math.ceil(len(items) / (workers * 8))))
        except (OSError, NotImplementedError, RuntimeError):
            pass  # no working multiprocessing here (e.g. no /dev/shm): check in this process
    return [_url_and_errors(item) for item in items]


def _elsewhere(refs: list[WatchRef], claims: list[UrlClaim], items: list[tuple], base: Path) -> list[UrlClaim]:
    """The briefings a watch item names outside the files given: read from the rest of their
    briefings folders (only when some `by` names a briefing not among them)."""
    known = {claim.url for claim in claims}
    if all(addresses.briefing_at(ref.by) in known for ref in refs):
        return []
    checked = {shown for _, shown, _ in items}
    folders = {briefings_folder(Path(file)) for file, shown, _ in items
               if any(ref.path == shown for ref in refs)}
    others = [item for folder in sorted(folders) for item in files_under(folder, display_path(folder, base))
              if item[1] not in checked]
    return [result.claim for result in _check_all(others) if result.claim]


@dataclass
class _Examined:
    collected: _Collected
    results: list[Checked]  # one per item, in order
    errors: list[BriefingError]  # sorted: every error of the briefings and of the paths given

    @property
    def items(self) -> list[tuple]:
        return self.collected.items

    @property
    def valid(self) -> int:
        return sum(1 for result in self.results if result.claim)


def _examine(paths: list[str], base: Path) -> _Examined:
    collected = _collect(paths, base)
    results = _check_all(collected.items)
    errors = collected.errors + [e for result in results for e in result.errors]
    claims = [result.claim for result in results if result.claim]
    errors += duplicate_urls(claims)  # drafts included: see CHECK_EPILOG
    refs = [ref for result in results for ref in result.refs]
    errors += unknown_answers(claims + _elsewhere(refs, claims, collected.items, base), refs)
    return _Examined(collected, results, sorted(errors))


def _checked(paths: list[str], base: Path) -> tuple[list[tuple], list[BriefingError], int]:
    """What `autobrief check PATHS` finds of the briefings: the items checked, every error (sorted) and how many
    briefings are valid (the registries aside: `autobrief status` judges a briefing by these alone)."""
    examined = _examine(paths, base)
    return examined.items, examined.errors, examined.valid


def _against_registries(examined: _Examined, base: Path, folder: str | None,
                        closed: bool) -> tuple[list[BriefingError], list[BriefingError], set[str]]:
    """(errors, warnings, registry files read) of the registries the briefings checked belong to: each
    briefings folder's registry/ beside it, or ``folder`` for them all. A registry's unused stories are
    named only when every briefings folder using it was checked whole."""
    errors: list[BriefingError] = []
    warnings: list[BriefingError] = []
    files: set[str] = set()
    groups: dict[Path, list[int]] = {}  # registry folder -> the items that use it
    owners: dict[Path, set[Path]] = {}  # registry folder -> the briefings folders that use it
    if folder is not None:
        given = Path(folder)
        missing = not_found(given, display_path(given, base), "registry")
        if missing:
            return [missing], [], files
        groups[Path(os.path.abspath(folder))] = []  # read even when no briefing uses it

    def registry_of(briefings: Path) -> list[int]:
        registry_folder = Path(os.path.abspath(folder)) if folder is not None else briefings.parent / REGISTRY_FOLDER
        owners.setdefault(registry_folder, set()).add(briefings)
        return groups.setdefault(registry_folder, [])

    for briefings in examined.collected.whole:  # read even when the folder holds no briefing yet
        registry_of(briefings)
    for i, (_, shown, _) in enumerate(examined.items):
        registry_of(examined.collected.folders[shown]).append(i)
    for registry_folder in sorted(groups):
        registry = load_registry(registry_folder, display_path(registry_folder, base))
        files.update(registry.present.values())
        files.update(e.path for e in registry.errors)
        errors += registry.errors
        results = [examined.results[i] for i in groups[registry_folder]]
        found_errors, found_warnings = unknown_names((n for r in results for n in r.names), registry, closed)
        errors += found_errors
        warnings += found_warnings
        if registry_folder in owners and owners[registry_folder] <= examined.collected.whole:
            warnings += registry.unused_stories(r.story for r in results if r.story)
    return errors, warnings, files


def cmd_check(args: argparse.Namespace) -> int:
    base = Path(args.base) if args.base else Path.cwd()
    examined = _examine(args.paths or ["briefings"], base)
    found_errors, warnings, registry_files = _against_registries(examined, base, args.registry, args.closed)
    docs_files: set[str] = set()
    if args.docs is not None:
        docs_errors, docs_files = _docs_markers(Path(args.docs), examined, base, args.registry)
        found_errors += docs_errors
    errors = sorted(examined.errors + found_errors)
    warnings = sorted(warnings)
    items = examined.items
    if args.format == "json":
        report = {"version": 1, "files": len(items), "briefings": examined.valid,
                  "errors": [e.as_dict() for e in errors]}
        if registry_files:  # a project with registries (v1.1); without, the report is as v1 made it
            report["warnings"] = [w.as_dict() for w in warnings]
        print(json.dumps(report, indent=2))
    else:
        for error in errors:
            print(error)
        for warning in warnings:
            print(_warning_line(warning))
    if os.environ.get("GITHUB_ACTIONS") == "true":
        # The runner reads workflow commands from either stream; keep JSON alone on stdout.
        stream = sys.stderr if args.format == "json" else sys.stdout
        for error in errors:
            print(_annotation(error), file=stream)
        for warning in warnings:
            print(_annotation(warning, "warning"), file=stream)
    checked = {shown for _, shown, _ in items}
    print(_summary(errors, len(items), checked, registry_files, len(warnings), docs_files), file=sys.stderr)
    return 1 if errors else 0


def _docs_markers(docs: Path, examined: _Examined, base: Path, registry: str | None) -> tuple[list[BriefingError], set[str]]:
    """The errors of the markers in the docs pages (`<!-- briefings: … -->`), judged as the build judges
    them: against the published briefings of the folders checked whole, and their registry."""
    from .core.indexes import Index
    from .render.embeds import Embeds  # the build's own scan of the docs pages

    missing = not_found(docs, display_path(docs, base), "docs")
    if missing:
        return [missing], set()
    if not examined.collected.whole:
        return [BriefingError(display_path(docs, base), 0, "docs",
                              "--docs needs a whole briefings folder to check the markers against")], set()
    briefings = []
    for folder in sorted(examined.collected.whole):
        briefings += load_corpus(folder, base=base).briefings
    folder = Path(os.path.abspath(registry)) if registry else sorted(examined.collected.whole)[0].parent / REGISTRY_FOLDER
    index = Index(briefings, registry=load_registry(folder, display_path(folder, base)))
    pages = [(shown, shown, page.read_text(encoding="utf-8"))
             for page in sorted(docs.rglob("*.md")) for shown in [display_path(page, base)]]
    embeds = Embeds()
    found = embeds.scan(pages, index)
    return found, set(embeds.pages)  # the pages with markers


def _warning_line(warning: BriefingError) -> str:
    """`path:line: field: warning: message`: the shape of an error, marked as a warning."""
    return str(BriefingError(warning.path, warning.line, warning.field, "warning: " + warning.message))


def _summary(errors: list[BriefingError], files: int, checked: set[str], registry_files: set[str] = frozenset(),
             warnings: int = 0, docs_files: set[str] = frozenset()) -> str:
    if not errors:
        text = f"{_count(files, 'briefing')} OK"
    else:
        paths = {e.path for e in errors}
        text = f"{_count(len(errors), 'error')} in {len(paths & checked)} of {_count(files, 'file')}"
        for kind, named in (("registry file", registry_files), ("docs page", docs_files)):
            if paths & named:
                text += f" and {_count(len(paths & named), kind)}"
        known = checked | registry_files | docs_files
        missing = sum(1 for e in errors if e.path not in known)
        text += f"; {_count(missing, 'path')} not found" if missing else ""
    return text + (f"; {_count(warnings, 'warning')}" if warnings else "")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _annotation(error: BriefingError, level: str = "error") -> str:
    """A GitHub workflow command that puts the error (or warning) on the file's line in a pull request."""
    props = [f"file={_escape(error.path, True)}"]
    if error.line > 0:
        props.append(f"line={error.line}")
    props.append(f"title={_escape(error.field, True)}")
    return f"::{level} {','.join(props)}::{_escape(error.message)}"


def _escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


# --- status ------------------------------------------------------------------------------


def cmd_status(args: argparse.Namespace) -> int:
    from .status_edit import Refusal, move

    prog = "autobrief status"
    path = Path(args.file)
    if path.is_dir():
        return _fail(prog, f"{args.file} is a folder: give one briefing file", 2)
    when = args.date or date.today()
    try:
        was = path.read_bytes()
    except OSError:
        was = None  # the check below says why
    items, errors, _ = _checked([str(path)], Path.cwd())  # what `autobrief check FILE` reports of it
    if errors or was is None:
        for error in errors:
            print(error, file=sys.stderr)
        return _fail(prog, f"{args.file} does not pass `autobrief check`: fix it first; nothing written", 1)
    ((_, shown, rel),) = items
    try:
        moved = move(path, was, shown, rel, args.status, args.note, args.url, when)
    except Refusal as refusal:
        for message in refusal.messages:
            print(f"{prog}: error: {message}", file=sys.stderr)
        return refusal.code
    _note_relaid(prog, moved.relaid)
    print(f"{shown}: {moved.old} -> {args.status} ({when.isoformat()})")
    return 0


def _note_relaid(prog: str, relaid: list[int]) -> None:
    """Tell the writer which lines of the old file the round trip laid out anew (the values are the same)."""
    if relaid:
        where = ", ".join(map(str, relaid[:5])) + (", …" if len(relaid) > 5 else "")
        print(f"{prog}: note: line(s) {where} of the old file are laid out anew, with the same values", file=sys.stderr)


# --- registry add --------------------------------------------------------------------------


def cmd_registry_add(args: argparse.Namespace) -> int:
    from .registry_edit import OPTIONS, Refusal, add_entry, default_folder

    prog = "autobrief registry add"
    folder = Path(args.registry) if args.registry else default_folder(Path.cwd())
    shown = display_path(folder, Path.cwd())
    given = {name: getattr(args, option.lstrip("-")) for name, option in OPTIONS.items()}
    try:
        added = add_entry(folder, shown, args.kind, args.name, given)
    except Refusal as refusal:
        for error in refusal.errors:
            print(error, file=sys.stderr)
        return _fail(prog, refusal.message, refusal.code)
    _note_relaid(prog, added.relaid)
    made = " (a new file)" if added.created else ""
    print(f"{added.path}:{added.line}: {added.key}: added {args.kind} {args.name}{made}")
    return 0


# --- the parser ----------------------------------------------------------------------------

MAIN_EPILOG = """\
Examples:
  autobrief new "Ford and Xiaomi talked about cooperation?" --source "Financial Times"
  autobrief status briefings/2026/02/ford-xiaomi-us-talks.md confirmed \\
      --note "A joint statement announces the venture." --date 2026-06-10
  autobrief check                      # every briefing under ./briefings
  autobrief check --format json > report.json
  autobrief check --closed             # every company, outlet and author must be in the registries
  autobrief registry add company Xiaomi --alias "Xiaomi Corporation" --country CN
  autobrief schema > briefing.schema.json
"""

NEW_EPILOG = """\
The file is written at FOLDER/YYYY/MM/SLUG.md (from --date, today by default),
with the given fields filled in and the optional ones as commented examples.
At least one --source is required: the contract needs a source, and a
placeholder could be published by mistake. An existing file is never
overwritten (exit 1).

Examples:
  autobrief new "Ford and Xiaomi talked about cooperation on cars in the US?" \\
      --source "Financial Times" --source Reuters --company Ford --company Xiaomi \\
      --region US --status denied --story ford-xiaomi-us-talks
  autobrief new "Toyota: a solid-state battery pilot line" --source Nikkei \\
      --date 2026-03-01 --slug toyota-solid-state-pilot --draft \\
      --watch "A production date for the first cars"
"""

STATUS_EPILOG = """\
Sets the briefing's `status` and appends the move to its `history` as a step
{date, status, note, url}; an `updated` earlier than the step becomes its date. A briefing without a history first gets the step
of the status it had, at its `date`, then the new one. Only the front matter
changes, through ruamel.yaml's round trip: comments, key order, quoting and
flow lists stay as they are, new list entries are indented as the file's
`sources:`, and the body and the line endings (LF or CRLF) are kept byte for
byte. The result is checked as `autobrief check` checks it before anything is
written, then written atomically (a temporary file beside it, then renamed):
a step dated before the last one, a URL that is not http(s), the status the
briefing already has, or a file that fails check already leaves the file as
it was.

Exit status: 0 updated, 1 refused (nothing written), 2 usage error.

Examples:
  autobrief status briefings/2026/02/ford-xiaomi-us-talks.md confirmed \\
      --note "A joint statement announces the venture." \\
      --url https://www.example.com/joint-statement --date 2026-06-10
  autobrief status briefings/2026/03/toyota-solid-state-pilot.md disputed \\
      --note "Toyota says the line is a test bench, not a pilot line."
"""

CHECK_EPILOG = """\
Every file is checked as the site build checks it: each error is printed as
`path:line: field: message` (paths relative to the current folder or --base),
followed by a summary on stderr. Drafts are checked like any briefing, and
duplicate URLs are looked for among all the briefings checked, drafts
included, so that a draft cannot collide with a published briefing later.
Files other than .md inside a folder are errors, as in the build, and so are
hidden ones, judged by their path inside the briefings folder: the nearest
folder named `briefings` around the PATH (within its project), else the
folder given, so that .content/briefings is checked as a build using it is.
With GITHUB_ACTIONS=true, errors are also printed as ::error annotations
(on stderr with --format json, so that stdout stays one JSON document).
From 500 files on, files are checked in parallel, one process per CPU.

Registries (contract v1.1): the files of the folder `registry` beside each
briefings folder (or --registry DIR, for every path) are read as the build
reads them, and their errors count as errors. A company, outlet (a source's
name or via) or author that is in no registry but close to a registry key,
name or alias (a typo, or a name inside the other as whole words, e.g.
"Xiaomi Corporation" and "Xiaomi") is a warning naming the entry. With
--closed, every such name of a kind whose registry file exists is an error.
A story of stories.yml that no briefing uses is a warning, given only when
the whole briefings folder is checked. Warnings are printed as
`path:line: field: warning: message` (in --format json, in "warnings" beside
"errors", there whenever a registry file is; with GITHUB_ACTIONS=true, as
::warning annotations) and leave the exit status as it is.

With --docs DIR, the briefing markers in the Markdown pages of DIR
(`<!-- briefings: company=Xiaomi limit=5 -->`, `<!-- briefing: YYYY/MM/slug -->`)
are checked as the build checks them, against the published briefings of the
folders checked whole: each wrong one is `docs/PAGE.md:LINE: briefings: message`.

Exit status: 0 all valid (warnings or not), 1 errors found, 2 usage error.

Examples:
  autobrief check
  autobrief check briefings/2026/02/ford-xiaomi-us-talks.md
  autobrief check site-a/briefings site-b/briefings --base .
  autobrief check --closed --registry shared/registry
  autobrief check --format json | jq '.errors[].path, .warnings[]?.message'
"""

REGISTRY_EPILOG = """\
The registries are YAML files in the folder `registry` beside the briefings
folder (contract v1.1): companies.yml, outlets.yml, stories.yml, authors.yml.

Example:
  autobrief registry add company Xiaomi --alias "Xiaomi Corporation" --country CN
"""

REGISTRY_ADD_EPILOG = """\
KIND is company, outlet, story or author. A company, outlet or author is
keyed by --key, by default the slug of NAME (Xiaomi Corp -> xiaomi-corp),
and NAME becomes its `name`; a story's NAME is its key, the slug briefings
give in `story`, and --title is required. Each kind takes its own fields:

  company  --alias --wikidata --lei --country --website --parent --description
  outlet   --alias --wikidata --country --website --description
  story    --title --summary
  author   --description --url

The entry is appended to registry/FILE (beside ./briefings, or the
briefings folder the current folder is in; --registry DIR to choose), which
is created when missing. The file is edited through ruamel.yaml's round trip:
comments, key order, quoting and flow lists stay as they are, and the new
entry follows the file's indentation. The result is read as `autobrief
check` and the build read it before anything is written: a key already
there, a name or alias that another entry has, a bad Wikidata item, LEI or
country code, or a parent that names no company is refused with the
registry's own error lines, and nothing is written. Then the file is written
atomically (a temporary file beside it, then renamed).

Exit status: 0 added, 1 refused (nothing written), 2 usage error.

Examples:
  autobrief registry add company Xiaomi --alias "Xiaomi Corp" --alias 小米 \\
      --wikidata Q1636958 --country CN --website https://www.mi.com/
  autobrief registry add company "Xiaomi Auto" --parent xiaomi
  autobrief registry add outlet "Financial Times" --alias FT --country GB
  autobrief registry add story ford-xiaomi-us-talks --title "Ford and Xiaomi in the US"
  autobrief registry add author "Jane Doe" --url https://example.com/jane
"""

EXPORT_EPILOG = """\
Example:
  autobrief export export && cd export && zensical build && autobrief search site
"""

SEARCH_EPILOG = """\
Example:
  autobrief search site
"""


def cmd_export(args: argparse.Namespace) -> int:
    from .export import ExportError, export  # only this command renders pages

    config = Path(args.config)
    if not config.is_file():
        print(f"autobrief export: {config}: no such file", file=sys.stderr)
        return 2
    try:
        done = export(config, Path(args.folder))
    except ExportError as exc:
        for line in exc.lines:
            print(line, file=sys.stderr)
        print("autobrief export: nothing was written", file=sys.stderr)
        return 1
    print(f"{args.folder}: {len(done.pages):,} generated pages and {len(done.files):,} files, with the site's own "
          f"pages and a mkdocs.yml that names no plugin")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from .export import search_site

    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"autobrief search: {site}: not a built site (no index.html)", file=sys.stderr)
        return 2
    result = search_site(site)
    if not result.ok:
        print(f"autobrief search: {result.message}", file=sys.stderr)
        return 1
    print(f"{site}: Pagefind indexed {result.pages:,} briefing page(s) in {result.seconds:.2f} s")
    return 0


SCHEMA_EPILOG = """\
Example:
  autobrief schema > briefing.schema.json
"""


def parser() -> argparse.ArgumentParser:
    raw = argparse.RawDescriptionHelpFormatter
    top = _Parser(prog="autobrief", description="Create and check Autobrief briefings without building the site.",
                  epilog=MAIN_EPILOG, formatter_class=raw)
    top.add_argument("--version", action="version", version=f"autobrief {__version__}")
    commands = top.add_subparsers(dest="command", metavar="COMMAND", required=True)

    new = commands.add_parser("new", help="write a new briefing skeleton", epilog=NEW_EPILOG, formatter_class=raw,
                              description="Write a new briefing skeleton that passes `autobrief check`.")
    new.add_argument("title", help="the briefing's headline")
    new.add_argument("--source", action="append", required=True, metavar="NAME",
                     help="an outlet that reported it (repeatable; at least one)")
    new.add_argument("--status", choices=list(STATUSES), default="reported",
                     help="where the claim stands (default: reported)")
    new.add_argument("--company", action="append", metavar="NAME", help="a company it is about (repeatable)")
    new.add_argument("--region", action="append", metavar="NAME", help="a country or region (repeatable)")
    new.add_argument("--tag", action="append", metavar="TAG", help="a topic (repeatable)")
    new.add_argument("--author", action="append", metavar="NAME", help="who writes it (repeatable)")
    new.add_argument("--watch", action="append", metavar="TEXT",
                     help="a signal that would change the status (repeatable)")
    new.add_argument("--story", type=_slug_arg, metavar="SLUG", help="slug grouping the briefings of one story")
    new.add_argument("--slug", type=_slug_arg, help="file name and URL slug (default: from the title)")
    new.add_argument("--date", type=_date_arg, metavar="YYYY-MM-DD", help="publication date (default: today)")
    new.add_argument("--folder", default="briefings", help="the briefings folder (default: briefings)")
    new.add_argument("--draft", action="store_true", help="mark it as a draft, left out of the published site")
    new.set_defaults(run=cmd_new)

    status = commands.add_parser("status", help="move a briefing to a new status, recorded in its history",
                                 epilog=STATUS_EPILOG, formatter_class=raw,
                                 description="Set a briefing's status and append the step to its history.")
    status.add_argument("file", metavar="FILE", help="the briefing file")
    status.add_argument("status", metavar="STATUS", choices=list(STATUSES),
                        help="the new status: " + ", ".join(STATUSES))
    status.add_argument("--note", required=True, help="what happened, in plain text")
    status.add_argument("--url", help="link to what moved it (http or https)")
    status.add_argument("--date", type=_date_arg, metavar="YYYY-MM-DD", help="when it moved (default: today)")
    status.set_defaults(run=cmd_status)

    check = commands.add_parser("check", help="validate briefings", epilog=CHECK_EPILOG, formatter_class=raw,
                                description="Validate briefings against the front-matter contract.")
    check.add_argument("paths", nargs="*", metavar="PATH", help="briefing files or folders (default: briefings)")
    check.add_argument("--format", choices=["text", "json"], default="text", help="output format (default: text)")
    check.add_argument("--base", metavar="DIR", help="show paths relative to DIR (default: the current folder)")
    check.add_argument("--registry", metavar="DIR",
                       help="the registry folder for every path (default: `registry` beside each briefings folder)")
    check.add_argument("--closed", action="store_true",
                       help="a company, outlet or author in no registry is an error (for kinds whose file exists)")
    check.add_argument("--docs", metavar="DIR",
                       help="also check the briefing markers in the Markdown pages of DIR (e.g. docs) against the "
                            "briefings folders checked whole")
    check.set_defaults(run=cmd_check)

    registry = commands.add_parser("registry", help="edit the registries of companies, outlets, stories and authors",
                                   epilog=REGISTRY_EPILOG, formatter_class=raw,
                                   description="Edit the registry files beside the briefings folder.")
    actions = registry.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="append an entry to a registry file", epilog=REGISTRY_ADD_EPILOG,
                             formatter_class=raw, description="Append a company, outlet, story or author to its "
                             "registry file, checked as the build reads it.")
    add.add_argument("kind", metavar="KIND", choices=["company", "outlet", "story", "author"],
                     help="company, outlet, story or author")
    add.add_argument("name", metavar="NAME", help="the name the site shows (a story: its key, a slug)")
    add.add_argument("--key", type=_slug_arg, metavar="SLUG", help="the entry's key (default: the slug of NAME)")
    add.add_argument("--alias", action="append", metavar="NAME",
                     help="another name briefings write for it (repeatable; company, outlet)")
    add.add_argument("--wikidata", metavar="QID", help="its Wikidata item, e.g. Q1636958 (company, outlet)")
    add.add_argument("--lei", metavar="LEI", help="its Legal Entity Identifier, 20 characters (company)")
    add.add_argument("--country", metavar="CC", help="ISO 3166-1 alpha-2 code, e.g. CN (company, outlet)")
    add.add_argument("--website", metavar="URL", help="its website, http or https (company, outlet)")
    add.add_argument("--parent", metavar="KEY", help="the key of its parent company (company)")
    add.add_argument("--description", metavar="TEXT", help="one or two sentences (company, outlet, author)")
    add.add_argument("--title", metavar="TEXT", help="the story's title (story; required)")
    add.add_argument("--summary", metavar="TEXT", help="what the story is about (story)")
    add.add_argument("--url", metavar="URL", help="the author's own page (author)")
    add.add_argument("--registry", metavar="DIR",
                     help="the registry folder (default: `registry` beside the briefings folder)")
    add.set_defaults(run=cmd_registry_add)

    export = commands.add_parser("export", help="write the site as a plain project any engine builds",
                                 epilog=EXPORT_EPILOG, formatter_class=raw,
                                 description="Write every page the briefings plugin makes as Markdown with raw HTML, "
                                 "with the site's own pages, feeds, data, CSS and scripts, and a mkdocs.yml naming "
                                 "no plugin: `zensical build` or a plain `mkdocs build` makes the site.")
    export.add_argument("folder", metavar="DIR", help="where to write the project (emptied first)")
    export.add_argument("--config", "-f", default="mkdocs.yml", metavar="FILE",
                        help="the site's mkdocs.yml (default: mkdocs.yml)")
    export.set_defaults(run=cmd_export)

    search = commands.add_parser("search", help="index a built site for search (Pagefind)", epilog=SEARCH_EPILOG,
                                 formatter_class=raw, description="Run the search step over a built site: the "
                                 "header's search box on every page that lacks it, then Pagefind over the briefings.")
    search.add_argument("site", metavar="SITE_DIR", help="the built site, e.g. site")
    search.set_defaults(run=cmd_search)

    schema = commands.add_parser("schema", help="print the JSON Schema of the front matter", epilog=SCHEMA_EPILOG,
                                 formatter_class=raw, description="Print the JSON Schema of the briefing front matter.")
    schema.set_defaults(run=lambda args: print(json_schema_text(), end="") or 0)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    for stream in (sys.stdout, sys.stderr):  # a file name that is not UTF-8 must not crash the report
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `autobrief check | head`: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    # Run the package's module, not this __main__ copy, so worker processes find _url_and_errors by name.
    from autobrief.cli import main as package_main

    sys.exit(package_main())
