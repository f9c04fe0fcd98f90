"""Review gate59: loosening the gate from the workflow, and plans the gate could not mend.

1. A limit of 100% or more was shown a hundredth or a tenth of itself (`--max-budget-increase
   1000%` read "1%", 200% "2%") in `--show-config` and in every note naming a limit.
2. Under review, a flag that loosens the trusted policy (the Action's `fail-on` and `args`
   inputs, from the pull request's own copy of the workflow in a `pull_request` run) was
   obeyed with no word: `--fail-on error` over main's `fail_on: warning`,
   `--max-budget-increase 1000%` over its 5% cap, exit 0. It is now a policy-overridden
   finding in every format, naming the flag, where it was written and the setting it
   overrides."""

from __future__ import annotations

import pytest

from tests.conftest import invoke
from tests.security.conftest import ALIGNED, Repo, cli

__all__ = ["cli", "invoke"]

CEILING = ALIGNED.replace("max_occupancy: 85%", "max_occupancy: 50%")  # two warnings, no error
GROWN = ALIGNED.replace("total: 1540241", "total: 1840241").replace(
    "tooling: 82800", "tooling: 382800"
)  # +19.48%: past main's 5% cap


@pytest.mark.parametrize(
    ("written", "shown"),
    [("1000%", "1000%"), ("200%", "200%"), ("100%", "100%"), ("5.50%", "5.5%")],
)
def test_a_limit_of_a_hundred_percent_or_more_is_shown_as_written(
    repo: Repo, cli: object, written: str, shown: str
) -> None:
    said = cli("diff", "--show-config", "--max-budget-increase", written)  # type: ignore[operator]
    assert said.code == 0, said.err
    line = next(x for x in said.out.splitlines() if x.startswith("max_budget_increase"))
    assert f" {shown} (block)" in line, line
