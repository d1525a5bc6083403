"""``fetch`` against a local 127.0.0.1 server serving the upstream-format fixtures.

The fixtures are small files written by the team in each upstream format, so their
sha256 differ from the pinned production ones: tests that must succeed hand the
fetcher copies of the registry entries carrying the fixtures' own checksums
(:meth:`Corpus.with_checksums`); the production pins stay as they are.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest

from analysis import paths
from analysis.cli import main
from analysis.datasets import (
    FETCH_ORDER, REGISTRY, ChecksumError, FetchError, HeldOutRequired, fetch, read_tsv,
)
from analysis.datasets.fetch import LOCK_NAME, PROVENANCE_NAME, fetch_corpus

pytestmark = pytest.mark.network

UPSTREAM_TSV = paths.ROOT.parent / "shared" / "corpora" / "UPSTREAM.tsv"
FIXTURE_FOLDER = {"afrisenti_ary": "afrisenti"}


def _fixture(fixtures_dir, corpus_id, path) -> Path:
    folder = FIXTURE_FOLDER.get(corpus_id, corpus_id)
    return fixtures_dir / "upstream" / folder / Path(path).name


def _serve(server, fixtures_dir, corpus_id, tamper=None):
    """Serve a corpus' fixtures at its production paths; return a copy carrying the
    fixtures' own checksums (``tamper``: a role whose served bytes are altered after)."""
    corpus = REGISTRY[corpus_id]
    checksums = {}
    for role, upstream in corpus.files.items():
        body = _fixture(fixtures_dir, corpus_id, upstream.path).read_bytes()
        checksums[role] = hashlib.sha256(body).hexdigest()
        if role == tamper:
            body += b"tampered\n"
        server.routes[corpus.url(role, host="")] = (200, {}, body)  # "/repo/commit/path"
    return corpus.with_checksums(checksums)


def test_fetch_writes_normalised_splits_when_checksums_match(local_server, fixtures_dir, tmp_path):
    corpus = _serve(local_server, fixtures_dir, "xlmt_french")
    result = fetch_corpus(corpus, tmp_path, host=local_server.url)
    assert result.counts == {"train": 3, "dev": 2}
    dev = read_tsv(tmp_path / "corpora/xlmt_french/dev.tsv")
    assert dev.text.tolist()[1] == "Bravo & merci @user"  # entity unescaped
    assert (tmp_path / "raw/xlmt_french/train_text.txt").is_file()


def test_fetch_refuses_a_checksum_mismatch_and_writes_nothing(local_server, fixtures_dir, tmp_path):
    corpus = _serve(local_server, fixtures_dir, "xlmt_french", tamper="val_text")
    with pytest.raises(ChecksumError, match="checksum mismatch for .*val_text.txt"):
        fetch_corpus(corpus, tmp_path, host=local_server.url)
    assert not (tmp_path / "corpora").exists() and not (tmp_path / "raw").exists()


def test_cli_refuses_a_download_that_differs_from_the_pinned_sha256_in_one_line(
        local_server, fixtures_dir, tmp_path, capsys):
    # The production registry, unchanged: the fixture's bytes are not AJGT's.
    _serve(local_server, fixtures_dir, "ajgt")
    code = main(["data", "fetch", "ajgt", "--dest", str(tmp_path), "--mirror", local_server.url])
    err = capsys.readouterr().err
    pinned = REGISTRY["ajgt"].files["corpus"].sha256
    served = hashlib.sha256((fixtures_dir / "upstream/ajgt/AJGT.xlsx").read_bytes()).hexdigest()
    errors = [line for line in err.splitlines() if "opeunlike: error:" in line]
    assert code == 3 and len(errors) == 1 and err.count("opeunlike: error:") == 1
    assert f"{local_server.url}/komari6/Arabic-twitter-corpus-AJGT/" in errors[0]
    assert f"expected sha256 {pinned}, got {served}" in errors[0]
    assert not (tmp_path / "corpora").exists()


