"""staffing-meets-targets: the planned staff keep every stated target."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import pytest

from tests.rules.conftest import REMOVE, RunRule, check_plan, line_of, plan

RULE = "staffing-meets-targets"
# 40 paid hours a week less 30% shrinkage are 28 productive hours a week, exactly: a 24x7
# position (168 h a week) takes 168 ÷ 28 = 6 FTE, so every 6 FTE are one person on shift.
# BASE's phone line: 10 calls an hour of 6 min = 1 Erlang.
WEEK = "40/week"


def phone(fte: float, **fields: Any) -> dict[str, Any]:
    """BASE's phone line with ``fte`` planned on it (and in total)."""
    return plan(
        {
            "channels": {"phone": {"agents": fte, **fields}},
            "staffing": {"agents": fte, "paid_hours_per_fte": WEEK},
        }
    )


def waits(n: int, load: Fraction) -> Fraction:
    """Erlang C: the chance a contact waits with n agents on ``load`` Erlangs, exactly (1
    when they cannot keep up)."""
    if n <= load:
        return Fraction(1)
    top = load**n / math.factorial(n) * n / (n - load)
    return top / (sum(load**k / math.factorial(k) for k in range(n)) + top)


def answered(servers: Fraction, load: Fraction, aht: float, within: float) -> float:
    """Share answered within ``within`` seconds, computed here without cs-align's code. A
    fractional headcount is read as README "How plans are sized" says: the chance of
    waiting weighted between the two whole headcounts, cleared by the spare capacity of all
    ``servers``: 1 − C·exp(−(servers − load)·T ÷ aht)."""
    n = math.floor(servers)
    share = servers - n
    wait = (1 - share) * waits(n, load) + share * waits(n + 1, load)
    return 1 - float(wait) * math.exp(-float(servers - load) * within / aht)


def abandonment(agents: int, per_hour: float, aht_h: float, patience_h: float) -> float:
    """Share of callers who hang up in M/M/N+M (Erlang A), from its birth–death chain."""
    lam, mu, theta = per_hour, 1 / aht_h, 1 / patience_h
    weights, weight = [1.0], 1.0
    for n in range(1, 400):
        weight *= lam / (min(n, agents) * mu + max(0, n - agents) * theta)
        weights.append(weight)
    waiting = sum(max(0, n - agents) * w for n, w in enumerate(weights)) / sum(weights)
    return theta * waiting / lam


def least_tenth(keeps: Any, start: int = 1) -> int:
    """The fewest tenths of an FTE (6 FTE a position, see WEEK) whose positions keep the
    target, counted up one tenth at a time: the need a plan that misses is told, and what
    `fix` writes (review calc29 F3: it was told whole headcounts all the time)."""
    tenths = start
    while not keeps(Fraction(tenths, 60)):
        tenths += 1
    return tenths


def test_three_on_shift_keep_eighty_percent_in_twenty_seconds(run_rule: RunRule) -> None:
    # 18 FTE = 3 on shift. C(3, 1 Erlang) = (1/6 × 3/2) ÷ (1 + 1 + 1/2 + 1/4) = 1/11;
    # 1 − 1/11 × e^(−(3 − 1) × 20/360) = 91.9% within 20 s.
    assert waits(3, Fraction(1)) == Fraction(1, 11)
    assert answered(Fraction(3), Fraction(1), 360, 20) == pytest.approx(0.919, abs=5e-4)
    assert run_rule(RULE, phone(18)) == []
    assert run_rule(RULE, plan()) == []  # 22 FTE × 1,260 h ÷ 8,766 h = 3.16 on shift


def test_two_on_shift_miss_it_with_the_headcount_needed(run_rule: RunRule) -> None:
    # 12 FTE = 2 on shift. C(2, 1) = (1/2 × 2) ÷ (1 + 1 + 1) = 1/3;
    # 1 − 1/3 × e^(−20/360) = 68.5% within 20 s; ASA = C × aht ÷ (2 − 1) = 120 s.
    # The target needs 3 on shift all the time (91.9%, above) = 3 × 6 = 18 FTE; judged as
    # planned FTE are, 14.9 FTE = 2.4833 on shift keep it (C = 0.5167/3 + 0.4833/11 = 0.2162,
    # 1 − 0.2162 × e^(−1.4833 × 20/360) = 80.09%), 14.8 (2.4667 on shift) answer 79.70%.
    # Shown: 14.9 ÷ 6 = 2.48333 on shift, a need rounded up to the hundredth: 2.49 (2.48 on
    # shift would be 14.88 FTE, short of the need; review left37).
    assert waits(2, Fraction(1)) == Fraction(1, 3)
    assert answered(Fraction(2), Fraction(1), 360, 20) == pytest.approx(0.685, abs=5e-4)
    assert least_tenth(lambda x: answered(x, Fraction(1), 360, 20) >= 0.8, 120) == 149
    assert answered(Fraction(149, 60), Fraction(1), 360, 20) == pytest.approx(0.8009, abs=5e-5)
    assert answered(Fraction(148, 60), Fraction(1), 360, 20) == pytest.approx(0.7970, abs=5e-5)
    data = phone(12)
    (found,) = run_rule(RULE, data)
    assert found.message == (
        "phone: 80% in 20s needs 14.9 FTE, 2.49 on shift (3 on shift = 18 FTE all the time; "
        "the service level binds); plan has 12 FTE (2 on shift), which answers 68.5% within "
        "the target time, with ASA 2m; it misses the service level"
    )
    assert found.path == "channels[phone].target" and found.line == line_of(data, "target:")
    assert found.fix == (
        "plan 14.9 FTE for phone (+2.9), or promise what the staff can keep (`cs-align promise`)"
    )


