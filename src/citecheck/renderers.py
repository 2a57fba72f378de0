"""Renderers: each turns a :class:`Report` into text, and nothing else.

Everything that comes from a fetched page (titles, quotes) or from the document is
untrusted: control and escape characters are removed everywhere, and Markdown
renders it inert (no markup, links, images or @mentions of its own).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from urllib.parse import quote as url_quote
from urllib.parse import urlsplit

from .report import STATUS_ORDER, CitationResult, DocumentResult, Report, Status

_CONTROL_RE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)

STATUS_ICON = {
    Status.VERIFIED: "✅",
    Status.PARTIAL: "🟡",
    Status.NOT_FOUND: "❌",
    Status.NO_FIGURES: "➖",
    Status.UNREADABLE: "📄",
    Status.DEAD: "💀",
    Status.BLOCKED: "⛔",
    Status.UNREACHABLE: "⚠️",
    Status.INVALID: "❗",
}

FIGURE_MARK = {"found": "✓", "consistent": "≈", "not_found": "✗", "unchecked": "?"}


def clean(text: str | None) -> str:
    """Untrusted text made safe for any output: no control characters, one line."""
    return " ".join(_CONTROL_RE.sub(" ", text or "").split())


def where(line: int, page: int | None, prose: bool = False) -> str:
    """A line, with its page for PDFs: "14", "p. 2, 14"; in prose "line 14", "page 2, line 14"."""
    if prose:
        return f"page {page}, line {line}" if page else f"line {line}"
    return f"p. {page}, {line}" if page else str(line)


def _sentence_excerpt(sentence: str, limit: int = 160) -> str:
    s = clean(sentence)
    return s if len(s) <= limit else s[: limit - 1].rsplit(" ", 1)[0] + "…"


def summary_line(report: Report) -> str:
    s = report.summary()
    parts = [f"{s[st.value]} {st.value.replace('_', ' ')}" for st in STATUS_ORDER if s[st.value]]
    noun = "citation" if s["citations"] == 1 else "citations"
    return f"{s['citations']} {noun}: " + (", ".join(parts) if parts else "none found")


# --- JSON -----------------------------------------------------------------------------


def render_json(report: Report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


# --- Markdown -------------------------------------------------------------------------

def _defuse(s: str) -> str:
    """Break what code hosts turn into links or notifications: @mentions, #123, bare URLs."""
    s = re.sub(r"@(?=\w)", "@\u200b", s)
    s = re.sub(r"#(?=\d)", "#\u200b", s)
    s = re.sub(r"(?i)\b(h)(ttps?|ftp)(?=:)", "\\1\u200b\\2", s)
    return re.sub(r"(?i)\bwww\.", "www\u200b.", s)


def html_text(text: str | None) -> str:
    """Untrusted text for an HTML context inside Markdown (<summary>, <sub>)."""
    return _defuse(html.escape(clean(text), quote=True))


def md_text(text: str | None) -> str:
    """Untrusted text as inert inline Markdown: markup characters escaped, HTML as entities,
    mentions, issue references and bare URLs broken so code hosts neither link nor notify."""
    return _md_escape(clean(text))


def _md_escape(s: str) -> str:
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _defuse(re.sub(r"([\\`*_\[\]()!|~])", r"\\\1", s))


def md_quote(evidence: str | None, figure: str | None) -> str:
    """An evidence quote with the figure in bold (the first place it stands)."""
    text = clean(evidence)
    at = text.find(figure) if figure else -1
    if at < 0:
        return _md_escape(text)
    end = at + len(figure)
    return f"{_md_escape(text[:at])}**{_md_escape(figure)}**{_md_escape(text[end:])}"


def md_link(url: str | None) -> str:
    if not url:
        return "—"
    parts = urlsplit(url)
    label = md_text((parts.netloc + parts.path).rstrip("/"))
    if len(label) > 60:
        label = label[:57] + "…"
    if parts.scheme not in ("http", "https"):
        return label
    safe = url_quote(url, safe=":/?#&=%+,;@!$'*~.-_")
    safe = safe.replace("(", "%28").replace(")", "%29")
    return f"[{label}]({safe})"


def _claim_excerpt(c: CitationResult, limit: int = 140) -> str:
    claim = clean(c.claim)
    if len(claim) > limit:
        claim = "…" + claim[-(limit - 1) :].split(" ", 1)[-1]
    return md_text(claim)


def _figures_md(c: CitationResult) -> str:
    if not c.figures:
        return "—"
    return " ".join(f"{FIGURE_MARK[f.outcome]} {md_text(f.text)}" for f in c.figures)


