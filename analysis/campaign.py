"""A campaign is data: one YAML file in ``campaigns/`` that every notebook and command reads.

A campaign file names the query (a preset or hashtags and keywords), the pages whose
likes are tracked, the sourced events file, the study window, the bins and windows of
each analysis, the languages expected, an optional days counter and the parameters of
its SIMULATED demo. :func:`load` validates it and fails with one line naming the file
and the key (``campaigns/x.yml: pages[1].colour: '#12345' is not a #RRGGBB colour``).

Room to grow without breaking old files: every section except ``name``, ``query``,
``pages`` and ``window`` is optional; any text a reader sees (``title``, a page
``name``, a counter ``label``) may be a plain string or a ``{en: …, fr: …, ar: …}``
table (read with :func:`localized`); a page may carry ``facebook`` (page id and
username) and ``source`` (how a live tracker polls it) that the analysis ignores.

Examples
--------
>>> c = load("opeunlike-2016")
>>> c.name, [p.id for p in c.pages]
('opeunlike-2016', ['maroc_telecom', 'inwi', 'meditel'])
>>> c.page_names()["inwi"], c.bin
('Inwi', '10min')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from analysis import paths

CAMPAIGNS = paths.ROOT / "campaigns"
DEFAULT = "opeunlike-2016"
FORMAT_VERSION = 1
#: Languages the package can label (``analysis.langid``).
KNOWN_LANGUAGES = ("fr", "ar", "ary", "ary_latn", "en", "other")
#: Display languages a text table may hold (the figure editions of the report).
DISPLAY_LANGUAGES = ("en", "fr", "ar")
SOURCE_KINDS = ("graph", "json", "html")

_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_TOP_KEYS = {"version", "name", "title", "description", "query", "pages", "events",
             "reported_figures", "languages", "window", "launch", "bin", "lag", "event_study",
             "counter", "simulation"}
_PAGE_KEYS = {"id", "name", "colour", "aliases", "facebook", "source"}


class CampaignError(ValueError):
    """A campaign file that cannot be used; the message names the file and the key."""


def localized(value: str | dict | None, lang: str = "en") -> str:
    """A display text in ``lang`` (falling back to English, then to any language).

    >>> localized({"en": "Inwi", "ar": "إنوي"}, "ar"), localized("Inwi", "fr")
    ('إنوي', 'Inwi')
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return value.get(lang) or value.get("en") or next(iter(value.values()), "")


@dataclass(frozen=True)
class Page:
    """One tracked page. ``facebook`` and ``source`` are for live tracking (optional)."""

    id: str
    name: str | dict
    colour: str
    aliases: tuple[str, ...] = ()
    facebook: dict = field(default_factory=dict)
    source: dict | None = None


@dataclass(frozen=True)
class Campaign:
    """A validated campaign file. Paths are absolute; times are tz-aware UTC."""

    path: Path
    name: str
    title: str | dict
    query: str | dict  # a preset name, or {"hashtags": [...], "keywords": [...]}
    pages: tuple[Page, ...]
    window: tuple[pd.Timestamp, pd.Timestamp]
    events: Path | None = None
    reported_figures: Path | None = None
    languages: tuple[str, ...] = ("fr", "ar", "ary", "ary_latn")
    launch: pd.Timestamp | None = None
    bin: str = "10min"
    lag: dict = field(default_factory=dict)
    event_study: dict = field(default_factory=dict)
    counter: dict | None = None
    simulation: dict | None = None
    description: str = ""

    # ------------------------------------------------------------------ views
    def page_ids(self) -> list[str]:
        return [p.id for p in self.pages]

    def page_names(self, lang: str = "en") -> dict[str, str]:
        return {p.id: localized(p.name, lang) for p in self.pages}

    def page_colours(self) -> dict[str, str]:
        return {p.id: p.colour for p in self.pages}

    def page_aliases(self) -> dict[str, str]:
        """Spelling (lower case) -> page id, for tracker CSVs that name pages freely."""
        out = {}
        for p in self.pages:
            for spelling in (p.id, localized(p.name, "en"), *p.aliases):
                out[spelling.strip().lower()] = p.id
        return out

    def query_object(self):
        """The :class:`analysis.collect.Query` the collector matches posts against."""
        from analysis.collect.matching import Query, load_query

        if isinstance(self.query, str):
            return load_query(self.query)
        return Query(self.name, tuple(self.query.get("hashtags") or ()),
                     tuple(self.query.get("keywords") or ()))

    def query_label(self) -> str:
        if isinstance(self.query, str):
            return f"preset {self.query}"
        tags = " ".join("#" + h for h in self.query.get("hashtags") or ())
        return tags or ", ".join(self.query.get("keywords") or ())

    def events_folder(self) -> Path | None:
        return self.events.parent if self.events else None

    def notebook_parameters(self) -> dict[str, Any]:
        """What every notebook's ``campaign`` parameter needs: the file's path."""
        return {"campaign": str(self.path)}


