"""Explicit download of a hub model into the Hugging Face cache (needs internet, once)."""

from pathlib import Path

from sentiment.errors import ModelNotAvailable
from words.coded import Coded


def fetch_model(model: str) -> Path:
    """Download `model` (all files) into the cache the offline loader reads from."""
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import HfHubHTTPError, LocalEntryNotFoundError

    try:
        return Path(snapshot_download(repo_id=model))
    except (HfHubHTTPError, LocalEntryNotFoundError, OSError) as error:
        raise ModelNotAvailable(
            model,
            Coded("sentiment.reason.download", {"error": f"{type(error).__name__}: {error}"}),
            Coded("sentiment.remedy.check_id"),
        ) from error
