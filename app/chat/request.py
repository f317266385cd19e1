"""What one chat turn needs, built from the settings by one function for the window and the CLI.

:func:`sampling_params` is the one sampling builder (one seed rule: a negative or absent seed is
random). :func:`system_prompt_for` is the one system-prompt rule: a prompt locked by policy, then
the IT catalogue's prompt for the model, then the user's (setting or ``--system``), then the
conversation's own, then the default that follows the reply language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from app.typed_settings import get_float, get_int, get_str
from engine.types import SamplingParams

ThinkingMode = Literal["auto", "on", "off"]
THINKING_MODES: tuple[ThinkingMode, ...] = ("auto", "on", "off")

#: ``parent_id`` value: hang the new user message on the conversation's current leaf.
CURRENT: object = object()


@dataclass(frozen=True)
class TurnRequest:
    """One reply to produce. ``parent_id`` is where the new user message hangs (``None``: root,
    ``CURRENT``: the current leaf). ``regenerate_of`` (a prompt id) skips the user message."""

    conversation_id: str | None
    text: str
    parent_id: str | object | None = CURRENT
    regenerate_of: str | None = None
    #: The user's prompt (``chat.system_prompt`` or ``ask --system``); stored with a new conversation.
    system_prompt: str = ""
    #: The reply-language default; used when nothing else gives a prompt, never stored, so a later
    #: change of the reply language applies to old conversations too.
    default_system_prompt: str = ""
    #: The IT catalogue's prompt for the loaded model, in the reply language.
    catalogue_prompt: str = ""
    #: Whether ``chat.system_prompt`` is locked by policy (then ``system_prompt`` is the locked one).
    system_prompt_locked: bool = False
    params: SamplingParams = field(default_factory=SamplingParams)
    #: The ``reply.language`` setting and the interface language.
    reply_language: str = "auto"
    ui_language: str = "en"
    thinking: ThinkingMode = "auto"
    #: The chosen preset's glossary file ("" for none): used together with the configured glossary.
    preset_glossary: str = ""
    #: Attachments and library passages for this turn (``app.documents.retrieval.TurnContext``):
    #: the model receives them before the question; the stored message keeps the question only.
    documents: Any = None


def system_prompt_for(req: TurnRequest, conversation_prompt: str | None) -> str:
    """Locked policy > catalogue model's prompt > user's prompt > conversation's own > default.

    A locked empty prompt still shuts out the user's and the conversation's (an imported or
    stored conversation never beats policy)."""
    if req.system_prompt_locked and req.system_prompt:
        return req.system_prompt
    if req.catalogue_prompt:
        return req.catalogue_prompt
    if not req.system_prompt_locked:
        if req.system_prompt:
            return req.system_prompt
        if conversation_prompt:
            return conversation_prompt
    return req.default_system_prompt


def thinking_flag(mode: ThinkingMode) -> bool | None:
    return {"on": True, "off": False}.get(mode)


def sampling_params(settings: Any, *, seed: int | None = None, max_tokens: int | None = None,
                    thinking: ThinkingMode = "auto") -> SamplingParams:
    """Sampling from the settings; ``seed``/``max_tokens`` override them (e.g. CLI flags)."""
    chosen_seed = get_int(settings, "sampling.seed") if seed is None else seed
    return SamplingParams(
        temperature=get_float(settings, "sampling.temperature"),
        top_p=get_float(settings, "sampling.top_p"),
        top_k=get_int(settings, "sampling.top_k"),
        min_p=get_float(settings, "sampling.min_p"),
        repeat_penalty=get_float(settings, "sampling.repeat_penalty"),
        seed=None if chosen_seed < 0 else chosen_seed,
        max_tokens=max_tokens or get_int(settings, "sampling.max_tokens"),
        thinking=thinking_flag(thinking),
    )


def build_request(
    settings: Any,
    text: str,
    *,
    ui_language: str,
    catalogue_entry: Any = None,
    conversation_id: str | None = None,
    parent_id: str | object | None = CURRENT,
    regenerate_of: str | None = None,
    system_override: str | None = None,
    seed: int | None = None,
    max_tokens: int | None = None,
    thinking: ThinkingMode = "auto",
    preset: Any = None,
) -> TurnRequest:
    """The request the window and ``ask`` both send (``catalogue_entry``: the loaded model's
    ``CatalogueEntry``, if it came from the catalogue; ``preset``: an ``app.presets.Preset``,
    whose prompt ranks like the catalogue's, below a locked one)."""
    from app.reply_language import default_system_prompt, reply_language

    reply = get_str(settings, "reply.language")
    locked = bool(settings.is_locked("chat.system_prompt"))
    user = get_str(settings, "chat.system_prompt")
    if system_override is not None and not locked:
        user = system_override
    params = sampling_params(settings, seed=seed, max_tokens=max_tokens, thinking=thinking)
    if preset is not None:
        from app.presets import apply_preset

        explicit = tuple(k for k, v in (("seed", seed), ("max_tokens", max_tokens)) if v is not None)
        reply, params = apply_preset(preset, settings, reply, params, explicit=explicit)
    catalogue = catalogue_entry.prompt(reply_language(reply, ui_language)) if catalogue_entry is not None else ""
    if preset is not None:
        catalogue = preset.prompt(reply_language(reply, ui_language)) or catalogue
    return TurnRequest(
        conversation_id=conversation_id, text=text, parent_id=parent_id, regenerate_of=regenerate_of,
        system_prompt=user, default_system_prompt=default_system_prompt(reply, ui_language),
        catalogue_prompt=catalogue or "", system_prompt_locked=locked,
        params=params, reply_language=reply, ui_language=ui_language, thinking=thinking,
        preset_glossary=str(preset.glossary) if preset is not None and preset.glossary else "",
    )
