"""A planner's casebook, seventh volume (calc61): shapes the other volumes do not have. An
inbox in Bahraini dinars whose ceiling needs exactly 5 FTE, and a billionth above it; 80%
answered at once exactly, between one person and two; a team of three channels pooled at
45% shrinkage in yen, one with no target; callers who hang up after a second and after an
hour, in Kuwaiti dinars; a morning whose peak hour rules the staffing, in yen; and the
shapes the plan format refuses (a fractional concurrency, shrinkage in parts). Every
figure is worked by hand with the independent helpers of `tests/test_casebook.py`
(Erlang C by its factorial formula in 40 digits, Erlang A by its birth-death chain),
never with cs-align's own code, and read in every command that shows it: check (its
table and -f json), report, promise, whatif and staff.

Conventions: `paid_hours_per_fte: 40/week` makes an FTE's productive week 40 × (1 −
shrinkage) hours exactly, so FTE and people on shift are exact fractions; a year is
365.25 days (52.18 weeks). Money rounds half up to the currency's unit: the fils (three
places) for BHD and KWD, the whole yen for JPY.
"""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import mpmath as mp
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import Invoke, examples
from tests.test_casebook import (
    between,
    erlang_a_chain,
    erlang_c,
    judged,
    least_whole,
    least_x,
    said,
    sl_at,
    wait_chance,
    warned,
    whatif_row,
    write,
)
from tests.test_casebook_calc59 import answered_within, money

HEAD = (
    "version: 1\norganisation: Casebook Seven\n"
    'promise: "Every customer gets an answer within the times each channel states."\n'
)


def channel_json(invoke: Invoke, plan: str) -> dict[str, dict[str, object]]:
    """check -f json's channel metrics, by channel id."""
    data = json.loads(invoke("check", "-f", "json", plan).out)
    return {c["id"]: c for c in data["plans"][0]["metrics"]["channels"]}


# ---- 1. an inbox whose ceiling needs exactly 5 FTE, and a billionth more ----------------------

EXACT = (
    HEAD
    + """currency: BHD
period: {start: 2027-01-01, end: 2027-12-31}
strategy: universal
channels:
  - id: email
    kind: email
    hours: Mon-Fri 09:00-15:00
    volume: {contacts: VOLUME, per: week}
    handle_time: 6m
    TARGET
    agents: 5
staffing: {agents: 5, shrinkage: 25%, paid_hours_per_fte: 40/week, max_occupancy: 85%,
  loaded_cost_per_fte: 9876.543}
budget: {total: 49382.715, lines: {people: 49382.715}}
"""
)


def exact(volume: str = "1275", target: str = "target: {first_response: 3 business days}") -> str:
    return EXACT.replace("VOLUME", volume).replace("TARGET", target)


ABOVE = "1275.00000003"
"""A billionth more work: 4.2500000001 Erlangs, a ceiling need of 5.0000000001 FTE."""


def test_a_ceiling_need_of_exactly_five_fte_is_five() -> None:
    # 1,275 mails × 6 min = 127.5 h of work a week over 30 open hours: A = 4.25 Erlangs. An
    # FTE works 40 × 0.75 = 30 h a week, the open week itself: 1 FTE is 1 on shift. The 85%
    # ceiling needs 4.25/0.85 = 5 on shift = 5 FTE exactly: no rounding up, occupancy 85.0%.
    assert Fraction(1275 * 6, 60) / 30 == Fraction(17, 4)
    assert Fraction(17, 4) / Fraction(85, 100) == 5
    report, m = judged(exact())
    e = m["email"]
    assert e.required_fte_at_ceiling == 5 and e.occupancy == pytest.approx(0.85, abs=1e-15)
    # Three business days are 18 open hours (64,800 s): 90% are answered within them by x on
    # shift where 360·ln(C/0.1)/(x − 4.25) = 64,800, C = (5 − x)·1 + (x − 4)·C(5, 4.25) (four
    # cannot keep up; C(5, 4.25) = 0.65447): x = 4.26226, C = 0.90938, 4.3 FTE to the tenth.
    assert float(erlang_c(5, 4.25)) == pytest.approx(0.654470, abs=1e-6)
    x = least_x(4.25, 360, 0.9, 64800)
    assert x == pytest.approx(4.26226, abs=1e-5)
    assert between(x, 4.25) == pytest.approx(0.909380, abs=1e-6)
    assert e.needed_fte == Fraction(43, 10)
    assert not {"occupancy-cap", "staffing-meets-targets", "people-line-funds-staff"} & warned(
        report
    )
    # 5 × 9,876.543 = 49,382.715 BHD, the line to the fils.
    assert money(5 * Fraction("9876.543"), 3) == Decimal("49382.715")


