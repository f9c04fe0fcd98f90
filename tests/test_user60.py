"""A new user's plan, written with `cs-align init` and edited as people edit it: each slip is
exit 2 at its line and column, told a fix that cs-align then reads (review user60)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import Invoke


def _starter(tmp_path: Path, invoke: Invoke) -> str:
    """The plan `cs-align init` writes, as a new user starts from it."""
    assert invoke("init", "plan.yaml", cwd=tmp_path).code == 0
    return (tmp_path / "plan.yaml").read_text(encoding="utf-8")


def _checked(tmp_path: Path, invoke: Invoke, plan: str, old: str, new: str) -> tuple[int, str]:
    """`check` on the starter plan with ``old`` written as ``new``: its exit code and stderr."""
    assert old in plan, old
    (tmp_path / "plan.yaml").write_text(plan.replace(old, new, 1), encoding="utf-8")
    result = invoke("check", "plan.yaml", cwd=tmp_path)
    return result.code, result.err


@pytest.mark.parametrize(
    ("written", "told"),
    [
        # Read as a decimal comma, 62,000 is 62 (62.000 is asked about as a dot between
        # thousands: "write 62000 for 62,000 USD, or 62 for 62 USD").
        ("62,000", "write 62000 or 62_000; 62 if the comma is a decimal point"),
        ("$1,250", "write 1250 or 1_250; 1.25 if the comma is a decimal point"),
        # A scaled figure keeps its decimals: 1.250M is read as 1,250,000.
        ("1,250M", "write 1250M or 1_250M; 1.250M if the comma is a decimal point"),
        # Quoted, scientific notation is text to YAML: 6.2 × 10^4 = 62,000.
        ('"6.2e4"', "'6.2e4' is not an amount — write 62000"),
        ('"1E6"', "'1E6' is not an amount — write 1000000"),
    ],
)
def test_money_is_told_a_form_the_reader_takes(
    tmp_path: Path, invoke: Invoke, written: str, told: str
) -> None:
    plan = _starter(tmp_path, invoke)
    old = "loaded_cost_per_fte: 62000"
    code, err = _checked(tmp_path, invoke, plan, old, f"loaded_cost_per_fte: {written}")
    assert code == 2
    assert err.startswith("plan.yaml:39:24: staffing.loaded_cost_per_fte: "), err
    assert told in err, err
    assert "Traceback" not in err


def test_the_decimal_comma_reading_is_read_as_money(tmp_path: Path, invoke: Invoke) -> None:
    # Each reading the message offers for 62,000 is an amount `check` reads.
    plan = _starter(tmp_path, invoke)
    old = "loaded_cost_per_fte: 62000"
    code, err = _checked(tmp_path, invoke, plan, old, "loaded_cost_per_fte: 62,000")
    assert code == 2
    readings = re.findall(r"(?:write|or|;) (\d[\d_.]*)", err)
    assert readings == ["62000", "62_000", "62"], err
    for reading in readings:
        again, said = _checked(tmp_path, invoke, plan, old, f"loaded_cost_per_fte: {reading}")
        assert again in (0, 1), said


def test_an_unquoted_exponent_is_yaml_s_number_as_the_readme_says(
    tmp_path: Path, invoke: Invoke
) -> None:
    # README's money table listed `1e6` as refused; unquoted it is YAML's number 1000000,
    # which every figure of a plan reads (agents: 1.62e1 is 16.2 FTE). 6.2e4 = 62,000 USD,
    # the starter's own loaded cost, so the plan is as aligned as it was.
    plan = _starter(tmp_path, invoke)
    old = "loaded_cost_per_fte: 62000"
    code, err = _checked(tmp_path, invoke, plan, old, "loaded_cost_per_fte: 6.2e4")
    assert code == 0, err
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| money |"))
    assert "`1e6`" not in row.split("|")[3], row


@pytest.mark.parametrize(
    ("written", "told"),
    [
        # Pasted from a document: en dashes where the plan's hours have hyphens.
        (
            "Mon–Fri 08:00–20:00",
            'write "Mon-Fri 08:00-20:00", with hyphens (-) where it has dashes (–)',
        ),
        ("Mon-Fri 08:00—20:00", 'write "Mon-Fri 08:00-20:00", with hyphens'),
        ("Mon–Fri 8am–8pm", 'write "Mon-Fri 08:00-20:00" (a 24-hour clock), with hyphens'),
        # Round the clock as people write it: was told "Mon-Fri 24:00-07:00".
        ("24-7", 'write "24x7"'),
        ("24–7", 'write "24x7"'),
        ("24/7/365", 'write "24x7"'),
        ("24 - 5", 'write "24x5"'),
        # A comma after the days: was "'' in 'Mon-Fri, 08:00-20:00' is not a weekday".
        (
            "Mon-Fri, 08:00-20:00",
            'has a comma with no weekday beside it — write "Mon-Fri 08:00-20:00"',
        ),
        ("Mon,,Sat 08:00-20:00", 'write "Mon, Sat 08:00-20:00"'),
    ],
)
def test_hours_as_people_write_them_are_told_what_to_write(
    tmp_path: Path, invoke: Invoke, written: str, told: str
) -> None:
    plan = _starter(tmp_path, invoke)
    old = "hours: Mon-Fri 08:00-20:00"
    code, err = _checked(tmp_path, invoke, plan, old, f'hours: "{written}"')
    assert code == 2
    assert err.startswith("plan.yaml:16:12: channels[phone].hours: "), err
    assert told in err, err
    assert "'' in" not in err
    fix = re.search(r'— write ("[^"]+")', err)
    assert fix, err
    again, said = _checked(tmp_path, invoke, plan, old, f"hours: {fix[1]}")
    assert again in (0, 1), said


@pytest.mark.parametrize(
    ("written", "told"),
    [
        ("Mon–Fri 08:00–20:00", 'write "Mon-Fri 08:00-20:00", with hyphens'),
        ("24-7", 'write "24x7"'),
        ("Mon-Fri, 08:00-20:00", 'write "Mon-Fri 08:00-20:00" (a comma parts'),
    ],
)
def test_staff_hours_are_told_the_plan_s_fix(invoke: Invoke, written: str, told: str) -> None:
    # `staff --hours` told every slip 'write one span, e.g. "Mon-Fri 08:00-20:00"', the
    # text an en-dashed span already reads as; a plan's fix of one span is its own.
    result = invoke(
        "staff", "--volume", "100/day", "--aht", "3m", "--target", "80% in 20s", "--hours", written
    )
    assert result.code == 2
    assert told in result.err, result.err
    result = invoke(
        "staff", "--volume", "100/day", "--aht", "3m", "--target", "80% in 20s", "--hours", "x"
    )
    assert "repeat --hours for more" in result.err


@pytest.mark.parametrize(
    ("old", "new", "told"),
    [
        # A value left out after its key is YAML's null: it was shown as Python's 'None'.
        ("    kind: voice\n", "    kind:\n", "plan.yaml:15:10: channels[phone].kind: null is"),
        ("    kind: voice\n", "    kind: ~\n", "plan.yaml:15:11: channels[phone].kind: null is"),
        (
            "    kind: voice\n",
            "    kind: voice\n    staffed_by:\n",
            "plan.yaml:16:16: channels[phone].staffed_by: null is not allowed here — write one "
            "of 'humans', 'bots' or 'mixed'",
        ),
        # A number or a switch is shown as written, not quoted as if it were text.
        ("    kind: voice\n", "    kind: 5\n", "channels[phone].kind: 5 is not allowed here"),
        ("    kind: voice\n", "    kind: true\n", "channels[phone].kind: true is not allowed"),
        ("    kind: voice\n", "    kind: Voice\n", "'Voice' is not allowed here — did you mean"),
    ],
)
def test_a_choice_left_empty_is_shown_as_the_file_wrote_it(
    tmp_path: Path, invoke: Invoke, old: str, new: str, told: str
) -> None:
    plan = _starter(tmp_path, invoke)
    code, err = _checked(tmp_path, invoke, plan, old, new)
    assert code == 2
    assert told in err, err
    assert "'None'" not in err and "'5'" not in err and "'True'" not in err


@pytest.mark.parametrize(
    ("written", "told"),
    [
        # `hours: Mon-Fri 8:00-20:00` is read; an interval's `at:` takes HH:MM alone, and
        # was told only the form. Each is told the time it means.
        ("8:00", 'write "08:00" (HH:MM, a 24-hour clock, quoted)'),
        ("8.30pm", 'write "20:30"'),
        ("08h30", 'write "08:30"'),
        # Nothing a clock time: the form, as before.
        ("24:00", 'write HH:MM from 00:00 to 23:59, quoted, e.g. "08:00"'),
        ("soon", 'write HH:MM from 00:00 to 23:59, quoted, e.g. "08:00"'),
    ],
)
def test_an_interval_s_time_is_told_the_time_it_means(
    tmp_path: Path, invoke: Invoke, written: str, told: str
) -> None:
    plan = _starter(tmp_path, invoke)
    old = "volume: {contacts: 9000, per: month}"
    new = 'volume: {{interval: 12h, intervals: [{{at: "{}", contacts: 450}}]}}'
    code, err = _checked(tmp_path, invoke, plan, old, new.format(written))
    assert code == 2
    assert f"plan.yaml:17:46: channels[phone].volume.intervals[0].at: '{written}' is not" in err
    assert told in err, err
    fix = re.search(r'— write "(\d\d:\d\d)"', err)
    if fix:  # the time told is read as one (the forecast may then be judged short)
        _, said = _checked(tmp_path, invoke, plan, old, new.format(fix[1]))
        assert "is not a clock time" not in said, said


@pytest.mark.parametrize(
    ("written", "told"),
    [
        # Minutes and seconds as a stopwatch or a spreadsheet writes them.
        ("6'30\"", "write 6m30s"),
        ("6′30″", "write 6m30s"),
        ("6'", "write 6m"),
        # The last unit left off: after minutes it is seconds, after hours minutes.
        ("6m30", "write 6m30s"),
        ("1h30", "write 1h30m"),
        ("1h 30", "write 1h 30m"),
        # Words people put between the parts, and abbreviations with a dot.
        ("6 minutes and 30 seconds", "write 6 minutes 30 seconds"),
        ("6 min, 30 sec", "write 6 min 30 sec"),
        ("6 mn", "write 6m"),
        ("6 Min.", "write 6m"),
        ("1 hr. 30 min.", "write 1h 30m"),
        # No reading: the examples, as before.
        ("6ms", "write e.g. 20s, 7m30s, 4h, 2d or PT20S"),
        ("soon", "write e.g. 20s, 7m30s, 4h, 2d or PT20S"),
    ],
)
def test_a_duration_as_people_write_it_is_told_how_to_write_it(
    tmp_path: Path, invoke: Invoke, written: str, told: str
) -> None:
    plan = _starter(tmp_path, invoke)
    old = "handle_time: 6m"
    quoted = written.replace("'", "''")
    code, err = _checked(tmp_path, invoke, plan, old, f"handle_time: '{quoted}'")
    assert code == 2
    assert err.startswith("plan.yaml:18:18: channels[phone].handle_time: "), err
    assert f"is not a duration — {told}\n" in err, err
    if not told.startswith("write e.g."):  # what it is told to write, check reads
        again, said = _checked(tmp_path, invoke, plan, old, f"handle_time: {told[6:]}")
        assert again in (0, 1), said


@pytest.mark.parametrize(
    ("command", "first_line"),
    [
        (("check", "examples/delight-fedex-misaligned.yaml"), "<!-- cs-align-report -->"),
        (
            ("diff", "examples/delight-aligned.yaml", "examples/delight-fedex-misaligned.yaml"),
            "<!-- cs-align-report -->",
        ),
        (("whatif", "examples/delight-fedex-misaligned.yaml"), "### What if: "),
    ],
)
def test_a_file_named_markdown_gets_markdown(
    tmp_path: Path, invoke: Invoke, command: tuple[str, ...], first_line: str
) -> None:
    # `-o summary.md` wrote Markdown and `-o summary.markdown` the terminal table, box
    # drawing and all, where `report -o r.markdown` writes a Markdown report.
    out = tmp_path / "summary.markdown"
    result = invoke(*command, "-o", str(out))
    assert result.code == 1, result.err
    assert out.read_text(encoding="utf-8").startswith(first_line)
    assert "╭" not in out.read_text(encoding="utf-8")
    again = invoke(*command, "-o", str(out))  # its own output, rewritten
    assert again.code == 1, again.err
    named = invoke(*command, "-f", "json", "-o", str(out))
    assert named.code == 2
    assert "is named as markdown, but the format is json" in named.err


@pytest.mark.parametrize(
    ("written", "told"),
    [
        # A built-in named as a file, as the repository keeps them (strategies/delight.yaml).
        (
            "delight.yaml",
            "plan.yaml:10:11: strategy file 'delight.yaml' not found — a built-in strategy is "
            "named by its id: write delight, or check the path",
        ),
        ("strategies/fast-food.yml", "named by its id: write fast-food, or check the path"),
        # A file of the user's own that is not there: the path, as before.
        ("ours.yaml", "not found — check the path (relative to the file that names it)"),
        # A list where one strategy goes was told "expected text — write text, quoted …".
        (
            "[delight, genius]",
            "plan.yaml:10:11: strategy: a list of strategies is not one: a plan is judged by "
            "one strategy, or by a mix — write one id (strategy: delight), or a mix that says "
            "which parts each judges: strategy: {primary: delight, by_channel: {phone: genius}}",
        ),
        (
            "{primary: delight, by_channel: {phone: [genius]}}",
            "plan.yaml:10:50: strategy.by_channel.phone: a list of strategies is not one — "
            "write one strategy id or file, e.g. genius",
        ),
    ],
)
def test_a_strategy_named_as_people_name_it_is_told_how(
    tmp_path: Path, invoke: Invoke, written: str, told: str
) -> None:
    plan = _starter(tmp_path, invoke)
    code, err = _checked(tmp_path, invoke, plan, "strategy: delight", f"strategy: {written}")
    assert code == 2
    assert told in err, err
    assert "expected text" not in err


def test_a_flag_or_an_extends_naming_a_built_in_as_a_file_is_told_its_id(
    tmp_path: Path, invoke: Invoke
) -> None:
    _starter(tmp_path, invoke)
    result = invoke("check", "plan.yaml", "--strategy", "genius.yaml", cwd=tmp_path)
    assert result.code == 2
    assert "a built-in strategy is named by its id: write genius" in result.err
    (tmp_path / "ours.yaml").write_text("id: ours\nname: Ours\nextends: delight.yaml\n")
    result = invoke("check", "plan.yaml", "--strategy", "ours.yaml", cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith("ours.yaml:3:10: strategy file 'delight.yaml' not found — ")
    assert "write delight" in result.err


@pytest.mark.parametrize(
    ("vary", "told"),
    [
        # Each was told only the forms ("write volume=+10% or -20% (relative to the plan)").
        ("volume=10%", "write volume=+10% (10% more) or volume=-10% (10% fewer)"),
        ("volume=+10", "write volume=+10% (relative to the plan)"),
        ("aht=30s", "write aht=+30s (added to every handle time) or aht=-30s"),
        ("aht=1m30s", "write aht=+1m30s (added to every handle time) or aht=-1m30s"),
        ("aht=+30", "write aht=+30s (seconds added) or aht=+30% (relative)"),
        # A share as a plan writes it (0.35 is 35%), or without its percent sign.
        ("shrinkage=0.35", "write shrinkage=35% (the value; a plan's 0.35 is 35%)"),
        ("attrition=.4", "write attrition=40% (the value; a plan's 0.4 is 40%)"),
        ("shrinkage=35", "write shrinkage=35% (the value: a share has its percent sign)"),
        ("agents=+2 FTE", "write agents=+2 (FTE added to the total)"),
        # Nothing stands out: the forms, as before.
        ("aht=soon", "write aht=+30s, -1m (added to every handle time) or +10% (relative)"),
    ],
)
def test_a_stress_written_as_people_write_it_is_told_what_it_means(
    invoke: Invoke, vary: str, told: str
) -> None:
    result = invoke("whatif", "examples/delight-aligned.yaml", "--vary", vary)
    assert result.code == 2
    assert f"--vary {vary}: not a value for " in result.err, result.err
    assert told in result.err, result.err
    written = re.search(r"— write (\S+?),? ", result.err)
    assert written
    again = invoke("whatif", "examples/delight-aligned.yaml", "--vary", written[1])
    assert again.code in (0, 1), again.err


def test_the_readme_says_what_the_table_shows_of_a_finding(invoke: Invoke) -> None:
    # README said the table gives each finding "the fix and the essay it comes from"; the
    # table gives none (`source` is in JSON, SARIF, Markdown and the report), so an
    # executive looked for a source line that is not there.
    plan = "examples/delight-fedex-misaligned.yaml"
    table = invoke("check", plan).out
    assert "fix: " in table and "essay" not in table.lower() and "source" not in table.lower()
    assert '"source": "002, 004"' in invoke("check", plan, "-f", "json").out
    assert '"source": "002, 004"' in invoke("check", plan, "-f", "sarif").out
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    tour = readme.split("The verdict comes first", 1)[1].split("A rule never passes", 1)[0]
    assert "the fix and\nthe essay it comes from" not in tour
    assert "`cs-align explain RULE-ID`" in tour


@pytest.mark.parametrize(
    ("named", "told"),
    [
        # A Mac reads Plans/ as plans/; CI's Linux does not, and said only "check the path".
        ("Plans/acme.yaml", "did you mean plans/acme.yaml? (names are case-sensitive on Linux"),
        ("plans/ACME.YAML", "did you mean plans/acme.yaml? (names are case-sensitive on Linux"),
        ("./Plans/acme.yaml", "did you mean plans/acme.yaml? (names are case-sensitive"),
        ("plans/acme.yml", "did you mean plans/acme.yaml?\n"),
        ("Plans/", "no such folder — did you mean plans/? (names are case-sensitive"),
        ("plan/", "no such folder — did you mean plans/?\n"),
        # Nothing near: the path, as before.
        ("plans/zzz.yaml", "no such file — check the path\n"),
    ],
)
def test_a_plan_named_in_another_case_is_told_the_one_there(
    tmp_path: Path, invoke: Invoke, named: str, told: str
) -> None:
    (tmp_path / "plans").mkdir()
    assert invoke("init", "plans/acme.yaml", cwd=tmp_path).code == 0
    result = invoke("check", named, cwd=tmp_path)
    assert result.code == 2
    assert told in result.err, result.err
    meant = re.search(r"did you mean (\S+)\?", result.err)
    if meant:
        assert invoke("check", meant[1], cwd=tmp_path).code == 0


def test_init_force_keeps_a_starter_someone_has_edited(tmp_path: Path, invoke: Invoke) -> None:
    # The starter's mark stays at the top of a plan its owner edits, and init --force took
    # the edited plan for the starter it was: `init --strategy genius plan.yaml --force`
    # (to "switch strategy") wrote over a week's figures, exit 0.
    plan = _starter(tmp_path, invoke)
    edited = plan.replace("agents: 16.2", "agents: 14").replace("total: 1510478", "total: 1.4M")
    (tmp_path / "plan.yaml").write_text(edited, encoding="utf-8")
    result = invoke("init", "--strategy", "genius", "plan.yaml", "--force", cwd=tmp_path)
    assert result.code == 2
    assert "plan.yaml is a starter plan that has been edited since `cs-align init` wrote it" in (
        result.err
    )
    assert "delete plan.yaml first to start again" in result.err
    assert (tmp_path / "plan.yaml").read_text(encoding="utf-8") == edited
    # A starter as init wrote it is still replaced, for another strategy or the same one.
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")
    assert invoke("init", "--strategy", "genius", "plan.yaml", "--force", cwd=tmp_path).code == 0
    assert "strategy: genius" in (tmp_path / "plan.yaml").read_text(encoding="utf-8")
    assert invoke("init", "plan.yaml", "--force", cwd=tmp_path).code == 0


def test_show_config_writes_a_switch_as_the_config_does(tmp_path: Path, invoke: Invoke) -> None:
    # The table said `ignore_waivers  False` (Python's bool), where the config and the
    # JSON write false.
    (tmp_path / ".cs-align.yaml").write_text("fail_on: warning\n", encoding="utf-8")
    shown = invoke("check", "--show-config", cwd=tmp_path).out
    line = next(row for row in shown.splitlines() if row.startswith("ignore_waivers"))
    assert line.split()[1] == "false", shown
    (tmp_path / ".cs-align.yaml").write_text("ignore_waivers: true\n", encoding="utf-8")
    shown = invoke("check", "--show-config", cwd=tmp_path).out
    line = next(row for row in shown.splitlines() if row.startswith("ignore_waivers"))
    assert line.split()[:2] == ["ignore_waivers", "true"], shown
    assert "True" not in shown and "False" not in shown


def test_a_rule_s_switch_is_shown_as_a_strategy_file_writes_it(invoke: Invoke) -> None:
    # strategies show and explain said `funded=True`, Python's bool, where a strategy file
    # writes `funded: true` (and is refused `funded: 'yes'`).
    shown = invoke("strategies", "show", "delight").out
    assert "training-hours  (min_hours=80, funded=true)" in shown, shown
    explained = invoke("explain", "training-hours").out
    assert "min_hours=80, funded=true" in explained
    assert "=True" not in shown + explained and "=False" not in shown + explained
    rules = (Path(__file__).parent.parent / "docs" / "rules.md").read_text(encoding="utf-8")
    assert "| delight | warning | min_hours=80, funded=true |" in rules


@pytest.mark.parametrize(
    ("old", "new", "told"),
    [
        # Nothing after the colon where text belongs was told "expected text — write text,
        # quoted if it could be read as a number"; `""` a string's "add at least one entry".
        (
            "organisation: Example Co",
            "organisation:",
            "plan.yaml:7:14: organisation: is empty — write e.g. `organisation: Acme Support`",
        ),
        ("strategy: delight", "strategy:", "strategy: is empty — write e.g. `strategy: delight`"),
        ("strategy: delight", 'strategy: ""', "strategy: is empty — write e.g. `strategy:"),
        ("  - id: phone", "  - id:", "channels[0].id: is empty — write e.g. `id: phone`"),
    ],
)
def test_text_left_empty_is_told_what_to_write(
    tmp_path: Path, invoke: Invoke, old: str, new: str, told: str
) -> None:
    plan = _starter(tmp_path, invoke)
    code, err = _checked(tmp_path, invoke, plan, old, new)
    assert code == 2
    assert told in err, err
    assert "expected text" not in err and "at least one entry" not in err


@pytest.mark.parametrize(
    ("field", "told"),
    [
        ("path", "waivers[0].path: is empty — write e.g. `path: staffing.uses_scripts`"),
        ("reason", 'waivers[0].reason: is empty — write e.g. `reason: "why the finding'),
        ("owner", "waivers[0].owner: is empty — write e.g. `owner: a.person@example.com`"),
    ],
)
def test_a_waiver_s_field_left_empty_is_told_what_to_write(
    tmp_path: Path, invoke: Invoke, field: str, told: str
) -> None:
    _starter(tmp_path, invoke)
    fields = {
        "rule": "no-scripts",
        "path": "staffing.uses_scripts",
        "reason": "scripts stay until the spring training lands",
        "owner": "ops-team",
        "expires": "2027-01-31",
    }
    fields[field] = ""
    text = ", ".join(f"{k}: {v}" for k, v in fields.items())
    (tmp_path / "w.yaml").write_text(f"waivers:\n  - {{{text}}}\n", encoding="utf-8")
    result = invoke("check", "plan.yaml", "--waivers", "w.yaml", cwd=tmp_path)
    assert result.code == 2
    assert "w.yaml:2:" in result.err and told in result.err, result.err


@pytest.mark.parametrize(
    ("written", "told"),
    [
        # Was "20 has no unit — give a unit: 20m for minutes or 20s for seconds": the figure
        # alone, and 20m (a twenty-minute wait) offered first.
        ("80% in 20", "the wait in '80% in 20' has no unit — write \"80% in 20s\" (seconds)"),
        ("80% within 20", 'write "80% within 20s" (seconds)'),
    ],
)
def test_a_service_level_s_wait_without_its_unit_is_told_the_whole_target(
    tmp_path: Path, invoke: Invoke, written: str, told: str
) -> None:
    plan = _starter(tmp_path, invoke)
    old = 'service_level: "80% in 20s"'
    code, err = _checked(tmp_path, invoke, plan, old, f'service_level: "{written}"')
    assert code == 2
    assert "plan.yaml:19:29: channels[phone].target.service_level: " in err
    assert told in err, err
    fixed = re.search(r'write "([^"]+)"', err)
    assert fixed
    again, said = _checked(tmp_path, invoke, plan, old, f'service_level: "{fixed[1]}"')
    assert again == 0, said
    staff = invoke("staff", "--volume", "100/30m", "--aht", "3m", "--target", written)
    assert staff.code == 2 and told in staff.err, staff.err


@pytest.mark.parametrize(
    ("table", "told"),
    [
        # Written as .cs-align.yaml writes them, unquoted: told only "fix the syntax there".
        ("fail_on = warning", "pyproject.toml:2:11: not valid TOML: Invalid value"),
        ("fail_on = warning", 'quote the text, as TOML writes it: fail_on = "warning"'),
        (
            "[tool.cs-align.guardrails]\nmax_budget_increase = 5%",
            'quote the text, as TOML writes it: max_budget_increase = "5%"',
        ),
        (
            "[tool.cs-align.guardrails]\nno_new_errors = warn  # for now",
            'quote the text, as TOML writes it: no_new_errors = "warn"',
        ),
        # Not a value written bare: as before.
        ('fail_on = "warning', "fix the syntax there"),
    ],
)
def test_a_pyproject_value_written_bare_is_told_to_quote_it(
    tmp_path: Path, invoke: Invoke, table: str, told: str
) -> None:
    _starter(tmp_path, invoke)
    (tmp_path / "pyproject.toml").write_text(f"[tool.cs-align]\n{table}\n", encoding="utf-8")
    result = invoke("check", "plan.yaml", cwd=tmp_path)
    assert result.code == 2
    assert told in result.err, result.err
    fixed = re.search(r"TOML writes it: (.+)$", result.err.strip())
    if fixed:
        text = f"[tool.cs-align]\n{table.rsplit(chr(10), 1)[0]}\n{fixed[1]}\n"
        if "\n" not in table:
            text = f"[tool.cs-align]\n{fixed[1]}\n"
        (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
        assert invoke("check", "plan.yaml", cwd=tmp_path).code in (0, 1)


@pytest.mark.parametrize(
    ("stress", "told"),
    [
        ("{volume: 30%, at_least: at-risk}", "write volume: +30% (30% more) or volume: -30%"),
        ("{aht: 30s}", "write aht: +30s (added to every handle time) or aht: -30s"),
        ("{volume: soon}", "write volume: +10% or -20% (relative to the plan)"),
    ],
)
def test_a_resilience_stress_is_told_as_the_config_writes_it(
    tmp_path: Path, invoke: Invoke, stress: str, told: str
) -> None:
    # The config's errors said `write volume=+30%`, --vary's spelling, which YAML reads as
    # one word in `.cs-align.yaml`.
    _starter(tmp_path, invoke)
    config = tmp_path / ".cs-align.yaml"
    config.write_text(f"guardrails:\n  resilience: {stress}\n", encoding="utf-8")
    result = invoke("check", "plan.yaml", cwd=tmp_path)
    assert result.code == 2
    # At the stress's own value (input61; it was the `{` at 2:15).
    key, _, _ = stress.strip("{").partition(":")
    column = 15 + stress.index(": ") + 2
    said = f".cs-align.yaml:2:{column}: guardrails.resilience.{key}: "
    assert result.err.startswith(said), result.err
    assert told in result.err, result.err
    written = re.search(r"— write (\w+: [^\s,]+)", result.err)
    assert written
    config.write_text(f"guardrails:\n  resilience: {{{written[1]}}}\n", encoding="utf-8")
    assert invoke("check", "plan.yaml", cwd=tmp_path).code in (0, 1)


@pytest.mark.parametrize(
    ("name", "told"),
    [
        # `fix -f json -o fix.json` wrote the fixed plan's YAML into fix.json (exit 1), and
        # `-o fixed.md` into a Markdown file, where `-o fixed.pdf` was refused.
        ("fix.json", "is named as JSON, but the fixed plan is YAML — the fixed plan is written"),
        ("fix.json", "-f json prints what changed as JSON, to standard output"),
        ("fixed.md", "is named as Markdown, but the fixed plan is YAML"),
        ("fixed.sarif", "is named as SARIF, but the fixed plan is YAML"),
        ("fixed.html", "is named as HTML, but the fixed plan is YAML"),
    ],
)
def test_fix_writes_the_fixed_plan_only_to_a_name_for_yaml(
    tmp_path: Path, invoke: Invoke, name: str, told: str
) -> None:
    plan = _starter(tmp_path, invoke).replace("agents: 16.2", "agents: 12")
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")
    result = invoke("fix", "plan.yaml", "-f", "json", "-o", name, cwd=tmp_path)
    assert result.code == 2
    assert f"--output {name} " in result.err and told in result.err, result.err
    assert not (tmp_path / name).exists()
    assert invoke("fix", "plan.yaml", "-o", "fixed.yaml", cwd=tmp_path).code == 0
    assert "agents: 13.8" in (tmp_path / "fixed.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "told"),
    [
        # `report -f html -o report.json` wrote HTML into report.json (exit 1); into
        # report.yaml, a file a folder check then judges as a plan, unusable.
        ("report.json", "--output report.json is named as JSON, but a report is Markdown or"),
        ("report.yaml", "--output report.yaml is named as YAML (a plan's name), but a report"),
        ("report.sarif", "name the file report.html or report.md"),
    ],
)
def test_a_report_is_written_only_to_a_name_for_a_report(
    tmp_path: Path, invoke: Invoke, name: str, told: str
) -> None:
    _starter(tmp_path, invoke)
    result = invoke("report", "plan.yaml", "-f", "html", "-o", name, cwd=tmp_path)
    assert result.code == 2
    assert told in result.err, result.err
    assert not (tmp_path / name).exists()
    assert invoke("report", "plan.yaml", "-f", "html", "-o", "report.txt", cwd=tmp_path).code == 0


@pytest.mark.parametrize(
    "args",
    [
        ("check", "plan.yaml", "-o", "results.yaml"),
        ("check", "plan.yaml", "-f", "json:results.yml"),
        ("whatif", "plan.yaml", "-o", "results.yaml"),
    ],
)
def test_an_output_is_never_named_as_a_plan(
    tmp_path: Path, invoke: Invoke, args: tuple[str, ...]
) -> None:
    # `check -o results.yaml` wrote the table into a .yaml file: the next `check .` (or
    # the gate's folder check) judged it as a plan, unusable, exit 2 far from its cause.
    _starter(tmp_path, invoke)
    result = invoke(*args, cwd=tmp_path)
    assert result.code == 2
    assert "is named as YAML, as a plan is: a folder check would judge it as one" in result.err
    assert not list(tmp_path.glob("results.*"))
    assert invoke("check", ".", cwd=tmp_path).code == 0


@pytest.mark.parametrize(
    ("old", "new", "told"),
    [
        # A value holding both quote marks was shown as Python's repr: '6\'30"'.
        ("handle_time: 6m", "handle_time: 6'30\"", "handle_time: `6'30\"` is not a duration"),
        (
            "loaded_cost_per_fte: 62000",
            "loaded_cost_per_fte: 62'000\"",
            "loaded_cost_per_fte: `62'000\"` is not an amount",
        ),
    ],
)
def test_a_value_with_both_quote_marks_is_shown_as_written(
    tmp_path: Path, invoke: Invoke, old: str, new: str, told: str
) -> None:
    plan = _starter(tmp_path, invoke)
    code, err = _checked(tmp_path, invoke, plan, old, new)
    assert code == 2
    assert told in err, err
    assert "\\'" not in err


def test_the_readme_names_the_outputs_refused_for_their_names() -> None:
    # report -o acme.json, fix -o fixed.md and check -o results.yaml are exit 2: the README
    # said only .pdf and .docx.
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert "a new `.yaml` or `.yml` a plan's" in readme
    assert (
        "`acme.json`, `.sarif`,\n`.xml`, `.csv`, a new `acme.yaml`), is refused (exit 2)" in readme
    )
    assert "so is `fix -o` a name other than a plan's (`fixed.json`, `fixed.md`)" in readme


@pytest.mark.parametrize(
    ("written", "days"), [("1 year", "365"), ("6 months", "182"), ("90 days", "90"), ("2w", "14")]
)
def test_a_waiver_window_written_as_a_span_is_told_its_days(
    tmp_path: Path, invoke: Invoke, written: str, days: str
) -> None:
    # `max_waiver_days: 1 year` was told "expected a whole number — write e.g. 2".
    _starter(tmp_path, invoke)
    config = tmp_path / ".cs-align.yaml"
    config.write_text(f"max_waiver_days: {written}\n", encoding="utf-8")
    result = invoke("check", "plan.yaml", cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith(".cs-align.yaml:1:18: max_waiver_days: "), result.err
    assert f"is not a number of days — write {days} (max_waiver_days counts days" in result.err
    config.write_text(f"max_waiver_days: {days}\n", encoding="utf-8")
    assert invoke("check", "plan.yaml", cwd=tmp_path).code == 0
    env = invoke("check", "plan.yaml", cwd=tmp_path, env={"CS_ALIGN_MAX_WAIVER_DAYS": written})
    assert env.code == 2 and "environment CS_ALIGN_MAX_WAIVER_DAYS" in env.err, env.err
    assert f"write {days} (max_waiver_days counts days" in env.err
