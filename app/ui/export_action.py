"""File → Export conversation… (Ctrl+Shift+E): the open conversation to DOCX and PDF, records-grade.

The same use-case as ``bauhinia history export --format docx|pdf`` (:func:`app.export.service.
export_files`: ban check, audit record, file, SHA-256 manifest beside it), in two steps
(``app.ui.export_worker``): the records are read on the store thread, the files are rendered and
written on a thread of their own, so neither the window nor the history waits for a rendering.
The reasoning is left out unless the user ticks it. When policy bans exports the action is
disabled and its tool-tip says why (the service refuses too, and audits the refusal). Every failure
comes back as one translated line that names the files that were written before it; nothing in the
history is touched.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import tr
from app.typed_settings import get_bool
from app.ui.export_worker import ExportOutcome, ExportWorker, read_step, write_step
from app.ui.menu_action import MenuAction

CONTEXT = "ExportAction"
FORMATS: tuple[str, ...] = ("docx", "pdf")
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


@dataclass(frozen=True)
class ExportChoice:
    """Where and how: ``stem`` without a suffix (``…/Housing`` → Housing.docx, Housing.pdf)."""

    stem: Path
    formats: tuple[str, ...] = FORMATS
    with_reasoning: bool = False

    def outputs(self) -> dict[str, Path]:
        return {fmt: self.stem.with_name(f"{self.stem.name}.{fmt}") for fmt in self.formats}


def file_stem(title: str, conversation_id: str) -> str:
    """A file name from the conversation's title, safe on Windows and Linux."""
    name = " ".join(_UNSAFE.sub(" ", title).split()).strip(" .")[:60].strip()
    return name or f"conversation-{conversation_id}"


def export_denied_reason(settings: Any) -> str:
    """Why the action is off ('' when exports are allowed)."""
    if get_bool(settings, "history.export_allowed"):
        return ""
    return tr(CONTEXT, "Exporting conversations is turned off by your organisation's policy.")


def run_export(store: Any, conversation_id: str, choice: ExportChoice, *, settings: Any, language: str,
               loaded_model: tuple[str, str] = ("", "")) -> ExportOutcome:
    """Both steps in the calling thread (the window runs them on two threads: ``ExportWorker``);
    never raises."""
    outputs = choice.outputs()
    record = read_step(store, conversation_id, outputs, settings=settings, language=language,
                       with_reasoning=choice.with_reasoning, loaded_model=loaded_model)
    if isinstance(record, ExportOutcome):
        return record
    return write_step(record, outputs, settings=settings)


def outcome_message(outcome: ExportOutcome) -> str:
    """The one line the window shows after an export."""
    names = ", ".join(r.path.name for r in outcome.written)
    if not outcome.error:
        manifest = outcome.written[-1].manifest
        return tr(CONTEXT, "Exported %1 to %2; SHA-256 manifest %3.").replace("%1", names).replace(
            "%2", str(manifest.parent)).replace("%3", manifest.name)
    if outcome.written:
        return tr(CONTEXT, "%1 Written before it stopped: %2.").replace("%1", outcome.error).replace("%2", names)
    return tr(CONTEXT, "Nothing was exported: %1").replace("%1", outcome.error)


