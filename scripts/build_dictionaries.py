"""Build citecheck's bilingual word lists (src/citecheck/check/data/lang/dict/<lang>.json.gz)
from dictionaries Debian packages, once, at build time. Nothing here runs at run time.

    apt-get install mueller7-dict dict-freedict-eng-rus dict-freedict-eng-deu \
        dict-freedict-deu-eng dict-freedict-pol-eng dict-freedict-eng-fra \
        dict-freedict-fra-eng dict-freedict-eng-spa dict-freedict-spa-eng \
        dict-freedict-eng-ara dict-freedict-ara-eng dict-freedict-eng-pol apertium-rus-ukr \
        apertium-eng-spa apertium-fr-es lttoolbox dict-freedict-eng-tur dict-freedict-tur-eng
    python scripts/build_dictionaries.py [tr]

Sources (under the GNU GPL, version by source below; see each package's
/usr/share/doc/*/copyright, and src/citecheck/check/data/lang/dict/README.md):

- ru (GPL-2.0-or-later): V. K. Mueller's English-Russian dictionary, 7th edition (Debian
  `mueller7-dict`), then up to MAX_BACK more words a headword from FreeDict's English-Russian
  one (`dict-freedict-eng-rus`). Mueller's
  senses are numbered by how common they are: the first three senses of each part of speech
  that carry no usage label (_разг., _уст., _attr. …) give at most two words each; each
  imperfective verb is followed by its perfective partner (задерживать, задержать), found
  by the suffix change that derives it and kept only when pymorphy3's dictionary knows it;
- uk (GPL-2.0-or-later): those Russian words carried into Ukrainian by Apertium's Russian-Ukrainian bilingual
  dictionary (Debian `apertium-rus-ukr`, read through lttoolbox's `lt-proc`: each Russian
  word is analysed, then looked up lemma by lemma), and perfective partners likewise;
- de (GPL-3.0; eng-deu also AGPL-3.0): the Ding English-German dictionary as FreeDict ships it (`dict-freedict-eng-deu`),
  only its senses without a subject or register label ([techn.], [ugs.] …), its verbs
  given room beside the nouns (order: Befehl…, anordnen), then its German-English side
  (`dict-freedict-deu-eng`) read backwards (Leichnam, Cabrio; see `backwards`);
- fr (GPL-2.0-or-later), es (GPL-2.0: Apertium's part is GPL-2.0 only): FreeDict's English-French and English-Spanish dictionaries, with their
  French-English and Spanish-English ones read backwards (within MAX_FORMS, then up to
  MAX_BACK more by `backwards`); for French, where those give fewer than two words, the
  Spanish words carried into French by Apertium's French-Spanish bilingual dictionary (Debian
  `apertium-fr-es`, GPL-2.0 only); for Spanish, then Apertium's
  English-Spanish bilingual dictionary (Debian `apertium-eng-spa`);
- pl (GPL-3.0-or-later and GFDL-1.2-or-later): FreeDict's English-Polish dictionary
  (`dict-freedict-eng-pol`), the first three unlabelled senses of each part of speech;
  pl.pol-eng (CC-BY-SA-3.0, so in a file of its own): FreeDict's Polish-English one
  (`dict-freedict-pol-eng`) read backwards (wniosek for request, funkcjonariusz for officer);
- tr (GPL-2.0-or-later): FreeDict's English-Turkish dictionary, the first two words of
  each numbered sense, then its Turkish-English one read backwards (`python
  scripts/build_dictionaries.py tr` builds this one alone);
- ar (GPL-2.0-or-later): FreeDict's English-Arabic dictionary, with its Arabic-English one read backwards; a
  verb it gives in the imperative (إشجب) also by its root (شجب).

An English headword is kept when it is a single lower-case word that Mueller's dictionary
also lists (a general vocabulary of about 40,000 words), with at most MAX_FORMS words or
short phrases for it.
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

DICTD = Path("/usr/share/dictd")
OUT = Path(__file__).resolve().parents[1] / "src" / "citecheck" / "check" / "data" / "lang" / "dict"
MAX_FORMS = 6
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
HEADWORD_RE = re.compile(r"[a-z]{3,}")


def _b64(s: str) -> int:
    n = 0
    for ch in s:
        n = n * 64 + B64.index(ch)
    return n


def entries(name: str):
    """(headword, article) of a dictd database, in its index order."""
    data = gzip.open(DICTD / f"{name}.dict.dz").read()
    for line in (DICTD / f"{name}.index").read_text("utf-8").splitlines():
        head, offset, length = line.split("\t")[:3]
        if head.startswith("00-database") or head.startswith("00database"):
            continue
        yield head, data[_b64(offset):_b64(offset) + _b64(length)].decode("utf-8", "replace")


def _items(text: str, letters: str, max_words: int = 2) -> list[str]:
    """The translations in a piece of an article: comma-separated, brackets removed, each
    made only of the language's letters, at most max_words words."""
    text = re.sub(r"\([^)]*\)|\{[^}]*\}|<[^>]*>|\[[^\]]*\]", " ", text)
    out = []
    for item in re.split(r"[,;،؛]", text):
        item = " ".join(item.split()).strip(" .-")
        if not item or len(item.split()) > max_words:
            continue
        if re.fullmatch(rf"[{letters}\s-]+", item) and len(item) >= 2:
            out.append(item)
    return out


