"""Where `cost-pace` judges (cost-race), contacts bots take are policy under review: the
cost per contact divides the budget by every contact people and bots answer, and a bot
line's volume is a forecast stated at no cost (review attack39 F11: a new assistant of
3,450 chats a month held the cost per contact while the budget grew by 30%)."""

from __future__ import annotations

from collections.abc import Callable

from tests.conftest import EXAMPLES, Repo, Result
from tests.security.conftest import on_main, policy_notes

Cli = Callable[..., Result]
RACE = (EXAMPLES / "cost-race-aligned.yaml").read_text(encoding="utf-8")
HELP = "  - id: help-centre\n"


def _policy_notes(repo: Repo, cli: Cli, text: str) -> str:
    """plans/acme.yaml is the example at main and ``text`` in the change."""
    on_main(repo, {"plans/acme.yaml": RACE})
    repo.write("plans/acme.yaml", text)
    repo.commit("the change")
    return policy_notes(cli)


def _assistant(per_month: int) -> str:
    return (
        f"  - {{id: assistant, kind: chat, staffed_by: bots, hours: 24x7, "
        f"volume: {per_month}/month, handle_time: 2m}}\n"
    )


def test_a_new_bot_line_that_dilutes_the_cost_per_contact_is_policy(repo: Repo, cli: Cli) -> None:
    # Weekly contacts are a month's × 12 ÷ 52.18 (365.25 days ÷ 7): the phone's 9,000 and
    # e-mail's 2,500 a month are 2,645 a week; the assistant's 3,450 a month, 793.
    assert HELP in RACE
    notes = _policy_notes(repo, cli, RACE.replace(HELP, _assistant(3450) + HELP, 1))
    assert notes.startswith(
        "the policy differs from main: bots take 793 contacts a week now, 0 at main "
        "(assistant (new)), of the 2,645 the cost per contact was counted on there"
    ), notes


def test_a_small_assistant_is_no_policy_change(repo: Repo, cli: Cli) -> None:
    # 1,000 a month = 230 a week: under a tenth of 2,645.
    notes = _policy_notes(repo, cli, RACE.replace(HELP, _assistant(1000) + HELP, 1))
    assert "bots take" not in notes, notes


def test_bots_elsewhere_than_cost_race_are_not_weighed(repo: Repo, cli: Cli) -> None:
    fast = RACE.replace("strategy: cost-race", "strategy: fast-food", 1)
    assert fast != RACE
    repo.git("checkout", "-q", "main")
    repo.write("plans/acme.yaml", fast)
    repo.commit("a fast-food plan")
    repo.git("checkout", "-q", "pr")
    repo.git("merge", "-q", "main")
    repo.write("plans/acme.yaml", fast.replace(HELP, _assistant(3450) + HELP, 1))
    repo.commit("an assistant")
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main", "-f", "json")
    assert "bots take" not in result.out
