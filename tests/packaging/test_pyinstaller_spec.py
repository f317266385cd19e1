"""The PyInstaller spec's own guards, run without PyInstaller: no ``excludes`` entry names a module
the app imports (once PySide6.QtNetwork was excluded while the single-instance code needed it, and
every frozen window crashed at start), the module list for ``--self-check-imports`` covers the
source tree, and the styles are bundled. The full proof - every module imported inside a real
frozen bundle - is packaging/freeze.sh (run by the packaging pipeline)."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "pyinstaller" / "bauhinia.spec"


def _spec_parts() -> dict[str, Any]:
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    ns: dict[str, Any] = {"ast": ast, "Path": Path}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name in ("imported_modules", "source_modules"):
            exec(compile(ast.Module([node], []), str(SPEC), "exec"), ns)
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "excludes" for t in node.targets):
            ns["excludes"] = ast.literal_eval(node.value)
    return ns


def _clash(imported: dict[str, str], excludes: list[str]) -> list[str]:
    return [name for name in imported if any(name == ex or name.startswith(ex + ".") for ex in excludes)]


def test_no_exclude_is_imported_by_the_app() -> None:
    parts = _spec_parts()
    assert _clash(parts["imported_modules"](ROOT), parts["excludes"]) == []


def test_the_exclude_guard_would_have_caught_the_qtnetwork_crash() -> None:
    parts = _spec_parts()
    old_excludes = [*parts["excludes"], "PySide6.QtNetwork"]  # the spec as it was
    assert "PySide6.QtNetwork" in _clash(parts["imported_modules"](ROOT), old_excludes)


def test_self_check_list_covers_every_app_and_engine_module() -> None:
    modules = set(_spec_parts()["source_modules"](ROOT))
    for package in ("app", "engine"):
        for path in (ROOT / package).rglob("*.py"):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            assert name in modules
    assert {"app.ui.single_instance", "app.ui.main", "engine"} <= modules


def test_styles_are_bundled() -> None:
    text = SPEC.read_text(encoding="utf-8")
    assert '"styles"' in text and (ROOT / "resources" / "styles" / "app.qss").is_file()
