"""Social-media preprocessing: placeholders, hashtags, emoji, length, language."""

from sentiment.preprocess import (
    MENTION_PLACEHOLDER,
    TRUNCATION_MARK,
    URL_PLACEHOLDER,
    normalise,
    prepare,
    shorten,
    split_hashtag,
)


def test_links_and_mentions_become_placeholders() -> None:
    text = "@stadtdortmund @anna@mastodon.social siehe https://dortmund.de/todo?x=1 und www.todo.de"
    assert normalise(text) == (
        f"{MENTION_PLACEHOLDER} {MENTION_PLACEHOLDER} siehe {URL_PLACEHOLDER} und {URL_PLACEHOLDER}"
    )


def test_email_addresses_are_not_mentions() -> None:
    assert normalise("Schreib an info@dortmund.de") == "Schreib an info@dortmund.de"


def test_camel_case_hashtags_are_split() -> None:
    assert split_hashtag("ToDoDortmund") == "To Do Dortmund"
    assert (
        normalise("Toll! #ToDoDortmund #KI2026 #ruhrpott")
        == "Toll! To Do Dortmund KI 2026 ruhrpott"
    )


def test_emoji_are_kept() -> None:
    assert normalise("Na toll 🙄👎") == "Na toll 🙄👎"


def test_long_texts_keep_start_and_end() -> None:
    text = "Anfang " + "mittendrin " * 300 + "aber insgesamt super"
    short = shorten(text, 200)
    assert len(short) <= 200
    assert short.startswith("Anfang ")
    assert short.endswith("aber insgesamt super")
    assert TRUNCATION_MARK in short


def test_short_texts_are_untouched() -> None:
    assert shorten("kurz und gut", 200) == "kurz und gut"


def test_language_is_detected_and_non_german_marked() -> None:
    german = prepare("Wann macht der Container morgens auf? Ich würde gern vorbeikommen.")
    english = prepare("Great event, thanks a lot for organising it, see you next year!")
    assert (german.language, german.non_german) == ("de", False)
    assert (english.language, english.non_german) == ("en", True)


def test_unsure_language_is_not_marked_non_german() -> None:
    assert prepare("Na toll 🙄").non_german is False
