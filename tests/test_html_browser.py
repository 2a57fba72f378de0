"""The HTML report in a real browser (Debian's headless Chromium): what a person sees.

Skipped when Chromium is not installed (`apt-get install chromium`; .ci/run does it as
root). Set CITECHECK_UPDATE_SCREENSHOTS=1 to rewrite the README's screenshots in docs/.
"""

from __future__ import annotations

import re

import io
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import unicodedata
import zlib
from pathlib import Path

import pytest

from citecheck.renderers import render_html
from citecheck.report import Report
from conftest import ROOT, SEED_LETTER
from test_renderers import hostile_report

CHROMIUM = next(filter(None, map(shutil.which, ("chromium", "chromium-browser"))), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs chromium (apt-get install chromium)")

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--no-pdf-header-footer"]
SAMPLE = ROOT / "tests" / "data" / "report-0.1.0.json"
PHONE, DESKTOP = (390, 1400), (1100, 1000)


def browse(tmp_path: Path, page: Path, *args: str, fragment: str = "") -> str:
    profile = Path(tempfile.mkdtemp(prefix="profile-", dir=tmp_path))
    result = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args, page.as_uri() + fragment],
        capture_output=True, text=True, timeout=90)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def seen(tmp_path: Path, page: Path, fragment: str = "") -> str:
    """The text a person sees (or prints): the page printed to PDF, its text read back."""
    from pypdf import PdfReader

    pdf = Path(tempfile.mkdtemp(dir=tmp_path)) / "seen.pdf"
    browse(tmp_path, page, f"--print-to-pdf={pdf}", fragment=fragment)
    text = "\n".join(p.extract_text() for p in PdfReader(pdf).pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def screenshot(tmp_path: Path, page: Path, size: tuple[int, int], out: Path) -> bytes:
    browse(tmp_path, page, f"--window-size={size[0]},{size[1]}", f"--screenshot={out}")
    return out.read_bytes()


def png_facts(data: bytes) -> tuple[int, int, int]:
    """Width, height and the number of distinct byte values of the image's pixels."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    at, idat = 8, b""
    while at < len(data):
        (length,), kind = struct.unpack(">I", data[at:at + 4]), data[at + 4:at + 8]
        if kind == b"IDAT":
            idat += data[at + 8:at + 8 + length]
        at += 12 + length
    return width, height, len(set(zlib.decompress(idat)))


def html_of(tmp_path: Path, *args: str) -> Path:
    out = tmp_path / "report.html"
    result = subprocess.run([sys.executable, "-m", "citecheck", *args, "--format", "html",
                             "--output", str(out)], capture_output=True, text=True, timeout=120,
                            cwd=ROOT)
    assert result.returncode in (0, 1), result.stderr
    return out


def test_seed_letter_report_on_a_phone_and_a_desktop(tmp_path):
    page = html_of(tmp_path, "verify", str(SEED_LETTER.relative_to(ROOT)), "--offline",
                   "--cache-dir", str(tmp_path / "cache"))
    phone = screenshot(tmp_path, page, PHONE, tmp_path / "phone.png")
    desktop = screenshot(tmp_path, page, DESKTOP, tmp_path / "desktop.png")
    text = seen(tmp_path, page)
    for shot, size in ((phone, PHONE), (desktop, DESKTOP)):
        width, height, colours = png_facts(shot)
        assert (width, height) == size
        assert colours > 50  # text, badges and borders, not a blank page
    assert "citecheck report 4 citations: 4 unreachable — needs attention" in text
    assert "letters/2022-10-06-senators-letter-kazakhstan.txt dated 2022-10-06" in text
    assert "[1] line 70 unreachable" in text and "[4] line 84 unreachable" in text
    assert "prosecutors have registered 234 allegations of torture" in text
    assert "not in the archive" in text
    # printed, a link shows where it goes
    assert "<https://www.rferl.org/a/kazakhstan-troops-un-helmets/31647393.html>" in text


def test_filter_by_status_shows_only_those_citations(tmp_path):
    page = tmp_path / "sample.html"
    page.write_text(render_html(Report.from_dict(json.loads(SAMPLE.read_text("utf-8")))),
                    encoding="utf-8")
    verified = seen(tmp_path, page, "#only-verified")
    assert "[1] line 70 verified" in verified and "[2] line 70 verified" in verified
    assert "зарегистрировано 234 заявления" in verified  # the quote, figure highlighted
    assert "[3] line 76" not in verified and "[4] line 84" not in verified
    problems = seen(tmp_path, page, "#only-problems")
    assert "[3] line 76 dead" in problems and "[4] line 84 blocked" in problems
    assert "[1] line 70" not in problems and "[2] line 70" not in problems
    if os.environ.get("CITECHECK_UPDATE_SCREENSHOTS"):
        _update_readme_screenshot(tmp_path, page)


def test_a_hostile_page_is_shown_as_text_and_runs_nothing(tmp_path):
    page = tmp_path / "hostile.html"
    page.write_text(render_html(hostile_report()), encoding="utf-8")
    dom = browse(tmp_path, page, "--dump-dom")
    text = seen(tmp_path, page)
    assert "<script" not in dom and "<img" not in dom
    assert "<title>citecheck report: 2 citations: 1 verified, 1 dead</title>" in dom
    # Links only to the two cited pages (and a quote's place in them), none from the page.
    hrefs = re.findall(r'<a href="(http[^"]*)"', dom)
    cited = ("https://rus.azattyq.org/a/31728303.html", "https://example.org/gone")
    assert len(hrefs) >= 2 and all(h.split("#")[0] in cited for h in hrefs), hrefs
    assert "<script>alert(1)</script> ![x](https://evil.example/p.png) @octocat" in text
    assert "<img src=https://evil.example/i.png>" in text


def _update_readme_screenshot(tmp_path: Path, page: Path) -> None:
    """docs/report-html.png: the desktop and phone screenshots side by side, made small."""
    from PIL import Image

    shots = [Image.open(io.BytesIO(screenshot(tmp_path, page, size,
                                                            tmp_path / f"{n}.png")))
             for n, size in (("desktop", (1100, 900)), ("phone", (390, 900)))]
    gap = 24
    sheet = Image.new("RGB", (sum(s.width for s in shots) + gap, 900), "#d0d7de")
    sheet.paste(shots[0], (0, 0))
    sheet.paste(shots[1], (shots[0].width + gap, 0))
    sheet = sheet.resize((sheet.width * 3 // 4, sheet.height * 3 // 4), Image.LANCZOS)
    sheet.quantize(colors=64).save(ROOT / "docs" / "report-html.png", optimize=True)
