"""The MSI authoring (packaging/windows/Bauhinia.wxs), compiled with Debian's wixl and inspected
with msitools' msiinfo.

The payload here is a small stand-in folder: what is checked is the authoring - properties,
registry values, shortcut, upgrade rows - not the Windows binaries, which only a Windows build
produces (packaging/windows/build-windows.ps1).
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from app.settings.declarations import BY_POLICY_NAME, Kind
from app.settings.sources import INSTALLER_REGISTRY_KEY, POLICY_REGISTRY_KEY, SITE_REGISTRY_KEY

ROOT = Path(__file__).resolve().parents[2]
WINDOWS = ROOT / "packaging" / "windows"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, WINDOWS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


msi_sequence = _load("msi_sequence")
check_msi = _load("check_msi")
wixl_compat = _load("wixl_compat")


@pytest.fixture(scope="module")
def msi(tmp_path_factory: pytest.TempPathFactory) -> Path:
    for tool in ("wixl", "wixl-heat", "msiinfo", "msibuild"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed (apt-get install wixl msitools)")
    tmp = tmp_path_factory.mktemp("msi")
    payload = tmp / "payload"
    (payload / "_internal" / "llama_cpp" / "lib").mkdir(parents=True)
    (payload / "bauhinia").write_bytes(b"MZ stand-in executable")
    (payload / "_internal" / "llama_cpp" / "lib" / "ggml-cpu-haswell.dll").write_bytes(b"stand-in")
    (payload / "_internal" / "base_library.zip").write_bytes(b"PK stand-in")
    out = tmp / "Bauhinia.msi"
    result = subprocess.run(
        ["bash", str(WINDOWS / "build-msi-linux.sh"), "--payload", str(payload), "--out", str(out)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    return out


def test_msi_tables_pass_the_admin_checks(msi: Path) -> None:
    assert check_msi.check(msi) == []


def test_public_properties_map_to_settings_the_app_reads() -> None:
    """The registry value names the MSI writes must be settings the app declares, in the key that
    gives them the intended force: site default, or the installer's locked layer - never Group
    Policy's own key."""
    assert check_msi.SITE_KEY == SITE_REGISTRY_KEY
    assert check_msi.INSTALLER_KEY == INSTALLER_REGISTRY_KEY
    assert check_msi.POLICY_KEY == POLICY_REGISTRY_KEY
    for prop in check_msi.PUBLIC_PROPERTIES:
        assert prop.value_name in BY_POLICY_NAME, f"{prop.name} writes unknown setting {prop.value_name}"
        assert prop.key != POLICY_REGISTRY_KEY
    switches = [p for p in check_msi.PUBLIC_PROPERTIES if p.key == INSTALLER_REGISTRY_KEY]
    assert switches, "no locked switches"
    for prop in switches:
        assert BY_POLICY_NAME[prop.value_name].kind in (Kind.BOOL, Kind.ENUM)


def _broken(msi: Path, tmp_path: Path, *queries: str) -> list[str]:
    broken = tmp_path / "broken.msi"
    shutil.copy(msi, broken)
    for query in queries:
        subprocess.run(["msibuild", str(broken), "-q", query], check=True)
    return list(check_msi.check(broken))


def test_payload_is_harvested_and_stand_in_executables_named(msi: Path) -> None:
    files = {r["FileName"].split("|")[-1] for r in check_msi.export_table(msi, "File")}
    assert {"bauhinia.exe", "bauhinia-gui.exe", "ggml-cpu-haswell.dll", "base_library.zip"} <= files
    dirs = {r["DefaultDir"].split("|")[-1] for r in check_msi.export_table(msi, "Directory")}
    assert {"_internal", "llama_cpp", "lib"} <= dirs  # the bundle's layout is kept


def test_checker_reports_a_missing_condition(msi: Path, tmp_path: Path) -> None:
    """The checker is not a rubber stamp: break one table row and it says so."""
    problems = _broken(msi, tmp_path,
                       "UPDATE `Component` SET `Condition` = '' WHERE `Component` = 'InstallerAllowRemote'")
    assert problems == ["ALLOWREMOTE: its component is not conditioned on the property being set"]


def test_checker_reports_an_hklm_key_path_for_the_shortcut(msi: Path, tmp_path: Path) -> None:
    problems = _broken(msi, tmp_path, "UPDATE `Registry` SET `Root` = 2 WHERE `Name` = 'StartMenuShortcut'")
    assert problems == ["shortcut component StartMenuShortcut: key path is not an HKCU registry value "
                        "(ICE38/ICE43/ICE57 stop light.exe)"]


@pytest.mark.parametrize(("sddl", "expected"), [
    ("D:AI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;0x1200a9;;;BU)", "not protected"),
    ("D:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;0x1301bf;;;BU)", "lets BU write"),
    ("D:PAI(A;OICI;FA;;;SY)(A;OICI;0x1200a9;;;BU)", "not SYSTEM+Administrators full"),
])
def test_checker_reports_a_weak_programdata_acl(msi: Path, tmp_path: Path, sddl: str, expected: str) -> None:
    problems = _broken(msi, tmp_path, f"UPDATE `MsiLockPermissionsEx` SET `SDDL` = '{sddl}' "
                       "WHERE `MsiLockPermissionsEx` = 'ProgramDataBauhiniaAcl'")
    assert any(expected in p for p in problems), problems


