"""Bluesky facets and lengths on the cases of the official rich-text tests.

The cases are those of bluesky-social/atproto `packages/api/tests/rich-text-detection.test.ts`
(the official TypeScript detection) and `rich-text.test.ts` (byte and grapheme length),
written here as data: the text, and what the official `detectFacets` marks in it. A
mention's value is the handle (the official test resolves it to `did:fake:<handle>`; the
connector resolves it when posting).
"""

import pytest

from content.check import check_text
from content.facets import Facet, bluesky_facets
from content.length import text_length, utf8_length
from content.platforms import Platform


def _marked(text: str) -> list[tuple[str, str]]:
    encoded = text.encode("utf-8")

    def piece(facet: Facet) -> str:
        return encoded[facet.byte_start : facet.byte_end].decode("utf-8")

    return [(piece(facet), facet.value) for facet in bluesky_facets(text)]


H = "handle.com"
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f467"
WP = "https://socket3.wordpress.com/2018/02/03/designing-windows-95s-user-interface/"

# (text, [(marked text, value)]) – links and mentions
ENTITY_CASES = [
    ("no mention", []),
    ("@handle.com middle end", [("@handle.com", H)]),
    ("start @handle.com end", [("@handle.com", H)]),
    ("start middle @handle.com", [("@handle.com", H)]),
    ("@handle.com @handle.com @handle.com", [("@handle.com", H)] * 3),
    ("@full123-chars.test", [("@full123-chars.test", "full123-chars.test")]),
    ("not@right", []),
    ("@handle.com!@#$chars", [("@handle.com", H)]),
    ("@handle.com\n@handle.com", [("@handle.com", H)] * 2),
    ("parenthetical (@handle.com)", [("@handle.com", H)]),
    (f"{FAMILY} @handle.com {FAMILY}", [("@handle.com", H)]),
    ("start https://middle.com end", [("https://middle.com", "https://middle.com")]),
    (
        "start https://middle.com/foo/bar end",
        [("https://middle.com/foo/bar", "https://middle.com/foo/bar")],
    ),
    (
        "start https://middle.com/foo/bar?baz=bux end",
        [("https://middle.com/foo/bar?baz=bux", "https://middle.com/foo/bar?baz=bux")],
    ),
    (
        "start https://middle.com/foo/bar?baz=bux#hash end",
        [("https://middle.com/foo/bar?baz=bux#hash",) * 2],
    ),
    (
        "https://start.com/foo/bar?baz=bux#hash middle end",
        [("https://start.com/foo/bar?baz=bux#hash",) * 2],
    ),
    (
        "start middle https://end.com/foo/bar?baz=bux#hash",
        [("https://end.com/foo/bar?baz=bux#hash",) * 2],
    ),
    (
        "https://newline1.com\nhttps://newline2.com",
        [("https://newline1.com",) * 2, ("https://newline2.com",) * 2],
    ),
    (f"{FAMILY} https://middle.com {FAMILY}", [("https://middle.com",) * 2]),
    ("start middle.com end", [("middle.com", "https://middle.com")]),
    ("start middle.com/foo/bar end", [("middle.com/foo/bar", "https://middle.com/foo/bar")]),
    (
        "start middle.com/foo/bar?baz=bux end",
        [("middle.com/foo/bar?baz=bux", "https://middle.com/foo/bar?baz=bux")],
    ),
    (
        "start middle.com/foo/bar?baz=bux#hash end",
        [("middle.com/foo/bar?baz=bux#hash", "https://middle.com/foo/bar?baz=bux#hash")],
    ),
    (
        "start.com/foo/bar?baz=bux#hash middle end",
        [("start.com/foo/bar?baz=bux#hash", "https://start.com/foo/bar?baz=bux#hash")],
    ),
    (
        "start middle end.com/foo/bar?baz=bux#hash",
        [("end.com/foo/bar?baz=bux#hash", "https://end.com/foo/bar?baz=bux#hash")],
    ),
    (
        "newline1.com\nnewline2.com",
        [("newline1.com", "https://newline1.com"), ("newline2.com", "https://newline2.com")],
    ),
    (
        "a example.com/index.php php link",
        [("example.com/index.php", "https://example.com/index.php")],
    ),
    ("a trailing bsky.app: colon", [("bsky.app", "https://bsky.app")]),
    ("not.. a..url ..here", []),
    ("e.g.", []),
    ("something-cool.jpg", []),
    ("website.com.jpg", []),
    ("e.g./foo", []),
    ("website.com.jpg/foo", []),
    (f"Classic article {WP}", [(WP, WP)]),
    (f"Classic article {WP} ", [(WP, WP)]),
    (
        "https://foo.com https://bar.com/whatever https://baz.com",
        [("https://foo.com",) * 2, ("https://bar.com/whatever",) * 2, ("https://baz.com",) * 2],
    ),
    (
        "punctuation https://foo.com, https://bar.com/whatever; https://baz.com.",
        [("https://foo.com",) * 2, ("https://bar.com/whatever",) * 2, ("https://baz.com",) * 2],
    ),
    ("parenthentical (https://foo.com)", [("https://foo.com",) * 2]),
    ("except for https://foo.com/thing_(cool)", [("https://foo.com/thing_(cool)",) * 2]),
]


