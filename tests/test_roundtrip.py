"""Editing a plan's text: the changed values move, every other byte stays."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cs_align.errors import PlanError
from cs_align.loader import parse_plan
from cs_align.roundtrip import Edit, apply, render, unified
from cs_align.yamlsafe import load_text

TEXT = """# a plan
version: 1   # the format
staffing:
  agents: 20.7            # FTE in total
  rewarded_on:
    - handle_time         # throughput
    - csat
  refund_authority: 20
budget: {total: 100, lines: {people: 90, tooling: 10}}
channels:
  - id: phone
    target: {service_level: "80% in 60s"}   # quoted
  - id: email
    target: {first_response: 5d}
    agents: 4.5
  - {id: help, kind: self-service}
"""


def test_values_are_spliced_where_they_are_written() -> None:
    edits = [
        Edit(("staffing", "agents"), Decimal("21.3")),
        Edit(("staffing", "rewarded_on"), ["csat"]),
        Edit(("channels", 0, "target", "service_level"), "80% in 20s"),
        Edit(("channels", 1, "target", "first_response"), "4 business hours"),
        Edit(("budget", "lines", "goodwill"), Decimal("1.01")),
        Edit(("budget", "total"), Decimal("101.01")),
    ]
    out = apply(TEXT, edits, "plan.yaml")
    assert out == (
        "# a plan\n"
        "version: 1   # the format\n"
        "staffing:\n"
        "  agents: 21.3            # FTE in total\n"
        "  rewarded_on: [csat]\n"
        "  refund_authority: 20\n"
        "budget: {total: 101.01, lines: {people: 90, tooling: 10, goodwill: 1.01}}\n"
        "channels:\n"
        "  - id: phone\n"
        '    target: {service_level: "80% in 20s"}   # quoted\n'
        "  - id: email\n"
        "    target: {first_response: 4 business hours}\n"
        "    agents: 4.5\n"
        "  - {id: help, kind: self-service}\n"
    )
    data = load_text(out, "plan.yaml").data
    assert data["staffing"]["rewarded_on"] == ["csat"]
    assert data["budget"]["lines"]["goodwill"] == Decimal("1.01")


def test_missing_keys_join_their_mapping_in_its_own_style() -> None:
    edits = [
        Edit(("channels", 0, "agents"), Decimal("13.8")),  # block mapping: a new line
        Edit(("channels", 2, "outage_updates"), True),  # flow mapping: inside the braces
        Edit(("staffing", "escalation_to_engineering"), True),
        Edit(("history", "cost_per_contact"), Decimal(5)),  # a whole mapping that is missing
    ]
    out = apply(TEXT, edits, "plan.yaml")
    assert '    target: {service_level: "80% in 60s"}   # quoted\n    agents: 13.8\n' in out
    assert "  - {id: help, kind: self-service, outage_updates: true}\n" in out
    assert "  refund_authority: 20\n  escalation_to_engineering: true\nbudget:" in out
    assert out.endswith("history: {cost_per_contact: 5}\n")
    # Everything else is the text as written.
    removed = [line for line in unified(TEXT, out, "p").splitlines() if line.startswith("-")]
    assert removed == ["--- p", "-  - {id: help, kind: self-service}"]


def test_text_is_quoted_only_when_it_must_be() -> None:
    assert render("4 business hours") == "4 business hours"
    assert render("80% in 20s") == "80% in 20s"
    assert render("80% in 20s", '"') == '"80% in 20s"'  # the plan's own quoting kept
    assert render("yes") == '"yes"' and render("1.5") == '"1.5"' and render("a: b") == '"a: b"'
    assert render(Decimal("1283400.00")) == "1283400" and render(True) == "true"


def test_an_anchored_value_keeps_its_anchor_but_an_aliased_one_is_refused() -> None:
    text = "version: 1\na: &x 4\nb: 5\n"
    assert apply(text, [Edit(("b",), Decimal(6))], "p.yaml") == "version: 1\na: &x 4\nb: 6\n"
    assert apply(text, [Edit(("a",), Decimal(7))], "p.yaml") == "version: 1\na: &x 7\nb: 5\n"
    with pytest.raises(PlanError, match="YAML alias"):
        apply("a: &x 4\nb: *x\n", [Edit(("b",), Decimal(6))], "p.yaml")


def test_a_fixed_example_still_loads_as_a_plan() -> None:
    from tests.conftest import GOOD

    out = apply(GOOD, [Edit(("channels", 0, "agents"), Decimal("17"))], "plan.yaml")
    assert parse_plan(out, "plan.yaml").plan.channels[0].agents == 17
    assert sum(a != b for a, b in zip(GOOD.splitlines(), out.splitlines(), strict=True)) == 1
