"""A practitioner's casebook: plans of different kinds and sizes, each beside the hand
calculation a workforce planner would do, the verdict, and the findings that must and must
not appear.

Every hand calculation here is independent of cs-align's code: Erlang C from its factorial
formula in 40-digit arithmetic (mpmath), and plain arithmetic for hours and money.
Conventions, as a planner writes them:

- a year is 365.25 days, so 8766 / 168 = 52.18 weeks;
- productive hours a year = paid hours × (1 − shrinkage); the default 2080 paid hours at 30%
  shrinkage give 1456, or 1456 / 52.18 = 27.90 hours a week per FTE;
- FTE to keep one person on shift for H open hours a week = H × 52.18 / productive hours;
- offered load A (Erlangs) = contacts a week × handle time ÷ open hours a week;
- planned positions on shift x = planned FTE × productive hours a week ÷ open hours;
- between two whole headcounts n < x < n + 1 (n + 1 people for the share f = x − n of the
  time), a contact waits with chance C = (1 − f)·C(n) + f·C(n + 1), where C(k) is Erlang C's
  and 1 when k people cannot keep up (k ≤ A); waits clear at the staff's spare capacity, so
  P(wait > t) = C·e^(−(x − A)·t/aht) and ASA = C·aht/(x − A).
"""

from __future__ import annotations

import json
import math
from fractions import Fraction
from pathlib import Path
from typing import Any

import mpmath as mp
import pytest
from typer.testing import CliRunner

from cs_align.cli import app
from cs_align.engine import CheckOptions, assess
from cs_align.findings import Report
from cs_align.loader import parse_plan
from cs_align.metrics import ChannelMetrics, compute
from cs_align.promise import promises

WEEKS = Fraction(8766, 168)
"""Weeks in a year of 365.25 days."""


# ---- hand calculations (independent of cs_align) ------------------------------------------------


def erlang_c(n: int, a: float) -> Any:
    """Probability an arrival waits in M/M/n with offered load a, by the factorial formula."""
    with mp.workdps(40):
        a_ = mp.mpf(a)
        top = a_**n / mp.factorial(n) * n / (n - a_)
        return top / (mp.fsum(a_**k / mp.factorial(k) for k in range(n)) + top)


def sl_whole(n: int, a: float, aht: float, t: float) -> float:
    """Share answered within t with n people: 1 − C·exp(−(n − A)·t/aht)."""
    with mp.workdps(40):
        return float(1 - erlang_c(n, a) * mp.e ** (-(n - mp.mpf(a)) * t / aht))


def wait_chance(k: int, a: float) -> float:
    """Erlang C's chance of waiting with k people; 1 when they cannot keep up."""
    return 1.0 if k <= a else float(erlang_c(k, a))


def between(x: float, a: float) -> float:
    """The chance of waiting with x people on shift, n + 1 of them for the share x − n."""
    n = int(x)
    return (1 - (x - n)) * wait_chance(n, a) + (x - n) * wait_chance(n + 1, a)


def sl_at(x: float, a: float, aht: float, t: float) -> float:
    """Share answered within t with x people: 1 − C·e^(−(x − A)·t/aht)."""
    return 1 - between(x, a) * float(mp.e ** (-(x - a) * t / aht))


def sl_chats(x: float, k: int, a: float, aht: float, t: float) -> float:
    """Share answered within t by x people taking k chats each: n·k slots for the share
    1 − (x − n) of the time, (n + 1)·k for the rest, cleared by the x·k slots' spare time."""
    n = int(x)
    wait = (1 - (x - n)) * wait_chance(n * k, a) + (x - n) * wait_chance((n + 1) * k, a)
    return 1 - wait * float(mp.e ** (-(x * k - a) * t / aht))


def t_within(x: float, a: float, aht: float, share: float) -> float:
    """Time within which x people answer ``share``: aht·ln(C/(1 − share))/(x − A)."""
    return aht * float(mp.log(between(x, a) / (1 - share))) / (x - a)


def least_x(a: float, aht: float, share: float, t: float) -> float:
    """Fewest people, whole or not, answering ``share`` within t (deferred work)."""
    n = least_whole(a, aht, share, t)
    lo, hi = max(a, n - 1) + 1e-12, float(n)
    for _ in range(200):  # bisection: slow and sure
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if sl_at(mid, a, aht, t) >= share else (mid, hi)
    return hi


def least_whole(a: float, aht: float, share: float, t: float) -> int:
    n = int(a) + 1
    while sl_whole(n, a, aht, t) < share:
        n += 1
    return n


def fte_per_position(open_hours: float, productive: float = 1456) -> float:
    """FTE to keep one person on shift through the open hours of every week."""
    return open_hours * float(WEEKS) / productive


def positions(fte: float, open_hours: float, productive: float = 1456) -> float:
    return fte / fte_per_position(open_hours, productive)


# ---- running the plan ---------------------------------------------------------------------------


def check(text: str) -> tuple[Report, dict[str, ChannelMetrics]]:
    report = assess(parse_plan(text, "case.yaml"), CheckOptions())
    assert report.metrics is not None
    return report, {c.id: c for c in report.metrics.channels}


def judged(text: str) -> tuple[Report, dict[str, ChannelMetrics]]:
    """As `check` but for the revealed strategy, which the later volumes do not judge."""
    report = assess(parse_plan(text, "case.yaml"), CheckOptions(), reveal=False)
    assert report.metrics is not None
    return report, {c.id: c for c in report.metrics.channels}


def rules(report: Report) -> set[str]:
    return {f.rule for f in report.findings}


def warned(report: Report) -> set[str]:
    """Rules with a warning or an error (an info finding is a practice the plan leaves out)."""
    return {f.rule for f in report.findings if f.severity >= 2}


def said(report: Report, rule: str) -> str:
    """Every message of ``rule``, joined."""
    return " | ".join(f.message for f in report.findings if f.rule == rule)


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def whatif_row(out: str, scenario: str) -> list[str]:
    """The words of whatif's table row for ``scenario``, after its name."""
    row = next(line for line in out.splitlines() if line.startswith(f"  {scenario} "))
    return row.split()[len(scenario.split()) :]


def message(report: Report, rule: str) -> str:
    return next(f.message for f in report.findings if f.rule == rule)


def promise_rows(text: str) -> dict[str, Any]:
    plan = parse_plan(text, "case.yaml").plan
    return {p.channel: p for p in promises(plan, compute(plan))}


def within_text(seconds: float) -> str:
    """A kept time as promises print it: rounded up to the second."""
    import math

    hours, rest = divmod(math.ceil(seconds), 3600)
    minutes, rest = divmod(rest, 60)
    parts = [(hours, "h"), (minutes, "m"), (rest, "s")]
    return "".join(f"{count}{unit}" for count, unit in parts if count)


def within(value: float | None, expected: float, share: float = 0.01) -> bool:
    return value is not None and abs(value - expected) <= share * abs(expected)


HEAD = (
    "version: 1\norganisation: Casebook Co\n"
    'promise: "Every customer gets an answer within the times each channel states."\n'
)


# ---- 1. a two-person team -----------------------------------------------------------------------

TWO_PERSON = (
    HEAD
    + """strategy: universal
channels:
  - id: phone
    kind: voice
    hours: Mon-Fri 09:00-17:00
    volume: {contacts: 100, per: week}
    handle_time: 6m
    target: {service_level: "80% in 3m"}
    agents: 1.4
  - id: email
    kind: email
    hours: Mon-Fri 09:00-17:00
    volume: {contacts: 80, per: week}
    handle_time: 10m
    target: {first_response: 1 business day}
    agents: 0.6
staffing: {agents: 2, loaded_cost_per_fte: 50000}
budget: {total: 100000, lines: {people: 100000}}
"""
)


def test_two_person_team() -> None:
    # Phone: A = 100 calls × 0.1 h ÷ 40 h = 0.25 Erlangs. One person on shift answers
    # 1 − 0.25·e^(−0.75·180/360) = 82.8% within 3 minutes, so the target needs 1 position
    # = 40 × 52.18 / 1456 = 1.43 FTE.
    # Planned 1.4 FTE × 27.90 h = 39.07 h over 40 open hours: x = 0.977 on shift. Nobody is
    # there 2.3% of the time, and a call that finds nobody waits for the person to come back,
    # past 3 minutes: 0.977 × 82.8% = 80.9% ≥ 80% (linear between nobody and one person).
    # An older model floored 0.977 to nobody and called the team misaligned; another let the
    # calls nobody was there for be answered by 0.977 of a person (81.4%).
    report, m = check(TWO_PERSON)
    phone = m["phone"]
    assert phone.planned_positions == Fraction(14, 10) * 1456 / WEEKS / 40  # exact, unfloored
    x = positions(1.4, 40)
    assert within(float(phone.planned_positions), 0.97674)
    assert least_whole(0.25, 360, 0.8, 180) == phone.required_positions == 1
    assert within(float(phone.required_fte), fte_per_position(40))  # 1.43 FTE
    assert phone.service_level is not None
    assert abs(phone.service_level - x * sl_at(1, 0.25, 360, 180)) < 1e-9
    assert 0.808 < phone.service_level < 0.810
    # Email: A = 80 × (10/60) h ÷ 40 h = 0.333; 0.6 FTE give x = 0.419 on shift, occupancy
    # 0.333/0.419 = 79.6%. C = 0.581 + 0.419 × 0.333 = 0.721; 90% are answered within
    # 600·ln(0.721/0.1)/(0.419 − 0.333) = 3.9 h, inside the 8 open hours of a business day.
    # At the 85% ceiling the work needs 0.333/0.85 × 40 × 52.18/1456 = 0.56 FTE.
    email = m["email"]
    a, xe = 80 / 6 / 40, positions(0.6, 40)
    assert within(email.occupancy, a / xe, 1e-6)
    assert within(email.first_response, t_within(xe, a, 600, 0.9), 1e-6)
    assert email.first_response is not None and 3.8 * 3600 < email.first_response < 3.9 * 3600
    assert within(float(email.required_fte_at_ceiling), a / 0.85 * fte_per_position(40))
    assert email.model == "workload" and email.binding == "occupancy"
    # Two people on two channels: the one warning is the team being spread thin (seed 003).
    assert report.verdict == "at-risk"
    assert {f.rule for f in report.findings if f.severity.name == "warning"} == {
        "channels-per-team"
    }
    assert not rules(report) & {"staffing-meets-targets", "budget-funds-targets", "occupancy-cap"}


