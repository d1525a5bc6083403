"""The console script and ``python -m analysis`` are the same entry point."""

import subprocess
import sys

from analysis import __version__
from analysis.cli import main


def test_python_m_analysis_prints_the_version():
    out = subprocess.run([sys.executable, "-m", "analysis", "--version"], capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == f"opeunlike {__version__}"


def test_no_verb_prints_help_and_fails(capsys):
    assert main([]) == 2
    assert "VERB" in capsys.readouterr().err


def test_notebooks_check_passes_on_the_committed_notebooks():
    assert main(["notebooks", "check"]) == 0