def test_a_pinned_file_needs_no_trust_on_first_use(local_server, fixtures_dir, tmp_path):
    corpus = _serve(local_server, fixtures_dir, "astd")
    result = fetch_corpus(corpus, tmp_path, host=local_server.url, trust_on_first_use=False)
    assert sum(result.counts.values()) > 0


def test_fetch_refuses_unknown_checksums_without_trust_on_first_use(
        local_server, fixtures_dir, tmp_path):
    corpus = _serve(local_server, fixtures_dir, "xlmt_french")
    unpinned = corpus.with_checksums(dict.fromkeys(corpus.files))
    with pytest.raises(ChecksumError, match="no known sha256.*--trust-on-first-use"):
        fetch_corpus(unpinned, tmp_path, host=local_server.url)


def test_trust_on_first_use_records_then_enforces_the_lock(local_server, fixtures_dir, tmp_path):
    corpus = _serve(local_server, fixtures_dir, "xlmt_french")
    unpinned = corpus.with_checksums(dict.fromkeys(corpus.files))
    fetch_corpus(unpinned, tmp_path, host=local_server.url, trust_on_first_use=True)
    lock = json.loads((tmp_path / LOCK_NAME).read_text())
    assert set(lock) == {corpus.url(role) for role in corpus.files}  # canonical URLs, not mirror
    _serve(local_server, fixtures_dir, "xlmt_french", tamper="train_labels")
    with pytest.raises(ChecksumError, match="checksum mismatch"):
        fetch_corpus(unpinned, tmp_path, host=local_server.url, trust_on_first_use=True)


def test_a_failed_download_is_a_clean_error(local_server, tmp_path):
    corpus = REGISTRY["mac"]  # nothing served: 404
    with pytest.raises(FetchError, match=r"download failed for http://127\.0\.0\.1.*HTTP 404"):
        fetch_corpus(corpus, tmp_path, host=local_server.url)


def test_arsarcasm_is_refused_before_any_download_without_held_out_texts(
        local_server, fixtures_dir, tmp_path, capsys):
    _serve(local_server, fixtures_dir, "arsarcasm_v2")
    with pytest.raises(HeldOutRequired, match="XLM-T's Arabic test split.*--held-out FILE"):
        fetch(["astd", "arsarcasm_v2"], tmp_path, host=local_server.url)
    code = main(["data", "fetch", "--dest", str(tmp_path), "--mirror", local_server.url])
    assert code == 2 and "--skip-held-out-filter" in capsys.readouterr().err
    assert local_server.requests == []


def _serve_arabic_tweets(local_server, fixtures_dir):
    return [_serve(local_server, fixtures_dir, c)
            for c in ("xlmt_arabic", "ajgt", "arsas", "astd", "arsarcasm_v2")]


def test_fetch_applies_held_out_texts_and_the_readme_order(local_server, fixtures_dir, tmp_path):
    corpora = _serve_arabic_tweets(local_server, fixtures_dir)  # given out of order on purpose
    held_out = fixtures_dir / "upstream/held_out_arabic_test.txt"
    results = fetch(corpora, tmp_path, host=local_server.url, held_out=[held_out])
    assert list(results) == ["xlmt_arabic", "arsarcasm_v2", "astd", "arsas", "ajgt"]

    def texts(corpus_id):
        return " | ".join(read_tsv(tmp_path / "corpora" / corpus_id / f"{split}.tsv").text.str
                          .cat(sep=" | ") for split in ("train", "dev")
                          if (tmp_path / "corpora" / corpus_id / f"{split}.tsv").is_file())

    # held-out: one exact and one truncated match, both gone
    assert results["arsarcasm_v2"].held_out_removed == 2
    assert "المشروع الجديد" not in texts("arsarcasm_v2")
    assert "هذا الهدف من أجمل" not in texts("arsarcasm_v2")
    # earlier corpora win: xlmt_arabic over ArSarcasm-v2 (by the stricter key),
    # ArSarcasm-v2 over ASTD, ArSarcasm-v2 over AJGT
    assert "الاجتماع غدا" not in texts("arsarcasm_v2")
    assert "الاجتماع غدا" in texts("xlmt_arabic")
    assert "وصل الوفد" not in texts("astd")
    assert "كتاب جميل جدا" not in texts("ajgt")
    assert results["ajgt"].deduplicated_against == ["xlmt_arabic", "arsarcasm_v2", "astd",
                                                    "arsas"]
    assert any("afrisenti_ary" in note for note in results["ajgt"].notes)  # not fetched here
    # the created test parts are never written
    assert sorted(p.name for p in (tmp_path / "corpora/arsarcasm_v2").iterdir()) == [
        PROVENANCE_NAME, "dev.tsv", "train.tsv"]
    provenance = json.loads((tmp_path / "corpora/arsarcasm_v2" / PROVENANCE_NAME).read_text())
    assert provenance["held_out_filter"] == "applied"
    assert provenance["held_out_rows_removed"] == 2
    assert provenance["held_out_files"][0]["texts"] == 2
    assert provenance["earlier_corpora_missing"] == ["afrisenti_ary", "xlmt_french", "mac", "myc"]


