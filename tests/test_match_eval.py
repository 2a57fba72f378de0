"""The labelled figure-matching sets keep their precision and recall.

The first two sets meet the issue's targets (precision >= 0.98, recall >= 0.95). The
third, written last by someone who had not seen the matcher, first measured 0.868/0.805;
after the fixes it showed it stands at 0.976/0.976, below the precision target (one
figure counts volunteers where the claim counts firefighters: telling them apart across
languages needs a translation citecheck does not have). Its floor here guards against
regressions; raising it to the target is open work. Reading what each number counts
(issue 14) made one of its qualified figures there (342 firefighters for "more than 300")
no longer consistent: recall floor 0.95.

`figures_real.jsonl` is built from real pages in eight languages, each supported figure
with a trap (the same value counting something else); it, the first real held-out set
(tuned on since its first run was reported) and the English date set now meet the targets.
`figures_real_holdout2.jsonl` is not gated here: it is the held-out measurement, run by
hand (benchmarks/README.md).
"""

from __future__ import annotations

import json
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import match_eval  # noqa: E402

TARGETS = (match_eval.TARGET_PRECISION, match_eval.TARGET_RECALL)


@pytest.mark.parametrize("name, size, floor", [
    ("figures_eval.jsonl", 120, TARGETS),
    ("figures_holdout.jsonl", 90, TARGETS),
    ("figures_holdout2.jsonl", 70, TARGETS),
    ("figures_real.jsonl", 200, TARGETS),
    ("figures_real_holdout.jsonl", 96, TARGETS),
    ("figures_real_en_dates.jsonl", 34, TARGETS),
])
def test_labelled_set_keeps_its_precision_and_recall(capsys, name, size, floor):
    data = ROOT / "benchmarks" / "data" / name
    cases = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines() if line]
    assert len(cases) >= size
    precision, recall = match_eval.evaluate(cases, show_misses=True)
    assert precision >= floor[0], capsys.readouterr().out
    assert recall >= floor[1], capsys.readouterr().out


def test_a_label_that_lost_the_claims_capital_is_still_read():
    # An unread figure counts as rejected: a trap the harness cannot read would be scored
    # as rejected by citecheck. A label "some 400" is the claim's "Some 400".
    case = {"claim": "Some 400 people were evacuated from the village.", "figure": "some 400",
            "source": "Rund 400 Menschen wurden aus dem Dorf evakuiert.", "source_lang": "de",
            "found": True}
    found, said = match_eval.predict(case)
    assert found is not None, said


def test_matching_a_long_page_reads_each_of_its_numbers_once_for_all_the_figures(monkeypatch):
    """match_eval's speed line (20 figures looked for in a 50-page Russian source, the
    figures' own set's pages): every figure reads the page's numbers from one index, so
    their referents are worked out about once each (a number's neighbour is read again for a
    verb both share), not once a figure, and the page is tokenised for its names once. The
    CPU bound is several times what it takes (about 0.4-0.8 s): a check that worked the page
    out again for each figure or each hit would take many times longer."""
    from citecheck.check import figures, terms

    read, tokenise = figures._referent, terms.PageText.__init__
    pages: list[int] = []
    referents: list[int] = []

    def referent(text, *args, **kwargs):  # type: ignore[no-untyped-def]
        if len(text) > 100_000:
            referents.append(args[1])
        return read(text, *args, **kwargs)

    def page_text(self, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        if len(text) > 100_000:
            pages.append(len(text))
        tokenise(self, text, *args, **kwargs)

    monkeypatch.setattr(figures, "_referent", referent)
    monkeypatch.setattr(terms.PageText, "__init__", page_text)
    data = ROOT / "benchmarks" / "data" / "figures_eval.jsonl"
    cases = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines() if line]
    _, cpu = match_eval.speed(cases)
    assert referents, "the figures were not looked for in the long page"
    assert len(referents) <= 2 * len(set(referents)), len(referents)
    assert len(pages) <= 1, pages
    assert cpu < 4.0, cpu
