"""A planner's casebook, second volume (review calc55): small pooled teams, money a cent
either side of the line, `fix --keep-budget`, `whatif` at the edges of its ranges, Erlang A,
and `diff` beside its limits. Every figure is worked by hand beside the product's, with the
independent Erlang C of `tests/test_casebook.py` (factorial formula, mpmath) and, for
Erlang A, the birth-death chain of M/M/n+M summed in 40 digits here.

Conventions: paid 40 hours a week at 30% shrinkage = 28 productive hours a week, so one
person on shift through 40 open hours a week is 40 / 28 = 1.428571 FTE.
"""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import mpmath as mp
import pytest

from cs_align.engine import CheckOptions, assess
from cs_align.fixer import fix
from cs_align.loader import parse_plan
from tests.conftest import Invoke
from tests.test_casebook import (
    between,
    erlang_c,
    least_whole,
    least_x,
    sl_at,
    sl_whole,
    t_within,
    write,
)

PER_POSITION = 40 / 28
"""FTE to keep one person on shift through 40 open hours a week at 28 productive hours."""


def cents(value: Fraction | Decimal | float | str) -> Decimal:
    """Money to the cent, half up, as a budget holder rounds."""
    from decimal import ROUND_HALF_UP

    return Decimal(str(value) if isinstance(value, float) else value).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def money(fte: str, cost: str) -> Decimal:
    return cents(Decimal(fte) * Decimal(cost))


def figures(text: str) -> tuple[Any, dict[str, Any]]:
    report = assess(parse_plan(text, "case.yaml"), CheckOptions(), reveal=False)
    assert report.metrics is not None
    return report, {c.id: c for c in report.metrics.channels}


