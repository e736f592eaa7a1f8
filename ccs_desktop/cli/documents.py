"""Subcommands added by a later issue."""

from __future__ import annotations


def register(sub) -> None:  # noqa: ANN001
    """Add this module's subcommands to the `ccs` parser."""
