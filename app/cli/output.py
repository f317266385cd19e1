"""Shared CLI plumbing: JSON vs human output and one-line errors on stderr."""

from __future__ import annotations

import json
import sys
from typing import Any


class CliError(Exception):
    """Raised by a command to exit non-zero with a one-line message on stderr."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def emit_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")
    sys.stdout.flush()


def table(rows: list[tuple[str, str]]) -> str:
    width = max((len(k) for k, _ in rows), default=0)
    return "\n".join(f"{k.ljust(width)}  {v}" for k, v in rows)
