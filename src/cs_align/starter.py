"""A commented starter plan for each built-in strategy, sized so that it passes `check`."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from cs_align.loader import parse_plan
from cs_align.metrics import compute
from cs_align.units import round_money

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
_PUBLIC = """  - id: %(public)s
    kind: %(public)s
    hours: Mon-Fri 09:00-17:00
    volume: {contacts: 800, per: month}
    handle_time: 10m
    target: {first_response: 4 business hours}
    agents: %(public_agents)s
"""
_HELP = """  - id: help-centre
    kind: self-service
    containment: %(containment)s
    outage_updates: true       # the status banner lives here
"""


@dataclass(frozen=True)
class Practices:
    """The staffing practices a strategy's starter plan writes down."""

    scripts: bool
    rewards: str
    refund: int
    training: int
    goodwill: Decimal
    """Goodwill line as a share of the rest of the budget."""
    leadership: int


PRACTICES = {
    "delight": Practices(
        scripts=False,
        rewards="[csat, first_contact_resolution]",
        refund=200,
        training=120,
        goodwill=Decimal("0.015"),
        leadership=4,
    ),
    "fast-food": Practices(
        scripts=True,
        rewards="[handle_time, csat]",
        refund=20,
        training=40,
        goodwill=Decimal(0),
        leadership=0,
    ),
    "automated": Practices(
        scripts=True, rewards="[csat]", refund=10, training=40, goodwill=Decimal(0), leadership=0
    ),
    "genius": Practices(
        scripts=False,
        rewards="[csat, quality]",
        refund=150,
        training=160,
        goodwill=Decimal("0.01"),
        leadership=4,
    ),
    "engagement": Practices(
        scripts=False,
        rewards="[csat, quality]",
        refund=100,
        training=60,
        goodwill=Decimal(0),
        leadership=6,
    ),
    "squeaky-wheel": Practices(
        scripts=False,
        rewards="[csat]",
        refund=50,
        training=40,
        goodwill=Decimal("0.005"),
        leadership=0,
    ),
    "extraordinary-trust": Practices(
        scripts=False,
        rewards="[csat, retention]",
        refund=500,
        training=120,
        goodwill=Decimal("0.03"),
        leadership=2,
    ),
    "tiered": Practices(
        scripts=False,
        rewards="[csat]",
        refund=50,
        training=60,
        goodwill=Decimal("0.01"),
        leadership=2,
    ),
    "cost-race": Practices(
        scripts=True,
        rewards="[handle_time]",
        refund=20,
        training=40,
        goodwill=Decimal(0),
        leadership=0,
    ),
    "because-we-can": Practices(
        scripts=False,
        rewards="[csat, quality]",
        refund=50,
        training=60,
        goodwill=Decimal("0.005"),
        leadership=3,
    ),
}
PROMISES = {
    "delight": "A trained person answers 80% of calls within 20 seconds and every email within "
    "4 hours, and can put things right on the spot.",
    "fast-food": "Calls are answered within a minute and emails within a day, with the same "
    "quick remedy for every complaint.",
    "automated": "The help centre answers most questions at once; anything it cannot answer "
    "gets an email reply within a day. There is no phone line.",
    "genius": "An expert answers 80% of calls within 20 seconds and email within 10 minutes, "
    "and solves the problem better than you hoped.",
    "engagement": "People answer calls within 20 seconds and email within 4 hours, and the "
    "people who build the product talk with you in the community.",
    "squeaky-wheel": "Calls are answered within a minute, and a complaint posted in public gets "
    "a person's reply within 4 hours.",
    "extraordinary-trust": "A person who knows you answers within 20 seconds by phone and 4 "
    "hours by email, with the authority to do far more than you expect.",
    "tiered": "Gold members reach a person within 10 seconds, day and night; everyone else "
    "within a minute on weekdays.",
    "cost-race": "Calls are answered within a minute and emails within a day, at a cost that "
    "falls a little every year.",
    "because-we-can": "Whoever you are, a person answers your call within a minute and your "
    "email within a day, and tells you honestly what is wrong.",
}
"""What each starter plan promises: one sentence that fits its strategy and its targets."""
PUBLIC = {"engagement": "community", "squeaky-wheel": "social"}
_TIERS = """segments:
  - id: gold
    share: 10%
    rank: 1
    staffing:                  # gold members' reps: unscripted, trusted to fix things
      uses_scripts: false
      refund_authority: 250
      training_hours_per_agent: 120
  - {id: standard, share: 90%}
"""
EMAIL_RESPONSE = {
    "automated": "1 business day",
    "fast-food": "1 business day",
    "cost-race": "1 business day",
    "because-we-can": "1 business day",
    "genius": "10 business minutes",
}
"""Email first-response targets that differ from 4 business hours (genius: its ten-minute
written floor). Business time: the inboxes close at night and at weekends."""
MARGIN = Fraction(105, 100)
"""Starter plans staff 5% above what their targets and the occupancy ceiling need."""


