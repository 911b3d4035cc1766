"""Material's page chrome rendered once, then stamped around every listing and briefing page.

A site of 10,000 briefings has about 8,000 generated listing pages, and the theme's
template costs several milliseconds a page whatever the page holds (half of it the
navigation): for 18,000 pages, more than every briefing's own HTML. These pages are not in
the navigation and differ from one another only by their title, description, canonical URL
and content, a briefing also by its table of contents and the skip link to its first entry,
and by their relative links, which depend on where the page sits. So the first page of each
"signature" (its kind, whether it has a description, and its relative paths to every
navigation page and to the site root) is rendered by the theme with markers in place of
those values; that output is the shell, and each other page of the signature is the shell
with its own values put in, in one pass. A briefing's table of contents and skip link come
from the theme's own partial (TOC_TEMPLATE), so they are what the full template would print.
A test builds a site both ways and compares every page byte for byte.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

log = logging.getLogger("mkdocs.plugins.briefings")

TEMPLATE = "autobrief-stamp.html"  # a listing: its content alone
TOC_TEMPLATE = "autobrief-stamp-toc.html"  # a briefing: skip link, table of contents, content
TEMPLATES_DIR = str(Path(__file__).parent / "templates")
TITLE, DESCRIPTION, CANONICAL = "@@autobrief-title@@", "@@autobrief-description@@", "@@autobrief-canonical@@"
SKIP, TOC = "@@autobrief-skip@@", "@@autobrief-toc@@"
SPLIT = "@@autobrief-split@@"  # between the parts of TOC_TEMPLATE's output
MARKERS = re.compile("|".join(re.escape(m) for m in (TITLE, DESCRIPTION, CANONICAL, SKIP, TOC)))
# Material prints its own <h1> when the content has none: the marker carries one.
CONTENT = "<!--<h1 @@autobrief-content@@-->"


class Stamper:
    def __init__(self):
        self.targets: list[str] = []
        self.env = None  # the theme's Jinja environment (on_env), for TOC_TEMPLATE
        self.reset_pages()

    def reset_pages(self) -> None:
        self.known: dict[tuple, tuple] = {}
        self.makers: dict[tuple, Page] = {}  # signature -> the page rendered in full
        self.members: dict[tuple, list[Page]] = {}  # signature -> its other pages
        self.shells: dict[tuple, list[str] | None] = {}  # literal text and markers, alternating; None: not stamped
        self.signatures: dict[str, tuple] = {}  # src_uri -> signature
        self.canonicals: dict[str, str | None] = {}
        self.contexts: dict[str, dict] = {}  # src_uri of a briefing maker -> its template context

    def reset(self, nav: Navigation) -> None:
        self.targets = [""] + sorted({url for url in _urls(nav.items)})
        self.reset_pages()

    def prepare(self, page: Page, title: str, description: str | None, *, toc: bool = False) -> None:
        """Before the page is rendered: the first of its signature makes the shell; the rest skip
        the theme. ``toc``: the page has a table of contents (set by now) that the shell leaves out."""
        page.meta["title"] = escape(title)
        if description:
            page.meta["description"] = escape(description)
        signature = (toc, bool(description), *(get_relative_url(t, page.url) for t in self.targets))
        signature = self.known.setdefault(signature, signature)  # one tuple per signature, not one per page
        self.signatures[page.file.src_uri] = signature
        self.canonicals[page.file.src_uri] = page.canonical_url
        if self.makers.setdefault(signature, page) is page:
            page.meta["title"] = Markup(TITLE)
            if description:
                page.meta["description"] = Markup(DESCRIPTION)
        else:
            page.meta["template"] = TOC_TEMPLATE if toc else TEMPLATE
            self.members.setdefault(signature, []).append(page)

    @staticmethod
    def skip_markdown(page: Page) -> None:
        """A listing's Markdown source is empty and its content comes from the plugin: skip
        building a Markdown converter with every extension for it."""
        page.render = _render_nothing.__get__(page)

    def content(self) -> str:
        return CONTENT

    def template(self, page: Page, context: dict) -> None:
        """Just before the theme renders a shell: its canonical URL a marker. Not sooner: the
        sitemap, written before any page, lists every page's own."""
        signature = self.signatures[page.file.src_uri]
        if self.makers[signature] is page:
            page.canonical_url = CANONICAL
            if signature[0]:
                self.contexts[page.file.src_uri] = context

    def stamp(self, output: str, page: Page, title: str, description: str | None, content: str | None = None) -> str:
        """After the template: the whole page, from this page's values and its signature's shell.
        ``content`` replaces CONTENT (a listing's); a briefing's content is its own slot, kept."""
        uri = page.file.src_uri
        signature = self.signatures[uri]
        values = {TITLE: escape(title), DESCRIPTION: escape(description or ""), CANONICAL: self.canonicals[uri] or ""}
        if self.makers[signature] is page:
            page.canonical_url = self.canonicals[uri]
            made = self._shell(output, signature, self.contexts.pop(uri, None))
            if made is None:  # the theme's output is not as expected: this signature is rendered in full
                for other in self.members.get(signature, []):
                    other.meta.pop("template", None)
                log.info(f"briefings: pages like /{page.url} are rendered by the theme in full "
                         "(their table of contents was not found in the page)")
                self.shells[signature], shell = None, _parts(output)
            else:
                self.shells[signature], values[SKIP], values[TOC] = made
                shell = made[0]
        else:
            shell = self.shells[signature]
            if shell is None:
                return output
            if signature[0]:  # TOC_TEMPLATE's output: skip link, table of contents, content (the slot)
                values[SKIP], values[TOC], _ = output.split(SPLIT)
        stamped = "".join(values.get(part, part) if i % 2 else part for i, part in enumerate(shell))
        return stamped if content is None else stamped.replace(CONTENT, content, 1)

    def _shell(self, output: str, signature: tuple, context: dict | None) -> tuple[list[str], str, str] | None:
        """The maker's output as a shell (literal text and markers, alternating), and its own
        skip link and table of contents."""
        if not signature[0]:
            return _parts(output), "", ""
        if context is None or self.env is None:
            return None
        skip, toc, _ = self.env.get_template(TOC_TEMPLATE).render(context).split(SPLIT)
        link = f'<a href="{skip}" class="md-skip">'
        if not toc or output.count(toc) != 1 or output.count(link) != 1:
            return None
        return _parts(output.replace(link, f'<a href="{SKIP}" class="md-skip">').replace(toc, TOC)), skip, toc


def _parts(output: str) -> list[str]:
    """Text and markers, alternating (re.split keeps the markers it splits at, in a group)."""
    return re.split(f"({MARKERS.pattern})", output)


def _render_nothing(self: Page, config, files) -> None:
    self.content, self.toc, self._title_from_render = "", get_toc([]), None
    self.present_anchor_ids = set()


def _urls(items) -> set[str]:
    urls: set[str] = set()
    for item in items:
        if isinstance(item, Section):
            urls |= _urls(item.children)
        elif isinstance(item, Page):
            urls.add(item.url)
        elif isinstance(item, Link):
            urls.add(item.url)
    return urls
