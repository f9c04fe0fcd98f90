"""The Action's sticky comment (`cs_align.prcomment`): what fails the run first, whole parts
while they fit, and a note of what was left out (review out29 R1)."""

from __future__ import annotations

from cs_align.prcomment import MARKER, bodies

FOOTER = "<sub>cs-align · exit code 1 · abc123</sub>"


def _details(name: str, lines: int) -> str:
    rows = "\n".join(f"| {name} | row {i} |" for i in range(lines))
    return f"{MARKER}\n**{name}**\n\n<details><summary>{name}</summary>\n\n{rows}\n</details>\n"


def test_parts_come_in_order_under_their_headings_and_nothing_is_cut() -> None:
    parts = [
        ("notes", "> **Note:** a note"),
        ("blocking", f"{MARKER}\n❌ **blocked** by max_budget_increase"),
        ("check", _details("check", 3)),
        ("passing", f"{MARKER}\n✅ passes"),
    ]
    whole, short = bodies(parts, "refs/remotes/origin/main", FOOTER)
    assert whole == short
    assert whole == (
        f"{MARKER}\n## cs-align\n\n> **Note:** a note\n\n"
        "### Against `refs/remotes/origin/main`: what fails\n\n"
        "❌ **blocked** by max_budget_increase\n\n"
        + _details("check", 3).removeprefix(f"{MARKER}\n").strip("\n")
        + "\n\n### Against `refs/remotes/origin/main`\n\n✅ passes\n\n"
        + FOOTER
        + "\n"
    )
    assert whole.count(MARKER) == 1


def test_a_comment_past_the_limit_keeps_what_fails_and_drops_whole_parts() -> None:
    # 25 plans' tables after one blocking diff: the blocking diff and the footer stay, each
    # <details> kept is closed, and the comment says how many parts the summary alone has.
    parts = [("blocking", "❌ **blocked** by max_budget_increase")]
    parts += [("check", _details("check", 40))]
    parts += [("passing", _details(f"plan {n}", 40)) for n in range(25)]
    whole, short = bodies(parts, "main", FOOTER, limit=4_000)
    assert len(short) <= 4_000 < len(whole)
    assert "blocked** by max_budget_increase" in short and short.endswith(FOOTER + "\n")
    assert short.count("<details>") == short.count("</details>") >= 2  # the check, a plan
    left = [n for n in range(25) if f"**plan {n}**" not in short]
    assert left == list(range(25 - len(left), 25))  # the last ones, whole parts
    assert f"*… {len(left)} more parts of this report" in short and "job summary" in short
    assert all(f"**plan {n}**" in whole for n in range(25))


def test_a_first_part_too_long_alone_is_cut_between_blocks() -> None:
    _, short = bodies([("check", _details("check", 400))], "main", FOOTER, limit=3_000)
    assert len(short) <= 3_000 and short.count("<details>") == short.count("</details>")
    assert "output truncated to fit a pull-request comment" in short
    assert short.endswith(FOOTER + "\n") and "more part" not in short


def test_a_part_too_long_for_the_room_left_shows_its_head() -> None:
    """25 plans' check after the blocking diff: the check's verdicts (its head) are shown,
    cut between blocks, and the passing diffs left to the summary."""
    parts = [("blocking", "❌ **blocked** by max_budget_increase")]
    parts += [("check", _details("check", 2_000))]
    parts += [("passing", _details(f"plan {n}", 40)) for n in range(25)]
    _, short = bodies(parts, "main", FOOTER, limit=20_000)
    assert len(short) <= 20_000 and short.count("<details>") == short.count("</details>")
    assert short.index("blocked** by") < short.index("**check**") < short.index("truncated")
    assert "*… 25 more parts of this report" in short and "**plan 0**" not in short


def test_the_job_summary_stays_under_github_s_1_mib() -> None:
    """A pull request that changes 400 plans: each passing diff is ~3 KB, 1.3 MB in all.
    The job summary was every part, and GitHub drops a step's whole summary past 1 MiB of
    UTF-8 ("upload aborted, supports content up to a size of 1024k"), so the comment's "see
    the job summary" led to nothing (review user50 M1). Measured in bytes, as the runner
    does: "—" and "✅" are three bytes each."""
    row = "— ✅ aligned, needed 12.4 FTE, planned 12.5 FTE —"
    passing = [
        (
            "passing",
            f"{MARKER}\n**plan {n}**\n\n<details><summary>plan {n}</summary>\n\n"
            + "\n".join(f"| {row} | {i} |" for i in range(50))
            + "\n</details>\n",
        )
        for n in range(400)
    ]
    parts = [("blocking", "❌ **blocked** by max_budget_increase"), *passing]
    whole, short = bodies(parts, "main", FOOTER)
    assert len(whole.encode("utf-8")) < 1024 * 1024 - 2  # what the runner uploads
    assert whole.startswith(f"{MARKER}\n## cs-align\n") and whole.endswith(FOOTER + "\n")
    assert "blocked** by max_budget_increase" in whole
    assert whole.count("<details>") == whole.count("</details>")
    shown = [n for n in range(400) if f"**plan {n}**" in whole]
    assert shown == list(range(len(shown))) and 250 < len(shown) < 400
    left = 400 - len(shown)
    assert f"*… {left} more parts of this report" in whole
    assert "left out to fit the job summary (GitHub drops one past 1 MiB)" in whole
    assert len(short) <= 65_000 and "see the job summary" in short
