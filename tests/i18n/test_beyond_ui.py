"""Issue 6 §4: the desktop entry, AppStream metadata and Group Policy texts exist in English,
HK Traditional and Simplified Chinese, with HK vocabulary in the HK texts."""

from __future__ import annotations

import configparser
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DESKTOP = ROOT / "resources" / "linux" / "hk.gov.bauhinia.desktop"
METAINFO = ROOT / "resources" / "linux" / "hk.gov.bauhinia.metainfo.xml"
ADML = {lang: ROOT / "packaging" / "policy" / lang / "bauhinia.adml" for lang in ("en-US", "zh-HK", "zh-CN")}
SIMPLIFIED_ONLY = set("软网数设认导录删译话离线运间为这")
MAINLAND_OR_TAIWAN_TERMS = ("軟體", "網路", "列印", "设置", "默认", "软件", "网络", "数据")


def _entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


@pytest.mark.parametrize("key", ["Name", "GenericName", "Comment", "Keywords"])
def test_desktop_entry_is_translated(key: str) -> None:
    entry = _entry()
    hk, cn = entry[f"{key}[zh_HK]"], entry[f"{key}[zh_CN]"]
    assert entry[key] and hk and cn and hk != cn
    assert not SIMPLIFIED_ONLY & set(hk), f"{key}[zh_HK] uses Simplified characters: {hk}"
    assert not any(term in hk for term in MAINLAND_OR_TAIWAN_TERMS)


def test_appstream_name_and_summary_in_three_languages() -> None:
    root = ET.parse(METAINFO).getroot()
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for tag in ("name", "summary"):
        by_lang = {el.get(xml_lang): (el.text or "").strip() for el in root.findall(tag)}
        assert by_lang.get(None) and by_lang.get("zh-HK") and by_lang.get("zh-CN"), tag
        assert not SIMPLIFIED_ONLY & set(by_lang["zh-HK"])


@pytest.mark.parametrize("lang", ["en-US", "zh-HK", "zh-CN"])
def test_adml_exists_and_every_string_is_filled(lang: str) -> None:
    root = ET.parse(ADML[lang]).getroot()
    strings = [el for el in root.iter() if el.tag.endswith("string")]
    assert len(strings) > 30
    assert all((el.text or "").strip() for el in strings)


def test_adml_hk_uses_hk_terms_and_cn_uses_mainland_terms() -> None:
    hk = ADML["zh-HK"].read_text(encoding="utf-8")
    cn = ADML["zh-CN"].read_text(encoding="utf-8")
    assert "設定" in hk and "預設" in hk and not any(t in hk for t in MAINLAND_OR_TAIWAN_TERMS)
    assert "设置" in cn and "默认" in cn and "設定" not in cn
