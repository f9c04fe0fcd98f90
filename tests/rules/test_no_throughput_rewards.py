"""no-throughput-rewards: reps are rewarded on good interactions, not on speed."""

from __future__ import annotations

from tests.rules.conftest import REMOVE, RunRule, check_plan, line_of, plan

RULE = "no-throughput-rewards"
UNSTATED = (
    "rewards for throughput cannot be checked: the plan states no measures reps are rewarded on"
)
ADD = (
    "add `staffing.rewarded_on: [csat, first_contact_resolution]` "
    "(the measures reps are rewarded on)"
)


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


def test_a_measure_is_found_whatever_its_spelling(run_rule: RunRule) -> None:
    # A different spelling of handle time must not pass where handle_time fails.
    spellings = ("Handle_Time", "handle-time", "Handle time", "AHT", "average_handle_time")
    found = run_rule(RULE, rewarded("csat", *spellings, "Tickets_Per_Hour"))
    assert [f.path for f in found] == [f"staffing.rewarded_on[{i}]" for i in range(1, 7)]
    assert found[3].message == "reps are rewarded on AHT, a throughput measure"
    assert run_rule(RULE, rewarded("CSAT", "First-Contact-Resolution")) == []


def test_what_counts_as_throughput_is_an_option(run_rule: RunRule) -> None:
    data = rewarded("csat", "sales")
    assert run_rule(RULE, data) == []
    (found,) = run_rule(RULE, data, throughput=["sales"])
    assert found.path == "staffing.rewarded_on[1]"
    assert found.message == "reps are rewarded on sales, a throughput measure"


def test_a_measure_it_does_not_know_is_reported_with_the_nearest_name(run_rule: RunRule) -> None:
    # A misspelt handle_time used to pass as a reward on something harmless.
    found = run_rule(RULE, rewarded("csat", "hndle_time", "Productivity", "speed"))
    assert [(f.message, f.path) for f in found] == [
        (
            "reps are rewarded on 'hndle_time', which is no measure cs-align knows: it cannot "
            "tell whether it rewards throughput",
            "staffing.rewarded_on[1]",
        ),
        ("reps are rewarded on Productivity, a throughput measure", "staffing.rewarded_on[2]"),
        ("reps are rewarded on speed, a throughput measure", "staffing.rewarded_on[3]"),
    ]
    assert found[0].fix.startswith("did you mean handle_time? write a known measure")


def test_no_reps_no_rewards_to_judge(run_rule: RunRule) -> None:
    data = rewarded("handle_time")
    data["channels"][0]["staffed_by"] = "bots"
    del data["channels"][0]["agents"]
    assert run_rule(RULE, data) == []


def test_delight_makes_it_an_error() -> None:
    data = rewarded("handle_time")
    assert [f.severity for f in check_plan(data) if f.rule == RULE] == ["error"]
    assert [f.severity for f in check_plan(data, "genius") if f.rule == RULE] == ["warning"]


def test_rewards_the_plan_does_not_state_are_reported_not_passed(run_rule: RunRule) -> None:
    # Deleting the line that fails must not pass the rule.
    data = rewarded("handle_time")
    assert run_rule(RULE, data)[0].message.startswith("reps are rewarded on handle_time")
    del data["staffing"]["rewarded_on"]
    (found,) = run_rule(RULE, data)
    assert (found.severity, found.message, found.fix) == ("warning", UNSTATED, ADD)
    # The path is the field's; the line is that of its nearest parent, the staffing block.
    assert found.path == "staffing.rewarded_on"
    assert found.line == line_of(data, "staffing:") + 1
    # Without a staffing section at all, the plan itself is the nearest parent.
    (bare,) = run_rule(RULE, plan({"staffing": REMOVE}))
    assert (bare.message, bare.path, bare.line, bare.fix) == (
        UNSTATED,
        "staffing.rewarded_on",
        1,
        ADD,
    )


def test_unstated_rewards_count_at_the_strategys_severity() -> None:
    data = plan({"staffing": {"rewarded_on": REMOVE}})
    expected = [(UNSTATED, ADD)]
    for strategy, severity in (("delight", "error"), ("genius", "warning"), ("tiered", "info")):
        found = [f for f in check_plan(data, strategy) if f.rule == RULE]
        assert [f.severity for f in found] == [severity], strategy
        assert [(f.message, f.fix) for f in found] == expected
    assert not [f for f in check_plan(data, "fast-food") if f.rule == RULE]


def test_unstated_rewards_of_a_plan_without_reps_are_not_reported(run_rule: RunRule) -> None:
    data = plan(
        {
            "staffing": {"rewarded_on": REMOVE},
            "channels": {"phone": {"staffed_by": "bots", "agents": REMOVE}},
        }
    )
    assert run_rule(RULE, data) == []


def test_a_segment_inherits_the_plans_stated_rewards() -> None:
    # The gold segment sets its own training only: it is rewarded as the plan says.
    data = plan(
        {
            "segments": [
                {"id": "gold", "share": "20%", "staffing": {"training_hours_per_agent": 100}},
                {"id": "rest", "share": "80%"},
            ],
            "channels": {"phone": {"segment": "gold"}},
        }
    )
    assert not [f for f in check_plan(data) if f.rule == RULE]
    data["staffing"]["rewarded_on"] = ["handle_time"]
    (found,) = [f for f in check_plan(data) if f.rule == RULE]
    assert found.message == "segment gold: reps are rewarded on handle_time, a throughput measure"
    del data["staffing"]["rewarded_on"]
    (found,) = [f for f in check_plan(data) if f.rule == RULE]
    assert (found.severity, found.message, found.path) == (
        "error",
        f"segment gold: {UNSTATED}",
        "staffing.rewarded_on",
    )
    assert found.fix == f"{ADD} (for gold's reps alone: under segments[gold].staffing)"
    # A segment that states its own rewards is judged by them, whatever the plan leaves out.
    data["segments"][0]["staffing"]["rewarded_on"] = ["csat"]
    assert not [f for f in check_plan(data) if f.rule == RULE]
