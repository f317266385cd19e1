"""The line format shared by the writer and the verifier.

One JSON object per line, UTF-8, keys in this order: ``v`` (format), ``seq`` (1, 2, … across all
files of the log), ``time`` (UTC, ISO 8601), ``user`` (OS user), ``host``, ``event``, the event's
own fields, ``prev`` (SHA-256 of the previous line's bytes, or 64 zeros for the first line ever),
and last ``h``: the SHA-256 of the line up to ``,"h"`` followed by ``}`` — so a changed line is
named by its own number, and a removed or moved line by the line that follows it.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

FORMAT_VERSION = 1
GENESIS = "0" * 64
MAX_LINE_BYTES = 64 * 1024
_TAIL = re.compile(rb',"h":"([0-9a-f]{64})"\}\Z')


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def seal(body: dict[str, Any]) -> bytes:
    """The line (without its newline) for ``body``, which must end with ``prev``."""
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
    return text[:-1] + b',"h":"' + sha256_hex(text).encode("ascii") + b'"}'


def self_hash_ok(line: bytes) -> bool:
    """Whether the line's ``h`` matches the rest of the line."""
    m = _TAIL.search(line)
    if m is None:
        return False
    return sha256_hex(line[: m.start()] + b"}") == m.group(1).decode("ascii")
