"""Weekly engagement summaries: SQL aggregates, frozen figures, Markdown/HTML/CSV renderers."""
