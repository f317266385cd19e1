"""No user-visible literal in app/ bypasses translation (an AST scan of the Qt calls that show text)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# method name → positions of the arguments that are shown to the user
TEXT_METHODS: dict[str, tuple[int, ...]] = {
    "setText": (0,), "setToolTip": (0,), "setStatusTip": (0,), "setWhatsThis": (0,),
    "setAccessibleName": (0,), "setAccessibleDescription": (0,), "setWindowTitle": (0,),
    "setPlaceholderText": (0,), "setTitle": (0,), "setLabelText": (0,), "setInformativeText": (0,),
    "setDetailedText": (0,), "setPrefix": (0,), "setSuffix": (0,), "setSpecialValueText": (0,),
    "setFormat": (0,), "setTabText": (1,), "setTabToolTip": (1,), "setItemText": (1,), "addTab": (1,),
    "insertTab": (2,), "addAction": (0,), "addMenu": (0,), "showMessage": (0,), "setHeaderLabels": (0,),
    "getText": (1, 2), "getItem": (1, 2), "getInt": (1, 2), "getOpenFileName": (1,), "getSaveFileName": (1,),
    "getExistingDirectory": (1,), "show_notice": (0,), "setButtonText": (1,),
}
MESSAGE_BOX = {"information": (1, 2), "warning": (1, 2), "critical": (1, 2), "question": (1, 2), "about": (1, 2)}
WIDGET_CTORS: dict[str, tuple[int, ...]] = {
    "QLabel": (0,), "QPushButton": (0,), "QToolButton": (), "QCheckBox": (0,), "QRadioButton": (0,),
    "QGroupBox": (0,), "QAction": (0,), "QMenu": (0,), "QCommandLinkButton": (0, 1), "QMessageBox": (1, 2),
}
TRANSLATING = {"tr", "translate", "_tr", "QT_TRANSLATE_NOOP", "QT_TR_NOOP", "translated"}


def _is_visible_literal(node: ast.AST) -> bool:
    """A literal (or f-string, or concatenation involving one) with letters a user would read."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return any(ch.isalpha() for ch in re.sub(r"<[^>]*>", "", node.value))  # markup alone is not text
    if isinstance(node, ast.JoinedStr):
        return any(_is_visible_literal(v) for v in node.values if isinstance(v, ast.Constant))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _is_visible_literal(node.left) or _is_visible_literal(node.right)
    return False


def _pieces(node: ast.AST) -> list[ast.AST]:
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _pieces(node.left) + _pieces(node.right)
    return [node]


def _is_concatenated_translation(node: ast.AST) -> bool:
    """``tr("A") + " " + tr("B")``: a sentence assembled from pieces cannot be translated well.

    Wrapping whole translated messages in HTML markup (``"<h2>" + tr(...) + "</h2>"``) is fine.
    """
    pieces = _pieces(node)
    if len(pieces) < 2 or not any(isinstance(n, ast.Call) and _callee(n) in TRANSLATING
                                  for p in pieces for n in ast.walk(p)):
        return False
    return any(isinstance(piece, ast.Constant) and isinstance(piece.value, str)
               and re.sub(r"<[^>]*>", "", piece.value) != "" for piece in pieces)


def _callee(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def scan(root: Path) -> list[str]:
    problems: list[str] = []
    for path in sorted((root / "app").rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _callee(node)
            positions: tuple[int, ...] = ()
            if name in TEXT_METHODS and isinstance(node.func, ast.Attribute):
                positions = TEXT_METHODS[name]
            elif name in MESSAGE_BOX and isinstance(node.func, ast.Attribute) and \
                    isinstance(node.func.value, ast.Name) and node.func.value.id == "QMessageBox":
                positions = MESSAGE_BOX[name]
            elif name in WIDGET_CTORS:
                positions = WIDGET_CTORS[name]
            for pos in positions:
                if pos < len(node.args):
                    arg = node.args[pos]
                    if _is_concatenated_translation(arg):
                        problems.append(f"{rel}:{node.lineno}: {name}() shows text built by concatenation")
                    elif _is_visible_literal(arg):
                        problems.append(f"{rel}:{node.lineno}: {name}() shows an untranslated literal")
            for kw in node.keywords:
                if kw.arg in {"text", "toolTip", "title", "windowTitle", "placeholderText"} and \
                        _is_visible_literal(kw.value):
                    problems.append(f"{rel}:{node.lineno}: {name}({kw.arg}=...) shows an untranslated literal")
    return problems


def test_scanner_catches_what_it_should(tmp_path: Path) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "w.py").write_text(
        "label.setText('Hello')\n"
        "label.setText(self.tr('Hello'))\n"
        "QMessageBox.warning(self, 'Oops', self.tr('x'))\n"
        "b = QPushButton(f'Go {n}')\n"
        "b.setToolTip(self.tr('a') + ' ' + self.tr('b'))\n"
        "b.setToolTip('…')\n"
        "menu.addAction(self.tr('&Quit'))\n", encoding="utf-8")
    found = scan(tmp_path)
    assert found == [
        "app/w.py:1: setText() shows an untranslated literal",
        "app/w.py:3: warning() shows an untranslated literal",
        "app/w.py:4: QPushButton() shows an untranslated literal",
        "app/w.py:5: setToolTip() shows text built by concatenation",
    ]


def test_no_untranslated_literal_in_app() -> None:
    assert scan(ROOT) == []
