"""Flags, formats and messages a user relies on, each pinned by a test."""

from __future__ import annotations

import datetime as dt
import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, GOOD, Invoke

BROKEN = str(EXAMPLES / "delight-misaligned.yaml")
SOON = (dt.date.today() + dt.timedelta(days=90)).isoformat()
"""An expiry inside the default max_waiver_days (180) and outside the 14-day warning."""
WAIVER = """waivers:
  - rule: no-scripts
    path: staffing.uses_scripts
    reason: Scripts stay until the new training lands in March
    owner: head-of-service
    expires: {expires}
"""


def _findings(result_stdout: str) -> list[dict[str, object]]:
    findings: list[dict[str, object]] = json.loads(result_stdout)["plans"][0]["findings"]
    return findings


def scripted(plan_file, expires: str):  # type: ignore[no-untyped-def]
    text = GOOD.replace("uses_scripts: false", "uses_scripts: true")
    return plan_file(text + WAIVER.format(expires=expires))


def test_waived_finding_is_listed_but_does_not_fail(invoke: Invoke, plan_file) -> None:
    result = invoke("check", str(scripted(plan_file, SOON)), "-f", "json")
    assert result.code == 0
    waived = [f for f in _findings(result.out) if f["rule"] == "no-scripts"]
    assert waived and waived[0]["waived"]["owner"] == "head-of-service"  # type: ignore[index]


def test_expired_waiver_fails_with_its_own_message(invoke: Invoke, plan_file) -> None:
    result = invoke("check", str(scripted(plan_file, "2020-01-01")), "-f", "json")
    assert result.code == 1
    expired = [f for f in _findings(result.out) if f["rule"] == "waiver-expired"]
    assert expired and "expired on 2020-01-01" in str(expired[0]["message"])


def test_ignore_waivers_shows_everything(invoke: Invoke, plan_file) -> None:
    result = invoke("check", str(scripted(plan_file, SOON)), "--ignore-waivers")
    assert result.code == 1 and "no-scripts" in result.out


def test_waiver_matching_nothing_is_reported(invoke: Invoke, plan_file) -> None:
    result = invoke("check", str(plan_file(GOOD + WAIVER.format(expires=SOON))), "-f", "json")
    assert "matches no finding" in json.loads(result.out)["plans"][0]["unmatched_waivers"][0]


def test_strategy_override(invoke: Invoke) -> None:
    aligned = str(EXAMPLES / "fast-food-aligned.yaml")
    result = invoke("check", aligned, "--strategy", "delight", "-f", "json")
    plan = json.loads(result.out)["plans"][0]
    assert plan["strategy"] == "delight" and result.code == 1


def test_a_mix_says_which_strategy_raised_each_finding(invoke: Invoke, plan_file) -> None:
    text = GOOD.replace(
        "strategy: delight", "strategy: {primary: delight, by_channel: {email: automated}}"
    )
    result = invoke("check", str(plan_file(text)), "-f", "json")
    plan = json.loads(result.out)["plans"][0]
    assert plan["strategy"] == "delight + automated"
    raised = {(f["rule"], f["strategy"]) for f in plan["findings"]}
    assert ("metric", "automated") in raised  # automated wants self-service containment ≥ 60%


def test_union_value_gets_one_specific_error(invoke: Invoke, plan_file) -> None:
    text = GOOD.replace("strategy: delight", "strategy: {primary: delight, bogus: 1}")
    result = invoke("check", str(plan_file(text)))
    assert result.code == 2
    assert "unknown key 'bogus'" in result.err and "expected text" not in result.err


def test_json_forms_of_listing_commands(invoke: Invoke) -> None:
    shown = json.loads(invoke("strategies", "show", "tiered", "-f", "json").out)
    assert shown["id"] == "tiered" and shown["extends"] == "universal"
    assert any(r["rule"] == "best-tier-served-better" for r in shown["rules"])
    names = {m["name"] for m in json.loads(invoke("metrics", "-f", "json").out)}
    assert {"cost_per_contact", "service_level", "asa"} <= names
    promise = json.loads(invoke("promise", BROKEN, "-f", "json").out)
    assert promise["currency"] == "USD" and promise["channels"][0]["channel"] == "phone"


def test_explain_with_a_plan_shows_its_figures(invoke: Invoke) -> None:
    out = invoke("explain", "no-throughput-rewards", "--plan", BROKEN).out
    assert "handle_time" in out and "delight-misaligned.yaml:" in out


def test_staff_constraints(invoke: Invoke) -> None:
    base = ("staff", "--volume", "100/30m", "--aht", "3m", "-f", "json")
    asa = json.loads(invoke(*base, "--target", "50% in 60s", "--asa", "5s").out)
    assert asa["binding_constraint"] == "asa" and asa["asa_seconds"] <= 5
    occ = json.loads(invoke(*base, "--target", "20% in 60s", "--max-occupancy", "70%").out)
    assert occ["binding_constraint"] == "occupancy" and occ["occupancy"] <= 0.7
    chat = json.loads(invoke(*base, "--concurrency", "4").out)
    assert chat["required_agents"] == 4 and "warning" in chat


def test_junit_stays_valid_with_control_characters(invoke: Invoke, plan_file) -> None:
    text = GOOD.replace("uses_scripts: false", "uses_scripts: true")
    text = text.replace("organisation: Example Delight Co", 'organisation: "Bad \\x1b\\x07 Co"')
    path = plan_file(text, "ctl.yaml")
    result = invoke("check", str(path), "-f", "junit")
    root = ET.fromstring(result.out)
    assert root.find(".//failure") is not None


def test_markdown_is_truncated_cleanly() -> None:
    from cs_align.prcomment import LIMIT, truncate

    text = "<details>\n" + "- a finding line\n" * 10_000
    cut = truncate(text)
    assert len(cut) <= LIMIT and cut.count("<details>") == cut.count("</details>")
    assert "truncated" in cut
    # A block the cut reaches before its first line is left out, not shown empty.
    filler = "x" * (LIMIT - 150)  # the cut falls between the summary and the first line
    text = filler + "\n<details><summary>2 findings</summary>\n\n" + "- a finding\n" * 100
    cut = truncate(text)
    assert "<details>" not in cut and "2 findings" not in cut and "truncated" in cut


def test_markdown_cells_escape_pipes_and_html() -> None:
    from cs_align.escaping import markdown

    # The newline is shown as a visible \x0a (its backslash escaped for Markdown).
    assert markdown("a|b\n<script>") == "a\\|b\\\\x0a&lt;script&gt;"


