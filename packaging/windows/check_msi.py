"""Check a compiled Bauhinia MSI's tables (exported with msitools' ``msiinfo``) against what
admins rely on: per-machine x64 install into Program Files, a Start menu shortcut, MajorUpgrade
with the fixed UpgradeCode, and the public properties that silent installs pass, written to the
registry keys and value names the app reads (``app/settings``).

Used by tests/packaging (on a stand-in payload) and by packaging/ci-packaging.sh (on the frozen
Linux bundle). Prints one problem per line and exits 1 if there is any.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

UPGRADE_CODE = "{7C3B2E5A-4D1F-4B8E-9A61-2F0D5C8B4E17}"
SITE_KEY = r"Software\Bauhinia\Bauhinia"
POLICY_KEY = r"Software\Policies\Bauhinia\Bauhinia"


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
    PublicProperty("ALLOWREMOTE", POLICY_KEY, "RemoteAllowed"),
    PublicProperty("ALLOWMODELIMPORT", POLICY_KEY, "ModelsUserImportAllowed"),
    PublicProperty("REQUIREVERIFIEDMODELS", POLICY_KEY, "ModelsRequireVerification"),
    PublicProperty("ALLOWEXPORT", POLICY_KEY, "HistoryExportAllowed"),
    PublicProperty("HISTORYENCRYPTION", POLICY_KEY, "HistoryEncryption"),
)

HKLM = "2"  # Registry.Root: msidbRegistryRootLocalMachine


def export_table(msi: Path, table: str) -> list[dict[str, str]]:
    """Rows of one table as dicts (msiinfo's IDT format: names, types, table line, then rows)."""
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


def check(msi: Path) -> list[str]:
    problems: list[str] = []
    props = {r["Property"]: r["Value"] for r in export_table(msi, "Property")}
    if props.get("UpgradeCode") != UPGRADE_CODE:
        problems.append(f"UpgradeCode is {props.get('UpgradeCode')!r}, not the fixed {UPGRADE_CODE}")
    if props.get("ALLUSERS") != "1":
        problems.append("ALLUSERS is not 1 (not a per-machine install)")
    secure = set(props.get("SecureCustomProperties", "").split(";"))

    suminfo = summary_info(msi)
    if "x64" not in suminfo.get("Template", ""):
        problems.append(f"summary Template {suminfo.get('Template')!r} is not x64")
    word_count = int((suminfo.get("Source") or "0").split()[0])
    if word_count & 8:
        problems.append("summary Word Count says no elevation needed: that is a per-user package")

    dirs = {r["Directory"]: r for r in export_table(msi, "Directory")}
    install_dir = dirs.get("INSTALLDIR")
    if not install_dir or install_dir["Directory_Parent"] != "ProgramFiles64Folder":
        problems.append("INSTALLDIR is not under ProgramFiles64Folder")
    elif install_dir["DefaultDir"].split("|")[-1] != "Bauhinia":
        problems.append(f"INSTALLDIR is named {install_dir['DefaultDir']!r}, not Bauhinia")

    files = {r["File"]: r for r in export_table(msi, "File")}
    components = {r["Component"]: r for r in export_table(msi, "Component")}
    file_names = {r["FileName"].split("|")[-1] for r in files.values()}
    for exe in ("bauhinia.exe", "bauhinia-gui.exe"):
        if exe not in file_names:
            problems.append(f"{exe} is not in the File table")
    for comp in components.values():
        if not int(comp["Attributes"] or 0) & 256:
            problems.append(f"component {comp['Component']} is not marked 64-bit")

    shortcuts = export_table(msi, "Shortcut")
    menu = [s for s in shortcuts if s["Directory_"] == "ProgramMenuFolder"]
    if not menu:
        problems.append("no Start menu shortcut (Shortcut row in ProgramMenuFolder)")
    elif not any(s["Target"] in ("[INSTALLDIR]bauhinia-gui.exe", "Complete") for s in menu):
        problems.append(f"the Start menu shortcut does not start bauhinia-gui.exe: {menu[0]['Target']!r}")

    upgrades = [u for u in export_table(msi, "Upgrade") if u["UpgradeCode"] == UPGRADE_CODE]
    if not any(u["ActionProperty"] == "WIX_UPGRADE_DETECTED" and u["VersionMax"] for u in upgrades):
        problems.append("no Upgrade row that detects older versions (MajorUpgrade)")
    if not any(u["ActionProperty"] == "WIX_DOWNGRADE_DETECTED" for u in upgrades):
        problems.append("no Upgrade row that blocks downgrades")
    sequence = {r["Action"]: r for r in export_table(msi, "InstallExecuteSequence")}
    if "RemoveExistingProducts" not in sequence:
        problems.append("RemoveExistingProducts is not scheduled (MajorUpgrade would not remove the old version)")

    registry = export_table(msi, "Registry")
    locators = {r["Signature_"]: r for r in export_table(msi, "RegLocator")}
    appsearch = {r["Property"]: r["Signature_"] for r in export_table(msi, "AppSearch")}
    for pp in PUBLIC_PROPERTIES:
        rows = [r for r in registry if r["Name"] == pp.value_name]
        if not rows:
            problems.append(f"{pp.name}: no Registry row for {pp.value_name}")
            continue
        row = rows[0]
        if row["Root"] != HKLM or row["Key"] != pp.key:
            problems.append(f"{pp.name}: written to root {row['Root']} key {row['Key']!r}, not HKLM\\{pp.key}")
        if row["Value"] != f"[{pp.name}]":
            problems.append(f"{pp.name}: registry value is {row['Value']!r}, not [{pp.name}]")
        owner = components.get(row["Component_"])
        if owner is None or owner["Condition"].strip() != pp.name:
            problems.append(f"{pp.name}: its component is not conditioned on the property being set")
        if pp.name not in secure:
            problems.append(f"{pp.name}: not in SecureCustomProperties (lost in elevated installs)")
        sig = appsearch.get(pp.name)
        loc = locators.get(sig or "")
        if loc is None:
            problems.append(f"{pp.name}: no AppSearch/RegLocator (an upgrade would drop the value)")
        elif loc["Key"] != pp.key or loc["Name"] != pp.value_name or loc["Root"] != HKLM:
            problems.append(f"{pp.name}: remembered from the wrong registry value {loc['Key']}\\{loc['Name']}")
        elif not int(loc["Type"] or 0) & 16:
            problems.append(f"{pp.name}: registry search does not read the 64-bit view")
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
