"""User text is neutralised in every output: the same hostile strings, through every
format's escaping function and through the whole command line."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import pytest

from cs_align import escaping
from tests.security.conftest import ALIGNED, MISALIGNED, Repo, Result

Cli = Callable[..., Result]
HOSTILE = {
    "osc52-clipboard": "\x1b]52;c;ZWNobyBwd25lZA==\x07",
    "osc8-link": "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\",
    "clear-screen": "\x1b[2J\x1b[H",
    "c1-csi": "\x9b31mred",
    "stop-commands": "::stop-commands::pwned",
    "error-command": "::error file=x::forged",
    "indented-command": "  ::warning::forged",
    "newline-command": "fine\n::error::forged",
    "carriage-return": "fine\r::error::forged",
    "bidi-override": "abc\u202edcba",
    "line-separator": "one\u2028two",
    "legacy-group": "x##[group]forged",  # GitHub's older syntax, obeyed anywhere in a line
    "legacy-stop": "###[stop-commands]tok",
}
ESCAPERS: dict[str, Callable[[str], str]] = {
    "visible": escaping.visible,
    "terminal": escaping.terminal,
    "markdown": escaping.markdown,
    "html": escaping.html,
    "github-data": escaping.github_data,
    "github-property": escaping.github_property,
}
RAW = (*(chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))), "\u202e", "\u2028")


def _safe(text: str, *, lines: bool = False, legacy: bool = True) -> None:
    """No raw control character (but the output's own line breaks, when ``lines``), and no
    line that a CI runner would read as a workflow command; nor, with ``legacy``, GitHub's
    older `##[command]`, which its runner obeys anywhere in a line."""
    allowed = {"\n"} if lines else set()
    assert not any(ch in text for ch in RAW if ch not in allowed), repr(text)
    assert not legacy or "##[" not in text, repr(text)
    for line in text.split("\n"):
        assert not line.lstrip().startswith("::") or line.startswith(_OURS), repr(line)


_OURS = ("::error file=plans/acme.yaml,", "::warning file=plans/acme.yaml,", "::notice file=plans/")
"""Workflow commands cs-align itself writes in the github format (user text only after)."""


@pytest.mark.parametrize("escaper", ESCAPERS)
@pytest.mark.parametrize("name", HOSTILE)
def test_every_escaping_function_neutralises_every_hostile_string(escaper: str, name: str) -> None:
    shown = ESCAPERS[escaper](HOSTILE[name])
    # A property sits inside a line that starts with a command (`::error file=…::`), which
    # the runner reads whole: there `##[` stays, so that `file=` names the file as it is.
    _safe(shown, legacy=escaper != "github-property")
    assert "\\x1b" in shown or "\x1b" not in HOSTILE[name]  # shown, not dropped


def _waiver_plan(repo: Repo, text: str) -> None:
    soon = dt.date.today() + dt.timedelta(days=60)
    waiver = (
        "waivers:\n  - rule: no-scripts\n    path: staffing.uses_scripts\n"
        f"    reason: {json.dumps('pilot until spring ' + text)}\n"
        f"    owner: {json.dumps('ops ' + text)}\n    expires: {soon}\n"
    )
    plan = ALIGNED.replace("uses_scripts: false", "uses_scripts: true")
    plan = plan.replace("organisation: Example Delight Co", f"organisation: {json.dumps(text)}")
    repo.write("plans/acme.yaml", plan + waiver)


@pytest.mark.parametrize("fmt", ["table", "markdown", "github", "junit", "json", "sarif"])
@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_plan_and_waiver_text_is_neutral_in_every_format(
    repo: Repo, cli: Cli, fmt: str, name: str
) -> None:
    _waiver_plan(repo, HOSTILE[name])
    result = cli("check", "plans/acme.yaml", "-f", fmt)
    assert result.code == 0, result.err
    _safe(result.out, lines=True)
    if fmt in ("json", "sarif"):  # escaped, not dropped: the text reads back as written
        assert any(HOSTILE[name] in text for text in _strings(json.loads(result.out)))


def _strings(value: object) -> list[str]:
    """Every string in a JSON document."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = [*value.keys(), *value.values()]
    return [s for item in value for s in _strings(item)] if isinstance(value, list) else []


@pytest.mark.parametrize("name", ["osc52-clipboard", "stop-commands", "bidi-override"])
def test_hostile_text_is_neutral_in_reports(repo: Repo, cli: Cli, name: str) -> None:
    _waiver_plan(repo, HOSTILE[name])
    for out in ("r.md", "r.html"):
        assert cli("report", "plans/acme.yaml", "-o", out).code in (0, 1)
        _safe((repo.root / out).read_text(), lines=True)


@pytest.mark.parametrize("name", ["::error::x\x1b[2J.yaml", "new##[warning title=x]forged.yaml"])
def test_hostile_file_names_are_neutral_in_errors(repo: Repo, cli: Cli, name: str) -> None:
    repo.write(f"plans/{name}", "version: 1\n")
    result = cli("check", f"plans/{name}")
    assert result.code == 2
    _safe(result.err, lines=True)


@pytest.mark.parametrize("fmt", ["table", "markdown", "github", "junit", "json", "sarif"])
def test_a_plan_named_like_a_workflow_command_is_neutral_in_every_format(
    repo: Repo, cli: Cli, fmt: str
) -> None:
    # Review attack23 M5: `git mv plans/acme.yaml 'plans/##[group]acme.yaml'` passed the gate
    # and the table's first line opened a log group on GitHub's runner.
    (repo.root / "plans/acme.yaml").unlink()
    repo.write("plans/##[group]acme.yaml", MISALIGNED)  # findings name the file in each format
    result = cli("check", "plans/", "-f", fmt)
    assert result.code == 1, result.err
    assert "acme.yaml" in result.out
    if fmt != "github":
        _safe(result.out, lines=True)
        return
    # The runner reads a line that starts with a workflow command as that command whole: the
    # annotation names the file as it is, so that GitHub shows it on that file.
    for line in result.out.splitlines():
        assert line.startswith(("::error file=plans/##[group]acme.yaml,", "::warning file=")), line


@pytest.mark.parametrize("command", ["promise", "whatif"])
def test_the_planners_json_is_neutral_for_a_plan_named_like_a_workflow_command(
    repo: Repo, cli: Cli, command: str
) -> None:
    """promise's JSON was written with json.dumps, past the escaping every other JSON
    output has: `##[group]` in a file name reached the runner's log as it is. So did its
    document for an unusable plan, and whatif's."""
    (repo.root / "plans/acme.yaml").unlink()
    repo.write("plans/##[group]acme.yaml", MISALIGNED)
    repo.write("plans/##[group]broken.yaml", "version: 1\nchannels: [\n")
    for plan, code in (("plans/##[group]acme.yaml", (0, 1)), ("plans/##[group]broken.yaml", (2,))):
        result = cli(command, plan, "-f", "json")
        assert result.code in code, result.err
        assert "acme.yaml" in result.out or "broken.yaml" in result.out
        _safe(result.out, lines=True)


def test_markdown_text_cannot_ping_link_emoji_or_typeset() -> None:
    shown = escaping.markdown("@acme/finance https://evil.example www.evil.example :rocket: $x$")
    assert "@acme" not in shown and "@&#8203;acme" in shown
    assert "://" not in shown and "www." not in shown.lower()
    assert ":rocket:" not in shown and "$x$" not in shown


def test_diff_table_output_shows_budget_line_names_visibly(repo: Repo, cli: Cli) -> None:
    hostile = "x\\n::stop-commands::pwn\\n\\u001b]52;c;aGk=\\u0007\\u001b[2J"
    plan = ALIGNED.replace("goodwill: 25001", f'goodwill: 25001, "{hostile}": 0')
    repo.write("plans/acme.yaml", plan)
    result = cli("diff", "--base-ref", "main", "plans/acme.yaml")
    _safe(result.out, lines=True)
    assert "\\x1b]52" in result.out


def test_svg_labels_show_control_characters_visibly(repo: Repo, cli: Cli) -> None:
    plan = ALIGNED.replace("goodwill: 25001", 'goodwill: 25000, "odd\\u001b[2Jline": 1')
    repo.write("plans/acme.yaml", plan)
    assert cli("report", "plans/acme.yaml", "-o", "r.html").code == 0
    html = (repo.root / "r.html").read_text()
    assert "\x1b" not in html and "odd\\x1b[2Jline" in html


def test_sarif_uris_are_percent_encoded(repo: Repo, cli: Cli) -> None:
    name = "plans/x#y 100%zz.yaml"
    repo.write(name, (repo.root / "plans/acme.yaml").read_text().replace("16.2", "4"))
    sarif = json.loads(cli("check", name, "-f", "sarif").out)
    uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri["uri"] == "plans/x%23y%20100%25zz.yaml"


def test_show_config_prints_config_text_visibly(repo: Repo, cli: Cli) -> None:
    # pyproject.toml strings may hold what YAML files may not: escapes, newlines, `::`.
    repo.write(
        "pyproject.toml",
        '[tool.cs-align]\nformat = ["json:x\\u001b[31mRED\\n::error::injected.json"]\n',
    )
    (repo.root / ".cs-align.yaml").unlink()
    result = cli("check", "--show-config")
    text = result.out + result.err
    assert "\x1b" not in text and "\n::error" not in text
    assert result.code == 2 and "control character U+001B" in result.err


def test_mermaid_labels_carry_no_markup() -> None:
    # A budget line named with markup reached the pie chart raw (a renderer outside Mermaid's
    # strict mode would run it).
    from cs_align.charts import mermaid_budget, mermaid_fte

    pie = mermaid_budget([("x</text><script>alert(5)</script>&amp;", 82800.0)])
    bars = mermaid_fte([("<img src=x onerror=alert(1)>", 2.0, 1.5)])
    for chart in (pie, bars):
        assert "<" not in chart and ">" not in chart.replace("-->", "") and "&" not in chart


@pytest.mark.parametrize("indent", [None, 2])
def test_json_shows_every_hidden_character_escaped_and_reads_back_the_same(
    indent: int | None,
) -> None:
    data = {"hostile": list(HOSTILE.values()), "every": "".join(RAW), "plain": "Zoë 东京 €"}
    text = escaping.json_text(data, indent=indent)
    _safe(text, lines=indent is not None)
    assert "\\u202e" in text and "\\u0085" in text and "Zoë 东京 €" in text
    assert json.loads(text) == data


def test_fix_strategies_and_explain_show_user_text_visibly(repo: Repo, cli: Cli) -> None:
    # Review final25 M2: `fix` printed the plan's own lines in its diff (a block scalar's
    # line starting with `::` was a workflow command on the runner), `strategies show` a
    # strategy file's name raw, `explain --plan` and `init` a file name raw.
    from cs_align.roundtrip import unified

    before = "promise: |\n  ::error::forged by the plan\nagents: 4\n"
    shown = unified(before, before.replace("4", "5"), "p##[group].yaml")
    _safe(shown, lines=True)
    assert "  \\x3a:error::forged by the plan" in shown and "-agents: 4" in shown
    plan = MISALIGNED.replace("    agents: 4\n", "    agents: 4\n    # ##[warning]fix me\n", 1)
    repo.write("plans/fixme.yaml", plan)
    fixed = cli("fix", "plans/fixme.yaml")
    assert fixed.code in (0, 1), fixed.err
    _safe(fixed.out, lines=True)
    assert "# #\\x23[warning]fix me" in fixed.out  # shown, as an escape
    evil = 'id: x\nname: "ok\\n::error::forged\\x1b[2J ##[group]"\nextends: delight\n'
    repo.write("s/evil.yaml", evil)
    for fmt in ("table", "json"):
        listed = cli("strategies", "show", "s/evil.yaml", "-f", fmt)
        assert listed.code == 0, listed.err
        _safe(listed.out, lines=True)
    name = "plans/new\n::error::forged ##[group].yaml"
    repo.write(name, MISALIGNED)
    explained = cli("explain", "staffing-meets-targets", "--plan", name)
    _safe(explained.out, lines=True)
    assert "staffing-meets-targets" in explained.out


HUGE = "x" * 1_000_000


@pytest.mark.parametrize(
    ("find", "write", "code"),
    [
        # A strategy no one has: "unknown strategy 'xxx…'" echoed the megabyte whole, once
        # on stderr and in each format (3 MB of SARIF; review input59).
        ("strategy: delight", f"strategy: {HUGE}", 2),
        # A reward a rule quotes: "reps are rewarded on 'xxx…'", the finding's message.
        ("rewarded_on: [csat, first_contact_resolution]", f"rewarded_on: [csat, {HUGE}]", 1),
    ],
    ids=["problem", "finding"],
)
@pytest.mark.parametrize("fmt", ["table", "json", "sarif", "github", "junit", "markdown"])
def test_a_huge_value_is_shown_cut_in_every_format(
    repo: Repo, cli: Cli, fmt: str, find: str, write: str, code: int
) -> None:
    assert find in ALIGNED
    repo.write("plans/acme.yaml", ALIGNED.replace(find, write))
    result = cli("check", "plans/acme.yaml", "-f", fmt)
    assert result.code == code, result.err
    shown = result.out + result.err
    assert len(shown) < 20_000
    assert "x" * 200 in shown and "x" * 300 not in shown and "…" in shown


@pytest.mark.parametrize(
    ("field", "most"),
    [("promise", 2000), ("reason", 2000), ("owner", 200), ("path", 500)],
)
def test_a_plans_prose_and_its_waivers_are_of_a_size_a_person_writes(
    repo: Repo, cli: Cli, field: str, most: int
) -> None:
    # Review reattack59: a megabyte promise reached report -f html and -f md whole (1 MB
    # each), and a waiver's path, owner and reason every output; each is now refused at its
    # line, one character past its bound, and read at it.
    _waiver_plan(repo, "x")
    text = (repo.root / "plans/acme.yaml").read_text()
    key = {"promise": "promise: ", "reason": "    reason: ", "owner": "    owner: "}.get(
        field, "    path: "
    )
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.startswith(key))
    old = text.splitlines()[line - 1]
    for size, code in ((most, 0), (most + 1, 2)):
        value = "a b c " + "d" * (size - 6) if field != "path" else "*" * size
        repo.write("plans/acme.yaml", text.replace(old, f"{key}{json.dumps(value)}"))
        result = cli("check", "plans/acme.yaml")
        assert result.code == code, result.err[:300]
        if code == 2:
            assert f"plans/acme.yaml:{line}:" in result.err
            assert f"shorten it to at most {most} characters" in result.err
