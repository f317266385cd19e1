"""Tests never read the real home or the real /etc/bauhinia, child processes included."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import cli_child
import platformdirs
from isolation import ADMIN_DIR_VAR, REAL_HOME

from app.paths import user_paths
from app.settings import sources

HERE = Path(__file__).resolve().parent


def test_home_xdg_and_admin_folder_point_into_the_test_folder(tmp_path: Path) -> None:
    assert Path.home() != REAL_HOME and tmp_path in Path.home().parents
    for folder in (platformdirs.user_config_dir("x"), platformdirs.user_cache_dir("x"),
                   platformdirs.user_data_dir("x"), platformdirs.user_state_dir("x")):
        assert tmp_path in Path(folder).parents, folder
    assert tmp_path in user_paths().data.parents
    assert sources.admin_config_dir() == tmp_path / "etc-bauhinia"
    assert os.environ[ADMIN_DIR_VAR] == str(tmp_path / "etc-bauhinia")


def test_child_cli_reads_the_test_admin_folder_and_not_the_real_one(_isolated_admin_dir: Path) -> None:
    """A policy written to the test's admin folder is what the child CLI reports, and the child's
    audit hook saw no open or listing under /etc/bauhinia or the real home."""
    (_isolated_admin_dir / "policies").mkdir(parents=True)
    (_isolated_admin_dir / "policies" / "10-test.json").write_text(json.dumps({"ui.theme": "dark"}))
    proc = subprocess.run(cli_child.command("policy", "show", "--json"), env=cli_child.child_env(),
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert cli_child.BLOCKED not in proc.stderr, proc.stderr
    data = json.loads(proc.stdout)
    rows = {r["key"]: r for r in data["settings"]}
    assert (rows["ui.theme"]["value"], rows["ui.theme"]["source"], rows["ui.theme"]["locked"]) == (
        "dark", "policy", True)
    assert data["locations"]["policy"] == str(_isolated_admin_dir / "policies" / "*.json")


def test_child_guard_refuses_the_real_admin_folder_and_home() -> None:
    """The hook that the check above relies on really fires (on files that need not even exist)."""
    probe = (
        "import sys; from pathlib import Path; import cli_child\n"
        "cli_child.install_guard(Path(sys.argv[1]))\n"
        "for target in ('/etc/bauhinia/policies/x.json', str(Path(sys.argv[1]) / '.bauhinia-probe')):\n"
        "    try:\n"
        "        open(target)\n"
        "    except PermissionError:\n"
        "        print('refused', target)\n"
        "import os\n"
        "try:\n"
        "    os.listdir('/etc/bauhinia')\n"
        "except PermissionError:\n"
        "    print('refused listing')\n"
        "open(cli_child.__file__).close(); print('checkout readable')\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe, str(REAL_HOME)], cwd=HERE, capture_output=True,
                          text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(HERE)})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [
        "refused /etc/bauhinia/policies/x.json", f"refused {REAL_HOME / '.bauhinia-probe'}", "refused listing",
        "checkout readable"]
    assert proc.stderr.count(cli_child.BLOCKED) == 3


def test_child_launcher_without_an_admin_folder_refuses_to_run() -> None:
    env = cli_child.child_env()
    del env[ADMIN_DIR_VAR]
    proc = subprocess.run(cli_child.command("policy", "show"), env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and ADMIN_DIR_VAR in proc.stderr
