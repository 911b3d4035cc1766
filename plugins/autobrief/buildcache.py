"""The build cache: a folder kept between builds (CI restores it), so that a build after one
new briefing renders only the pages whose output changes, and indexes only the search shards
whose pages changed. The site it writes is byte-identical to a clean build's.

What is kept (``cache_dir``, e.g. ``.cache/autobrief``):

* ``manifest.json``: the site key, and for every page the plugin made, the fingerprint of
  what it shows (incremental.Keys, with briefings named by their file's digest), its output
  file and, for a briefing, the digest of what Pagefind reads of it;
* ``pages/``: each page's output as the last build wrote it;
* ``pagefind/<key>/``: each search shard's Pagefind bundle, under the fingerprint of its pages;
* ``corpus.pickle`` and ``outputs.pickle``: the validated briefings (by path and bytes) and the
  feeds and dataset (by what they show), as a live preview keeps them between rebuilds.

The site key holds everything that can change every page: the engine, theme and library
versions, the plugin's own code, mkdocs.yml as resolved and every file of docs_dir (the
navigation is on every page). Any change to it starts the cache afresh. A page is taken
from the cache only when its fingerprint and its output path are the ones kept; pages in
mkdocs.yml's nav are always rendered (the navigation needs their Page objects).

A cached page reaches the site as a static file copied from ``pages/``: MkDocs never
renders it. The sitemap lists it as it would a rendered page (on_template_context), and
sitemap.xml.gz is written again with the timestamp the clean build gives it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import pickle
import re
import shutil
import sys
import tempfile
from importlib import metadata, resources
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin, urlsplit

from mkdocs import utils
from mkdocs.structure.files import File, Files

from .core.addresses import PAGEFIND_GLOB
from .incremental import fingerprint
from .search.pagefind import EXCLUDE

log = logging.getLogger("mkdocs.plugins.briefings")

FORMAT = 2
MANIFEST = "manifest.json"
# What a build's output depends on beside the project's own files.
DISTRIBUTIONS = ("mkdocs", "properdocs", "mkdocs-material", "materialx", "markdown", "pymdown-extensions",
                 "jinja2", "markupsafe", "pygments", "pyyaml", "pydantic", "python-dateutil", "feedgen",
                 "pagefind", "pagefind-bin", "pagefind-bin-extended")
PAGEFIND_DISTRIBUTIONS = DISTRIBUTIONS[-3:]
# The parts of a briefing page that Pagefind leaves out and that change when other briefings
# come and go (search/pagefind.py EXCLUDE): a shard is not indexed again for them.
_UNINDEXED = re.compile(r'<nav class="ab-story-nav".*?</nav>|<section class="ab-related".*?</section>', re.S)


def _versions(names) -> list:
    found = []
    for name in names:
        try:
            found.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            found.append((name, None))
    return found


def _tree_digest(folder: Path, h) -> None:
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        h.update(path.relative_to(folder).as_posix().encode("utf-8", "surrogateescape") + b"\0")
        h.update(path.read_bytes() + b"\0")


def site_key(config, plugin_config) -> str:
    """Everything that can change every page of the site, as one fingerprint."""
    h = hashlib.blake2b(digest_size=16)
    versions = _versions(DISTRIBUTIONS)
    engine = "properdocs" if "properdocs" in sys.modules else "mkdocs"
    h.update(repr((FORMAT, engine, sys.version, versions)).encode())
    _tree_digest(Path(str(resources.files("autobrief"))), h)  # the plugin's code, templates and assets
    if config.config_file_path and os.path.isfile(config.config_file_path):
        h.update(Path(config.config_file_path).read_bytes())
    # mkdocs.yml as resolved (INHERIT, !ENV): what it says of the theme, Markdown and the pages' chrome.
    theme = {k: v for k, v in config.theme.items()} if hasattr(config.theme, "items") else {}
    resolved = (config.site_name, config.site_url, config.site_description, config.site_author, config.copyright,
                config.repo_url, config.edit_uri, config.use_directory_urls, config.nav, config.extra,
                config.extra_css, config.extra_javascript, config.markdown_extensions, config.mdx_configs,
                getattr(config.theme, "name", None), theme, list(config.theme.dirs), list(config.plugins),
                {k: v for k, v in plugin_config.items() if k != "cache_dir"})
    h.update(repr(resolved).encode("utf-8", "surrogatepass"))
    _tree_digest(Path(config.docs_dir), h)
    custom = getattr(config.theme, "custom_dir", None)
    if custom and Path(custom).is_dir() and not Path(custom).resolve().is_relative_to(Path(config.docs_dir).resolve()):
        _tree_digest(Path(custom), h)
    return h.hexdigest()


def search_key(language: str) -> str:
    """What a search shard depends on beside its pages: Pagefind's version and options, the language."""
    return fingerprint(FORMAT, language, EXCLUDE, PAGEFIND_GLOB, _versions(PAGEFIND_DISTRIBUTIONS))


