"""Greedy-token agreement between two loads of a model (engine.agreement, used by gpu-check.sh).

No GPU here: the real runs are CPU against CPU (must agree exactly) and two different models
(must not, at a wide margin: what a broken GPU kernel looks like). The comparison rules are also
checked on constructed runs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.agreement import GreedyRun, compare, greedy_run


def run(tokens: list[int], margins: list[float] | None = None, device: str = "CPU") -> GreedyRun:
    return GreedyRun(device, 0, tuple(tokens), tuple(margins or [1.0] * len(tokens)))


def test_the_same_model_on_the_same_device_agrees_token_for_token(random_model_path: Path) -> None:
    a = greedy_run(random_model_path, "cpu", 24)
    b = greedy_run(random_model_path, "cpu", 24)
    assert a.device == b.device == "CPU" and a.n_gpu_layers == 0
    assert len(a.tokens) == len(a.margins) >= 1 and all(m >= 0 for m in a.margins)
    result = compare(a, b, 24)
    assert result.equal and result.first_divergence is None
    assert result.agreed == min(24, len(a.tokens))
    assert a.tokens == b.tokens and a.margins == pytest.approx(b.margins)


def test_different_weights_part_at_once_and_not_by_a_near_tie(random_model_path: Path,
                                                              scripted_model_path: Path) -> None:
    a = greedy_run(scripted_model_path, "cpu", 16)
    b = greedy_run(random_model_path, "cpu", 16)
    result = compare(a, b, 16)
    assert not result.equal
    assert result.first_divergence == result.agreed == 0
    assert result.margin_at_divergence is not None and result.margin_at_divergence > 0.05
    assert not result.near_tie
    data = result.to_json()
    assert data["equal"] is False and "margins" not in data["a"] and data["a"]["tokens"]


def test_comparison_rules_on_constructed_runs() -> None:
    ref = run([5, 6, 7, 8], [3.0, 2.0, 0.01, 4.0])
    assert compare(ref, run([5, 6, 7, 8]), 4).equal
    tie = compare(ref, run([5, 6, 9, 8]), 4)
    assert (tie.first_divergence, tie.agreed, tie.margin_at_divergence, tie.near_tie) == (2, 2, 0.01, True)
    assert not compare(ref, run([5, 6, 9, 8]), 4, tie_margin=0.001).near_tie
    assert compare(ref, run([5, 6, 9, 8]), 2).equal  # only the first n tokens count
    short = compare(ref, run([5, 6]), 4)  # one run stopped early: they differ where it stopped
    assert short.first_divergence == 2 and not short.equal
    both_stop = compare(run([5, 6]), run([5, 6]), 4)
    assert both_stop.equal and both_stop.agreed == 2
