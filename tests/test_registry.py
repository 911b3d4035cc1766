"""The registries of contract v1.1 (core/registry.py), the core alone: no MkDocs.

Every test writes its YAML files into tmp_path and works out what it expects from its own
text: a line is found by searching the text the test wrote, an LEI's check digits are
computed here with ISO 7064 MOD 97-10, never taken from the code under test.
"""

from __future__ import annotations

import re
import unicodedata

import pytest

from autobrief.core.errors import BriefingError
from autobrief.core.model import MAX_SEGMENT
from autobrief.core.registry import Entry, Registry, fold, load_registry

FOLDER = "registry"


# --- helpers -------------------------------------------------------------------------------------

def write(tmp_path, name: str, text: str | bytes):
    folder = tmp_path / FOLDER
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return folder


def load(tmp_path, **files: str | bytes) -> Registry:
    """Write ``companies=..., outlets=..., stories=..., authors=...`` and load the folder."""
    (tmp_path / FOLDER).mkdir(exist_ok=True)
    for kind, text in files.items():
        write(tmp_path, f"{kind}.yml", text)
    return load_registry(tmp_path / FOLDER)


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """The 1-based line of the ``nth`` line of ``text`` that contains ``needle``."""
    found = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(found) >= nth, (needle, found)
    return found[nth - 1]


def where(registry: Registry) -> list[tuple[str, int, str]]:
    return [(e.path, e.line, e.field) for e in registry.errors]


def lei_with_check_digits(first18: str) -> str:
    """ISO 17442 / ISO 7064 MOD 97-10: letters are 10..35, check = 98 - (number with 00) mod 97."""
    assert len(first18) == 18
    digits = "".join(str(ord(c) - ord("A") + 10) if c.isalpha() else c for c in first18 + "00")
    return first18 + f"{98 - int(digits) % 97:02d}"


def lei_is_valid(lei: str) -> bool:
    digits = "".join(str(ord(c) - ord("A") + 10) if c.isalpha() else c for c in lei)
    return len(lei) == 20 and int(digits) % 97 == 1


COMPANIES = """\
xiaomi:
  name: Xiaomi
  aliases: [Xiaomi Corp, Xiaomi Corporation, 小米]
  wikidata: Q1636958
  country: CN
  website: https://www.mi.com/
  description: Consumer-electronics maker that builds the SU7 electric car.
ford:
  name: Ford Motor Company
  aliases:
    - Ford
lincoln:
  name: Lincoln
  parent: ford
"""


# --- the helpers themselves ----------------------------------------------------------------------

def test_lei_helper_agrees_with_published_leis():
    # GLEIF's own LEI and Apple's, as GLEIF publishes them: the helper is ISO 7064 MOD 97-10.
    for lei in ("506700GE1G29325QX363", "HWUPKR0MPOU8FGXBT394"):
        assert lei_with_check_digits(lei[:18]) == lei
        assert lei_is_valid(lei)


# --- resolution ----------------------------------------------------------------------------------

def test_resolves_by_key_name_and_every_alias(tmp_path):
    registry = load(tmp_path, companies=COMPANIES)
    assert registry.errors == []
    xiaomi = registry.entry("company", "xiaomi")
    assert isinstance(xiaomi, Entry) and xiaomi.key == "xiaomi" and xiaomi.name == "Xiaomi"
    for spelling in ("xiaomi", "Xiaomi", "Xiaomi Corp", "Xiaomi Corporation", "小米"):
        assert registry.resolve("company", spelling) is xiaomi, spelling
    ford = registry.entry("company", "ford")
    for spelling in ("ford", "Ford", "Ford Motor Company"):
        assert registry.resolve("company", spelling) is ford, spelling
    assert xiaomi.line == line_of(COMPANIES, "xiaomi:")
    assert xiaomi.path == "registry/companies.yml"


def test_resolution_is_case_insensitive(tmp_path):
    registry = load(tmp_path, companies=COMPANIES)
    xiaomi = registry.entry("company", "xiaomi")
    for spelling in ("XIAOMI CORP", "xiaomi corp", "xIaOmI cOrPoRaTiOn", "XIAOMI"):
        assert registry.resolve("company", spelling) is xiaomi, spelling
    assert registry.resolve("company", "FORD MOTOR COMPANY") is registry.entry("company", "ford")


