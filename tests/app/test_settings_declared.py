"""Every setting the code reads is declared; the declaration itself is complete and consistent."""

from __future__ import annotations

import re
from pathlib import Path

from app.settings.declarations import BY_KEY, SETTINGS, Scope, Text

ROOT = Path(__file__).resolve().parents[2]
# Reads go through an object whose name contains "settings": settings.get("ui.theme"),
# self._settings.effective("..."), app_settings.is_locked("...") …
READ = re.compile(
    r"""\b\w*settings\w*\s*\.\s*(?:get|effective|is_locked|set|reset|value)\(\s*["']([^"']+)["']"""
)
REQUIRED = {
    "ui.language", "reply.language", "ui.theme", "ui.font_size", "model.default", "chat.system_prompt",
    "sampling.temperature", "sampling.top_p", "sampling.top_k", "sampling.min_p", "sampling.repeat_penalty",
    "sampling.max_tokens", "sampling.seed", "model.context_length", "backend.choice", "backend.allow_list",
    "backend.gpu_layers", "backend.threads", "engine.kv_snapshot_budget_mb", "history.enabled",
    "history.retention_days", "history.encryption", "history.export_allowed", "models.user_import_allowed",
    "models.require_verification", "models.catalog_path", "models.directory", "remote.allowed",
    "remote.allowed_hosts", "remote.endpoints", "remote.allow_insecure_http",
}


def keys_read_in(paths: list[Path]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        for m in READ.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            found.setdefault(m.group(1), []).append(f"{path}:{line}")
    return found


def test_code_reads_only_declared_settings() -> None:
    sources = [p for d in ("app", "engine") for p in (ROOT / d).rglob("*.py")]
    found = keys_read_in(sources)
    undeclared = {k: v for k, v in found.items() if k not in BY_KEY}
    assert undeclared == {}, f"settings read but not declared in app/settings/declarations.py: {undeclared}"


def test_scanner_catches_an_undeclared_read(tmp_path: Path) -> None:
    planted = tmp_path / "planted.py"
    planted.write_text('x = self._settings.get("ui.colour")\ny = settings.effective( "ui.theme")\n')
    assert set(keys_read_in([planted])) == {"ui.colour", "ui.theme"}


def test_the_issue_list_of_settings_is_declared() -> None:
    assert set(BY_KEY) >= REQUIRED


def test_each_declaration_is_complete() -> None:
    for s in SETTINGS:
        assert isinstance(s.label, Text) and isinstance(s.description, Text)
        assert s.label.context == "Settings" and s.label.source and s.description.source.endswith(".")
        assert s.example is not None, s.key
        if s.security is not None:
            assert s.validate(s.fail_closed_value()) == s.fail_closed_value()
            assert s.scope is Scope.ADMIN, f"{s.key}: a security setting the user could loosen"


def test_labels_translate_lazily_through_tr() -> None:
    label = BY_KEY["ui.theme"].label
    assert str(label) == label.translated() == "Theme"  # no translator installed: source text
