"""Settings and plan arguments that used to be read some way silently: a boolean as a number,
an unknown word as false."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, GOOD, Invoke


def _with(tmp_path: Path, name: str, text: str) -> Path:
    (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(GOOD, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("name", "text", "where", "fragment"),
    [
        (
            ".cs-align.yaml",
            "max_waiver_days: true\n",
            "1:18",
            "max_waiver_days: true is not a number",
        ),
        (
            ".cs-align.yaml",
            "max_waiver_days: false\n",
            "1:18",
            "max_waiver_days: false is not a number",
        ),
        (
            "pyproject.toml",
            "[tool.cs-align]\nmax_waiver_days = true\n",
            "2:19",
            "max_waiver_days: true is not a number",
        ),
        (".cs-align.yaml", "ignore_waivers: 1\n", "1:17", "ignore_waivers: expected true or false"),
        (
            ".cs-align.yaml",
            "ignore_waivers: 'yes'\n",
            "1:17",
            "ignore_waivers: expected true or false",
        ),
        (
            ".cs-align.yaml",
            "guardrails: {max_total: true}\n",
            "1:25",
            "guardrails.max_total: true is not a limit",
        ),
        (
            ".cs-align.yaml",
            "guardrails:\n  resilience: {volume: true}\n",
            "2:24",  # at the stress (input61; it was the `{`)
            "guardrails.resilience.volume: volume: true is not a stress",
        ),
        # Review input31 F06: a misspelt key in a limit's mapping was dropped: still block.
        (
            ".cs-align.yaml",
            "guardrails:\n  max_budget_increase: {value: 5%, acton: warn}\n",
            "2:36",  # at the misspelt key (input62; it was its value, input61 the `{`)
            "guardrails.max_budget_increase.acton: a limit has no setting 'acton' — did you mean "
            "'action'?",
        ),
    ],
)
def test_a_boolean_is_no_number_in_a_config(
    invoke: Invoke, tmp_path: Path, name: str, text: str, where: str, fragment: str
) -> None:
    folder = _with(tmp_path, name, text)
    result = invoke("check", "plan.yaml", "--show-config", cwd=folder)
    assert result.code == 2, result.out + result.err
    assert f"{name}:{where}: {fragment}" in result.err
    assert "True" not in result.err and result.out == ""


def test_numbers_written_as_numbers_still_work(invoke: Invoke, tmp_path: Path) -> None:
    folder = _with(tmp_path, ".cs-align.yaml", "max_waiver_days: 30\nignore_waivers: true\n")
    result = invoke("check", "plan.yaml", "--show-config", cwd=folder)
    assert result.code == 0, result.err
    shown = {line.split()[0]: line.split()[1] for line in result.err.splitlines()}
    assert shown["max_waiver_days"] == "30" and shown["ignore_waivers"] == "true"


@pytest.mark.parametrize("word", ["maybe", "ture", "2", "y e s"])
def test_an_unknown_word_in_a_boolean_variable_is_refused(invoke: Invoke, word: str) -> None:
    result = invoke(
        "check", str(EXAMPLES / "delight-aligned.yaml"), env={"CS_ALIGN_IGNORE_WAIVERS": word}
    )
    assert result.code == 2, result.err
    assert f"environment CS_ALIGN_IGNORE_WAIVERS {word!r}" in result.err
    assert "write true or false" in result.err


@pytest.mark.parametrize(
    # As the config writes a switch (review user60: Python's True and False were shown).
    ("word", "shown"),
    [("true", "true"), ("FALSE", "false"), ("1", "true"), ("off", "false")],
)
def test_boolean_words_are_read(invoke: Invoke, word: str, shown: str) -> None:
    result = invoke("check", "--show-config", env={"CS_ALIGN_IGNORE_WAIVERS": word})
    assert result.code == 0, result.err
    line = next(x for x in result.out.splitlines() if x.startswith("ignore_waivers"))
    assert shown in line and "environment CS_ALIGN_IGNORE_WAIVERS" in line


@pytest.mark.parametrize(
    ("name", "meant"),
    [
        ("CS_ALIGN_MAX_BUDGET_INCRESE", "CS_ALIGN_MAX_BUDGET_INCREASE"),
        ("CS_ALIGN_FAILON", "CS_ALIGN_FAIL_ON"),
        ("CS_ALIGN_WAIVER", "CS_ALIGN_WAIVERS"),
        ("CS_ALIGN_WORKER", "CS_ALIGN_WORKERS"),
    ],
)
def test_a_misspelt_variable_is_named_with_the_setting_meant(
    invoke: Invoke, name: str, meant: str
) -> None:
    """A gate whose workflow sets CS_ALIGN_MAX_BUDGET_INCRESE=5% runs without its limit:
    the run goes on as before (the variable is not cs-align's), but says so."""
    result = invoke("check", str(EXAMPLES / "delight-aligned.yaml"), env={name: "5%"})
    assert result.code == 0, result.err
    assert result.err == (
        f"cs-align: warning: {name} is not a setting and is ignored: did you mean {meant}?\n"
    )


def test_a_policy_setting_in_the_environment_is_said_to_be_ignored(invoke: Invoke) -> None:
    result = invoke(
        "check", str(EXAMPLES / "delight-aligned.yaml"), env={"CS_ALIGN_RESILIENCE": "x"}
    )
    assert result.code == 0, result.err
    assert "CS_ALIGN_RESILIENCE is ignored: resilience is policy" in result.err


def test_variables_of_other_names_and_the_settings_pass_quietly(invoke: Invoke) -> None:
    """The Action keeps its output folder in CS_ALIGN_OUT; a setting spelt right is read."""
    env = {"CS_ALIGN_OUT": "/tmp/x", "CS_ALIGN_VERSION": "1.2", "CS_ALIGN_FAIL_ON": "warning"}
    result = invoke("check", str(EXAMPLES / "delight-aligned.yaml"), env=env)
    assert result.err == "" and result.code == 0


@pytest.mark.parametrize(
    ("text", "where", "shown"),
    [
        ("guardrails:\n  no_new_errors:\n", "2:17", "an empty value"),
        ("guardrails:\n  no_new_errors: 0\n", "2:18", "0"),
        ("guardrails:\n  no_verdict_regression: 1\n", "2:26", "1"),
        ("guardrails:\n  no_verdict_regression: 'off'\n", "2:26", "'off'"),
    ],
)
def test_a_guardrail_switch_takes_block_warn_or_false(
    invoke: Invoke, tmp_path: Path, text: str, where: str, shown: str
) -> None:
    # Review input31 F09: empty, 0 and "off" switched a guardrail off (no_new_errors is on
    # by default: a starter line left empty turned it off), and 1 read as block.
    folder = _with(tmp_path, ".cs-align.yaml", text)
    result = invoke("check", "plan.yaml", "--show-config", cwd=folder)
    assert result.code == 2, result.out + result.err
    assert f".cs-align.yaml:{where}: guardrails." in result.err
    assert f"{shown} is not a guardrail setting — write block, warn or false" in result.err


@pytest.mark.parametrize("value", ["", "0", "off", "on"])
def test_a_guardrail_switch_variable_left_empty_is_refused(invoke: Invoke, value: str) -> None:
    # `CS_ALIGN_NO_VERDICT_REGRESSION: ${{ vars.X }}` with X unset is "": it overrode the
    # config's block and the diff passed a regressed verdict (review input31 F09).
    plan = str(EXAMPLES / "delight-aligned.yaml")
    env = {"CS_ALIGN_NO_VERDICT_REGRESSION": value}
    result = invoke("diff", plan, plan, env=env)
    assert result.code == 2, result.out
    assert "CS_ALIGN_NO_VERDICT_REGRESSION" in result.err
    assert "is not a guardrail setting — write block, warn or false" in result.err
    ok = invoke("diff", plan, plan, env={"CS_ALIGN_NO_VERDICT_REGRESSION": "warn"})
    assert ok.code == 0, ok.err


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("waivers: [.]\n", "1:11", "waivers: waiver file '.' is a folder — name a .yaml file"),
        ("format: 'json:.'\n", "1:9", "format: output file '.' is a folder — name a file to write"),
        # ... and an output inside .git or over a plan: "cs-align: /abs/.git/x.json: …"
        (
            "format: ['json:.git/x.json']\n",
            "1:10",
            "format: output file '.git/x.json' is inside a .git folder — write the output to a "
            "file in the work tree or elsewhere",
        ),
        (
            "format: ['json:plan.yaml']\n",
            "1:10",
            "format: output file 'plan.yaml' is a plan (cs-align would check it as one): no "
            "output is ever written over a plan — name another file for the output",
        ),
    ],
)
def test_a_folder_a_config_names_as_a_file_is_placed_at_the_entry(
    invoke: Invoke, tmp_path: Path, text: str, where: str, message: str
) -> None:
    # Review input31 F10: ".: is a folder, not a file" and "cs-align: /abs/path is a
    # folder": neither named the config's line, nor the entry as the user wrote it.
    folder = _with(tmp_path, "c.yaml", text)
    result = invoke("check", "plan.yaml", "--config", "c.yaml", cwd=folder)
    assert result.code == 2, result.out
    assert f"c.yaml:{where}: {message}" in result.err
