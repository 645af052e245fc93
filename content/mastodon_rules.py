"""The entities a Mastodon server finds when it counts a status, and how it counts them.

Mastodon's StatusLengthValidator does not count characters of the raw text. It extracts
links and mentions exactly as its formatter would link them, and then:

* every link counts 23 characters, whatever its length;
* a mention `@user@domain` counts as `@user`;
* the content warning (`spoiler_text`) counts in full, before the text;
* a text of white space only counts 0;
* what remains is counted in grapheme clusters.

Counting fewer characters than the server means a post the server refuses at send time, so
the patterns below follow the server's (its twitter-text configuration, its account and
extractor rules) rather than a simpler idea of what a link or a mention is:

* links need one of the schemes Mastodon links (http, https, dat, dweb, ipfs, ipns, ssb,
  gopher, gemini) and a domain with a known top-level domain; a bare `dortmund.de` counts in
  full. Paths may hold any non-space character except `< > ( ) ?`, but end before
  punctuation such as `.`, `,`, `=`, `!` or `@`; queries may hold non-ASCII letters. An
  internationalised domain must pass IDNA 2003.
* a mention may not follow a letter, digit, `_`, `=` or `/`; it is dropped when followed by
  `@`, a Latin accented letter or `://`, and when its domain is longer than 253 characters.
* where a link and a mention overlap, the one that starts first wins.
"""

from __future__ import annotations

import stringprep
from dataclasses import dataclass

import regex

from content.twitter_rules import CCTLD_ALTERNATIVES, GTLD_ALTERNATIVES

CHARACTERS_PER_URL = 23
MAX_DOMAIN_LENGTH = 253
_MAX_URL_LENGTH = 4096
_MAX_TCO_SLUG_LENGTH = 40

# twitter-text's character sets, which Mastodon's URL pattern builds on.
_UNICODE_SPACES = r"\x09-\x0d\x20\x85\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_DIRECTIONAL = r"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_INVALID = r"\ufffe\ufeff\uffff"
_PUNCTUATION = r"""!"#$%&'()*+,\-./:;<=>?@\[\]^_`{|}~"""
_CONTROL = r"\x00-\x1f\x7f"
_LATIN_ACCENTS = (
    r"\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259\u025b\u0263"
    r"\u0268\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff"
)
# Mastodon's addition: the code points RFC 3987 allows in an IRI's query.
_IRI_CHARS = (
    r"\xa0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef\U00010000-\U0001fffd\U00020000-\U0002fffd"
    r"\U00030000-\U0003fffd\U00040000-\U0004fffd\U00050000-\U0005fffd\U00060000-\U0006fffd"
    r"\U00070000-\U0007fffd\U00080000-\U0008fffd\U00090000-\U0009fffd\U000a0000-\U000afffd"
    r"\U000b0000-\U000bfffd\U000c0000-\U000cfffd\U000d0000-\U000dfffd\U000e1000-\U000efffd"
    r"\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"
)

_DOMAIN_CHAR = f"[^{_DIRECTIONAL}{_PUNCTUATION}{_CONTROL}{_INVALID}{_UNICODE_SPACES}]"
_SUBDOMAIN = f"(?:(?:{_DOMAIN_CHAR}(?:[_-]|{_DOMAIN_CHAR})*)?{_DOMAIN_CHAR}\\.)"
_DOMAIN_NAME = f"(?:(?:{_DOMAIN_CHAR}(?:-|{_DOMAIN_CHAR})*)?{_DOMAIN_CHAR}\\.)"
_TLD_END = "(?=[^0-9a-z@+-]|$)"
_TLD = (
    f"(?:(?:{GTLD_ALTERNATIVES}){_TLD_END}|(?:{CCTLD_ALTERNATIVES}){_TLD_END}"
    "|(?:xn--[0-9a-z]+))"
)
_DOMAIN = f"(?:{_SUBDOMAIN}*{_DOMAIN_NAME}{_TLD})"
_PRECEDING = f"(?:[^a-z0-9@＠$#＃{_INVALID}]|[{_DIRECTIONAL}]|^)"

# twitter-text's own path characters survive in one place: a path may still end in
# parentheses balanced over them.
_TWITTER_PATH_CHAR = (
    f"[a-z\\p{{Cyrillic}}0-9!*';:=+,.$/%#\\[\\]\\p{{Pd}}_~&|@{_LATIN_ACCENTS}]"
)
_TWITTER_BALANCED = (
    f"\\((?:{_TWITTER_PATH_CHAR}+|(?:{_TWITTER_PATH_CHAR}*\\({_TWITTER_PATH_CHAR}+\\)"
    f"{_TWITTER_PATH_CHAR}*))\\)"
)
_PATH_CHAR = r"[^\p{White_Space}<>()?]"
_BALANCED = f"\\((?:{_PATH_CHAR}+|(?:{_PATH_CHAR}*\\({_PATH_CHAR}+\\){_PATH_CHAR}*))\\)"
_PATH_END = f"(?:[^\\p{{White_Space}}()?!*\"'「」<>;:=,.$%\\[\\]~&|@]|(?:{_TWITTER_BALANCED}))"
_PATH = f"(?:(?:{_PATH_CHAR}*(?:{_BALANCED}{_PATH_CHAR}*)*{_PATH_END})|(?:{_PATH_CHAR}+/))"
_QUERY_CHAR = f"[a-z0-9!?*'();:&=+$/%#\\[\\]\\-_.,~|@^{_IRI_CHARS}]"
_QUERY_END = f"[a-z0-9_&=#/\\-{_IRI_CHARS}]"
_SCHEMES = "(?:https?|dat|dweb|ipfs|ipns|ssb|gopher|gemini)://"

