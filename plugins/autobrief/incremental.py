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

import dataclasses
import hashlib
import os
import shutil
from collections import Counter
from datetime import date
from pathlib import Path

from mkdocs.structure.files import File

from .core.briefing import Briefing
from .core.indexes import Index, Term
from .pages import BriefingPlan, Chart, ErrorPlan, ListingPlan, StoryDrawing


def fingerprint(*parts) -> str:
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def digest(data: bytes) -> str:
    """The fingerprint of a published file (a feed, the dataset) from its bytes."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class Keys:
    """Each planned page's fingerprint from what it is made of, without rendering it.

    A briefing's page shows its own file and content (by serial), its story
    neighbours and related briefings (by serial) and its search facets, which
    spell names as the index does.

    A view shows its own fields, the briefings it lists and the terms it names.
    Briefings count by serial (an unchanged file keeps its object, a saved one
    gets a new serial), terms by their name, count, first and last; a view that can look
    terms up (a source's record names the outlets around it) gets the names of
    every term on the site in its key. Rendering 5,000 listings to fingerprint
    them cost more than a whole dirty rebuild should.
    """

    def __init__(self, index: Index, facets):
        self.facets = facets  # briefing -> its search facets
        self.index = index
        self.today = index.today
        self.names = fingerprint(tuple(
            (kind, slug, term.name) for kind, terms in index.terms.items() for slug, term in terms.items()
        ))

    def of(self, plan) -> str:
        if isinstance(plan, BriefingPlan):
            b = plan.briefing
            shown = [plan.older, plan.newer, *plan.related, *(w.answer for w in plan.watched),
                     *(w.briefing for w in plan.answered)]
            overdue = tuple(w.overdue(self.today) for w in plan.watched)
            # Names and registry profiles its page and JSON-LD show (an author's, a party's, a parent's)
            named = tuple(self._named(t) for t in self.index.terms_of(b))
            cited = tuple(b.sources.index(c) if c else None for c in plan.citations)
            return fingerprint((b.path, b.serial), tuple(o.serial if o else None for o in shown), overdue,
                               self.facets(b), named, cited)
        if isinstance(plan, ErrorPlan):
            return fingerprint(plan.errors)
        return self.listing(plan)

    def listing(self, view: ListingPlan) -> str:
        fields = (view.url, view.title, view.description, view.crumbs, view.part, view.listing_heading,
                  view.lead, view.feeds, view.cards)
        # page.html shows view.data only through the view's part.
        return fingerprint(fields, self._key(view.page), self._key(view.data) if view.part else None)

    def _key(self, obj):
        if isinstance(obj, Briefing):
            return obj.serial
        if obj is None or isinstance(obj, (str, int, float)):  # Markup (charts) is a str
            return obj
        if isinstance(obj, date):  # the watch ledger's build date: what is overdue
            return obj.isoformat()
        if isinstance(obj, Term):
            # What a page shows of a term itself: a row of an index, a record's heading, its profile.
            # Its briefings, where a page shows them, are in the view's page, record or timeline.
            first, last = (obj.first.serial, obj.last.serial) if obj.briefings else (None, None)
            return (self._named(obj), obj.count, first, last, tuple(obj.aliases), obj.heading)
        if isinstance(obj, (list, tuple)):
            return tuple(self._key(o) for o in obj)
        if isinstance(obj, (dict, Counter)):
            return tuple((k, self._key(v)) for k, v in obj.items())
        if isinstance(obj, (Chart, StoryDrawing)):  # drawn from the view's other data, which is keyed
            return None
        if dataclasses.is_dataclass(obj):  # Page, Month, the company and source records
            return (type(obj).__name__, tuple(self._key(getattr(obj, f.name)) for f in dataclasses.fields(obj)))
        if callable(obj):  # an index lookup: what it can find
            return self.names
        # A denial or source (pydantic) always sits beside its briefing, whose serial covers it.
        return type(obj).__name__


    def _named(self, term: Term) -> tuple:
        """A term's name and registry profile, with the parent and subsidiaries it links to."""
        entry = term.entry
        if entry is None:
            return (term.kind, term.slug, term.name)
        near = [self.index.registry.entry("company", entry.parent)] if entry.parent else []
        near += self.index.registry.subsidiaries(entry.key) if entry.kind == "company" else []
        # the parent's whole profile: a briefing's JSON-LD names it in parentOrganization (sameAs, description)
        linked = tuple((_profile(e), self.index.terms["company"].get(e.key) is not None) for e in near if e)
        return (term.kind, term.slug, term.name, _profile(entry), linked)


def _profile(entry) -> tuple:
    return tuple((f.name, getattr(entry, f.name)) for f in dataclasses.fields(entry) if f.name not in ("path", "line"))


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
