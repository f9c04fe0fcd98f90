"""A workforce planner's properties of `fix`, `fix --keep-budget`, `whatif` and `promise` on
any valid plan (`tests.plangen`): what each command says is what `check` then finds in the
plan it describes."""

from __future__ import annotations

import json
import math
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.conftest import Invoke, examples
from tests.plangen import plans

FAILING = ("error", "warning")
STAFFING = ("staffing-meets-targets", "abandonment-max")
FIGURES = (
    "needed_fte",
    "planned_fte",
    "required_fte",
    "planned_positions",
    "binding_constraint",
    "service_level",
    "asa_seconds",
    "occupancy",
    "abandonment",
    "first_response_seconds",
)


def many(count: int) -> settings:
    return settings(
        max_examples=examples(count),
        deadline=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.function_scoped_fixture,
            HealthCheck.data_too_large,
        ],
    )


def _json(invoke: Invoke, *args: str) -> Any:
    result = invoke(*args, "-f", "json")
    assert result.code in (0, 1), (args, result.out, result.err)
    return json.loads(result.out)


def _usable(invoke: Invoke, path: Path) -> Any | None:
    """check's judgement of the plan, or None where check refuses it (exit 2)."""
    result = invoke("check", str(path), "-f", "json")
    if result.code == 2:
        return None
    return json.loads(result.out)["plans"][0]


def _check(invoke: Invoke, path: Path) -> Any:
    judged = _usable(invoke, path)
    assert judged is not None, path.read_text(encoding="utf-8")
    return judged


def _failing(judged: Any) -> set[tuple[str, str]]:
    return {(f["rule"], f["path"]) for f in judged["findings"] if f["severity"] in FAILING}


def _channels(judged: Any) -> dict[str, Any]:
    return {c["id"]: c for c in judged["metrics"]["channels"]}


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# ---- fix -----------------------------------------------------------------------------------


@many(15)
@given(text=plans(), keep_budget=st.booleans())
def test_the_fixed_plan_fails_only_where_fix_left_a_decision(
    invoke: Invoke, tmp_path_factory: Any, text: str, keep_budget: bool
) -> None:
    tmp = tmp_path_factory.mktemp("fixed")
    path = _write(tmp, "plan.yaml", text)
    if _usable(invoke, path) is None:
        return
    fixed = tmp / "fixed.yaml"
    told = _json(invoke, "fix", str(path), "-o", str(fixed), *(["--keep-budget"] * keep_budget))
    again = _check(invoke, fixed)
    left = {(d["rule"], d["path"]) for d in told["decisions"]}
    assert _failing(again) <= left, (_failing(again) - left, told["changes"])
    assert again["verdict"] == told["verdict"]["after"]
    # fix run on its own output changes nothing.
    second = _json(invoke, "fix", str(fixed), *(["--keep-budget"] * keep_budget))
    assert second["changes"] == [], (told["changes"], second["changes"])


def _years(text: str) -> Decimal:
    return Decimal("0.5") if "end: 2027-06-30" in text else Decimal(1)


def _stated(text: str, pattern: str) -> Decimal | None:
    found = re.search(pattern, text, re.M)
    return None if found is None else Decimal(found.group(1))


@many(25)
@given(text=plans())
def test_keep_budget_writes_no_plan_that_costs_more_than_its_people_line(
    invoke: Invoke, tmp_path_factory: Any, text: str
) -> None:
    """The staff `fix --keep-budget` writes cost no more than the people line, by check's
    own cost (`people-line-funds-staff`), and the budget is the one the plan stated."""
    tmp = tmp_path_factory.mktemp("money")
    path = _write(tmp, "plan.yaml", text)
    if _usable(invoke, path) is None:
        return
    fixed = tmp / "fixed.yaml"
    told = _json(invoke, "fix", str(path), "-o", str(fixed), "--keep-budget")
    written = fixed.read_text(encoding="utf-8")
    again = _check(invoke, fixed)
    assert not {f for f in _failing(again) if f[0] == "people-line-funds-staff"}
    assert not [c for c in told["changes"] if c["path"].startswith("budget")]
    people = _stated(written, r"lines: \{people: (\d+)")
    cost = _stated(written, r"^  loaded_cost_per_fte: ([0-9.]+)$")
    if people is not None and cost is not None:
        # The planned FTE × the loaded cost × the period's years (a whole year, or six
        # whole months), rounded to the minor unit at most a cent up.
        planned = Decimal(str(again["metrics"]["planned_fte"]))
        assert planned * cost * _years(written) <= people + Decimal("0.01"), (planned, people)


