"""Metrics, CSV reading, and the head's storage."""

from pathlib import Path

import numpy as np
import pytest

from sentiment.base import LABELS, Label
from sentiment.dataset import DatasetError, read_labelled_csv, read_many
from sentiment.head import LinearHead, head_revision
from sentiment.metrics import score


def test_scores_from_a_known_confusion() -> None:
    truth: list[Label] = ["positive", "positive", "neutral", "negative", "negative", "negative"]
    predicted: list[Label] = ["positive", "negative", "neutral", "negative", "negative", "neutral"]
    scores = score(truth, predicted)
    assert scores.accuracy == pytest.approx(4 / 6)
    assert scores.precision["positive"] == 1.0
    assert scores.recall["positive"] == 0.5
    assert scores.precision["negative"] == pytest.approx(2 / 3)
    assert scores.recall["neutral"] == 1.0
    f1 = [2 / 3, 2 / 3, 2 / 3]  # positive, neutral, negative
    assert scores.macro_f1 == pytest.approx(np.mean(f1))
    assert scores.confusion.tolist() == [[1, 0, 1], [0, 1, 0], [0, 1, 2]]


def test_unknown_label_names_file_line_and_choices(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("text,label\nSuper,positive\nNaja,mixed\n", encoding="utf-8")
    with pytest.raises(DatasetError, match=r"bad\.csv, Zeile 3: Label „mixed“.*positive"):
        read_labelled_csv(path)


def test_missing_columns_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("satz,stimmung\nSuper,positive\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="text,label"):
        read_labelled_csv(path)


def test_rows_repeated_across_files_are_kept_once(tmp_path: Path) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text('text,label\n"Super, danke",positive\nWann?,neutral\n', encoding="utf-8")
    second.write_text('text,label\n"Super, danke",positive\nMies,negative\n', encoding="utf-8")
    assert [row.text for row in read_many([first, second])] == ["Super, danke", "Wann?", "Mies"]


def test_head_round_trip_and_revision(tmp_path: Path) -> None:
    rng = np.random.default_rng(1)
    head = LinearHead(weight=rng.normal(size=(3, 8)), bias=rng.normal(size=3))
    path = tmp_path / "head.safetensors"
    head.save(path, {"base_revision": "abc"})
    loaded = LinearHead.load(path)
    embeddings = rng.normal(size=(5, 8))
    assert loaded.labels == LABELS
    np.testing.assert_allclose(
        loaded.probabilities(embeddings), head.probabilities(embeddings), rtol=1e-5
    )
    assert head_revision(path, "base-1") != head_revision(path, "base-2")
