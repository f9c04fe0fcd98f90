"""The consultant report as a client reads it: words whole, charts labelled in words, the
sums a paragraph gives not contradicting each other (review consult47)."""

from __future__ import annotations

import html
import itertools
import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, Invoke
from tests.test_report import _chromium

DESKTOP = 1280

_BROKEN_WORDS = """<script>
window.addEventListener("load", () => {
  // A word (letters between spaces, hyphens and slashes) whose characters lie on more than
  // one line was broken inside it.
  const broken = [];
  for (const cell of document.querySelectorAll("th, td")) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/[^\\s\\-\\u2013\\/]+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (tops.size > 1) broken.push(m[0]);
      }
    }
  }
  document.body.dataset.broken = broken.slice(0, 20).join(" | ");
});
</script>"""


def _dump(browser: str, page: Path, tmp_path: Path, width: int) -> str:
    return subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--dump-dom",
            f"--window-size={width},3000",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout


@pytest.mark.parametrize("example", ["tiered-misaligned.yaml", "engagement-aligned.yaml"])
def test_table_words_are_never_broken_inside_on_a_desktop(
    invoke: Invoke, tmp_path: Path, example: str
) -> None:
    """At 1280 px the channels table's ten columns broke their headings and cells inside
    words ("chann|el", "planne|d FTE", "misalign|ed", "commu|nity"): the page let any
    character end a line, so each column shrank to a letter or two. A line may end only
    between words (or at a hyphen); a name too long for its column makes the table scroll
    sideways in its own box, as it did already. (A row's name may wrap anywhere, but not
    before 6rem: "commu|nity" broke once long ids could.)"""
    browser = _chromium()
    if browser is None:
        pytest.skip("chromium is not installed")
    out = tmp_path / "r.html"
    assert invoke("report", str(EXAMPLES / example), "-o", str(out)).code in (0, 1)
    page = tmp_path / "measured.html"
    page.write_text(
        out.read_text(encoding="utf-8").replace("</body>", _BROKEN_WORDS + "</body>"),
        encoding="utf-8",
    )
    dom = _dump(browser, page, tmp_path, DESKTOP)
    found = re.search(r'data-broken="([^"]*)"', dom)
    assert found is not None, dom[-2000:]
    assert found[1] == ""


_TEXT = re.compile(r'<text x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>')


def _texts(svg: str) -> list[tuple[float, float, str]]:
    return [(float(x), float(y), t) for x, y, t in _TEXT.findall(svg)]


def test_the_fte_chart_names_what_it_plots_as_the_table_does() -> None:
    """The bars are the channels table's "needed FTE" (24.7 for a need JSON gives as
    `needed_fte` 24.7 and `required_fte` 25.94): the legend said "required". Each bar is
    named in its label too, not by its colour alone."""
    from cs_align.charts import svg_fte

    svg = str(svg_fte([("concierge", 24.7, 9.0)]))
    words = [t for _, _, t in _texts(svg)]
    assert "required" not in words and "needed" in words
    assert "24.7 needed" in words and "9.0 planned" in words


def test_a_service_level_curve_says_in_the_picture_whose_it_is() -> None:
    """Three curves in a report were told apart only by a tooltip (`<title>`): the picture
    showed no channel, no axis name, and the planned point only as an orange dot. And the
    tick under the planned 10.09 was printed over the one under 10 ("1010.09")."""
    from cs_align.charts import svg_curve

    points = [(n, min(1.0, n / 12)) for n in (6, 7, 8, 9, 10)] + [(10.09, 0.84)]
    points = sorted(points + [(n, 0.9 + n / 200) for n in (11, 12, 13, 14, 15)])
    texts = _texts(str(svg_curve("retail-phone", points, 0.8, 10.09)))
    words = [t for _, _, t in texts]
    assert "retail-phone: service level by people on shift" in words
    assert "people on shift" in words and "planned" in words
    ticks = sorted((x, t) for x, y, t in texts if re.fullmatch(r"[\d.]+", t))
    assert "10.09" in [t for _, t in ticks] and "10" not in [t for _, t in ticks]
    gaps = [b[0] - a[0] for a, b in itertools.pairwise(ticks)]
    assert min(gaps) >= 26


