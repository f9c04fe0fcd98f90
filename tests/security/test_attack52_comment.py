"""attack52 A04: notes a pull request makes long pushed what fails the run out of its comment.

A note is written for each plan whose diff GitHub hides (`.gitattributes`, or GitHub's own
rules for generated files such as a path through `__generated__/`), naming the plan's path;
paths can be thousands of characters. The notes come first in the comment, and past the
limit they were all the comment showed, with a line saying only "the diffs of plans that
pass, or the check's tables" were left out: the diff that fails the run and the check's
"❌ misaligned" were not in the comment."""

from __future__ import annotations

from cs_align.prcomment import LIMIT, bodies

FOOTER = "<sub>cs-align · exit code 1 · abc123</sub>"
NOTE = (
    "> **Note:** GitHub reads `plans/__generated__/{folder}/p{i}.yaml` as a generated file "
    "(a path through `__generated__/`): it hides its diff from review.\n"
)
NOTES = "".join(NOTE.format(folder="d" * 200, i=i) for i in range(300))  # ~103,000 characters
BLOCKING = "❌ blocked by no_new_errors: 2 new errors, first: abandonment-max: phone: …"
CHECK = "**cs-align: ❌ misaligned** — 1 plan\n\n| channel | needed FTE |\n|---|---:|"


def test_long_notes_leave_room_for_what_fails_the_run() -> None:
    assert len(NOTES) > LIMIT
    parts = [("notes", NOTES), ("blocking", BLOCKING), ("check", CHECK), ("passing", "✅ ok")]
    whole, short = bodies(parts, "refs/remotes/origin/main", FOOTER)
    for text in (short, whole):
        assert BLOCKING in text and "❌ misaligned" in text and "✅ ok" in text
        assert text.index(BLOCKING) > text.index("> **Note:**")  # the order kept
    assert len(short) <= LIMIT
    assert "output truncated to fit a pull-request comment" in short  # the notes, said cut


def test_what_is_left_out_is_named_by_its_kind() -> None:
    # A diff that fails the run left out was described as "the diffs of plans that pass, or
    # the check's tables".
    big = "\n\n".join(f"block {i} " + "x" * 900 for i in range(80))  # ~72,000 characters
    parts = [("check", big), ("blocking", BLOCKING), ("passing", "✅ ok")]
    _, short = bodies(parts, "main", FOOTER)
    said = "*… 2 more parts of this report (the diffs that fail the run, the diffs of plans that "
    assert said + "pass) left out to fit a comment: see the job summary.*" in short, short[-400:]
