"""Extraction throughput (prints numbers; asserts nothing): pages/s for a mixed folder of DOCX
and PDF files, Chinese and English, through one reused parsing child (as a library indexer
would), plus the child's start-up cost and the chunking rate.

    nice .venv/bin/python tests/benchmarks/bench_extract.py [--pages 1000] [--pages-per-file 20]

Context (issue 14): indexing 1,000 pages of mixed DOCX/PDF must take at most 60 s on 2 cores,
BM25 indexing included; extraction is one part of that budget.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "documents"))

from hostile_docs import docx_bytes, pdf_bytes

from app.documents import ExtractLimits, ParserProcess, chunk_pages, extract

ENGLISH = ("The Office of the Government Chief Information Officer issues this circular on information "
           "security. Departments shall review their systems every quarter and report incidents within one day.")
CHINESE = ("政府資訊科技總監辦公室就資訊保安發出本通告。各部門須每季檢討其系統，並於一日內報告保安事故。"
           "佢哋話呢份文件嘅內容好重要，我哋已經喺會議度討論咗。")


def page_text(rng: random.Random, lines: int = 30) -> str:
    return "\n".join((ENGLISH if rng.random() < 0.5 else CHINESE)[: rng.randrange(40, 120)] for _ in range(lines))


def build(folder: Path, pages: int, per_file: int) -> list[Path]:
    rng = random.Random(14)
    paths = []
    for index in range(0, pages, per_file):
        texts = [page_text(rng) for _ in range(min(per_file, pages - index))]
        if (index // per_file) % 2:
            path = folder / f"doc{index:05d}.pdf"
            path.write_bytes(pdf_bytes(texts))
        else:
            path = folder / f"doc{index:05d}.docx"
            blocks: list[str | list[list[str]]] = [line for text in texts for line in text.split("\n")]
            breaks = [i for i in range(29, len(blocks) - 1, 30)]
            path.write_bytes(docx_bytes(blocks, page_break_after=breaks))
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--pages-per-file", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        paths = build(Path(tmp), args.pages, args.pages_per_file)
        print(f"corpus: {len(paths)} files, {args.pages} pages, built in {time.perf_counter() - started:.1f} s")
        limits = ExtractLimits()
        with ParserProcess(limits) as reader:
            started = time.perf_counter()
            extract(paths[0], parser=reader)
            print(f"first file incl. child start-up: {time.perf_counter() - started:.2f} s")
            totals = {"docx": [0, 0.0], "pdf": [0, 0.0]}
            passages = 0
            chunk_s = 0.0
            for path in paths:
                t0 = time.perf_counter()
                doc = extract(path, parser=reader)
                t1 = time.perf_counter()
                passages += len(chunk_pages(doc.pages))
                chunk_s += time.perf_counter() - t1
                totals[doc.format][0] += len(doc.pages)
                totals[doc.format][1] += t1 - t0
        for fmt, (count, seconds) in totals.items():
            print(f"{fmt}: {count} pages in {seconds:.2f} s = {count / seconds:.0f} pages/s")
        pages = sum(c for c, _ in totals.values())
        seconds = sum(s for _, s in totals.values())
        print(f"mixed: {pages} pages in {seconds:.2f} s = {pages / seconds:.0f} pages/s (child reused)")
        print(f"chunking: {passages} passages in {chunk_s:.2f} s")
        started = time.perf_counter()
        extract(paths[1])
        print(f"one file with its own child (spawn + imports + parse): {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
