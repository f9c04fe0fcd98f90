"""How a change's lines gone are paired with its new lines (`diff.renamed_lines`,
`diff.split_lines`): the pairing the gate and `diff` compare a line's findings and need by."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from cs_align.diff import renamed_lines, split_lines
from cs_align.plan import Channel, Plan
from cs_align.sizing import weekly_contacts
from tests.conftest import EXAMPLES, examples

KINDS = ("voice", "chat", "email")


def _channel(ident: str, kind: str, contacts: int) -> Channel:
    return Channel.model_validate(
        {
            "id": ident,
            "kind": kind,
            "hours": "Mon-Fri 08:00-20:00",
            "volume": {"contacts": contacts, "per": "week"},
        }
    )


def _plan(channels: list[Channel]) -> Plan:
    from cs_align.loader import load_plan

    plan = load_plan(EXAMPLES / "delight-aligned.yaml").plan
    return plan.model_copy(update={"channels": channels})


def _by_every_pair(was: Plan, now: Plan) -> dict[str, str]:
    """The pairing as first written: every gone line against every new line left, the
    nearest within a tenth, the first of them on a tie."""
    ids = {c.id for c in was.channels}
    arrived = [c for c in now.channels if c.id not in ids]
    kept = {c.id for c in now.channels}
    pairs = {}
    for channel in was.channels:
        if channel.id in kept:
            continue
        had = weekly_contacts(channel)
        near = [
            (abs(weekly_contacts(c) - had), index)
            for index, c in enumerate(arrived)
            if c.kind == channel.kind and abs(weekly_contacts(c) - had) <= had / 10
        ]
        if near:
            pairs[channel.id] = arrived.pop(min(near)[1]).id
    return pairs


LINES = st.lists(st.tuples(st.sampled_from(KINDS), st.integers(1, 60).map(lambda n: n * 50)))


@settings(max_examples=examples(200), deadline=None)
@given(gone=LINES, new=LINES, kept=st.integers(0, 3))
def test_renames_found_by_bisection_are_those_of_every_pair(
    gone: list[tuple[str, int]], new: list[tuple[str, int]], kept: int
) -> None:
    # Many lines share a kind and a volume (ties); some ids are kept on both sides.
    common = [_channel(f"k{i}", "voice", 500) for i in range(kept)]
    was = _plan(common + [_channel(f"old{i}", k, n) for i, (k, n) in enumerate(gone)])
    now = _plan([_channel(f"new{i}", k, n) for i, (k, n) in enumerate(new)] + common)
    assert renamed_lines(was, now) == _by_every_pair(was, now)


def test_a_rename_takes_the_nearest_line_of_its_kind_within_a_tenth() -> None:
    # 9,000 calls a week: 8,200 is beyond a tenth (900), 9,800 too; 8,950 and 9,050 are
    # equally near (50): the first listed of them is taken; the chat line is another kind.
    was = _plan([_channel("phone", "voice", 9000)])
    now = _plan(
        [
            _channel("chat", "chat", 9000),
            _channel("far", "voice", 8200),
            _channel("after", "voice", 9050),
            _channel("before", "voice", 8950),
            _channel("beyond", "voice", 9800),
        ]
    )
    assert renamed_lines(was, now) == {"phone": "after"}
    assert renamed_lines(was, _plan([_channel("far", "voice", 8099)])) == {}


def test_a_line_split_among_many_new_lines_is_paired_with_its_parts() -> None:
    # 22 new lines of its kind, more than are searched a group at a time: the largest that
    # fit within a tenth of 9,000 (4,500 + 4,500) are its parts, not all 22 (99,000).
    gone = [_channel(f"phone{i}", "voice", 9000) for i in range(11)]
    halves = [_channel(f"half{i}", "voice", 4500) for i in range(22)]
    pairs = split_lines(gone, halves)
    assert len(pairs) == 11 and all(len(parts) == 2 for parts in pairs.values())
    assert sorted(p for parts in pairs.values() for p in parts) == sorted(c.id for c in halves)
    assert sum(weekly_contacts(c) for c in halves) == Fraction(99000)
