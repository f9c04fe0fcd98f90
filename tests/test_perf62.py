"""Bounded work over intraday intervals, part two (perf62): a load that comes again is
sized and queued once, and a search for the least staff starts where the last one on the
same demand left off."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cs_align.metrics import Changes, compute
from cs_align.plan import Plan
from tests.conftest import Repo, Result
from tests.test_interval_work import INTERVALS, _a_day_of_five_minutes
from tests.test_sizing_properties import SETTINGS, plans

Cli = Callable[..., Result]

LOADS = 7
"""Distinct volumes in the day of five-minute intervals: 60 to 120 calls in steps of 10."""


def _judgements(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Passes over line-0's day (`sizing.achieved` on its 288 intervals), counted from here
    on, with the memory of sizings cleared so the count is this command's alone."""
    from cs_align import sizing

    sizing.REMEMBERED.clear()
    judged: list[int] = []
    achieved = sizing.achieved

    def counted(*args: object, **kwargs: object) -> object:
        if len(args[1].slices) == INTERVALS:  # type: ignore[attr-defined]
            judged.append(1)
        return achieved(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sizing, "achieved", counted)
    return judged


def test_each_load_of_a_day_is_sized_once(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A slice's need (the least whole headcount for 80% in 20s, the share at the 85%
    # ceiling) depends on its load alone, and the day repeats 7 volumes over 288
    # intervals: `check` sized all 288 (a queue search each), now 7, plus phone and email
    # (one stretch each). Ten lines of 1,440 one-minute intervals were 14,400 searches
    # per what-if scenario.
    from cs_align import sizing

    sizing.REMEMBERED.clear()
    loads: list[object] = []
    need = sizing._need

    def counted(*args: object, **kwargs: object) -> object:
        loads.append(args[3])
        return need(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sizing, "_need", counted)
    repo.write("plans/day.yaml", _a_day_of_five_minutes())
    result = cli("check", "plans/day.yaml", "-f", "json")
    assert result.code == 1, result.err
    assert "line-0" in result.out
    assert len(loads) == len(set(loads)) <= LOADS + 2, len(loads)


def test_a_judgement_builds_one_queue_per_load(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Judging staff on the day built a queue (two Fraction-to-float conversions) and
    # worked out the busiest interval's occupancy (a Fraction division) for each of the
    # 288 intervals; intervals of one load hold the same servers (a schedule that follows
    # the forecast), so 7 of each are worked out now. Counted over a `whatif`, whose ten
    # scenarios judge the day some hundred times.
    from cs_align import sizing

    judged = _judgements(monkeypatch)
    queues: list[int] = []
    busiest: list[int] = []
    queue, busy = sizing.Queue, sizing._busy

    def built(*args: object, **kwargs: object) -> object:
        queues.append(1)
        return queue(*args, **kwargs)

    def worked_out(*args: object, **kwargs: object) -> object:
        busiest.append(1)
        return busy(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sizing, "Queue", built)
    monkeypatch.setattr(sizing, "_busy", worked_out)
    repo.write("plans/day.yaml", _a_day_of_five_minutes())
    result = cli("whatif", "plans/day.yaml", "-f", "json")
    assert result.code == 1, result.err
    assert judged
    # Phone and email add one queue each per judgement of theirs: at most as many again.
    assert len(queues) <= (LOADS + 2) * len(judged) * 2, (len(queues), len(judged))
    assert len(busiest) <= LOADS * len(judged), (len(busiest), len(judged))


COMMANDS = {
    # command: (arguments, the most passes over line-0's day it may make); before, in this
    # order: 255, 60, 857 and 273.
    "promise": (("promise", "plans/day.yaml", "-f", "json"), 50),
    "fix": (("fix", "plans/day.yaml", "-f", "json"), 30),
    "report": (("report", "plans/day.yaml", "-o", "day.md"), 300),
    "whatif": (("whatif", "plans/day.yaml", "-f", "json"), 200),
}


@pytest.mark.parametrize("command", COMMANDS)
def test_a_search_starts_where_the_last_left_off(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    # The least FTE that keep a line's targets (and hold its ceiling) is the same whatever
    # its planned FTE, yet every compute searched it anew from nothing, a dozen headcounts
    # each: `fix` and `promise` compute the line at one FTE after another, and `report`'s
    # curve at every headcount. Each search now starts from the steps earlier ones on the
    # same demand judged to miss and to keep (more staff never achieve less); and the
    # least with the occupancy ceiling, a search from the targets' least up to the
    # ceiling's whole need, a dozen more per what-if scenario, tries a tenth under that
    # need first: where the ceiling asks more than the targets anywhere, that is it.
    judged = _judgements(monkeypatch)
    repo.write("plans/day.yaml", _a_day_of_five_minutes())
    args, most = COMMANDS[command]
    result = cli(*args)
    assert result.code in (0, 1), result.err
    shown = (repo.root / "day.md").read_text(encoding="utf-8") if command == "report" else ""
    assert "line-0" in result.out + shown
    assert len(judged) <= most, f"{command}: {len(judged)} passes over the day"


@SETTINGS
@given(plans(), st.lists(st.integers(0, 4000), min_size=2, max_size=5))
def test_a_search_from_earlier_bounds_finds_what_one_from_nothing_finds(
    plan: Plan, planned: list[int]
) -> None:
    # A line computed at one planned FTE after another (as `fix` and `promise` do, each
    # search starting from what the ones before judged) has the figures it has computed
    # at each alone, with nothing remembered: the least that keep its targets, the
    # ceiling's, and what decides them.
    from cs_align import sizing

    ftes = [Fraction(n, 8) for n in planned]
    sizing.REMEMBERED.clear()
    together = [compute(plan, Changes(agents={"line": fte})).channels[0] for fte in ftes]
    alone = []
    for fte in ftes:
        sizing.REMEMBERED.clear()
        alone.append(compute(plan, Changes(agents={"line": fte})).channels[0])
    assert together == alone


@pytest.mark.parametrize(("command", "most"), [("fix", 28), ("promise", 50)])
def test_fix_sizes_a_line_from_what_its_targets_need(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch, command: str, most: int
) -> None:
    # `fix` (and `promise`, which asks what `fix --keep-budget` would write) finds a line's
    # least FTE by computing the line alone at one FTE after another. It halved from no
    # staff, so a line needing 1,209.1 FTE was computed at about half, three quarters …
    # of its need, though the first compute, at the whole-headcount need (1,212.8), tells
    # the least that keep its targets (1,209.1): fewer fail any rule that asks them.
    # Counted: computes of the line alone; before, 35 and 91.
    from cs_align import fixstaff

    computed: list[int] = []
    compute_ = fixstaff.compute

    def counted(*args: object, **kwargs: object) -> object:
        computed.append(1)
        return compute_(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(fixstaff, "compute", counted)
    repo.write("plans/day.yaml", _a_day_of_five_minutes())
    result = cli(command, "plans/day.yaml", "-f", "json")
    assert result.code in (0, 1), result.err
    assert "line-0" in result.out
    assert len(computed) <= most, f"{command}: {len(computed)} computes"


def test_the_interval_notes_read_each_load_once(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "288 of 288 intervals fall under 80%" is read from each interval's figures at the
    # planned staff, which the judgement had just worked out for each load once; the note
    # worked all 288 out again, in every compute (`fix` and `promise` run dozens, the
    # report's keep-budget view more: a quarter of `report`'s time on two lines of 1,440).
    # Counted: a queue's figures worked out at some staff, over a `check`; before, 494.
    from cs_align import fractional

    evaluated: list[int] = []
    at = fractional.Queue.at

    def counted(self: fractional.Queue, *args: object) -> object:
        evaluated.append(1)
        return at(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(fractional.Queue, "at", counted)
    judged = _judgements(monkeypatch)
    repo.write("plans/day.yaml", _a_day_of_five_minutes())
    result = cli("check", "plans/day.yaml", "-f", "json")
    assert result.code == 1, result.err
    assert "288 of 288 intervals fall under 80%" in result.out
    assert len(evaluated) <= 250, (len(evaluated), len(judged))


def test_a_batch_lets_each_demand_go_without_a_pass_over_all(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Past its KEPT demands the memory of sizings lets the oldest go, with its judgements:
    # found by a pass over every judgement held, thousands in a batch of plans (each plan
    # sizes a few demands and judges each at a dozen headcounts), so each plan of the
    # batch cost more than the one before. Counted: judgements looked at to let demands
    # go, over a `check` of 30 plans with room for 4 demands; before, 469.
    from collections import OrderedDict

    from cs_align import sizing
    from cs_align.starter import starter_plan

    looked: list[int] = []

    class Looked(OrderedDict):  # type: ignore[type-arg]
        def __iter__(self):  # type: ignore[no-untyped-def]
            looked.append(len(self))
            return super().__iter__()

    sizing.REMEMBERED.clear()
    monkeypatch.setattr(sizing.REMEMBERED, "judged", Looked())
    monkeypatch.setattr(sizing.REMEMBERED, "KEPT", 4)
    for i, volume in enumerate(range(2000, 32000, 1000)):
        text = starter_plan("delight").replace("contacts: 9000,", f"contacts: {volume},", 1)
        repo.write(f"batch/plan-{i:02d}.yaml", text)
    result = cli("check", "batch", "-f", "json", "-o", "out.json")
    sizing.REMEMBERED.clear()
    assert result.code in (0, 1), result.err
    assert (repo.root / "out.json").read_text(encoding="utf-8").count('"verdict"') >= 30
    assert sum(looked) <= 30, sum(looked)
