"""``bauhinia audit verify [PATH] [--json]``: check the audit log's hash chain (exit 0 only if intact)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.audit import audit_location, verify_log
from app.cli.output import CliError, emit_json
from app.i18n import tr

CONTEXT = "AuditCli"


def register(sub: Any) -> None:
    audit = sub.add_parser("audit", help=tr(CONTEXT, "the audit log"))
    asub = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    p = asub.add_parser("verify", help=tr(CONTEXT, "check the audit log's hash chain; exit 0 only if intact"))
    p.add_argument("path", nargs="?", type=Path,
                   help=tr(CONTEXT, "log folder or file (default: the configured audit log)"))
    p.add_argument("--json", action="store_true", help=tr(CONTEXT, "print one JSON object"))
    p.set_defaults(func=cmd_verify)


def cmd_verify(args: argparse.Namespace) -> int:
    location = args.path if args.path is not None else audit_location()
    result = verify_log(location)
    if args.json:
        emit_json(result.to_json())
        return 0 if result.ok else 1
    if not result.ok:
        raise CliError(result.problem)
    print(tr(CONTEXT, "Audit log intact: {records} record(s) in {files} file(s).").format(
        records=result.records, files=len(result.files)))
    return 0
