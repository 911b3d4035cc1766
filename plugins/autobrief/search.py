"""Search: Pagefind over the built briefing pages, a search page and a header box of our own.

What it adds to a build (the plugin calls in from on_config, on_files,
on_page_content, on_post_page, on_post_template and on_post_build):

* on every briefing, ``data-pagefind-body`` on its article and a hidden block of
  Pagefind filters (status, year, company, source, region, tag, with the
  spelling the listing pages use), metadata (title, date, status, summary,
  companies) and a date sort. Pages without ``data-pagefind-body`` (listings,
  home, guide, 404, the search page) are not indexed: results are briefings;
* after the build, ``pagefind --site <site_dir>`` (the binary that
  ``pagefind[bin]`` installs, run offline) writes ``pagefind/``;
* the browse data in ``search/`` (``facets.json``, ``terms/``, ``records/``):
  a view with filters and no query is answered from these small files, because
  Pagefind's own filter-only search loads its whole word index (megabytes at
  10,000 briefings);
* the search page ``search/`` and a search box in every page's header (the
  markup and classes of Material's, driven by ``assets/autobrief/search.js``).

When mkdocs.yml turns Material's own ``search`` plugin on, this module stands
down entirely, so that a site never has two competing indexes.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from datetime import timezone
from importlib import resources
from pathlib import Path
from typing import IO, Iterable
from urllib.parse import urlsplit

from markupsafe import Markup, escape
from mkdocs.structure.files import File, Files, InclusionLevel

from .core.briefing import Briefing
from .core.indexes import Index
from .core.model import STATUSES
from .logs import terminal_logger
from .render import relative

log = logging.getLogger("mkdocs.plugins.briefings")
# Under `mkdocs serve`, a missing binary is said once per rebuild without being
# counted as a warning (strict mode would stop the preview).
quiet_log = terminal_logger("autobrief.search", "WARNING")

JS_URI = "assets/autobrief/search.js"
CSS_URI = "assets/autobrief/search.css"
PAGE_URI = "search/index.md"  # the search page: /search/
BRIEFING_GLOB = "briefings/[0-9]*/**/*.html"  # the pages Pagefind reads: briefings only
PAGE_URL = "search/"
DATA = "search"  # browse data: search/facets.json, search/terms/, search/records/
BUNDLE = "pagefind"  # Pagefind's output folder, at the site root
FORMAT = 1  # version of the browse data
CHUNK = 8  # briefings per records file: a page of 10 results fetches a few small files

# Filter keys, in the order of the facets on the search page.
KINDS: tuple[tuple[str, str], ...] = (
    ("status", "Status"), ("company", "Company"), ("source", "Source"),
    ("region", "Region"), ("tag", "Tag"), ("year", "Year"),
)
# Parts of a briefing page that describe other pages, not this one: left out of the index.
EXCLUDE = (".ab-breadcrumbs", ".ab-related", ".ab-story-nav", ".ab-source__record", ".headerlink")
INSTALL_HINT = "pip install 'pagefind[bin]'"


def material_search_on(config) -> bool:
    return any(name in config.plugins for name in ("search", "material/search"))


def find_pagefind() -> Path | None:
    """The Pagefind binary: $PAGEFIND_BINARY_PATH, pagefind-bin(-extended), or one on PATH."""
    try:
        from pagefind.service import get_executable  # the Python API: checks all three
    except ImportError:
        get_executable = None
    if get_executable is not None:
        try:
            found = get_executable()
        except (FileNotFoundError, OSError):
            found = None
        if found is not None and Path(found).is_file():
            return Path(found)
    for module in ("pagefind_bin_extended", "pagefind_bin"):
        try:
            found = __import__(module).get_executable()
        except (ImportError, FileNotFoundError, OSError):
            continue
        return Path(found)
    which = shutil.which("pagefind_extended") or shutil.which("pagefind")
    return Path(which) if which else None


# ------------------------------------------------------------------ the page data


def _names(index: Index, kind: str, names: Iterable[str]) -> list[str]:
    """Each name as its term page spells it (Ford for FORD), once, in the briefing's order."""
    out: list[str] = []
    for name in names:
        term = index.term(kind, name)
        canonical = term.name if term else name
        if canonical not in out:
            out.append(canonical)
    return out


