"""What every renderer shares: making untrusted text safe, status names, icons, help."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterable
from enum import Enum
from urllib.parse import urlsplit

from ..report import ORIGINS, STATUS_ORDER, CitationResult, FigureResult, Report, Status

# C0/C1 controls, bidirectional overrides, lone surrogates and XML's non-characters.
_CONTROL_RE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufffe\uffff]"
)

STATUS_ICON = {
    Status.VERIFIED: "✅",
    Status.PARTIAL: "🟡",
    Status.NOT_FOUND: "❌",
    Status.NO_FIGURES: "➖",
    Status.UNREADABLE: "📄",
    Status.DEAD: "💀",
    Status.BLOCKED: "⛔",
    Status.UNREACHABLE: "⚠️",
    Status.INVALID: "❗",
    Status.SKIPPED: "⏭️",
}

# One line per status, as the README's table says it.
STATUS_HELP = {
    Status.VERIFIED: "The page is there and every figure of the claim is in it.",
    Status.PARTIAL: "Some figures of the claim are in the page, some are not.",
    Status.NOT_FOUND: "The page is there, none of the figures of the claim is.",
    Status.NO_FIGURES: "The page is there; the claim states no figure to check.",
    Status.UNREADABLE: "The page answered but holds no readable text.",
    Status.DEAD: "The page is gone: 404 or 410, no such host, or a soft 404.",
    Status.BLOCKED: "Access refused: 401, 403, 429, an anti-bot page, or a private address.",
    Status.UNREACHABLE: "The page could not be fetched: time-out, 5xx, TLS error, no network.",
    Status.INVALID: "The footnote is broken: no definition, no URL, or a malformed URL.",
    Status.SKIPPED: "The cited host is in the configuration's skip-hosts; not checked.",
}

# What a status means for the reader, for the renderers that colour it: one grouping.
STATUS_TONE = {
    Status.VERIFIED: "good", Status.NO_FIGURES: "good", Status.PARTIAL: "doubt",
    Status.NOT_FOUND: "bad", Status.DEAD: "bad", Status.INVALID: "bad",
    Status.BLOCKED: "unknown", Status.UNREACHABLE: "unknown", Status.UNREADABLE: "unknown",
    Status.SKIPPED: "unchecked",
}

FIGURE_MARK = {"found": "✓", "consistent": "≈", "other_referent": "≠", "not_found": "✗",
               "unchecked": "?"}


def figure_note(f: FigureResult) -> str:
    """What was seen of one figure, one line ("“234” is on the page, but counts …")."""
    if f.message:
        return clean(f.message)
    said = f" as “{clean(f.source_text)}”" if f.source_text else ""  # a report without messages
    return f"{clean(f.text)}: {f.outcome.replace('_', ' ')}{said}"


def clean(text: object) -> str:
    """Untrusted text made safe for any output: no control characters, one line."""
    return " ".join(_CONTROL_RE.sub(" ", "" if text is None else str(text)).split())


def where(line: int, page: int | None, prose: bool = False) -> str:
    """A line, with its page for PDFs: "14", "p. 2, 14"; in prose "line 14", "page 2, line 14"."""
    if prose:
        return f"page {page}, line {line}" if page else f"line {line}"
    return f"p. {page}, {line}" if page else str(line)


def sentence_excerpt(sentence: str, limit: int = 160) -> str:
    s = clean(sentence)
    return s if len(s) <= limit else s[: limit - 1].rsplit(" ", 1)[0] + "…"


def uncited_count(n: int) -> str:
    if n == 1:
        return "1 sentence states figures without a citation"
    return f"{n} sentences state figures without a citation"


def status_label(status: Status) -> str:
    return status.value.replace("_", " ")


def summary_line(report: Report) -> str:
    return counts_line(report.summary(), STATUS_ORDER)


def counts_line(summary: dict[str, int], statuses: Iterable[Enum]) -> str:
    """"4 citations: 2 verified, 1 dead": the counts of a summary, in status order."""
    parts = [f"{summary[st.value]} {st.value.replace('_', ' ')}" for st in statuses
             if summary[st.value]]
    noun = "citation" if summary["citations"] == 1 else "citations"
    return f"{summary['citations']} {noun}: " + (", ".join(parts) if parts else "none found")


def json_text(data: object) -> str:
    """Plain data as the JSON a report file holds. A page can smuggle in lone surrogates
    (&#xD800;), which no UTF-8 output accepts: they become '?'."""
    import orjson  # the same text as the standard library's below, a dozen times faster

    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE
                            ).decode("utf-8")
    except (TypeError, orjson.JSONEncodeError):
        pass  # lone surrogates, integers past 64 bits: the standard library's encoder
    # Written piece by piece into one buffer: json.dumps(indent=...) would first hold every
    # piece of a large report in a list (a third more memory at the peak).
    buffer = io.StringIO()
    for piece in json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(data):
        buffer.write(piece)
    buffer.write("\n")
    text = buffer.getvalue()
    # Replaced only when there is one: a large report is not copied twice more for nothing.
    return _SURROGATE_RE.sub("?", text) if _SURROGATE_RE.search(text) else text


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def text_console(width: int, color: bool):  # type: ignore[no-untyped-def]
    """A rich console writing into a buffer (``console.file.getvalue()``): colour when
    asked, plain text otherwise, never wrapping on its own."""
    from io import StringIO

    from rich.console import Console

    return Console(file=StringIO(), width=width, force_terminal=color, no_color=not color,
                   highlight=False, emoji=False, soft_wrap=False)


