"""Check a compiled Bauhinia MSI's tables (exported with msitools' ``msiinfo``) against what
admins and Windows Installer rely on: per-machine x64 install into Program Files, a Start menu
shortcut whose component has an HKCU key path (ICE38/ICE43/ICE57), MajorUpgrade with the fixed
UpgradeCode that also replaces a same-version rebuild, an admin-only ACL on %ProgramData%\\Bauhinia
(MsiLockPermissionsEx), real component GUIDs, and the public properties that silent installs pass:
written to the registry keys and value names the app reads (``app/settings``), never under
``Software\\Policies`` (Group Policy's key), remembered across upgrades with the full
remember-property pattern, normalised, and refused with a launch condition when out of range.

The property behaviour is checked by simulating silent installs and upgrades on the tables
(``msi_sequence.py`` says exactly what is and is not simulated): first install with IT's
properties, an upgrade that changes one, an upgrade with none, bad values, a remembered INSTALLDIR.

Used by tests/packaging (on a stand-in payload) and by packaging/ci-packaging.sh (on the frozen
Linux bundle). Prints one problem per line and exits 1 if there is any.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from msi_sequence import Outcome, Row, simulate

UPGRADE_CODE = "{7C3B2E5A-4D1F-4B8E-9A61-2F0D5C8B4E17}"
SITE_KEY = r"Software\Bauhinia\Bauhinia"
# Locked settings written at install time. The app reads this key as a locked layer that ranks
# below Group Policy (POLICY_KEY) and above the site defaults (packaging/docs/deployment.md).
INSTALLER_KEY = r"Software\Bauhinia\Bauhinia\Installer"
POLICY_KEY = r"Software\Policies\Bauhinia\Bauhinia"  # Group Policy / Intune only: the MSI never writes it
SETUP_KEY = r"Software\Bauhinia\Setup"  # MSI bookkeeping (INSTALLDIR, shortcut key path)
# %ProgramData%\Bauhinia: protected DACL (no inheritance from ProgramData, where Users may create
# files), SYSTEM and Administrators full control, Users read + execute, inherited by files/folders.
PROGRAMDATA_SDDL = "D:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;0x1200a9;;;BU)"
READ_EXECUTE = 0x1200A9
# GUIDs once typed by hand into Bauhinia.wxs; they must never come back.
KNOWN_PLACEHOLDERS = frozenset({
    "{A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C5D}", "{3E0F6A12-8B54-4C1D-9F27-5A6B8C9D0E11}",
    "{9B2C4D6E-1F3A-4B5C-8D7E-6F0A1B2C3D44}", "{5D7E9F1A-2B3C-4D5E-8F60-718293A4B5C6}",
    "{00000000-0000-0000-0000-000000000000}",
} | {f"{{0C1D2E3F-4A5B-4C6D-8E7F-901A2B3C4D{n}}}" for n in (51, 52, 53, 54, 61, 62, 63, 64, 65)})
_GUID = re.compile(r"^\{[0-9A-F]{8}-[0-9A-F]{4}-([0-9A-F])[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}\}$")


@dataclass(frozen=True)
class PublicProperty:
    """An msiexec property IT may pass, and the registry value it becomes."""

    name: str
    key: str
    value_name: str


PUBLIC_PROPERTIES: tuple[PublicProperty, ...] = (
    PublicProperty("MODELCATALOG", SITE_KEY, "ModelsCatalogPath"),
    PublicProperty("MODELDIR", SITE_KEY, "ModelsDirectory"),
    PublicProperty("DEFAULTMODEL", SITE_KEY, "ModelDefault"),
    PublicProperty("LANGUAGE", SITE_KEY, "UiLanguage"),
    PublicProperty("ALLOWREMOTE", INSTALLER_KEY, "RemoteAllowed"),
    PublicProperty("ALLOWMODELIMPORT", INSTALLER_KEY, "ModelsUserImportAllowed"),
    PublicProperty("REQUIREVERIFIEDMODELS", INSTALLER_KEY, "ModelsRequireVerification"),
    PublicProperty("ALLOWEXPORT", INSTALLER_KEY, "HistoryExportAllowed"),
    PublicProperty("HISTORYENCRYPTION", INSTALLER_KEY, "HistoryEncryption"),
)
REMEMBERED = (*PUBLIC_PROPERTIES, PublicProperty("INSTALLDIR", SETUP_KEY, "InstallDir"))
TABLES = ("Property", "InstallExecuteSequence", "InstallUISequence", "CustomAction", "AppSearch",
          "RegLocator", "LaunchCondition", "Component", "Registry", "CreateFolder", "Upgrade",
          "Shortcut", "Directory", "File", "MsiLockPermissionsEx")

HKLM = "2"  # Registry.Root: msidbRegistryRootLocalMachine
HKCU = "1"  # msidbRegistryRootCurrentUser


def export_table(msi: Path, table: str) -> list[dict[str, str]]:
    """Rows of one table as dicts (msiinfo's IDT format: names, types, table line, then rows);
    [] when the MSI has no such table."""
    listed = subprocess.run(["msiinfo", "tables", str(msi)], check=True, capture_output=True, text=True).stdout
    if table not in listed.split():
        return []
    out = subprocess.run(
        ["msiinfo", "export", str(msi), table], check=True, capture_output=True, text=True
    ).stdout
    lines = out.splitlines()
    if len(lines) < 3:
        return []
    names = lines[0].split("\t")
    rows = []
    for line in lines[3:]:
        cells = line.split("\t")
        cells += [""] * (len(names) - len(cells))
        rows.append(dict(zip(names, cells, strict=True)))
    return rows


def summary_info(msi: Path) -> dict[str, str]:
    out = subprocess.run(["msiinfo", "suminfo", str(msi)], check=True, capture_output=True, text=True).stdout
    info = {}
    for line in out.splitlines():
        key, sep, value = line.partition(":")
        if sep:
            info[key.strip()] = value.strip()
    return info


def _basics(msi: Path, t: dict[str, list[Row]]) -> list[str]:
    problems: list[str] = []
    props = {r["Property"]: r["Value"] for r in t["Property"]}
    if props.get("UpgradeCode") != UPGRADE_CODE:
        problems.append(f"UpgradeCode is {props.get('UpgradeCode')!r}, not the fixed {UPGRADE_CODE}")
    if props.get("ALLUSERS") != "1":
        problems.append("ALLUSERS is not 1 (not a per-machine install)")
    suminfo = summary_info(msi)
    if "x64" not in suminfo.get("Template", ""):
        problems.append(f"summary Template {suminfo.get('Template')!r} is not x64")
    word_count = int((suminfo.get("Source") or "0").split()[0])
    if word_count & 8:
        problems.append("summary Word Count says no elevation needed: that is a per-user package")
    if int((suminfo.get("Version") or "0").split()[0]) < 500:
        problems.append("InstallerVersion is below 500: MsiLockPermissionsEx needs Windows Installer 5")
    dirs = {r["Directory"]: r for r in t["Directory"]}
    install_dir = dirs.get("INSTALLDIR")
    if not install_dir or install_dir["Directory_Parent"] != "ProgramFiles64Folder":
        problems.append("INSTALLDIR is not under ProgramFiles64Folder")
    elif install_dir["DefaultDir"].split("|")[-1] != "Bauhinia":
        problems.append(f"INSTALLDIR is named {install_dir['DefaultDir']!r}, not Bauhinia")
    file_names = {r["FileName"].split("|")[-1] for r in t["File"]}
    for exe in ("bauhinia.exe", "bauhinia-gui.exe"):
        if exe not in file_names:
            problems.append(f"{exe} is not in the File table")
    for comp in t["Component"]:
        if not int(comp["Attributes"] or 0) & 256:
            problems.append(f"component {comp['Component']} is not marked 64-bit")
    return problems


def _shortcut(t: dict[str, list[Row]]) -> list[str]:
    menu = [s for s in t["Shortcut"] if s["Directory_"] == "ProgramMenuFolder"]
    if not menu:
        return ["no Start menu shortcut (Shortcut row in ProgramMenuFolder)"]
    problems = []
    if not any(s["Target"] in ("[INSTALLDIR]bauhinia-gui.exe", "Complete") for s in menu):
        problems.append(f"the Start menu shortcut does not start bauhinia-gui.exe: {menu[0]['Target']!r}")
    components = {r["Component"]: r for r in t["Component"]}
    registry = {r["Registry"]: r for r in t["Registry"]}
    for s in menu:
        comp = components[s["Component_"]]
        key = registry.get(comp["KeyPath"])
        if key is None or key["Root"] != HKCU:
            problems.append(f"shortcut component {comp['Component']}: key path is not an HKCU registry value "
                            "(ICE38/ICE43/ICE57 stop light.exe)")
    return problems


def parse_sddl_dacl(sddl: str) -> tuple[str, list[tuple[str, str, int, str]]]:
    """``D:<flags>(type;flags;rights;;;sid)...`` -> (flags, [(type, ace flags, rights mask, sid)])."""
    m = re.fullmatch(r"D:([A-Z]*)((?:\([^)]*\))+)", sddl)
    if not m:
        raise ValueError(f"not a DACL-only SDDL: {sddl!r}")
    named = {"FA": 0x1F01FF, "GA": 0x10000000, "GR": 0x80000000, "GX": 0x20000000, "GW": 0x40000000,
             "FR": 0x120089, "FX": 0x1200A0, "FW": 0x120116}
    aces = []
    for ace in re.findall(r"\(([^)]*)\)", m.group(2)):
        kind, flags, rights, _obj, _inh, sid = ace.split(";")
        if rights.lower().startswith("0x"):
            mask = int(rights, 16)
        else:
            mask = 0
            for i in range(0, len(rights), 2):
                mask |= named[rights[i:i + 2]]
        aces.append((kind, flags, mask, sid))
    return m.group(1), aces


def _programdata_acl(t: dict[str, list[Row]]) -> list[str]:
    folders = {r["Directory_"] for r in t["CreateFolder"]}
    if "ProgramDataBauhinia" not in folders:
        return ["%ProgramData%\\Bauhinia is not created (no CreateFolder row)"]
    locks = [r for r in t["MsiLockPermissionsEx"]
             if r["LockObject"] == "ProgramDataBauhinia" and r["Table"] == "CreateFolder"]
    if not locks:
        return ["%ProgramData%\\Bauhinia keeps ProgramData's ACL (no MsiLockPermissionsEx row): any user could "
                "write models.json"]
    problems = []
    for lock in locks:
        if lock["Condition"].strip():
            problems.append("the %ProgramData%\\Bauhinia ACL is conditional")
        flags, aces = parse_sddl_dacl(lock["SDDL"])
        if "P" not in flags:
            problems.append("the %ProgramData%\\Bauhinia DACL is not protected: it would inherit ProgramData's "
                            "'Users may create files'")
        grants = {(sid, mask) for kind, ace_flags, mask, sid in aces if kind == "A" and "CI" in ace_flags
                  and "OI" in ace_flags}
        if {("SY", 0x1F01FF), ("BA", 0x1F01FF), ("BU", READ_EXECUTE)} - grants:
            problems.append(f"the %ProgramData%\\Bauhinia ACL is not SYSTEM+Administrators full, Users read/execute "
                            f"(inherited): {lock['SDDL']}")
        for kind, _flags, mask, sid in aces:
            if kind == "A" and sid not in ("SY", "BA") and mask & ~READ_EXECUTE:
                problems.append(f"the %ProgramData%\\Bauhinia ACL lets {sid} write (mask {mask:#x})")
    return problems


def _guids(t: dict[str, list[Row]]) -> list[str]:
    problems = []
    seen: dict[str, str] = {}
    authored = [c for c in t["Component"] if not c["Component"].startswith("cmp")]  # heat/wixl-heat use cmp…
    for comp in t["Component"]:
        guid = comp["ComponentId"]
        m = _GUID.match(guid)
        if not m:
            problems.append(f"component {comp['Component']}: {guid!r} is not an upper-case GUID")
            continue
        if guid in seen:
            problems.append(f"components {seen[guid]} and {comp['Component']} share the GUID {guid}")
        seen[guid] = comp["Component"]
        if guid in KNOWN_PLACEHOLDERS:
            problems.append(f"component {comp['Component']}: {guid} is a hand-typed placeholder GUID")
        elif comp in authored and m.group(1) != "4":
            problems.append(f"component {comp['Component']}: {guid} is not a generated (version 4) GUID")
    prefixes: dict[str, str] = {}
    for comp in authored:
        prefix = comp["ComponentId"][:9]
        if prefix in prefixes:
            problems.append(f"components {prefixes[prefix]} and {comp['Component']} share the GUID prefix "
                            f"{prefix}: hand-typed, not generated")
        prefixes[prefix] = comp["Component"]
    return problems


def _upgrade(t: dict[str, list[Row]]) -> list[str]:
    problems = []
    upgrades = [u for u in t["Upgrade"] if u["UpgradeCode"] == UPGRADE_CODE]
    detect = [u for u in upgrades if u["ActionProperty"] == "WIX_UPGRADE_DETECTED" and u["VersionMax"]]
    if not detect:
        problems.append("no Upgrade row that detects older versions (MajorUpgrade)")
    elif not any(int(u["Attributes"] or 0) & 512 for u in detect):
        problems.append("the upgrade row excludes its own version: a same-version rebuild would install side by "
                        "side (AllowSameVersionUpgrades)")
    if not any(u["ActionProperty"] == "WIX_DOWNGRADE_DETECTED" for u in upgrades):
        problems.append("no Upgrade row that blocks downgrades")
    sequence = {r["Action"]: r for r in t["InstallExecuteSequence"]}
    if "RemoveExistingProducts" not in sequence:
        problems.append("RemoveExistingProducts is not scheduled (MajorUpgrade would not remove the old version)")
    return problems


def _sequence_numbers(t: dict[str, list[Row]], table: str) -> dict[str, int]:
    return {r["Action"]: int(r["Sequence"] or 0) for r in t[table]}


def _remember_pattern(t: dict[str, list[Row]]) -> list[str]:
    """The tables hold the full remember-property pattern for every remembered property, in both
    sequences, with light.exe's custom action types."""
    problems = []
    props = {r["Property"]: r["Value"] for r in t["Property"]}
    secure = set(props.get("SecureCustomProperties", "").split(";"))
    registry = t["Registry"]
    components = {r["Component"]: r for r in t["Component"]}
    locators = {r["Signature_"]: r for r in t["RegLocator"]}
    appsearch = {r["Property"]: r["Signature_"] for r in t["AppSearch"]}
    actions = {r["Action"]: r for r in t["CustomAction"]}
    for table in ("InstallExecuteSequence", "InstallUISequence"):
        seq = _sequence_numbers(t, table)
        search_at = seq.get("AppSearch", 0)
        for pp in REMEMBERED:
            save = next((a for a in actions.values() if a["Source"] == f"CMDLINE_{pp.name}"
                         and a["Target"] == f"[{pp.name}]"), None)
            restore = next((a for a in actions.values() if a["Source"] == pp.name
                            and a["Target"] == f"[CMDLINE_{pp.name}]"), None)
            if save is None or restore is None:
                problems.append(f"{pp.name}: no save/restore custom actions (command line lost on upgrade)")
                continue
            if not seq.get(save["Action"], 10**6) < search_at < seq.get(restore["Action"], 0):
                problems.append(f"{pp.name}: {table} does not save before AppSearch and restore after it")
            for a in (save, restore):
                if int(a["Type"]) != 51 + 256:
                    problems.append(f"{a['Action']}: type {a['Type']}, not 307 (set property, first sequence)")
    for pp in REMEMBERED:
        rows = [r for r in registry if r["Name"] == pp.value_name and r["Key"] == pp.key]
        if not rows:
            problems.append(f"{pp.name}: no Registry row for {pp.key}\\{pp.value_name}")
            continue
        row = rows[0]
        if row["Root"] != HKLM:
            problems.append(f"{pp.name}: written to root {row['Root']}, not HKLM")
        if row["Value"] != f"[{pp.name}]":
            problems.append(f"{pp.name}: registry value is {row['Value']!r}, not [{pp.name}]")
        owner = components.get(row["Component_"])
        if pp.name != "INSTALLDIR" and (owner is None or owner["Condition"].strip() != pp.name):
            problems.append(f"{pp.name}: its component is not conditioned on the property being set")
        if pp.name not in secure:
            problems.append(f"{pp.name}: not in SecureCustomProperties (lost in elevated installs)")
        loc = locators.get(appsearch.get(pp.name, ""))
        if loc is None:
            problems.append(f"{pp.name}: no AppSearch/RegLocator (an upgrade would drop the value)")
        elif loc["Key"] != pp.key or loc["Name"] != pp.value_name or loc["Root"] != HKLM:
            problems.append(f"{pp.name}: remembered from the wrong registry value {loc['Key']}\\{loc['Name']}")
        elif not int(loc["Type"] or 0) & 16:
            problems.append(f"{pp.name}: registry search does not read the 64-bit view")
    for row in registry:
        if row["Key"].lower().startswith("software\\policies"):
            problems.append(f"the MSI writes {row['Key']}\\{row['Name']}: Software\\Policies belongs to Group Policy")
    arp = next((a for a in actions.values() if a["Source"] == "ARPINSTALLLOCATION"), None)
    seq = _sequence_numbers(t, "InstallExecuteSequence")
    if arp is None or arp["Target"] != "[INSTALLDIR]" or not seq.get(arp["Action"], 0) > seq.get("CostFinalize", 10**6):
        problems.append("ARPINSTALLLOCATION is not set to [INSTALLDIR] after CostFinalize")
    return problems


def _hklm(outcome: Outcome, key: str) -> dict[str, str]:
    return {name: value for (root, k, name), value in outcome.registry.items() if root == HKLM and k == key}


def _expect(problems: list[str], scenario: str, got: dict[str, str], want: dict[str, str | None]) -> None:
    for name, value in want.items():
        if got.get(name) != value:
            problems.append(f"simulated {scenario}: {name} is {got.get(name)!r}, expected {value!r}")


def property_behaviour(t: dict[str, list[Row]]) -> list[str]:
    """Silent installs and upgrades simulated on the tables (msi_sequence.py)."""
    problems: list[str] = []
    first = simulate(t, {"MODELCATALOG": r"\\server\share\models.json", "LANGUAGE": "zh-HK", "ALLOWREMOTE": "0",
                         "HISTORYENCRYPTION": "Required", "ALLOWEXPORT": "yes"}, {})
    if first.refused:
        return [f"simulated first install refused: {first.refused}"]
    _expect(problems, "first install", _hklm(first, SITE_KEY),
            {"ModelsCatalogPath": r"\\server\share\models.json", "UiLanguage": "zh_HK", "ModelDefault": None})
    _expect(problems, "first install", _hklm(first, INSTALLER_KEY),
            {"RemoteAllowed": "0", "HistoryEncryption": "required", "HistoryExportAllowed": "1",
             "ModelsUserImportAllowed": None})
    _expect(problems, "first install", _hklm(first, SETUP_KEY), {"InstallDir": "C:\\Program Files\\Bauhinia\\"})
    # An upgrade (or repair) that passes two properties again, with new values: they change, the rest stays.
    changed = simulate(t, {"ALLOWREMOTE": "1", "LANGUAGE": "en"}, first.registry)
    if changed.refused:
        return [*problems, f"simulated upgrade refused: {changed.refused}"]
    _expect(problems, "upgrade with ALLOWREMOTE=1 LANGUAGE=en", _hklm(changed, SITE_KEY),
            {"ModelsCatalogPath": r"\\server\share\models.json", "UiLanguage": "en"})
    _expect(problems, "upgrade with ALLOWREMOTE=1 LANGUAGE=en", _hklm(changed, INSTALLER_KEY),
            {"RemoteAllowed": "1", "HistoryEncryption": "required", "HistoryExportAllowed": "1"})
    # An upgrade with no properties keeps everything.
    kept = simulate(t, {}, changed.registry)
    if {k: v for k, v in kept.registry.items() if k[0] == HKLM} != {
            k: v for k, v in changed.registry.items() if k[0] == HKLM}:
        problems.append("simulated upgrade without properties changed the registry values")
    # A chosen folder is remembered and shown in Programs and Features.
    moved = simulate(t, {"INSTALLDIR": "D:\\Apps\\Bauhinia\\"}, {})
    again = simulate(t, {}, moved.registry)
    if again.properties.get("INSTALLDIR") != "D:\\Apps\\Bauhinia\\":
        problems.append(f"simulated upgrade: INSTALLDIR is {again.properties.get('INSTALLDIR')!r}, not the "
                        "folder the first install used")
    if again.properties.get("ARPINSTALLLOCATION") != "D:\\Apps\\Bauhinia\\":
        problems.append("simulated upgrade: ARPINSTALLLOCATION does not follow INSTALLDIR")
    # Bad values stop the install, naming the property.
    for prop, bad in (("LANGUAGE", "fr"), ("ALLOWREMOTE", "maybe"), ("HISTORYENCRYPTION", "strong"),
                      ("MODELCATALOG", "models.json"), ("MODELDIR", "models")):
        outcome = simulate(t, {prop: bad}, first.registry)
        if not outcome.refused or prop not in outcome.refused:
            problems.append(f"simulated install with {prop}={bad}: not refused by a launch condition naming {prop}")
    return problems


def load_tables(msi: Path) -> dict[str, list[Row]]:
    return {name: export_table(msi, name) for name in TABLES}


def check(msi: Path) -> list[str]:
    t = load_tables(msi)
    problems = _basics(msi, t)
    problems += _shortcut(t)
    problems += _programdata_acl(t)
    problems += _guids(t)
    problems += _upgrade(t)
    problems += _remember_pattern(t)
    if not problems:  # the simulation assumes the structure above
        problems += property_behaviour(t)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("msi", type=Path)
    args = parser.parse_args(argv)
    problems = check(args.msi)
    for p in problems:
        print(p)
    if not problems:
        print(f"{args.msi}: MSI tables OK")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
