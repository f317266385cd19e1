"""Test-only launcher: run the ``bauhinia`` command (``app.cli.main.main``) in a child process that
reads the test's admin folder instead of the machine's /etc/bauhinia, and that refuses to open
anything under /etc/bauhinia or the real home.

Use it for every test that runs the CLI in a subprocess::

    proc = subprocess.run(cli_child.command("policy", "show"), env=cli_child.child_env(), ...)

Why this is not a way around managed policy: the app itself has no switch, variable or argument
that moves the policy location; ``admin_config_dir`` is replaced here, in test code that is not
installed or shipped, by running Python that patches a function before calling ``main``. Anyone
who can run arbitrary Python as themselves can already do that to their own process (or write
their own client); policy protects the machine's configuration from the app's ordinary paths, not
a user's process from its own user. ``BAUHINIA_TEST_ADMIN_DIR`` is read by this file only.

The guard is an audit hook (``sys.addaudithook``) on ``open``, ``os.listdir`` and ``os.scandir``:
a path under /etc/bauhinia, or under the real home (outside the Python installation and this
checkout), is refused with PermissionError and a ``cli_child: blocked ...`` line on stderr, so a
test sees it even if the app swallowed the error.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ADMIN_DIR_VAR = "BAUHINIA_TEST_ADMIN_DIR"  # same names as tests/isolation.py (imported there by the parent)
REAL_HOME_VAR = "BAUHINIA_TEST_REAL_HOME"
BLOCKED = "cli_child: blocked"
REAL_ADMIN_DIR = Path("/etc/bauhinia")


def command(*args: str) -> list[str]:
    """The argv that runs ``bauhinia ARGS...`` through this launcher."""
    return [sys.executable, str(Path(__file__).resolve()), *args]


def child_env(extra: Mapping[str, str] | None = None, *, admin_dir: Path | None = None,
              base: Mapping[str, str] | None = None) -> dict[str, str]:
    """The child's environment: ``base`` (default: this process's, already isolated by the
    conftest) plus ``extra``, the admin folder this process uses now (or ``admin_dir``), and the
    real home to guard."""
    from isolation import REAL_HOME

    from app.settings import sources

    env = dict(os.environ if base is None else base)
    env.update(extra or {})
    folder = Path(admin_dir) if admin_dir is not None else sources.admin_config_dir()
    if folder.resolve() == REAL_ADMIN_DIR.resolve():
        raise AssertionError("a test child would read the real /etc/bauhinia; isolate the admin folder first")
    env[ADMIN_DIR_VAR] = str(folder)
    env[REAL_HOME_VAR] = str(REAL_HOME)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    return env


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def install_guard(real_home: Path | None) -> None:
    """Refuse opens and listings under /etc/bauhinia and under ``real_home``, except the Python
    installation and this checkout (which may live in a home folder)."""
    forbidden = [REAL_ADMIN_DIR]
    if real_home is not None and real_home != Path("/"):
        forbidden.append(real_home)
    allowed = {Path(p).resolve() for p in (sys.prefix, sys.base_prefix, sys.exec_prefix, ROOT)}

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if event not in ("open", "os.listdir", "os.scandir") or not args:
            return
        target = args[0]
        if isinstance(target, bytes):
            target = os.fsdecode(target)
        if not isinstance(target, str | os.PathLike):
            return  # a file descriptor
        path = Path(os.path.abspath(target))
        if any(_inside(path, f) for f in forbidden) and not any(_inside(path, a) for a in allowed):
            os.write(2, f"{BLOCKED} {event} {path}\n".encode())
            raise PermissionError(f"{BLOCKED}: {path}")

    sys.addaudithook(hook)


def main() -> int:
    if not prepare_child():
        return 2
    from app.cli.main import main as bauhinia_main

    return bauhinia_main(sys.argv[1:])


def prepare_child() -> bool:
    """Guard, ``sys.path`` and admin folder for a test child (this launcher, tests/atspi_app.py);
    False (with a line on stderr) when the admin folder was not given."""
    admin = os.environ.get(ADMIN_DIR_VAR)
    if not admin:
        sys.stderr.write(f"cli_child: {ADMIN_DIR_VAR} is not set; refusing to run against the real /etc/bauhinia\n")
        return False
    real_home = os.environ.get(REAL_HOME_VAR)
    install_guard(Path(real_home) if real_home else None)
    # Running this file put tests/ first on sys.path; its folders (tests/app, ...) must not shadow the app.
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
    sys.path.insert(0, str(ROOT))
    from app.settings import sources

    sources.admin_config_dir = lambda: Path(admin)
    from app import admin_files

    admin_files.admin_uids = lambda: frozenset({0, os.getuid()})  # the test's admin folder is the tester's
    return True


if __name__ == "__main__":
    sys.exit(main())