def _add(table: dict[str, list[str]], head: str, forms,  # type: ignore[no-untyped-def]
         cap: int = MAX_FORMS) -> None:
    have = table.setdefault(head, [])
    for form in forms:
        if form not in have and len(have) < cap:
            have.append(form)


MAX_BACK = 8  # words a dictionary read backwards may add beyond MAX_FORMS


# the labels of senses that are not the plain, current one (Ding's and FreeDict's)
REGISTER_RE = re.compile(r"\b(?:coll|ugs|slang|sl|vulg|pej|obs|veraltet|old|archaic|poet|"
                         r"fig|übtr|humor|hum|dial|regional|Bayr|Ös|Schw|Süddt|Norddt|BE|AE|"
                         r"rare|selten|iron|euphem|Jargon|pot|książkowy|potocznie|"
                         r"przestarzały|wulgarny|żartobliwy|przenośnie)\b", re.I)


def backwards(name: str, letters: str) -> dict[str, list[str]]:
    """A language-to-English dictionary read backwards: each foreign headword of one or two
    words, under the first three English words of each of its first three senses that carry
    no subject or register label ("Leichnam: dead body, body, corpse" gives body a word
    Ding's English-German side lists only as Rumpf, Torso; "wniosek: proposal, suggestion,
    request"). A sense is an article's first line after its headword, or a numbered line
    ("2. conclusion"); the other lines are examples, cross-references or definitions. A
    subject label ([naut.] Deck) keeps a sense, a register label ([ugs.], [obs.]) drops it;
    under each English word, the words that give it first come first."""
    ranked: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    senses: dict[str, int] = defaultdict(int)
    for head, article in entries(name):
        lines = article.split("\n")
        # the headword as the article writes it (German nouns keep their capital)
        foreign = " ".join(re.sub(r"\s*[/(<].*$", "", lines[0]).split()) or head
        if not re.fullmatch(rf"[{letters}\s-]+", foreign) or len(foreign.split()) > 2:
            continue
        glosses = [lines[1] if len(lines) > 1 else ""] + [
            line for line in lines[2:] if re.match(r"^\s*\d+\.\s*\S", line)]
        for line in glosses:
            text = re.sub(r"^\s*\d+\.\s*", "", line).strip()
            if not text or senses[foreign] >= 3:
                continue
            senses[foreign] += 1
            labels = re.findall(r"\[([^\]]*)\]|\(([^)]*)\)", text)
            if any(REGISTER_RE.search(a or b) for a, b in labels):
                continue  # a colloquial, old, regional or figurative sense: counted, not taken
            # a subject label ([naut.] Deck, [med.] Leichnam) keeps the plain sense
            text = re.sub(r"\[[^\]]*\]|\([^)]*\)", " ", text)
            for at, english in enumerate(_items(re.sub(r"<[^>]*>", " ", text), "A-Za-z", 2)[:3]):
                english = english.lower()
                if HEADWORD_RE.fullmatch(english):
                    ranked[english].append((senses[foreign] - 1, at, foreign))
    # under each English word, the foreign words that give it first (first sense, first
    # gloss) before those that give it last
    return {english: list(dict.fromkeys(f for *_, f in sorted(found)))[:MAX_BACK]
            for english, found in sorted(ranked.items())}


