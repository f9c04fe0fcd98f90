"""Figures a plan may write back: what `promise` says the staff keep, and a target as the
plan writes it (review calc17, G5 and G7). A kept wait or abandonment is rounded up, never to
the nearest value, so the promise written into the plan is one the staff keep; a target is
shown as written, never rounded onto the figure that misses it."""

from __future__ import annotations

import json
import math
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cs_align.units import fmt_seconds, fmt_wait, share_up
from tests.conftest import EXAMPLES, examples

ERLANG_A = """version: 1
organisation: Hang Ups Inc
currency: USD
strategy: fast-food
channels:
  - id: phone
    kind: voice
    hours: Mon-Fri 08:00-20:00
    volume: {contacts: 240, per: hour}
    handle_time: 4m
    patience: 45s
    target: {service_level: "80% in 20s", asa: 15s, abandonment_max: 3%}
    agents: 30.7
staffing:
  agents: 30.7
  shrinkage: 25%
  max_occupancy: 85%
  paid_hours_per_fte: 40/week
"""
"""16 Erlangs (240 an hour × 4 min), callers who wait 45 s on average. 30.7 FTE at 40 h a
week, 25% shrinkage and 60 open hours are 30.7 × 30 ÷ 60 = 15.35 on shift: with 15 and 16 on
shift, M/M/n+M gives ASA 5.5066 s and 16.0301% hanging up, blended (review calc17)."""


def test_a_promise_written_back_into_the_plan_is_kept(invoke: Any, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(ERLANG_A, encoding="utf-8")
    said = invoke("promise", str(plan)).out
    # Rounded to the nearest, this read "ASA 5.5s; abandonment 16.0%": written back, both
    # were missed (5.5066 s > 5.5 s, 16.03% > 16%).
    kept = re.search(r"can keep (\d+% in \S+); ASA (\S+); abandonment at most (\S+);", said)
    assert kept is not None, said
    assert kept.groups()[1:] == ("5.6s", "16.1%")
    share, time = kept.group(1).split(" in ")
    target = f'{{service_level: "{share} in {time}", asa: {kept.group(2)}, '
    target += f"abandonment_max: {kept.group(3)}}}"
    back = ERLANG_A.replace('{service_level: "80% in 20s", asa: 15s, abandonment_max: 3%}', target)
    plan.write_text(back, encoding="utf-8")
    checked = invoke("check", str(plan), "-f", "json").out
    assert '"rule": "staffing-meets-targets"' not in checked
    assert '"rule": "abandonment-max"' not in checked


def test_a_target_is_shown_as_written(invoke: Any, tmp_path: Path) -> None:
    # An ASA target of 5.5 s read "ASA 6s" beside the 5.5 s achieved on an error: the miss
    # (5.5066 > 5.5) was invisible. The achieved wait is now rounded up, the target exact.
    plan = tmp_path / "plan.yaml"
    plan.write_text(ERLANG_A.replace("asa: 15s", "asa: 5.5s"), encoding="utf-8")
    found = invoke("check", str(plan)).out
    assert "ASA 5.5s" in found and "ASA 6s" not in found
    assert "with ASA 5.6s" in found


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (Decimal("5.5"), "5.5s"),
        (Decimal("20.5"), "20.5s"),  # round() made this "20s": a tighter target than written
        (Decimal("90.25"), "1m30.25s"),
        (Decimal("3600"), "1h"),
        (7 * 86400 + 61, "7d1m1s"),
        (0.1 + 0.2, "0.30000000000000004s"),  # a float is shown as Python writes it
    ],
)
def test_durations_as_written(seconds: Decimal | float, shown: str) -> None:
    assert fmt_seconds(seconds) == shown


@given(st.floats(min_value=0, max_value=10**7, allow_nan=False))
def test_a_wait_shown_is_never_less_than_the_wait(seconds: float) -> None:
    shown = fmt_wait(seconds)
    total, rest = 0.0, shown.removesuffix("s")
    for size, unit in ((86400, "d"), (3600, "h"), (60, "m")):
        if unit in rest:
            count, rest = rest.split(unit)
            total += int(count) * size
    total += float(rest or 0)
    assert total >= seconds - 1e-9 * max(seconds, 1)
    assert total - seconds < (0.1 if seconds < 9.9 else 1) + 1e-9


