"""The services' messages and the national threat typology go through the one catalog:
French by default (exactly today's words), English when the interface speaks English; what is
data (the seeded typology, documents) stays French whatever the language."""

from __future__ import annotations

import dataclasses
import re

import pytest
from french import fr  # tests/french.py: the catalog's typography

from ccs_desktop.db import models as m
from ccs_desktop.domain.threat_types import NATIONAL_CODES, national_types
from ccs_desktop.services.errors import DatabaseBusy, NotFound, ReadOnly, ValidationError
from ccs_desktop.services.hub import Services

ACCENTED = re.compile(r"[À-ÿœŒ«»]")

# the labels migration 0001 seeds (data: French by design), as a secretary reads them today
SEEDED = {
    "VCC": "Violences contre les civils",
    "VCC.ENL": "Enlèvement",
    "CRI.ALPC": "Circulation illicite d'armes légères et de petit calibre (ALPC)",
    "COM.AGE": "Conflits agriculteurs-éleveurs",
    "EXT.MEN": "Menaces",
    "MAN.EME": "Émeute",
    "NAT.SEC": "Sécheresse",
    "PAI.RET": "Retours de déplacés",
}


@pytest.fixture
def sv(committee_db):
    return Services(committee_db)


def _errors(call, *args, **kwargs) -> dict[str, str]:
    with pytest.raises(ValidationError) as info:
        call(*args, **kwargs)
    return info.value.errors


def _english(text: str) -> None:
    assert not ACCENTED.search(text), text


# --- meetings -------------------------------------------------------------------------------

def _bad_meeting(sv: Services) -> dict[str, str]:
    return _errors(sv.meetings.create, date="2024-04-12", start_time="10 h 00",
                   end_time="9 h 30", convocation_date="2024-05-01")


def test_meeting_errors_keep_their_french(sv):
    errors = _bad_meeting(sv)
    # the times are values put into the sentence (their own spaces), not typeset with it
    assert errors["end_time"] == fr("La réunion ne peut pas finir ({}) avant d'avoir "
                                    "commencé ({}).").format("09 h 30", "10 h 00")
    assert errors["convocation_date"] == fr("La convocation ne peut pas être datée après la "
                                            "réunion.")
    assert _errors(sv.meetings.create, date=None)["date"] == fr(
        "Date de la réunion : ce champ est obligatoire.")
    assert _errors(sv.meetings.create, date="12/04/2024")["date"].startswith(
        fr("Date de la réunion : "))
    sv.meetings.create(date="2024-04-12")
    assert _errors(sv.meetings.create, date="2024-05-12", number=1)["number"] == fr(
        "Une réunion porte déjà le numéro 1 en 2024 : choisissez un autre numéro.")


def test_meeting_errors_in_english(sv, english):
    errors = _bad_meeting(sv)
    assert errors["end_time"] == "The meeting cannot end (09:30) before it has started (10:00)."
    assert errors["convocation_date"] == "The convocation cannot be dated after the meeting."
    assert _errors(sv.meetings.create, date=None)["date"] == (
        "Meeting date: this field is required.")
    # the field's name is English; the rest of the sentence comes from the validation layer
    assert _errors(sv.meetings.create, date="12/04/2024")["date"].startswith("Meeting date")
    sv.meetings.create(date="2024-04-12")
    message = _errors(sv.meetings.create, date="2024-05-12", number=1)["number"]
    assert message == "A meeting already has number 1 in 2024: choose another number."
    for text in (*errors.values(), message):
        _english(text)


def test_an_adopted_pv_refuses_changes_in_both_languages(sv, english):
    held = sv.meetings.create(date="2024-04-12", status="held")
    later = sv.meetings.create(date="2024-05-10", status="held")
    sv.meetings.adopt(held.id, later.id)
    with pytest.raises(ReadOnly) as info:
        sv.meetings.update(held.id, notes="x")
    assert str(info.value) == (f"The minutes {held.reference} are adopted: they no longer "
                               "change. To correct them, add an amendment.")
    message = _errors(sv.recommendations.create, text="Éclairer le marché",
                      meeting_id=held.id)["meeting_id"]
    assert message == (f"The minutes {held.reference} are adopted: no more recommendations "
                       "are added to them.")

    from ccs_desktop import i18n

    i18n.set_language("fr")
    with pytest.raises(ReadOnly) as info:
        sv.meetings.update(held.id, notes="x")
    assert str(info.value) == fr("Le procès-verbal {} est adopté : il ne change plus. Pour le "
                                 "corriger, ajoutez un rectificatif.").format(held.reference)


# --- recommendations ------------------------------------------------------------------------

def test_a_recommendation_without_text(sv, english):
    errors = _errors(sv.recommendations.create, text="", threat_ids=5)
    assert errors["text"].startswith("Text of the recommendation")
    assert errors["threat_ids"] == "Threat: a list of numbers is expected."
    rec = sv.recommendations.create(text="Éclairer le marché")
    assert _errors(sv.recommendations.add_followup, rec.id, status="transmitted")["sent_to"] \
        == "Sent to: give the addressee of the letter."


