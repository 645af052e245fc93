"""`load_classifier`: settings in, a ready `Classifier` out, offline and without surprises.

torch and transformers are imported inside the functions: the CLI and the daemon must start
fast, and only the code that actually classifies pays for them.
"""

import hashlib
from pathlib import Path

from sentiment.base import Classifier
from sentiment.classifier import BatchClassifier
from sentiment.convert import converted_revision
from sentiment.embedded import EMBEDDED_NAME, HEAD_PATH, EmbeddingHeadScorer, ensure_embedded_base
from sentiment.encoder import SentenceEncoder, quantise_linear_layers
from sentiment.errors import ModelNotAvailable
from sentiment.head import LinearHead, head_revision
from sentiment.settings import SentimentSettings
from sentiment.transformers_backend import SequenceClassificationScorer
from words.coded import Coded

EMBEDDED = "embedded"


def _configure_libraries(settings: SentimentSettings) -> None:
    """Thread count for torch; no progress bars, which would litter daemon logs and CLI output."""
    import torch
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    if settings.threads is not None:
        torch.set_num_threads(settings.threads)


def _load_embedded(settings: SentimentSettings) -> Classifier:
    if not HEAD_PATH.is_file():
        raise ModelNotAvailable(
            EMBEDDED,
            Coded("sentiment.reason.no_head", {"path": str(HEAD_PATH)}),
            Coded("sentiment.remedy.train"),
        )
    folder = ensure_embedded_base()
    encoder = SentenceEncoder.load(folder, quantize=settings.quantize)
    scorer = EmbeddingHeadScorer(
        encoder, LinearHead.load(HEAD_PATH), settings.batch_size, settings.max_length
    )
    revision = head_revision(HEAD_PATH, converted_revision(folder))
    return BatchClassifier(scorer, EMBEDDED_NAME, revision)


def _folder_revision(folder: Path) -> str:
    """A local folder has no commit: hash its config and the names and sizes of its files."""
    digest = hashlib.sha256((folder / "config.json").read_bytes())
    for path in sorted(folder.iterdir()):
        digest.update(f"{path.name}:{path.stat().st_size}".encode())
    return digest.hexdigest()[:12]


def _looks_like_path(model: str) -> bool:
    """Hub ids are `owner/name`; anything else with slashes, or relative, is meant as a folder."""
    return model.startswith((".", "/", "~")) or model.count("/") > 1


def _load_sequence_classifier(settings: SentimentSettings) -> Classifier:
    model_id = settings.model
    folder = Path(model_id).expanduser()
    if not folder.is_dir() and _looks_like_path(model_id):
        raise ModelNotAvailable(
            model_id,
            Coded("sentiment.reason.no_folder", {"folder": str(folder)}),
            Coded("sentiment.remedy.config"),
        )
    source = str(folder) if folder.is_dir() else model_id
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    try:
        tokenizer = AutoTokenizer.from_pretrained(source, local_files_only=True)
        model = AutoModelForSequenceClassification.from_pretrained(
            source, local_files_only=True
        ).eval()
    except OSError as error:
        reason = (
            Coded("sentiment.reason.not_in_folder", {"folder": str(folder)})
            if folder.is_dir()
            else Coded("sentiment.reason.not_in_cache")
        )
        raise ModelNotAvailable(model_id, reason) from error
    if settings.quantize:
        model = quantise_linear_layers(model)
    revision = (
        _folder_revision(folder)
        if folder.is_dir()
        else str(getattr(model.config, "_commit_hash", None) or "unknown")[:12]
    )
    scorer = SequenceClassificationScorer(
        model_id, tokenizer, model, settings.batch_size, settings.max_length
    )
    return BatchClassifier(scorer, model_id, revision)


def load_classifier(settings: SentimentSettings) -> Classifier:
    """The classifier `settings.model` names; raises ModelNotAvailable instead of downloading."""
    _configure_libraries(settings)
    if settings.model == EMBEDDED:
        return _load_embedded(settings)
    return _load_sequence_classifier(settings)
