"""Review input58: figures that are valid in form but no plan's, refused where they are
written, never an internal error."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.security.conftest import ALIGNED, Repo, Result, cli, repo

__all__ = ["cli", "repo"]

Cli = Callable[..., Result]

MILLION_DIGITS = "6" + "0" * 1_000_000 + "m"
TINY = "0." + "0" * 400 + "1s"


@pytest.mark.parametrize(
    ("written", "where", "said"),
    [
        # A million digits: Decimal's exponent overflowed, "internal error … Overflow".
        (("handle_time: 6m", f"handle_time: {MILLION_DIGITS}"), "16:18", "a 1000001-digit number"),
        (
            (
                "first_response: 4 business hours",
                f"first_response: 1{'0' * 1_000_000} business hours",
            ),
            "25:30",
            "a 1000001-digit number",
        ),
        # 400 zeros: a float of 0 s, "internal error … ZeroDivisionError: float division by zero".
        (("handle_time: 6m", f"handle_time: {TINY}"), "16:18", "a 401-digit number"),
        (("patience: 2m ", f"patience: {TINY} "), "18:15", "a 401-digit number"),
        (
            ("handle_time: 6m", f"handle_time: 0.{'0' * 35}1s"),
            "16:18",
            "`0.0000000000",
        ),  # units.realistic_duration_numbers
    ],
    ids=["million-digits", "business-million", "tiny-handle-time", "tiny-patience", "e-37"],
)
@pytest.mark.parametrize("command", ["check", "promise", "whatif", "fix"])
def test_a_duration_no_plan_has_is_refused_where_it_is_written(
    repo: Repo, cli: Cli, written: tuple[str, str], where: str, said: str, command: str
) -> None:
    old, new = written
    assert old in ALIGNED
    repo.write("plans/far.yaml", ALIGNED.replace(old, new, 1))
    result = cli(command, "plans/far.yaml")
    assert result.code == 2, result.out + result.err
    assert f"plans/far.yaml:{where}: " in result.err, result.err
    assert said in result.err and "out of range — write a realistic" in result.err
    assert "internal error" not in result.err


BIG = "8" + "0" * 1_000_000
SMALL = "0." + "0" * 400 + "1"


@pytest.mark.parametrize(
    ("old", "new", "where", "digits"),
    [
        # Ran past the 60 s limit inside one conversion (Fraction of a million digits).
        (
            "paid_hours_per_fte: 1800/year",
            f'paid_hours_per_fte: "{BIG}/year"',
            "36:23: staffing.paid_hours_per_fte",
            1_000_001,
        ),
        ('"80% in 20s"', f'"80/{BIG}"', "17:29: channels[phone].target.service_level", 1_000_001),
        # "internal error … Overflow" / "InvalidOperation", exit 2 with no line.
        (
            "loaded_cost_per_fte: 62000",
            f'loaded_cost_per_fte: "{BIG}k"',
            "37:24: staffing.loaded_cost_per_fte",
            1_000_001,
        ),
        (
            "loaded_cost_per_fte: 62000",
            f'loaded_cost_per_fte: "{"8" * 61}k"',
            "37:24: staffing.loaded_cost_per_fte",
            61,
        ),
        # "internal error … ValueError: math domain error".
        ("{contacts: 9000, per: month}", f'"{SMALL}/month"', "15:13: channels[phone].volume", 401),
        ("agents: 16.2", f'agents: "{SMALL}"', "19:13: channels[phone].agents", 401),
    ],
    ids=["paid-hours", "service-level", "money-k", "money-k-61", "volume", "agents"],
)
def test_a_figure_written_as_text_with_a_number_no_plan_has_is_refused_where_it_is(
    repo: Repo, cli: Cli, old: str, new: str, where: str, digits: int
) -> None:
    assert old in ALIGNED
    repo.write("plans/far.yaml", ALIGNED.replace(old, new, 1))
    result = cli("check", "plans/far.yaml")
    assert result.code == 2, result.out + result.err
    assert result.err == (
        f"plans/far.yaml:{where}: a {digits}-digit number is out of range — "
        "write a realistic figure (at most 40 digits)\n"
    )


def test_staff_refuses_a_duration_no_plan_has_by_its_flag(cli: Cli) -> None:
    result = cli("staff", "--volume", "100/h", "--aht", f"{SMALL}s")
    assert result.code == 2
    assert "a 403-character number in a duration is out of range" in result.err
    assert "internal error" not in result.err


@pytest.mark.parametrize(
    "target",
    [
        "80% in 0.000000000000001s",  # 1e-15 s: the first wait a float cannot part from 0
        "80% in 0.0000000000000000000001s",
        "80/0.00000000000000000000000000001",  # 1e-29 s
    ],
)
@pytest.mark.parametrize("command", ["check", "whatif"])
def test_a_service_level_within_a_tiny_wait_is_refused_not_an_internal_error(
    repo: Repo, cli: Cli, target: str, command: str
) -> None:
    """Review reattack58: a wait of 1e-15 s or less was 'internal error while checking this
    plan: ValueError: math domain error', exit 2 with no line (the Erlang A integral of a
    range a float cannot part took log(0)); reattack58 judged it as the share answered at
    once. Review input59: no target's wait is under a tenth of a second (units.MIN_WAIT),
    so it is refused where it is written."""
    repo.write("plans/far.yaml", ALIGNED.replace('"80% in 20s"', f'"{target}"', 1))
    result = cli(command, "plans/far.yaml", "-f", "json")
    assert result.code == 2, result.out + result.err
    assert "plans/far.yaml:17:29: " in result.err and "is under a tenth of a second" in result.err
    assert "internal error" not in result.out + result.err


@pytest.mark.parametrize("digits", [26, 28, 40])
@pytest.mark.parametrize(
    ("name", "old", "new", "where"),
    [
        ("plans/acme.yaml", "loaded_cost_per_fte: 62000", 'loaded_cost_per_fte: "{}k"', "37:24"),
        ("plans/acme.yaml", "goodwill: 25001", 'goodwill: "{}M"', None),
        (".cs-align.yaml", "max_budget_increase: 5%", 'max_budget_increase: "{}k"', "2:24"),
        (
            "pyproject.toml",
            None,
            '[tool.cs-align.guardrails]\nmax_budget_increase = "{}k"\n',
            "2:23",
        ),
    ],
    ids=["plan-k", "plan-M", "config-k", "pyproject-k"],
)
def test_an_amount_with_a_scale_past_decimal_precision_is_absurd_not_an_internal_error(
    repo: Repo,
    cli: Cli,
    name: str,
    old: str | None,
    new: str,
    where: str | None,
    digits: int,
) -> None:
    """Review reattack58: an amount of 26 to 40 digits with a scale ("8888…8k"), under the
    40 digits bf38011 refuses, was 'internal error … InvalidOperation', exit 2 with no line,
    in a plan and in a config (YAML or TOML): its quantize to units ran past the 28 digits of
    Decimal's context. It is refused as any amount over 10 trillion is."""
    figure = new.format("8" * digits)
    if old is None:
        (repo.root / ".cs-align.yaml").unlink()
        repo.write(name, figure)
    else:
        text = (repo.root / name).read_text(encoding="utf-8")
        assert old in text
        repo.write(name, text.replace(old, figure, 1))
    result = cli("check", "plans/acme.yaml")
    assert result.code == 2, result.out + result.err
    assert "internal error" not in result.out + result.err
    assert (
        f"{'8' * digits}" in result.err and "is an absurd amount (over 10 trillion)" in result.err
    )
    if where is not None:
        assert result.err.startswith(f"{name}:{where}: "), result.err
