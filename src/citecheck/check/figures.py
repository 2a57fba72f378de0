"""Decide which figures a claim states, and look for each one in the source text.

A figure is *found* when the source states the same value (however it writes it) with
the same kind of qualifier, and *consistent* when the source states an exact figure
that satisfies a qualified claim (238 for "more than 200") near words of the claim.
The best hit is the one whose neighbourhood shares most words with the claim.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal

from .numbers import Mention, scan
from ..report import FigureResult, number

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
    mentions = _claim_mentions(claim)
    counts = [m for m in mentions if m.kind in ("count", "percent")]
    if counts:
        return [ClaimFigure(m, m.kind in ("count", "percent")) for m in mentions]
    return [ClaimFigure(m, True) for m in mentions]


@lru_cache(maxsize=1024)
def _claim_mentions(claim: str) -> tuple[Mention, ...]:
    """The claim's numbers, scanned once for its figures and again for each one matched."""
    return tuple(scan(claim, "en"))


class SourceIndex:
    """A source text scanned once, searched for many figures."""

    def __init__(self, text: str, language: str | None):
        self.text = text
        self.language = language
        self.mentions = scan(text, language)
        self._words: dict[int, set[str]] = {}

    def words_near(self, i: int) -> set[str]:
        if i not in self._words:
            self._words[i] = _clause_words(self.text, self.mentions, i)
        return self._words[i]


def _clause_words(text: str, mentions: Sequence[Mention], i: int, span: int = 160) -> set[str]:
    """The stems of the words that belong to mention i: those around it up to the
    neighbouring numbers ("612 homes were damaged, of which 48 destroyed": "destroyed" is
    48's), skipping a sub-count ("238 people, including 19 officers, were killed": "killed"
    is 238's)."""
    m = mentions[i]
    left = max(m.start - span, mentions[i - 1].end if i > 0 else 0)
    limit = min(m.end + span, len(text))
    right, j = limit, i + 1
    pieces = [text[max(0, left) : m.start]]
    position = m.end
    while j < len(mentions) and mentions[j].start < limit:
        nxt = mentions[j]
        if not _SUBCOUNT_RE.search(text, max(position, nxt.start - 25), nxt.start):
            right = nxt.start
            break
        pieces.append(text[position : nxt.start])  # up to the sub-count, then past it
        close = _CLAUSE_END_RE.search(text, nxt.end, limit)
        if close is None or close.group(0) in ".!?":
            right = nxt.start
            break
        position, j = close.end(), j + 1
        while j < len(mentions) and mentions[j].start < position:
            j += 1
    pieces.append(text[position:right])
    return _stems(" ".join(pieces))


_SUBCOUNT_RE = re.compile(
    r"(?:including|of whom|of which|among them|в том числе|из них|среди них|у тому числі|"
    r"з них|серед них|оның ішінде|ішінде|оның)\s*$", re.I)
_CLAUSE_END_RE = re.compile(r"[,;:)—–.!?]")


def match_figure(figure: Mention, claim: str, source: SourceIndex) -> FigureResult:
    """Look for one claim figure in the source; the best hit becomes the evidence."""
    in_claim = _claim_mentions(claim)
    at = next((i for i, m in enumerate(in_claim) if m.start == figure.start), None)
    claim_words = (_clause_words(claim, in_claim, at) if at is not None
                   else _stems(claim) - _stems(figure.text))
    best: tuple[tuple[int, float, int], Mention, str] | None = None
    for i, m in enumerate(source.mentions):
        outcome = _compare(figure, m)
        if outcome is None:
            continue
        near = source.words_near(i)
        score = len(claim_words & near) / len(claim_words) if claim_words else 0.0
        if outcome == "found" and not _may_count_the_same(claim_words, near, score, source):
            continue  # "more than 3,000 attended the vigil" is not "more than 3,000 migrants"
        if outcome == "consistent" and not _same_subject(claim_words, near, score, figure, m,
                                                         source):
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
    if q is not None and m.qualifier is None and _satisfies(q, figure.value, m.value):
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


def _may_count_the_same(claim_words: set[str], near: set[str], score: float,
                        source: SourceIndex) -> bool:
    """For the same value: in the claim's own language, a word of the claim must stand
    near it. (Across languages words seldom meet; the value alone decides.)"""
    if not claim_words:
        return True
    return (source.language or "en") != "en" or score > 0


def _same_subject(claim_words: set[str], near: set[str], score: float, figure: Mention,
                  m: Mention, source: SourceIndex) -> bool:
    """Does the source number count what the claim counts? Every concept the claim names
    (but the generic "people") must stand near it. With no concept: in the claim's
    language, 60 % of its words; across languages, where words cannot meet, a
    figure close to the claimed one (342 for "more than 300", not 3,000) that is the only
    one of its sentence to satisfy the claim."""
    concepts = _concepts(claim_words)
    if concepts:
        return concepts <= near
    if (source.language or "en") == "en":
        return score >= 0.6
    return _close(figure, m.value) and _alone_in_sentence(figure, m, source)


