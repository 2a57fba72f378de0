"""Renderers, each from a small hand-made report, compared with the text a reader sees."""

from __future__ import annotations

import json

import jsonschema
import pytest

from citecheck.renderers import RENDERERS, render_markdown, render_terminal
from citecheck.report import (
    CitationResult,
    DocumentResult,
    DocumentWarning,
    FetchResult,
    FigureResult,
    Report,
    SourceInfo,
    Status,
)
from conftest import SCHEMA


def small_report(title="Генпрокуратура: 234 заявления", evidence="…зарегистрировано 234 заявления о пытках…"):
    return Report(
        documents=[DocumentResult(path="letters/a.txt", date="2022-10-06", citations=[
            CitationResult(
                id="1", url="https://rus.azattyq.org/a/31728303.html",
                claim="prosecutors have registered 234 allegations", sentence="s", line=70,
                column=11, status=Status.VERIFIED, reason="found “234” in the page",
                figures=[FigureResult("234", 234, "count", None, True, "found", evidence,
                                      "234", 0.0)],
                fetch=FetchResult(200, "https://rus.azattyq.org/a/31728303.html", None,
                                  fetched_at="2026-11-23T10:00:00+00:00"),
                source=SourceInfo(title, "ru", "2022-01-28", "html", 3000)),
            CitationResult(
                id="2", url="https://example.org/gone", claim="including eight deaths in custody",
                sentence="s", line=70, column=49, status=Status.DEAD,
                reason="HTTP 404: the page is gone",
                figures=[FigureResult("eight", 8, "count", None, False, "unchecked")],
                fetch=FetchResult(404, "https://example.org/gone", None)),
        ], warnings=[DocumentWarning(96, "stray copy of a footnote URL: https://x.example/a")])],
        generated_at="2026-11-23T10:00:00+00:00", tool="citecheck 0.1.0")


def test_markdown():
    assert render_markdown(small_report()) == """\
## citecheck report

**2 citations: 1 verified, 1 dead** — needs attention

### letters/a.txt (dated 2022-10-06)

| Note | Line | Claim | Figures | Status | Source |
|---|---:|---|---|---|---|
| [1] | 70 | prosecutors have registered 234 allegations | ✓ 234 | ✅ verified | [rus.azattyq.org/a/31728303.html](https://rus.azattyq.org/a/31728303.html) |
| [2] | 70 | including eight deaths in custody | ? eight | 💀 dead | [example.org/gone](https://example.org/gone) |

<details><summary>[1] verified: found “234” in the page</summary>

- **Claim** (line 70): prosecutors have registered 234 allegations
- **Fetch**: HTTP 200, fetched 2026-11-23T10:00:00+00:00
- **Page**: Генпрокуратура: 234 заявления (ru)
- **234** found as “234”:
  > …зарегистрировано **234** заявления о пытках…

</details>

<details><summary>[2] dead: HTTP 404: the page is gone</summary>

- **Claim** (line 70): including eight deaths in custody
- **Fetch**: HTTP 404
- **eight**: unchecked

</details>

<details><summary>Warnings about the document</summary>

- line 96: stray copy of a footnote URL: h\u200bttps://x.example/a

</details>

<sub>citecheck 0.1.0 · 2026-11-23T10:00:00+00:00</sub>
"""


def test_terminal_plain():
    assert render_terminal(small_report(), width=80) == """\
letters/a.txt (dated 2022-10-06)
Note  Line  Status    Figures  Why                       
[1]     70  verified  ✓234     found “234” in the page   
[2]     70  dead      ?eight   HTTP 404: the page is gone
  warning, line 96: stray copy of a footnote URL: https://x.example/a
2 citations: 1 verified, 1 dead
"""


def test_json_is_the_model_and_validates_against_the_schema():
    report = small_report()
    data = json.loads(RENDERERS["json"](report))
    jsonschema.validate(data, json.loads(SCHEMA.read_text()))
    assert data["summary"] == {"citations": 2, "verified": 1, "partial": 0, "not_found": 0,
                               "no_figures": 0, "unreadable": 0, "dead": 1, "blocked": 0,
                               "unreachable": 0, "invalid": 0, "problems": 1}
    assert data["documents"][0]["citations"][0]["figures"][0]["value"] == 234


HOSTILE = ('<script>alert(1)</script> ![x](https://evil.example/p.png) @octocat #12 '
           '[click](javascript:alert(1)) \x1b[31mred\x1b]8;;https://evil\x07 | </details> **234**')


@pytest.mark.parametrize("name", ["md", "terminal"])
def test_hostile_page_content_comes_out_inert(name):
    text = RENDERERS[name](small_report(title=HOSTILE, evidence=HOSTILE))
    assert "\x1b" not in text and "\x07" not in text
    assert "<script" not in text and "</details> **" not in text
    if name == "md":
        assert "![x](" not in text and "](javascript" not in text
        assert "@octocat" not in text and "#12" not in text
        assert "https://evil" not in text
