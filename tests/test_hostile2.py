"""Hostile input, part 2: invisible characters, long names, the edges of the calendar, plugin
options, alias expansion, and the wording and lines of error messages.

Each class of input is tried through the core (fast, with properties where the input space is
large), through `autobrief check` (the installed script) and through a real
`mkdocs build --strict`: both must print the same `path:line: field: message` line, never a
traceback. The broken files of every class share one build and one check run (REJECTED); the
awkward but valid ones share another build (ACCEPTED).
"""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time
import unicodedata
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autobrief.core import load_corpus
from autobrief.core.corpus import check_file
from autobrief.core.errors import BriefingFileError
from autobrief.core.model import FrontMatter, instant
from autobrief.core.schema import json_schema
from autobrief.core.slugs import slugify
from autobrief.core.yamlsafe import load_yaml
from conftest import ENV, VALID, build, make_project

P = "briefings/2026/02/{}.md"
TITLE = "title: Ford and Xiaomi talked about cooperation on cars in the US?"
PROPS = settings(max_examples=150, derandomize=True, database=None, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
AUTOBRIEF = str(Path(sys.executable).parent / "autobrief")
CLI_ENV = {**ENV, "GITHUB_ACTIONS": ""}


def edit(old: str, new: str, text: str = VALID) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def q(text: str) -> str:
    """A YAML double-quoted scalar with every character outside printable ASCII escaped."""
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif 0x20 <= code < 0x7F:
            out.append(char)
        else:
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def after_status(lines: str) -> str:
    """VALID with ``lines`` inserted after `status:` (they start on line 5)."""
    return edit("status: denied\n", "status: denied\n" + lines + "\n")


def shown(value: str) -> str:
    return value if len(value) <= 30 else value[:30] + "…"


def core_lines(text: str | bytes, stem: str, path: str | None = None) -> list[str]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    _, errors = check_file(data, path or P.format(stem), stem)
    return [str(e) for e in errors]


# --- the cases: (id, file text, the one line it must give) -----------------------------------

INVISIBLE = "has no visible text, only invisible characters such as U+{:04X}: write it in visible letters"
REORDERS = "contains U+{:04X} ({}), which changes the order in which text displays: remove it"


def reorders(char: str) -> str:
    return REORDERS.format(ord(char), unicodedata.name(char).lower())


CLASS_INVISIBLE = [
    ("company-zwsp", edit("companies: [Ford, Xiaomi]", f"companies: [{q(chr(0x200B) * 2)}, Xiaomi]"),
     f"{P.format('company-zwsp')}:5: companies[0]: " + INVISIBLE.format(0x200B)),
    ("title-zwsp", edit(TITLE, "title: " + q("\u200b \u200b")), f"{P.format('title-zwsp')}:2: title: " + INVISIBLE.format(0x200B)),
    ("title-braille-blank", edit(TITLE, "title: " + q("\u2800\u2800")),
     f"{P.format('title-braille-blank')}:2: title: " + INVISIBLE.format(0x2800)),
    ("tag-bom-nbsp-wj", after_status("tags: [" + q("\ufeff\u00a0\u2060") + "]"),
     f"{P.format('tag-bom-nbsp-wj')}:5: tags[0]: " + INVISIBLE.format(0xFEFF)),
    ("region-hangul-filler", after_status("regions: [" + q("\u3164") + "]"),
     f"{P.format('region-hangul-filler')}:5: regions[0]: " + INVISIBLE.format(0x3164)),
    ("source-soft-hyphen", edit("  - name: Financial Times", "  - name: " + q("\u00ad")),
     f"{P.format('source-soft-hyphen')}:7: sources[0].name: " + INVISIBLE.format(0x00AD)),
    ("via-word-joiner", edit("    via: Financial Times", "    via: " + q("\u2060\u2060")),
     f"{P.format('via-word-joiner')}:9: sources[1].via: " + INVISIBLE.format(0x2060)),
    ("party-zwj", edit("  - party: Ford", "  - party: " + q("\u200d")),
     f"{P.format('party-zwj')}:12: denials[0].party: " + INVISIBLE.format(0x200D)),
    ("author-variation-selector", after_status("authors: [" + q("\ufe0f") + ", Editor]"),
     f"{P.format('author-variation-selector')}:5: authors[0]: " + INVISIBLE.format(0xFE0F)),
    ("company-tag-characters", edit("companies: [Ford, Xiaomi]", "companies: [" + q("\U000e0046\U000e006f") + "]"),
     f"{P.format('company-tag-characters')}:5: companies[0]: " + INVISIBLE.format(0xE0046)),
    ("statement-zwsp", edit("    statement: Ford called the report false.", "    statement: " + q("\u200b")),
     f"{P.format('statement-zwsp')}:13: denials[0].statement: " + INVISIBLE.format(0x200B)),
    # bidi overrides, embeddings and isolates make a name display as another
    ("company-rlo", edit("companies: [Ford, Xiaomi]", "companies: [" + q("Ford\u202e") + ", Xiaomi]"),
     f"{P.format('company-rlo')}:5: companies[0]: " + reorders("\u202e")),
    ("title-rli", edit(TITLE, "title: " + q("Ford \u2067and\u2069 Xiaomi")), f"{P.format('title-rli')}:2: title: " + reorders("\u2067")),
    ("via-lre", edit("    via: Financial Times", "    via: " + q("\u202aFinancial Times")),
     f"{P.format('via-lre')}:9: sources[1].via: " + reorders("\u202a")),
    ("tag-pdi", after_status("tags: [" + q("ev\u2069") + "]"), f"{P.format('tag-pdi')}:5: tags[0]: " + reorders("\u2069")),
    ("party-pdf", edit("  - party: Ford", "  - party: " + q("Ford\u202c")), f"{P.format('party-pdf')}:12: denials[0].party: " + reorders("\u202c")),
    ("region-lro", after_status("regions: [" + q("\u202dUS") + "]"), f"{P.format('region-lro')}:5: regions[0]: " + reorders("\u202d")),
    ("author-fsi", after_status("authors: [" + q("\u2068Editor") + "]"), f"{P.format('author-fsi')}:5: authors[0]: " + reorders("\u2068")),
]

WEB = "'{}' makes a web address of {} bytes; at most 200: shorten it"
LONG_CJK = "汽" * 90
LONG_EXPANDING = "\ufdfa" * 12  # one character, eighteen after NFKD
LONG_SOURCE = "Financial Times " * 14
LONG_VIA = "Nikkei " * 30
STEM = "x" * 201
CLASS_LONG = [
    ("tag-cjk-90", after_status(f"tags: [{LONG_CJK}]"), f"{P.format('tag-cjk-90')}:5: tags[0]: " + WEB.format(shown(LONG_CJK), 270)),
    ("company-ascii-201", edit("companies: [Ford, Xiaomi]", "companies: [Ford, " + "A" * 201 + "]"),
     f"{P.format('company-ascii-201')}:5: companies[1]: " + WEB.format(shown("A" * 201), 201)),
    ("region-expanding", after_status("regions: [" + q(LONG_EXPANDING) + "]"),
     f"{P.format('region-expanding')}:5: regions[0]: " + WEB.format(shown(LONG_EXPANDING), 396)),
    ("source-long", edit("  - name: Financial Times", "  - name: " + LONG_SOURCE.strip()),
     f"{P.format('source-long')}:7: sources[0].name: " + WEB.format(shown(LONG_SOURCE.strip()), 223)),
    ("via-long", edit("    via: Financial Times", "    via: " + LONG_VIA.strip()),
     f"{P.format('via-long')}:9: sources[1].via: " + WEB.format(shown(LONG_VIA.strip()), 209)),
    ("story-201", after_status("story: " + "a" * 201), f"{P.format('story-201')}:5: story: " + WEB.format(shown("a" * 201), 201)),
    ("slug-202", after_status("slug: " + "ab-" * 67 + "c"), f"{P.format('slug-202')}:5: slug: " + WEB.format(shown("ab-" * 67 + "c"), 202)),
    (STEM, VALID, f"{P.format(STEM)}:1: slug: the file name '{shown(STEM)}' makes a web address of 201 bytes; at most 200: "
                  "rename the file or set a shorter slug"),
]

OUT_OF_RANGE = "{} is out of range: use a date from 1900-01-01 to 2999-12-31"
CLASS_DATES = [
    ("date-year-1-offset", edit("date: 2026-02-02", "date: 0001-01-01T00:00:00+01:00"),
     f"{P.format('date-year-1-offset')}:3: date: " + OUT_OF_RANGE.format("0001-01-01T00:00:00+01:00")),
    ("date-9999-offset", edit("date: 2026-02-02", "date: 9999-12-31T23:00:00-05:00"),
     f"{P.format('date-9999-offset')}:3: date: " + OUT_OF_RANGE.format("9999-12-31T23:00:00-05:00")),
    ("date-year-999", edit("date: 2026-02-02", "date: 0999-06-01"), f"{P.format('date-year-999')}:3: date: " + OUT_OF_RANGE.format("0999-06-01")),
    ("date-1899", edit("date: 2026-02-02", "date: 1899-12-31"), f"{P.format('date-1899')}:3: date: " + OUT_OF_RANGE.format("1899-12-31")),
    ("date-3000", edit("date: 2026-02-02", "date: 3000-01-01"), f"{P.format('date-3000')}:3: date: " + OUT_OF_RANGE.format("3000-01-01")),
    ("updated-3000", edit("date: 2026-02-02", "date: 2026-02-02\nupdated: 3000-01-01T00:00:00Z"),
     f"{P.format('updated-3000')}:4: updated: " + OUT_OF_RANGE.format("3000-01-01T00:00:00+00:00")),
    ("source-date-500", edit("    url: https://www.reuters.com/", "    url: https://www.reuters.com/\n    date: 0500-01-01"),
     f"{P.format('source-date-500')}:11: sources[1].date: " + OUT_OF_RANGE.format("0500-01-01")),
    ("denial-date-quoted", edit("    statement: Ford called the report false.",
                                "    statement: Ford called the report false.\n    date: '0001-01-01T00:00:00+01:00'"),
     f"{P.format('denial-date-quoted')}:14: denials[0].date: " + OUT_OF_RANGE.format("0001-01-01T00:00:00+01:00")),
]

EXPANDS = "expands to more than 1,000,000 characters through aliases (&anchor and *alias): repeat the text less"
CLASS_ALIASES = [
    ("alias-list", after_status("claim: &a " + "x" * 20_000 + "\nwatch: [" + ", ".join(["*a"] * 5_000) + "]"),
     f"{P.format('alias-list')}:6: watch: " + EXPANDS),
    ("alias-merge", "---\ns: &s {k: " + "y" * 100_000 + "}\nt: [" + ", ".join(["{<<: *s}"] * 20) + "]\n---\nBody\n",
     f"{P.format('alias-merge')}:3: t: " + EXPANDS),
    ("alias-spread", "---\na: &a " + "z" * 300_000 + "\nb: *a\nc: *a\nd: *a\n---\nBody\n",
     f"{P.format('alias-spread')}:2: front matter: " + EXPANDS),
]

RAW_BREAKS = "one\u2028two\u2029three\x85four"
NOT_TEXT = "must be text, not a number (put it in quotes)"
HOST = "must be an absolute http or https URL with a host and no spaces"
STATUS_LIST = "reported, denied, disputed, confirmed, retracted"
NFD_201 = "e\u0301" * 201
CLASS_MESSAGES = [
    # lines as an editor counts them: U+2028, U+2029 and U+0085 break no line
    ("line-after-separators", after_status('claim: "' + RAW_BREAKS + '"\ntags: [1]'), f"{P.format('line-after-separators')}:6: tags[0]: " + NOT_TEXT),
    ("line-after-block-separators", after_status("claim: |\n  a\u2028  b\u2029  c\n  d\nregions: [2]"),
     f"{P.format('line-after-block-separators')}:8: regions[0]: " + NOT_TEXT),
    ("line-of-yaml-error-after-separators", after_status('claim: "a\u2028b\u2028c"').replace("companies: [Ford, Xiaomi]", "companies: [Ford, Xiaomi"),
     f"{P.format('line-of-yaml-error-after-separators')}:7: front matter: invalid YAML: while parsing a flow sequence did not find expected ',' or ']'"),
    # Python's type names
    ("tags-set", after_status("tags: !!set {a, b}"), f"{P.format('tags-set')}:5: tags: must be a list, not a set (!!set)"),
    ("tags-omap", after_status("tags: !!omap [a: 1]"), f"{P.format('tags-omap')}:5: tags[0]: must be text, not a key: value pair (!!omap or !!pairs)"),
    ("watch-binary", after_status("watch: [!!binary aGVsbG8=]"), # v1.1: a watch entry is text or a mapping, and the message says both
     f"{P.format('watch-binary')}:5: watch[0]: must be text, or a mapping with item (and due, resolved, by), not binary data (!!binary)"),
    ("front-matter-set", "---\n!!set {a, b}\n---\nBody\n", f"{P.format('front-matter-set')}:1: front matter: must be a mapping of fields, not a set (!!set)"),
    ("draft-date", after_status("draft: 2026-02-02"), f"{P.format('draft-date')}:5: draft: must be true or false, not a date"),
    ("draft-list", after_status("draft: [1]"), f"{P.format('draft-list')}:5: draft: must be true or false, not a list"),
    ("status-empty", edit("status: denied", "status:"), f"{P.format('status-empty')}:4: status: is empty: use one of {STATUS_LIST}"),
    ("status-list", edit("status: denied", "status: [denied]"), f"{P.format('status-list')}:4: status: must be one of {STATUS_LIST}, not a list"),
    ("status-mapping", edit("status: denied", "status: {a: 1}"), f"{P.format('status-mapping')}:4: status: must be one of {STATUS_LIST}, not a mapping"),
    # URLs without a host, or with a port no browser takes
    *[(f"url-{name}", edit("url: https://www.reuters.com/", "url: " + q(url)), f"{P.format(f'url-{name}')}:10: sources[1].url: {message}")
      for name, url, message in [
          ("at-sign-host", "https://@/", HOST), ("port-only", "https://:80/", HOST), ("user-no-host", "https://user@:8080/x", HOST),
          ("open-bracket", "https://[/", HOST), ("fullwidth-at", "https://a\uff20b/", HOST), ("after-ipv6", "https://[::1]x/", HOST),
          ("port-too-big", "https://example.com:99999/", "must be an absolute http or https URL; its port '99999' is not a number from 0 to 65535"),
          ("port-letters", "https://example.com:8o/", "must be an absolute http or https URL; its port '8o' is not a number from 0 to 65535"),
      ]],
    # a title's length is counted as it shows: in NFC
    ("title-nfd-201", edit(TITLE, "title: " + NFD_201), f"{P.format('title-nfd-201')}:2: title: must be at most 200 characters (it has 201)"),
]

CLASSES = {"invisible": CLASS_INVISIBLE, "long": CLASS_LONG, "dates": CLASS_DATES, "aliases": CLASS_ALIASES, "messages": CLASS_MESSAGES}
ALL_CASES = [case for cases in CLASSES.values() for case in cases]
ERROR_LINE = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+): (?P<field>[^\n]+?): (?P<message>[^\n]+)$")


