"""Markdown for pull requests: renders well on the common code hosts, and nothing taken from
a fetched page or a document can add markup, links, images or @mentions of its own."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from urllib.parse import quote as url_quote

from ..report import CitationResult, DocumentResult, Report, Status
from ._text import (
    FIGURE_MARK,
    PROBLEM_TEXT,
    STATUS_ICON,
    TERM_KIND,
    TERM_MARK,
    archive_note,
    archive_url,
    change_label,
    changes_line,
    claim_excerpt,
    clean,
    defuse,
    fetch_note,
    figure_note,
    evidence_links,
    metadata_notes,
    robust_attributes,
    sentence_excerpt,
    split_urls,
    status_label,
    summary_line,
    uncited_count,
    url_label,
    web_url,
    where,
)


_MD_ENTITIES = {ord(ch): f"&#{ord(ch)};" for ch in "\\`*_[]()!|~"}


def html_text(text: object) -> str:
    """Untrusted text for an HTML context inside Markdown (<summary>, <sub>): HTML escaped,
    and Markdown's own characters as entities, inert whether or not the host reads Markdown
    there; mentions and issue references broken; a bare URL whole, in <code> (not linked)."""
    out = []
    for is_url, piece in split_urls(clean(text)):
        escaped = html.escape(piece if is_url else defuse(piece), quote=True)
        escaped = escaped.translate(_MD_ENTITIES)
        out.append(f"<code>{escaped}</code>" if is_url else escaped)
    return "".join(out)


def md_text(text: object) -> str:
    """Untrusted text as inert inline Markdown: markup characters escaped, HTML as entities,
    mentions and issue references broken so code hosts do not notify, and a bare URL kept
    whole in a code span, so that it is neither linked nor changed when copied."""
    return _md_escape(clean(text))


def _md_escape(s: str, urls: bool = True) -> str:
    """`urls=False` inside a link's text, where code hosts link nothing more."""
    pieces = split_urls(s) if urls else [(False, s)]
    return "".join(f"`{piece}`" if is_url else _md_escape_text(piece) for is_url, piece in pieces)


def _md_escape_text(s: str) -> str:
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return defuse(re.sub(r"([\\`*_\[\]()!|~])", r"\\\1", s))


def md_quote(evidence: str | None, figure: str | None) -> str:
    """An evidence quote with the figure in bold (the first place it stands)."""
    text = clean(evidence)
    at = text.find(figure) if figure else -1
    if at < 0 or not figure:
        return _md_escape(text)
    end = at + len(figure)
    return f"{_md_escape(text[:at])}**{_md_escape(figure)}**{_md_escape(text[end:])}"


def md_link(url: str | None, label: str | None = None,
            attributes: Sequence[tuple[str, str]] = ()) -> str:
    """A Markdown link; with `attributes` (Robust Links), an inline HTML <a> that carries
    them, inert like the rest."""
    if not url:
        return "—"
    text = _md_escape(clean(label or url_label(url)), urls=False)
    safe = web_url(url)
    if safe is None:
        return text
    safe = _href(safe)
    if attributes:
        extra = "".join(f' {name}="{_attribute(_href(value) if name.endswith("url") else value)}"'
                        for name, value in attributes)
        return f'<a href="{_attribute(safe)}"{extra}>{html_text(label or url_label(url))}</a>'
    return f"[{text}]({safe})"


def _attribute(value: str) -> str:
    """An HTML attribute value inside Markdown: HTML escaped, Markdown's characters as
    entities (a | would split a table cell)."""
    return html.escape(clean(value), quote=True).translate(_MD_ENTITIES)


def _href(url: str) -> str:
    """A URL with nothing Markdown or a table could read as markup: ( ) | percent-encoded."""
    return url_quote(url, safe=":/?#&=%+,;@!$'*~.-_").replace("(", "%28").replace(")", "%29")


def _figures(c: CitationResult) -> str:
    if not c.figures:
        return "—"
    return " ".join(f"{FIGURE_MARK.get(f.outcome, '?')} {md_text(f.text)}" for f in c.figures)


def _terms(c: CitationResult) -> str:
    if not c.terms:
        return "—"
    return " ".join(f"{TERM_MARK.get(t.outcome, '?')} {md_text(t.text)}" for t in c.terms)


def _evidence_links(c: CitationResult, evidence: str | None, hit: str | None) -> str:
    """Links beside a quote: the live page scrolled to it, and the archived copy."""
    labels = {"live": "live page", "archived": "archived copy"}
    links = [md_link(url, labels[kind]) for kind, url in evidence_links(c, evidence, hit)]
    if not archive_url(c) and archive_note(c):
        links.append("archived copy: " + md_text(archive_note(c)))
    return f" ({' · '.join(links)})" if links else ""


def _source(c: CitationResult) -> str:
    # Robust Links: the cited link says which archived copy the verdict was made on.
    robust = robust_attributes(c.url, c.archive)
    cell = md_link(c.url, attributes=robust)
    if archive_url(c):
        cell += " · " + md_link(archive_url(c), "archived", robust[:2])
    elif archive_note(c):
        cell += " · archived"
    return cell


