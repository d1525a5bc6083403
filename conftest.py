"""Applies to the tests and the doctests of the package alike."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(scope="session", autouse=True)
def _private_config_dir(tmp_path_factory):
    """The generated pseudonymisation key goes to a temporary folder, never the real home."""
    if "OPEUNLIKE_CONFIG_DIR" not in os.environ:
        os.environ["OPEUNLIKE_CONFIG_DIR"] = str(tmp_path_factory.mktemp("opeunlike-config"))
    yield


#: Test modules that run for minutes (retraining both shipped models; driving Chromium;
#: running every notebook on degenerate data), longest first. ``make test`` hands whole
#: modules to pytest-xdist's two workers in collection order: collected last, the model
#: rebuild alone kept one worker busy for its last eight minutes while the other sat idle.
LONGEST_FIRST = (
    "tests/integration/test_shipped_models.py",
    "tests/integration/test_figures_browser.py",
    "tests/integration/test_report_degenerate.py",
)


def pytest_collection_modifyitems(config, items):
    def rank(item) -> int:
        path = item.nodeid.split("::")[0]
        return LONGEST_FIRST.index(path) if path in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)  # stable: every other test keeps its order