# --------------------------------------------------------------------------- loading
def resolve(name_or_path: str | Path | None) -> Path:
    """A campaign name (``opeunlike-2016``) or a path to a YAML file -> the file's path."""
    if name_or_path is None:
        name_or_path = DEFAULT
    path = Path(name_or_path)
    if path.suffix in (".yml", ".yaml"):
        if not path.is_absolute():
            path = (Path.cwd() / path) if (Path.cwd() / path).exists() else (paths.ROOT / path)
        return path
    return CAMPAIGNS / f"{name_or_path}.yml"


def load(name_or_path: str | Path | None = None) -> Campaign:
    """Read and validate a campaign file; raise :class:`CampaignError` naming file and key."""
    path = resolve(name_or_path)
    shown = _shown(path)
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in CAMPAIGNS.glob("*.yml")))
        raise CampaignError(f"{shown}: no such campaign file (known campaigns: {known})")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise CampaignError(f"{shown}:{where} not valid YAML ({getattr(exc, 'problem', exc)})") from None
    return _build(data, path, _Checker(shown))


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(paths.ROOT))
    except ValueError:
        return str(path)


class _Checker:
    def __init__(self, shown: str):
        self.shown = shown

    def fail(self, key: str, problem: str):
        raise CampaignError(f"{self.shown}: {key}: {problem}")

    def text(self, value, key: str, required: bool = True) -> str | dict:
        if value is None and not required:
            return ""
        if isinstance(value, str) and value.strip():
            return value.strip()
        if isinstance(value, dict) and value:
            bad = sorted(set(value) - set(DISPLAY_LANGUAGES))
            if bad:
                self.fail(key, f"unknown display language {bad[0]!r} (use {', '.join(DISPLAY_LANGUAGES)})")
            if not all(isinstance(v, str) and v.strip() for v in value.values()):
                self.fail(key, "every language needs a non-empty text")
            return dict(value)
        self.fail(key, "needs a text, or a table of texts by language (en, fr, ar)")

    def time(self, value, key: str) -> pd.Timestamp:
        try:
            ts = pd.Timestamp(str(value))
        except (ValueError, TypeError):
            self.fail(key, f"{value!r} is not a date or time (write 2016-02-26 20:00, UTC)")
        if pd.isna(ts):
            self.fail(key, "is empty")
        return ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")

    def freq(self, value, key: str) -> str:
        from analysis.preflight import BinError, parse_bin

        try:
            parse_bin(str(value))
        except BinError as exc:
            self.fail(key, str(exc))
        return str(value)

    def file(self, value, key: str) -> Path | None:
        if value in (None, ""):
            return None
        path = Path(str(value))
        path = path if path.is_absolute() else paths.ROOT / path
        if not path.is_file():
            self.fail(key, f"{value} does not exist")
        return path

    def unknown(self, data: dict, allowed: set, key: str) -> None:
        extra = sorted(set(data) - allowed)
        if extra:
            where = f"{key}." if key else ""
            self.fail(f"{where}{extra[0]}", f"unknown key (allowed: {', '.join(sorted(allowed))})")


