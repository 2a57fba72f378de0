"""JSON: the machine contract, ``Report.to_dict()`` encoded (schema/report-1.schema.json)."""

from __future__ import annotations

from ..report import Report
from ._text import json_text


def render(report: Report) -> str:
    return json_text(report.to_dict())
