"""The registries (contract v1.1) in the `autobrief` command: `check` reads them beside the briefings
folder (their errors, names close to an entry, --closed, unused stories) and `registry add` appends to
them. Run as a subprocess, as writers and CI run it; expected lines come from the test's own files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from autobrief.cli import PARALLEL_FROM
from autobrief.core.names import within
from autobrief.core.registry import load_registry
from conftest import ENV

CLI_ENV = {**ENV, "GITHUB_ACTIONS": ""}
TALKS = "briefings/2026/02/talks.md"

BRIEFING = """\
---
title: Ford and Xiaomi talked about cooperation on cars in the US?
date: 2026-02-02
status: denied
companies: [{companies}]
story: ford-xiaomi
sources:
  - name: {source}
  - name: Reuters
    via: {via}
authors: [Jane Doe]
---
Body text.
"""

COMPANIES = """\
# Who is who: the companies briefings name
xiaomi:
  name: Xiaomi
  aliases: [Xiaomi Corp, 小米]
  country: CN
volkswagen:
  name: Volkswagen
nissan:
  name: Nissan
ford:
  name: Ford
"""

OUTLETS = """\
financial-times:
  name: Financial Times
  aliases: [FT]
reuters:
  name: Reuters
"""


def autobrief(*args: str, cwd, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "autobrief.cli", *args], cwd=cwd, env={**CLI_ENV, **env},
                          capture_output=True, text=True, timeout=300)


def briefing(companies: str = "Ford, Xiaomi", source: str = "Financial Times", via: str = "FT") -> str:
    return BRIEFING.format(companies=companies, source=source, via=via)


def project(root: Path, text: str | None = None, rel: str = TALKS, **registry: str) -> Path:
    """A project: one briefing at ``rel``, and registry/<name>.yml for each keyword given."""
    file = root / rel
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(briefing() if text is None else text, encoding="utf-8")
    for name, content in registry.items():
        (root / "registry").mkdir(exist_ok=True)
        (root / "registry" / f"{name}.yml").write_text(content, encoding="utf-8")
    return root


def line_of(text: str, needle: str, after: str | None = None) -> int:
    """The 1-based line of the first line holding ``needle`` (below the line holding ``after``)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i, line in enumerate(lines) if i >= start and needle in line) + 1


def warning_lines(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if ": warning: " in line]


def lei(prefix: str) -> str:
    """A valid LEI for an 18-character prefix: ISO 7064 MOD 97-10 check digits, worked out here."""
    number = int("".join(str(int(c, 36)) for c in prefix + "00"))
    return prefix + f"{98 - number % 97:02d}"


# --- check: the registry files' own errors -----------------------------------------------------


def test_registry_errors_are_errors_with_their_file_and_line(tmp_path):
    valid = lei("529900T8BM49AURSDO")
    bad = valid[:-1] + str((int(valid[-1]) + 1) % 10)  # one check digit mistyped
    companies = (
        "xiaomi:\n  name: Xiaomi\n  aliases: [Xiaomi Corp]\n"
        "xiaomi-auto:\n  name: Xiaomi Auto\n  aliases:\n    - Xiaomi Corp\n"  # conflicts with xiaomi's alias
        "alpha:\n  name: Alpha\n  parent: beta\n"
        "beta:\n  name: Beta\n  parent: alpha\n"  # alpha -> beta -> alpha
        f"geely:\n  name: Geely\n  lei: {bad}\n"
        f"zeekr:\n  name: Zeekr\n  lei: {valid}\n  parent: xiaomi\n"  # fine
    )
    root = project(tmp_path, briefing("Xiaomi, Zeekr"), companies=companies)
    result = autobrief("check", cwd=root)
    assert result.returncode == 1, result.stdout + result.stderr
    path = "registry/companies.yml"
    alias = line_of(companies, "- Xiaomi Corp")
    alpha, beta = line_of(companies, "parent: beta"), line_of(companies, "parent: alpha")
    lei_line = line_of(companies, f"lei: {bad}")
    assert result.stdout.splitlines() == [
        f"{path}:{alias}: xiaomi-auto.aliases[0]: 'Xiaomi Corp' also names xiaomi (line 1): a name may mean one "
        "company only; remove it from one of them",
        f"{path}:{alpha}: alpha.parent: makes a cycle: alpha → beta → alpha: a company cannot own itself",
        f"{path}:{beta}: beta.parent: makes a cycle: beta → alpha → beta: a company cannot own itself",
        f"{path}:{lei_line}: geely.lei: '{bad}' is not an LEI: its check digits do not match (a character is "
        "mistyped)",
    ]
    assert result.stderr.strip() == "4 errors in 0 of 1 file and 1 registry file"


