"""File → Presets…: the user's own presets, made, changed and removed in the window.

The list shows every preset; the form beside it edits the selected one. Only the user's own can be
changed: IT's (locked) and the built-in ones are shown read-only with the reason, and can be copied
under a new id. With policy ``presets.user_allowed`` off the whole dialog is read-only and says
why. Saving goes through :mod:`app.presets.user_store` (the same checks as IT's file); a refusal
is one line under the form and the form keeps what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.i18n import current_language, tr
from app.presets import PresetError, load_presets
from app.presets.loader import SAMPLING_RANGES
from app.presets.model import LANGUAGES, REPLY_LANGUAGES, SAMPLING_TYPES, Preset
from app.presets.user_store import (
    clean_texts,
    edit_refusal,
    remove_user_preset,
    save_user_preset,
)
from app.typed_settings import get_bool, get_int
from app.ui.menu_action import MenuAction
from app.ui.preset_files import DocumentsField, GlossaryField

CONTEXT = "PresetEditor"
#: The sampling fields the form offers: every one a preset may set (empty: the setting's value).
FORM_SAMPLING: tuple[str, ...] = tuple(SAMPLING_TYPES)


def _number(text: str) -> float | int | str:
    """The typed value as a number where it is one; else the text, for the validator to refuse."""
    text = text.strip()
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            continue
    return text


class LanguageTexts(QWidget):
    """Name, description and system prompt in one language."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit(self)
        self.description = QLineEdit(self)
        self.prompt = QPlainTextEdit(self)
        self.labels = [QLabel(self) for _ in range(3)]
        form = QFormLayout(self)
        for label, edit in zip(self.labels, (self.name, self.description, self.prompt), strict=True):
            label.setBuddy(edit)
            form.addRow(label, edit)

    def retranslate(self) -> None:
        for label, text in zip(self.labels, (tr(CONTEXT, "&Name:"), tr(CONTEXT, "D&escription:"),
                                             tr(CONTEXT, "System &prompt:")), strict=True):
            label.setText(text)
        self.name.setAccessibleName(tr(CONTEXT, "Name"))
        self.description.setAccessibleName(tr(CONTEXT, "Description"))
        self.prompt.setAccessibleName(tr(CONTEXT, "System prompt"))


