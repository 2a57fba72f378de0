"""Renderers: each turns a :class:`~citecheck.report.Report` into text, and nothing else.

One module per format, each with ``render(report) -> str``; :data:`RENDERERS` maps the
``--format`` names to them and is the only list of formats (the command line's choices come
from it). Adding a format is one module and one line here.

Everything that comes from a fetched page (titles, quotes) or from the document is
untrusted: control and escape characters are removed everywhere, and each format makes it
inert in its own way (Markdown escapes, HTML entities, XML escaping, SARIF's escaped
brackets): no markup, links, images, scripts or @mentions of its own.
"""

from __future__ import annotations

from collections.abc import Callable

from ..report import Report
from . import html, json, junit, markdown, sarif, terminal
from ._text import FIGURE_MARK, STATUS_HELP, STATUS_ICON, clean, summary_line
from .markdown import html_text, md_link, md_quote, md_text
from .rot import ROT_RENDERERS, render_rot_terminal, rot_summary_line

Renderer = Callable[[Report], str]

RENDERERS: dict[str, Renderer] = {
    "terminal": terminal.render,
    "json": json.render,
    "md": markdown.render,
    "html": html.render,
    "sarif": sarif.render,
    "junit": junit.render,
}

render_terminal = terminal.render
render_json = json.render
render_markdown = markdown.render
render_html = html.render
render_sarif = sarif.render
render_junit = junit.render

__all__ = [
    "FIGURE_MARK", "RENDERERS", "ROT_RENDERERS", "render_rot_terminal", "rot_summary_line", "STATUS_HELP", "STATUS_ICON", "Renderer", "clean", "html_text",
    "md_link", "md_quote", "md_text", "render_html", "render_json", "render_junit",
    "render_markdown", "render_sarif", "render_terminal", "summary_line",
]
