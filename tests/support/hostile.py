"""A hostile corpus, made on the fly and served from 127.0.0.1: broken and malicious feeds and pages.

Each case says whether its feed must end in an error (one line) or be stored, and what must hold after.
Used by tests/test_hostile.py and by .ci/bench/hostile.py (worst-case time and memory)."""

from __future__ import annotations

import os
import random
import time
import zlib
from dataclasses import dataclass
from html import escape

from tests.support.feed_server import FeedServer, Handler

SECRET = "XXE-SECRET-7f3a9c"  # written to a local file that an XXE feed tries to read


@dataclass
class Case:
    name: str
    path: str
    expect_error: bool
    error_contains: str = ""


def _rss(items: str, title: str = "Hostile", encoding: str = "utf-8", prolog: str = "") -> str:
    return (f'<?xml version="1.0" encoding="{encoding}"?>{prolog}<rss version="2.0"><channel><title>{title}</title>'
            f"<link>http://127.0.0.1/</link>{items}</channel></rss>")


def _item(title: str, guid: str, text: str = "Foreign Minister Sergei Lavrov met envoys on the sidelines.",
          date: str = "Mon, 04 Nov 2024 10:00:00 GMT", link: str = "") -> str:
    link = link or f"http://127.0.0.1/a/{guid}"
    return (f"<item><title>{escape(title)}</title><link>{escape(link)}</link><guid>{escape(guid)}</guid>"
            f"<pubDate>{date}</pubDate><description>{escape(text)}</description></item>")


# -- streaming handlers: nothing big is ever stored ---------------------------------------------------

def _chunk(handler: Handler, data: bytes) -> None:
    handler.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
    handler.wfile.flush()


def gzip_bomb(handler: Handler) -> None:
    """1 GB of zeros, gzip-compressed as it is sent (about 1 MB on the wire), never held in memory."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/rss+xml")
    handler.send_header("Content-Encoding", "gzip")
    handler.send_header("Transfer-Encoding", "chunked")
    handler.end_headers()
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = b"\0" * (1 << 20)
    try:
        _chunk(handler, compressor.compress(b"<rss><channel><title>bomb</title><description>"))
        for _ in range(1024):
            data = compressor.compress(zeros)
            if data:
                _chunk(handler, data)
        _chunk(handler, compressor.flush())
        handler.wfile.write(b"0\r\n\r\n")
    except (BrokenPipeError, ConnectionResetError):
        pass


def endless(handler: Handler) -> None:
    """A body that never ends (bounded at 60 s here so the server always stops by itself)."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/rss+xml")
    handler.send_header("Transfer-Encoding", "chunked")
    handler.end_headers()
    deadline = time.monotonic() + 60
    try:
        _chunk(handler, b"<rss><channel><title>endless</title>")
        while time.monotonic() < deadline:
            _chunk(handler, b"<item><title>again</title></item>" * 2000)
    except (BrokenPipeError, ConnectionResetError):
        pass


def drip(handler: Handler) -> None:
    """One byte per second, for at most 40 s."""
    body = _rss(_item("slow", "slow-1")).encode()
    handler.send_response(200)
    handler.send_header("Content-Type", "application/rss+xml")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    try:
        for byte in body[:40]:
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
            time.sleep(1)
    except (BrokenPipeError, ConnectionResetError):
        pass


def redirect_to(target: str):
    def handler(h: Handler) -> None:
        h.send_response(302)
        h.send_header("Location", target)
        h.send_header("Content-Length", "0")
        h.end_headers()
    return handler


def nested_divs_page(megabytes: int = 10) -> bytes:
    depth = 200_000
    opening = b"<div>" * depth
    filler = b"x" * max(0, megabytes * 1024 * 1024 - depth * 11)
    return b"<html><body>" + opening + b"<p>deep text</p>" + filler + b"</div>" * depth + b"</body></html>"


