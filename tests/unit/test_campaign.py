"""Campaign files load, validate, and fail with one line naming the file and the key."""

import pandas as pd
import pytest
import yaml

from analysis import campaign
from analysis.campaign import CampaignError


def test_both_shipped_campaigns_load():
    ope = campaign.load("opeunlike-2016")
    boycott = campaign.load("campaigns/boycott-2018.yml")
    assert ope.page_ids() == ["maroc_telecom", "inwi", "meditel"]
    assert boycott.page_ids() == ["centrale_danone", "afriquia", "sidi_ali"]
    assert ope.window == (pd.Timestamp("2016-02-26 12:00", tz="UTC"), pd.Timestamp("2016-03-02", tz="UTC"))
    assert "مقاطعون" in boycott.query_object().hashtags
    assert ope.query_object().name == "opeunlike"


def test_operator_pages_carry_their_facebook_usernames_from_the_wayback_config():
    urls = yaml.safe_load((campaign.paths.CONFIG / "wayback_pages.yml").read_text(encoding="utf-8"))
    for page in campaign.load(None).pages:
        assert f"https://www.facebook.com/{page.facebook['username']}" in urls[page.id]
        assert page.facebook["page_id"] is None  # not in the project's sources: left empty


def test_every_boycott_event_cites_a_source():
    events = pd.read_csv(campaign.load("boycott-2018").events, dtype=str, keep_default_na=False)
    assert len(events) and events["source_url"].str.startswith("http").all()


def test_display_texts_may_be_localised():
    ope = campaign.load(None)
    assert ope.page_names("ar")["inwi"] == "إنوي" and ope.page_names("en")["inwi"] == "Inwi"
    assert campaign.localized("Inwi", "ar") == "Inwi"


def test_aliases_map_tracker_spellings_to_page_ids():
    aliases = campaign.load(None).page_aliases()
    assert aliases["iam"] == "maroc_telecom" and aliases["méditel"] == "meditel"


def write(tmp_path, text):
    path = tmp_path / "c.yml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """
name: demo
query: {hashtags: [OpeUnlike]}
pages: [{id: inwi, name: Inwi, colour: "#CC79A7"}]
window: {start: 2016-02-26, end: 2016-03-02}
"""

BAD = [
    ("missing window", GOOD.replace("window: {start: 2016-02-26, end: 2016-03-02}", ""), "window: missing"),
    ("typo in a key", GOOD + "bins: 10min\n", "bins: unknown key"),
    ("bad colour", GOOD.replace('"#CC79A7"', '"#12345"'), "pages[0].colour: '#12345' is not a #RRGGBB colour"),
    ("bad bin", GOOD + "bin: 15m\n", "bin: bin '15m' is not understood: did you mean 15min?"),
    ("end before start", GOOD.replace("end: 2016-03-02", "end: 2016-02-01"), "window.end:"),
    ("unknown preset", GOOD.replace("{hashtags: [OpeUnlike]}", "{preset: nope}"), "query.preset: unknown preset"),
    ("missing events file", GOOD + "events: data/reference/nope.csv\n", "events: data/reference/nope.csv does not exist"),
    ("duplicate page", GOOD.replace('pages: [{id: inwi, name: Inwi, colour: "#CC79A7"}]',
                                    'pages: [{id: inwi, name: Inwi, colour: "#CC79A7"}, '
                                    '{id: inwi, name: I, colour: "#CC79A7"}]'), "pages[1].id: 'inwi' is listed twice"),
    ("unknown language", GOOD + "languages: [fr, xx]\n", "languages[1]: 'xx' is not one of"),
    ("unknown live source", GOOD.replace('colour: "#CC79A7"}', 'colour: "#CC79A7", source: {kind: ftp}}'),
     "pages[0].source.kind: must be one of graph, json, html"),
    ("not YAML", "name: [unclosed\n", "not valid YAML"),
    ("sim targets for every page", GOOD + "simulation: {seed: 1, start: 2016-01-01, end: 2016-02-01, "
     "loss_targets: {meditel: 5}, page_sizes: {inwi: 5}}\n", "simulation.loss_targets: needs one number per page"),
]


@pytest.mark.parametrize("case, text, message", BAD, ids=[b[0] for b in BAD])
def test_invalid_files_fail_in_one_line_naming_the_file_and_key(tmp_path, case, text, message):
    with pytest.raises(CampaignError) as info:
        campaign.load(write(tmp_path, text))
    text = str(info.value)
    assert "\n" not in text and str(tmp_path / "c.yml") in text and message in text, text


def test_a_minimal_file_is_enough(tmp_path):
    c = campaign.load(write(tmp_path, GOOD))
    assert c.bin == "10min" and c.counter is None and c.simulation is None and c.events is None


def test_unknown_campaign_name_lists_the_known_ones():
    with pytest.raises(CampaignError, match="known campaigns: boycott-2018, opeunlike-2016"):
        campaign.load("nope")
