"""What the Bluesky sandbox knows of atproto's syntax, written from its specifications."""
