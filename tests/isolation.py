"""Keep the test session, and every process it starts, away from the machine's real profile and
the real admin folder (/etc/bauhinia).

- ``REAL_HOME`` / ``REAL_CACHE`` are captured when this module is first imported (by the root
  conftest, before anything is changed), for the few build caches a test must share with the
  developer (the packaging pipeline's llama.cpp wheel): tests pass them on explicitly.
- ``home_env(folder)`` is the set of variables that point a process's home at ``folder``: HOME and
  the XDG base directories (platformdirs, keyring's config, Qt, fontconfig all follow them).
- The admin folder cannot be moved by any variable the app reads (policy stays where only an
  admin writes). In-process the tests replace ``app.settings.sources.admin_config_dir``; a child
  process started through ``tests/cli_child.py`` gets the same folder through ``ADMIN_DIR_VAR``,
  which only that test launcher reads.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

REAL_HOME: Final = Path(os.environ.get("HOME") or Path.home())
REAL_CACHE: Final = Path(os.environ.get("XDG_CACHE_HOME") or REAL_HOME / ".cache")
#: Read by tests/cli_child.py only: the admin folder the child uses instead of /etc/bauhinia.
ADMIN_DIR_VAR: Final = "BAUHINIA_TEST_ADMIN_DIR"
#: Read by tests/cli_child.py only: the real home, which the child must not open.
REAL_HOME_VAR: Final = "BAUHINIA_TEST_REAL_HOME"
HOME_VARS: Final = ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")


def home_env(folder: Path) -> dict[str, str]:
    """HOME and the XDG base directories, all inside ``folder`` (HOME is created: tools expect it)."""
    home = folder / "home"
    home.mkdir(parents=True, exist_ok=True)
    return {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
    }


def packaging_build_env(env: dict[str, str]) -> dict[str, str]:
    """``env`` plus the developer's build caches (llama.cpp wheel, pip), which live in the real
    home on purpose: a warm CI run reuses the portable wheel. Only build tools read them; the app
    run inside the pipeline sees the isolated home."""
    out = dict(env)
    out.setdefault("BAUHINIA_PACKAGING_CACHE", str(REAL_CACHE / "bauhinia-packaging"))
    out.setdefault("PIP_CACHE_DIR", str(REAL_CACHE / "pip"))
    return out
