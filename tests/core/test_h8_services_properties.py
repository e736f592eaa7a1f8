"""Every service entry point refuses bad input in French and writes nothing when it refuses.

Property tests (Hypothesis): every public method of every service reachable from
`Services` is found by introspection; each one that takes user input has a strategy below
that mixes valid and invalid values of every type (None, empty strings, huge integers,
negative, unknown and other committees' ids, bools, '²', NaN, overlong text, wrong dates).
For every example:
- only a `UserError` may escape, with a non-empty French message (no English words, no
  class names, no SQL);
- when the call is refused, a checksum of every row of every table is unchanged.

A public method with no strategy and not listed as a reader fails the test, so a new entry
point is covered (or explicitly excused) as soon as it is written.

One database for the whole module (a committee database holding a second committee's
records, as at the CRSS); the pools of valid ids are read again at each example.

CCS_H8_EXAMPLES sets the examples per entry point (default 100). With CCS_H8_MEASURE=1 the
unexpected exceptions are counted instead of failing (used to measure the code before a fix).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import inspect
import os
import re
from collections import Counter
from functools import cached_property
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from ccs_desktop.db import models as m
from ccs_desktop.db.engine import open_database
from ccs_desktop.domain import enums
from ccs_desktop.services.errors import UserError
from ccs_desktop.services.hub import Services

EXAMPLES = int(os.environ.get("CCS_H8_EXAMPLES", "100"))
MEASURE = bool(os.environ.get("CCS_H8_MEASURE"))
PROFILE = settings(max_examples=EXAMPLES, deadline=None, database=None,
                   suppress_health_check=list(HealthCheck),
                   phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target]
                   if os.environ.get("CCS_H8_NO_SHRINK") else tuple(Phase))

STATS: Counter[str] = Counter()
UNEXPECTED: Counter[str] = Counter()

# --- the database ------------------------------------------------------------------------------


class World:
    def __init__(self, folder: Path) -> None:
        self.db = open_database(folder)
        self.sv = Services(self.db)
        self.sv.committee.create(level="commune", region="Tombouctou", cercle="Tombouctou",
                                 commune="Alafia")
        self.own_id = self.sv.committee.own().id
        with self.db.session() as s:
            other = m.Committee(level="commune", region="Mopti", cercle="Mopti",
                                commune="Konna", code="CCSC-KONNA",
                                name="Comité Consultatif de Sécurité de la Commune de Konna")
            s.add(other)
            s.flush()
            self.other_id = other.id
        self.scan = folder / "scan.pdf"
        self.scan.write_bytes(b"%PDF-1.4 scan " * 20)
        self.top_up()

    def top_up(self) -> None:
        """Enough live, writable records of each kind for both committees."""
        sv = self.sv
        for cid in (self.own_id, self.other_id):
            extra = {} if cid == self.own_id else {"committee_id": cid}
            if self.count(m.Person, cid) < 4:
                for i in range(4):
                    sv.people.create(given_names=f"Aminata{i}", family_name="Maïga", sex="F",
                                     category="femmes", **extra)
            if self.count(m.Meeting, cid, writable=True) < 4:
                for i in range(4):
                    meeting = sv.meetings.create_with_agenda(date=f"2031-0{i + 1}-1{i}",
                                                             **extra)
                    if i % 2:
                        sv.meetings.mark_held(meeting.id)
            if self.count(m.Threat, cid) < 3:
                for _ in range(3):
                    sv.threats.create(title="Vols de bétail", type_code="CRI.BET", **extra)
            if self.count(m.Vulnerability, cid) < 3:
                for _ in range(3):
                    sv.vulnerabilities.create(title="Piste non éclairée", **extra)
            if self.count(m.Recommendation, cid) < 3:
                for _ in range(3):
                    sv.recommendations.create(text="Renforcer les patrouilles", **extra)
            if self.count(m.Activity, cid) < 3:
                for _ in range(3):
                    sv.activities.create(title="Causerie", date="2031-03-02", **extra)
            meeting_id = self.ids(m.Meeting, cid)[0]
            if self.count(m.Attachment, cid) < 2:
                with self.db.session() as s:
                    for _ in range(2):
                        s.add(m.Attachment(meeting_id=meeting_id, committee_id=cid,
                                           filename="liste.pdf", size=4, sha256=hashlib.sha256(
                                               b"scan").hexdigest(), data=b"scan"))
            if self.count(m.RestrictedNote, cid) < 2:
                with self.db.session() as s:
                    for _ in range(2):
                        s.add(m.RestrictedNote(meeting_id=meeting_id, committee_id=cid,
                                               text="Plainte contre un agent"))

    def count(self, model: Any, cid: int, writable: bool = False) -> int:
        return len(self.ids(model, cid, writable=writable))

    def ids(self, model: Any, cid: int | None = None, *, writable: bool = False,
            deleted: bool = False) -> list[int]:
        stmt = select(model.id)
        stmt = stmt.where(model.deleted_at.is_not(None) if deleted else
                          model.deleted_at.is_(None))
        if cid is not None and hasattr(model, "committee_id"):
            stmt = stmt.where(model.committee_id == cid)
        if writable and model is m.Meeting:
            stmt = stmt.where(m.Meeting.status != "adopted")
        with self.db.session() as s:
            return list(s.scalars(stmt.order_by(model.id.desc()).limit(50)))

    def checksum(self) -> str:
        """Every row of every table, in a stable order."""
        h = hashlib.sha256()
        with self.db.engine.connect() as conn:
            names = [r[0] for r in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
            for name in names:
                rows = sorted(repr(tuple(r)) for r in conn.exec_driver_sql(
                    f'SELECT * FROM "{name}"'))
                h.update(name.encode())
                for r in rows:
                    h.update(r.encode())
        return h.hexdigest()


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    w = World(tmp_path_factory.mktemp("h8-services"))
    yield w
    w.db.close()
    print(f"\n[h8] examples: {sum(STATS.values())}, unexpected exceptions: "
          f"{sum(UNEXPECTED.values())} {dict(UNEXPECTED)}")
    report = os.environ.get("CCS_H8_REPORT")
    if report:
        with open(report, "a", encoding="utf-8") as fh:
            fh.write(f"examples={sum(STATS.values())} unexpected={sum(UNEXPECTED.values())} "
                     f"{dict(UNEXPECTED)}\n")


# --- values ------------------------------------------------------------------------------------

JUNK = [None, "", "   ", "²", "١٢", "-1", "0", "1e3", "0x1F", "abc", "pas-une-date", "2024-13-01",
        "2024-02-30", "31/12/2024", True, False, -1, 0, 2**31, 2**63, 2**64, -(2**63) - 1,
        1.5, 3.0, float("nan"), float("inf"), b"12", [1, 2], {"cle": 1}, ("a",), object(),
        "9" * 40, "a\x00b", "\x1b[31mrouge", "x" * 70_000, dt.date(2024, 3, 2),
        dt.datetime(2024, 3, 2, 10, 0), dt.time(10, 0)]
junk = st.sampled_from(JUNK)
any_text = st.one_of(st.text(max_size=40), st.sampled_from(
    ["Réunion ordinaire", "  espaces  ", "ligne\nsuivante", "x" * 301, "x" * 5000]))


class Draw:
    """Values for one example: valid, invalid and hostile, mixed."""

    def __init__(self, data: st.DataObject, world: World) -> None:
        self.data, self.w = data, world

    def __call__(self, strategy: st.SearchStrategy) -> Any:
        return self.data.draw(strategy)

    def pick(self, pool: list[Any]) -> Any:
        """One of a pool read from the database now (an index, so that the shape of the
        data Hypothesis draws does not depend on the database's state)."""
        return pool[self(st.integers(0, 49)) % len(pool)]

    def id(self, model: Any, *, writable: bool = False) -> Any:
        w = self.w
        own = w.ids(model, w.own_id, writable=writable) or [1]
        other = w.ids(model, w.other_id) or [2]
        gone = w.ids(model, deleted=True) or [999_999]
        pools = (own, own, other, gone)
        choice = self(st.integers(0, 7))
        if choice < len(pools):
            return self.pick(pools[choice])
        return self(st.one_of(
            st.sampled_from([999_999, 2**62]),
            st.sampled_from([str(own[0]), f" {own[0]} "]), junk, st.integers()))

    def uuid_or_id(self, model: Any) -> Any:
        with self.w.db.session() as s:
            uuids = list(s.scalars(select(model.uuid).where(model.deleted_at.is_(None))
                                   .limit(5)))
        choice = self(st.integers(0, 2))
        if choice == 0:
            return self.id(model)
        if choice == 1:
            return self.pick(uuids or ["x"])
        return self(st.sampled_from(["00000000-0000-7000-8000-000000000000", "pas-un-uuid"]))

    def opt_id(self, model: Any) -> Any:
        return None if self(st.booleans()) else self.id(model)

    def text(self) -> Any:
        return self(st.one_of(any_text, any_text, junk))

    def date(self) -> Any:
        return self(st.one_of(st.dates(), st.dates(min_value=dt.date(2020, 1, 1),
                                                    max_value=dt.date(2035, 12, 31)).map(str),
                              st.datetimes(), junk))

    def time(self) -> Any:
        return self(st.one_of(st.times(), st.sampled_from(
            ["10 h 00", "9h30", "25:00", "10:61", "midi", "10:00"]), junk))

    def code(self, enum: type[enums.Labelled]) -> Any:
        values = sorted(enum.codes()) + [mm.label for mm in enum]
        return self(st.one_of(st.sampled_from(values), st.sampled_from(values),
                              st.text(max_size=8), junk))

    def int(self, lo: int = 0, hi: int = 10) -> Any:
        return self(st.one_of(st.integers(lo, hi), st.integers(), junk))

    def bool(self) -> Any:
        return self(st.one_of(st.booleans(), junk))

    def ids(self, model: Any) -> Any:
        choice = self(st.integers(0, 3))
        if choice == 0:
            return []
        if choice == 1:
            pool = self.w.ids(model) or [1]
            return [self.pick(pool) for _ in range(self(st.integers(1, 3)))]
        return self(st.lists(junk, max_size=3)) if choice == 2 else self(junk)

    def fields(self, spec: dict[str, Any], required: tuple[str, ...] = ()) -> dict[str, Any]:
        """A random subset of the fields (always the required ones), each with a value."""
        out = {}
        for name, make in spec.items():
            if name in required or self(st.booleans()):
                out[name] = make(self)
        if self(st.integers(0, 9)) == 0:
            out["champ_inconnu"] = 1
        return out


def committee_ref(d: Draw) -> Any:
    return d(st.one_of(st.sampled_from([d.w.own_id, d.w.other_id]), junk, st.integers()))


PEOPLE = {
    "title": Draw.text, "given_names": Draw.text, "family_name": Draw.text,
    "sex": lambda d: d.code(enums.Sex), "is_youth": Draw.bool,
    "category": lambda d: d.code(enums.Category), "fds_corps": lambda d: d.code(enums.FdsCorps),
    "organisation": Draw.text, "function": Draw.text, "phone": Draw.text,
    "is_member": Draw.bool, "is_active": Draw.bool, "committee_id": committee_ref,
}
MEETINGS = {
    "number": lambda d: d.int(1, 999), "year": lambda d: d.int(2000, 2100),
    "kind": lambda d: d.code(enums.MeetingKind), "status": lambda d: d.code(enums.MeetingStatus),
    "not_held_reason": lambda d: d.code(enums.NotHeldReason),
    "not_held_reason_text": Draw.text, "date": Draw.date, "start_time": Draw.time,
    "end_time": Draw.time, "place": Draw.text, "chair_id": lambda d: d.opt_id(m.Person),
    "secretary_id": lambda d: d.opt_id(m.Person), "convened_by": Draw.text,
    "convocation_date": Draw.date, "notes": Draw.text, "committee_id": committee_ref,
}
THREATS = {
    "title": Draw.text, "description": Draw.text,
    "type_code": lambda d: d(st.one_of(st.sampled_from(["CRI.BET", "NAT.INO", "VCC", "ZZZ"]),
                                       junk)),
    "place_kind": lambda d: d.code(enums.PlaceKind), "place_name": Draw.text,
    "first_reported": Draw.date, "likelihood": lambda d: d.code(enums.Likelihood)
    if d(st.booleans()) else d.int(1, 5), "impact": lambda d: d.code(enums.Impact)
    if d(st.booleans()) else d.int(1, 5), "trend": lambda d: d.code(enums.Trend),
    "status": lambda d: d.code(enums.ThreatStatus),
    "source_category": lambda d: d.code(enums.SourceCategory), "is_restricted": Draw.bool,
    "committee_id": committee_ref,
}
VULNERABILITIES = {
    "title": Draw.text, "description": Draw.text, "place_kind": lambda d: d.code(enums.PlaceKind),
    "place_name": Draw.text, "first_reported": Draw.date,
    "status": lambda d: d.code(enums.VulnerabilityStatus), "committee_id": committee_ref,
}
RECOMMENDATIONS = {
    "text": Draw.text, "meeting_id": lambda d: d.opt_id(m.Meeting), "addressee": Draw.text,
    "responsible": Draw.text, "deadline": Draw.date, "priority": lambda d: d.code(enums.Priority),
    "status": lambda d: d.code(enums.RecommendationStatus),
    "threat_ids": lambda d: d.ids(m.Threat), "vulnerability_ids": lambda d: d.ids(m.Vulnerability),
    "committee_id": committee_ref,
}
ACTIVITIES = {
    "date": Draw.date, "kind": lambda d: d.code(enums.ActivityKind), "title": Draw.text,
    "description": Draw.text, "place": Draw.text, "reached_men": lambda d: d.int(0, 500),
    "reached_women": lambda d: d.int(0, 500), "reached_young_men": lambda d: d.int(0, 500),
    "reached_young_women": lambda d: d.int(0, 500), "partner": Draw.text,
    "committee_id": committee_ref,
}
PROFILE_FIELDS = {
    "level": lambda d: d.code(enums.CommitteeLevel), "region": Draw.text, "cercle": Draw.text,
    "commune": Draw.text, "commune_kind": lambda d: d.code(enums.CommuneKind), "code": Draw.text,
    "name": Draw.text, "chair_title": Draw.text, "chair_id": lambda d: d.opt_id(m.Person),
    "secretary_id": lambda d: d.opt_id(m.Person),
    "quorum_rule": lambda d: d.code(enums.QuorumRule), "quorum_value": lambda d: d.int(1, 40),
    "installed_on": Draw.date, "creation_decision": Draw.text, "is_demo": Draw.bool,
    "share_names": Draw.bool,
}
RECORD_SERVICES = {"people": (m.Person, PEOPLE, ("given_names", "family_name", "sex",
                                                 "category")),
                   "meetings": (m.Meeting, MEETINGS, ("date",)),
                   "threats": (m.Threat, THREATS, ("title", "type_code")),
                   "vulnerabilities": (m.Vulnerability, VULNERABILITIES, ("title",)),
                   "recommendations": (m.Recommendation, RECOMMENDATIONS, ("text",)),
                   "activities": (m.Activity, ACTIVITIES, ("title", "date"))}


def saved_token(d: Draw, service: str) -> Any:
    """What undelete gets: a real token of a delete, or a tampered one."""
    model = RECORD_SERVICES[service][0]
    names = list(model.__sync_content__)
    return d(st.one_of(
        st.just({}), junk,
        st.dictionaries(st.sampled_from(names + ["__children__", "__links__", "id",
                                                 "committee_id", "inconnu"]),
                        st.one_of(junk, st.text(max_size=10), st.lists(junk, max_size=2)),
                        max_size=4)))


def spec_for(service: str, method: str) -> Any:  # noqa: C901
    """(args, kwargs) maker for one entry point, or None when it has no strategy."""
    if service in RECORD_SERVICES:
        model, fields, required = RECORD_SERVICES[service]
        generic = {
            "create": lambda d: ((), d.fields(fields, required)),
            "update": lambda d: ((d.uuid_or_id(model),), d.fields(fields)),
            "delete": lambda d: ((d.uuid_or_id(model),), {}),
            "undelete": lambda d: ((d.pick(d.w.ids(model, deleted=True) or [1])
                                    if d(st.booleans()) else d.id(model),
                                    saved_token(d, service)), {}),
            "get": lambda d: ((d.uuid_or_id(model),), {}),
            "detail": lambda d: ((d.uuid_or_id(model),), {}),
            "save": lambda d: (((), d.fields(fields, required)) if d(st.booleans())
                               else ((d.uuid_or_id(model),), d.fields(fields))),
        }
        if method in generic:
            return generic[method]
    M, P, T, V, R = m.Meeting, m.Person, m.Threat, m.Vulnerability, m.Recommendation
    specific = {
        ("people", "likely_duplicates"): lambda d: ((d.text(), d.text()),
                                                    {"exclude_id": d.opt_id(P)}),
        ("meetings", "next_number"): lambda d: ((d.int(2000, 2100),),
                                                {"committee_id": d(st.one_of(
                                                    st.none(), st.just(committee_ref(d))))}),
        ("meetings", "create_with_agenda"): lambda d: ((), {
            **d.fields(MEETINGS, ("date",)),
            "extra_items": d(st.one_of(st.none(), st.lists(any_text, max_size=3),
                                       st.lists(junk, max_size=2), junk)),
            "include_open_recommendations": d.bool()}),
        ("meetings", "agenda"): lambda d: ((d.id(M),), {}),
        ("meetings", "add_agenda_item"): lambda d: ((d.id(M, writable=True), d.text()), {
            "discussion": d.text(), "decisions": d.text(),
            "position": d(st.one_of(st.none(), st.just(d.int(0, 20))))}),
        ("meetings", "update_agenda_item"): lambda d: ((d.id(m.AgendaItem),), d.fields({
            "title": Draw.text, "discussion": Draw.text, "decisions": Draw.text,
            "position": lambda d: d.int(0, 20)})),
        ("meetings", "delete_agenda_item"): lambda d: ((d.id(m.AgendaItem),), {}),
        ("meetings", "set_attendance"): lambda d: ((d.id(M, writable=True), d.id(P),
                                                    d.code(enums.AttendanceStatus)),
                                                   {"is_guest": d(st.one_of(st.none(),
                                                                            st.just(d.bool())))}),
        ("meetings", "attendance"): lambda d: ((d.id(M),), {}),
        ("meetings", "attendance_counts"): lambda d: ((d.id(M),), {}),
        ("meetings", "mark_not_held"): lambda d: ((d.id(M, writable=True),
                                                   d.code(enums.NotHeldReason)),
                                                  {"text": d.text()}),
        ("meetings", "mark_held"): lambda d: ((d.id(M, writable=True),), {}),
        ("meetings", "adopt"): lambda d: ((d.id(M, writable=True), d.opt_id(M)), {
            "adopted_on": d(st.one_of(st.none(), st.just(d.date()))),
            "with_amendments": d.bool(),
            "scan": d(st.one_of(st.none(), st.tuples(any_text, st.binary(max_size=20)),
                                st.tuples(junk, junk), junk))}),
        ("meetings", "add_amendment"): lambda d: ((d.id(M), d.date(), d.text(), d.text()), {}),
        ("meetings", "link_threat"): lambda d: ((d.id(M, writable=True), d.id(T)), {}),
        ("meetings", "link_vulnerability"): lambda d: ((d.id(M, writable=True), d.id(V)), {}),
        ("meetings", "unlink_threat"): lambda d: ((d.id(M, writable=True), d.id(T)), {}),
        ("meetings", "unlink_vulnerability"): lambda d: ((d.id(M, writable=True), d.id(V)), {}),
        ("meetings", "previous_unadopted"): lambda d: ((d.id(M),), {}),
        ("meetings", "linked"): lambda d: ((d.id(M),), {}),
        ("meetings", "amendments"): lambda d: ((d.id(M),), {}),
        ("meetings", "reorder_agenda"): lambda d: ((d.id(M, writable=True), d(st.lists(
            st.one_of(st.integers(-1, 40), st.none(), st.text(max_size=3)), max_size=5))), {}),
        ("threats", "assess"): lambda d: ((d.id(T),), {
            "likelihood": d.code(enums.Likelihood) if d(st.booleans()) else d.int(1, 5),
            "impact": d.code(enums.Impact) if d(st.booleans()) else d.int(1, 5),
            "trend": d.code(enums.Trend), "note": d.text(), "meeting_id": d.opt_id(M),
            "date": d(st.one_of(st.none(), st.just(d.date())))}),
        ("threats", "assessments"): lambda d: ((d.id(T),), {}),
        ("threats", "add_local_type"): lambda d: ((d.text(), d(st.one_of(st.sampled_from(
            ["CRI", "CRI.BET", "LOC.x", "ZZZ"]), junk))), {}),
        ("recommendations", "add_followup"): lambda d: ((d.id(R),), {
            "status": d.code(enums.RecommendationStatus),
            "date": d(st.one_of(st.none(), st.just(d.date()))), "note": d.text(),
            "letter_number": d.text(), "sent_to": d.text(), "meeting_id": d.opt_id(M)}),
        ("recommendations", "transmit"): lambda d: ((d.id(R),), {
            "date": d.date(), "letter_number": d.text(), "sent_to": d.text(),
            "note": d.text()}),
        ("recommendations", "followups"): lambda d: ((d.id(R),), {}),
        ("committee", "create"): lambda d: ((), {
            "level": d.code(enums.CommitteeLevel), "region": d.text(), "cercle": d.text(),
            "commune": d.text(), "commune_kind": d.code(enums.CommuneKind), "code": d.text(),
            "name": d.text(), "chair_title": d.text()}),
        ("committee", "update"): lambda d: ((), d.fields(PROFILE_FIELDS)),
        ("attachments", "add_file"): lambda d: ((d(st.one_of(
            st.just(str(d.w.scan)), st.just(d.w.scan), st.sampled_from(
                ["/nonexistent/x.pdf", str(d.w.scan.parent), ""]), junk)),), {
            "kind": d.code(enums.AttachmentKind), "meeting_id": d.opt_id(M),
            "activity_id": d.opt_id(m.Activity), "description": d.text()}),
        ("attachments", "list_for"): lambda d: ((), {"meeting_id": d.opt_id(M),
                                                     "activity_id": d.opt_id(m.Activity)}),
        ("attachments", "data"): lambda d: ((d.id(m.Attachment),), {}),
        ("attachments", "remove"): lambda d: ((d.id(m.Attachment),), {}),
        ("attachments", "open_copy"): lambda d: ((d.id(m.Attachment),), {}),
        ("notes", "add"): lambda d: ((d.text(),), {
            "meeting_id": d.opt_id(M), "agenda_item_id": d.opt_id(m.AgendaItem),
            "threat_id": d.opt_id(T)}),
        ("notes", "update"): lambda d: ((d.id(m.RestrictedNote), d.text()), {}),
        ("notes", "remove"): lambda d: ((d.id(m.RestrictedNote),), {}),
        ("notes", "for_meeting"): lambda d: ((d.id(M),), {}),
    }
    return specific.get((service, method))


# Readers that take no user-typed value (or only a ListQuery built by the UI): not fuzzed.
NOT_FUZZED = {"list", "rows", "count", "distinct_values", "base_select", "own", "is_configured",
              "newest_record_time", "clock_warning", "mode", "types"}


def _is_hook(fn: Any) -> bool:
    """Methods called by the services themselves with an open session or a loaded record."""
    params = set(inspect.signature(fn).parameters)
    return bool(params & {"s", "session", "obj"})


def _service_class(name: str) -> type:
    class _NoDb:  # the classes only: nothing is opened here
        pass

    return type(getattr(Services(_NoDb()), name))  # type: ignore[arg-type]


def entry_points() -> list[tuple[str, str]]:
    """(service, method) for every public method of every service of the hub."""
    points = []
    for service, attr in vars(Services).items():
        if not isinstance(attr, cached_property):
            continue
        cls = _service_class(service)
        for meth in dir(cls):
            fn = getattr(cls, meth)
            if meth.startswith("_") or not inspect.isfunction(fn) or _is_hook(fn):
                continue
            points.append((service, meth))
    return sorted(points)


ENTRY_POINTS = entry_points()


def test_every_entry_point_has_a_strategy():
    missing = [f"{s}.{n}" for s, n in ENTRY_POINTS
               if spec_for(s, n) is None and n not in NOT_FUZZED]
    if MEASURE:
        pytest.skip(f"measure mode; no strategy: {missing}")
    assert not missing, f"public service methods without a Hypothesis strategy: {missing}"
    # the nine services are all there
    assert {s for s, _ in ENTRY_POINTS} == {"committee", "people", "meetings", "threats",
                                            "vulnerabilities", "recommendations",
                                            "activities", "attachments", "notes"}


# --- the property ------------------------------------------------------------------------------

_ENGLISH = re.compile(
    r"\b(error|errors|invalid|none|null|true|false|nan|inf|exception|traceback|integrity|"
    r"constraint|unique|failed|sqlite3?|sqlalchemy|statement|must|not|the|is|of|object|"
    r"required|unknown|cannot|expected|argument|value|values|int|str|float|bytes|list|dict|"
    r"tuple|datetime|isoformat|background)\b", re.IGNORECASE)
_CLASS_NAME = re.compile(r"\b[A-Z][a-z]+[A-Z][A-Za-z]+\b|<[a-z_.]+|0x[0-9a-f]{6,}|"
                         r"\b[A-Za-z_]+\(\)|\w+(Error|Exception)\b")


def _inputs(args: tuple, kwargs: dict) -> list[str]:
    """The strings the caller passed (a message may quote them)."""
    out = []

    def walk(v: Any) -> None:
        if isinstance(v, str):
            out.append(v.strip())
            # as a message quotes it: unprintable characters shown as "?"
            out.append("".join(ch if ch.isprintable() else "?" for ch in v.strip()))
        elif isinstance(v, (list, tuple)):
            for x in v:
                walk(x)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, Path):
            out.append(str(v))

    walk(list(args))
    walk(kwargs)
    return sorted((s for s in out if s), key=len, reverse=True)


