"""`cs-align schema check|diff`: the JSON Schemas (draft 2020-12) of what `check -f json` and
`diff -f json` write, so a CI job can validate the output it reads. Every output below is
validated against the schema the command prints; every object is closed, so a key the JSON
reporter gains or renames fails here until the schema describes it; and the outputs below,
together, write every key the schemas describe (none is described that is never written)."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from cs_align.commands.info import plan_schema
from cs_align.reporters import STREAM_FROM
from tests.conftest import EXAMPLES, ROOT, Invoke
from tests.test_formats import (
    EXPIRES,
    WAIVER_FILE,
    fixture_repo,  # noqa: F401  (the waivers fixture, as a fixture)
)
from tests.test_peak_occupancy import P29

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


def _schema(invoke: Invoke, name: str) -> dict[str, Any]:
    result = invoke("schema", name)
    assert (result.code, result.err) == (0, "")
    schema: dict[str, Any] = json.loads(result.out)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    return schema


def _valid(schema: dict[str, Any], text: str) -> Any:
    data = json.loads(text)
    errors = [
        f"{e.json_path}: {e.message[:300]}" for e in Draft202012Validator(schema).iter_errors(data)
    ]
    assert errors == []
    return data


def _keys(value: Any, at: str = "") -> Iterator[str]:
    """Every key written, as a path without list indexes ("plans.metrics.channels.id")."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield f"{at}.{key}".lstrip(".")
            yield from _keys(inner, f"{at}.{key}")
    elif isinstance(value, list):
        for inner in value:
            yield from _keys(inner, at)


def _described(
    schema: dict[str, Any], node: dict[str, Any] | None = None, at: str = ""
) -> set[str]:
    """Every key path the schema describes (following $ref, anyOf and array items)."""
    node = schema if node is None else node
    if "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
    found: set[str] = set()
    for branch in node.get("anyOf", []):
        found |= _described(schema, branch, at)
    if "items" in node:
        found |= _described(schema, node["items"], at)
    for key, inner in node.get("properties", {}).items():
        path = f"{at}.{key}".lstrip(".")
        found |= {path} | _described(schema, inner, path)
    return found


_SHARED = (
    (re.compile(r"^(plans|diff\.base|diff\.plan)(?=\.|$)"), "REPORT"),
    (
        re.compile(r"^(REPORT\.findings|diff\.findings\.(new|worse|fixed|unchanged))(?=\.|$)"),
        "FINDING",
    ),
)


def _shared(path: str) -> str:
    """A key path by the definition it is in: a finding's `file` is one key wherever a
    finding is written (a plan's findings, a diff's new or fixed ones)."""
    for pattern, name in _SHARED:
        path = pattern.sub(name, path)
    return path


# ---- the command ----------------------------------------------------------------------------


def test_schema_alone_is_still_the_plans(invoke: Invoke) -> None:
    expected = plan_schema() + "\n"  # built once: ~0.2 s of pydantic's schema generation
    assert invoke("schema").out == expected
    assert invoke("schema", "plan").out == expected


def test_schema_help_lists_the_choices_with_an_example(invoke: Invoke) -> None:
    result = invoke("schema", "--help")
    assert result.code == 0
    listed = " ".join(result.out.split())  # the help as one line, however it wraps
    assert "[OUTPUT]" in listed
    choices = (
        "plan (the plan file, the default); strategy-file or waivers (a strategy file or a "
        "waiver file you write); or check, diff, staff, promise, whatif, fix, "
        "metrics, strategies, strategy or config"
    )
    assert choices in listed
    assert "cs-align schema check > check.schema.json" in result.out


def test_an_unknown_schema_is_exit_2_naming_the_choices(invoke: Invoke) -> None:
    result = invoke("schema", "chek")
    assert (result.code, result.out) == (2, "")
    assert "unknown schema 'chek'" in result.err
    choices = (
        "plan, strategy-file, waivers, check, diff, staff, promise, whatif, fix, metrics, "
        "strategies, strategy or config"
    )
    assert f"did you mean check? (use one of {choices})" in result.err
    assert "Traceback" not in result.err


