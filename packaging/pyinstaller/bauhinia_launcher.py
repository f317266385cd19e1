"""Entry script for the frozen app: the same `bauhinia` command as the console script.

One hidden build-time path: ``bauhinia --self-check-imports`` imports every ``app.*`` and
``engine.*`` module listed in ``bauhinia-modules.txt`` (written by the spec from the source tree,
so a module the analysis missed or an ``excludes`` entry the app needs shows up here), prints one
line per failure and exits 1 if any import failed. packaging/freeze.sh runs it on every build.
"""

from __future__ import annotations

import importlib
import sys
import traceback
from pathlib import Path

SELF_CHECK = "--self-check-imports"
MODULE_LIST = "bauhinia-modules.txt"


def self_check_imports() -> int:
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent))
    names = [n.strip() for n in (base / MODULE_LIST).read_text(encoding="utf-8").splitlines() if n.strip()]
    failed = 0
    for name in names:
        try:
            importlib.import_module(name)
        except BaseException as exc:
            failed += 1
            where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
            at = f" ({where.filename}:{where.lineno})" if where else ""
            print(f"self-check-imports: {name}: {type(exc).__name__}: {exc}{at}", file=sys.stderr)
    print(f"self-check-imports: {len(names) - failed}/{len(names)} modules imported", file=sys.stderr)
    return 1 if failed or not names else 0


if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()  # the document reader's spawned child (app/documents/sandbox.py) starts here
    if sys.argv[1:] == [SELF_CHECK]:
        sys.exit(self_check_imports())
    from app.cli.main import main

    sys.exit(main())
