"""Figures exactly on, or a hair past, a bound, as a workforce planner checks them by hand
(review calc49): every command shows the side of the bound the figure is on, as `check`
judges it, and a promise it makes can be written back into the plan.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import Invoke

# A phone line whose workload is exactly 85% of its productive hours (review calc49 D1):
#   102,000 calls a year × 6 min = 10,200 workload hours a year;
#   10 FTE × 1,600 paid hours × (1 − 25%) = 12,000 productive hours a year;
#   occupancy = 10,200 ÷ 12,000 = 0.85 exactly (the open hours cancel: 50 a week,
#   a = 3.90965 Erlangs on 4.59959 on shift). The ceiling is 85%: held, exactly on it.
ON_THE_CEILING = """version: 1
organisation: Kyoto Boundary KK
currency: JPY
exchange_rates: {USD: 155.37}  # fast food's USD money thresholds, read in the plan's currency
period: {start: 2027-04-01, end: 2027-09-30}
strategy: fast-food
promise: "Calls are answered within 15 minutes."
channels:
  - id: phone
    kind: voice
    hours: Mon-Fri 08:00-18:00
    volume: {contacts: 102000, per: year}
    handle_time: 6m
    target: {service_level: "80% in 15m"}
    agents: 10
  - {id: help-centre, kind: self-service, containment: 50%, outage_updates: true}
staffing:
  agents: 10
  shrinkage: 25%
  max_occupancy: 85%
  paid_hours_per_fte: 1600/year
  loaded_cost_per_fte: 5000001
  training_hours_per_agent: 40
  uses_scripts: true
  rewarded_on: [handle_time, csat]
  refund_authority: 20
  escalation_to_engineering: true
  leadership_service_hours_per_month: 0
  annual_attrition: 20%
  product_people_in_conversation: false
budget:
  total: 27000005
  lines: {people: 25000005, training: 1000000, tooling: 1000000, goodwill: 0}
"""


def test_occupancy_exactly_on_the_ceiling_reads_as_on_it_everywhere(
    invoke: Invoke, plan_file: Callable[[str], Path]
) -> None:
    path = str(plan_file(ON_THE_CEILING))
    checked = invoke("check", path, "--format", "json")
    assert checked.code == 0, checked.out
    plan = json.loads(checked.out)["plans"][0]
    assert plan["verdict"] == "aligned"
    phone = plan["metrics"]["channels"][0]
    # Exactly 10,200 ÷ 12,000: before, 0.8500000000000001, over the ceiling to a JSON reader.
    assert phone["occupancy"] == 0.85
    stressed = invoke("whatif", path, "--vary", "volume=+0%")
    rows = [line for line in stressed.out.splitlines() if "6m2s" in line]
    assert len(rows) == 2, stressed.out
    for row in rows:  # before: "85.0001%", a breach beside the aligned verdict
        assert " 85% " in row and "85.0" not in row, row


def test_staff_table_shows_an_occupancy_over_the_ceiling_as_over_it(invoke: Invoke) -> None:
    # 8,001 calls in 10 h = 800.1 an hour × 3 min = 40.005 Erlangs (review calc49 D2).
    #   50 agents: 40.005 ÷ 50 = 80.01% busy, over an 80% ceiling: not the answer;
    #   51 agents: 40.005 ÷ 51 = 78.44%, the answer (occupancy binds).
    # Before, the 50 row read "80.0%", the ceiling itself, beside the answer 51.
    result = invoke(
        "staff", "--volume", "8001/10h", "--aht", "3m", "--target", "80% in 20s",
        "--max-occupancy", "80%",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "51 agents on shift (the occupancy ceiling binds)" in result.out
    rows = {line.split()[0]: line for line in result.out.splitlines() if line[:7].strip().isdigit()}
    assert rows["50"].split()[3] == "80.01%", rows["50"]
    assert rows["51"].split()[3] == "78.4%", rows["51"]


# A phone line staffed far beyond its calls (review calc49 D3): 10 calls an hour × 3 min =
# 0.5 Erlangs; 30 FTE × 40 h × (1 − 25%) = 900 productive hours a week over 60 open hours =
# 15 on shift. M/M/15+M (λ = 10/h, μ = 1/180 s, θ = 1/120 s): P(wait) = 1.5e-17,
# abandonment = θ·E[queue] ÷ λ = 1.4e-18, a share that showed as 0.0% rounded up to a tenth.
OVERSTAFFED = """version: 1
organisation: Quiet Line Ltd
currency: USD
period: {start: 2027-01-01, end: 2027-12-31}
strategy: fast-food
promise: "Calls are answered within 20 seconds."
channels:
  - id: phone
    kind: voice
    hours: Mon-Fri 08:00-20:00
    volume: {contacts: 10, per: hour}
    handle_time: 3m
    patience: 2m
    target: {service_level: "80% in 20s", abandonment_max: ABANDON}
    agents: 30
  - {id: help-centre, kind: self-service, containment: 50%, outage_updates: true}
