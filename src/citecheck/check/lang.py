"""What citecheck knows of a language, read from ``data/lang/<code>.json``: one interface.

A language file may give:

- ``stem``: a Snowball stemmer (``snowball:russian``), ``lemmas``: a pymorphy3 dictionary
  (``pymorphy3:uk``) or simplemma's lemmas (``simplemma:pl``), one or a list, or ``suffixes``
  (with ``min_stem``, ``fused_suffixes`` and ``final_alternations``) to strip, for a
  language with neither (Kazakh), and ``prefixes``: clitics written as one with the word,
  whose word is normalised without them too (Arabic و "and": والكاكاو is الكاكاو). Every
  word of a page and of the lexicon is normalised the same way, so
  that "касках" meets "каска" and "Foltervorwürfe" meets "Folter";
- ``names``: how the language writes each canonical name of ``en.json`` (UN → ООН);
- ``words``: the language's words for an English content word (helmet → каска, шлем);
- ``compounds``: a lexicon word also counts as the first or last part of a longer word;
- ``nouns_capitalised``: the language writes nouns with a capital, so a word's last part
  counts only in a capitalised word (a noun compound), not in a verb whose prefix changes it;
- ``consonant_names``: names are also compared by their consonants (Arabic script).
- ``negative_verbs``: the endings of a negative verb, each with what every form of it keeps
  (Turkish vurmamak, vurma-): such a dictionary word is met only by a word that keeps them;
- ``name_articles``: an article a country's name may begin with and its adjective drops
  (Arabic الهند, India: هندي, Indian);

Beside it, ``data/lang/dict/<code>.json.gz`` may give a general English-to-language word list
built from published bilingual dictionaries by ``scripts/build_dictionaries.py`` (Mueller's
and FreeDict's English-Russian dictionaries; Apertium's Russian-Ukrainian and English-Spanish
ones; FreeDict's Ding, French, Spanish, Arabic, Polish and Turkish ones, and their other direction read
backwards: see that script for sources and licences), and ``<code>.<source>.json.gz`` beside
it a source under another licence. It is consulted only for a word the hand-kept ``words``
do not list.

Country and territory names come from CLDR through Babel instead. The code never branches
on a language: adding one means adding its file.
"""

from __future__ import annotations

import gzip
import json
import re
import threading
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).parent / "data" / "lang"
WORD_RE = re.compile(r"[^\W_]+", re.U)  # letters and digits; hyphens and apostrophes split
_lock = threading.Lock()


class Language:
    def __init__(self, code: str, data: dict):
        self.code = code
        self.names: dict[str, list[str]] = data.get("names", {})
        self.words: dict[str, list[str]] = data.get("words", {})
        self.compounds = bool(data.get("compounds"))
        self.nouns_capitalised = bool(data.get("nouns_capitalised"))
        self.consonant_names = bool(data.get("consonant_names"))
        self.data = data
        self._normalisers = _normalisers(data)
        self._prefixes = sorted(data.get("prefixes", []), key=len, reverse=True)
        self._prefix_min = int(data.get("min_stem", 3))

    @property
    def dictionary(self) -> "Dictionary | None":
        """The general English word list for this language, or None when there is none."""
        return dictionary(self.code)

    def keys(self, word: str) -> frozenset[str]:
        """The forms a word is compared by: itself lower-cased, its stem, its lemmas."""
        return _keys(self, word.casefold())

    def __repr__(self) -> str:
        return f"Language({self.code!r})"


@lru_cache(maxsize=200_000)
def _keys(lang: Language, word: str) -> frozenset[str]:
    keys = {word}
    for normalise in lang._normalisers:
        keys.update(k for k in normalise(word) if len(k) >= 2)
    # a clitic written as one with the word (Arabic و "and": والكاكاو, وتمويل): the word
    # without it is normalised too
    for prefix in lang._prefixes:
        rest = word[len(prefix):]
        if word.startswith(prefix) and len(rest) >= lang._prefix_min:
            keys.add(rest)
            for normalise in lang._normalisers:
                keys.update(k for k in normalise(rest) if len(k) >= 2)
            break
    return frozenset(keys)


