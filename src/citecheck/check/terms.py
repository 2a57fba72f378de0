"""The key terms of a claim, and whether a page states them, across languages and scripts.

A claim's key terms are its names (people, places, organisations: "Tokayev", "UN",
"Human Rights Watch"), its quoted phrases, and the content words that carry it
("trained", "helmets", "torture"). Each is looked for in the page:

- a **name** as the page's language writes it (``data/lang/*.json``: UN → ООН → БҰҰ → ONU;
  countries from CLDR through Babel), inflected (Токаева, Алматыда), or transliterated
  both ways (anyascii, then a folding that makes Tokayev, Токаев and Tokaïev one key;
  in Arabic script, by consonants);
- a **quote** only verbatim, and only in the language it is written in: an English quote
  of a Russian statement is ``unchecked``, not ``not_found``;
- a **term** through the page language's words for it, normalised the same way on both
  sides (Snowball stems, pymorphy3 lemmas, Kazakh suffixes): the language file's, then a
  bilingual dictionary's. A term whose words are known and none of them is on the page is
  ``not_found`` when they are the lexicon's, or the dictionary's for a plain noun (WordNet:
  tractor, chimney); the dictionary's words for a verb, an adjective or a word of many
  senses (watch, eased) leave it ``unchecked``; the reason names the words looked for. One
  no data of the language has a word for is ``unchecked``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .figures import _claim_mentions
from .figures import quote as quote_around
from .lang import (WORD_RE, Language, country_codes_en, country_names, demonym_codes_en,
                   language, language_names, nationality_codes_en, plain_nouns)
from ..report import TermResult

MAX_TERMS = 16  # content words of one claim: the rest add little but noise


@dataclass(frozen=True)
class Term:
    text: str  # as the claim writes it
    kind: str  # "name", "quote" or "term"
    key: str | None = None  # names: canonical name or "country:XX"; terms: English lemma
    organisation: bool = False  # a name made of common words (translated, not transliterated)
    negated: bool = False  # the claim says it in the negative ("no one was injured")
    # a phrase's words ("evening peak", "northern Iraq"): found only where the page states
    # them together
    parts: tuple["Term", ...] = ()
    comparison: bool = False  # "more men than women": which side is more is not read


# --- the claim's terms ---------------------------------------------------------------------

_QUOTE_RE = re.compile(r"[“«„\"]([^”»“\"]{2,300}?)[”»“\"]|(?<!\w)‘([^’]{2,300}?)’(?!\w)")
_TOKEN_RE = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]+(?:[’'][^\W\d_]+)*", re.U)
_SENTENCE_START_RE = re.compile(r"(?:^|[.!?:;]\s+|[\"“(]\s*)$")


def _english() -> Language:
    lang = language("en")
    assert lang is not None, "citecheck's data/lang/en.json is missing"
    return lang


@lru_cache(maxsize=1)
def _claim_lists() -> dict[str, frozenset[str]]:
    data = _english().data
    return {k: frozenset(data.get(k, [])) for k in
            ("stopwords", "generic", "titles", "org_words", "connectors", "not_names",
             "place_words")}


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    """Every way English writes a known name (case kept for acronyms) → canonical name."""
    aliases = {}
    for canonical, forms in _english().names.items():
        for form in [canonical, *forms]:
            aliases[_alias_key(form)] = canonical
    return aliases


def _alias_key(text: str) -> str:
    words = [w for w in _TOKEN_RE.findall(text.replace("’", "'"))]
    words = [w if _is_acronym(w) else w.casefold() for w in words]
    return " ".join(w.rstrip("'s") if w.endswith("'s") else w for w in words)


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return len(letters) >= 2 and letters.isupper() and letters.isalpha()


def _english_stem(word: str) -> str:
    keys = _english().keys(word)
    return min(keys, key=lambda k: (len(k), k))  # "rally" and its stem "ralli": always one


@lru_cache(maxsize=1)
def _lemma_by_stem() -> dict[str, set[str]]:
    """English stem → the lexicon entries (English lemmas) it may stand for: the entries
    themselves and the English words listed as saying the same."""
    index: dict[str, set[str]] = {}
    from .lang import known_languages

    entries: set[str] = set()
    for code in known_languages():
        lang = language(code)
        if lang is not None:
            entries.update(lang.words)
    for entry in entries:
        if " " not in entry:
            index.setdefault(_english_stem(entry), set()).add(entry)
    for entry, synonyms in _english().words.items():
        for word in synonyms:
            if " " not in word:
                index.setdefault(_english_stem(word), set()).add(entry)
    return index


def claim_terms(claim: str) -> list[Term]:
    """The key terms of an English claim, in the order it states them, each once: its
    names, quotes and content words, each word on its own (what the figures' checks ask of
    the page word by word)."""
    return list(_claim_terms(claim, phrases=False))


def key_terms(claim: str) -> list[Term]:
    """The key terms of an English claim as a citation's are checked: as `claim_terms`, with
    the words of one phrase joined (a modifier and its noun: "evening peak", "injectable
    vaccine", "northern Iraq"; a comparison: "more men than women"), which the page must
    state together."""
    return list(_claim_terms(claim, phrases=True))


# A claim's terms are asked for again by each of its figures' checks (and each page it
# cites): worked out once. Terms are frozen; callers get a list of their own.
@lru_cache(maxsize=1024)
def _claim_terms(claim: str, phrases: bool) -> tuple[Term, ...]:
    quotes, tokens, names, words = _claim_words(claim)
    terms = list(quotes)
    days = _weekdays(tokens) if phrases else []
    if days:  # "Monday's": a day, not a name to transliterate
        names = [(at, t) for at, t in names if not any(at == d for d, _ in days)]
    ordered = sorted([*names, *words, *days], key=lambda pair: pair[0])
    if phrases:
        ordered = _phrases(claim, ordered)
    seen: set[str] = {t.text.casefold() for t in terms}
    for _, term in ordered:
        ident = (term.key or term.text).casefold()
        if ident in seen:
            continue
        seen.add(ident)
        terms.append(term)
    content = [t for t in terms if t.kind == "term"]
    if len(content) > MAX_TERMS:
        drop = {id(t) for t in content[MAX_TERMS:]}
        terms = [t for t in terms if id(t) not in drop]
    return tuple(terms)


@lru_cache(maxsize=1024)
def _claim_words(claim: str) -> tuple[tuple[Term, ...], tuple, tuple[tuple[int, Term], ...],
                                     tuple[tuple[int, Term], ...]]:
    """A claim's quotes, its tokens outside them and its figures, and the names and content
    words among those tokens: what both kinds of its terms (`_claim_terms`) are made of,
    worked out once for the two."""
    lists = _claim_lists()
    terms: list[Term] = []
    taken: list[tuple[int, int]] = []
    for m in _QUOTE_RE.finditer(claim):
        text = (m.group(1) or m.group(2) or "").strip(" ,.;:")
        if len(WORD_RE.findall(text)) >= 1 and text:
            terms.append(Term(text, "quote"))
            taken.append(m.span())
    # A figure's own words ("eight" in "eight deaths") are checked as the figure, not again
    # as a term.
    taken += [(m.start, m.end) for m in _claim_mentions(claim)]
    tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN_RE.finditer(claim)
              if not any(a <= m.start() < b for a, b in taken)]
    used = [False] * len(tokens)
    names = _names(claim, tokens, used, lists)
    words = _content_words(claim, tokens, used, lists)
    return tuple(terms), tuple(tokens), tuple(names), tuple(words)


def _weekdays(tokens: Sequence) -> list[tuple[int, Term]]:
    """The days of the week the claim names ("on Friday", "Monday's run"), each a name
    looked for among the page language's names of the days (CLDR's, through dateparser's
    data): not a person's or a place's name, and not a figure's date."""
    from .lexicon import WEEKDAYS

    days = []
    for start, _, word in tokens:
        day = _trim_possessive(word)
        if day[:1].isupper() and day.casefold() in WEEKDAYS:
            days.append((start, Term(day, "name", "weekday:" + str(WEEKDAYS.index(
                day.casefold())))))
    return days


def _phrases(claim: str, ordered: list[tuple[int, Term]]) -> list[tuple[int, Term]]:
    """The claim's terms with the words of each phrase joined into one term: content words
    standing next to each other (a space or a hyphen between: "container ship",
    "refrigerated container", "stash-keeper"), a place modifier and the name after it
    ("northern Iraq"), and the two sides of a comparison ("more men than women"). A verb
    form (en.json's "phrase" data: "seized", "found") ends a phrase and starts none, unless
    the word before it opens a noun phrase ("a rented flat", "two stolen cars"); an adverb
    (-ly) joins none."""
    data = _english().data.get("phrase", {})
    out: list[tuple[int, Term]] = []
    group: list[tuple[int, Term]] = []
    comparison = False

    def close() -> None:
        nonlocal comparison
        if len(group) == 1:
            out.append(group[0])
        elif group:
            start, last = group[0][0], group[-1]
            text = claim[start:last[0] + len(last[1].text)]
            parts = tuple(t for _, t in group)
            key = " ".join((t.key or t.text).casefold() for t in parts)
            out.append((start, Term(text, "term", key, parts=parts, comparison=comparison)))
        group.clear()
        comparison = False

    for start, term in ordered:
        if group:
            before_start, prev = group[-1]
            between = claim[before_start + len(prev.text):start]
            if _joins(claim, group, prev, between, term, data):
                group.append((start, term))
                continue
            more = re.search(r"(?<!\w)(?:" + "|".join(data.get("comparatives", [])) + r")\s+$",
                             claim[:before_start], re.I)
            if (len(group) == 1 and prev.kind == "term" and term.kind == "term" and more
                    and re.fullmatch(r"\s+than\s+", between) and not prev.parts):
                group[0] = (more.start(), group[0][1])  # "more men than women"
                group.append((start, term))
                comparison = True
                close()
                continue
            close()
        if term.kind == "quote":
            out.append((start, term))
            continue
        group.append((start, term))
    close()
    return out


