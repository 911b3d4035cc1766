"""Smaller downloads per query: Pagefind's word index re-chunked, its page names shortened.

Every shard a query touches costs the browser its metadata and one word-index chunk per
word, so at 30,000 briefings (12 shards) these two make most of a query's bytes:

- Pagefind cuts the word index, in word order, into chunks of about 20,000 word
  positions: a chunk ends with the word that fills it, often a common one. A query
  for a rare word ("xiaomi", 600 bytes of positions in a shard) fetched the 24 kB of
  "year" that shared its chunk, in every shard. Here a heavy word (HEAVY bytes of
  positions or more) gets a chunk of its own and the light words between two heavy
  ones share chunks of about LIGHT bytes. The browser's lookup is unchanged (the first
  chunk whose bounds hold the term, pagefind_web's request_indexes), and so is what a
  chunk's lower bound is (index/mod.rs, chunk_meta); its upper bound is its last word,
  so that the lookup finds every word of the index in its chunk (see bounds()).
- Pagefind names each page and chunk after a hash of its content, and the metadata
  every query loads lists them all (2,500 pages a shard, seven random hex digits
  each). They are renamed to one digest of the shard's pages (or chunks) followed by
  their number: gzip keeps the shared digest once, and the names still change when
  any page does, so they stay safe to cache. That is 2 kB less a shard.

- Pagefind numbers a shard's pages in the order it found them and keeps a date sort
  beside them, a permutation of every page number (5 kB a shard, compressed, in the
  metadata every query loads). The pages are numbered in date order instead (their
  place in that sort: every posting, variant and filter index is renumbered) and the
  sort is dropped: a page's number is its place in time, and search.js sorts by the
  number in its name ("t": numbered in time order) when a reader asks for newest or
  oldest. Only a sort that holds every page once is taken; otherwise pages keep their
  numbers and the sort stays.
- Each page's word count (for BM25's length normalisation) is rounded to the nearest
  step of a 3% scale, at most 1.5% off: ranking is all but unchanged, and the counts
  take half the bytes.

Only a layout this code knows is touched, and the bundle changes in one step: new files are
written beside the old ones, pagefind-entry.json is replaced last, and only then are
the old files removed; a bundle it cannot read is left as Pagefind wrote it.

Run as ``python -m autobrief.search.compact BUNDLE...`` (pagefind.py does, at a lower
priority, beside a build that needs its interpreter), or call compact(bundle).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import math
import os
import sys
from pathlib import Path

import cbor2  # its C decoder walks a shard's ~7 MB of word positions in about a second

from .stabilise import SIGNATURE, _head, _length, _unpack, is_filter

HEAVY = 16_000  # bytes of CBOR: a word this large has a chunk of its own
LIGHT = 32_000  # bytes of CBOR: light words share chunks of about this size (tried at 30,000 briefings: 4k/12k, 8k/20k, 2.5k/6k fetched 1-3% more per query)
STEP = 1.03  # the word counts' scale: each is rounded to the nearest power of STEP (at most 1.5% off)


def _read(path: Path):
    return cbor2.loads(_unpack(path))


def _encoded(value: bytes) -> tuple[str, bytes]:
    """A Pagefind file's bytes (of CBOR ``value``) and a name made from them (mtime 0: the same bytes every run)."""
    raw = SIGNATURE + value
    return hashlib.sha256(raw).hexdigest(), gzip.compress(raw, compresslevel=6, mtime=0)


def _words(path: Path, renumber=None) -> list[tuple[str, bytes]] | None:
    """A word chunk ([[word, [[page, positions, meta positions]...], variants], ...]]) as its words,
    each with its own CBOR bytes: kept as they are (a new chunk is these bytes put together),
    or, with ``renumber``, the entry it makes encoded again."""
    raw = _unpack(path)
    # The chunk: an array of one (0x81), the array of words (major type 4).
    if raw[:1] != b"\x81" or len(raw) < 2 or raw[1] >> 5 != 4 or raw[1] & 31 > 27:
        return None
    count, at = _length(raw, 2, raw[1] & 31)
    stream = io.BytesIO(raw)
    stream.seek(at)
    decoder = cbor2.CBORDecoder(stream)
    out = []
    for _ in range(count):
        start = stream.tell()
        entry = decoder.decode()
        if not (isinstance(entry, list) and entry and isinstance(entry[0], str)):
            return None
        out.append((entry[0], raw[start:stream.tell()] if renumber is None else cbor2.dumps(renumber(entry))))
    return out if stream.tell() == len(raw) else None


