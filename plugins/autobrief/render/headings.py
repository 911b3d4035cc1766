"""Body headings on a briefing page: no id of the page's own, and one title.

MkDocs' toc extension gives a body heading ``## Sources`` the id ``sources``,
which the plugin's Sources section has; and a ``# Title`` in the body would be
a second ``<h1>``. :func:`fix_headings` renames clashing ids (and what refers
to them) and makes body ``<h1>`` an ``<h2>``; :func:`fix_toc` applies the same
to MkDocs' table of contents.
"""

from __future__ import annotations

import re
from html import escape, unescape
from typing import Iterable

from ..pages.briefing import CLAIM_ID, SECTIONS, TITLE_ID, source_ids
from .body import tag_text
from .tokens import ATTRIBUTE_AT, END, PLAIN_START, START, tokenize


# The ids the plugin gives its own parts of a briefing page (pages/briefing.py), and a few of
# the header's that Material's scripts and the search box look up.
PAGE_IDS = frozenset({TITLE_ID, CLAIM_ID, *(s.anchor for s in SECTIONS), "__drawer", "__search", "ab-header-results"})
_ID_LISTS = ("for", "headers", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns",
             "aria-details", "aria-flowto", "aria-activedescendant", "aria-errormessage", "list")


# In lower case, every place html.parser could read an id attribute (and more): a quick check.
_ID_VALUE = re.compile(r"""id\s*=+\s*(?:"([^"]*)"|'([^']*)'|([^\s>'"][^\s>]*))""")


def _may_change(html: str, reserved: set[str]) -> bool:
    """False if :func:`fix_headings` surely leaves ``html`` as it is: no h1, no id in ``reserved``."""
    low = html.lower()
    if "<h1" in low:
        return True
    reserved = {r.lower() for r in reserved}
    for match in _ID_VALUE.finditer(low):
        before = low[match.start() - 1] if match.start() else " "
        if before.isspace() or before in "/\"'":
            value = next(v for v in match.groups() if v is not None)
            if (unescape(value) if "&" in value else value) in reserved:
                return True
    return False


def reserved_ids(sources: int, more: Iterable[str] = ()) -> set[str]:
    """The ids of a briefing page with ``sources`` sources (and ``more``: its plan's anchors), which the body must not use."""
    return set(PAGE_IDS) | set(source_ids(sources)) | set(more)


def fix_headings(html: str, reserved: Iterable[str]) -> tuple[str, dict[str, str]]:
    """The body with its ids out of ``reserved`` and its ``<h1>`` made ``<h2>``; and the renames.

    An id in ``reserved`` becomes ``<id>-2`` (or -3, ... whichever no element of
    the body nor the page uses), everywhere the body names it: ``id``,
    ``href="#id"`` (heading permalinks, in-body links), ``for`` and the ARIA
    references. Returns the HTML and ``{old id: new id}`` for the table of contents.
    """
    reserved = set(reserved)
    if not _may_change(html, reserved):
        return html, {}
    tokens = tokenize(html)
    if tokens is None:
        return html, {}
    ids = {value for kind, _, _, attrs, _ in tokens if kind == START
           for name, value in attrs if name == "id" and value}
    renames: dict[str, str] = {}
    taken = ids | reserved
    for old in sorted(ids & reserved):
        n = 2
        while f"{old}-{n}" in taken:
            n += 1
        renames[old] = f"{old}-{n}"
        taken.add(renames[old])
    out = []
    for kind, raw, name, attrs, self_closing in tokens:
        if kind == START:
            changes = {}
            for attr, value in attrs:
                if not value or attr in changes:
                    continue
                if attr == "id" and value in renames:
                    changes[attr] = renames[value]
                elif attr == "href" and value.startswith("#") and value[1:] in renames:
                    changes[attr] = "#" + renames[value[1:]]
                elif attr in _ID_LISTS and any(part in renames for part in value.split()):
                    changes[attr] = " ".join(renames.get(part, part) for part in value.split())
            if changes or name == "h1":
                raw = _rewrite_start(raw, "h2" if name == "h1" else name, attrs, changes, self_closing)
        elif kind == END and name == "h1":
            raw = "</h2>"
        out.append(raw)
    return "".join(out), renames


def _rewrite_start(raw: str, tag: str, attrs: list, changes: dict[str, str], self_closing: bool) -> str:
    """``raw`` with the tag name ``tag`` and the values in ``changes``, the rest as written if plain."""
    match = PLAIN_START.match(raw)
    if match is None:
        done: set[str] = set()
        rewritten = []
        for name, value in attrs:
            if name in changes and name not in done:
                done.add(name)
                value = changes[name]
            rewritten.append((name, value))
        return tag_text(tag, rewritten, self_closing)
    base = match.start(2)
    pieces, at, done = [f"<{tag}"], base, set()
    for m in ATTRIBUTE_AT.finditer(match.group(2)):
        name = m.group(1).lower()
        if name in changes and name not in done:
            done.add(name)
            pieces.append(raw[at:base + m.end(1)] + f'="{escape(changes[name])}"')
            at = base + m.end()
    pieces.append(raw[at:])
    return "".join(pieces)


def fix_toc(items, renames: dict[str, str]) -> None:
    """Apply :func:`fix_headings`' renames and its ``h1`` to ``h2`` to a table of contents, in place.

    ``items``: a list of entries with ``.id``, ``.level`` and ``.children`` (MkDocs'
    ``AnchorLink``; ``page.toc.items``), or an object with such a list as
    ``.items`` (MkDocs' ``TableOfContents``). A level-1 entry becomes level 2,
    and its level-2 children, now its equals, follow it in the same list.
    """
    entries = getattr(items, "items", items)
    index = 0
    while index < len(entries):
        entry = entries[index]
        if entry.id in renames:
            entry.id = renames[entry.id]
        fix_toc(entry.children, renames)
        if entry.level == 1:
            entry.level = 2
            children = list(entry.children)
            keep = next((i for i, child in enumerate(children) if child.level <= 2), len(children))
            entry.children[:] = children[:keep]
            entries[index + 1:index + 1] = children[keep:]
        index += 1
