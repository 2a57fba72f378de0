"""Shared fixtures: local HTTP servers on 127.0.0.1, letters written to temporary folders."""

from __future__ import annotations

import html
import json
import os
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from citecheck.cli import app

# citecheck's key (what it wrote itself, see citecheck._trust) lives in the user's state
# folder: the tests keep theirs apart, for the whole session (subprocesses inherit it).
os.environ.setdefault("CITECHECK_STATE_DIR", tempfile.mkdtemp(prefix="citecheck-state-"))

ROOT = Path(__file__).resolve().parents[1]
SEED_LETTER = ROOT / "letters" / "2022-10-06-senators-letter-kazakhstan.txt"
SCHEMA = ROOT / "src" / "citecheck" / "schema" / "report-1.schema.json"


def checkout_env(**extra: str) -> dict[str, str]:
    """The environment of a `python -m citecheck` subprocess that runs this checkout's code
    (its `src/` first on the path), with `extra` variables set."""
    path = os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])
    return {**os.environ, **extra, "PYTHONPATH": path}


def article(title: str, *paragraphs: str, lang: str = "en", charset: str = "utf-8") -> str:
    """A news page with navigation, an article and a footer, as sites serve them."""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="{charset}"><title>{html.escape(title)}</title></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/about">About us: 999 staff in 77 bureaus</a></li></ul></nav>
<main><article><h1>{html.escape(title)}</h1>
{body}
</article></main>
<footer><p>Copyright 2022. All rights reserved. Call 555 0199.</p></footer>
</body></html>"""


def write_letter(folder: Path, *footnotes: tuple[str, str], name: str = "letter.txt") -> Path:
    """A letter whose i-th sentence carries footnote [i] citing the given URL."""
    body = " ".join(f"{claim}.[{i}]" for i, (claim, _) in enumerate(footnotes, start=1))
    notes = "\n".join(f"[{i}] {url}" for i, (_, url) in enumerate(footnotes, start=1))
    path = folder / name
    path.write_text(f"October 6, 2022\n\nDear Secretary:\n\n{body}\n\n{notes}\n", encoding="utf-8")
    return path


def write_warc(path: Path, url: str, page: str) -> Path:
    """A gzip WARC of one 200 HTML response for `url`, written by warcio as another tool's
    archive (not citecheck's)."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=True)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            url, "response", payload=io.BytesIO(page.encode("utf-8")), http_headers=http))
    return path


@pytest.fixture
def run_cli(tmp_path):
    """Run `citecheck ARGS...` in-process; returns (exit_code, stdout, stderr)."""

    def run(*args: str) -> tuple[int, str, str]:
        runner = CliRunner()
        result = runner.invoke(app, [str(a) for a in args], catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    return run


@pytest.fixture
def verify_json(run_cli, tmp_path):
    """`citecheck verify --format json` against local servers; returns (exit_code, report)."""

    def run(*args: str) -> tuple[int, dict]:
        code, out, err = run_cli(
            "verify", *args, "--format", "json", "--cache-dir", str(tmp_path / "cache"),
            "--allow-private-hosts", "--timeout", "2", "--max-retry-wait", "2",
        )
        assert "Traceback" not in out + err
        return code, json.loads(out)

    return run


def citations(report: dict) -> list[dict]:
    return [c for d in report["documents"] for c in d["citations"]]


def verify_importing(letter: Path, cache: Path, packages: tuple[str, ...]) -> tuple[int, dict,
                                                                                   list[str]]:
    """`citecheck verify --format json` as its own process: (exit code, report, the modules of
    `packages` it had imported by its end)."""
    import subprocess
    import sys

    probe = ("import sys; from citecheck import cli\n"
             "sys.argv = ['citecheck', *sys.argv[1:]]\n"
             "try:\n    cli.main()\n"
             "finally:\n"
             f"    print(sorted(m for m in sys.modules if m.split('.')[0] in {packages!r}), "
             "file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", probe, "verify", str(letter), "--format",
                           "json", "--cache-dir", str(cache), "--allow-private-hosts"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.stderr.strip(), done.stderr
    return done.returncode, json.loads(done.stdout or "{}"), \
        json.loads(done.stderr.strip().splitlines()[-1].replace("'", '"'))


def minimal_pdf(*lines: str) -> bytes:
    """A one-page PDF with a text layer (Helvetica, ASCII), written by hand."""
    content = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(
        "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '"
        for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R "
        ">> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
    ]
    return pdf_file(objects)


def pdf_file(objects: list[str | bytes], trailer: str = "") -> bytes:
    """A PDF file of these objects (numbered from 1, the catalog first; bytes for a binary
    stream), with its xref table; `trailer` adds entries to the trailer dictionary."""
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        data = body.encode("latin-1") if isinstance(body, str) else body
        out += f"{number} 0 obj\n".encode() + data + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{trailer} >>\nstartxref\n{xref}"
            "\n%%EOF\n").encode()
    return out


def match_claim(claim: str, source: str, lang: str):
    """The claim's one checked figure, looked for in the source: its FigureResult."""
    from citecheck.check.figures import SourceIndex, claim_figures, match_figure

    (figure,) = [f.mention for f in claim_figures(claim) if f.checked]
    return match_figure(figure, claim, SourceIndex(source, lang))