def merged(first: dict[str, list[str]], *more: dict[str, list[str]]) -> dict[str, list[str]]:
    """A dictionary's words, then each further one's new words (at most MAX_BACK of each)."""
    out = {head: list(forms) for head, forms in first.items()}
    for table in more:
        for head, forms in table.items():
            have = out.setdefault(head, [])
            have += [f for f in forms if f not in have][:MAX_BACK]
    return out


CYRILLIC = "а-яёА-ЯЁ"
LABEL_RE = re.compile(r"^\s*_")


def mueller() -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for head, article in entries("mueller7"):
        head = head.strip()
        if not HEADWORD_RE.fullmatch(head):
            continue
        body = " ".join(article.split("\n")[1:])
        body = re.sub(r"\[[^\]]*\]", " ", body, count=1)  # the transcription
        # parts of speech: "1. _n. …  2. _v. …"; or one, unnumbered
        blocks = re.split(r"(?:^|\s)\d+\.\s+(?=_)", body) or [body]
        forms: list[str] = []
        for block in blocks:
            block = re.sub(r"^\s*_[a-z]+\.(?:\s*_[a-z]+\.)*", " ", block)  # "_n." "_v. _pl."
            senses = re.split(r"(?:^|\s)\d+\)\s*", block)
            senses = [s for s in senses if s.strip()] if len(senses) > 1 else [block]
            taken = 0
            for sense in senses:
                if taken == 3:
                    break
                if LABEL_RE.match(sense):
                    continue  # _разг., _уст., _attr. …: not the plain sense
                head_part = sense.split(";")[0]
                words = _items(head_part, CYRILLIC)[:2]
                if words:
                    forms += words
                    taken += 1
        if forms:
            _add(table, head, forms)
    return table


def ding() -> dict[str, list[str]]:
    """Ding's plain senses, its verbs ("order /ˈɔːdə/ <v>": anordnen) kept apart from the
    rest so that a word's many noun senses (Anordnung, Befehl, Bestellung…) leave room for
    them: the first MAX_FORMS other words, then up to three verbs."""
    other: dict[str, list[str]] = {}
    verbs: dict[str, list[str]] = {}
    for head, article in entries("freedict-eng-deu"):
        head = head.strip()
        if not HEADWORD_RE.fullmatch(head):
            continue
        lines = article.split("\n")
        if len(lines) < 2 or "[" in lines[1]:
            continue  # a subject or register label: not the plain sense
        _add(verbs if "<v>" in lines[0] else other, head,
             _items(lines[1], "A-Za-zÄÖÜäöüß")[:2])
    return {head: list(dict.fromkeys(other.get(head, []) + verbs.get(head, [])[:3]))
            for head in sorted(set(other) | set(verbs))}


ARABIC_IMPERATIVE_RE = re.compile(r"إ([\u0621-\u064a]{3,})")


def _arabic(forms: list[str]) -> list[str]:
    """FreeDict's English-Arabic dictionary gives a verb in the imperative (إشجب, "denounce!"):
    a page has its other forms, which meet the root (شجب) through Snowball's stems."""
    out = []
    for form in forms:
        m = ARABIC_IMPERATIVE_RE.fullmatch(form)
        out += [m.group(1), form] if m else [form]
    return out


def freedict(pair: str, letters: str, reverse: str | None) -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for head, article in entries(f"freedict-{pair}"):
        head = head.strip().lower()
        if not HEADWORD_RE.fullmatch(head):
            continue
        text = " ".join(re.sub(r"^\s*\d+\.\s*", "", line) + "," for line in article.split("\n")[1:])
        forms = _items(text, letters)[:3]
        _add(table, head, _arabic(forms) if pair == "eng-ara" else forms)
    if reverse:
        for head, article in entries(f"freedict-{reverse}"):
            foreign = " ".join(head.split())
            if not re.fullmatch(rf"[{letters}\s-]+", foreign) or len(foreign.split()) > 2:
                continue
            text = " ".join(re.sub(r"^\s*\d+\.\s*", "", line) + "," for line in article.split("\n")[1:])
            for english in _items(text, "A-Za-z", 1)[:3]:
                english = english.lower()
                if HEADWORD_RE.fullmatch(english):
                    _add(table, english, [foreign])
    return table


