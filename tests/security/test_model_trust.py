"""Model trust (issue 11, items 1, 3, 4, 5, 12 and 16): every test performs the attack.

Real parts throughout: generated GGUF models loaded by llama.cpp, the real hash cache and its
keyring-held MAC key (an in-memory keyring backend, or none at all), real files, real ctime.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from fixtures_models import DEFAULT_SCRIPT
from keyring.backends.fail import Keyring as FailKeyring

from app.diagnostic_report import diagnostic_script
from app.model_resolver import ModelNotAvailableError, acquire, load_acquired, open_provider
from app.models.built import BUILT_DIR, diagnostic_model
from app.models.catalogue import load_catalogue
from app.models.verification import (
    CACHE_FILE,
    HashCache,
    ModelRefusedError,
    State,
    Verifier,
    check_before_load,
    default_hasher,
)
from app.paths import Paths, user_paths
from app.settings.store import SettingsStore
from engine.errors import ModelFileError
from engine.events import Finished
from engine.model_file import ModelHandle
from engine.types import ChatMessage, SamplingParams
from tests.app.catalogue_helpers import sha256_of, write_catalogue
from tests.app.settings_helpers import write_json

ROOT = Path(__file__).resolve().parents[2]


class CountingHasher:
    def __init__(self) -> None:
        self.real = default_hasher()
        self.calls = 0

    def __call__(self, handle: ModelHandle, *, progress: Any = None, cancel: Any = None) -> str:
        self.calls += 1
        return self.real(handle, progress=progress, cancel=cancel)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(FailKeyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def paths() -> Paths:
    return user_paths().ensure()


def _policy(admin: Path, values: dict[str, Any]) -> None:
    write_json(admin / "policies" / "50-test.json", values)


def _reply(provider: Any) -> str:
    fin = None
    for ev in provider.stream([ChatMessage("user", "hi")], SamplingParams(seed=1, max_tokens=64)):
        if isinstance(ev, Finished):
            fin = ev
    assert fin is not None
    return str(fin.content)


@pytest.fixture
def catalogue_models(_isolated_admin_dir: Path, scripted_model_path: Path) -> dict[str, Path]:
    """IT's catalogue with the scripted model as ``good`` (its real hash)."""
    good = _isolated_admin_dir / "models" / "good.gguf"
    good.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(scripted_model_path, good)
    write_catalogue(_isolated_admin_dir / "models.json", [
        {"id": "good", "file": "models/good.gguf", "sha256": sha256_of(good)}])
    return {"good": good}


# -- item 1: the diagnostic model ------------------------------------------------------------

def _plant(paths: Paths, random_model_path: Path) -> Path:
    target = paths.cache / BUILT_DIR / diagnostic_model().name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(random_model_path, target)
    return target


@pytest.mark.parametrize("keyring_kind", ["memory", "none"])
def test_planted_gguf_at_the_predicted_diagnostic_path_is_not_loaded(
        keyring_kind: str, request: pytest.FixtureRequest, _isolated_admin_dir: Path, paths: Paths,
        random_model_path: Path) -> None:
    request.getfixturevalue("memory_keyring" if keyring_kind == "memory" else "no_keyring")
    _policy(_isolated_admin_dir, {"models.require_verification": True, "models.user_import_allowed": False})
    planted = _plant(paths, random_model_path)
    opened = open_provider("diagnostic", SettingsStore(), paths=paths)  # still offered under the policy
    try:
        # the real diagnostic model (its script, then its report), not the plant
        assert _reply(opened.provider).startswith(diagnostic_script().content + "\n\n- ")
    finally:
        opened.provider.close()
    assert sha256_of(planted) != sha256_of(random_model_path)  # rebuilt in place of the plant


def test_diagnostic_model_overwritten_after_it_was_built_is_rebuilt(memory_keyring: object, paths: Paths,
                                                                    random_model_path: Path) -> None:
    settings = SettingsStore()
    first = acquire("diagnostic", settings, paths=paths)
    built_sha = first.handle.sha256()
    first.close()
    planted = _plant(paths, random_model_path)  # after a verified build, the file is replaced
    opened = open_provider("diagnostic:", settings, paths=paths)
    try:
        assert _reply(opened.provider).startswith(diagnostic_script().content + "\n\n- ")
    finally:
        opened.provider.close()
    assert sha256_of(planted) == built_sha


