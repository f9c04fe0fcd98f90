"""cs-align: check that a customer-service plan funds the service strategy it declares."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from pathlib import Path

    from cs_align.findings import Report

__all__ = ["__version__", "check"]


def check(path: str | Path, **options: Any) -> Report:
    """Load the plan at ``path``, evaluate it against its strategy, return the report.

    Options are those of :class:`cs_align.engine.CheckOptions` (strategy, ignore_waivers,
    waivers, today). Raises :class:`cs_align.errors.CsAlignError` for unusable input.
    """
    from cs_align.engine import CheckOptions, check_file

    return check_file(path, CheckOptions(**options))
