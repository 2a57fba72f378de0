"""Read a plain-text document and find its footnotes, their URLs and the claims they support.

The input is often text extracted from a PDF, so the parser expects its realities:
double-spaced lines, claims wrapped over several lines, footnote URLs that continue on
the next line, stray copies of URLs after the footnote block, private-use bullet
characters. Markers are ``[1]`` (labels of up to six digits) or Unicode superscripts
(``¹²``); definitions are lines that start with the same label.

Nothing here raises on odd input except :class:`InputError`, for files that cannot
be read as text at all; every other oddity becomes a :class:`Warning` on the document.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPERSCRIPT_TO_ASCII = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")

# A URL: scheme, then anything but white space and a few characters that never
# belong to a URL in running text. Trailing punctuation is trimmed afterwards.
URL_RE = re.compile(r"""(?:https?|ftp)://[^\s<>"'«»“”‘’]+|www\.[^\s<>"'«»“”‘’]+""", re.I)
_BRACKET_MARKER = r"\[(?P<bracket>\d{1,6})\]"
_SUPER_MARKER = f"(?P<super>[{SUPERSCRIPT_DIGITS}]+)"
_PAREN_MARKER = r"\((?P<paren>\d{1,6})\)"
# [1] always; ¹ and (1) only when a footnote of that label is defined.
MARKER_RE = re.compile(f"{_BRACKET_MARKER}|{_SUPER_MARKER}|{_PAREN_MARKER}")
DEFINITION_RE = re.compile(
    rf"^\s*(?:{_BRACKET_MARKER}|{_SUPER_MARKER}|{_PAREN_MARKER})[\s:.)\-–]*(?P<rest>.*)$"
)
# "1. text" is a definition only under a heading such as "Notes" or "References".
_NUMBERED_RE = re.compile(r"^\s*(?P<number>\d{1,6})[.)]\s+(?P<rest>.*)$")
NOTES_HEADING_RE = re.compile(
    r"^\s*(?:#+\s*)?(?:end\s*notes|endnotes|notes|footnotes|references|sources)\s*:?\s*$", re.I
)
_UNIT_RE = re.compile(r"\b(?:[kcmd]?m|ft|mi|in|yd)$")
# A line that carries nothing but the continuation of a wrapped URL.
_URL_TAIL_RE = re.compile(r"^[A-Za-z0-9\-._~/?#%&=+:@!$,;*()\[\]]+$")

MONTHS = (
    "january february march april may june july august september october november december"
).split()
_MONTH_RE = "|".join(m.capitalize() for m in MONTHS)
_DATE_RES = (
    re.compile(rf"\b({_MONTH_RE})\s+(\d{{1,2}}),?\s+(\d{{4}})\b"),  # October 6, 2022
    re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_RE})\s+(\d{{4}})\b"),  # 6 October 2022
    re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),  # 2022-10-06
)

# Words after which a period does not end a sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st sen rep gov gen col lt sgt jr sr inc ltd co corp no nos vol pp "
    "p art sec fig ed eds est approx vs etc e.g i.e cf al jan feb mar apr jun jul aug sep "
    "sept oct nov dec u.s u.k u.n e.u d.c".split()
)


class InputError(Exception):
    """The document cannot be read at all (missing, not text, too large)."""


@dataclass(frozen=True)
class Warning:
    line: int
    message: str


@dataclass(frozen=True)
class Marker:
    label: str
    offset: int  # offset in Document.text
    line: int  # 1-based line in the file (PDF: line on its page; DOCX: paragraph)
    column: int  # 1-based column in the file
    kind: str = "footnote"  # "footnote", or "link": an inline link citing its sentence
    page: int | None = None  # 1-based page (PDF only)


@dataclass
class Definition:
    label: str
    line: int
    text: str
    urls: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class NoteMetadata:
    """What a footnote says of the page besides its URL: `Human Rights Watch,
    "Kazakhstan: No Justice for January Protest Victims," May 5, 2022, https://…`."""

    title: str | None
    publisher: str | None
    author: str | None
    date: str | None  # YYYY-MM-DD, YYYY-MM or YYYY


