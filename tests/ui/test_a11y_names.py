"""Value-bearing controls (combo boxes, spin boxes, line edits, check boxes, text boxes) are named
by their label, not their value, through Qt's accessibility interface — what the AT-SPI bridge
hands a screen reader (the bus itself is walked by test_atspi_walk.py) — in the main window, the
settings dialog, the preset editor, the export dialog and the document library, in all three languages, and again after
a live language switch."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QAccessible, QAccessibleActionInterface
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSlider,
    QTextEdit,
    QWidget,
)
from ui.helpers import show_sample_chat
from ui.test_accessibility import UNTRANSLATED, _internal, describe, focusable

from app import i18n
from app.ui import a11y

pytestmark = pytest.mark.ui

CJK = re.compile(r"[\u3400-\u9fff]")
SAME_IN_EVERY_LANGUAGE = UNTRANSLATED | {"PDF (.pdf)"}  # a format's name
VALUED = (QComboBox, QAbstractSpinBox, QLineEdit, QCheckBox, QSlider, QPlainTextEdit, QTextEdit)


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    i18n.switch_language("en")


def _name(w: QWidget) -> str:
    return str(QAccessible.queryAccessibleInterface(w).text(QAccessible.Text.Name))


def controls(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if isinstance(w, VALUED) and not _internal(w)
            and not w.objectName().startswith("qt_")]


def problems(root: QWidget, language: str) -> list[str]:
    """Controls a screen reader would name badly: no name, a combo box named by one of its values,
    a name that is not its buddy label's text, or (in Chinese) an untranslated name."""
    buddies = {id(label.buddy()): a11y.plain_label(label.text()) for label in root.findChildren(QLabel)
               if label.buddy() is not None}
    bad = []
    for w in controls(root):
        what, name = f"{type(w).__name__}#{w.objectName()}", _name(w)
        if not name.strip():
            bad.append(f"{what}: no name")
        elif isinstance(w, QComboBox) and name in {w.itemText(i) for i in range(w.count())}:
            bad.append(f"{what}: named by its value {name!r}")
        elif id(w) in buddies and name != buddies[id(w)] and not w.accessibleName():
            bad.append(f"{what}: {name!r} is not its label {buddies[id(w)]!r}")
        elif language != "en" and name not in SAME_IN_EVERY_LANGUAGE and not CJK.search(name):
            bad.append(f"{what}: untranslated {name!r}")
    return bad


def test_plain_label_drops_mnemonics_and_colons() -> None:
    assert a11y.plain_label("&Model:") == "Model"
    assert a11y.plain_label("模型(&M)：") == "模型"
    assert a11y.plain_label("工作（&T）：") == "工作"
    assert a11y.plain_label("Save && close") == "Save & close"
    assert a11y.plain_label("D&escription:") == "Description"


def test_a_combo_box_is_named_by_its_label_and_valued_by_its_text(qtbot: Any) -> None:
    a11y.install()
    form = QWidget()
    qtbot.addWidget(form)
    combo, label = QComboBox(form), QLabel("&Theme:", form)
    combo.addItems(["Follow the system", "Dark"])
    a11y.name_from_label(combo, label, "Light, dark or the system's")
    plain = QComboBox(form)  # a combo nobody named: its label relation, then its value, as before
    plain.addItems(["Only value"])
    buddied, buddy = QComboBox(form), QLabel("&Reply language:", form)
    buddied.addItems(["English"])
    buddy.setBuddy(buddied)
    editable = QComboBox(form)
    editable.setEditable(True)
    editable.setAccessibleName("Host")
    editable.setEditText("llm.dept.gov.hk")
    iface = QAccessible.queryAccessibleInterface(combo)
    assert isinstance(iface, a11y.ComboBoxAccessible)
    assert label.buddy() is combo and iface.role() == QAccessible.Role.ComboBox
    assert iface.text(QAccessible.Text.Name) == "Theme"
    assert iface.text(QAccessible.Text.Value) == "Follow the system"
    assert iface.text(QAccessible.Text.Description) == "Light, dark or the system's"
    combo.setCurrentIndex(1)
    assert (iface.text(QAccessible.Text.Name), iface.text(QAccessible.Text.Value)) == ("Theme", "Dark")
    popup = iface.child(0)
    assert iface.childCount() == 1 and popup is not None and popup.object() is combo.view()
    assert iface.indexOfChild(popup) == 0 and popup.childCount() == 2 and iface.child(1) is None
    assert iface.state().expandable and not iface.state().expanded
    assert QAccessibleActionInterface.showMenuAction() in iface.actionNames()
    assert _name(plain) == "Only value"
    assert _name(buddied) == "Reply language"
    edit_iface = QAccessible.queryAccessibleInterface(editable)
    assert edit_iface.text(QAccessible.Text.Value) == "llm.dept.gov.hk" and edit_iface.childCount() == 2
    assert edit_iface.child(1).object() is editable.lineEdit() and edit_iface.state().editable
    form.show()
    iface.doAction(QAccessibleActionInterface.showMenuAction())
    qtbot.waitUntil(combo.view().isVisible)
    assert iface.state().expanded
    combo.hidePopup()


@pytest.mark.parametrize("language", ["en", "zh_HK", "zh_CN"])
def test_value_bearing_controls_are_named_by_their_labels(make_window: Any, qtbot: Any, tmp_path: Path,
                                                          language: str) -> None:
    i18n.switch_language(language)
    window = make_window()
    show_sample_chat(window)
    seen = {"main": controls(window)}
    assert problems(window, language) == [], language
    assert _name(window.picker) == a11y.plain_label(window.picker_label.text())
    window.open_settings()
    dialog = window.settings_dialog
    qtbot.waitUntil(dialog.isVisible)
    seen["settings"] = controls(dialog)
    assert problems(dialog, language) == [], language
    dialog.reject()
    editor = window.preset_editor_ui.open()
    seen["presets"] = controls(editor)
    assert problems(editor, language) == [], language
    editor.reject()
    from app.ui.export_action import ExportDialog

    export = ExportDialog(tmp_path / "memo", window)
    qtbot.addWidget(export)
    seen["export"] = controls(export)
    assert problems(export, language) == [], language
    window.library_ui.run()  # File → Document library…: a folder tree and progress, no value fields yet
    library = window.library_ui.dialog
    assert library is not None
    assert problems(library, language) == [], language
    assert [describe(w) for w in focusable(library) if not _name(w).strip()] == [], language  # as a reader hears
    library.close()
    # The check reached every kind of control (a check that found none would pass vacuously).
    kinds = {kind.__name__ for widgets in seen.values() for w in widgets for kind in VALUED if isinstance(w, kind)}
    assert {"QComboBox", "QAbstractSpinBox", "QLineEdit", "QCheckBox", "QPlainTextEdit"} <= kinds, kinds
    assert sum(isinstance(w, QComboBox) for widgets in seen.values() for w in widgets) >= 8


def test_names_follow_a_live_language_switch(make_window: Any, qtbot: Any) -> None:
    window = make_window()
    window.open_settings()
    dialog = window.settings_dialog
    qtbot.waitUntil(dialog.isVisible)
    theme = dialog.editors["ui.theme"]
    assert (_name(window.picker), _name(theme)) == ("Model", "Theme")
    i18n.switch_language("zh_HK")
    qtbot.waitUntil(lambda: _name(theme) == "主題")
    assert _name(window.picker) == "模型"
    assert QAccessible.queryAccessibleInterface(theme).text(QAccessible.Text.Value) == theme.currentText()
    assert CJK.search(theme.currentText())
    dialog.reject()
