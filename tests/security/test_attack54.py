"""Review attack54: what a pull request's figures cost the gate to judge.

A plan may offer a channel up to 200,000 agents' worth of contacts (queueing.MAX_AGENTS),
and hold 1,000 channels; Erlang A judges a queue whose callers hang up far below its load.
Its Erlang B took a step an agent there (0.6 s a channel offered 150,000 Erlangs and staffed
at 16), so one plan of a thousand such channels kept the gate busy ten minutes a check, and
a pull request of a few dozen outlasted the job."""

from __future__ import annotations

import datetime as dt
import json
import math
import time
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cs_align import queueing as q
from tests.conftest import EXAMPLES, examples, unless_it_hangs
from tests.security.conftest import ALIGNED, Repo, Result, on_main

Cli = Callable[..., Result]

PHONE = ALIGNED[ALIGNED.index("  - id: phone") : ALIGNED.index("  - id: email")]


def _overloaded(channels: int) -> str:
    """The aligned plan with ``channels`` phone lines, each offered 400 million calls a month
    of 6 minutes over 12 h a weekday: 400e6 × 360 s ÷ (365.25 ÷ 12 × 5/7 days × 12 h × 3600 s)
    ≈ 153,000 Erlangs, answered by 16.2 FTE."""
    line = PHONE.replace("contacts: 9000, per: month", "contacts: 400000000, per: month")
    many = "".join(line.replace("id: phone", f"id: phone{i}") for i in range(channels))
    return ALIGNED.replace(PHONE, many)


def test_a_plan_of_channels_staffed_far_below_their_load_is_judged_at_once(
    repo: Repo, cli: Cli
) -> None:
    repo.write("plans/acme.yaml", _overloaded(20))
    with unless_it_hangs(120):
        start = time.process_time()
        result = cli("check", "plans/acme.yaml", "-f", "json")
        spent = time.process_time() - start
    assert result.code == 1, result.err
    assert '"staffing-meets-targets"' in result.out
    # 20 channels took 4.5 s of CPU here (over half of it ~1,000 Erlang B recursions of
    # ~150,000 steps each); in O(√A) steps 1.35 s, most of it loading and Erlang A's series.
    assert spent < 3, spent


@settings(max_examples=examples(200), deadline=None)
@given(
    load=st.floats(20, 150_000),
    share=st.floats(0, 1.002),
)
def test_erlang_b_matches_the_full_recursion_at_any_headcount(load: float, share: float) -> None:
    agents = max(1, round(load * share))
    full, near = q.erlang_b(agents, load), q.erlang_b_near(agents, load)
    assert abs(full - near) <= 1e-12 * full


@pytest.mark.parametrize("load", [500.0, 2689.0, 19_619.87, 145_929.56])
def test_erlang_b_just_above_where_the_shortcut_starts_is_exact(load: float) -> None:
    # One agent above load − 12·√A − 20 the recursion started there took one step: 0.6% off
    # at 145,929.56 Erlangs (141,326 agents), 0.1% at 2,689.
    agents = math.floor(load - 12 * math.sqrt(load) - 20) + 1
    full, near = q.erlang_b(agents, load), q.erlang_b_near(agents, load)
    assert abs(full - near) <= 1e-12 * full


# ---- two plans trade places --------------------------------------------------------------

ZETA = ALIGNED.replace("Example Delight Co", "Zeta Widgets Ltd")
"""A second organisation's plan, the same figures as Example Delight Co's."""


LIMITS = ("--max-budget-decrease", "10%", "--max-budget-increase", "500%")
"""The decrease limit under test; the increase limit of the repository's config (5%) raised
out of the way: a trade of places reads as each organisation's plans grown together by the
other's (+90% to +105% here; left as found: it blocks, see the report)."""


def _cut(text: str) -> str:
    """Example Delight Co's plan with the phone team cut from 16.2 to the 13.8 FTE its
    targets need (20.7 → 18.3 FTE in all): people 18.3 × 62,000 = 1,134,600, 148,800 less
    than 1,283,400 (−11.59%); the total 1,540,241 − 148,800 = 1,391,441 (−9.66%)."""
    for old, new in (
        ("agents: 16.2", "agents: 13.8"),
        ("agents: 20.7", "agents: 18.3"),
        ("people: 1283400", "people: 1134600"),
        ("total: 1540241", "total: 1391441"),
    ):
        assert old in text
        text = text.replace(old, new)
    return text


