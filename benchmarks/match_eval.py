"""Precision and recall of "found" on the labelled figure-matching set, and matching speed.

    python benchmarks/match_eval.py [--data benchmarks/data/figures_eval.jsonl] [--misses]

Each case names a claim, the figure in it, a source text and its language, and whether a
careful reader finds the figure in that source. A case counts as predicted "found" when
citecheck's outcome is "found" or "consistent". Exit status 1 when the targets
(precision >= 0.98, recall >= 0.95) are missed, so CI or a person can gate on it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from citecheck.check.figures import SourceIndex, claim_figures, match_figure

HERE = Path(__file__).resolve().parent
TARGET_PRECISION, TARGET_RECALL = 0.98, 0.95


def predict(case: dict) -> tuple[bool | None, str]:
    """(predicted found, what citecheck said); None when the claim's figure is not read."""
    claim, wanted = case["claim"], case["figure"]
    figures = [f.mention for f in claim_figures(claim)]
    figure = next((m for m in figures if m.text == wanted), None)
    figure = figure or next((m for m in figures if wanted in m.text or m.text in wanted), None)
    if figure is None:
        return None, f"figure {wanted!r} not read from the claim (got {[m.text for m in figures]})"
    result = match_figure(figure, claim, SourceIndex(case["source"], case.get("source_lang")))
    said = f"{result.outcome}: {result.message}"
    return result.found, said


def evaluate(cases: list[dict], show_misses: bool) -> tuple[float, float]:
    tp = fp = fn = tn = unread = 0
    for case in cases:
        predicted, said = predict(case)
        truth = bool(case["found"])
        if predicted is None:
            unread += 1
            predicted = False
        if predicted and truth:
            tp += 1
        elif predicted and not truth:
            fp += 1
        elif truth:
            fn += 1
        else:
            tn += 1
        if show_misses and predicted != truth:
            kind = "false positive" if predicted else "missed"
            print(f"  {kind:14} {case['id']}: {case['figure']!r} — citecheck: {said}; "
                  f"note: {case.get('note', '')}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(f"cases {len(cases)}: tp {tp}, fp {fp}, fn {fn}, tn {tn}"
          + (f", figure not read from claim {unread}" if unread else ""))
    print(f"precision {precision:.3f} (target {TARGET_PRECISION}), "
          f"recall {recall:.3f} (target {TARGET_RECALL})")
    return precision, recall


def speed(cases: list[dict]) -> float:
    """Seconds to scan a ~50-page Russian source and look for 20 figures in it."""
    ru = [c for c in cases if c.get("source_lang") == "ru"] or cases
    text = ""
    i = 0
    while len(text) < 50 * 3000:  # about 3,000 characters a page
        text += ru[i % len(ru)]["source"] + "\n\n"
        i += 1
    claims = [c for c in cases if c["found"]][:20]
    figures = []
    for c in claims:
        for f in claim_figures(c["claim"]):
            if f.checked:
                figures.append((f.mention, c["claim"]))
                break
    SourceIndex("прогрев 10 000 человек, восьми", "ru")  # load analysers outside the timing
    started = time.perf_counter()
    index = SourceIndex(text, "ru")
    for mention, claim in figures[:20]:
        match_figure(mention, claim, index)
    elapsed = time.perf_counter() - started
    print(f"speed: {len(text):,} characters ({len(text) // 3000} pages), {len(figures[:20])} "
          f"figures: {elapsed * 1000:.0f} ms")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=HERE / "data" / "figures_eval.jsonl")
    parser.add_argument("--misses", action="store_true", help="list every wrong prediction")
    args = parser.parse_args()
    cases = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    precision, recall = evaluate(cases, args.misses)
    speed(cases)
    return 0 if precision >= TARGET_PRECISION and recall >= TARGET_RECALL else 1


if __name__ == "__main__":
    sys.exit(main())
