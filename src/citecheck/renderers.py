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

from .report import STATUS_ORDER, CitationResult, Report, RotReport, RotResult, RotStatus, Status

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
            out.append("_No footnote citations found in this document._")
            out.append("")
        else:
            out.append("| Note | Line | Claim | Figures | Status | Source |")
            out.append("|---|---:|---|---|---|---|")
            for c in doc.citations:
                status = f"{STATUS_ICON[c.status]} {c.status.value.replace('_', ' ')}"
                out.append(
                    f"| [{md_text(c.id)}] | {c.line} | {_claim_excerpt(c)} | {_figures_md(c)} "
                    f"| {status} | {md_link(c.url)} |"
                )
            out.append("")
            for c in doc.citations:
                out.extend(_details_md(c))
        if doc.warnings:
            out.append("<details><summary>Warnings about the document</summary>")
            out.append("")
            out.extend(f"- line {w.line}: {md_text(w.message)}" for w in doc.warnings)
            out.append("")
            out.append("</details>")
            out.append("")
    out.append(f"<sub>{html_text(report.tool)} · {html_text(report.generated_at)}</sub>")
    return "\n".join(out) + "\n"


def _details_md(c: CitationResult) -> list[str]:
    lines = [f"<details><summary>[{html_text(c.id)}] {c.status.value.replace('_', ' ')}: "
             f"{html_text(c.reason)}</summary>", ""]
    lines.append(f"- **Claim** (line {c.line}): {md_text(c.claim)}")
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
            console.print("  no footnote citations found")
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
            table.add_row(f"[{escape(c.id)}]", str(c.line),
                          f"[{styles[c.status]}]{c.status.value}[/]", figures,
                          escape(clean(c.reason)))
        if doc.citations:
            console.print(table)
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


# --- Link rot (`citecheck rot`) -----------------------------------------------------------

ROT_ICON = {
    RotStatus.OK: "✅", RotStatus.DEAD: "💀", RotStatus.SOFT_404: "👻",
    RotStatus.REDIRECTED: "↪️", RotStatus.DRIFTED: "✏️", RotStatus.BLOCKED: "⛔",
    RotStatus.UNREACHABLE: "⚠️",
}


def rot_summary_line(report: RotReport) -> str:
    s = report.summary()
    parts = [f"{s[st.value]} {st.value.replace('_', ' ')}" for st in RotStatus if s[st.value]]
    noun = "citation" if s["citations"] == 1 else "citations"
    return f"{s['citations']} {noun}: " + (", ".join(parts) if parts else "none found")


def _since(c: RotResult) -> str:
    if c.rotted and c.rotted_since:
        last = f"; last fine {c.last_archived_ok[:10]}" if c.last_archived_ok else ""
        return f"since {c.rotted_since[:10]}{last}"
    if c.status is RotStatus.OK and c.first_archived_ok:
        return f"fine since {c.first_archived_ok[:10]}"
    return ""


def render_rot_json(report: RotReport) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render_rot_markdown(report: RotReport) -> str:
    out = ["## citecheck link rot", ""]
    out.append(f"**{rot_summary_line(report)}**"
               + ("" if report.exit_code == 0 else " — links have rotted"))
    out.append("")
    for doc in report.documents:
        dated = f" (dated {doc.date})" if doc.date else ""
        out.append(f"### {md_text(doc.path)}{dated}")
        out.append("")
        if not doc.citations:
            out.append("_No cited URLs in this document._")
            out.append("")
            continue
        out.append("| Note | Line | Source | Status | Since | Replacement |")
        out.append("|---|---:|---|---|---|---|")
        for c in doc.citations:
            status = f"{ROT_ICON[c.status]} {c.status.value.replace('_', ' ')}"
            replacement = md_link(c.wayback.url) if c.wayback and c.wayback.url else "—"
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
                out.append(f"- **Wayback Machine**: {md_link(w.url) if w.url else '—'} — "
                           f"{md_text(verdict + w.reason)}")
            out.extend(["", "</details>", ""])
    out.append(f"<sub>{html_text(report.tool)} · {html_text(report.generated_at)}</sub>")
    return "\n".join(out) + "\n"


def render_rot_terminal(report: RotReport, color: bool = False, width: int = 100) -> str:
    from io import StringIO

    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    styles = {RotStatus.OK: "green", RotStatus.BLOCKED: "magenta",
              RotStatus.UNREACHABLE: "magenta"}
    buffer = StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, no_color=not color,
                      highlight=False, emoji=False, soft_wrap=False)
    for doc in report.documents:
        dated = f" (dated {doc.date})" if doc.date else ""
        console.print(f"[bold]{escape(clean(doc.path))}[/bold]{dated}")
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
                why += (f"; Wayback: {clean(c.wayback.url)}" if c.wayback.url
                        else f"; {clean(c.wayback.reason)}")
                if c.wayback.status:
                    why += f" ({c.wayback.status.value}: {clean(c.wayback.reason)})"
            table.add_row(f"[{escape(c.id)}]", str(c.line),
                          f"[{styles.get(c.status, 'red')}]{c.status.value}[/]", escape(why))
        console.print(table)
    console.print(f"[bold]{escape(rot_summary_line(report))}[/bold]")
    return buffer.getvalue()


RotRenderer = Callable[[RotReport], str]

ROT_RENDERERS: dict[str, RotRenderer] = {
    "terminal": render_rot_terminal,
    "json": render_rot_json,
    "md": render_rot_markdown,
}
