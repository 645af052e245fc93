"""The layering of DESIGN.md, enforced by the import-linter contracts in pyproject.toml:
content, connectors and sentiment never import campaign nor each other, the sandbox imports
none of the project's packages, and only campaign.tui imports textual."""

from __future__ import annotations

from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).parents[1]


def test_every_import_contract_is_kept() -> None:
    assert lint_imports(str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True) == 0