def test_recorded_diagnostic_model_is_reused_without_rebuilding(memory_keyring: object, paths: Paths) -> None:
    settings = SettingsStore()
    acquire("diagnostic", settings, paths=paths).close()
    path = paths.cache / BUILT_DIR / diagnostic_model().name
    inode = path.stat().st_ino
    again = acquire("diagnostic", settings, paths=paths)
    try:
        assert os.fstat(again.handle.fd).st_ino == inode  # verified bytes reused, not rebuilt
    finally:
        again.close()


# -- item 3: the hash cache and the check-to-load window ----------------------------------------

def _overwrite_in_place_keeping_mtime(path: Path) -> None:
    """The attack: same size, same inode, mtime (and atime) put back with os.utime."""
    time.sleep(0.05)  # file times tick with the kernel clock (1-10 ms); a real attack comes later still
    st = path.stat()
    with open(path, "r+b") as f:
        f.seek(st.st_size - 1)
        last = f.read(1)
        f.seek(st.st_size - 1)
        f.write(bytes([last[0] ^ 0xFF]))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (st.st_size, st.st_mtime_ns, st.st_ino)


def test_in_place_overwrite_with_restored_mtime_is_rehashed_and_refused(
        memory_keyring: object, catalogue_models: dict[str, Path], paths: Paths) -> None:
    settings = SettingsStore()
    catalogue = load_catalogue(settings, paths)
    hasher = CountingHasher()
    verifier = Verifier(HashCache(paths.cache / CACHE_FILE), hasher)
    entry = catalogue.find("good")
    assert entry is not None
    assert verifier.verify(entry).state is State.VERIFIED and hasher.calls == 1
    assert verifier.verify(entry).hashed_now is False  # cached while unchanged
    _overwrite_in_place_keeping_mtime(catalogue_models["good"])
    result = verifier.verify(entry)
    assert (result.state, result.hashed_now, hasher.calls) == (State.MISMATCH, True, 2)
    with pytest.raises(ModelRefusedError, match="does not match"):
        check_before_load("good", catalogue, verifier, require_verification=False)


def test_forged_cache_entries_are_ignored(memory_keyring: object, catalogue_models: dict[str, Path],
                                          paths: Paths) -> None:
    settings = SettingsStore()
    catalogue = load_catalogue(settings, paths)
    entry = catalogue.find("good")
    assert entry is not None
    Verifier(HashCache(paths.cache / CACHE_FILE)).verify(entry)
    _overwrite_in_place_keeping_mtime(catalogue_models["good"])
    # The attacker rewrites the cache: the tampered file's fingerprint with the catalogue's hash.
    with ModelHandle.open(catalogue_models["good"]) as h:
        fingerprint = h.fingerprint()
    cache_file = paths.cache / CACHE_FILE
    data = json.loads(cache_file.read_text())
    (name, item), = data["entries"].items()
    assert item["sha256"] == entry.sha256
    item["fingerprint"] = fingerprint.as_list()  # the old MAC no longer covers it
    cache_file.write_text(json.dumps(data))
    hasher = CountingHasher()
    verifier = Verifier(HashCache(cache_file), hasher)
    assert verifier.state(entry).state is State.UNVERIFIED
    with pytest.raises(ModelRefusedError, match="does not match"):
        check_before_load("good", catalogue, verifier, require_verification=False)
    assert hasher.calls == 1
    # A MAC made with another key is no better.
    item["mac"] = HashCache._mac(b"k" * 32, "file", name, fingerprint.as_list(), entry.sha256)
    cache_file.write_text(json.dumps(data))
    assert Verifier(HashCache(cache_file)).state(entry).state is State.UNVERIFIED


def test_the_mac_key_lives_in_the_keyring_and_without_one_nothing_is_trusted(
        catalogue_models: dict[str, Path], paths: Paths) -> None:
    from keyring_backend import MemoryKeyring

    entry = load_catalogue(SettingsStore(), paths).find("good")
    assert entry is not None
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        Verifier(HashCache(paths.cache / CACHE_FILE)).verify(entry)
        assert [u for s, u in backend.secrets if s == "Bauhinia" and u.startswith("model-hash-key-")]
        assert Verifier(HashCache(paths.cache / CACHE_FILE)).state(entry).state is State.VERIFIED
        backend.secrets.clear()  # key gone: the entry can no longer be trusted
        assert Verifier(HashCache(paths.cache / CACHE_FILE)).state(entry).state is State.UNVERIFIED
        keyring.set_keyring(FailKeyring())
        hasher = CountingHasher()
        verifier = Verifier(HashCache(paths.cache / CACHE_FILE), hasher)
        assert verifier.verify(entry).state is State.VERIFIED and verifier.verify(entry).hashed_now
        assert hasher.calls == 2  # no keyring: hashed at every check, never cached
    finally:
        keyring.set_keyring(previous)


