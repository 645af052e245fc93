"""The layering of DESIGN.md, enforced by the import-linter contracts in pyproject.toml:
content, connectors and sentiment never import campaign nor each other, the sandbox imports
none of the project's packages, and only campaign.tui imports textual; the TUI, the CLI and
the demo reach the database through services only."""

from __future__ import annotations

import ast
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).parents[1]


def test_every_import_contract_is_kept() -> None:
    assert lint_imports(str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True) == 0


CAMPAIGN = ROOT / "campaign"
THIN_SURFACES = (CAMPAIGN / "tui", CAMPAIGN / "cli", CAMPAIGN / "demo.py")
"""What a person drives: they call services and hold no query of their own."""
QUERY_METHODS = {"execute", "scalar", "scalars", "get", "get_one"}


def _surface_files() -> list[Path]:
    files: list[Path] = []
    for place in THIN_SURFACES:
        files += sorted(place.rglob("*.py")) if place.is_dir() else [place]
    return files


def _queries(tree: ast.AST) -> list[str]:
    """Imports of SQLAlchemy's query builders and calls such as `session.execute(...)`."""
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy"):
            found += [
                f"line {node.lineno}: from {node.module} import {alias.name}"
                for alias in node.names
                if alias.name not in {"Session"}
            ]
        elif isinstance(node, ast.Import):
            found += [
                f"line {node.lineno}: import {alias.name}"
                for alias in node.names
                if alias.name.startswith("sqlalchemy")
            ]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in QUERY_METHODS
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "session"
        ):
            found.append(f"line {node.lineno}: session.{node.func.attr}(…)")
    return found


def test_the_tui_the_cli_and_the_demo_hold_no_queries() -> None:
    problems = {
        str(path.relative_to(ROOT)): found
        for path in _surface_files()
        if (found := _queries(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert problems == {}


def test_the_query_check_sees_a_query() -> None:
    source = "from sqlalchemy import select\nsession.execute(select(Post))\n"
    assert len(_queries(ast.parse(source))) == 2
