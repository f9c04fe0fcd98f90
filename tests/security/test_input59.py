"""Review input59: figures an attacker can write that mean nothing, refused where they are
written (plan, strategy file, config, command line), never judged or an internal error."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.security.conftest import ALIGNED, Repo, Result, cli, repo

__all__ = ["cli", "repo"]

Cli = Callable[..., Result]

UNDER = "is under a second — no handle time, patience or interval is that short"
WAIT = "is under a tenth of a second — no response target is that short"


@pytest.mark.parametrize(
    ("old", "new", "where", "said"),
    [
        ("handle_time: 6m", "handle_time: 0.0000000001s", "16:18", "'0.0000000001s' " + UNDER),
        ("patience: 2m ", "patience: 0.5s ", "18:15", "'0.5s' " + UNDER),
        ('"80% in 20s"', '"80% in 0.05s"', "17:29", "'0.05s' " + WAIT),
        ('"80% in 20s"', '"80/0.05"', "17:29", "'0.05s' " + WAIT),
        ("4 business hours", "0.00001 business hours", "25:30", WAIT),
        ("abandonment_max: 8%", "abandonment_max: 8%, asa: 0.09s", "17:69", "'0.09s' " + WAIT),
        # The slash form skipped the year a duration may be: judged at 1157 days.
        ('"80% in 20s"', '"80/99999999"', "17:29", "the wait in '80/99999999' is longer than a"),
    ],
    ids=["handle-time", "patience", "service-level", "slash", "business", "asa", "slash-years"],
)
@pytest.mark.parametrize("command", ["check", "whatif"])
def test_a_duration_under_a_second_is_refused_where_it_is_written(
    repo: Repo, cli: Cli, old: str, new: str, where: str, said: str, command: str
) -> None:
    """`handle_time: 0.0000000001s` was sized (0.0 FTE) and judged aligned, exit 0. A
    handle time, patience or interval is at least a second; a target's wait at least a
    tenth (an ASA of 0.4s is real: an average over calls mostly answered at once)."""
    assert old in ALIGNED
    repo.write("plans/tiny.yaml", ALIGNED.replace(old, new, 1))
    result = cli(command, "plans/tiny.yaml")
    assert result.code == 2, result.out + result.err
    assert f"plans/tiny.yaml:{where}: " in result.err and said in result.err, result.err


def test_a_strategy_file_duration_under_a_second_is_refused_where_it_is(
    repo: Repo, cli: Cli
) -> None:
    repo.write(
        "policy/fast.yaml",
        "id: fast\nname: Fast\nextends: universal\nrules:\n"
        "  - {rule: human-line-limited, severity: warning, fastest_human_answer: 0.05s}\n",
    )
    plan = ALIGNED.replace("strategy: delight", "strategy: ../policy/fast.yaml")
    repo.write("plans/s.yaml", plan)
    result = cli("check", "plans/s.yaml")
    assert result.code == 2, result.out + result.err
    assert "policy/fast.yaml:5:" in result.err and WAIT in result.err, result.err


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("staff", "--volume", "100/h", "--aht", "0.5s"), f"--aht '0.5s': duration '0.5s' {UNDER}"),
        (
            ("staff", "--volume", "100/h", "--aht", "6m", "--patience", "0.2s"),
            f"--patience '0.2s': duration '0.2s' {UNDER}",
        ),
        (
            ("staff", "--volume", "100/h", "--aht", "6m", "--asa", "0.05s"),
            f"--asa '0.05s': duration '0.05s' {WAIT}",
        ),
        (
            ("whatif", "plans/acme.yaml", "--vary", "aht=+0.5s"),
            f"aht=+0.5s: duration '0.5s' {UNDER}",
        ),
        (
            ("whatif", "plans/acme.yaml", "--vary", "aht=-99.99%"),
            "aht -99.99%: phone's handle time of 360s would be 0.036s, under a second",
        ),
        (
            ("whatif", "plans/acme.yaml", "--vary", "aht=-5m59.5s"),
            "aht -5m59.5s: phone's handle time of 360s would be 0.5s, under a second",
        ),
    ],
    ids=[
        "staff-aht",
        "staff-patience",
        "staff-asa",
        "vary-amount",
        "vary-relative",
        "vary-to-half-second",
    ],
)
def test_a_duration_under_a_second_is_refused_on_the_command_line(
    cli: Cli, args: tuple[str, ...], said: str
) -> None:
    result = cli(*args)
    assert result.code == 2, result.out + result.err
    assert said in result.err, result.err


@pytest.mark.parametrize("rate", ["1e-30", '"0.0000001"', "0.0000009"])
def test_an_exchange_rate_no_currency_has_is_refused_where_it_is(
    repo: Repo, cli: Cli, rate: str
) -> None:
    """`exchange_rates: {USD: 1e-30}` in a JPY plan was taken: delight's 50 USD refund floor
    became 1 JPY, silently."""
    plan = ALIGNED.replace("currency: USD", f"currency: JPY\nexchange_rates: {{USD: {rate}}}")
    repo.write("plans/jpy.yaml", plan)
    result = cli("check", "plans/jpy.yaml")
    assert result.code == 2, result.out + result.err
    assert "plans/jpy.yaml:7:23: exchange_rates.USD: an exchange rate of 0.0000" in result.err
    assert "is below 0.000001, the smallest a currency has against another" in result.err


def test_the_smallest_exchange_rate_and_a_second_are_taken(repo: Repo, cli: Cli) -> None:
    plan = ALIGNED.replace("currency: USD", "currency: JPY\nexchange_rates: {USD: 0.000001}")
    plan = plan.replace('"80% in 20s"', '"80/0.1"').replace("handle_time: 6m", "handle_time: 1s")
    repo.write("plans/jpy.yaml", plan.replace("abandonment_max: 8%", "asa: 0.4s"))
    result = cli("check", "plans/jpy.yaml")
    assert result.code in (0, 1), result.out + result.err


LONG = "8" + "0" * 100_000


@pytest.mark.parametrize(
    ("setting", "where"),
    [
        # pydantic's "Unable to parse input string as an integer, exceeded maximum size".
        (f'max_waiver_days = "{LONG}"', "2:19: max_waiver_days"),
        (f'waivers = ["policy/w.yaml", "{LONG}.yaml"]', "2:29: waivers[1]"),
        (
            f'[tool.cs-align.guardrails]\nresilience = {{volume = "+{LONG}%"}}',
            "3:24: guardrails.resilience.volume",
        ),
        (f'"{LONG}" = 1', "1:1"),
    ],
    ids=["max-waiver-days", "waivers-item", "inline-table", "key"],
)
def test_a_toml_config_text_with_a_number_no_figure_has_is_refused_as_yaml_text_is(
    repo: Repo, cli: Cli, setting: str, where: str
) -> None:
    """`.cs-align.yaml` refuses a text holding a run of more than 40 digits at its line
    (yamlsafe); a TOML config's strings were not scanned. Named by its field as YAML's are
    (input61); a key, at the top of the table, has none."""
    repo.write("policy/cfg.toml", f"[tool.cs-align]\n{setting}\n")
    result = cli("check", "plans/acme.yaml", "--config", "policy/cfg.toml")
    assert result.code == 2, result.out + result.err
    assert result.err.strip().endswith(
        f"policy/cfg.toml:{where}: a 100001-digit number is out of range — "
        "write a realistic figure (at most 40 digits)"
    ), result.err[-300:]


NINES = "99." + "9" * 32  # 34 digits: within the 40 a figure may have, past Decimal's 28


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        # Was "a service level of 100% is never kept …": the share ÷ 100 rounded to 1.
        (
            '"80% in 20s"',
            f'"{NINES}% in 20s"',
            f"a service level of {NINES}% is finer than cs-align can tell from 100%",
        ),
        (
            "max_occupancy: 85%",
            f'max_occupancy: "0.0{"9" * 31}"',
            f"an occupancy ceiling of 9.{'9' * 30}% leaves agents almost no time",
        ),
        (
            "shrinkage: 32%",
            f'shrinkage: "0.{"1234567890" * 3}1%"',
            "write 12.34567890123456789012345678901%",
        ),
    ],
    ids=["service-level", "occupancy", "shrinkage-slip"],
)
def test_a_figure_of_many_digits_is_said_as_written(
    repo: Repo, cli: Cli, old: str, new: str, said: str
) -> None:
    assert old in ALIGNED
    repo.write("plans/long.yaml", ALIGNED.replace(old, new, 1))
    result = cli("check", "plans/long.yaml")
    assert result.code == 2, result.out + result.err
    assert said in result.err, result.err


def test_staff_volume_of_many_digits_is_told_as_written(cli: Cli) -> None:
    """The suggestion was rounded to Decimal's 28 digits: "write 888…8900000/hour"."""
    result = cli("staff", "--volume", f"{'8' * 30}k/h", "--aht", "6m")
    assert result.code == 2
    assert f"write {'8' * 30}000/hour" in result.err, result.err


