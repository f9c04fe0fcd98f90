"""A commented starter plan for each built-in strategy, sized so that it passes `check`."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

from cs_align.loader import parse_plan
from cs_align.metrics import compute

_PHONE = """  - id: phone
    kind: voice
    hours: Mon-Fri 08:00-20:00
    volume: {contacts: 9000, per: month}
    handle_time: 6m
    target: {service_level: "%(phone_sl)s", abandonment_max: 8%%}
    patience: 2m               # mean caller patience: enables Erlang A
    agents: %(phone)s
"""
_GOLD = """  - id: gold-phone
    kind: voice
    segment: gold              # serves only the best tier
    hours: 24x7
    volume: {contacts: 1500, per: month}
    handle_time: 8m
    target: {service_level: "95%% in 10s", asa: 1s}
    agents: %(gold-phone)s
"""
_EMAIL = """  - id: email
    kind: email
    hours: Mon-Fri 08:00-18:00
    volume: {contacts: 2500, per: month}
    handle_time: 8m
    target: {first_response: %(email_fr)s}
    agents: %(email)s
"""
_PUBLIC = """  - id: %(public_id)s
    kind: %(public_kind)s
    hours: Mon-Fri 09:00-17:00
    volume: {contacts: 800, per: month}
    handle_time: 10m
    target: {first_response: 4h}
    agents: %(%(public_id)s)s
"""
_HELP = """  - id: help-centre
    kind: self-service
    containment: %(containment)s
    outage_updates: true       # the status banner lives here
"""

PRACTICES = {
    "delight": dict(
        scripts="false",
        rewards="[csat, first_contact_resolution]",
        refund=200,
        training=120,
        goodwill="0.015",
        leadership=4,
    ),
    "fast-food": dict(
        scripts="true",
        rewards="[handle_time, csat]",
        refund=20,
        training=40,
        goodwill="0",
        leadership=0,
    ),
    "automated": dict(
        scripts="true", rewards="[csat]", refund=10, training=40, goodwill="0", leadership=0
    ),
    "genius": dict(
        scripts="false",
        rewards="[csat, quality]",
        refund=150,
        training=160,
        goodwill="0.01",
        leadership=4,
    ),
    "engagement": dict(
        scripts="false",
        rewards="[csat, quality]",
        refund=100,
        training=80,
        goodwill="0.01",
        leadership=6,
    ),
    "squeaky-wheel": dict(
        scripts="true", rewards="[csat]", refund=50, training=40, goodwill="0.005", leadership=0
    ),
    "extraordinary-trust": dict(
        scripts="false",
        rewards="[csat, retention]",
        refund=500,
        training=120,
        goodwill="0.03",
        leadership=4,
    ),
    "tiered": dict(
        scripts="false", rewards="[csat]", refund=100, training=60, goodwill="0.01", leadership=2
    ),
    "cost-race": dict(
        scripts="true", rewards="[handle_time]", refund=20, training=40, goodwill="0", leadership=0
    ),
    "because-we-can": dict(
        scripts="false",
        rewards="[csat, quality]",
        refund=50,
        training=60,
        goodwill="0.01",
        leadership=2,
    ),
}


def _channels(strategy: str) -> tuple[str, list[str]]:
    if strategy == "automated":
        return _EMAIL + _HELP, ["email"]
    text, ids = _PHONE + _EMAIL, ["phone", "email"]
    if strategy in ("engagement", "squeaky-wheel"):
        text += _PUBLIC.replace(
            "%(public_id)s", "community" if strategy == "engagement" else "social"
        )
        ids.append("community" if strategy == "engagement" else "social")
    if strategy == "tiered":
        text = _GOLD + text
        ids.insert(0, "gold-phone")
    return text + _HELP, ids


def starter_plan(strategy: str) -> str:
    channels, ids = _channels(strategy)
    values: dict[str, object] = {i: 1 for i in ids}
    values.update(
        phone_sl="80% in 60s"
        if strategy in ("tiered", "fast-food", "cost-race", "squeaky-wheel")
        else "80% in 20s",
        email_fr="24h" if strategy in ("automated", "fast-food", "cost-race") else "4h",
        containment="80%" if strategy == "automated" else "50%",
        public_kind="community" if strategy == "engagement" else "social",
    )
    values["public_kind"] = "community" if strategy == "engagement" else "social"
    draft = channels.replace("%(public_kind)s", str(values["public_kind"])) % values
    metrics = compute(parse_plan(_document(strategy, draft, 1, Decimal(0), ""), "draft").plan)
    for m in metrics.channels:
        if m.id in ids:
            values[m.id] = math.ceil(m.required_fte * Fraction(105, 100) * 10) / 10
    final_channels = channels.replace("%(public_kind)s", str(values["public_kind"])) % values
    total_fte = sum(Fraction(str(values[i])) for i in ids)
    cost_now = Decimal(0)
    text = _document(strategy, final_channels, total_fte, cost_now, "")
    if strategy == "cost-race":
        cpc = compute(parse_plan(text, "draft").plan).cost_per_contact or Decimal(1)
        text = _document(
            strategy,
            final_channels,
            total_fte,
            cost_now,
            f"history:\n  cost_per_contact: {(cpc / Decimal('0.92')).quantize(Decimal('0.01'))}"
            "   # last period: an 8% cut, inside the race's 2-15% pace\n",
        )
    return text


def _document(strategy: str, channels: str, fte: Fraction | int, _: Decimal, tail: str) -> str:
    p = PRACTICES[strategy]
    agents = Decimal(str(float(fte)))
    cost = Decimal(62000)
    people = (agents * cost).quantize(Decimal(1))
    training = (agents * Decimal(p["training"]) * 60).quantize(Decimal(1))  # type: ignore[arg-type]
    tooling = (agents * 4000).quantize(Decimal(1))
    goodwill = (
        (people + training + tooling) * Decimal(str(p["goodwill"])) * Decimal("1.1")
    ).quantize(Decimal(1))
    total = people + training + tooling + goodwill
    segments = ""
    if strategy == "tiered":
        segments = (
            "segments:\n  - {id: gold, share: 10%, rank: 1}\n  - {id: standard, share: 90%}\n"
        )
    return f"""# yaml-language-server: $schema=https://raw.githubusercontent.com/cs-align/cs-align/main/schema/plan.schema.json
# A starter {strategy} plan written by `cs-align init`. Change the figures to yours, then run
# `cs-align check` on this file. Durations need units (20s, 6m, 4h); shares are 80% or 0.8;
# money is in `currency`, written 62000, 62_000 or 62k.
version: 1
organisation: Example Co
currency: USD
period: {{start: 2027-01-01, end: 2027-12-31}}
strategy: {strategy}
promise: "Write here, in one sentence, what customers can count on."

channels:
{channels}
staffing:
  agents: {agents}               # FTE in total
  shrinkage: 32%               # leave, training, meetings, breaks
  max_occupancy: 85%
  paid_hours_per_fte: 1800/year
  loaded_cost_per_fte: 62000   # salary + benefits + overheads
  training_hours_per_agent: {p["training"]}
  uses_scripts: {p["scripts"]}
  rewarded_on: {p["rewards"]}
  refund_authority: {p["refund"]}        # what a rep may spend to fix things without approval
  escalation_to_engineering: true
  leadership_service_hours_per_month: {p["leadership"]}
  annual_attrition: 20%
  product_people_in_conversation: {"true" if strategy == "engagement" else "false"}

budget:
  total: {total}
  lines: {{people: {people}, training: {training}, tooling: {tooling}, goodwill: {goodwill}}}
{segments}{tail}"""