def _loosened(told: Any) -> list[Any]:
    """The targets `fix` loosened to what the staff keep: they answer staffing-meets-targets
    (a strategy's floor written in answers answer-speed)."""
    return [
        c
        for c in told["changes"]
        if ".target" in c["path"] and "staffing-meets-targets" in c["answers"]
    ]


@many(25)
@given(text=plans())
def test_keep_budget_loosens_no_target_the_money_keeps(
    invoke: Invoke, tmp_path_factory: Any, text: str
) -> None:
    """Where the people line pays for the planned staff and every channel keeps its targets,
    `fix --keep-budget` writes no target looser."""
    tmp = tmp_path_factory.mktemp("kept")
    path = _write(tmp, "plan.yaml", text)
    judged = _usable(invoke, path)
    if judged is None:
        return
    failing = _failing(judged)
    told = _json(invoke, "fix", str(path), "--keep-budget")
    paid = not {f for f in failing if f[0] == "people-line-funds-staff"}
    # Every line's staff keep its targets: where one is short (a pooled phone with none),
    # the money raises it and may take from a line that kept its own (CI's profile found
    # voice-2 at 80% in 22s beside voice-0 raised 0 → 5.2 on 8.8 FTE paid for, 8.9 needed).
    short = {f for f in failing if f[0] in SIZED_RULES}
    kept = {c for c in _channels(judged) if not {f for f in failing if f"[{c}]" in f[1]}}
    loosened = [c["path"] for c in _loosened(told) if c["path"].split("]")[0][9:] in kept]
    # A shrinkage a strategy asks for (delight's 25% where the plan said 0%) leaves fewer
    # hours to the same staff: with no money beyond them, the target they kept no longer
    # holds and is loosened, on purpose (the search profile: an in-person line on 31 FTE,
    # 80% in 20s at 0% shrinkage, 80% in 52s at 25%, and no budget stated).
    resized = {c["path"] for c in told["changes"]} & {"staffing.shrinkage"}
    if paid and not short and not resized:
        assert not loosened, (loosened, told["changes"])


SIZED_RULES = frozenset(
    {"staffing-meets-targets", "abandonment-max", "deferred-backlog", "occupancy-cap"}
)


# ---- whatif --------------------------------------------------------------------------------


def _total(text: str) -> Decimal | None:
    return _stated(text, r"^  agents: ([0-9.]+)$")


def _written(text: str, vary: str) -> str | None:
    """The plan with ``vary`` written in, as a planner would; None where the form writes no
    plan of its own here."""
    key, value = vary.split("=")
    if key == "shrinkage":
        own = _stated(text, r"^  shrinkage: (\d+)%$")
        assert own is not None
        if value.endswith("pt"):
            moved = own + Decimal(value[:-2])
        elif value.startswith(("+", "-")):
            moved = own * (1 + Decimal(value[:-1]) / 100)
        else:
            moved = Decimal(value[:-1])
        if not 0 <= moved < 100:
            return None
        return re.sub(r"^  shrinkage: \d+%$", f"  shrinkage: {moved}%", text, flags=re.M)
    if key == "aht":
        seconds = Decimal(value[:-1])
        return re.sub(
            r"(handle_time: )(\d+)s",
            lambda m: f"{m.group(1)}{Decimal(m.group(2)) + seconds}s",
            text,
        )
    if key == "agents":
        return _agents(text, value)
    return None


