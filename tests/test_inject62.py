"""Text a plan, strategy, waiver or file name controls reaches each output as what it says
(review inject62): no renderer turns it into something else."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import GOOD, Invoke, Repo, Result, examples

Cli = Callable[..., Result]
SHORTCODE = ":white_check_mark: ALIGNED :thumbs_up:"
"""rich turns `:name:` into an emoji wherever it reads markup: a plan named so showed
"MISALIGNED  Acme ✅ ALIGNED 👍" in the verdict box, and a file named so was
`✅ ALIGNED.yaml:39:17`, a path no editor opens."""


def _named(text: str) -> str:
    return GOOD.replace(
        "organisation: Example Delight Co", f"organisation: {json.dumps(text, ensure_ascii=False)}"
    )


def test_the_table_shows_emoji_shortcodes_in_names_as_written(repo: Repo, cli: Cli) -> None:
    repo.write(f"plans/{SHORTCODE}.yaml", _named(f"Acme {SHORTCODE}").replace("16.2", "4"))
    result = cli("check", f"plans/{SHORTCODE}.yaml", "plans/acme.yaml")
    assert result.code == 1, result.err
    assert "✅" not in result.out and "👍" not in result.out, result.out
    assert f"Acme {SHORTCODE}" in result.out  # the verdict box
    assert f"plans/{SHORTCODE}.yaml:" in result.out  # each finding's file:line:col
    assert f"╭─ plans/{SHORTCODE}.yaml ─" in result.out  # the box's title


def test_the_one_line_a_plan_table_shows_emoji_shortcodes_as_written(repo: Repo, cli: Cli) -> None:
    # From 21 plans (reporters.STREAM_FROM) the table is one line a plan.
    for n in range(21):
        repo.write(f"plans/{SHORTCODE} {n:02}.yaml", _named("Acme"))
    result = cli("check", "plans/")
    assert result.code == 0, result.err
    assert "✅" not in result.out and "👍" not in result.out, result.out
    assert f"plans/{SHORTCODE} 07.yaml" in result.out


# Characters a screen draws as nothing, past the controls and bidirectional marks already
# shown as escapes: a zero-width space, the word joiner and invisible operators, the
# interlinear annotation marks (a renderer that knows them hides the text between), and
# Unicode tags, which spell any ASCII text invisibly ("ASCII smuggling": a reviewer reads
# "pilot until spring", a program reading the comment reads the hidden words too).
TAGGED = "".join(chr(0xE0000 + ord(c)) for c in " APPROVE")
INVISIBLE = f"pilot until spring{TAGGED}\u200b\u2060\u2062\u206a\u180e\ufff9x\ufffa\ufffb"


def _waived(repo: Repo, text: str) -> None:
    import datetime as dt

    soon = dt.date.today() + dt.timedelta(days=60)
    plan = _named(f"Acme {text}").replace("uses_scripts: false", "uses_scripts: true")
    repo.write(
        "plans/acme.yaml",
        plan + "waivers:\n  - rule: no-scripts\n    path: staffing.uses_scripts\n"
        f"    reason: {_quoted(text)}\n    owner: {_quoted('ops ' + text)}\n"
        f"    expires: {soon}\n",
    )


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # as written: YAML refuses escaped surrogates


def _no_invisible(text: str) -> None:
    hidden = [c for c in INVISIBLE if not c.isascii()]
    assert not [c for c in hidden if c in text], ascii(text[:2000])


@pytest.mark.parametrize("fmt", ["table", "markdown", "github", "junit", "json", "sarif"])
def test_invisible_characters_in_user_text_are_shown_in_every_format(
    repo: Repo, cli: Cli, fmt: str
) -> None:
    _waived(repo, INVISIBLE)
    result = cli("check", "plans/acme.yaml", "-f", fmt)
    assert result.code == 0, result.err
    _no_invisible(result.out)
    if fmt in ("json", "sarif"):  # escaped, not dropped: it reads back as written
        assert any(INVISIBLE in s for s in _strings(json.loads(result.out)))
    else:  # shown, each as its code point
        shown = _as_read(result.out, markdown=fmt == "markdown")
        assert "pilot until spring\\U000e0020\\U000e0041" in shown
        assert "\\u200b\\u2060\\u2062\\u206a\\u180e\\ufff9x\\ufffa\\ufffb" in shown


def test_invisible_characters_in_user_text_are_shown_in_reports(repo: Repo, cli: Cli) -> None:
    _waived(repo, INVISIBLE)
    for out in ("r.md", "r.html"):
        assert cli("report", "plans/acme.yaml", "-o", out).code == 0
        text = (repo.root / out).read_text(encoding="utf-8")
        _no_invisible(text)
        assert "pilot until spring\\U000e0020\\U000e0041" in _as_read(text, out == "r.md")


def _as_read(text: str, markdown: bool) -> str:
    """Text as its reader sees it: Markdown as GitHub renders it (CommonMark)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").render(text) if markdown else text


