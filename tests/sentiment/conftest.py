"""A tiny, real transformers sequence-classification model built in a temporary folder.

Random weights, a word-level vocabulary, three labels: small enough to build in milliseconds,
real enough to exercise the loading, batching, truncation and label-mapping code.
"""

from collections.abc import Callable
from pathlib import Path

import pytest

WORDS = [
    "super",
    "toll",
    "danke",
    "schlecht",
    "mies",
    "nicht",
    "wann",
    "wo",
    "container",
    "stadt",
    "job",
    "arbeit",
    "ist",
    "das",
]
Id2Label = dict[int, str]
TinyModelFactory = Callable[..., Path]


def build_tiny_model(
    folder: Path, id2label: Id2Label, winning_column: int | None = None, max_positions: int = 64
) -> Path:
    """Save a BERT classifier + tokenizer; `winning_column` makes that output always win."""
    import torch
    from tokenizers import Tokenizer, models, pre_tokenizers, processors
    from transformers import BertConfig, BertForSequenceClassification, PreTrainedTokenizerFast

    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]"]
    vocab = {token: index for index, token in enumerate(specials + WORDS)}
    backend = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
    backend.pre_tokenizer = pre_tokenizers.Whitespace()
    backend.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", special_tokens=[("[CLS]", 2), ("[SEP]", 3)]
    )
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=backend,
        pad_token="[PAD]",
        unk_token="[UNK]",
        cls_token="[CLS]",
        sep_token="[SEP]",
    )
    config = BertConfig(
        vocab_size=len(vocab),
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=max_positions,
        id2label=id2label,
        label2id={label: index for index, label in id2label.items()},
    )
    torch.manual_seed(0)
    model = BertForSequenceClassification(config)
    if winning_column is not None:
        with torch.no_grad():
            model.classifier.weight.zero_()
            model.classifier.bias.zero_()
            model.classifier.bias[winning_column] = 5.0
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


@pytest.fixture
def tiny_model(tmp_path: Path) -> TinyModelFactory:
    """Factory: `tiny_model(id2label, winning_column=None)` → folder path."""
    counter = iter(range(1000))

    def factory(id2label: Id2Label | None = None, winning_column: int | None = None) -> Path:
        labels = id2label or {0: "negative", 1: "neutral", 2: "positive"}
        return build_tiny_model(tmp_path / f"model-{next(counter)}", labels, winning_column)

    return factory
