"""The Python half of packaging/gpu-check.sh: build the bench model, check doctor's device list,
run the greedy-agreement check, and print the figures table from what the steps left in OUT.

  gpu_check_report.py model PATH                 build the benchmark model at PATH
  gpu_check_report.py device OUT BACKEND         the first device of BACKEND in OUT/doctor.json
  gpu_check_report.py why DOCTOR_JSON            what doctor found instead: devices, modules that did not load
  gpu_check_report.py bench JSON DEVICE          one line on a `bauhinia bench --json` result; exit 1
                                                 unless it ran on DEVICE
  gpu_check_report.py agree MODEL DEV REF N JSON greedy tokens on DEV vs REF: JSON to the file, one
                                                 line on stdout; exit 1 unless the first N are equal
  gpu_check_report.py report OUT                 the table (stdout and OUT/figures.md); exit 1 if a step failed

Step records: OUT/steps.tsv, one "name<TAB>status<TAB>seconds<TAB>detail" line per step
(status PASS, FAIL or SKIP), written by the shell script.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

GIB = 1024**3
#: bench JSON fields shown, with their labels (rates: higher is better; times: lower is better).
FIGURES = [
    ("prefill_tokens_per_s", "prefill tokens/s"),
    ("decode_tokens_per_s", "decode tokens/s"),
    ("bare_decode_tokens_per_s", "bare llama.cpp decode tokens/s"),
    ("ttft_s", "time to first token (s)"),
    ("followup_ttft_s", "follow-up TTFT (s)"),
    ("switch_ttft_s", "conversation-switch TTFT (s)"),
]


def find_device(out: Path, backend: str) -> dict[str, Any] | None:
    """The first device of ``backend`` (case-insensitive; "cpu" finds the CPU) in doctor's JSON."""
    report = json.loads((out / "doctor.json").read_text(encoding="utf-8"))
    for dev in report.get("devices", []):
        if str(dev.get("backend", "")).casefold() == backend.casefold():
            return dict(dev)
    return None


def agreement_line(a: dict[str, Any]) -> str:
    """One line on an ``engine.agreement.Agreement.to_json()``."""
    line = (f"{a['b']['device']} ({a['b']['n_gpu_layers']} layers offloaded) vs {a['a']['device']}: "
            f"first {a['agreed']} of {a['n']} tokens equal")
    if not a["equal"]:
        margin = a["margin_at_divergence"]
        line += f"; they part at token {a['first_divergence']}"
        if margin is not None:
            line += f", reference top-2 logit margin {margin:.4f}" + (" (a near-tie)" if a["near_tie"] else "")
    return line


def read_steps(out: Path) -> list[tuple[str, str, str, str]]:
    path = out / "steps.tsv"
    if not path.exists():
        return []
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = [*line.split("\t"), "", "", ""][:4]
        rows.append((parts[0], parts[1], parts[2], parts[3]))
    return rows


def _columns(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows)


def render(out: Path) -> tuple[str, bool]:
    """The steps table, then the bench figures per device (and GPU/CPU ratio), then agreement."""
    steps = read_steps(out)
    ok = bool(steps) and all(status != "FAIL" for _, status, _, _ in steps)
    parts = [_columns([["step", "status", "seconds", "detail"], *[list(s) for s in steps]])]

    benches = sorted(out.glob("bench-*.json"))
    data = {p.stem.removeprefix("bench-"): json.loads(p.read_text(encoding="utf-8")) for p in benches}
    if data:
        names = sorted(data, key=lambda n: (n.casefold() == "cpu", n))  # the GPU first, the CPU last
        head = ["figure", *(str(data[n].get("device", n)) for n in names)]
        if len(names) == 2:
            head.append(f"{head[1]}/{head[2]}")
        rows = [head]
        for key, label in FIGURES:
            values = [data[n].get(key) for n in names]
            row = [label, *(f"{v:.3f}" if isinstance(v, float) else str(v) for v in values)]
            if len(values) == 2:
                a, b = values
                row.append(f"{a / b:.2f}" if isinstance(a, int | float) and isinstance(b, int | float) and b else "-")
            rows.append(row)
        parts += ["", _columns(rows)]

    agreement = out / "agreement.json"
    if agreement.exists():
        parts += ["", "greedy agreement: " + agreement_line(json.loads(agreement.read_text(encoding="utf-8")))]
    text = "\n".join(parts) + "\n"
    (out / "figures.md").write_text("```\n" + text + "```\n", encoding="utf-8")
    return text, ok


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    cmd, args = argv[0], argv[1:]
    if cmd == "model" and len(args) == 1:
        from engine.diagnostic import build_bench_model

        build_bench_model(Path(args[0]))
        return 0
    if cmd == "device" and len(args) == 2:
        dev = find_device(Path(args[0]), args[1])
        if dev is None:
            return 1
        gib = f"{dev['memory_free'] / GIB:.1f} of {dev['memory_total'] / GIB:.1f} GiB free"
        print(f"{dev['id']}\t{dev['id']}: {dev['name']} ({gib}), {dev.get('status', '?')}")
        return 0
    if cmd == "why" and len(args) == 1:
        report = json.loads(Path(args[0]).read_text(encoding="utf-8"))
        found = ", ".join(d["id"] for d in report.get("devices", [])) or "no devices"
        failed = "; ".join(f"{f['backend']} not loaded: {f['detail']}" for f in report.get("backend_failures", []))
        print("; ".join(x for x in (report.get("devices_error"), found, failed) if x))
        return 0
    if cmd == "bench" and len(args) == 2:
        bench = json.loads(Path(args[0]).read_text(encoding="utf-8"))
        if str(bench.get("device")) != args[1]:
            print(f"ran on {bench.get('device')}, not {args[1]}")
            return 1
        print(f"decode {bench['decode_tokens_per_s']:.1f} tokens/s on {bench['device']}")
        return 0
    if cmd == "agree" and len(args) == 5:
        from engine.agreement import compare, greedy_run

        model, device, reference, n = Path(args[0]), args[1], args[2], int(args[3])
        result = compare(greedy_run(model, reference, n), greedy_run(model, device, n), n)
        Path(args[4]).write_text(json.dumps(result.to_json(), indent=2) + "\n", encoding="utf-8")
        print(agreement_line(result.to_json()))
        return 0 if result.equal else 1
    if cmd == "report" and len(args) == 1:
        text, ok = render(Path(args[0]))
        sys.stdout.write(text)
        return 0 if ok else 1
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