# ---- 2. a 24x7 inbox ----------------------------------------------------------------------------

INBOX = (
    HEAD
    + """strategy: universal
channels:
  - id: inbox
    kind: email
    hours: 24x7
    volume: {contacts: 480, per: week}
    handle_time: 10m
    target: {first_response: 24h}
    agents: 6
staffing: {agents: 6, loaded_cost_per_fte: 50000}
budget: {total: 20M}  # stated, so the budget rules judge it: 20M funds any case here
"""
)


def test_24x7_inbox_with_six_fte() -> None:
    # Work: 480 × 10 min = 80 h a week; A = 80/168 = 0.476. Six FTE give 6 × 27.90 = 167.4
    # productive hours over 168 open hours: x = 0.9966 on shift, occupancy 80/167.4 = 47.8%.
    # Nobody is on shift 0.34% of the time: C = 0.0034 + 0.9966 × 0.476 = 0.478, and 90% are
    # answered within 600·ln(0.478/0.1)/(0.9966 − 0.476) = 30.1 minutes.
    # The old model floored 0.9966 to 0 on shift and said the backlog grows every week.
    report, m = check(INBOX)
    # 27.90 h a week is 2,080 × (1 − 30%) ÷ 52.18: defaults the plan does not state, so the
    # report lists them where a hand calculation can find them.
    assert (
        report.metrics is not None
        and (
            "staffing: shrinkage 30%, 2,080 paid hours per FTE a year, occupancy ceiling 85% "
            "(not stated: the defaults; state them to change)"
        )
        in report.metrics.assumptions
    )
    inbox = m["inbox"]
    a, x = 80 / 168, positions(6, 168)
    assert within(float(inbox.planned_positions), 0.99658, 1e-5)
    assert within(inbox.occupancy, a / x, 1e-9)
    expected = t_within(x, a, 600, 0.9)
    assert within(inbox.first_response, expected, 1e-6) and 1790 < expected < 1815
    # Targets: 90% within 24 h needs barely more than the work itself: x with
    # C(x)·e^(−(x − A)·86400/600) = 10% is 0.492 on shift, = 0.492 × 168 × 52.18/1456 =
    # 2.96 FTE. The 85% ceiling needs A/0.85 = 0.560 on shift = 3.37 FTE.
    least = least_x(a, 600, 0.9, 86400)
    assert within(float(inbox.required_positions), least, 1e-6)
    assert within(float(inbox.required_fte), least * fte_per_position(168), 1e-6)
    assert within(float(inbox.required_fte_at_ceiling), a / 0.85 * fte_per_position(168))
    assert report.verdict == "aligned"
    assert not rules(report) & {"deferred-backlog", "staffing-meets-targets", "hours-cover-target"}
    row = promise_rows(INBOX)["inbox"]
    assert row.keepable == f"first response within {within_text(expected)} (90%)"


# ---- 3. a 2,000-seat voice centre ---------------------------------------------------------------

CENTRE = (
    HEAD
    + """strategy: universal
channels:
  - id: phones
    kind: voice
    hours: 24x7
    volume: {contacts: 653184, per: week}
    handle_time: 5m
    target: {service_level: "95% in 20s"}
    agents: 2077.2
staffing: {agents: 2077.2, loaded_cost_per_fte: 50000}
budget: {total: 103860000, lines: {people: 103860000}}
"""
)


def test_two_thousand_seat_voice_centre() -> None:
    # A = 653,184 calls × 5 min ÷ 168 h = 324 Erlangs. Erlang C: 344 people answer 94.99%
    # within 20 s, 345 answer 95.76%: the target needs 345 on shift = 345 × 8766/1456 =
    # 2077.1 FTE. The 85% ceiling alone would need 324/0.85 = 381.18 on shift (2295.1 FTE;
    # judged on the time-weighted staff a plan has, not whole people): sizing the ceiling as
    # a target is what called this centre misaligned and 11 M short.
    # Planned 2077.2 FTE: x = 2077.2 × 1456/8766 = 345.015 on shift (346 people 1.5% of the
    # time); within 30 s they answer 97.9%, occupancy 324/345.015 = 93.9%.
    report, m = check(CENTRE)
    phones = m["phones"]
    assert least_whole(324, 300, 0.95, 20) == phones.required_positions == 345
    assert phones.required_positions_at_ceiling == Fraction(324) / Fraction(85, 100)
    assert within(float(phones.required_fte), 345 * 8766 / 1456)
    assert within(float(phones.required_fte_at_ceiling), 324 / 0.85 * 8766 / 1456)
    x = 2077.2 * 1456 / 8766
    assert within(float(phones.planned_positions), x, 1e-9)
    assert phones.service_level is not None
    assert abs(phones.service_level - sl_at(x, 324, 300, 20)) < 1e-9
    assert round(sl_at(x, 324, 300, 30), 3) == 0.979  # "97.9% within 30 s"
    assert within(phones.occupancy, 324 / x, 1e-9)
    assert phones.binding == "occupancy" and phones.target_binding == "service_level"
    assert report.verdict == "at-risk"  # the ceiling is a warning under universal
    assert "occupancy-cap" in rules(report)
    assert not rules(report) & {"staffing-meets-targets", "budget-funds-targets"}


def test_the_budget_finding_says_what_the_ceiling_would_add() -> None:
    # People line 90 M against what the target needs: the least tenth of an FTE that keeps
    # 95% in 20 s, judged as planned FTE are (review calc33 F2: the planned 2,077.2 were
    # priced), is 2,071.2 = 344.02 on shift (344 whole people answer 94.99%, the 345th part
    # of the time tips it over): 2,071.2 × 50,000 = 103.56 M. Holding occupancy at 85% needs
    # 324/0.85 = 381.18 positions = 2,294.91 FTE, shown 2,295: it adds 2,295 − 2,071.2 =
    # 223.8 FTE, the difference of the two needs shown, and 223.8 × 50,000 = 11,190,000 USD.
    per = 1456 / 8766  # on shift all week (168 h) for each FTE
    assert sl_at(2071.2 * per, 324, 300, 20) >= 0.95 > sl_at(2071.1 * per, 324, 300, 20)
    report, _ = check(CENTRE.replace("lines: {people: 103860000}", "lines: {people: 90000000}"))
    text = message(report, "budget-funds-targets")
    assert "need 2,071.2 FTE × 50,000 USD = 103,560,000 USD" in text
    assert "holding occupancy at 85% would add 223.8 FTE (11,190,000 USD)" in text
    assert "the targets and the ceiling need 2,295 FTE" in message(report, "occupancy-cap")


# ---- 4. chat at concurrency 2 and 3 -------------------------------------------------------------

CHAT = (
    HEAD
    + """strategy: universal
channels:
  - id: chat
    kind: chat
    hours: Mon-Fri 08:00-20:00
    volume: {contacts: 1200, per: week}
    handle_time: 12m
    concurrency: 3
    target: {service_level: "80% in 60s"}
    agents: 6
  - id: chat-b2b
    kind: chat
    hours: Mon-Fri 08:00-20:00
    volume: {contacts: 600, per: week}
    handle_time: 10m
    concurrency: 2
    target: {service_level: "80% in 30s"}
    agents: 4
staffing: {agents: 10, loaded_cost_per_fte: 50000}
budget: {total: 20M}  # stated, so the budget rules judge it: 20M funds any case here
"""
)


