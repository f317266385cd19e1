"""Streaming SHA-256 of model files: agrees with hashlib, reports progress, can be cancelled."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from engine.errors import Cancelled, ModelFileError
from engine.hashing import DEFAULT_CHUNK, sha256_file
from engine.types import CancelToken

ROOT = Path(__file__).resolve().parents[2]


def _file(tmp_path: Path, size: int, name: str = "blob.bin") -> tuple[Path, bytes]:
    data = os.urandom(size)
    path = tmp_path / name
    path.write_bytes(data)
    return path, data


@pytest.mark.parametrize("size", [0, 1, 4095, 4096, 4097, 3 * 4096 + 17])
def test_matches_hashlib_across_chunk_boundaries(tmp_path: Path, size: int) -> None:
    path, data = _file(tmp_path, size)
    assert sha256_file(path, chunk_size=4096) == hashlib.sha256(data).hexdigest()


def test_default_chunk_on_a_multi_chunk_file(tmp_path: Path) -> None:
    path, data = _file(tmp_path, 2 * DEFAULT_CHUNK + 12345)
    assert sha256_file(str(path)) == hashlib.sha256(data).hexdigest()


def test_progress_is_monotonic_and_reaches_total(tmp_path: Path) -> None:
    path, data = _file(tmp_path, 10 * 4096 + 1)
    calls: list[tuple[int, int]] = []
    sha256_file(path, progress=lambda done, total: calls.append((done, total)), chunk_size=4096)
    assert calls[0] == (0, len(data))
    assert calls[-1] == (len(data), len(data))
    assert len(calls) == 1 + 11
    dones = [d for d, _ in calls]
    assert dones == sorted(dones)
    assert all(total == len(data) for _, total in calls)


def test_empty_file_reports_zero_of_zero(tmp_path: Path) -> None:
    path, _ = _file(tmp_path, 0)
    calls: list[tuple[int, int]] = []
    assert sha256_file(path, progress=lambda d, t: calls.append((d, t))) == hashlib.sha256(b"").hexdigest()
    assert calls == [(0, 0)]


def test_cancel_during_hashing(tmp_path: Path) -> None:
    path, _ = _file(tmp_path, 8 * 4096)
    token = CancelToken()
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        if done >= 2 * 4096:
            token.cancel()

    with pytest.raises(Cancelled):
        sha256_file(path, progress=progress, cancel=token, chunk_size=4096)
    assert seen[-1] == 2 * 4096  # stopped at the next chunk, not at the end


def test_cancel_before_start_reads_nothing(tmp_path: Path) -> None:
    path, _ = _file(tmp_path, 4096)
    token = CancelToken()
    token.cancel()
    seen: list[int] = []
    with pytest.raises(Cancelled):
        sha256_file(path, progress=lambda d, t: seen.append(d), cancel=token)
    assert seen == [0]


def test_cancel_from_another_thread(tmp_path: Path) -> None:
    """A UI thread cancels a worker that is hashing; the worker stops with Cancelled."""
    path, _ = _file(tmp_path, 64 * 4096)
    token = CancelToken()
    started = threading.Event()
    resume = threading.Event()
    outcome: list[BaseException | str] = []

    def progress(done: int, total: int) -> None:
        if done > 0 and not started.is_set():
            started.set()
            resume.wait(10)

    def work() -> None:
        try:
            outcome.append(sha256_file(path, progress=progress, cancel=token, chunk_size=4096))
        except Cancelled as exc:
            outcome.append(exc)

    worker = threading.Thread(target=work)
    worker.start()
    assert started.wait(10)
    token.cancel()
    resume.set()
    worker.join(10)
    assert len(outcome) == 1 and isinstance(outcome[0], Cancelled)


def test_io_errors_are_model_file_errors(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError, match="not found"):
        sha256_file(tmp_path / "missing.gguf")
    with pytest.raises(ModelFileError, match="directory"):
        sha256_file(tmp_path)
    with pytest.raises(ValueError):
        sha256_file(tmp_path / "missing.gguf", chunk_size=0)


def test_permission_denied(tmp_path: Path) -> None:
    if os.name != "posix":  # pragma: no cover - Windows has no chmod 000
        pytest.skip("chmod cannot deny reading on this platform")
    base = Path(tempfile.mkdtemp(prefix="bauhinia-perm-"))
    try:
        base.chmod(0o755)
        path = base / "locked.gguf"
        path.write_bytes(b"secret")
        path.chmod(0)
        if os.geteuid() != 0:
            with pytest.raises(ModelFileError, match="permission denied"):
                sha256_file(path)
            return
        # Root reads anything: a child process imports the engine, drops to "nobody", then reads.
        code = ("import os, sys; from engine.hashing import sha256_file\n"
                "from engine.errors import ModelFileError\n"
                "os.setgroups([]); os.setgid(65534); os.setuid(65534)\n"
                "try:\n sha256_file(sys.argv[1])\nexcept ModelFileError as e:\n print('MFE:', e)\n")
        proc = subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, capture_output=True,
                              text=True, timeout=60, check=False)
        assert "MFE: permission denied" in proc.stdout, proc.stdout + proc.stderr
    finally:
        for p in base.iterdir():
            p.chmod(0o600)
            p.unlink()
        base.rmdir()


def test_sha256_fd_hashes_the_open_file_not_the_path(tmp_path: Path) -> None:
    """The descriptor keeps naming the bytes that were opened, even after the path is replaced."""
    from engine.hashing import sha256_fd
    from engine.model_file import ModelHandle

    path = tmp_path / "m.gguf"
    path.write_bytes(b"original" * 1000)
    with ModelHandle.open(path) as handle:
        (tmp_path / "other").write_bytes(b"swapped!" * 1000)
        os.replace(tmp_path / "other", path)
        assert sha256_fd(handle.fd, chunk_size=7) == hashlib.sha256(b"original" * 1000).hexdigest()
        assert handle.sha256() == sha256_fd(handle.fd)  # from offset 0 again
        with open(handle.load_path, "rb") as again:
            assert again.read(8) == b"original"
    assert handle.fd == -1


def test_fingerprint_changes_when_content_is_rewritten_with_the_old_mtime(tmp_path: Path) -> None:
    from engine.model_file import ModelHandle

    path = tmp_path / "m.gguf"
    path.write_bytes(b"a" * 64)
    st = path.stat()
    with ModelHandle.open(path) as handle:
        before = handle.fingerprint()
        time.sleep(0.05)  # file times tick with the kernel clock (1-10 ms): let ctime move on
        path.write_bytes(b"b" * 64)
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
        after = handle.fingerprint()
        assert (after.size, after.mtime_ns, after.inode) == (before.size, before.mtime_ns, before.inode)
        assert after != before
        with pytest.raises(ModelFileError, match="changed"):
            handle.ensure_unchanged()


def test_model_handle_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    from engine.model_file import ModelHandle

    with pytest.raises(ModelFileError, match=r"directory|regular"):
        ModelHandle.open(tmp_path)
    with pytest.raises(ModelFileError, match="not found"):
        ModelHandle.open(tmp_path / "missing.gguf")