def build(server: FeedServer, secret_file: str) -> list[Case]:
    """Register every hostile route on `server`; return the cases (plus three good feeds)."""
    cases: list[Case] = []

    def add(name: str, body: bytes | str = b"", expect_error: bool = True, error_contains: str = "", **kw) -> None:
        path = f"/hostile/{name}.xml"
        server.add(path, body, **kw)
        cases.append(Case(name, path, expect_error, error_contains))

    add("malformed-xml", "<rss><channel><title>broken<item><title>x</ite", error_contains="")
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    add("billion-laughs", _rss(_item("&l9;", "bl"), prolog=f'<!DOCTYPE rss [<!ENTITY l0 "lol">{laughs}]>'),
        error_contains="entit")
    add("xxe", _rss(_item("&xxe;", "xxe"), prolog=f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret_file}">]>'),
        error_contains="entit")
    add("gzip-bomb", handler=gzip_bomb, error_contains="larger than")
    add("endless", handler=endless, error_contains="")
    add("one-byte-per-second", handler=drip, error_contains="timed out")
    server.add("/hostile/loop-a.xml", handler=redirect_to("/hostile/loop-b.xml"))
    server.add("/hostile/loop-b.xml", handler=redirect_to("/hostile/loop-a.xml"))
    cases.append(Case("redirect-loop", "/hostile/loop-a.xml", True, "redirect"))
    add("redirect-to-file", handler=redirect_to("file:///etc/passwd"), error_contains="not an http")
    add("http-404", "gone", status=404, validators=False, error_contains="HTTP 404")
    add("http-410", "gone", status=410, validators=False, error_contains="HTTP 410")
    add("http-429", "slow down", status=429, validators=False, headers={"Retry-After": "3600"},
        error_contains="retry after 3600")
    add("http-500", "boom", status=500, validators=False, error_contains="HTTP 500")
    add("random-bytes", random.Random(1).randbytes(64 * 1024), content_type="application/octet-stream")
    add("empty-body", b"", error_contains="empty")
    add("html-not-feed", "<html><body><p>Not a feed at all.</p></body></html>", content_type="text/html")

    markup = ("[bold]Bold[/bold] [link=http://evil.example]x[/link] \x1b[31mred\x1b[0m "
              "\x1b]0;pwned-title\x07 \x1b]8;;http://evil.example\x07hyper\x1b]8;;\x07 ctl\x07\x08 [/")
    add("markup-and-escapes", _rss(_item(markup, "mk-1", text=f"<p>{escape(markup)}</p><p>Prime Minister "
                                         "Narendra Modi met President Xi Jinping at the BRICS summit.</p>")),
        expect_error=False)
    add("duplicate-guids", _rss(_item("First copy", "dup") + _item("Second copy", "dup") + _item("Other", "dup-2")),
        expect_error=False)
    add("missing-fields", _rss("<item><description>Only a description: Secretary of State Antony Blinken "
                               "spoke.</description></item><item></item><item><title>Only a title</title></item>"),
        expect_error=False)
    add("future-dates", _rss(_item("From the future", "fut", date="Fri, 01 Jan 2900 00:00:00 GMT")),
        expect_error=False)
    add("relative-links", _rss(_item("Relative", "rel", link="/news/relative.html")), expect_error=False)
    add("windows-1251", _rss(_item("Лавров встретился с Блинкеном", "cp1251", text="Министр Сергей Лавров."),
                             encoding="windows-1251").encode("cp1251"),
        content_type="application/rss+xml; charset=windows-1251", expect_error=False)
    add("wrong-charset", _rss(_item("Café diplomacy in Zürich", "wrong-cs")).encode("utf-8"),
        content_type="application/rss+xml; charset=iso-8859-1", expect_error=False)
    add("utf-16", _rss(_item("UTF-16 feed title", "u16"), encoding="utf-16").encode("utf-16"),
        content_type="application/rss+xml", expect_error=False)
    add("gzip-ok", _rss(_item("Compressed feed", "gz")), gzip=True, expect_error=False)
    # A feed whose article page is a 10 MB pile of nested divs (fetched with --fulltext always).
    server.add("/hostile/deep.html", nested_divs_page(), content_type="text/html")
    add("deep-page", _rss(_item("Deep page", "deep", link=server.url("/hostile/deep.html"))), expect_error=False)
    return cases


def write_secret(folder: str) -> str:
    path = os.path.join(folder, "secret.txt")
    with open(path, "w") as handle:
        handle.write(SECRET)
    return path
