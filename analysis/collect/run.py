"""Run a scan over many units: in order, with ``jobs`` processes or on Dask; resumable.

With an output path, each finished unit is saved under ``OUT.parts/`` (posts and
rejects as Parquet, then its summary JSON last, as the commit mark). A rerun after
an interruption loads the finished units and scans the rest, then concatenates all
units in their fixed order and drops duplicate post ids keeping the first; so the
output is exactly that of an uninterrupted run. The post table and the rejects CSV
are written atomically (:func:`analysis.io.atomic_write`) and the parts are removed;
the raw rejects go to the private folder beside the output (:func:`analysis.io.rejects_path`).
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import multiprocessing as mp
import os
import shutil
import signal
import sys
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

import pandas as pd
from tqdm.auto import tqdm

from analysis import privacy, schema
from analysis.collect.matching import MatchMode, load_query
from analysis.collect.rows import CollectResult, Summary, drop_duplicates, empty_rejects
from analysis.collect.scan import ScanSettings, UnitResult, scan_unit
from analysis.collect.sources import Unit, list_units
from analysis.io import (
    atomic_write,
    read_posts,
    write_posts,
    write_rejects,
    write_table,
)

ENGINES = ("local", "dask")


# --------------------------------------------------------------------------- parts
def _part_name(unit: Unit) -> str:
    return hashlib.sha1(unit.fingerprint.encode()).hexdigest()[:20]


def _save_part(folder: Path, unit: Unit, result: UnitResult) -> None:
    name = _part_name(unit)
    write_table(result.posts, folder / f"{name}.posts.parquet")
    # parts stay inside OUT.parts (removed at the end); raw rejects are kept as written
    atomic_write(folder / f"{name}.rejects.csv", result.rejects.to_csv(index=False))
    atomic_write(folder / f"{name}.done.json", json.dumps(result.summary.to_dict()))


def _load_part(folder: Path, unit: Unit) -> UnitResult | None:
    name = _part_name(unit)
    done = folder / f"{name}.done.json"
    if not done.is_file():
        return None
    summary = Summary.from_dict(json.loads(done.read_text()))
    posts = read_posts(folder / f"{name}.posts.parquet")
    rejects = pd.read_csv(folder / f"{name}.rejects.csv", dtype=str, keep_default_na=False)
    return UnitResult(posts, rejects, summary)


def _prepare_parts(out: Path, settings: ScanSettings) -> Path:
    folder = out.with_name(out.name + ".parts")
    stamp = folder / "settings.json"
    if folder.is_dir() and (not stamp.is_file() or stamp.read_text() != settings.key()):
        shutil.rmtree(folder)  # parts of another query or format: not ours to resume
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write(stamp, settings.key())
    return folder


# --------------------------------------------------------------------------- workers
def exit_with_parent(parent_pid: int) -> None:
    """Make this worker process die with the process that started it.

    A killed parent (SIGKILL, OOM killer) runs no cleanup, so without this the pool
    workers would live on, holding files and memory. On Linux the kernel sends the
    worker SIGKILL when its parent dies (``prctl(PR_SET_PDEATHSIG)``); elsewhere a
    daemon thread polls the parent id once a second.
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent_pid:  # the parent died before prctl took effect
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="exit-with-parent").start()


_PR_SET_PDEATHSIG = 1


def _work(unit: Unit, settings: ScanSettings, parts: str | None) -> tuple[Unit, Any]:
    """Worker entry point (process pool or Dask): scan, then save or return the result."""
    result = scan_unit(unit, settings)
    if parts is None:
        return unit, result
    _save_part(Path(parts), unit, result)
    return unit, None


