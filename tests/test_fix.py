"""`fix`: the least-cost change set, judged by check afterwards; what is left is a person's."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cs_align.engine import CheckOptions, assess
from cs_align.findings import Report, Severity
from cs_align.fixdecisions import UNSTATED, settled_by_fix
from cs_align.fixer import FixResult, fix
from cs_align.fixpractice import unstated
from cs_align.loader import parse_plan
from cs_align.metrics import Changes, compute
from cs_align.sizing import deferred
from cs_align.strategy import builtin_ids
from tests.conftest import EXAMPLES, ROOT, Invoke, examples

MISALIGNED = sorted(EXAMPLES.glob("*-misaligned.yaml"))
ALIGNED = sorted(EXAMPLES.glob("*-aligned.yaml"))
STEP = Fraction(1, 10)
TRADE = "decide which gives"


def fixed(
    text: str, name: str = "plan.yaml", keep_budget: bool = False
) -> tuple[FixResult, Report]:
    """The fix of a plan, and check's judgement of the fixed text."""
    loaded = parse_plan(text, name, Path(name) if Path(name).exists() else None)
    result = fix(text, loaded, CheckOptions(), keep_budget)
    again = assess(parse_plan(result.text, name, loaded.path), CheckOptions())
    return result, again


def counting(report: Report) -> list[tuple[str, str]]:
    return [
        (f.rule, f.path) for f in report.findings if f.counts and f.severity >= Severity.warning
    ]


VERDICTS = ("aligned", "at-risk", "misaligned")


def assert_no_worse(result: FixResult, again: Report, keep_budget: bool = False) -> None:
    """The fixed plan, checked, has no worse a verdict than the plan as written, and (but for
    the promises and unfunded staff --keep-budget trades for the money, by contract) fails no
    rule that held to mend a lesser finding: a rule newly failing is less severe than the
    worst finding fix mended."""
    first = result.first
    assert VERDICTS.index(again.verdict) <= VERDICTS.index(first.verdict), (
        first.verdict,
        again.verdict,
        counting(again),
    )
    if keep_budget:
        return
    was = [f for f in first.findings if f.counts and f.severity >= Severity.warning]
    now = [f for f in again.findings if f.counts and f.severity >= Severity.warning]
    standing = {(f.rule, f.path) for f in now}
    mended = max((f.severity for f in was if (f.rule, f.path) not in standing), default=None)
    held = {(f.rule, f.path) for f in was}  # a rule failing elsewhere hides no new finding
    broken = [(f.rule, f.severity.name) for f in now if (f.rule, f.path) not in held]
    assert not [b for b in broken if mended is None or Severity[b[1]] >= mended], (
        broken,
        mended,
    )


def assert_aligned_or_decided(result: FixResult, again: Report) -> None:
    """check of the fixed plan is aligned, or every finding left is one `fix` names as a
    person's decision (none of the rules fix settles itself, but for a practice the plan
    does not state: fix does not invent one)."""
    left = counting(again)
    assert left == [(d.finding.rule, d.finding.path) for d in result.decisions]
    data = parse_plan(result.text, "plan.yaml").doc.data
    counted = [f for f in again.findings if f.counts and f.severity >= Severity.warning]
    # A finding fix would mend only by breaking a rule that held is left, naming the trade.
    traded = {(d.finding.rule, d.finding.path) for d in result.decisions if TRADE in d.decision}
    settled = [f for f in counted if settled_by_fix(f) and not unstated(data, f)]
    assert not [f for f in settled if (f.rule, f.path) not in traded], left
    assert all(d.decision for d in result.decisions)
    for d in result.decisions:
        if unstated(data, d.finding):
            assert d.decision == UNSTATED + d.finding.fix
            assert not [c for c in result.changes if c.path == d.finding.path], result.changes
    if not left:
        assert again.verdict == "aligned"


@pytest.mark.parametrize("example", MISALIGNED, ids=lambda p: p.stem)
def test_every_misaligned_example_is_aligned_or_left_to_a_person(example: Path) -> None:
    text = example.read_text()
    result, again = fixed(text, str(example))
    assert_aligned_or_decided(result, again)
    assert result.first.verdict == "misaligned"
    assert comments(result.text) == comments(text)


def comments(text: str) -> list[str]:
    """Every comment of a plan, from its `#` to the end of its line, in order."""
    return [line[line.index(" #") :] for line in text.splitlines() if " #" in line] + [
        line for line in text.splitlines() if line.startswith("#")
    ]


@pytest.mark.parametrize("example", ALIGNED, ids=lambda p: p.stem)
@pytest.mark.parametrize("keep_budget", [False, True])
def test_fix_on_an_aligned_plan_changes_nothing(example: Path, keep_budget: bool) -> None:
    text = example.read_text()
    result, again = fixed(text, str(example), keep_budget)
    assert result.changes == () and result.text == text and again.verdict == "aligned"


def _holds(plan, index: int, fte: Fraction) -> bool:  # type: ignore[no-untyped-def]
    """The built-in strategies' staffing rules on one channel at ``fte`` (computed on the
    whole plan): targets kept, occupancy under the ceiling, no growing backlog."""
    channel = plan.channels[index]
    m = compute(plan, Changes(agents={channel.id: fte})).channel(channel.id)
    ceiling = float(plan.staffing.max_occupancy) + 1e-12
    over = m.stable and m.occupancy is not None and m.occupancy > ceiling
    backlog = deferred(channel, m.goal) and m.workload_hours > m.planned_hours
    return not (m.misses or over or backlog)


def assert_least(result: FixResult, name: str) -> None:
    """Each channel fix staffed holds, and a tenth of an FTE less does not, but for a cut
    for no-overspend that stopped short of the least, which breaks another rule there
    (review calc29 F2), and staff moved to a raised channel: a channel with staff to spare
    gives what the raises need and no more (review calc31 F3), so it may stop above its
    least; it still holds."""
    plan = parse_plan(result.text, name).plan
    for change in result.changes:
        found = re.fullmatch(r"channels\[(.+)\]\.agents", change.path)
        if not found:
            continue
        index = next(i for i, c in enumerate(plan.channels) if c.id == found[1])
        fte = Fraction(Decimal(change.after))
        assert _holds(plan, index, fte), change
        least = fte == STEP or not _holds(plan, index, fte - STEP)
        assert least or "no-overspend" in change.why or "staff moved to" in change.why, change


@pytest.mark.parametrize("example", MISALIGNED, ids=lambda p: p.stem)
def test_no_smaller_fte_keeps_the_targets(example: Path) -> None:
    result, _ = fixed(example.read_text(), str(example))
    assert_least(result, str(example))


