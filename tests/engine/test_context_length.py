"""``model.context_length = 0`` means the model's own trained length, capped by what memory allows
(the planner's estimate), never below min(trained, 4096); an explicit length is kept, up to the
trained one. Fake devices are injected; the model file is a real generated GGUF."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.devices import GIB, CpuFacts, make_device
from engine.diagnostic import diagnostic_model_path
from engine.gguf_file import inspect
from engine.loader import DEFAULT_N_CTX, LoadOptions, place
from engine.planner import footprint_from_gguf

TRAINED = 65_536
CPU_FACTS = CpuFacts(physical_cores=2, logical_cpus=2, usable_cpus=2)


@pytest.fixture(scope="module")
def info(tmp_path_factory: pytest.TempPathFactory) -> object:
    path = diagnostic_model_path(tmp_path_factory.mktemp("ctx"), script=None, n_ctx_train=TRAINED)
    found = inspect(Path(path))
    assert found.context_length == TRAINED
    return found


def cpu(free: int) -> object:
    return make_device("CPU", "Test CPU", "cpu", "CPU", max(free, 1), free)


def n_ctx_with(info: object, free: int, n_ctx: int = 0) -> int:
    return place(info, LoadOptions(n_ctx=n_ctx), devices=[cpu(free)], cpu=CPU_FACTS).n_ctx  # type: ignore[arg-type]


def test_zero_uses_the_trained_length_when_memory_allows(info: object) -> None:
    assert n_ctx_with(info, 256 * GIB) == TRAINED


def test_zero_is_capped_by_free_memory(info: object) -> None:
    fp = footprint_from_gguf(info)  # type: ignore[arg-type]
    # Room for 16k tokens of context but not for 32k: the planner's own estimate decides.
    free = fp.bytes_needed(16_384)
    assert fp.bytes_needed(32_768) > free
    assert n_ctx_with(info, free) == 16_384
    assert n_ctx_with(info, 1) == DEFAULT_N_CTX  # nothing fits: the floor, as before


def test_an_explicit_length_is_kept_up_to_the_trained_one(info: object) -> None:
    assert n_ctx_with(info, 1, n_ctx=8192) == 8192  # the user's choice, whatever memory says
    assert n_ctx_with(info, 256 * GIB, n_ctx=1_000_000) == TRAINED


def test_a_catalogue_length_bounds_the_context_and_memory_still_caps_zero(info: object) -> None:
    def with_cap(free: int, n_ctx: int = 0) -> int:
        opts = LoadOptions(n_ctx=n_ctx, max_n_ctx=32_768)
        return place(info, opts, devices=[cpu(free)], cpu=CPU_FACTS).n_ctx  # type: ignore[arg-type]

    assert with_cap(256 * GIB) == 32_768  # IT's length, not the trained 65,536
    fp = footprint_from_gguf(info)  # type: ignore[arg-type]
    assert with_cap(fp.bytes_needed(16_384)) == 16_384  # still capped by what memory allows
    assert with_cap(1, n_ctx=1_000_000) == 32_768  # an explicit setting stays inside IT's bound
