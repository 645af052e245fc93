"""Only `campaign.wall` loads the web stack, and only when the wall is served: the CLI, the
daemon, the services and the TUI start without Starlette, uvicorn, Jinja2 or sse-starlette."""

import subprocess
import sys

WEB_STACK = ("starlette", "uvicorn", "jinja2", "sse_starlette")


def _web_modules_after_import(modules: str) -> list[str]:
    script = (
        f"import sys, {modules}; "
        f"print(','.join(sorted(m for m in {WEB_STACK!r} if m in sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    return [name for name in result.stdout.strip().split(",") if name]


def test_the_cli_daemon_services_and_tui_do_not_load_the_web_stack() -> None:
    modules = (
        "campaign.cli.main, campaign.daemon.runner, campaign.services.wall, "
        "campaign.tui.leuchtturm_app, campaign.wall.present"
    )
    assert _web_modules_after_import(modules) == []


def test_the_wall_server_is_what_loads_it() -> None:
    assert _web_modules_after_import("campaign.wall.server") == sorted(WEB_STACK)
