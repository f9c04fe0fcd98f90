"""A plan's period is no lever on the gate: the contacts people answer are compared, before
and after, over one window, the calendar years of the plan's period at the trusted
revision, each plan counting for the share of it its period covers (review attack38 B1,
B2, B9, F3, F4)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

from tests.security.conftest import ALIGNED, Repo, Result, on_main
from tests.security.test_policy import _on_base, _without_phone

Cli = Callable[..., Result]
YEAR = "start: 2027-01-01, end: 2027-12-31"
THIS = dt.date.today().year
"""This year: a plan for it has begun, and may roll over to the next."""
NEXT = THIS + 1


def _for(text: str, start: str, end: str) -> str:
    """The plan for other days."""
    assert YEAR in text
    return text.replace(YEAR, f"start: {start}, end: {end}")


def _undated(text: str) -> str:
    """The plan without its `period:` line."""
    line = "period: {" + YEAR + "}\n"
    assert line in text
    return text.replace(line, "")


def _gate(cli: Cli) -> Result:
    return cli("check", "plans/", "--policy-ref", "main", "-f", "json")


def _people(result: Result) -> list[str]:
    """The policy-changed messages of the run that are about the contacts people answer."""
    return [
        f["message"]
        for plan in json.loads(result.out)["plans"]
        for f in plan["findings"]
        if f["rule"] == "policy-changed" and "people answer" in f["message"]
    ]


def test_an_undated_copy_of_a_plan_stands_in_for_no_years_calls(repo: Repo, cli: Cli) -> None:
    # Review attack38 B1 (stub): the phone line dropped, and a copy of the plan without its
    # `period:` line added: an undated plan counted whole in 2027.
    repo.write("plans/acme.yaml", _without_phone(ALIGNED))
    repo.write("plans/acme-old.yaml", _undated(ALIGNED))
    repo.commit("the phone line gone, an undated copy added")
    result = _gate(cli)
    assert (
        "people answer 2,645 contacts a week to a target under delight in Example Delight Co's "
        "plans in plans/ in 2027 at main, 575 now (-78.3%): phone is gone"
    ) in result.out, result.out
    assert result.code == 1


def test_a_period_deleted_beside_a_past_years_plan_keeps_its_year(repo: Repo, cli: Cli) -> None:
    # Review attack38 B1 (past): this plan's `period:` deleted with its phone line, so it
    # was compared over no window, where 2020's plan counted whole.
    with _on_base(repo, "2020's plan"):
        repo.write("plans/acme-2020.yaml", _for(ALIGNED, "2020-01-01", "2020-12-31"))
    repo.write("plans/acme.yaml", _undated(_without_phone(ALIGNED)))
    repo.commit("the period and the phone line gone")
    result = _gate(cli)
    assert "plans in plans/ in 2027 at main, 575 now (-78.3%): phone is gone" in result.out
    assert result.code == 1


def test_a_dated_stub_covers_nothing_of_an_undated_organisations_work(repo: Repo, cli: Cli) -> None:
    # Review attack38 B1 (b15): the organisation's plan states no period; a one-day stub
    # for 2020 with the phone line was counted whole beside it.
    with _on_base(repo, "a legacy plan"):
        repo.write("plans/acme.yaml", _undated(ALIGNED))
    repo.write("plans/acme.yaml", _undated(_without_phone(ALIGNED)))
    repo.write("plans/acme-stub.yaml", _for(ALIGNED, "2020-12-31", "2020-12-31"))
    repo.commit("the phone line gone, a one-day stub added")
    result = _gate(cli)
    assert "plans in plans/ at main, 575 now (-78.3%): phone is gone" in result.out, result.out
    assert result.code == 1


def test_an_undated_organisations_plans_are_compared_whole(repo: Repo, cli: Cli) -> None:
    # Where no plan states a period, every plan counts whole, as before: a region's calls
    # answered in the other region's queue are no change, its phone line gone is one.
    with _on_base(repo, "two legacy regions"):
        repo.write("plans/acme.yaml", _undated(ALIGNED))
        repo.write("plans/acme-west.yaml", _undated(ALIGNED))
    merged = ALIGNED.replace("contacts: 9000,", "contacts: 18000,", 1)
    merged = merged.replace("agents: 16.2", "agents: 32.4", 1)
    repo.write("plans/acme.yaml", _undated(merged.replace("agents: 20.7", "agents: 36.9", 1)))
    west = _without_phone(ALIGNED).replace("agents: 20.7", "agents: 4.5")
    repo.write("plans/acme-west.yaml", _undated(west))
    repo.commit("west's calls answered in the main queue")
    assert _people(_gate(cli)) == []
    repo.write("plans/acme.yaml", _undated(ALIGNED))
    repo.commit("and the main queue back as it was")
    result = _gate(cli)
    assert (
        "Example Delight Co's plans in plans/ at main, 3,220 now (-39.1%): phone is gone"
    ) in result.out, result.out


def test_a_period_moved_onto_a_year_another_plan_covers_is_no_cover(repo: Repo, cli: Cli) -> None:
    # Review attack38 B2 (shift): this year's plan drops its phone line and moves to next
    # year, where next year's plan lives: "after" was counted over next year, where that
    # plan answered it. (This year's: a plan whose period has begun, which may roll over.)
    with _on_base(repo, "this year's plan and next year's"):
        repo.write("plans/acme.yaml", _for(ALIGNED, f"{THIS}-01-01", f"{THIS}-12-31"))
        repo.write("plans/acme-next.yaml", _for(ALIGNED, f"{NEXT}-01-01", f"{NEXT}-12-31"))
    moved = _for(_without_phone(ALIGNED), f"{NEXT}-01-01", f"{NEXT}-12-31")
    repo.write("plans/acme.yaml", moved)
    repo.commit("the phone line gone, the plan moved onto next year")
    result = _gate(cli)
    # Moved wholly past its year, the plan carries its own work on (a rollover), and next
    # year's plan covers none of this year.
    assert f"plans in plans/ in {THIS} at main, 575 now (-78.3%): phone is gone" in result.out
    assert result.code == 1


def test_a_period_ended_early_is_a_cut_of_its_years_work(repo: Repo, cli: Cli) -> None:
    # Review attack38 B2 (end2): the plan's period ended "yesterday" passed (contacts a week
    # are a rate, blind to dates), and the next change deleted the plan as over.
    with _on_base(repo, "an e-mail plan beside it"):
        repo.write("plans/acme-mail.yaml", _without_phone(ALIGNED).replace("20.7", "4.5"))
    repo.write("plans/acme.yaml", _for(ALIGNED, "2026-01-01", "2026-12-01"))
    repo.commit("the plan ends yesterday")
    result = _gate(cli)
    assert (
        "people answer 3,220 contacts a week to a target under delight in Example Delight Co's "
        "plans in plans/ in 2027 at main, 575 now (-82.1%): its period is 2026-01-01 to "
        "2026-12-01 now (2027-01-01 to 2027-12-31 at main)"
    ) in result.out, result.out
    assert result.code == 1


def test_a_year_split_so_that_most_of_it_has_no_phone_is_a_cut(repo: Repo, cli: Cli) -> None:
    # Review attack38 B9: the period cut to January and a plan for February to December
    # without the phone line added; the plan's weekly contacts were the same.
    repo.write("plans/acme.yaml", _for(ALIGNED, "2027-01-01", "2027-01-31"))
    rest = _without_phone(ALIGNED).replace("agents: 20.7", "agents: 4.5")
    repo.write("plans/acme-rest.yaml", _for(rest, "2027-02-01", "2027-12-31"))
    repo.commit("the year split, the phone line in January only")
    result = _gate(cli)
    assert (
        "plans in plans/ in 2027 at main, 751 now (-71.6%): its period is 2027-01-01 to "
        "2027-01-31 now (2027-01-01 to 2027-12-31 at main)"
    ) in result.out, result.out
    assert result.code == 1
    # The same split with the phone line in both halves is no change.
    repo.write("plans/acme.yaml", _for(ALIGNED, "2027-01-01", "2027-06-30"))
    repo.write("plans/acme-rest.yaml", _for(ALIGNED, "2027-07-01", "2027-12-31"))
    repo.commit("the year split in halves, each with its phone line")
    assert _people(_gate(cli)) == []


def _seasons(repo: Repo) -> None:
    """main: half-year plans beside the year's plan."""
    with _on_base(repo, "half-year plans"):
        repo.write("plans/acme-h1.yaml", _for(ALIGNED, "2027-01-01", "2027-06-30"))
        repo.write("plans/acme-h2.yaml", _for(ALIGNED, "2027-07-01", "2027-12-31"))


