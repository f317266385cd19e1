"""The audit tests' real 64 KiB tmpfs, for the full-disk export test."""

from tests.audit.conftest import small_disk

__all__ = ["small_disk"]
