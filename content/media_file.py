"""Which files may go out as images: decided by what the file is and where it lies.

A name says nothing (`../../etc/passwd` can be called `plakat.png`), so a file is an image
only when its first bytes are those of JPEG, PNG, GIF or WebP, it is no larger than the
platforms allow, and, with symlinks and `..` resolved, it lies under the plan's folder or
a configured media folder. Anything else would be uploaded to a platform for the world.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from content.platforms import DISPLAY_NAMES, Platform
from words.coded import CodedError

SIGNATURES: tuple[tuple[bytes, int, str], ...] = (
    (b"\xff\xd8\xff", 0, "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", 0, "image/png"),
    (b"GIF87a", 0, "image/gif"),
    (b"GIF89a", 0, "image/gif"),
    (b"WEBP", 8, "image/webp"),  # after "RIFF" and the chunk size
)
HEAD_BYTES = 12

MAX_BYTES: dict[Platform, int] = {
    Platform.X: 5 * 1024 * 1024,
    Platform.MASTODON: 16 * 1024 * 1024,
    Platform.BLUESKY: 1_000_000,
}
"""Image upload limits: X 5 MB (GIF 15 MB), Mastodon 16 MB, Bluesky's blob 1,000,000 bytes."""
X_GIF_BYTES = 15 * 1024 * 1024


@dataclass(frozen=True)
class ImageFile:
    """A file that is an image: where it really is, what it is and how large."""

    path: Path
    mime_type: str
    size: int


class MediaRefused(CodedError):
    """A file that must not be attached, with the path and the reason."""


def image_type(head: bytes) -> str | None:
    """The image type the first bytes of a file announce, None for anything else."""
    for signature, offset, mime_type in SIGNATURES:
        if head[offset : offset + len(signature)] == signature:
            if mime_type == "image/webp" and not head.startswith(b"RIFF"):
                continue
            return mime_type
    return None


def max_bytes(platform: Platform, mime_type: str) -> int:
    """The largest image of this type `platform` takes."""
    if platform is Platform.X and mime_type == "image/gif":
        return X_GIF_BYTES
    return MAX_BYTES[platform]


def open_image(path_text: str, base_dir: Path, folders: Sequence[Path] = ()) -> ImageFile:
    """The image at `path_text` (relative to `base_dir`); raises MediaRefused saying why.

    `base_dir` (the plan's folder) and `folders` (configured media folders) are the only
    places an image may come from, after resolving symlinks and `..`.
    """
    resolved = (base_dir / path_text).resolve()
    allowed = [folder.resolve() for folder in (base_dir, *folders)]
    if not any(resolved.is_relative_to(folder) for folder in allowed):
        places = ", ".join(str(folder) for folder in allowed)
        raise MediaRefused("content.media.outside", path=str(resolved), places=places)
    return read_image(resolved)


def read_image(resolved: Path) -> ImageFile:
    """The image at the resolved path `resolved`, wherever it lies; raises MediaRefused."""
    if not resolved.is_file():
        raise MediaRefused("content.media.missing", path=str(resolved))
    try:
        with resolved.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
        size = resolved.stat().st_size
    except OSError as error:
        raise MediaRefused(
            "content.media.unreadable", path=str(resolved), reason=error.strerror
        ) from None
    mime_type = image_type(head)
    if mime_type is None:
        raise MediaRefused("content.media.not_image", path=str(resolved))
    return ImageFile(resolved, mime_type, size)


def too_large(image: ImageFile, platform: Platform) -> MediaRefused | None:
    """Why `platform` would refuse the image for its size; None when it fits."""
    limit = max_bytes(platform, image.mime_type)
    if image.size <= limit:
        return None
    name, over = DISPLAY_NAMES[platform], image.size - limit
    return MediaRefused(
        "content.media.too_large",
        path=str(image.path),
        size=image.size,
        name=name,
        limit=limit,
        over=over,
    )
