"""Review reattack59: the gate's new code (attack59, input59) attacked again."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.conftest import invoke
from tests.security.conftest import ALIGNED, Repo, cli, on_main

__all__ = ["cli", "invoke"]


def _said(out: str) -> str:
    findings = json.loads(out)["plans"][0]["findings"]
    return next((f["message"] for f in findings if f["rule"] == "policy-changed"), "")


def test_an_empty_strategy_variable_does_not_drop_main_s_strategy(repo: Repo, cli: object) -> None:
    """main's config judges every plan by fast-food, which the delight plan breaks (exit 1).
    CS_ALIGN_STRATEGY= (a workflow's `${{ vars.X }}` left unset, or written so) was read as
    no strategy given, the plan's own delight judged it, exit 0, and nothing was said: the
    comparison with the trusted policy took the empty value for one that names nothing."""
    on_main(repo, {".cs-align.yaml": "strategy: fast-food\n"})
    repo.write("plans/acme.yaml", ALIGNED + "# an edit\n")
    repo.commit("an edit")
    env = {"CS_ALIGN_STRATEGY": ""}
    checked = cli("check", "plans/", "--policy-ref", "main", "-f", "json", env=env)  # type: ignore[operator]
    assert checked.code == 1, checked.out
    plan = json.loads(checked.out)["plans"][0]
    assert plan["verdict"] == "misaligned", plan["verdict"]
    assert 'CS_ALIGN_STRATEGY="" in the environment overrides strategy: fast-food' in (
        _said(checked.out)
    )
    diffed = cli("diff", "--base-ref", "main", "plans/acme.yaml", env=env)  # type: ignore[operator]
    assert diffed.code == 1, diffed.out
    assert 'CS_ALIGN_STRATEGY="" in the environment overrides strategy: fast-food' in diffed.out
    # With no strategy in main's config an empty variable changes nothing: nothing said.
    on_main(repo, {".cs-align.yaml": "fail_on: error\n"})
    plain = cli("check", "plans/", "--policy-ref", "main", "-f", "json", env=env)  # type: ignore[operator]
    assert plain.code == 0 and _said(plain.out) == "", plain.out


GROWN = ALIGNED.replace("total: 1540241", "total: 2540241").replace(
    "tooling: 82800", "tooling: 1082800"
)  # +65%


@pytest.mark.parametrize("how", ["link", "large"])
def test_a_plan_main_holds_whole_but_cannot_read_is_said_without_a_line(
    repo: Repo, cli: object, how: str
) -> None:
    """A plan main cannot read as a whole (a symbolic link, a file past 5 MB) is judged as
    new, said (071ca20), but with the line of a problem that has none: 'plans/acme.yaml at
    main cannot be read (is a symbolic link, not a file at line 0)'."""
    repo.git("checkout", "-q", "main")
    if how == "link":
        repo.write("other/acme.yaml", ALIGNED)
        (repo.root / "plans" / "acme.yaml").unlink()
        (repo.root / "plans" / "acme.yaml").symlink_to("../other/acme.yaml")
    else:
        repo.write("plans/acme.yaml", ALIGNED + ("# " + "x" * 998 + "\n") * 5300)
    repo.commit("at main")
    repo.git("checkout", "-q", "pr")
    repo.git("merge", "-q", "main")
    (repo.root / "plans" / "acme.yaml").unlink()
    repo.write("plans/acme.yaml", GROWN)
    repo.commit("a plain file, and a million more")
    checked = cli("check", "plans/", "--policy-ref", "main", "-f", "json")  # type: ignore[operator]
    assert checked.code == 1, checked.out
    said = _said(checked.out)
    why = "is a symbolic link, not a file" if how == "link" else "is larger than 5 MB"
    assert f"plans/acme.yaml at main cannot be read ({why}): the change is judged" in said, said
    assert "line 0" not in said


@pytest.mark.parametrize(
    ("setting", "said"),
    [
        # Read through a binary float: 1540241.125 (the 0.000000000001 dropped), where
        # .cs-align.yaml keeps the figure as written.
        ("max_total = 1540241.125000000001", "1540241.125000000001 (block)"),
        # Shown as 1.2345678901234568e+16, a figure no one wrote.
        (
            "max_total = 12345678901234567.5",
            "policy/cfg.toml:2:13: guardrails.max_total: 12345678901234567.5 is an absurd amount",
        ),
        # 47 digits: a float of 17, judged; YAML refuses the figure at its place.
        (
            "max_total = 1.0000000000000000000000000000000000000000000001",
            "policy/cfg.toml:2:13: guardrails.max_total: a 47-digit number is out of range — "
            "write a realistic "
            "figure (at most 40 digits)",
        ),
        (
            "max_total = 1e400",
            "policy/cfg.toml:2:13: guardrails.max_total: `1e400` is out of range",
        ),
    ],
    ids=["digits", "shown", "too-many-digits", "exponent"],
)
def test_a_toml_config_s_number_is_the_figure_written_as_yaml_s_is(
    repo: Repo, cli: object, setting: str, said: str
) -> None:
    """pyproject.toml or a --config .toml read a number with a point as a binary float, so
    a guardrail amount lost its digits past the 17th and a message showed it in exponent
    form; `.cs-align.yaml` reads the same figure exactly (money is never a float)."""
    repo.write("policy/cfg.toml", f"[tool.cs-align.guardrails]\n{setting}\n")
    shown = cli("check", "--show-config", "--config", "policy/cfg.toml", "-f", "json")  # type: ignore[operator]
    if shown.code == 0:
        assert json.loads(shown.out)["settings"]["max_total"]["value"] == said, shown.out
    else:
        assert shown.code == 2 and said in shown.err, shown.err
        assert "e+" not in shown.err and "Traceback" not in shown.err, shown.err


MANIFESTS = {
    # Kubernetes-style files with `apiVersion:` and a key a plan also has (a slip's reading
    # took apiVersion for version, and one plan key beside version makes a plan).
    "rollout.yaml": "apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nstrategy: {canary: {}}\n",
    "notify.yaml": "apiVersion: example.io/v1\nkind: Notifier\nchannel: '#alerts'\n",
    "chart.yaml": "apiVersion: v2\nappVersion: 1.2.0\nname: x\nbudget: {}\n",
}


def test_plans_only_reads_no_api_version_as_a_plan_s_version(
    invoke: object, tmp_path: Path
) -> None:
    """a1093cc reads a plan key with a slip of a letter or two (`verson:`, `chanels:`) as
    the key, by difflib's likeness: `apiVersion` (and `appVersion`) read as `version` too,
    three letters more, so the pre-commit hook judged these as plans, exit 2."""
    names = []
    for name, text in MANIFESTS.items():
        (tmp_path / name).write_text(text)
        names.append(str(tmp_path / name))
    for name in names:
        assert invoke("check", "--plans-only", name).code == 0, name  # type: ignore[operator]
    # A slip of a letter or two is still a plan's key, and the plan still refused.
    slip = tmp_path / "slip.yaml"
    slip.write_text("verson: 1\norganisation: X\nchanels: nope\n")
    assert invoke("check", "--plans-only", str(slip)).code == 2  # type: ignore[operator]


def test_a_pyproject_key_written_with_a_dash_is_the_same_setting(repo: Repo, cli: object) -> None:
    """`fail-on` and `fail_on` are one setting in [tool.cs-align] (the config's reader reads
    `-` as `_`), but the policy's comparison read the keys as written: rewriting main's
    `fail_on = "warning"` as `fail-on = "warning"` was said 'pyproject.toml changed (fail_on:
    warning → (unset); fail-on: (unset) → warning)', main's level shown as dropped."""
    repo.git("checkout", "-q", "main")
    repo.git("rm", "-q", ".cs-align.yaml")
    repo.write("pyproject.toml", '[tool.cs-align]\nfail_on = "warning"\n')
    repo.commit("the settings in pyproject.toml")
    repo.git("checkout", "-q", "pr")
    repo.git("merge", "-q", "main")
    repo.write("pyproject.toml", '[tool.cs-align]\nfail-on = "warning"\n')
    repo.commit("the same setting, with a dash")
    same = cli("check", "plans/", "--policy-ref", "main", "-f", "json")  # type: ignore[operator]
    assert same.code == 0 and _said(same.out) == "", _said(same.out)
    repo.write("pyproject.toml", '[tool.cs-align]\nfail-on = "error"\n')
    repo.commit("a looser level, with a dash")
    looser = cli("check", "plans/", "--policy-ref", "main", "-f", "json")  # type: ignore[operator]
    assert looser.code == 1, looser.out
    assert "pyproject.toml changed (fail_on: warning → error)" in _said(looser.out)


@pytest.mark.parametrize(
    ("rate", "said"),
    [
        ("-1", "-1 is below 0.000001, the smallest exchange rate — write a number from 0.000001"),
        ("1000000000.1", "the largest exchange rate — write a number from 0.000001 to 1000000000"),
    ],
)
def test_an_exchange_rate_out_of_range_is_told_the_range_taken(
    repo: Repo, cli: object, rate: str, said: str
) -> None:
    """input59 refuses a rate under 0.000001 (units.MIN_RATE), but a rate out of the range
    was still told 'write a number from 0 to 1000000000': 0 and 0.0000001 are refused next."""
    plan = ALIGNED.replace("currency: USD", f"currency: JPY\nexchange_rates: {{USD: {rate}}}")
    repo.write("plans/acme.yaml", plan)
    result = cli("check", "plans/acme.yaml")  # type: ignore[operator]
    assert result.code == 2 and said in result.err, result.err
    assert "from 0 to" not in result.err


def test_what_a_waiver_quotes_is_shown_at_most_the_bound_long(repo: Repo, cli: object) -> None:
    """fb730c0 bounds every problem and every rule's finding, but not what the waivers add:
    a waiver at a 600 KB path matching nothing put its path whole in the table's note, in
    JSON's unmatched_waivers and in the report (600 KB each); a waiver's owner in the waived
    finding's justification the same. Since 64f0c4a the waiver's fields are bounded where
    written (a path 500 characters, an owner 200): those are refused at their line, and a
    path at its bound is cut in what the output quotes."""
    expires = (dt.date.today() + dt.timedelta(days=90)).isoformat()

    def waived(long_path: str, long_owner: str) -> None:
        waivers = (
            "waivers:\n"
            f"  - {{rule: staffing-meets-targets, path: {json.dumps(long_path)}, "
            f"reason: the team agreed this staffing, owner: ops-team, expires: {expires}}}\n"
            f"  - {{rule: occupancy-cap, reason: the team agreed this ceiling, "
            f"owner: {json.dumps(long_owner)}, expires: {expires}}}\n"
        )
        plan = ALIGNED.replace("max_occupancy: 85%", "max_occupancy: 50%") + waivers
        repo.write("plans/acme.yaml", plan)

    waived("channels[p" + "h" * 100_000 + "]", "ops-" + "x" * 100_000)
    refused = cli("check", "plans/acme.yaml")  # type: ignore[operator]
    assert refused.code == 2 and len(refused.err) < 2_000, len(refused.err)
    assert "at most 500 characters" in refused.err and "at most 200 characters" in refused.err
    waived("channels[p" + "h" * 489 + "]", "ops-" + "x" * 196)
    table = cli("check", "plans/acme.yaml")  # type: ignore[operator]
    assert table.code == 0 and len(table.out) < 20_000, len(table.out)
    assert "matches no finding" in table.out and "h…" in table.out
    shown = cli("check", "plans/acme.yaml", "-f", "json")  # type: ignore[operator]
    data = json.loads(shown.out)["plans"][0]
    assert len(shown.out) < 20_000, len(shown.out)
    (note,) = data["unmatched_waivers"]
    assert len(note) < 400 and "matches no finding" in note, note
    owners = [f["waived"]["owner"] for f in data["findings"] if f.get("waived")]
    assert owners and all(o == "ops-" + "x" * 196 for o in owners), owners
    report = cli("report", "plans/acme.yaml", "-f", "md", "-o", "-")  # type: ignore[operator]
    assert len(report.out) < 40_000, len(report.out)