def test_a_fractional_headcount_is_judged_between_two_whole_ones(run_rule: RunRule) -> None:
    # 15 FTE = 2.5 on shift: C = ½ × 1/3 + ½ × 1/11 = 7/33, cleared at (2.5 − 1) ÷ 360 s:
    # 1 − 7/33 × e^(−1.5 × 20/360) = 80.5% ≥ 80%, kept without a third whole person.
    assert answered(Fraction(5, 2), Fraction(1), 360, 20) == pytest.approx(0.805, abs=5e-4)
    assert run_rule(RULE, phone(15)) == []
    # 14.4 FTE = 2.4 on shift: C = 0.6 × 1/3 + 0.4 × 1/11 = 13/55;
    # 1 − 13/55 × e^(−1.4 × 20/360) = 78.1%; ASA = 13/55 × 360 ÷ 1.4 = 60.8 s.
    # The need, 14.9 FTE = 2.48333 on shift, reads 2.49 (up); the planned 2.40 exactly (down).
    assert answered(Fraction(12, 5), Fraction(1), 360, 20) == pytest.approx(0.781, abs=5e-4)
    assert float(Fraction(13, 55) * 360 / Fraction(7, 5)) == pytest.approx(60.8, abs=0.05)
    (found,) = run_rule(RULE, phone(14.4))
    assert found.message == (
        "phone: 80% in 20s needs 14.9 FTE, 2.49 on shift (3 on shift = 18 FTE all the time; "
        "the service level binds); plan has 14.4 FTE (2.40 on shift), which answers 78.1% "
        "within the target time, with ASA 1m1s; it misses the service level"
    )
    assert found.fix.startswith("plan 14.9 FTE for phone (+0.5)")  # as the test above


def test_an_asa_target_is_judged_on_the_average_wait(run_rule: RunRule) -> None:
    asa_only = {"target": {"service_level": REMOVE, "asa": "30s"}}
    # 3 on shift: ASA = 1/11 × 360 ÷ (3 − 1) = 16.4 s ≤ 30 s.
    assert float(waits(3, Fraction(1)) * 360 / 2) == pytest.approx(16.4, abs=0.05)
    assert run_rule(RULE, phone(18, **asa_only)) == []

    # 2 on shift: ASA = 1/3 × 360 ÷ 1 = 120 s > 30 s. 16.7 FTE = 2.7833 on shift:
    # C = 0.2167/3 + 0.7833/11 = 0.1434, ASA = 0.1434 × 360 ÷ 1.7833 = 28.96 s ≤ 30 s;
    # 16.6 FTE: C = 0.2333/3 + 0.7667/11 = 0.1475, ASA = 0.1475 × 360 ÷ 1.7667 = 30.05 s.
    # Shown: 16.7 ÷ 6 = 2.78333 on shift, rounded up as a need: 2.79.
    def asa(x: Fraction) -> float:
        share = x - 2
        return float(
            ((1 - share) * waits(2, Fraction(1)) + share * waits(3, Fraction(1))) * 360 / (x - 1)
        )

    assert least_tenth(lambda x: asa(x) <= 30, 120) == 167
    assert (asa(Fraction(167, 60)), asa(Fraction(166, 60))) == pytest.approx(
        (28.96, 30.05), abs=0.01
    )
    (found,) = run_rule(RULE, phone(12, **asa_only))
    assert found.message == (
        "phone: ASA 30s needs 16.7 FTE, 2.79 on shift (3 on shift = 18 FTE all the time; the "
        "ASA binds); plan has 12 FTE (2 on shift), which gives ASA 2m; it misses the ASA"
    )


