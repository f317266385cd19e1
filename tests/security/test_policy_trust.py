"""Issue 11 items 6 and 7 (and issue 19's policy parts), each as the attack it closes:

- a user-set proxy or CA bundle on a remote endpoint is refused; a real proxy socket on
  127.0.0.1 receives nothing (no token, no conversation);
- a token is bound to endpoint id + origin: redefining the id with another URL sends no token;
- policy, site-defaults and catalogue files that non-administrators can change are refused
  (security settings fail closed);
- the Windows installer's locked values rank below Group Policy and above the user;
- path settings expand variables (machine folders from the known-folder API, not the user's
  environment) and refuse relative paths.

Tests run as root here; the owner check takes the administrator uids as a parameter, so files
owned by the current user stand in for admin-owned ones and group/other-writable refusal is
proved the same way on any machine.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from remote_server import HOST, ProxyTrap, StubServer, chunk

from app import admin_files
from app import remote_endpoints as re_
from app.cli.main import main
from app.models.catalogue import load_catalogue
from app.paths import FOLDERID_PROGRAM_DATA, Paths, system_config_dir, user_paths
from app.remote_endpoints import RemoteConfigError
from app.settings.declarations import InvalidValueError
from app.settings.sources import (
    INSTALLER_REGISTRY_KEY,
    POLICY_REGISTRY_KEY,
    SITE_REGISTRY_KEY,
    Locations,
    SourceKind,
)
from app.settings.store import LockedSettingError, SettingsStore
from engine.remote import RemoteEndpoint
from engine.types import ChatMessage, SamplingParams
from tests.app.settings_helpers import DictRegistry

TOKEN = "tok-SECRET-0123456789"
ME = frozenset({os.getuid()})


# -- remote endpoints ------------------------------------------------------------------------------


@pytest.fixture
def stub() -> Iterator[StubServer]:
    with StubServer() as server:
        server.routes[("POST", "/v1/chat/completions")] = lambda h: h.send_sse(
            [chunk("Hello"), chunk(finish="stop"), "[DONE]"])
        server.routes[("GET", "/v1/models")] = lambda h: h.send_json(200, {"data": [{"id": "m"}]})
        yield server


@pytest.fixture
def trap() -> Iterator[ProxyTrap]:
    t = ProxyTrap()
    yield t
    t.close()


def _policy(admin_dir: Path, body: dict[str, Any]) -> None:
    (admin_dir / "policies").mkdir(parents=True, exist_ok=True)
    (admin_dir / "policies" / "50-remote.json").write_text(json.dumps(body), encoding="utf-8")


def _user(body: dict[str, Any]) -> None:
    path = user_paths().config / "settings.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(body), encoding="utf-8")


def _allow(stub: StubServer) -> dict[str, Any]:
    return {"remote.allowed": True, "remote.allowed_hosts": [f"{HOST}:{stub.server_address[1]}"]}


def _endpoint(stub: StubServer, **extra: str) -> dict[str, Any]:
    return {"id": "cluster", "url": stub.url, "models": ["m"], **extra}


def test_user_proxy_receives_nothing(stub: StubServer, trap: ProxyTrap, _isolated_admin_dir: Path,
                                     memory_keyring: object, capsys: pytest.CaptureFixture[str]) -> None:
    _policy(_isolated_admin_dir, _allow(stub))
    _user({"remote.endpoints": [_endpoint(stub, proxy=trap.url)]})
    store = SettingsStore()
    assert store.effective("remote.endpoints").source is SourceKind.USER
    re_.set_token(RemoteEndpoint(name="cluster", base_url=stub.url), TOKEN)
    code = main(["ask", "-m", "remote:cluster/m", "--no-history", "the confidential memo"])
    _, err = capsys.readouterr()
    assert code != 0 and len(err.strip().splitlines()) == 1 and "administrator" in err
    assert re_.model_choices(store) == []  # not offered in the window's picker either
    with pytest.raises(RemoteConfigError) as exc:
        re_.resolve_endpoint(store, "cluster")
    assert exc.value.kind == "policy"
    assert trap.connections == 0 and bytes(trap.received) == b""
    assert stub.requests == []


def test_proxy_set_by_policy_is_honoured(stub: StubServer, trap: ProxyTrap, _isolated_admin_dir: Path,
                                         memory_keyring: object) -> None:
    """The control: the same proxy, named by the administrator, is used (and so sees the token)."""
    _policy(_isolated_admin_dir, {**_allow(stub), "remote.endpoints": [_endpoint(stub, proxy=trap.url)]})
    store = SettingsStore()
    endpoint = re_.resolve_endpoint(store, "cluster")
    assert endpoint.proxy == trap.url
    re_.set_token(endpoint, TOKEN)
    provider = re_.open_provider(store, "remote:cluster/m")
    try:
        list(provider.stream([ChatMessage("user", "memo")], SamplingParams(max_tokens=8)))
    finally:
        provider.close()
    assert f"Bearer {TOKEN}".encode() in bytes(trap.received)


def test_user_ca_bundle_is_refused(stub: StubServer, _isolated_admin_dir: Path, tmp_path: Path) -> None:
    _policy(_isolated_admin_dir, _allow(stub))
    (tmp_path / "mine.pem").write_text("-----BEGIN CERTIFICATE-----\n", encoding="utf-8")
    _user({"remote.endpoints": [_endpoint(stub, ca_bundle=str(tmp_path / "mine.pem"))]})
    store = SettingsStore()
    with pytest.raises(RemoteConfigError) as exc:
        re_.open_provider(store, "remote:cluster/m")
    assert exc.value.kind == "policy"
    [report] = re_.doctor_report(store)
    assert report["allowed"] is False and report["reachable"] is False and "administrator" in report["error"]
    assert stub.requests == []


def test_environment_proxy_setting_cannot_smuggle_a_proxy(stub: StubServer, trap: ProxyTrap,
                                                          _isolated_admin_dir: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """``BAUHINIA_SETTING_REMOTE_ENDPOINTS`` is the user's too."""
    _policy(_isolated_admin_dir, _allow(stub))
    monkeypatch.setenv("BAUHINIA_SETTING_REMOTE_ENDPOINTS", json.dumps([_endpoint(stub, proxy="system")]))
    monkeypatch.setenv("HTTP_PROXY", trap.url)
    store = SettingsStore()
    assert store.effective("remote.endpoints").source is SourceKind.ENVIRONMENT
    with pytest.raises(RemoteConfigError):
        re_.open_provider(store, "remote:cluster/m")
    assert trap.connections == 0