@pytest.mark.parametrize(("text", "marked"), ENTITY_CASES)
def test_links_and_mentions(text: str, marked: list[tuple[str, str]]) -> None:
    assert _marked(text) == marked


TAG_64 = "thisisa64characterstring_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

# (text, tags, byte ranges of every facet)
TAG_CASES = [
    ("#a", ["a"], [(0, 2)]),
    ("#a #b", ["a", "b"], [(0, 2), (3, 5)]),
    ("#1", [], []),
    ("#1a", ["1a"], [(0, 3)]),
    ("#tag", ["tag"], [(0, 4)]),
    ("body #tag", ["tag"], [(5, 9)]),
    ("#tag body", ["tag"], [(0, 4)]),
    ("body #tag body", ["tag"], [(5, 9)]),
    ("body #1", [], []),
    ("body #1a", ["1a"], [(5, 8)]),
    ("body #a1", ["a1"], [(5, 8)]),
    ("#", [], []),
    ("#?", [], []),
    ("text #", [], []),
    ("text # text", [], []),
    (f"body #{TAG_64}", [TAG_64], [(5, 70)]),
    ("body #thisisa65characterstring_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", [], []),
    (f"body #{TAG_64}!", [TAG_64], [(5, 70)]),
    ("its a #double#rainbow", ["double#rainbow"], [(6, 21)]),
    ("##hashash", ["#hashash"], [(0, 9)]),
    ("##", [], []),
    ("some #n0n3s@n5e!", ["n0n3s@n5e"], [(5, 15)]),
    ("works #with,punctuation", ["with,punctuation"], [(6, 23)]),
    (
        "strips trailing #punctuation, #like. #this!",
        ["punctuation", "like", "this"],
        [(16, 28), (30, 35), (37, 42)],
    ),
    ("strips #multi_trailing___...", ["multi_trailing"], [(7, 22)]),
    (
        "works with #\U0001f98b emoji, and #butter\U0001f98bfly",
        ["\U0001f98b", "butter\U0001f98bfly"],
        [(11, 16), (28, 42)],
    ),
    (
        "#same #same #but #diff",
        ["same", "same", "but", "diff"],
        [(0, 5), (6, 11), (12, 16), (17, 22)],
    ),
    ("this #\ufe0f\u20e3tag should not be a tag", [], []),
    ("this ##\ufe0f\u20e3tag should be a tag", ["#\ufe0f\u20e3tag"], [(5, 16)]),
    ("this #t\nag should be a tag", ["t"], [(5, 7)]),
    ("no match (\\u200B): #\u200b", [], []),
    ("no match (\\u200Ba): #\u200ba", [], []),
    ("match (a\\u200Bb): #a\u200bb", ["a"], [(18, 20)]),
    ("match (ab\\u200B): #ab\u200b", ["ab"], [(18, 21)]),
    ("no match (\\u20e2tag): #\u20e2tag", [], []),
    ("no match (a\\u20e2b): #a\u20e2b", ["a"], [(21, 23)]),
    ("match full width number sign (tag): \uff03tag", ["tag"], [(36, 42)]),
    (
        "match full width number sign (tag): \uff03#\ufe0f\u20e3tag",
        ["#\ufe0f\u20e3tag"],
        [(36, 49)],
    ),
    ("no match 1?: #1?", [], []),
    # The case: a tag may start with "$".
    ("Kosten #$teuer", ["$teuer"], [(7, 14)]),
]


