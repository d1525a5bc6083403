"""Fixtures shared by unit and integration tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from analysis import paths
from tests.support.local_server import LocalServer

FIXTURES = Path(__file__).parent / "fixtures"
#: Fixture files are data (a test notebook among them), not modules for --doctest-modules.
collect_ignore_glob = ["fixtures/*"]


@pytest.fixture(scope="session")
def corpora() -> Path:
    """The labelled corpora folder; skips (with the reason) when it is absent."""
    found = paths.corpora_dir()
    if found is None:
        shared = paths.ROOT.parent / "shared" / "corpora"
        if shared.is_dir():
            found = shared
    if found is None:
        pytest.skip(
            "labelled corpora not available: set OPEUNLIKE_CORPORA (CI uses ../shared/corpora)"
        )
    return found


@pytest.fixture
def local_server():
    """A real HTTP server on 127.0.0.1; tests fill ``server.routes``."""
    server = LocalServer().start()
    yield server
    server.stop()


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(autouse=True)
def _no_outside_network(monkeypatch):
    """Refuse any socket connection that is not to the loopback interface."""
    import socket

    real_connect = socket.socket.connect

    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and not (
            host.startswith("127.") or host in ("localhost", "::1") or host.startswith("/")
        ):
            raise OSError(f"test tried to reach an outside address: {host!r}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    yield


@pytest.fixture(autouse=True)
def _isolated_figures(tmp_path, monkeypatch):
    """Figures written by tests go to a temporary folder, never the project's figures/."""
    if "OPEUNLIKE_FIGURES" not in os.environ:
        monkeypatch.setenv("OPEUNLIKE_FIGURES", str(tmp_path / "figures"))
    yield
