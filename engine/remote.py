"""Chat provider for an on-prem OpenAI-compatible cluster (vLLM, vLLM-Ascend, MindIE, SGLang,
llama.cpp server), behind the same ``ChatProvider`` interface as the local engine.

Why this shape: the UI, history and reasoning display only see ``ChatEvent``s, so everything a
server does differently (``reasoning_content`` vs inline ``<think>``, usage chunks, error bodies)
is normalised here. Retries happen only before the first token, so an answer is never duplicated.
Cancel shuts the socket down from a watcher thread, which wakes a read blocked in the kernel.
The access token never appears in ``repr``, exceptions or events.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import socket
import ssl
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx

from engine.errors import RemoteError
from engine.events import ChatEvent, ContentDelta, Finished, FinishReason, ReasoningDelta, StreamError, Usage
from engine.reasoning import THINK_CLOSE, THINK_OPEN, ReasoningSplitter
from engine.types import CancelToken, ChatMessage, SamplingParams

#: Error kinds a caller can switch on (``RemoteError.kind`` / ``StreamError.kind``).
ERROR_KINDS = (
    "connect", "tls", "timeout", "auth", "not_found", "rate_limited", "server", "request",
    "protocol", "cancelled",
)

_RETRYABLE_STATUS = frozenset({429, 502, 503, 504})
_MAX_ERROR_BODY = 4096
_MAX_RETRY_AFTER_S = 10.0
_CANCEL_POLL_S = 0.05


@dataclass(frozen=True)
class RemoteEndpoint:
    """One configured server. ``base_url`` is the OpenAI base URL (``…/v1`` is added when the
    path is empty). ``proxy``: ``None`` = direct connection (environment proxies ignored),
    ``"system"`` = honour the environment, otherwise a proxy URL. ``ca_bundle`` is a PEM file
    trusted in addition to the system store (government PKI). Both may only come from an
    administrator; ``app.remote_endpoints`` enforces that. ``starts_in_reasoning``: ``None``
    guesses from the model id (R1-style models open the reply inside ``<think>``)."""

    name: str
    base_url: str
    display_name: str = ""
    models: tuple[str, ...] = ()
    ca_bundle: str | None = None
    proxy: str | None = None
    starts_in_reasoning: bool | None = None

    @property
    def label(self) -> str:
        return self.display_name or self.name

    @property
    def api_base(self) -> str:
        url = self.base_url.rstrip("/")
        if urlsplit(url).path in ("", "/"):
            url += "/v1"
        return url

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).hostname or ""

    @property
    def port(self) -> int:
        parts = urlsplit(self.base_url)
        return parts.port or (443 if parts.scheme == "https" else 80)

    @property
    def origin(self) -> str:
        """``scheme://host:port`` (host lower-case, default port written out): what a token is for."""
        scheme = urlsplit(self.base_url).scheme.lower()
        host = self.host.lower().rstrip(".")
        if ":" in host:
            host = f"[{host}]"
        return f"{scheme}://{host}:{self.port}"


@dataclass(frozen=True)
class RemoteTimeouts:
    """Seconds. ``read`` bounds the wait for each chunk, including the first (prefill)."""

    connect: float = 10.0
    read: float = 120.0
    write: float = 30.0
    pool: float = 10.0

    def to_httpx(self) -> httpx.Timeout:
        return httpx.Timeout(connect=self.connect, read=self.read, write=self.write, pool=self.pool)


@dataclass(frozen=True)
class TlsInfo:
    """What the TLS handshake negotiated, for ``bauhinia doctor``."""

    version: str
    cipher: str
    peer_subject: str
    peer_issuer: str
    not_after: str


@dataclass(frozen=True)
class EndpointProbe:
    """Result of one ``GET /models`` round trip. ``tls`` is ``None`` for plain HTTP or failure."""

    reachable: bool
    latency_s: float | None
    tls: TlsInfo | None
    models: tuple[str, ...]
    error_kind: str | None = None
    error: str | None = None


E = TypeVar("E", bound=BaseException)

ClientFactory = Callable[[RemoteEndpoint, RemoteTimeouts], httpx.Client]


class _Secret:
    """Holds the token so that ``repr``/``str`` of anything holding it never reveals it."""

    __slots__ = ("_value",)

    def __init__(self, value: str | None) -> None:
        self._value = value or None

    def reveal(self) -> str | None:
        return self._value

    def __repr__(self) -> str:
        return "<token set>" if self._value else "<no token>"

    __str__ = __repr__


