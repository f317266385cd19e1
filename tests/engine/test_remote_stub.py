"""Remote provider against a stdlib stub server, ONLY for replies the real llama.cpp server cannot
produce: ``reasoning_content`` deltas (vLLM's reasoning parser), HTTP 401/403/404/429/5xx, error
chunks, malformed and truncated SSE, and retry sequences. Streaming, cancel, a killed server,
a wrong token and bad certificates run against the real server in ``test_remote_llama_server.py``.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from remote_server import CertSet, StubHandler, StubServer, chunk, free_port, make_certs

from engine.errors import RemoteError
from engine.events import ChatEvent, ContentDelta, Finished, ReasoningDelta, StreamError, Usage
from engine.remote import RemoteEndpoint, RemoteProvider, RemoteTimeouts, guess_starts_in_reasoning
from engine.types import CancelToken, ChatMessage, SamplingParams

TOKEN = "sk-test-SECRET-4242"
MESSAGES = [ChatMessage("system", "Be brief."), ChatMessage("user", "你好, hello"),
            ChatMessage("assistant", "答案", reasoning="old thoughts"), ChatMessage("user", "again")]


@pytest.fixture
def stub() -> Iterator[StubServer]:
    with StubServer() as server:
        yield server


def provider(server: StubServer, model: str = "deepseek-v3", *, token: str | None = TOKEN,
             retries: int = 2, starts_in_reasoning: bool | None = None) -> RemoteProvider:
    ep = RemoteEndpoint(name="stub", base_url=server.url, display_name="Stub cluster",
                        starts_in_reasoning=starts_in_reasoning)
    return RemoteProvider(ep, model, token=token, retries=retries, retry_backoff_s=0.01,
                          timeouts=RemoteTimeouts(connect=2.0, read=5.0))


def run(p: RemoteProvider, params: SamplingParams | None = None) -> list[ChatEvent]:
    events = list(p.stream(MESSAGES, params or SamplingParams(seed=7, max_tokens=64)))
    p.close()
    assert isinstance(events[-1], Finished)
    assert sum(isinstance(e, Finished) for e in events) == 1
    return events


def sse_route(server: StubServer, events: list[str], delay_s: float = 0.0) -> None:
    server.routes[("POST", "/v1/chat/completions")] = lambda h: h.send_sse(events, delay_s)


def error_of(events: list[ChatEvent]) -> StreamError:
    errors = [e for e in events if isinstance(e, StreamError)]
    assert len(errors) == 1, events
    fin = events[-1]
    assert isinstance(fin, Finished) and fin.reason == "error"
    assert TOKEN not in errors[0].message
    return errors[0]


def test_reasoning_content_deltas_usage_and_request_body(stub: StubServer) -> None:
    usage = {"prompt_tokens": 21, "completion_tokens": 5, "total_tokens": 26,
             "prompt_tokens_details": {"cached_tokens": 16}}
    sse_route(stub, [chunk(reasoning="先想"), chunk(reasoning="一想"), chunk(content="Hello "),
                     chunk(content="香港"), chunk(content="!", finish="stop"), chunk(usage=usage), "[DONE]"])
    events = run(provider(stub, "deepseek-r1"))
    assert [e for e in events if isinstance(e, ReasoningDelta)] == [ReasoningDelta("先想"), ReasoningDelta("一想")]
    assert "".join(e.text for e in events if isinstance(e, ContentDelta)) == "Hello 香港!"
    assert Usage(prompt_tokens=21, completion_tokens=5, evaluated_prompt_tokens=5) in events
    fin = events[-1]
    assert isinstance(fin, Finished)
    assert (fin.reason, fin.content, fin.reasoning) == ("stop", "Hello 香港!", "先想一想")
    assert fin.ttft_s is not None and fin.ttft_s >= 0
    req = stub.requests[-1]
    assert req["headers"]["Authorization"] == f"Bearer {TOKEN}"
    body = req["json"]
    assert body["model"] == "deepseek-r1" and body["stream"] is True and body["seed"] == 7
    assert body["max_tokens"] == 64 and body["stream_options"] == {"include_usage": True}
    # Reasoning is kept for display but never sent back to the model.
    assert body["messages"][2] == {"role": "assistant", "content": "答案"}


def test_inline_think_tags_split_across_chunks(stub: StubServer) -> None:
    sse_route(stub, [chunk(content="<th"), chunk(content="ink>\nplan "), chunk(content="more</th"),
                     chunk(content="ink>\n\nAns"), chunk(content="wer", finish="stop"), "[DONE]"])
    fin = run(provider(stub, "deepseek-r1"))[-1]
    assert isinstance(fin, Finished)
    assert (fin.reasoning, fin.content) == ("\nplan more", "Answer")


def test_r1_stream_starting_inside_think_without_opening_tag(stub: StubServer) -> None:
    sse_route(stub, [chunk(content="thinking"), chunk(content=" hard</think>"), chunk(content="\n\n答"),
                     chunk(content="案", finish="stop"), "[DONE]"])
    events = run(provider(stub, "DeepSeek-R1-Distill-Qwen-7B"))
    assert "".join(e.text for e in events if isinstance(e, ReasoningDelta)) == "thinking hard"
    assert "".join(e.text for e in events if isinstance(e, ContentDelta)) == "答案"


def test_unrecognised_reasoning_model_still_records_the_split(stub: StubServer) -> None:
    """A model whose name does not say R1: deltas went out as content, the record is corrected."""
    sse_route(stub, [chunk(content="hmm</think>"), chunk(content="\n\nreply", finish="stop"), "[DONE]"])
    fin = run(provider(stub, "house-model"))[-1]
    assert isinstance(fin, Finished)
    assert (fin.reasoning, fin.content) == ("hmm", "reply")


def test_plain_model_passes_text_through(stub: StubServer) -> None:
    sse_route(stub, [chunk(content="a < b and <thin"), chunk(content="gs>", finish="length"), "[DONE]"])
    fin = run(provider(stub, "deepseek-v3", starts_in_reasoning=False))[-1]
    assert isinstance(fin, Finished)
    assert (fin.reason, fin.content, fin.reasoning) == ("length", "a < b and <things>", "")


@pytest.mark.parametrize(("status", "kind"), [(401, "auth"), (403, "auth"), (400, "request"), (500, "server")])
def test_http_status_errors_are_classified_without_retry(stub: StubServer, status: int, kind: str) -> None:
    stub.routes[("POST", "/v1/chat/completions")] = lambda h: h.send_json(
        status, {"error": {"message": f"nope, key {TOKEN} rejected", "type": "x"}})
    err = error_of(run(provider(stub)))
    assert err.kind == kind
    assert f"HTTP {status}" in err.message and "Stub cluster" in err.message
    assert len(stub.requests) == 1  # not retried


def test_404_unknown_model_and_wrong_path(stub: StubServer) -> None:
    stub.routes[("POST", "/v1/chat/completions")] = lambda h: h.send_json(
        404, {"error": {"message": "The model `nope` does not exist."}})
    err = error_of(run(provider(stub, "nope")))
    assert err.kind == "not_found" and "'nope'" in err.message
    ep = RemoteEndpoint(name="s", base_url=stub.url.replace("/v1", "/wrong"))
    err2 = error_of(run(RemoteProvider(ep, "m", retries=0)))
    assert err2.kind == "not_found" and "/v1" in err2.message


def test_429_retries_then_reports_rate_limited(stub: StubServer) -> None:
    stub.routes[("POST", "/v1/chat/completions")] = lambda h: h.send_json(
        429, {"error": {"message": "slow down"}}, headers={"Retry-After": "0"})
    err = error_of(run(provider(stub, retries=2)))
    assert err.kind == "rate_limited"
    assert len(stub.requests) == 3


def test_503_then_success_is_retried_before_first_token(stub: StubServer) -> None:
    calls = {"n": 0}

    def flaky(h: StubHandler) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            h.send_json(503, {"error": {"message": "warming up"}})
        else:
            h.send_sse([chunk(content="ok", finish="stop"), "[DONE]"])

    stub.routes[("POST", "/v1/chat/completions")] = flaky
    fin = run(provider(stub))[-1]
    assert isinstance(fin, Finished) and (fin.reason, fin.content) == ("stop", "ok")
    assert calls["n"] == 2


def test_connection_dropped_before_answer_is_retried(stub: StubServer) -> None:
    calls = {"n": 0}

    def drop_first(h: StubHandler) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            h.connection.shutdown(socket.SHUT_RDWR)  # hang up without a status line
        else:
            h.send_sse([chunk(content="second try", finish="stop"), "[DONE]"])

    stub.routes[("POST", "/v1/chat/completions")] = drop_first
    fin = run(provider(stub))[-1]
    assert isinstance(fin, Finished) and fin.content == "second try"


def test_truncated_stream_is_a_protocol_error_and_keeps_partial_text(stub: StubServer) -> None:
    sse_route(stub, [chunk(content="partial "), chunk(content="answer")])  # then the connection closes
    events = run(provider(stub))
    err = error_of(events)
    assert err.kind == "protocol" and "cut off" in err.message
    fin = events[-1]
    assert isinstance(fin, Finished) and fin.content == "partial answer"
    assert len(stub.requests) == 1  # text had arrived: never retried


def test_malformed_chunk_is_a_protocol_error(stub: StubServer) -> None:
    sse_route(stub, [chunk(content="ok"), "{not json", "[DONE]"])
    err = error_of(run(provider(stub)))
    assert err.kind == "protocol" and "not JSON" in err.message


def test_error_object_mid_stream(stub: StubServer) -> None:
    sse_route(stub, [chunk(content="ok"), json.dumps({"error": {"message": "engine overloaded", "code": 500}})])
    err = error_of(run(provider(stub)))
    assert err.kind == "server" and "engine overloaded" in err.message


def test_sse_comments_multiline_and_no_usage(stub: StubServer) -> None:
    raw = "raw:: keep-alive\n\nevent: message\ndata: " + chunk(content="x") + "\n\n"
    sse_route(stub, [raw, chunk(content="y", finish="stop"), "[DONE]"])
    events = run(provider(stub))
    assert not any(isinstance(e, Usage) for e in events)
    fin = events[-1]
    assert isinstance(fin, Finished) and fin.content == "xy"


def test_connection_refused_is_retried_then_reported() -> None:
    port = free_port()  # nothing listens there
    ep = RemoteEndpoint(name="gone", base_url=f"http://127.0.0.1:{port}/v1", display_name="Gone")
    p = RemoteProvider(ep, "m", token=TOKEN, retries=2, retry_backoff_s=0.01)
    started = time.monotonic()
    err = error_of(run(p))
    assert err.kind == "connect" and "refused" in err.message and f":{port}" in err.message
    assert time.monotonic() - started < 30  # generous: two retries 0.01 s apart, not a back-off of seconds


def test_cancel_before_start_sends_nothing(stub: StubServer) -> None:
    cancel = CancelToken()
    cancel.cancel()
    p = provider(stub)
    events = list(p.stream(MESSAGES, SamplingParams(), cancel))
    assert events == [Finished(reason="cancelled", content="", reasoning="", ttft_s=None, tokens_per_s=None)]
    assert stub.requests == []


def test_list_models_and_errors(stub: StubServer) -> None:
    stub.routes[("GET", "/v1/models")] = lambda h: h.send_json(
        200, {"object": "list", "data": [{"id": "deepseek-r1"}, {"id": "deepseek-ai/DeepSeek-V3"}]})
    p = provider(stub)
    assert p.list_models() == ["deepseek-r1", "deepseek-ai/DeepSeek-V3"]
    stub.routes[("GET", "/v1/models")] = lambda h: h.send_json(200, {"models": "?"})
    with pytest.raises(RemoteError) as bad:
        p.list_models()
    assert bad.value.kind == "protocol"
    stub.routes[("GET", "/v1/models")] = lambda h: h.send_json(401, {"error": "bad key"})
    with pytest.raises(RemoteError) as denied:
        p.list_models()
    assert denied.value.kind == "auth" and denied.value.status == 401
    p.close()


def test_token_never_in_repr() -> None:
    p = RemoteProvider(RemoteEndpoint(name="x", base_url="https://h.example/v1"), "m", token=TOKEN)
    assert TOKEN not in repr(p) and "token set" in repr(p)


def test_api_base_and_r1_guess() -> None:
    assert RemoteEndpoint(name="a", base_url="https://h:8443").api_base == "https://h:8443/v1"
    assert RemoteEndpoint(name="a", base_url="https://h/openai/v1/").api_base == "https://h/openai/v1"
    assert guess_starts_in_reasoning("deepseek-ai/DeepSeek-R1-0528")
    assert guess_starts_in_reasoning("deepseek-reasoner")
    assert not guess_starts_in_reasoning("deepseek-v3")
    assert not guess_starts_in_reasoning("r10-model")


@pytest.mark.parametrize("tls", [False, True])
def test_cancel_while_blocked_between_chunks_ends_at_once(tls: bool, tmp_path: Path) -> None:
    """The next chunk is 30 s away (a slow prefill/decode the real server cannot be made to
    produce on demand): cancel must shut the socket and end the stream well before that,
    over plain TCP and over TLS. (The latency figure: tests/benchmarks/bench_cancel.py.)"""
    certs = make_certs(tmp_path / "pki") if tls else None
    with StubServer(certs) as stub:
        _cancel_while_blocked(stub, certs)


def _cancel_while_blocked(stub: StubServer, certs: CertSet | None) -> None:
    sse_route(stub, [chunk(content="first"), chunk(content="late"), "[DONE]"], delay_s=30.0)
    ep = RemoteEndpoint(name="stub", base_url=stub.url, ca_bundle=str(certs.ca_cert) if certs else None)
    p = RemoteProvider(ep, "m", timeouts=RemoteTimeouts(connect=2.0, read=10.0))
    cancel = CancelToken()
    events: list[ChatEvent] = []
    cancelled_at = 0.0
    for ev in p.stream(MESSAGES, SamplingParams(), cancel):
        events.append(ev)
        if isinstance(ev, ContentDelta):
            def later() -> None:
                nonlocal cancelled_at
                time.sleep(0.2)
                cancelled_at = time.monotonic()
                cancel.cancel()
            threading.Thread(target=later, daemon=True).start()
    ended = time.monotonic()
    p.close()
    fin = events[-1]
    assert isinstance(fin, Finished) and fin.reason == "cancelled" and fin.content == "first"
    assert cancelled_at > 0 and ended - cancelled_at < 15.0, ended - cancelled_at  # half the wait: generous
