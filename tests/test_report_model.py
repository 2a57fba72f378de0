"""The report model read back from JSON: the inverse of to_dict, and files of old releases."""

from __future__ import annotations

import json

import jsonschema
import pytest

from citecheck.report import CitationResult, Report, ReportError, Status
from conftest import ROOT, SCHEMA
from test_renderers import ARCHIVE, small_report

DATA = ROOT / "tests" / "data"


def test_from_dict_is_the_inverse_of_to_dict():
    report = small_report()
    report.documents[0].citations[0].archive = dict(ARCHIVE)
    report.documents[0].citations.append(CitationResult(
        id="³", url="https://skip.example/a", claim="c", sentence="s", line=9, column=3,
        status=Status.SKIPPED, reason="skip.example is in skip-hosts: not checked"))
    report.fail_on = frozenset({Status.DEAD, Status.NOT_FOUND})
    data = json.loads(json.dumps(report.to_dict()))
    again = Report.from_dict(data)
    assert again == report
    assert again.to_dict() == data
    assert again.exit_code == 1 and again.summary()["problems"] == 1


@pytest.mark.parametrize("sample", sorted(DATA.glob("report-*.json")), ids=lambda p: p.name)
def test_reports_written_by_older_releases_still_load(sample):
    data = json.loads(sample.read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads(SCHEMA.read_text()))
    report = Report.from_dict(data)
    assert [c.id for c in report.citations] == ["1", "2", "3", "4"]
    assert report.summary() | {"skipped": 0} == data["summary"] | {"skipped": 0}
    assert report.citations[0].figures[0].source_text == "234"
    # what this release writes validates too, and reads back the same
    assert Report.from_dict(report.to_dict()) == report
    jsonschema.validate(report.to_dict(), json.loads(SCHEMA.read_text()))


@pytest.mark.parametrize("data, message", [
    ([], "not a citecheck report (schema 'list'"),
    ({"schema": "other/1"}, "not a citecheck report (schema 'other/1'"),
    ({"schema": "citecheck.report/1"}, "damaged citecheck report: missing field 'documents'"),
    ({"schema": "citecheck.report/1", "documents": [{"path": "a", "citations": [
        {"id": "1", "url": None, "claim": "c", "line": 1, "status": "lost"}]}]},
     "damaged citecheck report: 'lost' is not a valid Status"),
    ({"schema": "citecheck.report/1", "documents": [{"path": "a", "citations": [
        {"id": "1", "claim": "c", "status": "dead"}]}]},
     "damaged citecheck report"),
])
def test_what_is_not_a_report_is_a_clear_error(data, message):
    with pytest.raises(ReportError) as e:
        Report.from_dict(data)
    assert str(e.value).startswith(message)


def test_fields_added_by_a_later_release_are_ignored():
    data = small_report().to_dict()
    data["documents"][0]["citations"][0]["future_field"] = {"x": 1}
    data["documents"][0]["citations"][0]["figures"][0]["future"] = 2
    assert Report.from_dict(data) == small_report()
