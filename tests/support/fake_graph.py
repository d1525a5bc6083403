"""A fake Facebook Graph API on 127.0.0.1: dropping like counts, 429s, timeouts, bad bodies.

``GET /{page}?fields=followers_count,fan_count`` answers ``{"fan_count": N, ...}`` where
``N`` starts at the page's count and drops by ``drop`` at every successful reply, as the
operators' pages did during #OpeUnlike. Each page may follow a script of replies, one
per request, then ``ok`` for ever (or the script again with ``cycle``):

- ``ok``: the count, then the count drops;
- ``429`` / ``503`` / ``500``: that status with ``Retry-After: retry_after`` (429, 503);
- ``timeout``: the reply comes after ``hang`` seconds (longer than the client waits);
- ``malformed``: a body that is not JSON; ``nofield``: JSON without a count;
- ``error``: a Graph API error object (expired token) with status 400.

Every request is logged with its path and User-Agent. Tests use :class:`FakeGraph`;
people trying the tracker run it as a program::

    python -m tests.support.fake_graph --port 8765 --drop 40 --faults inwi.ma=429,ok,timeout
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from tests.support.local_server import Served, send, serve

START_COUNTS = {"MarocTelecom": 2_450_114, "inwi.ma": 1_402_000, "meditel": 1_080_500}


@dataclass
class FakeGraph(Served):
    counts: dict[str, int] = field(default_factory=lambda: dict(START_COUNTS))
    drop: int = 25
    faults: dict[str, list[str]] = field(default_factory=dict)
    cycle: bool = False
    retry_after: int = 2
    hang: float = 3.0
    port: int = 0
    requests: list[dict] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _served: dict[str, int] = field(default_factory=dict)
    _httpd: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def requests_for(self, page: str) -> list[dict]:
        return [r for r in self.requests if r["page"] == page]

    def reply(self, page: str, query: dict) -> tuple[int, dict, bytes, float]:
        """``(status, headers, body, delay)`` for one request to ``page``."""
        with self._lock:
            if page not in self.counts:
                body = {"error": {"message": f"Unsupported get request. Object '{page}' does not exist",
                                  "code": 100}}
                return 404, {}, json.dumps(body).encode(), 0.0
            n = self._served.get(page, 0)
            self._served[page] = n + 1
            script = self.faults.get(page, [])
            step = (script[n % len(script)] if self.cycle else script[n] if n < len(script) else "ok") \
                if script else "ok"
            if step == "ok":
                count = self.counts[page]
                self.counts[page] = max(0, count - self.drop)
                fields = (query.get("fields") or ["followers_count,fan_count"])[0].split(",")
                body = {"id": page}
                if "fan_count" in fields:
                    body["fan_count"] = count
                if "followers_count" in fields:
                    body["followers_count"] = count + 31_000
                return 200, {"Content-Type": "application/json"}, json.dumps(body).encode(), 0.0
        if step in ("429", "503", "500"):
            headers = {"Retry-After": str(self.retry_after)} if step != "500" else {}
            return int(step), headers, b'{"error": {"message": "slow down", "code": 4}}', 0.0
        if step == "timeout":
            return 200, {"Content-Type": "application/json"}, b'{"fan_count": 1}', self.hang
        if step == "malformed":
            return 200, {"Content-Type": "application/json"}, b'{"fan_count": 24501', 0.0
        if step == "nofield":
            return 200, {"Content-Type": "application/json"}, b'{"id": "x", "name": "no count"}', 0.0
        if step == "error":
            body = {"error": {"message": "Error validating access token: Session has expired.",
                              "code": 190}}
            return 400, {"Content-Type": "application/json"}, json.dumps(body).encode(), 0.0
        raise ValueError(f"unknown fault {step!r}")

    def start(self) -> FakeGraph:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server naming)
                parts = urlsplit(self.path)
                page = parts.path.rstrip("/").rsplit("/", 1)[-1]
                query = parse_qs(parts.query)
                fake.requests.append({"page": page, "path": self.path, "at": time.time(),
                                      "user_agent": self.headers.get("User-Agent", ""),
                                      "token": (query.get("access_token") or [None])[0]})
                status, headers, body, delay = fake.reply(page, query)
                if delay:
                    time.sleep(delay)
                try:
                    send(self, status, headers, body)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
                    pass

        self._httpd = serve(Handler, "127.0.0.1", self.port)
        self.port = self._httpd.server_address[1]
        return self


def _faults(items: list[str]) -> dict[str, list[str]]:
    out = {}
    for item in items:
        page, _, script = item.partition("=")
        out[page] = [s.strip() for s in script.split(",") if s.strip()]
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="a fake Graph API on 127.0.0.1 for trying `likes track`")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--drop", type=int, default=25, help="likes lost per successful reply")
    parser.add_argument("--faults", nargs="*", default=[], metavar="PAGE=STEP,STEP",
                        help="scripted replies, e.g. inwi.ma=429,ok,timeout,malformed")
    parser.add_argument("--cycle", action="store_true", help="repeat the fault scripts for ever")
    args = parser.parse_args(argv)
    fake = FakeGraph(drop=args.drop, faults=_faults(args.faults), cycle=args.cycle, port=args.port).start()
    print(f"fake Graph API on {fake.url}/ (pages {', '.join(fake.counts)}); Ctrl-C to stop", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        fake.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