@pytest.mark.parametrize("target", ["target: {first_response: 3 business days}", ""])
def test_a_billionth_above_the_ceiling_is_the_ceiling_in_every_command(
    invoke: Invoke, tmp_path: Path, target: str
) -> None:
    # 1,275.00000003 mails: 4.2500000001 Erlangs, 5 on shift 85.000000002% busy. The ceiling
    # is judged to queueing.TOLERANCE (a billionth of a share): occupancy-cap passes it, and
    # staff answers 5 FTE. The need at the ceiling, 4.2500000001/0.85 = 5.0000000001 FTE,
    # was rounded up to 5.1: check -f json said required_fte_at_ceiling 5.1, and on a line
    # with no target promise said "its workload at the ceiling needs 5.1 FTE (plan 5),
    # 987.654 BHD a year more" and whatif priced the 0.1 (calc61), beside no finding.
    load = Fraction(ABOVE) * 6 / 60 / 30
    assert load == Fraction("4.2500000001")
    assert float(load / 5) - 0.85 == pytest.approx(2e-11, rel=1e-3)
    text = exact(ABOVE, target)
    report, m = judged(text)
    assert "occupancy-cap" not in warned(report)
    assert m["email"].required_fte_at_ceiling == 5
    plan = write(tmp_path, "above.yaml", text)
    email = channel_json(invoke, plan)["email"]
    assert email["required_fte_at_ceiling"] == 5.0 and email["planned_fte"] == 5.0
    assert whatif_row(invoke("whatif", plan).out, "as planned")[1:4] == [
        "5.0" if not target else "4.3", "0.0", "–",
    ]  # fmt: skip
    promised = invoke("promise", plan).out
    if not target:
        assert "its workload at the ceiling needs 5 FTE (plan 5)" in promised
        assert "a year more" not in promised
    told = invoke(
        "staff", "--kind", "email", "--volume", f"{ABOVE}/week", "--hours",
        "Mon-Fri 09:00-15:00", "--aht", "6m", "--first-response", "3 business days",
        "--shrinkage", "25%", "--paid-hours", "40/week",
    ).out  # fmt: skip
    assert "answer: 5 FTE, 5 on shift every open hour (the occupancy ceiling binds)" in told


def test_two_billionths_of_a_share_over_the_ceiling_need_the_tenth_above(
    invoke: Invoke, tmp_path: Path
) -> None:
    # 1,275.000003 mails: 4.25000001 Erlangs, 85.000002% busy on 5, past the tolerance: the
    # ceiling needs 5.000000012 FTE, the tenth above is 5.1, 0.1 × 9,876.543 = 987.654 BHD
    # (987.6543 to the fils), and every command says so.
    assert money(Fraction("0.1") * Fraction("9876.543"), 3) == Decimal("987.654")
    text = exact("1275.000003", "")
    report, _ = judged(text)
    assert "the targets and the ceiling need 5.1 FTE (plan 5)" in said(report, "occupancy-cap")
    plan = write(tmp_path, "over.yaml", text)
    assert "its workload at the ceiling needs 5.1 FTE (plan 5), 987.654 BHD a year more" in (
        invoke("promise", plan).out
    )
    assert whatif_row(invoke("whatif", plan).out, "as planned")[1:5] == [
        "5.1", "0.1", "987.654", "BHD",
    ]  # fmt: skip
    # The report said "The planned 5.0 FTE cover the 5.1 FTE the targets need", of a line
    # with no target that its 5.0 FTE do not hold at the ceiling: it now says what the 5.1
    # are for, and that they are 0.1 more (calc61).
    invoke("report", plan, "-o", str(tmp_path / "over.md"))
    take = (tmp_path / "over.md").read_text(encoding="utf-8")
    assert "cover the 5.1 FTE" not in take
    assert (
        "| the people budget is below what the work of email at the occupancy ceiling (no "
        "target) needs | 0.1 FTE | 987.654 BHD a year |"
    ) in take
    assert (
        "Keeping up with the work of email at the occupancy ceiling (no target) needs **5.1 "
        "FTE** (planned: 5.0, 5.0 of them on channels):\n0.1 more FTE on email, about "
        "**987.654 BHD a year**"
    ) in take


@settings(max_examples=examples(60), deadline=None)
@given(
    tenths=st.integers(min_value=10, max_value=400),
    off=st.integers(min_value=-40, max_value=40),
    cap=st.sampled_from(["85%", "80%", "90%"]),
    stated=st.booleans(),
    kind=st.sampled_from(["email", "voice"]),
)
def test_the_ceiling_need_exceeds_the_staff_exactly_when_occupancy_cap_says_so(
    tenths: int, off: int, cap: str, stated: bool, kind: str
) -> None:
    # An inbox (with a target its staff keep easily, or none) or a phone line with no target,
    # whose ceiling needs the planned FTE (a multiple of the tenth) exactly, its
    # work moved by off × 10⁻¹⁰ of itself: the planned staff are short of the ceiling (a need
    # shown above them, priced) exactly when occupancy-cap finds them over it, never one
    # without the other. At 1 FTE a position, the volume that fills P FTE at the ceiling is
    # P × cap × 30 h ÷ 0.1 h a mail.
    fte = Fraction(tenths, 10)
    share = Fraction(int(cap[:-1]), 100)
    volume = fte * share * 300 * (1 + Fraction(off, 10**10))
    text = (
        exact(
            f"{float(volume):.12f}",
            "target: {first_response: 5 business days}" if stated and kind == "email" else "",
        )
        .replace("kind: email", f"kind: {kind}")
        .replace("agents: 5", f"agents: {Decimal(tenths) / 10}")
        .replace("max_occupancy: 85%", f"max_occupancy: {cap}")
    )
    report, m = judged(text)
    e = m["email"]  # the id, whatever the kind
    over = "occupancy-cap" in warned(report)
    assert over == (e.at_ceiling_fte > e.planned_fte), (e.at_ceiling_fte, e.occupancy)
    if not stated or kind == "voice":
        assert over == (e.extra_fte > 0), (e.needed_fte, e.occupancy)


