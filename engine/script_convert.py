"""Simplified ↔ Traditional conversion of streamed model output (OpenCC, no Qt).

DeepSeek models often answer a Traditional Chinese question in Simplified characters. For a
Hong Kong reader the reply is converted to HK Traditional with HK vocabulary (軟件, 網絡, 檔案 …);
for a Mainland reader a Traditional reply is converted to Simplified with Mainland vocabulary.

Streaming rules (why the converter looks the way it does):

* OpenCC segments text by forward maximum matching over phrase dictionaries, then converts each
  segment on its own. Every dictionary key consists only of CJK ideographs, ASCII letters, ``-``
  and ``·`` (checked against the bundled dictionaries in ``tests/i18n``), so no phrase can span any
  other character — a *hard boundary*. The converter emits text up to the last hard boundary it
  has seen and holds back the rest, so a phrase split across tokens (``软`` + ``件``) converts
  exactly as it would in one piece.
* A run of joining characters with no boundary is cut every ``RUN_LIMIT`` characters, counted from
  the start of the run. The cut positions depend only on the text, never on how it was chunked,
  so the streamed result always equals converting the whole text with :func:`convert_text`
  (a phrase straddling such a cut — only possible in a run of 32+ characters without any
  punctuation — is converted character by character).
* Output is append-only: nothing emitted is ever revised, so the UI never flickers.
* Fenced code blocks (```` ``` ```` / ``~~~``) and inline code spans pass through untouched; fences
  are tracked across chunks. An inline span left unclosed ends at the end of its line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import Enum
from functools import lru_cache
from typing import Protocol

RUN_LIMIT = 32  # longest OpenCC key is 15 characters; a clause of 32+ without punctuation is rare


class Target(Enum):
    """Script the reader wants."""

    HK_TRADITIONAL = "zh_HK"
    CN_SIMPLIFIED = "zh_CN"


class StreamFilter(Protocol):
    """What the chat worker drives per stream channel (content or reasoning)."""

    def feed(self, text: str) -> str: ...

    def flush(self) -> str: ...


# Applied after OpenCC ``s2hkp`` to its HK Traditional output (keys are as OpenCC writes them,
# e.g. HK glyph 户). Only phrases whose meaning is unambiguous in running text: 文件 becomes 檔案
# only in computer-file compounds, 數據 stays (HK writes 大數據, 數據分析) except 數據庫 → 資料庫,
# 設置 becomes 設定 only where it names software settings.
HK_FIXUPS: Mapping[str, str] = {
    # Mainland computing vocabulary
    "默認值": "預設值",
    "默認設置": "預設設定",
    "默認設定": "預設設定",
    "默認情況下": "預設情況下",
    "默認選項": "預設選項",
    "默認模型": "預設模型",
    "系統設置": "系統設定",
    "偏好設置": "偏好設定",
    "網絡設置": "網絡設定",
    "隱私設置": "私隱設定",
    "安全設置": "保安設定",
    "打開設置": "開啟設定",
    "設置頁面": "設定頁面",
    "文件名": "檔案名稱",
    "文件路徑": "檔案路徑",
    "文件格式": "檔案格式",
    "文件大小": "檔案大小",
    "文件系統": "檔案系統",
    "文件擴展名": "副檔名",
    "配置文件": "設定檔",
    "日誌文件": "記錄檔",
    "壓縮文件": "壓縮檔",
    "可執行文件": "執行檔",
    "文本文件": "文字檔",
    "臨時文件": "暫存檔",
    "上傳文件": "上載檔案",
    "下載文件": "下載檔案",
    "保存文件": "儲存檔案",
    "打開文件": "開啟檔案",
    "導出文件": "匯出檔案",
    "導入文件": "匯入檔案",
    "導出數據": "匯出資料",
    "導入數據": "匯入資料",
    "導出為": "匯出為",
    "文檔": "文件",
    "數據庫": "資料庫",
    "信息": "資訊",
    "信息科技": "資訊科技",
    "信息技術": "資訊科技",
    "信息安全": "資訊保安",
    "錯誤信息": "錯誤訊息",
    "提示信息": "提示訊息",
    "發信息": "發訊息",
    "短信": "短訊",
    "視頻": "影片",
    "視頻會議": "視像會議",
    "內存": "記憶體",
    "應用程序": "應用程式",
    "程序員": "程式員",
    "程序設計": "程式設計",
    "程序代碼": "程式碼",
    "源代碼": "原始碼",
    "計算機程序": "電腦程式",
    "計算機": "電腦",
    "登錄": "登入",
    "鏈接": "連結",
    "屏幕": "螢幕",
    "賬户": "帳户",
    "賬號": "帳號",
    "粘貼": "貼上",
    "用户界面": "用户介面",
    "圖形界面": "圖形介面",
    "出租車": "的士",
    "高質量": "高質素",
    # Taiwan vocabulary (a model answering in Traditional often writes it)
    "軟體": "軟件",
    "硬體": "硬件",
    "網路": "網絡",
    "網際網路": "互聯網",
    "列印": "打印",
    "印表機": "打印機",
    "部落格": "網誌",
    "數位": "數碼",
    "人工智慧": "人工智能",
    "資訊安全": "資訊保安",
}

# Applied after OpenCC ``t2s``: HK/Taiwan vocabulary (which Mainland text does not use in these
# senses) → Mainland terms. 檔案 alone means "archives" in Mainland usage, so only file compounds.
CN_FIXUPS: Mapping[str, str] = {
    "软体": "软件",
    "硬体": "硬件",
    "网路": "网络",
    "网际网路": "互联网",
    "列印": "打印",
    "印表机": "打印机",
    "预设值": "默认值",
    "预设为": "默认为",
    "预设设定": "默认设置",
    "预设模型": "默认模型",
    "预设情况下": "默认情况下",
    "档案名称": "文件名",
    "档案格式": "文件格式",
    "档案大小": "文件大小",
    "档案路径": "文件路径",
    "档案系统": "文件系统",
    "开启档案": "打开文件",
    "储存档案": "保存文件",
    "下载档案": "下载文件",
    "上载档案": "上传文件",
    "汇出为": "导出为",
    "汇出档案": "导出文件",
    "汇入档案": "导入文件",
    "汇出资料": "导出数据",
    "汇入资料": "导入数据",
    "资料夹": "文件夹",
    "资料库": "数据库",
    "记忆体": "内存",
    "伺服器": "服务器",
    "滑鼠": "鼠标",
    "程式": "程序",
    "程式码": "代码",
    "原始码": "源代码",
    "萤幕": "屏幕",
    "荧幕": "屏幕",
    "资讯": "信息",
    "资讯科技": "信息技术",
    "资讯保安": "信息安全",
    "计程车": "出租车",
    "部落格": "博客",
    "数位": "数字",
    "人工智慧": "人工智能",
    "上载": "上传",
    "登入": "登录",
    "帐户": "账户",
    "帐号": "账号",
    "贴上": "粘贴",
    "视像会议": "视频会议",
    "私隐": "隐私",
    "质素": "质量",
    "搜寻": "搜索",
}


def is_joining(ch: str) -> bool:
    """True when ``ch`` may occur inside an OpenCC dictionary key (so no cut may fall next to it)."""
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF  # CJK Unified Ideographs
        or 0x3400 <= o <= 0x4DBF  # Extension A
        or 0xF900 <= o <= 0xFAFF  # Compatibility Ideographs
        or o >= 0x20000  # Extensions B and later
        or o == 0x3007  # 〇
        or ("A" <= ch <= "Z")
        or ("a" <= ch <= "z")
        or ch in "-·"
    )


class PhraseTable:
    """Forward-maximum-matching replacement of whole phrases (keys made of joining characters)."""

    def __init__(self, table: Mapping[str, str]) -> None:
        for key in table:
            if not key or not all(is_joining(ch) for ch in key):
                raise ValueError(f"phrase key {key!r} holds a boundary character")
        self._table = dict(table)
        self._longest = max((len(k) for k in table), default=0)
        self._starts = frozenset(k[0] for k in table)

    def apply(self, text: str) -> str:
        if not self._table:
            return text
        out: list[str] = []
        i, n = 0, len(text)
        while i < n:
            if text[i] in self._starts:
                for length in range(min(self._longest, n - i), 0, -1):
                    hit = self._table.get(text[i:i + length])
                    if hit is not None:
                        out.append(hit)
                        i += length
                        break
                else:
                    out.append(text[i])
                    i += 1
            else:
                out.append(text[i])
                i += 1
        return "".join(out)


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


@lru_cache(maxsize=4)
def _opencc(config: str) -> _Converter:
    import opencc  # the wheel bundles its dictionaries; works offline

    converter: _Converter = opencc.OpenCC(config)
    return converter


_CONFIG = {Target.HK_TRADITIONAL: "s2hkp", Target.CN_SIMPLIFIED: "t2s"}
_FIXUPS = {Target.HK_TRADITIONAL: HK_FIXUPS, Target.CN_SIMPLIFIED: CN_FIXUPS}


class PieceConverter:
    """Converts one piece of prose that begins and ends at a cut (OpenCC, then the fix-up table)."""

    def __init__(self, target: Target) -> None:
        self.target = target
        self._opencc = _opencc(_CONFIG[target])
        self._fixups = PhraseTable(_FIXUPS[target])

    def convert(self, piece: str) -> str:
        if not piece:
            return ""
        return self._fixups.apply(self._opencc.convert(piece))


def _split_runs(text: str) -> list[str]:
    """Cut ``text`` (which starts at a run start or a RUN_LIMIT multiple) at the forced run cuts."""
    pieces: list[str] = []
    start = 0
    run = 0
    for i, ch in enumerate(text):
        if is_joining(ch):
            run += 1
            if run == RUN_LIMIT:
                pieces.append(text[start:i + 1])
                start = i + 1
                run = 0
        else:
            run = 0
    if start < len(text):
        pieces.append(text[start:])
    return pieces


class ProseStream:
    """Converts streamed prose, holding back only the tail after the last safe cut."""

    def __init__(self, converter: PieceConverter) -> None:
        self._converter = converter
        self._pending = ""  # starts at a run start or a forced cut

    def _convert(self, text: str) -> str:
        return "".join(self._converter.convert(p) for p in _split_runs(text))

    def feed(self, text: str) -> str:
        self._pending += text
        pending = self._pending
        cut = len(pending)
        while cut > 0 and is_joining(pending[cut - 1]):
            cut -= 1
        tail = len(pending) - cut  # joining run at the end, beginning at a safe point
        cut += tail - tail % RUN_LIMIT
        if cut == 0:
            return ""
        self._pending = pending[cut:]
        return self._convert(pending[:cut])

    def flush(self) -> str:
        pending, self._pending = self._pending, ""
        return self._convert(pending)


_FENCE_OPEN = re.compile(r" {0,3}(`{3,}|~{3,})(.*)")
_SPACES = re.compile(r" {0,3}")
_MAY_CLOSE = {c: re.compile(r" {0,3}(" + re.escape(c) + r"+[ \t]*)?") for c in "`~"}
_CLOSE = {c: re.compile(r" {0,3}(" + re.escape(c) + r"+)[ \t]*") for c in "`~"}


class MarkdownSplitter:
    """Splits streamed Markdown into ``(is_code, text)`` pieces, deciding only on known text.

    The same input always gives the same classification, however it is chunked: the splitter
    waits whenever a decision depends on characters not yet received (a backtick run at the end
    of the buffer, a line that might still become a fence).
    """

    def __init__(self) -> None:
        self._buf = ""
        self._fence: tuple[str, int] | None = None  # fence character and length while inside
        self._line_start = True  # the buffer begins at the start of a line
        self._inline = 0  # backticks that opened the current inline code span, 0 if none

    def feed(self, text: str) -> list[tuple[bool, str]]:
        self._buf += text
        return self._run(final=False)

    def flush(self) -> list[tuple[bool, str]]:
        out = self._run(final=True)
        if self._buf:
            out.append((self._fence is not None or self._inline > 0, self._buf))
            self._buf = ""
        return out

    def _run(self, final: bool) -> list[tuple[bool, str]]:
        out: list[tuple[bool, str]] = []
        while self._buf:
            step = self._step(final)
            if step is None:
                break
            is_code, length = step
            if length:
                out.append((is_code, self._buf[:length]))
                self._buf = self._buf[length:]
        return _merge(out)

    def _step(self, final: bool) -> tuple[bool, int] | None:
        """Classify a prefix of the buffer: ``(is_code, length)``; ``None`` means wait for more."""
        buf = self._buf
        nl = buf.find("\n")
        line = buf if nl < 0 else buf[:nl]
        line_len = len(buf) if nl < 0 else nl + 1  # including the newline
        if self._fence is not None:
            if self._line_start:
                if nl < 0 and not final and self._may_close(line):
                    return None
                if nl >= 0 and self._closes(line):
                    self._fence = None
                    return True, line_len
                if nl >= 0:
                    return True, line_len
                self._line_start = False
                return True, len(buf)
            if nl >= 0:
                self._line_start = True
                return True, line_len
            return True, len(buf)
        if self._line_start and self._inline == 0:
            spaces = _SPACES.match(line)
            indent = spaces.end() if spaces else 0
            rest = line[indent:]
            if nl < 0 and not final and (rest == "" or (set(rest) <= {"`"} or set(rest) <= {"~"})):
                return None  # blank so far, or a run of fence characters still growing
            m = _FENCE_OPEN.fullmatch(line)
            if m is not None:
                marker, info = m.group(1), m.group(2)
                if not (marker[0] == "`" and "`" in info):
                    if nl < 0 and not final:
                        return None  # wait for the whole opening line (its info string)
                    self._fence = (marker[0], len(marker))
                    return True, line_len
            self._line_start = False
            return False, 0
        if self._inline:
            return self._inline_step(buf, final)
        # prose within a line
        i = 0
        n = len(buf)
        while i < n and buf[i] not in "`\n":
            i += 1
        if i == n:
            return False, n
        if buf[i] == "\n":
            self._line_start = True
            return False, i + 1
        if i > 0:
            return False, i
        run = _run_length(buf, 0, "`")
        if run == n and not final:
            return None
        self._inline = run
        return True, run

    def _inline_step(self, buf: str, final: bool) -> tuple[bool, int] | None:
        i, n = 0, len(buf)
        while i < n:
            ch = buf[i]
            if ch == "\n":
                self._inline = 0  # an unclosed span ends with its line
                return True, i
            if ch == "`":
                run = _run_length(buf, i, "`")
                if i + run == n and not final:
                    return (True, i) if i else None
                if run == self._inline:
                    self._inline = 0
                return True, i + run
            i += 1
        return True, n

    def _may_close(self, line: str) -> bool:
        assert self._fence is not None
        char, _ = self._fence
        return _MAY_CLOSE[char].fullmatch(line) is not None

    def _closes(self, line: str) -> bool:
        assert self._fence is not None
        char, length = self._fence
        m = _CLOSE[char].fullmatch(line)
        return m is not None and len(m.group(1)) >= length


def _run_length(text: str, start: int, ch: str) -> int:
    end = start
    while end < len(text) and text[end] == ch:
        end += 1
    return end - start


def _merge(pieces: list[tuple[bool, str]]) -> list[tuple[bool, str]]:
    merged: list[tuple[bool, str]] = []
    for is_code, text in pieces:
        if merged and merged[-1][0] == is_code:
            merged[-1] = (is_code, merged[-1][1] + text)
        else:
            merged.append((is_code, text))
    return merged


class StreamingScriptConverter:
    """Append-only streaming conversion that leaves Markdown code untouched.

    ``feed(delta)`` returns the converted text that is now final; ``flush()`` returns the rest at
    the end of the stream. Use one instance per channel (content, reasoning).
    """

    def __init__(self, target: Target) -> None:
        self.target = target
        self._splitter = MarkdownSplitter()
        self._prose = ProseStream(PieceConverter(target))

    def _emit(self, pieces: list[tuple[bool, str]]) -> str:
        out: list[str] = []
        for is_code, text in pieces:
            if is_code:
                out.append(self._prose.flush())
                out.append(text)
            else:
                out.append(self._prose.feed(text))
        return "".join(out)

    def feed(self, text: str) -> str:
        return self._emit(self._splitter.feed(text))

    def flush(self) -> str:
        return self._emit(self._splitter.flush()) + self._prose.flush()


def convert_text(text: str, target: Target) -> str:
    """Convert a whole text exactly as the streaming converter would."""
    conv = StreamingScriptConverter(target)
    return conv.feed(text) + conv.flush()
