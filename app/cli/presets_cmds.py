"""`bauhinia presets list [--json]`, `presets add FILE [--replace]`, `presets remove ID` and the
``ask --preset ID`` lookup. ``add`` takes a JSON file holding one preset (or ``{"presets": […]}``) in
the ``presets.json`` format; it is checked by the same rules as IT's file before it is saved."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
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
    a = psub.add_parser("add", help=tr(CONTEXT, "save your own preset(s) from a JSON file"))
    a.add_argument("file", type=Path, metavar="FILE")
    a.add_argument("--replace", action="store_true", help=tr(CONTEXT, "replace your preset with the same id"))
    a.set_defaults(func=cmd_add)
    r = psub.add_parser("remove", help=tr(CONTEXT, "remove one of your own presets"))
    r.add_argument("id", metavar="ID")
    r.set_defaults(func=cmd_remove)


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


def _entries(file: Path) -> list[Any]:
    try:
        doc = json.loads(file.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as exc:
        raise CliError(tr(CONTEXT, "Cannot read {file}: {error}").format(
            file=file, error=getattr(exc, "strerror", None) or exc)) from exc
    entries = doc.get("presets") if isinstance(doc, dict) and "presets" in doc else [doc]
    if not isinstance(entries, list) or not entries:
        raise CliError(tr(CONTEXT, "{file} holds no preset.").format(file=file))
    return entries


def cmd_add(args: argparse.Namespace) -> int:
    from app.presets import PresetError
    from app.presets.user_store import save_user_preset
    from app.settings.store import SettingsStore

    settings = SettingsStore()
    for raw in _entries(args.file):
        pid = raw.get("id") if isinstance(raw, dict) else None
        try:
            mine = _load(settings).find(str(pid))
            replaces = pid if args.replace and mine is not None and mine.source == "user" else None
            preset = save_user_preset(settings, raw if isinstance(raw, dict) else {}, replaces=replaces)
        except PresetError as exc:
            raise CliError(str(exc)) from exc
        print(tr(CONTEXT, "Saved your preset {id}.").format(id=preset.id))
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from app.presets import PresetError
    from app.presets.user_store import remove_user_preset
    from app.settings.store import SettingsStore

    try:
        remove_user_preset(SettingsStore(), args.id)
    except PresetError as exc:
        raise CliError(str(exc)) from exc
    print(tr(CONTEXT, "Removed your preset {id}.").format(id=args.id))
    return 0