def _concepts(words: set[str]) -> set[str]:
    return {w for w in words if w.startswith("§")} - {"§people"}


def _close(figure: Mention, stated: Decimal) -> bool:
    claimed = figure.value
    if figure.qualifier in ("more_than", "at_least"):
        return stated <= claimed * Decimal("1.5")
    if figure.qualifier in ("less_than", "at_most"):
        return stated >= claimed * Decimal("0.67")
    return True  # about, nearly: _satisfies already keeps it within 10 %


def _alone_in_sentence(figure: Mention, m: Mention, source: SourceIndex) -> bool:
    text = source.text
    start = max(text.rfind(".", 0, m.start), text.rfind("\n", 0, m.start)) + 1
    ends = [i for i in (text.find(". ", m.end), text.find("\n", m.end)) if i != -1]
    end = min(ends) if ends else len(text)
    return not any(
        other is not m and start <= other.start < end and other.kind == m.kind
        and other.qualifier is None and _satisfies(figure.qualifier or "", figure.value, other.value)
        for other in source.mentions)


def _stems(text: str) -> set[str]:
    """Crude language-neutral stems (lower-cased words cut to six letters), a rough common
    spelling across scripts, and the concepts the words name, so that "killed" near a claim
    figure meets "погибли" near a source figure."""
    keys: set[str] = set()
    for word in _WORD_RE.findall(text):
        keys |= _word_keys(word.lower())
    return keys


@lru_cache(maxsize=65536)
def _word_keys(word: str) -> frozenset[str]:
    if word in _STOPWORDS:
        return frozenset()
    keys = {word[:6]}
    if len(word) >= 5:
        # Names and loanwords meet across scripts: туберкулёз ~ tuberculosis.
        keys.add("~" + _latin(word)[:5])
    for length in range(2, min(len(word), _LONGEST_PREFIX) + 1):
        keys |= _CONCEPT_BY_PREFIX.get(word[:length], set())
    return frozenset(keys)


_CYRILLIC_TO_LATIN = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "j", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "sh", "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "iu", "я": "ia", "і": "i", "ї": "i",
    "є": "e", "ґ": "g", "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u",
    "һ": "h",
})
_LATIN_FOLD = (("ch", "h"), ("ph", "f"), ("c", "k"), ("q", "k"), ("w", "v"), ("x", "ks"),
               ("y", "i"))


def _latin(word: str) -> str:
    """A rough common spelling for a word in Latin or Cyrillic script."""
    s = word.translate(_CYRILLIC_TO_LATIN)
    for a, b in _LATIN_FOLD:
        s = s.replace(a, b)
    return s


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
    "case": ("case", "crimin", "дел", "случа", "справ", "випадк", "іс", "қылмыс", "уголов", "кримін"),
    "complaint": ("complai", "allega", "report", "жалоб", "заявл", "скарг", "заяв", "шағым",
                  "арыз"),
    "injury": ("injur", "wound", "hurt", "ранен", "ранил", "пострад", "поранен", "травм",
               "жарақ"),
    "court": ("court", "trial", "sentenc", "convict", "judge", "суд", "приговор", "вирок", "сот",
              "үкім", "судд", "судь", "суди"),
    "prison": ("prison", "inmate", "convict", "jail", "осужд", "заключ", "колони", "тюрьм",
               "в'язн", "полон", "ув'язн", "засудж", "сотталғ", "түрме", "тұтқын"),
    "election": ("elect", "poll", "vote", "voting", "ballot", "candid", "выбор", "избира",
                 "голос", "бюллет", "вибор", "виборч", "сайлау", "кандид", "дауыс"),
    "official": ("offic", "police", "securi", "officer", "сотрудн", "силов", "полиц", "чинов",
                 "поліц", "силові", "қызметк", "полиция"),
    "protest": ("protest", "demonst", "unrest", "riot", "протест", "митинг", "беспоряд",
                "заворуш", "наразы", "тәртіпсіз"),
    "child": ("child", "minor", "детей", "дети", "ребен", "несовер", "дітей", "діти", "бала"),
    "money": ("dollar", "tenge", "rouble", "ruble", "доллар", "тенге", "рубл", "долар", "теңге"),
}
_CONCEPT_BY_PREFIX: dict[str, set[str]] = {}
for _name, _prefixes in _CONCEPTS.items():
    for _prefix in _prefixes:
        _CONCEPT_BY_PREFIX.setdefault(_prefix, set()).add(f"§{_name}")
_LONGEST_PREFIX = max(map(len, _CONCEPT_BY_PREFIX))


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
