"""The Pagefind process: find the binary, run it over the briefing pages, stabilise its output.

Pagefind (the binary that ``pagefind[bin]`` installs) runs offline and reads
only the briefing pages: listings, home, guide, 404 and the search page are
never results. A build starts it with the first page it writes and indexes each
shard once its pages are on disk, then waits for it at the end; a live preview
runs it in a background thread.

Pagefind holds its whole index in memory until it writes it (about 240 KB a
briefing), so a large site is indexed in shards of a bounded number of pages,
one process after another: ``pagefind/`` holds the first (oldest) shard,
``pagefind/1/``, ``pagefind/2/``… the next, and ``pagefind/shards.json`` lists
them for search.js, which merges them (Pagefind's mergeIndex) in the browser.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path

from ..core.addresses import PAGEFIND, PAGEFIND_GLOB, SHARDS
from .stabilise import stabilise

# Parts of a briefing page that describe other pages, not this one: left out of the index.
EXCLUDE = (".ab-breadcrumbs", ".ab-related", ".ab-story-nav", ".ab-source__record", ".headerlink")
INSTALL_HINT = "pip install 'pagefind[bin]'"


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


@dataclass(frozen=True)
class Shard:
    """Part of the full-text index: one Pagefind run over a bounded number of briefing pages.

    ``pages`` are site-relative page files, oldest first; empty means every briefing
    page of the site (one shard: Pagefind reads the site itself, through the glob).
    ``key`` says what the shard was made from, for the build cache ("" when there is none)."""

    number: int
    pages: tuple[str, ...] = ()
    key: str = ""

    @property
    def folder(self) -> str:
        """The first shard is Pagefind's usual bundle; the others are folders inside it."""
        return PAGEFIND if self.number == 0 else f"{PAGEFIND}/{self.number}"


def plan_shards(pages: list[str], size: int) -> list[Shard]:
    """Shards of at most ``size`` pages, taken oldest first so that a new briefing changes
    only the newest shard (the others can come from the build cache)."""
    if len(pages) <= size:
        return [Shard(0)]
    return [Shard(k, tuple(pages[start:start + size])) for k, start in enumerate(range(0, len(pages), size))]


@dataclass
class Indexed:
    ok: bool
    seconds: float = 0.0
    pages: int = 0
    bytes: int = 0
    message: str = ""
    stable: bool = False  # filter indexes put in a stable order (reproducible output)
    compact: bool = False  # word index re-chunked and names shortened (compact.py), in every shard
    shards: int = 0  # Pagefind runs (or bundles from the build cache) that make the index
    reused: int = 0  # of which taken from the build cache


