"""IT terminology glossaries (issue 17 part 2): load CSV/TSV files, find their terms in a turn's
input, put the approved renderings into the system prompt, and check the reply used them.

A chat turn uses it like this::

    glossary = glossary_from_settings(settings)          # None when no glossary is configured
    terms = terms_for_turn(glossary, prompt_text, reply_language)
    block = terms.system_block()                         # "" when nothing matched
    system_prompt = f"{system_prompt}\\n\\n{block}" if block and system_prompt else block or system_prompt
    ...
    checks = terms.check(reply_text)                     # [TermCheck(term, expected, found)]
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from app.glossary.entries import GlossaryEntry, GlossaryError, GlossaryMatch, TermCheck
from app.glossary.index import GlossaryIndex
from app.glossary.loader import glossary_files, read_entries
from app.glossary.prompt import missing_terms, prompt_block, term_check
from app.glossary.turn import TurnTerms, detect_language, terms_for_turn
from app.typed_settings import get_str

#: A loaded glossary (one or more files): ``match(text, source_lang, target_lang)``.
Glossary = GlossaryIndex

DEFAULT_FOLDER_NAME = "glossary"


def load_glossary(locations: Path | Iterable[Path]) -> Glossary:
    """Load glossary files (or folders of them); ``GlossaryError`` with a one-line message."""
    paths = [locations] if isinstance(locations, Path) else list(locations)
    return GlossaryIndex(read_entries(paths))


def glossary_location(settings: Any) -> Path | None:
    """Where ``glossary.path`` points, or the admin folder's ``glossary`` folder when it is empty
    and that folder exists; None when there is no glossary."""
    configured = get_str(settings, "glossary.path")
    if configured:
        return Path(configured)
    from app.settings import sources

    folder = sources.admin_config_dir() / DEFAULT_FOLDER_NAME
    return folder if folder.is_dir() else None


_CACHE: dict[str, tuple[tuple[tuple[str, int, int], ...], Glossary]] = {}


def glossary_from_settings(settings: Any) -> Glossary | None:
    """The configured glossary, or None when none is configured (``GlossaryError`` if unusable).

    Indexing 10,000 entries takes about a second, so the result is kept and reused until a file
    of the glossary changes (name, size or modification time): call this once per turn freely."""
    location = glossary_location(settings)
    if location is None:
        return None
    files = glossary_files(location)
    try:
        stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)
    except OSError:
        stamp = ()
    cached = _CACHE.get(str(location))
    if cached is not None and stamp and cached[0] == stamp:
        return cached[1]
    glossary = load_glossary(location)
    _CACHE[str(location)] = (stamp, glossary)
    return glossary


__all__ = [
    "Glossary",
    "GlossaryEntry",
    "GlossaryError",
    "GlossaryMatch",
    "TermCheck",
    "TurnTerms",
    "detect_language",
    "glossary_from_settings",
    "glossary_location",
    "load_glossary",
    "missing_terms",
    "prompt_block",
    "term_check",
    "terms_for_turn",
]