def _joins(claim: str, group: list[tuple[int, Term]], prev: Term, between: str, term: Term,
           data: dict) -> bool:
    """Does `term` continue the phrase whose last word is `prev`, `between` standing between
    them in the claim?"""
    if between == "-":
        return term.kind == "term" and prev.kind == "term"  # "stash-keeper", "worst-hit"
    if between != " " or term.negated != prev.negated:
        return False
    if prev.kind == "term" and term.kind == "name":
        return len(group) == 1 and prev.text.casefold() in data.get("place_modifiers", [])
    if prev.kind != "term" or term.kind != "term" or prev.parts or term.parts:
        return False
    if len(group) == 1 and _word_before(claim, group[0][0]) in data.get("verb_before", []):
        return False  # "to smuggle captagon": a verb and its object
    if _plural(prev) and not _plural(term) and prev.text.casefold() not in data.get(
            "plural_modifiers", []):
        return False  # "troops guard the border": a subject and its verb
    if _adverb(prev.text) or _adverb(term.text) or _verb_form(term.text, data) or any(
            t.text.casefold() in data.get("never_joined", []) for t in (prev, term)):
        return False
    if _verb_form(prev.text, data):
        # "a rented flat", "two stolen cars": a participle opening a noun phrase; not "police
        # seized cocaine"
        if len(group) > 1:
            return False
        opened = _word_before(claim, group[0][0])
        return opened.isdigit() or opened in data.get("openers", [])
    return True


def _word_before(claim: str, at: int) -> str:
    """The claim's word just before position `at` (a digit stands for a number), lower-cased;
    "" after a punctuation mark or at the start."""
    m = re.search(r"([^\W_]+)\s+$", claim[:at])
    if m is None:
        return ""
    word = m.group(1).casefold()
    return "0" if word[-1:].isdigit() else word


def _plural(term: Term) -> bool:
    """An English plural in -s ("troops", "prices"; not "gas", "news", nor a possessive:
    "the artist's career" is one phrase)."""
    from .lang import _lemma

    lower = term.text.casefold()
    return not _possessive(lower) and lower.endswith("s") and _lemma(lower) != lower


def _adverb(word: str) -> bool:
    """An English adverb in -ly ("significantly", "briefly"): its word without -ly is one."""
    lower = word.casefold()
    if not lower.endswith("ly") or len(lower) < 6:
        return False
    return any(_english_word(base) for base in (lower[:-2], lower[:-3] + "y", lower[:-2] + "e"))


def _verb_form(word: str, data: dict) -> bool:
    """A form of an English verb that is no noun of its own: a regular -ed or -ing form
    ("seized", "citing"; not "evening", "building"), or one of en.json's irregular past
    forms ("found", "stolen")."""
    lower = word.casefold()
    if lower in data.get("irregular_past", []):
        return True
    if (lower.endswith("ed") and len(lower) >= 4) or (lower.endswith("ing") and len(lower) >= 6):
        from .lang import _lemma

        return _lemma(lower) != lower  # not "seed", "evening", "building"
    return False


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _names(claim: str, tokens: list, used: list[bool], lists: dict) -> list[tuple[int, Term]]:
    found: list[tuple[int, Term]] = []
    aliases = _aliases()
    countries = country_codes_en()
    i = 0
    while i < len(tokens):
        start, end, word = tokens[i]
        if not _capitalised(word):
            i += 1
            continue
        # The longest run of capitalised words (connectors inside: "Committee for National
        # Security"), adjacent in the claim ("U.S.-trained" ends the run at the hyphen).
        j = i + 1
        while j < len(tokens):
            between = claim[tokens[j - 1][1]:tokens[j][0]]
            if between not in (" ", "-") or not between:
                break
            nxt = tokens[j][2]
            if _capitalised(nxt):
                j += 1
                continue
            if nxt in lists["connectors"] and j + 1 < len(tokens) and _capitalised(
                    tokens[j + 1][2]) and claim[tokens[j][1]:tokens[j + 1][0]] in (" ", "-"):
                j += 2
                continue
            break
        run = tokens[i:j]
        free: list[int] = []
        for span, term in _split_run(claim, run, aliases, countries, lists, free):
            found.append((span, term))
        for k in range(i, j):
            used[k] = k - i not in free
        i = j
    return found


def _split_run(claim: str, run: list, aliases: dict[str, str], countries: dict[str, str],
               lists: dict, free: list[int]) -> Iterable[tuple[int, Term]]:
    """The names in a run of capitalised words: known names (longest first), then what is
    left, without titles ("President"), sentence-initial common words or month names."""
    words = [w for _, _, w in run]
    i = 0
    rest: list[int] = []
    while i < len(words):
        for j in range(len(words), i, -1):
            key = _alias_key(" ".join(words[i:j]))
            nationality = j == i + 1 and key.casefold() in nationality_codes_en()
            demonym = j == i + 1 and key.casefold() in demonym_codes_en()
            if (nationality or demonym) and key not in aliases and _names_a_body(
                    words[j:], aliases, lists):
                # "French Biodiversity Office": one body's name, not French and another
                rest.append(i)
                i += 1
                break
            if key in aliases or key in countries or nationality or demonym:
                text = claim[run[i][0]:run[j - 1][1]]
                canonical = aliases.get(key)
                if canonical is None and key in countries:
                    canonical = "country:" + countries[key]
                elif canonical is None and nationality:
                    canonical = "language:" + nationality_codes_en()[key.casefold()][0]
                elif canonical is None:
                    canonical = "demonym:" + demonym_codes_en()[key.casefold()]
                # "Republic Square", "Health Ministry": translated, never transliterated
                translated = j - i > 1 and all(_english_word(w) for w in words[i:j]) \
                    and "-" not in text
                yield run[i][0], Term(_trim_possessive(text), "name", canonical, translated)
                i = j
                break
        else:
            rest.append(i)
            i += 1
    # What is left, in groups of adjacent words
    groups: list[list[int]] = []
    for k in rest:
        if groups and groups[-1][-1] == k - 1:
            groups[-1].append(k)
        else:
            groups.append([k])
    groups = [part for group in groups
              for part in _split_at_and(group, words, lists["org_words"])]
    groups = [part for group in groups for part in _split_at_of(group, words, lists)]
    groups = [part for group in groups for part in _split_at_possessive(group, words, lists)]
    # a title stands between two names: "Chicago Police Superintendent Eddie Johnson"
    cut = lists["titles"] | lists["not_names"]
    groups = [part for group in groups for part in _split_at(group, words, cut)]
    for group in groups:
        keep = [k for k in group if words[k] not in lists["titles"]
                and words[k] not in lists["not_names"]]
        while keep and words[keep[-1]] in lists["connectors"]:
            keep.pop()
        while keep and words[keep[0]] in lists["connectors"]:
            keep.pop(0)
        if not keep:
            continue
        first = run[keep[0]][0]
        if (len(keep) == 1 and _SENTENCE_START_RE.search(claim[:first])
                and not _is_acronym(words[keep[0]]) and _english_word(words[keep[0]])):
            free.append(keep[0])  # a content word, looked at as such
            continue  # "Protesters gathered": a capital that only starts the sentence
        text = claim[first:run[keep[-1]][1]]
        organisation = any(words[k] in lists["org_words"] for k in keep) and len(keep) > 1
        yield first, Term(_trim_possessive(text), "name", None, organisation)


def _names_a_body(rest: list[str], aliases: dict[str, str], lists: dict) -> bool:
    """Do the words after a nationality's adjective in one run of capitals name a body of
    that country that citecheck does not know ("Biodiversity Office" of the French
    Biodiversity Office), ending in an organisation's word, with no known name among
    them (the Russian "Foreign Ministry" is a known one: Russian is a name of its own)?"""
    if not rest or rest[-1] not in lists["org_words"] or any(
            w in ("and", "&") or w in lists["titles"] or w in lists["not_names"] for w in rest):
        return False
    return not any(_alias_key(" ".join(rest[a:b])) in aliases
                   for a in range(len(rest)) for b in range(a + 1, len(rest) + 1))


def _split_at(group: list[int], words: list[str], cut: frozenset[str]) -> list[list[int]]:
    """The group in the parts its cut words (titles) separate, the cut words dropped."""
    parts: list[list[int]] = [[]]
    for k in group:
        if words[k] in cut:
            parts.append([])
        else:
            parts[-1].append(k)
    return [p for p in parts if p]


def _split_at_possessive(group: list[int], words: list[str], lists: dict) -> list[list[int]]:
    """A name in the possessive followed by another is two names ("London's Chelsea",
    "George Lucas's Star Wars"), unless the possessive is part of the name (en.json's
    "possessive_names": International Women's Day, St Patrick's Day, St Mary's Hospital)."""
    data = _english().data.get("possessive_names", {})
    kept = set(lists["place_words"] | lists["org_words"] | lists["connectors"])
    for n, k in enumerate(group[:-1]):
        word = words[k]
        possessor = _trim_possessive(word)
        if possessor == word or possessor in data.get("possessors", ()):
            continue
        after = words[group[n + 1]]
        if after in kept or after in data.get("possessed", ()):
            continue
        return [group[:n + 1], *_split_at_possessive(group[n + 1:], words, lists)]
    return [group]


