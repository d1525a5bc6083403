"""Check a report's inputs before any notebook runs, and say what can and cannot be computed.

``opeunlike report`` calls :func:`preflight` first. In a few seconds it checks that the
paths exist and their formats are recognised, that the bin parses, and reads the posts
and likes to find their time ranges, their overlap with the study window and the number
of bins. It returns a :class:`Plan`: one line per analysis, run or skipped with the
reason ("lag analysis needs at least 48 10min bins with both posts and likes, you have
32: skipped"). A problem that makes the whole run pointless raises
:class:`PreflightError`, whose message is one line naming the file and what to do.

The same precondition functions (:mod:`analysis.preconditions`) run again inside the
notebooks, so the plan and the figures agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import i18n, preconditions

#: Units a bin may use, and the spellings people try instead (for "did you mean").
_UNITS = {"s": "s", "min": "min", "h": "h", "D": "D"}
_ALIASES = {"m": "min", "mn": "min", "mins": "min", "minute": "min", "minutes": "min", "t": "min",
            "T": "min", "H": "h", "hr": "h", "hrs": "h", "hour": "h", "hours": "h", "d": "D",
            "day": "D", "days": "D", "sec": "s", "S": "s", "secs": "s", "second": "s", "seconds": "s"}
_BIN = re.compile(r"^\s*(\d+)\s*([A-Za-z]+)\s*$")


class BinError(ValueError):
    """A bin that does not parse; the message suggests the right spelling."""


class PreflightError(ValueError):
    """Nothing useful can be made from these inputs; the message says why and what to do."""

    def __init__(self, message: str, exit_code: int = 2):
        super().__init__(message)
        self.exit_code = exit_code


def parse_bin(text: str) -> pd.Timedelta:
    """A bin such as ``15min``, ``1h`` or ``1D`` as a Timedelta.

    >>> parse_bin("15min"), parse_bin("1h")
    (Timedelta('0 days 00:15:00'), Timedelta('0 days 01:00:00'))
    >>> parse_bin("15m")
    Traceback (most recent call last):
    ...
    analysis.preflight.BinError: bin '15m' is not understood: did you mean 15min?
    """
    match = _BIN.match(str(text))
    if not match or int(match.group(1)) == 0:
        raise BinError(f"bin {text!r} is not understood: write a number and a unit, "
                       "e.g. 15min, 1h or 1D")
    number, unit = match.groups()
    if unit in _UNITS:
        return pd.Timedelta(f"{number}{unit}")
    if unit in _ALIASES or unit.lower() in _ALIASES:
        right = _ALIASES.get(unit) or _ALIASES[unit.lower()]
        raise BinError(f"bin {text!r} is not understood: did you mean {number}{right}?")
    raise BinError(f"bin {text!r} is not understood: the unit must be s, min, h or D")


@dataclass
class Step:
    """One analysis of the report: will it run, and if not, why.

    ``what`` and ``reason`` are English (the printed plan); ``key`` names the analysis in
    the catalogue (``steps.KEY``, filled with ``values``) and ``why`` is the verdict whose
    reason :meth:`in_lang` writes in an edition's language.
    """

    notebook: str
    what: str
    ok: bool
    reason: str = ""
    key: str = ""
    values: tuple = ()
    why: preconditions.Verdict | None = None

    @classmethod
    def of(cls, notebook: str, key: str, verdict: preconditions.Verdict, **values) -> Step:
        what = i18n.t(f"steps.{key}", i18n.DEFAULT, **values)
        return cls(notebook, what, verdict.ok, verdict.reason, key, tuple(values.items()), verdict)

    def line(self) -> str:
        mark = "run " if self.ok else "skip"
        return f"  {mark}  {self.notebook}  {self.what}" + ("" if self.ok else f": {self.reason}")

    def in_lang(self, lang: str = i18n.DEFAULT) -> dict:
        """The step as the report's data panel of edition ``lang`` lists it."""
        what = i18n.t(f"steps.{self.key}", lang, **dict(self.values)) if self.key else self.what
        reason = self.why.text(lang) if self.why is not None else self.reason
        return {"notebook": self.notebook, "what": what, "ok": self.ok, "reason": reason}


