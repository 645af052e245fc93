"""The one catalogue: every word in both languages with the same placeholders, counted
nouns chosen by count, every key the code asks for defined, one place per key."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from content.check import check_text
from content.platforms import Platform
from words import CATALOGUE, compose, t
from words.plural import placeholders

ROOT = Path(__file__).parents[1]
GUESSED_PLURAL = re.compile(r"\w\((?:en|n|e|s|ies)\)|Beitrag/Beiträge|Konto/Konten")


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_key_has_both_languages_with_the_same_placeholders(key: str) -> None:
    german, english = CATALOGUE[key]
    assert german.strip() and english.strip()
    assert placeholders(german) == placeholders(english)


def test_no_message_guesses_its_plural() -> None:
    guessed = [key for key, pair in CATALOGUE.items() if GUESSED_PLURAL.search(" ".join(pair))]
    assert guessed == []


def test_counted_nouns_take_their_form_by_count() -> None:
    assert t("post.approved", lang="de", id=7, deliveries=1) == (
        "Beitrag 7 freigegeben: 1 Zustellung."
    )
    assert t("post.approved", lang="de", id=7, deliveries=3) == (
        "Beitrag 7 freigegeben: 3 Zustellungen."
    )
    assert t("post.approved", lang="en", id=7, deliveries=1) == "Post 7 approved: 1 delivery."
    assert t("plan.imported", lang="de", slug="mai", created=1, updated=0) == (
        "Kampagne mai: 1 Beitrag neu, 0 aktualisiert."
    )
    assert t("post.retried", lang="de", id=1, count=1, when="jetzt") == (
        "Beitrag 1: 1 Zustellung wird erneut versucht, jetzt."
    )


def test_numbers_are_grouped_as_each_language_writes_them() -> None:
    assert "1.000.000 Bytes" in t("plan.file.too_large", lang="de", limit=1_000_000)
    assert "1,000,000 bytes" in t("plan.file.too_large", lang="en", limit=1_000_000)
    assert t("glance.posts", lang="de", count=1200) == "1.200 Beiträge"


def test_a_key_two_areas_define_is_refused() -> None:
    with pytest.raises(ValueError, match="none"):
        compose({"none": ("(keine)", "(none)")}, {"none": ("nichts", "nothing")})


def test_content_returns_codes_worded_in_the_readers_language() -> None:
    [violation] = check_text(Platform.X, "x" * 281).violations
    assert violation.said.key == "content.length"
    assert violation.text("de").startswith("X: 281 von 280 gewichteten Zeichen, 1 zu viel.")
    assert violation.text("en").startswith("X: 281 of 280 weighted characters, 1 over.")


def _literal_keys() -> set[str]:
    """Every key the code passes as a literal to the one lookup, `t(...)`."""
    keys = set()
    for folder in ("campaign", "content", "connectors", "sentiment", "words"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id == "t"
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)
                ):
                    keys.add(node.args[0].value)
    return keys


def test_every_key_the_code_asks_for_is_in_the_catalogue() -> None:
    keys = _literal_keys()
    assert len(keys) > 200
    assert sorted(keys - CATALOGUE.keys()) == []
