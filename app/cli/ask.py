"""`bauhinia ask`: one prompt, streamed to stdout, saved to history unless ``--no-history``."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from typing import Any

from app.cli.output import CliError, emit_json
from app.i18n import tr
from engine.errors import EngineError
from engine.events import ContentDelta, ContextTrimmed, Finished, ReasoningDelta, StreamError, Usage
from engine.provider import ChatProvider
from engine.types import CancelToken, ChatMessage, SamplingParams


@dataclass
class Outcome:
    content: str = ""
    reasoning: str = ""
    finish_reason: str = "error"
    prompt_tokens: int = 0
    completion_tokens: int = 0
    ttft_s: float | None = None
    tokens_per_s: float | None = None
    error: str | None = None


def sampling_from_settings(settings: Any, args: argparse.Namespace) -> SamplingParams:
    seed = args.seed if args.seed is not None else settings.get("sampling.seed")
    return SamplingParams(
        temperature=float(settings.get("sampling.temperature")),
        top_p=float(settings.get("sampling.top_p")),
        top_k=int(settings.get("sampling.top_k")),
        min_p=float(settings.get("sampling.min_p")),
        repeat_penalty=float(settings.get("sampling.repeat_penalty")),
        seed=None if seed in (None, -1) else int(seed),
        max_tokens=int(args.max_tokens or settings.get("sampling.max_tokens")),
    )


def stream_to_terminal(provider: ChatProvider, messages: list[ChatMessage], params: SamplingParams,
                       *, echo: bool, on_event: Any = None, conversation_id: str | None = None) -> Outcome:
    out = Outcome()
    cancel = CancelToken()
    shown_thinking = False
    try:
        for ev in provider.stream(messages, params, cancel, conversation_id):
            if on_event is not None:
                on_event(ev)
            if isinstance(ev, ReasoningDelta):
                if echo:
                    if not shown_thinking:
                        sys.stderr.write(tr("CLI", "Thinking…") + "\n")
                        shown_thinking = True
                    sys.stderr.write(ev.text)
                    sys.stderr.flush()
            elif isinstance(ev, ContentDelta):
                if echo:
                    if shown_thinking:
                        sys.stderr.write("\n\n")
                        shown_thinking = False
                    sys.stdout.write(ev.text)
                    sys.stdout.flush()
            elif isinstance(ev, ContextTrimmed):
                sys.stderr.write(
                    tr("CLI", "Note: %n earlier message(s) were left out to fit the context.",
                       n=ev.dropped_messages) + "\n"
                )
            elif isinstance(ev, Usage):
                out.prompt_tokens, out.completion_tokens = ev.prompt_tokens, ev.completion_tokens
            elif isinstance(ev, StreamError):
                out.error = ev.message
            elif isinstance(ev, Finished):
                out.content, out.reasoning, out.finish_reason = ev.content, ev.reasoning, ev.reason
                out.ttft_s, out.tokens_per_s = ev.ttft_s, ev.tokens_per_s
    except KeyboardInterrupt:
        cancel.cancel()
        raise
    if echo:
        sys.stdout.write("\n")
    return out


def run_ask(args: argparse.Namespace) -> int:
    from app.model_resolver import open_provider
    from app.settings.store import SettingsStore

    settings = SettingsStore()
    params = sampling_from_settings(settings, args)
    system = args.system if args.system is not None else str(settings.get("chat.system_prompt") or "")
    messages = ([ChatMessage("system", system)] if system else []) + [ChatMessage("user", args.prompt)]

    recorder = None
    if not args.no_history and bool(settings.get("history.enabled")):
        from app.history_recorder import HistoryRecorder

        # History first: if it cannot be opened, say so before spending time on the model.
        recorder = HistoryRecorder.start(settings, model=args.model or "", system_prompt=system, prompt=args.prompt)
    try:
        opened = open_provider(args.model, settings)
    except EngineError as exc:
        if recorder is not None:
            recorder.close()
        raise CliError(str(exc)) from exc
    if recorder is not None:
        recorder.set_model(opened.label)
    try:
        out = stream_to_terminal(
            opened.provider, messages, params, echo=not args.json,
            on_event=recorder.on_event if recorder else None,
            conversation_id=recorder.conversation_id if recorder else None,
        )
    finally:
        opened.provider.close()
        if recorder is not None:
            recorder.close()
    if args.json:
        emit_json({
            "content": out.content,
            "reasoning": out.reasoning,
            "finish_reason": out.finish_reason,
            "usage": {"prompt_tokens": out.prompt_tokens, "completion_tokens": out.completion_tokens},
            "timings": {"ttft_s": out.ttft_s, "tokens_per_s": out.tokens_per_s},
            "conversation_id": recorder.conversation_id if recorder else None,
        })
    if out.error:
        raise CliError(out.error)
    return 0
