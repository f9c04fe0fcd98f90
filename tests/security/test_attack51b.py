"""Red team attack51b: the session's gate re-attacked (the 92-day window, the automation
claim cap, the Action's one process, git's environment) and reads under `.git`."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable

import pytest

from tests.conftest import Repo, Result
from tests.security.conftest import ALIGNED, policy_notes
from tests.security.test_ratchet import (
    FAST_FOOD,
    STEP_1,
    STEP_2,
    _calls,
    _decrease,
    _on_main_dated,
)

Cli = Callable[..., Result]


@pytest.mark.parametrize("policy", [[], ["--policy-ref", "main"]])
def test_a_plan_linked_to_a_file_under_git_is_refused(
    repo: Repo, cli: Cli, policy: list[str]
) -> None:
    # A pull request commits plans/leak.yaml as a symbolic link to ../.git/plan.yaml. It
    # resolves inside the repository's folder, so it was read (exit 0, the file under .git
    # judged and quoted as a plan): git's config, hooks and objects are no plan's input, as
    # outputs are never written there. Now exit 2, naming the link and where it leads.
    (repo.root / ".git/plan.yaml").write_text(ALIGNED, encoding="utf-8")
    os.symlink("../.git/plan.yaml", repo.root / "plans/leak.yaml")
    repo.commit("a plan that is a link into .git")
    for named in ("plans/leak.yaml", "plans/"):
        result = cli("check", named, *policy)
        assert result.code == 2, (named, result.code, result.out)
        assert "plans/leak.yaml" in result.err + result.out
        assert "resolves into the repository's .git folder" in result.err + result.out
        assert "Traceback" not in result.err


def test_a_strategy_file_linked_under_git_is_refused(repo: Repo, cli: Cli) -> None:
    # The plan names its strategy as a file; the file is a link into .git. Before: read
    # (exit 0 with .git/s.yaml taken as the strategy); now exit 2 at the plan's line.
    strategy = (repo.root / "plans/../.git").resolve() / "s.yaml"
    strategy.write_text("id: mine\nname: Mine\nextends: delight\n", encoding="utf-8")
    os.symlink("../.git/s.yaml", repo.root / "plans/s.yaml")
    repo.write("plans/acme.yaml", ALIGNED.replace("strategy: delight", "strategy: ./s.yaml"))
    repo.commit("the strategy a link into .git")
    result = cli("check", "plans/acme.yaml")
    assert result.code == 2, (result.code, result.out, result.err)
    assert "resolves into the repository's .git folder" in result.err
    assert "plans/acme.yaml:" in result.err


MIX = "strategy:\n  primary: delight\n  by_channel:\n    phone: delight\n"
"""delight written as a mix of delight alone: said once as a change of strategy."""


def _mixed(text: str) -> str:
    return text.replace("strategy: delight\n", MIX)


def test_a_strategy_reworded_in_the_window_does_not_end_it(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # main 100 days ago: 9,000 calls and 2,500 e-mails a month under delight (11,500).
    # main 80 days ago: `strategy: delight` rewritten as {primary: delight, by_channel:
    #   {phone: delight}}, said once as 'strategy: delight → {…}' and approved.
    # main today: 9,000 → 8,300 calls, 6.1% of 11,500; this change 8,300 → 7,650, 5.7%.
    # From the rewording on, 1,350 fewer calls, 11.7% of 11,500: past the tenth. Before, a
    # window that met another strategy's wording at its start was left out, so the ratchet
    # ran on unwatched for 92 days after one cosmetic approval (policy note empty, exit 0);
    # now the window starts at the commit that first declared the strategy as it is now.
    _on_main_dated(repo, monkeypatch, 100, ALIGNED + "# dated\n", "9,000 calls a month")
    _on_main_dated(repo, monkeypatch, 80, _mixed(ALIGNED), "delight, as a mix")
    _on_main_dated(repo, monkeypatch, 0, _mixed(_calls(8300)), "8,300 calls a month")
    repo.write("plans/acme.yaml", _mixed(_calls(7650)))
    repo.commit("7,650 calls a month")
    notes = policy_notes(cli)
    start = (dt.datetime.now(dt.UTC) - dt.timedelta(days=80)).date().isoformat()
    assert f"over the 92 days since main on {start} (" in notes, notes
    assert "(-11.7%)" in notes, notes


def test_a_strategy_changed_in_the_window_alone_is_still_no_window(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The rewording is main's last commit: the window since it holds this change alone
    # (8,300 → 7,650, 5.7%: within the tenth), as before.
    _on_main_dated(repo, monkeypatch, 100, ALIGNED + "# dated\n", "9,000 calls a month")
    _on_main_dated(repo, monkeypatch, 0, _mixed(_calls(8300)), "8,300 calls, as a mix")
    repo.write("plans/acme.yaml", _mixed(_calls(7650)))
    repo.commit("7,650 calls a month")
    assert policy_notes(cli) == "", policy_notes(cli)


def _in_euros(text: str) -> str:
    return text.replace("currency: USD", "currency: EUR")


def test_a_currency_switched_in_the_window_does_not_end_it(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # main 100 days ago: the fast-food team at 20.7 FTE × 62,000 = 1,283,400 USD.
    # main 80 days ago: the same figures budgeted in EUR (a change of currency, which the
    #   limits say as such and a reviewer approves: it moves no money).
    # main today: 19.4 FTE, 1,202,800 EUR (-6.28%); this change 18.2 FTE, 1,128,400 EUR
    #   (-6.19% of 1,202,800), each within the 10% limit.
    # Since the switch: 1,283,400 → 1,128,400 EUR, -155,000, 12.08% > 10% (limit 128,340).
    # Before, the window met USD at its start and was left out: diff exit 0, no word.
    _on_main_dated(repo, monkeypatch, 100, FAST_FOOD, "the team at 20.7 FTE")
    _on_main_dated(repo, monkeypatch, 80, _in_euros(FAST_FOOD), "budgeted in euros")
    _on_main_dated(repo, monkeypatch, 0, _in_euros(STEP_1), "a first trim: 19.4 FTE")
    repo.write("plans/acme.yaml", _in_euros(STEP_2))
    repo.commit("a second trim: 18.2 FTE")
    said = _decrease(cli)
    start = (dt.datetime.now(dt.UTC) - dt.timedelta(days=80)).date().isoformat()
    assert len(said) == 1 and f"over the 92 days since main on {start} (" in said[0], said
    assert "from 1,283,400 EUR to 1,128,400 EUR a year (-12.08%)" in said[0], said
    assert "the money that pays the staff by 6.19%" in said[0], said
