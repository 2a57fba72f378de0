"""Start-up and re-runs: `citecheck --help`, and the seed letter re-verified from the cache.

    python benchmarks/bench_startup.py [--repeat 7]

1. `citecheck --help`: median wall time of --repeat runs, and which heavy modules it
   imported (it should import typer and the command-line module only).
2. The seed letter (letters/2022-10-06-senators-letter-kazakhstan.txt) with its four URLs
   rewritten to stand-in pages on 127.0.0.1 (one port per cited site): one run fills a
   fresh cache; then the stand-in servers are stopped and the letter is re-verified
   --repeat times. A re-run that touched the network would find nothing there and change
   the statuses: they must be the same as the first run's. Reports the median wall time
   and the heavy modules the re-run imported.

Both are measured as an installed citecheck runs: with its modules' bytecode compiled,
which `pip install` does. This script compiles src/ first (`compileall`), since an
editable install under PYTHONDONTWRITEBYTECODE (set on the machines this project runs on) would
otherwise compile every module from source on every run (some 70 ms more).

Targets (issue #8): --help under 0.3 s; the cached re-run under 0.5 s.
"""

from __future__ import annotations

import argparse
import compileall
import http.server
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEED = ROOT / "letters" / "2022-10-06-senators-letter-kazakhstan.txt"
HEAVY = ("requests", "requests_cache", "trafilatura", "lxml", "py3langid", "numpy", "pymorphy3",
         "rich", "pypdf", "tenacity", "urllib3")

# Stand-ins for the four cited pages: the figure of each claim in a paragraph of an article.
PAGES = {
    "rus.azattyq.org/a/31728303.html": ("ru", "Генпрокуратура: заявления о пытках",
        "С начала январских событий органы прокуратуры зарегистрировали 234 заявления о "
        "пытках и насилии со стороны сотрудников силовых структур."),
    "rus.azattyq.org/a/31751832.html": ("ru", "Смерти под стражей",
        "По данным правозащитников, восемь человек погибли в местах содержания под стражей "
        "после задержания во время январских событий."),
    "www.hrw.org/news/2022/05/05/kazakhstan-no-justice-january-protest-victims": ("en",
        "Kazakhstan: No Justice for January Protest Victims",
        "The authorities have not questioned or detained any security officers over the 238 "
        "deaths, and witnesses report pressure to withdraw accusations of abuse."),
    "www.rferl.org/a/kazakhstan-troops-un-helmets/31647393.html": ("en",
        "Kazakh troops wore UN helmets during unrest",
        "Footage showed soldiers of the KAZBAT peacekeeping battalion wearing UN peacekeeping "
        "helmets while deployed during the January unrest."),
}


def page(lang: str, title: str, text: str) -> bytes:
    filler = "<p>" + " ".join(["Редакция продолжает следить за развитием событий."
                               if lang == "ru" else "Our newsroom continues to follow events."]
                              * 12) + "</p>"
    return (f"<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}"
            f"</title></head><body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>"
            f"<main><article><h1>{title}</h1>{filler}<p>{text}</p>{filler}</article></main>"
            f"<footer>© 2022</footer></body></html>").encode("utf-8")


class _Site(http.server.BaseHTTPRequestHandler):
    pages: dict[str, bytes] = {}

    def do_GET(self) -> None:  # noqa: N802
        body = self.pages.get(self.path)
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body or b"")))
        self.end_headers()
        self.wfile.write(body or b"")

    def log_message(self, *args: object) -> None:
        pass


def serve_seed(work: Path) -> tuple[Path, list[http.server.ThreadingHTTPServer]]:
    """A copy of the seed letter whose URLs point at stand-in servers, one per site."""
    servers: dict[str, http.server.ThreadingHTTPServer] = {}
    text = SEED.read_text(encoding="utf-8")
    for target, (lang, title, para) in PAGES.items():
        host, path = target.split("/", 1)
        if host not in servers:
            handler = type(f"Site_{len(servers)}", (_Site,), {"pages": {}})
            servers[host] = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
            threading.Thread(target=servers[host].serve_forever, daemon=True).start()
        server = servers[host]
        server.RequestHandlerClass.pages["/" + path] = page(lang, title, para)  # type: ignore[attr-defined]
        text = text.replace(f"https://{target}",
                            f"http://127.0.0.1:{server.server_address[1]}/{path}")
    letter = work / SEED.name
    letter.write_text(text, encoding="utf-8")
    return letter, list(servers.values())


def timed(argv: list[str], env: dict) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True)
    return time.perf_counter() - start, done


def heavy_imports(argv: list[str], env: dict) -> list[str]:
    done = subprocess.run([argv[0], "-X", "importtime", *argv[1:]], env=env,
                          capture_output=True, text=True)
    names = {m.group(1).split(".")[0] for m in
             re.finditer(r"^import time:\s+\d+ \|\s+\d+ \|\s*([\w.]+)", done.stderr, re.M)}
    return sorted(n for n in names if n in HEAVY)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"),
                                                       os.environ.get("PYTHONPATH", "")]))
    cli = [sys.executable, "-m", "citecheck"]
    compileall.compile_dir(ROOT / "src", quiet=1)  # what pip install does for an installed copy

    helps = [timed([*cli, "--help"], env)[0] for _ in range(args.repeat)]
    help_imports = heavy_imports([*cli, "--help"], env)

    with tempfile.TemporaryDirectory(prefix="citecheck-startup-") as tmp:
        work = Path(tmp)
        letter, servers = serve_seed(work)
        report = work / "report.json"
        verify = [*cli, "verify", str(letter), "--cache-dir", str(work / "cache"),
                  "--allow-private-hosts", "--format", "json", "--output", str(report)]
        _, first = timed(verify, env)
        before = [c["status"] for c in json.loads(report.read_text())["documents"][0]["citations"]]
        for server in servers:
            server.shutdown()
            server.server_close()
        reruns, same = [], True
        for _ in range(args.repeat):
            wall, done = timed(verify, env)
            reruns.append(wall)
            after = [c["status"] for c in
                     json.loads(report.read_text())["documents"][0]["citations"]]
            same = same and after == before and done.returncode == first.returncode
        terminal = [timed([*cli, "verify", str(letter), "--cache-dir", str(work / "cache"),
                           "--allow-private-hosts"], env)[0] for _ in range(args.repeat)]
        rerun_imports = heavy_imports(verify, env)

    h, r, t = statistics.median(helps), statistics.median(reruns), statistics.median(terminal)
    print("| what | median wall s | runs | heavy modules imported |")
    print("|---|---:|---:|---|")
    print(f"| `citecheck --help` | {h:.3f} | {len(helps)} | {', '.join(help_imports) or 'none'} |")
    print(f"| seed letter re-verified from the cache, JSON report | {r:.3f} | {len(reruns)} | "
          f"{', '.join(rerun_imports) or 'none'} |")
    print(f"| the same, terminal report | {t:.3f} | {len(terminal)} | |")
    print()
    print(f"statuses of the first run: {', '.join(before)}; re-runs with the servers stopped: "
          f"{'the same' if same else 'CHANGED'}")
    checks = [(f"--help {h:.3f} s < 0.3 s", h < 0.3),
              (f"cached re-run {r:.3f} s (JSON), {t:.3f} s (terminal) < 0.5 s", max(r, t) < 0.5),
              ("re-runs made no network request (statuses unchanged with the servers down)", same)]
    for text, ok in checks:
        print(f"{'PASS' if ok else 'MISS'}  {text}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
