"""`cs-align fix` as a user runs it: the diff, the files it writes, formats and exit codes."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES, GOOD, Invoke

FEDEX = (EXAMPLES / "delight-fedex-misaligned.yaml").read_text()
SQUEAKY = (EXAMPLES / "squeaky-wheel-misaligned.yaml").read_text()


def test_default_prints_a_unified_diff_and_the_change_table(repo, cli) -> None:
    repo.write("plans/fedex.yaml", FEDEX)
    result = cli("fix", "plans/fedex.yaml")
    assert result.code == 0  # the fixed plan has no error left
    head = result.out.splitlines()
    assert head[:2] == ["--- plans/fedex.yaml", "+++ plans/fedex.yaml"]
    assert "-    agents: 4\n+    agents: 13.8\n" in result.out
    row = next(line for line in head if line.strip().startswith("channels[phone].agents"))
    assert row.split()[:3] == ["channels[phone].agents", "4", "13.8"]
    assert "within staffing.agents" in row  # 12.2 unassigned FTE pay for it
    assert "verdict misaligned → at-risk" in result.out  # 2.4 FTE still on no channel
    assert "left to a person (1):\n  warning agents-on-channels staffing.agents: 2.4" in result.out
    assert (repo.root / "plans/fedex.yaml").read_text() == FEDEX  # nothing written


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs patch(1)")
def test_the_diff_applies_with_patch(repo, cli) -> None:
    repo.write("plans/fedex.yaml", FEDEX)
    diff = cli("fix", "plans/fedex.yaml", "--format", "diff").out
    subprocess.run(["patch", "-p0", "-s"], input=diff, text=True, cwd=repo.root, check=True)
    assert cli("check", "plans/fedex.yaml").code == 0


def test_output_and_in_place_write_the_fixed_plan(repo, cli) -> None:
    plan = repo.write("plans/fedex.yaml", FEDEX)
    result = cli("fix", "plans/fedex.yaml", "-o", "plans/fixed.yaml")
    assert result.code == 0 and "wrote plans/fixed.yaml" in result.out
    assert "---" not in result.out  # the table, not the diff
    fixed = (repo.root / "plans/fixed.yaml").read_text()
    assert "agents: 13.8" in fixed and plan.read_text() == FEDEX
    assert cli("fix", "plans/fedex.yaml", "--in-place").code == 0
    assert plan.read_text() == fixed
    again = cli("fix", "plans/fedex.yaml")
    assert again.code == 0 and again.out.startswith(
        "nothing fix can change: plans/fedex.yaml stays at-risk\nleft to a person (1):\n"
        "  warning agents-on-channels staffing.agents: 2.4 of the 20.7 FTE"
    )


def test_in_place_keeps_windows_line_endings(repo, cli) -> None:
    plan = repo.root / "plans/crlf.yaml"
    plan.write_bytes(FEDEX.replace("\n", "\r\n").encode())
    assert cli("fix", "plans/crlf.yaml", "--in-place").code == 0
    raw = plan.read_bytes()
    assert b"agents: 13.8\r\n" in raw and raw.count(b"\r\n") == FEDEX.count("\n")


def test_output_refuses_symlinks_and_the_input(repo, cli) -> None:
    repo.write("plans/fedex.yaml", FEDEX)
    (repo.root / "link.yaml").symlink_to(repo.victim())
    assert cli("fix", "plans/fedex.yaml", "-o", "link.yaml").code == 2
    assert repo.victim().read_text() == "the victim's data\n"
    assert cli("fix", "plans/fedex.yaml", "-o", "plans/fedex.yaml").code == 2
    assert cli("fix", "plans/fedex.yaml", "--in-place", "-o", "x.yaml").code == 2


def test_decisions_left_to_a_person_exit_1(repo, cli) -> None:
    repo.write("plans/squeaky.yaml", SQUEAKY)
    result = cli("fix", "plans/squeaky.yaml")
    assert result.code == 1
    assert "left to a person (2):" in result.out
    assert "public-channel" in result.out and "decide: decide whether to open" in result.out
    assert cli("fix", "plans/squeaky.yaml", "--fail-on", "error").code == 1


def test_json_lists_changes_with_costs_and_decisions(repo, cli) -> None:
    repo.write("plans/fast.yaml", (EXAMPLES / "fast-food-misaligned.yaml").read_text())
    data = json.loads(cli("fix", "plans/fast.yaml", "-f", "json").out)
    assert data["verdict"] == {"before": "misaligned", "after": "aligned"}
    by_path = {c["path"]: c for c in data["changes"]}
    people = by_path["budget.lines.people"]
    # 17.7 FTE × 62,000 = 1,097,400 for the year: 186,000 less than the 1,283,400 line.
    assert (people["after"], people["cost"], people["cost_period"]) == (
        "1097400",
        "-186000.00",
        "for the period",
    )
    assert by_path["staffing.agents"]["answers"] == ["no-overspend"]
    assert data["decisions"] == [] and data["diff"].startswith("--- plans/fast.yaml")


def test_an_aligned_plan_is_left_alone(repo, cli) -> None:
    result = cli("fix", "plans/acme.yaml", "--in-place")
    assert result.code == 0 and "nothing to change" in result.out
    assert (repo.root / "plans/acme.yaml").read_text() == GOOD


def test_an_aliased_value_is_not_edited_behind_its_alias(repo, cli) -> None:
    text = FEDEX.replace("    agents: 4\n", "    agents: &few 4\n").replace(
        "    agents: 4.5\n", "    agents: *few\n"
    )
    repo.write("plans/alias.yaml", text)
    result = cli("fix", "plans/alias.yaml")
    assert result.code == 2 and "YAML alias" in result.err
    assert "plans/alias.yaml:19:13:" in result.err  # the anchored value


def test_unusable_input_exits_2(repo, cli, tmp_path: Path) -> None:
    assert cli("fix", "plans/nope.yaml").code == 2
    repo.write("plans/bad.yaml", "version: 1\norganisation: X\n")
    assert cli("fix", "plans/bad.yaml").code == 2
    assert cli("fix", "plans/acme.yaml", "-f", "sarif").code == 2


def test_in_place_keeps_a_byte_order_mark(repo, cli) -> None:
    plan = repo.root / "plans/bom.yaml"
    plan.write_bytes(b"\xef\xbb\xbf" + FEDEX.encode())
    assert cli("fix", "plans/bom.yaml", "--in-place").code == 0
    raw = plan.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf# yaml-language-server") and b"agents: 13.8\n" in raw


def _waivers(*rules: str) -> str:
    """Plan waivers of ``rules`` (staffing-meets-targets at the phone's target, the others
    anywhere), expiring in 60 days."""
    soon = dt.date.today() + dt.timedelta(days=60)
    paths = {"staffing-meets-targets": "channels[phone].target"}
    return "waivers:\n" + "".join(
        f"  - {{rule: {rule}, path: '{paths.get(rule, '**')}', reason: phone staff grow with "
        f"the Q3 hiring wave, owner: ops-lead, expires: {soon}}}\n"
        for rule in rules
    )


def test_a_waived_shortfall_is_left_as_the_waiver_accepts_it(repo, cli) -> None:
    waiver = _waivers("staffing-meets-targets", "abandonment-max", "occupancy-cap")
    repo.write(
        "plans/waived.yaml", FEDEX.replace("uses_scripts: false", "uses_scripts: true") + waiver
    )
    result = cli("fix", "plans/waived.yaml", "-f", "json")
    paths = [c["path"] for c in json.loads(result.out)["changes"]]
    assert paths == ["staffing.uses_scripts"]


def test_waived_targets_leave_the_ceiling_alone_to_size_for(repo, cli) -> None:
    # Review user24 N2: the phone's targets waived, its occupancy ceiling not: fix raised the
    # phone to 13.8 FTE (+607,600 USD a year) for the targets a person had accepted. The
    # ceiling alone needs 4.4: at 4.3 the phone would be 85.03% occupied (over 85%).
    waiver = _waivers("staffing-meets-targets", "abandonment-max")
    lean = FEDEX.replace("  agents: 20.7 ", "  agents: 8.5 ")
    assert lean != FEDEX
    repo.write("plans/waived.yaml", lean + waiver)
    result = cli("fix", "plans/waived.yaml", "-o", "plans/fixed.yaml")
    assert "channels[phone].agents  4     4.4" in result.out, result.out
    # The 0.4 come from the email team, which keeps its target with 4.1 (review calc31 F3:
    # staff to spare are moved before any are bought): the total stays 8.5.
    assert "channels[email].agents  4.5   4.1" in result.out, result.out
    assert "staff moved to phone" in result.out and "staff 8.5 →" not in result.out
    assert cli("check", "plans/fixed.yaml").code == 0
    short = (repo.root / "plans/fixed.yaml").read_text().replace("agents: 4.4", "agents: 4.3")
    repo.write("plans/short.yaml", short)
    assert "85.03% occupied" in cli("check", "plans/short.yaml").out


def test_output_is_written_even_when_nothing_changes(repo, cli) -> None:
    # A pipeline that runs `fix -o fixed.yaml` then `check fixed.yaml` must find the file.
    aligned = (EXAMPLES / "delight-aligned.yaml").read_text()
    repo.write("plans/ok.yaml", aligned)
    result = cli("fix", "plans/ok.yaml", "-o", "plans/fixed.yaml")
    assert result.code == 0
    assert result.out == "nothing to change: plans/ok.yaml is aligned\nwrote plans/fixed.yaml\n"
    assert (repo.root / "plans/fixed.yaml").read_text() == aligned
    assert cli("check", "plans/fixed.yaml").code == 0


def test_in_place_keeps_the_files_mode(repo, cli) -> None:  # type: ignore[no-untyped-def]
    # Review user17 U16: a plan kept private to a group (0640) became world-readable (0644,
    # from the umask) after `fix --in-place`; editors and `sed -i` keep the mode.
    plan = repo.root / "plans/private.yaml"
    plan.write_text(FEDEX)
    plan.chmod(0o640)
    assert cli("fix", "plans/private.yaml", "--in-place").code == 0
    assert "agents: 13.8" in plan.read_text() and plan.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    kind: voice\n", "    kind:\tvoice\n"),
        ("    agents: 4\n", "    agents:\t4\n"),
        ("    agents: 4\n", "    agents: 4\t# four\n"),
        ("currency: USD\n", "currency: USD\t\n"),
        ("channels:\n", "channels:\t\n"),
        ("  - id: phone\n", "  - id:\tphone\n"),
    ],
)
def test_a_tab_between_tokens_is_fixed_like_a_space(plan_file, invoke, old: str, new: str) -> None:
    # Review user19 U1: `check` reads a tab after a colon or before a comment (as YAML
    # allows), and `fix` failed on it with an internal error (ruamel's scanner refuses it).
    assert old in FEDEX
    text = FEDEX.replace(old, new, 1)
    plan = plan_file(text)
    assert invoke("check", str(plan)).code == 1
    result = invoke("fix", str(plan), "-o", "-")
    assert result.code == 0, result.err
    assert result.out.count("\t") == text.count("\t")  # the tabs stay where they were

    def spaced(text: str) -> list[str]:
        return [" ".join(line.replace("\t", " ").split()) for line in text.splitlines()]

    same = FEDEX.replace(old, new.replace("\t", " "), 1)
    fixed = invoke("fix", str(plan_file(same, "spaced.yaml")), "-o", "-").out
    assert spaced(result.out) == spaced(fixed)  # the same edits as with a space


def test_the_diff_has_the_files_own_tabs_and_line_ends(invoke: Invoke, tmp_path: Path) -> None:
    """Review input31 F17: `fix -f diff` showed a tab as `\\x09` and dropped a CRLF file's
    `\\r`, so the README's `patch -p0` failed every hunk that held one. The removed lines
    are the file's own bytes; a hunk patch can match."""
    fedex = (EXAMPLES / "delight-fedex-misaligned.yaml").read_text(encoding="utf-8")
    tabbed = tmp_path / "tab.yaml"
    tabbed.write_text(fedex.replace("    agents: 4\n", "    agents: 4\t# tab\n", 1))
    out = invoke("fix", str(tabbed), "-f", "diff").out
    assert "\n-    agents: 4\t# tab\n+    agents: 13.8\t# tab\n" in out
    crlf = tmp_path / "crlf.yaml"
    crlf.write_bytes(fedex.replace("\n", "\r\n").encode())
    out = invoke("fix", "crlf.yaml", "-f", "diff", cwd=tmp_path).out
    removed = [line for line in out.split("\n") if line.startswith("-    ")]
    assert removed == ["-    agents: 4\r"], removed
    assert all(
        line.endswith("\r")
        for line in out.split("\n")
        if line[:1] in " +-" and not line.startswith(("---", "+++")) and line
    )
    if shutil.which("patch"):
        (tmp_path / "fix.patch").write_text(out, newline="")
        done = subprocess.run(
            ["patch", "-p0", "-i", "fix.patch"], cwd=tmp_path, capture_output=True, check=False
        )
        assert done.returncode == 0, done.stdout
        assert invoke("check", str(crlf)).code == 0


