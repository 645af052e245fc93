"""`python -m campaign.cli`: the `leuchtturm` command without an installed script."""

from campaign.cli.main import run

run()
