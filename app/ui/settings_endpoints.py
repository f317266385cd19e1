"""Remote endpoints edited as a form, not JSON: a list of the servers with Add/Remove, and for
the selected one its id, display name, address, models, the TLS facts (HTTPS or not, CA bundle)
and an access-token field whose text goes to the system keyring, never into settings.

``value()`` is the ``remote.endpoints`` list (fields as ``app.settings.declarations`` declares
them; an endpoint nobody edited comes back exactly as it was). The CA bundle and proxy are shown
but not editable: only an administrator may set them (``app.remote_endpoints``), and this dialog
writes the user's settings. ``tokens()`` lists the tokens typed, for the dialog to save once the
endpoints themselves were accepted.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import current_language
from app.remote_endpoints import (
    RemoteConfigError,
    RemotePolicy,
    check_allowed,
    display_name_for,
    endpoint_from_dict,
)
from app.ui import icons
from app.ui.theme import SPACING


def _label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # quotes addresses and file paths
    return label


#: The address field's placeholder: an address, the same in every language (not translated).
EXAMPLE_URL = "https://llm.example.gov.hk/v1"

class EndpointsEditor(QWidget):
    def __init__(self, value: Any, policy: RemotePolicy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.policy = policy
        self.items: list[dict[str, Any]] = [copy.deepcopy(dict(i)) for i in (value or []) if isinstance(i, Mapping)]
        self.typed_tokens: list[str] = ["" for _ in self.items]
        self._loading = False
        self._read_only = False

        self.list = QListWidget(self)
        self.list.setObjectName("endpointList")
        self.list.setMaximumHeight(96)
        self.list.currentRowChanged.connect(self._show)
        self.add_button = self._button("addEndpoint", icons.ADD)
        self.add_button.clicked.connect(self.add)
        self.remove_button = self._button("removeEndpoint", icons.REMOVE)
        self.remove_button.clicked.connect(self.remove)

        self.ident = QLineEdit(self)
        self.ident.setObjectName("endpointId")
        self.name = QLineEdit(self)
        self.name.setObjectName("endpointName")
        self.url = QLineEdit(self)
        self.url.setObjectName("endpointUrl")
        self.url.setPlaceholderText(EXAMPLE_URL)
        self.models = QLineEdit(self)
        self.models.setObjectName("endpointModels")
        self.ca_bundle = QLineEdit(self)
        self.ca_bundle.setObjectName("endpointCaBundle")
        self.ca_bundle.setReadOnly(True)
        self.proxy = QLineEdit(self)
        self.proxy.setObjectName("endpointProxy")
        self.proxy.setReadOnly(True)
        self.token = QLineEdit(self)
        self.token.setObjectName("endpointToken")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        for edit in (self.ident, self.name, self.url, self.models, self.token):
            edit.textEdited.connect(self._store)
        self.tls_note = _label(self)
        self.tls_note.setObjectName("endpointTls")
        self.admin_note = _label(self)
        self.token_note = _label(self)
        self.empty_note = _label(self)

        self.form_box = QWidget(self)
        form = QFormLayout(self.form_box)
        self.form = form
        form.setContentsMargins(0, 0, 0, 0)
        form.setSpacing(SPACING)
        self.form_labels: dict[str, QLabel] = {}
        for key, field in (("id", self.ident), ("name", self.name), ("url", self.url), ("models", self.models),
                           ("tls", self.tls_note), ("ca_bundle", self.ca_bundle), ("proxy", self.proxy),
                           ("admin", self.admin_note), ("token", self.token), ("token_note", self.token_note)):
            label = QLabel(self.form_box)
            if field is not self.tls_note and not isinstance(field, QLabel):
                label.setBuddy(field)
            self.form_labels[key] = label
            form.addRow(label, field)

        buttons = QHBoxLayout()
        buttons.setSpacing(SPACING)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(self.empty_note)
        layout.addWidget(self.form_box)
        for _ in self.items:
            self.list.addItem("")
        self.retranslateUi()
        self.list.setCurrentRow(0 if self.items else -1)
        self._show(self.list.currentRow())

    def _button(self, name: str, icon_name: str) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setIcon(icons.icon(icon_name))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return button

    # -- text ------------------------------------------------------------------------------------
    def retranslateUi(self) -> None:
        self.list.setAccessibleName(self.tr("Remote endpoints"))
        self.list.setAccessibleDescription(self.tr("Choose a server to edit its details below"))
        self.add_button.setText(self.tr("Add server"))
        self.add_button.setAccessibleName(self.tr("Add server"))
        self.add_button.setToolTip(self.tr("Add an on-premises server"))
        self.add_button.setAccessibleDescription(self.add_button.toolTip())
        self.remove_button.setText(self.tr("Remove server"))
        self.remove_button.setAccessibleName(self.tr("Remove server"))
        self.remove_button.setToolTip(self.tr("Remove the selected server from the list"))
        self.remove_button.setAccessibleDescription(self.remove_button.toolTip())
        texts = {
            "id": (self.tr("Identifier"), self.tr("Short name used in model references (remote:<id>/<model>): "
                                                  "letters, digits, '_', '.' or '-'")),
            "name": (self.tr("Display name"), self.tr("The name shown in the model picker")),
            "url": (self.tr("Address (URL)"), self.tr("The server's OpenAI-compatible address, "
                                                      "for example https://llm.example.gov.hk/v1")),
            "models": (self.tr("Models"), self.tr("Model names the server offers, separated by commas")),
            "ca_bundle": (self.tr("CA bundle"), self.tr("Certificate authorities trusted for this server, "
                                                        "set by your administrator")),
            "proxy": (self.tr("Proxy"), self.tr("Proxy used for this server, set by your administrator")),
            "token": (self.tr("Access token"), self.tr("Saved in the system keyring when you press OK, "
                                                       "never in the settings file")),
        }
        fields = {"id": self.ident, "name": self.name, "url": self.url, "models": self.models,
                  "ca_bundle": self.ca_bundle, "proxy": self.proxy, "token": self.token}
        for key, (name, description) in texts.items():
            self.form_labels[key].setText(name)
            fields[key].setAccessibleName(name)
            fields[key].setAccessibleDescription(description)
            fields[key].setToolTip(description)
        self.form_labels["tls"].setText(self.tr("Connection"))
        self.token.setPlaceholderText(self.tr("Leave empty to keep the saved token"))
        self.admin_note.setText(self.tr("Only your administrator may set a CA bundle or a proxy "
                                        "(policy or site defaults)."))
        self.token_note.setText(self.tr("The access token is kept in the system keyring, never in "
                                        "settings files, logs or exports."))
        self.empty_note.setText(self.tr("No remote servers. Add one to use an on-premises "
                                        "OpenAI-compatible server."))
        for row in range(self.list.count()):
            self._refresh_row(row)
        self._update_tls()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    # -- state -----------------------------------------------------------------------------------
    def set_read_only(self, read_only: bool) -> None:
        """Locked by policy: the servers can be looked at but not changed."""
        self._read_only = read_only
        for edit in (self.ident, self.name, self.url, self.models):
            edit.setReadOnly(read_only)
        # The access token is the user's own (the keyring, not a setting): typed even when locked.
        self.add_button.setEnabled(not read_only)
        self.remove_button.setEnabled(not read_only and self.list.currentRow() >= 0)

    def value(self) -> list[dict[str, Any]]:
        return copy.deepcopy(self.items)

    def tokens(self) -> list[tuple[dict[str, Any], str]]:
        """(endpoint, token) for every endpoint whose token field was filled in."""
        return [(copy.deepcopy(item), token.strip()) for item, token in zip(self.items, self.typed_tokens, strict=True)
                if token.strip()]

    def tokens_saved(self) -> None:
        """The typed tokens are in the keyring now: forget them here."""
        self.typed_tokens = ["" for _ in self.items]
        self.token.clear()

    def add(self) -> None:
        taken = {str(i.get("id")) for i in self.items}
        ident = next(f"server-{n}" for n in range(1, len(taken) + 2) if f"server-{n}" not in taken)
        self.items.append({"id": ident, "url": "https://"})
        self.typed_tokens.append("")
        self.list.addItem("")
        self._refresh_row(self.list.count() - 1)
        self.list.setCurrentRow(self.list.count() - 1)
        self.ident.setFocus()
        self.ident.selectAll()

    def remove(self) -> None:
        row = self.list.currentRow()
        if row < 0 or self._read_only:
            return
        del self.items[row]
        del self.typed_tokens[row]
        self.list.takeItem(row)
        self._show(self.list.currentRow())

    # -- form ↔ item -----------------------------------------------------------------------------
    def _refresh_row(self, row: int) -> None:
        item = self.items[row]
        ident = str(item.get("id", ""))
        name = display_name_for(item.get("display_name"), current_language(), fallback=ident)
        self.list.item(row).setText(name if name == ident else f"{name} ({ident})")

    def _show(self, row: int) -> None:
        self._loading = True
        has = 0 <= row < len(self.items)
        self.form_box.setVisible(has)
        self.empty_note.setVisible(not self.items)
        self.remove_button.setEnabled(has and not self._read_only)
        item = self.items[row] if has else {}
        self.ident.setText(str(item.get("id", "")))
        self.name.setText(display_name_for(item.get("display_name"), current_language()))
        self.url.setText(str(item.get("url", "")))
        self.models.setText(", ".join(str(m) for m in item.get("models") or []))
        self.ca_bundle.setText(str(item.get("ca_bundle", "")))
        self.proxy.setText(str(item.get("proxy", "")))
        for field in (self.ca_bundle, self.proxy):  # shown only where an administrator set one
            self.form.setRowVisible(field, bool(field.text()))
        self.token.setText(self.typed_tokens[row] if has else "")
        self._loading = False
        self._update_tls()

    def _store(self) -> None:
        row = self.list.currentRow()
        if self._loading or not 0 <= row < len(self.items):
            return
        item = self.items[row]
        item["id"] = self.ident.text().strip()
        item["url"] = self.url.text().strip()
        name = self.name.text().strip()
        old = item.get("display_name")
        if isinstance(old, dict):  # names per language: change only the one shown
            old[current_language()] = name
        elif name or "display_name" in item:
            item["display_name"] = name
        models = [m.strip() for m in self.models.text().split(",") if m.strip()]
        if models or "models" in item:
            item["models"] = models
        self.typed_tokens[row] = self.token.text()
        self._refresh_row(row)
        self._update_tls()

    def _update_tls(self) -> None:
        """What the connection will be: HTTPS and which certificates, or why policy refuses it."""
        row = self.list.currentRow()
        if not 0 <= row < len(self.items):
            self.tls_note.clear()
            return
        item = self.items[row]
        try:
            endpoint = endpoint_from_dict(item, admin=True)
            check_allowed(endpoint, self.policy)
        except RemoteConfigError as exc:
            self.tls_note.setText(str(exc))
            return
        if endpoint.base_url.lower().startswith("https://"):
            text = (self.tr("Encrypted (HTTPS); the certificate is checked against the system's and "
                            "the administrator's CA bundle.") if endpoint.ca_bundle else
                    self.tr("Encrypted (HTTPS); the certificate is checked against the system's "
                            "trusted certificates."))
        else:
            text = self.tr("Unencrypted (HTTP): allowed for a server on this computer or by your "
                           "organisation's policy.")
        self.tls_note.setText(text)
