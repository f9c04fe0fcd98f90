"""A workforce planner re-checks by hand the figures session 61 changed: whatif's agents spread
to the millionth, the ceiling need at a tenth and a billionth either side of it, the staff
promise says `fix` moves to a short line before it hires, fix --keep-budget where the stated
total is below its channels, staff on a line no target sizes, and report --baseline's signed
budget changes beside diff's.

Hand calculations use the independent helpers of `tests/test_casebook.py` (Erlang C by its
factorial formula) and plain fractions; a year is 365.25 days (52.18 weeks).
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Invoke
from tests.test_casebook import WEEKS, t_within, write
from tests.test_casebook_calc59 import money
from tests.test_casebook_calc61 import exact

TEAM = """version: 1
organisation: Recheck Co
currency: USD
period: {start: 2027-01-01, end: 2027-12-31}
strategy: universal
promise: "Every customer gets an answer within the times each channel states."
channels:
  - id: phone
    kind: voice
    hours: Mon-Fri 08:00-18:00
    volume: {contacts: 3000, per: month}
    handle_time: 6m
    target: {service_level: "80% in 30s"}
    PHONE
  - id: chat
    kind: chat
    hours: Mon-Fri 08:00-18:00
    volume: {contacts: 2000, per: month}
    handle_time: 8m
    concurrency: 2
    target: {service_level: "80% in 60s"}
    CHAT
  - id: email
    kind: email
    hours: Mon-Fri 08:00-18:00
    volume: {contacts: 1500, per: month}
    handle_time: 9m
    target: {first_response: 1 business day}
    EMAIL
staffing: {agents: TOTAL, shrinkage: 30%, loaded_cost_per_fte: 50000}
budget: {total: 2000000, lines: {people: 2000000}}
"""
"""Three lines on one team; each line's `agents:` (or none: pooled) and the total filled in."""


def team(phone: str | None, chat: str | None, email: str | None, total: str) -> str:
    text = TEAM.replace("TOTAL", total)
    for key, fte in (("PHONE", phone), ("CHAT", chat), ("EMAIL", email)):
        text = text.replace(f"    {key}\n", "" if fte is None else f"    agents: {fte}\n")
    return text


FIGURES = ("planned_fte", "planned_positions", "service_level", "asa_seconds", "occupancy")
FIGURES += ("first_response_seconds", "required_fte", "needed_fte", "required_fte_at_ceiling")


def _json(invoke: Invoke, *args: str) -> Any:
    result = invoke(*args, "-f", "json")
    assert result.code in (0, 1), (args, result.out, result.err)
    return json.loads(result.out)


def _scenario(invoke: Invoke, plan: str, vary: str) -> dict[str, Any]:
    scenario: dict[str, Any] = _json(invoke, "whatif", plan, "--vary", vary)["scenarios"][1]
    return scenario


def _same_as_check(invoke: Invoke, scenario: dict[str, Any], written: str) -> None:
    """Every channel's figures in ``scenario`` are check's of the plan ``written``."""
    checked = _json(invoke, "check", written)["plans"][0]["metrics"]
    assert scenario["planned_fte"] == checked["planned_fte"]
    mine = {c["id"]: c for c in checked["channels"]}
    for channel in scenario["channels"]:
        theirs = mine[channel["id"]]
        assert {k: channel[k] for k in FIGURES} == {k: theirs[k] for k in FIGURES}, channel["id"]


# ---- 1. whatif agents=+N / =N: millionths by largest remainders --------------------------------


