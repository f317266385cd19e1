"""The About dialog names the SQLCipher build actually shipped (and its OpenSSL), read from the
sqlcipher3 module at run time - the same line the SBOM records (packaging/sbom_finish.py)."""

from __future__ import annotations

from typing import Any

from app.sqlcipher_build import sqlcipher_build
from app.ui.dialogs import AboutDialog, component_versions


def test_about_names_the_shipped_sqlcipher_and_openssl(qtbot: Any) -> None:
    dialog = AboutDialog("diagnostic", "CPU")
    qtbot.addWidget(dialog)
    text = dialog.text.text()
    build = sqlcipher_build()
    assert build.summary() and build.summary() in text
    assert f"SQLCipher {build.cipher_version}" in text and build.provider_version in text
    versions = {label: version for label, version, _ in component_versions()}
    assert versions["SQLCipher (sqlcipher3)"] == build.distribution.split()[-1]  # per-platform wheel name
