"""The settings dialog, generated from ``app.settings.declarations.SETTINGS``.

Every declared setting gets an editor of its kind; values a policy locks (or only an administrator
may set) are shown greyed with the store's own words ("Managed by your organisation"); settings
that need a restart say so, and the dialog reports which changed ones will wait for a restart.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.settings.declarations import QT_TRANSLATE_NOOP, SETTINGS, Kind, Setting, Text
from app.ui.markdown_render import plain_tooltip

# Marked with QT_TRANSLATE_NOOP (a ``Text``) so the extractor puts them in the .ts; translated
# when shown, so a language switch retranslates them.
CATEGORY_TITLES: dict[str, Text] = {
    "ui": QT_TRANSLATE_NOOP("SettingsDialog", "Appearance"),
    "reply": QT_TRANSLATE_NOOP("SettingsDialog", "Chat"),
    "model": QT_TRANSLATE_NOOP("SettingsDialog", "Model"),
    "chat": QT_TRANSLATE_NOOP("SettingsDialog", "Chat"),
    "sampling": QT_TRANSLATE_NOOP("SettingsDialog", "Sampling"),
    "backend": QT_TRANSLATE_NOOP("SettingsDialog", "Compute"),
    "engine": QT_TRANSLATE_NOOP("SettingsDialog", "Compute"),
    "history": QT_TRANSLATE_NOOP("SettingsDialog", "History"),
    "models": QT_TRANSLATE_NOOP("SettingsDialog", "Models"),
    "remote": QT_TRANSLATE_NOOP("SettingsDialog", "Remote servers"),
    "glossary": QT_TRANSLATE_NOOP("SettingsDialog", "Terminology glossary"),
    "audit": QT_TRANSLATE_NOOP("SettingsDialog", "Audit log"),
    "documents": QT_TRANSLATE_NOOP("SettingsDialog", "Documents"),
    "presets": QT_TRANSLATE_NOOP("SettingsDialog", "Task presets"),
}

# Readable names for the values of choice settings (the stored value stays the short code); the
# same wording as the policy templates (``app/settings/texts_zh.py``).
CHOICE_LABELS: dict[str, Text] = {
    "system": QT_TRANSLATE_NOOP("SettingsDialog", "Follow the system"),
    "auto": QT_TRANSLATE_NOOP("SettingsDialog", "Same language as the question"),
    "light": QT_TRANSLATE_NOOP("SettingsDialog", "Light"),
    "dark": QT_TRANSLATE_NOOP("SettingsDialog", "Dark"),
    "required": QT_TRANSLATE_NOOP("SettingsDialog", "Required"),
    "preferred": QT_TRANSLATE_NOOP("SettingsDialog", "When possible"),
    "off": QT_TRANSLATE_NOOP("SettingsDialog", "Off"),
    "refuse": QT_TRANSLATE_NOOP("SettingsDialog", "Do not keep history"),
    "passphrase": QT_TRANSLATE_NOOP("SettingsDialog", "Ask for a passphrase"),
    "unencrypted-with-warning": QT_TRANSLATE_NOOP("SettingsDialog", "Unencrypted, with a warning"),
}
# Languages are named in their own language, as language menus do everywhere (not translated).
LANGUAGE_NAMES = {"en": "English", "zh_HK": "繁體中文（香港）", "zh_CN": "简体中文"}


def choice_label(choice: str) -> str:
    """What a combo box shows for a setting's ``choice`` (the code itself if it has no name)."""
    if choice in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[choice]
    text = CHOICE_LABELS.get(choice)
    return choice if text is None else text.translated()


