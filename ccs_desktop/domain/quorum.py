"""The quorum of a meeting, by the committee's rule over its active members: one rule for
the attendance tab, the coherence warnings and the printed PV."""

from __future__ import annotations

from . import enums


def quorum_needed(rule: str | None, value: int | None, active_members: int) -> int:
    """Members present needed: a fixed number, two thirds, or a majority (the default)."""
    if rule == enums.QuorumRule.FIXED.value and value:
        return value
    if rule == enums.QuorumRule.TWO_THIRDS.value:
        return -(-2 * active_members // 3)
    return active_members // 2 + 1 if active_members else 0


def quorum_reached(present: int, needed: int) -> bool:
    return present >= needed > 0 or (needed == 0 and present > 0)