class PresetEditor(QDialog):
    """The list of presets and the form for the selected one."""

    def __init__(self, settings: Any, paths: Any = None, parent: QWidget | None = None,
                 confirm: Callable[[str, str], bool] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("presetEditor")
        self.settings = settings
        self.paths = paths
        self.confirm = confirm or (lambda _title, _text: True)
        self.changed = False
        self.editing: str | None = None  # the user's preset being changed; None: a new one
        self.presets: list[Preset] = []
        self.list = QListWidget(self)
        self.list.currentRowChanged.connect(self._selected)
        self.policy_note = QLabel(self)
        self.policy_note.setWordWrap(True)
        self.reason = QLabel(self)
        self.reason.setObjectName("presetReadOnlyReason")
        self.reason.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setObjectName("presetError")
        self.error.setWordWrap(True)
        self.id = QLineEdit(self)
        self.tabs = QTabWidget(self)
        self.texts = {lang: LanguageTexts(self.tabs) for lang in LANGUAGES}
        for lang, page in self.texts.items():
            self.tabs.addTab(page, lang)
        self.reply = QComboBox(self)
        for code in REPLY_LANGUAGES:
            self.reply.addItem(code, code)
        self.sampling = {key: QLineEdit(self) for key in FORM_SAMPLING}
        self.glossary = GlossaryField(self._report, self)
        self.documents = DocumentsField(self._report, lambda: get_int(settings, "documents.max_file_mb"), self)
        self.new_button = QPushButton(self)
        self.new_button.clicked.connect(self.new_preset)
        self.copy_button = QPushButton(self)
        self.copy_button.clicked.connect(self.copy_preset)
        self.delete_button = QPushButton(self)
        self.delete_button.clicked.connect(self.delete_preset)
        self.save_button = QPushButton(self)
        self.save_button.clicked.connect(self.save)
        self.form = QFormLayout()
        fields: list[QWidget] = [self.id, self.reply, *self.sampling.values(), self.glossary, self.documents]
        self.labels = [QLabel(self) for _ in fields]
        for label, edit in zip(self.labels, fields, strict=True):
            label.setBuddy(edit)
        self.form.addRow(self.labels[0], self.id)
        self.form.addRow(self.tabs)
        for label, edit in zip(self.labels[1:], fields[1:], strict=True):
            self.form.addRow(label, edit)
        buttons = QHBoxLayout()
        for b in (self.new_button, self.copy_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        right = QVBoxLayout()
        right.addWidget(self.reason)
        right.addLayout(self.form, 1)
        right.addWidget(self.error)
        right.addLayout(buttons)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(right, 2)
        col = QVBoxLayout(self)
        col.addWidget(self.policy_note)
        col.addLayout(row, 1)
        col.addWidget(close)
        self.resize(900, 780)
        self.retranslate()
        self.reload()

    # -- state ---------------------------------------------------------------------------------
    @property
    def allowed(self) -> bool:
        return get_bool(self.settings, "presets.user_allowed")

    def reload(self, select: str | None = None) -> None:
        found = load_presets(self.settings, self.paths)
        self.presets = found.presets
        language = current_language()
        names = {"builtin": tr(CONTEXT, "built-in"), "it": tr(CONTEXT, "managed by your organisation"),
                 "user": tr(CONTEXT, "yours")}
        self.list.blockSignals(True)
        self.list.clear()
        for p in self.presets:
            self.list.addItem(QListWidgetItem(f"{p.title(language)} ({names[p.source]})"))
        self.list.blockSignals(False)
        ids = [p.id for p in self.presets]
        self.list.setCurrentRow(ids.index(select) if select in ids else 0 if ids else -1)
        if not ids:
            self.new_preset()

    def selected(self) -> Preset | None:
        row = self.list.currentRow()
        return self.presets[row] if 0 <= row < len(self.presets) else None

    def _selected(self, _row: int) -> None:
        preset = self.selected()
        if preset is None:
            return
        self._fill(preset)
        refusal = edit_refusal(preset, current_language())
        self.editing = preset.id if not refusal else None
        self._set_editable(not refusal and self.allowed, refusal or self._policy_refusal())
        self.copy_button.setEnabled(self.allowed)
        self.delete_button.setEnabled(self.allowed and not refusal)

    def _policy_refusal(self) -> str:
        return "" if self.allowed else tr(CONTEXT, "Your organisation's policy does not allow your own presets.")

    def _set_editable(self, editable: bool, reason: str) -> None:
        for edit in (self.id, *self.sampling.values()):
            edit.setReadOnly(not editable)
        self.glossary.set_editable(editable)
        self.documents.set_editable(editable)
        for page in self.texts.values():
            page.name.setReadOnly(not editable)
            page.description.setReadOnly(not editable)
            page.prompt.setReadOnly(not editable)
        self.reply.setEnabled(editable)
        self.save_button.setEnabled(editable)
        self.reason.setText(reason)
        self.reason.setVisible(bool(reason))
        self.error.clear()

    def _report(self, problem: str) -> None:
        """A file the user chose cannot be used: one line under the form (nothing was taken)."""
        self.error.setText(problem)

    def _fill(self, preset: Preset, new_id: str | None = None) -> None:
        self.id.setText(new_id if new_id is not None else preset.id)
        for lang, page in self.texts.items():
            page.name.setText(preset.name.get(lang, ""))
            page.description.setText(preset.description.get(lang, ""))
            page.prompt.setPlainText(preset.system_prompt.get(lang, ""))
        self.reply.setCurrentIndex(max(self.reply.findData(preset.reply_language), 0))
        for key, edit in self.sampling.items():
            value = preset.sampling.get(key)
            edit.setText("" if value is None else str(value))
        self.glossary.set_path(str(preset.glossary) if preset.glossary else "")
        self.documents.set_paths([str(d) for d in preset.documents])

    # -- actions -------------------------------------------------------------------------------
    def new_preset(self) -> None:
        self.list.clearSelection()
        self._fill(Preset(id="", name={}))
        self.editing = None
        self._set_editable(self.allowed, self._policy_refusal())

    def copy_preset(self) -> None:
        preset = self.selected()
        if preset is None or not self.allowed:
            return
        taken = {p.id for p in self.presets}
        new_id = next(f"{preset.id}-{n}" for n in range(2, 1000) if f"{preset.id}-{n}" not in taken)[:64]
        self._fill(preset, new_id)
        self.editing = None
        self._set_editable(True, "")

    def form_raw(self) -> dict[str, Any]:
        """The form as a ``presets.json`` entry."""
        raw: dict[str, Any] = {"id": self.id.text().strip()}
        for key, attr in (("name", "name"), ("description", "description")):
            raw[key] = clean_texts({lang: getattr(page, attr).text() for lang, page in self.texts.items()})
        raw["system_prompt"] = clean_texts({lang: page.prompt.toPlainText() for lang, page in self.texts.items()})
        if not raw["description"]:
            del raw["description"]
        sampling = {k: _number(e.text()) for k, e in self.sampling.items() if e.text().strip()}
        if sampling:
            raw["sampling"] = sampling
        raw["reply_language"] = self.reply.currentData()
        if self.glossary.path():
            raw["glossary"] = self.glossary.path()
        if self.documents.paths():
            raw["documents"] = self.documents.paths()
        return raw

    def save(self) -> bool:
        try:
            preset = save_user_preset(self.settings, self.form_raw(), replaces=self.editing, paths=self.paths)
        except PresetError as exc:
            self.error.setText(str(exc))  # the form keeps what was typed
            return False
        self.changed = True
        self.reload(select=preset.id)
        return True

    def delete_preset(self) -> None:
        preset = self.selected()
        if preset is None:
            return
        if not self.confirm(tr(CONTEXT, "Delete preset"),
                            tr(CONTEXT, "Delete your preset %1?").replace("%1", preset.title(current_language()))):
            return
        try:
            remove_user_preset(self.settings, preset.id, paths=self.paths)
        except PresetError as exc:
            self.error.setText(str(exc))
            return
        self.changed = True
        self.reload()

    # -- translation ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(tr(CONTEXT, "Presets"))
        self.list.setAccessibleName(tr(CONTEXT, "Presets"))
        self.policy_note.setText(self._policy_refusal())
        self.policy_note.setVisible(not self.allowed)
        for lang, title in zip(LANGUAGES, (tr(CONTEXT, "English"), tr(CONTEXT, "Chinese (Hong Kong)"),
                                           tr(CONTEXT, "Chinese (Simplified)")), strict=True):
            self.tabs.setTabText(LANGUAGES.index(lang), title)
            self.texts[lang].retranslate()
        texts = (tr(CONTEXT, "&Id:"), tr(CONTEXT, "&Reply language:"), tr(CONTEXT, "&Temperature:"),
                 tr(CONTEXT, "T&op-p:"), tr(CONTEXT, "Top-&k:"), tr(CONTEXT, "Mi&n-p:"),
                 tr(CONTEXT, "Repeat penalt&y:"), tr(CONTEXT, "&Maximum reply tokens:"), tr(CONTEXT, "&Fixed seed:"),
                 tr(CONTEXT, "&Glossary file:"), tr(CONTEXT, "Reference doc&uments:"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.id.setAccessibleName(tr(CONTEXT, "Id"))
        self.id.setToolTip(tr(CONTEXT, "1-64 lower-case letters, digits, '.', '_' or '-'"))
        names = {"temperature": tr(CONTEXT, "Temperature"), "top_p": tr(CONTEXT, "Top-p"),
                 "top_k": tr(CONTEXT, "Top-k"), "min_p": tr(CONTEXT, "Min-p"),
                 "repeat_penalty": tr(CONTEXT, "Repeat penalty"), "max_tokens": tr(CONTEXT, "Maximum reply tokens"),
                 "seed": tr(CONTEXT, "Fixed seed")}
        for key, edit in self.sampling.items():
            edit.setPlaceholderText(tr(CONTEXT, "the setting's value"))
            edit.setAccessibleName(names[key])
            low, high = SAMPLING_RANGES[key]
            tip = tr(CONTEXT, "From %1 to %2; empty: the setting's value.").replace("%1", str(low)).replace(
                "%2", str(high))
            if key == "seed":
                tip += " " + tr(CONTEXT, "The same seed repeats a reply; -1: a new one each time.")
            edit.setToolTip(tip)
        reply_names = {"auto": tr(CONTEXT, "Same as the question"), "en": tr(CONTEXT, "English"),
                       "zh_HK": tr(CONTEXT, "Chinese (Hong Kong)"), "zh_CN": tr(CONTEXT, "Chinese (Simplified)")}
        for i, code in enumerate(REPLY_LANGUAGES):
            self.reply.setItemText(i, reply_names[code])
        self.reply.setAccessibleName(tr(CONTEXT, "Reply language"))
        self.glossary.retranslate()
        self.documents.retranslate()
        self.new_button.setText(tr(CONTEXT, "Ne&w"))
        self.copy_button.setText(tr(CONTEXT, "&Copy"))
        self.delete_button.setText(tr(CONTEXT, "&Delete"))
        self.save_button.setText(tr(CONTEXT, "&Save"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class PresetEditorAction(MenuAction):
    """File → Presets…; when the dialog closed after a change, the window's task picker reloads."""

    OBJECT_NAME = "editPresets"

    def __init__(self, window: Any, menu: Any, before: QAction | None = None) -> None:
        super().__init__(window, menu, before)
        self.dialog: PresetEditor | None = None
        self.retranslate()

    def run(self) -> None:
        self.open()

    def retranslate(self) -> None:
        self.action.setText(tr(CONTEXT, "&Presets…"))
        self.action.setStatusTip(tr(CONTEXT, "Make, change or remove your own task presets"))

    def open(self) -> PresetEditor:
        w = self.window
        self.dialog = PresetEditor(w.settings, w.paths, w, confirm=w.ask_confirm)
        self.dialog.finished.connect(self._closed)
        self.dialog.open()
        return self.dialog

    def _closed(self, _result: int) -> None:
        if self.dialog is not None and self.dialog.changed:
            self.window.presets.reload()
        self.dialog = None