TURKISH = "A-Za-zÇĞİÖŞÜçğıöşüÂÎÛâîû"
SENSE_RE = re.compile(r"^\s*\d+\.\s*")


def turkish() -> dict[str, list[str]]:
    """FreeDict's English-Turkish dictionary, whose articles number their senses (court: 1.
    avlu, iç bahçe … 3. (huk.) mahkeme): the first two words of each sense in turn, within
    MAX_FORMS, so that a later sense has room (mahkeme), then its Turkish-English one read
    backwards."""
    table: dict[str, list[str]] = {}
    for head, article in entries("freedict-eng-tur"):
        head = head.strip().lower()
        if not HEADWORD_RE.fullmatch(head):
            continue
        senses = [SENSE_RE.sub("", line) for line in article.split("\n")[1:]
                  if SENSE_RE.match(line)]
        # a sense's text up to its first example ("5. kur. court fool saray soytarısı")
        forms = [f for sense in senses for f in _items(sense.split(". ")[0], TURKISH)[:2]]
        _add(table, head, forms)
    return merged(table, backwards("freedict-tur-eng", TURKISH))


POLISH = "A-Za-zĄĆĘŁŃÓŚŹŻąćęłńóśźż"
POS_RE = re.compile(r"^\s*(?:[IVX]+\.\s*)?(?:<[^>]*>\s*)?(?:\d+\.\s*)?(?:[a-z]\.\s+)?")


def polish() -> dict[str, list[str]]:
    """FreeDict's English-Polish dictionary: per part of speech ("I. <N>", "II. <V>"), its
    first three numbered senses without a label ([form], [US], [minister] …) or a phrase
    ("on request (:on :request)", "- na życzenie")."""
    table: dict[str, list[str]] = {}
    for head, article in entries("freedict-eng-pol"):
        head = head.strip()
        if not HEADWORD_RE.fullmatch(head):
            continue
        forms: list[str] = []
        taken = 0
        for line in article.split("\n")[1:]:
            if re.match(r"^\s*[IVX]+\.", line):
                taken = 0  # a new part of speech
            if (not line.strip() or line.lstrip().startswith("-") or "[" in line
                    or re.search(r"\([^)]*:|<[^>]* [^>]*>", line)):
                continue  # a label, a phrase, a compound ("<N Comp>police officer")
            if taken == 3:
                continue
            # "<N> the police  policja": the English words the sense is for, then the Polish
            text = re.sub(r"\([^)]*\)", " ", POS_RE.sub("", line)).strip()
            text = re.split(r"\s{2,}(?=[^,\s])", text)[-1]
            words = _items(text, POLISH)[:2]
            if words:
                forms += words
                taken += 1
        _add(table, head, forms)
    return table


def apertium(pair: str, words: list[str], own_lemma: bool = False,
             direction: str | None = None) -> dict[str, list[str]]:
    """Each word analysed by an Apertium pair's analyser, its lemma looked up in the pair's
    bilingual dictionary: word -> the target lemmas, as lttoolbox's lt-proc gives them.
    `direction` ("es-fr") when it is not the pair's own name's order."""
    folder = Path(f"/usr/share/apertium/apertium-{pair}")
    src, dst = (direction or pair).split("-")
    analysed = subprocess.run(["lt-proc", "-w", str(folder / f"{src}-{dst}.automorf.bin")],
                              input="\n".join(words) + "\n", capture_output=True, text=True,
                              check=True).stdout.splitlines()
    queries: list[tuple[str, str]] = []
    for word, line in zip(words, analysed):
        for reading in re.findall(r"/([^/$]+)", line):
            # own_lemma: the word's own lemma only ("leaves" is not looked up as "leaf")
            if not reading.startswith("*") and (
                    not own_lemma or reading.split("<")[0].lower() == word.lower()):
                queries.append((word, reading))
    translated = subprocess.run(["lt-proc", "-b", str(folder / f"{src}-{dst}.autobil.bin")],
                                input="\n".join(f"^{r}$" for _, r in queries) + "\n",
                                capture_output=True, text=True, check=True).stdout.splitlines()
    by_word: dict[str, list[str]] = defaultdict(list)
    for (word, _), line in zip(queries, translated):
        for target in re.findall(r"/([^/<$]+)<", line):
            target = target.replace("#", "").replace("_", " ").strip()
            if target and not target.startswith("@") and target not in by_word[word]:
                by_word[word].append(target)
    return by_word