def facets_of(b: Briefing, index: Index) -> dict[str, list[str]]:
    """Every filter value of one briefing, by key (once per build: its page, the browse data and,
    under `serve --dirty`, its fingerprint all need them)."""
    key = ("facets", id(b))
    if key not in index.memo:
        index.memo[key] = _facets(b, index)
    return index.memo[key]


def _facets(b: Briefing, index: Index) -> dict[str, list[str]]:
    sources: list[str] = []
    for s in b.sources:
        sources += [s.name] + ([s.via] if s.via else [])
    return {
        "status": [b.status],
        "company": _names(index, "company", b.companies),
        "source": _names(index, "source", sources),
        "region": _names(index, "region", b.regions),
        "tag": _names(index, "tag", b.tags),
        "year": [str(b.date.year)],
    }


def _human(b: Briefing) -> str:
    return f"{b.date.day} {b.date:%B %Y}"


def _sort_key(b: Briefing) -> str:
    """The publication instant in UTC, then the file: sorts as text in the listings' order."""
    return b.published.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") + " " + b.path


def pagefind_markup(b: Briefing, index: Index) -> Markup:
    """A hidden block of Pagefind filters, metadata and sort for one briefing.

    Values sit in attributes (``key:value``, one per element, so commas are safe),
    escaped like any attribute; the block adds no text to the page.
    """
    parts = []

    def tag(attr: str, key: str, value: str) -> None:
        parts.append(f'<span data-pagefind-{attr}="{escape(key)}:{escape(value)}"></span>')

    meta = {
        "title": b.title, "date": _human(b), "iso": b.date.isoformat(), "status": b.status,
        "summary": b.summary_text or "", "companies": ", ".join(_names(index, "company", b.companies)),
    }
    for key, value in meta.items():
        if value:
            tag("meta", key, value)
    for key, values in facets_of(b, index).items():
        for value in values:
            tag("filter", key, value)
    tag("sort", "date", _sort_key(b))
    return Markup(f'<div class="ab-pagefind" hidden data-pagefind-ignore>{"".join(parts)}</div>')


# ------------------------------------------------------------------ browse data


