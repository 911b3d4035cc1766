"""`mkdocs serve --dirty` with registries (contract v1.1): after a registry file is saved, the served
site equals a clean build, and only the pages the edit touches are rebuilt.

The registry folder is written beside `briefings/` before the server starts (the plugin watches it
only if it exists then). Every expected value comes from this file's own data: the briefings as
dicts (corpus.py, plus a few of ours) and the registry text written here.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from datetime import date

import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, build
from corpus import make_corpus
from test_dirty import RELOADED, Served
from test_preview import fetch, wait_for

PER_PAGE = 20  # the plugin's default per_page: this project's mkdocs.yml does not set it
WIKIDATA = "https://www.wikidata.org/wiki/"
# Published files that are not pages but come from the briefings and the registry: feeds, the dataset,
# the search browse data. (The schema, the theme's assets, Pagefind's index and the sitemap are not ours.)
DATA_SUFFIXES = (".xml", ".json")
NOT_DATA = ("pagefind/", "assets/", "schema/", "sitemap.xml")


def fold(name: str) -> str:
    """How the contract compares names: case-insensitively after NFC."""
    return unicodedata.normalize("NFC", name).casefold()


def url_of(item: dict) -> str:
    return f"briefings/{item['front']['date']:%Y/%m}/{item['slug']}/"


def names(item: dict, spellings: set[str]) -> bool:
    """Whether a briefing names a company spelled any of these ways (as a company or a denying party)."""
    front = item["front"]
    written = list(front["companies"]) + [d["party"] for d in front.get("denials", [])]
    return any(fold(name) in spellings for name in written)


def ours(slug: str, when: date, companies: list[str], authors: list[str], story: str | None = None) -> dict:
    front = {
        "title": f"{companies[0]}: {slug.replace('-', ' ')}",
        "date": when,
        "status": "reported",
        "summary": f"Summary of {slug}.",
        "companies": companies,
        "regions": ["EU"],
        "tags": ["electric-vehicles"],
        "sources": [{"name": "Reuters", "url": f"https://news.example.com/{slug}"}],
        "authors": authors,
    }
    if story:
        front["story"] = story
    return {"path": f"{when:%Y/%m}/{slug}.md", "front": front, "body": f"Body of {slug}.\n", "slug": slug}


def seed_items() -> list[dict]:
    """The repository's own briefings, which make_project(with_seed=True) copies in, as dicts."""
    found = []
    for path in sorted((ROOT / "briefings").rglob("*.md")):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        found.append({"path": str(path.relative_to(ROOT / "briefings")), "front": front, "slug": path.stem})
    return found


def registry_yml(entries: dict[str, dict]) -> str:
    """A registry file as a writer types it: one field a line, aliases in a flow list on one line."""
    out = ["# Who is who, for the dirty-rebuild tests (contract v1.1).", ""]
    for key, fields in entries.items():
        out.append(f"{key}:")
        for name, value in fields.items():
            if value is None:
                continue
            out.append(f"  {name}: " + ("[" + ", ".join(value) + "]" if isinstance(value, list) else str(value)))
        out.append("")
    return "\n".join(out)


def line_of(text: str, line: str) -> int:
    """The 1-based number of the one line of ``text`` that is exactly ``line``."""
    numbers = [n for n, here in enumerate(text.splitlines(), 1) if here == line]
    assert len(numbers) == 1, (line, numbers)
    return numbers[0]


def soup(html: bytes) -> BeautifulSoup:
    return BeautifulSoup(html.decode("utf-8"), "html.parser")


def article(html: bytes) -> dict:
    """The NewsArticle node of a briefing page's JSON-LD."""
    script = soup(html).find("script", type="application/ld+json")
    assert script is not None
    graph = json.loads(script.string)["@graph"]
    return next(node for node in graph if node["@type"] == "NewsArticle")


def about(html: bytes, name: str) -> dict:
    """The organisation named ``name`` in a briefing's JSON-LD `about`."""
    found = [org for org in article(html)["about"] if org["name"] == name]
    assert len(found) == 1, article(html)["about"]
    return found[0]


def chips(html: bytes) -> list[str]:
    """The company chips of a briefing page's About section."""
    return [a.get_text() for a in soup(html).select(".ab-about .ab-about__company .ab-chip")]


def h1(html: bytes) -> str:
    return soup(html).find("h1").get_text(" ", strip=True)


