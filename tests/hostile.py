"""A local web server that misbehaves on purpose: one route per misbehaviour.

It speaks raw sockets, so it can do what no well-behaved framework lets it do: trickle the
status line a byte at a time, send thousands of headers, reset the connection mid-body,
answer with something that is not HTTP. Every connection is counted, so a test can assert
that citecheck never connected at all.
"""

from __future__ import annotations

import gzip
import random
import socket
import ssl
import struct
import threading
import time
from collections.abc import Callable
from email.utils import format_datetime
from urllib.parse import urlsplit
from datetime import datetime, timezone

from conftest import article, pdf_file

Handler = Callable[[socket.socket, str], None]

RUSSIAN = article("Генпрокуратура: зарегистрировано 234 заявления о пытках",
                  "Генеральная прокуратура Казахстана сообщила, что зарегистрировала 234 "
                  "заявления о пытках и насилии со стороны силовиков во время январских "
                  "событий, и что расследования продолжаются во всех регионах страны.",
                  lang="ru", charset="windows-1251")
ENGLISH = article("Torture complaints", "Prosecutors said they had registered 234 allegations "
                  "of torture or abuse involving security officials since January.")


def _head(status: str = "200 OK", headers: dict[str, str] | None = None,
          length: int | None = None) -> bytes:
    lines = [f"HTTP/1.1 {status}"]
    for k, v in {"Content-Type": "text/html; charset=utf-8", **(headers or {})}.items():
        lines.append(f"{k}: {v}")
    if length is not None:
        lines.append(f"Content-Length: {length}")
    lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _answer(body: bytes, status: str = "200 OK", **headers: str) -> Handler:
    def handle(conn: socket.socket, path: str) -> None:
        conn.sendall(_head(status, {k.replace("_", "-"): v for k, v in headers.items()},
                           len(body)) + body)
    return handle


def _answer_raw(data: bytes) -> Handler:
    def handle(conn: socket.socket, path: str) -> None:
        conn.sendall(data)
    return handle


