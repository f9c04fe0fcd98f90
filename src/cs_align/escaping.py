"""User text made safe for each output format: one function per format.

Text from plans, strategies, waivers, configs and file names is untrusted. In every format
its control characters (C0, C1, ESC, DEL, Unicode line separators and bidirectional
overrides) are shown as visible escapes, so it cannot clear a screen, write to a clipboard
(OSC 52), forge a hyperlink (OSC 8), reorder a line, or start a new line. A leading `::` is
defused too, so no user text can start a line a CI runner would obey as a workflow command
(`::error`, `::stop-commands::`).
"""

from __future__ import annotations

import json
import re
from typing import Any

_CONTROL = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]"
)
_COMMAND = re.compile(r"^(\s*):(?=:)")
_WWW = re.compile(r"\bwww\.", re.IGNORECASE)
_SHORTCODE = re.compile(r":([A-Za-z+][A-Za-z0-9_+-]*):")  # :rocket:, not 08:00-20:
_MARKDOWN = re.compile(r"([\\`*_\[\]|#])")


_JSON_HIDDEN = {
    code: f"\\u{code:04x}"
    for code in [
        *range(0x7F, 0xA0),
        0x61C,
        0x200E,
        0x200F,
        0x2028,
        0x2029,
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
        0xFEFF,
    ]
}


def json_text(data: Any, indent: int | None = None) -> str:
    """JSON that keeps other languages readable but writes the characters listed above as
    \\u escapes, as every other output shows them (JSON escapes C0 controls itself). They
    can only be inside strings, where an escape means the same character."""
    return json.dumps(data, indent=indent, ensure_ascii=False).translate(_JSON_HIDDEN)


def control_character(text: str) -> str | None:
    """The first control character in ``text`` (those listed above), if any."""
    found = _CONTROL.search(text)
    return found.group() if found else None


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """Plain text (terminal, JUnit, stderr): control characters as `\\x1b`-style escapes,
    and a leading `::` shown as `\\x3a:`."""
    return _COMMAND.sub(r"\1\\x3a", _CONTROL.sub(_escape, text))


def terminal(text: str) -> str:
    """For rich markup: visible, with markup brackets escaped."""
    from rich.markup import escape

    return escape(visible(text))


def markdown(text: str) -> str:
    """Inline Markdown and table cells: visible, no HTML, no pipes, no markup, and nothing
    GitHub would turn into a notification, a link, an emoji or maths (@team, a bare URL,
    :shortcode:, $x$)."""
    shown = visible(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    shown = _MARKDOWN.sub(r"\\\1", shown)
    shown = shown.replace("@", "@&#8203;").replace("$", "\\$")
    # Every `://`, not only one after a scheme: searching for a scheme from each letter of a
    # long run of them (a-a-a-…) took quadratic time.
    shown = _WWW.sub("www&#8203;.", shown).replace("://", "&#58;//")
    return _SHORTCODE.sub(r"&#58;\1:", shown)


def html(text: str) -> str:
    """For an autoescaping HTML template: visible (the template escapes &, < and >)."""
    return visible(text)


def github_data(text: str) -> str:
    """The message part of a GitHub workflow command (after `::`)."""
    return visible(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A property value of a GitHub workflow command (file=…, title=…)."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")
