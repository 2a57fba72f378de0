"""What a language knows about counted things, read from its data file: the one interface.

Each language has a file ``data/<code>.json``: the word beginnings that name each counted
thing (``counted``: concept id -> space-separated prefixes, ``=word`` for a whole word),
multi-word names (``phrases``), the words that open a sub-count ("of whom", "из них"),
suffixes that make a number an ordinal ("-й", "-інші") or only inflect it (Kazakh
"11-і"), stop words, clitics to strip (Arabic "وال"), and an optional lemmatiser; also
``frames`` (openers of "de los detenidos, …"), ``partitive_suffixes`` (Kazakh "44-і", a part
of the whole before it), ``compound_head: "last"`` (English "police vehicles" counts
vehicles), ``compounds`` (German: a word's last part names it) and ``number_proclitics``
(Arabic "و15"). A concept's ``kind_of`` lists the generic things it is a kind of (criminal
cases are cases): a claim's generic word is satisfied by the page's precise one.
``data/concepts.json`` says what each concept id is (its kind, whether it is generic,
its English name for messages). The matcher asks :func:`language` for a
:class:`Language` and never looks at the code itself; a language without a file knows
no counted things, so what its numbers count cannot be told.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TypeVar

T = TypeVar("T")
_WORD_RE = re.compile(r"[^\W\d_][^\W\d_'’\-]*(?:[-'’][^\W\d_]+)*", re.U)


@dataclass(frozen=True)
class Concept:
    id: str
    kind: str  # person, event, document, thing, place, money, unit, time
    generic: bool  # "people", "cases": meaning comes from the rest of the clause
    name: str  # in English, for messages
    transparent: bool = False  # "8 cases of death" counts deaths: look through it
    also: frozenset[str] = frozenset()  # what else it may stand for ("victims": deaths)
    fate: bool = False  # what befell people (killed, injured, detained): two fates differ
    kind_of: frozenset[str] = frozenset()  # generic things it is a kind of (criminal cases: cases)
    befell: str | None = None  # a fate, as a message says it befell a count ("injured")
    # what a state tells: states of one scale exclude each other ("works": planned, begun,
    # built, repaired); a state of another scale says nothing of them (serious, destroyed)
    # groups of people of one scale exclude each other too ("sex": men, women)
    scale: str = ""
    # a state that only tells counts apart (voting for, against; cut, created): never the
    # noun a number counts, nor a sign that two numbers count the same thing
    tells_apart: bool = False


def _data(name: str) -> dict | None:
    try:
        text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    return json.loads(text)


@lru_cache(maxsize=1)
def concepts() -> dict[str, Concept]:
    raw = _data("concepts.json") or {}
    return {k: Concept(k, v["kind"], bool(v.get("generic")), v["en"],
                       bool(v.get("transparent")), frozenset(v.get("also", ())),
                       bool(v.get("fate")), frozenset(v.get("kind_of", ())), v.get("befell"),
                       v.get("scale", ""), bool(v.get("tells_apart")))
            for k, v in raw.items() if not k.startswith("_")}


# Symbols written with the number, whatever the language.
SYMBOLS = {"$": ("usd",), "US$": ("usd",), "€": ("eur",), "£": ("gbp",), "₸": ("kzt",),
           "₽": ("rub",), "₴": ("uah",), "¥": ("money",), "°": ("degree",)}


# What a number counts is read from its clause and the words around it, each asked for by
# several checks of each figure (some fifty times a page, on the same few texts): split
# once. The texts of one page are asked for together: a small cache holds them.
@lru_cache(maxsize=256)
def _words(text: str) -> tuple[tuple[int, int, str], ...]:
    return tuple((m.start(), m.end(), m.group(0).lower()) for m in _WORD_RE.finditer(text))


@dataclass
class Language:
    code: str
    known: bool  # False: no data file, nothing is known of its words
    prefixes: dict[str, frozenset[str]] = field(default_factory=dict)
    whole: dict[str, frozenset[str]] = field(default_factory=dict)
    phrases: dict[str, str] = field(default_factory=dict)
    phrase_pairs: tuple[tuple[str, str, str], ...] = ()
    subcount: tuple[str, ...] = ()
    ordinal_suffixes: frozenset[str] = frozenset()
    case_suffixes: frozenset[str] = frozenset()
    stopwords: frozenset[str] = frozenset()
    partitive: frozenset[str] = frozenset()  # "eight of the dead": words that look past
    clitics: tuple[str, ...] = ()
    lemmatizer: str | None = None
    # cardinal words of the data file ("zwölf"), after an optional prefix glued to them
    # (Arabic "وتسعة", "and nine"), matched in the text with its letter_folds applied (Arabic
    # hamza and alif maqsura spellings: "اثنا", "إثنا")
    number_re: re.Pattern[str] | None = None
    letter_folds: dict[int, str] = field(default_factory=dict)
    number_words: dict[str, int] = field(default_factory=dict)
    about_words: dict[str, int] = field(default_factory=dict)  # "une vingtaine": about 20
    about_re: re.Pattern[str] | None = None
    longest: int = 0
    subcount_re: re.Pattern[str] | None = None
    # "Seven people, two of them children, were killed": a sub-count named after its number
    subcount_after_re: re.Pattern[str] | None = None
    subcount_in_re: re.Pattern[str] | None = None  # a sub-count's word anywhere ("among them")
    # "Of the detainees, 404 are minors, 597 women": words that open a frame naming what
    # the counts after it are part of ("de los", "sur les", "among the")
    frame_re: re.Pattern[str] | None = None
    head_last: bool = False  # "police vehicles": the last of a run of nouns is the head
    compounds: bool = False  # "Einsatzkräfte": a word's last part may be what it names
    part_suffixes: frozenset[str] = frozenset()  # Kazakh "44-і": a part of the whole before
    # numbers above 100 in words, valued by text2num ("zweihundertdreiundvierzig", "deux
    # cent trente-quatre"): the words of its number words, and the words that join them
    number_parser: str | None = None
    particle_verbs: tuple[tuple[str, str, str], ...] = ()  # ("nahm", "fest", "detainee")
    number_scales: frozenset[str] = frozenset()
    number_joiners: frozenset[str] = frozenset()
    # what ends the words that belong to the number after them: punctuation and the
    # file's clause_breaks ("three officers injured while 40 people were arrested")
    near_cut_re: re.Pattern[str] = re.compile(r"[,;:\u060c\u061b]")
    capital_nouns: bool = False  # German: a capital letter does not mark a name
    locatives: frozenset[str] = frozenset()  # "in", "en", "в": words before a place's name
    route_words: frozenset[str] = frozenset()  # "from", "to": before a route's end (a claim's)
    # "diesel has risen 25.7%": verbs whose subject is what a measure after them measures
    # (English, the claims' language), and the words that may stand between
    measure_verbs: frozenset[str] = frozenset()
    measure_verb_aux: frozenset[str] = frozenset()
    # "the port of Cebu City", "the region of Kostanay": nouns that make the name after
    # them and "of" a place (a claim's, in English)
    place_nouns_of: frozenset[str] = frozenset()
    place_nouns: frozenset[str] = frozenset()  # "في مدينة غزة": a name follows them
    # "ماراثون مراكش": a thing's name right after its noun, in a script without capitals;
    # the prefixes of a word that is no name ("الدولي")
    name_after_noun: tuple[str, ...] = ()
    # "selon le ministère de l'Intérieur": words that give a sentence's figures a source
    attribution_re: re.Pattern[str] | None = None
    attribution_in_re: re.Pattern[str] | None = None  # any of those words, anywhere
    # "Про це повідомив …", "Об этом сообщает …": a sentence opening that gives its source
    # to the sentence before it
    report_back_re: re.Pattern[str] | None = None
    # "по информации портала": an attribution's generic noun for a source named before it
    source_anaphora_re: re.Pattern[str] | None = None
    # "عام 2022", "im Jahr 2022": the words right before a number that make it a year
    year_before_re: re.Pattern[str] | None = None
    # "2001 yılında", "2024’te": the words, or the suffixes after an apostrophe, right after a
    # number that make it a year
    year_after_re: re.Pattern[str] | None = None
    # "this year" (0), "last year" (1): a count dated by the year it is said in
    relative_years: tuple[tuple[re.Pattern[str], int], ...] = ()
    # "the 36th edition", "the second Abu Dhabi Marathon": nouns an ordinal makes an
    # edition of (English, the claims' language), and the words for a first one
    editions: frozenset[str] = frozenset()
    first_edition_re: re.Pattern[str] | None = None
    # "rose to" (0), "an earlier toll" (1): the latest count, or one since revised
    revisions: tuple[tuple[re.Pattern[str], int], ...] = ()
    # "rose" (0), "fell" (1): the way a measure moved ("вырос", "төмендеуі", "Rückgang")
    trends: tuple[tuple[re.Pattern[str], int], ...] = ()
    # "expected to", "erwartet", "күтілуде": a forecast or a plan (0), not what was counted
    forecasts: tuple[tuple[re.Pattern[str], int], ...] = ()
    forecast_comparisons: frozenset[str] = frozenset()  # "than expected": not a forecast
    # "took in" (0), "spent" (1): which way a sum of money went ("eingenommen", "ausgegeben")
    flows: tuple[tuple[re.Pattern[str], int], ...] = ()
    # "a day" (0), "a week" (1), "a month" (2), "a year" (3): the time a rate is counted
    # over ("€7,5 млн на рік", "тәулігіне 80 мыңға дейін"); a monthly sum is not a yearly one
    periods: tuple[tuple[re.Pattern[str], int], ...] = ()
    # "began", "until", "announced", "adopted"…: what happens on a date ("1 сәуірде
    # басталып, 1 тамызға дейін"); the day of one is not the day of another (see stages())
    stages: tuple[tuple[re.Pattern[str], str], ...] = ()
    # "47-летний водитель", "a woman aged 83", "un homme de 47 ans": what makes a number
    # an age, as (the words ending just before it, the words starting just after it,
    # whether it is an age only when a person is named beside it)
    ages: tuple[tuple[re.Pattern[str] | None, re.Pattern[str] | None, bool], ...] = ()

    def words(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, lower-cased word) for every word of `text` (a list of the caller's
        own)."""
        return list(_words(text))

    def concepts(self, word: str) -> frozenset[str]:
        """The concepts a (lower-cased) word names in this language; empty when none."""
        return self._concepts(word)

    def phrase(self, first: str, second: str) -> str | None:
        """The concept two words name together ("criminal cases", "уголовных дел"): each
        word of a phrase is a word beginning."""
        for a, b, concept in self._pairs_by_letter().get(first[:1], ()):
            if first.startswith(a) and second.startswith(b):
                return concept
        return None

    @lru_cache(maxsize=1)  # noqa: B019 - one Language per code, kept for the process
    def _pairs_by_letter(self) -> dict[str, tuple[tuple[str, str, str], ...]]:
        out: dict[str, list[tuple[str, str, str]]] = {}
        for pair in self.phrase_pairs:
            out.setdefault(pair[0][:1], []).append(pair)
        return {k: tuple(v) for k, v in out.items()}

    def is_stopword(self, word: str) -> bool:
        return word in self.stopwords

    @lru_cache(maxsize=65536)  # noqa: B019 - one Language per code, kept for the process
    def _concepts(self, word: str) -> frozenset[str]:
        found: set[str] = set()
        if self.compounds and (tail := self._compound_tail(word)) and not any(
                word[:n] in self.prefixes for n in range(8, min(len(word), self.longest) + 1)):
            # "Polizeiwagen" names a car: a compound's head is its last part, unless the file
            # names the whole word ("todesfäll", "einsatzkräft")
            return tail
        for form in self._forms(word):
            found |= self.whole.get(form, frozenset())
            for n in range(min(len(form), self.longest), 1, -1):
                hit = self.prefixes.get(form[:n])
                if hit:
                    found |= hit
        return frozenset(found)

    def _compound_tail(self, word: str) -> frozenset[str]:
        """The concepts of the longest last part of a compound that the file names
        ("einsatz|kräften", "haft|befehle"), at least 4 letters after 3 or more."""
        for n in range(3, len(word) - 3):
            tail = word[n:]
            for k in range(min(len(tail), self.longest), 3, -1):
                hit = self.prefixes.get(tail[:k])
                if hit:
                    return hit
            if tail in self.whole:
                return self.whole[tail]
        return frozenset()

    def _forms(self, word: str) -> list[str]:
        forms = [word]
        for clitic in self.clitics:
            if word.startswith(clitic) and len(word) - len(clitic) >= 2:
                forms.append(word[len(clitic):])
        if self.lemmatizer:
            lemma = _lemma(self.lemmatizer, self.code, word)
            if lemma and lemma not in forms:
                forms.append(lemma)
        return forms

    def __hash__(self) -> int:
        return hash(self.code)


