"""`bauhinia` entry point: no arguments opens the window, sub-commands per DESIGN §3.

Each command group lives in its own module exposing ``register(subparsers)``; a handler is set
with ``set_defaults(func=handler)`` and returns the exit status.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from app import __version__
from app.cli.output import CliError
from app.i18n import tr

# Modules that add sub-commands. Each exposes register(subparsers).
COMMAND_MODULES: tuple[str, ...] = (
    "app.cli.engine_cmds",
    "app.cli.policy_cmds",
    "app.cli.models_cmds",
    "app.cli.history_cmds",
    "app.cli.audit_cmds",
    "app.cli.glossary_cmds",
    "app.cli.presets_cmds",
    "app.cli.docs_cmds",
)


def user_facing_errors() -> tuple[type[BaseException], ...]:
    """Exceptions whose message is written for users: print it on one line, no traceback."""
    from app.audit import AuditWriteError
    from app.glossary import GlossaryError
    from app.settings.store import SettingsError
    from app.store.errors import HistoryError
    from engine.errors import EngineError

    return (EngineError, HistoryError, SettingsError, AuditWriteError, GlossaryError)


def _install_cli_language() -> None:
    """The user's (or IT's) interface language beats the system locale for CLI output too."""
    from app.i18n import install_translators
    from app.settings.store import SettingsStore

    try:
        language = str(SettingsStore().get("ui.language"))
    except Exception:  # a broken settings file must not stop the CLI; it reports problems itself
        language = "system"
    install_translators(None, language)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bauhinia", description="Bauhinia offline AI assistant")
    parser.add_argument("--version", action="version", version=f"bauhinia {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def launch_gui(argv: Sequence[str]) -> int:
    try:
        gui = importlib.import_module("app.ui.main")
    except ModuleNotFoundError:
        sys.stderr.write("bauhinia: the desktop window is not available in this build; see 'bauhinia --help'\n")
        return 2
    if not gui.has_display(argv):
        # SSH, a container, a server: say so in one line instead of Qt's platform-plugin abort.
        _install_cli_language()
        message = tr("CLI", "there is no desktop session here (no DISPLAY or WAYLAND_DISPLAY), so the window "
                            "cannot open. Without one, try: bauhinia selftest, bauhinia doctor, bauhinia ask \"…\"")
        sys.stderr.write(f"bauhinia: {message}\n")
        return 1
    return int(gui.run(list(argv)))


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or args_list[0].startswith("-platform"):
        return launch_gui(args_list)
    _install_cli_language()
    parser = build_parser()
    args = parser.parse_args(args_list)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return int(args.func(args))
    except CliError as exc:
        sys.stderr.write(f"bauhinia: {exc}\n")
        return exc.code
    except user_facing_errors() as exc:
        sys.stderr.write(f"bauhinia: {exc}\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("bauhinia: interrupted\n")
        return 130


if __name__ == "__main__":
    sys.exit(main())