def test_a_name_cut_to_fit_a_chart_shows_it_was_cut() -> None:
    """A channel or budget line named longer than its place in a chart was cut with no
    sign ("retail-phone-premi" for retail-phone-premium-emea)."""
    from cs_align.charts import svg_budget, svg_fte

    fte = [t for _, _, t in _texts(str(svg_fte([("retail-phone-premium-emea", 3.0, 3.0)])))]
    assert "retail-phone-pre…" in fte
    budget = [t for _, _, t in _texts(str(svg_budget([("people-and-contractors", 10.0)])))]
    assert "people-and-cont… 100.0%" in budget


def _take(invoke: Invoke, tmp_path: Path, phone: str, email: str, total: str, fmt: str) -> str:
    text = (EXAMPLES / "fast-food-aligned.yaml").read_text(encoding="utf-8")
    text = text.replace("    agents: 16.2", f"    agents: {phone}")
    text = text.replace("    agents: 4.5", f"    agents: {email}")
    text = text.replace("  agents: 20.7 ", f"  agents: {total} ")
    plan = tmp_path / "p.yaml"
    plan.write_text(text, encoding="utf-8")
    out = tmp_path / f"r.{fmt}"
    assert invoke("report", str(plan), "-o", str(out)).code in (0, 1)
    page = out.read_text(encoding="utf-8")
    section = page.split("What it would take")[1].split("Stress test")[0]
    return re.sub(r"<[^>]+>|\*\*|`", "", " ".join(section.split()))


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_shortfall_the_planned_staff_can_cover_by_moving_is_not_priced_as_hiring(
    invoke: Invoke, tmp_path: Path, fmt: str
) -> None:
    """ "Keeping every declared target needs 17.2 FTE (planned: 20.7): 0.8 more FTE, about
    49,600 USD a year" contradicted itself: the phone is 0.8 short (13.8 needed, 13 planned)
    while the email keeps its target with 3.8 to spare (3.4 needed, 7.7 planned, and 3.9
    holding its 85% ceiling: 1.5332 E ÷ 0.85 = 1.8037 on shift = 3.845 FTE, review calc47
    R03); `fix` moves them and hires nobody. 13.8 + 3.4 = 17.2 <= 13 + 7.7 = 20.7."""
    said = _take(invoke, tmp_path, "13", "7.7", "20.7", fmt)
    assert "needs 17.2 FTE (planned: 20.7, 20.7 of them on channels)" in said
    assert (
        "0.8 more FTE on phone, while 3.8 of the planned FTE are not needed where they are: "
        "moving staff from them hires nobody (cs-align fix writes the moves), where hiring "
        "would cost about 49,600 USD a year;"
    ) in said


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_staff_on_no_channel_count_as_staff_to_move(
    invoke: Invoke, tmp_path: Path, fmt: str
) -> None:
    """20.7 FTE planned, 13 + 5 = 18 of them on channels: the 2.7 on none can move too, so
    3.8 are spare: those 2.7 and the email's 5 − 3.9 = 1.1 (3.9 hold its 85% ceiling, 3.4
    its target, review calc47 R03)."""
    said = _take(invoke, tmp_path, "13", "5", "20.7", fmt)
    assert (
        "0.8 more FTE on phone, while 3.8 of the planned FTE are not needed where they are "
        "(2.7 of them on no channel): moving staff from them hires nobody"
    ) in said


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_what_is_left_to_hire_after_moving_is_priced(
    invoke: Invoke, tmp_path: Path, fmt: str
) -> None:
    """Phone 13.8 needed, 9 planned: 4.8 short; email 3.4 needed for its target, 3.9 for
    its 85% ceiling (3.845), 5.2 planned: 1.3 spare (review calc47 R03: 1.8 was said, and
    `fix` moves 1.3 and hires 3.5, +217,000 USD). Moving the 1.3 leaves 4.8 − 1.3 = 3.5 to
    hire: 3.5 × 62,000 = 217,000 USD a year; hiring all 4.8 would be 297,600 USD. At full
    strength the team is the 14.2 + 3.5 = 17.7 FTE `fix` writes, 17.7 × 62,000 = 1,097,400
    USD a year; the targets alone 17.2 × 62,000 = 1,066,400 (review calc52 W1: only the
    latter was said, as "people at full strength")."""
    said = _take(invoke, tmp_path, "9", "5.2", "14.2", fmt)
    assert (
        "4.8 more FTE on phone, while 1.3 of the planned FTE are not needed where they are: "
        "moving those leaves 3.5 FTE to hire, about 217,000 USD a year (hiring all 4.8, "
        "297,600 USD); people at full strength (the 17.7 FTE cs-align fix leaves) cost "
        "1,097,400 USD a year, the targets alone (17.2 FTE) 1,066,400 USD."
    ) in said
    # As `fix` writes it: the email keeps 3.9, 1.3 move, 3.5 are hired.
    fixed = invoke("fix", str(tmp_path / "p.yaml")).out
    assert re.search(r"channels\[email\]\.agents\s+5\.2\s+3\.9\s", fixed), fixed
    assert re.search(r"staffing\.agents\s+14\.2\s+17\.7\s+\+217,000 USD a year", fixed), fixed


