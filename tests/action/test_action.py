"""scripts/action.sh on a simulated GitHub runner: a pull request in a temporary git
repository, the runner's files (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_EVENT_PATH), and a
stub `curl` standing in for the GitHub API, recording every request it gets."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import EXAMPLES, ROOT

ALIGNED = (EXAMPLES / "delight-aligned.yaml").read_text(encoding="utf-8")
MISALIGNED = (EXAMPLES / "delight-fedex-misaligned.yaml").read_text(encoding="utf-8")
SARIF_SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-2.1.0.json").read_text())
MARKER = "<!-- cs-align-report -->"

CURL = '''#!{python}
"""A stand-in for curl: records the request; answers GET with the comments in $COMMENTS."""
import json, os, sys
args = sys.argv[1:]
method, url, out, data = "GET", "", None, None
i = 0
while i < len(args):
    a = args[i]
    if a == "-X": method = args[i + 1]; i += 1
    elif a == "-o": out = args[i + 1]; i += 1
    elif a == "--data-binary": data = open(args[i + 1][1:]).read(); i += 1
    elif a == "-H": i += 1
    elif a.startswith("http"): url = a
    i += 1
with open(os.environ["CURL_LOG"], "a") as log:
    log.write(json.dumps({{"method": method, "url": url, "data": data}}) + "\\n")
if os.environ.get("CURL_FAIL") == method:
    sys.exit(22)
answer = os.environ.get("COMMENTS", "[]") if method == "GET" and "page=1" in url else "[]"
if out and out != "/dev/null":
    open(out, "w").write(answer if method == "GET" else "{{}}")
'''


@dataclass
class Run:
    code: str
    output: dict[str, str]
    annotations: list[str]
    summary: str
    requests: list[dict[str, str]]
    sarif: dict[str, object]

    @property
    def comment(self) -> str:
        posts = [r for r in self.requests if r["method"] in ("POST", "PATCH")]
        assert len(posts) == 1, self.requests
        return str(json.loads(posts[0]["data"])["body"])


class PullRequest:
    """A repository whose `main` has plans/acme.yaml (aligned) and a 5% increase cap."""

    def __init__(self, tmp_path: Path, template: Path | None = None) -> None:
        """Built in ``tmp_path``, or copied there from the one built in ``template``."""
        self.root, self.tmp = tmp_path / "repo", tmp_path
        if template is not None:
            shutil.copytree(template / "repo", self.root, symlinks=True)
            self.git("update-index", "-q", "--refresh")  # the copies' new inodes and times
            return
        self.root.mkdir()
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.email", "ci@example.com")
        self.git("config", "user.name", "CI")
        self.git("config", "maintenance.auto", "false")  # as tests/conftest.py's repo does
        self.write("plans/acme.yaml", ALIGNED)
        self.write(".cs-align.yaml", "guardrails:\n  max_budget_increase: 5%\n")
        self.commit("base")
        self.git("update-ref", "refs/remotes/origin/main", "main")
        self.git("checkout", "-qb", "pr")

    def git(self, *args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=self.root, check=True, capture_output=True, text=True
        ).stdout

    def write(self, name: str, text: str) -> None:
        (self.root / name).parent.mkdir(parents=True, exist_ok=True)
        (self.root / name).write_text(text, encoding="utf-8")

    def commit(self, message: str) -> None:
        self.git("add", "-A")
        self.git("commit", "-qm", message)

    def run(
        self,
        comments: str = "[]",
        fail: str = "",
        event: str = "pull_request",
        payload: dict[str, object] | None = None,
        base_ref: str = "main",
        fail_on: str = "",
        plans: str = "plans/",
        args: str = "",
        allow: str = "",
        approve: str | None = "",
        env: dict[str, str] | None = None,
    ) -> Run:
        stubs, out = self.tmp / "bin", self.tmp / "out"
        stubs.mkdir(exist_ok=True)
        curl = stubs / "curl"
        curl.write_text(CURL.format(python=sys.executable))
        curl.chmod(0o755)
        event_file = self.tmp / "event.json"
        event_file.write_text(json.dumps(payload or {"pull_request": {"number": 7}}))
        files = {n: self.tmp / n for n in ("output", "summary.md", "curl.log")}
        for path in files.values():
            path.write_text("")
        env = {
            **os.environ,
            "PATH": f"{stubs}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}"
            + os.environ["PATH"],
            "INPUT_PLANS": plans,
            "INPUT_FAIL_ON": fail_on,  # action.yml's default: the config decides
            "INPUT_ARGS": args,
            "INPUT_ALLOW_POLICY_CHANGE": allow,  # action.yml's default is "false"
            **({} if approve is None else {"INPUT_APPROVE_POLICY_CHANGE": approve}),
            "INPUT_GITHUB_TOKEN": "t0ken",
            "GITHUB_EVENT_NAME": event,
            "GITHUB_EVENT_PATH": str(event_file),
            "GITHUB_BASE_REF": base_ref,
            "GITHUB_REPOSITORY": "acme/plans",
            "GITHUB_API_URL": "https://api.github.test",
            "GITHUB_OUTPUT": str(files["output"]),
            "GITHUB_STEP_SUMMARY": str(files["summary.md"]),
            "CS_ALIGN_OUT": str(out),
            "CURL_LOG": str(files["curl.log"]),
            "COMMENTS": comments,
            "CURL_FAIL": fail,
            "CI": "true",
            **(env or {}),  # the job's own environment (a workflow's `env:`, $GITHUB_ENV)
        }
        proc = subprocess.run(
            ["bash", str(ROOT / "scripts" / "action.sh")],
            cwd=self.root,
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert proc.returncode == 0, proc.stderr
        output = dict(
            line.split("=", 1) for line in files["output"].read_text().splitlines() if line
        )
        # None written only where nothing was judged (said by sarif=none).
        sarif = {}
        if output.get("sarif") != "none":
            sarif = json.loads((out / "cs-align.sarif").read_text())
            jsonschema.Draft4Validator(SARIF_SCHEMA).validate(sarif)
        return Run(
            output["exit-code"],
            output,
            [line for line in proc.stdout.splitlines() if line.startswith("::")],
            files["summary.md"].read_text(),
            [json.loads(line) for line in files["curl.log"].read_text().splitlines()],
            sarif,
        )


@pytest.fixture(scope="module")
def _base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pull request's repository, built once (eight git processes) for every test."""
    return PullRequest(tmp_path_factory.mktemp("action-base")).tmp


@pytest.fixture
def pr(tmp_path: Path, _base: Path) -> PullRequest:
    """A copy of the built repository: each test changes and runs its own."""
    return PullRequest(tmp_path, _base)


@pytest.fixture(scope="module")
def _cap_dropped(tmp_path_factory: pytest.TempPathFactory, _base: Path) -> tuple[Path, Run]:
    """The pull request that drops the budget cap (`.cs-align.yaml` is `fail_on: error`
    alone), a change of policy, and its run with the workflow's defaults: built and run once
    for the tests that go on to accept or approve the change (that first run was the same in
    each of them, ~1.5 s of CPU a time)."""
    made = PullRequest(tmp_path_factory.mktemp("cap-dropped"), _base)
    made.write(".cs-align.yaml", "fail_on: error\n")
    made.commit("drop the cap")
    return made.tmp, made.run()


@pytest.fixture
def dropped(tmp_path: Path, _cap_dropped: tuple[Path, Run]) -> tuple[PullRequest, Run]:
    """A copy of the repository that drops the cap, to change and run, and its first run."""
    template, first = _cap_dropped
    return PullRequest(tmp_path, template), first


def _approval_id(first: Run) -> str:
    """The one id the policy-changed annotation asks a reviewer to approve."""
    said = next(a for a in first.annotations if "title=policy-changed" in a)
    ids = re.findall(r"--approve-policy-change ([0-9a-f]{32})", said)
    assert len(ids) == 1, said
    return str(ids[0])


def test_an_unchanged_plan_passes_and_comments_once(pr: PullRequest) -> None:
    run = pr.run()
    assert run.code == "0"
    assert run.output["comment"] == "posted"
    assert [r["method"] for r in run.requests] == ["GET", "POST"]
    assert run.requests[1]["url"] == "https://api.github.test/repos/acme/plans/issues/7/comments"
    body = run.comment
    assert body.startswith(MARKER) and body.count(MARKER) == 1
    assert "aligned" in body and "| channel |" in body and "| budget line (USD) |" in body
    assert run.summary == body  # the same text in the job summary


def _comment(number: int, body: str, login: str = "github-actions[bot]") -> dict[str, object]:
    return {"id": number, "body": body, "user": {"login": login, "type": "Bot"}}


def test_a_second_run_updates_its_own_comment_in_place_and_no_other(pr: PullRequest) -> None:
    # Before ours: the bot's comment without the marker, and someone else's comment that
    # quotes the marker (bait). Only ours (222) is updated, and nothing new is posted. One
    # run for both (each a second action.sh run of ~1.5 s CPU, the same inputs but these).
    unrelated = _comment(41, "unrelated")
    bait = _comment(111, f"lgtm {MARKER}", login="attacker")
    run = pr.run(comments=json.dumps([unrelated, bait, _comment(222, MARKER + "\nold")]))
    patch = [r for r in run.requests if r["method"] == "PATCH"]
    assert [p["url"] for p in patch] == [
        "https://api.github.test/repos/acme/plans/issues/comments/222"
    ]
    assert not [r for r in run.requests if r["method"] == "POST"]


def test_python_files_in_the_pull_request_never_run(pr: PullRequest) -> None:
    # The checkout is the working folder: a json.py there must not shadow the stdlib's.
    evil = 'import sys\nprint("::stop-commands::pwned")\nopen("/tmp/cs-align-pwned", "w")\n'
    for name in ("json.py", "glob.py", "os.py", "sitecustomize.py"):
        pr.write(name, evil)
    pr.commit("helpers")
    Path("/tmp/cs-align-pwned").unlink(missing_ok=True)
    run = pr.run()
    assert not Path("/tmp/cs-align-pwned").exists()
    assert not any("pwned" in a for a in run.annotations)
    assert set(run.output) == {"comment", "exit-code"} and run.code == "0"


