"""The `autobrief` command: create and check briefings without building the site.

new     writes a briefing skeleton that `check` (and the build) accepts
check   validates briefings with the same core as the build, in parallel when there are many
schema  prints the JSON Schema of the front matter

Standard library only, and no MkDocs import: it runs in CI and editors as it is.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

import yaml

from . import __version__
from .core.corpus import (BRIEFING_SUFFIX, UrlClaim, WatchRef, briefings_folder, check_file, check_path,
                          display_path, duplicate_urls, files_under, not_found, unknown_answers, url_claim, watch_refs)
from .core import addresses
from .core.errors import BriefingError
from .core.model import SLUG_RE, STATUSES, not_a_slug
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
# watch:
#   - A signal that would change the status, e.g. an official announcement.
{authors}{draft}---

Write the briefing here, in Markdown: what was reported and by whom, what the
parties said, and why it matters. Until `summary` is set, this first paragraph
is the summary shown in listings.
"""


class _Dumper(yaml.SafeDumper):
    """Indents list items under their key, as the contract's examples do."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _yaml(key: str, value) -> str:
    """One field as YAML. The safe dumper quotes whatever needs it: colons, quotes, `2026`, `NO`."""
    names = isinstance(value, list) and all(isinstance(item, str) for item in value)
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


def _collect(paths: list[str], base: Path) -> tuple[list[tuple], list[BriefingError]]:
    """PATHS -> (file, shown path, path in its briefings folder) to check, each once,
    and the errors of paths that are not there."""
    files: dict[str, tuple] = {}  # shown -> (file, or Unlisted folder; path in its briefings folder)
    errors = []
    for given in paths:
        path = Path(given)
        shown = display_path(path, base)  # the build's rule for paths in errors
        missing = not_found(path, shown, "path", file_ok=True)
        if missing:
            errors.append(missing)
            continue
        # Judged by its place in its briefings folder, as the build judges the files of its folder.
        within = Path(os.path.abspath(path)).relative_to(briefings_folder(path)).as_posix()
        within = "" if within == "." else within
        if path.is_dir():
            for file, shown_file, rel in files_under(path, shown, within):
                files.setdefault(shown_file, (file, rel))
        else:
            files.setdefault(shown, (given, within))
    return [(file, shown, rel) for shown, (file, rel) in files.items()], errors


Checked = tuple[UrlClaim | None, list[WatchRef], list[BriefingError]]


def _url_and_errors(item: tuple[str, str, str]) -> Checked:
    # check_path is the build's own step for one file; the URL claim and watch references are
    # all the checks across files need of a briefing, and cheap to send between processes.
    briefing, errors = check_path(*item)
    if briefing is None:
        return None, [], errors
    return url_claim(briefing), watch_refs(briefing), errors


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
    return [claim for claim, _, _ in _check_all(others) if claim]


def cmd_check(args: argparse.Namespace) -> int:
    base = Path(args.base) if args.base else Path.cwd()
    items, errors = _collect(args.paths or ["briefings"], base)
    results = _check_all(items)
    errors += [e for _, _, file_errors in results for e in file_errors]
    claims = [claim for claim, _, _ in results if claim]
    errors += duplicate_urls(claims)  # drafts included: see CHECK_EPILOG
    refs = [ref for _, file_refs, _ in results for ref in file_refs]
    errors += unknown_answers(claims + _elsewhere(refs, claims, items, base), refs)
    valid = len(claims)
    errors.sort()
    if args.format == "json":
        report = {"version": 1, "files": len(items), "briefings": valid, "errors": [e.as_dict() for e in errors]}
        print(json.dumps(report, indent=2))
    else:
        for error in errors:
            print(error)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        # The runner reads workflow commands from either stream; keep JSON alone on stdout.
        stream = sys.stderr if args.format == "json" else sys.stdout
        for error in errors:
            print(_annotation(error), file=stream)
    print(_summary(errors, len(items), {shown for _, shown, _ in items}), file=sys.stderr)
    return 1 if errors else 0


def _summary(errors: list[BriefingError], files: int, checked: set[str]) -> str:
    if not errors:
        return f"{_count(files, 'briefing')} OK"
    bad = len({e.path for e in errors} & checked)
    text = f"{_count(len(errors), 'error')} in {bad} of {_count(files, 'file')}"
    missing = sum(1 for e in errors if e.path not in checked)
    return text + (f"; {_count(missing, 'path')} not found" if missing else "")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _annotation(error: BriefingError) -> str:
    """A GitHub workflow command that puts the error on the file's line in a pull request."""
    props = [f"file={_escape(error.path, True)}"]
    if error.line > 0:
        props.append(f"line={error.line}")
    props.append(f"title={_escape(error.field, True)}")
    return f"::error {','.join(props)}::{_escape(error.message)}"


def _escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


# --- the parser ----------------------------------------------------------------------------

MAIN_EPILOG = """\
Examples:
  autobrief new "Ford and Xiaomi talked about cooperation?" --source "Financial Times"
  autobrief check                      # every briefing under ./briefings
  autobrief check --format json > report.json
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
      --date 2026-03-01 --slug toyota-solid-state-pilot --draft
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

Exit status: 0 all valid, 1 errors found, 2 usage error.

Examples:
  autobrief check
  autobrief check briefings/2026/02/ford-xiaomi-us-talks.md
  autobrief check site-a/briefings site-b/briefings --base .
  autobrief check --format json | jq '.errors[].path'
"""

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
    new.add_argument("--story", type=_slug_arg, metavar="SLUG", help="slug grouping the briefings of one story")
    new.add_argument("--slug", type=_slug_arg, help="file name and URL slug (default: from the title)")
    new.add_argument("--date", type=_date_arg, metavar="YYYY-MM-DD", help="publication date (default: today)")
    new.add_argument("--folder", default="briefings", help="the briefings folder (default: briefings)")
    new.add_argument("--draft", action="store_true", help="mark it as a draft, left out of the published site")
    new.set_defaults(run=cmd_new)

    check = commands.add_parser("check", help="validate briefings", epilog=CHECK_EPILOG, formatter_class=raw,
                                description="Validate briefings against the front-matter contract.")
    check.add_argument("paths", nargs="*", metavar="PATH", help="briefing files or folders (default: briefings)")
    check.add_argument("--format", choices=["text", "json"], default="text", help="output format (default: text)")
    check.add_argument("--base", metavar="DIR", help="show paths relative to DIR (default: the current folder)")
    check.set_defaults(run=cmd_check)

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