def test_two_plans_that_trade_places_are_judged_by_the_people_money_each_keeps(
    repo: Repo, cli: Cli
) -> None:
    # Example Delight Co's file now holds Zeta's plan, unchanged, and Zeta's file Example's,
    # its people money cut 11.59% past a 10% limit (its total 9.66%, within it). Cut in its
    # own file it trips the limit; traded, each file read as a plan relabelled: Zeta's
    # money is all kept (in acme.yaml), and Example's plans were judged by their total
    # alone, so both diffs passed and the Action's run was green.
    on_main(repo, {"plans/zeta.yaml": ZETA})
    limit = (*LIMITS, "-f", "json")
    repo.write("plans/acme.yaml", ZETA)
    repo.write("plans/zeta.yaml", _cut(ALIGNED))
    repo.commit("trade places")
    left = cli("diff", "--base-ref", "main", "plans/acme.yaml", *limit)
    assert left.code == 1, left.out
    tripped = json.loads(left.out)["diff"]["guardrails"]
    assert [t["guardrail"] for t in tripped] == ["max_budget_decrease"], tripped
    assert tripped[0]["message"].startswith(
        "the plans naming Example Delight Co shrink together: the money that pays their "
        "staff falls from 1,283,400 USD to 1,134,600 USD a year (-11.59%) as this one "
        "leaves it for Zeta Widgets Ltd; the limit is 128,340 USD (10%)"
    )


def test_a_plan_relabelled_away_within_the_limit_still_passes(repo: Repo, cli: Cli) -> None:
    # The same trade with Example's team cut 16.2 → 15.0 (people 1,209,000, −5.8%): within
    # the limit, in total and in the money that pays the staff.
    on_main(repo, {"plans/zeta.yaml": ZETA})
    trimmed = ALIGNED
    for old, new in (
        ("agents: 16.2", "agents: 15.0"),
        ("agents: 20.7", "agents: 19.5"),
        ("people: 1283400", "people: 1209000"),
        ("total: 1540241", "total: 1465841"),
    ):
        trimmed = trimmed.replace(old, new)
    repo.write("plans/acme.yaml", ZETA)
    repo.write("plans/zeta.yaml", trimmed)
    repo.commit("trade places")
    for plan in ("plans/acme.yaml", "plans/zeta.yaml"):
        result = cli("diff", "--base-ref", "main", plan, *LIMITS)
        assert result.code == 0, result.out


def _trimmed(phone: str, fte: str, people: int) -> str:
    """Example Delight Co's plan with the phone team at ``phone`` FTE (``fte`` in all) and
    its people line ``people``, the total lowered by as much as the people line."""
    total = 1540241 - (1283400 - people)
    text = ALIGNED
    for old, new in (
        ("agents: 16.2", f"agents: {phone}"),
        ("agents: 20.7", f"agents: {fte}"),
        ("people: 1283400", f"people: {people}"),
        ("total: 1540241", f"total: {total}"),
    ):
        text = text.replace(old, new)
    return text


def test_a_trade_of_places_after_a_cut_is_judged_over_the_window(repo: Repo, cli: Cli) -> None:
    # Main took a cut within the limit: phone 16.2 → 15.0, people (15.0 + 4.5) × 62,000 =
    # 1,209,000 (−5.8%). The trade of places then cuts to 13.8: 1,134,600, −6.15% against
    # main, −11.59% against the window's start (1,283,400): past the 10% limit. A plan
    # relabelled away had no window (``_over_window`` returns at a relabelling), so the
    # second step passed.
    on_main(repo, {"plans/zeta.yaml": ZETA})
    on_main(repo, {"plans/acme.yaml": _trimmed("15.0", "19.5", 1209000)}, "trim")
    repo.write("plans/acme.yaml", ZETA)
    repo.write("plans/zeta.yaml", _cut(ALIGNED))
    repo.commit("trade places")
    left = cli("diff", "--base-ref", "main", "plans/acme.yaml", *LIMITS, "-f", "json")
    assert left.code == 1, left.out
    [tripped] = json.loads(left.out)["diff"]["guardrails"]
    message = tripped["message"]
    assert message.startswith("over the 92 days since main on "), message
    assert (
        "as this plan leaves Example Delight Co for Zeta Widgets Ltd: Example Delight Co's "
        "plans in this plan's folder, together: the money that pays their staff a year falls "
        "from 1,283,400 USD to 1,134,600 USD (-11.59%)"
    ) in message


