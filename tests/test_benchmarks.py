"""Every benchmark still runs, at a tiny size, and keeps its promised `name: value` lines.

The figures themselves are measured by hand (see the README); what is asserted here is
what a smoke run can prove: the dispatch benchmark's posts all arrive exactly once.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
pytestmark = pytest.mark.slow


def run_benchmark(name: str, *args: str) -> dict[str, str]:
    """Run `python -m benchmarks.NAME ARGS` and return its `name: value` lines."""
    result = subprocess.run(
        [sys.executable, "-m", f"benchmarks.{name}", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    pairs = (line.split(": ", 1) for line in result.stdout.splitlines() if ": " in line)
    return {key: value for key, value in pairs}


def test_dispatch_benchmark_sends_every_post_once() -> None:
    figures = run_benchmark(
        "dispatch", "--posts", "30", "--time-scale", "60", "--idle-seconds", "2"
    )
    assert figures["sent"] == "30"
    assert figures["duplicates"] == "0" and figures["lost"] == "0"
    assert float(figures["lateness_p99_s"]) >= 0 and float(figures["peak_rss_mb"]) > 0
    assert float(figures["idle_cpu_percent"]) >= 0


def test_report_benchmark_times_a_written_report() -> None:
    figures = run_benchmark("report", "--posts", "300", "--replies", "3000")
    assert int(figures["files_written"]) > 0
    assert float(figures["report_seconds"]) > 0


def test_tui_benchmark_reaches_every_screen() -> None:
    figures = run_benchmark("tui", "--posts", "300", "--replies", "3000")
    assert float(figures["first_screen_s"]) > 0
    assert {"switch_queue_s", "switch_inbox_s", "switch_reports_s"} <= set(figures)


def test_sentiment_benchmark_labels_agree_with_the_naive_loop() -> None:
    figures = run_benchmark("sentiment", "--texts", "24")
    assert figures["labels_agree"] == "True"


def test_wall_benchmark_reaches_every_open_wall() -> None:
    figures = run_benchmark("wall", "--clients", "4", "--updates", "2", "--replies", "50")
    assert figures["wall_updates_missed"] == "0"
    assert float(figures["wall_update_p95_s"]) >= 0 and float(figures["wall_rss_mb"]) > 0


def test_listening_benchmark_collects_classifies_and_dispatches() -> None:
    figures = run_benchmark(
        "listening", "--per-hour", "3000", "--minutes", "0.4", "--time-scale", "6", "--posts", "6"
    )
    assert int(figures["tracked"]) > 0 and figures["sent"] == "6"
    assert float(figures["tracked_per_hour"]) > 0
    assert float(figures["classify_lag_p95_s"]) >= 0 and float(figures["lateness_p99_s"]) >= 0
