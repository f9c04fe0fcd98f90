"""Review input61: untrusted settings and plans read as their authors meant them, or refused
at their place with what to write instead."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.conftest import GOOD, Invoke

RAISED = GOOD.replace("total: 1540241", "total: 1617253").replace(
    "tooling: 82800", "tooling: 159812"
)
"""The aligned example with its total (and tooling) raised by 77,012 USD: 5.0000% of
1,540,241."""


def _folder(tmp_path: Path, name: str = "", settings: str = "") -> Path:
    (tmp_path / "base.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(RAISED, encoding="utf-8")
    if name:
        (tmp_path / name).write_text(settings, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("name", "settings", "said"),
    [
        (
            ".cs-align.yaml",
            "guardrails:\n  max_budget_increase: 0.05\n",
            ".cs-align.yaml:2:24: guardrails.max_budget_increase: 0.05 is less than one unit "
            "of the plan's money, not a share — write 5% for a share",
        ),
        (
            ".cs-align.yaml",
            "guardrails:\n  max_budget_decrease: {value: 0.125, action: warn}\n",
            ".cs-align.yaml:2:32: guardrails.max_budget_decrease.value: 0.125 is less than one "
            "unit "
            "of the plan's money, not a share — write 12.5% for a share",
        ),
        (
            "pyproject.toml",
            "[tool.cs-align.guardrails]\nmax_budget_increase = 0.05\n",
            "pyproject.toml:2:23: guardrails.max_budget_increase: 0.05 is less than one unit",
        ),
        (
            ".cs-align.yaml",
            "guardrails:\n  max_total: 5%\n",
            ".cs-align.yaml:2:14: guardrails.max_total: '5%' is a share, and max_total is an "
            "amount: the highest total a proposal may state — write an amount such as 6.2M",
        ),
        (
            "pyproject.toml",
            '[tool.cs-align.guardrails]\nmax_total = "5%:warn"\n',
            "pyproject.toml:2:13: guardrails.max_total: '5%' is a share",
        ),
        (
            ".cs-align.yaml",
            "guardrails:\n  max_total: 0.5\n",
            ".cs-align.yaml:2:14: guardrails.max_total: 0.5 is less than one unit of the plan's "
            "money — write an amount such as 6.2M",
        ),
    ],
    ids=[
        "increase-fraction",
        "decrease-fraction",
        "toml-fraction",
        "total-share",
        "toml-total",
        "total-fraction",
    ],
)
def test_a_limit_below_one_unit_or_a_share_cap_is_refused_at_its_place(
    invoke: Invoke, tmp_path: Path, name: str, settings: str, said: str
) -> None:
    # Before: `max_budget_increase: 0.05` was a limit of 5 cents (a plan writes a share as
    # 0.05), and `max_total: 5%` a cap of 0.05 USD: every diff blocked "above the cap of
    # 0.05 USD", a figure the author never wrote.
    folder = _folder(tmp_path, name, settings)
    result = invoke("diff", "base.yaml", "plan.yaml", cwd=folder)
    assert result.code == 2, result.out + result.err
    assert said in result.err, result.err
    assert "0.05 USD" not in result.out + result.err


@pytest.mark.parametrize(
    ("args", "env", "said"),
    [
        (("--max-total", "5%"), {}, "--max-total '5%': '5%' is a share"),
        ((), {"CS_ALIGN_MAX_TOTAL": "2.5%"}, "CS_ALIGN_MAX_TOTAL '2.5%': '2.5%' is a share"),
        (("--max-budget-increase", "0.05"), {}, "write 5% for a share of the base's total"),
        ((), {"CS_ALIGN_MAX_BUDGET_DECREASE": "0.1"}, "write 10% for a share"),
    ],
    ids=["flag-total", "env-total", "flag-increase", "env-decrease"],
)
def test_flags_and_variables_read_limits_as_the_config_does(
    invoke: Invoke, tmp_path: Path, args: tuple[str, ...], env: dict[str, str], said: str
) -> None:
    folder = _folder(tmp_path)
    result = invoke("diff", "base.yaml", "plan.yaml", *args, cwd=folder, env=env)
    assert result.code == 2, result.out + result.err
    assert said in result.err, result.err


@pytest.mark.parametrize(
    ("limit", "code"),
    # 77,012 ÷ 1,540,241 = 5.0000%: at the limit passes, a cent under it blocks.
    [("5%", 0), ("77012", 0), ("77011.99", 1), ("1", 1), ("0", 1)],
)
def test_limits_of_one_unit_and_more_still_judge(
    invoke: Invoke, tmp_path: Path, limit: str, code: int
) -> None:
    folder = _folder(tmp_path)
    result = invoke("diff", "base.yaml", "plan.yaml", "--max-budget-increase", limit, cwd=folder)
    assert result.code == code, result.out + result.err


def test_a_cap_in_money_still_caps(invoke: Invoke, tmp_path: Path) -> None:
    folder = _folder(tmp_path, ".cs-align.yaml", "guardrails:\n  max_total: 1.6M\n")
    result = invoke("diff", "base.yaml", "plan.yaml", cwd=folder)
    assert result.code == 1, result.out + result.err
    # 1,617,253 − 1,600,000 = 17,253
    assert "above the cap of 1,600,000 USD by 17,253 USD" in result.out


@pytest.mark.parametrize(
    ("name", "setting", "said"),
    [
        (
            "pyproject.toml",
            "[tool.cs-align.guardrails]\nmax_total = 1e400\n",
            "pyproject.toml:2:13: guardrails.max_total: `1e400` is out of range",
        ),
        (
            "pyproject.toml",
            "[tool.cs-align.guardrails]\nmax_total = 1" + "0" * 44 + "\n",
            "pyproject.toml:2:13: guardrails.max_total: a 45-digit number is out of range",
        ),
        (
            "pyproject.toml",
            '[tool.cs-align]\nformat = ["json", 1e400]\n',
            "pyproject.toml:2:19: format[1]: `1e400` is out of range",
        ),
        (
            "pyproject.toml",
            '[tool.cs-align]\nmax_waiver_days = "8' + "0" * 46 + '"\n',
            "pyproject.toml:2:19: max_waiver_days: a 47-digit number is out of range",
        ),
        (
            ".cs-align.yaml",
            'max_waiver_days: "8' + "0" * 46 + '"\n',
            ".cs-align.yaml:1:18: max_waiver_days: a 47-digit number is out of range",
        ),
    ],
    ids=["toml-exponent", "toml-digits", "toml-list", "toml-text", "yaml-text"],
)
def test_a_figure_out_of_range_is_named_by_its_field_in_every_settings_file(
    invoke: Invoke, tmp_path: Path, name: str, setting: str, said: str
) -> None:
    # Before: TOML said "pyproject.toml:2:13: `1e400` is out of range", with no field, where
    # .cs-align.yaml said "guardrails.max_total: …"; a long number quoted as text went
    # unnamed in both.
    folder = _folder(tmp_path, name, setting)
    result = invoke("check", "plan.yaml", cwd=folder)
    assert result.code == 2, result.out + result.err
    assert said in result.err, result.err


def test_a_long_number_written_as_text_in_a_plan_is_named_by_its_field(
    invoke: Invoke, tmp_path: Path
) -> None:
    # Before: `total: "8000…0"` said "plan.yaml:48:10: a 47-digit number is out of range",
    # where `total: 8000…0` unquoted said "budget.total: …".
    digits = "8" + "0" * 46
    for written in (digits, f'"{digits}"', f'"{digits}k"'):
        (tmp_path / "plan.yaml").write_text(
            GOOD.replace("total: 1540241", f"total: {written}"), encoding="utf-8"
        )
        result = invoke("check", "plan.yaml", cwd=tmp_path)
        assert result.code == 2, result.out + result.err
        said = "plan.yaml:48:10: budget.total: a 47-digit number is out of range"
        assert said in result.err, result.err
        assert result.err.count("out of range") == 1, result.err


@pytest.mark.parametrize(
    ("old", "new", "label"),
    [
        ("- id: phone", '- id: "ph\u200bone"', "channels['ph\\u200bone'].id:"),
        ("- id: phone", '- id: "ph\u200bone"\n    bogus: 1', "in channels['ph\\u200bone']"),
        ("- id: phone", '- id: "ph\u2060one"', "channels['ph\\u2060one'].id:"),
        ("lines: {", 'lines: {"\u00a0": 1, ', "budget.lines['\\xa0']:"),
    ],
    ids=["zero-width-space", "unknown-key-in", "word-joiner", "no-break-space-key"],
)
def test_a_path_label_shows_invisible_characters_as_escapes(
    invoke: Invoke, tmp_path: Path, old: str, new: str, label: str
) -> None:
    # Before: `channels[ph​one].id: 'ph\u200bone' is not a valid name`, the label holding
    # the zero-width space raw (it read `channels[phone]`) beside its escaped value.
    (tmp_path / "plan.yaml").write_text(GOOD.replace(old, new, 1), encoding="utf-8")
    result = invoke("check", "plan.yaml", cwd=tmp_path)
    assert result.code == 2, result.out + result.err
    assert label in result.err, result.err
    assert not any(c in result.err for c in "\u200b\u2060\u00a0"), ascii(result.err)


@pytest.mark.parametrize(
    ("setting", "said"),
    [
        # A whole number of 31 to 40 digits: "`1000…0` is out of range" in TOML, where YAML
        # holds it to the field's bounds, which say what to write.
        (
            "max_waiver_days = 1" + "0" * 39,
            "pyproject.toml:2:19: max_waiver_days: must be at most 3660",
        ),
        (
            "guardrails.max_total = 1" + "0" * 33,
            "pyproject.toml:2:24: guardrails.max_total: 1" + "0" * 33 + " is an absurd amount",
        ),
        # Hexadecimal, octal, binary: read, then said as tomllib's decimal (`0x5F5E100` as
        # 100000000), or taken unsaid (`max_waiver_days = 0x10` was 16 days); YAML refuses
        # `0x10` as no number.
        (
            "guardrails.max_total = 0x5F5E100",
            "pyproject.toml:2:24: guardrails.max_total: `0x5F5E100` is a number in base 16 — "
            "write it in decimal digits: 100000000",
        ),
        (
            "max_waiver_days = 0o17",
            "pyproject.toml:2:19: max_waiver_days: `0o17` is a number in base 8 — write it in "
            "decimal digits: 15",
        ),
        (
            "guardrails = {resilience = {volume = 0b11}}",
            "pyproject.toml:2:38: guardrails.resilience.volume: `0b11` is a number in base 2",
        ),
    ],
    ids=["40-digit-days", "34-digit-total", "hex", "octal", "binary-inline"],
)
def test_a_toml_whole_number_is_held_as_yaml_holds_one(
    invoke: Invoke, tmp_path: Path, setting: str, said: str
) -> None:
    folder = _folder(tmp_path, "pyproject.toml", f"[tool.cs-align]\n{setting}\n")
    result = invoke("check", "plan.yaml", cwd=folder)
    assert result.code == 2, result.out + result.err
    assert said in result.err, result.err
    assert "out of range" not in result.err


@pytest.mark.parametrize(
    "setting",
    [
        "max_waiver_days = 1" + "0" * 39,
        "max_waiver_days = 0x10",
        "guardrails.max_total = 1" + "0" * 33,
    ],
)
def test_the_same_whole_number_reads_alike_in_yaml(
    invoke: Invoke, tmp_path: Path, setting: str
) -> None:
    """The YAML twin of each TOML setting above is refused too, in the field's own words."""
    key, value = setting.split(" = ")
    yaml = f"{key}: {value}\n"
    if key.startswith("guardrails."):
        yaml = f"guardrails:\n  {key.split('.')[1]}: {value}\n"
    result = invoke("check", "plan.yaml", cwd=_folder(tmp_path, ".cs-align.yaml", yaml))
    assert result.code == 2, result.out + result.err
    assert "out of range" not in result.err, result.err