def test_fedex_is_staffed_exactly_and_keeps_every_comment() -> None:
    # phone: 9,000 calls a month in 60 open hours a week, 6m each: 3.45 Erlangs; patience 2m.
    # 80% in 20s with at most 8% hanging up needs 6 on shift; 5.4 on shift keep both (the
    # figures of 5 and 6 people weighted 40:60). 60 h × 52.18 / (1800 × 0.68) = 2.558 FTE a
    # position: 5.4 × 2.558 = 13.8 FTE (13.7 gives 5.36 on shift, short of 80%).
    example = EXAMPLES / "delight-fedex-misaligned.yaml"
    text = example.read_text()
    result, again = fixed(text, str(example))
    assert [(c.path, c.before, c.after) for c in result.changes] == [
        ("channels[phone].agents", "4", "13.8")
    ]
    # The 12.2 FTE on no channel pay for the phone's 9.8 more; the 2.4 still on no channel
    # (20.7 − 13.8 − 4.5) are a person's decision: real people, or a headcount to cut.
    assert again.verdict == "at-risk"
    assert [(d.finding.rule, d.finding.message) for d in result.decisions] == [
        (
            "agents-on-channels",
            "2.4 of the 20.7 FTE planned work no channel: they answer no contacts, and no "
            "staffing finding counts them",
        )
    ]
    assert comments(result.text) == comments(text)
    before, after = text.splitlines(keepends=True), result.text.splitlines(keepends=True)
    assert [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b] == [18]
    assert after[18] == "    agents: 13.8\n"


def test_practices_move_to_the_nearest_value_that_holds() -> None:
    example = EXAMPLES / "delight-funded-as-fast-food-misaligned.yaml"
    result, again = fixed(example.read_text(), str(example))
    changes = {c.path: (c.before, c.after, c.why) for c in result.changes}
    assert changes["staffing.uses_scripts"] == ("true", "false", "no-scripts")
    assert changes["staffing.rewarded_on"] == (
        "[handle_time, csat]",
        "[csat]",
        "no-throughput-rewards",
    )
    assert changes["staffing.refund_authority"][1] == "50"  # delight's floor
    assert changes["staffing.training_hours_per_agent"][1] == "80"
    assert changes["channels[phone].target.service_level"][1] == "80% in 20s"
    # Mon–Fri 08:00–18:00 closes for 62 h: delight's 90% in 4h is written in business time.
    assert changes["channels[email].target.first_response"][1] == "4 business hours"
    # Goodwill at 1% of the new total: g = 0.01 × (1,415,880 + g) → 14,301.82 (to the cent, up).
    assert changes["budget.lines.goodwill"][1] == "14301.82"
    assert changes["budget.total"][1] == "1430181.82"
    assert again.verdict == "aligned"


def test_an_over_staffed_fast_food_plan_is_cut_to_its_least() -> None:
    example = EXAMPLES / "fast-food-misaligned.yaml"
    result, again = fixed(example.read_text(), str(example))
    changes = {c.path: c for c in result.changes}
    assert Decimal(changes["staffing.agents"].after) < Decimal(changes["staffing.agents"].before)
    # The people line follows the staff: 17.7 FTE × 62,000 = 1,097,400 for the year.
    staff = Decimal(changes["staffing.agents"].after)
    assert Decimal(changes["budget.lines.people"].after) == staff * 62000
    assert (
        changes["budget.lines.people"].cost
        == Decimal(changes["budget.lines.people"].after) - 1283400
    )
    assert again.verdict == "aligned"
    assert_least(result, str(example))


COST_RACE_OVERSTAFFED = """version: 1
organisation: Over Race Co
strategy: cost-race
promise: "We answer 80% of calls within 20 seconds."
channels:
  - id: phone
    kind: voice
    hours: Mon-Fri 08:00-20:00
    volume: 12000/month
    handle_time: 5m
    target: {service_level: "80% in 20s"}
    agents: 19.2
staffing: {agents: 19.2, shrinkage: 30%, paid_hours_per_fte: 1800/year,
  loaded_cost_per_fte: 50000}
history: {cost_per_contact: 6.50}
budget: {total: 960000, lines: {people: 960000}}
"""


def test_a_cut_that_would_break_the_cost_race_pace_stops_short_of_the_least() -> None:
    # 144,000 contacts a year; cost per contact = F × 50,000 ÷ 144,000. The race cuts 2% to
    # 15% from 6.50: 5.525 to 6.37 USD, F from 15.912 to 18.345 FTE. The least that keeps
    # 80% in 20 s is 15.2 (5.28 USD, an 18.8% cut: too fast). Stepping back toward the 19.2
    # planned a twentieth of the way at a time (0.2 FTE): 15.4, 15.6, 15.8 still cut too
    # fast; 16.0 costs 5.56 USD, a 14.5% cut, and every rule holds (review calc29 F2: fix
    # wrote 15.2 and left the pace it broke to a person).
    result, again = fixed(COST_RACE_OVERSTAFFED)
    changes = {c.path: c.after for c in result.changes}
    assert changes["channels[phone].agents"] == "16" and changes["staffing.agents"] == "16"
    assert changes["budget.lines.people"] == "800000"
    assert again.verdict == "aligned" and result.decisions == ()


@pytest.mark.parametrize("phone", ["40.0", "80.0"])
def test_the_cut_a_pace_allows_does_not_depend_on_how_over_staffed_the_plan_was(
    phone: str,
) -> None:
    """The cost-race example's phone over-staffed to 40 or 80 FTE: the least staff that keep
    the targets (17.7 FTE in all) cut the cost per contact 20.1% from last period's 11.16
    USD, past the 15% pace (9.49 USD at least); the least whose cut the pace allows is 19
    FTE, whichever plan it is cut from (review attack30 F02: twentieths of each cut gave 19.2
    from 40 and left the pace to a person from 80)."""
    text = (EXAMPLES / "cost-race-aligned.yaml").read_text(encoding="utf-8")
    people = int((Decimal(phone) + Decimal("4.5")) * 62000)
    text = text.replace("agents: 16.2", f"agents: {phone}")
    text = text.replace("agents: 20.7", f"agents: {Decimal(phone) + Decimal('4.5')}")
    text = text.replace("total: 1415880", f"total: {people + 49680 + 82800}")
    text = text.replace("people: 1283400", f"people: {people}")
    result, again = fixed(text)
    changes = {c.path: c.after for c in result.changes}
    assert changes["staffing.agents"] == "19" and again.verdict == "aligned"
    assert result.decisions == ()


POOLED_RACES = {
    # An inbox planned at 0 beside a pooled chat: the pace's step back toward the plan took
    # it below its least, where its backlog grew again.
    "inbox-below-its-least": """\
version: 1
organisation: Generated Co
period: {start: 2027-01-01, end: 2027-12-31}
strategy: cost-race
promise: "People answer quickly and can put things right."
channels:
  - id: chat-0
    kind: chat
    hours: Mon-Fri 08:00-20:00
    volume: {contacts: 50, per: month}
    handle_time: 60s
    target: {service_level: "80% in 60s"}
    concurrency: 1
  - id: email-1
    kind: email
    hours: 24x7
    volume: {contacts: 2151, per: month}
    handle_time: 504s
    target: {first_response: 1 business day}
    agents: 0.0
staffing:
  agents: 2.2
  shrinkage: 15%
  max_occupancy: 86%
  loaded_cost_per_fte: 45000
budget:
  total: 0
  lines: {people: 0, training: 0, goodwill: 0}
history: {cost_per_contact: 8}
""",
    # Nothing planned at all: no step to take back (a division by zero).
    "nothing-planned": """\
version: 1
organisation: Generated Co
period: {start: 2027-01-01, end: 2027-12-31}
strategy: cost-race
promise: "People answer quickly and can put things right."
channels:
  - id: email-0
    kind: email
    hours: 24x7
    volume: {contacts: 295, per: month}
    handle_time: 60s
    target: {first_response: 24h}
staffing:
  agents: 0.0
  shrinkage: 15%
  max_occupancy: 75%
  loaded_cost_per_fte: 30000
budget:
  total: 0
  lines: {people: 0, training: 0, goodwill: 0}
history: {cost_per_contact: 1}
""",
}
"""Cost races hypothesis found where stepping a cut back for the pace went wrong."""


