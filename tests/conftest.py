"""Shared fixtures: throwaway projects built with the real `mkdocs build`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
# The engine every build and serve of the suite runs: MkDocs 1.6, or ProperDocs (its maintained
# continuation, a drop-in that reads mkdocs.yml): AUTOBRIEF_ENGINE=properdocs.
ENGINE = os.environ.get("AUTOBRIEF_ENGINE", "mkdocs")
if ENGINE not in ("mkdocs", "properdocs"):
    raise SystemExit(f"AUTOBRIEF_ENGINE must be mkdocs or properdocs, not {ENGINE!r}")
MKDOCS = [sys.executable, "-m", ENGINE]


def engine(command: str) -> list[str]:
    """The engine's `build` or `serve`, on the project's mkdocs.yml (ProperDocs reads that name as a
    fallback and says so in three lines of its log unless it is given with -f)."""
    return [*MKDOCS, command, *(["-f", "mkdocs.yml"] if ENGINE == "properdocs" else [])]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}

VALID = """\
---
title: Ford and Xiaomi talked about cooperation on cars in the US?
date: 2026-02-02
status: denied
companies: [Ford, Xiaomi]
sources:
  - name: Financial Times
  - name: Reuters
    via: Financial Times
    url: https://www.reuters.com/
denials:
  - party: Ford
    statement: Ford called the report false.
---
Body text.
"""


@dataclass
class Build:
    project: Path
    result: subprocess.CompletedProcess

    @property
    def ok(self) -> bool:
        return self.result.returncode == 0

    @property
    def output(self) -> str:
        return self.result.stdout + self.result.stderr

    @property
    def site(self) -> Path:
        return self.project / "site"

    def page(self, url: str) -> BeautifulSoup:
        path = self.site / url.strip("/") / "index.html" if not url.endswith(".html") else self.site / url
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def make_project(where: Path, briefings: dict[str, str | bytes], *, with_seed: bool = False) -> Path:
    """A copy of this project's site config and docs, with the given briefings."""
    project = where / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    folder = project / "briefings"
    if with_seed:  # the project's own briefings, and its registry of who they name
        shutil.copytree(ROOT / "briefings", folder)
        shutil.copytree(ROOT / "registry", project / "registry")
    folder.mkdir(exist_ok=True)
    for rel, text in briefings.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")
    return project


def build(project: Path, *args: str, timeout: float = 120, env: dict[str, str] | None = None) -> Build:
    result = subprocess.run(
        [*engine("build"), "--strict", *args], cwd=project, env={**ENV, **(env or {})},
        capture_output=True, text=True, timeout=timeout,
    )
    return Build(project, result)


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Build:
    """The repository's own site, built once."""
    project = make_project(tmp_path_factory.mktemp("seed"), {}, with_seed=True)
    result = build(project)
    assert result.ok, result.output
    return result
