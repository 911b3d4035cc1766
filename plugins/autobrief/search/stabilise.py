"""Reproducible output: Pagefind's filter indexes put in a stable order.

Pagefind 1.5 writes its filter indexes in hash-map order, so two runs over the
same pages name and fill them differently (fragments and word index are stable).
The site is reproducible byte for byte: after each run, the values of every
filter file are put in order, the files renamed after their content, and the
metadata file and pagefind-entry.json pointed at them. Only a layout this code
knows is touched; anything else is left exactly as Pagefind wrote it.

Pure file work, no Pagefind process: the only CBOR this needs (unsigned and
negative integers, byte and text strings, arrays, false/true/null) is read and
written here rather than with a dependency.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"  # the first bytes of every decompressed Pagefind index file


def _length(data: bytes, i: int, info: int) -> tuple[int, int]:
    """The number a CBOR head holds (its low five bits ``info``, then any bytes from ``i``), and where the item goes on."""
    if info < 24:
        return info, i
    size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
    return int.from_bytes(data[i:i + size], "big"), i + size


def _head(major: int, n: int) -> bytes:
    """The shortest CBOR head of major type ``major`` holding ``n`` (RFC 8949, 3.1)."""
    if n < 24:
        return bytes([major << 5 | n])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < 1 << (8 * size):
            return bytes([major << 5 | info]) + n.to_bytes(size, "big")
    raise ValueError("integer too large")


def _cbor_loads(data: bytes):
    def item(i: int):
        major, info = data[i] >> 5, data[i] & 31
        i += 1
        if major == 7:
            simple = {20: False, 21: True, 22: None}
            if info not in simple:
                raise ValueError("unexpected CBOR value")
            return simple[info], i
        n, i = _length(data, i, info)
        if major == 0:
            return n, i
        if major == 1:
            return -1 - n, i
        if major == 2:
            return bytes(data[i:i + n]), i + n
        if major == 3:
            return data[i:i + n].decode("utf-8"), i + n
        if major == 4:
            out = []
            for _ in range(n):
                value, i = item(i)
                out.append(value)
            return out, i
        raise ValueError("unexpected CBOR type")

    value, end = item(0)
    if end != len(data):
        raise ValueError("trailing bytes")
    return value


def _cbor_dumps(value) -> bytes:
    if value is True or value is False or value is None:
        return {True: b"\xf5", False: b"\xf4", None: b"\xf6"}[value]
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_cbor_dumps(v) for v in value)
    raise TypeError(type(value).__name__)


def _unpack(path: Path) -> bytes:
    """A Pagefind index file's CBOR: gzip'd, after the signature."""
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise ValueError(f"{path.name}: not a Pagefind file")
    return raw[len(SIGNATURE):]


def is_filter(data, name: str) -> bool:
    """Whether ``data`` is the filter index of ``name`` as Pagefind writes it:
    [filter name, [[value, page numbers], ...]]."""
    return (isinstance(data, list) and len(data) == 2 and data[0] == name and isinstance(data[1], list)
            and all(isinstance(v, list) and len(v) == 2 and isinstance(v[0], str) and isinstance(v[1], list)
                    for v in data[1]))


def _read_chunk(path: Path):
    return _cbor_loads(_unpack(path))


def _write_chunk(folder: Path, prefix: str, digits: int, suffix: str, value) -> str:
    """Write value as a Pagefind file named after its content (mtime 0: the same bytes every run)."""
    raw = SIGNATURE + _cbor_dumps(value)
    name = f"{prefix}_{hashlib.sha256(raw).hexdigest()[:digits]}"
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    return name


def stabilise(bundle: Path) -> bool:
    """Put Pagefind's filter indexes in a stable order; False when the layout is not the known one."""
    entry_path = bundle / "pagefind-entry.json"
    # Read and check everything first: nothing is written unless the whole bundle is understood.
    try:
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
        languages = entry["languages"]
        plans = []
        for language, info in languages.items():
            meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
            meta = _read_chunk(meta_path)
            # [version, pages, word chunks, filters: [[name, hash]], sorts, meta fields]
            filters = meta[3]
            if not (isinstance(filters, list) and all(
                    isinstance(f, list) and len(f) == 2 and all(isinstance(x, str) for x in f) for f in filters)):
                return False
            chunks = {}
            for name, digest in filters:
                data = _read_chunk(bundle / "filter" / f"{digest}.pf_filter")
                if not is_filter(data, name):
                    return False
                chunks[name] = (digest, data)
            plans.append((language, info, meta_path, meta, chunks))
    except (OSError, ValueError, KeyError, IndexError, TypeError, EOFError, gzip.BadGzipFile):
        return False
    for language, info, meta_path, meta, chunks in plans:
        prefix = info["hash"].rsplit("_", 1)[0]
        renamed = []
        for name, (digest, data) in sorted(chunks.items()):
            data[1].sort(key=lambda value: value[0])
            (bundle / "filter" / f"{digest}.pf_filter").unlink()
            renamed.append([name, _write_chunk(bundle / "filter", prefix, 7, ".pf_filter", data)])
        meta[3] = renamed
        meta_path.unlink()
        info["hash"] = _write_chunk(bundle, prefix, 10, "", meta)
        (bundle / f"{info['hash']}").rename(bundle / f"pagefind.{info['hash']}.pf_meta")
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return True
