"""Key descriptions in the reader's language, worded when they are shown.

Our bindings carry catalogue keys as descriptions ("key.quit"), so no label is fixed when
a module is imported; Textual's widgets carry English descriptions ("Cursor up"), which
map to `textual.<description in snake case>`. Footer and keys panel both read
`Screen.active_bindings`, so a screen that words its active bindings words both.
"""

from __future__ import annotations

import dataclasses
import re

from textual.binding import ActiveBinding, Binding

from words import CATALOGUE, t

_NOT_A_WORD = re.compile(r"[^a-z0-9]+")


def textual_key(description: str) -> str:
    """The catalogue key of one of Textual's own English descriptions."""
    return "textual." + _NOT_A_WORD.sub("_", description.lower()).strip("_")


def worded(text: str) -> str:
    """A description or tooltip in words: a catalogue key, one of Textual's descriptions,
    or (when neither) as it is."""
    if not text:
        return text
    if text in CATALOGUE:
        return t(text)
    key = textual_key(text)
    return t(key) if key in CATALOGUE else text


def worded_binding(binding: Binding) -> Binding:
    """`binding` with its description, tooltip and footer group in words."""
    group = binding.group
    if group is not None:
        group = dataclasses.replace(group, description=worded(group.description))
    return dataclasses.replace(
        binding,
        description=worded(binding.description),
        tooltip=worded(binding.tooltip),
        group=group,
    )


class WordedBindings:
    """Mixin for a Screen: its active bindings (footer, keys panel) worded."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        active: dict[str, ActiveBinding] = super().active_bindings  # type: ignore[misc]
        return {
            key: ActiveBinding(node, worded_binding(binding), enabled, worded(tooltip))
            for key, (node, binding, enabled, tooltip) in active.items()
        }