# --- the shared runs ----------------------------------------------------------------------------

def build_error_lines(output: str) -> list[str]:
    return [m.group(1) for m in re.finditer(r"^ERROR\s+-  (briefings/.*)$", output, re.M)]


def stray_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.strip() and not re.match(r"^(INFO|WARNING|ERROR|DEBUG)\s+-  ", line)
            and line.strip() not in ("Aborted with a BuildError!", "Aborted with a configuration error!")]


class Run:
    def __init__(self, project: Path):
        self.project = project
        started = time.monotonic()
        self.build = build(project, timeout=180)
        self.build_seconds = time.monotonic() - started
        self.check = subprocess.run([AUTOBRIEF, "check", "briefings"], cwd=project, env=CLI_ENV,
                                    capture_output=True, text=True, timeout=180)
        self.build_lines = build_error_lines(self.build.output)
        self.check_lines = self.check.stdout.splitlines()


@pytest.fixture(scope="module")
def rejected(tmp_path_factory) -> Run:
    files = {f"2026/02/{case_id}.md": text for case_id, text, _ in ALL_CASES}
    return Run(make_project(tmp_path_factory.mktemp("rejected"), files))


def assert_agree(run: Run, cases: list) -> None:
    """Each case gives exactly its line, the same in the core, `autobrief check` and the build."""
    problems = []
    out = run.build.output + run.check.stdout + run.check.stderr
    if "Traceback" in out:
        problems.append("a traceback:\n" + out[out.index("Traceback"):][-2000:])
    for case_id, text, expected in cases:
        path = P.format(case_id)
        stem = case_id
        for where, lines in (("core", core_lines(text, stem)), ("check", run.check_lines), ("build", run.build_lines)):
            mine = [line for line in lines if line.startswith(path + ":")]
            if mine != [expected]:
                problems.append(f"{case_id} ({where}): expected {expected!r}\n    got {mine!r}")
            elif not ERROR_LINE.match(mine[0]):
                problems.append(f"{case_id} ({where}): not `path:line: field: message`: {mine[0]!r}")
    assert not problems, "\n".join(problems)