def test_a_grid_too_large_is_refused_before_it_is_built(invoke: Invoke, tmp_path: Path) -> None:
    # Before: 199 × 199 × 199 = 7,880,599 combinations were made (1.3 GB, ~30 s) and then
    # refused as more than 10,000; now counted first, the refusal costs nothing.
    (tmp_path / "plan.yaml").write_text(GOOD, encoding="utf-8")
    values = {
        "volume": [f"+{i}%" for i in range(1, 200)],
        "aht": [f"+{i}s" for i in range(1, 200)],
        "shrinkage": [f"+{i / 10}pt" for i in range(1, 200)],
    }
    varies = [f"--vary={key}={','.join(each)}" for key, each in values.items()]
    started = time.process_time()
    result = invoke("whatif", "plan.yaml", *varies, "--grid", cwd=tmp_path)
    assert time.process_time() - started < 3
    assert result.code == 2
    assert "7,880,599 scenarios is more than 10,000" in result.err, result.err


@pytest.mark.parametrize(
    ("files", "said"),
    [
        (
            {
                "ours/a.yaml": "id: a\nname: A\nextends: b.yaml\nrules: []\n",
                "ours/b.yaml": 'id: b\nname: B\nextends: "./a.yaml"   # back\nrules: []\n',
            },
            "ours/b.yaml:3:10: `extends` goes round in a circle: a → b → a",
        ),
        (
            {
                f"ours/s{i}.yaml": f"id: s{i}\nname: S\nextends: "
                + ("delight" if i == 0 else f"s{i - 1}.yaml")
                + "\nrules: []\n"
                for i in range(40)
            },
            # s39 → … → s8 are 32 files: s8's `extends`, naming a 33rd, is one too many.
            "ours/s8.yaml:3:10: `extends` goes more than 32 files deep",
        ),
    ],
    ids=["circle", "too-deep"],
)
def test_an_extends_chain_that_cannot_end_is_told_at_its_extends(
    invoke: Invoke, tmp_path: Path, files: dict[str, str], said: str
) -> None:
    # Before: told at 1:1 of the file, not at the `extends` value that closes the loop or
    # goes one file too deep.
    start = "ours/a.yaml" if "ours/a.yaml" in files else "ours/s39.yaml"
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    plan = GOOD.replace("strategy: delight", f"strategy: {start}")
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")
    result = invoke("check", "plan.yaml", cwd=tmp_path)
    assert result.code == 2, result.out + result.err
    assert said in result.err, result.err


