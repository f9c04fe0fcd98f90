"""No output overwrites a file cs-align did not write: a config from a pull request (or a typo
on the command line) naming README.md, a workflow, a source file or another plan as an output
is refused (exit 2) and the file is left as it was. A file cs-align wrote before (its own
output of the same kind, recognised by its content) is replaced, as re-running a gate needs;
--force, where a command has it, allows any other file but a plan; no output ever replaces a
plan."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.security.conftest import ALIGNED, MISALIGNED, Repo, Result

Cli = Callable[..., Result]

README = "# Our project\n\nWe plan our service here:\n\n```yaml\nversion: 1\n```\n"
WORKFLOW = "name: ci\non: [push]\njobs: {}\n"
FORMATS = ("table", "json", "sarif", "junit", "markdown", "github")


@pytest.mark.parametrize(
    ("victim", "text"),
    [
        ("README.md", README),
        ("plans/other.yaml", MISALIGNED),
        (".github/workflows/ci.yml", WORKFLOW),
        ("src/app.py", "print('hi')\n"),
        ("policy/strategy.yaml", "id: ours\nextends: delight\nrules: []\n"),
    ],
)
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_config_cannot_overwrite_a_file_cs_align_did_not_write(
    repo: Repo, cli: Cli, victim: str, text: str, fmt: str
) -> None:
    repo.write(victim, text)
    repo.write(".cs-align.yaml", f"format: [{fmt}:{victim}]\n")
    for command in (("check", "plans/acme.yaml"), ("diff", "plans/acme.yaml", "plans/acme.yaml")):
        result = cli(*command)
        assert result.code == 2, (command, result.err)
        # Named as the config writes it, at its line, where that can be told as it loads (a
        # plan, review input31 F10); else by the path it would write.
        assert f".cs-align.yaml:1:10: format: output file {victim!r}" in result.err or (
            f"{repo.root / victim}" in result.err
        )
        assert "Traceback" not in result.err and result.out == ""
        assert (repo.root / victim).read_text() == text


def test_the_message_says_what_to_do(repo: Repo, cli: Cli) -> None:
    repo.write("NOTES.txt", README)
    repo.write("plans/other.yaml", MISALIGNED)
    repo.write(".cs-align.yaml", "format: [json:NOTES.txt]\n")
    result = cli("check", "plans/acme.yaml")
    assert result.err == (
        f"cs-align: {repo.root}/NOTES.txt exists and is not a json output cs-align wrote: "
        "cs-align does not overwrite it — name another file, or delete this one first if it "
        "is yours to replace\n"
    )
    result = cli("check", "plans/acme.yaml", "-f", "sarif:plans/other.yaml")
    assert result.err == (
        "cs-align: plans/other.yaml is a plan (cs-align would check it as one): no output is "
        "ever written over a plan, --force or not — name another file for the output\n"
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_gate_rerun_replaces_its_own_outputs(repo: Repo, cli: Cli, fmt: str) -> None:
    """Each format's own earlier output, for one plan, a batch, a diff or unusable input."""
    repo.write("plans/other.yaml", MISALIGNED)
    repo.write("bad/broken.yaml", "version: [\n")
    runs = {
        "one": ("check", "plans/acme.yaml"),
        "batch": ("check", "plans/"),
        "diff": ("diff", "plans/acme.yaml", "plans/other.yaml"),
        "unusable": ("check", "bad/broken.yaml"),
    }
    for name, command in runs.items():
        out = repo.root / f"out/{name}.{fmt}"
        out.parent.mkdir(exist_ok=True)
        first = cli(*command, "-f", f"{fmt}:out/{name}.{fmt}")
        assert out.exists(), (name, first.err)
        out.write_text(out.read_text() + "")  # as it was written
        again = cli(*command, "-f", f"{fmt}:out/{name}.{fmt}")
        assert again.code == first.code, (name, again.err)


@pytest.mark.parametrize("fmt", FORMATS)
def test_another_formats_output_is_not_its_own(repo: Repo, cli: Cli, fmt: str) -> None:
    other = "json" if fmt != "json" else "sarif"
    repo.write("plans/other.yaml", MISALIGNED)
    assert cli("check", "plans/other.yaml", "-f", f"{other}:out.txt").code == 1
    before = (repo.root / "out.txt").read_text()
    result = cli("check", "plans/other.yaml", "-f", f"{fmt}:out.txt")
    assert result.code == 2 and f"is not a {fmt} output cs-align wrote" in result.err
    assert (repo.root / "out.txt").read_text() == before


def test_an_empty_file_may_be_written(repo: Repo, cli: Cli) -> None:
    repo.write("out.json", "")
    assert cli("check", "plans/acme.yaml", "-f", "json:out.json").code == 0
    assert (repo.root / "out.json").read_text().startswith("{")


