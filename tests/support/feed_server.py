"""A real HTTP server on loopback for tests and benchmarks: feeds and pages with ETag/Last-Modified,
304s, latency, slow and broken responses. Only ever binds 127.0.0.x."""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "application/rss+xml; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    validators: bool = True  # send ETag and Last-Modified, answer conditional requests with 304
    gzip: bool = False
    delay: float = 0.0
    handler: Callable[[Handler], None] | None = None  # full control for hostile cases


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 1024

    def handle_error(self, request, client_address) -> None:
        """Clients that hang up early (timeouts, size caps) are expected here: stay quiet."""


class FeedServer:
    def __init__(self, hosts: int = 1, latency: float = 0.0) -> None:
        self.routes: dict[str, Route] = {}
        self.latency = latency
        self.lock = threading.Lock()
        self.requests: Counter[str] = Counter()
        self.not_modified = 0
        self.body_bytes = 0
        self.active: Counter[str] = Counter()
        self.max_active: Counter[str] = Counter()
        self.max_active_total = 0
        self.user_agents: set[str] = set()
        self._servers: list[_Server] = []
        self._threads: list[threading.Thread] = []
        self.hosts: list[str] = []
        self.port = 0
        self._start(hosts)

    def _start(self, hosts: int) -> None:
        handler = type("BoundHandler", (Handler,), {"feed_server": self})
        first = _Server(("127.0.0.1", 0), handler)
        self.port = first.server_address[1]
        self._servers.append(first)
        self.hosts.append("127.0.0.1")
        for n in range(2, hosts + 1):
            host = f"127.0.0.{n}"
            self._servers.append(_Server((host, self.port), handler))
            self.hosts.append(host)
        for server in self._servers:
            thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
            thread.start()
            self._threads.append(thread)

    def url(self, path: str, host: int = 0) -> str:
        return f"http://{self.hosts[host % len(self.hosts)]}:{self.port}{path}"

    def add(self, path: str, body: bytes | str = b"", **kwargs) -> str:
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.routes[path] = Route(body=body, **kwargs)
        return path

    def reset_counts(self) -> None:
        with self.lock:
            self.requests.clear()
            self.not_modified = 0
            self.body_bytes = 0
            self.max_active.clear()
            self.max_active_total = 0

    def close(self) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()

    def __enter__(self) -> FeedServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Handler(BaseHTTPRequestHandler):
    feed_server: FeedServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        server = self.feed_server
        host = self.server.server_address[0]
        path = self.path.split("?")[0]
        with server.lock:
            server.requests[path] += 1
            server.active[host] += 1
            server.max_active[host] = max(server.max_active[host], server.active[host])
            server.max_active_total = max(server.max_active_total, sum(server.active.values()))
            server.user_agents.add(self.headers.get("User-Agent", ""))
        self._active_host: str | None = host
        try:
            self._serve(server, path)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            self._leave()

    def _leave(self) -> None:
        """The request stops counting as active before its last bytes go out: a client may see the
        whole body and start its next request before this thread gets to run again, and that is not
        a breach of its concurrency bound."""
        if self._active_host is not None:
            with self.feed_server.lock:
                self.feed_server.active[self._active_host] -= 1
            self._active_host = None

    def _serve(self, server: FeedServer, path: str) -> None:
        route = server.routes.get(path)
        if server.latency:
            time.sleep(server.latency)
        if route is None:
            self._send(404, b"not found", "text/plain")
            return
        if route.delay:
            time.sleep(route.delay)
        if route.handler is not None:
            route.handler(self)
            return
        etag = '"' + hashlib.sha1(route.body).hexdigest()[:16] + '"'
        last_modified = formatdate(1_700_000_000, usegmt=True)
        if route.validators and route.status == 200:
            if self.headers.get("If-None-Match") == etag or (
                    not self.headers.get("If-None-Match") and self.headers.get("If-Modified-Since") == last_modified):
                with server.lock:
                    server.not_modified += 1
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self._leave()
                self.end_headers()
                return
        body = route.body
        headers = dict(route.headers)
        if route.gzip:
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        if route.validators:
            headers["ETag"] = etag
            headers["Last-Modified"] = last_modified
        self._send(route.status, body, route.content_type, headers)

    def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self._leave()
        self.end_headers()
        self.wfile.write(body)
        with self.feed_server.lock:
            self.feed_server.body_bytes += len(body)
