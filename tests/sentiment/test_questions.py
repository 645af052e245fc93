"""Question detection measured on German replies labelled by hand.

tests/sentiment/questions/questions_de.csv holds real questions (with and without a question
mark, "Weiß jemand, ob …", indirect ones), requests for information, rhetorical questions,
irony, imperatives and statements that open like questions ("Wie immer."). Its last 45
rows were written after the detector, to see how it meets phrasing it was not built on.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from sentiment.questions import is_question

DATA = Path(__file__).parent / "questions" / "questions_de.csv"


def _rows() -> list[dict[str, str]]:
    with DATA.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_set_is_large_and_covers_every_kind() -> None:
    rows = _rows()
    assert len(rows) >= 150
    kinds = {row["kind"] for row in rows}
    assert {"frage", "ohne_fragezeichen", "rhetorisch", "ironie", "imperativ"} <= kinds
    assert {row["question"] for row in rows} == {"0", "1"}


def test_precision_and_recall_reach_nine_in_ten() -> None:
    rows = _rows()
    predicted = [is_question(row["text"]) for row in rows]
    actual = [row["question"] == "1" for row in rows]
    hits = sum(p and a for p, a in zip(predicted, actual, strict=True))
    precision = hits / sum(predicted)
    recall = hits / sum(actual)
    assert precision >= 0.9, precision
    assert recall >= 0.9, recall


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("Schlecht organisiert, schlecht kommuniziert. Wie immer.", False),
        ("Wer braucht sowas?", False),
        ("Macht weiter so!", False),
        ("Weiß jemand, ob das bei Regen stattfindet", True),
        ("Wann geht es los", True),
        ("Tolle Aktion 👍 Gibt es das auch in Scharnhorst?", True),
        ("Kann ich nur empfehlen.", False),
    ],
)
def test_named_cases(text: str, asks: bool) -> None:
    assert is_question(text) is asks
