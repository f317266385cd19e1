"""`bauhinia history export ID --format docx|pdf [-o FILE] [--with-reasoning]` (records-grade)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.output import CliError
from app.i18n import tr

CONTEXT = "HistoryCli"


def cmd_export_file(args: argparse.Namespace) -> int:
    from app.cli.history_cmds import _audit, _run
    from app.export.model_hash import model_sha256_lookup
    from app.export.service import export_conversation
    from app.i18n import current_language
    from app.settings.store import SettingsStore
    from app.store import HistoryStore

    if args.id == "all":
        raise CliError(tr(CONTEXT, "DOCX and PDF exports take one conversation id."))
    output: Path = args.output or Path(f"{args.id}.{args.format}")
    settings = SettingsStore()

    def action(store: HistoryStore, _values: dict[str, Any]) -> int:
        try:
            result = export_conversation(
                store, args.id, args.format, output, settings=settings, audit=_audit,
                with_reasoning=args.with_reasoning, language=current_language(),
                model_sha256=model_sha256_lookup(settings),
            )
        except OSError as exc:
            raise CliError(
                tr(CONTEXT, "Cannot write {path}: {error}").format(path=output, error=exc.strerror or exc)
            ) from exc
        print(tr(CONTEXT, "Exported {path} (SHA-256 {sha}); manifest {manifest}").format(
            path=result.path, sha=result.sha256, manifest=result.manifest))
        return 0

    return _run(args, action)
