"""Strategy mixes: unknown ids are refused, whole-plan rules see every channel, and each
segment's practices are judged under the segment's own strategy."""

from __future__ import annotations

from pathlib import Path

import pytest

from cs_align.engine import CheckOptions, assess
from cs_align.errors import PlanError
from cs_align.findings import Finding, Report
from cs_align.loader import parse_plan
from tests.conftest import EXAMPLES, Invoke

BANK = (EXAMPLES / "bank-mix-aligned.yaml").read_text(encoding="utf-8")
TIERED = (EXAMPLES / "tiered-aligned.yaml").read_text(encoding="utf-8")


def check(text: str) -> Report:
    return assess(parse_plan(text, "plan.yaml"), CheckOptions())


def found(report: Report, rule: str) -> list[Finding]:
    return [f for f in report.findings if f.rule == rule]


def patched(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def test_the_bank_mix_example_is_aligned_and_judges_each_segment_by_its_strategy() -> None:
    report = check(BANK)
    assert report.verdict == "aligned"
    assert report.strategy == "fast-food + extraordinary-trust"
    # Retail reps work from scripts and are rewarded on handle time: fast food allows both.
    assert not found(report, "no-scripts") and not found(report, "no-throughput-rewards")


def test_a_segment_value_that_fails_is_pointed_at_in_the_segment() -> None:
    text = patched(BANK, "      uses_scripts: false", "      uses_scripts: true")
    (hit,) = found(check(text), "no-scripts")
    assert hit.strategy == "extraordinary-trust" and hit.severity.name == "error"
    assert hit.path == "segments[private].staffing.uses_scripts"
    assert hit.line == text.splitlines().index("      uses_scripts: true") + 1
    assert hit.message == "segment private: reps work from scripts"


def test_a_practice_the_segment_inherits_is_judged_where_the_plan_states_it() -> None:
    # Private bankers state no training of their own: they inherit the retail 40 hours, and
    # extraordinary trust needs at least 80.
    text = patched(BANK, "      training_hours_per_agent: 120\n", "")
    (hit,) = found(check(text), "training-hours")
    assert hit.path == "staffing.training_hours_per_agent"
    assert hit.message.startswith("segment private: reps get 40 training hours")
    assert hit.strategy == "extraordinary-trust"


def test_the_primary_still_judges_the_plans_own_practices() -> None:
    # Fast food caps refund authority at 25; the retail (plan-level) value is raised to 40.
    text = patched(BANK, "  refund_authority: 20 ", "  refund_authority: 40 ")
    hits = [f for f in found(check(text), "metric") if "refund_authority" in f.message]
    assert [(f.strategy, f.path) for f in hits] == [("fast-food", "staffing.refund_authority")]


def test_a_segment_with_practices_but_no_strategy_is_judged_by_the_primary() -> None:
    text = patched(BANK, "  by_segment: {private: extraordinary-trust}\n", "")
    text = patched(text, "      refund_authority: 500", "      refund_authority: 30")
    report = check(text)
    assert report.strategy == "fast-food"
    hits = [f for f in found(report, "metric") if "refund_authority" in f.message]
    assert [(f.strategy, f.path) for f in hits] == [
        ("fast-food", "segments[private].staffing.refund_authority")
    ]
    assert (
        hits[0].message == "segment private: refund_authority is 30 USD, above the maximum 25 USD"
    )


def test_segments_strategy_field_is_the_same_as_by_segment() -> None:
    text = patched(BANK, "  by_segment: {private: extraordinary-trust}\n", "")
    text = patched(text, "    share: 5%\n", "    share: 5%\n    strategy: extraordinary-trust\n")
    text = patched(text, "      uses_scripts: false", "      uses_scripts: true")
    report = check(text)
    assert report.strategy == "fast-food + extraordinary-trust"
    assert [f.path for f in found(report, "no-scripts")] == [
        "segments[private].staffing.uses_scripts"
    ]


def test_a_segments_strategy_does_not_hide_its_channel_from_whole_plan_rules() -> None:
    # Seed 004's tiered promise is judged over every channel, gold's included, even when the
    # gold segment runs delight.
    text = patched(
        TIERED, "strategy: tiered", "strategy: {primary: tiered, by_segment: {gold: delight}}"
    )
    report = check(text)
    assert not found(report, "best-tier-served-better")
    assert report.strategy == "tiered + delight"


def test_a_segments_strategy_judges_that_segments_channels() -> None:
    text = patched(
        TIERED, "strategy: tiered", "strategy: {primary: tiered, by_segment: {gold: delight}}"
    )
    text = patched(
        text,
        'target: {service_level: "95% in 10s", asa: 1s}',
        'target: {service_level: "80% in 30s"}',
    )
    hits = found(check(text), "answer-speed")
    # Only gold's line runs delight's speed floor; the standard phone's 80% in 60s is tiered's.
    assert [(f.path, f.strategy) for f in hits] == [
        ("channels[gold-phone].target.service_level", "delight")
    ]


def test_best_tier_is_still_judged_when_gold_is_slow() -> None:
    text = patched(
        TIERED, "strategy: tiered", "strategy: {primary: tiered, by_segment: {gold: delight}}"
    )
    text = patched(text, "    agents: 22.6", "    agents: 6")  # gold-phone understaffed
    hits = found(check(text), "best-tier-served-better")
    assert hits and hits[0].strategy == "tiered"


@pytest.mark.parametrize(
    ("mix", "key", "message", "fix"),
    [
        (
            "{primary: tiered, by_segment: {glod: delight}}",
            "glod",
            "unknown segment 'glod'",
            "did you mean 'gold'?",
        ),
        (
            "{primary: tiered, by_channel: {emial: automated}}",
            "emial",
            "unknown channel 'emial'",
            "did you mean 'email'?",
        ),
        (
            "{primary: tiered, by_segment: {vip: delight}}",
            "vip",
            "unknown segment 'vip'",
            "the plan's segments are gold, standard",
        ),
    ],
)
def test_unknown_ids_in_a_mix_point_at_the_key(mix: str, key: str, message: str, fix: str) -> None:
    text = patched(TIERED, "strategy: tiered", f"strategy: {mix}")
    with pytest.raises(PlanError) as caught:
        check(text)
    (problem,) = caught.value.problems
    line = text.splitlines().index(f"strategy: {mix}") + 1
    column = f"strategy: {mix}".index(key) + 1
    assert (problem.file, problem.line, problem.column) == ("plan.yaml", line, column)
    assert (problem.message, problem.fix) == (message, fix)


def test_an_unknown_id_in_a_mix_exits_2_with_file_line_col(plan_file, invoke: Invoke) -> None:
    mix = "{primary: tiered, by_segment: {glod: delight}}"
    path = plan_file(patched(TIERED, "strategy: tiered", f"strategy: {mix}"))
    result = invoke("check", str(path))  # main() in process: its exit code and stderr
    assert result.code == 2 and "Traceback" not in result.err
    assert (
        f"plan.yaml:8:{mix.index('glod') + 11}: unknown segment 'glod' — did you mean 'gold'?"
        in (result.err)
    )


def test_every_unknown_id_is_reported_at_once() -> None:
    text = patched(
        TIERED,
        "strategy: tiered",
        "strategy: {primary: tiered, by_segment: {glod: delight}, by_channel: {emial: automated}}",
    )
    with pytest.raises(PlanError) as caught:
        check(text)
    assert [p.message for p in caught.value.problems] == [
        "unknown segment 'glod'",
        "unknown channel 'emial'",
    ]


def test_a_channel_naming_an_unknown_segment_is_refused() -> None:
    text = patched(TIERED, "    segment: gold ", "    segment: golf ")
    with pytest.raises(PlanError) as caught:
        check(text)
    (problem,) = caught.value.problems
    assert problem.message == "unknown segment 'golf'" and problem.fix == "did you mean 'gold'?"
    assert (
        problem.line
        == text.splitlines().index("    segment: golf              # serves only the best tier") + 1
    )


def test_two_strategies_for_one_segment_are_refused() -> None:
    text = patched(
        TIERED, "strategy: tiered", "strategy: {primary: tiered, by_segment: {gold: delight}}"
    )
    text = patched(
        text,
        "    rank: 1\n",
        "    rank: 1\n    strategy: genius\n",
    )
    with pytest.raises(PlanError) as caught:
        check(text)
    assert "given two strategies: delight here and genius" in caught.value.problems[0].message


def test_segment_practices_accept_only_the_fields_that_can_differ() -> None:
    text = patched(BANK, "      uses_scripts: false", "      shrinkage: 20%")
    with pytest.raises(PlanError) as caught:
        parse_plan(text, "plan.yaml")
    (problem,) = caught.value.problems
    assert problem.message.startswith("unknown key 'shrinkage'")
    assert problem.fix.endswith(
        "refund_authority, rewarded_on, training_hours_per_agent, uses_scripts"
    )


def test_a_segment_no_channel_serves_has_no_practices_to_judge() -> None:
    # Private clients are listed with their bankers' practices (refunds of 500, above fast
    # food's 25), but no channel serves them: their lines are moved to retail.
    text = patched(BANK, "  by_segment: {private: extraordinary-trust}\n", "")
    assert text.count("    segment: private\n") == 2
    text = text.replace("    segment: private\n", "    segment: retail\n")
    assert not [f for f in check(text).findings if f.message.startswith("segment private")]


def test_a_bound_on_a_channel_another_strategy_of_the_mix_judges_is_reported(
    tmp_path: Path,
) -> None:
    # Review author59: the private segment's own strategy bounding retail-phone (a line the
    # primary judges) was skipped without a word, and the plan was aligned.
    from cs_align.engine import check_file

    (tmp_path / ".git").mkdir()
    (tmp_path / "private.yaml").write_text(
        "id: private\nname: Private\nextends: extraordinary-trust\nrules:\n"
        "  - {rule: metric, metric: service_level, channel: retail-phone, min: 99%}\n"
    )
    plan = tmp_path / "plan.yaml"
    plan.write_text(patched(BANK, "{private: extraordinary-trust}", "{private: private.yaml}"))
    (hit,) = found(check_file(plan), "metric")
    assert hit.message == (
        "service_level on retail-phone cannot be checked by this strategy: another strategy "
        "of the plan's mix judges retail-phone (this one covers private-email, private-line)"
    )
    assert hit.path == "channels[retail-phone]" and hit.severity.name == "warning"
    assert hit.fix.startswith("move the bound on retail-phone into the strategy that covers it")
