"""Read the main text of a fetched page: HTML through trafilatura, PDF through pypdf.

Errors from the parsers are translated here into :class:`Unreadable`, with a
reason a person can act on.
"""

from __future__ import annotations

import codecs
import io
import re
import threading
from dataclasses import dataclass
from functools import lru_cache

from .capture import Capture


class Unreadable(Exception):
    """The page was fetched but holds no text we can read."""


@dataclass(frozen=True)
class Source:
    text: str
    title: str | None
    language: str | None
    published: str | None
    kind: str  # "html", "pdf" or "text"
    site_name: str | None = None  # the site's own name (og:site_name, publisher)


_BINARY_MAGIC = {
    b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or Office file)", b"\x1f\x8b": "gzip data",
    b"RIFF": "a media file", b"\x00\x00\x00": "a media file", b"OggS": "a media file",
    b"ID3": "an MP3 file",
}


def extract(capture: Capture) -> Source:
    body = capture.content
    if not body.strip():
        raise Unreadable("the page is empty")
    ctype = capture.content_type
    if body.startswith(b"%PDF-") or ctype == "application/pdf":
        return _pdf(body)
    for magic, what in _BINARY_MAGIC.items():
        if body.startswith(magic):
            raise Unreadable(f"the URL serves {what}, not a text page")
    header_lang = capture.headers.get("content-language", "")
    if "html" in ctype or "xml" in ctype or _looks_like_html(body):
        return _html(body, _declared_charset(capture), header_lang)
    if ctype.startswith("text/") or not ctype:
        text = _decode(body, _declared_charset(capture))
        if _mostly_binary(text):
            raise Unreadable(f"the URL serves binary data labelled {ctype or 'without a type'}")
        return Source(text, None, detect_language(text, _language_tag(header_lang)), None,
                      "text")
    raise Unreadable(f"the URL serves {ctype}, which citecheck does not read")