def _calls(text: str, calls: int, agents: str, total: str) -> str:
    return (
        text.replace("contacts: 9000,", f"contacts: {calls},", 1)
        .replace("agents: 16.2", f"agents: {agents}", 1)
        .replace("agents: 20.7", f"agents: {total}", 1)
    )


def test_calls_moved_between_the_seasons_of_a_year_are_no_cut(repo: Repo, cli: Cli) -> None:
    # Review attack38 F3: the seasonal forecast refined, the year's calls unchanged (H1
    # 9,000 → 7,800 calls a month, H2 9,000 → 10,200) was blocked: each half-year plan was
    # compared over its own half.
    _seasons(repo)
    h1 = _calls(ALIGNED, 7800, "14.4", "18.9")
    repo.write("plans/acme-h1.yaml", _for(h1, "2027-01-01", "2027-06-30"))
    h2 = _calls(ALIGNED, 10200, "17.8", "22.3")
    repo.write("plans/acme-h2.yaml", _for(h2, "2027-07-01", "2027-12-31"))
    repo.commit("the seasonal forecast refined")
    result = _gate(cli)
    assert _people(result) == [], result.out
    # The first half's cut alone is still a cut.
    repo.write("plans/acme-h2.yaml", _for(ALIGNED, "2027-07-01", "2027-12-31"))
    repo.commit("only the first half's forecast cut")
    assert any("phone 2,070 → 1,794 contacts a week" in m for m in _people(_gate(cli)))


