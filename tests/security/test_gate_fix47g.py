"""Gaps of the pull-request gate closed together (review fix47g): the decrease limit's amount
scaled to the period of the money it judges; a policy change approved by its id alone; ..."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable

import pytest

from tests.conftest import Repo, Result
from tests.security.conftest import ALIGNED, on_main, policy_notes
from tests.security.test_money_moves import FAST_FOOD, _edit, _guardrails

Cli = Callable[..., Result]

HALF_YEAR = _edit(
    FAST_FOOD,
    ("end: 2027-12-31", "end: 2027-06-30"),
    ("total: 1415880", "total: 707940"),
    (
        "lines: {people: 1283400, training: 49680, tooling: 82800, goodwill: 0}",
        "lines: {people: 641700, training: 24840, tooling: 41400, goodwill: 0}",
    ),
)
TWO_YEARS = _edit(
    FAST_FOOD,
    ("end: 2027-12-31", "end: 2028-12-31"),
    ("total: 1415880", "total: 2831760"),
    (
        "lines: {people: 1283400, training: 49680, tooling: 82800, goodwill: 0}",
        "lines: {people: 2566800, training: 99360, tooling: 165600, goodwill: 0}",
    ),
)


def _decrease(cli: Cli, *limit: str) -> list[str]:
    found = _guardrails(cli, "plans/acme.yaml", *limit)
    return [g["message"] for g in found if g["guardrail"] == "max_budget_decrease"]


def test_an_amount_limit_judges_a_half_year_plans_people_money_over_its_half_year(
    repo: Repo, cli: Cli
) -> None:
    # A half-year plan's phone team cut by 1.3 FTE (16.2 → 14.9), their 40,300 for the half
    # year (1.3 × 62,000 / 2) moved to tooling: within a limit of 50,000 written as an
    # amount, which the total is judged by over the base's half year. The people money is
    # counted a year (80,600 of 1,283,400), and was compared with the 50,000 unscaled:
    # it tripped. Scaled to a year the limit is 100,000.
    on_main(repo, {"plans/acme.yaml": HALF_YEAR}, "a half-year plan")
    cut = _edit(
        HALF_YEAR,
        ("agents: 16.2", "agents: 14.9"),
        ("agents: 20.7 ", "agents: 19.4 "),
        ("people: 641700", "people: 601400"),
        ("tooling: 41400", "tooling: 81700"),
    )
    repo.write("plans/acme.yaml", cut)
    repo.commit("1.3 FTE fewer, the money on tools")
    assert _decrease(cli, "--max-budget-decrease", "50000") == []
    # Past it: 2 FTE (62,000 for the half year, 124,000 a year).
    more = _edit(
        HALF_YEAR,
        ("agents: 16.2", "agents: 14.2"),
        ("agents: 20.7 ", "agents: 18.7 "),
        ("people: 641700", "people: 579700"),
        ("tooling: 41400", "tooling: 103400"),
    )
    repo.write("plans/acme.yaml", more)
    repo.commit("2 FTE fewer, the money on tools")
    said = _decrease(cli, "--max-budget-decrease", "50000")
    assert len(said) == 1, said
    assert "falls from 1,283,400 USD to 1,159,400 USD a year" in said[0], said
    assert "the limit of 100,000 USD a year (50,000 USD over ½ year)" in said[0], said


def test_an_amount_limit_judges_a_two_year_plans_people_money_over_its_two_years(
    repo: Repo, cli: Cli
) -> None:
    # A two-year plan's team cut by 1.2 FTE, their 148,800 over the two years (74,400 a
    # year) moved to tooling, under a limit of 100,000 written as an amount: the people money
    # a year fell by 74,400, below the 100,000 unscaled, and passed a cut half as large
    # again as the limit allows over the plan's period (50,000 a year).
    on_main(repo, {"plans/acme.yaml": TWO_YEARS}, "a two-year plan")
    cut = _edit(
        TWO_YEARS,
        ("agents: 16.2", "agents: 15.0"),
        ("agents: 20.7 ", "agents: 19.5 "),
        ("people: 2566800", "people: 2418000"),
        ("tooling: 165600", "tooling: 314400"),
    )
    repo.write("plans/acme.yaml", cut)
    repo.commit("1.2 FTE fewer, the money on tools")
    said = _decrease(cli, "--max-budget-decrease", "100000")
    assert len(said) == 1, said
    assert "the limit of 50,000 USD a year (100,000 USD over 2 years)" in said[0], said
    # The control: 0.6 FTE (37,200 a year) is within it.
    kept = _edit(
        TWO_YEARS,
        ("agents: 16.2", "agents: 15.6"),
        ("agents: 20.7 ", "agents: 20.1 "),
        ("people: 2566800", "people: 2492400"),
        ("tooling: 165600", "tooling: 240000"),
    )
    repo.write("plans/acme.yaml", kept)
    repo.commit("0.6 FTE fewer")
    assert _decrease(cli, "--max-budget-decrease", "100000") == []


def test_without_a_decrease_limit_a_delight_team_cut_is_judged_by_its_service(
    repo: Repo, cli: Cli
) -> None:
    # No decrease limit, so the people money is not judged as money (fix47g: a default
    # would be a false alarm on the control below). Under a strategy whose plans people
    # answer, a team cut is still seen through the service: delight's floors (answer-speed)
    # and the staff its targets need hold the team, and a lever lightened to cut it is a
    # policy change. Here shrinkage written 32% → 22% and the phone team cut 16.2 → 12.5
    # FTE, the 229,400 moved to tooling: every rule holds as written.
    # main holds the delight example (the `repo` fixture).
    cut = _edit(
        ALIGNED,
        ("shrinkage: 32%", "shrinkage: 22%"),
        ("agents: 16.2", "agents: 12.5"),
        ("agents: 20.7 ", "agents: 17.0 "),
        ("people: 1283400", "people: 1054000"),
        ("tooling: 82800", "tooling: 312200"),
    )
    repo.write("plans/acme.yaml", cut)
    repo.commit("a lower shrinkage, the team's money on tools")
    notes = policy_notes(cli)
    assert "phone's targets need 13% fewer staff" in notes, notes


def test_without_a_decrease_limit_a_team_trimmed_to_its_need_passes(repo: Repo, cli: Cli) -> None:
    # The control: the delight phone team (16.2 FTE where its targets need 13.8) trimmed to
    # 12.8 with its abandonment ceiling dropped (80% in 20s alone needs 12.6: 8.7% lighter,
    # within the tenth), the 210,800 a year (-16.4% of the people line) moved to tooling: every
    # rule and delight's floors hold. A default people-money limit would block this; a
    # decrease limit, where the policy sets one, judges it as money.
    trimmed = _edit(
        ALIGNED,
        (", abandonment_max: 8%", ""),
        ("agents: 16.2", "agents: 12.8"),
        ("agents: 20.7 ", "agents: 17.3 "),
        ("people: 1283400", "people: 1072600"),
        ("tooling: 82800", "tooling: 293600"),
    )
    repo.write("plans/acme.yaml", trimmed)
    repo.commit("the phone team trimmed to its need")
    checked = cli("check", "plans/", "--policy-ref", "main")
    assert checked.code == 0, checked.out
    assert cli("diff", "--base-ref", "main", "plans/acme.yaml").code == 0
    said = _decrease(cli, "--max-budget-decrease", "10%")
    assert len(said) == 1 and "-16.43%" in said[0], said


def _policy_changed(cli: Cli, *args: str) -> dict[str, tuple[str, str, str]]:
    """Each plan's policy-changed finding: (severity, message, fix)."""
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json", *args)
    assert result.code in (0, 1), result.err
    return {
        p["path"]: (f["severity"], f["message"], f["fix"])
        for p in json.loads(result.out)["plans"]
        for f in p["findings"]
        if f["rule"] == "policy-changed"
    }


