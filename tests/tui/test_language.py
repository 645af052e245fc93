"""German by default, English by setting, and LEUCHTTURM_LANG wins over the setting."""

from __future__ import annotations

import pytest

from words import choose_language, language, t


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
