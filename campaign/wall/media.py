"""The images the wall shows, fetched by the wall server itself and kept in a small cache.

The page's Content-Security-Policy allows images only from the wall's own origin, so an
item's picture is served as `/media/<item>`: the server looks up the item's stored
address and fetches it. Nothing in the request names a URL (no open proxy), and only
what is an image by its announced type AND its first bytes, below a size cap, comes back;
anything else (a page, a script, a huge file, a redirect to `file:`) is refused.

A post's address is chosen by whoever wrote the post, so the wall never fetches from the
network it stands in: a host that resolves to a private, loopback, link-local or reserved
address is refused (at every redirect), unless its origin is trusted (the accounts' own
servers, `wall.media_origins`). The request then goes to the very address that was checked,
with the host's name in the Host header and for TLS, so a second DNS answer cannot point it
elsewhere.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import time
from collections import OrderedDict
from collections.abc import Collection
from dataclasses import dataclass

import httpx

from content.media_file import HEAD_BYTES, image_type

IMAGE_TYPES = frozenset({"image/jpeg", "image/png", "image/webp", "image/gif"})
SCHEMES = frozenset({"http", "https"})
MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 3
TIMEOUT_SECONDS = 5.0
CACHE_IMAGES = 64
CACHE_BYTES = 64 * 1024 * 1024
REFUSAL_SECONDS = 60.0
"""How long a refused address is not asked again (every wall re-renders its images)."""


@dataclass(frozen=True)
class Image:
    """An image's bytes and the type its bytes announce."""

    data: bytes
    mime_type: str


class MediaRefused(Exception):
    """The address gave no acceptable image (why: in the message, for the log)."""


class ImageCache:
    """Fetched images by address, least recently used leaving first, bounded by count and
    total bytes; refusals are remembered for a minute."""

    def __init__(
        self,
        *,
        max_images: int = CACHE_IMAGES,
        max_bytes: int = CACHE_BYTES,
        refusal_seconds: float = REFUSAL_SECONDS,
    ) -> None:
        self.max_images = max_images
        self.max_bytes = max_bytes
        self.refusal_seconds = refusal_seconds
        self._images: OrderedDict[str, Image] = OrderedDict()
        self._refused: OrderedDict[str, float] = OrderedDict()

    @property
    def size(self) -> int:
        return sum(len(image.data) for image in self._images.values())

    def get(self, url: str) -> Image | None:
        image = self._images.get(url)
        if image is not None:
            self._images.move_to_end(url)
        return image

    def put(self, url: str, image: Image) -> None:
        self._images[url] = image
        self._images.move_to_end(url)
        while len(self._images) > self.max_images or (
            len(self._images) > 1 and self.size > self.max_bytes
        ):
            self._images.popitem(last=False)

    def refused_recently(self, url: str) -> bool:
        since = self._refused.get(url)
        if since is None:
            return False
        if time.monotonic() - since < self.refusal_seconds:
            return True
        del self._refused[url]
        return False

    def refuse(self, url: str) -> None:
        self._refused[url] = time.monotonic()
        self._refused.move_to_end(url)
        while len(self._refused) > self.max_images:
            self._refused.popitem(last=False)


def _checked_url(url: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as error:
        raise MediaRefused(f"not an address: {url!r}") from error
    if parsed.scheme not in SCHEMES or not parsed.host:
        raise MediaRefused(f"not an http(s) address: {url!r}")
    return parsed


DEFAULT_PORTS = {"http": 80, "https": 443}


def origin(url: httpx.URL) -> str:
    """ "scheme://host:port", the port always written, as trusted origins are compared."""
    return f"{url.scheme}://{url.host}:{url.port or DEFAULT_PORTS[url.scheme]}"


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


@dataclass(frozen=True)
class _Route:
    """Where one request goes: the checked address, and how it names the host."""

    url: httpx.URL
    headers: dict[str, str]
    extensions: dict[str, str]


async def _route(target: httpx.URL, trusted: Collection[str]) -> _Route:
    """The request for `target`: as it is for a trusted origin, else pinned to a public
    address its host resolves to; raises MediaRefused for a host in a private network."""
    if origin(target) in trusted:
        return _Route(target, {}, {})
    port = target.port or DEFAULT_PORTS[target.scheme]
    try:
        found = await asyncio.get_running_loop().getaddrinfo(
            target.host, port, type=socket.SOCK_STREAM
        )
    except OSError as error:
        raise MediaRefused(f"host not found: {target.host!r}") from error
    addresses = [str(info[4][0]) for info in found]
    if not addresses or not all(_public(address) for address in addresses):
        raise MediaRefused(f"not a public address: {target.host!r}")
    headers = {"host": target.netloc.decode("ascii")}
    return _Route(target.copy_with(host=addresses[0]), headers, {"sni_hostname": target.host})


async def _body(response: httpx.Response, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise MediaRefused(f"too large: {declared} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise MediaRefused(f"too large: more than {max_bytes} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


async def fetch_image(
    client: httpx.AsyncClient,
    url: str,
    *,
    max_bytes: int = MAX_IMAGE_BYTES,
    trusted: Collection[str] = (),
) -> Image:
    """The image at `url`, following at most a few redirects to public http(s) addresses
    (or `trusted` origins) only."""
    target = _checked_url(url)
    for _hop in range(MAX_REDIRECTS + 1):
        route = await _route(target, trusted)
        async with client.stream(
            "GET",
            route.url,
            headers=route.headers,
            extensions=route.extensions,
            follow_redirects=False,
        ) as response:
            if response.is_redirect:
                target = _checked_url(str(target.join(response.headers["location"])))
                continue
            if response.status_code != 200:
                raise MediaRefused(f"answered {response.status_code}")
            announced = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if announced not in IMAGE_TYPES:
                raise MediaRefused(f"not an image type: {announced!r}")
            data = await _body(response, max_bytes)
        sniffed = image_type(data[:HEAD_BYTES])
        if sniffed is None or sniffed not in IMAGE_TYPES:
            raise MediaRefused("its bytes are no image")
        return Image(data, sniffed)
    raise MediaRefused(f"more than {MAX_REDIRECTS} redirects")


def _origins(urls: Collection[str]) -> frozenset[str]:
    """The origins of those `urls` that are http(s) addresses (an X account's API address
    may be anything; it serves no pictures)."""
    found = set()
    for url in urls:
        try:
            found.add(origin(_checked_url(url)))
        except MediaRefused:
            continue
    return frozenset(found)


class MediaSource:
    """The wall's images: from the cache, else fetched once and cached."""

    def __init__(
        self,
        *,
        cache: ImageCache | None = None,
        timeout_seconds: float = TIMEOUT_SECONDS,
        trusted_origins: Collection[str] = (),
    ) -> None:
        self.cache = cache or ImageCache()
        self.timeout_seconds = timeout_seconds
        self.trusted = _origins(trusted_origins)

    async def image(self, url: str) -> Image:
        """The image at `url`; raises MediaRefused."""
        cached = self.cache.get(url)
        if cached is not None:
            return cached
        if self.cache.refused_recently(url):
            raise MediaRefused("refused a moment ago")
        try:
            async with httpx.AsyncClient(timeout=self.timeout_seconds, trust_env=False) as client:
                image = await fetch_image(client, url, trusted=self.trusted)
        except (MediaRefused, httpx.HTTPError) as error:
            self.cache.refuse(url)
            raise MediaRefused(str(error)) from error
        self.cache.put(url, image)
        return image
