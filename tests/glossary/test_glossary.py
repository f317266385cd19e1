"""Glossaries from real CSV/TSV files: loading, errors with line numbers, matching, prompt block, term check."""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path

import pytest

from app.cli.main import main
from app.glossary import (
    GlossaryError,
    TermCheck,
    glossary_from_settings,
    load_glossary,
    missing_terms,
    prompt_block,
    term_check,
)
from app.glossary.loader import MAX_FILE_BYTES

HEADER = "en,zh_HK,zh_CN,note\n"
ROWS = (
    "Chief Executive,行政長官,行政长官,\n"
    "Chief Executive in Council,行政長官會同行政會議,行政长官会同行政会议,\n"
    '"Secretary for Housing, Planning and Lands",房屋及規劃地政局局長,房屋及规划地政局局长,former title\n'
    "Working Family Allowance,在職家庭津貼,在职家庭津贴,programme\n"
    "Housing Department,房屋署,房屋署,\n"
)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture
def glossary_file(tmp_path: Path) -> Path:
    return write(tmp_path / "terms.csv", HEADER + ROWS)


def test_csv_with_bom_and_quoted_delimiter(tmp_path: Path) -> None:
    g = load_glossary(write(tmp_path / "bom.csv", "\ufeff" + HEADER + ROWS))
    assert len(g) == 5
    assert g.entries[2].en == "Secretary for Housing, Planning and Lands" and g.entries[2].note == "former title"
    assert (g.entries[2].source, g.entries[2].line) == ("bom.csv", 4)


def test_tsv_utf16_from_excel_and_semicolons(tmp_path: Path) -> None:
    tsv = "en\tzh_HK\tzh_CN\nHousing Department\t房屋署\t房屋署\n"
    g = load_glossary(write(tmp_path / "excel.txt", "\ufeff" + tsv, "utf-16-le"))
    assert [e.zh_HK for e in g.entries] == ["房屋署"]
    g = load_glossary(write(tmp_path / "semi.csv", "EN;ZH-HK;zh-cn\nHousing Department;房屋署;房屋署\n"))
    assert g.entries[0].en == "Housing Department"
    assert codecs.BOM_UTF16_LE  # the UTF-16 file above started with it


def test_folder_loads_every_glossary_file(tmp_path: Path, glossary_file: Path) -> None:
    write(tmp_path / "more.tsv", "en\tzh_HK\tzh_CN\nLegislative Council\t立法會\t立法会\n")
    write(tmp_path / "readme.md", "not a glossary")
    g = load_glossary(tmp_path)
    assert len(g) == 6


@pytest.mark.parametrize(("text", "line", "words"), [
    ("en,chinese\nA,B\n", 1, "missing: zh_HK, zh_CN"),
    (HEADER + "Chief Executive,行政長官,行政长官\nonly english,,\n", 3, "at least two"),
    (HEADER + "Chief Executive,行政長官,行政长官\n\n# comment,,\nX,\"unclosed,y\n", 5, "malformed CSV"),
    ("", 1, "header"),
    (HEADER + "A," + "長" * 1001 + ",b\n", 2, "longer than 1000"),
], ids=["missing-columns", "one-language-only", "malformed-quote", "empty-file", "long-cell"])
def test_errors_are_one_line_with_file_and_line(tmp_path: Path, text: str, line: int, words: str) -> None:
    with pytest.raises(GlossaryError) as info:
        load_glossary(write(tmp_path / "bad.csv", text))
    message = str(info.value)
    assert message.startswith(f"Glossary bad.csv, line {line}: ") and words in message and "\n" not in message


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "big5.csv"
    path.write_bytes((HEADER + "Chief Executive,").encode() + "行政長官".encode("big5") + b",x\n")
    with pytest.raises(GlossaryError, match=r"big5.csv, line 2: not UTF-8"):
        load_glossary(path)


def test_size_bound_and_missing_file(tmp_path: Path) -> None:
    big = tmp_path / "huge.csv"
    with big.open("wb") as fh:
        fh.write(HEADER.encode())
        fh.truncate(MAX_FILE_BYTES + 10)
    with pytest.raises(GlossaryError, match="larger than 16 MB"):
        load_glossary(big)
    with pytest.raises(GlossaryError, match=r"nothing\.csv: does not exist"):
        load_glossary(tmp_path / "nothing.csv")


def test_errors_are_translated(tmp_path: Path) -> None:
    from app.i18n import switch_language

    switch_language("zh_HK")
    with pytest.raises(GlossaryError) as info:
        load_glossary(write(tmp_path / "bad.csv", HEADER + "only,,\n"))
    assert str(info.value) == "詞彙表 bad.csv 第 2 行：每個詞條須至少填寫 en、zh_HK、zh_CN 其中兩項"


def test_english_match_word_boundaries_longest_first(glossary_file: Path) -> None:
    g = load_glossary(glossary_file)
    text = ("The chief  executive in council met the Chief Executive. Chief Executives and "
            "HousingDepartment do not count; the Housing Department does.")
    matches = g.match(text, "en", "zh_HK")
    assert [(m.term, m.expected) for m in matches] == [
        ("Chief Executive in Council", "行政長官會同行政會議"),
        ("Chief Executive", "行政長官"),
        ("Housing Department", "房屋署"),
    ]
    assert g.match("Chief Executives", "en", "zh_HK") == []