def test_earlier_corpora_already_on_disk_are_used_for_deduplication(
        local_server, fixtures_dir, tmp_path):
    corpora = {c.id: c for c in _serve_arabic_tweets(local_server, fixtures_dir)}
    fetch([corpora["arsarcasm_v2"]], tmp_path, host=local_server.url,
          skip_held_out_filter=True)
    results = fetch([corpora["ajgt"]], tmp_path, host=local_server.url)
    assert "arsarcasm_v2 (train and dev already in" in " ".join(
        results["ajgt"].deduplicated_against)
    ajgt = read_tsv(tmp_path / "corpora/ajgt/train.tsv")
    assert not ajgt.text.str.contains("كتاب جميل جدا").any()


def test_skipping_the_held_out_filter_is_recorded(local_server, fixtures_dir, tmp_path, capsys):
    corpus = _serve(local_server, fixtures_dir, "arsarcasm_v2")
    results = fetch([corpus], tmp_path, host=local_server.url, skip_held_out_filter=True)
    assert results["arsarcasm_v2"].held_out_removed is None
    assert any("NOT applied" in note for note in results["arsarcasm_v2"].notes)
    provenance = json.loads((tmp_path / "corpora/arsarcasm_v2" / PROVENANCE_NAME).read_text())
    assert provenance["held_out_filter"].startswith("NOT APPLIED")


def test_cli_fetch_with_the_production_registry_reports_rows_and_notes(
        local_server, fixtures_dir, tmp_path, capsys, monkeypatch):
    held_out = fixtures_dir / "upstream/held_out_arabic_test.txt"
    for corpus in _serve_arabic_tweets(local_server, fixtures_dir):
        monkeypatch.setitem(REGISTRY, corpus.id, corpus)  # the fixtures' checksums
    code = main(["data", "fetch", "arsarcasm_v2", "astd", "--dest", str(tmp_path),
                 "--mirror", local_server.url, "--held-out", str(held_out)])
    out = capsys.readouterr().out
    assert code == 0
    assert "arsarcasm_v2: dev " in out and "2 rows matching held-out texts removed" in out
    assert f"corpora written to {tmp_path}/corpora" in out


def test_registry_pins_every_file_with_a_full_commit_and_sha256():
    assert set(FETCH_ORDER) == set(REGISTRY)
    for corpus in REGISTRY.values():
        assert len(corpus.commit) == 40
        assert corpus.licence and corpus.citation
        for upstream in corpus.files.values():
            assert upstream.sha256 is not None and len(upstream.sha256) == 64, upstream.path


@pytest.mark.skipif(not UPSTREAM_TSV.is_file(),
                    reason=f"{UPSTREAM_TSV} not available (it ships with ../shared/corpora)")
def test_registry_pins_equal_the_shared_upstream_checksums():
    with UPSTREAM_TSV.open(encoding="utf-8", newline="") as f:
        listed = {(r["corpus"], r["repo"], r["commit"], r["path"]): r["sha256"]
                  for r in csv.DictReader(f, delimiter="\t")}
    pinned = {(c.id, c.repo, c.commit, f.path): f.sha256
              for c in REGISTRY.values() for f in c.files.values()}
    assert pinned == listed
