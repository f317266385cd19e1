"""Text shaping for the full-text index, so English and Chinese of any length are searchable.

SQLite's tokenizers cannot split Chinese into words (``trigram`` misses two-character words such
as 政策), so before indexing every run of CJK characters is rewritten as overlapping bigrams plus
its last character (政策研究 → ``政策 策研 研究 究``) and indexed with ``unicode61``. A query is
shaped the same way into an FTS5 phrase: two or more characters become consecutive bigrams,
one character becomes a prefix token. English is matched by word, the last word as a prefix.
The index holds only these tokens (the FTS tables are contentless); snippets are cut from the
real text in Python.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

_CJK_CHARS = (
    "\u3040-\u30ff"  # kana
    "\u3400-\u4dbf"  # CJK extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uf900-\ufaff"  # compatibility ideographs
    "\U00020000-\U0003134f"  # extensions B–G (HKSCS characters live here)
)
_CJK_RUN = re.compile(f"[{_CJK_CHARS}]+")
_PIECE = re.compile(f"[{_CJK_CHARS}]+|[^\\W_{_CJK_CHARS}]+")
_CJK_ONLY = re.compile(f"^[{_CJK_CHARS}]+$")


def _bigrams(run: str) -> str:
    if len(run) == 1:
        return run
    return " ".join(run[i : i + 2] for i in range(len(run) - 1)) + " " + run[-1]


def index_text(text: str | None) -> str:
    """The text as the index sees it: CJK runs become bigrams, everything else is kept."""
    if not text:
        return ""
    if not _CJK_RUN.search(text):
        return text
    return _CJK_RUN.sub(lambda m: f" {_bigrams(m.group())} ", text)


def _phrase_tokens(part: str) -> list[str]:
    """Tokens of one whitespace-free query part, in order; a trailing '*' marks a prefix token."""
    tokens: list[str] = []
    pieces = _PIECE.findall(part)
    for i, piece in enumerate(pieces):
        last = i == len(pieces) - 1
        if _CJK_ONLY.match(piece):
            if len(piece) == 1:
                tokens.append(piece + ("*" if last else ""))
            else:
                tokens.extend(piece[j : j + 2] for j in range(len(piece) - 1))
        else:
            tokens.append(piece.lower() + ("*" if last else ""))
    return tokens


def _fts_phrase(tokens: list[str], prefixes: bool = True) -> str:
    # FTS5 phrase: "a" + "b" + "c"* — each token quoted, so no user text is FTS syntax.
    quoted = []
    for tok in tokens:
        prefix = tok.endswith("*")
        body = tok[:-1] if prefix else tok
        quoted.append('"' + body.replace('"', '""') + '"' + ("*" if prefix and prefixes else ""))
    return " + ".join(quoted)


@dataclass(frozen=True)
class ParsedQuery:
    """An FTS5 MATCH expression and the literal strings to highlight in snippets.

    ``exact`` is the same expression with whole words instead of prefixes (None when ``match``
    has no prefix): a prefix query has to merge the posting lists of every word it covers, which
    costs time in proportion to all their matches, while a whole word is read newest-first.
    ``clauses`` mirrors the AND-ed parts for scoring outside FTS5: per part, its spellings, each
    as the casefolded pieces that must all occur (a prefix piece counts its longer words too).
    """

    match: str
    terms: tuple[str, ...]
    clauses: tuple[tuple[tuple[str, ...], ...], ...] = ()
    exact: str | None = None


def parse_query(query: str, variants: Callable[[str], Iterable[str]] | None = None) -> ParsedQuery | None:
    """Turn user text into a MATCH expression (parts AND-ed, each part's variants OR-ed).

    ``variants`` maps a part to alternative spellings (e.g. Simplified ↔ Traditional). Returns
    None when the query has nothing searchable.
    """
    clauses: list[str] = []
    exact_clauses: list[str] = []
    terms: list[str] = []
    needles: list[tuple[tuple[str, ...], ...]] = []
    for part in query.split():
        spellings = [part]
        if variants is not None:
            for v in variants(part):
                if v not in spellings:
                    spellings.append(v)
        phrases, exact_phrases = [], []
        spelled: list[tuple[str, ...]] = []
        for spelling in spellings:
            tokens = _phrase_tokens(spelling)
            if tokens:
                phrases.append(_fts_phrase(tokens))
                exact_phrases.append(_fts_phrase(tokens, prefixes=False))
                pieces = _PIECE.findall(spelling)
                terms.extend(p for p in pieces if p not in terms)
                spelled.append(tuple(p.casefold() for p in pieces))
        if phrases:
            clauses.append("(" + " OR ".join(dict.fromkeys(phrases)) + ")")
            exact_clauses.append("(" + " OR ".join(dict.fromkeys(exact_phrases)) + ")")
            needles.append(tuple(dict.fromkeys(spelled)))
    if not clauses:
        return None
    match, exact = " AND ".join(clauses), " AND ".join(exact_clauses)
    return ParsedQuery(match, tuple(terms), tuple(needles), None if exact == match else exact)


def make_snippet(text: str, terms: Iterable[str], *, width: int = 80) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A window of ``text`` around the first match and the (start, end) spans of matches in it."""
    folded = text.casefold()
    needles = sorted({t.casefold() for t in terms if t}, key=len, reverse=True)
    spans: list[tuple[int, int]] = []
    for needle in needles:
        start = folded.find(needle)
        while start != -1:
            end = start + len(needle)
            if not any(s < end and start < e for s, e in spans):
                spans.append((start, end))
            start = folded.find(needle, end)
    spans.sort()
    first = spans[0][0] if spans else 0
    lo = max(0, first - width // 3)
    hi = min(len(text), lo + width)
    lo = max(0, min(lo, hi - width))
    window = " ".join(text[lo:hi].split("\n"))
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(text) else ""
    shift = len(prefix) - lo
    inside = tuple((s + shift, min(e, hi) + shift) for s, e in spans if s >= lo and s < hi)
    return prefix + window + suffix, inside


def highlight(snippet: str, spans: Iterable[tuple[int, int]], start: str = "[", end: str = "]") -> str:
    """Insert markers around the spans (for terminals and plain text)."""
    out, pos = [], 0
    for s, e in spans:
        out.append(snippet[pos:s])
        out.append(start + snippet[s:e] + end)
        pos = e
    out.append(snippet[pos:])
    return "".join(out)