def test_an_abandonment_ceiling_is_judged_with_patience(run_rule: RunRule) -> None:
    ceiling = {"patience": "1m", "target": {"service_level": REMOVE, "abandonment_max": "5%"}}
    # Erlang A, λ = 10 an hour, μ = 10 an hour (6 min), θ = 60 an hour (1 min patience):
    # 3 agents lose 4.7% (≤ 5%), 2 agents lose 16.9%.
    assert abandonment(3, 10, 0.1, 1 / 60) == pytest.approx(0.0473, abs=5e-4)
    assert abandonment(2, 10, 0.1, 1 / 60) == pytest.approx(0.169, abs=5e-4)
    assert run_rule(RULE, phone(18, **ceiling)) == []
    # Between them the two headcounts' figures are weighted by the time each is on shift:
    # 17.9 FTE = 2.9833 on shift lose 0.0167 × 16.9% + 0.9833 × 4.73% = 4.93% (≤ 5%);
    # 17.8 FTE (2.9667) lose 0.0333 × 16.9% + 0.9667 × 4.73% = 5.14%.
    # Shown: 17.9 ÷ 6 = 2.98333 on shift, rounded up as a need: 2.99.
    a2, a3 = abandonment(2, 10, 0.1, 1 / 60), abandonment(3, 10, 0.1, 1 / 60)
    assert least_tenth(lambda x: float((3 - x) * a2 + (x - 2) * a3) <= 0.05, 120) == 179
    (found,) = run_rule(RULE, phone(12, **ceiling))
    assert found.message == (
        "phone: abandonment at most 5% needs 17.9 FTE, 2.99 on shift (3 on shift = 18 FTE all "
        "the time; abandonment binds); plan has 12 FTE (2 on shift), which gives 16.9% hanging "
        "up; it misses the abandonment ceiling"
    )


def test_staff_that_cannot_keep_up_are_named_as_such(run_rule: RunRule) -> None:
    # 6 FTE = 1 on shift on 1 Erlang: utilisation 100%, the queue never clears. The need,
    # 14.9 FTE = 14.9 ÷ 6 = 2.48333 on shift, reads 2.49 (a need rounded up).
    (found,) = run_rule(RULE, phone(6))
    assert found.message == (
        "phone: 80% in 20s needs 14.9 FTE, 2.49 on shift (3 on shift = 18 FTE all the time; "
        "the service level binds); plan has 6 FTE (1 on shift), which cannot keep up (the "
        "queue grows without bound); it misses the service level"
    )
    assert found.fix.startswith("plan 14.9 FTE for phone (+8.9)")  # 14.9: see above


def test_a_short_written_target_is_sized_as_a_queue(run_rule: RunRule) -> None:
    def email(fte: float) -> dict[str, Any]:
        return plan(
            {
                "channels": {
                    "phone": {"agents": 18},
                    "email": {
                        "kind": "email",
                        "volume": "840/week",
                        "handle_time": "6m",
                        "target": {"first_response": "30m"},
                        "agents": fte,
                    },
                },
                "staffing": {"agents": 18 + fte, "paid_hours_per_fte": WEEK},
            }
        )

    # 840 mails a week × 6 min = 84 h of work in 168 h: 0.5 Erlang. One person on shift
    # (6 FTE): M/M/1 leaves ½ × e^(−(1 − ½) × 1,800/360) = 4.1% waiting over 30 min, so
    # 95.9% are answered within it (≥ 90%, how a first response is read).
    assert answered(Fraction(1), Fraction(1, 2), 360, 1800) == pytest.approx(0.959, abs=5e-4)
    assert run_rule(RULE, email(6)) == []
    # Part of the time nobody is on shift, and a mail that arrives then waits in the inbox
    # for the next person (review calc31 F7: it was counted never answered in time up to an
    # hour's target, and waiting past it): the chance of waiting is weighted between nobody
    # (1) and one person (½), cleared by the spare capacity of the x on shift. 5.1 FTE =
    # 0.85 on shift: (0.15 + 0.85 × ½) × e^(−0.35 × 1,800/360) = 9.99% wait past 30 min;
    # 5.0 FTE (0.8333): 11.02%.
    assert least_tenth(lambda x: answered(x, Fraction(1, 2), 360, 1800) >= 0.9) == 51
    assert answered(Fraction(51, 60), Fraction(1, 2), 360, 1800) == pytest.approx(0.9001, abs=5e-5)
    data = email(1)  # 1 ÷ 6 = 0.1667 on shift (cut down: 0.16), under the 0.5 Erlang
    (found,) = run_rule(RULE, data)
    assert found.message == (
        "email: first response within 30m needs 5.1 FTE, 0.85 on shift (1 on shift = 6 FTE "
        "all the time; the first-response time binds); plan has 1 FTE (0.16 on shift), which "
        "cannot keep up (the queue grows without bound); it misses the first-response time"
    )
    assert found.path == "channels[email].target"


