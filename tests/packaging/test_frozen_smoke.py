"""The checks the packaging pipeline runs on a frozen bundle, tested on their own parts:

* ``BAUHINIA_EXIT_AFTER_PAINT`` (app/ui/main.py) reports a paint only after a real paint event,
  on stdout and in the file ``BAUHINIA_PAINT_REPORT`` names (the windowed Windows build has no
  stdout) - here with the dev interpreter, headless;
* packaging/frozen-smoke.sh accepts exactly that and fails on a non-zero exit, a missing paint
  report, a traceback, or a chat reply without the diagnostic model's scripted answer;
* the SQLCipher build the About dialog and the SBOM name is read from the shipped module.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import cli_child
import pytest

from app.sqlcipher_build import sqlcipher_build

ROOT = Path(__file__).resolve().parents[2]
SMOKE = ROOT / "packaging" / "frozen-smoke.sh"


def test_window_reports_a_real_paint_and_exits_0(tmp_path: Path) -> None:
    report = tmp_path / "paint.txt"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BAUHINIA_EXIT_AFTER_PAINT="1",
               BAUHINIA_PAINT_REPORT=str(report), BAUHINIA_HOME=str(tmp_path / "home"))
    # `bauhinia` with no arguments, through the launcher that keeps the child off the real /etc/bauhinia
    proc = subprocess.run(cli_child.command(), env=cli_child.child_env(base=env), capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    painted = [line for line in proc.stdout.splitlines() if line.startswith("painted ")]
    assert len(painted) == 1
    _, when, size = painted[0].split()
    width, height = (int(n) for n in size.split("x"))
    assert float(when) > 0 and width > 0 and height > 0
    assert report.read_text(encoding="utf-8").strip() == painted[0]
    assert "Traceback" not in proc.stderr


def _smoke(tmp_path: Path, function: str, script: str) -> subprocess.CompletedProcess[str]:
    fake = tmp_path / "fake.sh"
    fake.write_text(script, encoding="utf-8")
    return subprocess.run(["bash", "-c", f'. "$1"; {function} "$2" label bash "$3"', "_", str(SMOKE),
                           str(tmp_path), str(fake)], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(("script", "ok"), [
    ("echo 'painted 1796000000.5 1100x720'", True),
    ("echo 'painted 1796000000.5 1100x720'; exit 3", False),  # non-zero exit
    ("echo started", False),  # no paint reported
    ("echo 'painted 1796000000.5 0x0'", False),  # an empty window
    ("echo 'painted 1.0 10x10'; echo 'Traceback (most recent call last):' >&2", False),
])
def test_smoke_window_accepts_only_a_clean_painted_start(tmp_path: Path, script: str, ok: bool) -> None:
    result = _smoke(tmp_path, "smoke_window", script)
    assert (result.returncode == 0) is ok, result.stderr


@pytest.mark.parametrize(("reply", "ok"), [
    ({"content": "香港政府的政策：資料、軟件、網絡。Done.", "usage": {"completion_tokens": 12}}, True),
    ({"content": "The diagnostic model works. It checked:\n\n- Model: loaded on CPU (CPU), 2 CPU threads.\n"
                 "- Speed: 40.0 tokens/s while writing this reply.\n- History: turned off, nothing is saved.\n"
                 "- Keyring: available (x).", "usage": {"completion_tokens": 20}}, True),  # ask -m diagnostic
    ({"content": "something else", "usage": {"completion_tokens": 12}}, False),
    ({"content": "- one\n- two", "usage": {"completion_tokens": 12}}, False),
    ({"content": "Done.", "usage": {"completion_tokens": 0}}, False),
])
def test_smoke_chat_checks_the_scripted_answer(tmp_path: Path, reply: dict[str, object], ok: bool) -> None:
    (tmp_path / "reply.json").write_text(json.dumps(reply, ensure_ascii=False), encoding="utf-8")
    result = _smoke(tmp_path, "smoke_chat", f"cat '{tmp_path / 'reply.json'}'")
    assert (result.returncode == 0) is ok, result.stderr


def test_sqlcipher_build_is_read_from_the_shipped_module() -> None:
    build = sqlcipher_build()
    assert build.cipher_version.split()[0].count(".") == 2  # e.g. "4.12.0 community"
    assert build.provider == "openssl" and build.provider_version.startswith("OpenSSL ")
    assert build.distribution.startswith(("sqlcipher3-binary ", "sqlcipher3 "))
    assert build.summary().startswith(f"SQLCipher {build.cipher_version} (SQLite {build.sqlite_version})")