def test_large_batches_stream_the_same_json_shape(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from cs_align.engine import check_file
    from cs_align.errors import Problem
    from cs_align.findings import Severity
    from cs_align.reporters import Batch, Results, reporter

    reports = [check_file(p) for p in sorted(EXAMPLES.glob("*.yaml"))]
    problems = [Problem("broken.yaml", 3, 7, "handle_time: 6 has no unit", "write 6m")]
    batch = Batch("json", len(reports), Severity.error)
    assert batch.streaming and len(reports) >= 21
    text = "".join([*(batch.add(r, None, r.summary()) for r in reports), batch.close(problems)])
    whole = reporter("json").render(Results(reports, problems))
    assert json.loads(text) == json.loads(whole)
    assert text.count("\n") == len(reports) + 2


def test_finding_lines_keep_a_long_path_whole(invoke: Invoke, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / ("client-plans-" * 8)
    folder.mkdir()
    plan = folder / "delight-misaligned.yaml"
    plan.write_bytes((EXAMPLES / "delight-misaligned.yaml").read_bytes())
    out = invoke("check", str(plan)).out
    located = [line for line in out.splitlines() if f"{plan}:" in line]
    assert located and f"{plan}:39:17 no-scripts" in located[0]


def test_large_batch_table_is_one_line_a_plan(invoke: Invoke, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # A deep folder makes each row longer than any console width: rows must not wrap.
    folder = tmp_path / ("client-plans-" * 8) / "q3"
    folder.mkdir(parents=True)
    for plan in EXAMPLES.glob("*.yaml"):
        (folder / plan.name).write_bytes(plan.read_bytes())
    out = invoke("check", str(folder)).out.splitlines()
    plans = len(list(EXAMPLES.glob("*.yaml")))
    assert len(out) == plans + 1 and out[-1].startswith(f"{plans} plans: ")
    assert all(str(folder) in line for line in out[:-1])


def test_worker_pool_writes_what_one_process_writes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Large batches have workers render each plan's text; every byte must match."""
    import subprocess
    import sys

    plans = tmp_path / "plans"
    plans.mkdir()
    for copy in range(2):
        for plan in EXAMPLES.glob("*.yaml"):
            (plans / f"{copy}-{plan.name}").write_bytes(plan.read_bytes())
    outputs = {}
    for workers in ("1", "2"):
        out = tmp_path / f"w{workers}"
        out.mkdir()
        formats = [f"{f}:{out / f}" for f in ("json", "junit", "github", "sarif", "markdown")]
        proc = subprocess.run(
            [sys.executable, "-m", "cs_align", "check", str(plans), "-f", "table"]
            + [arg for f in formats for arg in ("-f", f)],
            env={**os.environ, "CS_ALIGN_WORKERS": workers, "CI": "1"},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == 1, proc.stderr  # the misaligned examples fail the batch
        files = {p.name: p.read_text() for p in out.iterdir()}
        outputs[workers] = (proc.stdout, files)
    assert len(outputs["1"][1]) == 5
    assert outputs["1"] == outputs["2"]
    rows = outputs["2"][0].splitlines()
    assert len(rows) == 2 * len(list(EXAMPLES.glob("*.yaml"))) + 1
    assert json.loads(outputs["2"][1]["json"])["plans"][0]["verdict"] in (
        "aligned",
        "at-risk",
        "misaligned",
    )


def _many_plans(folder: Path, count: int) -> Path:
    """``count`` plans in ``folder``: hard links to one aligned plan (writing 2,000 files
    costs a second on some file systems; linking them, a few milliseconds)."""
    folder.mkdir()
    one = folder.parent / "one-plan.yaml"
    one.write_bytes((EXAMPLES / "delight-aligned.yaml").read_bytes())
    for i in range(count):
        os.link(one, folder / f"p{i:04d}.yaml")
    return folder


def _settled(pid: int, workers: str) -> bool:
    """Whether a batch run by ``workers`` processes is past its start-up: its workers are
    running and ignore SIGINT, and the pool's manager and queue threads are up (Linux
    /proc; elsewhere, after two seconds).

    This test pins the steady state, where a user's Ctrl-C almost always lands; a stop during
    the pool's start-up (signals are held then: `output.signals_held`) is
    tests/security/test_signals.py's."""
    import time

    if workers == "1":
        return True
    proc = Path("/proc") / str(pid)
    if not Path("/proc").exists():
        time.sleep(2.0)
        return True
    try:
        children = (proc / "task" / str(pid) / "children").read_text().split()
        threads = len(list((proc / "task").iterdir()))
    except OSError:
        return False
    ignoring = sum(_ignores_sigint(Path("/proc") / child) for child in children)
    if ignoring < int(workers) or threads < 3:
        return False
    time.sleep(0.2)  # the first chunks submitted
    return True


def _ignores_sigint(process: Path) -> bool:
    try:
        status = (process / "status").read_text()
    except OSError:
        return False
    mask = next((line.split()[1] for line in status.splitlines() if line.startswith("SigIgn")), "0")
    return bool(int(mask, 16) & (1 << (2 - 1)))


@pytest.mark.parametrize("workers", ["1", "2"])
def test_ctrl_c_exits_130_with_one_line(tmp_path, workers: str) -> None:  # type: ignore[no-untyped-def]
    import signal
    import subprocess
    import sys
    import time

    folder = _many_plans(tmp_path / "plans", 3000)
    env = {**os.environ, "CS_ALIGN_WORKERS": workers, "CI": "1"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cs_align",
            "check",
            str(folder),
            "-f",
            "json",
            "-o",
            str(tmp_path / "out.json"),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    # Stop the run mid-batch: once the output's temp file exists (checking has started) and
    # the worker pool, if any, has settled.
    deadline = time.monotonic() + 30
    while not list(tmp_path.glob(".out.json.*.tmp")) or not _settled(proc.pid, workers):
        assert time.monotonic() < deadline and proc.poll() is None, "the batch never got going"
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal does: the whole process group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err.decode()[-3000:]
    assert err.decode() == "cs-align: interrupted\n"
    assert not (tmp_path / "out.json").exists()
    assert not list(tmp_path.glob(".out.json*"))


def test_plan_text_stays_literal_and_valid_in_every_format(
    invoke: Invoke, plan_file, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    import xml.etree.ElementTree as ET

    evil = '"[bold red]Boom[/] \\e[31mred\\e[0m \\x07 <b>x</b> | y"'
    text = GOOD.replace("organisation: Example Delight Co", f"organisation: {evil}")
    text = text.replace("uses_scripts: false", "uses_scripts: true")
    plan = plan_file(text)
    table = invoke("check", str(plan)).out
    assert "[bold red]Boom[/]" in table and "\x1b" not in table and "\x07" not in table
    outputs = {fmt: tmp_path / f"o.{fmt}" for fmt in ("json", "sarif", "junit", "markdown")}
    args = [a for fmt, path in outputs.items() for a in ("-f", f"{fmt}:{path}")]
    assert invoke("check", str(plan), *args).code == 1
    data = json.loads(outputs["json"].read_text())
    assert data["plans"][0]["organisation"].startswith("[bold red]Boom[/] \x1b[31m")
    json.loads(outputs["sarif"].read_text())
    ET.fromstring(outputs["junit"].read_text())
    md = outputs["markdown"].read_text()
    assert "<b>" not in md and "\x1b" not in md and "\\|" in md
    html = tmp_path / "r.html"
    assert invoke("report", str(plan), "-o", str(html)).code == 1  # written; misaligned
    page = html.read_text()
    assert "&lt;b&gt;" in page and "<b>x</b>" not in page


def test_promise_agrees_with_check_when_part_time_headcounts_keep_the_target(
    plan_file, invoke: Invoke
) -> None:
    # 13.8 FTE on phone are 5.4 on shift: part of the time five people, part six. check
    # finds the target kept (interpolated between the two headcounts), so promise must not
    # say the plan needs more: 6 whole people all the time would be 15.3 FTE.
    text = GOOD.replace("    agents: 16.2", "    agents: 13.8")
    path = plan_file(text)
    assert invoke("check", str(path)).code == 0
    out = invoke("promise", str(path)).out
    assert "declared 80% in 20s, abandonment at most 8% is kept by the planned 13.8 FTE" in out
    assert "(whole headcounts all the time would need 15.4)" in out
    # Planned above the least that keeps it, promise tells that least as every command
    # does (review r35: only check, whatif, the report and the budget said 13.8).
    more = invoke("promise", str(plan_file(GOOD))).out
    assert "is kept by the planned 16.2 FTE; 13.8 FTE would keep it\n" in more


def test_a_waiver_for_a_misspelt_rule_is_refused_with_the_nearest_id(
    plan_file, invoke: Invoke
) -> None:
    text = GOOD + WAIVER.format(expires=SOON).replace("rule: no-scripts", "rule: no-script")
    refused = invoke("check", str(plan_file(text)))
    assert refused.code == 2
    assert "'no-script' is not a rule id — did you mean 'no-scripts'?" in refused.err


def test_a_curve_ends_at_the_largest_queue_sized() -> None:
    from cs_align.loader import parse_plan
    from cs_align.metrics import compute
    from cs_align.promise import curve
    from cs_align.queueing import MAX_AGENTS

    text = GOOD.replace("volume: {contacts: 9000, per: month}", "volume: 98000/hour")
    text = text.replace("handle_time: 6m", "handle_time: 116m").replace("patience: 2m", "#")
    text = text.replace(
        "    agents: 16.2\n", "    agents: 511550\n"
    )  # 98000 × 116 ÷ 60 = 189,467 Erlangs
    plan = parse_plan(text, "plan.yaml").plan
    metrics = compute(plan)
    phone = metrics.channel("phone")
    assert phone is not None and MAX_AGENTS - 4 < phone.planned_positions < MAX_AGENTS
    points = curve(plan, metrics, "phone")  # a few past the plan would be past the largest
    assert points and max(n for n, _ in points) <= MAX_AGENTS


def test_a_promise_keeps_the_share_as_the_plan_writes_it(invoke: Invoke, plan_file) -> None:
    # 87.5% was promised as "88% in …", which, written back into the plan, missed (87.5% is
    # what the staff keep); the time is rounded up in JSON as in text, never down.
    text = GOOD.replace('"80% in 20s"', '"93.5% in 20s"')
    assert text != GOOD
    result = invoke("promise", str(plan_file(text)), "-f", "json")
    (phone,) = [c for c in json.loads(result.out)["channels"] if c["channel"] == "phone"]
    assert phone["keepable"].startswith("93.5% in ")
    seconds = phone["keepable_seconds"]
    assert round(seconds, 3) == seconds  # to the millisecond, rounded up
    kept = phone["keepable"].removeprefix("93.5% in ").split(";")[0]
    again = plan_file(text.replace('"93.5% in 20s"', f'"93.5% in {kept}"'), "kept.yaml")
    found = _findings(invoke("check", str(again), "-f", "json").out)
    assert not [f for f in found if f["rule"] == "staffing-meets-targets"]


def test_less_than_one_person_can_still_promise_what_they_keep() -> None:
    # One person 92% of the time on 0.5 Erlangs of 10-minute contacts: 8% find nobody and are
    # not answered in time; the rest wait as one person's queue: C(1, 0.5) = 0.5, so within T
    # 0.92 × (1 − 0.5·e^(−0.5·T/600)) are answered. 90% is kept from
    # T = 600/0.5 · ln(0.92 × 0.5 / (0.92 − 0.9)) = 3,762.6 s (it said "never": the queue
    # "grew without bound").
    import math

    from cs_align.fractional import Queue, keepable

    queue = Queue(load=0.5, aht=600.0)
    assert queue.at(0.92, 0.0).service_level == pytest.approx(0.92 * 0.5)
    seconds = keepable([(queue, 0.92, 1.0)], 0.9)
    assert seconds == pytest.approx(1200 * math.log(0.92 * 0.5 / 0.02), rel=1e-9)
    assert seconds is not None and 3762 < seconds < 3763
    assert keepable([(queue, 0.92, 1.0)], 0.93) is None  # more than the 92% there is anyone


NIGHT_LINE = """version: 1
organisation: Night Line Co
strategy: fast-food
promise: "Customers reach a person quickly."
channels:
  - {id: hotline, kind: voice, hours: 24x7, volume: 168/week, handle_time: 6m,
     target: {asa: 60s}, agents: 3}
staffing: {agents: 3, shrinkage: 30%, paid_hours_per_fte: 40/week, loaded_cost_per_fte: 50000}
"""


def test_an_average_wait_nobody_is_on_shift_to_keep_is_not_a_queue_out_of_control(
    plan_file, invoke: Invoke
) -> None:
    # Review calc26 C3: promise (and the report) said "the planned staff cannot keep up with
    # the volume" of a line 20% busy. 0.1 Erlang (168 calls a week of 6 minutes) on 3 FTE,
    # half a person on shift (28 productive hours a week an FTE, 168 a position): the work
    # fits, but callers who arrive while nobody is there wait for them. One on shift keeps
    # ASA 40 s (0.1 × 360 / 0.9): 6 FTE, 3 × 50,000 more.
    out = invoke("promise", str(plan_file(NIGHT_LINE))).out
    assert out.startswith(
        "hotline: can keep no average wait: nobody is on shift 50% of the time, and the "
        "contacts that arrive then wait for the person to come back; declared ASA 1m needs "
        "6 FTE (plan 3), 150,000 USD a year more"
    )


def test_promise_tells_and_prices_the_least_that_keeps_the_target(
    plan_file, invoke: Invoke
) -> None:
    # 13 FTE on the example's phone (13.8 keep its targets, check and fix say; 6 on shift
    # all the time would be 15.4): the line and the JSON tell 13.8, and the money is the
    # 0.8 FTE more × 62,000 = 49,600 USD (it told 15.4 and priced 2.4 more, review calc29
    # F3).
    text = GOOD.replace("    agents: 16.2", "    agents: 13").replace(
        "agents: 20.7 ", "agents: 17.5 "
    )
    path = str(plan_file(text))
    out = invoke("promise", path).out
    # The e-mail's 4.5 FTE keep its target and ceiling on 3.9: the 0.6 beyond them move to
    # the phone at no cost before fix hires (whatif.spare_fte), so the 49,600 USD is said
    # as the price if hired; the 0.8 − 0.6 = 0.2 left are hired (recheck61), as whatif says.
    assert (
        "needs 13.8 FTE (plan 13), 49,600 USD a year more if hired, though 0.6 FTE planned "
        "beyond what their lines need move to it first at no cost (`cs-align fix`, which "
        "would hire as few as 0.2 FTE) (whole headcounts all the time would need 15.4)"
    ) in out
    (phone, _) = json.loads(invoke("promise", path, "-f", "json").out)["channels"]
    assert (phone["required_fte"], phone["needed_fte"], phone["extra_fte"]) == (
        15.4,
        13.8,
        0.8,
    )  # 15.346 up to the tenth, as the line
    assert phone["extra_cost"] == "49600.00"


CEILING_ONLY = """version: 1
organisation: Ab Co
currency: USD
strategy: fast-food
promise: "x"
channels:
  - {id: v, kind: voice, hours: Mon-Fri 09:00-17:00, volume: 30/hour, handle_time: 4m,
     target: {abandonment_max: 5%}, agents: 3}
staffing: {agents: 3, shrinkage: 30%, paid_hours_per_fte: 1800/year, loaded_cost_per_fte: 50000}
"""


def test_a_ceiling_no_figure_judges_promises_no_abandonment(plan_file, invoke: Invoke) -> None:
    # Review calc38 F7 (its p/c10-abnopat.yaml): an abandonment ceiling as the one target and
    # no caller patience. A = 30 an hour × 4 min = 2 Erlangs; an FTE gives 1,800 × 0.7 =
    # 1,260 h a year over 40 open h × 52.18 weeks = 2,087 h: 0.6037 on shift. 3 FTE = 1.81
    # on shift < 2 (cannot keep up); 3.3 = 1.992 < 2; 3.4 = 2.053 keep up: 0.4 FTE × 50,000
    # = 20,000 USD more. Nobody hangs up in Erlang C, so no abandonment can be promised: it
    # said "v: can keep abandonment 0.0%", and the report the same.
    path = str(plan_file(CEILING_ONLY))
    out = invoke("promise", path).out
    assert out == (
        "v: abandonment cannot be judged without caller patience; the planned staff cannot "
        "keep up with the volume (declared abandonment at most 5%); keeping up needs 3.4 FTE "
        "(plan 3), 20,000 USD a year more (whole headcounts all the time would need 5)\n"
    )
    (row,) = json.loads(invoke("promise", path, "-f", "json").out)["channels"]
    assert row["keepable"].startswith("abandonment cannot be judged without caller patience")
    assert (row["needed_fte"], row["extra_fte"], row["extra_cost"]) == (3.4, 0.4, "20000.00")
    report = invoke("report", path, "-o", "-", "-f", "md").out
    assert "abandonment 0" not in report and "misses the abandonment ceiling" not in report
    assert "- **v**: abandonment cannot be judged without caller patience; the planned " in report
    assert "| v: keeping up with the volume is short of staff | 0.4 FTE | 20,000 USD a year |" in (
        report
    )
    # Five FTE (3.02 on shift) keep up; 3.4 would.
    kept = invoke("promise", str(plan_file(CEILING_ONLY.replace("agents: 3", "agents: 5")))).out
    assert kept == (
        "v: abandonment cannot be judged without caller patience; the planned staff keep up "
        "with the volume (declared abandonment at most 5%); 3.4 FTE would keep up\n"
    )
    # No other command claims an abandonment figure for it either.
    stressed = json.loads(invoke("whatif", path, "-f", "json").out)["scenarios"]
    assert all(c["abandonment"] is None for s in stressed for c in s["channels"])
    check = json.loads(invoke("check", path, "-f", "json").out)["plans"][0]
    (v,) = check["metrics"]["channels"]
    assert (v["abandonment"], v["binding_constraint"]) == (None, "stability")


FOUR_POOL = """version: 1
organisation: Four Co
currency: EUR
strategy: fast-food
promise: "x"
channels:
  - {id: phone, kind: voice, hours: Mon-Fri 08:00-20:00, volume: 60/hour, handle_time: 6m,
     patience: 3m, target: {service_level: "80% in 20s", abandonment_max: 5%}}
  - {id: chat, kind: chat, hours: Mon-Fri 08:00-20:00, volume: 30/hour, handle_time: 10m,
     concurrency: 2, target: {service_level: "80% in 60s"}}
  - {id: wa, kind: messaging, hours: Mon-Sun 00:00-24:00, volume: 200/day, handle_time: 8m,
     concurrency: 3, peak_factor: 1.5, target: {first_response: 30m}}
  - {id: mail, kind: email, hours: Mon-Fri 08:00-20:00, volume: 25/hour, handle_time: 7m,
     peak_factor: 1.4, target: {first_response: 4h}}
staffing: {agents: 46.05, shrinkage: 32%, max_occupancy: 88%, paid_hours_per_fte: 1720/year}
"""
PROMISED = {
    'service_level: "80% in 20s", abandonment_max: 5%': (
        'service_level: "80% in 0s", abandonment_max: 5.0%'
    ),
    "80% in 60s": "80% in 49s",
    "first_response: 30m": "first_response: 27m12s",
    "first_response: 4h": "first_response: 37m26s",
}
"""What `promise` says the pool of 46.05 FTE keeps on each channel, as a plan writes it."""


def _staffing_misses(invoke: Invoke, path: str) -> list[str]:
    report = json.loads(invoke("check", path, "-f", "json").out)["plans"][0]
    assert report["areas"]["staffing"] != "misaligned", report["areas"]
    return [f["message"] for f in report["findings"] if f["rule"] == "staffing-meets-targets"]


def test_a_pooled_plan_that_follows_promise_keeps_what_it_promised(
    plan_file, invoke: Invoke
) -> None:
    # Review calc38 F6 (its p/c02-pool4-46.0.yaml, pooled at 46.05 FTE): four channels share
    # the pool, none stating `agents`. The pool gives each its least to the tenth (phone 23.0,
    # chat 10.2, wa 4.0, mail 8.0 = 45.2), then moves them toward what the occupancy ceiling
    # needs: only mail's is above its least, and it takes the 0.85 left (8.85). `promise`
    # reads what each share keeps, each time rounded up. Written back, the
    # tighter targets need, to the tenth, 23.0 + 10.2 + 4.0 + 8.9 = 46.1 > 46.05; to the
    # millionth no more than the shares that keep them (≤ 46.05). Split in proportion to
    # the tenths (46.05/46.1 of each), chat got 10.189 (79.9% in 49 s) and wa 3.996 (90%
    # within 27m19s): "needs 10.2 FTE", "needs 4 FTE", of a pool that holds every need.
    said = invoke("promise", str(plan_file(FOUR_POOL))).out
    assert [line.split("; declared")[0] for line in said.splitlines()] == [
        "phone: can keep 80% answered at once; abandonment at most 5.0%",
        "chat: can keep 80% in 49s",
        "wa: can keep first response within 27m12s (90%)",
        "mail: can keep first response within 37m26s of open time (90%)",
    ]
    promised = FOUR_POOL
    for old, new in PROMISED.items():
        promised = promised.replace(old, new)
    assert _staffing_misses(invoke, str(plan_file(promised, "promised.yaml"))) == []
    # The review's own plan: the 46.0 pool with the targets promise offered it then. To the
    # tenth they need 23.4 + 10.4 + 4.0 + 8.3 = 46.1; wa (4.0 → 3.991) and mail (8.3 →
    # 8.282) failed by seconds ("answers 90% within 27m26s", "within 1h26m52s").
    review = (
        FOUR_POOL.replace("agents: 46.05", "agents: 46.0")
        .replace('"80% in 20s", abandonment_max: 5%', '"80% in 0s", abandonment_max: 4.6%')
        .replace("80% in 60s", "80% in 22s")
        .replace("first_response: 30m", "first_response: 27m12s")
        .replace("first_response: 4h", "first_response: 1h26m47s")
    )
    assert _staffing_misses(invoke, str(plan_file(review, "review.yaml"))) == []


def test_promise_says_what_the_staff_the_people_line_pays_for_keep(invoke: Invoke) -> None:
    # Review calc41 F10: 15 days of February 2028 (of 29) and 14 of March (of 31) are
    # (15/29 + 14/31) ÷ 12 = 0.080738 of a year; the people line, 3,700,000 JPY, pays for
    # 3,700,000 ÷ (4,800,000 × 0.080738) = 9.547 → 9.5 FTE of the 12.2 planned. On 9.5
    # FTE the phone (2,400 calls a week × 5 min over 45 open hours = 4.444 Erlangs) has
    # 5.09 on shift and answers 80% within 587.6 s: `fix --keep-budget` writes 80% in 10m,
    # and promise now says so where it said only that 12.2 FTE keep 80% in 1m.
    plan = str(Path(__file__).parent / "data" / "plans" / "people-line-short-jpy.yaml")
    result = invoke("promise", plan)
    assert "the people line pays for fewer FTE than planned (below)" in result.out
    assert (
        "people line: 3,700,000 JPY pays for 9.5 of the 12.2 FTE planned; on them (as "
        "`cs-align fix --keep-budget` writes it): phone 9.5 FTE keeps 80% in 10m"
    ) in result.out
    data = json.loads(invoke("promise", plan, "-f", "json").out)
    (phone,) = data["channels"]
    assert phone["planned_fte"] == 12.2 and phone["keepable"] == "80% in 58s"  # kept keys
    assert (phone["funded_fte"], phone["funded_keeps"]) == (9.5, "80% in 10m")
    assert data["people_line"] == {"amount": "3700000", "pays_for_fte": 9.5, "planned_fte": 12.2}
    fixed = invoke("fix", plan, "--keep-budget", "-f", "json")
    assert '"80% in 10m"' in fixed.out  # the same figure fix writes


def test_promise_on_a_paid_for_plan_adds_nulls(invoke: Invoke) -> None:
    data = json.loads(invoke("promise", str(EXAMPLES / "delight-aligned.yaml"), "-f", "json").out)
    assert data["people_line"] is None
    assert all(c["funded_fte"] is None and c["funded_keeps"] is None for c in data["channels"])


def test_promise_refuses_a_format_it_does_not_write(invoke: Invoke, plan_file) -> None:
    # `promise` writes a table or JSON; any other name is unusable input (exit 2), said
    # before the plan is sized for what its people line pays.
    result = invoke("promise", str(plan_file(GOOD)), "-f", "xml")
    assert result.code == 2
    assert (
        "unknown format 'xml' — JUnit is `cs-align check PLAN -f junit` (or `cs-align diff`) "
        "(here, use table or json)" in result.err
    )


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_report_says_what_promise_says_of_the_people_line(
    tmp_path: Path, invoke: Invoke, fmt: str
) -> None:
    # The same plan as above (calc41 F10's hand figures): the report's "what the current
    # staff can keep" now tells what the 9.5 FTE the people line pays for keep, as `promise`
    # does, where it listed only what the 12.2 planned keep (80% in 58s).
    plan = str(Path(__file__).parent / "data" / "plans" / "people-line-short-jpy.yaml")
    out = tmp_path / f"r.{fmt}"
    invoke("report", plan, "-o", str(out))
    text = out.read_text(encoding="utf-8")
    fix = (
        "`cs-align fix --keep-budget`" if fmt == "md" else "<code>cs-align fix --keep-budget</code>"
    )
    assert (
        f"The people line, 3,700,000 JPY, pays for 9.5 of the 12.2 FTE planned; on them (as {fix}"
        " writes it):"
    ) in text
    bold = "**phone**" if fmt == "md" else "<strong>phone</strong>"
    assert f"{bold}: 9.5 FTE keep 80% in 10m" in text
    paid_for = tmp_path / f"paid.{fmt}"
    invoke("report", str(EXAMPLES / "delight-aligned.yaml"), "-o", str(paid_for))
    assert "The people line," not in paid_for.read_text(encoding="utf-8")


def test_promise_over_intervals_says_the_tightest_target_the_staff_keep(
    invoke: Invoke, tmp_path: Path
) -> None:
    # Review calc44 (p03): 17 FTE over eight hourly intervals. Placed for the declared 80% in
    # 20s they answer 80% within 5m6s, and `promise` said so; placed for the promise itself
    # they keep 80% in 4m44s, which `fix --keep-budget` writes. Both now say 4m44s, and the
    # plan with it written back keeps it; more staff keep a tighter promise (16.5 FTE: 6m45s,
    # 18 FTE: 2m27s), each kept once written.
    plan = Path(__file__).parent / "data" / "plans" / "intraday-retarget-gbp.yaml"
    text = plan.read_text(encoding="utf-8")
    assert invoke("promise", str(plan)).out.startswith("phone: can keep 80% in 4m44s;")
    for fte, kept in (("16.5", "6m45s"), ("17", "4m44s"), ("18", "2m27s")):
        staffed = text.replace("agents: 17\n", f"agents: {fte}\n")
        assert staffed.count(f"agents: {fte}\n") == 2
        said = invoke("promise", str(_written(tmp_path, "staffed.yaml", staffed))).out
        assert said.startswith(f"phone: can keep 80% in {kept};"), said
        back = _written(tmp_path, "back.yaml", staffed.replace("80% in 20s", f"80% in {kept}"))
        data = json.loads(invoke("check", str(back), "-f", "json").out)
        assert not [
            f for f in data["plans"][0]["findings"] if f["rule"] == "staffing-meets-targets"
        ]


def _written(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_promise_over_intervals_reads_on_after_a_tighter_promise_is_missed(
    invoke: Invoke, tmp_path: Path
) -> None:
    # Review calc46 M01: 17 FTE on a chat line (two at a time, 16 half-hours). Placed for the
    # declared 85% in 30s they answer 85% within 29m55s (1794.4 s); placed for that, within
    # 20m22s (1221.2 s), which written back they miss (placed for it, 22m1s, 1320.3 s).
    # `promise` went back to 29m55s, though 29m54s, 29m50s and any time down to 20m41s
    # (1241 s) is kept once written (a whole-second scan of the target, each checked with the
    # staff placed for it), and `fix --keep-budget` writes 21m. It now says 20m41s: kept
    # written back, a second less missed, and the plan with it promises the same.
    plan = Path(__file__).parent / "data" / "plans" / "intraday-chat-settle-gbp.yaml"
    text = plan.read_text(encoding="utf-8")
    assert invoke("promise", str(plan)).out.startswith("chat: can keep 85% in 20m41s;")

    def misses(target: str) -> bool:
        back = _written(tmp_path, "back.yaml", text.replace("85% in 30s", target))
        data = json.loads(invoke("check", str(back), "-f", "json").out)
        return any(f["rule"] == "staffing-meets-targets" for f in data["plans"][0]["findings"])

    assert not misses("85% in 20m41s") and not misses("85% in 29m54s")
    assert misses("85% in 20m40s") and misses("85% in 20m22s")
    back = _written(tmp_path, "back.yaml", text.replace("85% in 30s", "85% in 20m41s"))
    assert invoke("promise", str(back)).out.startswith("chat: can keep 85% in 20m41s;")


def test_promise_over_intervals_settles_an_abandonment_ceiling_alone(
    invoke: Invoke, tmp_path: Path
) -> None:
    # Review calc46 M02: a lone abandonment ceiling (Erlang A, patience 60s, eight hourly
    # intervals) was read with the staff placed for the declared 1% and never written back:
    # 14 FTE were promised 21.4% where 21.3% is kept (and `fix --keep-budget` writes it), and
    # 15 FTE 17.7%, which written back they miss (placed for it, 17.8%). Now each promise is
    # kept written back and a tenth of a point less is missed.
    plan = Path(__file__).parent / "data" / "plans" / "intraday-abandonment-gbp.yaml"
    text = plan.read_text(encoding="utf-8")
    for fte, kept, missed in (("14", "21.3%", "21.2%"), ("15", "17.8%", "17.7%")):
        staffed = text.replace("agents: 14\n", f"agents: {fte}\n")
        said = invoke("promise", str(_written(tmp_path, "staffed.yaml", staffed))).out
        assert said.startswith(f"phone: can keep abandonment at most {kept};"), said
        for ceiling, misses in ((kept, False), (missed, True)):
            back = staffed.replace("abandonment_max: 1%", f"abandonment_max: {ceiling}")
            data = json.loads(
                invoke("check", str(_written(tmp_path, "b.yaml", back)), "-f", "json").out
            )
            found = data["plans"][0]["findings"]
            assert any(f["rule"] == "staffing-meets-targets" for f in found) is misses, ceiling


def _misses(invoke: Invoke, folder: Path, text: str) -> bool:
    """Whether `check` of the plan ``text`` finds a stated target missed."""
    data = json.loads(invoke("check", str(_written(folder, "back.yaml", text)), "-f", "json").out)
    return any(f["rule"] == "staffing-meets-targets" for f in data["plans"][0]["findings"])


@pytest.mark.parametrize(
    ("fte", "target", "was", "said", "tighter"),
    [
        # 17.5 FTE placed for 85% in 30s, ASA 20s read 85% in 8m53s, ASA 4m6s (kept written
        # back); placed for that, 8m12s and 3m46s, missed once written. Between the two, 8m23s
        # is kept beside ASA 4m6s, and then ASA 3m46s beside 8m23s: the service-level time
        # alone was searched to the second, and only for a lone service level.
        (
            "17.5",
            '{service_level: "85% in 30s", asa: 20s}',
            "85% in 8m53s; ASA 4m6s",
            "85% in 8m23s; ASA 3m46s",
            ["85% in 8m22s; ASA 3m46s", "85% in 8m23s; ASA 3m45s"],
        ),
        # An ASA alone: placed for the declared 20s they give 2m12s (kept), placed for that
        # 2m7s, missed; 2m8s is kept (2m7s missed).
        ("18", "{asa: 20s}", "ASA 2m12s", "ASA 2m8s", ["ASA 2m7s"]),
    ],
    ids=["service-level-and-asa", "asa"],
)
def test_promise_over_intervals_tightens_every_target_shape(
    invoke: Invoke, tmp_path: Path, fte: str, target: str, was: str, said: str, tighter: list[str]
) -> None:
    # Review calc46 (left open): the whole-second search covered a lone service level. Each
    # figure of a promise is now searched in the steps it is written in, the others as they
    # stand: the promise written back is kept, a step tighter in any figure is missed.
    plan = Path(__file__).parent / "data" / "plans" / "intraday-chat-settle-gbp.yaml"
    text = plan.read_text(encoding="utf-8").replace("agents: 17\n", f"agents: {fte}\n")
    text = text.replace('target: {service_level: "85% in 30s"}', f"target: {target}")
    out = invoke("promise", str(_written(tmp_path, "plan.yaml", text))).out
    assert out.startswith(f"chat: can keep {said};"), (out, was)

    def written(promise: str) -> str:
        fields = []
        for part in promise.split("; "):
            fields.append(
                f"asa: {part[4:]}" if part.startswith("ASA ") else f'service_level: "{part}"'
            )
        return text.replace(f"target: {target}", "target: {" + ", ".join(fields) + "}")

    assert not _misses(invoke, tmp_path, written(said))
    for promise in tighter:
        assert _misses(invoke, tmp_path, written(promise)), promise


def test_promise_over_intervals_tries_a_step_tighter_though_none_was_missed(
    invoke: Invoke, tmp_path: Path
) -> None:
    # Review calc47 R04: EUR, 9 hourly intervals of 40/75/95/90/60/70/85/65/35 calls × 5 min
    # (3.33 to 7.92 E), 16 FTE × 1,700 h × 70% ÷ 52.1786 weeks = 364.90 position-hours a
    # week over 45 h. An ASA target needs, hour by hour, the least whole headcount whose
    # Erlang C ASA (C·aht/(n − A)) is within it: for 37s, 6/9/11/10/8/9/10/8/5 (380
    # position-hours), so 364.90 are placed 364.90/380 of each: contact-weighted ASA
    # 36.172 s, written "ASA 37s" and kept; nothing was missed, so nothing tighter was tried.
    # For 36s the 11:00 hour needs 11 (385 position-hours) and the staff, placed for it, give
    # 35.191 s: kept. For 35s the same headcounts give 35.191 s: missed.
    plan = Path(__file__).parent / "data" / "plans" / "intraday-asa-placed-anew-eur.yaml"
    text = plan.read_text(encoding="utf-8")
    out = invoke("promise", str(_written(tmp_path, "plan.yaml", text))).out
    assert out.startswith("phone: can keep ASA 36s;"), out
    assert not _misses(invoke, tmp_path, text.replace("{asa: 10s}", "{asa: 36s}"))
    assert _misses(invoke, tmp_path, text.replace("{asa: 10s}", "{asa: 35s}"))
    # Control: where a step tighter is missed the promise stays: 17.5 FTE say ASA 17s as
    # before (16s missed written back).
    text = text.replace("agents: 16\n", "agents: 17.5\n")
    out = invoke("promise", str(_written(tmp_path, "plan.yaml", text))).out
    assert out.startswith("phone: can keep ASA 17s;"), out
    assert _misses(invoke, tmp_path, text.replace("{asa: 10s}", "{asa: 16s}"))


def test_promise_over_intervals_reads_an_asa_to_the_tenth(invoke: Invoke, tmp_path: Path) -> None:
    # Review calc46's abandonment plan (Erlang A, patience 60s) with ASA 10s beside 1%: 14 FTE
    # placed for the declared targets give ASA 8.5s and 21.4%; placed for those, 8.4s and
    # 21.3%, which was read as no tighter (8.4s and 8.5s compared to the whole second) and
    # not said. Both are kept written back; 8.3s or 21.2% beside the other are missed.
    plan = Path(__file__).parent / "data" / "plans" / "intraday-abandonment-gbp.yaml"
    text = plan.read_text(encoding="utf-8").replace(
        "target: {abandonment_max: 1%}", "target: {asa: 10s, abandonment_max: 1%}"
    )
    out = invoke("promise", str(_written(tmp_path, "plan.yaml", text))).out
    assert out.startswith("phone: can keep ASA 8.4s; abandonment at most 21.3%;"), out
    for asa, most, misses in (
        ("8.4s", "21.3%", False),
        ("8.3s", "21.3%", True),
        ("8.4s", "21.2%", True),
    ):
        back = text.replace(
            "{asa: 10s, abandonment_max: 1%}", f"{{asa: {asa}, abandonment_max: {most}}}"
        )
        assert _misses(invoke, tmp_path, back) is misses, (asa, most)


@pytest.mark.parametrize(
    ("declared", "said"),
    [
        # 13.8 FTE on delight's phone answer 85% within 20.26 s: the declared 20.3s is kept,
        # and the promise was that rounded up to the second, 21s, looser than it.
        ('target: {service_level: "85% in 20.3s", abandonment_max: 8%}', "85% in 20.3s"),
        # They leave 7.867% hanging up: the declared 7.87% is kept, the promise was 7.9%.
        (
            'target: {service_level: "80% in 20s", abandonment_max: 7.87%}',
            "80% answered at once; abandonment at most 7.87%",
        ),
    ],
    ids=["service-level", "abandonment"],
)
def test_a_promise_is_never_looser_than_a_declared_target_the_staff_keep(
    invoke: Invoke, tmp_path: Path, declared: str, said: str
) -> None:
    text = (EXAMPLES / "delight-aligned.yaml").read_text(encoding="utf-8")
    text = text.replace("agents: 16.2", "agents: 13.8").replace("agents: 20.7 ", "agents: 18.3 ")
    text = text.replace('target: {service_level: "80% in 20s", abandonment_max: 8%}', declared)
    out = invoke("promise", str(_written(tmp_path, "plan.yaml", text))).out
    assert out.startswith(f"phone: can keep {said}"), out
    assert "is kept by the planned 13.8 FTE" in out.splitlines()[0]
    # Control: planned staff that keep the declared target with room promise tighter still.
    assert invoke("promise", str(EXAMPLES / "delight-aligned.yaml")).out.startswith(
        "phone: can keep 80% answered at once; abandonment at most 3.8%;"
    )


FAST = (EXAMPLES / "fast-food-aligned.yaml").read_text()
PHONE_SHORT = (
    FAST.replace("    agents: 16.2", "    agents: 11")
    .replace("    patience: 2m               # mean caller patience: enables Erlang A\n", "")
    .replace(", abandonment_max: 8%", "")
    .replace("  agents: 20.7 ", "  agents: 15.5 ")
    .replace("people: 1283400", "people: 961000")
    .replace("total: 1415880", "total: 1093480")
)


def test_promise_and_fix_name_one_figure_for_a_loosened_time(invoke: Invoke, plan_file) -> None:
    # Review fix50f. Phone: 9,000 calls a month × 168 ÷ 730.5 = 2,069.8 a week over 60 open
    # hours = 34.5 an hour × 6 min = 3.45 Erlangs; 11 FTE × 1,800 h × 0.68 ÷ 52.18 weeks ÷
    # 60 h = 4.30 on shift, who keep 80% within 470.2 s (Erlang C, part-time cover), not the
    # declared 60 s. The people line pays for exactly the 15.5 FTE planned (15.5 × 62,000 =
    # 961,000). A tenth less money, 15.4 FTE, poured them phone 12.0 + e-mail 3.4 (3.4 keep
    # its business day), so the plan's 15.5 are shared so too, 12.1 + 3.4 (calc58: they
    # stood at 11 + 4.5, the phone 1 FTE worse off for 6,200 USD more), and `fix` writes the
    # time the 12.1 keep, 80% in 3m52s. `promise` names the same figure on the same staff
    # (before fix50f it said 80% in 7m51s where `fix` wrote 80% in 8m).
    path = str(plan_file(PHONE_SHORT))
    lines = invoke("promise", path).out.splitlines()
    assert lines[0].startswith("phone: can keep 80% in 7m51s; declared 80% in 1m needs"), lines
    assert lines[0].endswith("; the planned staff shared anew keep more (below)")
    assert lines[2] == (
        "people line: 961,000 USD pays for the 15.5 FTE planned, but as the plan shares them "
        "they miss a target; shared as `cs-align fix --keep-budget` writes it: phone 12.1 FTE "
        "keeps 80% in 3m52s; email 3.4 FTE keeps first response within 1 business day"
    )
    fixed = json.loads(invoke("fix", path, "--keep-budget", "-f", "json").out)
    changes = {c["path"]: c["after"] for c in fixed["changes"]}
    assert changes["channels[phone].target.service_level"] == "80% in 3m52s"
    assert (changes["channels[phone].agents"], changes["channels[email].agents"]) == ("12.1", "3.4")
    data = json.loads(invoke("promise", path, "-f", "json").out)
    phone = next(c for c in data["channels"] if c["channel"] == "phone")
    assert (phone["funded_fte"], phone["funded_keeps"]) == (12.1, "80% in 3m52s")
    assert data["people_line"] == {"amount": "961000", "pays_for_fte": 15.5, "planned_fte": 15.5}
    assert (phone["keepable"], phone["keepable_written"]) == ("80% in 7m51s", None)


ABANDON_ONLY = """version: 1
organisation: One Co
currency: USD
strategy: universal
promise: "We answer."
channels:
  - id: line
    kind: voice
    hours: Mon-Fri 09:00-17:00
    handle_time: 5m
    volume: {contacts: 1200, per: week}
    patience: 20s
    target: {service_level: "80% in 20s", abandonment_max: 10%}
    agents: 6.35
staffing: {agents: 6.35, shrinkage: 30%, paid_hours_per_fte: 40/week, loaded_cost_per_fte: 50000}
budget:
  total: 317500
  lines: {people: 317500}
"""


def test_promise_names_no_round_time_where_fix_keeps_the_time_written(
    invoke: Invoke, plan_file
) -> None:
    # Review calc50b. 1,200 calls × 5 min over 40 open hours a week = 2.5 Erlangs, 20 s
    # patience; 6.35 FTE × 0.7 = 4.445 on shift. Erlang A (own birth-death chain): 4 on shift
    # answer 85.57% within 20 s with 13.43% hanging up, 5 answer 93.50% with 5.98%: at 4.445,
    # 89.1% in time (the 80% in 20s kept, 80% even answered at once) and 10.12% hanging up,
    # over the 10% ceiling. The people line pays for the 6.35 planned, so `fix --keep-budget`
    # keeps 80% in 20s and writes abandonment_max 10.2% alone. Before: promise said "(80% in
    # 0s as a round figure, as `fix --keep-budget` writes it)" and JSON keepable_written
    # "80% in 0s", a target fix never writes.
    path = str(plan_file(ABANDON_ONLY))
    said = invoke("promise", path).out
    assert said.startswith(
        "line: can keep 80% answered at once; abandonment at most 10.2%; declared 80% in 20s"
    ), said
    assert "round figure" not in said
    fixed = json.loads(invoke("fix", path, "--keep-budget", "-f", "json").out)
    assert {c["path"]: c["after"] for c in fixed["changes"]} == {
        "channels[line].target.abandonment_max": "10.2%"
    }
    data = json.loads(invoke("promise", path, "-f", "json").out)
    assert data["channels"][0]["keepable_written"] is None


def test_promise_names_the_round_asa_fix_keep_budget_writes(invoke: Invoke, plan_file) -> None:
    # Review calc50b. 1,200 calls × 5 min over 40 open hours a week = 2.5 Erlangs, Erlang C,
    # ASA 30s the only target; 4.2 FTE × 0.7 = 2.94 on shift (weighted between 2 and 3) keep
    # an ASA of 490.986 s = 8m11s. The people line pays for the 4.2 planned, so `fix
    # --keep-budget` writes the ASA they keep rounded up to a round figure: over 5 minutes,
    # to the minute, ceil(490.986 / 60) = 9 -> 9m. Before: promise said "can keep ASA 8m11s"
    # with keepable_written null, as if fix wrote what promise said.
    text = ABANDON_ONLY.replace(
        '{service_level: "80% in 20s", abandonment_max: 10%}', "{asa: 30s}"
    ).replace("    patience: 20s\n", "")
    text = text.replace("agents: 6.35", "agents: 4.2").replace("317500", "210000")
    path = str(plan_file(text))
    said = invoke("promise", path).out
    assert said.startswith(
        "line: can keep ASA 8m11s (ASA 9m as a round figure, as `fix --keep-budget` writes it)"
    ), said
    fixed = json.loads(invoke("fix", path, "--keep-budget", "-f", "json").out)
    assert {c["path"]: c["after"] for c in fixed["changes"]} == {"channels[line].target.asa": "9m"}
    (line,) = json.loads(invoke("promise", path, "-f", "json").out)["channels"]
    assert line["keepable_seconds"] == pytest.approx(490.986, abs=0.001)
    assert (line["keepable"], line["keepable_written"]) == ("ASA 8m11s", "ASA 9m")
