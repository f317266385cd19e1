"""Find every translatable string in ``app/`` by reading the Python syntax tree.

``pyside6-lupdate`` reads ``self.tr("…")`` and ``QCoreApplication.translate("Ctx", "…")`` but
mistakes our ``tr(CONTEXT, "…")`` helper for ``tr(source, comment)`` and cannot resolve a context
held in a constant. This extractor understands all the forms the code base uses:

* ``self.tr(text[, disambiguation[, n]])`` inside a class → context is the class name (as Qt);
* ``QCoreApplication.translate(ctx, text[, disambiguation[, n]])`` (also ``QApplication``);
* ``tr(ctx, text[, disambiguation[, n]])`` where ``tr`` comes from ``app.i18n`` or ``app.translation``;
* ``QT_TRANSLATE_NOOP(ctx, text)`` and any alias (``_T = QT_TRANSLATE_NOOP``);
* ``QT_TR_NOOP(text)`` inside a class.

``ctx`` may be a literal or a module-level string constant. Anything else it cannot read (a text
that is not a literal) is reported as a problem rather than silently skipped.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Location:
    path: str  # relative to the repository root, with forward slashes
    line: int


@dataclass
class Message:
    context: str
    source: str
    comment: str = ""  # Qt's "disambiguation"
    numerus: bool = False
    locations: list[Location] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)


@dataclass
class Extraction:
    messages: dict[tuple[str, str, str], Message] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def add(self, context: str, source: str, comment: str, numerus: bool, loc: Location) -> None:
        key = (context, source, comment)
        msg = self.messages.get(key)
        if msg is None:
            msg = self.messages[key] = Message(context, source, comment, numerus)
        msg.numerus = msg.numerus or numerus
        if loc not in msg.locations:
            msg.locations.append(loc)


_TRANSLATE_OWNERS = {"QCoreApplication", "QApplication", "QGuiApplication"}


def _const_str(node: ast.AST | None, constants: dict[str, str]) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name) and node.id in constants:
        return constants[node.id]
    return None


def _arg(call: ast.Call, index: int, name: str) -> ast.AST | None:
    if len(call.args) > index:
        return call.args[index]
    for kw in call.keywords:
        if kw.arg == name:
            return kw.value
    return None


def _has_numerus(node: ast.AST | None) -> bool:
    if node is None:
        return False
    return not (isinstance(node, ast.Constant) and node.value in (-1, None))


def module_constants(tree: ast.Module) -> dict[str, str]:
    """Module-level ``NAME = "text"`` assignments."""
    found: dict[str, str] = {}
    for stmt in tree.body:
        if (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
                and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str)):
            found[stmt.targets[0].id] = stmt.value.value
    return found


def _wrapper_context(fn: ast.FunctionDef, constants: dict[str, str], tr_names: set[str]) -> str | None:
    """``def _tr(text): return QCoreApplication.translate("Ctx", text)`` → ``"Ctx"``."""
    params = [a.arg for a in fn.args.args]
    if len(params) != 1 or len(fn.body) != 1 or not isinstance(fn.body[0], ast.Return):
        return None
    call = fn.body[0].value
    if not isinstance(call, ast.Call) or len(call.args) != 2:
        return None
    func = call.func
    is_translate = (isinstance(func, ast.Attribute) and func.attr == "translate"
                    and isinstance(func.value, ast.Name) and func.value.id in _TRANSLATE_OWNERS)
    is_tr = isinstance(func, ast.Name) and func.id in tr_names
    text = call.args[1]
    if (is_translate or is_tr) and isinstance(text, ast.Name) and text.id == params[0]:
        return _const_str(call.args[0], constants)
    return None


class _Visitor(ast.NodeVisitor):
    def __init__(self, rel: str, tree: ast.Module, out: Extraction,
                 all_constants: dict[str, dict[str, str]] | None = None) -> None:
        self.rel = rel
        self.out = out
        self.classes: list[str] = []
        self.constants: dict[str, str] = {}
        self.tr_names: set[str] = set()
        self.noop_names: set[str] = {"QT_TRANSLATE_NOOP"}
        self.wrappers: dict[str, str] = {}  # one-argument helper → its context
        for stmt in tree.body:
            if isinstance(stmt, ast.ImportFrom) and stmt.module and all_constants is not None:
                imported = all_constants.get(stmt.module, {})
                for alias in stmt.names:
                    if alias.name in imported:
                        self.constants[alias.asname or alias.name] = imported[alias.name]
            if isinstance(stmt, ast.ImportFrom) and stmt.module in ("app.i18n", "app.translation"):
                for alias in stmt.names:
                    if alias.name == "tr":
                        self.tr_names.add(alias.asname or "tr")
            elif isinstance(stmt, ast.FunctionDef) and stmt.name == "tr" and rel == "app/i18n.py":
                self.tr_names.add("tr")
            elif isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
                target = stmt.targets[0].id
                if isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str):
                    self.constants[target] = stmt.value.value
                elif isinstance(stmt.value, ast.Name) and stmt.value.id == "QT_TRANSLATE_NOOP":
                    self.noop_names.add(target)
        for stmt in tree.body:
            if isinstance(stmt, ast.FunctionDef):
                context = _wrapper_context(stmt, self.constants, self.tr_names)
                if context is not None:
                    self.wrappers[stmt.name] = context

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        if not self.classes and node.name in self.wrappers:
            return  # the wrapper's own body forwards its argument; its callers are extracted
        self.generic_visit(node)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def _problem(self, node: ast.AST, what: str) -> None:
        self.out.problems.append(f"{self.rel}:{getattr(node, 'lineno', 0)}: {what}")

    def _record(self, node: ast.Call, ctx_node: ast.AST | None, text_node: ast.AST | None,
                comment_node: ast.AST | None, n_node: ast.AST | None, context: str | None = None) -> None:
        if context is None:
            context = _const_str(ctx_node, self.constants)
            if context is None:
                if _const_str(text_node, {}) is not None:
                    self._problem(node, "translation context is not a literal or module constant")
                return  # a call that forwards someone else's context and text (Text.translated)
        text = _const_str(text_node, {})
        if text is None:
            if isinstance(text_node, ast.Constant | ast.JoinedStr | ast.BinOp):
                self._problem(node, "translated text is built, not a single string literal")
            elif not (ctx_node is not None and isinstance(ctx_node, ast.Name) and ctx_node.id not in self.constants):
                self._problem(node, "translated text is a variable: extraction cannot see it "
                                    "(mark the source strings with QT_TRANSLATE_NOOP)")
            return
        comment = (_const_str(comment_node, self.constants) or "") if comment_node is not None else ""
        self.out.add(context, text, comment, _has_numerus(n_node), Location(self.rel, node.lineno))

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Name) and func.id in self.wrappers and node.args:
            self._record(node, None, node.args[0], None, None, context=self.wrappers[func.id])
        elif isinstance(func, ast.Name) and func.id in self.tr_names:
            self._record(node, _arg(node, 0, "context"), _arg(node, 1, "text"),
                         _arg(node, 2, "disambiguation"), _arg(node, 3, "n"))
        elif isinstance(func, ast.Name) and func.id in self.noop_names:
            self._record(node, _arg(node, 0, "context"), _arg(node, 1, "source"), None, None)
        elif isinstance(func, ast.Name) and func.id == "QT_TR_NOOP" and self.classes:
            self._record(node, None, _arg(node, 0, "source"), None, None, context=self.classes[-1])
        elif isinstance(func, ast.Attribute) and func.attr == "translate" and (
                (isinstance(func.value, ast.Name) and func.value.id in _TRANSLATE_OWNERS)
                or (isinstance(func.value, ast.Attribute) and func.value.attr in _TRANSLATE_OWNERS)):
            self._record(node, _arg(node, 0, "context"), _arg(node, 1, "sourceText"),
                         _arg(node, 2, "disambiguation"), _arg(node, 3, "n"))
        elif (isinstance(func, ast.Attribute) and func.attr == "tr" and isinstance(func.value, ast.Name)
              and func.value.id in {"self", "cls"} and self.classes):
            self._record(node, None, _arg(node, 0, "sourceText"), _arg(node, 1, "disambiguation"),
                         _arg(node, 2, "n"), context=self.classes[-1])
        self.generic_visit(node)


def python_sources(root: Path, folders: Iterable[str] = ("app",)) -> list[Path]:
    files: list[Path] = []
    for folder in folders:
        files.extend(p for p in sorted((root / folder).rglob("*.py")) if "__pycache__" not in p.parts)
    return files


def extract(root: Path, folders: Iterable[str] = ("app",)) -> Extraction:
    out = Extraction()
    trees: dict[str, ast.Module] = {}
    for path in python_sources(root, folders):
        rel = path.relative_to(root).as_posix()
        trees[rel] = ast.parse(path.read_text(encoding="utf-8"), filename=rel)
    constants = {rel[:-3].replace("/", ".").removesuffix(".__init__"): module_constants(t) for rel, t in trees.items()}
    for rel, tree in trees.items():
        visitor = _Visitor(rel, tree, out, constants)
        visitor.visit(tree)
    return out
