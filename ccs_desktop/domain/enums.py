"""Codes stored in the database and their labels.

Codes are short English identifiers that never change (they travel between databases).
Labels are declared once, here, in English (`N_`), and translated by the one catalog
(ccs_desktop.i18n) in the context of their enum class: `label` in the language in force
(French by default), `french` for what is French by design (documents, the search index,
values stored in the database).
"""

from __future__ import annotations

from enum import StrEnum

from ..i18n import N_, french, pgettext


class Labelled(StrEnum):
    """A string enum whose members carry a label (English source, translated on use)."""

    source: str

    def __new__(cls, code: str, source: str) -> "Labelled":
        obj = str.__new__(cls, code)
        obj._value_ = code
        obj.source = source
        return obj

    @property
    def label(self) -> str:
        """The label in the language in force."""
        return pgettext(type(self).__name__, self.source)

    @property
    def french(self) -> str:
        """The French label, whatever the interface's language."""
        return french().pgettext(type(self).__name__, self.source)

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
    def french_label_of(cls, code: str | None) -> str:
        if code is None:
            return ""
        try:
            return cls(code).french
        except ValueError:
            return code

    @classmethod
    def codes(cls) -> set[str]:
        return {m.value for m in cls}


class CommitteeLevel(Labelled):
    COMMUNE = "commune", N_("Commune (CCSC)")
    REGION = "region", N_("Region (CCSR)")
    CERCLE = "cercle", N_("Cercle")


class CommuneKind(Labelled):
    RURALE = "rurale", N_("Rural commune")
    URBAINE = "urbaine", N_("Urban commune")


class Sex(Labelled):
    H = "H", N_("Man")
    F = "F", N_("Woman")


class Category(Labelled):
    ADMIN = "admin", N_("Administrative authorities")
    ELUS = "elus", N_("Elected councillors / Special delegation")
    FDS = "fds", N_("Defence and Security Forces")
    JUSTICE = "justice", N_("Justice")
    SERVICES = "services", N_("Technical services")
    TRADITIONNELS = "traditionnels", N_("Traditional authorities")
    RELIGIEUX = "religieux", N_("Religious leaders")
    FEMMES = "femmes", N_("Women's representatives (CAFO)")
    JEUNES = "jeunes", N_("Youth representatives (CNJ)")
    OSC = "osc", N_("Civil society organisations")
    CHASSEURS = "chasseurs", N_("Hunters")
    AUTRES = "autres", N_("Others")


class FdsCorps(Labelled):
    FAMA = "fama", N_("FAMa (army)")
    GENDARMERIE = "gendarmerie", N_("Gendarmerie")
    GARDE = "garde", N_("National Guard")
    POLICE = "police", N_("Police")
    PROTECTION_CIVILE = "protection_civile", N_("Civil protection")
    DOUANES = "douanes", N_("Customs")
    EAUX_FORETS = "eaux_forets", N_("Water and Forests")


class MeetingKind(Labelled):
    ORDINARY = "ordinary", N_("Ordinary")
    EXTRAORDINARY = "extraordinary", N_("Extraordinary")


class MeetingStatus(Labelled):
    PLANNED = "planned", N_("Planned")
    HELD = "held", N_("Held")
    NOT_HELD = "not_held", N_("Not held")
    ADOPTED = "adopted", N_("Minutes adopted")


class NotHeldReason(Labelled):
    INSECURITE = "insecurite", N_("Insecurity")
    BLOCUS = "blocus", N_("Blockade")
    CRUE = "crue", N_("Flood")
    QUORUM = "quorum", N_("No quorum")
    AUTRE = "autre", N_("Other reason")


class AttendanceStatus(Labelled):
    PRESENT = "present", N_("Present")
    ABSENT = "absent", N_("Absent")
    EXCUSED = "excused", N_("Excused")


class QuorumRule(Labelled):
    MAJORITY = "majority", N_("Majority of active members")
    TWO_THIRDS = "two_thirds", N_("Two thirds of active members")
    FIXED = "fixed", N_("Fixed number of members")


