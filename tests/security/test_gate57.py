"""Review gate57: what attack56 left unsaid after an organisation is renamed whole, and a
new plan of a mix its organisation's strategies must judge."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import Repo
from tests.security.conftest import ALIGNED, on_main, policy_notes
from tests.security.test_attack56 import EMAIL, GROUP, _guardrails, _split
from tests.security.test_fix51g_gate import Cli
from tests.security.test_fix54g_gate import OURS, _phone_only
from tests.security.test_money_moves import _edit


def _at(repo: Repo, monkeypatch: pytest.MonkeyPatch, days: int, files: dict[str, str]) -> None:
    day = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
    with monkeypatch.context() as patch:
        patch.setenv("GIT_COMMITTER_DATE", day.isoformat())
        patch.setenv("GIT_AUTHOR_DATE", day.isoformat())
        on_main(repo, files, f"{days} days ago")


def _email(hours: int) -> str:
    return _edit(
        EMAIL,
        ("first_response: 4 business hours", f"first_response: {hours} business hours"),
        ("agents: 4.5", "agents: 3.3"),
    )


def _lowered_then_renamed(
    repo: Repo, monkeypatch: pytest.MonkeyPatch, hours: int, strategy: str
) -> None:
    """100 days ago acme (phone only) declared delight; 5 days ago it moved to
    strategies/ours.yaml (e-mail at 50% in 48h). The change renames acme's organisation
    whole to Example Delight Group and adds plans/inbox.yaml of the Group, declaring
    ``strategy``, with an e-mail line promising ``hours`` business hours."""
    _at(repo, monkeypatch, 100, {"plans/acme.yaml": _phone_only()})
    files = {
        "plans/acme.yaml": _phone_only("strategies/ours.yaml"),
        "plans/strategies/ours.yaml": OURS,
    }
    _at(repo, monkeypatch, 5, files)
    repo.write(
        "plans/acme.yaml",
        _phone_only("strategies/ours.yaml").replace("Example Delight Co", GROUP),
    )
    inbox = _phone_only(strategy, _email(hours)).replace("Example Delight Co", GROUP)
    repo.write("plans/inbox.yaml", inbox + "# inbox\n")


# ---- (1) a new plan under the new name of an organisation renamed whole -------------------


@pytest.mark.parametrize(("hours", "said"), [(48, True), (4, False)])
def test_a_renamed_organisation_s_new_plan_s_new_kind_meets_the_bar_at_the_start(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch, hours: int, said: bool
) -> None:
    """Under the old name the 48-hour e-mail line was said to fail delight's 90% in 4h;
    under the new name of the organisation renamed whole, nothing judged it against the
    window's start: only 'an organisation no plan at main names'."""
    _lowered_then_renamed(repo, monkeypatch, hours, "strategies/ours.yaml")
    notes = policy_notes(cli, "plans/inbox.yaml")
    assert (
        "email (email, a kind its organisation's plans had no line of at main on " in notes
        and "fails answer-speed under delight" in notes
        and "email: promises a first response within 48 business hours" in notes
    ) is said, notes


def test_a_renamed_organisation_s_new_plan_under_another_strategy_is_said(
    repo: Repo, cli: Cli
) -> None:
    """A new plan of the Group under fast-food, where the organisation's plans declared
    delight at main: said as a strategy its organisation's plans do not declare, as under
    the old name (it read only as an organisation no plan at main names)."""
    repo.write("plans/acme.yaml", ALIGNED.replace("Example Delight Co", GROUP))
    inbox = _split(GROUP)[1].replace("strategy: delight", "strategy: fast-food")
    repo.write("plans/inbox.yaml", inbox)
    notes = policy_notes(cli, "plans/inbox.yaml")
    assert (
        f"strategy: fast-food in a plan that is new for {GROUP}, whose plans at main declare "
        "delight" in notes
    ), notes


def test_a_renamed_organisation_s_new_plan_pricing_hours_cheaper_is_said(
    repo: Repo, cli: Cli
) -> None:
    """The new plan prices an hour at a tenth of what the organisation's plans did."""
    repo.write("plans/acme.yaml", ALIGNED.replace("Example Delight Co", GROUP))
    inbox = _split(GROUP)[1]
    assert "loaded_cost_per_fte: 62000 " in inbox
    repo.write(
        "plans/inbox.yaml",
        inbox.replace("loaded_cost_per_fte: 62000 ", "loaded_cost_per_fte: 6200 "),
    )
    notes = policy_notes(cli, "plans/inbox.yaml")
    assert (
        "an hour of an agent's time on contacts costs 5.07 USD in a plan that is new for "
        f"{GROUP}, whose plans at main price it at 50.65 USD at least (-90%)" in notes
    ), notes