def findings(report: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    for f in report.findings:
        if f.severity > 0:
            found[f.rule] = f"{found[f.rule]} | {f.message}" if f.rule in found else f.message
    return found


# ---- 1. a team of four pooled over phone and chat ------------------------------------------------

POOLED = """version: 1
organisation: Casebook Co
promise: "Every customer gets an answer within the times each channel states."
currency: EUR
period: {start: 2027-01-01, end: 2027-12-31}
strategy: universal
channels:
  - id: phone
    kind: voice
    hours: Mon-Fri 09:00-17:00
    volume: {contacts: VOLUME_PHONE, per: week}
    handle_time: 5m
    target: {service_level: "80% in 30s"}
  - id: chat
    kind: chat
    hours: Mon-Fri 09:00-17:00
    volume: {contacts: VOLUME_CHAT, per: week}
    handle_time: 8m
    concurrency: 2
    target: {service_level: "80% in 60s"}
staffing:
  {agents: AGENTS, shrinkage: 30%, paid_hours_per_fte: 40/week, loaded_cost_per_fte: 41000.01}
budget: {total: PEOPLE, lines: {people: PEOPLE}}
"""


def pooled(
    agents: str = "4", people: str = "164000.04", phone: str = "400", chat: str = "240"
) -> str:
    return (
        POOLED.replace("AGENTS", agents)
        .replace("PEOPLE", people)
        .replace("VOLUME_PHONE", phone)
        .replace("VOLUME_CHAT", chat)
    )


PHONE_A = 400 * 5 / 60 / 40
"""400 calls × 5 min over 40 open hours: 0.8333 Erlangs."""
CHAT_A = 240 * 8 / 60 / 40
"""240 chats × 8 min over 40 hours: 0.8 Erlangs, over two slots a person."""


def chat_least() -> float:
    """Below one person the chat is answered at one person's level for the share of the time
    someone is there (nobody the rest): least x = 0.8 / SL(1 person, 2 slots)."""
    return 0.8 / sl_whole(2, CHAT_A, 480, 60)


def test_a_pooled_team_of_four_is_shared_by_the_targets_needs() -> None:
    report, m = figures(pooled())
    # Phone: the least people on shift for 80% in 30s, whole or not: 2.0969 (x between 2
    # and 3, C weighed between them), = 2.0969 × 1.428571 = 2.995590 FTE; whole, 3 on shift.
    phone_least = least_x(PHONE_A, 300, 0.8, 30) * PER_POSITION
    assert phone_least == pytest.approx(2.995590, abs=2e-6)
    assert m["phone"].required_positions == least_whole(PHONE_A, 300, 0.8, 30) == 3
    # Chat: 1 person (2 slots) answers 1 − C(2, 0.8)·e^(−1.2·60/480) = 80.33% in 60 s;
    # least 0.8 / 0.8033 = 0.99593 on shift = 1.422762 FTE.
    assert chat_least() * PER_POSITION == pytest.approx(1.422762, abs=2e-6)
    # The pool of 4 FTE is short of 2.995591 + 1.422762 = 4.418353: shared in proportion.
    share = phone_least / (phone_least + chat_least() * PER_POSITION)
    assert float(m["phone"].planned_fte) == pytest.approx(4 * share, abs=2e-6)  # 2.711953
    assert float(m["chat"].planned_fte) == pytest.approx(4 * (1 - share), abs=2e-6)  # 1.288047
    # Phone on 2.711953 / 1.428571 = 1.8984 on shift: 72.59% in 30 s, ASA = C·300/(x − A).
    x = float(m["phone"].planned_positions)
    assert m["phone"].service_level == pytest.approx(sl_at(x, PHONE_A, 300, 30), abs=1e-9)
    assert m["phone"].asa == pytest.approx(between(x, PHONE_A) * 300 / (x - PHONE_A), rel=1e-6)
    # Chat on 0.9016 on shift: 0.9016 × 80.33% = 72.43%.
    y = float(m["chat"].planned_positions)
    assert m["chat"].service_level == pytest.approx(y * sl_whole(2, CHAT_A, 480, 60), abs=1e-9)
    said = findings(report)
    assert "answers 72.6% within the target time, with ASA 1m26s" in said["staffing-meets-targets"]
    # The targets need 3.0 + 1.5 = 4.5 FTE × 41,000.01 = 184,500.045 → 184,500.05 EUR, and
    # the people line holds 164,000.04 (4 × 41,000.01): 20,500.01 short.
    assert money("4.5", "41000.01") == Decimal("184500.05")
    assert (
        "= 184,500.05 EUR; the budget gives 164,000.04 EUR, 20,500.01 EUR short"
        in (said["budget-funds-targets"])
    )
    assert "people-line-funds-staff" not in said  # 4 × 41,000.01 = 164,000.04 exactly


def test_promise_and_staff_agree_with_the_hand_figures(invoke: Invoke, tmp_path: Path) -> None:
    plan = write(tmp_path, "pooled.yaml", pooled())
    rows = {
        r["channel"]: r for r in json.loads(invoke("promise", plan, "-f", "json").out)["channels"]
    }
    # The phone's 1.8984 on shift answer 80% within 300·ln(C/0.2)/(x − A) = 118.76 s,
    # promised rounded up to the second: 80% in 1m59s.
    x = 2.711953 / PER_POSITION
    assert rows["phone"]["keepable_seconds"] == pytest.approx(
        t_within(x, PHONE_A, 300, 0.8), abs=1e-3
    )
    assert rows["phone"]["keepable"] == "80% in 1m59s"
    # Its gap to 3.0 FTE, 0.288047 × 41,000.01 = 11,809.93; the chat's 0.211953, 8,690.08:
    # 20,500.01 together, as the budget finding said.
    assert rows["phone"]["extra_cost"] == str(money("0.288047", "41000.01")) == "11809.93"
    assert rows["chat"]["extra_cost"] == "8690.08"
    assert Decimal("11809.93") + Decimal("8690.08") == Decimal("20500.01")
    # staff, the calculator: the same phone line needs 3 whole people, who answer
    # 1 − C(3)·e^(−(3 − A)·30/300).
    out = invoke(
        "staff",
        "--volume",
        "400/week",
        "--hours",
        "Mon-Fri 09:00-17:00",
        "--aht",
        "5m",
        "--target",
        "80% in 30s",
        "-f",
        "json",
    )
    staff = json.loads(out.out)
    assert staff["required_agents"] == least_whole(PHONE_A, 300, 0.8, 30) == 3
    assert staff["service_level"] == pytest.approx(sl_whole(3, PHONE_A, 300, 30), abs=1e-9)
    assert staff["prob_wait"] == pytest.approx(float(erlang_c(3, PHONE_A)), abs=1e-12)
    assert staff["scheduled_agents"] == 5  # 3 / (1 − 30%) = 4.29 people employed → 5


def test_fix_and_keep_budget_on_the_pooled_team() -> None:
    text = pooled()
    plain = fix(text, parse_plan(text, "p.yaml"), CheckOptions(), keep_budget=False)
    rows = {c.path: c for c in plain.changes}
    # fix: phone to its 3 whole positions' least, 3.0 FTE; chat 1.5; the payroll 4 → 4.5,
    # 0.5 × 41,000.01 = 20,500.005 → 20,500.01 EUR a year; the people line to 184,500.05.
    assert (rows["channels[phone].agents"].after, rows["channels[chat].agents"].after) == (
        "3",
        "1.5",
    )
    assert rows["staffing.agents"].cost == money("0.5", "41000.01") == Decimal("20500.01")
    assert rows["budget.lines.people"].after == "184500.05"
    assert plain.report.verdict == "at-risk"  # channels-per-team alone
    # --keep-budget: 164,000.04 pays exactly 4.0 FTE. The chat's 1.5 keep its 60 s; the
    # phone keeps the other 2.5 = 1.75 on shift: 300·ln(C/0.2)/(1.75 − A) s, rounded up.
    kept = fix(text, parse_plan(text, "p.yaml"), CheckOptions(), keep_budget=True)
    rows = {c.path: c for c in kept.changes}
    assert (rows["channels[phone].agents"].after, rows["channels[chat].agents"].after) == (
        "2.5",
        "1.5",
    )
    seconds = t_within(2.5 / PER_POSITION, PHONE_A, 300, 0.8)
    assert 220 < seconds <= 221  # 3m40.x s, written as the next second
    assert rows["channels[phone].target.service_level"].after == "80% in 3m41s"
    again, _ = figures(kept.text)
    assert again.metrics is not None and again.metrics.planned_fte == 4
    assert not {"staffing-meets-targets", "people-line-funds-staff"} & set(findings(again))


# ---- 2. a cent either side of the people line ----------------------------------------------------

ONE_LINE = """version: 1
organisation: Casebook Co
promise: "Every customer gets an answer within the times each channel states."
currency: EUR
period: {start: 2027-01-01, end: 2027-12-31}
strategy: universal
channels:
  - id: phone
    kind: voice
    hours: Mon-Fri 09:00-17:00
    volume: {contacts: 400, per: week}
    handle_time: 5m
    target: {service_level: "80% in 30s"}
    agents: 3
staffing: {agents: 3, shrinkage: 30%, paid_hours_per_fte: 40/week, loaded_cost_per_fte: 41000.01}
budget: {total: PEOPLE, lines: {people: PEOPLE}}
"""


@pytest.mark.parametrize(("people", "short"), [("123000.02", True), ("123000.03", False)])
def test_a_cent_short_of_the_staff_and_a_cent_more(people: str, short: bool) -> None:
    # 3 FTE × 41,000.01 = 123,000.03 EUR: a cent less is short, by 0.01; the cost itself holds.
    text = ONE_LINE.replace("PEOPLE", people)
    said = findings(figures(text)[0])
    assert ("people-line-funds-staff" in said) is short
    if short:
        assert said["people-line-funds-staff"] == (
            "3 FTE × 41,000.01 EUR = 123,000.03 EUR; the people line is 123,000.02 EUR, "
            "short by 0.01 EUR"
        )
    # --keep-budget on a cent short: 123,000.02 / 41,000.01 = 2.99999976 FTE, of which the
    # tenths fix writes are 2.9, saving 0.1 × 41,000.01 = 4,100.001 → 4,100.00 EUR a year.
    kept = fix(text, parse_plan(text, "p.yaml"), CheckOptions(), keep_budget=True)
    rows = {c.path: c for c in kept.changes}
    if not short:
        assert "staffing.agents" not in rows
        return
    assert (rows["staffing.agents"].after, rows["staffing.agents"].cost) == (
        "2.9",
        -money("0.1", "41000.01"),
    )
    again = findings(figures(kept.text)[0])
    assert "people-line-funds-staff" not in again and "staffing-meets-targets" not in again
    # 2.9 FTE = 2.03 on shift, short of the 2.0969 that answer 80% in 30 s: the target
    # written is the time they answer 80% within, 300·ln(C/0.2)/(x − A), rounded up.
    x = 2.9 / PER_POSITION
    assert sl_at(x, PHONE_A, 300, 30) < 0.8
    written = rows["channels[phone].target.service_level"].after
    seconds = t_within(x, PHONE_A, 300, 0.8)
    assert written == f"80% in {int(-(-seconds // 1))}s"


# ---- 3. whatif at the edges of its ranges --------------------------------------------------------


def _scenarios(invoke: Invoke, plan: str, *vary: str) -> dict[str, Any]:
    args = [a for v in vary for a in ("--vary", v)]
    out = json.loads(invoke("whatif", plan, *args, "-f", "json").out)
    return {s["scenario"]: s for s in out["scenarios"]}


def test_whatif_at_its_edges_agrees_with_check_of_the_plan_it_describes(
    invoke: Invoke, tmp_path: Path
) -> None:
    plan = write(tmp_path, "pooled.yaml", pooled())
    rows = _scenarios(invoke, plan, "volume=-99%,+1000%", "agents=0", "shrinkage=0%")
    # Volume −99%: 4 calls and 2.4 chats a week. Phone A = 0.008333: one person answers
    # 1 − A·e^(−(1 − A)·30/300) = 99.25% in 30 s, so the least is 0.8 / 0.9925 = 0.806 on
    # shift = 1.1515 FTE, shown 1.2; the chat's 0.8 / 99.997% = 0.800 = 1.1429, shown 1.2.
    low = rows["volume -99%"]
    phone = {c["id"]: c for c in low["channels"]}
    phone_least = 0.8 / sl_whole(1, PHONE_A / 100, 300, 30) * PER_POSITION
    assert phone_least == pytest.approx(1.1515, abs=1e-4)
    assert phone["phone"]["needed_fte"] == phone["chat"]["needed_fte"] == 1.2
    # The pool of 4 shared by those needs, 1.2 + 1.2: 2.0 each = 1.4 on shift.
    assert phone["phone"]["planned_fte"] == 2.0
    assert phone["phone"]["service_level"] == pytest.approx(
        sl_at(1.4, PHONE_A / 100, 300, 30), abs=1e-9
    )
    # Volume +1000%: phone A = 9.1667 needs 13 whole on shift, 17.5 FTE as the least
    # (x weighed between 12 and 13).
    high = {c["id"]: c for c in rows["volume +1000%"]["channels"]}
    assert high["phone"]["required_positions"] == least_whole(PHONE_A * 11, 300, 0.8, 30) == 13
    need = least_x(PHONE_A * 11, 300, 0.8, 30) * PER_POSITION
    assert high["phone"]["needed_fte"] == pytest.approx(need, abs=0.1)
    # Agents 0: every target's need is extra, 3.0 + 1.5 = 4.5 FTE × 41,000.01 = 184,500.05
    # EUR a year, shared 123,000.03 (3.0 × 41,000.01) + 61,500.02 (the half cent up).
    none = rows["agents 0"]
    assert (none["extra_fte"], none["extra_cost"]) == (4.5, "184500.05")
    assert [c["extra_cost"] for c in none["channels"]] == ["123000.03", "61500.02"]
    # Each row's verdict is check's verdict of the plan the scenario describes.
    described = {
        "volume -99%": pooled(phone="4", chat="2.4"),
        "volume +1000%": pooled(phone="4400", chat="2640"),
        "agents 0": pooled(agents="0"),
        "shrinkage 0%": pooled().replace("shrinkage: 30%", "shrinkage: 0%"),
    }
    for name, text in described.items():
        assert rows[name]["verdict"] == figures(text)[0].verdict, name


# ---- 4. Erlang A: callers who hang up ------------------------------------------------------------

PATIENT = """version: 1
organisation: Casebook Co
promise: "Every customer gets an answer within the times each channel states."
currency: EUR
period: {start: 2027-01-01, end: 2027-12-31}
strategy: universal
channels:
  - id: phone
    kind: voice
    hours: Mon-Fri 09:00-17:00
    volume: {contacts: 2000, per: week}
    handle_time: 4m
    patience: 2m
    target: {service_level: "80% in 20s", abandonment_max: 3%}
    agents: 10
staffing: {agents: 10, shrinkage: 30%, paid_hours_per_fte: 40/week, loaded_cost_per_fte: 40000}
budget: {total: 400000, lines: {people: 400000}}
"""


def erlang_a(n: int, load: float, patience_over_aht: float) -> tuple[float, float]:
    """M/M/n+M by its birth-death chain (service rate 1, abandonment rate aht/patience):
    the share of callers who hang up, θ·E[queue]/λ, and the chance of waiting, P(k ≥ n)."""
    with mp.workdps(40):
        lam, theta = mp.mpf(load), 1 / mp.mpf(patience_over_aht)
        p, k = [mp.mpf(1)], 0
        while k <= n or p[-1] > mp.mpf(10) ** -45:
            k += 1
            p.append(p[-1] * lam / (min(k, n) + max(k - n, 0) * theta))
        total = mp.fsum(p)
        queue = mp.fsum((j - n) * p[j] for j in range(n + 1, len(p))) / total
        return float(theta * queue / lam), float(mp.fsum(p[n:]) / total)


def test_erlang_a_abandonment_by_the_birth_death_chain(invoke: Invoke, tmp_path: Path) -> None:
    # A = 2,000 × 4 min ÷ 40 h = 3.333 E; patience 2 m = half a handle time (θ = 2μ).
    load = 2000 * 4 / 60 / 40
    # 10 FTE = 10 × 28/40 = 7 on shift exactly: 1.39% hang up; 6 would lose 3.55% > 3%.
    seven, waits = erlang_a(7, load, 0.5)
    six, _ = erlang_a(6, load, 0.5)
    assert six > 0.03 > seven
    _, m = figures(PATIENT)
    assert m["phone"].model == "erlang-a" and m["phone"].planned_positions == 7
    assert m["phone"].abandonment == pytest.approx(seven, abs=1e-12)
    assert m["phone"].required_positions == 7
    out = invoke(
        "staff",
        "--volume",
        "2000/week",
        "--hours",
        "Mon-Fri 09:00-17:00",
        "--aht",
        "4m",
        "--patience",
        "2m",
        "--target",
        "80% in 20s",
        "--agents",
        "7",
        "-f",
        "json",
    )
    staff = json.loads(out.out)
    assert staff["abandonment"] == pytest.approx(seven, abs=1e-12)
    assert staff["prob_wait"] == pytest.approx(waits, abs=1e-12)


# ---- 5. diff beside its limits -------------------------------------------------------------------


def test_diff_exactly_at_a_limit_passes_and_a_cent_over_reads_over(
    invoke: Invoke, tmp_path: Path
) -> None:
    base = write(tmp_path, "base.yaml", pooled())
    # +5% of 164,000.04 is 8,200.002: 172,200.04 (+8,200.00) is within it.
    assert Decimal("164000.04") * Decimal("0.05") == Decimal("8200.0020")
    at = write(tmp_path, "at.yaml", pooled(people="172200.04"))
    out = json.loads(invoke("diff", base, at, "--max-budget-increase", "5%", "-f", "json").out)
    assert [t for t in out["diff"]["guardrails"] if t["guardrail"] == "max_budget_increase"] == []
    # A cent more, +8,200.01: 8,200.01 / 164,000.04 = 5.0000048…%, cut to the digits that
    # read over 5%: 5.000004%; the limit shown rounded down, 8,200.00, over by 0.01.
    over = write(tmp_path, "over.yaml", pooled(people="172200.05"))
    assert Decimal("8200.01") / Decimal("164000.04") * 100 > Decimal("5.000004")
    said = (
        "budget total increases by 8,200.01 EUR (5.000004%); the limit is 8,200 EUR (5%), "
        "over by 0.01 EUR"
    )
    result = invoke("diff", base, over, "--max-budget-increase", "5%", "-f", "json")
    tripped = json.loads(result.out)["diff"]["guardrails"]
    assert [t["message"] for t in tripped if t["guardrail"] == "max_budget_increase"] == [said]
    text = invoke("diff", base, over, "--max-budget-increase", "5%")
    assert said in text.out and text.code == 1
