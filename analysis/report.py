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

from analysis import i18n, notebooks, paths
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


def figure_records(folder: Path | None = None, lang: str | None = None) -> list[dict]:
    """Metadata of every figure in ``folder`` (of edition ``lang`` when given), sorted by
    notebook then name."""
    folder = folder or paths.figures_dir()
    records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]
    records = [r for r in records if isinstance(r, dict) and "name" in r and "files" in r]  # not run.json
    if lang is not None:
        records = [r for r in records if r.get("lang", i18n.DEFAULT) == lang]
    return sorted(records, key=lambda r: (r.get("notebook") or "", r["name"]))


def index_name(lang: str) -> str:
    """``index.html`` for the English edition, ``index.fr.html`` and ``index.ar.html``."""
    return f"index{i18n.file_suffix(lang)}.html"


def _panel_html(run: dict, lang: str = i18n.DEFAULT) -> str:
    """The data panel that opens a report: inputs, counts, rejects, ranges, models, skips.

    ``run`` is written in the edition's language (:meth:`analysis.preflight.Plan.to_dict`);
    the labels and numbers here follow ``lang`` too."""
    p = run.get("panel", {})
    esc = html.escape
    w = lambda key, **v: esc(i18n.t(f"index.{key}", lang, **v))  # noqa: E731

    def n(key):
        return i18n.number_text(p.get(key, 0), lang)

    def link(path):
        return f' (<a href="{esc(path)}">{w("rejects")}</a>)' if path else ""

    def span(key, none):
        return esc(" – ".join(p[key]) if p.get(key) else i18n.t(f"index.{none}", lang))

    # the rejects link is HTML: fill the sentence escaped, then put the link where it goes
    here = "\x00"  # a mark no catalogue text holds
    posts = w("posts_counts", read=n("posts_read"), matched=n("posts_matched"),
              rejected=n("posts_rejected"), rejects=here, duplicates=n("posts_duplicates"),
              kept=n("posts_kept")).replace(here, link(p.get("posts_rejects_link")))
    likes = w("likes_counts", read=n("likes_read"), rejected=n("likes_rejected"), rejects=here,
              kept=n("likes_kept")).replace(here, link(p.get("likes_rejects_link")))
    rows = [
        (w("campaign"), f"{esc(run.get('campaign', ''))} (<code>{esc(run.get('campaign_file', ''))}</code>)"),
        (w("posts"), f"<code>{esc(run.get('posts', ''))}</code>: {posts}"),
        (w("posts_range"), span("posts_range", "no_posts")),
        (w("likes"), f"<code>{esc(run.get('likes', ''))}</code>: {likes}"),
        (w("likes_range"), span("likes_range", "no_likes")),
        (w("window"), w("window_text", window=" – ".join(run.get("window", [])),
                        bin=run.get("bin", ""))),
        (w("models"), esc(p.get("models", ""))),
    ]
    body = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    skipped = [s for s in run.get("steps", []) if not s["ok"]]
    skipped_html = ""
    if skipped:
        items = "".join(f"<li>{w('skip_item', notebook=s['notebook'], what=s['what'], reason=s['reason'])}</li>"
                        for s in skipped)
        skipped_html = f"<h3>{w('not_computed')}</h3><ul>{items}</ul>"
    failed = run.get("failed") or []
    if failed:
        skipped_html += f"<h3>{w('failed')}</h3><ul>" + "".join(
            f"<li>{esc(name)}: {esc(message)}</li>" for name, message in failed) + "</ul>"
    sim = f'<p class="simnote">{w("simulated_inputs")}</p>' if run.get("simulated") else ""
    return f'<section id="data"><h2>{w("data")}</h2>{sim}<dl>{body}</dl>{skipped_html}</section>'


def _card(r: dict, lang: str) -> str:
    """One figure of the index: picture with alt text, links, embed snippet, licence."""
    esc = html.escape
    w = lambda key, **v: esc(i18n.t(f"index.{key}", lang, **v))  # noqa: E731
    files = r["files"]
    e = {k: esc(str(v or "")) for k, v in r.items() if k != "files"}
    badge = f'<span class="sim">{w("simulated")}</span> ' if r.get("simulated") else ""
    if r.get("skipped"):
        badge += f'<span class="skip">{w("skipped")}</span> '
    alt = e.get("alt") or e["caption"]
    links = [f'<a href="{esc(files["html"])}">{w("interactive")}</a>'] if "html" in files else []
    links += [f'<a href="{esc(files["png"])}">PNG</a>', f'<a href="{esc(files["svg"])}">SVG</a>',
              f'<a href="{esc(files["csv"])}">{w("csv_drawn")}</a>']
    if "datawrapper" in files:
        links.append(f'<a href="{esc(files["datawrapper"])}">{w("csv_datawrapper")}</a>')
    embed = ""
    if "html" in files:
        snippet = (f'<iframe src="{files["html"]}" title="{r.get("title") or r["name"]}" width="100%" '
                   'height="720" style="border:0" loading="lazy"></iframe>')
        embed = f'<dt>{w("embed")}</dt><dd><pre><code>{esc(snippet)}</code></pre></dd>'
    return (
        f'<section id="{e["name"]}"><h2>{badge}{e["title"] or e["name"]}</h2>'
        f'<a href="{esc(files.get("html", files["svg"]))}"><img src="{esc(files["png"])}" alt="{alt}"></a>'
        f'<p>{e["caption"]}</p><dl>'
        f'<dt>{w("alt")}</dt><dd class="alt">{alt}</dd>'
        f'<dt>{w("files")}</dt><dd>{" · ".join(links)}</dd>{embed}'
        f'<dt>{w("licence")}</dt><dd>{w("licence_text", source=r["source"])}</dd>'
        f'<dt>{w("notebook")}</dt><dd><code>{e["notebook"]}</code></dd>'
        f'<dt>{w("function")}</dt><dd><code>{e["made_by"]}</code></dd></dl></section>'
    )


