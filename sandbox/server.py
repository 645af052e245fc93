"""The small HTTP core every sandbox server shares: routing, parsing, faults, lifecycle.

Each platform server subclasses `SandboxServer`, marks handler methods with `@route`, and
says how its platform answers a rate limit, a missing token and an error. The core binds
127.0.0.1 on an ephemeral port, runs requests on threads, serialises state changes with
one lock, and plays the faults its `FaultInjector` picks. The standard library's HTTP
server is enough here: the sandbox serves a few clients on loopback, and the point is to
be faithful to the platforms' shapes, not fast.
"""

from __future__ import annotations

import base64
import json
import shlex
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import Message
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar
from urllib.parse import parse_qs, quote, urlsplit

import regex as re

from sandbox.faults import Fault, FaultInjector

Clock = Callable[[], datetime]


def search_terms(query: str) -> list[str]:
    """The words and "quoted phrases" of a search query, lower-cased (an unclosed quote
    is read as a word break, as the platforms' search boxes forgive it)."""
    try:
        parts = shlex.split(query)
    except ValueError:
        parts = query.replace('"', " ").split()
    return [part.lower() for part in parts if part]


def utc_now() -> datetime:
    """The default clock."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class UploadedFile:
    """One part of a multipart/form-data body."""

    filename: str | None
    content_type: str
    data: bytes


@dataclass
class SandboxRequest:
    """An incoming request, parsed just enough for the platform handlers."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: Message
    body: bytes
    path_params: dict[str, str] = field(default_factory=dict)
    raw_query: str = ""
    """The query string as sent (a signature covers it byte for byte)."""

    def json(self) -> Any:
        """The JSON body (an empty object when there is none)."""
        return json.loads(self.body) if self.body else {}

    def param(self, name: str, default: str | None = None) -> str | None:
        """A query-string value, or a form value for url-encoded bodies."""
        values = self.query.get(name) or self.form().get(name)
        return values[0] if values else default

    def params(self, name: str) -> list[str]:
        """Every value of a repeated parameter (`ids[]=1&ids[]=2` or `ids=1,2`)."""
        values = self.query.get(name, []) + self.query.get(f"{name}[]", [])
        values += self.form().get(name, []) + self.form().get(f"{name}[]", [])
        return [part for value in values for part in value.split(",") if part]

    def form(self) -> dict[str, list[str]]:
        """Fields of an application/x-www-form-urlencoded body."""
        if self.headers.get_content_type() != "application/x-www-form-urlencoded":
            return {}
        return parse_qs(self.body.decode("utf-8"), keep_blank_values=True)

    def multipart(self) -> tuple[dict[str, str], dict[str, UploadedFile]]:
        """Fields and files of a multipart/form-data body."""
        if self.headers.get_content_type() != "multipart/form-data":
            return {}, {}
        head = f"Content-Type: {self.headers['Content-Type']}\r\n\r\n".encode()
        message = BytesParser(policy=HTTP).parsebytes(head + self.body)
        fields: dict[str, str] = {}
        files: dict[str, UploadedFile] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True) or b""
            filename = part.get_filename()
            if filename is None and part.get_content_type() == "text/plain":
                fields[str(name)] = payload.decode("utf-8")
            else:
                files[str(name)] = UploadedFile(filename, part.get_content_type(), payload)
        return fields, files

    @property
    def url(self) -> str:
        """The absolute URL the client called, from its Host header."""
        query = f"?{self.raw_query}" if self.raw_query else ""
        return f"http://{self.headers.get('Host', '127.0.0.1')}{self.path}{query}"

    @property
    def bearer_token(self) -> str | None:
        """The token of an `Authorization: Bearer …` header."""
        header = self.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        return token.strip() or None if scheme.lower() == "bearer" else None


@dataclass
class SandboxResponse:
    """What a handler answers."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def json(
        cls, data: Any, status: int = 200, headers: dict[str, str] | None = None
    ) -> SandboxResponse:
        """A JSON answer with the right content type."""
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        merged = {"Content-Type": "application/json; charset=utf-8", **(headers or {})}
        return cls(status, body, merged)


Handler = Callable[[SandboxRequest], SandboxResponse]


def route(method: str, pattern: str) -> Callable[[Handler], Handler]:
    """Mark a server method as the handler of `method` on paths matching `pattern`.

    `pattern` is a regular expression matched against the whole path; named groups
    become `request.path_params`.
    """

    def mark(handler: Handler) -> Handler:
        routes = getattr(handler, "_sandbox_routes", [])
        handler._sandbox_routes = [*routes, (method, pattern)]  # type: ignore[attr-defined]
        return handler

    return mark


class _Dropped(Exception):
    """The fault says: close the connection without an answer."""


ECHOED_FIELDS = ("error", "message", "detail", "title", "error_description")
"""The fields of the platforms' error bodies that clients show as the reason."""


def _echoing(response: SandboxResponse, secret: str | None) -> SandboxResponse:
    """`response` with `secret` quoted in each message field, in three encodings."""
    if not secret:
        return response
    body = json.loads(response.body)
    encoded = base64.b64encode(f"Bearer {secret}".encode()).decode()
    echo = f" (token {secret!r}, sent as {quote(secret, safe='')}, header {encoded})"
    for name in ECHOED_FIELDS:
        if isinstance(body.get(name), str):
            body[name] += echo
    return SandboxResponse.json(body, response.status, response.headers)