def date_order(meta: list) -> list[int] | None:
    """Each page's new number (by its old one): its place in Pagefind's date sort, when the
    metadata's one sort is by date and holds every page once; else None."""
    sorts, count = meta[4], len(meta[1])
    if not (isinstance(sorts, list) and len(sorts) == 1 and isinstance(sorts[0], list) and len(sorts[0]) == 2
            and sorts[0][0] == "date" and isinstance(sorts[0][1], list)):
        return None
    order = sorts[0][1]
    if not (all(isinstance(n, int) for n in order) and sorted(order) == list(range(count))):
        return None
    new = [0] * count
    for place, old in enumerate(order):
        new[old] = place
    return new


def _postings(pages: list, new: list[int]) -> list:
    """A word's pages ([page, ...], page numbers as deltas, as Pagefind writes them) renumbered, in order."""
    at, renumbered = 0, []
    for page in pages:
        if not (isinstance(page, list) and page and isinstance(page[0], int) and page[0] >= 0):
            raise ValueError("unexpected posting")
        at += page[0]
        renumbered.append([new[at], *page[1:]])
    renumbered.sort(key=lambda page: page[0])
    last = 0
    for page in renumbered:
        page[0], last = page[0] - last, page[0]
    return renumbered


def renumber_entry(entry: list, new: list[int]) -> list:
    """A word entry ([word, pages, variants [[form, pages]...]]) with its pages renumbered."""
    if len(entry) < 2 or not isinstance(entry[1], list):
        raise ValueError("unexpected word entry")
    out = [entry[0], _postings(entry[1], new)]
    for variants in entry[2:3]:
        if not (isinstance(variants, list) and all(isinstance(v, list) and len(v) >= 2 for v in variants)):
            raise ValueError("unexpected variants")
        out.append([[v[0], _postings(v[1], new), *v[2:]] for v in variants])
    return out + entry[3:]


def rounded(count: int) -> int:
    """A word count on the STEP scale (counts below 1 as they are)."""
    return count if count < 1 else round(STEP ** round(math.log(count, STEP)))


def _prefixes(a: str, b: str) -> tuple[str, str]:
    """Pagefind's get_prefixes: the shortest prefixes of two neighbouring bounds that still differ."""
    common = 0
    for x, y in zip(b, a):
        if x != y:
            break
        common += 1
    return a[:common + 1], b[:common + 1]


def chunk_words(words: list, sizes: list[int], heavy: int = HEAVY, light: int = LIGHT) -> list[list]:
    """Words (in index order) in chunks: each heavy word alone, the light ones between in runs of about ``light`` bytes."""
    chunks, run, size = [], [], 0
    for word, n in zip(words, sizes):
        if n >= heavy:
            if run:
                chunks.append(run)
                run, size = [], 0
            chunks.append([word])
            continue
        run.append(word)
        size += n
        if size >= light:
            chunks.append(run)
            run, size = [], 0
    if run:
        chunks.append(run)
    return chunks


def bounds(chunks: list[list]) -> list[list[str]]:
    """[from, to] of each chunk: from as Pagefind's chunk_meta makes it (the shortest prefix of
    the chunk's first word that sorts after the chunk before), to the chunk's last word.

    Pagefind shortens ``to`` as well, and its lookup (from <= term <= to) then misses the
    words of a chunk that sort after the shortened bound ("btdz" after "bt"): it finds them
    only on its fallback, taken when no term of the query found a chunk at all.
    """
    out = [[chunk[0][0], chunk[-1][0]] for chunk in chunks]
    for left, right in zip(out, out[1:]):
        right[0] = _prefixes(left[1], right[0])[1]
    return out


