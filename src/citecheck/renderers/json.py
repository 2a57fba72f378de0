"""JSON: the machine contract, ``Report.to_dict()`` encoded (schema/report-1.schema.json)."""

from __future__ import annotations

import json

from ..report import Report


def render(report: Report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
