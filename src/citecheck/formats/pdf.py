"""PDF: superscript footnote markers, footnote blocks at page bottoms, link annotations.

Read with pdfplumber, which gives every word's font size and box and every link
annotation's URI. Per page:

- words are grouped into lines by vertical overlap (a superscript, raised and smaller,
  joins the line it belongs to; no ``y_tolerance`` guess);
- a **marker** is a word of digits (``1``, ``12``, ``1,2``) whose size is at most 80 % of
  the line's largest and whose bottom sits clearly above the line's baseline;
- the **footnote area** starts below the short thin rule that separates notes from the
  text when there is one, else at the first line in the lower part of the page that
  starts with a superscript number; a line there that starts with a marker (or with the
  next number in sequence) opens a note, other lines continue the current note, also
  across pages, so numbering runs over the whole document;
- a note's URLs are the URIs of the link annotations over its lines (exact, however the
  URL wraps), then URLs printed in it that add something (a wrapped URL is rejoined
  without a space);
- a link annotation over body text is a ``link-N`` citation of its sentence.

``line`` is the 1-based line on the page, counted top to bottom over every line
citecheck reads there (text and notes), ``page`` the 1-based page, ``column`` the 1-based
character in the line as rebuilt (words separated by one space).
"""

from __future__ import annotations

import io
import re
import statistics
from dataclasses import dataclass, field

from ..document import _UNIT_RE, URL_RE, Document, InputError
from ._builder import Builder

MAX_PAGES = 2000
_MARKER_RE = re.compile(r"^\d{1,6}(?:,\d{1,6})*$")
_PRIVATE_RE = re.compile("[\ue000-\uf8ff]")
_URL_TAIL_RE = re.compile(r"^[A-Za-z0-9\-._~/?#%&=+:@!$,;*()\[\]]+$")


@dataclass
class _Line:
    words: list[dict]
    top: float
    bottom: float
    number: int = 0  # on its page
    size: float = 0.0
    baseline: float = 0.0
    text_words: list[tuple[str, int, bool]] = field(default_factory=list)  # text, column, sup

    def finish(self) -> None:
        self.words.sort(key=lambda w: w["x0"])
        self.size = max(w["size"] for w in self.words)
        big = [w for w in self.words if w["size"] >= self.size * 0.85]
        self.baseline = max(w["bottom"] for w in big)
        column = 1
        for w in self.words:
            text = _PRIVATE_RE.sub("•", w["text"])
            sup = (bool(_MARKER_RE.match(text)) and w["size"] <= self.size * 0.8
                   and w["bottom"] < self.baseline - self.size * 0.15)
            self.text_words.append((text, column, sup))
            column += len(text) + 1

    @property
    def text(self) -> str:
        return " ".join(t for t, _, _ in self.text_words)


def parse_pdf(data: bytes, path: str) -> Document:
    try:
        import pdfplumber

        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as e:  # pdfminer raises many kinds; translate them here
        raise InputError(f"{path}: not a readable PDF ({type(e).__name__}: {e})") from None
    b = Builder(path, "pdf")
    reader = _Reader(b)
    try:
        pages = _page_count(pdf)
        if pages > MAX_PAGES:  # before pdfplumber builds every page
            raise InputError(f"{path}: {pages} pages, more than the {MAX_PAGES} pages a "
                             "document may have")
        with pdf:
            for number, page in enumerate(pdf.pages, start=1):
                if number > MAX_PAGES:
                    raise InputError(f"{path}: more than {MAX_PAGES} pages, the limit for a "
                                     "document")
                reader.page(page, number)
    except InputError:
        raise
    except Exception as e:
        if "allocate" in str(e) or isinstance(e.__context__, MemoryError):
            raise MemoryError from None  # a stream bomb: over the reader's budget
        raise InputError(f"{path}: cannot read the PDF ({type(e).__name__}: {e})") from None
    reader.finish()
    if not reader.any_text:
        b.warn(1, "the PDF has no text layer (a scan?); nothing to check")
    return b.build()


def _page_count(pdf) -> int:  # type: ignore[no-untyped-def]
    """The page count the page tree declares (0 when it says none)."""
    from pdfminer.pdftypes import resolve1

    try:
        count = resolve1(resolve1(pdf.doc.catalog["Pages"]).get("Count"))
    except (KeyError, AttributeError, TypeError):
        return 0
    return count if isinstance(count, int) else 0