def test_build_and_check_print_the_same_lines(rejected):
    assert len({c[0] for c in ALL_CASES}) == len(ALL_CASES)  # one file per case
    assert not rejected.build.ok and rejected.check.returncode == 1
    assert sorted(rejected.build_lines) == rejected.check_lines
    assert not stray_lines(rejected.build.output), stray_lines(rejected.build.output)[:5]
    assert {line.split(":", 1)[0] for line in rejected.check_lines} == {P.format(c[0]) for c in ALL_CASES}


# --- 1. invisible and format characters ---------------------------------------------------------

def test_invisible_and_reordering_names_are_refused(rejected):
    assert_agree(rejected, CLASS_INVISIBLE)


def test_slugify_keeps_its_documented_behaviour_and_drops_ignorables():
    assert slugify("Ford") == slugify("FORD") == slugify("ford ") == "ford"
    assert slugify("Škoda") == "skoda"
    assert slugify("小米") == "小米" and slugify("小米") != slugify("小木")
    for hidden in ("\u200d", "\u200c", "\u200b", "\u00ad", "\ufe0f", "\U000e0100", "\u2060", "\u180e", "\u034f",
                   "\ufeff", "\u2066", "\u202e", "\U000e0041", "\u061c", "\u200e"):
        assert slugify(f"Fo{hidden}rd") == "ford", hidden
        assert slugify(f"小{hidden}米") == "小米", hidden
    assert slugify("❤\ufe0f") == slugify("❤")  # an emoji with and without its variation selector
    assert slugify("--") == slugify("-\u200d-")  # punctuation alone: one hashed slug for both