def _looks_like_html(body: bytes) -> bool:
    head = body[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head


_CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_META_CHARSET_RE = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?([\w.:-]+)", re.I)
# What servers say by default, often wrongly: any byte sequence decodes as these.
_WEAK_CHARSETS = frozenset({"iso8859-1", "cp1252", "ascii"})


def _declared_charset(capture: Capture) -> str | None:
    """The charset the answer declares, unless the bytes plainly contradict it.

    A Latin-1 (or ASCII) label decodes anything into mojibake; when the body is valid UTF-8,
    or its own ``<meta charset>`` names another charset, that wins."""
    charset = _charset(_CHARSET_RE.search(capture.headers.get("content-type", "")))
    body = capture.content
    if charset in _WEAK_CHARSETS and not body.isascii():
        try:
            body.decode("utf-8")
            return "utf-8"
        except UnicodeDecodeError:
            meta = _charset(_META_CHARSET_RE.search(body[:4096]))
            if meta and meta not in _WEAK_CHARSETS:
                return meta
    return charset


def _charset(m: re.Match | None) -> str | None:  # type: ignore[type-arg]
    if not m:
        return None
    name = m.group(1)
    try:
        return codecs.lookup(name.decode("ascii") if isinstance(name, bytes) else name).name
    except (LookupError, UnicodeDecodeError):
        return None  # a charset nobody knows: let detection decide


def _decode(body: bytes, charset: str | None) -> str:
    if charset:
        try:
            return body.decode(charset)
        except UnicodeDecodeError:
            pass  # the server lied about its charset
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(body[:1_000_000]).best()
        return body.decode(best.encoding if best else "latin-1", errors="replace")


# Control characters but tab, line feed, carriage return and form feed; and U+FFFD, what a
# failed decoding leaves.
_BINARY_CHAR_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")


def _mostly_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    return len(_BINARY_CHAR_RE.findall(sample)) / len(sample) > 0.05


_reading_lock = threading.Lock()
_reading_ready = False


def prepare_reading() -> None:
    """Import, once and before any thread reads, what reading HTML imports lazily.

    htmldate (inside trafilatura) imports dateparser on the first date it cannot parse
    itself, by two paths (`dateparser`, and `dateparser.languages.loader` for month names).
    Threads taking both at once deadlock in the import system (`_DeadlockError`, or a
    `KeyError` for a half-imported module), and their pages came out "unreadable"."""
    global _reading_ready
    if _reading_ready:
        return
    with _reading_lock:
        if not _reading_ready:
            import dateparser  # noqa: F401
            import dateparser.languages.loader  # noqa: F401
            import htmldate  # noqa: F401
            import trafilatura  # noqa: F401

            _reading_ready = True


def _html(body: bytes, charset: str | None, header_lang: str = "") -> Source:
    prepare_reading()
    import trafilatura

    # A declared charset that decodes cleanly wins; otherwise trafilatura detects it from
    # the bytes (it reads <meta charset> and guesses well, windows-1251 included).
    page: bytes | str = body
    if charset:
        try:
            page = body.decode(charset)
        except UnicodeDecodeError:
            page = body
    if isinstance(page, bytes):
        decoded = None
        try:
            decoded = body.decode("utf-8")
        except UnicodeDecodeError:
            pass
        if decoded is not None and _mostly_binary(decoded):
            raise Unreadable("the URL serves binary data labelled as HTML")
    try:
        text, title, published, site_name = _main_text(page)
    except Exception as e:  # trafilatura raises assorted errors on broken markup
        raise Unreadable(f"the page's HTML could not be parsed ({type(e).__name__})") from None
    if len(text) < 40:
        # Too little for trafilatura's idea of an article: fall back to all visible text.
        try:
            fallback = trafilatura.html2txt(page) or _visible_text(page)
        except Exception:
            fallback = ""
        if len(fallback.strip()) > len(text):
            text = fallback.strip()
    if not text:
        raise Unreadable("the page has no readable text")
    if _mostly_binary(text):
        raise Unreadable("the URL serves binary data labelled as HTML")
    declared = _page_language(body) or _language_tag(header_lang)
    return Source(text, title, detect_language(text, declared), published, "html",
                  site_name or None)


# <html lang="ar">, <html xml:lang="es-ES">, <meta http-equiv="Content-Language" content="kk">
_HTML_LANG_RE = re.compile(rb"<html\b[^>]{0,400}?\blang\s*=\s*[\"']?\s*([A-Za-z]{2,3}(?![A-Za-z]))", re.I)
_META_LANG_RE = re.compile(
    rb"<meta\b(?=[^>]{0,300}?http-equiv\s*=\s*[\"']?content-language)[^>]{0,300}?\bcontent\s*=\s*"
    rb"[\"']?\s*([A-Za-z]{2,3}(?![A-Za-z]))", re.I)
_TAG_RE = re.compile(r"\s*([A-Za-z]{2,3})(?![A-Za-z])")


def _page_language(body: bytes) -> str | None:
    """The language the page declares for itself (its <html lang>, else a Content-Language
    meta tag), as a lower-case ISO 639 code; None when it declares none."""
    head = body[:65536]
    m = _HTML_LANG_RE.search(head) or _META_LANG_RE.search(head)
    return m.group(1).decode("ascii").lower() if m else None


def _language_tag(value: str) -> str | None:
    """The first language of a Content-Language header ("es-ES, en": "es")."""
    m = _TAG_RE.match(value or "")
    return m.group(1).lower() if m else None


def _main_text(page: bytes | str) -> tuple[str, str | None, str | None, str | None]:
    """trafilatura's main text of the page, and its title, date and site name.

    What ``bare_extraction(with_metadata=True)`` gives for these four, without the metadata
    citecheck never shows (authors, categories, tags, licence: a quarter of its time): the
    page parsed once, its title, date and site name found by trafilatura's own functions,
    in its own order, before the text is extracted from the same tree, as
    ``extract_metadata`` does (``tests/test_extract.py`` holds the two to the same answers).
    With another trafilatura, whose functions are not these, the whole extraction."""
    import trafilatura

    options = _extractor()
    parts = _metadata_parts()
    if parts is None:
        doc = trafilatura.bare_extraction(page, options=options)
        if doc is None:
            return "", None, None, None
        return (doc.text or "").strip(), doc.title, doc.date, doc.sitename
    try:
        tree = parts.load_html(page, options.max_file_size)
        if tree is None:
            return "", None, None, None  # what bare_extraction gives: nothing
        title, published, site_name = _metadata(tree, options.date_params, parts)
    except (TypeError, ValueError):  # what bare_extraction takes for "nothing to extract"
        return "", None, None, None
    options = _extractor(with_metadata=False)
    doc = trafilatura.bare_extraction(tree, options=options)
    if doc is None:  # discarded (too little text): bare_extraction gives no metadata either
        return "", None, None, None
    return (doc.text or "").strip(), title, published, site_name


def _metadata(tree, date_params: dict, parts):  # type: ignore[no-untyped-def]
    """trafilatura's ``extract_metadata``, for the title, date and site name only."""
    meta = parts.examine_meta(tree)
    try:
        meta = parts.extract_meta_json(tree, meta)
    except Exception:  # noqa: BLE001  # as trafilatura: bugs in its JSON-LD reading
        pass
    if not meta.title:
        meta.title = parts.extract_title(tree)
    if not meta.url:
        meta.url = parts.extract_url(tree, None)
    meta.date = parts.find_date(tree, **{**date_params, "url": meta.url})
    if not meta.sitename:
        meta.sitename = parts.extract_sitename(tree)
    if meta.sitename:
        meta.sitename = meta.sitename.lstrip("@")
        if meta.sitename and "." not in meta.sitename and not meta.sitename[0].isupper():
            meta.sitename = meta.sitename.title()
    elif meta.url and (found := parts.META_URL.match(meta.url)):
        meta.sitename = found[1]
    out = []
    for value in (meta.title, meta.date, meta.sitename):  # Document.clean_and_trim
        if isinstance(value, str):
            if len(value) > 10000:
                value = value[:9999] + "…"
            value = parts.line_processing(parts.unescape(value))
        out.append(value)
    return tuple(out)


@lru_cache(maxsize=1)
def _metadata_parts():  # type: ignore[no-untyped-def]
    """trafilatura's metadata functions, or None for a trafilatura that does not have them
    as 2.x has them (then the whole extraction runs, its metadata included)."""
    import html
    import types

    try:
        from trafilatura import metadata, utils

        names = ("examine_meta", "extract_meta_json", "extract_title", "extract_url",
                 "find_date", "extract_sitename", "META_URL")
        return types.SimpleNamespace(**{n: getattr(metadata, n) for n in names},
                                     load_html=utils.load_html,
                                     line_processing=utils.line_processing,
                                     unescape=html.unescape)
    except (ImportError, AttributeError):
        return None


def _extractor(with_metadata: bool = True):  # type: ignore[no-untyped-def]
    """trafilatura's settings for citecheck's reading, made once a day (the latest date it
    takes for a page's is today's) instead of once a page (a tenth of a millisecond of
    reading its configuration each time)."""
    from datetime import datetime

    # today as trafilatura's set_date_params has it
    return _extractor_of(datetime.now().astimezone().strftime("%Y-%m-%d"), with_metadata)


@lru_cache(maxsize=4)
def _extractor_of(today: str, with_metadata: bool):  # type: ignore[no-untyped-def]
    from trafilatura.settings import Extractor

    return Extractor(output_format="python", with_metadata=with_metadata, comments=False,
                     tables=True, recall=True)


def _visible_text(page: bytes | str) -> str:
    """All text outside scripts and styles: for fragments too small for trafilatura."""
    import lxml.html
    from lxml.etree import ParserError

    try:
        root = lxml.html.fromstring(page)
    except (ParserError, ValueError):
        return ""
    for element in root.xpath("//script|//style|//noscript|//template"):
        element.drop_tree()
    return " ".join(root.text_content().split())


MAX_PDF_PAGES = 500  # pages of a cited PDF read; the rest are left out


def _pdf(body: bytes) -> Source:
    """A cited PDF's text, read by a reader process within the reading budget (_limits):
    a PDF can cost any time or memory to read (pages sharing one heavy content stream,
    a stream bomb)."""
    from . import _limits

    import pypdf  # noqa: F401  # imported here, not by each reader

    try:
        text, title = _limits.bounded(_pdf_text, body)
    except _limits.OverBudget as e:
        raise Unreadable(f"the PDF is too costly to read: {e}, the limit for a page") from None
    if not text:
        raise Unreadable("the PDF has no text layer (a scan?)")
    return Source(text, title, detect_language(text), None, "pdf")


def _pdf_text(body: bytes) -> tuple[str, str | None]:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(body))
        pages = [page.extract_text() or "" for page in reader.pages[:MAX_PDF_PAGES]]
        title = reader.metadata.get("/Title") if reader.metadata else None
    except MemoryError:
        raise
    except (PyPdfError, Exception, RecursionError) as e:  # noqa: B014  # unknown filters and
        # encryption handlers (NotImplementedError), broken objects: pypdf raises many kinds
        raise Unreadable(f"the PDF could not be read ({type(e).__name__}: "
                         f"{' '.join(str(e).split())[:100]})") from None
    # /Title may be any object (an array, a number, a dictionary): only a string is a title
    return "\n\n".join(pages).strip(), (str(title) if isinstance(title, str) else None)


