"""Pool workers of ``collect archive --jobs 2`` die with their parent (issue 10, defect 10)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_workers_exit_when_the_parent_is_killed(tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    for name in ("a.json", "b.json"):
        os.mkfifo(folder / name)  # a worker opening a FIFO blocks until killed
    fifos = [str(folder / "a.json"), str(folder / "b.json")]
    code = ("from analysis.collect import collect_archive; "
            f"collect_archive({fifos!r}, jobs=2, query='all')")
    env = dict(os.environ, OPEUNLIKE_PSEUDONYM_KEY="test")
    parent = subprocess.Popen([sys.executable, "-c", code], env=env)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while len(workers) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
            workers = _children(parent.pid)
        assert len(workers) >= 2, "the pool did not start"
        time.sleep(0.5)  # let the workers reach the blocking open
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        deadline = time.monotonic() + 10
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(_alive(w) for w in workers)
    finally:
        for pid in [*workers, parent.pid]:  # only the processes this test started
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
