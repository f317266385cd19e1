"""Accessible names for value-bearing controls: a control is named by its label, never by its value.

``name_from_label(widget, label, description)`` is the one call a form makes (again on every
language change) for a combo box, spin box, line edit, check box or slider: the label's visible
text, without its mnemonic ("&Model:" or "模型(&M)：" → "Model" / "模型"), becomes the control's
accessible name, the label becomes its buddy (Alt+mnemonic and the AT-SPI "labelled by"
relation), and the description, when given, its accessible description.

On Linux Qt reports a combo box's *current value* as its AT-SPI name and ignores
``setAccessibleName`` (QAccessibleComboBox: "on Linux we use relations for this, name is text"),
so Orca and the tree walk heard "Follow the system" instead of "Theme". ``install()`` registers an
accessibility factory whose combo-box interface answers Name with the accessible name (or the
buddy label's text, or — only for a combo nobody named — the value) and Value with the current
text, and keeps what QAccessibleComboBox offered: the popup list as child 0, an editable combo's
line edit as child 1, the ShowMenu/Press actions and the expandable/expanded states.
"""

from __future__ import annotations

import re
from typing import cast

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleActionInterface, QAccessibleInterface
from PySide6.QtWidgets import QAccessibleWidget, QComboBox, QLabel, QWidget

_MNEMONIC_SUFFIX = re.compile(r"\s*[（(]&[^)）]+[)）]")  # zh: "模型(&M)"
_TRAILING = " \t:：…"


def plain_label(text: str) -> str:
    """A label's text as a screen reader should say it: no mnemonic marker, no trailing colon."""
    text = _MNEMONIC_SUFFIX.sub("", text)
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.strip().rstrip(_TRAILING)


def _buddy_label(widget: QWidget) -> str:
    window = widget.window()
    for label in window.findChildren(QLabel):
        if label.buddy() is widget:
            return plain_label(label.text())
    return ""


class ComboBoxAccessible(QAccessibleWidget):
    """A combo box named by its label, valued by its current text (see the module docstring)."""

    def __init__(self, combo: QComboBox) -> None:
        super().__init__(combo, QAccessible.Role.ComboBox)
        self.combo = combo

    def text(self, t: QAccessible.Text) -> str:
        if t == QAccessible.Text.Value:
            return self._value()
        if t == QAccessible.Text.Name:
            return self.combo.accessibleName() or _buddy_label(self.combo) or self._value()
        return str(super().text(t))

    def _value(self) -> str:
        edit = self.combo.lineEdit()
        return edit.text() if edit is not None else self.combo.currentText()

    def _children(self) -> list[QObject]:
        parts: list[QObject] = [self.combo.view()]
        edit = self.combo.lineEdit()
        if edit is not None:
            parts.append(edit)
        return parts

    def childCount(self) -> int:
        return len(self._children())

    def child(self, index: int) -> QAccessibleInterface:
        parts = self._children()
        if 0 <= index < len(parts):
            return QAccessible.queryAccessibleInterface(parts[index])
        return cast(QAccessibleInterface, None)  # nullptr past the end, as Qt's own interfaces answer

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        obj = child.object() if child is not None else None
        for i, part in enumerate(self._children()):
            if part is obj:
                return i
        return -1

    def state(self) -> QAccessible.State:
        state = super().state()
        state.expandable = True
        state.expanded = self.combo.view().isVisible()
        state.editable = self.combo.isEditable()
        return state

    def actionNames(self) -> list[str]:
        return [QAccessibleActionInterface.showMenuAction(), QAccessibleActionInterface.pressAction(),
                *super().actionNames()]

    def doAction(self, name: str) -> None:
        if name in (QAccessibleActionInterface.showMenuAction(), QAccessibleActionInterface.pressAction()):
            if self.combo.view().isVisible():
                self.combo.hidePopup()
            else:
                self.combo.showPopup()
            return
        super().doAction(name)


def _factory(_key: str, obj: QObject) -> QAccessibleInterface | None:
    if isinstance(obj, QComboBox):
        return ComboBoxAccessible(obj)
    return None


_installed = [False]


def install() -> None:
    """Register the combo-box interface (once per process; before a screen reader asks)."""
    if not _installed[0]:
        QAccessible.installFactory(_factory)
        _installed[0] = True


def name_from_label(widget: QWidget, label: QLabel | str, description: str | None = None) -> str:
    """Name ``widget`` by ``label`` (a QLabel becomes its buddy); call again after a language change."""
    install()
    if isinstance(label, QLabel):
        label.setBuddy(widget)
        text = label.text()
    else:
        text = label
    name = plain_label(text)
    widget.setAccessibleName(name)
    if description is not None:
        widget.setAccessibleDescription(description)
    return name
