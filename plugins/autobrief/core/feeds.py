"""RSS 2.0, Atom 1.0 and JSON Feed 1.1 for the site and for every company, region, tag, outlet and story.

Choices that readers depend on:

* An entry's id (Atom ``id``, RSS ``guid``, JSON Feed ``id``) is the absolute
  URL of the briefing: it changes only if the briefing's URL does.
* Times come from front matter alone (``date``, ``updated``; a bare date is
  00:00 UTC). A feed's own ``updated``/``lastBuildDate`` is the newest
  ``modified`` among its entries, so an unchanged site rebuilds to identical bytes.
* Summaries are plain text. RSS readers render ``description`` as HTML, so it
  is sent HTML-escaped; Atom says so with type="html". Titles stay plain text.
"""

from __future__ import annotations

import json
from html import escape

from feedgen.entry import FeedEntry
from feedgen.ext.dc import DcEntryExtension
from feedgen.feed import FeedGenerator

from . import addresses
from .briefing import Briefing
from .indexes import KINDS, Index, Term
from .model import instant
from .site import OutputCache, SiteInfo, clean, last_modified

FEED_PATHS = addresses.FEEDS
FEED_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml", "json": "application/feed+json"}
TERM_FEED_KINDS = ("company", "region", "tag", "source", "story", "author")  # a status feed would only echo the site's
CHANGE_FEED_KINDS = ("company", "story")  # whose pages offer a feed of their claims' status changes (v1.1)
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
# front-matter list -> kind whose index page names the category scheme, e.g. https://site/companies/
CATEGORY_KINDS = {"companies": "company", "regions": "region", "tags": "tag"}


def site_feeds(index: Index, site: SiteInfo, cache: OutputCache | None = None) -> dict[str, bytes]:
    """Site-relative path -> bytes of the three site-wide feeds, newest ``feed_limit`` briefings each."""
    cache = cache or OutputCache()
    briefings = index.briefings[: site.feed_limit]
    key = (site, _entries_key(briefings, index))
    fg = None

    def feed(path: str):
        nonlocal fg
        fg = fg or _generator(briefings, _Entries(index, site), site, site.name)
        return _render(fg, site, "", path)

    return {
        FEED_PATHS["rss"]: cache.get(FEED_PATHS["rss"], key, lambda: feed(FEED_PATHS["rss"])),
        FEED_PATHS["atom"]: cache.get(FEED_PATHS["atom"], key, lambda: feed(FEED_PATHS["atom"])),
        FEED_PATHS["json"]: cache.get(FEED_PATHS["json"], key, lambda: json_feed(briefings, index, site)),
    }


def term_feeds(index: Index, site: SiteInfo, cache: OutputCache | None = None) -> dict[str, bytes]:
    """Site-relative path -> Atom feed of every company, region, tag, outlet and story."""
    cache = cache or OutputCache()
    feeds = {}
    entries = _Entries(index, site)
    names: dict[int, tuple] = {}  # serial -> category names, once per briefing
    for kind in TERM_FEED_KINDS:
        for term in index.terms[kind].values():
            path = addresses.term_feed(term.url)
            listed = term.briefings[: site.feed_limit]
            title = _term_title(term, site)
            key = (site, title, _entries_key(listed, index, names))
            feeds[path] = cache.get(path, key, lambda: _render(
                _generator(listed, entries, site, title), site, term.url, path))
    return feeds


def change_feeds(index: Index, site: SiteInfo, cache: OutputCache | None = None) -> dict[str, bytes]:
    """Site-relative path -> Atom feed of status changes: one entry per history step, newest first,
    for the site (changes.xml) and for every company and story that has any."""
    cache = cache or OutputCache()
    claims = index.claims
    entries: dict[int, FeedEntry] = {}  # id(change) -> entry, shared by every feed that lists it
    wanted = [("", claims.changes, _changes_title(site), addresses.CHANGES)]
    for kind in CHANGE_FEED_KINDS:
        for term in index.terms[kind].values():
            wanted.append((term.url, claims.changes_of(term.briefings), _changes_title(site, term), term.url))
    feeds = {}
    for base, changes, title, page in wanted:
        path = addresses.changes_feed(base)
        listed = changes[: site.feed_limit]
        key = (site, title, index.registry.digest, tuple((c.briefing.serial, c.number) for c in listed))
        feeds[path] = cache.get(path, key, lambda: _render(_change_generator(listed, entries, site, title, index), site, page, path))
    return feeds


