"""Property tests: any text gives a plan or a clear error; valid plans never crash the math."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic_core import PydanticCustomError

from cs_align.engine import CheckOptions, assess
from cs_align.errors import CsAlignError
from cs_align.loader import parse_plan
from cs_align.schedule import parse_hours
from cs_align.units import (
    parse_duration,
    parse_money,
    parse_per_year,
    parse_percent,
    parse_service_level,
)
from tests.conftest import GOOD, examples

FUZZ = settings(
    max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def plan_or_error(text: str) -> None:
    try:
        assess(parse_plan(text, "fuzz.yaml"), CheckOptions())
    except CsAlignError as exc:
        assert exc.problems and all(p.file == "fuzz.yaml" for p in exc.problems)
        assert all(" — " in str(p) or p.fix == "" for p in exc.problems)


@FUZZ
@given(st.text(max_size=400))
def test_any_text(text: str) -> None:
    plan_or_error(text)


@FUZZ
@given(st.data())
def test_mutated_plans(data: st.DataObject) -> None:
    text = GOOD
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 12))
        insert = data.draw(
            st.text(alphabet=" \n\t:-[]{}&*!|>'\"#%,.0123456789aeiouxyz", max_size=8)
        )
        text = text[:at] + insert + text[at + cut :]
    plan_or_error(text)


values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(max_size=20)
    | st.floats(allow_nan=True, allow_infinity=True),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


# Generating nested documents is most of this test's cost (about 8 ms each, against 1 ms
# to dump and check one): 150 give each top-level key dozens of shapes.
@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "version",
                "organisation",
                "strategy",
                "channels",
                "staffing",
                "budget",
                "segments",
                "period",
                "currency",
                "waivers",
                "x",
            ]
        ),
        values,
        max_size=8,
    )
)
def test_structured_documents(document: dict[str, Any]) -> None:
    plan_or_error(yaml.safe_dump(document))


def only_custom_errors(parse: Any, value: Any) -> None:
    try:
        parse(value)
    except PydanticCustomError as exc:
        assert exc.context and exc.context.get("fix")


scalars = st.text(max_size=30) | st.integers() | st.decimals(allow_nan=True) | st.booleans()


@FUZZ
@given(scalars)
def test_unit_parsers_fail_only_with_a_fix(value: Any) -> None:
    for parse in (
        parse_duration,
        parse_percent,
        parse_money,
        parse_service_level,
        parse_hours,
        parse_per_year,
    ):
        only_custom_errors(parse, value)


@settings(max_examples=examples(120), deadline=None)
@given(
    contacts=st.integers(0, 2_000_000),
    handle=st.integers(1, 7200),
    agents=st.decimals(0, 5000, places=1),
    patience=st.integers(1, 3600),
    share=st.integers(1, 99),
    seconds=st.integers(0, 600),
)
def test_any_valid_figures_evaluate(
    contacts: int, handle: int, agents: Decimal, patience: int, share: int, seconds: int
) -> None:
    text = (
        GOOD.replace("contacts: 9000", f"contacts: {contacts}")
        .replace("handle_time: 6m", f"handle_time: {handle}s")
        .replace("patience: 2m", f"patience: {patience}s")
        .replace('"80% in 20s"', f'"{share}% in {seconds}s"')
    )
    text = text.replace("    agents: 16.2", f"    agents: {agents}")
    report = assess(parse_plan(text, "p.yaml"), CheckOptions())
    assert report.verdict in ("aligned", "at-risk", "misaligned")
    for channel in report.metrics.channels if report.metrics else ():
        if channel.service_level is not None:
            assert 0.0 <= channel.service_level <= 1.0
        if channel.abandonment is not None:
            assert 0.0 <= channel.abandonment <= 1.0
