"""The French the interface shows is typeset (issue 14: po/typeset.py, the documents'
typography): tests write the expected French as one types it ("n'est pas", "Motif : x") and
compare with fr(expected), the same text set by the same function. A wrong text still
fails; so does a text the catalog left untypeset."""

from __future__ import annotations

from ccs_desktop.domain.french import message_typography


def fr(text: str) -> str:
    """The expected French as the catalog writes it (’, non-breaking spaces)."""
    return message_typography(text)