def test_a_recommendation_without_text_in_french(sv):
    errors = _errors(sv.recommendations.create, text="", threat_ids=5)
    assert errors["text"].startswith(fr("Texte de la recommandation : "))
    assert errors["threat_ids"] == fr("Menace : une liste de numéros est attendue.")
    rec = sv.recommendations.create(text="Éclairer le marché")
    assert _errors(sv.recommendations.add_followup, rec.id, status="transmitted")["sent_to"] \
        == fr("Transmise à : indiquez le destinataire de la lettre.")


# --- deleting and undoing: each kind its own whole sentence ----------------------------------

def _records(sv: Services) -> dict[str, int]:
    person = sv.people.create(family_name="KONTA", given_names="Yehya", sex="H",
                              category="admin")
    return {
        "meetings": sv.meetings.create(date="2024-04-12").id,
        "people": person.id,
        "threats": sv.threats.create(title="Vols de bétail", type_code="CRI.BET").id,
        "vulnerabilities": sv.vulnerabilities.create(title="Pas d'éclairage").id,
        "recommendations": sv.recommendations.create(text="Éclairer le marché").id,
        "activities": sv.activities.create(title="Causerie", date="2024-04-02").id,
    }


FRENCH_NOT_DELETED = {
    "meetings": "Cette réunion n'est pas supprimée : rien à rétablir.",
    "people": "Cette personne n'est pas supprimée : rien à rétablir.",
    "threats": "Cette menace n'est pas supprimée : rien à rétablir.",
    "vulnerabilities": "Cette vulnérabilité n'est pas supprimée : rien à rétablir.",
    "recommendations": "Cette recommandation n'est pas supprimée : rien à rétablir.",
    "activities": "Cette activité n'est pas supprimée : rien à rétablir.",
}
ENGLISH = {"meetings": "meeting", "people": "person", "threats": "threat",
           "vulnerabilities": "vulnerability", "recommendations": "recommendation",
           "activities": "activity"}


def test_undoing_a_delete_twice_in_french(sv):
    for kind, key in _records(sv).items():
        service = getattr(sv, kind)
        saved = service.delete(key)
        service.undelete(key, saved)
        with pytest.raises(ValidationError) as info:
            service.undelete(key, saved)
        assert str(info.value) == fr(FRENCH_NOT_DELETED[kind])


def test_deleting_twice_and_undoing_twice_in_english(sv, english):
    for kind, key in _records(sv).items():
        service = getattr(sv, kind)
        saved = service.delete(key)
        with pytest.raises(NotFound) as info:  # deleted twice: it is gone
            service.delete(key)
        assert str(info.value).startswith(ENGLISH[kind].capitalize())
        service.undelete(key, saved)
        with pytest.raises(ValidationError) as info:
            service.undelete(key, saved)
        assert str(info.value) == f"This {ENGLISH[kind]} is not deleted: nothing to restore."
    gone = sv.meetings.create(date="2024-06-12")
    sv.meetings.delete(gone.id)
    with pytest.raises(ValidationError) as info:
        sv.meetings.undelete(gone.id, {"bad": 1})
    assert str(info.value) == "Undo impossible: the data to restore are incomplete or altered."


# --- other services ------------------------------------------------------------------------

def test_threats_people_notes_and_lists_in_english(sv, english):
    errors = _errors(sv.threats.create, title="Vols", type_code="ZZZ", likelihood="",
                     impact="9")
    # the typed value is quoted by the validation layer (its own quotes)
    assert errors["type_code"].startswith("Unknown threat type: ")
    assert errors["likelihood"] == "Likelihood: this field is required."
    assert errors["impact"].startswith("Severity: ")
    assert errors["impact"].endswith(" does not exist; choose from 1 = Negligible, 2 = Minor, "
                                     "3 = Moderate, 4 = Major, 5 = Catastrophic.")
    assert _errors(sv.people.create, family_name="KONTA", given_names="", sex="H",
                   category="admin")["given_names"] == "Given name(s): this field is required."
    assert _errors(sv.notes.add, "x") == {
        "": "A restricted note belongs to a meeting, an agenda item or a threat."}
    from ccs_desktop.services.records import ListQuery

    assert _errors(sv.meetings.list, ListQuery(filters={"zz": 1})) == {
        "zz": "This list cannot be filtered by “zz”."}
    assert _errors(sv.meetings.create, foo=1)[""].startswith("Unknown fields: ")
    assert DatabaseBusy.MESSAGE == str(DatabaseBusy()) == (
        "The database is in use by another program (another CCS Desktop window?). Close it "
        "and try again; nothing was saved.")


