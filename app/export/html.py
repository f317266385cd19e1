"""ExportRecord → simple, self-contained HTML for the PDF adapter (Qt's rich-text subset)."""

from __future__ import annotations

from html import escape

from app.export.records import CONTEXT, ExportRecord, format_time, metadata_rows, reply_notes, role_label
from app.i18n import tr


def _para(text: str) -> str:
    return escape(text).replace("\n", "<br/>")


def record_html(record: ExportRecord) -> str:
    parts = [f"<h1>{escape(record.title)}</h1>", '<table border="1" cellspacing="0" cellpadding="4" width="100%">']
    for label, value in metadata_rows(record):
        parts.append(f"<tr><td width=\"28%\"><b>{escape(label)}</b></td><td>{_para(value)}</td></tr>")
    parts.append("</table>")
    if record.system_prompt:
        parts.append(f"<h3>{escape(tr(CONTEXT, 'System prompt'))}</h3><p>{_para(record.system_prompt)}</p>")
    for m in record.messages:
        heading = role_label(m.role)
        if m.role == "assistant" and m.model:
            heading += f" ({m.model})"
        parts.append(f"<h3>{escape(heading)} — {escape(format_time(m.created_at))}</h3>")
        if m.version[1] > 1:
            note = tr(CONTEXT, "Version {i} of {n}").format(i=m.version[0], n=m.version[1])
            parts.append(f"<p><i>{escape(note)}</i></p>")
        if m.reasoning:
            parts.append(f"<p><b>{escape(tr(CONTEXT, 'Thinking'))}</b></p>"
                         f'<blockquote><font color="#555555">{_para(m.reasoning)}</font></blockquote>')
        parts.append(f"<p>{_para(m.content)}</p>")
        for label, value in reply_notes(record, m):
            parts.append(f'<p><font color="#444444"><b>{escape(label)}:</b> {_para(value)}</font></p>')
    return "<html><body>" + "\n".join(parts) + "</body></html>"