def _agents(text: str, value: str) -> str | None:
    """Every channel's FTE and the total scaled alike, as a planner writes a spread: to the
    millionth, the channels adding up to their sum scaled (largest remainders first), the
    total the stated one scaled."""
    channels = [Fraction(v) for v in re.findall(r"^    agents: ([0-9.]+)$", text, re.M)]
    stated = _total(text)
    total = None if stated is None else Fraction(stated)
    # The plan's staff: the total, or its channels' where they hold more (planner62).
    on_channels = sum(channels, Fraction(0))
    planned = on_channels if total is None else max(total, on_channels)
    if value.endswith("%"):
        factor = 1 + Fraction(value[:-1]) / 100
    elif not planned:
        return None
    else:
        new = planned + Fraction(value) if value.startswith(("+", "-")) else Fraction(value)
        factor = new / planned
    if factor < 0:
        return None
    exact = [c * factor * 10**6 for c in channels]  # in millionths
    cut = [math.floor(e) for e in exact]
    for i in sorted(range(len(cut)), key=lambda i: cut[i] - exact[i])[
        : math.floor(sum(exact)) - sum(cut)
    ]:
        cut[i] += 1
    spread = iter(Decimal(c) / 10**6 for c in cut)
    moved = re.sub(r"^(    agents: )[0-9.]+$", lambda m: f"{m[1]}{next(spread)}", text, flags=re.M)
    if total is not None:
        whole = Decimal(math.floor(total * factor * 10**6)) / 10**6
        moved = re.sub(r"^  agents: [0-9.]+$", f"  agents: {whole}", moved, flags=re.M)
    return moved


VARIES = [
    "shrinkage=30%",
    "shrinkage=+10%",
    "shrinkage=-3pt",
    "aht=+30s",
    "aht=-15s",
    "agents=+1",
    "agents=-2",
    "agents=25",
    "agents=-30%",
]


@many(30)
@given(text=plans(), vary=st.sampled_from(VARIES))
def test_a_whatif_row_is_check_of_the_plan_with_that_change_written_in(
    invoke: Invoke, tmp_path_factory: Any, text: str, vary: str
) -> None:
    tmp = tmp_path_factory.mktemp("whatif")
    path = _write(tmp, "a.yaml", text)
    if _usable(invoke, path) is None:
        return
    result = invoke("whatif", str(path), "--vary", vary, "-f", "json")
    moved = _written(text, vary)
    if result.code == 2 or moved is None:
        return  # out of range (a handle time under a second, a plan with no staff to scale)
    row = json.loads(result.out)["scenarios"][-1]
    judged = _usable(invoke, _write(tmp, "b.yaml", moved))
    if judged is None:
        return
    assert row["verdict"] == judged["verdict"], (row["breaks"], judged["findings"])
    assert {k: row["counts"][k] for k in FAILING} == {k: judged["counts"][k] for k in FAILING}
    for key in ("required_fte", "needed_fte", "planned_fte"):
        assert row[key] == judged["metrics"][key], key
    channels = _channels(judged)
    for c in row["channels"]:
        differ = {k: (c[k], channels[c["id"]][k]) for k in FIGURES if c[k] != channels[c["id"]][k]}
        assert not differ, (c["id"], differ)