class Likelihood(Labelled):
    RARE = "1", N_("Rare")
    UNLIKELY = "2", N_("Unlikely")
    POSSIBLE = "3", N_("Possible")
    LIKELY = "4", N_("Likely")
    ALMOST_CERTAIN = "5", N_("Almost certain")


class Impact(Labelled):
    NEGLIGIBLE = "1", N_("Negligible")
    MINOR = "2", N_("Minor")
    MODERATE = "3", N_("Moderate")
    MAJOR = "4", N_("Major")
    CATASTROPHIC = "5", N_("Catastrophic")


class RiskLevel(Labelled):
    LOW = "low", N_("Low")
    MEDIUM = "medium", N_("Medium")
    HIGH = "high", N_("High")
    CRITICAL = "critical", N_("Critical")


class Trend(Labelled):
    UP = "up", N_("Rising")
    STABLE = "stable", N_("Stable")
    DOWN = "down", N_("Falling")


class ThreatStatus(Labelled):
    ACTIVE = "active", N_("Active")
    WATCHED = "watched", N_("Watched")
    RESOLVED = "resolved", N_("Resolved")


class VulnerabilityStatus(Labelled):
    OPEN = "open", N_("Not addressed")
    IN_PROGRESS = "in_progress", N_("Being addressed")
    ADDRESSED = "addressed", N_("Addressed")


class PlaceKind(Labelled):
    VILLAGE = "village", N_("Village")
    FRACTION = "fraction", N_("Fraction")
    QUARTIER = "quartier", N_("Quarter")
    AXE = "axe", N_("Road axis")
    SITE_DEPLACES = "site_deplaces", N_("Displaced people's site")
    MARE = "mare", N_("Pond / bourgoutière")
    AUTRE = "autre", N_("Other place")


class SourceCategory(Labelled):
    MEMBRE = "membre", N_("CCS member")
    POPULATION = "population", N_("Population")
    AUTORITE_TRAD = "autorite_traditionnelle", N_("Traditional authority")
    FDS = "fds", N_("FDS")
    AUTORITE_ADMIN = "autorite_administrative", N_("Administrative authority")
    MEDIAS = "medias", N_("Media / community radio")
    OSC = "osc", N_("Civil society")
    AUTRE = "autre", N_("Other source")


class RecommendationStatus(Labelled):
    FORMULATED = "formulated", N_("Formulated")
    TRANSMITTED = "transmitted", N_("Transmitted")
    IN_PROGRESS = "in_progress", N_("In progress")
    IMPLEMENTED = "implemented", N_("Implemented")
    PARTIAL = "partial", N_("Partly implemented")
    NOT_IMPLEMENTED = "not_implemented", N_("Not implemented")
    ABANDONED = "abandoned", N_("Abandoned")

    @classmethod
    def open_codes(cls) -> set[str]:
        """Statuses that bring a recommendation back to the next agenda."""
        return {cls.FORMULATED.value, cls.TRANSMITTED.value, cls.IN_PROGRESS.value}


class Priority(Labelled):
    HIGH = "high", N_("High priority")
    NORMAL = "normal", N_("Normal priority")
    LOW = "low", N_("Low priority")


class ActivityKind(Labelled):
    TRAINING = "training", N_("Training")
    AWARENESS = "awareness", N_("Awareness raising")
    SOCIAL_COHESION = "social_cohesion", N_("Social cohesion")
    CLEANUP = "cleanup", N_("Clean-up day")
    ROAD_SAFETY = "road_safety", N_("Road safety")
    RADIO = "radio", N_("Radio programme")
    OTHER = "other", N_("Other activity")


class AttachmentKind(Labelled):
    ATTENDANCE_SHEET = "attendance_sheet", N_("Signed attendance sheet")
    SIGNED_PV = "signed_pv", N_("Signed and stamped minutes")
    CONVOCATION_RECEIPTS = "convocation_receipts", N_("Convocation receipts")
    PHOTO = "photo", N_("Photo")
    OTHER = "other", N_("Other document")


class DocumentKind(Labelled):
    PV = "pv", N_("Adopted minutes")
    AMENDMENT = "amendment", N_("Amendment")
