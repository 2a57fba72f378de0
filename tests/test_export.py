"""`citecheck export`: WACZ files that py-wacz's `wacz validate` accepts and pywb replays."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import SEED_LETTER, article, citations, write_letter

BIN = Path(sys.executable).parent  # the validators come with the test extra, in this venv

# Stand-ins for the seed letter's four pages, served on 127.0.0.1 under the same paths.
SEED_PAGES = {
    "https://rus.azattyq.org/a/31728303.html": (
        "Генпрокуратура: заявления о пытках", "ru",
        "С начала январских событий органы прокуратуры зарегистрировали 234 заявления о пытках "
        "и насилии со стороны сотрудников силовых структур."),
    "https://rus.azattyq.org/a/31751832.html": (
        "Смерти под стражей", "ru",
        "По данным правозащитников, восемь человек погибли в местах содержания под стражей "
        "после задержания во время январских событий."),
    "https://www.hrw.org/news/2022/05/05/kazakhstan-no-justice-january-protest-victims": (
        "Kazakhstan: No Justice for January Protest Victims", "en",
        "The authorities have not questioned or detained any security officers over the 238 "
        "deaths, and witnesses report pressure to withdraw accusations of abuse."),
    "https://www.rferl.org/a/kazakhstan-troops-un-helmets/31647393.html": (
        "Kazakh troops wore UN helmets during unrest", "en",
        "Footage showed soldiers of the KAZBAT peacekeeping battalion wearing UN peacekeeping "
        "helmets while deployed during the January unrest."),
}


def tool(name: str, *args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / name), *map(str, args)], capture_output=True, text=True,
                          timeout=300, cwd=cwd)


@pytest.fixture
def seed_run(httpserver, tmp_path, run_cli):
    """The seed letter verified against its pages served locally, then checked for rot once
    (unchanged pages: revisit records). Returns (letter, cache folder, report path)."""
    text = SEED_LETTER.read_text(encoding="utf-8")
    for url, (title, lang, paragraph) in SEED_PAGES.items():
        path = "/" + url.split("://", 1)[1]
        httpserver.expect_request(path).respond_with_data(
            article(title, paragraph, lang=lang), content_type="text/html; charset=utf-8")
        text = text.replace(url, httpserver.url_for(path))
    letter = tmp_path / SEED_LETTER.name
    letter.write_text(text, encoding="utf-8")
    cache, report = tmp_path / "cache", tmp_path / "report.json"
    common = ["--cache-dir", cache, "--allow-private-hosts", "--format", "json"]
    code, _, err = run_cli("verify", letter, *common, "--output", report)
    assert "Traceback" not in err
    assert {c["status"] for c in citations(json.loads(report.read_text()))} <= {
        "verified", "no_figures", "partial"}
    code, _, err = run_cli("rot", letter, *common, "--output", tmp_path / "rot.json")
    assert code == 0, err
    return letter, cache, report


def read_wacz(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def test_export_of_the_seed_letters_pages_validates_and_pywb_replays_it(seed_run, tmp_path,
                                                                        run_cli):
    letter, cache, report = seed_run
    out = tmp_path / "cited.wacz"
    code, stdout, err = run_cli("export", out, report, "--cache-dir", cache)
    assert (code, stdout) == (0, "")
    assert err.startswith(f"{out}: 4 pages, ")

    checked = tool("wacz", "validate", "-f", out)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Validation succeeded" in checked.stdout

    files = read_wacz(out)
    with zipfile.ZipFile(out) as z:
        for info in z.infolist():  # WARCs are stored as they are, for reading by range
            if info.filename.startswith("archive/"):
                assert info.compress_type == zipfile.ZIP_STORED
    package = json.loads(files["datapackage.json"])
    listed = {r["path"]: r for r in package["resources"]}
    assert set(listed) == set(files) - {"datapackage.json", "datapackage-digest.json"}
    for path, resource in listed.items():
        assert resource["hash"] == "sha256:" + hashlib.sha256(files[path]).hexdigest()
        assert resource["bytes"] == len(files[path])
    digest = json.loads(files["datapackage-digest.json"])
    assert digest == {"path": "datapackage.json",
                      "hash": "sha256:" + hashlib.sha256(files["datapackage.json"]).hexdigest()}
    header, *pages = [json.loads(line) for line in files["pages/pages.jsonl"].splitlines()]
    assert header["format"] == "json-pages-1.0"
    cited = {c["url"]: c for c in citations(json.loads(report.read_text()))}
    assert {p["url"] for p in pages} == set(cited)
    for page in pages:
        assert page["title"] == cited[page["url"]]["source"]["title"]
        assert page["ts"] == cited[page["url"]]["archive"]["date"]
    assert package["home"] == {"url": pages[0]["url"], "ts": pages[0]["ts"]}

    # pywb, from our own CDXJ index, and as `wb-manager add --unpack-wacz` indexes it anew.
    site = pywb_site(tmp_path / "pywb", out, "ours")
    assert tool("wb-manager", "init", "cites", cwd=site).returncode == 0
    added = tool("wb-manager", "add", "--unpack-wacz", "cites", out, cwd=site)
    assert added.returncode == 0, added.stderr
    replayed = replay(site, [(c, p["ts"], p["url"]) for p in pages for c in ("ours", "cites")])
    for (collection, _, url), (status, body) in zip(
            [(c, p["ts"], p["url"]) for p in pages for c in ("ours", "cites")], replayed):
        assert status == 200, (collection, url)
        assert SEED_PAGES_BY_PATH[url.split("/", 3)[3]][2] in body


SEED_PAGES_BY_PATH = {url.split("://", 1)[1]: page for url, page in SEED_PAGES.items()}


def pywb_site(site: Path, wacz: Path, collection: str) -> Path:
    """A pywb folder whose collection reads the WACZ's own WARCs through its own index."""
    (site / collection).mkdir(parents=True)
    with zipfile.ZipFile(wacz) as z:
        z.extractall(site / collection)
    (site / "config.yaml").write_text(
        f"collections:\n  {collection}:\n    index_paths: ./{collection}/indexes/index.cdx\n"
        f"    archive_paths: ./{collection}/archive/\n")
    return site


