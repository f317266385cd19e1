"""Is an administrator's file (policy, site defaults, model catalogue) really only writable by
administrators? If a non-administrator can change the file or its folder, its content is not
the administrator's word, so the app refuses it (issue 11 item 7 / issue 19).

POSIX rule: the file and its folder must be owned by an administrator uid (root, unless a test
passes its own) and must not be writable by group or others. Windows rule (``windows_acl``): no
allow entry of the file's or folder's DACL may grant a right to change it to anyone but SYSTEM,
Administrators, TrustedInstaller or domain admins; a DACL that cannot be read is refused too.
The decision is tested everywhere; reading a real DACL needs Windows and is untested here.
(Policy itself comes from HKLM on Windows, which only administrators can write.)
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Collection
from pathlib import Path

from app.i18n import tr

CONTEXT = "Settings"


def admin_uids() -> frozenset[int]:
    """Owners trusted as administrators (tests replace this function)."""
    return frozenset({0})


def _problem(path: Path, st: os.stat_result, trusted: Collection[int], folder: bool) -> str | None:
    mode = stat.S_IMODE(st.st_mode)
    if st.st_uid not in trusted:
        text = (tr(CONTEXT, "the folder %1 is owned by uid %2, not by an administrator") if folder
                else tr(CONTEXT, "the file %1 is owned by uid %2, not by an administrator"))
        return text.replace("%1", str(path)).replace("%2", str(st.st_uid))
    if mode & (stat.S_IWGRP | stat.S_IWOTH):
        text = (tr(CONTEXT, "users who are not administrators can change the folder %1 (mode %2)") if folder
                else tr(CONTEXT, "users who are not administrators can change the file %1 (mode %2)"))
        return text.replace("%1", str(path)).replace("%2", oct(mode))
    return None


AclCheck = Callable[[Path], "str | None"]


def _windows(path: Path, folder: bool, acl: AclCheck | None) -> str | None:
    """The Windows rule: no one but an administrator may change ``path`` (``windows_acl``)."""
    from app.windows_acl import path_problem

    who = (acl or path_problem)(path)
    if who is None:
        return None
    text = (tr(CONTEXT, "the folder %1 can be changed by %2, who is not an administrator") if folder
            else tr(CONTEXT, "the file %1 can be changed by %2, who is not an administrator"))
    return text.replace("%1", str(path)).replace("%2", who)


def _check(path: Path, trusted: Collection[int] | None, folder: bool, platform: str,
           acl: AclCheck | None) -> str | None:
    try:
        st = path.stat()  # follows a symlink: the target is what would be read
    except FileNotFoundError:
        return None  # nothing is read from a missing file or folder
    except OSError as exc:
        return str(exc)
    if platform == "win32":
        return _windows(path, folder, acl)
    return _problem(path, st, admin_uids() if trusted is None else trusted, folder=folder)


def folder_problem(folder: Path, trusted: Collection[int] | None = None, *, platform: str = sys.platform,
                   acl: AclCheck | None = None) -> str | None:
    """Why non-administrators could add or replace files in ``folder``, or ``None``; a folder
    that does not exist is no problem (nothing is read from it). ``platform`` and ``acl`` let
    tests exercise the Windows rule with a stand-in for the DACL reader."""
    return _check(folder, trusted, True, platform, acl)


def file_problem(path: Path, trusted: Collection[int] | None = None, *, platform: str = sys.platform,
                 acl: AclCheck | None = None) -> str | None:
    """Why non-administrators could change ``path`` (the file, or its folder), or ``None``. A
    missing file is no problem (the caller reports it as missing, or ignores it)."""
    return _check(path.parent, trusted, True, platform, acl) or _check(path, trusted, False, platform, acl)
