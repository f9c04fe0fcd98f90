"""Write the embodied plans: one per strategy, sized with the plan's own metrics.

Run `python tests/data/embodied/generate.py` after a change to how plans are sized, so each
plan stays staffed just above what its targets need (5%; the cost race 3%).
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from cs_align.loader import parse_plan
from cs_align.metrics import compute

CHANNELS = {
    "phone": "kind: voice\n    hours: Mon-Fri 08:00-20:00\n    volume: {contacts: 9000, per: month}"
    "\n    handle_time: 6m",
    "email": "kind: email\n    hours: Mon-Fri 08:00-18:00\n    volume: {contacts: 2500, per: month}"
    "\n    handle_time: 8m",
    "chat": "kind: chat\n    hours: Mon-Sun 08:00-22:00\n    volume: {contacts: 6000, per: month}"
    "\n    handle_time: 10m\n    concurrency: 2",
    "store": "kind: in-person\n    hours: Mon-Sat 10:00-20:00\n    volume: {contacts: 4000, per: "
    "month}\n    handle_time: 15m",
    "community": "kind: community\n    hours: Mon-Fri 09:00-17:00\n    volume: {contacts: 1200, "
    "per: month}\n    handle_time: 12m",
    "social": "kind: social\n    hours: Mon-Fri 09:00-17:00\n    volume: {contacts: 800, per: "
    "month}\n    handle_time: 10m",
    "gold-phone": "kind: voice\n    segment: gold\n    hours: 24x7\n    volume: {contacts: 1500, "
    "per: month}\n    handle_time: 8m",
    "assistant": "kind: chat\n    staffed_by: bots\n    volume: {contacts: 20000, per: month}",
}


@dataclass(frozen=True)
class Practices:
    training: int
    scripts: bool
    rewards: str
    refund: int
    goodwill: str
    """Goodwill line as a share of the rest of the budget."""
    leadership: int
    shrinkage: str = "32%"
    attrition: str = "25%"
    product: bool = False


@dataclass(frozen=True)
class Spec:
    declares: str
    organisation: str
    why: str
    promise: str
    targets: dict[str, str]
    """Channel id → its target (flow mapping body); absent for bots and self-service."""
    practices: Practices
    containment: str = "50%"
    extra: str = ""
    margin: float = 1.05
    history_cut: Decimal | None = None
    channels: tuple[str, ...] = field(default=())


def _channels(spec: Spec, agents: dict[str, Decimal]) -> str:
    parts = []
    for cid in spec.channels:
        text = f"  - id: {cid}\n    {CHANNELS[cid]}\n"
        if cid in spec.targets:
            text += f"    target: {{{spec.targets[cid]}}}\n"
            if "abandonment_max" in spec.targets[cid]:
                text += "    patience: 2m\n"
            text += f"    agents: {agents[cid]}\n"
        parts.append(text)
    parts.append(
        f"  - id: help-centre\n    kind: self-service\n    containment: {spec.containment}\n"
        "    outage_updates: true\n"
    )
    return "".join(parts)


def _document(sid: str, spec: Spec, agents: dict[str, Decimal]) -> str:
    p = spec.practices
    total = sum(agents.values(), Decimal(0))
    people, training, tooling = total * 62000, total * p.training * 60, total * 4000
    goodwill = ((people + training + tooling) * Decimal(p.goodwill)).quantize(Decimal(1))
    why = f"Embodies {sid} while declaring {spec.declares}: {spec.why}"
    head = "\n".join("# " + line for line in textwrap.wrap(why, 93))
    return f"""# yaml-language-server: $schema=../../../schema/plan.schema.json
{head}
version: 1
organisation: {spec.organisation}
currency: USD
period: {{start: 2027-01-01, end: 2027-12-31}}
strategy: {spec.declares}
promise: "{spec.promise}"

channels:
{_channels(spec, agents)}
staffing:
  agents: {total}
  shrinkage: {p.shrinkage}
  max_occupancy: 85%
  paid_hours_per_fte: 1800/year
  loaded_cost_per_fte: 62000
  training_hours_per_agent: {p.training}
  uses_scripts: {str(p.scripts).lower()}
  rewarded_on: {p.rewards}
  refund_authority: {p.refund}
  escalation_to_engineering: true
  leadership_service_hours_per_month: {p.leadership}
  annual_attrition: {p.attrition}
  product_people_in_conversation: {str(p.product).lower()}

