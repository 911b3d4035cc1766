"""Stamped listing and briefing pages are byte for byte what the theme renders for each of them."""

from __future__ import annotations

import copy
import os
import re

import pytest

from conftest import build, make_project
from corpus import make_corpus, write_corpus

# Values a shell must take as text, never as markers or markup (stamp.py fills them in one pass).
TRICKY_TITLE = 'Ford & Xiaomi <b>"talks"</b> @@autobrief-title@@ @@autobrief-toc@@'
TRICKY_SUMMARY = "Summary with <script>alert(1)</script> & @@autobrief-description@@ @@autobrief-skip@@."
TRICKY_BODY = """Intro.

## Sources of the talks

Text, and [back to the talks](#sources-of-the-talks).

## @@autobrief-canonical@@ & <i>more</i>

### A third level

## Sources

Renamed: the page's own #sources is taken.
"""


def corpus() -> list[dict]:
    items = make_corpus()
    tricky = copy.deepcopy(items[-1])
    tricky["front"]["title"], tricky["front"]["summary"] = TRICKY_TITLE, TRICKY_SUMMARY
    tricky["body"], tricky["slug"] = TRICKY_BODY, "tricky-one"
    tricky["path"] = re.sub(r"[^/]+\.md$", "tricky-one.md", tricky["path"])
    plain = copy.deepcopy(items[-2])  # no headings of its own: the sections alone in its table of contents
    plain["body"] = "Just a paragraph.\n"
    return items[:-2] + [tricky, plain]


def site(tmp_path, name: str, items: list[dict], options: str, logs: list[str] | None = None,
         anchors: bool = False) -> dict[str, bytes]:
    """Every HTML page of the site built from ``items`` with these plugin options (and the
    build's output, appended to ``logs``; with ``anchors``, a link to a missing anchor fails it)."""
    (tmp_path / name).mkdir()
    project = make_project(tmp_path / name, {}, with_seed=True)
    write_corpus(project / "briefings", items)
    config = project / "mkdocs.yml"
    text = config.read_text().replace("folder: briefings", "folder: briefings\n" + options)
    if anchors:
        text = text.replace("    unrecognized_links: warn\n", "    unrecognized_links: warn\n    anchors: warn\n")
        assert "anchors: warn" in text
    config.write_text(text)
    result = build(project)
    assert result.ok, result.output
    assert "rendered by the theme in full" not in result.output  # every signature was stamped
    if logs is not None:
        logs.append(result.output)
    return {str(p.relative_to(result.site)): p.read_bytes() for p in result.site.rglob("*.html")}


def test_stamped_listings_and_briefings_equal_fully_rendered_ones(tmp_path):
    trees = {}
    for stamp in (True, False):
        flag = str(stamp).lower()
        trees[stamp] = site(tmp_path, flag, corpus(),
                            f"      per_page: 5\n      stamp_listings: {flag}\n      stamp_briefings: {flag}")
    stamped, rendered = trees[True], trees[False]
    assert stamped.keys() == rendered.keys()
    listings = [k for k in stamped if k.startswith(("companies/", "tags/", "archive/", "sources/", "status/", "stories/"))]
    assert len(listings) > 80
    briefings = [k for k in stamped if re.fullmatch(r"briefings/\d{4}/\d\d/[^/]+/index\.html", k)]
    assert len(briefings) == len(corpus()) + 1  # and the seed
    different = [k for k in stamped if stamped[k] != rendered[k]]
    assert different == []
    assert not any(b"@@autobrief" in page.replace(b"@@autobrief-title@@ @@autobrief-toc@@", b"")
                   .replace(b"@@autobrief-description@@ @@autobrief-skip@@", b"")
                   .replace(b"@@autobrief-canonical@@ &amp;", b"") for page in stamped.values())
    tricky = next(stamped[k] for k in briefings if "/tricky-one/" in k).decode()
    assert "<title>Ford &amp; Xiaomi &lt;b&gt;&#34;talks&#34;&lt;/b&gt; @@autobrief-title@@ @@autobrief-toc@@ - " in tricky
    assert tricky.count('class="md-skip"') == 1 and 'href="#sources-of-the-talks" class="md-skip"' in tricky
    assert "A third level" in tricky.split('data-md-component="toc"')[1].split("</nav>")[0]


