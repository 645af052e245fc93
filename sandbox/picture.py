"""The picture the sandbox's audience posts: a real PNG drawn in a few lines (a sky, the
square, the orange container of the event week), so the demo's wall shows a photo from
the platform's own file server instead of a broken image."""

from __future__ import annotations

import struct
import zlib
from functools import cache

WIDTH, HEIGHT = 480, 320
SKY_TOP, SKY_BOTTOM = (120, 170, 220), (200, 225, 245)
GROUND = (150, 150, 145)
CONTAINER = (235, 120, 30)
WINDOW = (60, 70, 80)


def _pixel(x: int, y: int) -> tuple[int, int, int]:
    horizon = HEIGHT * 2 // 3
    if 140 <= x < 340 and 120 <= y < horizon + 20:
        if 170 <= x < 230 and 150 <= y < 200:
            return WINDOW
        return CONTAINER
    if y >= horizon:
        return GROUND
    share = y / horizon
    top, bottom = SKY_TOP, SKY_BOTTOM
    return tuple(round(a + (b - a) * share) for a, b in zip(top, bottom, strict=True))  # type: ignore[return-value]


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


@cache
def container_photo() -> bytes:
    """The PNG's bytes (drawn once)."""
    rows = b"".join(
        b"\x00" + b"".join(bytes(_pixel(x, y)) for x in range(WIDTH)) for y in range(HEIGHT)
    )
    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(rows, 9))
        + _chunk(b"IEND", b"")
    )
