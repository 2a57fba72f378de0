"""Preloaded by the fork server that starts reader processes (see ``pipeline._readers``).

Importing it loads, once, what reading a page needs: the pipeline's modules, trafilatura,
the language model and the Russian morphology dictionary. Every reader forked from the
server then shares them instead of loading its own copy (a second each).
"""

from __future__ import annotations

import trafilatura  # noqa: F401

from . import pipeline  # noqa: F401
from .extract import detect_language
from .check.numbers import scan

detect_language("Prosecutors registered allegations of torture in the region this year.")
scan("зарегистрировано двести тридцать четыре заявления", "ru")
