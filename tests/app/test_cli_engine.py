"""`bauhinia doctor / ask / selftest / bench` end to end on generated models."""

from __future__ import annotations

import json
import os
from pathlib import Path

import cli_child
import keyring
import pytest
from fixtures_models import DEFAULT_SCRIPT
from keyring_backend import MemoryKeyring
from proctree import run_tree
from secret_service import have_secret_service, secret_service_command, secret_service_env

from app.cli.main import main

ROOT = Path(__file__).resolve().parents[2]


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_doctor_json_reports_devices_locations_and_keyring(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "doctor", "--json")
    assert code == 0
    report = json.loads(out)
    assert report["version"]
    cpu = next(d for d in report["devices"] if d["type"] == "cpu")
    assert cpu["memory_total"] > 0 and cpu["memory_free"] > 0
    assert report["chosen_backend"]["device"] == "CPU" and report["chosen_backend"]["reason"]
    assert report["locations"]["data"].startswith(os.environ["BAUHINIA_HOME"])
    assert "backend" in report["keyring"]
    assert report["database"]["path"].endswith("history.sqlite3")


def test_doctor_human_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "doctor")
    assert code == 0 and "CPU" in out and "llama-cpp-python" in out


def test_ask_json_no_history(capsys: pytest.CaptureFixture[str], scripted_model_path: Path) -> None:
    code, out, _ = run_cli(capsys, "ask", "-m", str(scripted_model_path), "--no-history", "--json",
                           "--seed", "1", "政策是甚麼？")
    assert code == 0
    data = json.loads(out)
    assert data["content"] == DEFAULT_SCRIPT.content
    assert data["reasoning"] == DEFAULT_SCRIPT.reasoning
    assert data["finish_reason"] == "stop"
    assert data["usage"]["prompt_tokens"] > 0 and data["usage"]["completion_tokens"] > 10
    assert data["timings"]["ttft_s"] > 0 and data["timings"]["tokens_per_s"] > 0
    assert data["conversation_id"] is None


def test_ask_streams_answer_to_stdout_and_reasoning_to_stderr(capsys: pytest.CaptureFixture[str],
                                                               scripted_model_path: Path) -> None:
    code, out, err = run_cli(capsys, "ask", "-m", str(scripted_model_path), "--no-history", "hi")
    assert code == 0
    assert out.strip() == DEFAULT_SCRIPT.content
    assert DEFAULT_SCRIPT.reasoning in err


def test_ask_max_tokens(capsys: pytest.CaptureFixture[str], scripted_model_path: Path) -> None:
    code, out, _ = run_cli(capsys, "ask", "-m", str(scripted_model_path), "--no-history", "--json",
                           "--max-tokens", "3", "hi")
    assert code == 0
    data = json.loads(out)
    assert data["finish_reason"] == "length" and data["usage"]["completion_tokens"] == 3


def test_ask_saves_history_with_a_keyring(capsys: pytest.CaptureFixture[str], scripted_model_path: Path) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        code, out, _ = run_cli(capsys, "ask", "-m", str(scripted_model_path), "--json", "政策?")
        assert code == 0
        conv = json.loads(out)["conversation_id"]
        assert conv
        from app.history_recorder import open_history
        from app.settings.store import SettingsStore

        store = open_history(SettingsStore())
        try:
            thread = store.thread(conv, limit=10)
        finally:
            store.close()
        assert [m.role for m in thread] == ["user", "assistant"]
        assert thread[0].content == "政策?"
        assert (thread[1].content, thread[1].reasoning, thread[1].status) == (
            DEFAULT_SCRIPT.content, DEFAULT_SCRIPT.reasoning, "complete")
    finally:
        keyring.set_keyring(previous)