class HostileServer:
    """Serves `routes` on 127.0.0.1 in a thread; `connections` counts accepted sockets."""

    def __init__(self, tls: ssl.SSLContext | None = None):
        self.stop = threading.Event()
        self.connections = 0
        self.paths: list[str] = []
        self._tls = tls
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self.port = self._listener.getsockname()[1]
        self.routes: dict[str, Handler] = self._routes()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        scheme = "https" if self._tls else "http"
        return f"{scheme}://{host}:{self.port}{path}"

    def close(self) -> None:
        self.stop.set()
        self._thread.join(5)
        self._listener.close()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        try:
            conn.settimeout(10)
            if self._tls is not None:
                conn = self._tls.wrap_socket(conn, server_side=True)
            data = b""
            while b"\r\n\r\n" not in data and len(data) < 65536:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                data += chunk
                if data.startswith(b"\x16\x03"):  # a TLS handshake: answer as plain HTTP does
                    conn.sendall(_head("400 Bad Request", length=0))
                    return
            path = data.split(b" ", 2)[1].decode("latin-1") if data.count(b" ") >= 2 else "/"
            self.paths.append(path)
            # Asked as a proxy is (GET http://host/path), it routes on the path all the same.
            route = self.routes.get(urlsplit(path).path if "://" in path else path.split("?")[0])
            if route is None:
                conn.sendall(_head("404 Not Found", length=9) + b"not found")
            else:
                route(conn, path)
        except (OSError, ssl.SSLError):
            pass  # the client gave up (as it should) or the handshake failed (as it should)
        finally:
            try:
                conn.close()
            except OSError:
                pass

    # The misbehaviours. Each one is a route; the table in the README lists them.

    def _trickle(self, conn: socket.socket, data: bytes, every: float = 0.05) -> None:
        for byte in data:
            if self.stop.is_set():
                return
            conn.sendall(bytes([byte]))
            time.sleep(every)

    def _routes(self) -> dict[str, Handler]:
        endless = b"X-Slow: " + b"a" * 100_000

        def trickle_headers(conn: socket.socket, path: str) -> None:
            self._trickle(conn, b"HTTP/1.1 200 OK\r\n" + endless)

        def trickle_body(conn: socket.socket, path: str) -> None:
            conn.sendall(_head(length=100_000))
            self._trickle(conn, b"<html>" + b"a" * 100_000)

        def silent(conn: socket.socket, path: str) -> None:
            self.stop.wait(10)

        def gzip_bomb(conn: socket.socket, path: str) -> None:
            conn.sendall(_head(headers={"Content-Encoding": "gzip"}, length=len(BOMB)) + BOMB)

        def huge(conn: socket.socket, path: str) -> None:
            conn.sendall(_head(length=200 * 1024 * 1024))
            block = b"<p>" + b"a" * 65533
            for _ in range(200 * 16):
                conn.sendall(block)

        def redirect_forever(conn: socket.socket, path: str) -> None:
            n = int(path.rpartition("=")[2]) if "=" in path else 0
            conn.sendall(_head("302 Found", {"Location": f"/redirect-forever?n={n + 1}"}, 0))

        def header_flood(conn: socket.socket, path: str) -> None:
            conn.sendall(_head(headers={f"X-Flood-{i}": str(i) for i in range(5000)}, length=4)
                         + b"<p/>")

        def reset_mid_body(conn: socket.socket, path: str) -> None:
            conn.sendall(_head(length=100_000) + ENGLISH.encode()[:500])
            time.sleep(0.05)
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))

        def close_mid_body(conn: socket.socket, path: str) -> None:
            conn.sendall(_head(length=100_000) + ENGLISH.encode()[:500])

        def hang_up(conn: socket.socket, path: str) -> None:
            pass

        def not_http(conn: socket.socket, path: str) -> None:
            conn.sendall(b"SSH-2.0-OpenSSH_9.6\r\nProtocol mismatch.\r\n")

        def bad_chunks(conn: socket.socket, path: str) -> None:
            conn.sendall(_head(headers={"Transfer-Encoding": "chunked"}) + b"zz\r\nhello\r\n")

        def fat_redirect(conn: socket.socket, path: str) -> None:
            n = int(path.rpartition("=")[2]) if "=" in path else 0
            where = f"/fat-redirect?n={n + 1}" if n < 9 else "/ok"
            conn.sendall(_head("302 Found", {"Location": where, "Content-Encoding": "gzip"},
                               len(FAT)) + FAT)

        def pdf_heavy(conn: socket.socket, path: str) -> None:
            body = heavy_pdf()
            conn.sendall(_head(headers={"Content-Type": "application/pdf"}, length=len(body))
                         + body)

        stream_bomb = pdf_stream_bomb(100 << 20)  # past pypdf's 75 MB

        def pdf_stream_bomb_page(conn: socket.socket, path: str) -> None:
            body = stream_bomb
            conn.sendall(_head(headers={"Content-Type": "application/pdf"}, length=len(body))
                         + body)

        def interim(code: str) -> Handler:
            def handle(conn: socket.socket, path: str) -> None:
                body = ENGLISH.encode()
                conn.sendall(f"HTTP/1.1 {code}\r\nLink: </style.css>; rel=preload\r\n\r\n"
                             .encode() + _head(length=len(body)) + body)
            return handle

        def two_lengths(conn: socket.socket, path: str) -> None:
            body = ENGLISH.encode()
            conn.sendall(_head(headers={"Content-Length": str(len(body) + 7)}, length=len(body))
                         + body)

        def encoded(name: str) -> Handler:
            def handle(conn: socket.socket, path: str) -> None:
                body = compress(name, ENGLISH.encode())
                conn.sendall(_head(headers={"Content-Encoding": name}, length=len(body)) + body)
            return handle

        later = format_datetime(datetime(2999, 1, 1, tzinfo=timezone.utc), usegmt=True)
        noise = random.Random(7).randbytes(20_000)
        return {
            "/ok": _answer(ENGLISH.encode()),
            "/trickle-headers": trickle_headers,
            "/trickle-body": trickle_body,
            "/silent": silent,
            "/gzip-bomb": gzip_bomb,
            "/huge": huge,
            "/redirect-loop": _answer(b"", "302 Found", Location="/redirect-loop"),
            "/redirect-forever": redirect_forever,
            "/header-flood": header_flood,
            "/long-header": _answer(b"<p/>", X_Long="a" * 200_000),
            "/reset-mid-body": reset_mid_body,
            "/close-mid-body": close_mid_body,
            "/hang-up": hang_up,
            "/not-http": not_http,
            "/bad-chunks": bad_chunks,
            "/bad-gzip": _answer(b"\x1f\x8b\x08\x00garbage, not gzip at all",
                                 Content_Encoding="gzip"),
            "/503-retry-after-forever": _answer(b"busy", "503 Service Unavailable",
                                                Retry_After="999999999"),
            "/429-retry-after-2999": _answer(b"slow down", "429 Too Many Requests",
                                             Retry_After=later),
            "/binary-as-html": _answer(noise),
            "/charset-lie": _answer(RUSSIAN.encode("cp1251")),  # says utf-8
            "/latin1-lie": _answer(RUSSIAN.replace("windows-1251", "utf-8").encode(),
                                   Content_Type="text/html; charset=iso-8859-1"),
            "/charset-nonsense": _answer(RUSSIAN.encode("cp1251"),
                                         Content_Type="text/html; charset=x-no-such-charset"),
            "/type-nonsense": _answer(ENGLISH.encode(), Content_Type=";;;/=\t"),
            "/image-that-is-html": _answer(ENGLISH.encode(), Content_Type="image/png"),
            "/latin1-lie-1251": _answer(RUSSIAN.encode("cp1251"),
                                        Content_Type="text/html; charset=iso-8859-1"),
            "/escapes-not-http": _answer_raw(b"\x1b[2J\x1b]0;pwned\x07<script>alert(1)</script>"
                                             b"\r\n\r\n"),
            "/rebind": _answer(b"", "302 Found", Location="/ok"),
            "/fat-redirect": fat_redirect,
            "/early-hints": interim("103 Early Hints"),
            "/processing": interim("102 Processing"),
            "/two-lengths": two_lengths,
            "/redirect-to-nowhere": _answer(b"", "302 Found",
                                            Location="http://no-such-host.invalid/page"),
            "/br": encoded("br"),
            "/unknown-coding": _answer(b"\x1f\x9d\x90compressed, in LZW", Content_Encoding="compress"),
            "/zstd": encoded("zstd"),
            "/pdf-heavy": pdf_heavy,
            "/pdf-stream-bomb": pdf_stream_bomb_page,
            "/pdf-title-array": _answer(pdf(title="[(a) (b)]"), Content_Type="application/pdf"),
            "/pdf-title-number": _answer(pdf(title="42"), Content_Type="application/pdf"),
            "/pdf-title-dict": _answer(pdf(title="<< /A 1 >>"), Content_Type="application/pdf"),
            "/pdf-unknown-filter": _answer(pdf(stream_filter="NoSuchDecode"),
                                           Content_Type="application/pdf"),
            "/pdf-unknown-encryption": _answer(
                pdf(encrypt="<< /Filter /NoSuchHandler /V 9 /R 9 >>"),
                Content_Type="application/pdf"),
        }


