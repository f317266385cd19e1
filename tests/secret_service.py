"""Run a command under a real, private Secret Service (D-Bus session + GNOME Keyring).

``secret_service_command(argv)`` wraps ``argv`` so that it runs in a fresh D-Bus session with
``gnome-keyring-daemon`` unlocked (a fixed test password, a new login keyring); run it with
``secret_service_env(home)`` so the keyrings live under ``home`` and the real user's keyrings are
never touched. ``have_secret_service()`` says whether the tools exist (Debian: ``dbus``,
``gnome-keyring``).
"""

from __future__ import annotations

import os
import shlex
import shutil
from collections.abc import Sequence
from pathlib import Path


def have_secret_service() -> bool:
    return shutil.which("dbus-run-session") is not None and shutil.which("gnome-keyring-daemon") is not None


def secret_service_env(home: Path, base: dict[str, str] | None = None) -> dict[str, str]:
    """An environment whose keyrings live under ``home`` (never the real user's)."""
    env = dict(os.environ if base is None else base)
    for name in ("DBUS_SESSION_BUS_ADDRESS", "GNOME_KEYRING_CONTROL", "PYTHON_KEYRING_BACKEND"):
        env.pop(name, None)
    env.update({
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_RUNTIME_DIR": str(home / "run"),
    })
    (home / "run").mkdir(parents=True, exist_ok=True, mode=0o700)
    return env


def secret_service_command(argv: Sequence[str]) -> list[str]:
    inner = (
        'printf "bauhinia-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 && exec '
        + " ".join(shlex.quote(a) for a in argv)
    )
    return ["dbus-run-session", "--", "sh", "-c", inner]
