"""The one translated line that says a GPU could not be used and the CPU runs the model."""

from __future__ import annotations

from app.i18n import tr
from engine.device_fallback import DeviceFallback

CONTEXT = "Devices"


def fallback_notice(fallback: DeviceFallback | None) -> str:
    """``""`` when nothing fell back; otherwise one line: which device, why, and that the CPU runs
    the model. ``%2`` is llama.cpp's own (English) detail."""
    if fallback is None:
        return ""
    if fallback.cause == "init":
        text = tr(CONTEXT, "%1 could not be initialised (%2); the model runs on the CPU instead.")
    elif fallback.cause == "memory":
        text = tr(CONTEXT, "%1 ran out of memory loading the model (%2); the model runs on the CPU instead.")
    else:
        text = tr(CONTEXT, "%1 could not load the model (%2); the model runs on the CPU instead.")
    return text.replace("%1", fallback.device).replace("%2", fallback.detail)


def join_warnings(*warnings: str) -> str:
    """Non-empty warnings, one per line."""
    return "\n".join(w for w in warnings if w)
