"""Whether each compute device may be used, and why: the policy view ``bauhinia doctor`` prints.

The allow-list rule itself is ``engine.planner.is_allowed`` (the same one the loader obeys); this
module only explains its verdict per device, in the user's language, and notes what the planner
would say about running a given model there (an Ascend NPU and a K-quant, an accelerator that
holds no layers). Devices are passed in, so tests inject fakes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from app.i18n import tr
from engine.devices import Device
from engine.planner import ModelFootprint, incompatibility, is_allowed

ALLOW_LIST_KEY = "backend.allow_list"


@dataclass(frozen=True)
class DeviceStatus:
    """``policy`` names the setting that decided (``backend.allow_list``), or ``None`` when no
    allow-list is set; ``model_note`` says why the planned model cannot run there, if it cannot."""

    device: Device
    allowed: bool
    reason: str
    policy: str | None
    holds_layers: bool
    model_note: str | None = None

    def to_json(self) -> dict[str, Any]:
        d = self.device
        return {
            "id": d.id, "name": d.name, "description": d.description, "type": d.kind, "backend": d.backend,
            "memory_total": d.memory_total, "memory_free": d.memory_free,
            "status": "allowed" if self.allowed else "refused", "allowed": self.allowed,
            "reason": self.reason, "policy": self.policy, "holds_layers": self.holds_layers,
            "model_note": self.model_note,
        }


def device_statuses(devices: Sequence[Device], allow_list: Sequence[str] | None,
                    footprint: ModelFootprint | None = None) -> list[DeviceStatus]:
    """One status per device, in discovery order. ``allow_list`` ``None`` (or empty: the setting's
    "allow all", as the loader reads it) allows every device."""
    allow = list(allow_list) if allow_list else None
    listed = ", ".join(allow) if allow else ""
    out: list[DeviceStatus] = []
    for dev in devices:
        allowed = is_allowed(dev, allow)
        if allow is None:
            reason = tr("Doctor", "no allow-list is set (%1 is empty)").replace("%1", ALLOW_LIST_KEY)
        elif allowed:
            reason = tr("Doctor", "listed in %1 (%2)").replace("%1", ALLOW_LIST_KEY).replace("%2", listed)
        else:
            reason = (tr("Doctor", "not in %1 (allowed: %2)")
                      .replace("%1", ALLOW_LIST_KEY).replace("%2", listed))
        note = incompatibility(dev, footprint) if footprint is not None else None
        out.append(DeviceStatus(dev, allowed, reason, ALLOW_LIST_KEY if allow is not None else None,
                                dev.kind != "accel", note))
    return out