# ---- 2. 80% answered at once exactly, between one person and two ------------------------------

AT_ONCE = (
    HEAD
    + """currency: USD
period: {start: 2027-01-01, end: 2027-12-31}
strategy: universal
channels:
  - id: phone
    kind: voice
    hours: Mon-Fri 09:00-15:00
    volume: {contacts: 75, per: week}
    handle_time: 6m
    target: {service_level: "80% in 0s"}
    agents: FTE
staffing: {agents: FTE, shrinkage: 25%, paid_hours_per_fte: 40/week, max_occupancy: 85%,
  loaded_cost_per_fte: 40000}
budget: {total: 49000, lines: {people: 49000}}
"""
)


def at_once(fte: str) -> str:
    return AT_ONCE.replace("FTE", fte)


def test_eighty_percent_at_once_exactly_between_one_person_and_two(
    invoke: Invoke, tmp_path: Path
) -> None:
    # A = 75 calls × 6 min ÷ 30 open h = 0.25 Erlangs; 1 FTE is 1 on shift (30 h of 30).
    # Erlang C: C(1, A) = A = 1/4; C(2, A) = A²/(2 + A) = (1/16)/(9/4) = 1/36. 1.225 people
    # are one person 77.5% of the time and two 22.5%: C = 0.775/4 + 0.225/36 = 0.19375 +
    # 0.00625 = 1/5 exactly, so 1 − C = 80.000% answered at once: the target, on the bound.
    assert float(erlang_c(2, 0.25)) == pytest.approx(1 / 36, abs=1e-15)
    c = Fraction(775, 1000) / 4 + Fraction(225, 1000) / 36
    assert c == Fraction(1, 5)
    report, m = judged(at_once("1.225"))
    p = m["phone"]
    assert p.service_level == pytest.approx(0.8, abs=1e-12)
    assert warned(report) == {"channels-per-team"}
    # One line of 1.225 FTE is too few to cover its hours and absences; said of the one
    # channel there is (it read "1.225 FTE across 1 staffed channels is 1.225 each", and to
    # close or automate "the quietest channels").
    (few,) = [f for f in report.findings if f.rule == "channels-per-team"]
    assert few.message == (
        "1.225 FTE on the one staffed channel; at least 3 FTE are needed to cover its hours "
        "and absences"
    )
    assert few.fix == "plan at least 3 FTE, or automate the channel"
    # The need shown is the 1.225 that keep it (never the tenth above); whole people all the
    # time would need 2. ASA = C·aht/(x − A) = 0.2 × 360/0.975 = 73.846 s; occupancy
    # 0.25/1.225 = 20.4%.
    assert p.needed_fte == Fraction("1.225") and p.required_fte == 2
    assert p.asa == pytest.approx(72 / 0.975, abs=1e-9)
    plan = write(tmp_path, "once.yaml", at_once("1.225"))
    assert "80% answered at once; declared 80% in 0s is kept by the planned 1.225 FTE" in (
        invoke("promise", plan).out
    )
    phone = channel_json(invoke, plan)["phone"]
    assert (phone["service_level"], phone["asa_seconds"]) == (0.8, 73.847)  # the ms, up
    assert whatif_row(invoke("whatif", plan).out, "as planned")[1:3] == ["1.225", "0.0"]
    # staff sizes the tenth that keeps it: 1.2 people wait with chance 0.8/4 + 0.2/36 =
    # 0.2056 (79.4%), 1.3 with 0.7/4 + 0.3/36 = 0.1833 (81.7%), ASA 0.1833 × 360/1.05 =
    # 62.86 s, 1m3s up.
    assert 1 - between(1.2, 0.25) < 0.8 < 1 - between(1.3, 0.25)
    told = invoke(
        "staff", "--kind", "voice", "--volume", "75/week", "--hours", "Mon-Fri 09:00-15:00",
        "--aht", "6m", "--target", "80% in 0s", "--shrinkage", "25%", "--paid-hours",
        "40/week",
    ).out  # fmt: skip
    assert "answer: 1.3 FTE, 1.30 on shift every open hour (the service level binds)" in told
    assert "achieved: service level 81.7%, ASA 1m3s, occupancy 19.2%" in told


