"""Wayback like counts against a real HTTP server on 127.0.0.1 (never web.archive.org)."""

import json

import pytest

from analysis.cli import main
from analysis.collect import wayback

pytestmark = pytest.mark.network

PAGE = "https://www.facebook.com/MarocTelecom"
CAPTURES = {"20160226120000": "en.html", "20160226123000": "en.html",  # same hour: collapsed
            "20160227090000": "fr.html", "20160228100000": "ar.html",
            "20160229110000": "json.html", "20160301080000": "login.html"}


@pytest.fixture
def archive(local_server, fixtures_dir):
    folder = fixtures_dir / "collect" / "wayback"
    rows = [["timestamp", "original", "statuscode"]]
    rows += [[ts, PAGE, "200"] for ts in sorted(CAPTURES)]
    local_server.routes["/cdx"] = (200, {"Content-Type": "application/json"},
                                   json.dumps(rows).encode())
    for ts, name in CAPTURES.items():
        local_server.routes[f"/web/{ts}id_/{PAGE}"] = (200, {"Content-Type": "text/html"},
                                                      (folder / name).read_bytes())
    return local_server


def _run(server, cache, **kw):
    fetcher = wayback.Fetcher(cache_dir=cache, min_interval=0.0)
    return wayback.wayback_likes("maroc_telecom", "2016-02-01", "2016-03-31", urls=[PAGE],
                                 cdx_url=f"{server.url}/cdx", snapshot_url=f"{server.url}/web",
                                 fetcher=fetcher, **kw), fetcher


def test_like_series_from_captures(archive, tmp_path):
    (likes, rejects, summary), _ = _run(archive, tmp_path / "cache")
    assert list(likes["likes"]) == [2450114, 2309870, 2260000, 2205500]
    assert list(likes["parser"]) == ["wayback:en", "wayback:fr", "wayback:ar", "wayback:json"]
    assert str(likes["observed_at"].iloc[0]) == "2016-02-26 12:00:00+00:00"
    assert likes["source"].iloc[0].endswith("/web/20160226120000id_/" + PAGE)


def test_cdx_request_asks_for_status_200_and_hourly_collapse(archive, tmp_path):
    _run(archive, tmp_path / "cache")
    cdx = [r for r in archive.requests if r.startswith("/cdx")][0]
    assert "filter=statuscode%3A200" in cdx and "collapse=timestamp%3A10" in cdx


def test_login_wall_is_counted_and_reported(archive, tmp_path):
    (likes, rejects, summary), _ = _run(archive, tmp_path / "cache")
    assert summary.rejected["login wall"] == 1
    assert list(rejects["reason"]) == ["login wall"]


def test_rerun_uses_the_cache_and_makes_no_request(archive, tmp_path):
    _run(archive, tmp_path / "cache")
    before = len(archive.requests)
    (likes, _, _), fetcher = _run(archive, tmp_path / "cache")
    assert len(archive.requests) == before and fetcher.network_requests == 0
    assert len(likes) == 4


def test_killed_run_resumes_where_it_stopped(archive, tmp_path):
    cache = tmp_path / "cache"
    fetcher = wayback.Fetcher(cache_dir=cache, min_interval=0.0)
    fetcher.get(f"{archive.url}/web/20160226120000id_/{PAGE}")  # fetched before the kill
    archive.requests.clear()
    _run(archive, cache)
    assert f"/web/20160226120000id_/{PAGE}" not in archive.requests
    assert f"/web/20160227090000id_/{PAGE}" in archive.requests


def test_requests_are_spaced_by_the_rate_limit(archive, tmp_path):
    waits = []
    fetcher = wayback.Fetcher(cache_dir=tmp_path / "c", min_interval=5.0, sleep=waits.append)
    wayback.wayback_likes("maroc_telecom", "2016-02-01", "2016-03-31", urls=[PAGE],
                          cdx_url=f"{archive.url}/cdx", snapshot_url=f"{archive.url}/web",
                          fetcher=fetcher)
    assert len(waits) == fetcher.network_requests - 1 and all(0 < w <= 5.0 for w in waits)


def test_server_errors_are_retried_then_not_cached(local_server, tmp_path):
    local_server.routes["/flaky"] = (503, {}, b"busy")
    fetcher = wayback.Fetcher(cache_dir=tmp_path / "c", min_interval=0.0, retries=2,
                              sleep=lambda s: None)
    status, _ = fetcher.get(f"{local_server.url}/flaky")
    assert status == 503 and local_server.requests.count("/flaky") == 3
    assert not list((tmp_path / "c").glob("*.json"))


def test_wayback_cli_against_local_server(archive, tmp_path, capsys):
    out = tmp_path / "likes.parquet"
    code = main(["likes", "wayback", "--page", "maroc_telecom", "--from", "2016-02-01",
                 "--to", "2016-03-31", "--out", str(out), "--cdx-url", f"{archive.url}/cdx",
                 "--snapshot-url", f"{archive.url}/web", "--cache", str(tmp_path / "c"),
                 "--min-interval", "0", "--json"])
    assert code == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["written"] >= 4 and summary["rejected"]["login wall"] >= 1
