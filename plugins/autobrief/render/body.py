"""The writer's body as a briefing page shows it: it can never break the page around it.

MkDocs hands the plugin the body as its Markdown made it, raw HTML included, and
the page puts it between the briefing's head and its sections (Sources, Denials,
What to watch, ...). :func:`safe_body` re-emits that HTML token by token so that:

- Markdown's own output, and inline HTML for formatting, come out byte for byte
  as they went in;
- the tag of any element that is not in :data:`ALLOWED` (elements that run,
  style, embed, take input or restructure the page: ``script``, ``style``,
  ``iframe``, ``textarea``, ``select``, ``form``, ``template``, ``svg``, ...)
  is shown as text, and so is the content of the raw-text ones (``script``,
  ``style``, ``textarea``, ``title``, ``xmp``, ``iframe``, ``noembed``,
  ``noframes``, ``noscript``, ``plaintext``) up to their end tag;
- event-handler attributes (``on*``), ``form*`` and ``autofocus`` attributes,
  and ``javascript:``, ``vbscript:`` and ``data:`` URLs (but ``data:image/``
  in an ``img``'s ``src``) are dropped;
- the HTML is well nested: an end tag that closes nothing the body opened is
  dropped, every element still open is closed at the end of the body, and
  where an HTML5 parser would close an element implicitly (a ``<p>`` before a
  ``<div>``, an ``<li>`` before the next one, a cell before the next cell, an
  ``<a>`` inside an ``<a>``) the end tag is written out. So a browser's tree
  of the body is exactly the tree of tags written, and the next thing on the
  page after ``</div>`` is the body div's sibling.

:func:`fix_headings` then keeps the body's ids from clashing with the page's
own (``sources``, ``denials``, ...) and makes a body ``<h1>`` an ``<h2>``;
:func:`fix_toc` applies its renames to MkDocs' table of contents.

Pure functions of strings, standard library only: ``html.parser`` tokenizes.
"""

from __future__ import annotations

import re
from collections import Counter
from html import escape, unescape
from .tokens import ATTRIBUTE_AT, COMMENT, END, PLAIN_END, PLAIN_START, START, TAG_OPEN, TEXT, comment_is_plain, tokenize

# --- the policy ----------------------------------------------------------------------------

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

# What Markdown, its extensions (mkdocs.yml) and inline formatting HTML use. Anything else is
# shown as text. Left out on purpose: elements that run or style (script, style, noscript,
# template), embed (iframe, object, embed, frame, audio, video), take input or submit (form,
# textarea, select, option, button, input other than radio/checkbox), change the document
# (html, head, body, base, meta, link, title), or that HTML parses by other rules (svg, math:
# foreign content; xmp, plaintext, listing; ruby's rt/rp; obsolete font, center, marquee,
# nobr...), and the page's landmarks (article, main, header, footer, nav, dialog).
ALLOWED = frozenset({
    # blocks
    "address", "aside", "blockquote", "details", "div", "dl", "dd", "dt", "figure", "figcaption",
    "hgroup", "hr", "li", "ol", "p", "pre", "section", "summary", "ul", *HEADINGS,
    # tables
    "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "td", "th",
    # text
    "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "i", "img",
    "ins", "kbd", "label", "mark", "picture", "q", "s", "samp", "small", "source", "span",
    "strong", "sub", "sup", "time", "u", "var", "wbr",
    # pymdownx.tabbed's (and task lists') controls: only type=radio or type=checkbox
    "input",
})
INPUT_TYPES = frozenset({"radio", "checkbox"})

# Elements whose content an HTML parser reads as text up to their end tag: shown as text,
# content and all.

VOID = frozenset({"area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image",
                  "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr"})

URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "cite", "action", "formaction", "poster",
                            "background", "longdesc", "usemap", "ping", "xlink:href", "data",
                            "lowsrc", "dynsrc", "manifest", "codebase", "classid", "profile"})
_BAD_SCHEMES = ("javascript", "vbscript", "data")
_ATTRIBUTE_NAME = re.compile(r"[a-zA-Z_:][-a-zA-Z0-9_:.]*\Z")
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
_URL_NOISE = re.compile(r"[\t\n\r]")

# The tree rules an HTML5 parser applies to the allowed elements (WHATWG "in body" and table
# insertion modes), so that every end tag written closes the element a browser has open.
_P_CLOSERS = frozenset({"address", "aside", "blockquote", "details", "div", "dl", "figcaption", "figure",
                        "hgroup", "ol", "p", "section", "summary", "ul", "pre", "li", "dd", "dt",
                        "table", "hr", *HEADINGS})
_SPECIAL = frozenset({"address", "aside", "blockquote", "caption", "colgroup", "dd", "details", "div",
                      "dl", "dt", "figcaption", "figure", "hgroup", "li", "ol", "p", "pre", "section",
                      "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", *HEADINGS})