def test_a_registry_error_and_a_briefing_error_are_counted_apart(tmp_path):
    outlets = "reuters:\n  name: Reuters\n  lei: 5299000J2N45DDNE4Y28\n"  # an outlet takes no LEI
    root = project(tmp_path, briefing().replace("status: denied", "status: x"), outlets=outlets)
    result = autobrief("check", cwd=root)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert [line.split(": ", 2)[:2] for line in lines] == [
        [f"{TALKS}:{line_of(briefing(), 'status:')}", "status"],
        [f"registry/outlets.yml:{line_of(outlets, 'lei:')}", "reuters.lei"],
    ]
    assert result.stderr.strip() == "2 errors in 1 of 1 file and 1 registry file"


def test_a_registry_that_is_not_yaml_is_an_error(tmp_path):
    stories = "ford-xiaomi:\n  title: [unclosed\n"
    root = project(tmp_path, stories=stories)
    result = autobrief("check", cwd=root)
    assert result.returncode == 1
    assert result.stdout.startswith("registry/stories.yml:")
    assert ": file: invalid YAML" in result.stdout


def test_registry_errors_show_even_before_the_first_briefing(tmp_path):
    (tmp_path / "briefings").mkdir()
    (tmp_path / "registry").mkdir()
    authors = "jane:\n  url: https://example.com/jane\n"  # no name
    (tmp_path / "registry/authors.yml").write_text(authors, encoding="utf-8")
    result = autobrief("check", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"registry/authors.yml:{line_of(authors, 'jane:')}: jane.name: is required: the author's name"]
    assert result.stderr.strip() == "1 error in 0 of 0 files and 1 registry file"


# --- check: names close to an entry ---------------------------------------------------------------