def test_redefined_endpoint_id_gets_no_token(stub: StubServer, _isolated_admin_dir: Path,
                                             memory_keyring: Any) -> None:
    """A token saved for ``cluster`` at one server is not sent when the user points ``cluster``
    at another one; nor is a token saved by an earlier release under the bare id."""
    re_.set_token(RemoteEndpoint(name="cluster", base_url="https://llm.dept.gov.hk/v1"), TOKEN)
    memory_keyring.set_password(re_.KEYRING_SERVICE, "cluster", "legacy-" + TOKEN)
    _policy(_isolated_admin_dir, _allow(stub))
    _user({"remote.endpoints": [_endpoint(stub)]})
    provider = re_.open_provider(SettingsStore(), "remote:cluster/m")
    try:
        events = list(provider.stream([ChatMessage("user", "hi")], SamplingParams(max_tokens=8)))
    finally:
        provider.close()
    assert getattr(events[-1], "reason", None) == "stop"
    [request] = stub.requests
    assert "Authorization" not in request["headers"]
    assert TOKEN not in json.dumps(request)
    assert ("Bauhinia remote", "cluster") not in memory_keyring.secrets  # the legacy token is dropped
    assert memory_keyring.secrets == {("Bauhinia remote", "cluster@https://llm.dept.gov.hk:443"): TOKEN}


def test_token_is_sent_to_its_own_origin(stub: StubServer, _isolated_admin_dir: Path, memory_keyring: Any) -> None:
    _policy(_isolated_admin_dir, {**_allow(stub), "remote.endpoints": [_endpoint(stub)]})
    store = SettingsStore()
    re_.set_token(re_.resolve_endpoint(store, "cluster"), TOKEN)
    provider = re_.open_provider(store, "remote:cluster/m")
    try:
        list(provider.stream([ChatMessage("user", "hi")], SamplingParams(max_tokens=8)))
    finally:
        provider.close()
    assert stub.requests[-1]["headers"]["Authorization"] == f"Bearer {TOKEN}"


def test_origin_normalises_host_and_default_port() -> None:
    assert RemoteEndpoint(name="a", base_url="HTTPS://LLM.Dept.gov.hk/v1").origin == "https://llm.dept.gov.hk:443"
    assert RemoteEndpoint(name="a", base_url="http://[::1]:8000/v1").origin == "http://[::1]:8000"
    a = RemoteEndpoint(name="a", base_url="https://llm.dept.gov.hk/v1")
    assert re_.token_user(a) != re_.token_user(RemoteEndpoint(name="a", base_url="https://llm.dept.gov.hk:8443/v1"))


