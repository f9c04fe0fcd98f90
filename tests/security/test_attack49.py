"""Red team attack49: inputs and pull requests that made cs-align stop or pass what main's
policy fails (see /work/h-attack49-report.md)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, Invoke, Result
from tests.security.conftest import Repo, on_main

Cli = Callable[..., Result]

ALIGNED = (EXAMPLES / "delight-aligned.yaml").read_text(encoding="utf-8")


# ---- A01: a staff need past Decimal's 28 digits ----------------------------------------------


@pytest.mark.parametrize(
    ("edits", "where"),
    [
        # 1 - 0.999999999999999999999 = 1e-21 of paid time left for contacts: the phone's
        # 5.37 agents on shift for 60 h a week need 5.37 * 60 * 52.18 / (1800 * 1e-21)
        # = 9.3e21 FTE, at 62,000 USD each 5.8e26 USD: 29 digits with the cents.
        (
            [("shrinkage: 32%", "shrinkage: 99.9999999999999999999%")],
            "plan.yaml:34:14: staffing.shrinkage: channel phone needs about",
        ),
        # 1e-21 paid hours a week: the same staff need 1.8e27 times as many FTE.
        (
            [
                (
                    "paid_hours_per_fte: 1800/year",
                    "paid_hours_per_fte: 0.000000000000000000001/week",
                ),
                ("training_hours_per_agent: 120", "training_hours_per_agent: 0"),
            ],
            "plan.yaml:36:23: staffing.paid_hours_per_fte: channel phone needs about",
        ),
    ],
    ids=["shrinkage", "paid-hours"],
)
@pytest.mark.parametrize("command", ["check", "whatif", "promise", "report", "fix"])
def test_a_staff_need_past_what_a_plan_can_staff_is_refused_at_its_line(
    tmp_path: Path, invoke: Invoke, edits: list[tuple[str, str]], where: str, command: str
) -> None:
    """attack49 A01 made such a plan judged rather than an internal error: misaligned, its
    budget "short by" a 27-digit figure, its FTE shown with the tenths lost
    (2,614,379,084,967,320,261,438 to keep occupancy under the ceiling). Past 10^9 FTE, the
    most a plan can write (`agents`), figures are no longer exact: now unusable input, exit
    2, at the staffing line, with what to write (review p-fix51o 6)."""
    folder = tmp_path
    text = ALIGNED
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    (folder / "plan.yaml").write_text(text, encoding="utf-8")
    extra = ["-o", "out.md"] if command == "report" else []
    result = invoke(command, "plan.yaml", *extra, cwd=folder)
    assert "internal error" not in result.err and "Traceback" not in result.err, result.err
    assert result.code == 2, result.err
    assert where in result.err
    assert "FTE, more than the 1,000,000,000 a plan can staff" in result.err
    assert "e.g. paid_hours_per_fte: 1800/year, shrinkage: 30%" in result.err


def test_channels_that_together_need_more_than_a_plan_can_staff_are_refused(
    tmp_path: Path, invoke: Invoke
) -> None:
    """99.9999988% shrinkage leaves an FTE 1,800 × 1.2e-8 = 2.16e-5 productive hours a year:
    each channel alone stays under 10^9 FTE (phone about 8.7e8), the two together do not
    (review p-fix51o 6)."""
    text = ALIGNED.replace("shrinkage: 32%", "shrinkage: 99.9999988%")
    (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
    result = invoke("check", "plan.yaml", cwd=tmp_path)
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith(
        "plan.yaml:34:14: staffing.shrinkage: the channels together need about 1.09 × 10^9 "
        "FTE, more than the 1,000,000,000 a plan can staff"
    ), result.err
    assert "an FTE gives 2.16 × 10^-5 productive hours a year" in result.err


def test_the_most_a_plan_can_staff_is_still_judged_exactly(tmp_path: Path, invoke: Invoke) -> None:
    """Below the bound a plan is judged, its figures exact: 99.99999% shrinkage leaves an
    FTE 0.18 productive hours a year (1,800 × 1e-7), so the phone's 5.37 on shift need
    93,403,836.5 FTE; at 62,000 USD each, 5.8e12 USD, written to the cent (review p-fix51o
    6)."""
    text = ALIGNED.replace("shrinkage: 32%", "shrinkage: 99.99999%")
    (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
    result = invoke("check", "plan.yaml", "-f", "json", cwd=tmp_path)
    assert result.code == 1, result.err
    findings = json.loads(result.out)["plans"][0]["findings"]
    staffing = next(f for f in findings if f["rule"] == "staffing-meets-targets")
    assert "needs 93,403,836.5 FTE" in staffing["message"]
    budget = next(f for f in findings if f["rule"] == "budget-funds-targets")
    assert "USD short" in budget["message"] and "e+" not in budget["message"].lower()


# ---- A02: a plan GitHub reads as generated, with no .gitattributes ---------------------------


@pytest.mark.parametrize(
    ("name", "text", "hidden"),
    [
        ("plans/__generated__/acme.yaml", "", True),
        ("plans/node_modules/acme.yaml", "", True),
        ("plans/.idea/acme.yaml", "", True),
        ("plans/acme-pnpm-lock.yaml", "", True),
        ("plans/Cargo.lock.yaml", "", True),
        ("Pods/plans/acme.yaml", "", True),
        ("plans/vendor/github.com/acme.yaml", "", True),
        ("plans/.pnp.acme.yaml", "", True),
        ("plans/acme.yml", "version: 1\n# recorded_with: VCR 6.0\n", True),
        # Linguist's rules are case-sensitive, and its VCR rule reads `.yml` files only,
        # at their second-to-last line (the last, in a file ending in a line break)
        ("plans/acme.yaml", "version: 1\n# recorded_with: VCR 6.0\n", False),
        ("plans/acme.yml", "version: 1\n# recorded_with: VCR 6.0\n\n", False),
        ("plans/cargo.lock.yaml", "", False),
        ("plans/generated/acme.yaml", "", False),
        ("plans/vendor/acme.yaml", "", False),
        ("plans/acme.yaml", "version: 1\n", False),
    ],
)
def test_github_s_generated_files_are_told_by_linguist_s_rules(
    name: str, text: str, hidden: bool
) -> None:
    from cs_align.linguist import generated

    assert (generated(name, text) is not None) is hidden


# ---- A03: a budget line by a look-alike name ------------------------------------------------

FAST_FOOD = (EXAMPLES / "fast-food-aligned.yaml").read_text(encoding="utf-8")
LINES = "lines: {people: 1283400, training: 49680, tooling: 82800, goodwill: 0}"


@pytest.mark.parametrize(
    "goodwill",
    [
        '"g\u043e\u043edwill": 150000',  # Cyrillic о's: the diff shows `goodwill`
        "goodwiIl: 150000",  # a capital I for the l
        "Goodwill: 150000",
        '"good will": 150000',
        "goodwill: 0, Goodwill: 150000",  # a second line beside the one spelt so
    ],
)
def test_a_goodwill_line_spelt_otherwise_is_capped_as_goodwill(
    repo: Repo, cli: Cli, goodwill: str
) -> None:
    """Before: fast-food caps goodwill at 1% of the budget (no-overspend, an error), and a
    pull request raising main's fast-food plan's goodwill to 150,000 of 1,565,880 (9.6%)
    failed the gate, but passed it (exit 0) with the line spelt `gооdwill`, which the diff
    shows as goodwill. Now every line that reads as `goodwill` is the goodwill line."""
    on_main(repo, {"plans/acme.yaml": FAST_FOOD})
    assert LINES in FAST_FOOD
    grown = FAST_FOOD.replace("total: 1415880", "total: 1565880").replace(
        LINES, LINES.replace("goodwill: 0", goodwill)
    )
    repo.write("plans/acme.yaml", grown)
    repo.commit("remedies")
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main", "-f", "json")
    assert result.code == 1, result.err
    findings = json.loads(result.out)["plans"][0]["findings"]
    (capped,) = [f for f in findings if f["rule"] == "no-overspend"]
    # 150,000 / 1,565,880 = 9.58%; the cap is 1% of 1,565,880 = 15,658.80
    assert capped["message"].startswith("goodwill is 150,000 USD (9.6% of the budget) (the line")
    assert "15,658.80 USD of this total" in capped["message"]
    assert capped["severity"] == "error"


def test_a_training_line_spelt_otherwise_funds_training(invoke: Invoke, tmp_path: Path) -> None:
    """The other side of reading a line as a reviewer does: a delight plan's training line
    written `Training` is its training line, not 'no `training` line'."""
    assert "training: 149040" in ALIGNED
    (tmp_path / "plan.yaml").write_text(
        ALIGNED.replace("training: 149040", "Training: 149040"), encoding="utf-8"
    )
    result = invoke("check", "plan.yaml", "-f", "json", cwd=tmp_path)
    assert result.code == 0, result.out
    rules = [f["rule"] for f in json.loads(result.out)["plans"][0]["findings"]]
    assert "training-hours" not in rules


@pytest.mark.parametrize(
    ("text", "word", "same"),
    [
        ("Goodwill", "goodwill", True),
        ("good-will", "goodwill", True),
        ("goodwi1l", "goodwill", True),
        ("g\u043e\u043edwill", "goodwill", True),
        ("goodwi\u200bll", "goodwill", True),
        ("goodwills", "goodwill", False),
        ("tooling", "goodwill", False),
        ("trainings", "training", False),
    ],
)
def test_a_line_name_reads_as_a_reviewer_reads_it(text: str, word: str, same: bool) -> None:
    from cs_align.names import reads_as

    assert reads_as(text, word) is same


# ---- A04: a volume per clock interval past 28 digits ----------------------------------------


@pytest.mark.parametrize("volume", ["1e30/1s", "9999999999999999999999999999/1s", "1e39/30m"])
def test_a_volume_per_clock_interval_too_large_to_suggest_is_refused_where_written(
    invoke: Invoke, tmp_path: Path, volume: str
) -> None:
    """Before: exit 2 'internal error while checking this plan: InvalidOperation — please
    report it' (the hint 'write N/hour' rounded 3.6e33 to the hundredth). Now the volume is
    refused at its line and column with the usual fix."""
    old = "volume: {contacts: 9000, per: month}"
    assert old in ALIGNED
    (tmp_path / "plan.yaml").write_text(
        ALIGNED.replace(old, f'volume: "{volume}"'), encoding="utf-8"
    )
    result = invoke("check", "plan.yaml", cwd=tmp_path)
    assert result.code == 2
    assert "internal error" not in result.err
    assert f"plan.yaml:15:13: channels[phone].volume: '{volume}' is not a volume" in result.err
    assert "write e.g. 4000/month" in result.err


def test_a_volume_per_clock_interval_still_gets_its_hourly_figure(
    invoke: Invoke, tmp_path: Path
) -> None:
    old = "volume: {contacts: 9000, per: month}"
    (tmp_path / "plan.yaml").write_text(ALIGNED.replace(old, 'volume: "120/30m"'), "utf-8")
    result = invoke("check", "plan.yaml", cwd=tmp_path)
    assert result.code == 2
    assert "write 240/hour" in result.err  # 120 in 30 minutes = 240 an hour


def test_a_share_past_28_digits_is_written_out() -> None:
    from decimal import Decimal

    from cs_align.units import fmt_percent

    # 1e25 x 100 = 1e27 %, an exact whole number of percent
    assert fmt_percent(Decimal("1e25")) == "1" + "0" * 27 + "%"
