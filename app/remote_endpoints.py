"""Remote endpoints as the app sees them: settings/policy values → ``RemoteEndpoint`` configs,
the policy rules (remote use on/off, allowed hosts, https-only except loopback), the access
token in the OS keyring, and ``probe_endpoint`` for ``bauhinia doctor``.

Why here and not in ``engine/``: policy and the keyring are the app's business; the engine only
gets a checked endpoint and a token string. Tokens live only in the keyring under the service
``KEYRING_SERVICE`` — never in settings files, logs or exports.

Security rules (issue 11 item 6):
- ``proxy`` and ``ca_bundle`` of an endpoint are administrator-only: honoured only when the
  effective ``remote.endpoints`` value comes from managed policy, the installer's key or site
  defaults. A user-defined endpoint carrying either is refused (a proxy would see the token and
  every conversation, whatever ``remote.allowed_hosts`` says; a CA bundle would let a user trust
  an interception certificate). Checking the proxy host against the allow-list instead was
  rejected: the allow-list names inference servers, not proxies, and a listed host can still
  run a proxy that forwards elsewhere.
- A token's keyring user name is ``<endpoint id>@<scheme://host:port>``, so an endpoint id
  redefined with another URL starts without a token. Tokens saved by earlier releases under the
  bare id carry no origin and cannot be matched safely; they are deleted when first seen.
"""

from __future__ import annotations

import contextlib
import ipaddress
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlsplit

import keyring
import keyring.errors

from app.i18n import tr
from app.settings.sources import ADMIN_SOURCES
from app.typed_settings import get_bool
from engine.errors import RemoteError
from engine.remote import EndpointProbe, RemoteEndpoint, RemoteProvider, RemoteTimeouts

KEYRING_SERVICE = "Bauhinia remote"
REMOTE_PREFIX = "remote:"
CONTEXT = "RemoteEndpoints"

#: Settings fields that would hold a secret; refused so a token can never sit in a settings file.
_SECRET_FIELDS = frozenset({"token", "api_key", "apikey", "key", "password", "secret", "authorization"})


class SettingsReader(Protocol):
    """The part of the settings store this module needs (``settings.get("remote.allowed")``)."""

    def get(self, key: str) -> Any: ...


class RemoteConfigError(RemoteError):
    """An endpoint is misconfigured, unknown, or refused by policy (``kind`` "config"/"policy")."""


@dataclass(frozen=True)
class RemotePolicy:
    """What IT allows. ``allowed_hosts`` patterns: ``host``, ``host:port``, ``*.domain`` (sub-domains
    only), ``*.domain:port``; an empty list allows no host at all."""

    allowed: bool = False
    allowed_hosts: tuple[str, ...] = ()
    allow_insecure_http: bool = False

    @classmethod
    def from_settings(cls, settings: SettingsReader) -> RemotePolicy:
        hosts = settings.get("remote.allowed_hosts") or []
        return cls(
            allowed=get_bool(settings, "remote.allowed"),
            allowed_hosts=tuple(str(h) for h in hosts),
            allow_insecure_http=get_bool(settings, "remote.allow_insecure_http"),
        )


@dataclass(frozen=True)
class RemoteModelChoice:
    """One entry for the model picker, with the marker saying where the text goes."""

    ref: str
    endpoint_id: str
    model: str
    label: str
    leaves_pc_notice: str


