"""`bauhinia docs add PATH… / list / search QUERY [--json] / remove PATH… / reindex` (DESIGN §3).

The library lives in the encrypted history database (opened as ``bauhinia history`` does).
Policy: ``documents.enabled`` off refuses every command; ``documents.user_folders_allowed``
off refuses ``add``/``remove`` (IT's ``documents.library_folders`` are indexed by ``reindex``
either way); ``documents.max_file_mb`` bounds each file. A bad file is reported with its
one-line reason on stderr and the others continue; the exit status is then 3.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.cli.output import CliError, emit_json
from app.i18n import tr

CONTEXT = "DocsCli"
PARTIAL = 3  # some files could not be read; the others were indexed


def _fill(text: str, *values: object) -> str:
    """Put ``values`` in for %1, %2, … (Qt's placeholders, kept in the translations)."""
    for n in range(len(values), 0, -1):
        text = text.replace(f"%{n}", str(values[n - 1]))
    return text


def register(sub: Any) -> None:
    docs = sub.add_parser("docs", help=tr(CONTEXT, "the document library"))
    dsub = docs.add_subparsers(dest="docs_command", metavar="ACTION", required=True)
    p = dsub.add_parser("add", help=tr(CONTEXT, "add files or folders to the library and index them"))
    p.add_argument("paths", nargs="+")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_add)
    p = dsub.add_parser("list", help=tr(CONTEXT, "list the library's documents"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)
    p = dsub.add_parser("search", help=tr(CONTEXT, "search the library (English and Chinese)"))
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=10)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_search)
    p = dsub.add_parser("remove", help=tr(CONTEXT, "remove files or folders from the library"))
    p.add_argument("paths", nargs="+")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_remove)
    p = dsub.add_parser("reindex", help=tr(CONTEXT, "pick up changed, added and removed files"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_reindex)


def _settings() -> Any:
    from app.settings.store import SettingsStore

    settings = SettingsStore()
    if not settings.get("documents.enabled"):
        raise CliError(tr(CONTEXT, "Documents are turned off by your organisation's policy."))
    return settings


def _open(*, user_change: bool = False) -> tuple[Any, Any, Any]:
    """(settings, store, library); ``user_change`` checks ``documents.user_folders_allowed``."""
    from app.cli.history_cmds import open_store
    from app.documents.library import Library

    settings = _settings()
    if user_change and not settings.get("documents.user_folders_allowed"):
        raise CliError(tr(CONTEXT, "Your organisation's policy does not allow adding or removing library files; "
                                   "only the shared library folders are indexed."))
    store, _values = open_store()
    return settings, store, Library(store)


def _index(settings: Any, library: Any, paths: list[str] | None, quiet: bool) -> Any:
    """The shared use-case (``app.documents.library_job``) with progress on stderr."""
    from app.audit import AuditWriteError, audit_log
    from app.documents.index import Progress
    from app.documents.library_job import index_library

    def progress(p: Progress) -> None:
        if p.error is not None:
            sys.stderr.write(f"bauhinia: {p.path}: {p.error.describe()}\n")
        if not quiet:
            eta = f"{p.eta_s:.0f}" if p.eta_s is not None else "?"
            sys.stderr.write(_fill(tr(CONTEXT, "[%1/%2] %3 pages, %4 pages/s, about %5 s left"), p.done, p.total,
                                   p.pages, f"{p.pages_per_s:.1f}", eta) + "\n")
        sys.stderr.flush()

    def embedding(done: int, total: int) -> None:
        if not quiet:
            sys.stderr.write(_fill(tr(CONTEXT, "Computing passage vectors: %1 of %2 passages"), done, total) + "\n")
            sys.stderr.flush()

    try:
        return index_library(settings, library, paths, progress=progress,
                             embedders=lambda: library_embedder(settings, _warn), embed_progress=embedding,
                             audit=audit_log())
    except AuditWriteError as exc:
        raise CliError(str(exc)) from exc


def _warn(message: str) -> None:
    sys.stderr.write(f"bauhinia: {message}\n")


def library_embedder(settings: Any, warn: Any) -> Any:
    """The policy's embedding model for a ``with`` block (None inside when none is named)."""
    from app.documents.embeddings import library_embedder as embedder_block

    return embedder_block(settings, warn)


def _report(report: Any, as_json: bool) -> int:
    errors = [{"file": path, "kind": exc.kind, "error": exc.describe()} for path, exc in report.errors]
    if as_json:
        emit_json({"extracted": report.extracted, "unchanged": report.unchanged, "removed": report.removed,
                   "pages": report.pages, "errors": errors})
    else:
        print(_fill(tr(CONTEXT, "Read %1 files (%2 pages), %3 unchanged, %4 removed, %5 could not be read."),
                    report.extracted, report.pages, report.unchanged, report.removed, len(errors)))
    return PARTIAL if errors else 0


def cmd_add(args: argparse.Namespace) -> int:
    settings, store, library = _open(user_change=True)
    with store:
        return _report(_index(settings, library, list(args.paths), args.json), args.json)


def cmd_reindex(args: argparse.Namespace) -> int:
    settings, store, library = _open()
    with store:
        return _report(_index(settings, library, None, args.json), args.json)


def cmd_remove(args: argparse.Namespace) -> int:
    from app.documents.index import remove_paths

    _settings, store, library = _open(user_change=True)
    with store:
        count = remove_paths(library, args.paths)
    if args.json:
        emit_json({"removed": count})
    else:
        print(_fill(tr(CONTEXT, "Removed %1 documents from the library."), count))
    return 0 if count else 1


def cmd_list(args: argparse.Namespace) -> int:
    from app.documents.errors import describe

    _settings, store, library = _open()
    with store:
        rows = library.documents()
    if args.json:
        emit_json([{"file": r.path, "sha256": r.sha256, "size": r.size, "format": r.format, "pages": r.pages,
                    "passages": r.passages, "status": r.status, "source": r.source, "error_kind": r.error_kind,
                    "error": describe(r.error_kind, r.error_value or "") if r.error_kind else None}
                   for r in rows])
        return 0
    for r in rows:
        state = describe(r.error_kind, r.error_value or "") if r.error_kind else r.status
        print(f"{r.path}\t{r.pages}\t{state}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    settings, store, library = _open()
    with store, library_embedder(settings, _warn) as embedder:
        hits = library.search(args.query, limit=max(1, args.limit), embedder=embedder)
    if args.json:
        emit_json([{"file": h.file, "page": h.page, "text": h.text, "score": h.score} for h in hits])
        return 0
    for n, h in enumerate(hits, 1):
        print(f"[{n}] {h.name} p.{h.page} ({h.score:.2f})\n    {h.snippet}")
    return 0
