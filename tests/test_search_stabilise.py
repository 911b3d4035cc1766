"""The reproducible-output step of search: CBOR, and Pagefind's filter files put in order.

No Pagefind here: each bundle is written by the test in Pagefind 1.5's layout
(pagefind-entry.json; gzip'd "pagefind_dcd" + CBOR metadata and filter files),
and every expected byte is worked out here, with an encoder of the test's own
(struct, RFC 8949), never with the code under test.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path

import pytest

from autobrief.search.stabilise import SIGNATURE, _cbor_dumps, _cbor_loads, _read_chunk, stabilise

SIG = b"pagefind_dcd"

# RFC 8949, Appendix A, and a few more: every head size, both signs, each type.
KNOWN = [
    (0, "00"), (1, "01"), (10, "0a"), (23, "17"), (24, "1818"), (25, "1819"), (100, "1864"), (255, "18ff"),
    (256, "190100"), (1000, "1903e8"), (65535, "19ffff"), (65536, "1a00010000"), (1000000, "1a000f4240"),
    (4294967295, "1affffffff"), (4294967296, "1b0000000100000000"), (1000000000000, "1b000000e8d4a51000"),
    (18446744073709551615, "1bffffffffffffffff"),
    (-1, "20"), (-10, "29"), (-24, "37"), (-25, "3818"), (-100, "3863"), (-1000, "3903e7"),
    (-65537, "3a00010000"), (-4294967297, "3b0000000100000000"), (-18446744073709551616, "3bffffffffffffffff"),
    (False, "f4"), (True, "f5"), (None, "f6"),
    (b"", "40"), (b"\x01\x02\x03\x04", "4401020304"), (b"\x00" * 24, "5818" + "00" * 24),
    ("", "60"), ("a", "6161"), ("IETF", "6449455446"), ("ü", "62c3bc"), ("水", "63e6b0b4"),
    ("x" * 300, "79012c" + "78" * 300),
    ([], "80"), ([1, 2, 3], "83010203"), ([1, [2, 3], [4, 5]], "8301820203820405"),
    (list(range(1, 26)), "98190102030405060708090a0b0c0d0e0f101112131415161718181819"),
]


def cbor(value) -> bytes:
    """The test's own encoder (RFC 8949, with struct), for the types a Pagefind bundle holds."""
    def head(major: int, n: int) -> bytes:
        if n < 24:
            return bytes([major << 5 | n])
        for info, fmt in ((24, "B"), (25, "H"), (26, "I"), (27, "Q")):
            if n < 1 << (8 * struct.calcsize(fmt)):
                return bytes([major << 5 | info]) + struct.pack(">" + fmt, n)
        raise AssertionError(n)

    if value is None or isinstance(value, bool):
        return {False: b"\xf4", True: b"\xf5", None: b"\xf6"}[value]
    if isinstance(value, int):
        return head(0, value) if value >= 0 else head(1, -1 - value)
    if isinstance(value, bytes):
        return head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return head(3, len(raw)) + raw
    assert isinstance(value, list)
    return head(4, len(value)) + b"".join(cbor(v) for v in value)


def typed(value):
    """A value with its types spelled out: True == 1 in Python, but not in CBOR."""
    if isinstance(value, list):
        return ["list", [typed(v) for v in value]]
    return [type(value).__name__, value]


@pytest.mark.parametrize("value, encoded", KNOWN, ids=[e[:12] for _, e in KNOWN])
def test_cbor_encodes_and_decodes_the_rfc_examples(value, encoded):
    assert _cbor_dumps(value).hex() == encoded
    assert typed(_cbor_loads(bytes.fromhex(encoded))) == typed(value)


def test_cbor_round_trips_nested_values():
    value = [0, 23, 24, 255, 256, 65535, 65536, 2**32 - 1, 2**32, 2**64 - 1, -1, -24, -25, -257, -2**64,
             b"", b"\xff\x00", "", "filter", "小米集团", "x" * 70000, True, False, None,
             [], [[], [[]]], [["company", [["Ford", [0, 2]], ["BYD", [1]]]], [True, None, b"\x01"]],
             list(range(300))]
    encoded = _cbor_dumps(value)
    assert encoded == cbor(value)
    assert typed(_cbor_loads(encoded)) == typed(value)