staffing:
  agents: 30
  shrinkage: 25%
  max_occupancy: 85%
  paid_hours_per_fte: 40/week
  loaded_cost_per_fte: 40000
  training_hours_per_agent: 40
  uses_scripts: true
  rewarded_on: [handle_time, csat]
  refund_authority: 20
  escalation_to_engineering: true
  leadership_service_hours_per_month: 0
  annual_attrition: 20%
  product_people_in_conversation: false
budget:
  total: 1220000
  lines: {people: 1200000, training: 10000, tooling: 10000, goodwill: 0}
"""


def test_promise_never_gives_an_abandonment_ceiling_a_plan_cannot_write(
    invoke: Invoke, plan_file: Callable[..., Path]
) -> None:
    path = str(plan_file(OVERSTAFFED.replace("ABANDON", "5%")))
    promised = invoke("promise", path, "--format", "json")
    keepable = json.loads(promised.out)["channels"][0]["keepable"]
    # Before: "abandonment at most 0.0%", which the plan refuses (exit 2: a 0% ceiling is
    # never kept with patience). 1.4e-18 is kept by the least ceiling a plan writes, 0.1%.
    assert keepable.endswith("abandonment at most 0.1%"), keepable
    written = plan_file(OVERSTAFFED.replace("ABANDON", "0.1%"), "written.yaml")
    checked = json.loads(invoke("check", str(written), "--format", "json").out)
    rules = {f["rule"] for f in checked["plans"][0]["findings"]}
    assert not rules & {"abandonment-max", "staffing-meets-targets"}, rules


def test_staff_given_a_headcount_over_the_ceiling_says_so(invoke: Invoke) -> None:
    # 90 calls in 30 min × 4 min = 12 Erlangs (review calc49 D5). 14 agents keep 80% in 3m
    # (Erlang C: P(wait) 48.2%, SL = 1 − 0.482·e^(−2·180/240) = 89.3%) but are 12 ÷ 14 =
    # 85.7% busy, over an 85% ceiling; 15 agents are 80.0%. Before: "target 80% in 3m met"
    # and nothing more, beside a required 15, as if 14 were enough.
    args = ("staff", "--volume", "90/30m", "--aht", "4m", "--target", "80% in 3m")
    given = invoke(*args, "--max-occupancy", "85%", "--agents", "14")
    answer = given.out.splitlines()[1]
    assert "target 80% in 3m met — service level 89.3%" in answer, answer
    assert answer.endswith("; occupancy 85.7% is over the 85% ceiling; it needs 15"), answer
    data = json.loads(invoke(*args, "--max-occupancy", "85%", "--agents", "14", "-f", "json").out)
    assert data["meets_target"] is True  # the ceiling is no target
    assert data["within_ceiling"] is False and data["required_agents"] == 15
    enough = json.loads(invoke(*args, "--max-occupancy", "85%", "--agents", "15", "-f", "json").out)
    assert enough["within_ceiling"] is True
    # The same ceiling by default (`check`'s for a plan that states none); none when asked.
    default = json.loads(invoke(*args, "--agents", "14", "-f", "json").out)
    assert default["within_ceiling"] is False and default["max_occupancy_default"] is True
    off = invoke(*args, "--max-occupancy", "none", "--agents", "14", "-f", "json").out
    assert "within_ceiling" not in json.loads(off)


def test_a_cut_s_money_is_the_change_of_the_rounded_costs(
    invoke: Invoke, plan_file: Callable[..., Path]
) -> None:
    # Review calc49 D6, in thousandths (KWD). 14 FTE at 9,000.125 = 126,001.750 a year; the
    # people line, 123,301.713, pays for 13.7 FTE = 123,301.7125 → 123,301.713 (half a fils
    # up). fix --keep-budget cuts 0.3 FTE: 126,001.750 − 123,301.713 = 2,700.037 less a
    # year, and −0.3 × 9,000.125 = −2,700.0375 rounds half a fils up, towards more money,
    # to −2,700.037. Before: −2,700.038 (rounded away from zero), a fils off the costs.
    plan = (
        ON_THE_CEILING.replace("currency: JPY", "currency: KWD")
        .replace("USD: 155.37", "USD: 0.307")
        .replace("start: 2027-04-01, end: 2027-09-30", "start: 2027-01-01, end: 2027-12-31")
        .replace("agents: 10", "agents: 14")
        .replace("loaded_cost_per_fte: 5000001", "loaded_cost_per_fte: 9000.125")
        .replace("total: 27000005", "total: 125301.713")
        .replace("people: 25000005", "people: 123301.713")
    )  # fmt: skip
    path = str(plan_file(plan))
    fixed = json.loads(invoke("fix", path, "--keep-budget", "--format", "json").out)
    cut = {c["path"]: c for c in fixed["changes"]}["staffing.agents"]
    assert (cut["before"], cut["after"]) == ("14", "13.7"), cut
    assert cut["cost"] == "-2700.037", cut


# A night line one person answers, exactly on its target (review calc51 D1). Open Mon-Sun
# 22:00-02:00 = 28 h a week; 40 paid hours at 30% shrinkage = 28 productive hours, so 1 FTE
# is exactly 1 on shift. An M/M/1 queue: P(wait) = a, ASA = a × AHT ÷ (1 − a).
#   77 calls a week × 6 min ÷ 28 h = 0.275 Erlangs: 1 − 0.275 = 72.5% answered at once;
#   224 calls a week × 6 min ÷ 28 h = 0.8 Erlangs: ASA = 0.8 × 360 s ÷ 0.2 = 1,440 s = 24 min.
# One person keeps each exactly: the whole headcount the targets need is 1 (1.0 FTE), as the
# judge of the planned staff says, not 2 as floating noise (0.7249999999999999, a hair over
# 1,440 s) made the sizing say.
ON_THE_TARGET = """version: 1
organisation: Night Desk
currency: EUR
period: {start: 2027-01-01, end: 2027-12-31}
strategy: fast-food
promise: "Night calls answered at once."
channels:
  - id: night
    kind: voice
    hours: Mon-Sun 22:00-02:00
    volume: {contacts: VOLUME, per: week}
    handle_time: 6m
    target: {TARGET}
    agents: 1
  - {id: help-centre, kind: self-service, containment: 50%, outage_updates: true}
