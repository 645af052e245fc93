"""The sentiment head on top of sentence embeddings: a softmax-linear layer in a few KB.

Stored as safetensors (loadable with numpy alone) with its label order and training facts in
the metadata, so the embedded model's revision can be derived from the file itself.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from sentiment.base import LABELS, Label


@dataclass(frozen=True)
class LinearHead:
    """`softmax(embeddings @ weight.T + bias)` over `labels`."""

    weight: np.ndarray
    bias: np.ndarray
    labels: tuple[Label, ...] = LABELS

    def probabilities(self, embeddings: np.ndarray) -> np.ndarray:
        """One row of label probabilities per embedding row."""
        logits = embeddings @ self.weight.T + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def save(self, path: Path, metadata: dict[str, str]) -> None:
        from safetensors.numpy import save_file

        path.parent.mkdir(parents=True, exist_ok=True)
        tensors = {
            "weight": self.weight.astype(np.float32),
            "bias": self.bias.astype(np.float32),
        }
        save_file(tensors, str(path), metadata={**metadata, "labels": ",".join(self.labels)})

    @classmethod
    def load(cls, path: Path) -> "LinearHead":
        from safetensors import safe_open

        with safe_open(str(path), framework="numpy") as stream:
            labels = tuple(stream.metadata()["labels"].split(","))
            weight, bias = stream.get_tensor("weight"), stream.get_tensor("bias")
        unknown = set(labels) - set(LABELS)
        if unknown:
            raise ValueError(f"{path}: head has unknown labels {sorted(unknown)}")
        return cls(weight=weight, bias=bias, labels=labels)  # type: ignore[arg-type]


def head_revision(head_path: Path, base_revision: str) -> str:
    """Short hash over the head's bytes and the base model's revision: changes when either does."""
    digest = hashlib.sha256(head_path.read_bytes())
    digest.update(base_revision.encode())
    return digest.hexdigest()[:12]
