"""Which SQLCipher build this installation actually ships, read from the module at run time.

The history database is encrypted by SQLCipher inside the ``sqlcipher3`` module (Linux wheel
``sqlcipher3-binary``, Windows wheel ``sqlcipher3``), linked against a crypto provider (OpenSSL)
whose version differs per platform and per wheel build. The About dialog and the SBOM
(packaging/sbom_finish.py) both show what this function reports, so auditors see the real build.
"""

from __future__ import annotations

import importlib.metadata
from dataclasses import asdict, dataclass

#: Distributions that may provide the ``sqlcipher3`` module, per platform (pyproject markers).
DISTRIBUTIONS = ("sqlcipher3-binary", "sqlcipher3")


@dataclass(frozen=True)
class SqlcipherBuild:
    distribution: str  # "sqlcipher3-binary 0.5.4" or "" when not installed
    cipher_version: str  # PRAGMA cipher_version, e.g. "4.12.0 community"
    sqlite_version: str  # the SQLite that SQLCipher is built on
    provider: str  # PRAGMA cipher_provider, e.g. "openssl"
    provider_version: str  # PRAGMA cipher_provider_version, e.g. "OpenSSL 3.5.1 1 Jul 2025"

    def to_json(self) -> dict[str, str]:
        return asdict(self)

    def summary(self) -> str:
        """One line, e.g. ``SQLCipher 4.12.0 community (SQLite 3.51.1), openssl: OpenSSL 3.5.1``."""
        if not self.cipher_version:
            return ""
        crypto = f", {self.provider}: {self.provider_version}" if self.provider_version else ""
        return f"SQLCipher {self.cipher_version} (SQLite {self.sqlite_version}){crypto}"


def _distribution() -> str:
    for name in DISTRIBUTIONS:
        try:
            return f"{name} {importlib.metadata.version(name)}"
        except importlib.metadata.PackageNotFoundError:
            continue
    return ""


def sqlcipher_build() -> SqlcipherBuild:
    """Ask the shipped module itself; empty fields when it is missing or answers nothing."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        return SqlcipherBuild(_distribution(), "", "", "", "")
    con = dbapi2.connect(":memory:")
    try:
        # The provider pragmas answer only once a key is set; an in-memory database with a
        # throw-away key touches no file.
        con.execute("PRAGMA key = 'bauhinia-build-info'")

        def pragma(name: str) -> str:
            row = con.execute(f"PRAGMA {name}").fetchone()
            return str(row[0]) if row and row[0] is not None else ""

        return SqlcipherBuild(
            distribution=_distribution(),
            cipher_version=pragma("cipher_version"),
            sqlite_version=str(dbapi2.sqlite_version),
            provider=pragma("cipher_provider"),
            provider_version=pragma("cipher_provider_version"),
        )
    finally:
        con.close()


if __name__ == "__main__":  # used by packaging/sbom_finish.py with the packaging interpreter
    import json
    import sys

    json.dump(sqlcipher_build().to_json(), sys.stdout)
