"""Real files no one here wrote (tests/fixtures/real/, sources and licences in its README).

Each collector reads them without a traceback; every record is kept, rejected with
its line and reason, or counted as a notice.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.cli import main
from analysis.collect import collect_lines, wayback
from analysis.io import read_table, rejects_path

pytestmark = pytest.mark.network


@pytest.fixture
def real(fixtures_dir):
    return fixtures_dir / "real"


def _wayback(server, cache, start="2000-01-01", end="2020-12-31"):
    fetcher = wayback.Fetcher(cache_dir=cache, min_interval=0.0)
    return wayback.wayback_likes("maroc_telecom", start, end, urls=["https://example.org/"],
                                 cdx_url=f"{server.url}/cdx", snapshot_url=f"{server.url}/web",
                                 fetcher=fetcher)


def test_impossible_cdx_timestamps_reject_one_capture_each(real, fixtures_dir, local_server,
                                                           tmp_path, capsys):
    """EDGI's CDX lines include 20000012170449 (month 00): one reject, never a crash."""
    cdx = (real / "edgi-wayback" / "bad_timestamp_cdx.txt").read_bytes()
    local_server.routes["/cdx"] = (200, {"Content-Type": "text/plain"}, cdx)
    page = (fixtures_dir / "collect" / "wayback" / "en.html").read_bytes()
    valid = {"20011120210446": "http://www.usatoday.com:80/2000/century/tech/003d.htm",
             "20000125210430": "http://www.usatoday.com:80/2000/century/tech/004.htm",
             "20000311052312": "http://www.usatoday.com:80/2000/century/tech/004.htm"}
    for ts, url in valid.items():
        local_server.routes[f"/web/{ts}id_/{url}"] = (200, {"Content-Type": "text/html"}, page)
    out = tmp_path / "likes.parquet"
    argv = ["likes", "wayback", "--page", "maroc_telecom", "--from", "2000-01-01",
            "--to", "2020-12-31", "--out", str(out), "--cdx-url", f"{local_server.url}/cdx",
            "--snapshot-url", f"{local_server.url}/web", "--cache", str(tmp_path / "cache"),
            "--min-interval", "0", "--json"]
    for _ in range(2):  # the rerun reads the cached reply and must not crash either
        assert main(argv) == 0
        assert "Traceback" not in capsys.readouterr().err
        likes = read_table(out)
        rejects = pd.read_csv(rejects_path(out))
        impossible = rejects[rejects["reason"].str.startswith("capture timestamp")]
        queries = len(wayback.page_urls("maroc_telecom"))  # the reply is served for each
        found = impossible["reason"].str.extract(r"'(\d+)'")[0]
        assert sorted(set(found)) == ["20000012170449", "20000800241623"]
        assert len(found) == 2 * queries
        assert impossible["source"].str.contains(r"/cdx\?.*:\d+$").all()  # query:line
        assert len(likes) == 3


def test_recorded_cdx_reply_of_the_real_index_is_read_line_by_line(real, local_server, tmp_path):
    """A real CDX page (EDGI cassette): revisits, redirects, a resume key; all accounted."""
    text = (real / "edgi-wayback" / "dw_cdx_reply.txt").read_text()
    local_server.routes["/cdx"] = (200, {"Content-Type": "text/plain"}, text.encode())
    (likes, rejects, summary) = _wayback(local_server, tmp_path / "cache")
    records, bad = wayback.parse_cdx(text)
    ok_hours = {r["timestamp"][:10] for _, r in records if r.get("statuscode") == "200"}
    assert not bad and len(records) == len([line for line in text.splitlines() if line.strip()])
    # every capture with status 200 was fetched once per hour (the local server has none)
    assert summary.lines == len(ok_hours)
    assert (rejects["reason"] == "capture HTTP 404").sum() == len(ok_hours)
    assert likes.empty


@pytest.mark.parametrize("name", ["malformed_cdx.txt", "zero_length_cdx.txt"])
def test_other_edgi_cdx_files_are_read_without_error(real, local_server, tmp_path, name):
    text = (real / "edgi-wayback" / name).read_text()
    local_server.routes["/cdx"] = (200, {"Content-Type": "text/plain"}, text.encode())
    _, rejects, summary = _wayback(local_server, tmp_path / "cache")
    records, bad = wayback.parse_cdx(text)
    assert len(records) + len(bad) == len([line for line in text.splitlines() if line.strip()])
    assert summary.lines + (rejects["reason"].str.startswith("capture timestamp")).sum() \
        <= len(records)


def test_twarc_csv_page_keeps_every_tweet_once(real, tmp_path):
    path = real / "twarc-csv" / "two_tweets.jsonl"
    result = collect_lines([path], fmt="twarc", query=None, keep_handles=True)
    assert sorted(result.posts["post_id"]) == ["twitter:1391677057810288641",
                                               "twitter:1394735776701816833"]
    assert result.rejects.empty


def test_author_missing_from_includes_users_falls_back_to_author_id(real, tmp_path):
    """Withheld or suspended authors are absent from includes.users (issue 10, real case 2)."""
    page = json.loads((real / "twarc-csv" / "two_tweets.jsonl").read_text())
    page["includes"]["users"] = []  # what the API returns for withheld/suspended accounts
    path = tmp_path / "withheld_authors.jsonl"
    path.write_text(json.dumps(page) + "\n")
    result = collect_lines([path], fmt="twarc", query=None, keep_handles=True)
    assert sorted(result.posts["author_id"]) == ["1379899464345923590", "1380086327023169540"]
    assert result.rejects.empty


@pytest.mark.parametrize("name", ["compliance.json", "tweets_compliance.jsonl"])
def test_twarc_compliance_events_are_notices_not_rejects(real, name, tmp_path, capsys):
    out = tmp_path / "c.parquet"
    assert main(["collect", "twarc", str(real / "twarc-csv" / name), "--out", str(out), "--query", "all",
                 "--json", "--no-progress"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["notices"] == {"compliance": 2} and summary["rejected_total"] == 0
