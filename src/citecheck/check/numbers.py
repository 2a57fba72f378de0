"""Find the numbers a text states: in a claim, to know what to check; in a source, to look.

One scanner serves both. It reads digits with every thousands separator in use
(comma, dot, space, no-break and narrow no-break space, apostrophe), decimal points and
commas by the text's language, scale words (thousand, million; тыс., млн; мың), percent
signs and words, qualifiers in front ("more than", "более", "около"), and numbers in
words (through :mod:`citecheck.check.numwords`). It never reads a number inside a URL, a
date, a time, a phone number, an identifier or a larger number; dates and years are
reported as such, so callers can treat them as context rather than counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from decimal import Decimal, InvalidOperation

from . import lexicon
from .numwords import find_number_words

# Languages whose decimal mark is a comma (and whose thousands separator is a space/dot).
DECIMAL_COMMA_LANGS = frozenset(
    "ru uk kk be bg de fr es it pt pl cs sk ro hu tr nl sv da fi no nb et lv lt sr hr sl".split()
)

_SCALES = [
    (r"trillions?|трлн\.?|триллион\w*|трильйон\w*|триллион|billones|billions?\s+de", Decimal(10) ** 12),
    (r"billions?|bn|b(?=\W|$)|млрд\.?|миллиард\w*|мільярд\w*|milliard\w*|mrd\.?|mil\s+millones|"
     r"miliard\w*|mld\.?|مليار\w*", Decimal(10) ** 9),
    (r"millions?|mln|mn|m(?=\W|$)|млн\.?|миллион\w*|мільйон\w*|милл\.|millionen|mio\.?|"
     r"millones|millón|milion\w*|مليون|ملايين", Decimal(10) ** 6),
    (r"thousands?|k(?=\W|$)|тыс\.?|тысяч\w*|тисяч\w*|тис\.|мың\w*|tausend|mille|mil(?!\w)|mila|"
     r"tys\.|tysi[ąę]c\w*|"
     r"ألف|آلاف", Decimal(10) ** 3),
]
_SCALE_RE = re.compile(
    r"\s?(?:" + "|".join(f"(?P<s{i}>{p})" for i, (p, _) in enumerate(_SCALES)) + r")(?![\w])",
    re.I,
)
_PERCENT_RE = re.compile(
    r"\s?(?:[%٪](?!\s*(?:п\.\s?п|в\.\s?п))|percent\b|per\s+cent\b|"
    r"(?:процент|відсот|prozent|пайыз)(?!\w*punkt)(?!\w*\s+(?:пункт|тармақ))\w*|"
    r"pour\s+cent\b|por\s+ciento\b|por\s+cien\b|per\s+cento\b|proc\.|procent\w*|"
    r"بالمئة|بالمائة|ف[يى]\s+المائة|ف[يى]\s+المئة)",
    re.I,
)

# Qualifiers, mapped to what they mean; matched right before a number.
QUALIFIERS: dict[str, tuple[str, ...]] = {
    "more_than": (
        "more than", "over", "upwards of", "in excess of", "just over", "well over",
        "более чем на", "больше чем на", "более чем", "более", "свыше", "больше", "понад", "більше", "астам",
        "mehr als", "über", "plus de", "más de", "أكثر من", "اكثر من",
        "superan los", "superan las", "supera los", "supera las", "superaron los", "exceeded",
        "exceed", "exceeds", "превышает", "превысило", "превысил", "перевищує", "перевищила",
        "dépasse les", "dépassent les", "تجاوز", "يتجاوز", "تتجاوز", "تجاوزت",
        "più di", "più del", "più dei", "più delle", "oltre", "oltre il", "oltre i", "oltre le",
        "ponad", "przeszło", "powyżej",
    ),
    "at_least": (
        "at least", "no fewer than", "no less than", "a minimum of",
        "не менее чем", "не менее", "не меньше", "как минимум", "по меньшей мере",
        "минимум", "щонайменше", "не менше",
        "mindestens", "au moins", "al menos", "por lo menos", "على الأقل", "almeno", "co najmniej",
        "przynajmniej",
    ),
    "about": (
        "approximately", "about", "around", "roughly", "some", "an estimated", "estimated",
        "close to", "около", "примерно", "приблизительно", "порядка", "близько",
        "приблизно", "шамамен", "шамасы",
        "etwa", "rund", "ungefähr", "environ", "près de", "quelque", "alrededor de", "unos",
        "unas", "cerca de", "aproximadamente", "نحو", "حوالي", "قرابة", "circa", "intorno al",
        "intorno ai", "attorno al", "attorno ai", "około",
    ),
    "nearly": ("nearly", "almost", "just under", "почти", "чуть менее", "майже", "жуық",
               "fast", "knapp", "presque", "casi", "quasi", "prawie", "niemal", "niespełna"),
    "less_than": ("less than", "fewer than", "under", "менее чем на", "менее", "меньше", "менше",
                  "meno di", "meno del", "sotto il", "mniej niż", "poniżej"),
    "at_most": ("at most", "up to", "no more than", "не более чем", "не более", "не більше", "до",
                "fino a", "fino al", "fino ai"),
}
_QUALIFIER_RE = re.compile(
    r"(?:^|(?<=[\s(«\"“]))(?P<q>"
    + lexicon.alternation(
        sorted((p for ps in QUALIFIERS.values() for p in ps), key=len, reverse=True))
    + r")\s+(?:الـ\s*)?$",  # "تتجاوز الـ 200": the Arabic article between them
    re.I,
)
_QUALIFIER_CLASS = {p: cls for cls, ps in QUALIFIERS.items() for p in ps}
# "Over nine years, archaeologists found …": an "over" that opens its sentence or clause,
# before a span of time, says during how long, not "more than" (unlike "for over 20 years",
# "sentenced to over ten years", "over 18 years old")
_DURATION_OPENER_RE = re.compile(r"(?:^|[.!?;:,]\s*|\n\s*)$")
_DURATION_UNIT_RE = re.compile(r"\s+(?:years?|months?|weeks?|days?|decades?|centuries)"
                               r"(?!\s+(?:old|ago|of\s+age))(?!\w)", re.I)
# Qualifiers that follow the number (Kazakh postpositions, Russian "с лишним").
POSTFIX_QUALIFIERS: dict[str, tuple[str, ...]] = {
    "more_than": ("астам", "артық", "аса", "с лишним", "с небольшим", "с гаком", "з гаком",
                  "з лишком", "plus"),
    "at_least": ("кем емес", "кем дегенде"),
    "about": ("шамасында", "шақты", "or so"),
    "nearly": ("жуық", "жуығы"),
}
# Kazakh puts "more than" after the number in the ablative: "100-ден астам"
_ABLATIVE = r"(?:дан|ден|тан|тен|нан|нен)"
_POSTFIX_RE = re.compile(
    rf"(?:[-–]{_ABLATIVE})?\s+(?P<q>" + lexicon.alternation(
        sorted((p for ps in POSTFIX_QUALIFIERS.values() for p in ps), key=len, reverse=True)) + r")(?!\w)",
    re.I,
)
_POSTFIX_CLASS = {p: cls for cls, ps in POSTFIX_QUALIFIERS.items() for p in ps}

_FULL_MONTHS = {"may", "май", "мая", "мае", "mai"}


def _month_regex() -> str:
    names, suffixed, _ = lexicon.month_names()
    full = sorted((n for n in names if len(n) >= 4 or n in _FULL_MONTHS), key=len, reverse=True)
    abbr = sorted((n for n in names if len(n) < 4 and n not in _FULL_MONTHS), key=len,
                  reverse=True)
    alts = [re.escape(n) + (r"\w*" if n in suffixed else "") for n in full]
    return (r"(?:" + "|".join(alts) + r")(?!\w)"
            + (r"|(?:" + "|".join(map(re.escape, abbr)) + r")\." if abbr else ""))


_MONTH = _month_regex()


# a month's name in any language with a data file ("im Januar 2011", "у червні 2022"), or
# an English one cut short without its stop ("Jan 2019")
_YEAR_BEFORE = re.compile(
    rf"(?:\b(?:{_MONTH}|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?"
    r"|\b(?:in|since|by|from|until|till|of|early|late|mid|between|and|to|"
    r"year|fiscal|fy|в|с|до|по|к|от|году|год|року|рік|жылы|жылғы)),?\s*$"
    r"|(?<![\d.,])(?:1[89]|20)\d\d\s?[-–/]$",  # "the 2023-2024 school year": both years
    re.I,
)
_YEAR_AFTER = re.compile(
    r"^(?:\s*(?:[.,;:!?)\]»”\"]|$)|\s*(?:years?\b|г\.|гг\.|года?\b|году\b|год\b|року\b|рік\b|ж\.|жыл\w*|–|-))",
    re.I,
)
# what the day of a date may carry: "le 1er août", "1º de agosto", "1st August"
_DAY_SUFFIX = r"(?:st|nd|rd|th|er|re|ᵉʳ|º|°)"
_RANGE_WORD = r"(?:\s*[–—-]\s*|\s+(?:to|and|до|по|и|і|та|bis|au|al|y|et|à|a)\s+)"
def _day_month_regex(month: str) -> re.Pattern[str]:
    """12 April 2022, 12. April, 12 de abril de 2022, 12–18 April, 12 to 18 April; April 12,
    2022, with `month` the month names' pattern. The lookahead before <m2> changes no match (a
    month name is a run of word characters before the day); it only spares trying every month
    name at every word of the text."""
    return re.compile(
        rf"\b(?P<d1>\d{{1,2}})(?:\.|{_DAY_SUFFIX})?(?:{_RANGE_WORD}(?P<e1>\d{{1,2}})(?:\.|{_DAY_SUFFIX})?)?\s+(?:de\s+)?"
        rf"(?P<m1>{month})(?:,?\s+(?:de\s+)?(?P<y1>\d{{4}})(?!\d))?"
        rf"|\b(?=\w++\.?\s+\d)(?P<m2>{month})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?"
        rf"(?:(?:\s*[–—-]\s*|\s+(?:to|through)\s+)(?P<e2>\d{{1,2}})(?:st|nd|rd|th)?)?(?!\d|[.,]\d)\b"
        rf"(?:,?\s+(?P<y2>\d{{4}})(?!\d))?",
        re.I,
    )


_DAY_MONTH_RE = _day_month_regex(_MONTH)


@lru_cache(maxsize=None)
def _dates_of(lang: str) -> tuple[re.Pattern[str], dict[str, int]]:
    """The day-and-month pattern and the month names a page in `lang` is read with: every
    data file's, and for a language without one, its own month names from dateparser's CLDR
    data too ("30 Mart", "22 Mayıs 2024"), which no other page is read with."""
    names, _, _ = lexicon.month_names()
    own = {} if lexicon.has_data(lang) else {
        k: v for k, v in lexicon.months_of(lang).items() if k not in names}
    if not own:
        return _DAY_MONTH_RE, names
    alts = "|".join(map(re.escape, sorted(own, key=len, reverse=True)))
    return _day_month_regex(rf"(?:{alts})(?!\w)|{_MONTH}"), {**names, **own}


# (one \b tested a place for the three words, not one a word: a third of the time; "№" and
# "#" start no word, so the order among them and the words changes no match)
_RANK_RE = re.compile(r"(?:\b(?:No\.|Nos?\.|number\s+(?=\d))|№|#)\s*(?P<n>\d{1,4})(?![\d.,]\d)",
                      re.I)
_ARABIC_MARKS = str.maketrans({"٫": ".", "٬": ","})
# What no number is read inside: URLs, e-mail addresses, domain names, phone numbers, article
# and postal numbers, times. Each piece is a regular expression matched at a word's start
# (after \b), but the two phone forms that start with "+" or "(".
_MASK_URL = r"""(?:https?|ftp)://\S+|www\.\S+"""
_MASK_EMAIL = r"""\S+@\S+\.\w+"""
_MASK_DOMAIN = r"""[\w.-]+\.(?:com|org|net|ru|kz|ua|gov|edu|info|io|uk|de|fr)(?:/\S*)?"""
_MASK_AT_WORD = (
    r"""(?:тел\.|телефон\w*|номер\w*|phone|tel\.|call|hotline|горяч\w+ лини\w+)\s*:?\s*\+?\d(?:[\d\s()\-]*\d)?""",
    r"""(?:стать\w*|ст\.|articles?|art\.|sections?|sec\.|пункт\w*|п\.|част[ьиі]\w*|ч\.|"""
    r"""бап\w*|статт\w*|індекс\w*|индекс\w*|postcode|zip)\s*\d+(?:[.,\-–]\d+)*""",
    r"""\d{5,6}(?=,\s*(?:г\.|м\.|ул\.|вул\.|(?:город|місто|Россия|Украина|Україна|Казахстан|РК)\b))""",
    r"""\d{3,5}(?=\s+(?:бірыңғай\s+)?(?:байланыс\s+орталы|колл-центр|call[- ]cent(?:re|er)|"""
    r"""контакт-центр|горяч\w+\s+лини|гаряч\w+\s+лін))""",
)
_MASK_PHONES = r"""\+\d[\d\s()\-]{7,}\d|\(\d{3,5}\)\s?\d[\d\-\s]{4,}\d"""
_MASK_LAST = (r"""\d{3}-\d{2}-\d{2}\b""", r"""\d{1,2}:\d{2}(?::\d{2})?\b""")
# Every piece, in this order (at one place, the first that matches wins).
_MASKS = re.compile(
    "|".join([_MASK_URL, r"\b" + _MASK_DOMAIN, _MASK_EMAIL,
              *(r"\b" + p for p in _MASK_AT_WORD), _MASK_PHONES,
              *(r"\b" + p for p in _MASK_LAST)]),
    re.I,
)
# The same, for a text in which neither a URL nor an e-mail address can start (no "://",
# "www." or "@", most pages' text): what is left starts at a word's start, or with "+" or
# "(", which no word's start is, so the one \b is tested once a place instead of once a
# piece (the mask is about 40% quicker; the masks are the same, tests/test_figures.py).
_MASKS_PLAIN = re.compile(
    r"\b(?:" + "|".join([_MASK_DOMAIN, *_MASK_AT_WORD]) + ")|" + _MASK_PHONES
    + r"|\b(?:" + "|".join(_MASK_LAST) + ")",
    re.I,
)
_MASK_NEEDS_ALL = re.compile(r"://|www\.|@", re.I)
_NUMERIC_DATE_RE = re.compile(
    r"\b(?:(?P<a>\d{1,2})[./](?P<b>\d{1,2})[./](?P<y>\d{4}|\d{2})\b|(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})\b)"
)
_DIGITS_RE = re.compile(
    r"\d{1,3}(?:(?P<sep>[,.\u00a0\u202f\u2009 '’])\d{3}(?!\d))(?:(?P=sep)\d{3}(?!\d))*"
    r"(?:(?P<dec>[.,])\d+)?"
    r"|\d+(?:[.,]\d+)?"
)
_YEAR_NAMES_RE = re.compile(r"\s+(?:[A-ZА-ЯЁІЇЄҚӘҒҢӨҰҮҺ][^\W\d_]|[–—-]\s?\d{2,4}\b|(?:and|or|и|і|та)\s+\d{4}\b)")
_RANGE_TAIL_RE = re.compile(r"\s?[–—-]\s?\d+(?:[.,]\d+)?(?=\s?\S)")
# the next group of a number in groups of falling scale: "27 млн 300 тысяч", Arabic "866 ألف
# و866" (866 thousand and 866)
_NEXT_GROUP_RE = re.compile(r"\s+(?P<and>و\s?)?(?P<n>\d{1,3})(?![\d.,]\d)")
_CURRENCY_BEFORE = re.compile(r"[$€£₸₽¥]\s?$")
_CURRENCY_AFTER = re.compile(r"[$€£]")  # "7 M€", "12 M$": a scale's letter glued to it