def test_close_names_are_warnings_naming_the_entry(tmp_path):
    text = briefing("Xiaomy, Xiaomi Corporation, Volkswgn, Ford", source="Reuter", via="Financial Times")
    root = project(tmp_path, text, companies=COMPANIES, outlets=OUTLETS)
    result = autobrief("check", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    companies_line = line_of(text, "companies:")
    xiaomi = f"Xiaomi (registry/companies.yml:{line_of(COMPANIES, 'name: Xiaomi')})"
    volkswagen = f"Volkswagen (registry/companies.yml:{line_of(COMPANIES, 'name: Volkswagen')})"
    reuters = f"Reuters (registry/outlets.yml:{line_of(OUTLETS, 'name: Reuters')})"
    hint = "add it as an alias or use that name"
    assert result.stdout.splitlines() == [
        # distance 1 (6 characters)
        f"{TALKS}:{companies_line}: companies[0]: warning: 'Xiaomy' is in no registry; did you mean {xiaomi}? {hint}",
        # the registry's name inside it, as whole words
        f"{TALKS}:{companies_line}: companies[1]: warning: 'Xiaomi Corporation' is in no registry; "
        f"did you mean {xiaomi}? {hint}",
        # distance 2 (more than 6 characters)
        f"{TALKS}:{companies_line}: companies[2]: warning: 'Volkswgn' is in no registry; "
        f"did you mean {volkswagen}? {hint}",
        f"{TALKS}:{line_of(text, 'name: Reuter')}: sources[0].name: warning: 'Reuter' is in no registry; "
        f"did you mean {reuters}? {hint}",
    ]
    assert result.stderr.strip() == "1 briefing OK; 4 warnings"


def test_a_shorter_name_inside_a_registry_name_is_close_too(tmp_path):
    companies = "xiaomi-auto:\n  name: Xiaomi Auto Technology\n"
    root = project(tmp_path, briefing("Xiaomi Auto"), companies=companies)
    result = autobrief("check", cwd=root)
    assert result.returncode == 0
    assert warning_lines(result.stdout) == [
        f"{TALKS}:{line_of(briefing(), 'companies:')}: companies[0]: warning: 'Xiaomi Auto' is in no registry; "
        "did you mean Xiaomi Auto Technology (registry/companies.yml:2)? add it as an alias or use that name"]


def test_names_far_from_every_entry_are_not_warned(tmp_path):
    # Nisn: distance 2 from Nissan, too far for a name of up to 6 characters; Xiao: part of a word only;
    # BYD, Zeekr: nothing like any entry. Resolved names (Ford, the alias FT, 小米) are never warned.
    text = briefing("Nisn, Xiao, BYD, Zeekr, Ford, 小米", source="Bloomberg", via="FT")
    root = project(tmp_path, text, companies=COMPANIES, outlets=OUTLETS)
    result = autobrief("check", cwd=root)
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""
    assert result.stderr.strip() == "1 briefing OK"


def test_without_registry_files_nothing_changes(tmp_path):
    root = project(tmp_path, briefing("Xiaomy"))
    result = autobrief("check", cwd=root)
    assert (result.returncode, result.stdout, result.stderr.strip()) == (0, "", "1 briefing OK")


def test_the_edit_distance_is_bounded():
    assert within("xiaomy", "xiaomi", 1) == 1
    assert within("volkswgn", "volkswagen", 2) == 2
    assert within("volkswgn", "volkswagen", 1) is None
    assert within("kitten", "sitting", 3) == 3
    assert within("kitten", "sitting", 2) is None
    assert within("abc", "abc", 0) == 0
    assert within("ab", "ba", 1) is None and within("ab", "ba", 2) == 2


# --- check --closed ------------------------------------------------------------------------------


def test_closed_makes_every_unknown_name_an_error(tmp_path):
    text = briefing("Ford, Xiaomy, Zeekr", source="Bloomberg", via="FT")
    root = project(tmp_path, text, companies=COMPANIES, outlets=OUTLETS)
    open_check = autobrief("check", cwd=root)
    assert open_check.returncode == 0 and len(warning_lines(open_check.stdout)) == 1
    result = autobrief("check", "--closed", cwd=root)
    assert result.returncode == 1
    companies_line = line_of(text, "companies:")
    assert result.stdout.splitlines() == [
        f"{TALKS}:{companies_line}: companies[1]: 'Xiaomy' is in no registry; did you mean Xiaomi "
        f"(registry/companies.yml:{line_of(COMPANIES, 'name: Xiaomi')})? add it as an alias or use that name",
        f"{TALKS}:{companies_line}: companies[2]: 'Zeekr' is in no registry; add it to registry/companies.yml "
        "(autobrief registry add company Zeekr)",
        f"{TALKS}:{line_of(text, 'name: Bloomberg')}: sources[0].name: 'Bloomberg' is in no registry; add it to "
        "registry/outlets.yml (autobrief registry add outlet Bloomberg)",
    ]  # no authors.yml: Jane Doe works as in v1
    assert result.stderr.strip() == "3 errors in 1 of 1 file"


def test_closed_with_an_empty_registry_file_and_a_name_that_needs_a_key(tmp_path):
    root = project(tmp_path, briefing("小米汽车, Ford Motor"), companies="# none yet\n")
    result = autobrief("check", "--closed", cwd=root)
    assert result.returncode == 1
    line = line_of(briefing(), "companies:")
    assert result.stdout.splitlines() == [
        f"{TALKS}:{line}: companies[0]: '小米汽车' is in no registry; add it to registry/companies.yml "
        "(autobrief registry add company '小米汽车' --key SLUG)",
        f"{TALKS}:{line}: companies[1]: 'Ford Motor' is in no registry; add it to registry/companies.yml "
        "(autobrief registry add company 'Ford Motor')",
    ]


# --- check: output, paths and stories ---------------------------------------------------------------


def test_json_has_warnings_beside_errors(tmp_path):
    text = briefing("Xiaomy")
    companies = COMPANIES + "broken:\n  country: XX\n"
    root = project(tmp_path, text, companies=companies)
    result = autobrief("check", "--format", "json", cwd=root)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert set(report) == {"version", "files", "briefings", "errors", "warnings"}
    assert (report["version"], report["files"], report["briefings"]) == (1, 1, 1)
    assert report["errors"] == [{"path": "registry/companies.yml", "line": line_of(companies, "country: XX"),
                                 "field": "broken.country", "message": report["errors"][0]["message"]}]
    assert "'XX' is not an ISO 3166-1 alpha-2 country code" in report["errors"][0]["message"]
    assert report["warnings"] == [{
        "path": TALKS, "line": line_of(text, "companies:"), "field": "companies[0]",
        "message": "'Xiaomy' is in no registry; did you mean Xiaomi (registry/companies.yml:"
                   f"{line_of(companies, 'name: Xiaomi')})? add it as an alias or use that name"}]
    clean = autobrief("check", "--format", "json", cwd=project(tmp_path / "clean", briefing(), companies=COMPANIES))
    assert json.loads(clean.stdout)["warnings"] == [] and clean.returncode == 0
    v1 = autobrief("check", "--format", "json", cwd=project(tmp_path / "v1", briefing("Xiaomy")))
    assert json.loads(v1.stdout) == {"version": 1, "files": 1, "briefings": 1, "errors": []}  # no registry: as in v1


def test_warnings_are_annotations_on_github(tmp_path):
    root = project(tmp_path, briefing("Xiaomy"), companies=COMPANIES)
    result = autobrief("check", cwd=root, GITHUB_ACTIONS="true")
    assert result.returncode == 0
    assert (f"::warning file={TALKS},line={line_of(briefing(), 'companies:')},title=companies[0]::'Xiaomy' is in "
            "no registry") in result.stdout


def test_a_single_file_finds_the_registry_beside_its_briefings_folder(tmp_path):
    root = project(tmp_path / "site", briefing("Xiaomy"), companies=COMPANIES,
                   stories="ford-xiaomi:\n  title: Ford and Xiaomi\nlater:\n  title: Not yet\n")
    (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    result = autobrief("check", f"site/{TALKS}", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        f"site/{TALKS}:{line_of(briefing(), 'companies:')}: companies[0]: warning: 'Xiaomy' is in no registry; "
        f"did you mean Xiaomi (site/registry/companies.yml:{line_of(COMPANIES, 'name: Xiaomi')})? "
        "add it as an alias or use that name",
    ]  # one file is not the whole folder: no story is called unused
    # From inside the briefings folder: the registry is outside the current folder, so shown as a whole
    # path, as the build shows a path outside its base.
    inside = autobrief("check", "talks.md", cwd=root / "briefings/2026/02")
    assert inside.stdout.splitlines() == [
        f"talks.md:{line_of(briefing(), 'companies:')}: companies[0]: warning: 'Xiaomy' is in no registry; "
        f"did you mean Xiaomi ({(root / 'registry/companies.yml').as_posix()}:{line_of(COMPANIES, 'name: Xiaomi')})? "
        "add it as an alias or use that name",
    ]


def test_unused_stories_are_warned_when_the_whole_folder_is_checked(tmp_path):
    stories = "ford-xiaomi:\n  title: Ford and Xiaomi\nlater:\n  title: Not yet\n"
    root = project(tmp_path, briefing(), stories=stories)
    result = autobrief("check", cwd=root)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        f"registry/stories.yml:{line_of(stories, 'later:')}: later: warning: no briefing has this story yet: "
        "its title and summary show once one does"]
    assert result.stderr.strip() == "1 briefing OK; 1 warning"
    part = autobrief("check", "briefings/2026", cwd=root)
    assert part.stdout == "" and part.returncode == 0


def test_the_registry_option_chooses_the_folder(tmp_path):
    root = project(tmp_path, briefing("Xiaomy"))
    (root / "shared").mkdir()
    (root / "shared" / "companies.yml").write_text(COMPANIES, encoding="utf-8")
    result = autobrief("check", "--registry", "shared", cwd=root)
    assert result.returncode == 0
    assert warning_lines(result.stdout) and "(shared/companies.yml:" in result.stdout
    closed = autobrief("check", "--registry", "shared", "--closed", "briefings", cwd=root)
    assert "(autobrief registry add company Jane" not in closed.stdout  # no authors.yml there
    missing = autobrief("check", "--registry", "nowhere", cwd=root)
    assert missing.returncode == 1
    assert missing.stdout.splitlines() == ["nowhere:0: registry: no such folder"]
    assert missing.stderr.strip() == "1 error in 0 of 1 file; 1 path not found"


def test_names_come_back_from_parallel_workers(tmp_path):
    files = PARALLEL_FROM + 4
    for i in range(files):
        project(tmp_path, briefing("Xiaomy").replace("story: ford-xiaomi\n", ""), rel=f"briefings/2026/02/b{i:04d}.md")
    (tmp_path / "registry").mkdir()
    (tmp_path / "registry" / "companies.yml").write_text(COMPANIES, encoding="utf-8")
    result = autobrief("check", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(warning_lines(result.stdout)) == files
    assert result.stderr.strip() == f"{files} briefings OK; {files} warnings"


# --- registry add ---------------------------------------------------------------------------------


def test_add_creates_the_file_and_the_entry_resolves(tmp_path):
    root = project(tmp_path, briefing("Xiaomi Corporation"))
    result = autobrief("registry", "add", "company", "Xiaomi", "--alias", "Xiaomi Corporation", "--alias", "小米",
                       "--country", "CN", "--wikidata", "Q1636958", "--website", "https://www.mi.com/", cwd=root)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "registry/companies.yml:1: xiaomi: added company Xiaomi (a new file)"
    assert (root / "registry/companies.yml").read_text(encoding="utf-8") == (
        "xiaomi:\n  name: Xiaomi\n  aliases: [Xiaomi Corporation, 小米]\n  wikidata: Q1636958\n  country: CN\n"
        "  website: https://www.mi.com/\n")
    registry = load_registry(root / "registry")
    assert registry.errors == []
    entry = registry.resolve("company", "xiaomi corporation")
    assert entry is not None and (entry.key, entry.name, entry.country) == ("xiaomi", "Xiaomi", "CN")
    check = autobrief("check", "--closed", cwd=root)
    assert (check.returncode, check.stdout) == (0, "")


def test_add_appends_and_keeps_comments_and_layout(tmp_path):
    companies = ("# Who is who\nxiaomi:\n    name: Xiaomi   # the name shown\n    aliases:\n        - Xiaomi Corp\n"
                 "\nford:\n    name: Ford\n# more below\n")
    root = project(tmp_path, companies=companies)
    before = (root / "registry/companies.yml").read_bytes()
    result = autobrief("registry", "add", "company", "Xiaomi Auto", "--parent", "xiaomi", "--alias", "yes",
                       "--description", "Xiaomi's car maker: the SU7.", cwd=root)
    assert result.returncode == 0, result.stderr
    after = (root / "registry/companies.yml").read_bytes()
    added = ("xiaomi-auto:\n    name: Xiaomi Auto\n    aliases: ['yes']\n    parent: xiaomi\n"
             "    description: \"Xiaomi's car maker: the SU7.\"\n")
    assert after == before + b"\n" + added.encode()  # set apart by a blank line, as ford is
    line = len(companies.splitlines()) + 2
    assert result.stdout.strip() == f"registry/companies.yml:{line}: xiaomi-auto: added company Xiaomi Auto"
    registry = load_registry(root / "registry")
    entry = registry.resolve("company", "YES")
    assert entry is not None and entry.key == "xiaomi-auto" and entry.parent == "xiaomi" and entry.line == line
    assert [e.key for e in registry.subsidiaries("xiaomi")] == ["xiaomi-auto"]


def test_add_keeps_a_blank_line_between_entries_and_crlf(tmp_path):
    companies = "xiaomi:\r\n  name: Xiaomi\r\n\r\nford:\r\n  name: Ford\r\n"
    root = project(tmp_path)
    (root / "registry").mkdir()
    (root / "registry/companies.yml").write_bytes(companies.encode())
    result = autobrief("registry", "add", "company", "BYD", cwd=root)
    assert result.returncode == 0, result.stderr
    assert (root / "registry/companies.yml").read_bytes() == (companies + "\r\nbyd:\r\n  name: BYD\r\n").encode()


@pytest.mark.parametrize("args, field, message", [
    (["--alias", "Xiaomi Corp"], "xiaomi-auto.aliases[0]",
     "'Xiaomi Corp' also names xiaomi (line 1): a name may mean one company only; remove it from one of them"),
    (["--lei", "529900T8BM49AURSDO56"], "xiaomi-auto.lei",
     "'529900T8BM49AURSDO56' is not an LEI: its check digits do not match (a character is mistyped)"),
    (["--parent", "xiaomi-group"], "xiaomi-auto.parent", "names no company: there is no 'xiaomi-group' in this file"),
])
def test_add_refuses_what_the_registry_would_call_an_error(tmp_path, args, field, message):
    companies = "xiaomi:\n  name: Xiaomi\n  aliases: [Xiaomi Corp]\n"
    root = project(tmp_path, companies=companies)
    before = (root / "registry/companies.yml").read_bytes()
    result = autobrief("registry", "add", "company", "Xiaomi Auto", *args, cwd=root)
    assert result.returncode == 1
    assert (root / "registry/companies.yml").read_bytes() == before
    line = len(companies.splitlines()) + 3  # the entry would start below the file: key, name, then the field
    assert result.stderr.splitlines() == [
        f"registry/companies.yml:{line}: {field}: {message}",
        "autobrief registry add: error: registry/companies.yml would have errors with this entry; nothing written",
    ]
    assert result.stdout == ""
    assert sorted(os.listdir(root / "registry")) == ["companies.yml"]  # no temporary file left


def test_add_refuses_an_existing_key(tmp_path):
    companies = "# companies\nxiaomi:\n  name: Xiaomi\n"
    root = project(tmp_path, companies=companies)
    before = (root / "registry/companies.yml").read_bytes()
    result = autobrief("registry", "add", "company", "XIAOMI", cwd=root)  # its slug is the key xiaomi
    assert result.returncode == 1 and (root / "registry/companies.yml").read_bytes() == before
    assert result.stderr.splitlines()[0] == (
        f"registry/companies.yml:{line_of(companies, 'xiaomi:')}: xiaomi: is already a company of this file: "
        "choose another key with --key, or edit it")
    other = autobrief("registry", "add", "company", "XIAOMI", "--key", "xiaomi-2", cwd=root)
    assert other.returncode == 1 and "'XIAOMI' also names xiaomi" in other.stderr  # the same name, folded


def test_add_refuses_a_registry_file_that_already_has_errors(tmp_path):
    companies = "xiaomi:\n  name: Xiaomi\n  country: XX\n"
    root = project(tmp_path, companies=companies)
    before = (root / "registry/companies.yml").read_bytes()
    result = autobrief("registry", "add", "company", "Ford", cwd=root)
    assert result.returncode == 1 and (root / "registry/companies.yml").read_bytes() == before
    assert result.stderr.splitlines()[0].startswith(f"registry/companies.yml:{line_of(companies, 'country:')}: "
                                                    "xiaomi.country: 'XX' is not")
    assert "has errors: fix them first; nothing written" in result.stderr


@pytest.mark.parametrize("args, message", [
    (["outlet", "Reuters", "--lei", "529900T8BM49AURSDO55"],
     "--lei is not for an outlet: an outlet takes --alias, --country, --description, --key, --website, --wikidata"),
    (["author", "Jane Doe", "--alias", "JD"],
     "--alias is not for an author: an author takes --description, --key, --url"),
    (["story", "ford-xiaomi"], "a story needs --title: the title that heads its page"),
    (["story", "ford-xiaomi", "--title", "T", "--key", "x"],
     "--key is not for a story: a story takes --summary, --title"),
    (["company", "Ford", "--title", "T"], "--title is not for a company: a company takes --alias, --country, "
     "--description, --key, --lei, --parent, --website, --wikidata"),
    (["company", "小米"], "'小米' gives no key (it has no Latin letters or digits): give one with --key"),
])
def test_add_usage_errors_are_one_line(tmp_path, args, message):
    root = project(tmp_path)
    result = autobrief("registry", "add", *args, cwd=root)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"autobrief registry add: error: {message}"]
    assert not (root / "registry").exists()


def test_add_story_and_author_then_check_uses_them(tmp_path):
    root = project(tmp_path, briefing())
    story = autobrief("registry", "add", "story", "ford-xiaomi", "--title", "Ford and Xiaomi in the US",
                      "--summary", "Talks, denials and what followed.", cwd=root)
    assert story.returncode == 0, story.stderr
    assert story.stdout.strip() == "registry/stories.yml:1: ford-xiaomi: added story ford-xiaomi (a new file)"
    author = autobrief("registry", "add", "author", "Jane Doe", "--url", "https://example.com/jane", cwd=root)
    assert author.returncode == 0, author.stderr
    assert (root / "registry/authors.yml").read_text(encoding="utf-8") == (
        "jane-doe:\n  name: Jane Doe\n  url: https://example.com/jane\n")
    registry = load_registry(root / "registry")
    assert registry.resolve("story", "ford-xiaomi").title == "Ford and Xiaomi in the US"
    assert registry.resolve("author", "jane-doe") is registry.resolve("author", "Jane Doe") is not None
    check = autobrief("check", "--closed", cwd=root)
    assert (check.returncode, check.stdout) == (0, "")  # the story is used; no companies.yml or outlets.yml


def test_add_with_a_registry_folder_and_quoted_values(tmp_path):
    root = project(tmp_path)
    result = autobrief("registry", "add", "outlet", "2026", "--key", "year-2026", "--alias", "null",
                       "--registry", "elsewhere/registry", cwd=root)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "elsewhere/registry/outlets.yml:1: year-2026: added outlet 2026 (a new file)"
    # YAML 1.1 (the build) would read 2026 as a number and null as nothing: both stay text
    assert (root / "elsewhere/registry/outlets.yml").read_text(encoding="utf-8") == (
        "year-2026:\n  name: '2026'\n  aliases: ['null']\n")
    entry = load_registry(root / "elsewhere/registry").resolve("source", "NULL")
    assert entry is not None and entry.name == "2026"


def test_add_from_inside_the_briefings_folder_writes_beside_it(tmp_path):
    root = project(tmp_path)
    result = autobrief("registry", "add", "company", "Ford", cwd=root / "briefings/2026/02")
    assert result.returncode == 0, result.stderr
    assert (root / "registry/companies.yml").read_text(encoding="utf-8") == "ford:\n  name: Ford\n"
    shown = (root / "registry/companies.yml").as_posix()  # outside the current folder: a whole path
    assert result.stdout.strip() == f"{shown}:1: ford: added company Ford (a new file)"


def test_help_names_the_registry_command(tmp_path):
    top = autobrief("--help", cwd=tmp_path)
    assert "registry add company" in top.stdout
    add = autobrief("registry", "add", "--help", cwd=tmp_path)
    assert add.returncode == 0 and "Exit status: 0 added, 1 refused" in add.stdout
    check = autobrief("check", "--help", cwd=tmp_path)
    assert "--closed" in check.stdout and "warning:" in check.stdout