_LOCK = threading.Lock()


@lru_cache(maxsize=None)
def language(code: str | None) -> Language:
    """The language `code` ("ru", "en-GB"), from its data file; English when None."""
    code = (code or "en").lower()[:2]
    with _LOCK:
        raw = _data(f"{code}.json")
    if raw is None:
        return Language(code, False)
    prefixes: dict[str, set[str]] = {}
    whole: dict[str, set[str]] = {}
    for concept, entries in raw.get("counted", {}).items():
        for entry in entries.split():
            entry = entry.lower()
            if entry.startswith("="):
                whole.setdefault(entry[1:], set()).add(concept)
            else:
                prefixes.setdefault(entry, set()).add(concept)
    subcount = tuple(raw.get("subcount", ()))
    folds = str.maketrans(raw.get("letter_folds", {}))
    return Language(
        code=code,
        known=True,
        prefixes={k: frozenset(v) for k, v in prefixes.items()},
        whole={k: frozenset(v) for k, v in whole.items()},
        phrases={k.lower(): v for k, v in raw.get("phrases", {}).items()},
        phrase_pairs=tuple((*k.lower().split(" ", 1), v) for k, v in raw.get("phrases", {}).items()
                           if k.count(" ") == 1),
        subcount=subcount,
        ordinal_suffixes=frozenset(raw.get("ordinal_suffixes", ())),
        case_suffixes=frozenset(raw.get("case_suffixes", ())),
        stopwords=frozenset(raw.get("stopwords", "").split()),
        partitive=frozenset(raw.get("partitive", ())),
        clitics=tuple(raw.get("clitics", ())),
        lemmatizer=raw.get("lemmatizer"),
        letter_folds=folds,
        number_words={k.lower().translate(folds): int(v)
                      for k, v in raw.get("number_words", {}).items()},
        number_re=re.compile(r"(?<![\w-])" + (r"(?:" + alternation(sorted(
            raw["number_prefixes"], key=len, reverse=True)) + r")?" if raw.get(
            "number_prefixes") else "") + r"(?P<n>" + alternation(
            sorted({k.translate(folds) for k in raw["number_words"]}, key=len, reverse=True))
            + r")(?![\w-])", re.I) if raw.get("number_words") else None,
        about_words={" ".join(k.lower().split()): int(v) for k, v in raw.get("about_words", {}).items()},
        about_re=re.compile(r"(?<![\w-])(?:" + alternation(
            sorted(raw["about_words"], key=len, reverse=True)) + r")(?![\w-])",
            re.I) if raw.get("about_words") else None,
        longest=max(map(len, prefixes), default=0),
        subcount_re=re.compile(
            r"(?:^|[\s,(—–-])(?:" + alternation(
                sorted(subcount, key=len, reverse=True)) + r")\s*:?\s*$", re.I) if subcount else None,
        subcount_in_re=re.compile(r"(?<!\w)(?:" + alternation(
            sorted(subcount, key=len, reverse=True)) + r")(?!\w)", re.I) if subcount else None,
        subcount_after_re=re.compile(r"\s*(?:" + alternation(
            raw["subcount_after"]) + r")(?!\w)", re.I)
            if raw.get("subcount_after") else None,
        frame_re=_frame_re(raw.get("frames", ())),
        head_last=raw.get("compound_head") == "last",
        compounds=bool(raw.get("compounds")),
        part_suffixes=frozenset(raw.get("partitive_suffixes", ())),
        number_parser=raw.get("number_parser"),
        particle_verbs=tuple((*k.lower().split(" ", 1), v)
                             for k, v in raw.get("particle_verbs", {}).items()),
        number_scales=frozenset(raw.get("number_scales", ())),
        number_joiners=frozenset(raw.get("number_joiners", ())),
        near_cut_re=_cut_re(raw.get("clause_breaks", ())),
        capital_nouns=bool(raw.get("capital_nouns")),
        locatives=frozenset(raw.get("locatives", ())),
        route_words=frozenset(raw.get("route_words", ())),
        measure_verbs=frozenset(raw.get("measure_verbs", ())),
        measure_verb_aux=frozenset(raw.get("measure_verb_aux", ())),
        place_nouns_of=frozenset(raw.get("place_nouns_of", ())),
        place_nouns=frozenset(raw.get("place_nouns", ())),
        name_after_noun=tuple(raw.get("name_after_noun", ())),
        attribution_re=re.compile(r"(?<!\w)(?:" + alternation(
            raw["attribution"]) + r")(?:\s+\S+){0,3}\s*$",
            re.I) if raw.get("attribution") else None,
        relative_years=_tagged(raw.get("relative_years", {}), (("this", 0), ("last", 1))),
        editions=frozenset(raw.get("editions", ())),
        first_edition_re=re.compile(r"(?<!\w)(?:" + alternation(raw["first_edition"]) + r")(?!\w)",
                                    re.I) if raw.get("first_edition") else None,
        revisions=_tagged(raw.get("revisions", {}), (("latest", 0), ("earlier", 1))),
        trends=_stems(raw.get("trends", {}), (("up", 0), ("down", 1)), raw.get("clitics", ())),
        forecasts=_stems({"forecast": raw.get("forecasts", [])}, (("forecast", 0),),
                         raw.get("clitics", ())),
        forecast_comparisons=frozenset(raw.get("forecast_comparisons", ())),
        flows=_stems(raw.get("flows", {}), (("in", 0), ("out", 1)), raw.get("clitics", ())),
        periods=_tagged(raw.get("periods", {}), (("day", 0), ("week", 1), ("month", 2), ("year", 3)),
                        raw.get("periods_not_before", ())),
        stages=_stems(raw.get("stages", {}), tuple((k, k) for k in raw.get("stages", {})),
                      raw.get("clitics", ())),
        ages=tuple((re.compile(a["before"] + r"\s*$", re.I) if a.get("before") else None,
                    re.compile(r"^\s*" + a["after"], re.I) if a.get("after") else None,
                    bool(a.get("with_person"))) for a in raw.get("ages", ())),
        attribution_in_re=re.compile(r"(?<!\w)(?:" + alternation(
            raw["attribution"]) + r")(?!\w)",
            re.I) if raw.get("attribution") else None,
        report_back_re=re.compile(r"\s*(?:" + alternation(raw["report_back"]) + r")(?!\w)",
                                  re.I) if raw.get("report_back") else None,
        source_anaphora_re=re.compile(r"\s*(?:" + alternation(raw["source_anaphora"])
                                      + r")\s*(?=[,.;:)]|$)", re.I)
            if raw.get("source_anaphora") else None,
        year_before_re=re.compile(r"(?<!\w)(?:" + alternation(sorted(
            raw["year_before"], key=len, reverse=True)) + r")\s*$", re.I)
            if raw.get("year_before") else None,
        year_after_re=re.compile(r"\s*(?:" + "|".join(filter(None, (
            alternation(sorted(raw.get("year_after", ()), key=len, reverse=True)),
            r"['’]\s*(?:" + alternation(sorted(raw["year_after_suffixes"], key=len, reverse=True))
            + ")" if raw.get("year_after_suffixes") else ""))) + r")(?!\w)", re.I)
            if raw.get("year_after") or raw.get("year_after_suffixes") else None,
    )