BOMB = gzip.compress(b"\0" * (64 * 1024 * 1024), compresslevel=9)  # 64 MiB from ~64 KiB
FAT = gzip.compress(b"\0" * (19 * 1024 * 1024), compresslevel=9)  # 19 MiB from ~19 KiB


# Documents and pages made to break readers: small, made on the spot.

PDF_TEXT = ("Prosecutors said they had registered 234 allegations of torture or abuse "
            "involving security officials since January.")


def pdf(*, title: str | None = None, stream_filter: str | None = None,
        encrypt: str | None = None, content: str | None = None, pages: int = 1,
        shared: bool = False) -> bytes:
    """A PDF written by hand: `title` is the /Title object as written (an array, a number…),
    `stream_filter` names the content stream's filter, `encrypt` is an /Encrypt dictionary;
    `pages` pages, each with its own content stream unless `shared`."""
    content = content or f"BT /F1 12 Tf 72 720 Td ({PDF_TEXT}) Tj ET"
    filt = f" /Filter /{stream_filter}" if stream_filter else ""
    kids = " ".join(f"{6 + i} 0 R" for i in range(pages))
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(content)}{filt} >>\nstream\n{content}\nendstream",
        f"<< /Title {title} >>" if title else "<< >>",
    ]
    streams = []
    for i in range(pages):
        stream = 4 if shared or i == 0 else 6 + pages + len(streams)
        if stream != 4:
            streams.append(objects[3])
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources "
                       f"<< /Font << /F1 3 0 R >> >> /Contents {stream} 0 R >>")
    objects += streams
    if encrypt:
        objects.append(encrypt)
    extra = f" /Encrypt {len(objects)} 0 R /ID [<01> <01>]" if encrypt else ""
    return pdf_file(objects, f" /Info 5 0 R{extra}")