def test_the_schemas_are_closed_and_exact(invoke: Invoke) -> None:
    """A renamed key fails; verdicts, severities and areas are enums; money is a string."""
    check = _schema(invoke, "check")
    report = check["$defs"]["report"]
    assert report["additionalProperties"] is False
    assert report["properties"]["verdict"] == {"enum": ["aligned", "at-risk", "misaligned"]}
    finding = check["$defs"]["finding"]["properties"]
    assert finding["severity"] == {"enum": ["info", "warning", "error"]}
    assert finding["area"]["enum"] == [
        "staffing",
        "response targets",
        "budget",
        "practices",
        "strategy",
    ]
    money = check["$defs"]["metrics"]["properties"]["cost_per_contact"]["anyOf"][0]
    assert money["type"] == "string"
    renamed = {"version": "1", "plans": [], "errors": [], "plan": []}
    assert not Draft202012Validator(check).is_valid(renamed)


# ---- check -f json --------------------------------------------------------------------------


def test_every_example_as_one_streamed_batch_validates(invoke: Invoke) -> None:
    """The examples are past STREAM_FROM: JSON comes a plan a line, in the same shape."""
    assert len(EXAMPLE_FILES) >= STREAM_FROM
    result = invoke("check", "examples", "-f", "json")
    assert result.code == 1
    assert result.out.startswith('{"version": ') and "\n  " not in result.out  # streamed
    data = _valid(_schema(invoke, "check"), result.out)
    assert len(data["plans"]) == len(EXAMPLE_FILES)


def test_a_small_batch_written_whole_validates(invoke: Invoke) -> None:
    few = [str(p) for p in EXAMPLE_FILES[: STREAM_FROM - 1]]
    result = invoke("check", *few, "-f", "json")
    assert "\n  " in result.out  # indented: not streamed
    assert len(_valid(_schema(invoke, "check"), result.out)["plans"]) == len(few)


def test_a_big_streamed_batch_with_unusable_input_validates(invoke: Invoke, tmp_path: Path) -> None:
    for copy in range(2):
        for path in EXAMPLE_FILES:
            (tmp_path / f"{copy}-{path.name}").write_text(path.read_text(encoding="utf-8"))
    (tmp_path / "broken.yaml").write_text("version: 1\nchannels: 3\n", encoding="utf-8")
    result = invoke("check", str(tmp_path), "-f", "json")
    assert result.code == 2
    data = _valid(_schema(invoke, "check"), result.out)
    assert len(data["plans"]) == 2 * len(EXAMPLE_FILES)
    assert data["errors"] and all(e["file"].endswith("broken.yaml") for e in data["errors"])


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_each_example_alone_validates(path: Path, invoke: Invoke) -> None:
    result = invoke("check", str(path), "-f", "json")
    data = _valid(_schema(invoke, "check"), result.out)
    assert data["plans"][0]["verdict"] == ("aligned" if "-aligned" in path.name else "misaligned")