def alternation(phrases: Iterable[str]) -> str:
    """The phrases as one regular-expression alternation, in the order given (longest first
    where one may start another), a space in a phrase matching any run of white space."""
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)


def _tagged(table: dict[str, list[str]], tags: tuple[tuple[str, int], ...],
            not_before: Iterable[str] = ()) -> tuple[tuple[re.Pattern[str], int], ...]:
    """One pattern for each tag's phrases ("this": "this year", "start of the year"…), not
    where one of the words `not_before` follows ("a year earlier" is no rate "a year")."""
    unless = rf"(?!\s+(?:{alternation(sorted(not_before, key=len, reverse=True))})(?!\w))" \
        if not_before else ""
    return tuple((re.compile(r"(?<!\w)(?:" + alternation(
        table[key]) + r")(?!\w)" + unless, re.I), tag)
        for key, tag in tags if table.get(key))


def _stems(table: dict[str, list[str]], tags: tuple[tuple[str, T], ...],
           clitics: Iterable[str]) -> tuple[tuple[re.Pattern[str], T], ...]:
    """One pattern for each tag's word beginnings ("вырос", "augment"; "=up by": whole words
    only), after a clitic glued to the word (Arabic "وارتفع", "and rose")."""
    glued = alternation(sorted(clitics, key=len, reverse=True))
    glued = rf"(?:{glued})?" if glued else ""
    out = []
    for key, tag in tags:
        if entries := table.get(key):
            whole = [e[1:] for e in entries if e.startswith("=")]
            stems = [e for e in entries if not e.startswith("=")]
            parts = ([rf"(?:{alternation(sorted(stems, key=len, reverse=True))})\w*"] if stems
                     else []) + ([alternation(sorted(whole, key=len, reverse=True))] if whole else [])
            out.append((re.compile(rf"(?<!\w){glued}(?:{'|'.join(parts)})(?!\w)", re.I), tag))
    return tuple(out)


