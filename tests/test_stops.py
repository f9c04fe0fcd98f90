"""A stop (Ctrl-C, SIGTERM, a plan's time limit) stops the work whatever the code it lands in
does with the exception it raises: pydantic's serializer wraps an exception raised in a
function it calls ("Error calling function `str`: Interrupted: 2"), and code may catch one.

CI saw it: Ctrl-C landing in a JSON dump made a batch's first plan "internal error while
checking this plan … please report it" and the run exit 2, not 130."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, field_serializer
from pydantic_core import PydanticSerializationError

from cs_align import errors
from cs_align.deadline import Overtime, within
from tests.conftest import Invoke, unless_it_hangs

EXAMPLE = "examples/delight-aligned.yaml"


@pytest.fixture(autouse=True)
def _no_stop_left() -> Iterator[None]:
    """A stop noted by one test is not another's."""
    yield
    errors.RECEIVED.clear()


def _dumped_while(stop: Callable[[], None]) -> str:
    """A model's JSON, with ``stop`` happening inside the serializer pydantic calls."""

    class Field(BaseModel):
        value: int

        @field_serializer("value")
        def _value(self, value: int) -> str:
            stop()
            return str(value)

    return Field(value=1).model_dump_json()


def _ctrl_c() -> None:
    errors.interrupt(signal.SIGINT, None)


def test_pydantic_wraps_an_exception_raised_in_its_serializer() -> None:
    """The premise: what the handler raises does not reach the caller as itself."""
    with pytest.raises(PydanticSerializationError, match="Interrupted"):
        _dumped_while(_ctrl_c)


def test_an_expired_limit_wrapped_by_a_library_is_overtime() -> None:
    def busy() -> None:
        time.sleep(1)  # the alarm lands here, inside pydantic's call

    started = time.monotonic()
    with pytest.raises(Overtime), within(0.05):
        _dumped_while(busy)
    assert time.monotonic() - started < 0.9


def test_an_expired_limit_caught_and_dropped_comes_again() -> None:
    """Work that drops the first Overtime and goes on is stopped AGAIN seconds later; before,
    it ran to its end (here 3 s more; a plan's loop, for ever)."""
    started = time.monotonic()
    with unless_it_hangs(10), pytest.raises(Overtime), within(0.05):
        with contextlib.suppress(Exception):
            time.sleep(1)
        time.sleep(3)
    assert time.monotonic() - started < 1


def test_a_block_that_ends_normally_after_its_limit_ends_in_overtime() -> None:
    """Work that lost an exception may have lost a step: its result is not used."""
    with pytest.raises(Overtime), within(0.05), contextlib.suppress(Overtime):
        time.sleep(1)


def test_a_limit_kept_changes_nothing() -> None:
    with within(5):
        answer = _dumped_while(lambda: None)
    assert answer == '{"value":"1"}'


def _checks_with(monkeypatch: pytest.MonkeyPatch, stop: Callable[[], None]) -> list[str]:
    """`check_file` as the check command calls it, with ``stop`` inside a pydantic dump
    while checking the first plan; the paths it was asked to check."""
    from cs_align.commands import check

    real = check.check_file
    asked: list[str] = []

    def checking(path: str, *args: Any) -> Any:
        asked.append(path)
        if len(asked) == 1:
            _dumped_while(stop)
        return real(path, *args)

    monkeypatch.setattr(check, "check_file", checking)
    return asked


