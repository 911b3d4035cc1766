"""Measures (who originated a claim, hit rates, lead times, denial records) through a real `mkdocs build`.

Every expected figure is worked out here, from this file's own corpus and registry, by a small
reference implementation of the definitions (docs/measures.md); nothing is taken from autobrief,
except in the one unit test that checks `autobrief.core.measures.wilson` against the formula below.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from datetime import date, datetime, timezone
from statistics import median

import feedparser
import jsonschema
import pytest

from conftest import build, make_project
from test_registry_site import listed  # the briefings a listing page links to

BASE = "https://briefings.example.com/"
Z = 1.959963984540054

# The registry: key -> (name, aliases). Written out as YAML below.
OUTLETS = {
    "financial-times": ("Financial Times", ["FT"]),
    "nikkei-asia": ("Nikkei Asia", ["Nikkei"]),
}
COMPANIES = {
    "toyota": ("Toyota Motor Corporation", ["Toyota"]),
    "volkswagen": ("Volkswagen Group", ["VW", "Volkswagen"]),
}


def registry_yaml(entries: dict) -> str:
    lines = ["# who is who, for the measures test"]
    for key, (name, aliases) in entries.items():
        lines += [f"{key}:", f"  name: {json.dumps(name)}", f"  aliases: {json.dumps(aliases)}"]
    return "\n".join(lines) + "\n"


def S(name, via=None, when=None):
    return {"name": name, "via": via, "date": when}


def D(party, when=None):
    return {"party": party, "date": when}


# slug -> the briefing's front matter (only what the measures read, plus what the contract needs).
# Dates are text as written; a date-time carries its offset.
BRIEFINGS = {
    # FT direct, Reuters relays it ("FT" and "Financial Times" are one outlet): 1 independent source.
    # Denied, then confirmed: FT led by 40 days.
    "toyota-ev-delay": dict(
        date="2026-01-05", status="confirmed", companies=["Toyota"],
        sources=[S("FT", when="2026-01-05"), S("Reuters", "Financial Times", "2026-01-06")],
        history=[("2026-01-05", "reported"), ("2026-01-06", "denied"), ("2026-02-14", "confirmed")],
        denials=[D("Toyota", "2026-01-06")]),
    # Asahi, Nikkei and "Reuters via Asahi": 2. The confirmed run starts at its first step (02-01).
    "nissan-honda-merger": dict(
        date="2026-01-12", status="confirmed", companies=["Nissan", "Honda"],
        sources=[S("Asahi Shimbun", when="2026-01-12"), S("Nikkei", when="2026-01-17"),
                 S("Reuters", "Asahi Shimbun")],
        history=[("2026-01-12", "reported"), ("2026-01-13", "denied"), ("2026-01-20", "disputed"),
                 ("2026-02-01", "confirmed"), ("2026-02-10", "confirmed")],
        denials=[D("Nissan", "2026-01-13"), D("Honda")]),
    # Three hops: Handelsblatt via Bloomberg, Bloomberg via Reuters, Reuters direct. A denial dated
    # the day before the briefing (-1), by an alias of the registry.
    "vw-plant-closure": dict(
        date="2026-02-03", status="denied", companies=["Volkswagen"],
        sources=[S("Handelsblatt", "Bloomberg"), S("Bloomberg", "Reuters"), S("Reuters", when="2026-02-03")],
        history=[("2026-02-03", "reported"), ("2026-02-04", "denied")],
        denials=[D("VW", "2026-02-02")]),
    # Relays of relays, whose root is named only in a via: Caixin originates it (by via), and its
    # report is the briefing's date, not a relay's. No history: confirmed as of `updated`.
    "byd-hungary-plant": dict(
        date="2026-02-10", updated="2026-03-02", status="confirmed", companies=["BYD"],
        sources=[S("Electrek", "Automotive News", "2026-02-11"), S("Automotive News", "Caixin", "2026-02-08")],
        denials=[D("BYD")]),
    # Retracted. Stellantis denies; so does a party that is no company of the site.
    "stellantis-leapmotor": dict(
        date="2026-02-20", status="retracted", companies=["Stellantis"],
        sources=[S("Bloomberg", when="2026-02-20")],
        history=[("2026-02-20", "reported"), ("2026-02-25", "retracted")],
        denials=[D("Stellantis", "2026-02-21"), D("Leapmotor")]),
    # Denied (no history): the FT relays Nikkei Asia, whose hit rate falls to 2 of 3.
    "toyota-solid-state": dict(
        date="2026-03-03", status="denied", companies=["Toyota Motor Corporation"],
        sources=[S("Nikkei Asia"), S("FT", "Nikkei")]),
    # Open (disputed): Reuters and Handelsblatt originate, Bloomberg relays Reuters. A ministry denies.
    "honda-sony-afeela": dict(
        date="2026-03-09", status="disputed", companies=["Honda"],
        sources=[S("Reuters"), S("Bloomberg", "Reuters"), S("Handelsblatt")],
        history=[("2026-03-09", "reported"), ("2026-03-12", "disputed")],
        denials=[D("Honda", "2026-03-12"), D("Ministry of Economy, Trade and Industry", "2026-03-10")]),
    # The FT's own report is dated after the confirmation: it led by nothing (0, never below).
    "vw-rivian-software": dict(
        date="2026-03-15", status="confirmed", companies=["Volkswagen Group", "Rivian"],
        sources=[S("Financial Times", when="2026-04-20"), S("Caixin", "FT")],
        history=[("2026-03-15", "reported"), ("2026-03-16", "denied"), ("2026-04-02", "confirmed")],
        denials=[D("VW", "2026-03-16"), D("Rivian")]),
    # Denied; the party written in capitals is the company of that slug; Foxconn is no company here.
    "nissan-foxconn": dict(
        date="2026-03-22", status="denied", companies=["Nissan"],
        sources=[S("Bloomberg"), S("Automotive News", "Bloomberg")],
        history=[("2026-03-22", "reported"), ("2026-03-23", "denied")],
        denials=[D("NISSAN", "2026-03-22"), D("Foxconn", "2026-03-23")]),
    # Published at 08:00 in Tokyo: 2026-04-05 in UTC, the day every count starts from.
    "nissan-honda-talks-resume": dict(
        date="2026-04-06T08:00:00+09:00", status="confirmed", companies=["Nissan"],
        sources=[S("Nikkei"), S("Asahi Shimbun", when="2026-04-08")],
        history=[("2026-04-06T08:00:00+09:00", "reported"), ("2026-04-20", "confirmed")],
        denials=[D("Nissan", "2026-04-06")]),
    # Confirmed, disputed, confirmed again: the confirmation that counts is the last run's (04-25).
    "toyota-byd-batteries": dict(
        date="2026-04-10", status="confirmed", companies=["Toyota", "BYD"],
        sources=[S("Caixin", when="2026-04-11"), S("Reuters", "Caixin")],
        history=[("2026-04-10", "reported"), ("2026-04-12", "confirmed"), ("2026-04-15", "disputed"),
                 ("2026-04-25", "confirmed")],
        denials=[D("Toyota Motor Corporation", "2026-04-11")]),
    # Open, originated by an outlet that elsewhere only relays.
    "rivian-charging": dict(
        date="2026-04-18", status="reported", companies=["Rivian"],
        sources=[S("Electrek")]),
    # Bloomberg confirmed twice: a hit rate in the middle. General Motors never denies anything.
    "byd-mexico": dict(
        date="2026-05-01", status="confirmed", companies=["BYD", "General Motors"],
        sources=[S("Bloomberg", when="2026-05-02")],
        history=[("2026-05-01", "reported"), ("2026-05-02", "denied"), ("2026-05-20", "confirmed")],
        denials=[D("BYD", "2026-05-02")]),
    "stellantis-dongfeng": dict(
        date="2026-05-10", updated="2026-05-24", status="confirmed", companies=["Stellantis"],
        sources=[S("Bloomberg"), S("Reuters", "Bloomberg"), S("Handelsblatt", "Reuters")]),
}


def yaml_date(text: str) -> str:
    return text if "T" not in text else json.dumps(text)


def briefing_text(slug: str, b: dict) -> str:
    lines = ["---", f"title: Briefing {slug}", f"date: {yaml_date(b['date'])}"]
    if b.get("updated"):
        lines.append(f"updated: {yaml_date(b['updated'])}")
    lines += [f"status: {b['status']}", "companies: " + json.dumps(b["companies"]), "sources:"]
    for s in b["sources"]:
        lines.append(f"  - name: {json.dumps(s['name'])}")
        if s["via"]:
            lines.append(f"    via: {json.dumps(s['via'])}")
        if s["date"]:
            lines.append(f"    date: {yaml_date(s['date'])}")
    if b.get("denials"):
        lines.append("denials:")
        for d in b["denials"]:
            lines += [f"  - party: {json.dumps(d['party'])}", f"    statement: {json.dumps(d['party'] + ' denied it.')}"]
            if d["date"]:
                lines.append(f"    date: {yaml_date(d['date'])}")
    if b.get("history"):
        lines.append("history:")
        for when, status in b["history"]:
            lines += [f"  - date: {yaml_date(when)}", f"    status: {status}"]
    lines += ["---", "", f"Body of {slug}.", ""]
    return "\n".join(lines)


def local_date(text: str) -> date:
    return datetime.fromisoformat(text).date() if "T" in text else date.fromisoformat(text)


def utc_day(text: str) -> date:
    if "T" in text:
        return datetime.fromisoformat(text).astimezone(timezone.utc).date()
    return date.fromisoformat(text)


def path_of(slug: str) -> str:
    when = local_date(BRIEFINGS[slug]["date"])
    return f"briefings/{when.year:04d}/{when.month:02d}/{slug}/"


def file_of(slug: str) -> str:
    return path_of(slug).removeprefix("briefings/").rstrip("/") + ".md"


# The reference implementation --------------------------------------------------------------------

def fold(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")  # the corpus's names are plain ASCII


def resolver(registry: dict):
    table = {}
    for key, (name, aliases) in registry.items():
        for n in (key, name, *aliases):
            table[fold(n)] = key

    def key_of(name: str) -> str:
        return table.get(fold(name), slug(name))

    def name_of(key: str, written: str) -> str:
        return registry[key][0] if key in registry else written

    return key_of, name_of


OUTLET, OUTLET_NAME = resolver(OUTLETS)
COMPANY, COMPANY_NAME = resolver(COMPANIES)


def originators(b: dict) -> list[str]:
    named = {OUTLET(s["name"]) for s in b["sources"]}
    direct = [OUTLET(s["name"]) for s in b["sources"] if not s["via"]]
    by_via = [OUTLET(s["via"]) for s in b["sources"] if s["via"] and OUTLET(s["via"]) not in named]
    return list(dict.fromkeys(direct + by_via))


def relays(b: dict) -> list[str]:
    """Sources with a via that are not originators of this briefing."""
    mine = originators(b)
    return list(dict.fromkeys(OUTLET(s["name"]) for s in b["sources"] if s["via"] and OUTLET(s["name"]) not in mine))


def confirmation_day(b: dict) -> date:
    history = b.get("history") or []
    if history:
        i = len(history) - 1
        while i > 0 and history[i - 1][1] == "confirmed":
            i -= 1
        assert history[i][1] == "confirmed"
        return utc_day(history[i][0])
    return utc_day(b.get("updated") or b["date"])


def report_day(b: dict, key: str) -> date:
    own = [utc_day(s["date"]) for s in b["sources"] if not s["via"] and s["date"] and OUTLET(s["name"]) == key]
    return min(own) if own else utc_day(b["date"])


def reference_wilson(k: int, n: int):
    """(2np + z² ± z·sqrt(z² + 4np(1−p))) / (2(n + z²)), None without trials."""
    if n == 0:
        return None
    p = k / n
    root = Z * math.sqrt(Z * Z + 4 * n * p * (1 - p))
    low = (2 * n * p + Z * Z - root) / (2 * (n + Z * Z))
    high = (2 * n * p + Z * Z + root) / (2 * (n + Z * Z))
    return low, high


RESOLVED = ("confirmed", "denied", "retracted")


def expected_measures() -> dict:
    outlet_names: dict[str, str] = {}
    company_names: dict[str, str] = {}
    for b in BRIEFINGS.values():
        for s in b["sources"]:
            for n in (s["name"], s["via"]):
                if n:
                    outlet_names.setdefault(OUTLET(n), OUTLET_NAME(OUTLET(n), n))
        for c in b["companies"]:
            company_names.setdefault(COMPANY(c), COMPANY_NAME(COMPANY(c), c))
    outlets = {}
    for key, name in outlet_names.items():
        mine = [b for b in BRIEFINGS.values() if key in originators(b)]
        relayed = [b for b in BRIEFINGS.values() if key in relays(b)]
        status = [b["status"] for b in mine]
        confirmed = status.count("confirmed")
        resolved = sum(s in RESOLVED for s in status)
        leads = [max(0, (confirmation_day(b) - report_day(b, key)).days) for b in mine if b["status"] == "confirmed"]
        interval = reference_wilson(confirmed, resolved)
        outlets[key] = {
            "name": name, "originated": len(mine), "relayed": len(relayed), "confirmed": confirmed,
            "denied": status.count("denied"), "retracted": status.count("retracted"),
            "open": sum(s in ("reported", "disputed") for s in status),
            "hit_rate": round(confirmed / resolved, 4) if resolved else None,
            "interval": [round(interval[0], 4), round(interval[1], 4)] if interval else None,
            "median_lead_days": median(leads) if leads else None,
            "relayed_confirmed": sum(b["status"] == "confirmed" for b in relayed),
        }
    companies = {}
    for key, name in company_names.items():
        denials = [(b, d) for b in BRIEFINGS.values() for d in b.get("denials", []) if COMPANY(d["party"]) == key]
        days = [(utc_day(d["date"]) - utc_day(b["date"])).days for b, d in denials if d["date"]]
        companies[key] = {"name": name, "denials": len(denials),
                          "contradicted": sum(b["status"] == "confirmed" for b, _ in denials),
                          "median_days_to_denial": median(days) if days else None}
    briefings = {path_of(s): {"independent_sources": len(originators(b)), "originators": originators(b)}
                 for s, b in BRIEFINGS.items()}
    return {"outlets": outlets, "companies": companies, "briefings": briefings}


EXPECTED = expected_measures()


def test_the_corpus_covers_what_it_should():
    """The reference figures on this corpus, as worked out by hand: the corpus does what it says."""
    b = EXPECTED["briefings"]
    assert b[path_of("toyota-ev-delay")] == {"independent_sources": 1, "originators": ["financial-times"]}
    assert b[path_of("nissan-honda-merger")] == {"independent_sources": 2, "originators": ["asahi-shimbun", "nikkei-asia"]}
    assert b[path_of("vw-plant-closure")]["originators"] == ["reuters"]
    assert b[path_of("byd-hungary-plant")]["originators"] == ["caixin"]
    assert b[path_of("honda-sony-afeela")]["independent_sources"] == 2
    assert path_of("nissan-honda-talks-resume") == "briefings/2026/04/nissan-honda-talks-resume/"
    o = EXPECTED["outlets"]
    assert o["financial-times"]["median_lead_days"] == 20  # 40 and 0
    assert o["caixin"]["median_lead_days"] == 17  # 20 (from the briefing's date) and 14 (to the last run)
    assert o["nikkei-asia"]["median_lead_days"] == 15  # 15 (own date) and 15 (from 04-05 UTC)
    assert (o["nikkei-asia"]["confirmed"], o["nikkei-asia"]["denied"], o["nikkei-asia"]["open"]) == (2, 1, 0)
    assert (o["bloomberg"]["confirmed"], o["bloomberg"]["denied"], o["bloomberg"]["retracted"]) == (2, 1, 1)
    assert o["automotive-news"]["originated"] == 0 and o["automotive-news"]["relayed"] == 2
    assert o["handelsblatt"]["hit_rate"] is None and o["handelsblatt"]["relayed"] == 2
    c = EXPECTED["companies"]
    assert c["nissan"] == {"name": "Nissan", "denials": 3, "contradicted": 2, "median_days_to_denial": 1}
    assert c["volkswagen"] == {"name": "Volkswagen Group", "denials": 2, "contradicted": 1, "median_days_to_denial": 0}
    assert c["general-motors"]["denials"] == 0 and c["general-motors"]["median_days_to_denial"] is None
    assert "foxconn" not in c and "leapmotor" not in c


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("measures"),
                           {file_of(s): briefing_text(s, b) for s, b in BRIEFINGS.items()})
    (project / "registry").mkdir()
    (project / "registry/outlets.yml").write_text(registry_yaml(OUTLETS), encoding="utf-8")
    (project / "registry/companies.yml").write_text(registry_yaml(COMPANIES), encoding="utf-8")
    result = build(project)
    assert result.ok, result.output
    return result


def text(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def measures_json(site) -> dict:
    path = site.site / "measures.json"
    assert path.exists(), "no measures.json at the site root"
    return json.loads(path.read_text(encoding="utf-8"))


def test_measures_json_matches_the_reference(site):
    data = measures_json(site)
    assert set(data) == {"outlets", "companies", "briefings"}
    # Outlets: every outlet with a page, each figure as the definitions give it.
    pages = sorted(p.name for p in (site.site / "sources").iterdir() if p.is_dir())
    assert pages == sorted(EXPECTED["outlets"])
    assert sorted(data["outlets"]) == pages
    for key, expected in EXPECTED["outlets"].items():
        assert data["outlets"][key] == expected, key
    # Companies: every company with a page, and no denying party that is none (Foxconn, a ministry).
    pages = sorted(p.name for p in (site.site / "companies").iterdir() if p.is_dir())
    assert pages == sorted(EXPECTED["companies"])
    assert sorted(data["companies"]) == pages
    for key, expected in EXPECTED["companies"].items():
        assert data["companies"][key] == expected, key
    # Briefings: by path, their originators (each once, in whatever order) and their count.
    assert sorted(data["briefings"]) == sorted(EXPECTED["briefings"])
    for path, expected in EXPECTED["briefings"].items():
        got = data["briefings"][path]
        assert set(got) == {"independent_sources", "originators"}, path
        assert got["independent_sources"] == expected["independent_sources"], path
        assert len(got["originators"]) == len(set(got["originators"])), path
        assert sorted(got["originators"]) == sorted(expected["originators"]), path


def test_measures_json_validates_against_its_schema(site):
    schema_path = site.site / "measures.schema.json"
    assert schema_path.exists(), "no measures.schema.json beside measures.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    assert schema.get("$schema") == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    data = measures_json(site)
    assert list(validator.iter_errors(data)) == []
    # The schema says something: figures of the wrong kind are refused.
    some_outlet = next(iter(data["outlets"]))
    for bad in ({**data["outlets"][some_outlet], "originated": -1},
                {**data["outlets"][some_outlet], "hit_rate": 1.5},
                {**data["outlets"][some_outlet], "interval": [0.1]}):
        assert not validator.is_valid({**data, "outlets": {some_outlet: bad}}), bad
    assert not validator.is_valid({**data, "companies": {"x": {"name": "X", "denials": "two", "contradicted": 0,
                                                              "median_days_to_denial": None}}})


def plural_days(n) -> str:
    assert n == int(n), n  # the corpus keeps every shown median whole
    n = int(n)
    return "1 day" if n == 1 else f"{n} days"


def percent(x: float) -> int:
    assert abs(x * 100 - math.floor(x * 100) - 0.5) > 1e-6, x  # no half to round either way in this corpus
    return int(math.floor(x * 100 + 0.5))


def test_briefing_pages_show_the_chain(site):
    for slug_, b in BRIEFINGS.items():
        page = site.page(path_of(slug_))
        section = page.select_one("section.ab-sources")
        assert section is not None, slug_
        assert text(section.find(["h2", "h3"])) == "Sources"
        origins = originators(b)
        count = section.select("p.ab-chain__count")
        assert len(count) == 1, slug_
        n = len(origins)
        assert re.match(rf"{n} independent source{'s' if n != 1 else ''}\b", text(count[0])), (slug_, text(count[0]))
        graphs = section.select("svg.ab-chain__graph")
        if not any(s["via"] for s in b["sources"]):
            # Sources that cite no one: nothing to draw. The page may leave out the drawing and its
            # text; if it has them, they must still be right.
            if not graphs and not section.select("ul.ab-chain__text"):
                continue
        assert len(graphs) == 1, slug_
        graph = graphs[0]
        title = graph.find("title", recursive=False)
        assert title is not None and text(title), slug_
        nodes = {g["data-key"]: g for g in graph.select("g.ab-chain__node")}
        assert len(graph.select("g.ab-chain__node")) == len(nodes), slug_  # one node per outlet
        named = {OUTLET(n) for s in b["sources"] for n in (s["name"], s["via"]) if n}
        assert set(nodes) == named, slug_
        marked = {k for k, g in nodes.items() if "ab-chain__node--origin" in g["class"]}
        assert marked == set(origins), slug_
        # The text version: who cites whom (each relay once), then who originated it.
        [listing] = section.select("ul.ab-chain__text")
        items = [text(li) for li in listing.find_all("li", recursive=False)]
        display = {k: OUTLET_NAME(k, n) for s in b["sources"] for n in (s["name"], s["via"]) if n for k in [OUTLET(n)]}
        cites = list(dict.fromkeys(f"{display[OUTLET(s['name'])]} cites {display[OUTLET(s['via'])]}"
                                   for s in b["sources"] if s["via"]))
        origin_items = [i for i in items if i.startswith("Originated by:")]
        assert len(origin_items) == 1, (slug_, items)
        assert sorted(i for i in items if not i.startswith("Originated by:")) == sorted(cites), slug_
        names = origin_items[0].removeprefix("Originated by:").strip().split(", ")
        assert sorted(names) == sorted(display[k] for k in origins), (slug_, origin_items)


def measures_of(page) -> dict[str, str]:
    dls = [dl for dl in page.select("dl.ab-measures") if "ab-denial-record" not in dl["class"]]
    assert len(dls) == 1
    return {text(dt): text(dt.find_next_sibling("dd")) for dt in dls[0].select("dt")}


def hit_rate_text(o: dict) -> str:
    resolved = o["confirmed"] + o["denied"] + o["retracted"]
    if not resolved:
        return "no resolved claims yet"
    low, high = reference_wilson(o["confirmed"], resolved)
    return (f"{percent(o['confirmed'] / resolved)}% ({o['confirmed']} of {resolved} resolved; "
            f"95% interval {percent(low)}–{percent(high)}%)")


def test_outlet_pages_show_their_measures(site):
    for key, o in EXPECTED["outlets"].items():
        facts = measures_of(site.page(f"sources/{key}/"))
        assert facts["Originated"] == str(o["originated"]), key
        assert facts["Relayed"] == f"{o['relayed']}, of which {o['relayed_confirmed']} confirmed", key
        assert facts["Hit rate"] == hit_rate_text(o), key
        lead = o["median_lead_days"]
        assert facts["Median lead time"] == ("–" if lead is None else plural_days(lead)), key


def test_sources_index_table_holds_the_raw_numbers(site):
    page = site.page("sources/")
    [table] = page.select("table.ab-measures-table")
    headers = [text(th) for th in table.select("thead th")]
    column = {name: headers.index(name) for name in headers}
    rows = {tr["data-key"]: tr.find_all("td", recursive=False) for tr in table.select("tbody tr")}
    assert len(table.select("tbody tr")) == len(rows) == len(EXPECTED["outlets"])
    assert sorted(rows) == sorted(EXPECTED["outlets"])

    def cell(key, *names):
        name = next(n for n in names if n in column)
        return rows[key][column[name]]["data-value"]

    for key, o in EXPECTED["outlets"].items():
        resolved = o["confirmed"] + o["denied"] + o["retracted"]
        assert int(cell(key, "Originated")) == o["originated"], key
        assert int(cell(key, "Relayed")) == o["relayed"], key
        assert int(cell(key, "Resolved")) == resolved, key
        assert int(cell(key, "Confirmed")) == o["confirmed"], key
        rate = cell(key, "Hit rate")
        if resolved:
            assert 0 <= float(rate) <= 1 and abs(float(rate) - o["confirmed"] / resolved) < 5e-5, (key, rate)
        else:
            assert rate == "", (key, rate)
        lead = cell(key, "Median lead (days)", "Median lead time", "Median lead")
        if o["median_lead_days"] is None:
            assert lead == "", (key, lead)
        else:
            assert float(lead) == o["median_lead_days"], (key, lead)


def test_company_pages_show_their_denial_record(site):
    for key, c in EXPECTED["companies"].items():
        page = site.page(f"companies/{key}/")
        [record] = page.select("dl.ab-denial-record")
        facts = {text(dt): text(dt.find_next_sibling("dd")) for dt in record.select("dt")}
        assert facts["Denials issued"] == str(c["denials"]), key
        assert facts["Contradicted"].split(" ")[0] == str(c["contradicted"]), (key, facts["Contradicted"])
        days = c["median_days_to_denial"]
        assert facts["Median days to denial"] == ("–" if days is None else plural_days(days)), key


def test_outlet_feed_lists_the_briefings_of_its_page(site):
    for key in EXPECTED["outlets"]:
        here = f"sources/{key}/"
        on_page = listed(site.page(here), here)
        # The outlet's briefings: those naming it as a source or in a via, newest first.
        mine = [s for s, b in BRIEFINGS.items()
                if any(OUTLET(n) == key for src in b["sources"] for n in (src["name"], src["via"]) if n)]
        mine.sort(key=lambda s: utc_day(BRIEFINGS[s]["date"]), reverse=True)  # no two on one day here
        assert on_page == [path_of(s) for s in mine], key
        feed = feedparser.parse((site.site / here / "atom.xml").read_bytes())
        assert feed.bozo == 0, key
        assert [e.link for e in feed.entries] == [BASE + p for p in on_page], key


def test_wilson_matches_the_reference_formula():
    from autobrief.core.measures import wilson

    assert wilson(0, 0) is None and reference_wilson(0, 0) is None
    for k, n in ((0, 1), (0, 7), (5, 5), (1, 1), (3, 6), (2, 3), (7, 19), (1, 40)):
        got, want = wilson(k, n), reference_wilson(k, n)
        assert got is not None
        assert got[0] == pytest.approx(want[0], abs=1e-12) and got[1] == pytest.approx(want[1], abs=1e-12), (k, n)
        assert 0 <= got[0] <= k / n + 1e-12 and k / n - 1e-12 <= got[1] <= 1, (k, n, got)
    assert wilson(0, 9)[0] == 0.0 and wilson(9, 9)[1] == 1.0  # the ends are exact, not 5.6e-17 of rounding
    # A value worked out by hand: 3 of 6 at z = 1.96 is about 18.8% to 81.2%.
    low, high = wilson(3, 6)
    assert round(low, 3) == 0.188 and round(high, 3) == 0.812
