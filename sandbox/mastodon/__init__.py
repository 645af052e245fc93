"""Parts of the Mastodon sandbox: its records, their JSON shapes and the text rules."""