def test_checker_reports_a_missing_programdata_acl(msi: Path, tmp_path: Path) -> None:
    problems = _broken(msi, tmp_path, "DROP TABLE `MsiLockPermissionsEx`")
    assert len(problems) == 1 and "no MsiLockPermissionsEx row" in problems[0]


def test_checker_reports_placeholder_guids(msi: Path, tmp_path: Path) -> None:
    problems = _broken(msi, tmp_path, "UPDATE `Component` SET `ComponentId` = "
                       "'{A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C5D}' WHERE `Component` = 'ProgramDataFolder'")
    assert problems == ["component ProgramDataFolder: {A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C5D} is a hand-typed "
                        "placeholder GUID"]


def test_checker_reports_same_version_upgrades_off(msi: Path, tmp_path: Path) -> None:
    row = next(u for u in check_msi.export_table(msi, "Upgrade") if u["ActionProperty"] == "WIX_UPGRADE_DETECTED")
    problems = _broken(
        msi, tmp_path, "DELETE FROM `Upgrade` WHERE `ActionProperty` = 'WIX_UPGRADE_DETECTED'",
        "INSERT INTO `Upgrade` (`UpgradeCode`, `VersionMax`, `Attributes`, `ActionProperty`) VALUES "
        f"('{row['UpgradeCode']}', '{row['VersionMax']}', 1, 'WIX_UPGRADE_DETECTED')")
    assert len(problems) == 1 and "AllowSameVersionUpgrades" in problems[0]


def test_simulated_upgrade_changes_a_property_given_again(msi: Path) -> None:
    """The CI case for 'pass a property again to change it': install with ALLOWREMOTE=0 and
    LANGUAGE=zh-HK, upgrade with ALLOWREMOTE=1 - the value changes, the others stay."""
    tables = check_msi.load_tables(msi)
    first = msi_sequence.simulate(tables, {"ALLOWREMOTE": "0", "LANGUAGE": "zh-HK"}, {})
    installer = ("2", check_msi.INSTALLER_KEY, "RemoteAllowed")
    language = ("2", check_msi.SITE_KEY, "UiLanguage")
    assert first.refused is None
    assert first.registry[installer] == "0" and first.registry[language] == "zh_HK"
    upgraded = msi_sequence.simulate(tables, {"ALLOWREMOTE": "1"}, first.registry)
    assert upgraded.registry[installer] == "1" and upgraded.registry[language] == "zh_HK"
    order = [a for a in upgraded.ran if a in ("SaveCmdLine_ALLOWREMOTE", "AppSearch", "RestoreCmdLine_ALLOWREMOTE")]
    assert order == ["SaveCmdLine_ALLOWREMOTE", "AppSearch", "RestoreCmdLine_ALLOWREMOTE"]
    assert not any(k[1].startswith("Software\\Policies") for k in upgraded.registry)


def test_checker_reports_an_upgrade_that_ignores_the_command_line(msi: Path, tmp_path: Path) -> None:
    """Without the restore step (the old, partial pattern) the simulated upgrade keeps the old value."""
    problems = _broken(msi, tmp_path,
                       "DELETE FROM `InstallExecuteSequence` WHERE `Action` = 'RestoreCmdLine_ALLOWREMOTE'")
    assert "ALLOWREMOTE: InstallExecuteSequence does not save before AppSearch and restore after it" in problems
    tables = check_msi.load_tables(tmp_path / "broken.msi")
    assert "simulated upgrade with ALLOWREMOTE=1 LANGUAGE=en: RemoteAllowed is '0', expected '1'" in (
        check_msi.property_behaviour(tables))


def test_launch_condition_names_a_bad_value(msi: Path) -> None:
    tables = check_msi.load_tables(msi)
    outcome = msi_sequence.simulate(tables, {"LANGUAGE": "zh-TW"}, {})
    assert outcome.refused is not None and "LANGUAGE must be en, zh_HK, zh_CN or system" in outcome.refused
    for typed, stored in (("ZH-hk", "zh_HK"), ("zh_CN", "zh_CN"), ("System", "system"), ("en-US", "en")):
        ok = msi_sequence.simulate(tables, {"LANGUAGE": typed}, {})
        assert ok.refused is None and ok.registry[("2", check_msi.SITE_KEY, "UiLanguage")] == stored