@pytest.mark.parametrize("name", POOLED_RACES)
def test_a_cost_race_cut_stepped_back_keeps_every_channel_at_its_least(name: str) -> None:
    result, again = fixed(POOLED_RACES[name])
    assert_aligned_or_decided(result, again)
    assert_least(result, "plan.yaml")


RACE_AT_THE_CEILING = """\
version: 1
organisation: Mega Telco
currency: USD
period: {start: 2027-01-01, end: 2027-12-31}
strategy: cost-race
promise: "Calls are answered within 30 seconds, at the lowest cost in the market."
channels:
  - id: phone
    kind: voice
    hours: 24x7
    volume: {contacts: 500, per: hour}
    handle_time: 4m
    target: {service_level: "80% in 30s"}
    agents: 275
  - id: help-centre
    kind: self-service
    containment: 60%
    outage_updates: true
staffing:
  agents: 275
  shrinkage: 32%
  max_occupancy: 85%
  paid_hours_per_fte: 1800/year
  loaded_cost_per_fte: 40000
  training_hours_per_agent: 40
  uses_scripts: true
  rewarded_on: [handle_time]
  refund_authority: 20
  escalation_to_engineering: true
  leadership_service_hours_per_month: 0
  annual_attrition: 20%
  product_people_in_conversation: false
budget:
  total: 11100000
  lines: {people: 11000000, training: 100000, tooling: 0, goodwill: 0}
history:
  cost_per_contact: 2.60
"""


def test_fix_does_not_buy_a_ceiling_that_breaks_the_cost_race_pace(
    invoke: Invoke, tmp_path: Path
) -> None:
    # 500 calls an hour × 4 m around the clock: 80% in 30s needs 270.9 FTE, the 85% ceiling
    # 280.9; the plan's 275 keep the target and run at 86.8% (occupancy-cap, a warning: at-risk).
    # Its cost per contact: 11,100,000 USD / (500 × 8,766 h = 4,383,000 calls) = 2.5325 USD,
    # a 2.6% cut from 2.60, where the race needs 2%. The ceiling's 5.9 FTE × 40,000 USD =
    # 236,000 USD a year make it 11,336,000 / 4,383,000 = 2.5864 USD, a 0.5% cut: cost-pace,
    # an error, would fail (review calc53 W3: fix bought them, "verdict at-risk → misaligned",
    # exit 1). Now nothing is written and the ceiling is left to a person, naming the trade.
    result, again = fixed(RACE_AT_THE_CEILING)
    assert result.changes == ()
    assert again.verdict == result.first.verdict == "at-risk"
    (left,) = result.decisions
    assert left.finding.rule == "occupancy-cap"
    assert left.decision.startswith(
        "buying the 5.9 FTE it needs (+236,000 USD a year) would break cost-pace (cost per "
        "contact moves from 2.60 USD to 2.59 USD, a 0.5% cut; the race needs a cut of at least "
        "2%): decide which gives (plan 280.9 FTE for phone (+5.9), or raise "
    )
    assert_no_worse(result, again)
    plan = tmp_path / "race.yaml"
    plan.write_text(RACE_AT_THE_CEILING, encoding="utf-8")
    said = invoke("fix", str(plan))
    assert said.code == 0, said.out
    assert "stays at-risk" in said.out and "misaligned" not in said.out


def test_a_raise_that_breaks_nothing_is_made_beside_one_withheld() -> None:
    # The race above with an email inbox planned at 0.5 FTE, where 4 business hours need 2.8
    # and its 85% ceiling 3.1 (deferred-backlog and staffing-meets-targets, errors). Raising
    # the email alone, 0.5 → 3.1 (+2.6 FTE × 40,000 = 104,000 USD a year), puts 278.1 FTE ×
    # 40,000 = 11,124,000 USD on the people line: 11,224,000 USD / (4,383,000 calls + 2,000 ×
    # 12 = 24,000 emails) = 2.5469 USD, a 2.04% cut from 2.60, which the race allows. The
    # phone's 5.9 on top would make it 11,460,000 / 4,407,000 = 2.6004 USD, a rise: fix
    # raises the email and leaves the phone's ceiling to a person (before, it bought both:
    # cost-pace failed and the plan stayed misaligned).
    text = RACE_AT_THE_CEILING.replace(
        "  - id: help-centre",
        "  - id: email\n    kind: email\n    hours: Mon-Fri 08:00-18:00\n"
        "    volume: {contacts: 2000, per: month}\n    handle_time: 8m\n"
        "    target: {first_response: 4 business hours}\n    agents: 0.5\n"
        "  - id: help-centre",
    ).replace("  agents: 275\n  shrinkage", "  agents: 275.5\n  shrinkage")
    result, again = fixed(text)
    changes = {c.path: c.after for c in result.changes}
    assert changes == {
        "channels[email].agents": "3.1",
        "staffing.agents": "278.1",
        "budget.lines.people": "11124000",
        "budget.total": "11224000",
    }
    assert (result.first.verdict, again.verdict) == ("misaligned", "at-risk")
    (left,) = result.decisions
    assert left.finding.rule == "occupancy-cap" and left.finding.path == "channels[phone]"
    assert left.decision.startswith(
        "buying the 5.9 FTE it needs (+236,000 USD a year) would break cost-pace"
    )
    assert_no_worse(result, again)
    assert_aligned_or_decided(result, again)


def test_keep_budget_turns_the_promise_into_the_plan() -> None:
    # The delight plan's people line pays for 20.7 FTE. Cut it to 930,000 / 62,000 = 15 FTE.
    # Each channel first gets its work at full stretch, to a tenth and one more:
    #   phone 9,000 calls a month × 6m = 206.96 h a week → 206.96 × 52.18 / 1224 = 8.82
    #         → 8.9 FTE;  email 2,500 × 8m = 76.65 h → 3.27 → 3.3 FTE.
    # Then the targets, the smallest raise first: the email's 4 hours are kept from 3.5 FTE
    # (3.4 miss: `check` of the fixed plan with 3.4 says so), the phone's 80% in 20s and 8%
    # need 16.2, more than the 15 − 3.5 = 11.5 left, which all go to the phone: none to the
    # email's 85% ceiling (3.9 FTE), a limit and not a promise (review calc44 K03: the
    # ceiling was paid first, 11 + 4, and the phone's promise written from 11 FTE, not 11.5).
    # The phone's targets become what 11.5 FTE keep; the money stays as it is.
    text = (EXAMPLES / "delight-aligned.yaml").read_text()
    text = text.replace("people: 1283400", "people: 930000").replace(
        "total: 1540241", "total: 1186841"
    )
    result, again = fixed(text, "plan.yaml", keep_budget=True)
    changes = {c.path: c.after for c in result.changes}
    assert changes["staffing.agents"] == "15"
    assert changes["channels[phone].agents"] == "11.5"
    assert changes["channels[email].agents"] == "3.5"
    kept = changes["channels[phone].target.service_level"]
    assert kept == "80% in 1m6s" and not any(p.startswith("budget") for p in changes)
    assert not [f for f in again.findings if f.rule == "staffing-meets-targets"]
    # What is left is the strategy's floor the money cannot keep, and the email's ceiling
    # (93.4% busy: 76.65 h of work on 3.5 × 1224 ÷ 52.18 = 82.1 h): a person's decisions.
    assert [d.finding.rule for d in result.decisions] == ["answer-speed", "occupancy-cap"]
    assert "fund the staff the floor needs" in result.decisions[0].decision


