"""Sentiment speed: Leuchtturm's classifier against the naive transformers path.

Same model (the embedded e5-small with the German head), same texts, one run. The naive path
is what `germansentiment` does: a `transformers.pipeline` called one text at a time. Ours
batches by length under `torch.inference_mode`. Ends with `name: value` lines.

    .venv/bin/python -m benchmarks.sentiment [--texts 300] [--batch-size 32]

(Run as a module: started as a file, this script would shadow the `sentiment` package.)
"""

import argparse
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from sentiment import SentimentSettings
from sentiment.base import Label
from sentiment.dataset import read_many
from sentiment.embedded import HEAD_PATH, TRAINING_DATA_DIR, ensure_embedded_base
from sentiment.encoder import QUERY_PREFIX
from sentiment.head import LinearHead
from sentiment.loader import load_classifier
from sentiment.preprocess import normalise

DEV_SET = Path(__file__).resolve().parent.parent / "tests" / "sentiment" / "data"


def benchmark_texts(count: int) -> list[str]:
    """Distinct replies (duplicates would flatter our de-duplication), shuffled reproducibly."""
    rows = read_many(sorted(TRAINING_DATA_DIR.glob("*.csv")) + sorted(DEV_SET.glob("*.csv")))
    texts = sorted({row.text for row in rows})
    np.random.default_rng(0).shuffle(texts)
    return texts[:count]


def naive_classifier() -> Callable[[str], Label]:
    """feature-extraction pipeline per text, mean pooling and the same head, as a user would."""
    from transformers import pipeline

    folder = ensure_embedded_base()
    extract = pipeline("feature-extraction", model=str(folder), tokenizer=str(folder))
    head = LinearHead.load(HEAD_PATH)

    def classify(text: str) -> Label:
        tokens = np.asarray(extract(QUERY_PREFIX + normalise(text))[0])
        pooled = tokens.mean(axis=0)
        pooled /= np.linalg.norm(pooled)
        return head.labels[int(head.probabilities(pooled[None, :]).argmax())]

    return classify


def timed(run: Callable[[], list[Label]]) -> tuple[list[Label], float]:
    started = time.perf_counter()
    labels = run()
    return labels, time.perf_counter() - started


def agreement(first: Sequence[Label], second: Sequence[Label]) -> float:
    return sum(a == b for a, b in zip(first, second, strict=True)) / len(first)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=300)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()
    texts = benchmark_texts(args.texts)

    ours = load_classifier(SentimentSettings(batch_size=args.batch_size))
    quantised = load_classifier(SentimentSettings(batch_size=args.batch_size, quantize=True))
    naive = naive_classifier()
    for warm_up in (lambda: ours.classify(texts[:8]), lambda: [naive(t) for t in texts[:8]]):
        warm_up()

    naive_labels, naive_seconds = timed(lambda: [naive(text) for text in texts])
    our_labels, our_seconds = timed(lambda: [r.label for r in ours.classify(texts)])
    quantised_labels, quantised_seconds = timed(
        lambda: [r.label for r in quantised.classify(texts)]
    )

    import torch

    figures = {
        "texts": len(texts),
        "torch_threads": torch.get_num_threads(),
        "batch_size": args.batch_size,
        "quantized_texts_per_s": f"{len(texts) / quantised_seconds:.1f}",
        "quantized_label_agreement": f"{agreement(quantised_labels, our_labels):.4f}",
        "label_agreement": f"{agreement(our_labels, naive_labels):.4f}",
        "labels_agree": agreement(our_labels, naive_labels) == 1.0,
        "texts_per_s": f"{len(texts) / our_seconds:.1f}",
        "naive_texts_per_s": f"{len(texts) / naive_seconds:.1f}",
        "speedup_vs_naive": f"{naive_seconds / our_seconds:.2f}",
    }
    for name, value in figures.items():
        print(f"{name}: {value}")


if __name__ == "__main__":
    main()