def test_ctrl_c_inside_a_json_dump_exits_130_and_checks_no_other_plan(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = _checks_with(monkeypatch, _ctrl_c)
    result = invoke("check", EXAMPLE, "examples/fast-food-aligned.yaml", "-f", "json")
    assert (result.code, result.err) == (130, "cs-align: interrupted\n")
    assert result.out == ""
    assert asked == [EXAMPLE]


def _in_a_finalizer(stop: Callable[[], None]) -> Callable[[], None]:
    """``stop`` where Python cannot raise what it raises: in a finalizer, which hands the
    exception to `sys.unraisablehook` (as a signal handler run from C code does)."""

    class Dropped:
        def __del__(self) -> None:
            stop()

    def drop() -> None:
        Dropped()  # made and dropped at once: its finalizer runs here

    return drop


@pytest.mark.parametrize(
    ("stop", "code", "said"),
    [
        (_ctrl_c, 130, "cs-align: interrupted\n"),
        (lambda: errors.interrupt(signal.SIGTERM, None), 143, "cs-align: terminated\n"),
    ],
)
def test_a_stop_where_python_cannot_raise_it_says_one_line(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, stop: Callable[[], None], code: int, said: str
) -> None:
    """CI saw Ctrl-C in a one-process batch print "Exception ignored in: Decimal('3')" and a
    traceback of `errors.interrupt` before "cs-align: interrupted" (exit 130): Python's own
    hook for exceptions it cannot raise wrote them. A stop is noted and ends the run anyway,
    so it is not told twice."""
    monkeypatch.setattr(sys, "unraisablehook", sys.__unraisablehook__)  # as in a process
    asked = _checks_with(monkeypatch, _in_a_finalizer(stop))
    result = invoke("check", EXAMPLE, "examples/fast-food-aligned.yaml", "-f", "json")
    assert (result.code, result.err, result.out) == (code, said, "")
    assert asked == [EXAMPLE]
    assert sys.unraisablehook is sys.__unraisablehook__  # main() leaves the hook it found


def test_an_expired_limit_where_python_cannot_raise_it_is_not_told(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As main() hooks it: the limit's Overtime, lost in a finalizer, is not printed; the
    limit still ends the block in Overtime."""
    told: list[BaseException | None] = []
    monkeypatch.setattr(
        sys, "unraisablehook", errors.quiet_stops(lambda u: told.append(u.exc_value))
    )
    with pytest.raises(Overtime), within(0.05):
        _in_a_finalizer(lambda: time.sleep(1))()  # the alarm lands in the finalizer
    assert told == []


def test_other_exceptions_where_python_cannot_raise_them_are_still_told(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fault() -> None:
        raise ValueError("a finalizer's own fault")

    seen: list[BaseException | None] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda u: seen.append(u.exc_value))
    _checks_with(monkeypatch, _in_a_finalizer(fault))
    result = invoke("check", EXAMPLE)
    assert result.code == 0, result.err
    assert [type(e) for e in seen] == [ValueError]


def test_sigterm_that_code_caught_and_dropped_still_exits_143(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    def dropped() -> None:
        with contextlib.suppress(BaseException):
            errors.interrupt(signal.SIGTERM, None)

    asked = _checks_with(monkeypatch, dropped)
    result = invoke("check", EXAMPLE, "examples/fast-food-aligned.yaml")
    assert (result.code, result.err) == (128 + signal.SIGTERM, "cs-align: terminated\n")
    assert asked == [EXAMPLE]


def test_a_run_after_a_stop_starts_afresh(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    """main() forgets an earlier run's stop (a library or the Action runs it again)."""
    errors.RECEIVED.append(signal.SIGINT)
    result = invoke("check", EXAMPLE)
    assert result.code == 0, result.err


def test_the_action_stops_at_a_stop_inside_one_diff(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The Action's process runs every diff; a stop in one ends it, not that diff alone."""
    import json

    from cs_align import action, cli

    (tmp_path / "check.json").write_text(
        json.dumps({"plans": [{"path": "a.yaml"}, {"path": "b.yaml"}]}), encoding="utf-8"
    )
    diffs: list[list[str]] = []

    def diff(prog_name: str) -> None:
        import sys

        diffs.append(sys.argv)
        with contextlib.suppress(Exception):
            _dumped_while(_ctrl_c)
        raise SystemExit(1)

    monkeypatch.setattr(cli, "main", diff)
    monkeypatch.setattr(action, "_gone", lambda *args: [])
    assert action.main([str(tmp_path), "main", "accepted"]) == 130
    assert len(diffs) == 1


def test_a_limit_whose_alarm_falls_due_as_its_block_ends_leaves_no_alarm_behind(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The alarm raised its Overtime inside the limit's own clean-up, which then stopped
    before putting the previous handler back: the process was left with a handler raising
    Overtime every AGAIN seconds (a batch's later plans, pytest's own teardown). A loaded
    machine makes the block's end and its alarm meet; here the alarm is sent just then."""
    import os

    from cs_align import deadline

    real = signal.setitimer
    sent: list[bool] = []

    def due_now(which: int, seconds: float, interval: float = 0.0) -> tuple[float, float]:
        if seconds == 0 and not sent:  # the clean-up's first step: the alarm is due
            sent.append(True)
            os.kill(os.getpid(), signal.SIGALRM)
        return real(which, seconds, interval)

    before = signal.getsignal(signal.SIGALRM)
    with monkeypatch.context() as patch:
        patch.setattr(deadline.signal, "setitimer", due_now)
        with within(5):
            answer = _dumped_while(lambda: None)
    assert sent and answer == '{"value":"1"}'  # the work was done: its answer stands
    time.sleep(3 * deadline.AGAIN)  # no Overtime comes again
    assert signal.getsignal(signal.SIGALRM) == before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_an_outer_limit_still_ends_on_time_after_an_inner_one_ended_at_its_alarm(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cs_align import deadline

    real = signal.setitimer
    sent: list[bool] = []

    def due_now(which: int, seconds: float, interval: float = 0.0) -> tuple[float, float]:
        if seconds == 0 and not sent:
            sent.append(True)
            signal.raise_signal(signal.SIGALRM)
        return real(which, seconds, interval)

    started = time.monotonic()
    with unless_it_hangs(10), pytest.raises(Overtime), within(0.3):
        with monkeypatch.context() as patch:
            patch.setattr(deadline.signal, "setitimer", due_now)
            with within(5):
                pass
        time.sleep(3)
    assert sent and time.monotonic() - started < 2


def test_main_gives_a_library_back_its_signal_handlers_and_hook(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A library calling cli.main() in process kept cs-align's SIGINT and SIGTERM handlers
    afterwards: its own Ctrl-C later raised cs-align's Interrupted, not KeyboardInterrupt."""
    from cs_align import cli

    def mine(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    def hook(unraisable: Any) -> None:
        pass

    saved = {n: signal.getsignal(n) for n in (signal.SIGINT, signal.SIGTERM)}
    try:
        for number in saved:
            signal.signal(number, mine)
        monkeypatch.setattr(sys, "unraisablehook", hook)
        monkeypatch.setattr(sys, "argv", ["cs-align", "check", EXAMPLE])
        with pytest.raises(SystemExit) as done:
            cli.main()
        assert done.value.code in (0, None)
        assert signal.getsignal(signal.SIGINT) is mine
        assert signal.getsignal(signal.SIGTERM) is mine
        assert sys.unraisablehook is hook
        with pytest.raises(KeyboardInterrupt):
            signal.raise_signal(signal.SIGINT)
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)


def test_main_gives_a_library_back_its_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """main() switches pydantic's plugins off for its own run; a library calling it in
    process kept PYDANTIC_DISABLE_PLUGINS afterwards, and so did its child processes. One
    the caller set itself is left as it was."""
    from cs_align import cli

    saved = {n: signal.getsignal(n) for n in (signal.SIGINT, signal.SIGTERM)}
    monkeypatch.setattr(sys, "argv", ["cs-align", "check", EXAMPLE])
    try:
        monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)
        with pytest.raises(SystemExit):
            cli.main()
        assert "PYDANTIC_DISABLE_PLUGINS" not in os.environ
        monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "logfire")
        with pytest.raises(SystemExit):
            cli.main()
        assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == "logfire"
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)
