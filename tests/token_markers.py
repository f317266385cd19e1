"""Prompt markers that stand for given token ids (prompt-lookup tests): the benchmark's own
helpers (:mod:`engine.bench_lookup`), so the tests and ``bauhinia bench`` build prompts alike."""

from engine.bench_lookup import reply_ids, with_markers

__all__ = ["reply_ids", "with_markers"]