class Running:
    """Pagefind under way in a thread: one process at a time, shard after shard, so that
    its memory is bounded by the shard size rather than the site's. A shard is indexed as
    soon as it is ready (its pages on disk): in a build, while MkDocs goes on writing the
    other shards' pages, on the core MkDocs leaves idle."""

    def __init__(self, site_dir: Path, shards: list[Shard], binary: Path, cache, timeout: float,
                 ready: dict[int, str] | None = None, nice: int = 0, staged: Path | None = None):
        self.site_dir, self.shards, self.binary, self.cache = site_dir, shards, binary, cache
        self.staged = staged  # briefing pages as Pagefind reads them (Staging), else the site's
        self.nice = nice  # added to the priority of Pagefind's and compact's processes
        self.timeout = timeout  # for each shard's process
        self.busy = 0.0  # seconds spent indexing (not waiting for pages)
        self.stopped = threading.Event()
        self.condition = threading.Condition()
        # Shards whose pages are still being written, and the cache keys of those that are not
        # (a key is known once its pages are: the build cache reads what search reads of them).
        self.keys = {s.number: s.key for s in shards} if ready is None else dict(ready)
        self.waiting = {s.number for s in shards} - set(self.keys)
        self.process: subprocess.Popen | None = None
        self.result: Indexed | None = None
        self.thread = threading.Thread(target=self._run, name="autobrief-pagefind-shards", daemon=True)
        self.thread.start()

    def ready(self, number: int | None = None, key: str = "") -> None:
        """This shard's pages are on disk, ``key`` its cache key (no number: every shard's)."""
        with self.condition:
            for n in self.waiting if number is None else [number]:
                self.keys[n] = key
            self.waiting -= set(self.keys)
            self.condition.notify()

    def stop(self) -> None:
        self.stopped.set()
        with self.condition:
            self.condition.notify()
        process = self.process
        if process is not None and process.poll() is None:
            process.kill()
        self.thread.join()

    def _run(self) -> None:
        try:
            self.result = self._index()
        except OSError as exc:  # a full disk, a folder that vanished: the site stays whole, search says why
            self.result = Indexed(False, self.busy, message=f"Pagefind could not run ({exc})")

    def _next(self, done: dict[int, int]) -> Shard | None:
        """The next ready shard, waiting for one if need be; None once stopped."""
        with self.condition:
            while True:
                if self.stopped.is_set():
                    return None
                ready = [s for s in self.shards if s.number not in done and s.number not in self.waiting]
                if ready:
                    return replace(ready[0], key=self.keys[ready[0].number])
                self.condition.wait()

    def _index(self) -> Indexed:
        # Built beside the site's index and swapped in whole at the end: a live preview keeps
        # serving the last index meanwhile, never a half-written one.
        building = self.site_dir / f".{PAGEFIND}-building"
        shutil.rmtree(building, ignore_errors=True)
        counts: dict[int, int] = {}
        stable, compacted, reused = True, True, 0
        while len(counts) < len(self.shards):
            shard = self._next(counts)
            if shard is None:
                shutil.rmtree(building, ignore_errors=True)
                return Indexed(False, self.busy, message="stopped")
            started = time.perf_counter()
            target = building / f"shard-{shard.number}"  # each on its own: the first's folder holds the others' at the end
            cached = self.cache.get(shard) if self.cache is not None and shard.key else None
            if cached is not None:
                folder, pages = cached
                shutil.copytree(folder, target, dirs_exist_ok=True)
                counts[shard.number] = pages
                reused += 1
                self.busy += time.perf_counter() - started
                continue
            done = self._one(shard, target)
            self.busy += time.perf_counter() - started
            if isinstance(done, Indexed):  # failed: the last index stays as it was
                shutil.rmtree(building, ignore_errors=True)
                return done
            pages, shard_stable, shard_compact = done
            counts[shard.number] = pages
            stable, compacted = stable and shard_stable, compacted and shard_compact
            if self.cache is not None and shard.key and shard_stable:
                self.cache.put(shard, target, pages)
        building.mkdir(exist_ok=True)
        for shard in self.shards:
            (building / f"shard-{shard.number}").rename(building / shard.folder)
        share_wasm(building, self.shards)
        write_manifest(building, self.shards, [counts[s.number] for s in self.shards])
        bundle, old = self.site_dir / PAGEFIND, self.site_dir / f".{PAGEFIND}-old"
        shutil.rmtree(old, ignore_errors=True)
        if bundle.exists():
            bundle.rename(old)
        (building / PAGEFIND).rename(bundle)
        shutil.rmtree(old, ignore_errors=True)
        shutil.rmtree(building, ignore_errors=True)
        total = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
        return Indexed(True, self.busy, sum(counts.values()), total, stable=stable, compact=compacted,
                       shards=len(self.shards), reused=reused)

    def _one(self, shard: Shard, target: Path) -> tuple[int, bool, bool] | Indexed:
        """Index one shard into ``target``: (pages, stable, compact), or why it failed."""
        staging = None
        if shard.pages:  # a folder holding only this shard's pages, linked rather than copied
            staging = Path(tempfile.mkdtemp(prefix="autobrief-pagefind-"))
            for page in shard.pages:
                link = staging / page
                link.parent.mkdir(parents=True, exist_ok=True)
                source = self.staged / page if self.staged is not None else None
                if source is None or not source.is_file():  # a page from the build cache: the site's
                    source = self.site_dir / page
                try:
                    os.link(source, link)
                except OSError:  # another file system, or no hard links: a copy reads the same
                    shutil.copyfile(source, link)
            args = [str(self.binary), "--site", str(staging), "--output-path", str(target)]
        else:
            args = [str(self.binary), "--site", str(self.site_dir), "--output-path", str(target)]
        # Only briefing pages (briefings/YYYY/MM/slug/) can be results: reading the
        # listing pages too costs Pagefind a third more time and memory for nothing.
        args += ["--glob", PAGEFIND_GLOB, "--exclude-selectors", ", ".join(EXCLUDE)]
        try:
            with tempfile.TemporaryFile() as output:  # a file, so that a chatty run never fills a pipe
                try:
                    self.process = subprocess.Popen(
                        args, stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                        preexec_fn=self._lower_priority)
                except OSError as exc:
                    return Indexed(False, message=f"Pagefind could not run ({exc}): reinstall it with {INSTALL_HINT}")
                if self.stopped.is_set():
                    self.process.kill()
                try:
                    returncode = self.process.wait(timeout=self.timeout)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
                    return Indexed(False, self.busy + self.timeout,
                                   message=f"Pagefind took more than {self.timeout:.0f} s on a shard and was stopped")
                output.seek(0)
                text = output.read().decode("utf-8", "replace")
        finally:
            if staging is not None:
                shutil.rmtree(staging, ignore_errors=True)
        if self.stopped.is_set():
            return Indexed(False, message="stopped")
        if returncode != 0:
            lines = [line for line in text.splitlines() if line.strip()][-8:]
            return Indexed(False, self.busy, message="Pagefind failed: " + " | ".join(lines))
        pages = re.search(r"Indexed ([\d,]+) pages?", text)
        stable = stabilise(target)
        return (int(pages[1].replace(",", "")) if pages else 0), stable, stable and self._compact(target)

    @property
    def _lower_priority(self):
        return (lambda: os.nice(self.nice)) if self.nice and hasattr(os, "nice") else None

    def _compact(self, target: Path) -> bool:
        """compact.py over the shard, in a process of its own at Pagefind's priority: a few seconds of
        CPU a shard that, in this process, would hold the interpreter MkDocs is building with."""
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "autobrief.search.compact", str(target)], stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                preexec_fn=self._lower_priority)
            return self.process.wait(timeout=self.timeout) == 0 and not self.stopped.is_set()
        except (OSError, subprocess.TimeoutExpired):
            if self.process is not None:
                self.process.kill()
                self.process.wait()
            return False