class RegistryServed(Served):
    """Served, with a registry folder written beside `briefings/` before `mkdocs serve --dirty` starts."""

    def __init__(self, tmp_path, items, registry: dict[str, str]):
        super().__init__(tmp_path, items, registry)
        self.published: set[str] = set()  # every page and data file of the clean builds so far

    def save(self, name: str, text: str, until) -> int:
        """Save a registry file, wait until the served site shows the edit and the rebuild is done.
        Returns the pages rebuilt for it, as the plugin logs them (the sum, should the save have come
        in two writes and started two rebuilds)."""
        log = self.log_path.read_text()
        (self.project / "registry" / name).write_text(text, encoding="utf-8")
        wait_for(until, what=f"the edit of {name} served")
        self.rebuilt(builds=log.count(RELOADED) + 1)
        since = self.log_path.read_text()[len(log):]
        return sum(int(n) for n in re.findall(r"briefings: rebuilt (\d+) of \d+ pages", since))

    def stale(self, extras=()) -> list[str]:
        """Every page and data file (feeds, dataset, search data) the server hands out that differs from a
        clean build, plus whatever an earlier clean build published that is gone now but still served."""
        clean_dir = self.tmp_path / "clean"
        clean = build(self.project, "--site-dir", str(clean_dir))
        assert clean.ok, clean.output
        files = {p.relative_to(clean_dir).as_posix() for p in clean_dir.rglob("*") if p.is_file()}
        pages = sorted(("" if f == "index.html" else f.removesuffix("index.html")) for f in files
                       if f == "index.html" or f.endswith("/index.html"))
        data = sorted(f for f in files if f.endswith(DATA_SUFFIXES) and not f.startswith(NOT_DATA))
        missing = [extra for extra in extras if extra not in data]
        assert not missing, f"not published by the clean build: {missing}"
        stale = []
        for path in pages:
            if self.get(path) != (clean_dir / (path + "index.html")).read_bytes():
                stale.append(path)
        stale += [f for f in data if self.get(f) != (clean_dir / f).read_bytes()]
        now = set(pages) | set(data)
        stale += [f"{gone} (gone, still served)" for gone in sorted(self.published - now)
                  if fetch(self.base + gone)[0] != 404]
        self.published |= now
        return stale


# The registry at the start: Zephyr Motors (written "Zephyr" in one briefing: a page of its own until
# an alias merges it), Rivian and Volkswagen (corpus companies), one story, one author.
COMPANIES = {
    "zephyr-motors": {"name": "Zephyr Motors", "country": "DE", "description": "Maker of small electric vans."},
    "rivian": {"name": "Rivian", "country": "US", "description": "American maker of electric trucks."},
    "volkswagen": {"name": "Volkswagen", "country": "DE", "website": "https://www.volkswagen.com/",
                   "description": "German carmaker."},
}
STORIES = {"byd-europe-factory": {"title": "BYD's factory in Europe"}}
AUTHORS = {"ana-lima": {"name": "Ana Lima", "description": "Covers European carmakers."}}


def our_briefings() -> list[dict]:
    return [
        ours("zephyr-vans", date(2026, 1, 10), ["Zephyr Motors", "Volkswagen"], ["ana-lima"]),
        ours("zephyr-funding", date(2026, 1, 20), ["Zephyr"], ["ana-lima"]),
        ours("zephyr-plant", date(2026, 1, 25), ["Zephyr Motors"], ["ana-lima"]),
    ]


def registry_files(companies=COMPANIES, stories=STORIES, authors=AUTHORS) -> dict[str, str]:
    return {"companies.yml": registry_yml(companies), "stories.yml": registry_yml(stories),
            "authors.yml": registry_yml(authors)}