IGNORABLE_SAMPLE = ["\u00ad", "\u034f", "\u061c", "\u115f", "\u1160", "\u17b4", "\u17b5", "\u180b", "\u180e", "\u180f",
                    "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202e", "\u2060", "\u2064", "\u2066",
                    "\u2069", "\u206f", "\u3164", "\ufe00", "\ufe0f", "\ufeff", "\uffa0", "\U0001bca0", "\U0001d173",
                    "\U000e0001", "\U000e0020", "\U000e007f", "\U000e0100", "\U000e01ef"]


@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20),
       st.lists(st.tuples(st.integers(0, 20), st.sampled_from(IGNORABLE_SAMPLE)), max_size=5))
@PROPS
def test_names_that_differ_by_ignorable_characters_share_one_slug(name, insertions):
    hidden = name
    for position, char in insertions:
        hidden = hidden[:position] + char + hidden[position:]
    assert slugify(hidden) == slugify(name)


# Visible: letters, numbers, punctuation and symbols, but the few of them that draw nothing.
BLANK_GRAPHIC = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}
visible_char = st.characters(codec="utf-8", categories=("L", "N", "P", "S")).filter(lambda c: c not in BLANK_GRAPHIC)
INVISIBLE_CHARS = sorted(
    {chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) in ("Cf", "Zs", "Zl", "Zp")}
    | set(IGNORABLE_SAMPLE) | BLANK_GRAPHIC | {chr(c) for c in range(0xFE00, 0xFE10)} | {chr(c) for c in range(0xE0100, 0xE01F0)}
)
invisible_char = st.sampled_from(INVISIBLE_CHARS)
BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def name_verdict(field: str, value: str) -> list[dict]:
    base = {"title": "T", "date": "2026-02-02", "status": "denied", "sources": [{"name": "FT"}]}
    front = dict(base)
    if field in ("name", "via"):
        front["sources"] = [{"name": "FT", field: value} if field == "via" else {"name": value}]
    elif field == "party":
        front["denials"] = [{"party": value, "statement": "No."}]
    elif field == "title":
        front["title"] = value
    else:
        front[field] = [value]
    try:
        FrontMatter.model_validate(front)
        return []
    except Exception as exc:  # pydantic.ValidationError
        return exc.errors()


