"""The glossary in a real chat turn (issue 17 part 2): scripted models that answer with and without
the approved term, the term check in ``bauhinia ask --json`` (a real child process), the glossary
block in the system prompt the model receives, a regenerated reply matched against its stored
prompt, and a broken glossary reported without blocking the turn."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cli_child
import pytest
from keyring_backend import MemoryKeyring

from app.chat import ChatTurn, TurnRequest
from app.chat.glossary import terms_notice, turn_glossary
from app.cli.main import main
from app.glossary import TermCheck, load_glossary
from app.paths import user_paths
from app.settings.store import SettingsStore
from app.store import HistoryStore
from engine.diagnostic import Script

APPROVED = "行政長官"
WITH_TERM = Script(reasoning="想一想。", answer=f"{APPROVED}今日會見傳媒。")
WITHOUT_TERM = Script(reasoning="想一想。", answer="特首今日會見傳媒。")
PROMPT = "Translate into Chinese: The Chief Executive met the press today."
GLOSSARY = "en,zh_HK,zh_CN,note\nChief Executive,行政長官,行政长官,official title\nLegislative Council,立法會,立法会,\n"


@pytest.fixture(autouse=True)
def _keyring(memory_keyring: MemoryKeyring) -> MemoryKeyring:
    return memory_keyring


@pytest.fixture
def glossary_dir(_isolated_admin_dir: Path) -> Path:
    """IT's glossary in the admin folder's ``glossary`` folder (used when glossary.path is empty),
    and replies asked in HK Chinese (so the approved rendering is the zh_HK column)."""
    folder = _isolated_admin_dir / "glossary"
    folder.mkdir(parents=True)
    (folder / "titles.csv").write_text(GLOSSARY, encoding="utf-8")
    config = user_paths().config
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.json").write_text(json.dumps({"reply.language": "zh_HK"}), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def with_term(scripted_model_factory: Any) -> Path:
    return Path(scripted_model_factory(script=WITH_TERM))


@pytest.fixture(scope="module")
def without_term(scripted_model_factory: Any) -> Path:
    return Path(scripted_model_factory(script=WITHOUT_TERM))


def ask_child(model: Path, *extra: str) -> tuple[dict[str, Any], str]:
    proc = subprocess.run(cli_child.command("ask", "-m", str(model), "--no-history", "--json", *extra, PROMPT),
                          env=cli_child.child_env(), capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert cli_child.BLOCKED not in proc.stderr
    return json.loads(proc.stdout), proc.stderr


def test_ask_json_lists_the_term_check_with_and_without_the_approved_term(
        glossary_dir: Path, with_term: Path, without_term: Path) -> None:
    good, _ = ask_child(with_term)
    assert good["content"] == WITH_TERM.content
    assert good["terms"] == [{"term": "Chief Executive", "expected": APPROVED, "found": True}]
    bad, _ = ask_child(without_term)
    assert bad["content"] == WITHOUT_TERM.content
    assert bad["terms"] == [{"term": "Chief Executive", "expected": APPROVED, "found": False}]
    # The block reached the model: the same turn without the glossary has a shorter prompt.
    (glossary_dir / "titles.csv").unlink()
    plain, _ = ask_child(without_term)
    assert plain["terms"] == []
    assert good["usage"]["prompt_tokens"] > plain["usage"]["prompt_tokens"] + 10


def test_ask_text_mode_prints_the_missing_terms_on_stderr(
        glossary_dir: Path, with_term: Path, without_term: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "-m", str(without_term), "--no-history", PROMPT]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == WITHOUT_TERM.content
    lines = [line for line in err.splitlines() if line.startswith("Terminology check")]
    assert lines == [f"Terminology check: the reply does not use these approved terms: Chief Executive → {APPROVED}"]
    assert main(["ask", "-m", str(with_term), "--no-history", PROMPT]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == WITH_TERM.content and "Terminology check" not in err


class Recording:
    """A real provider whose received messages are kept (what the model was given)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.calls: list[list[Any]] = []

    def stream(self, messages: Any, params: Any, cancel: Any = None, cid: Any = None) -> Iterator[Any]:
        self.calls.append(list(messages))
        return self.inner.stream(messages, params, cancel, cid)  # type: ignore[no-any-return]

    def close(self) -> None:
        self.inner.close()


def test_the_model_receives_the_glossary_block_and_a_regenerated_reply_is_checked_too(
        tmp_path: Path, without_term: Path) -> None:
    from engine.loader import LoadOptions, load_session

    path = tmp_path / "g.csv"
    path.write_text(GLOSSARY, encoding="utf-8")
    glossary = load_glossary(path)
    session, _ = load_session(without_term, LoadOptions(n_ctx=1024))
    provider = Recording(session)
    store = HistoryStore.open(user_paths(), encrypt=False)
    try:
        turn = ChatTurn(provider, store, model_label="m", glossary=glossary)
        req = TurnRequest(None, PROMPT, reply_language="zh_HK", system_prompt="You translate.")
        first = turn.run(req)
        system = provider.calls[-1][0]
        assert system.role == "system"
        assert system.content.startswith("You translate.\n\n")
        assert f"- Chief Executive → {APPROVED}（備註：official title）" in system.content
        assert "立法會" not in system.content  # only the terms found in the prompt
        assert first.terms == [TermCheck("Chief Executive", APPROVED, False)]
        # Regenerate: no new text, the stored prompt is matched again.
        assert first.conversation_id is not None
        prompt_id = store.thread(first.conversation_id)[0].id
        again = ChatTurn(provider, store, model_label="m", glossary=glossary).run(
            TurnRequest(first.conversation_id, "", regenerate_of=prompt_id, reply_language="zh_HK"))
        assert again.terms == first.terms
        assert APPROVED in provider.calls[-1][0].content
        # No glossary: the same system prompt as before, no check.
        plain = ChatTurn(provider, None).run(req)
        assert provider.calls[-1][0].content == "You translate." and plain.terms == []
    finally:
        provider.close()
        store.close()


def test_a_broken_glossary_is_reported_and_the_turn_runs_without_it(
        glossary_dir: Path, with_term: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (glossary_dir / "titles.csv").write_bytes(b"en,zh_HK,zh_CN\nChief Executive,\xff\xfe\xfa,x\n")
    glossary, warning = turn_glossary(SettingsStore())
    assert glossary is None
    assert warning.startswith("The terminology glossary was not used for this reply: Glossary titles.csv, line 2")
    assert main(["ask", "-m", str(with_term), "--no-history", "--json", PROMPT]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["content"] == WITH_TERM.content and json.loads(out)["terms"] == []
    assert err.strip() == warning and "\n" not in err.strip() and "Traceback" not in err


@pytest.mark.parametrize("language", ["zh_HK", "zh_CN"])
def test_the_terminology_line_is_translated(language: str) -> None:
    from app import i18n

    i18n.switch_language(language)
    text = terms_notice([TermCheck("Chief Executive", APPROVED, False), TermCheck("x", "y", True)])
    assert text.startswith({"zh_HK": "術語檢查", "zh_CN": "术语检查"}[language])
    assert f"Chief Executive → {APPROVED}" in text and "y" not in text.split("：", 1)[-1]
    assert terms_notice([TermCheck("x", "y", True)]) == ""