def browse_data(index: Index) -> dict[str, bytes]:
    """The files that answer filter-only views, by path under the site root.

    * ``search/facets.json``: every filter value with its count (a value's number
      is its position in its list), the statuses' descriptions, and the layout;
    * ``search/terms/<key>/<n>.json``: one value's briefings (numbers, newest
      first, as deltas) and, for every other value, how many of them it shares;
    * ``search/terms/<key>/<n>.rows.json``: the same briefings with all their
      values, to intersect two or more filters in the browser;
    * ``search/records/<k>.json``: what a result shows (URL, title, dates,
      status, summary, companies) for briefings k*CHUNK to k*CHUNK+CHUNK-1.

    Briefing numbers are positions in the index's order, newest first.
    """
    briefings = index.briefings
    per = [facets_of(b, index) for b in briefings]
    values: dict[str, list[str]] = {}
    members: dict[str, dict[str, list[int]]] = {}
    for kind, _ in KINDS:
        groups: dict[str, list[int]] = {}
        for i, facets in enumerate(per):
            for value in facets[kind]:
                groups.setdefault(value, []).append(i)
        if kind == "status":
            order = list(STATUSES)
        elif kind == "year":
            order = sorted(groups, reverse=True)
        else:
            order = sorted(groups, key=lambda v: (-len(groups[v]), v.casefold(), v))
        values[kind] = order
        members[kind] = {v: groups.get(v, []) for v in order}
    number = {kind: {v: n for n, v in enumerate(values[kind])} for kind in values}
    vectors = [[[number[kind][v] for v in facets[kind]] for kind, _ in KINDS] for facets in per]

    out: dict[str, bytes] = {}
    out[f"{DATA}/facets.json"] = _json({
        "format": FORMAT, "count": len(briefings), "chunk": CHUNK,
        "kinds": [[kind, label] for kind, label in KINDS],
        "values": {kind: [[v, len(members[kind][v])] for v in values[kind]] for kind, _ in KINDS},
        "statuses": dict(STATUSES),
    })
    for kind, _ in KINDS:
        for n, value in enumerate(values[kind]):
            ids = members[kind][value]
            counts: dict[str, dict[int, int]] = {other: {} for other, _ in KINDS}
            for i in ids:
                for j, (other, _) in enumerate(KINDS):
                    for m in vectors[i][j]:
                        counts[other][m] = counts[other].get(m, 0) + 1
            deltas = [b - a for a, b in zip([0] + ids, ids)] if ids else []
            if ids:
                deltas[0] = ids[0]
            out[f"{DATA}/terms/{kind}/{n}.json"] = _json({
                "count": len(ids), "ids": deltas,
                # flat pairs: value number, count
                "counts": {other: [x for m in sorted(c) for x in (m, c[m])] for other, c in counts.items()},
            })
            out[f"{DATA}/terms/{kind}/{n}.rows.json"] = _json([[i, *vectors[i]] for i in ids])
    for start in range(0, len(briefings), CHUNK):
        out[f"{DATA}/records/{start // CHUNK}.json"] = _json([
            [b.url, b.title, _human(b), b.date.isoformat(), b.status, b.summary_text or "",
             ", ".join(_names(index, "company", b.companies))]
            for b in briefings[start:start + CHUNK]
        ])
    return out


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# ------------------------------------------------------------------ markup


@lru_cache(maxsize=None)  # a handful of icons, read once rather than four times a page
def _icon(name: str) -> str:
    path = resources.files("material").joinpath(f"templates/.icons/material/{name}.svg")
    return path.read_text(encoding="utf-8").strip()


@lru_cache(maxsize=64)  # one box per depth of page: the same markup for every page at that depth
def header_box(root: str) -> str:
    """The header's search box: Material's markup and classes, without Material's
    `data-md-component`, so that search.js drives it and Material's script leaves it be.
    ``root`` is the relative (or absolute) URL of the site root from the page."""
    action = escape(root + PAGE_URL)
    return (
        f'<label class="md-header__button md-icon" for="__search" aria-label="Search">{_icon("magnify")}</label>'
        '<div class="md-search ab-header-search" data-ab-search>'
        '<label class="md-search__overlay" for="__search" aria-hidden="true"></label>'
        '<div class="md-search__inner" role="search" aria-label="Search briefings">'
        f'<form class="md-search__form" name="search" action="{action}" method="get">'
        '<input type="text" class="md-search__input" name="q" aria-label="Search briefings" placeholder="Search briefings"'
        ' autocapitalize="off" autocorrect="off" autocomplete="off" spellcheck="false" required'
        ' aria-controls="ab-header-results" aria-keyshortcuts="/ s f">'
        f'<label class="md-search__icon md-icon" for="__search" aria-hidden="true">{_icon("magnify")}{_icon("arrow-left")}</label>'
        '<nav class="md-search__options" aria-label="Search options">'
        f'<button type="reset" class="md-search__icon md-icon" title="Clear" aria-label="Clear" tabindex="-1">{_icon("close")}</button>'
        '</nav></form>'
        '<div class="md-search__output"><div class="md-search__scrollwrap" tabindex="0" data-md-scrollfix>'
        '<div class="md-search-result">'
        '<div class="md-search-result__meta" role="status" aria-live="polite">Type to search the briefings</div>'
        '<ol class="md-search-result__list" id="ab-header-results" aria-label="Matching briefings"></ol>'
        f'<p class="ab-header-search__all" hidden><a href="{action}">All results, with filters</a></p>'
        '</div></div></div></div></div>'
    )