@dataclass(frozen=True)
class Reference:
    """One footnote marker resolved to its claim."""

    label: str
    line: int
    column: int
    claim: str
    sentence: str
    urls: tuple[str, ...]
    problem: str | None  # why this reference cannot be checked, if it cannot
    kind: str = "footnote"
    page: int | None = None
    cited: NoteMetadata | None = None  # the footnote's own title, publisher, date


@dataclass(frozen=True)
class UncitedSentence:
    """A sentence that no footnote or link supports."""

    line: int
    page: int | None
    sentence: str


@dataclass
class Document:
    path: str
    text: str  # running text, markers removed, wrapped lines joined
    markers: list[Marker]
    definitions: dict[str, Definition]
    date: str | None
    warnings: list[Warning]
    format: str = "text"  # "text", "markdown", "html", "docx" or "pdf"
    _sentences: list[tuple[int, int]] = field(default_factory=list, repr=False)
    # (offset in text, line, page) where each line of the file starts in the running text
    _lines: list[tuple[int, int, int | None]] = field(default_factory=list, repr=False)

    def references(self) -> list[Reference]:
        """Every marker in order, with its claim and the URLs of its definition."""
        refs: list[Reference] = []
        previous_end = 0
        previous_start = 0
        for marker in self.markers:
            sent_start, sent_end = self._sentence_at(marker.offset)
            if marker.kind == "link":
                # An inline link cites the whole sentence it sits in.
                refs.append(_link_reference(marker, self.definitions.get(marker.label),
                                            _tidy(self.text[sent_start:sent_end])))
                continue
            start = max(sent_start, previous_end)
            claim = _tidy(self.text[start : marker.offset])
            if not claim and refs and previous_end > sent_start:
                # "[1][2]": the second marker supports the same words as the first.
                start = previous_start
                claim = _tidy(self.text[start : marker.offset])
            sentence = _tidy(self.text[sent_start:sent_end], trim=False)
            definition = self.definitions.get(marker.label)
            problem = None
            urls: tuple[str, ...] = ()
            if definition is None:
                problem = f"footnote [{marker.label}] is referenced but never defined"
            elif not definition.urls:
                problem = f"footnote [{marker.label}] has no URL"
            else:
                urls = tuple(definition.urls)
            refs.append(
                Reference(
                    marker.label, marker.line, marker.column, claim, sentence, urls, problem,
                    page=marker.page,
                    cited=note_metadata(definition.text) if definition is not None else None,
                )
            )
            previous_start, previous_end = start, marker.offset
        return refs

    def location(self, offset: int) -> tuple[int, int | None]:
        """(line, page) of the file where the running text at `offset` comes from."""
        if not self._lines:
            return 1, None
        i = max(bisect_right(self._starts("_lines"), offset) - 1, 0)
        _, line, page = self._lines[i]
        return line, page

    def uncited(self) -> list[UncitedSentence]:
        """Sentences that carry no footnote marker and no link."""
        cited = {self._sentence_at(m.offset) for m in self.markers}
        return [
            UncitedSentence(*self.location(start), _tidy(self.text[start:end], trim=False))
            for start, end in self._sentences
            if (start, end) not in cited
        ]

    def _sentence_at(self, offset: int) -> tuple[int, int]:
        i = max(bisect_right(self._starts("_sentences"), max(offset - 1, 0)) - 1, 0)
        return self._sentences[i] if self._sentences else (0, len(self.text))

    def _starts(self, name: str) -> list[int]:
        """The start offsets of `_sentences` or `_lines`, listed once (rebuilt on every
        look-up, 10,000 footnotes took 8.5 s, 86 % of it here), again only if they change."""
        items = getattr(self, name)
        cache = self.__dict__.setdefault("_starts_cache", {})
        key = (id(items), len(items))
        if cache.get(name, (None, None))[0] != key:
            cache[name] = (key, [item[0] for item in items])
        return cache[name][1]