def _ids(fix: str) -> list[str]:
    return re.findall(r"--approve-policy-change ([0-9a-f]{32})", fix)


def _new_country_and_a_lever(repo: Repo) -> None:
    """A new plan in EUR for the organisation whose plans price in USD (a policy change a
    reviewer may approve: attack45 G03), and in the same change the plan at main's
    shrinkage written 32% → 22% (a policy change of its own)."""
    repo.write("plans/acme-de.yaml", ALIGNED.replace("currency: USD", "currency: EUR", 1))
    repo.write("plans/acme.yaml", ALIGNED.replace("shrinkage: 32%", "shrinkage: 22%", 1))
    repo.commit("a German plan, and a lower shrinkage")


def test_approving_a_new_countrys_price_by_its_id_approves_nothing_else(
    repo: Repo, cli: Cli
) -> None:
    # Review attack45 G03: --allow-policy-change, given to approve the new country plan's
    # price that cannot be compared, accepted every other policy change of the run with it
    # (here a shrinkage cut that lightens the team's need). Each change said has an id;
    # --approve-policy-change ID approves that change alone, as it read.
    _new_country_and_a_lever(repo)
    found = _policy_changed(cli)
    severity, message, fix = found["plans/acme-de.yaml"]
    assert severity == "error" and "the prices cannot be compared" in message
    (price,) = _ids(fix)
    assert found["plans/acme.yaml"][0] == "error"
    approved = _policy_changed(cli, "--approve-policy-change", price)
    severity, message, fix = approved["plans/acme-de.yaml"]
    assert severity == "info", message
    assert f"the prices cannot be compared ({price}); each approved with" in message
    # The other plan's changes are not approved, and say so.
    assert approved["plans/acme.yaml"][0] == "error"
    assert "phone's targets need 13% fewer staff" in approved["plans/acme.yaml"][1]
    result = cli("check", "plans/", "--policy-ref", "main", "--approve-policy-change", price)
    assert result.code == 1, result.out
    # The diffs give the same ids.
    shown = cli("diff", "--base-ref", "main", "plans/acme-de.yaml", "-f", "json")
    assert price in shown.out
    passed = cli(
        "diff", "--base-ref", "main", "plans/acme-de.yaml", "--approve-policy-change", price
    )
    # (a 5% increase cap in main's config blocks it: a new currency cannot be added up)
    assert "info    policy-changed: " in passed.out, passed.out
    assert f"({price}); each approved with --approve-policy-change" in passed.out


