"""Every address the site publishes, spelled once.

URLs here are site-relative directory URLs ("companies/ford/"; "" is the home
page), as MkDocs writes them with use_directory_urls. Source files are the
src_uri a generated page is given, from which MkDocs derives its output path.
Nothing else in the package writes a URL by hand: a change of layout is a
change of this module.
"""

from __future__ import annotations

HOME = ""
BRIEFINGS = "briefings/"  # every briefing, newest first; briefing pages sit under it
ARCHIVE = "archive/"
SEARCH = "search/"  # the search page
SEARCH_DATA = "search"  # browse data: search/facets.json, search/terms/, search/records/
PAGEFIND = "pagefind"  # Pagefind's output folder, at the site root (its first shard; the others inside)
SHARDS = f"{PAGEFIND}/shards.json"  # the shards of the full-text index, for search.js
# The pages Pagefind reads: briefing pages only (briefings/YYYY/MM/slug/), never the listings.
PAGEFIND_GLOB = f"{BRIEFINGS}[0-9]*/**/*.html"
DATASET = "briefings.json"  # the open dataset, beside schema/briefing.json
FEEDS = {"rss": "feed.xml", "atom": "atom.xml", "json": "feed.json"}  # the site's feeds, at its root
TERM_FEED = "atom.xml"  # under each term's page, e.g. companies/ford/atom.xml
# How claims move (v1.1): every status change (a page and its feed), every correction, the watch ledger.
CHANGES = "changes/"
CHANGES_FEED = "changes.xml"  # at the site root; under a company's or story's page for its own changes
CORRECTIONS = "corrections/"
WATCH = "watch/"  # the open items; the resolved ones on a page of their own
WATCH_RESOLVED = "watch/resolved/"
MEASURES = "measures.json"  # outlets' and companies' measures (core/measures.py), at the site root
MEASURES_SCHEMA = "measures.schema.json"  # its JSON Schema, beside it
HOW_WE_MEASURE = "measures/"  # the guide's page of definitions (docs/measures.md)
ASSETS = "assets/autobrief/"
# Reaching readers elsewhere: the weekly digest (a page a week, and its feeds), the news sitemap.
DIGEST = "digest/"
DIGEST_FEEDS = {"atom": "digest/atom.xml", "rss": "digest/feed.xml"}
NEWS_SITEMAP = "sitemap-news.xml"  # Google's news sitemap: the last two days' briefings
SITEMAP = "sitemap.xml"  # MkDocs writes it
ROBOTS = "robots.txt"

# kind -> URL folder of its index page and term pages
TERM_FOLDERS: dict[str, str] = {
    "company": "companies", "region": "regions", "tag": "tags",
    "source": "sources", "story": "stories", "status": "status", "author": "authors",
}


def briefing(year: int, month: int, slug: str) -> str:
    return f"{BRIEFINGS}{year:04d}/{month:02d}/{slug}/"


def briefing_at(address: str) -> str:
    """The URL of the briefing a watch item's ``by`` names: YYYY/MM/slug -> briefings/YYYY/MM/slug/."""
    return f"{BRIEFINGS}{address}/"


def year(number: int) -> str:
    return f"{ARCHIVE}{number:04d}/"


def month(year: int, month: int) -> str:
    return f"{ARCHIVE}{year:04d}/{month:02d}/"


def terms(kind: str) -> str:
    """The index page of a kind: companies/, stories/, …"""
    return f"{TERM_FOLDERS[kind]}/"


def digest_week(week_id: str) -> str:
    """The digest of an ISO week: digest/2026-W06/."""
    return f"{DIGEST}{week_id}/"


def term(kind: str, slug: str) -> str:
    return f"{TERM_FOLDERS[kind]}/{slug}/"


def term_feed(term_url: str) -> str:
    return term_url + TERM_FEED


def changes_feed(term_url: str = HOME) -> str:
    """The feed of status changes: the site's (changes.xml), or a company's or story's."""
    return term_url + CHANGES_FEED


def page(base: str, number: int) -> str:
    """Page N of a paginated listing: base/ for the first, base/page/N/ after it."""
    return base if number == 1 else f"{base}page/{number}/"


def source_file(url: str) -> str:
    """The src_uri of a generated listing page at ``url`` (MkDocs writes it to url/index.html)."""
    return f"{url}index.md"


def briefing_source(path_in_folder: str) -> str:
    """The src_uri of a briefing page: its file's path inside the briefings folder, under briefings/.

    MkDocs resolves a body's relative links (`[see](../03/other.md)`) from the
    src_uri, so it mirrors where writers keep the files; where the page is
    written is set apart (output_file), from the briefing's date and slug.
    """
    return BRIEFINGS + path_in_folder


def output_file(url: str) -> str:
    """Where the page at a directory URL is written: url/index.html."""
    return f"{url}index.html"


def reserved_source(path_in_folder: str) -> bool:
    """A briefing file whose src_uri would be a listing's: briefings/index.md or briefings/page/N/index.md."""
    parts = path_in_folder.split("/")
    return parts == ["index.md"] or (len(parts) == 3 and parts[0] == "page" and parts[2] == "index.md")


def asset(name: str) -> str:
    return ASSETS + name
