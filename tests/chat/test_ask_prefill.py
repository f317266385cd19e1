"""`bauhinia ask` shows a long prompt's evaluation as one updating stderr line on a terminal,
nothing when stderr is not a terminal, and ``--json`` adds ``timings.prefill_s`` (real model)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from fixtures_models import DEFAULT_SCRIPT

from app.cli.main import main
from app.cli.status_line import StatusLine, eta_text, prefill_text

#: Well over one 512-token batch for the generated model's byte-level vocabulary.
LONG = "請按通告辦理。Please follow the circular. " * 40


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_not_a_terminal_no_progress_and_json_gains_prefill_s(capsys: pytest.CaptureFixture[str],
                                                             scripted_model_path: Path) -> None:
    code = main(["ask", "-m", str(scripted_model_path), "--no-history", "--json", "--max-tokens", "4", LONG])
    out, err = capsys.readouterr()
    assert code == 0, err
    data = json.loads(out)
    assert data["usage"]["prompt_tokens"] > 1024, "several batches"
    assert isinstance(data["timings"]["prefill_s"], float) and data["timings"]["prefill_s"] > 0
    assert "\r" not in err and "Reading the prompt" not in err
    code = main(["ask", "-m", str(scripted_model_path), "--no-history", "--json", "--max-tokens", "4", "hi"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert json.loads(out)["timings"]["prefill_s"] is None, "one batch: not reported"


def test_on_a_terminal_one_line_updates_then_clears_before_the_reply(
        capsys: pytest.CaptureFixture[str], scripted_model_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tty = Terminal()
    monkeypatch.setattr("sys.stderr", tty)
    code = main(["ask", "-m", str(scripted_model_path), "--no-history", LONG])
    out, _ = capsys.readouterr()
    err = tty.getvalue()
    assert code == 0, err
    assert out.strip() == DEFAULT_SCRIPT.content
    shown = re.findall(r"\rReading the prompt: (\d+)%", err)
    assert shown[0] == "0" and shown[-1] == "100" and len(shown) >= 3
    assert [int(p) for p in shown] == sorted(int(p) for p in shown)
    assert "\n" not in err[err.index("\rReading the prompt"): err.index("Thinking…")], "one line, rewritten in place"
    progress_end = err.rindex("100%")
    # Cleared (blanked, cursor back at the start) before the reasoning header is written.
    cleared = err[progress_end:err.index("Thinking…")]
    assert re.fullmatch(r"(?s).*\r +\r", cleared)


def test_status_line_pads_over_wide_text_and_is_silent_off_a_terminal() -> None:
    tty = Terminal()
    line = StatusLine(tty)
    line.show("讀取中 50%")  # 3 CJK characters: 6 cells, + 4
    line.show("ok")
    assert tty.getvalue() == "\r讀取中 50%" + "\rok" + " " * 8
    line.clear()
    assert tty.getvalue().endswith("\r  \r")
    pipe = io.StringIO()
    quiet = StatusLine(pipe)
    quiet.show("x")
    quiet.clear()
    assert pipe.getvalue() == ""


def test_progress_texts() -> None:
    assert prefill_text(0, 2000, None) == "Reading the prompt: 0%"
    assert prefill_text(1000, 2000, 12.4) == "Reading the prompt: 50% (about 12 s left)"
    assert eta_text(185) == "about 3 min 5 s left"
