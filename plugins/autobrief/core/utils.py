"""Small file helpers shared by the adapters."""

from __future__ import annotations

from pathlib import Path


def write_bytes(path: Path, data: bytes) -> None:
    """Write only when the bytes differ: unchanged files keep their times under a live preview."""
    if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
