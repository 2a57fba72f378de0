"""Preloaded by the fork server that starts reader processes (see ``pipeline._readers``).

Importing it loads, once, what reading a page needs: the pipeline's modules, trafilatura
and dateparser, the language model and the Russian morphology dictionary. Every reader forked from the
server then shares them instead of loading its own copy (a second each).

What is loaded is then frozen out of the garbage collector's reach (``gc.freeze``): a
collection in a reader would otherwise write to every object it walks, and so copy, page
by page, the memory the readers share (about half of what each reader held of its own).
"""

from __future__ import annotations

import gc

from . import pipeline  # noqa: F401
from .extract import detect_language, prepare_reading
from .check.numbers import scan

prepare_reading()
detect_language("Prosecutors registered allegations of torture in the region this year.")
scan("зарегистрировано двести тридцать четыре заявления", "ru")
# The key terms: the English lexicon and the Russian stemmer and lemmas.
from .check.terms import PageText, key_terms, match_terms  # noqa: E402

match_terms(key_terms("Tokayev said UN troops were trained"),
            PageText("Токаев заявил, что войска ООН обучены.", "ru"))

gc.collect()
gc.freeze()
