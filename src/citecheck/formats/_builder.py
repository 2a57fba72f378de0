"""Builds a Document from the pieces a structured reader finds: text, markers, links, notes.

Readers call :meth:`Builder.text`, :meth:`Builder.footnote`, :meth:`Builder.link` and
:meth:`Builder.paragraph` in reading order, and :meth:`Builder.define` for each note; the
builder joins the running text (white space collapsed, paragraphs separated by a blank
line), remembers where each piece came from (line, page), and finishes the Document the
same way the plain-text parser does.
"""

from __future__ import annotations

import re

from ..document import (
    URL_RE,
    Definition,
    Document,
    Marker,
    Warning,
    drop_orphan_markers,
    find_date,
    split_sentences,
    trim_url,
)

_SPACE_RE = re.compile(r"\s+")
_TEXT_CITATION_RE = re.compile(rf"\[(?P<label>\d{{1,6}})\]|{URL_RE.pattern}", re.I)


def urls_in(text: str) -> list[str]:
    """Bare URLs written in a text, trailing punctuation trimmed."""
    urls: list[str] = []
    for m in URL_RE.finditer(text):
        url = trim_url(m.group(0))
        url = "http://" + url if url.lower().startswith("www.") else url
        if url not in urls:
            urls.append(url)
    return urls


def merge_urls(hrefs: list[str], text: str) -> list[str]:
    """Link targets first (they are exact), then URLs written in the text that add something.

    A URL printed in the text that is a prefix of a link target (wrapped or shortened
    on the page) adds nothing.
    """
    urls = [h for i, h in enumerate(hrefs) if h and h not in hrefs[:i]]
    for url in urls_in(text):
        if not any(_same_or_part(url, h) for h in urls):
            urls.append(url)
    return urls


def _same_or_part(a: str, b: str) -> bool:
    a, b = a.rstrip("/"), b.rstrip("/")
    strip = re.compile(r"^https?://(www\.)?", re.I)
    a, b = strip.sub("", a), strip.sub("", b)
    return b.startswith(a) or a.startswith(b)


class Builder:
    def __init__(self, path: str, fmt: str):
        self.path = path
        self.format = fmt
        self.parts: list[str] = []
        self.length = 0
        self.markers: list[Marker] = []
        self.definitions: dict[str, Definition] = {}
        self.warnings: list[Warning] = []
        self.lines: list[tuple[int, int, int | None]] = []
        self._links = 0
        self._at_start = True  # of a paragraph

    # --- running text ---------------------------------------------------------------

    def paragraph(self) -> None:
        if self.length and not self._at_start:
            self._emit("\n\n")
        self._at_start = True

    def text(self, s: str, line: int, page: int | None = None) -> None:
        s = _SPACE_RE.sub(" ", s)
        if self._at_start or (self.parts and self.parts[-1].endswith(" ")):
            s = s.lstrip(" ")
        if not s:
            return
        if not self.lines or self.lines[-1][1:] != (line, page):
            self.lines.append((self.length, line, page))
        self._at_start = False
        self._emit(s)

    def text_with_bare_urls(self, s: str, line: int, column: int = 1,
                            page: int | None = None) -> None:
        """Running text in which a bare URL is an inline link citing its sentence, and a
        ``[1]`` written as text (copied from a plain-text letter) is a footnote marker."""
        position = 0
        for m in _TEXT_CITATION_RE.finditer(s):
            if m.group("label"):
                self.text(s[position : m.start()], line, page)
                self.footnote(m.group("label"), line, column + m.start(), page)
                position = m.end()
                continue
            url = trim_url(m.group(0))
            self.text(s[position : m.start() + len(url)], line, page)
            self.link(url, url, line, column + m.start(), page)
            position = m.start() + len(url)
        self.text(s[position:], line, page)

    def footnote(self, label: str, line: int, column: int, page: int | None = None) -> None:
        self.markers.append(Marker(label, self._offset(), line, column, "footnote", page))

    def link(self, url: str, text: str, line: int, column: int,
             page: int | None = None) -> str:
        """An inline link: a citation of the sentence it sits in, labelled link-N."""
        self._links += 1
        label = f"link-{self._links}"
        url = "http://" + url if url.lower().startswith("www.") else url
        self.definitions[label] = Definition(label, line, " ".join(text.split()), [url])
        self.markers.append(Marker(label, self._offset(), line, column, "link", page))
        return label

    # --- notes ------------------------------------------------------------------------

    def define(self, label: str, text: str, hrefs: list[str], line: int,
               page: int | None = None) -> Definition:
        text = " ".join(text.split())
        d = Definition(label, line, text, merge_urls(hrefs, text))
        if label in self.definitions:
            self.warn(line, f"footnote [{label}] is defined twice; the first one is used", page)
        else:
            self.definitions[label] = d
        return d

    def warn(self, line: int, message: str, page: int | None = None) -> None:
        self.warnings.append(Warning(line, f"page {page}: {message}" if page else message))

    # --- the result -------------------------------------------------------------------

    def build(self) -> Document:
        text = "".join(self.parts).rstrip()
        doc = Document(
            path=self.path,
            text=text,
            markers=drop_orphan_markers(sorted(self.markers, key=lambda m: m.offset),
                                        self.definitions, self.warnings),
            definitions=self.definitions,
            date=find_date(text.split("\n\n")[:60]),
            warnings=self.warnings,
            format=self.format,
        )
        doc._sentences = split_sentences(text)
        doc._lines = self.lines
        referenced = {m.label for m in doc.markers}
        for d in self.definitions.values():
            if d.label not in referenced:
                self.warnings.append(
                    Warning(d.line, f"footnote [{d.label}] is defined but never referenced"))
        self.warnings.sort(key=lambda w: w.line)
        return doc

    def _offset(self) -> int:
        # A marker right after a space belongs to the words before it.
        return self.length - 1 if self.parts and self.parts[-1].endswith(" ") else self.length

    def _emit(self, s: str) -> None:
        self.parts.append(s)
        self.length += len(s)
