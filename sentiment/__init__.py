"""German sentiment for replies: one `Classifier` interface, loaded from `SentimentSettings`.

Importing this package is cheap: torch and transformers load only inside `load_classifier`.
"""

from sentiment.base import Classifier, Label, SentimentResult
from sentiment.errors import ModelNotAvailable, SentimentError
from sentiment.loader import load_classifier
from sentiment.settings import SentimentSettings

__all__ = [
    "Classifier",
    "Label",
    "ModelNotAvailable",
    "SentimentError",
    "SentimentResult",
    "SentimentSettings",
    "load_classifier",
]
