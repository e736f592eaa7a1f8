"""One object that gives the UI and the CLI every service over one open database."""

from __future__ import annotations

import os
from functools import cached_property

from ..db.engine import Database, database_exists, open_database


class Services:
    def __init__(self, db: Database) -> None:
        self.db = db

    @cached_property
    def committee(self):  # noqa: ANN201
        from .committee import CommitteeService

        return CommitteeService(self.db)

    @cached_property
    def people(self):  # noqa: ANN201
        from .people import PeopleService

        return PeopleService(self.db)

    @cached_property
    def meetings(self):  # noqa: ANN201
        from .meetings import MeetingsService

        return MeetingsService(self.db)

    @cached_property
    def threats(self):  # noqa: ANN201
        from .threats import ThreatsService

        return ThreatsService(self.db)

    @cached_property
    def vulnerabilities(self):  # noqa: ANN201
        from .threats import VulnerabilitiesService

        return VulnerabilitiesService(self.db)

    @cached_property
    def recommendations(self):  # noqa: ANN201
        from .recommendations import RecommendationsService

        return RecommendationsService(self.db)

    @cached_property
    def activities(self):  # noqa: ANN201
        from .activities import ActivitiesService

        return ActivitiesService(self.db)

    @cached_property
    def attachments(self):  # noqa: ANN201
        from .attachments import AttachmentsService

        return AttachmentsService(self.db)

    @cached_property
    def notes(self):  # noqa: ANN201
        from .notes import RestrictedNotesService

        return RestrictedNotesService(self.db)


def folder_has_database(data_dir: str | os.PathLike[str]) -> bool:
    """A CCS database exists in data_dir (the wizard's restore: did it bring one?)."""
    return database_exists(data_dir)


def open_folder(data_dir: str | os.PathLike[str]) -> Services:
    """The services (services.hub.Services) over the existing database of data_dir, opened
    the one way the core opens a database (db.engine.open_database, migrated, never created):
    after a restore replaced it."""
    return Services(open_database(data_dir, create=False))
