"""The MkDocs adapter: thin event hooks over the engine-free core.

on_files   reads and validates every briefing (once), plans every page the
           site makes (pages/) and adds a file for each;
on_nav     keeps briefing pages out of the sidebar (a page per briefing in the
           navigation makes every page carry the whole list);
on_page_*  hands each planned page to its renderer (render/), and puts the
           latest briefings on the home page;
search/    Pagefind, the search page and the header box, called from the hooks.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_build_date
from mkdocs.utils.meta import get_data

from . import ahead
from .buildcache import BuildCache, nav_paths, search_key, site_key
from .config import BriefingsConfig
from .converter import AVAILABLE as CONVERTER_AVAILABLE, SharedConverter
from .core import addresses
from .core.corpus import Cache, Corpus, display_path, load_corpus
from .core.markers import HOME_MARKER, REFERENCE_MARKER
from .core.names import unknown_names, written_names
from .core.registry import REGISTRY_FOLDER, Registry, load_registry
from .core.feeds import feed_links
from .core.indexes import Index
from .core.published import published_files
from .core.site import OutputCache, SiteInfo
from .core.structured import briefing_jsonld
from .render.head import jsonld_script, meta_tags
from .incremental import Incremental, Keys, digest, fingerprint
from .logs import terminal_logger
from .pages import BriefingPlan, ErrorPlan, ListingPlan, home_plan, plan_site
from .render import relative
from .render.embeds import Embeds
from .render.headings import fix_toc
from .render.pages import Renderer, errors, safe_briefing_body
from .render.reference import reference_tables
from .search import Search
from .stamp import TEMPLATES_DIR, Stamper

log = logging.getLogger("mkdocs.plugins.briefings")
# Under `mkdocs serve`, briefing errors go to the terminal and the page shows them.
preview_log = terminal_logger("autobrief.preview", "ERROR")

CSS_URI = addresses.asset("autobrief.css")
SORT_JS_URI = addresses.asset("sort.js")
# Material's search dialog has no accessible name (axe: aria-dialog-name).
SEARCH_DIALOG = 'data-md-component="search" role="dialog"'
# A briefing page's content until it is written: the article is made in on_post_page, so that
# MkDocs holds only each body (a third of the article) for every briefing at once. "<h1" in
# it keeps Material from adding a title of its own, as the article's would.
BRIEFING_SLOT = "<!--<h1 @@autobrief-briefing@@-->"


class BriefingsPlugin(BasePlugin[BriefingsConfig]):
    def __init__(self):
        super().__init__()
        self.serving = self.dirty = False
        self.cache = Cache()  # validated files, kept across rebuilds of `mkdocs serve`
        self.corpus = Corpus()
        self.registry = Registry()
        self.index = Index([])
        self.pages: dict[str, BriefingPlan | ListingPlan | ErrorPlan] = {}  # src_uri -> plan of every page we make
        self.clashes: list[str] = []  # live preview: pages left out because docs_dir has the same file
        self.renderer = Renderer()
        self.stamper = Stamper()
        self.converter = SharedConverter()  # one Markdown converter for every briefing page
        self.incremental = Incremental()  # fingerprints for `mkdocs serve --dirty`
        self.search = Search()
        self.outputs = OutputCache()  # feeds and the dataset, kept across rebuilds of `mkdocs serve`
        self.home_html = None  # rendered in on_files when its fingerprint needs it
        self.embeds = Embeds()  # briefings that markers in docs pages ask for
        self.marker_errors: list = []
        self.to_write: list[str] | None = None  # briefing pages this build writes, until Pagefind starts
        self.last_written: str | None = None  # the briefing page passed to MkDocs to write
        self.build_cache: BuildCache | None = None  # with cache_dir, in `mkdocs build`
        self.reused: dict[str, BriefingPlan | ListingPlan] = {}  # src_uri -> plan of a page taken from it
        self.files: Files | None = None
        self.bodies: dict[str, str] = {}  # src_uri -> a briefing's body, made safe, until its page is written
        self.spooled: Spool | None = None  # this build's generated files, until MkDocs has copied them
        self.ahead = ahead.Ahead()  # a forked copy rendering pages from the end of the build (ahead.py)
        self.converting = ahead.Ahead()  # one converting the briefings' Markdown, from the last, while MkDocs reads

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
        if self.root in docs_dir.parents:  # e.g. `folder: .`: every docs page would be read as a briefing
            raise PluginError(f"briefings: the folder '{self.config.folder}' holds docs_dir ({config.docs_dir}): "
                              "keep the briefings in a folder of their own beside it, e.g. folder: briefings")
        if self.config.cache_dir:  # MkDocs empties site_dir before a build, and reads docs_dir as pages
            cache = (self.project_dir / self.config.cache_dir).resolve()
            for name, folder in (("site_dir", Path(config.site_dir).resolve()), ("docs_dir", docs_dir)):
                if cache == folder or folder in cache.parents:
                    raise PluginError(f"briefings: cache_dir '{self.config.cache_dir}' is inside {name} ({folder}): "
                                      "keep it beside them, e.g. cache_dir: .cache/autobrief")
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
        given = self.config.registry
        self.registry_dir = (self.project_dir / given if given else self.root.parent / REGISTRY_FOLDER).resolve()
        if self.serving:
            config.watch.append(str(self.root))
            if self.registry_dir.is_dir():  # a save there rebuilds every page it touches
                config.watch.append(str(self.registry_dir))
        self.search.configure(config, serving=self.serving, shard_size=self.config.search_shard_size)  # its CSS and JS, unless Material's search is on
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig):
        drafts = self.config.drafts if self.config.drafts is not None else self.serving
        self.build_cache = self._build_cache(config)
        self.search.cache = self.build_cache
        if self.build_cache is not None:  # a build is one process: what the last one validated and made
            self.build_cache.restore("corpus", self.cache)
            self.build_cache.restore("outputs", self.outputs)
        self.corpus = load_corpus(self.root, base=self.project_dir, include_drafts=drafts, cache=self.cache)
        self.registry = load_registry(self.registry_dir, display_path(self.registry_dir, self.project_dir))
        if self.config.registry_closed:  # names in no registry are errors, as `autobrief check --closed` says
            found = [n for b in self.corpus.briefings for n in written_names(b)]
            self.registry.errors += unknown_names(found, self.registry, closed=True)[0]
        self.index = Index(self.corpus.briefings, registry=self.registry)
        docs = [(f.src_uri, display_path(Path(f.abs_src_path), self.project_dir), f.content_string)
                for f in files.documentation_pages() if f.generated_by is None and f.abs_src_path]
        self.marker_errors = self.embeds.scan(docs, self.index)
        self._report_errors()
        for warning in self.registry.unused_stories(self.index.terms["story"]):
            log.warning(str(warning))
        self.search.begin(self.index)
        self.renderer = Renderer(self.index.term, self.index.today, self.site.absolute)
        keys = Keys(self.index, self.search.facets_of) if self.dirty or self.build_cache else None
        rendered_always = nav_paths(config.nav)  # the navigation needs their Page objects
        self.incremental.start()
        self.pages, self.clashes, self.reused, self.files = {}, [], {}, files
        plans = plan_site(self.index, per_page=self.config.per_page, errors=self.corpus.errors, folder=self.config.folder)
        for src_uri, plan in plans.items():
            if isinstance(plan, ErrorPlan) and files.get_file_from_path(src_uri) is not None:
                continue  # a docs page is there: the terminal and the home page still show the errors
            dest_uri = addresses.output_file(plan.url)  # from the date and slug, not the file's place
            cached = None
            if self.build_cache is not None and src_uri not in rendered_always:
                cached = self.build_cache.page(src_uri, keys.of(plan), dest_uri)
            file = self._add(files, config, src_uri, *_content(plan), abs_src_path=cached)
            if file is None:
                continue
            file.dest_uri = dest_uri
            if cached is not None:
                self.build_cache.reuse(file)
                self.reused[src_uri] = plan
                continue
            self.pages[src_uri] = plan
            if self.dirty:
                self.incremental.mark(file, keys.of(plan))
        self.to_write = [f.dest_uri for f in files.documentation_pages() if isinstance(self.pages.get(f.src_uri), BriefingPlan)]
        self.last_written = None
        home = files.get_file_from_path("index.md")
        self.home_html = None
        if self.dirty and home is not None:
            self.home_html = self._home()
            self.incremental.mark(home, fingerprint(self.home_html, self.errors, self.clashes, home.content_bytes,
                                                    self.embeds.key(home.src_uri, self.index)))
        if self.dirty:  # a docs page with a marker is rebuilt when what it shows changes
            for src_uri in self.embeds.pages:
                page = files.get_file_from_path(src_uri)
                if page is not None and page is not home:
                    self.incremental.mark(page, fingerprint(page.content_bytes, self.embeds.key(src_uri, self.index)))
        assets = resources.files("autobrief").joinpath("assets")
        files.append(File.generated(config, CSS_URI, content=assets.joinpath("autobrief.css").read_bytes()))
        # the sources index's table sorting: loaded by that page alone
        files.append(File.generated(config, SORT_JS_URI, content=assets.joinpath("sort.js").read_bytes()))
        # Feeds, the dataset, the sitemaps come from the front matter alone: static files of the build.
        written = files.get_file_from_path(addresses.ROBOTS)  # the desk's own robots.txt, with the sitemaps added
        if written is not None:
            files.remove(written)
        # Kept for the next build only where there is one (a live preview, the build cache).
        kept = self.outputs if self.serving or self.build_cache is not None else OutputCache()
        outputs = published_files(self.index, self.site, self.renderer.digest_email, kept,
                                  written.content_string if written else None)
        kept.keep_only(outputs)
        spool = None if self.serving else self._spool()
        for path in list(outputs):
            data = outputs.pop(path)
            # A build copies them from a file rather than holding them all until it ends (80 MB of
            # dataset and feeds at 30,000 briefings); a live preview keeps them for the next rebuild.
            file = self._add(files, config, path, data, "generated file", abs_src_path=spool and spool.write(path, data))
            if self.dirty and file is not None:  # a feed that is gone (a company no longer named) is removed
                self.incremental.mark(file, digest(data))
        self.search.add_files(files, config)  # search.js, search.css and the search page
        return files

    def _build_cache(self, config: MkDocsConfig) -> BuildCache | None:
        """The build cache of `mkdocs build` when cache_dir is set (a live preview has its own)."""
        if not self.config.cache_dir or self.serving or self.dirty:
            return None
        folder = (self.project_dir / self.config.cache_dir).resolve()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            log.warning(f"briefings: no build cache: {folder} cannot be made ({exc})")
            return None
        return BuildCache(folder, site_key(config, self.config), search_key(config.theme.get("language") or "en"))

    @property
    def errors(self) -> list:
        """Every error of the briefings and of the registry files, in file order."""
        return sorted(self.corpus.errors + self.registry.errors + self.marker_errors)

    def _report_errors(self) -> None:
        """A build stops on any error; a live preview shows them and goes on."""
        found = self.errors
        if found and not self.serving:
            for error in found:
                log.error(str(error))
            files_with_errors = len({e.path for e in found})
            kind = " or ".join(["briefing"] + ["registry"] * bool(self.registry.errors) + ["docs"] * bool(self.marker_errors))
            raise PluginError(f"{len(found)} error(s) in {files_with_errors} {kind} file(s); nothing was published")
        for error in found:
            preview_log.error(str(error))

    def _spool(self) -> Spool:
        self._unspool()
        self.spooled = Spool()
        return self.spooled

    def _add(self, files: Files, config: MkDocsConfig, src_uri: str, content: str | Callable[[], str] | bytes,
             origin: str, abs_src_path: str | None = None) -> File | None:
        if files.get_file_from_path(src_uri) is not None:
            message = f"{origin}: /{src_uri} is also a page in docs_dir: rename one of them"
            if not self.serving:
                raise PluginError(message)
            # A live preview never stops on an error (a stopped rebuild leaves every request hanging).
            preview_log.error(message)
            self.clashes.append(message)
            return None
        # Out of the navigation by default; mkdocs.yml may still list index pages in `nav`.
        if abs_src_path is not None:  # a page from the build cache, or a spooled file: copied as it is
            file = File.generated(config, src_uri, abs_src_path=abs_src_path, inclusion=InclusionLevel.NOT_IN_NAV)
        elif callable(content):  # a planned page's source, made when MkDocs reads it
            file = PlannedFile.generated(config, src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
            file.source = content
        else:
            file = File.generated(config, src_uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
        files.append(file)
        return file

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files):
        briefings = {uri for uri, plan in self.pages.items() if isinstance(plan, BriefingPlan)}
        nav.items = _without(nav.items, briefings)
        nav.pages = [p for p in nav.pages if p.file.src_uri not in briefings]
        self.stamper.reset(nav)
        self.converter.start()
        self._convert_ahead(config, files)
        return nav

    def _convert_ahead(self, config: MkDocsConfig, files: Files) -> None:
        """Before MkDocs reads the pages: a forked copy converts the briefings' Markdown from the last back."""
        if (self.serving or not self.config.render_ahead or not (self.config.share_markdown and CONVERTER_AVAILABLE)
                or not ahead.possible()):
            return
        keys = [f.src_uri for f in files.documentation_pages() if isinstance(self.pages.get(f.src_uri), BriefingPlan)]
        if len(keys) < self.config.render_ahead:
            return

        def convert(src_uri: str):
            source = get_data(_source(self.pages[src_uri].briefing))[0]  # as Page.read_source leaves it
            return hash(source), *self.converter.convert(source, files.get_file_from_path(src_uri), config, files)

        if self.converting.start(keys, convert):
            self.converter.ready = self._converted

    def _converted(self, page: Page):
        """A page as the copy converted it, if its Markdown is what the copy converted (another plugin's
        on_page_markdown may have changed it). hash(): the copy is a fork, so a string hashes alike."""
        done = self.converting.take(page.file.src_uri, valid=lambda done: done[0] == hash(page.markdown))
        return done[1:] if done is not None else None

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files):
        plan = self.pages.get(page.file.src_uri)
        # MkDocs' templates print titles and descriptions unescaped: hand them over escaped.
        if isinstance(plan, BriefingPlan):
            page.meta["title"] = escape(plan.title)
            if plan.description:
                page.meta["description"] = escape(plan.description)
            # The sitemap's lastmod: from the front matter, never the build date. (MkDocs stamps
            # sitemap.xml.gz with the newest one as a 32-bit time: past 2106 it cannot.)
            if plan.briefing.modified.year < 2106:
                page.update_date = plan.briefing.modified.date().isoformat()
            if self.config.share_markdown and CONVERTER_AVAILABLE:
                self.converter.attach(page)
        elif isinstance(plan, ErrorPlan):
            page.meta["title"] = escape(plan.title)
        elif plan is None:
            markdown = self.embeds.mark(page.file.src_uri, markdown)
        elif isinstance(plan, ListingPlan):
            page.meta["search"] = {"exclude": True}  # results are briefings, not listings
            if self.config.stamp_listings:
                self.stamper.prepare(page, plan.title, plan.description)
                self.stamper.skip_markdown(page)
            else:
                page.meta["title"], page.meta["description"] = escape(plan.title), escape(plan.description)
        return markdown

    @event_priority(-50)  # after other plugins have had the body
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files):
        plan = self.pages.get(page.file.src_uri)
        if isinstance(plan, BriefingPlan):
            # Whatever HTML the body holds, it cannot break the page or take the page's own ids.
            html, renames = safe_briefing_body(plan, html)
            fix_toc(page.toc.items, renames)
            page.toc.items.extend(AnchorLink(s.title, s.anchor, 2) for s in plan.sections)
            if getattr(page, "present_anchor_ids", None) is not None:  # links to #sources from other pages resolve
                page.present_anchor_ids |= plan.anchors | set(renames.values())
            self.bodies[page.file.src_uri] = html
            if self.config.stamp_briefings:  # its table of contents is known by now
                self.stamper.prepare(page, plan.title, plan.description, toc=bool(page.toc.items))
            page.markdown = None  # read and rendered: its source need not wait for the write
            page.file.content_string = ""
            return BRIEFING_SLOT
        if isinstance(plan, ListingPlan):
            # Rendered when the page is written (on_post_page), so 5,000 listings are not all held at once.
            return self.stamper.content() if self.config.stamp_listings else self.renderer.listing(plan, page.url)
        if isinstance(plan, ErrorPlan):
            return self.renderer.error_page(plan)
        if REFERENCE_MARKER in html:
            html = html.replace(REFERENCE_MARKER, reference_tables())
        html = self.embeds.fill(page.file.src_uri, html, page.url, self.renderer, self.index)
        if page.is_homepage:
            home = self.home_html or self._home()
            if self.errors or self.clashes:  # live preview only: a build has stopped already
                found = [*map(str, self.errors), *self.clashes]
                home = errors(found, heading="Some briefings have errors") + home
            return html.replace(HOME_MARKER, home) if HOME_MARKER in html else html + home
        return html

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav: Navigation):
        # MkDocs writes a page just after on_post_page: once the next page comes, it is on disk.
        if self.to_write is not None:  # the first page of the build: Pagefind starts
            self._render_ahead()  # before Pagefind's thread: a fork copies no thread
            self.search.pages_start(config, self.to_write)
            self.to_write = None
        self.ahead.claim(page.file.src_uri)
        if self.last_written is not None:
            self.search.pages_written(self.last_written)
            self.last_written = None
        plan = self.pages.get(page.file.src_uri)
        if self._stamped(plan):
            self.stamper.template(page, context)
        return context

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        if self.converting.running:  # every page is read
            self.converting.finish()
            log.info(f"briefings: {self.converting.taken:,} of {self.converting.count:,} briefings' Markdown "
                     "converted ahead in a second process")
        self.converter.ready = None
        self.stamper.env = env  # a briefing's table of contents, by the theme's own partial
        return env

    def _stamped(self, plan) -> bool:
        """Whether the page is stamped into its signature's shell (stamp.py) rather than rendered in full."""
        if isinstance(plan, ListingPlan):
            return self.config.stamp_listings
        return isinstance(plan, BriefingPlan) and self.config.stamp_briefings

    def on_build_error(self, *, error: Exception):
        self.ahead.stop()
        self.converting.stop()
        self.search.abort()
        self._unspool()

    def _unspool(self) -> None:
        if self.spooled is not None:
            self.spooled.cleanup()
            self.spooled = None

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig):
        plan = self.pages.get(page.file.src_uri)
        ready = self.ahead.take(page.file.src_uri)  # (content, head) as the copy rendered them, or None
        if isinstance(plan, BriefingPlan):
            self.last_written = page.file.dest_uri
            if self.config.stamp_briefings:
                output = self.stamper.stamp(output, page, plan.title, plan.description)
            body = self.bodies.pop(page.file.src_uri)
            article = ready[0] if ready else self._article(plan, page.url, body)
            self.search.stage(page.file.dest_uri, output, article)
            output = output.replace(BRIEFING_SLOT, article, 1)
            if self.build_cache is not None:
                self.build_cache.written(page.file.src_uri, article)
        if isinstance(plan, ListingPlan) and self.config.stamp_listings:
            content = ready[0] if ready else self.renderer.listing(plan, page.url)
            output = self.stamper.stamp(output, page, plan.title, plan.description, content)
        output = output.replace(SEARCH_DIALOG, SEARCH_DIALOG + ' aria-label="Search"', 1)
        output = self.search.post_page(output, page.url)  # the header's search box
        head = ready[1] if ready else self._head(page, plan)
        if plan is not None and not self.serving:  # written: its plan and content are done with
            self.pages[page.file.src_uri] = page.content = None
        return output.replace("</head>", head + "</head>", 1) if head else output

    def on_template_context(self, context, *, template_name: str, config: MkDocsConfig):
        # Pages from the build cache are static files to MkDocs: the sitemap lists them all the same.
        if template_name == "sitemap.xml" and self.build_cache is not None and self.reused and self.files is not None:
            context["pages"] = self.build_cache.sitemap_pages(self.files, config.site_url, self._update_date)
        return context

    # The header box on the 404 page, and the Pagefind index after every build and rebuild.
    def on_post_template(self, output: str, *, template_name: str, config: MkDocsConfig):
        return self.search.post_template(output, template_name, config)

    def on_post_build(self, *, config: MkDocsConfig):
        if self.ahead.running:
            self.ahead.finish()
            log.info(f"briefings: {self.ahead.taken:,} of {len(self.ahead.order):,} pages rendered ahead in a second process")
        if self.dirty:
            total = len(self.incremental.current)
            removed = self.incremental.finish(site_dir=config.site_dir)
            log.info(f"briefings: rebuilt {self.incremental.changed} of {total} pages, removed {len(removed)}")
        self.search.post_build(config)  # every page is written by now: it takes the last one with the rest
        self._unspool()  # copied into the site long before (MkDocs copies static files before pages)
        cache = self.build_cache
        if cache is not None:
            if self.reused and self.files is not None:
                cache.rewrite_sitemap_gz(config.site_dir, cache.sitemap_pages(self.files, config.site_url, self._update_date))
            cache.save(config.site_dir)
            if self.cache.misses or not (cache.folder / "corpus.pickle").exists():
                cache.keep("corpus", self.cache)
            if self.outputs.made or not (cache.folder / "outputs.pickle").exists():
                cache.keep("outputs", self.outputs)
            log.info(f"briefings: build cache: {len(self.reused):,} of {len(self.reused) + len(self.pages):,} "
                     f"pages taken from {self.config.cache_dir}, {len(self.pages):,} rendered")

    def _update_date(self, file: File) -> str:
        """A cached page's sitemap date: what on_page_markdown would have given it (MkDocs: the build's)."""
        plan = self.reused.get(file.src_uri)
        if isinstance(plan, BriefingPlan) and plan.briefing.modified.year < 2106:
            return plan.briefing.modified.date().isoformat()
        return get_build_date()

    def _render_ahead(self) -> None:
        """At the first page a build writes: a forked copy renders the planned pages from the last."""
        if self.serving or not self.config.render_ahead or self.files is None or not ahead.possible():
            return
        keys = [f.src_uri for f in self.files.documentation_pages()
                if isinstance(self.pages.get(f.src_uri), BriefingPlan)
                or (self.config.stamp_listings and isinstance(self.pages.get(f.src_uri), ListingPlan))]
        if len(keys) >= self.config.render_ahead:
            self.ahead.start(keys, self._rendered)

    def _rendered(self, src_uri: str) -> tuple[str, str]:
        """What on_post_page adds to a planned page: its article or listing, and its head."""
        plan, page = self.pages[src_uri], self.files.get_file_from_path(src_uri).page
        if isinstance(plan, BriefingPlan):
            content = self._article(plan, page.url, self.bodies[src_uri])
        else:
            content = self.renderer.listing(plan, page.url)
        return str(content), self._head(page, plan)

    def _article(self, plan: BriefingPlan, page_url: str, body: str) -> str:
        return self.renderer.briefing(plan, page_url, body, search_attrs=self.search.body,
                                      search_block=self.search.briefing(plan.briefing))

    def _head(self, page: Page, plan) -> str:
        """Feed autodiscovery on every page; JSON-LD and sharing tags on briefings."""
        term = plan.term if isinstance(plan, ListingPlan) else None
        links = "".join(
            # rel="alternate " (one token, "alternate", as feed readers read it) rather than
            # rel="alternate": Material's script fetches the site's sitemap.xml for every
            # link[rel=alternate] (an exact match), 390 kB at 10,000 briefings, on every page.
            f'<link rel="alternate " type="{kind}" title="{escape(title)}" href="{escape(relative(page.url, href))}">'
            for title, kind, href in feed_links(self.site, term)
        )
        if not isinstance(plan, BriefingPlan):
            return links
        b = plan.briefing
        return links + meta_tags(b, self.site) + jsonld_script(briefing_jsonld(b, self.index, self.site))

    def _home(self):
        return self.renderer.home(home_plan(self.index, self.config.home_latest))


