"""Front matter is data, never markup and never a template."""

from __future__ import annotations

import gzip
import json

from conftest import build, make_project

XSS = '<script>alert("xss")</script>'
ATTR = '" onmouseover="alert(1)'
TEMPLATE = "{{ config.site_name }}{% raw %}"

HOSTILE = f"""\
---
title: '{XSS} {TEMPLATE}'
date: 2026-03-01
status: reported
claim: '{XSS} claim {ATTR}'
summary: '{XSS} summary {ATTR}'
companies: ['{XSS} Co', '<img src=x onerror=alert(1)>']
regions: ['{XSS} region']
tags: ['{XSS} tag']
story: hostile-story
sources:
  - name: '{XSS} Outlet'
    title: '{XSS} headline {ATTR}'
    url: 'https://example.com/?q="><script>alert(1)</script>'
  - name: Relay
    via: '{XSS} Outlet'
denials:
  - party: '{XSS} party'
    statement: '{XSS} statement {TEMPLATE}'
    url: 'https://example.com/"onclick="alert(1)'
watch: ['{XSS} watch']
authors: ['{XSS} author']
---
Plain body.
"""


def test_script_in_every_field_comes_out_escaped(tmp_path):
    result = build(make_project(tmp_path, {"2026/03/hostile.md": HOSTILE}))
    assert result.ok, result.output
    for url in ("briefings/2026/03/hostile/", ""):
        page = result.page(url)
        # No script element carries the payload; every script is the theme's own.
        for script in page.find_all("script"):
            if script.get("type") == "application/ld+json":
                # Data, not code: the text is there, but it cannot close the element.
                assert "<" not in script.string and json.loads(script.string)
            else:
                assert "alert" not in (script.string or ""), url
        # No element anywhere gained an event handler or an injected img.
        for node in page.find_all(True):
            assert not any(attr.startswith("on") for attr in node.attrs), (url, node.name, node.attrs)
        assert page.find("img", src="x") is None
        # The payload is visible as text where it belongs.
        assert XSS in page.get_text()
        # And the template syntax was printed, not evaluated.
        assert "{{ config.site_name }}" in page.get_text() or url == ""
    page = result.page("briefings/2026/03/hostile/")
    assert page.title.get_text().startswith(XSS)
    assert page.select_one('meta[name="description"]')["content"].startswith(XSS + " summary")
    link = page.select_one(".ab-source__name a")
    assert link["href"] == 'https://example.com/?q="><script>alert(1)</script>'


def test_search_index_keeps_the_title_as_text(tmp_path):
    # The search index holds text, never markup: the title exactly as written (the
    # search UI sets it with textContent), in Pagefind's fragment and in the browse data.
    result = build(make_project(tmp_path, {"2026/03/hostile.md": HOSTILE}))
    assert result.ok, result.output
    title = f"{XSS} {TEMPLATE}"
    fragments = [json.loads(gzip.decompress(p.read_bytes())[len(b"pagefind_dcd"):])
                 for p in (result.site / "pagefind/fragment").glob("*.pf_fragment")]
    [hostile] = [f for f in fragments if f["url"] == "/briefings/2026/03/hostile/"]
    assert hostile["meta"]["title"] == title
    assert f"{XSS} Co" in hostile["filters"]["company"]
    records = json.loads((result.site / "search/records/0.json").read_text())
    assert [r[1] for r in records if r[0] == "briefings/2026/03/hostile/"] == [title]
