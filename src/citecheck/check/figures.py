"""Decide which figures a claim states, and look for each one in the source text.

A figure is *found* when the source states the same value (however it writes it), with
the same kind of qualifier, counting the same thing; *consistent* when the source states
an exact figure that satisfies a qualified claim (238 for "more than 200") and counts the
same thing. When the value is there but counts something else ("234 criminal cases" for
"234 allegations"), the outcome is *other_referent*, with the quote; when what the page's
number counts cannot be told, the figure is *unchecked*, never found. What a number
counts is read from its clause, through each language's data file
(:mod:`citecheck.check.lexicon`): the counted noun after it ("234 уголовных дела"), or
before it ("число погибших — 8"), the concepts of the clause, the year it belongs to.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

import roman

from . import lexicon
from .lexicon import Language
from .numbers import Mention, month_before, scan
from ..report import FigureResult, number

QUOTE_CHARS = 110  # characters of context on each side of a hit
_HEAD_WORDS = 4  # words after a number in which its counted noun is sought
_NEAR_WORDS = 3  # content words on each side that say what befell what a number counts
# What stands before a number belongs to it only from the last comma or "and" on: each
# language's near_cut_re (lexicon.Language).
_CLAUSE_END_RE = re.compile(r"[,;:)(—–.!?\u060c\u061b]")
_LABEL_GAP_RE = re.compile(r"\s*[(:=—–-]?\s*")
_RANGE_RE = re.compile(r"\s*(?:[-–—]|to|and|до|по|bis|à|au|a|al|y|et|и|і|та|إلى|الى)\s*$", re.I)


@dataclass(frozen=True)
class ClaimFigure:
    mention: Mention
    checked: bool  # False for years and dates that are only context


COUNTED = ("count", "percent", "ordinal", "rank", "decade")


def claim_figures(claim: str) -> list[ClaimFigure]:
    """The figures of a claim. A date with its day is always checked (a contradicted date
    is a problem even when the counts are found); a year alone is checked only when the
    claim states nothing else, and otherwise dates the counts of its clause. Ordinals in
    words ("its second term") are not figures."""
    mentions = [m for m in _claim_mentions(claim) if not (m.kind == "ordinal" and m.in_words)
                and not _is_hour(claim, m)]
    if any(m.kind in COUNTED for m in mentions):
        return [ClaimFigure(m, m.kind in COUNTED or _has_day(m)) for m in mentions]
    return [ClaimFigure(m, True) for m in mentions]


def _is_hour(claim: str, m: Mention) -> bool:
    """Is a claim's number a time of day ("by 4 p.m.")? Then it dates its figures."""
    hour = _HOUR_RE.match(claim, m.start)
    return m.kind == "count" and hour is not None and hour.end() >= m.end


def _has_day(m: Mention) -> bool:
    return m.kind == "date" and m.parts is not None and m.parts[1] > 0 and m.parts[2] > 0


@lru_cache(maxsize=1024)
def _claim_mentions(claim: str) -> tuple[Mention, ...]:
    """The claim's numbers, scanned once for its figures and again for each one matched."""
    return tuple(scan(claim, "en"))


@lru_cache(maxsize=1024)
def _claim_referent(claim: str, at: int) -> Referent:
    """What the claim's figure `at` (an index into its mentions) counts: asked by each of
    the figure's checks (`match_figure`, `_stated`) and for each page the claim cites, and
    worked out once (a Referent is frozen)."""
    return _referent(claim, _claim_mentions(claim), at, lexicon.language("en"))


@dataclass(frozen=True)
class Referent:
    """What a number counts, as read from its clause."""

    head: frozenset[str]  # the concepts of its counted noun ("уголовных дела": criminal_case)
    head_word: str | None  # that noun as written
    context: frozenset[str]  # the concepts of every word of its clause
    near: frozenset[str]  # the concepts of the few words around it ("86 Personen festgenommen")
    words: frozenset[str]  # the clause's word stems, for texts in the same language
    years: frozenset[int]  # the years its clause states ("in 2021")
    # what a frame it stands in names ("de los detenidos, … 597 mujeres": detainees)
    frame: frozenset[str] = frozenset()
    months: frozenset[int] = frozenset()  # the months named near it ("… en juillet dernier")
    # what its clause names only past a sub-count's word, as a part of it ("7 شهداء، بينهم
    # طفلان": children among the dead, not what the seven are)
    among: frozenset[str] = frozenset()
    ago: frozenset[int] = frozenset()  # the years its clause dates it by: this (0), last (1)
    revision: frozenset[int] = frozenset()  # its clause says it is the latest (0), earlier (1)
    # an age ("47-летний водитель"): its head is then the person whose age it is
    age: bool = False
    bounds: tuple[int, int] = (0, 0)  # where its clause starts and ends in the text
    trend: frozenset[int] = frozenset()  # the way its clause says it moved: up (0), down (1)
    forecast: bool = False  # its clause makes it a forecast or a plan ("expected to")
    flow: frozenset[int] = frozenset()  # a sum of money taken in (0) or spent (1)
    period: frozenset[int] = frozenset()  # the time a rate is counted over: a day (0) … a year (3)
    # a date's: what happens on it (begins, ends, is announced…), with the word that says so
    stage: tuple[tuple[str, str], ...] = ()

    def specific(self) -> frozenset[str]:
        return frozenset(c for c in self.head if not _concept(c).generic)

    def describe(self) -> str | None:
        """What it counts, for a message: "criminal cases (уголовных дела)", "civilians
        (“мирних”), injured" when its clause says what befell them."""
        names = sorted({_concept(c).name for c in self.specific() or self.head})
        fates = sorted({_concept(c).befell for c in self.near | self.frame
                        if _concept(c).befell and c not in self.head}) or sorted(
            {_concept(c).befell for c in self.context if _concept(c).befell and c not in self.head}
            if "person" in _kinds(self.head) and not any(_concept(c).fate for c in self.head)
            else ())  # not "survivors, killed": a head that is its own fate
        fates += sorted({_concept(c).befell for c in _states(self)
                         if _concept(c).befell and _concept(c).befell not in fates})
        fates += sorted({_concept(c).name for c in _states(self)  # "jobs, cut"
                         if not _concept(c).befell and _concept(c).scale})
        fates += [f"in {lexicon.MONTHS[n - 1].capitalize()}" for n in sorted(self.months)]
        fates += [("this year", "last year")[n] for n in sorted(self.ago)]
        fates += [("the latest count", "an earlier count")[n] for n in sorted(self.revision)]
        fates += [("a rise", "a fall")[n] for n in sorted(self.trend)]
        fates += ["a forecast"] if self.forecast else []
        fates += [("taken in", "spent")[n] for n in sorted(self.flow)]
        fates += [_PERIODS[n] for n in sorted(self.period)]
        befell = f", {' and '.join(fates)}" if fates and (names or self.head_word) else ""
        if self.age:
            who = " / ".join(names) if names else (f"“{self.head_word}”" if self.head_word
                                                      else "someone unnamed")
            return f"the age of {who}" + (f", {' and '.join(fates)}" if fates else "")
        if not names and not self.head_word:
            # a measure whose clause names only the way it moved: "a fall"
            return " and ".join([("a rise", "a fall")[n] for n in sorted(self.trend)] + (
                ["a forecast"] if self.forecast else [])) or None
        said = " / ".join(names) if names else None
        if self.head_word and said and self.head_word.lower()[:5] in said.lower():
            return said + befell
        if self.head_word and said:
            return f"{said} (“{self.head_word}”){befell}"
        return (said or f"“{self.head_word}”") + befell


_PERIODS = ("per day", "per week", "per month", "per year")  # Referent.period, as a message says it


class SourceIndex:
    """A source text scanned once, searched for many figures."""

    def __init__(self, text: str, language: str | None):
        self.text = text
        self.language = language
        self.lang = lexicon.language(language)
        self.mentions = scan(text, language)
        self._counts = _count_positions(self.mentions)
        self._referents: dict[int, Referent] = {}
        self._places: dict[tuple, tuple[bool, set[int]]] = {}
        self._spots: dict[str, list[int]] = {}  # where the page names a claim's name
        self._kind_spots: dict[tuple[str, str], tuple[list[int], list[int]]] = {}  # as a city…
        self._capitals: list[tuple[int, str]] | None = None  # capitalised words, when needed
        self._spelt: dict[str, str | None] = {}  # an acronym: the name the page spells it out as
        self._page = None  # the page as the key-term matcher reads it, made when first needed
        self._own_places: dict[int, tuple[str, int] | None] = {}  # hit -> _page_place's answer
        self._placed: dict[tuple, str | None] = {}  # a claim's place: _placed_otherwise's answer
        self._confirmed: dict[tuple[str, str], bool] = {}  # (claim's word, window): found there
        self._readable: dict[str, bool] = {}  # claim's word: the page's language reads it
        self._windows: dict[str, object] = {}  # a hit's window: its words as terms reads them
        # where figures of each group stand, to give a sentence's names to its figures
        self._anchors = {group: [k for k, o in enumerate(self.mentions) if o.kind in group]
                         for group in _ANCHORS}
        self._anchor_starts = {g: [self.mentions[k].start for k in ids]
                               for g, ids in self._anchors.items()}
        self._starts = [o.start for o in self.mentions]
        self._year_like = [_year_like(o) for o in self.mentions]
        self._first_year: dict[int, int] = {}  # a year (or a count that may be one): its first
        for o, y in zip(self.mentions, self._year_like):
            if y:
                self._first_year.setdefault(y, o.start)

    def years_between(self, a: int, b: int) -> set[int]:
        """The years (or counts that may be years) of the mentions starting in [a, b)."""
        lo, hi = bisect.bisect_left(self._starts, a), bisect.bisect_left(self._starts, b)
        return {y for y in self._year_like[lo:hi] if y}

    def years_before(self, a: int) -> set[int]:
        """The years (or counts that may be years) the page names before offset a."""
        return {y for y, start in self._first_year.items() if start < a}

    def matched(self, term):  # type: ignore[no-untyped-def]
        """What the key-term matcher finds of `term` on the whole page (terms.match_term,
        without contrast), the page read as it reads pages once, when first asked."""
        from .terms import match_term

        return match_term(term, self.page_text(), contrast=False)

    def page_text(self):  # type: ignore[no-untyped-def]
        """The page as the key-term matcher reads it (terms.PageText), tokenised when first
        asked, once for the figures' names and the claims' key terms."""
        from .terms import PageText

        if self._page is None:
            self._page = PageText(self.text, self.language)
        return self._page

    def referent(self, i: int) -> Referent:
        if i not in self._referents:
            self._referents[i] = _referent(self.text, self.mentions, i, self.lang, self._counts,
                                           self._referents)
        return self._referents[i]


def _referent(text: str, mentions: Sequence[Mention], i: int, lang: Language,
              counts: Sequence[int] | None = None, cache: dict[int, Referent] | None = None,
              coordinate: bool = True, busy: frozenset[int] = frozenset()) -> Referent:
    """What mention i counts: its counted noun, the concepts and years of its clause.

    The clause runs from the previous number to the next one ("612 homes were damaged, of
    which 48 destroyed": "destroyed" is 48's), skipping a sub-count ("238 people, including
    19 officers, were killed": "killed" is 238's) and keeping a range whole ("75–95%").
    Years and dates stand in the clause of the count they date. A sub-count that names
    nothing of its own counts what its whole does ("3070 уголовных дел, из которых 2710
    расследуются": criminal cases; "695 іс …: 44-і – терроризм"), and a count inside a
    frame counts what the frame names ("Entre las personas lesionadas, 343 recibieron").
    `busy` holds the mentions whose referents are being worked out: one never takes its noun
    from a count that is taking its noun from it ("grades 5-12")."""
    m = mentions[i]
    busy = busy | {i}
    if counts is None:
        counts = _count_positions(mentions)
    pieces, after, (left, right), tail = _clause(text, mentions, i, lang, counts)
    clause = " ".join(pieces)
    after_part = _part_after(text, mentions, i, lang, counts)
    part = _part_suffix(text, m, lang) or after_part
    head, head_word = (set(), None) if part else _head(m, after, pieces[0], lang)
    age = _age(text, m, lang)
    if age is not None:
        head, head_word = age
    if m.kind == "percent" and not head and age is None and (
            lead := _list_lead(text, mentions, i, lang, counts, whole=False)):
        # "минимальная явка … в Санкт-Петербурге (14,84%), Хакасии (14,53%)": the rate the
        # list's lead names
        for s, e, w in reversed(lang.words(lead)):
            if rates := {c for c in lang.concepts(w) if _concept(c).kind == "rate"}:
                head, head_word = rates, lead[s:e]
                break
    frame = _frame(text, mentions, i, lang)
    parent = _parent(text, mentions, i, lang, counts) if m.kind == "count" else None
    if parent in busy:
        parent = None
    if parent is not None:
        if cache is None:
            cache = {}
        if parent not in cache:
            cache[parent] = _referent(text, mentions, parent, lang, counts, cache, busy=busy)
        whole = cache[parent]
        if not head:
            head, head_word = set(whole.head), whole.head_word
        # "32 Personen fest, darunter 27 Männer": the part shares what befell the whole
        frame |= whole.frame | {c for c in whole.near if _concept(c).fate}
    elif not head and frame and m.kind == "count":
        head = {c for c in frame if _concept(c).kind not in ("time", "place")}
        head_word = None
    elif not head and m.kind == "count" and (
            (k := _noun_shared(text, mentions, i, lang, counts, after)) is not None or (
                head_word is None and (k := _said_before(text, mentions, i, lang)) is not None)
            ) and k not in busy:
        # "in NRW mindestens 43 Menschen, in Rheinland-Pfalz mindestens 60", "Siete de los
        # aproximadamente ocho vagones": the noun, and what befell it, of the count beside it;
        # "Am 20. Juli starben 785 Menschen. Am 25. Juli waren es 810": a bare number's, of
        # the last count of the sentence before
        if cache is None:
            cache = {}
        if k not in cache:
            cache[k] = _referent(text, mentions, k, lang, counts, cache, busy=busy)
        head, head_word = set(cache[k].head), cache[k].head_word
        frame |= {c for c in _countable(cache[k].near) if _befalls(c)}
    context: set[str] = set(head) | frame
    words: set[str] = set()
    tokens = lang.words(clause)
    for n, (_, _, w) in enumerate(tokens):
        if n + 1 < len(tokens) and (phrase := lang.phrase(w, tokens[n + 1][2])):
            context.add(phrase)
        if lang.is_stopword(w):
            continue
        context |= lang.concepts(w)
        words.add(w[:6])
    first = bisect.bisect_left(mentions, left, key=lambda o: o.start)
    # not a year that labels the next number ("über 722.000 als 2015 (442.000)"), nor one
    # past a clause break that opens the next count's clause ("über 722.000 Anträge an, im
    # Jahr 2015 waren es 442.000")
    nxt = bisect.bisect_left(counts, right, key=lambda k: mentions[k].start)
    ahead = right < len(text) and nxt < len(counts) and mentions[counts[nxt]].start == right
    years = frozenset(_year(o) for o in mentions[first : bisect.bisect_right(
        mentions, right, key=lambda o: o.start)] if o is not m and _year(o) and o.end <= right
        and not (o.start > m.end and right < len(text) and _LABEL_GAP_RE.fullmatch(
            text, o.end, right))
        and not (o.start > m.end and ahead and lang.near_cut_re.search(text, m.end, o.start)))
    near: set[str] = set(head)
    before = pieces[0]
    cut = max((x.end() for x in lang.near_cut_re.finditer(before)), default=0)
    if before[-1:] in lexicon.number_proclitics():
        cut = len(before)  # "15 مصابًا و106 معتقلا": "and 106", the words before are 15's
    content = [w for w in lang.words(before[cut:]) if not lang.is_stopword(w[2])][-_NEAR_WORDS:]
    content += [w for w in lang.words(after) if not lang.is_stopword(w[2])][: _NEAR_WORDS + 1]
    # past a sub-count, what befell the whole: "18 мирних жителів, серед яких …, зазнали
    # травм"; with nothing of its own, the sub-count's verb: "25 адам, оның ішінде 8 бала
    # құтқарылды"
    for piece in ([pieces[-1]] if len(pieces) > 2 else []) + ([tail] if tail else []):
        if piece is tail and any(_concept(c).fate for c in near):
            continue
        for _, _, w in [w for w in lang.words(piece) if not lang.is_stopword(w[2])][:4]:
            near |= {c for c in lang.concepts(w) if _concept(c).fate}
    for _, _, w in content:
        near |= lang.concepts(w)
    for seq in (lang.words(before[cut:])[-_NEAR_WORDS - 2:], lang.words(after)[: _NEAR_WORDS + 3]):
        for (_, _, a), (_, _, b) in zip(seq, seq[1:]):  # "left without power", "без света"
            if (phrase := lang.phrase(a, b)) and _befalls(phrase):
                near.add(phrase)
    if lang.particle_verbs:  # "nahm die Polizei insgesamt 32 Personen fest"
        said = [w for _, _, w in lang.words(before)][-_NEAR_WORDS - 3:]
        then = [w for _, _, w in lang.words(after)][:_HEAD_WORDS]
        for verb, particle, concept in lang.particle_verbs:
            if verb in said and particle in then:
                near.add(concept)
                context.add(concept)
    if coordinate and m.kind == "count" and not any(_befalls(c) for c in near | context) and (
            (k := _coordinated(text, mentions, i, lang, counts)) is not None
            and k not in busy):
        # "16 житлових будинків та 4 об'єкти … пошкоджено": one verb for both counts
        shared = {c for c in _referent(text, mentions, k, lang, counts, None, False, busy).near
                  if _befalls(c) and not _concept(c).tells_apart}  # not "349 dagegen"
        near |= shared
        context |= shared
    if coordinate and m.kind == "count" and not any(_befalls(c) for c in near) and (
            lead := _list_lead(text, mentions, i, lang, counts)):
        # "людей задерживают в Барнауле (минимум 1 человек), Иркутске (15 человек)": what
        # befell a list's first count befalls each of its parts that says nothing of its own
        for _, _, w in [w for w in lang.words(lead) if not lang.is_stopword(w[2])][-_NEAR_WORDS:]:
            shared = {c for c in _countable(lang.concepts(w)) if _befalls(c)
                      or _concept(c).kind == "event"}
            near |= {c for c in shared if _befalls(c)}
            context |= shared
    # its own part of the clause: from the clause break before it to the one after it
    own = before[cut:] + " " + (after[: x.start()] if (x := lang.near_cut_re.search(after)) else after)
    named = lexicon.months_of(lang.code)
    months = frozenset(named[w] for _, _, w in content if w in named
                       and w not in ("may", "march"))  # the words near it: "… en juillet"
    if lang.code == "en":  # "At the end of March 2021": a capitalised May or March before a
        # year or a day is the month, not a verb
        months |= {(5 if x.group(1) == "May" else 3) for piece in (before[cut:], after)
                   for x in _MAY_MARCH_RE.finditer(piece)}
    return Referent(frozenset(head), head_word, frozenset(context), frozenset(near),
                    frozenset(words), years, frozenset(frame), months,
                    _among(clause, lang),
                    _tags(lang.relative_years, clause), _tags(lang.revisions, clause),
                    age is not None, (left, right), _tags(lang.trends, clause),
                    _forecast(own, lang),
                    _tags(lang.flows, own) if _kinds(frozenset(head)) & {"money"} else frozenset(),
                    _tags(lang.periods, clause),
                    _stage(text, mentions, i, before[cut:], after, lang)
                    if m.kind in ("date", "year") else ())