def test_resolution_after_nfc_both_ways(tmp_path):
    composed, decomposed = "Citro\u00ebn", "Citroe\u0308n"  # ë as one character / e + combining diaeresis
    skoda_nfd = unicodedata.normalize("NFD", "Škoda Auto")
    assert skoda_nfd != "Škoda Auto" and composed != decomposed
    text = (
        "citroen:\n"
        "  name: Citroen\n"
        f"  aliases: [\"{composed}\"]\n"  # written composed
        "skoda:\n"
        "  name: Skoda\n"
        f"  aliases: [\"{skoda_nfd}\"]\n"  # written decomposed
    )
    registry = load(tmp_path, companies=text)
    assert registry.errors == []
    citroen, skoda = registry.entry("company", "citroen"), registry.entry("company", "skoda")
    assert registry.resolve("company", decomposed) is citroen  # NFD in the briefing, NFC in the file
    assert registry.resolve("company", composed) is citroen
    assert registry.resolve("company", "Škoda Auto") is skoda  # NFC in the briefing, NFD in the file
    assert registry.resolve("company", "ŠKODA AUTO") is skoda
    assert registry.resolve("company", skoda_nfd) is skoda
    assert fold(composed) == fold(decomposed)


def test_zero_width_characters_are_ignored(tmp_path):
    text = (
        "xiaomi:\n"
        "  name: Xiaomi\n"
        "  aliases: [\"Mi\u200b Group\"]\n"  # a zero-width space in the file
    )
    registry = load(tmp_path, companies=text)
    assert registry.errors == []
    xiaomi = registry.entry("company", "xiaomi")
    for spelling in ("Xiao\u200bmi", "Xia\u200domi", "\u2060Xiaomi", "Xiao\u00admi", "Mi Group", "MI\u200c GROUP"):
        assert registry.resolve("company", spelling) is xiaomi, repr(spelling)


def test_a_name_in_no_registry_resolves_to_none(tmp_path):
    registry = load(tmp_path, companies=COMPANIES)
    assert registry.resolve("company", "BYD") is None
    assert registry.resolve("company", "Xiaomi Corp Ltd") is None
    assert registry.resolve("source", "Xiaomi") is None  # a company is not an outlet
    assert registry.resolve("region", "Xiaomi") is None
    assert registry.resolve("story", "xiaomi") is None
    assert registry.entry("company", "byd") is None


def test_outlets_resolve_by_key_name_and_alias(tmp_path):
    text = "ft:\n  name: Financial Times\n  aliases: [FT, The Financial Times]\n  country: GB\n"
    registry = load(tmp_path, outlets=text)
    assert registry.errors == []
    ft = registry.entry("source", "ft")
    for spelling in ("ft", "FT", "financial times", "THE FINANCIAL TIMES"):
        assert registry.resolve("source", spelling) is ft, spelling
    assert registry.resolve("company", "FT") is None


def test_stories_resolve_by_key_only(tmp_path):
    text = "ford-xiaomi-us-talks:\n  title: Ford and Xiaomi in the US\n  summary: Talks, denied.\n"
    registry = load(tmp_path, stories=text)
    assert registry.errors == []
    story = registry.entry("story", "ford-xiaomi-us-talks")
    assert story.title == "Ford and Xiaomi in the US" and story.summary == "Talks, denied."
    assert story.shown == "Ford and Xiaomi in the US"
    assert registry.resolve("story", "ford-xiaomi-us-talks") is story
    assert registry.resolve("story", "Ford and Xiaomi in the US") is None
    assert registry.resolve("story", "ford and xiaomi in the us") is None
    assert registry.resolve("story", "other-story") is None