_HEADER = re.compile(r'<header class="md-header[^>]*>')
_SOURCE = '<div class="md-header__source">'


def inject_header(output: str, root: str) -> str:
    """Put the search box into Material's header, where Material's own would be."""
    match = _HEADER.search(output)
    if not match or 'class="md-search ab-header-search"' in output:
        return output
    end = output.find("</nav>", match.end())
    if end < 0:
        return output
    source = output.find(_SOURCE, match.end(), end)
    at = source if source >= 0 else end
    return output[:at] + header_box(root) + output[at:]


def page_markdown() -> str:
    """The search page: a form, the facets and the results, filled in by search.js."""
    sorts = "".join(f'<option value="{v}">{label}</option>' for v, label in
                    (("", "Relevance"), ("newest", "Newest first"), ("oldest", "Oldest first")))
    html = (
        '<div class="ab-search" data-ab-search-page>'
        '<h1 id="search">Search briefings</h1>'
        '<form class="ab-search__form" role="search" aria-label="Briefings" action="./" method="get">'
        '<label class="ab-search__label" for="ab-q">Words to find</label>'
        '<div class="ab-search__row">'
        '<input class="ab-search__input" id="ab-q" name="q" type="search" autocomplete="off" spellcheck="false"'
        ' placeholder="Company, outlet, word…" aria-keyshortcuts="/ s f">'
        '<button class="md-button md-button--primary ab-search__go" type="submit">Search</button>'
        '</div>'
        '<div class="ab-search__tools">'
        f'<label for="ab-sort">Sort by</label> <select id="ab-sort" name="sort">{sorts}</select>'
        ' <button class="ab-search__clear" type="button" hidden>Clear filters</button>'
        '</div>'
        '</form>'
        '<div class="ab-search__layout">'
        '<section class="ab-facets" aria-labelledby="ab-facets-title">'
        '<h2 id="ab-facets-title" class="ab-facets__title">Filters</h2>'
        '<div class="ab-facets__groups"></div>'
        '</section>'
        '<section class="ab-results" aria-labelledby="ab-results-title">'
        '<h2 id="ab-results-title" class="ab-visually-hidden">Results</h2>'
        '<p class="ab-results__status" role="status" aria-live="polite">Loading search…</p>'
        '<ol class="ab-results__list"></ol>'
        '<p class="ab-results__more-wrap"><button class="md-button ab-results__more" type="button" hidden>Show more</button></p>'
        '</section>'
        '</div>'
        '<noscript><p>Search runs in your browser and needs JavaScript. Without it, browse '
        '<a href="../briefings/">all briefings</a>, <a href="../companies/">companies</a>, '
        '<a href="../status/">statuses</a> or <a href="../archive/">the archive</a>.</p></noscript>'
        '</div>'
    )
    return "---\ntitle: Search\nhide:\n  - navigation\n  - toc\n---\n\n" + html + "\n"


# ------------------------------------------------------------------ the build step


@dataclass
class Indexed:
    ok: bool
    seconds: float = 0.0
    pages: int = 0
    bytes: int = 0
    message: str = ""
    stable: bool = False  # filter indexes put in a stable order (reproducible output)


@dataclass
class Running:
    """A Pagefind process under way, writing site_dir/pagefind."""

    process: subprocess.Popen
    output: IO[bytes]  # its stdout and stderr: a file, so that a chatty run never fills a pipe
    bundle: Path
    started: float

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()
        self.output.close()


