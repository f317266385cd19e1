"""One editor widget per declared setting kind, and the value it holds (for the settings dialog).

``model.default`` is a list of the catalogue's models (``settings_models``) and
``remote.endpoints`` a form (``settings_endpoints``); everything else follows its ``Kind``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from app.settings.declarations import QT_TRANSLATE_NOOP, Kind, Setting, Text
from app.ui.settings_endpoints import EndpointsEditor
from app.ui.settings_models import DefaultModelBox
from app.ui.theme import pad_spin_box

# Readable names for the values of choice settings (the stored value stays the short code); the
# same wording as the policy templates (``app/settings/texts_zh.py``). Marked with
# QT_TRANSLATE_NOOP so the extractor finds them; translated when shown.
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


class ChoiceBox(QComboBox):
    """An ``ENUM`` setting: item data is the stored code, the text its readable name."""

    def __init__(self, s: Setting, value: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for choice in s.choices:
            self.addItem(choice_label(choice), choice)
        self.setCurrentIndex(s.choices.index(value) if value in s.choices else 0)

    def retranslate(self) -> None:
        for i in range(self.count()):
            self.setItemText(i, choice_label(str(self.itemData(i))))


def make_editor(s: Setting, value: Any, parent: QWidget, context: dict[str, Any]) -> QWidget:
    """The editor for ``s`` showing ``value``. ``context``: ``catalogue`` (entries) and ``policy``
    (a ``RemotePolicy``) for the two editors that need more than the value."""
    w: QWidget
    if s.key == "model.default":
        w = DefaultModelBox(context.get("catalogue", []), str(value or ""), parent)
    elif s.kind is Kind.ENDPOINTS:
        w = EndpointsEditor(value, context["policy"], parent)
    elif s.kind is Kind.BOOL:
        w = QCheckBox(parent)
        w.setChecked(bool(value))
    elif s.kind is Kind.INT:
        w = QSpinBox(parent)
        w.setRange(int(s.minimum if s.minimum is not None else -(2**31)),
                   int(s.maximum if s.maximum is not None else 2**31 - 1))
        w.setValue(int(value))
    elif s.kind is Kind.FLOAT:
        w = QDoubleSpinBox(parent)
        w.setDecimals(2)
        w.setSingleStep(0.05)
        w.setRange(float(s.minimum if s.minimum is not None else -1e9),
                   float(s.maximum if s.maximum is not None else 1e9))
        w.setValue(float(value))
    elif s.kind is Kind.ENUM:
        w = ChoiceBox(s, value, parent)
    elif s.kind is Kind.STR_LIST:
        w = QLineEdit(parent)
        w.setText(", ".join(value or []))
    elif s.key == "chat.system_prompt":
        w = QPlainTextEdit(parent)
        w.setPlainText(str(value or ""))
        w.setMaximumHeight(90)
        w.setTabChangesFocus(True)
    else:
        w = QLineEdit(parent)
        w.setText(str(value or ""))
    if isinstance(w, (QSpinBox, QDoubleSpinBox)):
        pad_spin_box(w)
    return w


def editor_value(s: Setting, w: QWidget) -> Any:
    """The value ``w`` (made by ``make_editor`` for ``s``) holds now."""
    if isinstance(w, (DefaultModelBox, EndpointsEditor)):
        return w.value()
    if isinstance(w, QCheckBox):
        return w.isChecked()
    if isinstance(w, QSpinBox):
        return w.value()
    if isinstance(w, QDoubleSpinBox):
        return round(w.value(), 4)
    if isinstance(w, QComboBox):
        return w.currentData()
    if isinstance(w, QPlainTextEdit):
        return w.toPlainText()
    if isinstance(w, QLineEdit):
        if s.kind is Kind.STR_LIST:
            return [p.strip() for p in w.text().split(",") if p.strip()]
        return w.text()
    raise TypeError(s.key)


def set_editable(w: QWidget, editable: bool) -> None:
    """Grey out a locked value; the endpoints form stays browsable, read-only."""
    if isinstance(w, EndpointsEditor):
        w.set_read_only(not editable)
    else:
        w.setEnabled(editable)
