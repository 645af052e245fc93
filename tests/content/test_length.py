"""Length rules per platform, on the cases the issue names."""

from content.length import grapheme_count, mastodon_length, text_length, x_weighted_length
from content.platforms import Platform

LONG_URL = "https://www.dortmund.de/themen/arbeit/" + "a" * 62
FAMILY = "👨\u200d👩\u200d👧\u200d👦"


def test_long_url_is_exactly_100_characters() -> None:
    assert len(LONG_URL) == 100


def test_url_counts_23_on_x_and_mastodon() -> None:
    assert x_weighted_length(LONG_URL) == 23
    assert mastodon_length(LONG_URL) == 23
    assert text_length(Platform.X, f"Mehr: {LONG_URL}") == 6 + 23


def test_url_counts_in_full_on_bluesky() -> None:
    assert text_length(Platform.BLUESKY, LONG_URL) == 100


def test_emoji_counts_two_on_x_and_one_grapheme_on_bluesky() -> None:
    assert x_weighted_length("😀") == 2
    assert grapheme_count("😀") == 1
    assert text_length(Platform.BLUESKY, FAMILY) == 1
    assert text_length(Platform.X, FAMILY) == 2


def test_umlauts_count_one_even_when_decomposed() -> None:
    decomposed = "a\u0308o\u0308u\u0308"
    assert x_weighted_length(decomposed) == 3
    assert grapheme_count(decomposed) == 3
    assert mastodon_length("Grüße") == 5


def test_cjk_counts_two_on_x() -> None:
    assert x_weighted_length("日本") == 4


def test_mastodon_remote_mention_counts_only_local_part() -> None:
    assert mastodon_length("Hallo @user@instance.social!") == len("Hallo @user!")
    assert mastodon_length("@todo@dortmund.social") == len("@todo")


def test_mastodon_email_address_is_not_a_mention() -> None:
    assert mastodon_length("info@dortmund.de") == len("info@dortmund.de")


def test_mastodon_bare_domain_is_counted_in_full() -> None:
    # Mastodon only shortens links with a scheme.
    assert mastodon_length("dortmund.de/todo") == len("dortmund.de/todo")
