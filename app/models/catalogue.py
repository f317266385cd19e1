"""IT's ``models.json`` (DESIGN §4) and the user's own imported models, as one list of entries.

The catalogue file is admin-owned and read-only here; user imports are recorded in
``<data>/user-models.json`` and are offered only while ``models.user_import_allowed`` holds.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath
from typing import Any, Literal, Protocol

from app.admin_files import file_problem
from app.paths import Paths
from app.settings import sources
from app.typed_settings import get_bool

Source = Literal["catalogue", "user"]
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}")
SHA256_PATTERN = re.compile(r"[0-9a-fA-F]{64}")
LANGUAGES = ("en", "zh_HK", "zh_CN")
USER_MODELS_FILE = "user-models.json"


class SettingsReader(Protocol):
    def get(self, key: str) -> Any: ...


@dataclass(frozen=True)
class CatalogueEntry:
    id: str
    path: Path
    sha256: str | None  # lower-case hex; what the file must hash to
    source: Source
    display_name: Mapping[str, str] = field(default_factory=dict)
    context_length: int | None = None
    default: bool = False
    system_prompt: Mapping[str, str] = field(default_factory=dict)
    role: str = "chat"  # "chat" or "embedding" (documents.embedding_model names one)

    def name(self, language: str = "en") -> str:
        """Display name in ``language`` (en / zh_HK / zh_CN), falling back to English, then the id."""
        for lang in (language, "en"):
            if self.display_name.get(lang):
                return self.display_name[lang]
        return self.id

    def prompt(self, language: str = "en") -> str:
        for lang in (language, "en"):
            if self.system_prompt.get(lang):
                return self.system_prompt[lang]
        return ""

    def to_json(self, language: str = "en") -> dict[str, Any]:
        return {
            "id": self.id,
            "display_name": self.name(language),
            "path": str(self.path),
            "source": self.source,
            "sha256": self.sha256,
            "context_length": self.context_length,
            "default": self.default,
            "role": self.role,
        }


@dataclass
class Catalogue:
    entries: list[CatalogueEntry]
    problems: list[str]
    catalogue_path: Path | None
    user_imports_allowed: bool = True

    def find(self, model_id: str) -> CatalogueEntry | None:
        return next((e for e in self.entries if e.id == model_id), None)

    def by_path(self, path: str | os.PathLike[str]) -> CatalogueEntry | None:
        """The entry for a file, compared after resolving links and relative parts."""
        wanted = _canonical(Path(path))
        return next((e for e in self.entries if _canonical(e.path) == wanted), None)

    def chat_entries(self) -> list[CatalogueEntry]:
        """The models a conversation may use: every entry but embedding models (the window's
        picker, the default-model setting's list, the default). The one rule for those lists."""
        return [e for e in self.entries if e.role == "chat"]

    def default_entry(self) -> CatalogueEntry | None:
        chat = self.chat_entries()
        return next((e for e in chat if e.default), chat[0] if chat else None)


def _canonical(path: Path) -> str:
    try:
        return os.path.normcase(str(path.resolve()))
    except OSError:
        return os.path.normcase(os.path.abspath(path))


def resolve_model_file(file: str, base: Path) -> Path:
    """``file`` as written in models.json: absolute, UNC (``\\\\server\\share\\…``) or relative to
    the catalogue's folder."""
    if file.startswith(("\\\\", "//")) or PureWindowsPath(file).is_absolute() or os.path.isabs(file):
        return Path(file)
    return base / file


def _texts(value: Any, what: str) -> dict[str, str]:
    if value is None:
        return {}
    if isinstance(value, str):
        return {"en": value}
    if isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        return dict(value)
    raise ValueError(f"{what} must be text or an object of language → text")


def parse_entry(raw: Any, base: Path, source: Source) -> CatalogueEntry:
    """One ``models`` item; ``ValueError`` with the reason when it is unusable."""
    if not isinstance(raw, dict):
        raise ValueError("each model must be an object")
    model_id = raw.get("id")
    if not isinstance(model_id, str) or not ID_PATTERN.fullmatch(model_id):
        raise ValueError(f"bad or missing id {model_id!r}")
    file = raw.get("file")
    if not isinstance(file, str) or not file:
        raise ValueError(f"{model_id}: missing 'file'")
    sha = raw.get("sha256")
    if not isinstance(sha, str) or not SHA256_PATTERN.fullmatch(sha):
        raise ValueError(f"{model_id}: 'sha256' must be 64 hexadecimal digits")
    ctx = raw.get("context_length")
    if ctx is not None and (isinstance(ctx, bool) or not isinstance(ctx, int) or ctx <= 0):
        raise ValueError(f"{model_id}: 'context_length' must be a positive whole number")
    default = raw.get("default", False)
    if not isinstance(default, bool):
        raise ValueError(f"{model_id}: 'default' must be true or false")
    role = raw.get("role", "chat")
    if role not in ("chat", "embedding"):
        raise ValueError(f"{model_id}: 'role' must be \"chat\" or \"embedding\"")
    return CatalogueEntry(
        id=model_id,
        path=resolve_model_file(file, base),
        sha256=sha.lower(),
        source=source,
        display_name=_texts(raw.get("display_name"), f"{model_id}: display_name"),
        context_length=ctx,
        default=default,
        system_prompt=_texts(raw.get("system_prompt"), f"{model_id}: system_prompt"),
        role=role,
    )


def load_models_file(path: Path, source: Source) -> tuple[list[CatalogueEntry], list[str]]:
    """Entries of a catalogue-format file; a missing file is empty, a bad one is reported."""
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        return [], []
    except (OSError, ValueError) as exc:
        return [], [f"{path}: unreadable or malformed model list: {exc}"]
    if not isinstance(data, dict) or not isinstance(data.get("models"), list):
        return [], [f"{path}: expected {{\"models\": [...]}}"]
    entries: list[CatalogueEntry] = []
    problems: list[str] = []
    seen: set[str] = set()
    for index, raw in enumerate(data["models"]):
        try:
            entry = parse_entry(raw, path.parent, source)
        except ValueError as exc:
            problems.append(f"{path}: model #{index + 1}: {exc} (skipped)")
            continue
        if entry.id in seen:
            problems.append(f"{path}: duplicate id {entry.id} (later entry skipped)")
            continue
        seen.add(entry.id)
        entries.append(entry)
    return entries, problems


def catalogue_path(settings: SettingsReader, system_dir: Path | None = None) -> Path:
    configured = settings.get("models.catalog_path")
    if configured:
        return Path(configured)
    return (system_dir if system_dir is not None else sources.admin_config_dir()) / "models.json"


def user_models_path(paths: Paths) -> Path:
    return paths.data / USER_MODELS_FILE


def imports_dir(settings: SettingsReader, paths: Paths) -> Path:
    configured = settings.get("models.directory")
    return Path(configured) if configured else paths.models


def load_catalogue(settings: SettingsReader, paths: Paths, system_dir: Path | None = None) -> Catalogue:
    """IT's catalogue first, then the user's imports when policy allows them; ids stay unique."""
    cat_path = catalogue_path(settings, system_dir)
    unsafe = file_problem(cat_path)  # a catalogue non-administrators can change is not IT's word
    entries, problems = ([], [f"{cat_path}: refused: {unsafe}"]) if unsafe else load_models_file(cat_path, "catalogue")
    allowed = get_bool(settings, "models.user_import_allowed")
    if allowed:
        user_entries, user_problems = load_models_file(user_models_path(paths), "user")
        problems += user_problems
        taken = {e.id for e in entries}
        for e in user_entries:
            if e.id in taken:
                problems.append(f"user model {e.id}: id already used by the IT catalogue (skipped)")
                continue
            entries.append(e)
    return Catalogue(entries, problems, cat_path, allowed)


def record_user_model(paths: Paths, entry: CatalogueEntry, extra: Mapping[str, Any] | None = None) -> None:
    """Add or replace ``entry`` in the user's model list (atomic rewrite)."""
    path = user_models_path(paths)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        models = [m for m in data.get("models", []) if isinstance(m, dict) and m.get("id") != entry.id]
    except FileNotFoundError:
        models = []
    except (OSError, ValueError, AttributeError):
        # A damaged list is kept aside rather than silently merged into.
        path.replace(path.with_name(path.name + ".corrupt"))
        models = []
    item: dict[str, Any] = {
        "id": entry.id,
        "file": str(entry.path),
        "sha256": entry.sha256,
        "display_name": dict(entry.display_name),
    }
    if entry.context_length:
        item["context_length"] = entry.context_length
    item.update(extra or {})
    models.append(item)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps({"models": models}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)