def _build(data: Any, path: Path, c: _Checker) -> Campaign:
    if not isinstance(data, dict):
        c.fail("(top level)", "a campaign file is a YAML mapping of keys (name, query, pages, window, …)")
    c.unknown(data, _TOP_KEYS, "")
    version = data.get("version", FORMAT_VERSION)
    if version != FORMAT_VERSION:
        c.fail("version", f"{version!r} is not a format this opeunlike reads ({FORMAT_VERSION})")
    for key in ("name", "query", "pages", "window"):
        if key not in data:
            c.fail(key, "missing (every campaign needs name, query, pages and window)")
    name = str(data["name"])
    if not _SLUG.match(name):
        c.fail("name", f"{name!r} must be lower case letters, digits, - or _ (it names folders)")
    query = _query(data["query"], c)
    pages = _pages(data["pages"], c)
    window = _window(data["window"], c)
    languages = tuple(data.get("languages") or ("fr", "ar", "ary", "ary_latn"))
    for i, lang in enumerate(languages):
        if lang not in KNOWN_LANGUAGES:
            c.fail(f"languages[{i}]", f"{lang!r} is not one of {', '.join(KNOWN_LANGUAGES)}")
    lag = dict(data.get("lag") or {})
    c.unknown(lag, {"max_lag", "max_gap"}, "lag")
    if "max_gap" in lag:
        c.freq(lag["max_gap"], "lag.max_gap")
    if "max_lag" in lag and not (isinstance(lag["max_lag"], int) and lag["max_lag"] > 0):
        c.fail("lag.max_lag", "must be a whole number of bins above 0")
    study = dict(data.get("event_study") or {})
    c.unknown(study, {"bin", "post", "baseline", "n_placebo", "max_gap", "correction"}, "event_study")
    for key in ("bin", "post", "baseline", "max_gap"):
        if key in study:
            c.freq(study[key], f"event_study.{key}")
    if study.get("correction", "fdr_bh") not in ("fdr_bh", "holm"):
        c.fail("event_study.correction", "must be fdr_bh or holm")
    launch = c.time(data["launch"], "launch") if data.get("launch") else None
    return Campaign(
        path=path, name=name, title=c.text(data.get("title") or name, "title"), query=query,
        pages=pages, window=window, events=c.file(data.get("events"), "events"),
        reported_figures=c.file(data.get("reported_figures"), "reported_figures"),
        languages=languages, launch=launch, bin=c.freq(data.get("bin", "10min"), "bin"),
        lag=lag, event_study=study, counter=_counter(data.get("counter"), c),
        simulation=_simulation(data.get("simulation"), [p.id for p in pages], c),
        description=str(data.get("description") or "").strip(),
    )


def _query(value, c: _Checker) -> str | dict:
    if isinstance(value, dict):
        c.unknown(value, {"preset", "hashtags", "keywords"}, "query")
        if "preset" in value:
            value = value["preset"]
        else:
            for key in ("hashtags", "keywords"):
                items = value.get(key) or []
                if not isinstance(items, list) or not all(isinstance(x, str) and x.strip() for x in items):
                    c.fail(f"query.{key}", "must be a list of non-empty texts")
            if not (value.get("hashtags") or value.get("keywords")):
                c.fail("query", "needs hashtags or keywords (or a preset)")
            return {"hashtags": [h.lstrip("#＃") for h in value.get("hashtags") or []],
                    "keywords": list(value.get("keywords") or [])}
    if isinstance(value, str):
        from analysis.collect.matching import load_presets

        if value not in load_presets():
            c.fail("query.preset", f"unknown preset {value!r} (see analysis/config/queries.yml)")
        return value
    c.fail("query", "write {preset: NAME} or {hashtags: [...], keywords: [...]}")


def _pages(value, c: _Checker) -> tuple[Page, ...]:
    if not isinstance(value, list) or not value:
        c.fail("pages", "needs a list of at least one page (id, name, colour)")
    pages, seen = [], set()
    for i, item in enumerate(value):
        key = f"pages[{i}]"
        if not isinstance(item, dict):
            c.fail(key, "each page is a mapping with id, name and colour")
        c.unknown(item, _PAGE_KEYS, key)
        pid = str(item.get("id") or "")
        if not _SLUG.match(pid):
            c.fail(f"{key}.id", f"{pid!r} must be lower case letters, digits, - or _")
        if pid in seen:
            c.fail(f"{key}.id", f"{pid!r} is listed twice")
        seen.add(pid)
        colour = str(item.get("colour") or "")
        if not _COLOUR.match(colour):
            c.fail(f"{key}.colour", f"{colour!r} is not a #RRGGBB colour")
        facebook = dict(item.get("facebook") or {})
        c.unknown(facebook, {"page_id", "username"}, f"{key}.facebook")
        source = item.get("source")
        if source is not None:
            if not isinstance(source, dict) or source.get("kind") not in SOURCE_KINDS:
                c.fail(f"{key}.source.kind", f"must be one of {', '.join(SOURCE_KINDS)}")
        aliases = item.get("aliases") or []
        if not isinstance(aliases, list):
            c.fail(f"{key}.aliases", "must be a list of spellings")
        pages.append(Page(pid, c.text(item.get("name"), f"{key}.name"), colour,
                          tuple(str(a) for a in aliases),
                          {k: (None if v in (None, "") else str(v)) for k, v in facebook.items()},
                          dict(source) if source else None))
    return tuple(pages)


