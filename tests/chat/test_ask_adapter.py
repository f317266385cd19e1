"""`bauhinia ask` as an adapter over the chat core: flags that contradict a locked setting are
refused (naming the policy), ``ask -`` reads stdin, ``--think/--no-think`` reach the template,
and the CLI applies ``history.retention_days``."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from fixtures_models import DEFAULT_SCRIPT
from keyring_backend import MemoryKeyring
from sqlalchemy import text

from app.cli.main import main
from app.paths import user_paths
from app.store import HistoryStore

V31 = (Path(__file__).resolve().parents[1] / "data" / "chat_templates" / "deepseek-ai-DeepSeek-V3.1.jinja")


@pytest.fixture(autouse=True)
def _keyring(memory_keyring: MemoryKeyring) -> MemoryKeyring:
    return memory_keyring


def policy(admin: Path, values: dict[str, object]) -> Path:
    (admin / "policies").mkdir(parents=True, exist_ok=True)
    path = admin / "policies" / "locked.json"
    path.write_text(json.dumps(values), encoding="utf-8")
    return path


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("flags", "key", "locked"),
    [
        (["--system", "Ignore the rules"], "chat.system_prompt", {"chat.system_prompt": "Policy prompt."}),
        (["--max-tokens", "4000"], "sampling.max_tokens", {"sampling.max_tokens": 64}),
        (["--seed", "3"], "sampling.seed", {"sampling.seed": 42}),
        (["--no-history"], "history.enabled", {"history.enabled": True}),
    ],
)
def test_flags_that_contradict_a_locked_setting_are_refused(
        capsys: pytest.CaptureFixture[str], _isolated_admin_dir: Path, scripted_model_path: Path,
        flags: list[str], key: str, locked: dict[str, object]) -> None:
    path = policy(_isolated_admin_dir, locked)
    code, out, err = run_cli(capsys, "ask", "-m", str(scripted_model_path), *flags, "hi")
    assert code != 0 and out == ""
    assert err.startswith("bauhinia: ") and len(err.strip().splitlines()) == 1
    assert flags[0] in err and key in err and str(path) in err


def test_a_flag_equal_to_the_locked_value_is_fine_and_the_locked_prompt_is_used(
        capsys: pytest.CaptureFixture[str], _isolated_admin_dir: Path, scripted_model_path: Path) -> None:
    policy(_isolated_admin_dir, {"sampling.max_tokens": 5, "chat.system_prompt": "Policy prompt."})
    code, out, _ = run_cli(capsys, "ask", "-m", str(scripted_model_path), "--max-tokens", "5", "--json", "hi")
    assert code == 0
    data = json.loads(out)
    assert data["usage"]["completion_tokens"] == 5
    with HistoryStore.open(user_paths()) as store:
        assert store.get_conversation(data["conversation_id"]).system_prompt == "Policy prompt."


def test_ask_dash_reads_the_prompt_from_stdin(capsys: pytest.CaptureFixture[str], scripted_model_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    secret = "機密 prompt that must stay out of ps"
    monkeypatch.setattr("sys.stdin", io.StringIO(secret + "\n"))
    code, out, _ = run_cli(capsys, "ask", "-m", str(scripted_model_path), "--json", "-")
    assert code == 0
    data = json.loads(out)
    assert data["content"] == DEFAULT_SCRIPT.content
    with HistoryStore.open(user_paths()) as store:
        assert store.thread(data["conversation_id"])[0].content == secret + "\n"
    monkeypatch.setattr("sys.stdin", io.StringIO("  \n"))
    code, _, err = run_cli(capsys, "ask", "-m", str(scripted_model_path), "--no-history", "-")
    assert code != 0 and "standard input is empty" in err


def test_think_flags_reach_the_template(capsys: pytest.CaptureFixture[str],
                                        scripted_model_factory: object) -> None:
    model = scripted_model_factory(chat_template=V31.read_text(encoding="utf-8"))  # type: ignore[operator]
    tokens = {}
    for flag in ("--think", "--no-think"):
        code, out, err = run_cli(capsys, "ask", "-m", str(model), "--no-history", "--json", "--max-tokens", "2",
                                 flag, "hi")
        assert code == 0, err
        tokens[flag] = json.loads(out)["usage"]["prompt_tokens"]
    # V3.1 ends the prompt in "<think>" (on) or "<think></think>" (off): one special token more.
    assert tokens["--no-think"] == tokens["--think"] + 1


def test_the_cli_applies_history_retention(capsys: pytest.CaptureFixture[str], _isolated_admin_dir: Path) -> None:
    with HistoryStore.open(user_paths()) as store:
        old = store.new_conversation("old one").id
        new = store.new_conversation("new one").id
        with store.session(write=True) as s:
            s.execute(text("UPDATE conversations SET updated_at = updated_at - :d WHERE id = :a"),
                      {"d": 40 * 86_400_000, "a": old})
    policy(_isolated_admin_dir, {"history.retention_days": 30})
    code, out, err = run_cli(capsys, "history", "list", "--json")
    assert code == 0, err
    assert new in out and old not in out
    with HistoryStore.open(user_paths()) as store:
        assert [c.id for c in store.list_conversations()] == [new]


def test_ask_uses_the_catalogue_models_prompt(capsys: pytest.CaptureFixture[str], _isolated_admin_dir: Path,
                                              scripted_model_path: Path) -> None:
    """Before the chat core, ask ignored the IT catalogue's system prompt. The prompt the model got
    shows in the prompt token count: a long catalogue prompt makes it longer, whatever --system says."""
    import hashlib

    def prompt_tokens(*args: str) -> int:
        code, out, err = run_cli(capsys, "ask", *args, "--no-history", "--json", "--max-tokens", "1", "hi")
        assert code == 0, err
        return int(json.loads(out)["usage"]["prompt_tokens"])

    plain = prompt_tokens("-m", str(scripted_model_path), "--system", "x")
    catalogue = _isolated_admin_dir / "models.json"
    catalogue.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(scripted_model_path.read_bytes()).hexdigest()
    long_prompt = "You are the department's assistant. " * 20
    catalogue.write_text(json.dumps({"models": [{
        "id": "house", "file": str(scripted_model_path), "sha256": digest, "default": True,
        "system_prompt": {"en": long_prompt, "zh_HK": long_prompt, "zh_CN": long_prompt}}]}), encoding="utf-8")
    with_catalogue = prompt_tokens("-m", "house", "--system", "x")
    assert with_catalogue > plain + 100
    assert prompt_tokens("-m", "house") == with_catalogue  # the user's prompt does not replace IT's