def replay(site: Path, wanted: list[tuple[str, str, str]]) -> list[tuple[int, str]]:
    """Ask pywb (its WSGI app, in a process of its own) for each (collection, time, URL), as
    the original bytes (id_)."""
    script = (
        "import json, sys\n"
        "from pywb.apps.frontendapp import FrontEndApp\n"
        "from werkzeug.test import Client\n"
        "client = Client(FrontEndApp(config_file='./config.yaml'))\n"
        "out = []\n"
        "for coll, ts, url in json.load(sys.stdin):\n"
        "    r = client.get(f'/{coll}/{ts}id_/{url}', follow_redirects=True)\n"
        "    out.append((r.status_code, r.get_data().decode('utf-8', 'replace')))\n"
        "print(json.dumps(out))\n")
    stamps = [(c, re.sub(r"\D", "", ts), url) for c, ts, url in wanted]
    done = subprocess.run([sys.executable, "-c", script], input=json.dumps(stamps), cwd=site,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return [tuple(r) for r in json.loads(done.stdout.splitlines()[-1])]


def test_export_of_the_whole_archive_keeps_every_warc_and_replays_revisits(seed_run, tmp_path,
                                                                           run_cli):
    _, cache, _ = seed_run
    out = tmp_path / "all.wacz"
    code, _, err = run_cli("export", out, "--cache-dir", cache)
    assert code == 0, err
    checked = tool("wacz", "validate", "-f", out)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    files = read_wacz(out)
    warcs = sorted(p.name for p in (cache / "warc").glob("*.warc.gz"))
    assert sorted(n.split("/", 1)[1] for n in files if n.startswith("archive/")) == warcs
    index = files["indexes/index.cdx"].decode().splitlines()
    revisits = [line for line in index if '"mime": "warc/revisit"' in line]
    assert len(revisits) == 4  # the rot run found every page unchanged
    header, *pages = [json.loads(line) for line in files["pages/pages.jsonl"].splitlines()]
    assert len(pages) == 8 and all(p["title"] for p in pages)  # verify's copies and rot's

    site = pywb_site(tmp_path / "pywb", out, "all")
    later = [json.loads(line.split(" ", 2)[2]) | {"ts": line.split(" ")[1]} for line in revisits]
    for status, body in replay(site, [("all", r["ts"], r["url"]) for r in later]):
        assert status == 200 and "<article>" in body  # the body of the record referred to


def test_export_errors_are_one_line_and_leave_no_file(tmp_path, run_cli, httpserver,
                                                      verify_json):
    httpserver.expect_request("/a").respond_with_data(
        article("A", "The office confirmed 238 deaths in January."), content_type="text/html")
    letter = write_letter(tmp_path, ("The 238 deaths", httpserver.url_for("/a")))
    _, report = verify_json(letter)
    saved = tmp_path / "report.json"
    saved.write_text(json.dumps(report))
    cache = tmp_path / "cache"
    moved = json.loads(json.dumps(report))
    moved["documents"][0]["citations"][0]["archive"]["offset"] += 1
    (tmp_path / "moved.json").write_text(json.dumps(moved))
    out = tmp_path / "x.wacz"
    for args, words in (
            ((out, "--cache-dir", tmp_path / "none"), "nothing archived"),
            ((tmp_path / "x.zip", "--cache-dir", cache), "ends in .wacz"),
            ((tmp_path / "no" / "x.wacz", "--cache-dir", cache), "no such folder"),
            ((out, tmp_path / "missing.json", "--cache-dir", cache), "no such file"),
            ((out, letter, "--cache-dir", cache), "not a readable JSON report"),
            ((out, tmp_path / "moved.json", "--cache-dir", cache), "is not in this archive")):
        code, stdout, err = run_cli("export", *args)
        assert (code, stdout) == (2, ""), err
        assert err.startswith("citecheck: error: ") and err.count("\n") == 1, err
        assert words in err, err
        assert not out.exists() and not list(tmp_path.glob(".x.wacz*"))
    code, _, err = run_cli("export", out, saved, "--cache-dir", cache)
    assert code == 0 and out.exists(), err
