"""Review attack55: gate levers a pull request pulled, found by the red team."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.conftest import Repo, Result
from tests.security.conftest import ALIGNED, on_main, policy_notes
from tests.security.test_fix51g_gate import Cli
from tests.security.test_fix53g_gate import _on_main_at
from tests.security.test_fix54g_gate import EMAIL, _bar_lowered, _phone_only
from tests.security.test_money_moves import _edit

# ---- (b) a strategy file edited within the window, then a line of a kind new to the plan --

STRICT = "id: ours\nname: Ours\nextends: {extends}\nrules: []\n"
LOWERED = (
    "id: ours\nname: Ours\nextends: {extends}\nrules:\n"
    "  - {{rule: answer-speed, severity: error, live: 80% in 20s, written: 50% in 48h}}\n"
)


def _file_lowered(repo: Repo, monkeypatch: pytest.MonkeyPatch, edited: str, hours: int) -> None:
    """100 days ago main's phone-only plan declared strategies/ours.yaml, which extends
    base.yaml, which extends delight; 5 days ago ``edited`` (one of the two files) lowered
    e-mail's bar to 50% in 48h; the change adds an e-mail line promising ``hours``."""
    files = {
        "plans/strategies/ours.yaml": STRICT.format(extends="base.yaml"),
        "plans/strategies/base.yaml": STRICT.format(extends="delight").replace("ours", "base"),
    }
    _on_main_at(repo, monkeypatch, 100, _phone_only("strategies/ours.yaml"))
    day = dt.datetime.now(dt.UTC) - dt.timedelta(days=100)
    with monkeypatch.context() as patch:
        patch.setenv("GIT_COMMITTER_DATE", day.isoformat())
        patch.setenv("GIT_AUTHOR_DATE", day.isoformat())
        on_main(repo, files, "our strategies")
    day = dt.datetime.now(dt.UTC) - dt.timedelta(days=5)
    lowered = LOWERED.format(extends="base.yaml" if edited == "ours" else "delight")
    with monkeypatch.context() as patch:
        patch.setenv("GIT_COMMITTER_DATE", day.isoformat())
        patch.setenv("GIT_AUTHOR_DATE", day.isoformat())
        text = lowered if edited == "ours" else lowered.replace("ours", "base")
        on_main(repo, {f"plans/strategies/{edited}.yaml": text}, "e-mail's bar lowered")
    email = _edit(
        EMAIL,
        ("first_response: 4 business hours", f"first_response: {hours} business hours"),
        ("agents: 4.5", "agents: 3.3"),
    )
    repo.write("plans/acme.yaml", _phone_only("strategies/ours.yaml", email))
    repo.commit("an e-mail line")


@pytest.mark.parametrize("edited", ["ours", "base"])
def test_a_new_kind_s_line_meets_the_bar_its_strategy_file_had_at_the_window_start(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch, edited: str
) -> None:
    _file_lowered(repo, monkeypatch, edited, 48)
    notes = policy_notes(cli)
    assert "email (email, a kind this plan had no line of at main on " in notes, notes
    assert "under strategies/ours.yaml as it read there" in notes, notes
    assert "main judges it by strategies/ours.yaml as edited since" in notes, notes
    assert "fails answer-speed under strategies/ours.yaml" in notes, notes
    assert "within 48 business hours; this strategy needs at least 90% in 4h" in notes, notes


@pytest.mark.parametrize("edited", ["ours", "base"])
def test_a_new_kind_s_line_within_the_bar_its_strategy_file_had_reads_nothing(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch, edited: str
) -> None:
    _file_lowered(repo, monkeypatch, edited, 4)
    assert policy_notes(cli) == ""


# ---- (d) a count of contacts written with a dot between thousands ------------------------


@pytest.mark.parametrize(
    ("written", "fix"),
    [
        ("contacts: 9.000, per: month", "write 9000 for 9,000 contacts, or 9 for 9"),
        ('contacts: "9.000", per: month', "write 9000 for 9,000 contacts, or 9 for 9"),
        ("contacts: 9.500, per: month", "write 9500 for 9,500 contacts, or 9.5 for 9.5"),
        ("contacts: 2.125, per: hour", "write 2125 for 2,125 contacts, or 2.1250 for 2.125"),
    ],
)
def test_contacts_written_with_three_decimals_are_asked_not_read_as_units(
    repo: Repo, cli: Cli, written: str, fix: str
) -> None:
    repo.write("plans/acme.yaml", ALIGNED.replace("contacts: 9000, per: month", written))
    result = cli("check", "plans/acme.yaml")
    assert result.code == 2, result.out
    assert "channels[phone].volume.contacts:" in result.err
    assert "contacts has three decimals: is the dot between thousands?" in result.err
    assert fix in result.err


