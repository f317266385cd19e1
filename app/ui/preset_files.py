"""The preset editor's file fields: a glossary file and a list of reference documents, both chosen
with a file dialog (never typed), each checked when chosen (:mod:`app.presets.files`); a refused
file is one line through ``report`` and is not taken. ``choose_file``/``choose_files`` are the
dialogs (tests replace them)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QListWidget, QPushButton, QVBoxLayout, QWidget

from app.i18n import tr
from app.presets.files import document_problem, glossary_problem

CONTEXT = "PresetEditor"


class GlossaryField(QWidget):
    """The chosen glossary file (shown, not typed), Choose… and Clear."""

    def __init__(self, report: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.shown = QLineEdit(self)
        self.shown.setReadOnly(True)
        self.choose_button = QPushButton(self)
        self.choose_button.clicked.connect(self.pick)
        self.clear_button = QPushButton(self)
        self.clear_button.clicked.connect(lambda: self.set_path(""))
        self.choose_file: Callable[[], str] = self._dialog
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.shown, 1)
        row.addWidget(self.choose_button)
        row.addWidget(self.clear_button)
        self.setFocusProxy(self.choose_button)

    def path(self) -> str:
        return self.shown.text().strip()

    def set_path(self, path: str) -> None:
        self.shown.setText(path)
        self.shown.setToolTip(path)
        self.clear_button.setEnabled(self.choose_button.isEnabled() and bool(path))

    def set_editable(self, editable: bool) -> None:
        self.choose_button.setEnabled(editable)
        self.clear_button.setEnabled(editable and bool(self.path()))

    def pick(self) -> None:
        path = self.choose_file()
        if not path:
            return
        problem = glossary_problem(path)
        if problem:
            self.report(problem)
            return
        self.set_path(path)

    def _dialog(self) -> str:
        start = str(Path(self.path()).parent) if self.path() else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, tr(CONTEXT, "Choose a glossary"), start,
                                              tr(CONTEXT, "Glossaries (%1)").replace("%1", "*.csv *.tsv *.txt"))
        return str(path)

    def retranslate(self) -> None:
        self.choose_button.setText(tr(CONTEXT, "C&hoose…"))
        self.clear_button.setText(tr(CONTEXT, "Cle&ar"))
        self.shown.setAccessibleName(tr(CONTEXT, "Glossary file"))
        self.shown.setPlaceholderText(tr(CONTEXT, "none"))
        self.choose_button.setAccessibleName(tr(CONTEXT, "Choose a glossary file"))
        self.clear_button.setAccessibleName(tr(CONTEXT, "Clear the glossary file"))


class DocumentsField(QWidget):
    """The preset's reference documents: a list, Add files… and Remove."""

    def __init__(self, report: Callable[[str], None], max_file_mb: Callable[[], int],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.max_file_mb = max_file_mb
        self.list = QListWidget(self)
        self.list.setMaximumHeight(96)
        self.list.currentRowChanged.connect(lambda _row: self._buttons())
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton(self)
        self.remove_button.clicked.connect(self.remove_selected)
        self.choose_files: Callable[[], Sequence[str]] = self._dialog
        self.editable = True
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        self.setFocusProxy(self.list)

    def paths(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def set_paths(self, paths: Sequence[str]) -> None:
        self.list.clear()
        self.list.addItems(list(paths))
        self._buttons()

    def set_editable(self, editable: bool) -> None:
        self.editable = editable
        self._buttons()

    def _buttons(self) -> None:
        self.add_button.setEnabled(self.editable)
        self.remove_button.setEnabled(self.editable and self.list.currentRow() >= 0)

    def add(self) -> None:
        problems: list[str] = []
        for path in self.choose_files():
            problem = document_problem(path, self.max_file_mb())
            if problem:
                problems.append(problem)
            elif path not in self.paths():
                self.list.addItem(path)
        if problems:
            self.report(" ".join(problems))
        self._buttons()

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if row >= 0 and self.editable:
            self.list.takeItem(row)
        self._buttons()

    def _dialog(self) -> list[str]:
        from app.documents import EXTENSIONS

        pattern = " ".join(f"*{ext}" for ext in EXTENSIONS)
        paths, _ = QFileDialog.getOpenFileNames(self, tr(CONTEXT, "Choose reference documents"), str(Path.home()),
                                                tr(CONTEXT, "Documents (%1)").replace("%1", pattern))
        return list(paths)

    def retranslate(self) -> None:
        self.add_button.setText(tr(CONTEXT, "Add fi&les…"))
        self.remove_button.setText(tr(CONTEXT, "Remo&ve"))
        self.list.setAccessibleName(tr(CONTEXT, "Reference documents"))
        self.list.setToolTip(tr(CONTEXT, "Given to the model with every question asked with this preset"))
        self.add_button.setAccessibleName(tr(CONTEXT, "Add reference documents"))
        self.remove_button.setAccessibleName(tr(CONTEXT, "Remove the selected reference document"))
