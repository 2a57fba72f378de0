"""Link-rot reports (`citecheck rot`): the same care as the verification reports, for a
:class:`~citecheck.report.RotReport` (terminal, JSON, Markdown)."""

from __future__ import annotations

from collections.abc import Callable

from ..report import RotReport, RotResult, RotStatus
from ._text import changes_line, clean, counts_line, json_text, robust_attributes, text_console
from .markdown import html_text, md_link, md_text, run_warnings

ROT_ICON = {
    RotStatus.OK: "✅", RotStatus.DEAD: "💀", RotStatus.SOFT_404: "👻",
    RotStatus.REDIRECTED: "↪️", RotStatus.DRIFTED: "✏️", RotStatus.BLOCKED: "⛔",
    RotStatus.UNREACHABLE: "⚠️", RotStatus.SKIPPED: "⏭️",
}


def rot_summary_line(report: RotReport) -> str:
    return counts_line(report.summary(), RotStatus)


def _since(c: RotResult) -> str:
    if c.rotted and c.rotted_since:
        last = f"; last fine {c.last_archived_ok[:10]}" if c.last_archived_ok else ""
        return f"since {c.rotted_since[:10]}{last}"
    if c.status is RotStatus.OK and c.first_archived_ok:
        return f"fine since {c.first_archived_ok[:10]}"
    return ""


def render_rot_json(report: RotReport) -> str:
    return json_text(report.to_dict())


def render_rot_markdown(report: RotReport) -> str:
    out = ["## citecheck link rot", ""]
    out.append(f"**{rot_summary_line(report)}**"
               + ("" if report.exit_code == 0 else " — links have rotted"))
    out.append("")
    out.extend(run_warnings(report.warnings))
    for doc in report.documents:
        dated = f" (dated {doc.date})" if doc.date else ""
        out.append(f"### {md_text(doc.path)}{dated}")
        out.append("")
        changed = changes_line(doc.changed_since, doc.citations, md_text)
        if changed:
            out.extend([f"**{changed}**", ""])
        if not doc.citations:
            out.append("_No cited URLs in this document._")
            out.append("")
            continue
        out.append("| Note | Line | Source | Status | Since | Replacement |")
        out.append("|---|---:|---|---|---|---|")
        for c in doc.citations:
            status = f"{ROT_ICON[c.status]} {c.status.value.replace('_', ' ')}"
            replacement = md_link(c.wayback.url, attributes=_memento(c)[:2]) \
                if c.wayback and c.wayback.url else "—"
            out.append(f"| [{md_text(c.id)}] | {c.line} | {md_link(c.url)} | {status} "
                       f"| {md_text(_since(c)) or '—'} | {replacement} |")
        out.append("")
        for c in doc.citations:
            if c.status is RotStatus.OK:
                continue
            out.append(f"<details><summary>[{html_text(c.id)}] "
                       f"{c.status.value.replace('_', ' ')}: {html_text(c.reason)}</summary>")
            out.append("")
            out.append(f"- **Claim** (line {c.line}): {md_text(c.claim)}")
            if c.final_url and c.final_url != c.url:
                out.append(f"- **Now ends at**: {md_link(c.final_url)}")
            if c.compared_with:
                out.append(f"- **Compared with** the copy archived {md_text(c.compared_with.date)}"
                           f" (`{md_text(c.compared_with.warc)}` at {c.compared_with.offset})")
            if c.wayback:
                w = c.wayback
                verdict = f"{w.status.value.replace('_', ' ')}: " if w.status else ""
                where = f"Memento ({md_text(_host(w.timegate))})" if w.timegate \
                    else "Wayback Machine"
                link = md_link(w.url, attributes=_memento(c)[:2]) if w.url else "—"
                out.append(f"- **{where}**: {link} — "
                           f"{md_text(verdict + w.reason)}")
            out.extend(["", "</details>", ""])
    out.append(f"<sub>{html_text(report.tool)} · {html_text(report.generated_at)}</sub>")
    return "\n".join(out) + "\n"


def render_rot_terminal(report: RotReport, color: bool = False, width: int = 100) -> str:
    from rich.markup import escape
    from rich.table import Table

    styles = {RotStatus.OK: "green", RotStatus.BLOCKED: "magenta",
              RotStatus.UNREACHABLE: "magenta"}
    console = text_console(width, color)
    for doc in report.documents:
        dated = f" (dated {doc.date})" if doc.date else ""
        console.print(f"[bold]{escape(clean(doc.path))}[/bold]{dated}")
        changed = changes_line(doc.changed_since, doc.citations)
        if changed:
            console.print(f"  {escape(changed)}")
        if not doc.citations:
            console.print("  no cited URLs")
            continue
        table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
        table.add_column("Note", no_wrap=True)
        table.add_column("Line", justify="right", no_wrap=True)
        table.add_column("Status", no_wrap=True)
        table.add_column("Why", overflow="fold")
        for c in doc.citations:
            why = clean(c.reason)
            if _since(c):
                why += f" [{_since(c)}]"
            if c.wayback:
                where = "Memento" if c.wayback.timegate else "Wayback"
                why += (f"; {where}: {clean(c.wayback.url)}" if c.wayback.url
                        else f"; {clean(c.wayback.reason)}")
                if c.wayback.status:
                    why += f" ({c.wayback.status.value}: {clean(c.wayback.reason)})"
            table.add_row(f"[{escape(c.id)}]", str(c.line),
                          f"[{styles.get(c.status, 'red')}]{c.status.value}[/]", escape(why))
        console.print(table)
    for w in report.warnings:  # about the run, not one document
        console.print(f"[dim]warning: {escape(clean(w))}[/dim]")
    console.print(f"[bold]{escape(rot_summary_line(report))}[/bold]")
    return console.file.getvalue()


RotRenderer = Callable[[RotReport], str]

ROT_RENDERERS: dict[str, RotRenderer] = {
    "terminal": render_rot_terminal,
    "json": render_rot_json,
    "md": render_rot_markdown,
}


def _host(url: str) -> str:
    return url.split("://", 1)[-1].split("/", 1)[0]


def _memento(c: RotResult) -> list[tuple[str, str]]:
    """Robust Links attributes of the link to the proposed snapshot: the page it is a copy
    of, and when it was made."""
    t = (c.wayback.timestamp or "") if c.wayback else ""
    date = f"{t[:4]}-{t[4:6]}-{t[6:8]}T{t[8:10]}:{t[10:12]}:{t[12:14]}Z" if len(t) == 14 else ""
    return robust_attributes(c.url, {"date": date} if date else None)
