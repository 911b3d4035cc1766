"""The open dataset: every published briefing's front matter as one JSON file.

Each record is the front matter exactly as the model dumps it, with every
field present (null or [] when not given) so that records share one shape,
plus where the briefing lives: ``url`` (absolute) and ``path`` (site-relative), and who it
names as the site resolves them (v1.1): ``entities``, the key (its page's slug) and name of each
company, outlet, author and story. The registry itself is published beside the records.
The front matter's own ``slug`` stays as written (null when the file name gave
it); ``path`` carries the slug the site uses. A record minus url and path
validates against the published JSON Schema.
"""

from __future__ import annotations

import json

from . import addresses
from .briefing import Briefing
from .indexes import Index
from .registry import FILES, MODELS
from .site import OutputCache, SiteInfo, last_modified

DATASET_FORMAT = "autobrief-briefings"
DATASET_VERSION = 1  # entities and registry (v1.1) are additions: a v1 reader reads it as before
ENTITY_FIELDS = {"companies": "company", "sources": "source", "authors": "author"}
DATASET_PATH = addresses.DATASET


def dataset(index: Index, site: SiteInfo, cache: OutputCache | None = None,
            schema_url: str = "schema/briefing.json") -> bytes:
    """The dataset, newest briefing first; the same briefings always give the same bytes."""
    if cache is not None:
        key = (site, schema_url, index.registry.digest, tuple(b.serial for b in index.briefings))
        return cache.get(DATASET_PATH, key, lambda: dataset(index, site, schema_url=schema_url))
    doc = {
        "version": DATASET_VERSION,
        "format": DATASET_FORMAT,
        "schema": site.absolute(schema_url),
        "generated": last_modified(index.briefings).isoformat(),
        "site": site.url,
        "count": len(index.briefings),
        "registry": registry(index),
        "briefings": [],
    }
    # The bytes json.dumps(doc, indent=2) gives with the records in "briefings", written one record
    # at a time: one string of the whole dataset (55 MB at 10,000 briefings) was the build's peak.
    text = json.dumps(doc, ensure_ascii=False, indent=2)
    if not index.briefings:
        return (text + "\n").encode("utf-8")
    assert text.endswith('"briefings": []\n}')
    parts = [text[:-len("[]\n}")].encode("utf-8"), b"[\n"]
    for n, b in enumerate(index.briefings):
        record = {"url": site.absolute(b.url), "path": b.url, "entities": entities(b, index),
                  **b.front.model_dump(mode="json")}
        # A record sits two levels deep; no JSON string holds a raw newline, so lines indent alone.
        lines = json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n    ")
        parts.append(("    " + lines + (",\n" if n < len(index.briefings) - 1 else "\n")).encode("utf-8"))
    parts.append(b"  ]\n}\n")
    return b"".join(parts)


def entities(b: Briefing, index: Index) -> dict:
    """Who the briefing names, resolved: {"companies": [{"key", "name"}], "sources": [...] (names and
    vias, once each), "authors": [...], "story": {"key", "title"} or null}."""
    def resolved(kind: str, names) -> list[dict]:
        terms = dict.fromkeys(index.term(kind, n) for n in names)
        return [{"key": t.slug, "name": t.name} for t in terms if t is not None]

    story = index.term("story", b.story) if b.story else None
    return {
        "companies": resolved("company", b.companies),
        "sources": resolved("source", [n for s in b.sources for n in (s.name, s.via) if n]),
        "authors": resolved("author", b.authors),
        "story": {"key": story.slug, "title": story.heading} if story else None,
    }


def registry(index: Index) -> dict:
    """Every registry entry by file and key, with every field the contract names (null or [] when not given)."""
    return {
        name.removesuffix(".yml"): {key: _fields(entry) for key, entry in index.registry.entries[kind].items()}
        for kind, name in FILES.items()
    }


def _fields(entry) -> dict:
    return {f: getattr(entry, f) for f in MODELS[entry.kind].model_fields}
