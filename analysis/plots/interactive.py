"""The interactive version of a figure: one self-contained HTML page per figure, offline.

Built with Plotly from the series :func:`analysis.plots.reuse.extract` reads back from
the finished matplotlib figure, so the page shows what the picture shows: hover values
on every point and bar, a zoomable time axis where there is time, the same headline,
source line and SIMULATED banner, in the figure's language (Arabic pages are
right-to-left; month names and number signs come from the same CLDR data as the PNG).

Why Plotly: its one JavaScript file ships inside the Python wheel (no download, no CDN),
hover labels and zoom work out of the box on touch screens, it draws SVG text (the
browser shapes Arabic), and its locale hook takes our own month names. All pages of a
folder share one copy, ``plotly.min.js`` beside them (MIT licence), so nothing is
requested from outside the folder.
"""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

import plotly
import plotly.graph_objects as go
from babel import dates as babel_dates
from plotly.subplots import make_subplots

from analysis import i18n
from analysis.i18n.formats import LOCALES
from analysis.io import atomic_write
from analysis.plots.page_fit import FIT_JS
from analysis.plots.reuse import Drawing, Series, category_word

#: The shared Plotly bundle, written once beside the pages that load it.
SCRIPT = "plotly.min.js"
PANEL_HEIGHT = 300
TITLE_SIZE = 12
TOP_MARGIN = 30
#: Date ticks day-first at every zoom level (Plotly's default is "Feb 26, 2016").
DATE_TICKS = [{"dtickrange": [None, 86_400_000], "value": "%H:%M<br>%-d %b %Y"},
              {"dtickrange": [86_400_000, "M1"], "value": "%-d %b<br>%Y"},
              {"dtickrange": ["M1", None], "value": "%b<br>%Y"}]


def bundle_path() -> Path:
    return Path(plotly.__file__).parent / "package_data" / SCRIPT


def ensure_script(folder: Path) -> Path:
    """Copy Plotly's bundle beside the pages once (again only when the bundle changed)."""
    target = Path(folder) / SCRIPT
    source = bundle_path()
    if not target.exists() or target.stat().st_size != source.stat().st_size:
        shutil.copyfile(source, target)
    return target


def locale_js(lang: str) -> str:
    """A Plotly locale with the edition's month and day names and number signs (none for
    English: Plotly's own)."""
    if lang == "en":
        return ""
    loc = LOCALES[lang]
    months = babel_dates.get_month_names("wide", locale=loc)
    short = babel_dates.get_month_names("abbreviated", locale=loc)
    days = babel_dates.get_day_names("wide", locale=loc)
    short_days = babel_dates.get_day_names("abbreviated", locale=loc)
    plain = i18n.plain
    week = [6, 0, 1, 2, 3, 4, 5]  # Plotly weeks start on Sunday, CLDR's on Monday (0)
    separators = _separators(lang)
    spec = {
        "moduleType": "locale", "name": lang, "dictionary": {},
        "format": {
            "months": [plain(months[i]) for i in range(1, 13)],
            "shortMonths": [plain(short[i]) for i in range(1, 13)],
            "days": [plain(days[i]) for i in week],
            "shortDays": [plain(short_days[i]) for i in week],
            "decimal": separators[0], "thousands": separators[1:],
            "date": "%d/%m/%Y",
        },
    }
    return f"Plotly.register({json.dumps(spec, ensure_ascii=False)});"


def _x_values(s: Series, dates: bool) -> list:
    if not dates:
        return s.x
    return [None if v is None else v.isoformat() for v in s.x]


