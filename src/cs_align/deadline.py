"""Wall-clock limits for work whose size comes from untrusted input (a template, a plan).

SIGALRM interrupts Python bytecode, so it stops loops however they were built; operations
that could run long inside C are refused before they start elsewhere (the template sandbox's
size checks, the one-year cap on durations).
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

PLAN_SECONDS = 60
"""How long checking one plan may take: a real plan takes well under a second."""


class Overtime(Exception):
    """The work ran past its limit."""


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """Raise :class:`Overtime` in the block after ``seconds`` (main thread on POSIX; a no-op
    elsewhere, where the other limits still hold). Limits nest: an inner one never outlasts
    the one around it, and when it ends the outer one runs on with the time it has left."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise Overtime

    previous = signal.signal(signal.SIGALRM, expire)
    start = time.monotonic()
    left, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    if 0 < left < seconds:  # the outer limit ends first
        signal.setitimer(signal.ITIMER_REAL, left)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if left > 0:  # the outer limit, less the time spent here (at once if it has passed)
            signal.setitimer(signal.ITIMER_REAL, max(left - (time.monotonic() - start), 1e-6))
