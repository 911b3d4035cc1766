"""A briefing's automatic summary: the text a reader sees of the body's first paragraph.

The body is Markdown, and what a paragraph shows depends on the whole of it:
reference links (``[FT][1]``) are defined anywhere, footnote markers
(``[^1]``) are numbers, ``{: .lead}`` is an attribute list, a paragraph
followed by ``: text`` is a definition term. :func:`summary_of` therefore
reads the paragraph from the body rendered as a whole, with the extensions
that change the text (those of mkdocs.yml, less the table of contents).

Rendering a whole body costs about six times the old one-block summary, and a
site has 10,000 of them, so the common case takes a short cut that gives the
same text: a body whose first paragraph is plain prose (after any headings,
rules, lone images, link definitions and admonitions) has only that paragraph rendered,
with the body's link and footnote definitions after it. Anything the short
cut cannot vouch for (HTML, code fences, lists, a definition it cannot read
line by line, ...) renders the whole body.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser

import markdown

# mkdocs.yml's markdown_extensions, without toc (it only adds ids and permalinks).
EXTENSIONS = ["admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables",
              "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed"]
EXTENSION_CONFIGS = {"pymdownx.tabbed": {"alternate_style": True}}

# Nothing a card, a meta tag or a feed can show: controls, bidi marks, the BOM, and noncharacters
# (XML refuses U+FFFE and U+FFFF). White space (\x0b, \x0c, \x1c-\x1f, \x85, U+2028, U+2029)
# is collapsed with the rest by str.split().
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufdd0-\ufdef"
    + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17)) + "]"
)


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)


def _render(text: str) -> str:
    md = _markdown()
    md.reset()  # before, not after: a convert that raised leaves its state behind
    return md.convert(text)


def clean(text: str) -> str:
    """Text without control characters, its whitespace collapsed to single spaces."""
    return " ".join(_INVISIBLE.sub("", text).split())


def clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters on a word boundary, with "…"."""
    if len(text) > limit:
        cut = text[: limit - 1]
        if text[limit - 1] != " ":  # the cut ends inside a word: drop it (unless it is the only one)
            cut = cut.rsplit(" ", 1)[0]
        text = cut.rstrip() + "…"
    return text


def summary_of(body: str, limit: int = 400) -> str:
    """The text of the body's first prose paragraph, cleaned and cut at ``limit`` characters."""
    text = _short_cut(body)
    if text is None:
        text = first_prose(_render(body))
    return clip(text, limit)


def full_summary_of(body: str, limit: int = 400) -> str:
    """:func:`summary_of` without the short cut: the whole body rendered (for tests and checks)."""
    return clip(first_prose(_render(body)), limit)


# --- the first prose paragraph of rendered HTML ---------------------------------------------------

# A paragraph in one of these is not the briefing's prose: lists, tables, quotes, code, asides.
_ASIDES = frozenset({"table", "ul", "ol", "dl", "blockquote", "pre", "details", "figure", "aside", "nav",
                     "header", "footer", "form", "select", "textarea", "template", "svg", "math",
                     "object", "iframe", "noscript", "script", "style", "button"})
