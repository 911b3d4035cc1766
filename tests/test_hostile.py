"""Hostile input: markup, scripts, templates, bad URLs and malformed files.

Every case runs through the core (``load_corpus``, in-process under an alarm)
and, grouped into a few batches, through a real ``mkdocs build --strict`` in a
subprocess with a timeout. A file either builds or gives exactly one line
``path:line: field: message``; never a traceback, never a second line.

The tables below double as the list of hostile inputs tried (see HOSTILE_INPUTS).
"""

from __future__ import annotations

import json
import re
import signal
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from bs4 import BeautifulSoup

from autobrief.core import load_corpus
from conftest import VALID, Build, build, make_project

BUILD_TIMEOUT = 60  # seconds, for every build below
CORE_TIMEOUT = 10  # seconds, for the core on one hostile file

P = "briefings/2026/02/{}.md"
TITLE = "title: Ford and Xiaomi talked about cooperation on cars in the US?"


def edit(old: str, new: str, text: str = VALID) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


# --- helpers -----------------------------------------------------------------------------

ERROR_LINE = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+): (?P<field>[^\n]+?): (?P<message>[^\n]+)$")
LOG_LINE = re.compile(r"^(INFO|WARNING|ERROR|DEBUG)\s+-  ")


@pytest.fixture
def prompt():
    """Fail (instead of hanging) when the core takes more than CORE_TIMEOUT seconds."""

    def expired(signum, frame):
        raise TimeoutError(f"the core took more than {CORE_TIMEOUT} s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(CORE_TIMEOUT)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, data in files.items():
        path = root / "briefings" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


def core(tmp_path: Path, files: dict[str, str | bytes]):
    write_files(tmp_path, files)
    try:
        return load_corpus(tmp_path / "briefings", base=tmp_path)
    except Exception as exc:  # a traceback is a failure of its own, with the input named
        pytest.fail(f"load_corpus raised {exc!r} on {sorted(files)}")


def hostile_build(tmp_path: Path, files: dict[str, str | bytes]) -> Build:
    return build(make_project(tmp_path, files), timeout=BUILD_TIMEOUT)


def error_lines(output: str) -> list[str]:
    """The text after the level of every ERROR line that names a briefing file."""
    found = []
    for line in output.splitlines():
        m = re.match(r"^ERROR\s+-  (briefings/.*)$", line)
        if m:
            found.append(m.group(1))
    return found


def stray_lines(output: str) -> list[str]:
    """Output lines that are neither a log record nor MkDocs' closing line (a traceback, a wrapped message)."""
    return [
        line for line in output.splitlines()
        if line.strip() and not LOG_LINE.match(line) and line.strip() != "Aborted with a BuildError!"
    ]


def check_expected(lines: list[str], path: str, expected: str | re.Pattern, problems: list[str]) -> None:
    mine = [line for line in lines if line.startswith(path + ":")]
    if len(mine) != 1:
        problems.append(f"{path}: expected one error line, got {mine!r}")
        return
    line = mine[0]
    if not ERROR_LINE.match(line):
        problems.append(f"{path}: not `path:line: field: message`: {line!r}")
    ok = expected.match(line) if isinstance(expected, re.Pattern) else line.startswith(expected)
    if not ok:
        problems.append(f"{path}: expected {expected!r}, got {line!r}")


# --- 1. markup, script and template syntax in every string field ------------------------

def xss(marker: str) -> str:
    """Markup that would act if it were not escaped: an element, a script, attribute breakouts."""
    return (
        f'<img src=x onerror=alert("{marker}")><script>alert("{marker}")</script>'
        f'" onmouseover="alert(\'{marker}\')\' onfocus=\'alert(4) </title></textarea>]]>--> &amp; {marker}'
    )


def xss_short(marker: str) -> str:  # titles: under the 110-character JSON-LD headline limit
    return f'<img src=x onerror=alert(1)><script>alert("{marker}")</script>" onmouseover="alert(3)'


def jinja(marker: str) -> str:
    return f"{marker} {{{{ 7*7 }}}} {{% for x in range(3) %}}x{{% endfor %}} {{{{ config }}}}"


def hostile_front(kind: str, tag: str, day: int) -> dict:
    """Front matter with a hostile value (unique marker per field) in every string field."""
    value = xss if kind == "xss" else jinja
    short = xss_short if kind == "xss" else jinja
    m = lambda name: f"M{tag}{name}"  # noqa: E731  unique marker per field and briefing
    return {
        "title": short(m("TITLE")),
        "date": f"2026-03-0{day}",
        "status": "denied",
        "claim": value(m("CLAIM")),
        "summary": value(m("SUMMARY")),
        "companies": [value(m("COMPANY")), f"Plain {tag}"],
        "regions": [value(m("REGION"))],
        "tags": [value(m("TAG"))],
        "story": "hostile-story",
        "sources": [
            {"name": value(m("SOURCE")), "title": value(m("HEADLINE")),
             "url": f'https://example.com/{tag}?q="><img/src=x/onerror=alert(1)>&x=\'onmouseover=\'alert(2)\''},
            {"name": f"Relay {tag}", "via": value(m("SOURCE"))},
            {"name": f"Other {tag}", "via": value(m("VIA"))},  # cites an outlet the briefing does not list
        ],
        "denials": [{"party": value(m("PARTY")), "statement": value(m("STATEMENT")),
                     "url": f"https://example.com/{tag}/\"onclick=\"alert(1)"}],
        "watch": [value(m("WATCH"))],
        "authors": [value(m("AUTHOR"))],
    }


FRONTS = {
    "xss": hostile_front("xss", "X", 1),
    "jinja": hostile_front("jinja", "J", 2),
}


def dump(front: dict, body: str = "Plain body.\n") -> str:
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + body


def strings_of(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for v in value for s in strings_of(v)]
    if isinstance(value, dict):
        return [s for k, v in value.items() if k not in ("date", "status", "story", "url") for s in strings_of(v)]
    return []


def field_values(front: dict) -> list[str]:
    return strings_of(front)


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory) -> Build:
    files = {f"2026/03/{name}.md": dump(front) for name, front in FRONTS.items()}
    result = hostile_build(tmp_path_factory.mktemp("xss"), files)
    assert result.ok, result.output
    return result