def test_the_docstring_example_needs_about_sixty_fte(run_rule: RunRule) -> None:
    # Default paid hours: 2,080 a year × 70% = 1,456 productive h; a 24x7 position is
    # 8,766 ÷ 1,456 = 6.02 FTE. 40,000 calls a month ÷ 730.5 h × 7.5 min = 6.845 Erlangs.
    # Erlang C at 20 s: 9 agents answer 68.2%, 10 answer 82.7% → 10 on shift = 60.21 FTE,
    # shown as the 60.3 that covers it (60.2 would be 9.998 on shift).
    # 20 FTE are 20 × 1,456 ÷ 8,766 = 3.32 on shift, under the 6.85 Erlangs of work.
    load = Fraction(40000 * 12, 8766) * Fraction(450, 3600)
    assert float(load) == pytest.approx(6.845, abs=5e-4)
    assert answered(Fraction(9), load, 450, 20) == pytest.approx(0.682, abs=5e-4)
    assert answered(Fraction(10), load, 450, 20) == pytest.approx(0.827, abs=5e-4)
    assert float(10 * Fraction(8766, 1456)) == pytest.approx(60.21, abs=5e-3)
    data = plan(
        {
            "channels": {"phone": {"volume": "40000/month", "handle_time": "7m30s", "agents": 20}},
            "staffing": {"agents": 20, "paid_hours_per_fte": REMOVE},
        }
    )

    # Judged as planned FTE are, 59.1 FTE = 59.1 × 1,456 ÷ 8,766 = 9.816 on shift keep it:
    # C = 0.184 × C(9) + 0.816 × C(10), cleared at (9.816 − 6.845) × 20 ÷ 450.
    def kept(fte: Fraction) -> float:
        return answered(fte * Fraction(1456, 8766), load, 450, 20)

    assert kept(Fraction(591, 10)) >= 0.8 > kept(Fraction(590, 10))
    (found,) = run_rule(RULE, data)
    assert found.message == (
        "phone: 80% in 20s needs 59.1 FTE, 9.82 on shift (10 on shift = 60.3 FTE all the "
        "time; the service level binds); plan has 20 FTE (3.32 on shift), which cannot keep "
        "up (the queue grows without bound); it misses the service level"
    )


def test_the_shortfall_allowed_is_an_option(run_rule: RunRule) -> None:
    # 12 FTE planned, 14.9 needed (see above): 2.9 FTE short.
    assert run_rule(RULE, phone(12), tolerance_fte=2.9) == []
    assert len(run_rule(RULE, phone(12), tolerance_fte=2.8)) == 1


def test_the_occupancy_ceiling_is_not_a_target() -> None:
    # 18 FTE = 3 on shift on 1 Erlang: 1/3 = 33.3% occupied, above a 30% ceiling; the
    # 80%-in-20s target is kept (91.9%). Only occupancy-cap speaks of the ceiling.
    data = phone(18)
    data["staffing"]["max_occupancy"] = "30%"
    on_phone = [f.rule for f in check_plan(data) if f.path.startswith("channels[phone]")]
    assert on_phone == ["occupancy-cap"]


def test_without_a_target_or_a_volume_there_is_nothing_to_keep(run_rule: RunRule) -> None:
    assert run_rule(RULE, phone(6, target=REMOVE)) == []  # target-stated flags it
    assert run_rule(RULE, phone(6, volume=REMOVE)) == []  # volume-stated flags it
    assert run_rule(RULE, phone(0, staffed_by="bots")) == []


def test_it_is_an_error_in_every_strategy() -> None:
    for strategy in (None, "fast-food", "automated"):
        found = [f for f in check_plan(phone(12), strategy) if f.rule == RULE]
        assert [(f.severity, f.path) for f in found] == [("error", "channels[phone].target")]


def test_a_near_miss_is_shown_as_a_miss_and_the_need_as_what_covers_it(run_rule: RunRule) -> None:
    # 14.87 FTE = 2.4783 on shift for 1 Erlang: the chance of waiting weighs C(2) = 1/3 and
    # C(3) = 1/11 as 0.5217 : 0.4783, so 1 − 0.2174 × e^(−1.4783 × 20/360) = 79.977% answer
    # within 20 s: short of 80%, and shown so ("79.98%", never "80%"). 80% needs 14.9 FTE
    # (see above). The plan's own 14.87 is shown as written, not as "14.9", and its 2.4783
    # on shift cut down, 2.47, never at the 2.48 the need puts there (review calc51 W1).
    share = answered(Fraction(1487, 600), Fraction(1), 360, 20)
    assert share == pytest.approx(0.79977, abs=5e-6) and share < 0.8
    (found,) = run_rule(RULE, phone(14.87))
    assert "plan has 14.87 FTE (2.47 on shift), which answers 79.98% within" in found.message
    assert found.fix.startswith("plan 14.9 FTE for phone (+0.03)")


