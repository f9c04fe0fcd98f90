"""The revealed strategy ranks by what sets strategies apart, and strategy-congruence uses it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cs_align.engine import CheckOptions, assess, check_file
from cs_align.findings import CLEAR_MARGIN, Ranking, Report, clear_fit, close_to_best
from cs_align.loader import parse_plan
from cs_align.metrics import compute
from cs_align.plan import Plan
from cs_align.reporters import Results, reporter
from cs_align.reporters.json import report_dict
from cs_align.reveal import table
from cs_align.rules import CONGRUENCE, REGISTRY, options_model
from cs_align.rules.base import Context, at_least_as_strict
from cs_align.units import parse_service_level
from tests.conftest import EXAMPLES, GOOD, examples

FAST = settings(
    max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
EMBODIED = sorted((Path(__file__).parent / "data" / "embodied").glob("*.yaml"))
ALIGNED = sorted(EXAMPLES.glob("*-aligned.yaml"))


def declared(path: Path) -> str:
    match = re.search(r"^strategy: ([a-z-]+)$", path.read_text(encoding="utf-8"), re.MULTILINE)
    assert match, path
    return match.group(1)


def congruence(report: Report) -> list[str]:
    return [f.message for f in report.findings if f.rule == CONGRUENCE]


def test_there_is_one_embodied_plan_per_strategy() -> None:
    assert sorted(p.stem for p in EMBODIED) == sorted(s.id for s in table().strategies)


@pytest.mark.parametrize("path", EMBODIED, ids=[p.stem for p in EMBODIED])
def test_a_plan_reveals_the_strategy_it_embodies_not_the_one_it_declares(path: Path) -> None:
    report = check_file(path)
    assert declared(path) != path.stem
    assert report.revealed[0].strategy == path.stem
    assert clear_fit(report.revealed)
    (message,) = congruence(report)
    assert message.startswith(f"declared {declared(path)}: fit ")
    assert f"the figures fit {path.stem} best: fit +" in message


@pytest.mark.parametrize("path", ALIGNED, ids=[p.stem for p in ALIGNED])
def test_each_aligned_example_reveals_its_own_strategy(path: Path) -> None:
    report = check_file(path)
    assert report.verdict == "aligned"
    assert report.revealed[0].strategy == report.strategy.split(" + ")[0]
    assert clear_fit(report.revealed) and not congruence(report)


@pytest.mark.parametrize(
    "path",
    [EXAMPLES / "novelist-automated-aligned.yaml", *[p for p in EMBODIED if p.stem == "automated"]],
)
def test_a_fully_automated_plan_does_not_fit_fast_food_best(path: Path) -> None:
    ranked = {r.strategy: r for r in check_file(path).revealed}
    assert check_file(path).revealed[0].strategy == "automated"
    # It keeps fast food's few rules too (small refunds, little training), but automated's
    # own (no fast human line, most demand contained) set it apart.
    assert ranked["automated"].fit - ranked["fast-food"].fit > CLEAR_MARGIN


def test_a_delight_plan_does_not_fit_looser_strategies_as_well() -> None:
    # The delight example keeps every rule because-we-can has (no throughput rewards, no
    # scripts, refunds, leaders on the phones); delight's many stricter commitments make it
    # the clear fit, where a share of rules held tied them at 100%.
    ranked = {r.strategy: r for r in check_file(EXAMPLES / "delight-aligned.yaml").revealed}
    assert ranked["because-we-can"].errors == ranked["because-we-can"].warnings == 0
    assert ranked["delight"].fit - ranked["because-we-can"].fit > 0.4
    assert ranked["fast-food"].errors + ranked["fast-food"].warnings >= 1


def test_a_rule_every_strategy_shares_weighs_nothing_and_stricter_thresholds_weigh_more() -> None:
    weights = {
        (s.id, c.signature.split(":")[0]): c.weight
        for s in table().strategies
        for c in s.commitments
    }
    for s in table().strategies:
        assert weights[(s.id, "staffing-meets-targets")] == 0  # shared by all ten
    # ln(10 / n): only extraordinary trust asks for 250 → ln 10; 50 is implied by delight's,
    # genius's (100) and trust's (250) thresholds → ln(10/3); both errors (× 2).
    assert weights[("extraordinary-trust", "reps-can-fix")] == pytest.approx(2 * 2.302585, rel=1e-6)
    assert weights[("delight", "reps-can-fix")] == pytest.approx(2 * 1.203973, rel=1e-6)
    # No throughput rewards: an error for delight, a warning for genius; same distinctness.
    assert weights[("delight", "no-throughput-rewards")] == pytest.approx(
        2 * weights[("genius", "no-throughput-rewards")]
    )
    # Info rules (universal's practice hints) commit to nothing.
    assert ("fast-food", "outage-channel") not in weights


def test_rules_with_nothing_to_judge_count_neither_way() -> None:
    # The novelist has no reps: genius's practice rules judge nobody, so genius gains
    # nothing from them (and loses nothing). Her reader mail is answered by a bot that
    # promises nothing, and she has no live line: people-answer has nothing to fault.
    ranked = {
        r.strategy: r for r in check_file(EXAMPLES / "novelist-automated-aligned.yaml").revealed
    }
    assert ranked["genius"].fit == pytest.approx(0, abs=0.01)
    assert ranked["genius"].applicable < len(
        next(s for s in table().strategies if s.id == "genius").signatures
    )


PRACTICES = (
    "training_hours_per_agent",
    "uses_scripts",
    "rewarded_on",
    "refund_authority",
    "escalation_to_engineering",
    "leadership_service_hours_per_month",
    "product_people_in_conversation",
)


@pytest.mark.parametrize("field", PRACTICES)
def test_a_practice_the_plan_does_not_state_counts_neither_way(field: str) -> None:
    # check reports the practice as unchecked, at its rule's severity; the ranking takes it
    # as no evidence: no strategy keeps or breaks a commitment because of it.
    text, count = re.subn(rf"^  {field}: .*\n", "", GOOD, flags=re.MULTILINE)
    assert count == 1
    stated = {r.strategy: r for r in assess(parse_plan(GOOD, "plan.yaml"), CheckOptions()).revealed}
    report = assess(parse_plan(text, "plan.yaml"), CheckOptions())
    unchecked = [f for f in report.findings if "cannot be checked: the plan states no" in f.message]
    assert [f.path for f in unchecked] == [f"staffing.{field}"] * len(unchecked)
    for after in report.revealed:
        before = stated[after.strategy]
        assert after.held <= before.held and after.errors <= before.errors, after
        assert after.applicable - after.held <= before.applicable - before.held, after
        assert after.warnings <= before.warnings, after
    judged = {f.strategy for f in unchecked}
    assert judged == ({"delight"} if field != "product_people_in_conversation" else set())
    delight = next(r for r in report.revealed if r.strategy == "delight")
    if judged:  # delight's own rule on the practice held; now it counts for nothing
        assert delight.applicable < stated["delight"].applicable
        assert delight.held == delight.applicable and delight.fit < stated["delight"].fit


def test_no_clear_fit_when_the_best_two_are_close() -> None:
    ranked = (
        Ranking("delight", 20, 21, 0.40),
        Ranking("genius", 19, 20, 0.40 - CLEAR_MARGIN + 0.001),
        Ranking("fast-food", 10, 18, 0.1),
    )
    assert close_to_best(ranked) == ("delight", "genius") and not clear_fit(ranked)
    assert clear_fit(ranked[:1] + ranked[2:])
    assert not clear_fit((Ranking("delight", 0, 21, -0.1), Ranking("genius", 0, 20, -0.5)))


def test_no_clear_fit_is_machine_readable() -> None:
    # The because-we-can plan that scripts its reps and rewards handle time is a
    # because-we-can plan and a fast-food plan about equally.
    report = check_file(EXAMPLES / "because-we-can-misaligned.yaml")
    revealed = report_dict(report)["revealed_strategy"]
    assert revealed["clear"] is False and revealed["close"] == ["because-we-can", "fast-food"]
    assert revealed["best"] == "because-we-can"
    entry = revealed["ranking"][0]
    assert set(entry) >= {
        "strategy",
        "held",
        "applicable",
        "score",
        "broken_errors",
        "broken_warnings",
    }
    assert "no clear fit: because-we-can +0.04, fast-food +0.01" in reporter("table").render(
        Results([report])
    )


def test_a_plan_that_keeps_its_declared_strategy_gets_no_congruence() -> None:
    # The delight plan declared because-we-can: delight fits far better, but the plan keeps
    # every rule of the strategy it declares, so it funds that strategy.
    text = GOOD.replace("strategy: delight", "strategy: because-we-can")
    report = assess(parse_plan(text, "plan.yaml"), CheckOptions())
    assert report.revealed[0].strategy == "delight"
    assert report.verdict == "aligned" and not congruence(report)


def test_congruence_names_the_fits_and_what_breaks() -> None:
    report = check_file(EXAMPLES / "delight-funded-as-fast-food-misaligned.yaml")
    (message,) = congruence(report)
    mine = next(r for r in report.revealed if r.strategy == "delight")
    assert message == (
        f"declared delight: fit {mine.fit:+.2f}, breaking {mine.errors} error rules and "
        f"{mine.warnings} warning rules; the figures fit fast-food best: fit "
        f"{report.revealed[0].fit:+.2f}, breaking none of its rules"
    )


BASE = parse_plan(GOOD, "plan.yaml").plan
money = st.decimals(min_value=0, max_value=1000, places=0)
shares = st.sampled_from(["50%", "80%", "90%", "95%"])
waits = st.sampled_from(["10s", "20s", "1m", "10m", "4h"])


def _holds(rule: str, options: dict[str, object], plan: Plan) -> bool:
    module = REGISTRY[rule]
    ctx = Context(plan, compute(plan))
    return not any(module.check(ctx, options_model(module).model_validate(options)))


@FAST
@given(a=money, b=money, refund=money)
def test_a_stricter_refund_floor_fails_every_plan_the_looser_fails(a, b, refund) -> None:
    strict, loose = ({"min_refund_authority": a}, {"min_refund_authority": b})
    model = options_model(REGISTRY["reps-can-fix"])
    plan = BASE.model_copy(
        update={"staffing": BASE.staffing.model_copy(update={"refund_authority": refund})}
    )
    if at_least_as_strict(model.model_validate(strict), model.model_validate(loose)):
        assert not _holds("reps-can-fix", strict, plan) or _holds("reps-can-fix", loose, plan)


@FAST
@given(f1=shares, w1=waits, f2=shares, w2=waits, t1=shares, tw=waits)
def test_a_faster_speed_floor_fails_every_plan_the_slower_fails(f1, w1, f2, w2, t1, tw) -> None:
    model = options_model(REGISTRY["answer-speed"])
    strict, loose = {"live": f"{f1} in {w1}"}, {"live": f"{f2} in {w2}"}
    phone = BASE.channels[0]
    target = phone.target.model_copy(update={"service_level": parse_service_level(f"{t1} in {tw}")})
    plan = BASE.model_copy(
        update={"channels": [phone.model_copy(update={"target": target}), *BASE.channels[1:]]}
    )
    if at_least_as_strict(model.model_validate(strict), model.model_validate(loose)):
        assert not _holds("answer-speed", strict, plan) or _holds("answer-speed", loose, plan)
    # The order is reflexive: every floor is at least as strict as itself.
    assert at_least_as_strict(model.model_validate(strict), model.model_validate(strict))


def test_options_that_are_not_thresholds_must_match() -> None:
    model = options_model(REGISTRY["metric"])
    refund = model.model_validate({"metric": "refund_authority", "max": 25})
    training = model.model_validate({"metric": "training_hours_per_agent", "max": 25})
    assert not at_least_as_strict(refund, training)
    assert at_least_as_strict(
        refund, model.model_validate({"metric": "refund_authority", "max": 50})
    )
    assert not at_least_as_strict(
        model.model_validate({"metric": "refund_authority", "max": 50}), refund
    )
