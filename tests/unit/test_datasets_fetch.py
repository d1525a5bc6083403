"""``fetch`` against a local 127.0.0.1 server serving the upstream-format fixtures."""

from __future__ import annotations

import dataclasses
import hashlib
import json

import pytest

from analysis.cli import main
from analysis.datasets import REGISTRY, ChecksumError, read_tsv
from analysis.datasets.fetch import LOCK_NAME, fetch_corpus
from analysis.datasets.registry import UpstreamFile

pytestmark = pytest.mark.network


def _serve_xlmt(server, fixtures_dir, corpus_id="xlmt_french", tamper=None):
    corpus = REGISTRY[corpus_id]
    for role, upstream in corpus.files.items():
        body = (fixtures_dir / "upstream" / corpus_id / upstream.path.rsplit("/", 1)[-1]).read_bytes()
        if role == tamper:
            body += b"tampered\n"
        server.routes[corpus.url(role, host="")] = (200, {}, body)  # "/repo/commit/path"
    return corpus


def _with_real_checksums(corpus, fixtures_dir):
    files = {role: UpstreamFile(f.path, hashlib.sha256(
        (fixtures_dir / "upstream" / corpus.id / f.path.rsplit("/", 1)[-1]).read_bytes()
    ).hexdigest()) for role, f in corpus.files.items()}
    return dataclasses.replace(corpus, files=files)


def test_fetch_writes_normalised_splits_when_checksums_match(local_server, fixtures_dir, tmp_path):
    corpus = _with_real_checksums(_serve_xlmt(local_server, fixtures_dir), fixtures_dir)
    counts = fetch_corpus(corpus, tmp_path, host=local_server.url)
    assert counts == {"train": 3, "dev": 2}
    dev = read_tsv(tmp_path / "corpora/xlmt_french/dev.tsv")
    assert dev.text.tolist()[1] == "Bravo & merci @user"  # entity unescaped
    assert (tmp_path / "raw/xlmt_french/train_text.txt").is_file()


def test_fetch_refuses_a_checksum_mismatch_and_writes_nothing(local_server, fixtures_dir, tmp_path):
    corpus = _with_real_checksums(
        _serve_xlmt(local_server, fixtures_dir, tamper="val_text"), fixtures_dir)
    with pytest.raises(ChecksumError, match="checksum mismatch for .*val_text.txt"):
        fetch_corpus(corpus, tmp_path, host=local_server.url)
    assert not (tmp_path / "corpora").exists() and not (tmp_path / "raw").exists()


def test_fetch_refuses_unknown_checksums_without_trust_on_first_use(
        local_server, fixtures_dir, tmp_path):
    corpus = _serve_xlmt(local_server, fixtures_dir)
    with pytest.raises(ChecksumError, match="no known sha256.*--trust-on-first-use"):
        fetch_corpus(corpus, tmp_path, host=local_server.url)


def test_trust_on_first_use_records_then_enforces_the_lock(local_server, fixtures_dir, tmp_path):
    corpus = _serve_xlmt(local_server, fixtures_dir)
    fetch_corpus(corpus, tmp_path, host=local_server.url, trust_on_first_use=True)
    lock = json.loads((tmp_path / LOCK_NAME).read_text())
    assert set(lock) == {corpus.url(role) for role in corpus.files}  # canonical URLs, not mirror
    _serve_xlmt(local_server, fixtures_dir, tamper="train_labels")
    with pytest.raises(ChecksumError, match="checksum mismatch"):
        fetch_corpus(corpus, tmp_path, host=local_server.url, trust_on_first_use=True)


def test_cli_fetch_reports_a_mismatch_as_a_clean_error(local_server, fixtures_dir, tmp_path, capsys):
    _serve_xlmt(local_server, fixtures_dir)
    code = main(["data", "fetch", "xlmt_french", "--dest", str(tmp_path),
                 "--mirror", local_server.url])
    assert code == 3
    assert "no known sha256" in capsys.readouterr().err


def test_registry_pins_full_commits_and_states_unknown_checksums_honestly():
    for corpus in REGISTRY.values():
        assert len(corpus.commit) == 40
        assert corpus.licence and corpus.citation
        assert all(f.sha256 is None or len(f.sha256) == 64 for f in corpus.files.values())
