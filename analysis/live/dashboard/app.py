"""The dashboard's state (pure functions) and the Starlette app that serves it.

Why Starlette and uvicorn: the page needs three JSON/HTML routes, static files and one
server-sent event stream. Starlette gives exactly that (``StreamingResponse``,
``StaticFiles``) as a small, typed, widely used ASGI toolkit, and uvicorn is its
standard server; a Bokeh or Panel server would bring a large JavaScript runtime and its
own widget model for a page that shows four numbers and one chart.
"""

from __future__ import annotations

import asyncio
import html
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from string import Template

import pandas as pd

from analysis.campaign import Campaign, localized
from analysis.live import store, summary
from analysis.live.dashboard.strings import DEFAULT_LABEL, STRINGS

HERE = Path(__file__).parent
STATIC = HERE / "static"
#: Points per page sent to the browser at most (older points are thinned, never invented).
MAX_POINTS = 3000


@dataclass
class DashboardConfig:
    campaign: Campaign
    likes: Path
    posts: Path | None = None
    lang: str = "en"
    refresh: float = 5.0
    days_since: str | None = None
    _cache: dict = field(default_factory=dict)

    def check(self) -> None:
        """Refuse, before serving, what would only fail later in the browser."""
        if self.lang not in STRINGS:
            raise ValueError(f"--lang {self.lang!r}: use one of {', '.join(STRINGS)}")
        if self.posts is not None and not Path(self.posts).exists():
            raise ValueError(f"{self.posts}: no such file (--posts)")
        if Path(self.likes).suffix.lower() not in store.SUFFIXES:
            raise ValueError(f"{self.likes}: the like table must be .parquet or .csv (--likes)")
        if self.days_since is not None:
            summary.days_counter(self.campaign, pd.Timestamp.now(tz="UTC"), self.days_since, self.events())

    def events(self) -> pd.DataFrame | None:
        path = self.campaign.events
        return pd.read_csv(path, dtype=str, keep_default_na=False) if path else None


# --------------------------------------------------------------------------- state
def _stamp(path: Path | None) -> tuple | None:
    try:
        stat = Path(path).stat()
    except (OSError, TypeError):
        return None
    return stat.st_mtime_ns, stat.st_size


def read_likes(config: DashboardConfig) -> pd.DataFrame:
    """The like table, re-read only when the tracker has rewritten it."""
    stamp = _stamp(config.likes)
    cached = config._cache.get("likes")
    if cached and cached[0] == stamp:
        return cached[1]
    table = store.read_likes(config.likes) if stamp else store.read_likes(Path("/nonexistent.parquet"))
    config._cache["likes"] = (stamp, table)
    return table