@pytest.mark.parametrize(("text", "tags", "ranges"), TAG_CASES)
def test_tags(text: str, tags: list[str], ranges: list[tuple[int, int]]) -> None:
    facets = bluesky_facets(text)
    assert [facet.value for facet in facets if facet.kind == "tag"] == tags
    assert [(facet.byte_start, facet.byte_end) for facet in facets] == ranges


CASHTAG_CASES = [
    ("$AAPL", ["$AAPL"], [(0, 5)]),
    ("$aapl", ["$AAPL"], [(0, 5)]),
    ("$A", ["$A"], [(0, 2)]),
    ("$a", ["$A"], [(0, 2)]),
    ("$BTC $ETH", ["$BTC", "$ETH"], [(0, 4), (5, 9)]),
    ("$100", [], []),
    ("$GOOGL", ["$GOOGL"], [(0, 6)]),
    ("$TOOLONG", [], []),
    ("check $LEGO now", ["$LEGO"], [(6, 11)]),
    ("($GOOG)", ["$GOOG"], [(1, 6)]),
    ("$AAPL.", ["$AAPL"], [(0, 5)]),
    ("$AAPL, $MSFT!", ["$AAPL", "$MSFT"], [(0, 5), (7, 12)]),
    ("no$SPACE", [], []),
    ("$", [], []),
    ("$ AAPL", [], []),
    ("$123ABC", [], []),
    ("$ABC12", ["$ABC12"], [(0, 6)]),
    ("$ABC123", [], []),
]


@pytest.mark.parametrize(("text", "tags", "ranges"), CASHTAG_CASES)
def test_cashtags(text: str, tags: list[str], ranges: list[tuple[int, int]]) -> None:
    cashtags = [facet for facet in bluesky_facets(text) if facet.value.startswith("$")]
    assert [facet.value for facet in cashtags] == tags
    assert [(facet.byte_start, facet.byte_end) for facet in cashtags] == ranges


def test_tag_limit_counts_graphemes_not_code_points() -> None:
    """64 Hangul syllables of three jamo each are 64 graphemes (192 code points): a tag."""
    syllable = "\u1100\u1161\u11a8"
    tag = syllable * 64
    assert [facet.value for facet in bluesky_facets(f"#{tag}")] == [tag]
    assert bluesky_facets(f"#{tag}{syllable}") == ()


FAMILY_4 = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"


def test_300_family_emoji_break_the_3000_byte_limit() -> None:
    result = check_text(Platform.BLUESKY, FAMILY_4 * 300)
    assert result.length == 300
    assert [(violation.rule, violation.over) for violation in result.violations] == [
        ("bytes", 4500)
    ]
    assert "7500 von 3000 Bytes" in result.violations[0].text("de")
    assert "7500 of 3000 bytes" in result.violations[0].text("en")


def test_3000_bytes_exactly_pass() -> None:
    assert check_text(Platform.BLUESKY, "ä" * 300 + "a" * 0).ok
    assert check_text(Platform.BLUESKY, "\u20ac" * 300).ok  # 900 bytes
    assert check_text(Platform.BLUESKY, "😀" * 300).ok  # 1200 bytes, 300 graphemes


@pytest.mark.parametrize(
    ("text", "length", "graphemes"),
    [
        ("Hello!", 6, 6),
        (FAMILY, 25, 1),
        (f"{FAMILY}🔥 good!✅", 38, 9),
    ],
)
def test_byte_and_grapheme_length(text: str, length: int, graphemes: int) -> None:
    assert utf8_length(text) == length
    assert text_length(Platform.BLUESKY, text) == graphemes


def test_a_bare_domain_starting_with_http_still_gets_its_scheme() -> None:
    """The official detection leaves `httpbin.org/get` as the URI (it only checks for a
    leading "http"), a URI the PDS refuses; the SDK's port, which we use, adds https://."""
    assert _marked("Test: httpbin.org/get") == [("httpbin.org/get", "https://httpbin.org/get")]


def test_a_mention_that_is_no_valid_handle_is_not_marked() -> None:
    """The official detection marks `@a..b.com` and then fails to resolve it to a DID."""
    assert _marked("Frage an @a..b.com") == []
