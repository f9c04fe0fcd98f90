"""metric: bounds on any metric of the catalogue, set in a strategy file."""

from __future__ import annotations

import pytest

from cs_align.errors import CsAlignError
from tests.rules.conftest import RunRule, plan

RULE = "metric"


def test_a_plan_metric_inside_its_bounds_holds(run_rule: RunRule) -> None:
    # Cost per contact: 1,490,000 USD ÷ 87,660 contacts = 16.9975 USD.
    assert run_rule(RULE, plan(), metric="cost_per_contact", max=20) == []
    assert run_rule(RULE, plan(), metric="cost_per_contact", min=10, max=17) == []


def test_a_plan_metric_above_its_maximum_fails(run_rule: RunRule) -> None:
    (found,) = run_rule(RULE, plan(), metric="cost_per_contact", max=10)
    assert found.message == "cost_per_contact is 16.9975, above the maximum 10"
    assert found.path == "plan" and found.severity == "warning"
    assert found.fix == "bring cost_per_contact within bounds"


def test_a_plan_metric_below_its_minimum_fails(run_rule: RunRule) -> None:
    (found,) = run_rule(RULE, plan(), metric="training_hours_per_agent", min=120)
    assert found.message == "training_hours_per_agent is 80, below the minimum 120"


def test_a_channel_metric_is_judged_channel_by_channel(run_rule: RunRule) -> None:
    # 22 FTE are 22 × 1,260 h ÷ 8,766 h = 3.1623 on shift (never floored) on a 1-Erlang
    # line: occupancy 1 ÷ 3.1623 = 31.62%.
    (found,) = run_rule(RULE, plan(), metric="occupancy", min=0.5)
    assert found.message == "phone: occupancy is 0.3162, below the minimum 0.5"
    assert found.path == "channels[phone]"
    assert run_rule(RULE, plan(), metric="occupancy", min=0.5, channel="help-centre") == []


def test_an_unknown_metric_or_a_missing_bound_is_a_strategy_error(run_rule: RunRule) -> None:
    typo = r"unknown metric 'cost_per_contac'.*did you mean 'cost_per_contact'"
    with pytest.raises(CsAlignError, match=typo):
        run_rule(RULE, plan(), metric="cost_per_contac", max=3)
    with pytest.raises(CsAlignError, match="needs min or max"):
        run_rule(RULE, plan(), metric="cost_per_contact")
