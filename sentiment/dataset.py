"""Labelled CSV files (`text,label`) for training and evaluation."""

import csv
from dataclasses import dataclass
from pathlib import Path

from sentiment.base import LABELS, Label
from words.coded import CodedError


class DatasetError(CodedError):
    """A CSV row or header is unusable; the message names file, line and fix."""


@dataclass(frozen=True)
class LabelledText:
    text: str
    label: Label


def read_labelled_csv(path: Path) -> list[LabelledText]:
    """Rows of a `text,label` CSV; blank texts are skipped, unknown labels are an error."""
    rows: list[LabelledText] = []
    with path.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        if not reader.fieldnames or not {"text", "label"} <= set(reader.fieldnames):
            raise DatasetError("dataset.header", path=str(path), found=str(reader.fieldnames))
        for line, row in enumerate(reader, start=2):
            text, label = (row["text"] or "").strip(), (row["label"] or "").strip().lower()
            if not text:
                continue
            if label not in LABELS:
                raise DatasetError(
                    "dataset.label",
                    path=str(path),
                    line=line,
                    label=row["label"],
                    known=", ".join(LABELS),
                )
            rows.append(LabelledText(text, label))  # type: ignore[arg-type]
    return rows


def read_many(paths: list[Path]) -> list[LabelledText]:
    """All rows of several files, exact duplicates (same text and label) kept once."""
    seen: dict[tuple[str, str], LabelledText] = {}
    for path in paths:
        for row in read_labelled_csv(path):
            seen.setdefault((row.text, row.label), row)
    return list(seen.values())