def _stage(text: str, mentions: Sequence[Mention], i: int, before: str, after: str,
           lang: Language) -> tuple[tuple[str, str], ...]:
    """What happens on date i: the day something begins ("1 сәуірде басталып"), ends ("1
    тамызға дейін", "until 1 August"), is announced…, with the words that say so: read in
    its own part of its clause, from the number before it to the one after it, not a word
    that stands right before the next one ("from 1 April until 1 August": the until is the
    second's); and in its whole sentence, when that dates nothing else."""
    m = mentions[i]

    def number(k: int, step: int) -> Mention | None:  # the next one that is no word ordinal
        while 0 <= k < len(mentions) and mentions[k].kind == "ordinal" and mentions[k].in_words:
            k += step
        return mentions[k] if 0 <= k < len(mentions) else None

    prev, nxt = number(i - 1, -1), number(i + 1, 1)
    lo = prev.end if prev is not None else 0
    own = before[max(0, lo - (m.start - len(before))):]
    if nxt is not None:
        gap = text[m.end : nxt.start]
        after = after[: len(gap)]
        after = next((after[: x.start()] for pattern, _ in lang.stages
                      for x in pattern.finditer(gap) if not gap[x.end():].strip()), after)
    if x := lang.near_cut_re.search(after):
        after = after[: x.start()]
    part = own + " " + after
    found = {(tag, x.group(0)) for pattern, tag in lang.stages for x in pattern.finditer(part)}
    if not lang.stages:  # a language with no stages: nothing to read in the sentence either
        return tuple(sorted(found))
    a, b = _sentence_of(text, m)
    lo, hi = (bisect.bisect_left(mentions, x, key=lambda o: o.start) for x in (a, b))
    if not any(o is not m and o.kind in ("date", "year") for o in mentions[lo:hi]):
        # a sentence that dates nothing else: what it says happens, happens that day ("10
        # шілде күні сағат 12:50-де …, 30 шақырым жерде ірі орман өрті сөндірілді"; "На
        # совещании, прошедшем 14 марта, … огласила список")
        found |= {(tag, x.group(0)) for pattern, tag in lang.stages
                  for x in pattern.finditer(text, a, b)}
    return tuple(sorted(found))


def _sentence_of(text: str, m: Mention) -> tuple[int, int]:
    """Where the sentence of mention m starts and ends: not at the stop of "Am 10. Juli"."""
    a = max((x.end() for x in _SENTENCE_END_RE.finditer(text, max(0, m.start - _PLACE_REACH),
                                                         m.start)), default=0)
    end = _SENTENCE_END_RE.search(text, m.end)
    return a, end.start() if end else len(text)


def _age(text: str, m: Mention, lang: Language) -> tuple[set[str], str | None] | None:
    """When m is an age ("a 47-year-old passenger", "83-jährige Frau", "un homme de 47
    ans", "عمره 47 عاما"), the person whose age it is: the noun right after its age word,
    or else the nearest before it (its concepts and the word as written; empty when none
    is named)."""
    before, after = text[max(0, m.start - 80) : m.start], text[m.end : m.end + 80]
    for before_re, after_re, with_person in lang.ages:
        b = before_re.search(before) if before_re else None
        a = after_re.match(after) if after_re else None
        if (before_re and not b) or (after_re and not a):
            continue
        person = (_person(lang, after[a.end():], True) if a else None) or _person(
            lang, before[: b.start()] if b else before, False)
        if person is None and with_person:
            continue  # "une peine de 20 ans": years, not an age
        return person or (set(), None)
    return None


def _person(lang: Language, text: str, ahead: bool) -> tuple[set[str], str] | None:
    """The person named first after (ahead) or last before the age, a few words away."""
    cut = _CLAUSE_END_RE.search(text) if ahead else None
    if ahead and cut:
        text = text[: cut.start()]
    elif not ahead:
        text = text[max((x.end() for x in _CLAUSE_END_RE.finditer(text)), default=0):]
    every = lang.words(text)
    words = [w for w in every if not lang.is_stopword(w[2])]
    for s, e, w in (words[:2] if ahead else words[::-1][:3]):
        found = lang.concepts(w)
        # a fate names the person only right after the age ("28-летний задержанный"), not
        # as a verb ("the 47-year-old was killed")
        if any(_concept(c).kind == "person" and (
                not _concept(c).fate or (ahead and every[:1] == [(s, e, w)])) for c in found):
            return {c for c in found if _concept(c).kind == "person"}, text[s:e]
    return None


def _tags(table: tuple[tuple[re.Pattern[str], int], ...], clause: str) -> frozenset[int]:
    return frozenset(tag for pattern, tag in table if pattern.search(clause))


def _forecast(part: str, lang: Language) -> bool:
    """Does a number's own part of its clause make it a forecast or a plan ("are expected
    to start", "қабылданады деп күтілуде")? Not a comparison with one ("more than
    expected", "wie erwartet", "exceeded expected levels")."""
    for pattern, _ in lang.forecasts:
        for x in pattern.finditer(part):
            if not {w for _, _, w in lang.words(part[: x.start()])[-4:]} & lang.forecast_comparisons:
                return True
    return False


def _among(clause: str, lang: Language) -> frozenset[str]:
    """The concepts a clause names only after a sub-count's word, up to the next comma
    ("7 شهداء، بينهم طفلان", "12 dead, among them children"): parts of its count."""
    if lang.subcount_in_re is None or not (spans := [
            (x.end(), (e.start() if (e := _CLAUSE_END_RE.search(clause, x.end())) else len(clause)))
            for x in lang.subcount_in_re.finditer(clause)]):
        return frozenset()
    inside: set[str] = set()
    outside: set[str] = set()
    for s, _, w in lang.words(clause):
        if not lang.is_stopword(w):
            (inside if any(a <= s < b for a, b in spans) else outside).update(lang.concepts(w))
    return frozenset(inside - outside)


def _states(side: Referent) -> set[str]:
    """The states its count is in (destroyed, flooded, seriously injured): those said near
    it, else those of its clause ("19 000 personas sufrieron lesiones leves", not the
    "gravemente" of the 2 800 before it)."""
    return ({c for c in side.near if _concept(c).kind == "state"}
            or {c for c in side.context if _concept(c).kind == "state"})


def _groups(ids: frozenset[str]) -> set[str]:
    """The groups of people that exclude each other (men, women: a concept's scale) that
    these concepts name; a claim's, from the words around its number, a page's, from the
    noun its number counts ("ерлер – 34, әйелдер – 29": 34 men)."""
    return {c for c in ids if _concept(c).scale and _concept(c).kind == "person"}


def _befalls(c: str) -> bool:
    """A fate (killed, detained) or a state (destroyed, flooded): what befell a count."""
    return _concept(c).fate or _concept(c).kind == "state"


def _coordinated(text: str, mentions: Sequence[Mention], i: int, lang: Language,
                 counts: Sequence[int]) -> int | None:
    """The count that follows mention i in a list joined by a comma or "and" ("16 будинків та
    4 об'єкти", "522 үй ауласы, 4 үйді"), in the same sentence; None when there is none."""
    at = bisect.bisect_left(counts, i)
    if at + 1 >= len(counts) or counts[at] != i:
        return None
    k = counts[at + 1]
    gap = text[mentions[i].end : mentions[k].start]
    if _parent(text, mentions, k, lang, counts) == i or (
            lang.subcount_after_re is not None and lang.subcount_after_re.match(
                text, mentions[k].end)):
        return None  # a part of it ("Оның 32-сі", "19 из них"), not another count
    if len(gap) > 80 or re.search(r"[.!?;:\n]", gap) or _joined(text, mentions[i], mentions[k]):
        return None
    cut = None
    for cut in lang.near_cut_re.finditer(gap):
        pass
    return k if cut is not None and not gap[cut.end():].strip() else None


def _list_lead(text: str, mentions: Sequence[Mention], i: int, lang: Language,
               counts: Sequence[int], whole: bool = False) -> str | None:
    """When mention i is a later part of a list of counts in one sentence ("в Барнауле (1
    человек), Иркутске (15 человек)", "Новосибирске – 400 человек, Самаре – 650 человек"),
    what stands before the list's first count, from the clause break before it; None when
    i is no such part (unless `whole`: then what stands before i itself when it is first)
    or a part names a fate of its own."""
    at = bisect.bisect_left(counts, i)
    if at == len(counts) or counts[at] != i:
        return None
    first = at
    while first > 0:
        prev, cur = mentions[counts[first - 1]], mentions[counts[first]]
        gap = text[prev.end : cur.start]
        if (len(gap) > 60 or re.search(r"[.!?;:\n]", gap) or not re.search(r"[,(]", gap)
                or _joined(text, prev, cur) or prev.kind != cur.kind or any(
                    _befalls(c) for _, _, w in lang.words(gap) for c in lang.concepts(w))):
            break
        first -= 1
    if first == at and not whole:
        return None
    start = mentions[counts[first]].start
    a = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    before = text[max(a, start - 160) : start]
    cut = max((x.end() for x in lang.near_cut_re.finditer(before)), default=0)
    return before[cut:]


def _parent(text: str, mentions: Sequence[Mention], i: int, lang: Language,
            counts: Sequence[int], depth: int = 0) -> int | None:
    """The count mention i is a part of, when a sub-count word ("из которых", "of whom",
    "de los que") or a colon stands between them, or when i continues a list of such
    parts ("44-і – терроризм, 15-і – адам өлтіру"); None otherwise."""
    at = bisect.bisect_left(counts, i)
    if at == 0 or at > len(counts) or depth > 12:
        return None
    k = counts[at - 1]
    prev, m = mentions[k], mentions[i]
    gap = text[prev.end : m.start]
    if len(gap) > 160 or "\n" in gap:
        return None
    if (lang.subcount_re is not None and lang.subcount_re.search(gap[-40:])) or _part_suffix(
            text, m, lang) or _part_after(text, mentions, i, lang, counts):
        return k  # "… 3 089 қылмыс жасалды. Оның 1 878-і": of them, even across a full stop
    if re.search(r"[.!?;]\s", gap):
        return None
    if gap.rstrip().endswith(":") and len(gap.strip()) > 1:
        return k
    if _LIST_GAP_RE.search(gap):
        return _parent(text, mentions, k, lang, counts, depth + 1)
    return None


_LIST_GAP_RE = re.compile(r"^[^,;:]{0,60},\s*$")


def _noun_shared(text: str, mentions: Sequence[Mention], i: int, lang: Language,
                 counts: Sequence[int], after: str) -> int | None:
    """The count whose noun mention i, which names none, shares: the whole it is a part of
    ("seven of the eight cars"), or the count it stands parallel to, past a comma, with
    nothing of its own but a place or a time ("43 Menschen, in Rheinland-Pfalz 60")."""
    if any(not (lang.is_stopword(w) or w in lang.partitive) for _, _, w in lang.words(after)):
        return None
    at = bisect.bisect_left(counts, i)
    m = mentions[i]
    if at + 1 < len(counts) and mentions[counts[at + 1]].kind == "count":
        gap = lang.words(text[m.end : mentions[counts[at + 1]].start])
        if (gap and len(gap) <= 3 and any(w in lang.partitive for _, _, w in gap)
                and all(lang.is_stopword(w) or w in lang.partitive for _, _, w in gap)):
            return counts[at + 1]  # "seven of the eight cars", "Siete de los ocho vagones"
    if at == 0 or mentions[counts[at - 1]].kind != "count":
        return None
    prev = mentions[counts[at - 1]]
    gap = text[prev.end : m.start]
    cuts = list(lang.near_cut_re.finditer(gap))
    if len(gap) > 60 or re.search(r"[.!?;:\n()]", gap) or not cuts or _joined(text, prev, m):
        return None
    for _, _, w in lang.words(gap[cuts[-1].end():]):  # what stands before the comma is prev's
        if not lang.is_stopword(w) and _kinds(lang.concepts(w)) - {"place", "time"}:
            return None  # "43 people killed, police said, and injured 60": its own fate
    return counts[at - 1]


def _said_before(text: str, mentions: Sequence[Mention], i: int, lang: Language) -> int | None:
    """The last count of the sentence before mention i, when i is the first count of a
    sentence that names nothing but a time or a place ("Ils étaient 40 783 en 2014")."""
    m = mentions[i]
    lo = max(0, m.start - _PLACE_REACH)
    ends = [x.end() for x in _SENTENCE_END_RE.finditer(text, lo, m.start)]
    if not ends:
        return None
    own, before = ends[-1], (ends[-2] if len(ends) > 1 else lo)
    if before == lo and lo > 0:
        return None  # the sentence before starts out of reach
    stop = _SENTENCE_END_RE.search(text, m.end)
    end = stop.start() if stop else len(text)
    a, b, c = (bisect.bisect_left(mentions, x, key=lambda o: o.start) for x in (before, own, end))
    counted = [k for k in range(a, b) if mentions[k].kind == "count"]
    rest = [o for o in mentions[b:c] if o.kind == "count"]
    if not counted or rest[0] is not m:
        return None  # none in the sentence before, or not the first count of its own
    upto = rest[1].start if len(rest) > 1 else end
    for _, _, w in lang.words(text[own : m.start] + " " + text[m.end : upto]):
        if not lang.is_stopword(w) and _kinds(lang.concepts(w)) - {"place", "time"}:
            return None  # its own sentence says something of what it counts
    return counted[-1]


def _part_after(text: str, mentions: Sequence[Mention], i: int, lang: Language,
                counts: Sequence[int]) -> bool:
    """"… personas han muerto, 211 de ellas solo en Valencia", "8 з них": a count its next
    words make a part of the count before it (in its sentence)."""
    m = mentions[i]
    if lang.subcount_after_re is None or not lang.subcount_after_re.match(text, m.end):
        return False
    at = bisect.bisect_left(counts, i)
    if at == 0:
        return False
    prev = mentions[counts[at - 1]]
    gap = text[prev.end : m.start]
    if len(gap) > 160 or re.search(r"[.!?;\n]", gap):
        return False
    # a part is the whole's thing with something of its own: what befell it, or the whole,
    # must be said ("… personas han muerto, 211 de ellas …", "50 человек, 19 из них были
    # задержаны"); not "11 914 candidats …, et 10 701 d'entre eux ont été reçus", where
    # what the part is cannot be told
    end = _CLAUSE_END_RE.search(text, m.end + 12, m.end + 120)
    around = text[max(0, prev.start - 80) : end.start() if end else m.end + 120]
    return any(_befalls(c) for _, _, w in lang.words(around) for c in lang.concepts(w))


def _part_suffix(text: str, m: Mention, lang: Language) -> bool:
    """Kazakh "44-і", "1 878-і": the suffix makes the number a part of a whole before it."""
    if not lang.part_suffixes or text[m.end : m.end + 1] not in ("-", "‑"):
        return False
    word = re.match(r"[^\W\d_]+", text[m.end + 1 : m.end + 6])
    return word is not None and word.group(0).lower() in lang.part_suffixes


def _frame(text: str, mentions: Sequence[Mention], i: int, lang: Language) -> set[str]:
    """The concepts a frame names when mention i stands after it in the same sentence."""
    if lang.frame_re is None:
        return set()
    m = mentions[i]
    start = max(text.rfind(". ", 0, m.start), text.rfind("\n", 0, m.start), m.start - 240, -1) + 1
    found: set[str] = set()
    for f in lang.frame_re.finditer(text, start, m.start):
        if f.end() > m.start or ";" in text[f.end() : m.start]:
            continue
        found = set()
        for _, _, w in lang.words(f.group("named")):
            if not lang.is_stopword(w):
                named = lang.concepts(w)
                # its noun, and what befell it: not where it is ("Of the 70 people housed
                # at the college": people, not buildings)
                found |= named if not found else {c for c in named if _befalls(c)}
    return found


def _joined(text: str, a: Mention, b: Mention) -> bool:
    """Are two numbers the ends of one range ("200–250", "от 200 до 250", "75 to 95%")?"""
    between = text[a.end : b.start]
    if b.qualifier and b.text[:1].isalpha():
        between += " " + b.text.split()[0]
    return len(between) <= 8 and bool(_RANGE_RE.fullmatch(between))


def _year(m: Mention) -> int:
    """The year a year or date mention states, 0 when none."""
    if m.kind == "year":
        return int(m.value)
    if m.kind == "date":
        return m.parts[0] if m.parts else (int(m.value) if m.value >= 1800 else 0)
    return 0


def _year_like(m: Mention) -> int:
    """The year a mention states, or may state: a bare count that could be one ("2016 fielen
    … mehr Anträge"), 0 when none."""
    if m.kind == "count" and m.text.isdigit() and 1900 <= m.value <= 2100:
        return int(m.value)
    return _year(m)


def _count_positions(mentions: Sequence[Mention]) -> list[int]:
    """Where the mentions that bound a clause are: all but years and dates."""
    return [k for k, o in enumerate(mentions) if o.kind not in ("year", "date")
            and not (o.kind == "ordinal" and o.in_words)]