def test_a_volume_shorthand_and_an_interval_with_three_decimals_are_asked(
    repo: Repo, cli: Cli
) -> None:
    repo.write("plans/acme.yaml", ALIGNED.replace("{contacts: 9000, per: month}", "9.000/month"))
    result = cli("check", "plans/acme.yaml")
    assert result.code == 2 and "write 9000 for 9,000 contacts, or 9 for 9" in result.err
    intervals = "{interval: 12h, intervals: [{at: '08:00', contacts: 1.500}]}"
    repo.write("plans/acme.yaml", ALIGNED.replace("{contacts: 9000, per: month}", intervals))
    result = cli("check", "plans/acme.yaml")
    assert result.code == 2, result.out
    assert "write 1500 for 1,500 contacts, or 1.5 for 1.5" in result.err


@pytest.mark.parametrize("written", ["9000.000", "9.00", "9.5", "0.000", "9.0000"])
def test_contacts_with_no_thousands_to_mistake_are_read(repo: Repo, cli: Cli, written: str) -> None:
    repo.write("plans/acme.yaml", ALIGNED.replace("contacts: 9000,", f"contacts: {written},"))
    result = cli("check", "plans/acme.yaml")
    assert result.code in (0, 1), result.err


def test_staff_asks_a_volume_written_with_a_dot_between_thousands(cli: Cli) -> None:
    result = cli("staff", "--volume", "9.000/month", "--aht", "6m", "--target", "80/20")
    assert result.code == 2
    assert "--volume '9.000/month': 9.000 contacts has three decimals" in result.err
    assert "write 9000 for 9,000 contacts, or 9 for 9" in result.err


# ---- (a) a figure written with trailing zeros is the same figure -------------------------


def test_an_amount_of_nothing_written_0_000_is_read_as_nothing(repo: Repo, cli: Cli) -> None:
    # It asked "is the dot between thousands? — write 0 for 0 USD, or 0 for 0 USD" (exit 2).
    repo.write("plans/acme.yaml", ALIGNED.replace("goodwill: 25001}", "goodwill: 25001, x: 0.000}"))
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main")
    assert result.code == 0, result.out + result.err
    assert "thousands" not in result.err


REWRITTEN = (
    ("shrinkage: 32%", "shrinkage: 32.000%"),
    ("paid_hours_per_fte: 1800/year", "paid_hours_per_fte: 1800.000/year"),
    ("loaded_cost_per_fte: 62000", 'loaded_cost_per_fte: "62.000k"'),
    ("handle_time: 6m", "handle_time: 6.000m"),
    ("abandonment_max: 8%", "abandonment_max: 8.00%"),
    ("containment: 50%", "containment: 50.0%"),
    ("total: 1540241", "total: 1540241.000"),
)


def _assumed(cli: Cli) -> list[dict[str, str]]:
    result = cli("diff", "--base-ref", "main", "plans/acme.yaml", "-f", "json")
    assert result.code == 0, result.out + result.err
    found: list[dict[str, str]] = json.loads(result.out)["diff"]["assumptions"]
    return found


def test_sizing_inputs_rewritten_with_trailing_zeros_are_no_change(repo: Repo, cli: Cli) -> None:
    # The diff listed each under "sized from" (32% → 32.000%, 62000 → 62.000k …) beside a
    # change that sized nothing otherwise.
    repo.write("plans/acme.yaml", _edit(ALIGNED, *REWRITTEN))
    assert _assumed(cli) == []
    assert policy_notes(cli) == ""
    repo.write("plans/acme.yaml", _edit(ALIGNED, *REWRITTEN, ("32.000%", "30%")))
    assert _assumed(cli) == [{"name": "staffing.shrinkage", "before": "32%", "after": "30%"}]


@pytest.mark.parametrize(
    ("config", "said"),
    [
        ("max_budget_increase: 5.000%", ""),
        ("max_budget_increase: {value: 5.0%, action: block}", ""),
        ("max_budget_increase: 6%", "guardrails.max_budget_increase: 5% → 6%"),
    ],
)
def test_a_limit_rewritten_with_trailing_zeros_is_no_policy_change(
    repo: Repo, cli: Cli, config: str, said: str
) -> None:
    # `5% → 5.000%` was a policy change a reviewer had to approve.
    repo.write(".cs-align.yaml", f"guardrails:\n  {config}\n")
    notes = policy_notes(cli)
    assert (said in notes and ".cs-align.yaml changed" in notes) if said else notes == ""


