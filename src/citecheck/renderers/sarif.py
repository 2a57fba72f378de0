"""SARIF 2.1.0: one result per problem, located on the document's line and column, so code
hosts annotate the letter in the diff (GitHub code scanning, GitLab, Azure DevOps)."""

from __future__ import annotations

import hashlib
import json
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import quote

from .. import __version__
from ..report import STATUS_ORDER, CitationResult, Report, Status
from ._text import PROBLEM_TEXT, STATUS_HELP, claim_excerpt, clean, defuse, status_label

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/citecheck/"


def sarif_text(text: object, url: bool = False) -> str:
    """Untrusted text for a SARIF plain-text message: square brackets escaped (they would
    start an embedded link); mentions and bare URLs broken, unless it is the cited URL."""
    s = clean(text).replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    return s if url else defuse(s)


def _uri(path: str) -> tuple[str, bool]:
    """The document's path as a URI reference; True when relative to the checkout."""
    posix = path.replace("\\", "/")
    if PurePosixPath(posix).is_absolute() or PureWindowsPath(path).is_absolute():
        return "file://" + quote(posix if posix.startswith("/") else "/" + posix), False
    return quote(posix.removeprefix("./")), True


def _rule(status: Status) -> dict:
    return {
        "id": status.value,
        "name": "".join(w.capitalize() for w in status.value.split("_")) + "Citation",
        "shortDescription": {"text": f"Citation {status_label(status)}"},
        "fullDescription": {"text": STATUS_HELP[status]},
        "helpUri": INFORMATION_URI,
        "defaultConfiguration": {"level": "error"},
    }


def _problem_rule(problem: str) -> dict:
    return {
        "id": problem,
        "name": "".join(w.capitalize() for w in problem.split("_")) + "Citation",
        "shortDescription": {"text": f"Citation: {PROBLEM_TEXT[problem]}"},
        "fullDescription": {"text": PROBLEM_TEXT[problem].capitalize() + "."},
        "helpUri": INFORMATION_URI,
        "defaultConfiguration": {"level": "error"},
    }


def _result(path: str, c: CitationResult, rule_id: str, rule_index: int) -> dict:
    uri, relative = _uri(path)
    location: dict = {"uri": uri}
    if relative:
        location["uriBaseId"] = "%SRCROOT%"
    message = f"Footnote {sarif_text(c.id)}: {status_label(c.status)}: {sarif_text(c.reason)}."
    message += f" Claim: “{sarif_text(claim_excerpt(c, 200))}”."
    if c.url:
        message += f" Cited: {sarif_text(c.url, url=True)}"
    fingerprint = hashlib.sha256(
        "\0".join([clean(path), clean(c.id), clean(c.url)]).encode()).hexdigest()[:32]
    return {
        "ruleId": rule_id,
        "ruleIndex": rule_index,
        "level": "error",
        "message": {"text": message},
        "locations": [{"physicalLocation": {
            "artifactLocation": location,
            "region": {"startLine": max(1, c.line), "startColumn": max(1, c.column)},
        }}],
        "partialFingerprints": {"citecheckCitation/v1": fingerprint},
        "properties": {
            "footnote": clean(c.id),
            "url": clean(c.url) or None,
            "status": c.status.value,
            "figures": [{"text": clean(f.text), "outcome": f.outcome,
                         **({"message": clean(f.message)} if f.message else {})}
                        for f in c.figures],
            "terms": [{"text": clean(t.text), "kind": t.kind, "outcome": t.outcome}
                      for t in c.terms],
            "problems": list(c.problems),
        },
    }


def render(report: Report) -> str:
    statuses = [s for s in STATUS_ORDER if s in report.fail_on]
    rules = [_rule(s) for s in statuses] + [_problem_rule(p) for p in PROBLEM_TEXT]
    index = {r["id"]: i for i, r in enumerate(rules)}
    results = []
    for doc in report.documents:
        for c in doc.citations:
            if report.is_problem(c):
                rule = c.status.value if c.status in report.fail_on else c.problems[0]
                results.append(_result(doc.path, c, rule, index[rule]))
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "citecheck",
                "version": clean(report.tool).removeprefix("citecheck ") or __version__,
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"description": {
                "text": "The folder citecheck was run in."}}},
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": {"summary": report.summary(), "generatedAt": clean(report.generated_at)},
        }],
    }
    if report.warnings:  # the run's (a damaged cache set aside, the run's deadline reached)
        log["runs"][0]["invocations"] = [{"executionSuccessful": True,
                                          "toolExecutionNotifications": [
            {"level": "warning", "message": {"text": clean(w)}} for w in report.warnings]}]
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
