"""Read and check a presets file: ``{"version": 1, "presets": [ … ]}`` (schema:
packaging/policy/presets.schema.json). Every problem is one translated line naming the file and
the preset; a bad preset is skipped, the others stay usable (``problems`` lists what was skipped).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from app.i18n import tr
from app.presets.model import LANGUAGES, REPLY_LANGUAGES, SAMPLING_TYPES, Preset, PresetError, Source

CONTEXT = "Presets"
MAX_FILE_BYTES = 1024 * 1024
MAX_PRESETS = 200
MAX_TEXT_CHARS = 20_000
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
_KEYS = {"id", "name", "description", "system_prompt", "sampling", "reply_language", "glossary", "documents"}
SAMPLING_RANGES: dict[str, tuple[float, float]] = {
    "temperature": (0.0, 2.0), "top_p": (0.0, 1.0), "top_k": (0, 1000), "min_p": (0.0, 1.0),
    "repeat_penalty": (0.5, 2.0), "max_tokens": (1, 1_000_000), "seed": (-1, 2**31 - 1),
}


def _fail(file: Path, where: str, problem: str) -> PresetError:
    if where:
        return PresetError(tr(CONTEXT, "Presets {file}, preset {id}: {problem}").format(
            file=file.name, id=where, problem=problem))
    return PresetError(tr(CONTEXT, "Presets {file}: {problem}").format(file=file.name, problem=problem))


def _texts(file: Path, pid: str, key: str, value: Any, required: bool) -> dict[str, str]:
    if value is None and not required:
        return {}
    if isinstance(value, str):
        value = {"en": value}
    if not isinstance(value, dict) or not value:
        raise _fail(file, pid, tr(CONTEXT, "'{key}' must be a text or an object with en, zh_HK, zh_CN").format(key=key))
    out: dict[str, str] = {}
    for lang, text in value.items():
        if lang not in LANGUAGES:
            raise _fail(file, pid, tr(CONTEXT, "'{key}' has an unknown language '{lang}' (use en, zh_HK, zh_CN)")
                        .format(key=key, lang=lang))
        if not isinstance(text, str) or len(text) > MAX_TEXT_CHARS:
            raise _fail(file, pid, tr(CONTEXT, "'{key}.{lang}' must be a text of at most {n} characters")
                        .format(key=key, lang=lang, n=MAX_TEXT_CHARS))
        out[lang] = text
    if required and not out.get("en"):
        raise _fail(file, pid, tr(CONTEXT, "'{key}' needs an English (en) text").format(key=key))
    return out


def _path(file: Path, pid: str, key: str, value: Any) -> Path:
    if not isinstance(value, str) or not value.strip():
        raise _fail(file, pid, tr(CONTEXT, "'{key}' must be a path").format(key=key))
    path = Path(os.path.expandvars(value))
    return path if path.is_absolute() or value.startswith(("\\\\", "//")) else file.parent / path


def _sampling(file: Path, pid: str, value: Any) -> dict[str, float | int]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _fail(file, pid, tr(CONTEXT, "'sampling' must be an object"))
    out: dict[str, float | int] = {}
    for key, number in value.items():
        kind = SAMPLING_TYPES.get(key)
        if kind is None:
            raise _fail(file, pid, tr(CONTEXT, "'sampling' has an unknown setting '{key}' (use {known})")
                        .format(key=key, known=", ".join(SAMPLING_TYPES)))
        is_number = isinstance(number, int | float) and not isinstance(number, bool)
        ok = is_number and (kind is float or isinstance(number, int))
        low, high = SAMPLING_RANGES[key]
        if not ok or not low <= number <= high:
            raise _fail(file, pid, tr(CONTEXT, "'sampling.{key}' must be a number from {low} to {high}")
                        .format(key=key, low=low, high=high))
        out[key] = kind(number)
    return out


def parse_preset(file: Path, raw: Any, source: Source) -> Preset:
    if not isinstance(raw, dict):
        raise _fail(file, "?", tr(CONTEXT, "each preset must be an object"))
    pid = raw.get("id")
    if not isinstance(pid, str) or not ID_PATTERN.match(pid):
        raise _fail(file, str(pid)[:64], tr(CONTEXT, "'id' must be 1-64 lower-case letters, digits, '.', '_' or '-'"))
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise _fail(file, pid, tr(CONTEXT, "unknown field '{key}'").format(key=unknown[0]))
    reply = raw.get("reply_language", "auto")
    if reply not in REPLY_LANGUAGES:
        raise _fail(file, pid, tr(CONTEXT, "'reply_language' must be one of {choices}").format(
            choices=", ".join(REPLY_LANGUAGES)))
    documents = raw.get("documents", [])
    if not isinstance(documents, list):
        raise _fail(file, pid, tr(CONTEXT, "'documents' must be a list of paths"))
    return Preset(
        id=pid,
        name=_texts(file, pid, "name", raw.get("name"), required=True),
        description=_texts(file, pid, "description", raw.get("description"), required=False),
        system_prompt=_texts(file, pid, "system_prompt", raw.get("system_prompt"), required=True),
        sampling=_sampling(file, pid, raw.get("sampling")),
        reply_language=reply,
        glossary=_path(file, pid, "glossary", raw["glossary"]) if raw.get("glossary") else None,
        documents=tuple(_path(file, pid, "documents", d) for d in documents),
        source=source,
    )


def read_presets_file(file: Path, source: Source) -> tuple[list[Preset], list[str]]:
    """The presets of ``file`` and one line per skipped preset; ``PresetError`` when the file as
    a whole cannot be used (unreadable, not JSON, wrong shape)."""
    try:
        with file.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise _fail(file, "", tr(CONTEXT, "cannot be read ({error})").format(error=exc.strerror or exc)) from exc
    if len(data) > MAX_FILE_BYTES:
        raise _fail(file, "", tr(CONTEXT, "larger than {size} KB").format(size=MAX_FILE_BYTES // 1024))
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", 0)
        raise _fail(file, "", tr(CONTEXT, "not valid UTF-8 JSON (line {line})").format(line=line)) from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("presets"), list):
        raise _fail(file, "", tr(CONTEXT, "expected an object with a 'presets' list"))
    if doc.get("version", 1) != 1:
        raise _fail(file, "", tr(CONTEXT, "version {v} is not supported (use 1)").format(v=doc.get("version")))
    if len(doc["presets"]) > MAX_PRESETS:
        raise _fail(file, "", tr(CONTEXT, "more than {n} presets").format(n=MAX_PRESETS))
    presets: list[Preset] = []
    problems: list[str] = []
    seen: set[str] = set()
    for raw in doc["presets"]:
        try:
            preset = parse_preset(file, raw, source)
        except PresetError as exc:
            problems.append(str(exc))
            continue
        if preset.id in seen:
            problems.append(str(_fail(file, preset.id, tr(CONTEXT, "the id is used twice; the second is skipped"))))
            continue
        seen.add(preset.id)
        presets.append(preset)
    return presets, problems
