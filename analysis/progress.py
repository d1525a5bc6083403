"""Progress on long work whose length is not known in advance (model training).

:func:`working` shows one tqdm line on stderr with the elapsed time, refreshed every
second, for as long as its block runs; ``enabled=False`` (``--no-progress``) hides it.
"""

from __future__ import annotations

import contextlib
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
    ticker.start()
    try:
        yield
    finally:
        stop.set()
        ticker.join()
        bar.close()
