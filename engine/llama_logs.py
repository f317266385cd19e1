"""Keep llama.cpp's log lines out of the user's terminal, and use them in error messages.

llama-cpp-python 0.3.x maps ggml's log levels wrongly and prints warnings even when asked to be
quiet, so calls that may log (loading, quantising) collect the lines instead; when such a call
fails, the last lines explain why.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def captured_llama_logs() -> Iterator[list[str]]:
    """Collect llama.cpp's log lines while the block runs, then restore the previous callback."""
    import llama_cpp  # lazily: importing the engine must not load llama.cpp

    lines: list[str] = []

    def collect(_level: int, text: bytes, _userdata: int | None) -> None:
        lines.append(text.decode("utf-8", errors="replace"))

    callback = llama_cpp.llama_log_callback(collect)
    previous = llama_cpp.llama_log_callback()
    previous_userdata = ctypes.c_void_p()
    llama_cpp.llama_log_get(ctypes.byref(previous), ctypes.byref(previous_userdata))
    llama_cpp.llama_log_set(callback, None)
    try:
        yield lines
    finally:
        llama_cpp.llama_log_set(previous, previous_userdata)


def tail(lines: list[str], n: int = 3) -> str:
    """The last ``n`` non-empty log lines joined on one line (for an error message)."""
    text = [ln.strip() for ln in "".join(lines).splitlines() if ln.strip()]
    return " | ".join(text[-n:])