def _change_generator(changes: list, entries: dict, site: SiteInfo, title: str, index: Index) -> FeedGenerator:
    fg = _feed(site, title, f"Each move of a claim's status: {site.description or site.name}",
               max((instant(c.step.date) for c in changes), default=last_modified([])))
    for change in changes:
        if id(change) not in entries:
            entries[id(change)] = _change_entry(change, site, index)
        fg.add_entry(entries[id(change)], order="append")
    return fg


def _change_entry(change, site: SiteInfo, index: Index) -> FeedEntry:
    """A status change: its id is the briefing's URL and the step's anchor, which never moves
    (history is only ever appended to)."""
    b, step = change.briefing, change.step
    moved = f"{change.previous} → {step.status}" if change.previous else step.status
    fe = _linked_entry(site.absolute(change.url), f"{b.title}: {moved}", instant(step.date), instant(step.date),
                       step.note or f"The claim's status is now {step.status}.")
    fe.author(_authors(b, index, site) or [{"name": clean(site.publisher)}])
    fe.category([{"term": step.status, "scheme": site.absolute(addresses.terms("status"))}])
    return fe


def _entries_key(briefings: list[Briefing], index: Index, names: dict | None = None) -> tuple:
    """What a feed shows of its entries: each briefing (by serial) and its categories' names."""
    names = {} if names is None else names
    key = []
    for b in briefings:
        if b.serial not in names:
            names[b.serial] = tuple((t.kind, t.name) for t in index.terms_of(b))  # categories and authors
        key.append((b.serial, names[b.serial]))
    return tuple(key)


def feed_links(site: SiteInfo, term: Term | None = None) -> list[tuple[str, str, str]]:
    """(title, type, site-relative href) for <link rel="alternate"> autodiscovery on a page.

    Every page offers the site's feeds and its feed of status changes; a company,
    region, tag, outlet or story page offers its own Atom feed first (a company or
    story, its status changes next).
    """
    links = [(f"{site.name} ({label})", FEED_TYPES[fmt], FEED_PATHS[fmt])
             for fmt, label in (("rss", "RSS"), ("atom", "Atom"), ("json", "JSON Feed"))]
    links.append((_changes_title(site), FEED_TYPES["atom"], addresses.changes_feed()))
    if term is not None and term.kind in CHANGE_FEED_KINDS:
        links.insert(0, (_changes_title(site, term), FEED_TYPES["atom"], addresses.changes_feed(term.url)))
    if term is not None and term.kind in TERM_FEED_KINDS:
        links.insert(0, (_term_title(term, site), FEED_TYPES["atom"], addresses.term_feed(term.url)))
    return links


def _changes_title(site: SiteInfo, term: Term | None = None) -> str:
    """The title of a feed of status changes: the site's, or a company's or story's."""
    title = f"{site.name}: status changes"
    return f"{title}, {KINDS[term.kind][1].lower()} {term.name}" if term is not None else title


def _term_title(term: Term, site: SiteInfo) -> str:
    return f"{site.name}: {KINDS[term.kind][1]} {term.name}"


def content_text(b: Briefing) -> str:
    """The entry's text: the summary, the tracked claim, where it stands (with a history: since when)
    and the corrections; so that a reader of the feed sees why an entry was updated."""
    status = b.since and f"Status: {b.status} since {b.since.isoformat()}."  # a v1 briefing's entry stays as it was
    fixes = [f"Corrected on {c.date.isoformat()}: {c.text}" for c in b.front.corrections]
    return "\n\n".join(part for part in (b.summary_text, b.claim and f"Claim: {b.claim}", status, *fixes) if part)


