"""The `autobrief` command, run as a subprocess exactly as writers and CI run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import yaml

from autobrief import __version__
from autobrief.cli import PARALLEL_FROM
from autobrief.core.schema import json_schema
from conftest import ENV, VALID, build, make_project
from contract_cases import CASES, edit

# Outside GitHub Actions unless a test says otherwise, even when the suite itself runs there.
CLI_ENV = {**ENV, "GITHUB_ACTIONS": ""}
TALKS = "briefings/2026/02/talks.md"


def autobrief(*args: str, cwd, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "autobrief.cli", *args], cwd=cwd, env={**CLI_ENV, **env},
        capture_output=True, text=True, timeout=120,
    )


def front_matter(path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def every_single_file_case() -> tuple[dict[str, str | bytes], list[str]]:
    """All one-file broken cases in one tree, each in a folder of its own, with their expected lines."""
    files, expected = {}, []
    for index, (case_id, case_files, line) in enumerate(CASES):
        if len(case_files) != 1 or case_id == "duplicate-url":
            continue
        ((rel, text),) = case_files.items()
        files[rel.replace("2026/02", f"2026/02/case{index}")] = text
        expected.append(line.replace("2026/02", f"2026/02/case{index}"))
    files["2026/03/fine.md"] = VALID
    return files, expected


# --- new -----------------------------------------------------------------------------------


def test_new_writes_a_briefing_that_check_accepts(tmp_path):
    title = 'Ford: "talks" with Xiaomi, #denied?'
    result = autobrief(
        "new", title, "--source", "Financial Times", "--source", "Reuters, Inc.", "--company", "Ford",
        "--company", "NO", "--region", "US", "--tag", "ev", "--author", "Ed", "--status", "denied",
        "--story", "ford-xiaomi", "--date", "2026-02-02", "--draft", cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    path = tmp_path / result.stdout.strip()
    assert result.stdout.strip() == "briefings/2026/02/ford-talks-with-xiaomi-denied.md"
    front = front_matter(path)
    assert front["title"] == title and front["companies"] == ["Ford", "NO"] and front["draft"] is True
    assert front["sources"] == [{"name": "Financial Times"}, {"name": "Reuters, Inc."}]
    text = path.read_text(encoding="utf-8")
    for hint in ("# claim:", "# summary:", "# denials:", "# watch:"):
        assert hint in text
    check = autobrief("check", cwd=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "1 briefing OK" in check.stderr


def test_new_defaults_slug_status_and_date(tmp_path):
    title = "Škoda und Volkswagen: ein sehr langer Titel über Batterien, Zölle und Werke in Europa"
    result = autobrief("new", title, "--source", "Handelsblatt", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rel = result.stdout.strip()
    slug = rel.rsplit("/", 1)[1].removesuffix(".md")
    assert slug == "skoda-und-volkswagen-ein-sehr-langer-titel-uber-batterien"  # cut at a hyphen, <= 60
    front = front_matter(tmp_path / rel)
    assert front["status"] == "reported"
    assert rel.startswith(f"briefings/{front['date']:%Y/%m}/")
    assert autobrief("check", cwd=tmp_path).returncode == 0


def test_new_refuses_to_overwrite(tmp_path):
    args = ("new", "Ford and Xiaomi", "--source", "Reuters", "--date", "2026-02-02")
    assert autobrief(*args, cwd=tmp_path).returncode == 0
    path = tmp_path / "briefings/2026/02/ford-and-xiaomi.md"
    path.write_text(VALID, encoding="utf-8")  # the writer's work since
    again = autobrief(*args, "--status", "denied", cwd=tmp_path)
    assert again.returncode == 1
    assert "already exists" in again.stderr and again.stdout == ""
    assert path.read_text(encoding="utf-8") == VALID


@pytest.mark.parametrize("args, message", [
    (["--story", "Ford Xiaomi"], "argument --story: 'Ford Xiaomi' is not a slug"),
    (["--slug", "../../index"], "argument --slug: '../../index' is not a slug"),
    (["--date", "2026-02-30"], "argument --date: '2026-02-30' is not a date"),
    (["--date", "20260202"], "argument --date: '20260202' is not a date"),
    (["--status", "deniedd"], "argument --status: invalid choice: 'deniedd'"),
    (["--company", " "], "companies[0]: must not be empty"),
], ids=["story", "slug", "date-impossible", "date-compact", "status", "blank-company"])
def test_new_rejects_bad_values_in_one_line(tmp_path, args, message):
    result = autobrief("new", "Ford and Xiaomi", "--source", "Reuters", *args, cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr and len(result.stderr.splitlines()) == 1, result.stderr
    assert not (tmp_path / "briefings").exists()


@pytest.mark.parametrize("args, message", [
    (["Ford and Xiaomi"], "the following arguments are required: --source"),
    (["   ", "--source", "Reuters", "--slug", "blank"], "title: must not be empty"),
    (["x" * 201, "--source", "Reuters"], "title: must be at most 200 characters"),
    (["北京车展", "--source", "Reuters"], "give one with --slug"),
], ids=["no-source", "blank-title", "long-title", "no-slug-from-title"])
def test_new_rejects_what_check_would_reject(tmp_path, args, message):
    result = autobrief("new", *args, cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr, result.stderr
    assert not (tmp_path / "briefings").exists()


def test_new_briefing_is_published_by_the_build(tmp_path):
    project = make_project(tmp_path, {})
    result = autobrief("new", "Toyota: a solid-state pilot line", "--source", "Nikkei", "--date", "2026-03-01",
                       "--company", "Toyota", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "briefings/2026/03/toyota-a-solid-state-pilot-line.md"
    site = build(project)
    assert site.ok, site.output
    page = site.page("briefings/2026/03/toyota-a-solid-state-pilot-line/")
    assert "Toyota: a solid-state pilot line" in page.find("h1").get_text()


# --- check -----------------------------------------------------------------------------------


@pytest.mark.parametrize("files, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_check_reports_each_rule_with_its_line(tmp_path, files, expected):
    result = autobrief("check", cwd=make_project(tmp_path, files))
    assert result.returncode == 1
    assert any(line.startswith(expected) for line in result.stdout.splitlines()), result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert " error" in result.stderr.splitlines()[-1]


def test_check_reports_what_the_build_reports(tmp_path):
    files, expected = every_single_file_case()
    project = make_project(tmp_path, files)
    result = autobrief("check", cwd=project)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert not [e for e in expected if not any(line.startswith(e) for line in lines)], result.stdout
    assert lines == sorted(lines)
    built = build(project)
    build_lines = [line.split("-  ", 1)[-1] for line in built.output.splitlines() if "-  briefings/" in line]
    assert sorted(build_lines) == lines
    errors, bad = len(lines), len({line.split(":", 1)[0] for line in lines})
    assert result.stderr.strip() == f"{errors} errors in {bad} of {len(files)} files"


def test_check_valid_corpus(tmp_path):
    project = make_project(tmp_path, {"2026/02/talks.md": VALID}, with_seed=True)
    result = autobrief("check", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert result.stderr.strip() == "2 briefings OK"


def test_check_files_folders_and_base(tmp_path):
    project = make_project(tmp_path, {"2026/02/talks.md": VALID, "2026/02/bad.md": edit("status: denied", "status: x")})
    # A file named twice (alone and in its folder) is checked once; paths are shown relative to --base.
    result = autobrief("check", "project/briefings", "project/briefings/2026/02/bad.md", "--base", "project",
                       cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == ["briefings/2026/02/bad.md:4: status: 'x' is not a status: use one of "
                                          "reported, denied, disputed, confirmed, retracted"]
    assert result.stderr.strip() == "1 error in 1 of 2 files"
    alone = autobrief("check", "briefings/2026/02/talks.md", cwd=project)
    assert alone.returncode == 0 and alone.stderr.strip() == "1 briefing OK"


def test_check_missing_path_and_unreadable_file(tmp_path):
    project = make_project(tmp_path, {"2026/02/talks.md": VALID})
    (project / "briefings/2026/02/gone.md").symlink_to(project / "nowhere.md")
    result = autobrief("check", "briefings", "missing", cwd=project)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "briefings/2026/02/gone.md:1: file: cannot be read: No such file or directory",
        "missing:0: path: no such file or folder",
    ]
    assert result.stderr.strip() == "2 errors in 1 of 2 files; 1 path not found"
    assert "Traceback" not in result.stderr


def test_check_finds_duplicate_urls_among_drafts_too(tmp_path):
    draft = edit("status: denied\n", "status: denied\ndraft: true\n")
    project = make_project(tmp_path, {"2026/02/talks.md": VALID, "2026/02/new/talks.md": draft})
    result = autobrief("check", cwd=project)
    assert result.returncode == 1
    assert result.stdout.startswith("briefings/2026/02/talks.md:3: date: publishes to /briefings/2026/02/talks/ "
                                    "as briefings/2026/02/new/talks.md does already")


def test_check_json_matches_text(tmp_path):
    files, _ = every_single_file_case()
    project = make_project(tmp_path, files)
    text = autobrief("check", cwd=project)
    report = autobrief("check", "--format", "json", cwd=project)
    assert report.returncode == text.returncode == 1
    data = json.loads(report.stdout)
    assert set(data) == {"version", "files", "briefings", "errors"}
    assert (data["version"], data["files"], data["briefings"]) == (1, len(files), 1)
    assert ["{path}:{line}: {field}: {message}".format(**e) for e in data["errors"]] == text.stdout.splitlines()
    assert report.stderr == text.stderr


def test_check_json_when_valid(tmp_path):
    result = autobrief("check", "--format", "json", cwd=make_project(tmp_path, {"2026/02/talks.md": VALID}))
    assert result.returncode == 0
    assert json.loads(result.stdout) == {"version": 1, "files": 1, "briefings": 1, "errors": []}


def test_check_github_annotations(tmp_path):
    files = {"2026/02/talks.md": edit("status: denied", "status: 100%"), "2026/02/a,b.md": VALID}
    project = make_project(tmp_path, files)
    result = autobrief("check", cwd=project, GITHUB_ACTIONS="true")
    assert result.returncode == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert len(annotations) == 2
    # `,` and `:` are escaped in properties, `%` everywhere; the message keeps its colons.
    assert annotations[0].startswith(
        "::error file=briefings/2026/02/a%2Cb.md,line=1,title=slug::the file name 'a,b' is not a valid URL slug"
    )
    assert annotations[1].startswith(
        f"::error file={TALKS},line=4,title=status::'100%25' is not a status: use one of reported"
    )
    plain = autobrief("check", cwd=project)
    assert "::error" not in plain.stdout + plain.stderr


def test_check_github_annotations_keep_json_alone_on_stdout(tmp_path):
    project = make_project(tmp_path, {"2026/02/talks.md": edit("status: denied", "status: x")})
    result = autobrief("check", "--format", "json", cwd=project, GITHUB_ACTIONS="true")
    assert json.loads(result.stdout)["errors"][0]["field"] == "status"
    assert f"::error file={TALKS},line=4,title=status::" in result.stderr


def test_check_many_files_in_parallel_is_complete_and_deterministic(tmp_path):
    files = {f"2026/01/b{i:04d}.md": VALID for i in range(PARALLEL_FROM + 20)}
    files["2026/01/b0500.md"] = edit("status: denied", "status: x")
    files["2026/01/b0400.md"] = edit("status: denied\n", "status: denied\nslug: b0401\n")  # clashes with b0401
    project = make_project(tmp_path, files)
    first = autobrief("check", cwd=project)
    assert first.returncode == 1
    assert first.stdout.splitlines() == [  # sorted by path, whichever check found the error
        "briefings/2026/01/b0401.md:3: date: publishes to /briefings/2026/02/b0401/ as "
        "briefings/2026/01/b0400.md does already: give one of them another slug",
        "briefings/2026/01/b0500.md:4: status: 'x' is not a status: use one of reported, denied, disputed, "
        "confirmed, retracted",
    ]
    assert first.stderr.strip() == f"2 errors in 2 of {len(files)} files"
    assert autobrief("check", cwd=project).stdout == first.stdout


# --- schema, help, version -------------------------------------------------------------------


def test_schema_prints_the_json_schema(tmp_path):
    result = autobrief("schema", cwd=tmp_path)
    assert result.returncode == 0
    assert json.loads(result.stdout) == json_schema()


@pytest.mark.parametrize("command", [[], ["new"], ["check"], ["schema"]], ids=["autobrief", "new", "check", "schema"])
def test_help_has_examples(tmp_path, command):
    result = autobrief(*command, "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "Example" in result.stdout and "usage: autobrief" in result.stdout


def test_version_and_usage_errors(tmp_path):
    version = autobrief("--version", cwd=tmp_path)
    assert version.returncode == 0 and version.stdout.strip() == f"autobrief {__version__}"
    for args in ([], ["bogus"], ["check", "--format", "xml"]):
        result = autobrief(*args, cwd=tmp_path)
        assert result.returncode == 2 and len(result.stderr.splitlines()) == 1, result.stderr


def test_installed_script_runs_without_mkdocs(tmp_path):
    script = os.path.join(os.path.dirname(sys.executable), "autobrief")
    assert subprocess.run([script, "--version"], capture_output=True, text=True).stdout.strip().endswith(__version__)
    code = "import sys, autobrief.cli; sys.exit(any(m.split('.')[0] in ('mkdocs', 'material') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


# --- check and the build judge each file by one rule -----------------------------------------


def hidden_root_project(tmp_path, files: dict[str, str]):
    """A project under a dot-folder whose mkdocs.yml keeps its briefings in .content/briefings."""
    (tmp_path / ".work").mkdir()
    project = make_project(tmp_path / ".work", files)
    (project / ".content").mkdir()
    (project / "briefings").rename(project / ".content/briefings")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      folder: briefings\n" in text
    config.write_text(text.replace("      folder: briefings\n", "      folder: .content/briefings\n"), encoding="utf-8")
    return project


def build_errors(built) -> list[str]:
    return sorted(line.split("-  ", 1)[1] for line in built.output.splitlines() if "-  .content/briefings/" in line)


def test_check_and_build_agree_on_a_briefings_folder_under_hidden_folders(tmp_path):
    project = hidden_root_project(tmp_path, {"2026/02/talks.md": VALID})
    built = build(project)
    assert built.ok, built.output  # the build publishes it ...
    assert "Ford and Xiaomi" in built.page("briefings/2026/02/talks/").find("h1").get_text()
    shown = ".content/briefings/2026/02/talks.md"
    for args, cwd in (([".content/briefings"], project), ([shown], project),
                      ([".work/project/.content/briefings", "--base", ".work/project"], tmp_path),
                      ([str(project / shown), "--base", str(project)], tmp_path)):
        result = autobrief("check", *args, cwd=cwd)  # ... and check accepts it, however it is named
        assert (result.returncode, result.stdout) == (0, ""), (args, result.stdout)
        assert result.stderr.strip() == "1 briefing OK"


def test_check_and_build_name_the_same_hidden_files_under_a_hidden_root(tmp_path):
    files = {"2026/02/talks.md": VALID, "2026/02/.talks-copy.md": VALID, ".drafts/2026/02/wip.md": VALID,
             ".drafts/notes.txt": "notes", "2026/02/.DS_Store": "x"}
    project = hidden_root_project(tmp_path, files)
    built = build(project)
    assert not built.ok
    expected = build_errors(built)
    assert [line.split(":", 1)[0] for line in expected] == [
        ".content/briefings/.drafts/2026/02/wip.md", ".content/briefings/2026/02/.talks-copy.md"]
    result = autobrief("check", ".content/briefings", cwd=project)
    assert result.stdout.splitlines() == expected
    assert result.stderr.strip() == "2 errors in 2 of 3 files"
    # A subfolder or a file named alone is judged by its place in the briefings folder, as the build does.
    alone = autobrief("check", ".content/briefings/.drafts", ".content/briefings/2026/02/.talks-copy.md",
                      ".content/briefings/2026/02/talks.md", cwd=project)
    assert alone.stdout.splitlines() == expected