def test_dirty_rebuild_after_registry_edits(tmp_path):
    corpus = make_corpus(n_single=8)  # Volkswagen and Rivian are in its stories; fewer pages to compare
    mine = our_briefings()
    items = corpus + mine + seed_items()
    companies = json.loads(json.dumps(COMPANIES))  # edited step by step below
    authors = json.loads(json.dumps(AUTHORS))
    stories = json.loads(json.dumps(STORIES))
    site = RegistryServed(tmp_path, corpus + mine, registry_files(companies, stories, authors))
    vw = [i for i in items if names(i, {"volkswagen"})]
    zephyr_motors = [i for i in items if names(i, {"zephyr motors", "zephyr-motors"})]
    zephyr = [i for i in items if names(i, {"zephyr"})]
    ana = [i for i in items if i["front"].get("authors") and {fold(a) for a in i["front"]["authors"]} & {"ana lima", "ana-lima"}]
    assert len(vw) >= 3 and len(zephyr_motors) == 2 and len(zephyr) == 1 and len(ana) == 3
    site_data = ["briefings.json", "atom.xml", "feed.json", "search/facets.json"]
    try:
        site.ready(url_of(mine[0]))
        assert site.stale(site_data) == []  # the first build is right, or nothing after it can be

        # 1. Volkswagen renamed (and the author): every page that shows either name follows.
        companies["volkswagen"]["name"] = "Volkswagen Group"
        site.save("companies.yml", registry_yml(companies),
                  until=lambda: h1(site.get("companies/volkswagen/")) == "Volkswagen Group")
        authors["ana-lima"]["name"] = "Ana Lima Souza"  # her briefings name her by key
        site.save("authors.yml", registry_yml(authors),
                  until=lambda: h1(site.get("authors/ana-lima/")) == "Ana Lima Souza")
        assert site.stale(site_data + ["companies/volkswagen/atom.xml", "authors/ana-lima/atom.xml"]) == []
        for item in vw:
            page = site.get(url_of(item))
            assert "Volkswagen Group" in chips(page) and "Volkswagen" not in chips(page), url_of(item)
            assert about(page, "Volkswagen Group")["url"] == site.base + "companies/volkswagen/"
        for item in ana:
            byline = soup(site.get(url_of(item))).select_one(".ab-meta__authors").get_text(" ", strip=True)
            assert byline == "By Ana Lima Souza", url_of(item)
        assert "Volkswagen Group" in [a.get_text() for a in soup(site.get("companies/")).select(".ab-terms a")]

        # 2. An alias merges "Zephyr" into Zephyr Motors: companies/zephyr/ goes, the merged page lists both.
        assert fetch(site.base + "companies/zephyr/")[0] == 200
        companies["zephyr-motors"]["aliases"] = ["Zephyr"]
        site.save("companies.yml", registry_yml(companies),
                  until=lambda: fetch(site.base + "companies/zephyr/")[0] == 404)
        assert fetch(site.base + "companies/zephyr/atom.xml")[0] == 404
        assert site.stale(site_data + ["companies/zephyr-motors/atom.xml"]) == []
        listed = [a.get_text() for a in soup(site.get("companies/zephyr-motors/")).select(".ab-listing .ab-card__title a")]
        assert sorted(listed) == sorted(i["front"]["title"] for i in zephyr_motors + zephyr)
        for item in zephyr:
            assert chips(site.get(url_of(item))) == ["Zephyr Motors"]

        # 3. A Wikidata item and a parent: the profile and the JSON-LD of every briefing naming it.
        companies["zephyr-motors"].update(wikidata="Q4242", parent="volkswagen")
        site.save("companies.yml", registry_yml(companies),
                  until=lambda: b"Q4242" in site.get("companies/zephyr-motors/"))
        assert site.stale(site_data + ["companies/zephyr-motors/atom.xml", "companies/volkswagen/atom.xml"]) == []
        profile = soup(site.get("companies/zephyr-motors/")).select_one(".ab-profile")
        facts = {div.dt.get_text(strip=True): div.dd.get_text(" ", strip=True) for div in profile.select("dl > div")}
        assert facts["Wikidata"] == "Q4242" and facts["Parent company"] == "Volkswagen Group"
        vw_facts = soup(site.get("companies/volkswagen/")).select_one(".ab-profile").get_text(" ", strip=True)
        assert "Zephyr Motors" in vw_facts  # its subsidiary
        for item in zephyr_motors + zephyr:
            org = about(site.get(url_of(item)), "Zephyr Motors")
            assert WIKIDATA + "Q4242" in org["sameAs"], url_of(item)
            assert org["parentOrganization"]["name"] == "Volkswagen Group"
            assert org["parentOrganization"]["url"] == site.base + "companies/volkswagen/"

        # One company's description: only the pages that show it are rebuilt.
        rivian = [i for i in items if names(i, {"rivian"})]
        assert rivian
        # The briefings naming Rivian (its JSON-LD description), its own pages, the companies index, the
        # home page, its two feeds (Atom, status changes) and the dataset (which publishes the registry).
        bound = len(rivian) + math.ceil(len(rivian) / PER_PAGE) + 1 + 1 + 2 + 1
        companies["rivian"]["description"] = "Maker of electric pickups and vans."
        done = site.save("companies.yml", registry_yml(companies),
                         until=lambda: b"Maker of electric pickups and vans." in site.get("companies/rivian/"))
        total = site.counts()[1]
        assert 1 <= done <= bound < total, (done, bound, total)
        assert site.stale(site_data + ["companies/rivian/atom.xml"]) == []
        for item in rivian:
            assert about(site.get(url_of(item)), "Rivian")["description"] == "Maker of electric pickups and vans."

        # 4. A registry error under serve: an alias that names another entry. The server goes on, the
        # home page shows the error at the alias's line; fixing it gives back the clean build.
        companies["volkswagen"]["aliases"] = ["Zephyr Motors"]
        text = registry_yml(companies)
        line = line_of(text, "  aliases: [Zephyr Motors]")
        prefix = f"registry/companies.yml:{line}: "

        def error_shown():
            return [c.get_text() for c in soup(site.get("")).select(".ab-errors code") if c.get_text().startswith(prefix)]
        site.save("companies.yml", text, until=error_shown)
        shown = error_shown()
        assert len(shown) == 1, shown
        match = re.fullmatch(re.escape(prefix) + r"(\S+): (.+)", shown[0])
        assert match and match[1].startswith("volkswagen.aliases"), shown[0]
        assert "Zephyr Motors" in match[2] and "zephyr-motors" in match[2], shown[0]
        assert site.server.poll() is None
        del companies["volkswagen"]["aliases"]
        site.save("companies.yml", registry_yml(companies), until=lambda: not soup(site.get("")).select(".ab-errors"))
        assert site.stale(site_data + ["companies/volkswagen/atom.xml", "companies/zephyr-motors/atom.xml"]) == []

        # 5. A story's title and summary in stories.yml head its page (and name it wherever it is named).
        story = "tesla-india-plant"
        in_story = [i for i in items if i["front"].get("story") == story]
        assert in_story
        stories[story] = {"title": "Tesla builds a plant in India", "summary": "Whether Tesla makes cars in India."}
        site.save("stories.yml", registry_yml(stories),
                  until=lambda: "Tesla builds a plant in India" in h1(site.get(f"stories/{story}/")))
        assert site.stale(site_data + [f"stories/{story}/atom.xml"]) == []
        page = soup(site.get(f"stories/{story}/"))
        assert page.select_one(".ab-lead").get_text() == "Whether Tesla makes cars in India."
        for item in in_story:
            story_chip = soup(site.get(url_of(item))).select_one(".ab-about__story .ab-chip")
            assert story_chip.get_text() == "Tesla builds a plant in India", url_of(item)
    finally:
        site.stop()


