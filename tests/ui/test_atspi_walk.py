"""Screen reader: the real window, on a real X server (Xvfb, xcb platform) with the real at-spi2
accessibility bus, walked over D-Bus as a screen reader does (``tests/atspi_bus.py``): no control
the keyboard can reach is nameless, in English and Traditional Chinese — the welcome page, the chat
page with its message action bar, and the settings dialog; and the announcements a screen reader
receives: a finished reply once (not token by token), errors assertively.

The programs come from Debian's ``xvfb`` and ``at-spi2-core`` (``packaging/setup-dev.sh`` installs
them). Without them the test is skipped on a developer machine, and fails in CI (``CI=true``),
where skipping would hide the check.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import select
import subprocess
import sys
import time
from collections.abc import Iterator
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


class Child:
    """The window in a child process on the private desktop, driven by one-word commands."""

    def __init__(self, proc: subprocess.Popen[str], log: Path) -> None:
        self.proc, self.log = proc, log

    def expect(self, word: str) -> None:
        assert self.proc.stdout is not None
        _expect(self.proc.stdout, word, self.proc, self.log)

    def command(self, word: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(word + "\n")
        self.proc.stdin.flush()
        self.expect(f"done {word}")

    def application(self, client: atspi_bus.AtspiClient) -> str:
        deadline = time.monotonic() + 60
        app = client.application(self.proc.pid)
        while app is None and time.monotonic() < deadline:
            time.sleep(0.2)
            app = client.application(self.proc.pid)
        assert app is not None, f"the window never registered with the at-spi2 registry: {self.log.read_text()}"
        return str(app)


@contextlib.contextmanager
def window_on_desktop(language: str, tmp_path: Path) -> Iterator[tuple[atspi_bus.Desktop, Child]]:
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
            child = Child(proc, log)
            child.expect("ready")
            yield desktop, child
        finally:
            proc.stdin.close()  # the child quits at end of input
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            proc.stdout.close()


@pytest.mark.parametrize("language", ["en", "zh_HK"])
def test_screen_reader_finds_no_unnamed_focusable_control(language: str, tmp_path: Path) -> None:
    with window_on_desktop(language, tmp_path) as (desktop, child), atspi_bus.AtspiClient(desktop.a11y_bus) as client:
        app = child.application(client)
        seen: dict[str, list[atspi_bus.Node]] = {"welcome": _walk(client, app, "welcome")}
        for command in ("chat", "settings"):
            child.command(command)
            seen[command] = _walk(client, app, command)
        combos = {n.name: _options(client, app, n) for nodes in seen.values() for n in nodes if n.role == "combo box"}
    # The walk really reached the controls (a walk that found nothing would pass vacuously).
    roles = {n.role for nodes in seen.values() for n in nodes}
    assert {"push button", "text", "combo box", "check box", "spin box", "list"} <= roles, roles
    assert len(seen["welcome"]) >= 5 and len(seen["chat"]) > len(seen["welcome"])
    assert len(seen["settings"]) >= len(seen["chat"]) + 15, "the settings dialog's controls are in the tree"
    if language == "zh_HK":
        names = [n.name for nodes in seen.values() for n in nodes]
        translated = [name for name in names if CJK.search(name)]
        assert len(translated) >= len(names) * 0.6, names
    _check_combo_names(language, combos)


#: Combo boxes a screen reader must hear by their label (Qt on Linux names a combo by its value).
COMBO_NAMES = {"en": {"Model", "Task preset", "Interface language", "Theme", "Reply language", "Default model"},
               "zh_HK": {"模型", "介面語言", "主題", "回覆語言", "預設模型"}}


def _options(client: atspi_bus.AtspiClient, app: str, combo: atspi_bus.Node) -> list[str]:
    """The texts a combo box offers: the names of the items of its popup list (child 0)."""
    children = atspi_bus.call(client.conn, app, combo.path, atspi_bus.ACCESSIBLE, "GetChildren")[0]
    assert children, f"combo box {combo.name!r} exposes no popup list"
    items = atspi_bus.call(client.conn, app, str(children[0][1]), atspi_bus.ACCESSIBLE, "GetChildren")[0]
    return [str(client.node(app, str(path), 0).name) for _bus, path in items]


def _check_combo_names(language: str, combos: dict[str, list[str]]) -> None:
    """Each combo box is named by its label: never by one of its values (what Qt gives on Linux)."""
    named_by_value = {name: options for name, options in combos.items() if name in options}
    assert not named_by_value, f"{language}: combo boxes named by their value: {named_by_value}"
    assert all(options for options in combos.values()), combos  # the options were really read
    assert COMBO_NAMES[language] <= set(combos), f"{language}: {sorted(combos)}"


POLITE, ASSERTIVE = 1, 2  # the Announcement event's detail1 (Qt's AnnouncementPoliteness over AT-SPI)


def test_screen_reader_hears_a_reply_once_and_errors_at_once(tmp_path: Path) -> None:
    """What a screen reader receives over the bus: loading and a load error are said assertively; a
    streamed reply is said once, complete, when it has finished, never piece by piece."""
    with window_on_desktop("en", tmp_path) as (desktop, child), atspi_bus.EventListener(desktop.a11y_bus) as events:
        with atspi_bus.AtspiClient(desktop.a11y_bus) as client:
            child.application(client)
        child.command("diagnostic")
        loaded = events.drain()
        child.command("send")
        replied = events.drain()
        child.command("broken")
        failed = events.drain()
    said = [(body[1], body[3][1]) for body in replied]
    assert len(said) == 1, said  # once, not token by token
    politeness, text = said[0]
    assert politeness == POLITE and text.startswith("Reply finished: The diagnostic model works.")
    assert "tokens/s" in text and "Keyring:" in text, "the whole reply, report included"
    assert [(b[1], b[3][1]) for b in loaded] == [
        (ASSERTIVE, "The diagnostic model is loaded. Send any message: it answers with a report of what it checked.")]
    assert len(failed) == 1 and failed[0][1] == ASSERTIVE and "/nonexistent/broken.gguf" in failed[0][3][1], failed