# An imperfective infinitive's perfective partner, by the suffix change that derives it
# (задерживать → задержать, подавлять → подавить, затримувати → затримати), tried in
# order; the first candidate pymorphy3's dictionary knows as a perfective infinitive is kept.
ASPECT_RULES = {
    "ru": [("бывать", "быть"), ("овывать", "овать"), ("евывать", "евать"), ("ывать", "ать"),
           ("ывать", "ить"), ("ивать", "ать"), ("ивать", "ить"), ("ивать", "ять"),
           ("авать", "ать"), ("ждать", "дить"), ("щать", "стить"), ("щать", "тить"),
           ("лять", "ить"), ("ять", "ить"), ("ать", "ить"), ("ирать", "рать"),
           ("инать", "ать"), ("имать", "ять")],
    "uk": [("бувати", "бути"), ("овувати", "овати"), ("ювати", "ити"), ("увати", "ати"),
           ("увати", "ити"), ("ювати", "яти"), ("ивати", "ати"), ("ивати", "ити"),
           ("авати", "ати"), ("джувати", "дити"), ("ждати", "дити"), ("щати", "стити"),
           ("щати", "тити"), ("ляти", "ити"), ("яти", "ити"), ("ати", "ити"),
           ("ирати", "рати"), ("имати", "яти")],
}


def with_perfectives(code: str, table: dict[str, list[str]]) -> dict[str, list[str]]:
    """Each imperfective verb of the table followed by its perfective partner: Mueller gives
    задерживать for detain, a page reports what happened with задержали (задержать)."""
    import pymorphy3

    morph = pymorphy3.MorphAnalyzer(lang=code)

    def infinitive(word: str, aspect: str) -> bool:
        return any(p.normal_form == word and p.is_known and aspect in p.tag.grammemes
                   and p.tag.grammemes & {"INFN", "infn"} for p in morph.parse(word))

    partners: dict[str, list[str]] = {}

    def perfectives(verb: str) -> list[str]:
        if verb not in partners:
            partners[verb] = []
            # a reflexive verb by its base: собираться → собраться, збиратися → зібратися
            base, reflexive = (verb[:-2], verb[-2:]) if verb.endswith(("ся", "сь")) else (verb, "")
            if " " not in verb and infinitive(verb, "impf"):
                for old in dict.fromkeys(old for old, _ in ASPECT_RULES[code]):
                    if not base.endswith(old) or len(base) - len(old) < 2:
                        continue
                    # every change of the first ending that gives a known perfective
                    # (захватывать: захватить, and the rarer захватать)
                    found = [base[: -len(old)] + new + reflexive
                             for o, new in ASPECT_RULES[code] if o == old]
                    found = [c for c in found if infinitive(c, "perf")]
                    if found:
                        partners[verb] = found
                        break
        return partners[verb]

    out = {}
    for head, forms in table.items():
        expanded: list[str] = []
        for form in forms:
            expanded += [form, *(p for p in perfectives(form) if p not in forms)]
        out[head] = list(dict.fromkeys(expanded))
    return out


def ukrainian(russian: dict[str, list[str]]) -> dict[str, list[str]]:
    """Russian words carried into Ukrainian by Apertium's bilingual dictionary."""
    words = sorted({w for forms in russian.values() for form in forms for w in form.split()})
    by_word = apertium("rus-ukr", words)
    table: dict[str, list[str]] = {}
    for head, forms in russian.items():
        out = []
        for form in forms:
            parts = [by_word.get(w, [None])[0] for w in form.split()]
            if all(parts):
                out.append(" ".join(parts))  # type: ignore[arg-type]
        if out:  # as many as the Russian words (their perfective partners included)
            table[head] = list(dict.fromkeys(out))
    return table


