"""`diff` calls a budget finding worse when the proposal leaves the people money further
short, and says what the base was short and what the change adds (calc56: 2 FTE more on a
people line already 353,400 USD short read "2 unchanged findings", and a gate on new or
worse findings passed 124,000 USD a year more of staff nobody funds)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import EXAMPLES, Invoke

BASE = (EXAMPLES / "delight-underfunded-misaligned.yaml").read_text(encoding="utf-8")


def _diff(invoke: Invoke, tmp_path: Path, proposal: str) -> tuple[int, dict[str, list[dict]]]:  # type: ignore[type-arg]
    base, plan = tmp_path / "base.yaml", tmp_path / "plan.yaml"
    base.write_text(BASE, encoding="utf-8")
    plan.write_text(proposal, encoding="utf-8")
    result = invoke("diff", str(base), str(plan), "-f", "json")
    found: dict[str, list[dict]] = json.loads(result.out)["diff"]["findings"]  # type: ignore[type-arg]
    return result.code, found


def test_a_people_line_further_short_is_worse_and_says_what_the_change_adds(
    invoke: Invoke, tmp_path: Path
) -> None:
    # The base: 20.7 FTE × 62,000 = 1,283,400 USD on a 930,000 people line, 353,400 short.
    # The proposal: 2 FTE more on the phone (22.7 × 62,000 = 1,407,400), 477,400 short:
    # 124,000 (2 × 62,000) of it the change's own.
    more = BASE.replace("agents: 16.2", "agents: 18.2", 1).replace(
        "agents: 20.7", "agents: 22.7", 1
    )
    code, found = _diff(invoke, tmp_path, more)
    assert code == 1  # no_new_errors: a worse error blocks
    (worse,) = found["worse"]
    assert worse["rule"] == "people-line-funds-staff"
    # The targets need 17.3 FTE × 62,000 = 1,072,600: 142,600 of the 477,400 short, and
    # the 5.4 FTE beyond them 334,800, as the report's gaps say them (calc58).
    assert worse["message"].endswith(
        "short by 477,400 USD: 142,600 USD of it short of the 17.3 FTE the targets need, "
        "334,800 USD for the 5.4 FTE planned beyond them (a year: the base was 353,400 USD "
        "short, this change adds 124,000 USD)"
    )
    # budget-funds-targets is unchanged: the targets need what they needed.
    assert [f["rule"] for f in found["unchanged"]] == ["budget-funds-targets"]
    # The gate counts it as what it is: an error the base had, made worse (it read "1 new
    # error").
    table = invoke("diff", str(tmp_path / "base.yaml"), str(tmp_path / "plan.yaml")).out
    assert table.startswith(
        "❌ blocked by no_new_errors: 1 worse error, first: people-line-funds-staff"
    )


def test_a_people_line_no_further_short_stays_unchanged(invoke: Invoke, tmp_path: Path) -> None:
    # The same shortfall, the line and the staff both as the base: nothing worse.
    code, found = _diff(invoke, tmp_path, BASE.replace("organisation:", "# same\norganisation:"))
    assert code == 0  # the gate: nothing new or worse
    assert found["worse"] == [] and len(found["unchanged"]) == 2
    # Less short (1 FTE fewer on the phone): not worse either.
    fewer = BASE.replace("agents: 16.2", "agents: 15.2", 1).replace(
        "agents: 20.7", "agents: 19.7", 1
    )
    _, found = _diff(invoke, tmp_path, fewer)
    assert not [f for f in found["worse"] if f["rule"] == "people-line-funds-staff"]