class SandboxServer:
    """Base of the platform servers: subclass, add `@route` handlers, override the hooks."""

    platform: ClassVar[str] = "sandbox"

    def __init__(self, *, faults: FaultInjector | None = None, clock: Clock = utc_now) -> None:
        self.faults = faults or FaultInjector()
        self.clock = clock
        self.lock = threading.RLock()
        self.request_log: list[tuple[str, str, int]] = []
        self.max_in_flight = 0
        """The most requests this server was answering at one moment (tests of callers
        that must not overlap read it)."""
        self._in_flight = 0
        self._flight_lock = threading.Lock()
        self._routes = self._collect_routes()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.public_started = clock()
        """When the audience's own posts began (its public post 0 appears then)."""
        self.public_done = 0
        """How many of them the server has turned into posts of its own."""

    def restart_public(self) -> None:
        """The audience's own posts begin again from now (a test attaches an audience late)."""
        with self.lock:
            self.public_started = self.clock()
            self.public_done = 0

    # hooks a platform overrides -------------------------------------------------------
    def is_authenticated(self, request: SandboxRequest) -> bool:
        """Whether the request carries credentials (then revocation applies to it)."""
        return request.bearer_token is not None

    def rate_limited(self, fault: Fault, now: datetime) -> SandboxResponse:
        """The platform's 429, with its own reset headers."""
        return self.error(429, "Too many requests")

    def unauthorized(self) -> SandboxResponse:
        """The platform's 401."""
        return self.error(401, "The access token is invalid")

    def presented_credentials(self, request: SandboxRequest) -> str | None:
        """The secret a request carries, for a 401 that echoes it (`echo_credentials`)."""
        return request.bearer_token

    def payment_required(self) -> SandboxResponse:
        """The platform's 402 (only X has one)."""
        return self.error(402, "Payment required")

    def name_account(self, token: str, handle: str) -> None:
        """Let `token` log in as `handle`, where the platform knows an account by its token
        alone (Mastodon); elsewhere the handle is fixed or the login names it."""

    def error(self, status: int, message: str) -> SandboxResponse:
        """The platform's error body."""
        return SandboxResponse.json({"error": message}, status)

    # lifecycle --------------------------------------------------------------------------
    @property
    def url(self) -> str:
        """Base URL, e.g. http://127.0.0.1:43121 (only once started)."""
        if self._httpd is None:
            raise RuntimeError(f"{self.platform} sandbox is not running")
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self, port: int = 0) -> SandboxServer:
        """Listen on 127.0.0.1 (loopback only) and serve on a background thread."""
        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), self._handler_class())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"sandbox-{self.platform}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # dispatch ---------------------------------------------------------------------------
    def _collect_routes(self) -> list[tuple[str, re.Pattern[str], Handler]]:
        routes = []
        for name in dir(type(self)):
            function = getattr(type(self), name)
            for method, pattern in getattr(function, "_sandbox_routes", []):
                routes.append((method, re.compile(pattern), getattr(self, name)))
        return routes

    def dispatch(self, request: SandboxRequest) -> SandboxResponse:
        """Play the fault chosen for this request, or route it to its handler."""
        fault = self.faults.decide(
            request.method, request.path, authenticated=self.is_authenticated(request)
        )
        if fault is not None and fault.kind in ("slow", "timeout"):
            time.sleep(fault.delay_s)
            if fault.kind == "timeout":
                raise _Dropped
        response = self._fault_response(fault)
        if response is not None:
            if response.status == 401 and self.faults.plan.echo_credentials:
                return _echoing(response, self.presented_credentials(request))
            return response
        response = self._route(request)
        if fault is not None and fault.kind == "accept_then_crash":
            # The state change is kept, only the answer is lost: the case that makes
            # exactly-once delivery hard.
            raise _Dropped
        return response

    def _fault_response(self, fault: Fault | None) -> SandboxResponse | None:
        if fault is None:
            return None
        if fault.kind == "rate_limit":
            return self.rate_limited(fault, self.clock())
        if fault.kind == "server_error":
            return self.error(fault.status, "The server is temporarily unavailable")
        if fault.kind == "unauthorized":
            return self.unauthorized()
        if fault.kind == "payment_required":
            return self.payment_required()
        if fault.kind == "drop":
            raise _Dropped
        return None

    def _route(self, request: SandboxRequest) -> SandboxResponse:
        path_known = False
        for method, pattern, handler in self._routes:
            match = pattern.fullmatch(request.path)
            if match is None:
                continue
            path_known = True
            if method == request.method:
                request.path_params = {k: v for k, v in match.groupdict().items() if v}
                with self.lock:
                    return handler(request)
        if path_known:
            return self.error(405, f"{request.method} is not allowed on {request.path}")
        return self.error(404, f"Not found: {request.path}")

    @contextmanager
    def _counted(self) -> Iterator[None]:
        with self._flight_lock:
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)
        try:
            yield
        finally:
            with self._flight_lock:
                self._in_flight -= 1

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # small JSON answers must not wait 40 ms for an ACK

            def _serve(self) -> None:
                split = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                request = SandboxRequest(
                    method=self.command,
                    path=split.path,
                    query=parse_qs(split.query, keep_blank_values=True),
                    headers=self.headers,
                    body=body,
                    raw_query=split.query,
                )
                try:
                    with server._counted():
                        response = server.dispatch(request)
                except _Dropped:
                    server.request_log.append((self.command, split.path, 0))
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                server.request_log.append((self.command, split.path, response.status))
                self.send_response(response.status)
                for name, value in response.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(response.body)))
                self.end_headers()
                self.wfile.write(response.body)

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _serve

            def log_message(self, format: str, *args: Any) -> None:
                """Silence the default stderr access log; `request_log` keeps the record."""

        return Handler