def test_without_write_access_the_summary_still_has_it(pr: PullRequest) -> None:
    run = pr.run(fail="POST")
    assert run.output["comment"] == "summary-only"
    assert run.summary.startswith(MARKER) and "aligned" in run.summary


def test_outside_a_pull_request_there_is_no_comment(pr: PullRequest) -> None:
    run = pr.run(event="push")
    assert run.requests == [] and run.output["comment"] == "summary-only"


def test_a_new_plan_is_judged_against_an_empty_base(pr: PullRequest) -> None:
    pr.write("plans/new.yaml", ALIGNED.replace("Example Delight Co", "New Co"))
    pr.commit("a new plan")
    run = pr.run()
    assert "budget total grows from 0" in run.comment  # a % cap reports, it does not block
    assert "cannot read" not in run.comment
    # A new organisation's strategy is a choice of policy (reviews attack19-21): the run
    # fails with policy-changed until a reviewer accepts it, as any policy change.
    assert run.code == "1" and "New Co, an organisation no plan at" in run.comment
    assert any("title=policy-changed" in a for a in run.annotations)


def test_a_deleted_plan_is_reported(pr: PullRequest) -> None:
    # Renamed to a name no check reads: git calls it a rename, the gate a deletion (a plain
    # `git rm` is the same deletion to it).
    pr.git("mv", "plans/acme.yaml", "plans/acme.txt")
    other = (  # not a rename: a small plan with nothing in common
        "version: 1\norganisation: Other\nstrategy: automated\n"
        'promise: "Answers online, any hour; people by email within a business day."\n'
        "channels:\n  - {id: help, kind: self-service, containment: 90%, outage_updates: true}\n"
    )
    pr.write("plans/other.yaml", other)
    pr.commit("replace acme")
    run = pr.run()
    assert "`plans/acme.yaml` (Example Delight Co): deleted in the proposal" in run.comment
    assert "-1,540,241" in run.comment


def test_a_plan_deleted_under_any_name_or_spelling_is_reported(pr: PullRequest) -> None:
    # At the base, a plan at a non-ASCII path whose `version` key is quoted: git quotes such
    # a path in its plain listing, and `grep '^version:'` found no plan in it, so the Action
    # never diffed its deletion. Now git lists paths NUL-separated and cs-align reads the
    # base file to know it was a plan.
    pr.git("checkout", "-q", "main")
    beta = MISALIGNED.replace("version: 1", '"version": 1', 1).replace(
        "organisation: ", "organisation: Beta ", 1
    )
    pr.write("plans/bêta.yaml", beta)
    pr.commit("beta")
    pr.git("update-ref", "refs/remotes/origin/main", "main")
    pr.git("checkout", "-q", "pr")
    pr.git("merge", "-q", "main")
    pr.git("rm", "-q", "plans/bêta.yaml")
    pr.commit("beta goes")
    run = pr.run()
    assert "`plans/bêta.yaml` (Beta " in run.comment and "deleted in the proposal" in run.comment


def test_a_plan_turned_into_another_kind_of_file_is_not_dropped(pr: PullRequest) -> None:
    # plans/acme.yaml becomes a strategy-shaped file at the same path: the check skips it
    # (it is no plan now) and git calls it modified, not deleted, so no list held it and
    # the organisation's budget vanished unjudged. The Action diffs every file that was a
    # plan at the base and is none the check read: this one is unusable now (exit 2).
    pr.write("plans/acme.yaml", "id: acme\nextends: delight\n")
    pr.write("plans/other.yaml", ALIGNED.replace("Example Delight Co", "Other Co"))
    pr.commit("acme is a strategy now")
    run = pr.run()
    assert run.code == "2", run.summary
    assert any("plans/acme.yaml" in line for line in run.annotations), run.annotations


def test_a_renamed_plan_is_diffed_against_its_old_self(pr: PullRequest) -> None:
    pr.git("mv", "plans/acme.yaml", "plans/acme-2027.yaml")
    pr.commit("rename")
    run = pr.run()
    assert run.code == "0"
    assert "`plans/acme-2027.yaml` (Example Delight Co): changed" in run.comment
    assert "deleted in the proposal" not in run.comment


def test_a_plan_moved_and_rewritten_is_diffed_once_and_not_deleted(pr: PullRequest) -> None:
    # Renamed and rewritten past git's rename detection: cs-align pairs the two by their
    # organisation, so the old name is not a deletion, and its diff (the new plan's) is
    # shown once.
    pr.git("rm", "-q", "plans/acme.yaml")
    notes = "".join(f"# planning note {i}: see the 2027 workbook, tab {i}\n" for i in range(90))
    body = [line.split("  #")[0].rstrip() for line in ALIGNED.splitlines()]
    body = [line for line in body if not line.lstrip().startswith("#")]
    pr.write("plans/acme-2027.yaml", notes + "\n".join(body) + "\n")
    pr.commit("the 2027 plan")
    assert not pr.git("diff", "-M", "--name-status", "--diff-filter=R", "main").strip()
    run = pr.run()
    assert run.code == "0", run.comment
    assert "deleted in the proposal" not in run.comment
    assert run.comment.count("`plans/acme-2027.yaml` (Example Delight Co): changed") == 1, (
        run.comment
    )


def test_a_misaligned_plan_fails_with_one_annotation_per_finding(pr: PullRequest) -> None:
    pr.write("plans/acme.yaml", MISALIGNED)
    pr.commit("cut the phones")
    run = pr.run()
    assert run.code == "1"
    findings = [a for a in run.annotations if "title=guardrail" not in a]
    assert len(findings) == len(set(findings)) > 0  # once each, though check and diff both see it
    assert any("staffing-meets-targets" in a for a in findings)
    assert any("title=guardrail no_new_errors" in a for a in run.annotations)
    rules = {r["ruleId"] for r in run.sarif["runs"][0]["results"]}  # type: ignore[index]
    assert "guardrail/no_new_errors" in rules and "staffing-meets-targets" in rules


def test_past_ten_errors_in_the_step_the_tenth_says_how_many_more(pr: PullRequest) -> None:
    """Six new misaligned plans: six blocking guardrails and three errors a plan, in one
    step. GitHub shows ten errors a step and dropped the others without a word (review
    user50 G1): the tenth now says how many more the log has, once for the check and the
    diffs together, and the guardrails still come first."""
    for n in range(6):
        pr.write(f"plans/acme-{n}.yaml", MISALIGNED.replace("Example", f"Example {n}"))
    pr.commit("six new regions")
    run = pr.run()
    assert run.code == "1"
    errors = [a for a in run.annotations if a.startswith("::error ")]
    assert len(errors) == 6 + 6 * 3 + 1  # guardrails, findings, the line that says so
    assert all("title=guardrail" in a for a in errors[:6])
    more = [a for a in run.annotations if "title=cs-align%3A more annotations" in a]
    assert more[0] == errors[9] and "::15 more errors: GitHub shows 10 errors a step" in more[0]
    assert len(more) == 2 and more[1].startswith("::warning ")  # and 9 more warnings


def test_a_guardrail_block_fails_the_run(pr: PullRequest) -> None:
    grown = ALIGNED.replace("total: 1540241", "total: 1800000").replace(
        "tooling: 82800", "tooling: 342559"
    )
    pr.write("plans/acme.yaml", grown)
    pr.commit("more tooling")
    run = pr.run()
    assert run.code == "1"
    assert any("title=guardrail max_budget_increase" in a for a in run.annotations)
    assert "blocked** by max_budget_increase" in run.comment


@pytest.mark.parametrize("mark", ["linguist-generated", "linguist-generated=yes"])
def test_a_plan_whose_diff_github_hides_is_named(pr: PullRequest, mark: str) -> None:
    """Review attack31 A8: `.gitattributes` marking the plans `linguist-generated` (or
    `-diff`, `binary`) collapses their diff in GitHub's review view; the gate's verdict is
    right, but a reviewer signs off a change they were not shown. The run says so, for any
    value but `false` (attack41 B12: `=yes` and `=1` hid it without a word)."""
    pr.write(".gitattributes", f"plans/*.yaml {mark}\n")
    pr.write("plans/acme.yaml", ALIGNED.replace("refund_authority: 200", "refund_authority: 210"))
    pr.commit("generated, they say")
    run = pr.run()
    assert run.code == "0", run.summary
    warning = (
        "::warning title=cs-align::plans/acme.yaml: .gitattributes (linguist-generated) hides "
        "its diff from review on GitHub"
    )
    assert warning in run.annotations
    assert "`plans/acme.yaml` is marked linguist-generated in .gitattributes" in run.comment


def test_a_policy_file_whose_diff_github_hides_is_named(pr: PullRequest) -> None:
    """Review attack39 F15: the warning covered the plans and the config names only, so a
    pull request that loosened the strategy its plan uses and marked strategies/ generated
    had that diff collapsed without a word. Every file the check read as policy is named:
    the strategy, the file it extends, the waiver file."""
    pr.git("checkout", "-q", "main")
    pr.write("strategies/base.yaml", "id: base\nname: Base\nextends: delight\n")
    pr.write(
        "strategies/ours.yaml",
        "id: ours\nname: Ours\nextends: base.yaml\npurpose: Delight, as we run it.\n",
    )
    expires = dt.date.today() + dt.timedelta(days=60)
    waiver = (  # a file with no entries judges nothing and is named by no report
        "waivers:\n  - {rule: training-hours, path: staffing.training_hours_per_agent, "
        f"reason: a pilot we run until March, owner: head-of-service, expires: {expires}}}\n"
    )
    pr.write("policy/waivers.yaml", waiver)
    pr.write(".cs-align.yaml", "waivers: [policy/waivers.yaml]\n")
    pr.write(
        "plans/acme.yaml", ALIGNED.replace("strategy: delight", "strategy: ../strategies/ours.yaml")
    )
    pr.commit("our own strategy")
    pr.git("update-ref", "refs/remotes/origin/main", "main")
    pr.git("checkout", "-q", "pr")
    pr.git("merge", "-q", "main")
    pr.write(".gitattributes", "strategies/*.yaml linguist-generated -diff\npolicy/* binary\n")
    pr.write(
        "strategies/ours.yaml",
        pr.root.joinpath("strategies/ours.yaml").read_text()
        + "rules:\n  - {rule: answer-speed, severity: disable}\n",
    )
    pr.commit("generated, they say")
    run = pr.run()
    assert run.code == "1", run.summary  # the strategy changed: policy-changed, as before
    for name, marks in [
        ("strategies/ours.yaml", "diff, linguist-generated"),
        ("strategies/base.yaml", "diff, linguist-generated"),
        ("policy/waivers.yaml", "diff, binary"),
    ]:
        warning = (
            f"::warning title=cs-align::{name}: .gitattributes ({marks}) hides its diff from "
            "review on GitHub"
        )
        assert warning in run.annotations, run.annotations
        assert f"`{name}` is marked {marks} in .gitattributes" in run.comment


