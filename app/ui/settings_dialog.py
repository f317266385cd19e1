"""The settings dialog, generated from ``app.settings.declarations.SETTINGS``.

Every declared setting gets an editor of its kind (``settings_editors``: the default model from
the catalogue's list, remote endpoints as a form); values a policy locks (or only an administrator
may set) are shown greyed with the store's own words ("Managed by your organisation"); settings
that need a restart say so, and the dialog reports which changed ones will wait for a restart.
A filter box at the top finds a setting by its name or description in any of the three
languages (``settings_search``).
"""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.settings.declarations import QT_TRANSLATE_NOOP, SETTINGS, Setting, Text
from app.ui import icons
from app.ui.a11y import name_from_label
from app.ui.markdown_render import plain_tooltip
from app.ui.settings_editors import (  # noqa: F401 - choice_label/CHOICE_LABELS: this module's old API
    CHOICE_LABELS,
    LANGUAGE_NAMES,
    ChoiceBox,
    choice_label,
    editor_value,
    make_editor,
    set_editable,
)
from app.ui.settings_endpoints import EndpointsEditor
from app.ui.settings_models import DefaultModelBox, catalogue_entries
from app.ui.settings_search import haystack, matches
from app.ui.theme import SPACING

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

class SettingsDialog(QDialog):
    """Edits a ``SettingsStore``; ``changed_keys`` / ``restart_keys`` say what OK changed.
    ``paths``: where the user's imported models are listed (the default: ``user_paths()``)."""

    def __init__(self, settings: Any, parent: QWidget | None = None, paths: Any | None = None) -> None:
        super().__init__(parent)
        from app.remote_endpoints import RemotePolicy

        self.setObjectName("settingsDialog")
        self.setWindowIcon(icons.icon(icons.SETTINGS))
        self.settings = settings
        self.editors: dict[str, QWidget] = {}
        self.notes: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        self.groups: dict[str, QGroupBox] = {}
        self._group_titles: dict[str, Text | None] = {}
        self._group_of: dict[str, str] = {}
        self._forms: dict[str, QFormLayout] = {}
        self._haystacks: dict[str, str] = {}
        self.changed_keys: list[str] = []
        self.restart_keys: list[str] = []
        self.filter = QLineEdit(self)
        self.filter.setObjectName("settingsFilter")
        self.filter.setClearButtonEnabled(True)
        self.filter_icon = icons.IconView(icons.SEARCH, self)
        self.filter.textChanged.connect(self.apply_filter)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.focus_filter)
        context = {"catalogue": catalogue_entries(settings, paths), "policy": RemotePolicy.from_settings(settings)}
        body = QWidget()
        body_layout = QVBoxLayout(body)
        for s in SETTINGS:
            title_text = CATEGORY_TITLES.get(s.category)
            title = title_text.source if title_text is not None else s.category
            if title not in self._forms:
                box = QGroupBox(body)
                self.groups[title] = box
                self._group_titles[title] = title_text
                self._forms[title] = QFormLayout(box)
                self._forms[title].setHorizontalSpacing(2 * SPACING)  # a label never touches its field
                body_layout.addWidget(box)
            self._group_of[s.key] = title
            self._haystacks[s.key] = haystack(s, [title_text] if title_text is not None else [])
            eff = settings.effective(s.key)
            editor = make_editor(s, eff.value, self, context)
            editor.setObjectName(f"setting_{s.key}")
            set_editable(editor, eff.editable)
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
            self._forms[title].addRow(label, column)
            self.editors[s.key] = editor
        self.no_match = QLabel(body)
        self.no_match.setObjectName("noSettingMatches")
        self.no_match.setWordWrap(True)
        self.no_match.hide()
        body_layout.addWidget(self.no_match)
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
        find = QHBoxLayout()
        find.setSpacing(SPACING)
        find.addWidget(self.filter_icon)
        find.addWidget(self.filter, 1)
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        layout.addLayout(find)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self.resize(680, 640)
        # Tab from the filter goes straight into what it found (the scroll area stays reachable
        # with Shift+Tab, for reading greyed values); the dialog opens with the filter focused.
        chain: list[QWidget] = [scroll, self.filter, *self.editors.values(), *self.buttons.buttons()]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.filter.setFocus()
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.setAccessibleName(self.tr("Settings"))
        self.scroll_area.setAccessibleName(self.tr("All settings"))
        self.filter.setPlaceholderText(self.tr("Find a setting (English or Chinese)"))
        self.filter.setAccessibleName(self.tr("Find a setting"))
        self.filter.setAccessibleDescription(self.tr("Shows only the settings whose name or description "
                                                     "contains these words, in any language"))
        self.filter.setToolTip(self.tr("Find a setting by name or description, in English or Chinese (Ctrl+F)"))
        self.no_match.setText(self.tr("No setting matches this search."))
        for clear in self.filter.findChildren(QToolButton):  # the line edit's clear button
            clear.setAccessibleName(self.tr("Clear search"))
        for title, box in self.groups.items():
            marked = self._group_titles.get(title)
            box.setTitle(marked.translated() if marked is not None else title)
        for s in SETTINGS:
            eff = self.settings.effective(s.key)
            label = s.label.translated()
            self.labels[s.key].setText(label)
            editor = self.editors[s.key]
            if not isinstance(editor, EndpointsEditor):  # the form names its own fields
                name_from_label(editor, self.labels[s.key], s.description.translated())
                editor.setToolTip(plain_tooltip(s.description.translated()))
            if isinstance(editor, (ChoiceBox, DefaultModelBox)):
                editor.retranslate()
            parts = []
            lock = eff.lock_message()
            if lock:
                parts.append(lock)
            if s.restart:
                parts.append(self.tr("Takes effect after a restart."))
            self.notes[s.key].setText(" ".join(parts))
            self.notes[s.key].setVisible(bool(parts))
        for button in self.buttons.buttons():
            button.setAccessibleName(button.text().replace("&", ""))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    # -- filter ----------------------------------------------------------------------------------
    def apply_filter(self, query: str) -> list[str]:
        """Show only the settings matching ``query`` (all when empty); returns their keys."""
        shown = [s.key for s in SETTINGS if matches(query, self._haystacks[s.key])]
        for s in SETTINGS:
            self._forms[self._group_of[s.key]].setRowVisible(self.labels[s.key], s.key in shown)
        for title, box in self.groups.items():
            box.setVisible(any(self._group_of[k] == title for k in shown))
        self.no_match.setVisible(not shown)
        return shown

    def focus_filter(self) -> None:
        self.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter.selectAll()

    def visible_keys(self) -> list[str]:
        """The settings the filter shows now."""
        return [s.key for s in SETTINGS if self.groups[self._group_of[s.key]].isVisibleTo(self)
                and self.labels[s.key].isVisibleTo(self)]

    def value_of(self, s: Setting) -> Any:
        return editor_value(s, self.editors[s.key])

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
        if not self._save_tokens():
            return False
        self.changed_keys = changed
        self.restart_keys = [k for k in changed if next(s for s in SETTINGS if s.key == k).restart]
        if "ui.language" in changed:
            # Every open window (this dialog too) gets LanguageChange and retranslates: no restart.
            from app.i18n import switch_language
            from app.typed_settings import get_str

            switch_language(get_str(self.settings, "ui.language"))
        return True

    def _save_tokens(self) -> bool:
        """Tokens typed in the endpoints form go to the system keyring (after the endpoints)."""
        from app.remote_endpoints import RemoteConfigError, endpoint_from_dict, set_token

        editor = self.editors.get("remote.endpoints")
        if not isinstance(editor, EndpointsEditor):
            return True
        for item, token in editor.tokens():
            try:
                # admin=True only builds the keyring entry's name (id and origin); nothing is trusted.
                set_token(endpoint_from_dict(item, admin=True), token)
            except RemoteConfigError as exc:
                QMessageBox.warning(self, self.tr("Settings"),
                                    self.tr("The access token for %1 was not saved: %2")
                                    .replace("%1", str(item.get("id", ""))).replace("%2", str(exc)))
                editor.token.setFocus()
                return False
        editor.tokens_saved()
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
