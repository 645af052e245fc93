"""German by default, English by setting, and LEUCHTTURM_LANG wins over the setting."""

from __future__ import annotations

import string

import pytest

from campaign.tui.i18n import CATALOGUE, choose_language, language, t


def test_setting_chooses_english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LEUCHTTURM_LANG", raising=False)
    choose_language("en")
    assert t("screen.queue") == "Queue"
    choose_language("de")
    assert t("screen.queue") == "Warteschlange"


def test_environment_wins_over_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEUCHTTURM_LANG", "en_GB.UTF-8")
    choose_language("de")
    assert language() == "en"
    monkeypatch.setenv("LEUCHTTURM_LANG", "fr")  # not a language we speak: the setting decides
    choose_language("en")
    assert language() == "en"
    assert language("de") == "de"  # an explicit choice (--lang) wins over both


def test_both_languages_fill_the_same_placeholders() -> None:
    for key, (german, english) in CATALOGUE.items():
        assert sorted(_fields(german)) == sorted(_fields(english)), key


def _fields(text: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(text) if name]