@given(st.sampled_from(["companies", "regions", "tags", "authors", "name", "via", "party", "title"]),
       st.lists(st.one_of(invisible_char, invisible_char, visible_char), min_size=1, max_size=8).filter(
           lambda cs: sum(c not in INVISIBLE_CHARS for c in cs) <= 3).map("".join))
@PROPS
def test_a_name_is_accepted_iff_it_shows_text_and_reorders_none(field, value):
    errors = name_verdict(field, value)
    shows = any(c not in INVISIBLE_CHARS for c in value)
    reordering = [c for c in value if c in BIDI]
    if shows and not reordering:
        assert not errors, (value, errors)
        return
    assert errors, f"accepted {value!r}"
    message = str(errors[0].get("ctx", {}).get("error", errors[0]["msg"]))
    if not value.strip():
        assert errors[0]["type"] == "string_too_short"
    elif not shows:
        assert message.startswith("has no visible text"), message
    else:
        assert message == reorders(reordering[0]), message


def test_names_that_read_the_same_are_one_page(accepted):
    site = accepted.build.site
    companies = sorted(p.name for p in (site / "companies").iterdir() if (p / "index.html").is_file())
    assert companies == ["ford", "xiaomi"], companies
    listed = " ".join(BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser").get_text()
                      for p in (site / "companies/ford").rglob("index.html"))  # per_page: 1
    assert "Ford and Xiaomi talked" in listed and "Ford twin" in listed
    tags = sorted(p.name for p in (site / "tags").iterdir() if (p / "index.html").is_file())
    assert "evs" in tags and not [t for t in tags if t.startswith("e-") or t == "e"], tags
    regions = sorted(p.name for p in (site / "regions").iterdir() if (p / "index.html").is_file())
    assert regions == ["us"], regions


# --- 2. names too long for a file name ------------------------------------------------------------

def test_names_too_long_for_a_file_name_are_refused(rejected):
    assert_agree(rejected, CLASS_LONG)


segment_char = st.one_of(st.sampled_from(["汽", "车", "a", "Z", "-", " ", "ß", "\ufdfa", "ﬃ", "😀", "é", "\u0301", "\u200d", "ǅ"]),
                         st.characters(codec="utf-8", categories=("L", "N")))


@given(st.builds(lambda unit, times, tail: unit * times + tail, st.text(segment_char, min_size=1, max_size=4),
                 st.integers(1, 100), st.text(segment_char, max_size=4))
       .filter(lambda s: any(c.isalnum() and c not in BLANK_GRAPHIC for c in s)))
@PROPS
def test_every_accepted_name_fits_in_a_file_name(tmp_path_factory, name):
    errors = name_verdict("tags", name)
    slug = slugify(name.strip())
    size = len(slug.encode("utf-8"))
    if size <= 200:
        assert not errors, (name, errors)
        folder = tmp_path_factory.mktemp("segment") / slug
        (folder / "page" / "99").mkdir(parents=True)  # the folders and files a term's pages take
        (folder / "page" / "99" / "index.html").write_text("x")
        (folder / "atom.xml").write_text("x")
    else:
        assert [str(e["ctx"]["error"]) for e in errors] == [WEB.format(shown(name.strip()), size)]


# --- 3. dates at the edges of the calendar --------------------------------------------------------

def test_dates_outside_the_supported_years_are_refused(rejected):
    assert_agree(rejected, CLASS_DATES)


offsets = st.integers(-23 * 60 - 59, 23 * 60 + 59).map(lambda m: timezone(timedelta(minutes=m)))
any_when = st.one_of(
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.builds(lambda d, tz: datetime.combine(d, datetime.min.time(), tzinfo=tz).replace(hour=d.day % 24),
              st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)), offsets),
    st.builds(lambda y, tz, end: datetime(y, 12, 31, 23, 59, 59, tzinfo=tz) if end else datetime(y, 1, 1, tzinfo=tz),
              st.sampled_from([1, 999, 1000, 1899, 1900, 2999, 3000, 9999]), offsets, st.booleans()),
)


@given(any_when, any_when)
@PROPS
def test_a_date_is_accepted_iff_its_year_is_supported_and_then_it_sorts(first, second):
    base = {"title": "T", "status": "denied", "sources": [{"name": "FT"}]}
    verdicts = []
    for value in (first, second):
        try:
            verdicts.append(FrontMatter.model_validate({**base, "date": value.isoformat()}))
        except Exception:  # pydantic.ValidationError
            verdicts.append(None)
        assert (verdicts[-1] is not None) == (1900 <= value.year <= 2999), value
    accepted = [v.date for v in verdicts if v is not None]
    moments = [instant(d) for d in accepted] + [instant(d, end=True) for d in accepted]
    sorted(moments)
    for moment in moments:
        utc = moment.astimezone(timezone.utc)
        assert len(utc.strftime("%Y")) == 4  # keys that sort as text, and RSS dates