@pytest.mark.parametrize(
    ("before", "vary", "after"),
    [
        # 3 + 3 + 3 = 9 FTE, +1 = 10: each 10/3 = 3.333333…, cut 3.333333 × 3 = 9.999999; the
        # one millionth short goes to the first of three equal remainders, the phone.
        (("3", "3", "3", "9"), "agents=+1", ("3.333334", "3.333333", "3.333333", "10")),
        (("3", "3", "3", "9"), "agents=10", ("3.333334", "3.333333", "3.333333", "10")),
        # 3.1 + 2.9 + 3 = 9, −2 = 7: × 7/9 = 2.4111111…, 2.2555555…, 2.3333333…; cut to
        # 6.999999, the millionth to the largest remainder, chat's .555: 2.255556.
        (("3.1", "2.9", "3", "9"), "agents=-2", ("2.411111", "2.255556", "2.333333", "7")),
        # 12 stated, 3 on no channel: +1 = 13 × 3/12 = 3.25 a line, the total 13 itself.
        (("3", "3", "3", "12"), "agents=+1", ("3.25", "3.25", "3.25", "13")),
        # The phone's own 4 of 9, the rest pooled: × 10/9, 4.444444 and 10 in all; the pool's
        # 5.555556 shared by check as it shares any pool.
        (("4", None, None, "9"), "agents=+1", ("4.444444", None, None, "10")),
        # All pooled: 9 → 10, shared by check.
        ((None, None, None, "9"), "agents=+1", (None, None, None, "10")),
    ],
)
def test_whatif_agents_is_check_of_the_plan_with_them_written_in(
    invoke: Invoke, tmp_path: Path, before: tuple[Any, ...], vary: str, after: tuple[Any, ...]
) -> None:
    plan = write(tmp_path, "plan.yaml", team(*before))
    scenario = _scenario(invoke, plan, vary)
    assert scenario["planned_fte"] == float(after[3])
    written = write(tmp_path, "written.yaml", team(*after))
    _same_as_check(invoke, scenario, written)
    own = [Decimal(f) for f in after[:3] if f is not None]
    got = [Decimal(str(c["planned_fte"])) for c in scenario["channels"]]
    assert [g for g, f in zip(got, after[:3], strict=True) if f is not None] == own
    if None not in after[:3] and after[3] == "10":
        assert sum(got) == 10  # the total asked for, to the millionth


# ---- 2. a ceiling need at a tenth, a billionth either side, in fix --------------------------


@pytest.mark.parametrize("kind", ["email", "voice"])
@pytest.mark.parametrize(
    ("volume", "raised"),
    [
        ("1274.99999997", False),  # 4.2499999999 Erlangs: 4.9999999999 FTE, within 5
        ("1275", False),  # 4.25 / 0.85 = 5 exactly
        ("1275.00000003", False),  # 5.0000000001: a billionth of a share, the tolerance
        ("1275.000003", True),  # 5.000000012: past it, the tenth above, 5.1
    ],
)
def test_fix_reads_the_ceiling_need_at_a_tenth_as_check_does(
    invoke: Invoke, tmp_path: Path, kind: str, volume: str, raised: bool
) -> None:
    # An inbox (or phone line) with no target, 30 open h a week, an FTE 30 productive h:
    # A = volume × 0.1 h ÷ 30 h, need = A ÷ 0.85. fix raises the line and its money exactly
    # where check finds it over the ceiling: 5 → 5.1 FTE, and 5.1 × 9,876.543 = 50,370.3693
    # → 50,370.369 BHD (to the fils); a billionth over changes nothing (calc61 tests check,
    # promise, whatif and staff; fix was not read there).
    assert money(Fraction("5.1") * Fraction("9876.543"), 3) == Decimal("50370.369")
    text = exact(volume, "").replace("kind: email", f"kind: {kind}")
    plan = write(tmp_path, "plan.yaml", text)
    need = _json(invoke, "check", plan)["plans"][0]["metrics"]["channels"][0]
    assert need["required_fte_at_ceiling"] == (5.1 if raised else 5.0)
    told = _json(invoke, "fix", plan)
    changes = {c["path"]: (c["before"], c["after"]) for c in told["changes"]}
    if not raised:
        assert changes == {}
        return
    assert changes["channels[email].agents"] == ("5", "5.1")
    assert changes["budget.lines.people"] == ("49382.715", "50370.369")


# ---- 3. the staff promise says fix moves before it hires --------------------------------------


def test_promise_counts_what_fix_moves_to_one_short_line(invoke: Invoke, tmp_path: Path) -> None:
    # Phone 3 FTE needs 5.3 (80% in 30s): 2.3 more, 2.3 × 50,000 = 115,000 USD if hired.
    # Chat's 4 keep 80% in 1m and the ceiling on 2.8 (1.2 spare), e-mail's 5 on 2.2 (2.8
    # spare): 4 FTE beyond what their lines need, of which fix moves the 2.3 the phone
    # lacks (1.2 from chat, 1.1 from e-mail) and hires nobody. promise said "4 FTE planned
    # beyond what their lines need move to it first", more than move.
    plan = write(tmp_path, "plan.yaml", team("3", "4", "5", "12"))
    said = invoke("promise", plan).out
    assert (
        "needs 5.3 FTE (plan 3), 115,000 USD a year more if hired, though 2.3 of the 4 FTE "
        "planned beyond what their lines need move to it first at no cost (`cs-align fix`, "
        "which would hire nobody)"
    ) in said, said
    note = invoke("whatif", plan, "--vary", "volume=+0%").out
    assert "1.2 FTE on chat and 2.8 FTE on email are beyond" in note  # 1.2 + 2.8 = 4
    assert "(it would hire nobody)" in note
    told = _json(invoke, "fix", plan)
    changes = {c["path"]: (c["before"], c["after"]) for c in told["changes"]}
    assert changes["channels[phone].agents"] == ("3", "5.3")
    moved = sum(Decimal(b) - Decimal(a) for p, (b, a) in changes.items() if "phone" not in p)
    assert moved == Decimal("2.3")  # chat 4 → 2.8, email 5 → 3.9