def test_condition_evaluator_follows_windows_installer_rules() -> None:
    ev = msi_sequence.evaluate
    assert ev("P", {"P": "0"}) is True  # a set property is true even when it is "0"
    assert ev("NOT P", {}) is True
    assert ev('P ~= "ABC"', {"P": "abc"}) and not ev('P = "ABC"', {"P": "abc"})
    assert ev('P << "\\\\"', {"P": "\\\\srv\\x"}) and ev('P >< ":\\"', {"P": "C:\\x"})
    assert ev('(A OR B) AND NOT C', {"B": "1"}) and not ev('(A OR B) AND NOT C', {"B": "1", "C": "x"})
    with pytest.raises(msi_sequence.Unsupported):
        ev("A XOR B", {})


def test_wixl_compat_strips_and_records_exactly_the_unsupported_parts() -> None:
    source = (WINDOWS / "Bauhinia.wxs").read_text(encoding="utf-8")
    text, removed = wixl_compat.strip(source)
    conditions = removed["component_conditions"]
    assert conditions == {
        "SiteModelCatalog": "MODELCATALOG", "SiteModelDir": "MODELDIR", "SiteDefaultModel": "DEFAULTMODEL",
        "SiteLanguage": "LANGUAGE", "InstallerAllowRemote": "ALLOWREMOTE",
        "InstallerAllowModelImport": "ALLOWMODELIMPORT", "InstallerRequireVerified": "REQUIREVERIFIEDMODELS",
        "InstallerAllowExport": "ALLOWEXPORT", "InstallerHistoryEncryption": "HISTORYENCRYPTION",
    }
    assert set(removed["secure_properties"]) == {p.name for p in check_msi.REMEMBERED}
    assert removed["lock_permissions"] == [{"id": "ProgramDataBauhiniaAcl", "directory": "ProgramDataBauhinia",
                                            "sddl": check_msi.PROGRAMDATA_SDDL}]
    assert removed["allow_same_version_upgrades"] is True
    types = removed["custom_action_types"]
    assert types["SaveCmdLine_ALLOWREMOTE"] == types["RestoreCmdLine_ALLOWREMOTE"] == 307
    assert types["SetARPINSTALLLOCATION"] == 51
    assert "<Condition>" not in text and "Secure=" not in text and "Platform=" not in text
    assert "<PermissionEx" not in text and "AllowSameVersionUpgrades=" not in text
    assert text.count("<RegistryValue") == source.count("<RegistryValue")
    assert text.count("<Condition Message=") == source.count("<Condition Message=")  # launch conditions stay


def test_heat_transform_drops_only_the_executables_the_authoring_declares() -> None:
    etree = pytest.importorskip("lxml.etree", reason="lxml is needed to run the XSLT here")
    ns = "http://schemas.microsoft.com/wix/2006/wi"
    src = "$(var.SourceDir)\\"
    heat_output = f"""<Wix xmlns="{ns}"><Fragment><DirectoryRef Id="INSTALLDIR">
      <Component Id="cmpExe" Guid="*"><File Id="f1" KeyPath="yes" Source="{src}bauhinia.exe"/></Component>
      <Component Id="cmpGui" Guid="*"><File Id="f2" KeyPath="yes" Source="{src}bauhinia-gui.exe"/></Component>
      <Component Id="cmpLib" Guid="*"><File Id="f3" KeyPath="yes" Source="{src}_internal\\not-bauhinia.exe"/>
      </Component></DirectoryRef></Fragment><Fragment><ComponentGroup Id="Payload">
      <ComponentRef Id="cmpExe"/><ComponentRef Id="cmpGui"/><ComponentRef Id="cmpLib"/>
      </ComponentGroup></Fragment></Wix>"""
    transform = etree.XSLT(etree.parse(str(WINDOWS / "heat-exclude.xslt")))
    result = transform(etree.fromstring(heat_output.encode()))
    components = [c.get("Id") for c in result.getroot().iter(f"{{{ns}}}Component")]
    refs = [c.get("Id") for c in result.getroot().iter(f"{{{ns}}}ComponentRef")]
    assert components == ["cmpLib"] and refs == ["cmpLib"]


def test_windows_build_path_is_scripted_and_documented() -> None:
    yaml = pytest.importorskip("yaml", reason="PyYAML is needed to parse the workflow")
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "windows-msi.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["msi"]["steps"]
    runs = "\n".join(str(s.get("run", "")) for s in steps)
    assert workflow["jobs"]["msi"]["runs-on"].startswith("windows")
    assert "build-windows.ps1" in runs and "msiexec" in runs and "/qn" in runs
    script = (WINDOWS / "build-windows.ps1").read_text(encoding="utf-8")
    for needle in ("GGML_BACKEND_DL=ON", "GGML_CPU_ALL_VARIANTS=ON", "heat-exclude.xslt", "Bauhinia.wxs", "signtool"):
        assert needle in script, needle
    guide = (ROOT / "packaging" / "docs" / "deployment.md").read_text(encoding="utf-8")
    assert r"msiexec /i Bauhinia.msi /qn MODELCATALOG=\\server\share\models.json LANGUAGE=zh_HK" in guide
    for prop in check_msi.PUBLIC_PROPERTIES:
        assert f"`{prop.name}`" in guide, f"{prop.name} is not documented"