# -- administrator files must be administrator-only ---------------------------------------------------------


def _locations(root: Path, **kw: Any) -> Locations:
    etc = root / "etc"
    etc.mkdir(parents=True, exist_ok=True)
    (etc / "policies").mkdir(exist_ok=True)
    os.chmod(etc, 0o755)
    os.chmod(etc / "policies", 0o755)
    return Locations(user_settings=root / "user.json", policy_dir=etc / "policies",
                     site_defaults=etc / "config.json", **kw)


def _write(path: Path, body: dict[str, Any], mode: int = 0o644) -> Path:
    path.write_text(json.dumps(body), encoding="utf-8")
    os.chmod(path, mode)
    return path


@pytest.mark.parametrize("mode", [0o666, 0o664, 0o646])
def test_policy_file_others_can_change_is_refused_and_security_fails_closed(tmp_path: Path, mode: int) -> None:
    loc = _locations(tmp_path, admin_uids=ME)
    _write(loc.policy_dir / "10.json", {"history.export_allowed": True, "remote.allowed": True,  # type: ignore[operator]
                                        "ui.theme": "dark"}, mode)
    store = SettingsStore(loc)
    assert store.get("ui.theme") == "system"  # nothing from the file is used
    assert store.get("remote.allowed") is False and store.effective("remote.allowed").fail_closed
    assert store.get("history.export_allowed") is False and store.is_locked("history.export_allowed")
    assert any("10.json" in str(p) and "not administrators" in str(p) for p in store.problems)


def test_the_same_policy_file_admin_only_is_honoured(tmp_path: Path) -> None:
    """The control: mode 0644, owned by the (injected) administrator."""
    loc = _locations(tmp_path, admin_uids=ME)
    _write(loc.policy_dir / "10.json", {"remote.allowed": True, "ui.theme": "dark"})  # type: ignore[operator]
    store = SettingsStore(loc)
    assert store.problems == []
    assert store.get("ui.theme") == "dark" and store.get("remote.allowed") is True


def test_policy_folder_others_can_write_is_refused(tmp_path: Path) -> None:
    loc = _locations(tmp_path, admin_uids=ME)
    _write(loc.policy_dir / "10.json", {"remote.allowed": True})  # type: ignore[operator]
    os.chmod(loc.policy_dir, 0o777)  # type: ignore[arg-type]
    store = SettingsStore(loc)
    assert store.get("remote.allowed") is False and store.effective("remote.allowed").fail_closed
    assert any("folder" in str(p) for p in store.problems)


def test_policy_file_owned_by_a_non_administrator_is_refused(tmp_path: Path) -> None:
    loc = _locations(tmp_path, admin_uids=frozenset({os.getuid() + 1}))
    _write(loc.policy_dir / "10.json", {"remote.allowed": True})  # type: ignore[operator]
    store = SettingsStore(loc)
    assert store.get("remote.allowed") is False and store.effective("remote.allowed").fail_closed
    assert any("not by an administrator" in str(p) for p in store.problems)


@pytest.mark.skipif(os.getuid() != 0, reason="only root can give a file to another user")
def test_real_root_rule_refuses_a_file_given_to_another_user(tmp_path: Path) -> None:
    loc = _locations(tmp_path)  # the real rule: administrators are uid 0
    path = _write(loc.policy_dir / "10.json", {"remote.allowed": True})  # type: ignore[operator]
    assert SettingsStore(loc).get("remote.allowed") is True
    os.chown(path, 65534, -1)
    store = SettingsStore(loc)
    assert store.get("remote.allowed") is False and store.effective("remote.allowed").fail_closed


def test_site_defaults_others_can_change_are_ignored(tmp_path: Path) -> None:
    loc = _locations(tmp_path, admin_uids=ME)
    _write(loc.site_defaults, {"ui.theme": "dark"}, 0o666)  # type: ignore[arg-type]
    store = SettingsStore(loc)
    assert store.get("ui.theme") == "system"
    assert any("config.json" in str(p) for p in store.problems)


def test_catalogue_others_can_change_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(admin_files, "admin_uids", lambda: ME)
    etc = tmp_path / "etc"
    etc.mkdir(mode=0o755)
    entry = {"id": "m", "file": "/models/m.gguf", "sha256": "0" * 64}
    cat = _write(etc / "models.json", {"models": [entry]})
    settings = SettingsStore(Locations(user_settings=tmp_path / "user.json"))
    paths = Paths(tmp_path / "d", tmp_path / "c", tmp_path / "k", tmp_path / "l")
    assert [e.id for e in load_catalogue(settings, paths, etc).entries] == ["m"]
    os.chmod(cat, 0o666)
    refused = load_catalogue(settings, paths, etc)
    assert refused.entries == [] and any("refused" in p for p in refused.problems)


