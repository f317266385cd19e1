"""`bauhinia ask`: one prompt, streamed to stdout, saved to history unless ``--no-history``.

A thin adapter over :class:`app.chat.ChatTurn` (the window's worker is the other one): it reads
the flags, refuses those that contradict a locked setting, prints what the turn streams.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from app.chat import ChatTurn, TurnObserver, TurnRefused, build_request
from app.chat.errors import describe_error, describe_exception
from app.cli.output import CliError, emit_json
from app.cli.status_line import StatusLine, prefill_text, summary_text
from app.i18n import tr
from app.typed_settings import get_bool
from engine.errors import EngineError
from engine.events import PrefillProgress

if TYPE_CHECKING:
    from app.documents.summarise import SummaryProgress
from engine.types import CancelToken

#: ``ask`` flags that set what a locked setting decides: (flag, argparse name, setting).
LOCKABLE_FLAGS = (
    ("--system", "system", "chat.system_prompt"),
    ("--max-tokens", "max_tokens", "sampling.max_tokens"),
    ("--seed", "seed", "sampling.seed"),
)


def refuse_locked_flags(settings: Any, args: argparse.Namespace) -> None:
    """A flag that contradicts a setting locked by policy is refused, naming the policy."""
    checks: list[tuple[str, str, Any]] = [(flag, key, getattr(args, name, None)) for flag, name, key in LOCKABLE_FLAGS]
    if getattr(args, "no_history", False):
        checks.append(("--no-history", "history.enabled", False))
    for flag, key, value in checks:
        eff = settings.effective(key)
        if value is not None and eff.locked and value != eff.value:
            raise CliError(tr("CLI", "%1 is not allowed: '%2' is set by your organisation's policy (%3).")
                           .replace("%1", flag).replace("%2", key).replace("%3", eff.origin))


def read_prompt(args: argparse.Namespace) -> str:
    """The prompt argument, or standard input for ``-``."""
    if args.prompt != "-":
        return str(args.prompt)
    try:
        text = sys.stdin.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise CliError(tr("CLI", "Cannot read the prompt from standard input: %1").replace("%1", str(exc))) from exc
    if not text.strip():
        raise CliError(tr("CLI", "The prompt read from standard input is empty."))
    return text


class _Terminal(TurnObserver):
    """Shows reasoning on stderr (under a "Thinking…" line) and the answer on stdout; on a
    terminal, a long prompt's evaluation as one updating line on stderr."""

    def __init__(self, echo: bool) -> None:
        self.echo = echo
        self.in_thinking = False
        self.status = StatusLine()

    def prefill_progress(self, progress: PrefillProgress) -> None:
        self.status.show(prefill_text(progress.done_tokens, progress.total_tokens, progress.eta_s))

    def reply_delta(self, content: str, reasoning: str) -> None:
        self.status.clear()
        if not self.echo:
            return
        if reasoning:
            if not self.in_thinking:
                sys.stderr.write(tr("CLI", "Thinking…") + "\n")
                self.in_thinking = True
            sys.stderr.write(reasoning)
            sys.stderr.flush()
        if content:
            if self.in_thinking:
                sys.stderr.write("\n\n")
                self.in_thinking = False
            sys.stdout.write(content)
            sys.stdout.flush()

    def summary_progress(self, progress: SummaryProgress) -> None:
        self.status.show(summary_text(progress))

    def context_trimmed(self, messages: int, tokens: int) -> None:
        self.status.clear()
        sys.stderr.write(tr("CLI", "Note: %n earlier message(s) were left out to fit the context.", n=messages) + "\n")


def _catalogue_entry(settings: Any, label: str) -> Any:
    """The catalogue entry of the opened model (for its system prompt), if it has one."""
    from app.models.catalogue import load_catalogue
    from app.paths import user_paths

    try:
        return load_catalogue(settings, user_paths()).find(label)
    except Exception:  # a catalogue that cannot be read was already reported when resolving
        return None


def _with_documents(settings: Any, req: Any, args: argparse.Namespace, store: Any, budget: int,
                    preset: Any = None) -> Any:
    """The request with ``--attach``/``--library`` documents and the preset's reference documents;
    a notice on stderr when only passages fit."""
    import dataclasses

    from app.documents.retrieval_turn import DocumentsRefused, turn_documents
    from app.i18n import current_language
    from app.presets import preset_references

    try:
        documents = turn_documents(settings, req.text, getattr(args, "attach", []), getattr(args, "library", False),
                                   budget_tokens=budget, store=store, warn=_warn,
                                   references=preset_references(preset, current_language()))
    except DocumentsRefused as exc:
        raise CliError(str(exc)) from exc
    if documents is not None and documents.notice:
        sys.stderr.write(documents.notice + "\n")
    return dataclasses.replace(req, documents=documents)


def _warn(message: str) -> None:
    sys.stderr.write(f"bauhinia: {message}\n")


def _check_summarise_flag(args: argparse.Namespace) -> None:
    """``--summarise`` needs attachments and does not take the library (refused before loading)."""
    if getattr(args, "summarise", False):
        if not getattr(args, "attach", []):
            raise CliError(tr("CLI", "--summarise needs at least one --attach FILE."))
        if getattr(args, "library", False):
            raise CliError(tr("CLI", "--summarise works on the attached files; it cannot be combined with --library."))