# ---- (c) an organisation renamed, as a reviewer approves it --------------------------------

RENAMED = ALIGNED.replace("Example Delight Co", "Example Delight Group")
DECREASE = ("--max-budget-decrease", "10%", "-f", "json")


def _approved_rename(cli: Cli, plan: str = "plans/acme.yaml") -> Result:
    """The diff of ``plan`` with the rename's policy-changed note approved by its id."""
    check = cli("check", plan, "--policy-ref", "main", "-f", "json")
    found = json.loads(check.out)["plans"][0]["findings"]
    fix = next(f["fix"] for f in found if f["rule"] == "policy-changed")
    assert "relabelled to Example Delight Group" in next(
        f["message"] for f in found if f["rule"] == "policy-changed"
    )
    approval = fix.rsplit("--approve-policy-change ", 1)[1].split()[0]
    return cli("diff", "--base-ref", "main", plan, *DECREASE, "--approve-policy-change", approval)


def _decreases(result: Result) -> list[str]:
    tripped = json.loads(result.out)["diff"]["guardrails"]
    return [t["message"] for t in tripped if t["guardrail"] == "max_budget_decrease"]


def test_an_organisation_renamed_whole_and_approved_is_no_cut(repo: Repo, cli: Cli) -> None:
    # It read "the plans naming Example Delight Co shrink together from 1,540,241 USD to
    # 0 USD (-100%) as this one leaves it for Example Delight Group" (exit 1).
    repo.write("plans/acme.yaml", RENAMED)
    result = _approved_rename(cli)
    assert result.code == 0, result.out
    assert _decreases(result) == []


def test_an_organisation_of_two_plans_renamed_whole_is_no_cut(repo: Repo, cli: Cli) -> None:
    on_main(repo, {"plans/east.yaml": ALIGNED})
    repo.write("plans/acme.yaml", RENAMED)
    repo.write("plans/east.yaml", RENAMED)
    for plan in ("plans/acme.yaml", "plans/east.yaml"):
        result = _approved_rename(cli, plan)
        assert _decreases(result) == [], plan


def test_a_renamed_organisation_cut_past_the_limit_still_trips_it(repo: Repo, cli: Cli) -> None:
    # Renamed, and the people line cut 1,283,400 → 800,000: the total 1,540,241 → 1,056,841.
    cut = _edit(
        RENAMED, ("people: 1283400", "people: 800000"), ("total: 1540241", "total: 1056841")
    )
    repo.write("plans/acme.yaml", cut)
    said = _decreases(_approved_rename(cli))
    assert any(
        "the plans naming Example Delight Co shrink together from 1,540,241 USD to 1,056,841 "
        "USD (-31.38%) as they are renamed Example Delight Group" in m
        for m in said
    ), said


def test_a_plan_split_off_to_a_new_name_still_leaves_its_organisation(repo: Repo, cli: Cli) -> None:
    # East keeps the old name: acme's plan has left the organisation (a split, not a rename).
    on_main(repo, {"plans/east.yaml": ALIGNED})
    repo.write("plans/acme.yaml", RENAMED)
    said = _decreases(_approved_rename(cli))
    assert any("as this one leaves it for Example Delight Group" in m for m in said), said


OWN = (
    "id: ours\nname: Ours\nextends: delight\nrules:\n"
    "  - {rule: answer-speed, severity: error, live: 80% in 20s, written: 90% in 4h}\n"
    "  - {rule: goodwill-budget, severity: warning, min_share: 0.01}\n"
)


@pytest.mark.parametrize(
    ("edit", "said"),
    [
        (("90% in 4h", "90.0% in 4.0h"), False),
        (("min_share: 0.01", 'min_share: "0.010"'), False),
        (("90% in 4h", "90% in 5h"), True),
        (("min_share: 0.01}", "min_share: 0.01}\n  - {rule: no-scripts, severity: disable}"), True),
    ],
)
def test_a_strategy_file_rewritten_with_trailing_zeros_is_no_policy_change(
    repo: Repo, cli: Cli, edit: tuple[str, str], said: bool
) -> None:
    # `90% in 4h` → `90.0% in 4.0h` was "plans/strategies/ours.yaml changed", to approve.
    plan = ALIGNED.replace("strategy: delight", "strategy: strategies/ours.yaml")
    on_main(repo, {"plans/acme.yaml": plan, "plans/strategies/ours.yaml": OWN})
    repo.write("plans/strategies/ours.yaml", _edit(OWN, edit))
    notes = policy_notes(cli)
    assert ("plans/strategies/ours.yaml changed" in notes) is said, notes