def test_a_fix_past_what_a_plan_may_state_is_left_to_a_person(
    invoke: Invoke, tmp_path: Path
) -> None:
    # Review input31 F08: a 9,999,999,999,999 USD budget (under the 10 trillion a plan may
    # state) whose goodwill fix raises to 1% would total 10,101,010,074,745.46: fix exited 2
    # with "budget.total: … is an absurd amount — check the number of digits" at the user's
    # line 48, which says 9999999999999. The total is not written; exit 1, a person decides.
    plan = tmp_path / "big.yaml"
    plan.write_text(
        GOOD.replace("total: 1540241", "total: 9999999999999").replace(
            "people: 1283400", "people: 9999999742158"
        )
    )
    assert invoke("check", str(plan)).code == 1
    result = invoke("fix", str(plan))
    assert result.code == 1, result.err
    assert "absurd" not in result.err + result.out
    assert "left to a person" in result.out


P09 = """version: 1
organisation: P09 Co
currency: GBP
period: {start: 2027-01-01, end: 2027-06-30}
strategy: fast-food
promise: "We answer."
channels:
  - id: phone
    kind: voice
    hours: Mon-Fri 08:00-20:00
    volume: {contacts: 6000, per: month}
    peak_factor: 1.3
    handle_time: 5m
    target: {service_level: "80% in 30s", abandonment_max: 6%}
    patience: 2m
    agents: 14.1
  - id: chat
    kind: chat
    hours: 24x7
    volume: {contacts: 300, per: day}
    handle_time: 9m
    concurrency: 2
    target: {service_level: "80% in 45s"}
    agents: 12.4
  - id: email
    kind: email
    hours: Mon-Fri 09:00-17:00
    volume: {contacts: 1500, per: week}
    handle_time: 7m
    target: {resolution: 2 business days}
    agents: 6.6
staffing:
  agents: 33.1
  shrinkage: 33%
  max_occupancy: 85%
  paid_hours_per_fte: 37.5/week
  loaded_cost_per_fte: 52000
  training_hours_per_agent: 40
  uses_scripts: true
  rewarded_on: [handle_time, csat]
  refund_authority: 20
  escalation_to_engineering: true
  leadership_service_hours_per_month: 0
  annual_attrition: 20%
  product_people_in_conversation: false
budget:
  total: 860600
  lines: {people: 860600}
exchange_rates: {USD: 0.8}  # fast food's refund ceiling, 25 USD, is 20 GBP
"""


