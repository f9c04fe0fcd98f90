"""reps-can-fix: reps may spend to fix a problem, and reach engineering for real bugs."""

from __future__ import annotations

from tests.rules.conftest import REMOVE, RunRule, check_plan, line_of, plan

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
        {
            "staffing": {"refund_authority": 0},
            "channels": {"phone": {"staffed_by": "bots", "agents": REMOVE}},
        }
    )
    assert run_rule(RULE, data) == []


def test_severity_and_threshold_follow_the_strategy() -> None:
    data = staffing(refund_authority=100)
    trust = [f for f in check_plan(data, "extraordinary-trust") if f.rule == RULE]
    assert [(f.severity, f.message.endswith("at least 250 USD")) for f in trust] == [
        ("error", True)
    ]
    assert not [f for f in check_plan(data) if f.rule == RULE]  # delight asks for 50


AUTHORITY = "cannot be checked: the plan states no refund authority"
ROUTE = (
    "a route to engineering for real bugs cannot be checked: the plan states no escalation policy"
)
ADD_ROUTE = (
    "add `staffing.escalation_to_engineering: true` "
    "(false if reps have no direct route to engineering)"
)


def test_what_the_plan_does_not_state_is_reported_not_taken_as_none(run_rule: RunRule) -> None:
    data = staffing(refund_authority=REMOVE)
    (found,) = run_rule(RULE, data)
    assert found.severity == "warning"
    assert found.message == f"a refund authority of at least 1 USD {AUTHORITY}"
    assert found.fix == (
        "add `staffing.refund_authority: 1` "
        "(what a rep may spend to fix a problem without approval)"
    )
    assert found.path == "staffing.refund_authority"
    assert found.line == line_of(data, "staffing:") + 1  # the staffing block: its parent
    (route,) = run_rule(RULE, staffing(escalation_to_engineering=REMOVE))
    assert (route.message, route.path, route.fix) == (
        ROUTE,
        "staffing.escalation_to_engineering",
        ADD_ROUTE,
    )
    # A route the strategy does not ask for is not asked to be stated.
    data = staffing(escalation_to_engineering=REMOVE)
    assert run_rule(RULE, data, require_escalation=False) == []


def test_unstated_authority_and_route_count_at_the_strategys_severity() -> None:
    data = staffing(refund_authority=REMOVE, escalation_to_engineering=REMOVE)
    trust = [
        (f.severity, f.message) for f in check_plan(data, "extraordinary-trust") if f.rule == RULE
    ]
    assert trust == [
        ("error", f"a refund authority of at least 250 USD {AUTHORITY}"),
        ("error", ROUTE),
    ]
    tiered = [(f.severity, f.message) for f in check_plan(data, "tiered") if f.rule == RULE]
    assert tiered == [
        ("info", f"a refund authority of at least 1 USD {AUTHORITY}"),
        ("info", ROUTE),
    ]
    # Stated, each is judged as before.
    stated = staffing(refund_authority=100, escalation_to_engineering=False)
    trust = [f.message for f in check_plan(stated, "extraordinary-trust") if f.rule == RULE]
    assert trust == [
        "reps may spend 100 USD to fix a problem without approval; this strategy needs at "
        "least 250 USD",
        "reps have no direct route to engineering for real bugs",
    ]


def test_unstated_practices_of_a_plan_without_reps_are_not_reported(run_rule: RunRule) -> None:
    data = plan(
        {
            "staffing": {"refund_authority": REMOVE, "escalation_to_engineering": REMOVE},
            "channels": {"phone": {"staffed_by": "bots", "agents": REMOVE}},
        }
    )
    assert run_rule(RULE, data) == []


def test_a_segment_cannot_set_its_route_so_its_fix_does_not_say_so() -> None:
    # Segments may set their own refund authority, not their route to engineering.
    data = plan(
        {
            "staffing": {"refund_authority": REMOVE, "escalation_to_engineering": REMOVE},
            "segments": [
                {"id": "gold", "share": "20%", "staffing": {"uses_scripts": False}},
                {"id": "rest", "share": "80%"},
            ],
            "channels": {"phone": {"segment": "gold"}},
        }
    )
    found = {f.path: f.fix for f in check_plan(data) if f.rule == RULE}
    assert found == {
        "staffing.refund_authority": "add `staffing.refund_authority: 50` (what a rep may "
        "spend to fix a problem without approval) (for gold's reps alone: under "
        "segments[gold].staffing)",
        "staffing.escalation_to_engineering": ADD_ROUTE,
    }
