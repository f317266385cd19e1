"""The export use-case shared by the CLI and the window: policy ban, audit record, file, manifest.

Order matters for records: the ban is checked first (a refusal is audited and nothing is written),
then the document is rendered in memory and hashed, the ``Exported`` record is written (an audit
log that cannot be written stops the export), then the file and its manifest.

Two steps, so a caller can keep its store thread free while a long record renders: :func:`read_record`
(ban check and the records, on the store's thread) and :func:`write_files` (rendering, hashing, audit
record, files; needs no store). :func:`export_files` runs both in turn (the CLI); the window runs the
second on its own worker thread (``app.ui.export_worker``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.export.manifest import sha256_hex, write_manifest
from app.export.records import ExportRecord, build_record
from app.store.private_files import write_private_atomic

FORMATS: tuple[str, ...] = ("docx", "pdf")
Renderer = Callable[[ExportRecord], bytes]


@dataclass(frozen=True)
class ExportResult:
    path: Path
    manifest: Path
    sha256: str


def default_renderer(fmt: str) -> Renderer:
    """The renderer for ``fmt``; the PDF one imports Qt, so only when asked for."""
    if fmt == "docx":
        from app.export.docx_writer import render_docx

        return render_docx
    if fmt == "pdf":
        from app.export.pdf_qt import render_pdf

        return render_pdf
    raise ValueError(fmt)


def export_conversation(
    store: Any,
    conversation_id: str,
    fmt: str,
    output: Path,
    *,
    settings: Any,
    audit: Callable[[Any], None],
    with_reasoning: bool = False,
    language: str = "en",
    model_sha256: Callable[[str], str] | None = None,
    renderer: Renderer | None = None,
) -> ExportResult:
    """Export one conversation to ``output`` as ``fmt``; raises ``HistoryExportDenied`` (after
    auditing the refusal) when policy bans exports, ``OSError`` when the file cannot be written."""
    return export_files(store, conversation_id, {fmt: output}, settings=settings, audit=audit,
                        with_reasoning=with_reasoning, language=language, model_sha256=model_sha256,
                        renderer=renderer)[0]


def export_files(
    store: Any,
    conversation_id: str,
    outputs: Mapping[str, Path],
    *,
    settings: Any,
    audit: Callable[[Any], None],
    with_reasoning: bool = False,
    language: str = "en",
    model_sha256: Callable[[str], str] | None = None,
    renderer: Renderer | None = None,
    written: list[ExportResult] | None = None,
) -> list[ExportResult]:
    """Export one conversation to several files (``{"docx": path, "pdf": path}``) from one record,
    so they hold the same content and export time: :func:`read_record` then :func:`write_files`
    (the window runs the two on different threads). Each file is audited, written and entered in
    its manifest before the next; ``written`` (if given) holds those done when a later one fails."""
    record = read_record(store, conversation_id, settings=settings, audit=audit, with_reasoning=with_reasoning,
                         language=language, model_sha256=model_sha256)
    return write_files(record, outputs, audit=audit, renderer=renderer, written=written)


def read_record(
    store: Any,
    conversation_id: str,
    *,
    settings: Any,
    audit: Callable[[Any], None],
    with_reasoning: bool = False,
    language: str = "en",
    model_sha256: Callable[[str], str] | None = None,
) -> ExportRecord:
    """Step 1, the only one that needs the store (reads only, quick): the ban is checked first (a
    refusal is audited, then ``HistoryExportDenied`` is raised), then the conversation's record."""
    from app.audit import PolicyRefusal
    from app.store.errors import HistoryExportDenied

    try:
        store.require_export()
    except HistoryExportDenied:
        audit(PolicyRefusal(setting="history.export_allowed", action="export"))
        raise
    return build_record(store, conversation_id, settings=settings, model_sha256=model_sha256,
                        with_reasoning=with_reasoning, language=language)


def write_files(
    record: ExportRecord,
    outputs: Mapping[str, Path],
    *,
    audit: Callable[[Any], None],
    renderer: Renderer | None = None,
    written: list[ExportResult] | None = None,
) -> list[ExportResult]:
    """Step 2, on any thread (no store): per file, render in memory and hash, write the ``Exported``
    record (an audit failure raises and stops the export), then the file and its manifest."""
    from app.audit import Exported

    done = written if written is not None else []
    for fmt, output in outputs.items():
        data = (renderer or default_renderer(fmt))(record)
        digest = sha256_hex(data)
        audit(Exported(format=fmt, conversation_ids=(record.conversation_id,), file_name=output.name,
                       file_sha256=digest))
        write_private_atomic(output, data)
        done.append(ExportResult(output, write_manifest(output, digest), digest))
    return done
