"""The rule registry: an explicit dict from rule id to its module."""

from __future__ import annotations

from types import ModuleType
from typing import NamedTuple

from cs_align.rules import (
    abandonment_max,
    agents_within_total,
    best_tier_served_better,
    budget_funds_targets,
    budget_lines_add_up,
    channels_per_team,
    chat_concurrency,
    cost_pace,
    deferred_backlog,
    goodwill_budget,
    hours_cover_target,
    human_line_limited,
    leadership_in_service,
    metric,
    no_overspend,
    no_scripts,
    no_throughput_rewards,
    occupancy_cap,
    outage_channel,
    people_line_funds_staff,
    product_in_conversation,
    public_channel,
    reps_can_fix,
    segment_shares,
    staffing_meets_targets,
    target_stated,
    training_hours,
    unique_channel_ids,
    volume_stated,
)
from cs_align.rules.base import Options

REGISTRY: dict[str, ModuleType] = {
    module.ID: module
    for module in (
        target_stated,
        unique_channel_ids,
        budget_lines_add_up,
        people_line_funds_staff,
        agents_within_total,
        segment_shares,
        staffing_meets_targets,
        occupancy_cap,
        abandonment_max,
        deferred_backlog,
        volume_stated,
        hours_cover_target,
        budget_funds_targets,
        reps_can_fix,
        leadership_in_service,
        no_throughput_rewards,
        no_scripts,
        training_hours,
        channels_per_team,
        outage_channel,
        human_line_limited,
        best_tier_served_better,
        public_channel,
        product_in_conversation,
        cost_pace,
        no_overspend,
        goodwill_budget,
        chat_concurrency,
        metric,
    )
}

CONGRUENCE = "strategy-congruence"
EXPIRED = "waiver-expired"


class RuleDoc(NamedTuple):
    """What `explain`, docs/rules.md and SARIF say about a finding's rule."""

    id: str
    title: str
    severity: str
    area: str
    source: str
    doc: str


ENGINE_FINDINGS = {
    CONGRUENCE: RuleDoc(
        CONGRUENCE,
        "The plan funds the strategy it declares",
        "warning",
        "strategy",
        "004",
        """The figures fit another strategy clearly better than the declared one.

Why: the failure cs-align exists to catch is planning one strategy and funding another.
Every check scores the plan against all ten built-in strategies (the share of each one's
rules that hold); the best score is the strategy the figures actually fund, its revealed
strategy. When the declared strategy trails the best by 20 points or more, this finding
names both.

Source: 004 (every budget and staffing decision must be congruent with the strategy picked;
do not plan one thing and fund another).

Options: none; it is raised by the engine, not set in strategy files.

Fails:
    strategy: delight     # but scripts, throughput rewards, 20 USD refund authority""",
    ),
    EXPIRED: RuleDoc(
        EXPIRED,
        "A waiver has expired",
        "error",
        "(that of the waived finding)",
        "waivers",
        """A waiver's expiry date has passed: the finding it covered counts again.

Why: a waiver is a decision with an owner and a date, not a way to hide a finding for ever.

Options: none.

Fails:
    waivers: [{rule: no-scripts, path: staffing.uses_scripts, reason: …, owner: ops,
               expires: 2020-01-01}]""",
    ),
}


def describe(rule_id: str) -> RuleDoc | None:
    """Documentation for a rule module or an engine finding."""
    module = REGISTRY.get(rule_id)
    if module is None:
        return ENGINE_FINDINGS.get(rule_id)
    return RuleDoc(
        rule_id,
        module.TITLE,
        module.SEVERITY,
        module.AREA,
        module.SOURCE,
        (module.__doc__ or module.TITLE).strip(),
    )


def options_model(module: ModuleType) -> type[Options]:
    model: type[Options] = getattr(module, "OPTIONS", Options)
    return model
