"""``opeunlike report``: check the inputs, run every notebook and index the figures (``make report``)."""

from __future__ import annotations

from analysis.errors import UserFacingError


def register(subparsers) -> None:
    p = subparsers.add_parser("report", help="check inputs, run all notebooks headless, write figures/")
    p.add_argument("--campaign", help="campaign file or name (default: campaigns/opeunlike-2016.yml)")
    p.add_argument("--posts", help="your post archive or post table (default: the campaign's SIMULATED demo)")
    p.add_argument("--likes", help="your tracker CSV or like table (default: the campaign's SIMULATED demo)")
    p.add_argument("--tz", help="time zone of tracker timestamps written without one, e.g. Africa/Casablanca")
    p.add_argument("--bin", help="time bin of notebook 05, e.g. 10min, 15min or 1h (default: the campaign's)")
    p.add_argument("--window", nargs=2, metavar=("START", "END"),
                   help="study window of notebook 05 in UTC, e.g. 2016-02-26 2016-03-02 (default: the campaign's)")
    p.add_argument("--run-name", help="name of the run folder figures/<campaign>-<run-name>/ "
                                      "(default: the posts file's name)")
    p.add_argument("--lang", choices=("en", "fr", "ar"), default="en",
                   help="edition of the figures: titles, labels, legends, sources and captions in "
                        "English, French or Arabic (files named NAME.fr.png; default: en)")
    p.add_argument("--only", nargs="*", help="run only notebooks whose name starts with these")
    p.set_defaults(func=_run)


def _run(args) -> int:
    from analysis import report
    from analysis.campaign import CampaignError
    from analysis.preflight import PreflightError

    try:
        return report.main(None, args.only, campaign=args.campaign, posts=args.posts, likes=args.likes,
                           bin=args.bin, window=args.window, tz=args.tz, run_name=args.run_name,
                           lang=args.lang)
    except CampaignError as exc:
        raise UserFacingError(str(exc), 2) from exc
    except PreflightError as exc:
        raise UserFacingError(str(exc), exc.exit_code) from exc
    except Exception as exc:  # noqa: BLE001 - a bug: one line for the user, the traceback in a file
        import traceback

        from analysis import paths

        log = paths.ensure(paths.ROOT / "build") / "report-error.log"
        log.write_text(traceback.format_exc(), encoding="utf-8")
        raise UserFacingError(f"report failed: {type(exc).__name__}: {exc} (traceback in {log}; "
                              "please report it)", 1) from exc
