"""The labelled figure-matching set keeps its precision and recall (issue targets)."""

from __future__ import annotations

import json
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import match_eval  # noqa: E402


def test_labelled_set_meets_precision_and_recall_targets(capsys):
    data = ROOT / "benchmarks" / "data" / "figures_eval.jsonl"
    cases = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines() if line]
    assert len(cases) >= 120
    precision, recall = match_eval.evaluate(cases, show_misses=True)
    assert precision >= match_eval.TARGET_PRECISION, capsys.readouterr().out
    assert recall >= match_eval.TARGET_RECALL, capsys.readouterr().out
