"""Where Bauhinia keeps user data (``BAUHINIA_HOME`` relocates all of it: tests, portable use),
where the administrator's files live, and how path settings are expanded.

Why the Windows folder comes from ``SHGetKnownFolderPath`` and not ``%PROGRAMDATA%``: any user
can set that variable for their own processes and so point the app at a catalogue or policy
folder they control. The known-folder API answers from the machine's configuration.
"""

from __future__ import annotations

import ntpath
import os
import posixpath
import re
import stat
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "Bauhinia"

#: Profile folders are private to the user: no group or other access (issue 11 item 13).
PRIVATE_DIR_MODE = 0o700

# Windows known-folder ids (KNOWNFOLDERID); only the machine-wide ones the app relies on.
FOLDERID_PROGRAM_DATA = "{62AB5D82-FDC1-4DC3-A9DD-070D1D495D97}"
FOLDERID_WINDOWS = "{F38BF404-1D43-42F2-9305-67DE0B28FC23}"
FOLDERID_PROGRAM_FILES = "{905E63B6-C1BF-494E-B29C-65B732D3D21A}"
_FALLBACK_PROGRAM_DATA = r"C:\ProgramData"

KnownFolder = Callable[[str], str]


def make_private_dir(path: Path) -> None:
    """Create ``path`` (and missing parents) as 0700; an existing folder that group or others
    could enter is narrowed to 0700. No-op for permissions on Windows (profile ACLs apply)."""
    path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    if os.name != "posix":
        return
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            path.chmod(mode & 0o700 | 0o700)
    except OSError:
        pass  # not ours to change (a shared folder): leave it, the files inside are still 0600


@dataclass(frozen=True)
class Paths:
    data: Path
    config: Path
    cache: Path
    logs: Path
    root: Path | None = None  # BAUHINIA_HOME, when set

    @property
    def models(self) -> Path:
        return self.data / "models"

    @property
    def database(self) -> Path:
        return self.data / "history.sqlite3"

    def ensure(self) -> Paths:
        """Create the profile folders 0700 and narrow existing ones that are wider (0755 from
        earlier releases)."""
        if self.root is not None and not self.root.exists():
            make_private_dir(self.root)
        for p in (self.data, self.config, self.cache, self.logs, self.models):
            make_private_dir(p)
        return self


def user_paths(env: Mapping[str, str] | None = None) -> Paths:
    env = dict(os.environ) if env is None else env
    home = env.get("BAUHINIA_HOME")
    if home:
        root = Path(home)
        return Paths(root / "data", root / "config", root / "cache", root / "logs", root)
    return Paths(
        Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
    )


def known_folder_path(folder_id: str) -> str:  # pragma: no cover - Windows only
    """``SHGetKnownFolderPath(folder_id)`` through ctypes; ``OSError`` when Windows says no (or
    this is not Windows)."""
    if sys.platform != "win32":
        raise OSError("known folders exist only on Windows")
    import ctypes
    from ctypes import wintypes

    class GUID(ctypes.Structure):
        _fields_ = [("Data1", wintypes.DWORD), ("Data2", wintypes.WORD), ("Data3", wintypes.WORD),
                    ("Data4", ctypes.c_ubyte * 8)]

    windll: Any = ctypes.windll
    guid = GUID()
    if windll.ole32.CLSIDFromString(ctypes.c_wchar_p(folder_id), ctypes.byref(guid)) != 0:
        raise OSError(f"bad known-folder id {folder_id}")
    shell32 = windll.shell32
    shell32.SHGetKnownFolderPath.argtypes = [ctypes.POINTER(GUID), wintypes.DWORD, wintypes.HANDLE,
                                             ctypes.POINTER(ctypes.c_void_p)]
    shell32.SHGetKnownFolderPath.restype = ctypes.c_long
    raw = ctypes.c_void_p()
    hr = shell32.SHGetKnownFolderPath(ctypes.byref(guid), 0, None, ctypes.byref(raw))
    try:
        if hr != 0 or not raw.value:
            raise OSError(f"SHGetKnownFolderPath({folder_id}) failed: 0x{hr & 0xFFFFFFFF:08X}")
        return str(ctypes.wstring_at(raw.value))
    finally:
        windll.ole32.CoTaskMemFree(raw)


def system_config_dir(platform: str = sys.platform, known_folder: KnownFolder | None = None) -> Path:
    """Admin-owned location of site defaults, catalogue and (on Linux) managed policy.
    Windows: ``<FOLDERID_ProgramData>\\Bauhinia``, never from the environment."""
    if platform == "win32":
        lookup = known_folder or known_folder_path
        try:
            base = lookup(FOLDERID_PROGRAM_DATA)
        except OSError:
            base = _FALLBACK_PROGRAM_DATA
        return Path(ntpath.join(base, APP_NAME))
    return Path("/etc/bauhinia")


def machine_folders(platform: str = sys.platform, known_folder: KnownFolder | None = None) -> dict[str, str]:
    """Variables a path setting may use whose value must not come from the user's environment
    (Windows machine folders, from the known-folder API). Empty elsewhere."""
    if platform != "win32":
        return {}
    lookup = known_folder or known_folder_path
    out: dict[str, str] = {}
    for names, folder in ((("PROGRAMDATA", "ALLUSERSPROFILE"), FOLDERID_PROGRAM_DATA),
                          (("SYSTEMROOT", "WINDIR"), FOLDERID_WINDOWS),
                          (("PROGRAMFILES",), FOLDERID_PROGRAM_FILES)):
        try:
            value = lookup(folder)
        except OSError:
            continue
        for name in names:
            out[name] = value
    return out


_VARIABLE = re.compile(r"%([A-Za-z_][A-Za-z0-9_()]*)%|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)")


class PathSettingError(ValueError):
    """A path setting names an unknown variable or is not absolute."""


def expand_path(text: str, env: Mapping[str, str], trusted: Mapping[str, str] | None = None,
                platform: str = sys.platform) -> str:
    """Expand ``%NAME%``, ``${NAME}`` and ``$NAME`` and require an absolute path.

    ``trusted`` values (machine folders) win over the environment. Names are case-insensitive on
    Windows. An unknown variable or a relative result raises ``PathSettingError``: a relative
    path would depend on the current folder, which the user controls."""
    folded = platform == "win32"

    def norm(name: str) -> str:
        return name.upper() if folded else name

    known = {norm(k): v for k, v in env.items()}
    known.update({norm(k): v for k, v in (trusted or {}).items()})

    def sub(match: re.Match[str]) -> str:
        name = next(g for g in match.groups() if g)
        value = known.get(norm(name))
        if value is None:
            raise PathSettingError(f"unknown environment variable {name}")
        return value

    out = _VARIABLE.sub(sub, text)
    if not is_absolute_path(out, platform):
        raise PathSettingError(f"not an absolute path: {out}")
    return out


def is_absolute_path(text: str, platform: str = sys.platform) -> bool:
    """Absolute for ``platform``: ``/…`` on POSIX; a drive (``C:\\``) or UNC share on Windows
    (``\\folder`` alone is relative to the current drive, so it is refused)."""
    if platform == "win32":
        drive, rest = ntpath.splitdrive(text)
        return bool(drive) and (drive.startswith(("\\\\", "//")) or rest[:1] in ("\\", "/"))
    return posixpath.isabs(text)
