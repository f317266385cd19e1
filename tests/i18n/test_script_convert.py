"""Streaming Simplified↔Traditional conversion: exact across token splits, append-only, code untouched."""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import opencc
import pytest

from engine.script_convert import (
    CN_FIXUPS,
    HK_FIXUPS,
    RUN_LIMIT,
    MarkdownSplitter,
    PhraseTable,
    StreamingScriptConverter,
    Target,
    convert_text,
    is_joining,
)

HK = Target.HK_TRADITIONAL
CN = Target.CN_SIMPLIFIED

SIMPLIFIED_SAMPLES = [
    "我们的软件需要连接网络，请检查默认设置。",
    "请打开配置文件，把文件名改成 report.txt，然后上传文件到服务器。",
    "计算机程序员发布了新版本的应用程序，里面的信息很重要；视频会议在下午三点。",
    "头发干燥后，皇后出去了。数据库的数据要导出为 CSV 格式。",
    "步骤：\n1. 打开设置\n2. 选择「网络设置」\n\n```python\nprint('软件 数据')  # 网络\n```\n运行 `数据 = 1` 后，"
    "检查内存。\n~~~\n里面 文件名\n~~~\n最后，鼠标点击屏幕。",
    "English text with a 软件 word, and `inline 软件` code, then ``double `tick` 数据`` done.",
    "没有标点的很长的一段中文文字用来测试强制切分是否在任何分块方式下都得到完全相同的结果而且不会回退已经输出的内容软件网络数据",
]
TRADITIONAL_SAMPLES = [
    "我們的軟體需要連接網路，請檢查預設值。",
    "資料庫與程式碼都放在伺服器上；請用滑鼠點擊螢幕上的「匯出為」按鈕。",
    "```js\nconst 軟體 = '網路';\n```\n這個程式的資訊安全很重要。",
]


def stream(text: str, target: Target, cuts: list[int]) -> tuple[str, list[str]]:
    conv = StreamingScriptConverter(target)
    parts: list[str] = []
    prev = 0
    for cut in [*cuts, len(text)]:
        parts.append(conv.feed(text[prev:cut]))
        prev = cut
    parts.append(conv.flush())
    return "".join(parts), parts


def raw_convert(text: str, target: Target) -> str:
    """Whole-text conversion straight through OpenCC and the fix-up table (no streaming)."""
    config = "s2hkp" if target is HK else "t2s"
    table = PhraseTable(HK_FIXUPS if target is HK else CN_FIXUPS)
    return table.apply(opencc.OpenCC(config).convert(text))


@pytest.mark.parametrize(("text", "target"), [(t, HK) for t in SIMPLIFIED_SAMPLES] +
                         [(t, CN) for t in TRADITIONAL_SAMPLES])
def test_every_two_chunk_split_equals_whole_text(text: str, target: Target) -> None:
    whole = convert_text(text, target)
    for i in range(len(text) + 1):
        got, _ = stream(text, target, [i])
        assert got == whole, f"split at {i}: {text[:i]!r} | {text[i:]!r}"


@pytest.mark.parametrize(("text", "target"), [(t, HK) for t in SIMPLIFIED_SAMPLES] +
                         [(t, CN) for t in TRADITIONAL_SAMPLES])
def test_random_token_splits_equal_whole_text(text: str, target: Target) -> None:
    whole = convert_text(text, target)
    rng = random.Random(len(text))
    for _ in range(50):
        cuts = sorted(rng.sample(range(len(text) + 1), k=min(len(text), rng.randint(1, 12))))
        got, _ = stream(text, target, cuts)
        assert got == whole


def test_one_character_at_a_time_is_append_only_and_exact() -> None:
    text = SIMPLIFIED_SAMPLES[4]
    conv = StreamingScriptConverter(HK)
    shown = ""
    for ch in text:
        shown += conv.feed(ch)
        # what is on screen is always a prefix of the final text: never retracted, never rewritten
        assert convert_text(text, HK).startswith(shown)
    shown += conv.flush()
    assert shown == convert_text(text, HK)


def test_prose_without_long_runs_matches_whole_text_opencc() -> None:
    # Samples without a 32+ character run: streaming equals one OpenCC call over the prose.
    prose = SIMPLIFIED_SAMPLES[:4]
    for text in prose:
        assert convert_text(text, HK) == raw_convert(text, HK)
    for text in TRADITIONAL_SAMPLES[:2]:
        assert convert_text(text, CN) == raw_convert(text, CN)


def test_phrase_spanning_a_token_boundary_converts_as_a_phrase() -> None:
    # 头发 must become 頭髮 (not 頭發) and 干燥 乾燥 (not 幹燥) even when the token splits the phrase.
    got, parts = stream("头发干燥", HK, [1, 3])
    assert got == "頭髮乾燥"
    assert parts[0] == ""  # nothing emitted while the phrase could still continue


def test_hk_vocabulary() -> None:
    cases = {
        "软件": "軟件",
        "网络": "網絡",
        "打印机": "打印機",
        "默认值": "預設值",
        "数据库": "資料庫",
        "大数据分析": "大數據分析",  # HK writes 數據 for numeric data
        "配置文件": "設定檔",
        "文件名": "檔案名稱",
        "这份文件": "這份文件",  # a document stays 文件
        "搜索": "搜尋",
        "信息科技": "資訊科技",
        "视频会议": "視像會議",
        "内存": "記憶體",
        "计算机": "電腦",
        "里面": "裏面",
        "软体": "軟件",  # Taiwan vocabulary in a Traditional answer
        "網路": "網絡",
        "列印": "打印",
    }
    for source, expected in cases.items():
        assert convert_text(source, HK) == expected, source