def test_two_organisations_renamed_into_one_new_name_keep_each_its_own_money(
    repo: Repo, cli: Cli
) -> None:
    # Zeta's plan and Example's, both relabelled Example Delight Group (each a rename to a
    # name no plan had), Example's people line cut: Zeta's money is no part of what
    # Example kept.
    zeta = ALIGNED.replace("Example Delight Co", "Zeta Widgets Ltd")
    on_main(repo, {"plans/zeta.yaml": zeta})
    cut = _edit(
        RENAMED, ("people: 1283400", "people: 800000"), ("total: 1540241", "total: 1056841")
    )
    repo.write("plans/acme.yaml", cut)
    repo.write("plans/zeta.yaml", RENAMED.replace("\n", "\n# zeta\n", 1))
    result = cli(
        "diff", "--base-ref", "main", "plans/acme.yaml", *DECREASE, "--allow-policy-change"
    )
    said = _decreases(result)
    assert any("shrink together from 1,540,241 USD to 1,056,841 USD" in m for m in said), said


@pytest.mark.parametrize(("hours", "said"), [(48, True), (4, False)])
def test_a_new_plan_s_line_of_a_kind_new_to_its_organisation_meets_the_bar_at_the_start(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch, hours: int, said: bool
) -> None:
    # The same lowered file, and the e-mail line put in a new plan of the organisation
    # (plans/inbox.yaml, declaring strategies/ours.yaml as acme does) rather than in acme:
    # no note, as a new plan's lines were never compared with the window's start.
    _file_lowered(repo, monkeypatch, "ours", 4)
    repo.write("plans/acme.yaml", _phone_only("strategies/ours.yaml"))
    email = _edit(
        EMAIL,
        ("first_response: 4 business hours", f"first_response: {hours} business hours"),
        ("agents: 4.5", "agents: 3.3"),
    )
    repo.write("plans/inbox.yaml", _phone_only("strategies/ours.yaml", email) + "# inbox\n")
    repo.commit("an inbox plan")
    notes = policy_notes(cli, "plans/inbox.yaml")
    assert (
        "email (email, a kind its organisation's plans had no line of at main on " in notes
        and "fails answer-speed under strategies/ours.yaml as it read there" in notes
    ) is said, notes


@pytest.mark.parametrize(("hours", "said"), [(48, True), (4, False)])
def test_a_new_plan_under_a_strategy_file_newer_than_the_window_meets_the_start_s_bar(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch, hours: int, said: bool
) -> None:
    # Review fix54g's history (delight 100 days ago; strategies/ours.yaml, e-mail at 50% in
    # 48h, 5 days ago), the e-mail line put in a new plan of the organisation: ours.yaml did
    # not exist at the start, so the line answers to delight, which the organisation's plan
    # declared there.
    _bar_lowered(repo, monkeypatch, 4)
    repo.write("plans/acme.yaml", _phone_only("strategies/ours.yaml"))
    email = _edit(
        EMAIL,
        ("first_response: 4 business hours", f"first_response: {hours} business hours"),
        ("agents: 4.5", "agents: 3.3"),
    )
    repo.write("plans/inbox.yaml", _phone_only("strategies/ours.yaml", email) + "# inbox\n")
    repo.commit("an inbox plan")
    notes = policy_notes(cli, "plans/inbox.yaml")
    assert (
        "fails answer-speed under delight, the strategy its organisation's plans declared there"
        in notes
        and "main judges it by strategies/ours.yaml" in notes
    ) is said, notes


def test_a_cheaper_hour_names_only_the_staffing_figures_that_changed(repo: Repo, cli: Cli) -> None:
    # Shrinkage to 0% makes an hour 32% cheaper; the paid hours rewritten 1800.000/year
    # were named beside it as changed ("paid_hours_per_fte 1800/year → 1800.000/year").
    repo.write(
        "plans/acme.yaml",
        _edit(
            ALIGNED,
            ("shrinkage: 32%", "shrinkage: 0%"),
            ("paid_hours_per_fte: 1800/year", "paid_hours_per_fte: 1800.000/year"),
        ),
    )
    notes = policy_notes(cli)
    assert "(-32%): staffing shrinkage 32% → 0%" in notes, notes
    assert "paid_hours_per_fte" not in notes, notes
