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
from collections.abc import Callable
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
        self.ready: Callable[[Page], Converted | None] | None = None  # a page converted ahead (ahead.py)

    def start(self) -> None:
        """A new build: the config (and so the extensions) may have changed."""
        self.md = None
        self.ready = None

    def attach(self, page: Page) -> None:
        """Render this page with the shared converter."""
        page.render = partial(_render, page, self)

    def convert(self, source: str, file, config, files) -> Converted:
        """What Page.render sets for a page of this source, as plain values (so that a forked copy of
        the build can hand them over): content, TOC tokens, title, anchor ids, links to anchors."""
        if self.md is None:
            self.md = markdown.Markdown(extensions=config["markdown_extensions"],
                                        extension_configs=config["mdx_configs"] or {})
        md = self.md
        md.reset()
        raw_html = mkdocs_pages._RawHTMLPreprocessor()
        raw_html._register(md)
        anchors = mkdocs_pages._ExtractAnchorsTreeprocessor(file, files, config)
        anchors._register(md)
        relative = mkdocs_pages._RelativePathTreeprocessor(file, files, config)
        relative._register(md)
        title = mkdocs_pages._ExtractTitleTreeprocessor()
        title._register(md)
        content = md.convert(source)
        links = None
        if log.getEffectiveLevel() > logging.DEBUG:  # by the linked file's path: a File is the build's own
            links = {linked.src_uri: dict(found) for linked, found in relative.links_to_anchors.items()}
        return (content, getattr(md, "toc_tokens", []), title.title,
                anchors.present_anchor_ids | raw_html.present_anchor_ids, links)


# content, TOC tokens, title, anchor ids, links to anchors (by the linked file's src_uri) or None
Converted = tuple[str, list, "str | None", set, "dict[str, dict[str, str]] | None"]


def _render(self: Page, shared: SharedConverter, config, files) -> None:
    """Page.render, with the build's one converter (or the page as converted ahead)."""
    if self.markdown is None:
        raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
    done = shared.ready(self) if shared.ready is not None else None
    content, tokens, title, anchors, links = done or shared.convert(self.markdown, self.file, config, files)
    self.content = content
    self.toc = get_toc(tokens)
    self._title_from_render = title
    self.present_anchor_ids = set(anchors)
    if links is not None:
        self.links_to_anchors = {files.get_file_from_path(uri): found for uri, found in links.items()}