def french(vocabulary: set[str], spanish_table: dict[str, list[str]]) -> dict[str, list[str]]:
    """FreeDict's English-French words and its French-English ones read backwards; for an
    English word they give fewer than two words for, the Spanish words' French ones, by
    Apertium's French-Spanish bilingual dictionary (chimney: chimenea, cheminée)."""
    letters = "A-Za-zÀ-ÿœŒæÆ'’"
    table = merged(freedict("eng-fra", letters, "fra-eng"), backwards("freedict-fra-eng", letters))
    wanted = {head: forms for head, forms in spanish_table.items()
              if head in vocabulary and len(table.get(head, [])) < 2}
    words = sorted({f for forms in wanted.values() for f in forms[:3] if " " not in f})
    by_word = apertium("fr-es", words, direction="es-fr")
    for head, forms in wanted.items():
        carried = [by_word[f][0] for f in forms[:3] if by_word.get(f)]
        _add(table, head, [c for c in carried if re.fullmatch(rf"[{letters}\s-]+", c)],
             MAX_FORMS)
    return table


def spanish(vocabulary: set[str]) -> dict[str, list[str]]:
    """FreeDict's English-Spanish words, then Apertium's English-Spanish bilingual ones."""
    letters = "A-Za-zÁÉÍÓÚÜÑáéíóúüñ"
    table = merged(freedict("eng-spa", letters, "spa-eng"), backwards("freedict-spa-eng", letters))
    for head, forms in apertium("eng-spa", sorted(vocabulary), own_lemma=True).items():
        _add(table, head, [f for f in forms if len(f.split()) <= 2][:3])
    return table


ITALIAN = "A-Za-zÀ-ÿ'’"


def italian(spanish_table: dict[str, list[str]]) -> dict[str, list[str]]:
    """The Spanish words of each English word (its first three of one word) carried into
    Italian by Apertium's Spanish-Italian bilingual dictionary (strike: huelga, sciopero),
    then FreeDict's English-Italian words after them (a small dictionary, about 4,500
    headwords: train, treno). Each word is kept only when it is Italian: every word of it
    in simplemma's Italian word list or a headword of FreeDict's Italian-English
    dictionary (sud), or ending in a grave accent that only Italian writes (città,
    martedì); Apertium leaves some Spanish words as they are (subasta for asta) and
    FreeDict has Spanish and misspelt ones (privado, particulare). FreeDict's Italian-English
    side is not read: its articles are often another word's (sciopero: beam, ray)."""
    words = sorted({f for forms in spanish_table.values() for f in forms[:3] if " " not in f})
    by_word = apertium("spa-ita", words, direction="spa-ita")
    table: dict[str, list[str]] = {}
    for head, forms in spanish_table.items():
        _add(table, head, [by_word[f][0] for f in forms[:3] if by_word.get(f)])
    table = merged(table, freedict("eng-ita", ITALIAN, None))
    import simplemma

    heads = {" ".join(h.split()).lower() for h, _ in entries("freedict-ita-eng")}

    def italian_word(form: str) -> bool:
        return bool(re.fullmatch(rf"[{ITALIAN}\s-]+", form)) and all(
            simplemma.is_known(w, lang="it") or w in heads or w[-1] in "àèìòù"
            for w in form.split())

    return {head: kept for head, forms in table.items()
            if (kept := [f for f in forms if italian_word(f)])}


ITALIAN_ABOUT = (
    "English-Italian: the Spanish words of es.json.gz carried into Italian by Apertium's "
    "Spanish-Italian bilingual dictionary (Debian apertium-spa-ita), then FreeDict eng-ita "
    "(Debian dict-freedict-eng-ita). Licence GPL-2.0 (Apertium's parts are GPL-2.0 only); "
    "built by scripts/build_dictionaries.py")


