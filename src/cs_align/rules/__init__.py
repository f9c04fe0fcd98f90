"""The rule registry: an explicit dict from rule id to its module."""

from __future__ import annotations

from types import ModuleType

from cs_align.rules import (
    abandonment_max,
    agents_within_total,
    best_tier_served_better,
    budget_funds_targets,
    budget_lines_add_up,
    channels_per_team,
    cost_pace,
    deferred_backlog,
    goodwill_budget,
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
        metric,
    )
}

CONGRUENCE = "strategy-congruence"


def options_model(module: ModuleType) -> type[Options]:
    model: type[Options] = getattr(module, "OPTIONS", Options)
    return model
