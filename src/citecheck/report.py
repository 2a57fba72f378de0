"""The report model: one tree of plain dataclasses that every renderer reads.

``Report.to_dict()`` is the JSON contract (``schema/report-1.schema.json``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields, is_dataclass
from decimal import Decimal
from enum import StrEnum

from . import __version__

SCHEMA = "citecheck.report/1"


class Status(StrEnum):
    VERIFIED = "verified"  # reachable, every cited figure found
    PARTIAL = "partial"  # reachable, some figures found
    NOT_FOUND = "not_found"  # reachable, no figure found
    NO_FIGURES = "no_figures"  # reachable, the claim has no figure to check
    UNREADABLE = "unreadable"  # reachable, but no text could be read (image, empty, scan)
    DEAD = "dead"  # 404/410, no such host, soft 404
    BLOCKED = "blocked"  # 401/403/429, anti-bot page, or refused by citecheck's own policy
    UNREACHABLE = "unreachable"  # time-outs, 5xx after retries, TLS errors, no network
    INVALID = "invalid"  # marker without definition, definition without URL, malformed URL
    SKIPPED = "skipped"  # the host is in the configuration's skip-hosts: not fetched


OK_STATUSES = frozenset({Status.VERIFIED, Status.NO_FIGURES})
STATUS_ORDER = list(Status)
# What fails a run unless the configuration's fail-on says otherwise.
DEFAULT_FAIL_ON = frozenset(Status) - OK_STATUSES - {Status.SKIPPED}


class ReportError(ValueError):
    """A saved report that cannot be read back (not a citecheck report, or damaged)."""


class ExitCode:
    OK = 0  # every citation is fine
    PROBLEMS = 1  # at least one citation has a problem
    USAGE = 2  # usage or input error


OUTCOMES = ("found", "consistent", "other_referent", "not_found", "unchecked")


@dataclass
class FigureResult:
    text: str  # as written in the claim
    value: int | float
    kind: str  # "count", "percent", "year" or "date"
    qualifier: str | None
    found: bool
    # One of OUTCOMES: "found" (same value, same thing counted); "consistent" (an exact
    # figure that satisfies a qualified claim: 238 for "more than 200"); "other_referent"
    # (the value is on the page but counts something else); "not_found" (nowhere on the
    # page); "unchecked" (the page could not be read, or what its number counts could not
    # be told). `found` is true for found and consistent (kept for readers of old reports).
    outcome: str
    evidence: str | None = None  # quote from the source around the figure
    source_text: str | None = None  # the figure as the source writes it
    score: float = 0.0  # how well the words around the hit match the claim (0..1)
    counts: str | None = None  # what the claim's figure counts ("complaints and allegations")
    source_counts: str | None = None  # what the page's number counts there
    message: str | None = None  # what was seen, one line: "“234” is on the page, but counts …"


# Where a capture's answer came from (Capture.origin, the report's fetch.origin).
ORIGINS = {
    "fetched": "fetched now",
    "http_cache": "from citecheck's HTTP cache",
    "archive": "from citecheck's archive",
    "committed_archive": "from the committed archive",
    "other_archive": "from a WARC file citecheck did not write",
}


@dataclass
class TermResult:
    """A key term of the claim (a name, a quoted phrase, a content word) and the page."""

    text: str  # as the claim writes it
    kind: str  # "name", "quote" or "term"
    # "found"; "not_found"; "unchecked": citecheck cannot tell (a quote in another language
    # than the page's, a word its lexicon has no translation for, a page it could not read)
    outcome: str
    as_: str | None = None  # how the page writes it (JSON: "as")
    evidence: str | None = None  # quote from the page around it
    reason: str | None = None  # why it is unchecked, or what the page says instead


@dataclass
class CitedAs:
    """What the footnote itself says of the page it cites, compared with the page."""

    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    date: str | None = None  # YYYY-MM-DD, YYYY-MM or YYYY
    title_match: bool | None = None  # None: nothing to compare (no title, another language)
    date_match: bool | None = None


@dataclass
class FetchResult:
    http_status: int | None
    final_url: str | None
    error: str | None
    redirects: list[str] = field(default_factory=list)
    content_type: str | None = None
    from_cache: bool = False
    fetched_at: str | None = None
    attempts: int = 0
    # where the answer came from: fetched, http_cache, archive (citecheck's own record),
    # committed_archive / other_archive (a WARC record citecheck did not write: replay
    # evidence, never a fresh fetch); None when nothing answered
    origin: str | None = None
    remapped: str | None = None  # the URL fetched instead of the cited one (lychee's `remap`)


@dataclass
class SourceInfo:
    title: str | None
    language: str | None
    published: str | None
    kind: str
    characters: int
    site_name: str | None = None
    after_document: bool | None = None  # published after the document's date


@dataclass
class ArchiveInfo:
    """The archived copy a citation was verified against: a record of a WARC file."""

    warc: str  # the WARC file, relative to the working folder or absolute, as given
    offset: int  # where the record starts in it (a gzip member of its own)
    record_id: str  # WARC-Record-ID, <urn:uuid:…>
    digest: str  # WARC-Payload-Digest, e.g. sha256:<base32>
    date: str  # WARC-Date: when the copy was made


@dataclass
class CitationResult:
    id: str  # footnote label as written
    url: str | None
    claim: str
    sentence: str
    line: int
    column: int
    status: Status
    reason: str  # one line a person can act on
    figures: list[FigureResult] = field(default_factory=list)
    terms: list[TermResult] = field(default_factory=list)
    cited_as: CitedAs | None = None
    # Problems beside the status: "title_mismatch", "after_document"
    problems: list[str] = field(default_factory=list)
    fetch: FetchResult | None = None
    source: SourceInfo | None = None
    # The archived copy it was verified against: ArchiveInfo's fields as a dict
    # (warc, offset, record_id, digest, date), the form renderers and the JSON read.
    archive: dict | None = None
    kind: str = "footnote"  # "footnote", or "link": an inline link citing its sentence
    page: int | None = None  # PDF: the page, and `line` is the line on that page
    # With --changed-since: {"kind": "new" | "changed" | "fixed", "was": {"claim", "url",
    # "status", "reason"} of the note at the ref (changed and fixed)}; None otherwise.
    change: dict | None = None

    @property
    def ok(self) -> bool:
        return self.status in OK_STATUSES

    @property
    def key(self) -> tuple[str, str | None]:
        """What identifies a citation within its document from one run to the next."""
        return (self.id, self.url)


@dataclass
class DocumentWarning:
    line: int
    message: str


@dataclass
class Uncited:
    """Citation needed: a sentence that states figures and carries no citation."""

    line: int
    page: int | None
    sentence: str
    figures: list[str]  # as written


@dataclass
class DocumentResult:
    path: str
    date: str | None
    citations: list[CitationResult] = field(default_factory=list)
    warnings: list[DocumentWarning] = field(default_factory=list)
    format: str = "text"  # text, markdown, html, docx or pdf
    uncited: list[Uncited] = field(default_factory=list)
    # With --changed-since: {"ref", "at_ref" (the file was there), "unchanged" (citations not
    # checked again), "removed" (labels at the ref no longer here)}; None otherwise.
    changed_since: dict | None = None


@dataclass
class Report:
    documents: list[DocumentResult]
    generated_at: str
    tool: str = f"citecheck {__version__}"
    fail_on: frozenset[Status] = DEFAULT_FAIL_ON  # the statuses that count as problems
    # About the run, not one document: a damaged HTTP cache set aside, a torn index line
    # skipped, the run's deadline reached.
    warnings: list[str] = field(default_factory=list)

    @property
    def citations(self) -> list[CitationResult]:
        return [c for d in self.documents for c in d.citations]

    def is_problem(self, citation: CitationResult) -> bool:
        return citation.status in self.fail_on or bool(citation.problems)

    def summary(self) -> dict[str, int]:
        counts = _counts(self.citations, Status)
        counts["problems"] = sum(1 for c in self.citations if self.is_problem(c))
        return counts

    @property
    def exit_code(self) -> int:
        return ExitCode.PROBLEMS if self.summary()["problems"] else ExitCode.OK

    def to_dict(self) -> dict:
        return {k: _plain(v) for k, v in self.head().items()}

    def head(self) -> dict:
        """to_dict() before its dataclasses are made plain data: the documents as they are
        (a renderer can write them one citation at a time, renderers/json.py)."""
        return {
            "schema": SCHEMA,
            "tool": self.tool,
            "generated_at": self.generated_at,
            "fail_on": [s.value for s in STATUS_ORDER if s in self.fail_on],
            "documents": self.documents,
            "warnings": list(self.warnings),
            "summary": self.summary(),
        }

    @classmethod
    def from_dict(cls, data: object) -> Report:
        """The inverse of :meth:`to_dict`; reads reports written by every release of schema 1.

        Fields added after the first release get their defaults; the summary is recomputed.
        Raises :class:`ReportError` for anything that is not a citecheck report.
        """
        if not isinstance(data, dict) or data.get("schema") != SCHEMA:
            found = data.get("schema") if isinstance(data, dict) else type(data).__name__
            raise ReportError(f"not a citecheck report (schema {found!r}, expected {SCHEMA!r})")
        try:
            return cls(
                documents=[_document(d) for d in data["documents"]],
                generated_at=str(data.get("generated_at") or ""),
                tool=str(data.get("tool") or "citecheck"),
                fail_on=frozenset(Status(s) for s in data["fail_on"])
                if data.get("fail_on") is not None else DEFAULT_FAIL_ON,
                warnings=[str(w) for w in data.get("warnings") or []],
            )
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            what = f"missing field {e}" if isinstance(e, KeyError) else str(e)
            raise ReportError(f"damaged citecheck report: {what}") from None


def _fields(cls: type, data: dict) -> dict:
    """The keys of `data` that `cls` knows: fields added by a later release are ignored."""
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}


def _document(d: dict) -> DocumentResult:
    return DocumentResult(
        path=d["path"],
        date=d.get("date"),
        citations=[_citation(c) for c in d.get("citations", [])],
        warnings=[DocumentWarning(**_fields(DocumentWarning, w)) for w in d.get("warnings", [])],
        format=d.get("format", "text"),
        uncited=[Uncited(**_fields(Uncited, u)) for u in d.get("uncited", [])],
        changed_since=d.get("changed_since"),
    )


def _citation(c: dict) -> CitationResult:
    values = _fields(CitationResult, c)
    values["status"] = Status(c["status"])
    values["figures"] = [FigureResult(**_fields(FigureResult, f)) for f in c.get("figures", [])]
    values["terms"] = [TermResult(**_fields(TermResult, _as_field(t))) for t in c.get("terms", [])]
    values["cited_as"] = CitedAs(**_fields(CitedAs, c["cited_as"])) if c.get("cited_as") else None
    values["fetch"] = FetchResult(**_fields(FetchResult, c["fetch"])) if c.get("fetch") else None
    values["source"] = SourceInfo(**_fields(SourceInfo, c["source"])) if c.get("source") else None
    values.setdefault("sentence", values.get("claim", ""))
    values.setdefault("column", 1)
    values.setdefault("reason", "")
    return CitationResult(**values)


def _plain(value: object) -> object:
    """A report's dataclasses as plain data (statuses as their names), as `asdict` gives
    them but without copying every leaf on the way (half the time of a JSON report)."""
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    names = field_names(value)
    if names is None:
        return value
    return {key: _plain(getattr(value, name)) for name, key in names}


def field_names(value: object) -> tuple[tuple[str, str], ...] | None:
    """A report dataclass's (attribute, JSON key) pairs in order; None for anything else.
    A field named after a Python keyword ends with "_" (TermResult.as_ is JSON "as")."""
    names = _FIELD_NAMES.get(type(value))
    if names is None:
        if not is_dataclass(value) or isinstance(value, type):
            return None
        names = _FIELD_NAMES[type(value)] = tuple((f.name, f.name.rstrip("_"))
                                                  for f in fields(value))
    return names


_FIELD_NAMES: dict[type, tuple[tuple[str, str], ...]] = {}
_NAMES: dict[type, tuple[str, ...]] = {}


def flat(value: object) -> dict:
    """A dataclass of plain fields (strings, numbers, lists of them) as a dict, as `asdict`
    gives it but without copying every leaf on the way (remembered readings, fresh.json)."""
    names = _NAMES.get(type(value))
    if names is None:
        names = _NAMES[type(value)] = tuple(f.name for f in fields(value))  # type: ignore[arg-type]
    return {name: getattr(value, name) for name in names}


def _as_field(term: dict) -> dict:
    return {("as_" if k == "as" else k): v for k, v in term.items()}


# --- link rot (`citecheck rot`) ---------------------------------------------------------

ROT_SCHEMA = "citecheck.rot/1"


class RotStatus(StrEnum):
    OK = "ok"  # the live page still says what the archived copy said
    DEAD = "dead"  # 404/410, the host name is gone
    SOFT_404 = "soft_404"  # 200, but gone: redirected home, "page not found", a catch-all page
    REDIRECTED = "redirected"  # now redirects to a different page
    DRIFTED = "drifted"  # a figure that was there is gone, or the text is mostly different
    BLOCKED = "blocked"  # 401/403/429, an anti-bot page
    UNREACHABLE = "unreachable"  # time-outs, 5xx, TLS errors, no network
    SKIPPED = "skipped"  # the host is in skip-hosts: neither fetched nor looked up


ROTTED = frozenset({RotStatus.DEAD, RotStatus.SOFT_404, RotStatus.REDIRECTED, RotStatus.DRIFTED})


@dataclass
class WaybackSnapshot:
    """A web archive's copy (the Wayback Machine's, or a Memento TimeGate's) proposed in place
    of a rotted link, checked against the claim."""

    url: str | None  # the snapshot to cite instead (None: no snapshot found)
    timestamp: str | None  # yyyymmddhhmmss
    status: Status | None  # the claim verified against the snapshot
    reason: str
    archive: ArchiveInfo | None = None  # our own archived copy of the snapshot
    timegate: str | None = None  # the Memento TimeGate that found it (None: Wayback's CDX API)


@dataclass
class RotResult:
    id: str
    url: str
    claim: str
    line: int
    status: RotStatus
    reason: str
    http_status: int | None = None
    final_url: str | None = None
    lost_figures: list[str] = field(default_factory=list)  # in the archived copy, not live
    similarity: float | None = None  # of the live text to the archived copy's (0..1)
    compared_with: ArchiveInfo | None = None  # the archived copy the live page was compared with
    live: ArchiveInfo | None = None  # where today's answer was archived
    first_archived_ok: str | None = None  # WARC-Date of the first copy that was fine
    last_archived_ok: str | None = None  # WARC-Date of the last copy that was fine
    rotted_since: str | None = None  # WARC-Date of the first copy seen rotted, since then
    wayback: WaybackSnapshot | None = None

    @property
    def rotted(self) -> bool:
        return self.status in ROTTED


@dataclass
class RotDocument:
    path: str
    date: str | None  # the document's own date
    as_of: str | None  # the date Wayback snapshots are sought before (--as-of or `date`)
    citations: list[RotResult] = field(default_factory=list)
    changed_since: dict | None = None  # as DocumentResult's: only the changed notes checked


@dataclass
class RotReport:
    documents: list[RotDocument]
    generated_at: str
    tool: str = f"citecheck {__version__}"
    warnings: list[str] = field(default_factory=list)  # about the run, as Report's

    @property
    def citations(self) -> list[RotResult]:
        return [c for d in self.documents for c in d.citations]

    def summary(self) -> dict[str, int]:
        counts = _counts(self.citations, RotStatus)
        counts["rotted"] = sum(1 for c in self.citations if c.rotted)
        return counts

    @property
    def exit_code(self) -> int:
        return ExitCode.PROBLEMS if self.summary()["rotted"] else ExitCode.OK

    def to_dict(self) -> dict:
        return {
            "schema": ROT_SCHEMA,
            "tool": self.tool,
            "generated_at": self.generated_at,
            "documents": [_plain(d) for d in self.documents],
            "warnings": list(self.warnings),
            "summary": self.summary(),
        }


def _counts(citations: list, statuses: type[StrEnum]) -> dict[str, int]:
    """How many citations, and how many have each status (every status, zeros too)."""
    found = Counter(c.status for c in citations)
    return {"citations": len(citations), **{s.value: found[s] for s in statuses}}


def number(value: Decimal) -> int | float:
    """A Decimal as the JSON number a reader expects (234, not 234.0 or "234")."""
    return int(value) if value == value.to_integral_value() else float(value)