@many(20)
@given(text=plans(), first=st.sampled_from(VARIES), second=st.sampled_from(VARIES))
def test_a_grid_row_is_check_of_the_plan_with_both_changes_written_in(
    invoke: Invoke, tmp_path_factory: Any, text: str, first: str, second: str
) -> None:
    if first.split("=")[0] == second.split("=")[0]:
        return
    tmp = tmp_path_factory.mktemp("grid")
    path = _write(tmp, "a.yaml", text)
    if _usable(invoke, path) is None:
        return
    result = invoke("whatif", str(path), "--grid", "--vary", first, "--vary", second, "-f", "json")
    once = _written(text, first)
    moved = None if once is None else _written(once, second)
    if result.code == 2 or moved is None:
        return
    row = json.loads(result.out)["scenarios"][-1]
    judged = _usable(invoke, _write(tmp, "b.yaml", moved))
    if judged is None:
        return
    assert row["verdict"] == judged["verdict"], (row["breaks"], judged["findings"])
    for key in ("required_fte", "needed_fte", "planned_fte"):
        assert row[key] == judged["metrics"][key], key
    channels = _channels(judged)
    for c in row["channels"]:
        differ = {k: (c[k], channels[c["id"]][k]) for k in FIGURES if c[k] != channels[c["id"]][k]}
        assert not differ, (c["id"], differ)


# ---- promise -------------------------------------------------------------------------------


@many(25)
@given(text=plans())
def test_promise_says_what_fix_keep_budget_writes_and_check_computes(
    invoke: Invoke, tmp_path_factory: Any, text: str
) -> None:
    tmp = tmp_path_factory.mktemp("promise")
    path = _write(tmp, "plan.yaml", text)
    judged = _usable(invoke, path)
    if judged is None:
        return
    channels = _channels(judged)
    told = _json(invoke, "promise", str(path))
    for p in told["channels"]:
        c = channels[p["channel"]]
        for key in ("planned_fte", "required_fte", "needed_fte"):
            assert p[key] == c[key], key
        if c["spread"] != "intervals" and p["keepable"].startswith("first response within"):
            assert p["keepable_seconds"] == math.ceil(c["first_response_seconds"] * 1000) / 1000
    funded = {p["channel"]: p for p in told["channels"] if p["funded_fte"] is not None}
    if not funded:
        return
    fixed = tmp / "fixed.yaml"
    _json(invoke, "fix", str(path), "--keep-budget", "-o", str(fixed))
    again = _check(invoke, fixed)
    after, failing = _channels(again), _failing(again)
    for name, p in funded.items():
        assert after[name]["planned_fte"] == p["funded_fte"], name
        missed = {f for f in failing if f[0] in STAFFING and f"[{name}]" in f[1]}
        if after[name]["targets"] is not None and not missed:
            assert after[name]["targets"] == p["funded_keeps"], name


# ---- cases the properties found, kept in process -------------------------------------------

TOTAL_BELOW_ITS_CHANNEL = """\
version: 1
organisation: Total Below Co
currency: JPY
strategy: universal
promise: "People answer quickly."
channels:
  - id: phone
    kind: voice
    hours: Mon-Fri 09:00-17:00
    volume: {contacts: 20, per: hour}
    handle_time: 3m
    target: {service_level: "80% in 60s"}
    agents: 3.6
staffing:
  agents: 0
  shrinkage: 0%
  loaded_cost_per_fte: 4000000
budget:
  total: 8000000
  lines: {people: 8000000}
"""


def test_keep_budget_pays_for_the_channels_staff_where_the_total_states_fewer(
    invoke: Invoke, tmp_path: Path
) -> None:
    # The total states 0 FTE where the phone holds 3.6 (agents-within-total): --keep-budget
    # counted the 0, found the money paid for them, and changed nothing ("nothing fix can
    # change"), while a plain fix raises the total to 3.6; a generated plan with a people
    # line of 0 had its total raised 0 → 3.6 under --keep-budget, 72,000 JPY a year on no
    # money. The staff are the phone's 3.6: 3.6 × 4,000,000 = 14,400,000 JPY a year, and
    # 8,000,000 pays for 8,000,000 ÷ 4,000,000 = 2.0 FTE, which keep 80% in 1m36s.
    plan = tmp_path / "plan.yaml"
    plan.write_text(TOTAL_BELOW_ITS_CHANNEL, encoding="utf-8")
    fixed = tmp_path / "fixed.yaml"
    told = _json(invoke, "fix", str(plan), "--keep-budget", "-o", str(fixed))
    changes = {c["path"]: (c["before"], c["after"]) for c in told["changes"]}
    assert changes["channels[phone].agents"] == ("3.6", "2")
    assert changes["staffing.agents"] == ("0", "2")
    assert changes["channels[phone].target.service_level"] == ("80% in 60s", "80% in 1m36s")
    again = _check(invoke, fixed)
    assert not {f for f in _failing(again) if f[0] == "people-line-funds-staff"}
    assert again["metrics"]["planned_fte"] == 2.0
    said = invoke("promise", str(plan)).out
    assert "people line: 8,000,000 JPY pays for 2 of the 3.6 FTE planned" in said, said


