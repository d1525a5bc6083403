"""Download the public corpora, verify their checksums, and normalise them.

``fetch()`` writes the raw upstream files to ``data/external/raw/<corpus>/`` (kept as
they came) and the normalised ``train.tsv`` / ``dev.tsv`` to
``data/external/corpora/<corpus>/``, which :func:`analysis.paths.corpora_dir` finds,
with a ``PROVENANCE.json`` saying what was downloaded and what was removed.

Checksums: every registered file carries the sha256 of its bytes at the pinned
commit, and a download must match it. A file registered without one is refused
unless ``trust_on_first_use=True``: then the checksum seen is recorded in
``data/external/corpora.lock.json`` and every later fetch must match it.

Held-out texts: ``arsarcasm_v2`` re-annotates the tweets of XLM-T's Arabic test
split. The project never downloads that split (a model must not see it), so it
cannot remove them by itself: the user passes the file (``held_out=[path]``), or
explicitly accepts an unfiltered copy (``skip_held_out_filter=True``); otherwise
the fetch refuses before downloading anything. Held-out texts, when given, are
removed from every corpus fetched.
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import requests
from tqdm.auto import tqdm

from analysis import paths
from analysis.datasets.local import read_tsv
from analysis.datasets.overlap import TextIndex, read_held_out
from analysis.datasets.registry import FETCH_ORDER, RAW_HOST, REGISTRY, Corpus, get_corpus
from analysis.io import atomic_write

LOCK_NAME = "corpora.lock.json"
PROVENANCE_NAME = "PROVENANCE.json"


class FetchError(RuntimeError):
    """A fetch cannot go on; the message is one line naming the file or URL."""


class ChecksumError(FetchError):
    """A downloaded file does not match its expected sha256, or none is known."""


class HeldOutRequired(FetchError):
    """A corpus needs held-out texts removed and none were given."""


@dataclass
class FetchResult:
    """What one corpus fetch wrote and removed."""

    counts: dict[str, int]
    held_out_removed: int | None = None  # None: no held-out texts were given
    deduplicated_against: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_lock(lock_path: Path) -> dict[str, str]:
    if not lock_path.is_file():
        return {}
    return json.loads(lock_path.read_text(encoding="utf-8"))


def _write_json(path: Path, content) -> None:
    atomic_write(path, json.dumps(content, indent=2, sort_keys=True, ensure_ascii=False) + "\n")


def verify(data: bytes, url: str, expected: str | None, *, trust_on_first_use: bool) -> str:
    """Check ``data`` against ``expected``; return its sha256 or raise :class:`ChecksumError`.

    Examples
    --------
    >>> verify(b"abc", "u", None, trust_on_first_use=True)[:12]
    'ba7816bf8f01'
    >>> verify(b"abc", "u", "0" * 64, trust_on_first_use=True)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    analysis.datasets.fetch.ChecksumError: checksum mismatch for u: expected sha256 000...000, got ba7816bf...15ad; ...written...
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
            f"checksum mismatch for {url}: expected sha256 {expected}, got {actual}; nothing "
            "was written (the upstream file changed or the download is corrupt)")
    return actual


def _download(url: str, timeout: float) -> bytes:
    try:
        response = requests.get(url, timeout=timeout)
    except requests.RequestException as exc:
        raise FetchError(f"download failed for {url}: {type(exc).__name__}") from None
    if response.status_code != 200:
        raise FetchError(f"download failed for {url}: HTTP {response.status_code}")
    return response.content


def write_tsv(rows, path: Path) -> None:
    """Write rows in the shared schema with standard CSV quoting (atomic)."""
    atomic_write(path, lambda tmp: rows.to_csv(tmp, sep="\t", index=False,
                                              quoting=csv.QUOTE_MINIMAL, lineterminator="\n"))


def _combined(*indexes: TextIndex | None) -> TextIndex | None:
    present = [i for i in indexes if i is not None and len(i)]
    if not present:
        return None
    combined = TextIndex()
    for index in present:
        combined.update(index)
    return combined


def fetch_corpus(corpus: Corpus, dest: Path, *, host: str = RAW_HOST,
                 trust_on_first_use: bool = False, timeout: float = 60.0,
                 lock_path: Path | None = None, held_out: TextIndex | None = None,
                 earlier: TextIndex | None = None, provenance: dict | None = None,
                 pooled: list | None = None) -> FetchResult:
    """Fetch, verify and normalise one corpus into ``dest``.

    ``held_out``: texts to remove (any corpus). ``earlier``: rows of corpora earlier
    in :data:`~analysis.datasets.registry.FETCH_ORDER`, removed only from a corpus
    with ``dedup_against_earlier``. ``pooled``, if given, receives every text
    built, the unwritten created test part included, for the next corpora's
    ``earlier``. ``provenance`` adds fields to ``PROVENANCE.json``.
    """
    dest = Path(dest)
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
    result = FetchResult(counts={})
    earlier = earlier if corpus.dedup_against_earlier else None
    rows = corpus.build(raw, _combined(held_out, earlier))
    if held_out is not None and len(held_out):
        result.held_out_removed = len(corpus.build(raw, earlier)) - len(rows)
    # Everything verified and parsed: only now is anything written.
    raw_dir = dest / "raw" / corpus.id
    raw_dir.mkdir(parents=True, exist_ok=True)
    for role, data in raw.items():
        (raw_dir / Path(corpus.files[role].path).name).write_bytes(data)
    if pooled is not None:
        pooled.extend(rows["text"])
    written = rows[rows["split"] != "test"]  # a created test part is never written
    for split, part in written.groupby("split"):
        write_tsv(part, dest / "corpora" / corpus.id / f"{split}.tsv")
        result.counts[str(split)] = len(part)
    _write_json(lock_path, lock)
    _write_json(dest / "corpora" / corpus.id / PROVENANCE_NAME, {
        "corpus": corpus.id, "repo": corpus.repo, "commit": corpus.commit,
        "files": {corpus.url(role): lock[corpus.url(role)] for role in corpus.files},
        "licence": corpus.licence, "citation": corpus.citation, "rows": result.counts,
        "held_out_rows_removed": result.held_out_removed, "notes": corpus.notes,
        **(provenance or {}),
    })
    return result


