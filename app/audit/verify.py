"""Check an audit log's hash chain across all its files (``bauhinia audit verify``)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from app.audit.chain import GENESIS, self_hash_ok, sha256_hex
from app.audit.files import base_of, current_file, series
from app.i18n import tr

CONTEXT = "Audit"


@dataclass
class VerifyResult:
    ok: bool
    files: list[Path] = field(default_factory=list)
    records: int = 0
    problem: str = ""  # one translated line, empty when intact
    file: Path | None = None
    line: int = 0  # 1-based line number in ``file`` where the chain breaks

    def to_json(self) -> dict[str, object]:
        return {"ok": self.ok, "files": [str(p) for p in self.files], "records": self.records,
                "problem": self.problem, "file": str(self.file) if self.file else None, "line": self.line}


def _broken(result: VerifyResult, path: Path, line: int, why: str) -> VerifyResult:
    result.ok = False
    result.file = path
    result.line = line
    result.problem = tr(CONTEXT, "{file}, line {line}: {why}").format(file=path.name, line=line, why=why)
    return result


def verify_log(location: Path) -> VerifyResult:
    """Verify the log at ``location`` (its folder, its current file or one of its rotated files)."""
    current = base_of(current_file(location))
    files = series(current)
    result = VerifyResult(ok=True, files=files)
    if not files:
        result.ok = False
        result.problem = tr(CONTEXT, "There is no audit log at {path}.").format(path=current)
        return result
    prev, seq = GENESIS, 0
    for path in files:
        try:
            data = path.read_bytes()
        except OSError as exc:
            return _broken(result, path, 0, tr(CONTEXT, "cannot be read ({error})").format(error=exc.strerror))
        if data and not data.endswith(b"\n"):
            data += b"\n"  # the last line is checked like any other (a torn line fails its own hash)
        for number, line in enumerate(data.split(b"\n")[:-1], 1):
            try:
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise ValueError
                line_seq, line_prev = int(record["seq"]), str(record["prev"])
            except (ValueError, KeyError, TypeError):
                return _broken(result, path, number, tr(CONTEXT, "not a valid audit record"))
            if not self_hash_ok(line):
                return _broken(result, path, number, tr(CONTEXT, "the line was changed (its own hash does not match)"))
            if line_prev != prev:
                return _broken(result, path, number, tr(
                    CONTEXT, "does not follow the line before it (a line was removed, changed or moved)"))
            if line_seq != seq + 1:
                return _broken(result, path, number, tr(
                    CONTEXT, "record number {found} where {expected} was expected").format(
                        found=line_seq, expected=seq + 1))
            prev, seq = sha256_hex(line), line_seq
            result.records += 1
    return result
