"""Sentence embeddings from an e5-style encoder folder: mean-pooled, L2-normalised."""

import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from sentiment.batching import run_bucketed

QUERY_PREFIX = "query: "


def quantise_linear_layers(model: Any) -> Any:
    """Dynamic int8 quantisation of every `nn.Linear`: smaller and faster on CPU.

    torch marks `torch.ao.quantization` as deprecated in favour of torchao, but it still works
    in the pinned torch and needs no extra package; its warnings are silenced here only.
    """
    import torch

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", UserWarning)
        return torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)


class SentenceEncoder:
    """e5 needs the "query: " prefix and mean pooling over real (unpadded) tokens."""

    def __init__(self, tokenizer: Any, model: Any) -> None:
        self.tokenizer = tokenizer
        self.model = model

    @classmethod
    def load(cls, folder: Path, quantize: bool = False) -> "SentenceEncoder":
        from transformers import AutoTokenizer, XLMRobertaModel

        tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
        model = XLMRobertaModel.from_pretrained(
            folder, add_pooling_layer=False, local_files_only=True
        ).eval()
        return cls(tokenizer, quantise_linear_layers(model) if quantize else model)

    def _forward(self, batch: dict[str, Any]) -> np.ndarray:
        import torch

        hidden = self.model(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1)
        return torch.nn.functional.normalize(pooled, dim=-1).numpy()

    def embed(
        self, texts: Sequence[str], batch_size: int = 32, max_length: int = 512
    ) -> np.ndarray:
        """One unit-length row per text, in input order."""
        prefixed = [QUERY_PREFIX + text for text in texts]
        return run_bucketed(self.tokenizer, prefixed, self._forward, batch_size, max_length)