def test_a_change_approved_by_its_id_is_approved_as_it_read(repo: Repo, cli: Cli) -> None:
    # The id is of the change as it was said: the approved lever lowered further once
    # reviewed (22% → 15%) says other figures, another id, and is an error again. One
    # change of the plan's approved leaves the plan's others to approve, each listed with
    # its own id.
    repo.write("plans/acme.yaml", ALIGNED.replace("shrinkage: 32%", "shrinkage: 22%", 1))
    repo.commit("a lower shrinkage")
    severity, _, fix = _policy_changed(cli)["plans/acme.yaml"]
    ids = _ids(fix)
    assert severity == "error" and len(ids) == 3, fix
    partly = _policy_changed(cli, "--approve-policy-change", ids[0])["plans/acme.yaml"]
    assert partly[0] == "error"
    assert "; approved with --approve-policy-change: an hour of an agent's time" in partly[1]
    assert _ids(partly[2]) == ids[1:]
    every = _policy_changed(cli, "--approve-policy-change", ",".join(ids))
    assert every["plans/acme.yaml"][0] == "info", every
    repo.write("plans/acme.yaml", ALIGNED.replace("shrinkage: 32%", "shrinkage: 15%", 1))
    repo.commit("lower still")
    again = _policy_changed(cli, "--approve-policy-change", ",".join(ids))["plans/acme.yaml"]
    assert again[0] == "error" and _ids(again[2]) and not set(_ids(again[2])) & set(ids)


def test_allow_policy_change_still_accepts_every_change(repo: Repo, cli: Cli) -> None:
    # The control: the existing flag keeps its meaning (every change accepted, judged by the
    # changed policy, each said as info).
    _new_country_and_a_lever(repo)
    found = _policy_changed(cli, "--allow-policy-change")
    assert {path: f[0] for path, f in found.items()} == {
        "plans/acme-de.yaml": "info",
        "plans/acme.yaml": "info",
    }
    assert "shrinkage 32% → 22%" in found["plans/acme.yaml"][1]


