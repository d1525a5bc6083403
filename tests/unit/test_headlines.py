"""Headlines say only what the tests found: significant, not significant and mixed results."""

import pandas as pd
import pytest

from analysis import headlines

STEP = pd.Timedelta("10min")
NAMES = {"maroc_telecom": "Maroc Telecom", "inwi": "Inwi", "meditel": "Meditel"}
SPAN = (pd.Timestamp("2016-02-28 08:00", tz="UTC"), pd.Timestamp("2016-02-28 16:00", tz="UTC"))


def ccf(significant_lags: dict[int, float] | None = None) -> pd.DataFrame:
    """A CCF table over lags -3..6 whose only significant lags are ``{lag: ccf}``."""
    lags = list(range(-3, 7))
    sig = significant_lags or {}
    return pd.DataFrame({"lag": lags, "ccf": [sig.get(h, 0.05) for h in lags],
                         "significant": [h in sig for h in lags]})


LAG_CASES = [
    # (case, tables, must contain, must not contain)
    ("nothing significant",
     {"maroc_telecom": ccf(), "inwi": ccf(), "meditel": ccf()},
     ["Likes lost and negative posts on 3 pages", "28 Feb 2016", "10-minute bins",
      "no lag significant at 5 %"],
     ["followed", "tracking"]),
    ("all pages, same lag",
     {"maroc_telecom": ccf({3: 0.4}), "inwi": ccf({3: 0.5}), "meditel": ccf({3: 0.3})},
     ["Unlikes followed negative posts by 30 minutes on all 3 pages"],
     ["no significant lag"]),
    ("mixed: one page only, its own lag",
     {"maroc_telecom": ccf(), "inwi": ccf({4: 0.4}), "meditel": ccf()},
     ["by 40 minutes on Inwi", "no significant lag on Maroc Telecom and Meditel"],
     ["all 3 pages", "25 minutes"]),
    ("mixed: two pages with different lags",
     {"maroc_telecom": ccf({2: 0.3}), "inwi": ccf({4: 0.4}), "meditel": ccf()},
     ["Maroc Telecom (20 min) and Inwi (40 min)", "no significant lag on Meditel"],
     ["all 3 pages"]),
    ("a significant lag before zero is not 'followed'",
     {"inwi": ccf({-2: 0.6})},
     ["no lag significant"],
     ["followed"]),
    ("a negative correlation is not 'followed'",
     {"inwi": ccf({2: -0.4}), "meditel": ccf()},
     ["Fewer unlikes came after negative posts on Inwi (20 min)"],
     ["followed"]),
]


@pytest.mark.parametrize("case, tables, present, absent", LAG_CASES, ids=[c[0] for c in LAG_CASES])
def test_headline_lag(case, tables, present, absent):
    text = headlines.headline_lag(tables, STEP, NAMES, SPAN)
    for phrase in present:
        assert phrase in text, (case, text)
    for phrase in absent:
        assert phrase not in text, (case, text)


def loss(pages: dict[str, list[float]], start="2016-02-28 08:00") -> pd.DataFrame:
    """A long loss table, one row per bin and page (NaN = tracker gap)."""
    rows = []
    for page, values in pages.items():
        bins = pd.date_range(start, periods=len(values), freq=STEP, tz="UTC")
        rows.append(pd.DataFrame({"page": page, "bin_start": bins, "lost": values}))
    return pd.concat(rows, ignore_index=True)


EIGHT_HOURS = [100.0] * 48  # 48 ten-minute bins
CAMPAIGN_CASES = [
    ("lag not tested: no claim about tracking",
     loss({"meditel": EIGHT_HOURS}), None,
     ["Meditel lost at least 4,800 likes in 8 hours (28 Feb 2016)", "lag not tested"],
     ["tracking", "4 days"]),
    ("tested, nothing significant",
     loss({"meditel": EIGHT_HOURS, "inwi": [1.0] * 48}), {"meditel": ccf(), "inwi": ccf()},
     ["Meditel lost at least 4,800 likes in 8 hours", "no page's losses tracked negative posts"],
     ["tracking negative posts"]),
    ("significant for the top page, with its own lag",
     loss({"meditel": EIGHT_HOURS, "inwi": [1.0] * 48}), {"meditel": ccf({2: 0.4}), "inwi": ccf()},
     ["the losses tracking negative posts 20 minutes later", "(on no other page)"],
     ["also on"]),
    ("significant for another page only",
     loss({"meditel": EIGHT_HOURS, "inwi": [1.0] * 48}), {"meditel": ccf(), "inwi": ccf({4: 0.4})},
     ["losses tracked negative posts on Inwi only"],
     ["the losses tracking"]),
    ("duration from the data's span, gaps not counted as zero",
     loss({"inwi": [10.0] * 6 + [float("nan")] * 6 + [10.0] * 6}), None,
     ["Inwi lost at least 120 likes in 3 hours"],
     ["days"]),
    ("four days of data say four days",
     loss({"inwi": [1.0] * (4 * 144)}, start="2016-02-26 12:00"), None,
     ["in 4 days (26 Feb – 1 Mar 2016)"], []),
]