# --- 4. plugin options ---------------------------------------------------------------------------

def configured(tmp_path: Path, options: str) -> Path:
    project = make_project(tmp_path, {"2026/02/talks.md": VALID})
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("      folder: briefings", options), encoding="utf-8")
    return project


OPTION = "Config value 'plugins': Plugin 'briefings' option '{}': {}"
COUNT = "must be a whole number, at least {}; it is {}"
BAD_OPTIONS = [
    ("per-page-zero", "      per_page: 0", OPTION.format("per_page", COUNT.format(1, "0"))),
    ("per-page-negative", "      per_page: -1", OPTION.format("per_page", COUNT.format(1, "-1"))),
    ("per-page-true", "      per_page: true", OPTION.format("per_page", COUNT.format(1, "true"))),
    ("per-page-text", "      per_page: '20'", OPTION.format("per_page", COUNT.format(1, "the text '20'"))),
    ("home-latest-negative", "      home_latest: -1", OPTION.format("home_latest", COUNT.format(0, "-1"))),
    ("feed-limit-negative", "      feed_limit: -5", OPTION.format("feed_limit", COUNT.format(1, "-5"))),
    ("feed-limit-zero", "      feed_limit: 0", OPTION.format("feed_limit", COUNT.format(1, "0"))),
    ("folder-empty", "      folder: ''", OPTION.format("folder", "must name a folder, e.g. briefings; it is empty")),
    ("folder-blank", "      folder: '  '", OPTION.format("folder", "must name a folder, e.g. briefings; it is empty")),
    ("folder-number", "      folder: 5", OPTION.format("folder", "must name a folder, e.g. briefings; it is a number")),
    ("folder-nul", '      folder: "brief\\0ings"', OPTION.format("folder", "contains the control character U+0000: remove it")),
    ("claim-review-number", "      claim_review: 1", OPTION.format("claim_review", "must be true or false; it is 1")),
    ("stamp-listings-text", "      stamp_listings: 'no'", OPTION.format("stamp_listings", "must be true or false; it is the text 'no'")),
    ("drafts-text", "      drafts: 'yes'", OPTION.format("drafts", "must be true, false or null; it is the text 'yes'")),
]


@pytest.mark.parametrize("case_id, options, expected", BAD_OPTIONS, ids=[c[0] for c in BAD_OPTIONS])
def test_a_bad_plugin_option_is_one_clear_line(tmp_path, case_id, options, expected):
    result = build(configured(tmp_path, options), timeout=60)
    assert not result.ok
    assert "Traceback" not in result.output, result.output[-2000:]
    errors = [line.split("-  ", 1)[1] for line in result.output.splitlines() if line.startswith("ERROR")]
    assert errors == [expected], result.output[-2000:]
    assert "Aborted with a configuration error!" in result.output


def test_a_folder_that_holds_docs_dir_is_refused(tmp_path):
    """Checked by plugin.py's on_config, which knows docs_dir (the options cannot)."""
    result = build(configured(tmp_path, "      folder: ."), timeout=60)
    assert not result.ok and "Traceback" not in result.output
    assert "briefings: the folder '.' holds docs_dir" in result.output, result.output[-2000:]
    assert "docs/index.md:" not in result.output  # docs pages are not reported as broken briefings


# --- 5. alias expansion --------------------------------------------------------------------------

def test_alias_expansion_is_bounded_by_size(rejected):
    assert_agree(rejected, CLASS_ALIASES)


