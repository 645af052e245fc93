"""Privacy by design: retention of citizens' posts, their export and erasure on request."""
