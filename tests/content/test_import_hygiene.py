"""content/ stays a leaf: no heavy libraries, no other Leuchtturm package, fast to import."""

import subprocess
import sys

FORBIDDEN = ["torch", "transformers", "textual", "campaign", "connectors", "sentiment"]


def _modules_after_import(module: str) -> set[str]:
    script = f"import sys, {module}; print('\\n'.join(sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return {name.split(".")[0] for name in result.stdout.split()}


def test_content_imports_nothing_forbidden() -> None:
    loaded = _modules_after_import("content.check, content.render, content.thread, content.plan")
    assert loaded.isdisjoint(FORBIDDEN)


def test_check_and_plan_do_not_load_the_bluesky_sdk() -> None:
    # The CLI's `content check` and `campaign import` should start fast; only rendering a
    # Bluesky variant needs the atproto SDK's facet detection.
    loaded = _modules_after_import("content.check, content.plan, content.thread")
    assert "atproto_client" not in loaded
