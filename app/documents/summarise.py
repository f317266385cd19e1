"""Summarise documents longer than the context, section by section (map-reduce), with progress.

"Summarise this" on a document the context cannot hold would otherwise see only the passages
that match the words of the request. Here every part of the text is read instead:

1. **sections**: each document is cut into consecutive sections of at most the turn's document
   budget (passages never cross a page, sections never cross a document; no overlap, nothing
   left out), and the model summarises each one on its own (not stored in the history);
2. **combine**: while the summaries together still exceed the budget, consecutive groups of them
   are summarised again (each summary is at most a quarter of the budget, so every round shrinks
   the list at least fourfold);
3. **answer**: the user's request is answered by an ordinary :class:`~app.chat.turn.ChatTurn`
   over the numbered summaries (streamed, stored, cited, regenerable like any turn), with a
   notice that says the documents were summarised section by section.

Progress goes to a callback (:class:`SummaryProgress`: step i of n, and the engine's prompt
progress within the step). The cancel token is checked before every step and reaches the engine,
so Stop ends the summary within one batch; a stopped or failed summary stores nothing and says
why in the returned :class:`~app.chat.turn.TurnResult`. Qt-free: the CLI (``ask --summarise``,
or a summary request whose attachments do not fit) and the window use it alike.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from app.documents.chunking import chunk_pages, estimate_tokens
from app.documents.errors import CONTEXT, Translate
from app.documents.model import Document
from app.documents.retrieval import AttachmentRef, Source, TurnContext, attachment_context
from app.i18n import tr
from engine.events import Finished, PrefillProgress, StreamError
from engine.types import CancelToken, ChatMessage

if TYPE_CHECKING:
    from app.chat.observer import TurnObserver
    from app.chat.request import TurnRequest
    from app.chat.turn import ChatTurn, TurnResult

Stage = Literal["sections", "combine", "answer"]

#: A request for a summary, in English or Chinese (both scripts): "summarise", "summary", "sum up",
#: "overview", "gist", "TL;DR", 摘要, 總結/总结, 概括, 概要, 撮要, 大意, 歸納/归纳, 重點/重点.
_SUMMARY_REQUEST = re.compile(
    r"(?i)\b(?:summari[sz](?:e|es|ing|ation)|summary|summaries|sum\s+up|overview|gist|tl;?dr)\b"
    r"|摘要|總結|总结|概括|概要|撮要|大意|歸納|归纳|重點|重点")


def wants_summary(request: str) -> bool:
    """Whether the user's request asks for a summary (then documents that do not fit are
    summarised section by section instead of searched for matching passages)."""
    return bool(_SUMMARY_REQUEST.search(request))


def summarises(request: str, *, attachments: bool, library: bool = False, asked: bool = False) -> bool:
    """Whether a turn goes through the :class:`Summariser` (the one rule for the CLI and the
    window): it has attachments, and the user asked for a summary (``asked``: ``ask --summarise``;
    else a :func:`wants_summary` request with the library off). The Summariser then sends the
    attachments whole when they fit the context and section by section when they do not."""
    return attachments and (asked or (not library and wants_summary(request)))


@dataclass(frozen=True)
class SummaryProgress:
    """Where a summary stands: ``stage`` ``"sections"`` (section ``index`` of ``total`` is being
    summarised), ``"combine"`` (group ``index`` of ``total`` of summaries is being summarised again)
    or ``"answer"`` (the reply itself; its prompt and text reach the turn's observer). ``prefill``
    is the engine's prompt progress within a section or group step, ``None`` when the step starts.
    ``attachments``, at the answer stage: the attachments as the prompt about to be stored keeps
    them (whole, or not when they were summarised), for an adapter to show under it."""

    stage: Stage
    index: int
    total: int
    prefill: PrefillProgress | None = None
    attachments: tuple[AttachmentRef, ...] = ()


@dataclass(frozen=True)
class Section:
    """Consecutive text of one document: pages ``first_page`` … ``last_page``."""

    file: str
    first_page: int
    last_page: int
    text: str
    tokens: int

    @property
    def pages(self) -> str:
        if self.first_page == self.last_page:
            return f"p. {self.first_page}"
        return f"pp. {self.first_page}-{self.last_page}"


def split_sections(documents: Sequence[tuple[str, Document]], budget_tokens: int) -> list[Section]:
    """Each document's passages packed, in order, into sections of at most ``budget_tokens``
    (estimated). Together the sections hold all of the text (whitespace between passages aside)."""
    sections: list[Section] = []
    for name, doc in documents:
        current: list[tuple[int, str, int]] = []
        for passage in chunk_pages(doc.pages, target_tokens=max(8, budget_tokens), overlap_tokens=0):
            if current and sum(t for _p, _x, t in current) + passage.tokens > budget_tokens:
                sections.append(_section(name, current))
                current = []
            current.append((passage.page, passage.text, passage.tokens))
        if current:
            sections.append(_section(name, current))
    return sections


def _section(name: str, parts: list[tuple[int, str, int]]) -> Section:
    text = "\n\n".join(t for _p, t, _n in parts)
    return Section(name, parts[0][0], parts[-1][0], text, estimate_tokens(text))


@dataclass(frozen=True)
class _Summary:
    """The summary of sections ``first`` … ``last`` (numbered from 1), from ``file``'s pages."""

    file: str
    first_page: int
    last_page: int
    first: int
    last: int
    text: str

    def heading(self) -> str:
        pages = f"p. {self.first_page}" if self.first_page == self.last_page else \
            f"pp. {self.first_page}-{self.last_page}"
        sections = f"section {self.first}" if self.first == self.last else f"sections {self.first}-{self.last}"
        return f"{Path(self.file).name}, {pages}, {sections}"

    @property
    def tokens(self) -> int:
        return estimate_tokens(self.text)


class _Stopped(Exception):
    """A step was cancelled or failed: ``kind`` is ``"cancelled"`` or the stream error's kind."""

    def __init__(self, kind: str, message: str = "") -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


_SECTION_PROMPT = ("Section {index} of {total} of the document \"{name}\" ({pages}):\n\n{text}\n\n---\n\n"
                   "Summarise the section above in the language it is written in. Keep the facts, figures, "
                   "names, dates, deadlines and obligations; add nothing that is not in the text. The summaries "
                   "of all sections will be used together for this request: {request}")
_COMBINE_PROMPT = ("Summaries of consecutive sections of the documents:\n\n{text}\n\n---\n\n"
                   "Combine these summaries into one shorter summary in the same language. Keep the facts, "
                   "figures, names, dates, deadlines and obligations; add nothing. It will be used for this "
                   "request: {request}")


#: Characters of document text tokenized to calibrate the estimate against the model's tokenizer.
_SAMPLE_CHARS = 8000


def tokens_per_estimate(count_tokens: Callable[[str], int] | None,
                        documents: Sequence[tuple[str, Document]]) -> float:
    """The model's tokens per estimated token (``chunking.estimate_tokens``) on a sample of the
    documents; 1.0 without a tokenizer (remote models). A vocabulary unlike the estimate's
    (a byte-level one counts four times more) would otherwise overflow the context."""
    sample = "".join(doc.text[:_SAMPLE_CHARS] for _n, doc in documents)[:_SAMPLE_CHARS]
    estimated = estimate_tokens(sample)
    if count_tokens is None or estimated == 0:
        return 1.0
    return min(8.0, max(0.25, count_tokens(sample) / estimated))


class Summariser:
    """One summary over ``turn``'s provider; :meth:`run` returns the final turn's result.

    ``budget_tokens`` is what the documents may take of the context (model tokens, as
    ``retrieval_turn.context_budget`` gives it); ``count_tokens`` is the model's tokenizer when the
    provider has one (the local engine), used to calibrate the estimate sections are cut by."""

    def __init__(self, turn: ChatTurn, *, budget_tokens: int,
                 progress: Callable[[SummaryProgress], None] | None = None,
                 cancel: CancelToken | None = None, count_tokens: Callable[[str], int] | None = None,
                 tr: Translate = tr) -> None:
        self.turn = turn
        self.model_budget = max(64, budget_tokens)
        self.budget_tokens = self.model_budget  # in estimated tokens, once calibrated by run()
        self.progress = progress
        self._report: Callable[[SummaryProgress], None] = progress or (lambda _p: None)
        self.cancel = cancel
        self.count_tokens = count_tokens
        self.tr = tr
        #: Model calls made for sections and combining (the answer not included).
        self.steps = 0
        self.sections: list[Section] = []

    def run(self, req: TurnRequest, documents: Sequence[tuple[str, Document]],
            observer: TurnObserver | None = None) -> TurnResult:
        """Answer ``req`` from ``documents``: whole when they fit, else section by section.
        Progress goes to the ``progress`` callback, else to ``observer.summary_progress``."""
        if self.progress is None and observer is not None:
            self._report = observer.summary_progress
        ratio = tokens_per_estimate(self.count_tokens, documents)
        self.budget_tokens = max(64, int(self.model_budget / ratio))
        if sum(estimate_tokens(doc.text) for _n, doc in documents) <= self.budget_tokens:
            whole = attachment_context(req.text, documents, self.budget_tokens, self.tr)
            return self._answer(req, whole, observer)
        sections = self.sections = split_sections(documents, self.budget_tokens)
        params = dataclasses.replace(req.params, max_tokens=self._summary_tokens(req), thinking=False)
        try:
            summaries = [self._summarise_section(req, params, i, len(sections), s)
                         for i, s in enumerate(sections, 1)]
            summaries = self._combine(req, params, summaries)
        except _Stopped as stop:
            return self._stopped(req, stop)
        # Whole: every section was read (summarised), so the chip must not say "best passages only".
        refs = tuple(AttachmentRef(Path(name).name, doc.sha256, doc.format, len(doc.pages),
                                   estimate_tokens(doc.text), True) for name, doc in documents)
        block = "\n\n".join(f"[{n}] {s.heading()}:\n{s.text}" for n, s in enumerate(summaries, 1))
        tr = self.tr  # named tr for the string extractor
        notice = tr(CONTEXT, "The attached documents are longer than the model's context (about %1 tokens), "
                             "so they were summarised section by section (%2 sections) and the answer was "
                             "written from those summaries.")
        notice = notice.replace("%1", str(sum(r.tokens for r in refs))).replace("%2", str(len(sections)))
        sources = tuple(Source(s.file, s.first_page, s.text) for s in summaries)
        return self._answer(req, TurnContext(block, sources, refs, notice), observer)

    # -- steps ------------------------------------------------------------------------------------
    def _summary_tokens(self, req: TurnRequest) -> int:
        """Reply length of one step: a quarter of the budget (so combining always shrinks)."""
        return max(32, min(req.params.max_tokens, self.model_budget // 4))

    def _summarise_section(self, req: TurnRequest, params: Any, index: int, total: int, section: Section) -> _Summary:
        prompt = _SECTION_PROMPT.format(index=index, total=total, name=Path(section.file).name, pages=section.pages,
                                        text=section.text, request=req.text)
        text = self._step(prompt, params, "sections", index, total)
        return _Summary(section.file, section.first_page, section.last_page, index, index, text)

    def _combine(self, req: TurnRequest, params: Any, summaries: list[_Summary]) -> list[_Summary]:
        while len(summaries) > 1 and sum(s.tokens for s in summaries) > self.budget_tokens:
            groups: list[list[_Summary]] = [[]]
            for s in summaries:
                if groups[-1] and sum(x.tokens for x in groups[-1]) + s.tokens > self.budget_tokens:
                    groups.append([])
                groups[-1].append(s)
            if len(groups) == len(summaries):  # every summary alone fills the budget: cannot shrink by grouping
                groups = [summaries[i:i + 2] for i in range(0, len(summaries), 2)]
            combined: list[_Summary] = []
            for g, group in enumerate(groups, 1):
                if len(group) == 1:
                    combined.append(group[0])
                    continue
                text = "\n\n".join(f"[{s.heading()}]\n{s.text}" for s in group)
                summary = self._step(_COMBINE_PROMPT.format(text=text, request=req.text), params, "combine", g,
                                     len(groups))
                first, last = group[0], group[-1]
                # Pages are cited from the group's first file (a group may end in the next document).
                pages_last = max(x.last_page for x in group if x.file == first.file)
                combined.append(_Summary(first.file, first.first_page, pages_last, first.first, last.last, summary))
            summaries = combined
        return summaries

    def _step(self, prompt: str, params: Any, stage: Stage, index: int, total: int) -> str:
        """One model call, not stored; its reply text (the reasoning when a thinking model wrote
        no answer in the length it was given)."""
        if self.cancel is not None and self.cancel.cancelled:
            raise _Stopped("cancelled")
        self._report(SummaryProgress(stage, index, total))
        self.steps += 1
        final: Finished | None = None
        error: StreamError | None = None
        for ev in self.turn.provider.stream([ChatMessage("user", prompt)], params, self.cancel, None):
            if isinstance(ev, PrefillProgress):
                self._report(SummaryProgress(stage, index, total, ev))
            elif isinstance(ev, StreamError):
                error = ev
            elif isinstance(ev, Finished):
                final = ev
        if error is not None:
            raise _Stopped(error.kind, error.message)
        if final is None or final.reason == "error":
            raise _Stopped("engine", "the model stopped without a summary")
        if final.reason == "cancelled":
            raise _Stopped("cancelled")
        return final.content.strip() or final.reasoning.strip()

    def _answer(self, req: TurnRequest, context: TurnContext, observer: TurnObserver | None) -> TurnResult:
        self._report(SummaryProgress("answer", 1, 1, attachments=context.attachments))
        return self.turn.run(dataclasses.replace(req, documents=context), observer, self.cancel)

    def _stopped(self, req: TurnRequest, stop: _Stopped) -> TurnResult:
        from app.chat.turn import STATUS_FOR_REASON, TurnResult

        reason = "cancelled" if stop.kind == "cancelled" else "error"
        result = TurnResult(conversation_id=req.conversation_id, finish_reason=reason,
                            status=STATUS_FOR_REASON.get(reason, "error"))
        if reason == "error":
            result.error, result.error_kind = stop.message, stop.kind
        return result


def summarise_turn(turn: ChatTurn, req: TurnRequest, documents: Sequence[tuple[str, Document]], *,
                   budget_tokens: int, observer: TurnObserver | None = None, cancel: CancelToken | None = None,
                   progress: Callable[[SummaryProgress], None] | None = None) -> TurnResult:
    """:class:`Summariser` in one call; the provider's tokenizer calibrates the budget if it has one."""
    tokenize = getattr(turn.provider, "tokenize", None)
    count = (lambda text: len(tokenize(text))) if callable(tokenize) else None
    return Summariser(turn, budget_tokens=budget_tokens, progress=progress, cancel=cancel,
                      count_tokens=count).run(req, documents, observer)
