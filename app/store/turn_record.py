"""What a reply was made with, kept beside it (schema v5): sampling, term check, citations.

The columns hold JSON text; these functions are the only writers and readers. Writers take the
domain's own objects (``engine.types.SamplingParams``, ``app.glossary.TermCheck``,
``app.documents.retrieval.Source``) or plain mappings, so the store imports neither. Readers never
fail: a value that does not decode reads as "nothing recorded".

Citations keep the file, the page and the excerpt the model was given (at most
:data:`MAX_EXCERPT_CHARS` each), so a reopened reply still shows what it was answered from; the
history is encrypted like everything else in it.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

Scalar = str | int | float | bool | None
#: The sampling a reply used, as ``(name, value)`` pairs in the order they were given.
Sampling = tuple[tuple[str, Scalar], ...]


@dataclass(frozen=True)
class StoredTerm:
    """One line of a reply's term check (``found`` False: the approved rendering is missing)."""

    term: str
    expected: str
    found: bool

    def to_dict(self) -> dict[str, object]:
        return {"term": self.term, "expected": self.expected, "found": self.found}


#: An excerpt longer than this is cut (a passage is about 300 tokens; a whole attached page may be long).
MAX_EXCERPT_CHARS = 4000


@dataclass(frozen=True)
class StoredCitation:
    """A numbered source a reply was given (its number is its position, from 1). Two citations
    of the same file and page are the same source, whatever their excerpts."""

    file: str
    page: int | None
    text: str = field(default="", compare=False)

    def to_dict(self) -> dict[str, object]:
        return {"file": self.file, "page": self.page, "text": self.text}


def _fields(item: Any) -> Mapping[str, Any]:
    if isinstance(item, Mapping):
        return item
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return {f.name: getattr(item, f.name) for f in dataclasses.fields(item)}
    found: dict[str, Any] = vars(item)
    return found


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def encode_sampling(params: Any) -> str | None:
    """``SamplingParams`` (or a mapping) → JSON; scalar fields only; None for None."""
    if params is None:
        return None
    pairs = {str(k): v for k, v in _fields(params).items() if v is None or isinstance(v, str | int | float | bool)}
    return _dump(pairs) if pairs else None


def encode_terms(checks: Iterable[Any] | None) -> str | None:
    """Term-check items (``term``, ``expected``, ``found``) → JSON; None when there are none."""
    items = [_fields(c) for c in checks or ()]
    if not items:
        return None
    return _dump([{"term": str(i["term"]), "expected": str(i["expected"]), "found": bool(i["found"])}
                  for i in items])


def encode_citations(sources: Iterable[Any] | None) -> str | None:
    """Numbered sources (``file``, ``page``, ``text`` cut to :data:`MAX_EXCERPT_CHARS`) → JSON;
    None when none."""
    items = [_fields(s) for s in sources or ()]
    if not items:
        return None
    return _dump([{"file": str(i["file"]), "page": _page(i.get("page")),
                   "text": str(i.get("text") or "")[:MAX_EXCERPT_CHARS]} for i in items])


def _page(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def _load(text: str | None) -> Any:
    if not text:
        return None
    try:
        return json.loads(text)
    except (ValueError, TypeError):
        return None


def decode_sampling(text: str | None) -> Sampling:
    data = _load(text)
    if not isinstance(data, dict):
        return ()
    return tuple((str(k), v) for k, v in data.items() if v is None or isinstance(v, str | int | float | bool))


def decode_terms(text: str | None) -> tuple[StoredTerm, ...]:
    data = _load(text)
    if not isinstance(data, list):
        return ()
    return tuple(StoredTerm(str(i["term"]), str(i["expected"]), bool(i["found"]))
                 for i in data if isinstance(i, dict) and {"term", "expected", "found"} <= i.keys())


def decode_citations(text: str | None) -> tuple[StoredCitation, ...]:
    data = _load(text)
    if not isinstance(data, list):
        return ()
    return tuple(StoredCitation(str(i["file"]), _page(i.get("page")), _excerpt(i.get("text")))
                 for i in data if isinstance(i, dict) and "file" in i)


def _excerpt(value: Any) -> str:
    return value[:MAX_EXCERPT_CHARS] if isinstance(value, str) else ""


def turn_columns(sampling: Any = None, term_check: Iterable[Any] | None = None,
                 citations: Iterable[Any] | None = None) -> dict[str, str | None]:
    """The three v5 columns' values for a reply, ready for an insert or update."""
    return {"sampling": encode_sampling(sampling), "term_check": encode_terms(term_check),
            "citations": encode_citations(citations)}
