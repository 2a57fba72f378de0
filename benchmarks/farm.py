"""A local server farm: many loopback addresses standing in for many news sites.

    python benchmarks/farm.py [--hosts 50] [--latency 0.2] [--citations 1000] [--letter FILE]

Each host is its own loopback address (127.0.0.10, 127.0.0.11, ...: Linux routes all of
127.0.0.0/8 to this machine), on a port of its own: lychee keys its per-host limit on the
host name without the port, so ports of one address would be one host to it. Each host
serves realistic article pages (navigation, several paragraphs, the cited
figure in one of them, related links, footer; 6-9 KB) at ``/a/<i>.html`` after an added
latency per response, with HTTP/1.1 keep-alive, and counts per host the connections open
at once and the requests in flight at once (the maxima are what a per-host limit must
cap), and how many were in flight as each request arrived (their median shows whether
the limit is reached). Standard library only (asyncio); run it standalone to point any
tool at it, or use :class:`Farm` from the benchmark scripts. Nothing leaves the loopback
addresses.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import json
import random
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

LOREM = [
    "The ministry did not respond to a request for comment by the time of publication.",
    "Rights groups have long criticised the handling of such cases by regional authorities.",
    "Lawyers for the families said they would appeal the decision to a higher court.",
    "Independent observers were not allowed to attend the hearings, according to witnesses.",
    "The government has promised a full and transparent investigation into the events.",
    "Several journalists covering the protests were briefly detained and later released.",
    "Opposition figures called the official explanation incomplete and contradictory.",
    "International organisations urged the authorities to publish the full findings.",
    "Residents described long queues at checkpoints and intermittent internet outages.",
    "The prosecutor's office said that the work of the commission was still under way.",
    "Human rights defenders said the victims' relatives had received no information.",
    "A parliamentary deputy asked the interior minister to explain the delays in person.",
]
SUBJECTS = [
    ("complaints of torture", "complaints of torture"),
    ("deaths in custody", "deaths in custody"),
    ("people detained", "people were detained"),
    ("criminal cases", "criminal cases were opened"),
    ("people injured", "people were injured"),
]
WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
         "twelve", "fifteen", "twenty"]


@dataclass(frozen=True)
class Citation:
    index: int  # 1-based footnote label
    address: str  # the host's loopback address
    port: int
    claim: str  # the claim sentence in the letter
    page: bytes  # the article the footnote cites

    @property
    def url(self) -> str:
        return f"http://{self.address}:{self.port}/a/{self.index}.html"


def figure(i: int) -> tuple[str, str]:
    """(how the letter writes the figure, how the page writes it) for citation i."""
    rng = random.Random(i)
    if i % 5 == 0:
        word = WORDS[i % len(WORDS)]
        return word, word
    value = rng.randrange(120, 9000)
    text = f"{value:,}"
    return text, text if i % 2 else text.replace(",", " ")  # "1,234" in the page or "1 234"


def article(i: int, port: int) -> tuple[str, bytes]:
    """(claim, page) for citation i: the page states the claim's figure in one paragraph."""
    rng = random.Random(i * 7919 + port)
    in_letter, in_page = figure(i)
    subject, phrase = SUBJECTS[i % len(SUBJECTS)]
    region = f"region {i % 17 + 1}"
    claim = f"In {region}, officials recorded {in_letter} {subject} in 2022"
    title = f"Report {i}: officials account for the January events in {region}"
    paras = [" ".join(rng.sample(LOREM, 4)) for _ in range(rng.randrange(4, 7))]
    key = (f"According to the prosecutor's office, officials recorded that {in_page} {phrase} "
           f"in {region} between January and September, a figure that rights groups say is "
           f"incomplete.")
    paras.insert(rng.randrange(1, len(paras)), key)
    nav = "".join(f'<li><a href="/section/{s}">{s.title()}</a></li>'
                  for s in ("news", "politics", "economy", "world", "opinion", "video", "about"))
    related = "".join(f'<li><a href="/a/{rng.randrange(1, 99999)}.html">Related story '
                      f"{rng.randrange(1, 999)}: {html.escape(rng.choice(LOREM))}</a></li>"
                      for _ in range(6))
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paras)
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:title" content="{html.escape(title)}">
<meta name="description" content="{html.escape(paras[0][:150])}">
<link rel="stylesheet" href="/static/site.css">
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}
gtag('js', new Date()); gtag('config', 'G-{port}{i}');</script>
</head><body>
<header><a class="logo" href="/">The Daily Port {port}</a>
<nav><ul>{nav}</ul></nav>
<form action="/search"><input name="q" placeholder="Search"></form></header>
<main><article>
<h1>{html.escape(title)}</h1>
<p class="byline">By Staff Reporter · <time datetime="2022-0{i % 9 + 1}-12">
{i % 9 + 1} September 2022</time> · 5 min read</p>
{body}
</article>
<aside><h2>Related</h2><ul>{related}</ul></aside></main>
<footer><p>© 2022 The Daily Port {port}. All rights reserved. Newsroom: +1 555 0{port % 1000:03d}.</p>
<ul><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li>
<li><a href="/contact">Contact</a></li></ul></footer>
</body></html>
"""
    return claim, page.encode("utf-8")


@dataclass
class PortStats:
    open: int = 0
    max_open: int = 0  # connections open at once
    in_flight: int = 0
    max_in_flight: int = 0  # requests being answered at once
    requests: int = 0
    connections: int = 0  # accepted
    at_arrival: list[int] = field(default_factory=list)  # in flight as each request arrived
    methods: dict[str, int] = field(default_factory=dict)


def loopback(i: int) -> str:
    """The loopback address of host i (from 0): 127.0.0.10, 127.0.0.11, ..."""
    n = 10 + i
    return f"127.0.{n // 250}.{n % 250 + (1 if n >= 250 else 0)}"


class Farm:
    """`hosts` servers, each its own loopback address and port, run by one asyncio loop in
    a thread."""

    def __init__(self, hosts: int = 50, latency: float = 0.2):
        self.hosts, self.latency = hosts, latency
        self.ports: list[int] = []
        self.addresses: dict[int, str] = {}  # port -> the host's address
        self.pages: dict[tuple[int, str], bytes] = {}
        self._stats: dict[int, PortStats] = {}
        self.arrivals: list[float] = []  # monotonic time of each request since reset()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._servers: list[asyncio.AbstractServer] = []

    def __enter__(self) -> Farm:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result()

    async def _start(self) -> None:
        for i in range(self.hosts):
            address = loopback(i)
            server = await asyncio.start_server(self._handle, address, 0, backlog=1024)
            port = server.sockets[0].getsockname()[1]
            self.addresses[port] = address
            self._servers.append(server)
            self.ports.append(port)
            self._stats[port] = PortStats()

    def stop(self) -> None:
        async def close() -> None:
            for server in self._servers:
                server.close()
            for task in [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]:
                task.cancel()

        asyncio.run_coroutine_threadsafe(close(), self._loop).result()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    def citations(self, n: int) -> list[Citation]:
        """n citations spread round-robin over the hosts; their pages are served from now on."""
        out = []
        for i in range(1, n + 1):
            port = self.ports[(i - 1) % len(self.ports)]
            claim, page = article(i, port)
            self.pages[(port, f"/a/{i}.html")] = page
            out.append(Citation(i, self.addresses[port], port, claim, page))
        return out

    def reset(self) -> None:
        for port in self._stats:
            self._stats[port] = PortStats()
        self.arrivals = []

    def stats(self) -> dict:
        s = list(self._stats.values())
        arrivals = sorted(n for p in s for n in p.at_arrival)
        return {
            "requests": sum(p.requests for p in s),
            "connections": sum(p.connections for p in s),
            "methods": {m: sum(p.methods.get(m, 0) for p in s) for m in
                        sorted({m for p in s for m in p.methods})},
            "max_open_per_host": max((p.max_open for p in s), default=0),
            "max_in_flight_per_host": max((p.max_in_flight for p in s), default=0),
            # requests in flight at their host as each request arrived (itself included)
            "median_in_flight_per_host": arrivals[len(arrivals) // 2] if arrivals else 0,
            # from the first request to the last: how long the network part took
            "span_s": round(self.arrivals[-1] - self.arrivals[0], 2) if self.arrivals else 0.0,
        }

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        port = writer.get_extra_info("sockname")[1]
        st = self._stats[port]
        st.open += 1
        st.connections += 1
        st.max_open = max(st.max_open, st.open)
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
                    break
                lines = head.decode("latin-1").split("\r\n")
                method, target, version = (lines[0].split(" ") + ["", "", ""])[:3]
                headers = {k.strip().lower(): v.strip() for k, _, v in
                           (line.partition(":") for line in lines[1:] if line)}
                length = int(headers.get("content-length", "0") or 0)
                if length:
                    await reader.readexactly(length)
                st.requests += 1
                self.arrivals.append(time.monotonic())
                st.methods[method] = st.methods.get(method, 0) + 1
                st.in_flight += 1
                st.max_in_flight = max(st.max_in_flight, st.in_flight)
                st.at_arrival.append(st.in_flight)
                try:
                    await asyncio.sleep(self.latency)
                    body = self.pages.get((port, target.split("?")[0]))
                    status = "200 OK" if body is not None else "404 Not Found"
                    if body is None:
                        body = b"<!DOCTYPE html><html><head><title>Page not found</title></head>" \
                               b"<body><h1>Page not found</h1></body></html>"
                    close = (headers.get("connection", "").lower() == "close"
                             or version == "HTTP/1.0")
                    writer.write(
                        f"HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\n"
                        f"Content-Length: {len(body)}\r\nServer: citecheck-farm\r\n"
                        f"Connection: {'close' if close else 'keep-alive'}\r\n\r\n".encode()
                        + (b"" if method == "HEAD" else body))
                    await writer.drain()
                finally:
                    st.in_flight -= 1
                if close:
                    break
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            st.open -= 1
            writer.close()


def write_letter(path: Path, citations: list[Citation]) -> Path:
    """A letter whose sentence i states citation i's claim, with footnote [i] citing its URL."""
    sentences = [f"{c.claim}.[{c.index}]" for c in citations]
    paragraphs = [" ".join(sentences[k:k + 8]) for k in range(0, len(sentences), 8)]
    notes = "\n".join(f"[{c.index}] {c.url}" for c in citations)
    path.write_text("October 6, 2022\n\nDear Secretary Blinken:\n\n" + "\n\n".join(paragraphs)
                    + "\n\nSincerely,\n\nThe Committee\n\n" + notes + "\n", encoding="utf-8")
    return path


