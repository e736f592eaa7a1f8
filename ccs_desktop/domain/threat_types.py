"""The national threat typology: fixed codes, the same in every database so that records merge.

Seeded from the ACLED codebook and Sahel realities (DOMAIN.md). A committee may add local
sub-types, each mapped to a national one; national codes never change once shipped.

The labels are declared once, here, in English (`N_` in the body of `NationalThreatTypes`:
the catalog holds them in that context, with their French). `label` follows the interface's
language; `french` is what the database was seeded with (migration 0001 keeps its own frozen
copy), what the search index folds and what documents print.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import N_, french, pgettext

CONTEXT = "NationalThreatTypes"


class NationalThreatTypes:
    """The typology as shipped: (code, label, [(sub-code, sub-label)]), labels in English."""

    TABLE: list[tuple[str, str, list[tuple[str, str]]]] = [
        ("VCC", N_("Violence against civilians"), [
            ("VCC.ATT", N_("Attack on civilians")),
            ("VCC.ENL", N_("Kidnapping")),
            ("VCC.VSBG", N_("Sexual and gender-based violence")),
        ]),
        ("EEI", N_("Explosive devices and indirect fire"), [
            ("EEI.MIN", N_("IEDs and mines")),
            ("EEI.OBU", N_("Indirect fire (shelling)")),
        ]),
        ("AFF", N_("Armed clashes"), [
            ("AFF.AFF", N_("Armed clash")),
            ("AFF.OCC", N_("Occupation by an armed group")),
        ]),
        ("CRI", N_("Crime"), [
            ("CRI.BAN", N_("Armed banditry and highway robbers")),
            ("CRI.BET", N_("Cattle theft")),
            ("CRI.MOT", N_("Motorbike theft")),
            ("CRI.CAM", N_("Burglaries")),
            ("CRI.DRO", N_("Drug trafficking")),
            ("CRI.ALPC", N_("Illicit flow of small arms and light weapons (SALW)")),
            ("CRI.CON", N_("Smuggling")),
        ]),
        ("COM", N_("Community conflicts"), [
            ("COM.AGE", N_("Farmer-herder conflicts")),
            ("COM.DEG", N_("Crop damage by livestock")),
            ("COM.FON", N_("Land disputes")),
            ("COM.INT", N_("Intercommunal tensions")),
            ("COM.CHE", N_("Chieftaincy disputes")),
        ]),
        ("EXT", N_("Violent extremism"), [
            ("EXT.REC", N_("Recruitment of young people")),
            ("EXT.MEN", N_("Threats")),
            ("EXT.ZAK", N_("Forced levies (zakat)")),
            ("EXT.BLO", N_("Blockade")),
        ]),
        ("GOU", N_("Governance"), [
            ("GOU.FDS", N_("Tensions between the FDS and the population")),
            ("GOU.ETA", N_("Weak presence of State services")),
        ]),
        ("MAN", N_("Demonstrations and riots"), [
            ("MAN.MAN", N_("Demonstration")),
            ("MAN.EME", N_("Riot")),
        ]),
        ("NAT", N_("Natural and health hazards"), [
            ("NAT.INO", N_("Flood")),
            ("NAT.SEC", N_("Drought")),
            ("NAT.FEU", N_("Bush fires")),
            ("NAT.EPI", N_("Epidemic")),
        ]),
        ("PAI", N_("Peace indicators"), [
            ("PAI.INI", N_("Local peace initiatives")),
            ("PAI.MAR", N_("Open markets")),
            ("PAI.RET", N_("Returns of displaced people")),
        ]),
    ]


@dataclass(frozen=True)
class ThreatTypeSeed:
    code: str
    source: str  # the English label (message id)
    parent: str | None = None

    @property
    def label(self) -> str:
        """The label in the language in force."""
        return pgettext(CONTEXT, self.source)

    @property
    def french(self) -> str:
        """The French label, as seeded in the database, whatever the interface's language."""
        return french().pgettext(CONTEXT, self.source)


def national_types() -> list[ThreatTypeSeed]:
    """Every national type and sub-type, parents first."""
    seeds: list[ThreatTypeSeed] = []
    for code, label, subs in NationalThreatTypes.TABLE:
        seeds.append(ThreatTypeSeed(code, label, None))
        seeds.extend(ThreatTypeSeed(sc, sl, code) for sc, sl in subs)
    return seeds


NATIONAL_CODES = frozenset(s.code for s in national_types())
_BY_CODE = {s.code: s for s in national_types()}


def national_type(code: str) -> ThreatTypeSeed | None:
    """The national type or sub-type of this code, or None (a local sub-type, or a national
    code shipped by a newer version)."""
    return _BY_CODE.get(code)
