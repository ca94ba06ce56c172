"""Polling intervals and back-off (property tests for the interval parser)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ceasewatch.errors import CeasewatchError
from ceasewatch.watch.fetch import retry_after
from ceasewatch.watch.schedule import (
    MAX_BACKOFF_S,
    backoff_delay,
    format_interval,
    parse_interval,
)


@given(st.integers(min_value=1, max_value=7 * 86400))
def test_format_then_parse_round_trips(seconds: int) -> None:
    assert parse_interval(format_interval(seconds)) == seconds


@given(st.text(max_size=12))
def test_any_text_is_an_interval_or_a_named_error(text: str) -> None:
    try:
        seconds = parse_interval(text)
    except CeasewatchError as exc:
        assert exc.field == "every"
    else:
        assert 1 <= seconds <= 7 * 86400


@given(st.integers(min_value=1, max_value=86400), st.integers(min_value=0, max_value=60))
def test_backoff_grows_and_is_bounded(every: int, failures: int) -> None:
    delay = backoff_delay(every, failures)
    assert delay >= every
    assert delay <= max(every, MAX_BACKOFF_S)
    assert backoff_delay(every, failures + 1) >= delay


def test_retry_after_is_honoured() -> None:
    assert backoff_delay(60, 1, retry_after_s=600) == 600
    assert retry_after("120") == 120
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0
    assert retry_after("soon") is None


@pytest.mark.parametrize("text", ["15 m", "2H", "1.5h", "1d"])
def test_spellings(text: str) -> None:
    assert parse_interval(text) in (900, 7200, 5400, 86400)
