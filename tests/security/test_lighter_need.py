"""Under a strategy of people, how a line's work is sized is policy as much as how much
work there is: a line kept with fewer staff whose targets need fewer staff for the same
work by more than a tenth is `policy-changed`
(review attack41 B02: a dropped peak factor took a delight phone team from 20.5 to 14
FTE with every call and minute kept; attack33 F7: the same calls in fewer open hours). The
strategy whose work it is, here as in every comparison of people's work, is the one the run
judges by."""

from __future__ import annotations

from collections.abc import Callable

from tests.conftest import Repo, Result
from tests.security.conftest import ALIGNED, policy_notes
from tests.security.test_policy import _on_base

Cli = Callable[..., Result]
HOURS = "    hours: Mon-Fri 08:00-20:00\n"


def test_the_same_calls_in_fewer_open_hours_need_fewer_staff_an_hour(repo: Repo, cli: Cli) -> None:
    # 9,000 calls a month × 12 ÷ 52.18 weeks = 2,070 a week × 6 min = 207.0 hours of work on
    # both sides. Over Mon-Fri 08-20 (60 h) the targets need 13.8 FTE (5.40 on shift, as
    # the example says), 1,800 × 0.68 ÷ 52.18 = 23.46 h an FTE gives a week; over 08-10
    # (10 h), 20.7 Erlangs keep them on 9.8 FTE: 1 − 9.8/13.8 = 29% fewer. The staff cut
    # to them (16.2 → 9.8) is what the lever bought.
    narrow = ALIGNED.replace(HOURS, "    hours: Mon-Fri 08:00-10:00\n", 1)
    narrow = narrow.replace("agents: 16.2", "agents: 9.8", 1).replace(
        "agents: 20.7", "agents: 14.3"
    )
    repo.write("plans/acme.yaml", narrow)
    repo.commit("the phone open two hours a day")
    assert (
        "phone's targets need 30.4% fewer staff for the same work under delight: "
        "9.6 FTE for 207.0 hours a week now, 13.8 at main, sized from phone.hours "
        "Mon-Fri 08:00-20:00 → Mon-Fri 08:00-10:00"
    ) in policy_notes(cli)
    # The same hours with the staff kept is the same change of policy: the next change
    # cut them to the lower need and met it (attack43 C05).
    repo.write("plans/acme.yaml", ALIGNED.replace(HOURS, "    hours: Mon-Fri 08:00-10:00\n", 1))
    repo.commit("the staff kept")
    assert "phone's targets need 30.4% fewer staff for the same work" in policy_notes(cli)


def test_a_peak_factor_dropped_is_a_lighter_need(repo: Repo, cli: Cli) -> None:
    # At main the phone's calls peak at 1.5 times the average: 3.45 × 1.5 = 5.17 Erlangs
    # at the peak, kept on 18.3 FTE at the least; without it, 13.8: 1 − 13.8/18.3 = 24.6%.
    with _on_base(repo, "the peak stated"):
        peaked = ALIGNED.replace(HOURS, HOURS + "    peak_factor: 1.5\n", 1)
        repo.write("plans/acme.yaml", peaked.replace("agents: 16.2", "agents: 21", 1))
    repo.write("plans/acme.yaml", ALIGNED)
    repo.commit("no peak")
    assert (
        "phone's targets need 24.6% fewer staff for the same work under delight: "
        "13.8 FTE for 207.0 hours a week now, 18.3 at main, sized from "
        "phone.peak_factor 1.5 → (not stated)"
    ) in policy_notes(cli)


def test_a_peak_dropped_is_seen_through_a_rename_or_a_tighter_target(repo: Repo, cli: Cli) -> None:
    # Review attack42 B01, B03: the same cut passed with the line renamed (`phone` →
    # `calls`: paired by its kind and its 2,070 calls a week), or with its target tightened
    # a point (80% → 81% in 20s), which skipped the comparison.
    with _on_base(repo, "the peak stated"):
        peaked = ALIGNED.replace(HOURS, HOURS + "    peak_factor: 1.5\n", 1)
        repo.write("plans/acme.yaml", peaked.replace("agents: 16.2", "agents: 21", 1))
    renamed = ALIGNED.replace("  - id: phone\n", "  - id: calls\n", 1)
    repo.write("plans/acme.yaml", renamed)
    repo.commit("renamed, no peak")
    notes = policy_notes(cli)
    assert "calls's targets need" in notes and "sized from renamed from phone" in notes, notes
    repo.write("plans/acme.yaml", ALIGNED.replace('"80% in 20s"', '"81% in 20s"', 1))
    repo.commit("a point tighter, no peak")
    assert "phone's targets need" in policy_notes(cli)


