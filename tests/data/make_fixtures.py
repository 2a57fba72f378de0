"""Make the test documents in this folder with real tools; run once, commit the results.

    python tests/data/make_fixtures.py        # needs pandoc and LibreOffice (soffice)

- senators-letter.md (written by hand from letters/…txt) → pandoc → .docx and .html;
  the .docx → LibreOffice headless → .pdf (superscript markers, footnotes at page bottoms,
  link annotations, a URL that wraps over two lines).
- long-report.md (generated here: 60 footnotes, figures, prose notes with URLs) → pandoc
  → .docx → LibreOffice → long-report.pdf, many pages.
- links.md (by hand) → pandoc → links.docx: a hyperlink in the body and one in a note.
- press-release.html: the seed press release 002_*.txt as a web page whose "HERE" links to
  the letter, with navigation and a footer whose links are not citations.

The test suite reads the committed files and needs neither tool.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
LONG_NOTES = 60


def run(*cmd: str) -> None:
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def to_pdf(docx: Path) -> None:
    with tempfile.TemporaryDirectory() as profile:  # a private profile: no first-run state
        run("soffice", f"-env:UserInstallation=file://{profile}", "--headless",
            "--convert-to", "pdf", "--outdir", str(docx.parent), str(docx))


def long_report() -> str:
    """A report of 60 numbered findings, each with a footnote; some notes have prose and
    long URLs that wrap, some are cited twice."""
    out = ["# Findings on detention conditions, 2022", "", "Published 1 March 2023.", ""]
    for i in range(1, LONG_NOTES + 1):
        out.append(
            f"Region {i} reported {100 + i * 7} complaints of ill-treatment in detention, "
            f"of which {i + 3} were referred to prosecutors.[^{i}] The regional ombudsperson "
            f"visited {i % 9 + 2} facilities during the same period and published a summary "
            "of the visits together with recommendations to the authorities concerned."
        )
        out.append("")
    for i in range(1, LONG_NOTES + 1):
        if i % 3 == 0:
            out.append(f"[^{i}]: Regional Prosecutor's Office, annual statistics on complaints "
                       f"of ill-treatment, table {i}, "
                       f"<https://prosecutor.example.org/statistics/2022/complaints-of-ill-"
                       f"treatment-in-detention-facilities/region-{i}/table.html>")
        else:
            out.append(f"[^{i}]: <https://news.example.org/a/{31700000 + i}.html>")
    return "\n".join(out) + "\n"


def press_release() -> str:
    seed = next(HERE.glob("002_*.txt")).read_text(encoding="utf-8")
    paragraphs = []
    for line in seed.splitlines():
        if not line.strip() or line.strip() == "###":
            continue
        p = html.escape(line.strip())
        p = p.replace("letter HERE", 'letter <a href="https://example.org/'
                      'senators-letter-kazakhstan.pdf">HERE</a>')
        paragraphs.append(f"<p>{p}</p>")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Press release</title>
<script>var tracking = "https://tracker.example.com/t.js";</script></head>
<body>
<header><a href="https://example.org/">Home</a> <a href="https://example.org/press">Press</a></header>
<nav><ul><li><a href="https://example.org/about">About</a></li></ul></nav>
<main><article>
<h1>Senators urge an international investigation in Kazakhstan</h1>
{chr(10).join(paragraphs)}
</article></main>
<footer><p>Contact: <a href="https://example.org/contact">press office</a></p></footer>
</body></html>
"""


def main() -> int:
    for tool in ("pandoc", "soffice"):
        if not shutil.which(tool):
            print(f"make_fixtures: {tool} is not installed", file=sys.stderr)
            return 1
    letter = HERE / "senators-letter.md"
    run("pandoc", str(letter), "-o", str(HERE / "senators-letter.docx"))
    run("pandoc", str(letter), "-s", "--metadata", "title=Letter to Secretary Blinken",
        "-o", str(HERE / "senators-letter.html"))
    to_pdf(HERE / "senators-letter.docx")
    run("pandoc", str(HERE / "links.md"), "-o", str(HERE / "links.docx"))
    with tempfile.TemporaryDirectory() as tmp:
        md = Path(tmp) / "long-report.md"
        md.write_text(long_report(), encoding="utf-8")
        run("pandoc", str(md), "-o", str(Path(tmp) / "long-report.docx"))
        to_pdf(Path(tmp) / "long-report.docx")
        shutil.copy(Path(tmp) / "long-report.pdf", HERE / "long-report.pdf")
    (HERE / "press-release.html").write_text(press_release(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
