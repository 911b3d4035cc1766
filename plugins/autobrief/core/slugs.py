"""Slugs for names: one URL per company, region, tag or outlet, whatever its spelling."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

_NOT_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=1 << 16)  # the same few thousand names are looked up on every page
def slugify(name: str) -> str:
    """"Ford", "FORD" and "ford " share one slug; "Škoda" -> "skoda"; "小米" stays "小米".

    Latin accents fold to ASCII; other scripts keep their letters (browsers
    percent-encode them), so two Chinese names never collapse into one.
    Only letters, digits and single hyphens remain: never a dot or slash.
    """
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