def _content(plan) -> tuple[Callable[[], str], str]:
    """A planned page's Markdown source (made when MkDocs reads it) and where it comes from (for errors)."""
    if isinstance(plan, BriefingPlan):
        # A blank first line: MkDocs reads no meta-data (YAML, or MultiMarkdown's `Key: value`
        # lines, e.g. "Update: Ford said…") from the body, which reaches the page as written.
        briefing = plan.briefing
        return (lambda: _source(briefing)), briefing.path
    if isinstance(plan, ErrorPlan):
        return str, plan.errors[0].path
    return str, "generated page"


def _source(briefing) -> str:
    """A briefing page's Markdown: its body after a blank first line (see _content)."""
    return "\n" + briefing.body


class PlannedFile(File):
    """A planned page's file: its source is made when MkDocs reads it, not held from on_files to
    the end of the build beside the briefing it is made from (a copy of every body)."""

    source: Callable[[], str] | None = None

    @property
    def content_string(self) -> str:
        return self.source() if self.source is not None else File.content_string.fget(self)

    @content_string.setter
    def content_string(self, value: str) -> None:
        self.source = None
        File.content_string.fset(self, value)

    @property
    def content_bytes(self) -> bytes:
        return self.content_string.encode("utf-8") if self.source is not None else File.content_bytes.fget(self)

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self.source = None
        File.content_bytes.fset(self, value)


class Spool:
    """A build's generated files on disk until MkDocs copies them into the site (then removed)."""

    def __init__(self):
        self.folder = tempfile.TemporaryDirectory(prefix="autobrief-files-")

    def write(self, path: str, data: bytes) -> str:
        target = Path(self.folder.name, path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        return str(target)

    def cleanup(self) -> None:
        self.folder.cleanup()


def _without(items: list, hidden: set) -> list:
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