_ASIDE_CLASSES = frozenset({"admonition", "footnote", "tabbed-set", "toc"})
# Text a reader does not see as the paragraph's words (footnote markers, scripts).
_UNSEEN = frozenset({"script", "style", "template", "noscript", "textarea", "select", "svg", "math",
                     "object", "iframe"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr"})


class _Found(Exception):
    pass


class _FirstProse(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, is an aside, hides its text)
        self.asides = 0
        self.hidden = 0
        self.paragraph: list[str] | None = None  # the words of the paragraph being read
        self.depth = 0  # len(stack) where that paragraph started
        self.text = ""

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            if tag == "br" and self.paragraph is not None:
                self.paragraph.append(" ")
            return
        if tag == "p" and self.paragraph is not None:  # <p> in a <p>: HTML ends the first
            self.end_paragraph()
        attributes = dict(attrs)
        classes = set((attributes.get("class") or "").split())
        aside = tag in _ASIDES or bool(classes & _ASIDE_CLASSES)
        hides = tag in _UNSEEN or (tag == "sup" and (attributes.get("id") or "").startswith("fnref")) \
            or "footnote-ref" in classes
        self.stack.append((tag, aside, hides))
        self.asides += aside
        self.hidden += hides
        if tag == "p" and not self.asides and "admonition-title" not in classes:
            self.paragraph, self.depth = [], len(self.stack)

    def handle_endtag(self, tag):
        if tag == "p" and self.paragraph is not None and len(self.stack) >= self.depth:
            self.end_paragraph()
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                for _, aside, hides in self.stack[index:]:
                    self.asides -= aside
                    self.hidden -= hides
                del self.stack[index:]
                return

    def handle_data(self, data):
        if self.paragraph is not None and not self.hidden:
            self.paragraph.append(data)

    def end_paragraph(self):
        text = clean("".join(self.paragraph or ()))
        self.paragraph = None
        if text:
            self.text = text
            raise _Found


def first_prose(html: str) -> str:
    """The cleaned text of the first paragraph of ``html`` that is prose and shows any."""
    parser = _FirstProse()
    try:
        parser.feed(html)
        parser.close()
        if parser.paragraph is not None:
            parser.end_paragraph()
    except _Found:
        pass
    return parser.text


# --- the short cut --------------------------------------------------------------------------------

_BLANK = re.compile(r"\n(?:[ \t]*\n)+")
_HEADING = re.compile(r"#[^\n]*")  # python-markdown's: no space before the "#"
_RULE = re.compile(r" {0,3}(?:(?:-+ {0,2}){3,}|(?:_+ {0,2}){3,}|(?:\*+ {0,2}){3,}) *")
_IMAGE = re.compile(r" {0,3}!\[[^\]\n]*\]\([^()\n]*\)[ \t]*")
# python-markdown's link definition, on one line, and its footnote definition's first line.
_LINK_DEFINITION = re.compile(r" {0,3}\[([^\[\]\n]*)\]:[ ]*\S+[ ]*(?:([\"'])[^\n]*\2[ ]*|\([^\n]*\)[ ]*)?")
_FOOTNOTE_DEFINITION = re.compile(r" {0,3}\[\^([^\]\n]+)\]:[^\n]*")
_DEFINITIONS = re.compile(r"(?m)^[^\n]*\]:[^\n]*$")
_FENCE_OR_HTML = re.compile(r"(?m)^[ \t]*(?:`{3}|~{3}|<)")
# The first line of an admonition or a collapsible (python-markdown's, pymdownx.details'), whose
# content is indented: an aside, not the prose.
_ASIDE = re.compile(r'!!! ?[\w\-]+(?: +[\w\-]+)*(?: +"[^\n]*?")? *'
                    r'|\?{3}\+? ?(?:(?:[\w\-]+(?: +[\w\-]+)*?)?(?: +"[^\n]*?")|[\w\-]+(?: +[\w\-]+)*?) *')
# A line that could make a paragraph's block anything but one paragraph of its own.
_NOT_PROSE = re.compile(r"""[ \t]*(?:
      [`~]{3} | [<>|#] | :[ \t] | [-*+][ \t] | \d+\.[ \t] | [-=]+[ \t]*$
    | ([-*_])(?:[ \t]*\1){2,}[ \t]*$ | !!! | \?\?\? | === | \[\^?[^\]\n]*\]:
)""", re.X)
_FIRST = re.compile(r" {0,3}[^\s#>|:<!?=~`{\-+*\\\[]|\*(?!\s)|\[(?!\^)")
_ODD = re.compile(r"<[A-Za-z!?/]|[\x00-\x08\x0b-\x1f\x7f]")
_DEFINITION = re.compile(r"(?m)^ {0,3}:[ \t]")
# What python-markdown's inline patterns (and attr_list's, footnotes') start with; without
# any, a plain paragraph's text is its source.
_INLINE = re.compile(r"[`\\\[\]!<>&*_{}|]")


def _blocks(body: str):
    start = 0
    for gap in _BLANK.finditer(body):
        if gap.start() > start:
            yield body[start:gap.start()], body[gap.end():]
        start = gap.end()
    if start < len(body):
        yield body[start:], ""


def _short_cut(body: str) -> str | None:
    """The summary when the first paragraph is plain prose; None when the whole body must render."""
    if "\r" in body:
        return None  # python-markdown reads a lone CR as a line break
    body = body.lstrip("\n")
    aside = False  # in an admonition or a collapsible: not the prose, skipped whole
    for block, rest in _blocks(body):
        if aside and block.startswith(("    ", "\t")):
            if _FENCE_OR_HTML.search(block):
                return None
            continue  # the aside goes on
        aside = False
        if _ASIDE.fullmatch(block.split("\n", 1)[0]):
            if _FENCE_OR_HTML.search(block) or not all(
                    line.startswith(("    ", "\t")) or not line.strip() for line in block.split("\n")[1:]):
                return None
            aside = True
            continue
        if "\n" not in block and (_HEADING.fullmatch(block) or _RULE.fullmatch(block) or _IMAGE.fullmatch(block)):
            continue
        if all(_LINK_DEFINITION.fullmatch(line) for line in block.split("\n")):
            continue
        break
    else:
        return None
    lines = block.split("\n")
    if not _FIRST.match(lines[0]) or _ODD.search(block) or any(_NOT_PROSE.match(line) for line in lines):
        return None
    if _DEFINITION.search(rest):
        return None  # "Term\n\n: definition", even with link definitions between: a list's term
    if not _INLINE.search(block):
        return clean(block) or None  # nothing for Markdown to do: the words are the text
    definitions = []
    if "]:" in body:
        if _FENCE_OR_HTML.search(body):
            return None  # a definition might be code or HTML there
        for match in _DEFINITIONS.finditer(body):
            line = match.group()
            footnote = _FOOTNOTE_DEFINITION.fullmatch(line)
            if footnote:
                definitions.append(f"[^{footnote.group(1)}]: x")
            elif _LINK_DEFINITION.fullmatch(line):
                definitions.append(line.strip())
            else:
                return None
    html = _render(block + "\n\n" + "\n\n".join(definitions) if definitions else block)
    text = first_prose(html)
    return text or None
