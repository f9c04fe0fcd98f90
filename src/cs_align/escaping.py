"""User text made safe for each output format: one function per format.

Text from plans, strategies, waivers, configs and file names is untrusted. In every format
its control characters (C0, C1, ESC, DEL, Unicode line separators and bidirectional
overrides) are shown as visible escapes, so it cannot clear a screen, write to a clipboard
(OSC 52), forge a hyperlink (OSC 8), reorder a line, or start a new line; and so are the
characters a screen draws as nothing, so it cannot carry words a reader does not see. A
leading `::` is defused too, so no user text can start a line a CI runner would obey as a
workflow command (`::error`, `::stop-commands::`); and so is `##[` anywhere, the older
syntax GitHub's runner still obeys in the middle of a line of a step's output (`##[group]`,
`##[stop-commands]`, review attack23 M5).
"""

from __future__ import annotations

import json
import re
from typing import Any

# Past C0: DEL, C1, the Arabic letter mark, bidirectional marks and overrides, the Unicode
# line and paragraph separators, the byte-order mark. Then what a screen draws as nothing
# and no script needs (review inject62): the Mongolian vowel separator, the zero-width
# space, the word joiner and invisible operators, the deprecated format controls, the
# interlinear annotation marks (a renderer that knows them hides the text between), and
# Unicode tags, which spell any ASCII text unseen ("ASCII smuggling": a waiver's reason read
# "pilot until spring" on the screen and "pilot until spring APPROVE" to a program reading
# the comment). The joiners U+200C and U+200D stay: Persian, the Indic scripts and emoji
# need them. (A flag of England, Scotland or Wales is spelt in tags, and shows as escapes.)
_HIDDEN = (
    "\x7f-\x9f\u061c\u180e\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f"
)
_CONTROL = re.compile(f"[\x00-\x1f{_HIDDEN}]")
# JSON escapes C0 itself (and its line breaks lay out indented JSON).
_JSON_HIDDEN = re.compile(f"[{_HIDDEN}]")
_COMMAND = re.compile(r"^(\s*):(?=:)")
_LEGACY = re.compile(r"(?<=#)#(?=\[)")  # the second `#` of `##[`
_WWW = re.compile(r"\bwww\.", re.IGNORECASE)
# :rocket:, and :white\_check\_mark: as `_MARKDOWN` escapes it; not 08:00-20:
_SHORTCODE = re.compile(r":([A-Za-z+](?:[A-Za-z0-9+-]|\\?_)*):")
_REFERENCE = re.compile(r"(\\#|\bGH-)(?=[0-9])", re.IGNORECASE)  # `#` as `_MARKDOWN` escapes it
_MARKDOWN = re.compile(r"([\\`*_\[\]|#~])")
_TICKS = re.compile("`+")
_SPAN = re.compile("`([^`]+)`")


def json_text(data: Any, indent: int | None = None) -> str:
    """JSON that keeps other languages readable but writes the characters listed above as
    \\u escapes, as every other output shows them (JSON escapes C0 controls itself). They
    can only be inside strings, where an escape means the same character. (A search for
    them, not `str.translate`: most text has none, and translate looks up every character,
    a tenth of a batch check's time.)"""
    text = json.dumps(data, indent=indent, ensure_ascii=False)
    # `##[` only occurs inside strings, where `#\u0023[` reads as the same text.
    return _legacy(_JSON_HIDDEN.sub(_json_escape, text), r"\\u0023")


def _json_escape(match: re.Match[str]) -> str:
    """A JSON escape; past U+FFFF, a surrogate pair, JSON's only spelling of one (RFC 8259 7:
    `\\ue0041` read as U+E004 and a `1`)."""
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def control_character(text: str) -> str | None:
    """The first control character in ``text`` (those listed above), if any."""
    found = _CONTROL.search(text)
    return found.group() if found else None


def _escape(match: re.Match[str]) -> str:
    """`\\x1b`, `\\u202e`, or past U+FFFF `\\U000e0041`, as Python writes them: `\\ue0041`
    would read as U+E004 and a `1`."""
    code = ord(match.group())
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def visible(text: str) -> str:
    """Plain text (terminal, JUnit, stderr): control characters as `\\x1b`-style escapes,
    a leading `::` shown as `\\x3a:`, and `##[` as `#\\x23[`."""
    return _legacy(_one_line(text), r"\\x23")


def _legacy(text: str, second: str) -> str:
    """``text`` with the second `#` of each `##[` written as ``second``. Looked for first:
    the pattern's look-behind tries every position, 7% of a batch check's instructions."""
    return _LEGACY.sub(second, text) if "##[" in text else text


def _one_line(text: str) -> str:
    """Control characters as visible escapes, and a leading `::` defused."""
    return _COMMAND.sub(r"\1\\x3a", _CONTROL.sub(_escape, text))


