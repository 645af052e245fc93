"""Question detection measured on German replies labelled by hand.

Each file in tests/sentiment/questions/ holds real questions (with and without a question
mark, "Weiß jemand, ob …", indirect ones, tag questions), requests for information,
rhetorical questions, irony, imperatives and statements that open like questions
("Wie immer."). A reply is a question when the team should answer it.

questions_de.csv was the tuning set. Each holdout was written before the detector met it,
and scored (precision / recall) when first measured: questions_de_holdout.csv (190 replies in
the campaign's themes, dialect, typos, handles, links) 0.75 / 0.74 on the earlier detector;
questions_de_holdout2.csv (66) 0.79 / 0.81 after the rules were improved on the first;
questions_de_holdout3.csv (68) 0.84 / 0.97 after the second; questions_de_holdout4.csv (62,
formal "Sie", sarcasm) 0.74 / 0.85 after the third. Each was then used to improve the rules in
general ways, so the thresholds below hold on sets the rules have met: on unseen replies
rhetorical questions still cost precision, the last measured unseen figure is 0.74 / 0.85.

`python -m tests.sentiment.test_questions` prints the figures for every file.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from sentiment.questions import is_question

FOLDER = Path(__file__).parent / "questions"
#: Each file and the least number of replies it must hold.
SETS = {
    "questions_de.csv": 150,
    "questions_de_holdout.csv": 160,
    "questions_de_holdout2.csv": 60,
    "questions_de_holdout3.csv": 60,
    "questions_de_holdout4.csv": 60,
}


def _rows(name: str) -> list[dict[str, str]]:
    with (FOLDER / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def precision_and_recall(name: str) -> tuple[float, float]:
    """How many replies the detector calls questions are ones, and how many it finds."""
    rows = _rows(name)
    predicted = [is_question(row["text"]) for row in rows]
    actual = [row["question"] == "1" for row in rows]
    hits = sum(p and a for p, a in zip(predicted, actual, strict=True))
    return hits / max(1, sum(predicted)), hits / sum(actual)


def test_every_labelled_file_is_measured() -> None:
    assert {path.name for path in FOLDER.glob("*.csv")} == set(SETS)


@pytest.mark.parametrize(("name", "size"), SETS.items())
def test_the_set_is_large_and_labelled(name: str, size: int) -> None:
    rows = _rows(name)
    assert len(rows) >= size
    assert {row["question"] for row in rows} == {"0", "1"}
    share = sum(row["question"] == "1" for row in rows) / len(rows)
    assert 0.35 <= share <= 0.65, share
    kinds = {row["kind"] for row in rows}
    assert {"frage", "ohne_fragezeichen", "rhetorisch", "aussage"} <= kinds


def test_the_tuning_set_covers_every_kind() -> None:
    kinds = {row["kind"] for row in _rows("questions_de.csv")}
    assert {"frage", "ohne_fragezeichen", "rhetorisch", "ironie", "imperativ"} <= kinds


@pytest.mark.parametrize("name", SETS)
def test_precision_and_recall_reach_nine_in_ten(name: str) -> None:
    precision, recall = precision_and_recall(name)
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
        # A handle or a greeting before the question word.
        ("@todo_dortmund wann öffnet der Container", True),
        ("Sagt mal, läuft das Studio auch am Wochenende", True),
        # One letter wrong in the verb, in a reply written in lower case.
        ("wo kan man sich anmelden", True),
        # A capitalised noun is no mistyped verb.
        ("Was für eine geile Aktion, war gestern da!", False),
        # Requests for information, also with a full stop.
        ("Hallo, ich suche eine Umschulung im Bereich Pflege.", True),
        ("Hab keine Bestätigung bekommen. Könnt ihr mal nachschauen.", True),
        ("Infos zu Klimajobs für Quereinsteiger wären super", True),
        ("Nur eins verstehe ich nicht: wo melde ich mich als Betrieb an.", True),
        ("Weiß nicht wo ich anfangen soll, hat jemand nen Tipp", True),
        # Tag questions ask for confirmation, unless they cap a complaint.
        ("Die Jobmesse ist doch kostenlos, oder?", True),
        ("Der Container steht ab Montag am Friedensplatz, gell?", True),
        ("Das ist doch wieder nur Show für die Presse, oder?", False),
        ("Wieder so ein Projekt ohne Folgen, oder wie?", False),
        # Sarcasm, irony markers and questions the writer answers.
        ("Toll, und dann?", False),
        ("Klimajobs. Aha. Und wer bezahlt die Wärmepumpe?", False),
        ("Und wer fragt die Leute am Band? Niemand, wie immer.", False),
        ("Und wer hat was davon? Die Beraterfirma.", False),
        ("Wer ist Ansprechpartner für Betriebe? Danke!", True),
        ("Neue Arbeit? Welche Arbeit denn, die Stahlwerke sind zu.", False),
        ("Was genau macht man im Container-Studio? Podcast?", True),
        ("Warum ich das schreibe? Weil ich da eine Stelle gefunden habe!", False),
        ("Wer hätte gedacht, dass ich mit 61 nochmal was lerne 😄", False),
        ("Seh ich genauso wie @MariaK.", False),
        # A follow-up question narrows the question down; it does not answer it.
        ("Wer organisiert eigentlich die Jobmesse? Stadt oder IHK?", True),
        ("Können Sie mir mitteilen bis wann die Anmeldung möglich ist.", True),
        ("Seit wann hört die Stadt auf Bürger? 😂", False),
        ("Ernsthaft jetzt? Ein Container als Zukunft der Arbeit?", False),
    ],
)
def test_named_cases(text: str, asks: bool) -> None:
    assert is_question(text) is asks


if __name__ == "__main__":
    for name in SETS:
        precision, recall = precision_and_recall(name)
        print(f"{name.removesuffix('.csv')}_precision: {precision:.3f}")
        print(f"{name.removesuffix('.csv')}_recall: {recall:.3f}")