def test_keep_budget_writes_the_tightest_target_the_staff_keep_over_intervals(
    invoke: Invoke, tmp_path: Path
) -> None:
    # Review calc44 (p03): 17 FTE over eight hourly intervals (60 to 120 calls, 6 minutes
    # each) miss 80% in 20s. Scheduled for that target they answer 80% within a little over
    # five minutes, and `fix --keep-budget` wrote "80% in 6m" (the minute above); scheduled
    # for the looser target the same staff answer 80% within 4m44s, as `promise` then said
    # of the fixed plan. A target loosened is written again as tight as the staff then keep
    # it, and kept: the fixed plan's promise is the target written.
    plan = ROOT / "tests" / "data" / "plans" / "intraday-retarget-gbp.yaml"
    result, again = fixed(plan.read_text(encoding="utf-8"), "plan.yaml", keep_budget=True)
    changes = {c.path: c.after for c in result.changes}
    assert changes == {"channels[phone].target.service_level": "80% in 4m44s"}
    assert not [f for f in again.findings if f.rule == "staffing-meets-targets"]
    fixed_plan = tmp_path / "fixed.yaml"
    fixed_plan.write_text(result.text, encoding="utf-8")
    said = invoke("promise", str(fixed_plan)).out
    assert said.startswith("phone: can keep 80% in 4m44s; declared 80% in 4m44s is kept"), said


def test_keep_budget_tightens_a_target_beside_a_channel_left_to_a_person(
    invoke: Invoke, tmp_path: Path
) -> None:
    # The same phone line beside a chat line whose 0.5 FTE cannot keep up (a person's
    # decision, left missed). The people line pays for 816,000 / 48,000 = 17.0 FTE; keeping
    # up needs phone 15.7 and chat 11.1, keeping the targets 20.2 and 16.0: the phone's raise
    # (4.5) is the smaller, and 20.2 fit in the 26.7 short of keeping both up, so the phone
    # is poured first (`keepbudget._whole_first`) and keeps the plan's 17 FTE, the chat none
    # (calc58: it was cut alike, 16.5 + 0.5, and more money, short of keeping both up, gave
    # the phone fewer). On 17 FTE placed for its loosened target the phone keeps 80% in 4m44s,
    # written so; a target tightened was taken back whenever any channel missed, the chat's
    # own miss included.
    # The chat asks 99% in 5s here: its targets then need more than the phone's 20.2, and
    # the phone, needing fewer, is kept whole first (`keepbudget._whole_first`, planner60:
    # the fewest FTE first; at 80% in 30s the chat's 16.0 now come first, the phone 1.0).
    plan = ROOT / "tests" / "data" / "plans" / "intraday-retarget-beside-unkept.yaml"
    text = plan.read_text(encoding="utf-8").replace('"80% in 30s"', '"99% in 5s"')
    result, again = fixed(text, "plan.yaml", keep_budget=True)
    changes = {c.path: c.after for c in result.changes}
    assert changes["channels[phone].target.service_level"] == "80% in 4m44s"
    assert "channels[phone].agents" not in changes
    assert changes["channels[chat].agents"] == "0"
    assert "staffing-meets-targets" in {d.finding.rule for d in result.decisions}  # chat
    kept = [f.path for f in again.findings if f.rule == "staffing-meets-targets"]
    assert kept and all(p.startswith("channels[chat]") for p in kept), kept  # the phone keeps
    fixed_plan = tmp_path / "fixed.yaml"
    fixed_plan.write_text(result.text, encoding="utf-8")
    said = invoke("promise", str(fixed_plan)).out
    assert said.startswith("phone: can keep 80% in 4m44s; declared 80% in 4m44s is kept"), said


def test_keep_budget_cuts_no_staff_the_money_already_pays_for() -> None:
    # Review calc16: 54.969 FTE × 41,000 USD = 2,253,729 USD, the people line exactly; 87.5%
    # in 20 s needs 59.1. Only the target may change: the money pays for 54.969 FTE, and
    # cutting them to 54.9 (the tenth `fix` writes) made the promise 49 s, not 48 s.
    from tests.test_shown_figures import near_miss

    text = near_miss().replace('"80/20"', '"87.5% in 20s"')
    result, again = fixed(text, "plan.yaml", keep_budget=True)
    assert [c.path for c in result.changes] == ["channels[phone].target.service_level"]
    assert result.changes[0].after == "87.5% in 48s"
    assert not [f for f in again.findings if f.rule.startswith(("staffing", "people", "budget"))]


def test_keep_budget_moves_staff_the_money_pays_for_before_loosening_a_promise() -> None:
    # Review calc39 F2 (calc31 F3's --keep-budget half): half a year in KWD; the people line
    # pays for 370,000 / (14,321.987 × ½) = 51.669 → 51.6 FTE. Each channel is cut to its
    # floor and a share of the rest, every tenth paid for on a channel (review calc42 F10).
    # The floors are what keeps each channel's targets before its occupancy ceiling (review
    # calc44 K03): chat at the strategy's floor, 80% in 20 s, needs 15.0 FTE (14.9 keep
    # 79.8%), the phone keeps its targets on 23.8, the email its 4 business hours on 2.9 and
    # its ceiling on 3.3: 23.8 + 15.0 + 3.3 = 42.1, and the 9.5 left are shared as the plan
    # shared its staff above them (30.5 − 23.8 and 8.1 − 3.3; chat has none above 15):
    # phone 23.8 + 9.5 × 6.7/11.5 = 29.335, email 3.3 + 9.5 × 4.8/11.5 = 7.265, to tenths
    # 29.3 + 15 + 7.2 = 51.5 and the tenth left to the larger remainder, email's: 7.3. No
    # promise is left slower than the floor ("the money keeps only a slower promise" was said
    # of money that kept it), and no staff need moving (the ceiling floors first gave chat
    # 13.9, and 1.1 FTE were then moved to it from the phone).
    result, again = fixed(KUWAIT, "plan.yaml", keep_budget=True)
    changes = {c.path: c.after for c in result.changes}
    assert changes["staffing.agents"] == "51.6"
    assert changes["channels[phone].agents"] == "29.3"
    assert changes["channels[chat].agents"] == "15"
    assert changes["channels[email].agents"] == "7.3"
    assert changes["channels[chat].target.service_level"] == "80% in 20s"
    assert result.decisions == ()
    assert again.verdict == "aligned", counting(again)


