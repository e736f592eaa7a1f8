"""The meeting workflow: general data, attendance, agenda, threats and vulnerabilities,
recommendations, adoption and amendments, attachments; a module per tab, assembled by
`editor.MeetingEditor`.

Every click saves at once through the services (attendance, links, re-assessments); typed text
saves itself 500 ms after typing stops and is kept in a draft until then.
"""

from .editor import MeetingEditor
from .general import status_choices

__all__ = ["MeetingEditor", "status_choices"]
