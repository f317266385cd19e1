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


class _Terminal:
    """Shows reasoning on stderr (under a "Thinking…" line) and the answer on stdout."""

    def __init__(self, echo: bool) -> None:
        self.echo = echo
        self.in_thinking = False

    def reasoning(self, text: str) -> None:
        if not (self.echo and text):
            return
        if not self.in_thinking:
            sys.stderr.write(tr("CLI", "Thinking…") + "\n")
            self.in_thinking = True
        sys.stderr.write(text)
        sys.stderr.flush()

    def content(self, text: str) -> None:
        if not (self.echo and text):
            return
        if self.in_thinking:
            sys.stderr.write("\n\n")
            self.in_thinking = False
        sys.stdout.write(text)
        sys.stdout.flush()


def stream_reply(provider: ChatProvider, messages: list[ChatMessage], params: SamplingParams, texts: Any,
                 *, echo: bool, recorder: Any = None, conversation_id: str | None = None) -> Outcome:
    """Stream one reply. ``texts`` (``app.reply_language.ReplyTexts``) turns the model's text into
    the text shown (e.g. HK Traditional); history keeps both."""
    out = Outcome()
    term = _Terminal(echo)
    cancel = CancelToken()
    try:
        for ev in provider.stream(messages, params, cancel, conversation_id):
            if isinstance(ev, ReasoningDelta):
                shown = texts.reasoning(ev.text)
                term.reasoning(shown)
                if recorder is not None:
                    recorder.append(reasoning=shown, raw_reasoning=ev.text)
            elif isinstance(ev, ContentDelta):
                shown = texts.content(ev.text)
                term.content(shown)
                if recorder is not None:
                    recorder.append(content=shown, raw_content=ev.text)
            elif isinstance(ev, ContextTrimmed):
                sys.stderr.write(tr("CLI", "Note: %n earlier message(s) were left out to fit the context.",
                                    n=ev.dropped_messages) + "\n")
            elif isinstance(ev, Usage):
                out.prompt_tokens, out.completion_tokens = ev.prompt_tokens, ev.completion_tokens
                if recorder is not None:
                    recorder.on_event(ev)
            elif isinstance(ev, StreamError):
                out.error = ev.message
                if recorder is not None:
                    recorder.on_event(ev)
            elif isinstance(ev, Finished):
                tail_c, tail_r = texts.finish()
                term.reasoning(tail_r)
                term.content(tail_c)
                if recorder is not None:
                    recorder.append(content=tail_c, reasoning=tail_r, raw_content="", raw_reasoning="")
                    recorder.on_event(ev)
                out.content, out.reasoning, out.finish_reason = texts.shown_content, texts.shown_reasoning, ev.reason
                out.ttft_s, out.tokens_per_s = ev.ttft_s, ev.tokens_per_s
    except KeyboardInterrupt:
        cancel.cancel()
        raise
    if echo:
        sys.stdout.write("\n")
    return out


def run_ask(args: argparse.Namespace) -> int:
    from app.i18n import current_language
    from app.model_resolver import open_provider
    from app.reply_language import ReplyTexts, default_system_prompt
    from app.settings.store import SettingsStore

    settings = SettingsStore()
    params = sampling_from_settings(settings, args)
    reply_setting = str(settings.get("reply.language"))
    ui_language = current_language()
    user_system = args.system if args.system is not None else str(settings.get("chat.system_prompt") or "")
    # The default prompt follows the reply-language setting; it is used, not stored.
    system = user_system or default_system_prompt(reply_setting, ui_language)
    messages = ([ChatMessage("system", system)] if system else []) + [ChatMessage("user", args.prompt)]

    recorder = None
    if not args.no_history and bool(settings.get("history.enabled")):
        from app.history_recorder import HistoryRecorder

        # History first: if it cannot be opened, say so before spending time on the model.
        recorder = HistoryRecorder.start(settings, model=args.model or "", system_prompt=user_system,
                                         prompt=args.prompt)
    try:
        opened = open_provider(args.model, settings)
    except EngineError as exc:
        if recorder is not None:
            recorder.close()
        raise CliError(str(exc)) from exc
    if recorder is not None:
        recorder.set_model(opened.label)
    try:
        out = stream_reply(
            opened.provider, messages, params, ReplyTexts(reply_setting, ui_language), echo=not args.json,
            recorder=recorder, conversation_id=recorder.conversation_id if recorder else None,
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
