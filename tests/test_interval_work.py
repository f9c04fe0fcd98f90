"""Bounded work over intraday intervals: a channel's day is judged at a headcount once per
command, however many views, scenarios and searches ask (perf61)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import EXAMPLES, Repo, Result

Cli = Callable[..., Result]

ALIGNED = (EXAMPLES / "delight-aligned.yaml").read_text(encoding="utf-8")
INTERVALS = 288
"""A day of five-minute intervals."""


def _a_day_of_five_minutes() -> str:
    """The aligned example with a phone line open around the clock, its day forecast in 288
    five-minute intervals of 60 to 120 calls (a day's curve, the same few volumes again)."""
    day = "".join(
        f'        - {{at: "{i // 12:02d}:{i % 12 * 5:02d}", contacts: {60 + 10 * (i // 12 % 7)}}}\n'
        for i in range(INTERVALS)
    )
    line = (
        "  - id: line-0\n    kind: voice\n    hours: 24x7\n    volume:\n      interval: 5m\n"
        f"      intervals:\n{day}    handle_time: 10m\n"
        '    target: {service_level: "80% in 20s"}\n    patience: 2m\n'
    )
    return ALIGNED.replace("channels:\n", "channels:\n" + line, 1)


COMMANDS = {
    # command: (arguments, the most passes over the line's day it may make); before, in
    # this order: 57, 558, 1,718 and 510, and `report` ran past the plan's 60 s (exit 2).
    "check": (("check", "plans/day.yaml", "-f", "json"), 40),
    "whatif": (("whatif", "plans/day.yaml", "-f", "json"), 300),
    "promise": (("promise", "plans/day.yaml", "-f", "json"), 300),
    "fix": (("fix", "plans/day.yaml", "-f", "json"), 100),
    "report": (("report", "plans/day.yaml", "-o", "day.md"), 1000),
}


@pytest.mark.parametrize("command", COMMANDS)
def test_each_headcount_of_a_day_of_intervals_is_judged_once(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    # `metrics.compute` runs per what-if scenario, per FTE `fix` tries, per chart, and each
    # run searched the least staff by judging the day at one headcount after another: the
    # same demand sized anew and the same headcounts judged again, each judgement a pass
    # over every interval. Ten lines of 1,440 one-minute intervals took `check` 5 s of CPU
    # and ran `report` into the 60 s limit (exit 2). Counted: passes over the line's day.
    from cs_align import sizing

    memory = getattr(sizing, "REMEMBERED", None)
    if memory is not None:
        memory.clear()  # a count from this plan alone
    judged: list[int] = []
    achieved = sizing.achieved

    def counted(*args: object, **kwargs: object) -> object:
        d = args[1]
        if len(d.slices) == INTERVALS:  # type: ignore[attr-defined]
            judged.append(1)
        return achieved(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sizing, "achieved", counted)
    repo.write("plans/day.yaml", _a_day_of_five_minutes())
    args, most = COMMANDS[command]
    result = cli(*args)
    assert result.code in (0, 1), result.err
    shown = (repo.root / "day.md").read_text(encoding="utf-8") if command == "report" else ""
    assert "line-0" in result.out + shown
    assert len(judged) <= most, f"{command}: {len(judged)} passes over the day"


def test_what_is_forgotten_changes_no_figure(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The memory of sizings is bounded: with room for two demands and one judgement, every
    # sizing is forgotten and done again midway through each command, and the figures are
    # the same as with room for all.
    from cs_align import sizing

    repo.write("plans/day.yaml", _a_day_of_five_minutes())
    runs = [("whatif", "plans/day.yaml", "-f", "json"), ("fix", "plans/day.yaml", "-f", "json")]
    sizing.REMEMBERED.clear()
    roomy = [cli(*args) for args in runs]
    monkeypatch.setattr(sizing.REMEMBERED, "KEPT", 2)
    monkeypatch.setattr(sizing.REMEMBERED, "SLICES", 1)
    sizing.REMEMBERED.clear()
    tight = [cli(*args) for args in runs]
    sizing.REMEMBERED.clear()
    for before, after in zip(roomy, tight, strict=True):
        assert before.code in (0, 1), before.err
        assert (after.code, after.out) == (before.code, before.out)


def test_the_library_checks_plans_in_several_threads_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # `cs_align.check` is the library's entry point, and a service may call it from several
    # threads. The memory of sizings is shared by the process: two threads letting go of
    # the same demand raised KeyError out of `check` (and one iterating over the judgements
    # while another added one, RuntimeError). Threads switched as often as the interpreter
    # allows, with room for two demands, so that they meet in the memory: each plan's
    # findings are those it gets alone.
    import sys
    import threading

    import cs_align
    from cs_align import sizing

    plans = sorted(EXAMPLES.glob("*.yaml"))

    def seen(path: object) -> list[tuple[str, str]]:
        return [(f.rule, f.message) for f in cs_align.check(path).findings]  # type: ignore[arg-type]

    monkeypatch.setattr(sizing.REMEMBERED, "KEPT", 2)
    sizing.REMEMBERED.clear()
    alone = {path: seen(path) for path in plans}
    monkeypatch.setattr(sys, "getswitchinterval", sys.getswitchinterval)
    switch = sys.getswitchinterval()
    problems: list[str] = []

    def work(offset: int) -> None:
        try:
            for path in (plans[offset:] + plans[:offset]) * 4:
                if seen(path) != alone[path]:
                    problems.append(f"{path.name}: other findings")
        except Exception as error:
            problems.append(f"{type(error).__name__}: {error}")

    sys.setswitchinterval(1e-6)
    try:
        # Two pairs of threads, each pair checking the same plans in the same order.
        threads = [threading.Thread(target=work, args=(k % 2,)) for k in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(switch)
        sizing.REMEMBERED.clear()
    assert problems == []
