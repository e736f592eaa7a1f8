"""Table models over the services (SQL sorting, filtering, search and paging)."""

from .record_model import BADGE_ROLE, ID_ROLE, OVERDUE_ROLE, SORT_ROLE, Column, RecordTableModel
from .specs import KINDS, columns_for, make_model

__all__ = ["BADGE_ROLE", "ID_ROLE", "OVERDUE_ROLE", "SORT_ROLE", "Column", "RecordTableModel",
           "KINDS", "columns_for", "make_model"]
