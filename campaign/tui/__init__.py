"""The Textual terminal UI: a thin layer over the services, with database calls in workers."""