@given(st.floats(min_value=0, max_value=1, allow_nan=False))
def test_an_abandonment_shown_is_never_less_than_it_is(share: float) -> None:
    shown = float(share_up(share).removesuffix("%")) / 100
    assert shown >= share - 1e-12 and shown - share < 0.001 + 1e-12


@pytest.mark.parametrize(
    ("value", "bound", "shown"),
    [
        (0.795595, 0.796, "79.56%"),  # 0.796 × 100 is 79.60000000000001 in floats
        (0.54979, 0.55, "54.98%"),
        (0.14138, 0.141, "14.14%"),
    ],
)
def test_a_miss_never_prints_as_its_target(value: float, bound: float, shown: str) -> None:
    # Review calc18 H2: an error read "answers 79.6%" against a 79.6% target (79.5595%).
    from cs_align.units import fmt_share_against

    assert fmt_share_against(value, bound) == shown


@given(
    st.integers(min_value=1, max_value=999).map(lambda n: n / 1000),
    st.floats(min_value=-0.0005, max_value=0.0005).filter(lambda d: d != 0),
)
def test_a_share_beside_its_bound_is_never_shown_on_it(bound: float, off: float) -> None:
    from cs_align.queueing import TOLERANCE
    from cs_align.units import fmt_share_against

    value = min(max(bound + off, 0.0), 1.0)
    shown = Decimal(fmt_share_against(value, bound).removesuffix("%"))
    if abs(value - bound) <= TOLERANCE:  # on it, as the judge reads it: shown as written
        assert shown == Decimal(repr(bound)) * 100
        return
    assert shown != Decimal(repr(bound)) * 100
    assert (shown < Decimal(repr(bound)) * 100) == (value < bound)


INTERVAL_PLAN = """version: 1
organisation: Sweep Co
strategy: fast-food
channels:
  - id: q
    kind: {kind}
    hours: Mon-Fri 08:00-20:00
    volume:
      interval: 1h
      intervals:
{rows}
    handle_time: {aht}s{extra}
    target: {{{target}}}
    agents: {agents}
staffing: {{agents: {agents}, shrinkage: 25%, max_occupancy: 99%, paid_hours_per_fte: 40/week}}
"""

KEPT = re.compile(
    r"(?P<share>[\d.]+%) (?:in (?P<time>\S+)|answered at once)"
    r"(?:; ASA (?P<asa>\S+))?(?:; abandonment at most (?P<lost>\S+))?"
)


@st.composite
def interval_plans(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["voice", "chat"]))
    counts = draw(st.lists(st.integers(20, 400), min_size=12, max_size=12))
    rows = "\n".join(
        f'        - {{at: "{8 + i:02d}:00", contacts: {n}}}' for i, n in enumerate(counts)
    )
    share = draw(st.sampled_from(["70%", "80%", "90%"]))
    target = f'service_level: "{share} in {draw(st.sampled_from(["20s", "1m", "3m"]))}"'
    extra = ""
    if draw(st.booleans()):
        target += f", asa: {draw(st.sampled_from(['5s', '20s', '1m']))}"
    if kind == "chat":
        extra = f"\n    concurrency: {draw(st.integers(1, 3))}"
    elif draw(st.booleans()):
        extra = "\n    patience: 1m"
        target += f", abandonment_max: {draw(st.sampled_from(['3%', '8%']))}"
    agents = draw(st.integers(20, 160)) / 4
    aht = draw(st.sampled_from([180, 300, 420]))
    return INTERVAL_PLAN.format(
        kind=kind, rows=rows, aht=aht, extra=extra, target=target, agents=agents
    )


S2_10008 = INTERVAL_PLAN.format(
    kind="chat",
    rows="\n".join(
        f'        - {{at: "{8 + i:02d}:00", contacts: {n}}}'
        for i, n in enumerate([579, 450, 389, 760, 679, 628, 332, 155, 160, 632, 657, 551])
    ),
    aht=360,
    extra="\n    concurrency: 3",
    target='service_level: "75% in 2m", asa: 5s',
    agents="40.429",
)
"""calc18's case: "ASA 3.1s" kept (3.0166 s), 3.1284 s once written back."""


