"""Numbers written in words: English, Russian, Ukrainian and Kazakh.

``find_number_words(text, lang)`` returns the spans of cardinal (and, flagged,
ordinal) numbers spelled out in words, with their values::

    >>> [(w.text, w.value) for w in find_number_words("задержаны двухсот тридцати четырёх", "ru")]
    [('двухсот тридцати четырёх', Decimal('234'))]

How it works
------------
* One regex tokenises the text into words; each lower-cased word is looked up in
  a table of word forms for the language (a dict, so the cost per word is one
  hash lookup).  Only the handful of table hits (and a few connector words such
  as "and", "a", "с", "половиной") go on to the compound parser.
* The Russian and Ukrainian tables are generated lazily, on the first call for
  that language, from pymorphy3: for ~60 base lemmas (cardinals, collectives,
  ordinals, scale nouns) every form of the lemma's lexeme is taken from the
  analyser, so all case forms (восьми, восемью, двухсот, тысячами...) are
  covered without hand lists of forms.  The analyser is loaded once and cached.
  Russian forms that are more often something else (``семью`` = "family") are
  marked ambiguous and only accepted inside a compound or after "с"/"со".
* Kazakh has no analyser here: its table is generated from the numeral stems
  and the case, possessive, ordinal, collective and approximative suffixes
  with vowel harmony, minus forms that are common other words (``онда``,
  ``оның``, ``үшін``, ``жүзі``...).  ``он`` is 10 only in Kazakh.
* A small state machine combines adjacent number words into one value
  (hundreds > tens > units inside a group, strictly decreasing scale words).

Rules worth knowing
-------------------
* A lone word for 1 (one, один/одна/одного..., бір, один/одна) is never
  returned: it is almost always "one of ...", not a figure.  Compounds that
  contain it are ("one hundred", "двадцать один", "одна тысяча").
* A lone plural scale word is not a figure ("thousands", "тысяч", "миллионы");
  "тысячи"/"тисячі" alone count as 1000 only after a word that takes the
  genitive (около, более, свыше, до, от, близько, більше ...).
* Numbers followed by "dozen(s)", "десятка/десятков", "сотни/сотен" are
  dropped (two dozen is not 2).
* "полтора/полторы/полутора" (укр. "півтора/півтори") is 1.5; "два с
  половиной", "two and a half", "екі жарым" add 0.5.
* Ranges written with a hyphen ("пять-шесть") give two numbers.
* Ordinals are returned with ``ordinal=True``; "двадцать первый" is one span,
  value 21, ordinal.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

__all__ = ["WordNumber", "find_number_words"]


class WordNumber(NamedTuple):
    start: int  # offset in text (inclusive)
    end: int  # offset in text (exclusive)
    value: Decimal  # e.g. Decimal(234), Decimal("1500000")
    text: str  # text[start:end]
    ordinal: bool  # True for "second", "восьмой", "третьего" ... (callers skip ordinals)


# --------------------------------------------------------------------------
# Token kinds
# --------------------------------------------------------------------------

ZERO = 0
UNIT = 1  # 1..9 (and collectives двое..девятеро)
TEEN = 2  # 10..19 written as one word (ten, десять, десятеро)
TEN = 3  # 20..90; Kazakh "он" (10) too, because "он бір" = 11
HUND = 4  # 100..900 written as one word (сто, двести, девятьсот)
HMUL = 5  # multiplier "hundred" (English), "жүз" (Kazakh)
SCALE = 6  # thousand, million, billion, тысяча, мың ...
HALF = 7  # полтора / півтора: 1.5, a complete group
WHOLE = 8  # a complete group on its own: полтораста (150)
SCALEFULL = 9  # an ordinal with its multiplier built in: двухтысячный (2000)

# connector / context kinds (never numbers on their own)
C_AND = 20  # English "and"
C_A = 21  # English "a" / "an" (a hundred, a million)
C_WITH = 22  # Russian "с"/"со", Ukrainian "з"/"із" (... с половиной)
C_HALFWORD = 23  # "половиной", "половиною", "half"
C_HALFSUFFIX = 24  # Kazakh "жарым": adds 0.5 directly
C_GENCTX = 25  # words after which "тысячи" is genitive singular (около тысячи)
C_DOZEN = 26  # dozen, десятка, сотни: the preceding number is not a figure

_CONNECTORS = frozenset({C_AND, C_A, C_WITH, C_HALFWORD, C_HALFSUFFIX, C_GENCTX, C_DOZEN})

# bare-scale status
BARE_NO = 0
BARE_YES = 1
BARE_GENCTX = 2  # only after a C_GENCTX word


@dataclass(frozen=True, slots=True)
class _Entry:
    kind: int
    value: Decimal = Decimal(0)
    ordinal: bool = False
    bare: int = BARE_NO  # for SCALE / HMUL: may it start a number on its own?
    ambiguous: bool = False  # accept only in a compound or after "с"
    final: bool = False  # nothing may follow it in a compound (Kazakh suffixed forms)
    with_prep: bool = False  # C_GENCTX words that are also "с"/"со"


_ONE = Decimal(1)
_HALF_D = Decimal("0.5")

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’ʼ`][^\W\d_]+)*")
_APOS_TRANS = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "ё": "е"})
# Gap allowed between two words of one number: spaces (incl. no-break and
# narrow no-break) and at most one line break.
_SPACE_GAP_RE = re.compile(r"[^\S\n]*\n?[^\S\n]*")
_HYPHENS = frozenset("-‐‑")
_KK_HYPHEN_SUFFIX_RE = re.compile(r"[-‐‑]([^\W\d_]+)")


# --------------------------------------------------------------------------
# English
# --------------------------------------------------------------------------

_EN_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_EN_TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_EN_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_EN_ORD_UNITS = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
]
_EN_ORD_TEENS = [
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
]
_EN_ORD_TENS = [
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
]
_EN_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}


def _build_en() -> dict[str, _Entry]:
    t: dict[str, _Entry] = {}
    t["zero"] = _Entry(ZERO, Decimal(0))
    for i, w in enumerate(_EN_UNITS[1:], 1):
        t[w] = _Entry(UNIT, Decimal(i))
    for i, w in enumerate(_EN_TEENS):
        t[w] = _Entry(TEEN, Decimal(10 + i))
    for i, w in enumerate(_EN_TENS):
        t[w] = _Entry(TEN, Decimal(20 + 10 * i))
    for i, w in enumerate(_EN_ORD_UNITS[1:], 1):
        t[w] = _Entry(UNIT, Decimal(i), ordinal=True)
    for i, w in enumerate(_EN_ORD_TEENS):
        t[w] = _Entry(TEEN, Decimal(10 + i), ordinal=True)
    for i, w in enumerate(_EN_ORD_TENS):
        t[w] = _Entry(TEN, Decimal(20 + 10 * i), ordinal=True)
    t["hundred"] = _Entry(HMUL, Decimal(100), bare=BARE_YES)
    t["hundredth"] = _Entry(HMUL, Decimal(100), ordinal=True, bare=BARE_YES)
    for w, v in _EN_SCALES.items():
        t[w] = _Entry(SCALE, Decimal(v), bare=BARE_YES)
        t[w + "th"] = _Entry(SCALE, Decimal(v), ordinal=True, bare=BARE_YES)
    t["and"] = _Entry(C_AND)
    t["a"] = _Entry(C_A)
    t["an"] = _Entry(C_A)
    t["half"] = _Entry(C_HALFWORD)
    t["dozen"] = _Entry(C_DOZEN)
    t["dozens"] = _Entry(C_DOZEN)
    return t


# --------------------------------------------------------------------------
# Russian and Ukrainian (generated from pymorphy3 lexemes)
# --------------------------------------------------------------------------

_RU_CARDINALS: dict[str, int] = {
    "один": 1,
    "два": 2,
    "три": 3,
    "четыре": 4,
    "пять": 5,
    "шесть": 6,
    "семь": 7,
    "восемь": 8,
    "девять": 9,
    "десять": 10,
    "одиннадцать": 11,
    "двенадцать": 12,
    "тринадцать": 13,
    "четырнадцать": 14,
    "пятнадцать": 15,
    "шестнадцать": 16,
    "семнадцать": 17,
    "восемнадцать": 18,
    "девятнадцать": 19,
    "двадцать": 20,
    "тридцать": 30,
    "сорок": 40,
    "пятьдесят": 50,
    "шестьдесят": 60,
    "семьдесят": 70,
    "восемьдесят": 80,
    "девяносто": 90,
    "сто": 100,
    "двести": 200,
    "триста": 300,
    "четыреста": 400,
    "пятьсот": 500,
    "шестьсот": 600,
    "семьсот": 700,
    "восемьсот": 800,
    "девятьсот": 900,
}
_RU_COLLECTIVES = {
    "двое": 2,
    "трое": 3,
    "четверо": 4,
    "пятеро": 5,
    "шестеро": 6,
    "семеро": 7,
    "восьмеро": 8,
    "девятеро": 9,
    "десятеро": 10,
}
_RU_ORDINALS = {
    "первый": 1,
    "второй": 2,
    "третий": 3,
    "четвертый": 4,
    "пятый": 5,
    "шестой": 6,
    "седьмой": 7,
    "восьмой": 8,
    "девятый": 9,
    "десятый": 10,
    "одиннадцатый": 11,
    "двенадцатый": 12,
    "тринадцатый": 13,
    "четырнадцатый": 14,
    "пятнадцатый": 15,
    "шестнадцатый": 16,
    "семнадцатый": 17,
    "восемнадцатый": 18,
    "девятнадцатый": 19,
    "двадцатый": 20,
    "тридцатый": 30,
    "сороковой": 40,
    "пятидесятый": 50,
    "шестидесятый": 60,
    "семидесятый": 70,
    "восьмидесятый": 80,
    "девяностый": 90,
    "сотый": 100,
    "двухсотый": 200,
    "трехсотый": 300,
    "четырехсотый": 400,
    "пятисотый": 500,
    "шестисотый": 600,
    "семисотый": 700,
    "восьмисотый": 800,
    "девятисотый": 900,
    "тысячный": 1000,
    "двухтысячный": 2000,
    "миллионный": 10**6,
    "миллиардный": 10**9,
}
_RU_SCALES = {"тысяча": 10**3, "миллион": 10**6, "миллиард": 10**9, "триллион": 10**12}
_RU_ZERO = ("ноль", "нуль")
_RU_HALF = ("полтора",)
_RU_WHOLE = {"полтораста": 150}
# indeclinable "half a ..." words (pymorphy3 does not know all of them)
_RU_HALF_SCALES = {
    "полтысячи": 500,
    "полутысячи": 500,
    "полмиллиона": 500_000,
    "полумиллиона": 500_000,
    "полмиллиарда": 500_000_000,
    "полумиллиарда": 500_000_000,
}
_RU_ABBR_SCALES = {"тыс": 10**3, "млн": 10**6, "млрд": 10**9, "трлн": 10**12}
_RU_GENCTX = (
    "около",
    "более",
    "свыше",
    "менее",
    "до",
    "от",
    "порядка",
    "больше",
    "меньше",
    "из",
    "без",
    "приблизительно",
    "примерно",
)
_RU_DOZEN = (
    "десяток",
    "десятка",
    "десятков",
    "десятки",
    "десятками",
    "десятках",
    "дюжина",
    "дюжины",
    "дюжин",
    "сотня",
    "сотни",
    "сотен",
    "сотнями",
    "сотнях",
)

_UK_CARDINALS: dict[str, int] = {
    "один": 1,
    "два": 2,
    "три": 3,
    "чотири": 4,
    "п'ять": 5,
    "шість": 6,
    "сім": 7,
    "вісім": 8,
    "дев'ять": 9,
    "десять": 10,
    "одинадцять": 11,
    "дванадцять": 12,
    "тринадцять": 13,
    "чотирнадцять": 14,
    "п'ятнадцять": 15,
    "шістнадцять": 16,
    "сімнадцять": 17,
    "вісімнадцять": 18,
    "дев'ятнадцять": 19,
    "двадцять": 20,
    "тридцять": 30,
    "сорок": 40,
    "п'ятдесят": 50,
    "шістдесят": 60,
    "сімдесят": 70,
    "вісімдесят": 80,
    "дев'яносто": 90,
    "сто": 100,
    "двісті": 200,
    "триста": 300,
    "чотириста": 400,
    "п'ятсот": 500,
    "шістсот": 600,
    "сімсот": 700,
    "вісімсот": 800,
    "дев'ятсот": 900,
}
_UK_COLLECTIVES = {
    "двоє": 2,
    "троє": 3,
    "четверо": 4,
    "п'ятеро": 5,
    "шестеро": 6,
    "семеро": 7,
    "восьмеро": 8,
    "дев'ятеро": 9,
    "десятеро": 10,
}
_UK_ORDINALS = {
    "перший": 1,
    "другий": 2,
    "третій": 3,
    "четвертий": 4,
    "п'ятий": 5,
    "шостий": 6,
    "сьомий": 7,
    "восьмий": 8,
    "дев'ятий": 9,
    "десятий": 10,
    "одинадцятий": 11,
    "дванадцятий": 12,
    "тринадцятий": 13,
    "чотирнадцятий": 14,
    "п'ятнадцятий": 15,
    "шістнадцятий": 16,
    "сімнадцятий": 17,
    "вісімнадцятий": 18,
    "дев'ятнадцятий": 19,
    "двадцятий": 20,
    "тридцятий": 30,
    "сороковий": 40,
    "п'ятдесятий": 50,
    "шістдесятий": 60,
    "сімдесятий": 70,
    "вісімдесятий": 80,
    "дев'яностий": 90,
    "сотий": 100,
    "двохсотий": 200,
    "трьохсотий": 300,
    "тисячний": 1000,
    "мільйонний": 10**6,
    "мільярдний": 10**9,
}
_UK_SCALES = {"тисяча": 10**3, "мільйон": 10**6, "мільярд": 10**9, "трильйон": 10**12}
_UK_ZERO = ("нуль",)
_UK_HALF = ("півтора", "півтори")
_UK_HALF_SCALES = {"півтисячі": 500, "півмільйона": 500_000, "півмільярда": 500_000_000}
_UK_ABBR_SCALES = {"тис": 10**3, "млн": 10**6, "млрд": 10**9, "трлн": 10**12}
_UK_GENCTX = (
    "близько",
    "більше",
    "менше",
    "понад",
    "до",
    "від",
    "щонайменше",
    "з",
    "із",
    "приблизно",
    "майже",
    "понад",
)
_UK_DOZEN = (
    "десяток",
    "десятка",
    "десятків",
    "десятки",
    "десятками",
    "дюжина",
    "дюжини",
    "дюжин",
    "сотня",
    "сотні",
    "сотень",
    "сотнями",
)

_MORPH: dict[str, object] = {}
_MORPH_LOCK = threading.Lock()


def _analyzer(lang: str):
    """The pymorphy3 analyser for ``lang`` ("ru" or "uk"), the key terms' own (``lang.morph``);
    None if unavailable."""
    if lang in _MORPH:
        return _MORPH[lang]
    with _MORPH_LOCK:
        if lang not in _MORPH:
            try:
                from .lang import morph

                _MORPH[lang] = morph(lang)
            except Exception:  # noqa: BLE001  # pragma: no cover - missing dictionaries
                _MORPH[lang] = None
    return _MORPH[lang]


def _norm(word: str) -> str:
    return word.lower().translate(_APOS_TRANS)


def _lexeme(morph, lemma: str, pos: Iterable[str]) -> list[tuple[str, object]]:
    """All (form, tag) of the lexeme of ``lemma`` with a part of speech in ``pos``."""
    pos = set(pos)
    if morph is None:
        return [(lemma, None)]
    try:
        parses = morph.parse(lemma)
    except Exception:  # noqa: BLE001  # pragma: no cover
        return [(lemma, None)]
    for p in parses:
        if p.tag.POS in pos and _norm(p.normal_form) == _norm(lemma):
            return [(_norm(x.word), x.tag) for x in p.lexeme]
    return [(lemma, None)]


def _scale_bare_status(tags: list[object]) -> int:
    """May this form of тысяча/миллион stand alone as 1 x scale?

    Singular-only forms (тысяча, тысячу, миллиона) may; plural-only forms
    (тысяч, миллионы) may not; forms that are both (тысячи, укр. тисячі) only
    after a word that takes the genitive (около тысячи, близько тисячі).
    """
    singular = False
    plural = False
    for tag in tags:
        if tag is None:
            return BARE_YES
        if "plur" in set(str(tag).replace(" ", ",").split(",")):
            plural = True
        else:
            singular = True
    if singular and plural:
        return BARE_GENCTX
    return BARE_YES if singular else BARE_NO


def _build_slavic(lang: str) -> dict[str, _Entry]:
    if lang == "ru":
        cardinals, collectives, ordinals, scales = (
            _RU_CARDINALS,
            _RU_COLLECTIVES,
            _RU_ORDINALS,
            _RU_SCALES,
        )
        zeros, halves, wholes, abbrs = _RU_ZERO, _RU_HALF, _RU_WHOLE, _RU_ABBR_SCALES
        genctx, dozens, with_words, halfwords = _RU_GENCTX, _RU_DOZEN, ("с", "со"), ("половиной",)
        ord_pos = ("ADJF",)
    else:
        cardinals, collectives, ordinals, scales = (
            _UK_CARDINALS,
            _UK_COLLECTIVES,
            _UK_ORDINALS,
            _UK_SCALES,
        )
        zeros, halves, wholes, abbrs = _UK_ZERO, _UK_HALF, {}, _UK_ABBR_SCALES
        genctx, dozens, with_words, halfwords = (
            _UK_GENCTX,
            _UK_DOZEN,
            ("з", "із", "зі"),
            ("половиною",),
        )
        ord_pos = ("ADJF",)
    morph = _analyzer(lang)
    t: dict[str, _Entry] = {}

    def put(form: str, entry: _Entry) -> None:
        if form and form not in t:
            t[form] = entry

    def kind_of(v: int) -> int:
        if v < 10:
            return UNIT
        if v < 20:
            return TEEN
        if v < 100:
            return TEN
        return HUND

    for lemma, v in cardinals.items():
        for form, tag in _lexeme(morph, lemma, ("NUMR", "ADJF")):
            if v == 1 and tag is not None and ("plur" in tag or "alt" in str(tag)):
                continue  # одни, одних ("some", "alone"); Ukrainian archaic "оден"
            put(form, _Entry(kind_of(v), Decimal(v)))
    for lemma, v in collectives.items():
        for form, _tag in _lexeme(morph, lemma, ("NUMR",)):
            put(form, _Entry(kind_of(v), Decimal(v)))
    for lemma in zeros:
        for form, _tag in _lexeme(morph, lemma, ("NOUN",)):
            put(form, _Entry(ZERO, Decimal(0)))
    for lemma in halves:
        for form, _tag in _lexeme(morph, lemma, ("NUMR",)):
            put(form, _Entry(HALF, Decimal("1.5")))
    for lemma, v in wholes.items():
        for form, _tag in _lexeme(morph, lemma, ("NUMR",)):
            put(form, _Entry(WHOLE, Decimal(v)))
    for lemma, v in scales.items():
        forms: dict[str, list[object]] = {}
        for form, tag in _lexeme(morph, lemma, ("NOUN",)):
            forms.setdefault(form, []).append(tag)
        for form, tags in forms.items():
            put(form, _Entry(SCALE, Decimal(v), bare=_scale_bare_status(tags)))
    for word, v in abbrs.items():
        put(word, _Entry(SCALE, Decimal(v), bare=BARE_NO))
    for word, v in (_RU_HALF_SCALES if lang == "ru" else _UK_HALF_SCALES).items():
        put(word, _Entry(WHOLE, Decimal(v)))
    for lemma, v in ordinals.items():
        lemma_forms = _lexeme(morph, lemma, ord_pos)
        if v >= 1000:
            kind = SCALE if v in (10**3, 10**6, 10**9) else SCALEFULL
        else:
            kind = kind_of(v)
        for form, _tag in lemma_forms:
            put(form, _Entry(kind, Decimal(v), ordinal=True, bare=BARE_YES))

    # Forms that are more often another word (семью = "family").
    if morph is not None and lang == "ru":
        lemmas = {
            _norm(x)
            for x in (*cardinals, *collectives, *ordinals, *scales, *zeros, *halves, *wholes)
        }
        for form, entry in list(t.items()):
            if entry.kind == WHOLE:
                continue
            try:
                best = morph.parse(form)[0]
            except Exception:  # noqa: BLE001, S112  # pragma: no cover
                continue
            if (
                _norm(best.normal_form) not in lemmas
                and "Abbr" not in best.tag
                and "NUMR" not in best.tag
            ):
                t[form] = _Entry(
                    entry.kind,
                    entry.value,
                    entry.ordinal,
                    entry.bare,
                    ambiguous=True,
                    final=entry.final,
                )

    for w in with_words:
        t[w] = _Entry(C_WITH, with_prep=w in genctx)
    for w in genctx:
        if w not in t:
            t[w] = _Entry(C_GENCTX)
    for w in halfwords:
        t[w] = _Entry(C_HALFWORD)
    for w in dozens:
        t[w] = _Entry(C_DOZEN)
    return t


# --------------------------------------------------------------------------
# Kazakh (generated from stems and suffixes)
# --------------------------------------------------------------------------

_KK_STEMS: dict[str, int] = {
    "нөл": 0,
    "бір": 1,
    "екі": 2,
    "үш": 3,
    "төрт": 4,
    "бес": 5,
    "алты": 6,
    "жеті": 7,
    "сегіз": 8,
    "тоғыз": 9,
    "он": 10,
    "жиырма": 20,
    "отыз": 30,
    "қырық": 40,
    "елу": 50,
    "алпыс": 60,
    "жетпіс": 70,
    "сексен": 80,
    "тоқсан": 90,
    "жүз": 100,
    "мың": 1000,
    "миллион": 10**6,
    "миллиард": 10**9,
    "триллион": 10**12,
}
_KK_COLLECTIVES = {
    "екеу": 2,
    "үшеу": 3,
    "төртеу": 4,
    "бесеу": 5,
    "алтау": 6,
    "жетеу": 7,
    "сегізеу": 8,
    "тоғызау": 9,
    "онау": 10,
}
# Forms the generator produces that are common non-numeral words.
_KK_EXCLUDE = frozenset(
    {
        "онда",
        "оны",
        "оның",
        "онымен",
        "ондай",
        "онын",
        "оныны",
        "онына",
        "онынан",
        "онында",
        "үшін",
        "үші",
        "үшіне",
        "үшінде",
        "үшінен",
        "үшінің",
        "үшімен",
        "жүзі",
        "жүзін",
        "жүзіне",
        "жүзінде",
        "жүзінен",
        "жүзінің",
        "жүзімен",
        "жүзді",
        "бірге",
        "бірде",
        "бірден",
        "бірі",
        "бірін",
        "біріне",
        "бірінде",
        "бірінен",
        "бірінің",
        "бірімен",
        "алтыны",
        "алтын",
    }
)
_KK_FRONT = set("әеіөүи")
_KK_BACK = set("аоұыя")
_KK_VOWELS = _KK_FRONT | _KK_BACK | set("юэё")  # у and й take consonant endings (елуге, екеуі)
_KK_VOICELESS = set("кқпстфхцчшщбвгд")  # final б/в/г/д behave as voiceless before suffixes
_KK_NASAL = set("мнң")


def _kk_front(word: str) -> bool:
    for ch in reversed(word):
        if ch in _KK_FRONT:
            return True
        if ch in _KK_BACK:
            return False
    return True


def _kk_plain_case_suffixes(stem: str) -> list[str]:
    """Case suffixes directly on ``stem`` (no possessive)."""
    f = _kk_front(stem)
    last = stem[-1]
    a, y = ("е", "і") if f else ("а", "ы")
    if last in _KK_VOWELS:
        return [
            "н" + y + "ң",
            "н" + y,
            ("ге" if f else "ға"),
            "д" + a,
            "д" + a + "н",
            "мен",
            "д" + a + "й",
        ]
    if last in _KK_NASAL:
        return [
            "н" + y + "ң",
            "д" + y,
            ("ге" if f else "ға"),
            "д" + a,
            "н" + a + "н",
            "мен",
            "д" + a + "й",
        ]
    if last in _KK_VOICELESS:
        return [
            "т" + y + "ң",
            "т" + y,
            ("ке" if f else "қа"),
            "т" + a,
            "т" + a + "н",
            "пен",
            "т" + a + "й",
        ]
    # voiced: р л з ж й у
    ins = "бен" if last in "зж" else "мен"
    return [
        "д" + y + "ң",
        "д" + y,
        ("ге" if f else "ға"),
        "д" + a,
        "д" + a + "н",
        ins,
        "д" + a + "й",
    ]


def _kk_possessive_forms(stem: str) -> list[str]:
    """3rd-person possessive and the case forms built on it (сегізі, сегізінің, жиырмасына ...)."""
    f = _kk_front(stem)
    a, y = ("е", "і") if f else ("а", "ы")
    base = stem + ("с" + y if stem[-1] in _KK_VOWELS else y)
    return [base] + [
        base + s for s in ("н" + y + "ң", "н" + a, "н", "нд" + a, "н" + a + "н", "мен")
    ]


def _kk_ordinal(stem: str) -> str:
    f = _kk_front(stem)
    if stem[-1] in _KK_VOWELS:
        return stem + ("нші" if f else "ншы")
    return stem + ("інші" if f else "ыншы")


def _build_kk() -> dict[str, _Entry]:
    t: dict[str, _Entry] = {}

    def stem_kind(v: int) -> int:
        if v == 0:
            return ZERO
        if v < 10:
            return UNIT
        if v < 100:
            return TEN
        if v == 100:
            return HMUL
        return SCALE

    def put(form: str, entry: _Entry) -> None:
        if form in _KK_EXCLUDE or form in t:
            return
        t[form] = entry

    for stem, v in _KK_STEMS.items():
        kind = stem_kind(v)
        d = Decimal(v)
        put(stem, _Entry(kind, d, bare=BARE_YES))
        inflected = _Entry(kind, d, bare=BARE_YES, final=True)
        for suf in _kk_plain_case_suffixes(stem):
            put(stem + suf, inflected)
        for form in _kk_possessive_forms(stem):
            put(form, inflected)
        ordinal = _kk_ordinal(stem)
        ord_entry = _Entry(kind, d, ordinal=True, bare=BARE_YES, final=True)
        put(ordinal, ord_entry)
        for suf in _kk_plain_case_suffixes(ordinal):
            put(ordinal + suf, ord_entry)
        for form in _kk_possessive_forms(ordinal):
            put(form, ord_entry)
    for coll, v in _KK_COLLECTIVES.items():
        e = _Entry(UNIT if v < 10 else TEN, Decimal(v), final=True)
        put(coll, e)
        for suf in _kk_plain_case_suffixes(coll):
            put(coll + suf, e)
        for form in _kk_possessive_forms(coll):
            put(form, e)
    t["жарым"] = _Entry(C_HALFSUFFIX)
    return t


# --------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------

_TABLES: dict[str, dict[str, _Entry]] = {}
_TABLES_LOCK = threading.RLock()


def _table(lang: str) -> dict[str, _Entry]:
    table = _TABLES.get(lang)
    if table is not None:
        return table
    with _TABLES_LOCK:
        table = _TABLES.get(lang)
        if table is None:
            if lang == "en":
                table = _build_en()
            elif lang in ("ru", "uk"):
                table = _build_slavic(lang)
            elif lang == "kk":
                table = _build_kk()
            elif lang == "en+ru":
                table = dict(_table("ru"))
                for k, v in _table("en").items():
                    table.setdefault(k, v)
            else:  # pragma: no cover
                table = {}
            _TABLES[lang] = table
    return table


def _normalise_lang(lang: str | None) -> str:
    if not lang:
        return "en+ru"
    code = str(lang).strip().lower().replace("_", "-").split("-")[0]
    if code == "kz":
        code = "kk"
    if code in ("en", "ru", "uk", "kk"):
        return code
    return "en+ru"


# --------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------


class _Tok(NamedTuple):
    idx: int  # position in the stream of all words
    start: int
    end: int
    entry: _Entry


def _gap_ok(text: str, a: _Tok, b: _Tok, *, hyphen: bool = False) -> bool:
    """Are tokens ``a`` and ``b`` consecutive words separated only by space (or a hyphen)?"""
    if b.idx != a.idx + 1:
        return False
    gap = text[a.end : b.start]
    if not gap:
        return False
    if hyphen and len(gap) == 1 and gap in _HYPHENS:
        return True
    m = _SPACE_GAP_RE.fullmatch(gap)
    return m is not None and gap != ""


def _normalise_value(d: Decimal) -> Decimal:
    if d == d.to_integral_value():
        return Decimal(int(d))
    return d.normalize()


class _State:
    __slots__ = ("done", "group", "has_group", "last_scale", "level", "ordinal", "tokens", "total")

    def __init__(self) -> None:
        self.total = Decimal(0)
        self.group = Decimal(0)
        self.has_group = False
        self.level = 9  # next token must have a level below this
        self.last_scale: Decimal | None = None
        self.tokens = 0
        self.ordinal = False
        self.done = False

    @property
    def empty(self) -> bool:
        return self.tokens == 0

    def value(self) -> Decimal:
        return self.total + self.group


_LEVEL = {UNIT: 1, TEEN: 2, TEN: 2, HUND: 3}
_AFTER = {UNIT: 1, TEEN: 1, TEN: 2, HUND: 3}


def _try_add(st: _State, e: _Entry, genctx_before: bool) -> bool:
    """Add entry ``e`` to the number being built; False if it cannot continue it."""
    if st.done:
        return False
    k = e.kind
    if k == ZERO:
        if not st.empty:
            return False
        st.done = True
    elif k in _LEVEL:
        if _LEVEL[k] >= st.level:
            return False
        st.group += e.value
        st.has_group = True
        st.level = _AFTER[k]
    elif k == HMUL:
        if st.has_group:
            # "two hundred", "nineteen hundred", "екі жүз"
            if st.level > 2 or st.group <= 0 or st.group >= 100:
                return False
            if st.group != st.group.to_integral_value():
                return False
            st.group *= e.value
        else:
            # "hundred" / "жүз" opening a number or a group after a scale ("мың жүз" = 1100)
            if st.level != 9 or e.bare == BARE_NO:
                return False
            st.group = e.value
            st.has_group = True
        st.level = 3
    elif k == SCALE:
        if st.last_scale is not None and e.value >= st.last_scale:
            return False
        if st.has_group:
            st.total += st.group * e.value
        else:
            if not st.empty:
                return False
            if e.bare == BARE_NO or (e.bare == BARE_GENCTX and not genctx_before):
                return False
            st.total += e.value
        st.group = Decimal(0)
        st.has_group = False
        st.last_scale = e.value
        st.level = 9
    elif k == HALF or k == WHOLE:
        if st.has_group:
            return False
        st.group = e.value
        st.has_group = True
        st.level = 0
    elif k == SCALEFULL:
        if st.has_group:
            return False
        if st.last_scale is not None and e.value >= st.last_scale:
            return False
        st.total += e.value
        st.level = 0
    else:
        return False
    st.tokens += 1
    if e.ordinal:
        st.ordinal = True
        st.done = True
    if e.final:
        st.done = True
    return True


def _add_half(st: _State) -> bool:
    if st.done or not st.has_group or st.level == 0:
        return False
    if st.group <= 0 or st.group >= 100 or st.group != st.group.to_integral_value():
        return False
    st.group += _HALF_D
    st.level = 0
    return True


def _scan(text: str, table: dict[str, _Entry], kazakh: bool) -> list[_Tok]:
    """The words of ``text`` found in ``table``, with their index in the word stream."""
    toks: list[_Tok] = []
    get = table.get
    memo: dict[str, _Entry | None] = {}  # words repeat a lot: normalise each once
    idx = -1
    skip_until = -1
    for m in _WORD_RE.finditer(text):
        start = m.start()
        if start < skip_until:
            continue
        idx += 1
        word = m.group()
        e = memo.get(word, memo)  # (memo itself: not seen yet; a KeyError costs more)
        if e is memo:
            e = memo[word] = get(word.lower().translate(_APOS_TRANS))
        if e is None:
            continue
        end = m.end()
        if kazakh and end < len(text) and text[end] in _HYPHENS:
            hm = _KK_HYPHEN_SUFFIX_RE.match(text, end)
            if hm:
                e2 = get((word + hm.group(1)).lower())
                if e2 is not None and e2.kind < C_AND:
                    e = e2
                    end = hm.end()
                    skip_until = end
        toks.append(_Tok(idx, start, end, e))
    return toks


def _digit_before(text: str, pos: int) -> bool:
    """Is the word at ``pos`` preceded by digits (and only spaces in between)?"""
    k = pos - 1
    limit = max(0, pos - 8)
    while k >= limit and text[k].isspace():
        k -= 1
    return k >= 0 and k < pos - 1 and text[k].isdigit()


def _parse(text: str, toks: list[_Tok]) -> list[WordNumber]:
    out: list[WordNumber] = []
    n = len(toks)
    i = 0
    while i < n:
        tok = toks[i]
        e = tok.entry
        start_i = i
        st = _State()
        prev = toks[i - 1] if i > 0 else None
        genctx_before = bool(
            prev is not None
            and prev.entry.kind in (C_GENCTX, C_WITH)
            and (prev.entry.kind == C_GENCTX or prev.entry.with_prep)
            and _gap_ok(text, prev, tok)
        )
        with_before = bool(
            prev is not None and prev.entry.kind == C_WITH and _gap_ok(text, prev, tok)
        )
        if e.kind in (SCALE, HMUL) and _digit_before(text, tok.start):
            # "15 million", "10 мың", "1,5 миллион": digits + scale word are the caller's
            # job; the scale word alone is not a number.
            i += 1
            continue

        if e.kind == C_A:
            # "a hundred", "a thousand", "a million"
            if (
                i + 1 < n
                and _gap_ok(text, tok, toks[i + 1])
                and toks[i + 1].entry.kind in (HMUL, SCALE)
                and toks[i + 1].entry.bare != BARE_NO
                and not toks[i + 1].entry.ordinal
            ):
                st.group = _ONE
                st.has_group = True
                st.level = 1
                j = i + 1
            else:
                i += 1
                continue
        elif (
            e.kind == C_HALFWORD
            and i + 2 < n
            and toks[i + 1].entry.kind == C_A
            and toks[i + 2].entry.kind == SCALE
            and not toks[i + 2].entry.ordinal
            and _gap_ok(text, tok, toks[i + 1])
            and _gap_ok(text, toks[i + 1], toks[i + 2])
        ):
            # "half a million"
            st.group = _HALF_D
            st.has_group = True
            st.level = 0
            st.tokens = 1
            j = i + 2
        elif e.kind in _CONNECTORS:
            i += 1
            continue
        else:
            if not _try_add(st, e, genctx_before):
                i += 1
                continue
            j = i + 1

        last = toks[j - 1]
        ambiguous_single = e.ambiguous and not with_before
        # extend greedily
        while j < n and not st.done:
            nxt = toks[j]
            ne = nxt.entry
            if ne.kind == C_AND:
                # "two hundred and five", "two and a half million"
                if j + 1 < n and _gap_ok(text, last, nxt) and _gap_ok(text, nxt, toks[j + 1]):
                    after = toks[j + 1].entry
                    if (
                        after.kind == C_A
                        and j + 2 < n
                        and toks[j + 2].entry.kind == C_HALFWORD
                        and _gap_ok(text, toks[j + 1], toks[j + 2])
                        and _add_half(st)
                    ):
                        last = toks[j + 2]
                        j += 3
                        continue
                    if (
                        after.kind in (UNIT, TEEN, TEN)
                        and st.level >= 3
                        and _try_add(st, after, False)
                    ):
                        last = toks[j + 1]
                        j += 2
                        continue
                break
            if ne.kind == C_WITH:
                # "два с половиной"
                if (
                    j + 1 < n
                    and toks[j + 1].entry.kind == C_HALFWORD
                    and _gap_ok(text, last, nxt)
                    and _gap_ok(text, nxt, toks[j + 1])
                    and _add_half(st)
                ):
                    last = toks[j + 1]
                    j += 2
                    continue
                break
            if ne.kind == C_HALFSUFFIX:
                if _gap_ok(text, last, nxt) and _add_half(st):
                    last = nxt
                    j += 1
                    continue
                break
            if ne.kind >= C_AND:
                break
            hyphen = last.entry.kind == TEN and ne.kind == UNIT
            if not _gap_ok(text, last, nxt, hyphen=hyphen):
                break
            if not _try_add(st, ne, False):
                break
            last = nxt
            j += 1

        count = j - start_i
        span_start = tok.start
        span_end = last.end
        drop = False
        if count == 1 and e.kind != C_A:
            if e.kind == UNIT and e.value == 1 and not e.ordinal and st.value() == 1:
                drop = True  # bare "one", "один", "бір"
            elif ambiguous_single:
                drop = True  # "семью" = family
            elif tok.end - tok.start > 1 and text[tok.start : tok.end] == "СТО":
                drop = True  # СТО: an abbreviation, not "сто"
        if e.kind == C_A and st.tokens == 0:
            drop = True
        # "two dozen", "два десятка", "три сотни": not the figure
        if not drop and j < n and toks[j].entry.kind == C_DOZEN and _gap_ok(text, last, toks[j]):
            drop = True
        if not drop:
            out.append(
                WordNumber(
                    span_start,
                    span_end,
                    _normalise_value(st.value()),
                    text[span_start:span_end],
                    st.ordinal,
                )
            )
        i = j if j > i else i + 1
    return out


def find_number_words(text: str, lang: str | None) -> list[WordNumber]:
    """Spans of numbers written in words in `text`, for language `lang`
    ("en", "ru", "uk", "kk"; None means try English and Russian).
    Sorted by start, non-overlapping, each span maximal."""
    if not text or not isinstance(text, str):
        return []
    code = _normalise_lang(lang)
    try:
        table = _table(code)
        toks = _scan(text, table, kazakh=code == "kk")
        if not toks:
            return []
        return _parse(text, toks)
    except Exception:  # noqa: BLE001  # pragma: no cover - never crash the caller
        return []
