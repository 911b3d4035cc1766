"""Correct and fast `mkdocs serve --dirty`: rebuild exactly the pages whose output changes.

MkDocs' dirty mode re-renders a page only when its source file is newer than
its output. Generated pages have no source file, so MkDocs re-renders all of
them; the home page's source never changes, so MkDocs never re-renders it,
and its list of latest briefings goes stale (the bug Material's blog has,
mkdocs-material#8360). Here every page the plugin makes or fills carries a
fingerprint of everything it shows; after a save, a page is rebuilt when its
fingerprint changed (or its output is missing), and pages that no longer exist
are removed from the output.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from mkdocs.structure.files import File

from .core.briefing import Briefing


def fingerprint(*parts) -> str:
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def briefing_parts(b: Briefing) -> tuple:
    """What a briefing's own page shows of it: every field, and its text."""
    return (b.path, b.url, b.front.model_dump_json(), b.body)


def neighbour_parts(briefings) -> tuple:
    """What a briefing's page shows of other briefings (story neighbours, related)."""
    return tuple((o.url, o.title, o.date.isoformat(), o.status) if o else None for o in briefings)


class Incremental:
    """Fingerprints of the previous build, and the decision for this one."""

    def __init__(self):
        self.previous: dict[str, str] = {}  # src_uri -> fingerprint at the last build
        self.current: dict[str, str] = {}
        self.outputs: dict[str, str] = {}  # src_uri -> dest path, for removing pages that are gone
        self.changed = 0

    def start(self) -> None:
        self.current, self.changed = {}, 0

    def mark(self, file: File, value: str) -> None:
        """Record the file's fingerprint, and make MkDocs rebuild it only if it changed (--dirty)."""
        self.current[file.src_uri] = value
        self.outputs[file.src_uri] = file.abs_dest_path
        changed = self.previous.get(file.src_uri) != value or not os.path.exists(file.abs_dest_path)
        self.changed += changed
        file.is_modified = (lambda changed=changed: changed)  # type: ignore[method-assign]

    def finish(self, *, site_dir: str) -> list[str]:
        """After a dirty build: remove the outputs of pages that are gone, and keep this build's fingerprints."""
        removed = []
        for src_uri in sorted(set(self.previous) - set(self.current)):
            dest = self.outputs.pop(src_uri, None)
            if dest and os.path.exists(dest) and Path(dest).resolve().is_relative_to(Path(site_dir).resolve()):
                os.remove(dest)
                folder = os.path.dirname(dest)
                if folder != site_dir and not os.listdir(folder):
                    shutil.rmtree(folder, ignore_errors=True)
                removed.append(src_uri)
        self.previous = self.current
        return removed
