"""segment-shares: the segments' shares cover everyone, once."""

from __future__ import annotations

from tests.rules.conftest import RunRule, check_plan, plan

RULE = "segment-shares"


def segments(*shares: str) -> dict[str, object]:
    return plan({"segments": [{"id": f"s{i}", "share": s} for i, s in enumerate(shares)]})


def test_shares_that_make_100_percent_hold(run_rule: RunRule) -> None:
    assert run_rule(RULE, segments("5%", "95%")) == []
    assert run_rule(RULE, segments("0.25", "75%")) == []
    assert run_rule(RULE, plan()) == []  # no segments


def test_shares_that_leave_people_out_fail(run_rule: RunRule) -> None:
    (found,) = run_rule(RULE, segments("5%", "90%"))
    assert found.message == "segment shares add up to 95%, not 100%"
    assert found.fix == "adjust the shares by 5% or add a segment for everyone else"
    assert found.path == "segments" and found.severity == "error"


def test_shares_that_count_people_twice_fail(run_rule: RunRule) -> None:
    (found,) = run_rule(RULE, segments("60%", "50%"))
    assert found.message == "segment shares add up to 110%, not 100%"
    assert found.fix == "adjust the shares by 10%"


def test_it_is_an_error_in_every_strategy() -> None:
    assert [f.severity for f in check_plan(segments("5%", "90%")) if f.rule == RULE] == ["error"]
