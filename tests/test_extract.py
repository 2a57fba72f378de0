"""Reading a page's HTML: the main text, title, date and site name trafilatura gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck import extract

DATA = Path(__file__).parent / "data"

ARTICLE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Officials count the dead | The Daily Port</title>{head}</head><body>
<header><nav><ul><li><a href="/news">News</a></li><li><a href="/world">World</a></li></ul></nav>
</header><main><article><h1>Officials count the dead</h1>
<p class="byline">By <a rel="author" href="/staff/jane">Jane Roe</a> ·
<time datetime="2022-09-12">12 September 2022</time></p>
<p>According to the prosecutor's office, officials recorded that 234 complaints of torture
were registered in the region between January and September, a figure that rights groups
say is incomplete.</p>
<p>The ministry did not respond to a request for comment by the time of publication. Rights
groups have long criticised the handling of such cases by regional authorities.</p>
<p>Lawyers for the families said they would appeal the decision to a higher court.</p>
</article><aside><a href="/category/politics/">Politics</a> <a href="/tag/courts/">Courts</a>
</aside></main><footer><a rel="license" href="https://creativecommons.org/licenses/by/4.0/">
CC BY 4.0</a> © 2022 The Daily Port.</footer></body></html>"""

HEADS = {
    "no metadata": "",
    "open graph": ('<meta property="og:title" content="Officials count &amp; the dead">'
                   '<meta property="og:site_name" content="@dailyport">'
                   '<meta property="article:published_time" content="2022-09-13T10:00:00Z">'),
    "JSON-LD": ('<script type="application/ld+json">{"@context": "https://schema.org", '
                '"@type": "NewsArticle", "headline": "The dead counted", "datePublished": '
                '"2021-05-02", "publisher": {"@type": "Organization", "name": "Port News"}}'
                "</script>"),
    "canonical URL": '<link rel="canonical" href="https://news.example.org/2020/01/07/dead">',
}
PAGES = {name: ARTICLE.format(head=head) for name, head in HEADS.items()}
PAGES["too short for an article"] = "<html><body><p>Two lines.</p><p>Of text.</p></body></html>"
PAGES["not HTML at all"] = "\x00\x01 binary"
PAGES["Russian, windows-1251"] = ARTICLE.format(head="").replace(
    "234 complaints", "234 жалобы").encode("cp1251", "replace")
for path in sorted(DATA.glob("*.html")):
    PAGES[path.name] = path.read_bytes()


@pytest.mark.parametrize("name", sorted(PAGES))
def test_the_main_text_title_date_and_site_name_are_trafilaturas(name):
    """citecheck reads only the title, date and site name of trafilatura's metadata: what
    it reads must be what trafilatura's whole extraction gives (so a trafilatura release
    that changes its metadata functions fails here, not silently in a report)."""
    import trafilatura

    page = PAGES[name]
    doc = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False,
                                      include_tables=True, favor_recall=True)
    whole = (("", None, None, None) if doc is None else
             ((doc.text or "").strip(), doc.title, doc.date, doc.sitename))
    assert extract._main_text(page) == whole
    if name == "open graph":  # the page exercises what it is meant to
        assert whole[1:] == ("Officials count & the dead", "2022-09-13", "Dailyport")
