"""The head's training on synthetic, separable embeddings; and the data hygiene rule."""

from pathlib import Path

import numpy as np
import pytest
import regex

from sentiment.base import LABELS
from sentiment.dataset import read_labelled_csv, read_many
from sentiment.embedded import TRAINING_DATA_DIR
from sentiment.training import cross_validated_macro_f1, fit_linear_head

DATA = Path(__file__).parent / "data"
DEV_SET = DATA / "sentiment_de_dev.csv"
HEARD_SET = DATA / "sentiment_de_heard.csv"
HELD_OUT_SETS = sorted(DATA.glob("*.csv"))
# Character 4-gram Jaccard at or above this is a reworded copy ("… macht ein Plakat" against
# "… macht einen Flyer"); distinct posts on the same topic stay well below 0.35.
NEAR_DUPLICATE = 0.5


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


def _shingles(text: str) -> frozenset[str]:
    """Character 4-grams of the words only: case, punctuation, emoji and spacing do not count."""
    words = " ".join(regex.findall(r"[\p{L}\p{N}]+", text.casefold()))
    return frozenset(words[i : i + 4] for i in range(max(1, len(words) - 3)))


def _similarity(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b)


def test_similarity_catches_a_reworded_copy_and_spares_a_new_post() -> None:
    original = _shingles("50.000 Boomer gehen in Rente und die Stadt macht ein Plakat 🙄")
    reworded = _shingles("50.000 Boomer gehen in Rente, und die Stadt macht einen Flyer!")
    other = _shingles("Die Stadt sucht Erzieherinnen und zahlt so, dass keiner die Miete schafft.")
    assert _similarity(original, reworded) >= NEAR_DUPLICATE
    assert _similarity(original, other) < NEAR_DUPLICATE


@pytest.mark.parametrize("held_out", HELD_OUT_SETS, ids=lambda path: path.stem)
def test_no_held_out_text_is_nearly_a_training_text(held_out: Path) -> None:
    training = [
        (row.text, _shingles(row.text))
        for row in read_many(sorted(TRAINING_DATA_DIR.glob("*.csv")))
    ]
    assert training, "no training data found"
    close = []
    for row in read_labelled_csv(held_out):
        shingles = _shingles(row.text)
        similarity, text = max((_similarity(shingles, s), t) for t, s in training)
        if similarity >= NEAR_DUPLICATE:
            close.append(f"{similarity:.2f} {row.text!r} ~ {text!r}")
    assert not close, f"{held_out.name}: held-out texts nearly in the training data: {close[:5]}"


def test_the_heard_set_is_large_and_balanced() -> None:
    rows = read_labelled_csv(HEARD_SET)
    counts = {label: sum(row.label == label for row in rows) for label in LABELS}
    assert len(rows) >= 250, len(rows)
    assert min(counts.values()) >= 0.3 * len(rows), counts
    assert len({row.text for row in rows}) == len(rows), "repeated texts in the heard set"