KUWAIT = """\
version: 1
organisation: Kuwait Retail
currency: KWD
period: {start: 2027-04-01, end: 2027-09-30}
strategy: delight
promise: "A trained person answers 80% of calls within 20 seconds, chats within a minute."
channels:
  - id: phone
    kind: voice
    hours: ["Sun-Thu 08:00-20:00", "Sat 10:00-14:00"]
    volume: {contacts: 240000, per: year}
    handle_time: 4m45s
    target: {service_level: "80% in 20s", abandonment_max: 5%}
    patience: 100s
    peak_factor: 1.25
    agents: 30.5
  - id: chat
    kind: chat
    hours: 24x7
    volume: {contacts: 400, per: day}
    handle_time: 9m
    concurrency: 2
    target: {service_level: "80% in 60s"}
    agents: 14.2
  - id: email
    kind: email
    hours: Sun-Thu 08:00-17:00
    volume: {contacts: 3000, per: month}
    handle_time: 6m30s
    target: {first_response: 8 business hours}
    agents: 8.1
  - id: help
    kind: self-service
    containment: 40%
    outage_updates: true
staffing:
  agents: 52.8
  shrinkage: 33%
  max_occupancy: 85%
  paid_hours_per_fte: 2080/year
  loaded_cost_per_fte: 14321.987
  training_hours_per_agent: 120
  uses_scripts: false
  rewarded_on: [csat, first_contact_resolution]
  refund_authority: 50
  escalation_to_engineering: true
  leadership_service_hours_per_month: 4
  annual_attrition: 25%
  product_people_in_conversation: false
budget:
  total: 420000.5
  lines: {people: 370000, training: 30000, goodwill: 20000.5}
exchange_rates: {USD: 0.307}  # delight's refund floor, 50 USD, is 15.35 KWD
"""


# ---- generated plans -----------------------------------------------------------------------

TARGETS = {
    "voice": ['service_level: "80% in 20s"', 'service_level: "50% in 10m"', "asa: 30s"],
    "chat": ['service_level: "80% in 60s"', 'service_level: "90% in 30s"'],
    "email": ["first_response: 24h", "first_response: 4h", "first_response: 1 business day"],
    "social": ["first_response: 2h", "first_response: 8 business hours"],
}
HOURS = ["24x7", "Mon-Fri 08:00-20:00", "Mon-Sat 09:00-17:30"]
NOTES = st.sampled_from(["", "", "  # from the forecast", " # agreed with finance: 2027-Q1"])
"""A comment at a line's end, or none: what fix edits keeps every comment of a plan."""


@st.composite
def channel(draw: st.DrawFn, index: int) -> str:
    kind = draw(st.sampled_from(sorted(TARGETS)))
    lines = [
        f"  - id: {kind}-{index}",
        f"    kind: {kind}",
        f"    hours: {draw(st.sampled_from(HOURS))}",
        f"    volume: {{contacts: {draw(st.integers(50, 30_000))}, per: month}}",
        f"    handle_time: {draw(st.integers(60, 900))}s",
        f"    target: {{{draw(st.sampled_from(TARGETS[kind]))}}}",
    ]
    if kind == "voice" and draw(st.booleans()):
        lines.append(f"    patience: {draw(st.integers(40, 400))}s")
    if kind == "chat":
        lines.append(f"    concurrency: {draw(st.integers(1, 4))}")
    if draw(st.integers(0, 3)):  # most channels state their staff; some share the pool
        lines.append(f"    agents: {draw(st.integers(0, 300)) / 10}")
    return "".join(line + draw(NOTES) + "\n" for line in lines)


@st.composite
def plans(draw: st.DrawFn, strategy: str) -> str:
    channels = "".join(draw(channel(i)) for i in range(draw(st.integers(1, 3))))
    if draw(st.booleans()):
        channels += "  - {id: help, kind: self-service, containment: 40%, outage_updates: true}\n"
    practices = "".join(
        f"  {name}: {draw(values)}{draw(NOTES)}\n"
        for name, values in (
            ("training_hours_per_agent", st.integers(0, 160)),
            ("uses_scripts", st.sampled_from(["true", "false"])),
            (
                "rewarded_on",
                st.sampled_from(["[csat]", "[handle_time, csat]", "[contacts_per_hour]"]),
            ),
            ("refund_authority", st.integers(0, 400)),
            ("escalation_to_engineering", st.sampled_from(["true", "false"])),
            ("leadership_service_hours_per_month", st.integers(0, 6)),
            ("product_people_in_conversation", st.sampled_from(["true", "false"])),
        )
        if draw(st.integers(0, 5))  # now and then a plan leaves a practice out
    )
    people = draw(st.integers(0, 3_000_000))
    lines = {"people": people, "training": draw(st.integers(0, 90_000)), "goodwill": 0}
    total = sum(lines.values()) + draw(st.sampled_from([0, 0, 1000]))
    return f"""version: 1
organisation: Generated Co
period: {{start: 2027-01-01, end: 2027-12-31}}
strategy: {strategy}
promise: "People answer quickly and can put things right."
channels:
{channels}staffing:
  agents: {draw(st.integers(0, 600)) / 10}{draw(NOTES)}
  shrinkage: {draw(st.integers(15, 40))}%
  max_occupancy: {draw(st.integers(75, 92))}%
  loaded_cost_per_fte: {draw(st.integers(30, 90)) * 1000}
{practices}budget:
  total: {total}{draw(NOTES)}
  lines: {{people: {lines["people"]}, training: {lines["training"]}, goodwill: 0}}{draw(NOTES)}
history: {{cost_per_contact: {draw(st.integers(1, 40))}}}
"""


