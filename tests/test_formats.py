"""Every output format, pinned: one plan checked and diffed in each format, unusable input in
each, and every example in each, compared byte for byte with tests/golden/ (`pytest
--update-golden` rewrites them; read the diff before committing). And the list of formats is
the same everywhere a user or the code reads it.

The fixture is examples/tiered-misaligned.yaml with waivers, checked and diffed through the
command line in a git repository, as CI runs it: an error, an info finding, a warning, two
waived findings (by a waiver file the config names, and by an inline comment), a plan waiver
that matches nothing, and guardrails that block and warn. Paths are relative to the
repository. Two things would otherwise differ from day to day or release to release, and are
masked where they appear: the waivers' expiry (the command line judges waivers by today's
date, so they expire 90 days from today) and the version of cs-align.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from cs_align.reporters import FORMATS
from tests.conftest import EXAMPLES, ROOT, Invoke

EXPIRES = (dt.date.today() + dt.timedelta(days=90)).isoformat()
"""Inside max_waiver_days (180) and outside the 14 days in which a waiver warns."""
SUFFIX = {
    "table": "table.txt",
    "json": "json",
    "sarif": "sarif",
    "junit": "junit.xml",
    "markdown": "md",
    "github": "github.txt",
}
"""The golden file's ending for each format."""

WAIVED_INLINE = (
    "  leadership_service_hours_per_month: 0  # cs-align: waive leadership-in-service "
    'reason="leaders join the queue after the reorganisation" owner=head-of-service '
    f"expires={EXPIRES}\n"
)
PLAN_WAIVERS = f"""waivers:
  - rule: public-channel
    reason: the community forum opens next year
    owner: head-of-service
    expires: {EXPIRES}
"""
WAIVER_FILE = f"""waivers:
  - rule: best-tier-served-better
    path: segments
    reason: gold routing is being rebuilt this quarter
    owner: head-of-service
    expires: {EXPIRES}
"""
CONFIG = """waivers: [policy/waivers.yaml]
guardrails:
  max_budget_increase: 5%
  max_total: {value: 3M, action: warn}
  no_verdict_regression: warn
"""
BROKEN = """version: 1
organisation: Broken Co
strategy: delight
channels:
  - id: phone
    kind: voice
    handle_time: 6
staffing: {agents: 3, shrinkage: 132%}
"""
"""Two problems: a duration without a unit, a share above 100%."""
UNUSABLE = (
    "plans/broken.yaml:7:18: channels[phone].handle_time: 6 has no unit — give a unit: 6m "
    "for minutes or 6s for seconds (e.g. 20s, 7m30s, 4h)\n"
    "plans/broken.yaml:8:34: staffing.shrinkage: 132% is above 100% — write a share from 0% "
    "to 100%\n"
)
"""What stderr says in every format: each problem at file:line:col, with what to write."""


def _fixture_plan() -> str:
    text = (EXAMPLES / "tiered-misaligned.yaml").read_text(encoding="utf-8")
    leadership = "  leadership_service_hours_per_month: 0\n"
    assert leadership in text
    return text.replace(leadership, WAIVED_INLINE) + PLAN_WAIVERS


def _base_plan() -> str:
    """The aligned tiered example on a smaller budget: the proposal grows it by 8.8%."""
    text = (EXAMPLES / "tiered-aligned.yaml").read_text(encoding="utf-8")
    for old, new in (("total: 3046830", "total: 2800000"), ("people: 2684600", "people: 2437770")):
        assert old in text
        text = text.replace(old, new)
    return text


