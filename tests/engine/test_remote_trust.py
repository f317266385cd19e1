"""The remote provider's trust store is the system store plus what the administrator names: the
environment (``SSL_CERT_FILE``, ``SSL_CERT_DIR``, proxies) cannot make an attacker's certificate
trusted or route the traffic elsewhere (issue 11 item 6)."""

from __future__ import annotations

import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from remote_server import HOST, CertSet, ProxyTrap, StubServer, make_certs

from engine.errors import RemoteError
from engine.remote import RemoteEndpoint, RemoteProvider, ssl_context_for, system_trust_context

MODELS = {"data": [{"id": "deepseek-r1"}]}


@pytest.fixture
def attacker(tmp_path: Path) -> CertSet:
    return make_certs(tmp_path / "attacker-pki", common_name="Attacker Root CA")


@pytest.fixture
def tls_stub(attacker: CertSet) -> Iterator[StubServer]:
    with StubServer(attacker) as stub:
        stub.routes[("GET", "/v1/models")] = lambda h: h.send_json(200, MODELS)
        yield stub


def _hashed_dir(ca: Path, folder: Path) -> Path:
    """An OpenSSL ``-CApath`` folder holding ``ca`` under its subject-hash name."""
    folder.mkdir()
    out = subprocess.run(["openssl", "x509", "-hash", "-noout", "-in", str(ca)],
                         capture_output=True, text=True, check=True)
    (folder / f"{out.stdout.strip()}.0").write_bytes(ca.read_bytes())
    return folder


def _tls_refused(endpoint: RemoteEndpoint, stub: StubServer) -> None:
    """Listing models fails in the TLS handshake, so no request (and no token) reaches ``stub``."""
    provider = RemoteProvider(endpoint, "m", token="tok", retries=0)
    try:
        with pytest.raises(RemoteError) as exc:
            provider.list_models()
    finally:
        provider.close()
    assert exc.value.kind == "tls"
    assert stub.requests == []


def test_ssl_cert_file_from_the_environment_does_not_make_an_attacker_trusted(
        tls_stub: StubServer, attacker: CertSet, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(attacker.ca_cert))
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(attacker.ca_cert))
    # Proof the attack works against a context that honours the environment (what we used before).
    naive = ssl.create_default_context()
    assert naive.cert_store_stats()["x509_ca"] >= 1
    assert any(c.get("subject") == ((("commonName", "Attacker Root CA"),),) for c in naive.get_ca_certs())
    assert not any(c.get("subject") == ((("commonName", "Attacker Root CA"),),)
                   for c in system_trust_context().get_ca_certs())
    _tls_refused(RemoteEndpoint(name="stub", base_url=tls_stub.url), tls_stub)


def test_ssl_cert_dir_from_the_environment_is_ignored(tls_stub: StubServer, attacker: CertSet, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    try:
        folder = _hashed_dir(attacker.ca_cert, tmp_path / "certdir")
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("the openssl command is not available to build a hashed CA folder")
    monkeypatch.setenv("SSL_CERT_DIR", str(folder))
    _tls_refused(RemoteEndpoint(name="stub", base_url=tls_stub.url), tls_stub)


def test_system_proxy_mode_still_ignores_ssl_cert_file(tls_stub: StubServer, attacker: CertSet,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """``proxy: "system"`` lets httpx read the environment for proxies; the certificate
    variables must still change nothing."""
    monkeypatch.setenv("SSL_CERT_FILE", str(attacker.ca_cert))
    monkeypatch.setenv("NO_PROXY", HOST)
    _tls_refused(RemoteEndpoint(name="stub", base_url=tls_stub.url, proxy="system"), tls_stub)


def test_the_administrators_ca_bundle_is_trusted(tls_stub: StubServer, attacker: CertSet) -> None:
    """The control: the same server is reachable once the CA is named by the endpoint (which the
    app allows only from an administrator's source)."""
    endpoint = RemoteEndpoint(name="stub", base_url=tls_stub.url, ca_bundle=str(attacker.ca_cert))
    assert ssl_context_for(endpoint).cert_store_stats()["x509_ca"] >= 1
    provider = RemoteProvider(endpoint, "m", retries=0)
    try:
        assert provider.list_models() == ["deepseek-r1"]
    finally:
        provider.close()


def test_environment_proxy_is_ignored_without_system_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    trap = ProxyTrap()
    try:
        with StubServer() as stub:
            stub.routes[("GET", "/v1/models")] = lambda h: h.send_json(200, MODELS)
            for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "all_proxy"):
                monkeypatch.setenv(var, trap.url)
            monkeypatch.delenv("NO_PROXY", raising=False)
            monkeypatch.delenv("no_proxy", raising=False)
            provider = RemoteProvider(RemoteEndpoint(name="stub", base_url=stub.url), "m", token="secret-tok")
            try:
                assert provider.list_models() == ["deepseek-r1"]
            finally:
                provider.close()
            assert len(stub.requests) == 1
    finally:
        trap.close()
    assert trap.connections == 0 and bytes(trap.received) == b""


def test_trap_sees_the_token_when_a_proxy_is_really_used() -> None:
    """The control for the proxy tests: a proxy that is used receives the bearer token, which is
    why only an administrator may name one."""
    trap = ProxyTrap()
    try:
        provider = RemoteProvider(RemoteEndpoint(name="far", base_url="http://127.0.0.1:9/v1", proxy=trap.url),
                                  "m", token="secret-tok", retries=0)
        try:
            with pytest.raises(RemoteError):
                provider.list_models()
        finally:
            provider.close()
    finally:
        trap.close()
    assert trap.connections >= 1 and b"Bearer secret-tok" in bytes(trap.received)
