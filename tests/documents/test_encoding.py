"""Text encodings as real files in them: BOM, UTF-8, UTF-16, Big5-HKSCS, GB18030."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest

from app.documents import DocumentError, ParserProcess, decode_text, extract

# 嘅 咗 喺 and 𠝹 are in HKSCS but not in Big5/cp950 (checked in test_hkscs_characters_are_not_plain_big5)
HK = "政府通告：各部門須於下星期一前提交報告。佢哋話呢份文件嘅內容好重要，我哋已經喺會議度討論咗。𠝹"
HK_ONLY = "嘅咗喺𠝹"
TRADITIONAL = "香港特別行政區政府公務員事務局通告，關於資訊科技保安政策的最新修訂。"
SIMPLIFIED = "关于进一步加强信息安全管理工作的通知，各部门应当认真贯彻落实。"


def test_hkscs_characters_are_not_plain_big5() -> None:
    for char in HK_ONLY:
        char.encode("big5hkscs")
        with pytest.raises(UnicodeEncodeError):
            char.encode("big5")
        with pytest.raises(UnicodeEncodeError):
            char.encode("cp950")


@pytest.mark.parametrize(("text", "encoding"), [
    (HK, "big5hkscs"), (TRADITIONAL, "big5hkscs"), (HK, "gb18030"), (SIMPLIFIED, "gb18030"),
    (TRADITIONAL, "gb18030"), (HK, "utf-8"), (SIMPLIFIED + " plain ASCII too", "utf-8"),
    ("English only, with a line\nand another", "utf-8"),
])
def test_detected(text: str, encoding: str) -> None:
    assert decode_text(text.encode(encoding)) == (text, encoding)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [HK, "Minutes of the 3rd meeting\nItem 1: budget"])
def test_utf16_without_bom(text: str, encoding: str) -> None:
    assert decode_text(text.encode(encoding)) == (text, encoding)


@pytest.mark.parametrize(("bom", "encoding"), [
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
])
def test_bom_is_final_and_removed(bom: bytes, encoding: str) -> None:
    assert decode_text(bom + HK.encode(encoding)) == (HK, encoding)


def test_big5_and_gb_both_decode_and_the_tie_break_picks_the_right_one() -> None:
    """Big5-HKSCS bytes also decode as GB18030 (as nonsense): charset-normalizer must decide."""
    data = TRADITIONAL.encode("big5hkscs")
    assert data.decode("gb18030") != TRADITIONAL  # the trap is real
    assert decode_text(data)[1] == "big5hkscs"


@pytest.mark.parametrize("data", [random.Random(1).randbytes(3000), b"\x00\x01\x02\x03" * 500, b"ab\x00cd" * 50])
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(DocumentError) as caught:
        decode_text(data)
    assert caught.value.kind == "encoding"


def test_bad_bytes_after_a_bom_are_refused() -> None:
    with pytest.raises(DocumentError) as caught:
        decode_text(codecs.BOM_UTF8 + b"\xff\xfe\xfd")
    assert caught.value.kind == "encoding"


@pytest.mark.parametrize(("name", "encoding"), [("notice.txt", "big5hkscs"), ("notice.md", "gb18030"),
                                                ("notice.csv", "big5hkscs"), ("notice.html", "big5hkscs")])
def test_files_in_chinese_encodings_end_to_end(tmp_path: Path, parser: ParserProcess, name: str,
                                               encoding: str) -> None:
    text = HK if encoding == "big5hkscs" else SIMPLIFIED
    body = f"<html><body><p>{text}</p></body></html>" if name.endswith(".html") else f"標題,{text}\n"
    path = tmp_path / name
    path.write_bytes(body.encode(encoding))
    doc = extract(path, parser=parser)
    assert doc.encoding == encoding
    assert text in doc.text


ENGLISH_1252 = "The minister said \u201cno comment\u201d on the caf\u00e9 report, costing \u00a35.\nMore."
MIXED = "Name: 陳大文, Department: Lands. The officer will reply within ten working days of receipt."


def test_mostly_english_windows_1252_is_not_read_as_chinese() -> None:
    """Old Windows memos: curly quotes (0x93/0x94) would pair up into Big5 characters."""
    assert decode_text(ENGLISH_1252.encode("cp1252")) == (ENGLISH_1252, "cp1252")
    short = "Café “menu” – £3 only."  # a quarter of its bytes above 0x7F; no Chinese codec decodes it
    assert decode_text(short.encode("cp1252")) == (short, "cp1252")


@pytest.mark.parametrize("encoding", ["big5hkscs", "gb18030"])
def test_english_with_a_few_chinese_characters(encoding: str) -> None:
    assert decode_text(MIXED.encode(encoding)) == (MIXED, encoding)
