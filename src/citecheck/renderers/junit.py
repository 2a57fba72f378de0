"""JUnit XML, for CI systems that show test reports: a test suite per document, a test case
per citation; a problem is a failure, a skipped host a skipped test.

Only what the Jenkins xunit plugin's JUnit XSD accepts (``tests/data/jenkins-xunit-junit-10.xsd``,
the strictest common consumer): no ``skipped`` on ``<testsuites>``, no ``file`` or ``line`` on
``<testcase>`` (the document is the suite's ``file``, the line is in the test's name)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..report import CitationResult, Report, Status
from ._text import (
    FIGURE_MARK,
    PROBLEM_TEXT,
    TERM_MARK,
    archive_note,
    claim_excerpt,
    clean,
    fetch_note,
    figure_note,
    metadata_notes,
    status_label,
    summary_line,
    where,
)


def _details(c: CitationResult) -> str:
    lines = [f"Claim ({where(c.line, c.page, prose=True)}): {clean(c.claim)}", f"Cited: {clean(c.url) or '—'}"]
    if fetch_note(c):
        lines.append(f"Fetch: {fetch_note(c)}")
    if archive_note(c):
        lines.append(f"Archived copy: {archive_note(c)}")
    lines.extend(metadata_notes(c))
    lines.extend(f"Problem: {PROBLEM_TEXT.get(p, p)}" for p in c.problems)
    for f in c.figures:
        line = (f"{FIGURE_MARK.get(f.outcome, '?')} {figure_note(f)}" if f.message else
                f"{FIGURE_MARK.get(f.outcome, '?')} {clean(f.text)}: {f.outcome.replace('_', ' ')}")
        if f.evidence:
            line += f": “{clean(f.evidence)}”"
        lines.append(line)
    for t in c.terms:
        line = f"{TERM_MARK.get(t.outcome, '?')} {clean(t.text)} ({t.kind}): " \
               f"{t.outcome.replace('_', ' ')}"
        if t.evidence:
            line += f" as “{clean(t.as_)}”: “{clean(t.evidence)}”"
        elif t.reason:
            line += f" ({clean(t.reason)})"
        lines.append(line)
    return "\n".join(lines)


def _case(suite: ET.Element, path: str, c: CitationResult, report: Report) -> str:
    case = ET.SubElement(suite, "testcase", {
        "classname": clean(path),
        "name": f"[{clean(c.id)}] {where(c.line, c.page, prose=True)}: {claim_excerpt(c, 100)}",
        "time": "0",
    })
    message = f"{status_label(c.status)}: {clean(c.reason)}"
    if report.is_problem(c):
        failure = ET.SubElement(case, "failure", {"type": c.status.value, "message": message})
        failure.text = _details(c)
        return "failure"
    if c.status is Status.SKIPPED:
        ET.SubElement(case, "skipped", {"message": message})
        return "skipped"
    ET.SubElement(case, "system-out").text = f"{message}\n{_details(c)}"
    return "passed"


def render(report: Report) -> str:
    root = ET.Element("testsuites", {"name": "citecheck"})
    totals = {"tests": 0, "failures": 0}  # <testsuites> has no `skipped` in the XSD
    for doc in report.documents:
        suite = ET.SubElement(root, "testsuite", {"name": clean(doc.path), "file": clean(doc.path)})
        outcomes = [_case(suite, doc.path, c, report) for c in doc.citations]
        counts = {"tests": len(outcomes), "failures": outcomes.count("failure"),
                  "skipped": outcomes.count("skipped")}
        for key, value in counts.items():
            suite.set(key, str(value))
            if key in totals:
                totals[key] += value
        suite.set("errors", "0")
        suite.set("time", "0")
        if report.generated_at:
            suite.set("timestamp", clean(report.generated_at))
        said = [f"line {w.line}: {clean(w.message)}" for w in doc.warnings]
        if doc is report.documents[0]:  # the run's own warnings, said once (no run-level
            said += [f"run: {clean(w)}" for w in report.warnings]  # element in the XSD)
        if said:
            ET.SubElement(suite, "system-err").text = "\n".join(said)
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("errors", "0")
    root.set("time", "0")
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    comment = summary_line(report).replace("--", "- -")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<!-- citecheck: {comment} -->\n{body}\n'
