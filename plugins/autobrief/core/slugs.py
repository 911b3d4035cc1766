"""Slugs for names: one URL per company, region, tag or outlet, whatever its spelling."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

_NOT_WORD = re.compile(r"[\W_]+")

# Unicode's default-ignorable code points (DerivedCoreProperties.txt, Unicode 15): joiners,
# soft hyphen, bidi controls, variation selectors, fillers, tags. They draw nothing, so two
# names that differ only by them read the same. Fixed here, not taken from Python's tables,
# so that every Python version, the model and the JSON Schema agree.
IGNORABLE: tuple[tuple[int, int], ...] = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
    (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
    (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
)
# What shows no text at all: the above, the other format characters (category Cf), white
# space, control characters, and the blank braille pattern that passes for a space.
BLANK: tuple[tuple[int, int], ...] = IGNORABLE + (
    (0x0000, 0x0020), (0x007F, 0x00A0), (0x0600, 0x0605), (0x06DD, 0x06DD), (0x070F, 0x070F),
    (0x0890, 0x0891), (0x08E2, 0x08E2), (0x1680, 0x1680), (0x2000, 0x200A), (0x2028, 0x2029),
    (0x202F, 0x202F), (0x205F, 0x205F), (0x2800, 0x2800), (0x3000, 0x3000), (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD), (0x110CD, 0x110CD), (0x13430, 0x1343F),
)


def char_class(ranges: tuple[tuple[int, int], ...], negate: bool = False) -> str:
    """A regular-expression class of ``ranges`` that Python and ECMA-262 (with the u flag) read alike."""
    def one(code: int) -> str:
        return f"\\u{code:04x}" if code <= 0xFFFF else chr(code)  # astral: the character itself

    parts = "".join(one(a) if a == b else f"{one(a)}-{one(b)}" for a, b in sorted(ranges))
    return f"[{'^' if negate else ''}{parts}]"


_IGNORABLE = re.compile(char_class(IGNORABLE))


def without_ignorable(text: str) -> str:
    """``text`` without its default-ignorable characters (ZWJ, soft hyphen, variation selectors...)."""
    return _IGNORABLE.sub("", text)


@lru_cache(maxsize=1 << 16)  # the same few thousand names are looked up on every page
def slugify(name: str) -> str:
    """"Ford", "FORD" and "ford " share one slug; "Škoda" -> "skoda"; "小米" stays "小米".

    Latin accents fold to ASCII; other scripts keep their letters (browsers
    percent-encode them), so two Chinese names never collapse into one.
    Characters that draw nothing (a zero-width joiner, a soft hyphen, a
    variation selector) are dropped: "Fo\\u200drd" is "ford", as it reads.
    Only letters, digits and single hyphens remain: never a dot or slash.
    """
    name = without_ignorable(name)
    text = unicodedata.normalize("NFKD", name.casefold())
    text = unicodedata.normalize("NFC", "".join(c for c in text if not unicodedata.combining(c)))
    slug = _NOT_WORD.sub("-", text).strip("-")
    if not slug:  # a name of punctuation alone still needs a stable, safe URL
        slug = "n-" + hashlib.blake2b(name.encode(), digest_size=4).hexdigest()
    return slug


def briefing_slug(text: str, limit: int = 60) -> str:
    """A contract slug ([a-z0-9]+(-[a-z0-9]+)*) for a title or file name, cut at a hyphen."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        cut = slug[: limit + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:limit]
    return slug