def drop_orphan_markers(
    markers: list[Marker], definitions: dict[str, Definition], warnings: list[Warning]
) -> list[Marker]:
    """Markers of a copy whose notes were all left out (a press release quoting a letter).

    When not one footnote is defined, the markers cite nothing that could be checked:
    they are dropped with one warning, and their sentences count as uncited. A marker
    among defined footnotes that lacks its own definition stays, and is `invalid`.
    """
    notes = [m for m in markers if m.kind == "footnote"]
    if not notes or any(not label.startswith("link-") for label in definitions):
        return markers
    labels = ", ".join(dict.fromkeys(f"[{m.label}]" for m in notes))
    warnings.append(Warning(notes[0].line, f"footnote markers {labels} but no footnotes: "
                                           "the notes are missing from this copy"))
    return [m for m in markers if m.kind != "footnote"]


def _link_reference(marker: Marker, definition: Definition | None, sentence: str) -> Reference:
    urls = tuple(definition.urls) if definition else ()
    problem = None if urls else f"link {marker.label} has no URL"
    return Reference(marker.label, marker.line, marker.column, sentence, sentence, urls,
                     problem, kind="link", page=marker.page)


_SPECIAL = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
            (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def read_regular_file(path: Path, limit: int, name: str) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; InputError for anything else.

    Opened without blocking (a FIFO would wait for a writer forever), checked on the open
    file (a symlink to /dev/zero, which git can store, is a device), and read to at most
    `limit` + 1 bytes whatever its size says."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as f:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            what = next((w for test, w in _SPECIAL if test(mode)), "not a regular file")
            raise InputError(f"{name}: is {what}, not a document (only regular files are read)")
        data = f.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"{name}: larger than the {limit // (1024 * 1024)} MiB limit for a "
                         "document")
    return data


def read_document(path: str | Path) -> Document:
    """Read a document (text, Markdown, HTML, DOCX, PDF); raise InputError if impossible."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such file")
    if p.is_dir():
        raise InputError(f"{path}: is a directory, not a document")
    try:
        data = read_regular_file(p, MAX_DOCUMENT_BYTES, str(path))
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror or e}") from None
    if not data.strip():
        raise InputError(f"{path}: the file is empty")
    from .formats import parse_bounded  # the readers build on this module

    return parse_bounded(data, str(path))


def decode_text(data: bytes, name: str) -> str:
    """Decode a text file: BOMs first, then UTF-8, then a detected legacy encoding."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise InputError(f"{name}: not valid {encoding.upper()} text") from None
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file, not a text document")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # installed with requests

    best = from_bytes(data[:1_000_000]).best()
    if best is None:
        raise InputError(f"{name}: not a text document (no text encoding fits)")
    return data.decode(best.encoding, errors="replace")


def parse_text(text: str, path: str = "<text>") -> Document:
    lines = [_clean_line(line) for line in text.splitlines()]
    warnings: list[Warning] = []
    definitions, definition_lines = _find_definitions(lines, warnings)
    defined_urls = {u for d in definitions.values() for u in d.urls}
    superscript_labels = {d.label for d in definitions.values()}

    # Running text: every line that is not part of a footnote definition or a lone URL.
    gap = _usual_gap(lines)
    builder = _TextBuilder()
    blank_run = 0
    headline_checked = False
    for number, line in enumerate(lines, start=1):
        if number in definition_lines:
            blank_run = 0
            builder.paragraph_break()
            continue
        if not line.strip():
            blank_run += 1
            continue
        if blank_run > gap:
            builder.paragraph_break()
        blank_run = 0
        stripped = line.strip()
        if URL_RE.fullmatch(stripped):
            url = trim_url(stripped)
            if url in defined_urls:
                warnings.append(Warning(number, f"stray copy of a footnote URL: {url}"))
            else:
                warnings.append(Warning(number, f"URL not attached to any footnote: {url}"))
            builder.paragraph_break()
            continue
        builder.add_line(line, number, superscript_labels)
        if not headline_checked:
            headline_checked = True
            following = next((other for other in lines[number:] if other.strip()), "")
            if _headline(stripped, following.strip()):
                builder.paragraph_break()  # not glued to the sentence on the next line
    for label, d in builder.links.items():
        definitions[label] = d
        if d.urls[0] in defined_urls:
            warnings.append(Warning(d.line, f"the URL of {label} is also a footnote's: "
                                            f"{d.urls[0]}"))

    doc = Document(
        path=path,
        text=builder.text(),
        markers=drop_orphan_markers(builder.markers, definitions, warnings),
        definitions=definitions,
        date=find_date(lines[:60]),
        warnings=warnings,
    )
    doc._sentences = split_sentences(doc.text)
    doc._lines = builder.lines
    referenced = {m.label for m in doc.markers}
    for d in definitions.values():
        if d.label not in referenced:
            warnings.append(Warning(d.line, f"footnote [{d.label}] is defined but never referenced"))
    warnings.sort(key=lambda w: w.line)
    return doc


