"""Threat scoring: likelihood × impact, both 1-5, chosen by their French labels."""

from __future__ import annotations

from .enums import RiskLevel


def score(likelihood: int, impact: int) -> int:
    return int(likelihood) * int(impact)


def level_for_score(value: int) -> RiskLevel:
    if value <= 4:
        return RiskLevel.LOW
    if value <= 9:
        return RiskLevel.MEDIUM
    if value <= 16:
        return RiskLevel.HIGH
    return RiskLevel.CRITICAL


def level(likelihood: int, impact: int) -> RiskLevel:
    return level_for_score(score(likelihood, impact))
