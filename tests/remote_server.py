"""Test helpers for the remote provider: the real ``llama_cpp.server`` as a subprocess (plain or
TLS, optionally with ``--api_key``), a CA and certificates made with ``cryptography``, and a tiny
stdlib stub server for replies the real server cannot produce (``reasoning_content`` deltas,
401/403/404/429/5xx, malformed or truncated SSE). Everything binds 127.0.0.1 only; every wait is
bounded in time.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import os
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


# -- certificates -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CertSet:
    ca_cert: Path
    server_cert: Path
    server_key: Path


def _write_key(key: ec.EllipticCurvePrivateKey, path: Path) -> None:
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()))


def make_certs(directory: Path, common_name: str = "Test Government Root CA") -> CertSet:
    """A CA and a server certificate for 127.0.0.1/localhost signed by it (valid one day)."""
    directory.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    ca_cert = (
        x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                     content_commitment=False, key_encipherment=False, data_encipherment=False,
                                     key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "llm.test.internal")]))
        .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([
            x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address(HOST))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    out = CertSet(directory / "ca.pem", directory / "server.pem", directory / "server.key")
    out.ca_cert.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    out.server_cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    _write_key(key, out.server_key)
    return out


# -- the real llama.cpp OpenAI-compatible server -------------------------------------------------


@dataclass
class LlamaServer:
    """``python -m llama_cpp.server`` on 127.0.0.1; ``url`` is the OpenAI base URL (``…/v1``)."""

    model: Path
    log: Path
    api_key: str | None = None
    certs: CertSet | None = None
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        scheme = "https" if self.certs else "http"
        return f"{scheme}://{HOST}:{self.port}/v1"

    def start(self, timeout_s: float = 90.0) -> LlamaServer:
        cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(self.model), "--host", HOST,
               "--port", str(self.port), "--n_ctx", "4096", "--n_threads", "1", "--verbose", "False"]
        if self.api_key:
            cmd += ["--api_key", self.api_key]
        if self.certs:
            cmd += ["--ssl_keyfile", str(self.certs.server_key), "--ssl_certfile", str(self.certs.server_cert)]
        env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
        with self.log.open("wb") as log:
            self.proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)
        self._wait_ready(timeout_s)
        return self

    def _wait_ready(self, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        verify: Any = ssl.create_default_context(cafile=str(self.certs.ca_cert)) if self.certs else False
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        while time.monotonic() < deadline:
            assert self.proc is not None
            if self.proc.poll() is not None:
                raise RuntimeError(f"llama_cpp.server exited ({self.proc.returncode}): {self.log_text()[-2000:]}")
            try:
                r = httpx.get(f"{self.url}/models", headers=headers, verify=verify, timeout=2.0, trust_env=False)
                if r.status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"llama_cpp.server did not answer within {timeout_s}s: {self.log_text()[-2000:]}")

    def log_text(self) -> str:
        return self.log.read_text("utf-8", "replace") if self.log.exists() else ""

    def kill(self) -> None:
        """Abrupt stop (SIGKILL), as when a server node dies mid-answer."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


# -- stub server (only for replies the real server cannot produce) --------------------------------

Responder = Callable[["StubHandler"], None]


class StubHandler(BaseHTTPRequestHandler):
    """Dispatches to ``server.routes[(method, path)]``; records each request on the server."""

    server: StubServer
    protocol_version = "HTTP/1.0"  # bodies end when the connection closes: easy truncation

    def log_message(self, format: str, *args: Any) -> None:  # silence stderr
        return

    def _dispatch(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.server.requests.append({"method": method, "path": self.path, "headers": dict(self.headers),
                                     "json": json.loads(body) if body else None})
        responder = self.server.routes.get((method, self.path))
        if responder is None:
            self.send_json(404, {"error": {"message": f"no route {self.path}"}})
            return
        responder(self)

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def send_json(self, status: int, obj: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def send_sse(self, events: Iterable[str], delay_s: float = 0.0) -> None:
        """Each item is one ``data:`` payload (already JSON text, or ``[DONE]``) or raw text
        starting with ``raw:`` to write as is."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        for ev in events:
            data = ev[4:] if ev.startswith("raw:") else f"data: {ev}\n\n"
            try:
                self.wfile.write(data.encode())
                self.wfile.flush()
            except OSError:  # the client went away (cancel): stop quietly
                self.server.client_gone.set()
                return
            if delay_s and self.server.client_gone.wait(delay_s):
                return


class StubServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, certs: CertSet | None = None) -> None:
        super().__init__((HOST, 0), StubHandler)
        self.tls = certs is not None
        if certs is not None:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(str(certs.server_cert), str(certs.server_key))
            self.socket = ctx.wrap_socket(self.socket, server_side=True)
        self.routes: dict[tuple[str, str], Responder] = {}
        self.requests: list[dict[str, Any]] = []
        self.client_gone = threading.Event()
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://{HOST}:{self.server_address[1]}/v1"

    def __enter__(self) -> StubServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()
        self._thread.join(timeout=5)


class ProxyTrap:
    """A listening socket on 127.0.0.1 that records every byte anyone sends to it (a proxy a
    user might configure: the tests prove it receives nothing)."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind((HOST, 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.received = bytearray()
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.sock.getsockname()[1]}"

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            with conn:
                conn.settimeout(2.0)
                try:
                    while chunk := conn.recv(65536):
                        self.received += chunk
                        if b"\r\n\r\n" in self.received:
                            break
                except OSError:
                    pass

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.sock.close()


def chunk(content: str | None = None, reasoning: str | None = None, finish: str | None = None,
          usage: dict[str, Any] | None = None) -> str:
    """One Chat Completions stream chunk as JSON text."""
    delta: dict[str, Any] = {}
    if content is not None:
        delta["content"] = content
    if reasoning is not None:
        delta["reasoning_content"] = reasoning
    obj: dict[str, Any] = {"id": "c1", "object": "chat.completion.chunk", "model": "m",
                           "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
    if usage is not None:
        obj = {"id": "c1", "object": "chat.completion.chunk", "model": "m", "choices": [], "usage": usage}
    return json.dumps(obj)