@pytest.mark.parametrize(
    ("path", "tail", "why"),
    [
        ("plans/__generated__/acme.yaml", "", "its path is a __generated__ folder"),
        ("plans/acme.poetry.lock.yaml", "", "its path is a lock file's name"),
        (
            "plans/acme.yml",
            "# recorded_with: VCR 6.0.0\n",
            "a line near its end reads like a VCR cassette's (recorded_with: VCR)",
        ),
    ],
    ids=["generated-folder", "lock-name", "vcr-comment"],
)
def test_a_plan_github_reads_as_generated_is_named(
    pr: PullRequest, path: str, tail: str, why: str
) -> None:
    """Review attack49 A02: with no `.gitattributes` at all, GitHub (Linguist) reads a file
    as generated by its path or its last lines, and collapses its diff in review: a plan
    moved to plans/__generated__/, or named like a lock file, or a `.yml` plan ending in a
    `# recorded_with: VCR` comment. The run passed without a word of it; now each is named,
    as a file `.gitattributes` hides is."""
    (pr.root / path).parent.mkdir(parents=True, exist_ok=True)
    pr.git("mv", "plans/acme.yaml", path)
    pr.write(path, ALIGNED.replace("refund_authority: 200", "refund_authority: 210") + tail)
    pr.commit("a generated-looking plan")
    run = pr.run()
    assert run.code == "0", run.summary
    warning = (
        f"::warning title=cs-align::{path}: GitHub reads it as a generated file ({why}) and "
        "hides its diff from review"
    )
    assert warning in run.annotations, run.annotations
    assert f"GitHub reads `{path}` as a generated file ({why})" in run.comment


def test_a_plan_marked_not_generated_is_not_named(pr: PullRequest) -> None:
    """`linguist-generated=false` is GitHub's own word that the diff shows: no warning."""
    (pr.root / "plans/__generated__").mkdir()
    pr.git("mv", "plans/acme.yaml", "plans/__generated__/acme.yaml")
    pr.write(".gitattributes", "plans/** linguist-generated=false\n")
    pr.commit("shown after all")
    run = pr.run()
    assert run.code == "0", run.summary
    assert not [a for a in run.annotations if "generated" in a], run.annotations


def test_the_bases_fail_on_decides_unless_the_workflow_sets_one(pr: PullRequest) -> None:
    """Review attack31 A4: the Action passed --fail-on error always, so a repository whose
    config says `fail_on: warning` had a pull request adding warnings pass the Action while
    `cs-align check --policy-ref` failed it."""
    pr.git("checkout", "-q", "main")
    pr.write(".cs-align.yaml", "fail_on: warning\nguardrails:\n  max_budget_increase: 5%\n")
    pr.commit("stricter policy")
    pr.git("update-ref", "refs/remotes/origin/main", "main")
    pr.git("checkout", "-q", "pr")
    pr.git("merge", "-q", "main")
    # A 50% ceiling: the phone's 52.4% occupancy is an occupancy-cap warning, no error.
    pr.write("plans/acme.yaml", ALIGNED.replace("max_occupancy: 85%", "max_occupancy: 50%"))
    pr.commit("a ceiling the team passes")
    run = pr.run()
    assert run.code == "1", run.summary
    assert any("title=occupancy-cap" in a for a in run.annotations)
    assert pr.run(fail_on="error").code == "0"  # a workflow's own setting still wins


def test_a_variable_in_the_job_s_environment_does_not_loosen_the_base_s_policy(
    pr: PullRequest,
) -> None:
    """Review attack59: CS_ALIGN_FAIL_ON=error in the job's environment (the pull request's
    copy of the workflow, or a step writing $GITHUB_ENV) passed warnings main's `fail_on:
    warning` fails, exit code 0, unsaid; CS_ALIGN_MAX_BUDGET_INCREASE=50% lifted main's cap."""
    pr.git("checkout", "-q", "main")
    pr.write(".cs-align.yaml", "fail_on: warning\nguardrails:\n  max_budget_increase: 5%\n")
    pr.commit("stricter policy")
    pr.git("update-ref", "refs/remotes/origin/main", "main")
    pr.git("checkout", "-q", "pr")
    pr.git("merge", "-q", "main")
    pr.write("plans/acme.yaml", ALIGNED.replace("max_occupancy: 85%", "max_occupancy: 50%"))
    pr.commit("a ceiling the team passes")
    run = pr.run(env={"CS_ALIGN_FAIL_ON": "error", "CS_ALIGN_MAX_BUDGET_INCREASE": "50%"})
    assert run.code == "1", run.annotations
    said = next(a for a in run.annotations if "title=policy-changed" in a)
    assert "CS_ALIGN_FAIL_ON=error in the environment overrides fail_on: warning" in said, said
    assert "CS_ALIGN_MAX_BUDGET_INCREASE=50%25 in the environment overrides" in said, said


def _stricter_main_and_a_looser_change(pr: PullRequest) -> None:
    """main: `fail_on: warning` and a 5% cap; the change: two occupancy-cap warnings and
    +16.9% of budget."""
    pr.git("checkout", "-q", "main")
    pr.write(".cs-align.yaml", "fail_on: warning\nguardrails:\n  max_budget_increase: 5%\n")
    pr.commit("stricter policy")
    pr.git("update-ref", "refs/remotes/origin/main", "main")
    pr.git("checkout", "-q", "pr")
    pr.git("merge", "-q", "main")
    pr.write(
        "plans/acme.yaml",
        ALIGNED.replace("max_occupancy: 85%", "max_occupancy: 50%")
        .replace("total: 1540241", "total: 1800000")
        .replace("tooling: 82800", "tooling: 342559"),
    )
    pr.commit("a ceiling the team passes, and more tooling")


WORKFLOW = {"GITHUB_WORKFLOW_REF": "acme/plans/.github/workflows/gate.yml@refs/pull/7/merge"}


def test_inputs_that_loosen_the_base_s_policy_are_said_in_the_comment_and_annotations(
    pr: PullRequest,
) -> None:
    """Review gate59: `fail-on: error` and `args: --max-budget-increase 1000%` passed two
    warnings main's `fail_on: warning` fails and +16.9% past its 5% cap, exit code 0, with
    no word in the comment or the annotations. Obeyed (the workflow is main's), but said,
    naming each input."""
    _stricter_main_and_a_looser_change(pr)
    run = pr.run(fail_on="error", args="--max-budget-increase 1000%", env=WORKFLOW)
    assert run.code == "0", run.annotations
    said = [a for a in run.annotations if a.startswith("::warning title=cs-align::the workflow")]
    assert len(said) == 2, run.annotations
    assert "--fail-on error, from the Action's fail-on input, overrides fail_on: warning" in said[0]
    assert (
        "--max-budget-increase 1000%25 (block), from the Action's args input, overrides "
        "max_budget_increase: 5%25 (block)" in said[1]
    ), said
    lead = run.comment.split("### ")[0]
    assert "does not judge by `refs/remotes/origin/main`'s policy alone" in lead, lead
    assert "--max-budget-increase 1000% (block), from the Action's args input" in lead, lead
    assert "policy-overridden" in run.comment
    # Inputs no looser than main's policy are not said.
    plain = pr.run(fail_on="warning", args="--max-budget-increase 2%", env=WORKFLOW)
    assert plain.code == "1" and "policy-overridden" not in plain.comment, plain.comment


@pytest.mark.parametrize(
    ("fail_on", "args", "allow", "edited"),
    [
        ("error", "--max-budget-increase 1000%", "", ".github/workflows/gate.yml"),
        ("", "", "true", ".github/workflows/gate.yml"),
        ("error", "--max-budget-increase 1000%", "", ".github/actions/gate/action.yml"),
        # `uses: ./tools/gate`: a local action outside .github/ passed (gate59, left).
        ("error", "--max-budget-increase 1000%", "", "tools/gate/action.yaml"),
        # A script beside a local action's action.yml, which it runs.
        ("error", "--max-budget-increase 1000%", "", "tools/gate/gate.sh"),
        # A script main's workflow runs (`run: ./scripts/gate.sh`), outside any action's
        # folder (gate59, left), and one that script runs in turn.
        ("error", "--max-budget-increase 1000%", "", "scripts/gate.sh"),
        ("error", "--max-budget-increase 1000%", "", "scripts/lib/flags.py"),
        # What a command a step names reads by itself: `make gate`, `python -m tools.gate`.
        ("error", "--max-budget-increase 1000%", "", "Makefile"),
        ("error", "--max-budget-increase 1000%", "", "tools/gate.py"),
    ],
    ids=[
        "loosening-inputs",
        "allow-policy-change",
        "local-action",
        "action-elsewhere",
        "action-script",
        "workflow-script",
        "script-of-a-script",
        "make",
        "python-module",
    ],
)
def test_a_pull_request_that_edits_its_own_workflow_cannot_loosen_its_gate_by_it(
    pr: PullRequest, fail_on: str, args: str, allow: str, edited: str
) -> None:
    """Review gate59: a `pull_request` run takes the workflow from the pull request, so the
    change could set `fail-on: error`, a 1000% cap or `allow-policy-change: true` in its own
    copy of the workflow and pass. When the pull request edits the workflow running the gate
    (GITHUB_WORKFLOW_REF), inputs that loosen the base's policy fail the run."""
    _stricter_main_and_a_looser_change(pr)
    if not edited.endswith((".yml", ".yaml")):  # a script of main's, which the change edits
        pr.git("checkout", "-q", "main")
        pr.write("tools/gate/action.yml", "runs: {using: composite, steps: []}\n")
        steps = ["./scripts/gate.sh", "make gate", "python -m tools.gate"]
        pr.write(
            ".github/workflows/gate.yml", "steps:\n" + "".join(f"  - run: {s}\n" for s in steps)
        )
        pr.write("scripts/gate.sh", 'python "$GITHUB_WORKSPACE/scripts/lib/flags.py"\n')
        for name in ("scripts/lib/flags.py", "Makefile", "tools/gate.py"):
            pr.write(name, "print('--fail-on warning')\n")
        pr.commit("a local action, and a workflow running a script")
        pr.git("update-ref", "refs/remotes/origin/main", "main")
        pr.git("checkout", "-q", "pr")
        pr.git("merge", "-q", "main")
    if allow:
        pr.write(".cs-align.yaml", "fail_on: error\n")  # the change accepting itself
    pr.write(edited, "# cs-align, loosened\n")  # a local composite action, say, wrapping it
    pr.commit("the gate's workflow")
    run = pr.run(fail_on=fail_on, args=args, allow=allow, env=WORKFLOW)
    assert run.code == "1", run.annotations
    error = next(a for a in run.annotations if f"edits {edited}" in a)
    assert error.startswith("::error title=cs-align::"), error
    assert f"**Fails the run:** this pull request edits `{edited}`" in run.comment
    # The same inputs on pull_request_target (the base's workflow) are the base's own.
    target = pr.run(
        fail_on=fail_on, args=args, allow=allow, env=WORKFLOW, event="pull_request_target"
    )
    assert target.code == "0", target.annotations