def test_whatif_agents_sets_the_total_asked_for(invoke: Invoke) -> None:
    # delight-aligned plans 16.2 + 4.5 = 20.7 FTE. agents=+1 is 21.7 in all, spread as
    # planned: 16.2 × 21.7/20.7 = 16.9826086… and 4.5 × 21.7/20.7 = 4.7173913…, cut to the
    # millionth 16.982608 + 4.717391 = 21.699999, so the millionth cutting drops goes to the
    # larger remainder (phone's .69): 16.982609 + 4.717391 = 21.7. whatif said 21.699999
    # (and 24.999999 for agents=25), where the plan written at 21.7 is another.
    told = _json(
        invoke,
        "whatif",
        "examples/delight-aligned.yaml",
        "--vary",
        "agents=+1",
        "--vary",
        "agents=25",
    )
    plus, total = told["scenarios"][1], told["scenarios"][2]
    assert plus["planned_fte"] == 21.7 and total["planned_fte"] == 25.0
    assert [c["planned_fte"] for c in plus["channels"][:2]] == [16.982609, 4.717391]
    # 25 × 16.2/20.7 = 19.5652173…, 25 × 4.5/20.7 = 5.4347826…: 19.565217 + 5.434782 is a
    # millionth short, which goes to the e-mail's .6.
    assert [c["planned_fte"] for c in total["channels"][:2]] == [19.565217, 5.434783]


IDLE_STAFF_PAID_FOR = """\
version: 1
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
    agents: 10
staffing:
  agents: 20
  shrinkage: 32%
  paid_hours_per_fte: 1800/year
  loaded_cost_per_fte: 60000
budget:
  total: 1200000
  lines: {people: 1200000}
"""


def test_promise_says_fix_keep_budget_moves_idle_staff_to_the_target(
    invoke: Invoke, tmp_path: Path
) -> None:
    # 20 FTE × 60,000 = 1,200,000 USD: the people line pays for every FTE planned, 10 of
    # them on no channel. The phone's 80% in 20s needs 14.6 FTE, so `fix --keep-budget`
    # moves 4.6 of the 10 to it at no cost and keeps the target. promise said the phone
    # "can keep 80% in 17m4s (80% in 18m as a round figure, as `fix --keep-budget` writes
    # it)", a figure that fix never writes, and nothing of the people line.
    plan = tmp_path / "plan.yaml"
    plan.write_text(IDLE_STAFF_PAID_FOR, encoding="utf-8")
    fixed = _json(invoke, "fix", str(plan), "--keep-budget")
    changes = {c["path"]: (c["before"], c["after"]) for c in fixed["changes"]}
    assert changes == {"channels[phone].agents": ("10", "14.6")}
    said = invoke("promise", str(plan)).out
    assert "as `fix --keep-budget` writes it" not in said.splitlines()[0], said
    assert (
        "people line: 1,200,000 USD pays for the 20 FTE planned, but as the plan shares them "
        "they miss a target; shared as `cs-align fix --keep-budget` writes it: "
        "phone 14.6 FTE keeps 80% in 20s"
    ) in said, said
    (phone,) = _json(invoke, "promise", str(plan))["channels"]
    assert (phone["funded_fte"], phone["funded_keeps"]) == (14.6, "80% in 20s")
    assert phone["keepable_written"] is None


