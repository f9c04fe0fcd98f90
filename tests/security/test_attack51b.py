"""Red team attack51b: the session's gate re-attacked (the 92-day window, the automation
claim cap, the Action's one process, git's environment) and reads under `.git`."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable

import pytest

from tests.conftest import Repo, Result
from tests.security.conftest import ALIGNED, on_main, policy_notes
from tests.security.test_money_moves import _edit
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
    # ran on unwatched for 92 days after one cosmetic approval (policy note empty, exit 0).
    # The window's start is now read under the strategy as main declares it (review
    # fix52g), which judges every line as delight did: the window holds from its first day.
    _on_main_dated(repo, monkeypatch, 100, ALIGNED + "# dated\n", "9,000 calls a month")
    _on_main_dated(repo, monkeypatch, 80, _mixed(ALIGNED), "delight, as a mix")
    _on_main_dated(repo, monkeypatch, 0, _mixed(_calls(8300)), "8,300 calls a month")
    repo.write("plans/acme.yaml", _mixed(_calls(7650)))
    repo.commit("7,650 calls a month")
    notes = policy_notes(cli)
    start = (dt.datetime.now(dt.UTC) - dt.timedelta(days=100)).date().isoformat()
    assert f"over the 92 days since main on {start} (" in notes, notes
    assert "(-11.7%)" in notes, notes


def test_a_strategy_reworded_with_main_s_cut_still_holds_the_window(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The rewording is main's last commit, with its cut (9,000 → 8,300 calls). The window
    # held this change alone (8,300 → 7,650, 5.7%) and passed; read under the mix main
    # declares, the start's 11,500 contacts fall to 10,150 (11.7%), as with no rewording
    # (review fix52g). A rewording and nothing else earlier reads as before: see the
    # control below.
    _on_main_dated(repo, monkeypatch, 100, ALIGNED + "# dated\n", "9,000 calls a month")
    _on_main_dated(repo, monkeypatch, 0, _mixed(_calls(8300)), "8,300 calls, as a mix")
    repo.write("plans/acme.yaml", _mixed(_calls(7650)))
    repo.commit("7,650 calls a month")
    assert "2,334 now (-11.7%)" in policy_notes(cli), policy_notes(cli)


def test_a_strategy_reworded_in_the_window_then_a_step_within_the_tenth_passes(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The control: reworded on main with no cut; this change 9,000 → 8,300 (6.1%): no note.
    _on_main_dated(repo, monkeypatch, 100, ALIGNED + "# dated\n", "9,000 calls a month")
    _on_main_dated(repo, monkeypatch, 0, _mixed(ALIGNED), "delight, as a mix")
    repo.write("plans/acme.yaml", _mixed(_calls(8300)))
    repo.commit("8,300 calls a month")
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


EMAIL_B = """  - id: email-b
    kind: email
    hours: Mon-Fri 08:00-18:00
    volume: {contacts: 2500, per: month}
    handle_time: 8m
    target: {first_response: 1 business day}
    agents: 4.5
"""
PHONE = FAST_FOOD[FAST_FOOD.index("  - id: phone") : FAST_FOOD.index("  - id: email")]
FF_LINES = "lines: {people: 1283400, training: 49680, tooling: 82800, goodwill: 0}"

# A second site's plan for the same organisation: its e-mail line alone, 4.5 FTE × 62,000.
BETA = _edit(
    FAST_FOOD,
    (PHONE, ""),
    ("  - id: email\n", "  - id: email-b\n"),
    ("agents: 20.7 ", "agents: 4.5 "),
    ("total: 1415880", "total: 307800"),
    (FF_LINES, "lines: {people: 279000, training: 10800, tooling: 18000, goodwill: 0}"),
)


def _both_sites(phone: str, agents: str, people: int, tooling: int) -> str:
    """The fast-food plan carrying the second site's e-mail line too (the sites merged)."""
    return _edit(
        FAST_FOOD,
        ("  - id: help-centre", EMAIL_B + "  - id: help-centre"),
        ("agents: 16.2", f"agents: {phone}"),
        ("agents: 20.7 ", f"agents: {agents} "),
        ("total: 1415880", f"total: {people + 60480 + tooling}"),
        (
            FF_LINES,
            f"lines: {{people: {people}, training: 60480, tooling: {tooling}, goodwill: 0}}",
        ),
    )


def _dated(monkeypatch: pytest.MonkeyPatch, days_ago: int) -> None:
    day = (dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago)).isoformat()
    monkeypatch.setenv("GIT_COMMITTER_DATE", day)
    monkeypatch.setenv("GIT_AUTHOR_DATE", day)


