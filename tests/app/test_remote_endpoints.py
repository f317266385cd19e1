"""Endpoint configuration, policy rules, keyring tokens and the doctor probe.

The OS keyring cannot run headless here (no Secret Service daemon), so tests install a small
in-memory ``keyring`` backend; the keyring API calls themselves are the real ones. HTTP probes
use the loopback stub server from ``remote_server.py`` (TLS probing runs against the real
llama.cpp server in ``tests/engine/test_remote_llama_server.py``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import keyring.backend
import keyring.errors
import pytest
from keyring.backends import fail
from remote_server import StubServer, free_port

from app import remote_endpoints as re_
from app.remote_endpoints import RemoteConfigError, RemotePolicy
from app.settings.sources import Locations
from app.settings.store import SettingsStore
from engine.remote import RemoteEndpoint

TOKEN = "tok-ABCDEF-123456"


class MemoryKeyring(keyring.backend.KeyringBackend):
    """Stands in for the OS keyring, which has no backend on this headless machine."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.store.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("not found")


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    kr = MemoryKeyring()
    keyring.set_keyring(kr)
    try:
        yield kr
    finally:
        keyring.set_keyring(previous)


class DictSettings:
    def __init__(self, **values: Any) -> None:
        self.values = {k.replace("__", "."): v for k, v in values.items()}

    def get(self, key: str) -> Any:
        return self.values.get(key)


def settings_for(url: str, hosts: list[str], allowed: bool = True, insecure: bool = False) -> DictSettings:
    return DictSettings(**{
        "remote__allowed": allowed, "remote__allowed_hosts": hosts, "remote__allow_insecure_http": insecure,
        "remote__endpoints": [{"id": "cluster", "url": url, "models": ["deepseek-r1", "org/DeepSeek-V3"],
                               "display_name": {"en": "Dept cluster", "zh_HK": "部門伺服器"}}],
    })


def ep(url: str) -> RemoteEndpoint:
    return RemoteEndpoint(name="e", base_url=url)


def test_policy_off_refuses_everything() -> None:
    with pytest.raises(RemoteConfigError) as exc:
        re_.check_allowed(ep("https://llm.dept.gov.hk/v1"), RemotePolicy(allowed=False, allowed_hosts=("*",)))
    assert exc.value.kind == "policy"


@pytest.mark.parametrize(("url", "hosts", "ok"), [
    ("https://llm.dept.gov.hk/v1", ["llm.dept.gov.hk"], True),
    ("https://LLM.Dept.gov.hk/v1", ["llm.dept.gov.hk"], True),
    ("https://llm.dept.gov.hk/v1", [], False),  # an empty list allows none
    ("https://evil.example/v1", ["llm.dept.gov.hk"], False),
    ("https://a.cluster.internal:8443/v1", ["*.cluster.internal:8443"], True),
    ("https://a.cluster.internal/v1", ["*.cluster.internal:8443"], False),  # port 443 ≠ 8443
    ("https://cluster.internal:8443/v1", ["*.cluster.internal:8443"], False),  # '*.' is sub-domains only
    ("https://xcluster.internal/v1", ["*.cluster.internal"], False),
    ("https://10.1.2.3:8000/v1", ["10.1.2.3:8000"], True),
])
def test_allowed_hosts(url: str, hosts: list[str], ok: bool) -> None:
    policy = RemotePolicy(allowed=True, allowed_hosts=tuple(hosts))
    if ok:
        re_.check_allowed(ep(url), policy)
    else:
        with pytest.raises(RemoteConfigError) as exc:
            re_.check_allowed(ep(url), policy)
        assert exc.value.kind == "policy"


def test_plain_http_only_for_loopback_unless_policy_allows() -> None:
    policy = RemotePolicy(allowed=True, allowed_hosts=("127.0.0.1:8000", "localhost:8000", "llm.lan:8000"))
    re_.check_allowed(ep("http://127.0.0.1:8000/v1"), policy)
    re_.check_allowed(ep("http://localhost:8000/v1"), policy)
    with pytest.raises(RemoteConfigError) as exc:
        re_.check_allowed(ep("http://llm.lan:8000/v1"), policy)
    assert exc.value.kind == "policy" and "https" in str(exc.value)
    re_.check_allowed(ep("http://llm.lan:8000/v1"),
                      RemotePolicy(True, policy.allowed_hosts, allow_insecure_http=True))


