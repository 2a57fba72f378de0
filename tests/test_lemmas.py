"""simplemma's lemmas, as citecheck reads them: from its low-memory dictionaries, the same
lemmas as its default ones."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


WORDS = {
    "de": "Die Polizei hat insgesamt 32 Personen festgenommen und Haftbefehle angeordnet Verletzten",
    "fr": "Les manifestants ont été arrêtés par les policiers blessés selon le ministère",
    "es": "Los heridos fueron trasladados a hospitales cercanos según las autoridades",
    "pl": "Według policji w Rosji zatrzymano kilkuset demonstrantów rannych",
    "ar": "قتلى وجرحى في غارات على مدينة غزة حسب وزارة الصحة المعتقلين",
}




@pytest.mark.parametrize("code", sorted(WORDS))
def test_the_low_memory_dictionaries_give_the_default_lemmas(code):
    import simplemma

    for word in WORDS[code].split():
        for form in (word, word.casefold()):
            assert (simplemma.lemmatize(form, lang=code, low_memory=True)
                    == simplemma.lemmatize(form, lang=code)), form
            assert (simplemma.is_known(form, lang=code, low_memory=True)
                    == simplemma.is_known(form, lang=code)), form


READ_GERMAN = """
import json, resource
from citecheck.check.terms import PageText, claim_terms, match_terms
claim = claim_terms("Police detained 32 people, a spokesman said")
match_terms(claim, PageText("Police detained 32 people, a spokesman said.", "en"))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
page = PageText("Die Polizei hat insgesamt 32 Personen festgenommen, sagte ein Sprecher.", "de")
found = match_terms(claim, page)
grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024
print(json.dumps({"grown": grown, "outcomes": [t.outcome for t in found]}))
"""


def test_reading_a_german_page_does_not_load_simplemmas_whole_german_dictionary():
    """Each reader process pays this once for each language it meets: about 110 MB (and
    0.7 s) for German with simplemma's default dictionaries, 20 MB with its low-memory ones."""
    done = subprocess.run([sys.executable, "-c", READ_GERMAN], capture_output=True, text=True,
                          timeout=120, check=True)
    seen = json.loads(done.stdout)
    assert "found" in seen["outcomes"]
    assert seen["grown"] < 60, seen


@pytest.mark.parametrize("code", ["ru", "uk"])
def test_one_pymorphy_dictionary_a_language_for_number_words_and_key_terms(code):
    """Number words (numwords) and key terms' lemmas (lang) use one analyser a language:
    each copy is some 20 MB of dictionaries in the readers' fork server."""
    pytest.importorskip("pymorphy3")
    from citecheck.check import lang, numwords

    numwords.find_number_words("двадцать три" if code == "ru" else "двадцять три", code)
    assert numwords._analyzer(code) is lang.morph(code)
    assert lang.morph(code) is lang.morph(code)
