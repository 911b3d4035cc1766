"""One Markdown converter for every briefing page of a build, rather than one per page.

MkDocs' Page.render builds a new ``markdown.Markdown`` with every extension for each
page: at 10,000 briefings that is a twentieth of the build, spent loading the same
extensions again. Here one converter is built per build and ``reset()`` between pages
(Python-Markdown's way to convert many documents with one instance: every extension
clears its own state), and the page-bound processors MkDocs adds (raw HTML ids,
anchors, relative links, the title) are registered afresh for each page, by the same
names, exactly as Page.render does. A test renders a corpus both ways and compares every
page byte for byte. Off (``share_markdown: false``) for a third-party extension that keeps
state from one document to the next.
"""

from __future__ import annotations

import logging
from functools import partial

import markdown
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

log = logging.getLogger("mkdocs.structure.pages")  # Page.render reads its level: links to anchors are kept unless debugging
# MkDocs' own processors, as Page.render registers them (MkDocs 1.6 and ProperDocs keep these names).
_PARTS = ("_RawHTMLPreprocessor", "_ExtractAnchorsTreeprocessor", "_RelativePathTreeprocessor", "_ExtractTitleTreeprocessor")
AVAILABLE = all(hasattr(mkdocs_pages, name) for name in _PARTS)


class SharedConverter:
    def __init__(self):
        self.md: markdown.Markdown | None = None

    def start(self) -> None:
        """A new build: the config (and so the extensions) may have changed."""
        self.md = None

    def attach(self, page: Page) -> None:
        """Render this page with the shared converter."""
        page.render = partial(_render, page, self)


def _render(self: Page, shared: SharedConverter, config, files) -> None:
    """Page.render, with the build's one converter."""
    if self.markdown is None:
        raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
    if shared.md is None:
        shared.md = markdown.Markdown(extensions=config["markdown_extensions"],
                                      extension_configs=config["mdx_configs"] or {})
    md = shared.md
    md.reset()
    raw_html = mkdocs_pages._RawHTMLPreprocessor()
    raw_html._register(md)
    anchors = mkdocs_pages._ExtractAnchorsTreeprocessor(self.file, files, config)
    anchors._register(md)
    relative = mkdocs_pages._RelativePathTreeprocessor(self.file, files, config)
    relative._register(md)
    title = mkdocs_pages._ExtractTitleTreeprocessor()
    title._register(md)
    self.content = md.convert(self.markdown)
    self.toc = get_toc(getattr(md, "toc_tokens", []))
    self._title_from_render = title.title
    self.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
    if log.getEffectiveLevel() > logging.DEBUG:
        self.links_to_anchors = relative.links_to_anchors
