"""``make report``: check the inputs, run every notebook in order, then index the figures.

:func:`main` runs :func:`analysis.preflight.preflight` first (seconds), prints its plan,
then executes the notebooks the plan needs. The demo report goes to ``figures/``; a run
on your own data, or on another campaign, goes to ``figures/<campaign>-<run-name>/`` with
its own ``index.html``, so it never mixes with the demo.

The index (``index.html``, and ``README.md`` for the demo only) is built from the
``NAME.json`` files that :func:`analysis.plots.save_figure` writes beside each figure,
so it always lists exactly the figures of the last run, with caption, notebook,
function, sources and links to the CSV and SVG. It opens with a data panel: what was
read, matched, rejected (with links to the rejects files) and which models labelled it,
and lists every analysis that was skipped with its reason.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import sys
import time
from pathlib import Path

from analysis import notebooks, paths
from analysis.io import atomic_write, write_csv


def run_all(parameters: dict | None = None, only: list[str] | None = None,
            log=print, skip: dict[str, str] | None = None, output_dir: Path | None = None,
            failures: list | None = None) -> list[tuple[str, float]]:
    """Execute the notebooks in run order; return (name, seconds) for each.

    ``skip`` maps notebook numbers ("02") to the reason they are not run. With a
    ``failures`` list, a failing notebook is recorded there (name, one-line error,
    executed copy) and the others still run; without it the error propagates.
    """
    timings = []
    for py in notebooks.list_notebooks():
        if only and not any(py.stem.startswith(prefix) for prefix in only):
            continue
        number = py.stem[:2]
        if skip and number in skip:
            log(f"skipping {py.name}: {skip[number]}")
            continue
        started = time.perf_counter()
        log(f"running {py.name} …")
        try:
            notebooks.execute(py, parameters, output_dir=output_dir)
        except Exception as exc:  # noqa: BLE001 - reported in one line, the run goes on
            if failures is None:
                raise
            failures.append((py.stem, _one_line(exc), (output_dir or paths.ROOT / "build" / "notebooks")
                             / f"{py.stem}.ipynb"))
            log(f"  FAILED: {failures[-1][1]} (executed copy: {failures[-1][2]})")
            continue
        timings.append((py.stem, time.perf_counter() - started))
        log(f"  done in {timings[-1][1]:.1f} s")
    return timings


def _one_line(exc: Exception) -> str:
    """The cell's exception name and message, without the traceback papermill attaches."""
    name = getattr(exc, "ename", type(exc).__name__)
    value = getattr(exc, "evalue", str(exc))
    return f"{name}: {str(value).splitlines()[0] if str(value) else ''}"


def figure_records(folder: Path | None = None) -> list[dict]:
    """Metadata of every figure in ``folder``, sorted by notebook then name."""
    folder = folder or paths.figures_dir()
    records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]
    records = [r for r in records if isinstance(r, dict) and "name" in r and "files" in r]  # not run.json
    return sorted(records, key=lambda r: (r.get("notebook") or "", r["name"]))


def _panel_html(run: dict) -> str:
    """The data panel that opens a report: inputs, counts, rejects, ranges, models, skips."""
    p = run.get("panel", {})
    esc = html.escape

    def link(path):
        return f' (<a href="{esc(path)}">rejects</a>)' if path else ""

    rows = [
        ("Campaign", f"{esc(run.get('campaign', ''))} (<code>{esc(run.get('campaign_file', ''))}</code>)"),
        ("Posts", f"<code>{esc(run.get('posts', ''))}</code>: {p.get('posts_read', 0):,} lines read, "
                  f"{p.get('posts_matched', 0):,} matched, {p.get('posts_rejected', 0):,} rejected"
                  f"{link(p.get('posts_rejects_link'))}, {p.get('posts_duplicates', 0):,} duplicates, "
                  f"{p.get('posts_kept', 0):,} kept"),
        ("Posts time range", esc(" – ".join(p["posts_range"]) if p.get("posts_range") else "no posts")),
        ("Like snapshots", f"<code>{esc(run.get('likes', ''))}</code>: {p.get('likes_read', 0):,} read, "
                           f"{p.get('likes_rejected', 0):,} rejected{link(p.get('likes_rejects_link'))}, "
                           f"{p.get('likes_kept', 0):,} kept"),
        ("Likes time range", esc(" – ".join(p["likes_range"]) if p.get("likes_range") else "no snapshots")),
        ("Window and bin", esc(f"{' – '.join(run.get('window', []))}; {run.get('bin', '')} bins")),
        ("Models", esc(p.get("models", ""))),
    ]
    body = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    skipped = [s for s in run.get("steps", []) if not s["ok"]]
    skipped_html = ""
    if skipped:
        items = "".join(f"<li>notebook {esc(s['notebook'])}, {esc(s['what'])}: {esc(s['reason'])}</li>"
                        for s in skipped)
        skipped_html = f"<h3>Not computed</h3><ul>{items}</ul>"
    failed = run.get("failed") or []
    if failed:
        skipped_html += "<h3>Failed</h3><ul>" + "".join(
            f"<li>{esc(name)}: {esc(message)}</li>" for name, message in failed) + "</ul>"
    sim = '<p class="simnote">SIMULATED inputs: not real observations.</p>' if run.get("simulated") else ""
    return f'<section id="data"><h2>Data</h2>{sim}<dl>{body}</dl>{skipped_html}</section>'