def _clause(text: str, mentions: Sequence[Mention], i: int, lang: Language,
            counts: Sequence[int], span: int = 160
            ) -> tuple[list[str], str, tuple[int, int], str]:
    """The pieces of text that belong to mention i (the first is what stands before it),
    the text right after it up to the end of its clause, the clause's bounds, and the rest
    of a sub-count that runs to the sentence's end ("оның ішінде 8 бала құтқарылды")."""
    m = mentions[i]
    at = bisect.bisect_left(counts, i)
    if at == len(counts) or counts[at] != i:  # a year or a date itself
        counts = [*counts[:at], i, *counts[at:]]
    left = max(m.start - span, 0)
    k = at - 1
    while k >= 0 and mentions[counts[k]].end > left:
        prev = mentions[counts[k]]
        following = mentions[counts[k + 1]]
        if k + 1 == at and _joined(text, prev, following):
            k -= 1  # "75–95%": the range's start belongs to the same clause
            continue
        left = prev.end
        break
    sentence_start = max(text.rfind(". ", 0, m.start), text.rfind("\n", 0, m.start))
    left = max(left, sentence_start + 1)
    limit = min(m.end + span, len(text))
    right, j = limit, at + 1
    range_end = m.end
    pieces = [text[left : m.start]]
    position = m.end
    tail = ""
    while j < len(counts) and mentions[counts[j]].start < limit:
        nxt = mentions[counts[j]]
        if j == at + 1 and _joined(text, m, nxt):
            j += 1  # the range's end: read on past it
            position = max(position, nxt.end)
            range_end = nxt.end
            continue
        opened = text.rfind("(", position, nxt.start)
        shut = text.find(")", nxt.end, limit) if opened != -1 and ")" not in text[
            opened : nxt.start] else -1
        if shut != -1 and not re.search(r"[.!?;]\s", text[position:shut]) and lang.words(
                text[position:opened]):  # not "Sixty-six (62%) cases": the number's gloss;
            # nor an aside of the next sentence ("… (11%-ға) байқалған. … (15,6%-ға)")
            # "понад 500 осіб (за даними «ВВС-Інфо» – понад 700) – затримали": an aside,
            # read past
            pieces.append(text[position:opened])
            position = shut + 1
            while j < len(counts) and mentions[counts[j]].start < position:
                j += 1
            continue
        after_part = bool(lang.subcount_after_re is not None and _CLAUSE_END_RE.search(
            text, max(position, nxt.start - 3), nxt.start) and lang.subcount_after_re.match(
            text, nxt.end))  # ", two of them children,"
        if not (after_part or lang.subcount_re is not None and lang.subcount_re.search(
                text, max(position, nxt.start - 30), nxt.start)):
            right = nxt.start  # not ", including 19 …,"
            break
        pieces.append(text[position : nxt.start])  # up to the sub-count, then past it
        close = _CLAUSE_END_RE.search(text, nxt.end, limit)
        if close is None or close.group(0) in ".!?":
            right = nxt.start
            if not after_part:  # its verb may be the whole's: "25 адам, оның ішінде 8 бала
                tail = text[nxt.end : close.start() if close else limit]  # құтқарылды"
            break
        if not tail and not after_part:  # "21 адамды, оның ішінде 4 баланы эвакуациялап,":
            tail = text[nxt.end : close.start()]  # the part's verb, when the whole has none
        position, j = close.end(), j + 1
        while j < len(counts) and mentions[counts[j]].start < position:
            j += 1
    sentence_end = text.find(". ", m.end, right)
    if sentence_end != -1:
        right = sentence_end
    pieces.append(text[position:right])
    end = _CLAUSE_END_RE.search(text, range_end, max(right, range_end))
    after = text[range_end : end.start() if end else right]
    return pieces, after, (left, right), tail


def _head(m: Mention, after: str, before: str, lang: Language
          ) -> tuple[set[str], str | None]:
    """The concepts of the noun a number counts, and that noun as written."""
    for symbol, ids in lexicon.SYMBOLS.items():
        if m.text.startswith(symbol) or m.text.endswith(symbol) or after.startswith(symbol) or (
                symbol == "°" and after.lstrip(" \u00a0").startswith(symbol)):  # "42,6 °C"
            return set(ids), after.split()[0] if symbol == "°" else symbol
    tail = before[-80:]
    tail_words = lang.words(tail)
    for s, e, w in tail_words[-1:]:  # "CHF 2'450'000", "USD 10": a currency or unit just before
        if not tail[e:].strip() and _kinds(lang.concepts(w)) & {"money", "unit"}:
            return set(lang.concepts(w)), tail[s:e]
    suffix = re.match(r"[-‑]([^\W\d_]+)", after)
    if suffix and suffix.group(1).lower() in lang.case_suffixes:
        after = " " * suffix.end() + after[suffix.end():]  # "11-ге жетті": the number's own ending
    words = lang.words(after[:80])
    unknown: str | None = None
    through: set[str] = set()  # "cases of cholera": a head one looks through, and its word
    through_word: str | None = None
    for n, (s, e, w) in enumerate(words[: _HEAD_WORDS + 2]):
        if lang.is_stopword(w) or w in lang.partitive:
            if unknown is not None:
                break  # "лікарень у областях": the head was the word before the preposition
            if w not in lang.partitive and (through or n == 0):
                break  # "reached 8,960,800 at the end": no noun after it; "cases in region"
            continue  # "eight of the dead", "cases of torture"
        if n + 1 < len(words) and (phrase := lang.phrase(w, words[n + 1][2])) and not (
                _concept(phrase).tells_apart):  # "stimmten für": no noun
            return through | {phrase}, after[s : words[n + 1][1]]
        found = _countable(lang.concepts(w))
        if found and not through and all(_concept(c).transparent for c in found):
            through, through_word = set(found), after[s:e]
            continue
        if found:
            while (lang.head_last and n + 1 < len(words) and not _kinds(found) <= _MEASURES
                   and _noun_after(lang, words[n + 1][2])):
                n += 1  # "four police vehicles": vehicles, not police
                s, e, w = words[n]
                found = lang.concepts(w)
            return through | set(found), after[s:e]
        if unknown is None:
            unknown = after[s:e]
            if through:
                return through, unknown  # "cases of cholera"
        if n >= _HEAD_WORDS:
            break
    if through:
        return through, through_word
    if unknown is not None:
        return set(), unknown
    # Nothing after it ("число погибших — 8", "deaths: 8"): the nearest noun before.
    cut = tail.rstrip(" :—–-\u00a0")
    stop = None
    for stop in _CLAUSE_END_RE.finditer(cut):
        pass
    for conjunction in lang.near_cut_re.finditer(cut):  # "531 heridas y 329": not 329's noun
        if stop is None or conjunction.end() > stop.end():
            stop = conjunction
    words_before = tail_words
    if stop is not None:
        tail = tail[stop.end():]
        words_before = [(s - stop.end(), e - stop.end(), w) for s, e, w in tail_words
                        if s >= stop.end()]
    for n, (s, e, w) in enumerate(words_before[:-1]):
        # "The number of people injured in the attack on Kyiv region rose to 29": what the
        # number is of, however far before
        if "number_of" in lang.concepts(w) and words_before[n + 1][2] in lang.partitive:
            for s2, e2, w2 in words_before[n + 2 : n + 4]:
                if (found := lang.concepts(w2)) and not _kinds(found) & {"place", "time"}:
                    return set(found), tail[s2:e2]
    reach = range(len(words_before) - 1, max(len(words_before) - _HEAD_WORDS - 6, -1), -1)
    if m.kind == "percent":  # "turnout in the State Duma election at 31.51%": the rate
        for n in reach:
            s, e, w = words_before[n]
            if "rate" in _kinds(found := lang.concepts(w)):
                return {c for c in found if _concept(c).kind == "rate"}, tail[s:e]
    for n in reach:
        s, e, w = words_before[n]
        found = _countable(lang.concepts(w))
        between = [x for x in words_before[n + 1 :] if not lang.is_stopword(x[2])]
        if _kinds(found) == {"place"} and (m.kind == "percent" or between):
            # "Алматы қаласы – 30,3%": where the share is, not what it is of; "the attack
            # on Kyiv region rose to 29": where, not what (but "регионов — 5")
            continue
        if found and not _kinds(found) <= {"time"} and not _kinds(found) & {"person"} - set():
            # "инфляция … ускорилась до 12,8%": a thing or a rate, a few words before
            return set(found), tail[s:e]
        if found and not between:  # "число погибших — 8", "Verletzte 4": right before it
            return set(found), tail[s:e]
    return set(), None


def _countable(ids: frozenset[str]) -> frozenset[str]:
    """The concepts that may say what a number counts: not a state that only tells one
    count from another of its scale ("349 dagegen", "против" before "60%")."""
    return frozenset(c for c in ids if not _concept(c).tells_apart)


_MEASURES = {"time", "unit", "money"}
_MAY_MARCH_RE = re.compile(r"(?<!\w)(May|March)\s+(?=\d)")
_THINGS = {"thing", "place", "unit", "money", "time"}  # what is never a person nor befalls one  # "a 43-year-old resident" counts years


def _noun_after(lang: Language, word: str) -> bool:
    """Does `word` name a thing of its own (not a fate, a state or a word looked through)?"""
    if lang.is_stopword(word):
        return False
    found = lang.concepts(word)
    return bool(found) and not any(
        _concept(c).fate or _concept(c).transparent or _concept(c).kind == "state" for c in found)


@lru_cache(maxsize=None)
def _concept(cid: str) -> lexicon.Concept:
    return lexicon.concepts().get(cid) or lexicon.Concept(cid, cid, False, cid.replace("_", " "))


def _kinds(ids: frozenset[str] | set[str]) -> set[str]:
    return {_concept(c).kind for c in ids}


def _specific(ids: frozenset[str]) -> frozenset[str]:
    return frozenset(c for c in ids if not _concept(c).generic)


def _widen(ids: frozenset[str]) -> frozenset[str]:
    """The concepts and what each may also stand for ("victims": deaths, injured)."""
    out = set(ids)
    for c in ids:
        out |= _concept(c).also
    return frozenset(out)