def test_promise_counts_the_spare_once_for_two_short_lines(invoke: Invoke, tmp_path: Path) -> None:
    # Phone 3 needs 5.3 (+2.3), chat 1.5 needs 2.8 (+1.3): 3.6 short together. E-mail's 5
    # keep theirs on 2.2 (2.8 spare) and 12 − 9.5 = 2.5 are on no channel: 5.3 to move.
    # promise told each line "5.3 FTE … move to it first", the same 5.3 twice; fix moves
    # 3.6 of them (2.5 idle, 1.1 from e-mail) to the two and hires nobody.
    plan = write(tmp_path, "plan.yaml", team("3", "1.5", "5", "12"))
    said = invoke("promise", plan).out
    shared = (
        "though 3.6 of the 5.3 FTE planned beyond what their lines need move to the short "
        "lines (phone and chat) first at no cost (`cs-align fix`, which would hire nobody)"
    )
    assert f"(plan 3), 115,000 USD a year more if hired, {shared}" in said, said
    assert f"(plan 1.5), 65,000 USD a year more if hired, {shared}" in said, said
    note = invoke("whatif", plan, "--vary", "volume=+0%").out
    assert "2.8 FTE on email and 2.5 FTE on no channel are beyond" in note
    told = _json(invoke, "fix", plan)
    changes = {c["path"]: (c["before"], c["after"]) for c in told["changes"]}
    assert changes["channels[phone].agents"] == ("3", "5.3")
    assert changes["channels[chat].agents"] == ("1.5", "2.8")
    assert changes["channels[email].agents"] == ("5", "3.9")
    assert "staffing.agents" not in changes  # 5.3 + 2.8 + 3.9 = 12: nobody hired


# ---- 4. fix --keep-budget with a total below its channels -----------------------------------


def test_the_time_two_fte_keep_on_the_phone_by_hand() -> None:
    # tests/test_planner61.py's TOTAL_BELOW_ITS_CHANNEL: 20 calls an hour × 3 min = 1 Erlang
    # over Mon-Fri 09:00-17:00 (40 h a week); 0% shrinkage and 2,080 paid hours: 2 FTE are
    # 2 × 2,080 ÷ (40 × 52.18) = 1.9932 on shift. C = 0.0068 × 1 (one cannot keep up) +
    # 0.9932 × C(2, 1) = 0.9932/3: 0.3379; 80% are answered within 180·ln(0.3379/0.2) ÷
    # 0.9932 = 95.05 s, up to the second 96 s = 1m36s, the target fix --keep-budget writes,
    # and 2 × 4,000,000 = 8,000,000 JPY, the people line.
    x = float(2 * 2080 / (40 * WEEKS))
    assert x == pytest.approx(1.99316, abs=1e-5)
    assert t_within(x, 1.0, 180, 0.8) == pytest.approx(95.05, abs=0.01)


# ---- 5. staff on a line no target sizes, more of them than are beyond the need ---------------

DESK = """version: 1
organisation: Idle Co
strategy: universal
promise: "People answer quickly."
channels:
  - id: phone
    kind: voice
    hours: Mon-Fri 08:00-20:00
    volume: {contacts: 9000, per: month}
    handle_time: 6m
    target: {service_level: "80% in 20s"}
    agents: 13
  - id: desk
    kind: in-person
    hours: Mon-Fri 09:00-17:00
    agents: 2
staffing:
  agents: 15
  shrinkage: 32%
  paid_hours_per_fte: 1800/year
  loaded_cost_per_fte: 60000
budget:
  total: 800000
  lines: {people: 800000}
"""


