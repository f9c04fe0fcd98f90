"""gate62: what a pull request (or the workflow it edits) can change around the plans that
moves the gate's verdict without a change the policy judges."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator

import pytest

from tests.conftest import GOOD, Repo, Result

Cli = Callable[..., Result]


@pytest.fixture
def clock_a_day_behind(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process's time zone 24 hours behind UTC (POSIX `TZ=XXX+24`, which glibc takes):
    its local date is yesterday's, whatever the hour. A workflow's `env: {TZ: XXX+24}`
    sets it for every step, the Action's `python -I` included (TZ is no PYTHON* variable)."""
    monkeypatch.setenv("TZ", "XXX+24")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_the_time_zone_cannot_move_a_waiver_past_its_date(
    repo: Repo, cli: Cli, clock_a_day_behind: None
) -> None:
    # Main waived no-scripts until yesterday (UTC); the pull request changes no plan.
    # A waiver that expired yesterday (UTC) is expired: its finding counts again, with a
    # waiver-expired error, exit 1. Waivers expired by the process's local date, so a time
    # zone a day behind UTC (the workflow's `env: TZ`, which no policy file judges) read
    # yesterday as today: the waiver still held, the finding was waived, exit 0.
    yesterday = dt.datetime.now(dt.UTC).date() - dt.timedelta(days=1)
    waiver = (
        "waivers:\n  - {rule: no-scripts, path: staffing.uses_scripts, "
        "reason: scripts stay until training lands, owner: head-of-service, "
        f"expires: {yesterday}}}\n"
    )
    repo.git("checkout", "-q", "main")
    scripts = GOOD.replace("uses_scripts: false", "uses_scripts: true")
    repo.write("plans/acme.yaml", scripts + waiver)
    repo.commit("scripts, waived until yesterday")
    repo.git("checkout", "-q", "pr")
    repo.git("merge", "-q", "main")
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "github")
    assert result.code == 1, result.out + result.err
    assert "title=waiver-expired" in result.out, result.out
    assert "title=no-scripts" in result.out, result.out
