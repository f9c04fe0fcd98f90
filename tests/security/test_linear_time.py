"""Text a pull request controls never costs more than linear time to read: no regular
expression applied to it has two quantifiers that can both take the same characters (a run
of blanks), and waiver paths are matched without backtracking.

The bounds are on this process's CPU time, not the clock's: quadratic work costs its CPU
seconds wherever it runs, while on a busy shared runner a linear read waits its turn (the tab
test took 8 s by the clock at a load average of 15 on 2 cores, 0.9 s of CPU)."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import unless_it_hangs
from tests.security.conftest import ALIGNED, Repo, Result

Cli = Callable[..., Result]
BLANKS = " " * 200_000
"""Half a minute's work per file for the old top-level-key pattern (quadratic), and days
at the 5 MB a file may weigh."""


def test_a_long_line_of_blanks_is_classified_at_once(repo: Repo, cli: Cli) -> None:
    from cs_align.discovery import kind

    notes = repo.write("plans/notes.yaml", "a" + BLANKS + "\n")
    with unless_it_hangs(10):
        start = time.process_time()
        assert kind(Path(notes)) == "plan"  # judged as a plan, and refused as one
        assert time.process_time() - start < 0.5
        result = cli("check", "plans/")
    assert result.code == 2 and "plans/notes.yaml" in result.err


def _waived(pattern: str) -> Callable[[str], str]:
    expires = dt.date.today() + dt.timedelta(days=60)

    def edit(text: str) -> str:
        return text.replace("uses_scripts: false", "uses_scripts: true") + (
            f"waivers:\n  - rule: no-scripts\n    path: {json.dumps(pattern)}\n"
            '    reason: "scripts stay until the new training lands"\n'
            f"    owner: head-of-service\n    expires: {expires}\n"
        )

    return edit


def _replaced(old: str, new: str) -> Callable[[str], str]:
    assert old in ALIGNED
    return lambda text: text.replace(old, json.dumps(new), 1)


@pytest.mark.parametrize(
    ("edit", "code", "says"),
    [
        # a service level whose time ends in a long run of blanks
        (_replaced('"80% in 20s"', "80% in a" + BLANKS + "!"), 2, "is not a duration"),
        # hours whose days run into a long run of blanks
        (_replaced("Mon-Fri 08:00-20:00", "Mon" + BLANKS + "x"), 2, "not hours of operation"),
        (_replaced("Mon-Fri 08:00-20:00", "Mon" + BLANKS + ", Tue 08:00-20:00"), 0, "ALIGNED"),
        # an amount with a long run of blanks between its figure and what follows
        (_replaced("1540241", "1" + BLANKS + "!"), 2, "is not an amount"),
        # a waiver path of many wildcards: `.*.*.*…` backtracked through every placing
        (_waived("*" * 60 + "x"), 1, "no-scripts"),
        (_waived("**s" * 5 + "**"), 0, "1 waived"),
    ],
    ids=["service-level", "hours", "hours-list", "money", "waiver-path", "waiver-path-matching"],
)
def test_plan_text_built_to_backtrack_is_read_at_once(
    repo: Repo, cli: Cli, edit: Callable[[str], str], code: int, says: str
) -> None:
    repo.write("plans/acme.yaml", edit(ALIGNED))
    with unless_it_hangs(10):
        start = time.process_time()
        result = cli("check", "plans/acme.yaml")
        assert time.process_time() - start < 5
    assert result.code == code, result.out + result.err
    assert says in result.out + result.err and "Traceback" not in result.err
    if code == 2:
        assert "plans/acme.yaml:" in result.err


def test_markdown_escaping_of_a_long_scheme_like_run_is_linear() -> None:
    # `\b[A-Za-z][A-Za-z0-9+.-]*://` was searched for from every letter of a-a-a-…
    from cs_align.escaping import markdown

    with unless_it_hangs(10):
        start = time.process_time()
        shown = markdown("a-" * 100_000 + "https://evil.example")
        assert time.process_time() - start < 0.5
    assert "://" not in shown and shown.endswith("https&#58;//evil.example")


def test_a_limit_written_in_words_after_a_long_run_of_blanks_is_refused_at_once(
    repo: Repo, cli: Cli
) -> None:
    limit = json.dumps("1" + BLANKS + "x 5 percent")
    repo.write(".cs-align.yaml", f"guardrails:\n  max_budget_increase: {limit}\n")
    with unless_it_hangs(10):
        start = time.process_time()
        result = cli("check", "plans/acme.yaml")
        assert time.process_time() - start < 5
    assert result.code == 2 and "is not a limit" in result.err and ".cs-align.yaml" in result.err


def test_tabs_between_tokens_are_read_for_fix_in_one_pass() -> None:
    # `fix` reads each tab outside a scalar as a space for ruamel (review user19 U1); the
    # first version compared every tab with every scalar: 300,000 tabs beside 300,000
    # scalars would have taken hours. One pass over both, in the order they are written.
    from cs_align.roundtrip import _untabbed

    text = "".join(f"k{i}:\tv{i}\t# a note\n" for i in range(150_000))  # 3.1 MB
    with unless_it_hangs(20):
        start = time.process_time()
        spaced = _untabbed(text)
        assert time.process_time() - start < 5
    assert spaced == text.replace("\t", " ")


def test_a_comment_spelt_like_a_waiver_is_looked_for_in_one_pass() -> None:
    # The look for `# cs-align: waive` and its near misses (review user19 U7) first had
    # two runs of blanks that could take the same characters (`align\s*:?\s*wai`):
    # "cs-align" and 200,000 blanks took seconds, and a 5 MB line far longer.
    from cs_align.loader import maybe_waivers
    from cs_align.waivers import inline_waivers

    text = "# cs-align" + BLANKS + "x\n"
    with unless_it_hangs(10):
        start = time.process_time()
        assert not maybe_waivers(text) and inline_waivers(text, "plan.yaml") == []
        assert time.process_time() - start < 0.5