budget:
  total: {(people + training + tooling + goodwill).quantize(Decimal(1))}
  lines: {{people: {people.quantize(Decimal(1))}, training: {training.quantize(Decimal(1))}, \
tooling: {tooling.quantize(Decimal(1))}, goodwill: {goodwill}}}
{spec.extra}"""


def build(sid: str, spec: Spec) -> str:
    """Size each staffed channel at its required FTE × the margin, then write the plan."""
    agents = {cid: Decimal(1) for cid in spec.targets}
    draft = compute(parse_plan(_document(sid, spec, agents), "draft").plan)
    for m in draft.channels:
        if m.id in agents:
            agents[m.id] = Decimal(math.ceil(float(m.required_fte) * spec.margin * 10)) / 10
    text = _document(sid, spec, agents)
    if spec.history_cut is not None:
        cpc = compute(parse_plan(text, "draft").plan).cost_per_contact or Decimal(1)
        last = (cpc / (1 - spec.history_cut)).quantize(Decimal("0.01"))
        text += f"history:\n  cost_per_contact: {last}\n"
    return text


SL, FR = 'service_level: "{}"', "first_response: {}"
PHONE = 'service_level: "{}", abandonment_max: 8%'
SPECS = {
    "delight": Spec(
        "fast-food",
        "Embodied Delight Shoes",
        "fast, trained, unscripted people who can fix anything, with money to make things "
        "right (004: Zappos).",
        "A trained person answers 80% of calls and chats within 20 seconds and every email "
        "within 2 hours, and can put anything right on the spot.",
        {
            "phone": PHONE.format("80% in 20s"),
            "chat": SL.format("80% in 20s"),
            "email": FR.format("2h"),
        },
        Practices(120, False, "[csat, first_contact_resolution]", 200, "0.015", 4, attrition="18%"),
        channels=("phone", "chat", "email"),
    ),
    "fast-food": Spec(
        "delight",
        "Embodied Snack Foods",
        "keep the line moving: scripted reps, a standard remedy, throughput targets, no more "
        "staff than the targets need (004: McDonald's, Planters).",
        "Calls are answered within a minute and emails within a day, with the same quick "
        "remedy for every complaint.",
        {"phone": PHONE.format("80% in 60s"), "email": FR.format("24h")},
        Practices(30, True, "[handle_time, contacts_per_hour]", 15, "0", 0, "30%", "40%"),
        channels=("phone", "email"),
    ),
    "automated": Spec(
        "engagement",
        "Embodied Web Tools",
        "no phone number; a help centre and an assistant answer almost everything, and a "
        "small team answers email within a day (004: Google).",
        "The help centre and the assistant answer at once; anything they cannot answer gets "
        "an email reply within a day. There is no phone line.",
        {"email": FR.format("24h")},
        Practices(30, True, "[csat]", 10, "0", 0),
        containment="85%",
        channels=("email", "assistant"),
    ),
    "genius": Spec(
        "delight",
        "Embodied Repair Bar",
        "talented, long-trained experts in store and on the phone who solve the problem, "
        "kept for years (004: Apple's Genius Bar).",
        "An expert greets you in store or on the phone within 20 seconds, answers email "
        "within 10 minutes, and solves the problem better than you hoped.",
        {
            "store": SL.format("80% in 20s"),
            "phone": PHONE.format("80% in 20s"),
            "email": FR.format("10m"),
        },
        Practices(200, False, "[csat, quality]", 150, "0", 0, attrition="12%"),
        channels=("store", "phone", "email"),
    ),
    "engagement": Spec(
        "fast-food",
        "Embodied Project Software",
        "the people who build the product talk with customers in a public community and "
        "over-inform about outages (004: 37signals).",
        "The people who build the product answer in the community within 4 hours and by "
        "email within a day, and tell you first when something breaks.",
        {"community": FR.format("4h"), "email": FR.format("24h")},
        Practices(40, False, "[quality]", 50, "0", 8, product=True),
        containment="60%",
        channels=("community", "email"),
    ),
    "squeaky-wheel": Spec(
        "engagement",
        "Embodied Telecom",
        "a team watches social media and fixes loud public complaints; everyone else gets "
        "scripted, slow service (004: many large organisations).",
        "Complaints posted in public get a person's reply within 4 hours; calls are answered "
        "within 3 minutes and email within 2 days.",
        {"social": FR.format("4h"), "phone": SL.format("70% in 3m"), "email": FR.format("48h")},
        Practices(30, True, "[handle_time]", 50, "0.003", 0),
        channels=("social", "phone", "email"),
    ),
    "extraordinary-trust": Spec(
        "delight",
        "Embodied Private Bank",
        "a banker who knows you, unscripted, with real authority and a generous goodwill "
        "line (004: the banker who visits a sick client).",
        "Your banker answers within 20 seconds by phone and 4 hours by email, knows you by "
        "name, and can do far more than you expect.",
        {"phone": PHONE.format("80% in 20s"), "email": FR.format("4h")},
        Practices(100, False, "[csat, retention]", 1000, "0.04", 0, "30%"),
        channels=("phone", "email"),
    ),
    "tiered": Spec(
        "fast-food",
        "Embodied Airline",
        "gold members reach a person at once, day and night; everyone else waits, scripted "
        "(004: loyalty programmes).",
        "Gold members reach a person within 10 seconds, day and night; everyone else within "
        "3 minutes on weekdays.",
        {
            "gold-phone": 'service_level: "95% in 10s", asa: "2s"',
            "phone": SL.format("70% in 3m"),
            "email": FR.format("24h"),
        },
        Practices(60, True, "[csat]", 100, "0.005", 0),
        extra="segments:\n  - {id: gold, share: 8%, rank: 1}\n  - {id: standard, share: 92%}\n",
        channels=("gold-phone", "phone", "email"),
    ),
    "cost-race": Spec(
        "delight",
        "Embodied Utility",
        "cost per contact cut 8% on last year, staff just what the targets need (004: "
        "industrial incumbents).",
        "Calls are answered within 2 minutes and emails within 2 days, at a cost that falls "
        "a little every year.",
        {"phone": PHONE.format("80% in 2m"), "email": FR.format("48h")},
        Practices(20, True, "[handle_time]", 10, "0", 0, "28%"),
        containment="55%",
        margin=1.03,
        history_cut=Decimal("0.08"),
        channels=("phone", "email"),
    ),
    "because-we-can": Spec(
        "cost-race",
        "Embodied Co-operative",
        "decent, honest service for everyone because it is right: no throughput targets, no "
        "scripts, an honest status page, leaders on the phones (004).",
        "Whoever you are, a person answers your call within a minute and your email within a "
        "day, and tells you honestly what is wrong.",
        {"phone": PHONE.format("80% in 60s"), "email": FR.format("24h")},
        Practices(60, False, "[csat, quality]", 40, "0.005", 3),
        channels=("phone", "email"),
    ),
}


if __name__ == "__main__":
    here = Path(__file__).parent
    for sid, spec in SPECS.items():
        (here / f"{sid}.yaml").write_text(build(sid, spec), encoding="utf-8")
