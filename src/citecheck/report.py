"""The report model: one tree of plain dataclasses that every renderer reads.

``Report.to_dict()`` is the JSON contract (``schema/report-1.schema.json``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
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


OK_STATUSES = frozenset({Status.VERIFIED, Status.NO_FIGURES})
STATUS_ORDER = list(Status)


class ExitCode:
    OK = 0  # every citation is fine
    PROBLEMS = 1  # at least one citation has a problem
    USAGE = 2  # usage or input error


@dataclass
class FigureResult:
    text: str  # as written in the claim
    value: int | float
    kind: str  # "count", "percent", "year" or "date"
    qualifier: str | None
    found: bool
    # "found"; "consistent": the source states an exact figure that satisfies a qualified
    # claim (238 for "more than 200"); "not_found"; "unchecked": the page could not be read.
    outcome: str
    evidence: str | None = None  # quote from the source around the figure
    source_text: str | None = None  # the figure as the source writes it
    score: float = 0.0  # how well the words around the hit match the claim (0..1)


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


@dataclass
class SourceInfo:
    title: str | None
    language: str | None
    published: str | None
    kind: str
    characters: int


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
    fetch: FetchResult | None = None
    source: SourceInfo | None = None
    archive: dict | None = None
    kind: str = "footnote"  # "footnote", or "link": an inline link citing its sentence
    page: int | None = None  # PDF: the page, and `line` is the line on that page

    @property
    def ok(self) -> bool:
        return self.status in OK_STATUSES


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


@dataclass
class Report:
    documents: list[DocumentResult]
    generated_at: str
    tool: str = f"citecheck {__version__}"

    @property
    def citations(self) -> list[CitationResult]:
        return [c for d in self.documents for c in d.citations]

    def summary(self) -> dict[str, int]:
        counts = {"citations": len(self.citations)}
        for status in Status:
            counts[status.value] = sum(1 for c in self.citations if c.status == status)
        counts["problems"] = sum(1 for c in self.citations if not c.ok)
        return counts

    @property
    def exit_code(self) -> int:
        return ExitCode.PROBLEMS if self.summary()["problems"] else ExitCode.OK

    def to_dict(self) -> dict:
        return {
            "schema": SCHEMA,
            "tool": self.tool,
            "generated_at": self.generated_at,
            "documents": [asdict(d, dict_factory=_plain) for d in self.documents],
            "summary": self.summary(),
        }


def _plain(items: list[tuple[str, object]]) -> dict:
    return {k: (v.value if isinstance(v, Status) else v) for k, v in items}


def number(value: Decimal) -> int | float:
    """A Decimal as the JSON number a reader expects (234, not 234.0 or "234")."""
    return int(value) if value == value.to_integral_value() else float(value)
