"""Mastodon's length, case by case as its server counts it.

The facts come from mastodon/mastodon: `spec/validators/status_length_validator_spec.rb`
(the spec's cases, limit 500), `app/validators/status_length_validator.rb`,
`app/lib/extractor.rb`, `app/models/account.rb` (USERNAME_RE, MENTION_RE) and
`config/initializers/twitter_regex.rb` (link schemes and path rules). Every count below
is what the server counts; counting fewer lets through a post the server refuses.
"""

import pytest

from content.check import check_text
from content.length import mastodon_length
from content.platforms import Platform

LIMIT = 500


# StatusLengthValidator's spec: (content warning, text, refused at 500)
@pytest.mark.parametrize(
    ("spoiler_text", "text", "refused"),
    [
        pytest.param("a" * 520, "", True, id="content warning over 500"),
        pytest.param("", "a" * 520, True, id="text over 500"),
        pytest.param("a" * 250, "b" * 251, True, id="text and content warning over 500"),
        pytest.param(
            "", "a" * 476 + " http://" + "b" * 30 + ".com/example", False,
            id="URLs count 23 flat",
        ),
        pytest.param(
            "", "a" * 475 + " @alice@" + "b" * 30 + ".com", False,
            id="only the front part of remote usernames counts",
        ),
        pytest.param(
            "", "@alice@" + "b" * 500 + ".com", True,
            id="both parts count for overly long domains",
        ),
        pytest.param(
            "", "http://example.com/valid?" + "#foo?" * 1000, True,
            id="overly long URLs do not count 23",
        ),
    ],
)
def test_status_length_validator_spec(spoiler_text: str, text: str, refused: bool) -> None:
    result = check_text(Platform.MASTODON, text, limit=LIMIT, spoiler_text=spoiler_text)
    assert (result.length > LIMIT) is refused
    if text.strip():
        assert result.ok is (not refused)


@pytest.mark.parametrize(
    ("text", "length"),
    [
        # A mention's domain longer than a valid domain (253) is not shortened.
        ("@alice@" + "b" * 500 + ".com", 511),
        ("@alice@" + "b" * 249 + ".com", 6),
        ("@alice@" + "b" * 250 + ".com", 261),
        # No mention right after "=", "/" or a word character.
        ("Kontakt=@presse@dortmund.social", 31),
        ("a/@presse@dortmund.social", 25),
        ("Mail:info@dortmund.de", 21),
        # No mention when "@", a Latin accented letter or "://" follows it.
        ("@presse@dortmund.social@x", 25),
        ("@presse@dortmund.social@", 24),
        ("@presseé ist da", 15),
        ("@presse://dortmund", 18),
        # A domain must start with a word character: "@-…" follows the name, no mention.
        ("@presse@-dortmund.social", 24),
        # The second "@" starts a mention ("@" before it is no word character).
        ("@@presse@dortmund.social", 8),
        ("Fragen an @presse@dortmund.social!", 18),
        ("@presse", 7),
    ],
)
def test_mentions(text: str, length: int) -> None:
    assert mastodon_length(text) == length


@pytest.mark.parametrize(
    "scheme", ["http", "https", "HTTPS", "dat", "dweb", "ipfs", "ipns", "ssb", "gopher", "gemini"]
)
def test_every_scheme_mastodon_links_counts_23(scheme: str) -> None:
    assert mastodon_length(f"{scheme}://example.org/" + "seite/" * 10) == 23


@pytest.mark.parametrize(
    "text", ["ftp://example.org/datei", "xmpp:presse@dortmund.de", "magnet:?xt=urn:btih:abc"]
)
def test_other_schemes_count_in_full(text: str) -> None:
    assert mastodon_length(text) == len(text)


@pytest.mark.parametrize(
    ("text", "length"),
    [
        # A path ends before "=", ".", "!", "@", ",", ";", ":" … (they count as text).
        ("https://www.dortmund.de/suche/a=", 24),
        ("https://www.dortmund.de/todo.", 24),
        ("https://www.dortmund.de/todo!", 24),
        ("https://www.dortmund.de/todo@", 24),
        ("https://www.dortmund.de/a=b", 23),
        ("https://www.dortmund.de/todo/", 23),
        # Queries and paths may hold umlauts and other non-ASCII letters.
        ("https://www.dortmund.de/suche?q=Grüße", 23),
        ("https://www.dortmund.de/straßen/übersicht", 23),
        # Typographic quotes are no path end for Mastodon: the closing “ is part of the link.
        ("„https://www.dortmund.de/todo“", 24),
        ("(https://www.dortmund.de/todo)", 25),
        ("https://de.wikipedia.org/wiki/Dortmund_(Begriffsklärung)", 23),
        # Without a scheme, a domain is text.
        ("dortmund.de/todo", 16),
        ("info@dortmund.de", 16),
        # An IDN domain is a link; a domain IDNA cannot encode is not.
        ("https://straße.de/x", 23),
        ("https://" + "a" * 64 + ".de", 75),
        # t.co links keep no extra path.
        ("https://t.co/abc/def", 27),
        # One link never counts more than once, however long.
        ("https://www.dortmund.de/" + "a" * 1000, 23),
        ("https://www.dortmund.de/ und https://todo.dortmund.de/", 51),
    ],
)
def test_links(text: str, length: int) -> None:
    assert mastodon_length(text) == length


@pytest.mark.parametrize("text", ["", " ", "   \n\t ", "\u3000", "\u00a0\u2003"])
def test_blank_text_counts_zero(text: str) -> None:
    assert mastodon_length(text) == 0


def test_blank_text_still_counts_its_content_warning() -> None:
    assert mastodon_length("  ", spoiler_text="Gewalt") == 6


def test_content_warning_counts_in_full_links_included() -> None:
    warning = "Inhaltswarnung: https://www.dortmund.de/hinweise/belastende-inhalte"
    assert mastodon_length("Text", spoiler_text=warning) == len(warning) + 4
    assert mastodon_length("https://www.dortmund.de/todo", spoiler_text="CW") == 25


def test_graphemes_are_counted_once() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"
    assert mastodon_length(family * 3 + " Grüße") == 9
    assert mastodon_length("a\u0308") == 1


def test_emoji_domain_counts_the_longer_of_link_and_text() -> None:
    """IDNA 2003 libraries disagree on emoji newer than Unicode 3.2: count the longer."""
    assert mastodon_length("https://\U0001fae0.de") == 23
    assert mastodon_length("https://\U0001fae0.de/" + "a" * 30) == len("https://x.de/") + 30


def test_check_names_the_content_warning_in_the_length() -> None:
    result = check_text(Platform.MASTODON, "b" * 251, limit=LIMIT, spoiler_text="a" * 250)
    assert result.length == 501
    [violation] = result.violations
    assert violation.rule == "length"
    assert "Inhaltswarnung kürzen (sie zählt mit)" in violation.text("de")
    assert "content warning (it counts)" in violation.text("en")