def _sites_merged_then_cut(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    # main 100 days ago: plans/acme.yaml (people 1,283,400) and plans/beta.yaml (279,000).
    # main 60 days ago: beta's line moved into acme (people 1,562,400; no money moved: the
    #   organisation keeps 1,562,400, so the diff passes) and beta deleted.
    # main today: phone 16.2 → 14.6 FTE, people 1,463,200 (-99,200, 6.35%) into tooling.
    _dated(monkeypatch, 100)
    on_main(repo, {"plans/acme.yaml": FAST_FOOD, "plans/beta.yaml": BETA}, "two sites")
    _dated(monkeypatch, 60)
    repo.git("checkout", "-q", "main")
    repo.write("plans/acme.yaml", _both_sites("16.2", "25.2", 1562400, 100800))
    repo.git("rm", "-q", "plans/beta.yaml")
    repo.commit("one plan for both sites")
    _dated(monkeypatch, 0)
    repo.write("plans/acme.yaml", _both_sites("14.6", "23.6", 1463200, 200000))
    repo.commit("a first trim: 14.6 FTE on the phone")
    repo.git("checkout", "-q", "pr")
    repo.git("merge", "-q", "main")


def test_a_sibling_merged_in_the_window_does_not_hide_the_organisations_fall(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # This change: phone 14.6 → 13.2 FTE, people 1,376,400 (-86,800, 5.93% of 1,463,200).
    # The plan at the window's start had 1,283,400 of people money, less than now, so the
    # window read no fall (diff exit 0, no word); the organisation's plans in plans/ had
    # 1,283,400 + 279,000 = 1,562,400 and have 1,376,400: -186,000, 11.9% > 10% (156,240).
    _sites_merged_then_cut(repo, monkeypatch)
    repo.write("plans/acme.yaml", _both_sites("13.2", "22.2", 1376400, 286800))
    repo.commit("a second trim: 13.2 FTE on the phone")
    said = _decrease(cli)
    assert len(said) == 1, said
    assert "Example Fast-food Co's plans in this plan's folder, together" in said[0], said
    assert "falls from 1,562,400 USD to 1,376,400 USD (-11.9%)" in said[0], said
    assert "the limit of 156,240 USD (10%)" in said[0], said


def test_a_sibling_merged_then_one_cut_within_the_limit_passes(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The control: this change gives 40,000 back to tooling from people (1,463,200 →
    # 1,423,200, 2.73%): the organisation 1,562,400 → 1,423,200, -139,200, 8.9% < 10%.
    _sites_merged_then_cut(repo, monkeypatch)
    repo.write("plans/acme.yaml", _both_sites("14.6", "23.6", 1423200, 240000))
    repo.commit("a small trim of the people line")
    assert _decrease(cli) == []


def test_a_cut_main_took_with_approval_does_not_end_the_window(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # main 100 days ago: 9,000 calls and 2,500 e-mails a month (11,500).
    # main 60 days ago: 9,000 → 7,800 calls, 10.4% of 11,500: past the tenth, approved.
    # main today: 7,800 → 7,200 (600 of 10,300, 5.8%); this change 7,200 → 6,600 (5.8%).
    # Since the approved cut: 1,200 fewer of 10,300, 11.65%, past the tenth. Before, main
    # past the tolerance over the window left the lever out of the window for every later
    # change (note empty, exit 0); now the window holds from the approved commit.
    _on_main_dated(repo, monkeypatch, 100, ALIGNED + "# dated\n", "9,000 calls a month")
    _on_main_dated(repo, monkeypatch, 60, _calls(7800), "7,800 calls, approved")
    _on_main_dated(repo, monkeypatch, 0, _calls(7200), "7,200 calls a month")
    repo.write("plans/acme.yaml", _calls(6600))
    repo.commit("6,600 calls a month")
    notes = policy_notes(cli)
    start = (dt.datetime.now(dt.UTC) - dt.timedelta(days=60)).date().isoformat()
    assert f"over the 92 days since main on {start} (" in notes, notes
    assert "(-11.7%)" in notes, notes  # weekly figures: 2,369 → 2,093 contacts a week


def test_a_change_after_an_approved_cut_within_the_tenth_since_passes(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The control: since the approved 7,800, main 7,500 and this change 7,300: 500 of
    # 10,300, 4.9%, within the tenth.
    _on_main_dated(repo, monkeypatch, 100, ALIGNED + "# dated\n", "9,000 calls a month")
    _on_main_dated(repo, monkeypatch, 60, _calls(7800), "7,800 calls, approved")
    _on_main_dated(repo, monkeypatch, 0, _calls(7500), "7,500 calls a month")
    repo.write("plans/acme.yaml", _calls(7300))
    repo.commit("7,300 calls a month")
    assert policy_notes(cli) == "", policy_notes(cli)