class _Reader:
    def __init__(self, b: Builder):
        self.b = b
        self.note: list | None = None  # [label, [texts], [hrefs], line, page]
        self.last_label = 0
        self.previous: _Line | None = None
        self.gap: float | None = None  # usual distance between two lines of a paragraph
        self.any_text = False
        self.link: tuple[str, list[str], int, int, int] | None = None

    def page(self, page, number: int) -> None:  # type: ignore[no-untyped-def]
        words = page.extract_words(extra_attrs=["size"], keep_blank_chars=False)
        lines = _lines(words)
        if not lines:
            return
        self.any_text = True
        links = [h for h in page.hyperlinks if h.get("uri")]
        notes_from = _notes_start(page, lines, self.note is not None)
        body = lines[:notes_from]
        gaps = [b.top - a.top for a, b in zip(body, body[1:]) if b.top > a.top]
        if gaps and self.gap is None:
            self.gap = statistics.median(gaps)
        previous_top = None
        for line in body:
            if previous_top is not None and self.gap and line.top - previous_top > self.gap * 1.45:
                self.b.paragraph()
            previous_top = line.top
            self._body_line(line, number, links)
        self._end_link()
        for line in lines[notes_from:]:
            self._note_line(line, number, links)

    def _body_line(self, line: _Line, page: int, links: list[dict]) -> None:
        if len(line.words) == 1 and line.text_words[0][0].isdigit() and not line.text_words[0][2]:
            return  # a page number
        for (text, column, sup), word in zip(line.text_words, line.words):
            if sup:
                for label in text.split(","):
                    self.b.footnote(label, line.number, column, page)
                continue
            uri = _link_at(word, links)
            if self.link and uri != self.link[0]:
                self._end_link()
            joined = self._join(text)
            if uri:
                if not self.link:
                    self.link = (uri, [], line.number, column, page)
                self.link[1].append(text)
                self.b.text(joined, line.number, page)
            else:
                self.b.text_with_bare_urls(joined, line.number, column, page)
        self.previous = line

    def _join(self, text: str) -> str:
        """A word with the space before it, unless it continues a hyphenated word."""
        tail = "".join(self.b.parts[-1:])
        if tail.endswith("-") and len(tail) > 1 and tail[-2].isalpha():
            return text
        return " " + text

    def _end_link(self) -> None:
        if self.link:
            uri, words, line, column, page = self.link
            self.link = None
            self.b.link(uri, " ".join(words), line, column, page)

    def _note_line(self, line: _Line, page: int, links: list[dict]) -> None:
        first, _, sup = line.text_words[0]
        rest = line.text_words[1:]
        plain_next = (first.rstrip(".").isdigit() and int(first.rstrip(".")) == self.last_label + 1
                      and bool(rest))
        if (sup and _MARKER_RE.match(first) and "," not in first) or plain_next:
            self._end_note()
            label = first.rstrip(".")
            self.last_label = int(label)
            self.note = [label, [], [], line.number, page]
            texts = [t for t, _, _ in rest]
        elif self.note is None:
            if len(line.words) == 1 and first.isdigit():
                return  # a page number
            self.b.warn(line.number, f"text below the footnote rule: {line.text[:60]}", page)
            return
        else:
            texts = [t for t, _, _ in line.text_words]
        if not texts:
            return
        parts: list[str] = self.note[1]
        joined = " ".join(texts)
        if parts and (_wraps_url(parts[-1], joined) or re.search(r"[^\W\d]-$", parts[-1])):
            parts[-1] += joined  # a wrapped URL, or a word hyphenated at the line's end
        else:
            parts.append(joined)
        for h in links:
            if h["top"] < line.bottom and h["bottom"] > line.top:
                self.note[2].append(h["uri"])

    def _end_note(self) -> None:
        if self.note:
            label, parts, hrefs, line, page = self.note
            self.b.define(label, " ".join(parts), hrefs, line, page)
            self.note = None

    def finish(self) -> None:
        self._end_link()
        self._end_note()
        # A superscript digit after a unit that no note defines is an exponent (km²).
        defined = set(self.b.definitions)
        text = "".join(self.b.parts)
        self.b.markers = [
            m for m in self.b.markers
            if m.kind != "footnote" or m.label in defined
            or not _UNIT_RE.search(text, 0, m.offset + 1)
        ]


def _lines(words: list[dict]) -> list[_Line]:
    """Group words into lines: a word joins the line its box overlaps by at least half."""
    lines: list[_Line] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines:
            line = lines[-1]
            overlap = min(line.bottom, w["bottom"]) - max(line.top, w["top"])
            if overlap >= 0.5 * min(w["bottom"] - w["top"], line.bottom - line.top):
                line.words.append(w)
                line.top, line.bottom = min(line.top, w["top"]), max(line.bottom, w["bottom"])
                continue
        lines.append(_Line([w], w["top"], w["bottom"]))
    for number, line in enumerate(lines, start=1):
        line.number = number
        line.finish()
    return lines


def _notes_start(page, lines: list[_Line], note_open: bool) -> int:  # type: ignore[no-untyped-def]
    """Index of the first line of the footnote area (len(lines) when there is none)."""
    rules = [
        r for r in [*page.rects, *page.lines]
        if r["height"] <= 1.5 and 0.08 * page.width <= r["width"] <= 0.5 * page.width
        and r["top"] > page.height * 0.3
    ]
    for rule in sorted(rules, key=lambda r: r["top"]):
        below = [i for i, line in enumerate(lines) if line.top >= rule["bottom"] - 1]
        # Below the rule: notes, the first of which may continue a note of the last page.
        if below and (note_open or any(lines[i].text_words[0][2] for i in below)):
            return below[0]
    for i, line in enumerate(lines):
        if line.top > page.height * 0.4 and line.text_words[0][2] and len(line.words) > 1:
            return i
    return len(lines)


def _link_at(word: dict, links: list[dict]) -> str | None:
    x = (word["x0"] + word["x1"]) / 2
    y = (word["top"] + word["bottom"]) / 2
    for h in links:
        if h["x0"] - 1 <= x <= h["x1"] + 1 and h["top"] - 1 <= y <= h["bottom"] + 1:
            return str(h["uri"])
    return None


def _wraps_url(previous: str, line: str) -> bool:
    """Does `line` continue a URL that ends `previous`?"""
    last = previous.rsplit(" ", 1)[-1]
    if not URL_RE.match(last) or " " in line.strip():
        return last.endswith(("-", "/", "_", ".", "=", "&", "?", "#", "%")) and bool(
            URL_RE.match(last)) and bool(_URL_TAIL_RE.match(line.split(" ", 1)[0]))
    return bool(_URL_TAIL_RE.match(line))
