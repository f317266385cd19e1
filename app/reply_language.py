"""The ``reply.language`` setting → the default system prompt and the script conversion applied.

Choices: ``auto`` (answer in the language of the question, writing Chinese in the script of the
interface language), ``en``, ``zh_HK`` (繁體中文（香港）) or ``zh_CN`` (简体中文). The prompt asks
for the language; conversion makes sure of the script, because DeepSeek models often answer a
Traditional question in Simplified. The chat worker calls :func:`make_reply_filter` once per
stream channel and passes ContentDelta/ReasoningDelta text through ``feed``/``flush``; the history
keeps both the model's raw text and the converted text that was shown.
"""

from __future__ import annotations

from engine.script_convert import StreamFilter, StreamingScriptConverter, Target

REPLY_CHOICES: tuple[str, ...] = ("auto", "en", "zh_HK", "zh_CN")

# Prompts are written in the language they ask for: models follow a prompt in the target
# language more reliably than an English instruction to switch.
_PROMPTS = {
    "en": ("You are Bauhinia, an offline assistant for Hong Kong government staff. "
           "Answer in clear British English."),
    "zh_HK": ("你是紫荊助手，為香港政府人員而設的離線助理。請一律以繁體中文（香港）回答，"
              "使用香港慣用詞彙，例如軟件、網絡、資料、檔案、打印、設定、預設。"),
    "zh_CN": ("你是紫荆助手，为香港政府工作人员提供服务的离线助手。请一律使用简体中文回答，"
              "采用内地通行的用语，例如软件、网络、数据、文件、打印、设置、默认。"),
}
_AUTO_PROMPTS = {
    "en": ("You are Bauhinia, an offline assistant for Hong Kong government staff. "
           "Answer in the language of the user's question."),
    "zh_HK": ("你是紫荊助手，為香港政府人員而設的離線助理。請以用戶提問的語言回答；"
              "以中文回答時，請用繁體中文（香港）及香港慣用詞彙。"),
    "zh_CN": ("你是紫荆助手，为香港政府工作人员提供服务的离线助手。请使用用户提问的语言回答；"
              "使用中文回答时，请用简体中文及内地通行用语。"),
}
_TARGETS = {"zh_HK": Target.HK_TRADITIONAL, "zh_CN": Target.CN_SIMPLIFIED}


def _ui(ui_language: str) -> str:
    return ui_language if ui_language in _PROMPTS else "en"


def reply_language(setting: str, ui_language: str) -> str:
    """The language replies are asked for: the setting, or for ``auto`` the interface language."""
    return setting if setting in _PROMPTS else _ui(ui_language)


def default_system_prompt(setting: str, ui_language: str) -> str:
    """The system prompt used when neither the user nor the catalogue gives one."""
    if setting in _PROMPTS:
        return _PROMPTS[setting]
    return _AUTO_PROMPTS[_ui(ui_language)]


def reply_target(setting: str, ui_language: str) -> Target | None:
    """The script replies are converted to, or ``None`` when the text is shown as written."""
    return _TARGETS.get(reply_language(setting, ui_language))


def make_reply_filter(setting: str, ui_language: str) -> StreamFilter | None:
    """A fresh streaming converter for one channel of one reply, or ``None`` (show as written).

    ``auto`` converts too: under an HK interface, Chinese written in Simplified becomes HK
    Traditional; English passes through the converter unchanged.
    """
    target = reply_target(setting, ui_language)
    return None if target is None else StreamingScriptConverter(target)


class ReplyTexts:
    """Both texts of one streamed reply: what the model wrote and what was shown."""

    def __init__(self, setting: str, ui_language: str) -> None:
        self._content = make_reply_filter(setting, ui_language)
        self._reasoning = make_reply_filter(setting, ui_language)
        # Pieces, joined on read: appending to a str attribute copies the whole reply per token.
        self._raw_c: list[str] = []
        self._raw_r: list[str] = []
        self._shown_c: list[str] = []
        self._shown_r: list[str] = []

    @property
    def raw_content(self) -> str:
        return "".join(self._raw_c)

    @property
    def raw_reasoning(self) -> str:
        return "".join(self._raw_r)

    @property
    def shown_content(self) -> str:
        return "".join(self._shown_c)

    @property
    def shown_reasoning(self) -> str:
        return "".join(self._shown_r)

    @property
    def converts(self) -> bool:
        return self._content is not None

    def content(self, delta: str) -> str:
        """Feed a ContentDelta; returns the text to display now (possibly empty)."""
        self._raw_c.append(delta)
        shown = delta if self._content is None else self._content.feed(delta)
        self._shown_c.append(shown)
        return shown

    def reasoning(self, delta: str) -> str:
        """Feed a ReasoningDelta; returns the text to display now (possibly empty)."""
        self._raw_r.append(delta)
        shown = delta if self._reasoning is None else self._reasoning.feed(delta)
        self._shown_r.append(shown)
        return shown

    def finish(self) -> tuple[str, str]:
        """End of stream (finished, cancelled or failed): the held-back tails of content and reasoning."""
        tail_c = "" if self._content is None else self._content.flush()
        tail_r = "" if self._reasoning is None else self._reasoning.flush()
        self._shown_c.append(tail_c)
        self._shown_r.append(tail_r)
        return tail_c, tail_r