@pytest.mark.parametrize("case, table, tables, present, absent", CAMPAIGN_CASES,
                         ids=[c[0] for c in CAMPAIGN_CASES])
def test_headline_campaign(case, table, tables, present, absent):
    text = headlines.headline_campaign(table, tables, STEP, NAMES)
    for phrase in present:
        assert phrase in text, (case, text)
    for phrase in absent:
        assert phrase not in text, (case, text)


def test_headline_campaign_without_likes():
    empty = pd.DataFrame(columns=["page", "bin_start", "lost"])
    assert headlines.headline_campaign(empty, None, STEP, NAMES) == "No like counts were observed in this window"


def study(rows: list[tuple[str, float, bool]]) -> pd.DataFrame:
    """An event-study table: (metric, abnormal, significant) per event day."""
    return pd.DataFrame({"metric": [r[0] for r in rows], "abnormal": [r[1] for r in rows],
                         "significant": [r[2] for r in rows], "p_adjusted": [0.01 if r[2] else 0.5 for r in rows]})


EVENT_CASES = [
    ("none significant", study([("posts", 3.0, False), ("posts", -1.0, False)]),
     "None of 2 event days moved posting volume beyond ordinary days (Benjamini-Hochberg)"),
    ("all up", study([("posts", 3.0, True), ("posts", 2.0, True), ("posts", 1.0, False)]),
     "2 of 3 event days moved posting volume beyond ordinary days (up; Benjamini-Hochberg)"),
    ("mixed directions", study([("posts", 3.0, True), ("posts", -2.0, True)]),
     "2 of 2 event days moved posting volume beyond ordinary days (1 up, 1 down; Benjamini-Hochberg)"),
    ("other metrics are not counted", study([("posts", 3.0, False), ("likes_lost", 9.0, True)]),
     "None of 1 event days moved posting volume beyond ordinary days (Benjamini-Hochberg)"),
    ("nothing tested", study([]), "No event day could be tested for posting volume"),
]


@pytest.mark.parametrize("case, table, expected", EVENT_CASES, ids=[c[0] for c in EVENT_CASES])
def test_headline_event_study(case, table, expected):
    assert headlines.headline_event_study(table, "posts", "fdr_bh") == expected


COUNTER_CASES = [
    ("one start", pd.DataFrame({"date": ["d"], "confirmed": [304]}), {},
     "304 days under the VoIP block"),
    ("starts that agree are not repeated", pd.DataFrame({"date": ["d"], "a": [10], "b": [10]}), {"b": "from b"},
     "10 days under the VoIP block"),
    ("the first other count that differs is named", pd.DataFrame({"date": ["d"], "a": [304], "b": [309], "c": [274]}),
     {"b": "from 31 Dec 2015", "c": "as coded"}, "304 days under the VoIP block; 309 from 31 Dec 2015"),
]


@pytest.mark.parametrize("case, counter, notes, expected", COUNTER_CASES, ids=[c[0] for c in COUNTER_CASES])
def test_headline_counter(case, counter, notes, expected):
    assert headlines.headline_counter(counter, "days under the VoIP block", notes) == expected


@pytest.mark.parametrize("span, text", [
    (pd.Timedelta("8h"), "8 hours"), (pd.Timedelta("1h"), "1 hour"), (pd.Timedelta("150min"), "2 h 30 min"),
    (pd.Timedelta("4D"), "4 days"), (pd.Timedelta("30h"), "1 day 6 h"), (pd.Timedelta("40min"), "40 minutes"),
])
def test_duration_text(span, text):
    assert headlines.duration_text(span) == text
