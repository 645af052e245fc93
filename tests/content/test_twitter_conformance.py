"""twitter-text's own conformance suite, run against Leuchtturm's X rules.

The YAML files are vendored unchanged (see conformance/twitter-text/README.md). Only the
groups X's counting and validity depend on are run: the weighted length and validity of
the current configuration (v3, emoji counted as 2, 280), the empty text, and URL
extraction. The `tweets` group assumes the old 140-character configuration; of it only
the empty text still applies.
"""

from pathlib import Path
from typing import Any

import pytest
import yaml

from content.check import check_text
from content.length import x_weighted_length
from content.platforms import Platform
from content.twitter_rules import extract_urls_with_indices

SUITE = Path(__file__).parent / "conformance" / "twitter-text"


def _cases(name: str, *groups: str) -> list[Any]:
    tests = yaml.safe_load((SUITE / name).read_text(encoding="utf-8"))["tests"]
    return [
        pytest.param(case, id=f"{group}: {case['description']}")
        for group in groups
        for case in tests[group]
    ]


def test_empty_text_is_invalid() -> None:
    [empty] = [
        case.values[0]
        for case in _cases("validate.yml", "tweets")
        if case.values[0]["text"] == ""
    ]
    assert check_text(Platform.X, empty["text"]).ok is empty["expected"] is False


@pytest.mark.parametrize(
    "case",
    _cases(
        "validate.yml",
        "WeightedTweetsWithDiscountedEmojiCounterTest",
        "UnicodeDirectionalMarkerCounterTest",
    ),
)
def test_weighted_length_and_validity(case: dict[str, Any]) -> None:
    result = check_text(Platform.X, case["text"])
    assert result.length == x_weighted_length(case["text"]) == case["expected"]["weightedLength"]
    assert result.ok is case["expected"]["valid"]


@pytest.mark.parametrize("case", _cases("extract.yml", "urls", "tco_urls_with_params"))
def test_url_extraction(case: dict[str, Any]) -> None:
    found = [url["url"] for url in extract_urls_with_indices(case["text"])]
    assert found == case["expected"]


@pytest.mark.parametrize(
    "case", _cases("extract.yml", "urls_with_indices", "urls_with_directional_markers")
)
def test_url_extraction_with_indices(case: dict[str, Any]) -> None:
    found = [
        {"url": url["url"], "indices": list(url["indices"])}
        for url in extract_urls_with_indices(case["text"])
    ]
    assert found == case["expected"]


def test_the_suite_has_the_invalid_character_cases() -> None:
    """The suite must keep testing what the issue found: BOM and non-characters."""
    cases = _cases("validate.yml", "UnicodeDirectionalMarkerCounterTest")
    texts = [case.values[0]["text"] for case in cases]
    assert any("\uffff" in text and "\ufffe" in text for text in texts)
