"""`bauhinia` with no desktop session: one translated line naming the headless commands, exit 1
(not Qt's "could not load the Qt platform plugin" abort, exit 134)."""

from __future__ import annotations

import json
import os
import subprocess

import cli_child
import pytest

from app.paths import user_paths
from app.ui.main import has_display

DISPLAY_VARS = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
EXPECTED = {
    "en": "there is no desktop session here",
    "zh_HK": "沒有桌面工作階段",
    "zh_CN": "没有桌面会话",
}


def test_display_detection() -> None:
    assert not has_display([], env={}, platform="linux")
    assert has_display([], env={"DISPLAY": ":0"}, platform="linux")
    assert has_display([], env={"WAYLAND_DISPLAY": "wayland-0"}, platform="linux")
    assert has_display([], env={"QT_QPA_PLATFORM": "offscreen"}, platform="linux")
    assert has_display(["-platform", "vnc"], env={}, platform="linux")
    assert not has_display([], env={"DISPLAY": ""}, platform="linux")
    assert has_display([], env={}, platform="win32") and has_display([], env={}, platform="darwin")


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_no_desktop_session_prints_one_translated_line_and_exits_1(language: str) -> None:
    config = user_paths().config
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.json").write_text(json.dumps({"ui.language": language}), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in DISPLAY_VARS}
    proc = subprocess.run(cli_child.command(), env=cli_child.child_env(base=env), capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 1, (proc.returncode, proc.stderr)
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("bauhinia: ") and EXPECTED[language] in lines[0], lines[0]
    for command in ("bauhinia selftest", "bauhinia doctor", "bauhinia ask"):
        assert command in lines[0]

