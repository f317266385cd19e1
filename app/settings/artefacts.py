"""Generate the admin artefacts from the one declaration: Windows ADMX + ADML (en-US, zh-HK,
zh-CN), the JSON Schema for Linux policy files, example policies and the admin guide's table.

Run ``python -m app.settings.artefacts`` to regenerate (``--check`` exits 1 when a file on disk is
out of date); ``tests/app/test_policy_artefacts.py`` fails when they are stale.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from app import __version__
from app.settings.declarations import SETTINGS, Kind, Scope, Setting
from app.settings.sources import POLICY_REGISTRY_KEY, SITE_REGISTRY_KEY
from app.settings.texts_zh import CATEGORY_TEXTS, CHOICE_TEXTS, FIXED_TEXTS, SETTING_TEXTS

ROOT = Path(__file__).resolve().parents[2]
POLICY_DIR = Path("packaging/policy")
GUIDE = Path("packaging/docs/admin-guide.md")
ADMX_NAMESPACE = "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions"
TARGET_NAMESPACE = "Bauhinia.Policies"
LANGUAGES = {"en-US": 0, "zh-HK": 1, "zh-CN": 2}  # index into the (en, zh_HK, zh_CN) tables
CATEGORY_OF = {
    "ui": "Appearance", "reply": "Appearance",
    "model": "Models", "chat": "Models", "sampling": "Models", "models": "Models",
    "backend": "Compute", "engine": "Compute",
    "history": "History",
    "remote": "Remote",
    "glossary": "Glossary", "audit": "Audit", "documents": "Documents", "presets": "Presets",
}
# What the Group Policy editor's three states do, per kind of policy (en, zh_HK, zh_CN).
STATE_NOTES: dict[str, tuple[str, str, str]] = {
    "boolean": (
        "Enabled locks it on, Disabled locks it off; Not Configured leaves it to the user.",
        "「已啟用」鎖定為開啟，「已停用」鎖定為關閉；「未設定」則由用戶決定。",
        "“已启用”锁定为开启，“已禁用”锁定为关闭；“未配置”则由用户决定。",
    ),
    "value": (
        "Enabled locks the value chosen below. Disabled and Not Configured both leave the setting "
        "unmanaged (Disabled does not mean \"off\"): the user's choice or the default applies.",
        "「已啟用」鎖定下面選擇的值。「已停用」和「未設定」都不管理這項設定（「已停用」並不等於「關閉」），"
        "會使用用戶的選擇或預設值。",
        "“已启用”锁定下面选择的值。“已禁用”和“未配置”都不管理该设置（“已禁用”并不等于“关闭”），"
        "将使用用户的选择或默认值。",
    ),
}
BEGIN = "<!-- BEGIN GENERATED: python -m app.settings.artefacts -->"
END = "<!-- END GENERATED -->"
TEXT_MAX = 32767


# ----------------------------------------------------------------------------------------------
# Windows: ADMX + ADML
# ----------------------------------------------------------------------------------------------

def admx_element(s: Setting) -> str:
    """What the policy writes under the key: REG_DWORD, REG_SZ or REG_MULTI_SZ ``valueName``."""
    if s.kind is Kind.BOOL:
        return "boolean"
    if s.kind is Kind.INT and (s.minimum or 0) >= 0:
        return "decimal"
    if s.kind is Kind.ENUM:
        return "enum"
    if s.kind is Kind.STR_LIST:
        return "multiText"
    return "text"  # strings, floats, signed integers and JSON (endpoints)


def _policy_xml(s: Setting) -> list[str]:
    name = s.policy_name
    kind = admx_element(s)
    attrs = (f'name="{name}" class="Machine" displayName="$(string.{name})" '
             f'explainText="$(string.{name}_Explain)"')
    if kind != "boolean":
        attrs += f' presentation="$(presentation.{name})"'
    attrs += f' key="{POLICY_REGISTRY_KEY}"'
    if kind == "boolean":
        attrs += f' valueName="{name}"'
    lines = [f"    <policy {attrs}>",
             f'      <parentCategory ref="{CATEGORY_OF[s.category]}" />',
             '      <supportedOn ref="SUPPORTED_Bauhinia_0_1" />']
    if kind == "boolean":
        lines += ['      <enabledValue><decimal value="1" /></enabledValue>',
                  '      <disabledValue><decimal value="0" /></disabledValue>']
    else:
        lines.append("      <elements>")
        if kind == "decimal":
            lines.append(f'        <decimal id="{name}" valueName="{name}" required="true" '
                         f'minValue="{int(s.minimum or 0)}" maxValue="{int(s.maximum or 4294967295)}" />')
        elif kind == "enum":
            lines.append(f'        <enum id="{name}" valueName="{name}" required="true">')
            for choice in s.choices:
                lines += [f'          <item displayName="$(string.{name}_{_sid(choice)})">',
                          f"            <value><string>{escape(choice)}</string></value>",
                          "          </item>"]
            lines.append("        </enum>")
        elif kind == "multiText":
            lines.append(f'        <multiText id="{name}" valueName="{name}" maxStrings="1000" />')
        else:
            # Paths are REG_EXPAND_SZ, so %ProgramData% and the like work; the app expands them.
            expandable = ' expandable="true"' if _is_path(s) else ""
            lines.append(f'        <text id="{name}" valueName="{name}" required="true" maxLength="{TEXT_MAX}"'
                         f"{expandable} />")
        lines.append("      </elements>")
    lines.append("    </policy>")
    return lines


def _is_path(s: Setting) -> bool:
    """A file or folder path setting (declared with ``path=True``)."""
    return bool(getattr(s, "path", False))


def _sid(choice: str) -> str:
    return choice.replace("-", "_")


def render_admx() -> str:
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!-- Generated by python -m app.settings.artefacts from app/settings/declarations.py; do not edit. -->",
        '<policyDefinitions xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" '
        f'xmlns="{ADMX_NAMESPACE}">',
        "  <policyNamespaces>",
        f'    <target prefix="bauhinia" namespace="{TARGET_NAMESPACE}" />',
        "  </policyNamespaces>",
        '  <resources minRequiredRevision="1.0" />',
        "  <supportedOn>",
        "    <definitions>",
        '      <definition name="SUPPORTED_Bauhinia_0_1" displayName="$(string.SUPPORTED_Bauhinia_0_1)" />',
        "    </definitions>",
        "  </supportedOn>",
        "  <categories>",
        '    <category name="Bauhinia" displayName="$(string.Cat_Bauhinia)" />',
    ]
    for cat in CATEGORY_TEXTS:
        if cat != "Bauhinia":
            out += [f'    <category name="{cat}" displayName="$(string.Cat_{cat})">',
                    '      <parentCategory ref="Bauhinia" />',
                    "    </category>"]
    out += ["  </categories>", "  <policies>"]
    for s in SETTINGS:
        out += _policy_xml(s)
    out += ["  </policies>", "</policyDefinitions>", ""]
    return "\n".join(out)


def label_in(s: Setting, lang: int) -> str:
    return s.label.source if lang == 0 else SETTING_TEXTS[s.key][0 if lang == 1 else 2]


def description_in(s: Setting, lang: int) -> str:
    return s.description.source if lang == 0 else SETTING_TEXTS[s.key][1 if lang == 1 else 3]


def _value_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value if value else '""'
    return json.dumps(value, ensure_ascii=False)


def _explain(s: Setting, lang: int) -> str:
    fixed = {k: v[lang] for k, v in FIXED_TEXTS.items()}
    lines = [description_in(s, lang), ""]
    if s.kind is Kind.ENUM:
        lines.append(f"{fixed['range']}: " + ", ".join(s.choices))
    elif s.describe_range():
        lines.append(f"{fixed['range']}: {s.describe_range()}")
    lines.append(f"{fixed['default']}: {_value_text(s.default)}")
    kind = admx_element(s)
    reg_type = {"boolean": "REG_DWORD 0/1", "decimal": "REG_DWORD", "multiText": "REG_MULTI_SZ"}.get(
        kind, "REG_EXPAND_SZ" if _is_path(s) else "REG_SZ")
    lines.append(f"{fixed['registry']}: HKLM\\{POLICY_REGISTRY_KEY}\\{s.policy_name} ({reg_type})")
    lines.append(STATE_NOTES["boolean" if kind == "boolean" else "value"][lang])
    if s.kind is Kind.ENDPOINTS:
        lines.append(fixed["json_hint"])
    if s.restart:
        lines.append(fixed["restart"])
    return "\n".join(lines)


def _presentation(s: Setting, lang: int) -> str | None:
    name = s.policy_name
    kind = admx_element(s)
    label = escape(label_in(s, lang))
    if kind == "boolean":
        return None
    if kind == "decimal":
        return (f'      <presentation id="{name}">\n        <decimalTextBox refId="{name}" '
                f'defaultValue="{int(s.default)}">{label}</decimalTextBox>\n      </presentation>')
    if kind == "enum":
        index = s.choices.index(s.default)
        return (f'      <presentation id="{name}">\n        <dropdownList refId="{name}" noSort="true" '
                f'defaultItem="{index}">{label}</dropdownList>\n      </presentation>')
    if kind == "multiText":
        hint = escape(FIXED_TEXTS["list_hint"][lang])
        return (f'      <presentation id="{name}">\n        <multiTextBox refId="{name}">{label} '
                f"({hint})</multiTextBox>\n      </presentation>")
    default = "" if s.kind is Kind.ENDPOINTS else _value_text(s.default).strip('"')
    default_xml = f"<defaultValue>{escape(default)}</defaultValue>" if default else ""
    return (f'      <presentation id="{name}">\n        <textBox refId="{name}">\n'
            f"          <label>{label}</label>{default_xml}\n        </textBox>\n      </presentation>")


def render_adml(language: str) -> str:
    lang = LANGUAGES[language]
    fixed = {k: v[lang] for k, v in FIXED_TEXTS.items()}
    strings = [("SUPPORTED_Bauhinia_0_1", fixed["supported"])]
    strings += [(f"Cat_{cat}", texts[lang]) for cat, texts in CATEGORY_TEXTS.items()]
    for s in SETTINGS:
        strings.append((s.policy_name, label_in(s, lang)))
        strings.append((f"{s.policy_name}_Explain", _explain(s, lang)))
        for choice in s.choices:
            strings.append((f"{s.policy_name}_{_sid(choice)}", CHOICE_TEXTS[choice][lang]))
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!-- Generated by python -m app.settings.artefacts from app/settings/declarations.py; do not edit. -->",
        f'<policyDefinitionResources xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
        f'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" '
        f'xmlns="{ADMX_NAMESPACE}">',
        f"  <displayName>{escape(fixed['display_name'])}</displayName>",
        f"  <description>{escape(fixed['description'])}</description>",
        "  <resources>",
        "    <stringTable>",
    ]
    out += [f'      <string id="{sid}">{escape(text)}</string>' for sid, text in strings]
    out += ["    </stringTable>", "    <presentationTable>"]
    out += [p for s in SETTINGS if (p := _presentation(s, lang)) is not None]
    out += ["    </presentationTable>", "  </resources>", "</policyDefinitionResources>", ""]
    return "\n".join(out)


# ----------------------------------------------------------------------------------------------
# Linux: JSON Schema and examples
# ----------------------------------------------------------------------------------------------

def _schema_for(s: Setting) -> dict[str, Any]:
    out: dict[str, Any] = {"title": s.label.source, "description": s.description.source}
    if s.kind is Kind.BOOL:
        out["type"] = "boolean"
    elif s.kind is Kind.INT:
        out["type"] = "integer"
    elif s.kind is Kind.FLOAT:
        out["type"] = "number"
    elif s.kind is Kind.STR:
        out["type"] = "string"
        if s.maximum is not None:
            out["maxLength"] = int(s.maximum)
        if s.pattern is not None:
            out["pattern"] = f"^(?:{s.pattern})$"
    elif s.kind is Kind.ENUM:
        out["type"] = "string"
        out["enum"] = list(s.choices)
    elif s.kind is Kind.STR_LIST:
        item: dict[str, Any] = {"type": "string", "minLength": 1}
        if s.pattern is not None:
            item["pattern"] = f"^(?:{s.pattern})$"
        out.update({"type": "array", "items": item})
    elif s.kind is Kind.ENDPOINTS:
        out.update({"type": "array", "items": {"$ref": "#/$defs/endpoint"}})
    if s.kind in (Kind.INT, Kind.FLOAT):
        if s.minimum is not None:
            out["minimum"] = s.minimum if s.kind is Kind.FLOAT else int(s.minimum)
        if s.maximum is not None:
            out["maximum"] = s.maximum if s.kind is Kind.FLOAT else int(s.maximum)
    out["default"] = s.default
    out["examples"] = [s.example]
    return out


def render_schema() -> str:
    text_map = {"type": "object", "additionalProperties": {"type": "string"}}
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://bauhinia.invalid/schemas/bauhinia-policy.schema.json",
        "title": "Bauhinia policy, site defaults and user settings file",
        "description": "One JSON object of setting keys and values. Managed policy: "
                       "/etc/bauhinia/policies/*.json; site defaults: /etc/bauhinia/config.json.",
        "type": "object",
        "properties": {
            "$schema": {"type": "string"},
            "$comment": {"type": "string"},
            **{s.key: _schema_for(s) for s in SETTINGS},
        },
        "additionalProperties": False,
        "$defs": {
            "endpoint": {
                "type": "object",
                "required": ["id", "url"],
                "additionalProperties": False,
                "properties": {
                    "id": {"type": "string", "pattern": "^[A-Za-z0-9_.-]{1,64}$"},
                    "url": {"type": "string", "pattern": "^https?://[^/\\s]+"},
                    "display_name": {"oneOf": [{"type": "string"}, text_map]},
                    "models": {"type": "array", "items": {"type": "string"}},
                    "ca_bundle": {"type": "string"},
                    "proxy": {"type": "string"},
                },
            }
        },
    }
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def example_lockdown() -> dict[str, Any]:
    """A strict policy: every security setting at its safest value."""
    out: dict[str, Any] = {"$schema": "../bauhinia-policy.schema.json",
                           "$comment": "Every security setting at its safest value."}
    out.update({s.key: s.fail_closed_value() for s in SETTINGS if s.security is not None})
    return out


def example_all() -> dict[str, Any]:
    out: dict[str, Any] = {"$schema": "../bauhinia-policy.schema.json",
                           "$comment": "Every setting with an example value; keep only what you want to lock."}
    out.update({s.key: s.example for s in SETTINGS})
    return out


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# ----------------------------------------------------------------------------------------------
# Admin guide table
# ----------------------------------------------------------------------------------------------

def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_guide_table() -> str:
    rows = [
        "| Setting (Linux JSON key) | Windows value name | Type | Default | Allowed | Who sets it | "
        "Security | Example |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for s in SETTINGS:
        scope = "administrator only" if s.scope is Scope.ADMIN else "user (unless locked)"
        sec = "" if s.security is None else (
            f"stricter wins; fails closed to `{_value_text(s.fail_closed_value())}`")
        rows.append("| " + " | ".join([
            f"`{s.key}`", f"`{s.policy_name}` ({admx_element(s)})", s.kind.value,
            f"`{_cell(_value_text(s.default))}`", _cell(s.describe_range()), scope + (", restart" if s.restart else ""),
            sec, f"`{_cell(json.dumps(s.example, ensure_ascii=False))}`",
        ]) + " |")
    details = []
    for s in SETTINGS:
        details.append(f"### `{s.key}` — {s.label.source}\n\n{s.description.source}\n\n"
                       f"繁體：{SETTING_TEXTS[s.key][0]} — {SETTING_TEXTS[s.key][1]}\n\n"
                       f"简体：{SETTING_TEXTS[s.key][2]} — {SETTING_TEXTS[s.key][3]}\n")
    return "\n".join([BEGIN, "", f"Generated for Bauhinia {__version__}.", "",
                      f"Policy registry key: `HKLM\\{POLICY_REGISTRY_KEY}`; site defaults: "
                      f"`HKLM\\{SITE_REGISTRY_KEY}` (same value names).", "",
                      *rows, "", *details, END])


GUIDE_INTRO = """# Bauhinia — administrator's guide to settings and policy

