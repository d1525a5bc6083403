"""``make report``: run every notebook in order, then index the figures they wrote.

The index (``figures/index.html`` and ``figures/README.md``) is built from the
``NAME.json`` files that :func:`analysis.plots.save_figure` writes beside each figure,
so it always lists exactly the figures of the last run, with caption, notebook,
function, sources and links to the CSV and SVG.
"""

from __future__ import annotations

import html
import json
import sys
import time
from pathlib import Path

from analysis import notebooks, paths
from analysis.io import atomic_write


def run_all(parameters: dict | None = None, only: list[str] | None = None,
            log=print) -> list[tuple[str, float]]:
    """Execute the notebooks in run order; return (name, seconds) for each."""
    timings = []
    for py in notebooks.list_notebooks():
        if only and not any(py.stem.startswith(prefix) for prefix in only):
            continue
        started = time.perf_counter()
        log(f"running {py.name} …")
        notebooks.execute(py, parameters)
        timings.append((py.stem, time.perf_counter() - started))
        log(f"  done in {timings[-1][1]:.1f} s")
    return timings


def figure_records(folder: Path | None = None) -> list[dict]:
    """Metadata of every figure in ``folder``, sorted by notebook then name."""
    folder = folder or paths.figures_dir()
    records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]
    return sorted(records, key=lambda r: (r.get("notebook") or "", r["name"]))


def write_index(folder: Path | None = None) -> tuple[Path, Path]:
    """Write ``index.html`` and ``README.md`` listing every figure in ``folder``."""
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
        "<h1>opeunlike figures</h1><p>Every chart with the data behind it. "
        "Figures marked SIMULATED come from the seeded demo campaign, not real posts.</p>"
        + "".join(cards) + "</html>\n"
    )
    index = folder / "index.html"
    atomic_write(index, page)
    readme = folder / "README.md"
    atomic_write(readme, "\n".join(md) + "\n")
    return index, readme


def main(parameters: dict | None = None, only: list[str] | None = None) -> int:
    started = time.perf_counter()
    timings = run_all(parameters, only, log=lambda m: print(m, file=sys.stderr, flush=True))
    index, _ = write_index()
    total = time.perf_counter() - started
    print(f"{len(timings)} notebooks in {total:.0f} s; figures indexed in {index}", file=sys.stderr)
    return 0
