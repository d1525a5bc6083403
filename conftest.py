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
