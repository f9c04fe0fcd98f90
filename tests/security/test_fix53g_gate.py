"""Gate holes closed by review fix53g (after fix52g, attack52, attack52b): the diff side's
"was main already past the limit" read with the organisation's plans as main has them, a
warning where the checkout lacks the base's tip, and kind moves held over the window."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import Repo
from tests.security.conftest import ALIGNED, on_main, policy_notes
from tests.security.test_fix51g_gate import FAST_FOOD, Cli, _decrease
from tests.security.test_money_moves import _edit


def _staffed(agents: str) -> str:
    """The fast-food plan (phone 16.2 + e-mail 4.5 = 20.7 FTE at 62,000) with ``agents`` FTE in
    all, the difference on the phone; its people line the staff's cost and its total that plus
    training (49,680) and tooling (82,800)."""
    phone = f"{float(agents) - 4.5:.1f}"
    people = round(float(agents) * 62000)
    return _edit(
        FAST_FOOD,
        ("agents: 16.2", f"agents: {phone}"),
        ("agents: 20.7 ", f"agents: {agents} "),
        ("total: 1415880", f"total: {people + 132480}"),
        (
            "lines: {people: 1283400, training: 49680, tooling: 82800, goodwill: 0}",
            f"lines: {{people: {people}, training: 49680, tooling: 82800, goodwill: 0}}",
        ),
    )


def _both_dated(
    repo: Repo, monkeypatch: pytest.MonkeyPatch, days: int, acme: str, beta: str, message: str
) -> None:
    day = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
    with monkeypatch.context() as patch:
        patch.setenv("GIT_COMMITTER_DATE", day.isoformat())
        patch.setenv("GIT_AUTHOR_DATE", day.isoformat())
        files = {"plans/acme.yaml": _staffed(acme), "plans/beta.yaml": _staffed(beta)}
        on_main(repo, files, message)


# `diff --base-ref main --max-budget-decrease 10%` where the change edits two plans of the
# organisation (review fix52g, left: the diff side of c5f593e). 100 days ago acme and beta,
# the fast-food team each (20.7 FTE × 62,000 = 1,283,400: the organisation's people money
# 2,566,800); main today acme 17.7 FTE, beta 23.0 (2,523,400: -43,400, 1.69%); the change
# acme 17.2 (-2.8% of its own) and beta 19.5 (2,275,400: -248,000, 9.83% of main's
# organisation, within the limit). Over the window the organisation's staff money falls
# 2,566,800 → 2,275,400: -291,400, 11.35% > 10% (256,680 allowed). Whether main's own acme
# (20.7 → 17.7, -14.5% alone) was already past the limit read beta as the change has it:
# 17.7 + 19.5 = 37.2 FTE, 2,306,400 (-10.14%), "past", so the cut read as approved on main
# and the window stood down; with beta as main has it, 17.7 + 23.0 = 40.7 FTE (-1.69%).
def _moved_then_cut(repo: Repo, monkeypatch: pytest.MonkeyPatch, acme: str, beta: str) -> None:
    _both_dated(repo, monkeypatch, 100, "20.7", "20.7", "acme and beta")
    _both_dated(repo, monkeypatch, 0, "17.7", "23.0", "3.0 FTE of acme's to beta, 0.7 fewer")
    repo.write("plans/acme.yaml", _staffed(acme))
    repo.write("plans/beta.yaml", _staffed(beta))
    repo.commit("acme and beta trimmed")


def test_diff_reads_main_s_own_step_with_the_organisation_s_plans_as_main_has_them(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    _moved_then_cut(repo, monkeypatch, "17.2", "19.5")
    said = _decrease(cli)
    assert len(said) == 1, said
    assert said[0].startswith("over the 92 days since main on "), said
    assert "against main this change alone lowers" in said[0], said


def test_diff_main_s_move_then_a_trim_within_the_limit_passes(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The control: beta 23.0 → 21.5: the organisation 2,566,800 → 38.7 FTE, 2,399,400
    # (-167,400, 6.52%) over the window: no word.
    _moved_then_cut(repo, monkeypatch, "17.2", "21.5")
    assert _decrease(cli) == []


# `check --policy-ref` and `diff --base-ref` run outside the Action (a custom workflow that
# checks out the pull request's head, a local run) on a branch behind main: main cut phone to
# 14 FTE after the branch left it; the branch raised phone's volume 9,000 → 10,000 a month.
# Judged apart from main's cut (16.2 FTE in the checkout), it reads aligned; merged, it is
# 10,000 calls on 14 FTE (attack52 A03). Said on stderr, not a failure.
BEHIND = "cs-align: warning: the checkout does not hold main's tip ("


def _behind_main(repo: Repo) -> None:
    repo.write("plans/acme.yaml", ALIGNED.replace("contacts: 9000", "contacts: 10000"))
    repo.commit("volume up")
    repo.git("checkout", "-q", "main")
    cut = ALIGNED.replace("agents: 16.2", "agents: 14").replace("agents: 20.7", "agents: 18.5")
    repo.write("plans/acme.yaml", cut)
    repo.commit("phone cut to 14")
    repo.git("checkout", "-q", "pr")


def test_a_check_on_a_branch_behind_its_policy_ref_warns(repo: Repo, cli: Cli) -> None:
    _behind_main(repo)
    tip = repo.git("rev-parse", "main").strip()
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main")
    assert result.code in (0, 1), result.err
    assert f"{BEHIND}{tip[:12]}): the change is judged apart from what main" in result.err
    assert result.err.count(BEHIND) == 1 and BEHIND not in result.out


def test_a_diff_on_a_branch_behind_its_base_ref_warns(repo: Repo, cli: Cli) -> None:
    # Once a process (the Action runs every plan's diff in one): here the first.
    _behind_main(repo)
    result = cli("diff", "--base-ref", "main", "plans/acme.yaml")
    assert result.code in (0, 1), result.err
    assert result.err.count(BEHIND) == 1 and BEHIND not in result.out, result.err


def test_a_branch_up_to_date_with_its_policy_ref_is_not_warned(repo: Repo, cli: Cli) -> None:
    _behind_main(repo)
    repo.git("merge", "-q", "--no-edit", "-X", "theirs", "main")
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main")
    assert BEHIND not in result.err, result.err
    result = cli("diff", "--base-ref", "main", "plans/acme.yaml")
    assert BEHIND not in result.err, result.err


# Kind moves a step under a tenth (review fix53g item 5): `_kinds_moved` is a lever of the
# window (policy._levers), judged there with the same tolerance as one change, a tenth of
# the kind's contacts (KIND_MOVE). 100 days ago the delight plan's phone (voice) answered
# 9,000 calls a month; 40 days ago main moved 810 of them (9%) to a chat line people answer;
# the change moves 810 more (9.9% of 8,190): each step within the tenth, together 1,620 of
# 9,000 (18%). A week: 1,620 × 12 / 52.1786 = 372.6 → 373; 9,000 → 2,069.8 → 2,070; 7,380 →
# 1,697.2 → 1,697.
def _chat(phone: int, chat: int) -> str:
    line = (
        f"  - id: chat\n    kind: chat\n    hours: Mon-Fri 08:00-20:00\n"
        f"    volume: {{contacts: {chat}, per: month}}\n    handle_time: 6m\n"
        '    target: {service_level: "80% in 20s"}\n    agents: 3\n  - id: help-centre\n'
    )
    return _edit(ALIGNED, ("contacts: 9000", f"contacts: {phone}"), ("  - id: help-centre\n", line))


def _on_main_at(repo: Repo, monkeypatch: pytest.MonkeyPatch, days: int, text: str) -> None:
    day = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
    with monkeypatch.context() as patch:
        patch.setenv("GIT_COMMITTER_DATE", day.isoformat())
        patch.setenv("GIT_AUTHOR_DATE", day.isoformat())
        on_main(repo, {"plans/acme.yaml": text}, f"{days} days ago")


def test_kind_moves_a_step_under_a_tenth_add_up_over_the_window(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    _on_main_at(repo, monkeypatch, 100, ALIGNED + "# dated\n")
    _on_main_at(repo, monkeypatch, 40, _chat(8190, 810))
    repo.write("plans/acme.yaml", _chat(7380, 1620))
    repo.commit("810 more calls to chat")
    notes = policy_notes(cli)
    assert "over the 92 days since main on " in notes, notes
    assert "(the kinds people answer: this change alone stays within its own)" in notes, notes
    assert "373 contacts a week people answered on voice lines under delight" in notes, notes
    assert "(chat +373): voice 2,070 → 1,697" in notes, notes


def test_one_kind_move_under_a_tenth_reads_nothing(repo: Repo, cli: Cli) -> None:
    # The control: 810 of 9,000 (9%) moved in one change, nothing earlier in the window.
    on_main(repo, {"plans/acme.yaml": ALIGNED + "# read again\n"}, "main")
    repo.write("plans/acme.yaml", _chat(8190, 810))
    repo.commit("810 calls to chat")
    assert policy_notes(cli) == ""
