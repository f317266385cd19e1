"""The reviewers' security page names, for every promise, the test that proves it: each named test
must exist, so the page cannot drift away from the suite."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "packaging" / "docs" / "security.md"
TEST_ID = re.compile(r"`(tests/[\w/]+\.py)::(\w+)(?:\[[^\]`]*\])?`")


def test_security_page_names_only_tests_that_exist() -> None:
    text = DOC.read_text(encoding="utf-8")
    ids = TEST_ID.findall(text)
    assert len(ids) >= 60, "the security page should name the tests behind its promises"
    missing = []
    for file, name in ids:
        path = ROOT / file
        source = path.read_text(encoding="utf-8") if path.is_file() else ""
        if not re.search(rf"^(?:async )?def {re.escape(name)}\(", source, flags=re.M):
            missing.append(f"{file}::{name}")
    assert not missing, "security.md names tests that do not exist:\n" + "\n".join(missing)


def test_security_page_covers_every_item_of_the_review() -> None:
    text = DOC.read_text(encoding="utf-8")
    for item in range(1, 17):
        assert re.search(rf"\bitems?\b[^\n]*\b{item}\b", text), f"review item {item} has no section"