def _generator(briefings: list[Briefing], entries: _Entries, site: SiteInfo, title: str) -> FeedGenerator:
    fg = _feed(site, title, site.description or title, last_modified(briefings))
    fg.load_extension("dc", atom=False, rss=True)  # the dc namespace on the feed; entries load their own
    for b in briefings:
        fg.add_entry(entries[b], order="append")
    return fg


def _feed(site: SiteInfo, title: str, description: str, updated) -> FeedGenerator:
    """A feed's own fields, as every feed of the site sets them."""
    fg = FeedGenerator()
    fg.title(clean(title))
    fg.description(clean(description))  # RSS requires one; Atom calls it subtitle
    fg.language(site.language)
    fg.generator("Autobrief")
    fg.author({"name": clean(site.publisher)})  # Atom wants a feed author when entries may lack one (an empty feed)
    fg.updated(updated)  # from the entries: feedgen would stamp now()
    return fg


class _Entries(dict):
    """One feed entry per briefing, built on first use and shared by every feed that lists it.

    Building entries is most of a feed's cost, and a briefing appears in the
    feed of each of its companies, regions, tags, outlets and story.
    """

    def __init__(self, index: Index, site: SiteInfo):
        super().__init__()
        self.index, self.site = index, site

    def __missing__(self, b: Briefing) -> FeedEntry:
        entry = self[b] = _entry(b, self.index, self.site)
        return entry


def _linked_entry(url: str, title: str, published, updated, summary: str, *, guid: bool = False) -> FeedEntry:
    """An entry's own fields, as every feed of the site sets them: its id is its absolute URL (and, in
    an RSS feed, its permalink guid), its title plain text, its summary plain text sent escaped."""
    fe = FeedEntry()
    fe.id(url)
    if guid:
        fe.guid(url, permalink=True)
    fe.title(clean(title))
    fe.link(href=url, rel="alternate")
    fe.published(published)
    fe.updated(updated)
    fe.summary(escape(clean(summary)), type="html")
    return fe


def _entry(b: Briefing, index: Index, site: SiteInfo) -> FeedEntry:
    fe = _linked_entry(site.absolute(b.url), b.title, b.published, b.modified, b.summary_text, guid=True)
    # RSS <author> must be an e-mail address: names go in dc:creator.
    fe.register_extension("dc", DcEntryExtension, atom=False, rss=True)
    fe.content("".join(f"<p>{escape(clean(p))}</p>" for p in content_text(b).split("\n\n")), type="html")
    authors = _authors(b, index, site) or [{"name": clean(site.publisher)}]
    fe.author(authors)
    fe.dc.dc_creator([a["name"] for a in authors])
    categories = [(t.name, t.kind) for t in terms_of(b, index)] + [(b.status, "status")]
    fe.category([{"term": clean(name), "scheme": site.absolute(addresses.terms(kind))} for name, kind in categories])
    return fe


def _authors(b: Briefing, index: Index, site: SiteInfo) -> list[dict]:
    """The briefing's authors as the registry names them, each with their author page (Atom's uri)."""
    found = []
    for name in b.authors:
        term = index.term("author", name)
        found.append({"name": clean(term.called(name)), "uri": site.absolute(term.url)} if term else {"name": clean(name)})
    return found


def terms_of(b: Briefing, index: Index) -> list[Term]:
    """The briefing's companies, regions and tags as index terms: "Ford" and "FORD" are one, named as everywhere."""
    terms = (index.term(kind, name) for field, kind in CATEGORY_KINDS.items() for name in getattr(b, field))
    return list(dict.fromkeys(terms))


