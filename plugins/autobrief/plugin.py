"""The MkDocs adapter: thin event hooks over the engine-free core.

on_files   reads and validates every briefing (once) and adds a page for each;
on_nav     keeps briefing pages out of the sidebar (a page per briefing in the
           navigation makes every page carry the whole list);
on_page_*  wraps each briefing's body in its header and sources, and puts the
           latest briefings on the home page.
"""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from .config import BriefingsConfig
from .core.briefing import Briefing
from .core.corpus import Cache, Corpus, load_corpus
from .core.errors import BriefingError
from .core.indexes import Index
from .core.dataset import DATASET_PATH, dataset
from .core.feeds import feed_links, site_feeds, term_feeds
from .core.preview import error_pages
from .core.site import OutputCache, SiteInfo
from .core.structured import briefing_jsonld, jsonld_script, meta_tags
from .render import relative, render_briefing_foot, render_briefing_head, render_errors
from .render.reference import reference_tables
from .render.views import View, home_view, plan, render_home
from .incremental import Incremental, ViewKeys, briefing_parts, fingerprint, neighbour_parts
from .logs import terminal_logger
from .stamp import TEMPLATES_DIR, Stamper
from .search import Search, facets_of  # search: Pagefind, the search page and the header box (search.py)

log = logging.getLogger("mkdocs.plugins.briefings")
# Under `mkdocs serve`, briefing errors go to the terminal and the page shows them.
preview_log = terminal_logger("autobrief.preview", "ERROR")

CSS_URI = "assets/autobrief/autobrief.css"
HOME_MARKER = "<!-- briefings:latest -->"
REFERENCE_MARKER = "<!-- briefings:reference -->"  # the writers' field reference, from the schema