def _window(value, c: _Checker) -> tuple[pd.Timestamp, pd.Timestamp]:
    if not isinstance(value, dict) or "start" not in value or "end" not in value:
        c.fail("window", "write {start: 2016-02-26 12:00, end: 2016-03-02 00:00} (UTC)")
    c.unknown(value, {"start", "end"}, "window")
    start, end = c.time(value["start"], "window.start"), c.time(value["end"], "window.end")
    if end <= start:
        c.fail("window.end", f"{end} is not after window.start {start}")
    return start, end


def _counter(value, c: _Checker) -> dict | None:
    """Days counted from dated starts to an end (VoIP Down's days-of-block counter)."""
    if value is None:
        return None
    if not isinstance(value, dict):
        c.fail("counter", "write {label: …, starts: [{id, date, note}], end: {date, note}}")
    c.unknown(value, {"label", "starts", "end"}, "counter")
    starts = value.get("starts") or []
    if not isinstance(starts, list) or not starts:
        c.fail("counter.starts", "needs at least one dated start")
    out = []
    for i, start in enumerate(starts):
        key = f"counter.starts[{i}]"
        if not isinstance(start, dict) or not _SLUG.match(str(start.get("id", ""))):
            c.fail(f"{key}.id", "each start needs an id (lower case, digits, _)")
        c.unknown(start, {"id", "date", "event", "note"}, key)
        if not start.get("date"):
            c.fail(f"{key}.date", "missing")
        out.append({"id": start["id"], "date": c.time(start["date"], f"{key}.date"),
                    "event": start.get("event"), "note": c.text(start.get("note"), f"{key}.note", False)})
    end = value.get("end")
    end_date = None
    if end is not None:
        if not isinstance(end, dict) or not end.get("date"):
            c.fail("counter.end.date", "missing (leave out `end` for a counter that still runs)")
        c.unknown(end, {"date", "event", "note"}, "counter.end")
        end_date = {"date": c.time(end["date"], "counter.end.date"), "event": end.get("event"),
                    "note": c.text(end.get("note"), "counter.end.note", False)}
    return {"label": c.text(value.get("label"), "counter.label"), "starts": out, "end": end_date}


def _simulation(value, page_ids: list[str], c: _Checker) -> dict | None:
    """Parameters of the campaign's SIMULATED demo (:func:`analysis.simulate.config_for`)."""
    if value is None:
        return None
    if not isinstance(value, dict):
        c.fail("simulation", "write {seed, start, end, launch, …}")
    allowed = {"seed", "start", "end", "launch_posts", "calibration_end", "loss_targets",
               "page_sizes", "phrase_banks", "dense_tracking_days"}
    c.unknown(value, allowed, "simulation")
    for key in ("seed", "start", "end"):
        if key not in value:
            c.fail(f"simulation.{key}", "missing")
    out = dict(value)
    out["start"] = c.time(value["start"], "simulation.start")
    out["end"] = c.time(value["end"], "simulation.end")
    if out["end"] <= out["start"]:
        c.fail("simulation.end", "is not after simulation.start")
    if "calibration_end" in value:
        out["calibration_end"] = c.time(value["calibration_end"], "simulation.calibration_end")
    targets = value.get("loss_targets", "reported")
    if targets != "reported":
        for key in ("loss_targets", "page_sizes"):
            table = value.get(key)
            if not isinstance(table, dict) or sorted(table) != sorted(page_ids):
                c.fail(f"simulation.{key}", f"needs one number per page ({', '.join(page_ids)})")
            for page, number in table.items():
                if not isinstance(number, (int, float)) or number <= 0:
                    c.fail(f"simulation.{key}.{page}", f"{number!r} is not a positive number")
    if value.get("phrase_banks"):
        out["phrase_banks"] = c.file(value["phrase_banks"], "simulation.phrase_banks")
    return out
