"""Strategy fidelity: speed floors from the seeds, a stated promise, and thresholds that say
where they come from."""

from __future__ import annotations

import json

import pytest

from cs_align.commands.info import explain_rule, rules_reference, show_strategy
from cs_align.engine import CheckOptions, assess
from cs_align.errors import StrategyError
from cs_align.findings import Finding, Report
from cs_align.loader import parse_plan
from cs_align.rules.promise_stated import PLACEHOLDER, is_placeholder
from cs_align.starter import starter_plan
from cs_align.strategy import builtin_files, builtin_ids, load_strategy
from cs_align.yamlsafe import load_text
from tests.conftest import EXAMPLES, GOOD


def check(text: str, strategy: str | None = None) -> Report:
    return assess(parse_plan(text, "plan.yaml"), CheckOptions(strategy=strategy))


def found(report: Report, rule: str) -> list[Finding]:
    return [f for f in report.findings if f.rule == rule]


def patched(text: str, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


SLOW = patched(
    GOOD,
    (
        'target: {service_level: "80% in 20s", abandonment_max: 8%}',
        'target: {service_level: "50% in 10m"}',
    ),
    ("target: {first_response: 4 business hours}", "target: {first_response: 5d}"),
)
"""The issue's case: a delight plan answering half its calls within 10 minutes and email
within 5 days, staffed well beyond what those promises need."""


def test_a_slow_delight_promise_is_not_delight() -> None:
    report = check(SLOW)
    assert report.verdict == "misaligned"
    assert not found(report, "staffing-meets-targets")  # the staff keep the slow promises
    phone, email = found(report, "answer-speed")
    assert phone.path == "channels[phone].target.service_level"
    assert phone.message == (
        "phone: promises 50% in 10m; this strategy needs at least 80% in 20s (fewer and later: "
        "50% answered, not 80%, within 10m, not 20s)"
    )
    assert email.path == "channels[email].target.first_response"
    assert email.message == (
        "email: promises a first response within 5d; this strategy needs at least 90% in 4h "
        "(later: within 5d, not 4h)"
    )
    assert phone.severity.name == email.severity.name == "error"


@pytest.mark.parametrize(
    ("strategy", "severity", "email", "flagged"),
    [
        ("delight", "error", "4h", False),
        ("delight", "error", "4h1m", True),
        ("genius", "error", "10m", False),  # 003: the host that never takes over 10 minutes
        ("genius", "error", "4h", True),
        ("extraordinary-trust", "warning", "4h", False),
        ("extraordinary-trust", "warning", "1d", True),
        ("fast-food", "", "5d", False),  # no floor: fast food promises what it staffs
    ],
)
def test_written_floors_by_strategy(
    strategy: str, severity: str, email: str, flagged: bool
) -> None:
    old = "target: {first_response: 4 business hours}"
    text = patched(GOOD, (old, f"target: {{first_response: {email}}}"))
    hits = found(check(text, strategy), "answer-speed")
    assert [(h.path, h.severity.name) for h in hits] == (
        [("channels[email].target.first_response", severity)] if flagged else []
    )


@pytest.mark.parametrize(
    ("target", "flagged"),
    [
        ('"80% in 20s"', False),
        ('"90% in 15s"', False),  # faster and a larger share: meets the floor
        ('"80/20"', False),
        ('"79% in 20s"', True),  # a smaller share
        ('"80% in 21s"', True),  # a longer wait
        ('"95% in 30s"', True),  # a larger share of a longer wait is not the floor
    ],
)
def test_live_floor_is_a_share_within_a_time(target: str, flagged: bool) -> None:
    text = patched(
        GOOD, ('{service_level: "80% in 20s", abandonment_max: 8%}', f"{{service_level: {target}}}")
    )
    assert bool(found(check(text), "answer-speed")) is flagged


def test_an_average_speed_alone_is_no_share_within_a_time() -> None:
    text = patched(GOOD, ('{service_level: "80% in 20s", abandonment_max: 8%}', "{asa: 15s}"))
    (hit,) = found(check(text), "answer-speed")
    assert hit.path == "channels[phone].target"
    assert "promises no share answered within a time" in hit.message
    assert hit.fix == 'add `service_level: "80% in 20s"` to phone\'s target'


def test_bots_and_self_service_have_no_floor() -> None:
    text = patched(
        SLOW,
        (
            "  - id: email\n    kind: email\n",
            "  - id: email\n    kind: email\n    staffed_by: bots\n",
        ),
        ("    agents: 4.5\n", ""),  # nobody staffs a bot channel
    )
    assert [f.path for f in found(check(text), "answer-speed")] == [
        "channels[phone].target.service_level"
    ]


def test_every_threshold_in_the_built_in_strategies_says_where_it_comes_from() -> None:
    from cs_align.strategy import StrategyFile

    for sid, path in builtin_files().items():
        raw = StrategyFile.model_validate(
            load_text(path.read_text(encoding="utf-8"), str(path)).data
        )
        for entry in raw.rules:
            if entry.model_extra:
                assert entry.source or entry.house_default, f"{sid}: {entry.rule} gives no basis"


def test_strategies_show_and_explain_print_each_thresholds_basis() -> None:
    shown = show_strategy("delight", "table")
    assert "  error    answer-speed  (live=80% in 20s, written=90% in 4h)" in shown
    assert "source: 004: FedEx once answered on the first ring" in shown
    assert "house default: 002: give reps the power to fix things." in shown
    data = json.loads(show_strategy("genius", "json"))
    speed = next(r for r in data["rules"] if r["rule"] == "answer-speed")
    assert speed["written"] == "90% in 10m" and speed["source"].startswith("003:")
    explained = explain_rule("answer-speed", None)
    assert "In the built-in strategies:" in explained
    assert "genius               error    live=80% in 20s, written=90% in 10m" in explained
    docs = (EXAMPLES.parent / "docs" / "rules.md").read_text(encoding="utf-8")
    assert docs == rules_reference()
    assert "| delight | error | live=80% in 20s, written=90% in 4h | source: 004:" in docs


def test_a_strategy_entry_gives_one_basis(tmp_path) -> None:
    path = tmp_path / "ours.yaml"
    path.write_text(
        "id: ours\nname: Ours\nextends: delight\nrules:\n"
        "  - {rule: training-hours, min_hours: 100, source: our study, house_default: why}\n",
        encoding="utf-8",
    )
    with pytest.raises(StrategyError) as caught:
        load_strategy(path)
    assert "either source or house_default, not both" in str(caught.value)


def test_an_inherited_basis_stays_only_while_the_thresholds_do(tmp_path) -> None:
    path = tmp_path / "ours.yaml"
    path.write_text(
        "id: ours\nname: Ours\nextends: delight\nrules:\n"
        "  - {rule: answer-speed, severity: warning}\n"
        "  - {rule: training-hours, min_hours: 100}\n",
        encoding="utf-8",
    )
    rules = {r.id: r for r in load_strategy(path).rules}
    assert (
        rules["answer-speed"].basis is not None
        and rules["answer-speed"].basis.strategy == "delight"
    )
    assert rules["training-hours"].basis is None


PROMISE = 'promise: "A trained person answers 80% of calls within 20 seconds'


@pytest.mark.parametrize(
    "promise",
    [
        f'promise: "{PLACEHOLDER}"',
        'promise: "Write here what customers can count on"',
        'promise: "write, in one sentence, what customers can count on"',
        "promise: TBD",
        'promise: "  "',
    ],
)
def test_a_placeholder_promise_is_a_warning(promise: str) -> None:
    start = GOOD.index(PROMISE)
    end = GOOD.index("\n", start)
    report = check(GOOD[:start] + promise + GOOD[end:])
    (hit,) = found(report, "promise-stated")
    assert hit.severity.name == "warning" and hit.path == "promise"
    assert report.verdict == "at-risk"


def test_a_missing_promise_is_a_warning() -> None:
    start = GOOD.index(PROMISE)
    end = GOOD.index("\n", start) + 1
    (hit,) = found(check(GOOD[:start] + GOOD[end:]), "promise-stated")
    assert hit.message == "the plan states no promise to its customers"


def test_real_promises_are_not_placeholders() -> None:
    for text in (
        "Every letter gets an automatic thank-you; questions are answered in the FAQ.",
        "We answer.",
        "Write to us and a person replies within a day.",
    ):
        assert not is_placeholder(text), text


@pytest.mark.parametrize("sid", builtin_ids())
def test_every_starter_plan_states_a_real_promise(sid: str) -> None:
    report = check(starter_plan(sid))
    assert not found(report, "promise-stated")
    assert report.verdict == "aligned"


def test_every_example_states_a_real_promise() -> None:
    for path in sorted(EXAMPLES.glob("*.yaml")):
        plan = parse_plan(path.read_text(encoding="utf-8"), path.name).plan
        assert plan.promise and not is_placeholder(plan.promise), path.name