def _split_at_and(group: list[int], words: list[str], org_words: frozenset[str]
                  ) -> list[list[int]]:
    """Names joined by "and" are two names ("Genri Reznik and Maria Eismont", "Aitkulov
    and Zhangir Khan"); an organisation's name with "and" inside is kept whole when a side
    has one word ("Civil and Political Rights Association")."""
    organisation = any(words[k] in org_words for k in group)
    for n, k in enumerate(group):
        if words[k] in ("and", "&") and n and n < len(group) - 1 and (
                not organisation or (n >= 2 and len(group) - n - 1 >= 2)):
            return [group[:n], *_split_at_and(group[n + 1:], words, org_words)]
    return [group]


def _split_at_of(group: list[int], words: list[str], lists: dict) -> list[list[int]]:
    """A person named "of" a place or a body is two names ("Vasyl Ivanchuk of Lviv", "Eduardo
    Gómez of CLAP"): split where the words before "of" are names alone, none a common English
    word ("University of Chicago", "Gulf of Mexico", "Statue of Liberty" stay whole)."""
    for n, k in enumerate(group):
        if words[k] != "of" or not n or n == len(group) - 1:
            continue
        before = [words[x] for x in group[:n]]
        if any(_english_word(w) or w in lists["org_words"] or w in lists["place_words"]
               or w in lists["connectors"] for w in before):
            return [group]
        if words[group[n + 1]] in lists["connectors"]:
            return [group]  # "Cup of the Head": a name's own words
        return [group[:n], *_split_at_of(group[n + 1:], words, lists)]
    return [group]


def _english_word(word: str) -> bool:
    """Is it a word of English's own (simplemma's English word list), not only a name?
    "Protesters" starting a sentence is a word; "Reuters" is a name."""
    import simplemma

    return simplemma.is_known(word.casefold(), lang="en", low_memory=True)  # as lang.py


def _trim_possessive(text: str) -> str:
    return re.sub(r"[’']s$", "", text)


def _possessive(word: str) -> bool:
    return _trim_possessive(word) != word


def _own_word(term: Term) -> str:
    """A content word as a dictionary lists it: lower-case, a possessive's noun ("artist's":
    artist)."""
    return _trim_possessive(term.text).casefold()


def _content_words(claim: str, tokens: list, used: list[bool],
                   lists: dict) -> list[tuple[int, Term]]:
    words: list[tuple[int, Term]] = []
    skip = lists["stopwords"] | lists["generic"]
    for k, (start, end, word) in enumerate(tokens):
        if used[k]:
            continue
        lower = word.casefold().replace("’", "'")
        if len(lower) < 3 or lower in skip:
            continue
        if _is_acronym(word):
            continue
        if _inflected(lower) & skip:
            continue  # "reports" as "report"
        # "human rights": a lexicon entry of two words
        if k + 1 < len(tokens) and f"{lower} {tokens[k + 1][2].casefold()}" in _two_word_entries():
            entry = f"{lower} {tokens[k + 1][2].casefold()}"
            words.append((start, Term(claim[start:tokens[k + 1][1]], "term", entry)))
            used[k + 1] = True
            continue
        if k > 0 and used[k - 1] and f"{tokens[k - 1][2].casefold()} {lower}" in _two_word_entries():
            continue
        key = _word_key(lower)
        negated = any(_negates(tokens[b][2].casefold(), tokens[b + 1][2].casefold(),
                               _english(), "before") for b in range(max(0, k - 2), k))
        words.append((start, Term(word, "term", key, negated=negated)))
    return words


def _word_key(lower: str) -> str:
    """The lexicon entry a lower-case content word stands for ("killed": kill), or its stem."""
    stem = _english_stem(lower)
    entries = _lemma_by_stem().get(stem)
    return sorted(entries, key=lambda e: (_english_stem(e) != stem, e != lower, len(e), e)
                  )[0] if entries else stem


def _negates(word: str, following: str, lang: Language, where: str) -> bool:
    """Is the word a negation of the words beside it ("no injured", "пострадавших нет"),
    by the language file's "negations" ("before" or "after" the word they deny), unless it
    opens "not only"?"""
    data = lang.data.get("negations", {})
    return word in data.get(where, ()) and following not in data.get("not_after", ())


def _inflected(word: str) -> set[str]:
    """The word and what it may be an inflection of: reports → report, concerned → concern;
    a noun in -ing that is its own lemma is none (evening is no form of even)."""
    from .lang import _lemma

    forms = {word}
    own = word.endswith("ing") and _lemma(word) == word
    for ending in ("s", "es", "ed", "d", "ing", "ly"):
        if own and ending == "ing":
            continue
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            forms.add(word[: -len(ending)])
    return forms


@lru_cache(maxsize=1)
def _two_word_entries() -> frozenset[str]:
    from .lang import known_languages

    entries = set()
    for code in known_languages():
        lang = language(code)
        if lang is not None:
            entries.update(e for e in lang.words if " " in e)
    return frozenset(entries)


# --- the page --------------------------------------------------------------------------------


class PageText:
    """A page's text tokenised once, searched for many terms."""

    def __init__(self, text: str, language_code: str | None):
        self.text = text
        self.code = (language_code or "").split("-")[0].lower() or None
        self.lang = language(self.code)
        self.tokens = [(m.start(), m.end(), m.group(0)) for m in WORD_RE.finditer(text)]
        self._lower = [_one_script(w.casefold()) for _, _, w in self.tokens]
        self._latin: list[str] | None = None
        self._consonants: list[str] | None = None
        self._folded: tuple[str, list[int]] | None = None
        self._keys: dict[Language, list[frozenset[str]]] = {}  # every token's, by language
        self._forms: dict[str, list[int]] | None = None  # each distinct token: where it stands
        self._root, self._offset = self, 0  # a window's whole page, and where it starts

    def window(self, a: int, b: int) -> "PageText":
        """Tokens a..b of the page, searched like a page of their own (spans stay the
        whole text's; a negation is read in the whole page)."""
        root, a, b = self._root, a + self._offset, b + self._offset
        view = object.__new__(PageText)
        view.text, view.code, view.lang = root.text, root.code, root.lang
        view.tokens, view._lower = root.tokens[a:b], root._lower[a:b]
        view._latin = root._latin[a:b] if root._latin is not None else None
        view._consonants = root._consonants[a:b] if root._consonants is not None else None
        view._folded, view._forms = None, None
        view._keys = {lang: keys[a:b] for lang, keys in root._keys.items()}
        view._root, view._offset = root, a
        return view

    @property
    def latin_script(self) -> bool:
        """Is the page written in Latin letters, most of them?"""
        letters = [c for c in self.text[:5000] if c.isalpha()]
        return bool(letters) and sum(c.isascii() or "LATIN" in unicodedata.name(c, "")
                                     for c in letters) > len(letters) / 2

    @property
    def latin(self) -> list[str]:
        if self._latin is None:
            self._latin = [_fold(w) for _, _, w in self.tokens]
        return self._latin

    @property
    def consonants(self) -> list[str]:
        if self._consonants is None:
            self._consonants = [_skeleton(_fold(_ARABIC_VOWELS.sub("", w)) if k != w.lower()
                                          else k) for (_, _, w), k in zip(self.tokens, self.latin)]
        return self._consonants

    def keys(self, i: int) -> frozenset[str]:
        if self.lang is None:
            return frozenset({self._lower[i]})
        return self.lang.keys(self._lower[i])

    def keys_in(self, lang: Language) -> list[frozenset[str]]:
        """Every token's keys in `lang`, worked out once for all the terms looked for."""
        found = self._keys.get(lang)
        if found is None:
            found = self._keys[lang] = [lang.keys(w) for w in self._lower]
        return found

    def span(self, i: int, j: int) -> tuple[int, int]:
        return self.tokens[i][0], self.tokens[j - 1][1]

    def where(self, test) -> list[int]:  # type: ignore[no-untyped-def]
        """The indexes i, in order, of the tokens for which test(i) holds. Everything read
        of a token follows from its text, so each distinct word is tested once."""
        if self._forms is None:
            self._forms = {}
            for i, (_, _, w) in enumerate(self.tokens):
                self._forms.setdefault(w, []).append(i)
        return sorted(i for at in self._forms.values() if test(at[0]) for i in at)

    def negation(self, i: int, n: int) -> tuple[int, int] | None:
        """The span of tokens i..i+n with the word that denies them, when the page says them
        in the negative ("keine Verletzten", "жарақаттанғандар жоқ"), else None."""
        if self._root is not self:
            return self._root.negation(i + self._offset, n)
        if self.lang is None:
            return None
        low = self._lower
        # the word just before ("keine Verletzten"; not "не оппозиционным политиком", whose
        # не denies the adjective), or one of the two after ("погибших и раненых нет")
        if i > 0 and _negates(low[i - 1], low[i], self.lang, "before"):
            return self.span(i - 1, i + n)
        # or a word that denies a noun phrase, one word before ("ohne neue Rekorde", "pas
        # de blessés", "без серьёзных травм"), within one clause
        if i > 1 and low[i - 2] in self.lang.data.get("negations", {}).get(
                "before_modified", ()) and low[i - 1] not in self.lang.data.get(
                "negations", {}).get("not_after", ()) and not _CLAUSE_BREAK_RE.search(
                self.text, self.tokens[i - 2][1], self.tokens[i][0]):
            return self.span(i - 2, i + n)
        # or the words just before ("impossible de confirmer", "не удалось подтвердить")
        for words in _negating_phrases(self.lang):
            if i >= len(words) and tuple(low[i - len(words):i]) == words:
                return self.span(i - len(words), i + n)
        for a in range(i + n, min(len(low), i + n + 2)):
            if _negates(low[a], low[a + 1] if a + 1 < len(low) else "", self.lang, "after"):
                return self.span(i, a + 1)
        return None

    def denied_near(self, i: int, n: int) -> tuple[int, int] | None:
        """As `negation`, or a word of denial a few words before in the same clause ("не
        йтиме на переговори", "bez polskich znaków akcyzy"): what a claim that denies the
        word ("would not negotiate", "without excise stamps") asks of the page, whose
        denial may reach further than `negation` reads for a claim that affirms it."""
        if self._root is not self:
            return self._root.denied_near(i + self._offset, n)
        found = self.negation(i, n)
        if found is not None or self.lang is None:
            return found
        data = self.lang.data.get("negations", {})
        words = {w for w in [*data.get("before", ()), *data.get("before_modified", ())]
                 if " " not in w}
        for a in range(i - 1, max(-1, i - 1 - _NEGATION_REACH), -1):
            if _CLAUSE_BREAK_RE.search(self.text, self.tokens[a][1], self.tokens[a + 1][0]):
                break
            if self._lower[a] in words:
                return self.span(a, i + n)
        return None


