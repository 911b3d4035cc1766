"""Rendering ahead: a forked copy of the build renders the plugin's part of the pages MkDocs
writes last, while MkDocs, in one thread, works from the front.

MkDocs builds one page after another on one core; Pagefind uses the other core only now and
then. By the time the first page is written every briefing's body is known (MkDocs reads
every page before it writes any), so a fork of the build holds everything a page's article,
listing and head are made from. It renders them from the end of the write order, each into
a file of its own; the build takes a page's file rather than rendering it, and claims each
page as it starts it. The two meet in the middle: the copy stops at the first page the build
has claimed.

The copy's results are the same bytes the build would make (the renderers read the plans
alone), so a page it had not reached, or a copy that failed, costs time, never output. A
page whose rendering logs anything is left to the build, so that its message is printed
(and counted by `mkdocs build --strict`) once, by the build itself.

Not engine-specific: keys are strings, results tuples of plain values (marshal).
"""

from __future__ import annotations

import gc
import logging
import marshal
import mmap
import os
import shutil
import signal
import struct
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

NOT_YET = -1  # claimed before the build starts its first page
_CLAIM = struct.Struct("q")  # the index of the page the build works on, shared with the copy


def possible() -> bool:
    """A fork is safe and worth it: POSIX, more than one core, and no thread but this one (a
    fork copies another thread's locks, never the thread)."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return False
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return cores > 1


class Ahead:
    def __init__(self):
        self.pid: int | None = None
        self.order: dict[str, int] = {}  # key -> its place in the build's order
        self.count = 0
        self.folder: Path | None = None
        self.shared: mmap.mmap | None = None
        self.taken = 0  # pages whose results came from the copy

    @property
    def running(self) -> bool:
        return self.pid is not None

    def start(self, keys: list[str], make: Callable[[str], tuple]) -> bool:
        """Fork a copy that makes ``make(key)`` for ``keys`` from the last; False if it cannot."""
        self.finish()
        self.order, self.count = {key: i for i, key in enumerate(keys)}, len(keys)
        self.folder = Path(tempfile.mkdtemp(prefix="autobrief-ahead-"))
        self.shared = mmap.mmap(-1, _CLAIM.size)  # anonymous and shared: both processes see it
        _CLAIM.pack_into(self.shared, 0, NOT_YET)
        self.taken = 0
        sys.stdout.flush()  # what is buffered would be written twice
        sys.stderr.flush()
        parent = os.getpid()
        try:
            pid = os.fork()
        except OSError:
            self._cleanup()
            return False
        if pid == 0:  # the copy: never returns, never runs the build's exit handlers
            code = 1
            try:
                self._work(keys, make, parent)
                code = 0
            except BaseException:
                pass
            os._exit(code)
        self.pid = pid
        return True

    def _work(self, keys: list[str], make: Callable[[str], tuple], parent: int) -> None:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C stops the copy with the build
        gc.freeze()  # the collector leaves the build's objects alone: fewer pages copied on write
        os.nice(15)  # behind the build and Pagefind (nice 10): it only takes work off the build
        logged: list[int] = []
        # Messages are the build's to print: a page that logs anything is left to it.
        logging.Logger.callHandlers = lambda logger, record: logged.append(record.levelno)
        for i in range(len(keys) - 1, -1, -1):
            if i <= self.claimed or os.getppid() != parent:  # met the build, or the build is gone
                break
            logged.clear()
            data = marshal.dumps(make(keys[i]))
            if any(level >= logging.INFO for level in logged):
                continue
            part = self.folder / f"{i}.part"
            part.write_bytes(data)
            part.rename(self.folder / str(i))  # whole or absent: the build never reads half a file
        if os.getppid() != parent:
            shutil.rmtree(self.folder, ignore_errors=True)

    @property
    def claimed(self) -> int:
        return _CLAIM.unpack_from(self.shared, 0)[0]

    def claim(self, key: str) -> None:
        """The build starts this page: the copy does not start it, nor any before it."""
        i = self.order.get(key)
        if self.running and i is not None and i > self.claimed:
            _CLAIM.pack_into(self.shared, 0, i)

    def take(self, key: str, valid: Callable[[tuple], bool] | None = None) -> tuple | None:
        """The copy's results for this page, or None: the build makes them itself (also when
        ``valid`` says they no longer fit the page)."""
        if not self.running or key not in self.order:
            return None
        self.claim(key)
        path = self.folder / str(self.order[key])
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        path.unlink()
        done = marshal.loads(data)
        if valid is not None and not valid(done):
            return None
        self.taken += 1
        return done

    def finish(self) -> None:
        """Every page is claimed: the copy stops after the page it is on (if any)."""
        if self.running:
            _CLAIM.pack_into(self.shared, 0, self.count)
            os.waitpid(self.pid, 0)
            self.pid = None
        self._cleanup()

    def stop(self) -> None:
        """The build failed: stop the copy now."""
        if self.running:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(self.pid, 0)
            self.pid = None
        self._cleanup()

    def _cleanup(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None
        if self.shared is not None:
            self.shared.close()
            self.shared = None