def test_a_rollover_beside_last_years_peak_plan_is_no_cut(repo: Repo, cli: Cli) -> None:
    # Review attack38 F4: the year's plan rolled over to next year with a 4.4% forecast
    # trim, beside this year's Nov-Dec peak plan, read as a 17.3% cut: the peak plan counted
    # over this year and not over next. A plan the change leaves alone weighs the same.
    with _on_base(repo, "this year's plan and its peak plan"):
        repo.write("plans/acme.yaml", _for(ALIGNED, f"{THIS}-01-01", f"{THIS}-12-31"))
        repo.write("plans/acme-peak.yaml", _for(ALIGNED, f"{THIS}-11-01", f"{THIS}-12-31"))
    trimmed = ALIGNED.replace("contacts: 9000,", "contacts: 8600,", 1)
    repo.write("plans/acme.yaml", _for(trimmed, f"{NEXT}-01-01", f"{NEXT}-12-31"))
    repo.commit("rolled over to next year, the forecast trimmed")
    result = _gate(cli)
    assert _people(result) == [] and result.code == 0, result.out


def test_a_rollover_carries_the_years_work_on(repo: Repo, cli: Cli) -> None:
    # A plan moved wholly past its period once it has begun (next year's plan, renamed or
    # not) counts for the work it had: a pure rollover passes; one that drops the phone
    # line is still a cut.
    with _on_base(repo, "this year's plan"):
        repo.write("plans/acme.yaml", _for(ALIGNED, f"{THIS}-01-01", f"{THIS}-12-31"))
    repo.git("mv", "plans/acme.yaml", "plans/acme-next.yaml")
    repo.write("plans/acme-next.yaml", _for(ALIGNED, f"{NEXT}-01-01", f"{NEXT}-12-31"))
    repo.commit("rolled over to next year")
    result = _gate(cli)
    assert _people(result) == [] and result.code == 0, result.out
    cut = _for(_without_phone(ALIGNED), f"{NEXT}-01-01", f"{NEXT}-12-31")
    repo.write("plans/acme-next.yaml", cut)
    repo.commit("and the phone line dropped")
    assert any("575 now (-78.3%): phone is gone" in m for m in _people(_gate(cli)))


