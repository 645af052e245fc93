"""`leuchtturm sentiment` commands through Typer's runner, on a tiny real model."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from campaign.cli.sentiment import app
from tests.sentiment.conftest import TinyModelFactory

runner = CliRunner()


def test_classify_json_lists_text_label_score_model(tiny_model: TinyModelFactory) -> None:
    folder = tiny_model({0: "positive", 1: "negative", 2: "neutral"}, winning_column=1)
    result = runner.invoke(
        app, ["classify", "--json", "--model", str(folder), "super toll", "das ist mies"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [row["text"] for row in rows] == ["super toll", "das ist mies"]
    assert {row["label"] for row in rows} == {"negative"}
    assert all(row["model"] == str(folder) and 0 < row["score"] <= 1 for row in rows)


def test_eval_ends_with_named_figures(tiny_model: TinyModelFactory, tmp_path: Path) -> None:
    folder = tiny_model(winning_column=2)  # always "positive"
    data = tmp_path / "eval.csv"
    data.write_text(
        "text,label\nsuper toll,positive\ndanke super,positive\nmies,negative\nwann,neutral\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["eval", str(data), "--model", str(folder)])
    assert result.exit_code == 0, result.output
    figures = dict(
        line.split(": ", 1) for line in result.stdout.strip().splitlines()[-11:] if ": " in line
    )
    assert float(figures["accuracy"]) == 0.5
    assert float(figures["macro_f1"]) == pytest.approx((2 / 3) / 3, abs=1e-4)
    assert "baseline_macro_f1" in figures


def test_bad_csv_is_exit_2_without_traceback(tmp_path: Path, tiny_model: TinyModelFactory) -> None:
    data = tmp_path / "eval.csv"
    data.write_text("text,label\nsuper,gut\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(data), "--model", str(tiny_model())])
    assert result.exit_code == 2
    assert "Zeile 2" in result.output and "Traceback" not in result.output


def test_missing_model_is_exit_2_with_the_fetch_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path))
    result = runner.invoke(app, ["classify", "--model", "someone/absent", "hallo"])
    assert result.exit_code == 2
    assert "leuchtturm sentiment fetch someone/absent" in result.output
