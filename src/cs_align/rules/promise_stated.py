"""The plan states, in its own words, what customers can count on.

Why: every budget and staffing decision must be congruent with what service is for, and
the people making them must be able to say what was promised. A plan with no promise, or
one still reading like the starter's placeholder, has nothing for its figures to keep.

Source: 004 (promise, then keep the promise; say what change you want and fund a system
likely to bring it about);
000 (customers must be able to count on an answer).

Options: none.

Fails:
    promise: "Write here, in one sentence, what customers can count on."
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cs_align.rules.base import PLAN, Context, Hit, Options

ID = "promise-stated"
AREA = "strategy"
SEVERITY = "warning"
TITLE = "The plan states its promise"
SOURCE = "004, 000"
REACH = PLAN

PLACEHOLDER = "Write here, in one sentence, what customers can count on."
"""What `cs-align init` once wrote where the promise goes."""
_STAND_INS = frozenset({"todo", "tbd", "tbc", "tba", "xxx", "n/a", "na", "none", "lorem ipsum"})


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9/]+", text.lower()))


_PLACEHOLDER_WORDS = _words(PLACEHOLDER)
_MARKED = re.compile(r"\b(?:TODO|TBD|TBC|TBA|FIXME|XXX)\b|^\s*(?i:todo|tbd|tbc|fixme)\s*[:\-]")
"""A stand-in marker in the text: an upper-case TODO, TBD … anywhere, or any case as the
opening word with a colon ("todo: …"); a lower-case "todo" inside a sentence is a word
(Spanish "todo", for one)."""


def is_placeholder(text: str) -> bool:
    """Blank, a stand-in (TODO, TBD …), or still reading like the starter's placeholder:
    most of its words are the placeholder's (a typo or a dropped word does not hide it)."""
    plain = " ".join(re.findall(r"[a-z0-9/]+", text.lower()))
    if not plain or plain in _STAND_INS or plain.startswith("write here"):
        return True
    if _MARKED.search(text):
        return True
    words = _words(plain)
    return len(words & _PLACEHOLDER_WORDS) >= 0.6 * len(words | _PLACEHOLDER_WORDS)


def check(ctx: Context, options: Options) -> Iterator[Hit]:
    promise = ctx.plan.promise
    fix = (
        'write one sentence customers can count on, e.g. `promise: "A person answers every '
        'call within 20 seconds and every email within 4 hours."`'
    )
    if promise is None:
        yield Hit(message="the plan states no promise to its customers", path=("promise",), fix=fix)
    elif is_placeholder(promise):
        yield Hit(
            message=f"the promise {promise.strip()[:60]!r} is a placeholder, not a promise",
            path=("promise",),
            fix=fix,
        )
