"""The service layer: the only code that writes the database.

The CLI, the TUI and the daemon call these functions and never write SQL of their own,
so every change goes through the same validation and lands in the same audit log.
"""