def _quoted_spans(text: str, inputs: list[str]) -> list[tuple[int, int]]:
    """Where `text` quotes an input: every occurrence of an input, or of its first 30
    characters (quoted inputs are shortened with an ellipsis)."""
    spans = []
    for s in inputs:
        for part in {s, s[:30]}:
            start = text.find(part)
            while part and start != -1:
                spans.append((start, start + len(part)))
                start = text.find(part, start + 1)
    return spans


def english_in(text: str, inputs: list[str]) -> list[str]:
    """The English words and code fragments of a message, the quoted inputs aside.

    Matched on the ORIGINAL message (its own word boundaries), never on a message with the
    inputs cut out: cutting an input out of the middle of a French word made English of it
    ("Notes" without "es" is "Not"). A match is left out only when it
    lies inside one quoted input; a word the message itself wrote (wholly or in part) is
    checked whole."""
    spans = _quoted_spans(text, inputs)
    found = []
    for pattern in (_ENGLISH, _CLASS_NAME):
        for match in pattern.finditer(text):
            if not any(a <= match.start() and match.end() <= b for a, b in spans):
                found.append(match.group(0))
    return found


def check_message(exc: UserError, args: tuple, kwargs: dict) -> None:
    text = str(exc)
    assert text.strip(), f"empty message from {type(exc).__name__}"
    found = english_in(text, _inputs(args, kwargs))
    assert not found, f"English or code {found} in the message: {text!r}"
    assert "Background on this" not in text and "(sqlite3." not in text