@pytest.fixture(scope="module")
def fixture_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("golden") / "repo"
    files = {
        "plans/tiered.yaml": _fixture_plan(),
        "plans/base.yaml": _base_plan(),
        "plans/broken.yaml": BROKEN,
        "policy/waivers.yaml": WAIVER_FILE,
        ".cs-align.yaml": CONFIG,
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    return root


def masked(text: str) -> str:
    """The output with the waivers' expiry masked (the `golden` fixture masks the version)."""
    return text.replace(EXPIRES, "<expires>")


Golden = Callable[[str, str], None]


@pytest.mark.parametrize("fmt", FORMATS)
def test_check_in_every_format(
    fmt: str, fixture_repo: Path, invoke: Invoke, golden: Golden
) -> None:
    result = invoke("check", "plans/tiered.yaml", "-f", fmt, cwd=fixture_repo)
    assert (result.code, result.err) == (1, "")
    golden(f"check.{SUFFIX[fmt]}", masked(result.out))


@pytest.mark.parametrize("fmt", FORMATS)
def test_diff_in_every_format(fmt: str, fixture_repo: Path, invoke: Invoke, golden: Golden) -> None:
    result = invoke("diff", "plans/base.yaml", "plans/tiered.yaml", "-f", fmt, cwd=fixture_repo)
    assert (result.code, result.err) == (1, "")  # max_budget_increase and no_new_errors block
    golden(f"diff.{SUFFIX[fmt]}", masked(result.out))


@pytest.mark.parametrize("fmt", FORMATS)
def test_unusable_input_in_every_format(
    fmt: str, fixture_repo: Path, invoke: Invoke, golden: Golden
) -> None:
    result = invoke("check", "plans/broken.yaml", "-f", fmt, cwd=fixture_repo)
    assert (result.code, result.err) == (2, UNUSABLE)
    golden(f"unusable.{SUFFIX[fmt]}", masked(result.out))


def test_every_example_in_every_format(invoke: Invoke, golden: Golden, tmp_path: Path) -> None:
    """All the examples in one run, each format to its own file: past 20 plans, the formats
    that can stream do (JSON a plan a line, the table a line a plan), so this pins the
    batch output as the fixture tests pin a single plan's."""
    written = {fmt: tmp_path / f"examples.{SUFFIX[fmt]}" for fmt in FORMATS}
    args = [a for fmt, path in written.items() for a in ("-f", f"{fmt}:{path}")]
    result = invoke("check", "examples", *args)
    assert (result.code, result.out, result.err) == (1, "", "")  # the misaligned ones fail
    for fmt, path in written.items():
        golden(f"examples.{SUFFIX[fmt]}", path.read_text(encoding="utf-8"))


def test_golden_files_are_all_in_use() -> None:
    """A golden file no test compares is stale: remove it with the test that wrote it."""
    kinds = ("check", "diff", "unusable", "examples")
    named = {f"{kind}.{SUFFIX[f]}" for kind in kinds for f in FORMATS}
    named |= {"report.md", "report.html"}
    assert {p.name for p in (ROOT / "tests" / "golden").iterdir()} == named


# ---- JUnit as Jenkins and GitLab read it --------------------------------------------------

_CASE_ORDER = ("skipped", "error", "failure", "system-out", "system-err")


def _junit_refusals(text: str) -> list[str]:
    """What the two JUnit schemas Jenkins validates against would refuse, and what GitLab
    would not show. The xUnit plugin's junit-10.xsd requires name, tests, failures and
    errors on every <testsuite>; junit5's jenkins-junit.xsd (junit-4.xsd of the dtkit
    model) orders a case's children skipped, error, failure, system-out, system-err, gives
    <skipped> text and no attributes, and wants a property in each <properties>. GitLab
    shows a skipped or failed case's element text, not its `message`
    (docs.gitlab.com/ci/testing/unit_test_reports)."""
    from xml.etree import ElementTree as ET

    found: list[str] = []
    root = ET.fromstring(text)
    assert root.tag == "testsuites"
    for suite in root:
        where = suite.get("name")
        missing = [a for a in ("name", "tests", "failures", "errors") if suite.get(a) is None]
        found += [f"{where}: no {a}=" for a in missing]
        tags = [child.tag for child in suite]
        if "properties" in tags and tags.index("properties") != 0:
            found.append(f"{where}: <properties> after a case")
        found += [f"{where}: empty <properties>" for p in suite.iter("properties") if not len(p)]
        for case in suite.iter("testcase"):
            order = [_CASE_ORDER.index(child.tag) for child in case]
            if order != sorted(order):
                found.append(f"{where} {case.get('name')}: children out of order")
            for child in case:
                if child.tag == "skipped" and (child.attrib or not (child.text or "").strip()):
                    found.append(f"{where} {case.get('name')}: <skipped> with {child.attrib}")
                if child.tag in ("failure", "error") and not (child.text or "").strip():
                    found.append(f"{where} {case.get('name')}: <{child.tag}> with no text")
        counted = {
            "tests": len(suite.findall("testcase")),
            "failures": len(suite.findall("testcase/failure")),
            "errors": len(suite.findall("testcase/error")),
            "skipped": len(suite.findall("testcase/skipped")),
        }
        found += [
            f"{where}: {key}={suite.get(key)}, but {n} written"
            for key, n in counted.items()
            if suite.get(key) is not None and suite.get(key) != str(n)
        ]
    return found


def test_junit_is_what_jenkins_and_gitlab_accept(
    fixture_repo: Path, invoke: Invoke, tmp_path: Path
) -> None:
    """Every suite had no `errors=` (the xUnit plugin's schema refuses the file), an
    unusable plan's no `failures=`, and a waived rule's <skipped> said who waived it in an
    attribute alone: jenkins-junit.xsd refuses it, and GitLab showed the case skipped with
    no reason (review user50 J1). Checked for one plan, a diff, unusable input and the
    examples streamed in a batch."""
    runs = {
        "check": invoke("check", "plans/tiered.yaml", "-f", "junit", cwd=fixture_repo),
        "diff": invoke(
            "diff", "plans/base.yaml", "plans/tiered.yaml", "-f", "junit", cwd=fixture_repo
        ),
        "unusable": invoke("check", "plans/broken.yaml", "-f", "junit", cwd=fixture_repo),
        "examples": invoke("check", "examples", "-f", "junit"),
    }
    assert [r.code for r in runs.values()] == [1, 1, 2, 1]
    for name, result in runs.items():
        assert _junit_refusals(result.out) == [], name
    skipped = runs["check"].out.partition("<skipped>")[2].partition("</skipped>")[0]
    assert skipped.startswith("plans/tiered.yaml:58:1: waived by head-of-service until ")
    assert "gold routing is being rebuilt this quarter" in skipped


# ---- one list of formats -------------------------------------------------------------------


def _listed(text: str) -> set[str]:
    """'table, json or sarif' → {'table', 'json', 'sarif'}."""
    return set(re.split(r",\s*|\s+or\s+", text.strip()))


def _help_formats(invoke: Invoke, command: str) -> set[str]:
    """The formats `cs-align COMMAND --help` lists for --format (before the ';')."""
    result = invoke(command, "--help")
    assert result.code == 0
    flat = " ".join(result.out.split())  # the help wraps to the terminal's width
    found = re.search(r"-f, --format \S+ ([^;]+);", flat)
    assert found, flat
    return _listed(found[1])


def test_the_format_list_is_the_same_everywhere(invoke: Invoke) -> None:
    registry = set(FORMATS)
    assert _help_formats(invoke, "check") == registry
    assert _help_formats(invoke, "diff") == registry
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    row = re.search(r"cs-align check PLAN… \[-f ([a-z\\|]+)\]", readme)
    assert row, "README's command table no longer lists check's formats"
    assert set(row[1].split("\\|")) == registry
    refused = invoke("check", "examples/delight-aligned.yaml", "-f", "yaml")
    assert refused.code == 2
    offered = re.search(r"unknown format 'yaml' — use one of (.+)$", refused.err.strip())
    assert offered and _listed(offered[1]) == registry
    assert set(SUFFIX) == registry  # and every format has its golden files


def test_markdown_answers_to_md_in_check_and_md_to_markdown_in_report(
    invoke: Invoke, tmp_path: Path
) -> None:
    # `report` calls the format md, `check` and `diff` markdown: each takes the other's name.
    plan = "examples/delight-aligned.yaml"
    assert invoke("check", plan, "-f", "md").out == invoke("check", plan, "-f", "markdown").out
    target = tmp_path / "report.txt"
    written = invoke("report", plan, "-f", "markdown", "-o", str(target))
    assert written.code == 0 and target.read_text(encoding="utf-8").startswith(
        "# Customer-service alignment: Example Delight Co\n"
    )


def test_a_diff_names_whose_plan_it_is_and_whose_it_was(invoke: Invoke, tmp_path: Path) -> None:
    # A reviewer sees the organisation beside the file, and a relabelled one with its old name.
    text = (EXAMPLES / "delight-aligned.yaml").read_text()
    (tmp_path / "base.yaml").write_text(text)
    (tmp_path / "plan.yaml").write_text(text.replace("Example Delight Co", "Other Co"))
    md = invoke("diff", str(tmp_path / "base.yaml"), str(tmp_path / "plan.yaml"), "-f", "md")
    assert "plan.yaml` (Other Co, was Example Delight Co): changed" in md.out
    table = invoke("diff", str(tmp_path / "base.yaml"), str(tmp_path / "base.yaml"))
    assert table.out.splitlines()[1].endswith("base.yaml (Example Delight Co)")


def test_markdown_code_spans_show_paths_as_they_are(invoke: Invoke, tmp_path: Path) -> None:
    """A code span holds its text raw: `\\_`, `&amp;` and a backtick in a path showed as
    written or broke the span (review out29 R7)."""
    from markdown_it import MarkdownIt

    good = (EXAMPLES / "delight-aligned.yaml").read_text()
    (tmp_path / "batch").mkdir()
    for name in ("bad&<b>.yaml", "bad_`x`|y*.yaml"):
        (tmp_path / "batch" / name).write_text(good.replace("handle_time: 6m", "handle_time: 6"))
    (tmp_path / "acme_shoes.yaml").write_text(good)
    check = invoke("check", "batch", "-f", "markdown", cwd=tmp_path).out.splitlines()
    assert [line.partition(" channels")[0] for line in check if line.startswith("- ")] == [
        "- `batch/bad&<b>.yaml:16:18`",
        "- ``batch/bad_`x`|y*.yaml:16:18``",
    ]
    base = str(EXAMPLES / "delight-aligned.yaml")
    diff = invoke("diff", base, "acme_shoes.yaml", "-f", "md", cwd=tmp_path).out
    assert diff.splitlines()[3] == "`acme_shoes.yaml` (Example Delight Co): changed"
    shown = MarkdownIt().render("\n".join(check) + diff)
    assert "<code>batch/bad&amp;&lt;b&gt;.yaml:16:18</code>" in shown
    assert "<code>batch/bad_`x`|y*.yaml:16:18</code>" in shown
    assert "<code>acme_shoes.yaml</code>" in shown


def test_tildes_in_plan_text_strike_nothing_through(invoke: Invoke, tmp_path: Path) -> None:
    """GitHub strikes `~~Acme~~` (and `~Acme~`) through; plan text shows as written
    (review out29 R15)."""
    text = (EXAMPLES / "delight-aligned.yaml").read_text()
    plan = tmp_path / "plan.yaml"
    plan.write_text(text.replace("Example Delight Co", "'~~Acme~~ Corp'"))
    check = invoke("check", "plan.yaml", "-f", "markdown", cwd=tmp_path).out.splitlines()
    assert check[3] == r"### ✅ plan.yaml — **aligned** (\~\~Acme\~\~ Corp, strategy delight)"
    report = invoke("report", "plan.yaml", "-f", "md", "-o", "-", cwd=tmp_path).out
    assert report.splitlines()[0] == r"# Customer-service alignment: \~\~Acme\~\~ Corp"


ALIGNED_PLAN = str(EXAMPLES / "delight-aligned.yaml")
ALIGNED_TEXT = (EXAMPLES / "delight-aligned.yaml").read_text(encoding="utf-8")
_CASE_BLIND = [
    ("check", ALIGNED_PLAN, "-f", "{}", "json"),
    ("check", ALIGNED_PLAN, "-f", "{}", "md"),
    ("diff", ALIGNED_PLAN, ALIGNED_PLAN, "-f", "{}", "sarif"),
    ("staff", "--volume", "100/30m", "--aht", "3m", "-f", "{}", "json"),
    ("promise", ALIGNED_PLAN, "-f", "{}", "json"),
    ("whatif", ALIGNED_PLAN, "-f", "{}", "csv"),
    ("fix", ALIGNED_PLAN, "-f", "{}", "diff"),
    ("strategies", "list", "-f", "{}", "json"),
    ("strategies", "show", "delight", "-f", "{}", "json"),
    ("metrics", "-f", "{}", "json"),
]


@pytest.mark.parametrize("case", _CASE_BLIND, ids=lambda c: f"{c[0]}-{c[-1]}")
@pytest.mark.parametrize("spell", [str.upper, str.title])
def test_a_format_is_named_in_any_case_everywhere_the_option_exists(
    invoke: Invoke, case: tuple[str, ...], spell: Callable[[str], str]
) -> None:
    """`check -f JSON` was "unknown format 'JSON'" (review user45 U12): a format name is
    case-blind, as a file suffix is; the output is the lower-case format's, byte for byte."""
    *args, name = case
    lower = invoke(*[a.format(name) for a in args])
    other = invoke(*[a.format(spell(name)) for a in args])
    assert other.code == lower.code and other.code in (0, 1), other.err
    assert other.out == lower.out and other.err == lower.err


def test_every_format_a_command_writes_is_read_in_any_case() -> None:
    # `errors.FORMAT_NAMES` is the list `-f JSON` is read against, kept below the reporters
    # in the layers: a format added to the registry must be added there too, or its name in
    # capitals is "unknown format".
    from cs_align.errors import FORMAT_NAMES
    from cs_align.reporters import ALIASES, FORMATS

    assert {*FORMATS, *ALIASES} <= FORMAT_NAMES


def test_a_report_format_is_named_in_any_case(invoke: Invoke, tmp_path: Path) -> None:
    lower, upper = tmp_path / "a.html", tmp_path / "b.html"
    assert invoke("report", ALIGNED_PLAN, "-o", str(lower), "-f", "html").code == 0
    result = invoke("report", ALIGNED_PLAN, "-o", str(upper), "-f", "HTML")
    assert result.code == 0 and "(html," in result.out, result.err


def test_format_file_keeps_the_file_s_case_and_names_the_format_lower_case(
    invoke: Invoke, tmp_path: Path
) -> None:
    target = tmp_path / "Out.JSON"
    result = invoke("check", ALIGNED_PLAN, "-f", f"JSON:{target}")
    assert result.code == 0 and target.is_file()
    assert '"plans"' in target.read_text(encoding="utf-8")


def test_the_config_and_the_environment_name_a_format_in_any_case(
    invoke: Invoke, tmp_path: Path
) -> None:
    (tmp_path / ".cs-align.yaml").write_text("format: JSON\n", encoding="utf-8")
    from_config = invoke("check", ALIGNED_PLAN, cwd=tmp_path)
    assert from_config.code == 0 and from_config.out.startswith("{"), from_config.err
    shown = invoke("check", ALIGNED_PLAN, "--show-config", cwd=tmp_path)
    assert re.search(r"^format +json ", shown.err, re.M), shown.err  # beside the plan's JSON
    from_env = invoke("check", ALIGNED_PLAN, env={"CS_ALIGN_FORMAT": "Sarif"})
    assert from_env.code == 0 and '"$schema"' in from_env.out, from_env.err


@pytest.mark.parametrize(
    ("args", "told"),
    [
        (
            ("check", ALIGNED_PLAN, "-f", "Jsn"),
            "unknown format 'Jsn' — did you mean json? (use one of table, json, sarif",
        ),
        (
            ("staff", "--volume", "100/30m", "--aht", "3m", "-f", "jsno"),
            "unknown format 'jsno' — did you mean json? (use table or json)",
        ),
        (("whatif", ALIGNED_PLAN, "-f", "CVS"), "unknown format 'CVS' — did you mean csv?"),
        (("metrics", "-f", "YAML"), "unknown format 'YAML' — use table or json"),
    ],
)
def test_a_misspelt_format_is_told_the_one_meant(
    invoke: Invoke, args: tuple[str, ...], told: str
) -> None:
    result = invoke(*args)
    assert result.code == 2 and told in result.err, result.err


def test_a_cut_check_says_how_many_plans_it_shows(invoke: Invoke, tmp_path: Path) -> None:
    """90 misaligned plans are ~130,000 characters of Markdown, cut to a pull-request
    comment's 65,000: the header said "90 plans" and the note only "output truncated", so
    the comment read as if it held every plan (review user50 M2)."""
    text = (EXAMPLES / "delight-fedex-misaligned.yaml").read_text(encoding="utf-8")
    for n in range(90):
        (tmp_path / f"p{n:02}.yaml").write_text(text, encoding="utf-8")
    result = invoke("check", ".", "-f", "markdown", cwd=tmp_path)
    assert result.code == 1 and len(result.out) <= 65_000
    assert "**cs-align: ❌ misaligned** — 90 plans" in result.out
    shown = result.out.count("\n### ❌ p")
    assert 0 < shown < 90
    assert result.out.endswith(
        f"*… output truncated to fit a pull-request comment: {shown} of 90 plans shown; run "
        "cs-align locally for every finding.*\n"
    )


@pytest.mark.parametrize("command", ["check", "whatif"])
def test_an_unusable_plans_fix_shows_its_code_as_code_in_markdown(
    command: str, invoke: Invoke, tmp_path: Path
) -> None:
    """A finding's fix showed `…` as code in Markdown (review consult47); an unusable
    plan's fix escaped the backticks, so the PR comment read "add \\`strategy: delight\\`
    here", backticks and all (review user58)."""
    (tmp_path / "plan.yaml").write_text("version: 1\norganisation: X\n", encoding="utf-8")
    result = invoke(command, "plan.yaml", "-f", "markdown", cwd=tmp_path)
    assert result.code == 2
    assert "*fix:* add `strategy: delight` here" in result.out
    assert "\\`" not in result.out


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_a_small_budget_change_never_reads_as_none(
    fmt: str, invoke: Invoke, tmp_path: Path
) -> None:
    """+100 on a 1.5 million budget read "budget +100 USD (+0.0%)", and the total's change
    "+0.0%", as the lines left alone did (review user58): now "+<0.1%" beside "0%"."""
    (tmp_path / "base.yaml").write_text(ALIGNED_TEXT, encoding="utf-8")
    grown = ALIGNED_TEXT.replace("total: 1540241", "total: 1540341")
    grown = grown.replace("goodwill: 25001", "goodwill: 25101")
    (tmp_path / "plan.yaml").write_text(grown, encoding="utf-8")
    result = invoke("diff", "base.yaml", "plan.yaml", "-f", fmt, cwd=tmp_path)
    assert result.code == 0, result.err
    assert "budget +100 USD (+<0.1%)" in result.out
    assert "0.0%" not in result.out
    row = next(line for line in result.out.splitlines() if "training" in line)
    assert row.rstrip(" |)").endswith("0%") and "+" not in row
