"""The glossary's record types: an approved entry, a match in an input, a term-check result."""

from __future__ import annotations

from dataclasses import dataclass

#: Languages a glossary has a column for (the order of the file's columns does not matter).
LANGUAGES: tuple[str, ...] = ("en", "zh_HK", "zh_CN")
CHINESE: tuple[str, ...] = ("zh_HK", "zh_CN")


class GlossaryError(ValueError):
    """A glossary file that cannot be used; the message is one translated line naming the file
    (and the line, where there is one)."""


@dataclass(frozen=True)
class GlossaryEntry:
    """One approved term in the three languages; an empty text means "no rendering given"."""

    en: str
    zh_HK: str
    zh_CN: str
    note: str = ""
    source: str = ""  # file name the entry came from
    line: int = 0  # line of that file

    def term(self, language: str) -> str:
        """The entry's text in ``language`` (``en``, ``zh_HK`` or ``zh_CN``)."""
        if language not in LANGUAGES:
            raise ValueError(f"unknown glossary language: {language!r}")
        text: str = getattr(self, language)
        return text


@dataclass(frozen=True)
class GlossaryMatch:
    """An entry whose source term appears in the input, with the rendering the reply must use."""

    entry: GlossaryEntry
    term: str  # the glossary's source term that was found
    expected: str  # the approved rendering in the target language


@dataclass(frozen=True)
class TermCheck:
    """Whether a reply uses the approved rendering of a matched term (``found`` False: missing)."""

    term: str
    expected: str
    found: bool

    def to_dict(self) -> dict[str, object]:
        """The ``terms`` item of ``bauhinia ask --json``: ``{term, expected, found}``."""
        return {"term": self.term, "expected": self.expected, "found": self.found}
