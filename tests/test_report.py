"""Consultant reports read by real consumers: markdown-it-py and headless Chromium."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.conftest import EXAMPLES, GOOD, ROOT, Invoke

PLAN = "examples/delight-fedex-misaligned.yaml"
BASE = "examples/delight-aligned.yaml"


def report(invoke: Invoke, tmp_path: Path, name: str, *args: str) -> str:
    out = tmp_path / name
    result = invoke("report", PLAN, "-o", str(out), *args, cwd=ROOT)
    assert result.code == 1, result.err  # written, and the plan is misaligned
    return out.read_text(encoding="utf-8")


def test_markdown_golden_and_structure(invoke: Invoke, tmp_path: Path, golden) -> None:
    text = report(invoke, tmp_path, "r.md", "--baseline", BASE)
    golden("report.md", text)
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    tables = [t for t in tokens if t.type == "table_open"]
    fences = [t for t in tokens if t.type == "fence" and t.info == "mermaid"]
    assert len(tables) >= 6 and len(fences) == 4
    assert any(f.content.startswith("xychart-beta") for f in fences)
    assert any(f.content.startswith("pie") for f in fences)
    for heading in (
        "Executive summary",
        "What it would take",
        "Stress test: what if the inputs move",
        "Assumptions",
        "Against the baseline",
    ):
        assert f"## {heading}" in text


def test_html_golden_and_self_contained(invoke: Invoke, tmp_path: Path, golden) -> None:
    text = report(invoke, tmp_path, "r.html")
    golden("report.html", text)
    assert text.count("<svg") == 4
    assert (
        "<script" not in text
        and "http://" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")
        and "https://" not in text
    )
    assert "@media print" in text and 'name="viewport"' in text


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts += 1
        if tag not in ("meta", "br", "link", "rect", "circle", "line", "path"):
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("rect", "circle", "line", "path"):
            return
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()


def test_hostile_plan_text_stays_safe(invoke: Invoke, plan_file, tmp_path: Path) -> None:
    evil = '"<script>alert(1)</script> | a\\nb [x](javascript:y) `z`"'
    text = GOOD.replace("organisation: Example Delight Co", f"organisation: {evil}")
    text = text.replace("uses_scripts: false", "uses_scripts: true")
    plan = plan_file(text)
    html_out, md_out = tmp_path / "e.html", tmp_path / "e.md"
    assert invoke("report", str(plan), "-o", str(html_out)).code == 1  # scripts: misaligned
    page = html_out.read_text()
    assert "<script>" not in page and "&lt;script&gt;" in page
    parser = _Tags()
    parser.feed(page)
    assert parser.scripts == 0 and parser.stack == []
    assert invoke("report", str(plan), "-o", str(md_out)).code == 1
    md = md_out.read_text()
    assert "<script>" not in md
    tokens = MarkdownIt("commonmark").enable("table").parse(md)
    assert not any(t.type == "link_open" for t in tokens)
    heading = md.splitlines()[0]
    assert heading.startswith("# Customer-service alignment:") and "\\|" in heading


def test_custom_template_and_broken_ones(invoke: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "tpl"
    assert invoke("report", "--export-templates", str(folder)).code == 0
    assert (folder / "report.md").exists() and (folder / "report.html").exists()
    (folder / "report.md").write_text("# {{ plan.organisation }}: {{ verdict }}\n")
    out = tmp_path / "c.md"
    assert invoke("report", PLAN, "-o", str(out), "--template", str(folder), cwd=ROOT).code == 1
    assert out.read_text().startswith("# Example Delight Co: misaligned")
    cases = {
        "typo.md": ("line one\n{{ plan.organisaton }}\n", ":2:", "organisaton"),
        "syntax.md": ("ok\n\n{% for x in %}\n", ":3:", "template error"),
        "escape.md": ("{{ ''.__class__.__mro__ }}\n", ":1:", "template"),
        "outside.md": ("{% include '../secret.txt' %}\n", "tpl", "own folder"),
    }
    (tmp_path / "secret.txt").write_text("secret")
    for name, (body, where, fragment) in cases.items():
        (folder / name).write_text(body)
        result = invoke(
            "report", PLAN, "-o", str(tmp_path / "x.md"), "--template", str(folder / name), cwd=ROOT
        )
        assert result.code == 2, (name, result.err)
        assert where in result.err and fragment in result.err, (name, result.err)
        assert "Traceback" not in result.err and not (tmp_path / "x.md").exists()


@pytest.mark.parametrize(
    ("template", "told"),
    [
        ("tpl", "tpl/report.md:2:1: template error: 'nosuch' is undefined"),
        ("tpl/", "tpl/report.md:2:1: template error"),
        ("tpl/report.md", "tpl/report.md:2:1: template error"),
        ("syntax.md", "syntax.md:1:1: template error"),
        ("include.md", "include.md: template 'gone.md' not found in the current folder"),
        # An undefined name in an included template: its own file and line, not the
        # `{% include %}` line of the one including it.
        ("parts", "parts/part.md:2:1: template error: 'nope' is undefined"),
    ],
)
def test_a_template_error_names_the_template_as_written(
    invoke: Invoke, tmp_path: Path, template: str, told: str
) -> None:
    """A template error named the file by its absolute path (review user55: a client's
    terminal and a CI log showed /home/…/tpl/report.md for --template tpl/)."""
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "report.md").write_text("# title\n{{ nosuch.thing }}\n")
    (tmp_path / "syntax.md").write_text("{% if %}\n")
    (tmp_path / "include.md").write_text("{% include 'gone.md' %}\n")
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "report.md").write_text("a\nb\nc\n{% include 'part.md' %}\n")
    (tmp_path / "parts" / "part.md").write_text("x\n{{ nope }}\n")
    plan = str(ROOT / PLAN)
    result = invoke("report", plan, "-o", "x.md", "--template", template, cwd=tmp_path)
    assert result.code == 2, result.err
    assert result.err.startswith(told), result.err
    assert str(tmp_path) not in result.err


@pytest.mark.parametrize(
    ("out", "template", "told"),
    [
        (
            "r.md",
            "tpl/report.html",
            "tpl/report.html: is an HTML template, and the report is Markdown — name a "
            "Markdown template (such as report.md), or write the report as .html",
        ),
        (
            "r.html",
            "tpl/report.md",
            "tpl/report.md: is a Markdown template, and the report is HTML — name an HTML "
            "template (such as report.html), or write the report as .md",
        ),
    ],
)
def test_a_template_of_the_other_format_is_refused(
    invoke: Invoke, tmp_path: Path, out: str, template: str, told: str
) -> None:
    """`-o r.md --template tpl/report.html` wrote the HTML template's page into r.md
    (escaped for HTML) and said "wrote r.md (md, …)"; the other way round, Markdown in
    r.html (review user58). Now exit 2, nothing written, as `-f json -o x.sarif` is."""
    assert invoke("report", "--export-templates", "tpl", cwd=tmp_path).code == 0
    result = invoke("report", str(ROOT / PLAN), "-o", out, "--template", template, cwd=tmp_path)
    assert result.code == 2 and result.err.startswith(told), result.err
    assert not (tmp_path / out).exists()
    (tmp_path / "tpl" / "mine.j2").write_text((tmp_path / template).read_text())
    own = invoke("report", str(ROOT / PLAN), "-o", out, "--template", "tpl/mine.j2", cwd=tmp_path)
    assert own.code == 1 and (tmp_path / out).exists()  # a name of neither kind is the user's


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ("{{ plan.organisaton }}\n", "'organisaton' — did you mean 'organisation'?"),
        ("{{ take.neded_fte }}\n", "'neded_fte' — did you mean 'needed_fte'?"),
        ("{{ tke.needed_fte }}\n", "'tke' is undefined — did you mean 'take'?"),
    ],
)
def test_a_misspelt_name_in_a_template_is_told_the_one_meant(
    invoke: Invoke, tmp_path: Path, body: str, said: str
) -> None:
    # A template author was told only "use a name the report provides …; names are exact"
    # for `take.neded_fte` (user54), where the plan's own typos get did-you-mean.
    page = tmp_path / "mine.md"
    page.write_text(body, encoding="utf-8")
    result = invoke("report", PLAN, "-o", str(tmp_path / "x.md"), "--template", str(page))
    assert result.code == 2 and said in result.err, result.err
    assert f"{page}:1:" in result.err
    # A name like none the report provides is told the rule, with no guess.
    page.write_text("{{ zzz }}\n", encoding="utf-8")
    result = invoke("report", PLAN, "-o", str(tmp_path / "x.md"), "--template", str(page))
    assert result.code == 2 and "did you mean" not in result.err
    assert "`cs-align report --help` lists them" in result.err  # where the names are (user56)


@pytest.mark.parametrize("args", [[], ["-f", "html"], ["-f", "md"]])
@pytest.mark.parametrize("name", ["client.pdf", "client.DOCX"])
def test_a_report_named_as_another_document_is_refused(
    invoke: Invoke, tmp_path: Path, name: str, args: list[str]
) -> None:
    # `report plan -o client.pdf -f html` wrote HTML into client.pdf, exit 0: a file every
    # PDF viewer refuses, sent to a client (user54). Refused, nothing written, with the way
    # to a PDF.
    out = tmp_path / name
    result = invoke("report", PLAN, "-o", str(out), *args)
    assert result.code == 2 and not out.exists()
    assert "which cs-align does not write — write client.html and open it in a browser" in (
        result.err
    )


def test_render_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cs_align import templating
    from cs_align.errors import CsAlignError

    monkeypatch.setattr(templating, "MAX_SECONDS", 0.25)  # the timer takes fractions too
    slow = tmp_path / "slow.md"
    slow.write_text(
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    )
    with pytest.raises(CsAlignError, match=r"took over 0\.25 s"):
        templating.render("md", {}, slow)
    # The size limit on its own: on a loaded machine 20 MB can take longer than 0.25 s.
    monkeypatch.setattr(templating, "MAX_SECONDS", 600)
    big = tmp_path / "big.md"
    big.write_text("{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}")
    with pytest.raises(CsAlignError, match="over 20 MB"):
        templating.render("md", {}, big)


def test_report_never_overwrites_what_it_did_not_write(invoke: Invoke, tmp_path: Path) -> None:
    mine = tmp_path / "notes.md"
    mine.write_text("my own notes\n")
    result = invoke("report", PLAN, "-o", str(mine), cwd=ROOT)
    assert result.code == 2 and "--force" in result.err
    assert mine.read_text() == "my own notes\n"
    assert invoke("report", PLAN, "-o", str(mine), "--force", cwd=ROOT).code == 1
    assert invoke("report", PLAN, "-o", str(mine), cwd=ROOT).code == 1  # ours now
    plan = tmp_path / "p.yaml"
    plan.write_text(GOOD)
    assert invoke("report", str(plan), "-o", str(plan), "-f", "md").code == 2
    assert plan.read_text() == GOOD


def _chromium() -> str | None:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None and os.environ.get("CI"):
        pytest.fail("chromium is not installed; .ci/run installs it")
    return found


def test_html_renders_in_headless_chromium(invoke: Invoke, tmp_path: Path) -> None:
    browser = _chromium()
    if browser is None:
        pytest.skip("chromium is not installed")
    page = tmp_path / "r.html"
    page.write_text(report(invoke, tmp_path, "src.html"))
    shot, pdf = tmp_path / "shot.png", tmp_path / "r.pdf"
    # One browser start does all three: the DOM, a screenshot and a PDF.
    dom = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--enable-logging=stderr",
            "--v=0",
            "--dump-dom",
            f"--screenshot={shot}",
            "--window-size=1000,2400",
            f"--print-to-pdf={pdf}",
            "--no-pdf-header-footer",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert dom.stdout.count("<svg") == 4 and "Executive summary" in dom.stdout
    assert "CONSOLE" not in dom.stderr and "Uncaught" not in dom.stderr
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 10_000


PHONE = 390
"""CSS pixels: the width of a common phone (iPhone 12 to 15)."""


def _phone_frame(report_html: str) -> str:
    """A page that shows the report in a phone-wide frame and writes what it measures into
    its own body. (`--dump-dom` lays a page out at least 500 px wide whatever
    `--window-size` says, so the report is measured in a frame; srcdoc keeps the frame's
    document readable from the page. The frame is tall, so it has no vertical scrollbar.)"""
    return f"""<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" style="width:{PHONE}px;height:30000px;border:0"
        srcdoc="{html.escape(report_html, quote=True)}"></iframe>