@pytest.fixture
def prompt():
    def expired(signum, frame):
        raise TimeoutError("the core took more than 5 s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(5)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def test_an_alias_bomb_of_text_is_refused_at_once(prompt):
    text = "---\nclaim: &a " + "x" * 900_000 + "\nwatch: [" + ", ".join(["*a"] * 20_000) + "]\n---\nBody\n"
    started = time.monotonic()
    lines = core_lines(text, "bomb")
    assert time.monotonic() - started < 1.0
    assert lines == [f"{P.format('bomb')}:3: watch: " + EXPANDS]


@given(st.integers(1, 60_000), st.integers(1, 400))
@settings(PROPS, max_examples=60)
def test_front_matter_is_accepted_iff_it_expands_to_at_most_a_megabyte(length, repeats):
    text = f"a: &a {'x' * length}\nb: [{', '.join(['*a'] * repeats)}]\n"
    expanded = len("a") + length + len("b") + repeats * length
    try:
        loaded = load_yaml(text, offset=1)
        accepted = True
    except BriefingFileError as exc:
        accepted = False
        assert (exc.line, exc.field, exc.message) == (3, "b", EXPANDS)
    assert accepted == (expanded <= 1_000_000), (length, repeats, expanded)
    if accepted:
        assert loaded.data["b"] == [loaded.data["a"]] * repeats


# --- 6. message defects --------------------------------------------------------------------------

def test_error_messages_speak_plainly_and_count_lines_as_editors_do(rejected):
    assert_agree(rejected, CLASS_MESSAGES)


BREAKERS = ["\u2028", "\u2029", "\x85"]


@given(st.lists(st.one_of(st.sampled_from(BREAKERS), st.text("abc ", min_size=1, max_size=3)), min_size=1, max_size=8).map("".join),
       st.sampled_from(["double", "block", "single"]), st.integers(0, 3))
@PROPS
def test_error_lines_are_editor_lines_whatever_line_separators_precede(claim, style, blank_lines):
    """A line is what an editor shows: the same file with each separator replaced by a letter gives the same lines."""
    def briefing(value: str) -> str:
        if style == "double":
            field = 'claim: "' + value + '"'
        elif style == "single":
            field = "claim: '" + value + "'"
        else:  # YAML reads each separator as a line break: the block's next line keeps its indentation
            value = value.replace(" ", "_")  # and no line of spaces alone, whose indentation YAML would weigh
            for char in BREAKERS:
                value = value.replace(char, char + "  ")
            field = "claim: |\n  " + value
        return after_status(field + "\n" * blank_lines + "\ntags: [ev, 1]\nregions: [{a: 1}]")

    plain = claim
    for char in BREAKERS:
        plain = plain.replace(char, "x")
    got = [ERROR_LINE.match(line).group("line", "field", "message") for line in core_lines(briefing(claim), "lines")]
    want = [ERROR_LINE.match(line).group("line", "field", "message") for line in core_lines(briefing(plain), "lines")]
    assert got == want
    assert [field for _, field, _ in got] == ["tags[1]", "regions[0]"]


WORDS = re.compile(r"NoneType|\bNone\b|\bdict\b|\btuple\b|\bbytes\b|\bstr\b|\bint\b|\bfloat\b|\bbool\b|Input should|datetime\.|"
                   r"\bnot set\b|\bnot list\b|\bobject\b|\binstance\b|Value error|netloc|IPv6")
ODD_VALUES = [None, 0, 1.5, True, "", "x", [], [1], {}, {"a": 1}, {"a", "b"}, [("a", 1)], b"\x00", date(2026, 2, 2),
              datetime(2026, 2, 2, 10, tzinfo=timezone.utc), float("inf")]
PLACES = ["title", "date", "updated", "status", "claim", "summary", "companies", "regions", "tags", "story", "sources",
          "denials", "watch", "authors", "draft", "slug", "sources.0", "sources.0.name", "sources.0.url", "sources.0.date",
          "sources.0.via", "sources.0.title", "denials.0", "denials.0.party", "denials.0.statement", "denials.0.date",
          "denials.0.url", "companies.0", "watch.0", "front matter"]


def put(front: dict, place: str, value) -> dict:
    front = json.loads(json.dumps(front))
    parts = [int(p) if p.isdigit() else p for p in place.split(".")]
    node = front
    for part in parts[:-1]:
        node = node[part]
    if isinstance(node, list):
        node[parts[-1]:parts[-1] + 1] = [value]
    else:
        node[parts[-1]] = value
    return front


def test_no_message_uses_pythons_words():
    from autobrief.core.reader import RawBriefing
    from autobrief.core.validate import validate

    base = {"title": "T", "date": "2026-02-02", "status": "denied", "companies": ["Ford"], "watch": ["W"],
            "sources": [{"name": "FT", "via": "AP"}], "denials": [{"party": "Ford", "statement": "No."}]}
    problems = []
    for place in PLACES:
        for value in ODD_VALUES:
            meta = value if place == "front matter" else put(base, place, value)
            _, errors = validate(RawBriefing(meta, {}, "", 1), "b.md", "b")
            for error in errors:
                if WORDS.search(error.message) or WORDS.search(str(error)):
                    problems.append(f"{place} = {value!r}: {error}")
    assert not problems, "\n".join(sorted(set(problems))[:40])


SCHEMA = jsonschema.Draft202012Validator(json_schema(), format_checker=jsonschema.FormatChecker())
SCHEMA_BASE = {"title": "T", "date": "2026-02-02", "status": "denied", "sources": [{"name": "FT"}]}


REFUSED_BY_BOTH = [
    {"companies": ["\u200b"]}, {"tags": ["\ufeff\u2060"]}, {"title": "\u200b"}, {"title": "Ford\u202e"},
    {"regions": ["\u2066US"]}, {"authors": ["\u3164"]}, {"sources": [{"name": "\u00ad"}]},
    {"sources": [{"name": "FT", "via": "A\u202eP"}]}, {"denials": [{"party": "\u200d", "statement": "No."}]},
    {"date": "0001-01-01T00:00:00+01:00"}, {"date": "9999-12-31"}, {"date": "1899-12-31"}, {"updated": "3000-01-01"},
    {"sources": [{"name": "FT", "date": "0999-01-01"}]}, {"story": "a" * 201}, {"slug": "b" * 201},
    {"sources": [{"name": "FT", "url": "https://@/"}]}, {"sources": [{"name": "FT", "url": "https://:80/"}]},
    {"sources": [{"name": "FT", "url": "https://example.com:99999/"}]}, {"sources": [{"name": "FT", "url": "https://[::1]x/"}]},
]
ACCEPTED_BY_BOTH = [  # the bounds themselves, and what the new rules must leave alone
    {"date": "1900-01-01T00:00:00+14:00"}, {"date": "2999-12-31T23:59:59-12:00"}, {"story": "a" * 200},
    {"companies": ["Fo\u200drd"]}, {"title": "\u05e9\u05dc\u05d5\u05dd \u200f"},
    {"sources": [{"name": "FT", "url": "https://[::1]:8080/x"}]},
    {"sources": [{"name": "FT", "url": "https://user@example.com:0080/"}]},
]


def test_model_and_schema_agree_at_the_new_bounds():
    problems = []
    for changes, valid in ((REFUSED_BY_BOTH, False), (ACCEPTED_BY_BOTH, True)):
        for change in changes:
            front = {**SCHEMA_BASE, **change}
            try:
                FrontMatter.model_validate(front)
                model = True
            except Exception:  # pydantic.ValidationError
                model = False
            schema = SCHEMA.is_valid(front)
            if (model, schema) != (valid, valid):
                problems.append(f"model {'accepts' if model else 'refuses'}, schema {'accepts' if schema else 'refuses'}: {change!r}")
    assert not problems, "\n".join(problems)


CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")


@given(st.text(st.one_of(st.characters(codec="utf-8", exclude_categories=("Cs",)),
                         st.sampled_from(["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9f", "\u2028", "\u2029", "\ufffe"])),
               min_size=1, max_size=60))
@PROPS
def test_an_automatic_summary_holds_no_control_characters(body):
    briefing, errors = check_file((VALID.replace("Body text.\n", "") + body).encode("utf-8"), P.format("s"), "s")
    assert not errors and briefing is not None
    assert not CONTROL.search(briefing.summary_text), repr(briefing.summary_text)


# --- the accepted build ----------------------------------------------------------------------------

CONTROL_BODY = "Body\x07with\x1bcontrols\x00 and\x85NEL and\u2028LS and\x7fDEL and\u2029PS here.\n"
ACCEPTED = {
    # names that read the same as others share their pages
    "2026/02/talks.md": VALID,
    "2026/02/twin.md": edit(TITLE, "title: Ford twin").replace("companies: [Ford, Xiaomi]", "companies: [" + q("Fo\u200drd") + "]\n"
                                                               "tags: [" + q("e\u00advs") + "]\nregions: [US]"),
    "2026/02/other.md": edit(TITLE, "title: Other").replace("companies: [Ford, Xiaomi]", "companies: [Xiaomi]\ntags: [evs]\n"
                                                             "regions: [" + q("U\u200cS") + "]"),
    # the longest name allowed, and titles as long as they show
    "2026/02/longest.md": edit(TITLE, "title: " + "e\u0301" * 150 + " Ford").replace(
        "companies: [Ford, Xiaomi]", "companies: [Ford]\ntags: [" + "汽" * 66 + "ab]"),
    # the first and last instants accepted
    "2026/02/first.md": edit(TITLE, "title: First").replace("date: 2026-02-02", "date: 1900-01-01T00:00:00+14:00"),
    "2026/02/last.md": edit(TITLE, "title: Last").replace("date: 2026-02-02", "date: 2999-12-31T23:59:59-12:00"),
    # control characters in the body stay out of summaries, cards and meta tags
    "2026/02/controls.md": edit(TITLE, "title: Controls").replace("Body text.\n", CONTROL_BODY).replace(
        "companies: [Ford, Xiaomi]", "companies: [Ford, Xiaomi]\ntags: [controls]"),
}


@pytest.fixture(scope="module")
def accepted(tmp_path_factory) -> Run:
    project = make_project(tmp_path_factory.mktemp("accepted"), ACCEPTED)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "      folder: briefings", "      folder: briefings\n      per_page: 1\n      home_latest: 0\n      feed_limit: 1"))
    return Run(project)


