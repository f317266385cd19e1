from engine.kvcache import KVSnapshot, KVSnapshotCache


def snap(n: int) -> KVSnapshot:
    return KVSnapshot(tokens=(1, 2), state=b"x" * n)


def test_lru_eviction_respects_budget() -> None:
    cache = KVSnapshotCache(budget_bytes=300)
    assert cache.put("a", snap(100)) and cache.put("b", snap(100))
    assert cache.get("a") is not None  # a becomes most recent
    cache.put("c", snap(100))
    assert "b" not in cache and "a" in cache and "c" in cache
    assert cache.used_bytes <= 300


def test_oversized_snapshot_is_refused() -> None:
    cache = KVSnapshotCache(budget_bytes=50)
    assert not cache.put("a", snap(100))
    assert len(cache) == 0 and cache.used_bytes == 0


def test_replace_updates_accounting() -> None:
    cache = KVSnapshotCache(budget_bytes=1000)
    cache.put("a", snap(100))
    cache.put("a", snap(200))
    assert len(cache) == 1 and cache.used_bytes == 208


def test_zero_budget_disables() -> None:
    cache = KVSnapshotCache(budget_bytes=0)
    assert not cache.put("a", snap(1))