<script>
window.addEventListener("load", () => {{
  const doc = document.getElementById("f").contentDocument;
  const wide = [...doc.querySelectorAll("body *")]
    .filter(e => e.getBoundingClientRect().right > {PHONE} + 0.5)
    .map(e => e.tagName + " " + (e.textContent || "").trim().slice(0, 30));
  document.body.dataset.scrollWidth = doc.documentElement.scrollWidth;
  document.body.dataset.wide = wide.slice(0, 10).join(" | ");
}});
</script></body></html>"""


def test_html_report_needs_no_sideways_scrolling_on_a_phone(invoke: Invoke, tmp_path: Path) -> None:
    browser = _chromium()
    if browser is None:
        pytest.skip("chromium is not installed")
    # The widest report: four channels, the baseline's tables, an unbreakable long name.
    long_name = "Example-Tiered-Customer-Service-Organisation-With-A-Very-Long-Name"
    text = (EXAMPLES / "tiered-misaligned.yaml").read_text(encoding="utf-8")
    plan = tmp_path / "wide.yaml"
    plan.write_text(text.replace("organisation: Example Tiered Co", f"organisation: {long_name}"))
    page = tmp_path / "wide.html"
    baseline = str(EXAMPLES / "tiered-aligned.yaml")
    assert invoke("report", str(plan), "-o", str(page), "--baseline", baseline).code == 1
    assert long_name in page.read_text(encoding="utf-8") and "Against the baseline" in (
        page.read_text(encoding="utf-8")
    )
    host = tmp_path / "phone.html"
    host.write_text(_phone_frame(page.read_text(encoding="utf-8")), encoding="utf-8")
    shot = tmp_path / "phone.png"
    # One browser start: the measurements, and a phone-wide screenshot of the framed report.
    dom = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--dump-dom",
            "--hide-scrollbars",
            f"--window-size={PHONE},3000",
            f"--screenshot={shot}",
            host.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    measured = re.search(r'data-scroll-width="(\d+)"', dom)
    assert measured, dom[-2000:]
    assert int(measured[1]) <= PHONE
    wide = re.search(r'data-wide="([^"]*)"', dom)
    assert wide is not None and wide[1] == ""  # nor does any box inside need scrolling
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(png[16:20], "big") == PHONE


def test_every_example_reports(invoke: Invoke, tmp_path: Path) -> None:
    for plan in sorted(EXAMPLES.glob("*.yaml"))[:6]:
        out = tmp_path / f"{plan.stem}.html"
        misaligned = "# expect: misaligned" in plan.read_text(encoding="utf-8")
        assert invoke("report", str(plan), "-o", str(out)).code == int(misaligned)
        assert out.exists()


def test_a_template_compiles_once_and_again_when_its_file_changes(tmp_path: Path) -> None:
    from cs_align import templating

    page = tmp_path / "report.md"
    page.write_text("A {{ x }}\n")
    assert templating.render("md", {"x": 1}, page) == "A 1\n"
    env = templating._environment(tmp_path.resolve(), False)
    first = env.get_template("report.md")
    assert templating.render("md", {"x": 2}, page) == "A 2\n"
    assert env.get_template("report.md") is first  # compiled once, reused
    page.write_text("B {{ x }}\n")  # same size, rewritten at once: still noticed
    assert templating.render("md", {"x": 3}, page) == "B 3\n"
    page.unlink()
    with pytest.raises(templating.TemplateError, match="no such template"):
        templating.render("md", {"x": 4}, page)


def test_the_tornado_swings_are_the_stress_tables_differences(
    invoke: Invoke, tmp_path: Path
) -> None:
    # Each bar spans the needs the stress table beside it shows: aht 19.2 − 15.9 = 3.3 (the
    # bars were exact differences, 3.2, beside a table that read 3.3).
    text = report(invoke, tmp_path, "r.md", "--baseline", BASE)
    rows = {
        cells[1].strip(): Decimal(cells[3])
        for line in text.splitlines()
        if line.startswith("| ")
        and len(cells := line.split("|")) > 4
        and cells[2].strip() in ("aligned", "at-risk", "misaligned")
    }
    spans = text.split("xychart-beta horizontal")[1].split("bar [")[1].split("]")[0]
    keys = ("volume", "aht", "shrinkage")
    expected = []
    for key in keys:
        tried = [v for k, v in rows.items() if k.startswith(key)] + [rows["as planned"]]
        expected.append(max(tried) - min(tried))
    assert [Decimal(s) for s in spans.split(", ")] == expected


def test_html_shows_code_in_findings_as_code_not_backticks(invoke: Invoke, tmp_path: Path) -> None:
    """Fix texts are written for Markdown: in HTML their `…` showed as stray backticks
    (review out29 R16)."""
    out = tmp_path / "r.html"
    invoke("report", "examples/delight-underfunded-misaligned.yaml", "-o", str(out), cwd=ROOT)
    fixes = [line.strip() for line in out.read_text().splitlines() if 'class="fix"' in line]
    assert fixes[0] == (
        '<span class="fix">Fix: fund 1,072,600 USD for people, or lower the targets to what '
        "930,000 USD pays for (<code>cs-align promise</code>) · Source: essay 004 (planning one "
        "thing and funding another is the failure; invest appropriately)</span>"
    )
    assert not any("`" in line for line in fixes)


def _many_channels() -> str:
    """13 voice lines staffed at what 80% in 20 s needs (1 on shift for 150 calls a day of
    2 minutes, 24x7, no shrinkage), which a 30% surge leaves a whole person short (2 needed:
    1 to spare less 2, over 1, is -100%), and an inbox that misses its first response as
    planned (2.5 FTE of 3), which the surge leaves less short (4 needed: -60%)."""
    voice = "\n".join(
        f"  - {{id: line-{n:02d}, kind: voice, volume: 150/day, handle_time: 2m, "
        f'target: {{service_level: "80% in 20s"}}, agents: 1}}'
        for n in range(13)
    )
    return (
        "version: 1\norganisation: Many Lines Co\nstrategy: universal\n"
        'promise: "Calls answered within 20 seconds; email within an hour."\n'
        f"channels:\n{voice}\n"
        "  - {id: inbox, kind: email, volume: 600/day, handle_time: 6m, "
        "target: {first_response: 1h}, agents: 2.5}\n"
        "staffing: {agents: 15.5, shrinkage: 0%, paid_hours_per_fte: 8766/year}\n"
    )


def test_a_capped_chart_shows_channels_that_fail_first_and_says_it_is_a_part(
    invoke: Invoke, tmp_path: Path
) -> None:
    """14 staffed channels, 12 shown: the inbox that misses its target as planned is among
    them, though a surge leaves the voice lines shorter, and the Channels section says the
    chart is a part (review out29 R17: two failing channels left out, silently)."""
    plan = tmp_path / "many.yaml"
    plan.write_text(_many_channels(), encoding="utf-8")
    out = tmp_path / "many.md"
    invoke("report", str(plan), "-o", str(out))
    text = out.read_text(encoding="utf-8")
    chart = next(line for line in text.splitlines() if line.strip().startswith('x-axis ["'))
    assert '"inbox"' in chart and chart.count('"line-') == 11  # in the plan's order
    note = "the 12 of 14 staffed channels that fail as planned or have the least headroom."
    assert f"The chart shows {note}" in text
    html_out = tmp_path / "many.html"
    invoke("report", str(plan), "-o", str(html_out))
    assert f"<p>The chart shows {note}</p>" in html_out.read_text(encoding="utf-8")


def test_people_on_shift_in_the_thousands_read_as_the_messages_write_them(
    invoke: Invoke, tmp_path: Path
) -> None:
    """The report's on-shift column groups thousands as every message does (left open by
    out29: "1234 / 1100" beside "needs 1,234 on shift" in the findings)."""
    big = GOOD.replace("contacts: 9000, per: month", "contacts: 7_200_000, per: month")
    plan = tmp_path / "big.yaml"
    plan.write_text(big, encoding="utf-8")
    out = tmp_path / "big.md"
    invoke("report", str(plan), "-o", str(out))
    text = out.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("| phone |"))
    needed = row.split(" | ")[4].split(" / ")[0]
    assert re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d\d)?", needed), row
    # The least on shift that keeps the target, as the finding tells it (calc33 F6).
    assert f"FTE, {needed} on shift" in text


def test_a_folder_as_the_report_file_is_said_to_be_a_folder(invoke: Invoke, tmp_path: Path) -> None:
    # Review input31 F16: "cannot tell the format of adir — name the file .md or .html".
    (tmp_path / "adir").mkdir()
    result = invoke("report", PLAN, "-o", str(tmp_path / "adir"), cwd=ROOT)
    assert result.code == 2
    assert f"--output {tmp_path / 'adir'}/ is a folder — name a file in it" in result.err


def test_on_shift_beside_a_kept_need_is_what_that_need_puts_there(
    invoke: Invoke, tmp_path: Path
) -> None:
    # Review calc39 F12: a channel that keeps its target showed the whole headcount as its
    # need on shift. Chat, 24x7, 14.2 FTE × 0.67 × 2,080 h ÷ 52.18 weeks ÷ 168 h = 2.2575 on
    # shift (shown cut down, 2.25, as every planned figure: review calc51 W1), keeping 80% in
    # 60s: it needs what it has, "2.25 / 2.25", not "3 / 2.25".
    from tests.test_fix import KUWAIT

    plan = tmp_path / "kw.yaml"
    plan.write_text(KUWAIT, encoding="utf-8")
    invoke("report", str(plan), "-o", str(tmp_path / "kw.md"))
    text = (tmp_path / "kw.md").read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("| chat | 80% in 1m |"))
    assert row.split(" | ")[2:5] == ["14.2", "14.2", "2.25 / 2.25"], row


def test_a_target_with_no_volume_is_not_covered_by_the_staff(
    invoke: Invoke, tmp_path: Path
) -> None:
    # Review calc41 F11: a phone line promising 80% in 60s with no volume read "The planned
    # 20.7 FTE cover the 3.5 FTE the targets need" (the phone counted as needing none), and
    # `promise` said it "declared no target".
    plan = tmp_path / "novol.yaml"
    plan.write_text(GOOD.replace("    volume: {contacts: 9000, per: month}\n", "", 1))
    invoke("report", str(plan), "-o", str(tmp_path / "r.md"))
    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "the other targets need; the needs of phone cannot be checked (no volume)." in text
    said = invoke("promise", str(plan)).out
    assert "phone: cannot be checked: no volume; declared 80% in 20s" in said, said


ASA_AND_ABANDONMENT = """\
version: 1
organisation: Calc Nine AB
currency: SEK
period: {start: 2027-01-01, end: 2027-12-31}
strategy: delight
promise: "Average answer within 15 seconds; few callers give up."
channels:
  - id: phone
    kind: voice
    hours: 24x7
    volume: {contacts: 100000, per: month}
    handle_time: 4m
    target: {service_level: "80% in 20s", asa: 15s, abandonment_max: 4%}
    patience: 45s
    agents: 98
  - id: help-centre
    kind: self-service
    containment: 40%
    outage_updates: true
