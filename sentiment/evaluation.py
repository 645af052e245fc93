"""Evaluation of a classifier on a labelled CSV, against the lexicon baseline."""

from dataclasses import dataclass

from sentiment.base import LABELS, Classifier
from sentiment.baseline import lexicon_labels
from sentiment.dataset import LabelledText
from sentiment.metrics import Scores, score


@dataclass(frozen=True)
class EvaluationReport:
    model: str
    revision: str
    rows: int
    scores: Scores
    baseline: Scores


def evaluate(classifier: Classifier, rows: list[LabelledText]) -> EvaluationReport:
    """Classify every row once and score it, plus the textblob-de lexicon on the same rows."""
    texts = [row.text for row in rows]
    truth = [row.label for row in rows]
    predicted = [result.label for result in classifier.classify(texts)]
    return EvaluationReport(
        model=classifier.name,
        revision=classifier.revision,
        rows=len(rows),
        scores=score(truth, predicted),
        baseline=score(truth, lexicon_labels(texts)),
    )


def _confusion_table(scores: Scores) -> list[str]:
    width = max(len(label) for label in LABELS) + 2
    header = "true \\ predicted".ljust(width + 8) + "".join(label.rjust(width) for label in LABELS)
    lines = [header]
    for label, row in zip(LABELS, scores.confusion, strict=True):
        lines.append(label.ljust(width + 8) + "".join(str(n).rjust(width) for n in row))
    return lines


def format_report(report: EvaluationReport) -> str:
    """Human tables first, then `name: value` lines for scripts and CI."""
    s, b = report.scores, report.baseline
    lines = [f"model {report.model} (revision {report.revision}), {report.rows} rows", ""]
    lines.append(f"{'label':<10}{'precision':>10}{'recall':>10}{'f1':>10}")
    for label in LABELS:
        lines.append(
            f"{label:<10}{s.precision[label]:>10.3f}{s.recall[label]:>10.3f}{s.f1[label]:>10.3f}"
        )
    lines += ["", *_confusion_table(s), ""]
    lines.append(
        f"textblob-de lexicon baseline: accuracy {b.accuracy:.3f}, macro-F1 {b.macro_f1:.3f}"
    )
    lines.append("")
    figures = {
        "rows": str(report.rows),
        **{f"precision_{label}": f"{s.precision[label]:.4f}" for label in LABELS},
        **{f"recall_{label}": f"{s.recall[label]:.4f}" for label in LABELS},
        "baseline_accuracy": f"{b.accuracy:.4f}",
        "baseline_macro_f1": f"{b.macro_f1:.4f}",
        "accuracy": f"{s.accuracy:.4f}",
        "macro_f1": f"{s.macro_f1:.4f}",
    }
    lines += [f"{name}: {value}" for name, value in figures.items()]
    return "\n".join(lines)