def start_pagefind(site_dir: Path, binary: Path | None = None, background: bool = False) -> Running | Indexed:
    """Start indexing the built briefing pages with Pagefind; never touches the network.

    ``background``: under a live preview, at a lower priority, so that the next
    rebuild (a writer waiting for a saved page) keeps its core."""
    binary = binary or find_pagefind()
    if binary is None:
        return Indexed(False, message=f"the Pagefind binary is missing: install it with {INSTALL_HINT}")
    bundle = site_dir / BUNDLE
    shutil.rmtree(bundle, ignore_errors=True)
    # Only briefing pages (briefings/YYYY/MM/slug/) can be results: reading the
    # listing pages too costs Pagefind a third more time and memory for nothing.
    args = [str(binary), "--site", str(site_dir), "--output-subdir", BUNDLE, "--glob", BRIEFING_GLOB,
            "--exclude-selectors", ", ".join(EXCLUDE)]
    output = tempfile.TemporaryFile()
    try:
        process = subprocess.Popen(args, stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   preexec_fn=(lambda: os.nice(10)) if background and hasattr(os, "nice") else None)
    except OSError as exc:
        output.close()
        return Indexed(False, message=f"Pagefind could not run ({exc}): reinstall it with {INSTALL_HINT}")
    return Running(process, output, bundle, time.perf_counter())


def finish_pagefind(run: Running | Indexed, timeout: float = 1800) -> Indexed:
    """Wait for a Pagefind run, put its filter files in a stable order, and say how it went."""
    if isinstance(run, Indexed):
        return run
    try:
        returncode = run.process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        run.stop()
        return Indexed(False, timeout, message=f"Pagefind took more than {timeout:.0f} s and was stopped")
    run.output.seek(0)
    output = run.output.read().decode("utf-8", "replace")
    run.output.close()
    seconds = time.perf_counter() - run.started
    if returncode != 0:
        lines = [line for line in output.splitlines() if line.strip()][-8:]
        return Indexed(False, seconds, message="Pagefind failed: " + " | ".join(lines))
    stable = stabilise(run.bundle)
    seconds = time.perf_counter() - run.started
    pages = re.search(r"Indexed ([\d,]+) pages?", output)
    total = sum(p.stat().st_size for p in run.bundle.rglob("*") if p.is_file())
    return Indexed(True, seconds, int(pages[1].replace(",", "")) if pages else 0, total, stable=stable)


def run_pagefind(site_dir: Path, binary: Path | None = None, background: bool = False) -> Indexed:
    """Index the built briefing pages with Pagefind into site_dir/pagefind, and wait for it."""
    return finish_pagefind(start_pagefind(site_dir, binary, background))


class Coalescing:
    """Runs the newest requested job in one background thread; requests made meanwhile fold into one."""

    def __init__(self):
        self.lock = threading.Lock()
        self.pending = None
        self.thread: threading.Thread | None = None

    def request(self, job) -> None:
        with self.lock:
            self.pending = job
            if self.thread is None:
                self.thread = threading.Thread(target=self._work, name="autobrief-pagefind", daemon=True)
                self.thread.start()

    def _work(self) -> None:
        while True:
            with self.lock:
                job, self.pending = self.pending, None
                if job is None:
                    self.thread = None
                    return
            job()


# ------------------------------------------------------------------ reproducible output
#
# Pagefind 1.5 writes its filter indexes in hash-map order, so two runs over the
# same pages name and fill them differently (fragments and word index are stable).
# The site is reproducible byte for byte: after each run, the values of every
# filter file are put in order, the files renamed after their content, and the
# metadata file and pagefind-entry.json pointed at them. Only a layout this code
# knows is touched; anything else is left exactly as Pagefind wrote it.

SIGNATURE = b"pagefind_dcd"


