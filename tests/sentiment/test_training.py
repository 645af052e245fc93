"""The head's training on synthetic, separable embeddings; and the data hygiene rule."""

from pathlib import Path

import numpy as np

from sentiment.dataset import read_labelled_csv, read_many
from sentiment.embedded import TRAINING_DATA_DIR
from sentiment.training import cross_validated_macro_f1, fit_linear_head

DEV_SET = Path(__file__).parent / "data" / "sentiment_de_dev.csv"


def _clusters(rng: np.random.Generator, per_class: int) -> tuple[np.ndarray, np.ndarray]:
    centres = rng.normal(size=(3, 16)) * 3
    targets = np.repeat(np.arange(3), per_class)
    points = centres[targets] + rng.normal(size=(len(targets), 16))
    return points / np.linalg.norm(points, axis=1, keepdims=True), targets


def test_linear_head_learns_separable_classes() -> None:
    rng = np.random.default_rng(7)
    train, train_targets = _clusters(rng, 40)
    head = fit_linear_head(train, train_targets, l2=1e-3)
    assert (head.probabilities(train).argmax(axis=1) == train_targets).mean() > 0.95
    assert cross_validated_macro_f1(train, train_targets, l2=1e-3) > 0.9


def test_no_training_text_is_a_dev_text() -> None:
    training_rows = read_many(sorted(TRAINING_DATA_DIR.glob("*.csv")))
    training = {row.text.strip().casefold() for row in training_rows}
    dev = {row.text.strip().casefold() for row in read_labelled_csv(DEV_SET)}
    assert training, "no training data found"
    assert not training & dev, f"dev texts in the training data: {sorted(training & dev)[:5]}"