def test_staff_to_spare_are_moved_before_any_are_bought(repo, cli) -> None:  # type: ignore[no-untyped-def]
    """Review calc31 F3: chat needs 12.6 FTE (12.4 planned) and email 8.2 (6.6 planned), 1.8
    more; the phone line keeps its targets with 11.1 of its 14.1 (the reviewer's mpmath:
    5.79% hang up against 6% at 11.1, 6.03% at 11.0). `fix` bought the 1.8 (staffing.agents
    33.1 → 34.9, +93,600 GBP a year); the same 33.1 FTE, 1.8 moved from the phone, keep
    every target."""
    repo.write("plans/p09.yaml", P09)
    result = cli("fix", "plans/p09.yaml", "-o", "plans/fixed.yaml")
    assert result.code == 0, result.out
    assert "channels[phone].agents  14.1  12.3" in result.out
    assert "staff moved to chat and email" in result.out
    changes = json.loads(cli("fix", "plans/p09.yaml", "-f", "json").out)["changes"]
    (phone,) = [c for c in changes if c["path"] == "channels[phone].agents"]
    assert phone["answers"] == ["staff moved to chat and email"]  # one (review calc36 L2)
    rows = [line.split()[0] for line in result.out.splitlines() if line.startswith("  ")]
    assert "staffing.agents" not in rows and not any(r.startswith("budget.") for r in rows)
    assert "verdict misaligned → aligned" in result.out
    assert cli("check", "plans/fixed.yaml").code == 0