def test_a_plan_for_a_year_to_come_moved_a_year_later_leaves_its_year(repo: Repo, cli: Cli) -> None:
    # Review attack42 B04: next year's plan, not yet begun, moved to the year after at the
    # same money left next year to no plan, and passed as a rollover at 0%.
    with _on_base(repo, "next year's plan"):
        planned = _for(ALIGNED, f"{NEXT}-01-01", f"{NEXT}-12-31")
        repo.write("plans/acme.yaml", "# next year's plan\n" + planned)
    later = NEXT + 1
    repo.write("plans/acme.yaml", _for(ALIGNED, f"{later}-01-01", f"{later}-12-31"))
    repo.commit("moved a year later")
    result = _gate(cli)
    assert f"plans in plans/ in {NEXT} at main, 0 now (-100%)" in result.out, result.out
    assert result.code == 1


def test_this_years_plan_moved_two_years_on_leaves_next_year(repo: Repo, cli: Cli) -> None:
    # Review attack43 C06: this year's plan, begun, moved to the year after next counted as
    # a rollover (next year's plan in place of this year's), so next year had no plan and
    # the change passed. A rollover starts within a month of the end of the plan it carries
    # on; this one starts a year and a day after it: this year's days still to come, and
    # next year, are left to no plan.
    with _on_base(repo, "this year's plan"):
        repo.write("plans/acme.yaml", _for(ALIGNED, f"{THIS}-01-01", f"{THIS}-12-31"))
    later = NEXT + 1
    repo.write("plans/acme.yaml", _for(ALIGNED, f"{later}-01-01", f"{later}-12-31"))
    repo.commit("moved two years on")
    result = _gate(cli)
    assert "0 now (-100%)" in result.out and result.code == 1, result.out
    decrease = cli("diff", "--base-ref", "main", "plans/acme.yaml", "--max-budget-decrease", "10%")
    assert "blocked by max_budget_decrease" in decrease.out, decrease.out


def test_an_undated_plan_given_a_period_that_is_over_answers_nobody(repo: Repo, cli: Cli) -> None:
    # The undated form of attack38 B2 (end2): a legacy plan given a period already over
    # was compared over that period, where nothing changed, and the next change deleted it
    # as over. A plan the change makes end before today answers nobody now; one given the
    # year it meant is the same plan.
    with _on_base(repo, "a legacy plan"):
        repo.write("plans/acme.yaml", _undated(ALIGNED))
    repo.write("plans/acme.yaml", ALIGNED)
    repo.commit("the year it meant")
    assert _people(_gate(cli)) == []
    repo.write("plans/acme.yaml", _for(ALIGNED, "2025-01-01", "2025-12-31"))
    repo.commit("a period already over")
    result = _gate(cli)
    assert (
        "plans in plans/ in 2025 at main, 0 now (-100%): its period is 2025-01-01 to "
        "2025-12-31 now (none at main)"
    ) in result.out, result.out
    assert result.code == 1


def test_a_season_left_without_its_phone_line_is_a_cut(repo: Repo, cli: Cli) -> None:
    # The year's window takes calls moved between seasons as a move (F3); taken to the end,
    # the first half's phone line dropped and the second half's doubled left six months
    # with no phone at all. Over the plan's own half-year, the organisation's plans may
    # answer fewer by up to half of the plan's contacts, not more.
    _seasons(repo)
    repo.write("plans/acme-h1.yaml", _for(_without_phone(ALIGNED), "2027-01-01", "2027-06-30"))
    h2 = _calls(ALIGNED, 18000, "32.4", "36.9")
    repo.write("plans/acme-h2.yaml", _for(h2, "2027-07-01", "2027-12-31"))
    repo.commit("the first half's calls moved to the second half")
    result = _gate(cli)
    assert (
        "people answer 5,290 contacts a week to a target under delight in Example Delight Co's "
        "plans in plans/ from 2027-01-01 to 2027-06-30 at main, 3,220 now (-39.1%): phone is gone"
    ) in result.out, result.out
    assert result.code == 1
    # The first half's plan deleted, its e-mail moved to the second half as well.
    repo.git("rm", "-q", "plans/acme-h1.yaml")
    mail = h2.replace("contacts: 2500,", "contacts: 5000,", 1).replace("agents: 4.5", "agents: 9")
    repo.write("plans/acme-h2.yaml", _for(mail, "2027-07-01", "2027-12-31"))
    repo.commit("the first half's plan deleted, its work in the second half")
    result = cli("diff", "--base-ref", "main", "plans/acme-h1.yaml")
    assert (
        "plans in plans/ from 2027-01-01 to 2027-06-30 at main, 2,645 now (-50%): "
        "plans/acme-h1.yaml, which answered 2,645 of them, is deleted"
    ) in result.out, result.out
    assert result.code == 1