def test_the_awkward_but_valid_build_and_check(accepted):
    assert accepted.build.ok, accepted.build.output[-3000:]
    assert accepted.check.returncode == 0, accepted.check.stdout
    assert not stray_lines(accepted.build.output), stray_lines(accepted.build.output)[:5]
    site = accepted.build.site
    page = accepted.build.page("briefings/2026/02/longest/")
    assert page.h1.get_text(strip=True) == "e\u0301" * 150 + " Ford"
    assert (site / "tags" / ("汽" * 66 + "ab") / "index.html").is_file()
    for path in [site / "feed.xml", site / "atom.xml", *site.glob("*/*/atom.xml")]:
        ET.fromstring(path.read_bytes())
    assert accepted.build.page("briefings/1900/01/first/").h1.get_text(strip=True) == "First"
    assert accepted.build.page("briefings/2999/12/last/").h1.get_text(strip=True) == "Last"


def test_control_characters_of_the_body_stay_out_of_summaries(accepted):
    assert accepted.build.ok, accepted.build.output[-3000:]
    page = accepted.build.page("briefings/2026/02/controls/")
    shown_texts = [page.select_one('meta[name="description"]')["content"],
                   page.select_one('meta[property="og:description"]')["content"]]
    listing = accepted.build.page("tags/controls/")
    cards = [a.find_parent(["li", "article", "div"]).get_text() for a in listing.find_all("a")
             if a.get_text(strip=True) == "Controls"]
    assert cards, "no card for the briefing"
    for text in shown_texts + cards:
        assert "with" in text and not CONTROL.search(text), repr(text)
    raw = (accepted.build.site / "tags/controls/index.html").read_text(encoding="utf-8")
    assert not CONTROL.search(raw.split("<body", 1)[1]), "a control character reached the listing page"
