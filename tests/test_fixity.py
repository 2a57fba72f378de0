"""`citecheck fixity`: a manifest of the archived records a report relied on, stamped by an
RFC 3161 timestamping authority (a local one: openssl's `ts -reply` behind a stub server)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from werkzeug import Response

from conftest import article, citations, write_letter

OPENSSL = shutil.which("openssl")
TSA_CONFIG = """
[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
serial = {folder}/serial
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256
accuracy = secs:1
ess_cert_id_alg = sha256
"""


@pytest.fixture
def tsa(httpserver, tmp_path):
    """A timestamping authority on 127.0.0.1: openssl signs each query with a test key whose
    certificate says timeStamping. Returns (its URL, the certificate to verify with)."""
    if OPENSSL is None:  # Debian's openssl package; every machine of this kind has it
        pytest.fail("the openssl command is needed to run a test timestamping authority")
    folder = tmp_path / "tsa"
    folder.mkdir()
    (folder / "serial").write_text("01\n")
    (folder / "tsa.cnf").write_text(TSA_CONFIG.format(folder=folder))
    made = subprocess.run([OPENSSL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                           folder / "tsa.key", "-out", folder / "tsa.crt", "-days", "2",
                           "-subj", "/CN=citecheck test TSA", "-addext",
                           "extendedKeyUsage=critical,timeStamping"],
                          capture_output=True, timeout=60)
    assert made.returncode == 0, made.stderr

    def reply(request):
        assert request.headers["Content-Type"] == "application/timestamp-query"
        (folder / "q.tsq").write_bytes(request.get_data())
        done = subprocess.run([OPENSSL, "ts", "-reply", "-config", folder / "tsa.cnf",
                               "-queryfile", folder / "q.tsq", "-signer", folder / "tsa.crt",
                               "-inkey", folder / "tsa.key", "-out", folder / "r.tsr"],
                              capture_output=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return Response((folder / "r.tsr").read_bytes(),
                        content_type="application/timestamp-reply")

    httpserver.expect_request("/tsa", method="POST").respond_with_handler(reply)
    return httpserver.url_for("/tsa"), folder / "tsa.crt"


@pytest.fixture
def verified(httpserver, tmp_path, run_cli):
    httpserver.expect_request("/a").respond_with_data(
        article("A", "The office confirmed 238 deaths in the January events."),
        content_type="text/html")
    letter = write_letter(tmp_path, ("The 238 deaths", httpserver.url_for("/a")))
    report = tmp_path / "report.json"
    cache = tmp_path / "cache"
    common = ["--cache-dir", cache, "--allow-private-hosts", "--format", "json"]
    run_cli("verify", letter, *common, "--output", report)
    # Fetched again, unchanged: the second report relies on a revisit record and its original.
    run_cli("verify", letter, *common, "--refresh", "--output", tmp_path / "again.json")
    return report, tmp_path / "again.json", cache


def test_fixity_manifest_is_timestamped_and_openssl_verifies_it(verified, tsa, tmp_path,
                                                                run_cli):
    report, again, cache = verified
    url, certificate = tsa
    code, out, err = run_cli("fixity", again, "--cache-dir", cache, "--tsa", url)
    assert (code, out) == (0, ""), err
    manifest_path = tmp_path / "again.fixity.json"
    stamp = tmp_path / "again.fixity.json.tsr"
    assert err.startswith(f"{manifest_path}: 2 records, timestamped by {url} at ")
    manifest = json.loads(manifest_path.read_text())
    (c,) = citations(json.loads(again.read_text()))
    revisit, original = sorted(manifest["records"], key=lambda r: r["type"], reverse=True)
    assert (revisit["type"], original["type"]) == ("revisit", "response")
    assert revisit["record_id"] == c["archive"]["record_id"]
    assert revisit["payload_digest"] == original["payload_digest"] == c["archive"]["digest"]
    assert all(len(r["record_sha256"]) == 64 for r in manifest["records"])

    # Anyone can check the stamp without citecheck, with the TSA's certificate.
    checked = subprocess.run([OPENSSL, "ts", "-verify", "-data", manifest_path, "-in", stamp,
                              "-CAfile", certificate], capture_output=True, text=True,
                             timeout=60)
    assert checked.returncode == 0 and "Verification: OK" in checked.stdout, checked.stderr
    # ...and it is a stamp of this manifest only.
    edited = tmp_path / "edited.json"
    edited.write_text(manifest_path.read_text().replace(original["record_sha256"], "0" * 64))
    checked = subprocess.run([OPENSSL, "ts", "-verify", "-data", edited, "-in", stamp,
                              "-CAfile", certificate], capture_output=True, text=True,
                             timeout=60)
    assert checked.returncode != 0


def test_fixity_check_tells_an_archive_edited_afterwards(verified, tmp_path, run_cli):
    report, _, cache = verified
    code, _, err = run_cli("fixity", report, "--cache-dir", cache, "-o", tmp_path / "m.json")
    assert code == 0 and err.startswith(f"{tmp_path / 'm.json'}: 1 records"), err
    assert not (tmp_path / "m.json.tsr").exists()  # no TSA configured: no stamp
    code, out, err = run_cli("fixity", "--check", tmp_path / "m.json", "--cache-dir", cache)
    assert (code, out) == (0, "") and "every record is as the manifest says" in err

    (record,) = json.loads((tmp_path / "m.json").read_text())["records"]
    warc = cache / "warc" / record["warc"]
    data = bytearray(warc.read_bytes())
    data[record["offset"] + record["length"] // 2] ^= 0xFF  # one byte of the cited record
    warc.write_bytes(bytes(data))
    code, out, err = run_cli("fixity", "--check", tmp_path / "m.json", "--cache-dir", cache)
    assert code == 1 and "the record is not what it was" in out and record["warc"] in out
    warc.unlink()
    code, out, _ = run_cli("fixity", "--check", tmp_path / "m.json", "--cache-dir", cache)
    assert code == 1 and "missing from the archive" in out


def test_fixity_errors_are_one_line(verified, tmp_path, run_cli, httpserver):
    report, _, cache = verified
    httpserver.expect_request("/refuses", method="POST").respond_with_data("no", status=500)
    (tmp_path / "citecheck.toml").write_text('tsa-url = "ftp://tsa.example"\n')
    for args, words in (
            ((tmp_path / "missing.json",), "no such file"),
            ((report, "--cache-dir", tmp_path / "empty"), "nothing archived"),
            ((report, "--tsa", "tsa.example"), "http(s) URL"),
            ((report, "--config", tmp_path / "citecheck.toml"), "http(s) URL"),
            ((report, "--cache-dir", cache, "--tsa", httpserver.url_for("/refuses")),
             "answered HTTP 500"),
            (("--check", report), "not a citecheck fixity manifest")):
        code, out, err = run_cli("fixity", *args)
        assert (code, out) == (2, ""), err
        assert err.startswith("citecheck: error: ") and err.count("\n") == 1, err
        assert words in err, err