def _channels(strategy: str) -> tuple[str, list[str]]:
    """The channel block (a %-template whose agents are filled in later) and its ids."""
    if strategy == "automated":
        return _EMAIL + _HELP, ["email"]
    text, ids = _PHONE + _EMAIL, ["phone", "email"]
    if strategy in PUBLIC:
        text += _PUBLIC.replace("%(public_agents)s", f"%({PUBLIC[strategy]})s")
        ids.append(PUBLIC[strategy])
    if strategy == "tiered":
        text = _GOLD + text
        ids.insert(0, "gold-phone")
    return text + _HELP, ids


def starter_plan(strategy: str) -> str:
    """Size the channels with the plan's own metrics, then write the plan around them."""
    template, ids = _channels(strategy)
    values: dict[str, object] = {
        "phone_sl": "80% in 60s"
        if strategy in ("tiered", "fast-food", "cost-race", "squeaky-wheel", "because-we-can")
        else "80% in 20s",
        # Business time: the inboxes close at night and at weekends (hours-cover-target).
        "email_fr": EMAIL_RESPONSE.get(strategy, "4 business hours"),
        "containment": "80%" if strategy == "automated" else "50%",
        "public": PUBLIC.get(strategy, ""),
        **{i: 1 for i in ids},
    }
    draft = _document(strategy, template % values, Decimal(len(ids)))
    for m in compute(parse_plan(draft, "draft").plan).channels:
        if m.id in ids:
            values[m.id] = Decimal(math.ceil(m.required_fte_at_ceiling * MARGIN * 10)) / 10
    channels = template % values
    fte = sum((Decimal(str(values[i])) for i in ids), Decimal(0))
    text = _document(strategy, channels, fte)
    if strategy != "cost-race":
        return text
    cpc = compute(parse_plan(text, "draft").plan).cost_per_contact or Decimal(1)
    last = round_money(cpc / Decimal("0.92"), Decimal("0.01"))
    return _document(
        strategy,
        channels,
        fte,
        f"history:\n  cost_per_contact: {last}"
        "   # last period: an 8% cut, inside the race's 2-15% pace\n",
    )


def _noted(field: str, note: str) -> str:
    """A `staffing:` line with its comment in the block's comment column (column 32), as
    the lines written out in the template: figures of another width pushed the comment
    out of line ("agents: 20.3               # FTE in total" two columns left of the rest)."""
    return f"  {field}".ljust(31) + f"# {note}"


def _document(strategy: str, channels: str, agents: Decimal, tail: str = "") -> str:
    p = PRACTICES[strategy]
    cost = Decimal(62000)
    whole = Decimal(1)
    people = round_money(agents * cost, whole)
    training = round_money(agents * p.training * 60, whole)
    tooling = round_money(agents * 4000, whole)
    goodwill = round_money((people + training + tooling) * p.goodwill * Decimal("1.1"), whole)
    total = people + training + tooling + goodwill
    segments = ""
    if strategy == "tiered":
        segments = _TIERS
    return f"""# yaml-language-server: $schema=plan.schema.json
# A starter {strategy} plan written by `cs-align init` (`cs-align schema > plan.schema.json`
# gives editors the schema). Change the figures to yours, then run `cs-align check` on it.
# Durations need units (20s, 6m, 4h); shares are 80% or 0.8; money is in `currency`,
# written 62000, 62_000 or 62k.
version: 1
organisation: Example Co
currency: USD
period: {{start: 2027-01-01, end: 2027-12-31}}
strategy: {strategy}
promise: "{PROMISES[strategy]}"

channels:
{channels}
staffing:
{_noted(f"agents: {agents}", "FTE in total")}
  shrinkage: 32%               # leave, training, meetings, breaks
  max_occupancy: 85%
  paid_hours_per_fte: 1800/year
  loaded_cost_per_fte: 62000   # salary + benefits + overheads
  training_hours_per_agent: {p.training}
  uses_scripts: {str(p.scripts).lower()}
  rewarded_on: {p.rewards}
{_noted(f"refund_authority: {p.refund}", "what a rep may spend to fix things without approval")}
  escalation_to_engineering: true
  leadership_service_hours_per_month: {p.leadership}
  annual_attrition: 20%
  product_people_in_conversation: {"true" if strategy == "engagement" else "false"}

budget:
  total: {total}
  lines: {{people: {people}, training: {training}, tooling: {tooling}, goodwill: {goodwill}}}
{segments}{tail}"""
