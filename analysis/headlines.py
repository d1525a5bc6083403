"""Figure headlines written from the test results, never from a template that claims more.

Every ``headline_*`` function takes the numbers a figure was drawn from and the tests
run on them, and says only what those tests support:

* a lag ("unlikes followed negative posts by 40 minutes") is named only for pages whose
  cross-correlation passed the correction used, and it is that page's own lag;
* durations come from the span the data cover, not from a window constant;
* when pages disagree, the headline says which ones showed what;
* with nothing significant, the headline is a neutral description: what was
  measured, where, when and at what bin, and that no lag passed.

The ``tables`` these functions read are the per-page outputs of
:func:`analysis.correlate.cross_correlation` (columns ``lag``, ``ccf``,
``significant``); ``names`` maps page ids to display names.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

LOCAL_TZ = "Africa/Casablanca"


# --------------------------------------------------------------------------- small texts
def duration_text(span: pd.Timedelta) -> str:
    """A span in the largest unit that reads naturally.

    >>> duration_text(pd.Timedelta("8h")), duration_text(pd.Timedelta("4D")), duration_text(pd.Timedelta("90min"))
    ('8 hours', '4 days', '1 h 30 min')
    """
    minutes = int(round(span / pd.Timedelta(minutes=1)))
    if minutes >= 2 * 1440 and minutes % 1440 < 60:
        return f"{minutes // 1440} days"
    if minutes >= 1440:
        days, hours = divmod(round(minutes / 60), 24)
        return f"{days} day{'s' * (days != 1)} {hours} h" if hours else f"{days} day{'s' * (days != 1)}"
    if minutes >= 60:
        hours, rest = divmod(minutes, 60)
        return f"{hours} h {rest} min" if rest else f"{hours} hour{'s' * (hours != 1)}"
    return f"{minutes} minute{'s' * (minutes != 1)}"


def bin_text(bin: str | pd.Timedelta) -> str:
    """``10min`` -> ``10-minute``, ``1h`` -> ``1-hour``, ``1D`` -> ``1-day`` (an adjective).

    >>> bin_text("10min"), bin_text("1h"), bin_text("2D")
    ('10-minute', '1-hour', '2-day')
    """
    minutes = int(pd.Timedelta(bin) / pd.Timedelta(minutes=1))
    if minutes % 1440 == 0:
        return f"{minutes // 1440}-day"
    if minutes % 60 == 0:
        return f"{minutes // 60}-hour"
    return f"{minutes}-minute"


def dates_text(start: pd.Timestamp, end: pd.Timestamp) -> str:
    """The local dates a UTC span covers: ``28 Feb 2016`` or ``26 Feb – 2 Mar 2016``.

    ``end`` is exclusive (the end of the last bin).

    >>> dates_text(pd.Timestamp("2016-02-28 08:00", tz="UTC"), pd.Timestamp("2016-02-28 16:00", tz="UTC"))
    '28 Feb 2016'
    >>> dates_text(pd.Timestamp("2016-02-26 12:00", tz="UTC"), pd.Timestamp("2016-03-02", tz="UTC"))
    '26 Feb – 1 Mar 2016'
    """
    a = start.tz_convert(LOCAL_TZ)
    b = (end - pd.Timedelta(seconds=1)).tz_convert(LOCAL_TZ)
    if a.date() == b.date():
        return f"{a.day} {a:%b %Y}"
    if a.year == b.year:
        return f"{a.day} {a:%b} – {b.day} {b:%b %Y}"
    return f"{a.day} {a:%b %Y} – {b.day} {b:%b %Y}"


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _pages_text(n: int) -> str:
    return f"{n} page{'s' * (n != 1)}"


# --------------------------------------------------------------------------- lags
def page_lags(tables: dict[str, pd.DataFrame], step: pd.Timedelta) -> dict[str, dict | None]:
    """Per page: the strongest significant lag at or after 0 (minutes, sign), or None.

    Only lags >= 0 count: negative lags mean likes moved *before* the posts, which is
    not what "unlikes followed negative posts" claims.
    """
    out = {}
    for page, table in tables.items():
        if table is None or not len(table):
            out[page] = None
            continue
        sig = table[table["significant"].fillna(False).astype(bool) & (table["lag"] >= 0)]
        if not len(sig):
            out[page] = None
            continue
        top = sig.loc[sig["ccf"].abs().idxmax()]
        out[page] = {"minutes": float(top["lag"] * step / pd.Timedelta(minutes=1)),
                     "sign": int(np.sign(top["ccf"])), "ccf": float(top["ccf"])}
    return out


def headline_lag(tables: dict[str, pd.DataFrame], step: pd.Timedelta, names: dict[str, str],
                 span: tuple[pd.Timestamp, pd.Timestamp], correction: str = "Holm",
                 alpha: float = 0.05) -> str:
    """The lag figure's headline: each page's own significant lag, or a neutral line.

    ``span`` is the (start, end) of the bins the test used.
    """
    found = page_lags(tables, step)
    n = len(tables)
    label = lambda p: names.get(p, p)  # noqa: E731
    where = f"{dates_text(*span)}, {bin_text(step)} bins"
    hits = {p: f for p, f in found.items() if f is not None}
    if not hits:
        return (f"Likes lost and negative posts on {_pages_text(n)}, {where}: "
                f"no lag significant at {alpha:.0%} ({correction})").replace("%", " %")
    followed = {p: f for p, f in hits.items() if f["sign"] > 0}
    eased = {p: f for p, f in hits.items() if f["sign"] < 0}
    parts = []
    if followed:
        lags = {round(f["minutes"]) for f in followed.values()}
        if len(followed) == n and len(lags) == 1:
            parts.append(f"Unlikes followed negative posts by {lags.pop()} minutes on all {_pages_text(n)}")
        elif len(followed) == 1:
            (page, f), = followed.items()
            parts.append(f"Unlikes followed negative posts by {f['minutes']:.0f} minutes on {label(page)}")
        else:
            each = _join([f"{label(p)} ({f['minutes']:.0f} min)" for p, f in followed.items()])
            parts.append(f"Unlikes followed negative posts on {each}")
    if eased:
        each = _join([f"{label(p)} ({f['minutes']:.0f} min)" for p, f in eased.items()])
        parts.append(f"{'fewer' if parts else 'Fewer'} unlikes came after negative posts on {each}")
    quiet = [label(p) for p in tables if p not in hits]
    if quiet:
        parts.append(f"no significant lag on {_join(quiet)}")
    return "; ".join(parts) + f" ({where}, {correction} at {alpha:.0%})".replace("%", " %")


# --------------------------------------------------------------------------- campaign
def headline_campaign(loss: pd.DataFrame, tables: dict[str, pd.DataFrame] | None,
                      step: pd.Timedelta, names: dict[str, str], correction: str = "Holm") -> str:
    """The volume-and-likes headline: the biggest measured loss over the span observed.

    ``loss`` is the long table of :func:`analysis.likes.loss_rate` (``bin_start``,
    ``page``, ``lost``); bins inside tracker gaps are NaN and count as unknown, so the
    loss is "at least". "tracking the negative posts" is said only of pages whose lag
    test (``tables``) passed; ``tables=None`` means the test was not run.
    """
    observed = loss.dropna(subset=["lost"]) if len(loss) else loss
    if not len(observed):
        return "No like counts were observed in this window"
    lost = observed.groupby("page")["lost"].sum()
    top = lost.idxmax()
    mine = observed[observed["page"] == top]["bin_start"]
    span = (mine.max() + step) - mine.min()
    dates = dates_text(mine.min(), mine.max() + step)
    verb = "lost" if lost[top] > 0 else "gained"
    head = (f"{names.get(top, top)} {verb} at least {abs(lost[top]):,.0f} likes "
            f"in {duration_text(span)} ({dates})")
    if tables is None:
        return head + "; lag not tested"
    found = page_lags(tables, step)
    tracked = [p for p, f in found.items() if f is not None and f["sign"] > 0]
    if top in tracked:
        head += f", the losses tracking negative posts {found[top]['minutes']:.0f} minutes later"
        others = [names.get(p, p) for p in tracked if p != top]
        if others:
            head += f" (also on {_join(others)})"
        elif len(tables) > 1:
            head += " (on no other page)"
    elif tracked:
        head += (f"; losses tracked negative posts on {_join([names.get(p, p) for p in tracked])} "
                 f"only ({correction})")
    else:
        head += f"; no page's losses tracked negative posts ({correction})"
    return head


# --------------------------------------------------------------------------- events
METRIC_WORDS = {"posts": "posting volume", "negative_share": "the negative share",
                "likes_lost": "like losses"}


def headline_event_study(study: pd.DataFrame, metric: str = "posts", correction: str = "fdr_bh") -> str:
    """How many event days moved ``metric`` beyond placebo days, after the correction."""
    what = METRIC_WORDS.get(metric, metric)
    part = study[study["metric"] == metric] if len(study) else study
    tested = part[part["p_adjusted"].notna()] if len(part) else part
    if not len(tested):
        return f"No event day could be tested for {what}"
    n_sig = int(tested["significant"].fillna(False).astype(bool).sum())
    n = len(tested)
    label = {"fdr_bh": "Benjamini-Hochberg", "holm": "Holm"}.get(correction, correction)
    if n_sig == 0:
        return f"None of {n} event days moved {what} beyond ordinary days ({label})"
    days = tested[tested["significant"].fillna(False).astype(bool)]
    up = int((days["abnormal"] > 0).sum())
    down = n_sig - up
    direction = ("up" if down == 0 else "down" if up == 0 else f"{up} up, {down} down")
    return f"{n_sig} of {n} event days moved {what} beyond ordinary days ({direction}; {label})"


# --------------------------------------------------------------------------- counter
def headline_counter(counter: pd.DataFrame, label: str, notes: dict[str, str]) -> str:
    """The days counter's headline: the count from the first start listed, others after.

    >>> c = pd.DataFrame({"date": ["2016-01-05"], "confirmed": [304], "earliest": [309]})
    >>> headline_counter(c, "days under the VoIP block", {"earliest": "from 31 Dec 2015"})
    '304 days under the VoIP block; 309 from 31 Dec 2015'
    """
    columns = [c for c in counter.columns if c != "date"]
    if not columns or not len(counter):
        return f"No {label} to count"
    first, rest = columns[0], columns[1:]
    head = f"{int(counter[first].iloc[-1])} {label}"
    # one alternative count at most: a headline, not a table
    extra = [f"{int(counter[c].iloc[-1])} {notes.get(c, c)}" for c in rest
             if int(counter[c].iloc[-1]) != int(counter[first].iloc[-1])][:1]
    return head + ("; " + "; ".join(extra) if extra else "")


def headline_skipped(what: str, reason: str) -> str:
    """The title of a "not enough data" panel.

    >>> headline_skipped("Lag analysis", "needs at least 48 bins with posts and likes, you have 32")
    'Lag analysis not run: needs at least 48 bins with posts and likes, you have 32'
    """
    return f"{what} not run: {reason}"