def _cut_re(breaks: list[str]) -> re.Pattern[str]:
    """Commas, semicolons (Arabic ones too) and the language's clause-breaking words."""
    words = alternation(sorted(breaks, key=len, reverse=True))
    return re.compile(r"[,;:\u060c\u061b]" + (rf"|(?<!\w)(?:{words})(?!\w)" if words else ""), re.I)


def _frame_re(openers: list[str]) -> re.Pattern[str] | None:
    """A frame at the start of a clause: an opener, the words it names, a comma."""
    if not openers:
        return None
    alternatives = alternation(sorted(openers, key=len, reverse=True))
    return re.compile(r"(?:^|[\s,;:(—–-])(?:" + alternatives + r")\s+(?P<named>[^,;:.!?]{2,80}?)\s*,\s*",
                      re.I)


@lru_cache(maxsize=1)
def all_languages() -> tuple[Language, ...]:
    """Every language that has a data file."""
    return tuple(language(code) for code in _codes())


@lru_cache(maxsize=1)
def _codes() -> tuple[str, ...]:
    """The codes of the languages that have a data file. What every language's data gives
    (month names, suffixes, proclitics) is read from the files: building every Language
    compiles some two hundred expressions, a tenth of a second of each process's start."""
    names = [p.name for p in resources.files(__package__).joinpath("data").iterdir()]
    return tuple(n[:-5] for n in sorted(names) if n.endswith(".json") and n != "concepts.json")


