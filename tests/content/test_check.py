"""check_text: every rule, the warnings, and the JSON shape the CLI prints."""

import pytest

from content.check import MediaSpec, check_text
from content.platforms import Platform


def test_x_exactly_280_weighted_is_accepted() -> None:
    result = check_text(Platform.X, "a" * 278 + "😀")
    assert (result.length, result.limit, result.ok) == (280, 280, True)


def test_x_281_weighted_is_rejected_one_over() -> None:
    result = check_text(Platform.X, "a" * 281)
    assert not result.ok
    [violation] = result.violations
    assert violation.rule == "length"
    assert violation.over == 1
    assert violation.text("de").startswith("X: 281 von 280")
    assert "1 zu viel" in violation.text("de")
    assert "1 over" in violation.text("en")


def test_bluesky_limit_is_300_graphemes() -> None:
    assert check_text(Platform.BLUESKY, "😀" * 300).ok
    result = check_text(Platform.BLUESKY, "😀" * 302)
    assert [v.over for v in result.violations] == [2]
    assert "Bluesky" in result.violations[0].text("de")


def test_mastodon_limit_is_configurable_per_instance() -> None:
    text = "a" * 600
    assert not check_text(Platform.MASTODON, text).ok
    assert check_text(Platform.MASTODON, text, limit=1000).ok


def test_nonpositive_limit_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="positive"):
        check_text(Platform.MASTODON, "Hallo", limit=0)


def test_empty_text_is_rejected_unless_there_is_an_image() -> None:
    assert [v.rule for v in check_text(Platform.MASTODON, "  \n").violations] == ["empty"]
    image = MediaSpec("bild.png", "Ein Container im Stadtgarten")
    assert check_text(Platform.MASTODON, "", media=[image]).ok


def test_every_image_needs_alt_text() -> None:
    media = [MediaSpec("a.png", "Ein Foto"), MediaSpec("b.png", " "), MediaSpec("c.png", "")]
    [violation] = check_text(Platform.BLUESKY, "Bilder", media=media).violations
    assert violation.rule == "alt_text_missing"
    assert violation.over == 2
    assert "b.png, c.png" in violation.text("de")


@pytest.mark.parametrize("platform", list(Platform))
def test_at_most_four_images(platform: Platform) -> None:
    media = [MediaSpec(f"{n}.png", f"Bild {n}") for n in range(5)]
    [violation] = check_text(platform, "Fotos", media=media).violations
    assert (violation.rule, violation.over) == ("media_count", 1)
    assert check_text(platform, "Fotos", media=media[:4]).ok


@pytest.mark.parametrize("tag", ["todortmund", "neuearbeit", "TODODORTMUND"])
def test_hashtag_not_in_camel_case_is_a_warning(tag: str) -> None:
    result = check_text(Platform.MASTODON, f"Komm vorbei! #{tag}")
    assert result.ok
    assert [w.rule for w in result.warnings] == ["hashtag_case"]
    assert f"#{tag}" in result.warnings[0].text("de")


@pytest.mark.parametrize("tag", ["ToDoDortmund", "NeueArbeit", "ruhr", "KI", "Dortmund"])
def test_sensible_hashtags_get_no_warning(tag: str) -> None:
    assert check_text(Platform.MASTODON, f"Komm vorbei! #{tag}").warnings == ()


def test_x_link_is_a_warning_on_x_only() -> None:
    text = "Programm: https://dortmund.de/todo"
    assert [w.rule for w in check_text(Platform.X, text).warnings] == ["x_link"]
    assert check_text(Platform.MASTODON, text).warnings == ()
    assert check_text(Platform.X, "Programm im Container am Friedensplatz").warnings == ()


def test_json_has_the_stable_keys() -> None:
    data = check_text(Platform.X, "a" * 281 + " #todortmund").to_json()
    assert list(data) == ["platform", "length", "limit", "ok", "violations", "warnings"]
    assert data["platform"] == "x"
    assert data["ok"] is False
    assert list(data["violations"][0]) == ["rule", "message", "over"]
    assert data["violations"][0]["over"] == 293 - 280
    assert data["warnings"][0]["rule"] == "hashtag_case"


def test_json_in_english() -> None:
    data = check_text(Platform.X, "a" * 281).to_json(lang="en")
    assert data["violations"][0]["message"].startswith("X: 281 of 280 weighted characters")


@pytest.mark.parametrize(("char", "name"), [
    ("\ufeff", "Byte-Order-Mark"), ("\ufffe", "Nicht-Zeichen"), ("\uffff", "Nicht-Zeichen"),
])
def test_x_refuses_the_characters_twitter_text_calls_invalid(char: str, name: str) -> None:
    result = check_text(Platform.X, f"{char}Heute im Rathaus")
    assert [(v.rule, v.over) for v in result.violations] == [("invalid_characters", 1)]
    message = result.violations[0]
    assert f"U+{ord(char):04X} ({name}) an Stelle 1" in message.text("de")
    assert f"U+{ord(char):04X}" in message.text("en") and "position 1" in message.text("en")


def test_x_counts_every_invalid_character_and_names_the_first() -> None:
    [violation] = check_text(Platform.X, "Hallo\ufeff Welt\uffff!").violations
    assert violation.over == 2
    assert "zuerst U+FEFF" in violation.text("de") and "Stelle 6" in violation.text("de")


def test_bom_and_non_characters_pass_where_only_x_refuses_them() -> None:
    assert check_text(Platform.MASTODON, "\ufeffHallo").ok
    assert check_text(Platform.BLUESKY, "\ufeffHallo").ok


def test_directional_marks_are_valid_on_x() -> None:
    assert check_text(Platform.X, "\u2066\u202aHallo\u202c\u2069").ok


def test_content_warning_counts_on_mastodon_only() -> None:
    warning = "Inhaltswarnung: Gewalt"
    text = "a" * (500 - len(warning))
    assert check_text(Platform.MASTODON, text, spoiler_text=warning).ok
    over = check_text(Platform.MASTODON, text + "b", spoiler_text=warning)
    assert over.length == 501 and not over.ok
    assert check_text(Platform.X, "a" * 280, spoiler_text=warning).ok