def terminal(text: str) -> str:
    """For rich markup: visible, with markup brackets escaped."""
    from rich.markup import escape

    return escape(visible(text))


def markdown(text: str) -> str:
    """Inline Markdown and table cells: visible, no HTML, no pipes, no markup (`~`, which
    GitHub strikes through as ~x~, too: review out29 R15), and nothing GitHub would turn
    into a notification, a link, an emoji or maths (@team, a bare URL, :shortcode:, $x$),
    nor an issue reference (#42, GH-42, owner/repo#42: a link, and an entry on that issue's
    timeline in any repository). GitHub finds mentions, references and emoji in the text of
    the rendered comment, where a backslash or an entity is gone (`\\#42` and `&#58;rocket:`
    were still a reference and an emoji, review inject62): a zero-width space is a
    character of that text, and breaks each."""
    shown = visible(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    shown = _MARKDOWN.sub(r"\\\1", shown)
    shown = shown.replace("@", "@&#8203;").replace("$", "\\$")
    # Every `://`, not only one after a scheme: searching for a scheme from each letter of a
    # long run of them (a-a-a-…) took quadratic time.
    shown = _WWW.sub("www&#8203;.", shown).replace("://", "&#58;//")
    shown = _REFERENCE.sub(r"\1&#8203;", shown)
    return _SHORTCODE.sub(r":&#8203;\1:", shown)


def code(text: str) -> str:
    """User text (a path, a name) as a Markdown code span. Backslash escapes and entities
    mean nothing inside one (CommonMark 6.1: `acme\\_shoes.yaml` showed its backslash), so
    the text goes in raw (visible), fenced by one backtick more than its longest run of
    them, and padded with a space when it starts or ends with a backtick (which would join
    the fence) or a space (a space at both ends is stripped). Not for a table cell, where
    GFM splits at `|` first, inside spans too (review out29 R7)."""
    shown = visible(text)
    fence = "`" * (max(map(len, _TICKS.findall(shown)), default=0) + 1)
    pad = " " if shown.strip(" ") and {shown[0], shown[-1]} & {"`", " "} else ""
    return f"{fence}{pad}{shown}{pad}{fence}"


def markdown_prose(text: str) -> str:
    """A finding's message or fix as inline Markdown: as `markdown`, with each `…` it
    writes as a code span (`code`), as HTML shows it (`html_prose`); escaped, the backticks
    showed in the client's report and the PR comment ("(`cs-align promise`)", review
    consult47). What a span holds is inert there: no markup, link, mention or emoji."""
    parts, at = [], 0
    for span in _SPAN.finditer(text):
        parts += [markdown(text[at : span.start()]), code(span.group(1))]
        at = span.end()
    return "".join([*parts, markdown(text[at:])])


def html(text: str) -> str:
    """For an autoescaping HTML template: visible (the template escapes &, < and >)."""
    return visible(text)


def html_prose(text: str) -> str:
    """A finding's message or fix, written for Markdown, as HTML: escaped, with each
    `…` as <code>…</code>; the backticks showed in the client's report (review out29 R16)."""
    from markupsafe import Markup, escape

    return Markup(_SPAN.sub(r"<code>\1</code>", str(escape(visible(text)))))


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """User text (a file name, a message that quotes a value) as a CSV cell a spreadsheet
    shows as text: Excel, LibreOffice and Google Sheets run a cell that starts with =, +, -,
    @, a tab or a carriage return as a formula (`=1+2.yaml` showed 3, a HYPERLINK a link;
    OWASP "CSV injection"), so such a cell gets a leading apostrophe, as they write a text
    cell themselves (review user50 C1)."""
    return f"'{text}" if text.startswith(_FORMULA) else text


def sarif_text(text: str) -> str:
    """A SARIF plain-text message (its JSON escapes come after, from `json_text`). Such a
    message has links of its own, `[text](target)` (SARIF 2.1.0, 3.11.6), and viewers draw
    every one as a link: the VS Code SARIF Viewer and sarif-web-component (Azure DevOps)
    find them with `\\[([^\\]]*)\\]\\(([^)]+)\\)`, blind to the spec's backslash escapes,
    and write `<a href=target>`, any scheme. So no `](` is left: each is written `]\\(`,
    which neither they nor the spec's grammar read as a link, and a reader sees as escaped
    (review inject62: a plan's handle_time `[approved by the CFO](https://…)` was a link in
    the finding that quoted it)."""
    return text.replace("](", "]\\(")


def github_data(text: str) -> str:
    """The message part of a GitHub workflow command (after `::`), visible."""
    return _percent(visible(text))


def github_property(text: str) -> str:
    """A property value of a GitHub workflow command (file=…, title=…). The runner reads a
    line that starts with a command (`::error file=…::`) as that command whole, so a `##[`
    here stays as written: an annotation's `file=` names the file as it is."""
    return _percent(_one_line(text)).replace(":", "%3A").replace(",", "%2C")


def _percent(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