def _outputs(invoke: Invoke, repo: Path, tmp_path: Path) -> dict[str, list[str]]:
    """Outputs that between them write every key: waivers (inline, in the plan, in a file a
    config names, one matching nothing), segments, a mix, intraday intervals, a strategy
    given on the command line, a custom strategy file, unusable input; and diffs."""
    (tmp_path / "intraday.yaml").write_text(
        P29.replace("PEAK", "600").replace("FTE", "12"), encoding="utf-8"
    )
    (tmp_path / "ours.yaml").write_text(
        "id: ours\nname: Ours\nextends: delight\nrules:\n"
        "  - {rule: metric, severity: error, metric: cost_per_contact, max: 0.5}\n",
        encoding="utf-8",
    )
    delight = (EXAMPLES / "delight-aligned.yaml").read_text(encoding="utf-8")
    assert "strategy: delight\n" in delight
    custom = delight.replace("strategy: delight\n", "strategy: ours.yaml\n")
    (tmp_path / "custom.yaml").write_text(custom, encoding="utf-8")
    assert "shrinkage: 32%" in delight
    shrunk = delight.replace("shrinkage: 32%", "shrinkage: 25%")  # an assumption changed
    (tmp_path / "shrunk.yaml").write_text(shrunk, encoding="utf-8")
    soon = (dt.date.today() + dt.timedelta(days=5)).isoformat()  # a waiver that warns
    (tmp_path / "waivers.yaml").write_text(WAIVER_FILE.replace(EXPIRES, soon), encoding="utf-8")
    runs = {
        "check": [
            (
                str(EXAMPLES / "tiered-misaligned.yaml"),
                "--waivers",
                str(tmp_path / "waivers.yaml"),
                "-f",
                "json",
            ),  # a finding about a waiver file: its `file`
            ("plans/tiered.yaml", "plans/broken.yaml", "-f", "json"),  # waivers, segments
            (str(EXAMPLES / "bank-mix-aligned.yaml"), "-f", "json"),  # a mix
            (str(tmp_path / "intraday.yaml"), "-f", "json"),
            (str(EXAMPLES / "delight-aligned.yaml"), "--strategy", "fast-food", "-f", "json"),
            (str(tmp_path / "custom.yaml"), "-f", "json"),
        ],
        "diff": [
            ("plans/base.yaml", "plans/tiered.yaml", "-f", "json"),  # guardrails, waivers
            (
                str(EXAMPLES / "delight-aligned.yaml"),
                str(EXAMPLES / "delight-misaligned.yaml"),
                "-f",
                "json",
            ),
            (str(EXAMPLES / "delight-aligned.yaml"), str(tmp_path / "shrunk.yaml"), "-f", "json"),
        ],
    }
    return {
        command: [invoke(command, *args, cwd=repo).out for args in arguments]
        for command, arguments in runs.items()
    }


def test_waivers_segments_mixes_and_diffs_validate_and_write_every_described_key(
    invoke: Invoke,
    fixture_repo: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    described: set[str] = set()
    written: set[str] = set()
    for command, outputs in _outputs(invoke, fixture_repo, tmp_path).items():
        schema = _schema(invoke, command)
        described |= {_shared(k) for k in _described(schema)}
        for out in outputs:
            written |= {_shared(k) for k in _keys(_valid(schema, out))}
    # A key described but never written here is untested: a run above should write it.
    assert described - written == set()


def test_the_pinned_json_outputs_validate(invoke: Invoke) -> None:
    """tests/golden/'s JSON (pinned byte for byte by test_formats) validates too."""
    golden = Path(__file__).parent / "golden"
    check, diff = _schema(invoke, "check"), _schema(invoke, "diff")
    for name in ("check.json", "unusable.json", "examples.json"):
        _valid(check, (golden / name).read_text(encoding="utf-8"))
    _valid(diff, (golden / "diff.json").read_text(encoding="utf-8"))


def test_a_deleted_and_a_new_plans_diff_validates(invoke: Invoke, tmp_path: Path) -> None:
    """A deleted plan has no verdict (null, and null by area); a new one has no base."""
    plan = (EXAMPLES / "delight-aligned.yaml").read_text(encoding="utf-8")
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "gone.yaml").write_text(plan, encoding="utf-8")
    git = ["git", "-c", "user.email=ci@example.com", "-c", "user.name=ci"]
    for args in (["init", "-q"], ["add", "."], ["commit", "-qm", "base"]):
        subprocess.run([*git, *args], cwd=tmp_path, check=True)
    schema = _schema(invoke, "diff")

    def diff(name: str) -> dict[str, Any]:
        args = ("diff", "--base-ref", "HEAD", f"plans/{name}.yaml", "-f", "json")
        result = invoke(*args, cwd=tmp_path)
        found: dict[str, Any] = _valid(schema, result.out)["diff"]
        return found

    (tmp_path / "plans" / "gone.yaml").unlink()
    gone = diff("gone")
    assert (gone["status"], gone["verdict"]["after"]) == ("deleted", None)
    assert set(gone["plan"]["areas"].values()) == {None}
    (tmp_path / "plans" / "gone.yaml").write_text(plan, encoding="utf-8")  # not a rename
    (tmp_path / "plans" / "new.yaml").write_text(plan, encoding="utf-8")
    new = diff("new")
    assert (new["status"], new["verdict"]["after"]) == ("new", "aligned")
    # what the schema lets through for a deleted plan it refuses in check's output
    deleted = gone["plan"]
    check = {"version": "1", "plans": [deleted], "errors": []}
    assert not Draft202012Validator(_schema(invoke, "check")).is_valid(check)


