"""The standing items of a meeting's agenda, worded for the committee's level: a CCSR
(region, chaired by the Governor) speaks of the region, a CCSCE of the cercle, a CCSC of the
commune. Data: French by design (agenda items are written into the minutes)."""

from __future__ import annotations

ADOPTION_ITEM = "Lecture et adoption du procès-verbal de la réunion précédente"
FOLLOWUP_ITEM = "Suivi des recommandations"
MISC_ITEM = "Divers"

_OF_LEVEL = {"region": "de la région", "cercle": "du cercle", "commune": "de la commune"}


def security_item(level: str | None) -> str:
    """"Situation sécuritaire de la région" (CCSR), "… du cercle", "… de la commune"."""
    return f"Situation sécuritaire {_OF_LEVEL.get(level or 'commune', 'de la commune')}"


def standing_items(level: str | None = "commune") -> tuple[str, str, str, str]:
    """Adoption of the previous PV, the security situation, follow-up, miscellaneous."""
    return (ADOPTION_ITEM, security_item(level), FOLLOWUP_ITEM, MISC_ITEM)


#: every wording a standing item takes, at any level
ALL_STANDING_ITEMS = frozenset(
    {ADOPTION_ITEM, FOLLOWUP_ITEM, MISC_ITEM, *(security_item(lv) for lv in _OF_LEVEL)})
