"""A table for people at a terminal: colour when asked, plain text otherwise."""

from __future__ import annotations

from ..report import Report
from ._text import (
    FIGURE_MARK,
    STATUS_TONE,
    change_label,
    changes_line,
    TERM_MARK,
    clean,
    marks,
    sentence_excerpt,
    summary_line,
    text_console,
    uncited_count,
    where,
)

_TONE_STYLES = {"good": "green", "doubt": "yellow", "bad": "red", "unknown": "magenta",
                "unchecked": "dim"}
STYLES = {status: _TONE_STYLES[tone] for status, tone in STATUS_TONE.items()}


def render(report: Report, color: bool = False, width: int = 100) -> str:
    """A summary for people at a terminal; plain text unless `color`."""
    from rich.markup import escape
    from rich.padding import Padding
    from rich.table import Table

    def indented(markup: str, by: int) -> Padding:  # wrapped lines keep the indent
        return Padding(markup, (0, 0, 0, by), expand=False)

    console = text_console(width, color)
    for doc in report.documents:
        dated = f" (dated {escape(clean(doc.date))})" if doc.date else ""
        console.print(f"[bold]{escape(clean(doc.path))}[/bold]{dated}")
        changed = changes_line(doc.changed_since, doc.citations)
        if changed:
            console.print(indented(escape(changed), 2))
        if not doc.citations:
            console.print("  no citations found")
        table = Table(show_header=True, header_style="bold", box=None, pad_edge=False,
                      expand=False)
        table.add_column("Note", no_wrap=True)
        table.add_column("Line", justify="right", no_wrap=True)
        table.add_column("Status", no_wrap=True)
        table.add_column("Figures")
        table.add_column("Terms")
        table.add_column("Why", overflow="fold")
        for c in doc.citations:
            figures = " ".join(
                f"{FIGURE_MARK.get(f.outcome, '?')}{escape(clean(f.text))}" for f in c.figures
            ) or "—"
            terms = escape(" ".join(m.replace(" ", "", 1) for m in marks(c.terms, TERM_MARK))) or "—"
            table.add_row(f"[{escape(clean(c.id))}]{change_label(c)}", where(c.line, c.page),
                          f"[{STYLES[c.status]}]{c.status.value}[/]", figures, terms,
                          escape(clean(c.reason))
                          + (f"\n[dim]{escape(clean(c.url))}[/dim]" if c.url else ""))
        if doc.citations:
            console.print(table)
        if doc.uncited:
            console.print(f"  citation needed: {uncited_count(len(doc.uncited))}")
        for u in doc.uncited:
            figures = ", ".join(escape(clean(f)) for f in u.figures)
            console.print(indented(f"{where(u.line, u.page, prose=True)}: [bold]{figures}[/bold] "
                                   f"— {escape(sentence_excerpt(u.sentence, 100))}", 4))
        for w in doc.warnings:
            console.print(indented(f"[dim]warning, line {w.line}: {escape(clean(w.message))}[/dim]",
                                   2))
    for w in report.warnings:  # about the run, not one document
        console.print(f"[dim]warning: {escape(clean(w))}[/dim]")
    console.print(f"[bold]{escape(summary_line(report))}[/bold]")
    return console.file.getvalue()