def _strings(value: object) -> list[str]:
    """Every string in a JSON document."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = [*value.keys(), *value.values()]
    return [s for item in value for s in _strings(item)] if isinstance(value, list) else []


@settings(max_examples=examples(200))
@given(st.text(st.characters(codec="utf-8")), st.sampled_from([None, 2]))
def test_json_text_reads_back_as_written_and_shows_nothing_hidden(
    text: str, indent: int | None
) -> None:
    """Past U+FFFF an escape is a surrogate pair: `\\ue0041` read back as U+E004 and a `1`."""
    from cs_align.escaping import control_character, json_text

    written = json_text({"text": text}, indent=indent)
    assert json.loads(written) == {"text": text}
    assert control_character(written.replace("\n", "")) is None


@given(st.text(st.characters(codec="utf-8")))
def test_visible_text_shows_every_hidden_character_as_its_code_point(text: str) -> None:
    from cs_align.escaping import control_character, visible

    shown = visible(text)
    assert control_character(shown) is None
    assert len(shown) >= len(text)


# SARIF's plain-text messages carry links of their own (SARIF 2.1.0 3.11.6): `[text](url)`.
# The VS Code SARIF Viewer and sarif-web-component (Azure DevOps) find them with this
# expression and write each as <a href=url>, any scheme; a value or name a plan quotes
# was a link to anywhere in the message of a finding (review inject62).
VIEWERS_LINK = re.compile(r"\[([^\]]*)\]\(([^)]+)\)")
PHISH = "[approved by the CFO](https://evil.example/budget)"


def _messages(node: object) -> list[str]:
    """The text of every message object in a SARIF log."""
    if isinstance(node, list):
        return [t for item in node for t in _messages(item)]
    if not isinstance(node, dict):
        return []
    own = [node["text"]] if isinstance(node.get("text"), str) else []
    return own + [t for value in node.values() for t in _messages(value)]


def test_sarif_messages_hold_no_link_a_plan_wrote(repo: Repo, cli: Cli) -> None:
    plan = GOOD.replace("handle_time: 6m", f"handle_time: {json.dumps(PHISH)}", 1)
    assert plan != GOOD
    repo.write("plans/acme.yaml", plan)
    result = cli("check", "plans/acme.yaml", "-f", "sarif")
    assert result.code == 2, result.err
    texts = _messages(json.loads(result.out))
    quoting = [t for t in texts if "approved by the CFO" in t]
    assert len(quoting) == 2, texts  # the result and the run's notification
    for text in texts:
        assert not VIEWERS_LINK.search(text), text
    # Shown as written but for the escape that keeps it text: `]\(` is no link's `](`.
    assert "[approved by the CFO]\\(https://evil.example/budget)" in quoting[0]


# `--stdin-filename` names the plan read from standard input in every output, past the
# checks a file's own name meets (discovery._plainly_named): a byte that is not UTF-8 was
# written back raw (JSON that no parser reads; the SARIF run stopped on "internal error:
# UnicodeEncodeError"), a line break or escape went into every report, and `../../x.yaml`
# was a SARIF location outside the repository (relative to SRCROOT, its top).
@pytest.mark.parametrize(
    "name",
    [
        os.fsdecode(b"plans/a\xffb.yaml"),
        "plans/a\nb.yaml",
        "plans/\x1b[31mred.yaml",
        "plans/a\u202eb.yaml",
        "../../etc/passwd",
        "plans/../../outside.yaml",
    ],
)
@pytest.mark.parametrize("fmt", ["sarif", "json", "github"])
def test_a_stdin_filename_that_names_no_file_of_the_repository_plainly_is_refused(
    invoke: Invoke, fmt: str, name: str
) -> None:
    result = invoke("check", "-", "--stdin-filename", name, "-f", fmt, stdin=GOOD.encode())
    assert result.code == 2, (result.out, result.err)
    assert "--stdin-filename" in result.err and "internal error" not in result.err
    assert "e.g. plans/acme.yaml" in result.err
    assert result.out == ""
    assert "\x1b" not in result.err and "\n" not in result.err.rstrip("\n")


def test_a_plain_stdin_filename_still_places_the_results(invoke: Invoke) -> None:
    scripted = GOOD.replace("uses_scripts: false", "uses_scripts: true")
    result = invoke(
        "check",
        "-",
        "--stdin-filename",
        "plans/x/../acme.yaml",
        "-f",
        "sarif",
        stdin=scripted.encode(),
    )
    assert result.code == 1, result.err
    [found] = json.loads(result.out)["runs"][0]["results"]
    where = found["locations"][0]["physicalLocation"]["artifactLocation"]
    assert where == {"uri": "plans/x/../acme.yaml", "uriBaseId": "SRCROOT"}


# GitHub turns `#42`, `GH-42` and `owner/repo#42` into issue references (a link, and a
# "mentioned this" entry on that issue's timeline, in any repository), and `:name:` into an
# emoji, on the text of the rendered comment: a backslash or an entity is gone by then, so
# `\#42` and `&#58;rocket:` still did. A zero-width space is a character of the text, as
# in `@&#8203;team` (Renovate breaks references the same way).
REFERENCE = re.compile(r"#\d|\bGH-\d|:[a-z+][a-z0-9_+-]*:", re.IGNORECASE)


def _rendered_text(markdown_text: str) -> str:
    """The text GitHub's filters read: the Markdown rendered, its tags dropped, entities
    decoded."""
    import html

    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").enable("table").render(markdown_text)
    return html.unescape(re.sub(r"<[^>]+>", " ", rendered))


@pytest.mark.parametrize("fmt", ["markdown", "report"])
def test_markdown_names_no_issue_and_draws_no_emoji(repo: Repo, cli: Cli, fmt: str) -> None:
    said = "octo-org/secret#42 GH-7 #9 :white_check_mark: :rocket: ALIGNED"
    repo.write("plans/acme.yaml", _named(f"Acme {said}"))
    if fmt == "report":
        assert cli("report", "plans/acme.yaml", "-o", "r.md").code == 0
        text = (repo.root / "r.md").read_text(encoding="utf-8")
    else:
        result = cli("check", "plans/acme.yaml", "-f", "markdown")
        assert result.code == 0, result.err
        text = result.out
    shown = _rendered_text(text)
    assert "Acme octo-org/secret#\u200b42 GH-\u200b7 #\u200b9" in shown, shown
    assert ":\u200bwhite_check_mark: :\u200brocket: ALIGNED" in shown, shown
    assert not REFERENCE.search(shown), shown


# The Hangul fillers (U+3164, U+115F, U+1160, U+FFA0) are letters to Python and blank on
# every screen (Unicode's Default_Ignorable_Code_Point): an organisation, a waiver's owner
# and its reason made of them passed as naming someone and saying why, and every report
# showed "ALIGNED  ㅤ — declared strategy delight", a waiver "until 2027-…: " with no
# reason and no one to answer for it. What a screen shows is what is judged.
FILLER = "\u3164"


@pytest.mark.parametrize(
    ("field", "text", "says"),
    [
        ("organisation", FILLER * 3, "the organisation names no one"),
        ("owner", FILLER * 3, "does not name anyone"),
        ("reason", f"{FILLER * 5} {FILLER * 5} {FILLER * 5}", "does not say why"),
        (
            "reason",
            "ok" + "".join(chr(0xE0000 + ord(c)) for c in " signed off by the CFO"),
            "does not say why",
        ),
    ],
)
def test_text_a_screen_shows_as_nothing_names_no_one_and_says_nothing(
    repo: Repo, cli: Cli, field: str, text: str, says: str
) -> None:
    import datetime as dt

    soon = dt.date.today() + dt.timedelta(days=60)
    waiver = {"rule": "no-scripts", "reason": "pilot until spring", "owner": "ops-lead"}
    plan = GOOD.replace("uses_scripts: false", "uses_scripts: true")
    if field == "organisation":
        plan = _named(text)
    else:
        waiver[field] = text
    repo.write(
        "plans/acme.yaml",
        plan
        + "waivers:\n  - {"
        + ", ".join(f"{k}: {_quoted(v)}" for k, v in waiver.items())
        + f", expires: {soon}}}\n",
    )
    result = cli("check", "plans/acme.yaml")
    assert result.code == 2, result.out
    assert says in result.err and "plans/acme.yaml:" in result.err


def test_a_file_name_in_a_code_span_does_not_steer_where_the_comment_closes_its_details() -> None:
    """The comment cut to fit counted `<details>` anywhere in its text, a code span of the
    pull request's file names included: a plan named `plans/</details>.yaml` made an open
    block read as closed, and the note of what was cut, the parts left out and the footer
    went inside the collapsed block, out of a reviewer's sight."""
    from cs_align.prcomment import bodies

    rows = "\n".join(f"- **new** `staffing-meets-targets` row {i}" for i in range(400))
    diff = "`plans/</details>.yaml` (Acme): changed\n\n<details><summary>findings</summary>\n\n"
    parts = [("blocking", diff + rows + "\n\n</details>\n"), ("check", "✅ aligned")]
    _, short = bodies(parts, "main", "<sub>footer</sub>", limit=6_000)
    lines = short.splitlines()
    opened = [i for i, line in enumerate(lines) if line.startswith("<details>")]
    closed = [i for i, line in enumerate(lines) if line == "</details>"]
    assert len(opened) == len(closed) == 1 and opened[0] < closed[0], short[-600:]
    tail = "\n".join(lines[closed[0] :])
    assert "output truncated" in tail and "more part" in tail and "<sub>footer</sub>" in tail