def write_links_html(path: Path, citations: list[Citation]) -> Path:
    """The same URL set as a page of links, for link checkers that read HTML."""
    items = "\n".join(f'<li><a href="{c.url}">{c.index}</a></li>' for c in citations)
    path.write_text(f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>links</title>"
                    f"</head><body><ul>\n{items}\n</ul></body></html>\n", encoding="utf-8")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--hosts", type=int, default=50)
    ap.add_argument("--latency", type=float, default=0.2, help="seconds added to each answer")
    ap.add_argument("--citations", type=int, default=1000)
    ap.add_argument("--letter", type=Path, default=Path("farm-letter.txt"))
    ap.add_argument("--links", type=Path, help="default: farm-links.html beside the letter")
    args = ap.parse_args()
    args.links = args.links or args.letter.with_name("farm-links.html")
    with Farm(args.hosts, args.latency) as farm:
        citations = farm.citations(args.citations)
        write_letter(args.letter, citations)
        write_links_html(args.links, citations)
        print(f"serving {len(citations)} pages on {args.hosts} hosts "
              f"({citations[0].url} ...), {args.latency * 1000:.0f} ms latency; "
              f"letter {args.letter}, links {args.links}; Ctrl-C prints the counts", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            print(json.dumps(farm.stats(), indent=2))


if __name__ == "__main__":
    main()
