"""Over intraday intervals the occupancy ceiling holds in every interval, not on the week's
average (review calc41 F7, attack39 F14)."""

from __future__ import annotations

import math
from pathlib import Path

from cs_align.engine import CheckOptions, assess
from cs_align.findings import Report, Severity
from cs_align.fixer import fix
from cs_align.loader import parse_plan
from cs_align.metrics import ChannelMetrics
from cs_align.reporters.json import channel_dict

# The reviewer's plan (p29-peakocc.yaml): phone Mon-Fri 08:00-11:30 in 30-minute intervals,
# 12 calls in each but 600 at 09:00, 5-minute handle time, 80% in 20 s, genius (where
# occupancy-cap is an error), 40 h a week less 30% shrinkage = 28 productive hours per FTE.
P29 = """version: 1
organisation: Spike Energy
currency: USD
period: {start: 2027-01-01, end: 2027-12-31}
strategy: genius
promise: "A person answers 80% of calls within 20 seconds."
channels:
  - id: phone
    kind: voice
    hours: Mon-Fri 08:00-11:30
    volume:
      interval: 30m
      intervals:
        - {at: "08:00", contacts: 12}
        - {at: "08:30", contacts: 12}
        - {at: "09:00", contacts: PEAK}
        - {at: "09:30", contacts: 12}
        - {at: "10:00", contacts: 12}
        - {at: "10:30", contacts: 12}
        - {at: "11:00", contacts: 12}
    handle_time: 5m
    target: {service_level: "80% in 20s"}
    agents: FTE
  - id: status
    kind: self-service
    containment: 30%
    outage_updates: true
staffing:
  agents: FTE
  shrinkage: 30%
  max_occupancy: 85%
  paid_hours_per_fte: 40/week
  loaded_cost_per_fte: 50_000
  training_hours_per_agent: 120
  uses_scripts: false
  rewarded_on: [csat]
  refund_authority: 150
  escalation_to_engineering: true
  leadership_service_hours_per_month: 4
  annual_attrition: 20%
  product_people_in_conversation: true
budget:
  total: 600_000
  lines: {people: 590_000, goodwill: 10_000}
"""

# Position-intervals a day per FTE: 28 productive hours a week over 5 days of 0.5-hour
# intervals = 28 / 2.5 = 11.2.
PER_FTE = 28 / 2.5


def plan(fte: str, peak: int = 600) -> str:
    return P29.replace("FTE", fte).replace("PEAK", str(peak))


def erlang_c(n: int, load: float) -> float:
    """Chance of waiting with n agents, by the Erlang B recursion (independent of cs-align):
    B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1)); C = n·B / (n − A·(1 − B))."""
    b = 1.0
    for k in range(1, n + 1):
        b = load * b / (k + load * b)
    return n * b / (n - load * (1 - b))


def least_for(load: float, aht: float = 300, share: float = 0.8, within: float = 20) -> int:
    """Fewest whole agents who answer ``share`` within ``within`` seconds (Erlang C)."""
    n = math.floor(load) + 1
    while 1 - erlang_c(n, load) * math.exp(-(n - load) * within / aht) < share:
        n += 1
    return n


def judged(text: str) -> tuple[Report, ChannelMetrics]:
    report = assess(parse_plan(text, "p29.yaml"), CheckOptions())
    assert report.metrics is not None
    phone = report.metrics.channel("phone")
    assert phone is not None
    return report, phone


def capped(report: Report) -> list[str]:
    return [f.message for f in report.findings if f.rule == "occupancy-cap"]


def test_hand_figures() -> None:
    # Quiet intervals: 12 × 300 s / 1800 s = 2 Erlangs → 4 agents (2/0.85 = 2.35 fewer);
    # 09:00: 600 × 300 / 1800 = 100 Erlangs → 108 agents, whose occupancy is 92.59%, and
    # holding 85% needs 100/0.85 = 117.65 on shift.
    assert (least_for(2.0), least_for(100.0)) == (4, 108)
    each = 6 * max(4, 2 / 0.85) + max(108, 100 / 0.85)
    assert round(each, 2) == 141.65
    assert round(each / PER_FTE, 3) == 12.647  # FTE that hold 85% in every interval


