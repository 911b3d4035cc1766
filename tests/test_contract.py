"""Every rule of the contract, through a real `mkdocs build --strict`."""

from __future__ import annotations

import pytest

from conftest import VALID, build, make_project
from contract_cases import CASES


@pytest.mark.parametrize("files, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rule_breaks_the_build_with_its_line(tmp_path, files, expected):
    result = build(make_project(tmp_path, files))
    assert not result.ok
    error_lines = [line.split("-  ", 1)[-1] for line in result.output.splitlines()]
    assert any(line.startswith(expected) for line in error_lines), result.output
    assert "Traceback" not in result.output
    assert "nothing was published" in result.output


def test_every_broken_file_is_reported_at_once(tmp_path):
    files: dict[str, str | bytes] = {}
    expected = []
    for index, (case_id, case_files, line) in enumerate(CASES):
        if len(case_files) != 1 or case_id == "duplicate-url":
            continue
        (rel, text), = case_files.items()
        # Each case in a month folder of its own, so the files never collide.
        new_rel = rel.replace("2026/02", f"2026/02/case{index}")
        files[new_rel] = text
        expected.append(line.replace("2026/02", f"2026/02/case{index}"))
    files["2026/03/fine.md"] = VALID
    result = build(make_project(tmp_path, files))
    assert not result.ok
    error_lines = [line.split("-  ", 1)[-1] for line in result.output.splitlines()]
    missing = [e for e in expected if not any(line.startswith(e) for line in error_lines)]
    assert not missing, result.output
    assert len(expected) > 40
    assert "Traceback" not in result.output


def test_valid_briefing_builds(tmp_path):
    result = build(make_project(tmp_path, {"2026/02/talks.md": VALID}))
    assert result.ok, result.output
    assert (result.site / "briefings/2026/02/talks/index.html").is_file()