def _run_units(todo: list[Unit], settings: ScanSettings, parts: Path | None, jobs: int,
               engine: str, scheduler: Any, bar) -> dict[Unit, UnitResult]:
    results: dict[Unit, UnitResult] = {}

    def finished(unit: Unit, value: UnitResult | None) -> None:
        results[unit] = value if value is not None else _load_part(parts, unit)

    if engine == "dask":
        from dask.distributed import Client, LocalCluster
        from dask.distributed import as_completed as dask_completed

        cluster = None
        if scheduler is None:
            cluster = LocalCluster(n_workers=max(jobs, 1), threads_per_worker=1)
            scheduler = cluster
        client = Client(scheduler)
        try:
            futures = client.map(_work, todo, settings=settings,
                                 parts=str(parts) if parts else None, pure=False)
            for future in dask_completed(futures):
                unit, value = future.result()
                finished(unit, value)
                bar.update(unit.size)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    elif jobs > 1:
        context = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
        with ProcessPoolExecutor(jobs, mp_context=context, initializer=exit_with_parent,
                                 initargs=(os.getpid(),)) as pool:
            futures = [pool.submit(_work, u, settings, str(parts) if parts else None) for u in todo]
            for future in as_completed(futures):
                unit, value = future.result()
                finished(unit, value)
                bar.update(unit.size)
    else:
        for unit in todo:
            result = scan_unit(unit, settings, progress=bar.update)
            if parts is not None:
                _save_part(parts, unit, result)
            results[unit] = result
    return results


# --------------------------------------------------------------------------- public
def collect_lines(
    paths: Iterable[str | Path],
    *,
    fmt: str = "stream-grab",
    query: Any = "opeunlike",
    match: MatchMode = "both",
    jobs: int = 1,
    engine: str = "local",
    scheduler: Any = None,
    out: str | Path | None = None,
    keep_handles: bool = False,
    prefilter: bool = True,
    progress: bool = False,
) -> CollectResult:
    """Collect posts from JSON-lines sources of format ``fmt`` into the canonical table.

    ``query`` is a preset name, a YAML path, a :class:`~analysis.collect.matching.Query`
    or ``None``/``"all"`` to keep every post. With ``out`` the table and the rejects
    CSV are written (atomically) and an interrupted run resumes.
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, got {engine!r}")
    paths = list(paths)
    settings = ScanSettings(fmt=fmt, query=load_query(query), match=match, prefilter=prefilter,
                            keep_handles=keep_handles,
                            pseudonym_key=privacy.key_for_inputs(paths))
    units = list_units(paths)
    parts = _prepare_parts(Path(out), settings) if out is not None else None
    results: dict[Unit, UnitResult] = {}
    todo = []
    for unit in units:
        loaded = _load_part(parts, unit) if parts is not None else None
        if loaded is not None:
            loaded.summary.resumed_units = 1
            results[unit] = loaded
        else:
            todo.append(unit)
    total = sum(u.size for u in todo)
    with tqdm(total=total, unit="B", unit_scale=True, disable=not progress,
              desc=f"collect {fmt}") as bar:
        results.update(_run_units(todo, settings, parts, jobs, engine, scheduler, bar))

    summary = Summary(files=len({u.path for u in units}))
    post_tables, reject_tables = [], []
    for unit in units:  # fixed order: the output does not depend on completion order
        result = results[unit]
        summary.add(result.summary)
        post_tables.append(result.posts)
        reject_tables.append(result.rejects)
    posts = _concat_posts(post_tables)
    posts, conflicts, summary.duplicates = drop_duplicates(posts, ["post_id"], ["text"])
    if len(conflicts):
        summary.reject("conflicting duplicate", len(conflicts))
        reject_tables.append(conflicts)
    summary.reposts = int(posts["is_repost"].sum()) if len(posts) else 0
    summary.written = len(posts)
    rejects = pd.concat([empty_rejects(), *reject_tables], ignore_index=True)
    if out is not None:
        write_posts(posts, out)
        write_rejects(rejects, out)
        shutil.rmtree(parts, ignore_errors=True)
    return CollectResult(posts, rejects, summary)


def _concat_posts(tables: list[pd.DataFrame]) -> pd.DataFrame:
    tables = [t for t in tables if len(t)]
    if not tables:
        return schema.empty_posts()
    return pd.concat(tables, ignore_index=True)


def collect_archive(paths: Iterable[str | Path] | str | Path, query: Any = "opeunlike",
                    match: MatchMode = "both", jobs: int = 1, **kwargs: Any) -> CollectResult:
    """Collect matching posts from Stream Grab v1.1 archives (files, folders, ``.tar``).

    Examples
    --------
    >>> from analysis import paths
    >>> result = collect_archive(paths.SAMPLE)
    >>> bool(result.posts["post_id"].str.startswith("twitter:").all())
    True
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    return collect_lines(paths, fmt="stream-grab", query=query, match=match, jobs=jobs, **kwargs)