# Below this many characters of text, a language the page declares for itself wins over
# py3langid's guess when it is plausible: short texts are where the guess goes wrong (a
# short Arabic news item read as Moroccan Arabic, "ary"; a Spanish one as Extremaduran, "ext").
SHORT_TEXT = 2000


def detect_language(text: str, declared: str | None = None) -> str | None:
    """The ISO 639-1 code of the text's language, or None if it cannot tell.

    `declared` is the language the page declares (<html lang>, Content-Language). It wins
    when it is plausible (py3langid scores it nearly as well as its guess) and the text is
    short, or py3langid's guess is a language citecheck has no knowledge of while the
    declared one is."""
    sample = text[:5000]
    if len(sample.strip()) < 20:
        return None
    lang = _classify(sample)
    if lang in ("ru", "uk", "kk", "be", "bg", "mk", "mn", "sr", "ky"):
        # py3langid confuses Cyrillic languages on short texts; letters settle Kazakh and Ukrainian.
        if re.search("[әғқңөұүһі]", sample, re.I) and re.search("[әғқңөұү]", sample, re.I):
            lang = "kk"
        elif re.search("[їєґ]", sample, re.I):
            lang = "uk"
    if declared and declared != lang and _plausible(declared, sample) and (
            len(sample.strip()) < SHORT_TEXT or (_known(declared) and not _known(lang))):
        lang = declared  # a Russian page that names "Халыққа" is still Russian
    return lang


