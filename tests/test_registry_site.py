"""Who is who (v1.1) through a real `mkdocs build`: aliases merge terms, profiles, JSON-LD, stories, authors.

Every expected figure is worked out here from the test's own briefings and registry text.
"""

from __future__ import annotations

import json
import subprocess
import unicodedata
from posixpath import normpath

import feedparser
import pytest

from conftest import ENV, build, engine, make_project

BASE = "https://briefings.example.com/"


def lei(prefix18: str) -> str:
    """A valid LEI from 18 characters: ISO 7064 MOD 97-10 check digits, worked out here."""
    number = int("".join(str(int(c, 36)) for c in prefix18 + "00"))
    return prefix18 + f"{98 - number % 97:02d}"


XIAOMI_LEI = lei("3003009GVQ5BZ1KO13")
FORD_LEI = "20S05OYHG0MQM4VUIC57"

COMPANIES = f"""\
# who is who
xiaomi:
  name: Xiaomi
  aliases: [Xiaomi Corp, 小米, "Xia\u0301omi Motors"]
  wikidata: Q1636958
  lei: {XIAOMI_LEI}
  country: CN
  website: https://www.mi.com/
  description: Consumer-electronics maker that builds the SU7.
ford:
  name: Ford Motor Company
  aliases: [Ford]
  wikidata: Q44294
  lei: {FORD_LEI}
  country: US
lincoln:
  name: Lincoln
  parent: ford
"""
OUTLETS = """\
financial-times:
  name: Financial Times
  aliases: [FT]
  country: GB
  website: https://www.ft.com/
"""
STORIES = """\
ev-talks:
  title: Ford and Xiaomi, the EV talks
  summary: Whether Ford and Xiaomi build electric cars together in the US.
"""
AUTHORS = """\
jane-doe:
  name: Jane Doe
  description: Covers Chinese carmakers.
  url: https://example.org/jane
"""

# slug -> (date, companies, sources, authors, story)
BRIEFINGS = {
    "talks": ("2026-02-02", ["Xiaomi Corp", "Ford"], [("FT", None)], ["jane-doe"], "ev-talks"),
    "denial": ("2026-02-03", ["小米", "Ford Motor Company"], [("Reuters", "Financial Times")], ["Jane Doe"], "ev-talks"),
    "plant": ("2026-03-01", ["XIAOMI"], [("Nikkei", None)], ["Other Writer"], None),
    "lincoln": ("2026-03-05", ["Lincoln"], [("Reuters", "FT")], [], None),
    # Written composed (NFC) here, decomposed (NFD) in the registry: one name after NFC
    "motors": ("2026-03-06", [unicodedata.normalize("NFC", "Xiáomi Motors")], [("financial times", None)], [], None),
}


def briefing_text(slug, when, companies, sources, authors, story) -> str:
    lines = ["---", f"title: Briefing {slug}", f"date: {when}", "status: reported",
             "companies: " + json.dumps(companies, ensure_ascii=False), "sources:"]
    for name, via in sources:
        lines.append(f"  - name: {name}")
        if via:
            lines.append(f"    via: {via}")
    if authors:
        lines.append("authors: " + json.dumps(authors))
    if story:
        lines.append(f"story: {story}")
    lines += ["---", "", f"Body of {slug}.", ""]
    return "\n".join(lines)


def url_of(slug: str) -> str:
    when = BRIEFINGS[slug][0]
    return f"briefings/{when[:4]}/{when[5:7]}/{slug}/"


