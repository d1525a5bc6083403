# %% [markdown]
# # 01 · The 2016 VoIP block and #OpeUnlike: a sourced timeline
#
# **Overview.** In January 2016 Morocco's telecom regulator (ANRT) had the three
# operators block app calls (WhatsApp, Skype, Viber). On 26 February users answered
# with #OpeUnlike, withdrawing their likes from the operators' Facebook pages. This
# notebook draws the year's events and every like figure the press reported, from the
# sourced tables in `data/reference/`. Nothing here is simulated.
#
# **Prerequisites.** None beyond `make setup`; the data ships with the project.
#
# **Outputs.** `figures/timeline.{png,svg,csv}`.

# %% tags=["parameters"]
# Folder holding policy_events.csv, reported_like_figures.csv and conflicts.csv
# (None = the project's data/reference).
reference_dir = None
figure_name = "timeline"
lang = "en"  # edition of the figure: en, fr or ar (files named timeline.fr.png, …)

# %% [markdown]
# ## Imports

# %%
from pathlib import Path

from analysis import headlines, i18n, notebooks, reference
from analysis.plots import save_figure
from analysis.plots.timeline import LOSS_AXIS_CAP, timeline_data, timeline_figure

folder = Path(reference_dir) if reference_dir else None

# %% [markdown]
# ## The events
# Dates are local (Africa/Casablanca) at the precision the sources support; the table
# also gives the UTC interval each date covers. Rows tied by a `conflict` id are
# places where sources disagree (see `conflicts.csv`).

# %%
events = reference.load_events(folder)
events[["event_id", "local_date", "precision", "event_type", "title_en", "confidence", "conflict"]]

# %% [markdown]
# ## The like figures, conflicts included
# One row per printed number. Rows that disagree share a conflict id and are never
# averaged; the spread of each group shows how far the sources are apart.

# %%
figures = reference.load_reported_figures(folder)
spread = reference.conflicting(figures, quantity="likes_lost_since_campaign_start")
spread[["figure_id", "page", "observed_on", "value", "qualifier", "source_outlet",
        "group_min", "group_max"]]

# %%
# Every disagreement is declared: this table must be empty.
reference.silent_disagreements(figures)

# %% [markdown]
# ## The chart

# %%
data = timeline_data(events, figures)
block = {"start": "2016-01-05", "end": "2016-11-04"}  # the confirmed start and the restoration (E04, E48)
reported = data.loc[data["panel"] == "likes", "value"]
written = save_figure(
    timeline_figure(data, block_start=block["start"], block_end=block["end"], lang=lang),
    figure_name,
    source=i18n.t("captions.timeline.source", lang, events=len(events), figures=len(figures)),
    caption=i18n.t("captions.timeline.caption", lang),
    title=headlines.headline_timeline(reported, block["start"], block["end"], LOSS_AXIS_CAP, lang=lang),
    lang=lang,
)
written

# %% [markdown]
# ## Summary
# The block ran from early January (31 Dec 2015 in some reports) to 4 November 2016.
# Every operator page lost on the order of 100,000 likes in the first two days of
# #OpeUnlike by the press's counts, which disagree by tens of thousands: the chart
# keeps each count as printed, with its source in the CSV.

# %%
print(notebooks.versions())