def write(code: str, table: dict[str, list[str]], vocabulary: set[str], about: str) -> None:
    kept = {k: v for k, v in sorted(table.items()) if k in vocabulary and v}
    OUT.mkdir(parents=True, exist_ok=True)
    payload = json.dumps({"_about": about, "words": kept}, ensure_ascii=False,
                         separators=(",", ":"), sort_keys=True).encode("utf-8")
    # mtime 0: the same sources give the same bytes
    with open(OUT / f"{code}.json.gz", "wb") as raw, \
            gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as f:
        f.write(payload)
    print(f"{code}: {len(kept)} English words, {sum(map(len, kept.values()))} forms, "
          f"{(OUT / f'{code}.json.gz').stat().st_size // 1024} KiB", file=sys.stderr)


def main() -> int:
    russian = with_perfectives("ru", merged(mueller(), freedict("eng-rus", CYRILLIC, None)))
    vocabulary = set(russian)
    licence = "Licence GPL-2.0-or-later; built by scripts/build_dictionaries.py"
    if sys.argv[1:] == ["it"]:  # the Italian list alone (with the Spanish one's sources)
        write("it", italian(spanish(vocabulary)), vocabulary, ITALIAN_ABOUT)
        return 0
    write("tr", turkish(), vocabulary,
          "English-Turkish: FreeDict eng-tur, then tur-eng read backwards (Debian "
          f"dict-freedict-eng-tur, dict-freedict-tur-eng). {licence}")
    if sys.argv[1:] == ["tr"]:
        return 0  # the Turkish list alone (the others need Apertium's packages too)
    write("ru", russian, vocabulary,
          "English-Russian: V. K. Mueller's dictionary, 7th ed. (Debian mueller7-dict), then "
          f"FreeDict eng-rus (Debian dict-freedict-eng-rus). {licence}")
    write("uk", with_perfectives("uk", ukrainian(russian)), vocabulary,
          "English-Ukrainian: the Russian words above carried into Ukrainian by Apertium's "
          f"Russian-Ukrainian bilingual dictionary (Debian apertium-rus-ukr). {licence}")
    write("de", merged(ding(), backwards("freedict-deu-eng", "A-Za-zÄÖÜäöüß")), vocabulary,
          "English-German: Ding, as FreeDict ships it (Debian dict-freedict-eng-deu), then its "
          "German-English side read backwards (dict-freedict-deu-eng). Licence GPL-3.0 (eng-deu: "
          "or AGPL-3.0); built by scripts/build_dictionaries.py")
    spanish_table = spanish(vocabulary)
    write("it", italian(spanish_table), vocabulary, ITALIAN_ABOUT)
    write("fr", french(vocabulary, spanish_table), vocabulary,
          "English-French: FreeDict eng-fra and fra-eng (Debian), then, where they give fewer "
          "than two words, the Spanish words carried into French by Apertium's French-Spanish "
          "bilingual dictionary (Debian apertium-fr-es). Licence GPL-2.0 (Apertium's part is "
          "GPL-2.0 only); built by scripts/build_dictionaries.py")
    write("es", spanish_table, vocabulary,
          "English-Spanish: FreeDict eng-spa and spa-eng, then Apertium's English-Spanish "
          "bilingual dictionary (Debian apertium-eng-spa). Licence GPL-2.0; built by "
          "scripts/build_dictionaries.py")
    write("pl", polish(), vocabulary,
          "English-Polish: FreeDict eng-pol (Debian dict-freedict-eng-pol). Licence "
          "GPL-3.0-or-later and GFDL-1.2-or-later; built by scripts/build_dictionaries.py")
    # under another licence: in a file of its own, read after pl.json.gz
    write("pl.pol-eng", backwards("freedict-pol-eng", POLISH), vocabulary,
          "Polish-English, read backwards: FreeDict pol-eng (Debian dict-freedict-pol-eng). "
          "Licence CC-BY-SA-3.0; built by scripts/build_dictionaries.py")
    arabic = "\u0621-\u064a\u0671-\u06d3"
    write("ar", merged(freedict("eng-ara", arabic, "ara-eng"), backwards("freedict-ara-eng", arabic)),
          vocabulary,
          f"English-Arabic: FreeDict eng-ara and ara-eng (Debian). {licence}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
