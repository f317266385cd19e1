"""Reciprocal rank fusion: one ranking from several (BM25 and vectors), by rank alone.

A passage scores ``sum(1 / (k + rank))`` over the lists it is in (rank from 1), so scores on
different scales (BM25, cosine) need no calibration; ``k = 60`` as in Cormack et al. (2009).
Ties keep the order of the first list, then the next.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TypeVar

K = 60
T = TypeVar("T", bound=Hashable)


def reciprocal_rank_fusion(rankings: Sequence[Sequence[T]], *, k: int = K,
                           limit: int | None = None) -> list[tuple[T, float]]:
    """Items of ``rankings`` (each best first) by fused score, best first, with the score."""
    scores: dict[T, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, 1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    fused = sorted(scores.items(), key=lambda pair: -pair[1])  # stable: first-seen order on ties
    return fused if limit is None else fused[:limit]
