"""Screen reader: the real window, on a real X server (Xvfb, xcb platform) with the real at-spi2
accessibility bus, walked over D-Bus as a screen reader does (``tests/atspi_bus.py``): no control
the keyboard can reach is nameless, in English and Traditional Chinese — the welcome page, the chat
page with its message action bar, and the settings dialog.

The programs come from Debian's ``xvfb`` and ``at-spi2-core`` (``packaging/setup-dev.sh`` installs
them). Without them the test is skipped on a developer machine, and fails in CI (``CI=true``),
where skipping would hide the check.
"""

from __future__ import annotations

import json
import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

import atspi_bus
import cli_child
import pytest

from app.paths import user_paths

pytestmark = pytest.mark.ui

CHILD = Path(__file__).resolve().parent.parent / "atspi_app.py"
CJK = re.compile(r"[\u3400-\u9fff]")


def _require_tools() -> None:
    missing = [name for name, path in atspi_bus.tools().items() if path is None]
    if not missing:
        return
    why = f"needs {', '.join(missing)} (Debian: xvfb, at-spi2-core, dbus-daemon)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"the screen-reader walk must run in CI but {why}")
    pytest.skip(why)


def _expect(out: IO[str], word: str, proc: subprocess.Popen[str], log: Path, timeout_s: float = 120.0) -> None:
    """Read the child's stdout until the line ``word`` (bounded; the child's stderr on failure)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        ready, _, _ = select.select([out], [], [], 0.5)
        if ready:
            line = out.readline()
            if not line:
                break
            if line.strip() == word:
                return
        elif proc.poll() is not None:
            break
    pytest.fail(f"the window did not answer {word!r} (exit {proc.poll()}): {log.read_text(errors='replace')[-3000:]}")


def _walk(client: atspi_bus.AtspiClient, app: str, state: str) -> list[atspi_bus.Node]:
    nodes = client.walk(app)
    bad = atspi_bus.unnamed_focusable(nodes)
    assert not bad, f"{state}: unnamed focusable controls: {[(n.role, n.description, n.path) for n in bad]}"
    return [n for n in nodes if n.focusable and n.showing]


@pytest.mark.parametrize("language", ["en", "zh_HK"])
def test_screen_reader_finds_no_unnamed_focusable_control(language: str, tmp_path: Path) -> None:
    _require_tools()
    paths = user_paths()
    paths.config.mkdir(parents=True, exist_ok=True)
    (paths.config / "settings.json").write_text(json.dumps({"ui.language": language}), encoding="utf-8")
    log = tmp_path / "child-stderr.txt"
    with atspi_bus.a11y_desktop(tmp_path / "desktop") as desktop, open(log, "w") as err:
        proc = subprocess.Popen([sys.executable, str(CHILD)], env=cli_child.child_env(desktop.env()),
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, text=True, bufsize=1)
        assert proc.stdin is not None and proc.stdout is not None
        try:
            _expect(proc.stdout, "ready", proc, log)
            with atspi_bus.AtspiClient(desktop.a11y_bus) as client:
                deadline = time.monotonic() + 60
                app = client.application(proc.pid)
                while app is None and time.monotonic() < deadline:
                    time.sleep(0.2)
                    app = client.application(proc.pid)
                assert app is not None, f"the window never registered with the at-spi2 registry: {log.read_text()}"
                seen: dict[str, list[atspi_bus.Node]] = {"welcome": _walk(client, app, "welcome")}
                for command in ("chat", "settings"):
                    proc.stdin.write(command + "\n")
                    proc.stdin.flush()
                    _expect(proc.stdout, f"done {command}", proc, log)
                    seen[command] = _walk(client, app, command)
        finally:
            proc.stdin.close()  # the child quits at end of input
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            proc.stdout.close()
    # The walk really reached the controls (a walk that found nothing would pass vacuously).
    roles = {n.role for nodes in seen.values() for n in nodes}
    assert {"push button", "text", "combo box", "check box", "spin box", "list"} <= roles, roles
    assert len(seen["welcome"]) >= 5 and len(seen["chat"]) > len(seen["welcome"])
    assert len(seen["settings"]) >= len(seen["chat"]) + 15, "the settings dialog's controls are in the tree"
    if language == "zh_HK":
        names = [n.name for nodes in seen.values() for n in nodes]
        translated = [name for name in names if CJK.search(name)]
        assert len(translated) >= len(names) * 0.6, names