def test_a_workflow_s_name_cannot_write_lines_into_the_comment(pr: PullRequest) -> None:
    """Gate60: the note that a pull request edits its gate's workflow wrote each name raw,
    so a workflow the pull request adds as `x<newline>> ✅ **cs-align passes**.yml` put a
    line of its own into the comment. Each name is a code span."""
    _stricter_main_and_a_looser_change(pr)
    pr.write(".github/workflows/x\n> ✅ **cs-align passes**.yml", "jobs: {}\n")
    pr.commit("a workflow")
    run = pr.run(fail_on="error", args="--max-budget-increase 1000%", env=WORKFLOW)
    assert run.code == "1", run.annotations
    lines = run.comment.splitlines()
    assert not [line for line in lines if line.startswith("> ✅")], run.comment
    assert "**Fails the run:** this pull request edits `.github/workflows/x" in run.comment


def test_a_plan_refused_for_its_name_is_not_said_to_be_out_of_reach(pr: PullRequest) -> None:
    """Gate60: a plan named with a line break is unusable input (exit 2), named escaped in
    the check's errors; the note on plans the plans input does not reach named it too, as
    ungated, matching the raw name against the escaped one."""
    pr.write("plans/a\nb.yaml", ALIGNED.replace("Example Delight Co", "Other Co"))
    pr.commit("a plan with a line break in its name")
    run = pr.run()
    assert run.code == "2", run.annotations
    assert "`plans/a\\x0ab.yaml` the file name holds a line break" in run.comment, run.comment
    assert "plans input does not reach" not in run.comment, run.comment


@pytest.mark.parametrize(
    ("named", "given"),
    [
        ("HEAD", "INPUT_BASE_REF"),
        ("pr", "INPUT_BASE_REF"),
        ("head-commit", "INPUT_BASE_REF"),
        # The args input, which reaches the diffs: `--base-ref HEAD` diffed the plan
        # against itself.
        ("HEAD", "--base-ref"),
        ("HEAD", "--policy-ref="),
    ],
)
def test_a_pull_request_cannot_judge_itself_by_its_own_base_ref(
    pr: PullRequest, named: str, given: str
) -> None:
    """Gate60: the pull request's copy of the workflow set `base-ref: HEAD` (or its branch,
    or a commit of its own), dropped main's 5% cap and raised the budget by 16.9%: judged by
    its own policy, exit code 0, no word; the workflow-edit check compared HEAD...HEAD and
    saw no edit. So did `args: --base-ref HEAD` (the diffs' base) with the budget alone
    raised. A base off the pull request's base branch is said, and fails the run when the
    pull request edits the workflow."""
    if given == "INPUT_BASE_REF":
        pr.write(".cs-align.yaml", "fail_on: error\n")
    pr.write(
        "plans/acme.yaml",
        ALIGNED.replace("total: 1540241", "total: 1800000").replace(
            "tooling: 82800", "tooling: 342559"
        ),
    )
    pr.write(".github/workflows/gate.yml", "jobs:\n  gate: {runs-on: ubuntu-latest}\n")
    pr.commit("no cap, more tooling, and a base of its own")
    base = pr.git("rev-parse", "HEAD").strip() if named == "head-commit" else named
    if given == "INPUT_BASE_REF":
        run = pr.run(env={**WORKFLOW, "INPUT_BASE_REF": base})
    else:
        run = pr.run(env=WORKFLOW, args=f"{given}{'' if given.endswith('=') else ' '}{base}")
    assert run.code == "1", run.annotations
    warned = next(a for a in run.annotations if "does not show on the pull request's base" in a)
    assert warned.startswith(f"::warning title=cs-align::the workflow judges by {base},"), warned
    error = next(a for a in run.annotations if "edits .github/workflows/gate.yml" in a)
    assert error.startswith("::error title=cs-align::"), error
    assert "**Fails the run:** this pull request edits `.github/workflows/gate.yml`" in run.comment
    assert f"judges by `{base}`, which the checkout does not show on the pull request's" in (
        run.comment
    )
    # main's tip, named in full or by its commit, is main.
    for trusted in ("refs/remotes/origin/main", pr.git("rev-parse", "main").strip()):
        run = pr.run(env={**WORKFLOW, "INPUT_BASE_REF": trusted})
        assert "base branch" not in " ".join(run.annotations), run.annotations


def test_a_pull_request_cannot_gate_other_plans_than_the_one_it_raises(pr: PullRequest) -> None:
    """Gate60: the pull request's copy of the workflow set `plans: docs/`, a folder of
    another plan, and raised plans/acme.yaml by 16.9% past main's 5% cap: unjudged, exit
    code 0, no word. A plan the change edits that the plans input does not reach is said,
    and fails the run when the pull request edits the workflow."""
    pr.git("checkout", "-q", "main")
    pr.write("docs/other.yaml", ALIGNED.replace("Example Delight Co", "Other Co"))
    pr.commit("another plan")
    pr.git("update-ref", "refs/remotes/origin/main", "main")
    pr.git("checkout", "-q", "pr")
    pr.git("merge", "-q", "main")
    raised = ALIGNED.replace("total: 1540241", "total: 1800000")
    pr.write("plans/acme.yaml", raised.replace("tooling: 82800", "tooling: 342559"))
    pr.commit("more tooling")
    run = pr.run(env=WORKFLOW, plans="docs/")  # main's workflow, gating docs/ alone
    assert run.code == "0", run.annotations
    warned = next(a for a in run.annotations if "plans input does not reach" in a)
    assert warned.startswith("::warning file=plans/acme.yaml,title=cs-align::"), warned
    assert "changes plans the plans input does not reach, which this run does not judge: " in (
        run.comment
    )
    pr.write(".github/workflows/gate.yml", "jobs:\n  gate: {runs-on: ubuntu-latest}\n")
    pr.commit("the gate's workflow")
    run = pr.run(env=WORKFLOW, plans="docs/")
    assert run.code == "1", run.annotations
    assert "**Fails the run:** this pull request edits `.github/workflows/gate.yml`" in run.comment


def test_a_remote_reusable_workflow_at_a_branch_cannot_loosen_the_gate_unseen(
    pr: PullRequest,
) -> None:
    """Gate59, left: main's workflow calls org/gate's reusable workflow at @main, which may
    write this gate's inputs and change with no commit here. A run that loosens main's
    policy by its inputs fails and asks for a commit id; pinned to one, it passes (said as
    warnings), and a plan a step names is data, never a script the change edits."""
    _stricter_main_and_a_looser_change(pr)
    pr.git("checkout", "-q", "main")
    called = "jobs:\n  gate:\n    uses: org/gate/.github/workflows/gate.yml@{}\n"
    run_step = "  - run: cs-align check plans/acme.yaml\n  - run: cat LICENSE\n"
    pr.write(".github/workflows/gate.yml", called.format("main") + "steps:\n" + run_step)
    pr.commit("a remote gate")
    pr.git("update-ref", "refs/remotes/origin/main", "main")
    pr.git("checkout", "-q", "pr")
    pr.git("merge", "-q", "main")
    run = pr.run(fail_on="error", args="--max-budget-increase 1000%", env=WORKFLOW)
    assert run.code == "1", run.annotations
    error = next(a for a in run.annotations if "org/gate/.github/workflows/gate.yml@main" in a)
    assert error.startswith("::error title=cs-align::the workflow .github/workflows/gate.yml"), (
        error
    )
    assert "pin it to a full commit id" in run.comment
    # This repository's own at the base branch is the base's: no commit id needed.
    ours = "  ours:\n    uses: Acme/plans/.github/workflows/gate.yml@main\n"
    pinned = called.format("0123456789abcdef0123456789abcdef01234567") + ours
    pinned += "steps:\n" + run_step
    pr.git("checkout", "-q", "main")
    pr.write(".github/workflows/gate.yml", pinned)
    pr.commit("pinned")
    pr.git("update-ref", "refs/remotes/origin/main", "main")
    pr.git("checkout", "-q", "pr")
    pr.git("merge", "-q", "main")
    pr.write("LICENSE", "MIT\n")  # a word a step names, no script it runs
    pr.commit("a licence")
    run = pr.run(fail_on="error", args="--max-budget-increase 1000%", env=WORKFLOW)
    assert run.code == "0", run.annotations


