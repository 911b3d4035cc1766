"""Search: Pagefind over the built briefing pages, a search page and a header box of our own.

What it adds to a build (the plugin calls in from on_config, on_files,
on_page_content, on_post_page, on_post_template and on_post_build):

* on every briefing, ``data-pagefind-body`` on its article and a hidden block of
  Pagefind filters, metadata and a date sort (``facets``). Pages without
  ``data-pagefind-body`` (listings, home, guide, 404, the search page) are not
  indexed: results are briefings;
* after the build, Pagefind writes ``pagefind/`` (``pagefind``), in shards of at
  most ``search_shard_size`` briefings, each put in a stable order for a
  reproducible site (``stabilise``);
* the browse data in ``search/``, which answers views with filters and no query
  (``facets.browse_data``);
* the search page ``search/`` and a search box in every page's header (the
  markup and classes of Material's, driven by ``assets/autobrief/search.js``; ``markup``).

When mkdocs.yml turns Material's own ``search`` plugin on, this package stands
down entirely, so that a site never has two competing indexes.
"""

from __future__ import annotations

import logging
import shutil
from collections import Counter
from importlib import resources
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from ..core.addresses import PAGEFIND, SEARCH, SEARCH_DATA, asset, output_file, source_file
from ..core.briefing import Briefing
from ..core.indexes import Index
from ..logs import terminal_logger
from ..render import relative
from . import pagefind  # called through the module, so that a benchmark or test can wrap its functions
from .facets import Facets, browse_data, pagefind_markup
from .markup import inject_header, page_markdown

log = logging.getLogger("mkdocs.plugins.briefings")
# Under `mkdocs serve`, a missing binary is said once per rebuild without being
# counted as a warning (strict mode would stop the preview).
quiet_log = terminal_logger("autobrief.search", "WARNING")

ASSET_FILES = ("search.js", "search.css")  # in the package's assets/, published under assets/autobrief/


# The search plugins of MkDocs, Material and MaterialX: when one is on, this package stands down.
THEME_SEARCH = ("search", "material/search", "materialx/search")


def material_search_on(config) -> bool:
    return any(name in config.plugins for name in THEME_SEARCH)


