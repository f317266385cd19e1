"""A long bilingual circular as a real DOCX (shared by the summary tests of the domain and the
window): ``pages`` pages of ``clauses`` numbered clauses, split by explicit page breaks."""

from __future__ import annotations

from pathlib import Path

import docx


def clause(page: int, n: int) -> str:
    return (f"Clause {page}.{n}: officers of the section shall submit the return within {n + 10} working days "
            f"of the notice. 第{page}.{n}條：各部門須於接獲通知後{n + 10}個工作天內提交申報表。")


def write_circular(path: Path, pages: int = 12, clauses: int = 4) -> Path:
    document = docx.Document()
    for page in range(1, pages + 1):
        for n in range(1, clauses + 1):
            document.add_paragraph(clause(page, n))
        if page < pages:
            document.add_page_break()
    document.save(str(path))
    return path
