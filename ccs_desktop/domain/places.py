"""What the place names say about administration: the District of Bamako, urban communes.

The shipped lists (resources/data) name regions, cercles and communes but not whether a
commune is urban: the urban communes are the communes de plein exercice of the old
"communes urbaines" (chefs-lieux of regions and of the oldest cercles) and the six communes of
the District of Bamako. Any other commune is rural unless the profile says otherwise.
"""

from __future__ import annotations

import unicodedata

BAMAKO = "Bamako"

_URBAN = {
    "kayes", "kita", "nioro", "nioro du sahel", "bafoulabe", "koulikoro", "kati", "sikasso",
    "koutiala", "bougouni", "segou", "san", "mopti", "djenne", "tombouctou", "gao", "kidal",
    "menaka", "taoudenit", "dioila", "nara", "bandiagara", "douentza", "kadiolo", "kolokani",
    "commune i", "commune ii", "commune iii", "commune iv", "commune v", "commune vi",
}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", (text or "").strip().lower())
    return "".join(c for c in text if not unicodedata.combining(c))


def is_bamako_district(region: str) -> bool:
    """The District of Bamako: no cercle, its communes numbered I to VI."""
    return _fold(region) in ("bamako", "district de bamako")


def commune_kind_of(region: str, cercle: str, commune: str) -> str:
    """"urbaine" or "rurale" for a commune of the place lists."""
    if is_bamako_district(region) or _fold(commune) in _URBAN:
        return "urbaine"
    return "rurale"
