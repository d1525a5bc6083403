"""The SIMULATED demo on disk: file names, writing, the planted truth beside it."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.io import atomic_write
from analysis.simulate.model import SIMULATED, SimConfig, simulate
from analysis.simulate.tweets import write_archive


def demo_paths(out: Path | None = None, seed: int = 2016, coupling: bool = True,
               name: str = "opeunlike") -> dict[str, Path]:
    """File names of one simulated demo; every one says SIMULATED."""
    out = Path(out) if out else SIMULATED
    tag = f"SIMULATED_seed{seed}" + ("" if coupling else "_nocoupling")
    return {
        "archive": out / f"{name}_{tag}.json.bz2",
        "tracker": out / f"likes_tracker_{tag}.csv",
        "truth": out / f"truth_{tag}.json",
        "planted": out / f"planted_posts_{tag}.parquet",
    }


def write_demo(config: SimConfig | None = None, out: Path | None = None) -> dict[str, Path]:
    """Simulate, compose texts and write archive, tracker CSV, planted posts and truth."""
    cfg = config or SimConfig()
    sim = simulate(cfg)
    files = demo_paths(out, cfg.seed, cfg.coupling, cfg.name)
    paths.ensure(files["archive"].parent)
    planted = write_archive(sim, files["archive"])
    tracker = sim.tracker.copy()
    tracker["timestamp"] = tracker["timestamp"].dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    truth = dict(sim.truth, files={k: v.name for k, v in files.items()})
    # every file is written to a private temporary name, then renamed: two notebooks
    # generating the demo at once never see each other's half-written files
    atomic_write(files["tracker"], lambda tmp: tracker.to_csv(tmp, index=False))
    atomic_write(files["planted"], lambda tmp: planted.to_parquet(tmp, index=False))
    atomic_write(files["truth"], lambda tmp: tmp.write_text(
        json.dumps(truth, indent=2, ensure_ascii=False, default=str) + "\n"))
    return files


def _tag(archive: Path) -> str:
    """``SIMULATED_seed2016`` from ``<campaign>_SIMULATED_seed2016.json.bz2``."""
    stem = archive.name.split(".json")[0]
    return "SIMULATED" + stem.split("SIMULATED", 1)[1] if "SIMULATED" in stem else stem


def load_truth(archive: str | Path) -> dict | None:
    """The planted truth written beside a SIMULATED archive, or None for real data."""
    archive = Path(archive)
    if "SIMULATED" not in archive.name:
        return None
    path = archive.with_name(f"truth_{_tag(archive)}.json")
    return json.loads(path.read_text()) if path.exists() else None


def load_planted(archive: str | Path) -> pd.DataFrame | None:
    """The planted post labels written beside a SIMULATED archive, or None."""
    archive = Path(archive)
    path = archive.with_name(f"planted_posts_{_tag(archive)}.parquet")
    return pd.read_parquet(path) if "SIMULATED" in archive.name and path.exists() else None


def ensure_demo(seed: int = 2016) -> dict[str, Path]:
    """The default demo's files, generated on first use (deterministic, so safe to cache)."""
    files = demo_paths(seed=seed)
    if not all(p.exists() for p in files.values()):
        files = write_demo(SimConfig(seed=seed))
    return files


def config_for(campaign) -> SimConfig:
    """The demo of a campaign file's ``simulation`` section (see campaigns/*.yml)."""
    sim = campaign.simulation
    if not sim:
        raise ValueError(f"{campaign.path.name}: no `simulation` section, so no SIMULATED demo; "
                         "pass --posts and --likes")
    launch = campaign.launch or campaign.window[0]
    reported = sim.get("loss_targets", "reported") == "reported"
    kwargs = dict(
        seed=int(sim["seed"]), start=str(sim["start"].tz_localize(None)),
        end=str(sim["end"].tz_localize(None)), pages=tuple(campaign.page_ids()),
        launch=str(launch.tz_localize(None)),
        calibration_end=str((sim.get("calibration_end") or launch + pd.Timedelta(days=2)).tz_localize(None)),
        loss_targets=None if reported else dict(sim["loss_targets"]),
        page_sizes=None if reported else dict(sim["page_sizes"]),
        events_folder=str(campaign.events_folder()) if campaign.events else None,
        phrase_banks=str(sim["phrase_banks"]) if sim.get("phrase_banks") else None,
        name=campaign.name if campaign.name != "opeunlike-2016" else "opeunlike",
    )
    if "launch_posts" in sim:
        kwargs["launch_posts"] = float(sim["launch_posts"])
    return SimConfig(**kwargs)


def demo_folder(campaign) -> Path:
    """Where a campaign's demo lives: ``data/simulated/`` for #OpeUnlike, a subfolder otherwise."""
    return SIMULATED if campaign is None or campaign.name == "opeunlike-2016" else SIMULATED / campaign.name


def ensure_campaign_demo(campaign=None) -> dict[str, Path]:
    """A campaign's SIMULATED demo files, generated on first use (``None``: #OpeUnlike)."""
    if campaign is None:
        return ensure_demo()
    cfg = config_for(campaign)
    files = demo_paths(demo_folder(campaign), cfg.seed, cfg.coupling, cfg.name)
    if not all(p.exists() for p in files.values()):
        files = write_demo(cfg, demo_folder(campaign))
    return files
