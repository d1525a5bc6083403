"""``opeunlike simulate``: write the SIMULATED demo campaign (archive, tracker CSV, truth)."""

from __future__ import annotations

import json
from pathlib import Path


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "simulate",
        help="write a SIMULATED #OpeUnlike campaign in the real input formats",
        description="Write a seeded, deterministic SIMULATED campaign over the real 2016 event "
        "dates: a Stream-Grab-style v1.1 .json.bz2 archive, a like tracker CSV "
        "(timestamp, page, likes), the planted post labels and the planted truth "
        "(lag, k, seed) as JSON. Every file name says SIMULATED.",
    )
    p.add_argument("--seed", type=int, default=2016, help="random seed (default 2016, the demo)")
    p.add_argument("-o", "--out", type=Path, default=None,
                   help="output folder (default data/simulated)")
    p.add_argument("--no-coupling", action="store_true",
                   help="likes ignore the posts (k = 0): a null campaign for checking methods")
    p.add_argument("--json", action="store_true", help="print the planted truth as one JSON object on stdout")
    p.set_defaults(func=_run)


def _run(args) -> int:
    from analysis.errors import UserFacingError
    from analysis.simulate import SimConfig, write_demo

    try:
        files = write_demo(SimConfig(seed=args.seed, coupling=not args.no_coupling), out=args.out)
    except OSError as exc:
        raise UserFacingError(f"cannot write the simulated campaign: {exc}", 1) from exc
    truth = json.loads(files["truth"].read_text())
    if args.json:
        print(json.dumps(truth, indent=2, ensure_ascii=False))
        return 0
    print(f"SIMULATED campaign, seed {truth['seed']}, coupling {'on' if truth['coupling'] else 'off'}: "
          f"{truth['n_posts']} posts, planted lag {truth['lag_minutes']} min")
    for page, k in truth["k_unlikes_per_negative_post"].items():
        lost = truth["net_loss_launch_to_calibration_end"].get(page)
        print(f"  {page:14s} k = {k:6.2f} unlikes per negative post; lost by 28 Feb 12:00 UTC: {lost:,}")
    for name, path in files.items():
        print(f"  {name:8s} {path}")
    return 0