_NEGATION_REACH = 3  # words a denial may stand before the word it denies, for a denying claim


@lru_cache(maxsize=None)
def _negating_phrases(lang: Language) -> tuple[tuple[str, ...], ...]:
    """The language file's negations of several words that deny the word after them."""
    found = (tuple(WORD_RE.findall(e.casefold())) for e in
             lang.data.get("negations", {}).get("before", ()))
    return tuple(w for w in found if len(w) > 1)


# Latin letters that look like Cyrillic ones, as some pages type them inside Cyrillic words
# ("гiрник" with a Latin i for гірник)
_CYRILLIC_LOOKALIKES = str.maketrans("aceiopxyj", "асеіорхуј")
_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")
_LATIN_RE = re.compile("[a-z]")


def _one_script(word: str) -> str:
    """A lower-case word written in Cyrillic with some Latin look-alike letters, in
    Cyrillic alone; any other word as it is."""
    if _LATIN_RE.search(word) and _CYRILLIC_RE.search(word):
        folded = word.translate(_CYRILLIC_LOOKALIKES)
        if not _LATIN_RE.search(folded):
            return folded
    return word


def match_terms(terms: Sequence[Term], page: PageText) -> list[TermResult]:
    return [match_term(t, page) for t in terms]


def match_term(term: Term, page: PageText, contrast: bool = True) -> TermResult:
    """How the page meets one term. `contrast`: for a name the page does not give, look for
    another of its kind that the page names instead ("Almaty where the claim names Astana"),
    a search of the whole page that only the reason of a not_found needs."""
    if term.kind == "quote":
        return _match_quote(term, page)
    if term.parts:
        named = _lower_case_name(term)
        if named is not None:  # "the interior ministry": the Interior Ministry
            result = _match_name(named, page, contrast)
            result.kind = term.kind
            return result
        return _match_phrase(term, page)
    if term.kind == "name":
        return _match_name(term, page, contrast)
    return _match_word(term, page)


def _lower_case_name(term: Term) -> Term | None:
    """A phrase of lower-case words that is a known name written without its capitals ("the
    interior ministry", "the health ministry"), as that name; else None."""
    canonical = _folded_aliases().get(_alias_key(term.text).casefold())
    return Term(term.text, "name", canonical) if canonical else None


@lru_cache(maxsize=1)
def _folded_aliases() -> dict[str, str]:
    return {k.casefold(): v for k, v in _aliases().items()}


def _result(term: Term, page: PageText, outcome: str, span: tuple[int, int] | None = None,
            reason: str | None = None) -> TermResult:
    result = TermResult(text=term.text, kind=term.kind, outcome=outcome, reason=reason)
    if span is not None:
        result.as_ = " ".join(page.text[span[0]:span[1]].split())
        result.evidence = quote_around(page.text, span[0], span[1])
    return result


# --- phrases ---------------------------------------------------------------------------------

_PHRASE_GAP = 2  # other words a phrase's words may have between them on the page


def _match_phrase(term: Term, page: PageText) -> TermResult:
    """A phrase ("evening peak", "northern Iraq") is found where the page states all its
    words together: within a span of their number and _PHRASE_GAP more words, in any order
    ("résine de cannabis"), or in one compound ("Containerschiff"). A word the page does not
    state makes the phrase `not_found`, an unchecked one `unchecked`; words stated only
    apart leave it `unchecked`, and so does a comparison, whose sides are found but not
    which is more."""
    results = [match_term(p, page, contrast=False) for p in term.parts]
    for outcome in ("not_found", "unchecked"):
        for part, said in zip(term.parts, results):
            if said.outcome == outcome:
                why = f": {said.reason}" if said.reason else ""
                result = _result(term, page, outcome,
                                 reason=f"the page does not state “{part.text}”{why}"
                                 if outcome == "not_found" else f"“{part.text}”{why}")
                result.evidence = said.evidence  # a denial, or the name given instead
                return result
    # each part as many words as the page writes it with ("maintien de la paix"), and a gap
    width = sum(max(1, len(_tokens(r.as_ or ""))) for r in results) + _PHRASE_GAP
    span = _together(term.parts, page, 0, len(page.tokens), width, known=True)
    if span is None:
        return _result(term, page, "unchecked",
                       reason="the page states " + ", ".join(f"“{r.as_}”" for r in results)
                       + " but not together")
    if term.comparison:
        return _result(term, page, "unchecked", page.span(*span),
                       reason="a comparison: the page names both sides, but which is more "
                              "its words do not show")
    return _result(term, page, "found", page.span(*span))


def _all_found(parts: Sequence[Term], page: PageText, a: int, b: int) -> bool:
    window = page.window(a, b)
    return all(match_term(p, window, contrast=False).outcome == "found" for p in parts)


def _together(parts: Sequence[Term], page: PageText, a: int, b: int, width: int,
              known: bool = False) -> tuple[int, int] | None:
    """The shortest run of tokens a..b of at most `width` tokens that states every part,
    or None: halves are searched only where all the parts are (`known`: they are in a..b),
    so a long page costs a few searches of each part, not one a window."""
    if b - a > 2 * width:
        if not known and not _all_found(parts, page, a, b):
            return None
        mid = (a + b) // 2  # the halves overlap by a window: none is missed between them
        return _together(parts, page, a, mid + width, width) or _together(
            parts, page, mid, b, width)
    for s in range(a, max(a, b - width) + 1):
        e = min(b, s + width)
        if _all_found(parts, page, s, e):
            while e - s > 1 and _all_found(parts, page, s + 1, e):
                s += 1
            while e - s > 1 and _all_found(parts, page, s, e - 1):
                e -= 1
            if not _CLAUSE_BREAK_RE.search(page.text, page.tokens[s][1], page.tokens[e - 1][0]):
                return s, e
    return None


# between the words of one phrase: no end of a sentence or clause ("Höhepunkt; am Abend")
_CLAUSE_BREAK_RE = re.compile(r"[;:!?()\[\]]|[.,](?!\d)")


# --- quotes ----------------------------------------------------------------------------------

_PUNCT_FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "“": '"', "”": '"',
                             "«": '"', "»": '"', "„": '"', "–": "-", "—": "-", "‑": "-",
                             "\u00a0": " ", "\u202f": " "})


def _quote_form(text: str) -> tuple[str, list[int]]:
    """Text lower-cased with punctuation folded and white space collapsed, and for each
    character kept, where it stood in the original."""
    out: list[str] = []
    where: list[int] = []
    space = True
    for i, ch in enumerate(text.translate(_PUNCT_FOLD)):
        if ch.isspace():
            if not space:
                out.append(" ")
                where.append(i)
            space = True
            continue
        space = False
        out.append(ch.casefold())
        where.append(i)
    return "".join(out), where


