"""Remote endpoints are edited as a form (list + Add/Remove + fields), not JSON: a new server is
typed in field by field, an untouched one comes back exactly as it was, a bad address is refused
with a message and nothing is lost, the access token goes to the keyring (never the settings
file), the TLS line says what the connection will be, and a policy lock leaves it read-only."""

from __future__ import annotations

import json
from typing import Any

import keyring
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPlainTextEdit
from ui.settings_dialog_helpers import Warnings, open_dialog

from app.paths import user_paths
from app.remote_endpoints import KEYRING_SERVICE
from app.ui.settings_endpoints import EndpointsEditor

pytestmark = pytest.mark.ui

REMOTE_OK = {"remote.allowed": True, "remote.allowed_hosts": ["llm.dept.gov.hk", "127.0.0.1"]}
EXISTING = {"id": "cluster", "url": "https://llm.dept.gov.hk/v1",
            "display_name": {"en": "Department cluster", "zh_HK": "部門伺服器"}, "models": ["deepseek-r1"]}


def _editor(dialog: Any) -> EndpointsEditor:
    editor = dialog.editors["remote.endpoints"]
    assert isinstance(editor, EndpointsEditor) and not dialog.findChildren(QPlainTextEdit, "setting_remote.endpoints")
    return editor


def test_a_new_server_is_typed_in_as_a_form(qtbot: Any, make_settings: Any, paths: Any) -> None:
    settings = make_settings(policy=REMOTE_OK)
    dialog = open_dialog(qtbot, settings, paths)
    editor = _editor(dialog)
    assert editor.empty_note.isVisibleTo(editor) and not editor.form_box.isVisibleTo(editor)
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert editor.ident.hasFocus() and editor.ident.selectedText() == "server-1"
    qtbot.keyClicks(editor.ident, "dept")
    qtbot.keyClicks(editor.name, "Department server")
    editor.url.selectAll()
    qtbot.keyClicks(editor.url, "https://llm.dept.gov.hk/v1")
    qtbot.keyClicks(editor.models, "deepseek-r1, qwen3")
    assert editor.list.item(0).text() == "Department server (dept)"
    assert "HTTPS" in editor.tls_note.text()
    assert not editor.ca_bundle.isVisibleTo(editor) and not editor.proxy.isVisibleTo(editor)  # admin-only, unset
    assert dialog.apply() and dialog.changed_keys == ["remote.endpoints"]
    assert settings.get("remote.endpoints") == [{"id": "dept", "url": "https://llm.dept.gov.hk/v1",
                                                 "display_name": "Department server",
                                                 "models": ["deepseek-r1", "qwen3"]}]


def test_an_untouched_server_is_kept_exactly_and_remove_removes(qtbot: Any, make_settings: Any,
                                                                paths: Any) -> None:
    settings = make_settings(policy=REMOTE_OK, user={"remote.endpoints": [EXISTING]})
    dialog = open_dialog(qtbot, settings, paths)
    editor = _editor(dialog)
    assert editor.list.count() == 1 and editor.name.text() == "Department cluster"
    assert editor.models.text() == "deepseek-r1"
    assert dialog.apply() and dialog.changed_keys == []  # the per-language names survive
    editor.name.selectAll()
    qtbot.keyClicks(editor.name, "Cluster")  # edits only the shown language's name
    assert editor.value()[0]["display_name"] == {"en": "Cluster", "zh_HK": "部門伺服器"}
    editor.remove_button.setFocus()
    qtbot.keyClick(editor.remove_button, Qt.Key.Key_Space)
    assert editor.list.count() == 0 and editor.value() == []
    assert dialog.apply() and settings.get("remote.endpoints") == []


def test_a_bad_address_is_refused_with_a_message_and_kept(qtbot: Any, make_settings: Any, paths: Any,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    warnings = Warnings()
    monkeypatch.setattr(QMessageBox, "warning", warnings)
    settings = make_settings(policy=REMOTE_OK)
    dialog = open_dialog(qtbot, settings, paths)
    editor = _editor(dialog)
    editor.add()
    editor.url.selectAll()
    qtbot.keyClicks(editor.url, "not a url")
    assert not dialog.apply()
    assert len(warnings.texts) == 1 and "Remote endpoints was not changed" in warnings.texts[0]
    assert settings.get("remote.endpoints") == [] and editor.url.text() == "not a url"  # nothing lost


def test_tls_line_says_what_policy_makes_of_the_address(qtbot: Any, make_settings: Any, paths: Any) -> None:
    dialog = open_dialog(qtbot, make_settings(policy=REMOTE_OK), paths)
    editor = _editor(dialog)
    editor.add()
    for url, expected in (("http://llm.dept.gov.hk/v1", "Plain http:// is refused"),
                          ("http://127.0.0.1:8080/v1", "Unencrypted (HTTP)"),
                          ("https://elsewhere.example.com/v1", "not on your organisation's list"),
                          ("https://llm.dept.gov.hk/v1", "Encrypted (HTTPS)")):
        editor.url.selectAll()
        qtbot.keyClicks(editor.url, url)
        assert expected in editor.tls_note.text(), (url, editor.tls_note.text())


def test_the_access_token_goes_to_the_keyring_not_the_settings(qtbot: Any, make_settings: Any,
                                                               paths: Any) -> None:
    settings = make_settings(policy=REMOTE_OK, user={"remote.endpoints": [EXISTING]})
    dialog = open_dialog(qtbot, settings, paths)
    editor = _editor(dialog)
    assert editor.token.echoMode() == editor.token.EchoMode.Password
    qtbot.keyClicks(editor.token, "s3cret-token")
    assert dialog.apply() and dialog.changed_keys == []
    assert keyring.get_password(KEYRING_SERVICE, "cluster@https://llm.dept.gov.hk:443") == "s3cret-token"
    stored = (user_paths().config / "settings.json")
    assert not stored.exists() or "s3cret-token" not in stored.read_text(encoding="utf-8")
    assert editor.token.text() == ""  # forgotten once saved


def test_servers_locked_by_policy_are_read_only_and_say_so(qtbot: Any, make_settings: Any, paths: Any) -> None:
    admin_endpoint = dict(EXISTING, ca_bundle="/etc/ssl/certs/dept-ca.pem")
    settings = make_settings(policy=dict(REMOTE_OK, **{"remote.endpoints": [admin_endpoint]}))
    dialog = open_dialog(qtbot, settings, paths)
    editor = _editor(dialog)
    assert "Managed by your organisation" in dialog.notes["remote.endpoints"].text()
    assert editor.list.isEnabled() and editor.list.count() == 1  # can be looked at
    assert editor.ident.isReadOnly() and editor.url.isReadOnly() and editor.name.isReadOnly()
    assert not editor.add_button.isEnabled() and not editor.remove_button.isEnabled()
    assert editor.ca_bundle.text() == "/etc/ssl/certs/dept-ca.pem" and editor.ca_bundle.isReadOnly()
    assert editor.ca_bundle.isVisibleTo(editor) and not editor.proxy.isVisibleTo(editor)
    assert "CA bundle" in editor.tls_note.text() or "CA bundle" in editor.admin_note.text()
    assert dialog.apply() and "remote.endpoints" not in dialog.changed_keys
    assert json.dumps(settings.get("remote.endpoints")) == json.dumps([admin_endpoint])
