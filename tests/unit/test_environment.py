"""The pinned environment: requirements.txt and environment.yml list the same packages."""

import re

import yaml

from analysis import paths


def _requirements():
    pins = {}
    for line in (paths.ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, version = line.split("==")
            pins[name.lower()] = version
    return pins


def _conda_pip_pins():
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    return env, {n.lower(): v for n, v in (p.split("==") for p in pip_section)}


def test_every_requirement_is_exactly_pinned():
    for line in (paths.ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            assert re.fullmatch(r"[A-Za-z0-9_.\-]+==[\w.]+", line), line


def test_environment_yml_lists_the_same_packages_at_the_same_versions():
    _, conda = _conda_pip_pins()
    assert conda == _requirements()


def test_environment_yml_pins_python_311():
    env, _ = _conda_pip_pins()
    assert "python=3.11" in env["dependencies"]


def test_camel_tools_is_not_a_regular_dependency():
    # A plain install of camel-tools pulls ~3 GB of CUDA torch; it is installed --no-deps.
    assert "camel-tools" not in _requirements()
    assert "camel-tools" not in (paths.ROOT / "pyproject.toml").read_text().split("[project.scripts]")[0].split("dependencies = [")[1].split("]")[0]
    assert "--no-deps $(CAMEL)" in (paths.ROOT / "Makefile").read_text()
