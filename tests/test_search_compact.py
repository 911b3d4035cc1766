"""compact.py: Pagefind's word index in chunks a query can afford, pages in date order, short names.

Each bundle is written here in Pagefind 1.5's layout (the test's own words, postings
and fragments), compacted, and read back with cbor2: every expectation (which chunk a
word is in, what a chunk may hold, which fragment a page is) is worked out from the
test's own data and from Pagefind's lookup rule, written out here as its
pagefind_web does it (the first chunk whose bounds hold the term).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import random
import shutil
from pathlib import Path

import cbor2
import pytest

from autobrief.search.compact import HEAVY, LIGHT, STEP, compact, main, rounded

SIG = b"pagefind_dcd"


def write(path: Path, value) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(SIG + cbor2.dumps(value), mtime=0))


def read(path: Path):
    raw = gzip.decompress(path.read_bytes())
    assert raw.startswith(SIG)
    return cbor2.loads(raw[len(SIG):])


def posting(rng: random.Random, page: int, positions: int) -> list:
    return [page, [-25] + sorted(rng.sample(range(5000), positions)), []]


def make_words(rng: random.Random, pages: int) -> list[list]:
    """Words in index order: mostly rare, some as common as "the" (far past HEAVY), a few just under it."""
    vocabulary = sorted({"".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9)))
                         for _ in range(900)} | {"xiaomi", "xiaomi\u201d", "year", "小米"})
    words = []
    for word in vocabulary:
        kind = rng.random()
        if word == "year" or kind < 0.04:  # common: in most pages, many times
            entries = [posting(rng, p, rng.randint(8, 20)) for p in range(pages) if rng.random() < 0.8]
        elif kind < 0.1:  # middling
            entries = [posting(rng, p, rng.randint(1, 4)) for p in sorted(rng.sample(range(pages), pages // 3))]
        else:  # rare
            entries = [posting(rng, p, 1) for p in sorted(rng.sample(range(pages), rng.randint(1, 3)))]
        words.append([word, deltas(entries), []])
    return words


def deltas(entries: list) -> list:
    """Postings as Pagefind writes them: each page number as its distance from the one before."""
    out, last = [], 0
    for page, *rest in entries:
        out.append([page - last, *rest])
        last = page
    return out


def absolute(entries: list) -> list:
    out, at = [], 0
    for delta, *rest in entries:
        at += delta
        out.append([at, *rest])
    return out


def pagefind_chunks(words: list[list], budget: int = 20_000) -> list[list[list]]:
    """Pagefind's own chunking (index/mod.rs chunk_index): close a chunk once it holds budget positions."""
    chunks, chunk, size = [], [], 0
    for word in words:
        chunk.append(word)
        size += sum(len(p[1]) + 1 for p in word[1])
        if size >= budget:
            chunks.append(chunk)
            chunk, size = [], 0
    return chunks + ([chunk] if chunk else [])


def make_bundle(folder: Path, seed: int = 1, pages: int = 600, whole_sort: bool = True) -> dict:
    """A Pagefind bundle: entry, metadata, word chunks, fragments and a filter; returns what went in."""
    rng = random.Random(seed)
    words = make_words(rng, pages)
    chunks = pagefind_chunks(words)
    names = [f"en_{hashlib.sha256(f'{seed}-{i}'.encode()).hexdigest()[:7]}" for i in range(len(chunks))]
    for name, chunk in zip(names, chunks):
        write(folder / "index" / f"{name}.pf_index", [chunk])
    fragments = {}
    page_list = []
    for n in range(pages):
        body = json.dumps({"url": f"/briefings/{n}/", "content": f"page {n}", "word_count": 100 + n}).encode()
        name = f"en_{hashlib.sha256(body).hexdigest()[:7]}"
        (folder / "fragment").mkdir(parents=True, exist_ok=True)
        (folder / "fragment" / f"{name}.pf_fragment").write_bytes(gzip.compress(body, mtime=0))
        fragments[n] = body
        page_list.append([name, 100 + n])
    bounds = [[c[0][0], c[-1][0], name] for c, name in zip(chunks, names)]
    filters = [["status", "en_aaaaaaa"]]
    write(folder / "filter" / "en_aaaaaaa.pf_filter", ["status", [["denied", list(range(0, pages, 2))]]])
    # Pagefind's date sort: page numbers, oldest first (here in an order of the test's own).
    order = rng.sample(range(pages), pages)
    sorts = [["date", order if whole_sort else order[1:]]]
    meta = ["1.5.2", page_list, bounds, filters, sorts, [["title"]]]
    write(folder / "pagefind.en_0123456789.pf_meta", meta)
    entry = {"version": "1.5.2", "languages": {"en": {"hash": "en_0123456789", "wasm": "en", "page_count": pages}}}
    (folder / "pagefind-entry.json").write_text(json.dumps(entry), encoding="utf-8")
    return {"words": words, "fragments": fragments, "meta": meta, "chunks": chunks, "order": order}