def _meets(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(_widen(a) & b or a & _widen(b))


def _narrows(claim: frozenset[str], page: frozenset[str]) -> bool:
    """Does the page name the claim's thing, or a narrower one? The claim's "victims" are
    met by the page's deaths; the claim's homes are not met by the page's "structures",
    which may be homes or not (a page less specific than the claim does not confirm it)."""
    return bool(_widen(claim) & page)


def same_referent(claim: Referent, page: Referent, same_language: bool) -> bool | None:
    """Does the page's number count what the claim's does? None when it cannot be told."""
    if claim.age != page.age:
        return None  # "a 47-year-old" and "47 лет": an age, or a count of years?
    if claim.age and not (claim.head and page.head):
        return None  # "the 47-year-old": whose age?
    if claim.years and page.years and not claim.years & page.years:
        return False  # 234 complaints in 2021 are not the 234 of 2020
    if claim.ago and page.ago and not claim.ago & page.ago:
        return False  # "vergangenes Jahr mehr als 2.200 Flüchtlinge": not this year's
    if claim.revision and page.revision and not claim.revision & page.revision:
        return False  # "حصيلة سابقة … تسعة قتلى": an earlier toll, not the latest
    if claim.trend and page.trend and not claim.trend & page.trend:
        return False  # housing that "rose by 15.6%" is not the page's "төмендеуі … 15,6%"
    if claim.flow and page.flow and not claim.flow & page.flow:
        return False  # "78 Milliarden Euro ausgegeben": spent, not taken in
    if claim.period and page.period and not claim.period & page.period:
        return False  # "€7,5 млн на рік": a year's salary, not a month's
    if claim.forecast != page.forecast:
        return None  # "369 мың бала қабылданады деп күтілуде": expected, not yet admitted
    if claim.months and page.months and not claim.months & page.months:
        return False  # the hectares burned in August are not those of July
    states_c, states_p = _states(claim), _states(page)
    scales = {_concept(c).scale for c in states_c} & {_concept(c).scale for c in states_p}
    if any(not {c for c in states_c if _concept(c).scale == k} & states_p for k in scales):
        return False  # "destroyed" homes are not "damaged" ones, kilometres planned not built
    groups_c, groups_p = _groups(claim.near), _groups(page.head | page.frame)
    if any(not {c for c in groups_c if _concept(c).scale == k} & groups_p
           for k in {_concept(c).scale for c in groups_c} & {_concept(c).scale for c in groups_p}):
        return False  # "34 of the senior competitors are women": not the page's "ерлер – 34"
    fates_c = {c for c in claim.near if _concept(c).fate}
    fates_p = {c for c in page.near if _concept(c).fate}
    if fates_c and fates_p and not _meets(frozenset(fates_c), frozenset(fates_p)):
        return False  # 86 people detained are not 86 injured
    framed = {c for c in page.frame if _concept(c).fate}
    if fates_c and not fates_p and framed and not _meets(frozenset(fates_c), frozenset(framed)):
        return False  # "de los detenidos, … 597 mujeres": detained women, not injured ones
    if fates_c and not fates_p and not framed:
        # What the claim says befell its count must be said of the page's number too
        said = frozenset(c for c in page.context | page.head if _concept(c).fate)
        if not said & _widen(frozenset(fates_c)) and not (fates_c & page.head):
            if said and not _meets(frozenset(fates_c), said):
                return False  # "18 мирних жителів, серед яких …, зазнали травм": not killed
            if not page.specific():
                return None  # "500 people were arrested": the page's 500 people, what befell them?
    return _same_thing(claim, page, same_language)


def _same_thing(claim: Referent, page: Referent, same_language: bool) -> bool | None:
    ch, ph = claim.specific(), page.specific()
    cs, ps = _specific(_countable(claim.context)), _specific(_countable(page.context))
    if ch and ph:
        if _narrows(ch, ph) or {c for c in ph if not _concept(c).fate} & claim.near:
            return True  # or the claim says it too: "jailed under administrative arrest"
        if _meets(ch, ph):
            return None  # the page's thing may be the claim's, or may not
        # "eight of the dead were police officers": each names the other's thing too (not
        # as a part of it: "7 شهداء، بينهم طفلان", children among the seven dead)
        return bool(_meets(ch, page.context - page.among) and _meets(ph, claim.context))
    if ch or ph:  # one side's noun is generic ("people", "человек", "cases") or unknown
        named, vague = (claim, page) if ch else (page, claim)
        if not ch and claim.head and claim.head & _kind_of(ph):
            return True  # the claim's "54 cases" and the page's "54 дела" (criminal cases)
        answer = _named_against_vague(named, vague)
        if answer is not None:
            return answer
        return _same_words(claim, page) if same_language else _same_name(claim, page)
    # Neither names a specific thing ("people", "cases", or nothing known).
    hc, hp = _opaque(claim.head), _opaque(page.head)
    if hc and hp and not _kinds(hc) & _kinds(hp):
        return False
    kinds = _kinds(hc | hp) or None
    fc = {c for c in _specific(_countable(claim.near))
          if kinds is None or _concept(c).kind in kinds}
    fp = {c for c in _specific(_countable(page.near))
          if kinds is None or _concept(c).kind in kinds}
    if fc and fp:
        if _meets(frozenset(fc), frozenset(fp)):
            return True
        return False if _kinds(fc) & _kinds(fp) else None
    if _meets(cs, ps):
        return True  # "12 people were tortured", "12 случаев пыток"
    said = frozenset(c for c in _specific(claim.near) - claim.head
                     if _concept(c).kind not in ("time", "place", "person"))
    if said and not _meets(said, page.context | page.frame):
        return None  # "reports against 160 people": the page's 160 people, reported?
    if hc and hc == hp and not fc:
        return True  # "234 people" and "234 человек"
    return _same_words(claim, page) if same_language else _same_name(claim, page)


def _named_against_vague(side: Referent, vague: Referent) -> bool | None:
    """One side names a specific thing, the other a generic one or none."""
    named = side.specific()
    head = _opaque(vague.head)
    if head and not _kinds(named) & _kinds(head) and _kinds(named) <= _THINGS:
        return False  # "70 homes" are not "70 человек … свои дома покинули"
    if vague.head_word and not vague.head and _kinds(named) == {"time"} and not _meets(
            named, vague.frame):
        return None  # "45 тысяч артефактов" counts its own noun, not the years of "девять лет"
    if _meets(named, vague.near | vague.frame):
        return True  # "8 deaths" and "8 человек погибли"; "de los detenidos, … 2555 hombres"
    if head and not _kinds(named) & _kinds(head):
        return False  # "207 firearms" are not "207 человек"; "eight people" not "восьми странах"
    facets = frozenset(c for c in _specific(vague.near) if _concept(c).kind in _kinds(named)
                       and not (_concept(c).fate and c not in vague.head | vague.frame))
    if facets and _meets(facets, side.context):
        return True  # "404 of the detainees are minors": "de los detenidos, 404 son menores"
    if facets:
        return False  # "eight deaths" are not "восемь человек задержаны"
    return None


def _kind_of(ids: frozenset[str]) -> frozenset[str]:
    """The generic things each concept is a kind of (criminal cases are cases)."""
    return frozenset(g for c in ids for g in _concept(c).kind_of)


def _opaque(ids: frozenset[str]) -> frozenset[str]:
    """A head without the words one looks through ("cases" of something)."""
    return frozenset(c for c in ids if not _concept(c).transparent)


def _same_name(claim: Referent, page: Referent) -> bool | None:
    """Across scripts, an unknown noun may still be the same name: cholera ~ холери."""
    if claim.head_word and page.head_word and len(claim.head_word) >= 5:
        if _latin(claim.head_word.lower())[:5] == _latin(page.head_word.lower())[:5]:
            return True
    return None


def _same_words(claim: Referent, page: Referent) -> bool | None:
    """In the same language: the same noun, or else (when the claim names none) a word of
    the clause in common."""
    if claim.head_word and page.head_word:
        return claim.head_word.lower()[:6] == page.head_word.lower()[:6] or None
    return True if claim.words & page.words else None


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


@dataclass(frozen=True)
class Stated:
    """One thing a claim says about its figure, besides what it counts: when (a year, a
    month, an hour), where (a place), who gave it (a source), and what else it says of it
    ("rescued alive", "in a serious condition"). Each must be confirmed near the page's
    number for the figure to be found."""

    kind: str  # "year", "ago", "edition", "month", "hour", "place", "source" or "fate"
    text: str  # as the claim says it
    value: int = 0  # a year, a month (1-12), an hour (0-23)
    term: object = None  # a place, a source or a word: the key term looked for
    head: bool = False  # the noun a measure is of ("wage" of "the average monthly wage")
    # a place's: the claim's word for the thing it is the place of, whether that word
    # stands after its name ("the St Petersburg marathon") or before it ("the Carolabrücke
    # in Leipzig"), and how many of the claim's words stand between ("the Kharkiv
    # International Marathon": 1)
    beside: tuple = ()
    route: bool = False  # a place that is a route's end ("from Zenit", "to AS Monaco")


# "by 4 p.m.", "at 9:30", "around 6 p.m.": a time of day
_HOUR_RE = re.compile(r"(?<![\w.,])([01]?\d|2[0-4])(?:[:h]([0-5]\d)\s*(?P<s1>[ap]\.?m\.?)?|\s*"
                      r"(?P<s2>[ap]\.?m\.?|h|hrs?|uhr|o'clock))(?!\w)", re.I)
# "by noon", "at midnight": a time of day in words (its hour)
_HOUR_WORDS_RE = re.compile(r"(?<!\w)(?P<w>noon|midday|midnight)(?!\w)", re.I)
_HOUR_WORDS = {"noon": 12, "midday": 12, "midnight": 0}
_PAGE_HOUR_RE = re.compile(r"(?<![\w.,])(\d{1,2})(?:\s*[:hH.]\s*(\d\d)|\s*(?:[hH]|Uhr|ч\.?|"
                           r"heures?|horas?|hrs?|[ap]\.?m\.?)(?!\w))")
_CLAIM_SOURCE_RE = re.compile(
    r"(?:according to|as reported by|figures from|data from|citing)\s+(?P<a>[^,.;]{2,60})|"
    # "…, said mayor Andreas Thiede."
    r",\s+(?:said|says|reported|told|announced|stated)\s+(?P<c>(?:the\s+)?[^\W\d][^,.;]{1,60}?)"
    r"\s*(?:[.;]|$)|"
    r"(?:^|[,;:]\s*|\band\s+)(?:(?:in|on|by|at|late|early)\s+(?:(?:early|late|mid)\s+)?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|"
    r"\d{4}|the\s+(?:morning|evening|afternoon))\w*,?\s+)?"  # "In early August the ministry said"
    r"(?P<b>(?:(?!(?:were|was|is|are|been|be|had|has|have)\b)"
    r"[\w'’-]+\s+){0,5}?[\w'’-]+"
    r"(?:,\s+(?:[^\W\d][\w'’.-]*\s+){0,3}[^\W\d][\w'’.-]*,)?)"  # "The commander, Pedro Tinampay,"
    r"\s+(?:(?:had|has|have)\s+)?(?:said|says|reported|reports|"
    r"announced|told|stated|estimated|counted|put(?!\s+out)|gave|"
    # a figure asked for is the asker's, not what was granted ("prosecutors had sought 20
    # years", "the prosecutor asked for compensation of 250,000 euros")
    r"asked\s+for|asks\s+for|sought|seeks|demanded|demands|requested|requests|called\s+for)"
    r"(?!\w)", re.I)


# a start the claim counts from ("Since the outbreak of protests in early January 2022,"):
# the months after it are not its figure's
_SINCE_RE = re.compile(r"(?<!\w)since(?!\w)[^,;]*$", re.I)
# a name that says when, not where ("in July", "on Friday")
_WHEN_RE = re.compile(r"(?<!\w)(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|"
                      r"july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|"
                      r"dec(?:ember)?|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)"
                      r"(?:day)?)(?!\w)", re.I)  # not "Marathon", "Sunderland"


@lru_cache(maxsize=1024)
def _stated(claim: str, at: int) -> tuple[Stated, ...]:
    """What the claim says about its figure `at` (an index into its mentions), besides its
    value and what it counts: the words of its clause (from the previous number to the
    next, with what opens the sentence before its first number) and the source the whole
    sentence gives ("…, the regional police said"). Not the words of another figure's
    clause ("three officers injured while 40 people were arrested")."""
    from .terms import Term, claim_terms

    english = lexicon.language("en")
    mentions = _claim_mentions(claim)
    m = mentions[at]
    wanted = _claim_referent(claim, at)
    left, right = wanted.bounds
    counts = [o for o in mentions if o.kind not in ("year", "date")]
    if counts and counts[0] is m:
        left = 0
    else:  # from the clause break before it: "three officers injured in Kazan, while 40 …"
        left = max([x.end() for x in english.near_cut_re.finditer(claim, left, m.start)] + [left])
    spans = [(left, right)] + ([(0, counts[0].start)] if counts and counts[0].start < left else [])
    source_span = _source_span(claim, m)
    if source_span != (0, 0):
        spans.append(source_span)
    out: list[Stated] = []
    opening = {_year(o) for o in mentions if _year(o) and len(spans) > 1 and spans[1] != source_span
               and spans[1][0] <= o.start < spans[1][1]}  # "In 2022, exports grew 5% and imports 3%"
    for y in sorted((wanted.years | opening) - _compared_years(claim)):
        out.append(Stated("year", f"in {y}", y))
    months, days = set(wanted.months), set()
    named, weekdays = lexicon.months_of("en"), lexicon.weekdays_of("en")
    for a, b in spans[:2]:  # its clause and what opens the sentence: "In July, customs …",
        said = english.words(claim[a:b])
        for k, (s, _, w) in enumerate(said):  # "on Saturday night"; not "Since the outbreak
            if w in named and (w not in ("may", "march") or claim[a + s].isupper()) and not (
                    _SINCE_RE.search(claim, a, a + s)) and not (
                    k and said[k - 1][2] == "the"):  # of protests in early January", nor
                months.add(named[w])  # "the January events"
            elif w in weekdays:
                days.add(weekdays[w])
        months |= {o.parts[1] for o in mentions if o is not m and o.kind == "date" and o.parts
                   and o.parts[1] and a <= o.start < b and not _SINCE_RE.search(
                       claim, a, o.start)}  # "As of 1 April 2018, 326,8 thousand"
    out += _editions(claim, mentions, m, spans[:2])
    if 1 in wanted.ago:  # "last year's Moscow Marathon": a page's figure is of its own year
        out.append(Stated("ago", "last year", 1))  # unless it says otherwise
    for n in sorted(months):
        out.append(Stated("month", f"in {lexicon.MONTHS[n - 1].capitalize()}", n))
    for n in sorted(days):
        out.append(Stated("weekday", f"on {lexicon.WEEKDAYS[n].capitalize()}", n))
    for h in _HOUR_RE.finditer(claim):
        half = (h.group("s1") or h.group("s2") or "")[:1].lower()
        hour = int(h.group(1)) % 12 + (12 if half == "p" else 0) if half in ("a", "p") \
            else int(h.group(1))
        if not (h.start() <= m.start < h.end()):
            out.append(Stated("hour", h.group(0), hour))
    for h in _HOUR_WORDS_RE.finditer(claim):
        out.append(Stated("hour", h.group(0), _HOUR_WORDS[h.group("w").lower()]))
    befalls = _kinds(_opaque(wanted.head)) or {"person", "thing"}  # whom a fate can befall
    # a head that is its own fate ("eight deaths") is compared as such; one that names a
    # fate with what it befell ("52,812 finishers": runners, finished) states that fate
    things = {c for c in wanted.head if not _concept(c).fate}
    things = things if _specific(frozenset(things)) else wanted.head
    near = set(wanted.near)
    later = [o for o in mentions if o.start >= right]
    if later and later[0].start == right and claim[later[0].end:later[0].end + 1] == "-":
        # a number joined to its noun ("two-lane") names a thing, it is no other count: what
        # befell the figure may stand past it ("the 1,316-metre two-lane bridge had begun")
        _, past = _claim_referent(claim, mentions.index(later[0])).bounds
        near |= {c for _, _, w in english.words(claim[right:past]) for c in english.concepts(w)
                 if _concept(c).kind == "state"}
    fates = sorted(c for c in near - things if _concept(c).befell and (
        _concept(c).fate and "person" in befalls or _concept(c).kind == "state" and
        befalls - {"person"}))
    if fates:  # one of them ("died or went missing"), in the lexicon's terms or the claim's word
        words = [t for t in claim_terms(claim) if set(fates) & (cs := english.concepts(
            t.text.lower())) and all(_befalls(c) for c in cs)]  # not "finishers": runners too
        late = [Stated("fate", " or ".join(_concept(c).befell for c in fates),
                       term=(frozenset(fates), *words))]
    else:
        late = []
    said: list = []  # the source's key terms
    places: list[Stated] = []  # each place with its names ("East Kazakhstan": East, Kazakhstan)
    for term in claim_terms(claim):
        where = [k.start() for k in re.finditer(re.escape(term.text), claim)]
        if term.kind == "quote" or not any(a <= x < b for x in where for a, b in spans):
            continue
        if any(source_span[0] <= x < source_span[1] for x in where):
            said.append(term)
        elif term.kind == "name" and places and re.search(r"\w+\s+$", claim[:where[0]]) and (
                claim[places[-1].term[-1][1]:where[0]].strip() == "" if places[-1].term else False):
            places[-1] = Stated("place", f"{places[-1].text} {term.text}",
                                term=(*places[-1].term, (term, where[0] + len(term.text))),
                                route=places[-1].route)
        elif term.kind == "name" and (event := _event_place(term, where[0], english)):
            places.append(event)  # "the Tokyo Marathon": Tokyo's
        elif term.kind == "name" and not _WHEN_RE.search(term.text) and any(
                _where_named(claim, x, english) or _route_named(claim, x, english)
                for x in where):
            name = re.match(r"[^\W\d_]\S*(?:\s+[^\W\d_a-z]\S*)*", term.text)  # "Passau", not
            name = Term(name.group(0), "name") if name and name.group(0) != term.text else term
            places.append(Stated("place", name.text, term=((name, where[0] + len(name.text)),),
                                 route=any(_route_named(claim, x, english) for x in where)))
    out[:0] = [Stated("place", p.text, term=tuple(t for t, _ in p.term),
                      beside=p.beside or _beside(claim, p.term), route=p.route) for p in places]
    # who gave it: its names ("Charlotte Ziller"), else a name its words make ("the interior
    # ministry": the Interior Ministry, МВД), else its last word ("the regional police")
    names = [t for t in said if t.kind == "name"] or _known_name(claim[slice(*source_span)])
    # an office after its names ("Kyiv's mayor", "the Kyiv city council", "the
    # Mecklenburg-Vorpommern state government"): the name says whose, the office who
    office = said[-1] if said and said[-1].kind == "term" and names and names[-1] in said else None
    said = names or said[-1:]
    if len(names) > 1 and _office_between(claim, source_span, names):
        # "Kyiv mayor Vitali Klitschko": the last name is who gave it, the one before says
        # whose office it is (not "Reuters and AP", nor "the Saudi Press Agency")
        names = said = names[-1:]
    if office is not None and claim.find(office.text, source_span[0]) > claim.find(
            names[-1].text, source_span[0]):
        out.insert(0, Stated("source", claim[source_span[0]:source_span[1]].strip(),
                             term=(office,)))
    if said:
        out.insert(0, Stated("source", " and ".join(t.text for t in names) or claim[
            source_span[0]:source_span[1]].strip(), term=tuple(said)))
    out += late
    if m.kind == "percent" or wanted.age or _kinds(wanted.head) & _MEASURES:
        out += _measured(claim, m, wanted, {id(t) for t in said}, left)
    return tuple(out)


# "the Kharkiv International Marathon", "the 36th annual marathon": words of an event's name
# between its place (or its ordinal) and its noun
_EVENT_WORDS = ("annual", "international")


def _editions(claim: str, mentions: Sequence[Mention], m: Mention,
              spans: list[tuple[int, int]]) -> list[Stated]:
    """The edition of a recurring event the claim gives its figure m in its clause or what
    opens its sentence: an ordinal before one of en.json's `editions` nouns, past the
    event's name ("the 36th edition", "the second Abu Dhabi Marathon"), or a word for the
    first ("the inaugural race")."""
    english = lexicon.language("en")
    said = [(o.start, o.end, o.text, int(o.value)) for o in mentions
            if o.kind == "ordinal" and o is not m]
    if english.first_edition_re is not None:
        said += [(x.start(), x.end(), x.group(0), 1) for x in english.first_edition_re.finditer(claim)]
    out = []
    for start, end, text, value in said:
        if not any(a <= start <= b for a, b in spans):  # a clause ends at the next number
            continue
        after = english.words(claim[end:end + 60])
        for k, (s, e, w) in enumerate(after[:5]):
            pair = " ".join(x[2] for x in after[k:k + 2])
            if w in english.editions or pair in english.editions:
                out.append(Stated("edition", "the " + claim[start:end + e], value))
                break
            if not (claim[end + s].isupper() or w in _EVENT_WORDS):
                break
    return out


def _beside(claim: str, names: tuple) -> tuple:
    """The words of the thing a claim's place is the place of (see Stated.beside): the
    word right after its names ("the St Petersburg marathon"; its last name when it has
    several: "the Astana Marathon"), and the key term before the locative before them ("the
    Carolabrücke in Leipzig")."""
    from .terms import claim_terms

    english = lexicon.language("en")
    at = {claim.find(t.text): t for t in claim_terms(claim) if t.kind != "quote"}
    start, end = names[0][1] - len(names[0][0].text), names[-1][1]
    out = []
    after = english.words(claim[end:end + 40])[:1]
    if after and claim[end:end + after[0][0]].strip() == "" and (t := at.get(end + after[0][0])):
        out.append((t, True, 0))
    elif len(names) > 1:
        out.append((names[-1][0], True, 0))
    before = [w for w in english.words(claim[:start]) if w[2] != "the"][-2:]
    if len(before) == 2 and before[1][2] in english.locatives and (t := at.get(before[0][0])):
        out.append((t, False, 0))
    return tuple(out)


def _event_place(term, x: int, english: Language) -> Stated | None:
    """The place a claim's name of a recurring event names before its noun (en.json's
    `editions`: "the Tokyo Marathon", "the Casablanca International Marathon": Tokyo,
    Casablanca), with that noun as what it is the place of (see Stated.beside); None when
    the name is not one."""
    from .terms import Term, claim_terms

    words = term.text.split()
    if len(words) < 2 or words[-1].lower() not in english.editions:
        return None
    k = len(words) - 1
    while k > 0 and words[k - 1].lower() in _EVENT_WORDS:
        k -= 1
    noun = next((t for t in claim_terms(words[-1].lower()) if t.kind == "term"), None)
    if k == 0 or noun is None or any(english.concepts(w.lower()) for w in words[:k]):
        return None  # "the Grand Prix Marathon"? a known word is no place
    name = Term(" ".join(words[:k]), "name")
    return Stated("place", name.text, term=((name, x + len(name.text)),),
                  beside=((noun, True, len(words) - 1 - k),))


def _where_named(claim: str, x: int, english: Language) -> bool:
    """Does the name at x stand where a place's does: after a locative ("in Lyon", "near
    Uelzen"), or after a place noun and "of" ("into the port of Cebu City")?"""
    before = [w for _, _, w in english.words(claim[max(0, x - 20):x])]
    return any(w in english.locatives for w in before[-2:]) or (
        before[-1:] == ["of"] and len(before) >= 2 and before[-2] in english.place_nouns_of)


_COORDINATED_RE = re.compile(r",|&|/|(?<!\w)(?:and|or)(?!\w)", re.I)


def _office_between(claim: str, span: tuple[int, int], names: list) -> bool:
    """Does a word in lower case, an office ("mayor", "spokesman"), stand between a source's
    last two names, with nothing that joins two sources ("and", a comma)?"""
    start = claim.find(names[-2].text, span[0])
    end = claim.find(names[-1].text, start + len(names[-2].text)) if start >= 0 else -1
    if end < 0 or end > span[1]:
        return False
    gap = claim[start + len(names[-2].text):end]
    return not _COORDINATED_RE.search(gap) and any(
        w[0].islower() and w not in _CONNECTORS for w in re.findall(r"[^\W\d_][\w'’-]*", gap))


def _route_named(claim: str, x: int, english: Language) -> bool:
    """Does the name at x stand where a route's end does: right after "from", "to" or "into",
    or after one and "the" (en.json's `route_words`: "from Zenit St Petersburg", "to AS
    Monaco", "into the Hofbräu tent", "from the Belgorod region")?"""
    before = [w for _, _, w in english.words(claim[max(0, x - 16):x])]
    before = before[:-1] if before[-1:] == ["the"] else before
    return bool(before) and before[-1] in english.route_words


def _measured(claim: str, m: Mention, wanted: Referent, taken: set[int], span_start: int
              ) -> list[Stated]:
    """What a measure measures, as the claim names it: the nouns its unit is of ("28.7
    million tonnes of wheat", "63.3% of registered voters"; past a generic whole, what its
    share is: "82% of the cases were in children"), the nouns a hyphened unit or an age
    stands before ("a 1,800-euro fine", "a 47-year-old bus driver"), the noun it is the
    measure of ("compensation of 250,000 euros"), or else the subject of its verb ("food
    prices rose 11.5%"; en.json's measure_verbs). A unit says how something is measured, not
    what, so each must be confirmed near the page's number too. Not a place, a fate,
    another unit, the counted noun itself (compared as such), an owner ("the central
    bank's reserves": reserves), nor a verb after the noun ("of voters casting a ballot")."""
    from .terms import claim_terms

    english = lexicon.language("en")
    terms = {}
    for term in claim_terms(claim):
        if term.kind == "term" and id(term) not in taken and not term.negated:
            for x in re.finditer(r"(?<!\w)" + re.escape(term.text) + r"(?!\w)", claim):
                terms[x.start()] = term
    words = english.words(claim)
    after = [w for w in words if w[0] >= m.end]
    if after and _kinds(english.concepts(after[0][2])) & _MEASURES and (
            claim[m.end:after[0][0]].strip() in ("", "-", "‑")):
        hyphened = claim[m.end:after[0][0]].strip() != ""
        after = after[1:]  # the unit itself ("tonnes", "-euro")
    else:
        hyphened = False
    run: list = []
    if after and (hyphened or after[0][2] in _MEASURE_LINKS):
        generic = None  # "82% of the cases were in children": a generic whole, then what
        for s, e, w in after[0 if hyphened else 1:]:  # its share is
            if not run and (english.is_stopword(w) or (hyphened and w == "old")):
                continue  # "of the cases", "a 47-year-old bus driver"
            if not run and generic is None and s not in terms and english.concepts(w) and all(
                    _concept(c).generic for c in english.concepts(w)):
                generic = w
                continue
            if not run and generic is not None and (
                    w in english.measure_verb_aux or w in english.measure_verbs or w == "in"):
                continue
            if s not in terms:
                break
            run.append(terms[s])
            if english.concepts(w) and english.concepts(w) <= wanted.head:
                break  # the counted noun ends its run: "a 47-year-old bus driver"
    verb = next((k for k, t in enumerate(run) if k and re.search(r"(?:ing|ed)$", t.text)), None)
    run = run[:verb]  # "71% of voters casting a ballot", "of voters collected ballots": voters
    before = [w for w in words if w[1] <= m.start]
    if len(before) >= 2 and before[-1][2] in _MEASURE_LINKS and before[-2][0] in terms:
        run_before = terms[before[-2][0]]  # "compensation of 250,000 euros"
    else:
        run_before = None
    if not run and run_before is None:  # "diesel has risen 25.7%": the verb's subject
        verb, subject = False, []
        for s, e, w in reversed([x for x in before if x[0] >= span_start]):
            if subject and s not in terms:
                break
            if s in terms and verb and w not in english.measure_verb_aux:
                subject.insert(0, terms[s])
            elif w in english.measure_verbs:
                verb = True
            elif verb and not subject and w in _YEAR_LINKS and _YEAR_GAP_RE.match(claim, e):
                continue  # "Arab tourist arrivals in 2021 were up 117.5%": when, not what
            elif w not in english.measure_verb_aux:
                break
        run += subject  # "food prices rose": food and prices
    owner = next((k for k in range(len(run) - 1, -1, -1) if re.search(r"['’]s?$", run[k].text)), None)
    if owner is not None:  # "the central bank's reserves": whose they are is not what they are
        run = run[owner + 1:]
    out = []
    heads = {id(t) for t in run[-1:] + ([run_before] if run_before else [])}
    for term in run + ([run_before] if run_before else []):
        found = english.concepts(term.text.lower())
        if found and (found <= wanted.head or _kinds(found) & (_MEASURES | {"place"}) or any(
                _concept(c).fate for c in found) and not _kinds(wanted.head) & _MEASURES):
            continue  # what befell people is compared as such; "now finished" of a sum, not
        out.append(Stated("measured", term.text, int(wanted.age), term=(term,),
                          head=id(term) in heads))
    return out


_MEASURE_LINKS = frozenset({"of"})
_YEAR_LINKS = frozenset({"in", "since", "by"})  # "in 2021" between a subject and its verb
_YEAR_GAP_RE = re.compile(r"\s+\d{4}\s+(?=[^\W\d_])")


# "the highest since 2015": a year the figure is compared with, not the year it is of
_COMPARED_YEAR_RE = re.compile(r"(?<!\w)(?:highest|lowest|biggest|largest|smallest|first|worst|"
                               r"best|most|least|fastest|slowest)(?!\w)[^.,;]{0,30}?(?<!\w)"
                               r"(?:since|in)\s+(?:at\s+least\s+)?(\d{4})(?!\w)", re.I)


def _compared_years(claim: str) -> frozenset[int]:
    return frozenset(int(x.group(1)) for x in _COMPARED_YEAR_RE.finditer(claim))


def _known_name(words: str) -> list:
    """The known name (terms' table of names) that the last words of a claim's source make
    in lower case ("the interior ministry": Interior Ministry), as a name term; none else."""
    from .terms import Term, _alias_key, _aliases

    tokens = words.split()
    for n in range(min(4, len(tokens)), 1, -1):
        text = " ".join(tokens[-n:])
        if (canonical := _aliases().get(_alias_key(text))) is not None:
            return [Term(text, "name", canonical, True)]
    return []


def _source_span(claim: str, m: Mention) -> tuple[int, int]:
    """Where the claim names who gave its figure m ("…, Interior Minister Gérald Darmanin
    said", "according to the ministry"); (0, 0) when it names no one."""
    source = next((x for x in _CLAIM_SOURCE_RE.finditer(claim)
                   if not (x.start() <= m.start < x.end())), None)
    if source is None:
        return 0, 0
    return source.span(next(g for g in ("a", "c", "b") if source.group(g)))


def _window(i: int, source: SourceIndex, seen: Referent) -> str:
    """The page's words that belong to hit i: its clause, what opens its sentence before the
    sentence's first number, and the sentence's tail when that gives a source and the
    clause names none of its own ("1 723 interpellations, …, selon le ministère")."""
    text, m, attribution = source.text, source.mentions[i], source.lang.attribution_in_re
    a, b = _sentence_bounds(text, m)
    left, right = seen.bounds
    left, right = min(max(left, a), m.start), max(min(right, b), m.end)
    first = _lead_end(a, m, source)
    if attribution is not None:  # "…, selon le bilan dressé … par le ministre X": to its name
        right = _attribution_end(text, left, right, b, attribution)
    pieces = ([text[a:first]] if first < left else []) + [text[left:right]]
    if right < b and attribution is not None and not attribution.search(pieces[-1]) and (
            attribution.search(text, right, b)):
        pieces.append(text[right:b])
    return " … ".join(pieces)


def _attribution_end(text: str, start: int, end: int, b: int, attribution: re.Pattern[str]
                     ) -> int:
    """Where text[start:end] ends when it is read on to the end of the clause its last word
    of attribution opens (a clause is cut a few words past its number; the source's name
    may stand further on, before the sentence's end b)."""
    word = None
    for word in attribution.finditer(text, start, end):
        pass
    if word is None:
        return end
    close = _CLAUSE_END_RE.search(text, word.end(), b)
    return max(end, close.start() if close else b)


def _unconfirmed(stated: tuple[Stated, ...], i: int, source: SourceIndex, seen: Referent
                 ) -> tuple[Stated, str | None] | None:
    """The first thing the claim says of its figure that the page does not confirm near hit
    i (its clause, the opening of its sentence, its sentence's source), with what the page
    says there instead when it says something ("California", "berichtet"); None when the
    page confirms them all. A word of the claim's that the page's language cannot be read
    for (no word for it in the lexicon or dictionary, none of them on the page) is not
    confirmed: what the page says instead is then an Unread naming it."""
    if not stated:
        return None
    window = _window(i, source, seen)
    lang, text = source.lang, source.text
    a, b = _sentence_bounds(text, source.mentions[i])
    for st in stated:
        if st.kind == "year":  # its clause's, else its sentence's, else the page's before it
            # (none: a page's year is in its dateline, which its text does not keep)
            claimed = {x.value for x in stated if x.kind == "year"}
            c, d = _part(i, source)
            years, part = source.years_between(a, b), source.years_between(c, d)
            if st.value in seen.years or st.value in (part or years) <= claimed or (
                    not years and source.years_before(a) <= claimed
                    and st.value not in source.years_between(b, len(text))):
                continue  # the page names no other year before it: its dateline's (not when
                # it names the claim's year further on, for another figure: "2022 жылы осы
                # кезеңде 77 645 …" after this year's 250 468)
            return st, " and ".join(map(str, sorted(seen.years or years))) or None
        if st.kind == "ago":  # "last year": said of its number, in its sentence, or the
            # last time the page said before it ("… im vergangenen Jahr bewältigt hat. …
            # landeten 114 vor den Strafkammern"; not after "В этом году …")
            if st.value in seen.ago or st.value in _tags(lang.relative_years, text[a:b]) or (
                    _time_before(a, source.mentions[i].start, source) == st.value):
                continue
            return st, None
        if st.kind == "edition":  # the ordinal its sentence names, else the last one before
            if _edition_of(i, source) == st.value:
                continue
            return st, None
        if st.kind == "month":
            named = lexicon.months_of(lang.code)
            months = {o.parts[1] for o in source.mentions if a <= o.start < b and o.kind == "date"
                      and o.parts and o.parts[1]} | {named[w] for _, _, w in lang.words(
                          text[a:b]) if w in named}
            if st.value in seen.months or st.value in months <= {
                    x.value for x in stated if x.kind == "month"}:
                continue  # "Between 1 June and 23 July": "1 маусым мен 23 шілде аралығында"
            return st, None
        if st.kind == "weekday":  # said with its number, or the only day its sentence names
            said = _weekdays(window, lang)
            if st.value in said or (not said and _weekdays(text[a:b], lang) == {st.value}):
                continue
            return st, None
        if st.kind == "hour":
            if any(int(h.group(1)) % 12 == st.value % 12 for h in _PAGE_HOUR_RE.finditer(window)):
                continue
            return st, None
        if st.kind == "fate":  # in the lexicon's terms, or in the claim's word
            if _meets(st.term[0], seen.near | seen.frame | seen.context) or any(
                    _confirms(t, _window_text(source, window), seen, source)
                    for t in st.term[1:]):
                continue
            return st, _unread(st.term[1:], source)
        if st.kind == "measured":  # what a measure is of, in the number's own part of its
            # sentence (_measure_pieces): "28,7 млн тонн пшениці та 26,2 млн тонн кукурудзи"
            wanted = lexicon.language("en").concepts(st.term[0].text.lower())
            if any(wanted & _widen(_piece_concepts(piece, lang.code))
                   or _confirms(st.term[0], _window_text(source, piece),
                                replace(seen, context=frozenset()), source)
                   for piece in _measure_pieces(i, source, seen.head_word)):
                continue  # the page's own thing, or a narrower one: not a truck for a bus
            return st, _unread(st.term, source)
        if st.kind == "place":  # every name of its place, where no other place is named
            key = (st.text, tuple(t.text for t, *_ in st.beside))
            if key not in source._placed:
                source._placed[key] = _placed_otherwise(st, source)
            if (other := source._placed[key]) is not None:
                return st, other  # "на Московском марафоне": not the St Petersburg marathon
            lead = _lead(i, source)
            if lead.strip() and all(_confirms(t, _window_text(source, lead), seen, source)
                                    for t in st.term):
                continue  # "В Москве задержаны 5 человек …, в Тверском районе 19": Moscow's
            c, d = _part(i, source)
            if all(_confirms(t, _window_text(source, text[c:d]), seen, source)
                   for t in st.term):
                continue  # "… Хакасии (14,53%) и Калининградской области (14,48%)"
            here = list(_locative_names(text, c, d, lang)) + (
                list(_locative_names(text, a, a + len(lead), lang)) if lead and c > a else [])
            if here and not any(_alike(n, t.text) for n in here for t in st.term):
                return st, here[0]  # "Bei Gifhorn starb eine 83 Jahre alte Frau": not Uelzen
            own = _page_place(i, source) if not here else None
            if own is not None and not any(_alike(own[0], t.text) for t in st.term):
                return st, own[0]  # a sentence before it names another place
            clause = _window_text(source, window)
            if all(_confirms(t, clause, seen, source) or (
                    not st.route and _place_before(t, i, source)) for t in st.term):
                continue
            if st.route and all(_route_end_said(t, text[a:b], seen, source) for t in st.term):
                continue  # "vom FC Barcelona zu Paris St. Germain – obwohl … 100 Mio. Euro"
            # a route's end is no place the page leaves to its dateline
            return st, None
        # who gave it (one of its names, "Charlotte Ziller"): the source its own part of the
        # clause gives it ("2.500 personnes ont manifesté, selon les syndicats, 1.800 selon
        # la préfecture"), else its window's; else one the page names before it, when its
        # sentence gives none of its own
        page = _window_text(source, _said_after(i, source, seen) or window)
        if any(_confirms(t, page, seen, source) for t in st.term):
            continue
        # a quotation's: the speaker after it ("«… 50 жыл бойы …», — деп атап өтті
        # Премьер-министр Олжас Бектенов"), not one the page names before it
        if (speaker := _quote_speaker(i, source)) is not None:
            if any(_confirms(t, _window_text(source, speaker), seen, source) for t in st.term):
                continue
            return st, None
        # its sentence's own source, past a semicolon too ("with 155 confirm cases; so
        # according to the local health department")
        full = _FULL_STOP_RE.search(text, b, b + _PLACE_REACH)
        end = full.start() if full else min(len(text), b + _PLACE_REACH)
        word = lang.attribution_in_re.search(text, a, end) if lang.attribution_in_re else None
        # "по информации портала": the source named before it ("ОВД-Инфо"), not one of its own
        back = word is not None and lang.source_anaphora_re is not None and bool(
            lang.source_anaphora_re.match(text, word.end()))
        if (word is None or back) and any(x < a for t in st.term if t.kind == "name"
                                          for x in _name_spots(t, source)):
            continue
        told = _told_by(a, b, source, word is None or back)
        if told and any(_confirms(t, _window_text(source, told), seen, source) for t in st.term):
            continue
        return st, word.group(0) if word else _unread(st.term, source)
    return None


def _edition_of(i: int, source: SourceIndex) -> int | None:
    """The edition hit i is of: the ordinal its sentence names between the counts before
    and after it ("Під час другої хвилі імунізації … 70%"; a word for the first: "The
    inaugural race"), else the last one the page names before it ("pour cette 37ème
    édition, pas moins de 10 500 …, soit 21%"); None when it names none, or several. Not
    one that another count of its sentence stands between ("70% … Це на 5% більше ніж під
    час першого етапу")."""
    m = source.mentions[i]
    a, b = _sentence_bounds(source.text, m)
    counts = source._anchor_starts[("count", "percent")]
    k = bisect.bisect_left(counts, m.start)
    lo = max(a, counts[k - 1] if k else a)
    hi = min(b, counts[k + 1] if k + 1 < len(counts) else b)
    said = [(o.start, int(o.value)) for o in source.mentions if o.kind == "ordinal"]
    said += [x for x in _roman_ordinals(source.text, source.lang.code) if x[0] < b]
    if source.lang.first_edition_re is not None:
        said += [(x.start(), 1) for x in source.lang.first_edition_re.finditer(source.text, 0, b)]
    own = {v for s, v in said if lo <= s < hi}
    if own:
        return own.pop() if len(own) == 1 else None
    before = [x for x in said if x[0] < m.start]
    return max(before)[1] if before else None


# "V Київському міжнародному марафоні", "la XXXVIIe édition": a Roman numeral before a name
# or with an ordinal ending
_ROMAN = re.compile(r"(?<![\w.\-/])([IVXL]{1,7})(?:(?:e|ème|er|º|ª)(?!\w)|(?=\s+[^\W\d_a-z]))")


@lru_cache(maxsize=64)
def _roman_ordinals(text: str, code: str) -> tuple[tuple[int, int], ...]:
    """Where a text in language `code` gives an edition in Roman numerals, and its number
    (see _ROMAN): one that is well formed, up to 50, not a word of the language ("I" in
    English), and not a lone X or L (the X Games, L Brands)."""
    lang, out = lexicon.language(code), []
    for x in _ROMAN.finditer(text):
        digits = x.group(1)
        if lang.is_stopword(digits.lower()) or digits in ("X", "L"):
            continue
        try:
            value = roman.fromRoman(digits)
        except roman.InvalidRomanNumeralError:  # not well formed: "IIII", "VX", "IL"
            continue
        if value <= 50:
            out.append((x.start(), value))
    return tuple(out)


def _time_before(a: int, at: int, source: SourceIndex) -> int | None:
    """The year the page last dated its text by before `a` (within _PLACE_REACH) for what
    stands at `at`: "this" (0) or "last" (1) year in words, or None when it named none, or
    named a year in digits after them ("2023 landeten 114 …")."""
    lo = max(0, a - _PLACE_REACH)
    said = [(x.start(), tag) for pattern, tag in source.lang.relative_years
            for x in pattern.finditer(source.text, lo, a)]
    if not said:
        return None
    last, tag = max(said)
    if source.years_between(last + 1, at):
        return None
    return tag


@dataclass(frozen=True)
class Unread:
    """What stands in for the page's words when a claim's word could not be looked for: the
    page's language has no word for it in citecheck's data, and the page does not state it."""

    word: str


def _unread(terms, source: SourceIndex) -> Unread | None:
    """The first of a Stated's words (not its names, nor a set of concepts) that the page's
    language cannot be read for (_readable), as an Unread; None when each could be."""
    for t in terms:
        if getattr(t, "kind", "name") != "name" and not _readable(t, source):
            return Unread(t.text)
    return None


def _readable(term, source: SourceIndex) -> bool:
    """Can the page's language be read for a word of the claim's: does the lexicon or the
    dictionary give words for it that the page states, or words known to be absent? Not
    when the page's language has none for it (the key-term matcher answers unchecked)."""
    if term.text not in source._readable and lexicon.language("en").concepts(
            term.text.lower()) & _named_concepts(source.lang.code):
        source._readable[term.text] = True  # the figures' lexicon has words for it ("wage")
    if term.text not in source._readable:
        source._readable[term.text] = source.matched(term).outcome != "unchecked"
    return source._readable[term.text]


def _weekdays(text: str, lang: Language) -> set[int]:
    """The days of the week a piece of a page names ("اليوم الأحد", "Friday night")."""
    days = lexicon.weekdays_of(lang.code)
    out = set()
    for _, _, w in lang.words(text):
        for form in [w] + [w[len(c):] for c in lang.clitics if w.startswith(c)]:
            if (form := form.translate(lang.letter_folds)) in days:
                out.add(days[form])
    return out


@lru_cache(maxsize=None)
def _named_concepts(code: str) -> frozenset[str]:
    """The concepts a language's file has words for."""
    lang = lexicon.language(code)
    return frozenset(c for ids in (*lang.prefixes.values(), *lang.whole.values()) for c in ids)


@lru_cache(maxsize=4096)
def _piece_concepts(piece: str, code: str) -> frozenset[str]:
    """The concepts of every word of a piece of a page, once a piece."""
    lang = lexicon.language(code)
    return frozenset(x for _, _, w in lang.words(piece) for x in lang.concepts(w))


_QUALIFIER_WORDS = 2  # words before a counted noun that can qualify it


def _measure_pieces(i: int, source: SourceIndex, head_word: str | None = None) -> list[str]:
    """Where the page says what hit i measures: its own part of its sentence ("28,7 млн
    тонн пшениці та 26,2 млн тонн кукурудзи"); and when that part names nothing but the
    number, its unit and names ("Одещина — 4 млн 578 тис. тонн"), also what opens the
    sentence before its first count ("Лідерами по намолоту зерна є …"); and the words
    that qualify the noun the page counts it by, where that noun stands in its sentence
    before the number ("жылдық инфляция … 6,4%-ке": annual inflation)."""
    text, lang, m = source.text, source.lang, source.mentions[i]
    c, d = _part(i, source)
    pieces = [text[c:d]]
    if head_word and head_word not in text[c:d]:
        a, _ = _sentence_bounds(text, m)
        at = text.rfind(head_word, a, m.start)
        if at >= 0:
            before = lang.words(text[a:at])[-_QUALIFIER_WORDS:]
            pieces.append(text[a + before[0][0] if before else at : at + len(head_word)])
    bare = all(lang.is_stopword(w) or text[c + s].isupper() or _kinds(lang.concepts(w)) & (
        _MEASURES | {"place"}) for s, _, w in lang.words(text[c:d]) if not m.start <= c + s < m.end)
    if bare and (lead := _lead(i, source)).strip():
        pieces.append(lead)
    return pieces


# a quotation's marks, opening and closing ("«…»", "„…“", "“…”"), and what may stand between
# its end and its speaker: ", — деп атап өтті …", ", sagte …", " said …"
_QUOTES = {"«": "»", "„": "“", "“": "”", "‹": "›"}
_SPEAKER_RE = re.compile(r"\s*,?\s*[—–-]?\s*(?=[^\W\d_])")


def _quote_speaker(i: int, source: SourceIndex) -> str | None:
    """Who speaks the quotation hit i stands in, when the page names the speaker right after
    it, up to the end of that sentence ("«… 50 жыл бойы …», — деп атап өтті Премьер-министр
    Олжас Бектенов"; "\"… 50 years …,\" said Mayor Thiede"); None when hit i is in no
    quotation of its paragraph, or its speaker is not named after it ("— уточнили в
    ведомстве": the one named before)."""
    text, m = source.text, source.mentions[i]
    lo = text.rfind("\n", 0, m.start) + 1
    hi = text.find("\n", m.end)
    hi = len(text) if hi < 0 else hi
    close = None
    for k in range(m.start - 1, lo - 1, -1):  # the nearest mark before it that opens
        c = text[k]
        if c in _QUOTES.values() and c not in _QUOTES or c == '"' and text.count('"', lo, k) % 2:
            return None  # a quotation that closes before it
        if c in _QUOTES or c == '"':
            end = text.find(_QUOTES.get(c, '"'), m.end, hi)
            close = end if end >= 0 else None
            break
    if close is None:
        return None
    inside = text[:close].rstrip()
    after = _SPEAKER_RE.match(text, close + 1, hi)
    if after is None or inside.endswith((".", "!", "?")) and "—" not in after.group(0) \
            and "–" not in after.group(0):
        return None  # «…». Another sentence; "….," said …, «…!» — воскликнул …
    stop = _FULL_STOP_RE.search(text, after.end(), hi)
    said = text[after.end() : stop.start() if stop else hi][:200]
    # a name: a capitalised word (two together where nouns have capitals: "sagte
    # Bürgermeister Thiede"); not "— уточнили в ведомстве", which looks back
    caps = "".join("A" if w[0].isupper() else "a" for w in re.findall(r"[^\W\d_]+", said))
    return said if ("AA" if source.lang.capital_nouns else "A") in caps else None


def _told_by(a: int, b: int, source: SourceIndex, before: bool) -> str:
    """The sentences that give the sentence text[a:b] a source: the next one when it opens
    with a word that looks back ("Про це повідомив …", "Бұл туралы … айтты"), and (when
    `before`: the sentence names no source of its own) the one before it ("Mindestens 31
    Menschen starben, wie das NRW-Innenministerium mitteilt. 57 Personen seien zudem
    verletzt.")."""
    text, lang = source.text, source.lang
    out = []
    if before and a > 0 and not text[:a].rstrip().endswith((";", "\u061b")):
        # (not past a semicolon: "El fiscal pedía 250.000 euros; el magistrado fija …
        # 150.000 euros" is the judge's, not the prosecutor's)
        lo = max(0, a - _PLACE_REACH)
        starts = [lo] + [x.end() for x in _SENTENCE_RE.finditer(text, lo, a - 1)]
        out.append(text[starts[-1] : a])
    if lang.report_back_re is not None and b < len(text):
        nxt = b + 1
        while nxt < len(text) and text[nxt].isspace():
            nxt += 1
        if lang.report_back_re.match(text, nxt):
            end = _SENTENCE_RE.search(text, nxt, nxt + _PLACE_REACH)
            out.append(text[nxt : end.start() if end else min(len(text), nxt + _PLACE_REACH)])
    return " … ".join(x for x in out if x.strip())


def _lead(i: int, source: SourceIndex) -> str:
    """What opens hit i's sentence before its first count ("В Москве задержаны …")."""
    text, m = source.text, source.mentions[i]
    a, _ = _sentence_bounds(text, m)
    return text[a : _lead_end(a, m, source)]


def _lead_end(a: int, m: Mention, source: SourceIndex) -> int:
    """Where the sentence that starts at a, hit m's, has its first count (m's start at most)."""
    counts = source._anchor_starts[("count", "percent")]
    k = bisect.bisect_left(counts, a)
    return min(counts[k], m.start) if k < len(counts) else m.start


def _part(i: int, source: SourceIndex) -> tuple[int, int]:
    """Hit i's part of its sentence, from the clause break before it to the one after it
    ("о 100 задержанных … в Нижнем Новгороде, во Владивостоке …"); for the sentence's first
    count, from the sentence's start."""
    text, lang, m = source.text, source.lang, source.mentions[i]
    a, b = _sentence_bounds(text, m)
    around = source.mentions[max(0, i - 8) : i + 8]

    def cut(x: re.Match[str]) -> bool:  # not the comma inside "1,723"
        return not any(o.start <= x.start() < o.end for o in around)

    c = next((x.end() for x in reversed(list(lang.near_cut_re.finditer(text, a, m.start)))
              if cut(x)), a)
    d = next((x.start() for x in lang.near_cut_re.finditer(text, m.end, b) if cut(x)), b)
    counts = source._anchor_starts[("count", "percent")]
    if bisect.bisect_left(counts, a) == bisect.bisect_left(counts, m.start):
        c = a
    return c, d


def _said_after(i: int, source: SourceIndex, seen: Referent) -> str | None:
    """The source hit i's own part of its clause gives it, after it up to the clause's end
    ("15.000 personnes, d'après les organisateurs"), or None when it gives none."""
    attribution, m = source.lang.attribution_in_re, source.mentions[i]
    b = _sentence_bounds(source.text, m)[1]
    end = max(min(seen.bounds[1], b), m.end)
    if attribution is None or not attribution.search(source.text, m.end, end):
        return None
    return source.text[m.end : _attribution_end(source.text, m.end, end, b, attribution)]


def _place_before(term, i: int, source: SourceIndex) -> bool:
    """Is hit i in the claim's place by what the page says before it? When the page names
    the place before hit i's sentence (its lead), and no other place after a locative
    between there and hit i ("… nahe Uelzen … Bei Gifhorn starb eine 83 Jahre alte Frau");
    or nowhere near it (pages name their place in a title the text does not keep). Not
    when it names it only after hit i, near it."""
    text, m = source.text, source.mentions[i]
    a, b = _sentence_bounds(text, m)
    spots = _name_spots(term, source)
    before = [x for x in spots if x < a]
    if before:
        return all(_alike(n, term.text) for n in _locative_names(text, before[-1], m.start,
                                                                 source.lang))
    return not any(a <= x < b + _PLACE_REACH for x in spots)


def _placed_otherwise(st: Stated, source: SourceIndex) -> str | None:
    """Another place the page gives the thing the claim's place is the place of, when the
    page names the claim's place nowhere: the name right before the page's word for it
    ("на Московском марафоне", "Алматы Марафона" for the St Petersburg or the Astana
    marathon; "New-York-Marathon" for the Tokyo Marathon), or after it and a locative ("der
    Carolabrücke in Dresden" for the Carolabrücke in Leipzig); None when there is none."""
    things = {id(t) for t, *_ in st.beside}
    names = [t for t in st.term if id(t) not in things]
    if not st.beside or not names or any(_name_spots(t, source) for t in names):
        return None
    text, lang = source.text, source.lang
    tokens = lang.words(text)
    if any(_spelled_alike(text[s:e], t.text) for s, e, _ in tokens if text[s].isupper()
           for t in names):
        return None  # "Пензенской области": Penza's, in a form its spelling meets

    def another(name: str) -> bool:  # not one of the claim's names in another form
        return not any(_alike(name, t.text) or _spelled_alike(name, t.text) for t in names)

    for term, after, gap in st.beside:
        said = source.matched(term)
        if said.outcome == "found" and said.as_:
            form = said.as_.strip()
            stem = re.escape(form[:max(4, len(form) - 2)])  # its other endings: марафоне
            spans = [x.span() for x in re.finditer(r"(?<!\w)" + stem + r"\w*", text, re.I)]
        else:  # "марафоне" for marathon, which the dictionary gives as "марафонский бег"
            spans = [(s, e) for s, e, _ in tokens if len(term.text) >= 5
                     and _spelled_alike(text[s:e], term.text)]
        for start, end in spans:
            if after:  # the name right before it (or its compound's: "New-York-Marathon"),
                # past as many words as the claim's between ("V Київському міжнародному
                # марафоні" for the Kharkiv International Marathon)
                lo, edge, near = max(0, start - 80), start, []
                for w in lang.words(text[lo:start])[-(gap + 1):][::-1]:
                    if text[lo + w[1]:edge].strip() not in ("", "-"):
                        break
                    edge = lo + w[0]
                    if text[edge].isupper():
                        near = [text[edge:lo + w[1]]]
                        break
            else:  # a locative, then the name
                words = lang.words(text[end:end + 40])[:2]
                near = [text[end + words[1][0]:end + words[1][1]]] if len(
                    words) == 2 and words[0][2] in lang.locatives else []
            for name in near:
                if name[:1].isupper() and len(name) >= 3 and not lang.is_stopword(
                        name.lower()) and another(name):
                    return name
            if lang.name_after_noun and (name := _name_after(text, end, lang)) and another(name):
                return name  # "ماراثون مراكش" for the Casablanca marathon
    return None


def _name_after(text: str, end: int, lang: Language) -> str | None:
    """The name right after a noun that ends at `end`, in a language that puts it there
    and writes no capitals (Language.name_after_noun): a word of its own, not one of its
    stopwords or known words, nor one its article opens ("الدولي")."""
    x = re.match(r"\s+([^\W\d_]{3,})", text[end:end + 40])
    if x is None or x.group(1).startswith(lang.name_after_noun):
        return None
    word = x.group(1)
    if lang.is_stopword(word) or lang.concepts(word):
        return None
    return word


def _spelled_alike(word: str, name: str) -> bool:
    """Is a page's word the name, in another script or with a case ending (Туве for Tuva,
    Пензе for Penza)? Closer than _alike: the same first letters, most of the rest."""
    a = _fold_name(word.lower().translate(_ARABIC_TO_LATIN))
    kinds = lexicon.language("en").place_nouns_of  # "City" of "Cebu City" names no city
    return any(a[:2] == b[:2] and (difflib.SequenceMatcher(None, a, b).ratio() >= 0.7 or
                                   a.startswith(b[:max(4, len(b) - 1)]))  # Бучанському
               for b in (_fold_name(x) for x in re.findall(r"[^\W\d_]{4,}", name.lower())
                         if x not in kinds))


def _window_text(source: SourceIndex, window: str):
    """A window of the page (a hit's, _window) as the key-term matcher reads it, once."""
    from .terms import PageText

    if window not in source._windows:
        source._windows[window] = PageText(window, source.language)
    return source._windows[window]


def _confirms(term, window, seen: Referent, source: SourceIndex) -> bool:
    """Does the page confirm a name or word of the claim's (its place, its source, its
    fate) where its number stands (the PageText `window`)? Not when the page's language
    cannot be read for the word at all (no word for it in the lexicon or dictionary): a word
    that cannot be looked for confirms nothing (_unread names it in the message)."""
    from .terms import match_term

    concepts = lexicon.language("en").concepts(term.text.lower()) if term.kind != "name" else ()
    if concepts and _meets(frozenset(concepts), seen.context):
        return True  # "the police": "по данным полиции"; not a name: "Cebu City" is no city
    key = (term.text, window.text)
    if key not in source._confirmed:
        source._confirmed[key] = match_term(term, window, contrast=False).outcome == "found" or (
            term.kind == "name" and any(_spelled_alike(w, term.text) for _, _, w in
                                        window.tokens[1:] if w[0].isupper() and len(w) >= 4))
        if not source._confirmed[key] and term.kind == "name" and (
                full := _spelt_out(term.text, source)):
            # "… por el Instituto Nacional de Estadística (INE)": the page's own name for it
            source._confirmed[key] = match_term(type(term)(full, "name"), window,
                                                contrast=False).outcome == "found"
    return source._confirmed[key]  # a name: Туве for Tuva, across scripts and endings


def _route_end_said(term, sentence: str, seen: Referent, source: SourceIndex) -> bool:
    """Does the page name a claim's route's end (Stated.route) in the sentence of its number:
    the name, or one of the longer words of a name of several ("Zenit St Petersburg":
    "من زينيت بطرسبورغ")? A route is said once for its sentence's figures."""
    from .terms import Term

    window = _window_text(source, sentence)
    if _confirms(term, window, seen, source):
        return True
    words = term.text.split()
    return len(words) > 1 and any(_confirms(Term(w, "name"), window, seen, source)
                                  for w in words if len(w) >= 5)


_CONNECTORS = frozenset("de del la el las los des du d of the for and und für der y et e".split())


def _spelt_out(acronym: str, source: SourceIndex) -> str | None:
    """The name a page spells an acronym out as, where it defines it ("el Instituto Nacional
    de Estadística (INE)"): its capitalised words and their connectors before the bracket."""
    if not (2 <= len(acronym) <= 8 and acronym.isupper() and acronym.isalpha()):
        return None
    if acronym not in source._spelt:
        found = None
        for x in re.finditer(r"\(\s*" + re.escape(acronym) + r"\s*\)", source.text):
            words = re.findall(r"[^\W\d_][\w'’-]*", source.text[max(0, x.start() - 120):x.start()])
            kept: list[str] = []
            for w in reversed(words):
                if w[0].isupper() or (kept and w.lower() in _CONNECTORS):
                    kept.insert(0, w)
                else:
                    break
            while kept and not kept[0][0].isupper():
                kept.pop(0)
            if len(kept) >= 2:
                found = " ".join(kept)
                break
        source._spelt[acronym] = found
    return source._spelt[acronym]


def _unconfirmed_message(figure: FigureResult, st: Stated, instead: str | None) -> str:
    """“46.5%” is on the page as “46,5%”, counting turnout, but the page does not say the
    Central Election Commission gave it."""
    seen = f"“{figure.text}” is on the page as “{figure.source_text}”" + (
        f", counting {figure.source_counts}" if figure.source_counts else "")
    if isinstance(instead, Unread):  # "… but the page's words for “finished” could not be read"
        return (f"{seen}, but the page's words for “{instead.word}” could not be read "
                f"(citecheck has no word for it in the page's language)")
    if st.kind == "place" and instead:
        return f"{seen}, in {instead}; the page does not name {st.text} there"
    if st.kind == "source" and instead:
        return (f"{seen}, as another source gives it (“{instead}”); the page does not say "
                f"{_the(st.text)} gave it")
    if st.kind == "measured" and st.value:  # an age
        return (f"{seen}, but the page does not say “{st.text}” of the one whose age it is "
                f"where the number stands")
    if st.kind == "year" and instead:
        return f"{seen}, for {instead}; the page does not say it is the figure of {st.value}"
    said = {"year": f"it is the figure of {st.value}", "ago": "it is last year's figure",
            "edition": f"it is the figure of {st.text}",
            "month": f"it is the figure of {st.text[3:]}",
            "hour": f"it is the figure at {st.text}", "weekday": f"it is the figure of {st.text[3:]}",
            "place": f"it is {st.text}'s",
            "source": f"{_the(st.text)} gave it", "fate": f"they were {st.text}",
            "measured": f"it is a measure of “{st.text}”"}[st.kind]
    return f"{seen}, but the page does not say {said} where the number stands"


def _the(name: str) -> str:
    if name.startswith("The "):
        return "t" + name[1:]  # "the prosecutor gave it", mid-sentence
    return name if name[:1].isupper() or name.lower().startswith("the ") else f"the {name}"



def match_figure(figure: Mention, claim: str, source: SourceIndex) -> FigureResult:
    """Look for one claim figure in the source; the best hit becomes the evidence."""
    in_claim = _claim_mentions(claim)
    at = next((i for i, m in enumerate(in_claim) if m.start == figure.start), None)
    english = lexicon.language("en")
    if at is None:  # not one of the claim's own numbers: read alone
        in_claim = (figure,)
        at = 0
        wanted = _referent(claim, in_claim, at, english)
    else:
        wanted = _claim_referent(claim, at)
    same_language = source.lang.code == english.code
    # the names the claim states (where, who): a figure the page gives them only elsewhere
    # is another place's or another person's
    places = _claim_names(claim) if figure.kind in ("count", "percent") or _has_day(figure) else ()
    # who gave the figure is checked as its source (_unconfirmed), not as a place: the page
    # may name the minister with each of his figures, or once for the sentence's
    said_by = _source_span(claim, figure)
    places = tuple((t, _claim_place_kind(claim, t)) for t in places
                   if not said_by[0] <= claim.find(t.text) < said_by[1])
    stated = _stated(claim, at) if in_claim[at] is figure and figure.kind in COUNTED else ()
    elsewhere: dict[int, object] = {}  # hit start -> why a hit is not found (see below)
    measures = _dated_measures(claim, in_claim, figure) if figure.kind in ("date", "year") else ()
    placed = None  # a hit of the claim's value that the page puts in another place
    best: tuple[tuple[int, float, int], Mention, str, Referent] | None = None
    exact_other: tuple[tuple[int, float, int], Mention, str, Referent] | None = None
    for i, m in enumerate(source.mentions):
        outcome = _compare(figure, m)
        if outcome is None or (best is not None and best[2] == "found" and outcome != "found"
                               and m.value != figure.value):
            continue  # nothing but "found" outranks a hit found, and no other value is the
            # claim's value stated in another place (`placed`): what it counts is not read
        seen = source.referent(i)
        if figure.kind not in ("count", "percent", "ordinal"):
            same: bool | None = True  # a date, a decade, a rank is what it is
            if (stage := _other_stage(wanted, seen) or _other_measure(measures, i, source)):
                same, elsewhere[m.start] = False, stage  # the day it ends, not begins
        else:
            same = same_referent(wanted, seen, same_language)
        if same is not True:
            if outcome == "consistent" and figure.value not in m.values():
                continue  # another value that would satisfy "more than 200": no evidence
            outcome = "other_referent" if same is False else "unchecked"
        if outcome == "consistent" and not _consistent_enough(figure, m, source, wanted, seen):
            continue
        if outcome == "found" and figure.kind == "year" and (
                claimed := month_before(claim, figure.start, "en")) and (
                given := m.parts[1] if m.kind == "date" and m.parts else
                month_before(source.text, m.start, source.lang.code)) != claimed:
            # "in March 2011": the page's "im Januar 2011" or "05.01.2011" is another month's,
            # a bare 2011 no month's
            outcome = "other_referent" if given else "unchecked"
            elsewhere[m.start] = _Month(claimed, given)
        if outcome in ("found", "consistent") and places and (
                place := _place_elsewhere(places, i, source)):
            outcome, elsewhere[m.start] = "other_referent", place
        elif outcome in ("found", "consistent") and (
                unmet := _unconfirmed(stated, i, source, seen)) is not None:
            outcome, elsewhere[m.start] = "unchecked", unmet
            if unmet[0].kind == "place" and unmet[1] and m.value == figure.value:
                placed = placed or (i, m, seen)  # "siete toneladas … en Coria del Río"
        elif outcome in ("found", "consistent") and (
                other := _other_range(figure, in_claim, claim, i, source)) is not None:
            outcome, elsewhere[m.start] = "other_referent", other
        elif outcome == "found" and _has_day(figure) and (
                word := _reported_on(m, source)) and not _REPORT_RE.search(
                    claim, max(0, figure.start - 60), figure.end + 60):
            outcome, elsewhere[m.start] = "unchecked", (word,)
        score = (len(wanted.words & seen.words) / len(wanted.words)) if wanted.words else 0.0
        rank = (_RANK[outcome], score, -m.start)
        if best is None or rank > best[0]:
            best = (rank, m, outcome, seen)
        if outcome in ("other_referent", "unchecked") and figure.value in m.values() and (
                exact_other is None or rank > exact_other[0]):
            exact_other = (rank, m, outcome, seen)
    if best is not None and placed is not None and best[2] in ("found", "consistent") and (
            best[1].value == figure.value) and not any(
            _name_spots(t, source) for st in stated if st.kind == "place" for t in st.term):
        # the page names the claim's place nowhere, and puts this value in another: a later
        # mention of it ("En el interior se hallaban las siete toneladas") is that place's too
        i, m, seen = placed
        best = ((_RANK["unchecked"], 0.0, -m.start), m, "unchecked", seen)
    if (best is not None and exact_other is not None and best[2] == "consistent"
            and figure.value not in best[1].values()):
        # "more than 1,100": the page's "понад 1100" counts proceedings; its 3,800 is
        # another figure, not evidence for this one; "just over 28 minutes": the page's 28
        # minutes are another satellite's, its 42 are no evidence either
        best = exact_other
    result = FigureResult(
        text=figure.text,
        value=number(figure.value),
        kind=figure.kind,
        qualifier=figure.qualifier,
        found=best is not None and best[2] in ("found", "consistent"),
        outcome=best[2] if best else "not_found",
        counts=wanted.describe() if figure.kind in COUNTED else None,
    )
    if best is None and (other := _other_date(figure, source)) is not None:
        result.evidence = quote(source.text, other.start, other.end)
        result.source_text = other.text
        result.message = f"“{figure.text}” is not on the page; it says “{other.text}”"
        return result
    if best is not None:
        _, m, outcome, seen = best
        result.evidence = quote(source.text, m.start, m.end)
        result.source_text = m.text
        result.score = round(best[0][1], 2)
        result.source_counts = seen.describe() if figure.kind in COUNTED else None
    result.message = _message(result)
    if best is not None and best[2] == "other_referent" and wanted.years and best[3].years and (
            not wanted.years & best[3].years):  # "über 722.000 Anträge" of 2016, not of 2015
        counting = f", counting {result.source_counts}" if result.source_counts else ""
        result.message = (f"“{figure.text}” is on the page as “{best[1].text}”{counting}, but "
                          f"for {' and '.join(map(str, sorted(best[3].years)))}: it is not the "
                          f"figure of {' and '.join(map(str, sorted(wanted.years)))}")
    if result.found and (span_of := _span_of(figure, claim, in_claim, source)) is not None:
        result.found, result.outcome = False, "unchecked"
        result.message = (f"“{figure.text}” is on the page as “{result.source_text}”, but the "
                          f"page does not show it is the span of “{span_of}”")
        return result
    if best is not None and best[1].start in elsewhere:
        name = elsewhere[best[1].start]
        if isinstance(name, _Month):
            month = lexicon.MONTHS[name.claim - 1].capitalize()
            result.message = (
                f"“{figure.text}” is on the page as “{best[1].text}”, but of "
                f"{lexicon.MONTHS[name.page - 1].capitalize()}, not of {month}" if name.page else
                f"“{figure.text}” is on the page as “{best[1].text}”, but with no month: the "
                f"page does not say it is {month}")
        elif isinstance(name, _Range):
            result.message = (f"“{figure.text}” is on the page as “{best[1].text}”, but as "
                              f"the {name.roles[0]} of “{name.page}”, not as the "
                              f"{name.roles[1]} of “{name.claim}”")
        elif isinstance(name, _Measure):
            result.message = (f"“{figure.text}” is on the page as “{best[1].text}”, but as the "
                              f"date of “{name.page}”, not of “{name.claim}”")
        elif isinstance(name, _Stage):
            said = lexicon.stages()[0]
            result.message = (f"“{figure.text}” is on the page as “{best[1].text}”, but as the "
                              f"day something {said[name.page]} (“{name.page_word}”), not the "
                              f"day it {said[name.claim]} (“{name.claim_word}”)")
        elif isinstance(name, tuple) and isinstance(name[0], Stated):
            result.message = _unconfirmed_message(result, *name)
        elif isinstance(name, tuple):  # the page's word of report
            result.message = (f"“{figure.text}” is on the page as “{best[1].text}”, the day "
                              f"something was reported (“{name[0]}”), not shown to be the "
                              f"day of what the claim says")
        else:
            result.message = (f"“{figure.text}” is on the page as “{best[1].text}”, but not "
                              f"for {name}: the page names {name} with another figure")
    return result


@dataclass(frozen=True)
class _Month:
    """The month the claim gives its year ("March 2011") and the page's (0: none)."""

    claim: int
    page: int


@dataclass(frozen=True)
class _Stage:
    """What the page says happens on a date ("begins") where the claim says another thing
    happens on it ("ends"): each with the word that says so."""

    page: str
    page_word: str
    claim: str
    claim_word: str


def _other_stage(claim: Referent, page: Referent) -> _Stage | None:
    """The page's date as the day of another happening than the claim's: "1 сәуірде
    басталып" (begins) for "ends on 1 April", "examiné par le Sénat à partir du 30 mars" for
    "adopted on 30 March"; None when either says none, or when one of the page's may be one
    of the claim's (what takes place begins and ends on its days)."""
    mine, theirs = {t for t, _ in claim.stage}, {t for t, _ in page.stage}
    also = lexicon.stages()[1]
    if not mine or not theirs or any(t in mine or mine & also.get(t, frozenset()) for t in theirs):
        return None
    return _Stage(page.stage[0][0], page.stage[0][1], claim.stage[0][0], claim.stage[0][1])


@dataclass(frozen=True)
class _Measure:
    """A date whose sentence on the page measures the claim's thing otherwise ("42,6 °C,
    gemessen am 25. Juli 2019" for "40.5 degrees … on 25 July 2019"): as each writes it."""

    page: str
    claim: str


def _dated_measures(claim: str, in_claim: Sequence[Mention], figure: Mention
                    ) -> tuple[tuple[Mention, frozenset[str], str], ...]:
    """The measures (degrees, tonnes, kilometres) the claim's sentence gives with its date,
    with what each measures."""
    a, b = _sentence_bounds(claim, figure)
    out = []
    for k, o in enumerate(in_claim):
        seen = _claim_referent(claim, k)
        if o.kind == "count" and a <= o.start < b and seen.head and _kinds(seen.head) == {"unit"}:
            out.append((o, seen.head, f"{o.text} {seen.head_word}" if seen.head_word else o.text))
    return tuple(out)


def _other_measure(measures: Sequence[tuple[Mention, frozenset[str], str]], i: int,
                   source: SourceIndex) -> _Measure | None:
    """Where the page's sentence of date i measures the claim's thing, but never by the
    claim's value, that measure: the date is another measurement's ("Den Weltrekord …: Am
    10. Juli 1913 sollen dort 56,7 Grad gemessen worden sein" is no date of 48.5 degrees)."""
    a, b = _sentence_of(source.text, source.mentions[i])
    lo, hi = (bisect.bisect_left(source._starts, x) for x in (a, b))
    for figure, head, said in measures:
        theirs = [k for k in range(lo, hi) if source.mentions[k].kind == "count"
                  and source.referent(k).head & head]
        if theirs and not any(_compare(figure, source.mentions[k]) in ("found", "consistent")
                              for k in theirs):
            o, seen = source.mentions[theirs[0]], source.referent(theirs[0])
            return _Measure(f"{o.text} {seen.head_word}" if seen.head_word else o.text, said)
    return None


@dataclass(frozen=True)
class _Range:
    """A hit that is an end of another range than the claim's ("с 15 апреля по 5 мая" for
    "from 15 April to 15 May"): as written in the page and in the claim, and which end."""

    page: str
    claim: str
    roles: tuple[str, str]  # "start" or "end": the page's number's, the claim's figure's


def _range_ends(text: str, mentions: Sequence[Mention], k: int
                ) -> tuple[int, Mention, Mention] | None:
    """Mention k as an end of a range ("15 April to 5 May", "20-21 мамырда", "560–580"):
    0 for its start, 1 for its end, with the range's two ends; None when it is no end of
    one. Years are not: "from 2018 to 2022" is the period a count is of."""
    m = mentions[k]
    if m.kind in ("year", "ordinal", "rank"):
        return None
    if k + 1 < len(mentions) and mentions[k + 1].kind not in ("year",) and _joined(
            text, m, mentions[k + 1]):
        return 0, m, mentions[k + 1]
    if k > 0 and mentions[k - 1].kind not in ("year",) and _joined(text, mentions[k - 1], m):
        return 1, mentions[k - 1], m
    return None


def _other_range(figure: Mention, in_claim: Sequence[Mention], claim: str, i: int,
                 source: SourceIndex) -> _Range | None:
    """Where the claim's figure is an end of a range and the page's number at i an end of
    one too, the page's range when it is another: the same end must stand for the same
    end, its other end for the claim's other end ("21-22 May" is not met by the "21" of
    "20-21 мамырда", nor "15 April to 15 May" by "с 15 апреля по 5 мая")."""
    at = next((k for k, o in enumerate(in_claim) if o.start == figure.start), None)
    mine = _range_ends(claim, in_claim, at) if at is not None else None
    theirs = _range_ends(source.text, source.mentions, i) if mine is not None else None
    if mine is None or theirs is None:
        return None
    role, a, b = mine
    other = (b, a)[role]
    page_other = (theirs[2], theirs[1])[theirs[0]]
    if role == theirs[0] and _compare(other, page_other) == "found":
        return None
    return _Range(source.text[theirs[1].start:theirs[2].end], claim[a.start:b.end],
                  (("start", "end")[theirs[0]], ("start", "end")[role]))


# "Over nine years, archaeologists found 45 thousand artefacts": a span of time that opens
# its sentence says how long the sentence's other figures took
_DURATION_RE = re.compile(r"(?:^|[.!?;:]\s+)(?:over|in|within|during)\s+$", re.I)
_DURATION_AFTER_RE = re.compile(r"\s+(?:years?|months?|weeks?|days?|decades?)\s*,", re.I)


def _span_of(figure: Mention, claim: str, in_claim: Sequence[Mention], source: SourceIndex
             ) -> str | None:
    """For a span of time that opens the claim's sentence ("Over nine years, …"), the first
    of the sentence's other counts that the page does not give (found or consistent): the
    nine years are those of 45 thousand artefacts, not of 45 thousand coins. None when each
    is given, or the figure is no such span."""
    if not (_DURATION_RE.search(claim, 0, figure.start) and _DURATION_AFTER_RE.match(
            claim, figure.end)):
        return None
    a, b = _sentence_bounds(claim, figure)
    # each other count as the claim says it without the span ("… found 45 thousand coins"):
    # its years are not what the coins are (the page's "45 тысяч артефактов" borrows "лет")
    rest = claim[:a] + " " * (claim.index(",", figure.end) + 1 - a) + claim[claim.index(
        ",", figure.end) + 1:]
    for o in in_claim:
        if o is not figure and a <= o.start < b and o.kind in ("count", "percent"):
            if not match_figure(o, rest, source).found:
                end = _CLAUSE_END_RE.search(claim, o.end)
                return claim[o.start:end.start() if end else b].strip()
    return None


_PLACE_REACH = 600  # characters on each side of a figure's sentence where its place is sought
_ANCHORS = (("count", "percent"), ("date",))  # a count's place is a count's; a date's, a date's


@lru_cache(maxsize=1024)
def _claim_names(claim: str) -> tuple:
    """The names a claim states (who, where) that its figures belong to: "… detained in
    Moscow", "Puebla accounted for 204", "Essam Koshak was sentenced on 28 February 2018";
    not a name that only says what the page is about ("the Aude wildfire")."""
    from .terms import claim_terms

    english = lexicon.language("en")
    out = []
    for term in claim_terms(claim):
        if term.kind != "name":
            continue
        at = claim.find(term.text)
        nxt = english.words(claim[at + len(term.text) : at + len(term.text) + 30])[:1] if at >= 0 else []
        if nxt and claim[at + len(term.text) : nxt[0][0] + at + len(term.text)].strip() == "" and (
                _kinds(english.concepts(nxt[0][2])) & {"event"}):
            continue  # "the Aude wildfire", "the Navalny rally": what the page is about
        out.append(term)
    return tuple(out)


_FULL_STOP_RE = re.compile(r"[.!?](?=\s|$)|\n")
_SENTENCE_RE = re.compile(r"[.!?;\u061b](?=\s|$)|\n")
_SENTENCE_END_RE = re.compile(r"(?<!\d)[.!?\u061b](?=\s)|\n")  # not "Am 20. Juli"


def _place_elsewhere(places: tuple, i: int, source: SourceIndex) -> str | None:
    """A place of the claim that the page gives to another of its figures, not to hit i (a
    place the page does not name tells nothing: pages name their place in a title, or in
    words this check cannot meet).

    Within a sentence, a place belongs to the counts of its own part (up to a comma or the
    language's clause break: "74 en Morelos, 45 en Puebla"), or, when it stands before the
    sentence's first count, to every count of the sentence ("В Москве, где …, задержан 31
    человек"). Sentences within _PLACE_REACH characters of the hit's are read. When the
    claim says its place is a city or a region ("the city of Almaty"), the page's name
    beside a word of the other kind ("Almaty oblysynda", Almaty region) is another place."""
    text, m = source.text, source.mentions[i]
    lo = max(0, m.start - _PLACE_REACH)
    hi = min(len(text), m.end + _PLACE_REACH)
    for term, kind in places:  # each with the kind of place the claim says it is, if any
        bound = _place_counts(term, lo, hi, source, i, kind)
        if bound and i not in bound:
            return term.text
    return None


# a claim's words that make its date the day something was said or counted
_REPORT_RE = re.compile(r"(?<!\w)(?:said|says|reported|reports|announced|told|stated|gave|"
                        r"according to|toll|count|counted|figures?|statement)(?!\w)", re.I)


def _reported_on(m: Mention, source: SourceIndex) -> str | None:
    """The page's word of report a date stands with ("Об этом 26 мая сообщает
    Интерфакс", "selon un bilan définitif donné ce dimanche 29 novembre"): within a few words
    of it, in its part of the sentence, the date is the report's, not the event's."""
    lang, text = source.lang, source.text
    if lang.attribution_in_re is None:
        return None
    lo, hi = max(0, m.start - 50), min(len(text), m.end + 30)
    cuts = [x for x in lang.near_cut_re.finditer(text, lo, hi)]
    lo = max([x.end() for x in cuts if x.end() <= m.start] + [lo])
    hi = min([x.start() for x in cuts if x.start() >= m.end] + [hi])
    word = lang.attribution_in_re.search(text, lo, hi)
    return word.group(0) if word else None


_ARABIC_TO_LATIN = str.maketrans({
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h",
    "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d",
    "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m",
    "ن": "n", "ه": "h", "و": "u", "ي": "i", "ى": "a", "ة": "a", "ء": "",
})


def _alike(a: str, b: str, shortest: int = 4) -> bool:
    """May two spellings be one place's, across scripts, case endings and exonyms (Пензе
    ~ Penza, Rheinland ~ Rhineland, Подмосковье ~ Moscow)? Loosely: a wrong "no" costs a
    true find, a wrong "yes" only leaves the figure as it was."""
    xs, ys = ([_fold_name(w) for w in re.findall(r"[^\W\d_]{%d,}" % shortest,
                                                  n.lower().translate(_ARABIC_TO_LATIN))]
              for n in (a, b))
    if not xs or not ys:
        return True
    return any(x[:4] in y or y[:4] in x or difflib.SequenceMatcher(None, x, y).ratio() >= 0.6
               for x in xs for y in ys)


def _sentence_bounds(text: str, m: Mention) -> tuple[int, int]:
    """Where the sentence of mention m starts and ends (within _PLACE_REACH of it)."""
    lo = max(0, m.start - _PLACE_REACH)
    a = max((x.end() for x in _SENTENCE_RE.finditer(text, lo, m.start)), default=lo)
    end = _SENTENCE_RE.search(text, m.end, m.end + _PLACE_REACH)
    return a, end.start() if end else min(len(text), m.end + _PLACE_REACH)


def _page_place(i: int, source: SourceIndex) -> tuple[str, int] | None:
    """The name a page gives hit i after a locative word, and where the text that stands
    in it starts: in the hit's part of its sentence ("en el sur de California", "in
    Baden-Württemberg"), or, when its sentence names no place, in the nearest sentence
    before it that does ("У Черкаській області …"); None when there is none."""
    if i not in source._own_places:
        source._own_places[i] = _own_place(i, source)
    return source._own_places[i]


def _own_place(i: int, source: SourceIndex) -> tuple[str, int] | None:
    text, lang, mentions = source.text, source.lang, source.mentions
    m = mentions[i]
    lo = max(0, m.start - _PLACE_REACH)
    starts = [lo] + [x.end() for x in _SENTENCE_RE.finditer(text, lo, m.start)]
    a, b = starts[-1], _sentence_bounds(text, m)[1]
    c, d = _part(i, source)
    if (name := _locative_name(text, c, d, lang)) is not None:
        return name, a  # the claim's place named anywhere in the sentence still stands
    if _names_a_place(text[a:b], lang) or lang.capital_nouns or text[a:b] == text[a:b].lower():
        return None  # a name of its own, not after a locative, or a script without capitals
        # (whether the sentence names a place of its own cannot be told): what place, is not told
    for s, e in zip(reversed(starts[:-1]), reversed(starts[1:])):
        if (name := _locative_name(text, s, e, lang)) is not None:
            return name, s
        if _names_a_place(text[s:e], lang):
            return None
    return None


def _locative_name(text: str, c: int, d: int, lang: Language) -> str | None:
    """The first capitalised name after a locative word in text[c:d] ("en el sur de
    California"; German, which capitalises its nouns: right after it, "in Bayern")."""
    return next(_locative_names(text, c, d, lang), None)


def _locative_names(text: str, c: int, d: int, lang: Language):
    """Each capitalised name after a locative word in text[c:d], in order."""
    words = lang.words(text[c:d])
    reach = 2 if lang.capital_nouns else 4  # "im kalifornischen Death Valley", "in der Oberpfalz"
    for n, (_, _, w) in enumerate(words):
        if lang.place_nouns and (w in lang.place_nouns and w[0] in "ب" or w in lang.locatives
                                 and n + 1 < len(words) and words[n + 1][2] in lang.place_nouns):
            k = n + 1 if w in lang.place_nouns else n + 2  # "بمدينة غزة", "في مدينة غزة"
            if k < len(words):
                yield text[c + words[k][0] : c + words[k][1]]
            continue
        if w not in lang.locatives:
            continue
        for s, e, w2 in words[n + 1 : n + 1 + reach]:
            if w2 in lexicon.months_of(lang.code):
                break  # "In October 2013": when, not where
            if text[c + s].isupper():
                if lang.concepts(w2) or lang.is_stopword(w2) or s == 0 or text[c + s : c + e].isupper():
                    break  # a known word, or an acronym: "на пресс-службу ГУВД" is no place
                yield text[c + s : c + e]
                break


def _claim_place_kind(claim: str, term) -> str | None:
    """The kind of place the claim says its name is: the word after it ("Almaty region"),
    or the one before its "of" ("the city of Almaty")."""
    english, at = lexicon.language("en"), claim.find(term.text)
    if at < 0:
        return None
    after = english.words(claim[at + len(term.text):at + len(term.text) + 20])[:1]
    before = english.words(claim[max(0, at - 20):at])[-2:]
    of = before[:1] if len(before) == 2 and before[1][2] == "of" else []
    return _place_kind([w for *_, w in after + of], english)


def _place_kind(words: list[str], lang: Language) -> str | None:
    """The one kind of place (_PLACE_KINDS) the words name ("city", "oblysynda"), if any."""
    kinds = {c for w in words for c in lang.concepts(w)} & _PLACE_KINDS
    return next(iter(kinds)) if len(kinds) == 1 else None


_PLACE_KINDS = frozenset({"city", "region"})  # a city and the region named after it differ


def _place_counts(term, lo: int, hi: int, source: SourceIndex, i: int,
                  kind: str | None = None) -> set[int]:
    """The counts (mention indexes) the page gives the place `term` to, between lo and hi;
    of a `kind` of place, not where the page names it beside a word of another kind.

    A sentence that names no place of its own (no capitalised name after its first word)
    stays in the place of the sentences before it ("У Запоріжжі … 8 людей. … евакуювали 18
    людей"; "В Свободном … В городе подтоплено около 600 домов")."""
    text, lang = source.text, source.lang
    group = next(g for g in _ANCHORS if source.mentions[i].kind in g)
    ids, starts_of = source._anchors[group], source._anchor_starts[group]
    spots, other = (_name_spots(term, source), []) if kind is None else _kind_spots(
        term, kind, source)  # "Алматы қаласында" is the city, not Almaty region
    if not spots:
        return set()  # not on the page: what its place is, is not told
    bound: set[int] = set()
    starts = [lo] + [x.end() for x in _SENTENCE_RE.finditer(text, lo, hi)
                     if not _in_number(x.start(), source)]  # not "am 27. Juli 1983"
    here = False  # the sentences read so far stand in the place
    for a, b in zip(starts, starts[1:] + [hi]):
        first = bisect.bisect_left(starts_of, a)
        counts = ids[first : bisect.bisect_left(starts_of, b)]
        key = (term.text, a, b, group, kind)
        if key not in source._places:
            source._places[key] = _place_parts(spots, a, b, counts, source)
        named, taken = source._places[key]
        bound |= taken
        if named:
            here = True
        elif _names_a_place(text[a:b], lang) or _spot(other, a, b) is not None or (
                not term.organisation and _locative_name(text, a, b, lang) is not None):
            here = False  # German names its own place after a locative: "in Karlsruhe" (an
            # organisation, the Red Cross, acts in many places)
        elif here:
            bound.update(counts)
    return bound


def _in_number(at: int, source: SourceIndex) -> bool:
    """Does offset `at` fall inside one of the page's numbers (the stop of "27. Juli")? The
    stop a number ends with may end its sentence ("на 2,4 тыс. В Калининградской области"),
    except where every noun has a capital ("180 Mio. Euro")."""
    k = bisect.bisect_right(source._starts, at) - 1
    end = source.mentions[k].end if k >= 0 else 0
    return at < end - 1 or (at == end - 1 and source.lang.capital_nouns)


def _place_parts(spots: list[int], a: int, b: int, counts: list[int], source: SourceIndex
                 ) -> tuple[bool, set[int]]:
    """Does sentence text[a:b] name the place, and which of its counts does it give it to?"""
    text, lang, mentions = source.text, source.lang, source.mentions
    if _spot(spots, a, b) is None:
        return False, set()
    cuts = [a] + [x.end() for x in lang.near_cut_re.finditer(text, a, b)
                  if not any(mentions[k].start <= x.start() < mentions[k].end for k in counts)]
    taken: set[int] = set()
    for c, d in zip(cuts, cuts[1:] + [b]):
        at = _spot(spots, c, d)
        if at is None or not counts:
            continue
        own = [k for k in counts if c <= mentions[k].start < d]
        if at < mentions[counts[0]].start or (lang.attribution_re is not None and
                                              lang.attribution_re.search(text, max(a, at - 40), at)):
            taken.update(counts)  # "В Москве …, задержан 31 человек": the whole sentence; so
            # is a source: "1 723 interpellations, 1 220 gardes à vue … selon le ministère"
        elif own:
            taken.update(own)  # "74 en Morelos, 45 en Puebla"
        else:  # "90 Menschen, die einen Campingplatz bei Grainau verlassen mussten"
            taken.add(max(k for k in counts if mentions[k].start < c))
    return True, taken


def _kind_spots(term, kind: str, source: SourceIndex) -> tuple[list[int], list[int]]:
    """Where the page names `term` as a place of that kind, and where as one of another
    kind (a word of that kind beside it: "Алматы қаласында", the city, for Almaty region);
    once a page."""
    key = (term.text, kind)
    if key not in source._kind_spots:
        spots = _name_spots(term, source)
        other = [s for s in spots if _place_kind(_beside_spot(source.text, s, source.lang),
                                                 source.lang) not in (kind, None)]
        elsewhere = set(other)
        source._kind_spots[key] = ([s for s in spots if s not in elsewhere], other)
    return source._kind_spots[key]


def _beside_spot(text: str, s: int, lang: Language) -> list[str]:
    """The words right before and right after the name's word that starts at s."""
    before = lang.words(text[max(0, s - 30):s])[-1:]
    word = re.match(r"\w+", text[s:])
    after = lang.words(text[s + (word.end() if word else 0):s + 60])[:1]
    return [w for *_, w in before + after]


def _spot(spots: list[int], c: int, d: int) -> int | None:
    """The first place in text[c:d] where the name stands, or None."""
    k = bisect.bisect_left(spots, c)
    return spots[k] if k < len(spots) and spots[k] < d else None


_NAME_RE = re.compile(r"(?<=[^\W\d_] )[^\W\d_a-zа-яёәғқңөұүһі]\w*[a-zа-яёәғқңөұүһіß]", re.U)


def _names_a_place(sentence: str, lang: Language) -> bool:
    """Does a sentence name something of its own: a capitalised word after its first one
    (a language that capitalises every noun tells nothing this way)?"""
    return not lang.capital_nouns and _NAME_RE.search(sentence.strip()) is not None


def _name_spots(term, source: SourceIndex) -> list[int]:
    """Where the page names `term`, once a page: capitalised words with the same first
    letters in a rough common spelling (Шахового for Shakhove), and every occurrence of the
    form the key-term matcher finds it as (Deutschland for Germany)."""
    if term.text in source._spots:
        return source._spots[term.text]
    text, lang = source.text, source.lang
    if source._capitals is None:  # the page's capitalised words, once for all names sought
        source._capitals = [(s, w) for s, _, w in lang.words(text) if text[s].isupper()]
    folded = _place_key(term.text)
    spots = {s for s, w in source._capitals
             if folded and _place_key(w)[: len(folded)] == folded}
    if spots:  # met by its spelling: the key-term matcher's reading of the page is not needed
        source._spots[term.text] = sorted(spots)
        return source._spots[term.text]
    found = source.matched(term)  # the page read once for all the names sought on it
    if found.outcome == "found" and found.as_ and (" " in found.as_.strip()
                                                    or not found.as_[0].islower()):
        # not "українців" (Ukrainians) for Ukraine; "ministère de l'intérieur" is a name
        spots |= {m.start() for m in re.finditer(r"(?<!\w)" + re.escape(found.as_).replace(
            r"\ ", r"\s+") + r"(?!\w)", text, re.I)}
    if not spots and (parts := _name_parts(term.text)):
        # an exonym spelt nearly alike: Rheinland-Pfalz for Rhineland-Palatinate
        spots = {s for s, w in source._capitals
                 if any(_exonym_alike(a, b) for a in _name_parts(w) for b in parts)}
    source._spots[term.text] = sorted(spots)
    return source._spots[term.text]


@lru_cache(maxsize=65536)
def _exonym_alike(a: str, b: str) -> bool:
    """Are two folded words spelt nearly alike (Rheinland ~ Rhineland)? The quick ratios
    bound the full one from above, so they only save work."""
    matcher = difflib.SequenceMatcher(None, a, b)
    return (matcher.real_quick_ratio() >= 0.8 and matcher.quick_ratio() >= 0.8
            and matcher.ratio() >= 0.8)


@lru_cache(maxsize=65536)
def _name_parts(name: str) -> tuple[str, ...]:
    """The words of a name, of five letters or more, in a rough common Latin spelling."""
    return tuple(_fold_name(w) for w in re.findall(r"[^\W\d_]{5,}", name.lower()))


@lru_cache(maxsize=65536)
def _place_key(name: str) -> str:
    """The first letters of a name's longest word in a rough common Latin spelling, to
    meet it across scripts and case endings: Shakhove ~ Шахового, Kurakhove ~ Кураховому."""
    words = sorted(re.findall(r"[^\W\d_]{5,}", name.lower()), key=len, reverse=True)
    return _fold_name(words[0])[:5] if words else ""


def _fold_name(word: str) -> str:
    """English and Cyrillic spellings of a name made alike: Zhytomyr ~ Житомир (jitomir),
    Kharkiv ~ Харків (harkiv)."""
    s = _latin(word)
    for a, b in (("zh", "j"), ("kh", "h"), ("sh", "s"), ("ts", "s"), ("iu", "u"), ("yu", "u"),
                 ("ia", "a"), ("ya", "a"), ("ii", "i")):
        s = s.replace(a, b)
    return s


_RANK = {"found": 4, "consistent": 3, "unchecked": 2, "other_referent": 1}


def _message(r: FigureResult) -> str:
    """What was seen, in one line: "“234” is on the page, but counts criminal cases"."""
    said = f"“{r.text}”"
    if r.outcome == "found":
        return f"{said} is on the page as “{r.source_text}”" + (
            f", counting {r.source_counts}" if r.source_counts else "")
    if r.outcome == "consistent":
        return f"{said} is consistent with “{r.source_text}” on the page"
    if r.outcome == "other_referent":
        where = f" as “{r.source_text}”" if r.source_text else ""
        counts = f"counts {r.source_counts}" if r.source_counts else "counts something else"
        wanted = f", not {r.counts}" if r.counts else ""
        return f"{said} is on the page{where}, but {counts}{wanted}"
    if (r.outcome == "unchecked" and r.source_text and r.source_counts and r.counts
            and not r.source_counts.startswith("“")):
        # "5 чоловік особового складу" for "five firefighters": seen, not confirmed
        return (f"{said} is on the page as “{r.source_text}”, counting {r.source_counts}, "
                f"but not shown to count {r.counts}")
    if r.outcome == "unchecked" and r.source_text and r.kind == "year":
        return (f"{said} is on the page as “{r.source_text}”, but it could not be told that "
                f"it is a year there")
    if r.outcome == "unchecked" and r.source_text:
        return (f"{said} is on the page as “{r.source_text}”, but what it counts there "
                f"could not be told")
    if r.outcome == "unchecked":
        return f"{said} was not checked"
    return f"{said} is not on the page"


def _consistent_enough(figure: Mention, m: Mention, source: SourceIndex, wanted: Referent,
                       seen: Referent) -> bool:
    """Any big number satisfies "more than 200": across languages, demand also a figure
    close to the claimed one (342 for "more than 300", not 3,000) that is the only one of
    its sentence to satisfy the claim, unless the counted thing is named on both sides."""
    if not _within_magnitude(figure, m.value):
        return False  # "over nine years" is not borne out by "45 тысяч", whatever it counts
    if wanted.specific() & seen.context or (_specific(wanted.context) & _specific(seen.context)):
        return True
    return _close(figure, m.value) and _alone_in_sentence(figure, m, source)


def _compare(figure: Mention, m: Mention) -> str | None:
    """'found', 'consistent' or None for one source mention."""
    if figure.kind == "date" and _has_day(figure):
        return "found" if m.kind == "date" and _same_day(figure, m) else None
    if figure.kind in ("year", "date"):
        if m.kind in ("year", "date") and figure.kind == m.kind and m.value == figure.value:
            return "found"
        if figure.kind == "year" and m.kind == "date" and _year(m) == figure.value:
            return "found"  # 2022 inside 05.05.2022
        if figure.kind == "year" and _year_unread(m, figure.value):
            return "unchecked"  # "nel 1990", "2001 yılında": the value is there, not read as a year
        return None
    if m.kind != figure.kind and {m.kind, figure.kind} != {"ordinal", "rank"}:
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


def _year_unread(m: Mention, year: Decimal) -> bool:
    """A page's plain four digits of the claim's year that were not read as a year (no word
    of the page's language says so): seen, so never said to be absent, and not confirmed."""
    return m.kind == "count" and m.value == year and m.text.isdigit() and len(m.text) == 4


def _same_day(a: Mention, b: Mention) -> bool:
    """The same day of the same month, and of the same year when both state one."""
    if not (a.parts and b.parts):
        return False
    (ya, ma, da), (yb, mb, db) = a.parts, b.parts
    return ma == mb and da == db and (not ya or not yb or ya == yb)


def _other_date(figure: Mention, source: SourceIndex) -> Mention | None:
    """A date of the page that contradicts the claim's: the same month of the same year on
    another day (the claim says 30 October 2017, the page 23 October 2017)."""
    if not _has_day(figure):
        return None
    year, month, day = figure.parts  # type: ignore[misc]
    for m in source.mentions:
        if m.kind == "date" and m.parts and m.parts[1] == month and m.parts[2] != day and (
                not year or not m.parts[0] or m.parts[0] == year):
            return m
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


def _close(figure: Mention, stated: Decimal) -> bool:
    claimed = figure.value
    if figure.qualifier in ("more_than", "at_least"):
        return stated <= claimed * Decimal("1.5")
    if figure.qualifier in ("less_than", "at_most"):
        return stated >= claimed * Decimal("0.67")
    return True  # about, nearly: _satisfies already keeps it within 10 %


def _within_magnitude(figure: Mention, stated: Decimal) -> bool:
    """A page's figure ten times the claim's bound is another figure, not its evidence."""
    claimed = figure.value
    if figure.qualifier in ("more_than", "at_least"):
        return stated <= claimed * 10
    if figure.qualifier in ("less_than", "at_most"):
        return stated * 10 >= claimed
    return True


def _alone_in_sentence(figure: Mention, m: Mention, source: SourceIndex) -> bool:
    text = source.text
    start = max(text.rfind(".", 0, m.start), text.rfind("\n", 0, m.start)) + 1
    ends = [i for i in (text.find(". ", m.end), text.find("\n", m.end)) if i != -1]
    end = min(ends) if ends else len(text)
    return not any(
        other is not m and start <= other.start < end and other.kind == m.kind
        and other.qualifier is None and _satisfies(figure.qualifier or "", figure.value, other.value)
        for other in source.mentions)


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