def series(likes: pd.DataFrame, page: str) -> list[list]:
    """``[[epoch seconds…], [likes…]]`` for one page, with ``None`` where the record has a gap.

    A gap is a step longer than three times the usual step between counts: the chart
    breaks the line there instead of drawing a loss nobody observed.

    >>> t = pd.to_datetime(["2026-01-01 10:00", "2026-01-01 10:01", "2026-01-01 10:02",
    ...                     "2026-01-01 10:10"], utc=True)
    >>> series(pd.DataFrame({"page": "x", "observed_at": t, "likes": [9, 8, 7, 5]}), "x")
    [[1767261600, 1767261660, 1767261720, 1767261960, 1767262200], [9, 8, 7, None, 5]]
    """
    rows = likes[likes["page"] == page].dropna(subset=["likes"]).sort_values("observed_at")
    if len(rows) > MAX_POINTS:
        rows = rows.iloc[:: math.ceil(len(rows) / MAX_POINTS)]
    seconds = _epoch_seconds(rows["observed_at"])
    counts = [int(v) for v in rows["likes"]]
    steps = pd.Series(seconds).diff().dropna()
    limit = 3 * steps.median() if len(steps) else math.inf
    xs, ys = [], []
    for i, (t, n) in enumerate(zip(seconds, counts)):
        if i and t - seconds[i - 1] > limit:
            xs.append((t + seconds[i - 1]) // 2)
            ys.append(None)
        xs.append(t)
        ys.append(n)
    return [xs, ys]


def _epoch_seconds(times: pd.Series) -> list[int]:
    """Whole seconds since 1970 (whatever the time unit the table was stored with)."""
    return ((times - pd.Timestamp(0, tz="UTC")) // pd.Timedelta("1s")).astype(int).tolist()


def page_status(config: DashboardConfig) -> dict[str, dict]:
    """Each page's latest poll log row: whether the tracker is reading it now."""
    path = store.poll_log_path(config.likes)
    stamp = _stamp(path)
    cached = config._cache.get("polls")
    if not (cached and cached[0] == stamp):
        log = store.read_poll_log(path) if stamp else pd.DataFrame(columns=list(store.POLL_COLUMNS))
        latest = log.sort_values("poll_at").groupby("page").tail(1) if len(log) else log
        cached = (stamp, {r["page"]: {"status": r["status"], "error": r["error"] or ""}
                          for r in latest.to_dict("records")})
        config._cache["polls"] = cached
    return cached[1]


def posts_series(path: Path | None, window: str = "24h") -> dict | None:
    """Posts per 10 minutes over the last ``window`` of a growing post table, and the
    share labelled negative (when the table has a ``sentiment`` column)."""
    if path is None or not Path(path).exists():
        return None
    from analysis.io import read_table

    posts = read_table(path)
    if "created_at" not in posts.columns or not len(posts):
        return None
    times = pd.to_datetime(posts["created_at"], utc=True)
    recent = posts[times >= times.max() - pd.Timedelta(window)].assign(created_at=times)
    binned = recent.set_index("created_at").resample("10min")
    counts = binned.size()
    out = {"t": _epoch_seconds(counts.index.to_series()), "posts": counts.astype(int).tolist()}
    if "sentiment" in recent.columns:
        share = binned["sentiment"].apply(lambda s: float((s == "negative").mean()) if len(s) else None)
        out["negative_share"] = [None if v is None or pd.isna(v) else round(v, 3) for v in share]
    return out


def _jsonable_counter(counter: dict | None, lang: str) -> dict | None:
    if counter is None:
        return None
    label = localized(counter["label"], lang) if counter["label"] else DEFAULT_LABEL[lang]
    starts = [{"id": s["id"], "date": s["date"].date().isoformat(), "days": s["days"],
               "note": localized(s["note"], lang), "event": s.get("event"), "source": s.get("source")}
              for s in counter["starts"]]
    end = counter["end"]
    if end:
        end = {"date": end["date"].date().isoformat(), "note": localized(end["note"], lang),
               "event": end.get("event"), "source": end.get("source")}
    return {"label": label, "starts": starts, "end": end, "running": counter["running"]}


def build_state(config: DashboardConfig, now: pd.Timestamp | None = None) -> dict:
    """Everything the page shows, as JSON-ready data."""
    now = now or pd.Timestamp.now(tz="UTC")
    camp, lang = config.campaign, config.lang
    likes = read_likes(config)
    statuses = page_status(config)
    pages = []
    for page in camp.pages:
        s = summary.page_summary(likes, page.id, camp.launch).to_json()
        s.update(name=localized(page.name, lang), colour=page.colour,
                 poll=statuses.get(page.id, {"status": "", "error": ""}))
        pages.append(s)
    counter = summary.days_counter(camp, now, config.days_since, config.events())
    return {
        "generated_at": now.isoformat(),
        "title": localized(camp.title, lang),
        "pages": pages,
        "counter": _jsonable_counter(counter, lang),
        "series": {page.id: series(likes, page.id) for page in camp.pages},
        "posts": posts_series(config.posts),
        "rows": len(likes),
        "simulated": read_from_this_machine(likes),
    }


def read_from_this_machine(likes: pd.DataFrame) -> bool:
    """Whether any count came from a loopback address: a local fake, not a real page.

    >>> read_from_this_machine(pd.DataFrame({"source": ["http://127.0.0.1:8765/v19.0/meditel"]}))
    True
    """
    from urllib.parse import urlsplit

    hosts = {urlsplit(str(u)).hostname for u in likes["source"].dropna().unique()}
    return any(h and (h == "localhost" or h.startswith("127.") or h == "::1") for h in hosts)


# --------------------------------------------------------------------------- app
def render_page(config: DashboardConfig) -> str:
    lang = config.lang
    words = STRINGS[lang]
    template = Template((HERE / "page.html").read_text(encoding="utf-8"))
    return template.substitute(
        lang=lang, dir="rtl" if lang == "ar" else "ltr",
        title=html.escape(localized(config.campaign.title, lang)),
        strings=html.escape(json.dumps(words, ensure_ascii=False)),
        refresh=f"{config.refresh:g}",
        waiting=html.escape(words["waiting"]),
        chart_title=html.escape(words["chart_title"]),
        posts_title=html.escape(words["posts_title"]),
        recorded=html.escape(f"{words['recorded_in']} {config.likes}"),
    )


def make_app(config: DashboardConfig):
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, JSONResponse, StreamingResponse
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    async def index(request: Request):
        return HTMLResponse(render_page(config))

    async def state(request: Request):
        return JSONResponse(build_state(config))

    async def stream(request: Request):
        async def events():
            last = None
            while True:
                current = (_stamp(config.likes), _stamp(store.poll_log_path(config.likes)),
                           _stamp(config.posts), pd.Timestamp.now(tz="UTC").date())
                if current != last:
                    last = current
                    yield f"data: {json.dumps(build_state(config), ensure_ascii=False)}\n\n"
                else:
                    yield ": still here\n\n"  # keeps proxies from closing an idle stream
                await asyncio.sleep(config.refresh)
                if await request.is_disconnected():
                    break

        return StreamingResponse(events(), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})

    return Starlette(routes=[
        Route("/", index),
        Route("/api/state", state),
        Route("/api/stream", stream),
        Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
    ])


def serve(config: DashboardConfig, host: str = "127.0.0.1", port: int = 8050) -> None:
    import uvicorn

    uvicorn.run(make_app(config), host=host, port=port, log_level="warning",
                timeout_graceful_shutdown=2)