@pytest.mark.parametrize("data, why", [
    ("0100", "trailing bytes"),            # 1, then a stray 0
    ("830102", ""),                        # an array of 3 with 2 items: runs out
    ("a0", "unexpected CBOR type"),        # a map
    ("c001", "unexpected CBOR type"),      # a tag
    ("f7", "unexpected CBOR value"),       # undefined
    ("f93c00", "unexpected CBOR value"),   # a half float
    ("1c", ""),                            # reserved length
])
def test_cbor_rejects_what_pagefind_does_not_write(data, why):
    with pytest.raises((ValueError, IndexError, KeyError)) as caught:
        _cbor_loads(bytes.fromhex(data))
    if why:
        assert why in str(caught.value)


@pytest.mark.parametrize("value, error", [(1.5, TypeError), ({}, TypeError), ((1, 2), TypeError),
                                          (2**64, ValueError), (-2**64 - 1, ValueError)])
def test_cbor_refuses_to_write_other_types(value, error):
    with pytest.raises(error):
        _cbor_dumps(value)


def test_a_file_without_the_signature_is_not_read(tmp_path):
    path = tmp_path / "x.pf_filter"
    path.write_bytes(gzip.compress(b"pagefind_xyz" + cbor([])))
    with pytest.raises(ValueError):
        _read_chunk(path)
    assert SIGNATURE == SIG


# ------------------------------------------------------------------ a bundle


def pf(value) -> bytes:
    return gzip.compress(SIG + cbor(value))


def meta_of(filters) -> list:
    # [version, pages, word chunks, filters: [[name, hash]], sorts, meta fields]
    return ["1.5.2", [["en_be8dcc5", 582], ["en_0a1b2c3", 410]], [["02", "zorb", "en_f96b417"]],
            filters, [["date", [1, 0, 2]]], ["companies", "date", "title"]]


LANGUAGES = {
    # language: (entry hash, {filter name: (file hash, values as Pagefind wrote them)})
    "en": ("en_256d32abc5", {
        "year": ("en_164d5d4", [["2025", [2]], ["2026", [0, 1]], ["2024", [3]]]),
        "company": ("en_967dc50", [["Xiaomi", [0]], ["BYD", [1, 3]], ["Ford", [0, 2]], ["小米", [1]]]),
        "status": ("en_e08fa2f", [["denied", [0, 1, 2, 3]]]),
    }),
    "zh-cn": ("zh-cn_0123456789", {
        "company": ("zh-cn_aaaaaaa", [["小米", [0]], ["比亚迪", [1]]]),
    }),
}
OTHER = {"fragment/en_1234567.pf_fragment": b"fragment", "index/en_7654321.pf_index": b"index",
         "pagefind.js": b"// runtime", "wasm.en.pagefind": b"\x00asm"}


def write_bundle(bundle: Path, languages=LANGUAGES) -> None:
    (bundle / "filter").mkdir(parents=True)
    entry = {"version": "1.5.2", "languages": {}, "include_characters": ["_", "‿"]}
    for language, (digest, filters) in languages.items():
        entry["languages"][language] = {"hash": digest, "wasm": language.split("-")[0], "page_count": 4}
        for name, (file_hash, values) in filters.items():
            (bundle / "filter" / f"{file_hash}.pf_filter").write_bytes(pf([name, values]))
        order = sorted(filters, reverse=True)  # not in name order either
        (bundle / f"pagefind.{digest}.pf_meta").write_bytes(pf(meta_of([[n, filters[n][0]] for n in order])))
    (bundle / "pagefind-entry.json").write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
    for path, data in OTHER.items():
        (bundle / path).parent.mkdir(parents=True, exist_ok=True)
        (bundle / path).write_bytes(data)


def snapshot(bundle: Path) -> dict[str, bytes]:
    return {p.relative_to(bundle).as_posix(): p.read_bytes() for p in sorted(bundle.rglob("*")) if p.is_file()}


def expected(languages=LANGUAGES) -> tuple[dict[str, bytes], dict]:
    """Every filter and metadata file after stabilise, decompressed, by path; and the entry."""
    files: dict[str, bytes] = {}
    entry_languages = {}
    for language, (digest, filters) in languages.items():
        prefix = digest.rsplit("_", 1)[0]
        pointers = []
        for name in sorted(filters):
            values = sorted(filters[name][1], key=lambda v: v[0])
            raw = SIG + cbor([name, values])
            new = f"{prefix}_{hashlib.sha256(raw).hexdigest()[:7]}"
            files[f"filter/{new}.pf_filter"] = raw
            pointers.append([name, new])
        raw = SIG + cbor(meta_of(pointers))
        new = f"{prefix}_{hashlib.sha256(raw).hexdigest()[:10]}"
        files[f"pagefind.{new}.pf_meta"] = raw
        entry_languages[language] = {"hash": new, "wasm": language.split("-")[0], "page_count": 4}
    return files, {"version": "1.5.2", "languages": entry_languages, "include_characters": ["_", "‿"]}


