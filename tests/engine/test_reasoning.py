"""The <think> splitter must give the same result however the stream is chunked."""

from __future__ import annotations

import itertools

import pytest

from engine.events import ContentDelta, ReasoningDelta
from engine.reasoning import ReasoningSplitter


def run(chunks: list[str], starts_in_reasoning: bool) -> tuple[str, str]:
    sp = ReasoningSplitter(starts_in_reasoning)
    events = [e for c in chunks for e in sp.feed(c)] + sp.flush()
    reasoning = "".join(e.text for e in events if isinstance(e, ReasoningDelta))
    content = "".join(e.text for e in events if isinstance(e, ContentDelta))
    assert all(e.text for e in events), "no empty deltas"
    return reasoning, content


R1_STREAM = "用戶問政策。Let me think.</think>\n\n香港政府的政策：資料。Done."


def test_r1_stream_starts_inside_reasoning_without_open_tag() -> None:
    assert run([R1_STREAM], True) == ("用戶問政策。Let me think.", "香港政府的政策：資料。Done.")


@pytest.mark.parametrize("cut", range(1, len(R1_STREAM)))
def test_any_two_chunk_split_gives_same_result(cut: int) -> None:
    assert run([R1_STREAM[:cut], R1_STREAM[cut:]], True) == run([R1_STREAM], True)


def test_one_character_chunks() -> None:
    assert run(list(R1_STREAM), True) == run([R1_STREAM], True)


def test_inline_think_block_from_server() -> None:
    text = "<think>plan</think>\n\nanswer <b>bold</b>"
    for a, b in itertools.combinations(range(1, len(text)), 2):
        assert run([text[:a], text[a:b], text[b:]], False) == ("plan", "answer <b>bold</b>")


def test_no_reasoning_at_all() -> None:
    assert run(["Hello ", "world"], False) == ("", "Hello world")


def test_think_tag_inside_answer_is_kept_literally() -> None:
    assert run(["The tag <think> is XML-ish."], False) == ("", "The tag <think> is XML-ish.")


def test_unfinished_reasoning_is_flushed_as_reasoning() -> None:
    assert run(["still thinking <", "/thi"], True) == ("still thinking </thi", "")


def test_partial_tag_that_is_not_a_tag_is_released() -> None:
    assert run(["a </thin", "g> b"], True) == ("a </thing> b", "")
