"""The `[sentiment]` section of config.toml: which model judges replies, and how fast."""

from pydantic import BaseModel, Field


class SentimentSettings(BaseModel):
    """Model choice and inference knobs; the campaign config composes this as `[sentiment]`."""

    model: str = "embedded"
    """`embedded` (the bundled multilingual-e5-small with the project's German head), a local
    folder holding a sequence-classification model, or a Hugging Face hub id already in the cache
    (fetch it once with `leuchtturm sentiment fetch MODEL`)."""

    batch_size: int = Field(default=32, ge=1, le=1024)
    """Texts per forward pass; bigger batches are faster until memory runs short."""

    threads: int | None = Field(default=None, ge=1)
    """CPU threads for torch; None keeps torch's default (all cores)."""

    quantize: bool = False
    """Dynamic int8 quantisation of the linear layers: faster on CPU, check `eval` before use."""

    max_length: int = Field(default=256, ge=8, le=512)
    """Token limit per reply; longer replies are shortened (start and end kept) before this."""