@dataclass
class Plan:
    """What the report will compute, from what, and the numbers behind that decision."""

    campaign: object
    posts_path: Path
    likes_path: Path
    simulated: bool
    bin: str
    window: tuple[pd.Timestamp, pd.Timestamp]
    panel: dict = field(default_factory=dict)
    steps: list[Step] = field(default_factory=list)
    tz: str | None = None

    def skipped(self) -> list[Step]:
        return [s for s in self.steps if not s.ok]

    def to_text(self) -> str:
        p = self.panel
        lines = [f"campaign  {self.campaign.name} ({_rel(self.campaign.path)})",
                 f"posts     {_rel(self.posts_path)}: {p['posts_text']}",
                 f"likes     {_rel(self.likes_path)}: {p['likes_text']}",
                 f"window    {_span(*self.window)}; bin {self.bin}: {p['window_bins']} bins",
                 "plan"]
        lines += [s.line() for s in self.steps]
        return "\n".join(lines)

    def to_dict(self, lang: str = i18n.DEFAULT) -> dict:
        """The plan as ``run.json`` keeps it, its words (models, analyses, reasons) in ``lang``."""
        panel = {k: v for k, v in self.panel.items() if not k.endswith("_text") and k != "models_by_lang"}
        if "models_by_lang" in self.panel:
            panel["models"] = self.panel["models_by_lang"][lang]
        return {"campaign": self.campaign.name, "campaign_file": _rel(self.campaign.path),
                "posts": _rel(self.posts_path), "likes": _rel(self.likes_path),
                "simulated": self.simulated, "bin": self.bin,
                "window": [str(self.window[0]), str(self.window[1])],
                "panel": panel, "steps": [s.in_lang(lang) for s in self.steps]}


def _rel(path) -> str:
    from analysis import paths

    try:
        return str(Path(path).resolve().relative_to(paths.ROOT))
    except ValueError:
        return str(path)


def _span(start, end) -> str:
    if start is None or pd.isna(start):
        return "no data"
    return f"{pd.Timestamp(start):%Y-%m-%d %H:%M} – {pd.Timestamp(end):%Y-%m-%d %H:%M} UTC"


def _window(campaign, window) -> tuple[pd.Timestamp, pd.Timestamp]:
    if not window:
        return campaign.window
    try:
        start, end = (pd.Timestamp(w) for w in window)
    except ValueError as exc:
        raise PreflightError(f"--window {' '.join(window)}: {exc}; write --window 2016-02-26 2016-03-02") from None
    start = start.tz_localize("UTC") if start.tzinfo is None else start.tz_convert("UTC")
    end = end.tz_localize("UTC") if end.tzinfo is None else end.tz_convert("UTC")
    if end <= start:
        raise PreflightError(f"--window {' '.join(window)}: the end is not after the start")
    return start, end


def _input_path(value, what: str) -> Path:
    path = Path(value).expanduser()
    if not path.exists():
        raise PreflightError(f"{value}: no such file or folder (--{what}); check the path")
    return path.resolve()  # the notebooks run in another folder: relative paths would break there


