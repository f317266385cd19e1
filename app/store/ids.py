"""Sortable, time-ordered identifiers (ULID layout) for conversations and messages.

26 Crockford base32 characters: 48 bits of Unix milliseconds, then 80 random bits. Ids made in
the same millisecond by one process increase monotonically, so sorting ids sorts by creation.
"""

from __future__ import annotations

import secrets
import threading
import time

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_RANDOM_BITS = 80
_lock = threading.Lock()
_last_ms = -1
_last_random = 0


def _encode(value: int) -> str:
    chars = []
    for _ in range(26):
        chars.append(_ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def new_id(now_ms: int | None = None) -> str:
    """Return a new 26-character id that sorts after every id this process made before."""
    global _last_ms, _last_random
    ms = int(time.time() * 1000) if now_ms is None else now_ms
    with _lock:
        if ms <= _last_ms:
            ms = _last_ms
            rnd = _last_random + 1
            if rnd >> _RANDOM_BITS:  # 2**80 ids in one millisecond: borrow the next one
                ms += 1
                rnd = secrets.randbits(_RANDOM_BITS - 1)
        else:
            rnd = secrets.randbits(_RANDOM_BITS - 1)  # top bit clear leaves room to increment
        _last_ms, _last_random = ms, rnd
    return _encode((ms << _RANDOM_BITS) | rnd)


def id_timestamp_ms(value: str) -> int:
    """The creation time (Unix milliseconds) encoded in an id; ValueError if it is not one."""
    if not is_valid_id(value):
        raise ValueError(f"not a Bauhinia id: {value!r}")
    number = 0
    for ch in value:
        number = (number << 5) | _ALPHABET.index(ch)
    return number >> _RANDOM_BITS


def is_valid_id(value: object) -> bool:
    return (
        isinstance(value, str) and len(value) == 26 and value[0] in "01234567" and all(ch in _ALPHABET for ch in value)
    )