_SCOPE_MARKERS = frozenset({"table", "td", "th", "caption"})  # bound "p in button scope"
_CELL_MARKERS = frozenset({"td", "th", "caption"})  # markers in the list of formatting elements
_TABLE_PARTS = frozenset({"caption", "colgroup", "col", "tbody", "thead", "tfoot", "tr", "td", "th"})
_TABLE_CONTEXT = _TABLE_PARTS | {"table"}
_SECTIONS = frozenset({"tbody", "thead", "tfoot"})

# --- Task 1: the body can never break the page --------------------------------------------------

_C0_AND_SPACE = "".join(map(chr, range(0x21)))


def _url_is_bad(tag: str, name: str, value: str) -> bool:
    """A URL a browser would run, or show a made-up document from (as URL parsers read it)."""
    url = _URL_NOISE.sub("", value).strip(_C0_AND_SPACE).lower()
    if name == "srcset":
        return any(f"{scheme}:" in url for scheme in ("javascript", "vbscript")) or (
            "data:" in url and tag not in ("img", "source"))
    match = _SCHEME.match(url)
    if not match or match.group(1) not in _BAD_SCHEMES:
        return False
    return not (match.group(1) == "data" and name == "src" and tag == "img" and url.startswith("data:image/"))


def _attribute_is_kept(tag: str, name: str, value: str | None) -> bool:
    if not _ATTRIBUTE_NAME.match(name) or name.startswith(("on", "form")) or name == "autofocus":
        return False
    if tag == "img" and name == "name":  # <img name=getElementById> would shadow document's methods
        return False
    return not (value is not None and name in URL_ATTRIBUTES and _url_is_bad(tag, name, value))


def _written_attributes(raw: str) -> list[tuple[str, str | None]] | None:
    """The attributes of a start tag that every parser reads alike, or None if it is not one."""
    match = PLAIN_START.match(raw)
    if not match:
        return None
    found = []
    for m in ATTRIBUTE_AT.finditer(match.group(2)):
        value = m.group(2)
        if value is not None and value[:1] in ("'", '"'):
            value = value[1:-1]
        found.append((m.group(1).lower(), value if not value else unescape(value)))
    return found


def _start_tag(tag: str, raw: str, attrs: list, self_closing: bool, written: list | None = None) -> str:
    """The start tag as written if it is plain and keeps every attribute; else rebuilt.

    ``written``: the tag's attributes as :func:`_written_attributes` reads them, if known.
    """
    seen: set[str] = set()
    kept = []
    for name, value in attrs:
        if name in seen:  # the first of a repeated attribute is the one that counts
            continue
        seen.add(name)
        if _attribute_is_kept(tag, name, value):
            kept.append((name, value))
    if kept == attrs and (tag in VOID or not self_closing) and (
            written if written is not None else _written_attributes(raw)) == attrs:
        return raw
    return tag_text(tag, kept, self_closing)  # <div/> as <div>: the caller writes its </div>


def tag_text(tag: str, attrs: list, self_closing: bool) -> str:
    text = "".join(f" {n}" if v is None else f' {n}="{escape(v)}"' for n, v in attrs)
    return f"<{tag}{text}{' /' if self_closing and tag in VOID else ''}>"


class _Body:
    def __init__(self):
        self.out: list[str] = []
        self.open: list[str] = []  # the allowed elements the body has open, outermost first
        self.shown: Counter = Counter()  # elements shown as text, still open

    def close_to(self, index: int) -> None:
        """Write the end tags of the open elements from the innermost down to ``open[index]``."""
        for name in reversed(self.open[index:]):
            self.out.append(f"</{name}>")
        del self.open[index:]

    def find(self, names, stop=frozenset()) -> int:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index] in names:
                return index
            if self.open[index] in stop:
                return -1
        return -1

    def close_colgroup(self) -> None:
        # A column group holds columns only: anything else closes it.
        if self.open and self.open[-1] == "colgroup":
            self.close_to(len(self.open) - 1)

    def table_part(self, tag: str) -> bool:
        """Close what an HTML5 parser closes before a table part; False if it would ignore the tag."""
        if self.find(("table",)) < 0:
            return False
        while True:
            context = self.find(_TABLE_CONTEXT)
            self.close_to(context + 1)  # what a table holds only by foster parenting
            top = self.open[-1]
            if top == "table":
                return True
            if tag in ("td", "th"):
                done = top in ("tr", *_SECTIONS)
            elif tag == "tr":
                done = top in _SECTIONS
            elif tag == "col":
                done = top == "colgroup"
            else:  # caption, colgroup, tbody, thead, tfoot
                done = False
            if done:
                return True
            self.close_to(context)

    def start(self, tag: str, raw: str, attrs: list, self_closing: bool, written: list | None = None) -> None:
        if tag != "col":
            self.close_colgroup()
        if tag in _TABLE_PARTS:
            if not self.table_part(tag):
                return  # a cell or row outside any table: HTML5 ignores the tag
        else:
            if tag == "table":
                context = self.find(_TABLE_CONTEXT)
                if context >= 0 and self.open[context] not in _CELL_MARKERS:
                    self.close_to(self.find(("table",)))  # a table directly in a table ends it
            if tag == "li" or tag in ("dd", "dt"):
                items = ("li",) if tag == "li" else ("dd", "dt")
                for index in range(len(self.open) - 1, -1, -1):
                    name = self.open[index]
                    if name in items:
                        self.close_to(index)
                        break
                    if name in _SPECIAL and name not in ("address", "div", "p"):
                        break
            if tag in _P_CLOSERS:
                index = self.find(("p",), _SCOPE_MARKERS)
                if index >= 0:
                    self.close_to(index)
            if tag in HEADINGS and self.open and self.open[-1] in HEADINGS:
                self.close_to(len(self.open) - 1)
            if tag == "a":
                index = self.find(("a",), _CELL_MARKERS)
                if index >= 0:
                    self.close_to(index)
        self.out.append(_start_tag(tag, raw, attrs, self_closing, written))
        if tag not in VOID:
            if self_closing:  # <div/> opens a div in HTML: close it as its writer meant
                self.out.append(f"</{tag}>")
            else:
                self.open.append(tag)

    def end(self, tag: str, raw: str) -> None:
        index = self.find(HEADINGS if tag in HEADINGS else (tag,))
        if index < 0:
            return  # closes nothing the body opened
        self.close_to(index + 1)
        name = self.open.pop()
        self.out.append(raw if name == tag and PLAIN_END.match(raw) else f"</{name}>")

    def text(self, raw: str) -> None:
        if raw.strip(" \t\n\f\r"):
            self.close_colgroup()
        self.out.append(TAG_OPEN.sub("&lt;", raw) if "<" in raw else raw)

    def shown_as_text(self, raw: str) -> None:
        self.out.append(escape(raw, quote=False))


