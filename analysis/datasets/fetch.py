"""Download the public corpora, verify their checksums, and normalise them.

``fetch()`` writes the raw upstream files to ``data/external/raw/<corpus>/`` (kept as
they came) and the normalised ``train.tsv`` / ``dev.tsv`` to
``data/external/corpora/<corpus>/``, which :func:`analysis.paths.corpora_dir` finds.

Checksums: a file whose registry sha256 is known must match it. A file whose
sha256 is unknown (all of them today, see :mod:`analysis.datasets.registry`) is
refused unless ``trust_on_first_use=True``: then the checksum seen is recorded in
``data/external/corpora.lock.json`` and every later fetch must match it.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import requests
from tqdm.auto import tqdm

from analysis import paths
from analysis.io import atomic_write
from analysis.datasets.registry import RAW_HOST, REGISTRY, Corpus, get_corpus

LOCK_NAME = "corpora.lock.json"


class ChecksumError(RuntimeError):
    """A downloaded file does not match its expected sha256, or none is known."""


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_lock(lock_path: Path) -> dict[str, str]:
    if not lock_path.is_file():
        return {}
    return json.loads(lock_path.read_text(encoding="utf-8"))


def _write_lock(lock_path: Path, lock: dict[str, str]) -> None:
    atomic_write(lock_path, json.dumps(lock, indent=2, sort_keys=True) + "\n")


def verify(data: bytes, url: str, expected: str | None, *, trust_on_first_use: bool) -> str:
    """Check ``data`` against ``expected``; return its sha256 or raise :class:`ChecksumError`.

    Examples
    --------
    >>> verify(b"abc", "u", None, trust_on_first_use=True)[:12]
    'ba7816bf8f01'
    >>> verify(b"abc", "u", "0" * 64, trust_on_first_use=True)
    Traceback (most recent call last):
    ...
    analysis.datasets.fetch.ChecksumError: checksum mismatch for u: expected 000000000000…, got ba7816bf8f01… (the upstream file changed or the download is corrupt; nothing was written)
    """
    actual = _sha256(data)
    if expected is None:
        if not trust_on_first_use:
            raise ChecksumError(
                f"no known sha256 for {url}: refusing to use it unverified. Re-run with "
                f"--trust-on-first-use to record the checksum seen now into {LOCK_NAME}")
        return actual
    if actual != expected:
        raise ChecksumError(
            f"checksum mismatch for {url}: expected {expected[:12]}…, got {actual[:12]}… "
            "(the upstream file changed or the download is corrupt; nothing was written)")
    return actual


def _download(url: str, timeout: float) -> bytes:
    response = requests.get(url, timeout=timeout)
    if response.status_code != 200:
        raise ChecksumError(f"download failed for {url}: HTTP {response.status_code}")
    return response.content


def write_tsv(rows, path: Path) -> None:
    """Write rows in the shared schema with standard CSV quoting (atomic)."""
    atomic_write(path, lambda tmp: rows.to_csv(tmp, sep="\t", index=False,
                                              quoting=csv.QUOTE_MINIMAL, lineterminator="\n"))


def fetch_corpus(corpus: Corpus, dest: Path, *, host: str = RAW_HOST,
                 trust_on_first_use: bool = False, timeout: float = 60.0,
                 lock_path: Path | None = None) -> dict[str, int]:
    """Fetch, verify and normalise one corpus; return rows written per split."""
    lock_path = lock_path or dest / LOCK_NAME
    lock = _read_lock(lock_path)
    raw: dict[str, bytes] = {}
    for role, upstream in corpus.files.items():
        canonical = corpus.url(role)  # lock keys never depend on the mirror used
        url = corpus.url(role, host)
        data = _download(url, timeout)
        expected = upstream.sha256 or lock.get(canonical)
        lock[canonical] = verify(data, url, expected, trust_on_first_use=trust_on_first_use)
        raw[role] = data
    # Everything verified: only now is anything written.
    raw_dir = dest / "raw" / corpus.id
    raw_dir.mkdir(parents=True, exist_ok=True)
    for role, data in raw.items():
        (raw_dir / Path(corpus.files[role].path).name).write_bytes(data)
    rows = corpus.normalise(raw)
    counts = {}
    for split, part in rows.groupby("split"):
        write_tsv(part, dest / "corpora" / corpus.id / f"{split}.tsv")
        counts[str(split)] = len(part)
    _write_lock(lock_path, lock)
    return counts


def fetch(corpora: list[str] | None = None, dest: str | Path | None = None, *,
          host: str = RAW_HOST, trust_on_first_use: bool = False,
          timeout: float = 60.0) -> dict[str, dict[str, int]]:
    """Fetch every registered corpus (or those named) into ``dest`` (``data/external``).

    Returns ``{corpus: {split: rows}}``. Raises :class:`ChecksumError` on a mismatch
    or an unknown checksum without ``trust_on_first_use``.
    """
    dest = Path(dest) if dest else paths.EXTERNAL
    chosen = [get_corpus(c) for c in (corpora or sorted(REGISTRY))]
    results = {}
    for corpus in tqdm(chosen, desc="corpora", unit="corpus"):
        results[corpus.id] = fetch_corpus(corpus, dest, host=host,
                                          trust_on_first_use=trust_on_first_use,
                                          timeout=timeout)
    return results
