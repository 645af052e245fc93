"""The transformers backend on a real (tiny) model: loading, labels, batching, truncation."""

import time
from pathlib import Path

import numpy as np
import pytest

from sentiment import ModelNotAvailable, SentimentSettings
from sentiment.errors import UnsupportedLabels
from sentiment.loader import load_classifier
from tests.sentiment.conftest import TinyModelFactory

TEXTS = [
    "super toll danke",
    "das ist mies",
    "wann ist das container job",
    "schlecht",
    "nicht toll nicht super nicht danke wo ist die stadt arbeit",
    "super toll danke",
]


@pytest.mark.parametrize(
    ("id2label", "winning_column", "expected"),
    [
        # oliverguhr/german-sentiment-bert's order
        ({0: "positive", 1: "negative", 2: "neutral"}, 1, "negative"),
        ({0: "positive", 1: "negative", 2: "neutral"}, 2, "neutral"),
        ({0: "NEGATIVE", 1: "Neutral", 2: "pos"}, 2, "positive"),
        ({0: "negative", 1: "positive"}, 1, "positive"),
    ],
)
def test_id2label_decides_the_label(
    tiny_model: TinyModelFactory, id2label: dict[int, str], winning_column: int, expected: str
) -> None:
    folder = tiny_model(id2label, winning_column)
    classifier = load_classifier(SentimentSettings(model=str(folder)))
    results = classifier.classify(TEXTS)
    assert {result.label for result in results} == {expected}
    assert all(result.score > 0.9 for result in results)
    assert all(result.model == str(folder) for result in results)


def test_unmappable_labels_are_refused_with_the_model_named(tiny_model: TinyModelFactory) -> None:
    folder = tiny_model({0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"})
    with pytest.raises(UnsupportedLabels, match="LABEL_0"):
        load_classifier(SentimentSettings(model=str(folder)))


def test_batching_and_bucketing_keep_input_order(tiny_model: TinyModelFactory) -> None:
    folder = tiny_model()
    one_by_one = load_classifier(SentimentSettings(model=str(folder), batch_size=1))
    bucketed = load_classifier(SentimentSettings(model=str(folder), batch_size=4))
    expected = one_by_one.classify(TEXTS)
    got = bucketed.classify(TEXTS)
    assert [r.label for r in got] == [r.label for r in expected]
    assert [r.score for r in got] == pytest.approx([r.score for r in expected], abs=1e-5)
    # random weights still give different texts different scores: order is really checked
    assert len({round(r.score, 6) for r in expected}) > 2


def test_texts_longer_than_the_model_are_truncated(tiny_model: TinyModelFactory) -> None:
    folder = tiny_model()  # 64 positions: an untruncated text of 400 words would crash
    classifier = load_classifier(SentimentSettings(model=str(folder), max_length=32))
    long_text = " ".join(["super toll danke schlecht"] * 100)
    [result] = classifier.classify([long_text])
    assert result.label in {"positive", "neutral", "negative"}


def test_same_text_is_classified_once(tiny_model: TinyModelFactory) -> None:
    classifier = load_classifier(SentimentSettings(model=str(tiny_model())))
    seen: list[str] = []
    scorer = classifier.scorer  # type: ignore[attr-defined]
    original = scorer.probabilities

    def recording(texts: list[str]) -> np.ndarray:
        seen.extend(texts)
        return original(texts)

    scorer.probabilities = recording
    results = classifier.classify(["super toll", "super   toll", "mies", "super toll"])
    assert sorted(seen) == ["mies", "super toll"]
    assert results[0] == results[1] == results[3]


def test_quantised_model_gives_the_same_labels(tiny_model: TinyModelFactory) -> None:
    folder = tiny_model(winning_column=0)
    plain = load_classifier(SentimentSettings(model=str(folder)))
    quantised = load_classifier(SentimentSettings(model=str(folder), quantize=True))
    assert [r.label for r in quantised.classify(TEXTS)] == [r.label for r in plain.classify(TEXTS)]


def test_missing_hub_model_fails_fast_with_the_fetch_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty-cache"))
    started = time.monotonic()
    with pytest.raises(ModelNotAvailable) as caught:
        load_classifier(SentimentSettings(model="someone/not-in-the-cache"))
    assert time.monotonic() - started < 10
    assert "leuchtturm sentiment fetch someone/not-in-the-cache" in str(caught.value)


def test_missing_folder_names_the_folder(tmp_path: Path) -> None:
    missing = tmp_path / "models" / "gone"
    with pytest.raises(ModelNotAvailable, match="gibt es nicht"):
        load_classifier(SentimentSettings(model=str(missing)))