def test_a_file_swapped_after_verification_is_not_what_loads(
        memory_keyring: object, catalogue_models: dict[str, Path], paths: Paths, random_model_path: Path) -> None:
    settings = SettingsStore()
    acquired = acquire("good", settings, paths=paths)
    swap = catalogue_models["good"].with_name("swap.gguf")
    shutil.copyfile(random_model_path, swap)
    os.replace(swap, catalogue_models["good"])  # swapped between the check and the load
    opened = load_acquired(acquired, settings)
    try:
        assert _reply(opened.provider) == DEFAULT_SCRIPT.content  # the verified bytes were loaded
    finally:
        opened.provider.close()


def test_a_file_written_between_check_and_load_is_refused(
        memory_keyring: object, catalogue_models: dict[str, Path], paths: Paths) -> None:
    settings = SettingsStore()
    acquired = acquire("good", settings, paths=paths)
    size = catalogue_models["good"].stat().st_size
    time.sleep(0.05)  # file times tick with the kernel clock (1-10 ms)
    with open(catalogue_models["good"], "r+b") as f:  # same inode: the handle sees the new bytes
        f.seek(size - 1)
        f.write(b"\x55")
    with pytest.raises(ModelFileError, match="changed"):
        load_acquired(acquired, settings)
    assert acquired.handle.fd == -1  # closed


def test_a_rename_or_chmod_alone_does_not_refuse_the_verified_bytes(
        memory_keyring: object, catalogue_models: dict[str, Path], paths: Paths) -> None:
    settings = SettingsStore()
    acquired = acquire("good", settings, paths=paths)
    time.sleep(0.05)
    os.chmod(catalogue_models["good"], 0o600)  # metadata only: ctime moves, bytes do not
    opened = load_acquired(acquired, settings)
    try:
        assert _reply(opened.provider) == DEFAULT_SCRIPT.content
    finally:
        opened.provider.close()


# -- item 4: IT's hash is final -----------------------------------------------------------------