def test_ask_without_keyring_refuses_history_clearly(capsys: pytest.CaptureFixture[str],
                                                     scripted_model_path: Path) -> None:
    from keyring.backends.fail import Keyring as FailKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(FailKeyring())
    try:
        code, _out, err = run_cli(capsys, "ask", "-m", str(scripted_model_path), "hi")
    finally:
        keyring.set_keyring(previous)
    assert code != 0
    assert "keyring" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_ask_bad_model_file_is_one_line_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "broken.gguf"
    bad.write_bytes(b"GGUF\x03\x00\x00\x00" + b"\xff" * 40)
    code, out, err = run_cli(capsys, "ask", "-m", str(bad), "--no-history", "hi")
    assert code != 0 and out == ""
    assert err.startswith("bauhinia: ") and len(err.strip().splitlines()) == 1


def test_ask_without_any_model_explains(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "ask", "--no-history", "hi")
    assert code != 0 and "No model is configured" in err


def test_bench_json_prints_every_figure(capsys: pytest.CaptureFixture[str], random_model_path: Path) -> None:
    code, out, _ = run_cli(capsys, "bench", "-m", str(random_model_path), "--json", "--decode-tokens", "16",
                           "--history-tokens", "300", "--repeats", "1")
    assert code == 0
    data = json.loads(out)
    for key in ("prefill_tokens_per_s", "decode_tokens_per_s", "bare_decode_tokens_per_s", "decode_ratio",
                "ttft_s", "followup_ttft_s", "switch_ttft_s", "switch_cold_ttft_s"):
        assert data[key] > 0, key
    assert data["switch_history_tokens"] >= 300
    # prompt-lookup drafting is reported (counts, never more accepted than proposed)
    assert 0 <= data["draft_accepted"] <= data["draft_proposed"]
    # the switch-back breakdown and the kept-state restart (issue 16 §3)
    assert data["switch_new_tokens"] < data["switch_history_tokens"] / 4, "the snapshot held the history"
    for key in ("switch_restore_s", "switch_fit_s", "switch_prefill_s", "kv_save_s", "kv_load_s",
                "restart_kept_ttft_s"):
        assert data[key] > 0, key
    assert data["kv_file_bytes"] > 4 * data["switch_history_tokens"], "tokens + the KV state itself"


