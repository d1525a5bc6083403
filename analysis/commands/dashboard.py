"""``opeunlike dashboard``: the live page of a campaign (:mod:`analysis.live.dashboard`)."""

from __future__ import annotations


def register(subparsers) -> None:
    from analysis.live.cli import add_dashboard

    add_dashboard(subparsers)
