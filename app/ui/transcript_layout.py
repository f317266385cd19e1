"""Row geometry of the transcript: one height per message, offsets as prefix sums. No Qt here.

Each row keeps its own height and the width it was measured at (``UNMEASURED`` for an estimate);
``offsets[i]`` is the top of row ``i`` and ``offsets[-1]`` the total height. Changing the height of
the last row (the streaming reply) changes only the total, so it costs O(1); finding the row at a
y coordinate or the rows in a band is a bisection.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

UNMEASURED = -1


class RowLayout:
    """Heights, measured widths and prefix-sum offsets of a list of rows."""

    def __init__(self, heights: Iterable[int] = ()) -> None:
        self.heights: list[int] = []
        self.measured: list[int] = []  # width each height was measured at (UNMEASURED: estimate)
        self.offsets: list[int] = [0]
        self.reset(heights)

    def __len__(self) -> int:
        return len(self.heights)

    @property
    def total(self) -> int:
        return self.offsets[-1]

    def top(self, i: int) -> int:
        return self.offsets[i]

    def bottom(self, i: int) -> int:
        return self.offsets[i + 1]

    # -- changing rows -------------------------------------------------------------------------
    def reset(self, heights: Iterable[int]) -> None:
        """All rows anew, every height an estimate."""
        self.heights = list(heights)
        self.measured = [UNMEASURED] * len(self.heights)
        self._rebuild(0)

    def insert(self, index: int, heights: Iterable[int]) -> None:
        """Rows (estimates) inserted before ``index`` (0: older messages arriving above)."""
        added = list(heights)
        self.heights[index:index] = added
        self.measured[index:index] = [UNMEASURED] * len(added)
        self._rebuild(index)

    def append(self, height: int) -> None:
        self.heights.append(height)
        self.measured.append(UNMEASURED)
        self.offsets.append(self.offsets[-1] + height)

    def truncate(self, keep: int) -> None:
        """Keep the first ``keep`` rows."""
        del self.heights[keep:]
        del self.measured[keep:]
        del self.offsets[keep + 1:]

    def set_height(self, i: int, height: int) -> None:
        old = self.heights[i]
        if old == height:
            return
        self.heights[i] = height
        if i == len(self.heights) - 1:
            self.offsets[-1] += height - old  # the streaming row: O(1)
        else:
            self._rebuild(i)

    def set_measured(self, i: int, height: int, width: int) -> None:
        """Row ``i`` laid out at ``width`` is ``height`` tall."""
        self.measured[i] = width
        self.set_height(i, height)

    def forget_measurements(self) -> None:
        """Every row must be measured again (fonts, colours or language changed)."""
        self.measured = [UNMEASURED] * len(self.heights)

    def needs_measure(self, i: int, width: int) -> bool:
        return self.measured[i] != width

    def _rebuild(self, start: int) -> None:
        del self.offsets[start + 1:]
        total = self.offsets[start]
        for h in self.heights[start:]:
            total += h
            self.offsets.append(total)

    # -- finding rows --------------------------------------------------------------------------
    def row_at(self, y: int) -> int:
        """The row containing content coordinate ``y``; -1 above the first or below the last."""
        i = bisect.bisect_right(self.offsets, y) - 1
        return i if 0 <= i < len(self.heights) else -1

    def rows_in(self, top: int, bottom: int) -> range:
        """Every row that intersects the band ``[top, bottom)``: from the one holding ``top``
        through the last one starting before ``bottom``, plus one row of slack after it."""
        n = len(self.heights)
        if not n:
            return range(0)
        first = max(0, bisect.bisect_right(self.offsets, top) - 1)
        last = min(n, bisect.bisect_left(self.offsets, bottom) + 1)
        return range(first, last)
