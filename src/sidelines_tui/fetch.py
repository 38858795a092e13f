"""Download feeds and pages: bounded concurrency (overall and per host), conditional GET, timeouts,
a redirect limit and a size cap that holds after decompression."""

from __future__ import annotations

import asyncio
import os
import socket
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import aiohttp

from sidelines_tui import __version__
from sidelines_tui.decode import MAX_DOCUMENT_BYTES
from sidelines_tui.safe_text import one_line

USER_AGENT = f"Sidelines/{__version__} (terminal news reader; +https://pypi.org/project/sidelines-tui/)"
FEED_ACCEPT = ("application/atom+xml, application/rss+xml, application/feed+json, application/json;q=0.9, "
               "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, text/plain;q=0.8, */*;q=0.5"


@dataclass(frozen=True, slots=True)
class FetchLimits:
    concurrency: int = 32
    per_host: int = 4
    connect_timeout: float = 10.0
    total_timeout: float = 30.0
    max_redirects: int = 5
    max_bytes: int = MAX_DOCUMENT_BYTES


@dataclass(slots=True)
class FetchResult:
    url: str
    status: int = 0
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    final_url: str | None = None
    error: str | None = None
    held: bool = False  # a slot of the caller's `hold` semaphore stays taken for this body

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class FetchError(Exception):
    pass


def check_url(url: str) -> str:
    """Only http(s) URLs with a host are fetched; anything else is refused before any I/O."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FetchError(f"not an http(s) URL: {url[:200]}")
    return url


@dataclass
class Fetcher:
    """One per refresh. Use as an async context manager."""

    limits: FetchLimits = field(default_factory=FetchLimits)

    def __post_init__(self) -> None:
        self._global = asyncio.Semaphore(self.limits.concurrency)
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._client: aiohttp.ClientSession | None = None
        self.bytes_received = 0

    async def __aenter__(self) -> Fetcher:
        # Our own semaphores bound concurrency per host and overall; the pool only keeps connections
        # alive. No cookies, no proxies from the environment, and bodies stay compressed so that
        # `_read_capped` can stop a gzip bomb at the cap.
        connector = aiohttp.TCPConnector(limit=self.limits.concurrency * 2, limit_per_host=0)
        timeout = aiohttp.ClientTimeout(total=None, sock_connect=self.limits.connect_timeout)
        self._client = aiohttp.ClientSession(
            connector=connector, timeout=timeout, auto_decompress=False, trust_env=False,
            cookie_jar=aiohttp.DummyCookieJar(),
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"})
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._client:
            await self._client.close()

    def _host_semaphore(self, url: str) -> asyncio.Semaphore:
        host = (urlsplit(url).hostname or "").lower()
        if host not in self._hosts:
            self._hosts[host] = asyncio.Semaphore(self.limits.per_host)
        return self._hosts[host]

    async def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
                  accept: str = FEED_ACCEPT, hold: asyncio.Semaphore | None = None) -> FetchResult:
        """Never raises for network or HTTP trouble: the result carries a one-line `error`.

        With `hold`, a slot of it is taken once the request may start (inside the per-host and overall
        bounds, so waiting requests hold none) and kept when a body comes back (`result.held`): the
        caller releases it when it is done with the body. That bounds the bodies a caller holds."""
        result = FetchResult(url=url)
        completed = False
        try:
            await self._get_bounded(url, etag, last_modified, accept, hold, result)
            completed = True
        finally:
            if result.held and not (completed and result.body):  # nothing to keep, or cancelled
                assert hold is not None
                hold.release()
                result.held = False
        return result

    async def _get_bounded(self, url: str, etag: str | None, last_modified: str | None, accept: str,
                           hold: asyncio.Semaphore | None, result: FetchResult) -> None:
        try:
            check_url(url)
            async with self._host_semaphore(url), self._global:
                if hold is not None:
                    await hold.acquire()
                    result.held = True
                async with asyncio.timeout(self.limits.total_timeout):
                    await self._get(url, etag, last_modified, accept, result)
        except FetchError as exc:
            result.error = str(exc)
        except aiohttp.ServerTimeoutError:  # before TimeoutError: it is one too
            result.error = "connection timed out"
        except TimeoutError:
            result.error = f"timed out after {self.limits.total_timeout:g} s"
        except aiohttp.ClientConnectorError as exc:
            result.error = f"cannot connect to {exc.host}:{exc.port}: {_connect_reason(exc.os_error)}"
        except aiohttp.ClientResponseError as exc:
            result.error = f"bad HTTP response: {exc.message or _short(exc)}"
        except (aiohttp.ClientError, OSError, zlib.error, ValueError) as exc:
            result.error = f"{type(exc).__name__}: {_short(exc)}"
        if result.error:
            result.body = b""

    async def _get(self, url: str, etag: str | None, last_modified: str | None, accept: str,
                   result: FetchResult) -> None:
        assert self._client is not None
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        seen: set[str] = set()
        current = url
        for _ in range(self.limits.max_redirects + 1):
            seen.add(current)
            async with self._client.get(current, headers=headers, allow_redirects=False) as response:
                if response.status in (301, 302, 303, 307, 308):
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(f"HTTP {response.status} redirect without a Location")
                    current = check_url(urljoin(current, location))
                    if current in seen:
                        raise FetchError("redirect loop")
                    continue
                result.status = response.status
                result.final_url = current
                if response.status == 304:
                    return
                if response.status >= 400:
                    raise FetchError(_http_error(response))
                result.etag = response.headers.get("etag")
                result.last_modified = response.headers.get("last-modified")
                result.content_type = response.headers.get("content-type")
                result.body = await self._read_capped(response)
                return
        raise FetchError(f"more than {self.limits.max_redirects} redirects")

    async def _read_capped(self, response: aiohttp.ClientResponse) -> bytes:
        """Read and decompress ourselves, in bounded steps, so a gzip bomb stops at the cap."""
        encoding = response.headers.get("content-encoding", "identity").lower().strip()
        if encoding in ("gzip", "x-gzip"):
            inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            inflater = zlib.decompressobj()
        elif encoding in ("identity", ""):
            inflater = None
        else:
            raise FetchError(f"unsupported content encoding {encoding[:30]}")
        cap = self.limits.max_bytes
        declared = response.headers.get("content-length")
        if inflater is None and declared and declared.isdigit() and int(declared) > cap:
            raise FetchError(f"body larger than {cap // (1024 * 1024)} MB")
        chunks: list[bytes] = []
        size = 0
        async for raw in response.content.iter_any():
            self.bytes_received += len(raw)
            if inflater is None:
                pieces = [raw]
            else:
                pieces = []
                data = raw
                while data:
                    piece = inflater.decompress(data, cap - size + 1)
                    pieces.append(piece)
                    size_after = size + sum(len(p) for p in pieces)
                    if size_after > cap:
                        break
                    data = inflater.unconsumed_tail
            for piece in pieces:
                size += len(piece)
                chunks.append(piece)
            if size > cap:
                raise FetchError(f"body larger than {cap // (1024 * 1024)} MB (after decompression)")
        return b"".join(chunks)


def _http_error(response: aiohttp.ClientResponse) -> str:
    message = f"HTTP {response.status} {one_line(response.reason or '', 80)}".strip()
    retry = response.headers.get("retry-after")
    if response.status in (429, 503) and retry:
        message += f" (retry after {retry[:40]})"
    return message


def _connect_reason(error: OSError | None) -> str:
    """"Connection refused", "Name or service not known": the system's words, not asyncio's wrapper."""
    if error is None:
        return "unknown error"
    if not isinstance(error, socket.gaierror) and error.errno and error.errno > 0:
        return os.strerror(error.errno)
    return error.strerror or _short(error)


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]
