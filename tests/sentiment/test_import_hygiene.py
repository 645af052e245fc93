"""Importing the sentiment package or its CLI must not load torch or transformers."""

import subprocess
import sys


def test_importing_sentiment_and_its_cli_stays_light() -> None:
    code = (
        "import sys, sentiment, campaign.cli.sentiment; "
        "heavy = sorted(m for m in ('torch', 'transformers', 'textual') if m in sys.modules); "
        "print(','.join(heavy))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == ""
