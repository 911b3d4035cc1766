"""The body's HTML cut into tokens, each with its exact source text (for render/body.py).

``html.parser`` tokenizes; the tokens keep the text they came from, so that
what needs no change is written back byte for byte.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements whose content is raw text up to their end tag: tokenized as one piece.
RAW_TEXT = ("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
            "noscript", "plaintext")

# A start or end tag whose text every HTML parser reads the same way: emitted as written.
# Only ASCII whitespace separates (HTML's), names are plain, an unquoted value holds none of
# the characters the parsers disagree on, and no NUL.
_WS = "[ \t\n\f\r]"
_NAME = "[a-zA-Z_:][-a-zA-Z0-9_:.]*"
_VALUE = "\"[^\"\x00]*\"|'[^'\x00]*'|[^\\s\"'=<>`\x00]+"
PLAIN_START = re.compile(f"<([a-zA-Z][a-zA-Z0-9]*)((?:{_WS}+{_NAME}(?:{_WS}*={_WS}*(?:{_VALUE}))?)*){_WS}*(/?)>\\Z")
ATTRIBUTE_AT = re.compile(f"{_WS}+({_NAME})(?:{_WS}*={_WS}*({_VALUE}))?")
PLAIN_END = re.compile(f"</[a-zA-Z][a-zA-Z0-9]*{_WS}*>\\Z")
TAG_OPEN = re.compile(r"<(?=[A-Za-z!/?]|\Z)")  # a "<" that could open markup


# --- tokens -----------------------------------------------------------------------------------

TEXT, RAW, START, END, COMMENT, OTHER = range(6)


class _Tokens(HTMLParser):
    """The input cut into tokens, each with its exact source text.

    ``html.parser`` calls ``updatepos(i, j)`` after every token it consumed from
    ``rawdata[i:j]``: that gives each handler's event its source span, and
    spans no handler claimed (``</>``) come out as text. ``&`` is not
    special here (the text is re-emitted as written), so character references
    stay in the text tokens.
    """

    CDATA_CONTENT_ELEMENTS = RAW_TEXT
    _interesting = re.compile("<")

    def __init__(self, html: str):
        super().__init__(convert_charrefs=False)
        self.tokens: list[tuple] = []  # (kind, raw, name, attrs, self_closing)
        self._event: tuple | None = None
        self._no_comment_end = len(html) + 4  # where a search for "-->" has found none
        # No tag, comment or declaration ends without a ">": what follows the last one is text.
        # (Parsed, html.parser would search the rest of it once for every "<" in it.)
        end = html.rfind(">") + 1
        self.rawdata = html[:end]
        self.goahead(True)
        rest = self.rawdata  # a raw-text element left open: the rest of its content
        if self.cdata_elem:
            self.tokens.append((RAW, rest + html[end:], None, None, False))
        elif end < len(html):
            self.tokens.append((TEXT, html[end:], None, None, False))

    def reset(self):
        super().reset()
        self.interesting = self._interesting

    def clear_cdata_mode(self):
        super().clear_cdata_mode()
        self.interesting = self._interesting

    def updatepos(self, i: int, j: int) -> int:
        if i < j:
            event, self._event = self._event, None
            kind, name, attrs, closing = event or (TEXT, None, None, False)
            self.tokens.append((kind, self.rawdata[i:j], name, attrs, closing))
        return j

    def handle_starttag(self, tag, attrs):
        self._event = (START, tag, attrs, False)

    def handle_startendtag(self, tag, attrs):
        self._event = (START, tag, attrs, True)

    def handle_endtag(self, tag):
        self._event = (END, tag, None, False)

    def handle_data(self, data):
        self._event = (RAW if self.cdata_elem else TEXT, None, None, False)

    def handle_comment(self, data):
        self._event = (COMMENT, data, None, False)

    def handle_pi(self, data):
        self._event = (OTHER, None, None, False)

    def parse_comment(self, i: int, report: int = 1) -> int:
        # An unterminated "<!--" is a token of its own (shown as text), and the rest is read as
        # usual. No "-->" after one "<!--" means none after the next: searched once, not each time.
        end = -1 if i + 4 >= self._no_comment_end else super().parse_comment(i, report)
        if end < 0:
            self._no_comment_end = min(self._no_comment_end, i + 4)
            self._event = (OTHER, None, None, False)
            return i + 4
        return end

    def parse_html_declaration(self, i: int) -> int:
        # "<!--" is a comment; "<!DOCTYPE", "<![CDATA[" and the rest are bogus comments in
        # HTML content (up to the first ">"). _markupbase would raise on some of them.
        if self.rawdata.startswith("<!--", i):
            return self.parse_comment(i)
        return self.parse_bogus_comment(i)


def tokenize(html: str) -> list[tuple] | None:
    try:
        return _Tokens(html).tokens
    except Exception:  # noqa: BLE001 - html.parser's asserts on input it cannot read
        return None


def comment_is_plain(raw: str, data: str) -> bool:
    """A comment every HTML parser ends where html.parser did."""
    return (raw == f"<!--{data}-->" and not data.startswith((">", "->")) and "--!>" not in data
            and "-->" not in data)