@settings(max_examples=examples(30), deadline=None)
@example(S2_10008)
@given(interval_plans())
def test_a_promise_over_intervals_written_back_is_kept(text: str) -> None:
    # Review calc18 H1: staff follow the targets over intraday intervals, so a promise
    # written back moved them, and a quarter of such promises then failed `check`.
    from cs_align.engine import CheckOptions, assess
    from cs_align.loader import parse_plan
    from cs_align.metrics import compute
    from cs_align.promise import promises

    plan = parse_plan(text, "plan.yaml").plan
    (said,) = promises(plan, compute(plan))
    kept = KEPT.fullmatch(said.keepable)
    if kept is None:  # nothing to promise (the staff cannot keep up): nothing to write back
        assert said.keepable.startswith(("no ", "nothing")), said.keepable
        return
    parts = [f'service_level: "{kept["share"]} in {kept["time"] or "0s"}"']
    if kept["asa"]:
        parts.append(f"asa: {kept['asa']}")
    if kept["lost"]:
        parts.append(f"abandonment_max: {kept['lost']}")
    back = re.sub(r"target: \{.*\}", "target: {" + ", ".join(parts) + "}", text)
    report = assess(parse_plan(back, "plan.yaml"), CheckOptions())
    missed = [f.message for f in report.findings if f.rule in ("staffing-meets-targets",)]
    assert not missed, (said.keepable, missed)


def test_keep_budget_over_intervals_writes_a_target_the_staff_keep(
    invoke: Any, tmp_path: Path
) -> None:
    # Review calc18 H1, `fix --keep-budget`: the ASA loosened from 2s to 3s (kept at 3.02 s
    # as the staff stood) was missed at 3.13 s once the staff moved to the new target.
    plan = tmp_path / "plan.yaml"
    plan.write_text(S2_10008.replace("asa: 5s", "asa: 2s"), encoding="utf-8")
    fixed = invoke("fix", str(plan), "--keep-budget", "-o", "-")
    assert "channels[q].target.asa" in fixed.err
    again = invoke("check", "-", "-f", "json", stdin=fixed.out.encode())
    assert '"rule": "staffing-meets-targets"' not in again.out


def test_what_the_targets_need_is_one_figure_in_every_command(invoke: Any, tmp_path: Path) -> None:
    # Review calc19 K2: staff kept the targets part of the time one person short, and JSON's
    # `required_fte` (whole headcounts) and the report ("the planned 18.5 FTE cover the 18.8
    # FTE the targets need") disagreed with whatif's "FTE needed" and the budget rule.
    #
    # The delight example with phone 14.5 FTE, email 4.0, 18.5 in all. 1,800 paid hours at
    # 32% shrinkage are 1,224 productive; a phone position for the 60 open hours a week, all
    # year, is 60 × 52.1775 ÷ 1,224 = 2.5577 FTE. 6 on shift are 15.346 FTE (15.4); the
    # 14.5 planned are 5.669 on shift, which keep 80% in 20s and 8% abandonment blended
    # between 5 and 6 people. What the targets need is the least tenth that keeps them,
    # whatever is planned (review calc33 F2: the planned 14.5 were priced): 13.8 FTE = 5.40
    # on shift (tests/rules/test_staffing_meets_targets.py works it out, as the README's
    # FedEx example tells it). Email's work needs 3.4155 FTE: 3.5 to the tenth.
    # Needed: 13.8 + 3.5 = 17.3 in every command; whole headcounts: 15.4 + 3.5 = 18.9, each
    # up to the tenth as text says it (JSON said 15.35 and 18.77, review fix50f).
    text = (EXAMPLES / "delight-aligned.yaml").read_text(encoding="utf-8")
    text = text.replace("agents: 16.2", "agents: 14.5").replace("agents: 4.5", "agents: 4.0")
    plan = tmp_path / "plan.yaml"
    plan.write_text(text.replace("agents: 20.7 ", "agents: 18.5 "), encoding="utf-8")
    checked = json.loads(invoke("check", str(plan), "-f", "json").out)["plans"][0]
    assert checked["verdict"] == "aligned"
    m = checked["metrics"]
    assert (m["required_fte"], m["needed_fte"], m["planned_fte"]) == (18.9, 17.3, 18.5)
    phone = m["channels"][0]
    assert (phone["required_fte"], phone["needed_fte"], phone["planned_fte"]) == (15.4, 13.8, 14.5)
    scenario = json.loads(invoke("whatif", str(plan), "--vary", "volume=+0%", "-f", "json").out)
    assert scenario["scenarios"][0]["needed_fte"] == 17.3
    table = invoke("whatif", str(plan), "--vary", "volume=+0%").out
    assert re.search(r"as planned\s+aligned\s+17\.3\s", table), table
    csv_head, phone_row, *_ = invoke("whatif", str(plan), "-f", "csv").out.splitlines()
    # needed_fte, then the two spare columns appended after it (phone 14.5 − 13.8 = 0.7 of
    # the 0.8 to spare, the report's figure below; then the currency and period of the money)
    head, row = csv_head.split(","), phone_row.split(",")
    assert head[-5:-2] == ["needed_fte", "spare_fte", "channel_spare_fte"], head
    assert row[-5:-2] == ["13.8", "0.8", "0.7"], phone_row
    for fmt in ("markdown", "html"):
        report = invoke("report", str(plan), "-o", "-", "-f", fmt).out
        # 18.5 − 17.3 = 1.2 above the targets' need (review consult47: an overstaffed plan
        # was not told), 0.4 of them holding the email's 85% ceiling (3.845 FTE: 3.9, review
        # calc47 R03): 0.8 to spare.
        assert (
            "The planned 18.5 FTE cover the 17.3 FTE the targets need, with 0.8 FTE to spare "
            "(the occupancy ceiling keeps 0.4 more)." in report
        ), fmt


