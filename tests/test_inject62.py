"""Text a plan, strategy, waiver or file name controls reaches each output as what it says
(review inject62): no renderer turns it into something else."""

from __future__ import annotations

import json
from collections.abc import Callable

from tests.conftest import GOOD, Repo, Result

Cli = Callable[..., Result]
SHORTCODE = ":white_check_mark: ALIGNED :thumbs_up:"
"""rich turns `:name:` into an emoji wherever it reads markup: a plan named so showed
"MISALIGNED  Acme ✅ ALIGNED 👍" in the verdict box, and a file named so was
`✅ ALIGNED.yaml:39:17`, a path no editor opens."""


def _named(text: str) -> str:
    return GOOD.replace("organisation: Example Delight Co", f"organisation: {json.dumps(text)}")


def test_the_table_shows_emoji_shortcodes_in_names_as_written(repo: Repo, cli: Cli) -> None:
    repo.write(f"plans/{SHORTCODE}.yaml", _named(f"Acme {SHORTCODE}").replace("16.2", "4"))
    result = cli("check", f"plans/{SHORTCODE}.yaml", "plans/acme.yaml")
    assert result.code == 1, result.err
    assert "✅" not in result.out and "👍" not in result.out, result.out
    assert f"Acme {SHORTCODE}" in result.out  # the verdict box
    assert f"plans/{SHORTCODE}.yaml:" in result.out  # each finding's file:line:col
    assert f"╭─ plans/{SHORTCODE}.yaml ─" in result.out  # the box's title


def test_the_one_line_a_plan_table_shows_emoji_shortcodes_as_written(repo: Repo, cli: Cli) -> None:
    # From 21 plans (reporters.STREAM_FROM) the table is one line a plan.
    for n in range(21):
        repo.write(f"plans/{SHORTCODE} {n:02}.yaml", _named("Acme"))
    result = cli("check", "plans/")
    assert result.code == 0, result.err
    assert "✅" not in result.out and "👍" not in result.out, result.out
    assert f"plans/{SHORTCODE} 07.yaml" in result.out
