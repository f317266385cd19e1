"""Is an administrator's file (policy, site defaults, model catalogue) really only writable by
administrators? If a non-administrator can change the file or its folder, its content is not
the administrator's word, so the app refuses it (issue 11 item 7 / issue 19).

POSIX rule: the file and its folder must be owned by an administrator uid (root, unless a test
passes its own) and must not be writable by group or others. Windows: not checked here — the
policy itself comes from HKLM (writable by administrators only) and the MSI gives
``ProgramData\\Bauhinia`` an administrators-only ACL; a DACL check for the catalogue file is
documented as not implemented (it could not be run on this Linux machine).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Collection
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


def folder_problem(folder: Path, trusted: Collection[int] | None = None) -> str | None:
    """Why non-administrators could add or replace files in ``folder``, or ``None``; a folder
    that does not exist is no problem (nothing is read from it)."""
    if os.name != "posix":
        return None
    try:
        st = folder.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        return str(exc)
    return _problem(folder, st, admin_uids() if trusted is None else trusted, folder=True)


def file_problem(path: Path, trusted: Collection[int] | None = None) -> str | None:
    """Why non-administrators could change ``path`` (the file, or its folder), or ``None``. A
    missing file is no problem (the caller reports it as missing, or ignores it)."""
    if os.name != "posix":
        return None
    trusted = admin_uids() if trusted is None else trusted
    found = folder_problem(path.parent, trusted)
    if found:
        return found
    try:
        st = path.stat()  # follows a symlink: the target is what would be read
    except FileNotFoundError:
        return None
    except OSError as exc:
        return str(exc)
    return _problem(path, st, trusted, folder=False)
