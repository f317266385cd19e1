"""Refresh the ``.ts`` files from the sources and build the ``.qm`` files.

    .venv/bin/python translations/update.py             # extract, merge, report counts, build .qm
    .venv/bin/python translations/update.py --release   # only build stale .qm (packaging, setup-dev)
    .venv/bin/python translations/update.py --check     # fail if a .ts is out of date or unfinished

Extraction is ``translations/extract.py`` (an AST reader that understands our ``tr(CONTEXT, …)``
helper, which ``pyside6-lupdate`` misreads); ``--lupdate`` also runs ``pyside6-lupdate`` and lists
any message it finds that the extractor does not. Compilation is ``pyside6-lrelease``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.i18n import TRANSLATED, compile_translations, ts_path  # noqa: E402
from translations.extract import extract, python_sources  # noqa: E402
from translations.ts_file import merge, read_ts, write_ts  # noqa: E402


def lupdate_messages(root: Path = ROOT) -> set[tuple[str, str]]:
    """``(context, source)`` pairs that ``pyside6-lupdate`` finds (empty contexts are its misreads)."""
    tool = shutil.which("pyside6-lupdate") or shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    if tool is None:
        raise RuntimeError("pyside6-lupdate not found")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "lupdate.ts"
        files = [str(p) for p in python_sources(root)]
        subprocess.run([tool, *files, "-ts", str(out)], check=True, capture_output=True)
        tree = ET.parse(out).getroot()
    found: set[tuple[str, str]] = set()
    for ctx in tree.iter("context"):
        name = ctx.findtext("name") or ""
        if not name:
            continue
        for msg in ctx.iter("message"):
            found.add((name, msg.findtext("source") or ""))
    return found


def update(root: Path = ROOT) -> dict[str, dict[str, int]]:
    extraction = extract(root)
    for problem in extraction.problems:
        print(f"warning: {problem}", file=sys.stderr)
    counts: dict[str, dict[str, int]] = {}
    for language in TRANSLATED:
        path = ts_path(language)
        merged = merge(read_ts(path, language), extraction)
        write_ts(merged, path)
        counts[language] = merged.counts()
    return counts


def check(root: Path = ROOT) -> list[str]:
    """Reasons the translations are not complete and current (empty list: all good)."""
    extraction = extract(root)
    reasons = [f"extraction problem: {p}" for p in extraction.problems]
    for language in TRANSLATED:
        ts = read_ts(ts_path(language), language)
        active = {e.key for e in ts.active()}
        missing = [k for k in extraction.messages if k not in active]
        stale = [k for k in active if k not in extraction.messages]
        reasons += [f"{language}: not in the .ts yet: {k}" for k in missing]
        reasons += [f"{language}: no longer in the code: {k}" for k in stale]
        reasons += [f"{language}: unfinished: {e.key}" for e in ts.active() if e.status == "unfinished"]
    return reasons


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--release", action="store_true", help="only build stale .qm files")
    parser.add_argument("--check", action="store_true", help="fail if a .ts is out of date or unfinished")
    parser.add_argument("--lupdate", action="store_true", help="cross-check against pyside6-lupdate")
    args = parser.parse_args(argv)
    if args.check:
        reasons = check()
        for reason in reasons:
            print(reason)
        return 1 if reasons else 0
    if not args.release:
        for language, c in update().items():
            print(f"{ts_path(language).name}: {c['messages']} messages, {c['finished']} finished, "
                  f"{c['unfinished']} unfinished, {c['empty']} empty, {c['numerus']} plural, "
                  f"{c['vanished']} vanished")
        if args.lupdate:
            ours = {(k[0], k[1]) for k in extract(ROOT).messages}
            for ctx, source in sorted(lupdate_messages() - ours):
                print(f"lupdate found but the extractor did not: [{ctx}] {source!r}")
    for qm in compile_translations(force=not args.release):
        print(f"built {qm.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
