"""Markers in docs pages replaced by the briefings they ask for (core/markers.py).

A marker is found in the page's Markdown (where its line is known), swapped
for a placeholder comment that Markdown passes through untouched, and the
placeholder for the rendered briefings once the page is HTML. A marker inside
a code block never becomes a placeholder, so a guide can show the syntax.
"""

from __future__ import annotations

from ..core.errors import BriefingError
from ..core.indexes import Index
from ..core.markers import Found, Marker, find_markers, has_markers, select
from .pages import Renderer, errors

_PLACEHOLDER = "<!-- autobrief-embed:{} -->"


class Embeds:
    """The markers of every docs page of one build, by source file."""

    def __init__(self):
        self.pages: dict[str, Found] = {}

    def scan(self, pages, index: Index) -> list[BriefingError]:
        """``pages`` are (src_uri, path shown to writers, text); every marker's errors, in page order."""
        self.pages = {}
        found_errors: list[BriefingError] = []
        for src_uri, path, text in pages:
            if has_markers(text):
                found = self.pages[src_uri] = find_markers(text, path, index)
                found_errors += found.errors
        return found_errors

    def key(self, src_uri: str, index: Index) -> tuple:
        """What a page's markers show: its fingerprint under `mkdocs serve --dirty`."""
        found = self.pages.get(src_uri)
        if found is None:
            return ()
        return tuple((m.text, m.errors, tuple(b.serial for b in select(m, index))) for m in found.markers)

    def mark(self, src_uri: str, markdown: str) -> str:
        """The page's Markdown with each marker as a placeholder. The engine hands over the page without
        its front matter: the markers are found again in what is left, in the same order."""
        found = self.pages.get(src_uri)
        if found is None:
            return markdown
        here = find_markers(markdown, "", Index([])).markers  # where they are, not what they ask
        k = min(len(here), len(found.markers))  # paired from the end: the front matter is gone from the start
        out, at = [], 0
        for m, n in zip(here[len(here) - k:], range(len(found.markers) - k, len(found.markers))):
            out += [markdown[at:m.start], _PLACEHOLDER.format(n)]
            at = m.end
        return "".join(out) + markdown[at:]

    def fill(self, src_uri: str, html: str, page_url: str, renderer: Renderer, index: Index, wrap=str) -> str:
        """Each placeholder as what its marker shows; ``wrap`` turns that into the text put in its place."""
        found = self.pages.get(src_uri)
        if found is None:
            return html
        for n, marker in enumerate(found.markers):
            html = html.replace(_PLACEHOLDER.format(n), wrap(_shown(marker, page_url, renderer, index)), 1)
        return html


def _shown(marker: Marker, page_url: str, renderer: Renderer, index: Index):
    if marker.errors:  # a live preview only: a build has stopped on them already
        return errors(marker.errors, heading="This marker has errors")
    return renderer.embed(select(marker, index), marker.layout, page_url)