def test_dirty_rebuild_after_a_parent_company_changes_who_it_is(tmp_path):
    """A subsidiary's briefings carry their parent in the JSON-LD (`parentOrganization`, with the parent's
    `sameAs` and `description`): an edit of the parent's profile alone must reach them too, even those
    that do not name the parent."""
    corpus = make_corpus(n_single=8)
    mine = our_briefings()
    items = corpus + mine + seed_items()
    companies = json.loads(json.dumps(COMPANIES))
    companies["zephyr-motors"].update(aliases=["Zephyr"], parent="volkswagen")
    site = RegistryServed(tmp_path, corpus + mine, registry_files(companies))
    children = [i for i in items if names(i, {"zephyr motors", "zephyr"})]
    only_children = [i for i in children if not names(i, {"volkswagen"})]
    assert only_children
    try:
        site.ready(url_of(mine[0]))
        assert site.stale() == []
        companies["volkswagen"].update(wikidata="Q246", description="German carmaker, owner of Zephyr Motors.")
        site.save("companies.yml", registry_yml(companies),
                  until=lambda: b"owner of Zephyr Motors" in site.get("companies/volkswagen/"))
        stale = site.stale(["briefings.json", "companies/volkswagen/atom.xml", "companies/zephyr-motors/atom.xml"])
        parents = {url_of(i): about(site.get(url_of(i)), "Zephyr Motors")["parentOrganization"] for i in children}
        got = {url: (parent.get("description"), parent.get("sameAs")) for url, parent in parents.items()}
        want = ("German carmaker, owner of Zephyr Motors.", [WIKIDATA + "Q246", "https://www.volkswagen.com/"])
        assert got == dict.fromkeys(got, want), f"stale pages: {stale}"
        assert stale == []
    finally:
        site.stop()
