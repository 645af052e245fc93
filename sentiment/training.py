"""Training the linear head on sentence embeddings of the project's German replies.

Regularisation strength is chosen by cross-validation on the training rows only; the dev set
is for reporting, never for tuning.
"""

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from sentiment.base import LABELS, Label
from sentiment.dataset import LabelledText
from sentiment.encoder import SentenceEncoder
from sentiment.head import LinearHead
from sentiment.metrics import score
from sentiment.preprocess import normalise

L2_GRID = (1e-5, 3e-5, 1e-4, 3e-4, 1e-3)
FOLDS = 5
SEED = 20261124


@dataclass(frozen=True)
class TrainingReport:
    """What was trained and how well it cross-validated."""

    rows: int
    per_label: dict[Label, int]
    l2: float
    cv_macro_f1: float
    head_path: Path


def fit_linear_head(embeddings: np.ndarray, targets: np.ndarray, l2: float) -> LinearHead:
    """Multinomial logistic regression with class-balanced loss, solved with L-BFGS."""
    import torch

    torch.manual_seed(SEED)
    features = torch.from_numpy(embeddings.astype(np.float32))
    labels = torch.from_numpy(targets.astype(np.int64))
    counts = torch.bincount(labels, minlength=len(LABELS)).clamp(min=1).float()
    class_weight = counts.sum() / (len(LABELS) * counts)
    layer = torch.nn.Linear(features.shape[1], len(LABELS))
    optimiser = torch.optim.LBFGS(layer.parameters(), max_iter=500, line_search_fn="strong_wolfe")
    loss_function = torch.nn.CrossEntropyLoss(weight=class_weight)

    def closure() -> torch.Tensor:
        optimiser.zero_grad()
        loss = loss_function(layer(features), labels) + l2 * layer.weight.pow(2).sum()
        loss.backward()
        return loss

    optimiser.step(closure)
    return LinearHead(
        weight=layer.weight.detach().numpy().copy(), bias=layer.bias.detach().numpy().copy()
    )


def cross_validated_macro_f1(embeddings: np.ndarray, targets: np.ndarray, l2: float) -> float:
    """Mean macro-F1 over stratified-enough shuffled folds."""
    order = np.random.default_rng(SEED).permutation(len(targets))
    folds = np.array_split(order, FOLDS)
    results = []
    for held_out in folds:
        train = np.setdiff1d(order, held_out)
        head = fit_linear_head(embeddings[train], targets[train], l2)
        predicted = head.probabilities(embeddings[held_out]).argmax(axis=1)
        results.append(
            score([LABELS[i] for i in targets[held_out]], [LABELS[i] for i in predicted]).macro_f1
        )
    return float(np.mean(results))


def train_head(
    rows: list[LabelledText], encoder: SentenceEncoder, head_path: Path, base_revision: str
) -> TrainingReport:
    """Embed the rows, pick the L2 strength by cross-validation, fit on all rows, save."""
    if len({row.label for row in rows}) < len(LABELS):
        raise ValueError(f"training data must contain all of {', '.join(LABELS)}")
    embeddings = encoder.embed([normalise(row.text) for row in rows])
    targets = np.array([LABELS.index(row.label) for row in rows])
    cv = {l2: cross_validated_macro_f1(embeddings, targets, l2) for l2 in L2_GRID}
    best_l2 = max(cv, key=lambda l2: cv[l2])
    head = fit_linear_head(embeddings, targets, best_l2)
    head.save(
        head_path,
        {"base_revision": base_revision, "rows": str(len(rows)), "l2": str(best_l2)},
    )
    per_label = {label: int((targets == i).sum()) for i, label in enumerate(LABELS)}
    return TrainingReport(len(rows), per_label, best_l2, cv[best_l2], head_path)