def test_next_years_plan_is_compared_with_this_years_not_added_to_it(repo: Repo, cli: Cli) -> None:
    # Review attack41 F03: next year's plan beside this year's read as the organisation's
    # plans growing from 1,540,241 USD to 3,080,482 USD (+100%), blocked by the README's 5%
    # increase limit. A year's spend over 2028: nothing at main, so this year's, 1,540,241,
    # is what it is compared with: 0%. Half as much again (2,310,361.5 a year) is +50%.
    repo.write("plans/acme-2028.yaml", _for(ALIGNED, "2028-01-01", "2028-12-31"))
    repo.commit("next year's plan")
    limit = ("--max-budget-increase", "5%")
    result = cli("diff", "--base-ref", "main", "plans/acme-2028.yaml", *limit)
    assert result.code == 0 and "grow together" not in result.out, result.out
    more = ALIGNED.replace("total: 1540241", "total: 2310361.5").replace(
        "people: 1283400", "people: 2053520.5"
    )
    repo.write("plans/acme-2028.yaml", _for(more, "2028-01-01", "2028-12-31"))
    repo.commit("next year half as much again")
    result = cli("diff", "--base-ref", "main", "plans/acme-2028.yaml", *limit)
    assert result.code == 1, result.out
    assert "grow together from 1,540,241 USD to 2,310,361.50 USD (+50%)" in result.out


def test_a_year_split_in_halves_is_the_years_money(repo: Repo, cli: Cli) -> None:
    # Each half annualised and added read +100%: over 2027, the first half's plan spends
    # 1,540,241 × 181/365 a year and the second's × 184/365: 1,540,241 together, as at main.
    lines = "{people: 1283400, training: 149040, tooling: 82800, goodwill: 25001}"
    half = ALIGNED.replace("total: 1540241", "total: 770120.5").replace(
        lines, "{people: 641700, training: 74520, tooling: 41400, goodwill: 12500.5}"
    )
    repo.write("plans/acme.yaml", _for(half, "2027-01-01", "2027-06-30"))
    repo.write("plans/acme-h2.yaml", _for(half, "2027-07-01", "2027-12-31"))
    repo.commit("the year in halves")
    result = cli("diff", "--base-ref", "main", "plans/acme-h2.yaml", "--max-budget-increase", "5%")
    assert result.code == 0 and "grow together" not in result.out, result.out


HALF_LINES = "{people: 1283400, training: 149040, tooling: 82800, goodwill: 25001}"


def _half(text: str) -> str:
    """The plan with half its money (for half a year)."""
    assert HALF_LINES in text and "total: 1540241" in text
    return text.replace("total: 1540241", "total: 770120.5").replace(
        HALF_LINES, "{people: 641700, training: 74520, tooling: 41400, goodwill: 12500.5}"
    )


def _grown_by_a_tenth(text: str) -> str:
    """The plan with a tenth more money: 1,694,265.10 (people 1,437,424.10)."""
    assert HALF_LINES in text
    return text.replace("total: 1540241", "total: 1694265.1").replace(
        "people: 1283400", "people: 1437424.1"
    )


