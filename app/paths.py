"""Where Bauhinia keeps user data; ``BAUHINIA_HOME`` relocates all of it (tests, portable use)."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "Bauhinia"


@dataclass(frozen=True)
class Paths:
    data: Path
    config: Path
    cache: Path
    logs: Path

    @property
    def models(self) -> Path:
        return self.data / "models"

    @property
    def database(self) -> Path:
        return self.data / "history.sqlite3"

    def ensure(self) -> Paths:
        for p in (self.data, self.config, self.cache, self.logs, self.models):
            p.mkdir(parents=True, exist_ok=True)
        return self


def user_paths(env: dict[str, str] | None = None) -> Paths:
    env = dict(os.environ) if env is None else env
    home = env.get("BAUHINIA_HOME")
    if home:
        root = Path(home)
        return Paths(root / "data", root / "config", root / "cache", root / "logs")
    return Paths(
        Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
    )


def system_config_dir() -> Path:
    """Admin-owned location of site defaults, catalogue and (on Linux) managed policy."""
    if sys.platform == "win32":
        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / APP_NAME
    return Path("/etc/bauhinia")