def test_a_plan_with_staff_to_spare_says_how_many(invoke: Invoke, tmp_path: Path) -> None:
    """An overstaffed plan (misaligned by `no-overspend`) was told only that its staff
    "cover the 17.2 FTE the targets need": 15.5 + 5.2 = 20.7 planned, 13.8 + 3.4 = 17.2
    needed; the email's 85% ceiling holds from 3.9 (1.5332 E ÷ 0.85 = 1.8037 on shift =
    3.845 FTE), so 1.7 + 1.3 = 3.0 to spare, as `fix` cuts (review calc47 R03: "3.5")."""
    said = _take(invoke, tmp_path, "15.5", "5.2", "20.7", "md")
    assert (
        "The planned 20.7 FTE cover the 17.2 FTE the targets need, with 3.0 FTE to spare "
        "(the occupancy ceiling keeps 0.5 more)."
    ) in said


def _inline(text: str) -> list[tuple[str, str]]:
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    return [(c.type, c.content) for t in tokens if t.children for c in t.children]


def test_code_in_a_finding_shows_as_code_in_markdown(invoke: Invoke, tmp_path: Path) -> None:
    """Fix texts write commands and fields as `…`; the Markdown outputs escaped the
    backticks, so the client's report and the PR comment showed "(`cs-align promise`)"
    with its backticks, where HTML shows code (review out29 R16 fixed HTML only)."""
    plan = EXAMPLES / "delight-underfunded-misaligned.yaml"
    checked = invoke("check", str(plan), "-f", "markdown").out
    out = tmp_path / "r.md"
    invoke("report", str(plan), "-o", str(out))
    for text in (checked, out.read_text(encoding="utf-8")):
        assert "\\`" not in text
        line = next(x for x in text.splitlines() if "fund 1,072,600 USD for people" in x)
        assert ("code_inline", "cs-align promise") in _inline(line)


@pytest.mark.parametrize(
    "user",
    [
        "<script>alert(1)</script>",
        "a``b",
        "`",
        "x` <img src=x onerror=alert(1)> `y",
        "@team http://evil.example www.evil.example :rocket: $x$",
        "[link](http://evil.example) | *b* _i_",
    ],
)
def test_user_text_in_and_around_a_finding_s_code_spans_stays_inert(user: str) -> None:
    """A span's text goes in raw, fenced so that no backtick of its own ends it; outside
    the spans everything is escaped as before: whatever a plan's text holds, nothing
    becomes markup, a link or a mention."""
    from cs_align.escaping import markdown_prose

    found = _inline(markdown_prose(f"the line `{user}` ({user}) has no `people` line"))
    kinds = {t for t, _ in found}
    assert not kinds & {"html_inline", "link_open", "image", "em_open", "strong_open"}
    # (A plan's own backticks pair with the message's: shown garbled, but inert.)
    assert "`" in user or ("code_inline", "people") in found
    # markdown-it decodes the entities that keep GitHub from linking and notifying
    # (`&#58;//`, `@&#8203;`): the source must not hold them raw outside a span.
    source = markdown_prose(f"the line `{user}` ({user}) has no `people` line")
    outside = re.sub(r"(`+).*?\1", "", source)
    assert "@team" not in outside and "http://" not in outside


