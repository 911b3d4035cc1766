"""Live preview of broken briefings: where their error panels go.

Under a live preview a broken file still gets a page, at the address it
would most likely have (its path under the briefings folder), so the writer
who has it open sees what is wrong instead of a 404.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import PurePosixPath

from .errors import BriefingError
from .model import SLUG_RE
from .slugs import slugify


def error_pages(errors: list[BriefingError], folder: str, taken: set[str]) -> dict[str, list[BriefingError]]:
    """Site-relative URL -> the errors of the file expected there; skips URLs already taken."""
    by_path: dict[str, list[BriefingError]] = defaultdict(list)
    for error in errors:
        by_path[error.path].append(error)
    pages: dict[str, list[BriefingError]] = {}
    for path, found in sorted(by_path.items()):
        url = _url_for(path, folder)
        if url and url not in taken and url not in pages:
            pages[url] = found
    return pages


def _url_for(path: str, folder: str) -> str | None:
    parts = PurePosixPath(path).with_suffix("").parts
    prefix = PurePosixPath(folder).parts
    if tuple(parts[: len(prefix)]) == prefix:
        parts = parts[len(prefix) :]
    if not parts:
        return None
    # Every segment is made a safe slug: a broken name must not escape the folder.
    safe = [p if SLUG_RE.fullmatch(p) else slugify(p) for p in parts]
    return "briefings/" + "/".join(safe) + "/"