def test_a_peak_over_the_ceiling_fails_occupancy_cap_naming_the_interval() -> None:
    # 11.8 FTE = 11.8 × 11.2 = 132.16 position-intervals a day; the targets take 6 × 4 +
    # 108 = 132, and the 0.16 left go where the ceiling asks for more, 09:00: 108.16 there,
    # 100 / 108.16 = 92.46% busy. The week: 2 × 6 + 100 = 112 Erlang-intervals over
    # 132.16 = 84.75%, under 85%, which let the plan pass before (calc41 F7).
    report, phone = judged(plan("11.8"))
    assert phone.highest_at == "09:00"
    assert abs((phone.highest_occupancy or 0) - 100 / 108.16) < 1e-9
    assert abs((phone.occupancy or 0) - 112 / 132.16) < 1e-9
    (message,) = capped(report)
    assert message.startswith("phone: planned agents would be 92.5% occupied at 09:00")
    assert "the ceiling is 85% in every interval" in message
    assert "need 12.7 FTE (plan 11.8)" in message
    finding = next(f for f in report.findings if f.rule == "occupancy-cap")
    assert finding.severity == Severity.error  # genius
    data = channel_dict(phone)
    assert data["highest_occupancy_at"] == "09:00"
    assert abs(data["highest_occupancy"] - 0.9246) < 1e-4


def test_the_ceilings_need_holds_it_in_every_interval() -> None:
    # Σ max(target need, ceiling need) = 141.647 position-intervals a day = 12.647 FTE
    # (hand above): required_fte_at_ceiling, and 12.7 to the tenth, which fix writes.
    _, phone = judged(plan("11.8"))
    each = 6 * 4 + 100 / 0.85
    assert abs(float(phone.required_fte_at_ceiling) - each / PER_FTE) < 1e-9
    assert float(phone.at_ceiling_fte) == 12.7
    assert phone.binding == "occupancy"


def test_fix_writes_staff_whose_plan_rechecks_without_occupancy_cap() -> None:
    for fte in ("11.0", "11.8"):
        text = plan(fte)
        result = fix(text, parse_plan(text, "p29.yaml", Path("p29.yaml")), CheckOptions(), False)
        assert "    agents: 12.7\n" in result.text and "  agents: 12.7\n" in result.text
        again, phone = judged(result.text)
        assert not capped(again)
        # 12.7 × 11.2 = 142.24 a day; past the ceiling's 141.647, in proportion to it:
        # 09:00 gets 117.647 × 142.24 / 141.647 = 118.14, 84.6% busy.
        assert (phone.highest_occupancy or 1) <= 0.85


def test_a_plan_whose_every_interval_holds_the_ceiling_is_unchanged() -> None:
    # 60 calls at 09:00: 10 Erlangs need 14 agents for 80/20, above 10/0.85 = 11.76, so
    # every interval's targets hold the ceiling: the need at the ceiling is the targets'
    # 6 × 4 + 14 = 38 position-intervals a day = 38 / 11.2 = 3.39 FTE, and 3.4 FTE pass.
    assert least_for(10.0) == 14
    text = plan("3.4", peak=60)
    report, phone = judged(text)
    assert not capped(report)
    assert abs(float(phone.required_fte_at_ceiling) - 38 / PER_FTE) < 1e-9
    assert phone.binding == "service_level"
    assert phone.highest_at == "09:00" and (phone.highest_occupancy or 1) <= 0.85
    result = fix(text, parse_plan(text, "p29.yaml", Path("p29.yaml")), CheckOptions(), False)
    assert "agents: 3.4\n" in result.text
    assert not [c for c in result.changes if "agents" in str(c.path)]


def test_an_interval_that_cannot_keep_up_is_named() -> None:
    # Review calc42 F6: 1,000 calls at 09:00 (166.7 Erlangs) on 11.8 FTE: that half hour
    # cannot keep up, and the message said so without saying where.
    report, phone = judged(plan("11.8", peak=1000))
    assert not phone.stable
    (message,) = capped(report)
    assert message.startswith(
        "phone: planned agents would be 100% occupied at 09:00 (they cannot keep up there: "
        "the queue grows without end)"
    )
