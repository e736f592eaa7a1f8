"""The coherence warnings (services/coherence.py) shown before an action: the secretary fixes
what is wrong (the safe answer, the default) or confirms."""

from __future__ import annotations

from typing import Any, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from .. import prompts

translate = QCoreApplication.translate


def confirm_despite(parent: QWidget | None, warnings: Sequence[Any], question: str,
                    yes_text: str, *, always: bool = False) -> bool:
    """True to go on. Asks when there are warnings (listed first), or always (an action that
    cannot be undone); « Annuler », the default, goes back to fix them."""
    if not warnings and not always:
        return True
    parts = []
    if warnings:
        parts.append(translate("Coherence", "Check these points first:"))
        parts.append("\n".join(f"• {w.text}" for w in warnings))
    parts.append(question)
    return prompts.current().ask_yes_no(
        parent, translate("Coherence", "Before going on"), "\n\n".join(parts),
        yes_text=yes_text, warning=True)
