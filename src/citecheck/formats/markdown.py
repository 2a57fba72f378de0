"""Markdown: ``[^label]`` footnotes with their definitions, and links as citations.

Parsed with markdown-it-py and the footnote plugin of mdit-py-plugins (CommonMark, so
reference links ``[text][ref]`` arrive resolved). Inline links, reference links,
autolinks and bare URLs in the running text become ``link-N`` citations of the sentence
they sit in. A ``[^label]`` whose definition is missing stays text for markdown-it; it is
found here and reported as a marker without a definition. Lines and columns are those
of the Markdown source.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from ..document import Document
from ._builder import Builder

_UNDEFINED_RE = re.compile(r"\[\^([^\]\s]+)\]")
_BLOCKS = {"paragraph_open", "heading_open", "list_item_open", "blockquote_open", "table_open",
           "tr_open", "th_open", "td_open", "footnote_block_open"}


def parse_markdown(source: str, path: str) -> Document:
    md = MarkdownIt("commonmark").use(footnote_plugin).enable("table")
    env: dict = {}
    tokens = md.parse(source, env)
    lines = _Lines(source.splitlines())
    b = Builder(path, "markdown")
    in_note: tuple[str, list[str], list[str], int] | None = None  # label, text, hrefs, line
    for token in tokens:
        if token.type == "footnote_open":
            in_note = (_label(token.meta), [], [], 0)
        elif token.type == "footnote_close" and in_note:
            label, text, hrefs, line = in_note
            b.define(label, " ".join(text), hrefs, line)
            in_note = None
        elif token.type == "inline" and in_note:
            text, hrefs = in_note[1], in_note[2]
            if not in_note[3] and token.map:
                in_note = (in_note[0], text, hrefs, token.map[0] + 1)
            _note_inline(token, text, hrefs)
        elif token.type == "inline":
            _body_inline(token, b, lines)
        elif token.type in _BLOCKS:
            b.paragraph()
        elif token.type in ("fence", "code_block", "html_block"):
            b.paragraph()  # code is not prose; raw HTML blocks are left alone
    return b.build()


def _label(meta: dict) -> str:
    """A footnote's label; an inline footnote ``^[text]`` has none: ``inline-N``, N being the
    number the rendered page prints."""
    return str(meta.get("label") or f"inline-{meta.get('id', 0) + 1}")


def _note_inline(token: Token, text: list[str], hrefs: list[str]) -> None:
    for child in token.children or []:
        if child.type == "link_open":
            hrefs.append(str(child.attrs.get("href", "")))
        elif child.type in ("text", "code_inline"):
            text.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            text.append(" ")


def _body_inline(token: Token, b: Builder, lines: list[str]) -> None:
    line = (token.map[0] + 1) if token.map else 1
    link: tuple[str, list[str], int] | None = None  # href, text, line
    for child in token.children or []:
        if child.type in ("softbreak", "hardbreak"):
            line += 1
            b.text(" ", line)
        elif child.type == "footnote_ref":
            label = _label(child.meta)
            b.footnote(label, line, _column(lines, line, f"[^{label}]"))
        elif child.type == "link_open":
            link = (str(child.attrs.get("href", "")), [], line)
        elif child.type == "link_close" and link:
            href, words, start = link
            link = None
            if href.startswith(("http://", "https://", "www.", "ftp://")):
                b.link(href, "".join(words), start, _column(lines, start, href))
        elif child.type in ("text", "code_inline"):
            if link:
                link[1].append(child.content)
                b.text(child.content, line)
            elif child.type == "text":
                _text(child.content, b, line, lines)
            else:
                b.text(child.content, line)
        elif child.type == "image":
            continue


def _text(s: str, b: Builder, line: int, lines: list[str]) -> None:
    """Plain text: bare URLs become links; a [^label] left as text is an undefined marker."""
    position = 0
    for m in _UNDEFINED_RE.finditer(s):
        b.text_with_bare_urls(s[position : m.start()], line, 1)
        b.footnote(m.group(1), line, _column(lines, line, m.group(0)))
        position = m.end()
    b.text_with_bare_urls(s[position:], line, 1)


class _Lines(list):
    """The source's lines, and how far along each one markers and links were found: they
    are met in order, so each is sought after the last (from the start of the line, 10,000
    footnotes on one line were 10,000 searches of all of it)."""

    def __init__(self, lines: list[str]):
        super().__init__(lines)
        self.after: dict[int, int] = {}


def _column(lines: list[str], line: int, needle: str) -> int:
    if 0 < line <= len(lines):
        after = getattr(lines, "after", {})
        text = lines[line - 1]
        at = text.find(needle, after.get(line, 0))
        if at < 0:
            at = text.find(needle)
        if at >= 0:
            after[line] = at + len(needle)
            return at + 1
    return 1