staffing:
  agents: 98
  shrinkage: 35%
  max_occupancy: 88%
  paid_hours_per_fte: 1720/year
  loaded_cost_per_fte: 520000
  training_hours_per_agent: 120
  uses_scripts: false
  rewarded_on: [csat, first_contact_resolution]
  refund_authority: 200
  escalation_to_engineering: true
  leadership_service_hours_per_month: 4
  annual_attrition: 20%
  product_people_in_conversation: false
budget:
  total: 60000000
  lines: {people: 50960000, training: 4000000, tooling: 4000000, goodwill: 1040000}
"""


def test_the_channel_table_names_every_target_the_need_is_for(
    invoke: Invoke, tmp_path: Path
) -> None:
    # Review calc44 K05: a phone line promising 80% in 20s, ASA 15s and abandonment at most
    # 4% (patience 45s) read "| phone | 80% in 20s | 101.0 | 98.0 | … | 92.5% |": short of
    # staff for the one target it beats. By hand: 100,000 calls a month × 4m, 24x7, is
    # 9.12617 Erlangs; 98 FTE × 1,720 h × 0.65 ÷ 52.18 weeks ÷ 168 h = 12.4987 on shift,
    # Erlang A weighted between 12 and 13 people: 92.47% within 20s, ASA 1.46s, abandonment
    # 4.876% > 4% (100.9 FTE: 4.028%; 101 FTE: 3.999%). Abandonment sets the need of 101.
    plan = tmp_path / "asa.yaml"
    plan.write_text(ASA_AND_ABANDONMENT, encoding="utf-8")
    for name in ("r.md", "r.html"):
        assert invoke("report", str(plan), "-o", str(tmp_path / name)).code == 1
    md = (tmp_path / "r.md").read_text(encoding="utf-8")
    row = next(line for line in md.splitlines() if line.startswith("| phone | "))
    cells = row.split(" | ")
    assert cells[1] == "80% in 20s, ASA 15s, abandonment at most 4%", row
    assert cells[2:4] == ["101.0", "98.0"] and cells[-1] == "4.9% |", row
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert '<td data-label="target">80% in 20s, ASA 15s, abandonment at most 4%</td>' in page
    # The check names the same targets for the same need.
    said = invoke("check", str(plan)).out
    assert "80% in 20s, ASA 15s, abandonment at most 4% needs 101 FTE" in said
    # `check`'s JSON keeps `target` (the first) and adds `targets` (every one); its Markdown
    # table, a pull request's comment, names every one too.
    import json

    channels = json.loads(invoke("check", str(plan), "-f", "json").out)["plans"][0]["metrics"]
    phone = next(c for c in channels["channels"] if c["id"] == "phone")
    assert phone["target"] == "80% in 20s"
    assert phone["targets"] == "80% in 20s, ASA 15s, abandonment at most 4%"
    table = invoke("check", str(plan), "-f", "markdown").out
    assert "| 101.0 | 98.0 | 80% in 20s, ASA 15s, abandonment at most 4% | 92.5% |" in table


def test_json_and_the_report_name_one_figure_required_positions(
    invoke: Invoke, tmp_path: Path
) -> None:
    # Review fix50f: JSON's `required_positions` was the exact need on shift (1.6024 for the
    # delight example's e-mail), the report's column of that name what the FTE shown put on
    # shift, two figures under one name. E-mail: 4.5 FTE put 2.1112 on shift; the need,
    # 1.6024 on shift (3.4155 FTE), is shown as 3.5 FTE (up to the tenth), which put
    # 3.5 ÷ 4.5 × 2.1112 = 1.6421 on shift: JSON gives 1.6421 (4 places, up), the report's
    # on-shift column 1.65 (to the hundredth, up, as every need: review left37), the figure
    # the same 3.5 FTE put there; planned 2.1112 is cut down to 2.11.
    data = json.loads(invoke("check", PLAN, "-f", "json", cwd=ROOT).out)
    email = next(c for c in data["plans"][0]["metrics"]["channels"] if c["id"] == "email")
    assert (email["required_fte"], email["required_positions"]) == (3.5, 1.6421)
    ratio = email["planned_positions"] / email["planned_fte"]
    assert abs(email["required_positions"] - email["required_fte"] * ratio) < 1e-4
    invoke("report", PLAN, "-o", str(tmp_path / "r.md"), cwd=ROOT)
    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("| email |"))
    assert row.split(" | ")[2:5] == ["3.5", "4.5", "1.65 / 2.11"], row


def test_the_stress_notes_read_as_prose_in_both_reports(invoke: Invoke, tmp_path: Path) -> None:
    """delight-fedex has 12.2 FTE on no channel, so every default stress carries a note
    that `cs-align fix` moves them before it hires (review p-fix51o 5). A client's HTML
    report showed the note's backticks ("which `cs-align fix` moves"), the Markdown report
    escaped them (GitHub showed the backticks too) and ran the ten notes together into one
    paragraph; `whatif -f markdown` escaped them likewise (review user52). Now the first
    note is a paragraph with `cs-align fix` as code, as a finding's fix is, and the nine
    other scenarios a list under it, each its own figures (the same sentence ten times over
    buried them, user54)."""
    page = report(invoke, tmp_path, "r.html")
    # (the occupancy ceiling's notes, planner62, follow the staff-to-spare ones)
    notes = [n for n in re.findall(r"<p>Note: (.*?)</p>", page) if "ceiling raises" not in n]
    notes = [n for n in notes if "price the targets alone" not in n]
    assert len(notes) == 1 and "which <code>cs-align fix</code> moves" in notes[0]
    assert notes[0].endswith("In the other scenarios:")
    items = re.findall(r"<li>(volume|aht|shrinkage)([^<]*)</li>", page)
    items = [i for i in items if "the ceiling raises" not in i[1]]
    assert len(items) == 9  # the nine default stresses
    assert "`" not in page
    shown = MarkdownIt("commonmark").enable("table").render(report(invoke, tmp_path, "r.md"))
    paragraphs = re.findall(r"<p>Note: (.*?)</p>", shown, re.DOTALL)
    paragraphs = [p for p in paragraphs if "price the targets alone" not in p]
    assert len(paragraphs) == 1 and "\n" not in paragraphs[0]
    assert "which <code>cs-align fix</code> moves" in paragraphs[0]
    listed = re.findall(r"<li>((?:volume|aht|shrinkage)[^<]*)</li>", shown)
    listed = [item for item in listed if "the ceiling raises" not in item]
    assert len(listed) == 9 and all("(it would hire" in item for item in listed)
    assert "`" not in shown
    whatif = invoke("whatif", PLAN, "-f", "markdown", cwd=ROOT)
    assert whatif.code == 1, whatif.err
    shown = MarkdownIt("commonmark").enable("table").render(whatif.out)
    assert "which <code>cs-align fix</code> moves" in shown and "`" not in shown


@pytest.mark.parametrize("suffix", ["md", "html"])
def test_a_summary_without_the_declared_tally_starts_with_a_capital(
    invoke: Invoke, tmp_path: Path, suffix: str
) -> None:
    # Review calc54 F3: a plan under `universal` (no declared tally to lead with) opened its
    # summary "**Verdict: MISALIGNED.**" then "the plan's figures fit fast-food best."
    plan = tmp_path / "week.yaml"
    plan.write_text(
        (ROOT / "tests" / "data" / "plans" / "split-shift-quarter.yaml").read_text(), "utf-8"
    )
    out = tmp_path / f"r.{suffix}"
    assert invoke("report", str(plan), "-o", str(out)).code == 1
    text = " ".join(re.sub(r"<[^>]+>|\*\*", "", out.read_text(encoding="utf-8")).split())
    summary = text[text.index("Executive summary") :]
    assert "The plan's figures fit fast-food best." in summary, summary[:400]
    assert "the plan's figures" not in summary[:400]


OVER_THE_CEILING = """\
version: 1
organisation: Ceiling Co
currency: USD
period: {start: 2027-01-01, end: 2027-12-31}
strategy: universal
promise: "Calls answered on average within 3 minutes."
channels:
  - {id: phone, kind: voice, hours: 24x7, volume: 14280.1/week, handle_time: 6m,
     target: {asa: 3m}, agents: 60}