C14 = """version: 1
organisation: Fix Pool
currency: EUR
strategy: fast-food
promise: "x"
channels:
  - {id: phone, kind: voice, hours: Mon-Fri 08:00-18:00, volume: 40/hour, handle_time: 5m,
     target: {service_level: "80% in 20s"}, agents: 13}
  - {id: chat, kind: chat, hours: Mon-Fri 08:00-18:00, volume: 25/hour, handle_time: 8m,
     concurrency: 3, target: {service_level: "80% in 40s", asa: 20s}}
staffing: {agents: 15, shrinkage: 30%, max_occupancy: 85%, paid_hours_per_fte: 1800/year,
  loaded_cost_per_fte: 50000, training_hours_per_agent: 20, uses_scripts: true,
  rewarded_on: [csat], refund_authority: 10, escalation_to_engineering: true,
  leadership_service_hours_per_month: 0, annual_attrition: 20%}
budget: {total: 1000000, lines: {people: 1000000}}
"""


def test_a_pooled_channels_share_is_not_counted_as_spare_twice(repo, cli) -> None:  # type: ignore[no-untyped-def]
    """Review calc38 F9: the phone keeps 80% in 20 s with 11.5 of its 13 FTE; chat's pooled
    share is the other 2 of 15, and it needs 4.5. 1.5 move from the phone, 1.0 is bought
    (15 → 16, +50,000 EUR); fix moved 0.5 and bought 2.0 (+100,000 EUR)."""
    repo.write("plans/c14.yaml", C14)
    result = cli("fix", "plans/c14.yaml", "-o", "plans/fixed.yaml")
    assert result.code == 0, result.out
    rows = {line.split()[0]: line.split()[1:] for line in result.out.splitlines()[1:4]}
    assert rows["channels[phone].agents"][:2] == ["13", "11.5"], result.out
    assert rows["staffing.agents"][:3] == ["15", "16", "+50,000"], result.out
    assert cli("check", "plans/fixed.yaml").code == 0


CLOSED_MESSAGING = (
    Path(__file__).parent / "data" / "plans" / "messaging-closed-weekends.yaml"
).read_text()
"""Review calc44 K04 (p05): delight; social 24x7, first response within 1h; messaging
Mon-Fri 08:00-20:00, first response within 30m. Delight's live floor is 80% in 20s."""


def _against(checked: dict[str, Any], rule: str, channel: str | None) -> list[dict[str, Any]]:
    """Findings of ``rule`` (warning or worse) in a checked plan, on ``channel`` if given."""
    return [
        f
        for f in checked["findings"]
        if f["rule"] == rule
        and f["severity"] in ("warning", "error")
        and (channel is None or f["path"].startswith(channel))
    ]


@pytest.mark.parametrize(
    ("hours", "traded"),
    [("Mon-Fri 08:00-20:00", True), ("24x7", False)],
    ids=["closed-weekends", "round-the-clock"],
)
@pytest.mark.parametrize("keep_budget", [False, True], ids=["fix", "keep-budget"])
def test_fix_output_passes_the_rules_its_changes_answer(
    repo, cli, hours: str, traded: bool, keep_budget: bool
) -> None:
    # Messages arrive round the clock; the line is closed 108 of the week's 168 hours (Fri
    # 20:00 → Mon 08:00 and 12 h each weeknight), so a message sent more than 20 s before it
    # opens misses 80% in 20s: 108 h − 5 closings × 20 s = 107.97 h of 168 = 64.3% of them,
    # where 20% may. fix wrote that service level for answer-speed, and hours-cover-target
    # then failed it ("misaligned → at-risk", one finding traded for another it knew of).
    # `check` of fix's output finds nothing against the rules each change answers; the floor
    # it cannot write is left to a person, saying why. Control: round the clock the floor is
    # written and kept. (--keep-budget loosens a promise the money cannot keep below the
    # floor, a person's decision by design: the change then answers the staffing alone.)
    repo.write("plans/p05.yaml", CLOSED_MESSAGING.replace("Mon-Fri 08:00-20:00", hours))
    flags = ["--keep-budget"] if keep_budget else []
    data = json.loads(cli("fix", "plans/p05.yaml", *flags, "-f", "json").out)
    cli("fix", "plans/p05.yaml", *flags, "-o", "plans/fixed.yaml")
    checked = json.loads(cli("check", "plans/fixed.yaml", "-f", "json").out)["plans"][0]
    assert not _against(checked, "hours-cover-target", None)
    for change in data["changes"]:
        path = change["path"]
        channel = path.split("]")[0] + "]" if path.startswith("channels[") else None
        for rule in change["answers"]:
            assert not _against(checked, rule, channel), (change, rule)
    paths = [c["path"] for c in data["changes"]]
    assert ("channels[messaging].target.service_level" in paths) is not traded
    left = {d["rule"]: d["decision"] for d in data["decisions"]}
    if traded:
        assert (
            "writing `service_level: 80% in 20s` for it fails hours-cover-target"
            in (left["answer-speed"])
        )


