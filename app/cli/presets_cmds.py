"""`bauhinia presets list [--json]` and the ``ask --preset ID`` lookup."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.cli.output import CliError, emit_json
from app.i18n import tr

CONTEXT = "PresetsCli"


def register(sub: Any) -> None:
    presets = sub.add_parser("presets", help=tr(CONTEXT, "task presets (built-in, IT's and your own)"))
    psub = presets.add_subparsers(dest="presets_command", metavar="ACTION", required=True)
    p = psub.add_parser("list", help=tr(CONTEXT, "list the presets and any problems with the files"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)


def _load(settings: Any) -> Any:
    from app.presets import load_presets

    return load_presets(settings)


def find_preset(settings: Any, preset_id: str | None) -> Any:
    """The preset ``ask --preset`` names (None when none is named); unknown ids are an error."""
    if not preset_id:
        return None
    found = _load(settings)
    preset = found.find(preset_id)
    if preset is None:
        known = ", ".join(p.id for p in found.presets)
        raise CliError(tr(CONTEXT, "No preset '{id}'. Known presets: {known}").format(id=preset_id, known=known))
    return preset


def cmd_list(args: argparse.Namespace) -> int:
    from app.i18n import current_language
    from app.settings.store import SettingsStore

    language = current_language()
    found = _load(SettingsStore())
    if args.json:
        emit_json({
            "presets": [p.to_json(language) for p in found.presets],
            "problems": found.problems,
            "it_path": str(found.it_path) if found.it_path else None,
            "user_allowed": found.user_allowed,
        })
        return 0
    sources = {"builtin": tr(CONTEXT, "built-in"), "it": tr(CONTEXT, "IT (locked)"), "user": tr(CONTEXT, "yours")}
    width = max((len(p.id) for p in found.presets), default=0)
    for p in found.presets:
        print(f"{p.id:<{width}}  {p.title(language)}  [{sources[p.source]}]")
        if p.about(language):
            print(f"{'':<{width}}  {p.about(language)}")
    for problem in found.problems:
        sys.stderr.write(f"bauhinia: {tr(CONTEXT, 'warning')}: {problem}\n")
    return 0
