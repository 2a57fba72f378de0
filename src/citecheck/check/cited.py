"""The footnote's own title and date against the page's, and a page dated after the document.

A footnote that names a title the page does not carry cites something else (or the page
changed); reference checkers flag the same for DOIs. Titles are compared by their words,
so that a site's suffix ("… | Human Rights Watch") or a shortened title still matches;
they are compared only in one script (a translated title cannot be compared word for word).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

from ..document import NoteMetadata
from ..report import CitedAs, SourceInfo

_WORD_RE = re.compile(r"[^\W_]+", re.U)
TITLE_SHARE = 0.75  # of the footnote title's words that the page's title must have


def compare_cited(note: NoteMetadata | None, source: SourceInfo | None) -> CitedAs | None:
    if note is None:
        return None
    cited = CitedAs(title=note.title, publisher=note.publisher, author=note.author,
                    date=note.date)
    if source is not None:
        cited.title_match = title_match(note.title, source.title)
        cited.date_match = date_match(note.date, source.published)
    return cited


def title_match(cited: str | None, page: str | None) -> bool | None:
    if not cited or not page:
        return None
    if _script(cited) != _script(page):
        return None  # a translated title: nothing to compare word for word
    theirs = _words(page)
    ours = _words(cited)
    if not ours:
        return None
    share = len(ours & theirs) / len(ours)
    return share >= TITLE_SHARE


def _words(text: str) -> set[str]:
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return {w for w in _WORD_RE.findall(folded) if len(w) > 1 or w.isdigit()}


def _script(text: str) -> str:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return "none"
    counts: dict[str, int] = {}
    for c in letters:
        script = unicodedata.name(c, "X").split(" ")[0]
        counts[script] = counts.get(script, 0) + 1
    return max(counts, key=counts.__getitem__)


def date_match(cited: str | None, published: str | None) -> bool | None:
    """The same day (a day apart is time zones), month or year, as precise as the footnote."""
    if not cited or not published:
        return None
    page = _day(published)
    if page is None:
        return None
    if len(cited) == 10:
        day = _day(cited)
        return None if day is None else abs((day - page).days) <= 1
    return page.isoformat().startswith(cited)


def published_after(published: str | None, document: str | None) -> bool | None:
    """Is the page dated after the document (by more than a day)? None when either date
    is unknown."""
    page, doc = _day(published), _day(document)
    if page is None or doc is None:
        return None
    return page > doc + timedelta(days=1)


def _day(text: str | None) -> date | None:
    if not text:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
