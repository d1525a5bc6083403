"""A real HTTP server on 127.0.0.1 that serves recorded fixtures.

Network code is tested against this server only, never an outside address.
Routes map a path (with query string, exactly as requested, or the bare path)
to ``(status, headers, body)``; every request is logged so tests can assert on
rate limits, caching and resumption.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

Response = tuple[int, dict[str, str], bytes]
Route = Response | Callable[[str], Response]


def send(handler: BaseHTTPRequestHandler, status: int, headers: dict[str, str], body: bytes) -> None:
    """Write one whole reply (status, headers, Content-Length, body)."""
    handler.send_response(status)
    for key, value in headers.items():
        handler.send_header(key, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def serve(handler: type[BaseHTTPRequestHandler], host: str = "127.0.0.1",
          port: int = 0) -> ThreadingHTTPServer:
    """Serve ``handler`` on ``host:port`` (0: any free port) in a daemon thread, quietly."""

    class Quiet(handler):
        def log_message(self, *args):  # keep test output quiet
            pass

    httpd = ThreadingHTTPServer((host, port), Quiet)
    httpd.daemon_threads = True
    # shutdown() waits for the serving loop's next poll: 0.5 s by default, paid by every
    # test that uses a server; 20 ms is plenty for a test server.
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02},
                     daemon=True).start()
    return httpd


class Served:
    """What every test server shares: ``stop()`` of the server ``start()`` left in ``_httpd``."""

    _httpd: ThreadingHTTPServer | None

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()


@dataclass
class LocalServer(Served):
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    host: str = "127.0.0.1"
    port: int = 0
    _httpd: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> LocalServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server naming)
                server.requests.append(self.path)
                route = server.routes.get(self.path) or server.routes.get(urlsplit(self.path).path)
                if route is None:
                    status, headers, body = 404, {"Content-Type": "text/plain"}, b"not found"
                else:
                    status, headers, body = route(self.path) if callable(route) else route
                send(self, status, headers, body)

        self._httpd = serve(Handler, self.host, 0)
        self.port = self._httpd.server_address[1]
        return self

