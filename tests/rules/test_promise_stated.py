"""promise-stated: the plan states, in its own words, what customers can count on."""

from __future__ import annotations

import re

import pytest

from tests.rules.conftest import RunRule, check_plan, line_of, plan

RULE = "promise-stated"
INIT = "Write here, in one sentence, what customers can count on."
"""What `cs-align init` once wrote where the promise goes."""


def promised(text: str) -> dict[str, object]:
    return plan({"promise": text})


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9/]+", text.lower()))


def test_a_promise_in_the_plans_own_words_holds(run_rule: RunRule) -> None:
    text = "A person answers every call within 20 seconds and every email within 4 hours."
    assert run_rule(RULE, promised(text)) == []
    # Sharing a few of the placeholder's words is no placeholder: 5 shared of 14 distinct
    # words between the two sentences (36%), far from most of them.
    own = "Customers can count on an answer within one day."
    assert len(words(own) & words(INIT)) == 5 and len(words(own) | words(INIT)) == 14
    assert run_rule(RULE, promised(own)) == []


def test_no_promise_fails(run_rule: RunRule) -> None:
    (found,) = run_rule(RULE, plan())
    assert found.message == "the plan states no promise to its customers"
    assert found.path == "promise"
    assert found.fix.startswith("write one sentence customers can count on, e.g. `promise: ")


def test_the_init_placeholder_is_no_promise(run_rule: RunRule) -> None:
    data = promised(INIT)
    (found,) = run_rule(RULE, data)
    assert found.message == f"the promise {INIT!r} is a placeholder, not a promise"
    assert found.path == "promise" and found.line == line_of(data, "promise:")


@pytest.mark.parametrize(
    "text",
    [
        "Write here, in one sentance, what customers can count on",  # a typo, no full stop
        "In one sentence, what customers can count on.",  # 8 of its 10 words (80%)
        "What customers can count on, in one sentence: write here.",  # reordered
        "write here",
    ],
)
def test_a_promise_still_reading_like_the_placeholder_fails(run_rule: RunRule, text: str) -> None:
    (found,) = run_rule(RULE, promised(text))
    assert found.message == f"the promise {text!r} is a placeholder, not a promise"


@pytest.mark.parametrize("text", ["TODO", " tbd ", "N/A", "Lorem ipsum", "...", "", "   "])
def test_blanks_and_stand_ins_fail(run_rule: RunRule, text: str) -> None:
    (found,) = run_rule(RULE, promised(text))
    assert found.message == f"the promise {text.strip()!r} is a placeholder, not a promise"


def test_a_long_placeholder_is_quoted_to_sixty_characters(run_rule: RunRule) -> None:
    text = INIT + " " + INIT
    (found,) = run_rule(RULE, promised(text))
    assert found.message == f"the promise {text[:60]!r} is a placeholder, not a promise"


@pytest.mark.parametrize(
    "text", ["TODO: write our promise", "todo - ask marketing", "Fast answers (TBD with legal)"]
)
def test_a_stand_in_with_a_note_is_still_a_stand_in(run_rule: RunRule, text: str) -> None:
    found = run_rule(RULE, promised(text))
    assert [f.message for f in found] == [f"the promise {text!r} is a placeholder, not a promise"]


def test_todo_inside_a_sentence_is_a_word(run_rule: RunRule) -> None:
    # Spanish "todo" (every): a real promise, not a marker.
    assert run_rule(RULE, promised("Respondemos todo correo en menos de 4 horas.")) == []


def test_it_is_a_warning_in_every_strategy() -> None:
    for strategy in (None, "automated", "genius"):
        found = [f for f in check_plan(promised(INIT), strategy) if f.rule == RULE]
        assert [(f.severity, f.path) for f in found] == [("warning", "promise")]
