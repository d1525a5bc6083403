"""The live stack for tests: the fake Graph API, `likes track` and `dashboard` as processes.

Everything listens on 127.0.0.1; processes are ended by their own id when the test ends.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

from analysis import paths
from tests.support.fake_graph import FakeGraph


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LiveStack:
    folder: Path
    lang: str = "en"
    every: str = "1s"
    refresh: str = "1s"
    fake: FakeGraph | None = None
    port: int = 0
    processes: list[subprocess.Popen] = field(default_factory=list)

    @property
    def likes(self) -> Path:
        return self.folder / "likes-live.parquet"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def _start(self, *args: str) -> subprocess.Popen:
        env = dict(os.environ, OPEUNLIKE_GRAPH_BASE=f"{self.fake.url}/v19.0", OPEUNLIKE_GRAPH_TOKEN="t")
        log = open(self.folder / f"{args[0]}-{len(self.processes)}.log", "w")
        proc = subprocess.Popen([sys.executable, "-m", "analysis", *args], cwd=paths.ROOT, env=env,
                                stdout=log, stderr=subprocess.STDOUT)
        self.processes.append(proc)
        return proc

    def start(self, track: bool = True) -> LiveStack:
        self.fake = FakeGraph(drop=40).start()
        if track:
            self._start("likes", "track", "--campaign", "campaigns/opeunlike-2016.yml",
                        "--every", self.every, "-o", str(self.likes))
        self.port = free_port()
        self._start("dashboard", "--campaign", "campaigns/opeunlike-2016.yml", "--likes", str(self.likes),
                    "--port", str(self.port), "--lang", self.lang, "--refresh", self.refresh)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url + "api/state", timeout=1).ok:
                    return self
            except requests.ConnectionError:
                time.sleep(0.2)
        raise AssertionError(f"the dashboard did not answer on {self.url}: {self.logs()}")

    def logs(self) -> str:
        return "\n".join(p.read_text() for p in sorted(self.folder.glob("*.log")))

    def stop(self) -> None:
        for proc in self.processes:
            if proc.poll() is None:
                proc.terminate()
        for proc in self.processes:
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
        if self.fake:
            self.fake.stop()