def write_index(folder: Path | None = None, run: dict | None = None,
                readme: bool = True) -> tuple[Path, Path | None]:
    """Write ``index.html`` (and ``README.md`` when ``readme``) listing every figure in ``folder``.

    ``run`` is the report's plan (:meth:`analysis.preflight.Plan.to_dict`); when given,
    the index opens with the data panel and the list of analyses not computed.
    """
    folder = folder or paths.figures_dir()
    records = figure_records(folder)
    md = ["# Figures", "",
          "Made by `make report`. Each figure comes with the CSV of exactly the data drawn "
          "and an SVG for print. Regenerate with `make report`.", "",
          "| figure | what it shows | notebook | function | source | files |",
          "| --- | --- | --- | --- | --- | --- |"]
    cards = []
    for r in records:
        files = r["files"]
        flag = " **SIMULATED**" if r.get("simulated") else ""
        md.append(
            f"| {r['name']}{flag} | {r['caption']} | `{r.get('notebook') or ''}` | "
            f"`{r.get('made_by') or ''}` | {r['source']} | "
            f"[png]({files['png']}) · [svg]({files['svg']}) · [csv]({files['csv']}) |"
        )
        esc = {k: html.escape(str(v or "")) for k, v in r.items() if k != "files"}
        badge = '<span class="sim">SIMULATED</span> ' if r.get("simulated") else ""
        if r.get("skipped"):
            badge += '<span class="skip">not enough data</span> ' 
        cards.append(
            f'<section id="{esc["name"]}"><h2>{badge}{esc["title"] or esc["name"]}</h2>'
            f'<a href="{files["svg"]}"><img src="{files["png"]}" alt="{esc["caption"]}" width="600"></a>'
            f'<p>{esc["caption"]}</p><dl><dt>Notebook</dt><dd><code>{esc["notebook"]}</code></dd>'
            f'<dt>Function</dt><dd><code>{esc["made_by"]}</code></dd>'
            f'<dt>Data sources</dt><dd>{esc["source"]}</dd>'
            f'<dt>Files</dt><dd><a href="{files["csv"]}">CSV (data drawn)</a> · '
            f'<a href="{files["svg"]}">SVG</a> · <a href="{files["png"]}">PNG</a></dd></dl></section>'
        )
    page = (
        "<!doctype html><html lang=en><meta charset=utf-8><title>opeunlike figures</title>"
        "<style>body{font-family:sans-serif;max-width:760px;margin:2em auto;padding:0 1em;color:#222}"
        "section{border-top:1px solid #ddd;padding:1em 0}img{max-width:100%}"
        "dt{font-weight:bold;float:left;width:8em}dd{margin-left:8.5em}"
        ".sim{background:#B2182B;color:#fff;padding:0 .4em;border-radius:3px;font-size:.8em}</style>"
        ".skip{background:#777;color:#fff;padding:0 .4em;border-radius:3px;font-size:.8em}"
        ".simnote{color:#B2182B;font-weight:bold}</style>"
        "<h1>opeunlike figures</h1><p>Every chart with the data behind it. "
        "Figures marked SIMULATED come from the seeded demo campaign, not real posts.</p>"
        + (_panel_html(run) if run else "") + "".join(cards) + "</html>\n"
    )
    index = folder / "index.html"
    atomic_write(index, page)
    if not readme:
        return index, None
    readme_path = folder / "README.md"
    atomic_write(readme_path, "\n".join(md) + "\n")
    return index, readme_path


def run_folder(campaign, plan, run_name: str | None, demo: bool) -> Path:
    """``figures/`` for the default demo; ``figures/<campaign>-<run-name>/`` otherwise."""
    base = paths.figures_dir()
    if demo and campaign.name == "opeunlike-2016":
        return base
    name = run_name or ("SIMULATED" if plan.simulated and demo else
                        Path(plan.posts_path).name.split(".")[0] or "run")
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-") or "run"
    return base / f"{campaign.name}-{slug}"