def test_a_ten_thousandth_under_the_bound_misses_and_says_the_digits_that_tell(
    invoke: Invoke, tmp_path: Path
) -> None:
    # 1.2249 on shift: C = 0.7751/4 + 0.2249/36 = 0.2000222…, 79.99778% answered at once:
    # shown 79.998%, never "80.0%" beside a miss. The need is 1.3 FTE (above), +0.0751 FTE,
    # 0.0751 × 40,000 = 3,004 USD a year; the budget for 1.3 is 52,000 USD, 3,000 short.
    c = Fraction(7751, 10000) / 4 + Fraction(2249, 10000) / 36
    assert float(1 - c) == pytest.approx(0.7999778, abs=1e-7)
    report, _ = judged(at_once("1.2249"))
    told = said(report, "staffing-meets-targets")
    assert "needs 1.3 FTE, 1.30 on shift (2 on shift = 2 FTE all the time" in told
    assert "which answers 79.998% within the target time" in told
    assert "need 1.3 FTE × 40,000 USD = 52,000 USD; the budget gives 49,000 USD, 3,000 USD" in (
        said(report, "budget-funds-targets")
    )
    # promise: 80% are answered within 360·ln(C/0.2)/(1.2249 − 0.25) = 0.041 s, 1s up.
    kept = 360 * float(mp.log(mp.mpf(c.numerator) / c.denominator / mp.mpf(0.2))) / 0.9749
    assert kept == pytest.approx(0.041, abs=1e-3)
    plan = write(tmp_path, "under.yaml", at_once("1.2249"))
    assert "can keep 80% in 1s; declared 80% in 0s needs 1.3 FTE (plan 1.2249), 3,004 USD" in (
        invoke("promise", plan).out
    )
    out = invoke("whatif", plan).out
    assert whatif_row(out, "as planned")[:5] == ["misaligned", "1.3", "0.0751", "3,004", "USD"]
    assert "    as planned       79.998%" in out


# ---- 3. three channels pooled at 45% shrinkage in yen, one with no target ----------------------

POOL = (
    HEAD
    + """currency: JPY
period: {start: 2027-01-01, end: 2027-12-31}
strategy: universal
channels:
  - id: phone
    kind: voice
    hours: Mon-Fri 09:00-17:00
    volume: {contacts: 1200, per: week}
    handle_time: 4m
    target: {service_level: "80% in 20s"}
  - id: chat
    kind: chat
    hours: Mon-Fri 09:00-17:00
    volume: {contacts: 800, per: week}
    handle_time: 6m
    concurrency: 2
    target: {asa: 30s}
  - id: email
    kind: email
    hours: Mon-Fri 09:00-17:00
    volume: {contacts: 660, per: week}
    handle_time: 8m
staffing: {agents: 20, shrinkage: 45%, paid_hours_per_fte: 40/week, max_occupancy: 85%,
  loaded_cost_per_fte: 4_800_000}
budget: {total: 96_000_000, lines: {people: 96_000_000}}
"""
)

PER_POSITION = Fraction(40, 22)
"""FTE for one person on shift: 40 open hours a week over 40 × 0.55 = 22 productive."""


def chat_asa(on_shift: float) -> float:
    """ASA of 2 Erlangs of chat, two at a time: C between n·2 and (n + 1)·2 slots, cleared
    by the 2x slots' spare capacity, C·aht/(2x − A)."""
    n = int(on_shift)
    f = on_shift - n
    wait = (1 - f) * wait_chance(2 * n, 2.0) + f * wait_chance(2 * (n + 1), 2.0)
    return wait * 360 / (2 * on_shift - 2)