def test_no_backticks_in_a_plan_s_text_turn_it_into_markup() -> None:
    """Spans side by side ("`a``b`") join their fences into a run that closes neither; the
    span goes on to the next single backtick, which every span ends with (a span's text
    holds none). Thousands of messages built from backticks and markup, every one inert."""
    import random

    from cs_align.escaping import markdown_prose

    pieces = ["`", "``", "a", " ", "<img src=x onerror=alert(1)>", "*b*", "[l](http://x.y)", "|"]
    rng = random.Random(47)
    for _ in range(3000):
        said = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 9)))
        kinds = {t for t, _ in _inline(markdown_prose(said))}
        assert not kinds & {"html_inline", "link_open", "image", "em_open"}, said


@pytest.mark.parametrize(
    ("currency", "amounts", "shown"),
    [
        (
            "KWD",
            ("66666.667", "1000.5"),
            ('"people 66,666.667 KWD" : 66666.667', '"training 1,000.500 KWD" : 1000.500'),
        ),
        (
            "JPY",
            ("78000000", "3000000"),
            ('"people 78,000,000 JPY" : 78000000', '"training 3,000,000 JPY" : 3000000'),
        ),
    ],
)
def test_the_budget_pie_shows_amounts_as_the_budget_table_does(
    invoke: Invoke, tmp_path: Path, currency: str, amounts: tuple[str, str], shown: tuple[str, str]
) -> None:
    """The Mermaid pie shows its amounts as the budget table does: a KWD people line of
    66,666.667 was "66666.67", a JPY one of 78,000,000 "78000000.00"; then (`showData`)
    "people [66666.667]", without separators or currency (review outputs60). Each slice is
    named with the table's amount; Mermaid sizes it by the bare number."""
    people, training = amounts
    total = Decimal(people) + Decimal(training)
    text = (EXAMPLES / "fast-food-aligned.yaml").read_text(encoding="utf-8")
    text = text.replace("currency: USD", f"currency: {currency}")
    text = re.sub(
        r"  total: \d+\n  lines: \{[^}]*\}",
        f"  total: {total}\n  lines: {{people: {people}, training: {training}}}",
        text,
    )
    plan = tmp_path / "p.yaml"
    plan.write_text(text, encoding="utf-8")
    out = tmp_path / "r.md"
    assert invoke("report", str(plan), "-o", str(out)).code in (0, 1)
    page = out.read_text(encoding="utf-8")
    pie = page.split("```mermaid\npie\n")[1].split("```")[0]
    assert f"title Budget split ({currency})" in pie
    for line in shown:
        assert line in pie
    table = re.findall(r"^\| (people|training) \| ([\d,.]+ [A-Z]{3}) \|", page, re.M)
    assert len(table) == 2 and all(f'"{name} {amount}" : ' in pie for name, amount in table)


_PHONE = 390


def _phone_host(report_html: str, measure: str) -> str:
    """A host page with the report in a phone-wide frame, running ``measure`` (JavaScript
    with the frame's `doc` and `win`) once it has loaded, to write what it finds into the
    host's own body. (`--dump-dom` lays a page out at least 500 px wide, so the report is
    measured in a frame, as `test_report._phone_frame` does.)"""
    return f"""<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" style="width:{_PHONE}px;height:30000px;border:0"
        srcdoc="{html.escape(report_html, quote=True)}"></iframe>
<script>
window.addEventListener("load", () => {{
  const frame = document.getElementById("f");
  const doc = frame.contentDocument, win = frame.contentWindow;
  {measure}
}});
</script></body></html>"""


