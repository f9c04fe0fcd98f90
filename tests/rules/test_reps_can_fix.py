"""reps-can-fix: reps may spend to fix a problem, and reach engineering for real bugs."""

from __future__ import annotations

from tests.rules.conftest import REMOVE, RunRule, check_plan, plan

RULE = "reps-can-fix"


def staffing(**fields: object) -> dict[str, object]:
    return plan({"staffing": fields})


def test_authority_and_a_route_to_engineering_hold(run_rule: RunRule) -> None:
    assert run_rule(RULE, plan()) == []  # 100 USD, escalation on


def test_reps_who_cannot_spend_fail(run_rule: RunRule) -> None:
    (found,) = run_rule(RULE, staffing(refund_authority=0))
    assert found.message == (
        "reps may spend 0 USD to fix a problem without approval; this strategy needs at least 1 USD"
    )
    assert found.path == "staffing.refund_authority"
    assert found.fix == "set staffing.refund_authority to at least 1"
    (unstated,) = run_rule(RULE, staffing(refund_authority=REMOVE))
    assert unstated.message.startswith("reps may spend 0 USD")


def test_reps_with_no_route_to_engineering_fail(run_rule: RunRule) -> None:
    (found,) = run_rule(RULE, staffing(escalation_to_engineering=False))
    assert found.message == "reps have no direct route to engineering for real bugs"
    assert found.path == "staffing.escalation_to_engineering"


def test_the_thresholds_are_options(run_rule: RunRule) -> None:
    (found,) = run_rule(RULE, plan(), min_refund_authority=250)
    assert found.message.endswith("needs at least 250 USD") and "spend 100 USD" in found.message
    data = staffing(escalation_to_engineering=False)
    assert run_rule(RULE, data, require_escalation=False) == []


def test_without_reps_it_does_not_apply(run_rule: RunRule) -> None:
    data = plan(
        {"staffing": {"refund_authority": 0}, "channels": {"phone": {"staffed_by": "bots"}}}
    )
    assert run_rule(RULE, data) == []


def test_severity_and_threshold_follow_the_strategy() -> None:
    data = staffing(refund_authority=100)
    trust = [f for f in check_plan(data, "extraordinary-trust") if f.rule == RULE]
    assert [(f.severity, f.message.endswith("at least 250 USD")) for f in trust] == [
        ("error", True)
    ]
    assert not [f for f in check_plan(data) if f.rule == RULE]  # delight asks for 50
