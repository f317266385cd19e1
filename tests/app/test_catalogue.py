"""The IT catalogue, user imports and SHA-256 verification with its fingerprint cache (the MAC key
in an in-memory keyring; tests/security/test_model_trust.py covers the attacks on it)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from app.models.catalogue import load_catalogue, load_models_file, resolve_model_file
from app.models.importing import ImportRefusedError, import_model
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
from engine.errors import Cancelled, ModelFileError
from engine.types import CancelToken
from tests.app.catalogue_helpers import make_gguf, sha256_of, write_catalogue
from tests.app.settings_helpers import linux_locations, write_json


class CountingHasher:
    """The real engine hasher, counting how often a file is actually read."""

    def __init__(self) -> None:
        self.real = default_hasher()
        self.calls: list[str] = []

    def __call__(self, handle: Any, *, progress: Any = None, cancel: Any = None) -> str:
        self.calls.append(str(handle.path))
        return self.real(handle, progress=progress, cancel=cancel)


@pytest.fixture(autouse=True)
def _keyring(memory_keyring: object) -> object:
    """The hash cache trusts only entries MAC'd with a key from the keyring."""
    return memory_keyring


@pytest.fixture
def setup(tmp_path: Path) -> dict[str, Any]:
    loc = linux_locations(tmp_path)
    etc = loc.site_defaults.parent
    model_a = make_gguf(etc / "models" / "a.gguf", "Model A")
    model_b = make_gguf(tmp_path / "shared" / "b.gguf", "Model B", rows=6)
    write_catalogue(etc / "models.json", [
        {"id": "a", "file": "models/a.gguf", "sha256": sha256_of(model_a).upper(), "default": True,
         "display_name": {"en": "Model A", "zh_HK": "模型甲", "zh_CN": "模型甲（简）"}, "context_length": 4096,
         "system_prompt": {"en": "Be brief.", "zh_HK": "請簡潔回答。"}},
        {"id": "b", "file": str(model_b), "sha256": sha256_of(model_b), "display_name": {"en": "Model B"}},
    ])
    paths = user_paths().ensure()
    return {"loc": loc, "etc": etc, "a": model_a, "b": model_b, "paths": paths, "tmp": tmp_path}


def _verifier(paths: Paths, hasher: Any = None) -> Verifier:
    return Verifier(HashCache(paths.cache / CACHE_FILE), hasher)


def test_catalogue_entries_paths_and_languages(setup: dict[str, Any]) -> None:
    cat = load_catalogue(SettingsStore(setup["loc"]), setup["paths"], setup["etc"])
    assert [e.id for e in cat.entries] == ["a", "b"] and cat.problems == []
    a = cat.find("a")
    assert a is not None and a.path == setup["etc"] / "models" / "a.gguf" and a.source == "catalogue"
    assert a.sha256 == sha256_of(setup["a"])  # normalised to lower case
    assert (a.name("zh_HK"), a.name("zh_CN"), a.name("en")) == ("模型甲", "模型甲（简）", "Model A")
    assert cat.find("b") is not None and cat.find("b").name("zh_HK") == "Model B"  # type: ignore[union-attr]
    assert a.prompt("zh_HK") == "請簡潔回答。" and a.prompt("zh_CN") == "Be brief."
    assert cat.default_entry() == a and cat.by_path(setup["a"]) == a


def test_catalogue_path_comes_from_policy(setup: dict[str, Any]) -> None:
    other = write_catalogue(setup["tmp"] / "share" / "it.json", [])
    write_json(setup["loc"].policy_dir / "p.json", {"models.catalog_path": str(other)})
    cat = load_catalogue(SettingsStore(setup["loc"]), setup["paths"], setup["etc"])
    assert cat.catalogue_path == other and cat.entries == []


def test_unc_and_windows_paths_are_not_joined_to_the_catalogue_folder(tmp_path: Path) -> None:
    assert str(resolve_model_file(r"\\fileserver\models\r1.gguf", tmp_path)) == r"\\fileserver\models\r1.gguf"
    assert str(resolve_model_file(r"D:\models\r1.gguf", tmp_path)) == r"D:\models\r1.gguf"
    assert resolve_model_file("sub/r1.gguf", tmp_path) == tmp_path / "sub" / "r1.gguf"


def test_bad_catalogue_entries_are_reported_and_skipped(tmp_path: Path) -> None:
    good = "a" * 64
    path = write_catalogue(tmp_path / "models.json", [
        {"id": "ok", "file": "x.gguf", "sha256": good},
        {"id": "nohash", "file": "x.gguf"},
        {"id": "short", "file": "x.gguf", "sha256": "abc"},
        {"id": "bad id/with slash", "file": "x.gguf", "sha256": good},
        {"id": "ok", "file": "y.gguf", "sha256": good},
        {"id": "ctx", "file": "x.gguf", "sha256": good, "context_length": -5},
        "not an object",
    ])
    entries, problems = load_models_file(path, "catalogue")
    assert [e.id for e in entries] == ["ok"]
    assert len(problems) == 6 and all(str(path) in p for p in problems)
    (tmp_path / "broken.json").write_text("{")
    assert load_models_file(tmp_path / "broken.json", "catalogue") == (
        [], [f"{tmp_path / 'broken.json'}: unreadable or malformed model list: "
             "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"])


