"""HTML: one self-contained file (no external assets, no script) with the content of the
Markdown report, a filter by status, the figure highlighted inside each quote; readable on a
phone and printable.

The filter works without JavaScript: each link targets an empty element (``#only-dead``)
and the style sheet hides, with ``:target`` and ``:has()``, the citations of other statuses.
A Content-Security-Policy forbids scripts and any load from outside the file, so even a
renderer bug could not make a fetched page's text run or fetch anything.
"""

from __future__ import annotations

from collections.abc import Sequence

import html

from ..report import STATUS_ORDER, CitationResult, DocumentResult, Report
from ._text import (
    FIGURE_MARK,
    PROBLEM_TEXT,
    STATUS_HELP,
    STATUS_TONE,
    TERM_KIND,
    TERM_MARK,
    archive_note,
    archive_url,
    clean,
    fetch_note,
    figure_note,
    evidence_links,
    metadata_notes,
    robust_attributes,
    sentence_excerpt,
    status_label,
    summary_line,
    uncited_count,
    url_label,
    web_url,
    where,
)

_TONE_COLOURS = {"good": "#1a7f37", "doubt": "#9a6700", "bad": "#cf222e",
                 "unknown": "#8250df", "unchecked": "#57606a"}
_COLOURS = {status: _TONE_COLOURS[tone] for status, tone in STATUS_TONE.items()}

_FILTERS = ["problems", *(s.value for s in STATUS_ORDER)]

_CSS = """
:root { color-scheme: light; --fg: #1f2328; --muted: #57606a; --line: #d0d7de; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 1rem; color: var(--fg); background: #fff;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  overflow-wrap: anywhere; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; padding-bottom: .25rem;
  border-bottom: 1px solid var(--line); }
h2 small, .muted { color: var(--muted); font-weight: normal; }
.summary { font-weight: 600; margin: 0 0 .75rem; }
.summary.bad::after { content: " — needs attention"; color: #cf222e; }
nav { display: flex; flex-wrap: wrap; gap: .4rem; margin: 0 0 1rem; }
nav a { border: 1px solid var(--line); border-radius: 2rem; padding: .15rem .7rem;
  color: var(--fg); text-decoration: none; font-size: .9rem; background: var(--bg); }
.target { display: block; height: 0; overflow: hidden; }
.cite { border: 1px solid var(--line); border-left: .35rem solid var(--c); border-radius: .4rem;
  padding: .6rem .8rem; margin: 0 0 .8rem; break-inside: avoid; }
.cite header { display: flex; flex-wrap: wrap; gap: .3rem .8rem; align-items: baseline; }
.note { font-weight: 700; }
.badge { color: #fff; background: var(--c); border-radius: .3rem; padding: 0 .45rem;
  font-size: .85rem; font-weight: 600; white-space: nowrap; }
.claim { margin: .4rem 0; }
.reason { margin: .2rem 0; color: var(--muted); }
.figures { list-style: none; padding: 0; margin: .3rem 0; display: flex; flex-wrap: wrap;
  gap: .3rem; }
.figures li { border: 1px solid var(--line); border-radius: .3rem; padding: 0 .4rem; }
.figures .found, .figures .consistent { background: #dafbe1; }
.figures .not_found, .figures .other_referent { background: #ffebe9; }
.figure-note { margin: .4rem 0 0; font-size: .9rem; }
.terms li { font-size: .9rem; }
.terms .unchecked { color: var(--muted); }
blockquote .links { margin: .2rem 0 0; }
blockquote { margin: .4rem 0; padding: .3rem .7rem; background: var(--bg);
  border-left: 3px solid var(--line); }
blockquote p { margin: 0; }
mark { background: #fff8c5; font-weight: 700; padding: 0 .1em; }
.links { margin: .3rem 0 0; font-size: .9rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0 .7rem; margin: .3rem 0;
  font-size: .9rem; }
dt { color: var(--muted); }
dd { margin: 0; }
.warnings { font-size: .9rem; color: var(--muted); }
footer { margin-top: 2rem; font-size: .8rem; color: var(--muted); }
@media (max-width: 40rem) { body { padding: .6rem; font-size: 15px; }
  dl { grid-template-columns: 1fr; } dd { margin-bottom: .3rem; } }
@media print { nav { display: none; } body { max-width: none; padding: 0; font-size: 11pt; }
  a { color: inherit; } .links a[href]::after { content: " <" attr(href) ">"; } }
"""


