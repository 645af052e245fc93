"""German sentiment for replies: one `Classifier` interface, loaded from `SentimentSettings`.

Importing this package is cheap on purpose (the daemon reads its settings at start and
must stay small until replies wait): `load_classifier` lives in `sentiment.loader`, and
numpy, torch and transformers load only when it is called.
"""

from sentiment.base import Classifier, Label, SentimentResult
from sentiment.errors import ModelNotAvailable, SentimentError
from sentiment.settings import SentimentSettings

__all__ = [
    "Classifier",
    "Label",
    "ModelNotAvailable",
    "SentimentError",
    "SentimentResult",
    "SentimentSettings",
]