def test_three_channels_pooled_at_45_percent_shrinkage_one_without_a_target(
    invoke: Invoke, tmp_path: Path
) -> None:
    # Each channel's load over the 40 open hours: phone 1,200 × 4 min = 80 h, A = 2; chat
    # 800 × 6 min = 80 h, A = 2 over two slots each; email 660 × 8 min = 88 h, A = 2.2.
    # phone: 80% in 20 s needs 3.7850 on shift (4 whole: 85.3%), × 40/22 = 6.882 → 6.9 FTE
    # (6.8 FTE answer 78.9%, 6.9 80.2%).
    fpp = float(PER_POSITION)
    assert least_whole(2.0, 240, 0.8, 20) == 4
    assert least_x(2.0, 240, 0.8, 20) * fpp == pytest.approx(6.8818, abs=1e-4)
    assert sl_at(6.8 / fpp, 2.0, 240, 20) < 0.8 < sl_at(6.9 / fpp, 2.0, 240, 20)
    # chat: ASA 30 s; 3.6 FTE (1.98 on shift, 3.96 slots) wait 35.0 s, 3.7 FTE (2.035) 29.3 s.
    assert chat_asa(3.6 / fpp) > 30 > chat_asa(3.7 / fpp)
    # email, no target: its work at the 85% ceiling, 2.2/0.85 = 2.588 on shift = 4.706 FTE,
    # 4.8 to the tenth. The targets and the ceiling need 6.9 + 3.7 + 4.8 = 15.4 FTE.
    assert Fraction(22, 10) / Fraction(85, 100) * PER_POSITION == Fraction(80, 17)
    report, m = judged(POOL)
    needs = [m[c].needed_fte for c in ("phone", "chat", "email")]
    assert needs[:2] == [Fraction(69, 10), Fraction(37, 10)]
    assert needs[2] == Fraction(80, 17)  # the work at the ceiling, exactly; shown as 4.8
    assert warned(report) == {"target-stated"}  # only the email's missing promise
    # The 20 FTE go in proportion to those needs, to the millionth: 20 × 6.9/15.4 =
    # 8.961039, 20 × 3.7/15.4 = 4.805195, 20 × 4.8/15.4 = 6.233766 (6.2337662 → …66).
    shares = [m[c].planned_fte for c in ("phone", "chat", "email")]
    assert shares == [Fraction("8.961039"), Fraction("4.805195"), Fraction("6.233766")]
    x, y, z = (float(s) / fpp for s in shares)  # 4.9286, 2.6429, 3.4286 on shift
    assert m["phone"].service_level == pytest.approx(sl_at(x, 2.0, 240, 20), abs=1e-8)  # 94.7%
    assert m["chat"].asa == pytest.approx(chat_asa(y), abs=1e-3)  # 8.07 s
    assert m["email"].asa == pytest.approx(between(z, 2.2) * 480 / (z - 2.2), abs=1e-3)
    assert m["email"].occupancy == pytest.approx(2.2 / z, abs=1e-6)  # 64.2%
    # e-mail's 90% are answered within 480·ln(C/0.1)/(z − 2.2) = 548.40 s, 9m9s of open time.
    assert t_within_email(z) == pytest.approx(548.40, abs=0.01)
    plan = write(tmp_path, "pool.yaml", POOL)
    promised = invoke("promise", plan).out
    assert "phone: can keep 80% answered at once; declared 80% in 20s is kept by the planned " \
        "8.961039 FTE; 6.9 FTE would keep it" in promised  # fmt: skip
    assert "chat: can keep ASA 8.1s" in promised and "3.7 FTE would keep it" in promised
    email = (
        "email: no target stated; the planned staff give first response within 9m9s of open "
        "time (90%); its workload at the ceiling needs 4.8 FTE (plan 6.233766)"
    )
    assert email in promised
    # Whole heads all the time: 4 × 40/22 = 7.27 → 7.3, chat 3 → 5.45 → 5.5, email 4.8:
    # check -f json's required_fte beside the needs shown.
    data = channel_json(invoke, plan)
    assert [data[c]["required_fte"] for c in ("phone", "chat", "email")] == [7.3, 5.5, 4.8]
    assert [data[c]["needed_fte"] for c in ("phone", "chat", "email")] == [6.9, 3.7, 4.8]
    # report: on shift needed / planned, 6.9 × 22/40 = 3.795 → 3.80 up, 4.9286 → 4.92 down.
    invoke("report", plan, "-o", str(tmp_path / "pool.md"))
    table = (tmp_path / "pool.md").read_text(encoding="utf-8")
    assert "| phone | 80% in 20s | 6.9 | 8.961039 | 3.80 / 4.92 | 94.7% | 5.6s |" in table
    assert "| email | – | 4.8 | 6.233766 | 2.64 / 3.42 | – | 2m40s | 9m9s of open time |" in table
    # The 15.4 FTE are the targets' 6.9 + 3.7 and the e-mail line's work at the ceiling,
    # 4.8, which is no target: said so (it read "the 15.4 FTE the targets need").
    assert (
        "The planned 20.0 FTE cover the 15.4 FTE the targets and the work of email at the "
        "occupancy ceiling (no target) need;"
    ) in table
    # whatif: volume +10% needs 16.6 FTE, still inside the 20: no extra cost.
    row = whatif_row(invoke("whatif", plan).out, "volume +10%")
    assert row[1:4] == ["16.6", "0.0", "–"], row


def t_within_email(on_shift: float) -> float:
    """Time within which the e-mail team answers 90%: 480·ln(C/0.1)/(x − 2.2)."""
    return 480 * float(mp.log(between(on_shift, 2.2) / 0.1)) / (on_shift - 2.2)


# ---- 4. callers who hang up after a second, and after an hour, in Kuwaiti dinars ---------------

PATIENT = (
    HEAD
    + """currency: KWD
period: {start: 2027-01-01, end: 2027-12-31}
strategy: universal
channels:
  - id: phone
    kind: voice
    hours: Mon-Fri 09:00-17:00
    volume: {contacts: 1200, per: week}
    handle_time: 4m
    patience: PATIENCE
    target: {service_level: "80% in 20s", abandonment_max: 5%}
    agents: 6
staffing: {agents: 6, shrinkage: 20%, paid_hours_per_fte: 40/week, max_occupancy: 85%,
  loaded_cost_per_fte: 12345.678}
budget: {total: 74074.068, lines: {people: 74074.068}}
"""
)


def patient(patience: str) -> str:
    return PATIENT.replace("PATIENCE", patience)


def weighed(x: float, patience: float) -> tuple[float, float]:
    """Erlang A between whole headcounts: (share who hang up, share answered within 20 s)."""
    n = int(x)
    f = x - n
    lost = [erlang_a_chain(k, 2.0, 240, patience)[0] for k in (n, n + 1)]
    kept = [answered_within(k, 2.0, 240, patience, 20) for k in (n, n + 1)]
    return (1 - f) * lost[0] + f * lost[1], (1 - f) * kept[0] + f * kept[1]


def erlang_b(n: int, a: float) -> float:
    with mp.workdps(40):
        terms = [mp.mpf(a) ** k / mp.factorial(k) for k in range(n + 1)]
        return float(terms[-1] / mp.fsum(terms))