def has_data(code: str) -> bool:
    """Whether the language `code` ("tr") has a data file of its own."""
    return code in _codes()


@lru_cache(maxsize=1)
def number_suffixes() -> tuple[frozenset[str], frozenset[str]]:
    """(ordinal suffixes, inflection suffixes) written after 'N-' in any known language."""
    ordinal: set[str] = set()
    case: set[str] = set()
    for code in _codes():
        raw = _data(f"{code}.json") or {}
        ordinal |= set(raw.get("ordinal_suffixes", ()))
        case |= set(raw.get("case_suffixes", ()))
    return frozenset(ordinal), frozenset(case - ordinal)


@lru_cache(maxsize=1)
def number_proclitics() -> frozenset[str]:
    """Short words written glued to a number in some language (Arabic "و15", "and 15";
    "بـ34", "with 34", joined by a tatweel): the number is still a number."""
    out: set[str] = set()
    for code in _codes():
        out |= set((_data(f"{code}.json") or {}).get("number_proclitics", ()))
    return frozenset(out)


def proclitic_before(text: str, at: int) -> int:
    """The length of the longest proclitic glued right before position `at`, 0 when none."""
    return max((len(p) for p in number_proclitics() if text.endswith(p, 0, at)), default=0)


def _lemma(name: str, code: str, word: str) -> str | None:
    if name != "simplemma":
        return None
    try:
        import simplemma
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    try:
        return simplemma.lemmatize(word, lang=code, low_memory=True).lower()  # see lang.py
    except ValueError:
        return None


MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")


@lru_cache(maxsize=1)
def month_names() -> tuple[dict[str, int], frozenset[str], tuple[str, ...]]:
    """(month word -> month number, words that take suffixes, decade suffixes), over every
    language with a data file. The month names are dateparser's own language data (CLDR and
    its supplements), with the forms a language file adds ("в январе")."""
    names: dict[str, int] = {}
    suffixed: set[str] = set()
    decades: set[str] = set()
    for code in _codes():
        raw = _data(f"{code}.json") or {}
        decades |= set(raw.get("decade_suffixes", ()))
        info = _dateparser_info(code) or {}
        forms: dict[str, int] = {}
        for number, key in enumerate(MONTHS, 1):
            for form in info.get(key, ()):
                if len(form) >= 3:
                    forms[form.lower()] = number
        forms.update({k.lower(): v for k, v in raw.get("months_extra", {}).items()})
        names.update(forms)
        if raw.get("month_suffixes"):
            suffixed |= {f for f in forms if len(f) >= 4}
    return names, frozenset(suffixed), tuple(sorted(decades, key=len, reverse=True))


@lru_cache(maxsize=1)
def stages() -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """For each thing that may happen on a date (the keys of every file's 'stages'): how a
    message says it ("begins", "is announced"), and which others may happen the same day
    (what takes place begins and ends on its days): from the English file."""
    raw = _data("en.json") or {}
    also: dict[str, set[str]] = {}
    for a, bs in raw.get("stage_also", {}).items():
        for b in bs:
            also.setdefault(a, set()).add(b)
            also.setdefault(b, set()).add(a)
    return dict(raw.get("stage_names", {})), {k: frozenset(v) for k, v in also.items()}