# Every Pagefind instance loads its own copy of the WebAssembly search engine (72 kB) from its
# own folder, so 12 shards would fetch it 12 times. Every shard's copy is the same file, so the
# other shards load the first shard's (one URL, fetched once) and their own copies and scripts go.
WASM_LOAD = "const wasm_url=`${this.basePath}wasm.${language}.pagefind`"
WASM_SHARED = "const wasm_url=`${this.basePath.replace(/\\/[0-9]+\\/$/,\"/\")}wasm.${language}.pagefind`"
SCRIPTS = ("pagefind.js", "pagefind-worker.js")  # the first shard's: search.js loads no other


def share_wasm(site_dir: Path, shards: list[Shard]) -> bool:
    """Make the other shards load the first one's WebAssembly; False (all left as Pagefind wrote
    them) if this Pagefind's scripts or files are not the ones this was written for."""
    first = site_dir / PAGEFIND
    scripts = [first / name for name in SCRIPTS]
    texts = [p.read_text(encoding="utf-8") if p.is_file() else "" for p in scripts]
    if len(shards) < 2 or not all(WASM_LOAD in t or WASM_SHARED in t for t in texts):
        return False
    wasm = {p.name: p.read_bytes() for p in first.glob("wasm.*.pagefind")}
    others = [site_dir / s.folder for s in shards[1:]]
    if any(p.read_bytes() != wasm.get(p.name) for folder in others for p in folder.glob("wasm.*.pagefind")):
        return False  # another build of the engine in a shard: each keeps its own
    for path, text in zip(scripts, texts):
        path.write_text(text.replace(WASM_LOAD, WASM_SHARED), encoding="utf-8")
    for folder in others:  # what the browser never loads from a shard: its engine, scripts and UI
        for path in folder.iterdir():
            if path.is_file() and (path.name.startswith("wasm.") or path.suffix in (".js", ".css")):
                path.unlink()
    return True