def test_cn_vocabulary_and_simplified_text_left_alone() -> None:
    cases = {
        "軟體": "软件",
        "網絡": "网络",
        "預設值": "默认值",
        "資料庫": "数据库",
        "檔案名稱": "文件名",
        "程式碼": "代码",
        "伺服器": "服务器",
        "頭髮": "头发",
    }
    for source, expected in cases.items():
        assert convert_text(source, CN) == expected, source
    simplified = "我们的软件需要连接网络，请检查默认设置和文件。档案馆在二楼。"
    assert convert_text(simplified, CN) == simplified


def test_code_blocks_and_inline_code_are_untouched() -> None:
    code = "```python\nsoftware = '软件'  # 数据 网络\n```\n"
    tilde = "~~~~\n里面 头发\n```\n还在代码里\n~~~~\n"
    text = "看这段：\n" + code + tilde + "用 `软件` 或 ``a ` 数据`` 表示。"
    out = convert_text(text, HK)
    assert code in out
    assert tilde in out
    assert "`软件`" in out and "``a ` 数据``" in out
    assert out.startswith("看這段：\n")
    assert out.endswith("表示。")


def test_unclosed_fence_keeps_the_rest_untouched() -> None:
    text = "说明：\n```\n软件 数据\n网络"
    assert convert_text(text, HK) == "説明：\n```\n软件 数据\n网络"


def test_fence_info_with_backtick_is_inline_code_not_a_fence() -> None:
    text = "```a`b```软件\n软件"
    assert convert_text(text, HK) == "```a`b```軟件\n軟件"


def test_unclosed_inline_code_ends_at_line_end() -> None:
    text = "这是 `软件\n软件"
    assert convert_text(text, HK) == "這是 `软件\n軟件"


def test_indented_fence_and_long_fence() -> None:
    text = "   ````sh\n   ```\n软件\n   ````\n软件"
    assert convert_text(text, HK) == "   ````sh\n   ```\n软件\n   ````\n軟件"


def test_splitter_classification_is_chunking_independent() -> None:
    text = SIMPLIFIED_SAMPLES[4] + "\n``x``y`z\n```\n`\n```\n"

    def classify(cuts: list[int]) -> list[bool]:
        sp = MarkdownSplitter()
        flags: list[bool] = []
        prev = 0
        for cut in [*cuts, len(text)]:
            for is_code, piece in sp.feed(text[prev:cut]):
                flags.extend([is_code] * len(piece))
            prev = cut
        for is_code, piece in sp.flush():
            flags.extend([is_code] * len(piece))
        return flags

    whole = classify([])
    assert len(whole) == len(text)
    for i in range(len(text) + 1):
        assert classify([i]) == whole


def test_long_run_is_cut_at_fixed_positions() -> None:
    text = "软" * (RUN_LIMIT * 2 + 5)
    conv = StreamingScriptConverter(HK)
    first = conv.feed(text[: RUN_LIMIT + 3])
    assert first == "軟" * RUN_LIMIT  # bounded latency: a long run does not stall the display
    assert first + conv.feed(text[RUN_LIMIT + 3:]) + conv.flush() == "軟" * len(text)


def test_fixup_keys_hold_only_joining_characters() -> None:
    with pytest.raises(ValueError):
        PhraseTable({"a b": "x"})
    for table in (HK_FIXUPS, CN_FIXUPS):
        PhraseTable(table)


def _dump(tool: Path, ocd2: Path, out: Path) -> list[str]:
    subprocess.run([str(tool), "-i", str(ocd2), "-o", str(out), "-f", "ocd2", "-t", "text"],
                   check=True, capture_output=True)
    return [line.split("\t", 1)[0] for line in out.read_text(encoding="utf-8").splitlines() if line]


def test_bundled_dictionary_keys_never_contain_a_boundary_character(tmp_path: Path) -> None:
    """The streaming cut rule rests on this property of the OpenCC dictionaries we use."""
    share = Path(opencc.__file__).parent / "clib" / "share" / "opencc"
    tool = Path(opencc.__file__).parent / "clib" / "bin" / "opencc_dict"
    if not tool.exists():
        tool_path = shutil.which("opencc_dict")
        if tool_path is None:
            pytest.skip("opencc_dict (ships with the Linux opencc wheel) is not available")
        tool = Path(tool_path)
    import json

    files: set[str] = set()

    def collect(node: object) -> None:
        if isinstance(node, dict):
            if node.get("type") == "ocd2":
                files.add(str(node["file"]))
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    for config in ("s2hkp", "t2s"):
        collect(json.loads((share / f"{config}.json").read_text(encoding="utf-8")))
    assert "STPhrases.ocd2" in files and "HKPhrases.ocd2" in files
    longest = 0
    for name in sorted(files):
        keys = _dump(tool, share / name, tmp_path / (name + ".txt"))
        assert keys, name
        for key in keys:
            bad = [ch for ch in key if not is_joining(ch)]
            assert not bad, f"{name}: key {key!r} contains {bad}"
            longest = max(longest, len(key))
    assert longest < RUN_LIMIT