def test_a_plan_neither_at_the_base_nor_on_disk_is_said_in_the_json(
    invoke: Invoke, tmp_path: Path
) -> None:
    """`diff --base-ref HEAD nothere.yaml -f json` exited 2 with a line on stderr and wrote
    no JSON, where `diff a.yaml nothere.yaml -f json` writes the errors: a CI step that reads
    the JSON got nothing to read (review user58). Now the error is the plan's, in every
    format."""
    (tmp_path / "a.yaml").write_text(
        (EXAMPLES / "delight-aligned.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    git = ["git", "-c", "user.email=ci@example.com", "-c", "user.name=ci"]
    for args in (["init", "-q"], ["add", "."], ["commit", "-qm", "base"]):
        subprocess.run([*git, *args], cwd=tmp_path, check=True)
    result = invoke("diff", "--base-ref", "HEAD", "nothere.yaml", "-f", "json", cwd=tmp_path)
    assert result.code == 2
    data = _valid(_schema(invoke, "diff"), result.out)
    assert data["plans"] == []
    assert data["errors"] == [
        {
            "file": "nothere.yaml",
            "line": 0,
            "column": 0,
            "message": "exists neither at HEAD nor in the working tree",
            "fix": "check the path",
        }
    ]
    told = invoke("diff", "--base-ref", "HEAD", "nothere.yaml", cwd=tmp_path)
    assert told.code == 2
    assert "nothere.yaml: exists neither at HEAD nor in the working tree — check the path" in (
        told.err
    )


@pytest.mark.parametrize("which", ["base", "plan"])
@pytest.mark.parametrize("how", ["missing", "broken"])
def test_a_diff_of_a_plan_it_cannot_use_validates(
    which: str, how: str, invoke: Invoke, tmp_path: Path
) -> None:
    """A diff whose base or proposal is missing or broken exits 2 and writes check's shape
    (no plan, the errors); `schema diff` had only {version, diff}, so a CI job validating
    diff's output refused the document that said why it stopped (review user58)."""
    plan = (EXAMPLES / "delight-aligned.yaml").read_text(encoding="utf-8")
    (tmp_path / "good.yaml").write_text(plan, encoding="utf-8")
    if how == "broken":
        (tmp_path / "bad.yaml").write_text("version: 1\norganisation: X\n", encoding="utf-8")
    pair = ("bad.yaml", "good.yaml") if which == "base" else ("good.yaml", "bad.yaml")
    result = invoke("diff", *pair, "-f", "json", cwd=tmp_path)
    assert result.code == 2
    data = _valid(_schema(invoke, "diff"), result.out)
    assert data["errors"][0]["file"] == "bad.yaml"
    judged = json.loads(invoke("diff", "good.yaml", "good.yaml", "-f", "json", cwd=tmp_path).out)
    wrong = {**data, "diff": judged["diff"]}  # the two shapes do not mix
    assert not Draft202012Validator(_schema(invoke, "diff")).is_valid(wrong)


# ---- staff -f json --------------------------------------------------------------------------

STAFF = ("--volume", "100/30m", "--aht", "3m", "--target", "80% in 20s", "-f", "json")
STAFF_RUNS = {
    "sized": STAFF,
    # 3 agents on 10 Erlangs: unstable, no wait to give (asa null), over the ceiling
    "given": (*STAFF, "--agents", "3"),
    "erlang-a": (*STAFF, "--patience", "2m", "--abandonment-max", "5%", "--concurrency", "4"),
    "per-day": (*STAFF, "--volume", "2000/day", "--hours", "Mon-Fri 08:00-20:00"),
    "per-month": (*STAFF, "--volume", "9000/month", "--peak-factor", "1.2"),
    "no-ceiling": (*STAFF, "--max-occupancy", "none"),
    "no-contacts": (*STAFF, "--volume", "0/30m"),
    # --kind: the line as check sizes a channel of that kind (agents: people on shift)
    "kind": (*STAFF, "--kind", "email", "--target", "none", "--first-response", "4h"),
    "kind-given": (*STAFF, "--kind", "chat", "--concurrency", "2", "--agents", "4"),
}


def test_every_staff_answer_validates_and_writes_every_described_key(invoke: Invoke) -> None:
    schema = _schema(invoke, "staff")
    written: set[str] = set()
    for name, args in STAFF_RUNS.items():
        result = invoke("staff", *args)
        assert (name, result.code, result.err) == (name, 0, "")
        written |= set(_keys(_valid(schema, result.out)))
    written |= set(_keys(_valid(schema, invoke("staff", *STAFF, "--aht", "3x").out)))
    assert _described(schema) - written == set()


def test_staff_and_fix_write_the_errors_as_json_for_input_they_cannot_use(
    invoke: Invoke, tmp_path: Path
) -> None:
    """`staff -f json` and `fix -f json` wrote nothing to stdout for unusable input, where
    check, promise and whatif write a document with the errors: a CI step piping the output
    to a JSON parser got a parse error instead of the reason (review p-fix51o 2). Stdout is
    one JSON document, stderr says the same as before, the exit code is 2."""
    from cs_align import __version__

    result = invoke("staff", *STAFF, "--aht", "3x")
    assert result.code == 2
    assert result.err == (
        "cs-align: --aht '3x': '3x' is not a duration — write e.g. 20s, 7m30s, 4h, 2d or PT20S\n"
    )
    data = _valid(_schema(invoke, "staff"), result.out)
    assert data == {
        "version": __version__,
        "errors": [
            {
                "file": "cs-align",
                "line": 0,
                "column": 0,
                "message": "--aht '3x': '3x' is not a duration",
                "fix": "write e.g. 20s, 7m30s, 4h, 2d or PT20S",
            }
        ],
    }
    # a queue past the largest sized is refused the same way
    huge = invoke("staff", *STAFF, "--volume", "100000000/1s")
    assert huge.code == 2 and "is a queue of more than" in huge.err
    assert (
        "is a queue of more than"
        in _valid(_schema(invoke, "staff"), huge.out)["errors"][0]["message"]
    )
    # the table still writes nothing to stdout
    assert invoke("staff", *STAFF[:-2], "--aht", "3x").out == ""

    broken = tmp_path / "broken.yaml"
    broken.write_text("version: 1\nchannels: 3\n", encoding="utf-8")
    result = invoke("fix", str(broken), "-f", "json")
    assert result.code == 2 and "broken.yaml:2:" in result.err
    data = _valid(_schema(invoke, "fix"), result.out)
    assert (data["version"], data["plan"], data["changes"]) == (__version__, str(broken), [])
    assert [(e["line"], e["message"]) for e in data["errors"]] == [
        (1, "missing required key 'organisation'"),
        (2, "channels: expected a list"),
    ]
    # the same document as promise writes for the plan
    promised = json.loads(invoke("promise", str(broken), "-f", "json").out)
    assert data["errors"] == promised["errors"]
    # `-o -` writes the fixed plan to stdout for `check -`: never a JSON document there
    piped = invoke("fix", str(broken), "-f", "json", "-o", "-")
    assert (piped.code, piped.out) == (2, "")


def test_a_staff_answer_with_a_key_renamed_fails(invoke: Invoke) -> None:
    data = json.loads(invoke("staff", *STAFF).out)
    data["required"] = data.pop("required_agents")
    assert not Draft202012Validator(_schema(invoke, "staff")).is_valid(data)


# ---- promise -f json ------------------------------------------------------------------------


def test_every_examples_promises_and_an_unusable_plan_validate(
    invoke: Invoke, tmp_path: Path
) -> None:
    """fast-food-misaligned's people line pays for fewer FTE than planned (`people_line`,
    `funded_fte`); novelist-automated has no channel people answer to a target."""
    schema = _schema(invoke, "promise")
    written: set[str] = set()
    for path in EXAMPLE_FILES:
        result = invoke("promise", str(path), "-f", "json")
        written |= set(_keys(_valid(schema, result.out)))
    (tmp_path / "broken.yaml").write_text("version: 1\nchannels: 3\n", encoding="utf-8")
    result = invoke("promise", str(tmp_path / "broken.yaml"), "-f", "json")
    assert result.code == 2
    unusable = _valid(schema, result.out)
    assert unusable["channels"] == [] and unusable["errors"]
    written |= set(_keys(unusable))
    assert _described(schema) - written == set()
    renamed = json.loads(invoke("promise", str(EXAMPLE_FILES[0]), "-f", "json").out)
    renamed["channels"][0]["keeps"] = renamed["channels"][0].pop("keepable")
    assert not Draft202012Validator(schema).is_valid(renamed)


# ---- whatif -f json -------------------------------------------------------------------------


def test_every_examples_stress_test_and_an_unusable_plan_validate(
    invoke: Invoke, tmp_path: Path
) -> None:
    """Every example's default stress test; intraday intervals (`highest_occupancy`); a
    default stress out of range (`left_out`); a grid; and a plan whatif could not use."""
    schema = _schema(invoke, "whatif")
    written: set[str] = set()
    (tmp_path / "intraday.yaml").write_text(
        P29.replace("PEAK", "600").replace("FTE", "12"), encoding="utf-8"
    )
    delight = (EXAMPLES / "delight-aligned.yaml").read_text(encoding="utf-8")
    assert "shrinkage: 32%" in delight
    (tmp_path / "stretched.yaml").write_text(
        delight.replace("shrinkage: 32%", "shrinkage: 97%"), encoding="utf-8"
    )
    runs = [(str(path),) for path in EXAMPLE_FILES] + [
        (str(tmp_path / "intraday.yaml"),),
        (str(tmp_path / "stretched.yaml"),),
        (str(EXAMPLE_FILES[0]), "--vary", "volume=+10%,+20%", "--vary", "aht=+30s", "--grid"),
    ]
    for args in runs:
        result = invoke("whatif", *args, "-f", "json")
        assert result.code in (0, 1), (args, result.err)
        written |= set(_keys(_valid(schema, result.out)))
    (tmp_path / "broken.yaml").write_text("version: 1\nchannels: 3\n", encoding="utf-8")
    result = invoke("whatif", str(tmp_path / "broken.yaml"), "-f", "json")
    assert result.code == 2
    unusable = _valid(schema, result.out)
    assert unusable["scenarios"] == [] and unusable["errors"]
    written |= set(_keys(unusable))
    assert _described(schema) - written == set()


# ---- fix -f json ----------------------------------------------------------------------------


def test_every_examples_fix_validates(invoke: Invoke, tmp_path: Path) -> None:
    """Every example's fix, with and without --keep-budget; and a plan whose waiver file (a
    config names it) has a waiver about to expire, which fix leaves to a person (`file`)."""
    schema = _schema(invoke, "fix")
    written: set[str] = set()
    soon = (dt.date.today() + dt.timedelta(days=5)).isoformat()
    files = {
        ".cs-align.yaml": "waivers: [waivers.yaml]\n",
        # agents-on-channels: a finding fix leaves to a person, so its waiver stays in use
        "waivers.yaml": WAIVER_FILE.replace(EXPIRES, soon)
        .replace("best-tier-served-better", "agents-on-channels")
        .replace("path: segments", "path: staffing.agents"),
        "plan.yaml": (EXAMPLES / "tiered-misaligned.yaml").read_text(encoding="utf-8"),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    runs = [(str(p),) for p in EXAMPLE_FILES] + [(str(p), "--keep-budget") for p in EXAMPLE_FILES]
    outputs = [invoke("fix", *args, "-f", "json").out for args in runs]
    outputs.append(invoke("fix", "plan.yaml", "-f", "json", cwd=tmp_path).out)
    (tmp_path / "broken.yaml").write_text("version: 1\nchannels: 3\n", encoding="utf-8")
    outputs.append(invoke("fix", str(tmp_path / "broken.yaml"), "-f", "json").out)
    for out in outputs:
        written |= set(_keys(_valid(schema, out)))
    assert _described(schema) - written == set()
    fixed = json.loads(outputs[-2])
    assert any(d.get("file") == "waivers.yaml" for d in fixed["decisions"])


# ---- what every JSON output carries ---------------------------------------------------------


def test_staff_fix_and_promise_json_say_which_version_wrote_them(invoke: Invoke) -> None:
    """check, diff and whatif wrote `version`; staff, fix and promise did not, so a CI job
    reading them could not tell which cs-align's figures it held (review p-fix51o 1)."""
    from cs_align import __version__

    plan = str(EXAMPLES / "delight-aligned.yaml")
    runs = {
        "staff": ("staff", *STAFF),
        "fix": ("fix", plan, "-f", "json"),
        "promise": ("promise", plan, "-f", "json"),
        "whatif": ("whatif", plan, "-f", "json"),
        "check": ("check", plan, "-f", "json"),
    }
    for name, args in runs.items():
        result = invoke(*args)
        data = _valid(_schema(invoke, name), result.out)
        assert (name, data["version"]) == (name, __version__)
        assert next(iter(data)) == "version"  # first, as check writes it
        del data["version"]
        assert not Draft202012Validator(_schema(invoke, name)).is_valid(data)


# ---- metrics and strategies list -f json ----------------------------------------------------


def test_metrics_and_strategies_list_json_have_schemas(invoke: Invoke) -> None:
    """`cs-align schema metrics` and `cs-align schema strategies` were refused ("unknown
    schema"), so a tool reading `metrics -f json` or `strategies list -f json` had nothing to
    validate against (review p-fix51o 3). Each output validates, writes every key described,
    and a renamed key or an unknown scope fails."""
    for name, args in {"metrics": ("metrics",), "strategies": ("strategies", "list")}.items():
        schema = _schema(invoke, name)
        result = invoke(*args, "-f", "json")
        assert result.code == 0
        data = _valid(schema, result.out)
        assert len(data) > 5
        assert _described(schema) - set(_keys(data)) == set()
        first = dict(data[0])
        first["title"] = first.pop("name")
        assert not Draft202012Validator(schema).is_valid([first])
    metrics = json.loads(invoke("metrics", "-f", "json").out)
    assert {m["scope"] for m in metrics} == {"plan", "channel"}
    metrics[0]["scope"] = "team"
    assert not Draft202012Validator(_schema(invoke, "metrics")).is_valid(metrics)
    strategies = json.loads(invoke("strategies", "list", "-f", "json").out)
    assert [s["extends"] for s in strategies if s["id"] == "universal"] == [None]


def test_a_channels_model_spread_and_binding_are_enums_from_the_code(invoke: Invoke) -> None:
    """check's `model`, `spread` and `binding_constraint` were any string: a tool switching
    on them could not know the values (review p-fix51o 3). They are enums of one list each
    in the code (sizing.MODELS, SPREADS, BINDINGS), which the sizing's types are held to."""
    from cs_align.sizing import BINDINGS, MODELS, SPREADS

    check = _schema(invoke, "check")
    channel = check["$defs"]["channel"]["properties"]
    assert channel["model"]["enum"] == list(MODELS)
    assert channel["spread"]["enum"] == list(SPREADS)
    assert channel["binding_constraint"]["enum"] == list(BINDINGS)
    assert "erlang-a" in MODELS and "intervals" in SPREADS and "occupancy" in BINDINGS
    staff = _schema(invoke, "staff")["anyOf"][0]["properties"]
    assert staff["binding_constraint"]["enum"] == [*BINDINGS, "given"]
    out = json.loads(invoke("check", str(EXAMPLES / "delight-aligned.yaml"), "-f", "json").out)
    out["plans"][0]["metrics"]["channels"][0]["model"] = "erlang-x"
    assert not Draft202012Validator(check).is_valid(out)
    # every example's channels stay within the lists (the examples cover most values)
    seen: dict[str, set[str]] = {"model": set(), "spread": set(), "binding_constraint": set()}
    for path in EXAMPLE_FILES:
        data = json.loads(invoke("check", str(path), "-f", "json").out)
        for plan in data["plans"]:
            for ch in plan.get("metrics", {}).get("channels", []):
                for key, values in seen.items():
                    values.add(ch[key])
    assert seen["model"] <= set(MODELS) and len(seen["model"]) >= 4
    assert seen["spread"] <= set(SPREADS)
    assert seen["binding_constraint"] <= set(BINDINGS)


def test_strategies_show_json_has_a_schema_held_to_each_rules_options(invoke: Invoke) -> None:
    """`strategies show ID -f json` had no schema (`cs-align schema strategy` was "unknown
    schema"), so a tool reading a strategy's rules could not validate them. Every built-in
    strategy's output validates; an entry's options are its own rule's (a threshold given to the
    wrong rule, or written as a float where the rule writes an exact decimal, fails), and an
    entry citing both a source and a house default fails."""
    schema = _schema(invoke, "strategy")
    ids = [s["id"] for s in json.loads(invoke("strategies", "list", "-f", "json").out)]
    assert len(ids) == 11
    for strategy_id in ids:
        _valid(schema, invoke("strategies", "show", strategy_id, "-f", "json").out)
    delight = json.loads(invoke("strategies", "show", "delight", "-f", "json").out)
    assert {"id", "rules", "exemplars", "promise"} <= set(delight)
    refund = next(r for r in delight["rules"] if r["rule"] == "reps-can-fix")
    assert refund["min_refund_authority"] == "50"  # a decimal as a string, exact
    validator = Draft202012Validator(schema)
    for wrong in (
        {"rule": "goodwill-budget", "severity": "warning", "min_refund_authority": "50"},
        {"rule": "reps-can-fix", "severity": "error", "min_refund_authority": 50.0},
        {"rule": "reps-can-fix", "severity": "fatal"},
        {"rule": "no-scripts", "severity": "error", "source": "002", "house_default": "ours"},
    ):
        assert not validator.is_valid({**delight, "rules": [wrong]}), wrong


def test_show_config_json_has_a_schema(invoke: Invoke, tmp_path: Path) -> None:
    """`check --show-config -f json` (and diff's) validates against `cs-align schema config`,
    with a config file in force and without; a renamed key fails."""
    schema = _schema(invoke, "config")
    (tmp_path / ".cs-align.yaml").write_text(
        "fail_on: warning\nguardrails:\n  max_budget_increase: 5%\n"
    )
    for command in ("check", "diff"):
        for cwd in (tmp_path, ROOT):
            result = invoke(command, "--show-config", "-f", "json", cwd=cwd)
            assert result.code == 0, result.err
            data = _valid(schema, result.out)
            assert set(data["settings"]) >= {"fail_on", "format", "max_budget_increase"}
    data = json.loads(invoke("check", "--show-config", "-f", "json", cwd=tmp_path).out)
    assert data["config"] == ".cs-align.yaml"
    data["settings"]["fail_on"]["from"] = data["settings"]["fail_on"].pop("source")
    assert not Draft202012Validator(schema).is_valid(data)


@pytest.mark.parametrize(("currency", "minor"), [("USD", ".00"), ("JPY", ""), ("KWD", ".000")])
def test_check_and_fix_json_say_the_currency_of_their_amounts(
    invoke: Invoke, tmp_path: Path, currency: str, minor: str
) -> None:
    # Review user59: check -f json gave cost_per_contact "11.1612" and fix -f json each
    # change's cost with no currency anywhere (promise, whatif and diff say it), so a tool
    # reading a folder of USD, EUR and JPY plans could not tell them apart; and fix wrote a
    # change within the staff as "0" beside "-353400.00".
    text = (EXAMPLES / "delight-underfunded-misaligned.yaml").read_text(encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(
        re.sub(r"(?m)^currency: \w+", f"currency: {currency}", text), encoding="utf-8"
    )
    check = invoke("check", "plan.yaml", "-f", "json", cwd=tmp_path)
    report = _valid(_schema(invoke, "check"), check.out)["plans"][0]
    assert report["currency"] == currency
    fixed = invoke("fix", "plan.yaml", "--keep-budget", "-f", "json", cwd=tmp_path)
    data = _valid(_schema(invoke, "fix"), fixed.out)
    assert data["currency"] == currency
    costs = [c["cost"] for c in data["changes"] if c["cost"] is not None]
    assert costs and all(re.fullmatch(rf"-?[0-9]+{re.escape(minor)}", c) for c in costs), costs