def corrupt_deflate(docx: bytes, member: str = "word/document.xml") -> bytes:
    """The DOCX with the deflate stream of `member` damaged (its CRC and sizes intact)."""
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:  # every member deflated
        for item in source.infolist():
            z.writestr(item.filename, source.read(item.filename))
    data = bytearray(out.getvalue())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(member)
    name_length, extra_length = struct.unpack("<HH", data[info.header_offset + 26:
                                                          info.header_offset + 30])
    start = info.header_offset + 30 + name_length + extra_length
    for k in range(start + 10, start + 60):
        data[k] ^= 0xFF
    return bytes(data)


def _deflated(piece: bytes, times: int) -> bytes:
    """zlib data that inflates to `piece` repeated `times` times, made without holding it."""
    import zlib

    packer = zlib.compressobj(9)
    block = piece * max(1, (1 << 20) // len(piece))
    out, left = [], len(piece) * times
    while left > 0:
        chunk = block[:left]
        out.append(packer.compress(chunk))
        left -= len(chunk)
    return b"".join(out) + packer.flush()


def docx(document_xml: bytes) -> bytes:
    """A minimal DOCX package around this word/document.xml."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/content-types"><Override PartName="/word/'
                   'document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                   'wordprocessingml.document.main+xml"/></Types>')
        z.writestr("word/document.xml", document_xml)
    return out.getvalue()


W = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'


def docx_zip_bomb() -> bytes:
    """About 100 KB that inflates to a 100 MB word/document.xml."""
    return docx(W + b"<w:p><w:r><w:t>" + b"a" * (100 << 20) + b"</w:t></w:r></w:p></w:body></w:document>")


def docx_empty_paragraphs(count: int = 3_000_000) -> bytes:
    """Millions of empty paragraphs, under the part size limit."""
    return docx(W + b"<w:p/>" * count + b"</w:body></w:document>")


def pdf_stream_bomb(inflated: int = 400 << 20) -> bytes:
    """A one-page PDF whose content stream is small and inflates to `inflated` bytes."""
    stream = _deflated(b"0 0 m ", inflated // 6)
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>"]
    body = (f"<< /Length {len(stream)} /Filter /FlateDecode >>\nstream\n".encode() + stream
            + b"\nendstream")
    return pdf_file([*objects, body])


def heavy_pdf(pages: int = 500, operators: int = 20_000) -> bytes:
    """`pages` pages sharing one content stream of `operators` text operators: small to send,
    slow to read page after page."""
    content = "BT /F1 12 Tf " + "(a) Tj " * operators + f"({PDF_TEXT}) Tj ET"
    return pdf(content=content, pages=pages, shared=True)


def compress(name: str, data: bytes) -> bytes:
    if name == "br":
        import brotlicffi as brotli

        return brotli.compress(data)
    import importlib
    import sys

    zstd = importlib.import_module("compression.zstd" if sys.version_info >= (3, 14)
                                   else "backports.zstd")

    return zstd.compress(data)