@pytest.mark.parametrize(
    ("name", "setting", "said"),
    [
        (
            ".cs-align.yaml",
            "guardrails:\n  max_budget_increase: {value: 5%, action: ~}\n",
            ".cs-align.yaml:2:44: guardrails.max_budget_increase.action: action null is not "
            "warn or block",
        ),
        (
            ".cs-align.yaml",
            "guardrails:\n  max_budget_decrease: {value: 1e3, action: 1e3}\n",
            ".cs-align.yaml:2:45: guardrails.max_budget_decrease.action: action 1e3 is not",
        ),
        (
            ".cs-align.yaml",
            "guardrails:\n  max_total: {value: ~, action: warn}\n",
            ".cs-align.yaml:2:22: guardrails.max_total.value: is empty — write a share such as 5%",
        ),
        (
            ".cs-align.yaml",
            "guardrails:\n  resilience: {volume: +10%, at_least: good}\n",
            ".cs-align.yaml:2:40: guardrails.resilience.at_least: at_least 'good' is not a verdict",
        ),
        (
            ".cs-align.yaml",
            "guardrails:\n  resilience:\n    at_least: at-risk\n    volume: 80%\n",
            ".cs-align.yaml:4:13: guardrails.resilience.volume: volume=80%: not a value",
        ),
        (
            "pyproject.toml",
            '[tool.cs-align.guardrails]\nmax_budget_increase = {value = "5%", action = "wran"}\n',
            "pyproject.toml:2:47: guardrails.max_budget_increase.action: action 'wran' is not",
        ),
        (
            "pyproject.toml",
            '[tool.cs-align.guardrails]\nresilience = { volume = "x", at_least = "at-risk" }\n',
            "pyproject.toml:2:25: guardrails.resilience.volume: volume=x: not a value",
        ),
    ],
    ids=[
        "action-null",
        "action-exponent",
        "value-empty",
        "at-least",
        "block-volume",
        "toml-action",
        "toml-volume",
    ],
)
def test_a_part_of_a_limit_or_a_stress_is_told_at_that_part(
    invoke: Invoke, tmp_path: Path, name: str, setting: str, said: str
) -> None:
    # Before: placed at the `{` (or the key) of the whole setting, and the action quoted as
    # Python names it: "action 'None'", "action '1E+3'", "'None' is not an amount".
    result = invoke("check", "plan.yaml", cwd=_folder(tmp_path, name, setting))
    assert result.code == 2, result.out + result.err
    assert said in result.err, result.err
    assert "None" not in result.err and "E+" not in result.err