def preflight(campaign, posts=None, likes=None, bin=None, window=None, tz=None) -> Plan:
    """Check the inputs of a report and plan it; raise :class:`PreflightError` if pointless."""
    from analysis import pipeline
    from analysis.collect import sniff

    bin = bin or campaign.bin
    try:
        parse_bin(bin)
    except BinError as exc:
        raise PreflightError(f"--bin: {exc}") from None
    window = _window(campaign, window)
    # paths and formats first: a wrong path must fail in a second, not after the notebooks
    posts_path = _input_path(posts, "posts") if posts else None
    likes_path = _input_path(likes, "likes") if likes else None
    if posts_path is not None and sniff.sniff(posts_path) not in ("stream-grab", "post-table"):
        raise PreflightError(f"{posts}: {sniff.advice(posts_path, 'stream-grab')}, then pass the "
                             "post table as --posts")
    if likes_path is not None and sniff.sniff(likes_path) not in ("tracker-csv", "like-table"):
        raise PreflightError(f"{likes}: {sniff.advice(likes_path, 'tracker-csv')}")
    try:
        inputs = pipeline.resolve_inputs(posts_path, likes_path, campaign)
    except ValueError as exc:  # no simulation section and no data given
        raise PreflightError(str(exc)) from None

    panel: dict = {}
    posts_table = _read_posts(inputs.posts, campaign, panel)
    likes_table = _read_likes(inputs.likes, campaign, tz, panel)
    if not len(posts_table) and not len(likes_table):
        raise PreflightError(
            f"{_rel(inputs.posts)} and {_rel(inputs.likes)}: no post matched and no like snapshot "
            f"was kept ({panel['posts_text']}; {panel['likes_text']}); nothing to analyse", 3)
    plan = Plan(campaign, inputs.posts, inputs.likes, inputs.simulated, bin, window, panel, tz=tz)
    _ranges(plan, posts_table, likes_table)
    plan.steps = _steps(plan, posts_table, likes_table)
    return plan


def _read_posts(path: Path, campaign, panel: dict) -> pd.DataFrame:
    from analysis import pipeline

    try:
        posts = pipeline.enrich_posts(path, query=campaign.query_object())
    except ValueError as exc:
        raise PreflightError(str(exc)) from None
    record = pipeline.collect_record(pipeline.cache_path(path, campaign.query_object())) or {}
    panel.update(
        posts_read=record.get("lines", len(posts)), posts_matched=record.get("matched", len(posts)),
        posts_rejected=record.get("rejected_total", 0), posts_duplicates=record.get("duplicates", 0),
        posts_kept=len(posts), posts_rejects_file=record.get("rejects_file"),
        models_by_lang={lang: pipeline.models_used(posts, lang) or i18n.t("models.none", lang)
                        for lang in i18n.LANGS},
    )
    panel["models"] = panel["models_by_lang"][i18n.DEFAULT]
    rejected = f", {panel['posts_rejected']:,} rejected" if panel["posts_rejected"] else ""
    panel["posts_text"] = (f"{panel['posts_read']:,} lines read, {panel['posts_matched']:,} posts matched "
                           f"the query ({campaign.query_label()}){rejected}, "
                           f"{panel['posts_duplicates']:,} duplicates, {len(posts):,} kept")
    return posts


def _read_likes(path: Path, campaign, tz, panel: dict) -> pd.DataFrame:
    from analysis import pipeline

    try:
        result = pipeline.read_likes(path, tz=tz, campaign=campaign)
    except ValueError as exc:
        raise PreflightError(str(exc)) from None
    likes, rejects, summary = result
    panel.update(likes_read=summary.lines or len(likes), likes_rejected=len(rejects),
                 likes_kept=len(likes), likes_pages=sorted(set(likes["page"])) if len(likes) else [],
                 likes_rejects=rejects, likes_reasons=dict(rejects["reason"].value_counts()) if len(rejects) else {})
    text = f"{panel['likes_read']:,} snapshots read, {len(likes):,} kept"
    if len(rejects):
        top = rejects["reason"].value_counts().index[0]
        text += f", {len(rejects):,} rejected (most often: {top})"
    panel["likes_text"] = text + (f"; pages {', '.join(panel['likes_pages'])}" if len(likes) else "")
    return likes