def _cbor_loads(data: bytes):
    def length(i: int, info: int) -> tuple[int, int]:
        if info < 24:
            return info, i
        size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
        return int.from_bytes(data[i:i + size], "big"), i + size

    def item(i: int):
        major, info = data[i] >> 5, data[i] & 31
        i += 1
        if major == 7:
            simple = {20: False, 21: True, 22: None}
            if info not in simple:
                raise ValueError("unexpected CBOR value")
            return simple[info], i
        n, i = length(i, info)
        if major == 0:
            return n, i
        if major == 1:
            return -1 - n, i
        if major == 2:
            return bytes(data[i:i + n]), i + n
        if major == 3:
            return data[i:i + n].decode("utf-8"), i + n
        if major == 4:
            out = []
            for _ in range(n):
                value, i = item(i)
                out.append(value)
            return out, i
        raise ValueError("unexpected CBOR type")

    value, end = item(0)
    if end != len(data):
        raise ValueError("trailing bytes")
    return value


def _cbor_dumps(value) -> bytes:
    def head(major: int, n: int) -> bytes:
        if n < 24:
            return bytes([major << 5 | n])
        for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
            if n < 1 << (8 * size):
                return bytes([major << 5 | info]) + n.to_bytes(size, "big")
        raise ValueError("integer too large")

    if value is True or value is False or value is None:
        return {True: b"\xf5", False: b"\xf4", None: b"\xf6"}[value]
    if isinstance(value, int):
        return head(0, value) if value >= 0 else head(1, -1 - value)
    if isinstance(value, bytes):
        return head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return head(3, len(raw)) + raw
    if isinstance(value, list):
        return head(4, len(value)) + b"".join(_cbor_dumps(v) for v in value)
    raise TypeError(type(value).__name__)


def _read_chunk(path: Path):
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise ValueError(f"{path.name}: not a Pagefind file")
    return _cbor_loads(raw[len(SIGNATURE):])


def _write_chunk(folder: Path, prefix: str, digits: int, suffix: str, value) -> str:
    raw = SIGNATURE + _cbor_dumps(value)
    name = f"{prefix}_{hashlib.sha256(raw).hexdigest()[:digits]}"
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    return name


def stabilise(bundle: Path) -> bool:
    """Put Pagefind's filter indexes in a stable order; False when the layout is not the known one."""
    entry_path = bundle / "pagefind-entry.json"
    try:
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
        languages = entry["languages"]
        plans = []
        for language, info in languages.items():
            meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
            meta = _read_chunk(meta_path)
            # [version, pages, word chunks, filters: [[name, hash]], sorts, meta fields]
            filters = meta[3]
            if not (isinstance(filters, list) and all(
                    isinstance(f, list) and len(f) == 2 and all(isinstance(x, str) for x in f) for f in filters)):
                return False
            chunks = {}
            for name, digest in filters:
                data = _read_chunk(bundle / "filter" / f"{digest}.pf_filter")
                if not (isinstance(data, list) and len(data) == 2 and data[0] == name and isinstance(data[1], list)
                        and all(isinstance(v, list) and v and isinstance(v[0], str) for v in data[1])):
                    return False
                chunks[name] = (digest, data)
            plans.append((language, info, meta_path, meta, chunks))
    except (OSError, ValueError, KeyError, IndexError, TypeError, EOFError, gzip.BadGzipFile):
        return False
    for language, info, meta_path, meta, chunks in plans:
        prefix = info["hash"].rsplit("_", 1)[0]
        renamed = []
        for name, (digest, data) in sorted(chunks.items()):
            data[1].sort(key=lambda value: value[0])
            (bundle / "filter" / f"{digest}.pf_filter").unlink()
            renamed.append([name, _write_chunk(bundle / "filter", prefix, 7, ".pf_filter", data)])
        meta[3] = renamed
        meta_path.unlink()
        info["hash"] = _write_chunk(bundle, prefix, 10, "", meta)
        (bundle / f"{info['hash']}").rename(bundle / f"pagefind.{info['hash']}.pf_meta")
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return True


