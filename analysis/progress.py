"""Progress on long work whose length is not known in advance (model training).

:func:`working` shows one tqdm line on stderr with the elapsed time, refreshed every
second, for as long as its block runs; ``enabled=False`` (``--no-progress``) hides it.
When stderr is not a terminal (a log file, CI) the line is written once at the start and
once at the end instead of every second.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Iterator

from tqdm.auto import tqdm


@contextlib.contextmanager
def working(what: str, *, enabled: bool = True, every: float = 1.0) -> Iterator[None]:
    """A live "WHAT: 12 s" line on stderr while the block runs.

    >>> with working("nothing", enabled=False):
    ...     pass
    """
    if not enabled:
        yield
        return
    bar = tqdm(total=None, desc=what, bar_format="{desc}: {elapsed}", leave=True)
    stop = threading.Event()

    def tick() -> None:
        while not stop.wait(every):
            bar.refresh()

    ticker = threading.Thread(target=tick, daemon=True)
    live = sys.stderr.isatty()
    if live:
        ticker.start()
    try:
        yield
    finally:
        stop.set()
        if live:
            ticker.join()
        bar.close()