def inert_problems(rel: str, soup: BeautifulSoup, markers: list[str]) -> list[str]:
    problems = []
    if len([t for t in soup.find_all("title") if not t.find_parent("svg")]) != 1:
        problems.append(f"{rel}: not exactly one <title> outside SVG")
    for node in soup.find_all(True):
        for attr, value in node.attrs.items():
            if attr.lower().startswith("on"):
                problems.append(f"{rel}: <{node.name} {attr}={value!r}>")
            values = value if isinstance(value, list) else [value]
            if attr in ("href", "src", "action", "formaction") and any(
                v.strip().lower().startswith(("javascript:", "vbscript:", "data:")) for v in values
            ):
                problems.append(f"{rel}: <{node.name} {attr}={value!r}>")
        if node.name in ("img", "iframe", "svg", "object", "embed") and node.get("src") == "x":
            problems.append(f"{rel}: injected <{node.name} src=x>")
    for script in soup.find_all("script"):
        text = script.string if script.string is not None else script.get_text()
        if script.get("type") == "application/ld+json":
            if "<" in text:
                problems.append(f"{rel}: '<' inside JSON-LD")
            try:
                json.loads(text)
            except ValueError as exc:
                problems.append(f"{rel}: JSON-LD does not parse: {exc}")
        elif "alert(" in text or any(m in text for m in markers):
            problems.append(f"{rel}: a script carries the payload: {text[:120]!r}")
    return problems


def all_markers() -> list[str]:
    return sorted({m for front in FRONTS.values() for v in field_values(front) for m in re.findall(r"M[XJ][A-Z]+", v)})


def test_every_html_page_is_inert(xss_site):
    markers = all_markers()
    pages = sorted(xss_site.site.rglob("*.html"))
    assert len(pages) > 20, [p.relative_to(xss_site.site).as_posix() for p in pages]
    problems = []
    for path in pages:
        rel = path.relative_to(xss_site.site).as_posix()
        text = path.read_text(encoding="utf-8")
        problems += inert_problems(rel, BeautifulSoup(text, "html.parser"), markers)
        # Templates were never evaluated: no 7*7, no loop output, no config dump next to a marker.
        for bad in re.findall(r"MJ[A-Z]+ (?:49|xxx)", text):
            problems.append(f"{rel}: rendered template: {bad!r}")
        if "&lt;mkdocs.config" in text or "<mkdocs.config" in text or "'site_name':" in text:
            problems.append(f"{rel}: the MkDocs config was printed")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", sorted(FRONTS))
def test_every_field_shows_literally_on_its_pages(xss_site, name):
    front = FRONTS[name]
    page = xss_site.page(f"briefings/2026/03/{name}/")
    text = page.get_text()
    assert page.h1.get_text(strip=True) == front["title"]
    assert page.title.get_text().startswith(front["title"])
    assert page.select_one('meta[name="description"]')["content"] == front["summary"]
    assert page.select_one('meta[property="og:title"]')["content"].startswith(front["title"])
    missing = [v for v in field_values(front) if v != front["summary"] and v not in text]
    assert not missing, missing
    hrefs = {a.get("href") for a in page.find_all("a")}
    assert front["sources"][0]["url"] in hrefs and front["denials"][0]["url"] in hrefs
    # Listings show the title and the summary as text.
    for url in ("", "briefings/", "status/denied/", "stories/hostile-story/"):
        listing = xss_site.page(url)
        target = f"https://site/briefings/2026/03/{name}/"
        titles = [a.get_text(strip=True) for a in listing.find_all("a", href=True)
                  if urljoin("https://site/" + url, a["href"]) == target]
        assert titles and all(t == front["title"] for t in titles), (url, titles)
        assert front["summary"] in listing.get_text(), url
    # Each company, region, tag and outlet has a page whose heading is the name, as text.
    headings = {xss_site.page(p.parent.relative_to(xss_site.site).as_posix()).h1.get_text(strip=True)
                for p in xss_site.site.glob("*/*/index.html")}
    wanted = front["companies"] + front["regions"] + front["tags"] + [front["sources"][0]["name"]]
    assert [w for w in wanted if not any(w in h for h in headings)] == [], headings


ATOM = "{http://www.w3.org/2005/Atom}"