@pytest.mark.skipif(not hasattr(os, "fork") or (os.cpu_count() or 1) < 2, reason="a fork needs POSIX and two cores")
def test_pages_rendered_ahead_in_a_second_process_equal_the_ones_the_build_renders(tmp_path):
    trees, logs = {}, []
    for threshold in (1, 0):  # 1: every build forks; 0: never
        trees[threshold] = site(tmp_path, f"ahead-{threshold}", corpus(), f"      per_page: 5\n      render_ahead: {threshold}", logs,
                                anchors=True)  # the copy hands over each page's anchors
    ahead, alone = trees[1], trees[0]
    assert ahead.keys() == alone.keys()
    assert [k for k in ahead if ahead[k] != alone[k]] == []
    # Every briefing and listing page was the copy's to render; it made some of them.
    report = re.search(r"briefings: ([\d,]+) of ([\d,]+) pages rendered ahead in a second process", logs[0])
    assert report, logs[0]
    made, of = (int(n.replace(",", "")) for n in report.groups())
    assert 0 < made <= of and of >= len(corpus()) + 80
    # And their Markdown, converted while MkDocs read the pages: taken only where it is the page's.
    report = re.search(r"briefings: ([\d,]+) of ([\d,]+) briefings' Markdown converted ahead in a second process", logs[0])
    assert report, logs[0]
    made, of = (int(n.replace(",", "")) for n in report.groups())
    assert 0 < made <= of == len(corpus()) + 1  # and the seed
    assert "rendered ahead" not in logs[1] and "converted ahead" not in logs[1]


# Every extension of the project's mkdocs.yml, twice in each body: state one document leaves
# behind (a footnote counter, a tab set's number, a stashed block) would show in the next.
EXTENSIONS_BODY = """A claim.[^1] Another.[^note]

[^1]: The first footnote.
[^note]: A named one.

!!! note "Reported"
    Inside an admonition.

??? tip "Details"
    Folded.

=== "Ford"
    Ford's side.

=== "Xiaomi"
    Xiaomi's side.

| Outlet | Said |
|---|---|
| FT | talks |

Term
:   Its definition.

```python
print("code")
```

<div markdown="1">
*In HTML*, with Markdown.
</div>

## Same heading {: #custom-id .a-class }

## Same heading

Text.
"""


def test_one_shared_markdown_converter_renders_what_one_per_page_does(tmp_path):
    items = corpus()
    for item in items[:12]:
        item["body"] = EXTENSIONS_BODY
    shared = site(tmp_path, "shared", items, "      share_markdown: true")
    own = site(tmp_path, "own", items, "      share_markdown: false")
    assert shared.keys() == own.keys()
    assert [k for k in shared if shared[k] != own[k]] == []
    second = next(v for k, v in shared.items() if f"/{items[1]['slug']}/" in k).decode()
    assert 'id="fn:1"' in second and 'id="__tabbed_1_1"' in second and 'id="custom-id"' in second


@pytest.mark.skipif(not hasattr(os, "fork") or (os.cpu_count() or 1) < 2, reason="a fork needs POSIX and two cores")
def test_markdown_another_plugin_changes_is_converted_by_the_build_not_ahead(tmp_path):
    # A hook's on_page_markdown runs in the build after the copy has converted the source as
    # written: the copy's results no longer fit the page and the build converts what it has.
    project = make_project(tmp_path, {}, with_seed=True)
    write_corpus(project / "briefings", corpus())
    (project / "hooks.py").write_text(
        "def on_page_markdown(markdown, page, **kwargs):\n"
        "    return markdown + '\\n\\nAdded *by a hook*.\\n' if page.url.startswith('briefings/') else markdown\n")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("folder: briefings", "folder: briefings\n      render_ahead: 1")
                      + "\nhooks:\n  - hooks.py\n")
    result = build(project)
    assert result.ok, result.output
    assert re.search(r"briefings: 0 of [\d,]+ briefings' Markdown converted ahead", result.output), result.output
    pages = [p.read_text() for p in result.site.glob("briefings/*/*/*/index.html")]
    assert len(pages) == len(corpus()) + 1
    assert all("<p>Added <em>by a hook</em>.</p>" in page for page in pages)
