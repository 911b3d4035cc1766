"""What the site says about itself, and small helpers shared by every machine-readable output.

Feeds, structured data and the dataset are published files: two builds of the
same briefings must give the same bytes, so no output here ever reads the
clock or file times.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Iterable
from urllib.parse import quote, urljoin

from .briefing import Briefing

# Characters XML 1.0 forbids (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF);
# HTML treats them as parse errors too, so every output drops them.
_ILLEGAL = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Left as they are when making a URL absolute; anything else (spaces, non-ASCII) is percent-encoded.
_URL_SAFE = "/:?#[]@!$&'()*+,;=%~"


@dataclass(frozen=True)
class SiteInfo:
    name: str
    url: str  # absolute, ending in "/"
    description: str = ""
    language: str = "en"
    publisher: str | None = None  # defaults to name
    feed_limit: int = 50
    claim_review: bool = False

    def __post_init__(self):
        if not self.url.endswith("/"):
            object.__setattr__(self, "url", self.url + "/")
        if self.publisher is None:
            object.__setattr__(self, "publisher", self.name)

    def absolute(self, url: str) -> str:
        """A site-relative URL (e.g. "companies/小米/") as an absolute, percent-encoded one."""
        return urljoin(self.url, quote(url, safe=_URL_SAFE))


def clean(text: str) -> str:
    """Text without the characters XML 1.0 cannot carry, even escaped."""
    return _ILLEGAL.sub("", text)


def last_modified(briefings: Iterable[Briefing]) -> datetime:
    """The newest ``modified`` of the briefings: the time an output last changed.

    With no briefings, SOURCE_DATE_EPOCH (reproducible builds) or the Unix epoch,
    never now(), so that an empty site builds to the same bytes every time.
    """
    times = [b.modified for b in briefings]
    if times:
        return max(times)
    return datetime.fromtimestamp(int(os.environ.get("SOURCE_DATE_EPOCH", "0")), timezone.utc)


def build_moment() -> datetime:
    """When the site is built, for what depends on it: SOURCE_DATE_EPOCH when it is set
    (a reproducible build, a test), else now (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)


def build_date() -> date:
    """The day the site is built on (UTC), for what depends on it: an overdue watch item."""
    return build_moment().date()


class OutputCache:
    """Published files kept between rebuilds of a live preview, each under a key of everything it shows.

    A key holds the serial of each briefing the file shows (a changed file is a
    new object with a new serial) and whatever else goes into it, so a feed or
    dataset that did not change is not made again when one briefing is saved.
    """

    def __init__(self):
        self._kept: dict[str, tuple[tuple, bytes]] = {}
        self.made = 0  # files made afresh, rather than kept

    def get(self, path: str, key: tuple, make) -> bytes:
        kept = self._kept.get(path)
        if kept is None or kept[0] != key:
            kept = self._kept[path] = (key, make())
            self.made += 1
        return kept[1]

    def keep_only(self, paths) -> None:
        for path in set(self._kept) - set(paths):
            del self._kept[path]
