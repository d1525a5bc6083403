"""Errors meant for the person at the keyboard.

:class:`UserFacingError` lives here, below every other module, so that command modules,
the report and the CLI can all raise it without importing the CLI that loads them.
"""

from __future__ import annotations


class UserFacingError(Exception):
    """An error whose message is the whole story for the user (no traceback).

    ``exit_code`` is what ``opeunlike`` exits with: 1 failure, 2 a wrong path, format or
    option, 3 nothing usable in the input.
    """

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code
