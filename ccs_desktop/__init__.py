"""CCS Desktop: records of Mali's security consultative committees (CCS)."""

__version__ = "0.1.0"