def test_authors_resolve_by_key_or_name(tmp_path):
    text = "jane-doe:\n  name: Jane Doe\n  url: https://example.org/jane\n  description: Writes on cars.\n"
    registry = load(tmp_path, authors=text)
    assert registry.errors == []
    jane = registry.entry("author", "jane-doe")
    assert jane.name == "Jane Doe" and jane.url == "https://example.org/jane"
    for spelling in ("jane-doe", "Jane Doe", "JANE DOE", "jane doe"):
        assert registry.resolve("author", spelling) is jane, spelling
    assert registry.resolve("author", "Doe") is None


def test_subsidiaries_in_file_order(tmp_path):
    text = COMPANIES + "mercury:\n  parent: ford\n"
    registry = load(tmp_path, companies=text)
    assert registry.errors == []
    assert [e.key for e in registry.subsidiaries("ford")] == ["lincoln", "mercury"]
    assert registry.subsidiaries("xiaomi") == []
    assert registry.entry("company", "lincoln").parent == "ford"


# --- errors: names that mean two entries ---------------------------------------------------------

def test_alias_equal_to_another_entrys_name(tmp_path):
    text = (
        "ford:\n"
        "  name: Ford Motor Company\n"
        "lincoln:\n"
        "  name: Lincoln\n"
        "  aliases:\n"
        "    - Lincoln Motor\n"
        "    - FORD MOTOR COMPANY\n"
    )
    registry = load(tmp_path, companies=text)
    assert where(registry) == [("registry/companies.yml", line_of(text, "- FORD MOTOR COMPANY"), "lincoln.aliases[1]")]
    (error,) = registry.errors
    assert "ford" in error.message and f"line {line_of(text, 'ford:')}" in error.message
    assert "lincoln" in str(error) and "ford" in str(error)  # both entries' keys
    # The first entry keeps the name.
    assert registry.resolve("company", "Ford Motor Company") is registry.entry("company", "ford")


def test_alias_equal_to_another_entrys_alias(tmp_path):
    text = (
        "xiaomi:\n"
        "  aliases: [Mi, Xiaomi Corp]\n"
        "xiaomi-auto:\n"
        "  name: Xiaomi Auto\n"
        "  aliases: [xiaomi corp]\n"
    )
    registry = load(tmp_path, companies=text)
    assert where(registry) == [("registry/companies.yml", line_of(text, "[xiaomi corp]"), "xiaomi-auto.aliases[0]")]
    (error,) = registry.errors
    assert "'xiaomi corp'" in error.message and "xiaomi" in error.message.replace("'xiaomi corp'", "")
    assert "xiaomi-auto" in str(error)


def test_alias_equal_to_another_entrys_key(tmp_path):
    text = (
        "ford:\n"
        "  name: Ford Motor Company\n"
        "lincoln:\n"
        "  aliases: [Ford]\n"
    )
    registry = load(tmp_path, companies=text)
    assert where(registry) == [("registry/companies.yml", line_of(text, "[Ford]"), "lincoln.aliases[0]")]
    (error,) = registry.errors
    assert re.search(r"\bford\b", error.message) and "lincoln" in str(error)


def test_key_equal_to_an_earlier_entrys_alias(tmp_path):
    # The other order: the alias comes first, the key that it equals after it.
    text = (
        "lincoln:\n"
        "  aliases: [Ford]\n"
        "ford:\n"
        "  name: Ford Motor Company\n"
    )
    registry = load(tmp_path, companies=text)
    assert where(registry) == [("registry/companies.yml", line_of(text, "ford:"), "ford")]
    (error,) = registry.errors
    assert "lincoln" in error.message and f"line {line_of(text, 'lincoln:')}" in error.message


def test_names_equal_after_nfc_and_zero_width_are_the_same_name(tmp_path):
    text = (
        "citroen:\n"
        "  aliases: [\"Citro\u00ebn\"]\n"
        "citroen-auto:\n"
        "  aliases: [\"CITROE\u0308N\"]\n"
        "xiaomi:\n"
        "  name: Xiaomi\n"
        "mi:\n"
        "  name: \"Xiao\u200bmi\"\n"
    )
    registry = load(tmp_path, companies=text)
    assert where(registry) == [
        ("registry/companies.yml", line_of(text, "CITROE"), "citroen-auto.aliases[0]"),
        ("registry/companies.yml", line_of(text, "Xiao\u200bmi"), "mi.name"),
    ]


