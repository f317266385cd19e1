"""`bauhinia doctor`: what this installation has and would do, for users and support staff."""

from __future__ import annotations

import platform
import sys
from typing import Any

from app import __version__
from app.cli.output import table
from app.i18n import tr
from app.typed_settings import get_str


def _devices() -> tuple[list[dict[str, Any]], list[str], str | None]:
    from engine.devices import discover_devices

    try:
        devs = discover_devices()
    except Exception as exc:  # report, never crash: doctor is what people run when things are broken
        return [], [], f"{type(exc).__name__}: {exc}"
    rows = [
        {"id": d.id, "name": d.name, "description": d.description, "type": d.kind, "backend": d.backend,
         "memory_total": d.memory_total, "memory_free": d.memory_free}
        for d in devs
    ]
    backends = sorted({d.backend for d in devs})
    return rows, backends, None


def _choice(settings: Any) -> dict[str, Any]:
    """The device a model would get: for the default model when one is configured, else for a
    nominal 7B Q4_K_M distill (what most offices run)."""
    from engine.devices import discover_devices
    from engine.planner import ModelFootprint, choose_device, footprint_from_gguf

    allow = settings.get("backend.allow_list") or None
    footprint: ModelFootprint | None = None
    basis = "a 7B Q4_K_M model"
    try:
        from app.model_resolver import default_model_path

        path = default_model_path(settings)
        if path is not None:
            from engine.gguf_file import inspect

            footprint = footprint_from_gguf(inspect(path))
            basis = str(path)
    except Exception:
        footprint = None
    if footprint is None:
        footprint = ModelFootprint.nominal_7b()
    try:
        c = choose_device(discover_devices(), get_str(settings, "backend.choice"), allow, footprint)
        return {"device": c.device.id, "n_gpu_layers": c.n_gpu_layers, "reason": c.reason, "for_model": basis}
    except Exception as exc:
        return {"device": None, "reason": str(exc), "for_model": basis}


def collect_doctor() -> dict[str, Any]:
    import keyring

    from app.paths import system_config_dir, user_paths
    from app.settings.store import SettingsStore

    paths = user_paths()
    settings = SettingsStore()
    devices, backends, dev_error = _devices()
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
        "backends": backends,
        "devices": devices,
        "devices_error": dev_error,
        "chosen_backend": _choice(settings),
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
        lines.append(f"  {d['id']:<10} {d['type']:<5} {d['name']} — "
                     f"{d['memory_free'] / gib:.1f} / {d['memory_total'] / gib:.1f} GiB free")
    if r["devices_error"]:
        lines.append("  " + r["devices_error"])
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