def with_registry(tmp_path, files: dict[str, str], briefings=BRIEFINGS):
    project = make_project(tmp_path, {f"{v[0][:4]}/{v[0][5:7]}/{k}.md": briefing_text(k, *v) for k, v in briefings.items()})
    (project / "registry").mkdir()
    for name, text in files.items():
        (project / "registry" / name).write_text(text, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = with_registry(tmp_path_factory.mktemp("registry"), {
        "companies.yml": COMPANIES, "outlets.yml": OUTLETS, "stories.yml": STORIES, "authors.yml": AUTHORS})
    result = build(project)
    assert result.ok, result.output
    return result


# The registry's own spellings of Xiaomi, folded as the contract folds them (NFC, then case).
XIAOMI_NAMES = {unicodedata.normalize("NFC", n).casefold() for n in ("xiaomi", "Xiaomi", "Xiaomi Corp", "小米", "Xiáomi Motors")}
XIAOMI_BRIEFINGS = [k for k, v in BRIEFINGS.items()
                    if any(unicodedata.normalize("NFC", c).casefold() in XIAOMI_NAMES for c in v[1])]


def newest_first(slugs):
    return sorted(slugs, key=lambda s: BRIEFINGS[s][0], reverse=True)


def listed(page, here: str) -> list[str]:
    """The briefing URLs a listing page's cards link to, site-relative, in order."""
    out = []
    for a in page.select(".ab-listing__items a[href]"):
        target = normpath(here + a["href"]) + "/"
        if target.startswith("briefings/") and target not in out:
            out.append(target)
    return out


def test_aliases_merge_into_one_company_page(site):
    assert len(XIAOMI_BRIEFINGS) == 4  # the test's own corpus: every spelling of Xiaomi
    companies = sorted(p.name for p in (site.site / "companies").iterdir() if p.is_dir())
    assert companies == ["ford", "lincoln", "xiaomi"]  # no xiaomi-corp/, 小米/ or xiaomi-motors/
    page = site.page("companies/xiaomi/")
    assert page.select_one(".md-content h1").get_text(strip=True) == "Xiaomi"
    assert listed(page, "companies/xiaomi/") == [url_of(s) for s in newest_first(XIAOMI_BRIEFINGS)]


def test_aliases_merge_into_one_feed(site):
    feeds = sorted(p.parent.name for p in (site.site / "companies").glob("*/atom.xml"))
    assert feeds == ["ford", "lincoln", "xiaomi"]
    parsed = feedparser.parse((site.site / "companies/xiaomi/atom.xml").read_bytes())
    assert parsed.bozo == 0
    assert parsed.feed.title.endswith("Company Xiaomi")
    assert [e.link for e in parsed.entries] == [BASE + url_of(s) for s in newest_first(XIAOMI_BRIEFINGS)]


def test_aliases_merge_into_one_facet_value(site):
    facets = json.loads((site.site / "search/facets.json").read_text(encoding="utf-8"))
    companies = dict(facets["values"]["company"])
    assert companies["Xiaomi"] == len(XIAOMI_BRIEFINGS)
    assert not {"Xiaomi Corp", "小米", "XIAOMI"} & set(companies)
    assert companies["Ford Motor Company"] == sum("Ford" in v[1] or "Ford Motor Company" in v[1] for v in BRIEFINGS.values())
    sources = dict(facets["values"]["source"])
    ft = sum(any(n in ("FT", "Financial Times", "financial times") or via in ("FT", "Financial Times")
                 for n, via in v[2]) for v in BRIEFINGS.values())
    assert sources["Financial Times"] == ft and "FT" not in sources
    # Pagefind's filters on a briefing page say the same.
    page = site.page(url_of("talks"))
    filters = [s["data-pagefind-filter"] for s in page.select("[data-pagefind-filter]")]
    assert "company:Xiaomi" in filters and "company:Xiaomi Corp" not in filters
    assert "source:Financial Times" in filters and "source:FT" not in filters


def jsonld(page) -> list[dict]:
    return json.loads(page.select_one('script[type="application/ld+json"]').string)["@graph"]


def test_wikidata_lei_and_parent_in_json_ld(site):
    article = jsonld(site.page(url_of("talks")))[0]
    about = {o["name"]: o for o in article["about"]}
    assert set(about) == {"Xiaomi", "Ford Motor Company"}
    xiaomi, ford = about["Xiaomi"], about["Ford Motor Company"]
    assert xiaomi["sameAs"] == ["https://www.wikidata.org/wiki/Q1636958", "https://www.mi.com/"]
    assert xiaomi["leiCode"] == XIAOMI_LEI and ford["leiCode"] == FORD_LEI
    assert ford["sameAs"] == ["https://www.wikidata.org/wiki/Q44294"]
    assert xiaomi["url"] == BASE + "companies/xiaomi/"
    assert xiaomi["address"] == {"@type": "PostalAddress", "addressCountry": "CN"}
    [lincoln] = jsonld(site.page(url_of("lincoln")))[0]["about"]
    assert "leiCode" not in lincoln and "sameAs" not in lincoln
    assert lincoln["parentOrganization"]["name"] == "Ford Motor Company"
    assert lincoln["parentOrganization"]["url"] == BASE + "companies/ford/"
    assert lincoln["parentOrganization"]["sameAs"] == ["https://www.wikidata.org/wiki/Q44294"]


def test_authors_are_people_with_their_page(site):
    article = jsonld(site.page(url_of("denial")))[0]
    assert article["author"] == [{"@type": "Person", "name": "Jane Doe", "url": BASE + "authors/jane-doe/",
                                  "sameAs": ["https://example.org/jane"], "description": "Covers Chinese carmakers."}]
    [other] = jsonld(site.page(url_of("plant")))[0]["author"]
    assert other == {"@type": "Person", "name": "Other Writer", "url": BASE + "authors/other-writer/"}


def test_outlets_resolve_in_sources_and_via(site):
    page = site.page(url_of("lincoln"))
    [source] = page.select(".ab-source")
    assert "citing Financial Times" in source.get_text(" ", strip=True)  # written "FT"
    sources = sorted(p.name for p in (site.site / "sources").iterdir() if p.is_dir())
    assert sources == ["financial-times", "nikkei", "reuters"]
    outlet = site.page("sources/financial-times/")
    facts = {dt.get_text(strip=True): dd.get_text(" ", strip=True) for dt, dd in
             zip(outlet.select(".ab-profile dt"), outlet.select(".ab-profile dd"))}
    assert facts["Country"] == "United Kingdom (GB)" and facts["Website"] == "https://www.ft.com/"
    # Reuters relays the FT in two briefings, written "Financial Times" and "FT": one row, counted twice.
    relayed = [li.get_text("", strip=False).strip() for li in outlet.select(".ab-record ul li")]
    relays = sum(1 for v in BRIEFINGS.values() for n, via in v[2] if n == "Reuters" and via in ("FT", "Financial Times"))
    assert relayed == [f"Reuters, citing it in {relays} briefings"]


def test_company_profile(site):
    page = site.page("companies/xiaomi/")
    profile = page.select_one(".ab-profile")
    assert profile.select_one(".ab-profile__description").get_text(strip=True) == "Consumer-electronics maker that builds the SU7."
    links = {a.get_text(strip=True): a["href"] for a in profile.select("a")}
    assert links["Q1636958"] == "https://www.wikidata.org/wiki/Q1636958"
    assert links[XIAOMI_LEI] == "https://search.gleif.org/#/record/" + XIAOMI_LEI
    assert links["https://www.mi.com/"] == "https://www.mi.com/"
    facts = {dt.get_text(strip=True): dd for dt, dd in zip(profile.select("dt"), profile.select("dd"))}
    assert facts["Country"].get_text(" ", strip=True) == "China (CN)"
    aliases = [unicodedata.normalize("NFC", li.get_text(strip=True)) for li in facts["Also written as"].select("li")]
    assert aliases[:3] == ["Xiaomi Corp", "小米", unicodedata.normalize("NFC", "Xiáomi Motors")]  # the registry's, then other spellings used
    # Once each, whatever its case or composition: "XIAOMI" (a briefing's) is the name itself
    assert len(aliases) == 3 and "XIAOMI" not in aliases
    ford = site.page("companies/ford/").select_one(".ab-profile")
    subsidiaries = {dt.get_text(strip=True): dd for dt, dd in zip(ford.select("dt"), ford.select("dd"))}["Subsidiaries"]
    assert [(a.get_text(strip=True), a["href"]) for a in subsidiaries.select("a")] == [("Lincoln", "../lincoln/")]
    lincoln = site.page("companies/lincoln/").select_one(".ab-profile")
    parent = {dt.get_text(strip=True): dd for dt, dd in zip(lincoln.select("dt"), lincoln.select("dd"))}["Parent company"]
    assert [(a.get_text(strip=True), a["href"]) for a in parent.select("a")] == [("Ford Motor Company", "../ford/")]


def test_a_name_in_no_registry_works_as_before(site):
    page = site.page("sources/nikkei/")
    assert page.select_one(".ab-profile") is None
    assert page.select_one(".md-content h1").get_text(strip=True) == "Nikkei"
    chips = [a.get_text(strip=True) for a in site.page(url_of("plant")).select(".ab-about a.ab-chip")]
    assert chips == ["Xiaomi"]  # "XIAOMI" is in the registry: the registry's name


def test_story_title_heads_its_page(site):
    page = site.page("stories/ev-talks/")
    assert page.select_one(".md-content h1").get_text(strip=True) == "Story: Ford and Xiaomi, the EV talks"
    assert page.select_one(".ab-lead").get_text(strip=True) == "Whether Ford and Xiaomi build electric cars together in the US."
    index = site.page("stories/")
    assert [a.get_text(strip=True) for a in index.select(".ab-stories a")] == ["Ford and Xiaomi, the EV talks"]
    assert site.page(url_of("talks")).select_one(".ab-about__story a").get_text(strip=True) == "Ford and Xiaomi, the EV talks"


def test_author_page_lists_exactly_their_briefings(site):
    jane = [k for k, v in BRIEFINGS.items() if {"jane-doe", "Jane Doe"} & set(v[3])]
    page = site.page("authors/jane-doe/")
    assert page.select_one(".md-content h1").get_text(strip=True) == "Jane Doe"
    assert listed(page, "authors/jane-doe/") == [url_of(s) for s in newest_first(jane)]
    assert "Covers Chinese carmakers." in page.select_one(".ab-profile").get_text()
    other = [k for k, v in BRIEFINGS.items() if "Other Writer" in v[3]]
    assert listed(site.page("authors/other-writer/"), "authors/other-writer/") == [url_of(s) for s in other]
    index = site.page("authors/")
    rows = [(tr.select_one("a").get_text(strip=True), tr.select("td")[1].get_text(strip=True))
            for tr in index.select("table.ab-terms tbody tr")]
    assert sorted(rows) == sorted([("Jane Doe", str(len(jane))), ("Other Writer", str(len(other)))])
    byline = site.page(url_of("talks")).select_one(".ab-meta__authors a")
    assert (byline.get_text(strip=True), byline["href"], byline["rel"]) == ("Jane Doe", "../../../../authors/jane-doe/", ["author"])


def test_dataset_names_entities_by_key(site):
    data = json.loads((site.site / "briefings.json").read_text(encoding="utf-8"))
    record = next(r for r in data["briefings"] if r["path"] == url_of("denial"))
    assert record["companies"] == BRIEFINGS["denial"][1]  # the front matter as written
    assert record["entities"]["companies"] == [{"key": "xiaomi", "name": "Xiaomi"}, {"key": "ford", "name": "Ford Motor Company"}]
    assert record["entities"]["sources"] == [{"key": "reuters", "name": "Reuters"}, {"key": "financial-times", "name": "Financial Times"}]
    assert record["entities"]["story"] == {"key": "ev-talks", "title": "Ford and Xiaomi, the EV talks"}
    assert data["registry"]["companies"]["xiaomi"]["lei"] == XIAOMI_LEI
    assert data["registry"]["companies"]["lincoln"]["parent"] == "ford"


def line_of(text: str, needle: str) -> int:
    return text.splitlines().index(needle) + 1


def test_a_conflicting_alias_and_a_parent_cycle_stop_the_build(tmp_path):
    companies = COMPANIES.replace("  parent: ford\n", "  parent: ford\n  aliases: [Ford]\n").replace(
        "  aliases: [Ford]\n  wikidata: Q44294", "  aliases: [Ford]\n  parent: lincoln\n  wikidata: Q44294")
    project = with_registry(tmp_path, {"companies.yml": companies})
    result = build(project)
    assert not result.ok
    alias_line = [i for i, line in enumerate(companies.splitlines(), 1) if line == "  aliases: [Ford]"][-1]  # lincoln's
    expected = [
        f"registry/companies.yml:{alias_line}: lincoln.aliases[0]: 'Ford' also names ford",
        f"registry/companies.yml:{line_of(companies, '  parent: lincoln')}: ford.parent: makes a cycle: ford → lincoln → ford",
        f"registry/companies.yml:{line_of(companies, '  parent: ford')}: lincoln.parent: makes a cycle: lincoln → ford → lincoln",
    ]
    for line in expected:
        assert line in result.output, (line, result.output[-3000:])
    assert "Traceback" not in result.output
    assert "nothing was published" in result.output


def test_an_unused_story_is_a_warning_only(tmp_path):
    project = with_registry(tmp_path, {"stories.yml": STORIES + "never-told:\n  title: A story not yet written\n"})
    result = subprocess.run([*engine("build")], cwd=project, env=ENV, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    line = line_of(STORIES + "never-told:\n  title: A story not yet written\n", "never-told:")
    assert f"WARNING -  registry/stories.yml:{line}: never-told: no briefing has this story yet" in result.stderr
    assert (project / "site/stories/ev-talks/index.html").exists()
    assert not (project / "site/stories/never-told").exists()


def test_a_closed_registry_makes_unknown_names_errors_of_the_build(tmp_path):
    project = with_registry(tmp_path, {"companies.yml": COMPANIES, "outlets.yml": OUTLETS, "authors.yml": AUTHORS})
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("      folder: briefings\n",
                                                 "      folder: briefings\n      registry_closed: true\n"))
    result = build(project)
    assert not result.ok
    # Expected: every outlet and author of the test's briefings that its registry text does not name.
    outlets, authors = {"financial-times", "financial times", "ft"}, {"jane-doe", "jane doe"}
    expected = []
    for slug, (when, companies, sources, writers, story) in BRIEFINGS.items():
        text = briefing_text(slug, when, companies, sources, writers, story)
        path = f"briefings/{when[:4]}/{when[5:7]}/{slug}.md"
        for i, (name, via) in enumerate(sources):
            if name.casefold() not in outlets:
                expected.append(f"{path}:{line_of(text, f'  - name: {name}')}: sources[{i}].name: '{name}' is in no registry")
            if via and via.casefold() not in outlets:
                expected.append(f"{path}:{line_of(text, f'    via: {via}')}: sources[{i}].via: '{via}' is in no registry")
        for i, name in enumerate(writers):
            if name.casefold() not in authors:
                expected.append(f"{path}:{line_of(text, 'authors: ' + json.dumps(writers))}: authors[{i}]: '{name}' is in no registry")
    assert len(expected) == 4  # Nikkei, Reuters twice, Other Writer: the test's corpus
    for line in expected:
        assert line in result.output, (line, result.output[-3000:])
    assert result.output.count("is in no registry") == len(expected)
