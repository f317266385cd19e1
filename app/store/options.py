"""Map the history settings (policy values) onto ``HistoryStore.open`` parameters.

Kept here as a pure function so the CLI, the recorder behind ``bauhinia ask`` and the window
agree on what each setting value means.
"""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable
from typing import Any


def open_kwargs(
    *,
    enabled: bool = True,
    encryption: str = "preferred",
    keyring_fallback: str = "refuse",
    passphrase: Callable[[], str | None] | None = None,
    export_allowed: bool = True,
) -> dict[str, Any]:
    """``encryption``: required | preferred | off; ``keyring_fallback``: refuse | passphrase |
    unencrypted-with-warning. ``required`` never falls back to plain text, and converts an
    unencrypted database it finds (``require_encryption``). ``export_allowed`` is
    ``history.export_allowed``: the opened store then refuses every bulk export."""
    if encryption not in ("required", "preferred", "off"):
        raise ValueError(f"unknown history.encryption value {encryption!r}")
    fallback = {"refuse": "refuse", "passphrase": "passphrase", "unencrypted-with-warning": "plaintext"}.get(
        keyring_fallback
    )
    if fallback is None:
        raise ValueError(f"unknown history.keyring_fallback value {keyring_fallback!r}")
    if encryption == "required" and fallback == "plaintext":
        fallback = "refuse"
    return {
        "enabled": enabled,
        "encrypt": encryption != "off",
        "require_encryption": encryption == "required",
        "without_keyring": fallback,
        "passphrase": passphrase,
        "export_allowed": export_allowed,
    }


def terminal_passphrase() -> str | None:
    """Ask on the terminal (only when there is one); None otherwise."""
    if not sys.stdin.isatty():
        return None
    return getpass.getpass("History passphrase: ") or None