def search_digest(article: str) -> str:
    """What Pagefind reads of a briefing's article, as a digest."""
    return hashlib.blake2b(_UNINDEXED.sub("", article).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def nav_paths(nav) -> set[str]:
    """The files mkdocs.yml's nav names: they are always rendered."""
    found = set()

    def walk(item):
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(nav or [])
    return found


class BuildCache:
    """One build's view of the cache folder: what it may reuse, and what it keeps for the next."""

    def __init__(self, folder: Path, key: str, search_key: str):
        self.folder = folder
        self.key = key
        self.search_key = search_key  # Pagefind's version, options and the site's language
        self.previous: dict[str, dict] = {}
        self.current: dict[str, dict] = {}  # src_uri -> {"key", "dest", "search"} of this build
        self.by_dest: dict[str, dict] | None = None  # the same entries by output file, once asked for
        self.rendered: list[str] = []  # src_uris rendered this build, to keep once written
        self.reused: list[File] = []
        self.listed: list | None = None  # the sitemap's pages, once made
        self.shards: dict[str, int] = {}  # shard key -> its pages, of the bundles this build uses
        try:
            manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            if manifest.get("format") == FORMAT and manifest.get("site") == key:
                self.previous = manifest["pages"]
                self.known_shards = dict(manifest.get("shards", {}))
            else:
                self.known_shards = {}
        except (OSError, ValueError, KeyError, TypeError):
            self.known_shards = {}  # no cache yet, or one from another site or version: start afresh

    # What the core keeps between rebuilds of a live preview (the validated briefings, the
    # feeds and dataset by what they show), kept here between builds. A pickle: the cache
    # folder is the project's own, written by its own builds.
    def restore(self, name: str, into) -> None:
        """Fill ``into`` (a corpus Cache, an OutputCache) with what the last build kept under ``name``."""
        try:
            with open(self.folder / f"{name}.pickle", "rb") as f:
                key, state = pickle.load(f)
            if key == self.key and type(state) is dict:
                into.__dict__.update(state)  # its data; its counters stay this build's
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
            pass  # none yet, or from another version: it is made again

    def keep(self, name: str, obj) -> None:
        try:
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=f".{name}-")
            with os.fdopen(handle, "wb") as out:
                data = {k: v for k, v in vars(obj).items() if k.startswith("_")}
                pickle.dump((self.key, data), out, protocol=pickle.HIGHEST_PROTOCOL)
            os.chmod(temporary, 0o644)
            os.replace(temporary, self.folder / f"{name}.pickle")
        except (OSError, pickle.PicklingError) as exc:
            log.warning(f"briefings: the build cache could not keep its {name} ({exc})")

    # Pages
    def page(self, src_uri: str, key: str, dest_uri: str) -> str | None:
        """The cached output of a page whose fingerprint and output are unchanged, if any."""
        entry = self.previous.get(src_uri)
        self.current[src_uri] = {"key": key, "dest": dest_uri, "search": None}
        if entry and entry.get("key") == key and entry.get("dest") == dest_uri:
            path = self.folder / "pages" / dest_uri
            if path.is_file():
                self.current[src_uri]["search"] = entry.get("search")
                return str(path)
        self.rendered.append(src_uri)
        return None

    def reuse(self, file: File) -> None:
        """The file is a cached page: a static file to copy, which MkDocs never renders."""
        file.is_documentation_page = lambda: False  # type: ignore[method-assign]
        self.reused.append(file)

    def written(self, src_uri: str, article: str | None = None) -> None:
        """A page was rendered: for a briefing, what search reads of it."""
        if article is not None and src_uri in self.current:
            self.current[src_uri]["search"] = search_digest(article)

    # The sitemap
    def sitemap_pages(self, files: Files, site_url: str, update_date) -> list:
        """MkDocs' list of pages for sitemap.xml, with a stand-in where a cached page is; made once
        (the sitemap, then its .gz's timestamp)."""
        if self.listed is not None:
            return self.listed
        reused = {id(f) for f in self.reused}
        base = site_url if site_url.endswith("/") else site_url + "/"
        pages = []
        for file in files:
            if id(file) in reused:
                canonical = urljoin(base, file.url)
                pages.append(SimpleNamespace(page=SimpleNamespace(
                    is_link=False, canonical_url=canonical, abs_url=urlsplit(canonical).path,
                    update_date=update_date(file))))
            elif file.is_documentation_page() and file.inclusion.is_included():
                pages.append(file)
        self.listed = pages
        return pages

    @staticmethod
    def rewrite_sitemap_gz(site_dir: str, pages: list) -> None:
        """sitemap.xml.gz as MkDocs writes it, stamped with the newest page's date, cached ones included."""
        output_path = os.path.join(site_dir, "sitemap.xml")
        if not os.path.isfile(output_path):
            return
        gz_filename = f"{output_path}.gz"
        timestamp = utils.get_build_timestamp(pages=[p.page for p in pages if p.page is not None])
        with open(output_path, "rb") as source, open(gz_filename, "wb") as f:
            with gzip.GzipFile(fileobj=f, filename=gz_filename, mode="wb", mtime=timestamp) as gz_buf:
                gz_buf.write(source.read())

    # Search shards (search/pagefind.py asks through get and put; Search for each shard_key)
    def shard_key(self, pages: list[str]) -> str:
        """A shard's key from its pages' search digests ("" where one is unknown: index it afresh)."""
        if self.by_dest is None:  # made once: a page's entry is the same object all build long
            self.by_dest = {e["dest"]: e for e in self.current.values()}
        digests = [self.by_dest[p].get("search") if p in self.by_dest else None for p in pages]
        if not pages or not all(digests):
            return ""
        return fingerprint(self.search_key, tuple(zip(pages, digests)))

    def get(self, shard) -> tuple[Path, int] | None:
        """A shard's bundle as an earlier build indexed it, and its number of pages."""
        folder = self.folder / "pagefind" / shard.key
        if shard.key in self.known_shards and folder.is_dir():
            self.shards[shard.key] = self.known_shards[shard.key]
            return folder, self.known_shards[shard.key]
        return None

    def put(self, shard, built: Path, pages: int) -> None:
        folder = self.folder / "pagefind" / shard.key
        try:
            shutil.rmtree(folder, ignore_errors=True)
            shutil.copytree(built, folder)
            self.shards[shard.key] = pages
        except OSError as exc:
            log.warning(f"briefings: the build cache could not keep a search shard ({exc})")

    # After the build
    def save(self, site_dir: str) -> None:
        """Keep this build's rendered pages and the manifest; drop what no build needs now."""
        try:
            pages = self.folder / "pages"
            for src_uri in self.rendered:
                entry = self.current[src_uri]
                source = Path(site_dir, entry["dest"])
                if source.is_file():
                    target = pages / entry["dest"]
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(source, target)
                else:
                    del self.current[src_uri]
            kept = {e["dest"] for e in self.current.values()}
            for src_uri, entry in self.previous.items():
                if entry.get("dest") not in kept:
                    (pages / entry.get("dest", "")).unlink(missing_ok=True)
            for folder in (self.folder / "pagefind").glob("*"):
                if folder.name not in self.shards:
                    shutil.rmtree(folder, ignore_errors=True)
            manifest = {"format": FORMAT, "site": self.key, "pages": self.current, "shards": self.shards}
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".manifest-")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(manifest, out, separators=(",", ":"))
            os.chmod(temporary, 0o644)
            os.replace(temporary, self.folder / MANIFEST)
        except OSError as exc:  # the site is whole; the next build only renders more
            log.warning(f"briefings: the build cache in {self.folder} could not be saved ({exc})")