def _known(code: str | None) -> bool:
    """Does citecheck have language data (counted things, number words) for the code?"""
    from .check import lexicon

    return bool(code) and lexicon.language(code).known


# How far (in py3langid's log-probability, per character of the text) a declared language
# may score below py3langid's best guess and still be taken: Moroccan Arabic over Arabic and
# Extremaduran over Spanish differ by about 0.3 on short news items; another language of the
# same script by 1 or more (Russian over Ukrainian 0.6, Spanish over English 0.7 and more).
PLAUSIBLE_GAP = 0.5


def _plausible(declared: str, sample: str) -> bool:
    """May the text be in the declared language? py3langid scores it nearly as well as its
    best guess."""
    import py3langid

    _classify(sample[:40])  # the model loaded once, under its lock
    scores = dict(py3langid.rank(sample))
    if declared not in scores:
        return False
    return (max(scores.values()) - scores[declared]) / len(sample) <= PLAUSIBLE_GAP


_langid_lock = threading.Lock()
_langid_loaded = False


def _classify(sample: str) -> str:
    """py3langid's verdict. Its model is loaded on the first call (from citecheck's quick
    copy of it, see ``_langid``); without the lock every worker thread that gets there
    first would load its own copy."""
    global _langid_loaded
    import py3langid

    if not _langid_loaded:
        with _langid_lock:
            from . import _langid

            _langid.install()
            lang, _ = py3langid.classify(sample)
            _langid_loaded = True
            return lang
    lang, _ = py3langid.classify(sample)
    return lang