def test_user_endpoint_with_proxy_or_ca_bundle_is_refused() -> None:
    for extra in ({"proxy": "http://127.0.0.1:3128"}, {"ca_bundle": "/tmp/mine.pem"}, {"proxy": "system"}):
        item = {"id": "x", "url": "https://h.example/v1", **extra}
        with pytest.raises(RemoteConfigError) as exc:
            re_.endpoint_from_dict(item)
        assert exc.value.kind == "policy"
        assert re_.endpoint_from_dict(item, admin=True).name == "x"
    s = settings_for("https://llm.dept.gov.hk/v1", ["llm.dept.gov.hk"])
    s.values["remote.endpoints"][0]["proxy"] = "http://127.0.0.1:3128"
    assert re_.allowed_endpoints(s) == [] and not re_.endpoints_set_by_admin(s)


def test_credentials_in_url_or_settings_are_refused() -> None:
    policy = RemotePolicy(allowed=True, allowed_hosts=("h.example",))
    with pytest.raises(RemoteConfigError):
        re_.check_allowed(ep(f"https://user:{TOKEN}@h.example/v1"), policy)
    with pytest.raises(RemoteConfigError) as exc:
        re_.endpoint_from_dict({"id": "x", "url": "https://h.example/v1", "api_key": TOKEN})
    assert exc.value.kind == "config" and "api_key" in str(exc.value) and TOKEN not in str(exc.value)


def test_endpoint_from_settings_and_display_name_language() -> None:
    s = settings_for("https://llm.dept.gov.hk/v1", ["llm.dept.gov.hk"])
    [en] = re_.endpoints_from_settings(s)
    assert (en.name, en.display_name, en.models) == ("cluster", "Dept cluster", ("deepseek-r1", "org/DeepSeek-V3"))
    assert en.proxy is None and en.ca_bundle is None
    [hk] = re_.endpoints_from_settings(s, language="zh_HK")
    assert hk.display_name == "部門伺服器"
    assert re_.display_name_for({"zh_CN": "集群"}, "fr") == "集群"
    assert re_.display_name_for("", "en", fallback="id") == "id"


def test_model_choices_carry_the_leaves_pc_notice() -> None:
    s = settings_for("https://llm.dept.gov.hk/v1", ["llm.dept.gov.hk"])
    choices = re_.model_choices(s)
    assert [c.ref for c in choices] == ["remote:cluster/deepseek-r1", "remote:cluster/org/DeepSeek-V3"]
    assert "leaves this PC" in choices[0].leaves_pc_notice and "llm.dept.gov.hk" in choices[0].leaves_pc_notice
    assert re_.model_choices(settings_for("https://llm.dept.gov.hk/v1", ["other.host"])) == []
    assert re_.model_choices(settings_for("https://llm.dept.gov.hk/v1", ["llm.dept.gov.hk"], allowed=False)) == []


def test_parse_remote_ref() -> None:
    assert re_.parse_remote_ref("remote:cluster/deepseek-ai/DeepSeek-R1") == ("cluster", "deepseek-ai/DeepSeek-R1")
    for bad in ("remote:cluster", "remote:/m", "remote:c/", "cluster/m"):
        with pytest.raises(RemoteConfigError):
            re_.parse_remote_ref(bad)


def test_resolve_endpoint_checks_policy_and_names() -> None:
    s = settings_for("https://llm.dept.gov.hk/v1", ["llm.dept.gov.hk"])
    assert re_.resolve_endpoint(s, "cluster").host == "llm.dept.gov.hk"
    with pytest.raises(RemoteConfigError) as missing:
        re_.resolve_endpoint(s, "nope")
    assert missing.value.kind == "config"
    with pytest.raises(RemoteConfigError) as refused:
        re_.resolve_endpoint(settings_for("https://llm.dept.gov.hk/v1", ["x.y"]), "cluster")
    assert refused.value.kind == "policy"


CLUSTER = RemoteEndpoint(name="cluster", base_url="https://llm.dept.gov.hk/v1")


def test_token_round_trip_in_keyring(memory_keyring: MemoryKeyring) -> None:
    assert re_.get_token(CLUSTER) is None
    re_.set_token(CLUSTER, f"  {TOKEN}\n")
    assert memory_keyring.store == {("Bauhinia remote", "cluster@https://llm.dept.gov.hk:443"): TOKEN}
    assert re_.get_token(CLUSTER) == TOKEN
    assert re_.get_token(RemoteEndpoint(name="cluster", base_url="https://other.example/v1")) is None
    assert re_.delete_token(CLUSTER) is True
    assert re_.delete_token(CLUSTER) is False
    assert re_.get_token(CLUSTER) is None
    with pytest.raises(RemoteConfigError):
        re_.set_token(CLUSTER, "   ")


