"""The labelled figure-matching set keeps its precision and recall (issue targets)."""

from __future__ import annotations

import json
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import match_eval  # noqa: E402


import pytest


@pytest.mark.parametrize("name, size", [("figures_eval.jsonl", 120), ("figures_holdout.jsonl", 90)])
def test_labelled_set_meets_precision_and_recall_targets(capsys, name, size):
    data = ROOT / "benchmarks" / "data" / name
    cases = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines() if line]
    assert len(cases) >= size
    precision, recall = match_eval.evaluate(cases, show_misses=True)
    assert precision >= match_eval.TARGET_PRECISION, capsys.readouterr().out
    assert recall >= match_eval.TARGET_RECALL, capsys.readouterr().out
