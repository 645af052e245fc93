"""Listening to the city: what to follow, how it is collected and stored, what it costs."""
