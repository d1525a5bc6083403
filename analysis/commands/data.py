"""``opeunlike data fetch``: download the public labelled corpora into ``data/external/``."""

from __future__ import annotations

import argparse

from analysis import paths


def register(subparsers: argparse._SubParsersAction) -> None:
    data = subparsers.add_parser("data", help="labelled corpora: fetch and verify")
    verbs = data.add_subparsers(dest="data_verb", metavar="ACTION", required=True)
    fetch = verbs.add_parser(
        "fetch", help="download the registered corpora at their pinned commits, verify their "
                      "sha256, normalise them to the shared TSV schema")
    fetch.add_argument("corpora", nargs="*", help="corpus ids (default: all registered)")
    fetch.add_argument("--dest", default=None,
                       help=f"output folder (default: {paths.EXTERNAL.relative_to(paths.ROOT)}); "
                            "the corpora land in DEST/corpora, the raw files in DEST/raw")
    fetch.add_argument("--mirror", default=None,
                       help="host serving the same paths as raw.githubusercontent.com")
    fetch.add_argument("--held-out", action="append", default=[], metavar="FILE",
                       help="texts to remove from every corpus, one per line (repeatable). "
                            "arsarcasm_v2 needs XLM-T's Arabic test_text.txt here")
    fetch.add_argument("--skip-held-out-filter", action="store_true",
                       help="fetch arsarcasm_v2 without --held-out: its copy then overlaps "
                            "XLM-T's Arabic test split (recorded in its PROVENANCE.json)")
    fetch.add_argument("--trust-on-first-use", action="store_true",
                       help="accept a file registered without a sha256 and record the one seen "
                            "(every registered file has one today)")
    fetch.add_argument("--list", action="store_true", help="list the registry and exit")
    fetch.set_defaults(func=run_fetch)


def _list_registry() -> None:
    from analysis.datasets import FETCH_ORDER, REGISTRY

    for corpus_id in FETCH_ORDER:
        corpus = REGISTRY[corpus_id]
        print(f"{corpus.id}\t{corpus.repo}@{corpus.commit[:7]}\t{corpus.licence}")
        for role in corpus.files:
            sha = corpus.files[role].sha256 or "no sha256: needs --trust-on-first-use"
            print(f"  {corpus.url(role)}\tsha256 {sha}")
        print(f"  cite: {corpus.citation}")
        if corpus.notes:
            print(f"  note: {corpus.notes}")


def run_fetch(args: argparse.Namespace) -> int:
    from analysis.errors import UserFacingError
    from analysis.datasets import FetchError, HeldOutRequired, fetch
    from analysis.datasets.registry import RAW_HOST

    if args.list:
        _list_registry()
        return 0
    try:
        results = fetch(args.corpora or None, args.dest, host=args.mirror or RAW_HOST,
                        trust_on_first_use=args.trust_on_first_use, held_out=args.held_out,
                        skip_held_out_filter=args.skip_held_out_filter)
    except HeldOutRequired as exc:
        raise UserFacingError(str(exc), exit_code=2) from None
    except FetchError as exc:
        raise UserFacingError(str(exc), exit_code=3) from None
    except KeyError as exc:
        raise UserFacingError(str(exc.args[0]), exit_code=2) from None
    for corpus_id, result in results.items():
        line = f"{corpus_id}: " + ", ".join(
            f"{split} {n}" for split, n in sorted(result.counts.items()))
        if result.held_out_removed is not None:
            line += f"; {result.held_out_removed} rows matching held-out texts removed"
        print(line)
        for note in result.notes:
            print(f"  note: {note}")
    if results:
        dest = paths.EXTERNAL if args.dest is None else args.dest
        print(f"verified against the pinned sha256; corpora written to {dest}/corpora "
              f"(set OPEUNLIKE_CORPORA to that folder if it is not data/external)")
    return 0