def test_a_peak_dropped_behind_a_higher_forecast_is_seen(repo: Repo, cli: Cli) -> None:
    # Review attack42 B02: 11% more calls claimed beside the dropped peak skipped the check
    # (grown work needs less an hour). Sized again at main's 207 hours a week, the plan
    # without its peak needs 13.8 FTE against 18.3.
    with _on_base(repo, "the peak stated"):
        peaked = ALIGNED.replace(HOURS, HOURS + "    peak_factor: 1.5\n", 1)
        repo.write("plans/acme.yaml", peaked.replace("agents: 16.2", "agents: 21", 1))
    more = ALIGNED.replace("contacts: 9000,", "contacts: 9990,", 1)
    repo.write("plans/acme.yaml", more.replace("agents: 16.2", "agents: 17", 1))
    repo.commit("11% more calls, no peak")
    assert (
        "phone's targets need 24.6% fewer staff for the same work under delight: 13.8 FTE for "
        "207.0 hours a week now, 18.3 at main"
    ) in policy_notes(cli)


def test_a_forecast_a_little_lower_on_a_small_line_is_no_lighter_need(repo: Repo, cli: Cli) -> None:
    # Review attack42 F01: whole headcounts all the time jump in steps on a small line, so
    # a forecast 1% lower read as 32.5% fewer staff an hour. The least to a tenth moves with
    # the work, and a line whose staff stay the same lost nothing.
    small = ALIGNED.replace("contacts: 9000,", "contacts: 900,", 1)
    with _on_base(repo, "a small line"):
        repo.write("plans/acme.yaml", small)
    repo.write("plans/acme.yaml", small.replace("contacts: 900,", "contacts: 891,", 1))
    repo.commit("a forecast 1% lower")
    assert "fewer staff for the same work" not in policy_notes(cli)


def test_more_work_or_a_new_target_is_judged_elsewhere(repo: Repo, cli: Cli) -> None:
    # A fifth more calls need fewer staff an hour (a larger team pools better), and a
    # target loosened is for the strategy's rules (answer-speed) to judge.
    more = ALIGNED.replace("contacts: 9000,", "contacts: 10800,", 1)
    repo.write("plans/acme.yaml", more.replace("agents: 16.2", "agents: 19", 1))
    repo.commit("a fifth more calls")
    assert "fewer staff for the same work" not in policy_notes(cli)
    repo.write("plans/acme.yaml", ALIGNED.replace('"80% in 20s"', '"80% in 40s"', 1))
    repo.commit("a slower promise")
    assert "fewer staff for the same work" not in policy_notes(cli)


def test_a_strategy_that_is_not_of_people_may_size_as_it_likes(repo: Repo, cli: Cli) -> None:
    with _on_base(repo, "fast food"):
        repo.write("plans/acme.yaml", ALIGNED.replace("strategy: delight", "strategy: fast-food"))
    fast = ALIGNED.replace("strategy: delight", "strategy: fast-food")
    repo.write("plans/acme.yaml", fast.replace(HOURS, "    hours: Mon-Fri 08:00-10:00\n", 1))
    repo.commit("fewer hours")
    assert "fewer staff for the same work" not in policy_notes(cli)