def test_no_keyring_backend_is_a_clear_error() -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        with pytest.raises(RemoteConfigError) as exc:
            re_.set_token(CLUSTER, TOKEN)
        assert "keyring" in str(exc.value) and TOKEN not in str(exc.value)
        with pytest.raises(RemoteConfigError):
            re_.get_token(CLUSTER)
    finally:
        keyring.set_keyring(previous)


def test_policy_file_drives_endpoints_through_the_real_settings_store(tmp_path: Path) -> None:
    policy_dir = tmp_path / "policies"
    policy_dir.mkdir()
    (policy_dir / "10-remote.json").write_text(json.dumps({
        "remote.allowed": True, "remote.allowed_hosts": ["llm.dept.gov.hk"],
        "remote.endpoints": [{"id": "dept", "url": "https://llm.dept.gov.hk/v1", "models": ["deepseek-r1"],
                              "ca_bundle": "/etc/ssl/dept-ca.pem", "proxy": "http://proxy.dept:3128"}],
    }), "utf-8")
    store = SettingsStore(Locations(user_settings=tmp_path / "user.json", policy_dir=policy_dir))
    assert store.problems == []
    [choice] = re_.model_choices(store)
    assert choice.ref == "remote:dept/deepseek-r1"
    endpoint = re_.resolve_endpoint(store, "dept")
    assert (endpoint.ca_bundle, endpoint.proxy) == ("/etc/ssl/dept-ca.pem", "http://proxy.dept:3128")


def test_probe_endpoint_reports_reachability_latency_and_plain_http(memory_keyring: MemoryKeyring) -> None:
    with StubServer() as stub:
        stub.routes[("GET", "/v1/models")] = lambda h: h.send_json(200, {"data": [{"id": "deepseek-r1"}]})
        endpoint = RemoteEndpoint(name="cluster", base_url=stub.url, display_name="Stub")
        re_.set_token(endpoint, TOKEN)
        port = stub.server_address[1]
        report = re_.probe_endpoint(endpoint, RemotePolicy(True, (f"127.0.0.1:{port}",)))
        assert stub.requests[-1]["headers"]["Authorization"] == f"Bearer {TOKEN}"
    assert report.allowed and report.reachable and report.token_saved
    assert report.latency_ms is not None and report.latency_ms > 0
    assert report.models == ("deepseek-r1",) and report.error is None
    assert "not encrypted" in report.tls
    assert TOKEN not in json.dumps(report.to_json())


def test_probe_refused_by_policy_sends_nothing(memory_keyring: MemoryKeyring) -> None:
    with StubServer() as stub:
        report = re_.probe_endpoint(RemoteEndpoint(name="c", base_url=stub.url), RemotePolicy(True, ("other",)))
        assert stub.requests == []
    assert not report.allowed and not report.reachable and report.error


def test_probe_unreachable_and_auth_refused(memory_keyring: MemoryKeyring) -> None:
    port = free_port()
    report = re_.probe_endpoint(RemoteEndpoint(name="c", base_url=f"http://127.0.0.1:{port}/v1"),
                                RemotePolicy(True, (f"127.0.0.1:{port}",)))
    assert not report.reachable and report.latency_ms is None
    assert report.error is not None and "refused" in report.error
    with StubServer() as stub:
        stub.routes[("GET", "/v1/models")] = lambda h: h.send_json(401, {"error": {"message": "bad token"}})
        report = re_.probe_endpoint(RemoteEndpoint(name="c", base_url=stub.url),
                                    RemotePolicy(True, (f"127.0.0.1:{stub.server_address[1]}",)), token="wrong")
    assert report.reachable and report.error is not None and "HTTP 401" in report.error


def test_doctor_report_lists_every_configured_endpoint(memory_keyring: MemoryKeyring) -> None:
    with StubServer() as stub:
        stub.routes[("GET", "/v1/models")] = lambda h: h.send_json(200, {"data": [{"id": "deepseek-r1"}]})
        port = stub.server_address[1]
        s = settings_for(stub.url, [f"127.0.0.1:{port}"])
        s.values["remote.endpoints"].append({"id": "far", "url": "https://far.example/v1"})
        [near, far] = re_.doctor_report(s)
    assert (near["id"], near["reachable"], near["models"]) == ("cluster", True, ["deepseek-r1"])
    assert (far["id"], far["allowed"], far["reachable"]) == ("far", False, False)
    assert re_.doctor_report(DictSettings()) == []
