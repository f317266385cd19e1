"""The generated ADMX/ADML (packaging/policy, from app/settings/artefacts.py) as Group Policy and
Intune's ADMX import read them: no namespace that needs another template, path policies written
as REG_EXPAND_SZ, and the explain text says what Enabled/Disabled/Not Configured do - in all
three languages."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from app.settings import artefacts
from app.settings.declarations import SETTINGS

ROOT = Path(__file__).resolve().parents[2]
POLICY = ROOT / "packaging" / "policy"
NS = {"p": artefacts.ADMX_NAMESPACE}


def _admx() -> ET.Element:
    return ET.parse(POLICY / "bauhinia.admx").getroot()


def test_admx_declares_no_namespace_it_does_not_use() -> None:
    """Intune asks for windows.admx when the ADMX declares ``using prefix="windows"``."""
    root = _admx()
    assert root.findall("p:policyNamespaces/p:using", NS) == []
    text = (POLICY / "bauhinia.admx").read_text(encoding="utf-8")
    prefixes = {ref.split(":")[0] for ref in _refs(text) if ":" in ref}
    assert prefixes <= {"bauhinia"}


def _refs(text: str) -> list[str]:
    return re.findall(r'ref="([^"]+)"', text)


def test_path_policies_are_expandable_and_others_are_not() -> None:
    paths = {s.policy_name for s in SETTINGS if artefacts._is_path(s)}
    assert {"ModelsCatalogPath", "ModelsDirectory"} <= paths
    for text in _admx().iterfind("p:policies/p:policy/p:elements/p:text", NS):
        expected = "true" if text.get("valueName") in paths else None
        assert text.get("expandable") == expected, text.get("valueName")


def test_explain_text_says_what_disabled_means_in_three_languages() -> None:
    for language, lang in artefacts.LANGUAGES.items():
        root = ET.parse(POLICY / language / "bauhinia.adml").getroot()
        strings = {s.get("id"): s.text or "" for s in root.iterfind("p:resources/p:stringTable/p:string", NS)}
        for s in SETTINGS:
            kind = "boolean" if artefacts.admx_element(s) == "boolean" else "value"
            assert artefacts.STATE_NOTES[kind][lang] in strings[f"{s.policy_name}_Explain"], (language, s.key)
            if artefacts._is_path(s):
                assert "REG_EXPAND_SZ" in strings[f"{s.policy_name}_Explain"]