Every setting is declared once in `app/settings/declarations.py`; this page, the Windows ADMX/ADML
templates and the Linux JSON Schema are generated from that declaration
(`python -m app.settings.artefacts`).

## Where settings come from

Lowest to highest precedence:

1. built-in default;
2. **site defaults** — `/etc/bauhinia/config.json` (Linux) or `HKLM\\Software\\Bauhinia\\Bauhinia`
   (Windows): starting values the user may change;
3. the user's own `settings.json` (in the user's config folder);
4. `BAUHINIA_SETTING_<KEY>` environment variables (user-level settings only);
5. **managed policy** — every `/etc/bauhinia/policies/*.json` (read in sorted order) or
   `HKLM\\Software\\Policies\\Bauhinia\\Bauhinia` (Group Policy, see `packaging/policy/*.admx`).
   A value set by policy is locked: the settings window shows it greyed out, and the CLI, a user
   file or an environment variable cannot change it.

`bauhinia policy show` lists every setting with its value, source and lock.

## Security settings: stricter wins, and failure is closed

For settings marked *Security* below, two policy files that disagree do not override each other:
the stricter value wins (false over true for "allow" switches, `required` over `preferred` over
`off`, the intersection of host lists). If a policy file or the policy registry key cannot be read
or parsed, every security setting is locked to its safest value until the problem is fixed, and
`bauhinia policy show` reports the file. A security value of the wrong type fails closed for
that setting; other bad values are reported and ignored.

