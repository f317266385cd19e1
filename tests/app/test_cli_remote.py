"""`bauhinia ask -m remote:<endpoint>/<model>` and `doctor` against a real llama.cpp server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures_models import DEFAULT_SCRIPT
from remote_server import LlamaServer

from app.cli.main import main


@pytest.fixture(scope="module")
def server(scripted_model_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LlamaServer]:
    srv = LlamaServer(scripted_model_path, tmp_path_factory.mktemp("srv") / "server.log").start()
    yield srv
    srv.stop()


def write_policy(admin_dir: Path, body: dict[str, object]) -> None:
    (admin_dir / "policies").mkdir(parents=True, exist_ok=True)
    (admin_dir / "policies" / "50-remote.json").write_text(json.dumps(body), encoding="utf-8")


def endpoint_policy(server: LlamaServer, *, allowed: bool = True) -> dict[str, object]:
    return {
        "remote.allowed": allowed,
        "remote.allowed_hosts": ["127.0.0.1"],
        "remote.endpoints": [{"id": "cluster", "url": server.url.removesuffix("/v1"),
                              "display_name": "Dept cluster", "models": ["r1"]}],
    }


def test_ask_remote_streams_reasoning_and_answer(server: LlamaServer, _isolated_admin_dir: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    write_policy(_isolated_admin_dir, endpoint_policy(server))
    code = main(["ask", "-m", "remote:cluster/r1", "--no-history", "--json", "--seed", "1", "政策?"])
    out, err = capsys.readouterr()
    assert code == 0, err
    data = json.loads(out)
    assert data["content"] == DEFAULT_SCRIPT.content
    assert data["reasoning"] == DEFAULT_SCRIPT.reasoning
    assert data["finish_reason"] == "stop"


def test_ask_remote_refused_when_policy_forbids(server: LlamaServer, _isolated_admin_dir: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    write_policy(_isolated_admin_dir, endpoint_policy(server, allowed=False))
    code = main(["ask", "-m", "remote:cluster/r1", "--no-history", "hi"])
    _, err = capsys.readouterr()
    assert code != 0 and err.startswith("bauhinia: ") and len(err.strip().splitlines()) == 1


def test_doctor_reports_reachability_and_latency(server: LlamaServer, _isolated_admin_dir: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    write_policy(_isolated_admin_dir, endpoint_policy(server))
    assert main(["doctor", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    ep = next(e for e in report["remote_endpoints"] if e.get("id") == "cluster")
    assert ep["reachable"] is True and ep["latency_ms"] is not None and ep["latency_ms"] >= 0
    assert ep["tls"]
    assert main(["doctor"]) == 0
    human = capsys.readouterr().out
    assert "Dept cluster" in human and "reachable" in human