def render(report: Report) -> str:
    out = ["## citecheck report", ""]
    out.append(f"**{summary_line(report)}**"
               + ("" if report.exit_code == 0 else " — needs attention"))
    out.append("")
    out.extend(run_warnings(report.warnings))
    for doc in report.documents:
        dated = f" (dated {md_text(doc.date)})" if doc.date else ""
        out.append(f"### {md_text(doc.path)}{dated}")
        out.append("")
        changed = changes_line(doc.changed_since, doc.citations, md_text)
        if changed:
            out.extend([f"**{changed}**", ""])
        if not doc.citations:
            out.append("_No citations found in this document._")
            out.append("")
        else:
            out.append("| Note | Line | Claim | Figures | Terms | Status | Source |")
            out.append("|---|---:|---|---|---|---|---|")
            for c in doc.citations:
                status = f"{STATUS_ICON[c.status]} {status_label(c.status)}"
                out.append(
                    f"| [{md_text(c.id)}]{change_label(c)} | {where(c.line, c.page)} "
                    f"| {md_text(claim_excerpt(c))} "
                    f"| {_figures(c)} | {_terms(c)} | {status} | {_source(c)} |"
                )
            out.append("")
            for c in doc.citations:
                out.extend(_details(c))
        out.extend(_uncited(doc))
        if doc.warnings:
            out.append("<details><summary>Warnings about the document</summary>")
            out.append("")
            out.extend(f"- line {w.line}: {md_text(w.message)}" for w in doc.warnings)
            out.append("")
            out.append("</details>")
            out.append("")
    out.append(f"<sub>{html_text(report.tool)} · {html_text(report.generated_at)}</sub>")
    return "\n".join(out) + "\n"


def run_warnings(warnings: list[str]) -> list[str]:
    """The run's warnings (not one document's), under the summary."""
    if not warnings:
        return []
    return ["**Warnings about the run**", "", *(f"- {md_text(w)}" for w in warnings), ""]


def _uncited(doc: DocumentResult) -> list[str]:
    if not doc.uncited:
        return []
    out = [f"**Citation needed**: {uncited_count(len(doc.uncited))}", ""]
    for u in doc.uncited:
        figures = ", ".join(f"**{md_text(f)}**" for f in u.figures)
        out.append(f"- {where(u.line, u.page, prose=True)}: {figures} — "
                   f"{md_text(sentence_excerpt(u.sentence))}")
    return [*out, ""]


def _details(c: CitationResult) -> list[str]:
    lines = [f"<details><summary>[{html_text(c.id)}] {status_label(c.status)}: "
             f"{html_text(c.reason)}</summary>", ""]
    lines.append(f"- **Claim** ({where(c.line, c.page, prose=True)}): {md_text(c.claim)}")
    was = (c.change or {}).get("was")
    if was:
        lines.append(f"- **Before** ({c.change['kind']}; {status_label(Status(was['status']))}: "  # type: ignore[index]
                     f"{md_text(was['reason'])}): {md_text(was['claim'])} — {md_link(was['url'])}")
    if c.fetch:
        lines.append(f"- **Fetch**: {md_text(fetch_note(c))}")
        if c.fetch.final_url and c.fetch.final_url != c.url:
            lines.append(f"- **Ended at**: {md_link(c.fetch.final_url)}")
    if archive_note(c):
        link = f" ({md_link(archive_url(c), 'open')})" if archive_url(c) else ""
        lines.append(f"- **Archived copy**: {md_text(archive_note(c))}{link}")
    if c.source and c.source.title:
        lang = f" ({md_text(c.source.language)})" if c.source.language else ""
        lines.append(f"- **Page**: {md_text(c.source.title)}{lang}")
    for note in metadata_notes(c):
        lines.append(f"- {md_text(note)}")
    for problem in c.problems:
        lines.append(f"- **Problem**: {md_text(PROBLEM_TEXT.get(problem, problem))}")
    for fig in c.figures:
        outcome = fig.outcome.replace("_", " ")
        links = _evidence_links(c, fig.evidence, fig.source_text) if fig.evidence else ""
        if fig.message:
            lines.append(f"- {FIGURE_MARK.get(fig.outcome, '?')} {md_text(figure_note(fig))}"
                         + (f"{links}:" if fig.evidence else ""))
        elif fig.evidence:
            lines.append(f"- **{md_text(fig.text)}** {outcome} as “{md_text(fig.source_text)}”"
                         f"{links}:")
        else:
            lines.append(f"- **{md_text(fig.text)}**: {outcome}")
        if fig.evidence:
            lines.append(f"  > {md_quote(fig.evidence, fig.source_text)}")
    for term in c.terms:
        outcome = term.outcome.replace("_", " ")
        kind = TERM_KIND.get(term.kind, term.kind)
        if term.evidence:
            lines.append(f"- {kind} **{md_text(term.text)}** {outcome} as “{md_text(term.as_)}”"
                         f"{_evidence_links(c, term.evidence, term.as_)}:")
            lines.append(f"  > {md_quote(term.evidence, term.as_)}")
        else:
            why = f" ({md_text(term.reason)})" if term.reason else ""
            lines.append(f"- {kind} **{md_text(term.text)}**: {outcome}{why}")
    lines.extend(["", "</details>", ""])
    return lines
