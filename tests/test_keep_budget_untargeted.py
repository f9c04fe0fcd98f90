"""A line that states no target, beside lines that promise (review planner59).

The plan: phone 3 E (1,200 calls a week of 6 min, 80% in 60 s), chat 1.5 E with no target
(900 chats of 4 min), e-mail 2 E (600 of 8 min, first response 4h), each over Mon–Fri
09–17 (40 h a week); 18 FTE planned (10 + 3 + 5) at 40,000 GBP an FTE, 30% shrinkage.
By hand (tests/test_keep_budget_short): one person on shift over the 40 h is 1.43348 FTE.
The chat keeps up with its 1.5 E on 1.5 × 1.43348 = 2.150 → 2.2 FTE, and holds the 85%
ceiling on 1.5 / 0.85 × 1.43348 = 2.530 → 2.6.
"""

from __future__ import annotations

from fractions import Fraction

from cs_align.engine import CheckOptions, assess
from cs_align.fixer import fix
from cs_align.loader import parse_plan
from tests.test_keep_budget_monotone import HEAD, LINE, TAIL


def _line(name: str, kind: str, volume: int, handle: int, target: str, agents: float) -> str:
    text = LINE.format(
        id=name, kind=kind, volume=volume, handle=handle, target=target, agents=f"{agents:g}"
    )
    return text.replace("    target: {}\n", "")


def plan(chat: float = 3, people: int = 18 * 40_000) -> str:
    lines = [
        _line("phone", "voice", 1200, 6, 'service_level: "80% in 60s"', 10),
        _line("chat", "chat", 900, 4, "", chat),
        _line("email", "email", 600, 8, "first_response: 4h", 5),
    ]
    total = 15 + chat
    text = HEAD + "".join(lines) + TAIL.format(agents=f"{total:g}")
    return text.replace("PEOPLE", str(people))


def _fixed(text: str, keep_budget: bool) -> tuple[dict[str, Fraction], list[str], Fraction]:
    """Each line's FTE as fix writes them, the rules the fixed plan still fails on the chat,
    and the FTE on no channel."""
    result = fix(text, parse_plan(text, "plan.yaml"), CheckOptions(), keep_budget=keep_budget)
    loaded = parse_plan(result.text, "plan.yaml")
    again = assess(loaded, CheckOptions(), reveal=False)
    assert again.metrics is not None
    staff = {c.id: c.planned_fte for c in again.metrics.channels}
    chat = [f.rule for f in again.findings if f.path == "channels[chat]"]
    stated = loaded.plan.staffing.agents
    idle = Fraction(stated) - sum(staff.values(), Fraction(0)) if stated is not None else 0
    return staff, chat, Fraction(idle)


def test_fix_staffs_a_line_with_no_target_that_cannot_keep_up_to_the_ceiling() -> None:
    # 1.0 FTE for 1.5 E: the queue grows without end, and occupancy-cap says so. fix read a
    # queue that never clears as holding the ceiling and sized the chat to 0.1, below its
    # 1.0, so it raised nothing and left the warning; now 2.6 (by hand, above), moved from
    # the phone's staff above its least.
    staff, chat, _ = _fixed(plan(chat=1), keep_budget=False)
    assert staff["chat"] == Fraction(26, 10)  # was 1.0
    assert "occupancy-cap" not in chat


def test_keep_budget_does_not_cut_a_line_with_no_target_to_a_queue_that_never_clears() -> None:
    # 70% of the plan's cost, 504,000 GBP: 12.6 FTE. The pour gave phone 7.0 (its 80% in
    # 60 s), chat 2.4 (above its 2.2 to keep up), e-mail 3.2; then the e-mail's raise to its
    # ceiling (3.4) "took" the chat down to its least, read as 0.1: the chat was written
    # 0.1 FTE for 1.5 E and 2.1 of the 12.6 FTE paid for were left on no channel.
    staff, _, idle = _fixed(plan(people=504_000), keep_budget=True)
    assert staff["chat"] >= Fraction(22, 10)  # was 0.1
    assert idle == 0  # was 2.1
    assert staff == {"phone": 7, "chat": Fraction(24, 10), "email": Fraction(32, 10)}
