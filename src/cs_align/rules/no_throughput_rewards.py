"""Reps are rewarded on positive interactions, not throughput.

Why: rating reps on handle time or contacts per hour tells them to get customers off the
line; it builds brands customers tolerate until they can switch.

Source: 002 (judge and reward reps by how their conversations go, not by how many they
get through).

Options:
    throughput: reward names that count as throughput (default handle_time,
    contacts_per_hour, throughput, calls_per_hour, tickets_closed).

A plan with reps that does not say what they are rewarded on is reported, not passed: the
rule cannot be checked until `staffing.rewarded_on` is written. Names are compared as
measures, not spellings: case, spaces and hyphens do not matter (`Handle-Time` is
handle_time), and the usual other names count as what they mean (aht, average_handle_time
and talk_time are handle_time; tickets_per_hour and chats_per_hour are contacts_per_hour;
productivity, speed, utilisation and contacts handled are throughput). A name that is
neither a throughput measure nor a known measure of how customers fare (csat, nps,
first_contact_resolution, quality, retention …) is reported too, with the nearest known
name: a misspelt `hndle_time` must not pass as a reward on something else.

Fails:
    staffing: {rewarded_on: [handle_time, csat]}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from cs_align.errors import close_matches
from cs_align.rules.base import MORE, STAFF, Context, Hit, Options, unstated

ID = "no-throughput-rewards"
AREA = "practices"
SEVERITY = "warning"
TITLE = "Reps are not rewarded on throughput"
SOURCE = "002"
REACH = STAFF


class RewardOptions(Options):
    throughput: Annotated[tuple[str, ...], MORE] = (
        "handle_time",
        "contacts_per_hour",
        "throughput",
        "calls_per_hour",
        "tickets_closed",
    )


OPTIONS = RewardOptions


def applies(ctx: Context, options: RewardOptions) -> bool:
    """The plan has reps and says what they are rewarded on (a plan that does not say is
    reported by `check` as unchecked, and is no evidence for or against a strategy)."""
    return ctx.has_reps and ctx.plan.staffing.rewarded_on is not None


def check(ctx: Context, options: RewardOptions) -> Iterator[Hit]:
    if not ctx.has_reps:
        return
    rewards = ctx.plan.staffing.rewarded_on
    if rewards is None:
        if options.throughput:
            yield unstated(
                "rewards for throughput",
                "rewarded_on",
                "measures reps are rewarded on",
                "[csat, first_contact_resolution]",
                "the measures reps are rewarded on",
            )
        return
    throughput = {measure(name) for name in options.throughput}
    for index, reward in enumerate(rewards):
        name = measure(reward)
        if name in throughput:
            yield Hit(
                message=f"reps are rewarded on {reward}, a throughput measure",
                path=("staffing", "rewarded_on", index),
                fix="reward csat, first_contact_resolution or quality instead",
            )
        elif name not in OUTCOMES:
            near = close_matches(name, sorted(OUTCOMES | throughput))
            guess = f"did you mean {near[0]}? " if near else ""
            yield Hit(
                message=f"reps are rewarded on {reward!r}, which is no measure cs-align knows: "
                "it cannot tell whether it rewards throughput",
                path=("staffing", "rewarded_on", index),
                fix=f"{guess}write a known measure, e.g. csat, nps, first_contact_resolution, "
                "quality or retention (throughput: handle_time, contacts_per_hour)",
            )


SYNONYMS = {
    "aht": "handle_time",
    "average_handle_time": "handle_time",
    "avg_handle_time": "handle_time",
    "talk_time": "handle_time",
    "tickets_per_hour": "contacts_per_hour",
    "chats_per_hour": "contacts_per_hour",
    "emails_per_hour": "contacts_per_hour",
    "productivity": "throughput",
    "speed": "throughput",
    "volume": "throughput",
    "utilisation": "throughput",
    "utilization": "throughput",
    "occupancy": "throughput",
    "contacts_handled": "throughput",
    "calls_handled": "throughput",
    "tickets_handled": "throughput",
    "cases_closed": "tickets_closed",
    "tickets_solved": "tickets_closed",
}
"""Other names for a measure, as contact centres write them."""

OUTCOMES = frozenset(
    {
        "csat",
        "customer_satisfaction",
        "nps",
        "net_promoter_score",
        "ces",
        "customer_effort",
        "customer_effort_score",
        "first_contact_resolution",
        "fcr",
        "resolution",
        "resolution_rate",
        "quality",
        "quality_score",
        "qa",
        "retention",
        "churn",
        "loyalty",
        "sentiment",
        "empathy",
        "kudos",
        "compliments",
        "complaints",
        "repeat_contacts",
        "accuracy",
        "compliance",
        "knowledge",
        "adherence",
        "attendance",
        "teamwork",
        "sales",
        "revenue",
        "upsell",
    }
)
"""Measures of how customers fare, or of anything else that is not throughput: a reward on
one of these is not what this rule warns about."""


def measure(name: str) -> str:
    """The measure a reward names: `Handle-Time`, `handle time` and `AHT` are handle_time."""
    key = "_".join(name.strip().lower().replace("-", " ").split())
    return SYNONYMS.get(key, key)