def test_a_trade_of_places_that_cuts_no_further_than_main_passes(repo: Repo, cli: Cli) -> None:
    # Main's cut (−5.8%) stands; the trade keeps Example's plan as main has it.
    trimmed = _trimmed("15.0", "19.5", 1209000)
    on_main(repo, {"plans/zeta.yaml": ZETA})
    on_main(repo, {"plans/acme.yaml": trimmed}, "trim")
    repo.write("plans/acme.yaml", ZETA)
    repo.write("plans/zeta.yaml", trimmed)
    repo.commit("trade places")
    for plan in ("plans/acme.yaml", "plans/zeta.yaml"):
        result = cli("diff", "--base-ref", "main", plan, *LIMITS)
        assert result.code == 0, result.out


def test_a_trade_of_places_is_held_to_the_organisation_s_cap(repo: Repo, cli: Cli) -> None:
    # Example Delight Co has the delight plan (1,540,241) and an automated one (280,440):
    # 1,820,681 a year, under a 1,900,000 cap. Traded into Zeta's file, its delight plan
    # grows by 100,000 of goodwill (1,640,241, under the cap alone): Example spends
    # 1,920,681 a year. Grown in its own file the cap trips; relabelled, the cap judged the
    # file alone (``_capped_elsewhere`` ran for plans that kept their organisation only).
    east = (EXAMPLES / "automated-aligned.yaml").read_text(encoding="utf-8")
    on_main(
        repo,
        {
            "plans/zeta.yaml": ZETA,
            "plans/east.yaml": east.replace("Example Automated Co", "Example Delight Co"),
        },
    )
    grown = ALIGNED.replace("goodwill: 25001", "goodwill: 125001")
    repo.write("plans/acme.yaml", ZETA)
    repo.write("plans/zeta.yaml", grown.replace("total: 1540241", "total: 1640241"))
    repo.commit("trade places")
    joined = cli("diff", "--base-ref", "main", "plans/zeta.yaml", *LIMITS, "--max-total", "1.9M")
    assert joined.code == 1, joined.out
    assert "max_total: the plans naming Example Delight Co spend " in joined.out


# ---- waivers granted to the plan that had the file -------------------------------------------


def _scripted(name: str) -> str:
    """The aligned plan for ``name`` with reps on scripts (no-scripts, an error under
    delight) and a waiver of it, expiring in 60 days."""
    expires = dt.date.today() + dt.timedelta(days=60)
    return ALIGNED.replace("Example Delight Co", name).replace(
        "uses_scripts: false", "uses_scripts: true"
    ) + (
        "waivers:\n  - rule: no-scripts\n    path: staffing.uses_scripts\n"
        "    reason: scripts stay until the spring training lands\n"
        f"    owner: head-of-service\n    expires: {expires}\n"
    )


def test_a_waiver_does_not_pass_to_the_organisation_that_takes_its_file(
    repo: Repo, cli: Cli
) -> None:
    # Zeta's plan works from scripts under a waiver main granted. The change trades places:
    # Zeta's plan, now without scripts, in acme.yaml; Example Delight Co's plan, now on
    # scripts, in zeta.yaml beside Zeta's waiver, unchanged. The file's waivers read as they
    # did at main, so no-scripts was waived for an organisation it was never granted to,
    # and the check passed (exit 0, a notice). Put in Example's own file it is a waiver
    # added (policy-changed) and the error counts.
    on_main(repo, {"plans/zeta.yaml": _scripted("Zeta Widgets Ltd")})
    repo.write("plans/acme.yaml", ZETA)
    repo.write("plans/zeta.yaml", _scripted("Example Delight Co"))
    repo.commit("trade places")
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json")
    assert result.code == 1, result.out
    [zeta] = [p for p in json.loads(result.out)["plans"] if p["path"] == "plans/zeta.yaml"]
    said = {f["rule"]: f for f in zeta["findings"]}
    assert "waived" not in said["no-scripts"]
    assert (
        "waivers: 1 in a plan that named Zeta Widgets Ltd at the trusted revision (granted to "
        "that organisation, not to Example Delight Co)"
    ) in said["policy-changed"]["message"]


