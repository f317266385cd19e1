"""``bauhinia policy show [--json]``: every setting's effective value, its source and its lock."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from app.cli.output import emit_json, table
from app.i18n import tr
from app.settings.store import SettingsStore

CONTEXT = "PolicyCommand"


def register(sub: Any) -> None:
    policy = sub.add_parser("policy", help=tr(CONTEXT, "show settings and managed policy"))
    policy_sub = policy.add_subparsers(dest="policy_command", metavar="ACTION")
    show = policy_sub.add_parser("show", help=tr(CONTEXT, "effective value, source and lock of every setting"))
    show.add_argument("--json", action="store_true", help=tr(CONTEXT, "print one JSON object"))
    show.set_defaults(func=cmd_show)
    policy.set_defaults(func=lambda args: (policy.print_help(), 0)[1])


def _compact(value: Any) -> str:
    text = value if isinstance(value, str) and value else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"


def cmd_show(args: argparse.Namespace) -> int:
    store = SettingsStore()
    if args.json:
        emit_json({
            "settings": [e.to_json() for e in store.all()],
            "problems": [str(p) for p in store.problems],
            "locations": store.locations.describe(),
        })
        return 0
    locked_word = tr(CONTEXT, "locked")
    rows = [(tr(CONTEXT, "SETTING"), f"{tr(CONTEXT, 'VALUE'):<40}  {tr(CONTEXT, 'SOURCE'):<11}  "
                                     + tr(CONTEXT, "LOCKED"))]
    for e in store.all():
        flags = locked_word + (" (fail-closed)" if e.fail_closed else "") if e.locked else ""
        rows.append((e.key, f"{_compact(e.value):<40}  {e.source.value:<11}  {flags}".rstrip()))
    sys.stdout.write(table(rows) + "\n")
    for problem in store.problems:
        sys.stderr.write(f"bauhinia: {tr(CONTEXT, 'warning')}: {problem}\n")
    return 0