FLOOR_SHORT_OF_THE_MONEY = """\
version: 1
organisation: Generated Co
strategy: delight
promise: "People answer quickly and can put things right."
channels:
  - id: self-service-0
    kind: self-service
    containment: 0%
  - id: chat-1
    kind: chat
    hours: 24x7
    volume: {contacts: 328, per: hour}
    handle_time: 20s
    concurrency: 1
    peak_factor: 1.2
    target: {service_level: "90% in 60s", asa: 15s}
  - id: self-service-2
    kind: self-service
    containment: 0%
  - id: voice-3
    kind: voice
    hours: Mon-Sat 09:00-17:30
    volume: {contacts: 1, per: hour}
    handle_time: 20s
    agents: 0.1
staffing:
  shrinkage: 34%
  max_occupancy: 60%
  loaded_cost_per_fte: 3543.05
budget:
  total: 70507
  lines: {people: 70507, training: 0}
"""
"""Found by the search profile: delight's floor of 80% in 20s on a chat declared 90% in 60s
with an ASA of 15s. The people line pays for 70,507 ÷ 3,543.05 = 19.9 FTE, and the declared
targets need 18.9 (66,963.65 USD); the floor needs 20.0, so fix --keep-budget writes it as far
as the money goes (80% in 21s on 19.8 FTE): a floor raised short, not a declared target
loosened."""


@many(25)
@given(text=plans())
@example(text=FLOOR_SHORT_OF_THE_MONEY)
def test_keep_budget_loosens_no_target_where_the_money_pays_every_targets_need(
    invoke: Invoke, tmp_path_factory: Any, text: str
) -> None:
    """A people line that pays for the FTE every channel's targets need (check's
    `needed_fte`, at the loaded cost over the period) has `fix --keep-budget` loosen none."""
    tmp = tmp_path_factory.mktemp("enough")
    path = _write(tmp, "plan.yaml", text)
    judged = _usable(invoke, path)
    people = _stated(text, r"lines: \{people: (\d+)")
    cost = _stated(text, r"^  loaded_cost_per_fte: ([0-9.]+)$")
    if judged is None or people is None or cost is None:
        return
    need = Decimal(str(judged["metrics"]["needed_fte"])) * cost * _years(text)
    if people < need:
        return
    told = _json(invoke, "fix", str(path), "--keep-budget")
    # A target below the strategy's floor (answer-speed) is raised toward it first, as far as
    # the money goes: written short of the floor, it is no declared target loosened.
    floor = {f[1].split("]")[0] for f in _failing(judged) if f[0] == "answer-speed"}
    loosened = [c for c in _loosened(told) if c["path"].split("]")[0] not in floor]
    assert not loosened, (need, people, told["changes"])


DESK_BESIDE_A_PHONE = (
    IDLE_STAFF_PAID_FOR.replace(
        "    agents: 10\n",
        "    agents: 16\n  - id: desk\n    kind: in-person\n    hours: Mon-Fri 09:00-17:00\n"
        "    agents: 2\n",
    )
    .replace("agents: 20", "agents: 18")
    .replace("1200000", "800000")
)