#: Where Linux distributions keep the system CA bundle, for an OpenSSL whose compiled-in default
#: (``ssl.get_default_verify_paths().openssl_cafile``) is not there (a frozen build's own OpenSSL).
SYSTEM_CA_FILES = (
    "/etc/ssl/certs/ca-certificates.crt",  # Debian, Ubuntu
    "/etc/pki/tls/certs/ca-bundle.crt",  # Fedora, RHEL
    "/etc/ssl/ca-bundle.pem",  # SUSE
)
#: Extended key usage "server authentication": Windows store certificates trusted for TLS servers.
_SERVER_AUTH_OID = "1.3.6.1.5.5.7.3.1"


def system_trust_context() -> ssl.SSLContext:
    """A verifying client context holding only the operating system's trust store.

    Why not ``ssl.create_default_context()``: it calls ``set_default_verify_paths()``, which
    lets ``SSL_CERT_FILE``/``SSL_CERT_DIR`` from the environment replace the trust store — an
    attacker who can set a user's environment could then intercept a trusted endpoint. Here the
    compiled-in OpenSSL locations (or the Windows ROOT/CA stores) are loaded explicitly and the
    environment is never consulted.
    """
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # CERT_REQUIRED and check_hostname
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.verify_flags |= getattr(ssl, "VERIFY_X509_PARTIAL_CHAIN", 0)
    loaded = False
    if sys.platform == "win32":  # pragma: no cover - Windows only
        for store in ("ROOT", "CA"):
            for cert, encoding, trust in ssl.enum_certificates(store):  # type: ignore[attr-defined]
                if encoding == "x509_asn" and (trust is True or _SERVER_AUTH_OID in trust):
                    with contextlib.suppress(ssl.SSLError):
                        ctx.load_verify_locations(cadata=cert)
                        loaded = True
    else:
        defaults = ssl.get_default_verify_paths()
        for cafile in (defaults.openssl_cafile, *SYSTEM_CA_FILES):
            if cafile and os.path.isfile(cafile):
                with contextlib.suppress(OSError, ssl.SSLError):
                    ctx.load_verify_locations(cafile=cafile)
                    loaded = True
                    break
        capath = defaults.openssl_capath
        if capath and os.path.isdir(capath):
            ctx.load_verify_locations(capath=capath)
            loaded = True
    if not loaded:
        # A frozen build may find no system store at all; fall back to certifi's bundle.
        with contextlib.suppress(ImportError, OSError, ssl.SSLError):
            import certifi

            ctx.load_verify_locations(cafile=certifi.where())
    return ctx


def ssl_context_for(endpoint: RemoteEndpoint) -> ssl.SSLContext:
    """System trust store plus the endpoint's CA bundle; verification is never switched off.
    The app passes a ``ca_bundle`` only when an administrator set it (``app.remote_endpoints``)."""
    ctx = system_trust_context()
    if endpoint.ca_bundle:
        try:
            ctx.load_verify_locations(cafile=endpoint.ca_bundle)
        except (OSError, ssl.SSLError) as exc:
            raise RemoteError(
                f"Cannot read the CA bundle {endpoint.ca_bundle!r} for {endpoint.label}: {exc}", kind="tls"
            ) from exc
    return ctx


def default_client(endpoint: RemoteEndpoint, timeouts: RemoteTimeouts) -> httpx.Client:
    """An ``httpx.Client`` that verifies TLS against ``ssl_context_for`` and uses the proxy rule.

    ``trust_env`` is off unless the (administrator-set) proxy is ``"system"``; even then the
    explicit SSL context means ``SSL_CERT_FILE`` and friends change nothing."""
    use_env = endpoint.proxy == "system"
    proxy = None if endpoint.proxy in (None, "", "system") else endpoint.proxy
    return httpx.Client(
        verify=ssl_context_for(endpoint),
        trust_env=use_env,
        proxy=proxy,
        timeout=timeouts.to_httpx(),
        follow_redirects=False,
        headers={"User-Agent": "Bauhinia"},
    )


_R1_PATTERN = re.compile(r"(^|[^a-z0-9])r1([^0-9]|$)|reasoner|qwq", re.IGNORECASE)


def guess_starts_in_reasoning(model: str) -> bool:
    """R1-style models (``DeepSeek-R1``, distills, ``deepseek-reasoner``) open inside ``<think>``."""
    return bool(_R1_PATTERN.search(model))


