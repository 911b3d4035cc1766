"""`autobrief export DIR`: the whole site as a plain project that any engine builds.

Material for MkDocs reaches end of life on 2027-05-05, and Zensical, its
successor, runs no third-party plugin. The export needs none: every page the
plugin makes (briefings, listings, records, the digest, the search page) is a
Markdown page of raw HTML at ``<url>/index.md`` (a page at ``<url>.md`` would
have its relative links rewritten from the wrong folder by Zensical), the
hand-written pages are copied with their markers filled in, and the feeds,
dataset, measures, sitemaps, browse data, CSS and scripts are static files.
``DIR/mkdocs.yml`` names no plugin: ``zensical build`` or a plain ``mkdocs
build`` makes the site, and ``autobrief search SITE_DIR`` indexes it.

Nothing here imports MkDocs: the export is the proof that the briefing model
and its pages are engine-free. Briefing bodies are rendered with
Python-Markdown and the extensions mkdocs.yml lists, as MkDocs would.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import markdown
import yaml
from markupsafe import escape

from .core import addresses
from .core.corpus import display_path, load_corpus
from .core.errors import BriefingError
from .core.indexes import Index
from .core.markers import HOME_MARKER, REFERENCE_MARKER, has_markers
from .core.published import published_files
from .core.registry import REGISTRY_FOLDER, load_registry
from .core.site import SiteInfo
from .core.structured import briefing_jsonld
from .pages import BriefingPlan, ListingPlan, home_plan, plan_site
from .render import relative
from .render.embeds import Embeds
from .render.head import jsonld_script
from .render.pages import Renderer, safe_briefing_body
from .render.reference import reference_tables
from .search.facets import Facets, browse_data, pagefind_markup
from .search.markup import page_markdown

ASSETS = ("autobrief.css", "sort.js", "search.css", "search.js")
MKDOCS_EXTENSIONS = ["toc", "tables", "fenced_code"]  # what MkDocs always adds to a config's own
# mkdocs.yml keys that a plain project keeps as they are (theme, nav, extensions, …); the rest is the plugin's.
KEPT = ("site_name", "site_description", "site_author", "site_url", "repo_url", "repo_name", "edit_uri",
        "copyright", "theme", "extra", "extra_css", "extra_javascript", "markdown_extensions", "nav",
        "use_directory_urls")
_HREF = re.compile(r'(<a\b[^>]*?\shref=")([^"]*)(")')


class ExportError(Exception):
    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass
class Exported:
    folder: Path
    pages: list[str] = field(default_factory=list)  # site URLs of the generated pages
    files: list[str] = field(default_factory=list)  # site paths of the static files


class _Loader(yaml.SafeLoader):
    """mkdocs.yml as data: its tags (!ENV, !relative, !!python/name:…) read as their plain value."""


def _plain(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
        return values[-1] if suffix == "ENV" and values else values  # !ENV [NAME, default]: the default
    return loader.construct_mapping(node)


_Loader.add_multi_constructor("!", _plain)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _plain)


def read_config(path: Path) -> dict:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    if not isinstance(data, dict):
        raise ExportError([f"{path}: not a mapping of settings"])
    return data


def plugin_options(config: dict) -> dict:
    """The `briefings` plugin's options as mkdocs.yml gives them."""
    for entry in config.get("plugins") or []:
        if entry == "briefings":
            return {}
        if isinstance(entry, dict) and "briefings" in entry:
            return entry["briefings"] or {}
    raise ExportError(["mkdocs.yml does not use the briefings plugin: there is nothing to export"])


