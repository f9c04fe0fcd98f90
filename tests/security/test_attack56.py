"""Review attack56: gate levers a pull request pulled, found by the red team."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.conftest import Repo, Result
from tests.security.conftest import ALIGNED, on_main, policy_notes
from tests.security.test_attack55 import DECREASE, _decreases
from tests.security.test_fix51g_gate import Cli
from tests.security.test_fix54g_gate import OURS, _phone_only
from tests.security.test_money_moves import _edit

# ---- (d) hours and config limits written with a dot between thousands --------------------


@pytest.mark.parametrize(
    ("written", "asked"),
    [
        (
            "paid_hours_per_fte: 1.800/year",
            "staffing.paid_hours_per_fte: 1.800/year has three decimals: is the dot between "
            "thousands? — write 1800/year for 1,800 hours a year, or 1.8/year for 1.8",
        ),
        (
            "paid_hours_per_fte: 1.800",
            "write 1800 for 1,800 hours a year, or 1.8 for 1.8",
        ),
        (
            "paid_hours_per_fte: '1.750 / year'",
            "write 1750/year for 1,750 hours a year, or 1.75/year for 1.75",
        ),
        (
            "training_hours_per_agent: 1.200",
            "staffing.training_hours_per_agent: 1.200 has three decimals: is the dot between "
            "thousands? — write 1200 for 1,200 training hours a year, or 1.2 for 1.2",
        ),
    ],
)
def test_hours_written_with_a_dot_between_thousands_are_asked(
    repo: Repo, cli: Cli, written: str, asked: str
) -> None:
    """1.800/year was read as 1.8 paid hours a year (so 120 training hours were 'more than
    the 2 hours an FTE is paid for'), and 1.200 training hours as 1.2 (a warning only)."""
    key = written.split(":")[0]
    line = next(x for x in ALIGNED.splitlines() if x.strip().startswith(key + ":"))
    repo.write("plans/acme.yaml", ALIGNED.replace(line, "  " + written))
    result = cli("check", "plans/acme.yaml")
    assert result.code == 2, result.out
    assert "plans/acme.yaml:" in result.err and asked in result.err, result.err


def test_staff_asks_paid_hours_written_with_a_dot_between_thousands(cli: Cli) -> None:
    result = cli(
        "staff", "--volume", "9000/month", "--aht", "6m", "--target", "80/20",
        "--kind", "voice", "--paid-hours", "1.800/year",
    )  # fmt: skip
    assert result.code == 2
    assert "--paid-hours: 1.800/year has three decimals" in result.err, result.err


@pytest.mark.parametrize(
    "written",
    [
        "paid_hours_per_fte: 40.000/week",  # 40,000 hours a week is no reading
        "paid_hours_per_fte: 1800.000/year",
        "paid_hours_per_fte: 1.80/year",
        "training_hours_per_agent: 120.000",
        "training_hours_per_agent: 0.000",
    ],
)
def test_hours_with_no_thousands_to_mistake_are_read(repo: Repo, cli: Cli, written: str) -> None:
    key = written.split(":")[0]
    line = next(x for x in ALIGNED.splitlines() if x.strip().startswith(key + ":"))
    repo.write("plans/acme.yaml", ALIGNED.replace(line, "  " + written))
    result = cli("check", "plans/acme.yaml")
    assert "three decimals" not in result.err, result.err


@pytest.mark.parametrize(
    ("config", "asked"),
    [
        (
            "guardrails:\n  max_budget_decrease: 50.000\n",
            ".cs-align.yaml:2:24: guardrails.max_budget_decrease: 50.000 has three decimals: "
            "is the dot between thousands? — write 50000 for 50,000, or 50 for 50",
        ),
        (
            "guardrails:\n  max_total: '1.600:warn'\n",
            "guardrails.max_total: 1.600 has three decimals: is the dot between thousands? "
            "— write 1600 for 1,600, or 1.6 for 1.6",
        ),
        (
            "guardrails:\n  max_budget_increase: {value: 25.000, action: warn}\n",
            "write 25000 for 25,000, or 25 for 25",
        ),
    ],
)
def test_config_money_limits_written_with_a_dot_between_thousands_are_asked(
    repo: Repo, cli: Cli, config: str, asked: str
) -> None:
    """A decrease limit of 50.000 was read as 50 (any cut past 50 blocked), a max_total of
    1.600 as 1.6: asked as a plan's total: 38.000 is."""
    repo.write("plans/acme.yaml", ALIGNED)
    repo.write(".cs-align.yaml", config)
    result = cli("check", "plans/acme.yaml")
    assert result.code == 2, result.out
    assert asked in result.err, result.err


def test_a_limit_variable_with_a_dot_between_thousands_is_asked(repo: Repo, cli: Cli) -> None:
    repo.write("plans/acme.yaml", ALIGNED)
    result = cli("check", "plans/acme.yaml", env={"CS_ALIGN_MAX_TOTAL": "9.500"})
    assert result.code == 2
    assert "9.500 has three decimals: is the dot between thousands?" in result.err


@pytest.mark.parametrize("limit", ["50000.000", "50.00", "5%", "5.000%", "0.5k"])
def test_limits_with_no_thousands_to_mistake_are_read(repo: Repo, cli: Cli, limit: str) -> None:
    repo.write("plans/acme.yaml", ALIGNED)
    repo.write(".cs-align.yaml", f"guardrails:\n  max_budget_decrease: '{limit}'\n")
    result = cli("check", "plans/acme.yaml")
    assert result.code == 0, result.err


@pytest.mark.parametrize(
    ("entry", "asked"),
    [
        (
            "{rule: reps-can-fix, min_refund_authority: 1.000}",
            "reps-can-fix: min_refund_authority: 1.000 has three decimals: is the dot between "
            "thousands? — write 1000 for 1,000, or 1 for 1",
        ),
        (
            "{rule: reps-can-fix, min_refund_authority: 1.500, currency: EUR}",
            "write 1500 for 1,500 EUR, or 1.5 for 1.5",
        ),
        (
            "{rule: training-hours, min_hours: 1.200}",
            "training-hours: min_hours: 1.200 has three decimals: is the dot between thousands? "
            "— write 1200 for 1,200 training hours a year, or 1.2 for 1.2",
        ),
        (
            "{rule: metric, metric: refund_authority, max: 2.500}",
            "metric: max: 2.500 has three decimals",
        ),
    ],
)
def test_strategy_thresholds_written_with_a_dot_between_thousands_are_asked(
    repo: Repo, cli: Cli, entry: str, asked: str
) -> None:
    """A strategy's refund floor of 1.000 was read as 1 (any plan could fix things on the
    spot), a training floor of 1.200 hours as 1.2."""
    own = f"id: ours\nname: Ours\nextends: delight\nrules:\n  - {entry}\n"
    repo.write("plans/strategies/ours.yaml", own)
    repo.write(
        "plans/acme.yaml", ALIGNED.replace("strategy: delight", "strategy: strategies/ours.yaml")
    )
    result = cli("check", "plans/acme.yaml")
    assert result.code == 2, result.out
    assert "plans/strategies/ours.yaml:5:" in result.err and asked in result.err, result.err


@pytest.mark.parametrize(
    "entry",
    [
        "{rule: reps-can-fix, min_refund_authority: 1.000, currency: KWD}",  # fils are 3 places
        "{rule: training-hours, min_hours: 10.000}",  # 10,000 hours are more than a year has
        "{rule: metric, metric: shrinkage, max: 0.450}",  # a share
        "{rule: no-overspend, max_cost_per_contact: 4.125}",  # a rate
    ],
)
def test_strategy_thresholds_with_no_thousands_to_mistake_are_read(
    repo: Repo, cli: Cli, entry: str
) -> None:
    own = f"id: ours\nname: Ours\nextends: delight\nrules:\n  - {entry}\n"
    repo.write("plans/strategies/ours.yaml", own)
    repo.write(
        "plans/acme.yaml", ALIGNED.replace("strategy: delight", "strategy: strategies/ours.yaml")
    )
    result = cli("check", "plans/acme.yaml")
    assert "three decimals" not in result.err, result.err


# ---- (c) a strategy entry read over the rule it inherits, not alone -------------------------

OWN = (
    "id: ours\nname: Ours\nextends: delight\nrules:\n"
    "  - {rule: metric, metric: shrinkage, severity: error}\n"
    "  - {rule: training-hours, min_hours: 100}\n"
    "  - {rule: answer-speed, live: 80% in 20s}\n"
    "  - {rule: goodwill-budget, min_share: 0.01}\n"
)


def _own_edited(repo: Repo, cli: Cli, *edits: tuple[str, str], own: str = OWN) -> str:
    plan = ALIGNED.replace("strategy: delight", "strategy: strategies/ours.yaml")
    on_main(repo, {"plans/acme.yaml": plan, "plans/strategies/ours.yaml": own})
    repo.write("plans/strategies/ours.yaml", _edit(own, *edits))
    return policy_notes(cli)


@pytest.mark.parametrize(
    "edits",
    [
        (("min_share: 0.01", 'min_share: "0.0100"'),),
        (("min_hours: 100", 'min_hours: "100.00"'),),
        (("live: 80% in 20s", "live: 80.0% in 20.0s"),),
        (
            ("  - {rule: metric, metric: shrinkage, severity: error}\n", ""),
            (
                "min_share: 0.01}",
                "min_share: 0.010}\n  - {metric: shrinkage, rule: metric, severity: error}",
            ),
        ),
    ],
)
def test_an_entry_overriding_some_options_rewritten_alike_is_no_policy_change(
    repo: Repo, cli: Cli, edits: tuple[tuple[str, str], ...]
) -> None:
    """The metric entry raises only the severity of delight's shrinkage bound: read alone it
    had no bound, so the whole file was unreadable and any rewrite of it "changed"."""
    assert _own_edited(repo, cli, *edits) == ""


@pytest.mark.parametrize(
    "edit",
    [
        ("min_hours: 100}", "min_hours: 100, funded: false}"),  # delight's funded: true dropped
        ("live: 80% in 20s}", "live: 80% in 20s, written: null}"),  # delight's e-mail bar gone
        ("metric: shrinkage, severity: error}", "metric: shrinkage, severity: error, min: 0}"),
        ("metric: shrinkage, severity: error}", "metric: shrinkage}"),
    ],
)
def test_an_entry_that_writes_an_option_it_inherited_is_a_policy_change(
    repo: Repo, cli: Cli, edit: tuple[str, str]
) -> None:
    """`funded: false` and `written: null` are the options' defaults, so the entry read alone
    said the same with or without them: the weakened file went unreported, and once merged
    judged every plan (training unfunded, e-mail answered in 3 days, no finding)."""
    # Without the metric entry, which read alone made any edit of the file a change.
    own = OWN.replace("  - {rule: metric, metric: shrinkage, severity: error}\n", "")
    notes = _own_edited(repo, cli, edit, own=own if "shrinkage" not in edit[0] else OWN)
    assert "plans/strategies/ours.yaml changed" in notes, notes


# ---- (a) an organisation renamed whole, a plan added under its new name -------------------

GROUP = "Example Delight Group"
EMAIL = ALIGNED[ALIGNED.index("  - id: email") : ALIGNED.index("  - id: help-centre")]


def _split(org: str, inbox_people: int = 279000) -> tuple[str, str]:
    """acme's plan without its e-mail line (4.5 FTE, 279,000 USD of people money and 32,400
    of training less), and a new plan of the e-mail line with that money, both naming
    ``org``."""
    text = ALIGNED.replace("Example Delight Co", org)
    phone = _edit(
        text.replace(EMAIL, ""),
        ("agents: 20.7", "agents: 16.2"),
        ("people: 1283400", "people: 1004400"),
        ("training: 149040", "training: 116640"),
        ("total: 1540241", "total: 1228841"),
    )
    head, rest = text.split("channels:\n", 1)
    inbox = _edit(
        head + "channels:\n" + EMAIL + rest[rest.index("staffing:\n") :],
        ("agents: 20.7", "agents: 4.5"),
        (
            "{people: 1283400, training: 149040, tooling: 82800, goodwill: 25001}",
            f"{{people: {inbox_people}, training: 32400, tooling: 0, goodwill: 3200}}",
        ),
        ("total: 1540241", f"total: {inbox_people + 35600}"),
    )
    return phone, inbox


def _moved_diff(cli: Cli, plan: str = "plans/acme.yaml") -> Result:
    return cli("diff", "--base-ref", "main", plan, *DECREASE, "--allow-policy-change")


@pytest.mark.parametrize("org", ["Example Delight Co", GROUP])
def test_a_line_moved_into_a_new_plan_of_a_renamed_organisation_is_no_cut(
    repo: Repo, cli: Cli, org: str
) -> None:
    """The e-mail line and its 311,400 USD moved into plans/inbox.yaml, a new plan of the
    organisation: passes under the old name, and under a new name the whole organisation
    takes (it read 'the plans naming Example Delight Co shrink together from 1,540,241 USD
    to 1,228,841 USD (-20.22%) as they are renamed Example Delight Group', and acme's note
    'people answer 2,645 contacts a week … 2,070 now (-21.7%): email is gone')."""
    phone, inbox = _split(org)
    repo.write("plans/acme.yaml", phone)
    repo.write("plans/inbox.yaml", inbox)
    result = _moved_diff(cli)
    assert result.code == 0, result.out
    assert _decreases(result) == []
    check = cli("check", "plans/", "--policy-ref", "main", "-f", "json", "--allow-policy-change")
    assert check.code == 0, check.out
    assert "email is gone" not in check.out


def test_a_renamed_organisation_s_new_plan_holding_less_than_was_cut_still_trips(
    repo: Repo, cli: Cli
) -> None:
    phone, inbox = _split(GROUP, inbox_people=100000)
    repo.write("plans/acme.yaml", phone)
    repo.write("plans/inbox.yaml", inbox)
    said = _decreases(_moved_diff(cli))
    assert any(
        "the plans naming Example Delight Co shrink together from 1,540,241 USD to 1,364,441 "
        "USD (-11.41%) as they are renamed Example Delight Group" in m
        for m in said
    ), said


def test_a_renamed_organisation_s_line_dropped_with_no_plan_to_take_it_is_said(
    repo: Repo, cli: Cli
) -> None:
    phone, _ = _split(GROUP)
    repo.write("plans/acme.yaml", phone)
    assert _decreases(_moved_diff(cli)), "a fifth of the money gone"
    check = cli("check", "plans/", "--policy-ref", "main", "-f", "json", "--allow-policy-change")
    assert "2,070 now (-21.7%)" in check.out, check.out


def test_another_organisation_s_plan_relabelled_to_the_new_name_brings_it_nothing(
    repo: Repo, cli: Cli
) -> None:
    """Zeta's plan at main relabelled to the renamed organisation's new name is Zeta's money,
    not money the renamed organisation kept: only a plan the change adds is one of its own."""
    zeta = _split("Zeta Widgets Ltd")[1]
    on_main(repo, {"plans/inbox.yaml": zeta})
    phone, inbox = _split(GROUP)
    repo.write("plans/acme.yaml", phone)
    repo.write("plans/inbox.yaml", inbox)
    assert _decreases(_moved_diff(cli))


# ---- (b) a new plan's new kind, its organisation under several strategies at the start ----


MIX = "{primary: fast-food, by_channel: {phone: delight}}"


def _two_strategies_then(
    repo: Repo, monkeypatch: pytest.MonkeyPatch, hours: int, mix: bool = False
) -> None:
    """100 days ago the organisation's phone-only plans declared delight (acme) and
    fast-food (east), or with ``mix`` acme alone a mix of the two; 5 days ago they moved to
    strategies/ours.yaml, which lowers e-mail's bar to 50% in 48h; the change adds
    plans/inbox.yaml under ours.yaml with an e-mail line promising ``hours`` business hours."""
    east = _phone_only("fast-food").replace("\n", "\n# east\n", 1)
    then = (
        {"plans/acme.yaml": _phone_only(MIX)}
        if mix
        else {
            "plans/acme.yaml": _phone_only(),
            "plans/east.yaml": east,
        }
    )
    day = dt.datetime.now(dt.UTC) - dt.timedelta(days=100)
    with monkeypatch.context() as patch:
        patch.setenv("GIT_COMMITTER_DATE", day.isoformat())
        patch.setenv("GIT_AUTHOR_DATE", day.isoformat())
        on_main(repo, then, "two strategies")
    day = dt.datetime.now(dt.UTC) - dt.timedelta(days=5)
    with monkeypatch.context() as patch:
        patch.setenv("GIT_COMMITTER_DATE", day.isoformat())
        patch.setenv("GIT_AUTHOR_DATE", day.isoformat())
        files = {
            "plans/acme.yaml": _phone_only("strategies/ours.yaml"),
            "plans/east.yaml": east.replace(
                "strategy: fast-food", "strategy: strategies/ours.yaml"
            ),
            "plans/strategies/ours.yaml": OURS,
        }
        on_main(repo, files, "a strategy of our own")
    email = _edit(
        EMAIL,
        ("first_response: 4 business hours", f"first_response: {hours} business hours"),
        ("agents: 4.5", "agents: 3.3"),
    )
    repo.write("plans/inbox.yaml", _phone_only("strategies/ours.yaml", email) + "# inbox\n")


@pytest.mark.parametrize("mix", [False, True])
@pytest.mark.parametrize(("hours", "said"), [(48, True), (4, False)])
def test_a_new_plan_s_new_kind_answers_to_the_strictest_strategy_its_organisation_declared(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch, hours: int, said: bool, mix: bool
) -> None:
    """With one strategy at the start (delight) the 48-hour e-mail line was said to fail
    delight's 90% in 4h; with two (delight and fast-food: two plans, or one plan mixing
    them) nothing was said and it passed."""
    _two_strategies_then(repo, monkeypatch, hours, mix)
    notes = policy_notes(cli, "plans/inbox.yaml")
    assert (
        "email (email, a kind its organisation's plans had no line of at main on " in notes
        and ") fails answer-speed under delight, one of the strategies its organisation's "
        "plans declared there (delight, fast-food), the strictest of which judges it: email: "
        "promises a first response within 48 business hours; this strategy needs at least 90% "
        "in 4h"
        in notes
        and "main judges it by strategies/ours.yaml" in notes
    ) is said, notes
    assert notes.count("fails answer-speed") == int(said), notes


@pytest.mark.parametrize(("hours", "said"), [(48, True), (4, False)])
def test_a_new_plan_under_a_file_its_organisation_did_not_declare_at_the_start_meets_its_bar(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch, hours: int, said: bool
) -> None:
    """strategies/ours.yaml (e-mail at 50% in 48h) was there 100 days ago, declared by no
    plan; acme (delight) moved to it 5 days ago. A new plan under it with a 48-hour e-mail
    line was judged by ours.yaml as it read at the start, as lax, and passed unsaid; the
    same line added to acme was held to delight, acme's strategy there."""
    day = dt.datetime.now(dt.UTC) - dt.timedelta(days=100)
    with monkeypatch.context() as patch:
        patch.setenv("GIT_COMMITTER_DATE", day.isoformat())
        patch.setenv("GIT_AUTHOR_DATE", day.isoformat())
        on_main(repo, {"plans/acme.yaml": _phone_only(), "plans/strategies/ours.yaml": OURS})
    day = dt.datetime.now(dt.UTC) - dt.timedelta(days=5)
    with monkeypatch.context() as patch:
        patch.setenv("GIT_COMMITTER_DATE", day.isoformat())
        patch.setenv("GIT_AUTHOR_DATE", day.isoformat())
        on_main(repo, {"plans/acme.yaml": _phone_only("strategies/ours.yaml")})
    email = _edit(
        EMAIL,
        ("first_response: 4 business hours", f"first_response: {hours} business hours"),
        ("agents: 4.5", "agents: 3.3"),
    )
    repo.write("plans/inbox.yaml", _phone_only("strategies/ours.yaml", email) + "# inbox\n")
    notes = policy_notes(cli, "plans/inbox.yaml")
    assert (
        "fails answer-speed under delight, the strategy its organisation's plans declared "
        "there: email: promises a first response within 48 business hours"
        in notes
        and "main judges it by strategies/ours.yaml" in notes
    ) is said, notes


def _guardrails(result: Result) -> list[str]:
    return [g["message"] for g in json.loads(result.out)["diff"]["guardrails"]]


@pytest.mark.parametrize("org", ["Example Delight Co", GROUP])
def test_a_new_plan_of_a_renamed_organisation_is_judged_with_its_plans(
    repo: Repo, cli: Cli, org: str
) -> None:
    """acme kept whole and a new plans/inbox.yaml of 314,600 USD beside it: under the old
    name the two grow together past the 5% limit and the 1,600,000 USD cap; under a new name
    the organisation took whole (approved as a rename), the new plan was judged alone and
    passed ('a 5% limit cannot apply to it, so it is reported, not blocked')."""
    repo.write("plans/acme.yaml", ALIGNED.replace("Example Delight Co", org))
    repo.write("plans/inbox.yaml", _split(org)[1])
    result = cli(
        "diff", "--base-ref", "main", "plans/inbox.yaml", "--max-total", "1600000",
        "-f", "json", "--allow-policy-change",
    )  # fmt: skip
    assert result.code == 1, result.out
    said = _guardrails(result)
    was = "" if org == "Example Delight Co" else " (Example Delight Co at main)"  # gate57
    assert any(
        f"the plans naming {org} grow together from 1,540,241 USD{was} to 1,854,841 USD" in m
        for m in said
    ), said
    assert any(
        f"the plans naming {org} spend 1,854,841 USD a year together with this one, "
        f"1,540,241 USD at the base{was}: above the cap of 1,600,000 USD by 254,841 USD" in m
        for m in said
    ), said


def test_a_plan_named_as_a_part_split_off_is_still_a_new_organisation_s(
    repo: Repo, cli: Cli
) -> None:
    """East keeps Example Delight Co while acme is relabelled Example Delight Group: no
    rename of the whole, so a new plan of the Group is the Group's alone, as before."""
    on_main(repo, {"plans/east.yaml": ALIGNED.replace("\n", "\n# east\n", 1)})
    repo.write("plans/acme.yaml", ALIGNED.replace("Example Delight Co", GROUP))
    repo.write("plans/inbox.yaml", _split(GROUP)[1])
    result = cli(
        "diff", "--base-ref", "main", "plans/inbox.yaml", "-f", "json", "--allow-policy-change"
    )
    said = _guardrails(result)
    assert not any("grow together" in m for m in said), said
