"""Every ``opeunlike`` verb has the one shape DEVELOPERS.md describes ("Command-line shape")."""

from __future__ import annotations

import argparse

import pytest

from analysis.cli import build_parser


def _verbs(parser: argparse.ArgumentParser, path=()):
    """(command path, parser) of every leaf verb."""
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        yield " ".join(path), parser
        return
    for sub in subs:
        for name, child in sub.choices.items():
            yield from _verbs(child, (*path, name))


VERBS = dict(_verbs(build_parser()))


def _options(parser):
    return [a for a in parser._actions if not isinstance(a, (argparse._HelpAction,
                                                              argparse._SubParsersAction))]


def test_the_walk_finds_the_verbs():
    assert {"langid identify", "sentiment classify", "collect archive", "likes import",
            "report"} <= set(VERBS)


@pytest.mark.parametrize("verb", sorted(VERBS))
def test_every_argument_has_help_text(verb):
    missing = [a.dest for a in _options(VERBS[verb])
               if not a.help or a.help == argparse.SUPPRESS]
    assert not missing, f"opeunlike {verb}: no help for {missing}"


@pytest.mark.parametrize("verb", sorted(VERBS))
def test_output_is_dash_o_or_dash_dash_out(verb):
    for action in _options(VERBS[verb]):
        if "--out" in action.option_strings:
            assert "-o" in action.option_strings, f"opeunlike {verb}: --out without -o"
        assert action.dest not in ("output", "outfile"), f"opeunlike {verb}: positional output"


@pytest.mark.parametrize("verb", sorted(VERBS))
def test_shared_flags_have_one_spelling(verb):
    for action in _options(VERBS[verb]):
        if "--no-progress" in action.option_strings:
            assert "--quiet" in action.option_strings, f"opeunlike {verb}: --no-progress without --quiet"
        if "--json" in action.option_strings:
            assert "JSON object on stdout" in action.help, f"opeunlike {verb}: --json says {action.help!r}"
        if "--query" in action.option_strings:
            assert action.default == "opeunlike", f"opeunlike {verb}: --query defaults to {action.default!r}"
