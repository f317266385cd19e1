"""``bauhinia models list / inspect / import / verify`` (DESIGN §3)."""

from __future__ import annotations

import argparse
import locale
import sys
from pathlib import Path
from typing import Any

from app.cli.output import CliError, emit_json
from app.i18n import tr
from app.models.catalogue import Catalogue, load_catalogue
from app.models.importing import ImportRefusedError, import_model
from app.models.verification import CACHE_FILE, HashCache, Progress, State, Verifier
from app.paths import user_paths
from app.settings import sources
from app.settings.store import SettingsStore
from app.typed_settings import get_str
from engine import gguf_file
from engine.errors import Cancelled, ModelFileError

CONTEXT = "ModelsCommand"


def register(sub: Any) -> None:
    models = sub.add_parser("models", help=tr(CONTEXT, "list, inspect, import and verify models"))
    msub = models.add_subparsers(dest="models_command", metavar="ACTION")

    p = msub.add_parser("list", help=tr(CONTEXT, "models from the IT catalogue and your own"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)

    p = msub.add_parser("inspect", help=tr(CONTEXT, "facts about a GGUF file"))
    p.add_argument("path")
    p.add_argument("--json", action="store_true")
    p.add_argument("--hash", action="store_true", help=tr(CONTEXT, "also compute the SHA-256"))
    p.set_defaults(func=cmd_inspect)

    p = msub.add_parser("import", help=tr(CONTEXT, "copy a GGUF file into your models and record its hash"))
    p.add_argument("path")
    p.add_argument("--id", dest="model_id")
    p.add_argument("--name", dest="display_name")
    p.add_argument("--in-place", action="store_true", help=tr(CONTEXT, "register the file where it is"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_import)

    p = msub.add_parser("verify", help=tr(CONTEXT, "check SHA-256 against the catalogue"))
    p.add_argument("model_id", nargs="?", metavar="ID")
    p.add_argument("--force", action="store_true", help=tr(CONTEXT, "re-hash even if the file is unchanged"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_verify)
    models.set_defaults(func=lambda args: (models.print_help(), 0)[1])


class _Context:
    """What every models command needs: settings, paths, catalogue and verifier."""

    def __init__(self) -> None:
        self.settings = SettingsStore()
        self.paths = user_paths()
        self.catalogue: Catalogue = load_catalogue(self.settings, self.paths, sources.admin_config_dir())
        self.verifier = Verifier(HashCache(self.paths.cache / CACHE_FILE))

    def language(self) -> str:
        return display_language(get_str(self.settings, "ui.language"))


def display_language(setting: str) -> str:
    """Map the ui.language setting to a catalogue language code; 'system' follows the locale."""
    if setting != "system":
        return setting
    name = (locale.getlocale()[0] or "").replace("-", "_")
    if name.startswith(("zh_HK", "zh_TW", "zh_MO", "Chinese (Traditional)")):
        return "zh_HK"
    if name.startswith(("zh", "Chinese")):
        return "zh_CN"
    return "en"


def _progress(label: str) -> Progress | None:
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        pct = 100 if total <= 0 else done * 100 // total
        sys.stderr.write(f"\r{label}: {pct:3d}%")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


def _warn_problems(ctx: _Context) -> None:
    for problem in ctx.catalogue.problems:
        sys.stderr.write(f"bauhinia: {tr(CONTEXT, 'warning')}: {problem}\n")


def cmd_list(args: argparse.Namespace) -> int:
    ctx = _Context()
    lang = ctx.language()
    rows = []
    for entry in ctx.catalogue.entries:
        item = entry.to_json(lang)
        item["verification"] = ctx.verifier.state(entry).state.value
        rows.append(item)
    if args.json:
        emit_json({"models": rows, "catalogue": str(ctx.catalogue.catalogue_path),
                   "user_imports_allowed": ctx.catalogue.user_imports_allowed,
                   "problems": ctx.catalogue.problems})
        return 0
    _warn_problems(ctx)
    if not rows:
        sys.stdout.write(tr(CONTEXT, "No models. The IT catalogue is read from %1.").replace(
            "%1", str(ctx.catalogue.catalogue_path)) + "\n")
        return 0
    headers = ("ID", tr(CONTEXT, "NAME"), tr(CONTEXT, "ROLE"), tr(CONTEXT, "SOURCE"), tr(CONTEXT, "STATE"),
               tr(CONTEXT, "PATH"))
    cells = [(r["id"] + (" *" if r["default"] else ""), r["display_name"], role_label(r["role"]), r["source"],
              r["verification"], r["path"]) for r in rows]
    widths = [max(len(str(c[i])) for c in [headers, *cells]) for i in range(5)]
    for line in [headers, *cells]:
        sys.stdout.write("  ".join(str(c).ljust(w) for c, w in zip(line[:5], widths, strict=True))
                         + "  " + str(line[5]) + "\n")
    return 0


def role_label(role: str) -> str:
    """What a model is for, in ``models list``: a chat model, or the library's embedding model."""
    return tr(CONTEXT, "embedding (library search)") if role == "embedding" else tr(CONTEXT, "chat")


def cmd_inspect(args: argparse.Namespace) -> int:
    path = Path(args.path)
    try:
        info = gguf_file.inspect(path)
    except ModelFileError as exc:
        raise CliError(str(exc)) from None
    sha = None
    if args.hash:
        paths = user_paths()
        verifier = Verifier(HashCache(paths.cache / CACHE_FILE))
        try:
            sha, _ = verifier.sha256(path, _progress(tr(CONTEXT, "Hashing")))
        except ModelFileError as exc:
            raise CliError(str(exc)) from None
        except OSError as exc:
            raise CliError(f"{path}: {exc.strerror or exc}") from None
    data = info.to_json(sha256=sha)
    why_not = _why_not_loadable(path)
    data["loadable"] = why_not is None
    data["loadable_reason"] = why_not
    if args.json:
        emit_json(data)
        return 0
    keys = ["path", "architecture", "name", "parameters", "quantization", "context_length",
            "has_chat_template", "file_size"] + (["sha256"] if sha else []) + ["loadable"]
    width = max(len(k) for k in keys)
    for k in keys:
        value = data[k]
        if k == "loadable":
            value = tr(CONTEXT, "yes") if why_not is None else tr(
                CONTEXT, "no: this version of llama.cpp cannot run it (%1)").replace("%1", why_not)
        sys.stdout.write(f"{k.ljust(width)}  {value}\n")
    return 0


def _why_not_loadable(path: Path) -> str | None:
    """``None`` when llama.cpp can read the model's architecture, hyper-parameters and vocabulary."""
    from engine.errors import EngineError
    from engine.loader import check_loadable

    try:
        return check_loadable(path)
    except EngineError as exc:
        return str(exc)


def cmd_import(args: argparse.Namespace) -> int:
    ctx = _Context()
    src = Path(args.path)
    if not src.is_file():
        raise CliError(tr(CONTEXT, "No such file: %1").replace("%1", str(src)))
    try:
        result = import_model(
            src, settings=ctx.settings, paths=ctx.paths, catalogue=ctx.catalogue, verifier=ctx.verifier,
            model_id=args.model_id, display_name=args.display_name, in_place=args.in_place,
            progress=_progress(tr(CONTEXT, "Copying")),
        )
    except (ImportRefusedError, ModelFileError, Cancelled) as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"{src}: {exc.strerror or exc}") from None
    entry = result.entry
    if args.json:
        emit_json({**entry.to_json(ctx.language()), "copied": result.copied,
                   "already_present": result.already_present})
    elif result.already_present:
        sys.stdout.write(tr(CONTEXT, "Already listed as %1").replace("%1", entry.id) + "\n")
    else:
        sys.stdout.write(f"{entry.id}  {entry.path}  sha256={entry.sha256}\n")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    ctx = _Context()
    if args.model_id:
        entry = ctx.catalogue.find(args.model_id)
        if entry is None:
            raise CliError(tr(CONTEXT, "No model with the id '%1'.").replace("%1", args.model_id))
        entries = [entry]
    else:
        entries = list(ctx.catalogue.entries)
    results = []
    for entry in entries:
        try:
            results.append(ctx.verifier.verify(entry, _progress(entry.id), force=args.force))
        except Cancelled as exc:
            raise CliError(str(exc)) from None
    bad = [r for r in results if r.state is not State.VERIFIED]
    if args.json:
        emit_json({"results": [r.to_json() for r in results], "ok": not bad})
    else:
        _warn_problems(ctx)
        for r in results:
            sys.stdout.write(f"{r.entry.id}  {r.state.value}  {r.entry.path}\n")
    if bad:
        sys.stderr.write("bauhinia: " + tr(CONTEXT, "%n model(s) failed verification: ", n=len(bad))
                         + ", ".join(f"{r.entry.id} ({r.state.value})" for r in bad) + "\n")
        return 1
    return 0