def by_fragment(bodies, words: list) -> dict:
    """Each word's postings with the page told by its fragment (``bodies[number]``), not its number: what a query finds."""
    return {w[0]: sorted((bodies[page], repr(rest)) for page, *rest in absolute(w[1])) for w in words}


def fragment_bodies(folder: Path, meta: list) -> list[bytes]:
    return [gzip.decompress((folder / "fragment" / f"{name}.pf_fragment").read_bytes()) for name, _ in meta[1]]


def bundle_meta(folder: Path) -> list:
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    return read(folder / f"pagefind.{entry['languages']['en']['hash']}.pf_meta")


def lookup(meta: list, term: str) -> str | None:
    """pagefind_web's request_indexes, strict bounds: the first chunk with from <= term <= to."""
    return next((name for low, high, name in meta[2] if low <= term <= high), None)


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def size(word) -> int:
    return len(cbor2.dumps(word))


@pytest.fixture
def bundle(tmp_path):
    folder = tmp_path / "pagefind"
    made = make_bundle(folder)
    assert compact(folder) is True
    return folder, made


def test_every_word_is_found_where_pagefinds_lookup_looks_with_its_positions_whole(bundle):
    folder, made = bundle
    meta = bundle_meta(folder)
    loaded = {name: read(folder / "index" / f"{name}.pf_index")[0] for _, _, name in meta[2]}
    assert sorted(loaded) == sorted(p.name[:-len(".pf_index")] for p in (folder / "index").iterdir())
    for word in made["words"]:
        name = lookup(meta, word[0])
        assert name is not None, word[0]
        assert any(w[0] == word[0] for w in loaded[name]), word[0]
    # Nothing added, nothing lost, in the same order; every page (told by its fragment) and every
    # position of each word, whatever number the page has now.
    now = [w for _, _, name in meta[2] for w in loaded[name]]
    assert [w[0] for w in now] == [w[0] for w in made["words"]]
    assert by_fragment(fragment_bodies(folder, meta), now) == by_fragment(made["fragments"], made["words"])
    for w in now:  # deltas from page to page, as Pagefind reads them: the pages in order
        assert all(p[0] >= 0 for p in w[1]) and all(p[0] > 0 for p in w[1][1:]), w[0]


def test_a_heavy_word_has_a_chunk_of_its_own_and_light_ones_share_small_chunks(bundle):
    folder, made = bundle
    meta = bundle_meta(folder)
    chunks = [read(folder / "index" / f"{name}.pf_index")[0] for _, _, name in meta[2]]
    heavy = [w[0] for c in chunks for w in c if size(w) >= HEAVY]  # as renumbered (a few bytes off Pagefind's)
    assert len(heavy) >= 10 and "year" in heavy  # the corpus has what this test is about
    for chunk in chunks:
        if len(chunk) > 1:
            assert all(size(w) < HEAVY for w in chunk), [w[0] for w in chunk]
            assert sum(size(w) for w in chunk[:-1]) < LIGHT  # closed once it reached LIGHT
    assert sorted(c[0][0] for c in chunks if len(c) == 1 and size(c[0]) >= HEAVY) == sorted(heavy)
    # What a query for a rare word fetched: Pagefind's chunk holding it, against now.
    rare = "xiaomi"
    before = next(c for c in made["chunks"] if any(w[0] == rare for w in c))
    after = next(c for c in chunks if any(w[0] == rare for w in c))
    assert sum(map(size, after)) < sum(map(size, before))


def test_pages_are_numbered_in_date_order_with_their_fragments_counts_and_filters(bundle):
    folder, made = bundle
    meta = bundle_meta(folder)
    old = made["meta"]
    order = made["order"]  # Pagefind's date sort: the n-th oldest page is old page order[n]
    assert len(meta[1]) == len(old[1])
    for n, (name, count) in enumerate(meta[1]):
        was = order[n]
        assert gzip.decompress((folder / "fragment" / f"{name}.pf_fragment").read_bytes()) == made["fragments"][was]
        assert abs(count - old[1][was][1]) <= 0.015 * old[1][was][1] + 0.5  # on the STEP scale, to a whole word
    assert len(list((folder / "fragment").iterdir())) == len(old[1])  # the old names are gone
    # One shared digest, then the page's number: "t" (time order) is no hex digit, so never one of Pagefind's names.
    shared = {name.rsplit("t", 1)[0] for name, _ in meta[1]}
    assert len(shared) == 1 and [int(name.rsplit("t", 1)[1], 16) for name, _ in meta[1]] == list(range(len(old[1])))
    assert meta[4] == []  # the date sort: a page's number says it
    assert meta[0] == old[0] and meta[5] == old[5]
    # The filter: the same pages (the even old numbers), by their new numbers, in order; renamed after its content.
    [[kind, name]] = meta[3]
    assert kind == "status" and name != "en_aaaaaaa"
    assert sorted((folder / "filter").iterdir()) == [folder / "filter" / f"{name}.pf_filter"]
    place = {was: n for n, was in enumerate(order)}
    assert read(folder / "filter" / f"{name}.pf_filter") == ["status", [["denied", sorted(place[p] for p in range(0, 600, 2))]]]


