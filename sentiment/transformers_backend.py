"""Any sequence-classification model from a local folder or the Hugging Face cache."""

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from sentiment.base import LABELS, Label
from sentiment.batching import run_bucketed
from sentiment.errors import UnsupportedLabels

_LABEL_SYNONYMS: dict[str, Label] = {
    "positive": "positive",
    "positiv": "positive",
    "pos": "positive",
    "negative": "negative",
    "negativ": "negative",
    "neg": "negative",
    "neutral": "neutral",
    "neu": "neutral",
}


def label_columns(model: str, id2label: Mapping[int, str]) -> list[int | None]:
    """For each of our LABELS, the model's output column (None when the model lacks it).

    Fine-tunes reorder labels (oliverguhr's model is 0=positive, 1=negative, 2=neutral), so the
    order always comes from the model's own `id2label`, never from an assumption.
    """
    ours: dict[Label, int] = {}
    for index, raw in id2label.items():
        label = _LABEL_SYNONYMS.get(str(raw).strip().lower())
        if label is not None:
            ours[label] = int(index)
    if "positive" not in ours or "negative" not in ours:
        raise UnsupportedLabels("sentiment.labels", model=model, labels=str(dict(id2label)))
    return [ours.get(label) for label in LABELS]


class SequenceClassificationScorer:
    """Softmax over the model's logits, re-ordered into our label order."""

    labels: tuple[Label, ...] = LABELS

    def __init__(
        self, name: str, tokenizer: Any, model: Any, batch_size: int, max_length: int
    ) -> None:
        self.tokenizer = tokenizer
        self.model = model
        self.columns = label_columns(name, model.config.id2label)
        self.batch_size = batch_size
        self.max_length = max_length

    def _forward(self, batch: dict[str, Any]) -> np.ndarray:
        probabilities = self.model(**batch).logits.softmax(dim=-1).numpy()
        zeros = np.zeros(len(probabilities), dtype=probabilities.dtype)
        return np.stack(
            [zeros if column is None else probabilities[:, column] for column in self.columns],
            axis=1,
        )

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        return run_bucketed(self.tokenizer, texts, self._forward, self.batch_size, self.max_length)
