"""Readers of document formats; every one produces the same :class:`~citecheck.document.Document`.

The format is chosen by the file's extension and confirmed by its content (magic bytes):
a file that is not what its name claims, or a format citecheck does not read, is an
:class:`~citecheck.document.InputError` with a one-line reason.

| extension | reader |
| --- | --- |
| ``.txt``, ``.text``, none | :func:`citecheck.document.parse_text` |
| ``.md``, ``.markdown`` | :mod:`.markdown` |
| ``.html``, ``.htm`` | :mod:`.html` |
| ``.docx`` | :mod:`.docx` |
| ``.pdf`` | :mod:`.pdf` |
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePath

from ..document import Document, InputError, decode_text, parse_text

FORMATS = {
    ".txt": "text", ".text": "text", "": "text",
    ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}
_NAMES = {"text": "plain text", "markdown": "Markdown", "html": "HTML", "docx": "Word (.docx)",
          "pdf": "PDF"}
_HTML_RE = re.compile(rb"<(?:!doctype\s+html|html|head|body|p|div|article|a\s)[\s>]", re.I)


def sniff(data: bytes) -> str:
    """What the content is: "pdf", "docx", "zip", "html" or "text"."""
    if data.lstrip()[:5] == b"%PDF-" or b"%PDF-" in data[:1024]:
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            return "zip"
        return "docx" if "word/document.xml" in names else "zip"
    if _HTML_RE.search(data[:4096]):
        return "html"
    return "text"


# Plain text and Markdown smaller than this are read in this process: their cost is linear
# in their size. Anything else is read by a reader process with limits (``_limits``).
IN_PROCESS_BYTES = 1024 * 1024


def parse_bounded(data: bytes, path: str) -> Document:
    """parse_bytes within the reading budget: a document over it is an InputError."""
    from .. import _limits

    claimed = FORMATS.get(PurePath(path).suffix.lower())
    if claimed in ("text", "markdown") and len(data) < IN_PROCESS_BYTES:
        return parse_bytes(data, path)
    _preload(claimed)
    try:
        return _limits.bounded(parse_bytes, data, path)
    except _limits.OverBudget as e:
        raise InputError(f"{path}: too costly to read: {e}, the limit for a document"
                         ) from None


def _preload(claimed: str | None) -> None:
    """Import the reader in this process, so that the forked reader does not (another
    thread may hold the import lock when it forks)."""
    import importlib

    module = {"markdown": "markdown", "html": "html", "docx": "docx", "pdf": "pdf"}.get(
        claimed or "")
    if module:
        importlib.import_module(f"{__name__}.{module}")


def parse_bytes(data: bytes, path: str) -> Document:
    """Parse a document's bytes by the format its name claims, once the content confirms it."""
    suffix = PurePath(path).suffix.lower()
    content = sniff(data)
    claimed = FORMATS.get(suffix)
    if claimed is None:
        readable = ", ".join(s for s in FORMATS if s)
        raise InputError(f"{path}: {suffix} files are not a format citecheck reads ({readable})")
    if suffix == "":
        claimed = content if content in ("pdf", "docx", "html") else "text"
    if claimed in ("text", "markdown"):
        confirmed = content in ("text", "html")  # text may quote markup
    elif claimed == "html":
        confirmed = content == "html" or (content == "text" and b"<" in data[:4096])
    else:
        confirmed = content == claimed
    if not confirmed:
        what = {"zip": "a ZIP archive", "text": "plain text"}.get(content, _NAMES.get(content))
        raise InputError(f"{path}: named {suffix} but the content is {what}, "
                         f"not {_NAMES[claimed]}")
    try:
        doc = _parse(claimed, data, path)
    except (InputError, MemoryError):
        raise  # MemoryError: over the reader's budget, said so by parse_bounded
    except (Exception, RecursionError) as e:  # noqa: B014  # a reader's library failed on it
        name = type(e).__name__
        if name == "error":  # zlib.error, struct.error: name the module
            name = f"{type(e).__module__}.error"
        raise InputError(f"{path}: not a readable {_NAMES[claimed]} file "
                         f"({name}: {_one_line(str(e))})") from None
    doc.format = claimed
    return doc


def _one_line(text: str) -> str:
    text = " ".join(text.split())[:160]
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)


def _parse(claimed: str, data: bytes, path: str) -> Document:
    if claimed == "text":
        doc = parse_text(decode_text(data, path), path)
    elif claimed == "markdown":
        from .markdown import parse_markdown

        doc = parse_markdown(decode_text(data, path), path)
    elif claimed == "html":
        from .html import parse_html

        doc = parse_html(data, path)
    elif claimed == "docx":
        from .docx import parse_docx

        doc = parse_docx(data, path)
    else:
        from .pdf import parse_pdf

        doc = parse_pdf(data, path)
    return doc