GENERATED = settings(
    max_examples=examples(20),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
"""Generated plans for each of the ten built-in strategies, 20 in the suite (200 a run, new ones
each run; 500 a run, all passing, took a fifth of the suite's time) and 200 in the `search`
profile: every one of them misaligned, so each is a real fix, and each also checked to keep
its comments."""


@pytest.mark.parametrize("strategy", builtin_ids())
def test_generated_plans_are_aligned_or_left_to_a_person(strategy: str) -> None:
    @GENERATED
    @given(plans(strategy))
    def check(text: str) -> None:
        result, again = fixed(text)
        assert_aligned_or_decided(result, again)
        assert_no_worse(result, again)
        assert_least(result, "plan.yaml")
        assert comments(result.text) == comments(text)
        if result.changes:  # fixing a fixed plan changes nothing more
            second = fix(result.text, parse_plan(result.text, "plan.yaml"), CheckOptions(), False)
            assert not [c for c in second.changes if c.path.endswith(".agents")], second.changes

    check()


@st.composite
def near_the_ceiling(draw: st.DrawFn) -> str:
    """A plan whose staff keep their target a little below the occupancy ceiling's need and
    whose cost per contact cuts near a cost race's pace: what a raise for the ceiling may
    break (review calc53 W3); a cost race most often, any strategy now and then."""
    calls = draw(st.integers(20, 400))
    # The ceiling's need: calls × 4 m / 60 = calls/15 Erlangs at 85% on shift, and 8,766 h /
    # 1,800 paid h / (1 − 32%) = 7.162 FTE for each one on shift round the clock.
    need = Decimal(calls) / 15 / Decimal("0.85") * Decimal("7.162")
    agents = (need * Decimal(draw(st.integers(90, 101))) / 100).quantize(Decimal("0.1"))
    people = int(agents * 40000)
    # Last period's cost per contact: this one's, a cut of 1% to 6% from it.
    cut = Decimal(draw(st.integers(10, 60))) / 1000
    history = Decimal(people) / (calls * 8766) / (1 - cut)
    strategy = draw(st.sampled_from(["cost-race"] * 10 + builtin_ids()))
    return f"""version: 1
organisation: Generated Co
period: {{start: 2027-01-01, end: 2027-12-31}}
strategy: {strategy}
promise: "Calls are answered quickly."
channels:
  - id: phone
    kind: voice
    hours: 24x7
    volume: {{contacts: {calls}, per: hour}}
    handle_time: 4m
    target: {{{draw(st.sampled_from(TARGETS["voice"]))}}}
    agents: {agents}
staffing:
  agents: {agents}
  shrinkage: 32%
  max_occupancy: 85%
  paid_hours_per_fte: 1800/year
  loaded_cost_per_fte: 40000
budget:
  total: {people}
  lines: {{people: {people}}}
history: {{cost_per_contact: {history.quantize(Decimal("0.0001"))}}}
"""


@settings(max_examples=examples(15), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(near_the_ceiling(), st.booleans())
def test_fix_never_leaves_a_plan_worse_than_it_found_it(text: str, keep_budget: bool) -> None:
    result, again = fixed(text, keep_budget=keep_budget)
    assert_no_worse(result, again, keep_budget)
    if not keep_budget:
        assert_aligned_or_decided(result, again)


def test_a_plan_without_a_budget_is_left_to_a_person_to_state_it() -> None:
    # fix does not invent money: with no budget the budget rules cannot be checked, and the
    # decision is to state it (the finding's own fix says what to add).
    text = (EXAMPLES / "delight-aligned.yaml").read_text()
    start = text.index("\nbudget:")
    result, again = fixed(text[:start] + "\n", "plan.yaml")
    assert not [c for c in result.changes if c.path.startswith("budget")]
    (funds,) = [d for d in result.decisions if d.finding.rule == "budget-funds-targets"]
    assert funds.decision == (
        "state the figure the plan leaves out (fix does not invent one): add "
        "`budget: {total: …, lines: {people: …}}` for the plan's period"
    )
    assert again.verdict == "misaligned"


CHATTY = """\
version: 1
organisation: Chatty Ltd
currency: EUR
strategy: fast-food
promise: "Chats are answered within a minute, around the clock."
channels:
  - {id: chat-a, kind: chat, hours: 24x7, volume: 80000/month, handle_time: 8m,
     concurrency: 2, target: {service_level: "80% in 60s"}, agents: 61.4}
staffing: {agents: 61.4, shrinkage: 35%, max_occupancy: 75%, paid_hours_per_fte: 40/week,
           loaded_cost_per_fte: 48000}
budget: {total: 6000000, lines: {people: 6000000}}
"""
ADVICE = re.compile(r"^plan (?:at least )?(?P<fte>[0-9][0-9,.]*) FTE for (?P<channel>\S+) ")
SIZED_BY_CHECK = ("staffing-meets-targets", "occupancy-cap", "deferred-backlog")


@pytest.mark.parametrize(
    "text",
    [CHATTY, *(p.read_text() for p in sorted(EXAMPLES.glob("*misaligned.yaml")))],
    ids=["chatty", *(p.stem for p in sorted(EXAMPLES.glob("*misaligned.yaml")))],
)
def test_the_fte_check_advises_clears_its_finding_and_is_what_fix_writes(text: str) -> None:
    # Chatty's chat: 80,000 chats a month × 8 min over 730.5 h = 14.6 Erlangs at two chats
    # each: 75% occupancy needs 14.6/(2 × 0.75) = 9.735 on shift = 62.9 FTE, shown as the 63
    # that holds it (62.9 is 75.0004%); 10 whole people (64.6 FTE) would overstate it.
    import yaml

    report = assess(parse_plan(text, "plan.yaml"), CheckOptions())
    advised = {}
    for f in report.findings:
        found = ADVICE.match(f.fix or "")
        if f.rule in SIZED_BY_CHECK and found:
            fte = Decimal(found["fte"].replace(",", ""))
            advised[found["channel"]] = max(fte, advised.get(found["channel"], fte))
    if "Chatty" in text:
        assert advised == {"chat-a": Decimal(63)}
    for channel, fte in advised.items():
        data = yaml.safe_load(text)
        (c,) = [c for c in data["channels"] if c["id"] == channel]
        was = Decimal(str(c.get("agents") or 0))  # none: its share of the rest stays theirs
        data["staffing"]["agents"] = float(
            Decimal(str(data["staffing"].get("agents") or 0)) + fte - was
        )
        c["agents"] = float(fte)
        again = assess(parse_plan(yaml.safe_dump(data), "plan.yaml"), CheckOptions())
        left = [
            f.rule
            for f in again.findings
            if f.rule in SIZED_BY_CHECK and f.path.startswith(f"channels[{channel}]")
        ]
        assert not left, (channel, fte, left)
    result = fix(text, parse_plan(text, "plan.yaml"), CheckOptions(), False)
    if "Chatty" in text:
        assert next((c.path, c.after) for c in result.changes if c.path.endswith(".agents")) == (
            "channels[chat-a].agents",
            "63",
        )


@pytest.mark.parametrize(
    ("rule", "option", "value", "said"),
    [
        ("training-hours", "min_hours", "9000", "more than the hours of a year"),
        ("leadership-in-service", "min_hours_per_month", "1000", "more than the hours of a month"),
        ("reps-can-fix", "min_refund_authority", "20000000000000", "more than any plan may"),
        ("goodwill-budget", "min_share", "150%", "more than a budget can give a line it is part"),
        # Review input31 F18: shares past 100% were accepted. A bare 5 is now refused as a
        # share written without its percent sign (tests/test_strategy_options.py).
        ("human-line-limited", "max_human_fte_share", "500%", "more than every FTE the plan"),
        ("cost-pace", "max_cut", "200%", "more than the whole cost per contact"),
    ],
)
def test_a_strategy_floor_no_plan_may_state_is_refused_at_its_line(
    tmp_path: Path, rule: str, option: str, value: str, said: str
) -> None:
    # Review user26 U3: 2,000 training hours a year, 1,000 leadership hours a month, a 10^15
    # refund authority or a 150% goodwill share were accepted; check then advised what no
    # plan may state, and fix exited 2 blaming the plan.
    from cs_align.errors import StrategyError
    from cs_align.strategy import load_strategy

    path = tmp_path / "ours.yaml"
    path.write_text(
        f"id: ours\nname: Ours\nextends: delight\nrules:\n  - {{rule: {rule}, {option}: {value}}}\n"
    )
    with pytest.raises(StrategyError) as refused:
        load_strategy(path)
    (problem,) = refused.value.problems
    # At the option, as the file writes it (review user61: at the entry's first column, and
    # a share written 150% told as 1.5).
    assert (problem.line, problem.column) == (5, 6 + len(f"rule: {rule}, {option}: "))
    number = value if value.endswith("%") else f"{int(value):,}"
    assert problem.message.startswith(f"{rule}: {option} {number} is {said}")
    assert problem.fix.startswith(f"write a {option} of at most ")


def test_fix_leaves_a_training_floor_past_the_paid_hours_to_a_person(
    tmp_path: Path, invoke: Invoke
) -> None:
    plan = tmp_path / "plan.yaml"
    text = (EXAMPLES / "delight-aligned.yaml").read_text(encoding="utf-8")
    plan.write_text(text.replace("strategy: delight", "strategy: ours.yaml"))
    (tmp_path / "ours.yaml").write_text(
        "id: ours\nname: Ours\nextends: delight\nrules:\n"
        "  - {rule: training-hours, min_hours: 2000}\n"
    )
    result = invoke("fix", str(plan))
    assert result.code == 0, result.err  # it wrote 2,000, and the fixed plan was unusable
    assert "left to a person (1):" in result.out
    assert "training-hours staffing.training_hours_per_agent" in result.out


def test_fix_leaves_an_unfunded_training_line_to_a_person() -> None:
    # Review attack39 F9: genius asks for the money as well as the hours; fix writes hours,
    # never an amount (its training handler once wrote the hours floor wherever the
    # training-hours finding pointed, a 120 USD line here).
    text = (EXAMPLES / "genius-aligned.yaml").read_text(encoding="utf-8")
    # 1,757,927 − 220,800 = 1,537,127: the lines still add up.
    text = text.replace("total: 1757927", "total: 1537127").replace(
        "training: 220800", "training: 0"
    )
    result, again = fixed(text)
    assert not [c for c in result.changes if c.path.startswith("budget")], result.changes
    (left,) = [d for d in result.decisions if d.finding.rule == "training-hours"]
    assert left.finding.path == "budget.lines.training"
    assert left.decision.startswith("decide what the training costs and fund")
    assert_aligned_or_decided(result, again)


def test_a_concurrency_cut_says_the_handle_time_was_measured_at_the_old_one() -> None:
    # Review calc41 F6: 5 chats at once cut to the strategy's most, 3 (delight), with the
    # handle time kept as measured at 5: the staff bought are sized on that assumption,
    # which the change now states for the person who re-measures it.
    text = (EXAMPLES / "delight-aligned.yaml").read_text()
    chat = (
        "  - {id: chat, kind: chat, hours: 24x7, volume: 3000/month, handle_time: 12m, "
        'concurrency: 5, target: {service_level: "80% in 60s"}, agents: 6}\n'
    )
    text = text.replace("  - id: email\n", chat + "  - id: email\n", 1)
    result, _ = fixed(text.replace("agents: 20.7", "agents: 26.7"))
    (change,) = [c for c in result.changes if c.path == "channels[chat].concurrency"]
    assert (change.before, change.after) == ("5", "3")
    assert change.why == (
        "chat-concurrency: the handle time is as measured at 5 at once; re-measure it at 3"
    )


def test_keep_budget_moves_staff_to_hold_an_occupancy_ceiling_too() -> None:
    # Review calc42 F4: the phone's 09:00 half hour (600 calls × 5 min = 100 Erlangs) needs
    # 100 ÷ 0.85 = 117.65 on shift to hold 85%; every interval held, 12.65 → 12.7 FTE
    # against 11.8 planned. The e-mail keeps 10 business minutes on 2.1 of its 3: the same
    # 14.8 FTE the people line pays for (740,000 ÷ 50,000) hold both, as plain fix finds.
    # --keep-budget said the money did not pay for them.
    text = (ROOT / "tests" / "data" / "plans" / "peak-ceiling-two-lines.yaml").read_text()
    result, again = fixed(text, keep_budget=True)
    changes = {c.path: c.after for c in result.changes}
    assert changes == {"channels[phone].agents": "12.7", "channels[email].agents": "2.1"}
    assert again.verdict == "aligned", counting(again)


def test_keep_budget_keeps_every_interval_up_and_every_paid_fte_on_a_channel() -> None:
    # Review calc42 F10: the people line pays for 600,000 ÷ 50,000 = 12.0 FTE of the 14.8.
    # At the 85% ceiling the phone needs 12.7 (every interval held) and the e-mail 0.9: 13.6,
    # more than 12, so each channel keeps up at full stretch. The week's work alone put the
    # phone at 280 h ÷ 28 productive h = 10.0 → 10.1; but its 09:00 half hour is 600 × 5 min
    # ÷ 30 min = 100 Erlangs, and a schedule that follows the forecast gives 09:00
    # 108 ÷ 330 of the phone's position-hours (targets 6 × 4 + 108 = 132 positions × 2.5 h):
    # 108 × 28 f ÷ 330 > 100 from f = 10.91, so 11.0 (10.5 put 96.22 on shift there, a queue
    # that never clears). The e-mail: 200 × 6 min = 20 h ÷ 28 = 0.714 → 0.8. Keeping both up
    # takes 11.8 of the 12.0, so every line is kept up first (the lead's rule, recalc60);
    # the 0.2 left go to the targets, the smallest raise first, whole before the next: the
    # phone's targets need 11.8 (a raise of 0.8), the e-mail's 1.9 (1.1), so the phone takes
    # both tenths: 11.2 + 0.8 = the 12.0 paid for, none on no channel. (planner60 had the
    # e-mail kept whole first, 1.9, and the phone on the 10.1 left, short of keeping up at
    # 09:00: a queue that never clears, where the money keeps both up.)
    text = (ROOT / "tests" / "data" / "plans" / "peak-ceiling-two-lines.yaml").read_text()
    text = text.replace("total: 770_000", "total: 630_000").replace(
        "people: 740_000", "people: 600_000"
    )
    result, again = fixed(text, keep_budget=True)
    changes = {c.path: c.after for c in result.changes}
    assert changes["channels[phone].agents"] == "11.2"
    assert changes["channels[email].agents"] == "0.8"
    assert changes["staffing.agents"] == "12"
    assert again.metrics is not None
    phone = again.metrics.channel("phone")
    assert phone is not None and phone.stable
    assert not [f for f in again.findings if f.rule == "staffing-meets-targets"]
    assert "cannot keep up" not in " ".join(f.message for f in again.findings)


def test_keep_budget_spends_the_people_line_before_loosening_a_promise() -> None:
    # Review calc42 F8: the people line, 150,000 USD at 50,000 a year, pays for 3.0 FTE; the
    # plan has 2.2. Erlang A, 60 s patience, 4 min calls: 8 / 40 / 20 / 8 Erlangs a half hour
    # need 5 / 26 / 12 / 5 on shift for 30% in 20 s, and 2.9 FTE keep it over the day
    # (2.8 do not): 2.9 × 50,000 = 145,000 ≤ 150,000. --keep-budget loosened the promise
    # to 30% in 47 s on 2.2 FTE and left 40,000 USD of the line unspent; the money stays,
    # and the plan becomes what it pays for: 2.9 FTE and the promise as written.
    text = (ROOT / "tests" / "data" / "plans" / "intraday-people-line-unspent.yaml").read_text()
    result, again = fixed(text, keep_budget=True)
    changes = {c.path: (c.after, c.cost) for c in result.changes}
    assert changes == {
        "channels[phone].agents": ("2.9", Decimal(0)),
        "staffing.agents": ("2.9", Decimal(35000)),  # 0.7 × 50,000
    }
    assert not [f for f in again.findings if f.rule.startswith(("staffing-meets", "people"))]


def test_keep_budget_pays_for_targets_before_an_occupancy_ceiling(
    invoke: Invoke, tmp_path: Path
) -> None:
    # Review calc44 K03 (p11): KWD, 2027-01-01 to 05-20; the people line, 50,000 KWD at
    # 9,876.543 an FTE over 4 20/31 months (0.38710 of a year: 3,823.18 KWD an FTE), pays
    # for 13.08 → 13.0 of the 13.4 FTE planned. Pooled Erlang C as the tool defines it:
    # 1,296 productive h a year (1,800 × 72%), 40 open h a week, an FTE 0.6209 on shift;
    # phone 500 × 4 min over 8 h = 4.1667 E, email 120 × 10 min = 2.5 E. The email's 4
    # business hours are kept from 4.2 FTE (2.608 on shift answer 93.9% within 4 h); its
    # ceiling needs 2.5 ÷ 0.85 = 2.941 on shift, 4.737 FTE, floored at 4.8. The ceiling was
    # paid first: phone 8.2, email 4.8, and the phone's 80% in 20s written as 80% in 4m43s
    # (282.1 s). Targets first: email 4.2, phone the 8.8 left, which keep 80% in 2m44s
    # (163.5 s, 5.464 on shift), the email 95.9% busy (2.5 ÷ 2.608): occupancy-cap, a
    # warning under delight, left to a person.
    plan = ROOT / "tests" / "data" / "plans" / "people-line-ceiling-kwd.yaml"
    result, _ = fixed(plan.read_text(encoding="utf-8"), "plan.yaml", keep_budget=True)
    changes = {c.path: c.after for c in result.changes}
    assert changes["staffing.agents"] == "13"
    assert changes["channels[phone].agents"] == "8.8"
    assert changes["channels[email].agents"] == "4.2"
    assert changes["channels[phone].target.service_level"] == "80% in 2m44s"
    # The fixed plan, checked as `check` checks it: every target written is kept, and the
    # ceiling is what is left.
    out = tmp_path / "fixed.yaml"
    invoke("fix", "--keep-budget", str(plan), "-o", str(out))
    report = json.loads(invoke("check", str(out), "-f", "json").out)["plans"][0]
    rules = {f["rule"] for f in report["findings"]}
    assert "staffing-meets-targets" not in rules and "occupancy-cap" in rules
    email = next(c for c in report["metrics"]["channels"] if c["id"] == "email")
    assert round(email["occupancy"], 3) == 0.959
    # `promise`'s people-line paragraph says the same split.
    said = invoke("promise", str(plan)).out
    assert "phone 8.8 FTE keeps 80% in 2m44s; email 4.2 FTE keeps first response" in said
    # Control: money that pays for every target and every ceiling still pays for both, the
    # rest shared as planned (the Kuwait plan above: email 7.3 FTE, above its 3.3 ceiling).


def test_keep_budget_short_of_keeping_up_still_keeps_the_targets_it_pays_for(
    invoke: Invoke, tmp_path: Path
) -> None:
    # Review calc47 R01 (p2): GBP, a year; 1,650 paid h × 67% = 1,105.5 productive h an FTE,
    # 52.1786 weeks. The people line, 1,050,000 GBP at 41,000 an FTE, pays for 25.61 → 25.6.
    # Keeping up needs the load in position-hours: phone 2h intervals of 120/260/200/220/100
    # calls × 6 min = 6/13/10/11/5 Erlangs × 10 h a week = 450 position-hours = 21.24 FTE;
    # messaging 400 a day × 5 min over 10 h = 3.333 E × 50 h = 7.87 FTE: 29.1 > 25.6, so both
    # were cut alike (19.4 + 6.2), neither keeping up and no target kept. Messaging's first
    # response within 5 minutes (90% within 300 s, pooled Erlang C as the tool reads it,
    # a message waiting for the next person) is kept from 11.3 FTE (4.788 on shift: 90.74%;
    # 11.2, 4.746 on shift: 89.996%): it goes first, the phone gets the 14.3 left.
    plan = ROOT / "tests" / "data" / "plans" / "people-line-short-of-keeping-up-gbp.yaml"
    result, _ = fixed(plan.read_text(encoding="utf-8"), "plan.yaml", keep_budget=True)
    changes = {c.path: c.after for c in result.changes}
    assert changes["staffing.agents"] == "25.6"
    assert changes["channels[messaging].agents"] == "11.3"
    assert changes["channels[phone].agents"] == "14.3"
    out = tmp_path / "fixed.yaml"
    invoke("fix", "--keep-budget", str(plan), "-o", str(out))
    report = json.loads(invoke("check", str(out), "-f", "json").out)["plans"][0]
    missed = {f["path"] for f in report["findings"] if f["rule"] == "staffing-meets-targets"}
    assert missed == {"channels[phone].target"}
    messaging = next(c for c in report["metrics"]["channels"] if c["id"] == "messaging")
    assert round(messaging["service_level"], 4) == 0.9074
    # Money short of messaging's 11.3 (9.7 FTE) goes to it all the same, where more money
    # puts it: the messaging keeps up (7.9) and a person decides on the phone. It was cut
    # alike, as planned (22 : 7), phone 7.4 and messaging 2.3, neither keeping up; and at
    # 11.3 the phone fell to none (calc58: more money, a line worse off).
    text = plan.read_text(encoding="utf-8").replace("people: 1050000", "people: 400000")
    text = text.replace("total: 1130000", "total: 480000")
    result, _ = fixed(text, "plan.yaml", keep_budget=True)
    changes = {c.path: c.after for c in result.changes}
    assert changes["staffing.agents"] == "9.7"
    assert changes["channels[phone].agents"] == "0"
    assert changes["channels[messaging].agents"] == "9.7"


def test_keep_budget_gives_idle_staff_to_a_missed_target_before_a_ceiling() -> None:
    # Review calc44 K03, the staff the plan puts on no channel: p11 with phone 9.5, email 4.5
    # and 15 FTE on the payroll (1.0 on no channel), a people line of 57,540 KWD paying for
    # 57,540 ÷ 3,823.18 = 15.05 → 15.0 FTE. The phone's 80% in 20s needs 10.5 FTE (a raise
    # of 1.0); the email keeps its 4 business hours on 4.5 and needs 4.8 for its ceiling (a
    # raise of 0.3). The smallest raise went first: the email's 0.3, and the phone, with 0.7
    # left, was written 80% in 1m21s. A missed target is raised first now: phone 10.5 keeps
    # 80% in 20s, and the email's 89.5% busy (2.5 E ÷ 4.5 × 0.6209 on shift) is left to a
    # person.
    text = (ROOT / "tests" / "data" / "plans" / "people-line-ceiling-kwd.yaml").read_text()
    for was, now in (
        ("agents: 9.3", "agents: 9.5"),
        ("agents: 4.1", "agents: 4.5"),
        ("agents: 13.4", "agents: 15"),
        ("people: 50000", "people: 57540"),
        ("total: 120000", "total: 127540"),
    ):
        assert text.count(was) == 1
        text = text.replace(was, now)
    result, again = fixed(text, "plan.yaml", keep_budget=True)
    changes = {c.path: c.after for c in result.changes}
    assert changes == {"channels[phone].agents": "10.5"}
    assert [d.finding.rule for d in result.decisions] == ["occupancy-cap"]
    assert not [f for f in again.findings if f.rule == "staffing-meets-targets"]