def test_a_need_is_rounded_up_to_the_tenth_that_covers_it(run_rule: RunRule) -> None:
    # 40,000 calls a month at 7.5 min need 10 on shift = 10 × 8,766/1,456 = 60.206 FTE by
    # default paid hours: "60.3" (60.2 FTE would be 9.998 on shift, one short of the need
    # for part of the time).
    data = plan(
        {
            "channels": {"phone": {"volume": "40000/month", "handle_time": "7m30s", "agents": 59}},
            "staffing": {"agents": 59, "paid_hours_per_fte": REMOVE},
        }
    )
    assert 60.2 < 10 * 8766 / 1456 <= 60.3
    (found,) = run_rule(RULE, data)
    assert "(10 on shift = 60.3 FTE all the time;" in found.message
    # Judged as planned FTE are, 59.1 keep the target (the docstring example's test): the
    # plan is 0.1 FTE short, not 1.3 (review calc29 F3).
    assert "needs 59.1 FTE, 9.82 on shift" in found.message
    assert found.fix.startswith("plan 59.1 FTE for phone (+0.1)")


def test_less_than_one_person_is_one_person_part_of_the_time_and_nobody_the_rest(
    run_rule: RunRule,
) -> None:
    # 3 FTE = ½ on shift for 1 Erlang with 1 min patience: one person half the time, nobody
    # the other half, whose callers all hang up. One person alone loses a1 of the callers
    # (Erlang A); half the time loses them all: ½ + ½ × a1 hang up, as README says.
    a1 = abandonment(1, 10, 0.1, 1 / 60)
    expected = 0.5 + 0.5 * a1
    assert expected == pytest.approx(0.7321, abs=5e-4)
    (found,) = run_rule(RULE, phone(3, patience="1m"))
    assert f"and {expected * 100:.1f}% hanging up" in found.message
    assert "(0.50 on shift)" in found.message


def test_a_first_response_on_a_live_queue_names_the_time_its_staff_keep(
    run_rule: RunRule,
) -> None:
    # A phone line promising a first response within 5 minutes (90% of calls, how a first
    # response is read) is sized as a live queue; the time its staff do keep is still said.
    # 2 on shift (12 FTE): C(2, 1 Erlang) = 1/3; 1 − 1/3 × e^(−(2 − 1) × T/360) = 90% at
    # T = 360 × ln(10/3) = 433.4 s (7m14s) > 300 s. 3 on shift: C = 1/11 < 10%, at once.
    first = {"target": {"service_level": REMOVE, "first_response": "5m"}}
    assert answered(Fraction(2), Fraction(1), 360, 433.5) == pytest.approx(0.9, abs=1e-4)
    assert 360 * math.log(10 / 3) == pytest.approx(433.4, abs=0.05)
    assert run_rule(RULE, phone(18, **first)) == []
    # Judged as planned FTE are: 13.4 FTE = 2.2333 on shift answer 90.10% within 5 minutes,
    # 13.3 FTE (2.2167) 89.81%. Shown: 13.4 ÷ 6 = 2.23333, rounded up as a need: 2.24.
    assert least_tenth(lambda x: answered(x, Fraction(1), 360, 300) >= 0.9, 120) == 134
    (found,) = run_rule(RULE, phone(12, **first))
    assert found.message == (
        "phone: first response within 5m needs 13.4 FTE, 2.24 on shift (3 on shift = 18 FTE "
        "all the time; the first-response time binds); plan has 12 FTE (2 on shift), which "
        "answers 90% within 7m14s; it misses the first-response time"
    )


def test_a_looser_service_level_beside_a_first_response_does_not_hide_it(
    run_rule: RunRule,
) -> None:
    # Review calc26 C1: a service level written beside a first response was the only target
    # judged, so adding a looser one turned a missed first response into no finding at all.
    # 2 on shift (12 FTE) on 1 Erlang: 1 − 1/3 × e^(−(2 − 1) × 300/360) = 85.5% within 5
    # minutes, so "50% in 5m" needs 2; 90% within 5 minutes needs 3 (18 FTE, as above).
    # The need told, 13.4 FTE (the test above) = 2.23333 on shift, reads 2.24 (up).
    both = {"target": {"service_level": "50% in 5m", "first_response": "5m"}}
    assert answered(Fraction(2), Fraction(1), 360, 300) == pytest.approx(0.855, abs=5e-4)
    assert run_rule(RULE, phone(12, target={"service_level": "50% in 5m"})) == []
    (found,) = run_rule(RULE, phone(12, **both))
    assert found.message == (  # both targets named (review calc27 N3), the binding one first
        "phone: first response within 5m, 50% in 5m needs 13.4 FTE, 2.24 on shift (3 on "
        "shift = 18 FTE all the time; the first-response time binds); plan has 12 FTE (2 on "
        "shift), which answers 90% within 7m14s; it misses the first-response time"
    )
    assert run_rule(RULE, phone(18, **both)) == []