def _script_language(text: str) -> str | None:
    """The language a quote is written in, as far as citecheck can tell: English for Latin
    script in an English claim, else what its letters and the language model say."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    latin = sum(1 for c in letters if "LATIN" in unicodedata.name(c, ""))
    if latin / len(letters) > 0.8:
        if len(text) < 40:
            return "en"
    from ..extract import detect_language

    return detect_language(text) if len(text) >= 20 else ("en" if latin else None)


def _match_quote(term: Term, page: PageText) -> TermResult:
    said_in = _script_language(term.text)
    if page.code and said_in and said_in != page.code:
        return _result(term, page, "unchecked",
                       reason=f"quoted in {said_in}, the page is in {page.code}: "
                              "a translated quote cannot be checked word for word")
    if page._folded is None:
        page._folded = _quote_form(page.text)
    haystack, where = page._folded
    parts = [p.strip(" .,;:") for p in re.split(r"\.\.\.|…|\[\.\.\.\]", term.text)]
    parts = [_quote_form(p)[0] for p in parts if p.strip(" .,;:")]
    position, first, last = 0, None, None
    for part in parts:
        at = haystack.find(part, position)
        if at < 0:
            return _result(term, page, "not_found")
        first = at if first is None else first
        last = at + len(part)
        position = last
    if first is None or last is None:
        return _result(term, page, "unchecked", reason="an empty quote")
    return _result(term, page, "found", (where[first], where[last - 1] + 1))


# --- names -----------------------------------------------------------------------------------


def _name_forms(term: Term, page: PageText) -> list[str]:
    forms = [term.text]
    english = _english()
    key = term.key
    if key and key.startswith(("country:", "demonym:")):
        code = key.split(":", 1)[1]
        for names in (country_names("en"), country_names(page.code)):
            if code in names:
                forms.append(names[code])
        if page.lang is not None:
            forms += page.lang.names.get(code, [])
    elif key and key.startswith("language:"):
        code = key.split(":", 1)[1]
        for names in (language_names("en"), language_names(page.code)):
            if code in names:
                forms.append(names[code])
        region = nationality_codes_en().get(term.text.casefold(), ("", None))[1]
        for names in (country_names("en"), country_names(page.code)):
            if region and region in names:
                forms.append(names[region])
    elif key:
        forms += english.names.get(key, [])
        if page.lang is not None:
            forms += page.lang.names.get(key, [])
    return list(dict.fromkeys(forms))


def _match_name(term: Term, page: PageText, contrast: bool = True) -> TermResult:
    if term.key and term.key.startswith("weekday:"):
        return _match_weekday(term, page)
    forms = _name_forms(term, page)
    for form in forms:  # as the page's language writes it, inflected
        span = _find_phrase(form, page, _same_word)
        if span:
            return _result(term, page, "found", span)
    for form in forms:  # transliterated, in any script
        span = _find_transliterated(form, page, family_name=form == term.text
                                    and not term.organisation)
        if span:
            return _result(term, page, "found", span)
    translated = page.code not in (None, "en")
    span = _find_named_kind(term, page) if translated and term.key is None else None
    if span:
        return _result(term, page, "found", span)
    if translated and page.lang is None and term.key and term.key.startswith("language:"):
        return _result(term, page, "unchecked",
                       reason=f"citecheck does not read {page.code}: an adjective of "
                              "nationality takes forms its name does not show")
    if translated and term.key and term.key.startswith("demonym:"):
        code = term.key.split(":", 1)[1]
        country = country_names(page.code).get(code)
        if page.lang is not None and country and not _country_word(term, code, page):
            return _result(term, page, "not_found",
                           reason=f"no word of the page is made from {country}, the "
                                  f"country's name, or from {term.text}")
        return _result(term, page, "unchecked",
                       reason="an adjective of a country: the page may write it in forms "
                              "the country's name does not show")
    if translated and page.lang is not None and _common_word(term):
        # "the Government", "the Court": a capital on a common word, which the page's
        # language writes as such (Gobierno, Gericht), not a name to transliterate
        word = _match_word(Term(term.text, "term", _word_key(term.text.casefold())), page)
        word.kind = term.kind
        return word
    common = translated and term.key is None and _translatable(term, page)
    organisation = term.organisation or _is_acronym(term.text) or common
    if translated and (term.organisation or common) and term.key is None and \
            page.lang is not None:
        span = _find_word_by_word(term.text, page)
        if span:
            return _result(term, page, "found", span)
    if translated and _is_acronym(term.text) and term.key is None and page.latin_script:
        # the international organisations' acronyms that languages translate are data
        # (UN: ONU, IMF: FMI, ISIS: EI); any other is written as it is in Latin script
        # (CRS, ETA, PKK)
        return _result(term, page, "not_found",
                       reason=f"the page, in Latin script, never writes {term.text}, and "
                              "citecheck knows no translation of it")
    if translated and organisation and term.key is None:
        missing = _proper_word_missing(term, page)
        if missing:
            return _result(term, page, "not_found",
                           reason=f"the page never writes {missing}, in any script: a name "
                                  "inside an organisation's is kept when the rest is translated")
    if translated and organisation and (term.key is None or page.lang is None):
        return _result(term, page, "unchecked",
                       reason=f"no {page.code} name known for it: organisations' names are "
                              "translated, not transliterated")
    instead = _named_instead(term, page) if contrast else None
    if instead is not None:
        other, span = instead
        said = " ".join(page.text[span[0]:span[1]].split())
        result = _result(term, page, "not_found", span,
                         reason=f"the page names {other} (“{said}”) where the claim names "
                                f"{term.text}, which it gives in no form")
        result.as_ = None  # what the page says is another name, not this one
        return result
    return _result(term, page, "not_found")


def _proper_word_missing(term: Term, page: PageText) -> str | None:
    """A word of an organisation's name that is itself a name, no English word (King Faisal
    Foundation: Faisal; Shafaq News: Shafaq), that the page never writes, as it is or
    transliterated: a language translates the common words of such a name and keeps the
    name inside it (مؤسسة الملك فيصل), so a page without it does not name the organisation.
    A word too short to be told apart in the page's script is not asked (Saud ~ سعود)."""
    lists = _claim_lists()
    for word in _tokens(term.text):
        if (len(word) < 3 or _is_acronym(word) or word.casefold() in lists["connectors"]
                or word in lists["titles"] or _english_word(word) or _compound(word)):
            continue
        if page.lang is not None and page.lang.consonant_names and len(
                _skeleton(_fold(word))) < 3:
            continue  # Saud ~ سعود: too few consonants to tell it is not there
        if not (_find_phrase(word, page, _same_word) or _find_transliterated(word, page)):
            return word
    return None


def _compound(word: str) -> bool:
    """Does the word begin with an English word of four letters or more, or end with one
    after three letters or more: a compound of common words rather than a name (Cybercrime:
    crime; Biodiversity: diversity)?"""
    lower = word.casefold()
    return any(_english_word(lower[:k]) for k in range(4, len(lower) - 2)) or any(
        _english_word(lower[k:]) for k in range(3, len(lower) - 3))


def _match_weekday(term: Term, page: PageText) -> TermResult:
    """A day of the week, among the page language's names of the days (dateparser's data,
    its letter folds applied: الأحد, неділю, sábado): found where a page word is that
    day's name, inflected (в пятницу, сенбіде; piątku, whose lemma it is), its adjective (sobotniej) or
    compounded (Freitagabend), and not the name of another day it
    begins (pazartesi is Monday, not pazar, Sunday); not_found when the page names no day
    or another one; unchecked when citecheck has no names of the days in its language."""
    from . import lexicon

    code = page.code or "en"
    days = lexicon.weekdays_of(code)
    if not days:
        return _result(term, page, "unchecked",
                       reason=f"citecheck knows no names of the days of the week in {code}")
    wanted = int(term.key.split(":", 1)[1]) if term.key else -1
    folds = lexicon.language(code).letter_folds
    lang = page.lang
    compounds = lang is not None and lang.compounds  # Freitagabend
    named: list[tuple[int, int]] = []  # (token, day) for each page word naming a day

    def day_of(i: int) -> int | None:
        word = page._lower[i].translate(folds)
        best = None
        for form, n in days.items():
            stem = form[:-1]  # sobotniej, субботний: the day's adjective (not Montage)
            if (word.startswith(form) and (len(word) - len(form) <= 3 or compounds)) or (
                    not compounds and len(stem) >= 5 and len(word) > len(form)
                    and word.startswith(stem)) or (
                    lang is not None and not compounds and form in page.keys(i)):
                if best is None or len(form) > len(best[0]):
                    best = (form, n)
        return best[1] if best else None

    for i in page.where(lambda i: day_of(i) is not None):
        named.append((i, day_of(i)))  # type: ignore[arg-type]
    for i, n in named:
        if n == wanted:
            return _result(term, page, "found", page.span(i, i + 1))
    if named:
        i = named[0][0]
        said = page.tokens[i][2]
        result = _result(term, page, "not_found", page.span(i, i + 1),
                         reason=f"the page names {said}, another day, and not {term.text}")
        result.as_ = None
        return result
    return _result(term, page, "not_found", reason="the page names no day of the week")


_COUNTRY_STEM = 3  # letters of a country's name its adjectives keep, in every language met
_COUNTRY_STEM_AT = 4  # letters a word may have before them (وال, an article and a clitic)


def _country_word(term: Term, code: str, page: PageText) -> bool:
    """Might a word of the page be made from the country's name, in its own language or
    one it borrows from, or in English (эфиопский, etíope, الإثيوبي, Hintli for
    Hindistan, үнді for Үндістан)? True when one begins with the name's first letters
    (accents and hamzas aside, or spelt alike in Latin letters), or is the name's beginning.
    False only when none can be: then the page has no word for that country."""
    lang = page.lang
    assert lang is not None
    forms = [term.text, country_names("en").get(code, ""), country_names(page.code)[code],
             *lang.names.get(code, [])]
    for other in lang.data.get("borrows", []):
        forms.append(country_names(other).get(code, ""))
        borrowed = language(other)
        forms += borrowed.names.get(code, []) if borrowed is not None else []
    articles = lang.data.get("name_articles", [])
    names: set[str] = set()
    for form in forms:
        for word in _tokens(form):
            word = _bare(word)
            names.add(word)
            names.update(word[len(a):] for a in articles if word.startswith(a))
    names = {n for n in names if len(n) >= _COUNTRY_STEM}
    folded = {_fold(n) for n in names} - {""}

    def made_from(word: str, stems: set[str]) -> bool:
        return any((len(word) >= _COUNTRY_STEM and n.startswith(word))
                   or 0 <= word.find(n[:_COUNTRY_STEM]) <= _COUNTRY_STEM_AT for n in stems)

    return bool(page.where(lambda i: made_from(_bare(page.tokens[i][2]), names)
                           or made_from(page.latin[i], folded)))