def test_the_same_name_in_two_kinds_is_no_error(tmp_path):
    registry = load(tmp_path, companies="xiaomi:\n  name: Xiaomi\n", outlets="xiaomi:\n  name: Xiaomi\n")
    assert registry.errors == []
    assert registry.resolve("company", "Xiaomi").kind == "company"
    assert registry.resolve("source", "Xiaomi").kind == "source"


def test_an_entry_repeating_its_own_name_is_no_error(tmp_path):
    registry = load(tmp_path, companies="xiaomi:\n  name: Xiaomi\n  aliases: [XIAOMI, xiaomi]\n")
    assert registry.errors == []


# --- errors: parents -----------------------------------------------------------------------------

def test_parent_naming_no_company(tmp_path):
    text = "lincoln:\n  name: Lincoln\n  parent: ford\n"
    registry = load(tmp_path, companies=text, outlets="ford:\n  name: Ford\n")  # an outlet is no company
    assert where(registry) == [("registry/companies.yml", line_of(text, "parent: ford"), "lincoln.parent")]
    assert "ford" in registry.errors[0].message


def test_parent_cycle_of_two(tmp_path):
    text = (
        "ford:\n"
        "  name: Ford\n"
        "  parent: lincoln\n"
        "lincoln:\n"
        "  name: Lincoln\n"
        "  parent: ford\n"
    )
    registry = load(tmp_path, companies=text)
    assert where(registry) == [
        ("registry/companies.yml", line_of(text, "parent: lincoln"), "ford.parent"),
        ("registry/companies.yml", line_of(text, "parent: ford"), "lincoln.parent"),
    ]
    assert all("cycle" in e.message for e in registry.errors)


def test_parent_cycle_of_one(tmp_path):
    text = "ford:\n  name: Ford\n  parent: ford\n"
    registry = load(tmp_path, companies=text)
    assert where(registry) == [("registry/companies.yml", line_of(text, "parent: ford"), "ford.parent")]
    assert "cycle" in registry.errors[0].message


def test_parent_cycle_of_three_reports_every_member_and_not_its_tail(tmp_path):
    text = (
        "alpha:\n"
        "  parent: beta\n"
        "beta:\n"
        "  parent: gamma\n"
        "gamma:\n"
        "  parent: alpha\n"
        "tail:\n"  # owned by a member of the cycle, but in none
        "  parent: alpha\n"
    )
    registry = load(tmp_path, companies=text)
    assert where(registry) == [
        ("registry/companies.yml", line_of(text, "parent: beta"), "alpha.parent"),
        ("registry/companies.yml", line_of(text, "parent: gamma"), "beta.parent"),
        ("registry/companies.yml", line_of(text, "parent: alpha", 1), "gamma.parent"),
    ]
    for error in registry.errors:
        assert "cycle" in error.message
        assert all(member in error.message for member in ("alpha", "beta", "gamma"))
        assert "tail" not in error.message


# --- errors: the shape of keys and entries -------------------------------------------------------

@pytest.mark.parametrize("key", ["Xiaomi", "xiaomi_corp", "xiaomi--auto", "-xiaomi", "xiaomi corp", "小米"])
def test_a_key_that_is_not_a_slug(tmp_path, key):
    text = f"ford:\n  name: Ford\n\"{key}\":\n  name: Xiaomi\n"
    registry = load(tmp_path, companies=text)
    assert where(registry) == [("registry/companies.yml", line_of(text, f"\"{key}\":"), key)]
    assert "slug" in registry.errors[0].message
    assert registry.entry("company", "ford") is not None  # the other entries still load


def test_a_key_too_long_for_a_folder_name(tmp_path):
    # A key is the folder of its page (companies/<key>/): model.Slug caps every other slug at
    # MAX_SEGMENT, the registry must too, or a build fails writing a file name too long.
    key = "a" * (MAX_SEGMENT + 1)
    text = f"ford:\n  name: Ford\n{key}:\n  name: Long\n"
    registry = load(tmp_path, companies=text)
    assert where(registry) == [("registry/companies.yml", line_of(text, f"{key}:"), key)]
    assert registry.entry("company", key) is None