def test_chinese_matches_either_script_as_substring(glossary_file: Path) -> None:
    g = load_glossary(glossary_file)
    traditional = g.match("申請在職家庭津貼的人數上升。", "zh_HK", "en")
    simplified = g.match("申请在职家庭津贴的人数上升。", "zh_CN", "en")
    assert [m.expected for m in traditional] == [m.expected for m in simplified] == ["Working Family Allowance"]
    assert g.match("申请在职家庭津贴", "zh_HK", "zh_HK")[0].expected == "在職家庭津貼"  # Simplified input, HK reply
    assert g.match("申请在职家庭津贴", "en", "zh_HK") == []  # the English column is not in this text
    assert len(g.match("Housing Department 和 在職家庭津貼", None, "zh_CN")) == 2  # any column


def test_prompt_block(glossary_file: Path) -> None:
    g = load_glossary(glossary_file)
    matches = g.match("Working Family Allowance for the Secretary for Housing, Planning and Lands", "en", "zh_HK")
    block = prompt_block(matches, "zh_HK")
    assert block.splitlines() == [
        "請依照以下核准譯名用詞，不得改寫（官方詞彙表）：",
        "- Working Family Allowance → 在職家庭津貼（備註：programme）",
        "- Secretary for Housing, Planning and Lands → 房屋及規劃地政局局長（備註：former title）",
    ]
    assert prompt_block([], "en") == ""
    with pytest.raises(ValueError):
        prompt_block(matches, "fr")


def test_term_check_reply_with_and_without_approved_terms(glossary_file: Path) -> None:
    g = load_glossary(glossary_file)
    source = "The Chief Executive announced changes to the Working Family Allowance."
    matches = g.match(source, "en", "zh_HK")
    good = "行政長官宣布修訂在職家庭津貼。"
    bad = "特首宣布修訂在職家庭補助。"
    assert term_check(good, matches, "zh_HK") == [
        TermCheck("Chief Executive", "行政長官", True), TermCheck("Working Family Allowance", "在職家庭津貼", True)]
    checks = term_check(bad, matches, "zh_HK")
    assert [c.to_dict() for c in missing_terms(checks)] == [
        {"term": "Chief Executive", "expected": "行政長官", "found": False},
        {"term": "Working Family Allowance", "expected": "在職家庭津貼", "found": False},
    ]
    # A Simplified reply with the approved words passes (the window converts the script anyway).
    assert all(c.found for c in term_check("行政长官宣布修订在职家庭津贴。", matches, "zh_HK"))
    # English renderings must stand as words.
    back = g.match("行政長官", "zh_HK", "en")
    assert term_check("The Chief Executive said", back, "en")[0].found
    assert not term_check("The Chief Executives' office said", back, "en")[0].found


def test_configured_glossary_and_cli(tmp_path: Path, glossary_file: Path, _isolated_admin_dir: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    from app.settings.store import SettingsStore

    assert glossary_from_settings(SettingsStore()) is None  # nothing configured, no admin folder
    (_isolated_admin_dir / "policies").mkdir(parents=True)
    (_isolated_admin_dir / "policies" / "50-terms.json").write_text(
        json.dumps({"glossary.path": str(glossary_file)}), encoding="utf-8")
    g = glossary_from_settings(SettingsStore())
    assert g is not None and len(g) == 5
    assert main(["glossary", "check", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"entries": 5}
    assert main(["glossary", "match", "Chief Executive", "--from", "en", "--to", "zh_CN", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["matches"][0]["expected"] == "行政长官"
    bad = write(tmp_path / "bad.csv", "en,zh_HK\n")
    assert main(["glossary", "check", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("bauhinia: Glossary bad.csv, line 1: ") and err.count("\n") == 1


def test_turn_calls_before_and_after_the_model(glossary_file: Path) -> None:
    from app.glossary import detect_language, terms_for_turn

    g = load_glossary(glossary_file)
    assert [detect_language(t) for t in ("Please translate", "請翻譯這封信", "请翻译这封信", "")] == [
        "en", "zh_HK", "zh_CN", "en"]
    terms = terms_for_turn(g, "Translate: the Chief Executive visited the Housing Department.", "zh_HK")
    assert terms.target_lang == "zh_HK"
    assert terms.system_block().splitlines()[1:] == ["- Chief Executive → 行政長官", "- Housing Department → 房屋署"]
    assert [c.found for c in terms.check("行政長官視察了房屋署。")] == [True, True]
    assert [c.found for c in terms.check("特首視察了房屋局。")] == [False, False]
    # reply.language auto: the reply is in the question's language, so its renderings are expected
    auto = terms_for_turn(g, "在职家庭津贴的申请", "auto")
    assert auto.target_lang == "zh_CN" and auto.matches[0].expected == "在职家庭津贴"
    assert terms_for_turn(None, "Chief Executive", "zh_HK") == type(terms)((), "zh_HK")


def test_configured_glossary_is_reused_until_its_file_changes(glossary_file: Path, _isolated_admin_dir: Path) -> None:
    from app.settings.store import SettingsStore

    folder = _isolated_admin_dir / "glossary"  # the default location, no setting needed
    folder.mkdir(parents=True)
    path = folder / "terms.csv"
    path.write_bytes(glossary_file.read_bytes())
    first = glossary_from_settings(SettingsStore())
    assert first is not None and glossary_from_settings(SettingsStore()) is first
    path.write_text(HEADER + "Legislative Council,立法會,立法会,\n", encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000_000))
    second = glossary_from_settings(SettingsStore())
    assert second is not first and second is not None and [e.en for e in second.entries] == ["Legislative Council"]