def _bare(word: str) -> str:
    """The word lower-cased without its accents or marks (Etiopía: etiopia; إثيوبيا with its
    hamza below: اثيوبيا; عُمان: عمان)."""
    return "".join(c for c in unicodedata.normalize("NFD", word.casefold())
                   if not unicodedata.combining(c))


_KIND_GAP = 3  # words between a place's own name and its kind word (Bahía de Cádiz)


def _find_named_kind(term: Term, page: PageText) -> tuple[int, int] | None:
    """A place, a building or an event named by a proper name and a common word of its kind
    (en.json's "place_words": London Marathon, Bay of Cádiz, Cathedral Square): found where
    the page states the proper name and its words for the kind within a few words of each
    other (marathon de Londres, Bahía de Cádiz, Соборную площадь)."""
    lists = _claim_lists()
    words = [w for w in _tokens(term.text) if w not in lists["connectors"]]
    kinds = [w for w in words if w in lists["place_words"]]
    proper = [w for w in words if w not in lists["place_words"]]
    if not kinds or not proper or page.lang is None:
        return None
    places = [_word_places(w, page) for w in kinds]
    if not all(places):
        return None
    form = " ".join(proper)
    for i in sorted(places[0]):
        a, b = max(0, i - _KIND_GAP - len(proper)), min(len(page.tokens),
                                                        i + _KIND_GAP + len(proper) + 1)
        if not all(p & set(range(a, b)) for p in places[1:]):
            continue
        window = page.window(a, b)
        span = _find_phrase(form, window, _same_word) or _find_transliterated(form, window)
        if span is None:
            proper_word = Term(form, "term", _word_key(form.casefold()))
            if len(proper) == 1 and _english_word(form):  # Cathedral Square: Соборная площадь
                found = _word_places(proper_word.text, window)
                span = page.span(min(found) + a, min(found) + a + 1) if found else None
        if span:
            first, last = page.text[:span[0]], span[1]
            at = len(_tokens(first))
            return page.span(min(at, i), max(i + 1, at + len(_tokens(
                page.text[span[0]:last]))))
    return None


def _word_places(word: str, page: PageText) -> set[int]:
    """The tokens of the page that state the English word in the page's language: its
    lexicon words, else its dictionary words (one-word forms)."""
    key = _word_key(word.casefold())
    lang = page.lang
    if lang is None:
        return set()
    term = Term(word, "term", key)
    forms = [f for k in _entries(term, key) for f in lang.words.get(k, [])]
    if not forms and lang.dictionary is not None:
        entry = lang.dictionary.forms(word.casefold())
        forms = list(entry[1]) if entry else []
    return {i for form in dict.fromkeys(forms) for i, n in _word_matches(form, page, lang)
            if n == 1}


def _common_word(term: Term) -> bool:
    """Is the name one capitalised common word of an organisation's or of the hand-kept
    lexicon (Government, Court, Police; not Bush or Brown, which only the general dictionary
    knows as words)?"""
    text = term.text
    if term.key is not None or " " in text or "-" in text or _is_acronym(text):
        return False
    return text in _claim_lists()["org_words"] or bool(
        _lemma_by_stem().get(_english_stem(text.casefold())))


def _translatable(term: Term, page: PageText) -> bool:
    """Is the name made of two or more English common words, each of which the page's
    language has a word for (Coordination Headquarters: Координаційний штаб; Independent
    High Authority for Elections)? A language translates such a name, so the page's silence
    on its English spelling proves nothing."""
    lang = page.lang
    if lang is None or _is_acronym(term.text):
        return False
    words = [w for w in _tokens(term.text) if w.casefold() not in _claim_lists()["connectors"]
             and w not in ("and", "&")]
    if len(words) < 2 or _names_a_place(words):
        return False  # London Marathon: a place named by its own name, found beside its kind
    for word in words:
        lower = word.casefold()
        if not _english_word(lower):
            return False
        key = _word_key(lower)
        known = any(lang.words.get(k) for k in _entries(Term(word, "term", key), key))
        if not known and (lang.dictionary is None or lang.dictionary.forms(lower) is None):
            return False
    return True


def _find_word_by_word(name: str, page: PageText) -> tuple[int, int] | None:
    """An organisation named by common words (Central Election Commission, National Police)
    found as the page's words for each of them, all within a few words of each other, in
    any order (Орталық сайлау комиссиясы, منظمة الصحة العالمية)."""
    lists = _claim_lists()
    words = [w for w in _tokens(name) if w.casefold() not in lists["connectors"]
             and w not in ("and", "&")]
    if len(words) < 2:
        return None
    places: list[set[int]] = []
    for word in words:
        key = _word_key(word.casefold())
        term = Term(word, "term", key)
        lang = page.lang
        forms = [f for k in _entries(term, key) for f in lang.words.get(k, [])
                 ] if lang is not None else []
        entry = lang.dictionary.forms(word.casefold()) if lang is not None and \
            lang.dictionary is not None else None
        forms += entry[1] if entry else []
        found = {i for form in dict.fromkeys(forms) for i, n in _word_matches(form, page, lang)
                 if n == 1} | _nationality_places(word, page)
        if not found:
            return None
        places.append(found)
    width = len(words) + 2
    for start in sorted(places[0] | set().union(*places[1:])):
        window = range(start, start + width)
        if all(p & set(window) for p in places):
            chosen = [min(p & set(window)) for p in places]
            return page.span(min(chosen), max(chosen) + 1)
    return None


def _nationality_places(word: str, page: PageText) -> set[int]:
    """The page's words for a nationality's adjective that opens a body's name (German
    Press Agency: Deutsche Presse-Agentur; Polish Space Agency: Polska Agencja Kosmiczna),
    as the name of that nationality is found on its own."""
    lower = word.casefold()
    key = _aliases().get(_alias_key(word))
    if key is None and lower in nationality_codes_en():
        key = "language:" + nationality_codes_en()[lower][0]
    elif key is None and lower in demonym_codes_en():
        key = "demonym:" + demonym_codes_en()[lower]
    if key is None:
        return set()
    forms = [f for f in _name_forms(Term(word, "name", key), page) if len(_tokens(f)) == 1]
    return set(page.where(lambda k: any(_same_word(f, page, k) for f in forms)))


def _named_instead(term: Term, page: PageText) -> tuple[str, tuple[int, int]] | None:
    """Another known name of the same kind (a city for a city, a court for a court: the
    "kinds" of en.json) that the page names, with where: the contradiction to show."""
    kinds = _english().data.get("kinds", {})
    kind = kinds.get(term.key or "")
    if kind is None:
        return None
    for other, its_kind in kinds.items():
        if other == term.key or its_kind != kind:
            continue
        forms = [other, *_english().names.get(other, [])]
        if page.lang is not None:
            forms += page.lang.names.get(other, [])
        for form in dict.fromkeys(forms):
            span = _find_phrase(form, page, _same_word)
            if span:
                return other, span
    return None


def _tokens(text: str) -> list[str]:
    return WORD_RE.findall(text)


def _find_phrase(form: str, page: PageText, same) -> tuple[int, int] | None:  # type: ignore[no-untyped-def]
    words = _tokens(form)
    if not words:
        return None
    n = len(words)
    for i in page.where(lambda k: same(words[0], page, k)):
        if i + n <= len(page.tokens) and all(same(words[j], page, i + j) for j in range(1, n)):
            return page.span(i, i + n)
    return None


def _same_word(word: str, page: PageText, i: int) -> bool:
    """Is page token i the word (a name's word), inflected or not?"""
    token = page.tokens[i][2]
    if _is_acronym(word) or (len(word) <= 3 and word.isupper()):
        return token == word or token == word.replace(".", "")
    lower, other = word.casefold(), page._lower[i]
    if lower == other:
        return True
    if len(lower) >= 4 and other.startswith(lower) and len(other) - len(lower) <= 5:
        return True  # Алматыда, Токаева, Kazakhstan's
    if page.lang is not None and (len(lower) >= 4 or (len(lower) == 3 and word.islower())):
        return bool(page.lang.keys(lower) & page.keys(i) - {lower[:2]})  # суд ~ суда
    return False