def defuse(s: str) -> str:
    """Break what code hosts turn into notifications or links: @mentions and #123. (Bare URLs
    are kept whole, for copying: see :func:`split_urls`.)"""
    s = re.sub(r"@(?=\w)", "@\u200b", s)
    return re.sub(r"#(?=\d)", "#\u200b", s)


# What code hosts autolink: a scheme's address or a www. name, up to a space, a quote, a
# backtick, a bracket of markup or a table's bar.
_BARE_URL_RE = re.compile(r"(?i)\b(?:(?:https?|ftp)://|www\.)[^\s<>\"`|]+")
_URL_TRAILER = ".,;:!?'"
_OPENING = {")": "(", "]": "["}


def split_urls(s: str) -> list[tuple[bool, str]]:
    """The text as pieces, (True, url) for each bare URL and (False, text) around them. A
    URL's trailing punctuation, and a closing bracket it does not open, stay in the text."""
    pieces: list[tuple[bool, str]] = []
    at = 0
    for m in _BARE_URL_RE.finditer(s):
        url = m.group()
        while url[-1] in _URL_TRAILER or (
                url[-1] in _OPENING and url.count(url[-1]) > url.count(_OPENING[url[-1]])):
            url = url[:-1]
        if m.start() > at:
            pieces.append((False, s[at:m.start()]))
        pieces.append((True, url))
        at = m.start() + len(url)
    if at < len(s):
        pieces.append((False, s[at:]))
    return pieces


def web_url(url: str | None) -> str | None:
    """The URL when it is an http(s) address a reader may follow, else None."""
    if not url:
        return None
    url = clean(url)
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme in ("http", "https") and parts.netloc else None


def url_label(url: str, limit: int = 60) -> str:
    """host/path of a URL, shortened for a table cell (plain text, not yet escaped)."""
    try:
        parts = urlsplit(clean(url))
        label = (parts.netloc + parts.path).rstrip("/") or clean(url)
    except ValueError:
        label = clean(url)
    return label if len(label) <= limit else label[: limit - 3] + "…"


def claim_excerpt(c: CitationResult, limit: int = 140) -> str:
    """The end of the claim, where the marker stands (plain text, not yet escaped)."""
    claim = clean(c.claim)
    if len(claim) > limit:
        claim = "…" + claim[-(limit - 1):].split(" ", 1)[-1]
    return claim


def archive_note(c: CitationResult) -> str | None:
    """Where the archived copy of the page is (plain text), or None when there is none."""
    a = c.archive
    if not isinstance(a, dict) or not a.get("warc"):
        return None
    bits = [clean(a["warc"])]
    if a.get("offset") is not None:
        bits.append(f"offset {clean(a['offset'])}")
    if a.get("record_id"):
        bits.append(f"record {clean(a['record_id'])}")
    if a.get("digest"):
        bits.append(clean(a["digest"]))
    return ", ".join(bits)


def archive_url(c: CitationResult) -> str | None:
    """A web address of the archived copy, when the archive names one."""
    a = c.archive
    return web_url(a.get("url")) if isinstance(a, dict) else None


def robust_attributes(url: str | None, archive: object) -> list[tuple[str, str]]:
    """The Robust Links attributes (https://robustlinks.mementoweb.org/spec/) of a link to
    `url` whose archived copy is `archive`: data-originalurl (the page cited),
    data-versiondate (when the copy was made) and, when the copy has a web address,
    data-versionurl. None without an archived copy. Values are plain text, not escaped."""
    original = web_url(url)
    if original is None or not isinstance(archive, dict) or not archive.get("date"):
        return []
    attributes = [("data-originalurl", original), ("data-versiondate", clean(archive["date"]))]
    version = web_url(archive.get("url"))
    if version:
        attributes.append(("data-versionurl", version))
    return attributes


def _origin(origin: str | None) -> str | None:
    return ORIGINS.get(origin) if origin and origin != "fetched" else None


def fetch_note(c: CitationResult) -> str | None:
    """How the page was fetched, one line (plain text)."""
    f = c.fetch
    if f is None:
        return None
    bits = [f"remapped to {clean(f.remapped)}" if f.remapped else None,
            f"HTTP {f.http_status}" if f.http_status else None,
            _origin(f.origin) or ("from the HTTP cache" if f.from_cache else None),
            f"fetched {clean(f.fetched_at)}" if f.fetched_at else None]
    return ", ".join(b for b in bits if b) or clean(f.error) or None


