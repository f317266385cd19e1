"""Issue 13: reading a setting returns its declared type (app.typed_settings), so no module wraps
``settings.get(...)`` in ``int()``/``float()``/``str()``/``bool()`` any more."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WRAPPED = re.compile(r"\b(?:int|float|str|bool)\((?:self\.)?_?settings\.get\(")


def test_no_setting_read_is_wrapped_in_a_cast() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in sorted((ROOT / "app").rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if WRAPPED.search(line)
    ]
    assert not found, "use app.typed_settings (get_int/get_str/…):\n" + "\n".join(found)