_URL = regex.compile(
    f"(?P<before>{_PRECEDING})"
    f"(?P<url>(?P<scheme>{_SCHEMES})?(?P<domain>{_DOMAIN})(?::[0-9]+)?"
    f"(?:/{_PATH}*)?(?:\\?{_QUERY_CHAR}*{_QUERY_END})?)",
    regex.IGNORECASE | regex.MULTILINE,
)
_TCO_URL = regex.compile(r"^https?://t\.co/([a-z0-9]+)", regex.IGNORECASE)

# Ruby's [[:word:]]: letters, marks, decimal digits, connector punctuation.
_WORD_CHARS = r"\p{L}\p{M}\p{Nd}\p{Pc}"
_WORD = f"[{_WORD_CHARS}]"
_MENTION = regex.compile(
    f"(?<![=/{_WORD_CHARS}])@(?P<screen_name>(?i:[a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)"
    f"(?:@{_WORD}+(?:[.-]+{_WORD}+)*)?)"
)
_MENTION_MUST_NOT_PRECEDE = regex.compile(f"(?:[@＠]|[{_LATIN_ACCENTS}]|://)", regex.IGNORECASE)
_BLANK = regex.compile(r"\p{White_Space}*")
_GRAPHEME = regex.compile(r"\X")


@dataclass(frozen=True)
class Entity:
    """A link or mention at code points [start, end) and what it counts as."""

    start: int
    end: int
    counted_as: str


def _idna_ascii_length(domain: str) -> int | None:
    """The domain's length in ASCII (punycode), or None when IDNA 2003 refuses it."""
    try:
        return len(domain.encode("idna"))
    except UnicodeError:
        return None


def _placeholder(url: str, domain: str) -> str:
    """What the link counts as: 23 characters, or the link itself where that may be more.

    IDNA 2003 libraries disagree on code points Unicode 3.2 had not assigned (newer emoji):
    some refuse such a domain, so the server counts the link in full. Counting whichever
    is longer never counts fewer than the server.
    """
    placeholder = "x" * CHARACTERS_PER_URL
    if any(stringprep.in_table_a1(char) for char in domain):
        return max(url, placeholder, key=lambda text: len(_GRAPHEME.findall(text)))
    return placeholder


def _link(match: regex.Match[str]) -> Entity | None:
    """The link a URL match stands for, or None where Mastodon would not link it."""
    if match.group("scheme") is None:
        return None
    url = match.group("url")
    start = match.start("url")
    tco = _TCO_URL.match(url)
    if tco is not None:
        if len(tco.group(1)) > _MAX_TCO_SLUG_LENGTH:
            return None
        url = tco.group(0)
    domain = match.group("domain")
    ascii_length = _idna_ascii_length(domain)
    if ascii_length is None:
        return None
    if len(url) + max(0, ascii_length - len(domain)) > _MAX_URL_LENGTH:
        return None
    return Entity(start, start + len(url), _placeholder(url, domain))


def links(text: str) -> list[Entity]:
    """Every link Mastodon's validator shortens, in order."""
    if ":" not in text:
        return []
    return [entity for match in _URL.finditer(text) if (entity := _link(match)) is not None]


def mentions(text: str) -> list[Entity]:
    """Every mention Mastodon's validator shortens to its local part, in order."""
    found: list[Entity] = []
    for match in _MENTION.finditer(text):
        if _MENTION_MUST_NOT_PRECEDE.match(text, match.end()):
            continue
        username, _, domain = match.group("screen_name").partition("@")
        if len(domain) > MAX_DOMAIN_LENGTH:
            continue
        found.append(Entity(match.start(), match.end(), f"@{username}"))
    return found


def _without_overlaps(entities: list[Entity]) -> list[Entity]:
    """By start; an entity that starts inside the one kept before it is dropped."""
    kept: list[Entity] = []
    for entity in sorted(entities, key=lambda item: item.start):
        if kept and kept[-1].end > entity.start:
            continue
        kept.append(entity)
    return kept


def countable_text(text: str) -> str:
    """The text as the validator counts it: links and mentions replaced, blank text empty."""
    if _BLANK.fullmatch(text):
        return ""
    pieces: list[str] = []
    cursor = 0
    for entity in _without_overlaps(links(text) + mentions(text)):
        pieces.append(text[cursor : entity.start])
        pieces.append(entity.counted_as)
        cursor = entity.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def status_length(text: str, spoiler_text: str = "") -> int:
    """The length Mastodon compares with the instance's `max_characters`."""
    return len(_GRAPHEME.findall(spoiler_text + countable_text(text)))