def _find_transliterated(form: str, page: PageText, family_name: bool = False,
                         stems: bool = True) -> tuple[int, int] | None:
    """A name found through a common Latin spelling of both sides (Tokayev ~ Токаев ~
    Tokaïev ~ Тоқаев), or by its consonants in Arabic script. A name of several words
    is found when all its words stand together, or, for a person, the family name.
    Inflected, a name may lose its final vowel (Cherkasy ~ Черкаської, Toregozhina ~
    Торегожиной): its stem counts when long enough, or when all its words stand together."""
    words = [w for w in _tokens(form) if w not in _claim_lists()["titles"]]
    if not words or any(_is_acronym(w) and len(w) <= 2 for w in words):
        return None  # "UN" transliterated is "ун": only the names the data gives
    keys = [_latin_keys(w) for w in words]
    # a word the claim writes with the Arabic article (el-Baqer) may meet the page's الباقر;
    # one written without it never does (Tariq is not الطريق, "the road")
    articled = [j > 0 and words[j - 1].casefold() in _ARTICLES for j in range(len(words))]
    if any(len(k[0]) < 3 for k in keys):
        articled = [a for a, k in zip(articled, keys) if len(k[0]) >= 3]
        keys = [k for k in keys if len(k[0]) >= 3]
        if not keys:
            return None
    arabic = page.lang is not None and page.lang.consonant_names
    n = len(keys)
    stem_min = (_STEM_TOGETHER if n > 1 else _STEM_ALONE) if stems else 99
    for i in page.where(lambda k: _same_latin(keys[0], page, k, arabic, stem_min, articled[0])):
        if i + n <= len(page.tokens) and all(
                _same_latin(keys[j], page, i + j, arabic, stem_min, articled[j])
                for j in range(1, n)):
            return page.span(i, i + n)
    if arabic:
        span = _find_consonants(form, page)
        if span:
            return span
    if family_name and n > 1 and len(keys[-1][0]) >= 5 and all(map(_given_name, words[:-1])) \
            and not _names_a_place(words):
        for i in page.where(lambda k: _same_latin(keys[-1], page, k, arabic,
                                                  _STEM_ALONE if stems else 99, articled[-1])):
            return page.span(i, i + 1)
    return None


_ARTICLES = frozenset({"al", "el"})


def _names_a_place(words: Sequence[str]) -> bool:
    """Is a name with these words a place's, a building's, an event's or an organisation's
    (Khanty-Mansi Autonomous Okrug, Cathedral Square), never a person's?"""
    lists = _claim_lists()
    return any(w in lists["place_words"] or w in lists["org_words"] for w in words)


def _given_name(word: str) -> bool:
    """Can the word be a person's given name, so that the family name after it stands for the
    whole name? Not a word with a capital or a digit inside ("SpaceX Atlas" is a company's
    rocket, and Atlas alone is not SpaceX's)."""
    return all(not any(c.isupper() or c.isdigit() for c in part[1:])
               for part in word.split("-"))


def _find_consonants(form: str, page: PageText) -> tuple[int, int] | None:
    """A name of several words found by its consonants across Arabic script's own word
    boundaries: Abdulkarim al-Khodr ~ عبد الكريم الخضر, Laila Soueif ~ ليلى سويف (each
    page word may also drop its article)."""
    words = _tokens(form)
    wanted = "".join(_skeleton(_fold(w)) for w in words)
    if len(words) < 2 or len(wanted) < 5:
        return None
    for i in range(len(page.tokens)):
        options = {""}
        for m in range(4):
            if i + m >= len(page.tokens) or page.tokens[i + m][2].isascii():
                break
            theirs = page.consonants[i + m]
            if not theirs:
                break
            forms = {theirs, theirs[1:]} if theirs.startswith("l") and m else {theirs}
            options = {o + t for o in options for t in forms if wanted.startswith(o + t)}
            if wanted in options:
                return page.span(i, i + m + 1)
            if not options:
                break
    return None


_STEM_TOGETHER, _STEM_ALONE = 4, 6  # a name's stem without its final vowels, at least
_H_RE = re.compile(r"(?<![kKsScCzZgGpPtT])[hH]")
_J_RE = re.compile(r"(?<![dD])[jJ](?=[aeiouAEIOU])")


def _latin_keys(word: str) -> list[str]:
    """The folded spellings a claim's name word may take in the page: as it is, with its h
    as g (Ukrainian h is Russian and Belarusian г: Oleh ~ Олег, Hudyma ~ Гудима), and with
    a j before a vowel as y (a Slavic, German or Dutch j: Jasarevic ~ Ясаревич ~ ياسرفيتش)."""
    keys = [_fold(word)]
    for other in (_H_RE.sub(lambda m: "g" if m.group(0) == "h" else "G", word),
                  _J_RE.sub(lambda m: "y" if m.group(0) == "j" else "Y", word)):
        key = _fold(other)
        if key not in keys:
            keys.append(key)
    return keys


def _same_latin(keys: Sequence[str], page: PageText, i: int, arabic: bool,
                stem_min: int = _STEM_ALONE, articled: bool = False) -> bool:
    other = page.latin[i]
    for key in keys:
        if other == key or (len(key) >= 4 and other.startswith(key)
                            and len(other) - len(key) <= 4):
            return True
        if key[-1:] not in _VOWELS:
            continue
        # Maria ~ Марии, Cherkasy ~ Черкаської; a final ей, ай is lost whole (Solovei ~
        # Солов’я), never only its й
        glide = key[-1] == "i" and key[-2:-1] in tuple(_VOWELS)
        for stem in ((key[:-2],) if glide else (key[:-1], key.rstrip(_VOWELS))):
            if len(stem) >= stem_min and other.startswith(stem) and len(other) - len(stem) <= 5:
                return True
    if arabic and not page.tokens[i][2].isascii():
        return any(_same_consonants(key, page, i, articled) for key in keys)
    return bool(set(keys) & _lemma_latin(page, i))


def _lemma_latin(page: PageText, i: int) -> set[str]:
    """The Latin keys of the lemmas of page token i, a capitalised word (Харкові: харків,
    Kharkiv), when the lemma keeps the word's beginning but for its last two letters (not
    лев, "lion", for Львові)."""
    word = page.tokens[i][2]
    if page.lang is None or not word[:1].isupper():
        return set()
    low = page._lower[i]
    return {_fold(k) for k in page.keys(i) - {low}
            if len(k) >= 4 and low.startswith(k[:-2])}


def _same_consonants(key: str, page: PageText, i: int, articled: bool) -> bool:
    """Does page token i (Arabic script) write the folded name key: the same consonants,
    and a vowel in the key wherever the word writes a long one?"""
    skeleton, theirs = _skeleton(key), page.consonants[i]
    if len(skeleton) < 3:
        return False
    word = page.tokens[i][2]
    if theirs == skeleton:
        return _long_vowels_written(key, word)
    # el-Baqer ~ الباقر: the word after its article, long vowels too (al-Turki is not
    # الطريق, "the road", whose ي stands where Turki has none)
    return (articled and theirs.startswith("l") and theirs[1:] == skeleton
            and word.startswith("\u0627\u0644") and _long_vowels_written(key, word[2:]))


_LONG_VOWELS = "\u0627\u0648\u064a\u0649"  # alif, waw, ya, alif maqsura
_ARABIC_MARKS = re.compile("[\u064b-\u0652\u0640]")


def _long_vowels_written(key: str, word: str) -> bool:
    """Does the Latin spelling have a vowel wherever the Arabic word writes a long one
    between its consonants (Nabil ~ نبيل; not Brigadier's "brjdr" for a word whose letters
    say otherwise)? Short vowels are not written, so a Latin vowel may have none."""
    theirs: list[bool] = []  # for each gap between the Arabic consonants: a long vowel?
    gap = False
    for c in _ARABIC_MARKS.sub("", word):
        if c in _LONG_VOWELS:
            gap = True
        elif not _ARABIC_VOWELS.match(c):
            for _ in _skeleton(_fold(c)):
                theirs.append(gap)
                gap = False
    mine: list[bool] = []
    gap = False
    for c in key.replace("v", "f").replace("g", "j"):
        if c in _VOWELS:
            gap = True
        elif _skeleton(c):
            mine.append(gap)
            gap = False
    if len(mine) != len(theirs):
        return True  # the letters fold differently: the consonants alone decide
    return all(m or not t for m, t in zip(mine[1:], theirs[1:]))


_FOLDS = (("shch", "s"), ("sch", "s"), ("tch", "c"), ("dzh", "j"), ("ch", "c"), ("zh", "j"),
          ("dj", "j"), ("kh", "h"), ("gh", "g"), ("ph", "f"), ("sh", "s"), ("ts", "c"),
          ("tz", "c"), ("ck", "k"), ("x", "ks"), ("w", "v"), ("q", "k"), ("ou", "u"),
          ("y", "i"))
_GU_RE = re.compile(r"gu(?=[ie])")
_VOWELS = "aeiou"


@lru_cache(maxsize=200_000)
def _fold(word: str) -> str:
    """A rough Latin key shared by the spellings of a name across scripts and languages."""
    from anyascii import anyascii

    s = "".join(c for c in anyascii(word).lower() if c.isalpha())
    s = _GU_RE.sub("g", s)
    if s.startswith("ye"):
        s = s[1:]
    for a, b in _FOLDS:
        s = s.replace(a, b)
    # Tokayev / Токаев / Tokajew: an i between vowels (й, y), or a j before e, is dropped;
    # doubled letters are one
    s = re.sub(r"(?<=[aeiou])(?:i(?=[aeiou])|j(?=e))", "", s)
    return re.sub(r"(.)\1+", r"\1", s)


# In Arabic script, the letters a Latin spelling writes as vowels: alif and hamza, waw
# and ya (long vowels), ta marbuta, and ayn (Abdul for عبد, Issa for عيسى), and the
# short-vowel marks.
_ARABIC_VOWELS = re.compile("[\u0627\u0623\u0625\u0622\u0621\u0626\u0624\u0639\u0648"
                            "\u064a\u0649\u0629\u064b-\u0652]")


def _skeleton(key: str) -> str:
    """The consonants of a folded key, as Arabic script writes a name (no short vowels;
    v is f; Arabic has no g: ج is j, or g in Egypt)."""
    s = key.replace("v", "f").replace("g", "j").replace("'", "")
    return re.sub(r"[aeiouhv]", "", s)