@lru_cache(maxsize=None)
def months_of(code: str) -> dict[str, int]:
    """Month word -> month number in one language, full words only (not "ago", "mar")."""
    info = _dateparser_info(code) or {}
    out = {form.lower(): n for n, key in enumerate(MONTHS, 1) for form in info.get(key, ())
           if len(form) >= 4 and "." not in form}
    out.update({k.lower(): v for k, v in (_data(f"{code}.json") or {}).get("months_extra", {}).items()})
    return out


@lru_cache(maxsize=None)
def weekdays(code: str) -> frozenset[str]:
    """The names of the days of the week in one language (dateparser's language data, four
    letters or more, with the language's letter folds applied): never numbers, though some
    are written like them (Arabic الإثنين, Monday; اثنين, two)."""
    return frozenset(weekdays_of(code))


@lru_cache(maxsize=None)
def weekdays_of(code: str) -> dict[str, int]:
    """Weekday word -> its number (Monday 0) in one language: weekdays()' words."""
    info = _dateparser_info(code)
    if info is None:
        return {}
    folds = language(code).letter_folds
    return {form.lower().translate(folds): n for n, day in enumerate(_WEEKDAYS)
            for form in info.get(day, ()) if len(form) >= 4}


@lru_cache(maxsize=None)
def _dateparser_info(code: str) -> dict | None:
    """dateparser's data for a language (``dateparser.data.date_translation_data.<code>``:
    CLDR's month and day names), None when it has none. The module is a dict and nothing
    else; it is loaded from its file, without importing the dateparser package, whose
    start (its settings, parsers and the regex module) costs 70-80 ms of CPU to a process
    that never parses a date (the fetching process, a re-run from the fresh pages)."""
    import importlib
    import importlib.machinery
    import importlib.util
    import os
    import sys

    name = f"dateparser.data.date_translation_data.{code}"
    if "dateparser" in sys.modules or not code.isalpha():
        try:
            return importlib.import_module(name).info
        except ImportError:
            return None
    spec = importlib.machinery.PathFinder.find_spec("dateparser")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        path = os.path.join(folder, "data", "date_translation_data", f"{code}.py")
        if os.path.isfile(path):
            data = importlib.util.spec_from_file_location(f"_citecheck_dateparser_{code}", path)
            if data is None or data.loader is None:
                return None
            module = importlib.util.module_from_spec(data)
            data.loader.exec_module(module)
            return getattr(module, "info", None)
    return None


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAYS = _WEEKDAYS


def date_order(code: str | None) -> str:
    """"dmy" or "mdy": how the language writes 05/06/2022."""
    return _date_order((code or "en").lower()[:2])


@lru_cache(maxsize=None)
def _date_order(code: str) -> str:  # asked for every text scanned: the file read once
    raw = _data(f"{code}.json") or {}
    return raw.get("date_order", "dmy")
