"""The committee profile, the place lists and the first set-up."""

from __future__ import annotations

import csv
import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from .. import paths
from ..db import models as m
from ..db import settings
from ..db.settings import is_crss  # noqa: F401 - the one test of CRSS mode
from ..db.base import utcnow
from ..db.engine import Database
from ..domain import enums
from ..domain.text import fold
from ..i18n import _
from .errors import UserError, ValidationError
from . import validation as v
from .people import PeopleService
from .records import check_code, lookup_person, own_committee
from .values import freeze, value_type

PROFILE_FIELDS = ("level", "region", "cercle", "commune", "commune_kind", "code", "name",
                  "chair_title", "chair_id", "secretary_id", "quorum_rule", "quorum_value",
                  "installed_on", "creation_decision", "is_demo", "share_names")


@dataclass(frozen=True)
class Place:
    region: str
    cercle: str
    commune: str


@functools.cache
def place_list() -> tuple[Place, ...]:
    """Regions, cercles and communes shipped under resources/data (both lists)."""
    rows: list[Place] = []
    seen: set[tuple[str, str, str]] = set()
    for name in ("mali_communes.csv", "mali_new_regions.csv"):
        with open(paths.resource_path("data", name), encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                key = (row["region"].strip(), row["cercle"].strip(), row["commune"].strip())
                if key not in seen:
                    seen.add(key)
                    rows.append(Place(*key))
    return tuple(rows)


def regions() -> list[str]:
    return sorted({p.region for p in place_list()}, key=fold)


def cercles(region: str) -> list[str]:
    return sorted({p.cercle for p in place_list() if p.region == region}, key=fold)


def communes(region: str, cercle: str) -> list[str]:
    return sorted({p.commune for p in place_list()
                   if p.region == region and p.cercle == cercle and p.commune}, key=fold)


def committee_code(level: str, region: str, cercle: str, commune: str) -> str:
    """CCSC-ALAFIA for a commune, CCSR-TOMBOUCTOU for a region (ASCII, upper case)."""
    if level == enums.CommitteeLevel.REGION.value:
        prefix, place = "CCSR", region
    elif level == enums.CommitteeLevel.CERCLE.value:
        prefix, place = "CCSCE", cercle
    else:
        prefix, place = "CCSC", commune
    slug = "".join(ch if ch.isalnum() else "-" for ch in fold(place).upper()).strip("-")
    while "--" in slug:
        slug = slug.replace("--", "-")
    return f"{prefix}-{slug}" if slug else prefix


def committee_name(level: str, region: str, cercle: str, commune: str) -> str:
    """The committee's name as stored and printed (data: French by design)."""
    from ..domain.french import de

    if level == enums.CommitteeLevel.REGION.value:
        return f"Comité Consultatif de Sécurité de la Région {de(region)}"
    if level == enums.CommitteeLevel.CERCLE.value:
        return f"Comité Consultatif de Sécurité du Cercle {de(cercle)}"
    return f"Comité Consultatif de Sécurité de la Commune {de(commune)}"


# what the screens (home, settings, status bar, meeting editor) and `ccs status` show of
# the own committee: its profile, the chair and the secretary as frozen person rows
CommitteeDetail = value_type("CommitteeDetail", m.Committee, extra=("place_label",),
                             resolved=("chair", "secretary"))


class CommitteeService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def own(self) -> Any:
        """This database's own committee as a frozen CommitteeDetail (None in a CRSS's or
        before the set-up)."""
        with self.db.session() as s:
            c = own_committee(s)
            if c is None:
                return None
            person = PeopleService.Row
            return freeze(CommitteeDetail, c,
                          chair=freeze(person, c.chair) if c.chair is not None else None,
                          secretary=(freeze(person, c.secretary) if c.secretary is not None
                                     else None))

    def is_configured(self) -> bool:
        with self.db.session() as s:
            return own_committee(s) is not None

    def _validate(self, values: dict[str, Any], s: Any = None) -> dict[str, Any]:
        unknown = set(values) - set(PROFILE_FIELDS)
        if unknown:
            names = ", ".join(sorted(v.shown(str(name)) for name in unknown))
            raise ValidationError(_("Unknown fields: {names}.").format(names=names))
        errors: dict[str, str] = {}
        out: dict[str, Any] = {}
        if "level" in values:
            out["level"] = check_code(values["level"], enums.CommitteeLevel, _("Level"),
                                      errors, "level")
        if "commune_kind" in values:
            out["commune_kind"] = check_code(v.or_default(values["commune_kind"], "rurale"),
                                             enums.CommuneKind, _("Kind of commune"), errors,
                                             "commune_kind")
        if "quorum_rule" in values:
            out["quorum_rule"] = check_code(v.or_default(values["quorum_rule"], "majority"),
                                            enums.QuorumRule, _("Quorum rule"), errors,
                                            "quorum_rule")
        labels = {"region": _("Region"), "cercle": _("Cercle"), "commune": _("Commune"),
                  "code": _("Code"), "name": _("Name of the committee"),
                  "chair_title": _("Title of the chair"),
                  "creation_decision": _("Decision of creation")}
        for name, label in labels.items():
            if name in values:
                out[name] = v.as_text(values[name], label, errors, name,
                                      max_len=v.max_len_of(getattr(m.Committee, name)))
        if "quorum_value" in values:
            out["quorum_value"] = v.as_int(values["quorum_value"], _("Quorum (fixed number)"),
                                           errors, "quorum_value", 1, 500)
        if "installed_on" in values:
            out["installed_on"] = v.as_date(values["installed_on"], _("Installation date"),
                                            errors, "installed_on")
        for name, label in (("is_demo", _("Demonstration data")),
                            ("share_names", _("Share the names"))):
            if name in values:
                out[name] = v.as_bool(values[name], label, errors, name)
        for name, label in (("chair_id", _("Chair")), ("secretary_id", _("Secretary"))):
            if name in values:
                if s is None:
                    errors[name] = _("{label}: choose them once the committee is "
                                     "created.").format(label=label)
                    continue
                own = own_committee(s)
                out[name] = lookup_person(s, values[name], label, errors, name,
                                          own.id if own is not None else None)
        if errors:
            raise ValidationError(errors)
        return out

    def create(self, *, level: str, region: str, cercle: str = "", commune: str = "",
               commune_kind: str = "rurale", code: str = "", name: str = "",
               chair_title: str = "", **extra: Any) -> m.Committee:
        """Set up this database's own committee (the first-run wizard, `ccs init`)."""
        values = self._validate(dict(level=level, region=region, cercle=cercle, commune=commune,
                                     commune_kind=commune_kind, code=code, name=name,
                                     chair_title=chair_title, **extra))
        errors: dict[str, str] = {}
        if values.get("level") is None:
            errors["level"] = _("Level: a value is required.")
        if not values["region"]:
            errors["region"] = _("Region: this field is required.")
        if values["level"] == "commune" and not values["commune"]:
            errors["commune"] = _("Commune: this field is required for a CCSC.")
        if values["level"] in ("commune", "cercle") and not values["cercle"]:
            errors["cercle"] = _("Cercle: this field is required.")
        if errors:
            raise ValidationError(errors)
        values["code"] = values["code"] or committee_code(values["level"], values["region"],
                                                          values["cercle"], values["commune"])
        values["name"] = values["name"] or committee_name(values["level"], values["region"],
                                                          values["cercle"], values["commune"])
        if not values["chair_title"]:  # data: French by design (printed on the minutes)
            values["chair_title"] = {"commune": f"Maire de la {enums.CommuneKind.french_label_of(values['commune_kind'])} {_de(values['commune'])}",
                                     "region": f"Gouverneur de la Région {_de(values['region'])}",
                                     "cercle": f"Préfet du Cercle {_de(values['cercle'])}"
                                     }[values["level"]]
        with v.write_session(self.db, "settings.edit") as s:
            if own_committee(s) is not None:
                raise ValidationError(_("This database already has a committee configured; "
                                        "change it in the Settings."))
            committee = m.Committee(**values)
            s.add(committee)
            s.flush()
            settings.write(s, settings.OWN_COMMITTEE, committee.uuid)
            settings.write(s, settings.MODE, settings.COMMITTEE_MODE)
        self.db.invalidate_cache()
        return committee

    def update(self, **values: Any) -> m.Committee:
        with v.write_session(self.db, "settings.edit") as s:
            committee = own_committee(s)
            if committee is None:
                raise ValidationError(_("No committee is configured."))
            clean = self._validate(values, s)
            for k, value in clean.items():
                setattr(committee, k, value)
            s.flush()
        return committee

    def newest_record_time(self) -> dt.datetime | None:
        with self.db.session() as s:
            times = [s.scalar(select(func.max(model.updated_at)))
                     for model in (m.Meeting, m.Person, m.Threat, m.Recommendation, m.Activity)]
        times = [t for t in times if t is not None]
        return max(times) if times else None

    def clock_warning(self, now: dt.datetime | None = None) -> str | None:
        """A French warning when the computer's clock reads earlier than the newest record."""
        if now is not None and not isinstance(now, dt.datetime):
            raise ValidationError({"now": _("Clock: a date and a time are expected.")})
        newest = self.newest_record_time()
        now = now or utcnow()
        if newest is not None and now < newest - dt.timedelta(minutes=5):
            return _("Warning: the computer's clock reads {now} (UTC), before the last "
                     "recorded change ({newest}). A power cut may have reset the clock: "
                     "correct the computer's date and time.").format(
                now=f"{now:%d/%m/%Y %H:%M}", newest=f"{newest:%d/%m/%Y %H:%M}")
        return None

    def mode(self) -> str:
        """"committee" or "crss" (settings.MODE)."""
        return settings.read_db(self.db, settings.MODE)


@dataclass(frozen=True)
class CrssSetUp:
    """What set_up_crss changed: the expected committees it added to the register."""

    register_added: int


# --------------------------------------------------------------------------- CRSS mode

def set_up_crss(db: Database) -> CrssSetUp:
    """The first-run wizard's "this computer is the CRSS's": CRSS mode as
    services.crss.importer.open_crss_database sets it (settings mode=crss, the register of
    expected committees, no committee profile). A database with a committee is refused."""
    from .crss.register import ensure_register

    with v.write_session(db, "settings.edit") as s:
        if own_committee(s) is not None:
            raise UserError(_("This database already has a committee: the CRSS needs a "
                              "database of its own (another data folder)."))
        settings.clear(s, settings.OWN_COMMITTEE)
        settings.write(s, settings.MODE, settings.CRSS_MODE)
    added = ensure_register(db)
    db.invalidate_cache()
    return CrssSetUp(register_added=added)


# --------------------------------------------------------------------------- data folders

def _de(place: str) -> str:
    from ..domain.french import de

    return de(place)
