"""Shared helpers of the degenerate-shape report tests (not a test module itself)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from analysis import paths


def run_report(tmp_path: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """``opeunlike report ARGS`` as a user runs it (from ``cwd``), figures under ``tmp_path``."""
    env = dict(os.environ, OPEUNLIKE_FIGURES=str(tmp_path / "figures"), OPEUNLIKE_STAMP_DATE="2026-01-01")
    return subprocess.run([sys.executable, "-m", "analysis", "report", *args], cwd=cwd or paths.ROOT, env=env,
                          capture_output=True, text=True, timeout=900)


def assert_readable(result: subprocess.CompletedProcess) -> None:
    """No traceback anywhere; the plan was printed."""
    assert "Traceback" not in result.stderr + result.stdout, result.stderr[-3000:]
    assert "plan" in result.stderr, result.stderr[-3000:]


def run_folder(tmp_path: Path, name: str) -> Path:
    return tmp_path / "figures" / f"opeunlike-2016-{name}"


def figure_meta(folder: Path) -> dict[str, dict]:
    out = {}
    for path in folder.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        if "files" in data:
            out[data["name"]] = data
    return out
