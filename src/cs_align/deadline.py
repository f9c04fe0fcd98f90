"""Wall-clock limits for work whose size comes from untrusted input (a template, a plan).

SIGALRM interrupts Python bytecode, so it stops loops however they were built; operations
that could run long inside C are refused before they start elsewhere (the template sandbox's
size checks, the one-year cap on durations).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

PLAN_SECONDS = 60
"""How long checking one plan may take: a real plan takes well under a second."""


class Overtime(Exception):
    """The work ran past its limit."""


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """Raise :class:`Overtime` in the block after ``seconds`` (main thread on POSIX; a no-op
    elsewhere, where the other limits still hold). Limits nest: an inner one is restored."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise Overtime

    previous = signal.signal(signal.SIGALRM, expire)
    left, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, left)
        signal.signal(signal.SIGALRM, previous)
