"""unique-channel-ids: no two channels share an id. A plan file that repeats one is unusable
input (exit 2 at the second id): the figures of the two lines were one's (review user45)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from cs_align.errors import PlanError
from cs_align.loader import parse_plan
from cs_align.plan import Plan
from cs_align.rules import REGISTRY
from tests.rules.conftest import RunRule, line_of, plan, to_yaml

RULE = "unique-channel-ids"


def doubled() -> dict[str, object]:
    data = plan()
    chat = {"id": "phone", "kind": "chat", "volume": "100/week", "handle_time": "8m"}
    data["channels"].append({**chat, "target": {"service_level": "80/60"}})
    return data


def test_distinct_ids_hold(run_rule: RunRule) -> None:
    assert run_rule(RULE, plan()) == []


def test_a_repeated_id_is_refused_at_its_second_use() -> None:
    data = doubled()
    with pytest.raises(PlanError) as refused:
        parse_plan(to_yaml(data) + "\n", "plan.yaml")
    (problem,) = refused.value.problems
    assert problem.message == (
        "channels[phone].id: channel id 'phone' is used twice (channels 1 and 3): every "
        "figure, finding and waiver names a channel by its id"
    )
    assert problem.fix == "give each channel its own id, e.g. phone-chat"
    lines = to_yaml(data).splitlines()
    uses = [n for n, line in enumerate(lines, 1) if line.strip() == '- id: "phone"']
    assert problem.line == uses[-1] > line_of(data, '- id: "phone"')


def test_the_rule_still_names_a_repeated_id_in_a_plan_built_without_the_loader() -> None:
    """A library user may build a Plan without validation (model_construct): the rule
    stays the net there."""
    loaded = parse_plan(to_yaml(plan()) + "\n", "plan.yaml").plan
    phone = loaded.channels[0]
    channels = [*loaded.channels, phone.model_copy(update={"kind": phone.kind})]
    built: Any = Plan.model_construct(**{**dict(loaded), "channels": channels})
    ctx: Any = SimpleNamespace(plan=built)
    (hit,) = REGISTRY[RULE].check(ctx, None)
    assert hit.message == f"channel id {phone.id!r} is used twice (channels 1 and {len(channels)})"
