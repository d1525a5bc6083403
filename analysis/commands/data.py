"""``opeunlike data fetch``: download the public labelled corpora into ``data/external/``."""

from __future__ import annotations

import argparse

from analysis import paths


def register(subparsers: argparse._SubParsersAction) -> None:
    data = subparsers.add_parser("data", help="labelled corpora: fetch and verify")
    verbs = data.add_subparsers(dest="data_verb", metavar="ACTION", required=True)
    fetch = verbs.add_parser(
        "fetch", help="download the registered corpora at their pinned commits, verify, normalise")
    fetch.add_argument("corpora", nargs="*", help="corpus ids (default: all registered)")
    fetch.add_argument("--dest", default=None,
                       help=f"output folder (default: {paths.EXTERNAL.relative_to(paths.ROOT)})")
    fetch.add_argument("--mirror", default=None,
                       help="host serving the same paths as raw.githubusercontent.com")
    fetch.add_argument("--trust-on-first-use", action="store_true",
                       help="accept files with no known sha256 and record it in the lock file")
    fetch.add_argument("--list", action="store_true", help="list the registry and exit")
    fetch.set_defaults(func=run_fetch)


def run_fetch(args: argparse.Namespace) -> int:
    from analysis.cli import UserFacingError
    from analysis.datasets import REGISTRY, ChecksumError, fetch
    from analysis.datasets.registry import RAW_HOST

    if args.list:
        for corpus in REGISTRY.values():
            print(f"{corpus.id}\t{corpus.repo}@{corpus.commit[:7]}\t{corpus.licence}")
            for role in corpus.files:
                sha = corpus.files[role].sha256 or "sha256 unknown (see registry note)"
                print(f"  {corpus.url(role)}\t{sha}")
        return 0
    try:
        results = fetch(args.corpora or None, args.dest, host=args.mirror or RAW_HOST,
                        trust_on_first_use=args.trust_on_first_use)
    except ChecksumError as exc:
        raise UserFacingError(str(exc), exit_code=3) from None
    except KeyError as exc:
        raise UserFacingError(str(exc.args[0]), exit_code=2) from None
    for corpus_id, counts in results.items():
        print(f"{corpus_id}: " + ", ".join(f"{split} {n}" for split, n in sorted(counts.items())))
    return 0