def test_callers_who_hang_up_after_a_second_are_nearly_a_loss_system(
    invoke: Invoke, tmp_path: Path
) -> None:
    # A = 1,200 × 4 min ÷ 40 h = 2 Erlangs; 1 FTE works 32 h: 6 FTE are 4.8 on shift (four
    # people 20% of the time, five 80%). With a patience of one second, a caller who finds
    # everyone busy is almost always gone before a person is free: the loss is nearly
    # Erlang B's, B(4, 2) = 0.0952 and B(5, 2) = 0.0367, 4.84% between them; the chain gives
    # a little less, 4.786% (a few are answered in their second), under the 5% ceiling.
    assert 0.2 * erlang_b(4, 2.0) + 0.8 * erlang_b(5, 2.0) == pytest.approx(0.048405, abs=1e-6)
    lost, kept = weighed(4.8, 1)
    assert lost == pytest.approx(0.047864, abs=1e-6) and kept == pytest.approx(0.952136, abs=1e-6)
    report, m = judged(patient("1s"))
    p = m["phone"]
    assert p.abandonment == pytest.approx(lost, abs=1e-12)
    assert p.service_level == pytest.approx(kept, abs=1e-9)
    assert not {"staffing-meets-targets", "abandonment-max"} & warned(report)
    # 5.9 FTE (4.72 on shift) lose 5.25%: 6 is the least tenth, the need shown; whole people
    # all the time need 5 on shift = 6.25 FTE → 6.3.
    assert weighed(5.9 / 1.25, 1)[0] > 0.05
    assert (p.needed_fte, p.required_fte) == (6, Fraction(25, 4))  # 6.25, shown as 6.3
    plan = write(tmp_path, "second.yaml", patient("1s"))
    assert "abandonment at most 4.8%; declared 80% in 20s, abandonment at most 5% is kept by " \
        "the planned 6 FTE" in invoke("promise", plan).out  # fmt: skip
    phone = channel_json(invoke, plan)["phone"]
    assert phone["abandonment"] == pytest.approx(lost, abs=1e-12)
    told = invoke(
        "staff", "--kind", "voice", "--volume", "1200/week", "--hours", "Mon-Fri 09:00-17:00",
        "--aht", "4m", "--patience", "1s", "--target", "80% in 20s", "--abandonment-max", "5%",
        "--shrinkage", "20%", "--paid-hours", "40/week",
    ).out  # fmt: skip
    assert "answer: 6 FTE, 4.80 on shift every open hour (abandonment binds)" in told
    assert "4.8% hanging up" in told


def test_a_three_percent_ceiling_on_callers_who_leave_after_a_second(
    invoke: Invoke, tmp_path: Path
) -> None:
    # Whole people: 5 lose 3.62%, 6 lose 1.19%. 6.5 FTE (5.2 on shift) lose 0.8 × 3.62% +
    # 0.2 × 1.19% = 3.14%, 6.6 FTE (5.28) 2.94%: 6.6 is the need, 0.6 × 12,345.678 =
    # 7,407.4068 → 7,407.407 KWD a year more; 6.6 × 12,345.678 = 81,481.4748 → 81,481.475.
    assert erlang_a_chain(5, 2.0, 240, 1)[0] == pytest.approx(0.036235, abs=1e-6)
    assert erlang_a_chain(6, 2.0, 240, 1)[0] == pytest.approx(0.011886, abs=1e-6)
    assert weighed(6.5 / 1.25, 1)[0] > 0.03 > weighed(6.6 / 1.25, 1)[0]
    assert money(Fraction("6.6") * Fraction("12345.678"), 3) == Decimal("81481.475")
    text = patient("1s").replace("abandonment_max: 5%", "abandonment_max: 3%")
    report, _ = judged(text)
    assert "needs 6.6 FTE, 5.28 on shift (6 on shift = 7.5 FTE all the time; abandonment " \
        "binds)" in said(report, "staffing-meets-targets")  # fmt: skip
    assert said(report, "abandonment-max") == (
        "phone: with the planned agents 4.8% of callers are expected to hang up; the ceiling is 3%"
    )
    assert "need 6.6 FTE × 12,345.678 KWD = 81,481.475 KWD; the budget gives 74,074.068 KWD, " \
        "7,407.407 KWD short" in said(report, "budget-funds-targets")  # fmt: skip
    plan = write(tmp_path, "three.yaml", text)
    assert "needs 6.6 FTE (plan 6), 7,407.407 KWD a year more" in invoke("promise", plan).out
    assert whatif_row(invoke("whatif", plan).out, "as planned")[:5] == [
        "misaligned", "6.6", "0.6", "7,407.407", "KWD",
    ]  # fmt: skip
    invoke("fix", plan, "--in-place")
    fixed = Path(plan).read_text(encoding="utf-8")
    assert "agents: 6.6" in fixed and "people: 81481.475" in fixed
    assert judged(fixed)[0].verdict == "aligned"