class Search:
    """The search step of the briefings plugin. Off when Material's search plugin is on."""

    def __init__(self):
        self.enabled = True
        self.serving = False
        self.last: Indexed | None = None
        self.browse_key: tuple | None = None  # what the browse data in site_dir was made from
        self.running: Running | Indexed | None = None  # Pagefind started before the build's end
        self.background = Coalescing()  # one indexing thread for a live preview

    def configure(self, config, serving: bool = False) -> None:
        self.serving = serving
        self.enabled = not material_search_on(config)
        if not self.enabled:
            log.info("briefings: Material's search plugin is on, so the Pagefind search stays off")
            return
        if CSS_URI not in config.extra_css:
            config.extra_css.append(CSS_URI)
        if JS_URI not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append(JS_URI)

    def add_files(self, files: Files, config) -> None:
        if not self.enabled:
            return
        for uri in (JS_URI, CSS_URI):
            data = resources.files("autobrief").joinpath("assets/" + uri.rsplit("/", 1)[1]).read_bytes()
            files.append(File.generated(config, uri, content=data))
        if files.get_file_from_path(PAGE_URI) is None:
            files.append(File.generated(config, PAGE_URI, content=page_markdown(), inclusion=InclusionLevel.NOT_IN_NAV))

    @property
    def body(self) -> str:
        """The attribute that marks a briefing's article as the part Pagefind indexes."""
        return " data-pagefind-body" if self.enabled else ""

    def briefing(self, b: Briefing, index: Index) -> str:
        return pagefind_markup(b, index) if self.enabled else ""

    def post_page(self, output: str, page_url: str) -> str:
        if not self.enabled:
            return output
        return inject_header(output, relative(page_url, ""))

    def post_template(self, output: str, template_name: str, config) -> str:
        """The 404 page is rendered from a template, with links from the site root."""
        if not self.enabled or template_name != "404.html":
            return output
        root = urlsplit(config.site_url or "/").path or "/"
        return inject_header(output, root if root.endswith("/") else root + "/")

    def pages_written(self, config) -> None:
        """Every briefing page is on disk: in a build, Pagefind starts on them now, on the
        other core, while MkDocs goes on writing the listing pages (up to a third of a build)."""
        if self.enabled and not self.serving and self.running is None:
            self.running = start_pagefind(Path(config.site_dir))

    def abort(self) -> None:
        """The build failed: stop an early Pagefind run rather than leave it writing."""
        if isinstance(self.running, Running):
            self.running.stop()
        self.running = None

    def post_build(self, index: Index, config) -> Indexed | None:
        if not self.enabled:
            return None
        site_dir = Path(config.site_dir)
        # Every briefing (by serial) and every name the facets spell: unchanged, the files are too.
        key = (site_dir, tuple(b.serial for b in index.briefings),
               tuple((kind, t.name) for kind, terms in index.terms.items() for t in terms.values()))
        if key != self.browse_key or not (site_dir / DATA / "facets.json").exists():
            shutil.rmtree(site_dir / DATA / "terms", ignore_errors=True)
            shutil.rmtree(site_dir / DATA / "records", ignore_errors=True)
            for path, data in browse_data(index).items():
                target = site_dir / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
            self.browse_key = key
        if self.serving:
            # Under `mkdocs serve` the saved page is live as soon as MkDocs writes it;
            # the search index catches up in the background a few seconds later.
            self.background.request(lambda: self._report(run_pagefind(site_dir, background=True)))
            return None
        running, self.running = self.running, None
        return self._report(finish_pagefind(running if running is not None else start_pagefind(site_dir)))

    def _report(self, result: Indexed) -> Indexed:
        self.last = result
        if result.ok:
            log.info(f"briefings: Pagefind indexed {result.pages:,} briefing page(s) in {result.seconds:.2f} s "
                     f"({result.bytes / 2**20:.1f} MiB in {BUNDLE}/)")
        else:
            # Not a PluginError: the site is still whole, only its search is missing.
            message = f"briefings: search index not built: {result.message}"
            (quiet_log if self.serving else log).warning(message)
        return result