def test_whatif_output_replaces_its_own_only(repo: Repo, cli: Cli) -> None:
    repo.write("notes.txt", "# notes\n")
    for fmt in ("table", "json", "markdown", "csv"):
        assert cli("whatif", "plans/acme.yaml", "-f", fmt, "-o", f"w.{fmt}").code == 0
        assert cli("whatif", "plans/acme.yaml", "-f", fmt, "-o", f"w.{fmt}").code == 0
        refused = cli("whatif", "plans/acme.yaml", "-f", fmt, "-o", "notes.txt")
        assert refused.code == 2 and "notes.txt exists and is not" in refused.err
    assert (repo.root / "notes.txt").read_text() == "# notes\n"


def _same(repo: Repo, files: dict[str, str]) -> bool:
    return all((repo.root / name).read_text() == text for name, text in files.items())


def test_fix_writes_a_new_file_only(repo: Repo, cli: Cli) -> None:
    files = {"README.md": README, "NOTES": README, "plans/other.yaml": MISALIGNED}
    for name, text in files.items():
        repo.write(name, text)
    refused = cli("fix", "plans/other.yaml", "-o", "README.md")
    assert refused.code == 2, refused.err
    # A .md name says Markdown, never the fixed plan's YAML (review user60).
    assert "--output README.md is named as Markdown" in refused.err
    refused = cli("fix", "plans/other.yaml", "-o", "NOTES")
    assert refused.code == 2, refused.err
    assert "NOTES exists and is not a plan cs-align wrote" in refused.err
    refused = cli("fix", "plans/other.yaml", "-o", "plans/acme.yaml")
    assert refused.code == 2 and "plans/acme.yaml is a plan" in refused.err
    assert "pass --in-place to rewrite the plan you fix" in refused.err
    refused = cli("fix", "plans/other.yaml", "-o", "plans/other.yaml")
    assert refused.code == 2 and "plans/other.yaml is the plan being fixed" in refused.err
    assert "pass --in-place" in refused.err
    assert _same(repo, {**files, "plans/acme.yaml": ALIGNED})
    assert cli("fix", "plans/other.yaml", "-o", "fixed.yaml").code in (0, 1)
    assert (repo.root / "fixed.yaml").exists()
    assert cli("fix", "plans/other.yaml", "--in-place").code in (0, 1)  # the in-place mode
    assert (repo.root / "plans/other.yaml").read_text() != MISALIGNED


def test_report_force_never_replaces_a_plan(repo: Repo, cli: Cli) -> None:
    repo.write("plans/other.yaml", MISALIGNED)
    repo.write("notes.md", "# notes\n")
    result = cli("report", "plans/acme.yaml", "-o", "plans/other.yaml", "-f", "html", "--force")
    assert result.code == 2 and "plans/other.yaml is a plan" in result.err, result.err
    refused = cli("report", "plans/acme.yaml", "-o", "notes.md")
    assert refused.code == 2 and "pass --force to `cs-align report`" in refused.err
    assert _same(repo, {"plans/other.yaml": MISALIGNED, "notes.md": "# notes\n"})
    assert cli("report", "plans/acme.yaml", "-o", "notes.md", "--force").code == 0
    assert cli("report", "plans/acme.yaml", "-o", "notes.md").code == 0  # its own now


def test_init_force_replaces_its_starter_or_a_file_but_not_a_plan(repo: Repo, cli: Cli) -> None:
    repo.write("notes.txt", "mine\n")
    assert cli("init", "plans/new.yaml").code == 0
    assert cli("init", "plans/new.yaml", "--strategy", "tiered", "--force").code == 0
    assert cli("init", "notes.txt", "--force").code == 0  # --force, on the command line
    refused = cli("init", "plans/acme.yaml", "--force")
    assert refused.code == 2 and "plans/acme.yaml is a plan" in refused.err
    assert (repo.root / "plans/acme.yaml").read_text() == ALIGNED


def test_export_templates_force_never_replaces_a_plan(repo: Repo, cli: Cli) -> None:
    repo.write("tpl/report.md", ALIGNED)  # a plan, under a template's name
    result = cli("report", "--export-templates", "tpl", "--force")
    assert result.code == 2 and "tpl/report.md is a plan" in result.err, result.err
    assert (repo.root / "tpl/report.md").read_text() == ALIGNED


@pytest.mark.parametrize(
    ("fmt", "marks"),
    [
        ("markdown", "### What if: x\n"),
        ("table", "#x passes — verdict aligned\n"),
        ("markdown", "<!-- cs-align-report -->\n"),
        ("github", ""),
    ],
)
def test_a_plan_that_copies_an_outputs_marks_is_still_a_plan(
    repo: Repo, cli: Cli, fmt: str, marks: str
) -> None:
    # A comment can carry any mark cs-align's outputs start or end with: a plan that does is
    # still never replaced (it was, by the matching format).
    text = marks + MISALIGNED + "# generated by cs-align report\n"
    repo.write("plans/other.yaml", text)
    repo.write(".cs-align.yaml", f"format: [{fmt}:plans/other.yaml]\n")
    result = cli("check", "plans/acme.yaml")
    assert result.code == 2 and "is a plan" in result.err
    assert (repo.root / "plans/other.yaml").read_text() == text
