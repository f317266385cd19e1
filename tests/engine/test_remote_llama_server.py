"""Remote provider end to end against the real ``llama_cpp.server`` (OpenAI-compatible) on
127.0.0.1, serving a generated scripted model: streaming with inline R1 reasoning, cancel, a server
killed mid-answer, a wrong token, and TLS with a CA made in the test (good, missing, wrong CA).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from remote_server import CertSet, LlamaServer, make_certs

from engine.diagnostic import Script
from engine.errors import RemoteError
from engine.events import ChatEvent, ContentDelta, Finished, ReasoningDelta, StreamError, Usage
from engine.remote import RemoteEndpoint, RemoteProvider, RemoteTimeouts
from engine.types import CancelToken, ChatMessage, SamplingParams

pytestmark = pytest.mark.slow

API_KEY = "bauhinia-test-key-7f3a"
#: Reasoning, "</think>" and a CJK answer of ~890 tokens (about two seconds of streaming here), so
#: cancel and a killed server land mid-stream. (The scripted generator needs every chain piece to
#: be unique, so not every repeat count can be built; this one can.)
LONG_SCRIPT = Script(reasoning="想一想政策的細節。Let me think.", answer="香港政策：資料、軟件、網絡。",
                     repeat_answer=260)
PROMPT = [ChatMessage("user", "香港的政策是甚麼？")]
PARAMS = SamplingParams(max_tokens=2000, seed=1)


@pytest.fixture(scope="module")
def long_model(scripted_model_factory) -> Path:  # type: ignore[no-untyped-def]
    return Path(scripted_model_factory(script=LONG_SCRIPT))


@pytest.fixture(scope="module")
def plain_server(long_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LlamaServer]:
    server = LlamaServer(long_model, tmp_path_factory.mktemp("plain") / "server.log").start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def certs(tmp_path_factory: pytest.TempPathFactory) -> CertSet:
    return make_certs(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module")
def tls_server(long_model: Path, certs: CertSet, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LlamaServer]:
    log = tmp_path_factory.mktemp("tls") / "server.log"
    server = LlamaServer(long_model, log, api_key=API_KEY, certs=certs).start()
    yield server
    server.stop()


def provider(url: str, *, token: str | None = None, ca: Path | None = None, retries: int = 0) -> RemoteProvider:
    ep = RemoteEndpoint(name="local", base_url=url, display_name="Local llama.cpp",
                        ca_bundle=str(ca) if ca else None)
    # The served model id is whatever the server calls it; R1 behaviour comes from the template.
    return RemoteProvider(ep, "deepseek-r1-distill", token=token, retries=retries, retry_backoff_s=0.05,
                          timeouts=RemoteTimeouts(connect=5.0, read=30.0))


def finished(events: list[ChatEvent]) -> Finished:
    assert sum(isinstance(e, Finished) for e in events) == 1
    fin = events[-1]
    assert isinstance(fin, Finished)
    return fin


def test_streams_reasoning_then_answer(plain_server: LlamaServer) -> None:
    p = provider(plain_server.url)
    events = list(p.stream(PROMPT, PARAMS))
    p.close()
    fin = finished(events)
    assert fin.reason == "stop", events[-3:]
    reasoning = "".join(e.text for e in events if isinstance(e, ReasoningDelta))
    content = "".join(e.text for e in events if isinstance(e, ContentDelta))
    assert reasoning.strip() == LONG_SCRIPT.reasoning
    assert content == LONG_SCRIPT.content
    assert (fin.content, fin.reasoning.strip()) == (content, reasoning.strip())
    # Reasoning deltas all come before the first answer delta.
    kinds = [type(e) for e in events if isinstance(e, ContentDelta | ReasoningDelta)]
    assert kinds.index(ContentDelta) > 0 and ReasoningDelta not in kinds[kinds.index(ContentDelta):]
    assert sum(k is ContentDelta for k in kinds) > 10  # really streamed, not one lump
    assert fin.ttft_s is not None and fin.ttft_s > 0
    assert fin.tokens_per_s is not None and fin.tokens_per_s > 0
    # llama_cpp.server ignores stream_options.include_usage (usage chunks: see the stub tests),
    # so the rate above was computed from the delta count.
    assert not any(isinstance(e, Usage) for e in events)


def test_list_models(plain_server: LlamaServer, long_model: Path) -> None:
    p = provider(plain_server.url)
    models = p.list_models()
    p.close()
    assert len(models) == 1 and Path(models[0]).name == long_model.name


def test_cancel_mid_stream_from_another_thread(plain_server: LlamaServer) -> None:
    p = provider(plain_server.url)
    cancel = CancelToken()
    seen_answer = threading.Event()
    cancelled_at: list[float] = []

    def canceller() -> None:
        if seen_answer.wait(30):
            cancelled_at.append(time.monotonic())
            cancel.cancel()

    threading.Thread(target=canceller, daemon=True).start()
    events: list[ChatEvent] = []
    after_cancel = 0
    for ev in p.stream(PROMPT, PARAMS, cancel):
        events.append(ev)
        if cancelled_at and isinstance(ev, ContentDelta | ReasoningDelta):
            after_cancel += 1
        if isinstance(ev, ContentDelta):
            seen_answer.set()
    fin = finished(events)
    assert fin.reason == "cancelled"
    assert 0 < len(fin.content) < len(LONG_SCRIPT.content)
    assert after_cancel <= 2, after_cancel  # within about one chunk (latency figure: tests/benchmarks/bench_cancel.py)
    # The server is free again: a fresh request completes.
    again = list(p.stream(PROMPT, SamplingParams(max_tokens=40, seed=1)))
    p.close()
    assert finished(again).reason == "length"


def test_server_killed_mid_stream(long_model: Path, tmp_path: Path) -> None:
    server = LlamaServer(long_model, tmp_path / "server.log").start()
    try:
        p = provider(server.url, retries=2)
        events: list[ChatEvent] = []
        for ev in p.stream(PROMPT, PARAMS):
            events.append(ev)
            if isinstance(ev, ContentDelta | ReasoningDelta) and server.proc is not None and server.proc.poll() is None:
                server.kill()
        fin = finished(events)
        errors = [e for e in events if isinstance(e, StreamError)]
        assert fin.reason == "error" and len(errors) == 1
        assert errors[0].kind == "connect" and "mid-answer" in errors[0].message
        assert len(fin.content) < len(LONG_SCRIPT.content)
        # Afterwards nothing listens: a clear "refused" error.
        with pytest.raises(RemoteError) as refused:
            p.list_models()
        assert refused.value.kind == "connect" and "refused" in str(refused.value)
        p.close()
    finally:
        server.stop()


def test_tls_with_the_right_ca_and_token(tls_server: LlamaServer, certs: CertSet) -> None:
    p = provider(tls_server.url, token=API_KEY, ca=certs.ca_cert)
    events = list(p.stream(PROMPT, SamplingParams(max_tokens=60)))
    probe = p.probe()
    p.close()
    fin = finished(events)
    assert fin.reason == "length" and fin.reasoning.strip().startswith(LONG_SCRIPT.reasoning[:6])
    assert probe.reachable and probe.error is None and probe.latency_s is not None
    assert probe.tls is not None and probe.tls.version.startswith("TLSv1.")
    assert "Test Government Root CA" in probe.tls.peer_issuer and probe.tls.not_after


@pytest.mark.parametrize("token", ["wrong-token", None])
def test_wrong_or_missing_token_is_an_auth_error(tls_server: LlamaServer, certs: CertSet, token: str | None) -> None:
    p = provider(tls_server.url, token=token, ca=certs.ca_cert, retries=2)
    events = list(p.stream(PROMPT, PARAMS))
    p.close()
    fin = finished(events)
    [err] = [e for e in events if isinstance(e, StreamError)]
    assert fin.reason == "error" and err.kind == "auth" and "token" in err.message
    if token:
        assert token not in err.message


def test_untrusted_certificate_is_a_tls_error(tls_server: LlamaServer, tmp_path: Path) -> None:
    other_ca = make_certs(tmp_path / "other", common_name="Somebody Else CA").ca_cert
    for ca in (None, other_ca):  # system store only; a different CA
        p = provider(tls_server.url, token=API_KEY, ca=ca, retries=2)
        events = list(p.stream(PROMPT, PARAMS))
        probe = p.probe()
        p.close()
        [err] = [e for e in events if isinstance(e, StreamError)]
        assert finished(events).reason == "error"
        assert err.kind == "tls" and "could not be verified" in err.message and "CA bundle" in err.message
        assert not probe.reachable and probe.error_kind == "tls"


def test_https_to_a_plain_http_server_is_a_tls_error(plain_server: LlamaServer) -> None:
    p = provider(plain_server.url.replace("http://", "https://"))
    events = list(p.stream(PROMPT, PARAMS))
    p.close()
    [err] = [e for e in events if isinstance(e, StreamError)]
    assert err.kind == "tls" and "handshake" in err.message