def test_staff_on_a_line_no_target_sizes_are_named_among_those_beyond_the_need(
    invoke: Invoke, tmp_path: Path
) -> None:
    # 18 FTE × 60,000 = 1,080,000 USD against a people line of 800,000: 280,000 short. The
    # phone's 80% in 20s needs 14.6 FTE (876,000 USD, 76,000 short of them); the other
    # 18 − 14.6 = 3.4 FTE cost 204,000 USD, and 2 of them are the desk's, a line with no
    # volume or handle time, which no target sizes: no spare staff, as "beyond them" read.
    plan = tmp_path / "plan.yaml"
    plan.write_text(DESK_BESIDE_A_PHONE, encoding="utf-8")
    judged = _check(invoke, plan)
    (message,) = [
        f["message"] for f in judged["findings"] if f["rule"] == "people-line-funds-staff"
    ]
    assert message.endswith(
        "76,000 USD of it short of the 14.6 FTE the targets need, 204,000 USD for the 3.4 FTE "
        "planned beyond them (2 of them on desk, a line with no volume or handle time to size)"
    ), message
    report = tmp_path / "report.md"
    invoke("report", str(plan), "-o", str(report))
    assert (
        "| the people line is below what the 3.4 FTE planned beyond the targets' need cost "
        "(2 of them on desk, a line with no volume or handle time to size) | 3.4 FTE |"
    ) in report.read_text(encoding="utf-8")


ONE_FIELD_TWO_WAYS = """\
version: 1
organisation: Two Ways Co
strategy:
  primary: fast-food
  by_segment: {b: extraordinary-trust}
promise: "People answer quickly and can put things right."
channels:
  - {id: voice-a, kind: voice, segment: a, hours: Mon-Sat 09:00-17:30, volume: 1/hour,
     handle_time: 20s}
  - {id: voice-b, kind: voice, segment: b, hours: Mon-Sat 09:00-17:30, volume: 1/hour,
     handle_time: 20s}
segments:
  - {id: a, share: 5%}
  - {id: b, share: 95%}
staffing:
  shrinkage: 0%
  loaded_cost_per_fte: 2000.0
  refund_authority: 26
"""


def test_fix_settles_a_field_two_rules_pull_two_ways_once(invoke: Invoke, tmp_path: Path) -> None:
    # fast-food bounds refund authority at 25 USD (`metric`, a warning); segment b's
    # extraordinary-trust asks at least 250 USD (`reps-can-fix`, an error). At 26 both fail.
    # fix wrote the warning's 25 over the error's 250 (the later finding won), and fixing
    # that plan wrote 250 (a generated plan; test_fix_idempotent). The error's floor is
    # written, and the warning's bound left to a person, naming the trade.
    plan = tmp_path / "plan.yaml"
    plan.write_text(ONE_FIELD_TWO_WAYS, encoding="utf-8")
    fixed = tmp_path / "fixed.yaml"
    told = _json(invoke, "fix", str(plan), "-o", str(fixed))
    changes = {c["path"]: (c["before"], c["after"]) for c in told["changes"]}
    assert changes["staffing.refund_authority"] == ("26", "250")
    (bound,) = [
        d
        for d in told["decisions"]
        if d["rule"] == "metric" and d["path"] == "staffing.refund_authority"
    ]
    assert bound["decision"].startswith(
        "fix wrote staffing.refund_authority for reps-can-fix (segment b: reps may spend 26 USD"
    ), bound
    assert "which this would undo: decide which gives" in bound["decision"]
    again = _json(invoke, "fix", str(fixed))
    assert again["changes"] == []


def test_promise_prices_a_raise_idle_staff_cover_as_if_hired(
    invoke: Invoke, tmp_path: Path
) -> None:
    # The phone needs 14.6 FTE on 10; 10 more FTE are on no channel, all paid for. promise
    # said "276,000 USD a year more" (4.6 × 60,000) as money to find, where fix moves 4.6 of
    # the 10 idle FTE to the phone and hires nobody (planner61, left): the price is said as
    # the cost if hired, beside the staff that move first: 4.6 of the 10, not "10 FTE …
    # move to it" (recheck61).
    plan = tmp_path / "plan.yaml"
    plan.write_text(IDLE_STAFF_PAID_FOR, encoding="utf-8")
    said = invoke("promise", str(plan)).out
    assert (
        "needs 14.6 FTE (plan 10), 276,000 USD a year more if hired, though 4.6 of the 10 FTE "
        "planned beyond what their lines need move to it first at no cost (`cs-align fix`, "
        "which would hire nobody)"
    ) in said, said