def html_fragment_problems(where: str, html: str, expected_text: str | None = None) -> list[str]:
    """An HTML fragment from a feed: only <p> elements, no payload element, text as given."""
    soup = BeautifulSoup(html, "html.parser")
    problems = [f"{where}: element <{n.name}> in feed HTML" for n in soup.find_all(True) if n.name != "p"]
    problems += [f"{where}: attributes {n.attrs} in feed HTML" for n in soup.find_all(True) if n.attrs]
    if expected_text is not None and soup.get_text() != expected_text:
        problems.append(f"{where}: text {soup.get_text()!r} != {expected_text!r}")
    return problems


def test_every_feed_is_well_formed_and_round_trips(xss_site):
    site = xss_site.site
    titles = {front["title"]: front for front in FRONTS.values()}
    problems = []
    rss = ET.fromstring((site / "feed.xml").read_bytes())
    items = rss.findall("./channel/item")
    assert {i.findtext("title") for i in items} == set(titles)
    for item in items:
        front = titles[item.findtext("title")]
        problems += html_fragment_problems("feed.xml description", item.findtext("description"), front["summary"])
    atoms = [site / "atom.xml", *sorted(site.glob("*/*/atom.xml"))]
    assert len(atoms) > 10
    for path in atoms:
        rel = path.relative_to(site).as_posix()
        feed = ET.fromstring(path.read_bytes())  # well-formed, or this raises
        for node in feed.iter():
            if node.tag.split("}")[-1] in ("script", "img"):
                problems.append(f"{rel}: element {node.tag}")
        for entry in feed.findall(f"{ATOM}entry"):
            title = entry.findtext(f"{ATOM}title")
            if title not in titles:
                problems.append(f"{rel}: title {title!r} is not a briefing's title")
                continue
            front = titles[title]
            summary = entry.find(f"{ATOM}summary")
            content = entry.find(f"{ATOM}content")
            problems += html_fragment_problems(f"{rel} summary", summary.text, front["summary"])
            problems += html_fragment_problems(f"{rel} content", content.text)
            content_text = BeautifulSoup(content.text, "html.parser").get_text()
            if front["summary"] not in content_text or front["claim"] not in content_text:
                problems.append(f"{rel}: content lost the summary or the claim: {content_text!r}")
            terms = {c.get("term") for c in entry.findall(f"{ATOM}category")}
            if not set(front["companies"] + front["regions"] + front["tags"]) <= terms:
                problems.append(f"{rel}: categories {terms!r}")
            authors = [a.findtext(f"{ATOM}name") for a in entry.findall(f"{ATOM}author")]
            if authors != front["authors"]:
                problems.append(f"{rel}: authors {authors!r}")
    data = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    for item in data["items"]:
        front = titles[item["title"]]
        if item.get("summary") != front["summary"]:
            problems.append(f"feed.json summary {item.get('summary')!r}")
        if "content_html" in item:
            problems += html_fragment_problems("feed.json content_html", item["content_html"])
        ext = item["_autobrief"]
        for key in ("claim", "companies", "regions"):
            if ext[key] != front[key]:
                problems.append(f"feed.json {key}: {ext[key]!r}")
        if [s["name"] for s in ext["sources"]] != [s["name"] for s in front["sources"]]:
            problems.append(f"feed.json sources: {ext['sources']!r}")
        if ext["denials"][0]["statement"] != front["denials"][0]["statement"]:
            problems.append(f"feed.json denials: {ext['denials']!r}")
    for path in site.rglob("*.xml"):  # sitemap and any other XML: well-formed
        ET.fromstring(path.read_bytes())
    for path in site.rglob("*.json"):  # search index, schema, dataset: all parse
        json.loads(path.read_text(encoding="utf-8"))
    assert not problems, "\n".join(problems)


def test_json_ld_blocks_parse_and_cannot_close_their_element(xss_site):
    seen = 0
    for path in sorted(xss_site.site.rglob("*.html")):
        raw = path.read_text(encoding="utf-8")
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', raw, re.S):
            seen += 1
            assert "</" not in block and "<" not in block, path
            json.loads(block)
    assert seen >= len(FRONTS)
    for name, front in FRONTS.items():
        page = xss_site.page(f"briefings/2026/03/{name}/")
        (script,) = page.select('script[type="application/ld+json"]')
        graph = json.loads(script.string)["@graph"]
        article = next(n for n in graph if n["@type"] == "NewsArticle")
        assert article["headline"] == front["title"]
        assert article["description"] == front["summary"]
        assert [a["name"] for a in article["author"]] == front["authors"]
        texts = {n.get("text") for n in graph if n["@type"] == "Claim"}
        assert {front["claim"], front["denials"][0]["statement"]} <= texts


def test_dataset_round_trips_every_field(xss_site):
    data = json.loads((xss_site.site / "briefings.json").read_text(encoding="utf-8"))
    records = {r["title"]: r for r in data["briefings"]}
    for front in FRONTS.values():
        record = records[front["title"]]
        for key, value in front.items():
            got = record[key]
            if key in ("sources", "denials"):
                got = [{k: v for k, v in entry.items() if v is not None} for entry in got]
            assert got == value, key


def test_front_matter_templates_are_never_rendered_by_the_core(tmp_path):
    corpus = core(tmp_path, {"2026/03/jinja.md": dump(FRONTS["jinja"])})
    assert corpus.ok, corpus.errors
    (b,) = corpus.briefings
    assert b.title == FRONTS["jinja"]["title"] and "{{ 7*7 }}" in b.claim


# --- 2. URLs, slugs and stories ----------------------------------------------------------