def _clear_figures(folder: Path) -> None:
    """Remove the last run's figure files (each one a NAME.json with its files), so the
    index never lists stale ones. Nothing else in the folder is touched."""
    for meta in folder.glob("*.json"):
        try:
            record = json.loads(meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(record, dict) and "files" in record:
            for name in record["files"].values():
                (folder / name).unlink(missing_ok=True)
    (folder / "run.json").unlink(missing_ok=True)


def _notebook_skips(plan) -> dict[str, str]:
    """Notebooks none of whose analyses can run, with the reason."""
    by_notebook: dict[str, list] = {}
    for step in plan.steps:
        by_notebook.setdefault(step.notebook, []).append(step)
    return {nb: "; ".join(s.reason for s in steps) for nb, steps in by_notebook.items()
            if not any(s.ok for s in steps)}


def _write_rejects(plan, folder: Path) -> dict:
    """Copy the rejects beside the report, so the index can link them."""
    p = plan.panel
    out = paths.ensure(folder / "rejects")
    links = {}
    source = p.get("posts_rejects_file")
    if source and Path(source).exists() and p.get("posts_rejected"):
        shutil.copyfile(source, out / "posts.rejects.csv")
        links["posts_rejects_link"] = "rejects/posts.rejects.csv"
    rejects = p.get("likes_rejects")
    if rejects is not None and len(rejects):
        write_csv(rejects, out / "likes.rejects.csv")  # atomic, formula cells neutralised
        links["likes_rejects_link"] = "rejects/likes.rejects.csv"
    return links


def main(parameters: dict | None = None, only: list[str] | None = None, *, campaign=None,
         posts=None, likes=None, bin=None, window=None, tz=None, run_name=None) -> int:
    """Preflight, run the notebooks the plan needs, index; return the exit code.

    0 when every planned notebook ran (skipped analyses are listed, not errors); 1 when
    a notebook failed (the others still ran); preflight errors are raised as
    :class:`analysis.preflight.PreflightError` before anything runs.
    """
    from analysis import campaign as campaigns, preflight

    def log(message):
        print(message, file=sys.stderr, flush=True)

    started = time.perf_counter()
    camp = campaigns.load(campaign)
    plan = preflight.preflight(camp, posts, likes, bin, window, tz)
    log(plan.to_text())
    log(f"preflight done in {time.perf_counter() - started:.1f} s")
    demo = posts is None and likes is None
    folder = run_folder(camp, plan, run_name, demo)
    paths.ensure(folder)
    if not only:  # a full run replaces the last one: no stale figure stays in the index
        _clear_figures(folder)
    run = plan.to_dict()
    run["panel"].update(_write_rejects(plan, folder))
    run["panel"].pop("likes_rejects", None)
    params = dict(parameters or {})
    params.update(campaign=str(camp.path), bin=bin, likes_tz=tz)
    if not (demo and camp.name == campaigns.DEFAULT):
        # the default demo keeps the shipped sample posts in notebooks 02-04; any other run
        # gives every notebook the same posts and likes
        params.update(posts_path=str(plan.posts_path), likes_path=str(plan.likes_path))
    if window:
        params.update(window_start=str(window[0]), window_end=str(window[1]))
    failures: list = []
    previous = os.environ.get("OPEUNLIKE_FIGURES")
    os.environ["OPEUNLIKE_FIGURES"] = str(folder)  # the kernels inherit it: figures land here
    try:
        timings = run_all(params, only, log=log, skip=_notebook_skips(plan),
                          output_dir=paths.ROOT / "build" / "notebooks" / folder.name,
                          failures=failures)
    finally:
        if previous is None:
            os.environ.pop("OPEUNLIKE_FIGURES", None)
        else:
            os.environ["OPEUNLIKE_FIGURES"] = previous
    run["failed"] = [(name, message) for name, message, _ in failures]
    (folder / "run.json").write_text(json.dumps(run, indent=2, ensure_ascii=False, default=str) + "\n",
                                     encoding="utf-8")
    # figures/README.md is tracked and describes the demo: only the demo run rewrites it
    index, _ = write_index(folder, run, readme=folder == paths.figures_dir() and camp.name == "opeunlike-2016")
    total = time.perf_counter() - started
    log(f"{len(timings)} notebooks in {total:.0f} s; figures indexed in {index}")
    if failures:
        log(f"{len(failures)} notebook(s) failed: " + "; ".join(f"{n}: {m}" for n, m, _ in failures))
        return 1
    return 0
