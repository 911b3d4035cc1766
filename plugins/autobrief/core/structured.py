"""Structured data for a briefing page: one schema.org JSON-LD graph, Open Graph and Twitter tags.

Data only: render.head writes it as HTML (the <script> element and the <meta> tags).

Modelling choices (schema.org has no "denies" property):

* The page is a ``NewsArticle``; each source is a ``CreativeWork`` in
  ``citation`` whose ``isBasedOn`` points at the report it cites (``via``), so
  "Reuters, citing the FT" reads as Reuters' report based on the FT's.
* The tracked claim is a ``Claim``: ``firstAppearance`` is the first source
  that cites nobody (else the first source), ``appearance`` the others.
* Each denial is a ``Claim`` authored by the denying party, ``about`` the
  tracked claim (or the article when the briefing names no claim).
* Times are ISO 8601 with their offset; a bare date is 00:00 UTC, as
  everywhere else on the site (Google asks for a time zone).
* Each correction is a ``CorrectionComment`` in the article's ``correction``;
  ``dateModified`` follows ``updated``, else the latest history step or correction.
* Companies, outlets and authors are named as the registry names them (v1.1), with
  ``sameAs`` their Wikidata item (https://www.wikidata.org/wiki/Q…) and website, ``leiCode``,
  ``address.addressCountry`` and ``parentOrganization``; an author is a ``Person`` whose
  ``url`` is their author page.
* ``@id``s are the page URL plus #article, #claim, #source-N, #denial-N, #correction-N, #review.
"""

from __future__ import annotations

from datetime import date

from .briefing import Briefing
from .claims import correction_id
from .indexes import Index
from .model import Source, instant
from .site import SiteInfo

HEADLINE_LIMIT = 110  # Google's advice for Article headlines


def briefing_jsonld(b: Briefing, index: Index, site: SiteInfo) -> dict:
    page = site.absolute(b.url)
    publisher = {"@type": "Organization", "@id": site.url + "#publisher", "name": site.publisher, "url": site.url}
    companies = [_org(name, index, site) for name in b.companies]
    sources = {id(s): f"{page}#source-{i}" for i, s in enumerate(b.sources, 1)}
    article = _compact({
        "@type": "NewsArticle",
        "@id": page + "#article",
        "headline": headline(b.title),
        "description": b.summary_text,
        "url": page,
        "mainEntityOfPage": page,
        "inLanguage": site.language,
        "datePublished": b.published.isoformat(),
        "dateModified": b.modified.isoformat(),
        "author": [_person(a, index, site) for a in b.authors] or [publisher],
        "publisher": publisher,
        "about": companies,
        "mentions": [_place(name, index, site) for name in b.regions],
        "keywords": b.tags,
        "citation": [_source(s, b, sources, index, site) for s in b.sources],
        # What the desk corrected (v1.1), as schema.org and Google read corrections.
        "correction": [{"@type": "CorrectionComment", "@id": f"{page}#{correction_id(n)}", "text": c.text,
                        "datePublished": _iso(c.date)} for n, c in enumerate(b.front.corrections, 1)],
    })
    graph = [article]
    target = article["@id"]
    if b.claim:
        first = next((s for s in b.sources if not s.via), b.sources[0])
        target = page + "#claim"
        graph.append(_compact({
            "@type": "Claim",
            "@id": target,
            "text": b.claim,
            "firstAppearance": {"@id": sources[id(first)]},
            "appearance": [{"@id": sources[id(s)]} for s in b.sources if s is not first],
            "about": companies,
        }))
    for i, d in enumerate(b.denials, 1):
        graph.append(_compact({
            "@type": "Claim",
            "@id": f"{page}#denial-{i}",
            "text": d.statement,
            "author": _org(d.party, index, site),
            "datePublished": _iso(d.date),
            "url": d.url,
            "about": {"@id": target},
        }))
    if site.claim_review:
        graph.append(_compact({
            "@type": "ClaimReview",
            "@id": page + "#review",
            "url": page,
            "claimReviewed": b.claim or b.title,
            "itemReviewed": {"@id": target} if b.claim else None,
            "author": publisher,
            "datePublished": b.published.isoformat(),
            "reviewRating": {"@type": "Rating", "alternateName": b.status},
        }))
    return {"@context": "https://schema.org", "@graph": graph}


