"""fix withholds a practice it would write where that practice breaks a rule that held, and
sizes the staff without it (review calc59).

The plan: a yen mix, fast-food over a gold segment judged by delight. fast-food caps the
refund authority at 25 USD (3,750 JPY at 150 JPY a USD); delight's reps-can-fix asks at
least 50 USD (7,500 JPY) of the gold segment's reps. The plan writes 7,500: fast-food's
`metric` warns, delight's floor holds. Writing 3,750 mends the warning with an error.
"""

from __future__ import annotations

import pytest

from cs_align.engine import CheckOptions, assess
from cs_align.fixer import fix
from cs_align.loader import parse_plan

PLAN = """\
version: 1
organisation: Mix Yen
promise: "Gold members reach a person within 20 seconds; everyone else within a minute."
currency: JPY
exchange_rates: {USD: 150}
period: {start: 2027-04-01, end: 2028-04-30}
strategy: {primary: fast-food, by_segment: {gold: delight}}
channels:
  - id: gold-phone
    kind: voice
    segment: gold
    hours: 24x7
    volume: {contacts: 10080, per: week}
    handle_time: 4m
    patience: 1m
    target: {service_level: "80% in 20s", abandonment_max: 5%}
    agents: 28.2
  - id: phone
    kind: voice
    hours: Mon-Fri 08:00-20:00
    volume: {contacts: 3600, per: week}
    handle_time: 4m
    target: {asa: 30s}
    agents: 9.2
staffing:
  agents: 37.4
  shrinkage: 0%
  paid_hours_per_fte: 40/week
  loaded_cost_per_fte: 6000000
  uses_scripts: false
  rewarded_on: [csat]
  refund_authority: 7500
  escalation_to_engineering: true
  leadership_service_hours_per_month: 4
  training_hours_per_agent: 80
budget: {total: 243750000, lines: {people: 243750000}}
segments:
  - {id: gold, share: 20%, rank: 1}
  - {id: standard, share: 80%}
"""


@pytest.mark.parametrize("keep_budget", [True, False])
def test_a_practice_that_breaks_a_segments_floor_is_left_to_a_person(keep_budget: bool) -> None:
    loaded = parse_plan(PLAN, "mix.yaml")
    assert not [f for f in assess(loaded, CheckOptions()).findings if f.rule == "reps-can-fix"]
    result = fix(PLAN, loaded, CheckOptions(), keep_budget=keep_budget)
    paths = {c.path for c in result.changes}
    # --keep-budget wrote `refund_authority: 3750`, a reps-can-fix error for gold.
    assert "staffing.refund_authority" not in paths
    again = assess(parse_plan(result.text, "mix.yaml"), CheckOptions())
    assert not [f for f in again.findings if f.rule == "reps-can-fix"]
    (said,) = [d for d in result.decisions if d.finding.path == "staffing.refund_authority"]
    assert "writing `staffing.refund_authority: 3750`" in said.decision
    assert "would break reps-can-fix (segment gold" in said.decision
    # fast-food's shrinkage floor (25%) breaks nothing that held: written, and sized for.
    assert "staffing.shrinkage" in paths


def test_the_staff_are_not_withheld_for_what_a_practice_breaks() -> None:
    # Without --keep-budget the whole pass was withheld and the staff named as what broke the
    # floor: "buying the 12.5 FTE it needs (+75,000,000 JPY a year) would break reps-can-fix".
    # Sized at fast-food's 25% shrinkage (each FTE 30 paid hours a week on shift): gold-phone
    # 37.7, phone 12.3, 50 FTE in all, 325,000,000 JPY over the 13 months (50 × 6,000,000 ×
    # 13/12).
    result = fix(PLAN, parse_plan(PLAN, "mix.yaml"), CheckOptions(), keep_budget=False)
    after = {c.path: c.after for c in result.changes}
    assert after["staffing.agents"] == "50"
    assert after["budget.lines.people"] == "325000000"
    assert not any("buying" in d.decision for d in result.decisions)


OURS = """\
id: ours
name: Ours
extends: delight
rules:
  - rule: reps-can-fix
    severity: warning
    min_refund_authority: 50
    currency: USD
"""


@pytest.mark.parametrize("keep_budget", [True, False])
def test_a_practice_is_judged_by_what_it_mends_not_by_another(
    keep_budget: bool, invoke, tmp_path
) -> None:
    # The gold segment under a consultant's ours.yaml (delight, its refund floor a warning):
    # 3,750 JPY mends fast-food's warning and breaks gold's warning that held, so fix leaves
    # it to a person. With `uses_scripts: true` as well (delight's no-scripts, an error, which
    # `uses_scripts: false` mends), the pass as a whole mended an error, and the refund cap's
    # new warning passed under it: 7,500 → 3,750 was written (recalc59).
    (tmp_path / "ours.yaml").write_text(OURS, encoding="utf-8")
    plan = PLAN.replace("gold: delight", "gold: ours.yaml").replace(
        "uses_scripts: false", "uses_scripts: true"
    )
    path = tmp_path / "mix.yaml"
    path.write_text(plan, encoding="utf-8")
    args = ["fix", str(path), "--in-place", *(["--keep-budget"] if keep_budget else [])]
    invoke(*args)
    written = path.read_text(encoding="utf-8")
    assert "uses_scripts: false" in written
    assert "refund_authority: 7500" in written
    checked = invoke("check", str(path)).out
    assert "reps-can-fix" not in checked.split("info")[0]
    assert "3,750 JPY to fix a problem" not in checked
