"""The sandbox is written from the platforms' documentation, never from our own code.

If it imported `connectors/` (or `campaign/`, `content/`), a wrong rule would be agreed on
by both sides and no test would notice; so nothing under sandbox/ may import them.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]
OURS = ("connectors", "campaign", "content", "sentiment")


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_sandbox_module_names_our_packages_in_an_import() -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            name for name in _imported_modules(path) if name.split(".")[0] in OURS
        )
        for path in sorted((ROOT / "sandbox").rglob("*.py"))
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_importing_the_whole_sandbox_loads_none_of_our_packages() -> None:
    modules = sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for path in (ROOT / "sandbox").rglob("*.py")
        if path.name != "__main__.py"
    )
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {OURS!r}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=True,
    )
    assert result.stdout.strip() == "[]"
