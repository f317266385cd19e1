"""Prompt-lookup drafting: guess the next tokens by finding the current n-gram earlier in the
prompt (attachments included: they are prompt tokens) or in the reply so far (issue 16 part 2).

Copy-heavy replies (rewrite this memo, keep these names, quote the circular) repeat spans of the
prompt. When the last ``n`` tokens (``n`` from ``max_ngram`` down to ``min_ngram``) occurred
before, the tokens that followed their most recent earlier occurrence are proposed as a draft;
the session verifies a draft in one ``llama_decode`` batch (decode is memory-bound, so a batch of
a few tokens costs little more than one) and keeps the longest prefix the sampler agrees with.

This module is pure (no llama.cpp, no clock):

* an index maps every n-gram that has a following token to the position right after its most
  recent occurrence; appending a token updates it in O(max_ngram) dict operations, so lookups cost
  microseconds whatever the prompt length; the prompt is indexed lazily, on the first lookup (after
  the first token is shown, so time to first token does not pay for it);
* the draft length ``k`` adapts: a fully accepted draft grows it (up to ``k_max``), a partly
  accepted one sets it to what was accepted plus one, a rejected one halves it;
* consecutive fully rejected drafts back off: after ``f`` of them no draft is proposed for
  ``2**(f-1)`` tokens (capped at ``max_cooldown``); any accepted token resets this. Free
  generation thus pays for a few short failed drafts and then almost none (one per
  ``max_cooldown`` tokens at worst), so idle decode speed is kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class LookupTuning:
    max_ngram: int = 3
    min_ngram: int = 2
    k_start: int = 4
    k_min: int = 1
    k_max: int = 8
    max_cooldown: int = 64


DEFAULT_LOOKUP = LookupTuning()


class PromptLookup:
    """Drafts for one turn: built from the prompt tokens, fed every accepted reply token."""

    def __init__(self, prompt: Sequence[int], tuning: LookupTuning = DEFAULT_LOOKUP) -> None:
        if not 1 <= tuning.min_ngram <= tuning.max_ngram or not 1 <= tuning.k_min <= tuning.k_max:
            raise ValueError("prompt lookup needs 1 <= min_ngram <= max_ngram and 1 <= k_min <= k_max")
        self.tuning = tuning
        self.k = max(tuning.k_min, min(tuning.k_start, tuning.k_max))
        self.proposed = 0
        self.accepted = 0
        self._tokens: list[int] = [int(t) for t in prompt]
        # n-gram (a tuple of n tokens) -> index of the token that followed its latest occurrence.
        self._next: dict[tuple[int, ...], int] = {}
        self._indexed = 0  # n-grams ending before this position are in the index
        self._failures = 0
        self._cooldown = 0

    def push(self, token: int) -> None:
        """The reply went on with ``token``."""
        self._tokens.append(token)

    def _index(self) -> None:
        tokens = self._tokens
        nxt = self._next
        top = self.tuning.max_ngram
        lo = self.tuning.min_ngram
        # Every n-gram that ends at ``end`` and has a following token (end < len - 1).
        for end in range(self._indexed, len(tokens) - 1):
            for n in range(lo, top + 1):
                start = end - n + 1
                if start < 0:
                    break
                nxt[tuple(tokens[start : end + 1])] = end + 1
        self._indexed = max(self._indexed, len(tokens) - 1)

    def propose(self, limit: int) -> list[int]:
        """Up to ``min(k, limit)`` tokens that may follow; empty when there is no earlier
        occurrence, while backing off, or when ``limit`` < 1."""
        if limit < 1:
            return []
        if self._cooldown:
            self._cooldown -= 1
            return []
        self._index()
        tokens = self._tokens
        size = len(tokens)
        want = min(self.k, limit)
        for n in range(self.tuning.max_ngram, self.tuning.min_ngram - 1, -1):
            if n > size:
                continue
            at = self._next.get(tuple(tokens[size - n :]))
            if at is not None:
                return tokens[at : at + want]
        return []

    def feedback(self, proposed: int, accepted: int) -> None:
        """How a proposed draft fared: ``accepted`` of its first tokens matched the sampler."""
        t = self.tuning
        self.proposed += proposed
        self.accepted += accepted
        if accepted >= proposed:
            self.k = min(t.k_max, self.k + 2)
        elif accepted:
            self.k = max(t.k_min, min(t.k_max, accepted + 1))
        else:
            self.k = max(t.k_min, self.k // 2)
        if accepted:
            self._failures = 0
            return
        self._failures += 1
        self._cooldown = min(t.max_cooldown, 1 << min(self._failures - 1, 30))


__all__ = ["DEFAULT_LOOKUP", "LookupTuning", "PromptLookup"]