def export(config_file: Path, out: Path) -> Exported:
    config_file = config_file.resolve()
    project = config_file.parent
    config = read_config(config_file)
    options = plugin_options(config)
    site_url = config.get("site_url")
    if not site_url:
        raise ExportError(["set site_url in mkdocs.yml: feeds, structured data and the dataset need absolute URLs"])
    if config.get("use_directory_urls") is False:
        raise ExportError(["briefing URLs are directories: set use_directory_urls: true"])
    docs_dir = (project / config.get("docs_dir", "docs")).resolve()
    root = (project / options.get("folder", "briefings")).resolve()
    registry_dir = (project / options["registry"] if options.get("registry") else root.parent / REGISTRY_FOLDER).resolve()

    corpus = load_corpus(root, base=project, include_drafts=bool(options.get("drafts")))
    registry = load_registry(registry_dir, display_path(registry_dir, project))
    index = Index(corpus.briefings, registry=registry)
    docs = [(p.relative_to(docs_dir).as_posix(), display_path(p, project), p.read_text(encoding="utf-8"))
            for p in sorted(docs_dir.rglob("*.md"))]
    embeds = Embeds()
    found: list[BriefingError] = sorted(corpus.errors + registry.errors + embeds.scan(docs, index))
    if found:  # as the build: nothing is published while anything is wrong
        raise ExportError([str(e) for e in found])
    theme = config.get("theme") or {}
    site = SiteInfo(name=config.get("site_name", ""), url=site_url, description=config.get("site_description") or "",
                    language=(theme.get("language") if isinstance(theme, dict) else None) or "en",
                    feed_limit=options.get("feed_limit", 50), claim_review=bool(options.get("claim_review")))
    renderer = Renderer(index.term, index.today, site.absolute)
    facets = Facets(index)

    if out.exists():
        shutil.rmtree(out)
    target = out / "docs"
    shutil.copytree(docs_dir, target)
    done = Exported(out)
    bodies = _Bodies(config, index)
    plans = plan_site(index, per_page=options.get("per_page", 20), folder=str(options.get("folder", "briefings")))
    for plan in plans.values():
        if isinstance(plan, BriefingPlan):
            b = plan.briefing
            html, _ = safe_briefing_body(plan, bodies.render(b, plan.url))
            content = renderer.briefing(plan, plan.url, html, search_attrs=" data-pagefind-body",
                                        search_block=pagefind_markup(b, facets))
            # No <head> to put it in: JSON-LD may stand in the body.
            content = str(content) + jsonld_script(briefing_jsonld(b, index, site))  # (Markup + str would escape it)
        elif isinstance(plan, ListingPlan):
            content = renderer.listing(plan, plan.url)
        else:
            continue
        _page(target, plan.url, plan.title, plan.description, str(content))
        done.pages.append(plan.url)

    # The hand-written pages, their markers filled in; links in what they show go from the site root.
    base = urlsplit(site.url).path or "/"
    for src_uri, _, text in docs:
        url = addresses.HOME if src_uri == "index.md" else src_uri[:-3] + "/"  # (a/index.md: a/)
        url = url[: -len("index/")] if url.endswith("/index/") else url
        filled = _rooted(_filled(src_uri, text, embeds, renderer, index, options, url, base), url, base)
        if filled != text:
            (target / src_uri).write_text(filled, encoding="utf-8")

    robots = target / addresses.ROBOTS
    statics = published_files(index, site, renderer.digest_email,
                              robots=robots.read_text(encoding="utf-8") if robots.exists() else None)
    statics.update(browse_data(facets))
    for name in ASSETS:
        statics[addresses.asset(name)] = resources.files("autobrief").joinpath("assets/" + name).read_bytes()
    for path, data in statics.items():
        _file(target / path, data)
        done.files.append(path)
    _file(target / addresses.source_file(addresses.SEARCH), page_markdown().encode("utf-8"))
    done.pages.append(addresses.SEARCH)
    _file(out / "mkdocs.yml", _config(config).encode("utf-8"))
    return done


def _filled(src_uri: str, text: str, embeds: Embeds, renderer: Renderer, index: Index, options: dict,
            url: str, base: str) -> str:
    """A hand-written page with the home page's list, the field reference and markers as raw HTML blocks."""
    if not has_markers(text):
        return text
    block = lambda html: f"\n\n{html}\n\n"  # noqa: E731
    text = embeds.mark(src_uri, text)
    if HOME_MARKER in text:
        text = text.replace(HOME_MARKER, block(renderer.home(home_plan(index, options.get("home_latest", 20)))))
    if REFERENCE_MARKER in text:
        text = text.replace(REFERENCE_MARKER, block(reference_tables()))
    return embeds.fill(src_uri, text, url, renderer, index, wrap=block)


_FENCED = re.compile(r"^([ \t]*)(`{3,}|~{3,}).*?^\1\2[ \t]*$", re.M | re.S)