class Search:
    """The search step of the briefings plugin. Off when Material's search plugin is on.

    Per build: ``begin(index)`` in on_files, before anything asks for facets;
    ``post_build(config)`` at the end uses that index."""

    def __init__(self):
        self.enabled = True
        self.serving = False
        self.browse_key: tuple | None = None  # what the browse data in site_dir was made from
        self.running: pagefind.Running | pagefind.Indexed | None = None  # Pagefind started before the build's end
        self.background = pagefind.Coalescing()  # one indexing thread for a live preview
        self.shard_size: int | None = None  # from the plugin's config (search_shard_size): None, one index
        self.waiting: dict[str, pagefind.Shard] = {}  # briefing page still to be written -> its shard
        self.remaining: Counter[int] = Counter()  # shard -> its pages still to be written
        self.cache = None  # the build cache (buildcache.py), when the plugin has one: it keeps shards
        self.staging: pagefind.Staging | None = None  # a build's briefing pages as Pagefind reads them
        self.begin(Index([]))

    def configure(self, config, *, serving: bool, shard_size: int) -> None:
        self.serving = serving
        self.shard_size = shard_size
        self.enabled = not material_search_on(config)
        if not self.enabled:
            log.info("briefings: Material's search plugin is on, so the Pagefind search stays off")
            return
        if asset("search.css") not in config.extra_css:
            config.extra_css.append(asset("search.css"))
        if asset("search.js") not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append(asset("search.js"))

    def begin(self, index: Index) -> None:
        """A new build over ``index``: facets are worked out afresh, once per briefing."""
        self.facets = Facets(index)

    def shards(self, keyed: bool = True) -> list[pagefind.Shard]:
        """The index's shards: briefing pages oldest first, at most shard_size each; with the
        build cache and ``keyed``, each keyed by its pages' fingerprints."""
        pages = self._pages()
        shards = pagefind.plan_shards(pages, self.shard_size or len(pages))
        if self.cache is None or not keyed:
            return shards
        return [replace(s, key=self._key(s)) for s in shards]

    def _pages(self) -> list[str]:
        return [output_file(b.url) for b in reversed(self.facets.index.briefings)]

    def _key(self, shard: pagefind.Shard) -> str:
        """A shard's build-cache key, once its pages are written ("" without the cache)."""
        return self.cache.shard_key(list(shard.pages) or self._pages()) if self.cache is not None else ""

    def facets_of(self, b: Briefing) -> dict[str, list[str]]:
        """Every filter value of a briefing (what its search block shows: part of its page's fingerprint)."""
        return self.facets.of(b)

    def add_files(self, files, config) -> None:
        if not self.enabled:
            return
        # Imported here: `autobrief export` and `autobrief search` use this package with no engine at all.
        from mkdocs.structure.files import File, InclusionLevel

        for name in ASSET_FILES:
            data = resources.files("autobrief").joinpath("assets/" + name).read_bytes()
            files.append(File.generated(config, asset(name), content=data))
        if files.get_file_from_path(source_file(SEARCH)) is None:
            files.append(File.generated(config, source_file(SEARCH), content=page_markdown(),
                                        inclusion=InclusionLevel.NOT_IN_NAV))

    @property
    def body(self) -> str:
        """The attribute that marks a briefing's article as the part Pagefind indexes."""
        return " data-pagefind-body" if self.enabled else ""

    def briefing(self, b: Briefing) -> str:
        return pagefind_markup(b, self.facets) if self.enabled else ""

    def post_page(self, output: str, page_url: str) -> str:
        if not self.enabled:
            return output
        return inject_header(output, relative(page_url, ""))

    def post_template(self, output: str, template_name: str, config) -> str:
        """The 404 page is rendered from a template, with links from the site root."""
        if not self.enabled or template_name != "404.html":
            return output
        root = urlsplit(config.site_url or "/").path or "/"
        return inject_header(output, root if root.endswith("/") else root + "/")

    def pages_start(self, config, rendered: list[str]) -> None:
        """A build starts writing pages (``rendered``: the briefing pages it writes, the others are
        on disk): Pagefind starts in a thread, on the core MkDocs leaves idle, and indexes each
        shard once its pages are written (pages_written), while MkDocs goes on with the rest."""
        if not self.enabled or self.serving or self.running is not None:
            return
        every, waiting = self._pages(), set(rendered)
        # Each shard lists its pages: they are linked from the staging folder, or from the site.
        shards = [replace(s, pages=s.pages or tuple(every)) for s in self.shards(keyed=False)]
        self._unstage()
        self.staging = pagefind.Staging()
        self.waiting = {page: s for s in shards for page in (s.pages or every) if page in waiting}
        self.remaining = Counter(s.number for s in self.waiting.values())
        ready = {s.number: self._key(s) for s in shards if not self.remaining[s.number]}
        self.running = pagefind.start_pagefind(Path(config.site_dir), shards, cache=self.cache, ready=ready,
                                               staged=self.staging.folder)

    def stage(self, page: str, output: str, article: str) -> None:
        """A briefing page MkDocs writes: its article, as Pagefind reads it (pagefind.Staging)."""
        if self.staging is not None:
            self.staging.write(page, output, article)

    def _unstage(self) -> None:
        if self.staging is not None:
            self.staging.cleanup()
            self.staging = None

    def pages_written(self, *pages: str) -> None:
        """These briefing pages are on disk: a shard whose last page this is can be indexed."""
        for page in pages:
            shard = self.waiting.pop(page, None)
            if shard is None:
                continue
            self.remaining[shard.number] -= 1
            if not self.remaining[shard.number] and isinstance(self.running, pagefind.Running):
                self.running.ready(shard.number, self._key(shard))

    def abort(self) -> None:
        """The build failed: stop an early Pagefind run rather than leave it writing."""
        if isinstance(self.running, pagefind.Running):
            self.running.stop()
        self.running = None
        self._unstage()

    def post_build(self, config) -> pagefind.Indexed | None:
        if not self.enabled:
            return None
        site_dir = Path(config.site_dir)
        index = self.facets.index
        # Every briefing (by serial) and every name the facets spell: unchanged, the files are too.
        key = (site_dir, tuple(b.serial for b in index.briefings),
               tuple((kind, t.name) for kind, terms in index.terms.items() for t in terms.values()))
        if key != self.browse_key or not (site_dir / SEARCH_DATA / "facets.json").exists():
            shutil.rmtree(site_dir / SEARCH_DATA / "terms", ignore_errors=True)
            shutil.rmtree(site_dir / SEARCH_DATA / "records", ignore_errors=True)
            for path, data in browse_data(self.facets).items():
                target = site_dir / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
            self.browse_key = key
        if self.serving:
            # Under `mkdocs serve` the saved page is live as soon as MkDocs writes it;
            # the search index catches up in the background a few seconds later.
            shards = self.shards()
            self.background.request(lambda: self._report(pagefind.run_pagefind(site_dir, shards)))
            return None
        running, self.running = self.running, None
        if isinstance(running, pagefind.Running):  # every page is written: any shard still waiting is ready
            self.pages_written(*list(self.waiting))
        try:
            return self._report(pagefind.finish_pagefind(
                running if running is not None else pagefind.start_pagefind(site_dir, self.shards(), cache=self.cache)))
        finally:
            self._unstage()

    def _report(self, result: pagefind.Indexed) -> pagefind.Indexed:
        if result.ok:
            shards = f" in {result.shards} shards" if result.shards > 1 else ""
            reused = f" ({result.reused} of {result.shards} from the build cache)" if result.reused else ""
            log.info(f"briefings: Pagefind indexed {result.pages:,} briefing page(s){shards}{reused} in "
                     f"{result.seconds:.2f} s ({result.bytes / 2**20:.1f} MiB in {PAGEFIND}/)")
            if not result.stable:  # another Pagefind layout: the index works, but two builds may differ
                log.info("briefings: Pagefind's files are not in the layout Pagefind 1.5 writes; left in its own order")
            elif not result.compact:  # the index works as Pagefind wrote it; a query fetches more of it
                log.info("briefings: Pagefind's word index was left in its own chunks (compact.py could not read it)")
        else:
            # Not a PluginError: the site is still whole, only its search is missing.
            message = f"briefings: search index not built: {result.message}"
            (quiet_log if self.serving else log).warning(message)
        return result