class RemoteProvider:
    """Streams replies from ``model`` on ``endpoint``; implements ``engine.provider.ChatProvider``.

    ``client_factory`` (or ``transport``) is injectable for tests; ``retries`` bounds attempts
    made before the first token (connection refused, 429, 502-504, connection dropped early).
    """

    def __init__(
        self,
        endpoint: RemoteEndpoint,
        model: str,
        *,
        token: str | None = None,
        client_factory: ClientFactory | None = None,
        transport: httpx.BaseTransport | None = None,
        timeouts: RemoteTimeouts | None = None,
        retries: int = 2,
        retry_backoff_s: float = 0.5,
        include_usage: bool = True,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.endpoint = endpoint
        self.model = model
        self._token = _Secret(token)
        self._timeouts = timeouts or RemoteTimeouts()
        self._retries = max(0, retries)
        self._backoff = max(0.0, retry_backoff_s)
        self._include_usage = include_usage
        self._clock = clock
        if client_factory is None and transport is not None:
            bound = transport

            def client_factory(ep: RemoteEndpoint, t: RemoteTimeouts) -> httpx.Client:
                return httpx.Client(transport=bound, timeout=t.to_httpx())

        self._client_factory: ClientFactory = client_factory or default_client
        self._client: httpx.Client | None = None
        self._lock = threading.Lock()
        self._active: httpx.Response | None = None
        self.starts_in_reasoning = (
            endpoint.starts_in_reasoning
            if endpoint.starts_in_reasoning is not None
            else guess_starts_in_reasoning(model)
        )

    def __repr__(self) -> str:
        return f"RemoteProvider(endpoint={self.endpoint.name!r}, model={self.model!r}, token={self._token!r})"

    # -- plumbing -----------------------------------------------------------------------------

    def _http(self) -> httpx.Client:
        if self._client is None:
            self._client = self._client_factory(self.endpoint, self._timeouts)
        return self._client

    def _headers(self) -> dict[str, str]:
        headers = {"Accept": "application/json"}
        token = self._token.reveal()
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return headers

    def _scrub(self, text: str) -> str:
        token = self._token.reveal()
        return text.replace(token, "***") if token else text

    def close(self) -> None:
        self.abort()
        if self._client is not None:
            self._client.close()
            self._client = None

    def abort(self) -> None:
        """Ends the stream in progress at once (safe from any thread)."""
        with self._lock:
            response = self._active
        if response is not None:
            _shutdown_socket(response)

    # -- model list ---------------------------------------------------------------------------

    def list_models(self) -> list[str]:
        """Model ids the server serves (``GET /models``); raises ``RemoteError``."""
        response = self._get_models()
        return list(_model_ids(response, self._scrub))

    def _get_models(self) -> httpx.Response:
        try:
            response = self._http().get(f"{self.endpoint.api_base}/models", headers=self._headers())
        except httpx.HTTPError as exc:
            raise self._transport_error(exc, started=False) from None
        if response.status_code != 200:
            raise self._status_error(response.status_code, response.text[:_MAX_ERROR_BODY])
        return response

    def probe(self) -> EndpointProbe:
        """One timed ``GET /models`` with the negotiated TLS details; never raises ``RemoteError``."""
        started = self._clock()
        try:
            client = self._http()
            with client.stream("GET", f"{self.endpoint.api_base}/models", headers=self._headers()) as r:
                tls = _tls_info(r)
                body = r.read()
                latency = self._clock() - started
                if r.status_code != 200:
                    err = self._status_error(r.status_code, body[:_MAX_ERROR_BODY].decode("utf-8", "replace"))
                    # An HTTP answer means the server is reachable even if it refused us.
                    return EndpointProbe(True, latency, tls, (), err.kind, str(err))
                models = _model_ids(r, self._scrub)
                return EndpointProbe(True, latency, tls, tuple(models))
        except RemoteError as exc:
            return EndpointProbe(False, None, None, (), exc.kind, str(exc))
        except httpx.HTTPError as exc:
            err = self._transport_error(exc, started=False)
            return EndpointProbe(False, None, None, (), err.kind, str(err))

    # -- streaming ----------------------------------------------------------------------------

    def _request_body(self, messages: Sequence[ChatMessage], params: SamplingParams) -> dict[str, Any]:
        body: dict[str, Any] = {
            "model": self.model,
            "messages": [{"role": m.role, "content": m.content} for m in messages],
            "stream": True,
            "max_tokens": params.max_tokens,
            "temperature": params.temperature,
            "top_p": params.top_p,
            # vLLM, SGLang, MindIE and llama.cpp accept these beyond the OpenAI set.
            "top_k": params.top_k,
            "min_p": params.min_p,
        }
        if params.repeat_penalty != 1.0:
            body["repetition_penalty"] = params.repeat_penalty
            body["repeat_penalty"] = params.repeat_penalty
        if params.seed is not None:
            body["seed"] = params.seed
        if params.thinking is not None:
            # vLLM, SGLang and llama.cpp's server pass these to the model's chat template.
            body["chat_template_kwargs"] = {"enable_thinking": params.thinking, "thinking": params.thinking}
        if self._include_usage:
            body["stream_options"] = {"include_usage": True}
        return body

    def stream(
        self,
        messages: Sequence[ChatMessage],
        params: SamplingParams,
        cancel: CancelToken | None = None,
        conversation_id: str | None = None,
    ) -> Iterator[ChatEvent]:
        """Yields deltas, maybe ``Usage``, maybe one ``StreamError``, then exactly one ``Finished``."""
        cancel = cancel or CancelToken()
        run = _StreamRun(self.starts_in_reasoning, self._clock)
        body = self._request_body(messages, params)
        attempt = 0
        while True:
            if cancel.cancelled:
                yield run.finish("cancelled")
                return
            try:
                yield from self._one_attempt(body, run, cancel)
                return
            except _Retry as retry:
                attempt += 1
                if attempt > self._retries or run.started:
                    yield from run.fail(retry.error)
                    return
                delay = retry.after_s if retry.after_s is not None else self._backoff * (2 ** (attempt - 1))
                _sleep_unless_cancelled(min(delay, _MAX_RETRY_AFTER_S), cancel)
            except RemoteError as exc:
                yield from run.fail(exc)
                return

    def _one_attempt(self, body: dict[str, Any], run: _StreamRun, cancel: CancelToken) -> Iterator[ChatEvent]:
        client = self._http()
        request = client.build_request(
            "POST", f"{self.endpoint.api_base}/chat/completions", json=body,
            headers={**self._headers(), "Accept": "text/event-stream"},
        )
        run.mark_request()
        try:
            response = client.send(request, stream=True)
        except httpx.HTTPError as exc:
            if cancel.cancelled:
                yield run.finish("cancelled")
                return
            err = self._transport_error(exc, started=False)
            if err.kind == "connect":
                raise _Retry(err) from None
            raise err from None
        try:
            if response.status_code != 200:
                text = _read_bounded(response)
                err = self._status_error(response.status_code, text)
                if response.status_code in _RETRYABLE_STATUS:
                    raise _Retry(err, _retry_after(response))
                raise err
            with self._lock:
                self._active = response
            watcher = _CancelWatcher(cancel, self.abort)
            try:
                yield from self._read_stream(response, run, cancel)
            finally:
                watcher.stop()
                with self._lock:
                    self._active = None
        finally:
            response.close()

    def _read_stream(self, response: httpx.Response, run: _StreamRun, cancel: CancelToken) -> Iterator[ChatEvent]:
        done = False
        try:
            for payload in _sse_payloads(response.iter_lines()):
                if cancel.cancelled:
                    break
                if payload == "[DONE]":
                    done = True
                    break
                yield from run.handle_chunk(self._parse_chunk(payload))
                if cancel.cancelled:
                    break
        except httpx.HTTPError as exc:
            if cancel.cancelled:
                pass
            elif not run.started:
                raise _Retry(self._transport_error(exc, started=False)) from None
            else:
                raise self._transport_error(exc, started=True) from None
        except OSError as exc:  # a socket shut down under a TLS read can surface as a raw OSError
            if not cancel.cancelled:
                raise RemoteError(
                    f"Lost the connection to {self.endpoint.label} mid-answer ({exc.__class__.__name__}).",
                    kind="connect",
                ) from None
        if cancel.cancelled:
            yield from run.flush()
            yield run.finish("cancelled")
            return
        if not done and run.finish_reason is None:
            raise RemoteError(
                f"The answer from {self.endpoint.label} was cut off: the stream ended without a "
                "finish reason or [DONE] marker.", kind="protocol",
            )
        yield from run.flush()
        yield from run.usage_event()
        yield run.finish(run.finish_reason or "stop")

    def _parse_chunk(self, payload: str) -> dict[str, Any]:
        try:
            chunk = json.loads(payload)
        except json.JSONDecodeError:
            raise RemoteError(
                f"{self.endpoint.label} sent a malformed stream chunk (not JSON): {self._scrub(payload[:120])!r}",
                kind="protocol",
            ) from None
        if not isinstance(chunk, dict):
            raise RemoteError(f"{self.endpoint.label} sent a stream chunk that is not an object.", kind="protocol")
        if "error" in chunk:
            message = _error_message(chunk) or "unknown error"
            raise RemoteError(f"{self.endpoint.label} reported an error mid-answer: {self._scrub(message)}",
                              kind="server")
        return chunk

    # -- error classification -----------------------------------------------------------------

    def _transport_error(self, exc: httpx.HTTPError, *, started: bool) -> RemoteError:
        label = f"{self.endpoint.label} ({self.endpoint.host}:{self.endpoint.port})"
        if isinstance(exc, httpx.TimeoutException):
            what = {
                httpx.ConnectTimeout: "connecting to",
                httpx.ReadTimeout: "waiting for an answer from",
                httpx.WriteTimeout: "sending the request to",
                httpx.PoolTimeout: "waiting for a free connection to",
            }.get(type(exc), "talking to")
            return RemoteError(f"Timed out {what} {label}.", kind="timeout")
        verify = _cause_of(exc, ssl.SSLCertVerificationError)
        if verify is not None:
            return RemoteError(
                f"The TLS certificate of {label} could not be verified ({verify.verify_message}). "
                "Ask IT for the organisation's CA bundle and set it for this endpoint.", kind="tls",
            )
        tls = _cause_of(exc, ssl.SSLError)
        if tls is not None:
            return RemoteError(
                f"The TLS handshake with {label} failed ({tls.reason or _short(tls)}). Check that the URL "
                "uses the right scheme and port.", kind="tls",
            )
        if started:
            return RemoteError(f"Lost the connection to {label} mid-answer ({_short(exc)}).", kind="connect")
        if _cause_of(exc, ConnectionRefusedError) is not None:
            return RemoteError(f"Could not connect to {label}: connection refused. Is the server running?",
                               kind="connect")
        if _cause_of(exc, socket.gaierror) is not None:
            return RemoteError(f"Could not find the server {self.endpoint.host!r} (name lookup failed).",
                               kind="connect")
        if isinstance(exc, httpx.RemoteProtocolError):
            return RemoteError(f"{label} closed the connection without answering ({_short(exc)}).",
                               kind="connect")
        return RemoteError(f"Could not reach {label}: {_short(exc)}.", kind="connect")

    def _status_error(self, status: int, body: str) -> RemoteError:
        detail = self._scrub(_error_message_text(body))
        label = self.endpoint.label
        suffix = f": {detail}" if detail else "."
        if status in (401, 403):
            return RemoteError(
                f"{label} refused the access token (HTTP {status}). Check the token saved for this endpoint.",
                kind="auth", status=status,
            )
        if status == 404:
            if "model" in detail.lower():
                msg = f"{label} does not serve the model {self.model!r} (HTTP 404){suffix}"
            else:
                msg = f"{label} has no Chat Completions API at {self.endpoint.api_base} (HTTP 404); " \
                      "the URL usually ends in /v1."
            return RemoteError(msg, kind="not_found", status=status)
        if status == 429:
            return RemoteError(f"{label} is busy (HTTP 429, rate limited); try again shortly.",
                               kind="rate_limited", status=status)
        if status >= 500:
            return RemoteError(f"{label} had a server error (HTTP {status}){suffix}", kind="server", status=status)
        return RemoteError(f"{label} rejected the request (HTTP {status}){suffix}", kind="request", status=status)


class _Retry(Exception):
    def __init__(self, error: RemoteError, after_s: float | None = None) -> None:
        super().__init__(str(error))
        self.error = error
        self.after_s = after_s


@dataclass
class _StreamRun:
    """Accumulates one reply across attempts: text, timing, finish reason, usage."""

    starts_in_reasoning: bool
    clock: Callable[[], float]
    content: list[str] = field(default_factory=list)
    reasoning: list[str] = field(default_factory=list)
    request_at: float | None = None
    first_at: float | None = None
    last_at: float | None = None
    deltas: int = 0
    finish_reason: FinishReason | None = None
    usage: dict[str, Any] | None = None
    server_reasoning: bool = False
    splitter: ReasoningSplitter | None = None
    lead: str | None = None  # start of the content while deciding whether it opens with <think>

    @property
    def started(self) -> bool:
        return self.first_at is not None

    def mark_request(self) -> None:
        if self.request_at is None:  # time to first token counts retries, as the user waits
            self.request_at = self.clock()
        self.splitter = None
        self.lead = ""

    def _emit(self, events: Sequence[ContentDelta | ReasoningDelta]) -> Iterator[ChatEvent]:
        for ev in events:
            if not ev.text:
                continue
            (self.reasoning if isinstance(ev, ReasoningDelta) else self.content).append(ev.text)
            yield ev

    def handle_chunk(self, chunk: dict[str, Any]) -> Iterator[ChatEvent]:
        if isinstance(chunk.get("usage"), dict):
            self.usage = chunk["usage"]
        choices = chunk.get("choices") or []
        if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
            return
        choice = choices[0]
        delta = choice.get("delta") or {}
        if not isinstance(delta, dict):
            delta = {}
        # vLLM's reasoning parser: "reasoning_content" (newer releases also send "reasoning").
        think = delta.get("reasoning_content") or delta.get("reasoning")
        text = delta.get("content")
        if (isinstance(think, str) and think) or (isinstance(text, str) and text):
            now = self.clock()
            if self.first_at is None:
                self.first_at = now
            self.last_at = now
            self.deltas += 1
        if isinstance(think, str) and think:
            self.server_reasoning = True
            yield from self._emit([ReasoningDelta(think)])
        if isinstance(text, str) and text:
            if self.server_reasoning:
                yield from self._emit([ContentDelta(text)])
            else:
                yield from self._emit(self._split(text))
        reason = choice.get("finish_reason")
        if isinstance(reason, str) and reason:
            self.finish_reason = "length" if reason == "length" else "stop"

    def _split(self, text: str) -> list[ContentDelta | ReasoningDelta]:
        """Inline ``<think>`` handling. An R1-style reply starts inside the reasoning block, but
        some servers' templates leave the opening tag to the model, so the first few characters
        decide which way the splitter starts."""
        if self.splitter is None:
            lead = (self.lead or "") + text
            head = lead.lstrip()
            if self.starts_in_reasoning and THINK_OPEN.startswith(head) and head != THINK_OPEN:
                self.lead = lead
                return []
            self.lead = None
            opens_tag = head.startswith(THINK_OPEN)
            self.splitter = ReasoningSplitter(starts_in_reasoning=self.starts_in_reasoning and not opens_tag)
            text = lead
        return self.splitter.feed(text)

    def flush(self) -> Iterator[ChatEvent]:
        if self.splitter is None and self.lead:
            yield from self._emit(self._split(""))
        if self.splitter is not None:
            yield from self._emit(self.splitter.flush())
            self.splitter = None
        self.lead = None

    def usage_event(self) -> Iterator[ChatEvent]:
        u = self.usage
        if not u:
            return
        prompt = _int(u.get("prompt_tokens"))
        completion = _int(u.get("completion_tokens"))
        details = u.get("prompt_tokens_details")
        cached = _int(details.get("cached_tokens")) if isinstance(details, dict) else 0
        yield Usage(prompt_tokens=prompt, completion_tokens=completion,
                    evaluated_prompt_tokens=max(0, prompt - cached))

    def finish(self, reason: FinishReason) -> Finished:
        ttft = None
        if self.first_at is not None and self.request_at is not None:
            ttft = self.first_at - self.request_at
        tps = None
        tokens = _int(self.usage.get("completion_tokens")) if self.usage else self.deltas
        if self.first_at is not None and self.last_at is not None and tokens > 1:
            span = self.last_at - self.first_at
            if span > 0:
                tps = (tokens - 1) / span
        content, reasoning = "".join(self.content), "".join(self.reasoning)
        if not reasoning and THINK_CLOSE in content:
            # A reasoning model we did not recognise: "</think>" with no opening tag. The deltas
            # are already out, but the record (history) gets the correct split.
            reasoning, _, content = content.partition(THINK_CLOSE)
            content = content.lstrip()
        return Finished(reason=reason, content=content, reasoning=reasoning, ttft_s=ttft, tokens_per_s=tps)

    def fail(self, error: RemoteError) -> Iterator[ChatEvent]:
        yield from self.flush()
        yield StreamError(message=str(error), kind=error.kind)
        yield self.finish("error")


class _CancelWatcher:
    """Polls the cancel token while a stream is open and aborts the socket when it is set."""

    def __init__(self, cancel: CancelToken, abort: Callable[[], None]) -> None:
        self._stop = threading.Event()
        self._cancel = cancel
        self._abort = abort
        self._thread = threading.Thread(target=self._run, name="bauhinia-remote-cancel", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(_CANCEL_POLL_S):
            if self._cancel.cancelled:
                self._abort()
                return

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=1.0)


def _shutdown_socket(response: httpx.Response) -> None:
    stream = response.extensions.get("network_stream")
    sock = stream.get_extra_info("socket") if stream is not None else None
    if isinstance(sock, socket.socket):
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def _tls_info(response: httpx.Response) -> TlsInfo | None:
    stream = response.extensions.get("network_stream")
    obj = stream.get_extra_info("ssl_object") if stream is not None else None
    if obj is None:
        return None
    cert = obj.getpeercert() or {}
    cipher = obj.cipher()
    return TlsInfo(
        version=str(obj.version() or ""),
        cipher=cipher[0] if cipher else "",
        peer_subject=_dn(cert.get("subject")),
        peer_issuer=_dn(cert.get("issuer")),
        not_after=str(cert.get("notAfter", "")),
    )


def _dn(rdns: Any) -> str:
    if not rdns:
        return ""
    parts = [f"{k}={v}" for rdn in rdns for (k, v) in rdn]
    return ", ".join(parts)


def _sse_payloads(lines: Iterator[str]) -> Iterator[str]:
    """``data:`` payloads of a Server-Sent Events stream (multi-line data joined with ``\\n``)."""
    data: list[str] = []
    for line in lines:
        if not line:
            if data:
                yield "\n".join(data)
                data = []
            continue
        if line.startswith(":"):
            continue
        name, _, value = line.partition(":")
        if name == "data":
            data.append(value[1:] if value.startswith(" ") else value)
    if data:
        yield "\n".join(data)


def _model_ids(response: httpx.Response, scrub: Callable[[str], str]) -> list[str]:
    try:
        payload = response.json()
        items = payload["data"]
        return [str(item["id"]) for item in items]
    except (ValueError, KeyError, TypeError):
        raise RemoteError(f"The model list was not in the OpenAI format: {scrub(response.text[:120])!r}",
                          kind="protocol") from None


def _read_bounded(response: httpx.Response) -> str:
    buf = b""
    try:
        for piece in response.iter_bytes():
            buf += piece
            if len(buf) >= _MAX_ERROR_BODY:
                break
    except httpx.HTTPError:
        pass
    return buf[:_MAX_ERROR_BODY].decode("utf-8", "replace")


def _error_message(obj: Any) -> str:
    if isinstance(obj, dict):
        err = obj.get("error", obj)
        if isinstance(err, dict):
            for key in ("message", "detail", "msg"):
                if isinstance(err.get(key), str):
                    return str(err[key])
        if isinstance(err, str):
            return err
        if isinstance(obj.get("detail"), str):
            return str(obj["detail"])
        if isinstance(obj.get("message"), str):
            return str(obj["message"])
    return ""


def _error_message_text(body: str) -> str:
    body = body.strip()
    if not body:
        return ""
    try:
        msg = _error_message(json.loads(body))
    except json.JSONDecodeError:
        msg = body
    msg = " ".join(msg.split())
    return msg[:300]


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def _cause_of(exc: BaseException, kind: type[E]) -> E | None:
    """The first exception of type ``kind`` in ``exc``'s cause/context chain."""
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        if isinstance(cur, kind):
            return cur
        seen.add(id(cur))
        cur = cur.__cause__ or cur.__context__
    return None


def _short(exc: BaseException) -> str:
    text = str(exc) or exc.__class__.__name__
    return text.splitlines()[0][:200]


def _int(value: Any) -> int:
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0


def _sleep_unless_cancelled(seconds: float, cancel: CancelToken) -> None:
    deadline = time.monotonic() + seconds
    while not cancel.cancelled:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return
        time.sleep(min(_CANCEL_POLL_S, remaining))