def build(drawing: Drawing, lang: str = "en") -> go.Figure:
    """The Plotly figure of a drawing: one subplot per panel, hover text in ``lang``."""
    shown = [p for p in drawing.panels if p.xlabel or p.ylabel or p.title or p.x_ticks or p.y_ticks]
    # panels without axes (a text key) are left out: the page has room for words
    row_of = {r: i for i, r in enumerate(sorted({p.row for p in shown}))} or {0: 0}
    rows, cols = len(row_of), max(drawing.cols, 1)
    fig = make_subplots(rows=rows, cols=cols, vertical_spacing=0.12 / rows + 0.04)
    dates_anywhere = any(p.x_dates for p in drawing.panels)
    named: set = set()
    for s in drawing.series:
        panel = drawing.panels[s.panel]
        if panel not in shown:
            continue
        where = {"row": row_of[panel.row] + 1, "col": panel.col + 1}
        trace = _trace(s, panel, lang)
        if trace is not None:
            # one legend entry per name: a page drawn on two panels is one click to hide
            key = (trace.name, s.colour)
            trace.update(legendgroup=f"{trace.name}{s.colour}", showlegend=bool(s.label) and key not in named)
            named.add(key)
            fig.add_trace(trace, **where)
        elif s.kind == "span_x":
            x0, x1 = _x_values(s, panel.x_dates)
            fig.add_vrect(x0=x0, x1=x1, fillcolor=s.colour, opacity=s.opacity, line_width=0, layer="below", **where)
        elif s.kind == "span_y":
            fig.add_hrect(y0=s.y[0], y1=s.y[1], fillcolor=s.colour, opacity=s.opacity, line_width=0, layer="below", **where)
    for panel in shown:
        where = {"row": row_of[panel.row] + 1, "col": panel.col + 1}
        xaxis = {"title": {"text": panel.xlabel.replace("\n", "<br>")}, "automargin": True}
        yaxis = {"title": {"text": panel.ylabel.replace("\n", "<br>")}, "automargin": True,
                 "side": "right" if i18n.is_rtl(lang) else "left"}  # Arabic reads from the right
        if panel.x_dates:
            xaxis.update(type="date", hoverformat="%-d %b %Y %H:%M", tickformatstops=DATE_TICKS)
            yaxis.update(fixedrange=True)  # zoom along time; the y range follows the data
        else:
            xaxis.update(tickformat=",~f")  # grouped digits in the edition's signs, never "50k"
        if not panel.y_ticks:
            yaxis.update(tickformat=",~f")
        if panel.x_ticks:
            xaxis.update(tickmode="array", tickvals=panel.x_ticks[0], ticktext=panel.x_ticks[1])
        if panel.y_ticks:
            yaxis.update(tickmode="array", tickvals=panel.y_ticks[0], ticktext=panel.y_ticks[1])
            if panel.ylim and panel.ylim[0] > panel.ylim[1]:
                yaxis.update(autorange="reversed")  # images count rows downwards
        if panel.xlim and not panel.x_dates and panel.x_ticks is None:
            xaxis.update(range=list(panel.xlim))
        fig.update_xaxes(**xaxis, **where)
        fig.update_yaxes(**yaxis, **where)
        if panel.title:
            # drawn in bold and wrapped to the panel's width by the page (FIT_JS)
            fig.add_annotation(text=f"<b>{html.escape(panel.title)}</b>", xref="x domain", yref="y domain",
                               x=1 if i18n.is_rtl(lang) else 0, y=1.02, showarrow=False,
                               xanchor="right" if i18n.is_rtl(lang) else "left", yanchor="bottom",
                               font={"size": TITLE_SIZE}, align="center" if i18n.is_rtl(lang) else "left",
                               **where)
    # The axis side's margin is a first guess: the page measures the drawn tick labels and
    # axis title and sets it from them (FIT_JS), so long Arabic words are neither cut nor padded.
    side = {"l": 10, "r": 10}
    side["r" if i18n.is_rtl(lang) else "l"] = 80
    fig.update_layout(
        height=PANEL_HEIGHT * rows + 120, autosize=True, barmode="overlay",
        margin={**side, "t": TOP_MARGIN, "b": 10}, template="simple_white",
        # the page (FIT_JS) keeps the panels this tall whatever the titles and legend take
        meta={"rtl": i18n.is_rtl(lang), "plot_height": PANEL_HEIGHT * rows},
        font={"family": "DejaVu Sans, Arial, sans-serif", "size": 12},
        # FIT_JS moves it below the drawn axis titles and across the page
        # traceorder "normal": the entries flow in rows (grouped, Plotly stacks one group a
        # line); a click still hides a name's traces on every panel (legendgroup)
        legend={"orientation": "h", "traceorder": "normal", "yanchor": "top",
                "y": -0.08 if not dates_anywhere else -0.12,
                "xanchor": "right" if i18n.is_rtl(lang) else "left", "x": 1 if i18n.is_rtl(lang) else 0},
        hovermode="closest", separators=_separators(lang),
    )
    return fig


def _separators(lang: str) -> str:
    """Plotly's decimal sign then thousands sign, read from how CLDR writes 1234.5."""
    sample = i18n.number_text(1234.5, lang, 1)
    return sample[-2] + ("" if sample[1].isdigit() else sample[1])


