"""The chat session against real llama.cpp on generated models (no mocked decode)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures_models import DEFAULT_SCRIPT, Script

from engine.errors import ModelFileError
from engine.events import (
    ContentDelta,
    ContextTrimmed,
    Finished,
    ReasoningDelta,
    StreamError,
    Usage,
)
from engine.loader import LoadOptions, load_session
from engine.session import ChatSession, SessionConfig
from engine.types import CancelToken, ChatMessage, SamplingParams

GREEDY = SamplingParams(temperature=0.0, max_tokens=512)


def collect(session: ChatSession, messages: list[ChatMessage], params: SamplingParams = GREEDY,
            cancel: CancelToken | None = None, conversation_id: str | None = None) -> list[object]:
    return list(session.stream(messages, params, cancel, conversation_id))


def finished(events: list[object]) -> Finished:
    fins = [e for e in events if isinstance(e, Finished)]
    assert len(fins) == 1 and events[-1] is fins[0], "exactly one Finished, at the end"
    return fins[0]


@pytest.fixture(scope="module")
def session(scripted_model_path: Path) -> ChatSession:
    s, _ = load_session(scripted_model_path, LoadOptions(n_ctx=2048, backend="cpu"))
    yield s
    s.close()


def test_reasoning_is_split_and_cjk_streams_intact(session: ChatSession) -> None:
    events = collect(session, [ChatMessage("user", "政策是甚麼？")])
    fin = finished(events)
    reasoning = [e.text for e in events if isinstance(e, ReasoningDelta)]
    content = [e.text for e in events if isinstance(e, ContentDelta)]
    assert fin.reason == "stop"
    assert "".join(reasoning) == fin.reasoning == DEFAULT_SCRIPT.reasoning
    assert "".join(content) == fin.content == DEFAULT_SCRIPT.content
    assert len(content) > 3 and len(reasoning) > 3, "it streams in pieces"
    assert not any("\ufffd" in t for t in reasoning + content)
    assert "</think>" not in fin.content
    # reasoning strictly precedes content
    kinds = [type(e) for e in events if isinstance(e, ContentDelta | ReasoningDelta)]
    assert kinds.index(ContentDelta) > max(i for i, k in enumerate(kinds) if k is ReasoningDelta)


def test_usage_and_timings(session: ChatSession) -> None:
    events = collect(session, [ChatMessage("user", "hi")])
    usage = next(e for e in events if isinstance(e, Usage))
    fin = finished(events)
    assert usage.prompt_tokens == len(session.tokenize(session.template.render([ChatMessage("user", "hi")]).text))
    assert usage.completion_tokens == session.last_turn.completion_tokens > 10
    assert fin.ttft_s is not None and fin.ttft_s > 0
    assert fin.tokens_per_s is not None and fin.tokens_per_s > 0


def test_cancel_stops_within_one_token(session: ChatSession) -> None:
    cancel = CancelToken()
    at_cancel = None
    events = []
    for ev in session.stream([ChatMessage("user", "long")], GREEDY, cancel):
        events.append(ev)
        if isinstance(ev, ContentDelta | ReasoningDelta) and at_cancel is None and len(events) >= 4:
            at_cancel = session.last_turn.completion_tokens
            cancel.cancel()
    fin = finished(events)
    assert fin.reason == "cancelled"
    assert at_cancel is not None
    assert session.last_turn.completion_tokens - at_cancel <= 1


def test_cancel_before_start_generates_nothing(session: ChatSession) -> None:
    cancel = CancelToken()
    cancel.cancel()
    events = collect(session, [ChatMessage("user", "x")], GREEDY, cancel)
    assert finished(events).reason == "cancelled"
    assert session.last_turn.completion_tokens == 0


def test_max_tokens_gives_length(session: ChatSession) -> None:
    events = collect(session, [ChatMessage("user", "x")], SamplingParams(temperature=0.0, max_tokens=5))
    assert finished(events).reason == "length"
    assert session.last_turn.completion_tokens == 5


@pytest.mark.parametrize("temperature", [0.6, 1.0])
def test_scripted_output_survives_sampling(session: ChatSession, temperature: float) -> None:
    params = SamplingParams(temperature=temperature, top_k=40, top_p=0.95, min_p=0.05, repeat_penalty=1.1,
                            seed=3, max_tokens=512)
    fin = finished(collect(session, [ChatMessage("user", "x")], params))
    assert fin.content == DEFAULT_SCRIPT.content


def test_seed_reproducible_on_random_model(random_model_path: Path) -> None:
    s = ChatSession(random_model_path, SessionConfig(n_ctx=512))
    try:
        p = SamplingParams(temperature=1.0, seed=42, max_tokens=24)
        a = finished(collect(s, [ChatMessage("user", "x")], p))
        b = finished(collect(s, [ChatMessage("user", "x")], p))
        c = finished(collect(s, [ChatMessage("user", "x")], SamplingParams(temperature=1.0, seed=43, max_tokens=24)))
        assert a.reasoning + a.content == b.reasoning + b.content
        assert a.reasoning + a.content != c.reasoning + c.content
    finally:
        s.close()


def test_followup_evaluates_only_new_tokens_and_drops_reasoning(session: ChatSession) -> None:
    history = [ChatMessage("system", "You are helpful. " * 30), ChatMessage("user", "第一個問題")]
    first = finished(collect(session, history, conversation_id="follow"))
    assert session.last_turn.evaluated_prompt_tokens > 0
    turn2 = [*history, ChatMessage("assistant", first.content, reasoning=first.reasoning),
             ChatMessage("user", "第二個問題")]
    finished(collect(session, turn2, conversation_id="follow"))
    prompt2 = session.tokenize(session.template.render(turn2).text)
    # Everything up to the last reply's "<｜Assistant｜>" is reused from the KV cache; the
    # template drops the <think> block, so the reply itself and the new message are evaluated.
    reused = len(session.tokenize(session.template.render(history, add_generation_prompt=False).text
                                  + "<｜Assistant｜>"))
    assert session.last_turn.prompt_tokens == len(prompt2)
    assert session.last_turn.evaluated_prompt_tokens == len(prompt2) - reused
    assert DEFAULT_SCRIPT.reasoning not in session.template.render(turn2).text


def _long_history(n_turns: int) -> list[ChatMessage]:
    msgs = [ChatMessage("system", "Be brief.")]
    for i in range(n_turns):
        msgs += [ChatMessage("user", f"Question {i}: 施政報告的房屋政策是甚麼？"),
                 ChatMessage("assistant", f"Answer {i}: 政府會增加公營房屋供應。")]
    return msgs


def test_switching_conversations_restores_kv_snapshot(scripted_model_path: Path) -> None:
    s = ChatSession(scripted_model_path, SessionConfig(n_ctx=2048, kv_budget_bytes=64 << 20))
    try:
        a = [*_long_history(12), ChatMessage("user", "A?")]
        b = [ChatMessage("user", "B?")]
        finished(collect(s, a, conversation_id="A"))
        full = s.last_turn.evaluated_prompt_tokens
        assert full > 300
        finished(collect(s, b, conversation_id="B"))
        a2 = [*a, ChatMessage("assistant", DEFAULT_SCRIPT.content), ChatMessage("user", "A2?")]
        finished(collect(s, a2, conversation_id="A"))
        assert s.last_turn.restored_snapshot
        reused = len(s.tokenize(s.template.render(a, add_generation_prompt=False).text + "<｜Assistant｜>"))
        assert s.last_turn.evaluated_prompt_tokens == s.last_turn.prompt_tokens - reused, (
            "only the last reply and the new message are evaluated")
        assert s.last_turn.evaluated_prompt_tokens < full / 10
    finally:
        s.close()


def test_without_snapshot_budget_switching_reprefills(scripted_model_path: Path) -> None:
    s = ChatSession(scripted_model_path, SessionConfig(n_ctx=2048, kv_budget_bytes=0))
    try:
        a = [*_long_history(12), ChatMessage("user", "A?")]
        finished(collect(s, a, conversation_id="A"))
        finished(collect(s, [ChatMessage("user", "B?")], conversation_id="B"))
        finished(collect(s, [*a, ChatMessage("assistant", DEFAULT_SCRIPT.content), ChatMessage("user", "A2?")],
                         conversation_id="A"))
        assert not s.last_turn.restored_snapshot
        assert s.last_turn.evaluated_prompt_tokens > 300
    finally:
        s.close()


def test_context_overflow_drops_oldest_turns_keeps_system(scripted_model_path: Path) -> None:
    s = ChatSession(scripted_model_path, SessionConfig(n_ctx=512))
    try:
        msgs = [*_long_history(30), ChatMessage("user", "latest question")]
        events = collect(s, msgs, SamplingParams(temperature=0.0, max_tokens=128))
        trimmed = [e for e in events if isinstance(e, ContextTrimmed)]
        assert len(trimmed) == 1 and trimmed[0].dropped_messages > 0 and trimmed[0].dropped_tokens > 0
        assert trimmed[0].dropped_messages % 2 == 0, "user turns leave with their replies"
        fin = finished(events)
        assert fin.reason in {"stop", "length"}
        assert s.last_turn.prompt_tokens + 128 <= 512
        kept = msgs[:1] + msgs[1 + trimmed[0].dropped_messages:]
        assert s.last_turn.prompt_tokens == len(s.tokenize(s.template.render(kept).text))
    finally:
        s.close()


def test_single_message_too_long_is_a_clear_error(scripted_model_path: Path) -> None:
    s = ChatSession(scripted_model_path, SessionConfig(n_ctx=256))
    try:
        events = collect(s, [ChatMessage("user", "政策 " * 2000)])
        err = next(e for e in events if isinstance(e, StreamError))
        assert "context" in err.message
        assert finished(events).reason == "error"
    finally:
        s.close()


@pytest.mark.parametrize("fixture", ["scripted_llama_path", "deepseek2_model_path"])
def test_other_architectures_stream_the_script(fixture: str, request: pytest.FixtureRequest) -> None:
    path = request.getfixturevalue(fixture)
    s, placement = load_session(path, LoadOptions(n_ctx=1024, backend="cpu"))
    try:
        fin = finished(collect(s, [ChatMessage("user", "你好")]))
        assert fin.reason == "stop"
        assert fin.content == DEFAULT_SCRIPT.content
        assert placement.info.architecture in {"llama", "deepseek2"}
    finally:
        s.close()


def test_custom_script_roundtrip(scripted_model_factory: object) -> None:
    script = Script(reasoning="Think: 諗一諗", answer="Files 檔案 and data 資料。")
    path = scripted_model_factory(script=script)  # type: ignore[operator]
    s = ChatSession(path, SessionConfig(n_ctx=1024))
    try:
        fin = finished(collect(s, [ChatMessage("user", "?")]))
        assert (fin.reasoning, fin.content) == (script.reasoning, script.content)
    finally:
        s.close()


def test_loader_validates_before_llama_sees_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.gguf"
    bad.write_bytes(b"GGUF" + b"\xff" * 64)
    with pytest.raises(ModelFileError):
        load_session(bad)


def test_cpu_only_device_list_loads(scripted_model_path: Path) -> None:
    from engine.devices import device_handles

    s = ChatSession(scripted_model_path, SessionConfig(n_ctx=512, device_handles=device_handles([])))
    try:
        assert finished(collect(s, [ChatMessage("user", "x")])).content == DEFAULT_SCRIPT.content
    finally:
        s.close()


def test_cancel_mid_character_never_leaves_replacement_char(session: ChatSession) -> None:
    """Cancelling after any token — including one that ends half-way through a CJK character —
    keeps only whole characters, and what was streamed equals what Finished reports."""
    for stop_after in range(1, 30, 3):
        cancel = CancelToken()
        events = []
        for ev in session.stream([ChatMessage("user", "x")], GREEDY, cancel):
            events.append(ev)
            if session.last_turn.completion_tokens >= stop_after:
                cancel.cancel()
        fin = finished(events)
        assert fin.reason == "cancelled"
        assert "\ufffd" not in fin.content + fin.reasoning
        streamed = "".join(e.text for e in events if isinstance(e, ReasoningDelta))
        assert streamed == fin.reasoning
        assert (DEFAULT_SCRIPT.reasoning + DEFAULT_SCRIPT.content).startswith(fin.reasoning)


def test_anonymous_turn_does_not_overwrite_a_parked_conversation(scripted_model_path: Path) -> None:
    s = ChatSession(scripted_model_path, SessionConfig(n_ctx=2048, kv_budget_bytes=64 << 20))
    try:
        a = [*_long_history(12), ChatMessage("user", "A?")]
        finished(collect(s, a, conversation_id="A"))
        finished(collect(s, [ChatMessage("user", "one-off")]))  # no conversation id
        finished(collect(s, [*a, ChatMessage("assistant", DEFAULT_SCRIPT.content), ChatMessage("user", "A2?")],
                         conversation_id="A"))
        assert s.last_turn.restored_snapshot
        assert s.last_turn.evaluated_prompt_tokens < 100
    finally:
        s.close()
