from __future__ import annotations

import time

import pytest

from app.store.ids import id_timestamp_ms, is_valid_id, new_id


def test_ids_sort_by_creation_even_within_one_millisecond() -> None:
    ids = [new_id(1_700_000_000_000) for _ in range(1000)]
    assert ids == sorted(ids)
    assert len(set(ids)) == 1000
    assert all(is_valid_id(i) and len(i) == 26 for i in ids)


def test_ids_carry_their_time() -> None:
    before = int(time.time() * 1000)
    value = new_id()
    assert before <= id_timestamp_ms(value) <= int(time.time() * 1000) + 1
    later = new_id(id_timestamp_ms(value) + 5000)
    assert later > value


def test_invalid_ids_are_rejected() -> None:
    for bad in ("", "x" * 26, "01ARZ3NDEKTSV4RRFFQ69G5FA", "81ARZ3NDEKTSV4RRFFQ69G5FAV", None, 7):
        assert not is_valid_id(bad)
    with pytest.raises(ValueError):
        id_timestamp_ms("not-an-id")