def _plan(bundle: Path, language: str, info: dict):
    """Everything one language's files become, worked out before anything is written; None if the layout is unknown."""
    meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
    meta = _read(meta_path)
    # [version, pages [[name, word count]], word chunks [[from, to, name]], filters, sorts, meta fields]
    if not (isinstance(meta, list) and len(meta) == 6 and isinstance(meta[1], list) and isinstance(meta[2], list)):
        return None
    pages, old_chunks = meta[1], meta[2]
    if not all(isinstance(p, list) and len(p) == 2 and isinstance(p[0], str) and isinstance(p[1], int) for p in pages):
        return None
    if not all(isinstance(c, list) and len(c) == 3 and all(isinstance(x, str) for x in c) for c in old_chunks):
        return None
    new = date_order(meta)
    renumber = None if new is None else (lambda entry: renumber_entry(entry, new))
    words = []
    for _, _, name in old_chunks:
        found = _words(bundle / "index" / f"{name}.pf_index", renumber)
        if found is None:
            return None
        words.extend(found)
    if any(a[0] >= b[0] for a, b in zip(words, words[1:])):
        return None  # not in word order: the bounds below would not find them
    prefix = info["hash"].rsplit("_", 1)[0]
    chunks = chunk_words(words, [len(raw) for _, raw in words])
    # Chunks are named as pages are (below): one digest of them all, then their number ("k": not a hex digit, as in Pagefind's names).
    encoded = [_encoded(b"\x81" + _head(4, len(chunk)) + b"".join(raw for _, raw in chunk)) for chunk in chunks]
    digest = hashlib.sha256("".join(d for d, _ in encoded).encode("ascii")).hexdigest()[:6]
    files = {f"{prefix}_{digest}k{number:x}": data for number, (_, data) in enumerate(encoded)}
    new_chunks = [[low, high, name] for (low, high), name in zip(bounds(chunks), files)]
    filters, old_filters = {}, []
    if new is not None:  # filter indexes list pages by number: renumbered too, and renamed after their content
        renamed_filters = []
        for name, digest_name in meta[3]:
            data = _read(bundle / "filter" / f"{digest_name}.pf_filter")
            if not is_filter(data, name):
                return None
            values = [[value, sorted(new[n] for n in numbers)] for value, numbers in data[1]]
            sha, data = _encoded(cbor2.dumps([name, values]))
            renamed_filter = f"{prefix}_{sha[:7]}"  # as stabilise names them
            filters[renamed_filter] = data
            old_filters.append(digest_name)
            renamed_filters.append([name, renamed_filter])
        meta[3] = renamed_filters
        meta[4] = []  # the date sort: a page's number says it now
        ordered = [None] * len(pages)
        for old_number, page in enumerate(pages):
            ordered[new[old_number]] = page
        pages = ordered
    fragments = [p[0] for p in pages]
    if not all((bundle / "fragment" / f"{name}.pf_fragment").is_file() for name in fragments):
        return None
    digest = hashlib.sha256("\n".join(fragments).encode("utf-8")).hexdigest()[:6]
    # "t" (numbered in time order) or "p", neither a hex digit: apart from Pagefind's own names in the same folder.
    kind = "p" if new is None else "t"
    renamed = [f"{prefix}_{digest}{kind}{number:x}" for number in range(len(pages))]
    meta[1] = [[name, rounded(page[1])] for name, page in zip(renamed, pages)]
    meta[2] = new_chunks
    meta_digest, meta_data = _encoded(cbor2.dumps(meta))
    return {"language": language, "meta": (meta_path, f"{prefix}_{meta_digest[:10]}", meta_data),
            "chunks": files, "old_chunks": [c[2] for c in old_chunks], "fragments": list(zip(fragments, renamed)),
            "filters": filters, "old_filters": old_filters}


def compact(bundle: Path) -> bool:
    """Re-chunk the word index, number the pages in date order and shorten their names in a
    Pagefind bundle; False (left untouched) if its layout is unknown."""
    entry_path = bundle / "pagefind-entry.json"
    try:
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
        plans = [_plan(bundle, language, info) for language, info in entry["languages"].items()]
    except (OSError, ValueError, KeyError, IndexError, TypeError, EOFError, gzip.BadGzipFile, cbor2.CBORDecodeError):
        return False
    if not plans or any(plan is None for plan in plans):
        return False
    # New files beside the old ones: until the entry is replaced, the old metadata still finds its own.
    for plan in plans:
        for name, data in plan["chunks"].items():
            (bundle / "index" / f"{name}.pf_index").write_bytes(data)
        for name, data in plan["filters"].items():
            (bundle / "filter" / f"{name}.pf_filter").write_bytes(data)
        for old, new in plan["fragments"]:
            if old == new:
                continue
            target = bundle / "fragment" / f"{new}.pf_fragment"
            target.unlink(missing_ok=True)
            os.link(bundle / "fragment" / f"{old}.pf_fragment", target)
        _, name, data = plan["meta"]
        (bundle / f"pagefind.{name}.pf_meta").write_bytes(data)
        entry["languages"][plan["language"]]["hash"] = name
    staged = entry_path.with_suffix(".json.tmp")
    staged.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    os.replace(staged, entry_path)
    for plan in plans:
        keep = set(plan["chunks"])
        for old in plan["old_chunks"]:
            if old not in keep:
                (bundle / "index" / f"{old}.pf_index").unlink(missing_ok=True)
        for old in plan["old_filters"]:
            if old not in plan["filters"]:
                (bundle / "filter" / f"{old}.pf_filter").unlink(missing_ok=True)
        renamed = {new for _, new in plan["fragments"]}
        for old, _ in plan["fragments"]:
            if old not in renamed:
                (bundle / "fragment" / f"{old}.pf_fragment").unlink(missing_ok=True)
        meta_path, name, _ = plan["meta"]
        if meta_path.name != f"pagefind.{name}.pf_meta":
            meta_path.unlink(missing_ok=True)
    return True


def main(argv: list[str]) -> int:
    """Compact each bundle named; the exit status says how many were left as Pagefind wrote them."""
    return sum(not compact(Path(folder)) for folder in argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