def test_a_key_of_the_largest_length_is_fine(tmp_path):
    key = "a" * MAX_SEGMENT
    registry = load(tmp_path, companies=f"{key}:\n  name: Long\n")
    assert registry.errors == []
    assert registry.entry("company", key) is not None


@pytest.mark.parametrize("value", ["Xiaomi", "[Xiaomi, Mi]", "12"])
def test_an_entry_that_is_not_a_mapping(tmp_path, value):
    text = f"ford:\n  name: Ford\nxiaomi: {value}\n"
    registry = load(tmp_path, companies=text)
    assert where(registry) == [("registry/companies.yml", line_of(text, "xiaomi:"), "xiaomi")]
    assert "mapping" in registry.errors[0].message


def test_an_empty_entry_is_a_key_alone(tmp_path):
    registry = load(tmp_path, companies="xiaomi:\n")
    assert registry.errors == []
    assert registry.resolve("company", "XIAOMI") is registry.entry("company", "xiaomi")
    assert registry.entry("company", "xiaomi").name is None


def test_an_unknown_field_with_a_hint(tmp_path):
    text = "xiaomi:\n  nmae: Xiaomi\n  country: CN\n"
    registry = load(tmp_path, companies=text)
    assert where(registry) == [("registry/companies.yml", line_of(text, "nmae:"), "xiaomi.nmae")]
    message = registry.errors[0].message
    assert "unknown field" in message and "'name'" in message


def test_fields_of_a_company_are_unknown_to_an_outlet(tmp_path):
    text = "ft:\n  name: Financial Times\n  lei: 506700GE1G29325QX363\n  parent: nikkei\n"
    registry = load(tmp_path, outlets=text)
    assert where(registry) == [
        ("registry/outlets.yml", line_of(text, "lei:"), "ft.lei"),
        ("registry/outlets.yml", line_of(text, "parent:"), "ft.parent"),
    ]
    assert all("unknown field" in e.message for e in registry.errors)


def test_a_story_without_its_title(tmp_path):
    text = "ford-xiaomi:\n  title: Ford and Xiaomi\nno-title:\n  summary: What happened.\n"
    registry = load(tmp_path, stories=text)
    assert where(registry) == [("registry/stories.yml", line_of(text, "no-title:"), "no-title.title")]
    assert "required" in registry.errors[0].message
    assert registry.entry("story", "no-title") is None
    assert registry.entry("story", "ford-xiaomi") is not None


def test_an_author_without_a_name(tmp_path):
    text = "jane-doe:\n  name: Jane Doe\njohn:\n  url: https://example.org/john\n"
    registry = load(tmp_path, authors=text)
    assert where(registry) == [("registry/authors.yml", line_of(text, "john:"), "john.name")]
    assert "required" in registry.errors[0].message


def test_an_empty_story_entry_lacks_its_title(tmp_path):
    text = "ford-xiaomi:\n"
    registry = load(tmp_path, stories=text)
    assert where(registry) == [("registry/stories.yml", line_of(text, "ford-xiaomi:"), "ford-xiaomi.title")]


# --- errors: identifiers and links ---------------------------------------------------------------

@pytest.mark.parametrize("value, words", [
    ("X12", "Wikidata"), ("q12", "Wikidata"), ("Q", "Wikidata"), ("Q012", "Wikidata"), ("12", "text"),
])
def test_bad_wikidata(tmp_path, value, words):
    text = f"xiaomi:\n  name: Xiaomi\n  wikidata: {value}\n"  # 12 unquoted: a YAML number
    registry = load(tmp_path, companies=text)
    assert where(registry) == [("registry/companies.yml", line_of(text, "wikidata:"), "xiaomi.wikidata")]
    assert words in registry.errors[0].message