def test_a_switch_to_a_july_june_year_is_the_same_money_a_day(repo: Repo, cli: Cli) -> None:
    # Review attack42 F03: 2027's plan cut to January-June with half its money, and a
    # July-June plan added with a year's: every day covered once, the same money a day, read
    # "+49.86%" and was blocked by a 5% limit; 2028 had no plan at main, so counted as growth
    # from nothing. Judged a year at a time: in 2027, 770,120.50 for January-June plus
    # 1,540,241 × 184/365 = 776,450.18 for July-December: 1,546,570.68 a year, +0.41%; in
    # 2028 the base had no plan, so 2027's 1,540,241 stands in, against 1,540,241 a year for
    # the days the new plan covers there.
    repo.write("plans/acme.yaml", _for(_half(ALIGNED), "2027-01-01", "2027-06-30"))
    repo.write("plans/acme-fy.yaml", _for(ALIGNED, "2027-07-01", "2028-06-30"))
    repo.commit("a July-June fiscal year")
    limit = ("--max-budget-increase", "5%")
    result = cli("diff", "--base-ref", "main", "plans/acme-fy.yaml", *limit)
    assert result.code == 0 and "grow together" not in result.out, result.out
    # A tenth more in the fiscal year is growth in both its calendar years; the most:
    # 2028, 1,694,265.10 a year against 2027's 1,540,241 (+10%; 2027 itself: 770,120.50 +
    # 1,694,265.10 × 184/365 = 1,624,215.70, +5.45%).
    repo.write("plans/acme-fy.yaml", _for(_grown_by_a_tenth(ALIGNED), "2027-07-01", "2028-06-30"))
    repo.commit("the fiscal year a tenth more")
    result = cli("diff", "--base-ref", "main", "plans/acme-fy.yaml", *limit, "-f", "json")
    assert result.code == 1, result.out
    guardrails = json.loads(result.out)["diff"]["guardrails"]
    assert [g["message"] for g in guardrails if g["action"] == "block"] == [
        "the plans naming Example Delight Co grow together from 1,540,241 USD to 1,694,265.10 "
        "USD (+10%) a year in 2028 (at the base, 2027's: no plan covered 2028) with this new "
        "one; the limit is 77,012.05 USD (5%)"
    ]


def test_next_years_plan_overlapping_a_day_is_a_rollover(repo: Repo, cli: Cli) -> None:
    # Review attack42 F03 (MODE=rollover): next year's plan from 2027-12-31 touches 2027 by
    # a day, so the base's 2027 counted and 2028 (no plan at main) read as growth from
    # nothing: +100.27%. In 2027: 1,540,241 + 1,540,241 × 1/365 = 1,544,460.83, +0.27%; in
    # 2028 (2027-12-31 to 2028-12-30 is one year: 1,540,241 a year) against 2027's.
    repo.write("plans/acme-next.yaml", _for(ALIGNED, "2027-12-31", "2028-12-30"))
    repo.commit("next year's plan, a day early")
    limit = ("--max-budget-increase", "5%")
    result = cli("diff", "--base-ref", "main", "plans/acme-next.yaml", *limit)
    assert result.code == 0 and "grow together" not in result.out, result.out
    # A tenth more next year is still growth, not averaged away with 2027's day:
    # 1,694,265.10 a year for 365 of 2028's 366 days is 1,694,265.10 a year there, +10%.
    grown = _for(_grown_by_a_tenth(ALIGNED), "2027-12-31", "2028-12-30")
    repo.write("plans/acme-next.yaml", grown)
    repo.commit("next year a tenth more")
    result = cli("diff", "--base-ref", "main", "plans/acme-next.yaml", *limit)
    assert result.code == 1, result.out
    assert "grow together from 1,540,241 USD to 1,694,265.10 USD (+10%) a year in 2028" in (
        result.out
    ), result.out


def test_a_second_plan_over_two_years_is_judged_in_the_year_it_joins(repo: Repo, cli: Cli) -> None:
    # A second plan for 2027-2028 at 1,540,241 for its two years (770,120.50 a year) beside
    # this year's: in 2027 the organisation spends 1,540,241 + 770,120.50 = 2,310,361.50 a
    # year, +50%; money a year in that year, not averaged with 2028.
    repo.write("plans/acme-two.yaml", _for(ALIGNED, "2027-01-01", "2028-12-31"))
    repo.commit("a second plan, two years")
    limit = ("--max-budget-increase", "5%")
    result = cli("diff", "--base-ref", "main", "plans/acme-two.yaml", *limit)
    assert result.code == 1, result.out
    assert "grow together from 1,540,241 USD to 2,310,361.50 USD (+50%) a year in 2027" in (
        result.out
    ), result.out