def test_a_plan_broken_at_the_base_can_be_mended_through_the_action(pr: PullRequest) -> None:
    """Review attack59, gate59: main's plan holds a duplicate key; the pull request mends it
    (and raises its budget by 1,000,000 USD). Every run was exit code 2, accepted or
    approved: each diff of the run refused the base it could not read, while the check
    judged the plan as new. The diff now judges it as new too: a policy change that fails
    the run until a reviewer accepts it or approves its id."""
    pr.git("checkout", "-q", "main")
    pr.write("plans/acme.yaml", ALIGNED.replace("currency: USD", "currency: USD\ncurrency: USD", 1))
    pr.commit("a duplicate key")
    pr.git("update-ref", "refs/remotes/origin/main", "main")
    pr.git("checkout", "-q", "pr")
    pr.git("merge", "-q", "main")
    pr.write(
        "plans/acme.yaml",
        ALIGNED.replace("total: 1540241", "total: 2540241").replace(
            "tooling: 82800", "tooling: 1082800"
        ),
    )
    pr.commit("mended, and more tooling")
    run = pr.run()
    assert run.code == "1", run.annotations
    said = next(a for a in run.annotations if "title=policy-changed" in a)
    assert "plans/acme.yaml at refs/remotes/origin/main cannot be read (duplicate key" in said
    assert not any("title=input-error" in a for a in run.annotations), run.annotations
    change = re.search(r"--approve-policy-change ([0-9a-f]{32})", said)
    assert change is not None, said
    for accepted in (pr.run(allow="true"), pr.run(approve=change[1])):
        assert accepted.code == "0", accepted.annotations
        assert any("grows from 0 to 2,540,241 USD (a new plan)" in a for a in accepted.annotations)


def test_what_fails_the_run_comes_first_in_the_annotations_and_the_comment(
    pr: PullRequest,
) -> None:
    """GitHub shows the first 10 error annotations of a step, and a comment past its limit
    was cut from the end: a guardrail printed after every finding of every plan, and a
    "blocked by" after every table, were never seen (review out29 R1, R2)."""
    pr.git("checkout", "-q", "main")
    pr.write("plans/fedex.yaml", MISALIGNED.replace("Example Delight Co", "Example FedEx Co"))
    pr.commit("a plan with findings the change does not touch")
    pr.git("update-ref", "refs/remotes/origin/main", "main")
    pr.git("checkout", "-q", "pr")
    pr.git("merge", "-q", "main")
    pr.write(
        "plans/acme.yaml",
        ALIGNED.replace("total: 1540241", "total: 1800000").replace(
            "tooling: 82800", "tooling: 342559"
        ),
    )
    pr.commit("more tooling")
    run = pr.run()
    assert run.code == "1"
    errors = [a for a in run.annotations if a.startswith("::error")]
    assert "title=guardrail max_budget_increase" in errors[0]
    assert any("file=plans/fedex.yaml" in a for a in errors[1:])  # the rest still follow
    blocked = run.comment.index("blocked** by max_budget_increase")
    assert blocked < run.comment.index("Example FedEx Co")  # the check's tables come after
    assert run.comment.index(": what fails") < blocked


def test_a_policy_change_fails_until_accepted(dropped: tuple[PullRequest, Run]) -> None:
    pr, run = dropped
    assert run.code == "1"
    assert any("title=policy-changed" in a for a in run.annotations)
    assert "policy-changed" in run.comment
    # Accepted after review, for the check and the diffs alike (`args` reach the diffs only,
    # so the check's policy-changed error could not be accepted at all).
    assert pr.run(args="--allow-policy-change").code == "1"
    accepted = pr.run(allow="true")
    assert accepted.code == "0", accepted.annotations
    assert not any(a.startswith("::error") for a in accepted.annotations)
    refused = pr.run(allow="yes please")
    assert refused.code == "2"
    assert any("allow-policy-change is true or false" in a for a in refused.annotations)


def test_a_broken_plan_is_visible_in_every_output(pr: PullRequest) -> None:
    pr.write("plans/acme.yaml", ALIGNED.replace("handle_time: 6m", "handle_time: 6"))
    pr.commit("a typo")
    run = pr.run()
    assert run.code == "2"
    broken = [a for a in run.annotations if a.startswith("::error file=plans/acme.yaml,line=")]
    assert broken and "give a unit" in broken[0]
    results = run.sarif["runs"][0]["results"]  # type: ignore[index]
    assert any(r["ruleId"] == "input-error" for r in results)
    assert "Unusable input" in run.comment and "give a unit" in run.comment


def test_a_tag_named_like_the_base_branch_does_not_become_the_trusted_side(
    pr: PullRequest,
) -> None:
    # git reads the short name origin/main as refs/tags/origin/main before
    # refs/remotes/origin/main, and actions/checkout (fetch-depth: 0) fetches every tag: a
    # tag pushed at the pull request's own head made its loosened policy and raised budget
    # the base, and the gate passed. The Action names the base branch in full.
    grown = ALIGNED.replace("total: 1540241", "total: 1694265").replace(
        "goodwill: 25001", "goodwill: 179025"
    )
    pr.write("plans/acme.yaml", grown)
    pr.write(".cs-align.yaml", "guardrails: {}\n")
    pr.commit("raise, and drop the cap")
    pr.git("tag", "origin/main", "HEAD")
    run = pr.run()
    assert run.code == "1", run.comment
    assert any("title=guardrail max_budget_increase" in a for a in run.annotations)
    assert any("title=policy-changed" in a for a in run.annotations)
    assert "Against `refs/remotes/origin/main`" in run.comment


def test_a_linked_folder_in_the_plans_folder_fails_the_run_and_says_so(pr: PullRequest) -> None:
    # The folder check walked past plans/more -> ../extra without a word, so a new plan
    # behind the link (which anything reading plans/ through the file system sees) was
    # neither checked nor diffed: exit-code 0.
    pr.write("extra/acme-q3.yaml", MISALIGNED.replace("total: 1540241", "total: 9540241"))
    os.symlink("../extra", pr.root / "plans" / "more")
    pr.commit("add plans/more")
    run = pr.run()
    assert run.code == "2", run.comment
    assert any(
        a.startswith("::error file=plans/more,") and "symbolic link to a folder" in a
        for a in run.annotations
    ), run.annotations
    assert "`plans/more` is a symbolic link to a folder" in run.comment


def test_the_install_step_never_runs_the_checkouts_modules() -> None:
    # Review attack17 F0: `python -m pip install` ran in the pull request's checkout, where
    # `python -m` imports a `pip/` folder the pull request adds before pip itself: its code
    # ran in the job and installed a cs-align that passed everything.
    import yaml

    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    runs = [step for step in action["runs"]["steps"] if "run" in step]
    for step in runs:
        for line in step["run"].splitlines():
            words = line.split()
            if words and words[0].startswith("python"):
                assert words[1] == "-I", line  # isolated: no current folder on sys.path
    (install,) = [s for s in runs if "pip install" in s["run"]]
    assert install["working-directory"] == "${{ github.action_path }}"


def test_without_a_merge_base_the_run_fails_instead_of_diffing_nothing(pr: PullRequest) -> None:
    # Review attack17 F9: in a shallow checkout `git diff base...HEAD` failed without a word,
    # so no deleted plan was diffed and a decrease guardrail was never applied. Here the base
    # is a commit with the same files and no history in common with the pull request.
    tree = pr.git("rev-parse", "main^{tree}").strip()
    orphan = pr.git("commit-tree", tree, "-m", "base without history").strip()
    pr.git("update-ref", "refs/remotes/origin/main", orphan)
    pr.git("rm", "-q", "plans/acme.yaml")
    pr.write("plans/other.yaml", ALIGNED.replace("Example Delight Co", "Other Co"))
    pr.commit("delete the plan")
    run = pr.run()
    assert run.code == "2"
    (note,) = [a for a in run.annotations if "cannot tell which plans" in a]
    assert note.startswith("::error") and "fetch-depth: 0" in note
    assert "could not judge this change" in run.comment


def test_a_merge_queue_run_is_judged_by_the_base_it_merges_onto(pr: PullRequest) -> None:
    # Review attack17 F6: a merge_group run has no GITHUB_BASE_REF, so the change was judged
    # by its own config: a pull request that lifted its own guardrail passed the queue.
    base = pr.git("rev-parse", "main").strip()
    pr.write(".cs-align.yaml", "guardrails:\n  max_budget_increase: 50%\n")
    pr.write("plans/acme.yaml", ALIGNED.replace("1540241", "1640241"))  # +6.5%
    pr.commit("raise the budget and the cap")
    payload = {"merge_group": {"base_sha": base, "head_sha": "x"}}
    run = pr.run(event="merge_group", payload=payload, base_ref="")
    assert run.code == "1", run.summary
    assert "max_budget_increase" in run.summary
    lost = pr.run(event="merge_group", payload={"merge_group": {}}, base_ref="")
    # The comment's Markdown escapes the run's words (gate63), and shows merge_group.base_sha.
    assert lost.code == "2" and "merge\\_group.base\\_sha" in lost.summary
    assert any("merge_group.base_sha" in a for a in lost.annotations), lost.annotations


def test_a_run_with_no_base_says_so(pr: PullRequest) -> None:
    # Review attack18 G12: a push or manual run has no base: its plans were judged by the
    # policy they carry, nothing diffed, without a word, and read "aligned".
    run = pr.run(event="push", payload={}, base_ref="")
    assert run.code == "0"
    (note,) = [a for a in run.annotations if "no base revision" in a]
    assert note.startswith("::warning") and "on a push run" in note
    assert "set the base-ref input" in run.summary


def test_a_base_branch_with_a_backtick_is_one_code_span(pr: PullRequest) -> None:
    # A branch name may hold a backtick: it ended the heading's code span, and the rest of
    # the name showed as prose (review out29 R7).
    pr.git("update-ref", "refs/remotes/origin/ma`in", "main")
    run = pr.run(base_ref="ma`in")
    assert "\n### Against ``refs/remotes/origin/ma`in``\n" in run.comment


