"""A tiny HTTP server on 127.0.0.1 that hosts the pictures posts point at, good and bad."""

from __future__ import annotations

import struct
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def png(width: int = 4, height: int = 3) -> bytes:
    """A real, small, grey PNG (so a browser can show it)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


PICTURE = png()
TOO_LARGE = PICTURE + b"\x00" * (5 * 1024 * 1024)
ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/bild.png": (200, {"Content-Type": "image/png"}, PICTURE),
    "/weiter": (302, {"Location": "/bild.png"}, b""),
    "/datei": (302, {"Location": "file:///etc/passwd"}, b""),
    "/seite.html": (200, {"Content-Type": "text/html"}, b"<script>alert(1)</script>"),
    "/getarnt.png": (200, {"Content-Type": "image/png"}, b"<svg onload=alert(1)></svg>"),
    "/riesig.png": (200, {"Content-Type": "image/png"}, TOO_LARGE),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.server.asked.append(self.path)  # type: ignore[attr-defined]
        status, headers, body = ROUTES.get(self.path, (404, {}, b""))
        if self.path == "/nach-innen":  # the same server under a name nobody trusted
            port = self.server.server_address[1]
            status, headers = 302, {"Location": f"http://localhost:{port}/bild.png"}
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        """Quiet: the tests read `asked` instead."""


@contextmanager
def image_server() -> Iterator[ThreadingHTTPServer]:
    """The server on a free loopback port; `.url(path)` names one of its ROUTES."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.asked = []  # type: ignore[attr-defined]
    host, port = server.server_address[:2]
    server.url = lambda path: f"http://{host}:{port}{path}"  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=30)