def safe_body(html: str) -> str:
    """The body's HTML, with nothing in it that runs, and every element it opens closed in it."""
    if _unchanged(html):
        return html
    return _safe_body(html)


_PIECE = re.compile(r"<[^<>]*>")


def _unchanged(html: str) -> bool:
    """Whether :func:`_safe_body` would return ``html`` as it is, read with a regex (quick).

    For HTML whose every "<" opens a plain tag or comment (Markdown's output): the
    tokens html.parser would give, fed to the same rules; False at the first token
    they would change, or for anything else.
    """
    body = _Body()
    out, stack = body.out, body.open
    at = 0
    for match in _PIECE.finditer(html):
        start = match.start()
        if start > at:
            text = html[at:start]
            if "<" in text or (stack and stack[-1] == "colgroup" and text.strip(" \t\n\f\r")):
                return False
        at = match.end()
        raw = match.group()
        if raw[1] == "/":
            if not PLAIN_END.match(raw) or not stack or raw[2:-1].rstrip(" \t\n\f\r").lower() != stack[-1]:
                return False
            stack.pop()
        elif raw[1] == "!":
            if not (raw.startswith("<!--") and raw.endswith("-->") and len(raw) >= 7
                    and comment_is_plain(raw, raw[4:-3])):
                return False
        else:
            plain = PLAIN_START.match(raw)
            if plain is None:
                return False
            tag = plain.group(1).lower()
            attrs = _written_attributes(raw)
            if tag not in ALLOWED or (tag == "input" and _input_type(attrs) not in INPUT_TYPES):
                return False
            written = len(out)
            body.start(tag, raw, attrs, plain.group(3) == "/", attrs)
            if len(out) != written + 1 or out[-1] is not raw:
                return False
    return not stack and "<" not in html[at:]


def _safe_body(html: str) -> str:
    """:func:`safe_body` token by token: html.parser's tokens through the tree rules."""
    tokens = tokenize(html)
    if tokens is None:
        return escape(html, quote=False)
    body = _Body()
    out = body.out
    text: list[str] = []  # text tokens in a row, as one: whether "<" opens markup depends on what follows
    for kind, raw, name, attrs, self_closing in tokens:
        if kind == TEXT:
            text.append(raw)
            continue
        if text:
            body.text("".join(text))
            text.clear()
        if kind == START:
            if name in ALLOWED and (name != "input" or _input_type(attrs) in INPUT_TYPES):
                body.start(name, raw, attrs, self_closing)
            else:
                body.shown_as_text(raw)
                if name not in VOID and not self_closing:
                    body.shown[name] += 1
        elif kind == END:
            if name in ALLOWED:
                body.end(name, raw)
            elif body.shown[name] > 0:  # the end of an element shown as text
                body.shown[name] -= 1
                body.shown_as_text(raw)
        elif kind == COMMENT and comment_is_plain(raw, name):
            out.append(raw)
        else:  # raw text content, unterminated or odd comments, <?...>, <!DOCTYPE ...>
            body.shown_as_text(raw)
    if text:
        body.text("".join(text))
    body.close_to(0)
    return "".join(out)


def _input_type(attrs: list) -> str:
    for name, value in attrs:
        if name == "type":
            return (value or "").strip(" \t\n\f\r").lower()
    return "text"
