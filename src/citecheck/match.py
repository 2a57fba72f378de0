"""Decide which figures a claim states, and look for each one in the source text.

A figure is *found* when the source states the same value (however it writes it) with
the same kind of qualifier, and *consistent* when the source states an exact figure
that satisfies a qualified claim (238 for "more than 200") near words of the claim.
The best hit is the one whose neighbourhood shares most words with the claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .numbers import Mention, scan
from .report import FigureResult, number

QUOTE_CHARS = 110  # characters of context on each side of a hit
_WORD_RE = re.compile(r"[^\W\d_]{4,}", re.U)
_STOPWORDS = frozenset(
    "that this with from have been were which their there these those about into over more "
    "than also such after before during under while where when what would could should "
    "other some they them will only most very being".split()
)


@dataclass(frozen=True)
class ClaimFigure:
    mention: Mention
    checked: bool  # False for years and dates that are only context


def claim_figures(claim: str) -> list[ClaimFigure]:
    """The figures of a claim; years and dates are checked only when nothing else is."""
    mentions = scan(claim, "en")
    counts = [m for m in mentions if m.kind in ("count", "percent")]
    if counts:
        return [ClaimFigure(m, m.kind in ("count", "percent")) for m in mentions]
    return [ClaimFigure(m, True) for m in mentions]


class SourceIndex:
    """A source text scanned once, searched for many figures."""

    def __init__(self, text: str, language: str | None):
        self.text = text
        self.language = language
        self.mentions = scan(text, language)

    def words_near(self, start: int, end: int, span: int = 160) -> set[str]:
        return _stems(self.text[max(0, start - span) : end + span])


def match_figure(figure: Mention, claim: str, source: SourceIndex) -> FigureResult:
    """Look for one claim figure in the source; the best hit becomes the evidence."""
    claim_words = _stems(claim) - _stems(figure.text)
    best: tuple[tuple[int, float, int], Mention, str] | None = None
    for m in source.mentions:
        outcome = _compare(figure, m)
        if outcome is None:
            continue
        near = source.words_near(m.start, m.end)
        score = len(claim_words & near) / len(claim_words) if claim_words else 0.0
        if outcome == "consistent" and not _same_subject(claim_words, near, score):
            continue  # any big number satisfies "more than 200": demand that it counts the same
        rank = (1 if outcome == "found" else 0, score, -m.start)
        if best is None or rank > best[0]:
            best = (rank, m, outcome)
    result = FigureResult(
        text=figure.text,
        value=number(figure.value),
        kind=figure.kind,
        qualifier=figure.qualifier,
        found=best is not None,
        outcome=best[2] if best else "not_found",
    )
    if best is not None:
        _, m, _ = best
        result.evidence = quote(source.text, m.start, m.end)
        result.source_text = m.text
        result.score = round(best[0][1], 2)
    return result


def _compare(figure: Mention, m: Mention) -> str | None:
    """'found', 'consistent' or None for one source mention."""
    if figure.kind in ("year", "date"):
        if m.kind in ("year", "date") and figure.kind == m.kind and m.value == figure.value:
            return "found"
        if figure.kind == "year" and m.kind == "date" and m.value == figure.value:
            return "found"  # 2022 inside 05.05.2022
        return None
    if m.kind != figure.kind:
        return None
    q = figure.qualifier
    same_value = figure.value in m.values()
    if same_value:
        if q is None or m.qualifier == q or _same_sense(q, m.qualifier):
            return "found"
        if m.qualifier is None:
            if q in ("about", "nearly"):
                return "found"
            return "consistent" if _satisfies(q, figure.value, m.value) else None
        return None
    if q is not None and m.qualifier is None and not m.in_words and _satisfies(q, figure.value, m.value):
        return "consistent"
    return None


def _same_sense(a: str, b: str | None) -> bool:
    groups = ({"more_than", "at_least"}, {"about", "nearly"}, {"less_than", "at_most"})
    return b is not None and any(a in g and b in g for g in groups)


def _satisfies(q: str, claimed: Decimal, stated: Decimal) -> bool:
    if q == "more_than":
        return stated > claimed
    if q == "at_least":
        return stated >= claimed
    if q == "less_than":
        return stated < claimed
    if q == "at_most":
        return stated <= claimed
    if q == "about":
        return abs(stated - claimed) <= claimed * Decimal("0.1")
    if q == "nearly":
        return claimed * Decimal("0.9") <= stated <= claimed
    return False


def _same_subject(claim_words: set[str], near: set[str], score: float) -> bool:
    """Does the source number count what the claim counts? Every concept the claim names
    (but the generic "people") must stand near it; with no concept, half the claim's words."""
    concepts = {w for w in claim_words if w.startswith("§")} - {"§people"}
    if concepts:
        return concepts <= near
    return score >= 0.5


def _stems(text: str) -> set[str]:
    """Crude language-neutral stems (lower-cased words cut to six letters), plus the
    concepts the words name, so that "killed" near a claim figure meets "погибли" near a
    source figure."""
    stems = {w[:6] for w in (x.lower() for x in _WORD_RE.findall(text)) if w not in _STOPWORDS}
    concepts = {f"§{name}" for stem in stems for name, prefixes in _CONCEPTS.items()
                if stem.startswith(prefixes)}
    return stems | concepts


# What is counted in the reports citecheck reads, named in English, Russian, Ukrainian and
# Kazakh (word beginnings). Context across languages rests on these and on shared numbers.
_CONCEPTS: dict[str, tuple[str, ...]] = {
    "people": ("people", "person", "individ", "челов", "люде", "люди", "адам", "осіб", "особ",
               "людей"),
    "death": ("death", "dead", "died", "die", "kill", "fatal", "погиб", "смерт", "убит", "умер",
              "гибел", "загиб", "помер", "вбит", "қаза", "өлт", "өлі", "мерт"),
    "detention": ("detain", "detent", "arrest", "задерж", "арест", "затрим", "ұстал", "ұста",
                  "тұтқ"),
    "torture": ("tortur", "abuse", "ill-tr", "пыт", "насил", "катув", "тортур", "азапт"),
    "case": ("case", "crimin", "дел", "случа", "справ", "іс", "қылмыс", "уголов", "кримін"),
    "complaint": ("complai", "allega", "report", "жалоб", "заявл", "скарг", "заяв", "шағым",
                  "арыз"),
    "injury": ("injur", "wound", "hurt", "ранен", "ранил", "пострад", "поранен", "травм",
               "жарақ"),
    "court": ("court", "trial", "sentenc", "convict", "суд", "приговор", "вирок", "сот", "үкім"),
    "official": ("offic", "police", "securi", "officer", "сотрудн", "силов", "полиц", "чинов",
                 "поліц", "силові", "қызметк", "полиция"),
    "protest": ("protest", "demonst", "unrest", "riot", "протест", "митинг", "беспоряд",
                "заворуш", "наразы", "тәртіпсіз"),
    "child": ("child", "minor", "детей", "дети", "ребен", "несовер", "дітей", "діти", "бала"),
    "money": ("dollar", "tenge", "rouble", "ruble", "доллар", "тенге", "рубл", "долар", "теңге"),
}


def quote(text: str, start: int, end: int, chars: int = QUOTE_CHARS) -> str:
    """The figure with some context on each side, cut at word boundaries, one line."""
    left = max(0, start - chars)
    right = min(len(text), end + chars)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    snippet = " ".join(text[left:right].split())
    return ("…" if left > 0 else "") + snippet + ("…" if right < len(text) else "")
