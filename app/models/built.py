"""Models the application generates itself (the diagnostic model, the benchmark model).

Their cache file names can be predicted, so a file found there proves nothing: anyone could have
put a GGUF there. A built model is loaded only as bytes the app just built, or bytes whose SHA-256
matches the one recorded (under the keyring-keyed MAC of :class:`~app.models.verification.HashCache`)
when the app built them — checked through the same open handle the model is then loaded from.
Without a usable keyring nothing can be recorded, so the model is rebuilt for every load.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.models.verification import HashCache, Progress, Verifier
from engine.errors import Cancelled, ModelFileError
from engine.model_file import ModelHandle
from engine.types import CancelToken

if TYPE_CHECKING:  # the generator (gguf, numpy) is imported only when a model is built
    from engine.diagnostic import Script

BUILT_DIR = "diagnostic"


@dataclass(frozen=True)
class BuiltModel:
    """``build(path)`` writes the model to ``path``; ``name`` is unique for what it builds."""

    name: str
    label: str
    build: Callable[[Path], object]
    #: The app's own diagnostic model: its replies end with the installation report
    #: (:mod:`app.diagnostic_report`); a prepared copy (tests, benchmarks) says only its script.
    report: bool = False

    @classmethod
    def copy_of(cls, source: Path, label: str = "") -> BuiltModel:
        """A "build" that copies ``source`` (tests and benchmarks hand the window a prepared model
        this way): the bytes copied at load time are the ones hashed and loaded."""
        import shutil

        return cls(f"copy-{source.name}", label or source.stem, lambda dest: shutil.copyfile(source, dest))


_DEFAULT = object()


def diagnostic_model(script: Script | object | None = _DEFAULT) -> BuiltModel:
    """The diagnostic model: scripted (readable: the interface language's
    :func:`app.diagnostic_report.diagnostic_script` unless another script is given) or random
    weights (``script=None``). Its replies end with the installation report."""
    from app.diagnostic_report import diagnostic_script
    from app.i18n import tr
    from engine.diagnostic import Script, build_model, diagnostic_file_name

    chosen = diagnostic_script() if script is _DEFAULT else script
    assert chosen is None or isinstance(chosen, Script)

    def build(path: Path) -> object:
        return build_model(path, script=chosen)

    return BuiltModel(diagnostic_file_name(script=chosen), tr("Models", "Diagnostic model"), build, report=True)


def bench_model() -> BuiltModel:
    """The real-proportion random-weight model ``bauhinia bench`` measures by default."""
    def build(path: Path) -> object:
        from engine.diagnostic import build_bench_model

        return build_bench_model(path)

    return BuiltModel("bench-qwen2-24L-896-Q4_K_M.gguf", "bench", build)


def copy_bench_model() -> BuiltModel:
    """The scripted model ``bauhinia bench --prompt-lookup`` rewrites a memo with: Qwen2.5-0.5B
    widths at Q8_0 (~180 MiB, so decode is as memory-bound as a real model's), and its reply is
    the memo (:func:`engine.bench_lookup.copy_model_script`)."""
    from engine.bench_lookup import copy_model_script
    from engine.diagnostic import build_model, diagnostic_file_name

    script = copy_model_script()

    def build(path: Path) -> object:
        return build_model(path, script=script, n_layer=24, n_embd=896, quant="Q8_0")

    name = diagnostic_file_name(script=script, n_layer=24, n_embd=896, quant="Q8_0")
    return BuiltModel(name, "copy-bench", build)


def open_built(model: BuiltModel, folder: Path, verifier: Verifier, *, progress: Progress | None = None,
               cancel: CancelToken | None = None) -> ModelHandle:
    """An open handle on verified bytes of ``model``: the cached file if its hash matches the
    recorded one, else a fresh build (recorded for next time when the keyring allows)."""
    path = folder / model.name
    cache: HashCache = verifier.cache
    recorded = cache.built_sha256(model.name)
    if recorded is not None:
        try:
            handle = ModelHandle.open(path)
        except ModelFileError:
            handle = None
        if handle is not None:
            try:
                actual, _ = verifier.measure(handle, progress, cancel)
            except BaseException:
                handle.close()
                raise
            if actual == recorded:
                return handle
            handle.close()
    if cancel is not None and cancel.cancelled:
        raise Cancelled("cancelled")
    return _build_fresh(model, path, verifier)


def _build_fresh(model: BuiltModel, path: Path, verifier: Verifier) -> ModelHandle:
    """Build into a private temporary file, open it, hash it, record the hash, then rename it into
    place; the returned handle is on the bytes just built, whatever happens to ``path`` later."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".build-", suffix=".gguf", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    handle: ModelHandle | None = None
    try:
        model.build(tmp)
        handle = ModelHandle.open(tmp)
        sha = handle.sha256()
        os.replace(tmp, path)
        handle.path = path
        handle.opened = handle.fingerprint()  # the rename changed its change time, not its bytes
        handle.checked_sha256 = sha
        if verifier.cache.record_built(model.name, sha):
            verifier.cache.store(path, handle.fingerprint(), sha)
        return handle
    except BaseException:
        if handle is not None:
            handle.close()
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