def test_a_stdin_name_no_file_system_holds_is_a_label(invoke: Invoke, tmp_path: Path) -> None:
    # Before: "aaa….yaml: cannot be checked: File name too long — check the file and its
    # folder", exit 2: the label given to standard input was looked up as a file.
    name = "a" * 300 + ".yaml"
    result = invoke(
        "check",
        "-",
        "--stdin-filename",
        name,
        "-f",
        "json",
        cwd=tmp_path,
        stdin=GOOD.encode(),
    )
    assert result.code == 0, result.err[-300:]
    assert json.loads(result.out)["plans"][0]["path"] == name


@pytest.mark.parametrize("command", [("check",), ("report", "-o", "r.md"), ("promise",)])
def test_a_plan_name_too_long_is_told_what_to_do(
    invoke: Invoke, tmp_path: Path, command: tuple[str, ...]
) -> None:
    # Before: "cs-align: aaa….yaml: File name too long", with nothing to write instead (and
    # `report` said "check its permissions").
    name = "a" * 300 + ".yaml"
    result = invoke(command[0], name, *command[1:], cwd=tmp_path)
    assert result.code == 2, result.out + result.err
    assert "File name too long — shorten the name: a file or folder name is at most 255 bytes" in (
        result.err
    ), result.err[-300:]
