"""The generative model of the SIMULATED campaign (see :mod:`analysis.simulate`):
posts, sentiment, likes and tracker snapshots in memory, and the planted truth.

Examples
--------
>>> sim = simulate(SimConfig(seed=1, start="2016-02-20", end="2016-03-05"))
>>> sim.truth["simulated"], sim.truth["lag_minutes"] == sim.config.lag_minutes
(True, True)
>>> set(sim.likes_minute.columns) >= {"maroc_telecom", "inwi", "meditel"}
True
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.signal import lfilter

from analysis import paths
from analysis.schema import OPERATORS, SENTIMENTS

VERSION = "1"
SIMULATED = paths.SIMULATED

#: "since Friday evening 26 Feb" (Labass.net); Morocco was on UTC+00:00 then.
LAUNCH = pd.Timestamp("2016-02-26 20:00", tz="UTC")
#: "by Sunday midday" (Labass.net): the end of the calibration window.
CALIBRATION_END = pd.Timestamp("2016-02-28 12:00", tz="UTC")

SIM_LANGS = ("fr", "ary", "ary_latn", "ar")
LANG_MIX = (0.35, 0.25, 0.20, 0.20)
#: Relative posting activity by hour of day (local = UTC in winter 2016).
DIURNAL = np.array(
    [0.5, 0.35, 0.2, 0.15, 0.12, 0.15, 0.25, 0.4, 0.55, 0.65, 0.7, 0.75,
     0.8, 0.8, 0.8, 0.8, 0.85, 0.9, 0.95, 1.0, 1.0, 1.0, 0.9, 0.7]
)  # fmt: skip
#: Expected immigrant posts triggered by one event of each type (before diurnal thinning).
SHOCK_SIZE = {
    "block": 220, "unblock": 260, "campaign": 160, "statement": 90, "regulation": 90,
    "petition": 70, "legal": 45, "media": 40, "personnel": 60, "context": 30,
}  # fmt: skip
#: Sentiment tilt (added to the logit of one label) and its decay time in hours.
TILT = {
    "block": ("negative", 1.0, 36), "regulation": ("negative", 0.8, 36),
    "statement": ("negative", 0.6, 24), "campaign": ("negative", 1.0, 48),
    "unblock": ("positive", 2.0, 72), "legal": ("negative", 0.3, 24),
    "petition": ("negative", 0.4, 24), "media": ("negative", 0.2, 24),
    "personnel": ("positive", 0.5, 24), "context": ("positive", 0.3, 24),
}  # fmt: skip
BASE_LOGITS = {"negative": 0.0, "neutral": 0.3, "positive": -1.0}


@dataclass(frozen=True)
class SimConfig:
    """Parameters of one simulated campaign; the seed fixes everything else.

    ``lag_minutes`` is drawn from ``lag_range`` when left ``None``; ``coupling=False``
    sets k to 0 (the like series then ignores the posts entirely).
    """

    seed: int = 2016
    coupling: bool = True
    start: str = "2016-01-01"
    end: str = "2016-11-30"
    lag_minutes: int | None = None
    lag_range: tuple[int, int] = (10, 90)
    background_per_hour: float = 0.35
    launch_posts: float = 6500.0
    branching: float = 0.55
    kernel_minutes: float = 20.0
    repost_share: float = 0.6
    n_authors: int = 5000
    churn_per_min: dict = field(
        default_factory=lambda: {"maroc_telecom": 0.25, "inwi": 0.2, "meditel": 0.2}
    )
    gain_per_min: dict = field(
        default_factory=lambda: {"maroc_telecom": 0.35, "inwi": 0.3, "meditel": 0.28}
    )
    drift_sd: float = 0.3
    # The campaign (defaults: #OpeUnlike 2016); `config_for(campaign)` fills these from a
    # campaign file, so another campaign needs a YAML file, not code.
    pages: tuple[str, ...] = OPERATORS
    launch: str = "2016-02-26 20:00"
    calibration_end: str = "2016-02-28 12:00"
    loss_targets: dict | None = None  # None: calibrated on the press figures in data/reference
    page_sizes: dict | None = None  # needed with loss_targets
    events_folder: str | None = None  # folder of policy_events.csv (None: data/reference)
    phrase_banks: str | None = None  # None: data/simulated/phrase_banks.yml
    name: str = "opeunlike"  # file-name prefix of the demo


@dataclass
class Simulation:
    """Everything one run produced; ``posts`` carries the planted labels."""

    config: SimConfig
    posts: pd.DataFrame  # created_at, is_repost, root, parent, reply, sentiment, lang, ops, author
    likes_minute: pd.DataFrame  # minute index (UTC) x page: like count at the minute's end
    unlikes_minute: pd.DataFrame  # minute index x page: planted unlikes in the minute
    tracker: pd.DataFrame  # timestamp, page, likes (irregular snapshots)
    truth: dict


# --------------------------------------------------------------------------- calibration
def calibration_targets(figures: pd.DataFrame) -> dict[str, dict]:
    """Net likes lost per page from the launch to Sunday 28 Feb midday, from the press.

    Maroc Telecom's is printed (Labass: about 137,500). Inwi's and Meditel's are not:
    Labass prints only their percentages, so the page size is taken from the one
    source printing both a count and a percentage for the page (VoIP Sense) and the
    target is that size x the Labass percentage. The arithmetic is returned with it.
    """
    def rows(page, quantity):
        sel = figures[(figures["page"] == page) & (figures["quantity"] == quantity)]
        return sel

    targets = {}
    for page in OPERATORS:
        pct = rows(page, "likes_lost_pct")
        counts = rows(page, "likes_lost_since_campaign_start")
        dated_pct = pct[pct["observed_at"].notna()]
        dated_counts = counts[counts["observed_at"].notna()]
        if len(dated_counts):
            row = dated_counts.iloc[0]
            targets[page] = {"target": float(row["value"]), "how": "printed count",
                             "source_url": row["source_url"]}
            continue
        if not len(dated_pct):
            raise ValueError(f"no dated percentage for {page} in the reported figures")
        share = float(dated_pct.iloc[0]["value"]) / 100
        # page size from a count and a percentage printed together (same source)
        pairs = counts.merge(pct, on="source_url", suffixes=("_n", "_pct"))
        if not len(pairs):
            raise ValueError(f"no count+percentage pair for {page} to infer its page size")
        size = float(pairs.iloc[0]["value_n"]) / (float(pairs.iloc[0]["value_pct"]) / 100)
        targets[page] = {
            "target": round(size * share),
            "how": f"page size {size:,.0f} (= {pairs.iloc[0]['value_n']:,.0f} / "
            f"{pairs.iloc[0]['value_pct']}%) x {share:.2%}",
            "source_url": dated_pct.iloc[0]["source_url"] + " | " + pairs.iloc[0]["source_url"],
        }
    return targets


def page_sizes(targets: dict[str, dict], figures: pd.DataFrame) -> dict[str, float]:
    """Likes per page at launch implied by target / printed percentage."""
    sizes = {}
    for page, target in targets.items():
        pct = figures[(figures["page"] == page) & (figures["quantity"] == "likes_lost_pct")
                      & figures["observed_at"].notna()]
        sizes[page] = round(target["target"] / (float(pct.iloc[0]["value"]) / 100))
    return sizes


# --------------------------------------------------------------------------- posts
def _day_events(events: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    day = events[(events["precision"] == "day") & events["date"].notna()]
    day = day[(day["date"] >= start) & (day["date"] < end)]
    return day.sort_values(["date", "event_id"]).reset_index(drop=True)


def _event_times(day: pd.DataFrame, rng: np.random.Generator, launch: pd.Timestamp = LAUNCH) -> np.ndarray:
    """Shock time of each event: the launch at its hour, others at a drawn daytime hour."""
    times = []
    for row in day.itertuples():
        ts = row.date
        is_launch = row.event_type == "campaign" and row.date <= launch < row.date_end
        if is_launch:
            ts = launch
        elif ts == ts.normalize():  # midnight UTC: a date with no clock time (kept as is: the seeded demo depends on it)
            ts = ts + pd.Timedelta(hours=float(rng.uniform(8, 21)))
        times.append(ts)
    return np.array(times, dtype=object)


def _thin_diurnal(times_min: np.ndarray, origin: pd.Timestamp, rng) -> np.ndarray:
    hours = ((times_min / 60.0) + origin.hour) % 24
    keep = rng.random(len(times_min)) < DIURNAL[hours.astype(int)]
    return times_min[keep]


def _immigrants(cfg, day, shock_times, origin, n_minutes, rng):
    launch = pd.Timestamp(cfg.launch, tz="UTC")
    """Exogenous posts: background plus one decaying shock per event (minutes from origin)."""
    parts = [rng.uniform(0, n_minutes, rng.poisson(cfg.background_per_hour * n_minutes / 60))]
    for row, ts in zip(day.itertuples(), shock_times):
        t0 = (ts - origin) / pd.Timedelta(minutes=1)
        if ts == launch:
            # a slow build-up then decay over the weekend (gamma-shaped, mean ~20 h)
            n = rng.poisson(cfg.launch_posts)
            parts.append(t0 + rng.gamma(2.5, 8 * 60, n))
        else:
            n = rng.poisson(SHOCK_SIZE.get(row.event_type, 30))
            parts.append(t0 + rng.exponential(8 * 60, n))
    times = np.concatenate(parts)
    times = times[(times >= 0) & (times < n_minutes)]
    return np.sort(_thin_diurnal(times, origin, rng))


def _sentiment_probs(times_min, tilts) -> np.ndarray:
    """Probabilities (n, 3) in SENTIMENTS order at each time, given event tilts."""
    logits = np.tile([BASE_LOGITS[s] for s in SENTIMENTS], (len(times_min), 1)).astype(float)
    for t0, label, size, tau_h in tilts:
        dt = times_min - t0
        effect = np.where(dt >= 0, size * np.exp(-np.clip(dt, 0, None) / (tau_h * 60)), 0.0)
        logits[:, SENTIMENTS.index(label)] += effect
    logits -= logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    return p / p.sum(axis=1, keepdims=True)


def _draw_categorical(probs: np.ndarray, rng) -> np.ndarray:
    u = rng.random((len(probs), 1))
    return (probs.cumsum(axis=1) < u).sum(axis=1)


def _posts(cfg, events, origin, n_minutes, rng) -> pd.DataFrame:
    launch = pd.Timestamp(cfg.launch, tz="UTC")
    day = _day_events(events, origin, origin + pd.Timedelta(minutes=n_minutes))
    shock_times = _event_times(day, rng, launch)
    tilts = []
    for row, ts in zip(day.itertuples(), shock_times):
        label, size, tau = TILT.get(row.event_type, ("negative", 0.2, 24))
        if ts == launch:
            size, tau = 1.5, 60
        tilts.append(((ts - origin) / pd.Timedelta(minutes=1), label, size, tau))
    lang_p = np.array(LANG_MIX)

    t = _immigrants(cfg, day, shock_times, origin, n_minutes, rng)
    n0 = len(t)
    sent = _draw_categorical(_sentiment_probs(t, tilts), rng)
    cols = {
        "t": [t], "parent": [np.full(n0, -1)], "root": [np.arange(n0)],
        "is_repost": [np.zeros(n0, bool)], "reply": [np.zeros(n0, bool)],
        "sentiment": [sent], "lang": [rng.choice(len(SIM_LANGS), n0, p=lang_p)],
        "ops": [_draw_ops(n0, rng, len(cfg.pages))],
    }
    flat = {k: v[0] for k, v in cols.items()}
    frontier = np.arange(n0)
    total = n0
    while len(frontier):
        kids = rng.poisson(cfg.branching, len(frontier))
        parents = np.repeat(frontier, kids)
        m = len(parents)
        if m == 0:
            break
        tt = flat["t"][parents] + rng.exponential(cfg.kernel_minutes, m)
        root = flat["root"][parents]
        repost = rng.random(m) < cfg.repost_share
        keep_sent = repost | (rng.random(m) < 0.75)
        fresh = _draw_categorical(_sentiment_probs(tt, tilts), rng)
        keep_lang = repost | (rng.random(m) < 0.6)
        new = {
            "t": tt, "parent": parents, "is_repost": repost,
            "reply": ~repost & (rng.random(m) < 0.5),
            "sentiment": np.where(keep_sent, flat["sentiment"][root], fresh),
            "lang": np.where(keep_lang, flat["lang"][root], rng.choice(len(SIM_LANGS), m, p=lang_p)),
            "ops": np.where(repost | (rng.random(m) < 0.8), flat["ops"][root],
                            _draw_ops(m, rng, len(cfg.pages))),
        }
        ids = np.arange(total, total + m)
        new["root"] = np.where(repost, root, ids)  # a reply or new post is its own root
        for k in flat:
            flat[k] = np.concatenate([flat[k], new[k]])
        total += m
        frontier = ids[tt < n_minutes]
    return _post_frame(flat, origin, n_minutes, cfg, rng)


#: How often a post names each page, by the page's rank in the campaign file.
PAGE_SHARES = (0.6, 0.4, 0.35)


def _draw_ops(n, rng, n_pages: int = 3) -> np.ndarray:
    """Bitmask of pages a post targets (bit i = the campaign's i-th page); at least one."""
    shares = [PAGE_SHARES[i] if i < len(PAGE_SHARES) else 0.3 for i in range(n_pages)]
    bits = (rng.random((n, n_pages)) < shares) @ (1 << np.arange(n_pages))
    return np.where(bits == 0, 1, bits)


def _post_frame(flat, origin, n_minutes, cfg, rng) -> pd.DataFrame:
    n = len(flat["t"])
    keep = flat["t"] < n_minutes
    order = np.argsort(flat["t"], kind="stable")
    order = order[keep[order]]
    new_index = np.full(n, -1)
    new_index[order] = np.arange(len(order))
    weights = 1.0 / np.arange(1, cfg.n_authors + 1) ** 1.1
    authors = rng.choice(cfg.n_authors, len(order), p=weights / weights.sum())
    created = origin + pd.to_timedelta(np.round(flat["t"][order] * 60_000), unit="ms")
    parent = flat["parent"][order]
    return pd.DataFrame({
        "created_at": created.as_unit("ns"),
        "is_repost": flat["is_repost"][order],
        "root": new_index[flat["root"][order]],
        "parent": np.where(parent >= 0, new_index[np.maximum(parent, 0)], -1),
        "reply": flat["reply"][order],
        "sentiment": np.array(SENTIMENTS)[flat["sentiment"][order]],
        "lang": np.array(SIM_LANGS)[flat["lang"][order]],
        "ops": flat["ops"][order],
        "author": authors,
    })


def operators_of(mask: int, pages: tuple[str, ...] = OPERATORS) -> list[str]:
    """Pages encoded in a post's bitmask.

    >>> operators_of(5)
    ['maroc_telecom', 'meditel']
    """
    return [op for i, op in enumerate(pages) if mask & (1 << i)]


# --------------------------------------------------------------------------- likes
def negative_per_minute(posts: pd.DataFrame, origin: pd.Timestamp, n_minutes: int) -> np.ndarray:
    """Planted negative original posts per minute: the driver of the unlikes."""
    neg = posts[(~posts["is_repost"]) & (posts["sentiment"] == "negative")]
    minute = ((neg["created_at"] - origin) // pd.Timedelta(minutes=1)).to_numpy()
    return np.bincount(minute[(minute >= 0) & (minute < n_minutes)], minlength=n_minutes)


def _drift(n, sd, rng) -> np.ndarray:
    """Slowly varying multiplicative churn (AR(1) over minutes, ~12 h memory)."""
    rho = 1 - 1 / 720
    z = lfilter([np.sqrt(1 - rho**2)], [1, -rho], rng.standard_normal(n))
    return np.exp(sd * z - sd**2 / 2)


def _likes(cfg, posts, origin, n_minutes, lag, targets, sizes, rng):
    neg = negative_per_minute(posts, origin, n_minutes)
    driver = np.concatenate([np.zeros(lag), neg[: n_minutes - lag]])
    minutes = origin + pd.to_timedelta(np.arange(n_minutes), unit="min")
    launch = pd.Timestamp(cfg.launch, tz="UTC")
    in_cal = (minutes >= launch) & (minutes < pd.Timestamp(cfg.calibration_end, tz="UTC"))
    launch_i = int((launch - origin) / pd.Timedelta(minutes=1))
    likes, unlikes, ks = {}, {}, {}
    for page in cfg.pages:
        churn = cfg.churn_per_min.get(page, 0.2) * _drift(n_minutes, cfg.drift_sd, rng)
        gain = cfg.gain_per_min.get(page, 0.3)
        k = 0.0
        if cfg.coupling and in_cal.any() and driver[in_cal].sum() > 0:
            # expected net loss over the window = target  =>  solve for k
            k = (targets[page]["target"] - (churn[in_cal].sum() - gain * in_cal.sum())) / driver[
                in_cal
            ].sum()
        lost = rng.poisson(churn + k * driver)
        won = rng.poisson(gain, n_minutes)
        net = np.cumsum(won - lost)
        anchor = net[launch_i - 1] if 0 < launch_i <= n_minutes else 0
        likes[page] = (sizes[page] + net - anchor).astype(np.int64)
        unlikes[page] = lost
        ks[page] = float(k)
    idx = pd.DatetimeIndex(minutes, name="minute")
    return pd.DataFrame(likes, index=idx), pd.DataFrame(unlikes, index=idx), ks


def _tracker(likes_minute: pd.DataFrame, rng, launch: pd.Timestamp = LAUNCH) -> tuple[pd.DataFrame, list[dict]]:
    """Irregular snapshots per page, dense around the launch, with planted outages."""
    origin, end = likes_minute.index[0], likes_minute.index[-1]
    dense0 = launch - pd.Timedelta(hours=8)  # from 8 h before the launch ...
    dense1 = (launch + pd.Timedelta(days=10)).ceil("D")  # ... to ten days after
    spring = launch.normalize() + pd.Timedelta(days=35)  # the long outage starts after this
    rows, outages = [], []
    for page in likes_minute.columns:
        span = (end - origin) / pd.Timedelta(seconds=1)
        times, s = [], 0.0
        while s < span:
            ts = origin + pd.Timedelta(seconds=s)
            dense = dense0 <= ts < dense1
            s += rng.uniform(45, 150) if dense else rng.uniform(40 * 60, 240 * 60)
            times.append(s)
        times = np.array(times[:-1])
        cuts = [  # two short outages after the calibration window, one long one in spring
            (rng.uniform(3.0, 10.0) * 86400, rng.uniform(40, 180) * 60, dense0),
            (rng.uniform(3.0, 10.0) * 86400, rng.uniform(40, 180) * 60, dense0),
            (rng.uniform(0, 20) * 86400, rng.uniform(2, 5) * 86400, spring),
        ]
        for offset, length, base in cuts:
            a = (base - origin) / pd.Timedelta(seconds=1) + offset
            times = times[(times < a) | (times >= a + length)]
            outages.append({"page": page, "start": str(origin + pd.Timedelta(seconds=a)),
                            "end": str(origin + pd.Timedelta(seconds=a + length))})
        stamp = origin + pd.to_timedelta(np.round(times), unit="s")
        minute_i = ((stamp - origin) // pd.Timedelta(minutes=1)).to_numpy()
        # a snapshot sees the count reached at the end of the previous whole minute
        values = likes_minute[page].to_numpy()[np.clip(minute_i - 1, 0, len(likes_minute) - 1)]
        rows.append(pd.DataFrame({"timestamp": stamp, "page": page, "likes": values}))
    tracker = pd.concat(rows).sort_values(["timestamp", "page"], kind="stable").reset_index(drop=True)
    return tracker, outages


# --------------------------------------------------------------------------- driver
def simulate(config: SimConfig | None = None, events=None, figures=None) -> Simulation:
    """Run one seeded simulation in memory (no texts). Same config, same output."""
    cfg = config or SimConfig()
    if events is None or (figures is None and cfg.loss_targets is None):
        from analysis import reference

        folder = Path(cfg.events_folder) if cfg.events_folder else None
        events = reference.load_events(folder) if events is None else events
        if cfg.loss_targets is None and figures is None:
            figures = reference.load_reported_figures()
    rng = np.random.default_rng(cfg.seed)
    lag = cfg.lag_minutes
    if lag is None:
        lag = int(rng.integers(cfg.lag_range[0], cfg.lag_range[1] + 1))
    cfg = replace(cfg, lag_minutes=lag)
    origin = pd.Timestamp(cfg.start, tz="UTC")
    n_minutes = int((pd.Timestamp(cfg.end, tz="UTC") - origin) / pd.Timedelta(minutes=1))
    if cfg.loss_targets is None:
        targets = calibration_targets(figures)
        sizes = page_sizes(targets, figures)
    else:
        targets = {page: {"target": float(n), "how": "set in the campaign file (a SIMULATED assumption, "
                                                     "not a reported figure)", "source_url": ""}
                   for page, n in cfg.loss_targets.items()}
        sizes = {page: int(n) for page, n in cfg.page_sizes.items()}
    posts = _posts(cfg, events, origin, n_minutes, rng)
    likes, unlikes, ks = _likes(cfg, posts, origin, n_minutes, lag, targets, sizes, rng)
    tracker, outages = _tracker(likes, rng, pd.Timestamp(cfg.launch, tz="UTC"))
    truth = _truth(cfg, posts, likes, unlikes, ks, targets, sizes, outages)
    return Simulation(cfg, posts, likes, unlikes, tracker, truth)


def _truth(cfg, posts, likes, unlikes, ks, targets, sizes, outages) -> dict:
    at = likes.index
    launch = pd.Timestamp(cfg.launch, tz="UTC")
    calibration_end = pd.Timestamp(cfg.calibration_end, tz="UTC")
    realised, peaks = {}, {}
    for page in cfg.pages:
        before = likes[page][at < launch]
        after = likes[page][at < calibration_end]
        if len(before) and len(after) and at[-1] >= calibration_end:
            realised[page] = int(before.iloc[-1] - after.iloc[-1])
        window = unlikes[page][(at >= launch) & (at < launch + pd.Timedelta(days=3))]
        if len(window):
            peaks[page] = round(float(window.rolling(10).mean().max()), 1)
    return {
        "simulated": True,
        "generator": f"analysis.simulate v{VERSION}",
        "config": {k: v for k, v in asdict(cfg).items()},
        "seed": cfg.seed,
        "coupling": cfg.coupling,
        "lag_minutes": cfg.lag_minutes,
        "k_unlikes_per_negative_post": ks,
        "driver": "negative original posts per minute (reposts excluded), lagged by lag_minutes",
        "launch_utc": str(launch),
        "calibration_window_utc": [str(launch), str(calibration_end)],
        "calibration_targets": targets,
        "page_size_at_launch": sizes,
        "net_loss_launch_to_calibration_end": realised,
        "peak_unlikes_per_min_10min_mean": peaks,
        "tracker_outages": outages,
        "n_posts": int(len(posts)),
        "n_reposts": int(posts["is_repost"].sum()),
        "n_negative_originals": int(((~posts["is_repost"]) & (posts["sentiment"] == "negative")).sum()),
    }