def write_manifest(site_dir: Path, shards: list[Shard], counts: list[int]) -> None:
    """pagefind/shards.json: the shards search.js merges, oldest first, with their page counts."""
    manifest = {"format": 1, "shards": [
        {"path": shard.folder + "/", "pages": count} for shard, count in zip(shards, counts)]}
    (site_dir / SHARDS).write_text(json.dumps(manifest, separators=(",", ":")), encoding="utf-8")


def start_pagefind(site_dir: Path, shards: list[Shard] | None = None, binary: Path | None = None,
                   cache=None, timeout: float = 1800,
                   ready: dict[int, str] | None = None, nice: int = 0,
                   staged: Path | None = None) -> Running | Indexed:
    """Start indexing the built briefing pages with Pagefind, shard by shard; never touches the network.

    ``shards``: from plan_shards (default: one, over every briefing page of the site).
    ``cache``: the build cache (get(shard) -> (folder, pages) or None; put(shard, folder, pages)).
    ``ready``: the shards whose pages are on disk, with their cache keys (default: all, with
    their own); Running.ready(n, key) tells of the others.
    ``nice``: a build's Pagefind runs at the build's priority (0): by the end of a build it is
    what the build waits for, and the copy that renders ahead (ahead.py) runs below it. A live
    preview's runs at 10, behind the next rebuild (a writer waiting for a saved page).
    ``staged``: a Staging folder; every shard then lists its pages."""
    binary = binary or find_pagefind()
    if binary is None:
        return Indexed(False, message=f"the Pagefind binary is missing: install it with {INSTALL_HINT}")
    return Running(site_dir, shards or [Shard(0)], binary, cache, timeout, ready, nice, staged)


class Staging:
    """Briefing pages as Pagefind reads them, written by the build beside the site: the page's
    <html> tag (its language) and its article, which holds every part Pagefind indexes
    (data-pagefind-body), and nothing else. Pagefind reads a third of each page (13 kB of
    41 kB at 10,000 briefings, Material's header, navigation and footer left out) and takes
    about 40 % less time; its index is the same, as test_two_runs_write_the_same_index checks
    against a run over the site's own pages."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="autobrief-staged-"))

    def write(self, page: str, output: str, article: str) -> None:
        start = output.find("<html")
        tag = output[start:output.index(">", start) + 1] if start >= 0 else "<html>"
        target = self.folder / page
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f'<!DOCTYPE html>{tag}<head><meta charset="utf-8"></head><body>{article}</body></html>',
                          encoding="utf-8")

    def cleanup(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def finish_pagefind(run: Running | Indexed) -> Indexed:
    """Wait for a Pagefind run (every shard put in a stable order) and say how it went."""
    if isinstance(run, Indexed):
        return run
    run.ready()  # the build is done: every page is on disk
    run.thread.join()
    return run.result or Indexed(False, message="Pagefind stopped without a result")


def run_pagefind(site_dir: Path, shards: list[Shard] | None = None, binary: Path | None = None,
                 cache=None) -> Indexed:
    """Index the built briefing pages with Pagefind into site_dir/pagefind, and wait for it."""
    return finish_pagefind(start_pagefind(site_dir, shards, binary, cache, nice=10))


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