def _clean_line(line: str) -> str:
    # Private-use characters (U+E000..U+F8FF) are PDF symbol-font bullets: make them real ones.
    line = re.sub("[\ue000-\uf8ff]", "•", line)
    return line.rstrip()


def _usual_gap(lines: list[str]) -> int:
    """The number of blank lines that usually separates two lines of one paragraph.

    Plain text has none; text extracted from some PDFs puts one blank line after every
    line. A paragraph break is a gap longer than the usual one.
    """
    gaps: Counter[int] = Counter()
    run = 0
    seen_text = False
    for line in lines:
        if line.strip():
            if seen_text:
                gaps[min(run, 3)] += 1
            seen_text, run = True, 0
        else:
            run += 1
    # Double-spaced: most gaps are one blank line, and longer gaps mark the paragraphs.
    # (One blank line between one-line paragraphs is ordinary plain text.)
    longer = gaps[2] + gaps[3]
    return 1 if gaps[1] > gaps[0] and longer > 0 else 0


def _find_definitions(
    lines: list[str], warnings: list[Warning]
) -> tuple[dict[str, Definition], set[int]]:
    definitions: dict[str, Definition] = {}
    used: set[int] = set()
    previous_was_definition = False
    previous_blank = True
    current: Definition | None = None
    block_gap: int | None = None
    blank_run = 0
    in_notes = False  # under a "Notes" / "References" heading
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            blank_run += 1
            previous_blank = True
            continue
        if NOTES_HEADING_RE.match(line):
            in_notes, previous_was_definition, current = True, False, None
            used.add(number)
            continue
        m = DEFINITION_RE.match(line) or (_NUMBERED_RE.match(line) if in_notes else None)
        is_definition = False
        if m:
            rest = m.group("rest")
            is_definition = bool(URL_RE.search(rest)) or previous_was_definition or (
                (previous_blank or in_notes) and bool(rest.strip())
                and (m.groupdict().get("paren") is None or in_notes)
            )
        if is_definition and m:
            label = next(v for v in m.groupdict().values() if v is not None)
            label = label.translate(_SUPERSCRIPT_TO_ASCII)
            if current is not None and previous_was_definition:
                block_gap = blank_run if block_gap is None else min(block_gap, blank_run)
            current = Definition(label, number, m.group("rest").strip())
            current.urls = _urls_in(current.text)
            if label in definitions:
                warnings.append(
                    Warning(number, f"footnote [{label}] is defined twice; the first one is used")
                )
            else:
                definitions[label] = current
            used.add(number)
            previous_was_definition = True
        elif current is not None and previous_was_definition and _continues(
            current, stripped, blank_run, block_gap
        ):
            _append_continuation(current, stripped)
            used.add(number)
        else:
            previous_was_definition = False
            current = None
            block_gap = None
        blank_run = 0
        previous_blank = False
    return definitions, used


def _continues(d: Definition, line: str, blank_run: int, block_gap: int | None) -> bool:
    """Does `line` continue footnote definition `d` (a wrapped URL or wrapped prose)?"""
    if blank_run > (block_gap if block_gap is not None else 1):
        return False
    if URL_RE.match(line):
        return not d.urls  # a second full URL on its own line is a stray copy, unless first
    ends_with_url = bool(d.urls) and d.text.rstrip().endswith(d.urls[-1].rstrip("/")[-8:])
    if ends_with_url:
        return bool(_URL_TAIL_RE.match(line)) and (
            d.text.endswith(("-", "/", "_", ".", "=", "&", "?", "#", "%"))
            or not re.search(r"[a-z]{4,}\s", line)
        )
    return not d.urls


def _append_continuation(d: Definition, line: str) -> None:
    if d.urls and _URL_TAIL_RE.match(line) and not URL_RE.match(line):
        d.text += line  # a wrapped URL continues without a space
    else:
        d.text += " " + line
    d.urls = _urls_in(d.text)


