"""The hostile-document corpus and the sandbox: every bad file gives its kind, nothing else breaks."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from pathlib import Path

import pytest
from hostile_docs import Case, docx_bytes, hostile_cases, pdf_bytes, write, write_case

from app.documents import KINDS, NOTICE_KINDS, DocumentError, ExtractLimits, Notice, ParserProcess, describe, extract
from app.documents.formats import check_bytes

CASES = hostile_cases()


def _kind(call: object) -> str:
    with pytest.raises(DocumentError) as caught:
        call()  # type: ignore[operator]
    return caught.value.kind


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_corpus_case_gives_its_kind(tmp_path: Path, parser: ParserProcess, case: Case) -> None:
    path = write_case(tmp_path, case)
    assert _kind(lambda: extract(path, parser=parser)) == case.kind


def test_the_parser_still_works_after_the_whole_corpus(tmp_path: Path, parser: ParserProcess) -> None:
    for case in CASES:
        with contextlib.suppress(DocumentError):
            extract(write_case(tmp_path, case), parser=parser)
    doc = extract(write(tmp_path, "fine.pdf", pdf_bytes(["still fine"])), parser=parser)
    assert doc.pages[0].text == "still fine"


def test_zip_bombs_are_refused_before_parsing() -> None:
    """The zip checks run in the parent on the directory alone: no child, no decompression."""
    for case in CASES:
        if case.kind == "zip_bomb":
            fmt = case.file_name.rsplit(".", 1)[1]
            assert _kind(lambda c=case, f=fmt: check_bytes(c.build(), f, ExtractLimits())) == "zip_bomb"


def test_declared_total_and_member_count_limits(tmp_path: Path, parser: ParserProcess) -> None:
    path = write(tmp_path, "ok.docx", docx_bytes(["hello"] * 50))
    assert extract(path, parser=parser).pages[0].text.startswith("hello")
    assert _kind(lambda: extract(path, ExtractLimits(max_unpacked_bytes=2000), parser=parser)) == "zip_bomb"
    assert _kind(lambda: extract(path, ExtractLimits(max_members=3), parser=parser)) == "zip_bomb"


def test_file_over_the_size_limit(tmp_path: Path, parser: ParserProcess) -> None:
    path = write(tmp_path, "big.txt", b"x" * (2 * 1024 * 1024 + 1))
    with pytest.raises(DocumentError) as caught:
        extract(path, ExtractLimits.from_megabytes(2), parser=parser)
    assert caught.value.kind == "too_large" and caught.value.value == "2"
    assert "2 MB" in caught.value.describe()
    assert extract(path, ExtractLimits.from_megabytes(3), parser=parser).size == 2 * 1024 * 1024 + 1


def test_missing_file_and_a_file_deleted_before_extraction(tmp_path: Path, parser: ParserProcess) -> None:
    path = write(tmp_path, "gone.docx", docx_bytes(["x"]))
    listed = sorted(tmp_path.iterdir())  # an indexer lists the folder first …
    path.unlink()  # … the file is deleted before its turn
    assert _kind(lambda: extract(listed[0], parser=parser)) == "missing"


def test_directory_and_fifo_are_unreadable_without_hanging(tmp_path: Path, parser: ParserProcess) -> None:
    (tmp_path / "folder.txt").mkdir()
    assert _kind(lambda: extract(tmp_path / "folder.txt", parser=parser)) == "unreadable"
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.txt")
        assert _kind(lambda: extract(tmp_path / "pipe.txt", parser=parser)) == "unreadable"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_permission_denied_is_unreadable(tmp_path: Path, parser: ParserProcess) -> None:
    path = write(tmp_path, "private.txt", b"secret")
    path.chmod(0)
    assert _kind(lambda: extract(path, parser=parser)) == "unreadable"


def test_timeout_kills_the_child_and_the_next_file_gets_a_fresh_one(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", b"hello")
    parser = ParserProcess(ExtractLimits(timeout_s=0.001))  # no interpreter starts in a millisecond
    try:
        assert _kind(lambda: extract(path, parser=parser)) == "timeout"
        assert parser._process is None  # killed and reaped
        parser.limits = ExtractLimits()
        assert extract(path, parser=parser).pages[0].text == "hello"
        assert parser.started == 2
    finally:
        parser.close()


def test_memory_limit_stops_a_reader(tmp_path: Path) -> None:
    """120 MiB of address space: the interpreter fits (about 40 MiB), a 44 MB text file and its
    decoded copies do not (160 MiB would: measured). The next file gets a fresh child."""
    path = write(tmp_path, "huge.txt", b"abcdefghij\n" * 4_000_000)
    limits = ExtractLimits(max_file_bytes=100 * 1024 * 1024, memory_bytes=120 * 1024 * 1024, max_chars=10**9)
    with ParserProcess(limits) as parser:
        assert _kind(lambda: extract(path, parser=parser)) == "memory"
        small = write(tmp_path, "small.txt", b"fits")
        assert extract(small, parser=parser).pages[0].text == "fits"
        assert parser.started == 2


@pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="POSIX signals")
def test_a_child_that_dies_mid_parse_is_reported_as_crashed(tmp_path: Path) -> None:
    """A reader killed by a signal (as a native crash would): the child is stopped before the job
    is sent, so it cannot answer before it is killed; the next file gets a fresh child."""
    path = write(tmp_path, "a.txt", b"hello")
    with ParserProcess() as parser:
        assert extract(path, parser=parser).pages[0].text == "hello"
        pid = parser._process.pid
        os.kill(pid, signal.SIGSTOP)
        killer = threading.Timer(0.5, os.kill, (pid, signal.SIGKILL))
        killer.start()
        with pytest.raises(DocumentError) as caught:
            extract(path, parser=parser)
        killer.join()
        assert caught.value.kind == "crashed" and str(-signal.SIGKILL) in caught.value.detail
        assert extract(path, parser=parser).pages[0].text == "hello"
        assert parser.started == 2


def test_extract_without_a_parser_starts_and_ends_its_own(tmp_path: Path) -> None:
    import multiprocessing

    before = {child.pid for child in multiprocessing.active_children()}
    doc = extract(write(tmp_path, "a.md", b"# Title\ntext"))
    assert doc.pages[0].text == "# Title\ntext" and doc.format == "md"
    assert {child.pid for child in multiprocessing.active_children()} <= before


def test_every_kind_has_three_language_messages() -> None:
    from app.i18n import switch_language

    for language in ("en", "zh_HK", "zh_CN"):
        switch_language(language)
        texts = [describe(kind, "50") for kind in KINDS] + [Notice(k, "3").describe() for k in NOTICE_KINDS]
        assert all(t and "\n" not in t and "%1" not in t for t in texts)
        if language != "en":
            assert all(any("\u4e00" <= ch <= "\u9fff" for ch in t) for t in texts), language
    switch_language("zh_HK")
    assert "OCR" in describe("no_text") and "文字" in describe("no_text")


def test_unknown_kind_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        DocumentError("no-such-kind")
