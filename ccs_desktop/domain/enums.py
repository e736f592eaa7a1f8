"""Codes stored in the database and their French labels.

Codes are short English identifiers that never change (they travel between databases);
labels are what the secretary reads. The UI translates labels through Qt; the core keeps
French, the default language.
"""

from __future__ import annotations

from enum import StrEnum


class Labelled(StrEnum):
    """A string enum whose members carry a French label."""

    label: str

    def __new__(cls, code: str, label: str) -> "Labelled":
        obj = str.__new__(cls, code)
        obj._value_ = code
        obj.label = label
        return obj

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(m.value, m.label) for m in cls]

    @classmethod
    def label_of(cls, code: str | None) -> str:
        if code is None:
            return ""
        try:
            return cls(code).label
        except ValueError:
            return code

    @classmethod
    def codes(cls) -> set[str]:
        return {m.value for m in cls}


class CommitteeLevel(Labelled):
    COMMUNE = "commune", "Commune (CCSC)"
    REGION = "region", "Région (CCSR)"
    CERCLE = "cercle", "Cercle"


class CommuneKind(Labelled):
    RURALE = "rurale", "Commune rurale"
    URBAINE = "urbaine", "Commune urbaine"


class Sex(Labelled):
    H = "H", "Homme"
    F = "F", "Femme"


class Category(Labelled):
    ADMIN = "admin", "Autorités administratives"
    ELUS = "elus", "Élus communaux / Délégation spéciale"
    FDS = "fds", "Forces de Défense et de Sécurité"
    JUSTICE = "justice", "Justice"
    SERVICES = "services", "Services techniques"
    TRADITIONNELS = "traditionnels", "Autorités traditionnelles"
    RELIGIEUX = "religieux", "Leaders religieux"
    FEMMES = "femmes", "Représentantes des femmes (CAFO)"
    JEUNES = "jeunes", "Représentants des jeunes (CNJ)"
    OSC = "osc", "Organisations de la société civile"
    CHASSEURS = "chasseurs", "Chasseurs"
    AUTRES = "autres", "Autres"


class FdsCorps(Labelled):
    FAMA = "fama", "FAMa (armée)"
    GENDARMERIE = "gendarmerie", "Gendarmerie"
    GARDE = "garde", "Garde nationale"
    POLICE = "police", "Police"
    PROTECTION_CIVILE = "protection_civile", "Protection civile"
    DOUANES = "douanes", "Douanes"
    EAUX_FORETS = "eaux_forets", "Eaux et Forêts"


class MeetingKind(Labelled):
    ORDINARY = "ordinary", "Ordinaire"
    EXTRAORDINARY = "extraordinary", "Extraordinaire"


class MeetingStatus(Labelled):
    PLANNED = "planned", "Prévue"
    HELD = "held", "Tenue"
    NOT_HELD = "not_held", "Non tenue"
    ADOPTED = "adopted", "PV adopté"


class NotHeldReason(Labelled):
    INSECURITE = "insecurite", "Insécurité"
    BLOCUS = "blocus", "Blocus"
    CRUE = "crue", "Crue"
    QUORUM = "quorum", "Absence de quorum"
    AUTRE = "autre", "Autre"


class AttendanceStatus(Labelled):
    PRESENT = "present", "Présent"
    ABSENT = "absent", "Absent"
    EXCUSED = "excused", "Excusé"


class QuorumRule(Labelled):
    MAJORITY = "majority", "Majorité des membres actifs"
    TWO_THIRDS = "two_thirds", "Deux tiers des membres actifs"
    FIXED = "fixed", "Nombre fixe de membres"


class Likelihood(Labelled):
    RARE = "1", "Rare"
    UNLIKELY = "2", "Peu probable"
    POSSIBLE = "3", "Possible"
    LIKELY = "4", "Probable"
    ALMOST_CERTAIN = "5", "Quasi certaine"


class Impact(Labelled):
    NEGLIGIBLE = "1", "Négligeable"
    MINOR = "2", "Mineure"
    MODERATE = "3", "Modérée"
    MAJOR = "4", "Majeure"
    CATASTROPHIC = "5", "Catastrophique"


class RiskLevel(Labelled):
    LOW = "low", "Faible"
    MEDIUM = "medium", "Moyen"
    HIGH = "high", "Élevé"
    CRITICAL = "critical", "Critique"


class Trend(Labelled):
    UP = "up", "En hausse"
    STABLE = "stable", "Stable"
    DOWN = "down", "En baisse"


class ThreatStatus(Labelled):
    ACTIVE = "active", "Active"
    WATCHED = "watched", "Surveillée"
    RESOLVED = "resolved", "Résolue"


class VulnerabilityStatus(Labelled):
    OPEN = "open", "Non traitée"
    IN_PROGRESS = "in_progress", "En cours de traitement"
    ADDRESSED = "addressed", "Traitée"


class PlaceKind(Labelled):
    VILLAGE = "village", "Village"
    FRACTION = "fraction", "Fraction"
    QUARTIER = "quartier", "Quartier"
    AXE = "axe", "Axe routier"
    SITE_DEPLACES = "site_deplaces", "Site de déplacés"
    MARE = "mare", "Mare / bourgoutière"
    AUTRE = "autre", "Autre"


class SourceCategory(Labelled):
    MEMBRE = "membre", "Membre du CCS"
    POPULATION = "population", "Population"
    AUTORITE_TRAD = "autorite_traditionnelle", "Autorité traditionnelle"
    FDS = "fds", "FDS"
    AUTORITE_ADMIN = "autorite_administrative", "Autorité administrative"
    MEDIAS = "medias", "Médias / radio communautaire"
    OSC = "osc", "Société civile"
    AUTRE = "autre", "Autre"


class RecommendationStatus(Labelled):
    FORMULATED = "formulated", "Formulée"
    TRANSMITTED = "transmitted", "Transmise"
    IN_PROGRESS = "in_progress", "En cours"
    IMPLEMENTED = "implemented", "Mise en œuvre"
    PARTIAL = "partial", "Partiellement mise en œuvre"
    NOT_IMPLEMENTED = "not_implemented", "Non mise en œuvre"
    ABANDONED = "abandoned", "Abandonnée"

    @classmethod
    def open_codes(cls) -> set[str]:
        """Statuses that bring a recommendation back to the next agenda."""
        return {cls.FORMULATED.value, cls.TRANSMITTED.value, cls.IN_PROGRESS.value}


class Priority(Labelled):
    HIGH = "high", "Haute"
    NORMAL = "normal", "Normale"
    LOW = "low", "Basse"


class ActivityKind(Labelled):
    TRAINING = "training", "Formation"
    AWARENESS = "awareness", "Sensibilisation"
    SOCIAL_COHESION = "social_cohesion", "Cohésion sociale"
    CLEANUP = "cleanup", "Journée de salubrité"
    ROAD_SAFETY = "road_safety", "Sécurité routière"
    RADIO = "radio", "Émission radio"
    OTHER = "other", "Autre"


class AttachmentKind(Labelled):
    ATTENDANCE_SHEET = "attendance_sheet", "Liste de présence signée"
    SIGNED_PV = "signed_pv", "PV signé et cacheté"
    CONVOCATION_RECEIPTS = "convocation_receipts", "Décharges de convocation"
    PHOTO = "photo", "Photo"
    OTHER = "other", "Autre document"


class DocumentKind(Labelled):
    PV = "pv", "Procès-verbal adopté"
    AMENDMENT = "amendment", "Rectificatif"
