"""A preset in a chat turn: reply language, sampling and glossary, under the same policy rules.

The preset's system prompt ranks like the catalogue model's prompt (below a prompt locked by
policy; :func:`app.chat.request.build_request` puts it there). Its reply language applies unless
``reply.language`` is locked; each sampling override applies unless that ``sampling.*`` setting
is locked or the caller gave the value explicitly (``ask --seed``/``--max-tokens``)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from app.i18n import tr
from app.presets.model import Preset
from engine.types import SamplingParams

CONTEXT = "Presets"


def _locked(settings: Any, key: str) -> bool:
    is_locked = getattr(settings, "is_locked", None)
    return bool(is_locked(key)) if is_locked is not None else False


def apply_preset(preset: Preset, settings: Any, reply: str, params: SamplingParams, *,
                 explicit: tuple[str, ...] = ()) -> tuple[str, SamplingParams]:
    """(reply language, sampling) for a turn with ``preset``; ``explicit`` names the sampling
    fields the user set on the command line (they beat the preset)."""
    if preset.reply_language != "auto" and not _locked(settings, "reply.language"):
        reply = preset.reply_language
    changes: dict[str, Any] = {}
    for key, value in preset.sampling.items():
        if key in explicit or _locked(settings, f"sampling.{key}"):
            continue
        changes[key] = (None if int(value) < 0 else int(value)) if key == "seed" else value
    return reply, dataclasses.replace(params, **changes) if changes else params


def glossary_for_turn(settings: Any, extra: str | Path | None) -> tuple[Any, str]:
    """(the glossary for the turn, a one-line warning): the configured one plus ``extra`` (a
    preset's file). Like the configured glossary, a preset glossary that cannot be used is
    reported and the turn runs without it."""
    from app.chat.glossary import turn_glossary

    if not extra:
        return turn_glossary(settings)
    from app.glossary import GlossaryError, glossary_location, load_glossary

    locations = [p for p in (glossary_location(settings), Path(extra)) if p is not None]
    try:
        return load_glossary(locations), ""
    except GlossaryError as exc:
        glossary, warning = turn_glossary(settings)
        note = tr(CONTEXT, "The preset's glossary was not used for this reply: %1").replace("%1", str(exc))
        return glossary, "; ".join(w for w in (note, warning) if w)


def preset_glossary(preset: Preset | None, settings: Any) -> tuple[Any, str]:
    """:func:`glossary_for_turn` with ``preset``'s glossary file, if it has one."""
    return glossary_for_turn(settings, preset.glossary if preset is not None else None)


def preset_references(preset: Preset | None, language: str = "en") -> Any:
    """The ``References`` a turn with ``preset`` gets (its reference documents), or None when it
    names none; :func:`app.documents.retrieval_turn.turn_documents` reads them with the
    attachments."""
    if preset is None or not preset.documents:
        return None
    from app.documents.references import References

    return References(preset.title(language), tuple(str(p) for p in preset.documents))