def test_staff_between_headcounts_are_judged_by_each_target(run_rule: RunRule) -> None:
    # Review calc27 N1: both targets need 3 whole people on shift, so the service level was
    # the one judged, and 2.2 people keep it while missing the first response. 13.2 FTE are
    # 2.2 on shift: C = 0.8 × C(2) + 0.2 × C(3) = 0.8/3 + 0.2/11 = 0.2848; within 60 s
    # 1 − 0.2848 × e^(−1.2 × 60/360) = 76.7% ≥ 75%; 90% only within
    # 360/1.2 × ln(0.28485/0.1) = 314.04 s (shown 5m15s: waits round up), past 5 minutes.
    # Needs round up too: 13.4 FTE = 2.23333 on shift read 2.24; planned 2.2 read 2.20.
    both = {"target": {"service_level": "75% in 60s", "first_response": "5m"}}
    assert answered(Fraction(11, 5), Fraction(1), 360, 60) == pytest.approx(0.767, abs=5e-4)
    assert answered(Fraction(11, 5), Fraction(1), 360, 314) == pytest.approx(0.9, abs=1e-3)
    assert run_rule(RULE, phone(13.2, target={"service_level": "75% in 60s"})) == []
    (found,) = run_rule(RULE, phone(13.2, **both))
    assert found.message == (  # 13.4 FTE keep the first response (the test above)
        "phone: first response within 5m, 75% in 1m needs 13.4 FTE, 2.24 on shift (3 on "
        "shift = 18 FTE all the time; the first-response time binds); plan has 13.2 FTE (2.20 "
        "on shift), which answers 90% within 5m15s; it misses the first-response time"
    )


def test_the_target_a_tenth_fewer_miss_is_the_one_that_binds(run_rule: RunRule) -> None:
    # Review calc32 L1: both targets need 3 whole people on shift, and the service level was
    # named as binding while the other target decided the FTE told. Erlang C on 1 Erlang,
    # 6 min: C(2) = 1/3, C(3) = 1/11. Between them (README): C = (1 − f)·C(2) + f·C(3),
    # SL = 1 − C·e^(−(s − 1)·20/360), ASA = C·360/(s − 1).
    # 80% in 20 s: 14.9 FTE (2.4833 on shift) answer 80.09%, 14.8 answer 79.70%.
    # ASA 30 s: 16.7 FTE (2.7833 on shift) wait 28.95 s, 16.6 (2.7667) wait 30.05 s.
    # So 16.7 FTE are told, and at 16.6 the service level is kept (86.6%): the ASA binds.
    # 16.7 ÷ 6 = 2.78333 on shift, rounded up as a need: 2.79.
    def wait(x: Fraction) -> float:
        n, f = math.floor(x), x - math.floor(x)
        chance = (1 - f) * waits(n, Fraction(1)) + f * waits(n + 1, Fraction(1))
        return float(chance) * 360 / float(x - 1)

    assert least_tenth(lambda x: answered(x, Fraction(1), 360, 20) >= 0.8, 121) == 149
    assert least_tenth(lambda x: wait(x) <= 30, 121) == 167
    assert answered(Fraction(166, 60), Fraction(1), 360, 20) == pytest.approx(0.8663, abs=5e-5)
    (found,) = run_rule(RULE, phone(12, target={"service_level": "80% in 20s", "asa": "30s"}))
    assert found.message == (
        "phone: 80% in 20s, ASA 30s needs 16.7 FTE, 2.79 on shift (3 on shift = 18 FTE all "
        "the time; the ASA binds); plan has 12 FTE (2 on shift), which answers 68.5% within "
        "the target time, with ASA 2m; it misses the service level and the ASA"
    )


def test_an_average_wait_nobody_is_on_shift_to_keep_says_why(run_rule: RunRule) -> None:
    # Review calc26 C3: "which gives; it misses the ASA", with no figure. 168 calls a week
    # of 6 minutes are 0.1 Erlang; 3 FTE are half a person on shift (6 FTE a position), who
    # keeps up (20% busy), but callers who arrive while nobody is there wait for them, so no
    # average wait is kept. One on shift: C(1, 0.1) = 0.1, ASA = 0.1 × 360 / 0.9 = 40 s.
    line = {"volume": "168/week", "target": {"service_level": REMOVE, "asa": "60s"}}
    (found,) = run_rule(RULE, phone(3, **line))
    assert found.message == (
        "phone: ASA 1m needs 1 on shift = 6 FTE (the ASA binds); plan has 3 FTE (0.50 on "
        "shift), which keeps no average wait: nobody is on shift 50% of the time; it misses "
        "the ASA"
    )
    assert run_rule(RULE, phone(6, **line)) == []