MESSAGING = """version: 1
organisation: Zeta Messaging
currency: EUR
strategy: fast-food
channels:
  - id: msg
    kind: messaging
    hours: Mon-Fri 08:00-18:00
    volume: 3000/month
    handle_time: 6m
    target: {first_response: 10 business minutes}
    agents: 4.0
staffing:
  agents: 4.0
  shrinkage: 30%
  max_occupancy: 85%
  paid_hours_per_fte: 1800/year
"""
"""Review calc23 M1: a short first response on messaging is sized as a live queue, and the
time its staff keep was never worked out ("answers 90% within never", "can keep no target")."""


def test_a_live_queue_promises_the_first_response_its_staff_keep(
    invoke: Any, tmp_path: Path
) -> None:
    # 3,000 a month × 168/730.5 = 689.94 a week × 6 min over 50 open hours = 1.37988 Erlangs.
    # An FTE gives 1,800 × 0.7 ÷ 52.18 = 24.148 h a week: 4 FTE = 1.93183 on shift.
    # P(wait) = 0.06817 × 1 + 0.93183 × C(2, 1.37988) = 0.59312; 90% are answered within
    # T = 360 ÷ (1.93183 − 1.37988) × ln(0.59312 ÷ 0.1) = 1,161.1 s: 19m22s, rounded up.
    load = 3000 * 168 / 730.5 * 360 / (50 * 3600)
    on_shift = 4 * 1800 * 0.7 / (365.25 / 7) / 50
    c2 = (load**2 / 2 * 2 / (2 - load)) / (1 + load + load**2 / 2 * 2 / (2 - load))
    wait = (2 - on_shift) * 1 + (on_shift - 1) * c2
    assert (round(load, 5), round(on_shift, 5), round(wait, 5)) == (1.37988, 1.93183, 0.59312)
    assert 360 / (on_shift - load) * math.log(wait / 0.1) == pytest.approx(1161.1, abs=0.05)
    plan = tmp_path / "msg.yaml"
    plan.write_text(MESSAGING, encoding="utf-8")
    checked = invoke("check", str(plan))
    # In open time, as promise says it (review calc53 W10).
    said_by_check = "which answers 90% within 19m22s of open time; it misses the first-response"
    assert said_by_check in checked.out
    said = invoke("promise", str(plan)).out
    assert "msg: can keep first response within 19m22s of open time (90%)" in said
    fixed = invoke("fix", str(plan), "--keep-budget", "-o", "-")
    assert "first_response: 20 business minutes" in fixed.out
    again = invoke("check", "-", "-f", "json", stdin=fixed.out.encode()).out
    assert '"rule": "staffing-meets-targets"' not in again