def _normalisers(data: dict) -> list[Callable[[str], list[str]]]:
    found: list[Callable[[str], list[str]]] = []
    stem = data.get("stem", "")
    if stem.startswith("snowball:"):
        import snowballstemmer

        stemmer = snowballstemmer.stemmer(stem.split(":", 1)[1])
        stem_lock = threading.Lock()  # a Snowball stemmer keeps state between calls

        def snowball(word: str) -> list[str]:
            with stem_lock:
                return [stemmer.stemWord(word)]

        found.append(snowball)
    lemmas = data.get("lemmas", [])
    for lemmatiser in [lemmas] if isinstance(lemmas, str) else lemmas:
        kind, _, code = lemmatiser.partition(":")
        if kind == "pymorphy3":
            found.append(_pymorphy_lemmas(code))
        elif kind == "simplemma":
            found.append(_simplemma_lemmas(code))
    suffixes = sorted(data.get("suffixes", []), key=len, reverse=True)
    # an ending that may also stand for a stem's letters fused with a suffix's (Kazakh
    # журналист + тер = журналистер: "стер": "ст"), beside the plain stripping (бас + тар)
    fused = sorted(data.get("fused_suffixes", {}).items(), key=lambda kv: -len(kv[0]))
    # a stem's last consonant voiced before a suffix (Kazakh көлік + і = көлігі): the
    # stripped stem also read with its plain consonant
    alternations = data.get("final_alternations", {})
    if suffixes:
        min_stem = int(data.get("min_stem", 3))

        def strip(word: str) -> list[str]:
            stems = [word[: -len(end)] + stem for end, stem in fused
                     if word.endswith(end) and len(word) - len(end) + len(stem) >= min_stem][:1]
            while True:
                cut = next((s for s in suffixes
                            if word.endswith(s) and len(word) - len(s) >= min_stem), None)
                if cut is None:
                    return stems
                word = word[: -len(cut)]
                stems.append(word)
                if word[-1:] in alternations:
                    stems.append(word[:-1] + alternations[word[-1]])

        found.append(strip)
    return found


def _pymorphy_lemmas(code: str) -> Callable[[str], list[str]]:
    analyzer = morph(code)

    def lemmatise(word: str) -> list[str]:
        if not re.search(r"[^\W\d_]", word):
            return []
        try:
            return list(dict.fromkeys(p.normal_form for p in analyzer.parse(word)[:3]))
        except ValueError:  # pymorphy3 names each character: "AAa𗀀" has one without a name
            return []

    return lemmatise


def _simplemma_lemmas(code: str) -> Callable[[str], list[str]]:
    """simplemma's lemma of a word (its own data, one lemma a word: Polish "Rosji" ->
    "rosja", German "angeordnet" -> "anordnen"), from its low-memory dictionaries: the
    same data, so the same lemmas (tests/test_lemmas.py), in a fifth to a ninth of the memory
    and half the time to load (German 20 MB and 0.42 s against 103 MB and 0.7 s; Polish
    48 MB and 1.2 s against 432 MB and 2.4 s), which each reader process pays for each
    language it meets."""
    import simplemma

    def lemmatise(word: str) -> list[str]:
        if not re.search(r"[^\W\d_]", word):
            return []
        return [simplemma.lemmatize(word, lang=code, low_memory=True).casefold()]

    return lemmatise


_MORPHS: dict[str, object] = {}


def morph(code: str):  # type: ignore[no-untyped-def]
    """pymorphy3's analyser of that language ("ru", "uk"), one for every use (the key
    terms' lemmas here, the number words in ``numwords``): each holds some 20 MB of
    dictionaries, in the fork server the readers share. Raises when it cannot be loaded."""
    if code not in _MORPHS:
        with _lock:
            if code not in _MORPHS:
                import pymorphy3

                _MORPHS[code] = pymorphy3.MorphAnalyzer(lang=code)
    return _MORPHS[code]


@lru_cache(maxsize=None)
def language(code: str | None) -> Language | None:
    """The language of that ISO 639-1 code, or None when citecheck has no file for it."""
    if not code or not re.fullmatch(r"[a-z]{2,3}", code):
        return None
    path = _DATA / f"{code}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError:
        return None
    return Language(code, data)