def is_loopback_host(host: str) -> bool:
    host = host.strip("[]").lower()
    if host in ("localhost", "localhost.localdomain", "ip6-localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def host_matches(pattern: str, host: str, port: int) -> bool:
    """``pattern`` is ``name``, ``name:port``, ``*.suffix`` or ``*.suffix:port`` (case-insensitive)."""
    pattern = pattern.strip().lower()
    host = host.lower().rstrip(".")
    want_port: int | None = None
    name, sep, port_text = pattern.rpartition(":")
    if sep and port_text.isdigit():
        pattern, want_port = name, int(port_text)
    if want_port is not None and want_port != port:
        return False
    if pattern.startswith("*."):
        suffix = pattern[1:]  # ".domain"
        return host.endswith(suffix) and len(host) > len(suffix)
    return host == pattern


def check_allowed(endpoint: RemoteEndpoint, policy: RemotePolicy) -> None:
    """Raise ``RemoteConfigError(kind="policy")`` unless policy lets the app talk to ``endpoint``."""
    if not policy.allowed:
        raise RemoteConfigError(
            tr(CONTEXT, "Remote endpoints are turned off by your organisation's policy."), kind="policy"
        )
    parts = urlsplit(endpoint.base_url)
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host:
        raise RemoteConfigError(
            tr(CONTEXT, "The endpoint address must be an https:// URL with a host name."), kind="config"
        )
    if parts.username or parts.password:
        raise RemoteConfigError(
            tr(CONTEXT, "The endpoint address must not contain a user name or password; "
                        "save the access token in the keyring instead."), kind="config"
        )
    if parts.scheme == "http" and not (is_loopback_host(host) or policy.allow_insecure_http):
        raise RemoteConfigError(
            tr(CONTEXT, "Plain http:// is refused for a server on another machine: text would cross "
                        "the network unencrypted. Use https://."), kind="policy"
        )
    if not any(host_matches(p, host, endpoint.port) for p in policy.allowed_hosts):
        raise RemoteConfigError(
            tr(CONTEXT, "The host %1 is not on your organisation's list of allowed servers.").replace("%1", host),
            kind="policy",
        )


def display_name_for(value: Any, language: str = "en", fallback: str = "") -> str:
    """``display_name`` is text or ``{language: text}``; pick ``language``, then English, then any."""
    if isinstance(value, str):
        return value or fallback
    if isinstance(value, Mapping):
        for key in (language, language.split("_")[0], "en"):
            text = value.get(key)
            if isinstance(text, str) and text:
                return text
        for text in value.values():
            if isinstance(text, str) and text:
                return text
    return fallback


def endpoint_from_dict(item: Mapping[str, Any], language: str = "en", *, admin: bool = False) -> RemoteEndpoint:
    """One entry of ``remote.endpoints`` (fields as declared in ``app.settings``). ``admin``: the
    entry comes from an administrator's source, so its ``proxy`` and ``ca_bundle`` are honoured."""
    secret = sorted(k for k in item if str(k).lower() in _SECRET_FIELDS)
    if secret:
        raise RemoteConfigError(
            tr(CONTEXT, "Access tokens may not be written in settings or policy files (field %1); "
                        "save them in the system keyring.").replace("%1", ", ".join(secret)),
            kind="config",
        )
    ident = item.get("id")
    url = item.get("url")
    if not isinstance(ident, str) or not ident or "/" in ident:
        raise RemoteConfigError(tr(CONTEXT, "An endpoint needs an id without '/'."), kind="config")
    if not isinstance(url, str) or not url:
        raise RemoteConfigError(tr(CONTEXT, "The endpoint %1 has no URL.").replace("%1", ident), kind="config")
    models = item.get("models") or []
    ca_bundle = item.get("ca_bundle") or None
    proxy = item.get("proxy") or None
    if (ca_bundle or proxy) and not admin:
        raise RemoteConfigError(
            tr(CONTEXT, "The endpoint %1 sets a proxy or CA bundle, which only your administrator may set "
                        "(policy or site defaults). Remove them from your settings or ask IT.").replace("%1", ident),
            kind="policy",
        )
    return RemoteEndpoint(
        name=ident,
        base_url=url,
        display_name=display_name_for(item.get("display_name"), language, fallback=ident),
        models=tuple(str(m) for m in models),
        ca_bundle=str(ca_bundle) if ca_bundle else None,
        proxy=str(proxy) if proxy else None,
    )


def endpoints_set_by_admin(settings: SettingsReader) -> bool:
    """Whether the effective ``remote.endpoints`` comes from an administrator's source. A reader
    that cannot say where its values come from (a plain mapping) counts as the user."""
    effective = getattr(settings, "effective", None)
    if not callable(effective):
        return False
    try:
        return effective("remote.endpoints").source in ADMIN_SOURCES
    except (KeyError, AttributeError):
        return False


def _items(settings: SettingsReader) -> Sequence[Mapping[str, Any]]:
    return settings.get("remote.endpoints") or []


def endpoints_from_settings(settings: SettingsReader, language: str = "en") -> list[RemoteEndpoint]:
    """Every configured endpoint, whether or not policy currently allows it; raises
    ``RemoteConfigError`` for the first entry that is refused outright."""
    admin = endpoints_set_by_admin(settings)
    return [endpoint_from_dict(item, language, admin=admin) for item in _items(settings)]


def allowed_endpoints(settings: SettingsReader, language: str = "en") -> list[RemoteEndpoint]:
    """The endpoints policy allows right now (the model picker shows only these)."""
    policy = RemotePolicy.from_settings(settings)
    admin = endpoints_set_by_admin(settings)
    out = []
    for item in _items(settings):
        try:
            ep = endpoint_from_dict(item, language, admin=admin)
            check_allowed(ep, policy)
        except RemoteConfigError:
            continue
        out.append(ep)
    return out


def leaves_pc_notice(endpoint: RemoteEndpoint) -> str:
    return tr(CONTEXT, "Text leaves this PC for the on-premises server %1 (%2)").replace(
        "%1", endpoint.label).replace("%2", endpoint.host)


def model_choices(settings: SettingsReader, language: str = "en") -> list[RemoteModelChoice]:
    """Picker entries for configured models on allowed endpoints, each with its notice."""
    out = []
    for ep in allowed_endpoints(settings, language):
        for model in ep.models:
            out.append(RemoteModelChoice(
                ref=f"{REMOTE_PREFIX}{ep.name}/{model}", endpoint_id=ep.name, model=model,
                label=f"{model} — {ep.label}", leaves_pc_notice=leaves_pc_notice(ep),
            ))
    return out


def is_remote_ref(model: str) -> bool:
    return model.startswith(REMOTE_PREFIX)


def parse_remote_ref(ref: str) -> tuple[str, str]:
    """``remote:<endpoint>/<model>`` → (endpoint id, model); the model id may itself hold '/'."""
    if not is_remote_ref(ref):
        raise RemoteConfigError(tr(CONTEXT, "Not a remote model reference: %1").replace("%1", ref), kind="config")
    endpoint_id, sep, model = ref[len(REMOTE_PREFIX):].partition("/")
    if not sep or not endpoint_id or not model:
        raise RemoteConfigError(
            tr(CONTEXT, "A remote model is written remote:<endpoint>/<model>."), kind="config"
        )
    return endpoint_id, model


def resolve_endpoint(settings: SettingsReader, endpoint_id: str, language: str = "en") -> RemoteEndpoint:
    """The configured endpoint ``endpoint_id``, checked against policy."""
    admin = endpoints_set_by_admin(settings)
    for item in _items(settings):
        if item.get("id") == endpoint_id:
            ep = endpoint_from_dict(item, language, admin=admin)
            check_allowed(ep, RemotePolicy.from_settings(settings))
            return ep
    raise RemoteConfigError(
        tr(CONTEXT, "No remote endpoint named %1 is configured.").replace("%1", endpoint_id), kind="config"
    )


def open_provider(
    settings: SettingsReader, ref: str, *, timeouts: RemoteTimeouts | None = None, language: str = "en"
) -> RemoteProvider:
    """A ``RemoteProvider`` for ``remote:<endpoint>/<model>``, policy-checked, token from the keyring."""
    endpoint_id, model = parse_remote_ref(ref)
    endpoint = resolve_endpoint(settings, endpoint_id, language)
    try:
        token = get_token(endpoint)
    except RemoteConfigError:
        # No keyring: go without a token. A server that needs one answers 401, which the
        # provider reports as an authentication error; nothing secret is involved here.
        token = None
    return RemoteProvider(endpoint, model, token=token, timeouts=timeouts)


# -- keyring ------------------------------------------------------------------------------------


def _keyring_failure(exc: Exception) -> RemoteConfigError:
    # The message names the failure class only: keyring errors could echo what was passed in.
    return RemoteConfigError(
        tr(CONTEXT, "The system keyring is not available (%1); the access token cannot be used.").replace(
            "%1", exc.__class__.__name__),
        kind="config",
    )


def token_user(endpoint: RemoteEndpoint) -> str:
    """The keyring user name of ``endpoint``'s token: ``<id>@<scheme://host:port>``."""
    return f"{endpoint.name}@{endpoint.origin}"


def _drop_legacy_token(endpoint: RemoteEndpoint) -> None:
    """Earlier releases keyed tokens by the bare id (no origin): such a token might belong to a
    server this id no longer names, so it is deleted, never used."""
    with contextlib.suppress(keyring.errors.KeyringError):
        if keyring.get_password(KEYRING_SERVICE, endpoint.name) is not None:
            keyring.delete_password(KEYRING_SERVICE, endpoint.name)


def get_token(endpoint: RemoteEndpoint) -> str | None:
    """The endpoint's access token from the OS keyring, or ``None`` when none is saved for this
    id *and* origin."""
    try:
        token = keyring.get_password(KEYRING_SERVICE, token_user(endpoint)) or None
    except keyring.errors.KeyringError as exc:
        raise _keyring_failure(exc) from None
    _drop_legacy_token(endpoint)
    return token


def set_token(endpoint: RemoteEndpoint, token: str) -> None:
    """Save (or replace) the endpoint's access token in the OS keyring."""
    if not token.strip():
        raise RemoteConfigError(tr(CONTEXT, "The access token is empty."), kind="config")
    try:
        keyring.set_password(KEYRING_SERVICE, token_user(endpoint), token.strip())
    except keyring.errors.KeyringError as exc:
        raise _keyring_failure(exc) from None
    _drop_legacy_token(endpoint)


def delete_token(endpoint: RemoteEndpoint) -> bool:
    """Forget the endpoint's token; ``False`` when none was saved."""
    try:
        keyring.delete_password(KEYRING_SERVICE, token_user(endpoint))
    except keyring.errors.PasswordDeleteError:
        return False
    except keyring.errors.KeyringError as exc:
        raise _keyring_failure(exc) from None
    return True


# -- doctor -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EndpointReport:
    """What ``bauhinia doctor`` prints for one endpoint."""

    endpoint_id: str
    display_name: str
    url: str
    allowed: bool
    token_saved: bool
    reachable: bool
    latency_ms: float | None
    tls: str
    models: tuple[str, ...]
    error: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.endpoint_id, "display_name": self.display_name, "url": self.url,
            "allowed": self.allowed, "token_saved": self.token_saved, "reachable": self.reachable,
            "latency_ms": self.latency_ms, "tls": self.tls, "models": list(self.models), "error": self.error,
        }