def _to_summarise(settings: Any, req: Any, args: argparse.Namespace) -> list[Any] | None:
    """The attachments to answer through the section-by-section summariser (``--summarise``, or a
    summary request with attachments and no ``--library``); it sends them whole when they fit."""
    from app.documents.retrieval_turn import DocumentsRefused, read_attachments
    from app.documents.summarise import summarises

    attach = getattr(args, "attach", [])
    if not summarises(req.text, attachments=bool(attach), library=getattr(args, "library", False),
                      asked=getattr(args, "summarise", False)):
        return None
    try:
        return read_attachments(settings, attach, _warn)
    except DocumentsRefused as exc:
        raise CliError(str(exc)) from exc


def run_ask(args: argparse.Namespace) -> int:
    from app.audit import audit_log
    from app.chat.glossary import terms_notice
    from app.cli.presets_cmds import find_preset
    from app.documents.retrieval_turn import context_budget
    from app.documents.summarise import summarise_turn
    from app.i18n import current_language
    from app.model_resolver import open_provider
    from app.presets import preset_glossary
    from app.settings.store import SettingsStore

    settings = SettingsStore()
    refuse_locked_flags(settings, args)
    _check_summarise_flag(args)
    preset = find_preset(settings, getattr(args, "preset", None))
    prompt = read_prompt(args)
    store = None
    if not args.no_history and get_bool(settings, "history.enabled"):
        from app.history_recorder import open_history
        from app.store import HistoryError

        # History first: if it cannot be opened, say so before spending time on the model.
        try:
            store = open_history(settings)
        except HistoryError as exc:
            raise CliError(str(exc)) from exc
    try:
        try:
            opened = open_provider(args.model, settings)
        except EngineError as exc:
            raise CliError(describe_exception(exc)) from exc
        if opened.placement is not None and opened.placement.fallback is not None:
            from app.device_fallback_text import fallback_notice

            sys.stderr.write(fallback_notice(opened.placement.fallback) + "\n")  # a GPU failed: the CPU runs it
        entry = None if opened.remote else _catalogue_entry(settings, opened.label)
        req = build_request(settings, prompt, ui_language=current_language(), catalogue_entry=entry,
                            system_override=args.system, seed=args.seed, max_tokens=args.max_tokens,
                            thinking=getattr(args, "thinking", "auto"), preset=preset)
        glossary, warning = preset_glossary(preset, settings)
        if warning:  # reported, not blocking: the turn runs without the glossary
            sys.stderr.write(warning + "\n")
        cancel = CancelToken()
        try:  # inside: the model is closed on refusal
            budget = context_budget(settings, args.max_tokens, getattr(opened.provider, "n_ctx", None))
            to_summarise = _to_summarise(settings, req, args)
            if to_summarise is None:
                req = _with_documents(settings, req, args, store, budget, preset)
            turn = ChatTurn(opened.provider, store, model_label=opened.label, model_sha256=opened.sha256,
                            glossary=glossary, audit=audit_log(settings))
            terminal = _Terminal(not args.json)
            try:
                if to_summarise is None:
                    result = turn.run(req, terminal, cancel)
                else:
                    result = summarise_turn(turn, req, to_summarise, budget_tokens=budget, observer=terminal,
                                            cancel=cancel)
            finally:
                terminal.status.clear()
            if to_summarise is not None and result.documents_notice:
                sys.stderr.write(result.documents_notice + "\n")
        except TurnRefused as exc:
            raise CliError(str(exc)) from exc
        except KeyboardInterrupt:
            cancel.cancel()
            raise
        finally:
            opened.provider.close()
    finally:
        if store is not None:
            store.close()
    if not args.json:
        sys.stdout.write("\n")
    if args.json:
        emit_json({
            "content": result.content,
            "reasoning": result.reasoning,
            "finish_reason": result.finish_reason,
            "usage": {"prompt_tokens": result.prompt_tokens or 0, "completion_tokens": result.completion_tokens or 0},
            "timings": {"ttft_s": result.ttft_s, "tokens_per_s": result.tokens_per_s,
                        "draft_accepted": result.draft_accepted, "draft_proposed": result.draft_proposed,
                        "prefill_s": result.prefill_s},
            "conversation_id": result.conversation_id,
            "terms": [t.to_dict() for t in result.terms],
            "sources": [src.to_dict() for src in result.sources],
        })
    elif result.terms and (notice := terms_notice(result.terms)):
        sys.stderr.write(notice + "\n")
    if not args.json and result.sources:
        from app.documents.retrieval import sources_text

        sys.stdout.write(sources_text(result.sources) + "\n")
    if result.audit_error:  # the reply is printed above, and kept in the history to be recovered
        raise CliError(result.audit_error)
    if result.save_error:
        raise CliError(tr("CLI", "The reply could not be saved: %1").replace("%1", result.save_error))
    if result.error:
        raise CliError(describe_error(result.error_kind, result.error))
    return 0