class Dictionary:
    """English word (lower-cased) -> the words or short phrases a bilingual dictionary gives
    for it in one language, most common sense first."""

    def __init__(self, about: str, words: dict[str, list[str]]):
        self.about = about
        self.words = words

    def forms(self, english: str) -> tuple[str, list[str]] | None:
        """The headword this English word is a form of ("detained" -> "detain") and its
        translations; None when the dictionary has no such word."""
        for head in _irregular_lemma(english):
            if head in self.words:
                return head, self.words[head]
        # the word's own headword, then the words of what it may be an inflection of
        # ("leading": principal, then lead's guider, conduire, diriger)
        heads = [h for h in _headwords(english) if h in self.words]
        if not heads:
            # an irregular form the endings miss and the lemma's spelling hides (lost: lose,
            # written: write), or a superlative (oldest: old, largest: large), only for a
            # word that is no headword of its own (forest, honest)
            for head in (_lemma(english), *_superlative(english)):
                if head in self.words:
                    return head, self.words[head]
            return None
        forms = [f for h in heads for f in self.words[h]]
        return heads[0], list(dict.fromkeys(forms))


def _irregular_lemma(word: str) -> list[str]:
    """The English lemma of an irregular form, looked up before the form itself: "drove"
    is the past of drive here, not a herd (гурт, натовп); "left" of leave. A regular form
    keeps its own headword first ("arms" is not only "arm")."""
    lemma = _lemma(word)
    return [lemma] if lemma != word and not word.startswith(lemma[:-1]) else []


def _superlative(word: str) -> list[str]:
    """What a superlative may be of: happiest: happy; largest: large; biggest: big."""
    if word.endswith("iest") and len(word) >= 7:
        return [word[:-4] + "y"]
    if not word.endswith("est") or len(word) < 6:
        return []
    base = word[:-3]
    return [base, base + "e", *([base[:-1]] if base[-1] == base[-2:-1] else [])]


def _lemma(word: str) -> str:
    import simplemma

    return simplemma.lemmatize(word, lang="en", low_memory=True).casefold()


def _headwords(word: str) -> list[str]:
    """The word, then what it may be an inflection of: "detained" -> "detain", "detaine";
    "cities" -> "city"; "organising" -> "organise", "organize"."""
    out = [word]
    for ending, repl in (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""),
                         ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"), ("ly", ""),
                         ("ers", ""), ("er", "")):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            base = word[: -len(ending)] + repl
            if ending == "es" and not base.endswith(("s", "x", "z", "ch", "sh", "o")):
                continue  # "stages" is stage's, not stag's: -es after a sibilant or an o
            out.append(base)
            if len(base) >= 4 and base[-1] == base[-2] and not repl:
                out.append(base[:-1])  # "stopped" -> "stop"
    out += [w.replace("is", "iz") for w in list(out) if "is" in w[-4:]]
    return list(dict.fromkeys(out))


@lru_cache(maxsize=None)
def dictionary(code: str | None) -> Dictionary | None:
    """The language's word list, ``dict/<code>.json.gz``, with the words of any further list
    ``dict/<code>.<source>.json.gz`` (a source under another licence, kept in its own file)
    after its own."""
    if not code or not re.fullmatch(r"[a-z]{2,3}", code):
        return None
    folder = _DATA / "dict"
    abouts: list[str] = []
    words: dict[str, list[str]] = {}
    for path in [folder / f"{code}.json.gz", *sorted(folder.glob(f"{code}.*.json.gz"))]:
        try:
            with gzip.open(path, "rb") as f:
                data = json.loads(f.read().decode("utf-8"))
        except OSError:
            if not abouts:
                return None
            continue
        abouts.append(data.get("_about", ""))
        for head, forms in data.get("words", {}).items():
            have = words.setdefault(head, [])
            have += [form for form in forms if form not in have]
    return Dictionary(" ".join(abouts), words)


@lru_cache(maxsize=1)
def plain_nouns() -> frozenset[str]:
    """The English headwords of the word lists that are plain nouns (WordNet: a noun of few
    senses, never met as a verb, adjective or adverb: tractor, chimney; not watch, hand),
    ``dict/en-plain-nouns.txt.gz``, built by ``scripts/build_plain_nouns.py``; empty when the
    file is missing. About 13,000 words: 1.3 MB and 0.05 s, once, in a process that reads key terms."""
    try:
        with gzip.open(_DATA / "dict" / "en-plain-nouns.txt.gz", "rb") as f:
            return frozenset(f.read().decode("utf-8").split())
    except OSError:
        return frozenset()


