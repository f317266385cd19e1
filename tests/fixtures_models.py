"""Pytest fixtures that provide generated GGUF models, built once per test session.

Scripted models stream ``DEFAULT_SCRIPT.completion_text`` after the DeepSeek-R1 generation prompt
(see :mod:`engine.diagnostic`); ``random_model_path`` has random weights.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from engine.diagnostic import DEFAULT_SCRIPT, Script, diagnostic_model_path

__all__ = ["DEFAULT_SCRIPT", "Script"]

ModelFactory = Callable[..., Path]


@pytest.fixture(scope="session")
def model_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One directory per session that holds every generated model (keyed by its parameters)."""
    return tmp_path_factory.mktemp("diagnostic-models")


@pytest.fixture(scope="session")
def scripted_model_factory(model_cache_dir: Path) -> ModelFactory:
    """``factory(script=DEFAULT_SCRIPT, **build_model_kwargs) -> Path``; same arguments, same file."""

    def factory(script: Script | None = DEFAULT_SCRIPT, **kwargs: Any) -> Path:
        return diagnostic_model_path(model_cache_dir, script=script, **kwargs)

    return factory


@pytest.fixture(scope="session")
def scripted_model_path(scripted_model_factory: ModelFactory) -> Path:
    """qwen2 (R1-Distill-Qwen shape), Q8_0, R1 chat template, ``DEFAULT_SCRIPT``."""
    return scripted_model_factory()


@pytest.fixture(scope="session")
def scripted_llama_path(scripted_model_factory: ModelFactory) -> Path:
    """llama (R1-Distill-Llama shape), Q8_0, R1 chat template, ``DEFAULT_SCRIPT``."""
    return scripted_model_factory(arch="llama")


@pytest.fixture(scope="session")
def deepseek2_model_path(scripted_model_factory: ModelFactory) -> Path:
    """deepseek2 (MLA + MoE, DeepSeek-V3/R1 shape), Q8_0, R1 chat template, ``DEFAULT_SCRIPT``."""
    return scripted_model_factory(arch="deepseek2")


@pytest.fixture(scope="session")
def random_model_path(scripted_model_factory: ModelFactory) -> Path:
    """qwen2, Q8_0, R1 chat template, random weights (random text)."""
    return scripted_model_factory(script=None)


@pytest.fixture(scope="session")
def default_script() -> Script:
    return DEFAULT_SCRIPT
