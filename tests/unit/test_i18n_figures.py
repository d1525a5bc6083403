"""No English leaks into the French and Arabic editions: the models line of a source
footer, the reasons an analysis was not run, and event names are drawn in the figure's
language (model and file names excepted), on the figure and on the report page."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis import headlines, i18n, model_words, plots, preconditions, reference, report
from analysis.plots import events, interactive, reuse, timeline
from analysis.preflight import Plan, Step
from tests.unit.test_figures import FIGURES, draw

# French and Arabic editions run in `make test`; the editing loop (test-fast) keeps English
pytestmark = pytest.mark.slow

PLACEHOLDER = re.compile(r"{\w+}")
SENTIMENT_MODELS = ("sentiment: HashedSentiment (sentiment.skops, trained on 9 corpora)",
                    "sentiment: lexicon scorer (data/lexicons)")


def english_phrases() -> set[str]:
    """The English words of every models line, skip reason and analysis name (the text
    between placeholders, two words or more, or a label ending in a colon), and the
    English title of every sourced event."""
    found = set()
    for key, text in i18n.catalogue("en").items():
        if key.split(".")[0] in ("models", "reasons", "steps"):
            for piece in PLACEHOLDER.split(text):
                piece = piece.strip(" ,;()")
                if len(piece.split()) >= 2 or piece.endswith(":"):
                    found.add(piece)
    found |= set(reference.load_events()["title_en"])
    return found


def leaks(texts: list[str]) -> list[str]:
    drawn = "\n".join(" ".join(t.split()) for t in texts)  # wrapped lines joined back
    return sorted(p for p in english_phrases() if p in drawn)


def drawn_text(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(plt.Text) if t.get_visible() and t.get_text()]


def enriched_posts() -> pd.DataFrame:
    return pd.DataFrame({"lang_model": ["trained", "rules"], "sentiment_model": list(SENTIMENT_MODELS)})


def skip_verdicts() -> dict[str, preconditions.Verdict]:
    start, end = pd.Timestamp("2016-02-26", tz="UTC"), pd.Timestamp("2016-03-02", tz="UTC")
    one_event = pd.DataFrame({"precision": ["day"], "date": [start]})
    return {
        "lag": preconditions.lag_ready(32, 12, "10min"),
        "campaign": preconditions.both(preconditions.posts_ready(None, what="original posts"),
                                       preconditions.likes_ready(pd.DataFrame(
                                           {"page": ["inwi"], "observed_at": [start]}), start, end)),
        "events": preconditions.event_study_ready(one_event, start, end, "2D", "14D"),
        "no_events": preconditions.event_study_ready(None, start, end, "2D", "14D"),
    }


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_the_english_phrases_are_found_where_they_are():
    """The check below means something: the English edition does print them."""
    fig, _ = draw("campaign_volume_likes", "en")
    plots.decorate(fig, model_words.with_models("posts.jsonl", enriched_posts(), "en"), lang="en")
    assert {"trained identifier", "language:", "sentiment:", "trained on"} <= set(leaks(drawn_text(fig)))
    reason = skip_verdicts()["lag"].text("en")
    assert leaks([reason]) and reason == skip_verdicts()["lag"].reason


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_models_line_is_in_the_figures_language(lang):
    posts = enriched_posts()
    source = model_words.with_models("posts.jsonl", posts, lang)
    fig, _ = draw("campaign_volume_likes", lang)
    plots.decorate(fig, source, title="t", lang=lang)
    assert leaks(drawn_text(fig)) == []
    for name in ("langid.skops", "HashedSentiment", "sentiment.skops", "data/lexicons"):
        assert name in source  # model and file names stay as they are
    page = interactive.page(reuse.extract(fig), title="t", source=source, simulated=False, lang=lang)
    assert leaks([page]) == []


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_language_axes_name_the_identifier_in_the_figures_language(lang):
    fig, _ = FIGURES["languages_mix"](lang)
    axis = fig.axes[0].get_xlabel()
    assert "rules" not in axis and i18n.t("models.kind_rules", lang) in axis


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("which", sorted(skip_verdicts()))
def test_skip_reasons_are_drawn_in_the_figures_language(lang, which):
    verdict = skip_verdicts()[which]
    assert not verdict.ok
    what = i18n.t("captions.lag.what", lang)
    reason = verdict.text(lang)
    fig, _ = plots.not_enough_data_figure(what, reason, lang=lang)
    plots.decorate(fig, "posts.jsonl", title=headlines.headline_skipped(what, reason, lang=lang), lang=lang)
    assert leaks(drawn_text(fig)) == []
    assert leaks([i18n.t("captions.not_computed", lang, reason=reason)]) == []


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_report_page_lists_skipped_analyses_in_its_language(lang, tmp_path):
    from analysis import campaign

    verdicts = skip_verdicts()
    plan = Plan(campaign.load(None), tmp_path / "posts.jsonl", tmp_path / "likes.csv", False, "10min",
                (pd.Timestamp("2016-02-26", tz="UTC"), pd.Timestamp("2016-03-02", tz="UTC")),
                panel={"models_by_lang": {code: model_words.models_line(enriched_posts(), code)
                                          for code in i18n.LANGS}},
                steps=[Step.of("05", "lag", verdicts["lag"], max_lag=12),
                       Step.of("05", "campaign", verdicts["campaign"]),
                       Step.of("06", "events", verdicts["events"]),
                       Step.of("06", "counter", preconditions.Verdict.no("no_counter"))])
    english = plan.to_dict("en")
    assert "needs at least 48 10min bins" in english["steps"][0]["reason"]  # the plan's own words
    index, _ = report.write_index(tmp_path, plan.to_dict(lang), lang=lang)
    page = index.read_text(encoding="utf-8")
    assert i18n.t("index.not_computed", lang) in page
    assert leaks([page]) == []


def _study_of(event_ids: list[str]) -> pd.DataFrame:
    """An event study where each of ``event_ids`` is a significant change (so it is named)."""
    known = reference.load_events().set_index("event_id")
    rows = []
    for metric in ("posts", "likes_lost", "negative_share"):
        for i, event in enumerate(event_ids):
            rows.append({"event_date": known.loc[event, "date"], "event_ids": event,
                         "event_types": known.loc[event, "event_type"], "title": known.loc[event, "title_en"],
                         "metric": metric, "baseline_mean": 1.0, "event_mean": 1.0 + 5 * (i + 1),
                         "abnormal": 5.0 * (i + 1), "placebo_low": -1.0, "placebo_high": 1.5,
                         "p_placebo": 0.01, "p_adjusted": 0.03, "significant": True})
    return pd.DataFrame(rows)


def test_every_day_event_has_a_written_name_in_every_language():
    """The event study names any dated event; each has a team-written short name."""
    day_events = reference.load_events().query("precision == 'day'")["event_id"]
    for lang in i18n.LANGS:
        missing = [e for e in day_events if f"figures.timeline.event.{e}" not in i18n.catalogue(lang)]
        assert missing == [], f"{i18n.catalogue_file(lang)}: no name for {missing}"


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_event_names_on_figures_are_in_the_figures_language(lang):
    study = _study_of(["E06", "E21", "E44"])  # events outside the timeline's numbered key
    fig, _ = events.event_study_figure(study, lang=lang)
    texts = drawn_text(fig)
    assert i18n.t("figures.timeline.event.E44", lang) in texts
    assert leaks(texts) == []
    fig, _ = timeline.timeline_figure(timeline.timeline_data(), lang=lang)
    assert leaks(drawn_text(fig)) == []


def test_an_event_without_a_written_name_is_named_by_date_and_type():
    row = {"event_ids": "B01", "event_types": "campaign", "title": "Calls for a boycott",
           "event_date": pd.Timestamp("2018-04-20", tz="UTC")}
    assert events.event_label(row, "fr") == "20 avr. · " + i18n.t("figures.timeline.kind.campaign", "fr")


PANEL_WORDS = ("data", "campaign", "posts", "posts_counts", "posts_range", "likes", "likes_counts",
               "likes_range", "window", "simulated_inputs")


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_data_panel_speaks_the_editions_language(lang):
    run = {"campaign": "OpeUnlike", "campaign_file": "campaigns/x.yml", "posts": "p.jsonl",
           "likes": "l.csv", "window": ["2016-02-26", "2016-03-02"], "bin": "10min",
           "simulated": True,
           "panel": {"posts_read": 12345, "posts_matched": 12000, "posts_rejected": 345,
                     "posts_rejects_link": "rejects.csv", "posts_duplicates": 0,
                     "posts_kept": 12000, "likes_read": 2500, "likes_kept": 2500}}
    page = report._panel_html(run, lang)
    english = [i18n.t(f"index.{key}", "en", read="", matched="", rejected="", rejects="",
                      duplicates="", kept="", window="", bin="") for key in PANEL_WORDS]
    assert [w for w in english if w in page] == []
    assert i18n.number_text(12345, lang) in page and '<a href="rejects.csv">' in page
    assert i18n.number_text(12345, lang) != "12,345"  # the edition groups digits its own way