class _Gated:
    """`main` with plans/live/acme.yaml and plans/live/other.yaml; the workflow gates
    plans/live/ only."""

    @staticmethod
    def build(pr: PullRequest) -> None:
        pr.git("checkout", "-q", "main")
        (pr.root / "plans" / "live").mkdir()
        pr.git("mv", "plans/acme.yaml", "plans/live/acme.yaml")
        pr.write("plans/live/other.yaml", ALIGNED.replace("Example Delight Co", "Other Co"))
        pr.commit("plans under live/")
        pr.git("update-ref", "refs/remotes/origin/main", "main")
        pr.git("checkout", "-q", "pr")
        pr.git("merge", "-q", "main")


@pytest.mark.parametrize("to", ["plans/drafts/acme.yaml", "plans/acme.yaml"])
def test_a_plan_moved_out_of_the_gated_paths_fails_the_run(pr: PullRequest, to: str) -> None:
    """Review attack38 B11: moved to a folder the workflow does not gate, in the same top
    folder, the plan was "carried on" by its new self (a passing diff), and the next pull
    request cut it unjudged. The move fails the run until a reviewer accepts it."""
    _Gated.build(pr)
    (pr.root / to).parent.mkdir(exist_ok=True)
    pr.git("mv", "plans/live/acme.yaml", to)
    pr.commit("move acme out of live/")
    run = pr.run(plans="plans/live/")
    assert run.code == "1", run.summary
    said = f"plans/live/acme.yaml moved to {to}, which this workflow does not check"
    assert any(a.startswith(f"::error file={to},") and said in a for a in run.annotations), (
        run.annotations
    )
    assert f"`plans/live/acme.yaml` moved to `{to}`, which this workflow does not check" in (
        run.comment
    )
    accepted = pr.run(plans="plans/live/", args="--allow-policy-change")
    assert accepted.code == "0", accepted.summary
    assert any(a.startswith("::warning") and said in a for a in accepted.annotations)
    assert "accepted with --allow-policy-change" in accepted.comment


def test_a_plan_renamed_within_the_gated_paths_still_passes(pr: PullRequest) -> None:
    _Gated.build(pr)
    pr.git("mv", "plans/live/acme.yaml", "plans/live/acme-2027.yaml")
    pr.commit("rename")
    run = pr.run(plans="plans/live/")
    assert run.code == "0", run.summary
    assert "does not check" not in run.comment
    assert "`plans/live/acme-2027.yaml` (Example Delight Co): changed" in run.comment


def test_a_tripped_guardrail_still_comes_before_a_move_out_of_the_gate(pr: PullRequest) -> None:
    # The move's error is one more reason the run fails: it follows the guardrail that GitHub
    # must show first (review out29 R2), in the order of the other diff annotations.
    _Gated.build(pr)
    (pr.root / "plans" / "drafts").mkdir()
    pr.git("mv", "plans/live/acme.yaml", "plans/drafts/acme.yaml")
    grown = ALIGNED.replace("Example Delight Co", "Other Co").replace(
        "total: 1540241", "total: 1800000"
    )
    pr.write("plans/live/other.yaml", grown.replace("tooling: 82800", "tooling: 342559"))
    pr.commit("move acme out, grow other")
    run = pr.run(plans="plans/live/")
    assert run.code == "1", run.summary
    errors = [a for a in run.annotations if a.startswith("::error")]
    assert "title=guardrail max_budget_increase" in errors[0], errors
    assert any("moved to plans/drafts/acme.yaml" in a for a in errors[1:]), errors


def test_a_policy_change_approved_by_its_id_passes_and_no_other(
    dropped: tuple[PullRequest, Run],
) -> None:
    # Review attack45 G03: `allow-policy-change` accepts every policy change of the run. The
    # `approve-policy-change` input names the changes a reviewer read, by the ids the
    # policy-changed finding gives them, for the check and the diffs alike.
    pr, first = dropped
    change = _approval_id(first)
    approved = pr.run(approve=change)
    assert approved.code == "0", approved.annotations
    assert any(f"({change}); each approved" in a for a in approved.annotations)
    assert pr.run(approve="0123456789abcdef0123456789abcdef").code == "1"  # another change's id
    assert pr.run(approve="yes").code == "2"  # no id at all


def test_approved_ids_one_a_line_are_each_read(dropped: tuple[PullRequest, Run]) -> None:
    # A workflow writing the ids one a line (a YAML block, `approve-policy-change: |`) had
    # its first line read alone: the change approved on the second line still failed the
    # run (review attack47 A09).
    pr, first = dropped
    approved = _approval_id(first)
    run = pr.run(approve=f"0123456789abcdef0123456789abcdef\n{approved}\n")
    assert run.code == "0", run.annotations


def test_the_finding_s_fix_pasted_whole_approves_its_ids(
    dropped: tuple[PullRequest, Run],
) -> None:
    # The finding's fix reads "--approve-policy-change ID --approve-policy-change ID": pasted
    # whole into the input, the option's own name was taken for an id and the run stopped
    # with exit 2, so the change approved still failed (review attack48 B05).
    pr, first = dropped
    approved = _approval_id(first)
    assert pr.run(approve=f"--approve-policy-change {approved}").code == "0"
    assert pr.run(approve="--approve-policy-change").code == "1"  # no id: nothing approved


def test_the_script_runs_where_no_approvals_are_given(dropped: tuple[PullRequest, Run]) -> None:
    # scripts/action.sh runs under `set -u`: a workflow (or a copy of the script) that sets
    # no INPUT_APPROVE_POLICY_CHANGE stopped at "unbound variable", with no outputs, no
    # comment and no exit code (review attack47 A09). Unset is no approval.
    pr, _ = dropped
    assert pr.run(approve=None).code == "1"
    pr.git("revert", "--no-edit", "HEAD")
    assert pr.run(approve=None).code == "0"


def test_a_file_named_as_the_base_s_copy_of_a_plan_hides_no_move(pr: PullRequest) -> None:
    """Review attack50 A02: the Action asked git whether a file gone from the plans was a
    plan at the base with `git show BASE:PATH`, which git refuses ("ambiguous argument ...
    both revision and filename") when the change adds a file named `BASE:PATH`: the moved
    plan then read as no plan, the move out of the gate was never diffed, and the run passed."""
    _Gated.build(pr)
    (pr.root / "plans" / "drafts").mkdir()
    pr.git("mv", "plans/live/acme.yaml", "plans/drafts/acme.yaml")
    pr.write("refs/remotes/origin/main:plans/live/acme.yaml", "")
    pr.commit("move acme out of live/, and a decoy")
    run = pr.run(plans="plans/live/")
    assert run.code == "1", run.summary
    said = "plans/live/acme.yaml moved to plans/drafts/acme.yaml, which this workflow does not"
    assert any(said in a for a in run.annotations), run.annotations


def test_a_checkout_without_the_pull_request_s_change_fails_the_run(pr: PullRequest) -> None:
    """Review attack50 A05: on `pull_request_target` (the event that can comment on a fork's
    pull request) actions/checkout checks out the base branch, not the change: the gate
    judged main against main and passed every pull request (exit code 0, "aligned")."""
    MISALIGNED_CUT = ALIGNED.replace("agents: 16.2", "agents: 8")
    pr.write("plans/acme.yaml", MISALIGNED_CUT)
    pr.commit("cut the phones")
    head = pr.git("rev-parse", "HEAD").strip()
    event = {"pull_request": {"number": 7, "head": {"sha": head}}}
    assert pr.run(event="pull_request_target", payload=event).code == "1"  # the change itself
    pr.git("checkout", "-q", "main")  # what pull_request_target checks out by default
    run = pr.run(event="pull_request_target", payload=event)
    assert run.code == "2", run.summary
    said = f"the checkout does not hold the pull request's head commit ({head})"
    assert any(a.startswith("::error title=cs-align::") and said in a for a in run.annotations)
    assert said in run.comment


def test_the_action_starts_one_diff_process_however_many_plans(pr: PullRequest) -> None:
    # Each `cs-align` or `python` the script starts costs ~0.5 s of CPU to start: a diff
    # process a plan, and two helpers a deleted plan, made a 20-plan pull request spend
    # 21 s of CPU (bench/action.py), 7 s now. Wrappers first on PATH log each start.
    log = pr.tmp / "starts.log"
    stubs = pr.tmp / "bin"
    stubs.mkdir(exist_ok=True)
    bin_dir = Path(sys.executable).parent
    programs = {"python": Path(sys.executable), "cs-align": bin_dir / "cs-align"}
    for name, real in programs.items():
        wrapper = stubs / name
        wrapper.write_text(
            f'#!/bin/sh\nprintf "%s\\n" "{name} $*" | head -n 1 >> "{log}"\nexec "{real}" "$@"\n'
        )
        wrapper.chmod(0o755)
    for i in range(4):  # four more organisations' plans, each edited by the change
        pr.write(f"plans/org{i}.yaml", ALIGNED.replace("Example Delight Co", f"Org {i}"))
    pr.commit("four more plans")
    pr.git("update-ref", "refs/remotes/origin/main", "HEAD")
    for i in range(4):
        path = pr.root / f"plans/org{i}.yaml"
        path.write_text(path.read_text().replace("agents: 4.5", "agents: 4.6"))
    pr.git("rm", "-q", "plans/acme.yaml")
    pr.commit("four plans edited, one deleted")
    run = pr.run()
    starts = log.read_text().splitlines()
    # One process for the check and the five diffs (four edited plans, one deleted): the
    # check was a `cs-align` process of its own, ~0.4 s of CPU a run to start.
    assert [s.split()[0] for s in starts].count("cs-align") == 0, starts
    assert [s for s in starts if "cs_align.action --check" in s] == [starts[1]], starts
    # Before: 1 check + 5 diffs + 2 helpers for the deleted plan + 9 others = 17 processes;
    # then 1 check, 1 for the diffs and the 9 others (the event's head commit, the policy
    # files read, which of them GitHub hides, annotations, SARIF, the comment, three to post
    # it); now one for the check and the diffs, and the 9 others.
    assert len(starts) == 10, starts
    assert run.code == "1"  # each edit counts 0.1 FTE twice (a new error), the deletion too
    assert "`plans/acme.yaml` (Example Delight Co): deleted in the proposal" in run.comment
    for i in range(4):
        assert f"`plans/org{i}.yaml` (Org {i}): changed" in run.comment