BAD_URLS = [  # (id, value, expected message after "field: ")
    ("javascript", "javascript:alert(1)", "must be an absolute http or https URL; its scheme is 'javascript:'"),
    ("javascript-mixed-case", "JaVaScRiPt:alert(1)", "must be an absolute http or https URL; its scheme is 'javascript:'"),
    ("javascript-leading-spaces", "   javascript:alert(1)", "must be an absolute http or https URL; its scheme is 'javascript:'"),
    ("javascript-leading-tab", "\tjavascript:alert(1)", "must be an absolute http or https URL; its scheme is 'javascript:'"),
    ("javascript-inner-tab", "java\tscript:alert(1)", "must be an absolute http or https URL"),
    ("javascript-leading-control", "\x01javascript:alert(1)", "must be an absolute http or https URL"),
    ("javascript-nbsp", "\u00a0javascript:alert(1)", "must be an absolute http or https URL; its scheme is 'javascript:'"),
    ("javascript-slashes", "javascript://example.com/%0aalert(1)", "must be an absolute http or https URL; its scheme is 'javascript:'"),
    ("vbscript", "vbscript:msgbox(1)", "must be an absolute http or https URL; its scheme is 'vbscript:'"),
    ("data", "data:text/html,<script>alert(1)</script>", "must be an absolute http or https URL; its scheme is 'data:'"),
    ("scheme-relative", "//evil.example/path", "must be an absolute http or https URL; its scheme is none (a relative URL)"),
    ("root-relative", "/news/story", "must be an absolute http or https URL; its scheme is none (a relative URL)"),
    ("relative", "news/story", "must be an absolute http or https URL; its scheme is none (a relative URL)"),
    ("dot-relative", "../../index.html", "must be an absolute http or https URL; its scheme is none (a relative URL)"),
    ("fragment", "#top", "must be an absolute http or https URL; its scheme is none (a relative URL)"),
    ("file", "file:///etc/passwd", "must be an absolute http or https URL; its scheme is 'file:'"),
    ("no-host", "https:alert(1)", "must be an absolute http or https URL with a host and no spaces"),
    ("empty-host", "https:///x", "must be an absolute http or https URL with a host and no spaces"),
    ("space", "https://exa mple.com/", "must be an absolute http or https URL with a host and no spaces"),
]
URL_PLACES = {
    # where -> (how to put the URL in VALID, line, field)
    "source": (lambda u: edit("url: https://www.reuters.com/", "url: " + json.dumps(u)), 10, "sources[1].url"),
    "denial": (lambda u: edit("    statement: Ford called the report false.",
                              "    statement: Ford called the report false.\n    url: " + json.dumps(u)), 14, "denials[0].url"),
}
URL_CASES = [
    (f"url-{where}-{name}", {f"2026/02/url-{where}-{name}.md": put(value)}, f"{P.format(f'url-{where}-{name}')}:{line}: {field}: {message}")
    for name, value, message in BAD_URLS
    for where, (put, line, field) in URL_PLACES.items()
]

BAD_SLUGS = [("dotdot-slash", "../etc"), ("dotdot", ".."), ("inner-dotdot", "a/../b"), ("slash", "a/b"),
             ("backslash", "..\\x"), ("encoded", "%2e%2e%2f"), ("absolute", "/etc/passwd"),
             ("uppercase", "Ford"), ("trailing-hyphen", "ford-"), ("double-hyphen", "a--b"), ("empty", "")]
SLUG_CASES = [
    (f"{field}-{name}", {f"2026/02/{field}-{name}.md": edit("status: denied\n", f"status: denied\n{field}: {json.dumps(value)}\n")},
     f"{P.format(f'{field}-{name}')}:5: {field}: '{value}' is not a slug")
    for name, value in BAD_SLUGS
    for field in ("slug", "story")
]
# A value echoed in a message must not break the line: a writer could forge errors or hide them.
NEWLINE_CASES = [
    ("story-newline", {"2026/02/story-newline.md": edit("status: denied\n", 'status: denied\nstory: "ford\\n"\n')},
     f"{P.format('story-newline')}:5: story: "),
    ("slug-newline", {"2026/02/slug-newline.md": edit("status: denied\n", 'status: denied\nslug: "a\\nERROR    -  briefings/2026/02/forged.md:1: title: forged"\n')},
     f"{P.format('slug-newline')}:5: slug: "),
    ("status-newline", {"2026/02/status-newline.md": edit("status: denied", 'status: "denied\\nERROR    -  briefings/2026/02/forged.md:1: title: forged"')},
     f"{P.format('status-newline')}:4: status: "),
]


# --- 3. malformed files and YAML ----------------------------------------------------------

def bomb(levels: int) -> str:
    names = "abcdefghijklmnop"[:levels]
    lines = [f"a: &a [{', '.join(['lol'] * 10)}]"]
    for prev, name in zip(names, names[1:]):
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 10)}]")
    return "---\n" + "\n".join(lines) + "\n---\nBody\n"