def _tiered_on_a_phone(invoke: Invoke, tmp_path: Path, measure: str) -> str:
    """The tiered example's HTML report laid out on a phone, with what ``measure`` (see
    ``_phone_host``) wrote into the host page's body; skipped without Chromium."""
    browser = _chromium()
    if browser is None:
        pytest.skip("chromium is not installed")
    out = tmp_path / "r.html"
    assert invoke("report", str(EXAMPLES / "tiered-misaligned.yaml"), "-o", str(out)).code == 1
    host = tmp_path / "phone.html"
    host.write_text(_phone_host(out.read_text(encoding="utf-8"), measure), encoding="utf-8")
    return _dump(browser, host, tmp_path, _PHONE)


_FONTS = """
  // The smallest size any chart text is drawn at, in CSS pixels: its font size times the
  // chart's scale.
  const sizes = [];
  for (const svg of doc.querySelectorAll("svg.chart")) {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    for (const t of svg.querySelectorAll("text")) {
      sizes.push(parseFloat(t.getAttribute("font-size")) * scale);
    }
  }
  sizes.sort((a, b) => a - b);
  document.body.dataset.smallest = sizes.length ? sizes[0].toFixed(2) : "none";
  document.body.dataset.count = sizes.length;
"""


def test_the_tiered_report_reads_on_a_phone(invoke: Invoke, tmp_path: Path) -> None:
    """The tiered example's report on a 390 px phone, measured twice in one browser start
    (a start is ~0.6 s of CPU):

    - Chart text is big enough to read. The 640-unit charts were drawn at 0.57 of their
      size: their 11 and 12 px labels at 6.3 and 6.9 px, which nobody reads. The charts
      keep to the page's width (nothing scrolls sideways) and their text is drawn at 9 px
      at least.
    - A card's label is never squeezed by its value. Each table row is a card of "label
      value" lines: beside a long value (the rules a scenario breaks) the label "breaks" was
      squeezed to "bre|aks"."""
    dom = _tiered_on_a_phone(invoke, tmp_path, _FONTS + _LABELS)
    smallest = re.search(r'data-smallest="([^"]*)"', dom)
    count = re.search(r'data-count="(\d+)"', dom)
    assert smallest is not None and count is not None, dom[-2000:]
    assert int(count[1]) > 20
    assert float(smallest[1]) >= 9.0
    found = re.search(r'data-squeezed="([^"]*)"', dom)
    cards = re.search(r'data-cards="(\d+)"', dom)
    assert found is not None and cards is not None, dom[-1500:]
    assert int(cards[1]) > 50
    assert found[1] == ""


_LABELS = """
  // Each card row's label (the column's name, drawn before the value) is as wide as its
  // text: a long value beside it squeezed "breaks" into "bre|aks".
  const ctx = doc.createElement("canvas").getContext("2d");
  const squeezed = [];
  for (const td of doc.querySelectorAll("td[data-label]")) {
    const before = win.getComputedStyle(td, "::before");
    ctx.font = before.font;
    const needs = ctx.measureText(td.dataset.label).width;
    if (parseFloat(before.width) + 0.5 < needs) squeezed.push(td.dataset.label);
  }
  document.body.dataset.squeezed = squeezed.slice(0, 10).join(" | ");
  document.body.dataset.cards = doc.querySelectorAll("td[data-label]").length;
"""