class BriefingsPlugin(BasePlugin[BriefingsConfig]):
    def __init__(self):
        super().__init__()
        self.serving = False
        self.cache = Cache()  # survives rebuilds of `mkdocs serve`
        self.corpus = Corpus()
        self.index = Index([])
        self.by_src: dict[str, Briefing] = {}
        self.views: dict[str, View] = {}
        self.broken: dict[str, list[BriefingError]] = {}  # src_uri -> errors (live preview only)
        self.stamper = Stamper()
        self.incremental = Incremental()  # fingerprints for `mkdocs serve --dirty`
        self.dirty = False
        self.extras: dict[str, tuple] = {}  # briefing path -> (older, newer, related)
        self.search = Search()  # search
        self.outputs = OutputCache()  # feeds and the dataset, kept across rebuilds of `mkdocs serve`
        self.home_html = None  # rendered once in on_files when its fingerprint needs it
        self.to_write = -1

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig):
        if not config.use_directory_urls:
            raise PluginError("briefings: briefing URLs are directories (briefings/YYYY/MM/slug/): set use_directory_urls: true")
        self.project_dir = Path(config.config_file_path or ".").resolve().parent
        self.root = (self.project_dir / self.config.folder).resolve()
        docs_dir = Path(config.docs_dir).resolve()
        if self.root == docs_dir or docs_dir in self.root.parents:
            raise PluginError(f"briefings: the folder '{self.config.folder}' must be outside docs_dir")
        if not config.site_url:
            raise PluginError("briefings: set site_url in mkdocs.yml: feeds, structured data and the dataset need absolute URLs")
        self.site = SiteInfo(
            name=config.site_name, url=config.site_url, description=config.site_description or "",
            language=config.theme.get("language") or "en", feed_limit=self.config.feed_limit,
            claim_review=self.config.claim_review,
        )
        if TEMPLATES_DIR not in config.theme.dirs:
            config.theme.dirs.append(TEMPLATES_DIR)  # last: it only adds autobrief-stamp.html
        if CSS_URI not in config.extra_css:
            config.extra_css.append(CSS_URI)
        if self.serving:
            config.watch.append(str(self.root))
        self.search.configure(config, serving=self.serving)  # search: its CSS and JS, unless Material's search is on
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig):
        drafts = self.config.drafts if self.config.drafts is not None else self.serving
        self.corpus = load_corpus(self.root, base=self.project_dir, include_drafts=drafts, cache=self.cache)
        if self.corpus.errors and not self.serving:
            for error in self.corpus.errors:
                log.error(str(error))
            files_with_errors = len({e.path for e in self.corpus.errors})
            raise PluginError(
                f"{len(self.corpus.errors)} error(s) in {files_with_errors} briefing file(s); nothing was published"
            )
        for error in self.corpus.errors:
            preview_log.error(str(error))
        self.index = Index(self.corpus.briefings)
        self.by_src, self.views, self.broken, self.extras = {}, {}, {}, {}
        self.to_write = len(self.corpus.briefings) or -1  # briefing pages still to be written
        self.incremental.start()
        mark = self.incremental.mark
        for briefing in self.corpus.briefings:
            src_uri = briefing.url.rstrip("/") + ".md"
            # A body that opens with `---` must not be read as MkDocs meta-data.
            body = "\n" + briefing.body if briefing.body.startswith("---") else briefing.body
            file = self._add(files, config, src_uri, body, briefing.path)
            self.by_src[src_uri] = briefing
            older, newer = self.index.story_neighbours(briefing)
            self.extras[briefing.path] = extras = (older, newer, self.index.related(briefing))
            if self.dirty:
                shown = (briefing_parts(briefing), neighbour_parts([older, newer, *extras[2]]),
                         facets_of(briefing, self.index))  # the search block spells names as the index does
                mark(file, fingerprint(*shown))
        taken = {b.url for b in self.corpus.briefings}
        for url, errors in error_pages(self.corpus.errors, self.config.folder, taken).items():
            src_uri = url.rstrip("/") + ".md"
            if files.get_file_from_path(src_uri) is None:
                file = self._add(files, config, src_uri, "", errors[0].path)
                self.broken[src_uri] = errors
                if self.dirty:
                    mark(file, fingerprint(errors))
        keys = ViewKeys(self.index) if self.dirty else None
        for view in plan(self.index, self.config.per_page, self.site):
            file = self._add(files, config, view.src_uri, "", "generated page")
            self.views[view.src_uri] = view
            if keys:
                mark(file, keys.view(view))
        home = files.get_file_from_path("index.md")
        self.home_html = None
        if self.dirty and home is not None:
            self.home_html = render_home(home_view(self.index, self.config.home_latest, self.site))
            mark(home, fingerprint(self.home_html, self.corpus.errors, home.content_bytes))
        css = resources.files("autobrief").joinpath("assets/autobrief.css").read_bytes()
        files.append(File.generated(config, CSS_URI, content=css))
        # Feeds and the dataset come from the front matter alone: static files of the build.
        outputs = {**site_feeds(self.index, self.site, self.outputs), **term_feeds(self.index, self.site, self.outputs),
                   DATASET_PATH: dataset(self.index, self.site, self.outputs)}
        self.outputs.keep_only(outputs)
        for path, data in outputs.items():
            self._add(files, config, path, data, "generated file")
        self.search.add_files(files, config)  # search: search.js, search.css and the search page
        return files

    def _add(self, files: Files, config: MkDocsConfig, src_uri: str, content: str | bytes, origin: str) -> File:
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(f"{origin}: /{src_uri} is also a page in docs_dir: rename one of them")
        # Out of the navigation by default; mkdocs.yml may still list index pages in `nav`.
        file = File.generated(config, src_uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
        files.append(file)
        return file

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files):
        nav.items = _without(nav.items, self.by_src)
        nav.pages = [p for p in nav.pages if p.file.src_uri not in self.by_src]
        self.stamper.reset(nav)
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files):
        briefing = self.by_src.get(page.file.src_uri)
        if briefing:
            # MkDocs' templates print these unescaped: hand them over already escaped.
            page.meta["title"] = escape(briefing.title)
            if briefing.summary_text:
                page.meta["description"] = escape(briefing.summary_text)
            # The sitemap's lastmod: from the front matter, never the build date. (MkDocs stamps
            # sitemap.xml.gz with the newest one as a 32-bit time: past 2106 it cannot.)
            if briefing.modified.year < 2106:
                page.update_date = briefing.modified.date().isoformat()
        if page.file.src_uri in self.broken:
            page.meta["title"] = escape(f"Errors in {self.broken[page.file.src_uri][0].path}")
        view = self.views.get(page.file.src_uri)
        if view:
            page.meta["search"] = {"exclude": True}  # results are briefings, not listings
            if self.config.stamp_listings:
                self.stamper.prepare(page, view.title, view.description)
            else:
                page.meta["title"], page.meta["description"] = escape(view.title), escape(view.description)
        return markdown

    @event_priority(-50)  # after other plugins have had the body
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files):
        briefing = self.by_src.get(page.file.src_uri)
        if briefing:
            url = page.url
            month = f"archive/{briefing.date.year:04d}/{briefing.date.month:02d}/"
            crumbs = [("Home", ""), ("Archive", "archive/"), (str(briefing.date.year), month[:-3]),
                      (f"{briefing.date:%B}", month), (briefing.title, None)]
            head = render_briefing_head(briefing, url, draft=briefing.front.draft, crumbs=crumbs)
            older, newer, related = self.extras[briefing.path]
            foot = render_briefing_foot(briefing, url, self._page_of, older=older, newer=newer, related=related)
            page.toc.items.extend(
                AnchorLink(title, anchor, 2)
                for title, anchor, present in (
                    ("Sources", "sources", True),
                    ("Denials", "denials", briefing.denials),
                    ("What to watch", "watch", briefing.watch),
                    ("About", "about", briefing.companies or briefing.regions or briefing.tags or briefing.story),
                    ("In this story", "story", older or newer),
                    ("Related briefings", "related", related),
                )
                if present
            )
            # search: data-pagefind-body and the hidden Pagefind filters, metadata and sort
            pagefind = self.search.briefing(briefing, self.index)
            return f'<article class="ab-briefing"{self.search.body}>{head}<div class="ab-body">{html}</div>{foot}{pagefind}</article>'
        view = self.views.get(page.file.src_uri)
        if view:
            # Rendered when the page is written (on_post_page), so 5,000 listings are not all held at once.
            return self.stamper.content() if self.config.stamp_listings else view.render(page.url)
        if page.file.src_uri in self.broken:
            errors = self.broken[page.file.src_uri]
            return render_errors(errors, heading=f"{errors[0].path} has errors")
        if REFERENCE_MARKER in html:
            html = html.replace(REFERENCE_MARKER, reference_tables())
        if page.is_homepage:
            home = self.home_html or render_home(home_view(self.index, self.config.home_latest, self.site))
            if self.corpus.errors:  # live preview only: a build has stopped already
                home = render_errors(self.corpus.errors, heading="Some briefings have errors") + home
            return html.replace(HOME_MARKER, home) if HOME_MARKER in html else html + home
        return html

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav: Navigation):
        # MkDocs writes pages one by one, briefings before listings: once this many have
        # passed on_post_page and another page comes, every briefing page is on disk.
        if self.to_write == 0 and page.file.src_uri not in self.by_src:
            self.to_write = -1
            self.search.pages_written(config)  # search: Pagefind starts while the listings are built
        return context

    def on_build_error(self, *, error: Exception):
        self.search.abort()

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig):
        if page.file.src_uri in self.by_src and self.to_write > 0:
            self.to_write -= 1
        view = self.views.get(page.file.src_uri)
        if view and self.config.stamp_listings:
            output = self.stamper.stamp(output, page, view.title, view.description, view.render(page.url))
        # Material's search dialog has no accessible name (axe: aria-dialog-name).
        output = output.replace(SEARCH_DIALOG, SEARCH_DIALOG + ' aria-label="Search"', 1)
        output = self.search.post_page(output, page.url)  # search: the header's search box
        head = self._head(page)
        return output.replace("</head>", head + "</head>", 1) if head else output

    # search: the header box on the 404 page, and the Pagefind index after every build and rebuild
    def on_post_template(self, output: str, *, template_name: str, config: MkDocsConfig):
        return self.search.post_template(output, template_name, config)

    def on_post_build(self, *, config: MkDocsConfig):
        if self.dirty:
            total = len(self.incremental.current)
            removed = self.incremental.finish(site_dir=config.site_dir)
            log.info(f"briefings: rebuilt {self.incremental.changed} of {total} pages, removed {len(removed)}")
        self.search.post_build(self.index, config)

    def _head(self, page: Page) -> str:
        """Feed autodiscovery on every page; JSON-LD and sharing tags on briefings."""
        view = self.views.get(page.file.src_uri)
        term = view.data.get("term") if view else None
        links = "".join(
            # rel="alternate " (one token, "alternate", as feed readers read it) rather than
            # rel="alternate": Material's script fetches the site's sitemap.xml for every
            # link[rel=alternate] (an exact match), 390 kB at 10,000 briefings, on every page.
            f'<link rel="alternate " type="{kind}" title="{escape(title)}" href="{escape(relative(page.url, href))}">'
            for title, kind, href in feed_links(self.site, term)
        )
        briefing = self.by_src.get(page.file.src_uri)
        if briefing is None:
            return links
        return links + meta_tags(briefing, self.site) + jsonld_script(briefing_jsonld(briefing, self.index, self.site))

    def _page_of(self, kind: str, name: str) -> str | None:
        term = self.index.term(kind, name)
        return term.url if term else None


SEARCH_DIALOG = 'data-md-component="search" role="dialog"'


def _without(items: list, hidden: dict) -> list:
    """Nav items minus briefing pages, dropping sections left empty."""
    kept = []
    for item in items:
        if isinstance(item, Section):
            item.children = _without(item.children, hidden)
            if not item.children:
                continue
        elif getattr(item, "file", None) is not None and item.file.src_uri in hidden:
            continue
        kept.append(item)
    return kept


__all__ = ["BriefingsPlugin", "Markup"]
