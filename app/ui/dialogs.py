"""Small dialogs: confirm a link, ask for the history passphrase, About."""

from __future__ import annotations

import html
import importlib.metadata
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.sqlcipher_build import sqlcipher_build

ALLOWED_SCHEMES = ("http", "https", "mailto")

#: Bundled components and their licences (shown in About; the SBOM has the full list).
COMPONENTS: tuple[tuple[str, str, str], ...] = (
    ("Qt / PySide6", "PySide6-Essentials", "LGPL-3.0"),
    ("llama.cpp / llama-cpp-python", "llama-cpp-python", "MIT"),
    ("SQLAlchemy", "SQLAlchemy", "MIT"),
    ("SQLCipher (sqlcipher3)", "sqlcipher3-binary|sqlcipher3", "BSD-3-Clause / zlib"),
    ("markdown-it-py", "markdown-it-py", "MIT"),
    ("Pygments", "Pygments", "BSD-2-Clause"),
    ("Jinja2", "Jinja2", "BSD-3-Clause"),
    ("OpenCC", "opencc", "Apache-2.0"),
    ("keyring", "keyring", "MIT"),
    ("platformdirs", "platformdirs", "MIT"),
    ("httpx", "httpx", "BSD-3-Clause"),
    ("NumPy", "numpy", "BSD-3-Clause"),
    ("gguf", "gguf", "MIT"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Dialogs", text)


def confirm_link(parent: QWidget | None, url: str, ask: Any = None) -> bool:
    """Show the full address and open it only if the user agrees; other schemes are refused."""
    qurl = QUrl(url)
    if qurl.scheme().lower() not in ALLOWED_SCHEMES:
        refused = QMessageBox(QMessageBox.Icon.Warning, _tr("Link not opened"),
                              _tr("This link was not opened because its kind is not allowed:\n%1").replace("%1", url),
                              QMessageBox.StandardButton.Ok, parent)
        refused.setObjectName("refusedLink")
        if ask is not None:
            ask(refused)
        else:
            refused.exec()
        return False
    box = QMessageBox(QMessageBox.Icon.Question, _tr("Open link?"),
                      _tr("Open this address in your browser?\n\n%1").replace("%1", qurl.toString()),
                      QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel, parent)
    box.setObjectName("confirmLink")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    answer = ask(box) if ask is not None else box.exec()
    return bool(answer == QMessageBox.StandardButton.Open)


def ask_passphrase(parent: QWidget | None) -> str | None:
    text, ok = QInputDialog.getText(
        parent, _tr("History passphrase"),
        _tr("No system keyring is available. Enter the passphrase that protects your conversation history:"),
        QLineEdit.EchoMode.Password,
    )
    return text if ok and text else None


def _version(dists: str) -> str:
    """The installed version of the first of ``a|b`` (the same module ships under per-platform names)."""
    for dist in dists.split("|"):
        try:
            return importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            continue
    return "—"


def component_versions() -> list[tuple[str, str, str]]:
    return [(label, _version(dists), licence) for label, dists, licence in COMPONENTS]


class AboutDialog(QDialog):
    def __init__(self, model: str, backend: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self._model = model
        self._backend = backend
        self.text = QLabel(self)
        self.text.setObjectName("aboutText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("About Bauhinia"))
        self.setAccessibleName(self.tr("About Bauhinia"))
        self.text.setAccessibleName(self.tr("About Bauhinia"))
        self.close_button.setAccessibleName(self.tr("Close"))
        rows = "".join(f"<tr><td>{n}</td><td>{v}</td><td>{lic}</td></tr>" for n, v, lic in component_versions())
        cipher = sqlcipher_build().summary()
        encryption = ("<p>" + self.tr("History encryption: %1").replace("%1", html.escape(cipher)) + "</p>"
                      if cipher else "")
        self.text.setText(
            "<h3>" + self.tr("Bauhinia 紫荊助手 %1").replace("%1", __version__) + "</h3>"
            + "<p>" + self.tr("Model: %1").replace("%1", self._model or self.tr("none loaded")) + "<br>"
            + self.tr("Backend: %1").replace("%1", self._backend or self.tr("none")) + "</p>"
            + "<p>" + self.tr("Bundled components and their licences:") + "</p>"
            + f"<table cellpadding='2'>{rows}</table>"
            + encryption
        )