SLOW = (EXAMPLES / "delight-slow-promises-misaligned.yaml").read_text()
UNDERSTAFFED_SLOW = (
    SLOW.replace("    agents: 16.2", "    agents: 8")
    .replace("  agents: 20.7 ", "  agents: 12.5 ")
    .replace("people: 1283400", "people: 775000")
    .replace("total: 1540241", "total: 1031841")
)


def test_a_target_raised_to_the_floor_that_the_kept_money_misses_is_said_plainly(
    plan_file, invoke
) -> None:
    # Review fix50f. Phone: 9,000 calls a month × 168 ÷ 730.5 = 2,069.8 a week over 60 open
    # hours = 34.5 an hour × 6 min = 3.45 Erlangs. 8 FTE × 1,800 h × 0.68 ÷ 52.18 weeks ÷ 60
    # h = 3.13 on shift: fewer than the load, kept stable by callers who hang up (Erlang A,
    # 2 min patience), and they keep the 50% in 10m written (no staffing finding). delight's
    # floor is 80% in 20s; --keep-budget writes it and the same 8 FTE answer 51.6% within
    # 20 s. Before: the decision read "the money keeps no target on this channel: fund more
    # staff for it, or close it", though they keep the one written and fix had raised it.
    path = plan_file(UNDERSTAFFED_SLOW)
    first = json.loads(invoke("check", str(path), "-f", "json").out)["plans"][0]
    assert not [f for f in first["findings"] if f["rule"] == "staffing-meets-targets"]
    result = invoke("fix", str(path), "--keep-budget", "-f", "json")
    assert result.code == 1
    data = json.loads(result.out)
    assert {"path": "channels[phone].target.service_level", "before": "50% in 10m"}.items() <= {
        **next(c for c in data["changes"] if c["path"].endswith("service_level"))
    }.items()
    left = {d["rule"]: d["decision"] for d in data["decisions"]}
    assert left["staffing-meets-targets"] == (
        "fix raised phone's service_level from 50% in 10m to 80% in 20s, the strategy's floor "
        "(answer-speed), and the staff the money pays for miss it: it needs 12.6 FTE, the "
        "plan has 9 (+3.6); fund them (`cs-align fix` without --keep-budget does), or declare "
        "a strategy that promises less"
    )
    # The 12.5 FTE the money pays for miss the floor on the phone as planned (8 + 4.5), and
    # a tenth less money poured them 8.9 + 3.5 (the e-mail's 3.5 keep its own target): the
    # plan's staff are shared so too, 9 + 3.5 (calc58: they stood at 8 + 4.5, the phone
    # a whole FTE worse off for 6,200 USD more).
    moved = {c["path"]: c["after"] for c in data["changes"]}
    assert (moved["channels[phone].agents"], moved["channels[email].agents"]) == ("9", "3.5")
    # Without --keep-budget fix funds the staff the floor needs: nothing is left on phone.
    funded = json.loads(invoke("fix", str(path), "-f", "json").out)
    assert "staffing-meets-targets" not in {d["rule"] for d in funded["decisions"]}
    assert funded["verdict"]["after"] == "aligned"


OFF_TENTHS = """version: 1
organisation: Tight Ltd
currency: USD
period: {start: 2027-01-01, end: 2027-12-31}
strategy: fast-food
promise: "Callers reach a person within 30 seconds."
channels:
  - id: phone
    kind: voice
    hours: [Mon-Fri 09:00-17:00, Sat 10:00-14:00]
    volume: {contacts: 5000, per: week}
    handle_time: 3m30s
    target: {service_level: "80% in 30s", abandonment_max: 5%}
    patience: 5s
    agents: 17.45
  - id: chat
    kind: chat
    hours: Mon-Fri 09:00-17:00
    volume: {contacts: 1500, per: week}
    handle_time: 6m
    concurrency: 3
    target: {service_level: "80% in 1m"}
    agents: 4
  - {id: help, kind: self-service, containment: 40%, outage_updates: true}
staffing:
  agents: 21.45
  shrinkage: 35%
  max_occupancy: 90%
  paid_hours_per_fte: 40/week
  loaded_cost_per_fte: 41000
  training_hours_per_agent: 20
  uses_scripts: true
  rewarded_on: [handle_time]
  refund_authority: 10
  escalation_to_engineering: true
  leadership_service_hours_per_month: 0
  annual_attrition: 40%
budget:
  total: 1000000
  lines: {people: 880000, training: 40000, tooling: 80000}
"""


def test_a_raise_off_the_tenths_takes_a_whole_tenth_from_staff_to_spare(repo, cli) -> None:  # type: ignore[no-untyped-def]
    """Review calc50 F3. Phone: 6.6288 Erlangs (5,000 calls × 3.5 min over 44 open hours a
    week), 5 s patience, 26 productive hours a week (40 × 0.65). At 17.5 FTE (10.341 on
    shift) 5.07% hang up (mpmath Erlang A: 5.944% with 10, 3.391% with 11, weighted .659 :
    .341), at 17.6 (10.4 on shift) 4.92%: it needs 17.6, 0.15 more than its 17.45. Chat keeps
    80% in 1m with 3.0 of its 4. `fix` took 0.1 from chat (4 → 3.9) and bought the other
    0.05 FTE (staffing.agents 21.45 → 21.5, +2,050 USD a year), while the report said moving
    staff "hires nobody"; chat at 3.8 keeps its target and nobody is hired."""
    repo.write("plans/tight.yaml", OFF_TENTHS)
    changes = json.loads(cli("fix", "plans/tight.yaml", "-f", "json").out)["changes"]
    assert {c["path"]: c["after"] for c in changes} == {
        "channels[phone].agents": "17.6",
        "channels[chat].agents": "3.8",
    }, changes
    result = cli("fix", "plans/tight.yaml", "-o", "plans/fixed.yaml")
    assert "verdict misaligned → aligned" in result.out
    assert cli("check", "plans/fixed.yaml").code == 0
    repo.write("plans/report.yaml", OFF_TENTHS)
    cli("report", "plans/report.yaml", "-o", "plans/report.md")
    assert "moving staff from them hires nobody" in (repo.root / "plans/report.md").read_text()


