"""Every file the site publishes beside its pages, made from the front matter alone.

One list for every engine: the MkDocs plugin adds these files to its build, and
`autobrief export` writes them as static files of a plain project.
"""

from __future__ import annotations

from typing import Callable

from . import addresses
from .dataset import dataset
from .digest import Week
from .feeds import change_feeds, digest_feeds, site_feeds, term_feeds
from .indexes import Index
from .measures import measures_files
from .site import OutputCache, SiteInfo, build_moment
from .sitemap import news_sitemap, robots_txt


def published_files(index: Index, site: SiteInfo, week_html: Callable[[Week], str], cache: OutputCache | None = None,
                    robots: str | None = None) -> dict[str, bytes]:
    """Site-relative path -> bytes: the feeds, the dataset, the measures, the digest's feeds, the news
    sitemap (when a briefing is recent enough) and robots.txt (``robots``: the desk's own, if any).
    ``week_html`` makes a digest week's email-ready HTML."""
    cache = cache or OutputCache()
    files = {**site_feeds(index, site, cache), **term_feeds(index, site, cache), **change_feeds(index, site, cache),
             addresses.DATASET: dataset(index, site, cache), **measures_files(index, site.url, cache),
             **digest_feeds(index, site, week_html, cache)}
    news = news_sitemap(index, site, build_moment())
    if news is not None:
        files[addresses.NEWS_SITEMAP] = news
    files[addresses.ROBOTS] = robots_txt(site, robots, news is not None)
    return files