def test_bench_prompt_lookup_reports_each_task(capsys: pytest.CaptureFixture[str], random_model_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """``bench --prompt-lookup``: the copy model is built, verified and loaded like any built
    model; here a 2-layer one with a one-copy memo (the real one is 24 layers, ~180 MiB)."""
    import app.models.built as built
    from engine.bench_lookup import copy_model_script
    from engine.diagnostic import build_model

    script = copy_model_script(1)
    small = built.BuiltModel("copy-bench-small.gguf", "copy-bench",
                             lambda path: build_model(path, script=script, n_layer=2, n_embd=64))
    monkeypatch.setattr(built, "copy_bench_model", lambda: small)
    args = ("bench", "-m", str(random_model_path), "--decode-tokens", "8", "--history-tokens", "200",
            "--repeats", "1", "--prompt-lookup")
    code, out, _ = run_cli(capsys, *args, "--json")
    assert code == 0
    rows = {row["task"]: row for row in json.loads(out)["prompt_lookup"]}
    assert set(rows) == {"copy", "no-copy", "random"}
    copy = rows["copy"]
    assert 0 < copy["accepted"] <= copy["proposed"], "the memo in the prompt is drafted and accepted"
    assert copy["tokens"] > copy["accepted"] and copy["plain_tokens_per_s"] > 0 and copy["speedup"] > 0
    assert rows["no-copy"]["proposed"] == 0, "nothing in the prompt to copy"
    code, out, _ = run_cli(capsys, *args)
    assert code == 0 and "Prompt-lookup decoding" in out and "copy (memo rewrite)" in out


SELFTEST_STEPS = ["build diagnostic model", "load", "chat", "cancel", "keyring round-trip",
                  "encrypted history round-trip"]


@pytest.mark.skipif(not have_secret_service(), reason="needs dbus-run-session and gnome-keyring-daemon")
def test_selftest_console_script_passes_with_a_real_secret_service(tmp_path: Path) -> None:
    """A real Secret Service (GNOME Keyring in a private D-Bus session): every step passes,
    including the keyring and encrypted history round trips; nothing is left in the keyring."""
    env = cli_child.child_env(base=secret_service_env(tmp_path / "user", {**os.environ,
                                                   "BAUHINIA_HOME": str(tmp_path / "home")}))
    cmd = cli_child.command("selftest", "--json")  # the test's admin folder, never /etc/bauhinia
    proc = run_tree(secret_service_command(cmd), cwd=ROOT, env=env, timeout=240)  # kills the D-Bus/keyring daemons too
    assert proc.returncode == 0, proc.stdout + proc.stderr
    data = json.loads(proc.stdout)
    assert data["passed"] is True
    assert [c["name"] for c in data["checks"]] == SELFTEST_STEPS
    checks = {c["name"]: c for c in data["checks"]}
    assert "SecretService" in checks["keyring round-trip"]["detail"]
    assert "SQLCipher" in checks["encrypted history round-trip"]["detail"]
    assert not (tmp_path / "home").exists() or not any((tmp_path / "home").rglob("*.gguf")), \
        "selftest uses a throw-away profile"


def test_selftest_without_a_keyring_fails_those_steps_with_the_reason(capsys: pytest.CaptureFixture[str]) -> None:
    from keyring.backends.fail import Keyring as FailKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(FailKeyring())
    try:
        code, out, _ = run_cli(capsys, "selftest", "--json")
        code2, human, _ = run_cli(capsys, "selftest")
    finally:
        keyring.set_keyring(previous)
    assert code == 1 and code2 == 1
    assert "FAIL" in human and "no system keyring" in human
    checks = {c["name"]: c for c in json.loads(out)["checks"]}
    assert list(checks) == SELFTEST_STEPS
    assert all(checks[n]["passed"] for n in SELFTEST_STEPS[:4])
    assert not checks["keyring round-trip"]["passed"]
    assert "no system keyring" in checks["keyring round-trip"]["detail"]
    assert "keyring.backends.fail" in checks["keyring round-trip"]["detail"]
    history = checks["encrypted history round-trip"]
    assert not history["passed"] and "keyring round-trip" in history["detail"]


def test_selftest_with_a_keyring_checks_encrypted_history_and_cleans_up(capsys: pytest.CaptureFixture[str],
                                                                       memory_keyring: MemoryKeyring) -> None:
    code, out, _ = run_cli(capsys, "selftest", "--json")
    data = json.loads(out)
    assert code == 0 and data["passed"], data
    assert memory_keyring.secrets == {}  # the test secret and the throw-away history key are gone


def test_ask_converts_simplified_reply_to_hk_and_keeps_the_raw_text(
        capsys: pytest.CaptureFixture[str], scripted_model_factory: object) -> None:
    """reply.language = zh_HK: the model's Simplified answer is shown in HK Traditional while it
    streams, and history keeps both what was shown and what the model wrote."""
    from fixtures_models import Script

    from app.paths import user_paths

    script = Script(reasoning="先想想网络。", answer="香港的软件和网络政策。")
    path = scripted_model_factory(script=script)  # type: ignore[operator]
    settings_file = user_paths().config / "settings.json"
    settings_file.parent.mkdir(parents=True, exist_ok=True)
    settings_file.write_text(json.dumps({"reply.language": "zh_HK"}), encoding="utf-8")
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        code, out, _ = run_cli(capsys, "ask", "-m", str(path), "--json", "軟件政策？")
        assert code == 0
        data = json.loads(out)
        assert data["content"] == "香港的軟件和網絡政策。"
        assert data["reasoning"] == "先想想網絡。"
        from app.history_recorder import open_history
        from app.settings.store import SettingsStore

        store = open_history(SettingsStore())
        try:
            reply = store.thread(data["conversation_id"], limit=10)[-1]
        finally:
            store.close()
        assert (reply.content, reply.reasoning) == ("香港的軟件和網絡政策。", "先想想網絡。")
        assert (reply.content_raw, reply.reasoning_raw) == (script.answer, script.reasoning)
    finally:
        keyring.set_keyring(previous)
