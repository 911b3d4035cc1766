"""The Pagefind process: find the binary, run it over the briefing pages, stabilise its output.

Pagefind (the binary that ``pagefind[bin]`` installs) runs offline and reads
only the briefing pages: listings, home, guide, 404 and the search page are
never results. A build starts it as soon as the briefing pages are on disk and
waits for it at the end; a live preview runs it in a background thread.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..core.addresses import PAGEFIND, PAGEFIND_GLOB
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
    bundle = site_dir / PAGEFIND
    shutil.rmtree(bundle, ignore_errors=True)
    # Only briefing pages (briefings/YYYY/MM/slug/) can be results: reading the
    # listing pages too costs Pagefind a third more time and memory for nothing.
    args = [str(binary), "--site", str(site_dir), "--output-subdir", PAGEFIND, "--glob", PAGEFIND_GLOB,
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