def _urls_in(text: str) -> list[str]:
    urls: list[str] = []
    for m in URL_RE.finditer(text):
        url = trim_url(m.group(0))
        if url.lower().startswith("www."):
            url = "http://" + url
        if url not in urls:
            urls.append(url)
    return urls


def trim_url(url: str) -> str:
    """Drop punctuation that ends the sentence rather than the URL."""
    while url and url[-1] in ".,;:!?'\"”’»)]}":
        closer = url[-1]
        opener = {")": "(", "]": "[", "}": "{"}.get(closer)
        if opener and url.count(opener) >= url.count(closer):
            break
        url = url[:-1]
    return url


def _headline(line: str, following: str) -> bool:
    """Is the document's first line a title (a press release's headline, a letterhead)? It
    ends with no punctuation, and the next line starts a sentence of its own."""
    return bool(line) and line[-1] not in ".!?…,;:-–—" and bool(
        re.match(r"[\"“‘(]?[A-ZА-ЯЁ]", following))


class _TextBuilder:
    """Joins wrapped lines into running text, removing markers and remembering positions."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.markers: list[Marker] = []
        self.links: dict[str, Definition] = {}  # bare URLs in the running text
        self.lines: list[tuple[int, int, int | None]] = []
        self._at_paragraph_start = True

    def paragraph_break(self) -> None:
        if self.length and not self._at_paragraph_start:
            self._emit("\n\n")
        self._at_paragraph_start = True

    def add_line(self, line: str, number: int, superscript_labels: set[str]) -> None:
        if not self._at_paragraph_start:
            previous = self.parts[-1] if self.parts else ""
            if not (previous.endswith("-") and previous[-2:-1].isalpha()):
                self._emit(" ")
        self._at_paragraph_start = False
        self.lines.append((self.length, number, None))
        stripped_start = len(line) - len(line.lstrip())
        position = stripped_start
        events = sorted([*MARKER_RE.finditer(line, stripped_start),
                         *URL_RE.finditer(line, stripped_start)], key=lambda m: m.start())
        for m in events:
            if m.start() < position:
                continue  # a marker-like text inside a URL
            if m.re is URL_RE:  # a bare URL in the running text cites its sentence
                url = trim_url(m.group(0))
                end = m.start() + len(url)
                self._emit(line[position:end])
                label = f"link-{len(self.links) + 1}"
                full = "http://" + url if url.lower().startswith("www.") else url
                self.links[label] = Definition(label, number, url, [full])
                self.markers.append(Marker(label, self.length, number, m.start() + 1, "link"))
                position = end
                continue
            label = m.group("bracket") or m.group("paren") or m.group("super")
            label = label.translate(_SUPERSCRIPT_TO_ASCII)
            if not m.group("bracket") and (
                label not in superscript_labels or _UNIT_RE.search(line, 0, m.start())
            ):
                continue  # a superscript or (1) that is not a footnote (km², m³, a list)
            self._emit(line[position : m.start()])
            self.markers.append(Marker(label, self.length, number, m.start() + 1))
            position = m.end()
        self._emit(line[position:])

    def _emit(self, s: str) -> None:
        if s:
            self.parts.append(s)
            self.length += len(s)

    def text(self) -> str:
        return "".join(self.parts)


_SENTENCE_END_RE = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9А-ЯЁ•])|\n\n|•")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split running text into (start, end) sentence spans, respecting abbreviations."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END_RE.finditer(text):
        if m.group(0)[0] == "." and _is_abbreviation(text, m.start()):
            continue
        end = m.start() if m.group(0) in ("\n\n", "•") else m.end()
        if text[start:end].strip():
            spans.append((start, end))
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    # Skip leading white space so a sentence span starts at its first word.
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in spans]


def _is_abbreviation(text: str, dot: int) -> bool:
    word_start = dot
    while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:dot].lower()
    if word_start > 0 and text[word_start - 1] == "/":
        return False  # the end of a URL, not an initial
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _tidy(s: str, trim: bool = True) -> str:
    s = " ".join(s.split())
    if trim:
        s = s.strip(" ,;:–—-")
        s = s.rstrip(".")
    return s


_NOTE_TITLE_RE = re.compile(r"[“\"«]\s*(?P<title>[^”\"»“]{3,400}?)\s*[”\"»]")
_ACCESSED_RE = re.compile(
    r"\b(?:accessed|retrieved|last (?:visited|accessed)|viewed)\b(?:\s+on)?[^,;]*?"
    r"(?:\d{4}|$)", re.I)
_MONTH_YEAR_RE = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{4}})\b")
_MONTH_ABBREVIATIONS = {m[:3]: m for m in MONTHS}
_SHORT_DATE_RE = re.compile(
    r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+(\d{1,2}),?\s+(\d{4})\b")


def note_metadata(text: str) -> NoteMetadata | None:
    """The title (quoted), author or publisher (the parts before and after it) and date a
    footnote gives beside its URL; None when it gives nothing but the URL."""
    rest = URL_RE.sub(" ", text)
    rest = _ACCESSED_RE.sub(" ", rest)  # "accessed October 1, 2022" dates the reading
    m = _NOTE_TITLE_RE.search(rest)
    title = m.group("title").strip().rstrip(",.;:").strip() if m else None
    before, after = (rest[: m.start()], rest[m.end():]) if m else ("", rest)
    when, date_at = _note_date(after)
    if when is None and m:
        when, _ = _note_date(before)
    after_text = after[:date_at] if date_at is not None else after
    pieces = [p.strip(" .,;:()[]") for p in re.split(r"[,;]", after_text)]
    after_name = next((p for p in pieces if re.search(r"[^\W\d_]{2,}", p)), None)
    before_name = before.strip(" .,;:()[]–—-") or None
    if before_name and re.fullmatch(r"[\W\d_]*", before_name):
        before_name = None
    publisher = after_name or before_name
    author = before_name if after_name and before_name else None
    if title is None and when is None:
        return None
    return NoteMetadata(_squash(title), _squash(publisher), _squash(author), when)


def _squash(s: str | None) -> str | None:
    return " ".join(s.split()) if s else None


def _note_date(text: str) -> tuple[str | None, int | None]:
    """The first date in a footnote's text, as precise as it is written, and where it is."""
    best: tuple[int, str] | None = None
    for pattern in (*_DATE_RES, _SHORT_DATE_RE, _MONTH_YEAR_RE):
        for m in pattern.finditer(text):
            iso = _iso(pattern, m.groups())
            if iso and (best is None or m.start() < best[0]):
                best = (m.start(), iso)
            break
    return (best[1], best[0]) if best else (None, None)


