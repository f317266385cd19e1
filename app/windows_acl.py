"""Windows: can anyone but an administrator change this file or folder? (its DACL, via ctypes)

The decision (``acl_problem``) is plain Python over the access-control entries and is tested on
any platform; reading the DACL (``read_security``) needs Windows and is untested here.

Rule: every *allow* entry that applies to the object itself and grants a right to change it
(write/append data, add files or sub-folders, delete, change permissions or owner, generic
write/all) must name SYSTEM, Administrators, TrustedInstaller, or a domain's Domain/Enterprise
Admins. A NULL DACL (everyone may do anything) is refused. The owner is not checked: files an
administrator creates may be owned by that person's account, and a standard user could only own
the file if the folder let them create it, which the folder's own check catches.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ACCESS_ALLOWED_ACE_TYPE = 0
INHERIT_ONLY_ACE = 0x08
#: Rights that let a holder change the object (for a folder: add or remove what is in it).
WRITE_RIGHTS = (
    0x0002  # FILE_WRITE_DATA / FILE_ADD_FILE
    | 0x0004  # FILE_APPEND_DATA / FILE_ADD_SUBDIRECTORY
    | 0x0040  # FILE_DELETE_CHILD
    | 0x00010000  # DELETE
    | 0x00040000  # WRITE_DAC
    | 0x00080000  # WRITE_OWNER
    | 0x10000000  # GENERIC_ALL
    | 0x40000000  # GENERIC_WRITE
)
ADMIN_SIDS = frozenset({
    "S-1-5-18",  # Local System
    "S-1-5-32-544",  # BUILTIN\Administrators
    "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464",  # TrustedInstaller
})
_DOMAIN_ADMIN_RIDS = ("-512", "-519")  # Domain Admins, Enterprise Admins


@dataclass(frozen=True)
class Ace:
    kind: int
    flags: int
    mask: int
    sid: str


def is_admin_sid(sid: str) -> bool:
    sid = sid.upper()
    return sid in ADMIN_SIDS or (sid.startswith("S-1-5-21-") and sid.endswith(_DOMAIN_ADMIN_RIDS))


def acl_problem(dacl: list[Ace] | None) -> str | None:
    """The SID of someone other than an administrator who may change the object, or ``None``."""
    if dacl is None:
        return "Everyone (no access control list)"
    for ace in dacl:
        if ace.kind != ACCESS_ALLOWED_ACE_TYPE or ace.flags & INHERIT_ONLY_ACE:
            continue
        if ace.mask & WRITE_RIGHTS and not is_admin_sid(ace.sid):
            return ace.sid
    return None


def read_security(path: Path) -> list[Ace] | None:  # pragma: no cover - Windows only
    """The DACL of ``path`` (``None`` for a NULL DACL); ``OSError`` when Windows refuses."""
    if sys.platform != "win32":
        raise OSError("access-control lists are read only on Windows")
    import ctypes
    from ctypes import wintypes

    windll: Any = ctypes.windll
    advapi32, kernel32 = windll.advapi32, windll.kernel32
    dacl = ctypes.c_void_p()
    descriptor = ctypes.c_void_p()
    advapi32.GetNamedSecurityInfoW.restype = wintypes.DWORD
    err = advapi32.GetNamedSecurityInfoW(
        ctypes.c_wchar_p(str(path)), 1, 0x4,  # SE_FILE_OBJECT, DACL_SECURITY_INFORMATION
        None, None, ctypes.byref(dacl), None, ctypes.byref(descriptor))
    if err:
        raise OSError(err, f"cannot read the permissions of {path}")
    try:
        if not dacl.value:
            return None

        class AclSizeInformation(ctypes.Structure):
            _fields_ = [("AceCount", wintypes.DWORD), ("AclBytesInUse", wintypes.DWORD),
                        ("AclBytesFree", wintypes.DWORD)]

        info = AclSizeInformation()
        if not advapi32.GetAclInformation(dacl, ctypes.byref(info), ctypes.sizeof(info), 2):
            raise OSError(f"cannot read the permissions of {path}")
        out: list[Ace] = []
        for index in range(info.AceCount):
            ace = ctypes.c_void_p()
            if not advapi32.GetAce(dacl, index, ctypes.byref(ace)):
                raise OSError(f"cannot read the permissions of {path}")
            base = int(ace.value or 0)
            kind = ctypes.c_ubyte.from_address(base).value
            flags = ctypes.c_ubyte.from_address(base + 1).value
            mask = wintypes.DWORD.from_address(base + 4).value
            sid = "?"
            if kind == ACCESS_ALLOWED_ACE_TYPE:
                text = ctypes.c_wchar_p()
                if advapi32.ConvertSidToStringSidW(ctypes.c_void_p(base + 8), ctypes.byref(text)):
                    sid = str(text.value)
                    kernel32.LocalFree(text)
            out.append(Ace(kind, flags, mask, sid))
        return out
    finally:
        kernel32.LocalFree(descriptor)


def path_problem(path: Path) -> str | None:
    """``acl_problem`` of ``path``'s DACL; a DACL that cannot be read is a problem too."""
    try:
        who = acl_problem(read_security(path))
    except OSError as exc:
        return str(exc)
    return who
