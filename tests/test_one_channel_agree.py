"""On a random one-channel plan staffed as `staff --kind` answers, `check`, `staff`,
`promise`, `whatif` (a +0% scenario) and `fix` tell one story (calc56): the staff the
calculator names keep the line's targets and ceiling in `check`, with the calculator's own
figures; `promise` says they are enough; `whatif` +0% is the plan as checked; and `fix`
leaves an aligned plan as it is. The lines are `tests/test_staff_kind.py`'s, written twice
by hand (flags and plan), never by the code under test."""

from __future__ import annotations

import json
import math
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings

from tests.conftest import Invoke, examples
from tests.test_staff_kind import lines

FIGURES = (
    "model",
    "offered_load_erlangs",
    "planned_positions",
    "needed_fte",
    "required_fte",
    "service_level",
    "asa_seconds",
    "occupancy",
    "abandonment",
    "first_response_seconds",
)
STAFFING = {
    "staffing-meets-targets",
    "occupancy-cap",
    "abandonment-max",
    "deferred-backlog",
    "budget-funds-targets",
    "people-line-funds-staff",
}
COST = 50_000


def staffed(plan: str, fte: float) -> str:
    """The line's plan with the calculator's FTE on it, a promise, and a people line that
    pays for them (fte × 50,000, a year)."""
    people = Decimal(str(fte)) * COST
    return (
        plan.replace(
            "strategy: universal\n", 'strategy: universal\npromise: "We answer."\n'
        ).replace("staffing:\n", f"    agents: {fte}\nstaffing:\n  loaded_cost_per_fte: {COST}\n")
        + f"budget: {{total: {people}, lines: {{people: {people}}}}}\n"
    )


def _json(invoke: Invoke, *args: str) -> Any:
    result = invoke(*args, "-f", "json")
    assert result.code in (0, 1), (args, result.out, result.err)
    return json.loads(result.out)


def same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    return bool(a == b)


@settings(
    max_examples=examples(20),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(line=lines())
def test_one_line_staffed_as_staff_answers_is_one_story(
    invoke: Invoke, tmp_path: Path, line: tuple[list[str], str]
) -> None:
    flags, plan = line
    told = _json(invoke, "staff", *flags)
    fte = told["planned_fte"]
    path = tmp_path / "line.yaml"
    path.write_text(staffed(plan, fte), encoding="utf-8")
    judged = _json(invoke, "check", str(path))["plans"][0]
    (channel,) = judged["metrics"]["channels"]
    # check: the calculator's staff, with the calculator's figures, keep targets and ceiling.
    assert channel["planned_fte"] == fte
    differ = {k: (told[k], channel[k]) for k in FIGURES if not same(told[k], channel[k])}
    assert not differ, (flags, differ)
    failing = {f["rule"] for f in judged["findings"] if f["severity"] in ("error", "warning")}
    assert not failing & STAFFING, (flags, judged["findings"])
    # promise: those staff are enough, nothing extra to fund.
    (kept,) = _json(invoke, "promise", str(path))["channels"]
    assert (kept["planned_fte"], kept["needed_fte"], kept["extra_fte"]) == (
        fte,
        channel["needed_fte"],
        0.0,
    )
    # whatif +0%: every row is the plan as checked.
    for row in _json(invoke, "whatif", str(path), "--vary", "volume=+0%")["scenarios"]:
        assert row["verdict"] == judged["verdict"], row["scenario"]
        (c,) = row["channels"]
        assert all(same(c[k], channel[k]) for k in FIGURES), row["scenario"]
    # fix: nothing to mend on an aligned plan; otherwise the verdict it starts from is check's.
    fixed = _json(invoke, "fix", str(path))
    assert fixed["verdict"]["before"] == judged["verdict"]
    if judged["verdict"] == "aligned":
        assert fixed["changes"] == [] and fixed["verdict"]["after"] == "aligned"