def _rooted(text: str, page_url: str, base: str) -> str:
    """A hand-written page keeps its place (writing.md), and Zensical reads relative links in its raw
    HTML from the file's folder where MkDocs reads them from the page's URL (writing/): every
    relative link of raw HTML, outside fenced code, is made root-relative, which both read alike."""
    def rooted(match: re.Match) -> str:
        href = match[2]
        if not href or urlsplit(href).scheme or href.startswith(("/", "#")):
            return match[0]
        path, _, fragment = href.partition("#")
        joined = posixpath.normpath(posixpath.join(page_url, path))
        absolute = base + ("" if joined == "." else joined + ("/" if path.endswith("/") else ""))
        return match[1] + absolute + (f"#{fragment}" if fragment else "") + match[3]

    out, at = [], 0
    for fence in _FENCED.finditer(text):
        out += [_HREF.sub(rooted, text[at:fence.start()]), fence[0]]
        at = fence.end()
    return "".join(out) + _HREF.sub(rooted, text[at:])


class _Bodies:
    """Briefing bodies as MkDocs renders them: the config's extensions, and links to other briefings'
    files (`[see](../03/other.md)`) turned into links to their pages."""

    def __init__(self, config: dict, index: Index):
        names, settings = list(MKDOCS_EXTENSIONS), {}
        for entry in config.get("markdown_extensions") or []:
            name, options = (next(iter(entry.items())) if isinstance(entry, dict) else (entry, None))
            if name not in names:
                names.append(name)
            if options:
                settings[name] = options
        self.md = markdown.Markdown(extensions=names, extension_configs=settings)
        self.by_source = {addresses.briefing_source(b.source): b.url for b in index.briefings}

    def render(self, b, page_url: str) -> str:
        html = self.md.reset().convert(b.body)
        here = posixpath.dirname(addresses.briefing_source(b.source))

        def link(match: re.Match) -> str:
            href = match[2]
            path, _, fragment = href.partition("#")
            if urlsplit(href).scheme or not path.endswith(".md") or path.startswith("/"):
                return match[0]
            target = self.by_source.get(posixpath.normpath(posixpath.join(here, path)))
            if target is None:
                return match[0]
            return match[1] + relative(page_url, target) + (f"#{fragment}" if fragment else "") + match[3]

        return _HREF.sub(link, html)


def _page(target: Path, url: str, title: str, description: str, html: str) -> None:
    # MkDocs and Zensical both print a page's title and description into HTML as they are: escaped here.
    meta = {"title": str(escape(title)), **({"description": str(escape(description))} if description else {})}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    _file(target / addresses.source_file(url), f"---\n{front}---\n\n{html}\n".encode("utf-8"))


def _file(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _config(config: dict) -> str:
    """The exported project's mkdocs.yml: the site's settings, its CSS and scripts, and no plugin."""
    kept = {key: config[key] for key in KEPT if key in config}
    css = [c for c in kept.get("extra_css", []) if not str(c).startswith(addresses.ASSETS)]
    js = [j for j in kept.get("extra_javascript", []) if not str(j).startswith(addresses.ASSETS)]
    kept["extra_css"] = css + [addresses.asset("autobrief.css"), addresses.asset("search.css")]
    kept["extra_javascript"] = js + [addresses.asset("search.js")]
    kept["plugins"] = []  # none: Material's search too (the site has its own)
    header = ("# Written by `autobrief export`: the briefing site as plain pages. Build it with `zensical build`\n"
              "# or `mkdocs build` (Material, no plugin), then index it with `autobrief search site`.\n")
    return header + yaml.safe_dump(kept, allow_unicode=True, sort_keys=False)


def search_site(site_dir: Path):
    """`autobrief search SITE_DIR`: the header's search box in every page that lacks it, then Pagefind."""
    from .search import pagefind
    from .search.markup import inject_header

    for page in site_dir.rglob("*.html"):
        depth = len(page.relative_to(site_dir).parts) - 1
        html = page.read_text(encoding="utf-8")
        boxed = inject_header(html, "../" * depth or "./")
        if boxed != html:
            page.write_text(boxed, encoding="utf-8")
    return pagefind.run_pagefind(site_dir)
