"""The per-user pseudonymisation key: generated once, private, never the public demo key."""

from __future__ import annotations

import json
import stat

import pytest

from analysis import paths, privacy
from analysis.collect import collect_archive


@pytest.fixture
def fresh_config(tmp_path, monkeypatch):
    monkeypatch.delenv(privacy.KEY_ENV, raising=False)
    monkeypatch.setenv(privacy.CONFIG_ENV, str(tmp_path / "config"))
    return tmp_path / "config"


def test_first_use_generates_a_private_key_and_says_so_once(fresh_config, capsys):
    first = privacy.pseudonymise("12345")
    second = privacy.pseudonymise("12345")
    err = capsys.readouterr().err
    key_file = fresh_config / privacy.KEY_FILE
    assert first == second
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert len(key_file.read_text().strip()) == 64
    assert err.count("generated your private pseudonymisation key") == 1
    assert len(err.strip().splitlines()) == 1 and str(key_file) in err


def test_real_data_is_not_hashed_with_the_public_demo_key(fresh_config):
    assert privacy.pseudonymise("12345") != privacy.pseudonymise("12345", key=privacy.DEMO_KEY)


def test_environment_key_wins(fresh_config, monkeypatch):
    monkeypatch.setenv(privacy.KEY_ENV, "team-secret")
    assert privacy.pseudonymise("x") == privacy.pseudonymise("x", key="team-secret")
    assert not (fresh_config / privacy.KEY_FILE).exists()


def _tweet_file(folder, name="in.json"):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps({"id_str": "1", "created_at": "Fri Feb 26 21:03:11 +0000 2016",
                                "text": "#OpeUnlike", "user": {"id_str": "106"}}) + "\n")
    return path


def test_collecting_real_data_uses_the_user_key(fresh_config, tmp_path):
    posts = collect_archive(_tweet_file(tmp_path / "real")).posts
    assert posts["author_id"].iloc[0] == privacy.pseudonymise("106", key=privacy.user_key())


def test_only_the_shipped_demo_data_uses_the_demo_key(fresh_config):
    assert privacy.key_for_inputs([paths.SAMPLE / "opeunlike_sample.json"]) == privacy.DEMO_KEY
    assert privacy.key_for_inputs([paths.SIMULATED / "x_SIMULATED.json.bz2"]) == privacy.DEMO_KEY
    assert privacy.key_for_inputs([paths.SAMPLE, "/tmp/elsewhere.json"]) != privacy.DEMO_KEY


def test_parallel_workers_hash_with_the_parent_key(fresh_config, tmp_path):
    folder = tmp_path / "real"
    _tweet_file(folder, "a.json")
    _tweet_file(folder, "b.json").write_text(
        json.dumps({"id_str": "2", "created_at": "Fri Feb 26 21:03:11 +0000 2016",
                    "text": "#OpeUnlike", "user": {"id_str": "106"}}) + "\n")
    posts = collect_archive(folder, jobs=2).posts
    assert set(posts["author_id"]) == {privacy.pseudonymise("106", key=privacy.user_key())}
