"""The consultant report as a client reads it: words whole, charts labelled in words, the
sums a paragraph gives not contradicting each other (review consult47)."""

from __future__ import annotations

import re
import subprocess
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


def test_table_words_are_never_broken_inside_on_a_desktop(invoke: Invoke, tmp_path: Path) -> None:
    """At 1280 px the channels table's ten columns broke their headings and cells inside
    words ("chann|el", "planne|d FTE", "misalign|ed", "commu|nity"): the page let any
    character end a line, so each column shrank to a letter or two. A line may end only
    between words (or at a hyphen); a name too long for its column makes the table scroll
    sideways in its own box, as it did already."""
    browser = _chromium()
    if browser is None:
        pytest.skip("chromium is not installed")
    out = tmp_path / "r.html"
    plan = EXAMPLES / "tiered-misaligned.yaml"
    assert invoke("report", str(plan), "-o", str(out)).code == 1
    page = tmp_path / "measured.html"
    page.write_text(
        out.read_text(encoding="utf-8").replace("</body>", _BROKEN_WORDS + "</body>"),
        encoding="utf-8",
    )
    dom = _dump(browser, page, tmp_path, DESKTOP)
    found = re.search(r'data-broken="([^"]*)"', dom)
    assert found is not None, dom[-2000:]
    assert found[1] == ""