NUMBER = "9" * 5000  # beyond Python's 4300-digit int-from-text limit
ERROR_CASES: list[tuple[str, dict[str, str | bytes], str | re.Pattern]] = [
    # YAML
    ("billion-laughs", {"2026/02/billion-laughs.md": bomb(9)}, f"{P.format('billion-laughs')}:6: e: expands to more than 50,000 values"),
    ("alias-cycle", {"2026/02/alias-cycle.md": "---\na: &a [*a]\n---\n"}, f"{P.format('alias-cycle')}:2: a[0]: refers to itself through an alias"),
    ("deep-brackets", {"2026/02/deep-brackets.md": "---\ntitle: " + "[" * 10_000 + "]" * 10_000 + "\n---\nBody\n"},
     re.compile(re.escape(P.format("deep-brackets")) + r":2: (front matter|title[\[\]0-9]*): .*nest")),
    ("deep-braces", {"2026/02/deep-braces.md": "---\ntitle: " + "{a: " * 10_000 + "b" + "}" * 10_000 + "\n---\nBody\n"},
     re.compile(re.escape(P.format("deep-braces")) + r":2: (front matter|title[.a]*): .*nest")),
    ("deep-open-braces", {"2026/02/deep-open-braces.md": "---\ntitle: " + "{" * 10_000 + "\n---\nBody\n"},
     re.compile(re.escape(P.format("deep-open-braces")) + r":2: front matter: .*")),
    ("deep-block", {"2026/02/deep-block.md": "---\ntitle:\n" + "- " * 10_000 + "x\n---\nBody\n"},
     re.compile(re.escape(P.format("deep-block")) + r":3: (front matter|title[\[\]0-9]*): .*nest")),
    ("tab-indentation", {"2026/02/tab-indentation.md": VALID.replace("  - name: Financial Times", "\t- name: Financial Times")},
     f"{P.format('tab-indentation')}:7: front matter: invalid YAML"),
    ("python-apply", {"2026/02/python-apply.md": edit("status: denied", 'status: !!python/object/apply:os.system ["touch PWNED"]')},
     f"{P.format('python-apply')}:4: front matter: invalid YAML: could not determine a constructor for the tag"),
    ("python-apply-top", {"2026/02/python-apply-top.md": '---\n!!python/object/apply:os.system ["touch PWNED"]\n---\nBody\n'},
     f"{P.format('python-apply-top')}:2: front matter: invalid YAML: could not determine a constructor for the tag"),
    ("python-new", {"2026/02/python-new.md": edit("status: denied", "status: !!python/object/new:subprocess.Popen [[touch, PWNED]]")},
     f"{P.format('python-new')}:4: front matter: invalid YAML: could not determine a constructor for the tag"),
    ("python-name", {"2026/02/python-name.md": edit("status: denied", "status: !!python/name:os.system")},
     f"{P.format('python-name')}:4: front matter: invalid YAML: could not determine a constructor for the tag"),
    ("tag-directive", {"2026/02/tag-directive.md": "---\n%TAG !p! tag:yaml.org,2002:python/object/apply:\ntitle: !p!os.system [touch PWNED]\n---\n"},
     f"{P.format('tag-directive')}:3: front matter: invalid YAML"),
    ("custom-tag", {"2026/02/custom-tag.md": edit("status: denied", "status: !denied x")},
     f"{P.format('custom-tag')}:4: front matter: invalid YAML: could not determine a constructor for the tag '!denied'"),
    ("second-document", {"2026/02/second-document.md": edit("status: denied", "status: denied\n...\n%YAML 1.1\nmore: x")},
     f"{P.format('second-document')}:7: front matter: invalid YAML"),
    ("nul-in-front-matter", {"2026/02/nul-in-front-matter.md": edit("status: denied", "status: denied\x00")},
     f"{P.format('nul-in-front-matter')}:4: front matter: "),
    ("control-char-in-front-matter", {"2026/02/control-char-in-front-matter.md": edit("status: denied", "status: denied\x07")},
     f"{P.format('control-char-in-front-matter')}:4: front matter: "),
    ("front-matter-over-1mb", {"2026/02/front-matter-over-1mb.md": "---\ntitle: " + "x" * 1_000_001 + "\n---\nBody\n"},
     f"{P.format('front-matter-over-1mb')}:1: front matter: is larger than 1,000,000 characters"),
    # scalars and keys
    ("huge-int-title", {"2026/02/huge-int-title.md": edit(TITLE, "title: " + NUMBER)}, f"{P.format('huge-int-title')}:2: title: must be text, not a number"),
    ("huge-negative-int-company", {"2026/02/huge-negative-int-company.md": edit("companies: [Ford, Xiaomi]", f"companies: [Ford, -{NUMBER}]")},
     f"{P.format('huge-negative-int-company')}:5: companies[1]: must be text, not a number"),
    ("huge-int-date", {"2026/02/huge-int-date.md": edit("date: 2026-02-02", "date: " + NUMBER)}, f"{P.format('huge-int-date')}:3: date: "),
    ("long-int-title", {"2026/02/long-int-title.md": edit(TITLE, "title: " + "9" * 4000)}, f"{P.format('long-int-title')}:2: title: must be text, not a number"),
    ("huge-float-title", {"2026/02/huge-float-title.md": edit(TITLE, "title: 1.0e+999")}, f"{P.format('huge-float-title')}:2: title: must be text, not a number"),
    ("long-float-claim", {"2026/02/long-float-claim.md": edit("status: denied", "status: denied\nclaim: 1." + "9" * 100_000)},
     f"{P.format('long-float-claim')}:5: claim: must be text, not a number"),
    ("nan-title", {"2026/02/nan-title.md": edit(TITLE, "title: .nan")}, f"{P.format('nan-title')}:2: title: must be text, not a number"),
    ("key-int", {"2026/02/key-int.md": edit("status: denied", "status: denied\n1: x")}, f"{P.format('key-int')}:5: 1: "),
    ("key-null", {"2026/02/key-null.md": edit("status: denied", "status: denied\nnull: x")}, f"{P.format('key-null')}:5: null: "),
    ("key-list", {"2026/02/key-list.md": edit("status: denied", "status: denied\n[a]: b")}, f"{P.format('key-list')}:5: front matter: invalid YAML"),
    ("key-mapping", {"2026/02/key-mapping.md": edit("status: denied", "status: denied\n? {a: 1}\n: b")}, f"{P.format('key-mapping')}:5: front matter: invalid YAML"),
    ("key-int-in-source", {"2026/02/key-int-in-source.md": edit("    via: Financial Times", "    via: Financial Times\n    1: x")},
     f"{P.format('key-int-in-source')}:10: sources[1].1: "),
    # files
    ("empty", {"2026/02/empty.md": b""}, f"{P.format('empty')}:1: file: is empty"),
    ("whitespace-only", {"2026/02/whitespace-only.md": b" \n\t\n  \r\n\n"}, f"{P.format('whitespace-only')}:1: file: is empty"),
    ("dashes-only", {"2026/02/dashes-only.md": b"---"}, f"{P.format('dashes-only')}:1: file: front matter is not closed"),
    ("dashes-only-newline", {"2026/02/dashes-only-newline.md": b"---\n"}, f"{P.format('dashes-only-newline')}:1: file: front matter is not closed"),
    ("two-dash-lines", {"2026/02/two-dash-lines.md": b"---\n---\n"}, f"{P.format('two-dash-lines')}:1: front matter: is empty"),
    ("not-utf8-body", {"2026/02/not-utf8-body.md": VALID.encode().replace(b"Body text.", b"Caf\xe9")}, f"{P.format('not-utf8-body')}:15: file: is not valid UTF-8"),
    ("not-utf8-front-matter", {"2026/02/not-utf8-front-matter.md": VALID.encode().replace(b"Ford called", b"F\xc3\x28rd called")},
     f"{P.format('not-utf8-front-matter')}:13: file: is not valid UTF-8"),
    ("utf16", {"2026/02/utf16.md": VALID.encode("utf-16")}, f"{P.format('utf16')}:1: file: is not valid UTF-8"),
    ("latin1-title", {"2026/02/latin1-title.md": VALID.replace("Ford and", "Škoda and").encode("cp1250")}, f"{P.format('latin1-title')}:2: file: is not valid UTF-8"),
    ("leading-blank-line", {"2026/02/leading-blank-line.md": "\n" + VALID}, f"{P.format('leading-blank-line')}:1: file: has no front matter"),
]
ERROR_CASES += [
    # Escaped control characters are valid YAML, but no page, feed or terminal can show them.
    ("control-chars-escaped", {"2026/02/control-chars-escaped.md": edit(
        "status: denied", 'status: denied\nclaim: "bell\\a nul\\0 esc\\e sep\\x1c del\\x7f"')},
     f"{P.format('control-chars-escaped')}:5: claim: contains the control character U+0007"),
]
ERROR_CASES += URL_CASES + SLUG_CASES + NEWLINE_CASES