def test_a_first_response_that_callers_hang_up_on_says_so(run_rule: RunRule) -> None:
    # With 1-minute patience, 2 agents on 1 Erlang lose 16.9% (see the abandonment test
    # above): at most 83.1% are ever answered, so no time keeps 90%. The need is named by
    # the target that decides it, the first response (it read "the service level binds").
    first = {"patience": "1m", "target": {"service_level": REMOVE, "first_response": "5m"}}
    assert abandonment(2, 10, 0.1, 1 / 60) == pytest.approx(0.169, abs=5e-4)
    (found,) = run_rule(RULE, phone(12, **first))
    # With patience the two headcounts' figures are weighted as the abandonment test above
    # weighs them: 15.4 FTE (2.5667 on shift) are the fewest tenths that answer 90% in time.
    assert found.message == (
        "phone: first response within 5m needs 15.4 FTE, 2.57 on shift (3 on shift = 18 FTE "
        "all the time; the first-response time binds); plan has 12 FTE (2 on shift), which "
        "never answers 90%: 16.9% hang up before an answer; it misses the first-response time"
    )


def test_a_first_response_part_time_cover_never_keeps_says_why(run_rule: RunRule) -> None:
    # Review final25: 0.5 FTE at 28 productive hours a week are 14 ÷ 168 = 0.083 on shift
    # (nobody there 91.7% of the time) for 100 calls a month (0.014 Erlangs): the queue
    # keeps up, but no time keeps 90%. It read "within never (the queue grows…)".
    first = {"volume": "100/month", "target": {"service_level": REMOVE, "first_response": "5m"}}
    (found,) = run_rule(RULE, phone(0.5, **first))
    assert "which never answers 90%: nobody is on shift 91.7% of the time" in found.message


def test_a_ceiling_no_figure_can_judge_is_not_told_as_needing_staff(run_rule: RunRule) -> None:
    # Review calc36 L7: with no caller patience nobody is known to hang up (abandonment-max
    # says it cannot be checked), yet the need read "80% in 20s, abandonment at most 5%
    # needs …". 14.9 FTE keep 80% in 20 s (see the ASA test above): 14.9 ÷ 6 = 2.48333 on
    # shift, 2.49 rounded up as a need.
    target = {"service_level": "80% in 20s", "abandonment_max": "5%"}
    (found,) = run_rule(RULE, phone(12, target=target))
    assert found.message.startswith("phone: 80% in 20s needs 14.9 FTE, 2.49 on shift"), (
        found.message
    )


def test_a_ceiling_alone_without_patience_is_told_as_keeping_up(run_rule: RunRule) -> None:
    # Review calc38 F7: an abandonment ceiling as the one target, with no caller patience:
    # Erlang C has nobody hang up, so no figure judges the ceiling; what the staff are
    # judged on is keeping up. 1 Erlang, 6 FTE a position (see WEEK): 6 FTE are 1 on
    # shift = the load, which cannot keep up; 6.1 FTE are 61/60 = 1.02 on shift, which do
    # (their spare 1/60 clears the queue): the least to the tenth. The whole headcount is
    # the first stable one, 2 on shift = 12 FTE. It read "abandonment at most 5% needs
    # 6.1 FTE … (…; the fewest who keep up with the load already keep the target) …; it
    # misses the abandonment ceiling".
    alone = {"service_level": REMOVE, "abandonment_max": "5%"}
    (found,) = run_rule(RULE, phone(6, target=alone))
    assert found.message == (
        "phone: abandonment at most 5% cannot be judged without caller patience; keeping up "
        "with the volume needs 6.1 FTE, 1.02 on shift (2 on shift = 12 FTE all the time; "
        "keeping up decides); plan has 6 FTE (1 on shift), which cannot keep up (the queue "
        "grows without bound)"
    )
    assert found.fix.startswith("plan 6.1 FTE for phone (+0.1)")
    assert run_rule(RULE, phone(6.1, target=alone)) == []
    # The budget rule names what the need is for in the same terms: 6.1 FTE × 60,000 USD =
    # 366,000 USD against 300,000 for people.
    poor = phone(6, target=alone)
    poor["budget"] = {"total": 300000, "lines": {"people": 300000}}
    (funds,) = run_rule("budget-funds-targets", poor)
    assert funds.message.startswith(
        "the targets (phone keeping up with the volume) need 6.1 FTE × 60,000 USD = 366,000 USD;"
    ), funds.message


def night_pool(agents: float) -> dict[str, Any]:
    """Review calc36 s17v: a night team of ``agents`` FTE shared by phone and chat, neither
    stating its own `agents`."""
    night = {"hours": "Mon-Sun 22:00-06:00", "target": REMOVE}
    phone = {"kind": "voice", "volume": "225/day", "handle_time": "7m", "patience": "2m"}
    phone |= {"peak_factor": 1.25, "agents": REMOVE}
    chat = {"kind": "chat", "volume": "135/day", "handle_time": "12m", "concurrency": 2}
    data = plan(
        {
            "channels": {"phone": night | phone, "chat": night | chat},
            "staffing": {"agents": agents, "paid_hours_per_fte": "160/month"},
        }
    )
    data["channels"][0]["target"] = {"service_level": "80% in 45s", "abandonment_max": "7%"}
    data["channels"][2]["target"] = {"service_level": "80% in 90s"}
    return data