def test_a_renamed_organisation_s_new_plan_with_a_higher_ceiling_is_said(
    repo: Repo, cli: Cli
) -> None:
    """The new plan holds its people to 95% occupancy where the organisation's held 85%."""
    repo.write("plans/acme.yaml", ALIGNED.replace("Example Delight Co", GROUP))
    inbox = _split(GROUP)[1]
    assert "max_occupancy: 85%" in inbox
    repo.write("plans/inbox.yaml", inbox.replace("max_occupancy: 85%", "max_occupancy: 95%"))
    notes = policy_notes(cli, "plans/inbox.yaml")
    assert f"{GROUP}, whose plans at main hold at most 85%" in notes, notes


def test_two_organisations_renamed_into_one_name_hold_a_new_plan_to_each(
    repo: Repo, cli: Cli
) -> None:
    """Example Delight Co (acme) and Zeta (zeta) both renamed Example Delight Group, and a
    new 314,600 USD plan of the Group: judged alone, it passed the 5% limit and the cap."""
    zeta = _split("Zeta Widgets Ltd")[1].replace("\n", "\n# zeta\n", 1)
    on_main(repo, {"plans/zeta.yaml": zeta})
    repo.write("plans/acme.yaml", ALIGNED.replace("Example Delight Co", GROUP))
    repo.write("plans/zeta.yaml", zeta.replace("Zeta Widgets Ltd", GROUP))
    repo.write("plans/inbox.yaml", _split(GROUP)[1])
    result = cli(
        "diff", "--base-ref", "main", "plans/inbox.yaml", "--max-total", "1600000",
        "-f", "json", "--allow-policy-change",
    )  # fmt: skip
    assert result.code == 1, result.out
    said = _guardrails(result)
    assert any("grow together" in m for m in said), said


# ---- (3) the base's figure named by the name it had there ---------------------------------


def test_a_renamed_organisation_s_figures_name_it_as_main_did(repo: Repo, cli: Cli) -> None:
    repo.write("plans/acme.yaml", ALIGNED.replace("Example Delight Co", GROUP))
    repo.write("plans/inbox.yaml", _split(GROUP)[1])
    result = cli(
        "diff", "--base-ref", "main", "plans/inbox.yaml", "--max-total", "1600000",
        "-f", "json", "--allow-policy-change",
    )  # fmt: skip
    said = _guardrails(result)
    assert any(
        f"the plans naming {GROUP} grow together from 1,540,241 USD (Example Delight Co at "
        "main) to 1,854,841 USD" in m
        for m in said
    ), said
    assert any(
        "1,540,241 USD at the base (Example Delight Co at main): above the cap" in m for m in said
    ), said


# ---- (2) a new plan that is itself a mix --------------------------------------------------


@pytest.mark.parametrize(("hours", "said"), [(48, True), (4, False)])
def test_a_new_plan_of_a_mix_meets_the_bar_its_organisation_declared(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch, hours: int, said: bool
) -> None:
    """acme declared delight 100 days ago, strategies/ours.yaml (e-mail at 50% in 48h, then
    declared by no plan) was there; acme moved to it 5 days ago. A new plan mixing ours.yaml
    with fast-food had its 48-hour e-mail line pass unsaid (a plan of one strategy is held
    to delight)."""
    _at(
        repo,
        monkeypatch,
        100,
        {"plans/acme.yaml": _phone_only(), "plans/strategies/ours.yaml": OURS},
    )
    _at(repo, monkeypatch, 5, {"plans/acme.yaml": _phone_only("strategies/ours.yaml")})
    mix = "{primary: strategies/ours.yaml, by_channel: {phone: fast-food}}"
    repo.write("plans/inbox.yaml", _phone_only(mix, _email(hours)) + "# inbox\n")
    notes = policy_notes(cli, "plans/inbox.yaml")
    assert (
        "fails answer-speed under delight" in notes
        and "email: promises a first response within 48 business hours" in notes
    ) is said, notes


# ---- the work a renamed organisation's new plan takes on (held) ---------------------------


def test_work_moved_into_a_renamed_organisation_s_new_plan_is_said_with_its_new_name(
    repo: Repo, cli: Cli
) -> None:
    """acme's e-mail line moved into a new plan of the Group under fast-food: the note of a
    new organisation stands in for `_work_moved`'s (an `or`), and says the work it left."""
    phone, inbox = _split(GROUP)
    repo.write("plans/acme.yaml", phone)
    repo.write("plans/inbox.yaml", inbox.replace("strategy: delight", "strategy: fast-food"))
    notes = policy_notes(cli, "plans/inbox.yaml")
    assert (
        "an organisation no plan at main names, under fast-food, while work under delight "
        "falls from 283.6 to 207 hours a week (plans/acme.yaml)" in notes
    ), notes
