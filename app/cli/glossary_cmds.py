"""``bauhinia glossary check [PATH]`` and ``glossary match TEXT``: let IT try a glossary file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.output import CliError, emit_json
from app.glossary import GlossaryError, glossary_location, load_glossary
from app.i18n import tr

CONTEXT = "GlossaryCli"
LANGS = ("en", "zh_HK", "zh_CN")


def register(sub: Any) -> None:
    glossary = sub.add_parser("glossary", help=tr(CONTEXT, "terminology glossaries"))
    gsub = glossary.add_subparsers(dest="glossary_command", metavar="ACTION", required=True)
    p = gsub.add_parser("check", help=tr(CONTEXT, "read a glossary and report its first problem"))
    p.add_argument("path", nargs="?", type=Path, help=tr(CONTEXT, "file or folder (default: the configured glossary)"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_check)
    p = gsub.add_parser("match", help=tr(CONTEXT, "list the glossary terms found in a text"))
    p.add_argument("text")
    p.add_argument("--from", dest="source", choices=LANGS, help=tr(CONTEXT, "language of the text (default: any)"))
    p.add_argument("--to", dest="target", choices=LANGS, required=True, help=tr(CONTEXT, "target language"))
    p.add_argument("--glossary", type=Path, help=tr(CONTEXT, "file or folder (default: the configured glossary)"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_match)


def _load(path: Path | None) -> Any:
    if path is None:
        from app.settings.store import SettingsStore

        path = glossary_location(SettingsStore())
        if path is None:
            raise CliError(tr(CONTEXT, "No glossary is configured (setting glossary.path)."))
    try:
        return load_glossary(path)
    except GlossaryError as exc:
        raise CliError(str(exc)) from exc


def cmd_check(args: argparse.Namespace) -> int:
    glossary = _load(args.path)
    if args.json:
        emit_json({"entries": len(glossary)})
    else:
        print(tr(CONTEXT, "Glossary OK: %n entries.", n=len(glossary)))
    return 0


def cmd_match(args: argparse.Namespace) -> int:
    glossary = _load(args.glossary)
    matches = glossary.match(args.text, args.source, args.target)
    if args.json:
        emit_json({"matches": [{"term": m.term, "expected": m.expected, "note": m.entry.note,
                                "file": m.entry.source, "line": m.entry.line} for m in matches]})
    else:
        for m in matches:
            print(f"{m.term} → {m.expected}")
    return 0
