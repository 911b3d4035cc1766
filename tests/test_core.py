"""The core alone: no MkDocs, and the reader's edges."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from autobrief.core import load_corpus
from autobrief.core.summary import summary_of
from autobrief.core.corpus import Cache
from conftest import VALID


# Run in a fresh interpreter: every module of autobrief.core, then every module of autobrief.render.
IMPORT_ALL = """
import importlib, json, pkgutil, sys
def walk(name):
    package = importlib.import_module(name)
    names = [name] + [m.name for m in pkgutil.walk_packages(package.__path__, name + ".")]
    for module in names:
        importlib.import_module(module)
    return names
def loaded(*tops):
    return sorted(m for m in sys.modules if m.split(".")[0] in tops)
core = walk("autobrief.core")
html_in_core = loaded("markupsafe", "jinja2")  # core is data: render writes the HTML
render = walk("autobrief.render")
importlib.import_module("autobrief.export")  # the export any engine builds: it too imports no engine
render.append("autobrief.export")
print(json.dumps({"core": core, "render": render, "html_in_core": html_in_core,
                  "engine": loaded("mkdocs", "material")}))
"""


def test_core_render_and_export_import_no_mkdocs():
    result = subprocess.run([sys.executable, "-c", IMPORT_ALL], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    # Every module file of the two packages was walked, so an empty or partial walk cannot pass.
    for package in ("core", "render"):
        folder = Path(importlib.import_module(f"autobrief.{package}").__file__).parent
        files = {f"autobrief.{package}.{p.stem}" for p in folder.glob("*.py") if p.stem != "__init__"}
        assert files and files <= set(found[package]), files - set(found[package])
    assert len(found["core"]) >= 10 and len(found["render"]) >= 3, found
    assert found["html_in_core"] == [], found["html_in_core"]
    assert found["engine"] == [], found["engine"]


def write(tmp_path, name, data):
    path = tmp_path / "briefings" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


def test_bom_crlf_and_tabs_in_body_are_fine(tmp_path):
    text = "\ufeff" + VALID.replace("\n", "\r\n").replace("Body text.", "Body\twith\ttabs.")
    write(tmp_path, "2026/02/crlf.md", text.encode("utf-8"))
    corpus = load_corpus(tmp_path / "briefings", base=tmp_path)
    assert corpus.ok, corpus.errors
    (briefing,) = corpus.briefings
    assert briefing.title.startswith("Ford and Xiaomi")
    assert "\r" not in briefing.body and briefing.body_line == 15


def test_tab_indentation_in_front_matter_is_one_clear_line(tmp_path):
    write(tmp_path, "2026/02/tabs.md", VALID.replace("  - name: Financial Times", "\t- name: Financial Times"))
    corpus = load_corpus(tmp_path / "briefings", base=tmp_path)
    assert [str(e).split(": ", 2)[:2] for e in corpus.errors] == [["briefings/2026/02/tabs.md:7", "front matter"]]


def test_norway_stays_a_region_and_yes_stays_text(tmp_path):
    write(tmp_path, "2026/02/no.md", VALID.replace("companies: [Ford, Xiaomi]", "companies: [Ford]\nregions: [NO, on]"))
    corpus = load_corpus(tmp_path / "briefings", base=tmp_path)
    assert corpus.ok, corpus.errors
    assert corpus.briefings[0].regions == ["NO", "on"]


def test_datetimes_keep_their_offset_and_order(tmp_path):
    write(tmp_path, "2026/02/a.md", VALID.replace("date: 2026-02-02", "date: 2026-02-02T23:30:00-05:00"))
    write(tmp_path, "2026/02/b.md", VALID.replace("date: 2026-02-02", "date: 2026-02-03T01:00:00+01:00"))
    corpus = load_corpus(tmp_path / "briefings", base=tmp_path)
    assert corpus.ok, corpus.errors
    a = next(b for b in corpus.briefings if b.slug == "a")
    assert a.date.utcoffset() == timedelta(hours=-5)
    # a is 04:30 UTC on the 3rd, b is 00:00 UTC on the 3rd: a is newer.
    assert [b.slug for b in corpus.briefings] == ["a", "b"]
    assert a.published == datetime(2026, 2, 3, 4, 30, tzinfo=timezone.utc)


def test_summary_falls_back_to_first_paragraph():
    body = "## Heading\n\n!!! note\n    aside\n\nThe *first* [real](https://x.org) paragraph.\n\nSecond."
    assert summary_of(body) == "The first real paragraph."


def test_drafts_are_kept_apart(tmp_path):
    write(tmp_path, "2026/02/draft.md", VALID.replace("status: denied", "status: denied\ndraft: true"))
    corpus = load_corpus(tmp_path / "briefings", base=tmp_path)
    assert corpus.ok and not corpus.briefings and [d.slug for d in corpus.drafts] == ["draft"]
    corpus = load_corpus(tmp_path / "briefings", base=tmp_path, include_drafts=True)
    assert [b.slug for b in corpus.briefings] == ["draft"]


def test_cache_rereads_only_changed_files(tmp_path):
    for i in range(5):
        write(tmp_path, f"2026/02/b{i}.md", VALID)
    cache = Cache()
    load_corpus(tmp_path / "briefings", base=tmp_path, cache=cache)
    assert (cache.hits, cache.misses) == (0, 5)
    write(tmp_path, "2026/02/b3.md", VALID.replace("Body text.", "New body."))
    corpus = load_corpus(tmp_path / "briefings", base=tmp_path, cache=cache)
    assert (cache.hits, cache.misses) == (4, 6)
    assert next(b for b in corpus.briefings if b.slug == "b3").body.startswith("New body.")


def test_large_body_builds_model(tmp_path):
    write(tmp_path, "2026/02/big.md", VALID.replace("Body text.", ("Paragraph of text. " * 50 + "\n\n") * 10_000))
    corpus = load_corpus(tmp_path / "briefings", base=tmp_path)
    assert corpus.ok and len(corpus.briefings[0].body) > 9_000_000
