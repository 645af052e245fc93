"""Classification figures over our three labels, in numpy (no scikit-learn needed)."""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from sentiment.base import LABELS, Label


@dataclass(frozen=True)
class Scores:
    """Accuracy, macro-F1, per-class precision/recall/F1, and the confusion matrix."""

    accuracy: float
    macro_f1: float
    precision: dict[Label, float]
    recall: dict[Label, float]
    f1: dict[Label, float]
    confusion: np.ndarray  # rows: true label, columns: predicted, both in LABELS order


def _safe_divide(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def score(truth: Sequence[Label], predicted: Sequence[Label]) -> Scores:
    """Figures for predictions against truth; classes absent from both count as F1 0."""
    if len(truth) != len(predicted) or not truth:
        raise ValueError(f"need equally many labels, got {len(truth)} and {len(predicted)}")
    index = {label: position for position, label in enumerate(LABELS)}
    confusion = np.zeros((len(LABELS), len(LABELS)), dtype=int)
    for true_label, predicted_label in zip(truth, predicted, strict=True):
        confusion[index[true_label], index[predicted_label]] += 1
    precision, recall, f1 = {}, {}, {}
    for label, position in index.items():
        hits = confusion[position, position]
        precision[label] = _safe_divide(hits, confusion[:, position].sum())
        recall[label] = _safe_divide(hits, confusion[position, :].sum())
        f1[label] = _safe_divide(
            2 * precision[label] * recall[label], precision[label] + recall[label]
        )
    return Scores(
        accuracy=float(np.trace(confusion) / confusion.sum()),
        macro_f1=float(np.mean(list(f1.values()))),
        precision=precision,
        recall=recall,
        f1=f1,
        confusion=confusion,
    )
