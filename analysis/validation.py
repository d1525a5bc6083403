"""Check the correlation methods against the planted truth of a SIMULATED campaign.

One run: simulate with a seed, bin the planted negative original posts and the
tracker's like snapshots exactly as the notebooks do (:mod:`analysis.timeseries`,
:mod:`analysis.likes`), then ask :func:`analysis.correlate.coupling_summary` for the
lag and sign. Used by ``tests/integration/test_method_validation.py`` (a few seeds)
and ``benchmarks/method_validity.py`` (50+ seeds).
"""

from __future__ import annotations

import pandas as pd

from analysis import correlate, likes, timeseries
from analysis.simulate import SimConfig, simulate

#: The campaign weekend and the days after it, where the tracker polls every ~2 min.
WINDOW = (pd.Timestamp("2016-02-26 12:00", tz="UTC"), pd.Timestamp("2016-03-02", tz="UTC"))


def campaign_series(sim, page: str = "maroc_telecom", bin: str = "10min",
                    max_gap: str = "30min", window=WINDOW) -> tuple[pd.Series, pd.Series]:
    """Negative original posts per bin (x) and likes lost per bin on ``page`` (y)."""
    start, end = window
    posts = sim.posts.assign(text="")
    x = timeseries.volume(posts, bin, start=start, end=end)["negative"]
    snaps = sim.tracker.rename(columns={"timestamp": "observed_at"})
    rate = likes.loss_wide(likes.loss_rate(snaps, bin, max_gap, start=start, end=end))
    return x, rate[page].reindex(x.index)


def run(seed: int, coupling: bool = True, bin: str = "10min", pages=("maroc_telecom",),
        max_lag: int = 12, n_boot: int = 200, events=None, figures=None,
        granger_difference: bool = True) -> list[dict]:
    """One row per page: planted lag (in bins), what the methods found, and verdicts.

    ``lag_ok``: the found lag is within +/-1 bin of the planted lag; ``sign_ok``: the
    found sign is the sign of the planted k (positive, or 0 when uncoupled).
    """
    sim = simulate(SimConfig(seed=seed, coupling=coupling), events=events, figures=figures)
    step = pd.Timedelta(bin) / pd.Timedelta(minutes=1)
    planted = sim.truth["lag_minutes"] / step
    rows = []
    for page in pages:
        x, y = campaign_series(sim, page, bin)
        found = correlate.coupling_summary(x, y, max_lag, bin=bin, n_boot=n_boot, seed=seed,
                                           difference=granger_difference)
        k = sim.truth["k_unlikes_per_negative_post"][page]
        sign = 1 if k > 0 else (-1 if k < 0 else 0)
        rows.append({
            "seed": seed, "coupling": coupling, "page": page, "planted_lag_bins": planted,
            "planted_k": k, **found,
            "ccf_lag_ok": abs(found["ccf_lag"] - planted) <= 1,
            "ccf_sign_ok": found["ccf_sign"] == sign,
            "granger_lag_ok": abs(found["granger_lag"] - planted) <= 1,
            "granger_sign_ok": found["granger_sign"] == sign,
        })
    return rows


def rates(table: pd.DataFrame) -> dict:
    """Recovery rate (coupling on) and false-positive rates (coupling off)."""
    on, off = table[table["coupling"]], table[~table["coupling"]]
    out = {}
    if len(on):
        ccf_ok = on["ccf_significant"] & on["ccf_lag_ok"] & on["ccf_sign_ok"]
        gr_ok = on["granger_significant"] & on["granger_lag_ok"] & on["granger_sign_ok"]
        out.update(n_on=len(on), ccf_recovery=float(ccf_ok.mean()),
                   granger_recovery=float(gr_ok.mean()), both_recovery=float((ccf_ok & gr_ok).mean()))
    if len(off):
        out.update(n_off=len(off), ccf_false_positive=float(off["ccf_significant"].mean()),
                   granger_false_positive=float(off["granger_significant"].mean()),
                   either_false_positive=float((off["ccf_significant"] | off["granger_significant"]).mean()))
    return out


def label_agreement(posts: pd.DataFrame, planted: pd.DataFrame) -> pd.DataFrame:
    """How often the text pipeline's labels match the planted ones (original posts only).

    One row per label kind (``lang``, ``sentiment``) with the share that agrees and the
    number of posts compared; the crosstabs are in ``attrs['crosstabs']``.
    """
    merged = posts.merge(planted[["post_id", "planted_lang", "planted_sentiment"]], on="post_id")
    originals = merged[~merged["is_repost"].astype(bool)]
    rows, tabs = [], {}
    for kind in ("lang", "sentiment"):
        if kind not in originals or originals[kind].isna().all():
            continue
        truth = originals[f"planted_{kind}"]
        rows.append({"labels": kind, "agreement": float((originals[kind] == truth).mean()),
                     "n_posts": int(len(originals))})
        tabs[kind] = pd.crosstab(truth, originals[kind])
    table = pd.DataFrame(rows, columns=["labels", "agreement", "n_posts"])
    table.attrs["crosstabs"] = tabs
    return table