def test_callers_who_wait_an_hour_are_nearly_erlang_c(invoke: Invoke, tmp_path: Path) -> None:
    # Patience of an hour, fifteen handle times: hardly anyone leaves, 0.203%, and 93.48%
    # are answered within 20 s, a hair over Erlang C's 93.46% for 4.8 on shift (the few who
    # leave shorten the line).
    lost, kept = weighed(4.8, 3600)
    assert lost == pytest.approx(0.0020343, abs=1e-7)
    assert kept == pytest.approx(0.934834, abs=1e-6)
    assert sl_at(4.8, 2.0, 240, 20) == pytest.approx(0.934634, abs=1e-6)
    assert sl_at(4.8, 2.0, 240, 20) < kept
    _, m = judged(patient("1h"))
    p = m["phone"]
    assert p.abandonment == pytest.approx(lost, abs=1e-12)
    assert p.service_level == pytest.approx(kept, abs=1e-9)
    # 4.7 FTE (3.76 on shift) answer 79.96% within 20 s, 4.8 (3.84) 81.9%: 4.8 FTE keep the
    # targets; whole people all the time need 4 on shift = 5 FTE exactly, no rounding up.
    assert weighed(4.7 / 1.25, 3600)[1] < 0.8 < weighed(4.8 / 1.25, 3600)[1]
    assert (p.needed_fte, p.required_fte) == (Fraction(48, 10), 5)
    plan = write(tmp_path, "hour.yaml", patient("1h"))
    out = invoke("promise", plan).out
    assert "abandonment at most 0.3%" in out and "4.8 FTE would keep it" in out
    # Patience past an hour is refused where it is written.
    refused = invoke("check", write(tmp_path, "ten.yaml", patient("10h")))
    assert refused.code == 2
    assert "ten.yaml:13:15: channels[phone].patience: patience 10h is more than an hour" in (
        refused.err
    )


# ---- 5. a morning whose peak hour rules the staffing, in yen ----------------------------------

MORNING = (
    HEAD
    + """currency: JPY
period: {start: 2027-01-01, end: 2027-12-31}
strategy: universal
channels:
  - id: phone
    kind: voice
    hours: Mon-Fri 09:00-12:00
    volume:
      interval: 1h
      intervals:
        - {at: "09:00", contacts: 30}
        - {at: "10:00", contacts: 120}
        - {at: "11:00", contacts: 30}
    handle_time: 4m
    target: {service_level: "80% in 20s"}
    agents: 3
staffing: {agents: 3, shrinkage: 25%, paid_hours_per_fte: 40/week, max_occupancy: 85%,
  loaded_cost_per_fte: 5_000_000}
budget: {total: 15_000_000, lines: {people: 15_000_000}}
"""
)
COUNTS = [30, 120, 30]
LOADS = [c * 240 / 3600 for c in COUNTS]  # 2, 8 and 2 Erlangs


def morning_level(fte: float, loads: list[float] = LOADS) -> float:
    """The morning's service level with ``fte`` following the forecast: each hour n × fte ÷
    need people, the hours' shares weighted by their calls."""
    needs = [least_whole(a, 240, 0.8, 20) for a in loads]
    need = sum(needs) * 5 / 30  # position-hours a week over 30 productive hours an FTE
    levels = [sl_at(n * fte / need, a, 240, 20) for n, a in zip(needs, loads, strict=True)]
    return sum(c * s for c, s in zip(COUNTS, levels, strict=True)) / sum(COUNTS)


def test_the_peak_hour_rules_the_staffing(invoke: Invoke, tmp_path: Path) -> None:
    # Each hour's least whole people for 80% in 20 s: 4 for 2 Erlangs, 11 for 8 (10 answer
    # 65.4%, 11 80.9%). 19 position-hours a day × 5 = 95 a week over 30 productive hours:
    # 3.1667 FTE, 3.2 to the tenth; the peak's 11 rule it.
    needs = [least_whole(a, 240, 0.8, 20) for a in LOADS]
    assert needs == [4, 11, 4]
    report, m = judged(MORNING)
    p = m["phone"]
    assert float(p.required_fte) == pytest.approx(95 / 30, abs=1e-12)
    assert p.required_positions == 11
    # 3 FTE follow the forecast: 3/3.1667 = 0.947 of each hour's need, 10.42 at 10:00 for 8
    # Erlangs (72.2%, 76.8% busy), 3.79 either side (80.1%). The morning answers Σ c·SL ÷
    # Σ c = 74.8%; 3.1 FTE answer 79.4% and 3.2 83.3%: 3.2 is the need, 0.2 × 5,000,000 =
    # 1,000,000 JPY a year, and 16,000,000 against the 15,000,000 budget.
    assert float(p.planned_positions) == pytest.approx(11 * 3 / (95 / 30), abs=1e-3)
    assert sl_at(11 * 3 / (95 / 30), 8.0, 240, 20) == pytest.approx(0.7221, abs=1e-4)
    assert p.service_level == pytest.approx(morning_level(3.0), abs=1e-9)
    assert morning_level(3.1) < 0.8 < morning_level(3.2) and p.needed_fte == Fraction(16, 5)
    assert p.highest_occupancy == pytest.approx(8 / (11 * 3 / (95 / 30)), abs=1e-9)
    assert "needs 11 on shift at the busiest = 3.2 FTE" in said(report, "staffing-meets-targets")
    assert "which answers 74.8% within the target time" in said(report, "staffing-meets-targets")
    assert "3.2 FTE × 5,000,000 JPY = 16,000,000 JPY; the budget gives 15,000,000 JPY, " \
        "1,000,000 JPY short" in said(report, "budget-funds-targets")  # fmt: skip
    assert any("lowest 72.2% at 10:00" in a for a in report.metrics.assumptions)
    plan = write(tmp_path, "morning.yaml", MORNING)
    # promise: the morning answers 80% within 44.46 s, 45s up.
    lo, hi = 0.0, 200.0
    for _ in range(100):
        mid = (lo + hi) / 2
        day = sum(
            c * sl_at(n * 3 / (95 / 30), a, 240, mid)
            for c, n, a in zip(COUNTS, needs, LOADS, strict=True)
        ) / sum(COUNTS)
        lo, hi = (lo, mid) if day >= 0.8 else (mid, hi)
    assert hi == pytest.approx(44.46, abs=0.01)
    assert "phone: can keep 80% in 45s; declared 80% in 20s needs 3.2 FTE (plan 3), " \
        "1,000,000 JPY a year more" in invoke("promise", plan).out  # fmt: skip
    # whatif, volume +10%: 2.2, 8.8, 2.2 Erlangs need 4, 12, 4: 100 position-hours, 3.333
    # FTE; 3.3 answer 79.98%, 3.4 83.2%: 3.4, 0.4 more, 2,000,000 JPY a year.
    more = [a * 1.1 for a in LOADS]
    assert [least_whole(a, 240, 0.8, 20) for a in more] == [4, 12, 4]
    assert morning_level(3.3, more) < 0.8 < morning_level(3.4, more)
    out = invoke("whatif", plan).out
    assert whatif_row(out, "volume +10%")[:5] == ["misaligned", "3.4", "0.4", "2,000,000", "JPY"]
    assert "74.8%     33s          –  66.7% (76.8% at 10:00)" in out
    # staff for the peak hour alone: 120 calls of 4 min an hour, 11 on shift.
    told = invoke("staff", "--volume", "120/h", "--aht", "4m", "--target", "80/20").out
    assert "answer: 11 agents on shift (the service level binds)" in told