def _render(fg: FeedGenerator, site: SiteInfo, page: str, path: str) -> bytes:
    """The feed as published at ``path`` (its id and rel=self), linking to the HTML ``page``."""
    fmt = "rss" if path in (FEED_PATHS["rss"], addresses.DIGEST_FEEDS["rss"]) else "atom"
    fg.id(site.absolute(path))
    # feedgen's RSS <link> is the last link given: the page, not the feed.
    fg.link([{"href": site.absolute(path), "rel": "self", "type": FEED_TYPES[fmt]},
             {"href": site.absolute(page), "rel": "alternate", "type": "text/html"}], replace=True)
    return fg.rss_str(pretty=True) if fmt == "rss" else fg.atom_str(pretty=True)


def json_feed(briefings: list[Briefing], index: Index, site: SiteInfo) -> bytes:
    """JSON Feed 1.1; what the format has no field for goes in ``_autobrief`` (its extension rule)."""
    feed = {
        "version": JSON_FEED_VERSION,
        "title": site.name,
        "home_page_url": site.url,
        "feed_url": site.absolute(FEED_PATHS["json"]),
        **({"description": site.description} if site.description else {}),
        "language": site.language,
        "authors": [{"name": site.publisher}],
        "items": [_json_item(b, index, site) for b in briefings],
    }
    return (json.dumps(feed, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _json_item(b: Briefing, index: Index, site: SiteInfo) -> dict:
    url = site.absolute(b.url)
    return {
        "id": url,
        "url": url,
        "title": b.title,
        "summary": b.summary_text,
        "content_text": content_text(b),
        "date_published": b.published.isoformat(),
        "date_modified": b.modified.isoformat(),
        "authors": [{"name": a["name"], **({"url": a["uri"]} if "uri" in a else {})}
                    for a in _authors(b, index, site)] or [{"name": site.publisher}],
        "tags": [t.name for t in terms_of(b, index)],
        "language": site.language,
        "_autobrief": {
            "status": b.status,
            "claim": b.claim,
            "companies": b.companies,
            "regions": b.regions,
            "story": b.story,
            "sources": [s.model_dump(mode="json", exclude_none=True) for s in b.sources],
            "denials": [d.model_dump(mode="json", exclude_none=True) for d in b.denials],
            **{name: [entry.model_dump(mode="json", exclude_none=True) for entry in entries]
               for name, entries in (("history", b.front.history), ("corrections", b.front.corrections)) if entries},
        },
    }


def digest_feeds(index: Index, site: SiteInfo, content, cache: OutputCache | None = None) -> dict[str, bytes]:
    """The weekly digest as Atom (digest/atom.xml) and RSS (digest/feed.xml): an entry a week, newest
    first, whose content is ``content(week)``, HTML made to be sent as an email's body."""
    cache = cache or OutputCache()
    weeks = index.weeks[: site.feed_limit]
    key = (site, index.registry.digest, tuple(_week_key(w) for w in weeks))
    fg = None

    def feed(path: str) -> bytes:
        nonlocal fg
        if fg is None:
            fg = _feed(site, f"{site.name}: weekly digest",
                       f"Each week's briefings, status moves, corrections and watch items: {site.description or site.name}",
                       max((w.updated for w in weeks), default=last_modified([])))
            for week in weeks:
                fg.add_entry(_week_entry(week, site, content(week)), order="append")
        return _render(fg, site, addresses.DIGEST, path)

    return {path: cache.get(path, key, lambda path=path: feed(path)) for path in addresses.DIGEST_FEEDS.values()}


def _week_key(week) -> tuple:
    """What a week's entry shows: its briefings (by serial) and the claims' entries (by place)."""
    return (week.id, tuple(b.serial for b in week.new),
            *(tuple((x.briefing.serial, x.number) for x in part)
              for part in (week.moved, week.corrections, week.resolved, week.overdue)))


def _week_entry(week, site: SiteInfo, html: str) -> FeedEntry:
    fe = _linked_entry(site.absolute(week.url), week.label, week.updated, week.updated, week.summary, guid=True)
    fe.content(clean(html), type="html")
    return fe