def test_a_desk_holding_more_than_are_beyond_the_need_holds_all_of_them(
    invoke: Invoke, tmp_path: Path
) -> None:
    # 15 FTE × 60,000 = 900,000 USD against 800,000: 100,000 short. The phone's 80% in 20s
    # needs 14.6 FTE (876,000, 76,000 short of them); 15 − 14.6 = 0.4 FTE beyond, 24,000
    # USD. The desk holds 2 FTE, the phone 13 of the 14.6 it needs: the 0.4 are all the
    # desk's. check and the report said "0.4 FTE planned beyond them (2 of them on desk …)",
    # more of them than there are.
    plan = write(tmp_path, "plan.yaml", DESK)
    judged = _json(invoke, "check", plan)["plans"][0]
    (message,) = [
        f["message"] for f in judged["findings"] if f["rule"] == "people-line-funds-staff"
    ]
    assert message.endswith(
        "76,000 USD of it short of the 14.6 FTE the targets need, 24,000 USD for the 0.4 FTE "
        "planned beyond them (all of them on desk, a line with no volume or handle time to "
        "size, which holds 2 FTE)"
    ), message
    report = tmp_path / "report.md"
    invoke("report", plan, "-o", str(report))
    assert (
        "| the people line is below what the 0.4 FTE planned beyond the targets' need cost "
        "(all of them on desk, a line with no volume or handle time to size, which holds 2 "
        "FTE) | 0.4 FTE | 24,000 USD a year |"
    ) in report.read_text(encoding="utf-8")


# ---- 6. report --baseline's signed changes beside diff's --------------------------------------


def test_report_baseline_signs_the_budget_changes_diff_gives(
    invoke: Invoke, tmp_path: Path
) -> None:
    # delight-aligned → delight-underfunded: people 1,283,400 → 930,000, −353,400 USD,
    # 353,400 ÷ 1,283,400 = 27.54% → −27.5%; the total 1,540,241 → 1,186,841, the same
    # −353,400, ÷ 1,540,241 = 22.94% → −22.9%; 138,000 contacts a year (9,000 + 2,500 a
    # month × 12) cost 11.16 → 8.60 USD each, −2.56.
    assert round(Decimal(353400) / Decimal(1283400) * 100, 1) == Decimal("27.5")
    assert round(Decimal(353400) / Decimal(1540241) * 100, 1) == Decimal("22.9")
    assert round(Decimal(1540241) / 138000, 2) == Decimal("11.16")
    assert round(Decimal(1186841) / 138000, 2) == Decimal("8.60")
    base, proposal = "examples/delight-aligned.yaml", "examples/delight-underfunded-misaligned.yaml"
    out = tmp_path / "r.md"
    invoke("report", proposal, "--baseline", base, "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert "| people | 1,283,400 USD | 930,000 USD | -353,400 USD (-27.5%) |" in text
    assert "| total | 1,540,241 USD | 1,186,841 USD | -353,400 USD (-22.9%) |" in text
    assert "| cost per contact | 11.16 USD | 8.60 USD | -2.56 USD (-22.9%) |" in text
    assert "| training | 149,040 USD | 149,040 USD | 0 USD (0%) |" in text
    diffed = invoke("diff", base, proposal).out
    assert re.search(r"people\s+1,283,400\s+930,000\s+-27\.5%", diffed), diffed
    assert re.search(r"total\s+1,540,241\s+1,186,841\s+-22\.9%", diffed), diffed


def test_whatif_agents_on_a_total_of_zero_beside_staffed_channels_scales_their_staff(
    invoke: Invoke, tmp_path: Path
) -> None:
    # staffing.agents 0 beside 1.2 FTE on each of three lines (agents-within-total): the
    # plan's staff are the channels' 3.6, as check, fix and fix --keep-budget count them
    # (planner62). agents=+1 was refused ("staffing.agents states 0 FTE … no total to
    # change"); it is 4.6 FTE spread as planned: 1.2 × 4.6/3.6 = 1.533333… each, cut to
    # 1.533333 × 3 = 4.599999, the millionth short to the first of three equal remainders.
    plan = write(tmp_path, "plan.yaml", team("1.2", "1.2", "1.2", "0"))
    scenario = _scenario(invoke, plan, "agents=+1")
    assert scenario["planned_fte"] == 4.6
    assert [c["planned_fte"] for c in scenario["channels"]] == [1.533334, 1.533333, 1.533333]
    # A plan with nobody anywhere is told as before.
    nobody = write(tmp_path, "nobody.yaml", team(None, None, None, "0"))
    assert "the plan has no staff to scale" in invoke("whatif", nobody, "--vary", "agents=5").err