def test_a_pooled_team_covers_each_channels_least_first(run_rule: RunRule) -> None:
    # Review calc36 F2. 160 h a month paid × 12 × 70% = 1,344 productive h a year = 25.758 h
    # a week per FTE; 56 open h a week. Phone: 225 × 420 s ÷ 28,800 s × 1.25 = 4.1016 Erlang,
    # Erlang A (patience 2 m), the two headcounts' figures blended: 13.8 FTE abandon 6.83%
    # (≤ 7%), 13.7 do not. Chat: 135 × 720 ÷ 28,800 = 3.375 Erlang on slots of 2: 6.1 FTE
    # answer 80.59% in 90 s, 6.0 answer 78.53%. 13.8 + 6.1 = 19.9 ≤ 20: the pool keeps both.
    # Split in proportion to whole-headcount needs (20 × 15.22/21.75), chat got 6.005 FTE:
    # "chat: 80% in 1m30s needs 6.1 FTE … it misses the service level".
    assert run_rule(RULE, night_pool(20)) == []
    assert run_rule(RULE, night_pool(19.9)) == []
    # Below 19.9 the tenths do not fit, but the exact leasts may (review calc38 F6): phone's
    # abandonment passes 7% between 13.7 and 13.8 FTE, at 13.714375 to a millionth; chat's
    # 80% between 6.0 and 6.1, at 6.070985. Together 19.785360: a pool of 19.8 or 19.79
    # gives each its exact least and the rest toward its tenth, and keeps both (19.8 was
    # split in proportion to the tenths: chat 6.0693, 79.97%, "misses").
    assert run_rule(RULE, night_pool(19.8)) == []
    assert run_rule(RULE, night_pool(19.79)) == []
    # 19.78 < 19.785360: each channel gets 19.78/19.785360 of its exact least, and both miss.
    phone, chat = run_rule(RULE, night_pool(19.78))
    assert phone.message.startswith("phone: 80% in 45s, abandonment at most 7% needs 13.8 FTE")
    assert "which answers 88.9% within the target time, with ASA 5.4s and 7.01% hanging up" in (
        phone.message
    )
    assert chat.message.startswith("chat: 80% in 1m30s needs 6.1 FTE"), chat.message


def email_short(fte: float) -> dict[str, Any]:
    """Review calc44 K06 (p07's e-mail alone): 3,000 e-mails a month of 7 min, Mon-Fri
    08:00-18:00 (50 open h a week), first response within 4 business hours; 1,800 paid h
    a year less 33% shrinkage are 1,206 productive h."""
    email = {
        "kind": "email",
        "hours": "Mon-Fri 08:00-18:00",
        "volume": {"contacts": 3000, "per": "month"},
        "handle_time": "7m",
        "target": {"first_response": "4 business hours"},
        "agents": fte,
    }
    return plan(
        {
            "channels": {"phone": REMOVE, "email": email},
            "staffing": {"agents": fte, "shrinkage": "33%"},
        }
    )


def test_a_part_time_need_on_shift_is_what_the_fte_shown_put_there(run_rule: RunRule) -> None:
    # An FTE puts 1,206 ÷ (50 × 365.25 ÷ 7) = 0.46226 on shift. The first response needs
    # 1.6709 on shift exactly, 3.6146 FTE, shown up to the tenth fix writes: 3.7 FTE, which
    # put 3.7 × 0.46226 = 1.7104 on shift. "needs 1.68 on shift = 3.7 FTE" joined the exact
    # need to the tenth above it (review calc44 K06); the report says the same for the 3.7.
    # Exactly 3.7 × 1,206 × 7 ÷ (50 × 365.25) = 1.710436…, a need, rounded up: 1.72 (1.71 on
    # shift would be 3.699 FTE, under the 3.7 told; review left37: needs round up).
    per_fte = 1206 / (50 * 365.25 / 7)
    assert round(3.7 * per_fte, 4) == 1.7104
    assert math.ceil(Fraction(37, 10) * 1206 * 7 * 100 / (50 * Fraction(36525, 100))) == 172
    (found,) = run_rule(RULE, email_short(3.113234))
    assert "needs 1.72 on shift = 3.7 FTE (the first-response time binds)" in found.message
    assert "plan has 3.113234 FTE (1.43 on shift)" in found.message  # 3.113234 × 0.46226 = 1.4391
    # Control: a whole headcount stays whole beside the least tenth that puts it on shift:
    # 3 positions × 6 FTE (WEEK's 28 productive hours a week, 24x7) = 18 FTE.
    (short,) = run_rule(RULE, phone(12))
    assert "(3 on shift = 18 FTE all the time;" in short.message, short.message
