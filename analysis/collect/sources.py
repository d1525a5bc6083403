"""Where raw lines come from: files, folders and ``.tar`` archives, streamed in chunks.

A *unit* is one stream of lines: a plain/``.bz2``/``.gz`` file, or one member of a
``.tar`` (the Internet Archive's Stream Grab ships a tar per day holding one
``.json.bz2`` per minute). Units are what ``--jobs`` spreads over processes and what
an interrupted run resumes from.
"""

from __future__ import annotations

import bz2
import os
import tarfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from analysis import paths

LINE_SUFFIXES = (".json", ".jsonl", ".ndjson", ".txt")
COMPRESSED = (".bz2", ".gz")
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2")
#: What reading a damaged unit can raise (``zlib.error`` for a plain file named ``.gz``).
READ_ERRORS = (EOFError, OSError, zlib.error, tarfile.TarError)
CHUNK = 16 << 20  # decompressed bytes prefiltered at once (amortises regex compilation)


@dataclass(frozen=True)
class Unit:
    """One stream of lines: ``path``, or ``member`` inside the tar at ``path``."""

    path: str
    member: str | None = None
    size: int = 0
    #: Why the unit cannot be read at all (a ``.tar`` that is not a tar): it becomes
    #: one reject and the rest of the collection goes on.
    error: str | None = None

    @property
    def label(self) -> str:
        """How rows and rejects name their origin (``file`` or ``archive.tar!member``).

        Files inside the project are named relative to its root, so outputs built from
        the shipped sample are the same on every machine.
        """
        path = Path(self.path).resolve()
        shown = str(path.relative_to(paths.ROOT)) if path.is_relative_to(paths.ROOT) else self.path
        return f"{shown}!{self.member}" if self.member else shown

    @property
    def fingerprint(self) -> str:
        """Changes when the file changes, so a stale resume part is never reused."""
        st = os.stat(self.path)
        return f"{self.label}|{st.st_size}|{st.st_mtime_ns}"


def _strip_compression(name: str) -> str:
    for suffix in COMPRESSED:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def is_line_file(name: str) -> bool:
    """Whether a file name looks like JSON lines, possibly compressed.

    >>> is_line_file("2016/02/27/10/31.json.bz2"), is_line_file("notes.md")
    (True, False)
    """
    return _strip_compression(name.lower()).endswith(LINE_SUFFIXES)


def is_tar(name: str) -> bool:
    return name.lower().endswith(TAR_SUFFIXES)


def list_units(paths: Iterable[str | Path]) -> list[Unit]:
    """Expand files, folders and tars into units, in a stable (sorted) order."""
    units: list[Unit] = []
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise FileNotFoundError(f"{path}: no such file or folder")
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if is_tar(file.name):
                try:
                    with tarfile.open(file) as tar:
                        members = sorted((m for m in tar.getmembers()
                                          if m.isfile() and is_line_file(m.name)),
                                         key=lambda m: m.name)
                except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
                    units.append(Unit(str(file), None, _size(file),
                                      error=f"unreadable tar archive ({exc})"))
                    continue
                units += [Unit(str(file), m.name, m.size) for m in members]
            elif is_line_file(file.name) or not path.is_dir():
                units.append(Unit(str(file), None, _size(file)))
    return units


def _size(file: Path) -> int:
    try:
        return file.stat().st_size
    except OSError:  # a dangling symlink or a file removed while listing
        return 0


def _new_decompressor(name: str):
    low = name.lower()
    if low.endswith(".bz2"):
        return bz2.BZ2Decompressor()
    if low.endswith(".gz"):
        return zlib.decompressobj(wbits=31)
    return None


def _decompress(name: str, raw, size: int) -> Iterator[tuple[bytes, int]]:
    """Decompress block by block, so a truncated file still yields every complete block.

    (``bz2.BZ2File.read`` would drop the data of the read call that hits the cut.)
    Concatenated streams (pbzip2, ``cat a.gz b.gz``) are followed.
    """
    decompressor = _new_decompressor(name)
    consumed = 0
    if decompressor is None:
        while data := raw.read(size):
            consumed += len(data)
            yield data, consumed
        return
    fed = False
    while data := raw.read(1 << 19):
        consumed += len(data)
        while data:
            if getattr(decompressor, "eof", False):
                decompressor = _new_decompressor(name)
            out = decompressor.decompress(data)
            fed = True
            data = decompressor.unused_data if decompressor.eof else b""
            if out:
                yield out, consumed
    if fed and not decompressor.eof:
        raise EOFError("compressed file ended before the end-of-stream marker was reached")


def read_chunks(unit: Unit, size: int = CHUNK) -> Iterator[tuple[bytes, int]]:
    """Decompressed chunks of ``unit`` and the compressed bytes consumed so far.

    A truncated or corrupt compressed stream raises one of :data:`READ_ERRORS` after
    the good chunks were yielded; the caller records it.
    """
    if unit.member is None:
        with open(unit.path, "rb") as fh:
            yield from _decompress(unit.path, fh, size)
    else:
        with tarfile.open(unit.path) as tar:
            yield from _decompress(unit.member, tar.extractfile(unit.member), size)


def iter_lines(unit: Unit, size: int = CHUNK) -> Iterator[tuple[int, bytes]]:
    """``(line_number, raw_line)`` of a unit, 1-based, without the newline."""
    rest, number = b"", 0
    for chunk, _ in read_chunks(unit, size):
        data = rest + chunk
        *lines, rest = data.split(b"\n")
        for line in lines:
            number += 1
            yield number, line
    if rest:
        yield number + 1, rest
