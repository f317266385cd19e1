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
from app.settings.sources import POLICY_REGISTRY_KEY, SITE_REGISTRY_KEY

ROOT = Path(__file__).resolve().parents[2]
WINDOWS = ROOT / "packaging" / "windows"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, WINDOWS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


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
    gives them the intended force (site default vs locked policy)."""
    assert check_msi.SITE_KEY == SITE_REGISTRY_KEY
    assert check_msi.POLICY_KEY == POLICY_REGISTRY_KEY
    for prop in check_msi.PUBLIC_PROPERTIES:
        assert prop.value_name in BY_POLICY_NAME, f"{prop.name} writes unknown setting {prop.value_name}"
    switches = [p for p in check_msi.PUBLIC_PROPERTIES if p.key == POLICY_REGISTRY_KEY]
    assert switches, "no policy switches"
    for prop in switches:
        assert BY_POLICY_NAME[prop.value_name].kind in (Kind.BOOL, Kind.ENUM)


def test_payload_is_harvested_and_stand_in_executables_named(msi: Path) -> None:
    files = {r["FileName"].split("|")[-1] for r in check_msi.export_table(msi, "File")}
    assert {"bauhinia.exe", "bauhinia-gui.exe", "ggml-cpu-haswell.dll", "base_library.zip"} <= files
    dirs = {r["DefaultDir"].split("|")[-1] for r in check_msi.export_table(msi, "Directory")}
    assert {"_internal", "llama_cpp", "lib"} <= dirs  # the bundle's layout is kept


def test_checker_reports_a_missing_condition(msi: Path, tmp_path: Path) -> None:
    """The checker is not a rubber stamp: break one table row and it says so."""
    broken = tmp_path / "broken.msi"
    shutil.copy(msi, broken)
    subprocess.run(
        ["msibuild", str(broken), "-q",
         "UPDATE `Component` SET `Condition` = '' WHERE `Component` = 'PolicyAllowRemote'"],
        check=True,
    )
    problems = check_msi.check(broken)
    assert problems == ["ALLOWREMOTE: its component is not conditioned on the property being set"]


def test_wixl_compat_strips_and_records_exactly_the_unsupported_parts() -> None:
    source = (WINDOWS / "Bauhinia.wxs").read_text(encoding="utf-8")
    text, removed = wixl_compat.strip(source)
    conditions = removed["component_conditions"]
    assert conditions == {
        "SiteModelCatalog": "MODELCATALOG", "SiteModelDir": "MODELDIR", "SiteDefaultModel": "DEFAULTMODEL",
        "SiteLanguage": "LANGUAGE", "PolicyAllowRemote": "ALLOWREMOTE",
        "PolicyAllowModelImport": "ALLOWMODELIMPORT", "PolicyRequireVerified": "REQUIREVERIFIEDMODELS",
        "PolicyAllowExport": "ALLOWEXPORT", "PolicyHistoryEncryption": "HISTORYENCRYPTION",
    }
    assert set(removed["secure_properties"]) == {p.name for p in check_msi.PUBLIC_PROPERTIES}
    assert "<Condition>" not in text and "Secure=" not in text and "Platform=" not in text
    assert text.count("<RegistryValue") == source.count("<RegistryValue")


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
    workflow = yaml.safe_load((WINDOWS / "github-workflow.yml").read_text(encoding="utf-8"))
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
