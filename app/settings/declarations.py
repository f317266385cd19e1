"""The one declaration of every Bauhinia setting.

Everything else — the effective-value store, ``bauhinia policy show``, the settings dialog, the
Linux policy JSON Schema, the Windows ADMX/ADML templates and the admin guide — is generated from
``SETTINGS`` below. Code reads a setting through an object named ``settings`` with a literal
dotted key (``settings.get("ui.theme")``); ``tests/app/test_settings_declared.py`` scans the
sources and fails on any key not declared here, and the store raises ``UnknownSettingError``
at run time.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any
from urllib.parse import urlsplit

from app.i18n import tr

CONTEXT = "Settings"


@dataclass(frozen=True)
class Text:
    """A user-visible string marked for translation but translated only when shown."""

    context: str
    source: str

    def translated(self) -> str:
        return tr(self.context, self.source)

    def __str__(self) -> str:
        return self.translated()


def QT_TRANSLATE_NOOP(context: str, source: str) -> Text:  # the name lupdate looks for
    """Mark ``source`` for extraction by ``pyside6-lupdate`` without translating it yet."""
    return Text(context, source)


class Kind(Enum):
    BOOL = "bool"
    INT = "int"
    FLOAT = "float"
    STR = "str"
    ENUM = "enum"
    STR_LIST = "str_list"
    ENDPOINTS = "endpoints"


class Scope(Enum):
    USER = "user"  # the user may change it (unless a policy locks it)
    ADMIN = "admin"  # only site defaults and managed policy may set it


class Strictness(Enum):
    """Which way a security setting is 'safer'; decides merges and fail-closed values."""

    FALSE_IS_SAFER = "false-is-safer"
    TRUE_IS_SAFER = "true-is-safer"
    EARLIER_CHOICE_IS_SAFER = "earlier-choice-is-safer"  # choices listed strictest first
    FEWER_ITEMS_IS_SAFER = "fewer-items-is-safer"  # lists merge by intersection


class InvalidValueError(ValueError):
    """A value has the wrong type or lies outside the declared range or choices."""


@dataclass(frozen=True)
class Setting:
    key: str
    kind: Kind
    default: Any
    label: Text
    description: Text
    scope: Scope = Scope.USER
    restart: bool = False
    security: Strictness | None = None
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None
    old_names: tuple[str, ...] = ()
    example: Any = None
    #: A file or folder path: environment variables are expanded when read, and the result must
    #: be absolute (the ADMX writes it as an expandable string).
    path: bool = False

    @property
    def policy_name(self) -> str:
        """Registry value name and ADMX policy name: ``remote.allowed_hosts`` → ``RemoteAllowedHosts``."""
        return "".join(part.capitalize() for part in re.split(r"[._]", self.key))

    @property
    def category(self) -> str:
        return self.key.split(".", 1)[0]

    def fail_closed_value(self) -> Any:
        """The safest value, used when a policy that might have set this cannot be read."""
        if self.security is Strictness.FALSE_IS_SAFER:
            return False
        if self.security is Strictness.TRUE_IS_SAFER:
            return True
        if self.security is Strictness.EARLIER_CHOICE_IS_SAFER:
            return self.choices[0]
        if self.security is Strictness.FEWER_ITEMS_IS_SAFER:
            return []
        raise ValueError(f"{self.key} is not a security setting")

    def stricter(self, a: Any, b: Any) -> Any:
        """The stricter of two valid values (for policies that disagree)."""
        if self.security is Strictness.FALSE_IS_SAFER:
            return bool(a and b)
        if self.security is Strictness.TRUE_IS_SAFER:
            return bool(a or b)
        if self.security is Strictness.EARLIER_CHOICE_IS_SAFER:
            return a if self.choices.index(a) <= self.choices.index(b) else b
        if self.security is Strictness.FEWER_ITEMS_IS_SAFER:
            return [item for item in a if item in b]
        raise ValueError(f"{self.key} is not a security setting")

    def validate(self, value: Any) -> Any:
        """Return ``value`` normalised to the declared type, or raise ``InvalidValueError``."""
        check = _VALIDATORS[self.kind]
        return check(self, value)

    def describe_range(self) -> str:
        if self.choices:
            return " | ".join(self.choices)
        if self.minimum is not None or self.maximum is not None:
            low = "" if self.minimum is None else _num(self.minimum)
            high = "" if self.maximum is None else _num(self.maximum)
            return f"{low} … {high}"
        return ""


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def fill(translated: str, *args: str) -> str:
    """Fill %1, %2 … (Qt's placeholder style) in an already translated text."""
    out = translated
    for i, arg in enumerate(args, 1):
        out = out.replace(f"%{i}", arg)
    return out


def _bad(setting: Setting, value: Any, why: str) -> InvalidValueError:
    return InvalidValueError(f"{setting.key}: {why} (got {value!r})")


def _check_bool(s: Setting, v: Any) -> bool:
    if isinstance(v, bool):
        return v
    raise _bad(s, v, tr(CONTEXT, "expected true or false"))


def _check_range(s: Setting, v: float) -> None:
    if s.minimum is not None and v < s.minimum:
        raise _bad(s, v, fill(tr(CONTEXT, "below the minimum %1"), _num(s.minimum)))
    if s.maximum is not None and v > s.maximum:
        raise _bad(s, v, fill(tr(CONTEXT, "above the maximum %1"), _num(s.maximum)))


def _check_int(s: Setting, v: Any) -> int:
    if isinstance(v, bool) or not isinstance(v, int):
        raise _bad(s, v, tr(CONTEXT, "expected a whole number"))
    _check_range(s, v)
    return v


def _check_float(s: Setting, v: Any) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
        raise _bad(s, v, tr(CONTEXT, "expected a number"))
    _check_range(s, float(v))
    return float(v)


def _check_str(s: Setting, v: Any) -> str:
    if not isinstance(v, str):
        raise _bad(s, v, tr(CONTEXT, "expected text"))
    if s.maximum is not None and len(v) > s.maximum:
        raise _bad(s, v[:40], fill(tr(CONTEXT, "longer than %1 characters"), _num(s.maximum)))
    if s.pattern is not None and not re.fullmatch(s.pattern, v):
        raise _bad(s, v, fill(tr(CONTEXT, "does not match %1"), str(s.pattern)))
    return _check_path(s, v) if s.path else v


# Absolute on some platform (/…, C:\…, \\server\share) or starting with a variable that the
# reader expands and checks again (app.paths.expand_path).
_ABSOLUTE_OR_VARIABLE = re.compile(r"/|\\\\|//|[A-Za-z]:[\\/]|%[A-Za-z_][A-Za-z0-9_()]*%|\$\{?[A-Za-z_]")


def _check_path(s: Setting, v: str) -> str:
    if v and not _ABSOLUTE_OR_VARIABLE.match(v):
        raise _bad(s, v, tr(CONTEXT, "expected an absolute path (relative paths are refused)"))
    return v


def _check_enum(s: Setting, v: Any) -> str:
    if not isinstance(v, str) or v not in s.choices:
        raise _bad(s, v, fill(tr(CONTEXT, "expected one of %1"), ", ".join(s.choices)))
    return v


def _check_str_list(s: Setting, v: Any) -> list[str]:
    if not isinstance(v, list) or not all(isinstance(x, str) and x for x in v):
        raise _bad(s, v, tr(CONTEXT, "expected a list of non-empty texts"))
    if s.pattern is not None:
        for item in v:
            if not re.fullmatch(s.pattern, item):
                raise _bad(s, item, fill(tr(CONTEXT, "list item does not match %1"), str(s.pattern)))
    return list(dict.fromkeys(v))


ENDPOINT_FIELDS: Mapping[str, bool] = {  # field → required
    "id": True,
    "url": True,
    "display_name": False,
    "models": False,
    "ca_bundle": False,
    "proxy": False,
}


def _check_endpoints(s: Setting, v: Any) -> list[dict[str, Any]]:
    if not isinstance(v, list):
        raise _bad(s, v, tr(CONTEXT, "expected a list of endpoint objects"))
    seen: set[str] = set()
    out: list[dict[str, Any]] = []
    for item in v:
        if not isinstance(item, dict):
            raise _bad(s, item, tr(CONTEXT, "each endpoint must be an object"))
        unknown = set(item) - set(ENDPOINT_FIELDS)
        if unknown:
            raise _bad(s, sorted(unknown), tr(CONTEXT, "unknown endpoint fields"))
        for name, required in ENDPOINT_FIELDS.items():
            if required and not item.get(name):
                raise _bad(s, item, fill(tr(CONTEXT, "endpoint needs '%1'"), name))
        if not isinstance(item["id"], str) or not re.fullmatch(r"[A-Za-z0-9_.-]{1,64}", item["id"]):
            raise _bad(s, item["id"], tr(CONTEXT, "endpoint id must be 1-64 letters, digits, '_', '.' or '-'"))
        if item["id"] in seen:
            raise _bad(s, item["id"], tr(CONTEXT, "duplicate endpoint id"))
        seen.add(item["id"])
        url = item["url"]
        if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
            raise _bad(s, url, tr(CONTEXT, "endpoint url must be an http(s) URL with a host"))
        name = item.get("display_name", "")
        if not isinstance(name, (str, dict)) or (
            isinstance(name, dict) and not all(isinstance(x, str) for x in name.values())
        ):
            raise _bad(s, name, tr(CONTEXT, "display_name must be text or {language: text}"))
        models = item.get("models", [])
        if not isinstance(models, list) or not all(isinstance(m, str) for m in models):
            raise _bad(s, models, tr(CONTEXT, "models must be a list of model names"))
        for opt in ("ca_bundle", "proxy"):
            if opt in item and not isinstance(item[opt], str):
                raise _bad(s, item[opt], fill(tr(CONTEXT, "%1 must be text"), opt))
        out.append(dict(item))
    return out


_VALIDATORS: dict[Kind, Callable[[Setting, Any], Any]] = {
    Kind.BOOL: _check_bool,
    Kind.INT: _check_int,
    Kind.FLOAT: _check_float,
    Kind.STR: _check_str,
    Kind.ENUM: _check_enum,
    Kind.STR_LIST: _check_str_list,
    Kind.ENDPOINTS: _check_endpoints,
}

_T = QT_TRANSLATE_NOOP
_HOST = r"[A-Za-z0-9*]([A-Za-z0-9.*-]*[A-Za-z0-9])?(:[0-9]{1,5})?"

SETTINGS: tuple[Setting, ...] = (
    # --- appearance and language -------------------------------------------------------------
    Setting("ui.language", Kind.ENUM, "system",
            _T(CONTEXT, "Interface language"),
            _T(CONTEXT, "Language of menus and messages; 'system' follows the Windows or desktop language."),
            choices=("system", "en", "zh_HK", "zh_CN"), restart=False, old_names=("ui.locale",),
            example="zh_HK"),
    Setting("reply.language", Kind.ENUM, "auto",
            _T(CONTEXT, "Reply language"),
            _T(CONTEXT, "Language and script the assistant is asked to answer in; 'auto' answers in the "
                        "language of the question."),
            choices=("auto", "en", "zh_HK", "zh_CN"), example="zh_HK"),
    Setting("ui.theme", Kind.ENUM, "system",
            _T(CONTEXT, "Theme"), _T(CONTEXT, "Light or dark colours, or follow the system."),
            choices=("system", "light", "dark"), example="light"),
    Setting("ui.font_size", Kind.INT, 11,
            _T(CONTEXT, "Font size"), _T(CONTEXT, "Size of the conversation text, in points."),
            minimum=8, maximum=32, example=14),
    # --- model and chat -----------------------------------------------------------------------
    Setting("model.default", Kind.STR, "",
            _T(CONTEXT, "Default model"),
            _T(CONTEXT, "Catalogue id of the model a new conversation uses; empty uses the model the "
                        "catalogue marks as default."),
            maximum=200, example="deepseek-r1-distill-qwen-7b"),
    Setting("model.context_length", Kind.INT, 8192,
            _T(CONTEXT, "Context length"),
            _T(CONTEXT, "Tokens of conversation the model keeps in view; 0 uses the model's own length. "
                        "Longer contexts use more memory."),
            minimum=0, maximum=1048576, restart=True, example=16384),
    Setting("chat.system_prompt", Kind.STR, "",
            _T(CONTEXT, "System prompt"),
            _T(CONTEXT, "Instructions given to the model before every conversation; empty uses the "
                        "catalogue's prompt for the model."),
            maximum=20000, example="You are a helpful assistant for a Hong Kong government office."),
    Setting("sampling.temperature", Kind.FLOAT, 0.6,
            _T(CONTEXT, "Temperature"), _T(CONTEXT, "Randomness of replies; lower is more predictable."),
            minimum=0.0, maximum=2.0, example=0.6),
    Setting("sampling.top_p", Kind.FLOAT, 0.95,
            _T(CONTEXT, "Top-p"), _T(CONTEXT, "Sample only from the most likely tokens that together reach "
                                              "this probability."),
            minimum=0.0, maximum=1.0, example=0.95),
    Setting("sampling.top_k", Kind.INT, 40,
            _T(CONTEXT, "Top-k"), _T(CONTEXT, "Sample only from this many most likely tokens; 0 disables "
                                              "the limit."),
            minimum=0, maximum=1000, example=40),
    Setting("sampling.min_p", Kind.FLOAT, 0.05,
            _T(CONTEXT, "Min-p"), _T(CONTEXT, "Drop tokens less likely than this fraction of the most "
                                              "likely one."),
            minimum=0.0, maximum=1.0, example=0.05),
    Setting("sampling.repeat_penalty", Kind.FLOAT, 1.0,
            _T(CONTEXT, "Repeat penalty"), _T(CONTEXT, "Discourage repeating recent tokens; 1.0 is off."),
            minimum=0.5, maximum=2.0, example=1.1),
    Setting("sampling.max_tokens", Kind.INT, 2048,
            _T(CONTEXT, "Maximum reply length"),
            _T(CONTEXT, "Most tokens one reply (reasoning included) may use."),
            minimum=1, maximum=131072, example=4096),
    Setting("sampling.seed", Kind.INT, -1,
            _T(CONTEXT, "Random seed"),
            _T(CONTEXT, "Fixed seed for repeatable replies; -1 picks a new one each time."),
            minimum=-1, maximum=2**31 - 1, example=42),
    # --- compute backend ----------------------------------------------------------------------
    Setting("backend.choice", Kind.STR, "auto",
            _T(CONTEXT, "Compute device"),
            _T(CONTEXT, "'auto' picks the best allowed device, 'cpu' uses the processor only, or a "
                        "device id from 'bauhinia doctor'."),
            pattern=r"[A-Za-z0-9_.:-]{1,64}", restart=True, example="cpu"),
    Setting("backend.allow_list", Kind.STR_LIST, [],
            _T(CONTEXT, "Allowed compute devices"),
            _T(CONTEXT, "Backends or device ids the application may use (for example cpu, CUDA0, "
                        "Vulkan0); empty allows all."),
            scope=Scope.ADMIN, pattern=r"[A-Za-z0-9_.:-]{1,64}", restart=True, example=["cpu", "Vulkan0"]),
    Setting("backend.gpu_layers", Kind.INT, -1,
            _T(CONTEXT, "GPU layers"),
            _T(CONTEXT, "Model layers placed on the GPU; -1 decides from the free memory, 0 keeps the "
                        "model on the processor."),
            minimum=-1, maximum=1000, restart=True, example=-1),
    Setting("backend.threads", Kind.INT, 0,
            _T(CONTEXT, "Processor threads"),
            _T(CONTEXT, "Most threads used for generation; 0 uses the number of physical cores. Fewer are "
                        "used while other programs keep cores busy."),
            minimum=0, maximum=256, restart=True, old_names=("engine.threads",), example=4),
    Setting("engine.kv_snapshot_budget_mb", Kind.INT, 512,
            _T(CONTEXT, "Conversation memory budget (MB)"),
            _T(CONTEXT, "Memory kept for switching back to recent conversations without re-reading them; "
                        "0 disables it."),
            minimum=0, maximum=65536, example=1024),
    Setting("engine.kv_keep_mb", Kind.INT, 512,
            _T(CONTEXT, "Keep the last conversation's memory across restarts (MB)"),
            _T(CONTEXT, "When the app or the model closes, the last conversation's model state is kept, encrypted "
                        "with the history key, so its first reply after a restart does not re-read the whole "
                        "conversation; 0 disables it. Nothing is kept when the history is not encrypted with "
                        "the system keyring."),
            minimum=0, maximum=65536, example=512),
    Setting("engine.prompt_lookup", Kind.BOOL, True,
            _T(CONTEXT, "Faster copying from the prompt"),
            _T(CONTEXT, "Guess the next words from the prompt and attachments and check several at once; "
                        "the reply is the same, only faster when it repeats the prompt."),
            restart=True, example=True),
    # --- history --------------------------------------------------------------------------
    Setting("history.enabled", Kind.BOOL, True,
            _T(CONTEXT, "Keep conversation history"),
            _T(CONTEXT, "Save conversations on this computer so they can be searched and reopened."),
            example=True),
    Setting("history.retention_days", Kind.INT, 0,
            _T(CONTEXT, "Keep history for (days)"),
            _T(CONTEXT, "Conversations older than this are deleted; 0 keeps them until deleted by hand."),
            minimum=0, maximum=36500, old_names=("history.keep_days",), example=365),
    Setting("history.encryption", Kind.ENUM, "preferred",
            _T(CONTEXT, "History encryption"),
            _T(CONTEXT, "'required': history is always encrypted; 'preferred': encrypted when a key can be "
                        "kept in the system keyring; 'off': not encrypted."),
            choices=("required", "preferred", "off"), scope=Scope.ADMIN, restart=True,
            security=Strictness.EARLIER_CHOICE_IS_SAFER, example="required"),
    Setting("history.keyring_fallback", Kind.ENUM, "passphrase",
            _T(CONTEXT, "Without a keyring"),
            _T(CONTEXT, "What to do when encryption is wanted but no system keyring is available: refuse "
                        "to keep history, ask for a passphrase, or keep it unencrypted with a warning."),
            choices=("refuse", "passphrase", "unencrypted-with-warning"), scope=Scope.ADMIN, restart=True,
            security=Strictness.EARLIER_CHOICE_IS_SAFER, example="refuse"),
    Setting("history.export_allowed", Kind.BOOL, True,
            _T(CONTEXT, "Allow exporting conversations"),
            _T(CONTEXT, "Whether conversations may be exported to files."),
            scope=Scope.ADMIN, security=Strictness.FALSE_IS_SAFER, example=False),
    # --- models -----------------------------------------------------------------------------
    Setting("models.catalog_path", Kind.STR, "",
            _T(CONTEXT, "Model catalogue"),
            _T(CONTEXT, "Path of the IT model catalogue (models.json); empty uses the standard location. "
                        "Environment variables are expanded; the path must be absolute, and a catalogue "
                        "that non-administrators can change is refused."),
            scope=Scope.ADMIN, maximum=4096, restart=True, path=True,
            example=r"\\fileserver\models\models.json"),
    Setting("models.directory", Kind.STR, "",
            _T(CONTEXT, "Imported models folder"),
            _T(CONTEXT, "Folder where imported models are copied; empty uses the user's data folder. "
                        "Environment variables are expanded; the path must be absolute."),
            maximum=4096, path=True, example=r"D:\Models\Bauhinia"),
    Setting("models.user_import_allowed", Kind.BOOL, True,
            _T(CONTEXT, "Allow users to import models"),
            _T(CONTEXT, "Whether users may add model files that are not in the IT catalogue."),
            scope=Scope.ADMIN, security=Strictness.FALSE_IS_SAFER, example=False),
    Setting("models.require_verification", Kind.BOOL, False,
            _T(CONTEXT, "Require verified models"),
            _T(CONTEXT, "Load only model files whose SHA-256 matches the catalogue or the hash recorded "
                        "when they were imported; other files are refused."),
            scope=Scope.ADMIN, security=Strictness.TRUE_IS_SAFER, example=True),
    # --- terminology and audit ----------------------------------------------------------------
    Setting("glossary.path", Kind.STR, "",
            _T(CONTEXT, "Terminology glossary"),
            _T(CONTEXT, "A CSV or TSV glossary (columns en, zh_HK, zh_CN and an optional note), or a folder "
                        "of them: terms found in the input are given to the model with their approved "
                        "rendering, and the reply is checked for it. Empty uses the 'glossary' folder in the "
                        "administrator's configuration folder when it exists. Environment variables are "
                        "expanded; the path must be absolute."),
            scope=Scope.ADMIN, maximum=4096, path=True, example=r"\\fileserver\terms\glossary.csv"),
    Setting("audit.enabled", Kind.BOOL, False,
            _T(CONTEXT, "Keep an audit log"),
            _T(CONTEXT, "Record who loaded which model, finished replies (token counts), exports, imports, "
                        "deletions, policy refusals and added documents (names and SHA-256) in a hash-chained "
                        "log; never the text of messages or documents. An action whose record cannot be "
                        "written is stopped. Once a policy turns it on, users cannot turn it off."),
            scope=Scope.ADMIN, security=Strictness.TRUE_IS_SAFER, example=True),
    Setting("audit.path", Kind.STR, "",
            _T(CONTEXT, "Audit log folder"),
            _T(CONTEXT, "Folder of the audit log (audit.jsonl; full files become audit.000001.jsonl …); empty "
                        "uses 'audit' in the user's data folder. Use a folder per user, for example under "
                        "%LOCALAPPDATA%. Environment variables are expanded; the path must be absolute."),
            scope=Scope.ADMIN, maximum=4096, path=True, example=r"D:\BauhiniaAudit"),
    Setting("audit.max_bytes", Kind.INT, 10485760,
            _T(CONTEXT, "Audit log file size (bytes)"),
            _T(CONTEXT, "Size at which the audit log starts a new file; the new file continues the hash chain "
                        "and old files are kept."),
            scope=Scope.ADMIN, minimum=65536, maximum=1073741824, example=52428800),
    # --- presets -----------------------------------------------------------------------------
    Setting("presets.path", Kind.STR, "",
            _T(CONTEXT, "Task presets file"),
            _T(CONTEXT, "The organisation's presets.json (tasks with a system prompt, sampling, reply language, "
                        "glossary and reference documents; schema presets.schema.json). Empty uses presets.json "
                        "beside the model catalogue. Its presets are locked; a file non-administrators can change is "
                        "refused. Environment variables are expanded; the path must be absolute."),
            scope=Scope.ADMIN, maximum=4096, path=True, example=r"\\fileserver\bauhinia\presets.json"),
    Setting("presets.user_allowed", Kind.BOOL, True,
            _T(CONTEXT, "Allow users' own presets"),
            _T(CONTEXT, "Whether users may add their own task presets besides the built-in and the "
                        "organisation's ones."),
            scope=Scope.ADMIN, security=Strictness.FALSE_IS_SAFER, example=False),
    # --- documents ---------------------------------------------------------------------------
    Setting("documents.enabled", Kind.BOOL, True,
            _T(CONTEXT, "Allow documents"),
            _T(CONTEXT, "Whether files may be attached to messages and added to the document library. "
                        "Document text is kept only in the encrypted history database."),
            scope=Scope.ADMIN, security=Strictness.FALSE_IS_SAFER, example=False),
    Setting("documents.max_file_mb", Kind.INT, 50,
            _T(CONTEXT, "Largest document (MB)"),
            _T(CONTEXT, "Files larger than this are not read, attached or indexed."),
            scope=Scope.ADMIN, minimum=1, maximum=2048, example=20),
    Setting("documents.library_folders", Kind.STR_LIST, [],
            _T(CONTEXT, "Shared library folders"),
            _T(CONTEXT, "Folders (for example a department's circulars on a file share) that every user's "
                        "document library indexes; users cannot remove them. Use absolute paths."),
            scope=Scope.ADMIN, example=[r"\\fileserver\circulars"]),
    Setting("documents.user_folders_allowed", Kind.BOOL, True,
            _T(CONTEXT, "Allow users to add library folders"),
            _T(CONTEXT, "Whether users may add their own files and folders to the document library; the "
                        "shared library folders are indexed either way."),
            scope=Scope.ADMIN, security=Strictness.FALSE_IS_SAFER, example=False),
    Setting("documents.embedding_model", Kind.STR, "",
            _T(CONTEXT, "Embedding model for the library"),
            _T(CONTEXT, "Catalogue id of an embedding model (\"role\": \"embedding\" in the model catalogue, "
                        "for example a multilingual bge-m3 GGUF). When set, library passages also get vectors, "
                        "kept in the encrypted history database, and searches combine them with keyword "
                        "ranking. Empty uses keyword ranking only."),
            scope=Scope.ADMIN, maximum=200, example="bge-m3"),
    # --- remote endpoints ---------------------------------------------------------------------
    Setting("remote.allowed", Kind.BOOL, False,
            _T(CONTEXT, "Allow remote endpoints"),
            _T(CONTEXT, "Whether the application may send conversations to an on-premises "
                        "OpenAI-compatible server instead of running models locally."),
            scope=Scope.ADMIN, security=Strictness.FALSE_IS_SAFER, example=True),
    Setting("remote.allowed_hosts", Kind.STR_LIST, [],
            _T(CONTEXT, "Allowed remote hosts"),
            _T(CONTEXT, "Host names (optionally with :port, '*.' for sub-domains) remote endpoints may "
                        "use; empty allows none."),
            scope=Scope.ADMIN, security=Strictness.FEWER_ITEMS_IS_SAFER, pattern=_HOST,
            example=["llm.dept.gov.hk", "*.cluster.internal:8443"]),
    Setting("remote.allow_insecure_http", Kind.BOOL, False,
            _T(CONTEXT, "Allow unencrypted HTTP"),
            _T(CONTEXT, "Whether remote endpoints may use plain http:// instead of https://."),
            scope=Scope.ADMIN, security=Strictness.FALSE_IS_SAFER, example=False),
    Setting("remote.endpoints", Kind.ENDPOINTS, [],
            _T(CONTEXT, "Remote endpoints"),
            _T(CONTEXT, "On-premises OpenAI-compatible servers: id, url, display name, models, CA bundle "
                        "and proxy. The CA bundle and proxy are honoured only when set by policy or site "
                        "defaults. Access tokens are kept in the system keyring, never here."),
            example=[{"id": "cluster", "url": "https://llm.dept.gov.hk/v1",
                      "display_name": {"en": "Department cluster", "zh_HK": "部門伺服器"},
                      "models": ["deepseek-r1"], "ca_bundle": "/etc/ssl/certs/dept-ca.pem"}]),
)

# Keys from earlier releases that no longer mean anything; they are dropped without complaint.
REMOVED_KEYS: frozenset[str] = frozenset({"ui.show_tray_icon", "engine.use_mmap"})

BY_KEY: Mapping[str, Setting] = {s.key: s for s in SETTINGS}
BY_POLICY_NAME: Mapping[str, Setting] = {s.policy_name: s for s in SETTINGS}
OLD_NAMES: Mapping[str, str] = {old: s.key for s in SETTINGS for old in s.old_names}


def lookup(key: str) -> Setting:
    """The declaration for ``key``; ``UnknownSettingError`` (a ``KeyError``) when undeclared."""
    try:
        return BY_KEY[key]
    except KeyError:
        raise UnknownSettingError(key) from None


class UnknownSettingError(KeyError):
    """Code or a file named a setting that is not declared in ``SETTINGS``."""


def security_settings() -> Sequence[Setting]:
    return [s for s in SETTINGS if s.security is not None]


def _self_check() -> None:
    """Refuse to import a contradictory declaration (duplicate keys, bad defaults)."""
    if len(BY_KEY) != len(SETTINGS) or len(BY_POLICY_NAME) != len(SETTINGS):
        raise RuntimeError("duplicate setting key or policy name")
    for s in SETTINGS:
        s.validate(s.default)
        if s.example is not None:
            s.validate(s.example)
        if set(s.old_names) & set(BY_KEY):
            raise RuntimeError(f"{s.key}: an old name is still a current key")
        if s.security is Strictness.EARLIER_CHOICE_IS_SAFER and not s.choices:
            raise RuntimeError(f"{s.key}: ordered strictness needs choices")


_self_check()
