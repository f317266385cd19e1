"""Make Bauhinia.wxs digestible for Debian's wixl, then put back what wixl cannot author.

wixl (msitools 0.101) compiles most of the WiX v3 schema but not these, which all matter:

  * ``<Condition>`` inside a ``<Component>``: a registry value appears only when IT passed its
    property;
  * ``Secure="yes"`` on ``<Property>``: public properties reach the elevated part of a per-machine
    install;
  * ``<PermissionEx Sddl=...>`` (wix namespace, Windows Installer 5): the admin-only ACL of
    ``%ProgramData%\\Bauhinia`` - a row of the ``MsiLockPermissionsEx`` table, which wixl does not
    know at all (it aborts on the element);
  * ``AllowSameVersionUpgrades`` on ``<MajorUpgrade>``: the upgrade row gets
    msidbUpgradeAttributesVersionMaxInclusive (512);
  * ``Execute="firstSequence"`` on a set-property ``<CustomAction>``: wixl accepts the attribute
    but writes type 2099 for every such action; light.exe writes 51 (+256 for firstSequence).

The real Windows build (candle/light) handles all of them natively; for the Linux check this script

  1. ``strip``: writes a copy of the source without those constructs and prints, as JSON, what it
     removed (or, for custom actions, which type light.exe gives each);
  2. ``apply``: writes exactly that into the compiled MSI (``Component.Condition``,
     ``SecureCustomProperties``, a new ``MsiLockPermissionsEx`` table, ``Upgrade.Attributes``,
     ``CustomAction.Type``) - what WiX's light.exe would have written - via msibuild.

So the tables the test inspects are the tables the real build produces.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

_COMPONENT_CONDITION = re.compile(
    r'(<Component\s+Id="(?P<id>[A-Za-z_][\w.]*)"[^>]*>)(?P<ws>\s*)<Condition>(?P<cond>[^<]*)</Condition>'
)
_SECURE_PROPERTY = re.compile(r'<Property\s+Id="(?P<id>[A-Z][A-Z0-9_]*)"(?P<rest>[^>]*?)\s+Secure="yes"')
_PACKAGE_PLATFORM = re.compile(r'(<Package\b[^>]*?)\s+Platform="[^"]*"')
_CREATE_FOLDER_ACL = re.compile(r"<CreateFolder>\s*<PermissionEx\b[^>]*/>\s*</CreateFolder>")
_SAME_VERSION = re.compile(r'(<MajorUpgrade\b[^>]*?)\s+AllowSameVersionUpgrades="yes"')
WIX_NS = "{http://schemas.microsoft.com/wix/2006/wi}"
CA_SET_PROPERTY = 51  # msidbCustomActionTypeTextData + msidbCustomActionTypeProperty
CA_FIRST_SEQUENCE = 256  # msidbCustomActionTypeFirstSequence
UPGRADE_VERSION_MAX_INCLUSIVE = 512
LOCK_TABLE = (
    "CREATE TABLE `MsiLockPermissionsEx` (`MsiLockPermissionsEx` CHAR(72) NOT NULL, "
    "`LockObject` CHAR(72) NOT NULL, `Table` CHAR(32) NOT NULL, `SDDL` LONGCHAR NOT NULL, "
    "`Condition` CHAR(255) PRIMARY KEY `MsiLockPermissionsEx`)"
)


def _permissions(source: str) -> list[dict[str, str]]:
    """PermissionEx rows as light.exe writes them for ``<CreateFolder>``: LockObject is the folder."""
    root = ET.fromstring(source.encode("utf-8"))
    parents = {child: parent for parent in root.iter() for child in parent}
    rows = []
    for folder in root.iter(f"{WIX_NS}CreateFolder"):
        for perm in folder.findall(f"{WIX_NS}PermissionEx"):
            component = parents[folder]
            directory = folder.get("Directory") or component.get("Directory") or parents[component].get("Id")
            if not perm.get("Id") or not directory:
                raise SystemExit("wixl_compat: PermissionEx needs an Id and a folder")
            rows.append({"id": perm.get("Id", ""), "directory": directory, "sddl": perm.get("Sddl", "")})
    return rows


def _custom_action_types(source: str) -> dict[str, int]:
    root = ET.fromstring(source.encode("utf-8"))
    types = {}
    for ca in root.iter(f"{WIX_NS}CustomAction"):
        if ca.get("Property") and ca.get("Value") is not None:
            first = ca.get("Execute") == "firstSequence"
            types[ca.get("Id", "")] = CA_SET_PROPERTY + (CA_FIRST_SEQUENCE if first else 0)
        else:
            raise SystemExit(f"wixl_compat: custom action {ca.get('Id')} is not a set-property action")
    return types


def strip(source: str) -> tuple[str, dict[str, object]]:
    conditions: dict[str, str] = {}

    def drop_condition(m: re.Match[str]) -> str:
        conditions[m.group("id")] = m.group("cond").strip()
        return m.group(1)

    text = _COMPONENT_CONDITION.sub(drop_condition, source)
    secure: list[str] = []

    def drop_secure(m: re.Match[str]) -> str:
        secure.append(m.group("id"))
        return f'<Property Id="{m.group("id")}"{m.group("rest")}'

    text = _SECURE_PROPERTY.sub(drop_secure, text)
    text = _PACKAGE_PLATFORM.sub(r"\1", text)  # wixl takes the architecture from --arch
    permissions = _permissions(source)
    text, n_acl = _CREATE_FOLDER_ACL.subn("<CreateFolder/>", text)
    text, same_version = _SAME_VERSION.subn(r"\1", text)
    if "<Component" in text and re.search(r"<Component\b[^>]*>\s*<Condition>", text):
        raise SystemExit("wixl_compat: a component Condition is in a form this script does not handle")
    leftover = ('Secure="', "<PermissionEx", 'AllowSameVersionUpgrades="')
    if any(mark in text for mark in leftover) or n_acl != len(permissions):
        raise SystemExit("wixl_compat: a construct wixl lacks is in a form this script does not handle")
    return text, {
        "component_conditions": conditions,
        "secure_properties": secure,
        "lock_permissions": permissions,
        "allow_same_version_upgrades": bool(same_version),
        "custom_action_types": _custom_action_types(source),
    }


def _sql_quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _property(msi: Path, name: str) -> str | None:
    table = subprocess.run(
        ["msiinfo", "export", str(msi), "Property"], check=True, capture_output=True, text=True
    ).stdout
    for line in table.splitlines()[3:]:
        key, _, value = line.partition("\t")
        if key == name:
            return value
    return None


def _rows(msi: Path, table: str) -> list[list[str]]:
    out = subprocess.run(["msiinfo", "export", str(msi), table], check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines()[3:]]


def apply(msi: Path, removed: dict[str, object]) -> None:
    conditions = removed["component_conditions"]
    secure = removed["secure_properties"]
    permissions = removed.get("lock_permissions", [])
    ca_types = removed.get("custom_action_types", {})
    assert isinstance(conditions, dict) and isinstance(secure, list)
    assert isinstance(permissions, list) and isinstance(ca_types, dict)
    queries = [
        f"UPDATE `Component` SET `Condition` = {_sql_quote(cond)} WHERE `Component` = {_sql_quote(comp)}"
        for comp, cond in conditions.items()
    ]
    if secure:
        # wixl already lists its own upgrade properties there; merge, as light.exe does.
        existing = _property(msi, "SecureCustomProperties")
        merged = ";".join(sorted(set(filter(None, (existing or "").split(";"))) | set(secure)))
        if existing is None:
            queries.append(
                "INSERT INTO `Property` (`Property`, `Value`) VALUES "
                f"('SecureCustomProperties', {_sql_quote(merged)})"
            )
        else:
            queries.append(
                f"UPDATE `Property` SET `Value` = {_sql_quote(merged)} "
                "WHERE `Property` = 'SecureCustomProperties'"
            )
    if permissions:
        queries.append(LOCK_TABLE)
        queries += [
            "INSERT INTO `MsiLockPermissionsEx` (`MsiLockPermissionsEx`, `LockObject`, `Table`, `SDDL`) VALUES "
            f"({_sql_quote(p['id'])}, {_sql_quote(p['directory'])}, 'CreateFolder', {_sql_quote(p['sddl'])})"
            for p in permissions
        ]
    queries += [
        f"UPDATE `CustomAction` SET `Type` = {int(t)} WHERE `Action` = {_sql_quote(action)}"
        for action, t in ca_types.items()
    ]
    if removed.get("allow_same_version_upgrades"):
        # Attributes is part of the Upgrade table's primary key: replace the row, do not update it.
        columns = ("UpgradeCode", "VersionMin", "VersionMax", "Language", "Attributes", "Remove", "ActionProperty")
        for row in _rows(msi, "Upgrade"):
            row += [""] * (len(columns) - len(row))
            if row[6] != "WIX_UPGRADE_DETECTED":
                continue
            row[4] = str(int(row[4] or 0) | UPGRADE_VERSION_MAX_INCLUSIVE)
            queries.append("DELETE FROM `Upgrade` WHERE `ActionProperty` = 'WIX_UPGRADE_DETECTED'")
            given = [(name, row[i]) for i, name in enumerate(columns) if row[i]]  # libmsi has no NULL literal
            names = ", ".join(f"`{name}`" for name, _ in given)
            values = ", ".join(value if name == "Attributes" else _sql_quote(value) for name, value in given)
            queries.append(f"INSERT INTO `Upgrade` ({names}) VALUES ({values})")
    for query in queries:
        subprocess.run(["msibuild", str(msi), "-q", query], check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("strip")
    s.add_argument("source", type=Path)
    s.add_argument("out", type=Path)
    s.add_argument("removed", type=Path)
    a = sub.add_parser("apply")
    a.add_argument("msi", type=Path)
    a.add_argument("removed", type=Path)
    args = parser.parse_args(argv)
    if args.cmd == "strip":
        text, removed = strip(args.source.read_text(encoding="utf-8"))
        args.out.write_text(text, encoding="utf-8")
        args.removed.write_text(json.dumps(removed, indent=2), encoding="utf-8")
    else:
        apply(args.msi, json.loads(args.removed.read_text(encoding="utf-8")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