def test_an_approval_names_a_change_id(repo: Repo, cli: Cli) -> None:
    result = cli("check", "plans/", "--policy-ref", "main", "--approve-policy-change", "yes")
    assert result.code == 2
    assert "'yes' is no change id" in result.err
    alone = cli("check", "plans/", "--approve-policy-change", "0123456789abcdef0123456789abcdef")
    assert alone.code == 2
    assert "no --policy-ref" in alone.err


_PHONE = ALIGNED[ALIGNED.index("  - id: phone") : ALIGNED.index("  - id: email")]
_MAIL = ALIGNED[ALIGNED.index("  - id: email") : ALIGNED.index("  - id: help-centre")]


def _west(*channels: str) -> str:
    """A plan of the delight organisation for the west, answering ``channels``."""
    head = ALIGNED[: ALIGNED.index("channels:")]
    tail = ALIGNED[ALIGNED.index("staffing:") :]
    return head + "channels:\n" + "".join(channels) + tail


def _phone_moved_west(repo: Repo, to: str) -> None:
    """main: plans/acme.yaml (the delight plan) beside regions/acme-west.yaml and
    archive/acme-old.yaml, two plans of its organisation answering e-mail; the change moves
    the phone line, as it was, into the plan at ``to``."""
    mail = _west(_MAIL.replace("id: email", "id: email-west"))
    old = _west(_MAIL.replace("id: email", "id: email-old"))
    on_main(repo, {"regions/acme-west.yaml": mail, "archive/acme-old.yaml": old}, "regions")
    repo.write("plans/acme.yaml", ALIGNED.replace(_PHONE, ""))
    text = mail if to.startswith("regions/") else old
    repo.write(to, text.replace("channels:\n", "channels:\n" + _PHONE, 1))
    repo.commit(f"the phone line moved to {to}")


def _notes(cli: Cli, *args: str) -> dict[str, str]:
    return {path: message for path, (_, message, _) in _policy_changed(cli, *args).items()}


def test_a_line_moved_between_two_gated_top_folders_is_no_line_gone(repo: Repo, cli: Cli) -> None:
    # Review attack45 (G14's variant): the organisation's plans were counted per top folder,
    # so with the gate given `plans/ regions/` the phone line moved, as it was, from
    # plans/acme.yaml to regions/acme-west.yaml read "phone is gone" (-78.3%). The folders
    # one run gates are one scope: check's plans, and each diff's --gated (the Action passes
    # its plans input).
    _phone_moved_west(repo, "regions/acme-west.yaml")
    result = cli("check", "plans/", "regions/", "--policy-ref", "main", "-f", "json")
    assert '"policy-changed"' not in result.out, _notes(cli)
    shown = cli("diff", "--base-ref", "main", "plans/acme.yaml", "--gated", "regions/")
    assert "policy-changed" not in shown.out, shown.out


def test_a_line_moved_to_a_folder_the_run_does_not_gate_is_still_gone(repo: Repo, cli: Cli) -> None:
    # The bypass the scope must not open: the same line moved into the archive's plan of the
    # organisation, with plans/ and regions/ gated: the archive is checked by no one.
    _phone_moved_west(repo, "archive/acme-old.yaml")
    result = cli("check", "plans/", "regions/", "--policy-ref", "main", "-f", "json")
    assert result.code == 1
    note = _notes(cli, "regions/")["plans/acme.yaml"]
    assert "in Example Delight Co's plans in plans/ and regions/ in 2027" in note, note
    assert "phone is gone" in note, note
    shown = cli("diff", "--base-ref", "main", "plans/acme.yaml", "--gated", "regions/")
    assert "phone is gone" in shown.out, shown.out


def test_a_line_moved_to_another_top_folder_is_gone_where_plans_alone_are_gated(
    repo: Repo, cli: Cli
) -> None:
    # As before: the run gates plans/ alone, so regions/ is a folder no one checks.
    _phone_moved_west(repo, "regions/acme-west.yaml")
    assert "phone is gone" in _notes(cli)["plans/acme.yaml"]
    shown = cli("diff", "--base-ref", "main", "plans/acme.yaml")
    assert "phone is gone" in shown.out, shown.out


