"""Real servers on loopback for the watch tests: a site whose pages change between rounds, a webhook
receiver and an SMTP sink (aiosmtpd). Each runs in a thread and records what it received."""

from __future__ import annotations

import hashlib
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    delay: float = 0.0  # seconds before answering (a timeout test)
    etag: bool = True  # answer If-None-Match with 304
    retry_after: str | None = None  # a Retry-After header on error answers


@dataclass
class Site:
    """A web site whose routes the test edits between rounds; every request is logged."""

    routes: dict[str, Route] = field(default_factory=dict)
    log: list[tuple[str, dict[str, str], int]] = field(default_factory=list)
    request_times: list[float] = field(default_factory=list)
    base: str = ""

    def set(self, path: str, body: str | bytes, **kw) -> None:
        self.routes[path] = Route(body.encode("utf-8") if isinstance(body, str) else body, **kw)

    def hits(self, path: str) -> list[tuple[dict[str, str], int]]:
        return [(h, s) for p, h, s in self.log if p == path]


def serve_site(site: Site):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            site.request_times.append(time.monotonic())
            route = site.routes.get(self.path)
            headers = {k: v for k, v in self.headers.items()}
            if route is None:
                status, body, extra = 404, b"not found", {}
            else:
                if route.delay:
                    time.sleep(route.delay)
                tag = '"' + hashlib.sha1(route.body).hexdigest() + '"'
                extra = {"ETag": tag} if route.etag and route.status == 200 else {}
                if route.retry_after and route.status >= 400:
                    extra["Retry-After"] = route.retry_after
                if route.etag and route.status == 200 and self.headers.get("If-None-Match") == tag:
                    status, body = 304, b""
                else:
                    status, body = route.status, route.body
            site.log.append((self.path, headers, status))
            try:
                self.send_response(status)
                for k, v in extra.items():
                    self.send_header(k, v)
                if status != 304:
                    self.send_header("Content-Type", route.content_type if route else "text/plain")
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if status != 304:
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout test)

    port = free_port()
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    site.base = f"http://127.0.0.1:{port}"
    return server


@dataclass
class Receiver:
    """A webhook receiver: records each POST; ``fail_next`` answers that many requests with 500."""

    received: list[tuple[dict[str, str], bytes, float]] = field(default_factory=list)
    fail_next: int = 0
    url: str = ""

    def payloads(self, kind: str = "alert") -> list[dict]:
        out = []
        for headers, body, _ in self.received:
            if headers.get("X-Rasd-Event") == kind:
                out.append(json.loads(body))
        return out


def serve_receiver(rec: Receiver):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:
            pass

        def do_POST(self) -> None:
            n = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(n)
            if rec.fail_next > 0:
                rec.fail_next -= 1
                status = 500
            else:
                status = 200
                rec.received.append(({k: v for k, v in self.headers.items()}, body, time.time()))
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

    port = free_port()
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    rec.url = f"http://127.0.0.1:{port}/hook"
    return server


class MailSink:
    """An SMTP server (aiosmtpd) on loopback that keeps every message it is given."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.messages: list[EmailMessage] = []
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                sink.messages.append(message_from_bytes(envelope.content, policy=policy.default))
                return "250 OK"

        self.port = free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> MailSink:
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()
