"""Make Bauhinia.wxs digestible for Debian's wixl, then put back what wixl cannot author.

wixl (msitools 0.101) compiles most of the WiX v3 schema but not ``<Condition>`` inside a
``<Component>`` nor the ``Secure`` attribute of ``<Property>``. Both matter: the conditions make a
registry value appear only when IT passed its property, and ``Secure`` lets public properties reach
the elevated part of a per-machine install. The real Windows build (candle/light) handles both
natively; for the Linux check this script

  1. ``strip``: writes a copy of the source without those constructs and prints, as JSON, what it
     removed (component conditions, secure properties);
  2. ``apply``: writes exactly that into the compiled MSI's ``Component.Condition`` column and the
     ``SecureCustomProperties`` property (what WiX's light.exe would have written), via msibuild.

So the tables the test inspects are the tables the real build produces.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

_COMPONENT_CONDITION = re.compile(
    r'(<Component\s+Id="(?P<id>[A-Za-z_][\w.]*)"[^>]*>)(?P<ws>\s*)<Condition>(?P<cond>[^<]*)</Condition>'
)
_SECURE_PROPERTY = re.compile(r'<Property\s+Id="(?P<id>[A-Z][A-Z0-9_]*)"(?P<rest>[^>]*?)\s+Secure="yes"')
_PACKAGE_PLATFORM = re.compile(r'(<Package\b[^>]*?)\s+Platform="[^"]*"')


def strip(source: str) -> tuple[str, dict[str, object]]:
    conditions: dict[str, str] = {}

    def drop_condition(m: re.Match[str]) -> str:
        conditions[m.group("id")] = m.group("cond").strip()
        return m.group(1)

    text = _COMPONENT_CONDITION.sub(drop_condition, source)
    secure: list[str] = []

    def drop_secure(m: re.Match[str]) -> str:
        secure.append(m.group("id"))
        return f'<Property Id="{m.group("id")}"{m.group("rest")}'

    text = _SECURE_PROPERTY.sub(drop_secure, text)
    text = _PACKAGE_PLATFORM.sub(r"\1", text)  # wixl takes the architecture from --arch
    if "<Condition>" in text or 'Secure="' in text:
        raise SystemExit("wixl_compat: a Condition or Secure attribute is in a form this script does not handle")
    return text, {"component_conditions": conditions, "secure_properties": secure}


def _sql_quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _property(msi: Path, name: str) -> str | None:
    table = subprocess.run(
        ["msiinfo", "export", str(msi), "Property"], check=True, capture_output=True, text=True
    ).stdout
    for line in table.splitlines()[3:]:
        key, _, value = line.partition("\t")
        if key == name:
            return value
    return None


def apply(msi: Path, removed: dict[str, object]) -> None:
    conditions = removed["component_conditions"]
    secure = removed["secure_properties"]
    assert isinstance(conditions, dict) and isinstance(secure, list)
    queries = [
        f"UPDATE `Component` SET `Condition` = {_sql_quote(cond)} WHERE `Component` = {_sql_quote(comp)}"
        for comp, cond in conditions.items()
    ]
    if secure:
        # wixl already lists its own upgrade properties there; merge, as light.exe does.
        existing = _property(msi, "SecureCustomProperties")
        merged = ";".join(sorted(set(filter(None, (existing or "").split(";"))) | set(secure)))
        if existing is None:
            queries.append(
                "INSERT INTO `Property` (`Property`, `Value`) VALUES "
                f"('SecureCustomProperties', {_sql_quote(merged)})"
            )
        else:
            queries.append(
                f"UPDATE `Property` SET `Value` = {_sql_quote(merged)} "
                "WHERE `Property` = 'SecureCustomProperties'"
            )
    for query in queries:
        subprocess.run(["msibuild", str(msi), "-q", query], check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("strip")
    s.add_argument("source", type=Path)
    s.add_argument("out", type=Path)
    s.add_argument("removed", type=Path)
    a = sub.add_parser("apply")
    a.add_argument("msi", type=Path)
    a.add_argument("removed", type=Path)
    args = parser.parse_args(argv)
    if args.cmd == "strip":
        text, removed = strip(args.source.read_text(encoding="utf-8"))
        args.out.write_text(text, encoding="utf-8")
        args.removed.write_text(json.dumps(removed, indent=2), encoding="utf-8")
    else:
        apply(args.msi, json.loads(args.removed.read_text(encoding="utf-8")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
