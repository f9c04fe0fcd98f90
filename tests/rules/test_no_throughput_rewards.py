"""no-throughput-rewards: reps are rewarded on good interactions, not on speed."""

from __future__ import annotations

from tests.rules.conftest import RunRule, check_plan, plan

RULE = "no-throughput-rewards"


def rewarded(*measures: str) -> dict[str, object]:
    return plan({"staffing": {"rewarded_on": list(measures)}})


def test_quality_rewards_hold(run_rule: RunRule) -> None:
    assert run_rule(RULE, rewarded("csat", "first_contact_resolution", "quality")) == []


def test_each_throughput_reward_is_named_where_it_is(run_rule: RunRule) -> None:
    found = run_rule(RULE, rewarded("csat", "handle_time", "contacts_per_hour"))
    assert [(f.message, f.path) for f in found] == [
        ("reps are rewarded on handle_time, a throughput measure", "staffing.rewarded_on[1]"),
        (
            "reps are rewarded on contacts_per_hour, a throughput measure",
            "staffing.rewarded_on[2]",
        ),
    ]
    assert found[0].fix == "reward csat, first_contact_resolution or quality instead"


def test_what_counts_as_throughput_is_an_option(run_rule: RunRule) -> None:
    data = rewarded("csat", "tickets_solved")
    assert run_rule(RULE, data) == []
    (found,) = run_rule(RULE, data, throughput=["tickets_solved"])
    assert found.path == "staffing.rewarded_on[1]"


def test_no_reps_no_rewards_to_judge(run_rule: RunRule) -> None:
    data = rewarded("handle_time")
    data["channels"][0]["staffed_by"] = "bots"
    assert run_rule(RULE, data) == []


def test_delight_makes_it_an_error() -> None:
    data = rewarded("handle_time")
    assert [f.severity for f in check_plan(data) if f.rule == RULE] == ["error"]
    assert [f.severity for f in check_plan(data, "genius") if f.rule == RULE] == ["warning"]
