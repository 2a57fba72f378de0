"""What changed between two reports: new problems, fixed ones, problems whose status moved.

A citation is the same from one report to the next when its document path, footnote label
and URL are the same. What counts as a problem is the newer report's ``fail_on``. When the
newer report checked only what changed (``--changed-since``), a note it did not check again
is not "gone": only the labels it says were removed are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .report import CitationResult, Report
from .renderers._text import STATUS_ICON, changes_line, claim_excerpt, status_label
from .renderers.markdown import html_text, md_link, md_text


@dataclass
class Change:
    path: str
    old: CitationResult | None  # None: the citation is new
    new: CitationResult | None  # None: the citation is gone

    @property
    def current(self) -> CitationResult:
        return self.new or self.old  # type: ignore[return-value]


@dataclass
class ReportDiff:
    new_problems: list[Change] = field(default_factory=list)
    fixed: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)  # a problem before and now, another
    unchanged: list[Change] = field(default_factory=list)  # the same problem before and now
    citations: tuple[int, int] = (0, 0)  # before, now
    scope: list[str] = field(default_factory=list)  # what a --changed-since report checked

    @property
    def exit_code(self) -> int:
        return 1 if self.new_problems else 0


def compare(old: Report, new: Report) -> ReportDiff:
    problem = new.is_problem
    before = {(d.path, *c.key): c for d in old.documents for c in d.citations}
    now = {(d.path, *c.key): c for d in new.documents for c in d.citations}
    partial = {d.path: d for d in new.documents if d.changed_since}
    labels = {(d.path, c.id) for d in new.documents for c in d.citations}

    def not_checked(key: tuple) -> bool:
        doc = partial.get(key[0])
        return doc is not None and (key[0], key[1]) not in labels \
            and key[1] not in (doc.changed_since or {}).get("removed", [])

    before = {k: c for k, c in before.items() if k in now or not not_checked(k)}
    diff = ReportDiff(citations=(len(before), len(now)))
    diff.scope = [f"{md_text(d.path)}: {changes_line(d.changed_since, d.citations, md_text)}"
                  for d in partial.values()]
    for key in [*now, *(k for k in before if k not in now)]:
        a, b = before.get(key), now.get(key)
        change = Change(key[0], a, b)
        was, is_ = a is not None and problem(a), b is not None and problem(b)
        if is_ and not was:
            diff.new_problems.append(change)
        elif was and not is_:
            diff.fixed.append(change)
        elif was and is_:
            (diff.unchanged if a.status == b.status else diff.changed).append(change)  # type: ignore[union-attr]
    return diff


def _status(c: CitationResult | None) -> str:
    return "— (not cited)" if c is None else f"{STATUS_ICON[c.status]} {status_label(c.status)}"


def _table(changes: list[Change]) -> list[str]:
    lines = ["| Document | Note | Line | Claim | Was | Now | Why | Source |",
             "|---|---|---:|---|---|---|---|---|"]
    for ch in changes:
        c = ch.current
        why = md_text(ch.new.reason) if ch.new else "no longer cited"
        lines.append(f"| {md_text(ch.path)} | [{md_text(c.id)}] | {c.line} "
                     f"| {md_text(claim_excerpt(c, 80))} | {_status(ch.old)} | {_status(ch.new)} "
                     f"| {why} | {md_link(c.url)} |")
    return [*lines, ""]


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def render_markdown(diff: ReportDiff) -> str:
    before, now = diff.citations
    counts = ", ".join([
        _count(len(diff.new_problems), "new problem", "new problems"),
        f"{len(diff.fixed)} fixed",
        _count(len(diff.changed), "problem changed", "problems changed"),
        f"{len(diff.unchanged)} unchanged",
    ])
    out = ["## citecheck: what changed", "",
           f"**{counts}** ({_count(now, 'citation', 'citations')} now, {before} before)", ""]
    out.extend([*(f"- {line}" for line in diff.scope), ""] if diff.scope else [])
    for title, changes in (("New problems", diff.new_problems), ("Fixed", diff.fixed),
                           ("Problems that changed", diff.changed)):
        if changes:
            out.extend([f"### {title}", "", *_table(changes)])
    if diff.unchanged:
        out.extend([f"<details><summary>{html_text(_count(len(diff.unchanged), 'problem', 'problems'))}"
                    " as before</summary>", "", *_table(diff.unchanged), "</details>", ""])
    if not (diff.new_problems or diff.fixed or diff.changed):
        out.extend(["No problem appeared, went away or changed.", ""])
    return "\n".join(out)