KEEP_OFF_TENTHS = """version: 1
organisation: Two Co
currency: USD
strategy: universal
promise: "We answer every call and chat."
channels:
  - id: line
    kind: voice
    hours: Mon-Fri 09:00-17:00
    handle_time: 5m
    volume: {contacts: 1200, per: week}
    patience: 20s
    target: {service_level: "80% in 20s", abandonment_max: 10%}
    agents: 6.35
  - id: chat
    kind: chat
    hours: Mon-Fri 09:00-17:00
    handle_time: 10m
    volume: {contacts: 240, per: week}
    target: {service_level: "80% in 60s"}
    agents: 5
staffing: {agents: 11.35, shrinkage: 30%, paid_hours_per_fte: 40/week, loaded_cost_per_fte: 50000}
budget:
  total: 567500
  lines: {people: 567500}
"""


def test_keep_budget_takes_a_whole_tenth_from_staff_to_spare_for_a_raise_off_the_tenths(
    repo, cli
) -> None:  # type: ignore[no-untyped-def]
    """Review calc50b. Line: 1,200 calls × 5 min over 40 open hours a week = 2.5 Erlangs,
    20 s patience; 40 paid hours at 30% shrinkage put 0.7 of an FTE on shift. Erlang A
    (own birth-death chain): 13.43% hang up with 4 on shift, 5.98% with 5, so 10% needs
    4 + (0.1343 - 0.10) / (0.1343 - 0.0598) = 4.4605 on shift = 6.372 FTE, 6.4 as written;
    its 6.35 (4.445 on shift) leave 10.1% hanging up. Chat: 1 Erlang (240 × 10 min over
    40 h), 80% in 1m: Erlang C 69.84% with 2, 92.56% with 3, needs 2.447 on shift = 3.5 FTE
    of its 5. The people line, 567,500 USD at 50,000, pays for the 11.35 FTE planned.
    `fix` moved 0.1 from chat (5 -> 4.9) and hired nobody; `fix --keep-budget` gave chat's
    tenth only up to the 0.05 asked (none) and bought 0.05 FTE (staffing.agents 11.35 ->
    11.4, +2,500 USD a year) above the money it keeps: 'people-line-funds-staff ... short
    by 2,500 USD', verdict misaligned -> misaligned. Both now take chat's whole tenth."""
    repo.write("plans/two.yaml", KEEP_OFF_TENTHS)
    for out, flags in (("fixed", ()), ("kept", ("--keep-budget",))):
        changes = json.loads(cli("fix", "plans/two.yaml", *flags, "-f", "json").out)["changes"]
        assert {c["path"]: c["after"] for c in changes} == {
            "channels[line].agents": "6.4",
            "channels[chat].agents": "4.9",
        }, (flags, changes)
        result = cli("fix", "plans/two.yaml", *flags, "-o", f"plans/{out}.yaml")
        assert "verdict misaligned → aligned" in result.out, result.out
        assert cli("check", f"plans/{out}.yaml").code == 0


CENT_SHORT = """version: 1
organisation: Cent Short Co
currency: USD
period: {start: 2027-11-22, end: 2027-11-28}
strategy: universal
promise: "Black-week callers answered within 30 seconds."
channels:
  - id: phone
    kind: voice
    hours: 24x7
    volume: {contacts: 2000, per: day}
    handle_time: 3m
    target: {service_level: "80% in 30s"}
    agents: 35.059
staffing: {agents: 35.059, shrinkage: 25%, paid_hours_per_fte: 40/week,
  loaded_cost_per_fte: 48123.45}
budget: {total: 32805.88, lines: {people: 32805.88}}
"""


def test_a_budget_a_cent_short_is_raised_a_cent_not_the_staff_to_a_tenth(repo, cli) -> None:  # type: ignore[no-untyped-def]
    """Review calc54 F1. A = 2,000 calls × 3 min ÷ 24 h = 4.1667 Erlangs; an FTE gives
    40 × 75% = 30 h a week, so 168 ÷ 30 = 5.6 FTE per position and 35.059 FTE are 6.2605
    on shift, where 80% in 30 s needs 6.26052 (mpmath bisection on the interpolated Erlang
    C): the staff keep the target. Their week costs 35.059 × 48,123.45 × (7/30) ÷ 12 =
    32,805.8895 → 32,805.89 USD; the people line is a cent short. `fix` rounded the total
    staff up to the tenth whatever it changed (35.059 → 35.1, +1,973.06 USD a year) and
    raised the budget 38.37 USD for it; the cent is the fix."""
    repo.write("plans/cent.yaml", CENT_SHORT)
    result = cli("fix", "plans/cent.yaml", "-o", "plans/fixed.yaml")
    assert result.code == 0, result.out
    rows = _change_rows(result.out)
    assert "staffing.agents" not in rows, result.out
    assert rows["budget.lines.people"][:3] == ["32805.88", "32805.89", "+0.01"], result.out
    fixed = (repo.root / "plans/fixed.yaml").read_text()
    assert "agents: 35.059, shrinkage" in fixed
    assert cli("check", "plans/fixed.yaml").code == 0