staffing:
  agents: 1
  shrinkage: 30%
  max_occupancy: 85%
  paid_hours_per_fte: 40/week
  loaded_cost_per_fte: 48000
  training_hours_per_agent: 40
  uses_scripts: true
  rewarded_on: [handle_time, csat]
  refund_authority: 20
  escalation_to_engineering: true
  leadership_service_hours_per_month: 0
  annual_attrition: 20%
  product_people_in_conversation: false
budget:
  total: 52000
  lines: {people: 48000, training: 1000, tooling: 3000, goodwill: 0}
"""


def test_one_person_exactly_on_the_target_needs_one_person_in_every_figure(
    invoke: Invoke, plan_file: Callable[[str], Path]
) -> None:
    for volume, target in (("77", 'service_level: "72.5% in 0s"'), ("224", "asa: 24m")):
        text = ON_THE_TARGET.replace("VOLUME", volume).replace("TARGET", target)
        path = str(plan_file(text))
        checked = invoke("check", path, "--format", "json")
        channel = json.loads(checked.out)["plans"][0]["metrics"]["channels"][0]
        assert (channel["required_positions"], channel["required_fte"]) == (1, 1.0), target
        assert channel["needed_fte"] == 1.0
        assert not [
            f
            for f in json.loads(checked.out)["plans"][0]["findings"]
            if f["rule"] in ("staffing-meets-targets", "budget-funds-targets")
        ]
    # The promise no longer says whole headcounts would need 2, the report shows the level
    # as the target it keeps, and `staff` sizes and judges one person as `check` does.
    path = str(
        plan_file(
            ON_THE_TARGET.replace("VOLUME", "77").replace("TARGET", 'service_level: "72.5% in 0s"')
        )
    )
    promised = invoke("promise", path)
    assert "would need 2" not in promised.out, promised.out
    report = path + ".md"
    invoke("report", path, "-o", report)
    row = next(
        x for x in Path(report).read_text().splitlines() if x.startswith("| night | 72.5% in 0s")
    )
    assert "| 72.5% |" in row and "72.4999" not in row, row
    line = (
        "staff",
        "--volume",
        "77/week",
        "--hours",
        "Mon-Sun 22:00-02:00",
        "--aht",
        "6m",
        "--target",
        "72.5% in 0s",
        "--max-occupancy",
        "none",
    )
    solved = json.loads(invoke(*line, "--format", "json").out)
    assert solved["required_agents"] == 1
    given = invoke(*line, "--agents", "1")
    assert "target 72.5% in 0s met — service level 72.5%," in given.out, given.out
    asa = (
        "staff",
        "--volume",
        "224/week",
        "--hours",
        "Mon-Sun 22:00-02:00",
        "--aht",
        "6m",
        "--target",
        "1% in 0s",
        "--asa",
        "24m",
        "--agents",
        "1",
        "--format",
        "json",
    )
    assert json.loads(invoke(*asa).out)["meets_target"] is True


# A phone line kept to an abandonment ceiling alone, under Erlang A (review calc51b):
#   4,200 calls a week round the clock × 6 min = 420 h ÷ 168 h = 2.5 Erlangs;
#   32 FTE × 1,461 paid hours × (1 − 25%) ÷ 8,766 open hours a year = 4 on shift.
#   M/M/4+M, 1/μ = 6 min, 1/θ = 2 min (birth–death chain, 60 digits, cross-checked by
#   Little's law θ·E[queue] ÷ λ): 10.0880541956575% of callers hang up, past a ceiling of
#   10.08805% by 4.2e-8 — judged missed, so the ceiling must not read as the 10.1% shown.
ON_AN_ABANDONMENT_CEILING = """version: 1
organisation: Exact Co
currency: USD
period: {start: 2027-01-01, end: 2027-12-31}
strategy: cost-race
promise: "A person answers."
channels:
  - id: phone
    kind: voice
    hours: 24/7
    volume: {contacts: 4200, per: week}
    handle_time: 6m
    target: {abandonment_max: "CEILING"}
    patience: 2m
    agents: 32
