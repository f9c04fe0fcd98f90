"""`fix --keep-budget` with money to keep every line up keeps every line up first, then raises
lines toward their targets; only short of that does it keep as many lines' targets whole as
it can (the lead's rule, recalc60). planner60's order kept the lines needing the fewest FTE
whole first whatever the money, so between S (the FTE that keep every line up) and S plus
those raises a line was left a queue that never clears: peak-ceiling-two-lines at 12.0 FTE
had the e-mail whole on 1.9 and the phone on 10.1, short of its 09:00 peak, where 11.0 +
0.8 keep both up (tests/test_fix.py has the hand figures)."""

from __future__ import annotations

import math
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from cs_align.engine import CheckOptions, assess
from cs_align.fixer import fix
from cs_align.loader import parse_plan
from tests.conftest import examples
from tests.test_keep_budget_monotone import plans
from tests.test_keep_budget_short import PLAN as TWO_LINES


def _fixed(text: str, people: int) -> tuple[dict[str, bool], dict[str, str]]:
    """Whether each line keeps up with its work in the plan `fix --keep-budget` writes, and
    the decision it leaves on each finding, by path."""
    text = text.replace("PEOPLE", str(people))
    result = fix(text, parse_plan(text, "plan.yaml"), CheckOptions(), keep_budget=True)
    again = assess(parse_plan(result.text, "plan.yaml"), CheckOptions(), reveal=False)
    assert again.metrics is not None
    stable = {c.id: c.stable for c in again.metrics.channels}
    return stable, {d.finding.path: d.decision for d in result.decisions}


@settings(max_examples=examples(10), deadline=None)
@given(plans(), st.integers(0, 60))
def test_money_that_keeps_every_line_up_leaves_no_queue_that_never_clears(
    plan: tuple[str, int, Fraction, int], tenths: int
) -> None:
    # S is above ``up`` and at most a tenth a line beyond it (`one_side`): from there to six
    # FTE beyond, every line keeps up.
    text, _, up, lines = plan
    people = (math.ceil((up + Fraction(lines, 10)) * 10) + tenths) * 4_000
    stable, _ = _fixed(text, people)
    assert all(stable.values()), (people, stable)


def test_a_line_kept_up_with_its_target_loosened_says_why_it_was_not_kept_whole() -> None:
    # By hand (test_keep_budget_short): phone 3 E keeps up on 4.4 FTE and keeps 80% in 60 s
    # on 7.0, chat 2.5 E on 3.6 and 6.2. At 7.9 FTE (316,000 GBP) the chat is kept whole on
    # 6.2; at 8.0 (320,000) both keep up first, 4.4 + 3.6, and both targets are loosened
    # (the chat's to 80% in 12h45m): the occupancy left to a person on each says why.
    stable, decided = _fixed(TWO_LINES, 320_000)
    assert stable == {"phone": True, "chat": True}
    assert decided["channels[chat]"].endswith(
        "(fix kept every line up with its work before raising any toward its targets, so "
        "that no queue grows without end: chat's targets before fix loosened them need 6.2 "
        "FTE (+2.6, 104,000 GBP a year))"
    )