class SettingsDialog(QDialog):
    """Edits a ``SettingsStore``; ``changed_keys`` / ``restart_keys`` say what OK changed."""

    def __init__(self, settings: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.settings = settings
        self.editors: dict[str, QWidget] = {}
        self.notes: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        self.groups: dict[str, QGroupBox] = {}
        self._group_titles: dict[str, Text | None] = {}
        self.changed_keys: list[str] = []
        self.restart_keys: list[str] = []
        body = QWidget()
        body_layout = QVBoxLayout(body)
        forms: dict[str, QFormLayout] = {}
        for s in SETTINGS:
            title_text = CATEGORY_TITLES.get(s.category)
            title = title_text.source if title_text is not None else s.category
            if title not in forms:
                box = QGroupBox(body)
                self.groups[title] = box
                self._group_titles[title] = title_text
                forms[title] = QFormLayout(box)
                body_layout.addWidget(box)
            eff = settings.effective(s.key)
            editor = self._editor(s, eff.value)
            editor.setObjectName(f"setting_{s.key}")
            editor.setEnabled(eff.editable)
            label = QLabel(body)
            label.setBuddy(editor)
            self.labels[s.key] = label
            note = QLabel(body)
            note.setObjectName(f"note_{s.key}")
            note.setWordWrap(True)
            note.setTextFormat(Qt.TextFormat.PlainText)  # may quote a policy file's path
            note.setEnabled(eff.editable)
            self.notes[s.key] = note
            column = QWidget(body)
            col = QVBoxLayout(column)
            col.setContentsMargins(0, 0, 0, 0)
            col.addWidget(editor)
            col.addWidget(note)
            forms[title].addRow(label, column)
            self.editors[s.key] = editor
        body_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setObjectName("settingsScroll")
        self.scroll_area = scroll
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self.resize(640, 600)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.setAccessibleName(self.tr("Settings"))
        self.scroll_area.setAccessibleName(self.tr("All settings"))
        for title, box in self.groups.items():
            marked = self._group_titles.get(title)
            box.setTitle(marked.translated() if marked is not None else title)
        for s in SETTINGS:
            eff = self.settings.effective(s.key)
            label = s.label.translated()
            self.labels[s.key].setText(label)
            editor = self.editors[s.key]
            editor.setAccessibleName(label)
            editor.setAccessibleDescription(s.description.translated())
            editor.setToolTip(plain_tooltip(s.description.translated()))
            parts = []
            lock = eff.lock_message()
            if lock:
                parts.append(lock)
            if s.restart:
                parts.append(self.tr("Takes effect after a restart."))
            self.notes[s.key].setText(" ".join(parts))
            self.notes[s.key].setVisible(bool(parts))
        for s in SETTINGS:
            editor = self.editors[s.key]
            if isinstance(editor, QComboBox):
                for i in range(editor.count()):
                    editor.setItemText(i, choice_label(str(editor.itemData(i))))
        for button in self.buttons.buttons():
            button.setAccessibleName(button.text().replace("&", ""))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    # -- editors -------------------------------------------------------------------------------
    def _editor(self, s: Setting, value: Any) -> QWidget:
        w: QWidget
        if s.kind is Kind.BOOL:
            w = QCheckBox(self)
            w.setChecked(bool(value))
        elif s.kind is Kind.INT:
            w = QSpinBox(self)
            w.setRange(int(s.minimum if s.minimum is not None else -(2**31)),
                       int(s.maximum if s.maximum is not None else 2**31 - 1))
            w.setValue(int(value))
        elif s.kind is Kind.FLOAT:
            w = QDoubleSpinBox(self)
            w.setDecimals(2)
            w.setSingleStep(0.05)
            w.setRange(float(s.minimum if s.minimum is not None else -1e9),
                       float(s.maximum if s.maximum is not None else 1e9))
            w.setValue(float(value))
        elif s.kind is Kind.ENUM:
            w = QComboBox(self)
            for choice in s.choices:
                w.addItem(choice_label(choice), choice)
            w.setCurrentIndex(max(0, s.choices.index(value) if value in s.choices else 0))
        elif s.kind is Kind.STR_LIST:
            w = QLineEdit(self)
            w.setText(", ".join(value or []))
        elif s.kind is Kind.ENDPOINTS:
            w = QPlainTextEdit(self)
            w.setPlainText(json.dumps(value or [], ensure_ascii=False, indent=1))
            w.setMaximumHeight(90)
        elif s.key == "chat.system_prompt":
            w = QPlainTextEdit(self)
            w.setPlainText(str(value or ""))
            w.setMaximumHeight(90)
            w.setTabChangesFocus(True)
        else:
            w = QLineEdit(self)
            w.setText(str(value or ""))
        return w

    def value_of(self, s: Setting) -> Any:
        w = self.editors[s.key]
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QSpinBox):
            return w.value()
        if isinstance(w, QDoubleSpinBox):
            return round(w.value(), 4)
        if isinstance(w, QComboBox):
            return w.currentData()
        if isinstance(w, QPlainTextEdit):
            text = w.toPlainText()
            return json.loads(text or "[]") if s.kind is Kind.ENDPOINTS else text
        if isinstance(w, QLineEdit):
            if s.kind is Kind.STR_LIST:
                return [p.strip() for p in w.text().split(",") if p.strip()]
            return w.text()
        raise TypeError(s.key)

    def apply(self) -> bool:
        """Write every changed, editable value; on a refused value say why and keep the dialog."""
        from app.settings.declarations import InvalidValueError
        from app.settings.store import SettingsError

        changed: list[str] = []
        for s in SETTINGS:
            eff = self.settings.effective(s.key)
            if not eff.editable:
                continue
            try:
                value = self.value_of(s)
            except (ValueError, TypeError):
                value = None
            if value == eff.value:
                continue
            try:
                self.settings.set(s.key, value)
            except (InvalidValueError, SettingsError) as exc:
                QMessageBox.warning(self, self.tr("Settings"),
                                    self.tr("%1 was not changed: %2").replace("%1", s.label.translated())
                                    .replace("%2", str(exc)))
                self.editors[s.key].setFocus()
                return False
            changed.append(s.key)
        self.changed_keys = changed
        self.restart_keys = [k for k in changed if next(s for s in SETTINGS if s.key == k).restart]
        if "ui.language" in changed:
            # Every open window (this dialog too) gets LanguageChange and retranslates: no restart.
            from app.i18n import switch_language
            from app.typed_settings import get_str

            switch_language(get_str(self.settings, "ui.language"))
        return True

    def accept(self) -> None:
        if not self.apply():
            return
        if self.restart_keys:
            names = ", ".join(next(s for s in SETTINGS if s.key == k).label.translated() for k in self.restart_keys)
            QMessageBox.information(self, self.tr("Settings"),
                                    self.tr("These changes take effect after Bauhinia restarts: %1").replace("%1",
                                                                                                            names))
        super().accept()