def _css() -> str:
    rules = [_CSS]
    for s in STATUS_ORDER:
        rules.append(f".s-{s.value} {{ --c: {_COLOURS[s]}; }}")
    for name in _FILTERS:
        kind = "problem" if name == "problems" else f"s-{name}"
        on = f"body:has(#only-{name}:target)"
        rules.append(f"{on} .cite:not(.{kind}), {on} .doc:not(:has(.{kind})) "
                     f"{{ display: none; }}")
        rules.append(f'{on} nav a[href="#only-{name}"] {{ background: var(--fg); color: #fff; }}')
    rules.append('body:not(:has(.target:target)) nav a[href="#all"] '
                 "{ background: var(--fg); color: #fff; }")
    return "\n".join(rules)


def _e(text: object) -> str:
    """Untrusted text as HTML text or attribute value."""
    return html.escape(clean(text), quote=True)


def _link(url: str | None, label: str | None = None,
          attributes: Sequence[tuple[str, str]] = ()) -> str:
    safe = web_url(url)
    if safe is None:
        return _e(label or url or "—")
    extra = "".join(f' {name}="{_e(value)}"' for name, value in attributes)
    return (f'<a href="{_e(safe)}"{extra} rel="noopener noreferrer nofollow">'
            f"{_e(label or url_label(safe))}</a>")


def _quote(evidence: str | None, figure: str | None) -> str:
    """An evidence quote with the figure marked (the first place it stands)."""
    text, figure = clean(evidence), clean(figure)
    at = text.find(figure) if figure else -1
    if at < 0:
        return html.escape(text)
    end = at + len(figure)
    return f"{html.escape(text[:at])}<mark>{html.escape(figure)}</mark>{html.escape(text[end:])}"


def _evidence(c: CitationResult, what: str, evidence: str, hit: str | None) -> str:
    """A quote from the page, the hit marked, with links to it on the live page (a text
    fragment the browser highlights) and in the archived copy."""
    labels = {"live": "on the live page", "archived": "in the archived copy"}
    links = [_link(url, labels[kind]) for kind, url in evidence_links(c, evidence, hit)]
    tail = f'<p class="links">{_e(what)}: {" · ".join(links)}</p>' if links else ""
    return f"<blockquote><p>{_quote(evidence, hit)}</p>{tail}</blockquote>"


