"""Every internal link, script and stylesheet of a built site, followed: what is broken."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup


def broken_links(site: Path) -> tuple[int, list[str]]:
    """(links followed, "page: href" of each that leads nowhere or to a missing anchor)."""
    pages: dict[str, BeautifulSoup] = {}
    for html in site.rglob("*.html"):
        pages[str(html.relative_to(site))] = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    ids = {path: {n["id"] for n in soup.select("[id]")} for path, soup in pages.items()}
    broken = []
    checked = 0
    for path, soup in pages.items():
        for node in soup.select("a[href], link[href], script[src], img[src]"):
            ref = node.get("href") or node.get("src") or ""
            parts = urlsplit(ref)
            if not ref or parts.scheme or parts.netloc or ref.startswith(("mailto:", "data:")):
                continue
            if not parts.path:
                target = path
            elif parts.path.startswith("/"):  # from the site root (site_url's path is /)
                target = unquote(parts.path).lstrip("/") or "index.html"
                if target != "index.html" and (ref.endswith("/") or (site / target).is_dir()):
                    target = posixpath.join(target, "index.html")
            else:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(path), unquote(parts.path)))
                if ref.endswith("/") or (site / target).is_dir():
                    target = posixpath.join(target, "index.html")
            checked += 1
            if not (site / target).is_file():
                broken.append(f"{path}: {ref}")
            elif parts.fragment and target.endswith(".html") and parts.fragment not in ids.get(target, set()):
                broken.append(f"{path}: {ref} (no anchor)")
    return checked, broken
