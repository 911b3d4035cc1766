"""Stamped listing pages are byte for byte what the theme renders for each of them."""

from __future__ import annotations

from conftest import build, make_project
from corpus import make_corpus, write_corpus


def test_stamped_listings_equal_fully_rendered_ones(tmp_path):
    trees = {}
    for stamp in (True, False):
        (tmp_path / str(stamp)).mkdir()
        project = make_project(tmp_path / str(stamp), {}, with_seed=True)
        write_corpus(project / "briefings", make_corpus())
        config = project / "mkdocs.yml"
        config.write_text(config.read_text().replace(
            "folder: briefings", f"folder: briefings\n      per_page: 5\n      stamp_listings: {str(stamp).lower()}"))
        result = build(project)
        assert result.ok, result.output
        trees[stamp] = {str(p.relative_to(result.site)): p.read_bytes() for p in result.site.rglob("*.html")}
    stamped, rendered = trees[True], trees[False]
    assert stamped.keys() == rendered.keys()
    listings = [k for k in stamped if k.startswith(("companies/", "tags/", "archive/", "sources/", "status/", "stories/"))]
    assert len(listings) > 80
    different = [k for k in stamped if stamped[k] != rendered[k]]
    assert different == []
    assert not any(b"@@autobrief" in page for page in stamped.values())
