"""JSON: the machine contract, ``Report.to_dict()`` encoded (schema/report-1.schema.json)."""

from __future__ import annotations

import json

from ..report import Report


def render(report: Report) -> str:
    text = json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
    # A page can smuggle in lone surrogates (&#xD800;), which no UTF-8 output accepts.
    return text.encode("utf-8", "replace").decode("utf-8")