def test_without_a_date_sort_of_every_page_the_numbers_and_the_sort_stay(tmp_path):
    folder = tmp_path / "pagefind"
    made = make_bundle(folder, whole_sort=False)  # one page has no date
    assert compact(folder) is True
    meta = bundle_meta(folder)
    old = made["meta"]
    assert meta[3:] == old[3:]  # filters and sort as Pagefind wrote them
    assert [int(name.rsplit("p", 1)[1], 16) for name, _ in meta[1]] == list(range(len(old[1])))
    for n, (name, _) in enumerate(meta[1]):
        assert gzip.decompress((folder / "fragment" / f"{name}.pf_fragment").read_bytes()) == made["fragments"][n]
    loaded = [w for _, _, name in meta[2] for w in read(folder / "index" / f"{name}.pf_index")[0]]
    assert loaded == made["words"]  # every word's bytes as they were


def test_word_counts_are_rounded_on_a_scale_of_few_steps():
    for count in range(1, 20_000):
        assert abs(rounded(count) - count) <= 0.015 * count + 0.5, count
    # Briefings of 450 to 950 words: some 25 distinct counts rather than 500.
    steps = {rounded(c) for c in range(450, 951)}
    assert len(steps) <= 1 + round(math.log(950 / 450, STEP)) + 1
    assert rounded(0) == 0


def test_the_names_change_when_a_page_does_and_the_bytes_are_the_same_every_run(tmp_path):
    first, second, third = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    for folder in (first, second, third):
        make_bundle(folder)
    # A page's content changes: Pagefind gives its fragment another name.
    page = bundle_meta(third)[1][5][0]
    (third / "fragment" / f"{page}.pf_fragment").rename(third / "fragment" / "en_fffffff.pf_fragment")
    meta = bundle_meta(third)
    meta[1][5][0] = "en_fffffff"
    write(third / "pagefind.en_0123456789.pf_meta", meta)
    assert main([str(first), str(second), str(third)]) == 0
    assert tree(first) == tree(second)
    assert {n for n, _ in bundle_meta(first)[1]}.isdisjoint(n for n, _ in bundle_meta(third)[1])


@pytest.mark.parametrize("case", ["missing chunk", "missing fragment", "short meta", "not a bundle", "words out of order"])
def test_a_bundle_it_cannot_read_is_left_exactly_as_it_was(tmp_path, case):
    folder = tmp_path / "pagefind"
    make_bundle(folder)
    meta = bundle_meta(folder)
    if case == "missing chunk":
        (folder / "index" / f"{meta[2][3][2]}.pf_index").unlink()
    elif case == "missing fragment":
        (folder / "fragment" / f"{meta[1][7][0]}.pf_fragment").unlink()
    elif case == "short meta":
        write(folder / "pagefind.en_0123456789.pf_meta", meta[:5])
    elif case == "not a bundle":
        (folder / "pagefind-entry.json").write_text("{}", encoding="utf-8")
    else:
        name = meta[2][0][2]
        chunk = read(folder / "index" / f"{name}.pf_index")
        write(folder / "index" / f"{name}.pf_index", [chunk[0][::-1]])
    before = tree(folder)
    assert compact(folder) is False
    assert tree(folder) == before
    assert main([str(folder)]) == 1


def test_an_empty_folder_is_no_bundle(tmp_path):
    assert compact(tmp_path) is False
    shutil.rmtree(tmp_path)
    assert compact(tmp_path) is False


def pagefind_bounds(chunks: list[list[list]]) -> list[list[str]]:
    """Pagefind's chunk_meta: both bounds cut to the shortest prefixes that still differ (get_prefixes)."""
    out = [[c[0][0], c[-1][0]] for c in chunks]
    for left, right in zip(out, out[1:]):
        a, b = left[1], right[0]
        common = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        left[1], right[0] = a[:common + 1], b[:common + 1]
    return out


def test_a_prefix_pagefind_found_a_word_for_is_found_still(bundle):
    folder, made = bundle
    meta = bundle_meta(folder)
    loaded = {name: read(folder / "index" / f"{name}.pf_index")[0] for _, _, name in meta[2]}
    before = [[low, high, i] for i, (low, high) in enumerate(pagefind_bounds(made["chunks"]))]
    prefixes = {w[0][:n] for w in made["words"] for n in range(1, len(w[0]))}
    checked = 0
    for term in sorted(prefixes):
        old = lookup([None, None, before], term)
        if old is None or not any(w[0].startswith(term) for w in made["chunks"][old]):
            continue
        checked += 1
        now = lookup(meta, term)
        assert now is not None and any(w[0].startswith(term) for w in loaded[now]), term
    assert checked > 500