def test_verify_hashes_once_then_uses_the_cache(setup: dict[str, Any]) -> None:
    cat = load_catalogue(SettingsStore(setup["loc"]), setup["paths"], setup["etc"])
    hasher = CountingHasher()
    verifier = _verifier(setup["paths"], hasher)
    a = cat.find("a")
    assert a is not None
    assert verifier.state(a).state is State.UNVERIFIED
    first = verifier.verify(a)
    assert (first.state, first.hashed_now) == (State.VERIFIED, True)
    second = verifier.verify(a)
    assert (second.state, second.hashed_now) == (State.VERIFIED, False)
    # A new process (new cache object on the same file) still knows the answer.
    again = _verifier(setup["paths"], hasher)
    assert again.state(a).state is State.VERIFIED and again.verify(a).hashed_now is False
    assert hasher.calls == [str(a.path)]
    cached = json.loads((setup["paths"].cache / CACHE_FILE).read_text())
    item = next(iter(cached["entries"].values()))
    st = a.path.stat()
    assert item["fingerprint"] == [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev]
    assert len(item["mac"]) == 64


def test_changed_file_is_rehashed_and_mismatch_found(setup: dict[str, Any]) -> None:
    cat = load_catalogue(SettingsStore(setup["loc"]), setup["paths"], setup["etc"])
    hasher = CountingHasher()
    verifier = _verifier(setup["paths"], hasher)
    a = cat.find("a")
    assert a is not None and verifier.verify(a).state is State.VERIFIED
    # Same size, same mtime, new inode: a file swapped in by rename is caught.
    st = a.path.stat()
    swapped = setup["tmp"] / "swap.gguf"
    data = bytearray(a.path.read_bytes())
    data[-1] ^= 0xFF
    swapped.write_bytes(bytes(data))
    os.replace(swapped, a.path)
    os.utime(a.path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert a.path.stat().st_size == st.st_size and a.path.stat().st_mtime_ns == st.st_mtime_ns
    assert verifier.state(a).state is State.UNVERIFIED
    result = verifier.verify(a)
    assert result.state is State.MISMATCH and result.hashed_now and result.actual_sha256 == sha256_of(a.path)
    # Edited in place (same inode, new mtime): re-verified too.
    a.path.write_bytes(bytes(data[:-1]) + bytes([data[-1] ^ 0xFF]))
    os.utime(a.path, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    assert verifier.verify(a).state is State.VERIFIED
    assert len(hasher.calls) == 3


def test_hashing_reports_progress_and_can_be_cancelled(setup: dict[str, Any]) -> None:
    cat = load_catalogue(SettingsStore(setup["loc"]), setup["paths"], setup["etc"])
    verifier = _verifier(setup["paths"])
    b = cat.find("b")
    assert b is not None
    seen: list[tuple[int, int]] = []
    assert verifier.verify(b, progress=lambda done, total: seen.append((done, total))).state is State.VERIFIED
    size = b.path.stat().st_size
    assert seen and seen[-1] == (size, size) and all(t == size for _, t in seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    a = cat.find("a")
    assert a is not None
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        verifier.verify(a, cancel=token)
    assert verifier.state(a).state is State.UNVERIFIED  # a cancelled hash is not cached


def test_missing_file_state(setup: dict[str, Any]) -> None:
    setup["b"].unlink()
    cat = load_catalogue(SettingsStore(setup["loc"]), setup["paths"], setup["etc"])
    verifier = _verifier(setup["paths"])
    b = cat.find("b")
    assert b is not None
    assert verifier.state(b).state is State.MISSING and verifier.verify(b).state is State.MISSING
    with pytest.raises(ModelRefusedError, match="missing"):
        check_before_load("b", cat, verifier, require_verification=False)
    setup["b"].mkdir()  # a folder where the file should be: unreadable, never "verified"
    assert verifier.verify(b).state is State.MISSING


def test_policy_requiring_verification_refuses_unlisted_and_mismatching_files(setup: dict[str, Any]) -> None:
    write_json(setup["loc"].policy_dir / "p.json", {"models.require_verification": True})
    store = SettingsStore(setup["loc"])
    required = store.get("models.require_verification")
    cat = load_catalogue(store, setup["paths"], setup["etc"])
    verifier = _verifier(setup["paths"])
    ok = check_before_load("a", cat, verifier, require_verification=required)
    ok.handle.close()
    assert ok.path == setup["etc"] / "models" / "a.gguf" and ok.warning == ""
    # The same file named by path is recognised as the catalogue entry.
    by_path = check_before_load(str(setup["a"]), cat, verifier, require_verification=required)
    by_path.handle.close()
    assert by_path.entry == cat.find("a")
    stray = make_gguf(setup["tmp"] / "stray.gguf", "Stray")
    with pytest.raises(ModelRefusedError, match="not in the IT model catalogue"):
        check_before_load(str(stray), cat, verifier, require_verification=required)
    make_gguf(setup["b"], "Tampered", rows=7)
    with pytest.raises(ModelRefusedError, match="does not match the SHA-256 in IT's model catalogue"):
        check_before_load("b", cat, verifier, require_verification=required)
    # Without the policy an unlisted file loads, with a warning to show; IT's hash is never overruled.
    decision = check_before_load(str(stray), cat, verifier, require_verification=False)
    decision.handle.close()
    assert "not been verified" in decision.warning
    with pytest.raises(ModelRefusedError, match="IT's model catalogue"):
        check_before_load("b", cat, verifier, require_verification=False)


def test_import_copies_hashes_and_lists_the_model(setup: dict[str, Any]) -> None:
    store = SettingsStore(setup["loc"])
    cat = load_catalogue(store, setup["paths"], setup["etc"])
    hasher = CountingHasher()
    verifier = _verifier(setup["paths"], hasher)
    src = make_gguf(setup["tmp"] / "downloads" / "My Model.gguf", "Mine", rows=5)
    seen: list[int] = []
    result = import_model(src, settings=store, paths=setup["paths"], catalogue=cat, verifier=verifier,
                          progress=lambda d, t: seen.append(d))
    entry = result.entry
    assert result.copied and entry.id == "My-Model" and entry.source == "user"
    assert entry.path.parent == setup["paths"].models and entry.path.read_bytes() == src.read_bytes()
    assert entry.sha256 == sha256_of(src) and seen[-1] == src.stat().st_size
    recorded = json.loads((setup["paths"].data / "user-models.json").read_text())["models"]
    assert recorded[0]["sha256"] == entry.sha256 and recorded[0]["original"] == str(src)
    cat2 = load_catalogue(store, setup["paths"], setup["etc"])
    listed = cat2.find("My-Model")
    assert listed is not None and listed.name() == "Mine"
    assert verifier.state(listed).state is State.VERIFIED and hasher.calls == []  # hashed while copying
    # Importing it again under the same name picks a fresh id; the copy is found by path.
    again = import_model(src, settings=store, paths=setup["paths"], catalogue=cat2, verifier=verifier)
    assert again.entry.id == "My-Model-2"
    assert import_model(listed.path, settings=store, paths=setup["paths"], catalogue=cat2,
                        verifier=verifier).already_present


def test_import_in_place_and_verification_after_import(setup: dict[str, Any]) -> None:
    write_json(setup["loc"].policy_dir / "p.json", {"models.require_verification": True})
    store = SettingsStore(setup["loc"])
    cat = load_catalogue(store, setup["paths"], setup["etc"])
    verifier = _verifier(setup["paths"])
    src = make_gguf(setup["tmp"] / "big" / "r1.gguf", "R1", rows=3)
    result = import_model(src, settings=store, paths=setup["paths"], catalogue=cat, verifier=verifier,
                          in_place=True, model_id="r1-local")
    assert not result.copied and result.entry.path == src.resolve()
    cat = load_catalogue(store, setup["paths"], setup["etc"])
    decision = check_before_load(str(src), cat, verifier, require_verification=True)
    decision.handle.close()
    assert decision.entry is not None
    make_gguf(src, "R1 changed", rows=9)
    with pytest.raises(ModelRefusedError, match="recorded when it was imported"):
        check_before_load("r1-local", cat, verifier, require_verification=True)
    # Without the policy a changed import of the user's own loads with a warning (not IT's hash).
    relaxed = check_before_load("r1-local", cat, verifier, require_verification=False)
    relaxed.handle.close()
    assert "recorded when it was imported" in relaxed.warning


def test_import_refused_by_policy_and_user_models_hidden(setup: dict[str, Any]) -> None:
    store = SettingsStore(setup["loc"])
    cat = load_catalogue(store, setup["paths"], setup["etc"])
    verifier = _verifier(setup["paths"])
    src = make_gguf(setup["tmp"] / "m.gguf", "M")
    import_model(src, settings=store, paths=setup["paths"], catalogue=cat, verifier=verifier)
    write_json(setup["loc"].policy_dir / "p.json", {"models.user_import_allowed": False})
    store.reload()
    with pytest.raises(ImportRefusedError, match="does not allow"):
        import_model(src, settings=store, paths=setup["paths"], catalogue=cat, verifier=verifier)
    cat = load_catalogue(store, setup["paths"], setup["etc"])
    assert [e.id for e in cat.entries] == ["a", "b"] and not cat.user_imports_allowed


def test_import_rejects_a_file_that_is_not_gguf(setup: dict[str, Any]) -> None:
    store = SettingsStore(setup["loc"])
    cat = load_catalogue(store, setup["paths"], setup["etc"])
    bad = setup["tmp"] / "notes.gguf"
    bad.write_bytes(b"GGUF" + b"\x00" * 10)
    with pytest.raises(ModelFileError):
        import_model(bad, settings=store, paths=setup["paths"], catalogue=cat, verifier=_verifier(setup["paths"]))
    assert not list(setup["paths"].models.iterdir())
