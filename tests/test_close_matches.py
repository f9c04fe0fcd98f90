"""A did-you-mean hint costs no more for a megabyte value than for a word: a value far longer
than every name it could mean is no near miss of any (difflib's ratio), and no part of one."""

from __future__ import annotations

import difflib
import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cs_align.errors import close_matches, did_you_mean
from cs_align.strategy import builtin_ids
from tests.conftest import GOOD, Invoke, examples

HUGE = "x" * 1_000_000


def test_a_megabyte_name_gets_no_hint_and_costs_no_pass_over_it() -> None:
    # Before: ~1 s of CPU for this call (a pattern compiled from the megabyte, ~0.9 s, and
    # two difflib passes over it), for each unknown strategy, rule or format so named.
    started = time.process_time()
    assert did_you_mean(HUGE, builtin_ids()) is None
    assert close_matches(HUGE * 4, ["csat", "handle_time"]) == []  # was ~0.35 s
    assert time.process_time() - started < 0.1


def test_a_megabyte_strategy_is_refused_as_before(invoke: Invoke, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(GOOD.replace("strategy: delight", f"strategy: {HUGE}"), encoding="utf-8")
    result = invoke("check", str(plan))
    assert result.code == 2, result.err
    assert "unknown strategy" in result.err and "did you mean" not in result.err
    assert "x" * 300 not in result.err  # shown cut, as test_text asks of every format


def test_near_names_are_still_hinted() -> None:
    assert did_you_mean("delite", builtin_ids()) == "did you mean 'delight'?"
    assert did_you_mean("trust", builtin_ids()) == "did you mean 'extraordinary-trust'?"
    assert close_matches("hndle_time", ["csat", "handle_time"]) == ["handle_time"]


WORDS = st.text(alphabet="ab-_x", max_size=40)


@settings(max_examples=examples(300), deadline=None)
@given(
    WORDS,
    st.lists(st.text(alphabet="ab-_x", max_size=10), max_size=5),
    st.sampled_from([0.4, 0.6, 0.8, 0.85]),
)
def test_the_answer_is_difflibs_whatever_the_lengths(
    word: str, choices: list[str], cutoff: float
) -> None:
    # Words up to four times the longest choice and beyond it, at every cutoff the code uses
    # (0.6, 0.8, 0.85) and the least the shortcut holds for (0.4): 2 × 10 ÷ (41 + 10) < 0.4.
    expected = difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)
    assert close_matches(word, choices, cutoff) == expected
