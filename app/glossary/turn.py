"""The two calls a chat turn makes: ``terms_for_turn`` before the model runs, ``TurnTerms.check``
after it answered."""

from __future__ import annotations

from dataclasses import dataclass

from app.glossary.entries import LANGUAGES, GlossaryMatch, TermCheck
from app.glossary.index import GlossaryIndex, to_simplified
from app.glossary.prompt import prompt_block, term_check


def detect_language(text: str) -> str:
    """``en``, ``zh_HK`` or ``zh_CN`` for an input: Chinese when at least a fifth of its letters are
    CJK ideographs, Traditional when converting it to Simplified changes it."""
    letters = [ch for ch in text if ch.isalpha()]
    cjk = [ch for ch in letters if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"]
    if not letters or len(cjk) * 5 < len(letters):
        return "en"
    sample = "".join(cjk[:2000])
    return "zh_HK" if to_simplified(sample) != sample else "zh_CN"


@dataclass(frozen=True)
class TurnTerms:
    """The glossary entries found in one turn's input and the language their renderings are in."""

    matches: tuple[GlossaryMatch, ...] = ()
    target_lang: str = "en"

    def system_block(self) -> str:
        """Text to append to the system prompt (``""`` when no term matched)."""
        return prompt_block(self.matches, self.target_lang)

    def check(self, reply: str) -> list[TermCheck]:
        """The term check shown under the reply and printed as ``terms`` by ``ask --json``."""
        return term_check(reply, self.matches, self.target_lang)


def terms_for_turn(glossary: GlossaryIndex | None, text: str, reply_language: str) -> TurnTerms:
    """Match ``text`` (the user's prompt, plus attachment text when wanted) against ``glossary``.

    The target is the ``reply.language`` in force (a preset's, or the setting's); with ``auto`` the
    reply is in the question's language, so the target is the detected input language. Any column
    of the glossary may match: a translation finds the source terms, a drafting turn the target
    ones (and so asks the model to keep the approved form).
    """
    target = reply_language if reply_language in LANGUAGES else detect_language(text)
    if glossary is None or not text:
        return TurnTerms((), target)
    return TurnTerms(tuple(glossary.match(text, None, target)), target)