def test_a_strategy_given_for_the_run_judges_the_work_it_judges(repo: Repo, cli: Cli) -> None:
    # Review attack41 B08: the config's `strategy: delight` judges a plan that declares
    # fast-food; the people checks read the declared one and let the phone line go to a
    # token of 20 calls a month. 9,000 → 20 calls: 2,070 → 5 a week, and the e-mail's 575
    # stay: 2,645 → 580 (-78.1%).
    fast = ALIGNED.replace("strategy: delight", "strategy: fast-food", 1)
    with _on_base(repo, "delight for the run"):
        repo.write(".cs-align.yaml", "strategy: delight\n")
        repo.write("plans/acme.yaml", fast)
    token = fast.replace("contacts: 9000,", "contacts: 20,", 1).replace("agents: 16.2", "agents: 1")
    repo.write("plans/acme.yaml", token.replace("agents: 20.7", "agents: 5.5", 1))
    repo.commit("the phone line a token")
    assert (
        "people answer 2,645 contacts a week to a target under delight in Example Delight "
        "Co's plans in plans/ in 2027 at main, 580 now (-78.1%): phone 2,070 → 5 contacts a week"
    ) in policy_notes(cli)


def test_a_line_moved_between_plans_under_the_runs_strategy_is_no_cut(repo: Repo, cli: Cli) -> None:
    # Review attack42 F02: under the config's delight, the other plan's work was counted
    # under the fast-food it declares, so a phone line moved into it read as cut here.
    fast = ALIGNED.replace("strategy: delight", "strategy: fast-food", 1)
    mail = fast[fast.index("  - id: email\n") : fast.index("  - id: help-centre\n")]
    phone = fast[fast.index("  - id: phone\n") : fast.index("  - id: email\n")]
    west = fast.replace(phone, "", 1).replace("agents: 20.7", "agents: 4.5", 1)
    with _on_base(repo, "delight for the run, two plans"):
        repo.write(".cs-align.yaml", "strategy: delight\n")
        repo.write("plans/acme.yaml", fast)
        repo.write("plans/acme-west.yaml", west)
    repo.write("plans/acme.yaml", fast.replace(phone, "", 1).replace("agents: 20.7", "agents: 4.5"))
    moved = west.replace(mail, mail + phone, 1).replace("agents: 4.5", "agents: 20.7", 1)
    repo.write("plans/acme-west.yaml", moved)
    repo.commit("the phone line moved west")
    assert "people answer" not in policy_notes(cli)


def test_a_region_deleted_under_the_runs_strategy_is_judged_by_it(repo: Repo, cli: Cli) -> None:
    # Review attack42 B05: under the config's delight, two regions declaring fast-food;
    # deleting one was counted under fast-food and passed at -100%. Both answer 2,645
    # contacts a week: 5,290 in all, 2,645 once one is gone (-50%).
    fast = ALIGNED.replace("strategy: delight", "strategy: fast-food", 1)
    with _on_base(repo, "delight for the run, two regions"):
        repo.write(".cs-align.yaml", "strategy: delight\n")
        repo.write("plans/acme.yaml", fast)
        repo.write("plans/acme-west.yaml", "# the west\n" + fast)
    repo.git("rm", "-q", "plans/acme-west.yaml")
    repo.commit("the west closed")
    result = cli("diff", "--base-ref", "main", "plans/acme-west.yaml")
    assert (
        "people answer 5,290 contacts a week to a target under delight in Example Delight "
        "Co's plans in plans/ in 2027 at main, 2,645 now (-50%)"
    ) in result.out, result.out
    assert result.code == 1


def test_a_base_no_rule_reads_is_said_and_the_plan_judged_as_new(repo: Repo, cli: Cli) -> None:
    # Review attack41 B04: main's plan written in a spelling this release refuses (`4,5`),
    # mended in the change with the phone cut to 200 calls: nothing could be compared with
    # the base, and the check said nothing.
    with _on_base(repo, "a spelling this release refuses"):
        repo.write("plans/acme.yaml", ALIGNED.replace("agents: 4.5", "agents: 4,5", 1))
    cut = ALIGNED.replace("contacts: 9000,", "contacts: 200,", 1).replace(
        "agents: 16.2", "agents: 3"
    )
    repo.write("plans/acme.yaml", cut.replace("agents: 20.7", "agents: 7.5", 1))
    repo.commit("mended, and the phone cut")
    assert policy_notes(cli).startswith(
        "the policy differs from main: plans/acme.yaml at main is no plan this release reads: "
        "the change is judged as a new plan"
    )
