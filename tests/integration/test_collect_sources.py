"""The other sources through the command line: twarc, snscrape JSONL/live, CSV, likes, export."""

import json

import pandas as pd
import pytest

from analysis import schema
from analysis.cli import main
from analysis.collect import snscrape_live
from analysis.io import read_posts, read_table, write_posts

# Fixtures are not real data; the warning itself is tested once below.
pytestmark = pytest.mark.filterwarnings("ignore:OPEUNLIKE_PSEUDONYM_KEY is not set")


def test_collect_twarc_pages_and_flat_lines(fixtures_dir, tmp_path, capsys):
    out = tmp_path / "t.parquet"
    code = main(["collect", "twarc", str(fixtures_dir / "collect" / "twarc_pages.jsonl"),
                 str(fixtures_dir / "collect" / "twarc_flat.jsonl"), "--out", str(out), "--json",
                 "--no-progress"])
    assert code == 0
    posts = read_posts(out)
    assert sorted(posts["post_id"]) == ["twitter:20", "twitter:21", "twitter:30"]
    assert json.loads(capsys.readouterr().out)["duplicates"] == 1  # tweet 20 in data and includes


def test_collect_snscrape_jsonl_rejects_unknown_items(fixtures_dir, tmp_path):
    out = tmp_path / "s.parquet"
    assert main(["collect", "snscrape-jsonl", str(fixtures_dir / "collect" / "snscrape.jsonl"),
                 "--out", str(out), "--no-progress"]) == 0
    assert sorted(read_posts(out)["platform"]) == ["telegram", "twitter"]
    rejects = pd.read_csv(tmp_path / "private" / "s.rejects.csv")
    assert rejects["reason"].str.contains("unsupported snscrape item").all()
    assert rejects["source"].str.endswith("snscrape.jsonl:3").all()


def test_collect_csv_crowdtangle(fixtures_dir, tmp_path):
    out = tmp_path / "c.parquet"
    assert main(["collect", "csv", str(fixtures_dir / "collect" / "crowdtangle_utf16.csv"),
                 "--preset", "crowdtangle", "--out", str(out)]) == 0
    assert len(read_posts(out)) == 3
    assert len(pd.read_csv(tmp_path / "private" / "c.rejects.csv")) == 2


class _DeadScraper:
    """Stands in for snscrape's Twitter scraper, which fails like the real one since 2023."""

    def __init__(self, *args, **kwargs):
        pass

    def get_items(self):
        yield from ()
        raise Exception("4 requests to https://api.twitter.com/2/search/adaptive.json failed, "
                        "giving up.")


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # raised by snscrape's own imports
def test_snscrape_live_twitter_fails_with_one_clear_message(tmp_path, capsys, monkeypatch):
    import snscrape.modules.twitter

    monkeypatch.setattr(snscrape.modules.twitter, "TwitterSearchScraper", _DeadScraper)
    monkeypatch.setattr(snscrape_live.time, "sleep", lambda s: None)
    out = tmp_path / "live.parquet"
    code = main(["collect", "snscrape", "twitter", "#OpeUnlike since:2016-02-26", "--out", str(out)])
    err = capsys.readouterr().err
    assert code != 0
    assert "'twitter'" in err and "dead since 2023" in err
    assert err.count("error:") == 1 and "Traceback" not in err
    assert not out.exists() and not list(tmp_path.iterdir())


def test_snscrape_live_retries_are_bounded(monkeypatch):
    attempts = []

    class Flaky:
        def get_items(self):
            attempts.append(1)
            raise OSError("network unreachable")

    monkeypatch.setattr(snscrape_live.time, "sleep", lambda s: None)
    with pytest.raises(snscrape_live.ScrapeError, match="telegram"):
        snscrape_live.scrape("telegram", "somechannel", retries=2,
                             scraper_factory=lambda m, q: Flaky())
    assert len(attempts) == 3


def test_likes_import_cli(fixtures_dir, tmp_path):
    out = tmp_path / "likes.parquet"
    assert main(["likes", "import", str(fixtures_dir / "collect" / "tracker.csv"), "-o", str(out)]) == 0
    likes = read_table(out)
    assert list(likes.columns) == list(schema.LIKE_COLUMNS) and len(likes) == 2


def test_export_ids_writes_native_ids_only(tmp_path):
    from analysis.collect import sample_posts

    posts = sample_posts()
    table = tmp_path / "p.parquet"
    write_posts(posts, table)
    assert main(["export", "ids", str(table), "-o", str(tmp_path / "ids.txt")]) == 0
    ids = (tmp_path / "ids.txt").read_text().split()
    assert len(ids) == len(posts) and all(i.isdigit() for i in ids)


def test_archive_cli_prints_json_summary(tmp_path, capsys):
    from analysis import paths

    out = tmp_path / "a.parquet"
    assert main(["collect", "archive", str(paths.SAMPLE), "--out", str(out), "--json",
                 "--match", "hashtags", "--no-progress"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["written"] == len(read_posts(out))
    assert summary["rejected_total"] == 4


def test_archive_cli_missing_path_is_a_user_error(tmp_path, capsys):
    code = main(["collect", "archive", str(tmp_path / "nope"), "--out", str(tmp_path / "x.parquet")])
    assert code == 2 and "no such file" in capsys.readouterr().err


def test_expand_cli_writes_table_and_figure(tmp_path):
    from analysis.collect import sample_posts

    table = tmp_path / "p.parquet"
    write_posts(sample_posts(), table)
    out = tmp_path / "rank.csv"
    assert main(["collect", "expand", str(table), "--min-support", "2", "-o", str(out),
                 "--figure", "test_expand"]) == 0
    ranking = pd.read_csv(out)
    assert len(ranking) > 0 and ranking["support"].min() >= 2


def test_real_data_without_a_key_gets_the_generated_private_key(fixtures_dir, tmp_path,
                                                                monkeypatch, capsys):
    from analysis import privacy

    monkeypatch.delenv(privacy.KEY_ENV, raising=False)
    monkeypatch.setenv(privacy.CONFIG_ENV, str(tmp_path / "config"))
    out = tmp_path / "t.parquet"
    assert main(["collect", "twarc", str(fixtures_dir / "collect" / "twarc_flat.jsonl"),
                 "--out", str(out), "--no-progress"]) == 0
    err = capsys.readouterr().err
    assert err.count("generated your private pseudonymisation key") == 1
    authors = set(read_posts(out)["author_id"].dropna())
    raw_ids = {json.loads(line).get("author_id") for line in
               (fixtures_dir / "collect" / "twarc_flat.jsonl").read_text().splitlines() if line}
    demo = {privacy.pseudonymise(i, key=privacy.DEMO_KEY) for i in raw_ids if i}
    assert authors and not authors & demo