def _held_out_index(held_out) -> tuple[TextIndex | None, list[dict]]:
    if not held_out:
        return None, []
    index, described = TextIndex(), []
    for path in held_out:
        path = Path(path)
        if not path.is_file():
            raise FetchError(f"held-out file not found: {path}")
        texts = read_held_out(path)
        index.add(texts)
        described.append({"path": str(path), "sha256": _sha256(path.read_bytes()),
                          "texts": len(texts)})
    return index, described


def _refuse_without_held_out(chosen: list[Corpus]) -> None:
    needing = [c for c in chosen if c.held_out]
    if needing:
        ids = ", ".join(c.id for c in needing)
        raise HeldOutRequired(
            f"{ids} re-annotates tweets of {needing[0].held_out}. This project never "
            "downloads that test split, so it cannot remove those rows by itself: pass --held-out FILE "
            "(that file, downloaded by you), or --skip-held-out-filter to accept a copy that "
            "overlaps it (then never score a model trained on it on that test set), or leave "
            f"{ids} out of the corpora named")


def _earlier_from_disk(corpus_id: str, dest: Path) -> list[str] | None:
    folder = dest / "corpora" / corpus_id
    files = [folder / f"{split}.tsv" for split in ("train", "dev")]
    if not all(f.is_file() for f in files):
        return None
    return [text for f in files for text in read_tsv(f)["text"]]


def fetch(corpora: list[str | Corpus] | None = None, dest: str | Path | None = None, *,
          host: str = RAW_HOST, trust_on_first_use: bool = False, timeout: float = 60.0,
          held_out: list[str | Path] | None = None,
          skip_held_out_filter: bool = False) -> dict[str, FetchResult]:
    """Fetch every registered corpus (or those named) into ``dest`` (``data/external``).

    Corpora are built in :data:`~analysis.datasets.registry.FETCH_ORDER`, so that each
    of the four Arabic tweet corpora loses the rows of the corpora before it: those
    fetched in the same run (all their parts) or, failing that, the train and dev
    files already in ``dest``. ``corpora`` may hold :class:`Corpus` objects (tests
    pass copies with their own checksums).

    Raises :class:`HeldOutRequired` before any download when a chosen corpus needs
    held-out texts and neither ``held_out`` nor ``skip_held_out_filter`` is given,
    :class:`ChecksumError` on a checksum mismatch, :class:`FetchError` otherwise.
    """
    dest = Path(dest) if dest else paths.EXTERNAL
    chosen = [c if isinstance(c, Corpus) else get_corpus(c) for c in (corpora or list(REGISTRY))]
    chosen.sort(key=lambda c: FETCH_ORDER.index(c.id))
    if not held_out and not skip_held_out_filter:
        _refuse_without_held_out(chosen)
    held_index, held_described = _held_out_index(held_out)
    chosen_ids = {c.id for c in chosen}
    last = max(FETCH_ORDER.index(c.id) for c in chosen) if chosen else -1
    earlier, earlier_ids, missing, results = TextIndex(), [], [], {}
    # disable=None: no bar when stderr is not a terminal (logs, CI); the context
    # manager ends the bar's line before an error message is printed.
    with tqdm(total=len(chosen), desc="corpora", unit="corpus", disable=None) as bar:
        for corpus_id in FETCH_ORDER[:last + 1]:
            if corpus_id not in chosen_ids:
                texts = _earlier_from_disk(corpus_id, dest)
                if texts is None:
                    missing.append(corpus_id)
                else:
                    earlier.add(texts)
                    earlier_ids.append(f"{corpus_id} (train and dev already in {dest})")
                continue
            corpus = next(c for c in chosen if c.id == corpus_id)
            provenance = {"held_out_files": held_described or None}
            if corpus.held_out:
                provenance["held_out_filter"] = (
                    "applied" if held_index is not None else
                    f"NOT APPLIED (--skip-held-out-filter): overlaps {corpus.held_out}")
            if corpus.dedup_against_earlier:
                provenance["deduplicated_against"] = list(earlier_ids)
                provenance["earlier_corpora_missing"] = list(missing)
            pooled: list[str] = []
            result = fetch_corpus(corpus, dest, host=host, trust_on_first_use=trust_on_first_use,
                                  timeout=timeout, held_out=held_index, earlier=earlier,
                                  provenance=provenance, pooled=pooled)
            if corpus.dedup_against_earlier:
                result.deduplicated_against = list(earlier_ids)
                if missing:
                    result.notes.append(
                        f"not de-duplicated against {', '.join(missing)} (neither fetched now nor "
                        f"in {dest}): fetch them together for the shared copy's rules")
            if corpus.held_out and held_index is None:
                result.notes.append(f"held-out filter NOT applied: overlaps {corpus.held_out}")
            elif corpus.held_out and result.held_out_removed == 0:
                result.notes.append("the held-out file(s) matched no row: is it the right file?")
            earlier.add(pooled)
            earlier_ids.append(corpus_id)
            results[corpus_id] = result
            bar.update()
    return results
