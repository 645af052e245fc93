"""The live wall: a read-only, moderated web page for the event studio's screen.

Only this package imports the web stack (Starlette, uvicorn, Jinja2, sse-starlette), and
only in `server`; the CLI imports it when `leuchtturm wall` starts, so the other commands,
the daemon and the TUI never load it.
"""
