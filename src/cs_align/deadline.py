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


AGAIN = 0.05
"""Seconds after which an expired limit raises :class:`Overtime` again, should the first have
been caught on its way up."""


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """Raise :class:`Overtime` in the block after ``seconds`` (main thread on POSIX; a no-op
    elsewhere, where the other limits still hold). Limits nest: an inner one never outlasts
    the one around it, and when it ends the outer one runs on with the time it has left.

    Once the time is up the block ends in :class:`Overtime` whatever it does with the
    exception: one a library wraps (pydantic's serializer makes it "Error calling function")
    is raised as Overtime from it; one caught and dropped comes again every AGAIN seconds;
    a block that still ends normally ends in Overtime, as its work may have lost a step.
    An alarm that falls due as the block ends (its handler runs once the clean-up has begun)
    raises nothing: the block's work is done, and the clean-up always runs to its end, so
    no handler is left behind to stop the rest of the process every AGAIN seconds."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return
    expired = False
    active = True

    def expire(signum: int, frame: object) -> None:
        nonlocal expired
        if not active:  # due as the block ended: the clean-up decides
            return
        expired = True
        signal.setitimer(signal.ITIMER_REAL, AGAIN)
        raise Overtime

    previous = signal.signal(signal.SIGALRM, expire)
    start = time.monotonic()
    left, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    if 0 < left < seconds:  # the outer limit ends first
        signal.setitimer(signal.ITIMER_REAL, left)
    try:
        yield
    except Exception as exc:
        if expired and not isinstance(exc, Overtime):
            raise Overtime from exc
        raise
    finally:
        active = False  # first, before any call at which a due alarm's handler can run
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if left > 0:  # the outer limit, less the time spent here (at once if it has passed)
            signal.setitimer(signal.ITIMER_REAL, max(left - (time.monotonic() - start), 1e-6))
    if expired:
        raise Overtime