def render_markdown(report: Report) -> str:
    out = ["## citecheck report", ""]
    icon_summary = summary_line(report)
    out.append(f"**{icon_summary}**" + ("" if report.exit_code == 0 else " — needs attention"))
    out.append("")
    for doc in report.documents:
        dated = f" (dated {doc.date})" if doc.date else ""
        out.append(f"### {md_text(doc.path)}{dated}")
        out.append("")
        if not doc.citations:
            out.append("_No citations found in this document._")
            out.append("")
        else:
            out.append("| Note | Line | Claim | Figures | Status | Source |")
            out.append("|---|---:|---|---|---|---|")
            for c in doc.citations:
                status = f"{STATUS_ICON[c.status]} {c.status.value.replace('_', ' ')}"
                out.append(
                    f"| [{md_text(c.id)}] | {where(c.line, c.page)} | {_claim_excerpt(c)} "
                    f"| {_figures_md(c)} "
                    f"| {status} | {md_link(c.url)} |"
                )
            out.append("")
            for c in doc.citations:
                out.extend(_details_md(c))
        out.extend(_uncited_md(doc))
        if doc.warnings:
            out.append("<details><summary>Warnings about the document</summary>")
            out.append("")
            out.extend(f"- line {w.line}: {md_text(w.message)}" for w in doc.warnings)
            out.append("")
            out.append("</details>")
            out.append("")
    out.append(f"<sub>{html_text(report.tool)} · {html_text(report.generated_at)}</sub>")
    return "\n".join(out) + "\n"


def _uncited_count(n: int) -> str:
    if n == 1:
        return "1 sentence states figures without a citation"
    return f"{n} sentences state figures without a citation"


def _uncited_md(doc: DocumentResult) -> list[str]:
    if not doc.uncited:
        return []
    out = [f"**Citation needed**: {_uncited_count(len(doc.uncited))}", ""]
    for u in doc.uncited:
        figures = ", ".join(f"**{md_text(f)}**" for f in u.figures)
        out.append(f"- {where(u.line, u.page, prose=True)}: {figures} — "
                   f"{md_text(_sentence_excerpt(u.sentence))}")
    return [*out, ""]


def _details_md(c: CitationResult) -> list[str]:
    lines = [f"<details><summary>[{html_text(c.id)}] {c.status.value.replace('_', ' ')}: "
             f"{html_text(c.reason)}</summary>", ""]
    lines.append(f"- **Claim** ({where(c.line, c.page, prose=True)}): {md_text(c.claim)}")
    if c.fetch:
        f = c.fetch
        bits = [f"HTTP {f.http_status}" if f.http_status else None,
                "from cache" if f.from_cache else None,
                f"fetched {md_text(f.fetched_at)}" if f.fetched_at else None]
        lines.append(f"- **Fetch**: {', '.join(b for b in bits if b) or md_text(f.error)}")
        if f.final_url and f.final_url != c.url:
            lines.append(f"- **Ended at**: {md_link(f.final_url)}")
    if c.source and c.source.title:
        lang = f" ({md_text(c.source.language)})" if c.source.language else ""
        lines.append(f"- **Page**: {md_text(c.source.title)}{lang}")
    for fig in c.figures:
        if fig.evidence:
            lines.append(f"- **{md_text(fig.text)}** {fig.outcome.replace('_', ' ')} "
                         f"as “{md_text(fig.source_text)}”:")
            lines.append(f"  > {md_quote(fig.evidence, fig.source_text)}")
        else:
            lines.append(f"- **{md_text(fig.text)}**: {fig.outcome.replace('_', ' ')}")
    lines.extend(["", "</details>", ""])
    return lines


# --- Terminal -------------------------------------------------------------------------


def render_terminal(report: Report, color: bool = False, width: int = 100) -> str:
    """A summary for people at a terminal; plain text unless `color`."""
    from io import StringIO

    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    styles = {
        Status.VERIFIED: "green", Status.NO_FIGURES: "green", Status.PARTIAL: "yellow",
        Status.NOT_FOUND: "red", Status.DEAD: "red", Status.INVALID: "red",
        Status.BLOCKED: "magenta", Status.UNREACHABLE: "magenta", Status.UNREADABLE: "magenta",
    }
    buffer = StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, no_color=not color,
                      highlight=False, emoji=False, soft_wrap=False)
    for doc in report.documents:
        dated = f" (dated {doc.date})" if doc.date else ""
        console.print(f"[bold]{escape(clean(doc.path))}[/bold]{dated}")
        if not doc.citations:
            console.print("  no citations found")
        table = Table(show_header=True, header_style="bold", box=None, pad_edge=False,
                      expand=False)
        table.add_column("Note", no_wrap=True)
        table.add_column("Line", justify="right", no_wrap=True)
        table.add_column("Status", no_wrap=True)
        table.add_column("Figures")
        table.add_column("Why", overflow="fold")
        for c in doc.citations:
            figures = " ".join(
                f"{FIGURE_MARK[f.outcome]}{escape(clean(f.text))}" for f in c.figures
            ) or "—"
            table.add_row(f"[{escape(c.id)}]", where(c.line, c.page),
                          f"[{styles[c.status]}]{c.status.value}[/]", figures,
                          escape(clean(c.reason)))
        if doc.citations:
            console.print(table)
        if doc.uncited:
            console.print(f"  citation needed: {_uncited_count(len(doc.uncited))}")
        for u in doc.uncited:
            figures = ", ".join(escape(clean(f)) for f in u.figures)
            console.print(f"    {where(u.line, u.page, prose=True)}: [bold]{figures}[/bold] — "
                          f"{escape(_sentence_excerpt(u.sentence, 100))}")
        for w in doc.warnings:
            console.print(f"  [dim]warning, line {w.line}: {escape(clean(w.message))}[/dim]")
    console.print(f"[bold]{escape(summary_line(report))}[/bold]")
    return buffer.getvalue()


Renderer = Callable[[Report], str]

RENDERERS: dict[str, Renderer] = {
    "terminal": render_terminal,
    "json": render_json,
    "md": render_markdown,
}