@pytest.mark.parametrize("target", ["/dev/null", "pipe"])
def test_a_plan_made_a_link_to_a_device_or_fifo_is_refused_not_skipped(
    repo: Repo, cli: Cli, target: str
) -> None:
    """A folder check skipped `plans/eu.yaml -> /dev/null` without a word (2 plans checked,
    exit 0), where a link to /etc/passwd is refused: a plan left the check by becoming a
    link git keeps. A FIFO itself (git keeps none) is still skipped."""
    import os

    if target == "pipe":
        os.mkfifo(repo.root / "plans" / "pipe")
    os.symlink(target, repo.root / "plans" / "eu.yaml")
    os.mkfifo(repo.root / "plans" / "fifo.yaml")
    result = cli("check", "plans")
    assert result.code == 2, result.out + result.err
    said = (
        "plans/eu.yaml: resolves outside the repository"
        if target == "/dev/null"
        else "plans/eu.yaml: is a FIFO (named pipe), not a file"
    )
    assert said in result.err, result.err
    assert "fifo.yaml" not in result.err + result.out


def test_an_expired_waiver_in_a_waiver_file_is_placed_in_that_file_in_every_format(
    repo: Repo, cli: Cli
) -> None:
    """The table said `error plans/acme.yaml:2:77 waiver-expired`: the waiver file's line and
    column under the plan's name, a place that holds something else (JSON, SARIF, GitHub
    and Markdown said policy/w.yaml)."""
    plan = ALIGNED.replace("uses_scripts: false", "uses_scripts: true")
    repo.write("plans/acme.yaml", plan)
    repo.write(
        "policy/w.yaml",
        'waivers:\n  - {rule: no-scripts, reason: "pilot ends in march", owner: ab, '
        "expires: 2020-01-01}\n",
    )
    for fmt, said in (
        ("table", "policy/w.yaml:2:"),
        ("github", "file=policy/w.yaml,line=2,"),
        ("junit", "policy/w.yaml:2:"),
        ("markdown", "(policy/w.yaml:2:"),
    ):
        result = cli("check", "plans/acme.yaml", "--waivers", "policy/w.yaml", "-f", fmt)
        expired = [line for line in result.out.splitlines() if "expired on 2020-01-01" in line]
        assert expired and all(said in line for line in expired), (fmt, result.out)
        assert "plans/acme.yaml:2:" not in result.out, fmt


def test_a_strategy_floor_at_a_rate_of_many_digits_is_rounded_the_strict_way(
    repo: Repo, cli: Cli
) -> None:
    """50 USD at 0.010000000000000000000000000000001 EUR a USD is 0.50000…05 EUR: a floor,
    rounded up to 0.51. At Decimal's 28 digits it was 0.50, and 0.50 passed, silently."""
    plan = ALIGNED.replace(
        "currency: USD",
        'currency: EUR\nexchange_rates: {USD: "0.010000000000000000000000000000001"}',
    ).replace("refund_authority: 200 ", "refund_authority: 0.50")
    repo.write("plans/eur.yaml", plan)
    result = cli("check", "plans/eur.yaml")
    assert result.code == 1, result.out + result.err
    assert "this strategy needs at least 0.51 EUR (50 USD at 0.0100000" in result.out, result.out
