"""A monitored public channel exists (community, social, forum).

Why: engagement means an ongoing public dialogue with customers; squeaky-wheel service at
least has to hear the squeak — one social post reaches thousands.

Source: 004 (engagement: over-inform, a clear invitation; squeaky wheel: grease it when it
squeaks); 001 (one post on a social network reaches thousands).

Options:
    require_staffed: the public channel must have people on it (default true).

Fails: no channel of kind social or community (or `public: true`) that is monitored.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from cs_align.rules.base import HIGHER, PLAN, Context, Hit, Options

ID = "public-channel"
AREA = "strategy"
SEVERITY = "error"
TITLE = "A monitored public channel exists"
SOURCE = "004, 001"
REACH = PLAN


class PublicOptions(Options):
    require_staffed: Annotated[bool, HIGHER] = True


OPTIONS = PublicOptions


def check(ctx: Context, options: PublicOptions) -> Iterator[Hit]:
    public = [(c, m) for _, c, m in ctx.channels() if c.is_public and c.monitored]
    if options.require_staffed:
        public = [(c, m) for c, m in public if c.human and m.planned_fte > 0]
    if not public:
        yield Hit(
            message="no monitored, staffed public channel (social, community or forum)",
            path=("channels",),
            fix="add a community or social channel with people on it and a first_response target",
        )
