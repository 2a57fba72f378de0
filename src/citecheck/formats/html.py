"""HTML: footnote markers that link to their notes, and ``<a href>`` links as citations.

A footnote marker is an ``<a href="#id">`` whose text is a short label (``1``, ``[1]``,
``¹``) inside ``<sup>`` or marked as a note reference (pandoc's
``<a class="footnote-ref"><sup>1</sup></a>``, Word's ``<a href="#_ftn1">[1]</a>``), and
whose target exists: the target (or its enclosing block, when the target is an inline
anchor) is the note, left out of the running text. Every other link to an absolute
``http(s)`` URL in the running text, and every bare URL written in it, is a ``link-N``
citation of the sentence it sits in. Navigation, headers, footers, scripts and forms are
not running text. Lines are the HTML source's lines (lxml's ``sourceline``).
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from ..document import SUPERSCRIPT_DIGITS, Document, InputError
from ._builder import Builder

_SKIP = {"script", "style", "noscript", "template", "nav", "header", "footer", "form", "button",
         "select", "svg", "head", "title", "iframe", "object", "aside"}
_BLOCK = {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
          "blockquote", "section", "article", "main", "table", "tr", "td", "th", "pre",
          "figure", "figcaption", "hr", "body", "address", "center"}
_LABEL_RE = re.compile(rf"^[\[(]?([0-9{SUPERSCRIPT_DIGITS}]{{1,6}}|[a-z*†‡]{{1,2}})[\])]?$", re.I)
_NOTE_HINT_RE = re.compile(r"footnote|endnote|noteref|fnref|_ftnref|_ednref", re.I)


# Control characters XML cannot hold: libxml2's HTML parser keeps them in text, and lxml then
# refuses to set that text again (dropping a note's back-link joins its tail to the text).
_NOT_XML_RE = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def parse_html(data: bytes, path: str) -> Document:
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 has NUL bytes of its own
        data = _NOT_XML_RE.sub(b" ", data)  # one byte for one: lines and columns stay
    try:
        root = lxml.html.document_fromstring(data)
    except (etree.ParserError, ValueError) as e:
        raise InputError(f"{path}: not readable HTML ({e})") from None
    source_lines = data.decode("utf-8", errors="replace").splitlines()
    reader = _Reader(Builder(path, "html"), source_lines)
    reader.find_notes(root)
    body = root.find("body")
    reader.walk(body if body is not None else root)
    reader.define_notes()
    return reader.b.build()


class _Reader:
    def __init__(self, builder: Builder, source_lines: list[str]):
        self.b = builder
        self.source = source_lines
        self.markers: dict[etree._Element, str] = {}  # marker <a> -> label
        self.notes: dict[etree._Element, str] = {}  # note block -> label of its marker
        self._cursor = 0  # where the last column search in the source ended

    def find_notes(self, root: etree._Element) -> None:
        targets: dict[str, etree._Element] = {}
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            for key in ("id", "name"):
                value = el.get(key)
                if value and value not in targets:
                    targets[value] = el
        for a in root.iter("a"):
            href = a.get("href", "")
            m = _LABEL_RE.match(a.text_content().strip())
            if not href.startswith("#") or not m or href[1:] not in targets:
                continue
            in_sup = a.find(".//sup") is not None or any(p.tag == "sup" for p in a.iterancestors())
            hinted = bool(_NOTE_HINT_RE.search(" ".join(
                (a.get("class", ""), a.get("role", ""), a.get("id", ""), a.get("name", ""), href))))
            if not (in_sup or hinted or a.text_content().strip().startswith("[")):
                continue
            note = targets[href[1:]]
            if note in self.markers:
                continue  # a note's link back to its marker (Word: [1] both ways)
            while note.tag not in _BLOCK and note.getparent() is not None:
                note = note.getparent()
            if any(note is p for p in a.iterancestors()):
                continue  # a link back from inside the note to its marker
            label = m.group(1).translate(str.maketrans(SUPERSCRIPT_DIGITS, "0123456789"))
            self.markers[a] = label
            self.notes.setdefault(note, label)

    def walk(self, el: etree._Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP or el in self.notes or not tag:
            return
        line = el.sourceline or 1
        if tag in _BLOCK:
            self.b.paragraph()
        if tag == "br":
            self.b.text(" ", line)
        elif el in self.markers:
            self.b.footnote(self.markers[el], *self._where(line, el.get("href", "")))
            return self._tail(el)
        elif tag == "a" and el.get("href", "").startswith(("http://", "https://")):
            text = el.text_content()
            self.b.text(text, line)
            self.b.link(el.get("href", ""), text, *self._where(line, el.get("href", "")))
            return self._tail(el)
        if el.text:
            self.b.text_with_bare_urls(el.text, line)
        for child in el:
            self.walk(child)
        if tag in _BLOCK:
            self.b.paragraph()
        self._tail(el)

    def _tail(self, el: etree._Element) -> None:
        if el.tail:
            parent = el.getparent()
            line = (parent.sourceline if parent is not None else None) or el.sourceline or 1
            self.b.text_with_bare_urls(el.tail, line)

    def define_notes(self) -> None:
        for note, label in self.notes.items():
            hrefs = [a.get("href", "") for a in note.iter("a")
                     if a.get("href", "").startswith(("http://", "https://"))]
            for back in [a for a in note.iter("a") if a.get("href", "").startswith("#")]:
                back.drop_tree()  # "↩︎" links back to the marker
            text = note.text_content().strip()
            text = re.sub(rf"^[\[(]?{re.escape(label)}[\])]?[.:]?\s*", "", text)
            self.b.define(label, text, hrefs, note.sourceline or 1)

    def _where(self, line: int, href: str) -> tuple[int, int]:
        """(line, column) of the start tag of the link to `href`; lxml gives the line where
        the tag ends, which may be a line or two later when its attributes wrap."""
        needle = f'href="{href}"'
        for n in range(min(line, len(self.source)), max(line - 3, 0), -1):
            at = self.source[n - 1].rfind(needle)
            if at >= 0:
                tag = self.source[n - 1].rfind("<a", 0, at)
                return (n, tag + 1) if tag >= 0 else (n, at + 1)
        return line, 1
