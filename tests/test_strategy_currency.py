"""A strategy's money thresholds carry their currency: the built-in ones are in USD, and a plan
in another currency is held to them at the rate it states (`exchange_rates`), rounded to its
minor unit the strict way, or told they cannot be compared; never read as its own money
(review: a yen plan was told it needs a refund authority of 50 yen, and `fix` wrote 50)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from cs_align.engine import CheckOptions, assess
from cs_align.fixer import fix
from cs_align.loader import parse_plan
from tests.conftest import GOOD, Invoke, Repo, Result
from tests.security.conftest import on_main, policy_notes

Cli = Callable[..., Result]

# delight-aligned, its refund authority 30 in the plan's currency (200 in the example).
USD_30 = GOOD.replace("refund_authority: 200 ", "refund_authority: 30  ")


def in_currency(currency: str, text: str = USD_30, rates: str = "") -> str:
    out = text.replace("currency: USD", f"currency: {currency}")
    return out + (f"exchange_rates: {rates}\n" if rates else "")


def refund_findings(text: str) -> list[tuple[str, str, str]]:
    report = assess(parse_plan(text, "plan.yaml"), CheckOptions(), reveal=False)
    return [
        (f.severity.name, f.message, f.fix)
        for f in report.findings
        if f.counts and f.rule in ("reps-can-fix", "metric")
    ]


def fixed_authority(text: str) -> str | None:
    loaded = parse_plan(text, "plan.yaml")
    result = fix(text, loaded, CheckOptions(), False)
    return next((c.after for c in result.changes if c.path == "staffing.refund_authority"), None)


def test_a_usd_floor_in_a_yen_plan_without_a_rate_is_not_compared() -> None:
    # 30 JPY is about 0.20 USD: delight's floor of 50 USD is not met, but 50 is not the yen
    # figure either; without a rate the finding says it cannot be checked, and what to add.
    (found,) = refund_findings(in_currency("JPY"))
    assert found == (
        "error",
        "a refund authority of at least 50 USD cannot be checked: the strategy states it in "
        "USD and the plan, in JPY, gives no rate for USD",
        "add `exchange_rates: {USD: …}` to the plan (how many JPY one USD buys), or judge it "
        "by a strategy that states the threshold in JPY",
    )
    # A yen plan whose reps may spend 200 yen (the example's figure) is not passed either.
    assert refund_findings(in_currency("JPY", GOOD))[0][1].startswith(
        "a refund authority of at least 50 USD cannot be checked"
    )


def test_fix_writes_no_amount_without_the_rate(invoke: Invoke, tmp_path: Path) -> None:
    text = in_currency("JPY")
    assert fixed_authority(text) is None
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    result = invoke("fix", str(plan), "-f", "diff", cwd=tmp_path)
    assert "refund_authority: 50" not in result.out
    assert result.code == 1  # left to a person: the rate to state


def test_a_usd_floor_is_converted_at_the_plans_rate_and_rounded_up() -> None:
    # 50 USD × 155.37 JPY a USD = 7,768.5 JPY; the yen has no minor unit, and a floor is
    # rounded up: 7,769 (7,768 would let a rep below the strategy's 50 USD pass).
    text = in_currency("JPY", rates="{USD: 155.37}")
    (found,) = refund_findings(text)
    assert found == (
        "error",
        "reps may spend 30 JPY to fix a problem without approval; this strategy needs at "
        "least 7,769 JPY (50 USD at 155.37 JPY a USD)",
        "set staffing.refund_authority to at least 7769",
    )
    assert fixed_authority(text) == "7769"
    kept = text.replace("refund_authority: 30  ", "refund_authority: 7769")
    assert refund_findings(kept) == []
    short = text.replace("refund_authority: 30  ", "refund_authority: 7768")
    assert [f[0] for f in refund_findings(short)] == ["error"]


def test_a_dinar_plan_is_not_asked_for_250_dinars() -> None:
    # extraordinary-trust: at least 250 USD. At 0.307 KWD a USD that is 76.750 KWD (KWD has
    # three decimals); reps who may spend 200 KWD (about 650 USD) meet it. Read as dinars,
    # 250 KWD (about 815 USD) failed them.
    text = in_currency("KWD", GOOD, "{USD: 0.307}").replace(
        "strategy: delight", "strategy: extraordinary-trust"
    )
    assert [f for f in refund_findings(text) if "spend" in f[1]] == []
    low = text.replace("refund_authority: 200 ", "refund_authority: 76.7")
    (found,) = [f for f in refund_findings(low) if "spend" in f[1]]
    assert "needs at least 76.750 KWD (250 USD at 0.307 KWD a USD)" in found[1]
    assert fixed_authority(low) == "76.75"


def test_a_usd_ceiling_is_converted_and_rounded_down() -> None:
    # fast-food: refund authority at most 25 USD. 25 × 155.37 = 3,884.25 JPY, a ceiling
    # rounded down: 3,884 (3,885 would let 0.75 yen over the strategy's 25 USD).
    base = in_currency("JPY", rates="{USD: 155.37}").replace(
        "strategy: delight", "strategy: fast-food"
    )
    over = base.replace("refund_authority: 30  ", "refund_authority: 3885")
    (found,) = [f for f in refund_findings(over) if "refund_authority" in f[1]]
    assert found[1] == (
        "refund_authority is 3,885 JPY, above the maximum 3,884 JPY (the strategy's maximum "
        "25 USD, at 155.37 JPY a USD)"
    )
    assert fixed_authority(over) == "3884"
    at = base.replace("refund_authority: 30  ", "refund_authority: 3884")
    assert [f for f in refund_findings(at) if "refund_authority" in f[1]] == []
    # Without the rate: not compared, and fix writes no amount (it wrote 25 yen).
    bare = in_currency("JPY").replace("strategy: delight", "strategy: fast-food")
    bare = bare.replace("refund_authority: 30  ", "refund_authority: 3885")
    (found,) = [f for f in refund_findings(bare) if "refund_authority" in f[1]]
    assert found[1] == (
        "refund_authority at most 25 USD cannot be checked: the strategy states it in USD and "
        "the plan, in JPY, gives no rate for USD"
    )
    assert fixed_authority(bare) is None


def test_a_usd_plan_is_judged_as_before() -> None:
    (found,) = refund_findings(USD_30)
    assert found[1] == (
        "reps may spend 30 USD to fix a problem without approval; this strategy needs at "
        "least 50 USD"
    )


def test_an_amount_a_users_strategy_writes_without_currency_is_the_plans(tmp_path: Path) -> None:
    # `extends: delight` with its own floor of 5,000: meant in yen for a yen plan, as a
    # strategy file's bare amount always was, not 5,000 USD inherited from delight's entry.
    (tmp_path / "ours.yaml").write_text(
        "id: ours\nname: Ours\nextends: delight\nrules:\n"
        "  - {rule: reps-can-fix, min_refund_authority: 5000}\n",
        encoding="utf-8",
    )
    text = in_currency("JPY").replace("strategy: delight", "strategy: ours.yaml")
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    report = assess(parse_plan(text, str(path), path), CheckOptions(), reveal=False)
    found, said = [f for f in report.findings if f.counts and f.rule == "reps-can-fix"]
    assert found.message == (
        "reps may spend 30 JPY to fix a problem without approval; this strategy needs at "
        "least 5,000 JPY"
    )
    # ... and said to be read so, as delight's entry it overrides is in USD (review outputs60)
    assert said.message.startswith("the strategy's min_refund_authority: 5000 (")


def test_an_amount_without_currency_over_a_usd_entry_is_warned_of(
    invoke: Invoke, tmp_path: Path
) -> None:
    """Review outputs60: `extends: delight` with `min_refund_authority: 50` judged a yen plan
    by 50 yen without a word, where delight's entry is 50 USD: the author may have meant
    either. A plan in another currency than the entry's gets a warning at its `currency:`,
    naming the strategy's file:line:col and both ways to write it; a USD plan reads the
    amount alike either way, and an entry that writes its currency is plain."""
    ours = tmp_path / "ours.yaml"
    entry = "  - {rule: reps-can-fix, min_refund_authority: 50}\n"
    ours.write_text(f"id: ours\nname: Ours\nextends: delight\nrules:\n{entry}", "utf-8")
    yen = tmp_path / "yen.yaml"
    text = in_currency("JPY", GOOD).replace("strategy: delight", "strategy: ours.yaml")
    yen.write_text(text, encoding="utf-8")
    line = text.splitlines().index("currency: JPY") + 1
    result = invoke("check", str(yen), "-f", "json")
    (said,) = [f for f in json.loads(result.out)["plans"][0]["findings"] if f["path"] == "currency"]
    assert result.code == 0 and (said["rule"], said["severity"]) == ("reps-can-fix", "warning")
    assert (said["line"], said["column"]) == (line, 11)
    assert said["message"] == (
        f"the strategy's min_refund_authority: 50 ({ours}:5:48) states no currency over an "
        "entry in USD: it is read in the plan's JPY"
    )
    assert said["fix"] == (
        "write `currency: USD` on that entry if the amount is in USD (the plan then states "
        "`exchange_rates: {USD: …}`), or `currency: JPY` if it is in the plan's"
    )
    # The panel does not say every rule holds beside it (review outputs60, left: "27/27 rules
    # hold" read beside the warning).
    panel = invoke("check", str(yen)).out
    assert "rules hold, 1 rule judged by an amount with no currency (fit" in panel
    # `fix` leaves it to the strategy's author, changing nothing, and says so.
    fixed = json.loads(invoke("fix", str(yen), "-f", "json").out)
    assert fixed["changes"] == [] and [d["decision"] for d in fixed["decisions"]] == [
        "say which currency the strategy's amount is in (fix does not guess it): " + said["fix"]
    ]
    # A strategy that extends ours.yaml and only changes the severity inherits the question.
    child = tmp_path / "child.yaml"
    child.write_text(
        "id: child\nname: Child\nextends: ours.yaml\nrules:\n"
        "  - {rule: reps-can-fix, severity: warning}\n",
        encoding="utf-8",
    )
    yen.write_text(text.replace("strategy: ours.yaml", "strategy: child.yaml"), encoding="utf-8")
    assert "states no currency over an entry in USD" in invoke("check", str(yen)).out
    usd = tmp_path / "usd.yaml"
    usd.write_text(GOOD.replace("strategy: delight", "strategy: ours.yaml"), encoding="utf-8")
    assert "states no currency" not in invoke("check", str(usd)).out
    ours.write_text(ours.read_text("utf-8").replace("50}", "50, currency: JPY}"), "utf-8")
    yen.write_text(text, encoding="utf-8")
    assert "states no currency" not in invoke("check", str(yen)).out


def test_a_cost_per_contact_ceiling_in_another_currency(tmp_path: Path) -> None:
    # delight-aligned: 1,540,241 USD a year over (9,000 + 2,500) × 12 = 138,000 contacts is
    # 11.1612 USD a contact, above a ceiling of 1 EUR at 1.1 USD a EUR (1.10 USD); with no
    # rate the ceiling is not compared.
    (tmp_path / "ours.yaml").write_text(
        "id: ours\nname: Ours\nextends: delight\nrules:\n"
        "  - {rule: no-overspend, max_cost_per_contact: 1, currency: EUR}\n",
        encoding="utf-8",
    )
    text = GOOD.replace("strategy: delight", "strategy: ours.yaml")
    for rates, expected in (
        ("", "cost per contact at most 1 EUR cannot be checked"),
        ("{EUR: 1.1}", "this strategy expects at most 1.10 USD (1 EUR at 1.1 USD a EUR)"),
    ):
        body = text + (f"exchange_rates: {rates}\n" if rates else "")
        path = tmp_path / "plan.yaml"
        path.write_text(body, encoding="utf-8")
        report = assess(parse_plan(body, str(path), path), CheckOptions(), reveal=False)
        messages = [f.message for f in report.findings if f.counts and f.rule == "no-overspend"]
        assert any(expected in m for m in messages), messages


@pytest.mark.parametrize(
    ("rates", "message"),
    [
        ("{JPY: 1}", "exchange_rates gives a rate for JPY, the plan's own currency"),
        ("{USD: 0}", "an exchange rate of 0 buys nothing"),
        ("{usd: 155}", "'usd' must be upper case"),
    ],
)
def test_a_rate_the_plan_cannot_mean_is_exit_2(
    invoke: Invoke, tmp_path: Path, rates: str, message: str
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(in_currency("JPY", rates=rates), encoding="utf-8")
    result = invoke("check", str(plan), cwd=tmp_path)
    assert result.code == 2
    assert message in result.err and "Traceback" not in result.err
    line = len(USD_30.splitlines()) + 1
    assert f"plan.yaml:{line}:" in result.err


def test_a_currency_on_a_bound_of_no_money_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    (tmp_path / "ours.yaml").write_text(
        "id: ours\nname: Ours\nextends: delight\nrules:\n"
        "  - {rule: metric, metric: shrinkage, min: 0.3, currency: USD}\n",
        encoding="utf-8",
    )
    plan = tmp_path / "plan.yaml"
    plan.write_text(GOOD.replace("strategy: delight", "strategy: ours.yaml"), encoding="utf-8")
    result = invoke("check", str(plan), cwd=tmp_path)
    assert result.code == 2
    assert "shrinkage is no amount of money" in result.err


def test_a_rate_changed_in_a_pull_request_is_a_policy_change(repo: Repo, cli: Cli) -> None:
    # The rate decides the threshold as much as the strategy does: 50 USD is 7,769 JPY at
    # 155.37 and 78 JPY at 1.55 (77.5 up), so a rate cut a hundredfold passes reps who may
    # spend 100 yen. The gate asks a reviewer, as it does for a threshold.
    jpy = in_currency("JPY", GOOD.replace("refund_authority: 200 ", "refund_authority: 7769"))
    on_main(repo, {"plans/acme.yaml": jpy + "exchange_rates: {USD: 155.37}\n"})
    cheap = jpy.replace("refund_authority: 7769", "refund_authority: 100 ")
    repo.write("plans/acme.yaml", cheap + "exchange_rates: {USD: 1.55}\n")
    repo.commit("a cheaper dollar")
    assert refund_findings(cheap + "exchange_rates: {USD: 1.55}\n") == []
    assert "exchange_rates: {USD: 155.37} → {USD: 1.55}" in policy_notes(cli)
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main")
    assert result.code == 1, result.out


def test_a_rate_in_a_new_plan_of_a_known_organisation_is_a_policy_change(
    repo: Repo, cli: Cli
) -> None:
    # A plan the change adds for an organisation main has plans for states its own rate:
    # at {USD: 1.55} delight's 50 USD floor is 78 JPY, so reps who may spend 100 yen pass
    # it. There is no rate at main to compare with; the reviewer is asked. (main has
    # plans/acme.yaml, the organisation's plan, as the repo fixture makes it.)
    jpy = in_currency("JPY", GOOD.replace("refund_authority: 200 ", "refund_authority: 100 "))
    repo.write("plans/acme-japan.yaml", jpy + "exchange_rates: {USD: 1.55}\n")
    repo.commit("a Japanese team, priced at a cheap dollar")
    notes = policy_notes(cli, "plans/acme-japan.yaml")
    assert "exchange_rates: {USD: 1.55} in a plan that is new for " in notes, notes


def _drop_authority(text: str) -> str:
    return "".join(
        line for line in text.splitlines(keepends=True) if "refund_authority:" not in line
    )


@pytest.mark.parametrize(
    ("strategy", "rule", "judged"),
    [
        ("delight", "reps-can-fix", "a refund authority of at least 50 USD"),
        ("fast-food", "metric", "refund_authority at most 25 USD"),
    ],
)
def test_a_money_figure_the_plan_leaves_out_is_asked_for_with_the_rate(
    strategy: str, rule: str, judged: str
) -> None:
    # A euro plan that states no refund authority was told only to add a rate for USD; once
    # the rate was added, the same finding asked for the refund authority: two rounds for
    # one gap. Both are asked for at once.
    text = _drop_authority(in_currency("EUR", GOOD)).replace(
        "strategy: delight", f"strategy: {strategy}"
    )
    report = assess(parse_plan(text, "plan.yaml"), CheckOptions(), reveal=False)
    (found,) = [f for f in report.findings if f.rule == rule and "refund" in f.message]
    assert found.message == (
        f"{judged} cannot be checked: the plan states no staffing.refund_authority, nor a rate "
        "for USD (the strategy states it in USD, the plan is in EUR)"
    )
    assert found.fix == (
        "add `staffing.refund_authority: …` (in EUR) and `exchange_rates: {USD: …}` (how many "
        "EUR one USD buys), or judge it by a strategy that states the threshold in EUR"
    )


def test_a_cost_per_contact_ceiling_without_budget_or_rate_asks_for_both(tmp_path: Path) -> None:
    (tmp_path / "ours.yaml").write_text(
        "id: ours\nname: Ours\nextends: delight\nrules:\n"
        "  - {rule: no-overspend, max_cost_per_contact: 1, currency: EUR}\n",
        encoding="utf-8",
    )
    text = GOOD.replace("strategy: delight", "strategy: ours.yaml")
    text = text[: text.index("budget:")]
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    report = assess(parse_plan(text, str(path), path), CheckOptions(), reveal=False)
    (found,) = [f for f in report.findings if "cost per contact" in f.message]
    assert "the plan states no budget.total, nor a rate for EUR" in found.message
    assert found.fix.startswith("add `budget.total: …` (in USD) and `exchange_rates: {EUR: …}`")