def test_bad_lei_length_and_check_digits(tmp_path):
    valid = lei_with_check_digits("5493001KJTIIGC8Y1R")
    assert lei_is_valid(valid)
    mistyped = valid[:5] + ("1" if valid[5] != "1" else "2") + valid[6:]  # one character changed
    swapped_check = valid[:18] + f"{(int(valid[18:]) + 1) % 100:02d}"
    assert not lei_is_valid(mistyped) and not lei_is_valid(swapped_check)
    entries = {
        "short": valid[:19],
        "long": valid + "0",
        "mistyped": mistyped,
        "check": swapped_check,
        "lower": valid.lower(),
    }
    text = "".join(f"{key}:\n  lei: \"{lei}\"\n" for key, lei in entries.items())
    registry = load(tmp_path, companies=text)
    assert where(registry) == sorted(
        ("registry/companies.yml", line_of(text, f"\"{lei}\""), f"{key}.lei") for key, lei in entries.items()
    )
    messages = {e.field: e.message for e in registry.errors}
    assert "check digits" in messages["mistyped.lei"] and "check digits" in messages["check.lei"]
    assert "20 characters" in messages["short.lei"] and "20 characters" in messages["long.lei"]


@pytest.mark.parametrize("value", ["XX", "cn", "CHN", "China", "\"1\""])
def test_bad_country(tmp_path, value):
    text = f"xiaomi:\n  name: Xiaomi\n  country: {value}\n"
    registry = load(tmp_path, companies=text)
    assert where(registry) == [("registry/companies.yml", line_of(text, "country:"), "xiaomi.country")]
    assert "ISO 3166-1" in registry.errors[0].message


def test_norway_is_a_country_not_false(tmp_path):
    registry = load(tmp_path, outlets="nrk:\n  name: NRK\n  country: NO\n")
    assert registry.errors == []
    assert registry.entry("source", "nrk").country == "NO"


@pytest.mark.parametrize("value", ["ftp://www.mi.com/", "www.mi.com", "mailto:press@mi.com", "javascript:alert(1)"])
def test_a_website_that_is_not_http(tmp_path, value):
    text = f"xiaomi:\n  name: Xiaomi\n  website: \"{value}\"\n"
    registry = load(tmp_path, companies=text)
    assert where(registry) == [("registry/companies.yml", line_of(text, "website:"), "xiaomi.website")]
    assert "http" in registry.errors[0].message


def test_an_authors_url_that_is_not_http(tmp_path):
    text = "jane-doe:\n  name: Jane Doe\n  url: ftp://example.org/jane\n"
    registry = load(tmp_path, authors=text)
    assert where(registry) == [("registry/authors.yml", line_of(text, "url:"), "jane-doe.url")]


def test_a_valid_lei_and_wikidata_pass_through_unchanged(tmp_path):
    lei = lei_with_check_digits("254900ABCDEFGH1234")
    assert lei_is_valid(lei)
    text = f"xiaomi:\n  name: Xiaomi\n  wikidata: Q1636958\n  lei: {lei}\n  country: CN\n"
    registry = load(tmp_path, companies=text)
    assert registry.errors == []
    xiaomi = registry.entry("company", "xiaomi")
    assert xiaomi.lei == lei
    assert xiaomi.wikidata == "Q1636958"
    assert xiaomi.wikidata_url == "https://www.wikidata.org/wiki/Q1636958"
    assert xiaomi.lei_url is not None and xiaomi.lei_url.endswith(lei)
    assert xiaomi.country == "CN" and xiaomi.country_name == "China"


def test_an_entry_without_identifiers_has_no_links(tmp_path):
    registry = load(tmp_path, companies="xiaomi:\n  name: Xiaomi\n")
    xiaomi = registry.entry("company", "xiaomi")
    assert xiaomi.wikidata_url is None and xiaomi.lei_url is None and xiaomi.country_name is None
    assert xiaomi.aliases == [] and xiaomi.shown == "Xiaomi"


# --- errors: files -------------------------------------------------------------------------------