def known_languages() -> list[str]:
    return sorted(p.stem for p in _DATA.glob("*.json"))


@lru_cache(maxsize=None)
def country_names(code: str | None) -> dict[str, str]:
    """CLDR's name of every country and territory in language `code`, by region code
    ("KZ" → "Казахстан"), and of the continents and regions ("150" → "Еуропа", "143" →
    "Орталық Азия"; not "001", the world); empty when CLDR has no such language."""
    locale = _locale(code)
    territories = locale.territories if locale is not None else {}
    return {k: v for k, v in territories.items()
            if (k.isalpha() and len(k) == 2) or (k.isdigit() and len(k) == 3 and k != "001")}


def _locale(code: str | None):  # type: ignore[no-untyped-def]
    """Babel's CLDR locale for a language code, or None when CLDR has no such language."""
    if not code:
        return None
    try:
        from babel import Locale, UnknownLocaleError
    except ImportError:
        return None
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return None


@lru_cache(maxsize=None)
def country_codes_en() -> dict[str, str]:
    """English country name (lower-cased) → region code: "kazakhstan" → "KZ"; CLDR's names,
    and the other names English writes countries by (en.json's "country_names": Turkey for
    CLDR's Türkiye, Czech Republic for Czechia)."""
    english = language("en")
    other = english.data.get("country_names", {}) if english is not None else {}
    return {**{name.casefold(): code for code, name in country_names("en").items()},
            **{name.casefold(): code for name, code in other.items() if name[:1] != "_"}}


@lru_cache(maxsize=None)
def language_names(code: str | None) -> dict[str, str]:
    """CLDR's name of every major language (ISO 639-1) in language `code`, by language code,
    without the word that ends most of them in that language (Kazakh "қытай тілі" →
    "қытай"): they are also the adjectives of nationality (Chinese, китайский, الصينية)."""
    locale = _locale(code)
    names = {k: v for k, v in (locale.languages if locale is not None else {}).items()
             if len(k) == 2 and k.isalpha()}
    last = [v.split()[-1] for v in names.values() if " " in v]
    common = max(set(last), key=last.count) if last else None
    if common and last.count(common) > len(names) / 2:
        names = {k: v[: -len(common)].strip() if v.endswith(" " + common) else v
                 for k, v in names.items()}
    return names


@lru_cache(maxsize=None)
def nationality_codes_en() -> dict[str, tuple[str, str | None]]:
    """English adjective of nationality (a language's one-word name, lower-cased) → the
    language's code and, when the country shares the name's stem (Chinese, China; Kazakh,
    Kazakhstan), CLDR's region code of the country where it is most spoken."""
    try:
        from babel.core import get_global
    except ImportError:
        return {}
    likely = get_global("likely_subtags")
    countries = country_names("en")
    out: dict[str, tuple[str, str | None]] = {}
    for code, name in language_names("en").items():
        if not name.isalpha():
            continue
        region = likely.get(code, "").split("_")[-1]
        country = countries.get(region, "")
        out[name.casefold()] = (code, region if country[:3] == name[:3] else None)
    return out


@lru_cache(maxsize=None)
def demonym_codes_en() -> dict[str, str]:
    """English adjective of a country (lower-cased) → its region code, made from CLDR's
    one-word English country names with the usual endings (Colombia-n, Egypt-ian,
    Yemen-i, Nepal-ese) and kept only when English has the word (simplemma's list)."""
    import simplemma

    found: dict[str, set[str]] = {}
    for region, name in country_names("en").items():
        if not name.isalpha():
            continue
        for ending in (("n",) if name.endswith("a") else ("ian", "an", "i", "ese")):
            word = (name + ending).casefold()
            if simplemma.is_known(word, lang="en", low_memory=True):
                found.setdefault(word, set()).add(region)
    languages = nationality_codes_en()
    return {w: next(iter(r)) for w, r in found.items() if len(r) == 1 and w not in languages}