POOLED_HUNDREDTHS = """version: 1
organisation: Hundredths Co
currency: USD
period: {start: 2027-01-01, end: 2027-12-31}
strategy: universal
promise: "Calls answered 80% within 30 seconds."
channels:
  - id: phone
    kind: voice
    hours: 24x7
    volume: {contacts: 2000, per: day}
    handle_time: 3m
    target: {service_level: "80% in 30s"}
    agents: 35
  - id: sales
    kind: voice
    hours: 24x7
    volume: {contacts: 2000, per: day}
    handle_time: 3m
    target: {service_level: "80% in 30s"}
    agents: 35.06
staffing: {agents: 70.06, shrinkage: 25%, paid_hours_per_fte: 40/week,
  loaded_cost_per_fte: 50000}
budget: {total: 3503000, lines: {people: 3503000}}
"""


def test_a_raise_beside_staff_in_hundredths_buys_only_the_raise(repo, cli) -> None:  # type: ignore[no-untyped-def]
    """Review calc54 F1, the same cause: phone needs 35.1 FTE (35.059 exactly, as above) and
    has 35; sales keeps its target with 35.06 (6.2607 on shift) and has nothing to spare at
    the tenth. The raise is 0.1 FTE, so the total is 70.06 + 0.1 = 70.16 FTE (+5,000 USD a
    year), not 70.2 rounded up to the tenth (+7,000 USD a year, 0.04 FTE no channel works)."""
    repo.write("plans/hundredths.yaml", POOLED_HUNDREDTHS)
    result = cli("fix", "plans/hundredths.yaml", "-o", "plans/fixed.yaml")
    assert result.code == 0, result.out
    rows = _change_rows(result.out)
    assert rows["channels[phone].agents"][:2] == ["35", "35.1"], result.out
    assert rows["staffing.agents"][:3] == ["70.06", "70.16", "+5,000"], result.out
    assert rows["budget.lines.people"][1] == "3508000", result.out  # 70.16 × 50,000
    assert cli("check", "plans/fixed.yaml").code == 0


def _change_rows(out: str) -> dict[str, list[str]]:
    """The change table `fix` prints, by path: from, to, cost, answers (split on spaces)."""
    return {line.split()[0]: line.split()[1:] for line in out.splitlines() if line[:2] == "  "}


SPLIT_SHIFT = (Path(__file__).parent / "data" / "plans" / "split-shift-quarter.yaml").read_text()


def test_keep_budget_keeps_a_target_it_can_pay_for_short_of_the_ceiling(repo, cli) -> None:  # type: ignore[no-untyped-def]
    """Review calc54 F2. The people line, 243,112.50 USD over 2027-02-15 to 05-14 (14/28 + 2 +
    14/31 months) at 55,500 USD, pays for 17.8089 FTE; 17.5 are planned. E-mail: 1,000 a week
    × 7 min = 116.7 h of work; an FTE gives 1,950 × 66.7% ÷ 52.18 = 24.93 h a week, so 4.5
    FTE (112.2 h) fall behind. 90% within 4 business hours needs 2.9823 on shift = 4.786 FTE
    (mpmath bisection, interpolated Erlang C, A = 2.9167), so 4.8; the ceiling 85% needs
    2.9167 ÷ 0.85 × 1.6047 = 5.51, so 5.6. The night line keeps its targets on 4.3 of its 5.
    `--keep-budget` raised e-mail to its ceiling's 5.6 or not at all, and 1.0 FTE (0.3 paid
    for, 0.7 spare) is less than 1.1: the e-mail was left behind, "the money does not pay for
    the staff this needs". The 0.3 pay for its target."""
    repo.write("plans/split.yaml", SPLIT_SHIFT)
    result = cli("fix", "plans/split.yaml", "--keep-budget", "-o", "plans/fixed.yaml")
    rows = _change_rows(result.out)
    assert rows["channels[email].agents"][:2] == ["4.5", "4.8"], result.out
    assert rows["staffing.agents"][:2] == ["17.5", "17.8"], result.out  # 17.8 ≤ 17.8089 paid
    assert "budget.lines.people" not in rows and "budget.total" not in rows
    assert "verdict misaligned → at-risk" in result.out
    checked = json.loads(cli("check", "plans/fixed.yaml", "-f", "json").out)["plans"][0]
    errors = [f["rule"] for f in checked["findings"] if f["severity"] == "error"]
    assert errors == [] and checked["verdict"] == "at-risk", errors


SHORT_POOL = """version: 1
organisation: Shared Team Co
currency: USD
period: {start: 2027-01-01, end: 2027-12-31}
strategy: universal
promise: "Calls answered within a minute, chats within 30 seconds, emails within a business day."
channels:
  - {id: phone, kind: voice, hours: Mon-Fri 08:00-18:00, volume: 4000/week, handle_time: 5m,
     target: {service_level: "80% in 60s"}}
  - {id: chat, kind: chat, hours: Mon-Fri 08:00-18:00, volume: 2000/week, handle_time: 8m,
     concurrency: 2, target: {service_level: "80% in 30s"}}
  - {id: email, kind: email, hours: Mon-Fri 08:00-18:00, volume: 1500/week, handle_time: 6m,
     target: {first_response: 1 business day}}
staffing: {agents: 25, shrinkage: 30%, max_occupancy: 85%, paid_hours_per_fte: 40/week,
  loaded_cost_per_fte: 50000}
budget: {total: 1250000, lines: {people: 1250000}}
"""


