"""After Material's end of life (issue 17): the site on MaterialX under ProperDocs, and the export
that Zensical and a plain MkDocs build, each engine installed from the package index in a virtual
environment of its own (they cannot share one: MaterialX and Material ship the same package).

What the export must hold is read off a real build of the same project by the plugin: every page
and every published file of that site, which the export's builds must have too.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from conftest import ENV, ROOT, build, make_project
from corpus import make_corpus, write_corpus
from links import broken_links

# Kept between runs on a developer's machine (a stamp says what each holds); CI starts without them.
ENGINES = ROOT / ".venv-engines"
HOSTILE = "Kia & Hyundai <share> a battery line"
BRIEFINGS = len(make_corpus()) + 2  # the generated corpus, the project's seed and the hostile one


def venv(name: str, *requirements: str) -> Path:
    """The bin/ of a virtual environment holding ``requirements``, made (and installed) when missing."""
    folder = ENGINES / name
    stamp = folder / ".installed"
    wanted = "\n".join(requirements)
    if not (stamp.is_file() and stamp.read_text() == wanted):
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
        result = subprocess.run([folder / "bin" / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                                 *requirements], capture_output=True, text=True, timeout=1200)
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
        stamp.write_text(wanted)
    return folder / "bin"


def run(command: list, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in command], cwd=cwd, env=ENV, capture_output=True, text=True, timeout=timeout)


def project_with(tmp_path: Path) -> Path:
    """The project's own site and registry, a generated corpus, a hostile title, and a docs page with a marker."""
    items = make_corpus()
    project = make_project(tmp_path, {"2026/04/hostile.md": f"""\
---
title: "{HOSTILE}"
date: 2026-04-14
status: reported
companies: [Kia]
sources:
  - name: Yonhap
---
Body.
"""}, with_seed=True)
    write_corpus(project / "briefings", items)
    return project


def pages_of(site: Path) -> set[str]:
    return {str(p.relative_to(site)) for p in site.rglob("index.html")}


# MaterialX on ProperDocs ---------------------------------------------------------------------------