def test_a_catalogue_mismatch_never_loads_even_without_require_verification(
        memory_keyring: object, catalogue_models: dict[str, Path], paths: Paths,
        capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli.main import main

    with open(catalogue_models["good"], "ab") as f:
        f.write(b"\0" * 32)
    settings = SettingsStore()
    assert settings.get("models.require_verification") is False
    with pytest.raises(ModelNotAvailableError, match="IT's model catalogue"):
        open_provider("good", settings, paths=paths)
    code = main(["ask", "-m", "good", "--no-history", "hi"])
    out, err = capsys.readouterr()
    assert code != 0 and out == "" and len(err.strip().splitlines()) == 1 and "IT's model catalogue" in err
    # Named by its path, it is still the catalogue's file.
    with pytest.raises(ModelNotAvailableError, match="IT's model catalogue"):
        open_provider(str(catalogue_models["good"]), settings, paths=paths)


def test_require_verification_keeps_its_meaning_for_files_outside_the_catalogue(
        memory_keyring: object, _isolated_admin_dir: Path, paths: Paths, scripted_model_path: Path) -> None:
    stray = paths.data / "stray.gguf"
    shutil.copyfile(scripted_model_path, stray)
    opened = open_provider(str(stray), SettingsStore(), paths=paths)
    assert "not been verified" in opened.warning
    opened.provider.close()
    _policy(_isolated_admin_dir, {"models.require_verification": True})
    with pytest.raises(ModelNotAvailableError, match="only allows verified models"):
        open_provider(str(stray), SettingsStore(), paths=paths)


# -- item 5: one gate for every load -------------------------------------------------------------

def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    from app.cli.main import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _tiny_bench_model(monkeypatch: pytest.MonkeyPatch, model: Path) -> None:
    """``bench`` without -m builds a 460 MiB model; these tests give it a tiny builder instead."""
    import app.models.built as built

    monkeypatch.setattr(built, "bench_model", lambda: built.BuiltModel(
        "bench-test.gguf", "bench", lambda p: shutil.copyfile(model, p)))


ENTRY_POINTS = ["ask -m PATH", "ask -m ID", "ask -m diagnostic", "bench -m PATH", "bench", "selftest"]


def _run_entry(point: str, capsys: pytest.CaptureFixture[str], model: Path, model_id: str) -> tuple[bool, str]:
    """(loaded, why not) for one way of loading a model."""
    bench = ("--json", "--decode-tokens", "4", "--history-tokens", "50", "--repeats", "1")
    if point == "ask -m PATH":
        code, _, err = _cli(capsys, "ask", "-m", str(model), "--no-history", "hi")
    elif point == "ask -m ID":
        code, _, err = _cli(capsys, "ask", "-m", model_id, "--no-history", "hi")
    elif point == "ask -m diagnostic":
        code, _, err = _cli(capsys, "ask", "-m", "diagnostic", "--no-history", "hi")
    elif point == "bench -m PATH":
        code, _, err = _cli(capsys, "bench", "-m", str(model), *bench)
    elif point == "bench":
        code, _, err = _cli(capsys, "bench", *bench)
    else:
        from app.selftest import run_selftest

        results = {c.name: c for c in run_selftest()}
        return results["load"].passed, results["load"].detail
    return code == 0, err


@pytest.mark.parametrize("point", ENTRY_POINTS)
def test_every_entry_point_honours_the_backend_allow_list(
        point: str, memory_keyring: object, catalogue_models: dict[str, Path], _isolated_admin_dir: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, random_model_path: Path) -> None:
    _tiny_bench_model(monkeypatch, random_model_path)
    _policy(_isolated_admin_dir, {"backend.allow_list": ["NoSuchGpu9"]})
    loaded, why = _run_entry(point, capsys, catalogue_models["good"], "good")
    assert not loaded and "NoSuchGpu9" in why


@pytest.mark.parametrize("point", ["ask -m PATH", "bench -m PATH"])
def test_every_entry_point_refuses_an_unverified_file_under_policy(
        point: str, memory_keyring: object, _isolated_admin_dir: Path, paths: Paths,
        capsys: pytest.CaptureFixture[str], scripted_model_path: Path) -> None:
    stray = paths.data / "stray.gguf"
    shutil.copyfile(scripted_model_path, stray)
    _policy(_isolated_admin_dir, {"models.require_verification": True})
    loaded, why = _run_entry(point, capsys, stray, "")
    assert not loaded and "only allows verified models" in why


@pytest.mark.parametrize("point", ["bench -m PATH", "ask -m ID"])
def test_every_entry_point_refuses_a_catalogue_mismatch(
        point: str, memory_keyring: object, catalogue_models: dict[str, Path],
        capsys: pytest.CaptureFixture[str]) -> None:
    with open(catalogue_models["good"], "ab") as f:
        f.write(b"\0" * 32)
    loaded, why = _run_entry(point, capsys, catalogue_models["good"], "good")
    assert not loaded and "IT's model catalogue" in why


@pytest.mark.parametrize("point", ["selftest", "bench", "ask -m diagnostic"])
def test_built_model_entry_points_load_only_built_bytes(
        point: str, memory_keyring: object, paths: Paths, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, scripted_model_path: Path, random_model_path: Path) -> None:
    """With the allow-list open, the built-model entry points load (so the refusals above are the
    policy's doing), and a plant at their cache path is not what they load."""
    _tiny_bench_model(monkeypatch, random_model_path)
    if point == "ask -m diagnostic":
        _plant(paths, random_model_path)
        code, out, err = _cli(capsys, "ask", "-m", "diagnostic", "--no-history", "--json", "hi")
        assert code == 0, err
        assert json.loads(out)["content"].startswith(diagnostic_script().content + "\n\n- ")
        return
    loaded, why = _run_entry(point, capsys, random_model_path, "")
    assert loaded, why


def test_the_window_diagnostic_model_goes_through_the_gate(
        memory_keyring: object, paths: Paths, scripted_model_factory: Any, qtbot: Any) -> None:
    """The window's diagnostic button: a GGUF planted at the predicted cache path must not load."""
    from fixtures_models import Script

    from app.ui.tasks import DIAGNOSTIC_REF, EngineWorker, default_diagnostic_factory
    from engine.diagnostic import diagnostic_file_name

    planted = scripted_model_factory(script=Script(reasoning="planted thinking", answer="PLANTED answer"))
    for name in (diagnostic_file_name(script=None), diagnostic_model().name):
        for folder in (paths.cache, paths.cache / BUILT_DIR):
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(planted, folder / name)
    worker = EngineWorker(SettingsStore(), paths, None, default_diagnostic_factory(paths.cache))
    failures: list[str] = []
    worker.loadFailed.connect(failures.append)
    worker.load(DIAGNOSTIC_REF)
    try:
        assert not failures, failures
        assert worker._provider is not None
        assert "PLANTED" not in _reply(worker._provider)
    finally:
        worker.shutdown()


# -- item 12: GGML_BACKEND_PATH -----------------------------------------------------------------

_PLANTED_C = textwrap.dedent("""
    #include <stdio.h>
    #include <stdlib.h>
    __attribute__((constructor)) static void planted(void) {
        const char *m = getenv("PLANTED_MARKER");
        FILE *f = m ? fopen(m, "w") : NULL;
        if (f) { fputs("loaded", f); fclose(f); }
    }
""")


@pytest.fixture
def planted_library(tmp_path: Path) -> Path:
    gcc = shutil.which("gcc") or shutil.which("cc")
    if gcc is None:
        pytest.skip("no C compiler to build the planted library")
    src = tmp_path / "planted.c"
    src.write_text(_PLANTED_C)
    lib = tmp_path / "libggml-planted.so"
    subprocess.run([gcc, "-shared", "-fPIC", "-o", str(lib), str(src)], check=True, timeout=120)
    return lib


def _backend_probe(tmp_path: Path, lib: Path, code: str) -> bool:
    """Run ``code`` in a fresh interpreter with GGML_BACKEND_PATH naming ``lib``; was it loaded?"""
    marker = tmp_path / "marker.txt"
    marker.unlink(missing_ok=True)
    empty = tmp_path / "no-backends"
    empty.mkdir(exist_ok=True)
    env = {**os.environ, "GGML_BACKEND_PATH": str(lib), "PLANTED_MARKER": str(marker),
           "PYTHONPATH": str(ROOT), "EMPTY_DIR": str(empty)}
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return marker.exists()


_DECLARE = """
    import ctypes, os
    from llama_cpp import llama_cpp as bindings
    lib = bindings._lib
    lib.ggml_backend_load_all_from_path.argtypes = [ctypes.c_char_p]
    lib.ggml_backend_load_all_from_path.restype = None
"""


def test_ggml_backend_path_is_never_loaded(tmp_path: Path, planted_library: Path) -> None:
    # Control: ggml's own loader does load what the variable names (so the probe can see it) ...
    assert _backend_probe(tmp_path, planted_library, _DECLARE + """
    lib.ggml_backend_load_all_from_path(os.environb[b"EMPTY_DIR"])
    """)
    # ... our loader, given the app's folder, does not ...
    assert not _backend_probe(tmp_path, planted_library, _DECLARE + """
    from pathlib import Path
    from engine.devices import load_backend_modules
    load_backend_modules(lib, Path(os.environ["EMPTY_DIR"]))
    """)
    # ... and once the engine is imported, no later load by anyone picks the variable up.
    assert not _backend_probe(tmp_path, planted_library, _DECLARE + """
    import engine.loader
    lib.ggml_backend_load_all_from_path(os.environb[b"EMPTY_DIR"])
    from engine.devices import discover_devices
    assert discover_devices()
    """)


# -- item 16: can this llama.cpp run the architecture? --------------------------------------------

def _unknown_arch_gguf(path: Path) -> Path:
    import gguf
    import numpy as np

    w = gguf.GGUFWriter(str(path), "notarealarch")
    w.add_name("Unknown architecture")
    w.add_context_length(256)
    w.add_block_count(1)
    w.add_embedding_length(8)
    w.add_tensor("token_embd.weight", np.zeros((4, 8), dtype=np.float32))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    return path


def test_models_inspect_says_when_llama_cpp_cannot_run_the_architecture(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], scripted_model_path: Path) -> None:
    from app.cli.main import main

    path = _unknown_arch_gguf(tmp_path / "unknown.gguf")
    assert main(["models", "inspect", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["architecture"] == "notarealarch"
    assert data["loadable"] is False and "notarealarch" in data["loadable_reason"]
    assert "unknown model architecture" in data["loadable_reason"]
    assert main(["models", "inspect", str(path)]) == 0
    human = capsys.readouterr().out
    assert "loadable" in human and "notarealarch" in human.split("loadable", 1)[1]
    assert main(["models", "inspect", str(scripted_model_path), "--json"]) == 0
    good = json.loads(capsys.readouterr().out)
    assert good["loadable"] is True and good["loadable_reason"] is None


def test_a_prepared_model_handed_to_the_gate_is_copied_hashed_and_loaded(
        memory_keyring: object, paths: Paths, scripted_model_path: Path) -> None:
    """How the window (and its tests) hand the gate a diagnostic model of their own choosing."""
    from app.models.built import BuiltModel

    opened = open_provider("diagnostic:", SettingsStore(), paths=paths,
                           diagnostic=BuiltModel.copy_of(scripted_model_path, "Diagnostic model"))
    try:
        assert _reply(opened.provider) == DEFAULT_SCRIPT.content and opened.label == "Diagnostic model"
    finally:
        opened.provider.close()
    assert (paths.cache / BUILT_DIR / f"copy-{scripted_model_path.name}").is_file()
