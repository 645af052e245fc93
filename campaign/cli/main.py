"""The `leuchtturm` command: one Typer app that mounts one sub-app per area."""
