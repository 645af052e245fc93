"""split_thread: boundaries, numbering that counts toward the limit, entities kept whole."""

import re

import pytest

from content.check import check_text
from content.length import text_length
from content.platforms import Platform
from content.thread import ThreadSplitError, split_thread

SENTENCE = "Am Friedensplatz steht ab Montag der Container der neuen Arbeit."
URL = "https://www.dortmund.de/themen/wirtschaft-und-arbeit/todo-woche-programm"


def _unnumbered(parts: list[str]) -> list[str]:
    return [re.sub(r" \d+/\d+$", "", part) for part in parts]


def test_text_that_fits_is_one_part_without_number() -> None:
    assert split_thread(Platform.X, f"{SENTENCE}   ") == [SENTENCE]


@pytest.mark.parametrize("platform", list(Platform))
def test_every_part_validates_and_is_numbered(platform: Platform) -> None:
    text = " ".join([SENTENCE] * 20)
    parts = split_thread(platform, text)
    assert len(parts) > 1
    for index, part in enumerate(parts, start=1):
        assert part.endswith(f" {index}/{len(parts)}")
        assert check_text(platform, part).ok, part


def test_splits_at_sentence_ends_when_sentences_fit() -> None:
    text = " ".join(f"Satz Nummer {n} handelt von Ausbildung in Dortmund." for n in range(12))
    for part in _unnumbered(split_thread(Platform.X, text)):
        assert part.endswith("Dortmund.")


def test_day_numbers_and_abbreviations_end_no_sentence() -> None:
    text = " ".join(
        f"Am {n}. Mai gibt es z. B. Werkstätten zur Ausbildung im Container." for n in range(1, 12)
    )
    for part in _unnumbered(split_thread(Platform.X, text)):
        assert part.startswith("Am ")
        assert part.endswith("Container.")


def test_nothing_is_lost_or_reordered() -> None:
    text = " ".join(f"Wort{n}" for n in range(400))
    assert " ".join(_unnumbered(split_thread(Platform.BLUESKY, text))).split() == text.split()


def test_urls_mentions_and_hashtags_are_never_cut() -> None:
    words = [URL, "@todo@dortmund.social", "#ToDoDortmund", "Fachkräftesicherung"] * 15
    parts = _unnumbered(split_thread(Platform.MASTODON, " ".join(words), limit=200))
    for part in parts:
        assert set(part.split()) <= set(words)


def test_numbering_width_grows_from_nine_to_ten_parts() -> None:
    # 480 one-letter words pack into 10 parts when only " 9/9" is reserved, and then the
    # wider " 10/10" pushes the last part over 100; a correct split re-packs into 11.
    text = " ".join("a" * 480)
    parts = split_thread(Platform.X, text, limit=100)
    assert len(parts) == 11
    assert all(text_length(Platform.X, part) <= 100 for part in parts)
    assert parts[0].endswith(" 1/11")
    assert parts[-1].endswith(" 11/11")


def test_numbering_can_be_switched_off() -> None:
    text = " ".join([SENTENCE] * 10)
    parts = split_thread(Platform.X, text, numbering=False)
    assert len(parts) > 1
    assert not any(re.search(r"\d+/\d+$", part) for part in parts)
    assert all(check_text(Platform.X, part).ok for part in parts)


def test_x_parts_use_weighted_length() -> None:
    text = "😀 " * 200
    parts = split_thread(Platform.X, text)
    assert all(text_length(Platform.X, part) <= 280 for part in parts)
    assert len(parts) >= 3


def test_a_word_longer_than_a_part_is_a_clear_error() -> None:
    with pytest.raises(ThreadSplitError, match="Bluesky"):
        split_thread(Platform.BLUESKY, "https://example.org/" + "x" * 400 + " und mehr Text")