def test_invalid_yaml_at_its_line(tmp_path):
    text = "ford:\n  name: Ford\nxiaomi:\n  name: Xiaomi: Corp\n"
    registry = load(tmp_path, companies=text)
    assert where(registry) == [("registry/companies.yml", line_of(text, "Xiaomi: Corp"), "file")]
    assert "invalid YAML" in registry.errors[0].message
    assert registry.entries["company"] == {}


def test_a_tab_in_the_indentation_at_its_line(tmp_path):
    text = "xiaomi:\n  name: Xiaomi\n\tcountry: CN\n"
    registry = load(tmp_path, companies=text)
    assert where(registry) == [("registry/companies.yml", line_of(text, "\tcountry"), "file")]


def test_a_key_given_twice_at_its_second_line(tmp_path):
    text = "xiaomi:\n  name: Xiaomi\nford:\n  name: Ford\nxiaomi:\n  name: Mi\n"
    registry = load(tmp_path, companies=text)
    assert where(registry) == [("registry/companies.yml", line_of(text, "xiaomi:", 2), "xiaomi")]
    assert f"line {line_of(text, 'xiaomi:', 1)}" in registry.errors[0].message


def test_a_file_not_utf8_at_its_line(tmp_path):
    data = b"ford:\n  name: Ford\nskoda:\n  name: \x8akoda\n"
    registry = load(tmp_path, companies=data)
    assert where(registry) == [("registry/companies.yml", data.split(b"\n").index(b"  name: \x8akoda") + 1, "file")]
    assert "UTF-8" in registry.errors[0].message


@pytest.mark.parametrize("text", ["- xiaomi\n- ford\n", "xiaomi\n", "[xiaomi, ford]\n"])
def test_a_file_that_is_not_a_mapping(tmp_path, text):
    registry = load(tmp_path, companies=text)
    assert where(registry) == [("registry/companies.yml", 1, "file")]
    assert "mapping" in registry.errors[0].message


@pytest.mark.parametrize("text", ["", "\n\n", "# no companies yet\n", "---\n", "\ufeff"])
def test_an_empty_file_is_fine(tmp_path, text):
    registry = load(tmp_path, companies=text, outlets=text, stories=text, authors=text)
    assert registry.errors == []
    assert all(entries == {} for entries in registry.entries.values())
    assert registry.unused_stories([]) == []


def test_files_absent_make_an_empty_registry(tmp_path):
    for folder in (tmp_path / "nowhere", tmp_path):  # no folder; a folder without registry files
        registry = load_registry(folder)
        assert registry.errors == []
        assert all(entries == {} for entries in registry.entries.values())
        assert registry.resolve("company", "Xiaomi") is None
        assert registry.resolve("story", "ford-xiaomi") is None
        assert registry.subsidiaries("ford") == []
        assert registry.unused_stories(["ford-xiaomi"]) == []


def test_only_some_files_present(tmp_path):
    registry = load(tmp_path, outlets="ft:\n  name: Financial Times\n")
    assert registry.errors == []
    assert registry.resolve("source", "Financial Times").key == "ft"
    assert registry.resolve("company", "Financial Times") is None


def test_crlf_and_bom_keep_lines(tmp_path):
    text = "\ufeffford:\r\n  name: Ford\r\nlincoln:\r\n  parent: mercury\r\n"
    registry = load(tmp_path, companies=text)
    assert where(registry) == [("registry/companies.yml", line_of(text, "parent: mercury"), "lincoln.parent")]


# --- unused stories ------------------------------------------------------------------------------

def test_unused_stories_warn_only_for_stories_no_briefing_names(tmp_path):
    text = (
        "ford-xiaomi:\n  title: Ford and Xiaomi\n"
        "byd-europe:\n  title: BYD in Europe\n"
        "nio-swap:\n  title: NIO's battery swaps\n"
    )
    registry = load(tmp_path, stories=text)
    assert registry.errors == []
    warnings = registry.unused_stories(iter(["byd-europe", "not-in-the-registry"]))
    assert [(w.path, w.line, w.field) for w in warnings] == [
        ("registry/stories.yml", line_of(text, "ford-xiaomi:"), "ford-xiaomi"),
        ("registry/stories.yml", line_of(text, "nio-swap:"), "nio-swap"),
    ]
    assert all(isinstance(w, BriefingError) for w in warnings)
    assert registry.unused_stories(["ford-xiaomi", "byd-europe", "nio-swap"]) == []
    assert len(registry.unused_stories([])) == 3
    assert registry.errors == []  # a warning, not an error