# ---- 6. shapes the plan format refuses -------------------------------------------------------


def test_a_fractional_concurrency_and_shrinkage_in_parts_are_refused_where_written(
    invoke: Invoke, tmp_path: Path
) -> None:
    # Concurrency counts chats a person holds at once, a whole number; shrinkage is one
    # share of paid time. Each is exit 2 at its file:line:col, no traceback.
    text = POOL.replace("concurrency: 2", "concurrency: 2.5").replace(
        "shrinkage: 45%", "shrinkage: {absence: 30%, training: 5%, breaks: 10%}"
    )
    result = invoke("check", write(tmp_path, "parts.yaml", text))
    assert result.code == 2 and "Traceback" not in result.err
    assert "parts.yaml:19:18: channels[chat].concurrency: expected a whole number" in result.err
    assert "parts.yaml:26:35: staffing.shrinkage:" in result.err


MIXED = (
    HEAD
    + """currency: USD
period: {start: 2027-01-01, end: 2027-12-31}
strategy: universal
channels:
  - {id: phone, kind: voice, hours: Mon-Fri 09:00-17:00, volume: {contacts: 1200, per: week},
     handle_time: 4m, target: {service_level: "80% in 20s"}, agents: 4}
  - {id: email, kind: email, hours: Mon-Fri 09:00-17:00, volume: {contacts: 900, per: week},
     handle_time: 8m, agents: 3}
  - {id: backoffice, kind: email, hours: Mon-Fri 09:00-17:00, volume: {contacts: 100, per: week},
     handle_time: 8m, target: {first_response: 1 business day}, agents: 2}
staffing: {agents: 9, shrinkage: 30%, paid_hours_per_fte: 40/week, loaded_cost_per_fte: 40000}
budget: {total: 360000, lines: {people: 360000}}
"""
)


def test_the_report_names_the_work_of_a_line_with_no_target_beside_the_targets(
    invoke: Invoke, tmp_path: Path
) -> None:
    # An FTE works 28 h of the 40 open: 40/28 FTE a position. phone: 2 Erlangs, 80% in 20 s
    # at 3.7850 on shift = 5.407 → 5.5 FTE; email (no target): 120 h over 40 = 3 Erlangs at
    # the 85% ceiling, 3.529 on shift = 5.042 → 5.1 FTE; backoffice: a hair over 1/3
    # Erlang answers 90% within a business day, 0.524 → 0.6 FTE (its 2 keep it). 11.2 in
    # all, of which 5.1 is no target's: the report said "Keeping every declared target needs
    # 11.2 FTE" and the budget "below what the targets need" (calc61).
    fpp = 40 / 28
    assert least_x(2.0, 240, 0.8, 20) * fpp == pytest.approx(5.4071, abs=1e-4)
    assert 3 / 0.85 * fpp == pytest.approx(5.0420, abs=1e-4)
    assert least_x(1 / 3, 480, 0.9, 8 * 3600) * fpp == pytest.approx(0.5243, abs=1e-4)
    plan = write(tmp_path, "mixed.yaml", MIXED)
    invoke("report", plan, "-o", str(tmp_path / "mixed.md"))
    take = (tmp_path / "mixed.md").read_text(encoding="utf-8")
    assert (
        "Keeping every declared target, and up with the work of email at the occupancy "
        "ceiling (no target), needs **11.2 FTE** (planned: 9.0, 9.0 of them on channels):"
    ) in take
    assert (
        "| the people budget is below what the targets and the work of email at the occupancy "
        "ceiling (no target) need | 2.2 FTE | 88,000 USD a year |"
    ) in take
