"""Length-bucketed batches: pad each batch only to its own longest text.

Replies range from "👍" to long rants; sorting by token count before batching keeps padding,
and so wasted matrix work, small.
"""

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np


def length_buckets(lengths: Sequence[int], batch_size: int) -> list[list[int]]:
    """Indices grouped into batches of similar length (longest first, so memory peaks early)."""
    order = sorted(range(len(lengths)), key=lambda index: -lengths[index])
    return [order[start : start + batch_size] for start in range(0, len(order), batch_size)]


def run_bucketed(
    tokenizer: Any,
    texts: Sequence[str],
    forward: Callable[[dict[str, Any]], np.ndarray],
    batch_size: int,
    max_length: int,
) -> np.ndarray:
    """Tokenise, batch by length, run `forward` on each padded batch, return rows in input order.

    `forward` gets the tokenizer's torch tensors and returns one row per text.
    """
    import torch

    encoded = tokenizer(list(texts), truncation=True, max_length=max_length)["input_ids"]
    rows: list[np.ndarray | None] = [None] * len(texts)
    with torch.inference_mode():
        for batch in length_buckets([len(ids) for ids in encoded], batch_size):
            padded = tokenizer.pad(
                {"input_ids": [encoded[index] for index in batch]}, return_tensors="pt"
            )
            for index, row in zip(batch, forward(dict(padded)), strict=True):
                rows[index] = row
    return np.stack(rows) if rows else np.empty((0, 0), dtype=np.float32)
