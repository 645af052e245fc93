"""The Bluesky sandbox's atproto syntax against the specifications' own examples, and the
connector's record keys and timestamps checked by it (each side checks the other)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from connectors.bluesky.post_records import iso_timestamp
from connectors.bluesky.record_keys import record_key_for
from sandbox.bluesky.syntax import (
    app_timestamp,
    is_datetime,
    is_record_key,
    is_tid,
    tid,
    tid_time,
)


@pytest.mark.parametrize(
    "value", ["3jzfcijpj2z2a", "7777777777777", "3zzzzzzzzzzzz", "2222222222222"]
)
def test_valid_tids_from_the_spec(value: str) -> None:
    assert is_tid(value)


@pytest.mark.parametrize(
    "value",
    [
        "3jzfcijpj2z21",
        "0000000000000",
        "3JZFCIJPJ2Z2A",
        "3jzfcijpj2z2aa",
        "3jzfcijpj2z2",
        "zzzzzzzzzzzzz",
    ],
)
def test_invalid_tids_from_the_spec(value: str) -> None:
    assert not is_tid(value)


def test_a_tid_holds_its_microseconds_and_sorts_as_time() -> None:
    moment = datetime(2026, 11, 23, 9, 0, 0, 123456, tzinfo=UTC)
    assert tid_time(tid(moment, 1023)) == moment
    assert tid(datetime(1970, 1, 1, tzinfo=UTC)) == "2222222222222"
    later = [tid(moment + timedelta(microseconds=step)) for step in (0, 1, 10**6, 10**12)]
    assert later == sorted(later) and len(set(later)) == 4


@pytest.mark.parametrize(
    "value", ["3jzfcijpj2z2a", "self", "example.com", "~1.2-3_", "pre:fix", "_"]
)
def test_record_keys_from_the_spec(value: str) -> None:
    assert is_record_key(value)


@pytest.mark.parametrize("value", [".", "..", "", "alpha/beta", "@handle", "a" * 513, "#extra"])
def test_invalid_record_keys_from_the_spec(value: str) -> None:
    assert not is_record_key(value)


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("1985-04-12T23:20:50.123Z", True),
        ("1985-04-12T23:20:50.123+00:00", True),
        ("1985-04-12T23:20:50Z", True),
        ("1985-04-12T23:20:50.123-00:00", False),
        ("1985-04-12t23:20:50.123Z", False),
        ("1985-04-12T23:20:50.123", False),
        ("1985-04-12 23:20:50.123Z", False),
    ],
)
def test_datetimes_from_the_lexicon_spec(value: str, valid: bool) -> None:
    assert is_datetime(value) is valid


def test_the_connectors_record_keys_and_timestamps_pass_the_sandboxs_rules() -> None:
    keys = {record_key_for(f"delivery-{number}") for number in range(500)}
    assert len(keys) == 500 and all(is_tid(key) for key in keys)
    moment = datetime(2026, 11, 23, 9, 0, 0, 987654, tzinfo=UTC)
    assert iso_timestamp(moment) == app_timestamp(moment)
    assert is_datetime(iso_timestamp(moment))
