"""The national threat typology: fixed codes, the same in every database so that records merge.

Seeded from the ACLED codebook and Sahel realities (DOMAIN.md). A committee may add local
sub-types, each mapped to a national one; national codes never change once shipped.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ThreatTypeSeed:
    code: str
    label: str
    parent: str | None = None


_TYPES: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("VCC", "Violences contre les civils", [
        ("VCC.ATT", "Attaque contre des civils"),
        ("VCC.ENL", "Enlèvement"),
        ("VCC.VSBG", "Violences sexuelles et basées sur le genre"),
    ]),
    ("EEI", "Engins explosifs et tirs indirects", [
        ("EEI.MIN", "EEI et mines"),
        ("EEI.OBU", "Tirs indirects (obus)"),
    ]),
    ("AFF", "Affrontements armés", [
        ("AFF.AFF", "Affrontement armé"),
        ("AFF.OCC", "Occupation par un groupe armé"),
    ]),
    ("CRI", "Criminalité", [
        ("CRI.BAN", "Banditisme armé et coupeurs de route"),
        ("CRI.BET", "Vol de bétail"),
        ("CRI.MOT", "Vols de motos"),
        ("CRI.CAM", "Cambriolages"),
        ("CRI.DRO", "Trafic de drogue"),
        ("CRI.ALPC", "Circulation illicite d'armes légères et de petit calibre (ALPC)"),
        ("CRI.CON", "Contrebande"),
    ]),
    ("COM", "Conflits communautaires", [
        ("COM.AGE", "Conflits agriculteurs-éleveurs"),
        ("COM.DEG", "Dégâts champêtres"),
        ("COM.FON", "Conflits fonciers"),
        ("COM.INT", "Tensions intercommunautaires"),
        ("COM.CHE", "Conflits de chefferie"),
    ]),
    ("EXT", "Extrémisme violent", [
        ("EXT.REC", "Recrutement de jeunes"),
        ("EXT.MEN", "Menaces"),
        ("EXT.ZAK", "Prélèvements forcés (zakat)"),
        ("EXT.BLO", "Blocus"),
    ]),
    ("GOU", "Gouvernance", [
        ("GOU.FDS", "Tensions FDS-population"),
        ("GOU.ETA", "Faible présence des services de l'État"),
    ]),
    ("MAN", "Manifestations et émeutes", [
        ("MAN.MAN", "Manifestation"),
        ("MAN.EME", "Émeute"),
    ]),
    ("NAT", "Risques naturels et sanitaires", [
        ("NAT.INO", "Inondation"),
        ("NAT.SEC", "Sécheresse"),
        ("NAT.FEU", "Feux de brousse"),
        ("NAT.EPI", "Épidémie"),
    ]),
    ("PAI", "Indicateurs de paix", [
        ("PAI.INI", "Initiatives locales de paix"),
        ("PAI.MAR", "Marchés ouverts"),
        ("PAI.RET", "Retours de déplacés"),
    ]),
]


def national_types() -> list[ThreatTypeSeed]:
    """Every national type and sub-type, parents first."""
    seeds: list[ThreatTypeSeed] = []
    for code, label, subs in _TYPES:
        seeds.append(ThreatTypeSeed(code, label, None))
        seeds.extend(ThreatTypeSeed(sc, sl, code) for sc, sl in subs)
    return seeds


NATIONAL_CODES = frozenset(s.code for s in national_types())
