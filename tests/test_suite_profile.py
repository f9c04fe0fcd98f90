"""The suite's Hypothesis profile: each property runs its share of examples (`examples`), and
`--hypothesis-profile=search` runs ten times as many, for every property alike."""

from __future__ import annotations

import re

from hypothesis import settings

from tests.conftest import ROOT, examples


def test_every_property_states_its_examples_through_the_profile() -> None:
    # A count written as a bare number ignores the profile: the suite would run all of it
    # and `search` no more of it.
    bare = [
        f"{path.relative_to(ROOT)}:{text[: m.start()].count(chr(10)) + 1}"
        for path in sorted((ROOT / "tests").rglob("*.py"))
        for text in [path.read_text(encoding="utf-8")]
        for m in re.finditer(r"max_examples\s*=\s*\d", text)
        if path.name != "conftest.py"
    ]
    assert bare == [], "write max_examples=examples(N) instead"


def test_the_suite_runs_the_stated_examples_and_search_ten_times_that() -> None:
    # suite: Hypothesis's own 100, so examples(300) is 300; search: 1,000, so 3,000.
    assert settings.default.max_examples == 100
    assert examples(300) == 300 and examples(1) == 1
    assert settings.get_profile("search").max_examples == 1000


def test_ci_draws_the_same_examples_every_run() -> None:
    # A flaky property fails a pull request for an example its change did not make.
    ci = settings.get_profile("ci")
    assert ci.derandomize and ci.database is None
    assert ci.max_examples == settings.get_profile("suite").max_examples
