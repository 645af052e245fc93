"""The X sandbox's parts: what X accepts, its records and its error answers."""
