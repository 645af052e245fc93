"""Every word a person reads, in one catalogue with one lookup (`t`).

A neutral package: it imports nothing of the project, so content, connectors, sentiment
and campaign may all word their messages through it (the import-linter contracts in
pyproject.toml keep it so). Content and the daemon keep *codes with parameters* (a rule, a
reason) and word them when shown, in the reader's language.
"""

from words.catalogue import CATALOGUE, compose, t, template
from words.language import LANGUAGES, choose_language, language

__all__ = ["CATALOGUE", "LANGUAGES", "choose_language", "compose", "language", "t", "template"]
