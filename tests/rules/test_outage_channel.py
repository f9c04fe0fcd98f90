"""outage-channel: some channel tells customers about outages and delays."""

from __future__ import annotations

from tests.rules.conftest import RunRule, check_plan, plan

RULE = "outage-channel"
SILENT = {"channels": {"help-centre": {"outage_updates": False}}}


def test_a_status_banner_holds(run_rule: RunRule) -> None:
    assert run_rule(RULE, plan()) == []  # the help centre has outage_updates: true


def test_no_channel_for_outages_fails(run_rule: RunRule) -> None:
    (found,) = run_rule(RULE, plan(SILENT))
    assert found.message == "no channel tells customers about outages and delays"
    assert found.path == "channels" and found.severity == "info"
    assert "outage_updates: true" in found.fix


def test_severity_follows_the_strategy() -> None:
    assert [f.severity for f in check_plan(plan(SILENT)) if f.rule == RULE] == ["info"]
    engagement = check_plan(plan(SILENT), "engagement")
    assert [f.severity for f in engagement if f.rule == RULE] == ["warning"]