def _trace(s: Series, panel, lang: str):
    name = s.label or panel.ylabel.replace("\n", " ") or ""
    show = bool(s.label)
    x = _x_values(s, panel.x_dates)
    if s.kind in ("line", "points"):
        marker = {"color": s.colour, "size": 8}
        if s.hollow:
            marker = {"color": "white", "size": 8, "line": {"color": s.colour, "width": 1.5}}
        texts = [category_word(v, panel.x_ticks) for v in s.x] if panel.x_ticks else None
        y_words = [category_word(v, panel.y_ticks) for v in s.y] if panel.y_ticks else None
        hover = ("%{text}" if y_words else "%{y}") + "<br>%{x}"
        return go.Scatter(x=x, y=s.y, mode="lines" if s.kind == "line" else "markers", name=name,
                          showlegend=show, line={"color": s.colour, "width": 2}, marker=marker,
                          text=y_words or texts, connectgaps=False,
                          hovertemplate=hover + f"<extra>{html.escape(name)}</extra>")
    if s.kind == "bar":
        if s.orientation == "h":
            words = [category_word(v, panel.y_ticks) for v in s.y]
            return go.Bar(x=s.x, y=s.y, base=s.base, width=s.width, orientation="h", name=name,
                          showlegend=show, marker={"color": s.colour}, text=words, textposition="none",
                          hovertemplate=f"%{{text}}: %{{x}}<extra>{html.escape(name)}</extra>")
        return go.Bar(x=x, y=s.y, base=s.base, width=s.width, name=name, showlegend=show,
                      offset=0 if panel.x_dates else None,
                      marker={"color": s.colour, "line": {"width": 0}},
                      hovertemplate=f"%{{x}}: %{{y}}<extra>{html.escape(name)}</extra>")
    if s.kind == "heatmap":
        cols = panel.x_ticks[1] if panel.x_ticks else None
        rows = panel.y_ticks[1] if panel.y_ticks else None
        return go.Heatmap(z=s.z, x=cols, y=rows, colorscale="Greys", showscale=False,
                          hovertemplate="%{y} → %{x}: %{z:.2f}<extra></extra>")
    return None


def page(drawing: Drawing, *, title: str, source: str, simulated: bool, lang: str = "en") -> str:
    """The HTML page: headline, banner, chart and source line, loading the shared bundle."""
    fig = build(drawing, lang)
    spec = fig.to_plotly_json()
    payload = json.dumps({"data": spec["data"], "layout": spec["layout"]},
                         cls=plotly.utils.PlotlyJSONEncoder, ensure_ascii=False)
    payload = payload.replace("</", "<\\/")  # no text can close the script element
    esc = html.escape
    rtl = i18n.is_rtl(lang)
    banner = (f'<p class="banner" id="simulated">{esc(i18n.t("figures.common.simulated_banner", lang))}'
              " · SIMULATED</p>" if simulated else "")
    headline = "<br>".join(esc(line) for line in (title or "").split("\n"))
    return (
        f'<!doctype html><html lang="{lang}" dir="{"rtl" if rtl else "ltr"}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(' '.join((title or '').split()))}</title>"
        "<style>body{margin:0;padding:8px 12px;font-family:'DejaVu Sans',Arial,sans-serif;color:#222}"
        "h1{font-size:1.15em;margin:.3em 0}.banner{color:#B2182B;font-weight:bold;margin:0}"
        ".source{color:#555;font-size:.8em;overflow-wrap:anywhere}"
        "#chart{width:100%;direction:ltr}</style></head><body>"
        f"{banner}<h1>{headline}</h1><div id=\"chart\"></div>"
        f'<p class="source">{esc(i18n.t("figures.common.source", lang, source=source))}<br>'
        f'{esc(i18n.t("reuse.licence", lang))}</p>'
        f'<script src="{SCRIPT}"></script>'
        f"<script>{locale_js(lang)}\nconst spec = {payload};\n{FIT_JS % {'size': TITLE_SIZE}}\n"
        f"Plotly.newPlot('chart', spec.data, spec.layout, {{responsive: true, displaylogo: false, "
        f"locale: '{lang}', modeBarButtonsToRemove: ['toImage']}}).then(fit);</script></body></html>\n"
    )


def write_html(drawing: Drawing, path: Path, *, title: str, source: str, simulated: bool,
               lang: str = "en") -> Path:
    """Write the page at ``path`` and the shared Plotly bundle beside it."""
    path = Path(path)
    ensure_script(path.parent)
    atomic_write(path, page(drawing, title=title, source=source, simulated=simulated, lang=lang))
    return path
