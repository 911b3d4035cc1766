"""The search page and the header's search box: Jinja templates, autoescaped.

The templates are laid out on lines for their reader, but the markup they
replaced was one line, and whitespace between inline elements can show: every
line break in a template, with the indentation after it, is dropped before
Jinja reads it (:class:`_OneLine`). Where a space is meant, it is written on the line.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined
from jinja2.ext import Extension
from markupsafe import Markup

from ..core.addresses import ARCHIVE, BRIEFINGS, SEARCH, terms
from ..render import relative


class _OneLine(Extension):
    """Template source without its line breaks and indentation (values keep theirs)."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return re.sub(r"\n[ \t]*", "", source)


@lru_cache(maxsize=None)
def environment() -> Environment:
    return Environment(
        loader=PackageLoader("autobrief.search", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        auto_reload=False,  # packaged templates do not change during a build
        extensions=[_OneLine],
    )


@lru_cache(maxsize=None)  # a handful of icons, read once rather than four times a page
def icon(name: str) -> Markup:
    """One of Material's icons, as the inline SVG its own header uses."""
    path = resources.files("material").joinpath(f"templates/.icons/material/{name}.svg")
    return Markup(path.read_text(encoding="utf-8").strip())


@lru_cache(maxsize=64)  # one box per depth of page: the same markup for every page at that depth
def header_box(root: str) -> str:
    """The header's search box. ``root`` is the relative (or absolute) URL of the site root from the page."""
    return environment().get_template("header-box.html").render(icon=icon, search=root + SEARCH)


_HEADER = re.compile(r'<header class="md-header[^>]*>')
_SOURCE = '<div class="md-header__source">'


def inject_header(output: str, root: str) -> str:
    """Put the search box into Material's header, where Material's own would be."""
    match = _HEADER.search(output)
    if not match or 'class="md-search ab-header-search"' in output:
        return output
    end = output.find("</nav>", match.end())
    if end < 0:
        return output
    source = output.find(_SOURCE, match.end(), end)
    at = source if source >= 0 else end
    return output[:at] + header_box(root) + output[at:]


def page_markdown() -> str:
    """The search page's source file: front matter for MkDocs, then the page's HTML."""
    links = {"search": relative(SEARCH, SEARCH), "briefings": relative(SEARCH, BRIEFINGS),
             "companies": relative(SEARCH, terms("company")), "statuses": relative(SEARCH, terms("status")),
             "archive": relative(SEARCH, ARCHIVE)}
    html = environment().get_template("search-page.html").render(links=links)
    return "---\ntitle: Search\nhide:\n  - navigation\n  - toc\n---\n\n" + html + "\n"