# -- the Windows installer's locked layer (HKLM\Software\Bauhinia\Bauhinia\Installer) -----------------


def _win(tmp_path: Path, keys: dict[str, dict[str, Any]], broken: tuple[str, ...] = (), **kw: Any) -> Locations:
    return Locations(user_settings=tmp_path / "user.json", registry=DictRegistry(keys, broken), platform="win32",
                     **kw)


def test_installer_values_are_locked_and_beat_site_and_user(tmp_path: Path) -> None:
    (tmp_path / "user.json").write_text(json.dumps({"ui.theme": "light", "sampling.max_tokens": 99}), "utf-8")
    loc = _win(tmp_path, {
        # as the MSI writes them: REG_SZ "0"/"1" for switches (packaging/windows/Bauhinia.wxs)
        INSTALLER_REGISTRY_KEY: {"UiTheme": "dark", "RemoteAllowed": "1", "HistoryEncryption": "required"},
        SITE_REGISTRY_KEY: {"UiTheme": "light", "SamplingMaxTokens": 77},
    })
    store = SettingsStore(loc)
    theme = store.effective("ui.theme")
    assert (theme.value, theme.source, theme.locked) == ("dark", SourceKind.INSTALLER, True)
    assert store.get("remote.allowed") is True and store.is_locked("remote.allowed")
    assert store.get("history.encryption") == "required" and store.is_locked("history.encryption")
    assert store.get("sampling.max_tokens") == 99  # not set by the installer: the user still decides
    with pytest.raises(LockedSettingError):
        store.set("ui.theme", "light")


def test_group_policy_beats_the_installer(tmp_path: Path) -> None:
    loc = _win(tmp_path, {
        INSTALLER_REGISTRY_KEY: {"UiTheme": "dark", "RemoteAllowed": 1},
        POLICY_REGISTRY_KEY: {"UiTheme": "light", "RemoteAllowed": 0},
    })
    store = SettingsStore(loc)
    assert store.effective("ui.theme").source is SourceKind.POLICY and store.get("ui.theme") == "light"
    assert store.get("remote.allowed") is False


def test_unreadable_installer_key_fails_closed(tmp_path: Path) -> None:
    loc = _win(tmp_path, {SITE_REGISTRY_KEY: {"RemoteAllowed": 1}}, broken=(INSTALLER_REGISTRY_KEY,))
    store = SettingsStore(loc)
    allowed = store.effective("remote.allowed")
    assert allowed.value is False and allowed.fail_closed and allowed.source is SourceKind.INSTALLER
    assert any("Installer" in str(p) for p in store.problems)


def test_remote_endpoints_from_the_installer_may_name_a_proxy(tmp_path: Path) -> None:
    endpoints = [{"id": "c", "url": "https://llm.dept.gov.hk/v1", "proxy": "http://proxy.dept:3128"}]
    loc = _win(tmp_path, {INSTALLER_REGISTRY_KEY: {
        "RemoteAllowed": 1, "RemoteAllowedHosts": ["llm.dept.gov.hk"], "RemoteEndpoints": json.dumps(endpoints)}})
    assert re_.resolve_endpoint(SettingsStore(loc), "c").proxy == "http://proxy.dept:3128"


# -- path settings ----------------------------------------------------------------------------------


def test_path_variables_expand_from_machine_folders_not_the_users_environment(tmp_path: Path) -> None:
    loc = _win(tmp_path, {POLICY_REGISTRY_KEY: {
        "ModelsCatalogPath": r"%ProgramData%\Bauhinia\models.json",
        "ModelsDirectory": r"%LOCALAPPDATA%\Bauhinia\models"}},
        env={"PROGRAMDATA": r"C:\Users\mallory\fake", "LOCALAPPDATA": r"C:\Users\ann\AppData\Local"},
        trusted_folders={"PROGRAMDATA": r"D:\ProgramData"})
    store = SettingsStore(loc)
    assert store.problems == []
    assert store.get("models.catalog_path") == r"D:\ProgramData\Bauhinia\models.json"
    assert store.get("models.directory") == r"C:\Users\ann\AppData\Local\Bauhinia\models"


@pytest.mark.parametrize("value", [r"Bauhinia\models.json", r"\Bauhinia\models.json", r"%NOPE%\models.json",
                                   "models.json"])