def test_threats_people_notes_and_lists_in_french(sv):
    errors = _errors(sv.threats.create, title="Vols", type_code="ZZZ", likelihood="",
                     impact="9")
    assert errors["type_code"] == fr("Type de menace inconnu : « ZZZ ».")
    assert errors["likelihood"] == fr("Probabilité : ce champ est obligatoire.")
    assert errors["impact"] == fr("Gravité : « 9 » n'existe pas ; choisissez parmi "
                                  "1 = Négligeable, 2 = Mineure, 3 = Modérée, 4 = Majeure, "
                                  "5 = Catastrophique.")
    assert _errors(sv.people.create, family_name="KONTA", given_names="", sex="H",
                   category="admin")["given_names"] == fr("Prénom(s) : ce champ est "
                                                          "obligatoire.")
    assert _errors(sv.notes.add, "x") == {
        "": fr("Une note restreinte se rattache à une réunion, un point de l'ordre du jour "
               "ou une menace.")}
    from ccs_desktop.services.records import ListQuery

    assert _errors(sv.meetings.list, ListQuery(filters={"zz": 1})) == {
        "zz": fr("Cette liste ne se filtre pas par « zz ».")}
    assert _errors(sv.meetings.create, foo=1) == {"": fr("Champs inconnus : « foo ».")}
    assert DatabaseBusy.MESSAGE == str(DatabaseBusy()) == fr(
        "La base de données est occupée par un autre programme (une autre fenêtre de CCS "
        "Desktop ?). Fermez-le puis réessayez ; rien n'a été enregistré.")


def test_committee_messages(empty_db, english):
    sv = Services(empty_db)
    errors = _errors(sv.committee.create, level="commune", region="", commune="")
    assert errors == {"region": "Region: this field is required.",
                      "commune": "Commune: this field is required for a CCSC.",
                      "cercle": "Cercle: this field is required."}
    sv.committee.create(level="commune", region="Tombouctou", cercle="Diré", commune="Diré")
    assert _errors(sv.committee.create, level="commune", region="Tombouctou", cercle="Diré",
                   commune="Diré") == {"": "This database already has a committee "
                                           "configured; change it in the Settings."}
    # what is stored stays French: the committee's name and its chair's title
    own = sv.committee.own()
    assert own.name == "Comité Consultatif de Sécurité de la Commune de Diré"
    assert own.chair_title == "Maire de la Commune rurale de Diré"


def test_clock_warning_in_both_languages(sv):
    import datetime as dt

    sv.meetings.create(date="2024-04-12")
    then = dt.datetime(2001, 1, 1, 8, 30)
    assert sv.committee.clock_warning(now=then).startswith(fr(
        "Attention : l'horloge de l'ordinateur indique le 01/01/2001 08:30 (UTC), avant la "
        "dernière modification enregistrée ("))
    from ccs_desktop import i18n

    i18n.set_language("en")
    warning = sv.committee.clock_warning(now=then)
    assert warning.startswith("Warning: the computer's clock reads 01/01/2001 08:30 (UTC)")
    _english(warning)


# --- the national threat typology ------------------------------------------------------------

def test_types_follow_the_interface_language(sv, english):
    local = sv.threats.add_local_type("Vol de chèvres à Toya", "CRI.BET")
    types = {t.code: t for t in sv.threats.types()}
    assert types["VCC"].label == "Violence against civilians"
    assert types["VCC.ENL"].label == "Kidnapping"
    assert types["VCC.ENL"].parent_code == "VCC" and types["VCC.ENL"].is_national
    assert types["VCC"].parent_code is None
    # a committee's own sub-type keeps the label it typed
    assert types[local.code].label == "Vol de chèvres à Toya"
    assert types[local.code].parent_code == "CRI" and not types[local.code].is_national
    assert types[local.code].national_code == "CRI.BET"
    for code in NATIONAL_CODES:
        _english(types[code].label)
    with pytest.raises(dataclasses.FrozenInstanceError):
        types["VCC"].label = "x"  # type: ignore[misc]


def test_types_in_french_are_the_seeded_labels(sv):
    types = {t.code: t.label for t in sv.threats.types()}
    for code, label in SEEDED.items():
        # the catalog's French of a national type is the seed as migration 0001 stored it
        # (po/typeset.py leaves NationalThreatTypes alone; the next test compares the rows)
        assert types[code] == label


def test_the_database_is_seeded_in_french_whatever_the_language(data_dir, english):
    from ccs_desktop.db.engine import open_database

    db = open_database(data_dir)  # created while the interface speaks English
    try:
        with db.session() as s:
            stored = {t.code: t.label for t in s.query(m.ThreatType)}
    finally:
        db.close()
    for code, label in SEEDED.items():
        assert stored[code] == label
    # the typology's French (catalog) is exactly what the database holds, code by code
    seeds = national_types()
    assert {s.code for s in seeds} == NATIONAL_CODES == set(stored)
    for seed in seeds:
        assert seed.french == stored[seed.code], seed.code
        assert seed.label == seed.source  # English in force: the message id itself


def test_documents_print_the_type_in_french(sv, english):
    from ccs_desktop.services.documents.data import load_meeting

    meeting = sv.meetings.create(date="2024-04-12")
    threat = sv.threats.create(title="Enlèvements sur l'axe", type_code="VCC.ENL")
    sv.meetings.link_threat(meeting.id, threat.id)
    with sv.meetings.db.session() as s:
        data = load_meeting(s, meeting.id)
    assert [t.type_label for t in data.threats] == ["Enlèvement"]