def test_next_fiscal_years_plan_is_compared_with_this_ones(repo: Repo, cli: Cli) -> None:
    # A July-June plan at main (this year's July to next June), next July-June's added:
    # over next year the base's plan covers January-June at 1,540,241 a year, its money a
    # year there, not that × 181/365 = 763,790 a year over the whole year (read, with the
    # new plan's July-December beside it and the year after from nothing, as +202%). The
    # year after: no plan at main, next year's 1,540,241 stands in; 0% both years.
    on_main(repo, {"plans/acme.yaml": _for(ALIGNED, f"{THIS}-07-01", f"{NEXT}-06-30")})
    repo.write("plans/acme-next.yaml", _for(ALIGNED, f"{NEXT}-07-01", f"{NEXT + 1}-06-30"))
    repo.commit("next fiscal year's plan")
    result = cli(
        "diff", "--base-ref", "main", "plans/acme-next.yaml", "--max-budget-increase", "5%"
    )
    assert result.code == 0 and "grow together" not in result.out, result.out


def test_an_undated_plan_given_a_period_years_ahead_leaves_today_no_plan(
    repo: Repo, cli: Cli
) -> None:
    # Review attack40 A12: the plan in force, undated, given a period five years ahead was
    # "no change" (both sides counted over the new period's year), and the years between
    # were left to no plan. It was in force from today: over the year from today, its
    # 2,645 contacts a week at main (9,000 calls and 2,500 e-mails a month × 12 ÷ 52.18
    # weeks), none now.
    today = dt.date.today()
    with _on_base(repo, "the plan in force, undated"):
        repo.write("plans/acme.yaml", _undated(ALIGNED))
    ahead = THIS + 5
    repo.write("plans/acme.yaml", _for(ALIGNED, f"{ahead}-01-01", f"{ahead}-12-31"))
    repo.commit("dated years ahead")
    result = _gate(cli)
    year = f"from {today} to {today + dt.timedelta(days=364)}"
    assert _people(result) == [
        "the policy differs from main: people answer 2,645 contacts a week to a target under "
        f"delight in Example Delight Co's plans in plans/ {year} at main, 0 now (-100%): its "
        f"period is {ahead}-01-01 to {ahead}-12-31 now (none at main); judged by main's policy"
    ]
    assert result.code == 1


def test_an_undated_plan_dated_to_this_year_beside_next_years_is_no_cut(
    repo: Repo, cli: Cli
) -> None:
    # Review attack42 F04: this year's plan undated and next year's dated at main; writing
    # this year's dates on the first read as -40%, the undated plan counted over next
    # year's days too. It was in force until next year's plan takes over, and still is.
    with _on_base(repo, "this year's plan undated, next year's dated"):
        repo.write("plans/acme.yaml", _undated(ALIGNED))
        repo.write("plans/next.yaml", _for(ALIGNED, f"{NEXT}-01-01", f"{NEXT}-12-31"))
    repo.write("plans/acme.yaml", _for(ALIGNED, f"{THIS}-01-01", f"{THIS}-12-31"))
    repo.commit("this year's dates")
    result = _gate(cli)
    assert _people(result) == []
    assert result.code == 0, result.out
    # The control: given a period years ahead instead, the rest of this year has no plan:
    # its 2,645 contacts a week from today to 31 December at main, none now.
    ahead = THIS + 5
    repo.write("plans/acme.yaml", _for(ALIGNED, f"{ahead}-01-01", f"{ahead}-12-31"))
    repo.commit("dated years ahead")
    assert (
        f"plans in plans/ from {dt.date.today()} to {THIS}-12-31 at main, 0 now (-100%)"
    ) in _people(_gate(cli))[0]