staffing: {agents: 60, shrinkage: 30%, max_occupancy: 85%, paid_hours_per_fte: 40/week,
  loaded_cost_per_fte: 50000}
budget: {total: 3000000, lines: {people: 3000000}}
"""


@pytest.mark.parametrize("suffix", ["md", "html"])
def test_occupancy_a_hair_over_the_ceiling_shows_the_digits_that_say_so(
    invoke: Invoke, tmp_path: Path, suffix: str
) -> None:
    # Review calc54 F5: 14,280.1 calls a week × 0.1 h ÷ 168 h = 8.50006 Erlangs on exactly 10
    # on shift (60 FTE × 28 h ÷ 168 h): 85.0006% busy against an 85% ceiling. occupancy-cap
    # warns "85.001%" and whatif shows 85.001%; the report's channel table read "85%".
    plan = tmp_path / "ceiling.yaml"
    plan.write_text(OVER_THE_CEILING, encoding="utf-8")
    checked = invoke("check", str(plan))
    assert "planned agents would be 85.001% occupied; the ceiling is 85%" in checked.out
    out = tmp_path / f"r.{suffix}"
    assert invoke("report", str(plan), "-o", str(out)).code == 0  # a warning
    text = " ".join(re.sub(r"<[^>]+>", " ", out.read_text(encoding="utf-8")).split())
    row = (
        text[text.index("phone ASA 3m") :]
        if suffix == "html"
        else next(
            line
            for line in out.read_text(encoding="utf-8").splitlines()
            if line.startswith("| phone | ASA 3m |")
        )
    )
    assert "85.001%" in row[:200], row[:200]


@pytest.mark.parametrize("name", ["r.md", "r.html"])
def test_a_finding_of_two_areas_is_written_out_once(
    invoke: Invoke, tmp_path: Path, name: str
) -> None:
    """staffing-meets-targets judges staffing and response targets: its message is written
    under Staffing, and Response targets points to it (the terminal counts it once too)."""
    text = report(invoke, tmp_path, name)
    section = text[text.index("Findings by area") : text.index("Channels")]
    assert section.count("which answers 22.3% within the target time") == 1
    responses = section[section.index("Response targets") : section.index("Budget")]
    assert "staffing-meets-targets" in responses
    assert re.search(r"listed under Staffing", responses, re.IGNORECASE)
    assert "Nothing to report" not in responses


def test_a_findings_message_fix_and_source_render_as_lines_of_their_own(
    invoke: Invoke, tmp_path: Path
) -> None:
    """In the Markdown report, a finding's fix and source were continuation lines of its
    list item, which Markdown joins into one paragraph: "…the abandonment ceiling Fix: plan
    13.8 FTE … (`cs-align promise`) Source: essay 002 …" (review user58). Each now ends
    with a hard line break, as the HTML report sets them apart."""
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").render(report(invoke, tmp_path, "r.md"))
    item = next(li for li in html.split("<li>") if "staffing-meets-targets</code> (" in li)
    lines = [line.strip() for line in item.split("<br />")]
    assert len(lines) == 3, item
    assert lines[0].endswith("the abandonment ceiling")
    assert lines[1].startswith("<em>Fix:</em> plan 13.8 FTE for phone")
    assert lines[2].startswith("<em>Source:</em> essay 002")


def test_report_help_lists_every_template_variable(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The built-in template says "Variables: see `cs-align report --help`", and the help
    named none (review user56): a consultant writing a template had only the built-ins."""
    import cs_align.templating

    seen: dict[str, object] = {}
    real = cs_align.templating.render

    def spy(fmt: str, context: dict[str, object], template: object = None) -> str:
        seen.update(context)
        return real(fmt, context, template)  # type: ignore[arg-type]

    monkeypatch.setattr(cs_align.templating, "render", spy)
    report(invoke, tmp_path, "r.md")
    assert seen
    helped = " ".join(invoke("report", "--help").out.split())
    listed = helped.split("Template variables", 1)[1]
    for name in seen:
        assert re.search(rf"\b{name}\b", listed), f"{name} is not in report --help"
    for name in ("findings", "also"):  # an area's, which a template loops over
        assert name in listed


