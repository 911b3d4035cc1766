"""Hardening II, the page side: every briefing is published where every link points, as written,
or named in an error; the live preview never hangs. Each test builds with the real `mkdocs build`
(or serves with `mkdocs serve`) and reads the output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ENV, ROOT, VALID, build, engine, make_project
from test_preview import fetch, free_port, wait_for

AUTOBRIEF = [sys.executable, "-m", "autobrief.cli"]


def with_body(body: str, **front: str) -> str:
    text = VALID.replace("Body text.\n", body)
    for key, value in front.items():
        text = text.replace("status: denied", f"status: denied\n{key}: {value}", 1)
    return text


def body_text(site: Path, url: str) -> str:
    page = BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")
    return page.select_one(".ab-body").get_text()


def check(project: Path, *paths: str) -> subprocess.CompletedProcess:
    return subprocess.run([*AUTOBRIEF, "check", *(paths or ["briefings"])], cwd=project, env=ENV,
                          capture_output=True, text=True, timeout=120)


# --- the body's first line is the writer's, not MkDocs' meta-data --------------------------------

FIRST_LINES = {
    "update": "Update: Ford said on Monday that the talks had ended.",
    "reuters": "Reuters: the talks never happened.",
    "template": "Template: main.html",
    "title": "Title: not the page's title",
    "yaml": "---",
}


def test_a_first_line_shaped_like_meta_data_reaches_the_page(tmp_path):
    files = {f"2026/02/{key}.md": with_body(f"{line}\n\nThe second paragraph.\n") for key, line in FIRST_LINES.items()}
    result = build(make_project(tmp_path, files))
    assert result.ok, result.output
    for key, line in FIRST_LINES.items():
        text = body_text(result.site, f"briefings/2026/02/{key}")
        assert line.strip("-") in text and "The second paragraph." in text, (key, text)
        title = BeautifulSoup((result.site / f"briefings/2026/02/{key}/index.html").read_text(), "html.parser").title
        assert title.get_text().startswith("Ford and Xiaomi"), key


@settings(max_examples=6, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(st.from_regex(r"[A-Za-z][A-Za-z0-9_-]{0,12}", fullmatch=True),
                          st.from_regex(r"[A-Za-z][A-Za-z ,.]{0,30}[a-z]", fullmatch=True)),
                min_size=1, max_size=8, unique_by=lambda kv: kv[0].lower()))
def test_any_key_value_first_lines_survive(tmp_path_factory, pairs):
    lines = "\n".join(f"{key}: {value}" for key, value in pairs)
    result = build(make_project(tmp_path_factory.mktemp("meta"), {"2026/02/x.md": with_body(lines + "\n")}))
    assert result.ok, result.output
    text = " ".join(body_text(result.site, "briefings/2026/02/x").split())
    for key, value in pairs:
        assert f"{key}: {value}" in text


# --- index as a slug or a file name ---------------------------------------------------------------


def test_index_as_slug_or_file_name_publishes_where_every_link_points(tmp_path):
    files = {
        "2026/02/index.md": with_body("Named index.\n"),
        "2026/03/anything.md": with_body("Slug index.\n", slug="index").replace("2026-02-02", "2026-03-04"),
    }
    result = build(make_project(tmp_path, files))
    assert result.ok, result.output
    site = result.site
    for url in ("briefings/2026/02/index/", "briefings/2026/03/index/"):
        assert (site / url / "index.html").is_file(), url
    # Every address the site gives a briefing is a page that exists.
    data = json.loads((site / "briefings.json").read_text())
    urls = [b["url"] for b in data["briefings"]]
    assert sorted(urls) == sorted(f"https://briefings.example.com/{u}" for u in
                                  ("briefings/2026/02/index/", "briefings/2026/03/index/"))
    listing = BeautifulSoup((site / "briefings/index.html").read_text(), "html.parser")
    hrefs = [a["href"] for a in listing.select(".ab-card__title a[href]")]
    assert hrefs and all((site / "briefings" / h / "index.html").resolve().is_file() for h in hrefs), hrefs
    records = json.loads((site / "search/records/0.json").read_text())
    assert all((site / r[0] / "index.html").is_file() for r in records), records
    for url in ("briefings/2026/02/index/", "briefings/2026/03/index/"):
        page = BeautifulSoup((site / url / "index.html").read_text(), "html.parser")
        ld = json.loads(page.select_one('script[type="application/ld+json"]').string)
        article = next(n for n in ld["@graph"] if n["@type"] == "NewsArticle")
        assert article["url"] == f"https://briefings.example.com/{url}"
    feed = (site / "feed.xml").read_text()
    assert "briefings/2026/02/index/" in feed and "https://briefings.example.com/briefings/2026/02/</link>" not in feed


def test_autobrief_new_index_builds_at_its_address(tmp_path):
    project = make_project(tmp_path, {})
    made = subprocess.run([*AUTOBRIEF, "new", "Index", "--source", "Reuters", "--date", "2026-02-02"], cwd=project,
                          env=ENV, capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    result = build(project)
    assert result.ok, result.output
    assert (result.site / "briefings/2026/02/index/index.html").is_file()


def test_a_file_where_the_list_of_all_briefings_is_made_is_named(tmp_path):
    project = make_project(tmp_path, {"index.md": VALID, "page/2/index.md": VALID.replace("2026-02-02", "2026-02-03")})
    result = build(project)
    assert not result.ok
    lines = sorted(line for line in check(project).stdout.splitlines())
    assert len(lines) == 2 and all("list of all briefings" in line for line in lines), lines
    for line in lines:
        assert line in result.output
    assert "Traceback" not in result.output


# --- links between briefings ----------------------------------------------------------------------


def test_a_briefing_links_another_by_its_file(tmp_path):
    other = with_body("The other one.\n", slug="not-the-file-name").replace("2026-02-02", "2026-01-20")
    files = {
        "2026/02/talks.md": with_body("See [the earlier report](../01/earlier.md) and [its follow-up](later.md#sources).\n"),
        "2026/01/earlier.md": other,
        "2026/02/later.md": with_body("Later.\n").replace("2026-02-02", "2026-02-05"),
    }
    result = build(make_project(tmp_path, files))
    assert result.ok, result.output
    page = BeautifulSoup((result.site / "briefings/2026/02/talks/index.html").read_text(), "html.parser")
    links = {a.get_text(): a["href"] for a in page.select(".ab-body a")}
    assert links == {"the earlier report": "../../01/not-the-file-name/", "its follow-up": "../later/#sources"}


def test_a_link_to_a_missing_briefing_names_the_briefing_file(tmp_path):
    # Kept in a folder of the writer's choosing: the warning names that file, not its address.
    result = build(make_project(tmp_path, {"desk/talks.md": with_body("See [gone](../2026/01/gone.md).\n")}))
    assert not result.ok
    assert "'briefings/desk/talks.md' contains a link '../2026/01/gone.md'" in result.output, result.output


# --- every folder is read, or named ----------------------------------------------------------------


def test_a_linked_folder_is_published_and_a_loop_is_named(tmp_path):
    outside = tmp_path / "elsewhere" / "02"
    outside.mkdir(parents=True)
    (outside / "linked.md").write_text(VALID.replace("2026-02-02", "2026-02-09"), encoding="utf-8")
    project = make_project(tmp_path, {"2026/01/plain.md": VALID.replace("2026-02-02", "2026-01-09")})
    (project / "briefings/2026/02").symlink_to(outside, target_is_directory=True)
    result = build(project)
    assert result.ok, result.output
    assert (result.site / "briefings/2026/02/linked/index.html").is_file()
    # A link back up the tree would list its files forever: it is named, once.
    (project / "briefings/2026/01/loop").symlink_to(project / "briefings", target_is_directory=True)
    result = build(project)
    assert not result.ok
    expected = "briefings/2026/01/loop:1: folder: links to a folder already listed (the briefings folder)"
    assert expected in result.output
    assert expected in check(project).stdout


def test_a_folder_that_cannot_be_listed_is_named(tmp_path):
    project = make_project(tmp_path, {"2026/02/talks.md": VALID})
    # A path longer than the system allows (PATH_MAX) cannot be listed, even by root.
    deep, name = project / "briefings", "d" * 200
    here = os.getcwd()
    try:
        os.chdir(deep)
        for _ in range(25):
            os.mkdir(name)
            os.chdir(name)
        Path("lost.md").write_text(VALID, encoding="utf-8")
    finally:
        os.chdir(here)
    result = build(project)
    assert not result.ok
    assert "folder: cannot be read: File name too long: its briefings are missing" in result.output
    assert "folder: cannot be read: File name too long" in check(project).stdout


# --- the live preview never hangs -------------------------------------------------------------------


class Preview:
    def __init__(self, project: Path, log: Path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.log = log.open("w")
        self.server = subprocess.Popen([*engine("serve"), "--dev-addr", f"127.0.0.1:{self.port}"], cwd=project,
                                       env=ENV, stdout=self.log, stderr=subprocess.STDOUT)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.server.terminate()
        self.server.wait(timeout=20)
        self.log.close()


def test_preview_of_a_draft_copy_at_the_same_address_shows_the_error(tmp_path):
    copy = VALID.replace("status: denied", "status: denied\ndraft: true\nslug: talks")
    project = make_project(tmp_path, {"2026/02/talks.md": VALID, "2026/02/talks-copy.md": copy})
    with Preview(project, tmp_path / "serve.log") as preview:
        status, home = wait_for(lambda: (lambda r: r if r[0] == 200 else None)(fetch(preview.base)), what="home page")
        panel = BeautifulSoup(home, "html.parser").select_one(".ab-errors")
        assert panel is not None
        assert "briefings/2026/02/talks-copy.md" in panel.get_text() and "docs_dir" not in panel.get_text()
        assert fetch(preview.base + "briefings/2026/02/talks/")[0] == 200
        assert preview.server.poll() is None
    assert "docs_dir" not in (tmp_path / "serve.log").read_text()


def test_preview_of_a_broken_file_whose_name_is_not_utf8_shows_the_error(tmp_path):
    project = make_project(tmp_path, {"2026/02/talks.md": VALID})
    bad = os.fsencode(project / "briefings/2026/02") + b"/caf\xe9.md"
    with open(bad, "wb") as handle:
        handle.write(VALID.replace("status: denied", "status: deniedd").encode())
    with Preview(project, tmp_path / "serve.log") as preview:
        status, home = wait_for(lambda: (lambda r: r if r[0] == 200 else None)(fetch(preview.base)), what="home page")
        text = BeautifulSoup(home, "html.parser").select_one(".ab-errors").get_text()
        assert "caf\\xe9.md" in text and "'deniedd' is not a status" in text
        assert fetch(preview.base + "briefings/2026/02/talks/")[0] == 200
        assert preview.server.poll() is None
    result = build(project)
    assert "briefings/2026/02/caf\\xe9.md:4: status:" in result.output and "Traceback" not in result.output


# --- options -------------------------------------------------------------------------------------------


def test_a_briefings_folder_that_holds_docs_dir_says_so(tmp_path):
    project = make_project(tmp_path, {"2026/02/talks.md": VALID})
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("folder: briefings", "folder: ."))
    result = build(project)
    assert not result.ok
    assert "the folder '.' holds docs_dir" in result.output and "Traceback" not in result.output
    assert "docs/index.md" not in result.output  # no docs page reported as a broken briefing


def test_the_guide_says_how_to_link_a_briefing():
    guide = (ROOT / "docs/writing.md").read_text(encoding="utf-8")
    assert "../01/" in guide and "link" in guide.lower()



def test_briefings_centuries_apart_make_pages_of_sane_size(tmp_path):
    early, late = VALID.replace("2026-02-02", "1900-01-01"), VALID.replace("2026-02-02", "2999-12-31")
    result = build(make_project(tmp_path, {"1900/01/early.md": early, "2999/12/late.md": late}))
    assert result.ok, result.output
    for url in ("", "companies/ford/"):
        html = (result.site / url / "index.html").read_bytes()
        assert len(html) < 150_000, (url, len(html))
        table = BeautifulSoup(html, "html.parser").select_one(".ab-chart__data table")
        rows = [th.get_text() for th in table.select("tbody th")]
        assert rows == ["1900", "2999"], rows  # by year, the years that have briefings


def test_preview_shows_every_rejected_input_and_never_hangs(tmp_path):
    """Inputs that crashed the build before they were bounded: under a live preview each is an error panel."""
    bomb = "---\ntitle: Bomb\ndate: 2026-02-02\nstatus: reported\nsources:\n  - name: Reuters\nclaim: &a " + "x" * 20000 \
        + "\nwatch: [" + ", ".join(["*a"] * 60) + "]\n---\nBody.\n"
    files = {
        "2026/02/talks.md": VALID,
        "2026/02/long-tag.md": VALID.replace("status: denied", "status: denied\ntags: [" + "汽" * 90 + "]"),
        "2026/02/edge-date.md": VALID.replace("2026-02-02", "0001-01-01T00:00:00+01:00"),
        "2026/02/invisible.md": VALID.replace("title: Ford and Xiaomi talked about cooperation on cars in the US?",
                                              "title: \"\\u200b\\u200b\""),
        "2026/02/bomb.md": bomb,
    }
    project = make_project(tmp_path, files)
    with Preview(project, tmp_path / "serve.log") as preview:
        status, home = wait_for(lambda: (lambda r: r if r[0] == 200 else None)(fetch(preview.base)), what="home page")
        text = BeautifulSoup(home, "html.parser").select_one(".ab-errors").get_text()
        for name in ("long-tag.md", "edge-date.md", "invisible.md", "bomb.md"):
            assert f"briefings/2026/02/{name}" in text, name
            assert fetch(preview.base + f"briefings/2026/02/{name[:-3]}/")[0] == 200  # its error panel
        assert fetch(preview.base + "briefings/2026/02/talks/")[0] == 200
        assert preview.server.poll() is None
    assert "Traceback" not in (tmp_path / "serve.log").read_text()