# --- content words -------------------------------------------------------------------------


def _match_word(term: Term, page: PageText) -> TermResult:
    entry = term.key or term.text.casefold()
    if page.code in (None, "en"):
        lang: Language | None = _english()
        forms = [term.text, *(_english().words.get(entry, []))]
        if entry != term.text.casefold() and " " not in entry:
            forms.append(entry)
    else:
        lang = page.lang
        forms = [form for key in _entries(term, entry) for form in lang.words.get(key, [])
                 ] if lang is not None else []
        if not forms:
            return _match_in_dictionary(term, page)
    found, denied = _find_affirmed(term, forms, page, lang)
    if found:
        return _result(term, page, "found", found)
    if denied:
        return _denied(term, page, denied)
    loan = _find_loanword(term, page) if page.code not in (None, "en") else None
    if loan:
        return _result(term, page, "found", loan)
    return _result(term, page, "not_found")


def _find_loanword(term: Term, page: PageText) -> tuple[int, int] | None:
    """The claim's own word, taken into the page's language (supporters, террорист): a word
    of six letters or more, met by its spelling across scripts."""
    return _find_transliterated(term.text, page, stems=False) if len(term.text) >= 6 else None


def _find_affirmed(term: Term, forms: Iterable[str], page: PageText, lang: Language | None
                   ) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """The first place the page states one of the forms as the claim does, and, when it
    states them only the other way, the first place it does: in the negative where the
    claim affirms, or affirmed where the claim denies ("without oxygen": "with the use of
    oxygen")."""
    contrary = None
    for form in dict.fromkeys(forms):
        for i, n in _word_matches(form, page, lang):
            negation = page.denied_near(i, n) if term.negated else page.negation(i, n)
            if (negation is None) != term.negated:
                return page.span(i, i + n), None
            contrary = contrary or negation or page.span(i, i + n)
    return None, contrary


def _denied(term: Term, page: PageText, span: tuple[int, int]) -> TermResult:
    if term.negated:
        return _result(term, page, "not_found", span,
                       reason="the claim says there was none, and the page states it")
    return _result(term, page, "not_found", span,
                   reason="the page says it in the negative: it states that there was none")


def _match_in_dictionary(term: Term, page: PageText) -> TermResult:
    """A content word the hand-kept lexicon has no word for: through the figures' lexicon of
    counted things, then the language's general bilingual dictionary (``data/lang/dict``),
    then as a loanword, transliterated. When the dictionary gives words for it and none is
    on the page, it is ``not_found``; with no word for it anywhere, ``unchecked``."""
    lang = page.lang
    span = _find_counted(term, page)
    if span:
        return _result(term, page, "found", span)
    entry = lang.dictionary.forms(_own_word(term)) if lang is not None and \
        lang.dictionary is not None else None
    if entry is not None:
        found, denied = _find_affirmed(term, entry[1], page, lang)
        if found:
            return _result(term, page, "found", found)
        if denied:
            return _denied(term, page, denied)
    # a loanword may still be there, transliterated (terrorist ~ террорист)
    span = _find_loanword(term, page) or _find_borrowed(term, page)
    if span:
        return _result(term, page, "found", span)
    if entry is not None:
        # The language's words for it are known and the page has none of them. That shows
        # the page does not state it only for a plain noun (a thing: tractor, chimney), which
        # a dictionary's few words name; a verb, an adjective or a word of many senses
        # (watch, hand, eased) a page says in more ways than any word list holds. The reason
        # names what was looked for either way.
        source = lang.dictionary.about.split(":")[0] if lang and lang.dictionary else page.code
        looked = (f"none of the words the {source} dictionary gives for “{entry[0]}” "
                  f"({', '.join(entry[1][:6])}) is in the page")
        if entry[0] in plain_nouns():
            return _result(term, page, "not_found", reason=looked)
        return _result(term, page, "unchecked",
                       reason=f"{looked}; a word of several senses or uses that a page may "
                              "say in other words")
    what = "lexicon" if lang is not None else "language data"
    return _result(term, page, "unchecked",
                   reason=f"no {page.code} word for it in citecheck's {what}")


def _find_borrowed(term: Term, page: PageText) -> tuple[int, int] | None:
    """A word the page's language took from another (``borrows`` in its file: Kazakh from
    Russian, станция, полиция): that language's dictionary words for the term, met in the
    page by the page language's own endings (станциясы). Only to find: the page's own words
    for it are not known."""
    lang = page.lang
    for code in lang.data.get("borrows", []) if lang is not None else []:
        other = language(code)
        entry = other.dictionary.forms(_own_word(term)) if other is not None and \
            other.dictionary is not None else None
        if entry is None:
            continue
        found, _ = _find_affirmed(term, [f for f in entry[1] if " " not in f], page, lang)
        if found:
            return found
    return None


def _find_counted(term: Term, page: PageText) -> tuple[int, int] | None:
    """A counted thing ("journalists", "protesters") found as the figures' lexicon names it
    in the page's language (check/lexicon.py): the same concept, and only one."""
    from . import lexicon

    theirs = lexicon.language(page.code)
    if not theirs.known:
        return None
    mine = lexicon.language("en").concepts(_own_word(term))
    known = lexicon.concepts()
    if len(mine) != 1 or any(known[c].generic for c in mine if c in known):
        return None
    if not _names_the_concept(_own_word(term), next(iter(mine))):
        return None  # "truck" is one kind of the vehicles "автомобілем" may be another of
    for i, (_, _, word) in enumerate(page.tokens):
        if theirs.concepts(page._lower[i]) == mine:
            return page.span(i, i + 1)
    return None


def _names_the_concept(word: str, concept: str) -> bool:
    """Does the English word name the counted concept itself, not one kind of it? A concept
    of the figures' lexicon groups a thing with its kinds (vehicle: car, truck; attack:
    strike, bombing): its id, first English word and English name are the thing, and only
    they are found by any of the page's words for the concept."""
    from . import lexicon

    first = (lexicon._data("en.json") or {}).get("counted", {}).get(concept, "").split()[:1]
    known = lexicon.concepts().get(concept)
    heads = [concept, *(w for w in (known.name.split() if known else [])
                        if w.isalpha() and w != "and")]
    if first:
        head = first[0]
        if word == head.lstrip("=") or (not head.startswith("=") and word.startswith(head)):
            return True
    return any(_english_stem(word) == _english_stem(h) for h in heads)


def _entries(term: Term, entry: str) -> list[str]:
    """The lexicon entries a content word stands for: its own first ("killed": kill), then
    those its English synonyms list (die, death)."""
    others = _lemma_by_stem().get(_english_stem(_own_word(term)), set())
    return [entry, *sorted(others - {entry})]


def _find_words(form: str, page: PageText, lang: Language | None) -> tuple[int, int] | None:
    for i, n in _word_matches(form, page, lang):
        return page.span(i, i + n)
    return None


def _word_matches(form: str, page: PageText, lang: Language | None) -> Iterator[tuple[int, int]]:
    """Every place (first token, number of tokens) the page states the form."""
    words = [w.casefold() for w in _tokens(form)]
    if not words or lang is None:
        return
    wanted = [lang.keys(w) for w in words]
    # a negative verb (Turkish vuramamak, "fail to hit"), whose lemma is the positive one's
    # (vur): met only by a word that keeps its negative (vuramadı), never by vuruş, "a hit"
    negative = [next((w[: -len(end)] + kept for end, kept in _negative_verbs(lang)
                      if w.endswith(end) and len(w) > len(end) + 1), None) for w in words]
    n = len(words)
    compounds = lang.compounds
    keys = page.keys_in(lang)
    for i in range(len(page.tokens) - n + 1):
        ok = True
        for j in range(n):
            if negative[j] is not None:
                if page._lower[i + j].startswith(negative[j]):
                    continue
                ok = False
                break
            if wanted[j] & keys[i + j]:
                continue
            if compounds and n == 1 and _compound_part(words[j], wanted[j], page._lower[i + j],
                                                       lang, page.tokens[i + j][2][:1].isupper()):
                continue
            ok = False
            break
        if ok:
            yield i, n


@lru_cache(maxsize=None)
def _negative_verbs(lang: Language) -> tuple[tuple[str, str], ...]:
    """The language file's endings of a negative verb, each with what of it every form of
    that verb keeps (Turkish "mamak": "ma", vurmamak: vurma-)."""
    return tuple(sorted(lang.data.get("negative_verbs", {}).items(), key=lambda e: -len(e[0])))


def _compound_part(word: str, keys: frozenset[str], token: str,
                   lang: Language | None = None, capital: bool = True) -> bool:
    """Is the word the first or the last part of a compound ("Foltervorwürfe" for Folter,
    "Sicherheitskräften" for Kräfte)? The last part is normalised as a word of its own, and
    counts only in a noun where the language writes nouns with a capital: a lower-case word
    ending in it is a verb that its prefix changes ("aufrechterhalten" is not Halt)."""
    stems = [k for k in keys | {word} if len(k) >= 4]
    if len(token) <= len(word):
        return False
    if any(token.startswith(s) for s in stems):
        return True
    if lang is not None and lang.nouns_capitalised and not capital:
        return False
    if lang is None:
        return any(token.endswith(s) for s in stems)
    return any(lang.keys(token[i:]) & keys for i in range(3, len(token) - 3))