def test_each_html_chart_tells_a_screen_reader_its_figures(invoke: Invoke, tmp_path: Path) -> None:
    """A `role="img"` chart is read by its label alone: it said "Budget split" and no share,
    "Needed vs planned FTE per channel" and no FTE (review user56)."""
    text = report(invoke, tmp_path, "r.html")
    labels = [html.unescape(a) for a in re.findall(r'<svg[^>]*aria-label="([^"]*)"', text)]
    assert len(labels) == 4
    fte, budget, tornado, curve = labels
    assert "phone 13.8 needed, 4.0 planned" in fte
    assert "people 83.3%" in budget and "goodwill 1.6%" in budget
    assert "as planned 17.3 FTE needed" in tornado and "volume +30% +3.7" in tornado
    assert "1.56 on shift (planned) 22.3%" in curve and "target 80%" in curve


@pytest.mark.parametrize("name", ["r.md", "r.html"])
def test_a_waiver_that_matches_nothing_is_in_the_report(
    invoke: Invoke, tmp_path: Path, name: str
) -> None:
    """`check` tells a waiver that matches no finding; the report was given it
    (`unmatched_waivers`) and showed it nowhere, so a client's report hid a stale waiver
    (review user56)."""
    import datetime as dt

    soon = (dt.date.today() + dt.timedelta(days=90)).isoformat()
    waiver = (
        "waivers:\n  - rule: no-scripts\n    path: staffing.uses_scripts\n"
        f"    reason: Scripts stay until March\n    owner: head-of-service\n    expires: {soon}\n"
    )
    plan = tmp_path / "plan.yaml"
    plan.write_text(GOOD + waiver, encoding="utf-8")
    out = tmp_path / name
    assert invoke("report", str(plan), "-o", str(out)).code == 0
    text = html.unescape(out.read_text(encoding="utf-8")).replace("\\_", "_")
    assert "Waivers that match no finding" in text
    assert "the waiver for no-scripts at staffing.uses_scripts matches no finding" in text
