"""Material's page chrome rendered once, then stamped around every listing page.

A site of 10,000 briefings has about 5,000 generated listing pages, and the
theme's template costs several milliseconds a page whatever the page holds:
as much again as the briefings themselves. Listing pages are not in the
navigation and differ from one another only by their title, description,
canonical URL and content, and by their relative links, which depend on where
the page sits. So the first listing page of each "link signature" (its
relative paths to every navigation page and to the site root) is rendered by
the theme with markers in place of those four values; that output is the
shell, and each other page of the signature is the shell with its own values
put in. A test builds a site both ways and compares every page byte for byte.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

TEMPLATE = "autobrief-stamp.html"
TEMPLATES_DIR = str(Path(__file__).parent / "templates")
TITLE, DESCRIPTION, CANONICAL = "@@autobrief-title@@", "@@autobrief-description@@", "@@autobrief-canonical@@"
# Material prints its own <h1> when the content has none: the marker carries one.
CONTENT = "<!--<h1 @@autobrief-content@@-->"


class Stamper:
    def __init__(self):
        self.targets: list[str] = []
        self.makers: dict[tuple, Page] = {}  # signature -> the page rendered in full
        self.shells: dict[tuple, str] = {}
        self.signatures: dict[str, tuple] = {}  # src_uri -> signature
        self.canonicals: dict[str, str | None] = {}

    def reset(self, nav: Navigation) -> None:
        self.targets = [""] + sorted({url for url in _urls(nav.items)})
        self.makers, self.shells, self.signatures, self.canonicals = {}, {}, {}, {}

    def prepare(self, page: Page, title: str, description: str) -> None:
        """Before the page is rendered: the first of its signature makes the shell; the rest skip the theme."""
        page.meta["title"] = escape(title)
        page.meta["description"] = escape(description)
        signature = tuple(get_relative_url(t, page.url) for t in self.targets)
        self.signatures[page.file.src_uri] = signature
        self.canonicals[page.file.src_uri] = page.canonical_url
        if self.makers.setdefault(signature, page) is page:
            page.meta["title"], page.meta["description"] = Markup(TITLE), Markup(DESCRIPTION)
        else:
            page.meta["template"] = TEMPLATE
        # A listing's Markdown source is empty and its content comes from the plugin:
        # skip building a Markdown converter with every extension for it.
        page.render = _render_nothing.__get__(page)

    def content(self) -> str:
        return CONTENT

    def template(self, page: Page) -> None:
        """Just before the theme renders a shell: its canonical URL a marker. Not sooner: the
        sitemap, written before any page, lists every page's own."""
        if self.makers[self.signatures[page.file.src_uri]] is page:
            page.canonical_url = CANONICAL

    def stamp(self, output: str, page: Page, title: str, description: str, content: str) -> str:
        """After the template: the whole page, from this page's values and its signature's shell."""
        signature = self.signatures[page.file.src_uri]
        if self.makers[signature] is page:
            self.shells[signature] = output
            page.canonical_url = self.canonicals[page.file.src_uri]
        shell = self.shells[signature]
        canonical = self.canonicals[page.file.src_uri] or ""
        for marker, value in ((TITLE, escape(title)), (DESCRIPTION, escape(description)), (CANONICAL, canonical)):
            shell = shell.replace(marker, value)
        return shell.replace(CONTENT, content, 1)


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
