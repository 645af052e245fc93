"""Bluesky through the `atproto` client: one PDS account behind the connector interface."""

from connectors.bluesky.connector import BlueskyConnector

__all__ = ["BlueskyConnector"]