staffing:
  agents: 32
  shrinkage: 25%
  max_occupancy: 100%
  paid_hours_per_fte: 1461/year
  loaded_cost_per_fte: 62000
budget:
  total: 3000000
  lines: {people: 2900000, training: 50000, tooling: 40000, goodwill: 10000}
"""


def test_a_ceiling_written_past_a_tenth_reads_as_written_beside_a_figure_past_it(
    invoke: Invoke, plan_file: Callable[[str], Path]
) -> None:
    # Occupancy exactly 85% (10,200 ÷ 12,000, above) against a ceiling of 84.9999%: over it
    # by 1e-6, a warning. Before: "would be 85% occupied; the ceiling is 85%", a breach
    # shown on its bound; and the budget finding's "holding occupancy at 85%".
    path = str(plan_file(ON_THE_CEILING.replace("max_occupancy: 85%", "max_occupancy: 84.9999%")))
    findings = json.loads(invoke("check", path, "--format", "json").out)["plans"][0]["findings"]
    capped = [f["message"] for f in findings if f["rule"] == "occupancy-cap"]
    assert len(capped) == 1, findings
    assert "would be 85% occupied; the ceiling is 84.9999%" in capped[0], capped[0]
    for ceiling, kept in (("10.08805%", False), ("10.0880541956575%", True), ("10.0881%", True)):
        path = str(plan_file(ON_AN_ABANDONMENT_CEILING.replace("CEILING", ceiling)))
        checked = json.loads(invoke("check", path, "--format", "json").out)["plans"][0]
        phone = checked["metrics"]["channels"][0]
        assert abs(phone["abandonment"] - 0.100880541956574975) < 1e-12
        by_rule = {f["rule"]: f["message"] for f in checked["findings"]}
        assert ("abandonment-max" not in by_rule) is kept, (ceiling, by_rule)
        # The ceiling as written wherever a finding names it (before: "at most 10.1%",
        # "the ceiling is 10.1%", and "at most 10.09%" for the ceiling written on the figure).
        assert (
            f"states only an abandonment ceiling (at most {ceiling})" in by_rule["target-stated"]
        ), by_rule
        if not kept:
            assert by_rule["abandonment-max"].endswith(
                f"10.1% of callers are expected to hang up; the ceiling is {ceiling}"
            ), by_rule


def test_planned_people_on_shift_are_never_shown_at_a_need_they_miss(
    invoke: Invoke, plan_file: Callable[[str], Path]
) -> None:
    # Review calc51 W1. The night line above (1 FTE = 1 on shift exactly: 28 h open a week,
    # 40 paid h × (1 − 30%) = 28 productive h) with 56 calls a week × 6 min ÷ 28 h = 0.2
    # Erlangs and ASA 90s: one person gives ASA 0.2 × 360 s ÷ 0.8 = 90 s, exactly the target,
    # so the need is 1 on shift. 0.999999 FTE put 0.999999 on shift: nobody 0.0001% of the
    # time, the ASA missed. Rounded half up that read "(1.00 on shift)", the need it misses;
    # cut down, as every planned figure, it is 0.99 (JSON 0.9999), and the assumption line
    # says the same figure ("0.99 on shift: one person 99% of the time").
    text = ON_THE_TARGET.replace("VOLUME", "56").replace("TARGET", "asa: 90s")
    path = str(plan_file(text.replace("agents: 1\n", "agents: 0.999999\n")))
    checked = invoke("check", path)
    assert checked.code == 1, checked.out
    said = " ".join(checked.out.split())
    assert "needs 1 on shift = 1 FTE" in said, said
    assert "plan has 0.999999 FTE (0.99 on shift)" in said, said
    assert "1.00 on shift" not in said and "100% of the time" not in said, said
    assert "night: 0.99 on shift: one person 99% of the time and nobody the rest" in said, said
    data = json.loads(invoke("check", path, "--format", "json").out)
    night = data["plans"][0]["metrics"]["channels"][0]
    assert (night["required_positions"], night["planned_positions"]) == (1, 0.9999), night
    report = path + ".md"
    invoke("report", path, "-o", report)
    row = next(x for x in Path(report).read_text().splitlines() if x.startswith("| night |"))
    assert "| 1 / 0.99 |" in row, row
    # Three people a hair short (2.999999 FTE: 2.999999 on shift) keep the target; the
    # assumption reads 2.99 on shift, not the "3.00" the whole headcount would be.
    path = str(plan_file(text.replace("agents: 1\n", "agents: 2.999999\n"), "three.yaml"))
    said = " ".join(invoke("check", path).out.split())
    assert "night: 2.99 on shift, chance of waiting weighted between 2 and 3 people" in said
    # A chart's planned point is labelled as the finding says it, and a float is read as the
    # decimal it prints as: 2.26 stays 2.26 (2.26 × 100 is 225.99999999999997 in floats).
    from cs_align.charts import mermaid_curve

    axis = mermaid_curve("night", [(0.999999, 0.5), (1, 0.8), (2.26, 0.9)], 0.8).splitlines()[2]
    assert axis == '    x-axis "agents on shift" [0.99, 1, 2.26]', axis