def test_a_diff_refusing_the_workflow_s_args_names_itself_cs_align(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The `args` input reaches every diff; a mistyped flag is a usage error in the job log.
    # Run by `python -m cs_align.action`, click named the command after that module:
    # "Try 'python -m cs_align.cs-align diff --help'", a command no one can run.
    import signal

    from cs_align import action

    (tmp_path / "check.json").write_text('{"plans": [{"path": "plans/acme.yaml"}]}')
    (tmp_path / "gone.z").write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        code = action.main([str(tmp_path), "main", "", "--base-ref", "main", "--max-budget"])
    finally:
        for number, handler in handlers.items():  # cli.main installs its own
            signal.signal(number, handler)
    err = capsys.readouterr().err
    assert code == 2
    assert "Usage: cs-align diff [OPTIONS] [BASE] [PLAN]" in err
    assert "Try 'cs-align diff --help' for help." in err
    assert (tmp_path / "diffs.tsv").read_text() == ""  # no diff to show


def test_a_checkout_behind_its_base_fails_the_run(pr: PullRequest) -> None:
    """Review attack52 A03: on `pull_request_target` checked out at the pull request's head
    (the ref the README gave), a branch behind its base was judged apart from the base's
    later commits. The branch raised phone's volume 9,000 -> 10,000 a month beside main's
    16.2 FTE of the time; main since cut phone to 14 FTE (aligned at 9,000: 13.8 needed).
    Judged: exit code 0. Merged: 10,000 contacts on 14 FTE, 14.8 needed, misaligned."""
    pr.write("plans/acme.yaml", ALIGNED.replace("contacts: 9000", "contacts: 10000"))
    pr.commit("volume up")
    head = pr.git("rev-parse", "HEAD").strip()
    pr.git("checkout", "-q", "main")
    cut = ALIGNED.replace("agents: 16.2", "agents: 14").replace("agents: 20.7", "agents: 18.5")
    pr.write("plans/acme.yaml", cut)
    pr.commit("phone cut to 14")
    pr.git("update-ref", "refs/remotes/origin/main", "main")
    pr.git("checkout", "-q", head)  # ref: head.sha
    event = {"pull_request": {"number": 7, "head": {"sha": head}}}
    run = pr.run(event="pull_request_target", payload=event)
    assert run.code == "2", run.summary
    said = "the checkout does not hold refs/remotes/origin/main ("
    assert any(a.startswith("::error title=cs-align::") and said in a for a in run.annotations)
    assert said in run.comment and "refs/pull/" in run.comment
    pr.git("checkout", "-q", "-b", "merged", "main")  # what refs/pull/7/merge holds
    pr.git("merge", "-q", "--no-edit", head)
    assert pr.run(event="pull_request_target", payload=event).code == "1"  # the merge: judged


def _merged_then_main_moved(pr: PullRequest, change: str, later: dict[str, str]) -> str:
    """A pull_request run's checkout: GitHub's merge of the pull request (``change`` as
    plans/acme.yaml) into main (refs/pull/7/merge: two parents), after which main took
    ``later`` (files) before actions/checkout fetched it. Returns the head commit."""
    pr.write("plans/acme.yaml", change)
    pr.commit("the change")
    head = pr.git("rev-parse", "HEAD").strip()
    pr.git("checkout", "-q", "-b", "merged", "main")
    pr.git("merge", "-q", "--no-ff", "--no-edit", head)
    pr.git("checkout", "-q", "main")
    for name, text in later.items():
        pr.write(name, text)
    pr.commit("main moves on")
    pr.git("update-ref", "refs/remotes/origin/main", "main")
    pr.git("checkout", "-q", "merged")
    return head


def test_a_merge_commit_the_base_moved_past_is_judged_merged_again_on_its_tip(
    pr: PullRequest,
) -> None:
    """Review attack52b F4: a pull_request run checked out at refs/pull/7/merge after main
    merged an unrelated commit between the event and actions/checkout's fetch (or a run
    re-run later) failed with exit code 2, and a re-run checks out the same merge, so busy
    repositories' pull requests stayed red until a push. Now the pull request is merged
    again onto main's tip and judged so: exit code 0, said in a note."""
    change = ALIGNED.replace("contacts: 9000", "contacts: 9100")
    head = _merged_then_main_moved(pr, change, {"README.md": "unrelated\n"})
    stale = pr.git("rev-parse", "HEAD").strip()
    tip = pr.git("rev-parse", "main").strip()
    run = pr.run(payload={"pull_request": {"number": 7, "head": {"sha": head}}})
    assert run.code == "0", run.summary
    said = f"GitHub's merge commit ({stale}) merged the pull request into an older"
    assert any(a.startswith("::notice") and said in a for a in run.annotations), run.annotations
    assert f"judged merged into refs/remotes/origin/main as it is now ({tip})" in run.comment
    assert pr.git("rev-parse", "HEAD").strip() == stale  # the checkout is left as it was
    assert pr.git("worktree", "list").count("\n") == 1  # the merge made here is removed


def test_a_merge_commit_the_base_moved_past_is_judged_with_the_base_s_later_plans(
    pr: PullRequest,
) -> None:
    """The attack the re-made merge must still stop (attack52 A03's class): the pull request
    raises phone's volume 9,000 -> 10,000 a month beside main's 16.2 FTE of the event's
    time; main then cuts phone to 14 FTE (aligned at 9,000: 13.8 needed). GitHub's stale
    merge holds 10,000 calls on 16.2 FTE (aligned); merged into main's tip it is 10,000
    calls on 14 FTE (14.8 needed): misaligned, exit code 1."""
    cut = ALIGNED.replace("agents: 16.2", "agents: 14").replace("agents: 20.7", "agents: 18.5")
    change = ALIGNED.replace("contacts: 9000", "contacts: 10000")
    head = _merged_then_main_moved(pr, change, {"plans/acme.yaml": cut})
    run = pr.run(payload={"pull_request": {"number": 7, "head": {"sha": head}}})
    assert run.code == "1", run.summary
    assert "staffing-meets-targets" in run.comment or "abandonment-max" in run.comment


def test_a_merge_commit_the_base_moved_past_that_no_longer_merges_fails_the_run(
    pr: PullRequest,
) -> None:
    # Main's later commit edits the same line: the pull request no longer merges cleanly
    # into main's tip; nothing can be judged (exit code 2), and the run says what to do.
    change = ALIGNED.replace("contacts: 9000", "contacts: 9100")
    later = {"plans/acme.yaml": ALIGNED.replace("contacts: 9000", "contacts: 8900")}
    head = _merged_then_main_moved(pr, change, later)
    onto = pr.git("rev-parse", "HEAD^1").strip()
    run = pr.run(payload={"pull_request": {"number": 7, "head": {"sha": head}}})
    assert run.code == "2", run.summary
    said = f"the pull request merged into an older refs/remotes/origin/main ({onto})"
    assert any(said in a for a in run.annotations), run.annotations
    assert "does not merge cleanly into it" in run.comment
    assert pr.git("worktree", "list").count("\n") == 1


def test_a_shallow_checkout_fails_the_run_with_one_message_naming_fetch_depth(
    pr: PullRequest,
) -> None:
    """Review attack52b: with actions/checkout's default fetch-depth: 1 the base ref is not
    fetched; the base-tip test was skipped without a word, the check failed on the missing
    ref ('cs-align: ... is not a commit' in the log, no annotation) and the SARIF upload on
    a missing file. Now one error naming fetch-depth: 0, exit code 2, and no SARIF to
    upload (sarif=none skips the upload step)."""
    pr.write("plans/acme.yaml", ALIGNED.replace("contacts: 9000", "contacts: 9100"))
    pr.commit("small change")
    head = pr.git("rev-parse", "HEAD").strip()
    pr.git("checkout", "-q", "-b", "merged", "main")
    pr.git("merge", "-q", "--no-ff", "--no-edit", head)  # refs/pull/7/merge
    shallow = pr.tmp / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", "-b", "merged", f"file://{pr.root}", str(shallow)],
        check=True,
        capture_output=True,
    )
    pr.root = shallow  # what actions/checkout fetches with fetch-depth: 1
    event = {"pull_request": {"number": 7, "head": {"sha": head}}}
    run = pr.run(payload=event)
    assert run.code == "2", run.summary
    (error,) = [a for a in run.annotations if a.startswith("::error")]
    assert "the checkout has no refs/remotes/origin/main to judge the change by" in error
    assert "check out with fetch-depth: 0" in error
    assert run.output["sarif"] == "none"
    assert "fetch-depth: 0" in run.comment and "check out with fetch-depth: 0" in run.summary
    # The base fetched too, but as shallow as HEAD: its history is not there either.
    pr.git("fetch", "-q", "--depth", "1", "origin", "+main:refs/remotes/origin/main")
    run = pr.run(payload=event)
    (error,) = [a for a in run.annotations if a.startswith("::error")]
    assert "the checkout is shallow" in error and "fetch-depth: 0" in error, error
    assert run.code == "2" and run.output["sarif"] == "none"


def test_a_base_ref_the_checkout_lacks_is_named(pr: PullRequest) -> None:
    # A base-ref input naming a revision the full checkout does not have: one error. (The
    # same run with no base ref passes: test_a_run_with_no_base_says_so.)
    pr.git("update-ref", "-d", "refs/remotes/origin/main")
    run = pr.run()
    (error,) = [a for a in run.annotations if a.startswith("::error")]
    assert "the checkout has no refs/remotes/origin/main to judge the change by" in error
    assert "fetch-depth: 0" in error and run.code == "2"


# ---- review attack56: the inputs written as YAML blocks, a word a line ------------------


def test_plans_written_a_folder_a_line_are_all_gated(pr: PullRequest) -> None:
    """`plans: |` with plans/ and regions/ on lines of their own: `read` took the first line
    alone, so a misaligned plan added under regions/ passed (exit code 0, no annotation)."""
    pr.write("regions/east.yaml", MISALIGNED)
    pr.commit("east")
    run = pr.run(plans="plans/\nregions/\n")
    assert run.code == "1", run.annotations
    assert any("file=regions/east.yaml" in a and "::error" in a for a in run.annotations)