def headline(title: str) -> str:
    return title if len(title) <= HEADLINE_LIMIT else title[: HEADLINE_LIMIT - 1].rstrip() + "…"


def _iso(value: date | None) -> str | None:
    return instant(value).isoformat() if value else None


def _compact(node: dict) -> dict:
    """The node without its absent values: schema.org has no use for null or []."""
    return {k: v for k, v in node.items() if v is not None and v != []}


def _org(name: str, index: Index, site: SiteInfo, kind: str = "company") -> dict:
    """An organisation (a company, or with ``kind`` "source" an outlet), with the URL of its page
    when the site has one, and who it is by the registry: Wikidata, LEI, country, parent (v1.1)."""
    term = index.term(kind, name)
    entry = term.entry if term else None
    node = {"@type": "Organization", "name": term.called(name) if term else name,
            "url": site.absolute(term.url) if term else None}
    if entry is not None:
        node.update(_identity(entry))
        node["leiCode"] = entry.lei
        node["address"] = {"@type": "PostalAddress", "addressCountry": entry.country} if entry.country else None
        parent = index.registry.entry("company", entry.parent) if entry.parent else None
        if parent is not None:
            page = index.terms["company"].get(parent.key)
            node["parentOrganization"] = _compact({"@type": "Organization", "name": page.name if page else (parent.name or parent.key),
                                                   "url": site.absolute(page.url) if page else None, **_identity(parent)})
    return _compact(node)


def _identity(entry) -> dict:
    """sameAs: the entry's Wikidata item, then its own website."""
    same = [u for u in (entry.wikidata_url, entry.website) if u]
    return {"sameAs": same or None, "description": entry.description}


def _person(name: str, index: Index, site: SiteInfo) -> dict:
    """An author, with their author page and (from the registry) their own page."""
    term = index.term("author", name)
    entry = term.entry if term else None
    return _compact({"@type": "Person", "name": term.called(name) if term else name,
                     "url": site.absolute(term.url) if term else None,
                     "sameAs": [entry.url] if entry is not None and entry.url else None,
                     "description": entry.description if entry is not None else None})


def _place(name: str, index: Index, site: SiteInfo) -> dict:
    term = index.term("region", name)
    return _compact({"@type": "Place", "name": name, "url": site.absolute(term.url) if term else None})


def _source(s: Source, b: Briefing, ids: dict[int, str], index: Index, site: SiteInfo) -> dict:
    outlet = _org(s.name, index, site, "source")
    node = {
        "@type": "CreativeWork",
        "@id": ids[id(s)],
        "headline": s.title,
        "url": s.url,
        "datePublished": _iso(s.date),
        "author": outlet,
        "publisher": outlet,
    }
    if s.via:
        cited = index.citing(b, s)
        via = _org(s.via, index, site, "source")
        node["isBasedOn"] = {"@id": ids[id(cited)]} if cited else {"@type": "CreativeWork", "author": via, "publisher": via}
    return _compact(node)


def social_meta(b: Briefing, site: SiteInfo) -> list[tuple[str, str, str]]:
    """(attribute, key, content) of the Open Graph and Twitter tags, unescaped."""
    title, description = b.title, b.summary_text
    return [
        ("property", "og:type", "article"),
        ("property", "og:title", title),
        ("property", "og:description", description),
        ("property", "og:url", site.absolute(b.url)),
        ("property", "og:site_name", site.name),
        ("property", "article:published_time", b.published.isoformat()),
        ("property", "article:modified_time", b.modified.isoformat()),
        *(("property", "article:tag", tag) for tag in b.tags),
        ("name", "twitter:card", "summary"),
        ("name", "twitter:title", title),
        ("name", "twitter:description", description),
    ]
