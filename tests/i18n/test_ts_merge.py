"""The .ts merge keeps translations, adds new messages unfinished and parks removed ones."""

from __future__ import annotations

from pathlib import Path

from translations.extract import extract
from translations.ts_file import merge, read_ts, write_ts


def test_merge_round_trip(tmp_path: Path) -> None:
    app = tmp_path / "app"
    app.mkdir()
    src = app / "m.py"
    src.write_text('from app.i18n import tr\nCTX = "C"\ntr(CTX, "one")\ntr(CTX, "%n two", n=2)\n', encoding="utf-8")
    ts_file = tmp_path / "x.ts"
    ts = merge(read_ts(ts_file, "zh_HK"), extract(tmp_path))
    assert ts.counts()["unfinished"] == 2
    for e in ts.entries.values():
        e.translation, e.status = "譯" + e.source, ""
    write_ts(ts, ts_file)
    src.write_text('from app.i18n import tr\nCTX = "C"\ntr(CTX, "%n two", n=2)\ntr(CTX, "three")\n', encoding="utf-8")
    ts = merge(read_ts(ts_file, "zh_HK"), extract(tmp_path))
    write_ts(ts, ts_file)
    again = read_ts(ts_file, "zh_HK")
    by_source = {e.source: e for e in again.entries.values()}
    assert by_source["%n two"].numerus and by_source["%n two"].translation == "譯%n two"
    assert by_source["three"].status == "unfinished"
    assert by_source["one"].status == "vanished"
    src.write_text('from app.i18n import tr\nCTX = "C"\ntr(CTX, "one")\n', encoding="utf-8")
    back = merge(again, extract(tmp_path))
    one = next(e for e in back.entries.values() if e.source == "one")
    assert one.status == "" and one.translation == "譯one"
