"""Read, merge and write Qt Linguist ``.ts`` files (TS 2.1) without lupdate.

The ``.ts`` file is where translations live. Merging keeps every existing translation whose
``(context, source, comment)`` still occurs in the code, adds new messages as ``unfinished`` and
marks messages no longer in the code ``vanished`` (lrelease skips them; they stay as a memory).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from translations.extract import Extraction, Location


@dataclass
class Entry:
    context: str
    source: str
    comment: str = ""
    numerus: bool = False
    translation: str = ""  # for numerus messages: the single Chinese form
    status: str = ""  # "" (finished), "unfinished", "vanished", "obsolete"
    locations: list[Location] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)


@dataclass
class TsFile:
    language: str
    entries: dict[tuple[str, str, str], Entry] = field(default_factory=dict)

    def active(self) -> list[Entry]:
        return [e for e in self.entries.values() if e.status not in ("vanished", "obsolete")]

    def counts(self) -> dict[str, int]:
        active = self.active()
        return {
            "messages": len(active),
            "finished": sum(1 for e in active if e.status == "" and e.translation.strip()),
            "unfinished": sum(1 for e in active if e.status == "unfinished"),
            "empty": sum(1 for e in active if not e.translation.strip()),
            "numerus": sum(1 for e in active if e.numerus),
            "vanished": len(self.entries) - len(active),
        }


def read_ts(path: Path, language: str) -> TsFile:
    ts = TsFile(language)
    if not path.exists():
        return ts
    root = ET.parse(path).getroot()
    ts.language = root.get("language", language)
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr_el = msg.find("translation")
            numerus = msg.get("numerus") == "yes"
            if tr_el is None:
                text, status = "", "unfinished"
            else:
                status = tr_el.get("type", "")
                if numerus:
                    forms = [f.text or "" for f in tr_el.iter("numerusform")]
                    text = forms[0] if forms else ""
                else:
                    text = tr_el.text or ""
            locations = [Location(_from_ts_path(loc.get("filename", "")), int(loc.get("line", "0")))
                         for loc in msg.iter("location")]
            entry = Entry(name, msg.findtext("source") or "", msg.findtext("comment") or "", numerus,
                          text, status, locations)
            ts.entries[entry.key] = entry
    return ts


def _from_ts_path(name: str) -> str:
    return name[3:] if name.startswith("../") else name


def merge(ts: TsFile, extraction: Extraction) -> TsFile:
    """The extraction's messages, carrying over translations from ``ts``."""
    merged = TsFile(ts.language)
    for key, msg in extraction.messages.items():
        old = ts.entries.get(key)
        translation = old.translation if old else ""
        status = old.status if old else "unfinished"
        if status in ("vanished", "obsolete"):
            status = ""  # the same (context, source, comment) came back: its translation still fits
        if not translation:
            status = "unfinished"
        merged.entries[key] = Entry(msg.context, msg.source, msg.comment, msg.numerus, translation, status,
                                    list(msg.locations))
    for key, old in ts.entries.items():
        if key not in merged.entries and old.translation:
            merged.entries[key] = Entry(old.context, old.source, old.comment, old.numerus, old.translation,
                                        "vanished", [])
    return merged



def write_ts(ts: TsFile, path: Path) -> None:
    """Write in a stable order (context, then first location, then source) for small diffs."""
    root = ET.Element("TS", {"version": "2.1", "language": ts.language, "sourcelanguage": "en"})
    by_context: dict[str, list[Entry]] = {}
    for entry in ts.entries.values():
        by_context.setdefault(entry.context, []).append(entry)
    for name in sorted(by_context):
        ctx = ET.SubElement(root, "context")
        ET.SubElement(ctx, "name").text = name

        def order(e: Entry) -> tuple[int, str, int, str, str]:
            first = e.locations[0] if e.locations else Location("~", 0)
            return (1 if e.status == "vanished" else 0, first.path, first.line, e.source, e.comment)

        for entry in sorted(by_context[name], key=order):
            attrs = {"numerus": "yes"} if entry.numerus else {}
            msg = ET.SubElement(ctx, "message", attrs)
            for loc in entry.locations:
                ET.SubElement(msg, "location", {"filename": "../" + loc.path, "line": str(loc.line)})
            ET.SubElement(msg, "source").text = entry.source
            if entry.comment:
                ET.SubElement(msg, "comment").text = entry.comment
            tr_attrs = {"type": entry.status} if entry.status else {}
            tr_el = ET.SubElement(msg, "translation", tr_attrs)
            if entry.numerus:
                ET.SubElement(tr_el, "numerusform").text = entry.translation
            else:
                tr_el.text = entry.translation
    ET.indent(root, space="    ")
    body = ET.tostring(root, encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
