"""How many CPU threads to decode with, decided from measured per-token times (issue 16).

llama.cpp's CPU threads meet at spinning barriers. When other programs keep a core busy, one of
our threads is descheduled and the others spin waiting for it: 2 threads on a 2-core PC with one
busy competitor decode at 1-4 tok/s where 1 thread gives 10 (DESIGN §5, measured 2026-11-30).
Nothing but measurement tells which count is faster right now, so this controller hill-climbs:

1. **base**: median time of ``window`` samples at the current count;
2. **probe**: one fewer thread (or one more when already at the floor, or when fewer was not
   faster); a probe is kept only if its median beats the base by ``margin``, and then the next
   count in the same direction is probed; otherwise the controller reverts and settles;
3. **settled**: the second block of ``watch`` samples after settling sets the base (the tokens
   right after a switch run slow for ~8 tokens: parked OpenMP workers still spin, so a probe's
   median and the first block overstate the steady time); then the median of each block is compared
   with the base; only a sustained change (by more than ``drift``) starts a new probe: slower →
   probe fewer threads, faster for two blocks running → probe more. Below the ceiling a free core
   is invisible in the timings (1 thread runs just as fast with or without a competitor on the
   other core), so the controller also probes one more thread every ``recheck`` samples, doubling
   that interval after each probe that fails.

**A load reading** (optional, :mod:`engine.cpu_load`: how many cores other programs leave free)
makes the costly mistakes unnecessary. :meth:`begin`, called when a prompt or a reply starts,
moves to the count the free cores allow (all of them when idle, 1 when every core is taken) and,
when that differs from the count in force or nothing was measured yet, measures afresh from there
(a count that still fits the load is kept, with what was learnt at it). A probe of *more* threads
is made only when a core is free for the extra thread: measured on 2 cores with 2 busy
competitors, such a probe costs ~4 tokens at 150-600 ms each against 40-70 ms at 1 thread, most
of a short reply's time. Probes of fewer threads stay timing-only: they are cheap, and they find
what no load reading shows (a PC whose extra threads do not pay even when idle).

The first settle takes ``window + (skip + window) × (steps + 1)`` samples at most; with the
defaults and up to 8 threads that is ≤ 31 samples, so the count settles within 32 tokens.

It is pure: no llama.cpp, no clock, no OS reading of its own (the load reading is passed in,
and taken only at :meth:`begin` and before a probe of more threads). The caller measures (one
``perf_counter`` around each decode) and applies the count ``observe`` returns. While settled,
``observe`` costs one append and one length check per sample; a median every ``watch`` samples.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from engine.cpu_load import FreeCores

_BASE, _PROBE, _SETTLED = 0, 1, 2


def _median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


@dataclass(frozen=True)
class Tuning:
    """Sample counts and thresholds. ``skip``: samples ignored right after a change (the first
    compute after a change pays for waking or parking threads)."""

    window: int = 3
    skip: int = 1
    watch: int = 8
    margin: float = 0.05
    drift: float = 0.3
    recheck: int = 128
    recheck_max: int = 4096


DECODE_TUNING = Tuning()
# Prompt batches are long (hundreds of tokens each): one batch is a sample, and there are few.
BATCH_TUNING = Tuning(window=1, skip=0, watch=3, recheck=8, recheck_max=256)


class ThreadController:
    """Chooses a thread count in ``lo … hi`` from per-unit times fed to :meth:`observe`."""

    def __init__(self, start: int, lo: int = 1, hi: int | None = None, tuning: Tuning = DECODE_TUNING,
                 free_cores: FreeCores | None = None) -> None:
        top = start if hi is None else hi
        if lo < 1 or top < lo:
            raise ValueError(f"thread bounds must satisfy 1 <= lo <= hi (got {lo}, {top})")
        self.lo = lo
        self.hi = top
        self.tuning = tuning
        self.threads = max(lo, min(start, top))
        self.observed = 0
        self.changes = 0
        self.settled_at: int | None = None
        self.first_settled_at: int | None = None
        self._phase = _BASE
        self._buf: list[float] = []
        self._skip_left = 0
        self._base = 0.0
        self._candidate = 0
        self._direction = 0
        self._tried_other = False
        self._moved = False
        self._rechecking = False
        self._recheck = tuning.recheck
        self._since_settle = 0
        self._calibrating = 0
        self._faster_blocks = 0
        self._free_cores = free_cores

    @property
    def settled(self) -> bool:
        return self._phase == _SETTLED

    @property
    def in_effect(self) -> int:
        """The count the caller should be running with now (the candidate while probing)."""
        return self._candidate if self._phase == _PROBE else self.threads

    def begin(self) -> int:
        """A prompt or a reply starts. With a load reading, run at the count the free cores allow
        (within ``lo … hi``); if that differs from the count in force, or nothing was measured
        yet, measure afresh from it (base, then the usual probes, more threads only into a free
        core). Returns the count to switch to, or 0 to keep the current one."""
        free = self._read_free()
        if free is None:
            return 0
        target = max(self.lo, min(self.hi, free))
        if target == self.threads and self.observed:
            return 0
        changed = target != self.in_effect
        self.threads = target
        self._phase = _BASE
        self._buf.clear()
        self._skip_left = self.tuning.skip if changed else 0
        self._recheck = self.tuning.recheck
        if changed:
            self.changes += 1
            return target
        return 0

    def _read_free(self) -> int | None:
        return None if self._free_cores is None else self._free_cores()

    def _room_for(self, candidate: int) -> bool:
        """Whether a probe of ``candidate`` threads has a core for each (True where unknown)."""
        free = self._read_free()
        return free is None or candidate <= free

    def observe(self, seconds: float) -> int:
        """Record the time of one unit of work done at :attr:`in_effect` threads; returns the
        thread count to switch to before the next unit, or 0 to keep the current one."""
        self.observed += 1
        if self._skip_left:
            self._skip_left -= 1
            return 0
        buf = self._buf
        buf.append(seconds)
        if self._phase == _SETTLED:
            self._since_settle += 1
            if len(buf) < self.tuning.watch:
                return 0
            return self._watch()
        if len(buf) < self.tuning.window:
            return 0
        med = _median(buf)
        buf.clear()
        if self._phase == _BASE:
            self._base = med
            return self._start_episode(first=-1)
        return self._judge_probe(med)

    # -- phases ----------------------------------------------------------------------------------
    def _start_episode(self, first: int, *, both: bool = True, room_known: bool = False) -> int:
        """Probe ``first`` direction (-1 fewer, +1 more) if possible, else (``both``) the other one."""
        self._moved = False
        self._rechecking = not both
        for direction in (first, -first) if both else (first,):
            if self._try(direction, room_known=room_known):
                self._tried_other = direction != first or not both
                return self._candidate
        return self._settle(revert=False)

    def _try(self, direction: int, *, room_known: bool = False) -> bool:
        candidate = self.threads + direction
        if not self.lo <= candidate <= self.hi:
            return False
        if direction > 0 and not room_known and not self._room_for(candidate):
            return False
        self._phase = _PROBE
        self._candidate = candidate
        self._direction = direction
        self._skip_left = self.tuning.skip
        self._buf.clear()
        self.changes += 1
        return True

    def _judge_probe(self, med: float) -> int:
        if med < self._base * (1.0 - self.tuning.margin):
            self.threads = self._candidate
            self._base = med
            self._moved = True
            self._recheck = self.tuning.recheck
            return self._candidate if self._try(self._direction) else self._settle(revert=False)
        # Not faster: back to the count in force, or try the other direction once.
        if not self._moved and not self._tried_other:
            self._tried_other = True
            if self._try(-self._direction):
                return self._candidate
        if self._rechecking and not self._moved:
            self._recheck = min(self._recheck * 2, self.tuning.recheck_max)
        return self._settle(revert=True)

    def _settle(self, *, revert: bool) -> int:
        self._phase = _SETTLED
        self._buf.clear()
        self._since_settle = 0
        # The probe's median includes the first tokens after a switch, which run slow (parked
        # OpenMP workers still spinning, caches cold; measured: ~8 tokens): the first watch block
        # is not judged, the second sets the base.
        self._calibrating = 2
        self._faster_blocks = 0
        self.settled_at = self.observed
        if self.first_settled_at is None:
            self.first_settled_at = self.observed
        if revert:
            self.changes += 1
            self._skip_left = self.tuning.skip
            return self.threads
        return 0  # already running at ``threads`` (the accepted probe, or nothing was probed)

    def _watch(self) -> int:
        med = _median(self._buf)
        self._buf.clear()
        t = self.tuning
        if self._calibrating:
            self._calibrating -= 1
            if not self._calibrating:
                self._base = med
            return 0
        if med > self._base * (1.0 + t.drift) and self.threads > self.lo:
            self._base = med
            return self._start_episode(first=-1)
        if self.threads < self.hi:
            # Faster for two blocks running (one fast block is noise more often than a
            # competitor that left): probe one more thread.
            self._faster_blocks = self._faster_blocks + 1 if med < self._base * (1.0 - t.drift) else 0
            recheck = self._since_settle >= self._recheck
            if (self._faster_blocks >= 2 or recheck) and not self._room_for(self.threads + 1):
                # No core for one more thread: the probe would only cost; ask again later.
                self._faster_blocks = 0
                self._since_settle = 0
                self._recheck = min(self._recheck * 2, t.recheck_max)
            elif self._faster_blocks >= 2:
                self._base = med
                return self._start_episode(first=+1, room_known=True)
            elif recheck:
                self._base = med
                return self._start_episode(first=+1, both=False, room_known=True)
        if abs(med - self._base) > self._base * t.drift:
            self._base = med  # a change no probe can use (at a bound): just the new normal
        return 0