def _luminance(colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def test_every_verdict_badge_reads_at_the_contrast_text_needs() -> None:
    """The verdict's badge is white bold 15 px text on its colour: WCAG 2 AA asks 4.5:1 for
    text under 18.66 px bold. The at-risk amber (#b7791f) gave 3.6:1."""
    from cs_align.templating import BUILTIN

    css = (BUILTIN / "report.html").read_text(encoding="utf-8")
    colours = dict(re.findall(r"--(ok|risk|bad): (#[0-9a-f]{6})", css))
    assert set(colours) == {"ok", "risk", "bad"}
    for name, colour in colours.items():
        ratio = (1.0 + 0.05) / (_luminance(colour) + 0.05)
        assert ratio >= 4.5, (name, colour, round(ratio, 2))


@pytest.mark.parametrize(
    ("example", "said"),
    [
        (
            "fast-food-misaligned.yaml",
            "the plan's figures fit no strategy clearly; the closest is fast-food (fit -0.01, "
            "as cs-align check scores it).",
        ),
        (
            "because-we-can-misaligned.yaml",
            "the plan's figures fit no strategy clearly: because-we-can and fast-food fit about "
            "equally well.",
        ),
    ],
)
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_no_clear_fit_is_said_in_a_sentence_that_parses(
    invoke: Invoke, tmp_path: Path, example: str, said: str, fmt: str
) -> None:
    """ "fit no strategy clearly: **fast-food** fit about as well." named one strategy that
    fits "as well" as nothing (the best, its fit not above zero: `check` says
    "no clear fit: fast-food -0.01"); two read "**a**, **b** fit about as well"."""
    out = tmp_path / f"r.{fmt}"
    invoke("report", str(EXAMPLES / example), "-o", str(out))
    page = out.read_text(encoding="utf-8")
    summary = page.split("Executive summary")[1].split("Promise")[0]
    assert said in re.sub(r"<[^>]+>|\*\*|`", "", " ".join(summary.split()))


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_stress_table_says_what_breaks_means(invoke: Invoke, tmp_path: Path, fmt: str) -> None:
    """A row "misaligned … breaks –" read as a plan that breaks nothing: the column names
    only the rules the change breaks that the plan as planned keeps (`whatif.run`)."""
    out = tmp_path / f"r.{fmt}"
    invoke("report", str(EXAMPLES / "fast-food-misaligned.yaml"), "-o", str(out))
    section = out.read_text(encoding="utf-8").split("Stress test")[1].split("Service level")[0]
    said = re.sub(r"<[^>]+>|\*|`", "", " ".join(section.split()))
    assert "breaks names the rules it breaks that the plan as planned keeps." in said


def test_those_answered_and_those_who_hang_up_make_a_hundred(
    invoke: Invoke, tmp_path: Path
) -> None:
    """The FedEx example's phone: 4 FTE (1.56 on shift) lose 61.2% of callers, as the
    finding and the channels table say; the promise said "only 39% are ever answered" (the
    whole of 38.8), 100.2 with them. Now 100 − 61.2 = 38.8, beside the 61.2."""
    plan = EXAMPLES / "delight-fedex-misaligned.yaml"
    checked = invoke("check", str(plan)).out
    assert "61.2% hanging up" in " ".join(checked.split())
    said = invoke("promise", str(plan)).out
    assert "only 38.8% are ever answered, 61.2% hang up first" in said
    out = tmp_path / "r.md"
    invoke("report", str(plan), "-o", str(out))
    assert "only 38.8% are ever answered, 61.2% hang up first" in out.read_text(encoding="utf-8")


def test_a_kept_abandonment_reads_as_the_ceiling_it_is(invoke: Invoke, tmp_path: Path) -> None:
    """The delight example's phone loses 3.67% of callers: the channels table says 3.7%,
    and the promise, rounding up so that written back it is kept, said "abandonment 3.8%",
    two figures for one share. It is a ceiling the plan can write, and says so."""
    plan = EXAMPLES / "delight-aligned.yaml"
    out = tmp_path / "r.md"
    invoke("report", str(plan), "-o", str(out))
    page = out.read_text(encoding="utf-8")
    row = next(x for x in page.splitlines() if x.startswith("| phone |"))
    assert row.rstrip(" |").endswith("| 3.7%")
    assert "80% answered at once; abandonment at most 3.8% (declared:" in page
    said = invoke("promise", str(plan)).out
    assert said.startswith("phone: can keep 80% answered at once; abandonment at most 3.8%;")


_FITS = """<script>
window.addEventListener("load", () => {
  // Chart text drawn past the chart's edge is cut off; a table wider than its box hides
  // its last columns behind a scroll bar (and off a printed page).
  const cut = [];
  for (const svg of document.querySelectorAll("svg.chart")) {
    const width = svg.viewBox.baseVal.width;
    for (const t of svg.querySelectorAll("text")) {
      const box = t.getBBox();
      if (box.x < -0.5 || box.x + box.width > width + 0.5) cut.push(t.textContent);
    }
  }
  const scrolled = [...document.querySelectorAll(".table-wrap")]
    .filter(w => w.scrollWidth > w.clientWidth + 1)
    .map(w => w.querySelector("th").textContent);
  document.body.dataset.cut = cut.join(" | ");
  document.body.dataset.scrolled = scrolled.join(" | ");
});
</script>"""


def test_long_channel_ids_neither_cut_a_chart_nor_push_a_table_out_of_sight(
    invoke: Invoke, tmp_path: Path
) -> None:
    """A 50-character channel id (no hyphen) and a 51-character one (hyphens): the FTE
    chart drew their labels past its left edge ("mailsupportteamf…"), and, once table cells
    broke only between words, the channels table grew wider than the page and hid its last
    columns behind a scroll bar. The id wraps in its own column instead."""
    browser = _chromium()
    if browser is None:
        pytest.skip("chromium is not installed")
    text = (EXAMPLES / "delight-aligned.yaml").read_text(encoding="utf-8")
    text = text.replace("id: email", "id: emailsupportteamforresidentialandbusinesscustomers")
    text = text.replace("id: phone", "id: phone-line-for-residential-and-business-customers")
    plan = tmp_path / "long.yaml"
    plan.write_text(text, encoding="utf-8")
    out = tmp_path / "r.html"
    assert invoke("report", str(plan), "-o", str(out)).code in (0, 1)
    page = tmp_path / "measured.html"
    page.write_text(
        out.read_text(encoding="utf-8").replace("</body>", _FITS + "</body>"), encoding="utf-8"
    )
    dom = _dump(browser, page, tmp_path, DESKTOP)
    cut = re.search(r'data-cut="([^"]*)"', dom)
    scrolled = re.search(r'data-scrolled="([^"]*)"', dom)
    assert cut is not None and scrolled is not None, dom[-2000:]
    assert (cut[1], scrolled[1]) == ("", "")


_TABLETS = (700, 800, 1000)

_SCROLLED = """
  // Tables whose box scrolls sideways: their last columns are out of sight.
  document.body.dataset["scrolled" + width] = [...doc.querySelectorAll(".table-wrap")]
    .filter(w => w.scrollWidth > w.clientWidth + 1)
    .map(w => w.parentNode.id + " " + w.scrollWidth + ">" + w.clientWidth)
    .join(" | ");
"""


def _frames_host(report_html: str, widths: tuple[int, ...], measure: str) -> str:
    """A host page with the report in one frame for each of ``widths`` (CSS px; a frame's
    media queries see its own width), running ``measure`` (JavaScript with the frame's `doc`,
    `win` and `width`) for each once all have loaded: one browser start (~0.6 s of CPU)
    lays the report out at every width."""
    source = html.escape(report_html, quote=True)
    frames = "".join(
        f'<iframe id="f{w}" style="display:block;width:{w}px;height:30000px;border:0" '
        f'srcdoc="{source}"></iframe>'
        for w in widths
    )
    return f"""<!DOCTYPE html><html><body style="margin:0">{frames}
<script>
window.addEventListener("load", () => {{
  for (const width of {list(widths)}) {{
    const frame = document.getElementById("f" + width);
    const doc = frame.contentDocument, win = frame.contentWindow;
    {measure}
  }}
}});
</script></body></html>"""


def test_no_table_scrolls_sideways_on_a_tablet(invoke: Invoke, tmp_path: Path) -> None:
    """With words kept whole (C01) the ten-column channels table needs about 930 px: from
    641 to 991 px wide (tablets, small laptops) it and the service-level table hid their last
    columns behind a scroll bar. Up to 62rem rows are cards, as on a phone. Measured at 700,
    800 and 1000 px, in one browser start."""
    browser = _chromium()
    if browser is None:
        pytest.skip("chromium is not installed")
    text = (EXAMPLES / "engagement-aligned.yaml").read_text(encoding="utf-8")
    plan = tmp_path / "p.yaml"  # hour-long waits: the widest figures a channel row shows
    plan.write_text(text.replace("agents: 1.8", "agents: 1.6"), encoding="utf-8")
    out = tmp_path / "r.html"
    assert invoke("report", str(plan), "-o", str(out)).code in (0, 1)
    host = tmp_path / "tablet.html"
    host.write_text(
        _frames_host(out.read_text(encoding="utf-8"), _TABLETS, _SCROLLED), encoding="utf-8"
    )
    dom = _dump(browser, host, tmp_path, max(_TABLETS) + 20)
    scrolled = {w: re.search(rf'data-scrolled{w}="([^"]*)"', dom) for w in _TABLETS}
    assert None not in scrolled.values(), dom[-1500:]
    assert {w: found[1] for w, found in scrolled.items() if found} == dict.fromkeys(_TABLETS, "")


def test_a_printed_report_cuts_no_column_off_the_page() -> None:
    """Paper cannot scroll: the print style lets a table's box overflow visibly, sets its
    type smaller and lets a word break, so a table wider than the page squeezes rather than
    losing its last columns (C01 kept words whole on screen, which on A4 would have cut the
    channels table). Read from the template's print rules: Chromium prints to PDF, but a
    page laid out for print cannot be measured from the command line."""
    from cs_align.templating import BUILTIN

    css = (BUILTIN / "report.html").read_text(encoding="utf-8")
    printed = css.split("@media print {", 1)[1].split("</style>", 1)[0]
    assert ".table-wrap { overflow: visible; }" in printed
    assert "overflow-wrap: anywhere" in printed and "table { font-size: 8pt; }" in printed


@pytest.mark.parametrize("suffix", ["md", "html"])
def test_a_findings_source_says_what_the_essay_it_cites_is(
    invoke: Invoke, tmp_path: Path, suffix: str
) -> None:
    """A client's report cited "Source: 002, 004" (review user49 U07): ids only cs-align's
    authors can look up. Each cited essay is told by what the rule takes from it, as
    `cs-align explain RULE` says; a source that is no essay (ICMI guidance) stays as it is."""
    out = tmp_path / f"report.{suffix}"
    plan = str(EXAMPLES / "delight-fedex-misaligned.yaml")
    assert invoke("report", plan, "-o", str(out)).code == 1
    text = html.unescape(out.read_text(encoding="utf-8"))
    assert (
        "essay 002 (responding quickly needs appropriate staffing); essay 004 (FedEx went from "
        "the first ring to 81 seconds: not wrong in itself, but a mismatch for customers with "
        "urgent problems)" in text
    )
    assert "essay 003 (quality matters more than quickness); ICMI occupancy guidance 85–90%" in text
    assert not re.search(r"Source:\*? \d{3}(?:[,;<*]|\s*$)", text, re.M), "an essay id untold"


def test_every_essay_a_rule_cites_is_told_in_its_source_paragraph() -> None:
    """So a report can say what each cited essay is (review user49 U07)."""
    from cs_align.rules import ENGINE_FINDINGS, REGISTRY, cited, describe

    for rule in [*REGISTRY, *ENGINE_FINDINGS]:
        source = describe(rule).source  # type: ignore[union-attr]
        told = cited(rule, source)
        untold = [i for i in re.findall(r"\b\d{3}\b", source) if f"{i} (" not in told]
        assert untold == [], f"{rule}: its Source: paragraph does not say what {untold} is"


def test_explain_and_strategies_show_say_what_an_essay_number_is(invoke: Invoke) -> None:
    """`explain` and `strategies show` printed "source: 002, 004" and docs/rules.md the same,
    with nothing anywhere to say what 002 is (review user55): each names the essays it cites,
    in a line each, and docs/rules.md opens with all five."""
    from cs_align.rules import ESSAYS

    explained = invoke("explain", "staffing-meets-targets").out
    assert "Essays cited" in explained
    assert f"  002  {ESSAYS['002']}" in explained and f"  004  {ESSAYS['004']}" in explained
    assert "  001  " not in explained
    shown = invoke("strategies", "show", "delight").out
    assert f"  004  {ESSAYS['004']}" in shown
    docs = invoke("explain", "--markdown").out
    assert all(f"| {n} | {about} |" in docs for n, about in ESSAYS.items())
    assert "Essays cited" not in invoke("explain", "waiver-expired").out  # cites no essay
