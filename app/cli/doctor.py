"""`bauhinia doctor`: what this installation has and would do, for users and support staff."""

from __future__ import annotations

import platform
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from app import __version__
from app.cli.output import table
from app.i18n import tr
from app.typed_settings import get_str

if TYPE_CHECKING:
    from engine.devices import Device
    from engine.planner import ModelFootprint


def _discover() -> tuple[list[Device], str | None]:
    from engine.devices import discover_devices

    try:
        return discover_devices(), None
    except Exception as exc:  # report, never crash: doctor is what people run when things are broken
        return [], f"{type(exc).__name__}: {exc}"


def _module_failures() -> list[dict[str, str]]:
    """Backend modules that are installed but did not load or initialise (a CUDA module without
    its runtime libraries, a Vulkan module without a driver): ggml's own reason, per backend."""
    try:
        import engine.devices as devices_mod
        from engine.device_fallback import module_failures

        return [{"backend": f.device, "detail": f.detail} for f in module_failures(devices_mod.MODULE_LOAD_LOG)]
    except Exception as exc:  # report, never crash
        return [{"backend": "?", "detail": f"{type(exc).__name__}: {exc}"}]


def _footprint(settings: Any) -> tuple[ModelFootprint, str]:
    """The model plans are made for: the default model when one is configured, else a nominal
    7B Q4_K_M distill (what most offices run)."""
    from engine.planner import ModelFootprint, footprint_from_gguf

    try:
        from app.model_resolver import default_model_path

        path = default_model_path(settings)
        if path is not None:
            from engine.gguf_file import inspect

            return footprint_from_gguf(inspect(path)), str(path)
    except Exception:
        pass
    return ModelFootprint.nominal_7b(), "a 7B Q4_K_M model"


def _choice(settings: Any, devices: Sequence[Device], allow: Sequence[str] | None,
            footprint: ModelFootprint, basis: str) -> dict[str, Any]:
    """The device that model would get, and why."""
    from engine.planner import choose_device

    try:
        c = choose_device(devices, get_str(settings, "backend.choice"), allow, footprint)
        return {"device": c.device.id, "n_gpu_layers": c.n_gpu_layers, "reason": c.reason, "for_model": basis,
                "passed_over": list(c.passed_over)}
    except Exception as exc:
        return {"device": None, "reason": str(exc), "for_model": basis}


def collect_doctor(devices: Sequence[Device] | None = None) -> dict[str, Any]:
    """Everything ``bauhinia doctor`` reports. ``devices`` replaces discovery (tests inject fakes)."""
    import keyring

    from app.device_status import device_statuses
    from app.paths import system_config_dir, user_paths
    from app.settings.store import SettingsStore

    paths = user_paths()
    settings = SettingsStore()
    dev_error: str | None = None
    if devices is None:
        found, dev_error = _discover()
    else:
        found = list(devices)
    allow_setting = settings.effective("backend.allow_list")
    allow = list(allow_setting.value or []) or None
    footprint, basis = _footprint(settings)
    try:
        import llama_cpp

        llama_version = getattr(llama_cpp, "__version__", "?")
    except Exception as exc:  # pragma: no cover - llama_cpp is a hard dependency
        llama_version = f"unavailable: {exc}"
    kr = keyring.get_keyring()
    report: dict[str, Any] = {
        "version": __version__,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "llama_cpp_python": llama_version,
        "backends": sorted({d.backend for d in found}),
        "devices": [st.to_json() for st in device_statuses(found, allow, footprint)],
        "devices_error": dev_error,
        "backend_failures": _module_failures(),
        "allow_list": {"value": allow or [], "source": allow_setting.source.value, "locked": allow_setting.locked},
        "chosen_backend": _choice(settings, found, allow, footprint, basis),
        "locations": {
            "data": str(paths.data),
            "config": str(paths.config),
            "cache": str(paths.cache),
            "logs": str(paths.logs),
            "system_config": str(system_config_dir()),
            "policy": str(system_config_dir() / "policies") if sys.platform != "win32"
            else r"HKLM\Software\Policies\Bauhinia\Bauhinia",
        },
        "keyring": {"backend": f"{type(kr).__module__}.{type(kr).__name__}",
                    "usable": getattr(kr, "priority", 0) > 0},
        "database": _database(paths, settings),
        "remote_endpoints": _remote(settings),
    }
    return report


def _database(paths: Any, settings: Any) -> dict[str, Any]:
    info: dict[str, Any] = {"path": str(paths.database), "exists": paths.database.exists()}
    try:
        from app.history_recorder import describe_database

        info.update(describe_database(paths, settings))
    except Exception as exc:
        info["error"] = str(exc)
    return info


def _remote(settings: Any) -> list[dict[str, Any]]:
    try:
        from app.remote_endpoints import doctor_report

        return list(doctor_report(settings))
    except Exception as exc:
        return [{"error": str(exc)}]


def render_doctor(r: dict[str, Any]) -> str:
    gib = 1024**3
    lines = [
        table([
            (tr("Doctor", "Version"), r["version"]),
            (tr("Doctor", "Python"), r["python"]),
            (tr("Doctor", "llama-cpp-python"), str(r["llama_cpp_python"])),
            (tr("Doctor", "Backends"), ", ".join(r["backends"]) or "-"),
        ]),
        "",
        tr("Doctor", "Devices:"),
    ]
    for d in r["devices"]:
        lines.append(f"  {d['id']:<10} {d['type']:<5} {d['backend']:<8} {d['name']} — "
                     + tr("Doctor", "%1 of %2 GiB free").replace("%1", f"{d['memory_free'] / gib:.1f}")
                     .replace("%2", f"{d['memory_total'] / gib:.1f}"))
        state = tr("Doctor", "ALLOWED") if d["allowed"] else tr("Doctor", "REFUSED")
        lines.append(f"  {'':<10} {state}: {d['reason']}")
        if d.get("model_note"):
            lines.append(f"  {'':<10} {d['model_note']}")
    if r["devices_error"]:
        lines.append("  " + r["devices_error"])
    for f in r.get("backend_failures", []):
        lines.append("  " + tr("Doctor", "%1: installed but not loaded (%2)").replace("%1", f["backend"])
                     .replace("%2", f["detail"]))
    ch = r["chosen_backend"]
    lines += ["", tr("Doctor", "Would use: %1").replace("%1", str(ch.get("device"))), "  " + str(ch.get("reason")), ""]
    lines.append(table([(k, v) for k, v in r["locations"].items()]))
    lines += ["", table([
        (tr("Doctor", "Keyring"), r["keyring"]["backend"]),
        (tr("Doctor", "Database"), r["database"]["path"]),
        (tr("Doctor", "Encrypted"), str(r["database"].get("encrypted", "?"))),
    ])]
    if r["remote_endpoints"]:
        lines += ["", tr("Doctor", "Remote endpoints:")]
    for ep in r["remote_endpoints"]:
        if "url" not in ep:
            lines.append("  " + str(ep.get("error", "")))
            continue
        if ep.get("reachable"):
            state = tr("Doctor", "reachable in %1 ms").replace("%1", f"{ep.get('latency_ms') or 0:.0f}")
        else:
            state = tr("Doctor", "not reachable: %1").replace("%1", str(ep.get("error") or "?"))
        lines.append(f"  {ep.get('display_name') or ep.get('id')} <{ep['url']}> — {state}; TLS: {ep.get('tls') or '-'}")
    return "\n".join(lines)