# ---- last period's figures of the plan that had the file -------------------------------------

RACE = (EXAMPLES / "cost-race-aligned.yaml").read_text(encoding="utf-8")


def _edit(text: str, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new)
    return text


def test_last_period_s_figures_do_not_pass_to_the_organisation_that_takes_the_file(
    repo: Repo, cli: Cli
) -> None:
    # Two cost-race plans (cost per contact may fall 2-15% a period). Example's spends
    # 1,415,880 on 138,000 contacts a year, 10.26 a contact, against its history of 11.16.
    # Zeta's spends 1,333,080 (no tooling): 9.66 against a history of 10.00. Example's
    # team cut to the 13.8 phone FTE its targets need: people 18.3 × 62,000 = 1,134,600,
    # total 1,267,080, 9.18 a contact: 17.7% below 11.16, past the pace. Traded into
    # Zeta's file beside Zeta's history it read as 8.2% below 10.00, and Zeta's plan in
    # Example's file beside Example's history as 13.4% below 11.16: both passed.
    example = RACE.replace("Example Cost-race Co", "Example Delight Co")
    zeta = _edit(
        RACE.replace("Example Cost-race Co", "Zeta Widgets Ltd"),
        ("total: 1415880", "total: 1333080"),
        ("tooling: 82800", "tooling: 0"),
        ("cost_per_contact: 11.16", "cost_per_contact: 10.00"),
    )
    on_main(repo, {"plans/acme.yaml": example, "plans/zeta.yaml": zeta})
    cut = _edit(
        example,
        ("agents: 16.2", "agents: 13.8"),
        ("agents: 20.7", "agents: 18.3"),
        ("people: 1283400", "people: 1134600"),
        ("total: 1415880", "total: 1267080"),
        ("cost_per_contact: 11.16", "cost_per_contact: 10.00"),
    )
    repo.write("plans/acme.yaml", _edit(zeta, ("10.00", "11.16")))
    repo.write("plans/zeta.yaml", cut)
    repo.commit("trade places")
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json")
    assert result.code == 1, result.out
    [moved] = [p for p in json.loads(result.out)["plans"] if p["path"] == "plans/zeta.yaml"]
    [said] = [f["message"] for f in moved["findings"] if f["rule"] == "policy-changed"]
    assert (
        "history: {cost_per_contact: 10.00}, where the plan named Zeta Widgets Ltd at main "
        "(its history: {cost_per_contact: 10.00})"
    ) in said


def test_an_occupancy_ceiling_does_not_pass_to_the_organisation_that_takes_the_file(
    repo: Repo, cli: Cli
) -> None:
    # Zeta's plan holds a reviewed 95% ceiling. Traded into Zeta's file, Example's delight
    # plan took 95% in place of its 85% with nothing said (the file's ceiling was unchanged),
    # while raised in its own file it is a policy change.
    zeta = ZETA.replace("max_occupancy: 85%", "max_occupancy: 95%")
    on_main(repo, {"plans/zeta.yaml": zeta})
    repo.write("plans/acme.yaml", ZETA)
    repo.write("plans/zeta.yaml", ALIGNED.replace("max_occupancy: 85%", "max_occupancy: 95%"))
    repo.commit("trade places")
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json")
    assert result.code == 1, result.out
    [moved] = [p for p in json.loads(result.out)["plans"] if p["path"] == "plans/zeta.yaml"]
    [said] = [f["message"] for f in moved["findings"] if f["rule"] == "policy-changed"]
    assert (
        "staffing.max_occupancy: 95% in a plan relabelled to Example Delight Co, whose plans "
        "at main hold at most 85%"
    ) in said