# --- how errors read -----------------------------------------------------------------------------

LINE = re.compile(r"^(?P<path>[^\n:]+):(?P<line>[1-9][0-9]*): (?P<field>[^\n]+?): (?P<message>[^\n]+)$")


def test_every_error_is_one_line_path_line_field_message(tmp_path):
    companies = (
        "\"a\\nb\":\n  name: Newline\n"  # a key with a line break
        "ford:\n  name: \"Ford\\nMotor\"\n"  # a name with a line break, valid text
        "ford-two:\n  aliases: [\"FORD\\nMOTOR\"]\n"  # and an alias echoing it
        "xiaomi: Xiaomi\n"
        "byd:\n  nmae: BYD\n  wikidata: X12\n  lei: ABC\n  country: cn\n  website: ftp://byd.com/\n"
        "loop:\n  parent: loop\n"
        "orphan:\n  parent: nobody\n"
    )
    registry = load(tmp_path, companies=companies, outlets="- a list\n", stories="s:\n  summary: x\n",
                    authors="a:\n  name: [\n")
    assert len(registry.errors) >= 12
    for error in registry.errors:
        rendered = str(error)
        assert "\n" not in rendered and "\r" not in rendered, rendered
        match = LINE.match(rendered)
        assert match, rendered
        assert match["path"] == error.path and int(match["line"]) == error.line
        assert rendered.startswith(f"{error.path}:{error.line}: ")
        if error.field.isprintable() and error.message.isprintable():
            assert rendered == f"{error.path}:{error.line}: {error.field}: {error.message}"
    newline_key = next(e for e in registry.errors if e.field == "a\nb")
    assert str(newline_key).startswith("registry/companies.yml:1: a\\nb: ")
    echoed = next(e for e in registry.errors if e.field == "ford-two.aliases[0]")
    assert "\n" in echoed.message and "FORD\\nMOTOR" in str(echoed)


def test_errors_are_sorted_by_path_then_line(tmp_path):
    registry = load(tmp_path, companies="b:\n  parent: nobody\na:\n  country: XX\n", authors="x:\n  url: ftp://x/\n")
    assert registry.errors == sorted(registry.errors)
    assert [e.path for e in registry.errors] == ["registry/authors.yml", "registry/authors.yml",
                                                  "registry/companies.yml", "registry/companies.yml"]


# --- the path shown ------------------------------------------------------------------------------

@pytest.mark.parametrize("shown, path", [
    ("registry", "registry/companies.yml"),
    ("content/who", "content/who/companies.yml"),
    ("content/who/", "content/who/companies.yml"),
    ("", "companies.yml"),
])
def test_the_path_shown_is_the_shown_argument(tmp_path, shown, path):
    text = "ford:\n  name: Ford\nlincoln:\n  parent: mercury\n"
    folder = write(tmp_path, "companies.yml", text)
    write(tmp_path, "stories.yml", "ford-xiaomi:\n  title: Ford and Xiaomi\n")
    registry = load_registry(folder, shown=shown)
    assert where(registry) == [(path, line_of(text, "parent: mercury"), "lincoln.parent")]
    assert registry.entry("company", "ford").path == path
    assert str(registry.errors[0]).startswith(f"{path}:{line_of(text, 'parent: mercury')}: lincoln.parent: ")
    stories = path.replace("companies.yml", "stories.yml")
    assert [w.path for w in registry.unused_stories([])] == [stories]


def test_the_default_shown_path_is_registry(tmp_path):
    folder = write(tmp_path, "authors.yml", "jane:\n  url: https://example.org/\n")
    # The folder on disk is tmp_path/registry, but what errors show never holds tmp_path.
    (error,) = load_registry(folder).errors
    assert error.path == "registry/authors.yml" and str(tmp_path) not in str(error)