def _tls_text(endpoint: RemoteEndpoint, probe: EndpointProbe) -> str:
    if urlsplit(endpoint.base_url).scheme == "http":
        return tr(CONTEXT, "not encrypted (http)")
    if probe.tls is not None:
        t = probe.tls
        return tr(CONTEXT, "verified: %1, %2; issuer %3; expires %4").replace("%1", t.version).replace(
            "%2", t.cipher).replace("%3", t.peer_issuer or "?").replace("%4", t.not_after or "?")
    if probe.error_kind == "tls":
        return tr(CONTEXT, "failed")
    return tr(CONTEXT, "unknown (not connected)")


def probe_endpoint(
    endpoint: RemoteEndpoint,
    policy: RemotePolicy,
    *,
    token: str | None = None,
    use_keyring: bool = True,
    timeouts: RemoteTimeouts | None = None,
) -> EndpointReport:
    """Reachability, latency (one ``GET /models``) and TLS status. Nothing is sent when policy
    refuses the endpoint. The token comes from the keyring unless given."""
    base = {"endpoint_id": endpoint.name, "display_name": endpoint.label, "url": endpoint.base_url}
    try:
        check_allowed(endpoint, policy)
    except RemoteConfigError as exc:
        return EndpointReport(**base, allowed=False, token_saved=False, reachable=False, latency_ms=None,
                              tls=tr(CONTEXT, "not checked"), models=(), error=str(exc))
    keyring_note: str | None = None
    if token is None and use_keyring:
        try:
            token = get_token(endpoint)
        except RemoteConfigError as exc:
            keyring_note = str(exc)
    provider = RemoteProvider(endpoint, endpoint.models[0] if endpoint.models else "",
                              token=token, timeouts=timeouts or RemoteTimeouts(connect=5.0, read=10.0))
    try:
        probe = provider.probe()
    finally:
        provider.close()
    return EndpointReport(
        **base, allowed=True, token_saved=bool(token), reachable=probe.reachable,
        latency_ms=None if probe.latency_s is None else round(probe.latency_s * 1000.0, 1),
        tls=_tls_text(endpoint, probe), models=probe.models, error=probe.error or keyring_note,
    )


def doctor_report(settings: SettingsReader, language: str = "en") -> list[dict[str, Any]]:
    """``bauhinia doctor``: one probe report (JSON-ready) per configured endpoint; an entry that
    is refused outright (e.g. a user-set proxy) is reported, not probed."""
    policy = RemotePolicy.from_settings(settings)
    admin = endpoints_set_by_admin(settings)
    out = []
    for item in _items(settings):
        try:
            ep = endpoint_from_dict(item, language, admin=admin)
        except RemoteConfigError as exc:
            ident = str(item.get("id", ""))
            out.append(EndpointReport(
                endpoint_id=ident, display_name=display_name_for(item.get("display_name"), language, ident),
                url=str(item.get("url", "")), allowed=False, token_saved=False, reachable=False, latency_ms=None,
                tls=tr(CONTEXT, "not checked"), models=(), error=str(exc)).to_json())
            continue
        out.append(probe_endpoint(ep, policy).to_json())
    return out