def test_chat_at_concurrency_two_and_three() -> None:
    # chat: A = 1200 × 12 min ÷ 60 h = 4 Erlangs of conversation slots (handle time measured
    # at 3 at once). Erlang C over slots: 6 slots answer 75.9% within 60 s, 7 answer 89.9%;
    # 7 slots need ⌈7/3⌉ = 3 people = 3 × 60 × 52.18/1456 = 6.45 FTE.
    # Planned 6 FTE: x = 6 × 27.90/60 = 2.790 people = 8.371 slots. People come whole, each
    # with their 3 chats (review calc26 D1: not 8 and 9 slots): 2 people (6 slots) 21% of
    # the time, 3 (9 slots) 79%, C = 0.21 × C(6) + 0.79 × C(9); they answer over 80%, so the
    # target is kept with fewer FTE than three whole people all the time.
    report, m = check(CHAT)
    chat = m["chat"]
    assert least_whole(4, 720, 0.8, 60) == 7 and chat.required_positions == 3
    assert within(float(chat.required_fte), 3 * fte_per_position(60))
    people = positions(6, 60)
    assert chat.service_level is not None
    assert abs(chat.service_level - sl_chats(people, 3, 4, 720, 60)) < 1e-9
    assert chat.service_level > 0.85 and chat.misses == ()
    # chat-b2b: A = 600 × 10 min ÷ 60 h = 1.667 slot-Erlangs; 4 FTE = 1.860 people taking 2
    # chats each: 2 slots 14% of the time, 4 slots 86%.
    b2b = m["chat-b2b"]
    need = least_whole(600 / 6 / 60, 600, 0.8, 30)
    assert b2b.required_positions == -(-need // 2)
    people = positions(4, 60)
    slots = 2 * people
    assert b2b.service_level is not None
    assert abs(b2b.service_level - sl_chats(people, 2, 600 / 360, 600, 30)) < 1e-9
    assert within(b2b.occupancy, (600 / 360) / slots, 1e-9)
    assert report.verdict == "aligned"
    assert "staffing-meets-targets" not in rules(report)
    # The budget needs the least tenth of an FTE that keeps each target, judged as planned
    # FTE are (review calc33 F2: the planned staff were priced where fewer keep it): chat
    # 4.7 FTE (4.6 answer under 80% in 60 s), chat-b2b its planned 4 (3.9 answer under 80%
    # in 30 s).
    for fte, kept in ((4.7, True), (4.6, False)):
        assert (sl_chats(positions(fte, 60), 3, 4, 720, 60) >= 0.8) is kept
    for fte, kept in ((4.0, True), (3.9, False)):
        assert (sl_chats(positions(fte, 60), 2, 600 / 360, 600, 30) >= 0.8) is kept
    assert report.metrics is not None
    assert (chat.needed_fte, b2b.needed_fte) == (Fraction("4.7"), Fraction(4))
    assert report.metrics.needed_fte == Fraction("8.7")


ROUND_THE_CLOCK_CHAT = (
    HEAD
    + """strategy: universal
channels:
  - {id: chat, kind: chat, hours: 24x7, volume: 480/day, handle_time: 15m, concurrency: 3,
     target: {service_level: "80% in 60s"}, agents: 18.1}
staffing: {agents: 18.1, shrinkage: 30%, paid_hours_per_fte: 1800/year}
"""
)


def test_part_time_chat_people_bring_all_their_chats() -> None:
    # Review calc26 D1. A = 480 a day × 15 min ÷ 24 h = 5 slot-Erlangs. A position round the
    # clock is 8,766 h a year; an FTE gives 1,800 × 70% = 1,260: 6.957 FTE a position, so
    # 18.1 FTE are 2.6016 people on shift. They are 2 people (6 slots) 39.8% of the time and
    # 3 (9 slots) 60.2%: C = 0.398 × C(6, 5) + 0.602 × C(9, 5), cleared by the spare 2.8
    # slots: 1 − C·e^(−2.805 × 60/900) = 76.6%, a miss of 80% in 60 s. Read as 7 and 8
    # slots (no one works 7.8 slots) it was 83.6%, and passed.
    report, m = check(ROUND_THE_CLOCK_CHAT)
    people = 18.1 * 1260 / 8766
    assert abs(float(m["chat"].planned_positions) - people) < 1e-9
    assert abs(people - 2.6016) < 5e-5
    assert m["chat"].service_level is not None
    assert abs(m["chat"].service_level - sl_chats(people, 3, 5, 900, 60)) < 1e-9
    assert abs(m["chat"].service_level - 0.7657) < 5e-5
    assert "staffing-meets-targets" in rules(report)
    assert report.metrics is not None
    assert (
        "chat: 2.60 on shift (7.80 chat slots at 3 each), chance of waiting weighted between 2 "
        "and 3 people (6 and 9 slots), waits cleared by the spare capacity of all 2.60 (on "
        "shift less the load)" in report.metrics.assumptions
    )


MESSAGING_INBOX = (
    HEAD
    + """strategy: universal
channels:
  - {id: inbox, kind: messaging, concurrency: 3, hours: Mon-Fri 09:00-17:00, volume: 722/week,
     handle_time: 10m, target: {first_response: 61 business minutes}, agents: AGENTS}
staffing: {agents: AGENTS, shrinkage: 30%, max_occupancy: 100%, paid_hours_per_fte: 40/week}
"""
)


def test_an_inbox_taking_several_messages_at_once_needs_what_keeps_its_target() -> None:
    # Review calc27 N2: the need was solved over chat slots, the figures read over whole
    # people with all their slots, so a plan at exactly its need answered 90% within
    # 1h2m14s of a 61-minute target and no error was raised. The need is now solved as the
    # figures read: at it, 90% within the target; a hundredth of an FTE less, not.
    _, m = check(MESSAGING_INBOX.replace("AGENTS", "1.6"))
    need = m["inbox"].required_fte
    at_need, _ = check(MESSAGING_INBOX.replace("AGENTS", f"{math.ceil(need * 10**6) / 10**6}"))
    short, _ = check(MESSAGING_INBOX.replace("AGENTS", f"{float(need) - 0.01:.6f}"))
    assert "staffing-meets-targets" not in rules(at_need)
    assert "staffing-meets-targets" in rules(short)
    assert "staffing-meets-targets" in rules(check(MESSAGING_INBOX.replace("AGENTS", "1.6"))[0])


TWO_TARGETS_TWO_HOURS = (
    HEAD
    + """strategy: universal
channels:
  - id: chat
    kind: chat
    hours: Mon-Fri 08:00-10:00
    volume:
      interval: 1h
      intervals:
        - {at: "08:00", contacts: 4}
        - {at: "09:00", contacts: 400}
    handle_time: 5m
    target: {service_level: "50% in 1s", first_response: 5m}
    agents: 5
staffing: {agents: 5, shrinkage: 0%, paid_hours_per_fte: 40/week}
"""
)


def test_two_targets_are_sized_interval_by_interval() -> None:
    # Review attack27 A2: each target was sized over the week and the larger week kept, so
    # an hour where the other target needs more was short. 08:00: 4 chats of 5 min = 0.333
    # Erlang: 50% in 1 s needs 1 person, 90% within 5 min needs 2. 09:00: 33.3 Erlangs:
    # 37 and 36. Each alone needs 38 position-hours a day; both need 2 + 37 = 39, over 5
    # days at 40 paid hours (no shrinkage) 39 × 5 / 40 = 4.875 FTE, not 4.75.
    quiet, busy = 4 * 300 / 3600, 400 * 300 / 3600
    assert (least_whole(quiet, 300, 0.5, 1), least_whole(quiet, 300, 0.9, 300)) == (1, 2)
    assert (least_whole(busy, 300, 0.5, 1), least_whole(busy, 300, 0.9, 300)) == (37, 36)
    report, m = check(TWO_TARGETS_TWO_HOURS)
    assert m["chat"].required_fte == Fraction(39 * 5, 40)
    assert "staffing-meets-targets" not in rules(report)
    need, _ = check(TWO_TARGETS_TWO_HOURS.replace("agents: 5", "agents: 4.875"))
    assert "staffing-meets-targets" not in rules(need)
    weekly, _ = check(TWO_TARGETS_TWO_HOURS.replace("agents: 5", "agents: 4.75"))  # the old need
    assert "staffing-meets-targets" in rules(weekly)


# ---- 5. intraday intervals ----------------------------------------------------------------------

COUNTS = [60, 150, 150, 60, 30, 150, 150, 60]
INTRADAY = (
    HEAD
    + """strategy: universal
channels:
  - id: phone
    kind: voice
    hours: Mon-Fri 08:00-12:00
    handle_time: 4m
    target: {service_level: "80% in 20s"}
    volume:
      interval: 30m
      intervals:
"""
    + "".join(
        f'        - {{at: "{8 + i // 2:02d}:{30 * (i % 2):02d}", contacts: {c}}}\n'
        for i, c in enumerate(COUNTS)
    )
    + """    agents: {agents}
staffing: {{agents: {agents}, loaded_cost_per_fte: 50000}}
budget: {{total: 20M}}
"""
)


def test_intraday_intervals_judged_one_by_one_in_every_command() -> None:
    # Each half hour: A = contacts × 240 s ÷ 1800 s. 30 calls → 4 Erlangs … 150 → 20.
    # Erlang C 80/20 per interval gives n_i people; the targets need Σ n_i × 0.5 h × 5 days
    # of staffed time a week = FTE × 1456/52.18. The busiest interval needs max n_i.
    needs = [least_whole(c * 240 / 1800, 240, 0.8, 20) for c in COUNTS]
    hours = sum(needs) * 0.5 * 5
    required = hours * float(WEEKS) / 1456
    agents = -(-round(required * 1000) // 100) / 10  # planned: required, rounded up to 0.1
    text = INTRADAY.replace("{agents}", str(agents)).replace("{{", "{").replace("}}", "}")
    report, m = check(text)
    phone = m["phone"]
    assert phone.required_positions == max(needs)
    assert within(float(phone.required_fte), required, 1e-9)
    # Staff follow the forecast: each interval gets n_i × planned/required people (the 85%
    # ceiling adds nothing here), so every interval keeps 80/20 and the day does too: the
    # contact-weighted share is Σ c_i·SL_i / Σ c_i.
    scale = agents / required
    levels = [sl_at(n * scale, c * 240 / 1800, 240, 20) for n, c in zip(needs, COUNTS, strict=True)]
    day = sum(c * s for c, s in zip(COUNTS, levels, strict=True)) / sum(COUNTS)
    assert phone.service_level is not None and abs(phone.service_level - day) < 1e-9
    assert min(levels) >= 0.8
    # Peak need against the staff in that same busiest interval, never the day's average.
    peak = COUNTS.index(max(COUNTS))
    assert within(float(phone.planned_positions), needs[peak] * scale, 1e-9)
    assert report.verdict == "aligned"
    row = promise_rows(text)["phone"]
    assert row.keepable_seconds is not None and row.keepable_seconds <= 20
    assert "cannot keep up" not in row.keepable


def test_intervals_a_day_averages_away_are_named() -> None:
    # The same day staffed at 95% of what the intervals need: staff still follow the
    # forecast (n_i × planned/required people each half hour), so every interval falls
    # short by the same share and the note counts those under 80% and names the lowest.
    needs = [least_whole(c * 240 / 1800, 240, 0.8, 20) for c in COUNTS]
    required = sum(needs) * 0.5 * 5 * float(WEEKS) / 1456
    agents = round(required * 0.95, 1)
    text = INTRADAY.replace("{agents}", str(agents)).replace("{{", "{").replace("}}", "}")
    scale = agents / required
    levels = [sl_at(n * scale, c * 240 / 1800, 240, 20) for n, c in zip(needs, COUNTS, strict=True)]
    under = [(s, i) for i, s in enumerate(levels) if s < 0.8]
    low, at = min(under)
    label = f"{8 + at // 2:02d}:{30 * (at % 2):02d}"
    report, _ = check(text)
    assert report.metrics is not None
    assert (
        f"phone: {len(under)} of 8 intervals fall under 80% at the planned staff (lowest "
        f"{low * 100:.1f}% at {label}); the target is judged on the day's mix"
    ) in report.metrics.assumptions


def test_intervals_hold_the_ceiling_in_every_interval_as_occupancy_cap_judges_it() -> None:
    # At a 75% ceiling the week's work is Σ A_i × 2.5 h = 108 Erlang-hours × 2.5 = 270
    # busy hours: 270 / 0.75 = 360 staffed hours keep the week's average at 75%, more than
    # the 350 the 80/20 targets need (Σ n_i × 2.5). But the ceiling holds in every
    # interval (review calc41 F7: a week's average let a peak run at 92.5%): each interval
    # held to 75% and its target asks Σ max(n_i, A_i / 0.75) × 2.5 = 366.7 staffed hours.
    needs = [least_whole(c * 240 / 1800, 240, 0.8, 20) for c in COUNTS]
    loads = [c * 240 / 1800 for c in COUNTS]
    week = max(sum(needs) * 2.5, sum(loads) * 2.5 / 0.75)
    each = sum(max(n, a / 0.75) for n, a in zip(needs, loads, strict=True)) * 2.5
    assert (sum(needs) * 2.5, week, round(each, 1)) == (350.0, 360.0, 366.7)
    text = INTRADAY.replace("{agents}", "30").replace("{{", "{").replace("}}", "}")
    text = text.replace("staffing: {agents: 30,", "staffing: {agents: 30, max_occupancy: 75%,")
    _, m = check(text)
    assert within(float(m["phone"].required_fte_at_ceiling), each * float(WEEKS) / 1456, 1e-9)


# ---- 6. a segment mix ---------------------------------------------------------------------------

MIX = (
    HEAD
    + """strategy: {primary: fast-food, by_segment: {gold: extraordinary-trust}}
channels:
  - id: gold-phone
    kind: voice
    segment: gold
    hours: Mon-Fri 08:00-20:00
    volume: {contacts: 7200, per: week}
    handle_time: 4m
    target: {service_level: "80% in 2m"}
    agents: 22.4
  - id: phone
    kind: voice
    hours: Mon-Fri 08:00-20:00
    volume: {contacts: 3600, per: week}
    handle_time: 4m
    target: {service_level: "80% in 60s"}
    agents: 15.1
budget: {total: 20M}
staffing:
  agents: 37.5
  loaded_cost_per_fte: 50000
  max_occupancy: 75%
  uses_scripts: true
  rewarded_on: [csat]
  refund_authority: 300
  training_hours_per_agent: 80
segments:
  - {id: gold, share: 20%, rank: 1}
  - {id: standard, share: 80%}
"""
)


def test_segment_mix_judges_the_ceiling_by_each_segments_strategy() -> None:
    # gold-phone: A = 7200 × 4 min ÷ 60 h = 8 Erlangs. Erlang C: 9 people answer 47.8% within
    # 2 min, 10 answer 85.0%: the target needs 10 (= 10 × 60 × 52.18/1456 = 21.50 FTE).
    # The plan's 75% ceiling needs 8/0.75 = 10.67. Planned 22.4 FTE = 10.42 on shift: the
    # target is kept (89.8%), occupancy 8/10.42 = 76.8% is over 75%. The gold segment runs
    # extraordinary-trust, whose seed reasoning makes over-worked reps a failure: an error.
    report, m = check(MIX)
    gold = m["gold-phone"]
    assert least_whole(8, 240, 0.8, 120) == gold.required_positions == 10
    assert gold.required_positions_at_ceiling == Fraction(32, 3)
    x = positions(22.4, 60)
    assert gold.service_level is not None
    assert abs(gold.service_level - sl_at(x, 8, 240, 120)) < 1e-9
    assert within(gold.occupancy, 8 / x, 1e-9)
    cap = [f for f in report.findings if f.rule == "occupancy-cap"]
    assert [(f.path, f.severity.name, f.strategy) for f in cap] == [
        ("channels[gold-phone]", "error", "extraordinary-trust")
    ]
    # phone: A = 3600 × 4 min ÷ 60 h = 4; 6 people answer 86.4% within 60 s (5: 69.6%);
    # the ceiling needs ⌈4/0.75⌉ = 6 too. 15.1 FTE = 7.02 on shift: no finding.
    phone = m["phone"]
    assert least_whole(4, 240, 0.8, 60) == phone.required_positions == 6
    assert "staffing-meets-targets" not in rules(report)
    assert report.verdict == "misaligned"


# ---- 7. weekly paid hours -----------------------------------------------------------------------

WEEKLY = (
    HEAD
    + """strategy: universal
channels:
  - id: phone
    kind: voice
    hours: 24x7
    volume: {contacts: 40320, per: week}
    handle_time: 5m
    target: {service_level: "80% in 30s"}
    agents: 168
staffing: {agents: 168, paid_hours_per_fte: 40/week, shrinkage: 30%, loaded_cost_per_fte: 50000}
budget: {total: 20M}  # stated, so the budget rules judge it: 20M funds any case here
"""
)


def test_weekly_paid_hours_stay_exact() -> None:
    # 40 paid hours a week × 70% = 28 productive hours; 168 FTE × 28 h = 4704 h over 168 open
    # hours: exactly 28 on shift (a Decimal detour through hours a year gave 27.999… → 27).
    # A = 40,320 × 5 min ÷ 168 h = 20 Erlangs; occupancy 20/28 = 71.4%.
    report, m = check(WEEKLY)
    phone = m["phone"]
    assert phone.planned_positions == 28
    assert phone.occupancy is not None and abs(phone.occupancy - 20 / 28) < 1e-12
    assert phone.required_positions == least_whole(20, 300, 0.8, 30)
    # One position through 168 h at 28 productive hours a week is 6 FTE.
    assert phone.required_fte == 6 * phone.required_positions
    assert report.verdict == "aligned"


# ---- 8. a leap-year period ----------------------------------------------------------------------

LEAP = (
    HEAD
    + """period: {start: 2028-01-01, end: 2028-12-31}
strategy: universal
channels:
  - id: phone
    kind: voice
    hours: 24x7
    volume: {contacts: 50400, per: week}
    handle_time: 5m
    target: {service_level: "80% in 20s"}
    agents: 190
staffing: {agents: 190, loaded_cost_per_fte: 55000}
budget: {total: 10450000, lines: {people: 10450000}}
"""
)


def test_leap_year_counts_as_one_year() -> None:
    # 2028 has 366 days but is one calendar year: 190 × 55,000 = 10,450,000 exactly. Reading
    # it as 366/365.25 years printed 10,471,457.91 and "short by 21,457.91".
    # A = 50,400 × 5 min ÷ 168 h = 25 Erlangs; 190 FTE = 31.56 on shift.
    report, _ = check(LEAP)
    assert report.metrics is not None and report.metrics.period_years == 1
    assert report.verdict == "aligned"
    assert "people-line-funds-staff" not in rules(report)
    moved, _ = check(LEAP.replace("2028-", "2027-"))
    assert moved.verdict == report.verdict and moved.metrics == report.metrics
    # A quarter is a quarter whatever its days; 10 days of January are 10/31 of a month.
    quarter, _ = check(LEAP.replace("end: 2028-12-31", "end: 2028-03-31"))
    assert quarter.metrics is not None and quarter.metrics.period_years == Fraction(1, 4)
    days, _ = check(LEAP.replace("end: 2028-12-31", "end: 2028-01-10"))
    assert days.metrics is not None and days.metrics.period_years == Fraction(10, 31 * 12)


# ---- 9. business-hour targets -------------------------------------------------------------------

BUSINESS = (
    HEAD
    + """strategy: universal
channels:
  - id: email
    kind: email
    hours: Mon-Fri 09:00-18:00
    volume: {contacts: 600, per: week}
    handle_time: 6m
    target: {first_response: 8 business hours}
    agents: 3
staffing: {agents: 3, loaded_cost_per_fte: 50000}
budget: {total: 20M}  # stated, so the budget rules judge it: 20M funds any case here
"""
)


def test_business_hour_targets_and_the_weekend_gap() -> None:
    # Work: 600 × 6 min = 60 h a week over 45 open hours: A = 1.333. Three FTE give
    # 3 × 27.90 = 83.7 h: x = 1.860 on shift, occupancy 71.7%. Two people each working 93%
    # of the time answer 90% well inside 8 business hours (counted while the inbox is open).
    report, m = check(BUSINESS)
    email = m["email"]
    assert email.goal.seconds == 8 * 3600
    assert report.verdict == "aligned" and "hours-cover-target" not in rules(report)
    # A 24 h promise in calendar time cannot be kept for mail sent on Friday at 18:00: the
    # inbox opens again on Monday at 09:00, 63 hours later.
    calendar, _ = check(BUSINESS.replace("8 business hours", "24h"))
    assert calendar.verdict == "at-risk"
    text = message(calendar, "hours-cover-target")
    assert "Fri 18:00 → Mon 09:00 is 63 h closed" in text
    fix = next(f.fix for f in calendar.findings if f.rule == "hours-cover-target")
    assert "weekend cover" in fix and "`first_response: 1 business day`" in fix
    # A 10-minute promise breaks every night too; counted in open time it holds.
    minutes, _ = check(BUSINESS.replace("8 business hours", "10m"))
    fix = next(f.fix for f in minutes.findings if f.rule == "hours-cover-target")
    assert "`first_response: 10 business minutes`" in fix
    # One business day here is the 9 open hours of an average open day.
    day, m = check(BUSINESS.replace("8 business hours", "1 business day"))
    assert m["email"].goal.seconds == 9 * 3600 and "hours-cover-target" not in rules(day)


# ---- 10. an email team with a one-day target ----------------------------------------------------

EMAIL_TEAM = (
    HEAD
    + """strategy: universal
channels:
  - id: email
    kind: email
    hours: Mon-Fri 08:00-17:00
    volume: {contacts: 1050, per: week}
    handle_time: 7m
    target: {first_response: 1 business day}
    agents: 6
staffing: {agents: 6, loaded_cost_per_fte: 50000}
budget: {total: 300000, lines: {people: 300000}}
"""
)


def test_email_team_with_a_one_day_target() -> None:
    # Work: 1050 × 7 min = 122.5 h a week over 45 open hours: A = 2.722. Six FTE give
    # 6 × 27.90 = 167.4 h: x = 3.721 on shift (never floored to 3), occupancy 73.2%.
    # Deferred work is staffed in hours: at the 85% ceiling it needs A/0.85 = 3.203 on shift
    # = 3.203 × 45 × 52.18/1456 = 5.16 FTE, and the ceiling is what binds, not the 1-day
    # target (the old model rounded the need up to 4 and the staff down to 3: "90.9%
    # occupied", "the budget falls short" of 4 × 45 × 52.18/1456 = 6.45 FTE).
    report, m = check(EMAIL_TEAM)
    email = m["email"]
    a, x = 122.5 / 45, positions(6, 45)
    assert within(float(email.planned_positions), x, 1e-9)
    assert within(email.occupancy, a / x, 1e-9)
    assert within(float(email.required_fte_at_ceiling), a / 0.85 * fte_per_position(45))
    assert email.binding == "occupancy"
    # First response: four people 72.1% of the time, three the rest: a contact waits with
    # chance C = 0.279·C(3) + 0.721·C(4), and 90% are answered within
    # 420·ln(C/0.1)/(x − A) = 11.6 minutes.
    t90 = t_within(x, a, 420, 0.9)
    assert within(email.first_response, t90, 1e-6) and 11 * 60 < t90 < 12 * 60
    assert report.verdict == "aligned"
    assert not rules(report) & {
        "staffing-meets-targets",
        "budget-funds-targets",
        "occupancy-cap",
        "deferred-backlog",
    }


# ---- 11. a channel with no target ---------------------------------------------------------------

NO_TARGET = (
    HEAD
    + """strategy: universal
channels:
  - id: chat
    kind: chat
    hours: Mon-Fri 08:00-20:00
    volume: {contacts: 1200, per: week}
    handle_time: 6m
    agents: 7
  - id: email
    kind: email
    hours: Mon-Fri 08:00-18:00
    volume: {contacts: 500, per: week}
    handle_time: 6m
    agents: 2.2
staffing: {agents: 9.2, loaded_cost_per_fte: 50000}
budget: {total: 460000, lines: {people: 460000}}
"""
)


def test_a_channel_with_no_target_needs_its_workload_at_the_ceiling() -> None:
    # chat: A = 1200 × 0.1 h ÷ 60 h = 2 Erlangs. No target: no invented "80% in 20s", only
    # the work at the 85% ceiling, 2/0.85 = 2.35 on shift (the ceiling is judged on the
    # time-weighted staff a plan has) = 2.35 × 60 × 52.18/1456 = 5.06 FTE. email: A = 50 h ÷
    # 50 h = 1; deferred work needs 1/0.85 = 1.18 on shift = 1.18 × 50 × 52.18/1456 = 2.11.
    report, m = check(NO_TARGET)
    chat, email = m["chat"], m["email"]
    assert chat.service_level is None and chat.target_text == ""
    assert chat.required_positions == chat.required_positions_at_ceiling == Fraction(40, 17)
    assert within(float(chat.required_fte), 2 / 0.85 * fte_per_position(60))
    assert email.required_positions == Fraction(20, 17)  # 1/0.85, exactly
    assert within(float(email.required_fte), 1 / 0.85 * fte_per_position(50))
    assert rules(report) >= {"target-stated"} and report.verdict == "misaligned"
    assert "staffing-meets-targets" not in rules(report)
    rows = promise_rows(NO_TARGET)
    assert rows["chat"].keepable.startswith("no target stated; the planned staff give ASA")
    assert rows["email"].keepable.startswith("no target stated; the planned staff give first")


# ---- 12. a staffed channel with no volume -------------------------------------------------------

NO_VOLUME = (
    HEAD
    + """strategy: universal
channels:
  - id: phone
    kind: voice
    hours: Mon-Fri 08:00-20:00
    handle_time: 5m
    target: {service_level: "80% in 20s"}
    agents: 12
staffing: {agents: 12, loaded_cost_per_fte: 50000}
budget: {total: 20M}  # stated, so the budget rules judge it: 20M funds any case here
"""
)


def test_a_staffed_channel_with_no_volume_cannot_be_checked() -> None:
    # Nothing to size: with no volume there is no load, so no figure can say whether 12 FTE
    # keep 80% in 20 s. Silence would read as "fine", and a warning would let a gate at
    # --fail-on error pass a plan whose failing figures were deleted: an error says so.
    report, m = check(NO_VOLUME)
    assert report.verdict == "misaligned"
    assert {f.rule for f in report.findings if f.severity.name == "error"} == {"volume-stated"}
    assert message(report, "volume-stated") == (
        "phone: no volume: staffing for 80% in 20s cannot be checked"
    )
    assert m["phone"].model == "none"
    row = promise_rows(NO_VOLUME)["phone"]
    assert row.keepable == "cannot be checked: no volume"


# ---- 13. a backlog that grows -------------------------------------------------------------------

BACKLOG = (
    HEAD
    + """strategy: universal
channels:
  - id: email
    kind: email
    hours: Mon-Fri 08:00-18:00
    volume: {contacts: 800, per: week}
    handle_time: 6m
    target: {first_response: 1 business day}
    agents: 2.5
staffing: {agents: 2.5, loaded_cost_per_fte: 50000}
budget: {total: 20M}  # stated, so the budget rules judge it: 20M funds any case here
"""
)


def test_the_backlog_grows_only_when_the_week_does_not_fit() -> None:
    # Work: 800 × 6 min = 80 h a week. 2.5 FTE give 2.5 × 27.90 = 69.8 productive hours:
    # short by 10 h a week, the backlog grows. Keeping up needs 80 × 52.18/1456 = 2.87 FTE.
    # On shift: 69.76 h ÷ 50 h open = 1.3952, cut down as every planned figure: 1.39.
    report, _ = check(BACKLOG)
    assert message(report, "deferred-backlog") == (
        "email: 80 hours of work arrive each week but the planned 2.5 FTE give 70 "
        "productive hours (1.39 on shift); the backlog grows every week"
    )
    fix = next(f.fix for f in report.findings if f.rule == "deferred-backlog")
    assert "plan at least 2.9 FTE for email to keep up" in fix
    fits, _ = check(BACKLOG.replace("agents: 2.5", "agents: 2.9"))
    assert "deferred-backlog" not in rules(fits)


# ---- 14. messaging with a long target is deferred work ------------------------------------------

MESSAGING = (
    HEAD
    + """strategy: universal
channels:
  - id: whatsapp
    kind: messaging
    hours: 24x7
    volume: {contacts: 1680, per: week}
    handle_time: 5m
    target: {first_response: 2h}
    agents: 6
staffing: {agents: 6, loaded_cost_per_fte: 50000}
budget: {total: 20M}  # stated, so the budget rules judge it: 20M funds any case here
"""
)


def test_messaging_with_a_long_target_is_sized_as_deferred_work() -> None:
    # Work: 1680 × 5 min = 140 h over 168 h: A = 0.833. A 2-hour reply is no queue: the work
    # at the ceiling needs 0.833/0.85 = 0.980 on shift = 5.90 FTE, in hours, not people.
    report, m = check(MESSAGING)
    msg = m["whatsapp"]
    assert msg.model == "workload"
    assert msg.required_positions_at_ceiling == Fraction(140, 168) / Fraction(85, 100)
    assert within(float(msg.required_fte_at_ceiling), 140 / 168 / 0.85 * fte_per_position(168))
    assert report.verdict == "aligned"


# ---- 15. promise on every target kind -----------------------------------------------------------

KINDS = (
    HEAD
    + """strategy: universal
channels:
  - id: sales
    kind: voice
    hours: Mon-Fri 08:00-20:00
    volume: {contacts: 1800, per: week}
    handle_time: 4m
    target: {asa: 30s}
    agents: 6
  - id: support
    kind: voice
    hours: Mon-Fri 08:00-20:00
    volume: {contacts: 1800, per: week}
    handle_time: 4m
    patience: 2m
    target: {abandonment_max: 5%}
    agents: 6
  - id: claims
    kind: email
    hours: Mon-Fri 09:00-17:00
    volume: {contacts: 200, per: week}
    handle_time: 12m
    target: {resolution: 2 business days}
    agents: 2
staffing: {agents: 14, loaded_cost_per_fte: 50000}
budget: {total: 20M}  # stated, so the budget rules judge it: 20M funds any case here
"""
)


def test_promise_speaks_to_every_target_kind() -> None:
    # sales: A = 1800 × 4 min ÷ 60 h = 2 Erlangs; 6 FTE = 2.790 on shift. Two people cannot
    # keep up with 2 Erlangs (C = 1); three for 79% of the time: C = 0.21 + 0.79·C(3, 2),
    # ASA = C·240/(2.790 − 2) = 2m50s against the 30 s promised.
    rows = promise_rows(KINDS)
    x = positions(6, 60)
    asa = between(x, 2) * 240 / (x - 2)
    assert within(rows["sales"].keepable_seconds, asa, 1e-6)
    assert rows["sales"].keepable == f"ASA {within_text(asa)}"  # 2m50.4s kept: 2m51s
    # support: only an abandonment ceiling (Erlang A, 2 min patience); the promise names
    # the abandonment the staff give.
    assert rows["support"].keepable.startswith("abandonment at most 17.")
    # claims: resolution within 2 business days = 2 × 8 open hours; one touch means a first
    # response within 16 h − 12 min. A = 200 × 12 min ÷ 40 h = 1; 2 FTE = 1.395 on shift:
    # C = 0.605 × 1 + 0.395 × C(2, 1) = 0.605 + 0.395/3; 90% get a first response within
    # 720·ln(C/0.1)/(x − A) and are resolved one handle time later.
    xc = positions(2, 40)
    first = t_within(xc, 1, 720, 0.9)
    assert within(rows["claims"].keepable_seconds, first + 720, 1e-6)
    assert rows["claims"].keepable == (
        f"resolution within {within_text(first + 720)} of open time (90%, one touch)"
    )
    assert rows["claims"].declared == "resolution within 2 business days"
    assert all("nothing" not in row.keepable for row in rows.values())


def test_promise_command_prints_every_channel(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "kinds.yaml"
    path.write_text(KINDS)
    result = CliRunner().invoke(app, ["promise", str(path), "-f", "json"])
    assert result.exit_code in (0, 1), result.stdout  # the plan itself misses targets
    data = json.loads(result.stdout)
    assert [c["channel"] for c in data["channels"]] == ["sales", "support", "claims"]


CASES = {
    "two-person": TWO_PERSON,
    "inbox": INBOX,
    "centre": CENTRE,
    "chat": CHAT,
    "mix": MIX,
    "weekly": WEEKLY,
    "leap": LEAP,
    "business": BUSINESS,
    "email-team": EMAIL_TEAM,
    "no-target": NO_TARGET,
    "no-volume": NO_VOLUME,
    "backlog": BACKLOG,
    "messaging": MESSAGING,
    "kinds": KINDS,
}
"""Plain plans (the intraday one is built in its test), for the one-model test."""


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_case_loads_and_checks(name: str) -> None:
    report, _ = check(CASES[name])
    assert report.verdict in ("aligned", "at-risk", "misaligned")


# ---- a service level and an ASA that need the same headcount ----------------------------------

SL_AND_ASA = (
    HEAD
    + """strategy: universal
channels:
  - id: phone
    kind: voice
    hours: Mon-Fri 08:00-20:00
    volume: 12000/month
    handle_time: 5m
    target: {service_level: "80% in 20s", asa: 15s}
    agents: 16
staffing: {agents: 16, shrinkage: 30%, paid_hours_per_fte: 1800/year}
"""
)


def test_the_target_a_tenth_below_the_need_misses_is_said_to_bind() -> None:
    # 12,000 a month × 12 ÷ 52.1775 weeks ÷ 60 open hours × 5 min = 3.833 Erlangs. Six on
    # shift answer 78.7% in 20 s (short of 80%) with an ASA of 34.0 s; seven answer 90.9%
    # with an ASA of 10.7 s, keeping both: the
    # service level binds at 7, and the ASA needs 7 too. 16 FTE are 6.43 on shift (1,800 h ×
    # 70% ÷ 52.1775 ÷ 60 × 16 = 6.439, cut down as every planned figure), weighted
    # between 6 and 7: 84.3% in 20 s kept, an ASA
    # of 21.6 s missed (review calc29 F5: "the service level binds" alone read as the target
    # to loosen).
    # Judged as the planned FTE are, 16.8 FTE (6.761 on shift) keep the ASA, C weighted
    # between C(6) and C(7): 14.8 s; 16.7 FTE (6.721) give 15.6 s. 16.8 is the need told,
    # what `fix` writes; 7 all the time are 17.4 FTE (review calc29 F3). The ASA decides
    # it (16.7 FTE keep the service level), so the ASA binds (review calc32 L1).
    # 16.8 FTE = 1,260 h ÷ 52.1786 ÷ 60 × 16.8 = 6.7614 on shift, a need: 6.77 (rounded up).
    a = 12000 * 12 / float(WEEKS) / 60 * 300 / 3600
    x16_8, x16_7 = positions(16.8, 60, 1260), positions(16.7, 60, 1260)
    assert between(x16_8, a) * 300 / (x16_8 - a) == pytest.approx(14.82, abs=0.01)
    assert between(x16_7, a) * 300 / (x16_7 - a) == pytest.approx(15.58, abs=0.01)
    report, phone = check(SL_AND_ASA)
    assert phone["phone"].misses == ("asa",)
    assert message(report, "staffing-meets-targets") == (
        "phone: 80% in 20s, ASA 15s needs 16.8 FTE, 6.77 on shift (7 on shift = 17.4 FTE all "
        "the time; the ASA binds); plan has 16 FTE (6.43 on shift), which answers 84.3% "
        "within the target time, with ASA 22s; it misses the ASA"
    )


MESSAGING_K3 = (
    HEAD
    + """strategy: universal
channels:
  - id: msg
    kind: messaging
    hours: Mon-Sun 08:00-20:00
    volume: 12000/month
    handle_time: 15m
    target: {first_response: 2 business hours}
    agents: 9.8
    concurrency: 3
staffing: {agents: 9.8, shrinkage: 30%, paid_hours_per_fte: 1800/year}
"""
)


def test_a_part_time_need_on_shift_is_shown_rounded_up() -> None:
    # 9.8 FTE are 1,800 h × 70% ÷ 52.1775 ÷ 84 open hours × 9.8 = 2.8173 people on shift;
    # the first response needs 2.8229 (review calc29 F6, mpmath): "needs 2.82" beside
    # "2.82 on shift" that miss read as a contradiction. The need told is the tenth of an
    # FTE above it, 9.9 FTE, and what they put on shift: 0.287477 × 9.9 = 2.8460, "2.85"
    # (review calc44 K06: the exact need beside the FTE above it did not add up). The
    # planned 2.8173 is cut down, 2.81, never shown at or past a need it misses (calc51 W1).
    report, channels = check(MESSAGING_K3)
    assert 2.8229 < float(channels["msg"].required_positions) < 2.823
    text = message(report, "staffing-meets-targets")
    assert "needs 2.85 on shift = 9.9 FTE" in text and "plan has 9.8 FTE (2.81 on shift)" in text


PART_TIME_INBOX = (
    HEAD
    + """strategy: universal
channels:
  - id: inbox
    kind: {kind}
    hours: {hours}
    volume: {volume}
    handle_time: {aht}
    target: {{{target}}}
    agents: {fte}
staffing: {{agents: {fte}, shrinkage: {shrinkage}, paid_hours_per_fte: {paid}}}
"""
)


@pytest.mark.parametrize(
    ("fields", "within"),
    [
        # Email, Mon-Fri 08:00-18:00, 300 a week of 5 minutes (0.5 Erlang); 1.4 FTE at 1,950 h
        # × 65% are 1.4 × 1,267.5 ÷ (50 × 52.1786) = 0.680 on shift.
        (
            dict(
                kind="email",
                hours="Mon-Fri 08:00-18:00",
                volume="300/week",
                aht="5m",
                fte="1.4",
                shrinkage="35%",
                paid="1950/year",
            ),
            "first_response: {}",
        ),
        # Messaging around the clock, 150 a day of 8 minutes (0.833 Erlang); 6.1 FTE at
        # 1,800 h × 68% are 6.1 × 1,224 ÷ 8,766 = 0.852 on shift.
        (
            dict(
                kind="messaging",
                hours="24x7",
                volume="150/day",
                aht="8m",
                fte="6.1",
                shrinkage="32%",
                paid="1800/year",
            ),
            'service_level: "80% in {}"',
        ),
    ],
    ids=["email", "messaging"],
)
def test_a_part_time_inbox_is_read_alike_on_both_sides_of_an_hour(
    fields: dict[str, str], within: str
) -> None:
    """Review calc31 F6, F7: with less than one person on shift, a message that arrived
    while nobody was there was never answered in time up to a target of an hour, and
    waited for the next person past it: "first response within 1h" failed (needs 2.1 FTE)
    where "1h1s" passed, and messaging the other way round (64.7% within 1h, 25.3% within
    1h1s). Mail and messages wait for the next person whatever the target: what the staff
    answer within a time never falls as the time grows.

    By hand, the email: the chance of waiting weighted between nobody (1) and one person
    (C(1, ½) = ½), 0.320 + 0.680 × ½ = 0.660, cleared at (0.680 − 0.5) ÷ 300 s: 1 − 0.660 ×
    e^(−0.180 × 3,600/300) = 92.4% within an hour, and 90% within 52m22s."""
    shares = []
    for seconds in ("50m", "1h", "1h1s", "2h"):
        text = PART_TIME_INBOX.format(target=within.format(seconds), **fields)
        _, channels = check(text)
        shares.append(channels["inbox"].service_level)
    assert shares == sorted(shares), shares
    assert shares[1] == pytest.approx(shares[2], abs=2e-3)  # one second apart
    if fields["kind"] == "email":
        x = positions(1.4, 50, 1267.5)
        wait = (1 - x) + x * 0.5
        assert shares[1] == pytest.approx(1 - wait * math.exp(-(x - 0.5) * 12), abs=1e-9)
        assert shares[1] == pytest.approx(0.924, abs=5e-4)


INTERVALS_SHORT = (
    HEAD
    + """strategy: universal
channels:
  - id: phone
    kind: voice
    hours: Mon-Fri 09:00-11:00
    volume: {interval: 30m, intervals: [{at: "09:00", contacts: 20}, {at: "09:30", contacts: 40},
             {at: "10:00", contacts: 60}, {at: "10:30", contacts: 30}]}
    handle_time: 5m
    target: {service_level: "80% in 20s"}
    agents: 3.2
staffing: {agents: 3.2, shrinkage: 30%, paid_hours_per_fte: 1800/year}
"""
)


def test_over_intervals_the_whole_headcount_told_is_each_intervals_own() -> None:
    # Review calc32 L3: "(14 on shift = 4 FTE all the time)" where 14 is the busiest half
    # hour's and 14 all the time would be 5.8 FTE. By hand: 20, 40, 60 and 30 calls a half
    # hour of 5 min are 3.33, 6.67, 10 and 5 Erlangs; 80% in 20 s needs 6, 10, 14 and 8 on
    # shift (Erlang C), 38 × ½ h × 5 days = 95 position-hours a week, × 52.1786 weeks ÷
    # (1,800 h × 70%) = 3.934 FTE, shown as the 4 that covers it.
    needs = [least_whole(a, 300, 0.8, 20) for a in (20 / 6, 40 / 6, 10.0, 5.0)]
    assert needs == [6, 10, 14, 8]
    assert 95 * float(WEEKS) / 1260 == pytest.approx(3.934, abs=5e-4)
    report, _ = check(INTERVALS_SHORT)
    assert (
        "on shift at the busiest (14 on shift at the busiest = 4 FTE with whole headcounts in "
        "every interval; the service level binds)"
    ) in message(report, "staffing-meets-targets")


# ---- review calc33 F0: each target read from Erlang A results at its own time ------------------

TWO_TIMES = (
    HEAD
    + """strategy: universal
channels:
  - id: ch
    kind: voice
    hours: Mon-Fri 09:00-11:00
    volume:
      interval: 30m
      intervals:
        - {at: "09:00", contacts: 41}
        - {at: "09:30", contacts: 57}
        - {at: "10:00", contacts: 58}
        - {at: "10:30", contacts: 37}
    handle_time: 5m
    target: {service_level: "80% in 20s", first_response: 90s}
    patience: 2m
    agents: AGENTS
staffing: {agents: AGENTS, shrinkage: 30%, paid_hours_per_fte: 1800/year}
"""
)


@pytest.mark.parametrize("agents", ["4", "4.1", "4.3"])
def test_two_targets_over_intervals_each_read_at_its_own_time(agents: str) -> None:
    # Both targets need 9/12/12/8 people, so each interval took the service level's need
    # and with it the Erlang A results worked out at 20 s: the 90-second first response
    # was read from them, and 4.1 FTE that answer 90.5% within 90 s (by hand, calc33)
    # read "90% within 1m21s; it misses". Judged afresh, with nothing carried over, each
    # interval's figures are the ones shown.
    _, m = check(TWO_TIMES.replace("AGENTS", agents))
    ch = m["ch"]
    seconds = 90.0 if ch.first_response is not None else 20.0
    fresh = [
        (queue._replace(known=None).at(x, seconds).service_level, weight)
        for queue, x, weight in ch.parts
    ]
    day = sum(level * weight for level, weight in fresh) / sum(w for _, w in fresh)
    assert ch.service_level == pytest.approx(day, abs=1e-12)


# ---- calc54: shapes the other cases do not cover ------------------------------------------------
# Each figure below was computed by the reviewer's own Erlang C (the factorial formula above)
# and Erlang A (the M/M/n+M birth-death chain, ``erlang_a_chain`` below), before cs-align ran.


def erlang_a_chain(n: int, a: float, aht: float, patience: float) -> tuple[float, float]:
    """Erlang A (M/M/n+M) by its birth-death chain: (share of callers who hang up, carried
    load ÷ n). Arrivals a/aht a second, each of n people serves at 1/aht, each waiting
    caller leaves at 1/patience; PASTA gives the abandonment θ·E[queue] ÷ λ."""
    with mp.workdps(40):
        lam, mu, theta = mp.mpf(a) / aht, mp.mpf(1) / aht, mp.mpf(1) / patience
        states = [mp.mpf(1)]
        for k in range(1, n + 400):
            states.append(states[-1] * lam / (min(k, n) * mu + max(0, k - n) * theta))
        total = mp.fsum(states)
        queue = mp.fsum((k - n) * p for k, p in enumerate(states) if k > n) / total
        abandon = theta * queue / lam
        return float(abandon), float(mp.mpf(a) * (1 - abandon) / n)


SHARED_TEAM = (
    HEAD
    + """strategy: fast-food
channels:
  - {id: phone, kind: voice, hours: Mon-Fri 08:00-18:00, volume: 4000/week, handle_time: 5m,
     target: {service_level: "80% in 60s"}}
  - {id: chat, kind: chat, hours: Mon-Fri 08:00-18:00, volume: 2000/week, handle_time: 8m,
     concurrency: 2, target: {service_level: "80% in 30s"}}
  - {id: email, kind: email, hours: Mon-Fri 08:00-18:00, volume: 1500/week, handle_time: 6m,
     target: {first_response: 1 business day}}
staffing: {agents: 40, shrinkage: 30%, max_occupancy: 85%, paid_hours_per_fte: 40/week,
  loaded_cost_per_fte: 50000}
budget: {total: 2000000, lines: {people: 2000000}}
"""
)


def test_three_channels_sharing_one_team() -> None:
    # An FTE gives 40 × 70% = 28 h a week; 50 open hours need 50/28 = 1.7857 FTE a position.
    # Phone: 4,000 × 5 min ÷ 50 h = 6.667 Erlangs; 80% in 60s needs 9 (C(8) gives 59.2%,
    # C(9) 80.36%): 9 × 1.7857 = 16.07 → 16.1 FTE; its ceiling 6.667/0.85 = 7.84 is less.
    # Chat: 2,000 × 8 min ÷ 50 h = 5.333 Erlangs over 2 slots a person; 4 people (8 slots)
    # answer 81.3% in 30s, 3 (6 slots) 31.6%: 7.14 FTE all the time, 7.1 as the least kept.
    # E-mail: 150 h of work a week; the ceiling needs 150/(28 × 0.85) = 6.30 → 6.4 FTE.
    # The 40 FTE go beyond what the targets and ceiling need (16.1 + 7.1 + 6.4 = 29.6), in
    # proportion: phone 40 × 16.1/29.6 = 21.756757 FTE = 12.1838 on shift.
    report, m = check(SHARED_TEAM)
    assert float(m["phone"].planned_fte) == pytest.approx(40 * 16.1 / 29.6, abs=1e-6)
    assert float(m["chat"].planned_fte) == pytest.approx(40 * 7.1 / 29.6, abs=1e-6)
    assert m["phone"].required_positions == least_whole(20 / 3, 300, 0.8, 60) == 9
    x = float(m["phone"].planned_positions)  # the FTE as written, cut to the millionth
    assert x == pytest.approx(40 * 16.1 / 29.6 / (50 / 28), abs=1e-6)
    assert m["phone"].service_level == pytest.approx(sl_at(x, 20 / 3, 300, 60), abs=1e-9)
    y = float(m["chat"].planned_positions)
    assert m["chat"].service_level == pytest.approx(sl_chats(y, 2, 16 / 3, 480, 30), abs=1e-9)
    # E-mail: 3 Erlangs on 4.8432 on shift; 90% answered within 360·ln(C/0.1)/(x − A) s.
    z = float(m["email"].planned_positions)
    assert m["email"].first_response == pytest.approx(
        360 * float(mp.log(between(z, 3) / 0.1)) / (z - 3), rel=1e-6
    )
    # fast-food's no-overspend: 40 FTE against the whole headcounts 16.1 + 7.2 + 6.4 = 29.7,
    # 34.7% more than the 15% it allows.
    assert "no-overspend" in rules(report) and "staffing-meets-targets" not in rules(report)
    said = message(report, "no-overspend")
    assert "plan has 40 FTE" in said and "need 29.7" in said and "34.7% more" in said


AT_THE_CEILING = (
    HEAD
    + """strategy: universal
channels:
  - {id: phone, kind: voice, hours: 24x7, volume: 14280/week, handle_time: 6m,
     target: {asa: 2m}, agents: 60}
  - {id: email, kind: email, hours: Mon-Fri 09:00-17:00, volume: 952/week, handle_time: 15m,
     target: {first_response: 2 business days}, agents: 10}
staffing: {agents: 70, shrinkage: 30%, max_occupancy: 85%, paid_hours_per_fte: 40/week}
"""
)


def test_occupancy_exactly_at_the_ceiling_is_within_it() -> None:
    # Phone: 14,280 × 0.1 h ÷ 168 h = 8.5 Erlangs; 168/28 = 6 FTE a position, so 60 FTE are
    # exactly 10 on shift, 8.5/10 = 85.0% busy: at the ceiling, not over it. ASA with 10:
    # C(10, 8.5)·360/1.5 = 127.17 s, over the 2 minutes: 11 people give 47.5 s, and 10.056
    # on shift (60.34 FTE) keep 120 s, so 60.4 FTE is the least to the tenth.
    # E-mail: 952 × 0.25 h = 238 h of work; 10 FTE give 280 productive hours: 85.0% too.
    report, m = check(AT_THE_CEILING)
    assert m["phone"].occupancy == pytest.approx(0.85, abs=1e-12)
    assert m["email"].occupancy == pytest.approx(0.85, abs=1e-12)
    assert "occupancy-cap" not in rules(report)
    assert m["phone"].asa == pytest.approx(float(erlang_c(10, 8.5)) * 360 / 1.5, rel=1e-6)
    assert m["phone"].required_positions == 11
    assert float(m["phone"].required_fte_at_ceiling) == 66.0  # 11 whole on shift × 6
    assert "needs 60.4 FTE" in message(report, "staffing-meets-targets")
    assert float(m["email"].required_fte_at_ceiling) == 10.0  # 238 ÷ (28 × 0.85), exactly


HAIRLINE = (
    HEAD
    + """strategy: universal
period: {start: 2027-11-22, end: 2027-11-28}
currency: USD
channels:
  - {id: phone, kind: voice, hours: 24x7, volume: 2000/day, handle_time: 3m,
     target: {service_level: "80% in 30s"}, agents: FTE}
staffing: {agents: FTE, shrinkage: 25%, paid_hours_per_fte: 40/week,
  loaded_cost_per_fte: 48123.45}
budget: {total: 32805.89, lines: {people: 32805.89}}
"""
)


@pytest.mark.parametrize(("fte", "keeps"), [("35.059", True), ("35.058", False)])
def test_the_need_to_a_thousandth_of_an_fte(fte: str, keeps: bool) -> None:
    # 2,000 calls a day × 3 min ÷ 24 h = 4.1667 Erlangs; an FTE gives 30 h a week, so 168/30
    # = 5.6 FTE a position. 80% in 30 s needs 6.26052 on shift (bisection on sl_at), 35.0589
    # FTE. 35.059 FTE (6.260536 on shift) keep it, 35.058 (6.260357) answer 79.997%.
    # A week of November is 7/30 of a month: 35.059 × 48,123.45 × 7/360 = 32,805.8895, so
    # 32,805.89 USD pays for it to the cent.
    report, m = check(HAIRLINE.replace("FTE", fte))
    x = float(fte) / 5.6
    assert m["phone"].service_level == pytest.approx(sl_at(x, 2000 * 3 / 60 / 24, 180, 30))
    assert (m["phone"].service_level >= 0.8) is keeps
    assert ("staffing-meets-targets" in rules(report)) is not keeps
    assert "people-line-funds-staff" not in rules(report)
    if not keeps:
        said = message(report, "staffing-meets-targets")
        assert "answers 79.997% within the target time" in said
        fix = next(f.fix for f in report.findings if f.rule == "staffing-meets-targets")
        assert "plan 35.1 FTE for phone (+0.042)" in fix


GOLD_LINE = (
    HEAD
    + """strategy: universal
channels:
  - {id: gold-line, kind: voice, hours: Mon-Fri 08:00-20:00, volume: 1500/month,
     handle_time: 9m, patience: 3m, target: {service_level: "80% in 20s",
     abandonment_max: 5%}, agents: 6}
staffing: {agents: 6, shrinkage: 32%, paid_hours_per_fte: 1800/year}
"""
)


def test_erlang_a_between_two_headcounts_weighs_the_carried_load() -> None:
    # 1,500 a month × 12 ÷ 52.1786 weeks = 344.97 calls a week × 9 min ÷ 60 h = 0.8624
    # Erlangs. 1,224 productive hours a year; 60 × 52.1786 / 1224 = 2.5578 FTE a position,
    # so 6 FTE are 2.3458 on shift: 2 people 65.4% of the time, 3 the rest. By the chain,
    # 12.03% hang up with 2 and 2.75% with 3: 8.82% in all, over the 5%. Busy time over
    # staffed time is the carried load, 0.8624 × (1 − 8.82%) ÷ 2.3458 = 33.52%.
    report, m = check(GOLD_LINE)
    a = 1500 * 12 / float(WEEKS) * 9 / 60 / 60
    x = 6 / (60 * float(WEEKS) / 1224)
    low, high = erlang_a_chain(2, a, 540, 180), erlang_a_chain(3, a, 540, 180)
    abandon = (3 - x) * low[0] + (x - 2) * high[0]
    assert m["gold-line"].abandonment == pytest.approx(abandon, rel=1e-6)
    assert m["gold-line"].occupancy == pytest.approx(a * (1 - abandon) / x, rel=1e-6)
    assert {"abandonment-max", "staffing-meets-targets"} <= rules(report)
    assert "8.8% of callers are expected to hang up" in message(report, "abandonment-max")


SPLIT_SHIFT = (Path(__file__).parent / "data" / "plans" / "split-shift-quarter.yaml").read_text(
    encoding="utf-8"
)


def test_a_split_shift_a_night_past_midnight_and_a_quarter_off_the_months() -> None:
    # Paid 1,950 h a year at 33.3% shrinkage: 1,300.65 productive hours.
    # Phone, open Mon-Fri 08:00-12:00 and 13:00-17:00 and Sat 09:00-12:00 (43 h a week):
    # 300 a day on 6 days = 1,800 a week spread by the hour, 41.86 an hour × 5 min = 3.488
    # Erlangs, × 1.25 at the peak = 4.3605. 43 × 52.1786 / 1,300.65 = 1.72503 FTE a
    # position, so 8 FTE are 4.6376 on shift: 21.25% within 30 s, ASA 876 s.
    # Night, Mon-Sun 22:00-06:00 (56 h): 280 a week × 8 min = 0.6667 Erlangs; 5 FTE are
    # 2.2256 on shift; with 4 minutes' patience the chain gives 5.86% hanging up.
    # The targets need 11.6 + 4.8 + 4.3 = 20.7 FTE; 2027-02-15 to 05-14 is 14/28 + 2 +
    # 14/31 months: 20.7 × 55,500 × 2.951613 ÷ 12 = 282,580.04 USD, 39,467.54 above the
    # 243,112.50 the people line gives.
    report, m = check(SPLIT_SHIFT)
    weeks = float(WEEKS)
    a = 1800 / 43 * 5 / 60 * 1.25
    assert m["phone"].offered_load == pytest.approx(a, rel=1e-9)
    x = 8 / (43 * weeks / 1300.65)
    assert float(m["phone"].planned_positions) == pytest.approx(x, rel=1e-9)
    assert m["phone"].service_level == pytest.approx(sl_at(x, a, 300, 30), abs=1e-9)
    night = 5 / (56 * weeks / 1300.65)
    low, high = erlang_a_chain(2, 2 / 3, 480, 240), erlang_a_chain(3, 2 / 3, 480, 240)
    abandon = (3 - night) * low[0] + (night - 2) * high[0]
    assert m["night"].abandonment == pytest.approx(abandon, rel=1e-6)
    said = message(report, "budget-funds-targets")
    assert "need 20.7 FTE × 55,500 USD a year × (14/28 + 2 + 14/31 months) ÷ 12" in said
    assert "= 282,580.04 USD; the budget gives 243,112.50 USD, 39,467.54 USD short" in said