def _citation(c: CitationResult, report: Report) -> str:
    classes = f"cite s-{c.status.value}" + (" problem" if report.is_problem(c) else "")
    out = [f'<article class="{classes}">', "<header>",
           f'<span class="note">[{_e(c.id)}]</span>',
           f'<span class="muted">{where(c.line, c.page, prose=True)}</span>',
           f'<span class="badge" title="{_e(STATUS_HELP[c.status])}">'
           f"{status_label(c.status)}</span>",
           "</header>",
           f'<p class="claim">{_e(c.claim)}</p>']
    if c.figures:
        out.append('<ul class="figures">' + "".join(
            f'<li class="{_e(f.outcome)}" title="{_e(f.outcome.replace("_", " "))}">'
            f"{FIGURE_MARK.get(f.outcome, '?')} {_e(f.text)}</li>" for f in c.figures) + "</ul>")
    if c.terms:
        out.append('<ul class="figures terms">' + "".join(
            f'<li class="{_e(t.outcome)}" title="{_e(TERM_KIND.get(t.kind, t.kind))}: '
            f'{_e(t.outcome.replace("_", " "))}{": " + _e(t.reason) if t.reason else ""}">'
            f"{TERM_MARK.get(t.outcome, '?')} {_e(t.text)}</li>" for t in c.terms) + "</ul>")
    out.append(f'<p class="reason">{_e(c.reason)}</p>')
    for problem in c.problems:
        out.append(f'<p class="reason"><strong>Problem:</strong> '
                   f'{_e(PROBLEM_TEXT.get(problem, problem))}</p>')
    for f in c.figures:
        if f.evidence and f.message:
            out.append(f'<p class="figure-note">{FIGURE_MARK.get(f.outcome, "?")} '
                       f'{_e(figure_note(f))}</p>')
        if f.evidence:
            out.append(_evidence(c, f.text, f.evidence, f.source_text))
    for t in c.terms:
        if t.evidence:
            out.append(_evidence(c, t.text, t.evidence, t.as_))
    facts = []
    for note in metadata_notes(c):
        label, _, text = note.partition(": ") if note.startswith("Footnote says") else ("Date", "", note)
        facts.append((_e(label), _e(text)))
    if fetch_note(c):
        facts.append(("Fetch", _e(fetch_note(c))))
    if c.fetch and c.fetch.final_url and c.fetch.final_url != c.url:
        facts.append(("Ended at", _link(c.fetch.final_url)))
    if c.source and c.source.title:
        lang = f" ({_e(c.source.language)})" if c.source.language else ""
        facts.append(("Page", _e(c.source.title) + lang))
    robust = robust_attributes(c.url, c.archive)
    if archive_note(c):
        link = f" ({_link(archive_url(c), 'open', robust[:2])})" if archive_url(c) else ""
        facts.append(("Archived", _e(archive_note(c)) + link))
    if facts:
        out.append("<dl>" + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts) + "</dl>")
    # Robust Links: the cited link says which archived copy the verdict was made on.
    live = _link(c.url, attributes=robust) if c.url else '<span class="muted">no URL</span>'
    out.append(f'<p class="links">Live page: {live}</p>')
    out.append("</article>")
    return "\n".join(out)


def _document(doc: DocumentResult, report: Report) -> str:
    dated = f" <small>dated {_e(doc.date)}</small>" if doc.date else ""
    out = ['<section class="doc">', f"<h2>{_e(doc.path)}{dated}</h2>"]
    if not doc.citations:
        out.append('<p class="muted">No citations found in this document.</p>')
    out.extend(_citation(c, report) for c in doc.citations)
    if doc.uncited:
        out.append(f'<h3>Citation needed: {uncited_count(len(doc.uncited))}</h3>')
        out.append('<ul class="uncited">' + "".join(
            f"<li>{where(u.line, u.page, prose=True)}: "
            + ", ".join(f"<mark>{_e(f)}</mark>" for f in u.figures)
            + f" — {_e(sentence_excerpt(u.sentence))}</li>" for u in doc.uncited) + "</ul>")
    if doc.warnings:
        out.append('<ul class="warnings">' + "".join(
            f"<li>line {w.line}: {_e(w.message)}</li>" for w in doc.warnings) + "</ul>")
    out.append("</section>")
    return "\n".join(out)


def _run_warnings(warnings: list[str]) -> str:
    if not warnings:
        return ""
    return ('<ul class="warnings run">' + "".join(f"<li>warning: {_e(w)}</li>" for w in warnings)
            + "</ul>\n")


def render(report: Report) -> str:
    summary = report.summary()
    links = ['<a href="#all">all</a>']
    if summary["problems"]:
        links.append(f'<a href="#only-problems">problems ({summary["problems"]})</a>')
    links.extend(f'<a href="#only-{s.value}">{status_label(s)} ({summary[s.value]})</a>'
                 for s in STATUS_ORDER if summary[s.value])
    targets = "".join(f'<i class="target" id="only-{name}"></i>' for name in _FILTERS)
    bad = " bad" if report.exit_code else ""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'">
<meta name="referrer" content="no-referrer">
<title>citecheck report: {_e(summary_line(report))}</title>
<style>{_css()}</style>
</head>
<body>
<i class="target" id="all"></i>{targets}
<header>
<h1>citecheck report</h1>
<p class="summary{bad}">{_e(summary_line(report))}</p>
<nav aria-label="Show citations by status">{"".join(links)}</nav>
{_run_warnings(report.warnings)}</header>
<main>
{chr(10).join(_document(d, report) for d in report.documents)}
</main>
<footer>{_e(report.tool)} · {_e(report.generated_at)}</footer>
</body>
</html>
"""
