"""The generated ADMX/ADML, JSON Schema, examples and admin guide are current and correct."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from app.settings import artefacts
from app.settings.declarations import BY_KEY, SETTINGS, InvalidValueError, Kind, Setting
from app.settings.sources import POLICY_REGISTRY_KEY, Locations
from app.settings.store import SettingsStore
from tests.app.settings_helpers import DictRegistry

ROOT = Path(__file__).resolve().parents[2]
NS = {"p": artefacts.ADMX_NAMESPACE}
POLICY = ROOT / "packaging" / "policy"


def test_generated_files_are_current() -> None:
    stale = [str(rel) for rel, content in artefacts.render_all(ROOT)
             if not (ROOT / rel).exists() or (ROOT / rel).read_text(encoding="utf-8") != content]
    assert stale == [], f"run: python -m app.settings.artefacts  (stale: {stale})"


def test_check_mode_reports_a_stale_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert artefacts.main(["--root", str(tmp_path)]) == 0  # writes a full set into tmp_path
    assert artefacts.main(["--root", str(tmp_path), "--check"]) == 0
    admx = tmp_path / "packaging" / "policy" / "bauhinia.admx"
    admx.write_text(admx.read_text().replace("RemoteAllowed", "RemoteAllowd"))
    capsys.readouterr()
    assert artefacts.main(["--root", str(tmp_path), "--check"]) == 1
    assert "out of date: packaging/policy/bauhinia.admx" in capsys.readouterr().out


def _admx() -> ET.Element:
    root = ET.parse(POLICY / "bauhinia.admx").getroot()
    assert root.tag == f"{{{artefacts.ADMX_NAMESPACE}}}policyDefinitions"
    return root


def _policies() -> dict[str, ET.Element]:
    return {p.get("name", ""): p for p in _admx().iterfind("p:policies/p:policy", NS)}


def _value_element(policy: ET.Element) -> tuple[str, ET.Element | None]:
    elements = policy.find("p:elements", NS)
    if elements is None:
        return "boolean", None
    (child,) = list(elements)
    return child.tag.split("}")[1], child


def test_admx_has_one_policy_per_setting_under_the_key_the_app_reads() -> None:
    policies = _policies()
    assert set(policies) == {s.policy_name for s in SETTINGS}
    for s in SETTINGS:
        policy = policies[s.policy_name]
        assert policy.get("key") == POLICY_REGISTRY_KEY == r"Software\Policies\Bauhinia\Bauhinia"
        assert policy.get("class") == "Machine"
        kind, element = _value_element(policy)
        value_name = policy.get("valueName") if element is None else element.get("valueName")
        assert value_name == s.policy_name
        if kind == "decimal":
            assert element is not None
            assert (int(element.get("minValue", "")), int(element.get("maxValue", ""))) == (s.minimum, s.maximum)
        if kind == "enum":
            assert element is not None
            assert [v.text for v in element.iterfind("p:item/p:value/p:string", NS)] == list(s.choices)
    target = _admx().find("p:policyNamespaces/p:target", NS)
    assert target is not None and target.get("prefix") == "bauhinia"


def _registry_value(s: Setting, kind: str, value: Any) -> Any:
    """What Group Policy writes for ``value`` through this ADMX element."""
    if kind == "boolean":
        return 1 if value else 0  # REG_DWORD from <enabledValue>/<disabledValue>
    if kind == "decimal":
        return int(value)  # REG_DWORD
    if kind == "multiText":
        return list(value)  # REG_MULTI_SZ
    if kind == "enum":
        return value  # REG_SZ <string>
    return json.dumps(value) if s.kind is Kind.ENDPOINTS else str(value)  # REG_SZ from <text>


def test_every_admx_policy_round_trips_through_the_registry_reader(tmp_path: Path) -> None:
    policies = _policies()
    written = {}
    for s in SETTINGS:
        kind, _ = _value_element(policies[s.policy_name])
        written[s.policy_name] = _registry_value(s, kind, s.example)
    store = SettingsStore(Locations(tmp_path / "settings.json",
                                    registry=DictRegistry({POLICY_REGISTRY_KEY: written})))
    assert store.problems == []
    for s in SETTINGS:
        eff = store.effective(s.key)
        assert eff.locked and eff.value == s.example, s.key


def test_adml_files_define_every_string_and_presentation() -> None:
    admx_text = (POLICY / "bauhinia.admx").read_text(encoding="utf-8")
    string_refs = set(re.findall(r"\$\(string\.([A-Za-z0-9_]+)\)", admx_text))
    presentation_refs = set(re.findall(r"\$\(presentation\.([A-Za-z0-9_]+)\)", admx_text))
    element_ids = {el.get("id") for p in _policies().values() for el in p.iterfind("p:elements/*", NS)}
    for language in ("en-US", "zh-HK", "zh-CN"):
        root = ET.parse(POLICY / language / "bauhinia.adml").getroot()
        assert root.tag == f"{{{artefacts.ADMX_NAMESPACE}}}policyDefinitionResources"
        strings = {s.get("id"): s.text for s in root.iterfind("p:resources/p:stringTable/p:string", NS)}
        assert string_refs <= set(strings), language
        assert all(strings[ref] for ref in string_refs)
        presentations = root.findall("p:resources/p:presentationTable/p:presentation", NS)
        assert {p.get("id") for p in presentations} == presentation_refs
        ref_ids = {child.get("refId") for p in presentations for child in p}
        assert ref_ids == element_ids


def _adml_text(language: str) -> str:
    root = ET.parse(POLICY / language / "bauhinia.adml").getroot()
    return "\n".join(t for t in root.itertext())


def test_chinese_templates_use_hong_kong_and_mainland_wording() -> None:
    hk = _adml_text("zh-HK")
    for word in ("設定", "預設", "管理員", "管理政策", "加密", "匯出", "記錄", "模型", "網絡", "軟件", "資料", "檔案"):
        assert word in hk, word
    for wrong in ("網路", "軟體", "默認", "导出", "设置", "数据", "文件夹", "历史"):
        assert wrong not in hk, wrong
    cn = _adml_text("zh-CN")
    for word in ("设置", "默认", "管理员", "导出", "历史记录", "网络", "软件", "数据", "文件"):
        assert word in cn, word
    for wrong in ("設定", "預設", "匯出", "記錄", "網絡", "軟件", "資料", "檔案"):
        assert wrong not in cn, wrong
    en = _adml_text("en-US")
    assert all(s.label.source in en for s in SETTINGS)


def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((POLICY / "bauhinia-policy.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def test_json_schema_accepts_the_examples_and_every_default() -> None:
    validator = jsonschema.Draft202012Validator(_schema())
    for name in ("10-lockdown.json", "all-settings.json"):
        validator.validate(json.loads((POLICY / "examples" / name).read_text(encoding="utf-8")))
    validator.validate({s.key: s.default for s in SETTINGS})
    assert set(_schema()["properties"]) - {"$schema", "$comment"} == set(BY_KEY)


@pytest.mark.parametrize(("key", "value"), [
    ("ui.font_size", 33), ("ui.font_size", 7), ("ui.font_size", 12.5), ("ui.font_size", True),
    ("sampling.temperature", 2.5), ("sampling.temperature", "0.5"), ("history.encryption", "maybe"),
    ("remote.allowed", "true"), ("remote.allowed_hosts", ["ok.gov.hk", "bad host"]),
    ("remote.endpoints", [{"id": "x"}]), ("remote.endpoints", [{"id": "x", "url": "https://h", "token": "t"}]),
    ("backend.choice", "no spaces allowed"),
])
def test_schema_and_store_reject_the_same_bad_values(key: str, value: Any) -> None:
    validator = jsonschema.Draft202012Validator(_schema())
    assert list(validator.iter_errors({key: value})), (key, value)
    with pytest.raises(InvalidValueError):
        BY_KEY[key].validate(value)
    assert list(validator.iter_errors({"no.such.setting": 1}))


def test_admin_guide_lists_every_policy_and_keeps_its_intro() -> None:
    guide = (ROOT / artefacts.GUIDE).read_text(encoding="utf-8")
    for s in SETTINGS:
        assert f"| `{s.key}` | `{s.policy_name}`" in guide
    custom = "# My own intro\n\nhand-written\n\n" + artefacts.BEGIN + "\nold table\n" + artefacts.END + "\nfooter\n"
    regenerated = artefacts.render_guide(custom)
    assert regenerated.startswith("# My own intro\n\nhand-written") and regenerated.endswith("\nfooter\n")
    assert "old table" not in regenerated and "`remote.allowed`" in regenerated
