"""The build cache (cache_dir): a build after a new briefing renders only what changed, indexes only
the search shards whose pages changed, and writes a site byte-identical to a clean build."""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path

from conftest import build, make_project
from corpus import make_corpus, write_corpus

SHARD = 6  # briefings per search shard: this corpus makes several


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def differences(a: Path, b: Path) -> list[str]:
    left, right = files_of(a), files_of(b)
    return sorted(set(left) ^ set(right)) + sorted(k for k in set(left) & set(right) if left[k] != right[k])


def configure(project: Path, cache: bool) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text()
    assert "cache_dir: !ENV [AUTOBRIEF_CACHE_DIR, null]" in text  # off unless asked for
    if cache:
        text = text.replace("cache_dir: !ENV [AUTOBRIEF_CACHE_DIR, null]", "cache_dir: .cache/autobrief")
    config.write_text(text.replace("      folder: briefings\n", f"      folder: briefings\n      search_shard_size: {SHARD}\n", 1))


def counts(output: str) -> tuple[int, int, int]:
    """(pages taken from the cache, pages in all, pages rendered) as the plugin logs them."""
    found = re.search(r"briefings: build cache: ([\d,]+) of ([\d,]+) pages taken from \S+, ([\d,]+) rendered", output)
    assert found, output[-3000:]
    return tuple(int(n.replace(",", "")) for n in found.groups())


def shards(output: str) -> tuple[int, int]:
    """(shards from the cache, shards in all) of the last Pagefind run."""
    found = re.search(r"\((\d+) of (\d+) from the build cache\)", output)
    return (int(found[1]), int(found[2])) if found else (0, 0)


def test_a_cached_build_after_new_edited_and_deleted_briefings_is_byte_identical_to_a_clean_one(tmp_path):
    items = make_corpus()
    (tmp_path / "cached").mkdir()
    cached = make_project(tmp_path / "cached", {}, with_seed=True)
    write_corpus(cached / "briefings", items)
    configure(cached, cache=True)

    first = build(cached, "--site-dir", str(tmp_path / "site1"))
    assert first.ok, first.output
    taken, total, rendered = counts(first.output)
    assert taken == 0 and rendered == total
    assert (cached / ".cache" / "autobrief" / "manifest.json").is_file()

    # Nothing changed: every page but the navigation's own comes from the cache, every shard too.
    again = build(cached, "--site-dir", str(tmp_path / "site2"))
    assert again.ok, again.output
    taken, total2, rendered = counts(again.output)
    nav_pages = len(re.findall(r"\.md\s*$", (cached / "mkdocs.yml").read_text(), re.M))
    assert total2 == total and rendered <= nav_pages + 1 and taken == total - rendered
    reused, in_all = shards(again.output)
    assert in_all > 2 and reused == in_all
    assert differences(tmp_path / "site1", tmp_path / "site2") == []

    # The desk's day: a new briefing (the newest), one edited (its status and title), one deleted.
    newest = max(items, key=lambda i: str(i["front"]["date"]))
    new = copy.deepcopy(newest)
    new["slug"] = "a-new-briefing-from-the-desk"
    new["path"] = new["path"].rsplit("/", 1)[0] + "/a-new-briefing-from-the-desk.md"
    new["front"]["title"] = "A new briefing from the desk"
    edited = next(i for i in items if i["front"]["status"] == "reported" and i is not newest)
    edited["front"].update(status="confirmed", title="Confirmed: " + edited["front"]["title"])
    gone = next(i for i in items if i is not newest and i is not edited and not i["front"].get("story"))
    write_corpus(cached / "briefings", [new, edited])
    (cached / "briefings" / gone["path"]).unlink()

    third = build(cached, "--site-dir", str(tmp_path / "site3"))
    assert third.ok, third.output
    taken, total3, rendered = counts(third.output)
    assert taken > 0 and rendered < total3 / 2  # most pages came from the cache
    reused, in_all = shards(third.output)
    assert 0 < reused < in_all  # the old shards without a changed page: the edited one's and the newest are indexed

    # The same sources built clean, without a cache: the same bytes, file for file.
    (tmp_path / "clean").mkdir()
    clean = make_project(tmp_path / "clean", {}, with_seed=True)
    shutil.rmtree(clean / "briefings")
    shutil.copytree(cached / "briefings", clean / "briefings")
    configure(clean, cache=False)
    reference = build(clean, "--site-dir", str(tmp_path / "clean-site"))
    assert reference.ok, reference.output
    assert "build cache" not in reference.output
    assert differences(tmp_path / "site3", tmp_path / "clean-site") == []
    site = tmp_path / "site3"
    day = str(new["front"]["date"])
    assert (site / "briefings" / day[:4] / day[5:7] / new["slug"] / "index.html").is_file()
    assert not (site / "briefings" / gone["path"][:7] / gone["slug"]).exists()
    assert b"A new briefing from the desk" in (site / "index.html").read_bytes()
    assert b"Confirmed: " in (site / "feed.xml").read_bytes()


def test_a_cache_from_another_configuration_is_not_used(tmp_path):
    (tmp_path / "p").mkdir()
    project = make_project(tmp_path / "p", {}, with_seed=True)
    configure(project, cache=True)
    assert build(project).ok
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("copyright: Autobrief briefing desk", "copyright: Another desk"))
    result = build(project)
    assert result.ok, result.output
    taken, total, rendered = counts(result.output)
    assert taken == 0 and rendered == total  # the footer of every page changed: nothing is reused
    assert b"Another desk" in (project / "site" / "briefings" / "index.html").read_bytes()
    # And a broken manifest is a cold cache, not a failed build.
    (project / ".cache" / "autobrief" / "manifest.json").write_text("{not json")
    result = build(project)
    assert result.ok, result.output
    assert counts(result.output)[0] == 0


def test_a_cache_dir_inside_site_dir_or_docs_dir_stops_the_build_with_one_line(tmp_path):
    # MkDocs empties site_dir before each build (the cache would never be filled) and reads
    # docs_dir as pages (the cached HTML would become pages of the site).
    (tmp_path / "p").mkdir()
    project = make_project(tmp_path / "p", {}, with_seed=True)
    configure(project, cache=False)
    config = project / "mkdocs.yml"
    text = config.read_text()
    for folder, named in (("site/.cache", "site_dir"), ("docs/cache", "docs_dir"), ("site", "site_dir")):
        config.write_text(text.replace("cache_dir: !ENV [AUTOBRIEF_CACHE_DIR, null]", f"cache_dir: {folder}"))
        result = build(project)
        assert not result.ok
        assert f"briefings: cache_dir '{folder}' is inside {named}" in result.output, result.output
        assert "Traceback" not in result.output
        assert not (project / folder).exists() or folder == "site"
