"""Every CLI verb over the hostile inputs of :mod:`tests.hostile.generator`.

Asserted for each run: no traceback; exit 0 unless the whole input is unusable; the
exact number of good rows; every dropped row is a reject naming its file and line with
a reason; repeats and notices are counted, not rejected; nothing is written outside
the output folder.
"""

from __future__ import annotations

import bz2
import csv
import gzip
import io
import json
import os
import re
import tarfile
import uuid
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from analysis.io import read_posts, read_table, rejects_path
from tests.hostile import generator as gen


# --------------------------------------------------------------------------- helpers
def _run(argv: list[str], capsys) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "Traceback" not in out
    return code, out, err


def _files(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*")}


def _joined(lines: list[gen.Line]) -> bytes:
    return b"\n".join(line.data for line in lines) + b"\n"


def _expected(lines: list[gen.Line]):
    good = sum(line.posts for line in lines if line.expect == "good")
    rejected = {i for i, line in enumerate(lines, start=1) if line.expect == "reject"}
    repeats = sum(line.expect == "repeat" for line in lines)
    notices = sum(line.expect == "notice" for line in lines)
    return good, rejected, repeats, notices


def _rejected_lines(rejects: pd.DataFrame, label: str) -> set[int]:
    """Line numbers of the rejects whose source is ``…label:LINE`` (maybe ``#suffix``)."""
    pattern = re.compile(re.escape(label) + r":(\d+)(?:#.*)?$")
    found = set()
    for source, reason in zip(rejects["source"], rejects["reason"]):
        match = pattern.search(str(source))
        if match:
            assert str(reason).strip(), source
            found.add(int(match.group(1)))
    return found


def _check(out: Path, summary: dict, lines: list[gen.Line], label: str) -> None:
    good, rejected, repeats, notices = _expected(lines)
    posts = read_posts(out)
    rejects = pd.read_csv(rejects_path(out), dtype=str, keep_default_na=False)
    assert len(posts) == good
    assert _rejected_lines(rejects, label) == rejected
    assert summary["duplicates"] == repeats
    assert sum(summary["notices"].values()) == notices
    assert summary["written"] == good


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    """Inputs in ``in/``, outputs in ``out/``, the working directory in ``cwd/``."""
    for name in ("in", "out", "cwd"):
        (tmp_path / name).mkdir()
    monkeypatch.chdir(tmp_path / "cwd")
    return tmp_path


def _only_in_out(workspace: Path, before: set[Path]) -> None:
    new = _files(workspace) - before
    outside = [p for p in new if not p.is_relative_to(workspace / "out")]
    assert not outside, outside


# --------------------------------------------------------------------------- JSON lines
def _write_container(folder: Path, data: bytes, container: str) -> tuple[Path, str]:
    if container == "plain":
        path = folder / "stream.json"
        path.write_bytes(data)
        return path, "stream.json"
    if container == "bz2":
        path = folder / "stream.json.bz2"
        path.write_bytes(bz2.compress(data, 1))
        return path, "stream.json.bz2"
    if container == "gz":
        path = folder / "stream.json.gz"
        path.write_bytes(gzip.compress(data, 1))
        return path, "stream.json.gz"
    path = folder / "day.tar"
    member = "2016/02/27/10/00.json.bz2"
    packed = bz2.compress(data, 1)
    with tarfile.open(path, "w") as tar:
        info = tarfile.TarInfo(member)
        info.size = len(packed)
        tar.addfile(info, io.BytesIO(packed))
    return path, f"day.tar!{member}"


@pytest.mark.parametrize("container", ["plain", "bz2", "gz", "tar"])
def test_collect_archive_over_hostile_stream_grab_lines(workspace, capsys, container):
    lines = gen.stream_grab_lines(big_line_bytes=(5 << 20) if container == "plain" else 1 << 16)
    path, label = _write_container(workspace / "in", _joined(lines), container)
    before = _files(workspace)
    out = workspace / "out" / "posts.parquet"
    code, stdout, _ = _run(["collect", "archive", path, "--out", out, "--json",
                            "--no-progress"], capsys)
    assert code == 0
    _check(out, json.loads(stdout), lines, label)
    _only_in_out(workspace, before)


def test_collect_archive_with_two_jobs_gives_the_same_rows(workspace, capsys):
    lines = gen.stream_grab_lines(big_line_bytes=1 << 16)
    for container in ("plain", "gz"):  # stream.json and stream.json.gz
        _write_container(workspace / "in", _joined(lines), container)
    out = workspace / "out" / "posts.parquet"
    code, stdout, _ = _run(["collect", "archive", workspace / "in", "--jobs", "2", "--out", out,
                            "--json", "--no-progress"], capsys)
    assert code == 0
    good, rejected, repeats, _ = _expected(lines)
    summary = json.loads(stdout)
    # the second file repeats every post of the first (and its own repeat): counted
    assert summary["written"] == good and summary["duplicates"] == 2 * repeats + good
    rejects = pd.read_csv(rejects_path(out), dtype=str, keep_default_na=False)
    assert _rejected_lines(rejects, "stream.json") == rejected
    assert _rejected_lines(rejects, "stream.json.gz") == rejected


@pytest.mark.parametrize("fmt, make", [("twarc", gen.twarc_lines),
                                       ("snscrape-jsonl", gen.snscrape_lines)])
def test_collect_twarc_and_snscrape_over_hostile_lines(workspace, capsys, fmt, make):
    lines = make()
    path = workspace / "in" / "input.jsonl"
    path.write_bytes(_joined(lines))
    before = _files(workspace)
    out = workspace / "out" / "posts.parquet"
    code, stdout, _ = _run(["collect", fmt, path, "--out", out, "--query", "all", "--json", "--no-progress"],
                           capsys)
    assert code == 0
    summary = json.loads(stdout)
    good, rejected, repeats, notices = _expected(lines)
    rejects = pd.read_csv(rejects_path(out), dtype=str, keep_default_na=False)
    if fmt == "twarc":  # the page on line 1 holds one good and one rejected tweet
        rejected = rejected | {1}
    assert len(read_posts(out)) == good
    assert _rejected_lines(rejects, "input.jsonl") == rejected
    assert sum(summary["notices"].values()) == notices
    _only_in_out(workspace, before)


def test_folder_with_broken_units_keeps_every_good_file(workspace, capsys):
    folder = workspace / "in"
    good_lines = [gen.Line(gen._dump(gen.v11(i)), "good", "plain") for i in range(1, 21)]
    (folder / "good.json").write_bytes(_joined(good_lines))
    (folder / "fake.json.gz").write_bytes(b'{"plain": "text"}\n')
    (folder / "fake.json.bz2").write_bytes(b"BZh9 not really")
    (folder / "truncated.json.bz2").write_bytes(bz2.compress(_joined(good_lines))[:-40])
    (folder / "not-a.tar").write_bytes(b"garbage" * 100)
    (folder / "empty.json").write_bytes(b"")
    (folder / "zero.json.bz2").write_bytes(b"")
    os.symlink("loop.json", folder / "loop.json")  # a symlink loop
    out = workspace / "out" / "posts.parquet"
    code, stdout, _ = _run(["collect", "archive", folder, "--out", out, "--json",
                            "--no-progress"], capsys)
    assert code == 0
    posts = read_posts(out)
    assert len(posts) == 20  # the truncated copy only repeats them
    rejects = pd.read_csv(rejects_path(out), dtype=str, keep_default_na=False)
    for name in ("fake.json.gz", "fake.json.bz2", "truncated.json.bz2", "not-a.tar"):
        assert rejects["source"].str.contains(re.escape(name)).any(), name


def test_tar_members_with_traversal_names_write_nothing_outside(workspace, capsys):
    tag = uuid.uuid4().hex
    path = workspace / "in" / "evil.tar"
    data = _joined([gen.Line(gen._dump(gen.v11(1)), "good", "plain")])
    with tarfile.open(path, "w") as tar:
        for name in (f"../../escape_{tag}.json", f"/tmp/abs_{tag}.json"):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    out = workspace / "out" / "posts.parquet"
    code, _, _ = _run(["collect", "archive", path, "--out", out, "--no-progress"], capsys)
    assert code == 0 and len(read_posts(out)) == 1  # the same tweet twice
    for base in (workspace / "in", workspace / "out", workspace / "cwd", Path("/tmp")):
        assert not list(base.parent.parent.glob(f"*{tag}*")) and not list(base.glob(f"*{tag}*"))


def test_missing_input_is_unusable_and_exits_non_zero(workspace, capsys):
    code, _, err = _run(["collect", "archive", workspace / "in" / "nope.json", "--out",
                         workspace / "out" / "p.parquet", "--no-progress"], capsys)
    assert code != 0 and "nope.json" in err and len(err.strip().splitlines()) == 1


def test_hundred_megabyte_line_is_one_reject_and_the_rest_is_kept(workspace, capsys):
    path = workspace / "in" / "big.json"
    with open(path, "wb") as fh:  # written in pieces: never held whole by the test
        fh.write(gen._dump(gen.v11(1)) + b"\n" + b'{"text": "#OpeUnlike ')
        piece = b"y" * (1 << 20)
        for _ in range(100):
            fh.write(piece)
        fh.write(b"\n" + gen._dump(gen.v11(2)) + b"\n")  # line 2 never closes its string
    out = workspace / "out" / "posts.parquet"
    code, _, _ = _run(["collect", "archive", path, "--out", out, "--no-progress"], capsys)
    assert code == 0
    assert sorted(read_posts(out)["post_id"]) == ["twitter:1", "twitter:2"]
    rejects = pd.read_csv(rejects_path(out), dtype=str, keep_default_na=False)
    assert _rejected_lines(rejects, "big.json") == {2}
    assert rejects_path(out).stat().st_size < 2 << 20  # the raw line stays in the input


# --------------------------------------------------------------------------- CSV exports
def _write_csv(path: Path, header: list[str], rows, encoding: str = "utf-8") -> list[int]:
    """Write rows; returns the end line of each record (what ``file:line`` names)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    ends, line = [], 1
    for fields, _, _ in rows:
        start = buffer.tell()
        writer.writerow(fields)
        line += buffer.getvalue()[start:].count("\n")
        ends.append(line)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return ends


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_collect_csv_crowdtangle_over_hostile_rows(workspace, capsys, encoding):
    rows = gen.crowdtangle_rows()
    path = workspace / "in" / "export.csv"
    ends = _write_csv(path, gen.CROWDTANGLE_HEADER, rows, encoding)
    before = _files(workspace)
    out = workspace / "out" / "posts.parquet"
    code, stdout, _ = _run(["collect", "csv", path, "--preset", "crowdtangle", "--out", out,
                            "--json", "--no-progress"], capsys)
    assert code == 0
    posts = read_posts(out)
    rejects = pd.read_csv(rejects_path(out), dtype=str, keep_default_na=False)
    assert len(posts) == sum(e == "good" for _, e, _ in rows)
    assert _rejected_lines(rejects, "export.csv") == {
        end for end, (_, e, _) in zip(ends, rows) if e == "reject"}
    assert json.loads(stdout)["duplicates"] == sum(e == "repeat" for _, e, _ in rows)
    assert (posts["text"] == "=cmd|' /C calc'!A0 #OpeUnlike").sum() == 1  # raw in Parquet
    _only_in_out(workspace, before)


def test_csv_export_without_required_columns_is_unusable(workspace, capsys):
    path = workspace / "in" / "export.csv"
    path.write_text("a,b\n1,2\n")
    code, _, err = _run(["collect", "csv", path, "--preset", "crowdtangle", "--out",
                         workspace / "out" / "p.parquet", "--no-progress"], capsys)
    assert code == 2 and "export.csv" in err and len(err.strip().splitlines()) == 1
    assert not list((workspace / "out").iterdir())


def test_likes_import_over_hostile_tracker_rows(workspace, capsys):
    rows = gen.tracker_rows()
    path = workspace / "in" / "tracker.csv"
    ends = _write_csv(path, ["timestamp", "page", "likes"], rows)
    before = _files(workspace)
    out = workspace / "out" / "likes.parquet"
    code, stdout, _ = _run(["likes", "import", path, "--out", out, "--json"], capsys)
    assert code == 0
    likes = read_table(out)
    rejects = pd.read_csv(rejects_path(out), dtype=str, keep_default_na=False)
    assert len(likes) == sum(e == "good" for _, e, _ in rows)
    assert _rejected_lines(rejects, "tracker.csv") == {
        end for end, (_, e, _) in zip(ends, rows) if e == "reject"}
    assert json.loads(stdout)["duplicates"] == 1
    _only_in_out(workspace, before)


# --------------------------------------------------------------------------- Wayback
@pytest.mark.network
def test_likes_wayback_over_hostile_cdx_and_pages(workspace, capsys, local_server):
    from analysis.collect.wayback import page_urls

    urls = page_urls("inwi")
    for url in urls:
        body, pages, _ = gen.cdx_reply(url)
        for ts, html in pages.items():
            local_server.routes[f"/web/{ts}id_/{url}"] = (200, {"Content-Type": "text/html"},
                                                         html.encode("utf-8", "surrogatepass"))
    local_server.routes["/cdx"] = lambda path: (200, {}, gen.cdx_reply(
        [u for u in urls if u.split("//")[1].split("/")[0] in _unquote(path)][0])[0])
    out = workspace / "out" / "likes.parquet"
    before = _files(workspace)
    code, stdout, _ = _run(["likes", "wayback", "--page", "inwi", "--out", out,
                            "--cdx-url", f"{local_server.url}/cdx", "--snapshot-url",
                            f"{local_server.url}/web", "--cache", workspace / "out" / "cache",
                            "--min-interval", "0", "--json"], capsys)
    assert code == 0
    likes = read_table(out)
    rejects = pd.read_csv(rejects_path(out), dtype=str, keep_default_na=False)
    assert list(likes["likes"]) == [2450114]  # one good capture per hour across the URLs
    per_reply = ["capture timestamp", "capture timestamp", "unreadable CDX line"]
    reasons = sorted(r.split(":")[0] if r.startswith("capture timestamp") else r
                     for r in rejects["reason"])
    assert reasons.count("capture timestamp") == 2 * len(urls)
    assert reasons.count("unreadable CDX line") == len(urls)
    assert {"login wall", "no like count found"} <= set(rejects["reason"])
    assert rejects["reason"].str.contains("out of range").sum() == 1
    assert len(rejects) == len(per_reply) * len(urls) + 3
    _only_in_out(workspace, before)


def _unquote(path: str) -> str:
    from urllib.parse import unquote

    return unquote(path)


# --------------------------------------------------------------------------- downstream verbs
@pytest.fixture
def hostile_posts(workspace, capsys) -> Path:
    lines = gen.stream_grab_lines(big_line_bytes=1 << 12)
    path = workspace / "in" / "stream.json"
    path.write_bytes(_joined(lines))
    out = workspace / "out" / "posts.parquet"
    assert _run(["collect", "archive", path, "--out", out, "--no-progress"], capsys)[0] == 0
    return out


def test_sentiment_classify_csv_neutralises_formulas(hostile_posts, workspace, capsys):
    target = workspace / "out" / "classified.csv"
    code, _, _ = _run(["sentiment", "classify", hostile_posts, "-o", target, "--model", "lexicon",
                       "--no-progress"], capsys)
    assert code == 0
    table = pd.read_csv(target, dtype=str, keep_default_na=False)
    texts = table["text"]
    assert texts.str.startswith("'=HYPERLINK").sum() == 1 and not texts.str.startswith("=").any()
    assert len(table) == len(read_posts(hostile_posts))


def test_langid_identify_export_and_expand_run_on_hostile_posts(hostile_posts, workspace,
                                                               capsys):
    n = len(read_posts(hostile_posts))
    tsv = workspace / "out" / "langid.tsv"
    assert _run(["langid", "identify", hostile_posts, "-o", tsv, "--rules", "--no-progress"],
                capsys)[0] == 0
    assert len(pd.read_csv(tsv, sep="\t", dtype=str, keep_default_na=False)) == n
    ids = workspace / "out" / "ids.txt"
    assert _run(["export", "ids", hostile_posts, "--out", ids], capsys)[0] == 0
    assert len(ids.read_text().split()) == n
    ranking = workspace / "out" / "rank.csv"
    assert _run(["collect", "expand", hostile_posts, "--min-support", "1", "--out", ranking],
                capsys)[0] == 0


@pytest.mark.parametrize("content", [b"", b"\x80\x04K\x01.", b"PK\x05\x06" + b"\x00" * 18,
                                     b"not a model at all"])
def test_hostile_model_files_are_refused_in_one_line(hostile_posts, workspace, capsys,
                                                     content):
    model = workspace / "in" / "model.skops"
    model.write_bytes(content)
    target = workspace / "out" / "never.csv"
    code, _, err = _run(["sentiment", "classify", hostile_posts, "-o", target, "--model", model,
                         "--no-progress"], capsys)
    assert code == 2 and len(err.strip().splitlines()) == 1 and not target.exists()
