"""Google's news sitemap, and the robots.txt that points crawlers at both sitemaps.

The news sitemap lists the briefings published in the two days before the
build (SOURCE_DATE_EPOCH, else now), at most 1,000, newest first: the format's
own limits. With none, there is no news sitemap (its schema wants at least one
<url>), and robots.txt names only MkDocs' sitemap.xml.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from xml.etree import ElementTree as ET

from . import addresses
from .indexes import Index
from .site import SiteInfo, clean

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
WINDOW = timedelta(days=2)
LIMIT = 1000


def recent(index: Index, moment: datetime) -> list:
    """The briefings published in the two days up to ``moment`` (none dated after it), newest first."""
    found = []
    for b in index.briefings:  # newest first: stop at the first one too old
        if b.published > moment:
            continue
        if b.published <= moment - WINDOW:
            break
        found.append(b)
        if len(found) == LIMIT:
            break
    return found


def news_language(language: str) -> str:
    """The site's language as the format spells it: an ISO 639 code, or zh-cn / zh-tw."""
    code = language.lower().replace("_", "-")
    if code in ("zh-cn", "zh-tw"):
        return code
    if code in ("zh-hans", "zh-sg"):
        return "zh-cn"
    if code in ("zh-hant", "zh-hk", "zh-mo"):
        return "zh-tw"
    return code.split("-")[0]


def news_sitemap(index: Index, site: SiteInfo, moment: datetime) -> bytes | None:
    briefings = recent(index, moment)
    if not briefings:
        return None
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("news", NEWS_NS)
    urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for b in briefings:
        url = ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = site.absolute(b.url)
        news = ET.SubElement(url, f"{{{NEWS_NS}}}news")
        publication = ET.SubElement(news, f"{{{NEWS_NS}}}publication")
        ET.SubElement(publication, f"{{{NEWS_NS}}}name").text = clean(site.name)
        ET.SubElement(publication, f"{{{NEWS_NS}}}language").text = news_language(site.language)
        ET.SubElement(news, f"{{{NEWS_NS}}}publication_date").text = b.published.isoformat()
        ET.SubElement(news, f"{{{NEWS_NS}}}title").text = clean(b.title)
    ET.indent(urlset)
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"


def robots_txt(site: SiteInfo, written: str | None = None, news: bool = False) -> bytes:
    """robots.txt: the desk's own (docs/robots.txt) or one allowing everything, naming the sitemaps it lacks."""
    text = written if written is not None else "User-agent: *\nAllow: /\n"
    if text and not text.endswith("\n"):
        text += "\n"
    named = {line.split(":", 1)[1].strip() for line in text.splitlines() if line.lower().startswith("sitemap:")}
    for path in (addresses.SITEMAP, *([addresses.NEWS_SITEMAP] if news else [])):
        if site.absolute(path) not in named:
            text += f"Sitemap: {site.absolute(path)}\n"
    return text.encode("utf-8")