class ExportDialog(QDialog):
    """File name, formats (both ticked) and "Include the reasoning" (not ticked)."""

    def __init__(self, stem: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(tr(CONTEXT, "Export conversation"))
        self.path = QLineEdit(str(stem), self)
        self.path.setAccessibleName(tr(CONTEXT, "File name, without extension"))
        browse = QPushButton(tr(CONTEXT, "&Browse…"), self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.docx = QCheckBox(tr(CONTEXT, "Word document (.docx)"), self)
        self.pdf = QCheckBox(tr(CONTEXT, "PDF (.pdf)"), self)
        self.docx.setChecked(True)
        self.pdf.setChecked(True)
        self.reasoning = QCheckBox(tr(CONTEXT, "Include the model's reasoning"), self)
        self.reasoning.setToolTip(tr(CONTEXT, "Off by default: a record normally holds the replies only."))
        form = QFormLayout()
        form.addRow(tr(CONTEXT, "&Save as:"), row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(tr(CONTEXT, "Export"))
        for box in (self.docx, self.pdf):
            box.toggled.connect(self._formats_changed)
        col = QVBoxLayout(self)
        col.addLayout(form)
        col.addWidget(self.docx)
        col.addWidget(self.pdf)
        col.addWidget(self.reasoning)
        col.addWidget(buttons)

    def _formats_changed(self) -> None:
        self.ok.setEnabled(self.docx.isChecked() or self.pdf.isChecked())

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, tr(CONTEXT, "Export conversation"), self.path.text())
        if chosen:
            self.path.setText(str(Path(chosen).with_suffix("")) if Path(chosen).suffix in (".docx", ".pdf")
                              else chosen)

    def choice(self) -> ExportChoice:
        formats = tuple(f for f, box in (("docx", self.docx), ("pdf", self.pdf)) if box.isChecked())
        return ExportChoice(Path(self.path.text().strip()).expanduser(), formats, self.reasoning.isChecked())


def ask_for_choice(window: Any, stem: Path) -> ExportChoice | None:
    """The dialog; None when cancelled. Existing files are replaced only after a Yes."""
    dialog = ExportDialog(stem, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    choice = dialog.choice()
    existing = [p.name for p in choice.outputs().values() if p.exists()]
    if existing and not window.ask_confirm(tr(CONTEXT, "Replace files"),
                                           tr(CONTEXT, "Replace %1?").replace("%1", ", ".join(existing))):
        return None
    return choice


class ExportAction(MenuAction):
    """The menu action and its run. ``chooser(window, stem)`` is the dialog (tests replace it)."""

    OBJECT_NAME = "exportConversation"

    def __init__(self, window: Any, menu: Any, before: QAction | None = None) -> None:
        super().__init__(window, menu, before)
        self.chooser: Callable[[Any, Path], ExportChoice | None] = ask_for_choice
        self.running = False
        self.last: ExportOutcome | None = None
        self.worker = ExportWorker(self)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.retranslate()

    def run(self) -> None:
        self.trigger()

    def retranslate(self) -> None:
        self.action.setText(tr(CONTEXT, "&Export conversation…"))
        reason = export_denied_reason(self.window.settings)
        self.action.setEnabled(not reason)
        tip = reason or tr(CONTEXT, "Save the open conversation as DOCX and PDF with a SHA-256 manifest (%1)").replace(
            "%1", self.action.shortcut().toString(QKeySequence.SequenceFormat.NativeText))
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)

    def _default_stem(self, title: str, conversation_id: str) -> Path:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(folder or Path.home()) / file_stem(title, conversation_id)

    def trigger(self) -> None:
        w = self.window
        reason = export_denied_reason(w.settings)
        if reason:
            w.show_notice(reason)
            return
        cid = w.conversation_id
        if cid is None:
            w.show_notice(tr(CONTEXT, "Open a conversation to export it."))
            return
        if self.running:
            w.show_notice(tr(CONTEXT, "An export is already running."))
            return
        self.running = True  # until the dialog is answered and the export done
        w.store_client.call(lambda s: s.get_conversation(cid).title, lambda title: self._ask(cid, title),
                            self._failed)

    def _ask(self, cid: str, title: str) -> None:
        w = self.window
        choice = self.chooser(w, self._default_stem(title, cid))
        if choice is None or not choice.formats or cid != w.conversation_id:
            self.running = False
            return
        from app.i18n import current_language

        settings, language = w.settings, current_language()
        loaded = (w.model.label, w.model.sha256) if w.model is not None else ("", "")
        w.status.showMessage(tr(CONTEXT, "Exporting the conversation…"))
        self.worker.start(w.store_client, cid, choice.outputs(), settings=settings, language=language,
                          with_reasoning=choice.with_reasoning, loaded_model=loaded, done=self._done)

    def _done(self, outcome: ExportOutcome) -> None:
        self.running = False
        self.last = outcome
        self.window.status.clearMessage()
        self.window.show_notice(outcome_message(outcome))

    def _failed(self, message: str) -> None:  # the worker itself failed (never expected)
        self._done(ExportOutcome(error=message))

    def shutdown(self) -> None:
        """Window closing: waits for an export being written (see ``ExportWorker.shutdown``)."""
        self.worker.shutdown()