@dataclass(frozen=True)
class Mention:
    """A number stated in a text."""

    start: int
    end: int
    text: str
    value: Decimal
    kind: str  # "count", "percent", "year", "date", "ordinal", "rank" (No. 5) or "decade"
    qualifier: str | None = None  # a key of QUALIFIERS
    alternatives: tuple[Decimal, ...] = ()  # other readings of an ambiguous spelling
    in_words: bool = False
    parts: tuple[int, int, int] | None = None  # a date's (year, month, day), 0 where unstated

    def values(self) -> tuple[Decimal, ...]:
        return (self.value, *self.alternatives)


def scan(text: str, lang: str | None = "en") -> list[Mention]:
    """Every number stated in `text`, in order."""
    lang = (lang or "en").lower()[:2]
    text = text.translate(_ARABIC_MARKS)  # ١٫٥ is 1.5; one character for one, offsets kept
    blocked = bytearray(len(text))  # 1 where no number may be read
    mentions: list[Mention] = []

    masks = _MASKS if _MASK_NEEDS_ALL.search(text) else _MASKS_PLAIN
    for m in masks.finditer(text):
        blocked[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    order = lexicon.date_order(lang)
    for m in _NUMERIC_DATE_RE.finditer(text):
        if any(blocked[m.start() : m.end()]):
            continue
        year = m.group("y") or m.group("iy")
        if m.group("iy"):
            parts = (int(year), int(m.group("im")), int(m.group("id")))
        else:
            a, b = int(m.group("a")), int(m.group("b"))
            day, month = (b, a) if order == "mdy" else (a, b)
            y = int(year) + (2000 if len(year) == 2 else 0)
            parts = (y, month, day) if 1 <= month <= 12 and 1 <= day <= 31 else (y, 0, 0)
        mentions.append(_date(text, m.start(), m.end(), Decimal(year), parts))
        blocked[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    _, suffixed, _ = lexicon.month_names()
    day_month, names = _dates_of(lang)
    for m in day_month.finditer(text):
        if any(blocked[m.start() : m.end()]):
            continue
        day = int(m.group("d1") or m.group("d2"))
        last = m.group("e1") or m.group("e2")
        month = _month_number(m.group("m1") or m.group("m2"), names, suffixed)
        if not 1 <= day <= 31 or not month or (last and not 1 <= int(last) <= 31):
            continue
        year = int(m.group("y1") or m.group("y2") or 0)
        if last:  # "12 to 18 April": two dates, neither of them a count
            second = m.start("e1") if m.group("e1") else m.start("e2")
            first_end = m.end("d1") if m.group("e1") else m.end("d2")
            mentions.append(_date(text, m.start(), first_end, Decimal(day), (year, month, day)))
            mentions.append(_date(text, second, m.end(), Decimal(int(last)),
                                  (year, month, int(last))))
        else:
            mentions.append(_date(text, m.start(), m.end(), Decimal(day), (year, month, day)))
        blocked[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    for m in _RANK_RE.finditer(text):
        if any(blocked[m.start() : m.end()]):
            continue
        mentions.append(Mention(m.start(), m.end(), text[m.start() : m.end()],
                                Decimal(m.group("n")), "rank"))
        blocked[m.start() : m.end()] = b"\x01" * (m.end() - m.start())

    for m in _DIGITS_RE.finditer(text):
        start, end = m.start(), m.end()
        if any(blocked[start:end]):
            continue
        glued = _glued(text, start, end)
        if glued == "part":
            continue
        reading = _read_digits(m, lang)
        if reading is None:
            continue
        value, alternatives, plain_integer = reading
        if glued is not None:  # 4th, 8-й, 1990s, 1990-х: an ordinal or a decade
            kind, stop = glued
            mention = Mention(start, stop, text[start:stop], value, kind)
            mentions.append(mention)
            blocked[start:stop] = b"\x01" * (stop - start)
            continue
        mention = _finish(text, start, end, value, alternatives, plain_integer, False)
        mentions.append(mention)
        blocked[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)

    word_lang = lang if lang in ("en", "ru", "uk", "kk") else "en"
    for w in find_number_words(text, word_lang):
        if any(blocked[w.start : w.end]):
            continue
        if w.ordinal:  # "fourth", "четвёртый": compared with ordinals only
            mentions.append(Mention(w.start, w.end, text[w.start : w.end], w.value, "ordinal",
                                    in_words=True))
            continue
        mentions.append(_finish(text, w.start, w.end, w.value, (), False, True))

    words = lexicon.language(lang)
    if words.number_parser == "text2num":  # "zweihundertdreiundvierzig", "dos mil 555"
        for start, stop, value in _big_number_words(text, words):
            if any(blocked[start:stop]):
                if not _glued_thousands(mentions, blocked, text, start, stop):
                    continue
            mentions.append(_finish(text, start, stop, value, (), False, True))
            blocked[start:stop] = b"\x01" * (stop - start)
    if words.number_re is not None:  # languages whose number words are data ("zwölf")
        for start, stop, value in _data_number_words(text, words):
            if any(blocked[start:stop]):
                continue
            mentions.append(_finish(text, start, stop, Decimal(value), (), False, True))
            blocked[start:stop] = b"\x01" * (stop - start)

    if words.about_re is not None:  # "une vingtaine", "полторы сотни": about 20, about 150
        for w in words.about_re.finditer(text):
            if any(blocked[w.start() : w.end()]):
                continue
            value = words.about_words[" ".join(w.group(0).lower().split())]
            mention = _finish(text, w.start(), w.end(), Decimal(value), (), False, True)
            mentions.append(replace(mention, qualifier=mention.qualifier or "about"))
            blocked[w.start() : w.end()] = b"\x01" * (w.end() - w.start())

    mentions.sort(key=lambda x: x.start)
    if words.year_before_re is not None or words.year_after_re is not None:
        mentions = [_year_by_word(text, m, words) for m in mentions]
    return _labelled_percents(text, mentions)


def _year_by_word(text: str, m: Mention, words: lexicon.Language) -> Mention:
    """A plain four-digit count that the language's year word stands right before ("من عام
    2022", "im Jahr 2015") or right after ("2001 yılında", "2024’te") is a year."""
    if (m.kind == "count" and not m.in_words and not m.qualifier and m.text.isdigit()
            and len(m.text) == 4 and 1800 <= m.value <= 2100) and (
            (words.year_before_re and words.year_before_re.search(text, max(0, m.start - 30),
                                                                  m.start))
            or (words.year_after_re and words.year_after_re.match(text, m.end))):
        return replace(m, kind="year")
    return m


# ", Шымкент қаласы – " between two values of a list of labelled values
_LABEL_GAP_RE = re.compile(r",\s*[^\W\d_][^,.;:!?\d()]{0,40}?\s[–—-]\s*$")


def _labelled_percents(text: str, mentions: list[Mention]) -> list[Mention]:
    """A list of labelled values whose last states the percent ("Нұр-Сұлтан қаласы – 45,1,
    Алматы қаласы – 30,3, Шымкент қаласы – 56,5 пайыз"): each value of it is a percent."""
    out = list(mentions)
    for n in range(len(out) - 1, 0, -1):
        nxt, m = out[n], out[n - 1]
        if nxt.kind == "percent" and m.kind == "count" and not m.qualifier and m.value <= 100 \
                and not m.in_words and _LABEL_GAP_RE.search(text, m.end, nxt.start) \
                and re.search(r"[–—-]\s*$", text[max(0, m.start - 3) : m.start]):
            out[n - 1] = replace(m, kind="percent")
    return out


def _data_number_words(text: str, words: lexicon.Language) -> list[tuple[int, int, int]]:
    """(start, end, value) of the number words a language's file lists, in its text with
    the file's letter folds applied (one letter for one: the offsets are the text's). A
    round number and a smaller one joined by one of its number_joiners are one number
    ("مائتان وخمسون", 250)."""
    assert words.number_re is not None
    folded = text.translate(words.letter_folds) if words.letter_folds else text
    out: list[tuple[int, int, int]] = []
    days = lexicon.weekdays(words.code)
    for w in words.number_re.finditer(folded):
        start, stop = w.span("n")
        if any(w.group(0).lower().endswith(d) for d in days):
            continue  # "الإثنين", Monday: a day of the week, not two
        value = words.number_words[" ".join(w.group("n").lower().split())]
        if out and (last := out[-1])[2] % 100 == 0 and value < _magnitude(last[2]) and (
                "".join(folded[last[1] : start].split()) in words.number_joiners):
            out[-1] = (last[0], stop, last[2] + value)
            continue
        out.append((start, stop, value))
    return out


def _magnitude(value: int) -> int:
    """The power of ten a round number is counted in: 100 for 200, 1000 for 5000."""
    return 10 ** (len(str(value)) - 1)


_WORD_TOKEN_RE = re.compile(r"[^\W\d_]+", re.U)


def _big_number_words(text: str, words: lexicon.Language) -> list[tuple[int, int, Decimal]]:
    """Numbers above 100 written in words, valued by text2num (a maintained parser of
    French, Spanish, German… number words): runs of the language's number words, scale
    words and joiners, or one compound word made of them ("zweihundertdreiundvierzig"),
    with a scale word in them. A number of thousands followed by digits is one number
    ("dos mil 555": 2555)."""
    parts = _number_parts(words)
    if parts is None:
        return []
    from text_to_num import text2num

    tokens = [(m.start(), m.end(), m.group(0).lower()) for m in _WORD_TOKEN_RE.finditer(text)]
    out: list[tuple[int, int, Decimal]] = []
    k = 0
    while k < len(tokens):
        run = []
        j = k
        while j < len(tokens) and parts.fullmatch(tokens[j][2]) and (
                not run or _only_space(text[tokens[j - 1][1] : tokens[j][0]])):
            run.append(j)
            j += 1
        while run and tokens[run[-1]][2] in words.number_joiners:
            run.pop()
        while run and tokens[run[0]][2] in words.number_joiners:
            run.pop(0)  # "y dos mil": the joiner belongs to what stands before
        has_scale = any(_has_scale(tokens[r][2], words) for r in run)
        if run and has_scale and (len(run) > 1 or tokens[run[0]][2] not in words.number_scales):
            start, stop = tokens[run[0]][0], tokens[run[-1]][1]
            try:
                value = Decimal(text2num(text[start:stop], words.code))
            except (ValueError, TypeError):
                value = None
            if value is not None and value > 100:
                digits = re.match(r"\s+(\d{1,3})(?![\d.,]\d)", text[stop:])
                if digits and value % 1000 == 0 and value < 10**9:
                    value += int(digits.group(1))  # "dos mil 555"
                    stop += digits.end()
                out.append((start, stop, value))
        k = max(j, k + 1)
    return out


def _only_space(gap: str) -> bool:
    return gap.strip(" -\u00a0") == ""


def _has_scale(token: str, words: lexicon.Language) -> bool:
    return any(scale in token for scale in words.number_scales)


@lru_cache(maxsize=16)
def _number_parts(words: lexicon.Language) -> re.Pattern[str] | None:
    """A word made only of the language's number words, scale words and joiners."""
    pieces = set(words.number_words) | words.number_scales | words.number_joiners
    pieces = {p for p in pieces if " " not in p}
    if not pieces:
        return None
    return re.compile("(?:" + "|".join(map(re.escape, sorted(pieces, key=len, reverse=True)))
                      + ")+")


def _glued_thousands(mentions: list[Mention], blocked: bytearray, text: str, start: int,
                     stop: int) -> bool:
    """Make room for "dos mil 555": the digits "555", read alone before, are part of it."""
    inside = [m for m in mentions if m.start < stop and m.end > start]
    if not inside or any(m.start < start or m.in_words for m in inside):
        return False
    if not all(text[m.start : m.end].strip().isdigit() for m in inside):
        return False
    for m in inside:
        mentions.remove(m)
    blocked[start:stop] = b"\x00" * (stop - start)
    return True


def _date(text: str, start: int, end: int, value: Decimal, parts: tuple[int, int, int]
          ) -> Mention:
    return Mention(start, end, text[start:end], value, "date", parts=parts)


def month_before(text: str, at: int, lang: str | None) -> int:
    """The month (1-12) whose name stands right before position `at` ("im Januar 2011",
    "March 2011"), in any language with a data file or in `lang`'s own; 0 when none."""
    lang = (lang or "en").lower()[:2]
    pattern, names = _month_before_of(lang)
    m = pattern.search(text, max(0, at - 30), at)
    return _month_number(m.group(1), names, lexicon.month_names()[1]) if m else 0


@lru_cache(maxsize=None)
def _month_before_of(lang: str) -> tuple[re.Pattern[str], dict[str, int]]:
    _, names = _dates_of(lang)
    alts = "|".join(re.escape(n) for n in sorted(set(names) - set(lexicon.month_names()[0]),
                                                  key=len, reverse=True))
    own = rf"(?:{alts})(?!\w)|" if alts else ""
    return re.compile(rf"\b({own}{_MONTH})\.?,?\s*$", re.I), names


def _month_number(word: str, names: dict[str, int], suffixed: frozenset[str]) -> int:
    w = word.lower().rstrip(".")
    if w in names:
        return names[w]
    for n in range(len(w) - 1, 3, -1):  # Kazakh "қаңтарда": the name and a case suffix
        if w[:n] in suffixed:
            return names[w[:n]]
    return 0


_LETTERS_RE = re.compile(r"[^\W\d_]+|['’]s\b", re.U)


def _glued(text: str, start: int, end: int) -> str | tuple[str, int] | None:
    """What letters glued to digits make of them: "part" of an identifier (C5, COVID-19,
    5G), an ("ordinal", end) (4th, 8-й, 20-шы), a ("decade", end) (1990s, 1990-х, 1990er),
    or None: a number, also when a hyphen joins it to a word (23-man, 14-year-old, Kazakh
    11-і)."""
    after = text[end : end + 1]
    hyphen = after in "-–" and after != "" and text[end + 1 : end + 2].isalpha()
    if not (after.isalpha() or (after != "" and after in "'’") or hyphen):
        return "part" if _inside_token(text, start, end) else None
    if _inside_token(text, start, end, letters_after=False):
        return "part"
    letters = _LETTERS_RE.match(text, end + 1 if hyphen else end)
    if letters is None:
        return "part" if not hyphen else None
    suffix = letters.group(0).lower()
    stop = letters.end()
    ordinal, _ = lexicon.number_suffixes()
    _, _, decades = lexicon.month_names()
    digits = text[start:end]
    if len(digits) == 4 and digits.isdigit() and digits.endswith("0") and (
            1800 <= int(digits) <= 2090) and any(
            text[end + (1 if hyphen else 0):].lower().startswith(d) and (
                len(text) <= end + (1 if hyphen else 0) + len(d)
                or not text[end + (1 if hyphen else 0) + len(d)].isalpha())
            for d in decades):
        return ("decade", stop)
    if suffix in ordinal:
        return ("ordinal", stop)
    if hyphen:
        return None  # 23-man, 14-year-old, 10-летний, 11-і: the number, and its word
    if _scale_at(text, start, end) is not None:
        return None  # $1.5m, 2bn
    return "part"


def _inside_token(text: str, start: int, end: int, letters_after: bool = True) -> bool:
    """Digits glued to letters or other digits are part of an identifier (C5, COVID-19, a/123)."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    glued = lexicon.proclitic_before(text, start)
    if glued and (start == glued or not text[start - glued - 1].isalnum()):
        before = " "  # Arabic "و15", "بـ34": "and 15", "with 34"
    if before.isalnum() or before in "/#_№\\=&?":
        return True
    if before in "-–" and start >= 2 and text[start - 2].isalpha():
        return True
    if before in ".," and start >= 2 and text[start - 2].isdigit():
        return True
    if before == "+" and start >= 2 and text[start - 2].isalnum():
        return True  # C5+1, 3+2: a format's name, not a count
    if after == "+" and end + 1 < len(text) and text[end + 1].isalnum():
        return True
    if after.isalpha() and letters_after:
        return _scale_at(text, start, end) is None  # 10th, 5G, 5m; but $1.5m, 2bn
    if letters_after and after in "-" and end + 1 < len(text) and text[end + 1].isalpha():
        # 8-й, 3-го, 10-летний: ordinals and compounds, not counts.
        return True
    if after in "/_" or (after in ".," and end + 1 < len(text) and text[end + 1].isdigit()):
        return True
    return False


def _read_digits(m: re.Match[str], lang: str) -> tuple[Decimal, tuple[Decimal, ...], bool] | None:
    s = m.group(0)
    sep = m.group("sep")
    decimal_comma = lang in DECIMAL_COMMA_LANGS
    try:
        if sep is None:
            if "," in s or "." in s:
                mark = "," if "," in s else "."
                number = Decimal(s.replace(mark, "."))
                if mark == ("." if decimal_comma else ","):
                    # 3.5 in a Russian text, 3,5 in an English one: unusual; read both ways.
                    return number, (), False
                return number, (), False
            return Decimal(s), (), True
        groups = s.split(sep)
        if m.group("dec"):
            whole, _, frac = s.rpartition(m.group("dec"))
            return Decimal(whole.replace(sep, "") + "." + frac), (), False
        grouped = Decimal("".join(groups))
        if sep in ",." and len(groups) == 2:
            as_decimal = Decimal(groups[0] + "." + groups[1])
            decimal_mark = "," if decimal_comma else "."
            if sep == decimal_mark:
                return as_decimal, (), False  # "1,500" in Russian is one and a half
            return grouped, (), False
        if sep == " ":
            # A plain space may separate thousands or two numbers ("in 2022 234 people").
            parts = tuple(Decimal(g) for g in groups if g == "0" or not g.startswith("0"))
            return grouped, parts, False
        return grouped, (), False
    except InvalidOperation:
        return None


def _scale_at(text: str, start: int, end: int) -> tuple[Decimal, int] | None:
    """The scale word after a number ("million", "тыс.", "bn"), as (factor, new end)."""
    m = _SCALE_RE.match(text, end)
    if not m:
        return None
    word = m.group(0).strip()
    if len(word) == 1 and (m.group(0) != word or not _CURRENCY_BEFORE.search(text, 0, start)) \
            and not _CURRENCY_AFTER.match(text, m.end()):
        return None  # "5m" is five metres and "10 k" is nothing; "$1.5m", "7 M€" are money
    factor = next(f for i, (_, f) in enumerate(_SCALES) if m.group(f"s{i}"))
    if len(word) == 1 and (symbol := _CURRENCY_AFTER.match(text, m.end())):
        return factor, symbol.end()  # "7 M€": the symbol is the number's
    return factor, m.end()


def _finish(
    text: str,
    start: int,
    end: int,
    value: Decimal,
    alternatives: tuple[Decimal, ...],
    plain_integer: bool,
    in_words: bool,
) -> Mention:
    kind = "count"
    scale = _scale_at(text, start, end)
    if scale:
        factor, end = scale
        value *= factor
        alternatives = ()
        plain_integer = False
        # "27 млн 300 тысяч", "2 million 300 thousand": one number in groups of falling scale
        while (group := _NEXT_GROUP_RE.match(text, end)) is not None:
            lower = _scale_at(text, group.start("n"), group.end("n"))
            if lower is None and group.group("and") and factor == 1000:
                value += Decimal(group.group("n"))  # "866 ألف و866": the units, last
                end = group.end()
                break
            if lower is None or lower[0] >= factor:
                break
            factor, end = lower[0], lower[1]
            value += Decimal(group.group("n")) * factor
    percent = _PERCENT_RE.match(text, end)
    if percent:
        kind, end = "percent", percent.end()
        plain_integer = False
    elif (tail := _RANGE_TAIL_RE.match(text, end)) is not None:
        # "75–95%", "2–3 million": the range's start shares its end's sign and scale
        if _PERCENT_RE.match(text, tail.end()):
            kind, plain_integer = "percent", False
        elif not scale and (far := _scale_at(text, start, tail.end())):
            value *= far[0]
            alternatives, plain_integer = (), False
    before = text[max(0, start - 40) : start]
    currency = _CURRENCY_BEFORE.search(before)
    if currency:
        start -= len(currency.group(0))
        before = text[max(0, start - 40) : start]
        plain_integer = False
    if plain_integer and 1800 <= value <= 2100 and len(text[start:end]) == 4:
        if (_YEAR_BEFORE.search(before) or _YEAR_AFTER.match(text[end : end + 12])
                or _YEAR_NAMES_RE.match(text, end) or before.endswith(("the ", "The "))):
            kind = "year"  # "in 2019", "2019–2020", "the 2019 World Cup"
    if value == value.to_integral_value():
        value = value.to_integral_value()
    qualifier = None
    q = _QUALIFIER_RE.search(before)
    if q and q.group("q").lower() == "over" and _DURATION_OPENER_RE.search(before, 0, q.start(
            "q")) and _DURATION_UNIT_RE.match(text, end):
        q = None  # "Over nine years, archaeologists found …": during nine years, not more than
    if q and kind != "year":
        qualifier = _QUALIFIER_CLASS[" ".join(q.group("q").lower().split())]
        start -= len(q.group(0))
    elif kind != "year" and (post := _POSTFIX_RE.match(text, end)):
        qualifier = _POSTFIX_CLASS[" ".join(post.group("q").lower().split())]
        end = post.end()
    return Mention(start, end, text[start:end], value, kind, qualifier, alternatives, in_words)