def test_keep_budget_never_writes_a_target_tighter_than_the_plans_own(repo, cli) -> None:  # type: ignore[no-untyped-def]
    """Review calc54 F6. 25 FTE shared by three lines (1,250,000 USD at 50,000 pays for
    them) where the targets need 16.1 + 7.1 + 5.4 = 28.6 (phone 9 on shift × 50/28 FTE;
    chat 3.98; the e-mail's 150 h a week, 90% within 10 open hours, 3.024 on shift). The
    pool is split by the targets' leasts, so each target `--keep-budget` loosened moved
    pooled staff to the e-mail: its 1 business day was written 11 business hours, then
    "tightened" to 1.75 business hours, a promise no one made, paid for with staff the
    other lines' promises needed. The e-mail keeps its own 1 business day."""
    repo.write("plans/pool.yaml", SHORT_POOL)
    result = cli("fix", "plans/pool.yaml", "--keep-budget", "-o", "plans/fixed.yaml")
    rows = _change_rows(result.out)
    assert "channels[email].target.first_response" not in rows, result.out
    fixed = (repo.root / "plans/fixed.yaml").read_text()
    assert "target: {first_response: 1 business day}" in fixed
    checked = json.loads(cli("check", "plans/fixed.yaml", "-f", "json").out)["plans"][0]
    assert [f["rule"] for f in checked["findings"] if f["severity"] == "error"] == []


def test_keep_budget_shares_a_short_pool_targets_first(repo, cli) -> None:  # type: ignore[no-untyped-def]
    """Review calc54 L1, the plan above. What keeps each line up with its work: phone 333.3 h
    ÷ 28 = 11.9 → 12.0, chat 2.667 on shift × 50/28 = 4.76 → 4.8, e-mail 150 ÷ 28 = 5.36 →
    5.4; 22.2 in all. Their targets need 16.1, 7.1 and 5.4. Of the 2.8 left, the e-mail's
    raise (none) and the chat's (2.3) are whole, the phone gets the 0.5 left: 12.5 + 7.1 +
    5.4 = 25, as `--keep-budget` shares money that cannot keep every target. Left to the
    pool's own split, both the phone's and the chat's targets were loosened to 80% in 7m."""
    repo.write("plans/pool.yaml", SHORT_POOL)
    result = cli("fix", "plans/pool.yaml", "--keep-budget", "-o", "plans/fixed.yaml")
    rows = _change_rows(result.out)
    assert rows["channels[phone].agents"][:3] == ["14.1", "(pooled)", "12.5"], result.out
    assert rows["channels[chat].agents"][:3] == ["6.2", "(pooled)", "7.1"], result.out
    assert rows["channels[email].agents"][:3] == ["4.7", "(pooled)", "5.4"], result.out
    assert "channels[chat].target.service_level" not in rows, result.out
    assert "channels[phone].target.service_level" in rows  # what 12.5 FTE keep
    assert "staffing.agents" not in rows and "budget.lines.people" not in rows
    checked = json.loads(cli("check", "plans/fixed.yaml", "-f", "json").out)["plans"][0]
    assert [f["rule"] for f in checked["findings"] if f["severity"] == "error"] == []


@pytest.mark.parametrize(("smaller", "larger"), [("23", "24"), ("24", "25"), ("25", "26")])
def test_a_larger_short_pool_leaves_no_line_fewer_staff(  # type: ignore[no-untyped-def]
    repo, cli, smaller: str, larger: str
) -> None:
    """Review calc54 L1: at 24 FTE the lines keep up on 22.2 and the 1.8 left cannot make
    the chat's 2.3 raise whole; shared in proportion to what each lacked, the phone got 13.1
    there and 12.5 from a pool of 25, where the chat's raise fits. In turn, each whole
    before the next, the phone's staff only grow with the pool."""
    staff: dict[str, dict[str, str]] = {}
    for pool in (smaller, larger):
        money = int(Decimal(pool) * 50000)
        text = SHORT_POOL.replace("agents: 25,", f"agents: {pool},").replace(
            "budget: {total: 1250000, lines: {people: 1250000}}",
            f"budget: {{total: {money}, lines: {{people: {money}}}}}",
        )
        repo.write(f"plans/pool{pool}.yaml", text)
        rows = _change_rows(cli("fix", f"plans/pool{pool}.yaml", "--keep-budget").out)
        staff[pool] = {p: r[2] for p, r in rows.items() if p.endswith("].agents")}
    for path, fte in staff[smaller].items():
        assert Decimal(staff[larger][path]) >= Decimal(fte), (path, staff)


@pytest.mark.parametrize(
    ("written", "fixed"),
    [("shrinkage: 0.1 ", "shrinkage: 0.25 "), ("shrinkage: 10%", "shrinkage: 25%")],
)
def test_a_share_is_fixed_in_the_notation_the_plan_wrote_it(
    plan_file, invoke: Invoke, written: str, fixed: str
) -> None:
    """`shrinkage: 0.1` was fixed to `25%` and the change shown `0.1 → 25%` (review user55):
    two notations for one figure. A fraction stays a fraction, a percentage a percentage."""
    text = GOOD.replace("shrinkage: 32%", written.strip(), 1)
    result = invoke("fix", str(plan_file(text)), "-f", "json")
    change = next(c for c in json.loads(result.out)["changes"] if c["path"] == "staffing.shrinkage")
    diff = invoke("fix", str(plan_file(text))).out
    assert f"+  {fixed.strip()}" in diff, diff
    row = next(line for line in diff.splitlines() if line.startswith("  staffing.shrinkage"))
    assert row.split()[1:3] == [written.split(": ")[1].strip(), fixed.split(": ")[1].strip()]
    assert change["after"] == fixed.split(": ")[1].strip(), change
