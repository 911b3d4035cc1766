"""What the edits of `autobrief status` (status_edit) and `autobrief registry add` (registry_edit) share.

Both edit files that writers keep by hand, a briefing's front matter and a registry file: through
ruamel.yaml's round trip, so that their comments and layout stay as they were, and atomically, so that
nothing is ever left half-written, nor written over a change made since the file was read.

No MkDocs import; ruamel.yaml is loaded only when a round trip is set up or a value is made for it.
"""

from __future__ import annotations

import io
import os
import tempfile
from difflib import SequenceMatcher
from pathlib import Path
from typing import Callable

import yaml


class Changed(Exception):
    """The file changed, or (a new file) appeared, since it was read: nothing was written."""


def round_trip(mapping: int, sequence: int, offset: int):
    """ruamel.yaml's round trip, with the file's own indentation (as its indent() takes it)."""
    from ruamel.yaml import YAML

    rt = YAML(typ="rt")
    rt.preserve_quotes = True
    rt.width = 1 << 30  # never fold a long line that the writer kept on one
    rt.indent(mapping=mapping, sequence=sequence, offset=offset)
    return rt


def dump(rt, data) -> str:
    out = io.StringIO()
    rt.dump(data, out)
    return out.getvalue()


def text_scalar(value: str):
    """The text as ruamel.yaml should write it: quoted when the build's YAML (1.1) would read it
    as anything but text (`yes`, `off`, `2026`, `1_000`, `null`), which ruamel.yaml (YAML 1.2) leaves plain."""
    from ruamel.yaml.scalarstring import SingleQuotedScalarString

    tag = yaml.resolver.Resolver().resolve(yaml.nodes.ScalarNode, value, (True, False))
    return value if tag == "tag:yaml.org,2002:str" else SingleQuotedScalarString(value)


def first_line(exc: Exception) -> str:
    """The first line of the exception's message (its type's name when it has none)."""
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def relaid(old: str, new: str, first: int = 1,
           ignore: Callable[[str, str], bool] = lambda line, kind: False) -> list[int]:
    """The lines of ``old`` (its first one numbered ``first``) that the round trip, which wrote ``new``,
    laid out anew or dropped, but those that ``ignore(line, kind)`` passes over (kind: "replace" or "delete")."""
    a, b = old.split("\n"), new.split("\n")
    lines = []
    for kind, i1, i2, _, _ in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if kind in ("replace", "delete"):
            lines += [i + first for i in range(i1, i2) if not ignore(a[i], kind)]
    return lines


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write(file: Path, data: bytes, was: bytes | None) -> None:
    """``data`` in place of ``was`` (None: a new file) atomically: a temporary file beside it, synced,
    with the file's mode, then renamed. A linked file is written where the link leads, and the link kept.
    Changed if the file changed since it was read, or a new one appeared meanwhile (never overwritten)."""
    target = Path(os.path.realpath(file)) if was is not None else file
    if was is None:
        target.parent.mkdir(parents=True, exist_ok=True)
    mode = target.stat().st_mode & 0o7777 if was is not None else 0o666 & ~_umask()
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    changed = Changed(f"{file.as_posix()} changed while it was being updated: run the command again")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)
        if was is None:
            try:
                os.link(temp, target)  # fails if the file appeared meanwhile: never overwrite it
            except FileExistsError:
                raise changed from None
            except OSError:  # no hard links here
                if target.exists():
                    raise changed from None
                os.replace(temp, target)
        else:
            if target.read_bytes() != was:
                raise changed
            os.replace(temp, target)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
