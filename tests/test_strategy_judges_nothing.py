"""A strategy that switches on no rule is unusable input: every plan judged by it read
"ALIGNED, 0/0 rules hold" whatever it said, and passed a gate (review user61). An entry's
empty severity is told to write a severity the reader takes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, Invoke

PLAN = (EXAMPLES / "delight-aligned.yaml").read_text(encoding="utf-8")
UNIVERSAL = [
    "target-stated",
    "promise-stated",
    "unique-channel-ids",
    "budget-lines-add-up",
    "people-line-funds-staff",
    "agents-within-total",
    "agents-on-channels",
    "segment-shares",
    "staffing-meets-targets",
    "occupancy-cap",
    "abandonment-max",
    "deferred-backlog",
    "volume-stated",
    "hours-cover-target",
    "budget-funds-targets",
    "channels-per-team",
    "chat-concurrency",
    "outage-channel",
    "leadership-in-service",
    "reps-can-fix",
    "no-throughput-rewards",
    "no-scripts",
]
ALL_OFF = "".join(f"  - {{rule: {r}, severity: disable}}\n" for r in UNIVERSAL)


def _judged_by(tmp_path: Path, strategy: str) -> None:
    (tmp_path / "ours.yaml").write_text(strategy, encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(
        PLAN.replace("strategy: delight", "strategy: ours.yaml"), encoding="utf-8"
    )


@pytest.mark.parametrize(
    ("strategy", "told"),
    [
        (
            "id: ours\nname: Ours\npurpose: what we are for\n",
            "ours.yaml:1:1: this strategy extends none and switches on no rule: every plan "
            "judged by it would pass — write `extends: universal`",
        ),
        (
            "id: ours\nname: Ours\nrules: []\n",
            "ours.yaml:3:1: this strategy extends none and switches on no rule",
        ),
        (
            f"id: ours\nname: Ours\nextends: universal\nrules:\n{ALL_OFF}",
            "ours.yaml:4:1: this strategy turns off every rule of universal and switches on "
            "none: every plan judged by it would pass — keep the rules it should judge by",
        ),
    ],
)
def test_a_strategy_that_switches_on_no_rule_is_unusable(
    invoke: Invoke, tmp_path: Path, strategy: str, told: str
) -> None:
    _judged_by(tmp_path, strategy)
    for command in (("check", "plan.yaml"), ("strategies", "show", "ours.yaml")):
        ran = invoke(*command, cwd=tmp_path)
        assert ran.code == 2, command
        assert ran.err.startswith(told), ran.err
        assert "ALIGNED" not in ran.out


def test_one_rule_left_on_is_a_strategy_that_judges(invoke: Invoke, tmp_path: Path) -> None:
    # Every universal rule off but target-stated: the plan is judged by that one rule.
    kept = ALL_OFF.replace("  - {rule: target-stated, severity: disable}\n", "")
    _judged_by(tmp_path, f"id: ours\nname: Ours\nextends: universal\nrules:\n{kept}")
    ran = invoke("check", "plan.yaml", cwd=tmp_path)
    assert ran.code == 0
    assert "1/1 rules hold" in ran.out


def test_an_extended_file_with_no_rules_of_its_own_is_no_fault(
    invoke: Invoke, tmp_path: Path
) -> None:
    # base.yaml switches on nothing itself; ours.yaml extends it and lists a rule: the
    # strategy that judges has a rule, so it is usable.
    (tmp_path / "base.yaml").write_text("id: base\nname: Base\n", encoding="utf-8")
    _judged_by(
        tmp_path,
        "id: ours\nname: Ours\nextends: base.yaml\nrules:\n  - {rule: target-stated}\n",
    )
    assert invoke("check", "plan.yaml", cwd=tmp_path).code == 0
