"""The default model, chosen from the models the catalogue lists (IT's and the user's imports),
never typed. The first entry, "Catalogue default", stores the empty value (the catalogue's own
default is used); a stored id the catalogue no longer lists stays selectable, marked as such, so
opening and closing the dialog never changes it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from app.i18n import current_language, tr

CONTEXT = "SettingsDialog"


def catalogue_entries(settings: Any, paths: Any | None) -> list[Any]:
    """The catalogue's chat models (no embedding models); none when it cannot be read (the window
    reports that elsewhere)."""
    from app.models.catalogue import load_catalogue
    from app.paths import user_paths

    try:
        return load_catalogue(settings, paths if paths is not None else user_paths()).chat_entries()
    except Exception:  # a broken catalogue must not keep the settings dialog from opening
        return []


class DefaultModelBox(QComboBox):
    """A combo box whose item data is the ``model.default`` value (a catalogue id, or "")."""

    def __init__(self, entries: Sequence[Any], value: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries = list(entries)
        self.addItem("", "")
        for entry in self.entries:
            self.addItem("", entry.id)
        if value and self.findData(value) < 0:
            self.addItem("", value)
        self.setCurrentIndex(max(0, self.findData(value)))
        self.retranslate()

    def retranslate(self) -> None:
        language = current_language()
        by_id = {e.id: e for e in self.entries}
        default = next((e for e in self.entries if e.default), self.entries[0] if self.entries else None)
        for i in range(self.count()):
            ident = str(self.itemData(i))
            if not ident:
                text = (tr(CONTEXT, "Catalogue default (%1)").replace("%1", default.name(language))
                        if default is not None else tr(CONTEXT, "Catalogue default"))
            elif ident in by_id:
                name = by_id[ident].name(language)
                text = name if name == ident else f"{name} ({ident})"
            else:
                text = tr(CONTEXT, "%1 (not in the catalogue)").replace("%1", ident)
            self.setItemText(i, text)

    def value(self) -> str:
        return str(self.currentData() or "")