_TIGHT = _edit(
    ALIGNED,
    ('service_level: "80% in 20s"', 'service_level: "95% in 10s"'),
    ("agents: 16.2", "agents: 19.0"),
    ("agents: 20.7 ", "agents: 23.5 "),
)
_LOOSE = _edit(_TIGHT, ('service_level: "95% in 10s"', 'service_level: "80% in 20s"'))


def _on_main_dated(
    repo: Repo, monkeypatch: pytest.MonkeyPatch, days_ago: int, text: str, message: str
) -> None:
    """The plan ``text`` committed to main ``days_ago`` days ago, merged into the pull
    request's branch."""
    day = dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago)
    with monkeypatch.context() as patch:
        patch.setenv("GIT_COMMITTER_DATE", day.isoformat())
        patch.setenv("GIT_AUTHOR_DATE", day.isoformat())
        on_main(repo, {"plans/acme.yaml": text}, message)


def _cut(agents: str, text: str = _LOOSE) -> str:
    return _edit(
        text,
        ("agents: 19.0", f"agents: {agents}"),
        ("agents: 23.5 ", f"agents: {float(agents) + 4.5:.1f} "),
    )


def test_a_target_loosened_then_the_staff_cut_in_a_second_change_is_seen(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Review fix47g: the phone's target 95% in 10s (19.0 FTE) loosened to 80% in 20s with
    # the staff kept, merged (a loosened target is for delight's floors to judge); then the
    # staff cut to 14.0, which the looser target needs: each change passed. The cut is now
    # judged against the targets main had 92 days back: 95% in 10s needs 17.8 FTE for the
    # same work, 14.0 is 21.3% below.
    _on_main_dated(repo, monkeypatch, 100, _TIGHT, "a tight target")
    _on_main_dated(repo, monkeypatch, 0, _LOOSE, "the target loosened, the staff kept")
    repo.write("plans/acme.yaml", _cut("14.0"))
    repo.commit("the staff cut to the looser target")
    notes = policy_notes(cli)
    assert "phone's staff are cut to 14.0 FTE (19.0 at main), 21.3% below the 17.8 FTE" in notes
    assert "(service_level 95% in 10s, abandonment_max 8%)" in notes, notes
    # The control: a cut within a tenth of that need (16.2 FTE) passes.
    repo.write("plans/acme.yaml", _cut("16.2"))
    repo.commit("a smaller cut")
    assert "staff are cut" not in policy_notes(cli)


def test_a_cut_after_a_target_put_back_or_loosened_long_ago_passes(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Controls: the targets at the start of the window are the anchor, not the tightest
    # the window saw: a target tightened for a campaign and put back is none; a loosening
    # older than the window is left to the history (a ratchet over quarters is open).
    _on_main_dated(repo, monkeypatch, 200, _TIGHT, "a tight target")
    _on_main_dated(repo, monkeypatch, 120, _LOOSE, "the target loosened long ago")
    _on_main_dated(repo, monkeypatch, 30, _TIGHT, "a campaign's target")
    _on_main_dated(repo, monkeypatch, 0, _LOOSE, "the campaign over")
    repo.write("plans/acme.yaml", _cut("14.0"))
    repo.commit("the staff cut to the target")
    assert "staff are cut" not in policy_notes(cli)


def test_a_forecast_cut_after_a_loosened_target_is_no_cut(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The control: the target loosened within the window, then the calls re-forecast 25%
    # lower (9,000 → 6,750 a month) and the staff cut in proportion (19.0 → 14.3): for the
    # work at main that is 19.1 FTE, no cut below the 17.8 the old target needs.
    _on_main_dated(repo, monkeypatch, 100, _TIGHT, "a tight target")
    _on_main_dated(repo, monkeypatch, 0, _LOOSE, "the target loosened, the staff kept")
    lower = _edit(_cut("14.3"), ("contacts: 9000", "contacts: 6750"))
    repo.write("plans/acme.yaml", lower)
    repo.commit("fewer calls, fewer staff")
    assert "staff are cut" not in policy_notes(cli)