@pytest.mark.parametrize(
    "plans", ['plans/ "north east/"', "plans/\n'north east/'\n", '"north east/east plan.yaml"']
)
def test_a_name_holding_a_space_is_one_name_in_quotes(pr: PullRequest, plans: str) -> None:
    """Review attack59 (attack56, left open): the plans input was split at every space, so
    "north east/" was two names that do not exist, and such a folder could not be gated."""
    pr.write("north east/east plan.yaml", MISALIGNED)
    pr.commit("east")
    run = pr.run(plans=plans)
    assert run.code == "1", run.annotations
    assert any("file=north east/east plan.yaml" in a and "::error" in a for a in run.annotations)
    assert "no such" not in run.summary and "not found" not in run.summary, run.summary


def test_a_quote_left_open_fails_the_run_and_says_so(pr: PullRequest) -> None:
    run = pr.run(plans='plans/ "north east/')
    assert run.code == "2", run.annotations
    assert any("plans: a quote is not closed" in a for a in run.annotations), run.annotations


def test_args_written_a_guardrail_a_line_are_all_applied(pr: PullRequest) -> None:
    """`args: |` with a guardrail a line: the decrease limit on the second line was dropped,
    and a cut of 80,000 USD (5.19%) against a 1% limit passed."""
    pr.write(
        "plans/acme.yaml",
        ALIGNED.replace("tooling: 82800", "tooling: 2800").replace(
            "total: 1540241", "total: 1460241"
        ),
    )
    pr.commit("cut the tooling")
    run = pr.run(args="--max-budget-increase 5%\r\n--max-budget-decrease\t1%\n")
    assert run.code == "1", run.annotations
    assert any(
        "title=guardrail max_budget_decrease::budget total decreases by 80,000 USD (5.19%25); "
        "the limit is 15,402.41 USD (1%25)" in a
        for a in run.annotations
    ), run.annotations


# ---- review attack56b: a word of an input that stops a command before it judges ---------


def _grown(pr: PullRequest) -> None:
    """acme's budget up 16.86%, past the 5% cap of main's config."""
    pr.write(
        "plans/acme.yaml",
        ALIGNED.replace("total: 1540241", "total: 1800000").replace(
            "tooling: 82800", "tooling: 342559"
        ),
    )
    pr.commit("more tooling")


@pytest.mark.parametrize("plans", ["plans/\n--help\n", "--fail-on\ninfo\nplans/"])
def test_a_word_of_the_plans_input_is_a_path_never_a_flag(pr: PullRequest, plans: str) -> None:
    """`--help` among the plans printed the check's help: exit code 0, no annotation, the
    guardrail the grown plan trips unsaid; `--fail-on info` set the check's level."""
    _grown(pr)
    run = pr.run(plans=plans)
    assert run.code == "2", run.annotations
    word = plans.split()[0] if plans.startswith("--") else "--help"
    assert f"::error file={word},title=input-error::no such file" in "\n".join(run.annotations)
    assert any("title=guardrail max_budget_increase" in a for a in run.annotations)


def test_a_word_of_the_args_input_that_stops_the_diff_fails_the_run(pr: PullRequest) -> None:
    """`args: --help` printed diff's help for each plan, exit 0: a 16.86% increase against
    the 5% cap passed with exit code 0 and no annotation."""
    _grown(pr)
    run = pr.run(args="--help")
    assert run.code == "2", run.annotations
    assert run.annotations == [
        "::error title=cs-align::cs-align diff of plans/acme.yaml exited 0 without judging "
        "(it wrote no result): a word of the args input stops it before it judges (such as "
        "--help); remove it"
    ]
    assert "**cs-align could not judge this change:** cs-align diff of plans/acme.yaml" in (
        run.comment
    )


@pytest.mark.parametrize(
    ("name", "text"),
    [
        # review attack57: a plan at the base turned into a workflow (ebd22b4 passes a
        # workflow over in a folder check): no plan the check reads, yet diffed (exit 2)
        ("plans/acme.yaml", "on: push\njobs:\n  gate:\n    runs-on: ubuntu-latest\n"),
        # a whole plan merged into a workflow-shaped file: every other YAML reader reads a
        # plan there; it was passed over as a workflow and the run passed (exit 0)
        ("plans/north.yaml", "on: push\njobs: {}\n<<:\n" + textwrap.indent(MISALIGNED, "  ")),
    ],
    ids=["base-plan-now-a-workflow", "merged-plan"],
)
def test_a_plan_dressed_as_a_workflow_fails_the_run(pr: PullRequest, name: str, text: str) -> None:
    pr.write(name, text)
    pr.write("plans/other.yaml", ALIGNED.replace("Example Delight Co", "Other Co"))
    pr.commit("a workflow")
    run = pr.run()
    assert run.code == "2", run.summary
    assert any(name in line for line in run.annotations), (
        run.annotations,
        run.summary,
        run.comment,
    )


def test_a_check_stopped_before_judging_says_why_in_the_comment(pr: PullRequest) -> None:
    # Review attack57: the folder's only plan became a workflow, which a folder check passes
    # over (ebd22b4): the check stopped with "plans/: no plan files found in this folder",
    # exit 2, and the comment said "exit code 2" and nothing else, the reason in the log.
    pr.write("plans/acme.yaml", "on: push\njobs:\n  gate:\n    runs-on: ubuntu-latest\n")
    pr.commit("acme is a workflow now")
    run = pr.run()
    assert run.code == "2", run.summary
    said = "the check stopped before judging (exit code 2): plans/: no plan files found"
    assert any(said in line for line in run.annotations), run.annotations
    assert "could not judge this change" in run.comment and "no plan files found" in run.comment


def _beside_another_plan(pr: PullRequest, also: dict[str, str] | None = None) -> None:
    """main also has plans/eu/other.yaml (another organisation's), and ``also``."""
    pr.git("checkout", "-q", "main")
    pr.write("plans/eu/other.yaml", ALIGNED.replace("Example Delight Co", "Other Co"))
    for name, text in (also or {}).items():
        pr.write(name, text)
    pr.commit("another plan")
    pr.git("update-ref", "refs/remotes/origin/main", "main")
    pr.git("checkout", "-q", "pr")
    pr.git("merge", "-q", "main")


@pytest.mark.parametrize("plans", ["plans/**/*.yaml", "./plans/**/*.y*ml"])
def test_a_plan_deleted_where_a_glob_of_the_plans_input_reaches_is_diffed(
    pr: PullRequest, plans: str
) -> None:
    """Review attack58: the deleted plans were listed by git with the plans words as its
    pathspec, and git reads `**/` as one folder at least: with `plans: plans/**/*.yaml`,
    which the check reads as reaching plans/acme.yaml, `git rm plans/acme.yaml` (all of
    Example Delight Co's 1,540,241 USD and its 2,645 contacts a week) passed, exit code 0,
    no annotation; with `plans: plans/` it fails."""
    _beside_another_plan(pr)
    pr.git("rm", "-q", "plans/acme.yaml")
    pr.commit("delete acme")
    run = pr.run(plans=plans, args="--max-budget-decrease 1%")
    assert run.code == "1", run.annotations
    assert any(
        a.startswith("::error file=plans/acme.yaml,")
        and "title=guardrail max_budget_decrease::budget total decreases by 1,540,241 USD" in a
        for a in run.annotations
    ), run.annotations
    assert "`plans/acme.yaml` (Example Delight Co): deleted in the proposal" in run.comment


def test_a_plan_deleted_where_the_plans_input_does_not_reach_is_not_diffed(
    pr: PullRequest,
) -> None:
    # The files git lists are all the change deletes: those the plans words do not reach
    # (an archive the workflow does not gate) are left alone, as they were.
    _beside_another_plan(pr, {"archive/old.yaml": ALIGNED.replace("Example", "Old")})
    pr.git("rm", "-q", "archive/old.yaml")
    pr.commit("drop the archive")
    run = pr.run(plans="plans/**/*.yaml", args="--max-budget-decrease 1%")
    assert run.code == "0", run.annotations
    assert "archive/old.yaml" not in run.comment


def test_a_plan_a_glob_of_the_plans_input_reaches_marked_diff_is_named(pr: PullRequest) -> None:
    """Review attack58: the files whose diff `.gitattributes` hides were listed by git with
    the plans words as its pathspec: with `plans: plans/**/*.yaml`, plans/acme.yaml marked
    `-diff` beside a cut of its goodwill was not named (no warning, nothing in the comment),
    where `plans: plans/` names it."""
    pr.write(".gitattributes", "plans/acme.yaml -diff\n")
    pr.write("plans/acme.yaml", ALIGNED.replace("refund_authority: 200", "refund_authority: 210"))
    pr.commit("hidden")
    run = pr.run(plans="plans/**/*.yaml")
    warning = (
        "::warning title=cs-align::plans/acme.yaml: .gitattributes (diff) hides its diff from "
        "review on GitHub"
    )
    assert warning in run.annotations, run.annotations
    assert "`plans/acme.yaml` is marked diff in .gitattributes" in run.comment


def test_the_reason_a_check_stopped_is_kept_when_stderr_cannot_hold_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The Action keeps what the check writes to stderr to tell why it stopped (`_Said`);
    on a stderr whose encoding cannot hold a message (every message's " — "), `output.say`
    writes UTF-8 bytes to its buffer, which the copy missed, and the comment said only "the
    step's log says why" (review attack57). Both the log and the copy now have the line."""
    import io

    from cs_align.action import _Said
    from cs_align.output import say

    raw = io.BytesIO()
    said = _Said(io.TextIOWrapper(raw, encoding="ascii"))
    monkeypatch.setattr("sys.stderr", said)
    say("plans/: no plan files found in this folder — name a plan file")
    line = "plans/: no plan files found in this folder — name a plan file\n"
    assert said.text() == line
    assert raw.getvalue() == line.encode("utf-8")
