"""Did (negative) posting go with, lead or follow the like losses and the policy events?

Three methods, each returning a table that states its method, window, bin and
uncertainty in its own columns (they survive a CSV export, unlike ``attrs``):

* :func:`cross_correlation`: both series are **prewhitened** with the AR filter fitted
  to the driver (Box-Jenkins), so shared trends and the driver's own autocorrelation
  cannot fake a lagged correlation. Positive lag = the driver leads. Each lag has a
  moving-block bootstrap 95 % CI and a p-value (under no relation, the correlation of
  a white series with any independent series has variance ~1/n) with Holm's
  correction across lags.
* :func:`granger`: VAR with the lag order selected by an information criterion;
  F-tests in both directions (statsmodels).
* :func:`event_study`: abnormal level in a window after each dated event against a
  baseline window before it; significance from placebo dates (the same statistic at
  random non-event times), corrected across events with Holm or Benjamini-Hochberg.

:func:`coupling_summary` condenses the first two into the lag and sign a reader
needs; the method-validation tests and ``benchmarks/method_validity.py`` compare it
with the planted truth of :mod:`analysis.simulate`.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.multitest import multipletests

from analysis.likes import utc

ALPHA = 0.05


# --------------------------------------------------------------------------- helpers
def longest_complete_run(frame: pd.DataFrame) -> pd.DataFrame:
    """The longest stretch of consecutive rows with no missing value.

    Lagged statistics need an unbroken time axis; gaps are never filled.

    >>> df = pd.DataFrame({"x": [1, 2, None, 4, 5, 6], "y": [1, 2, 3, 4, 5, 6]})
    >>> longest_complete_run(df).index.tolist()
    [3, 4, 5]
    """
    ok = frame.notna().all(axis=1).to_numpy()
    if not ok.any():
        return frame.iloc[0:0]
    edges = np.diff(np.concatenate([[0], ok.astype(int), [0]]))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    i = int(np.argmax(ends - starts))
    return frame.iloc[starts[i] : ends[i]]


def _window_text(index) -> str:
    if len(index) == 0:
        return "empty"
    return f"{index[0]} to {index[-1]} ({len(index)} bins)"


def _bin_text(index, bin) -> str:
    if bin:
        return str(bin)
    if isinstance(index, pd.DatetimeIndex) and len(index) > 1:
        freq = index.freqstr if index.freq is not None else None
        if freq is None:  # a slice of a regular grid loses its freq; the step is the bin
            freq = pd.tseries.frequencies.to_offset(index[1] - index[0]).freqstr
        return freq if freq[0].isdigit() else "1" + freq
    return "1 step"


def ar_filter(x: np.ndarray, max_order: int = 12, ic: str = "aic") -> np.ndarray:
    """Coefficients ``[1, -phi_1, …, -phi_p]`` of the AR model selected for ``x``."""
    from statsmodels.tsa.ar_model import ar_select_order

    x = np.asarray(x, float) - np.mean(x)
    max_order = max(1, min(max_order, len(x) // 5))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sel = ar_select_order(x, maxlag=max_order, ic=ic, trend="n")
        lags = sel.ar_lags or []
        if not lags:
            return np.array([1.0])
        fit = sel.model.fit()
    phi = np.zeros(max(lags))
    for lag, coef in zip(lags, fit.params):
        phi[lag - 1] = coef
    return np.concatenate([[1.0], -phi])


def prewhiten(x, y, max_order: int = 12) -> tuple[np.ndarray, np.ndarray, int]:
    """Filter ``x`` and ``y`` with the AR filter fitted to ``x``; drops the first p values."""
    x = np.asarray(x, float)
    y = np.asarray(y, float)
    coefs = ar_filter(x, max_order)
    p = len(coefs) - 1
    xw = np.convolve(x - x.mean(), coefs, mode="full")[p : len(x)]
    yw = np.convolve(y - y.mean(), coefs, mode="full")[p : len(y)]
    return xw, yw, p


def _lag_pairs(x, y, lag):
    """Aligned (x_t, y_{t+lag}) pairs."""
    if lag >= 0:
        return x[: len(x) - lag], y[lag:]
    return x[-lag:], y[: len(y) + lag]


def _corr(a, b) -> float:
    a = a - a.mean()
    b = b - b.mean()
    den = np.sqrt((a * a).sum() * (b * b).sum())
    return float((a * b).sum() / den) if den > 0 else np.nan


# --------------------------------------------------------------------------- CCF
def cross_correlation(x: pd.Series, y: pd.Series, max_lag: int = 12, *, bin: str | None = None,
                      prewhitened: bool = True, n_boot: int = 500, block: int | None = None,
                      alpha: float = ALPHA, seed: int = 0, max_order: int = 12) -> pd.DataFrame:
    """Correlation of ``x`` at time t with ``y`` at t + lag, for lag in [-max_lag, max_lag].

    Only the longest gap-free stretch of the aligned series is used (see the
    ``window`` column).
    """
    both = longest_complete_run(pd.concat({"x": x, "y": y}, axis=1))
    xs, ys = both["x"].to_numpy(float), both["y"].to_numpy(float)
    order = 0
    if prewhitened and len(xs) > 4 * max_lag:
        xs, ys, order = prewhiten(xs, ys, max_order)
    n = len(xs)
    lags = np.arange(-max_lag, max_lag + 1)
    r = np.array([_corr(*_lag_pairs(xs, ys, h)) for h in lags])
    n_pairs = n - np.abs(lags)
    z = r * np.sqrt(n_pairs)
    p = 2 * stats.norm.sf(np.abs(np.nan_to_num(z)))
    p_holm = multipletests(p, method="holm")[1]
    block = block or max(2, int(round(n ** (1 / 3))))
    low, high = _block_bootstrap(xs, ys, lags, n_boot, block, seed)
    method = ("CCF after AR(%d) prewhitening of x (filter applied to both)" % order) if order \
        else "CCF (raw, no prewhitening)"
    return pd.DataFrame({
        "lag": lags, "ccf": r, "ci_low": low, "ci_high": high, "p_value": p, "p_holm": p_holm,
        "significant": p_holm < alpha, "n_pairs": n_pairs,
        "method": method, "window": _window_text(both.index), "bin": _bin_text(both.index, bin),
        "uncertainty": f"95% moving-block bootstrap CI (block {block} bins, {n_boot} resamples); "
                       f"p normal approx. var 1/n, Holm across {len(lags)} lags",
    })


def _block_bootstrap(x, y, lags, n_boot, block, seed):
    """Percentile CIs of the CCF at each lag from moving-block resamples of time."""
    n = len(x)
    if n_boot <= 0 or n < 2 * block:
        return np.full(len(lags), np.nan), np.full(len(lags), np.nan)
    rng = np.random.default_rng(seed)
    max_lag = int(np.abs(lags).max())
    t_valid = n - 2 * max_lag  # t such that both t - max_lag and t + max_lag exist
    if t_valid < 2 * block:
        return np.full(len(lags), np.nan), np.full(len(lags), np.nan)
    n_blocks = int(np.ceil(t_valid / block))
    starts = rng.integers(0, t_valid - block + 1, size=(n_boot, n_blocks))
    idx = (starts[:, :, None] + np.arange(block)).reshape(n_boot, -1)[:, :t_valid] + max_lag
    xb = x[idx]
    xb = xb - xb.mean(axis=1, keepdims=True)
    out = np.empty((n_boot, len(lags)))
    for j, h in enumerate(lags):
        yb = y[idx + h]
        yb = yb - yb.mean(axis=1, keepdims=True)
        den = np.sqrt((xb * xb).sum(1) * (yb * yb).sum(1))
        out[:, j] = np.where(den > 0, (xb * yb).sum(1) / np.where(den > 0, den, 1), np.nan)
    return np.nanpercentile(out, 2.5, axis=0), np.nanpercentile(out, 97.5, axis=0)


def best_lag(ccf: pd.DataFrame, positive_only: bool = False) -> pd.Series:
    """The row of the largest |ccf| (among lags >= 0 when ``positive_only``)."""
    rows = ccf[ccf["lag"] >= 0] if positive_only else ccf
    return rows.loc[rows["ccf"].abs().idxmax()]


# --------------------------------------------------------------------------- Granger
def granger(x: pd.Series, y: pd.Series, max_lag: int = 12, *, ic: str = "bic",
            difference: bool = True, bin: str | None = None, alpha: float = ALPHA,
            names=("x", "y")) -> pd.DataFrame:
    """Granger F-tests in both directions from one VAR whose order ``ic`` selects.

    By default the VAR is fitted to first differences. In levels, a slow drift in
    the like churn (which any real page has) leaves autocorrelated residuals that
    line up with the slow rise and fall of the campaign, and the F-test then finds
    "causality" in unrelated series (on SIMULATED campaigns without coupling, compare
    ``benchmarks/method_validity.py`` with and without ``--granger-levels``). A lagged effect
    ``y_t = k x_{t-L}`` survives differencing with the same lag and sign.

    Also reports, for each direction, the lag whose coefficient has the largest |t|
    and that coefficient's sign (the "when" and "which way" of the effect).
    """
    from statsmodels.tsa.api import VAR

    both = longest_complete_run(pd.concat({"x": x, "y": y}, axis=1)).astype(float)
    data = both.diff().iloc[1:] if difference else both
    data = data - data.mean()
    # A VAR(p) of two series spends 2p + 1 parameters per equation; on a short series a
    # large p leaves no residual degrees of freedom (NaN t-values, statsmodels' "maxlags is
    # too large"), so the orders tried are capped to keep at least ~10 of them.
    feasible = max(1, (len(data) - 10) // 4)
    order, res = 1, None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = VAR(data)
            order = max(1, int(model.select_order(min(max_lag, feasible)).selected_orders[ic]))
            res = model.fit(order)
    except np.linalg.LinAlgError:
        pass  # a series so regular (or so short) that the VAR's covariance is singular
    rows = []
    for causing, caused in (("x", "y"), ("y", "x")):
        direction = f"{names[0 if causing == 'x' else 1]} -> {names[0 if caused == 'x' else 1]}"
        try:
            if res is None:
                raise np.linalg.LinAlgError("the VAR could not be fitted")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                test = res.test_causality(caused, [causing], kind="f")
        except np.linalg.LinAlgError:
            # a series so regular the VAR fits it exactly: nothing can be tested
            rows.append({"direction": direction, "lag_order": order, "F": np.nan, "p_value": np.nan,
                         "df_num": 0, "df_den": 0, "significant": False, "strongest_lag": 0,
                         "strongest_coef": np.nan, "strongest_t": np.nan,
                         "method": f"Granger F-test not computed: VAR({order}) fits the series exactly "
                                   "(singular covariance)",
                         "window": _window_text(both.index), "bin": _bin_text(both.index, bin),
                         "uncertainty": "none"})
            continue
        t = np.array([res.tvalues.loc[f"L{j}.{causing}", caused] for j in range(1, order + 1)])
        coef = np.array([res.params.loc[f"L{j}.{causing}", caused] for j in range(1, order + 1)])
        j = int(np.nanargmax(np.abs(t))) if np.isfinite(t).any() else 0
        rows.append({
            "direction": direction,
            "lag_order": order, "F": float(test.test_statistic), "p_value": float(test.pvalue),
            "df_num": int(test.df[0]), "df_den": int(test.df[1]), "significant": test.pvalue < alpha,
            "strongest_lag": j + 1, "strongest_coef": float(coef[j]), "strongest_t": float(t[j]),
            "method": f"Granger F-test, VAR({order}) on {'first differences' if difference else 'levels'}"
                      f", order by {ic.upper()} (max {min(max_lag, feasible)})",
            "window": _window_text(both.index), "bin": _bin_text(both.index, bin),
            "uncertainty": f"F-test p-value at alpha={alpha}",
        })
    return pd.DataFrame(rows)


def coupling_summary(x: pd.Series, y: pd.Series, max_lag: int = 12, *, bin: str | None = None,
                     n_boot: int = 200, alpha: float = ALPHA, seed: int = 0,
                     difference: bool = True) -> dict:
    """Lag, sign and significance from the CCF and from Granger, in one dict."""
    ccf = cross_correlation(x, y, max_lag, bin=bin, n_boot=n_boot, alpha=alpha, seed=seed)
    top = best_lag(ccf)
    g = granger(x, y, max_lag, bin=bin, alpha=alpha, difference=difference)
    fwd = g.iloc[0]
    return {
        "ccf_lag": int(top["lag"]), "ccf": float(top["ccf"]), "ccf_sign": int(np.sign(top["ccf"])),
        "ccf_significant": bool(ccf["significant"].any()),
        "granger_p": float(fwd["p_value"]), "granger_significant": bool(fwd["significant"]),
        "granger_lag": int(fwd["strongest_lag"]), "granger_sign": int(np.sign(fwd["strongest_coef"])),
        "granger_order": int(fwd["lag_order"]), "granger_reverse_p": float(g.iloc[1]["p_value"]),
        "n_bins": int(ccf["n_pairs"].max()),
    }


# --------------------------------------------------------------------------- event study
def event_days(events: pd.DataFrame, start=None, end=None) -> pd.DataFrame:
    """Day-precision events collapsed to one row per date (one test per day)."""
    day = events[(events["precision"].astype(str) == "day") & events["date"].notna()].copy()
    if start is not None:
        day = day[day["date"] >= utc(start)]
    if end is not None:
        day = day[day["date"] < utc(end)]
    grouped = day.groupby("date", sort=True).agg(
        event_ids=("event_id", lambda s: " ".join(s)),
        event_types=("event_type", lambda s: " ".join(dict.fromkeys(s))),
        title=("title_en", lambda s: " / ".join(s)),
    )
    return grouped.reset_index()


def _window_means(values: np.ndarray, index: pd.DatetimeIndex, t0, post, baseline, gap):
    """Means of the event window [t0, t0+post) and baseline [t0-gap-baseline, t0-gap)."""
    i0 = index.searchsorted(t0)
    i1 = index.searchsorted(t0 + post)
    b1 = index.searchsorted(t0 - gap)
    b0 = index.searchsorted(t0 - gap - baseline)
    ev, base = values[i0:i1], values[b0:b1]
    if len(ev) == 0 or len(base) == 0 or np.isnan(ev).all() or np.isnan(base).all():
        return np.nan, np.nan
    return float(np.nanmean(ev)), float(np.nanmean(base))


def event_study(series: pd.DataFrame, events: pd.DataFrame, *, post: str = "2D",
                baseline: str = "14D", gap: str = "0D", n_placebo: int = 2000,
                correction: str = "fdr_bh", alpha: float = ALPHA, seed: int = 0,
                bin: str | None = None) -> pd.DataFrame:
    """Abnormal level of each column of ``series`` after each event day.

    ``series`` is indexed by regular UTC bins. For event day t0: abnormal = mean over
    [t0, t0 + post) minus mean over the baseline [t0 - gap - baseline, t0 - gap).
    Placebo dates are drawn from bin starts whose event window does not touch any real
    event's window; the two-sided placebo p-value is (1 + #|placebo| >= |observed|) /
    (1 + n), so it can be no smaller than 1 / (1 + number of distinct placebo bins): use
    hourly bins or finer when there are many events. ``correction`` is ``fdr_bh``
    (Benjamini-Hochberg, the default) or ``holm``, applied per metric across events.
    """
    post_td, base_td, gap_td = pd.Timedelta(post), pd.Timedelta(baseline), pd.Timedelta(gap)
    index = pd.DatetimeIndex(series.index)
    days = event_days(events, index[0] + base_td + gap_td, index[-1] - post_td + index.freq
                      if index.freq is not None else index[-1] - post_td)
    rng = np.random.default_rng(seed)
    # placebo candidates: bin starts whose windows fit and avoid every real event window
    lo, hi = index[0] + base_td + gap_td, index[-1] - post_td
    cand = index[(index >= lo) & (index <= hi)]
    near = np.zeros(len(cand), bool)
    for t0 in days["date"]:
        near |= (cand > t0 - post_td) & (cand < t0 + post_td)
    pool = cand[~near] if (~near).sum() >= 20 else cand
    # without replacement: repeated dates would only fake precision
    placebo_t = pool[np.sort(rng.choice(len(pool), min(n_placebo, len(pool)), replace=False))] \
        if len(pool) else pool
    rows = []
    for metric in series.columns:
        values = series[metric].to_numpy(float)
        null = np.array([np.subtract(*_window_means(values, index, t, post_td, base_td, gap_td))
                         for t in placebo_t])
        null = null[~np.isnan(null)]
        block = []
        for ev in days.itertuples():
            m_ev, m_base = _window_means(values, index, ev.date, post_td, base_td, gap_td)
            abn = m_ev - m_base
            p = (1 + np.sum(np.abs(null) >= abs(abn))) / (1 + len(null)) if len(null) and not np.isnan(abn) else np.nan
            block.append({
                "event_date": ev.date, "event_ids": ev.event_ids, "event_types": ev.event_types,
                "title": ev.title, "metric": metric, "baseline_mean": m_base, "event_mean": m_ev,
                "abnormal": abn, "ratio": m_ev / m_base if m_base else np.nan,
                "placebo_low": float(np.percentile(null, 2.5)) if len(null) else np.nan,
                "placebo_high": float(np.percentile(null, 97.5)) if len(null) else np.nan,
                "p_placebo": p,
            })
        frame = pd.DataFrame(block)
        if len(frame):
            ok = frame["p_placebo"].notna()
            frame["p_adjusted"] = np.nan
            if ok.any():
                frame.loc[ok, "p_adjusted"] = multipletests(frame.loc[ok, "p_placebo"], method=correction)[1]
            frame["significant"] = frame["p_adjusted"] < alpha
            frame["n_placebo"] = len(null)
        rows.append(frame)
    out = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame()
    if len(out):
        out["method"] = (f"event study: mean after minus mean before; placebo dates; "
                         f"{correction} across {len(days)} event days per metric")
        out["window"] = f"[t0, t0+{post}) vs [t0-{gap}-{baseline}, t0-{gap})"
        out["bin"] = _bin_text(index, bin)
        out["uncertainty"] = "placebo 95% band (placebo_low/high) and placebo p-value, corrected"
    return out
