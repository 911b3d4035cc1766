"""The open dataset: every published briefing's front matter as one JSON file.

Each record is the front matter exactly as the model dumps it, with every
field present (null or [] when not given) so that records share one shape,
plus where the briefing lives: ``url`` (absolute) and ``path`` (site-relative).
The front matter's own ``slug`` stays as written (null when the file name gave
it); ``path`` carries the slug the site uses. A record minus url and path
validates against the published JSON Schema.
"""

from __future__ import annotations

import json

from . import addresses
from .indexes import Index
from .site import OutputCache, SiteInfo, last_modified

DATASET_FORMAT = "autobrief-briefings"
DATASET_VERSION = 1
DATASET_PATH = addresses.DATASET


def dataset(index: Index, site: SiteInfo, cache: OutputCache | None = None,
            schema_url: str = "schema/briefing.json") -> bytes:
    """The dataset, newest briefing first; the same briefings always give the same bytes."""
    if cache is not None:
        key = (site, schema_url, tuple(b.serial for b in index.briefings))
        return cache.get(DATASET_PATH, key, lambda: dataset(index, site, schema_url=schema_url))
    records = [
        {"url": site.absolute(b.url), "path": b.url, **b.front.model_dump(mode="json")}
        for b in index.briefings
    ]
    doc = {
        "version": DATASET_VERSION,
        "format": DATASET_FORMAT,
        "schema": site.absolute(schema_url),
        "generated": last_modified(index.briefings).isoformat(),
        "site": site.url,
        "count": len(records),
        "briefings": records,
    }
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