def changes_line(changed_since: dict | None, citations: Iterable,
                 text: Callable[[object], str] = clean) -> str | None:
    """With --changed-since, what was checked and why, in one line: "Changed since main: 1 new
    ([3]), 1 changed ([2]), 1 fixed ([4], was dead); 57 unchanged, not checked again". `text`
    makes the ref and the labels safe for the format."""
    if not changed_since:
        return None
    ref = text(changed_since.get("ref"))
    groups: dict[str, list[str]] = {"new": [], "changed": [], "fixed": []}
    for c in citations:
        change = getattr(c, "change", None) or {"kind": "changed"}  # rot's: checked, so changed
        label = f"[{text(c.id)}]"
        if change["kind"] == "fixed" and change.get("was"):
            label += f", was {status_label(Status(change['was']['status']))}"
        groups.setdefault(change["kind"], []).append(label)
    parts = [f"{len(labels)} {kind} ({'; '.join(labels)})" for kind, labels in groups.items()
             if labels]
    line = f"Changed since {ref}: " + (", ".join(parts) or "no note new or changed")
    if not changed_since.get("at_ref", True):
        line += f" (the file is not at {ref}: every note is new)"
    unchanged = changed_since.get("unchanged", 0)
    if unchanged:
        line += f"; {unchanged} unchanged, not checked again"
    removed = changed_since.get("removed") or []
    if removed:
        line += "; removed: " + " ".join(f"[{text(r)}]" for r in removed)
    return line


def change_label(c: CitationResult) -> str:
    """"new", "changed" or "fixed" after a note's label, with --changed-since."""
    return f" ({c.change['kind']})" if c.change else ""


TERM_MARK = {"found": "✓", "not_found": "✗", "unchecked": "?"}
TERM_KIND = {"name": "name", "quote": "quote", "term": "word"}
PROBLEM_TEXT = {
    "title_mismatch": "the footnote's title is not the page's",
    "after_document": "the page is dated after the document",
}


def marks(items: Iterable, table: dict[str, str]) -> list[str]:
    """“✓ 234”, “✗ helmets”: each figure or term with the mark of its outcome (plain text)."""
    return [f"{table.get(i.outcome, '?')} {clean(i.text)}" for i in items]


def fragment_url(url: str | None, evidence: str | None, hit: str | None) -> str | None:
    """The live page's URL with a text fragment (``#:~:text=before-,hit,-after``) that makes a
    browser scroll to the quoted words and highlight them; None without a web URL or hit."""
    safe = web_url(url)
    hit = clean(hit)
    if safe is None or not hit:
        return None
    text = clean(evidence).removeprefix("…").removesuffix("…")
    at = text.find(hit)
    directive = _fragment_part(hit)
    if at >= 0:
        before = text[:at].split()[-3:]
        after = text[at + len(hit):].split()[:3]
        # A neighbour only when it touches the hit with a space, as the spec requires.
        if before and text[:at].endswith(" "):
            directive = _fragment_part(" ".join(before)) + "-," + directive
        if after and text[at + len(hit):].startswith(" "):
            directive += ",-" + _fragment_part(" ".join(after))
    return safe.split("#", 1)[0] + "#:~:text=" + directive


def evidence_links(c: CitationResult, evidence: str | None,
                   hit: str | None) -> list[tuple[str, str]]:
    """Where a quote can be read: ("live", the live page scrolled to it and highlighted),
    ("archived", the archived copy), when there are such addresses."""
    links = []
    live = fragment_url(c.url, evidence, hit)
    if live:
        links.append(("live", live))
    if archive_url(c):
        links.append(("archived", archive_url(c)))
    return links  # type: ignore[return-value]


def _fragment_part(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="")  # "-", "," and "&" have meanings in a text directive


def metadata_notes(c: CitationResult) -> list[str]:
    """What the footnote says of the page, and how it compares; plain text lines."""
    notes = []
    cited = c.cited_as
    if cited is not None:
        bits = []
        if cited.title:
            match = {True: "matches the page", False: "does not match the page's title",
                     None: "not compared"}[cited.title_match]
            bits.append(f"title “{clean(cited.title)}” ({match})")
        if cited.publisher:
            bits.append(f"publisher {clean(cited.publisher)}")
        if cited.date:
            match = {True: "the page's date", False: "not the page's date",
                     None: "not compared"}[cited.date_match]
            bits.append(f"dated {clean(cited.date)} ({match})")
        if bits:
            notes.append("Footnote says: " + "; ".join(bits))
    if c.source is not None and c.source.after_document:
        notes.append(f"Page dated {clean(c.source.published)}, after the document")
    return notes