def test_the_english_detector_never_splits_a_french_word() -> None:
    """The flaky failure: an input ("es") cut out of "Notes" left "Not"."""
    message = ("Le titre est obligatoire. Notes : ce texte contient des caractères "
               "invisibles, retirez-les.")
    for value in ("es", "ote", "s", "Notes", " es ", "tes : ce"):
        check_message(UserError(message), (), {"notes": value})
    check_message(UserError(message), ("N", "es"), {})
    # a quoted input is never the message's English, whole or shortened
    check_message(UserError("La valeur « None » est refusée."), ("None",), {})
    long = "Error invalid None " * 5
    check_message(UserError(f"Texte « {long[:30]}… » trop long."), (long,), {})


@pytest.mark.parametrize("message, word", [
    ("Error : la date est invalide.", "Error"),
    ("La date est invalid.", "invalid"),
    ("La valeur None est refusée.", "None"),
    ("Échec (IntegrityError).", "IntegrityError"),
    ("Échec : ValueError dans la base.", "ValueError"),
    ("Objet <ccs_desktop.db.models.Meeting à 0x7f3a2b4c5d60>.", "<ccs_desktop.db.models."),
    ("Le champ is required.", "is"),
    ("Notes : not null constraint failed", "not"),
])
def test_the_english_detector_still_catches_english(message, word) -> None:
    found = english_in(message, ["es", "date", "x", "e", "r"])
    assert word in found, (message, found)
    with pytest.raises(AssertionError, match="English"):
        check_message(UserError(message), ("es", "date"), {"x": "abc"})
    # English that the message itself wrote next to a quoted input is still English
    with pytest.raises(AssertionError, match="English"):
        check_message(UserError(f"« abc » {message}"), ("abc",), {})


FUZZED = [(s, n) for s, n in ENTRY_POINTS if spec_for(s, n) is not None]


@pytest.mark.parametrize(("service", "method"), FUZZED, ids=[f"{s}.{n}" for s, n in FUZZED])
def test_entry_point_refuses_bad_input_in_french_and_writes_nothing(world, service, method):
    world.top_up()
    make = spec_for(service, method)
    call = getattr(getattr(world.sv, service), method)

    @PROFILE
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        args, kwargs = make(Draw(data, world))
        before = world.checksum()
        STATS[f"{service}.{method}"] += 1
        try:
            call(*args, **kwargs)
        except UserError as exc:
            try:
                check_message(exc, args, kwargs)
                assert world.checksum() == before, "a refused call changed the database"
            except AssertionError:
                if not MEASURE:
                    raise
                UNEXPECTED[f"{service}.{method}:message-or-write"] += 1
        except Exception as exc:  # noqa: BLE001
            if not MEASURE:
                raise
            UNEXPECTED[type(exc).__name__] += 1

    run()