## Files

- `packaging/policy/bauhinia.admx` and `en-US/`, `zh-HK/`, `zh-CN/bauhinia.adml`: copy to
  `%SystemRoot%\\PolicyDefinitions` (or the central store).
- `packaging/policy/bauhinia-policy.schema.json`: JSON Schema for the Linux files.
- `packaging/policy/examples/`: a strict example and one with every setting.
- Model catalogue: `/etc/bauhinia/models.json` (or `models.catalog_path`), see DESIGN §4. Each model
  file is checked against its SHA-256 before it is first loaded; the result is cached by path, size,
  modification time and inode, and checked again whenever one of them changes.

## Every setting

"""


def render_guide(existing: str | None) -> str:
    table = render_guide_table()
    if existing and BEGIN in existing and END in existing:
        head, rest = existing.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        return head + table + tail
    return GUIDE_INTRO + table + "\n"


# ----------------------------------------------------------------------------------------------

def render_all(root: Path = ROOT) -> Iterator[tuple[Path, str]]:
    """(relative path, content) for every generated file."""
    yield POLICY_DIR / "bauhinia.admx", render_admx()
    for language in LANGUAGES:
        yield POLICY_DIR / language / "bauhinia.adml", render_adml(language)
    yield POLICY_DIR / "bauhinia-policy.schema.json", render_schema()
    yield POLICY_DIR / "examples" / "10-lockdown.json", _dump(example_lockdown())
    yield POLICY_DIR / "examples" / "all-settings.json", _dump(example_all())
    guide = root / GUIDE
    yield GUIDE, render_guide(guide.read_text(encoding="utf-8") if guide.exists() else None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.settings.artefacts", description=__doc__)
    parser.add_argument("--check", action="store_true", help="only report files that are out of date")
    parser.add_argument("--root", type=Path, default=ROOT)
    args = parser.parse_args(argv)
    stale = []
    for rel, content in render_all(args.root):
        path = args.root / rel
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == content:
            continue
        stale.append(str(rel))
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8", newline="\n")
    for name in stale:
        print(("out of date: " if args.check else "wrote ") + name)
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