def test_stabilise_sorts_the_values_and_names_each_file_after_its_content(tmp_path):
    bundle = tmp_path / "pagefind"
    write_bundle(bundle)
    assert stabilise(bundle) is True
    files, entry = expected()
    after = snapshot(bundle)
    indexes = {path: data for path, data in after.items()
               if path.startswith("filter/") or path.endswith(".pf_meta")}
    assert {path: gzip.decompress(data) for path, data in indexes.items()} == files
    for data in indexes.values():
        assert data[4:8] == b"\x00\x00\x00\x00"  # gzip mtime 0: the same bytes on every run
    # The entry points at the new metadata file, written compactly; the rest is as Pagefind wrote it.
    assert after["pagefind-entry.json"] == json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
    assert {path: after[path] for path in OTHER} == OTHER
    assert set(after) == set(files) | set(OTHER) | {"pagefind-entry.json"}
    # The values of one filter, in order, with the pages of each unchanged.
    [company] = [p for p in files if p.startswith("filter/en_") and b"company" in files[p]]
    assert _cbor_loads(files[company][len(SIG):]) == [
        "company", [["BYD", [1, 3]], ["Ford", [0, 2]], ["Xiaomi", [0]], ["小米", [1]]]]


def test_stabilise_twice_changes_nothing(tmp_path):
    bundle = tmp_path / "pagefind"
    write_bundle(bundle)
    assert stabilise(bundle)
    once = snapshot(bundle)
    assert stabilise(bundle)
    assert snapshot(bundle) == once


def test_the_same_values_in_another_order_give_the_same_bundle(tmp_path):
    shuffled = {language: (digest, {name: (file_hash, list(reversed(values)))
                                    for name, (file_hash, values) in filters.items()})
                for language, (digest, filters) in LANGUAGES.items()}
    write_bundle(tmp_path / "a")
    write_bundle(tmp_path / "b", shuffled)
    assert stabilise(tmp_path / "a") and stabilise(tmp_path / "b")
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")


def _entry(bundle: Path) -> dict:
    return json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))


def _meta_path(bundle: Path, language="zh-cn") -> Path:
    return bundle / f"pagefind.{_entry(bundle)['languages'][language]['hash']}.pf_meta"


def _filter_path(language="zh-cn", name="company") -> str:
    return f"filter/{LANGUAGES[language][1][name][0]}.pf_filter"


# Each breaks one thing in the last language, after a first one that is fine: nothing at all may change.
BROKEN = {
    "no languages": lambda b: (b / "pagefind-entry.json").write_text('{"version": "1.5.2"}'),
    "entry not JSON": lambda b: (b / "pagefind-entry.json").write_text("{"),
    "metadata missing": lambda b: _meta_path(b).unlink(),
    "metadata not gzip": lambda b: _meta_path(b).write_bytes(SIG + cbor(meta_of([]))),
    "metadata without signature": lambda b: _meta_path(b).write_bytes(gzip.compress(b"pagefind_xyz" + cbor([]))),
    "metadata too short": lambda b: _meta_path(b).write_bytes(pf(["1.5.2", [], []])),
    "filters not pairs": lambda b: _meta_path(b).write_bytes(pf(meta_of([["company", "zh-cn_aaaaaaa", "x"]]))),
    "filters not text": lambda b: _meta_path(b).write_bytes(pf(meta_of([["company", 7]]))),
    "filter file missing": lambda b: (b / _filter_path()).unlink(),
    "filter of another name": lambda b: (b / _filter_path()).write_bytes(pf(["region", [["CN", [0]]]])),
    "filter values not lists": lambda b: (b / _filter_path()).write_bytes(pf(["company", [["小米", [0]], 3]])),
    "filter value not text": lambda b: (b / _filter_path()).write_bytes(pf(["company", [[5, [0]]]])),
    "filter with a map": lambda b: (b / _filter_path()).write_bytes(gzip.compress(SIG + b"\xa0")),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_an_unknown_layout_is_left_exactly_as_pagefind_wrote_it(tmp_path, case):
    bundle = tmp_path / "pagefind"
    write_bundle(bundle)
    BROKEN[case](bundle)
    before = snapshot(bundle)
    assert stabilise(bundle) is False
    assert snapshot(bundle) == before


def test_no_bundle_at_all(tmp_path):
    assert stabilise(tmp_path / "pagefind") is False
    assert not (tmp_path / "pagefind").exists()
