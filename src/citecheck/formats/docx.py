"""Word (.docx): real footnotes and endnotes, and hyperlinks in the body and in the notes.

python-docx has no footnote API, so the package is read directly: the main part's
relationships lead to ``footnotes.xml`` and ``endnotes.xml``; each part's own
relationships resolve its ``w:hyperlink r:id`` targets. Body references are
``w:footnoteReference`` / ``w:endnoteReference``; their labels are the numbers Word
prints: notes are numbered in the order they are referenced, footnotes ``1, 2, 3`` and
endnotes ``i, ii, iii`` unless ``settings.xml`` says otherwise, and a custom mark
(``w:customMarkFollows``) is its own label. ``HYPERLINK`` fields count as hyperlinks.

``line`` is the 1-based number of the body paragraph (table cells included) and
``column`` the 1-based character in it.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile

from lxml import etree

from ..document import Document, InputError
from ._builder import Builder

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
MAX_PART_BYTES = 32 * 1024 * 1024  # one XML part of the package, inflated
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
_FIELD_URL_RE = re.compile(r'HYPERLINK\s+"([^"]+)"', re.I)


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


class _Package:
    def __init__(self, data: bytes, path: str):
        self.path = path
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile:
            raise InputError(f"{path}: not a readable Word document (broken ZIP)") from None

    def xml(self, name: str) -> etree._Element | None:
        try:
            size = self.zip.getinfo(name).file_size  # zipfile never inflates past it
            if size > MAX_PART_BYTES:
                raise InputError(f"{self.path}: {name} inflates to {size / 1e6:.0f} MB, more "
                                 f"than the {MAX_PART_BYTES // (1024 * 1024)} MiB limit for a "
                                 "part of a document (a zip bomb?)")
            raw = self.zip.read(name)
        except KeyError:
            return None
        except (zipfile.BadZipFile, OSError, RuntimeError) as e:
            raise InputError(f"{self.path}: cannot read {name}: {e}") from None
        try:
            return etree.fromstring(raw, _PARSER)
        except etree.XMLSyntaxError as e:
            if "unknown error" in str(e) or "memory" in str(e).lower():
                raise MemoryError from None  # libxml2 out of memory: over the budget
            raise InputError(f"{self.path}: {name} is not valid XML ({e})") from None

    def relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """rId -> (type, target) of one part; internal targets as package paths."""
        folder, name = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", name + ".rels"))
        rels: dict[str, tuple[str, str]] = {}
        for rel in root.iter(f"{{{PR}}}Relationship") if root is not None else ():
            target = rel.get("Target", "")
            if rel.get("TargetMode") != "External":
                target = posixpath.normpath(posixpath.join(folder, target.lstrip("/")))
            rels[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], target)
        return rels


def parse_docx(data: bytes, path: str) -> Document:
    pkg = _Package(data, path)
    document = pkg.xml("word/document.xml")
    if document is None:
        raise InputError(f"{path}: not a Word document (no word/document.xml)")
    rels = pkg.relationships("word/document.xml")
    parts = {kind: target for kind, target in rels.values() if kind in ("footnotes", "endnotes")}
    formats = _number_formats(pkg.xml("word/settings.xml"))
    b = Builder(path, "docx")
    reader = _BodyReader(b, rels, formats)
    body = document.find(_w("body"))
    for number, p in enumerate(body.iter(_w("p")) if body is not None else (), start=1):
        reader.paragraph(p, number)
    for kind, tag in (("footnotes", "footnote"), ("endnotes", "endnote")):
        root = pkg.xml(parts[kind]) if kind in parts else None
        if root is None:
            continue
        note_rels = pkg.relationships(parts[kind])
        for note in root.iter(_w(tag)):
            label = reader.labels.get((tag, note.get(_w("id"), "")))
            if note.get(_w("type")) in ("separator", "continuationSeparator",
                                        "continuationNotice") or label is None:
                continue
            text, hrefs = _note_text(note, note_rels)
            b.define(label, text, hrefs, reader.lines.get((tag, label), 1))
    return b.build()


def _number_formats(settings: etree._Element | None) -> dict[str, str]:
    formats = {"footnote": "decimal", "endnote": "lowerRoman"}
    if settings is not None:
        for tag in formats:
            fmt = settings.find(f"{_w(tag + 'Pr')}/{_w('numFmt')}")
            if fmt is not None and fmt.get(_w("val")):
                formats[tag] = fmt.get(_w("val"), formats[tag])
    return formats


class _BodyReader:
    def __init__(self, b: Builder, rels: dict[str, tuple[str, str]], formats: dict[str, str]):
        self.b = b
        self.rels = rels
        self.formats = formats
        self.labels: dict[tuple[str, str], str] = {}  # (footnote|endnote, w:id) -> label
        self.lines: dict[tuple[str, str], int] = {}  # (kind, label) -> paragraph
        self.counts = {"footnote": 0, "endnote": 0}

    def paragraph(self, p: etree._Element, number: int) -> None:
        self.b.paragraph()
        self.number, self.column = number, 1
        self.link: list | None = None  # [url, text] while inside a hyperlink
        self.field: str | None = None  # instruction of the field being read
        self.custom_mark = False
        for el in p.iter():
            tag = etree.QName(el).localname if isinstance(el.tag, str) else ""
            if el is not p and tag == "p":
                continue  # a text box's paragraphs are counted on their own
            self._element(el, tag)
        self._end_link()

    def _element(self, el: etree._Element, tag: str) -> None:
        if tag == "hyperlink":
            self._end_link()
            kind, target = self.rels.get(el.get(f"{{{R}}}id", ""), ("", ""))
            if kind == "hyperlink" and target.startswith(("http://", "https://", "www.")):
                self.link = [target, "", el]
        elif tag == "t":
            text = el.text or ""
            if self.custom_mark:  # the label of a custom footnote mark
                self._note_label(text.strip())
                self.custom_mark = False
                return
            self._text(text, el)
        elif tag in ("tab", "br", "cr"):
            self._text(" ", el)
        elif tag == "instrText":
            self.field = (self.field or "") + (el.text or "")
            m = _FIELD_URL_RE.search(self.field)
            if m:
                self.link = [m.group(1), "", None]
        elif tag == "fldChar" and el.get(_w("fldCharType")) == "end":
            self.field = None
            if self.link and self.link[2] is None:
                self._end_link()
        elif tag == "fldSimple":
            m = _FIELD_URL_RE.search(el.get(_w("instr"), ""))
            if m:
                self.link = [m.group(1), "", el]
        elif tag in ("footnoteReference", "endnoteReference"):
            kind = tag.replace("Reference", "")
            self._pending = (kind, el.get(_w("id"), ""))
            if el.get(_w("customMarkFollows")) in ("1", "true", "on"):
                self.custom_mark = True
            else:
                self.counts[kind] += 1
                self._note_label(_format(self.counts[kind], self.formats[kind]))

    def _note_label(self, label: str) -> None:
        kind, note_id = self._pending
        self.labels[(kind, note_id)] = label
        self.lines.setdefault((kind, label), self.number)
        self.b.footnote(label, self.number, self.column)

    def _text(self, text: str, el: etree._Element) -> None:
        if self.link and self.link[2] is not None and not _inside(el, self.link[2]):
            self._end_link()
        if self.link is not None:
            self.link[1] += text
        self.b.text_with_bare_urls(text, self.number, self.column) if self.link is None \
            else self.b.text(text, self.number)
        self.column += len(text)

    def _end_link(self) -> None:
        if self.link:
            url, text, _ = self.link
            self.link = None
            self.b.link(url, text, self.number, max(self.column - len(text), 1))


def _inside(el: etree._Element, ancestor: etree._Element) -> bool:
    return any(a is ancestor for a in el.iterancestors())


def _note_text(note: etree._Element, rels: dict[str, tuple[str, str]]) -> tuple[str, list[str]]:
    parts: list[str] = []
    for el in note.iter(_w("t"), _w("tab"), _w("br"), _w("p")):
        tag = etree.QName(el).localname
        parts.append(el.text or "" if tag == "t" else " ")
    hrefs = []
    for link in note.iter(_w("hyperlink")):
        kind, target = rels.get(link.get(f"{{{R}}}id", ""), ("", ""))
        if kind == "hyperlink":
            hrefs.append(target)
    for instr in note.iter(_w("instrText")):
        hrefs.extend(_FIELD_URL_RE.findall(instr.text or ""))
    return "".join(parts), hrefs


def _format(n: int, fmt: str) -> str:
    if fmt in ("lowerRoman", "upperRoman"):
        out = ""
        for value, numeral in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
                               (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"),
                               (5, "v"), (4, "iv"), (1, "i")):
            while n >= value:
                out, n = out + numeral, n - value
        return out.upper() if fmt == "upperRoman" else out
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    return str(n)