def test_the_site_builds_on_materialx_under_properdocs(tmp_path):
    bin_ = venv("materialx", "-e", f"{ROOT}[materialx]")
    project = project_with(tmp_path)
    reference = build(project, "--site-dir", str(tmp_path / "material"))  # Material, for comparison
    assert reference.ok, reference.output
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  name: material\n", "  name: materialx\n", 1))
    result = run([bin_ / "properdocs", "build", "--strict", "-f", "mkdocs.yml"], project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    generator = home.select_one('meta[name="generator"]')["content"]
    assert "ProperDocs" in generator and "materialx" in generator, generator
    # The same pages as on Material, each briefing with its article, search box and search index.
    assert pages_of(site) == pages_of(tmp_path / "material")
    page = BeautifulSoup((site / "briefings/2026/04/hostile/index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one("article.ab-briefing h1").get_text() == HOSTILE
    assert page.title.get_text().startswith(HOSTILE)
    assert page.select(".ab-header-search") and (site / "pagefind" / "pagefind.js").is_file()
    checked, broken = broken_links(site)
    assert checked > 1000 and broken == []
    # MaterialX's own search plugin on: the briefings plugin stands down, as for Material's.
    config.write_text(config.read_text().replace("  - briefings:\n", "  - materialx/search\n  - briefings:\n", 1))
    again = run([bin_ / "properdocs", "build", "--strict", "-f", "mkdocs.yml"], project)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "the Pagefind search stays off" in again.stderr
    assert not (site / "pagefind").exists() and not (site / "search" / "facets.json").exists()
    assert (site / "search" / "pagefind-entry.json").is_file()  # MaterialX's search is Pagefind, in search/


# The export, built by Zensical and by a plain MkDocs -------------------------------------------------

@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("export")
    project = project_with(tmp)
    with_plugin = build(project)
    assert with_plugin.ok, with_plugin.output
    result = run([sys.executable, "-m", "autobrief.cli", "export", tmp / "out"], project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site", tmp / "out"


def published(site: Path) -> set[str]:
    """The feeds and data a built site publishes (as files of its own, beside the pages)."""
    return {str(p.relative_to(site)) for p in site.rglob("*") if p.suffix in (".xml", ".json", ".txt")
            and not p.name.startswith("sitemap") and "pagefind" not in p.parts}


def check_export_site(built: Path, reference: Path) -> None:
    # Every page the plugin makes, and every hand-written page, is there.
    missing = pages_of(reference) - pages_of(built)
    assert missing == set(), sorted(missing)[:20]
    # Briefings with their article (title as text, however hostile), listings with their cards.
    page = BeautifulSoup((built / "briefings/2026/04/hostile/index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one("article.ab-briefing h1").get_text() == HOSTILE and not page.select("share")
    assert page.title.get_text().startswith(HOSTILE)  # the engine prints the title as given: escaped
    graph = json.loads(page.select_one('script[type="application/ld+json"]').string)  # in the body: no <head> to add to
    assert any(node.get("headline") == HOSTILE for node in graph["@graph"])
    listing = BeautifulSoup((built / "companies/kia/index.html").read_text(encoding="utf-8"), "html.parser")
    assert [a.get_text() for a in listing.select(".ab-card__title a")] == [HOSTILE]
    home = BeautifulSoup((built / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert len(home.select(".ab-listing .ab-card")) == 20  # the home page's latest, filled in
    # Feeds and data: the same bytes as the plugin's build.
    for path in published(reference):
        assert (built / path).read_bytes() == (reference / path).read_bytes(), path
    feed = feedparser.parse((built / "atom.xml").read_bytes())
    assert not feed.bozo and len(feed.entries) == min(50, BRIEFINGS)
    assert json.loads((built / "briefings.json").read_text())["briefings"]
    # Nothing broken inside.
    checked, broken = broken_links(built)
    assert checked > 1000
    assert broken == []


def test_the_export_builds_with_plain_mkdocs_and_no_plugin(exported, tmp_path):
    reference, out = exported
    project = tmp_path / "plain"
    shutil.copytree(out, project)
    assert "plugins: []" in (project / "mkdocs.yml").read_text()
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict"], project)
    assert result.returncode == 0, result.stdout + result.stderr
    check_export_site(project / "site", reference)
    # `autobrief search` indexes it: the header's box and Pagefind over the briefings.
    indexed = run([sys.executable, "-m", "autobrief.cli", "search", "site"], project)
    assert indexed.returncode == 0, indexed.stdout + indexed.stderr
    assert f"Pagefind indexed {BRIEFINGS:,} briefing page(s)" in indexed.stdout
    page = BeautifulSoup((project / "site/briefings/2026/04/hostile/index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select(".ab-header-search") and (project / "site/pagefind/pagefind.js").is_file()


def test_the_export_builds_with_zensical(exported, tmp_path):
    reference, out = exported
    bin_ = venv("zensical", "zensical")  # the newest that installs from the index
    project = tmp_path / "zensical"
    shutil.copytree(out, project)
    result = run([bin_ / "zensical", "build"], project)
    assert result.returncode == 0, result.stdout + result.stderr
    version = run([bin_ / "python", "-c", "import importlib.metadata as m; print(m.version('zensical'))"], project)
    print("zensical", version.stdout.strip())
    check_export_site(project / "site", reference)
    indexed = run([sys.executable, "-m", "autobrief.cli", "search", "site"], project)
    assert indexed.returncode == 0, indexed.stdout + indexed.stderr
    assert (project / "site/pagefind/pagefind.js").is_file()


def test_the_export_refuses_a_site_with_errors(tmp_path):
    project = make_project(tmp_path, {"2026/02/bad.md": "---\ntitle: x\ndate: 2026-02-30\n---\n"})
    result = run([sys.executable, "-m", "autobrief.cli", "export", tmp_path / "out"], project)
    assert result.returncode == 1
    assert "briefings/2026/02/bad.md:3: date:" in result.stderr
    assert "nothing was written" in result.stderr and not (tmp_path / "out").exists()