INDEX_STYLE = (
    "body{font-family:'DejaVu Sans',Arial,sans-serif;max-width:760px;margin:2em auto;padding:0 1em;"
    "color:#222;overflow-wrap:anywhere}section{border-top:1px solid #ddd;padding:1em 0}"
    "img{max-width:100%;height:auto}dt{font-weight:bold;margin-top:.4em}dd{margin:0 0 0 1em}"
    "pre{white-space:pre-wrap;background:#f5f5f5;padding:.5em;font-size:.8em}"
    ".sim{background:#B2182B;color:#fff;padding:0 .4em;border-radius:3px;font-size:.8em}"
    ".skip{background:#777;color:#fff;padding:0 .4em;border-radius:3px;font-size:.8em}"
    ".simnote{color:#B2182B;font-weight:bold}nav a{margin-inline-end:1em}"
)


def write_index(folder: Path | None = None, run: dict | None = None,
                readme: bool = True, lang: str = i18n.DEFAULT) -> tuple[Path, Path | None]:
    """Write the index of edition ``lang`` (``index.html``, ``index.fr.html``, …) and, for
    English when ``readme``, ``README.md``, listing every figure of that edition in ``folder``.

    Each figure comes as a reuse kit: picture with alt text written from its data, the
    interactive page and an ``<iframe>`` snippet to embed it, the CSV of the data drawn
    and a Datawrapper-ready one, and the licence line with the sources. ``run`` is the
    report's plan (:meth:`analysis.preflight.Plan.to_dict`); when given, the index opens
    with the data panel and the list of analyses not computed.
    """
    folder = folder or paths.figures_dir()
    i18n.check_lang(lang)
    records = figure_records(folder, lang)
    md = ["# Figures", "",
          "Made by `make report`. Each figure comes with the CSV of exactly the data drawn, "
          "a Datawrapper-ready CSV, an interactive HTML version and an SVG for print "
          "(figures CC BY 4.0). Regenerate with `make report`; French and Arabic editions "
          "with `opeunlike report --lang fr` / `--lang ar`.", "",
          "| figure | what it shows | notebook | function | source | files |",
          "| --- | --- | --- | --- | --- | --- |"]
    for r in records:
        files = r["files"]
        flag = " **SIMULATED**" if r.get("simulated") else ""
        extra = (f" · [interactive]({files['html']}) · [Datawrapper CSV]({files['datawrapper']})"
                 if "html" in files and "datawrapper" in files else "")
        md.append(
            f"| {r['name']}{flag} | {r['caption']} | `{r.get('notebook') or ''}` | "
            f"`{r.get('made_by') or ''}` | {r['source']} | "
            f"[png]({files['png']}) · [svg]({files['svg']}) · [csv]({files['csv']}){extra} |"
        )
    editions = [other for other in i18n.LANGS if other != lang and figure_records(folder, other)]
    nav = ("<nav>" + "".join(f'<a href="{index_name(o)}" hreflang="{o}">{html.escape(i18n.t("index.edition", o))}</a>'
                             for o in editions) + "</nav>") if editions else ""
    w = lambda key, **v: html.escape(i18n.t(f"index.{key}", lang, **v))  # noqa: E731
    rtl = ' dir="rtl"' if i18n.is_rtl(lang) else ""
    page = (
        f"<!doctype html><html lang={lang}{rtl}><meta charset=utf-8>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{w('title')}</title><style>{INDEX_STYLE}</style>"
        f"<h1>{w('title')}</h1>{nav}<p>{w('intro')}</p>"
        + (_panel_html(run, lang) if run else "") + "".join(_card(r, lang) for r in records) + "</html>\n"
    )
    index = folder / index_name(lang)
    atomic_write(index, page)
    if not readme or lang != i18n.DEFAULT:
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


def _clear_figures(folder: Path, lang: str = i18n.DEFAULT) -> None:
    """Remove the last run's figure files of edition ``lang`` (each one a NAME.json with
    its files), so the index never lists stale ones. Nothing else in the folder is
    touched: other editions stay."""
    for meta in folder.glob("*.json"):
        try:
            record = json.loads(meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(record, dict) and "files" in record and record.get("lang", i18n.DEFAULT) == lang:
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
         posts=None, likes=None, bin=None, window=None, tz=None, run_name=None,
         lang: str = i18n.DEFAULT) -> int:
    """Preflight, run the notebooks the plan needs, index; return the exit code.

    ``lang`` is the edition every figure is drawn in (``en``, ``fr`` or ``ar``); its files
    carry the language in their names and get their own index.

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
    i18n.check_lang(lang)
    if not only:  # a full run replaces the last one: no stale figure stays in the index
        _clear_figures(folder, lang)
    run = plan.to_dict(lang)
    run["panel"].update(_write_rejects(plan, folder))
    run["panel"].pop("likes_rejects", None)
    params = dict(parameters or {})
    params.update(campaign=str(camp.path), bin=bin, likes_tz=tz, lang=lang)
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
    index, _ = write_index(folder, run, readme=folder == paths.figures_dir() and camp.name == "opeunlike-2016",
                           lang=lang)
    total = time.perf_counter() - started
    log(f"{len(timings)} notebooks in {total:.0f} s; figures indexed in {index}")
    if failures:
        log(f"{len(failures)} notebook(s) failed: " + "; ".join(f"{n}: {m}" for n, m, _ in failures))
        return 1
    return 0
