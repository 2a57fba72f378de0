"""Precision and recall of "found" on the labelled figure-matching set, and matching speed.

    python benchmarks/match_eval.py [--data benchmarks/data/figures_eval.jsonl] [--misses]
    python benchmarks/match_eval.py --data benchmarks/data/figures_real.jsonl

Sets whose cases carry `kind` and `role` (control / trap, as figures_real*.jsonl do) also
get precision, recall and F1 by language and by kind, and the share of traps (the same
value counting something else) rejected and of their controls found.

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
    wanted = wanted.lower()  # a label may not keep the claim's capital ("some 400")
    figure = next((m for m in figures if m.text.lower() == wanted), None)
    figure = figure or next((m for m in figures if wanted in m.text.lower()
                             or m.text.lower() in wanted), None)
    at = claim.lower().find(wanted)  # "84 million euros" labels the claim's "at least 84 million"
    figure = figure or next((m for m in figures if at >= 0 and m.start < at + len(wanted)
                             and at < m.end), None)
    if figure is None:
        return None, f"figure {wanted!r} not read from the claim (got {[m.text for m in figures]})"
    result = match_figure(figure, claim, SourceIndex(case["source"], case.get("source_lang")))
    said = f"{result.outcome}: {result.message}"
    return result.found, said


def evaluate(cases: list[dict], show_misses: bool) -> tuple[float, float]:
    tp = fp = fn = tn = unread = 0
    groups: dict[str, list[int]] = {}  # "lang ru", "kind date", "role trap": [tp, fp, fn, tn]
    for case in cases:
        predicted, said = predict(case)
        truth = bool(case["found"])
        cell = (0 if truth else 1) if predicted else (2 if truth else 3)
        for key in (f"language {case.get('source_lang')}", f"kind {case.get('kind', 'count')}",
                    *([f"role {case['role']}"] if case.get("role") else [])):
            groups.setdefault(key, [0, 0, 0, 0])[cell] += 1
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
    if len(groups) > 2:
        _breakdown(groups)
    return precision, recall


def _breakdown(groups: dict[str, list[int]]) -> None:
    """Precision, recall and F1 by language and by kind; for sets with traps, how many
    wrong-referent figures are rejected and how many of their same-referent controls found."""
    print(f"{'':16} {'cases':>5} {'prec':>6} {'recall':>6} {'F1':>6}")
    for key in sorted(groups):
        tp, fp, fn, tn = groups[key]
        if key.startswith("role "):
            continue
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{key:16} {tp + fp + fn + tn:5} {p:6.3f} {r:6.3f} {f1:6.3f}")
    if "role trap" in groups:
        _, fp, _, tn = groups["role trap"]
        print(f"wrong-referent traps rejected: {tn}/{tn + fp} = {tn / (tn + fp):.3f} (target 0.90)")
    if "role control" in groups:
        tp, _, fn, _ = groups["role control"]
        print(f"same-referent controls found: {tp}/{tp + fn} = {tp / (tp + fn):.3f} (target 0.85)")


def speed(cases: list[dict]) -> tuple[float, float]:
    """Seconds to scan a ~50-page Russian source and look for 20 figures in it; the CPU
    seconds too, which the machine's other processes change far less than the wall time."""
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
    started, cpu = time.perf_counter(), time.process_time()
    index = SourceIndex(text, "ru")
    for mention, claim in figures[:20]:
        match_figure(mention, claim, index)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"speed: {len(text):,} characters ({len(text) // 3000} pages), {len(figures[:20])} "
          f"figures: {elapsed * 1000:.0f} ms (CPU {cpu * 1000:.0f} ms)")
    return elapsed, cpu


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
