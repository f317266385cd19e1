"""`bauhinia ask --attach … --summarise` and a summary request whose attachments do not fit:
section by section on a real DOCX and a scripted model, with the notice, the sources and progress
on a terminal only (issue 14)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import docx
import pytest
from keyring_backend import MemoryKeyring

from app.cli.main import main
from app.paths import user_paths
from app.store import HistoryStore
from engine.diagnostic import Script

SUMMARY = Script(reasoning="讀。", answer="Summary: staff must act.")


@pytest.fixture(autouse=True)
def _keyring(memory_keyring: MemoryKeyring) -> MemoryKeyring:
    return memory_keyring


@pytest.fixture(scope="module")
def model(scripted_model_factory: Any) -> Path:
    return Path(scripted_model_factory(script=SUMMARY))


@pytest.fixture(scope="module")
def handbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 9,000 bytes: several sections for the generated model's 4096-token context."""
    path = tmp_path_factory.mktemp("summarise-cli") / "handbook.docx"
    document = docx.Document()
    for page in range(1, 9):
        for n in range(1, 6):
            document.add_paragraph(f"Rule {page}.{n}: leave applications reach the unit head {n} days ahead. "
                                   f"第{page}.{n}條：請假申請須提前{n}天交主管。")
        document.add_page_break()
    document.save(str(path))
    return path


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _ask(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["ask", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_summarise_flag_reads_every_section(capsys: pytest.CaptureFixture[str], model: Path,
                                            handbook: Path) -> None:
    code, out, err = _ask(capsys, "-m", str(model), "--json", "--attach", str(handbook), "--summarise",
                          "What are the leave rules?")
    assert code == 0, err
    data = json.loads(out)
    assert data["content"] == SUMMARY.answer and data["finish_reason"] == "stop"
    sections = re.search(r"section by section \((\d+) sections\)", err)
    assert sections is not None and int(sections.group(1)) >= 2
    assert len(data["sources"]) == int(sections.group(1))
    assert {(Path(s["file"]).name, s["text"]) for s in data["sources"]} == {("handbook.docx", SUMMARY.answer)}
    assert "\r" not in err, "no progress line off a terminal"
    with HistoryStore.open(user_paths()) as store:
        assert [m.role for m in store.thread(data["conversation_id"])] == ["user", "assistant"]


def test_a_summary_request_does_it_by_itself_with_progress_on_a_terminal(
        capsys: pytest.CaptureFixture[str], model: Path, handbook: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tty = Terminal()
    monkeypatch.setattr("sys.stderr", tty)
    code, out, _ = _ask(capsys, "-m", str(model), "--no-history", "--attach", str(handbook),
                        "請總結這份手冊")
    err = tty.getvalue()
    assert code == 0, err
    assert out.startswith(SUMMARY.answer) and "Sources:" in out
    steps = [int(i) for i in re.findall(r"\rSummarising section (\d+) of \d+…", err)]
    assert steps[0] == 1 and steps == sorted(steps) and len(set(steps)) >= 2
    assert "section by section" in err


def test_a_question_that_is_not_a_summary_still_uses_passages(capsys: pytest.CaptureFixture[str], model: Path,
                                                              handbook: Path) -> None:
    code, out, err = _ask(capsys, "-m", str(model), "--no-history", "--json", "--max-tokens", "3000",
                          "--attach", str(handbook), "How many days ahead for rule 3.4?")
    assert code == 0, err
    assert "passages that match the question best" in err and "section by section" not in err
    sources = json.loads(out)["sources"]
    assert sources and all("Rule " in s["text"] for s in sources), "passages of the document, not summaries"


@pytest.mark.parametrize(("extra", "message"), [
    ([], "--summarise needs at least one --attach FILE."),
    (["--library"], "cannot be combined with --library"),
])
def test_summarise_misuse_is_one_line(capsys: pytest.CaptureFixture[str], model: Path, handbook: Path,
                                      extra: list[str], message: str) -> None:
    attach = ["--attach", str(handbook)] if extra else []
    code, out, err = _ask(capsys, "-m", str(model), "--no-history", "--summarise", *attach, *extra, "Summarise")
    assert code != 0 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1
