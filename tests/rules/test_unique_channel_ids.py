"""unique-channel-ids: no two channels share an id."""

from __future__ import annotations

from tests.rules.conftest import RunRule, check_plan, line_of, plan, to_yaml

RULE = "unique-channel-ids"


def doubled() -> dict[str, object]:
    data = plan()
    chat = {"id": "phone", "kind": "chat", "volume": "100/week", "handle_time": "8m"}
    data["channels"].append({**chat, "target": {"service_level": "80/60"}})
    return data


def test_distinct_ids_hold(run_rule: RunRule) -> None:
    assert run_rule(RULE, plan()) == []


def test_a_repeated_id_is_named_at_its_second_use(run_rule: RunRule) -> None:
    data = doubled()
    (found,) = run_rule(RULE, data)
    assert found.message == "channel id 'phone' is used twice (channels 1 and 3)"
    assert found.fix == "rename one, e.g. phone-chat"
    assert found.path == "channels[phone].id"
    lines = to_yaml(data).splitlines()
    uses = [n for n, line in enumerate(lines, 1) if line.strip() == '- id: "phone"']
    assert found.line == uses[-1] > line_of(data, '- id: "phone"')


def test_it_is_an_error_in_every_strategy() -> None:
    assert [f.severity for f in check_plan(doubled()) if f.rule == RULE] == ["error"]