def _iso(pattern: re.Pattern, groups: tuple[str, ...]) -> str | None:
    try:
        if pattern is _MONTH_YEAR_RE:
            return f"{int(groups[1]):04d}-{MONTHS.index(groups[0].lower()) + 1:02d}"
        if pattern is _SHORT_DATE_RE:
            month = MONTHS.index(_MONTH_ABBREVIATIONS[groups[0][:3].lower()]) + 1
            return date(int(groups[2]), month, int(groups[1])).isoformat()
        if pattern is _DATE_RES[0]:
            return date(int(groups[2]), MONTHS.index(groups[0].lower()) + 1,
                        int(groups[1])).isoformat()
        if pattern is _DATE_RES[1]:
            return date(int(groups[2]), MONTHS.index(groups[1].lower()) + 1,
                        int(groups[0])).isoformat()
        return date(int(groups[0]), int(groups[1]), int(groups[2])).isoformat()
    except (ValueError, KeyError):
        return None


def find_date(lines: list[str]) -> str | None:
    """The first full date in the first lines (a letter's date), as YYYY-MM-DD."""
    for line in lines:
        for pattern in _DATE_RES:
            m = pattern.search(line)
            if not m:
                continue
            a, b, c = m.groups()
            try:
                if pattern is _DATE_RES[0]:
                    d = date(int(c), MONTHS.index(a.lower()) + 1, int(b))
                elif pattern is _DATE_RES[1]:
                    d = date(int(c), MONTHS.index(b.lower()) + 1, int(a))
                else:
                    d = date(int(a), int(b), int(c))
            except ValueError:
                continue
            return d.isoformat()
    return None
