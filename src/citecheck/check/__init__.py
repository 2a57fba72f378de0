"""Checking a claim against a page: the one home for it.

``numbers`` reads the numbers a text states (digits and number words, through
``numwords``); ``figures`` decides which figures a claim states and looks for each one in
a source. What a language knows (number words, lexicons, equivalents) belongs in data
files beside this package, loaded through one small interface, so that adding a language
means adding files, not code.
"""

from .figures import ClaimFigure, SourceIndex, claim_figures, match_figure, quote
from .numbers import Mention, scan

__all__ = ["ClaimFigure", "Mention", "SourceIndex", "claim_figures", "match_figure", "quote",
           "scan"]
