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
``significant``); ``names`` maps page ids to display names. Every function takes
``lang`` (``en``, ``fr``, ``ar``): the sentences come from the ``headlines`` section of
the catalogue (:mod:`analysis.i18n`), numbers and dates in the edition's format.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import i18n

LOCAL_TZ = "Africa/Casablanca"


# --------------------------------------------------------------------------- small texts
def _w(key: str, lang: str, **values) -> str:
    return i18n.t(f"headlines.{key}", lang, **values)


def _n(value: float, lang: str) -> str:
    return i18n.number_text(value, lang)


def duration_text(span: pd.Timedelta, lang: str = "en") -> str:
    """A span in the largest unit that reads naturally.

    >>> duration_text(pd.Timedelta("8h")), duration_text(pd.Timedelta("4D")), duration_text(pd.Timedelta("90min"))
    ('8 hours', '4 days', '1 h 30 min')
    >>> duration_text(pd.Timedelta("4D"), "fr")
    '4 jours'
    """
    minutes = int(round(span / pd.Timedelta(minutes=1)))
    if minutes >= 2 * 1440 and minutes % 1440 < 60:
        return _w("dur_days", lang, n=minutes // 1440)
    if minutes >= 1440:
        days, hours = divmod(round(minutes / 60), 24)
        day_text = _w("dur_day", lang) if days == 1 else _w("dur_days", lang, n=days)
        return _w("dur_days_h", lang, days=day_text, h=hours) if hours else day_text
    if minutes >= 60:
        hours, rest = divmod(minutes, 60)
        if rest:
            return _w("dur_h_min", lang, h=hours, m=rest)
        return _w("dur_hour", lang) if hours == 1 else _w("dur_hours", lang, n=hours)
    return _w("dur_minute", lang) if minutes == 1 else _w("dur_minutes", lang, n=minutes)


def bin_text(bin: str | pd.Timedelta, lang: str = "en") -> str:
    """``10min`` -> ``10-minute``, ``1h`` -> ``1-hour``, ``1D`` -> ``1-day`` (an adjective).

    >>> bin_text("10min"), bin_text("1h"), bin_text("2D"), bin_text("10min", "fr")
    ('10-minute', '1-hour', '2-day', '10 min')
    """
    minutes = int(pd.Timedelta(bin) / pd.Timedelta(minutes=1))
    if minutes % 1440 == 0:
        return _w("bin_days", lang, n=minutes // 1440)
    if minutes % 60 == 0:
        return _w("bin_hours", lang, n=minutes // 60)
    return _w("bin_minutes", lang, n=minutes)


def dates_text(start: pd.Timestamp, end: pd.Timestamp, lang: str = "en") -> str:
    """The local dates a UTC span covers: ``28 Feb 2016`` or ``26 Feb – 2 Mar 2016``.

    ``end`` is exclusive (the end of the last bin).

    >>> dates_text(pd.Timestamp("2016-02-28 08:00", tz="UTC"), pd.Timestamp("2016-02-28 16:00", tz="UTC"))
    '28 Feb 2016'
    >>> dates_text(pd.Timestamp("2016-02-26 12:00", tz="UTC"), pd.Timestamp("2016-03-02", tz="UTC"))
    '26 Feb – 1 Mar 2016'
    >>> dates_text(pd.Timestamp("2016-02-26 12:00", tz="UTC"), pd.Timestamp("2016-03-02", tz="UTC"), "fr")
    '26 févr. – 1 mars 2016'
    """
    a = start.tz_convert(LOCAL_TZ)
    b = (end - pd.Timedelta(seconds=1)).tz_convert(LOCAL_TZ)
    day = lambda d, pattern="d MMM y": i18n.date_text(d, lang, pattern)  # noqa: E731
    if a.date() == b.date():
        return day(a)
    if a.year == b.year:
        return f"{day(a, 'd MMM')} – {day(b)}"
    return f"{day(a)} – {day(b)}"


def _join(items: list[str], lang: str = "en") -> str:
    if len(items) <= 1:
        return "".join(items)
    return _w("list_sep", lang).join(items[:-1]) + _w("list_and", lang) + items[-1]


def _pages_text(n: int, lang: str = "en") -> str:
    return _w("page_one", lang) if n == 1 else _w("pages", lang, n=n)


def _alpha_text(alpha: float, lang: str) -> str:
    return i18n.percent_text(alpha, lang) if lang != "en" else f"{alpha:.0%}".replace("%", " %")


def _minutes(value: float) -> str:
    return f"{value:.0f}"


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
                 alpha: float = 0.05, lang: str = "en") -> str:
    """The lag figure's headline: each page's own significant lag, or a neutral line.

    ``span`` is the (start, end) of the bins the test used.
    """
    found = page_lags(tables, step)
    n = len(tables)
    label = lambda p: names.get(p, p)  # noqa: E731
    where = _w("where", lang, dates=dates_text(*span, lang=lang), bin=bin_text(step, lang))
    alpha_text = _alpha_text(alpha, lang)
    hits = {p: f for p, f in found.items() if f is not None}
    if not hits:
        return _w("lag_none", lang, pages=_pages_text(n, lang), where=where, alpha=alpha_text,
                  correction=correction)
    followed = {p: f for p, f in hits.items() if f["sign"] > 0}
    eased = {p: f for p, f in hits.items() if f["sign"] < 0}
    each = lambda found: _join([_w("page_minutes", lang, page=label(p), minutes=_minutes(f["minutes"]))  # noqa: E731
                                for p, f in found.items()], lang)
    parts = []
    if followed:
        lags = {round(f["minutes"]) for f in followed.values()}
        if len(followed) == n and len(lags) == 1:
            parts.append(_w("lag_all", lang, minutes=lags.pop(), pages=_pages_text(n, lang)))
        elif len(followed) == 1:
            (page, f), = followed.items()
            parts.append(_w("lag_one", lang, minutes=_minutes(f["minutes"]), page=label(page)))
        else:
            parts.append(_w("lag_some", lang, each=each(followed)))
    if eased:
        parts.append(_w("eased_more" if parts else "eased_first", lang, each=each(eased)))
    quiet = [label(p) for p in tables if p not in hits]
    if quiet:
        parts.append(_w("lag_quiet", lang, pages=_join(quiet, lang)))
    return _w("clause_sep", lang).join(parts) + _w("lag_tail", lang, where=where, correction=correction,
                                                   alpha=alpha_text)


# --------------------------------------------------------------------------- campaign
def headline_campaign(loss: pd.DataFrame, tables: dict[str, pd.DataFrame] | None,
                      step: pd.Timedelta, names: dict[str, str], correction: str = "Holm",
                      lang: str = "en") -> str:
    """The volume-and-likes headline: the biggest measured loss over the span observed.

    ``loss`` is the long table of :func:`analysis.likes.loss_rate` (``bin_start``,
    ``page``, ``lost``); bins inside tracker gaps are NaN and count as unknown, so the
    loss is "at least". "tracking the negative posts" is said only of pages whose lag
    test (``tables``) passed; ``tables=None`` means the test was not run.
    """
    observed = loss.dropna(subset=["lost"]) if len(loss) else loss
    if not len(observed):
        return _w("campaign_none", lang)
    lost = observed.groupby("page")["lost"].sum()
    top = lost.idxmax()
    mine = observed[observed["page"] == top]["bin_start"]
    span = (mine.max() + step) - mine.min()
    dates = dates_text(mine.min(), mine.max() + step, lang)
    head = _w("campaign_lost" if lost[top] > 0 else "campaign_gained", lang,
              page=names.get(top, top), n=_n(abs(lost[top]), lang),
              duration=duration_text(span, lang), dates=dates)
    if tables is None:
        return head + _w("campaign_untested", lang)
    found = page_lags(tables, step)
    tracked = [p for p, f in found.items() if f is not None and f["sign"] > 0]
    if top in tracked:
        head += _w("campaign_tracking", lang, minutes=_minutes(found[top]["minutes"]))
        others = [names.get(p, p) for p in tracked if p != top]
        if others:
            head += _w("campaign_also", lang, pages=_join(others, lang))
        elif len(tables) > 1:
            head += _w("campaign_no_other", lang)
    elif tracked:
        head += _w("campaign_tracked_only", lang, pages=_join([names.get(p, p) for p in tracked], lang),
                   correction=correction)
    else:
        head += _w("campaign_tracked_none", lang, correction=correction)
    return head


# --------------------------------------------------------------------------- events
METRIC_WORDS = {"posts": "posting volume", "negative_share": "the negative share",
                "likes_lost": "like losses"}


def headline_event_study(study: pd.DataFrame, metric: str = "posts", correction: str = "fdr_bh",
                         lang: str = "en") -> str:
    """How many event days moved ``metric`` beyond placebo days, after the correction."""
    what = _w(f"metric_{metric}", lang) if metric in METRIC_WORDS else metric
    part = study[study["metric"] == metric] if len(study) else study
    tested = part[part["p_adjusted"].notna()] if len(part) else part
    if not len(tested):
        return _w("events_none", lang, what=what)
    n_sig = int(tested["significant"].fillna(False).astype(bool).sum())
    n = len(tested)
    label = {"fdr_bh": "Benjamini-Hochberg", "holm": "Holm"}.get(correction, correction)
    if n_sig == 0:
        return _w("events_zero", lang, n=_n(n, lang), what=what, label=label)
    days = tested[tested["significant"].fillna(False).astype(bool)]
    up = int((days["abnormal"] > 0).sum())
    down = n_sig - up
    direction = (_w("up", lang) if down == 0 else _w("down", lang) if up == 0
                 else _w("up_down", lang, up=_n(up, lang), down=_n(down, lang)))
    return _w("events_some", lang, k=_n(n_sig, lang), n=_n(n, lang), what=what, direction=direction,
              label=label)


# --------------------------------------------------------------------------- counter
def headline_counter(counter: pd.DataFrame, label: str, notes: dict[str, str], lang: str = "en") -> str:
    """The days counter's headline: the count from the first start listed, others after.

    >>> c = pd.DataFrame({"date": ["2016-01-05"], "confirmed": [304], "earliest": [309]})
    >>> headline_counter(c, "days under the VoIP block", {"earliest": "from 31 Dec 2015"})
    '304 days under the VoIP block; 309 from 31 Dec 2015'
    """
    columns = [c for c in counter.columns if c != "date"]
    if not columns or not len(counter):
        return _w("counter_none", lang, label=label)
    first, rest = columns[0], columns[1:]
    head = _w("counter_head", lang, n=_n(int(counter[first].iloc[-1]), lang), label=label)
    # one alternative count at most: a headline, not a table
    extra = [_w("counter_extra", lang, n=_n(int(counter[c].iloc[-1]), lang), note=notes.get(c, c))
             for c in rest if int(counter[c].iloc[-1]) != int(counter[first].iloc[-1])][:1]
    return head + "".join(_w("clause_sep", lang) + e for e in extra)


def headline_skipped(what: str, reason: str, lang: str = "en") -> str:
    """The title of a "not enough data" panel.

    >>> headline_skipped("Lag analysis", "needs at least 48 bins with posts and likes, you have 32")
    'Lag analysis not run: needs at least 48 bins with posts and likes, you have 32'
    """
    return _w("skipped", lang, what=what, reason=reason)


# --------------------------------------------------------------------------- descriptive figures
def headline_timeline(reported: pd.Series, start, end, cap: float | None = None, lang: str = "en") -> str:
    """The timeline's headline from the block dates and the press's counts of likes lost
    (``reported``: one value per printed count; counts above ``cap`` are left out of the
    range, as the chart flags them).

    >>> headline_timeline(pd.Series([100000, 120000, 500000]), "2016-01-05", "2016-11-04", 230000)
    'Morocco blocked app calls for 304 days. The press counted 100,000 to 120,000 likes lost per operator page after #OpeUnlike (median 110,000)'
    """
    kept = reported.astype(float)
    kept = kept[kept <= cap] if cap is not None else kept
    days = (pd.Timestamp(end) - pd.Timestamp(start)).days
    return _w("timeline", lang, days=_n(days, lang), low=_n(kept.min(), lang), high=_n(kept.max(), lang),
              median=_n(kept.median(), lang))


def headline_hashtags(ranking: pd.DataFrame, seeds: list[str], min_support: int, lang: str = "en") -> str:
    """How many hashtags travel with the seeds more often than chance, and the strongest.

    >>> t = pd.DataFrame({"hashtag": ["VoIP", "IAM"], "lift_low": [2.5, 1.2]})
    >>> headline_hashtags(t, ["OpeUnlike"], 3)
    '2 hashtags travel with #OpeUnlike more often than chance; #VoIP at least 2.5 times as often'
    """
    seed_text = ", ".join("#" + s for s in seeds)
    if not len(ranking):
        return _w("hashtags_none", lang, n=min_support, seeds=seed_text)
    top = ranking.iloc[0]
    return _w("hashtags", lang, n=_n(len(ranking), lang), seeds=seed_text, top="#" + top["hashtag"],
              times=i18n.number_text(top["lift_low"], lang, 1))


def headline_languages(mix: pd.DataFrame, names: dict[str, str], lang: str = "en") -> str:
    """The language mix's headline: the largest language and its share.

    >>> m = pd.DataFrame({"label": ["fr", "ary"], "posts": [30, 70], "share": [0.3, 0.7]})
    >>> headline_languages(m, {"fr": "French", "ary": "Darija (Arabic script)"})
    'Darija (Arabic script) leads: 70% of 100 posts; French 30%'
    """
    ranked = mix.sort_values("posts", ascending=False, kind="stable")
    if not len(ranked) or ranked["posts"].sum() == 0:
        return _w("languages_none", lang)
    first, second = ranked.iloc[0], ranked.iloc[1] if len(ranked) > 1 else None
    head = _w("languages", lang, name=names[first["label"]], share=i18n.percent_text(first["share"], lang),
              n=_n(ranked["posts"].sum(), lang))
    if second is not None and second["posts"] > 0:
        head += _w("languages_next", lang, name=names[second["label"]],
                   share=i18n.percent_text(second["share"], lang))
    return head


def headline_agreement(confusion: pd.DataFrame, lang: str = "en") -> str:
    """How often the language identifier agrees with the corpus tags (long confusion table)."""
    total = confusion["posts"].sum()
    same = confusion.loc[confusion["gold"] == confusion["predicted"], "posts"].sum()
    return _w("agreement", lang, share=i18n.percent_text(same / total if total else 0, lang),
              n=_n(total, lang))


def headline_sentiment(shares: pd.DataFrame, names: dict[str, str], lang: str = "en") -> str:
    """The negative share overall and the language where it is highest.

    >>> s = pd.DataFrame({"lang": ["fr", "fr", "ary"], "sentiment": ["negative", "positive", "negative"],
    ...                   "posts": [1, 3, 4], "share": [0.25, 0.75, 1.0]})
    >>> headline_sentiment(s, {"fr": "French", "ary": "Darija"})
    '62% of 8 posts are negative; most in Darija (100%)'
    """
    total = shares["posts"].sum()
    negative = shares[shares["sentiment"] == "negative"]
    if not total:
        return _w("sentiment_none", lang)
    top = negative.sort_values("share", ascending=False, kind="stable").iloc[0] if len(negative) else None
    head = _w("sentiment", lang, share=i18n.percent_text(negative["posts"].sum() / total, lang),
              n=_n(total, lang))
    if top is not None:
        head += _w("sentiment_most", lang, name=names.get(top["lang"], top["lang"]),
                   share=i18n.percent_text(top["share"], lang))
    return head
