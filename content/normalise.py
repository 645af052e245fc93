"""The one normal form every text is checked, split and sent in.

Checking a decomposed "ä" (two code points) but sending a composed one, or counting trailing
spaces a platform strips, makes the checked length differ from the sent one.
"""

import unicodedata


def normalise(text: str) -> str:
    """NFC (so ä is one code point everywhere), trailing whitespace removed from every line."""
    lines = unicodedata.normalize("NFC", text).split("\n")
    return "\n".join(line.rstrip() for line in lines).rstrip()