BIG = "Paragraph of plain text that goes on for a while. " * 40 + "\n\n"
BIG_BODY = BIG * (10_000_000 // len(BIG) + 1) + "THE-LAST-PARAGRAPH\n"
BUILD_CASES: list[tuple[str, dict[str, str | bytes]]] = [
    ("bom", {"2026/02/bom.md": ("\ufeff" + VALID).encode("utf-8")}),
    ("crlf", {"2026/02/crlf.md": VALID.replace("\n", "\r\n").encode()}),
    ("cr-only", {"2026/02/cr-only.md": VALID.replace("\n", "\r").encode()}),
    ("bom-crlf", {"2026/02/bom-crlf.md": ("\ufeff" + VALID.replace("\n", "\r\n")).encode("utf-8")}),
    ("tabs-in-body", {"2026/02/tabs-in-body.md": VALID.replace("Body text.", "Body\twith\ttabs.\n\n\tand an indented block")}),
    ("front-matter-only", {"2026/02/front-matter-only.md": VALID.replace("Body text.\n", "")}),
    ("front-matter-only-no-newline", {"2026/02/front-matter-only-no-newline.md": VALID.replace("---\nBody text.\n", "---")}),
    ("nul-in-body", {"2026/02/nul-in-body.md": VALID.replace("Body text.", "Body\x00text.")}),
    ("documents-in-body", {"2026/02/documents-in-body.md": VALID + "---\ntitle: second\n---\ntitle: third\n---\n"}),
    ("trailing-spaces-on-dashes", {"2026/02/trailing-spaces-on-dashes.md": VALID.replace("---\n", "---   \n")}),
    ("long-dashes", {"2026/02/long-dashes.md": VALID.replace("---\n", "------\n")}),
    ("quoted-huge-int", {"2026/02/quoted-huge-int.md": edit(TITLE, f'title: "{NUMBER[:150]}"\nclaim: "{NUMBER}"')}),
    ("quoted-huge-float", {"2026/02/quoted-huge-float.md": edit(TITLE, 'title: "1.0e+999"')}),
    # Unicode format characters are text; control characters are refused (see ERROR_CASES).
    ("format-characters", {"2026/02/format-characters.md": edit(
        "status: denied", 'status: denied\nsummary: "line\\u2028sep\\u2029end"\nclaim: "\\u202e reversed"\ntags: ["\\ufeffev", "e\\u200dv"]')}),
    ("unicode-names", {"2026/02/unicode-names.md": edit("companies: [Ford, Xiaomi]", 'companies: ["小米", "Škoda", "🚗 Cars", "\\U0001F600"]')}),
    ("ten-megabyte-body", {"2026/02/ten-megabyte-body.md": VALID.replace("Body text.", BIG_BODY)}),
]

# Valid by the model, but each has crashed the build once: it must build, or stop with one clear line.
EDGE_CASES: list[tuple[str, dict[str, str | bytes], str]] = [
    # clean() leaves nothing of these titles for the feeds
    ("title-nul", {"2026/02/title-nul.md": edit(TITLE, 'title: "\\0"')}, f"{P.format('title-nul')}:2: title: "),
    ("title-separator", {"2026/02/title-separator.md": edit(TITLE, 'title: "\\x1c"')}, f"{P.format('title-separator')}:2: title: "),
    ("title-noncharacter", {"2026/02/title-noncharacter.md": edit(TITLE, 'title: "\\uFFFE"')}, f"{P.format('title-noncharacter')}:2: title: "),
    # a date past 2106-02-07 overflows the 32-bit gzip time of sitemap.xml.gz
    ("date-2106", {"2026/02/date-2106.md": edit("date: 2026-02-02", "date: 2106-02-08")}, f"{P.format('date-2106')}:3: date: "),
    ("date-9999", {"2026/02/date-9999.md": edit("date: 2026-02-02", "date: 9999-12-31")}, f"{P.format('date-9999')}:3: date: "),
    ("updated-2200", {"2026/02/updated-2200.md": edit("date: 2026-02-02", "date: 2026-02-02\nupdated: 2200-01-01")}, f"{P.format('updated-2200')}:4: updated: "),
    ("date-year-1", {"2026/02/date-year-1.md": edit("date: 2026-02-02", "date: 0001-01-01")}, f"{P.format('date-year-1')}:3: date: "),
]


@pytest.mark.parametrize("case_id, files, expected", EDGE_CASES, ids=[c[0] for c in EDGE_CASES])
def test_build_of_model_valid_edge_cases_never_crashes(tmp_path, case_id, files, expected):
    result = hostile_build(tmp_path, files)
    output = result.output
    assert "Traceback" not in output, output[output.index("Traceback"):][-1500:]
    assert not stray_lines(output), stray_lines(output)
    if result.ok:
        (rel,) = files
        b = load_corpus(result.project / "briefings", base=result.project).briefings[0]
        assert (result.site / b.url / "index.html").is_file()
        for path in [result.site / "feed.xml", result.site / "atom.xml", *result.site.glob("*/*/atom.xml")]:
            ET.fromstring(path.read_bytes())
    else:
        problems: list[str] = []
        (rel,) = files
        check_expected(error_lines(output), "briefings/" + rel, expected, problems)
        assert not problems, "\n".join(problems)


# The list of hostile inputs tried, for the record.
HOSTILE_INPUTS = (["xss in every string field", "jinja in every string field"] + [c[0] for c in ERROR_CASES]
                  + [c[0] for c in BUILD_CASES] + [c[0] for c in EDGE_CASES])


# --- 3a. the core, one case at a time ---------------------------------------------------

@pytest.mark.parametrize("case_id, files, expected", ERROR_CASES, ids=[c[0] for c in ERROR_CASES])
def test_core_gives_one_clear_line(tmp_path, prompt, case_id, files, expected):
    corpus = core(tmp_path, files)
    lines = [str(e) for e in corpus.errors]
    problems: list[str] = []
    (rel,) = files
    check_expected(lines, "briefings/" + rel, expected, problems)
    problems += [f"error spans lines: {line!r}" for line in lines if "\n" in line or "\r" in line]
    assert not corpus.briefings
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("case_id, files", BUILD_CASES, ids=[c[0] for c in BUILD_CASES])
def test_core_accepts(tmp_path, prompt, case_id, files):
    corpus = core(tmp_path, files)
    assert corpus.ok, [str(e) for e in corpus.errors]
    (b,) = corpus.briefings
    assert b.front.status == "denied" and "\r" not in b.body


def test_python_tags_never_run(tmp_path, prompt, monkeypatch):
    monkeypatch.chdir(tmp_path)  # "touch PWNED" would land here
    files = {rel: data for case_id, fs, _ in ERROR_CASES if "python" in case_id or case_id == "tag-directive"
             for rel, data in fs.items()}
    corpus = core(tmp_path, files)
    assert len({e.path for e in corpus.errors}) == len(files)
    assert not (tmp_path / "PWNED").exists()


def test_a_hidden_briefing_is_not_dropped_silently(tmp_path, prompt):
    """The contract: every file under briefings/ is on the site or named in an error.

    A Markdown file whose name starts with a dot (or in a dot-folder) is neither today.
    """
    files = {"2026/02/.talks.md": VALID, "2026/02/.drafts/more.md": VALID.replace("title: Ford", "title: More Ford")}
    corpus = core(tmp_path, files)
    published = {b.path for b in corpus.briefings}
    named = {e.path for e in corpus.errors}
    lost = [rel for rel in files if "briefings/" + rel not in published | named]
    assert not lost, f"dropped silently: {lost}"


def test_an_unreadable_briefing_is_one_line_in_the_build_as_in_check(tmp_path):
    """A link to a file that is gone (a moved draft, a half-synced folder) gets a line, not a traceback."""
    project = make_project(tmp_path, {"2026/02/talks.md": VALID})
    (project / "briefings/2026/02/gone.md").symlink_to(project / "nowhere.md")
    result = build(project)
    assert not result.ok
    assert "briefings/2026/02/gone.md:1: file: cannot be read: No such file or directory" in result.output
    assert "Traceback" not in result.output


# --- 3b. real builds, in batches ----------------------------------------------------------

ERROR_BATCHES = {
    "yaml": [c for c in ERROR_CASES if c[0] in {
        "billion-laughs", "alias-cycle", "deep-brackets", "deep-braces", "deep-open-braces", "deep-block",
        "tab-indentation", "python-apply", "python-apply-top", "python-new", "python-name", "tag-directive",
        "custom-tag", "second-document", "front-matter-over-1mb"}],
    "control-characters": [c for c in ERROR_CASES if c[0] in {"nul-in-front-matter", "control-char-in-front-matter",
                                                             "control-chars-escaped"}],
    "numbers": [c for c in ERROR_CASES if c[0].startswith(("huge-", "long-", "nan-"))],
    "keys": [c for c in ERROR_CASES if c[0].startswith("key-")],
    "files": [c for c in ERROR_CASES if c[0] in {
        "empty", "whitespace-only", "dashes-only", "dashes-only-newline", "two-dash-lines", "not-utf8-body",
        "not-utf8-front-matter", "utf16", "latin1-title", "leading-blank-line"}],
    "urls": URL_CASES,
    "slugs": SLUG_CASES,
    "newlines": NEWLINE_CASES,
}


def test_every_error_case_is_in_a_batch():
    batched = [c[0] for cases in ERROR_BATCHES.values() for c in cases]
    assert sorted(batched) == sorted(c[0] for c in ERROR_CASES)


@pytest.mark.parametrize("batch", sorted(ERROR_BATCHES))
def test_build_lists_every_error_on_one_line(tmp_path, batch):
    cases = ERROR_BATCHES[batch]
    files = {rel: data for _, fs, _ in cases for rel, data in fs.items()}
    result = hostile_build(tmp_path, files)
    output = result.output
    problems: list[str] = []
    if result.ok:
        problems.append("the build succeeded")
    traceback = "Traceback" in output
    if traceback:
        problems.append("a traceback:\n" + output[output.index("Traceback"):][-1200:])
    lines = error_lines(output)
    for case_id, fs, expected in cases:
        (rel,) = fs
        check_expected(lines, "briefings/" + rel, expected, problems)
    named = {line.split(":", 1)[0] for line in lines}
    forged = named - {"briefings/" + rel for rel in files}
    if forged:
        problems.append(f"error lines for files that do not exist: {sorted(forged)}")
    if not traceback:
        problems += [f"stray output line: {line!r}" for line in stray_lines(output)]
    summary = re.search(r"(\d+) error\(s\) in (\d+) briefing file\(s\); nothing was published", output)
    if not summary or int(summary.group(2)) != len(files):
        problems.append(f"the closing line does not count {len(files)} files")
    if (tmp_path / "project" / "PWNED").exists():
        problems.append("a python tag ran")
    assert not problems, "\n".join(problems)


def test_build_accepts_the_awkward_but_valid(tmp_path):
    files = {rel: data for _, fs in BUILD_CASES for rel, data in fs.items()}
    result = hostile_build(tmp_path, files)
    assert result.ok, result.output[-3000:]
    assert "Traceback" not in result.output and not stray_lines(result.output)
    for case_id, fs in BUILD_CASES:
        (rel,) = fs
        page = result.site / "briefings/2026/02" / Path(rel).stem / "index.html"
        assert page.is_file(), case_id
        if case_id == "ten-megabyte-body":
            raw = page.read_text(encoding="utf-8")
            assert len(raw) > 10_000_000 and "THE-LAST-PARAGRAPH" in raw
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        title = soup.h1.get_text(strip=True)
        if case_id == "quoted-huge-int":
            assert title == NUMBER[:150] and NUMBER in soup.get_text()
        elif case_id == "quoted-huge-float":
            assert title == "1.0e+999"
        else:
            assert title == "Ford and Xiaomi talked about cooperation on cars in the US?", case_id
        if case_id == "tabs-in-body":
            assert re.search(r"Body\s+with\s+tabs\.", soup.get_text())  # Markdown expands tabs
            assert soup.find("pre") is not None  # and a tab-indented line is a code block
        if case_id == "documents-in-body":
            assert "title: second" in soup.get_text() and "title: third" in soup.get_text()
    # Every feed stays well-formed XML whatever the text held (format characters included).
    for path in [result.site / "feed.xml", result.site / "atom.xml", *result.site.glob("*/*/atom.xml")]:
        ET.fromstring(path.read_bytes())
    json.loads((result.site / "feed.json").read_text(encoding="utf-8"))
    data = json.loads((result.site / "briefings.json").read_text(encoding="utf-8"))
    assert data["count"] == len(BUILD_CASES)
    claims = {r["claim"] for r in data["briefings"]}
    assert NUMBER in claims
    summaries = {r["summary"] for r in data["briefings"]}
    assert "line\u2028sep\u2029end" in summaries