def test_relative_or_unknown_variable_path_in_policy_is_refused(tmp_path: Path, value: str) -> None:
    loc = _win(tmp_path, {POLICY_REGISTRY_KEY: {"ModelsCatalogPath": value}}, env={})
    store = SettingsStore(loc)
    assert store.get("models.catalog_path") == ""
    assert any("models.catalog_path" in str(p) for p in store.problems)


def test_user_cannot_set_a_relative_path(tmp_path: Path) -> None:
    store = SettingsStore(Locations(user_settings=tmp_path / "user.json", env={"HOME": "/home/ann"}))
    with pytest.raises(InvalidValueError):
        store.set("models.directory", "models")
    store.set("models.directory", "$HOME/models")
    assert store.get("models.directory") == "/home/ann/models"
    assert json.loads((tmp_path / "user.json").read_text("utf-8")) == {"models.directory": "$HOME/models"}


def test_windows_system_folder_comes_from_the_known_folder_api(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cannot run SHGetKnownFolderPath here: a fake stands in, and the test proves that the
    function asks it for FOLDERID_ProgramData and never reads %PROGRAMDATA%."""
    monkeypatch.setenv("PROGRAMDATA", r"C:\Users\mallory\fake")
    asked: list[str] = []

    def fake(folder_id: str) -> str:
        asked.append(folder_id)
        return r"D:\ProgramData"

    assert str(system_config_dir("win32", known_folder=fake)) == r"D:\ProgramData\Bauhinia"
    assert asked == [FOLDERID_PROGRAM_DATA]

    def failing(folder_id: str) -> str:
        raise OSError("no")

    assert str(system_config_dir("win32", known_folder=failing)) == r"C:\ProgramData\Bauhinia"
    assert system_config_dir("linux") == Path("/etc/bauhinia")


# -- Windows: the DACL rule (decision tested here; reading a real DACL needs Windows) --------------


USERS, AUTH_USERS, ADMINS, SYSTEM = "S-1-5-32-545", "S-1-5-11", "S-1-5-32-544", "S-1-5-18"
READ_EXECUTE, MODIFY, ADD_FILE = 0x1200A9, 0x1301BF, 0x2


def test_windows_acl_rule() -> None:
    from app.windows_acl import INHERIT_ONLY_ACE, Ace, acl_problem

    msi = [Ace(0, 0, 0x1F01FF, SYSTEM), Ace(0, 0, 0x1F01FF, ADMINS), Ace(0, 0, READ_EXECUTE, USERS)]
    assert acl_problem(msi) is None  # what the MSI sets on ProgramData\Bauhinia
    assert acl_problem([*msi, Ace(0, 0, ADD_FILE, USERS)]) == USERS  # ProgramData's default grant
    assert acl_problem([*msi, Ace(0, 0, MODIFY, AUTH_USERS)]) == AUTH_USERS
    assert acl_problem([*msi, Ace(0, 0, 0x10000000, "S-1-1-0")]) == "S-1-1-0"  # Everyone: GENERIC_ALL
    assert acl_problem([*msi, Ace(0, INHERIT_ONLY_ACE, MODIFY, "S-1-3-0")]) is None  # CREATOR OWNER, children only
    assert acl_problem([*msi, Ace(1, 0, MODIFY, USERS)]) is None  # a deny entry grants nothing
    assert acl_problem([*msi, Ace(0, 0, MODIFY, "S-1-5-21-1-2-3-512")]) is None  # Domain Admins
    assert acl_problem([*msi, Ace(0, 0, MODIFY, "S-1-5-21-1-2-3-1107")]) == "S-1-5-21-1-2-3-1107"
    assert acl_problem(None) is not None  # a NULL DACL lets everyone in


def test_windows_catalogue_others_can_change_is_refused(tmp_path: Path) -> None:
    """The wiring: on Windows the file and its folder go through the DACL rule (a stand-in
    reader here), and a DACL that cannot be read is refused."""
    folder = tmp_path / "ProgramData-Bauhinia"
    folder.mkdir()
    cat = _write(folder / "models.json", {"models": []})
    seen: list[Path] = []

    def dacl(owner_of_write: str | None) -> Any:
        def check(path: Path) -> str | None:
            seen.append(path)
            return owner_of_write if path == cat else None
        return check

    assert admin_files.file_problem(cat, platform="win32", acl=dacl(None)) is None
    assert seen == [folder, cat]
    refused = admin_files.file_problem(cat, platform="win32", acl=dacl(USERS))
    assert refused is not None and USERS in refused and "models.json" in refused
    assert admin_files.file_problem(folder / "missing.json", platform="win32", acl=dacl(USERS)) is None
    # The real reader: where it cannot read a DACL (here: not Windows) the file is refused.
    assert admin_files.file_problem(cat, platform="win32") is not None
