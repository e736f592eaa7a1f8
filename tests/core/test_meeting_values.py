"""What the meeting editor's tabs show comes from the meetings service as small frozen values:
the linked threats (re-assessed here or not) and vulnerabilities, the amendments, and what an
adoption changed."""

from __future__ import annotations

import dataclasses

import pytest

from ccs_desktop.services.hub import Services
from ccs_desktop.services.meetings import Adoption, AmendmentRow, MeetingLinks


@pytest.fixture
def sv(committee_db):  # noqa: ANN001, ANN201
    return Services(committee_db)


def test_linked_threats_and_vulnerabilities_are_frozen_values(sv):
    meeting = sv.meetings.create(date="2024-04-12", status="held")
    kept = sv.threats.create(title="Vols de bétail", type_code="CRI.BET", place_kind="village",
                             place_name="Toya", likelihood=3, impact=3)
    gone = sv.threats.create(title="Ancienne menace", type_code="CRI.BET", likelihood=1,
                             impact=1)
    vuln = sv.vulnerabilities.create(title="Piste non éclairée", place_name="Toya")
    for tid in (kept.id, gone.id):
        sv.meetings.link_threat(meeting.id, tid)
    sv.meetings.link_vulnerability(meeting.id, vuln.id)
    sv.threats.assess(kept.id, likelihood=4, impact=3, trend="up", note="",
                      meeting_id=meeting.id)
    sv.threats.delete(gone.id)
    links = sv.meetings.linked(meeting.id)
    assert isinstance(links, MeetingLinks)
    assert [(t.title, t.score, t.level, t.reassessed_here) for t in links.threats] == [
        ("Vols de bétail", 12, sv.threats.get(kept.id).level, True)]
    assert [(x.title, x.place_name) for x in links.vulnerabilities] == [
        ("Piste non éclairée", "Toya")]
    with pytest.raises(dataclasses.FrozenInstanceError):
        links.threats[0].title = "autre"  # type: ignore[misc]


def test_amendments_and_adoption_are_frozen_values(sv):
    first = sv.meetings.create(date="2024-04-12", status="held")
    nxt = sv.meetings.create(date="2024-05-10")
    adoption = sv.meetings.adopt(first.id, nxt.id)
    assert isinstance(adoption, Adoption)
    assert (adoption.meeting_id, adoption.adopted_by_meeting_id, adoption.reference) == (
        first.id, nxt.id, first.reference)
    assert adoption.adopted_on == nxt.date and adoption.archived
    assert sv.meetings.amendments(first.id) == []
    sv.meetings.add_amendment(first.id, "2024-06-01", "Erreur d'heure", "Lire 13 h 30.")
    sv.meetings.add_amendment(first.id, "2024-05-20", "Erreur de nom", "Lire Touré.")
    rows = sv.meetings.amendments(first.id)
    assert all(isinstance(r, AmendmentRow) for r in rows)
    assert [(str(r.date), r.reason) for r in rows] == [("2024-05-20", "Erreur de nom"),
                                                       ("2024-06-01", "Erreur d'heure")]
    with pytest.raises(dataclasses.FrozenInstanceError):
        rows[0].text = "autre"  # type: ignore[misc]
