"""Post volume over time, and the spikes in it.

* :func:`volume` bins an enriched post table (``lang``, ``sentiment`` columns) into a
  regular UTC time grid. **Reposts count toward volume but not toward sentiment**: a
  repost adds no new text, so counting its words again would let one viral post
  decide the sentiment curve. Sentiment columns therefore count original posts only.
* :func:`operators_mentioned` finds which operator pages a post names.
* :func:`robust_zscore` and :func:`detect_spikes` find bursts against a trailing
  rolling median/MAD; :func:`change_point_spikes` finds them as high segments of a
  ruptures PELT segmentation. Both return the same spikes table (start, peak, end).

Examples
--------
>>> import pandas as pd
>>> posts = pd.DataFrame({
...     "created_at": pd.to_datetime(["2016-02-27 10:01", "2016-02-27 10:05",
...                                   "2016-02-27 11:30"], utc=True),
...     "is_repost": [False, True, False],
...     "sentiment": ["negative", "negative", "neutral"],
...     "lang": ["fr", "fr", "ary"],
...     "text": ["Honte à Inwi", "RT Honte à Inwi", "IAM ?"]})
>>> table = volume(posts, "1h")
>>> table[["posts", "reposts", "negative", "neutral"]].to_dict("list")
{'posts': [2, 1], 'reposts': [1, 0], 'negative': [1, 0], 'neutral': [0, 1]}
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import regex

from analysis.likes import utc
from analysis.schema import OPERATORS, SENTIMENTS

#: Names, handles and hashtags by which posts refer to each operator (any script).
OPERATOR_PATTERNS = {
    "maroc_telecom": r"maroc\s*_?telecom|\biam\b|itt?issalat|اتصالات[\s_]*المغرب|ماروك\s*تيليكوم",
    "inwi": r"\binwi|إنوي|انوي",
    "meditel": r"m[ée]ditel|\borange\b|ميديتل",
}
_OPERATOR_RE = {op: regex.compile(p, regex.IGNORECASE) for op, p in OPERATOR_PATTERNS.items()}


def operators_mentioned(texts: pd.Series) -> pd.DataFrame:
    """One boolean column per operator: does the text name it?

    >>> operators_mentioned(pd.Series(["Honte à IAM et Inwi", "ميديتل"])).to_dict("list")
    {'maroc_telecom': [True, False], 'inwi': [True, False], 'meditel': [False, True]}
    """
    texts = texts.fillna("").astype(str)
    return pd.DataFrame(
        {op: texts.map(lambda t, r=rx: bool(r.search(t))) for op, rx in _OPERATOR_RE.items()},
        index=texts.index,
    )


def pages_mentioned(texts: pd.Series, spellings: dict[str, list[str]]) -> pd.DataFrame:
    """One boolean column per page of a campaign: does the text name it (any spelling)?

    Spellings match as whole words, case-insensitively, with ``_`` or a space between words.

    >>> pages_mentioned(pd.Series(["Je boycotte Sidi Ali", "#CentraleDanone"]),
    ...                 {"sidi_ali": ["Sidi Ali"], "centrale_danone": ["CentraleDanone"]}).to_dict("list")
    {'sidi_ali': [True, False], 'centrale_danone': [False, True]}
    """
    texts = texts.fillna("").astype(str)
    out = {}
    for page, words in spellings.items():
        alternatives = "|".join(regex.escape(w).replace(r"\ ", r"[\s_]*") for w in words if w.strip())
        rx = regex.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", regex.IGNORECASE)
        out[page] = texts.map(lambda t, r=rx: bool(r.search(t)))
    return pd.DataFrame(out, index=texts.index)


def by_page(posts: pd.DataFrame, spellings: dict[str, list[str]], bin: str = "1h", *,
            sentiment: str | None = None, start=None, end=None) -> pd.DataFrame:
    """Posts per bin naming each page of a campaign (originals only when ``sentiment`` is given)."""
    mentioned = pages_mentioned(posts["text"], spellings)
    mask = pd.Series(True, index=posts.index)
    if sentiment is not None:
        mask = ~posts["is_repost"].astype(bool) & (posts["sentiment"] == sentiment)
    table = pd.DataFrame({page: counts(posts, bin, mask=mask & mentioned[page], start=start, end=end)["posts"]
                          for page in spellings})
    table.attrs.update(bin=bin, sentiment=sentiment or "all")
    return table


def _grid(times: pd.Series, bin: str, start=None, end=None) -> pd.DatetimeIndex:
    """Bin starts from ``start`` (or the first post) to ``end`` (exclusive) or the last post."""
    if start is None and (len(times) == 0 or times.isna().all()):
        return pd.DatetimeIndex([], tz="UTC", name="bin_start")
    lo = utc(start if start is not None else times.min()).floor(bin)
    if end is not None:
        return pd.date_range(lo, utc(end), freq=bin, inclusive="left", name="bin_start")
    return pd.date_range(lo, times.max().floor(bin), freq=bin, name="bin_start")


def counts(posts: pd.DataFrame, bin: str, by: str | None = None, *, mask=None,
           start=None, end=None) -> pd.DataFrame:
    """Posts per bin, optionally split by a column; every bin of the range present.

    ``mask`` selects the rows counted (the time grid still spans ``start``–``end``).
    """
    times = posts["created_at"]
    grid = _grid(times, bin, start, end)
    rows = posts if mask is None else posts[mask]
    key = rows["created_at"].dt.floor(bin)
    if by is None:
        out = key.value_counts().rename("posts").to_frame()
    else:
        out = rows.groupby([key, rows[by]], observed=True).size().unstack(fill_value=0)
    return out.reindex(grid, fill_value=0).astype("int64").rename_axis("bin_start")


def volume(posts: pd.DataFrame, bin: str = "1h", *, start=None, end=None) -> pd.DataFrame:
    """The standard volume table: all posts, reposts, originals and sentiment of originals.

    Columns: ``posts`` (all, reposts included), ``reposts``, ``originals``, one column
    per sentiment (originals only), ``negative_share`` (of originals with a label),
    and one column per language (all posts). The table's ``attrs`` hold the bin.
    """
    originals = ~posts["is_repost"].astype(bool)
    table = counts(posts, bin, start=start, end=end)
    grid = table.index
    table["reposts"] = counts(posts, bin, mask=~originals, start=start, end=end)["posts"]
    table["originals"] = table["posts"] - table["reposts"]
    if "sentiment" in posts:
        by_sent = counts(posts, bin, "sentiment", mask=originals, start=start, end=end)
        for s in SENTIMENTS:
            table[s] = by_sent[s].reindex(grid, fill_value=0) if s in by_sent else 0
        labelled = table[list(SENTIMENTS)].sum(axis=1)
        table["negative_share"] = (table["negative"] / labelled.where(labelled > 0)).astype(float)
    if "lang" in posts:
        by_lang = counts(posts, bin, "lang", start=start, end=end).reindex(grid, fill_value=0)
        for lang in by_lang.columns:
            table[f"lang_{lang}"] = by_lang[lang]
    table.attrs.update(bin=bin, note="reposts count in posts/reposts, not in sentiment columns")
    return table


def by_operator(posts: pd.DataFrame, bin: str = "1h", *, sentiment: str | None = None,
                start=None, end=None) -> pd.DataFrame:
    """Posts per bin naming each operator (originals only when ``sentiment`` is given)."""
    mentioned = operators_mentioned(posts["text"])
    mask = pd.Series(True, index=posts.index)
    if sentiment is not None:
        mask = ~posts["is_repost"].astype(bool) & (posts["sentiment"] == sentiment)
    out = {}
    for op in OPERATORS:
        out[op] = counts(posts, bin, mask=mask & mentioned[op], start=start, end=end)["posts"]
    table = pd.DataFrame(out)
    table.attrs.update(bin=bin, sentiment=sentiment or "all")
    return table


def bins_in(span: str, bin: str, minimum: int = 6) -> int:
    """How many bins of ``bin`` cover ``span`` (at least ``minimum``).

    >>> bins_in("8h", "10min"), bins_in("8h", "1D")
    (48, 6)
    """
    return max(minimum, int(pd.Timedelta(span) / pd.Timedelta(bin)))


# --------------------------------------------------------------------------- spikes
def robust_zscore(series: pd.Series, window: int = 48, min_periods: int | None = None,
                  floor: float = 1.0, counts: bool = True) -> pd.Series:
    """(x - trailing median) / (1.4826 x trailing MAD), the window excluding the bin itself.

    The scale is floored at ``floor`` (in the series' units) so a flat run of zeros
    does not turn one post into an infinite score, and, for ``counts``, at the
    Poisson standard deviation sqrt(median): the MAD of small counts is coarse
    (often exactly 1) and would make ordinary Poisson noise look like bursts.

    >>> s = pd.Series([1, 2, 1, 2, 1, 2, 1, 30.0])  # past median 1.5, MAD 0.5 -> scale sqrt(1.5)
    >>> round(float(robust_zscore(s, window=6, min_periods=3).iloc[-1]), 1)
    23.3
    """
    min_periods = min_periods or max(3, window // 4)
    values = series.to_numpy(dtype=float)
    n = len(values)
    # row i holds the `window` bins before bin i (NaN-padded at the start)
    padded = np.concatenate([np.full(window, np.nan), values])
    past = np.lib.stride_tricks.sliding_window_view(padded, window)[:n]
    enough = np.sum(~np.isnan(past), axis=1) >= min_periods
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN rows are masked below
        med = np.nanmedian(past, axis=1)
        mad = np.nanmedian(np.abs(past - med[:, None]), axis=1)
    scale = np.maximum(1.4826 * mad, floor)
    if counts:
        scale = np.maximum(scale, np.sqrt(np.clip(med, 0, None)))
    z = np.where(enough, (values - med) / scale, np.nan)
    return pd.Series(z, index=series.index, name=series.name)


def _runs(flags: np.ndarray) -> list[tuple[int, int]]:
    """[start, end] index pairs of consecutive True runs."""
    edges = np.diff(np.concatenate([[0], flags.astype(int), [0]]))
    return list(zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1) - 1))


def _spike_table(series, runs, method, score=None) -> pd.DataFrame:
    rows = []
    for a, b in runs:
        seg = series.iloc[a : b + 1]
        peak = seg.idxmax()
        rows.append({
            "start": series.index[a], "peak": peak, "end": series.index[b],
            "peak_value": float(seg.max()), "total": float(seg.sum()),
            "peak_score": float(score.loc[peak]) if score is not None else np.nan,
            "method": method,
        })
    cols = ["start", "peak", "end", "peak_value", "total", "peak_score", "method"]
    return pd.DataFrame(rows, columns=cols)


def detect_spikes(series: pd.Series, window: int = 48, threshold: float = 4.0,
                  release: float = 1.5) -> pd.DataFrame:
    """Spikes where the robust z-score exceeds ``threshold``.

    A spike starts at the first bin above ``release`` before the crossing and ends at
    the last bin above ``release`` after it (hysteresis), so one burst is one row.
    """
    z = robust_zscore(series, window).fillna(0.0)
    above = (z > release).to_numpy()
    hot = (z > threshold).to_numpy()
    runs = [(a, b) for a, b in _runs(above) if hot[a : b + 1].any()]
    table = _spike_table(series, runs, f"robust z-score > {threshold:g} (trailing {window} bins)", z)
    table.attrs.update(method="robust z-score", window=f"trailing {window} bins",
                       threshold=threshold, release=release)
    return table


def change_points(series: pd.Series, penalty: float | None = None, min_size: int = 3,
                  model: str = "l2") -> list[int]:
    """Indices where a new segment starts (PELT on log1p of the series)."""
    import ruptures as rpt

    values = np.log1p(series.fillna(0).to_numpy(dtype=float)).reshape(-1, 1)
    if len(values) < 2 * min_size:
        return []
    if penalty is None:  # BIC-like: 2 sigma^2 log n, sigma from first differences
        sigma = np.median(np.abs(np.diff(values[:, 0]))) / 0.6745 / np.sqrt(2) or 0.1
        penalty = 2 * sigma**2 * np.log(len(values)) * 3
    ends = rpt.Pelt(model=model, min_size=min_size, jump=1).fit(values).predict(pen=penalty)
    return [0] + [e for e in ends[:-1]]


def change_point_spikes(series: pd.Series, penalty: float | None = None, min_size: int = 3,
                        factor: float = 3.0) -> pd.DataFrame:
    """Spikes as PELT segments whose mean exceeds ``factor`` x the median segment level."""
    starts = change_points(series, penalty, min_size)
    bounds = list(zip(starts, starts[1:] + [len(series)]))
    means = np.array([series.iloc[a:b].mean() for a, b in bounds]) if bounds else np.array([])
    if not len(means):
        return _spike_table(series, [], "change points")
    # the typical level is the median over time, not over segments (short segments abound)
    level = max(float(np.median(np.repeat(means, [b - a for a, b in bounds]))), 1e-9)
    runs = [(a, b - 1) for (a, b), m in zip(bounds, means) if m > factor * level]
    merged: list[tuple[int, int]] = []
    for a, b in runs:  # adjacent high segments are one spike
        if merged and a == merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    ratio = series / level
    table = _spike_table(series, merged, f"PELT segment mean > {factor:g} x typical level", ratio)
    table.attrs.update(method="change points (ruptures PELT, l2 on log1p)", factor=factor)
    return table


def spikes(series: pd.Series, window: int = 48, threshold: float = 4.0) -> pd.DataFrame:
    """Both detectors' spikes in one table, sorted by start."""
    both = pd.concat([detect_spikes(series, window, threshold), change_point_spikes(series)],
                     ignore_index=True)
    both = both.sort_values(["start", "method"], kind="stable").reset_index(drop=True)
    freq = getattr(series.index, "freqstr", None)
    both.attrs.update(bin=series.attrs.get("bin", freq))
    return both
