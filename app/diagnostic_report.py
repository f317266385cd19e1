"""The diagnostic model's answer: a scripted, readable reply in the interface language, followed
by a report of what it checked (the device the model runs on, this reply's decode speed, whether
the history is encrypted, and the keyring).

One implementation for the window and ``bauhinia ask -m diagnostic``: the load gate
(:func:`app.model_resolver.open_provider`) wraps the diagnostic model's session in
:class:`ReportingProvider`, so both adapters stream, show and record the same text. The part the
model generates is a bigram-chain script (:func:`diagnostic_script`, built into the model in the
language current at load time); the facts it cannot know (measured speed, keyring, history file)
are appended by the provider when the model finishes, in the language current at that moment.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from app.i18n import tr
from engine.events import ChatEvent, ContentDelta, Finished

if TYPE_CHECKING:
    from app.paths import Paths
    from engine.diagnostic import Script
    from engine.loader import Placement
    from engine.types import CancelToken, ChatMessage, SamplingParams

CONTEXT = "DiagnosticReport"


def diagnostic_script() -> Script:
    """What the diagnostic model itself says, in the current interface language (one line each:
    the model is a bigram chain, and its reasoning/answer separator is a blank line)."""
    from engine.diagnostic import Script

    # Short: every two bytes are a token, and the whole chain must fit a small max_tokens.
    return Script(reasoning=tr(CONTEXT, "Checking the installation."),
                  answer=tr(CONTEXT, "The diagnostic model works. It checked:"))


@dataclass(frozen=True)
class DiagnosticFacts:
    """What the report states; gathered by :func:`gather_facts`, rendered by :func:`report_text`."""

    device: str  #: the hardware's name ("CPU", "NVIDIA …")
    device_id: str  #: ggml's device id ("CPU", "CUDA0")
    backend: str
    threads: int
    gpu_layers: int
    tokens_per_s: float | None
    history: str  #: "encrypted", "plain", "missing" (not created yet) or "off"
    keyring: str  #: the keyring backend's name
    keyring_available: bool


def history_state(settings: Any, paths: Paths) -> str:
    """``off`` when history is disabled, else the database file's kind (encrypted/plain/missing)."""
    from app.history_recorder import describe_database
    from app.typed_settings import get_bool

    if not get_bool(settings, "history.enabled"):
        return "off"
    return str(describe_database(paths, settings)["state"])


def gather_facts(placement: Placement | None, tokens_per_s: float | None, settings: Any,
                 paths: Paths) -> DiagnosticFacts:
    from app.store.keys import keyring_available, keyring_name

    device = placement.choice.device if placement is not None else None
    return DiagnosticFacts(
        device=(device.name or device.id) if device is not None else "?",
        device_id=device.id if device is not None else "?",
        backend=str(device.backend) if device is not None else "?",
        threads=placement.threads if placement is not None else 0,
        gpu_layers=placement.n_gpu_layers if placement is not None else 0,
        tokens_per_s=tokens_per_s,
        history=history_state(settings, paths),
        keyring=keyring_name(),
        keyring_available=keyring_available(),
    )


def _history_line(state: str) -> str:
    if state == "encrypted":
        return tr(CONTEXT, "History: encrypted (SQLCipher).")
    if state == "plain":
        return tr(CONTEXT, "History: NOT encrypted. Ask IT to turn on history encryption.")
    if state == "off":
        return tr(CONTEXT, "History: turned off, nothing is saved.")
    return tr(CONTEXT, "History: no history database has been written yet.")


def report_lines(facts: DiagnosticFacts) -> list[str]:
    """The report, one translated line per check (no list markers)."""
    if facts.gpu_layers > 0:
        placed = tr(CONTEXT, "Model: loaded on %1 (%2), %3 layers on the device.").replace(
            "%3", str(facts.gpu_layers))
    else:
        placed = tr(CONTEXT, "Model: loaded on %1 (%2), %3 CPU threads.").replace("%3", str(facts.threads))
    where = facts.device_id if facts.backend in ("", facts.device_id) else f"{facts.device_id}, {facts.backend}"
    placed = placed.replace("%1", facts.device).replace("%2", where)
    if facts.tokens_per_s:
        speed = tr(CONTEXT, "Speed: %1 tokens/s while writing this reply.").replace(
            "%1", f"{facts.tokens_per_s:.1f}")
    else:
        speed = tr(CONTEXT, "Speed: not measured (the reply was too short).")
    if facts.keyring_available:
        ring = tr(CONTEXT, "Keyring: available (%1).")
    else:
        ring = tr(CONTEXT, "Keyring: not available (%1). Without it the history key cannot be kept safely.")
    return [placed, speed, _history_line(facts.history), ring.replace("%1", facts.keyring)]


def report_text(facts: DiagnosticFacts) -> str:
    """The report as Markdown (a bullet list), as the window renders it and the CLI prints it."""
    return "\n".join(f"- {line}" for line in report_lines(facts))


class ReportingProvider:
    """A chat provider around the diagnostic model's session: every reply that finishes normally
    ends with the report (streamed as one more content delta, and part of ``Finished.content``).
    Everything else is the wrapped session's (attributes are forwarded)."""

    def __init__(self, inner: Any, placement: Placement | None, settings: Any, paths: Paths) -> None:
        self.inner = inner
        self.placement = placement
        self._settings = settings
        self._paths = paths

    def stream(self, messages: Sequence[ChatMessage], params: SamplingParams, cancel: CancelToken | None = None,
               conversation_id: str | None = None) -> Iterator[ChatEvent]:
        for ev in self.inner.stream(messages, params, cancel, conversation_id):
            if isinstance(ev, Finished) and ev.reason == "stop":
                facts = gather_facts(self.placement, ev.tokens_per_s, self._settings, self._paths)
                tail = "\n\n" + report_text(facts)
                yield ContentDelta(tail)
                ev = replace(ev, content=ev.content + tail)
            yield ev

    def close(self) -> None:
        self.inner.close()

    def __getattr__(self, name: str) -> Any:
        # Only reached for names this class lacks: the session's own (last_turn, n_ctx, …).
        if name == "inner":
            raise AttributeError(name)
        return getattr(self.inner, name)


__all__ = ["DiagnosticFacts", "ReportingProvider", "diagnostic_script", "gather_facts", "history_state",
           "report_lines", "report_text"]
