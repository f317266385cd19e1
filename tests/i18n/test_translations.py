"""The .ts files are complete, current with the code, faithful to the glossary, and the .qm match."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import opencc
import pytest

from app.i18n import TRANSLATED, compile_translations, lrelease_command, qm_path, ts_path
from translations.extract import extract
from translations.ts_file import read_ts
from translations.update import check

ROOT = Path(__file__).resolve().parents[2]

# HK terms the UI must use (DESIGN §6) and the Mainland / Taiwan variants it must not.
HK_REQUIRED = ["設定", "預設", "檔案", "資料", "網絡", "匯出", "匯入", "搜尋", "刪除", "記錄", "管理員",
               "管理政策", "加密", "思考過程", "重新生成", "對話", "模型", "停止"]
HK_FORBIDDEN = ["软件", "软体", "軟體", "网络", "網路", "数据", "列印", "設置", "默认", "默認", "文檔", "视频", "視頻",
                "資料庫存", "信息", "用户", "搜索", "導出", "導入", "刪除記錄檔"]
CN_REQUIRED = ["设置", "默认", "文件", "数据", "网络", "导出", "导入", "搜索", "删除", "历史记录", "管理员",
               "加密", "思考过程", "重新生成", "对话", "模型", "停止"]
CN_FORBIDDEN = ["設定", "预设", "檔案", "档案", "資料", "资料库", "网路", "软体", "汇出", "汇入", "搜寻", "伺服器",
                "登入", "滑鼠", "记忆体", "萤幕", "程式"]
PLACEHOLDER = re.compile(r"%(?:\d+|n|p)|\{[a-z_]*\}")


def entries(language: str) -> list:
    return read_ts(ts_path(language), language).active()


@pytest.mark.parametrize("language", TRANSLATED)
def test_complete_no_unfinished_or_empty(language: str) -> None:
    counts = read_ts(ts_path(language), language).counts()
    assert counts["messages"] > 300
    assert counts["unfinished"] == 0
    assert counts["empty"] == 0
    assert counts["finished"] == counts["messages"]


def test_ts_files_are_current_with_the_code() -> None:
    """Every translatable string in app/ is in both .ts files, and nothing stale is left active."""
    assert [r for r in check(ROOT) if not r.startswith("extraction problem")] == []


def test_every_translated_string_is_extractable() -> None:
    """``translate(ctx, variable)`` hides its strings from the .ts: the sources must be marked."""
    assert extract(ROOT).problems == []


def test_extraction_finds_the_forms_lupdate_misreads() -> None:
    found = extract(ROOT).messages
    # tr(CONTEXT, ...) with CONTEXT imported from another module (settings/sources.py)
    assert ("Settings", "unknown setting", "") in found
    # QT_TRANSLATE_NOOP through the _T alias (settings/declarations.py)
    assert ("Settings", "Interface language", "") in found
    # self.tr inside a Qt class, and plural messages
    assert any(k[0] == "MainWindow" for k in found)
    assert any(m.numerus for m in found.values())


@pytest.mark.parametrize("language", TRANSLATED)
def test_placeholders_and_mnemonics_survive(language: str) -> None:
    for e in entries(language):
        assert sorted(PLACEHOLDER.findall(e.source)) == sorted(PLACEHOLDER.findall(e.translation)), e.source
        if re.search(r"&[A-Za-z]", e.source):
            # Chinese menus show the mnemonic as a bracketed Latin letter: 檔案(&F)
            assert re.search(r"\(&[A-Z]\)", e.translation), e.translation
        if e.source.endswith("…"):
            assert e.translation.endswith("…"), e.translation


def test_hk_glossary_terms_used_and_variants_absent() -> None:
    text = "\n".join(e.translation for e in entries("zh_HK"))
    for term in HK_REQUIRED:
        assert term in text, f"HK term {term} not used"
    for e in entries("zh_HK"):
        for bad in HK_FORBIDDEN:
            assert bad not in e.translation, f"{bad!r} in zh_HK translation of {e.source!r}: {e.translation}"


def test_cn_glossary_terms_used_and_variants_absent() -> None:
    text = "\n".join(e.translation for e in entries("zh_CN"))
    for term in CN_REQUIRED:
        assert term in text, f"CN term {term} not used"
    for e in entries("zh_CN"):
        for bad in CN_FORBIDDEN:
            assert bad not in e.translation, f"{bad!r} in zh_CN translation of {e.source!r}: {e.translation}"


def test_scripts_are_not_mixed() -> None:
    """No Simplified-only character in zh_HK, no Traditional-only character in zh_CN."""
    s2t, t2s = opencc.OpenCC("s2t"), opencc.OpenCC("t2s")
    both_ways = {"准", "于", "干", "里", "后", "台", "面", "只", "系", "才", "制", "发", "复"}
    for e in entries("zh_HK"):
        for ch in e.translation:
            if ch not in both_ways and s2t.convert(ch) != ch and t2s.convert(s2t.convert(ch)) == ch:
                pytest.fail(f"Simplified {ch!r} in zh_HK: {e.translation}")
    for e in entries("zh_CN"):
        for ch in e.translation:
            if t2s.convert(ch) != ch:
                pytest.fail(f"Traditional {ch!r} in zh_CN: {e.translation}")


@pytest.mark.skipif(lrelease_command() is None, reason="pyside6-lrelease is not installed")
@pytest.mark.parametrize("language", TRANSLATED)
def test_qm_matches_ts(language: str, tmp_path: Path) -> None:
    compile_translations((language,))  # builds it if missing or older than the .ts
    command = lrelease_command()
    assert command is not None
    fresh = tmp_path / "fresh.qm"
    subprocess.run([*command, "-silent", str(ts_path(language)), "-qm", str(fresh)], check=True)
    assert qm_path(language).read_bytes() == fresh.read_bytes()
    assert qm_path(language).stat().st_mtime >= ts_path(language).stat().st_mtime


def test_glossary_lists_every_required_term() -> None:
    glossary = (ROOT / "translations" / "glossary.md").read_text(encoding="utf-8")
    for term in HK_REQUIRED + CN_REQUIRED:
        assert term in glossary, term
