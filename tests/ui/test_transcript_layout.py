"""The transcript's row geometry (``RowLayout``) against a naive reference, and without Qt."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from app.ui.transcript_layout import UNMEASURED, RowLayout

ROOT = Path(__file__).resolve().parent.parent.parent


class NaiveRows:
    """The obvious, slow implementation: a list of heights, everything recomputed by summing."""

    def __init__(self) -> None:
        self.heights: list[int] = []

    def top(self, i: int) -> int:
        return sum(self.heights[:i])

    def row_at(self, y: int) -> int:
        acc = 0
        for i, h in enumerate(self.heights):
            if acc <= y < acc + h:
                return i
            acc += h
        return -1

    def intersecting(self, top: int, bottom: int) -> set[int]:
        return {i for i, h in enumerate(self.heights)
                if h > 0 and self.top(i) < bottom and self.top(i) + h > top}


def _agree(rows: RowLayout, ref: NaiveRows, rng: random.Random) -> None:
    n = len(ref.heights)
    assert len(rows) == n and rows.heights == ref.heights and len(rows.measured) == n
    assert rows.offsets == [ref.top(i) for i in range(n + 1)]
    assert rows.total == sum(ref.heights)
    for i in range(n):
        assert rows.top(i) == ref.top(i) and rows.bottom(i) == ref.top(i + 1)
    total = rows.total
    probes = {-5, -1, 0, total - 1, total, total + 7, *(rng.randrange(-3, total + 4) for _ in range(20))}
    probes |= set(rows.offsets) | {o - 1 for o in rows.offsets}
    for y in probes:
        assert rows.row_at(y) == ref.row_at(y), y
    for _ in range(10):
        top = rng.randrange(-10, total + 10)
        bottom = top + rng.randrange(1, 400)
        band = rows.rows_in(top, bottom)
        # Every row that intersects the band is in the range (the range may hold one more row
        # on either side, never a gap).
        assert ref.intersecting(top, bottom) <= set(band), (top, bottom, band)
        assert band.step == 1 and band.start >= 0 and band.stop <= n


@pytest.mark.parametrize("seed", range(8))
def test_random_edits_match_the_naive_reference(seed: int) -> None:
    rng = random.Random(seed)
    rows = RowLayout()
    ref = NaiveRows()
    for _ in range(250):
        op = rng.choice(("append", "append", "insert", "truncate", "resize", "resize_last", "reset"))
        n = len(ref.heights)
        if op == "append":
            h = rng.randrange(0, 300)
            rows.append(h)
            ref.heights.append(h)
        elif op == "insert":
            at = rng.randrange(0, n + 1)
            added = [rng.randrange(1, 300) for _ in range(rng.randrange(0, 6))]
            rows.insert(at, added)
            ref.heights[at:at] = added
        elif op == "truncate":
            keep = rng.randrange(0, n + 1)
            rows.truncate(keep)
            del ref.heights[keep:]
        elif op in ("resize", "resize_last") and n:
            i = n - 1 if op == "resize_last" else rng.randrange(n)
            h = rng.randrange(0, 500)
            width = rng.randrange(100, 900)
            rows.set_measured(i, h, width)
            ref.heights[i] = h
            assert not rows.needs_measure(i, width) and rows.needs_measure(i, width + 1)
        elif op == "reset" and rng.random() < 0.1:
            ref.heights = [rng.randrange(1, 300) for _ in range(rng.randrange(0, 40))]
            rows.reset(ref.heights)
            assert rows.measured == [UNMEASURED] * len(ref.heights)
        _agree(rows, ref, rng)


def test_inserted_and_appended_rows_are_estimates_until_measured() -> None:
    rows = RowLayout([10, 20, 30])
    rows.set_measured(1, 25, 400)
    rows.insert(0, [5, 5])
    rows.append(40)
    assert rows.measured == [UNMEASURED, UNMEASURED, UNMEASURED, 400, UNMEASURED, UNMEASURED]
    assert rows.heights == [5, 5, 10, 25, 30, 40] and rows.total == 115
    rows.forget_measurements()
    assert all(rows.needs_measure(i, 400) for i in range(len(rows)))
    rows.truncate(2)
    assert rows.heights == [5, 5] and rows.offsets == [0, 5, 10] and rows.measured == [UNMEASURED] * 2


def test_resizing_the_last_row_changes_only_the_total() -> None:
    rows = RowLayout([10, 20, 30])
    offsets = rows.offsets
    before = offsets[:-1]
    rows.set_height(2, 100)
    assert rows.offsets is offsets and offsets[:-1] == before and rows.total == 130
    rows.set_height(0, 1)
    assert rows.offsets == [0, 1, 21, 121]


def test_hit_testing_at_row_boundaries() -> None:
    rows = RowLayout([10, 0, 20])
    assert [rows.row_at(y) for y in (-1, 0, 9, 10, 29, 30)] == [-1, 0, 0, 2, 2, -1]
    assert RowLayout().row_at(0) == -1 and RowLayout().rows_in(0, 100) == range(0)
    assert 0 in rows.rows_in(0, 5) and 2 not in rows.rows_in(0, 5)
    assert set(rows.rows_in(12, 15)) >= {2}


def test_layout_and_message_html_import_no_qt() -> None:
    """The Qt-free parts stay Qt-free (a fresh interpreter, so nothing else loaded Qt first)."""
    code = ("import sys, app.ui.transcript_layout, app.ui.message_html; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
