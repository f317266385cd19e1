"""An in-memory keyring backend for tests.

Headless here (no D-Bus Secret Service, no Windows Credential Manager) keyring has no usable
backend, so tests install this one with ``keyring.set_keyring(MemoryKeyring())``. It keeps
secrets in a dict for the life of the process only and is never shipped (unlike
``keyrings.alt``, which must not be used: it writes secrets to plain files).
"""

from __future__ import annotations

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    priority = 1.0  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.secrets[(service, username)]
        except KeyError:
            raise PasswordDeleteError(username) from None
