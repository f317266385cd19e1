"""``bauhinia models import``: copy (or register in place) a user's GGUF and record its SHA-256.

Refused when policy disallows user imports. The file is validated with the engine's GGUF parser
before a byte is copied; copying and hashing happen in one pass, so a 10 GB file is read once.
An ``import`` audit record (file name, SHA-256, model id) is written before the model is recorded;
if it cannot be written the copy is removed and ``AuditWriteError`` raised: nothing is imported.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

from app.audit import Imported, audit_log
from app.i18n import tr
from app.models.catalogue import (
    Catalogue,
    CatalogueEntry,
    SettingsReader,
    imports_dir,
    record_user_model,
)
from app.models.verification import Progress, Verifier
from app.paths import Paths
from engine import gguf_file
from engine.errors import Cancelled
from engine.model_file import Fingerprint, fingerprint_fd
from engine.types import CancelToken

CHUNK = 4 * 1024 * 1024


class ImportRefusedError(Exception):
    """Import not allowed or not possible; the message is for the user."""


@dataclass(frozen=True)
class ImportResult:
    entry: CatalogueEntry
    copied: bool
    already_present: bool = False


def _slug(text: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-.")[:100]
    return slug or "model"


def _unique_id(base: str, catalogue: Catalogue) -> str:
    candidate, n = base, 2
    while catalogue.find(candidate) is not None:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def copy_and_hash(src: Path, dest: Path, progress: Progress | None = None,
                  cancel: CancelToken | None = None) -> tuple[str, Fingerprint]:
    """Copy ``src`` to ``dest`` via a temporary file; the SHA-256 of the bytes written, and the
    fingerprint of the file now at ``dest`` (taken through the descriptor that wrote it, so a file
    swapped in at ``dest`` after the rename does not inherit the hash)."""
    total = src.stat().st_size
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.part")
    digest = hashlib.sha256()
    done = 0
    try:
        with src.open("rb") as fin, tmp.open("wb") as fout:
            while chunk := fin.read(CHUNK):
                if cancel is not None and cancel.cancelled:
                    raise Cancelled(tr("Models", "Import cancelled."))
                digest.update(chunk)
                fout.write(chunk)
                done += len(chunk)
                if progress is not None:
                    progress(done, total)
            fout.flush()
            os.fsync(fout.fileno())
            os.replace(tmp, dest)
            written = fingerprint_fd(fout.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return digest.hexdigest(), written


def import_model(
    src: Path,
    *,
    settings: SettingsReader,
    paths: Paths,
    catalogue: Catalogue,
    verifier: Verifier,
    model_id: str | None = None,
    display_name: str | None = None,
    in_place: bool = False,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> ImportResult:
    """Validate, copy (unless ``in_place``), hash and record ``src`` as a user model."""
    if not settings.get("models.user_import_allowed"):
        raise ImportRefusedError(tr("Models", "Your organisation does not allow importing models."))
    info = gguf_file.inspect(src)  # ModelFileError with the reason for a bad file
    existing = catalogue.by_path(src)
    if existing is not None:
        return ImportResult(existing, copied=False, already_present=True)
    base_id = model_id or _slug(src.stem)
    if model_id is not None and catalogue.find(model_id) is not None:
        raise ImportRefusedError(tr("Models", "The id '%1' is already in use.").replace("%1", model_id))
    new_id = _unique_id(base_id, catalogue)
    names = {"en": display_name or info.name or src.stem}
    if in_place:
        dest = src.resolve()
        sha, _ = verifier.sha256(dest, progress, cancel, force=True)
    else:
        folder = imports_dir(settings, paths)
        folder.mkdir(parents=True, exist_ok=True)
        dest = folder / f"{new_id}.gguf"
        if dest.exists():
            raise ImportRefusedError(tr("Models", "A file named %1 already exists.").replace("%1", str(dest)))
        sha, written = copy_and_hash(src, dest, progress, cancel)
        verifier.cache.store(dest, written, sha)
    try:
        audit_log(settings).record(Imported(kind="model", file_name=src.name, file_sha256=sha, model_id=new_id))
    except BaseException:
        if not in_place:
            dest.unlink(missing_ok=True)
        raise
    entry = CatalogueEntry(
        id=new_id, path=dest, sha256=sha, source="user", display_name=names,
        context_length=info.context_length,
    )
    record_user_model(paths, entry, {"imported_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                                     "original": str(src)})
    return ImportResult(entry, copied=not in_place)