def _ranges(plan: Plan, posts: pd.DataFrame, likes: pd.DataFrame) -> None:
    start, end = plan.window
    step = parse_bin(plan.bin)
    p = plan.panel
    p["posts_range"] = [str(posts["created_at"].min()), str(posts["created_at"].max())] if len(posts) else None
    p["likes_range"] = [str(likes["observed_at"].min()), str(likes["observed_at"].max())] if len(likes) else None
    in_window = (posts["created_at"] >= start) & (posts["created_at"] < end) if len(posts) else []
    p["posts_in_window"] = int(pd.Series(in_window).sum()) if len(posts) else 0
    p["likes_in_window"] = int(((likes["observed_at"] >= start) & (likes["observed_at"] < end)).sum()) \
        if len(likes) else 0
    p["window_bins"] = int((end - start) / step)
    p["posts_text"] += f"; {_span(*(p['posts_range'] or [None, None]))}, {p['posts_in_window']:,} in the window"
    p["likes_text"] += f"; {_span(*(p['likes_range'] or [None, None]))}, {p['likes_in_window']:,} in the window"


def lag_bins(posts: pd.DataFrame, likes: pd.DataFrame, bin: str, max_gap: str, start, end) -> dict[str, int]:
    """Per page, the longest run of bins in the window with both a post count and a loss.

    Post counts exist only over the span the posts cover; losses only where the
    tracker has snapshots at most ``max_gap`` apart.
    """
    from analysis import likes as like_series, timeseries

    if not len(posts) or not len(likes):
        return {}
    volume = timeseries.volume(posts, bin, start=start, end=end)
    inside = (volume.index >= posts["created_at"].min().floor(bin)) & (volume.index <= posts["created_at"].max())
    negative = volume["posts"].where(inside)
    loss = like_series.loss_rate(likes, bin, max_gap, start=start, end=end)
    lost = like_series.loss_wide(loss, "lost").reindex(volume.index)
    return {page: preconditions.complete_bins(negative, lost[page]) for page in lost.columns}


def _steps(plan: Plan, posts: pd.DataFrame, likes: pd.DataFrame) -> list[Step]:
    c = plan.campaign
    start, end = plan.window
    Verdict = preconditions.Verdict
    steps = [Step.of("01", "timeline", Verdict(True) if c.events is not None and c.reported_figures is not None
                     else Verdict.no("no_reported_figures"))]
    has_posts = preconditions.posts_ready(posts)
    originals = posts[~posts["is_repost"].astype(bool)] if len(posts) else posts
    has_originals = preconditions.posts_ready(originals, what="original posts")
    steps.append(Step.of("02", "collect", has_posts))
    steps.append(Step.of("03", "languages", has_originals))
    steps.append(Step.of("04", "sentiment", has_originals))
    in_window = preconditions.posts_ready(posts, start, end)
    likes_in = preconditions.likes_ready(likes, start, end)
    steps.append(Step.of("05", "campaign", Verdict(True) if in_window.ok or likes_in.ok
                         else preconditions.both(in_window, likes_in)))
    max_lag = int(c.lag.get("max_lag", 12))
    max_gap = c.lag.get("max_gap", "30min")
    if not in_window.ok:
        verdict = in_window
    elif not likes_in.ok:
        verdict = likes_in
    else:
        bins = lag_bins(posts, likes, plan.bin, max_gap, start, end)
        plan.panel["lag_bins"] = bins
        verdict = preconditions.lag_ready(max(bins.values(), default=0), max_lag, plan.bin)
    steps.append(Step.of("05", "lag", verdict, max_lag=max_lag))
    study = c.event_study
    if len(posts):
        lo, hi = posts["created_at"].min().floor("D"), posts["created_at"].max().ceil("D")
        from analysis import reference

        events = reference.load_events(c.events_folder()) if c.events else None
        verdict = preconditions.event_study_ready(events, lo, hi, study.get("post", "2D"),
                                                  study.get("baseline", "14D"))
    else:
        verdict = has_posts
    steps.append(Step.of("06", "events", verdict))
    steps.append(Step.of("06", "counter", Verdict(True) if c.counter is not None else Verdict.no("no_counter")))
    return steps
